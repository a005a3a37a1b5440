"""The shared gold folder as span annotations and folds (training data of the span model).

A gold file (``../shared/eval/SCHEMA.md``) lists names, not offsets.  Each name is located
at every whole-word occurrence (:func:`annonces.annotation.convert.gold_to_annotation`);
record recipients that are not in the organization list (a facility, an event, a commune
named as beneficiary) are located too and labelled ``ORG``, so that the span model learns
every name that can receive money.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..annotation.gold import gold_to_annotation
from ..annotation.format import Annotation

#: Labels of the span model, as written in ``doc.ents``.
SPAN_LABELS: tuple[str, ...] = ("ORG", "PROGRAM")


def read_gold(gold_dir: str | Path) -> list[dict[str, Any]]:
    """Every gold document of ``gold_dir``, sorted by id."""
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(gold_dir).glob("*.json"))]
    return sorted(docs, key=lambda d: str(d.get("id")))


def read_folds(path: str | Path) -> dict[str, int]:
    """``doc id -> fold`` from a ``folds.json`` (``{"k": 5, "fold_of": {...}}``)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {str(k): int(v) for k, v in data["fold_of"].items()}


def gold_span_annotation(gold: Mapping[str, Any]) -> Annotation:
    """The span annotation of one gold document: its located organizations, recipients and programs."""
    ann, _ = gold_to_annotation(gold)
    names = [s for s in ann.spans if s.label in SPAN_LABELS]
    spans = [replace(s, id=f"s{i}") for i, s in enumerate(sorted(names, key=lambda s: (s.start, -s.end)), 1)]
    return Annotation(ann.id, ann.text, spans, [], ann.meta, "gold")
