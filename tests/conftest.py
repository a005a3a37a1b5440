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
