"""spaCy finds our components through the ``spacy_factories`` entry point, and the command
line stays cheap to import: both checked in a fresh interpreter that never imported
``annonces`` first."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

AMOUNTS = """
import json, sys
import spacy
assert not any(m == "annonces" or m.startswith("annonces.") for m in sys.modules)
nlp = spacy.blank("fr")
nlp.add_pipe("annonces_amounts")
doc = nlp("La Ville de Gaspé reçoit 1,5 M$ du ministère.")
print(json.dumps([(s.text, str(s._.amount.value)) for s in doc.spans["amounts"]]))
"""

CLI = """
import json, sys
import annonces.cli
heavy = ("annonces.records", "annonces.kb", "annonces.extractors", "annonces.linking", "annonces.segmentation",
         "rapidfuzz", "spacy")
print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))
"""


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_add_pipe_by_name_without_importing_annonces() -> None:
    assert json.loads(_run(AMOUNTS)) == [["1,5 M$", "1500000"]]


@pytest.mark.parametrize("factory", ["annonces_segmenter", "annonces_dates", "annonces_regions", "annonces_programs",
                                     "annonces_ministers", "annonces_organizations", "annonces_records"])
def test_every_factory_is_an_entry_point(factory: str) -> None:
    from importlib.metadata import entry_points

    assert factory in {e.name for e in entry_points(group="spacy_factories")}


def test_importing_the_cli_loads_no_stage() -> None:
    assert json.loads(_run(CLI)) == []
