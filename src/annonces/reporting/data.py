"""Batch output read for a report: counted records and exact totals by one dimension.

A funding reported twice (``duplicate_of`` set) is counted once; loans and grants are
totalled apart (``kind``) and two currencies are never added.  Amounts are read from the
JSON text as :class:`~decimal.Decimal`, so totals are exact to the cent.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..linking import core_key

#: dimensions a total can be taken by (``minister``: each credited minister gets the record)
DIMENSIONS = ("recipient", "region", "program", "funder", "minister", "year", "month")


@dataclass(frozen=True)
class Row:
    """One funding record as the report sees it."""

    doc_id: str
    path: str | None
    index: int
    recipient: str
    recipient_id: str
    amount: Decimal
    currency: str
    kind: str
    program: str | None
    program_id: str | None
    funder: str | None
    funder_id: str | None
    region: str | None
    region_code: str | None
    ministers: tuple[str, ...]
    date: str | None
    confidence: float
    evidence_start: int
    evidence_end: int
    evidence_text: str
    duplicate_of: str | None
    jurisdiction: str

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    @property
    def month(self) -> str | None:
        return self.date[:7] if self.date and len(self.date) >= 7 else None


@dataclass(frozen=True)
class Total:
    """The total of one group: ``key`` (an id, a code, a year), its ``label``, currency and kind."""

    key: str
    label: str
    currency: str
    kind: str
    records: int
    amount: Decimal


@dataclass
class Corpus:
    """The documents and records of one or more batch outputs."""

    documents: int = 0
    errors: int = 0
    rows: list[Row] = field(default_factory=list)

    @property
    def counted(self) -> list[Row]:
        """Records counted in totals: each funding once (no ``duplicate_of``)."""
        return [r for r in self.rows if r.duplicate_of is None]


def _jurisdiction(record: dict[str, Any], kb: Any) -> str:
    """``QC``, ``CA`` (federal), ``FR``, ``MUNI`` from the funder or the program in the KB,
    else from the region code and currency; ``?`` when nothing tells."""
    for eid in (record.get("funder_id"), record.get("program_id")):
        ent = kb.get(eid) if kb is not None and eid else None
        if ent is not None and ent.jurisdiction:
            return str(ent.jurisdiction)
    if record.get("currency") == "EUR":
        return "FR"
    if record.get("region_code") and record.get("currency") == "CAD":
        return "QC"
    return "?"


def read_lines(paths: str | Path | Iterable[str | Path]) -> Iterator[dict[str, Any]]:
    """The JSON lines of batch outputs, numbers as Decimal (a bad line is skipped)."""
    for path in [paths] if isinstance(paths, (str, Path)) else paths:
        with open(path, encoding="utf-8") as f:
            for raw in f:
                try:
                    line = json.loads(raw, parse_float=Decimal)
                except ValueError:
                    continue
                if isinstance(line, dict):
                    yield line


def to_row(line: dict[str, Any], i: int, r: dict[str, Any], kb: Any = None) -> Row:
    """The :class:`Row` of record ``i`` of a batch line."""
    evidence = r.get("evidence") or {}
    recipient = str(r.get("recipient") or "")
    return Row(
        doc_id=str(line.get("doc_id")), path=line.get("path"), index=i, recipient=recipient,
        recipient_id=r.get("recipient_id") or "key:" + core_key(recipient),
        amount=Decimal(r.get("amount") or 0), currency=str(r.get("currency") or "?"),
        kind=str(r.get("kind") or "grant"), program=r.get("program"), program_id=r.get("program_id"),
        funder=r.get("funder"), funder_id=r.get("funder_id"), region=r.get("region"),
        region_code=r.get("region_code"), ministers=tuple(r.get("ministers") or ()),
        date=r.get("date") or line.get("published"), confidence=float(r.get("confidence") or 0),
        evidence_start=int(evidence.get("start") or 0), evidence_end=int(evidence.get("end") or 0),
        evidence_text=str(evidence.get("text") or ""), duplicate_of=r.get("duplicate_of"),
        jurisdiction=_jurisdiction(r, kb),
    )


def load_corpus(paths: str | Path | Iterable[str | Path], *, kb: Any = None) -> Corpus:
    """Read batch JSONL outputs into a :class:`Corpus`."""
    corpus = Corpus()
    for line in read_lines(paths):
        corpus.documents += 1
        corpus.errors += bool(line.get("error"))
        for i, r in enumerate(line.get("records") or ()):
            if isinstance(r, dict):
                corpus.rows.append(to_row(line, i, r, kb))
    return corpus


def _keys(row: Row, dim: str) -> list[tuple[str, str]]:
    """``(key, label)`` pairs a row counts under for one dimension (several for ministers)."""
    if dim == "recipient":
        return [(row.recipient_id, row.recipient)]
    if dim == "region":
        return [(f"{row.region_code or ''}|{row.region}", row.region)] if row.region else [("", "(région inconnue)")]
    if dim == "program":
        pid = row.program_id or ("key:" + core_key(row.program) if row.program else "")
        return [(pid, row.program or "(aucun programme)")]
    if dim == "funder":
        fid = row.funder_id or ("key:" + core_key(row.funder) if row.funder else "")
        return [(fid, row.funder or "(bailleur inconnu)")]
    if dim == "minister":
        return [(m, m) for m in row.ministers] or [("", "(aucun ministre)")]
    if dim in ("year", "month"):
        value = row.year if dim == "year" else row.month
        return [(value or "", value or "(sans date)")]
    raise ValueError(f"unknown dimension {dim!r} (choose from {', '.join(DIMENSIONS)})")


def totals(rows: Iterable[Row], dim: str) -> list[Total]:
    """Exact totals of ``rows`` by ``dim``, per currency and kind, largest first; a group's
    label is its most frequent spelling (variants of one ``recipient_id`` are folded).

    >>> from decimal import Decimal as D
    >>> def row(name, amount, rid="org:1", currency="CAD", kind="grant"):
    ...     return Row("d", None, 0, name, rid, D(amount), currency, kind, None, None, None, None,
    ...                None, None, (), "2021-05-04", 0.9, 0, 1, "", None, "QC")
    >>> [(t.label, t.currency, t.kind, t.amount) for t in totals([row("Ville de Gaspé", "100.10"),
    ...     row("Ville de Gaspe", "0.05"), row("Ville de Gaspé", "7"), row("X", "5", "org:2", "EUR"),
    ...     row("Ville de Gaspé", "1000", kind="loan")], "recipient")]
    [('Ville de Gaspé', 'CAD', 'loan', Decimal('1000')), ('Ville de Gaspé', 'CAD', 'grant', Decimal('107.15')), ('X', 'EUR', 'grant', Decimal('5'))]
    """
    sums: dict[tuple[str, str, str], Decimal] = {}
    counts: Counter[tuple[str, str, str]] = Counter()
    labels: dict[str, Counter[str]] = {}
    zero = Decimal(0)
    for row in rows:
        cur, kind, amount = row.currency, row.kind, row.amount
        for k, label in _keys(row, dim):
            group = (k, cur, kind)
            sums[group] = sums.get(group, zero) + amount
            counts[group] += 1
            bucket = labels.get(k)
            if bucket is None:
                bucket = labels[k] = Counter()
            bucket[label] += 1
    out = [Total(k, labels[k].most_common(1)[0][0], cur, kind, counts[(k, cur, kind)], amount)
           for (k, cur, kind), amount in sums.items()]
    if dim in ("year", "month"):
        return sorted(out, key=lambda t: (t.key, t.currency, t.kind))
    return sorted(out, key=lambda t: (-t.amount, t.label))
