"""Reproduces the shipped model from the shared releases: ``annonces train DEV --default -o OUT``.

``DEV`` is a folder with ``texts/``, ``gold/`` and ``folds.json`` (``../shared/corpus/dev``).
Steps (about 30 minutes on two cores for 170 releases):

1. a span model per fold, trained on the other folds (and on ``extra`` gold files, e.g. the
   project's own ``annotations/``), then one on every release;
2. every release extracted with its own fold's span model, its (amount, candidate) pairs
   labelled from the gold (cross-fitting, :mod:`.crossfit`);
3. the linker fitted on all pairs; its calibration fitted on the out-of-fold records of
   linkers trained without each fold.

Writes ``OUT/spans/`` (the span model without the vectors, which come from
``fr_core_news_md``), ``OUT/linker.json`` and ``OUT/folds/`` (the fold models, reusable by
``bench/crossval.py --spans OUT/folds``).  Copy ``spans/`` and ``linker.json`` to
``src/annonces/models/`` to make them the package's default.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from ..annotation.format import Annotation
from .crossfit import context, extract_all, judged, judged_by_family
from .gold import gold_span_annotation, read_folds, read_gold
from .pairs import calibration_points, family_calibrator, fit, rows_of
from .spans import train_spans


def _split(annotations: list[Annotation], seed: int) -> tuple[list[Annotation], list[Annotation]]:
    """(train, dev): one in eight documents (at least five) picks the best model."""
    shuffled = list(annotations)
    random.Random(seed).shuffle(shuffled)
    n_dev = max(5, len(shuffled) // 8)
    return shuffled[n_dev:], shuffled[:n_dev]


def train_default(dev: str | Path, out: str | Path, *, extra: Sequence[str | Path] = (), epochs: int = 8,
                  threshold: float = 0.3, c: float = 0.5, log: Callable[[str], None] = print) -> Path:
    """Train the span models and the linker from ``dev``; returns ``out``."""
    dev, out = Path(dev), Path(out)
    folds = read_folds(dev / "folds.json")
    golds = {g["id"]: g for g in read_gold(dev / "gold")}
    anns = {d: gold_span_annotation(g) for d, g in golds.items()}
    extra_anns = [gold_span_annotation(g) for p in extra for g in read_gold(p) if g.get("text")]
    for k in sorted(set(folds.values())):
        fit_docs, pick_docs = _split([a for d, a in anns.items() if folds[d] != k] + extra_anns, k)
        train_spans(fit_docs, pick_docs, out / "folds" / f"fold{k}", max_epochs=epochs, seed=k)
        log(f"span model of fold {k} trained")
    fit_docs, pick_docs = _split(list(anns.values()) + extra_anns, 99)
    best = train_spans(fit_docs, pick_docs, out / "folds" / "all", max_epochs=epochs, seed=99)
    shutil.rmtree(out / "spans", ignore_errors=True)
    shutil.copytree(best, out / "spans", ignore=shutil.ignore_patterns("vocab"))
    log("span model of every release trained")
    data = extract_all(dev / "texts", folds, out / "folds", False, progress=log)
    rows = {d: rows_of(d, context(v["x"], v["inputs"]), golds[d]["gold"]["records"]) for d, v in data.items()}
    lines = []
    from ..records import assemble_records

    for k in sorted(set(folds.values())):
        lk = fit([r for d, rs in rows.items() if folds[d] != k for r in rs], c=c, threshold=threshold)
        for d, v in data.items():
            if v["fold"] == k:
                recs = assemble_records(v["x"].text, **v["inputs"], linker=lk)
                lines.append({"doc_id": d, **replace(v["x"], records=tuple(recs)).to_dict()})
    final = fit([r for rs in rows.values() for r in rs], c=c, threshold=threshold,
                meta={"trained_on": f"{len(rows)} releases of {dev.name}", "span_model": "fold models"})
    final = replace(final, calibration=calibration_points([(conf, ok) for _, conf, ok in judged(lines, golds, tables=False)]),
                    calibrator=family_calibrator([(f, conf, ok) for _, f, conf, ok in judged_by_family(lines, golds)]))
    final.to_file(out / "linker.json")
    log(f"linker written: {out / 'linker.json'}")
    return out
