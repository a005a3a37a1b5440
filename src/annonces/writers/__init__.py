"""Batch output: JSONL (the contract), CSV and Parquet (one row per funding record).

A *line* is the dict :func:`annonces.batch.process_document` returns, one per input
document; its JSON Schema ships as ``annonces/schema/output.schema.json``
(:func:`output_schema`).

* JSONL: one whole line per document, UTF-8 (``ensure_ascii=False``), flushed after
  each line so a killed batch leaves at most one partial last line
  (:func:`repair_jsonl` drops it).
* CSV: one row per record, plus one row for each document with no record (record
  columns empty; ``error`` set when it failed), so every document is in the file.
  Records under ``--min-confidence`` are rows with ``rejected`` = ``true``.  UTF-8
  *with BOM* and CRLF row ends, fields quoted by the ``csv`` module (newlines in
  evidence text are safe), numbers with a ``.`` decimal point, booleans as
  ``true``/``false``.  Formula guard: a text cell that starts with ``=``, ``+``, ``-``
  or ``@`` and is not a number (``-5`` and ``+1.5`` stay as they are) gets a leading
  ``'`` so a spreadsheet does not run it.  Read it with pandas as
  ``pandas.read_csv(path, **PANDAS_READ_CSV)`` (``dtype={"region_code": str, ...},
  keep_default_na=False``) so that ``region_code`` stays ``05``.
* Parquet: the same rows, typed (amounts as ``decimal128(38, 6)``, lists of
  ministers and warnings); needs ``pyarrow`` (``pip install annonces[parquet]``).
* SQLite (``.sqlite``, ``.sqlite3``, ``.db``) and DuckDB (``.duckdb``): tables
  ``documents``, ``records``, ``entities``, ``ministers_of_record`` and ``totals_by_*``
  views (:mod:`annonces.writers.sql`).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import os
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_EVEN, Decimal
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO, Protocol

FORMATS = ("jsonl", "csv", "parquet", "sqlite", "duckdb")
#: formats ``--resume`` can append to
RESUMABLE = ("jsonl", "sqlite", "duckdb")
_SUFFIXES = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "sqlite": "sqlite", "sqlite3": "sqlite",
             "db": "sqlite", "duckdb": "duckdb", "ddb": "duckdb"}
CSV_COLUMNS = (
    "doc_id", "path", "published", "recipient", "recipient_id", "amount", "currency", "kind", "total_cost",
    "program", "funder", "region", "region_code", "region_inferred", "date", "ministers", "confidence",
    "evidence_start", "evidence_end", "evidence_text", "evidence_rule", "evidence_source", "duplicate_of", "warnings",
    "rejected", "error",
)
#: ``pandas.read_csv(path, **PANDAS_READ_CSV)`` keeps codes and ids as text (``05``, not ``5.0``)
PANDAS_READ_CSV: dict[str, Any] = {"dtype": {"region_code": str, "doc_id": str, "recipient_id": str},
                                   "keep_default_na": False}
_FORMULA_START = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
_MONEY_PLACES = Decimal("0.000001")


class WriterError(ValueError):
    """The output cannot be written (bad format, missing optional dependency)."""


class Writer(Protocol):
    def write(self, line: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


@functools.cache
def output_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one JSONL line.

    >>> output_schema()["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    text = resources.files("annonces").joinpath("schema/output.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The output format: ``fmt`` if given, else from the file suffix, else ``jsonl``.

    >>> format_for("out/records.csv"), format_for("out.parquet"), format_for("out.jsonl", "csv")
    ('csv', 'parquet', 'csv')
    >>> format_for("corpus.sqlite"), format_for("corpus.duckdb")
    ('sqlite', 'duckdb')
    >>> format_for("out.txt", "xml")
    Traceback (most recent call last):
    ...
    annonces.writers.WriterError: unknown output format 'xml' (choose from jsonl, csv, parquet, sqlite, duckdb)
    """
    if fmt is None:
        suffix = Path(path).suffix.lower().lstrip(".")
        return _SUFFIXES.get(suffix, "jsonl")
    if fmt not in FORMATS:
        raise WriterError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")
    return fmt


