"""PDF-style text repaired into paragraphs, with every offset mapped back to the original.

Text extracted from PDFs breaks lines at the page width (``... pour le réseau\\nculturel``),
cuts words at line ends (``finan-\\ncement``) and repeats page headers and numbers.
:func:`repair` detects that shape and joins the lines of each paragraph; for a normal
release it is the identity.  The repaired text is made of runs copied from the original
(a joining newline becomes a space in place, a cut hyphen and its newline are dropped),
so :meth:`TextView.to_original` maps any repaired offset back with a binary search.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from collections.abc import Sequence
from typing import NamedTuple

from . import patterns
from .normalize.text import DASH_CLASS, FINAL, LIST_MARK

_CLOSERS = "»”\")]"
_LIST_MARK = re.compile(rf"{LIST_MARK}\s")
_PAGE_NUMBER = re.compile(r"(?i:page\s*)?\d{1,4}(?:\s*(?:/|de|sur|of)\s*\d{1,4})?|" + DASH_CLASS + r"\s*\d{1,4}\s*" + DASH_CLASS)
_END_MARK = re.compile(DASH_CLASS + r"\s*30\s*" + DASH_CLASS)
_CUT_WORD = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’]*(?:-[^\W\d_]+)*)-$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_NON_BLANK = re.compile(r"\S[^\n]*")


@cache
def _hyphen_words() -> tuple[frozenset[str], frozenset[str]]:
    """``(prefixes, suffixes)`` whose line-end hyphen is a real hyphen (``peut-\\nêtre``)."""
    prefixes: set[str] = set()
    suffixes: set[str] = set()
    for row in patterns.rows("segment_hyphenation.csv"):
        (prefixes if row["side"] == "prefix" else suffixes).add(row["word"].strip().lower())
    return frozenset(prefixes), frozenset(suffixes)


@dataclass(frozen=True)
class TextView:
    """A repaired text and the map of its offsets into ``original``.

    ``runs`` holds ``(repaired_start, original_start)`` pairs: from each repaired start the
    characters are copied one-to-one from the original until the next run.  An empty
    ``runs`` is the identity.  ``dropped`` lists the original spans removed as page
    furniture (repeated headers, page numbers).

    >>> v = repair("Le programme soutient le finan-\\ncement de projets.")
    >>> v.text
    'Le programme soutient le finan-\\ncement de projets.'
    >>> v.to_original(10), v.span_to_original(3, 12)
    (10, (3, 12))
    """

    text: str
    original: str
    runs: tuple[tuple[int, int], ...] = ()
    dropped: tuple[tuple[int, int], ...] = ()

    @property
    def is_identity(self) -> bool:
        """True when nothing was repaired."""
        return not self.runs

    def to_original(self, i: int) -> int:
        """The original offset of repaired offset ``i`` (``0 <= i <= len(text)``)."""
        if not self.runs:
            return i
        k = bisect.bisect_right(self.runs, (i, len(self.original) + 1)) - 1
        start, origin = self.runs[max(k, 0)]
        return origin + (i - start)

    def from_original(self, o: int) -> int:
        """The repaired offset of original offset ``o`` (the next kept character when ``o`` was dropped).

        >>> v = repair("Une aide finan-\\ncière.", wrapped=True)
        >>> v.text, v.from_original(16), v.text[v.from_original(16)]
        ('Une aide financière.', 14, 'c')
        """
        if not self.runs:
            return o
        starts = [origin for _r, origin in self.runs]
        k = bisect.bisect_right(starts, o) - 1
        if k < 0:
            return self.runs[0][0]
        start, origin = self.runs[k]
        limit = self.runs[k + 1][0] if k + 1 < len(self.runs) else len(self.text)
        return min(start + (o - origin), limit)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering the characters of repaired ``[start, end)``."""
        if end <= start:
            p = self.to_original(start)
            return p, p
        return self.to_original(start), self.to_original(end - 1) + 1


class _Line(NamedTuple):
    start: int  # original offset of the first character
    end: int  # original offset of the newline (or len(text))
    lo: int  # first non-space character
    hi: int  # after the last non-space character

    def stripped(self, text: str) -> str:
        return text[self.lo : self.hi]


