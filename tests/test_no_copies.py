"""No prose of the real dev releases in the project's own files.

The rule (README, "Data"): fixtures, samples, docstrings and golden tables are written by us;
facts such as the names of ministers, ministries, programs and places may be shared.  Each
file of the project is compared with ``../shared/corpus/dev/texts`` by runs of 12 words
(:func:`test_corpus_files.shingles`, which masks official titles); the names of the package
KB (programs, ministries, organizations) are masked too, since they are facts.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from test_corpus_files import shingles

ROOT = Path(__file__).resolve().parents[1]
DEV_TEXTS = ROOT.parent / "shared" / "corpus" / "dev" / "texts"
KB = ROOT / "src" / "annonces" / "kb" / "data"
PATTERNS = ("src/**/*.py", "tests/*.py", "bench/**/*.py", "bench/heldout/**/*.txt", "annotations/**/*.jsonl",
            "notebooks/*.ipynb", "docs/*.md", "README.md")
FILES = sorted({p for pattern in PATTERNS for p in ROOT.glob(pattern) if p.is_file()})


@cache
def kb_names() -> re.Pattern[str]:
    """The KB's names of four words or more, longest first."""
    names: set[str] = set()
    for file in ("programs.jsonl", "ministries.jsonl", "organizations.jsonl"):
        for line in (KB / file).read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                names.update(n for n in (entry.get("name"), *entry.get("aliases", ())) if n and len(n.split()) >= 4)
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), re.IGNORECASE)


def masked_shingles(text: str) -> set[str]:
    """12-word runs of ``text`` with official titles and KB names masked.

    >>> masked_shingles("Le Fonds de diversification économique du Centre-du-Québec et de la Mauricie aide trois PME.")
    set()
    """
    return set().union(*(shingles(part) for part in kb_names().split(text)))


@cache
def dev_shingles() -> frozenset[str]:
    return frozenset().union(*(masked_shingles(p.read_text(encoding="utf-8")) for p in DEV_TEXTS.glob("*.txt")))


@pytest.mark.skipif(not DEV_TEXTS.is_dir(), reason="shared dev corpus not available")
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_no_dev_prose_in_the_project(path: Path) -> None:
    shared = masked_shingles(path.read_text(encoding="utf-8")) & dev_shingles()
    assert not shared, f"12 running words copied from a dev release: {sorted(shared)[:3]}"