# ---------------------------------------------------------------- JSONL


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def encode_line(line: dict[str, Any]) -> bytes:
    """One JSONL line as UTF-8 bytes, ending in ``\\n`` (raises on non-finite numbers).

    >>> encode_line({"doc_id": "gaspé", "amount": Decimal("2.50")})
    b'{"doc_id": "gasp\\xc3\\xa9", "amount": 2.5}\\n'
    """
    return (json.dumps(line, ensure_ascii=False, allow_nan=False, default=_json_default) + "\n").encode()


class JsonlWriter:
    """Writes whole lines and flushes after each one.

    When a write fails (``OSError``, e.g. a full disk), the bytes of the partial line are
    cut again where the stream allows it, so the file holds whole lines only, and the
    error is raised.  ``stream`` writes to an open binary file instead of ``path``.
    """

    def __init__(self, path: str | Path, *, append: bool = False, stream: BinaryIO | None = None) -> None:
        self.path = Path(path)
        self._f: BinaryIO = stream if stream is not None else self.path.open("ab" if append else "wb")
        self._good: int | None = None  # offset after the last whole line, where known

    def write(self, line: dict[str, Any]) -> None:
        data = encode_line(line)  # encode first: a failure writes nothing
        try:
            self._good = self._f.tell()
        except OSError:
            self._good = None
        try:
            self._f.write(data)
            self._f.flush()
        except OSError:
            self._cut()
            raise

    def _cut(self) -> None:
        """Drop the partial line of a failed write (best effort: a disk that is full still truncates)."""
        if self._good is None:
            return
        try:
            self._f.seek(self._good)
            self._f.truncate(self._good)
        except (OSError, ValueError):
            pass

    def close(self) -> None:
        self._f.close()


