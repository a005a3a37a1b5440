"""Names read off flattened table rows: one row per line, its cells run together.

Tables copied from web pages lose their cell borders.  Two shapes are read:

* **spaced rows under a header of column names** (``Entreprise Municipalité Montant
  Programme`` over ``Ferme Hum-And-Son inc. Saint-Malachie 85 589 $ Biomasse forestière``):
  the name is the text before the amount, less the town of a municipality column (a
  place of the KB ending the text) or the project of a project column (from its first
  capitalized action noun: ``Réfection``, ``Aménagement``);
* **joined cells** (``Municipalité de SayabecAménagement d'un parc90 655,66 $``): three or
  more such lines in a row, each cut where a lowercase letter or a ``.`` meets a capital.

Names come out with the source ``row``.

>>> u = ("Entreprise Municipalité Montant Programme\\nBoulangerie Roy Adstock 46 846 $ ÉcoPerformance\\n"
...      "Érablière Côté Saint-Georges 76 785 $ ÉcoPerformance\\n")
>>> from annonces.extractors.amounts import find_amounts
>>> [u[s:e] for s, e, _ in row_names(u, find_amounts(u), frozenset({"adstock"}))]
['Boulangerie Roy', 'Érablière Côté']
>>> u = "Municipalité de SayabecAménagement d'un parc90 655 $\\nVille d'AmquiRéfection de la patinoire100 000 $\\nLes Loisirs inc.Achat de bancs4 000 $\\n"
>>> [u[s:e] for s, e, _ in row_names(u, find_amounts(u), frozenset())]
['Municipalité de Sayabec', "Ville d'Amqui", 'Les Loisirs inc.']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ...normalize.text import DASH_CHARS, fold, key
from ...types import Amount
from .cues import cues
from .columns import amount_column_words, column_words

MIN_ROWS = 2
MIN_JOINED = 3
MAX_NAME_WORDS = 15
_JOINT = re.compile(r"(?<=[a-zà-ÿ.)»])(?=[A-ZÀ-Þ][a-zà-ÿ'’])")
_WORD = re.compile(r"[^\W\d_]+")


def _line_rows(u: str, amounts: Sequence[Amount]) -> list[tuple[int, int, Amount]]:
    """``(line start, line end, first amount)`` of every line holding an amount."""
    out: list[tuple[int, int, Amount]] = []
    starts = [0] + [m.end() for m in re.finditer(r"\n", u)]
    for a in sorted(amounts, key=lambda x: x.start):
        i = bisect.bisect_right(starts, a.start) - 1
        if out and out[-1][0] == starts[i]:
            continue
        out.append((starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else len(u), a))
    return out


def _header_roles(line: str) -> list[str] | None:
    """The column roles a header line of column names says, in order, or ``None``."""
    words = _WORD.findall(fold(line))
    if not 2 <= len(words) <= 10 or re.search(r"\d", line) or not all(w in column_words() for w in words):
        return None
    if not set(words) & amount_column_words():
        return None
    roles: list[str] = []
    for w in words:
        role = ("amount" if w in amount_column_words() else "municipality" if w in {"municipalite", "ville", "commune", "localite", "lieu"}
                else "project" if w in {"projet", "description", "objet", "operation", "intitule"} else "name")
        if not roles or roles[-1] != role:
            roles.append(role)
    return roles


def _cut_place(u: str, s: int, e: int, places: frozenset[str]) -> int:
    """End of the name once the municipality cell ending the text is cut off: a KB place
    (``… Saint-Malachie``), else the last word (``… Beauceville``, ``… La Pocatière``)."""
    words = u[s:e].split(" ")
    for n in range(min(5, len(words) - 1), 0, -1):
        if key(" ".join(words[-n:])) in places:
            return s + len(" ".join(words[:-n]))
    n = 2 if len(words) > 2 and words[-2] in {"La", "Le", "Les", "L'"} else 1
    return s + len(" ".join(words[:-n])) if len(words) > n and words[-1][:1].isupper() else e


def _cut_project(u: str, s: int, e: int) -> int:
    """End of the name before a project title starting with a capitalized action noun."""
    words = u[s:e].split(" ")
    suffixes = tuple(cues()["common_noun_suffixes"]) + ("age",)
    for i in range(1, len(words)):
        w = words[i]
        if w[:1].isupper() and w.lower().endswith(suffixes) and not w.isupper():
            return s + len(" ".join(words[:i]))
    return e


def _strip(u: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not u[s].isalnum():
        s += 1
    while e > s and (u[e - 1] in " \t,;:" or u[e - 1] in DASH_CHARS):
        e -= 1
    return s, e


def row_names(u: str, amounts: Sequence[Amount], places: frozenset[str]) -> list[tuple[int, int, str]]:
    """``(start, end, "row")`` of the name of every flattened row in ``u``."""
    rows = _line_rows(u, amounts)
    at = {s: i for i, (s, _e, _a) in enumerate(rows)}
    out: list[tuple[int, int, str]] = []
    # spaced rows under a header line
    for i, (s, _e, _a) in enumerate(rows):
        if s == 0:
            continue
        hs = u.rfind("\n", 0, s - 1) + 1
        if i and rows[i - 1][1] + 1 == s:
            continue  # not the first row of its run
        roles = _header_roles(u[hs:s - 1])
        if roles is None or "amount" not in roles:
            continue
        before = roles[:roles.index("amount")]
        run = [rows[i]]
        while at.get(run[-1][1] + 1) is not None:
            run.append(rows[at[run[-1][1] + 1]])
        if len(run) < MIN_ROWS or before[:1] != ["name"]:
            continue
        for rs, _re, a in run:
            ns, ne = _strip(u, rs, a.start)
            if "municipality" in before[1:]:
                ne = _cut_place(u, ns, ne, places)
            if "project" in before[1:]:
                ne = _cut_project(u, ns, ne)
            ns, ne = _strip(u, ns, ne)
            if ne > ns and len(u[ns:ne].split()) <= MAX_NAME_WORDS:
                out.append((ns, ne, "row"))
    # joined cells
    seen = set(out)
    joined: list[tuple[int, int]] = []  # (row index, end of the first cell)
    for k, (s, _e, a) in enumerate(rows):
        if (j := _JOINT.search(u, s, a.start)) is not None:
            joined.append((k, j.start()))
    runs: list[list[tuple[int, int]]] = []
    for k, cut in joined:
        if runs and k == runs[-1][-1][0] + 1:
            runs[-1].append((k, cut))
        else:
            runs.append([(k, cut)])
    for chain in runs:
        if len(chain) >= MIN_JOINED:
            for k, cut in chain:
                ns, ne = _strip(u, rows[k][0], cut)
                if ne > ns and len(u[ns:ne].split()) <= MAX_NAME_WORDS and (ns, ne, "row") not in seen:
                    out.append((ns, ne, "row"))
    return out
