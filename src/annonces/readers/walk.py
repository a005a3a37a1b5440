"""Folders -> the files a batch reads, and files -> documents by their suffix.

What a batch reads (:func:`iter_paths`) and what it skips (:func:`skip_reason`):

* skipped, and counted as ``skipped=N`` in the batch summary, never as errors: hidden
  files and files in hidden folders (a name starting with ``.``), README files
  (``README``, ``README.txt``, ``readme.md``...), Markdown files (``.md``, ``.markdown``),
  and the batch's own output;
* read: every other file, even of an unsupported type (it gets an error line), and every
  symbolic link: a link loop or a dangling link gets an error line; a link leading out of
  the input folder gets an error line unless ``follow_links=True`` (``--follow-links``),
  and then a warning.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .document import MAX_CHARS, Document, sha1
from .docx import DOCX_SUFFIXES, read_docx_document
from .jsonl import json_documents, jsonl_documents
from .pdf import PDF_SUFFIXES, read_pdf_document
from .text import read_text_document

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES
#: suffixes a batch skips (documentation, not releases)
SKIPPED_SUFFIXES = frozenset({".md", ".markdown"})
OUTSIDE = "symlink leads outside the input folder"


def skip_reason(rel: str | Path) -> str | None:
    """Why a batch skips the file at ``rel`` (relative to the input folder), or ``None``.

    >>> skip_reason("README.md"), skip_reason("a/.brouillon.txt"), skip_reason("notes.md"), skip_reason("a.txt")
    ('README file', 'hidden', 'Markdown file', None)
    """
    parts = Path(rel).parts
    if any(part.startswith(".") for part in parts):
        return "hidden"
    name = parts[-1] if parts else ""
    if name.upper().split(".")[0] == "README":
        return "README file"
    if Path(name).suffix.lower() in SKIPPED_SUFFIXES:
        return "Markdown file"
    return None


def link_problem(file: Path, root: Path | None) -> str | None:
    """``"symlink loop"``, ``"broken symlink"``, :data:`OUTSIDE` or ``None`` (a plain file, or a link inside)."""
    try:
        target = file.resolve(strict=True)
    except RuntimeError:
        return "symlink loop"
    except OSError as e:
        if e.errno == 40:  # ELOOP
            return "symlink loop"
        return "broken symlink" if file.is_symlink() else None
    if root is not None:
        base = root.resolve()
        if target != base and base not in target.parents:
            return OUTSIDE
    return None


def read_documents(file: str | Path, *, root: str | Path | None = None, max_chars: int = MAX_CHARS,
                   follow_links: bool = False) -> Iterator[Document]:
    """Every document in ``file``: one for a text/HTML/PDF/DOCX file, one per record for JSON/JSONL.

    ``root`` is the folder ``path`` is made relative to (default: the file's folder); a
    symbolic link resolving outside it is not read unless ``follow_links``.  Never
    raises on content; an unreadable file yields one document with an ``error``.  A
    ``.json`` holding a list and a ``.jsonl`` give ids ``<stem>#<n>`` (n from 1) unless a
    record has an ``id``.
    """
    file = Path(file)
    base = Path(root) if root is not None else file.parent
    try:
        rel = file.relative_to(base).as_posix()
    except ValueError:
        rel = file.as_posix()
    stem, suffix = file.stem, file.suffix.lower()
    problem = link_problem(file, base)
    warnings: tuple[str, ...] = ()
    if problem == OUTSIDE and follow_links:
        warnings = (f"{OUTSIDE}: followed (--follow-links) to {file.resolve()}",)
    elif problem == OUTSIDE:
        yield Document(doc_id=stem, path=rel, text=None,
                       error=f"{OUTSIDE}: not followed (use --follow-links to read it)")
        return
    elif problem is not None:
        yield Document(doc_id=stem, path=rel, text=None, error=f"cannot read file: {problem}")
        return
    for doc in _by_suffix(file, stem=stem, suffix=suffix, rel=rel, max_chars=max_chars):
        yield Document(**{**doc.__dict__, "warnings": warnings + doc.warnings}) if warnings else doc


def _by_suffix(file: Path, *, stem: str, suffix: str, rel: str, max_chars: int) -> Iterator[Document]:
    if suffix not in SUPPORTED_SUFFIXES:
        yield Document(doc_id=stem, path=rel, text=None, error=f"unsupported file type: {suffix}")
        return
    try:
        if suffix in JSONL_SUFFIXES:
            yield from jsonl_documents(file, stem=stem, path=rel, max_chars=max_chars)
            return
        data = file.read_bytes()
    except OSError as e:
        yield Document(doc_id=stem, path=rel, text=None, error=f"cannot read file: {e.strerror or e}")
        return
    if suffix in JSON_SUFFIXES:
        yield from json_documents(data, stem=stem, path=rel, max_chars=max_chars)
    elif suffix in PDF_SUFFIXES:
        yield read_pdf_document(data, doc_id=stem, path=rel, max_chars=max_chars)
    elif suffix in DOCX_SUFFIXES:
        yield read_docx_document(data, doc_id=stem, path=rel, max_chars=max_chars)
    else:
        yield read_text_document(data, doc_id=stem, path=rel, max_chars=max_chars,
                                 html=True if suffix in HTML_SUFFIXES else None)


def read_document(file: str | Path, *, root: str | Path | None = None, max_chars: int = MAX_CHARS,
                  follow_links: bool = False) -> Document:
    """The one document in ``file`` (text, HTML, PDF, DOCX, or a JSON/JSONL file holding one record).

    A JSON/JSONL file with several records gives a document whose ``error`` says to
    use :func:`read_documents`.
    """
    docs = read_documents(file, root=root, max_chars=max_chars, follow_links=follow_links)
    first = next(docs)
    rest = sum(1 for _ in docs)
    if rest:
        return Document(doc_id=Path(file).stem, path=first.path, text=None,
                        error=f"file holds {rest + 1} records; use read_documents()")
    return first


def _walk(input_dir: str | Path, glob: str, exclude: Iterable[str | Path]) -> Iterator[tuple[str, Path, bool]]:
    """``(relative path, path, skipped)`` of every file or symbolic link matching ``glob``."""
    root = Path(input_dir)
    skip = {str(Path(p).resolve()) for p in exclude}
    for p in root.glob(glob):
        rel = p.relative_to(root)
        if not p.is_symlink() and not p.is_file():
            continue  # a directory (a link to a directory is walked by glob itself)
        if skip and os.path.realpath(p) in skip:
            continue
        yield rel.as_posix(), p, skip_reason(rel) is not None


def iter_paths(input_dir: str | Path, glob: str = "**/*", *,
               exclude: Iterable[str | Path] = ()) -> list[Path]:
    """Files under ``input_dir`` matching ``glob``, sorted by relative POSIX path.

    Directories, the files :func:`skip_reason` skips and the paths in ``exclude`` (e.g.
    the batch output) are left out; symbolic links are kept, even looping or dangling
    ones, so that each gets its line.
    """
    found = sorted((rel, p) for rel, p, skipped in _walk(input_dir, glob, exclude) if not skipped)
    return [p for _rel, p in found]


def skipped_paths(input_dir: str | Path, glob: str = "**/*", *,
                  exclude: Iterable[str | Path] = ()) -> list[Path]:
    """The files under ``input_dir`` that a batch skips by the rule of :func:`skip_reason`."""
    return [p for _rel, p, skipped in sorted(_walk(input_dir, glob, exclude)) if skipped]


def iter_documents(input_dir: str | Path, glob: str = "**/*", *, exclude: Iterable[str | Path] = (),
                   max_chars: int = MAX_CHARS, follow_links: bool = False) -> Iterator[Document]:
    """Every document under ``input_dir``, in sorted path order (see :func:`iter_paths`).

    Lazy: one file is read at a time.
    """
    for p in iter_paths(input_dir, glob, exclude=exclude):
        yield from read_documents(p, root=input_dir, max_chars=max_chars, follow_links=follow_links)


__all__ = ["HTML_SUFFIXES", "JSONL_SUFFIXES", "JSON_SUFFIXES", "SKIPPED_SUFFIXES", "SUPPORTED_SUFFIXES",
           "TEXT_SUFFIXES", "iter_documents", "iter_paths", "read_document", "read_documents", "skip_reason",
           "skipped_paths", "sha1"]
