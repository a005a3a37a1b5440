"""A corpus report: one self-contained HTML page of totals, charts and records to check.

>>> import tempfile, json; d = Path(tempfile.mkdtemp()); out = d / "out.jsonl"
>>> rec = {"recipient": "Ville de Gaspé", "recipient_id": "org:1", "amount": 150000, "currency": "CAD",
...        "kind": "grant", "region": "Gaspésie–Îles-de-la-Madeleine", "region_code": "11",
...        "date": "2021-05-04", "ministers": [], "confidence": 0.8,
...        "evidence": {"start": 0, "end": 30, "text": "Une aide de 150 000 $ à Gaspé."}}
>>> _ = out.write_text(json.dumps({"doc_id": "a", "path": "a.txt", "records": [rec]}) + "\\n")
>>> page = report(out, d / "report.html")
>>> page.stat().st_size > 10_000, "Ville de Gaspé" in page.read_text(encoding="utf-8")
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .data import DIMENSIONS, Corpus, Row, Total, load_corpus, totals
from .html import render, totals_json


def report(
    inputs: str | Path | Iterable[str | Path],
    output: str | Path,
    *,
    title: str = "Financements annoncés",
    documents: str | Path | None = None,
    check: int = 200,
) -> Path:
    """Write the HTML report of batch JSONL outputs ``inputs`` to ``output``; its path.

    ``documents``: the folder the batch read, so that the table of records to check links
    to each document (relative to the report); ``check``: how many records that table lists.
    """
    from ..kb import load_kb

    output = Path(output)
    kb = load_kb()
    regions = sorted((e.code or "", e.name) for e in kb.by_type("region") if e.country == "CA" and e.code)
    corpus = load_corpus(inputs, kb=kb)
    page = render(corpus, title=title, check=check, documents_root=Path(documents) if documents else None,
                  out_dir=output.parent.resolve(), regions=regions)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    return output


__all__ = ["DIMENSIONS", "Corpus", "Row", "Total", "load_corpus", "render", "report", "totals", "totals_json"]
