"""Names listed one per line, without amounts: when most lines of such a list are names
already found, the others are names too.

Municipal releases list the bodies a fund supports as bare lines::

    Carrefour familial de Pointe-aux-Trembles
    Entraide Rivière-des-Prairies, soutien aux aînés
    Le Frigo solidaire de l'Est
    Patro Roussin

A line is an item when it is short, opens on a capital and ends without a full stop; a
list is a run of at least :data:`MIN_ITEMS` items (blank lines between them allowed) in
which at least half of the lines are (almost) wholly covered by a name found by the other
readers.  The other lines come out with the source ``list``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...normalize.text import CLAUSE_END

#: the fewest lines a list holds
MIN_ITEMS = 4
#: the most words a list line holds
MAX_WORDS = 9
#: a line that can be one name: a capital first, no full stop, colon or digit-led amount at its end
_ITEM = re.compile(rf"[ \t]*(?P<name>[A-ZÀ-Þ][^\n:{re.escape(CLAUSE_END)}]{{1,80}}?)[ \t]*$")


def line_list_names(u: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """``(start, end, "list")`` for the lines of a list of names that no name covers yet.

    >>> u = "Les organismes soutenus :\\n\\nCentre A de Lachine\\n\\nMaison B\\n\\nMon resto Verdun\\n\\nClub C\\n\\nLa suite."
    >>> found = [(u.index("Centre"), u.index("Centre") + 19), (u.index("Maison"), u.index("Maison") + 8), (u.index("Club"), u.index("Club") + 6)]
    >>> [u[s:e] for s, e, _ in line_list_names(u, found)]
    ['Mon resto Verdun']
    """
    out: list[tuple[int, int, str]] = []
    for run in _runs(u):
        covered = [any(_covers(s, e, fs, fe) for fs, fe in found) for s, e in run]
        if len(run) >= MIN_ITEMS and 3 * sum(covered) >= len(run):
            out.extend((s, e, "list") for (s, e), c in zip(run, covered) if not c and not any(fs < e and s < fe for fs, fe in found))
    return out


def _runs(u: str) -> list[list[tuple[int, int]]]:
    """Runs of consecutive item lines (blank lines between them allowed), as name spans."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    pos = 0
    for line in u.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        m = _ITEM.fullmatch(line)
        if m and len(m.group("name").split()) <= MAX_WORDS and not re.search(r"\d", m.group("name")):
            current.append((start + m.start("name"), start + m.end("name")))
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _covers(s: int, e: int, fs: int, fe: int) -> bool:
    """Whether the name ``fs:fe`` covers the line ``s:e`` but for a few characters."""
    return fs <= s + 4 and fe >= e - 4
