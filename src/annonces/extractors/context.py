"""Small context helpers shared by the rule extractors (spaCy-free)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..types import Segment

_BOUNDARY = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\bMme)(?<!\binc)(?<!\bSt)[.!?](?=\s+[«\"A-ZÀ-ÖØ-Þ0-9])|\n")


def clause_start(text: str, pos: int, limit: int = 400) -> int:
    """Start of the sentence holding ``pos`` (a light rule: newline or end punctuation).

    >>> t = "Première phrase. M. Untel annonce une aide."
    >>> t[clause_start(t, t.index("annonce")):]
    'M. Untel annonce une aide.'
    """
    lo = max(0, pos - limit)
    last = lo
    for m in _BOUNDARY.finditer(text, lo, min(len(text), pos + 1)):
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
    m = _BOUNDARY.search(text, pos, min(len(text), pos + limit))
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
