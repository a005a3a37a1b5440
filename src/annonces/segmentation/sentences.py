"""Rule-based sentence boundaries in linear time (spaCy-free).

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with the closing quotes and brackets
after it) when whitespace and an uppercase letter, a digit or an opening quote follow,
and at every paragraph break.  It never ends inside ``« … »`` (nesting tracked up to
:data:`MAX_DEPTH`), between the digits of a number, after an abbreviation of
``segment_abbreviations.csv`` (``M.``, ``inc.``, ``janv.``) or an initial (``J.-F.``),
nor after the number of an enumeration (``1. La Ville``).  Each character is read a
bounded number of times, whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize.text import BULLET_CLASS, DASH_CHARS, FINAL, char_class
from ..textview import repair
from .cues import abbreviations

#: quote nesting is counted up to this depth (deeper openers are not counted)
MAX_DEPTH = 3
#: characters read backwards to find the word before a period
MAX_WORD = 24

OPENERS = "«“„"
CLOSERS = "»”"
STRAIGHT = '"'
_SPACE = " \t\u00a0\u202f\u2009\u2007"
_STARTERS = OPENERS + STRAIGHT + "([" + DASH_CHARS
_WORD_STOP = frozenset(_SPACE + "\n(«“\"[")
_EVENT = re.compile(char_class(OPENERS + CLOSERS + STRAIGHT) + "|" + char_class(FINAL) + "+")
_INITIALS = re.compile(r"[A-ZÀ-ÖØ-Þ](?:\.-?[A-ZÀ-ÖØ-Þ])*")
_NON_BLANK = re.compile(r"\S[^\n]*")
_ENUM_PREFIX = re.compile(rf"\s*(?:{BULLET_CLASS}\s*)?")


@dataclass(frozen=True)
class Split:
    """Sentence spans of one paragraph and the quote state at its end."""

    spans: tuple[tuple[int, int], ...]
    open_quotes: int


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-blank lines of ``text``, trimmed: each is a paragraph of a (repaired) release.

    >>> t = "Titre\\n\\n  Premier paragraphe.  \\nSecond."
    >>> [t[a:b] for a, b in paragraph_spans(t)]
    ['Titre', 'Premier paragraphe.', 'Second.']
    """
    return [(m.start(), m.start() + len(m.group().rstrip())) for m in _NON_BLANK.finditer(text)]


def _word_before(text: str, end: int, lo: int) -> tuple[str, int]:
    """The word ending at ``end`` (read back at most :data:`MAX_WORD` characters)."""
    i = end
    stop = max(lo, end - MAX_WORD)
    while i > stop and text[i - 1] not in _WORD_STOP:
        i -= 1
    if i == stop and stop > lo and text[i - 1] not in _WORD_STOP:
        return "", i  # too long to be an abbreviation
    return text[i:end], i


def _keeps_going(text: str, word: str, word_start: int, lo: int, nxt: str) -> bool:
    """True when the period after ``word`` does not end the sentence."""
    if not word:
        return False
    cut = max(word.rfind("'"), word.rfind("’"))
    bare = word[cut + 1 :] if cut >= 0 else word
    sensitive, insensitive = abbreviations()
    if bare in sensitive or bare.lower() in insensitive:
        return True
    if _INITIALS.fullmatch(bare):
        return True
    if bare.isdigit():
        if nxt.isdigit():
            return True  # a number, not a sentence end: "1. 5"
        prefix = _ENUM_PREFIX.fullmatch(text, lo, word_start)
        if prefix is not None and len(bare) <= 2:
            return True  # "1. La Ville de Gaspé" at the start of a line
    return False


def _after_closers(text: str, j: int, hi: int, depth: int, straight: bool) -> tuple[int, int, bool]:
    """Skip the closing quotes and brackets after a terminator; the quote state after them."""
    end = j
    k = j
    while k < hi:
        c = text[k]
        if c in _SPACE:
            k += 1
        elif c in CLOSERS:
            depth = max(0, depth - 1)
            k += 1
            end = k
        elif c == STRAIGHT and straight:
            straight = False
            k += 1
            end = k
        elif c in ")]":
            k += 1
            end = k
        else:
            break
    return end, depth, straight


def split_paragraph(text: str, lo: int, hi: int) -> Split:
    """Sentence spans of the paragraph ``text[lo:hi]`` (no newline inside).

    >>> t = "« Je suis heureuse. C'est un grand jour », a dit la ministre. M. Roy a ajouté 2 M$."
    >>> [t[a:b] for a, b in split_paragraph(t, 0, len(t)).spans]
    ["« Je suis heureuse. C'est un grand jour », a dit la ministre.", 'M. Roy a ajouté 2 M$.']
    """
    depth = 0
    straight = False
    spans: list[tuple[int, int]] = []
    start = lo
    for m in _EVENT.finditer(text, lo, hi):
        c = m.group()
        if c in OPENERS:
            depth = min(MAX_DEPTH, depth + 1)
            continue
        if c in CLOSERS:
            depth = max(0, depth - 1)
            continue
        if c == STRAIGHT:
            straight = not straight
            continue
        end, d, st = _after_closers(text, m.end(), hi, depth, straight)
        if d or st:
            continue
        k = end
        while k < hi and text[k] in _SPACE:
            k += 1
        if k == end or k >= hi:
            continue
        nxt = text[k]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _STARTERS):
            continue
        if c == ".":
            word, word_start = _word_before(text, m.start(), lo)
            if _keeps_going(text, word, word_start, lo, nxt):
                continue
        spans.append((start, end))
        start = k
    spans.append((start, hi))
    return Split(tuple(spans), depth + (1 if straight else 0))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, offsets into ``text``.

    PDF-style text is repaired first (:func:`annonces.textview.repair`), so a hard line
    wrap is not a boundary there; elsewhere every newline is.

    >>> t = "M. Fitzgibbon annonce 2 307 663 $. La Ville de Gaspé reçoit 1,5 M$.\\nCitations :"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['M. Fitzgibbon annonce 2 307 663 $.', 'La Ville de Gaspé reçoit 1,5 M$.', 'Citations :']
    """
    view = repair(text)
    out = []
    for lo, hi in paragraph_spans(view.text):
        for a, b in split_paragraph(view.text, lo, hi).spans:
            out.append(view.span_to_original(a, b))
    return out
