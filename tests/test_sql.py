"""SQLite and DuckDB output: every JSONL record is a row with its evidence offsets, the
views count each funding once, and ``batch --resume`` into the same file adds no row."""

from __future__ import annotations

import json
import re
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from annonces.batch import run_batch
from annonces.writers import format_for, open_writer
from annonces.writers import sql as sql_writer
from annonces.writers.sql import SqlWriter, cents, connect, record_row, table_columns

FORMATS = ["sqlite", "duckdb"]


def _record(recipient: str, amount: Any, **extra: Any) -> dict[str, Any]:
    rec = {"recipient": recipient, "recipient_id": extra.pop("recipient_id", "org:" + recipient[:3]),
           "amount": amount, "currency": "CAD", "kind": "grant", "total_cost": None, "program": None,
           "program_id": None, "funder": None, "funder_id": None, "region": None, "region_code": None,
           "region_inferred": False, "date": "2021-05-04", "ministers": [], "confidence": 0.8,
           "evidence": {"start": 10, "end": 60, "text": f"Une aide à {recipient}.", "rule": "to"},
           "warnings": [], "duplicate_of": None}
    rec.update(extra)
    return rec


def _line(doc_id: str, records: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    line = {"doc_id": doc_id, "path": f"{doc_id}.txt", "content_sha1": "0" * 40, "published": "2021-05-04",
            "published_source": "text", "error": None, "warnings": [], "segments": [],
            "entities": {"ministers": [{"text": "la ministre Proulx", "start": 0, "end": 18,
                                        "canonical": "Marie-Eve Proulx", "portfolios": [], "role": "announcer"}],
                         "organizations": [], "programs": [], "regions": [], "dates": [],
                         "amounts": [{"text": "221 182,15 $", "start": 30, "end": 42, "value": 221182.15,
                                      "currency": "CAD", "role": "grant"}]},
            "records": records}
    line.update(extra)
    return line


LINES = [
    _line("a", [_record("Ville de Gaspé", 221182.15, ministers=["Marie-Eve Proulx", "Jean Boulet"],
                        region="Gaspésie–Îles-de-la-Madeleine", region_code="11"),
                _record("Métal Marquis", 550000, kind="loan", program="Programme ESSOR", program_id="qc-prog-essor",
                        funder="Investissement Québec", funder_id="qc-agency-iq")]),
    _line("b", [_record("Ville de Gaspe", 221182.15, recipient_id="org:Vil", duplicate_of="a#0"),
                _record("Commune de Quimperlé", 245000.5, currency="EUR", date="2022-01-10")]),
    _line("c", [], error="binary file", entities={}),
]


def _write(path: Path, lines: list[dict[str, Any]]) -> None:
    writer = open_writer(path, format_for(path))
    for line in lines:
        writer.write(line)
    writer.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_record_is_a_row_with_its_evidence(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"corpus.{fmt}"
    _write(path, LINES)
    con = connect(path)
    rows = con.execute("SELECT d.doc_id, r.record_index, r.recipient, r.amount_cents, r.evidence_start, "
                       "r.evidence_end, r.evidence_text, r.duplicate_of FROM records r JOIN documents d "
                       "USING (doc_key) ORDER BY d.position, r.record_index").fetchall()
    expected = [(line["doc_id"], i, r["recipient"], cents(Decimal(repr(r["amount"]))), r["evidence"]["start"],
                 r["evidence"]["end"], r["evidence"]["text"], r["duplicate_of"])
                for line in LINES for i, r in enumerate(line["records"])]
    assert [tuple(r) for r in rows] == expected
    assert con.execute("SELECT COUNT(*), SUM(CASE WHEN error IS NULL THEN 0 ELSE 1 END) FROM documents").fetchone() == (3, 1)
    assert con.execute("SELECT minister FROM ministers_of_record ORDER BY position").fetchall() == [
        ("Marie-Eve Proulx",), ("Jean Boulet",)]
    ents = con.execute("SELECT kind, text, start_offset, end_offset, value FROM entities "
                       "WHERE doc_key LIKE 'a.txt%' ORDER BY kind").fetchall()
    assert [tuple(e) for e in ents] == [("amount", "221 182,15 $", 30, 42, "221182.15"),
                                        ("minister", "la ministre Proulx", 0, 18, "Marie-Eve Proulx")]
    con.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_views_count_each_funding_once_by_currency_and_kind(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"corpus.{fmt}"
    _write(path, LINES)
    con = connect(path)
    by_year = sorted(tuple(r) for r in con.execute("SELECT year, currency, kind, records, total_cents FROM totals_by_year").fetchall())
    assert by_year == [(2021, "CAD", "grant", 1, 22118215), (2021, "CAD", "loan", 1, 55000000),
                       (2022, "EUR", "grant", 1, 24500050)]
    by_minister = sorted(tuple(r) for r in con.execute("SELECT minister, total_cents FROM totals_by_minister").fetchall())
    assert by_minister == [("Jean Boulet", 22118215), ("Marie-Eve Proulx", 22118215)]
    assert con.execute("SELECT program, total_cents FROM totals_by_program WHERE kind = 'loan'").fetchall() == [
        ("Programme ESSOR", 55000000)]
    assert con.execute("SELECT region_code, records FROM totals_by_region WHERE region_code IS NOT NULL").fetchall() == [
        ("11", 1)]
    con.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_evidence_source_is_a_column(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"corpus.{fmt}"
    kb = _record("Ville de Gaspé", 1000, evidence={"start": 0, "end": 9, "text": "Une aide.", "rule": "to", "source": "kb"})
    _write(path, [_line("a", [kb, _record("Métal Marquis", 2000)])])
    con = connect(path)
    rows = con.execute("SELECT recipient, evidence_rule, evidence_source FROM records ORDER BY record_index").fetchall()
    assert [tuple(r) for r in rows] == [("Ville de Gaspé", "to", "kb"), ("Métal Marquis", "to", None)]
    assert table_columns(con, "records") == sql_writer.COLUMNS["records"]
    con.close()


def _older_database(path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file as an earlier version wrote it: no ``evidence_source`` column, one document."""
    old_columns = tuple(c for c in sql_writer.COLUMNS["records"] if c != "evidence_source")
    with monkeypatch.context() as m:
        m.setattr(sql_writer, "TABLES", sql_writer.TABLES.replace(" evidence_source TEXT,", ""))
        con = connect(path)
        sql_writer.create_schema(con, fmt)
    assert "evidence_source" not in table_columns(con, "records")
    con.execute("INSERT INTO documents VALUES ('old.txt::old', 'old', 'old.txt', NULL, 0, NULL, NULL, NULL, '[]', 1)")
    row = record_row("old.txt::old", "old", 0, _record("Ville de Rimouski", 5000), fmt)
    keep = [v for c, v in zip(sql_writer.COLUMNS["records"], row) if c != "evidence_source"]
    con.execute(f"INSERT INTO records VALUES ({', '.join('?' * len(old_columns))})", keep)
    con.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_resume_adds_evidence_source_to_an_older_database(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"corpus.{fmt}"
    _older_database(path, fmt, monkeypatch)
    writer = SqlWriter(path, fmt, append=True)
    writer.write(_line("new", [_record("Ville de Gaspé", 1000, evidence={"start": 0, "end": 9, "text": "Une aide.",
                                                                        "rule": "to", "source": "kb"})]))
    writer.close()
    con = connect(path)
    assert table_columns(con, "records")[-1] == "evidence_source"  # added at the end: inserts name their columns
    rows = con.execute("SELECT d.doc_id, r.recipient, r.evidence_rule, r.evidence_source, r.amount_cents FROM records r "
                       "JOIN documents d USING (doc_key) ORDER BY d.position").fetchall()
    assert [tuple(r) for r in rows] == [("old", "Ville de Rimouski", "to", None, 500000),
                                        ("new", "Ville de Gaspé", "to", "kb", 100000)]
    assert con.execute("SELECT SUM(total_cents) FROM totals_by_recipient").fetchone()[0] == 600000
    assert sql_writer.upgrade_schema(con) == []  # once added, nothing more to do
    con.close()


def test_sqlite_keys_are_enforced(tmp_path: Path) -> None:
    path = tmp_path / "corpus.sqlite"
    _write(path, LINES)
    con = connect(path)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO records (doc_key, record_index, record_ref, recipient, amount, amount_cents, "
                    "currency, kind, evidence_start, evidence_end) VALUES ('nowhere', 0, 'x#0', 'X', 1, 100, 'CAD', 'grant', 0, 1)")
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"records_recipient", "records_region", "records_program", "records_year"} <= indexes
    con.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_resume_into_the_same_database_adds_no_row(fake: list[str], tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for n in range(4):
        (src / f"doc{n}.txt").write_text(f"Une aide de {n + 1}00 000 $ est accordée à la Ville de Gaspé.", encoding="utf-8")
    out = tmp_path / f"corpus.{fmt}"
    run_batch(src, out, progress=False)
    con = connect(out)
    before = [con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("documents", "records", "entities")]
    con.close()
    assert before[0] == 4 and before[1] >= 4
    calls = len(fake)
    summary = run_batch(src, out, progress=False, resume=True)
    assert summary.skipped == 4 and len(fake) == calls  # nothing extracted again
    (src / "doc1.txt").write_text("Une aide de 700 000 $ est accordée à la Ville de Rimouski.", encoding="utf-8")
    (src / "doc9.txt").write_text("Une aide de 900 000 $ est accordée à la Ville de Matane.", encoding="utf-8")
    summary = run_batch(src, out, progress=False, resume=True)
    assert (summary.skipped, summary.documents) == (3, 2)
    con = connect(out)
    docs = con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()
    assert [d[0] for d in docs] == ["doc0", "doc1", "doc2", "doc3", "doc9"]
    keys = con.execute("SELECT doc_key, record_index FROM records").fetchall()
    assert len(keys) == len(set(keys)) == 5
    amounts = con.execute("SELECT d.doc_id, r.amount_cents FROM records r JOIN documents d USING (doc_key) "
                          "ORDER BY d.doc_id").fetchall()
    assert [tuple(a) for a in amounts] == [("doc0", 10000000), ("doc1", 70000000), ("doc2", 30000000),
                                           ("doc3", 40000000), ("doc9", 90000000)]  # doc1 replaced
    con.close()


def test_duckdb_reads_the_parquet_output(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import duckdb

    path = tmp_path / "records.parquet"
    _write(path, LINES)
    total = duckdb.connect().execute(f"SELECT SUM(amount) FROM '{path}' WHERE currency = 'CAD'").fetchone()[0]
    assert total == Decimal("221182.15") * 2 + 550000


def test_the_jsonl_of_corpus_round_trips(corpus_jsonl: Path, tmp_path: Path) -> None:
    """The bundled corpus, extracted for real (fast pipeline), into both databases."""
    lines = [json.loads(raw) for raw in corpus_jsonl.read_text(encoding="utf-8").splitlines()]
    expected = sorted((line["doc_id"], i, r["evidence"]["start"], r["evidence"]["end"], r["recipient"])
                      for line in lines for i, r in enumerate(line["records"]))
    assert len(expected) > 20
    for fmt in FORMATS:
        db = tmp_path / f"corpus.{fmt}"
        _write(db, lines)
        con = connect(db)
        got = con.execute("SELECT d.doc_id, r.record_index, r.evidence_start, r.evidence_end, r.recipient "
                          "FROM records r JOIN documents d USING (doc_key)").fetchall()
        assert sorted(tuple(g) for g in got) == expected, fmt
        con.close()


def _readme_queries() -> list[tuple[str, list[str]]]:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = []
    for engine, block in re.findall(r"`(sqlite3|duckdb) out/corpus\.\w+`[^`]*?(?:`[^`]*`[^`]*?)*?```sql\n(.+?)\n```", readme, re.DOTALL):
        statements = [s.strip() for s in re.sub(r"--[^\n]*", "", block).split(";") if s.strip()]
        blocks.append((engine, statements))
    return blocks


def test_the_readme_queries_run_on_both_databases(tmp_path: Path) -> None:
    blocks = _readme_queries()
    assert [(engine, len(statements)) for engine, statements in blocks] == [("sqlite3", 3), ("duckdb", 3)]
    pytest.importorskip("pyarrow")
    (tmp_path / "out").mkdir()
    _write(tmp_path / "out" / "records.parquet", LINES)
    for engine, statements in blocks:
        db = tmp_path / ("corpus.sqlite" if engine == "sqlite3" else "corpus.duckdb")
        _write(db, LINES)
        con = connect(db)
        for sql in statements:
            sql = sql.replace("'out/records.parquet'", f"'{tmp_path / 'out' / 'records.parquet'}'")
            assert con.execute(sql).fetchall(), sql
        con.close()
