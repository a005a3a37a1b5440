"""What a batch reads in its folder: skip rules, symbolic links (loops, links out of the folder)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annonces.batch import run_batch
from annonces.readers import iter_paths, read_document, skip_reason, skipped_paths

RELEASE = "QUÉBEC, le 4 mai 2021 - La ministre annonce une aide de 2 M$ à la Ville de Gaspé."

SKIPS = [
    pytest.param("README.md", "README file", id="readme-md"),
    pytest.param("README", "README file", id="readme-bare"),
    pytest.param("lot/readme.txt", "README file", id="readme-txt-lower"),
    pytest.param(".brouillon.txt", "hidden", id="hidden-file"),
    pytest.param(".git/config", "hidden", id="hidden-folder"),
    pytest.param("notes.md", "Markdown file", id="markdown"),
    pytest.param("notes.MARKDOWN", "Markdown file", id="markdown-upper"),
    pytest.param("communique.txt", None, id="release"),
    pytest.param("lecture-rapport.pdf", None, id="pdf"),
]


@pytest.mark.parametrize(("rel", "reason"), SKIPS)
def test_skip_reason(rel: str, reason: str | None) -> None:
    assert skip_reason(rel) == reason


def test_skipped_files_are_counted_not_errors(tmp_path: Path) -> None:
    (tmp_path / "gaspe.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Corpus\n", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text(RELEASE, encoding="utf-8")
    summary = run_batch(tmp_path, tmp_path / "out.jsonl", fast=True, progress=False)
    assert (summary.documents, summary.errors, summary.skipped) == (1, 0, 2)
    assert summary.line().endswith(" skipped=2")


def test_the_bundled_corpus_has_no_error() -> None:
    corpus = Path(__file__).parents[1] / "corpus"
    assert [p.name for p in skipped_paths(corpus)] == ["README.md"]
    assert all(skip_reason(p.relative_to(corpus)) is None for p in iter_paths(corpus))


def _lines(out: Path) -> dict[str, dict]:
    return {d["path"]: d for d in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symlink_loop_and_dangling_link_get_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gaspe.txt").write_text(RELEASE, encoding="utf-8")
    os.symlink("b.txt", folder / "a.txt")
    os.symlink("a.txt", folder / "b.txt")
    os.symlink("absent.txt", folder / "vide.txt")
    out = tmp_path / "out.jsonl"
    summary = run_batch(folder, out, fast=True, progress=False)
    lines = _lines(out)
    assert sorted(lines) == ["a.txt", "b.txt", "gaspe.txt", "vide.txt"]
    assert lines["a.txt"]["error"] == lines["b.txt"]["error"] == "cannot read file: symlink loop"
    assert lines["vide.txt"]["error"] == "cannot read file: broken symlink"
    assert (summary.documents, summary.errors) == (4, 3)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
@pytest.mark.parametrize("follow", [False, True], ids=["not-followed", "follow-links"])
def test_link_out_of_the_folder(tmp_path: Path, follow: bool) -> None:
    folder, outside = tmp_path / "in", tmp_path / "ailleurs"
    folder.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(RELEASE, encoding="utf-8")
    os.symlink(outside / "secret.txt", folder / "lien.txt")
    os.symlink(folder / "lien.txt", folder / "lien-interne.txt")  # inside, but leads out too
    out = tmp_path / "out.jsonl"
    run_batch(folder, out, fast=True, progress=False, follow_links=follow)
    lines = _lines(out)
    assert sorted(lines) == ["lien-interne.txt", "lien.txt"]
    for line in lines.values():
        if follow:
            assert line["error"] is None and line["records"]
            assert line["warnings"][0].startswith("symlink leads outside the input folder: followed")
        else:
            assert line["error"] == "symlink leads outside the input folder: not followed (use --follow-links to read it)"
            assert line["records"] == []


def test_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "gaspe.txt").write_text(RELEASE, encoding="utf-8")
    os.symlink("gaspe.txt", tmp_path / "copie.txt")
    doc = read_document(tmp_path / "copie.txt", root=tmp_path)
    assert doc.error is None and doc.text == RELEASE and doc.warnings == ()
