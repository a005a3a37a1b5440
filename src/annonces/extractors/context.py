"""Small context helpers shared by the rule extractors (spaCy-free).

**Clause windows.**  The extractors do not split the text (the segmenter's ``Layout``
does); they bound a search around one match with the breaks below, all built from the
sentence and clause marks of :mod:`annonces.normalize.text` (``SENTENCE_END``,
``CLAUSE_END``), and walk to them with :func:`last_break` / :func:`first_break`:

* :data:`SENTENCE_BREAK`: a sentence end before a new sentence, or a newline
  (:func:`clause_start`, :func:`clause_end`: a minister's title, the records' fallback);
* :data:`CLAUSE_BREAK`: a clause end, a colon or a newline (the cues of an amount's role);
* :data:`LEAD_BREAK`: a sentence end or a colon before a blank, or a blank line (the lead
  sentence of a list);
* :data:`ASIDE_BREAK`: a sentence end before a blank, or a newline (the sentence around an
  aside ``Nom (25 000 $)``);
* :data:`CLAUSE_MARK`, :data:`PHRASE_MARK`: a clause end or newline (and a comma) with no
  context (a date's clause, read on a few words);
* :func:`opens_sentence`: whether a capital may open a sentence where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..normalize.text import CLAUSE_END, SENTENCE_END, char_class
from ..types import Segment

_SENTENCE_END = char_class(SENTENCE_END)
#: a sentence end before blanks and a new sentence (not after ``M.``, ``MM.``, ``Mme.``, ``inc.``, ``St.``), or a newline
SENTENCE_BREAK = re.compile(rf"(?<!\bM)(?<!\bMM)(?<!\bMme)(?<!\binc)(?<!\bSt){_SENTENCE_END}(?=\s+[«\"A-ZÀ-ÖØ-Þ0-9])|\n")
#: a clause end (a full stop only before a blank or the end of the window, and not the one of a
#: title ``M.``/``MM.``/``Dr.``/``hon.``, in any case), a colon or a newline
CLAUSE_BREAK = re.compile(char_class(CLAUSE_END.replace(".", "") + "\n")
                          + r"|(?<!\b[Mm])(?<!\b[Mm]{2})(?<!\b[Dd]r)(?<!\b[Hh]on)\.(?=\s|$)|:")
#: a sentence end or a colon before a blank, or a blank line
LEAD_BREAK = re.compile(rf"{char_class(SENTENCE_END + ':')}(?=\s)|\n[^\S\n]*\n")
#: a sentence end before a blank, or a newline
ASIDE_BREAK = re.compile(rf"{_SENTENCE_END}(?=\s)|\n")
#: a clause end or a newline, read with no context
CLAUSE_MARK = re.compile(char_class(CLAUSE_END + "\n"))
#: :data:`CLAUSE_MARK` or a comma
PHRASE_MARK = re.compile(char_class(CLAUSE_END + ",\n"))
#: the dashes after which a capital may open a sentence: hyphen, en and em dashes only (not all of
#: normalize.text.DASH_CHARS: with the figure dash, "2015 ‒ Aujourd'hui" of a real release would
#: become a relative date, an output change kept for a separate fix)
_SPACED_DASHES = "–—-"
#: what a sentence may start after (blanks between): the text's start, a clause end, a colon,
#: quotes, a newline, an opening bracket, a dash
_OPENS = re.compile(r"(?:\A|" + char_class(CLAUSE_END + ':«»"\n([' + _SPACED_DASHES) + r")\s*\Z")

Keep = Callable[[re.Match[str]], bool]


def last_break(breaks: re.Pattern[str], text: str, lo: int, hi: int, keep: Keep | None = None) -> int:
    """The end of the last match of ``breaks`` in ``text[lo:hi]`` that ``keep`` accepts, ``lo`` when none.

    The search stops at ``hi`` as the end of the text would (a ``$`` or a lookahead sees no further).

    >>> t = "Fin. Une aide; de 5 $"
    >>> t[last_break(CLAUSE_BREAK, t, 0, t.index("5")):]
    ' de 5 $'
    >>> last_break(CLAUSE_BREAK, t, 0, t.index("5"), keep=lambda m: m.group() != ";")
    4
    """
    last = lo
    for m in breaks.finditer(text, lo, hi):
        if keep is None or keep(m):
            last = m.end()
    return last


def first_break(breaks: re.Pattern[str], text: str, lo: int, hi: int, keep: Keep | None = None) -> int:
    """The start of the first match of ``breaks`` in ``text[lo:hi]`` that ``keep`` accepts, ``hi`` when none.

    >>> t = "5 $ pour la Ville, qui est ravie. Autre"
    >>> t[:first_break(PHRASE_MARK, t, 0, len(t))], t[:first_break(ASIDE_BREAK, t, 0, len(t))]
    ('5 $ pour la Ville', '5 $ pour la Ville, qui est ravie')
    """
    for m in breaks.finditer(text, lo, hi):
        if keep is None or keep(m):
            return m.start()
    return hi


def opens_sentence(text: str, pos: int) -> bool:
    """Whether ``text[pos]`` may open a sentence, judged on the 3 characters before it.

    >>> opens_sentence("Fin. Vendredi", 5), opens_sentence("le Vendredi fou", 3), opens_sentence("Vendredi", 0)
    (True, False, True)
    """
    return _OPENS.search(text[max(0, pos - 3):pos]) is not None


def clause_start(text: str, pos: int, limit: int = 400) -> int:
    """Start of the sentence holding ``pos`` (a light rule: newline or end punctuation).

    >>> t = "Première phrase. M. Untel annonce une aide."
    >>> t[clause_start(t, t.index("annonce")):]
    'M. Untel annonce une aide.'
    """
    lo = max(0, pos - limit)
    last = lo
    for m in SENTENCE_BREAK.finditer(text, lo, min(len(text), pos + 1)):
        if m.end() <= pos:
            last = m.end()
    while last < pos and text[last].isspace():
        last += 1
    return last


def clause_end(text: str, pos: int, limit: int = 400) -> int:
    """End of the sentence holding ``pos`` (exclusive, after the punctuation).

    >>> t = "Une aide de 5 $ à M. Untel. Autre phrase."
    >>> t[:clause_end(t, 3)]
    'Une aide de 5 $ à M. Untel.'
    """
    m = SENTENCE_BREAK.search(text, pos, min(len(text), pos + limit))
    if m is None:
        return min(len(text), pos + limit)
    return m.end() if text[m.start()] != "\n" else m.start()


def section_at(sections: Sequence[Segment], pos: int) -> Segment | None:
    """The section containing ``pos``, if any (sections sorted and non-overlapping).

    >>> secs = [Segment("title", 0, 10), Segment("body", 12, 40)]
    >>> section_at(secs, 15).label, section_at(secs, 11)
    ('body', None)
    """
    lo, hi = 0, len(sections)
    while lo < hi:
        mid = (lo + hi) // 2
        if sections[mid].start <= pos:
            lo = mid + 1
        else:
            hi = mid
    i = lo - 1
    if i >= 0 and sections[i].start <= pos < sections[i].end:
        return sections[i]
    return None


class SpanIndex:
    """Overlap and containment queries over short character spans in constant time per query.

    >>> idx = SpanIndex([(10, 20), (30, 35)])
    >>> idx.overlaps(15, 40), idx.overlaps(20, 30), idx.covers(11, 19), idx.covers(18, 31)
    (True, False, True, False)
    """

    BLOCK = 256

    def __init__(self, spans=()) -> None:
        self.blocks: dict[int, list[tuple[int, int]]] = {}
        for s, e in spans:
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        for b in range(s // self.BLOCK, max(s, e - 1) // self.BLOCK + 1):
            self.blocks.setdefault(b, []).append((s, e))

    def _near(self, s: int, e: int):
        for b in range(s // self.BLOCK, max(s, e - 1) // self.BLOCK + 1):
            yield from self.blocks.get(b, ())

    def overlaps(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self._near(s, e))

    def covers(self, s: int, e: int) -> bool:
        return any(a <= s and e <= b for a, b in self._near(s, e))


_TITLE_HEAD = re.compile(r"\bministres?\b", re.IGNORECASE)
_TITLE_BREAK = re.compile(r"\b(?:a|ont|est|sont|annonc\w*|au nom|qui|que|dans le cadre|par|grâce|pour|l'octroi|d'une?|une?)\b|(?:M\.|Mme)[ ]|\d", re.IGNORECASE)
_TITLE_COMMA = re.compile(r",(?![ ]*(?:de|des|du|d'|à|aux|au|et|ministre|vice|député|responsable)\b)", re.IGNORECASE)


def inside_minister_title(u: str, pos: int) -> bool:
    """True when ``pos`` is inside a minister's title (``ministre responsable de la Stratégie …``).

    >>> t = "la ministre responsable de la Stratégie numérique, Mme Anglade"
    >>> inside_minister_title(t, t.index("Stratégie"))
    True
    >>> t = "la ministre de la Culture, l'octroi d'une aide de 5 $ au Carrefour culturel"
    >>> inside_minister_title(t, t.index("Carrefour"))
    False
    """
    left = u[clause_start(u, pos):pos]
    heads = list(_TITLE_HEAD.finditer(left))
    if not heads:
        return False
    gap = left[heads[-1].end():]
    return len(gap) <= 160 and not _TITLE_BREAK.search(gap) and not _TITLE_COMMA.search(gap) and "\n" not in gap
