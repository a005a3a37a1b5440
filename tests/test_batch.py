"""Batch processing: one line per document in sorted order, errors, workers, resume, writers.

The I/O logic is tested with a small stand-in for ``annonces.api.extract`` (a regex
over amounts), so these tests do not depend on the extractors; the tests marked
"real extract" run the library's ``extract(fast=True)``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from annonces import batch
from annonces.batch import (
    BatchSummary,
    OrderedWindow,
    UsageError,
    offset_warnings,
    partition_document,
    process_document,
    process_partition,
    run_batch,
)
from annonces.readers import Document
from annonces.writers import CSV_COLUMNS, CsvWriter, read_csv, repair_jsonl

from fixtures.stand_in import fake_work

FIXTURES = Path(__file__).parent / "fixtures" / "releases"

RELEASES = {
    "01-gaspe.txt": "GASPÉ, le 4 mai 2021 – La ministre annonce une aide de 150 000 $ à la Ville de Gaspé.",
    "02-laval.txt": "LAVAL, le 9 février 2022 – Une contribution de 1,2 M$ est accordée au Cégep Montmorency.",
    "03-limoges.txt": "Limoges, le 8 juin 2023 – Le préfet attribue 2,5 M€ à Limoges Métropole.",
    "04-rimouski.txt": "RIMOUSKI, le 3 mars 2020 – Une aide de 80 000 $ et un prêt de 40 000 $ pour la Coopérative.",
    "sous/05-sept-iles.txt": "SEPT-ÎLES, le 1er avril 2019 – Une aide de 25 000 $ au Festival du film de Sept-Îles.",
}




@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "communiques"
    for rel, text in RELEASES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------------------------- one document


def test_process_document_line(fake: list[str]) -> None:
    doc = Document(doc_id="gaspe", path="qc/gaspe.txt", text=RELEASES["01-gaspe.txt"], content_sha1="ab" * 20,
                   published=None, warnings=("truncated: processed the first 10 of 20 characters",))
    line = process_document(doc, fast=True)
    assert list(line) == ["doc_id", "path", "content_sha1", "published", "published_source", "error", "warnings",
                          "entities", "records", "segments", "tables"]
    assert (line["doc_id"], line["path"], line["error"]) == ("gaspe", "qc/gaspe.txt", None)
    assert line["warnings"] == ["truncated: processed the first 10 of 20 characters"]
    assert [(a["text"], a["value"]) for a in line["entities"]["amounts"]] == [("150 000 $", 150000)]
    assert [r["amount"] for r in line["records"]] == [150000]


def test_published_from_the_file_reaches_extraction(fake: list[str]) -> None:
    import datetime as dt

    doc = Document(doc_id="d", path="d.json", text="Une aide de 5 000 $.", published=dt.date(2022, 1, 31))
    line = process_document(doc)
    assert (line["published"], line["published_source"]) == ("2022-01-31", "caller")


@pytest.mark.parametrize(("text", "error"), [
    pytest.param("Une aide de 5 000 $. PANNE", "RuntimeError: extracteur en panne", id="extractor-raises"),
    pytest.param(None, "empty document", id="no-text"),
])
def test_process_document_never_raises(fake: list[str], text: str | None, error: str) -> None:
    line = process_document(Document(doc_id="d", path="d.txt", text=text))
    assert line["error"] == error
    assert line["records"] == [] and all(v == [] for v in line["entities"].values())


def test_pipeline_that_cannot_load_is_every_documents_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "_load_error", lambda fast, kb: "pipeline failed to load: OSError: no model")
    line = process_document(Document(doc_id="d", path="d.txt", text="Une aide de 5 000 $."))
    assert line["error"] == "pipeline failed to load: OSError: no model"


def test_offsets_that_do_not_match_become_warnings() -> None:
    text = "Une aide de 150 000 $ à Gaspé."
    good = {"entities": {"amounts": [{"text": "150 000 $", "start": 12, "end": 21}]},
            "records": [{"evidence": {"text": "150 000 $", "start": 12, "end": 21}}]}
    bad = {"entities": {"regions": [{"text": "Gaspé", "start": 24, "end": 30}]}}
    assert offset_warnings(text, good) == []
    assert offset_warnings(text, bad) == ["regions[0]: text[24:30] is 'Gaspé.', not 'Gaspé'"]


# ---------------------------------------------------------------- partitions


def test_process_partition(fake: list[str]) -> None:
    items = [("a", "Une aide de 5 000 $."), ("b", "   "), ("c", None), ("d", "Aide de 2,5 M€.", "2023-06-08"),
             ("e",)]
    out = list(process_partition(items, fast=True))
    assert [x["doc_id"] for x in out] == ["a", "b", "c", "d", "e"]
    assert [x["error"] for x in out] == [None, "empty document", "text is a NoneType, not a string", None,
                                         "bad item: TypeError: partition_document() missing 1 required "
                                         "positional argument: 'text'"]
    assert out[0]["path"] is None and len(out[0]["content_sha1"]) == 40
    assert out[3]["published"] == "2023-06-08" and out[3]["records"][0]["amount"] == 2500000


def test_process_partition_is_lazy(fake: list[str]) -> None:
    def items() -> Any:
        for i in range(1000):
            yield str(i), f"Une aide de {i + 1} $."

    out = process_partition(items())
    assert next(out)["doc_id"] == "0" and len(fake) == 1


def test_partition_document_keeps_the_callers_text() -> None:
    doc = partition_document("x", "ligne\r\nsuivante", max_chars=100)
    assert doc.text == "ligne\r\nsuivante"
    assert partition_document("y", "mot " * 30, max_chars=50).warnings == (
        "truncated: processed the first 48 of 120 characters",)


# ---------------------------------------------------------------- batch


def test_one_line_per_document_in_sorted_order(folder: Path, fake: list[str], tmp_path: Path) -> None:
    (folder / "00-vide.txt").write_bytes(b"")
    (folder / "06-panne.txt").write_text("Une aide de 9 $. PANNE", encoding="utf-8")
    (folder / "07-image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "out" / "lignes.jsonl"
    summary = run_batch(folder, out, progress=False)
    got = lines(out)
    assert [x["path"] for x in got] == ["00-vide.txt", "01-gaspe.txt", "02-laval.txt", "03-limoges.txt",
                                        "04-rimouski.txt", "06-panne.txt", "07-image.png", "sous/05-sept-iles.txt"]
    assert [x["error"] for x in got] == ["empty document", None, None, None, None,
                                         "RuntimeError: extracteur en panne", "unsupported file type: .png", None]
    assert (summary.documents, summary.records, summary.errors, summary.skipped) == (8, 6, 3, 0)
    assert summary.words == sum(len(t.split()) for t in RELEASES.values()) + len("Une aide de 9 $. PANNE".split())


def test_output_inside_the_input_folder_is_not_read(folder: Path, fake: list[str]) -> None:
    out = folder / "resultats.jsonl"
    run_batch(folder, out, progress=False)
    run_batch(folder, out, progress=False)
    assert len(lines(out)) == len(RELEASES)


def test_glob_selects_files(folder: Path, fake: list[str], tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_batch(folder, out, glob="*.txt", progress=False)
    assert [x["doc_id"] for x in lines(out)] == ["01-gaspe", "02-laval", "03-limoges", "04-rimouski"]


def test_summary_line() -> None:
    s = BatchSummary(documents=7, records=12, errors=1, words=5000, seconds=0.5, skipped=3)
    assert s.line() == "documents=7 records=12 errors=1 words/s=10000 skipped=3"


USAGE_ERRORS = [
    pytest.param("absent", "o.jsonl", {}, "input folder not found", id="missing-input"),
    pytest.param("in", "in", {}, "output is a folder", id="output-is-a-folder"),
    pytest.param("in", "o.jsonl", {"fmt": "xml"}, "unknown output format 'xml'", id="unknown-format"),
    pytest.param("in", "o.csv", {"resume": True}, "--resume works with jsonl, sqlite, duckdb output only, not csv", id="resume-csv"),
    pytest.param("in", "o.jsonl", {"workers": -1}, "--workers must be 0", id="negative-workers"),
    pytest.param("in", "o.jsonl", {"kb": "absente.jsonl"}, "knowledge base not found", id="missing-kb"),
    pytest.param("in", "o.jsonl", {"max_chars": 0}, "--max-chars must be 1 or more", id="zero-max-chars"),
    pytest.param("in", "fichier.txt/o.jsonl", {}, "cannot create the output folder", id="output-under-a-file"),
]


@pytest.mark.parametrize(("input_dir", "output", "kwargs", "message"), USAGE_ERRORS)
def test_usage_errors(tmp_path: Path, fake: list[str], input_dir: str, output: str, kwargs: dict[str, Any],
                      message: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Aide de 5 $.", encoding="utf-8")
    (tmp_path / "fichier.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match=re.escape(message)):
        run_batch(tmp_path / input_dir, tmp_path / output, progress=False, **kwargs)
    assert fake == []


# ---------------------------------------------------------------- workers


def test_ordered_window_reads_lazily_and_keeps_order() -> None:
    pulled = 0

    def items() -> Any:
        nonlocal pulled
        for i in range(50):
            pulled += 1
            yield i

    def slow_square(n: int) -> int:
        time.sleep(0.01 * ((7 * n) % 5))  # completes out of order
        return n * n

    taken = []
    with ThreadPoolExecutor(4) as pool:
        for n, future in OrderedWindow(lambda n: pool.submit(slow_square, n), items(), window=6):
            taken.append(future.result())
            assert pulled - len(taken) <= 6
    assert taken == [n * n for n in range(50)]


def test_ordered_window_drain() -> None:
    window = OrderedWindow(lambda n: Future(), iter(range(10)), window=3)
    assert next(window)[0] == 0
    assert window.drain() == [1, 2] and next(window)[0] == 3


@pytest.mark.slow
def test_workers_keep_sorted_order_and_a_dying_worker_costs_only_its_document(folder: Path, tmp_path: Path) -> None:
    """Two worker processes; 01 and 04 finish late, 03 kills its worker."""
    (folder / "03-limoges.txt").write_text("Une aide de 5 $. TUE-LE-WORKER", encoding="utf-8")
    out = tmp_path / "w2.jsonl"
    summary = run_batch(folder, out, workers=2, progress=False, work=fake_work)
    got = lines(out)
    assert [x["doc_id"] for x in got] == ["01-gaspe", "02-laval", "03-limoges", "04-rimouski", "sous/05-sept-iles"]
    assert [x["error"] for x in got] == [None, None, "worker process died while processing this document", None, None]
    assert [len(x["records"]) for x in got] == [1, 1, 0, 2, 1] and summary.errors == 1


@pytest.mark.slow
def test_real_extract_same_lines_with_two_workers(tmp_path: Path) -> None:
    """Real extract: two worker processes give the same lines as one process."""
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    run_batch(FIXTURES, one, fast=True, progress=False)
    run_batch(FIXTURES, two, fast=True, workers=2, progress=False)
    assert one.read_bytes() == two.read_bytes()
    assert [x["error"] for x in lines(one)] == [None] * 4


# ---------------------------------------------------------------- resume


def test_resume_after_a_kill_mid_line(folder: Path, fake: list[str], tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_batch(folder, out, progress=False)
    complete = out.read_bytes()
    cut = complete.index(b"\n", complete.index(b"\n") + 1) + 40  # two lines and part of the third
    out.write_bytes(complete[:cut])
    fake.clear()
    summary = run_batch(folder, out, resume=True, progress=False)
    assert out.read_bytes() == complete
    assert len(fake) == 3 and (summary.documents, summary.skipped) == (3, 2)


def test_interrupted_batch_keeps_whole_lines_then_resumes(folder: Path, fake: list[str], tmp_path: Path) -> None:
    (folder / "03-limoges.txt").write_text("Une aide de 5 $. INTERROMPS", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_batch(folder, out, progress=False)
    assert [x["doc_id"] for x in lines(out)] == ["01-gaspe", "02-laval"]
    (folder / "03-limoges.txt").write_text(RELEASES["03-limoges.txt"], encoding="utf-8")
    fake.clear()
    run_batch(folder, out, resume=True, progress=False)
    assert [x["doc_id"] for x in lines(out)] == ["01-gaspe", "02-laval", "03-limoges", "04-rimouski", "sous/05-sept-iles"]
    assert len(fake) == 3


def test_resume_redoes_changed_files_and_drops_vanished_ones(folder: Path, fake: list[str], tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_batch(folder, out, progress=False)
    (folder / "02-laval.txt").write_text("LAVAL – Une contribution de 3,4 M$ au Cégep.", encoding="utf-8")
    (folder / "03-limoges.txt").unlink()
    (folder / "00-alma.txt").write_text("ALMA – Une aide de 60 000 $.", encoding="utf-8")
    fake.clear()
    summary = run_batch(folder, out, resume=True, progress=False)
    got = lines(out)
    assert [x["doc_id"] for x in got] == ["00-alma", "01-gaspe", "02-laval", "04-rimouski", "sous/05-sept-iles"]
    assert got[2]["records"][0]["amount"] == 3400000
    assert sorted(fake) == sorted(["ALMA – Une aide de 60 000 $.", "LAVAL – Une contribution de 3,4 M$ au Cégep."])
    assert (summary.documents, summary.skipped) == (2, 3)


def test_resume_of_a_finished_batch_does_nothing(folder: Path, fake: list[str], tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    run_batch(folder, out, progress=False)
    before = out.read_bytes()
    fake.clear()
    assert run_batch(folder, out, resume=True, progress=False).skipped == len(RELEASES)
    assert fake == [] and out.read_bytes() == before


def test_resume_without_output_is_a_full_run(folder: Path, fake: list[str], tmp_path: Path) -> None:
    out = tmp_path / "neuf.jsonl"
    assert run_batch(folder, out, resume=True, progress=False).documents == len(RELEASES)


def test_repair_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "o.jsonl"
    p.write_bytes(b"")
    assert repair_jsonl(p) == 0
    p.write_bytes(b'{"partiel": ')
    assert repair_jsonl(p) == 12 and p.read_bytes() == b""
    p.write_bytes(b'{"a": 1}\n{"b": 2}\n')
    assert repair_jsonl(p) == 0 and p.read_bytes() == b'{"a": 1}\n{"b": 2}\n'


# ---------------------------------------------------------------- CSV and Parquet


def test_csv_output(folder: Path, fake: list[str], tmp_path: Path) -> None:
    (folder / "06-panne.txt").write_text("PANNE", encoding="utf-8")
    out = tmp_path / "o.csv"
    run_batch(folder, out, progress=False)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdoc_id,path,published,recipient,") and b"\r\n" in raw
    rows = read_csv(out)
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["doc_id"], r["amount"], r["currency"]) for r in rows if not r["error"]] == [
        ("01-gaspe", "150000", "CAD"), ("02-laval", "1200000", "CAD"), ("03-limoges", "2500000", "EUR"),
        ("04-rimouski", "80000", "CAD"), ("04-rimouski", "40000", "CAD"), ("sous/05-sept-iles", "25000", "CAD")]
    assert [(r["doc_id"], r["error"]) for r in rows if r["error"]] == [("06-panne", "RuntimeError: extracteur en panne")]


def test_csv_cells_are_spreadsheet_safe(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    writer = CsvWriter(out)
    writer.write({"doc_id": "d", "path": "d.txt", "error": None, "records": [{
        "recipient": "=HYPERLINK(\"x\")", "amount": 221182.15, "total_cost": 1e7, "currency": "CAD",
        "ministers": ["Nathalie Roy", "Simon Jolin-Barrette"], "confidence": 0.85,
        "evidence": {"start": 0, "end": 30, "text": "- Une aide, « 221 182,15 $ »\nsur deux lignes"},
        "warnings": ["région déduite"]}]})
    writer.close()
    with out.open(encoding="utf-8-sig", newline="") as f:
        row = next(csv.DictReader(f))
    assert row["recipient"] == "'=HYPERLINK(\"x\")"
    assert (row["amount"], row["total_cost"]) == ("221182.15", "10000000")
    assert row["ministers"] == "Nathalie Roy; Simon Jolin-Barrette"
    assert row["evidence_text"] == "'- Une aide, « 221 182,15 $ »\nsur deux lignes"
    assert row["warnings"] == "région déduite"


def test_parquet_output(folder: Path, fake: list[str], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "o.parquet"
    run_batch(folder, out, progress=False)
    table = pq.read_table(out)
    assert table.column_names == list(CSV_COLUMNS)
    assert str(table.schema.field("amount").type) == "decimal128(38, 6)"
    assert table.column("amount").to_pylist()[:2] == [Decimal("150000.000000"), Decimal("1200000.000000")]
    assert table.num_rows == 6


def test_parquet_without_pyarrow_is_a_usage_error(folder: Path, fake: list[str], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(UsageError, match=re.escape("pip install 'annonces[parquet]'")):
        run_batch(folder, tmp_path / "o.parquet", progress=False)
    assert fake == []
