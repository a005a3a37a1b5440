"""SQL output: one SQLite or DuckDB file with the documents, records, entities and ministers.

Tables (primary keys, foreign keys and indexes in :data:`TABLES`)::

    documents           one row per input document (doc_key = "<path>::<doc_id>")
    records             one row per funding record, evidence offsets, text, rule and source
    entities            one row per mention: kind, text, offsets, normalized value
    ministers_of_record one row per minister credited with a record

Money is exact: ``amount`` is ``DECIMAL(38, 6)`` in DuckDB (``REAL`` in SQLite, which
has no decimal type) and ``amount_cents`` an integer in both; the views sum the cents.
The views ``totals_by_recipient``, ``totals_by_region``, ``totals_by_program``,
``totals_by_funder``, ``totals_by_minister`` and ``totals_by_year`` count each funding
once (records with ``duplicate_of`` set are left out), keep loans apart from grants
(``kind``) and never add two currencies.

Writing a document deletes its earlier rows first (same ``doc_key``), so a second
``batch --resume`` into the same file adds no duplicate row.  Inserts name their columns,
and a file written by an older version gets the columns added since (:data:`ADDED`,
``evidence_source``) with ``ALTER TABLE`` when it is opened again.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

from . import WriterError, money

SQL_FORMATS = ("sqlite", "duckdb")
_CENT = Decimal("0.01")
_KINDS = {"ministers": "minister", "organizations": "organization", "amounts": "amount",
          "programs": "program", "regions": "region", "dates": "date"}

TABLES = """
CREATE TABLE IF NOT EXISTS documents (
    doc_key TEXT PRIMARY KEY, doc_id TEXT NOT NULL, path TEXT, content_sha1 TEXT,
    position INTEGER NOT NULL, published TEXT, published_source TEXT, error TEXT,
    warnings TEXT, n_records INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    doc_key TEXT NOT NULL REFERENCES documents (doc_key), record_index INTEGER NOT NULL,
    record_ref TEXT NOT NULL, recipient TEXT NOT NULL, recipient_id TEXT,
    amount {money} NOT NULL, amount_cents BIGINT NOT NULL, currency TEXT NOT NULL, kind TEXT NOT NULL,
    total_cost {money}, program TEXT, program_id TEXT, funder TEXT, funder_id TEXT,
    region TEXT, region_code TEXT, region_inferred BOOLEAN, date TEXT, year INTEGER, month TEXT,
    confidence DOUBLE, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
    evidence_text TEXT, evidence_rule TEXT, evidence_source TEXT, warnings TEXT, duplicate_of TEXT,
    PRIMARY KEY (doc_key, record_index));
CREATE TABLE IF NOT EXISTS entities (
    doc_key TEXT NOT NULL REFERENCES documents (doc_key), kind TEXT NOT NULL,
    entity_index INTEGER NOT NULL, text TEXT NOT NULL, start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL, value TEXT, amount {money}, currency TEXT, entity_id TEXT,
    code TEXT, role TEXT,
    PRIMARY KEY (doc_key, kind, entity_index));
CREATE TABLE IF NOT EXISTS ministers_of_record (
    doc_key TEXT NOT NULL, record_index INTEGER NOT NULL, position INTEGER NOT NULL,
    minister TEXT NOT NULL,
    PRIMARY KEY (doc_key, record_index, position),
    FOREIGN KEY (doc_key, record_index) REFERENCES records (doc_key, record_index));
