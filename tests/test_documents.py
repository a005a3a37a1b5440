"""PDF, DOCX and HTML files as they come: one line each, tables read as tables, pages in evidence.

The folder is written by ``fixtures/documents.py`` with real writers (fpdf2, python-docx).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from annonces.batch import offset_warnings, run_batch
from annonces.readers import NO_TEXT, read_document
from fixtures.documents import EXPECTED, PLAIN_ROWS, RULED_ROWS, write_all


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_all(tmp_path_factory.mktemp("documents"))


@pytest.fixture(scope="module")
def lines(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("out") / "lignes.jsonl"
    summary = run_batch(folder, out, fast=True, progress=False)
    assert (summary.documents, summary.errors) == (9, 2)
    return {line["path"]: line for line in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def test_every_file_gives_one_line(folder: Path, lines: dict[str, dict]) -> None:
    assert sorted(lines) == sorted(p.name for p in folder.iterdir())
    assert lines["scanned.pdf"]["error"] == NO_TEXT
    assert lines["encrypted.pdf"]["error"] == "encrypted PDF: a password is needed to read it"
    for path, line in lines.items():
        if line["error"] is None:
            assert line["records"], path


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=sorted(EXPECTED))
def test_table_records(lines: dict[str, dict], name: str) -> None:
    got = sorted((r["recipient"], Decimal(str(r["amount"])), Decimal(str(r["total_cost"])), r["program"])
                 for r in lines[name]["records"])
    assert got == sorted(EXPECTED[name])
    assert {r["evidence"]["rule"] for r in lines[name]["records"]} == {"table"}


def test_table_evidence_gives_page_row_and_column(folder: Path, lines: dict[str, dict]) -> None:
    text = read_document(folder / "ruled-table.pdf").text
    line = lines["ruled-table.pdf"]
    assert offset_warnings(text, line) == []
    by_name = {r["recipient"]: r["evidence"] for r in line["records"]}
    first, last = by_name[RULED_ROWS[0][0]], by_name[RULED_ROWS[-1][0]]
    assert (first["page"], first["table"], first["row"], first["column"]) == (1, 0, 1, 3)
    assert (last["page"], last["row"]) == (2, len(RULED_ROWS))  # the table goes on over page 2
    [table] = line["tables"]
    assert table["header"] == ["Bénéficiaire", "Projet", "Coût total", "Subvention"]
    assert len(table["rows"]) == len(RULED_ROWS) + 1  # the header repeated on page 2 is dropped
    cell = table["rows"][1]["cells"][0]
    assert text[cell["start"]:cell["end"]] == cell["text"] == RULED_ROWS[0][0]
    labels = [s["label"] for s in line["segments"]]
    assert labels.count("table_row") == len(RULED_ROWS) and labels.count("table_header") == 1


def test_plain_table_without_rules(folder: Path) -> None:
    doc = read_document(folder / "plain-table.pdf")
    rows = [line.split("\t") for line in doc.text.splitlines() if "\t" in line]
    assert rows[0] == ["Municipalité", "Projet", "Coût du projet", "Aide accordée"]
    assert [r[0] for r in rows[1:]] == [r for r, _p, _a, _t in PLAIN_ROWS]


def test_prose_pdf_is_repaired_with_metadata(folder: Path, lines: dict[str, dict]) -> None:
    doc = read_document(folder / "prose.pdf")
    assert "une aide financière de 250 000 $" in doc.text and "centre communautaire, un projet" in doc.text
    assert (doc.title, doc.published, doc.pages) == (
        "Une aide pour le centre communautaire de Rimouski", __import__("datetime").date(2021, 5, 4),
        ((0, len(doc.text)),))
    [record] = lines["prose.pdf"]["records"]
    assert (record["recipient"], record["amount"], record["total_cost"], record["evidence"]["page"]) == (
        "Ville de Rimouski", 250000, 600000, 1)


def test_two_columns_read_column_after_column(folder: Path, lines: dict[str, dict]) -> None:
    text = read_document(folder / "two-columns.pdf").text
    assert text.index("patinage artistique") < text.index("Dans la seconde colonne")
    assert "la Municipalité de Percé obtient 95 000 $ pour son quai." in text
    got = {(r["recipient"], r["amount"]) for r in lines["two-columns.pdf"]["records"]}
    assert got == {("Ville de Gaspé", 180000), ("Municipalité de Percé", 95000)}


def test_docx_prose(folder: Path, lines: dict[str, dict]) -> None:
    doc = read_document(folder / "prose.docx")
    assert (doc.title, doc.published) == ("Soutien au Festival du homard", __import__("datetime").date(2022, 6, 14))
    assert [(r["recipient"], r["amount"]) for r in lines["prose.docx"]["records"]] == [("Festival du homard de Gaspé", 45000)]


BROKEN = [
    pytest.param("x.pdf", b"%PDF-1.7\n1 0 obj << >>", "broken PDF: cannot open it", id="pdf-truncated"),
    pytest.param("x.pdf", b"", "broken PDF: cannot open it", id="pdf-empty"),
    pytest.param("x.docx", b"PK\x03\x04 pas un zip", "not a readable DOCX file", id="docx-not-zip"),
    pytest.param("x.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "not a readable DOCX file", id="docx-ole"),
]


@pytest.mark.parametrize(("name", "data", "error"), BROKEN)
def test_broken_files_get_one_error(tmp_path: Path, name: str, data: bytes, error: str) -> None:
    (tmp_path / name).write_bytes(data)
    doc = read_document(tmp_path / name)
    assert doc.text is None and doc.error.startswith(error)
