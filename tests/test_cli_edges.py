"""The edges of ``batch`` and ``extract``: options of both commands, unique ids, exit codes,
configuration errors before any work, a full disk, and a CSV that opens right."""

from __future__ import annotations

import errno
import io
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from annonces import api, batch
from annonces.cli import main
from annonces.inputs import DocIds, count_documents
from annonces.writers import CSV_COLUMNS, PANDAS_READ_CSV, CsvWriter, JsonlWriter, open_writer, output_schema, read_csv, spreadsheet_cell

from fixtures.stand_in import fake_extract

GASPE = "GASPÉ, le 4 mai 2021 – La ministre annonce une aide de 150 000 $ à la Ville de Gaspé."
UNDATED = "La ministre annonce une aide de 80 000 $ à la Coopérative de Rimouski."


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Extraction replaced by the stand-in; the keyword arguments of every call."""
    seen: list[dict[str, Any]] = []

    def extract(text: str, **kwargs: Any):
        seen.append(dict(kwargs))
        kwargs.pop("model", None)
        return fake_extract(text, **kwargs)

    monkeypatch.setattr(api, "extract", extract)
    monkeypatch.setattr(batch, "_load_error", lambda *args: None)
    return seen


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "gaspe.txt").write_text(GASPE, encoding="utf-8")
    (root / "rimouski.txt").write_text(UNDATED, encoding="utf-8")
    return root


# ---------------------------------------------------------------- options of both commands


def test_model_reaches_the_pipeline(folder: Path, tmp_path: Path, calls: list[dict[str, Any]]) -> None:
    model = tmp_path / "model-best"
    model.mkdir()
    (model / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    assert main(["batch", str(folder), "-o", str(tmp_path / "o.jsonl"), "--model", str(model), "--no-progress"]) == 0
    assert {c["model"] for c in calls} == {str(model)}


def test_published_is_the_reference_of_undated_documents(folder: Path, tmp_path: Path, calls: list) -> None:
    out = tmp_path / "o.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "--published", "2021-06-01", "--no-progress"]) == 0
    assert {x["doc_id"]: x["published"] for x in lines(out)} == {"gaspe": "2021-06-01", "rimouski": "2021-06-01"}


def test_extract_published(folder: Path, calls: list, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["extract", str(folder / "rimouski.txt"), "--published", "2020-03-03"], capsys)
    assert code == 0 and json.loads(out)["published"] == "2020-03-03"


@pytest.mark.parametrize("command", ["batch", "extract"])
def test_min_confidence_moves_records_to_rejected(folder: Path, tmp_path: Path, calls: list, command: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.jsonl"
    if command == "batch":
        assert main(["batch", str(folder), "-o", str(out), "--min-confidence", "0.8", "--no-progress"]) == 0
        got = lines(out)
    else:
        code, text, _err = run(["extract", str(folder / "gaspe.txt"), "--min-confidence", "0.8"], capsys)
        assert code == 0
        got = [json.loads(text)]
    for line in got:
        jsonschema.validate(line, output_schema())
        assert line["records"] == [] and [r["confidence"] for r in line["rejected"]] == [0.7]


def test_min_confidence_keeps_records_above(folder: Path, tmp_path: Path, calls: list) -> None:
    out = tmp_path / "o.jsonl"
    batch.run_batch(folder, out, progress=False, min_confidence=0.5)
    assert all(len(x["records"]) == 1 and x["rejected"] == [] for x in lines(out))


@pytest.mark.parametrize("command", ["batch", "extract"])
def test_text_field_of_json_records(tmp_path: Path, calls: list, command: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "in"
    root.mkdir()
    records = [{"id": "a", "body": GASPE}, {"id": "b", "body": UNDATED, "text": "ignored"}, {"id": "c"}]
    (root / "lot.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    if command == "batch":
        out = tmp_path / "o.jsonl"
        assert main(["batch", str(root), "-o", str(out), "--text-field", "body", "--no-progress"]) == 0
        got = lines(out)
    else:
        _code, text, _err = run(["extract", str(root / "lot.jsonl"), "--text-field", "body"], capsys)
        got = [json.loads(x) for x in text.splitlines()]
    assert [x["doc_id"] for x in got] == ["a", "b", "c"]
    assert [len(x["records"]) for x in got[:2]] == [1, 1] and got[1]["entities"]["amounts"][0]["text"] == "80 000 $"
    assert got[2]["error"] == "JSON record has no 'body' field"


def test_progress_bar_has_a_total_for_json_folders(tmp_path: Path, calls: list,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import tqdm

    shown = io.StringIO()

    class Bar(tqdm.tqdm):  # the batch's bar, drawn into ``shown`` as on a terminal
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{**kwargs, "file": shown, "disable": False, "mininterval": 0})

    monkeypatch.setattr(tqdm, "tqdm", Bar)
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.jsonl").write_text("\n".join(json.dumps({"text": GASPE}) for _ in range(3)) + "\n\n", encoding="utf-8")
    (root / "b.json").write_text(json.dumps([{"text": GASPE}, {"text": UNDATED}]), encoding="utf-8")
    (root / "c.txt").write_text(GASPE, encoding="utf-8")
    assert count_documents(sorted(root.iterdir())) == 6
    batch.run_batch(root, tmp_path / "o.jsonl", progress=True)
    assert "6/6" in shown.getvalue() and "3/6 [" in shown.getvalue() and "<" in shown.getvalue()  # [elapsed<ETA]


# ---------------------------------------------------------------- ids


def test_doc_ids_are_unique_in_a_batch(tmp_path: Path, calls: list) -> None:
    root = tmp_path / "in"
    for rel in ("x.txt", "x.html", "a/y.txt", "b/y.txt", "z.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(GASPE, encoding="utf-8")
    (root / "lot.jsonl").write_text("\n".join(json.dumps(r) for r in (
        {"id": "z", "text": GASPE}, {"id": "z", "text": UNDATED}, {"text": GASPE})), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    batch.run_batch(root, out, progress=False)
    ids = [x["doc_id"] for x in lines(out)]
    assert ids == ["a/y", "b/y", "lot#3", "z~2", "z~3", "x.html", "x.txt", "z"] or len(set(ids)) == len(ids)
    assert len(set(ids)) == len(ids) == 8
    again = batch.run_batch(root, out, progress=False, resume=True)
    assert again.skipped == 8 and again.documents == 0 and [x["doc_id"] for x in lines(out)] == ids


def test_doc_id_rule() -> None:
    ids = DocIds(["a/x.txt", "a/x.html", "b/x.txt"])
    assert [ids.file_id(p) for p in ("a/x.txt", "a/x.html", "b/x.txt")] == ["a/x.txt", "a/x.html", "b/x"]


# ---------------------------------------------------------------- exit codes


def test_malformed_kb_is_a_configuration_error(folder: Path, tmp_path: Path, calls: list,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    kb = tmp_path / "kb.jsonl"
    kb.write_text('{"id": "x", "type": "organisation"\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    code, _out, err = run(["batch", str(folder), "-o", str(out), "--kb", str(kb), "--no-progress"], capsys)
    assert code == 2 and not out.exists() and not calls
    assert len(err.strip().splitlines()) == 1 and "malformed knowledge base" in err


def test_unknown_model_is_a_configuration_error(folder: Path, tmp_path: Path, calls: list,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["batch", str(folder), "-o", str(tmp_path / "o.jsonl")], ["extract", str(folder / "gaspe.txt")]):
        code, _out, err = run([*argv, "--model", "fr_modele_inexistant"], capsys)
        assert code == 2 and "unknown model 'fr_modele_inexistant'" in err and len(err.strip().splitlines()) == 1
    assert not calls


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_full_output_device_is_a_configuration_error(folder: Path, calls: list,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["batch", str(folder), "-o", "/dev/full", "--no-progress"], capsys)
    assert code == 2 and "cannot write /dev/full" in err and "No space left" in err and not calls


def test_unwritable_output_is_a_configuration_error(folder: Path, tmp_path: Path, calls: list,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("", encoding="utf-8")
    code, _out, err = run(["batch", str(folder), "-o", str(blocker / "o.jsonl"), "--no-progress"], capsys)
    assert code == 2 and "cannot create the output folder" in err and not calls


@pytest.mark.parametrize(("name", "data"), [("a.pdf", b"%PDF-1.4"), ("b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")],
                         ids=["unsupported", "binary"])
def test_extract_of_a_file_it_cannot_read_exits_1(tmp_path: Path, name: str, data: bytes,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / name).write_bytes(data)
    code, out, err = run(["extract", str(tmp_path / name)], capsys)
    assert code == 1 and json.loads(out)["error"] and name in err


def test_strict_exits_1_when_a_document_failed(folder: Path, tmp_path: Path, calls: list) -> None:
    (folder / "panne.txt").write_text("PANNE", encoding="utf-8")
    argv = ["batch", str(folder), "-o", str(tmp_path / "o.jsonl"), "--no-progress"]
    assert main(argv) == 0
    assert main([*argv, "--strict"]) == 1


def test_exit_codes_are_in_the_batch_help(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(["batch", "--help"], capsys)
    for code in ("0 ", "1 ", "2 ", "130"):
        assert f"\n  {code}" in out
    assert "--strict" in out and "--resume" in out


class FullDisk(io.BytesIO):
    """A file that takes ``room`` bytes, then writes part of the next chunk and fails (ENOSPC)."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.room:
            super().write(bytes(data)[: max(0, self.room - self.tell())])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)

    def close(self) -> None:  # keep the bytes readable after the writer closed it
        pass


