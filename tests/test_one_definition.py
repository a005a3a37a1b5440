"""Each concept of the bottom layer has one definition (issue 11): a grep of ``src/annonces``
for its character class or word list finds one place.  Every other module builds its
regexes from ``annonces.normalize.text`` (sentence and clause marks) or reads
``annonces.patterns``."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "annonces"
#: edited on main by another change (records assembly, learned models): not checked here
OUTSIDE = ("records/assemble.py", "learn/")


def _sources() -> dict[str, str]:
    return {str(p.relative_to(SRC)): p.read_text(encoding="utf-8") for p in sorted(SRC.rglob("*.py"))
            if not str(p.relative_to(SRC)).startswith(OUTSIDE)}


def _holding(pattern: str) -> list[str]:
    rx = re.compile(pattern)
    return [name for name, text in _sources().items() if rx.search(text)]


def test_sentence_ends_are_defined_once() -> None:
    # ".!?" written out (a class, a string of marks): only normalize/text.py
    assert _holding(r"[.;]!\?|!\?[.;:…]") == ["normalize/text.py"]


def test_clause_windows_live_in_extractors_context() -> None:
    from annonces.extractors import amount_roles, context, dates

    for name in ("SENTENCE_BREAK", "CLAUSE_BREAK", "LEAD_BREAK", "ASIDE_BREAK", "CLAUSE_MARK", "PHRASE_MARK"):
        assert isinstance(getattr(context, name), re.Pattern)
    for module in (amount_roles, dates):
        assert not [n for n, v in vars(module).items() if isinstance(v, re.Pattern) and n.endswith(("BOUNDARY", "SENTENCE"))]
