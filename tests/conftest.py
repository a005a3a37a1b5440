"""Fixtures shared by the test modules."""

from __future__ import annotations

from typing import Any

import pytest

from annonces import api, batch
from annonces.types import Extraction
from fixtures.stand_in import fake_extract, no_load_error


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace extraction by :func:`fake_extract`; the list of texts it was called with."""
    calls: list[str] = []

    def extract(text: str, **kwargs: Any) -> Extraction:
        calls.append(text)
        return fake_extract(text, **kwargs)

    monkeypatch.setattr(api, "extract", extract)
    monkeypatch.setattr(batch, "_load_error", no_load_error)
    return calls


@pytest.fixture(scope="session")
def corpus_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The bundled corpus/ extracted once for real (fast pipeline): the JSONL path."""
    from pathlib import Path

    out = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    batch.run_batch(Path(__file__).resolve().parents[1] / "corpus", out, fast=True, progress=False)
    return out