def test_full_disk_keeps_whole_jsonl_lines_and_ends_with_one_line(folder: Path, tmp_path: Path, calls: list,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(3):
        (folder / f"z{n}.txt").write_text(GASPE, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    disk = FullDisk(room=2500)
    monkeypatch.setattr(batch, "open_writer", lambda path, fmt, append=False: JsonlWriter(path, stream=disk))
    code, _out, err = run(["batch", str(folder), "-o", str(out), "--no-progress"], capsys)
    assert code == 1 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and str(out) in err and "--resume" in err and "No space left" in err
    data = disk.getvalue()
    assert data and data.endswith(b"\n")
    assert all(json.loads(x)["doc_id"] for x in data.decode().splitlines())


def test_full_disk_while_writing_csv(folder: Path, tmp_path: Path, calls: list, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.csv"

    def full_csv(path: Path, fmt: str, append: bool = False) -> CsvWriter:
        w = CsvWriter(path)
        w._f = io.TextIOWrapper(FullDisk(room=10), encoding="utf-8", newline="")  # type: ignore[assignment]
        w._csv = __import__("csv").writer(w._f, lineterminator="\r\n")
        return w

    monkeypatch.setattr(batch, "open_writer", full_csv)
    code, _out, err = run(["batch", str(folder), "-o", str(out), "--no-progress"], capsys)
    assert code == 1 and "Traceback" not in err and str(out) in err and len(err.strip().splitlines()) == 1


def test_jsonl_writer_cuts_the_partial_line(tmp_path: Path) -> None:
    disk = FullDisk(room=40)
    w = JsonlWriter(tmp_path / "x.jsonl", stream=disk)
    w.write({"doc_id": "a"})
    with pytest.raises(OSError):
        w.write({"doc_id": "b", "texte": "x" * 100})
    assert disk.getvalue() == b'{"doc_id": "a"}\n'


# ---------------------------------------------------------------- CSV


def test_csv_keeps_documents_without_records_and_the_new_columns(folder: Path, tmp_path: Path,
                                                                 calls: list) -> None:
    (folder / "rien.txt").write_text("Le ministre salue les bénévoles de la région.", encoding="utf-8")
    out = tmp_path / "o.csv"
    batch.run_batch(folder, out, progress=False, published=__import__("datetime").date(2021, 5, 4))
    import pandas

    rows = pandas.read_csv(out, **PANDAS_READ_CSV)
    assert {"region_inferred", "duplicate_of", "evidence_rule", "published", "rejected"} <= set(rows.columns)
    assert set(rows["doc_id"]) == {"gaspe", "rimouski", "rien"}
    empty = rows[rows["doc_id"] == "rien"].iloc[0]
    assert empty["recipient"] == "" and empty["error"] == "" and empty["published"] == "2021-05-04"


def test_region_code_stays_text_in_pandas(tmp_path: Path) -> None:
    import pandas

    out = tmp_path / "o.csv"
    w = CsvWriter(out)
    record = {"recipient": "Ville de Gaspé", "amount": 150000, "currency": "CAD", "region": "Bas-Saint-Laurent",
              "region_code": "01", "region_inferred": True, "confidence": 0.9, "duplicate_of": None,
              "evidence": {"start": 0, "end": 5, "text": "aide", "rule": "to"}, "ministers": [], "warnings": []}
    w.write({"doc_id": "001", "path": "001.txt", "published": None, "error": None,
             "records": [record, {**record, "region_code": "05", "region_inferred": False}]})
    w.write({"doc_id": "002", "path": "002.txt", "published": None, "error": None, "records": [
        {**record, "region_code": None}]})
    w.close()
    rows = pandas.read_csv(out, **PANDAS_READ_CSV)
    assert list(rows["region_code"]) == ["01", "05", ""] and list(rows["doc_id"]) == ["001", "001", "002"]
    assert list(rows["evidence_rule"]) == ["to", "to", "to"] and list(rows["region_inferred"]) == [True, False, True]
    assert tuple(rows.columns) == CSV_COLUMNS


def _sourced_line() -> dict:
    record = {"recipient": "Ville de Gaspé", "amount": 150000, "currency": "CAD", "confidence": 0.9,
              "evidence": {"start": 0, "end": 5, "text": "aide", "rule": "to", "source": "kb"}, "ministers": [], "warnings": []}
    unsourced = {**record, "evidence": {"start": 8, "end": 12, "text": "prêt", "rule": "paren"}}
    return {"doc_id": "001", "path": "001.txt", "published": None, "error": None, "records": [record, unsourced]}


def test_csv_has_the_evidence_source(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    w = CsvWriter(out)
    w.write(_sourced_line())
    w.close()
    rows = read_csv(out)
    assert [(r["evidence_rule"], r["evidence_source"]) for r in rows] == [("to", "kb"), ("paren", "")]
    assert CSV_COLUMNS.index("evidence_source") == CSV_COLUMNS.index("evidence_rule") + 1


def test_parquet_has_the_evidence_source(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "o.parquet"
    w = open_writer(out, "parquet")
    w.write(_sourced_line())
    w.close()
    table = pq.read_table(out)
    assert str(table.schema.field("evidence_source").type) == "string"
    assert table.column("evidence_source").to_pylist() == ["kb", None]


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
    ("+33 1 23 45", "'+33 1 23 45"),
    ("- Une aide", "'- Une aide"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("-30-", "'-30-"),
    ("-5", "-5"),
    ("+1.5", "+1.5"),
    ("-0,25", "-0,25"),
    ("\tcellule", "\tcellule"),
    ("Ville de Gaspé", "Ville de Gaspé"),
    (Decimal("-1500"), "-1500"),
], ids=["formula", "phone", "dash-text", "at", "end-mark", "negative", "plus-number", "comma-number",
        "tab-untouched", "plain", "decimal"])
def test_formula_guard_only_on_formula_starts_that_are_not_numbers(value: Any, cell: str) -> None:
    assert spreadsheet_cell(value) == cell