def _lines(text: str) -> list[_Line]:
    """The non-blank lines of ``text`` (found by a linear regex scan)."""
    out = []
    for m in _NON_BLANK.finditer(text):
        lo, end = m.start(), m.end()
        out.append(_Line(text.rfind("\n", 0, lo) + 1, end, lo, lo + len(m.group().rstrip())))
    return out


def _cut_word(line: str) -> re.Match[str] | None:
    """The word cut by a hyphen at the end of ``line`` (only its last 60 characters are read)."""
    return _CUT_WORD.search(line, max(0, len(line) - 60))


def _ends_final(s: str) -> bool:
    s = s.rstrip(_CLOSERS + " ")
    return bool(s) and s[-1] in FINAL  # a line ending like a sentence may end a paragraph


def _looks_wrapped(text: str, lines: list[_Line]) -> bool:
    """Many lines of similar width that continue on the next line: a PDF extraction."""
    long_lines = [ln.hi - ln.lo for ln in lines if ln.hi - ln.lo >= 25]
    if len(long_lines) < 3:
        return False
    long_lines.sort()
    if long_lines[len(long_lines) // 2] > 130:
        return False  # one paragraph per line: a normal release
    soft = cut = 0
    for a, b in zip(lines, lines[1:]):
        sa, sb = a.stripped(text), b.stripped(text)
        if not (25 <= len(sa) <= 140) or not sb[0].islower():
            continue
        if _cut_word(sa):
            cut += 1
        elif not _ends_final(sa):
            soft += 1
    return soft + 2 * cut >= 3 and soft + cut >= 0.25 * len(long_lines)


def _furniture(text: str, lines: list[_Line]) -> set[int]:
    """Indexes of page-number lines and of header/footer lines repeated across pages."""
    paged = "\f" in text
    counts: dict[str, int] = {}
    keys: dict[int, str] = {}
    for i, ln in enumerate(lines):
        s = ln.stripped(text)
        if s and len(s) <= 100:
            key = _SPACES.sub(" ", _DIGITS.sub("#", s.casefold()))
            keys[i] = key
            counts[key] = counts.get(key, 0) + 1
    out = set()
    for i, key in keys.items():
        s = lines[i].stripped(text)
        if _END_MARK.fullmatch(s):
            continue
        if _PAGE_NUMBER.fullmatch(s):
            out.add(i)
        elif not s[0].islower() and (counts[key] >= 3 or (paged and counts[key] >= 2 and len(key) > 3)):
            out.add(i)  # a running header or footer (prose lines rarely repeat, never capitalized)
    return out


def _fixed_lines(lines: list[_Line], fixed: Sequence[tuple[int, int]]) -> set[int]:
    """Indexes of the lines whose first character lies in one of the (sorted) ``fixed`` spans."""
    out: set[int] = set()
    spans = sorted(fixed)
    k = 0
    for i, ln in enumerate(lines):
        while k < len(spans) and spans[k][1] <= ln.lo:
            k += 1
        if k < len(spans) and spans[k][0] <= ln.lo < spans[k][1]:
            out.add(i)
    return out


def _join(text: str, a: _Line, b: _Line, width: int) -> str:
    """How line ``a`` continues into ``b``: ``"cut"``, ``"hyphen"``, ``"space"`` or ``"break"``."""
    sa, sb = a.stripped(text), b.stripped(text)
    if _LIST_MARK.match(sb) or _END_MARK.fullmatch(sb):
        return "break"
    first = sb[0]
    cut = _cut_word(sa)
    if cut and first.isupper():
        return "hyphen"  # a compound name cut after its hyphen: Rivière-du-\nLoup
    if cut and first.islower():
        prefixes, suffixes = _hyphen_words()
        head = cut.group(1)
        tail = _FIRST_WORD.match(sb)
        keep = "-" in head or head.lower() in prefixes or (tail is not None and tail.group().lower() in suffixes)
        return "hyphen" if keep else "cut"
    if first.islower():
        return "space"
    if _LIST_MARK.match(sa) or _ends_final(sa) or sa[-1] in ":;":
        return "break"  # a capital after a full stop: a new paragraph is the safer reading
    word = _FIRST_WORD.match(sb)
    if len(sa) + 1 + (len(word.group()) if word else 1) >= 0.85 * width:
        return "space"  # the next word would not have fit on the line: a wrap before a name
    return "break"


class _Builder:
    """Accumulates the repaired text as runs copied from the original."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.parts: list[str] = []
        self.runs: list[tuple[int, int]] = []
        self.size = 0
        self.next_origin = -1

    def copy(self, start: int, end: int, replace: str | None = None) -> None:
        if end <= start:
            return
        if start != self.next_origin:
            self.runs.append((self.size, start))
        piece = self.original[start:end] if replace is None else replace
        self.parts.append(piece)
        self.size += end - start
        self.next_origin = end


def repair(text: str, *, wrapped: bool | None = None, fixed: Sequence[tuple[int, int]] = ()) -> TextView:
    """Join the hard-wrapped lines of PDF-style text; the identity for normal releases.

    ``wrapped=None`` detects the shape; a PDF reader, which knows, passes ``True``.  Lines
    starting inside a ``fixed`` span (table rows) are kept as they are: never joined to
    their neighbours, never dropped as page furniture.

    >>> pdf = ("Le ministère accorde une aide financière de 250 000 $ pour le finan-\\n"
    ...        "cement du projet de la Ville de Gaspé, qui vise la construction\\n"
    ...        "d'un centre communautaire dans le secteur de Rivière-au-Renard\\n"
    ...        "et la rénovation de la bibliothèque municipale du quartier.\\n")
    >>> v = repair(pdf)
    >>> v.text.splitlines()[0][54:104]
    'pour le financement du projet de la Ville de Gaspé'
    >>> s = v.text.index("financement"); a, b = v.span_to_original(s, s + len("financement"))
    >>> pdf[a:b]
    'finan-\\ncement'
    >>> repair("Titre\\nQUÉBEC, le 4 mai 2021 - Texte.").is_identity
    True
    """
    lines = _lines(text)
    if wrapped is False or (wrapped is None and not _looks_wrapped(text, lines)):
        return TextView(text, text)
    keep = _fixed_lines(lines, fixed)
    drop = _furniture(text, lines) - keep
    kept = [i for i in range(len(lines)) if i not in drop]
    widths = sorted(lines[i].hi - lines[i].lo for i in kept)
    width = widths[int(0.9 * (len(widths) - 1))] if widths else 80
    out = _Builder(text)
    dropped = tuple((lines[i].start, min(len(text), lines[i].end + 1)) for i in sorted(drop))

    pending = list(reversed(dropped))  # gaps come in text order: pop the dropped lines once

    def copy_gap(start: int, end: int) -> None:
        """Copy the original between two kept lines, minus dropped lines."""
        pos = start
        while pending and pending[-1][1] <= pos:
            pending.pop()
        while pending and pending[-1][0] < end:
            d0, d1 = pending.pop()
            out.copy(pos, d0)
            pos = max(pos, d1)
        out.copy(pos, end)

    if not kept:
        return TextView(text, text)
    copy_gap(0, lines[kept[0]].lo)
    for k, i in enumerate(kept):
        a = lines[i]
        if k + 1 == len(kept):
            out.copy(a.lo, a.hi)
            copy_gap(a.hi, len(text))
            break
        j = kept[k + 1]
        b = lines[j]
        how = "break" if i in keep or j in keep else _join(text, a, b, width)
        if how == "break":
            out.copy(a.lo, a.hi)
            copy_gap(a.hi, b.lo)
        elif how == "cut":
            out.copy(a.lo, a.hi - 1)
        elif how == "hyphen":
            out.copy(a.lo, a.hi)
        else:
            out.copy(a.lo, a.hi)
            out.copy(a.end, a.end + 1, " ")  # the line's own newline, as a space
    return TextView("".join(out.parts), text, tuple(out.runs), dropped)
