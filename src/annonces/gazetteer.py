"""Linear-time dictionary matching of many names in a text (spaCy-free).

Names are split into word tokens and looked up as token n-grams, longest first, with an
index of the lengths that can start at each first token: the cost grows with the text,
not with the number of names.  Matching folds accents, dashes, apostrophes and case for
names, and is exact for acronyms.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Generic, TypeVar

from .normalize.text import fold

T = TypeVar("T")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


class Gazetteer(Generic[T]):
    """Find names (folded) and acronyms (exact) in a text, longest match first.

    >>> g = Gazetteer()
    >>> g.add("Investissement Québec", "iq"); g.add("IQ", "iq", exact=True)
    >>> g.add("Banque de développement du Canada", "bdc")
    >>> t = "Investissement Quebec et la banque de developpement du Canada ; IQ, mais pas iq."
    >>> [(t[s:e], v) for s, e, v in g.find(t)]
    [('Investissement Quebec', 'iq'), ('banque de developpement du Canada', 'bdc'), ('IQ', 'iq')]
    """

    def __init__(self) -> None:
        self._folded: dict[tuple[str, ...], T] = {}
        self._exact: dict[tuple[str, ...], T] = {}
        self._lengths: dict[str, set[int]] = {}
        self._exact_lengths: dict[str, set[int]] = {}

    def add(self, name: str, value: T, *, exact: bool = False) -> None:
        toks = tuple(t for _, _, t in _tokens(name if exact else fold(name)))
        if not toks:
            return
        table, lengths = (self._exact, self._exact_lengths) if exact else (self._folded, self._lengths)
        table.setdefault(toks, value)
        lengths.setdefault(toks[0], set()).add(len(toks))

    def extend(self, items: Iterable[tuple[str, T]], *, exact: bool = False) -> None:
        for name, value in items:
            self.add(name, value, exact=exact)

    def find(self, text: str) -> list[tuple[int, int, T]]:
        """Non-overlapping ``(start, end, value)`` in text order; word boundaries respected."""
        raw = _tokens(text)
        whole = fold(text)  # same length as text: fold once, slice per token
        folded = [whole[s:e] for s, e, _ in raw]
        out: list[tuple[int, int, T]] = []
        i = 0
        while i < len(raw):
            hit = self._longest(raw, folded, i)
            if hit is None:
                i += 1
                continue
            n, value = hit
            out.append((raw[i][0], raw[i + n - 1][1], value))
            i += n
        return out

    def _longest(self, raw, folded, i) -> tuple[int, T] | None:
        best: tuple[int, T] | None = None
        for table, lengths, words in ((self._folded, self._lengths, folded), (self._exact, self._exact_lengths, None)):
            first = (words[i] if words is not None else raw[i][2])
            for n in sorted(lengths.get(first, ()), reverse=True):
                if best is not None and n <= best[0] or i + n > len(raw):
                    continue
                if any(raw[j][0] - raw[j - 1][1] > 1 for j in range(i + 1, i + n)):
                    continue  # the name's words must follow each other (one space at most)
                key = tuple(words[i:i + n]) if words is not None else tuple(t for _, _, t in raw[i:i + n])
                value = table.get(key)
                if value is not None:
                    best = (n, value)
                    break
        return best


def kb_gazetteer(kb, types: tuple[str, ...], *, min_len: int = 4, acronyms: bool = True,
                 multiword: bool = False) -> Gazetteer | None:
    """A gazetteer of the KB entities of ``types``: values are ``(entity, is_acronym)``.

    Names and aliases shorter than ``min_len`` are left out (``multiword``: only names of
    two words or more); acronyms match exactly.  Built once per KB and configuration.
    """
    if kb is None:
        return None
    return _kb_gazetteer(id(kb), kb, tuple(types), min_len, acronyms, multiword)


@functools.lru_cache(maxsize=16)
def _kb_gazetteer(_kb_id: int, kb, types: tuple[str, ...], min_len: int, acronyms: bool, multiword: bool) -> Gazetteer:
    g: Gazetteer = Gazetteer()
    for t in types:
        try:
            ents = list(kb.by_type(t))
        except (AttributeError, KeyError):
            continue
        for ent in ents:
            for alias in (ent.name, *ent.aliases):
                if len(alias) >= min_len and (not multiword or " " in alias.strip()):
                    g.add(alias, (ent, False))
            for acr in ent.acronyms if acronyms else ():
                if len(acr) >= 2:
                    g.add(acr, (ent, True), exact=True)
    return g
