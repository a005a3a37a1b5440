"""The ``annonces`` command line: help, usage errors, ``extract``, and the robustness folder of issue 2."""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from annonces.cli import build_parser, main
from annonces.readers import MAX_CHARS


FIXTURES = Path(__file__).parent / "fixtures" / "releases"
SUMMARY = re.compile(r"^documents=\d+ records=\d+ errors=\d+ words/s=\d+( skipped=\d+)?$")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as e:  # argparse
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err




def robustness_folder(root: Path) -> Path:
    """The folder of the issue's "done when": empty, binary, latin-1, cp1252, UTF-16, HTML, 5 MB."""
    quebec = (FIXTURES / "quebec_culture.txt").read_text(encoding="utf-8")
    france = (FIXTURES / "france_dsil.txt").read_text(encoding="utf-8")
    federal = (FIXTURES / "federal_dec.txt").read_text(encoding="utf-8")
    noise = random.Random(2024).randbytes(4096)
    big = quebec + "\n".join([quebec.split("\n")[1]] * (5_200_000 // len(quebec.split("\n")[1])))
    files = {
        "01-vide.txt": b"",
        "02-corrompu.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise,
        "03-latin1.txt": quebec.encode("latin-1"),
        "04-cp1252.txt": france.replace("\n", "\r\n").encode("cp1252"),
        "05-utf16.txt": federal.encode("utf-16"),
        "06-page.html": (FIXTURES / "page.html").read_bytes(),
        "07-gros.txt": big.encode("utf-8"),
    }
    root.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (root / name).write_bytes(data)
    assert len(files["07-gros.txt"]) > 5_000_000
    return root


# ---------------------------------------------------------------- help


def test_every_command_has_help_with_an_example() -> None:
    parser = build_parser()
    assert "example" in parser.format_help()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    commands = subparsers.choices  # type: ignore[attr-defined]
    assert {"batch", "extract"} <= set(commands)
    for name, sub in commands.items():
        text = sub.format_help()
        assert "example" in text and f"annonces {name}" in text, name


@pytest.mark.parametrize("argv", [["--help"], ["batch", "--help"], ["extract", "--help"]],
                         ids=["main", "batch", "extract"])
def test_python_dash_m(argv: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "annonces", *argv], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "example" in done.stdout


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run([], capsys)
    assert code == 2 and "batch" in err and "extract" in err


# ---------------------------------------------------------------- usage errors

USAGE = [
    pytest.param(["batch", "{tmp}/absent", "-o", "{tmp}/o.jsonl"], "input folder not found", id="missing-input"),
    pytest.param(["batch", "{tmp}/in"], "the following arguments are required: -o/--output", id="missing-output"),
    pytest.param(["batch", "{tmp}/in", "-o", "{tmp}/o.x", "--format", "xml"], "invalid choice: 'xml'", id="unknown-format"),
    pytest.param(["batch", "{tmp}/in", "-o", "{tmp}/f.txt/o.jsonl"], "cannot create the output folder", id="unwritable-output"),
    pytest.param(["batch", "{tmp}/in", "-o", "{tmp}/in"], "output is a folder", id="output-is-a-folder"),
    pytest.param(["batch", "{tmp}/in", "-o", "{tmp}/o.jsonl", "--workers", "-1"], "must be 0 or more", id="negative-workers"),
    pytest.param(["batch", "{tmp}/in", "-o", "{tmp}/o.jsonl", "--max-chars", "0"], "must be 1 or more", id="zero-max-chars"),
    pytest.param(["batch", "{tmp}/in", "-o", "{tmp}/o.csv", "--resume"], "--resume works with jsonl, sqlite, duckdb output only", id="resume-csv"),
    pytest.param(["batch", "{tmp}/in", "-o", "{tmp}/o.jsonl", "--kb", "{tmp}/kb.jsonl"], "knowledge base not found", id="missing-kb"),
    pytest.param(["extract", "{tmp}/absent.txt"], "file not found", id="extract-missing-file"),
    pytest.param(["extract", "{tmp}/in/a.txt", "--published", "4 mai"], "not a YYYY-MM-DD date", id="extract-bad-date"),
    pytest.param(["evaluer"], "invalid choice: 'evaluer'", id="unknown-command"),
]


@pytest.mark.parametrize(("argv", "message"), USAGE)
def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake: list[str],
                             argv: list[str], message: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Une aide de 5 000 $.", encoding="utf-8")
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    code, out, err = run([a.format(tmp=tmp_path) for a in argv], capsys)
    assert code == 2 and message in err and out == ""
    assert fake == []


# ---------------------------------------------------------------- commands


def test_batch_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake: list[str]) -> None:
    out = tmp_path / "o.jsonl"
    code, stdout, err = run(["batch", str(FIXTURES), "-o", str(out), "--fast"], capsys)
    assert code == 0 and stdout == ""
    assert SUMMARY.match(err.strip().splitlines()[-1])
    assert err.strip().splitlines()[-1].startswith("documents=4 records=")


def test_interrupted_batch_exits_130(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake: list[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Une aide de 5 $. INTERROMPS", encoding="utf-8")
    code, _out, err = run(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl")], capsys)
    assert code == 130 and "rerun with --resume" in err


def test_extract_prints_one_json_object(capsys: pytest.CaptureFixture[str], fake: list[str]) -> None:
    code, out, _err = run(["extract", str(FIXTURES / "quebec_culture.txt"), "--published", "2022-03-12"], capsys)
    assert code == 0 and len(out.splitlines()) == 1
    line = json.loads(out)
    assert (line["doc_id"], line["published"], line["error"]) == ("quebec_culture", "2022-03-12", None)
    assert [a["value"] for a in line["entities"]["amounts"]] == [150000, 150000, 412500]


def test_extract_jsonl_prints_one_object_per_record(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    fake: list[str]) -> None:
    p = tmp_path / "lot.jsonl"
    p.write_text('{"id": "a", "text": "Aide de 5 000 $."}\n{"id": "b", "text": "Aide de 2,5 M€."}\n', encoding="utf-8")
    code, out, _err = run(["extract", str(p), "--indent", "0"], capsys)
    assert code == 0
    decoder, objs, pos = json.JSONDecoder(), [], 0
    while pos < len(out.strip()):
        obj, pos = decoder.raw_decode(out, pos)
        objs.append(obj)
        pos += 1
    assert [(o["doc_id"], o["records"][0]["amount"]) for o in objs] == [("a", 5000), ("b", 2500000)]


def test_extract_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                             fake: list[str]) -> None:
    data = "Limoges – Une subvention de 2,5 M€ pour l’œuvre.".encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _err = run(["extract", "-"], capsys)
    assert code == 0 and json.loads(out)["entities"]["amounts"][0]["text"] == "2,5 M€"


# ---------------------------------------------------------------- robustness folder (issue 2, "done when")


def test_robustness_folder_io(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake: list[str]) -> None:
    """Every decodable file reaches extraction as the right text (stand-in extractor)."""
    folder = robustness_folder(tmp_path / "in")
    out = tmp_path / "o.jsonl"
    code, _stdout, err = run(["batch", str(folder), "-o", str(out), "--fast"], capsys)
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert code == 0 and SUMMARY.match(err.strip().splitlines()[-1])
    assert [x["error"] for x in got] == ["empty document", "binary file", None, None, None, None, None]
    latin1, cp1252, utf16, html, big = fake
    assert "150 000 $ à la Ville de Matane" in latin1 and "« Ce lieu" in latin1
    assert "l’attribution d’une subvention de 2,5 M€" in cp1252 and "cœur" in cp1252 and "\r" not in cp1252
    assert "contribution remboursable de 500 000 $" in utf16 and "Développement économique Canada" in utf16
    assert html.startswith("Soutien au Festival") and "75\u00a0000\u00a0$" in html and "999 999" not in html
    assert len(big) <= MAX_CHARS and got[6]["warnings"][0].startswith("truncated: processed the first")
    assert got[5]["published"] == "2021-09-14"


@pytest.mark.slow
def test_robustness_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Real extract: 7 lines, amounts in every decodable document, an error for the binary one, exit 0.

    ``--max-chars 100000`` keeps the run short: the big text is cut to 100 000 characters
    instead of the default 1 000 000 (the I/O test above checks the default).
    """
    folder = robustness_folder(tmp_path / "in")
    out = tmp_path / "o.jsonl"
    code, _stdout, _err = run(["batch", str(folder), "-o", str(out), "--fast", "--workers", "2",
                               "--max-chars", "100000"], capsys)
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert code == 0 and len(got) == 7
    assert [x["error"] for x in got] == ["empty document", "binary file", None, None, None, None, None]
    amounts = {x["doc_id"]: {a["value"] for a in x["entities"]["amounts"]} for x in got[2:]}
    assert {150000, 412500} <= amounts["03-latin1"]
    assert {2500000, 6800000} <= amounts["04-cp1252"]
    assert {500000, 1400000} <= amounts["05-utf16"]
    assert {75000} <= amounts["06-page"]
    assert {150000, 412500} <= amounts["07-gros"]


@pytest.mark.slow
def test_extract_with_the_statistical_model() -> None:
    """Real extract with fr_core_news_md, through the installed console script."""
    exe = Path(sys.executable).with_name("annonces")
    done = subprocess.run([str(exe), "extract", str(FIXTURES / "federal_dec.txt")], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stdout)
    assert line["error"] is None
    assert 500000 in [r["amount"] for r in line["records"]]
