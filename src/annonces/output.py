"""Conversion of result objects to the JSONL contract (``schema/output.schema.json``).

Decimals become JSON numbers here, and only here.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: types.Extraction.to_dict imports this module
    from .types import Amount, DateValue, Evidence, Extraction, FundingRecord, Mention, Segment, Table

#: the six entity kinds: ``Extraction.entities`` keys, ``doc.spans`` groups, JSON ``entities`` keys
ENTITY_KINDS = ("ministers", "organizations", "amounts", "programs", "regions", "dates")


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: ``int`` when integral.

    >>> number(Decimal("13700000.0")), number(Decimal("221182.15")), number(None)
    (13700000, 221182.15, None)
    """
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def amount_to_dict(a: Amount) -> dict[str, Any]:
    return {
        "text": a.text, "start": a.start, "end": a.end, "value": number(a.value),
        "currency": a.currency, "approximate": a.approximate, "role": a.role,
        "qualifier": a.qualifier, "low": number(a.low), "high": number(a.high),
        "period": a.period, "ambiguous": a.ambiguous,
    }


def date_to_dict(d: DateValue) -> dict[str, Any]:
    return {
        "text": d.text, "start": d.start, "end": d.end, "value": d.iso,
        "precision": d.precision, "kind": d.kind, "end_value": d.end_iso,
    }


def mention_to_dict(m: Mention) -> dict[str, Any]:
    base: dict[str, Any] = {"text": m.text, "start": m.start, "end": m.end, "canonical": m.canonical}
    if m.kind == "minister":
        base.update(portfolios=list(m.portfolios), role=m.role)
    elif m.kind == "organization":
        base.update(id=m.id, acronym=m.acronym)
    elif m.kind == "program":
        base.update(acronym=m.acronym, id=m.id)
    elif m.kind == "region":
        base.update(code=m.code, id=m.id)
    return base


def record_to_dict(r: FundingRecord) -> dict[str, Any]:
    return {
        "recipient": r.recipient, "recipient_id": r.recipient_id, "amount": number(r.amount),
        "currency": r.currency, "kind": r.kind, "total_cost": number(r.total_cost),
        "program": r.program, "program_id": r.program_id, "funder": r.funder, "funder_id": r.funder_id,
        "region": r.region,
        "region_code": r.region_code, "region_inferred": r.region_inferred, "date": r.date,
        "ministers": list(r.ministers),
        "evidence": evidence_to_dict(r.evidence),
        "confidence": round(r.confidence, 3), "warnings": list(r.warnings),
        "duplicate_of": r.duplicate_of,
    }


def evidence_to_dict(e: Evidence) -> dict[str, Any]:
    """The evidence of a record; ``source``, ``page``, ``table``, ``row``, ``column`` only when known."""
    d: dict[str, Any] = {"start": e.start, "end": e.end, "text": e.text, "rule": e.rule}
    for name in ("source", "page", "table", "row", "column"):
        if getattr(e, name) is not None:
            d[name] = getattr(e, name)
    return d


def table_to_dict(t: Table) -> dict[str, Any]:
    """A table: its span, delimiter, column titles and rows of cells (with offsets)."""
    return {
        "start": t.start, "end": t.end, "columns": t.columns, "delimiter": t.delimiter, "header": list(t.header),
        "rows": [{"start": r.start, "end": r.end, "header": r.header,
                  "cells": [{"text": c.text, "start": c.start, "end": c.end, "column": c.column} for c in r.cells]}
                 for r in t.rows],
    }


def add_pages(line: dict[str, Any], pages: Sequence[tuple[int, int]]) -> dict[str, Any]:
    """Set ``evidence.page`` (from 1) on the records of an output ``line``, from the documents's page spans.

    >>> add_pages({"records": [{"evidence": {"start": 12, "end": 20}}]}, [(0, 10), (10, 30)])["records"][0]["evidence"]["page"]
    2
    """
    if not pages:
        return line
    starts = [s for s, _e in pages]
    for r in line.get("records") or ():
        ev = r.get("evidence") or {}
        if isinstance(ev.get("start"), int):
            ev["page"] = max(1, bisect.bisect_right(starts, ev["start"]))
    return line


def segment_to_dict(s: Segment) -> dict[str, Any]:
    d: dict[str, Any] = {"label": s.label, "start": s.start, "end": s.end}
    if s.speaker:
        d["speaker"] = s.speaker
    return d


def entity_to_dict(kind: str, value: Any) -> dict[str, Any]:
    if kind == "amounts":
        return amount_to_dict(value)
    if kind == "dates":
        return date_to_dict(value)
    return mention_to_dict(value)


def extraction_to_dict(x: Extraction) -> dict[str, Any]:
    return {
        "published": x.published,
        "published_source": x.published_source,
        "entities": {k: [entity_to_dict(k, v) for v in x.entities.get(k, ())] for k in ENTITY_KINDS},
        "records": [record_to_dict(r) for r in x.records],
        "segments": [segment_to_dict(s) for s in x.segments],
        "tables": [table_to_dict(t) for t in x.tables],
    }