def repair_jsonl(path: str | Path) -> int:
    """Drop a trailing partial line (a batch killed mid-write); the bytes dropped.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "out.jsonl"
    >>> _ = p.write_bytes(b'{"doc_id": "a"}\\n{"doc_id": "b", "ent')
    >>> repair_jsonl(p), p.read_bytes()
    (20, b'{"doc_id": "a"}\\n')
    """
    path = Path(path)
    with path.open("r+b") as f:
        size = f.seek(0, os.SEEK_END)
        end = size
        while end > 0:
            start = max(0, end - 65536)
            f.seek(start)
            chunk = f.read(end - start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = start + nl + 1
                break
            end = start
        else:
            keep = 0
        if keep < size:
            f.truncate(keep)
        return size - keep


# ---------------------------------------------------------------- rows


def record_rows(line: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The typed CSV/Parquet rows of one line: one per record, or one for an error.

    >>> line = {"doc_id": "a", "path": "a.txt", "error": None, "records": [{"recipient": "Ville de Gaspé",
    ...     "amount": 150000, "currency": "CAD", "ministers": ["A", "B"], "confidence": 0.8,
    ...     "evidence": {"start": 3, "end": 40, "text": "...", "rule": "to", "source": "kb"}, "warnings": []}]}
    >>> row = next(record_rows(line)); row["recipient"], row["amount"], row["ministers"], row["evidence_source"]
    ('Ville de Gaspé', Decimal('150000'), ['A', 'B'], 'kb')
    >>> [r["error"] for r in record_rows({"doc_id": "b", "path": "b.png", "error": "binary file"})]
    ['binary file']
    """
    base = {c: None for c in CSV_COLUMNS}
    base.update(doc_id=line.get("doc_id"), path=line.get("path"), published=line.get("published"))
    records = [(r, False) for r in line.get("records") or ()] + [(r, True) for r in line.get("rejected") or ()]
    if line.get("error") or not records:
        yield {**base, "ministers": [], "warnings": list(line.get("warnings") or []), "error": line.get("error")}
        return
    for r, rejected in records:
        evidence = r.get("evidence") or {}
        yield {
            **base,
            **{k: r.get(k) for k in ("recipient", "recipient_id", "currency", "kind", "program", "funder",
                                     "region", "region_code", "region_inferred", "date", "confidence",
                                     "duplicate_of")},
            "amount": money(r.get("amount")),
            "total_cost": money(r.get("total_cost")),
            "ministers": list(r.get("ministers") or []),
            "evidence_start": evidence.get("start"),
            "evidence_end": evidence.get("end"),
            "evidence_text": evidence.get("text"),
            "evidence_rule": evidence.get("rule"),
            "evidence_source": evidence.get("source"),
            "warnings": list(r.get("warnings") or []),
            "rejected": rejected,
        }


def money(value: Any) -> Decimal | None:
    """A JSON number read back as an exact Decimal (via its shortest repr).

    >>> money(221182.15), money(13700000), money(None)
    (Decimal('221182.15'), Decimal('13700000'), None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def spreadsheet_cell(value: Any) -> str:
    """A cell as text: numbers without exponent, lists joined by ``; ``, formulas defused.

    >>> spreadsheet_cell(Decimal("1E+7")), spreadsheet_cell(["A", "B"]), spreadsheet_cell("- Une aide")
    ('10000000', 'A; B', "'- Une aide")
    >>> spreadsheet_cell(None), spreadsheet_cell(0.85), spreadsheet_cell(12)
    ('', '0.85', '12')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text) else text


class CsvWriter:
    """One row per record (see :func:`record_rows`), UTF-8 with BOM, CRLF row ends."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._f = self.path.open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        self._csv.writerow(CSV_COLUMNS)

    def write(self, line: dict[str, Any]) -> None:
        for row in record_rows(line):
            self._csv.writerow([spreadsheet_cell(row[c]) for c in CSV_COLUMNS])
        self._f.flush()

    def close(self) -> None:
        self._f.close()


# ---------------------------------------------------------------- Parquet


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as e:
        raise WriterError("Parquet output needs pyarrow: pip install 'annonces[parquet]'") from e
    return pyarrow


class ParquetWriter:
    """The CSV rows, typed, written in row groups of ``row_group`` rows (flat memory)."""

    def __init__(self, path: str | Path, *, row_group: int = 10_000) -> None:
        pa = _pyarrow()
        self.path = Path(path)
        self.row_group = row_group
        money_type = pa.decimal128(38, 6)
        types = {"amount": money_type, "total_cost": money_type, "confidence": pa.float64(),
                 "region_inferred": pa.bool_(), "rejected": pa.bool_(),
                 "evidence_start": pa.int64(), "evidence_end": pa.int64(),
                 "ministers": pa.list_(pa.string()), "warnings": pa.list_(pa.string())}
        self.schema = pa.schema([(c, types.get(c, pa.string())) for c in CSV_COLUMNS])
        self._pa = pa
        self._rows: list[dict[str, Any]] = []
        self._writer = pa.parquet.ParquetWriter(str(self.path), self.schema)

    def write(self, line: dict[str, Any]) -> None:
        for row in record_rows(line):
            for key in ("amount", "total_cost"):
                if row[key] is not None:
                    row[key] = row[key].quantize(_MONEY_PLACES, rounding=ROUND_HALF_EVEN)
            self._rows.append(row)
        if len(self._rows) >= self.row_group:
            self._flush()

    def _flush(self) -> None:
        table = self._pa.Table.from_pylist(self._rows, schema=self.schema)
        self._writer.write_table(table)
        self._rows = []

    def close(self) -> None:
        if self._rows:
            self._flush()
        self._writer.close()


def open_writer(path: str | Path, fmt: str = "jsonl", *, append: bool = False) -> Writer:
    """A writer for ``fmt`` (``append``, used by ``--resume``, for JSONL, SQLite and DuckDB).

    Raises :class:`WriterError` for an unknown format or a missing dependency, and
    ``OSError`` when the file cannot be created.
    """
    fmt = format_for(path, fmt)
    if fmt == "jsonl":
        return JsonlWriter(path, append=append)
    if fmt in ("sqlite", "duckdb"):
        from .sql import SqlWriter

        return SqlWriter(path, fmt, append=append)
    if append:
        raise WriterError("--resume works with JSONL, SQLite and DuckDB output only")
    if fmt == "csv":
        return CsvWriter(path)
    return ParquetWriter(path)


def read_csv(path: str | Path) -> list[dict[str, str]]:
    """The rows of a CSV written by :class:`CsvWriter` (a convenience for checks)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))