CREATE INDEX IF NOT EXISTS documents_doc_id ON documents (doc_id);
CREATE INDEX IF NOT EXISTS records_recipient ON records (recipient_id);
CREATE INDEX IF NOT EXISTS records_region ON records (region_code);
CREATE INDEX IF NOT EXISTS records_program ON records (program_id);
CREATE INDEX IF NOT EXISTS records_funder ON records (funder_id);
CREATE INDEX IF NOT EXISTS records_year ON records (year);
CREATE INDEX IF NOT EXISTS records_ref ON records (record_ref);
CREATE INDEX IF NOT EXISTS entities_value ON entities (kind, value);
CREATE INDEX IF NOT EXISTS ministers_name ON ministers_of_record (minister);
"""

_COUNTED = "FROM records WHERE duplicate_of IS NULL"
_TOTALS = "COUNT(*) AS records, SUM(amount_cents) AS total_cents, SUM(amount_cents) / 100.0 AS total"
VIEWS = {
    "totals_by_recipient": f"SELECT recipient_id, MIN(recipient) AS recipient, currency, kind, {_TOTALS} "
                           f"{_COUNTED} GROUP BY recipient_id, currency, kind",
    "totals_by_region": f"SELECT region_code, region, currency, kind, {_TOTALS} "
                        f"{_COUNTED} GROUP BY region_code, region, currency, kind",
    "totals_by_program": f"SELECT program_id, MIN(program) AS program, currency, kind, {_TOTALS} "
                         f"{_COUNTED} GROUP BY program_id, currency, kind",
    "totals_by_funder": f"SELECT funder_id, MIN(funder) AS funder, currency, kind, {_TOTALS} "
                        f"{_COUNTED} GROUP BY funder_id, currency, kind",
    "totals_by_year": f"SELECT year, currency, kind, {_TOTALS} {_COUNTED} GROUP BY year, currency, kind",
    "totals_by_minister": "SELECT m.minister, r.currency, r.kind, COUNT(*) AS records, "
                          "SUM(r.amount_cents) AS total_cents, SUM(r.amount_cents) / 100.0 AS total "
                          "FROM ministers_of_record m JOIN records r USING (doc_key, record_index) "
                          "WHERE r.duplicate_of IS NULL GROUP BY m.minister, r.currency, r.kind",
}


def cents(value: Decimal) -> int:
    """An amount in cents, rounded half to even.

    >>> cents(Decimal("221182.155")), cents(Decimal("13700000"))
    (22118216, 1370000000)
    """
    return int((value / _CENT).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def _connect(path: Path, fmt: str) -> Any:
    if fmt == "sqlite":
        con = sqlite3.connect(str(path), isolation_level=None)
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        return con
    try:
        import duckdb
    except ImportError as e:
        raise WriterError("DuckDB output needs duckdb: pip install duckdb") from e
    return duckdb.connect(str(path))


def connect(path: str | Path) -> Any:
    """An open connection to a database written by :class:`SqlWriter` (SQLite or DuckDB by suffix)."""
    path = Path(path)
    return _connect(path, "duckdb" if path.suffix.lower() in (".duckdb", ".ddb") else "sqlite")


def create_schema(con: Any, fmt: str) -> None:
    """The tables, indexes and views (idempotent)."""
    ddl = TABLES.format(money="REAL" if fmt == "sqlite" else "DECIMAL(38, 6)")
    for statement in ddl.split(";"):
        if statement.strip():
            con.execute(statement)
    for name, select in VIEWS.items():
        if fmt == "sqlite":
            con.execute(f"CREATE VIEW IF NOT EXISTS {name} AS {select}")
        else:
            con.execute(f"CREATE OR REPLACE VIEW {name} AS {select}")


def _money(value: Any, fmt: str) -> Any:
    m = money(value)
    if m is None:
        return None
    return float(m) if fmt == "sqlite" else m.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN)


def record_row(doc_key: str, doc_id: str, i: int, r: dict[str, Any], fmt: str) -> tuple[Any, ...]:
    """One ``records`` row (column order of :data:`TABLES`)."""
    evidence = r.get("evidence") or {}
    date = r.get("date") or None
    amount = money(r.get("amount")) or Decimal(0)
    return (doc_key, i, f"{doc_id}#{i}", r.get("recipient") or "", r.get("recipient_id"),
            _money(amount, fmt), cents(amount), r.get("currency") or "", r.get("kind") or "grant",
            _money(r.get("total_cost"), fmt), r.get("program"), r.get("program_id"), r.get("funder"),
            r.get("funder_id"), r.get("region"), r.get("region_code"), bool(r.get("region_inferred")), date,
            int(date[:4]) if date else None, date[:7] if date and len(date) >= 7 else None,
            r.get("confidence"), int(evidence.get("start") or 0), int(evidence.get("end") or 0),
            evidence.get("text"), evidence.get("rule"), evidence.get("source"),
            json.dumps(r.get("warnings") or [], ensure_ascii=False), r.get("duplicate_of"))


def entity_row(doc_key: str, kind: str, i: int, e: dict[str, Any], fmt: str) -> tuple[Any, ...]:
    """One ``entities`` row: ``value`` is the canonical name, the ISO date or the amount as text."""
    if kind == "amount":
        value = format(money(e.get("value")) or Decimal(0), "f")
    elif kind == "date":
        value = e.get("value")
    else:
        value = e.get("canonical")
    return (doc_key, kind, i, e.get("text") or "", int(e.get("start") or 0), int(e.get("end") or 0), value,
            _money(e.get("value"), fmt) if kind == "amount" else None, e.get("currency"), e.get("id"),
            e.get("code"), e.get("role"))


COLUMNS = {
    "documents": ("doc_key", "doc_id", "path", "content_sha1", "position", "published", "published_source",
                  "error", "warnings", "n_records"),
    "records": ("doc_key", "record_index", "record_ref", "recipient", "recipient_id", "amount", "amount_cents",
                "currency", "kind", "total_cost", "program", "program_id", "funder", "funder_id", "region",
                "region_code", "region_inferred", "date", "year", "month", "confidence", "evidence_start",
                "evidence_end", "evidence_text", "evidence_rule", "evidence_source", "warnings", "duplicate_of"),
    "entities": ("doc_key", "kind", "entity_index", "text", "start_offset", "end_offset", "value", "amount",
                 "currency", "entity_id", "code", "role"),
    "ministers_of_record": ("doc_key", "record_index", "position", "minister"),
}
#: parents before children (insert order; deletes go the other way)
ORDER = ("documents", "records", "entities", "ministers_of_record")
#: columns added after the first release of a table: ``--resume`` adds them to an older file
ADDED = {"records": {"evidence_source": "TEXT"}}


def table_columns(con: Any, table: str) -> tuple[str, ...]:
    """The column names of ``table`` in an open SQLite or DuckDB connection, in table order."""
    cursor = con.execute(f"SELECT * FROM {table} LIMIT 0")
    return tuple(d[0] for d in cursor.description)


def upgrade_schema(con: Any) -> list[str]:
    """Add the columns of :data:`ADDED` an older file lacks (``ALTER TABLE``); ``table.column`` of each one added.

    Rows written before keep ``NULL`` there; inserts name their columns, so the new column's
    place at the end of the table does not matter.
    """
    added = []
    for table, columns in ADDED.items():
        have = set(table_columns(con, table))
        for column, sql_type in columns.items():
            if column not in have:
                con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")
                added.append(f"{table}.{column}")
    return added


def insert_sql(table: str) -> str:
    """The ``INSERT`` of one row of ``table``, its columns named (``?`` placeholders).

    >>> insert_sql("ministers_of_record")
    'INSERT INTO ministers_of_record (doc_key, record_index, position, minister) VALUES (?, ?, ?, ?)'
    """
    columns = COLUMNS[table]
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


class SqlWriter:
    """Writes batch lines into a SQLite or DuckDB file (``fmt``), ``every`` documents per
    transaction (and the rest on :meth:`close`).

    ``append=False`` starts a new file (an existing one is replaced); ``append=True``
    (``--resume``) keeps its rows and replaces those of a document written again.  A killed
    batch loses at most the documents of the open transaction, which ``--resume`` redoes.

    >>> import tempfile; path = Path(tempfile.mkdtemp()) / "c.sqlite"
    >>> w = SqlWriter(path, "sqlite")
    >>> w.write({"doc_id": "a", "path": "a.txt", "records": [{"recipient": "Ville de Gaspé",
    ...     "recipient_id": "org:1", "amount": 150000.5, "currency": "CAD", "kind": "grant",
    ...     "evidence": {"start": 0, "end": 20, "text": "..."}, "ministers": ["Jean Boulet"]}]})
    >>> w.close()
    >>> connect(path).execute("SELECT recipient, total_cents FROM totals_by_recipient").fetchall()
    [('Ville de Gaspé', 15000050)]
    """

    def __init__(self, path: str | Path, fmt: str, *, append: bool = False, every: int = 500) -> None:
        if fmt not in SQL_FORMATS:
            raise WriterError(f"not a SQL format: {fmt!r}")
        self.path, self.fmt, self.every = Path(path), fmt, every
        if not append:
            for p in (self.path, self.path.with_name(self.path.name + ".wal"),
                      self.path.with_name(self.path.name + "-wal"), self.path.with_name(self.path.name + "-shm")):
                p.unlink(missing_ok=True)
        self._con = _connect(self.path, fmt)
        create_schema(self._con, fmt)
        upgrade_schema(self._con)  # a file written by an older version (--resume)
        row = self._con.execute("SELECT COALESCE(MAX(position), -1) FROM documents").fetchone()
        self._position = int(row[0]) + 1
        self._written: Counter[str] = Counter()
        self._rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in ORDER}

    def _key(self, line: dict[str, Any]) -> str:
        base = f"{line.get('path')}::{line.get('doc_id')}"
        self._written[base] += 1  # the same path and id twice in one run: both kept
        n = self._written[base]
        return base if n == 1 else f"{base}::{n}"

    def write(self, line: dict[str, Any]) -> None:
        doc_key, doc_id, fmt = self._key(line), str(line.get("doc_id")), self.fmt
        records = line.get("records") or []
        rows = {
            "documents": [(doc_key, doc_id, line.get("path"), line.get("content_sha1"), self._position,
                           line.get("published"), line.get("published_source"), line.get("error"),
                           json.dumps(line.get("warnings") or [], ensure_ascii=False), len(records))],
            "records": [record_row(doc_key, doc_id, i, r, fmt) for i, r in enumerate(records)],
            "entities": [entity_row(doc_key, _KINDS.get(k, k), i, e, fmt)
                         for k, values in (line.get("entities") or {}).items() for i, e in enumerate(values or [])],
            "ministers_of_record": [(doc_key, i, j, m) for i, r in enumerate(records)
                                    for j, m in enumerate(r.get("ministers") or [])],
        }  # built first: a bad line raises before anything is buffered
        for table in ORDER:
            self._rows[table].extend(rows[table])
        self._position += 1
        if len(self._rows["documents"]) >= self.every:
            self.flush()

    def flush(self) -> None:
        """Write the buffered documents in one transaction (their earlier rows deleted first)."""
        keys = [(row[0],) for row in self._rows["documents"]]
        if not keys:
            return
        con = self._con
        if self.fmt == "sqlite":
            con.execute("BEGIN")
            try:
                for table in reversed(ORDER):
                    con.executemany(f"DELETE FROM {table} WHERE doc_key = ?", keys)
                for table in ORDER:
                    if self._rows[table]:
                        con.executemany(insert_sql(table), self._rows[table])
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise
        else:
            _duckdb_flush(con, self.path, self._rows)
        self._rows = {t: [] for t in ORDER}

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._con.close()


def _duckdb_flush(con: Any, path: Path, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    """Bulk load through newline-delimited JSON files (DuckDB's ``executemany`` is row by row).

    DuckDB checks foreign keys against rows deleted in the same transaction, so the children
    of replaced documents are deleted and committed first."""
    import tempfile

    keys = [row[0] for row in rows["documents"]]
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".annonces-load-") as tmp:
        key_file = Path(tmp) / "keys.json"
        _dump(key_file, ("doc_key",), [(k,) for k in keys])
        replaced = f"SELECT doc_key FROM read_json('{_quote(key_file)}', format='newline_delimited', columns={{'doc_key': 'VARCHAR'}})"
        con.execute("BEGIN")
        for table in ("ministers_of_record", "entities", "records"):
            con.execute(f"DELETE FROM {table} WHERE doc_key IN ({replaced})")
        con.execute("COMMIT")
        con.execute("BEGIN")
        try:
            con.execute(f"DELETE FROM documents WHERE doc_key IN ({replaced})")
            for table in ORDER:
                if not rows[table]:
                    continue
                file = Path(tmp) / f"{table}.json"
                _dump(file, COLUMNS[table], rows[table])
                names = ", ".join(COLUMNS[table])
                columns = ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS[table])
                con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM read_json('{_quote(file)}', "
                            f"format='newline_delimited', columns={{{columns}}})")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _dump(path: Path, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({c: (v if v is None else str(v) if isinstance(v, Decimal) else v)
                                for c, v in zip(columns, row)}, ensure_ascii=False) + "\n")


def stored_keys(path: str | Path) -> Iterator[tuple[str | None, str, str | None, int]]:
    """``(path, doc_id, content_sha1, n)`` of the documents already in a database (``--resume``)."""
    con = connect(path)
    try:
        seen: Counter[tuple[Any, ...]] = Counter()
        for p, doc_id, sha1 in con.execute(
                "SELECT path, doc_id, content_sha1 FROM documents ORDER BY position").fetchall():
            seen[(p, doc_id, sha1)] += 1
            yield (p, doc_id, sha1, seen[(p, doc_id, sha1)])
    finally:
        con.close()


def stored_lines(path: str | Path) -> Iterator[dict[str, Any]]:
    """The documents of a database as minimal batch lines (doc_id and records), in written
    order: what :class:`~annonces.records.DuplicateLinker` needs on ``--resume``."""
    con = connect(path)
    try:
        docs = con.execute("SELECT doc_key, doc_id FROM documents ORDER BY position").fetchall()
        rows = con.execute("SELECT doc_key, recipient_id, recipient, amount, program "
                           "FROM records ORDER BY doc_key, record_index").fetchall()
    finally:
        con.close()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for doc_key, recipient_id, recipient, amount, program in rows:
        by_doc.setdefault(doc_key, []).append({"recipient_id": recipient_id, "recipient": recipient,
                                               "amount": amount, "program": program})
    for doc_key, doc_id in docs:
        yield {"doc_id": doc_id, "records": by_doc.get(doc_key, [])}
