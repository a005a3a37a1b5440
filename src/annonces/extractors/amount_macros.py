"""The macros of the amount grammar (``patterns/amount_macros.jsonl``) and the qualifiers.

A pattern may name a macro in braces (``{number}``); :func:`expand` substitutes them.
``{grant_verb}`` is built from ``announce_verbs.csv`` (use ``amount_cue``, folded), ``{bullet}``
from the list marks of :mod:`annonces.normalize.text` (``BULLETS`` and ``MORE_BULLETS``),
``{clause_end}`` (inside a character class) from its ``CLAUSE_END``.
Shared by the detection grammar (:mod:`.amounts`) and the role cues (:mod:`.amount_roles`).

>>> "{" in expand("{range_connector}")
False
"""

from __future__ import annotations

import re
from functools import cache

from .. import patterns
from ..normalize.money import amount_data
from ..normalize.text import BULLETS, CLAUSE_END, MORE_BULLETS, char_class, fold, stem_alternation


@cache
def macros() -> dict[str, str]:
    # {grant_verb}: the verbs of announce_verbs.csv marked amount_cue, folded like the text;
    # {bullet}: a list mark (normalize.text BULLETS, and MORE_BULLETS that only amounts read);
    # {clause_end}: the clause marks of normalize.text, to write inside a class ("[^{clause_end}:]")
    out: dict[str, str] = {"grant_verb": stem_alternation([fold(v) for v in patterns.announce_verbs("amount_cue")], ending="[a-z]*"),
                           "bullet": char_class(BULLETS + MORE_BULLETS), "clause_end": re.escape(CLAUSE_END)}
    for r in amount_data("amount_macros"):
        out[r["name"]] = expand(r["pattern"], out)
    return out


def expand(pattern: str, table: dict[str, str] | None = None) -> str:
    """``pattern`` with each ``{name}`` replaced by its macro (``table``: the macros so far)."""
    for name, value in (table if table is not None else macros()).items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern


@cache
def qualifiers() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = amount_data("amount_qualifiers")
    alts = "|".join(f"(?P<q{i}>{r['pattern']})" for i, r in enumerate(rows))
    return re.compile(rf"\b(?:{alts})$"), {f"q{i}": r["qualifier"] for i, r in enumerate(rows)}
