"""What a batch does with its input documents before extraction: unique ids, the count of
documents for the progress bar, a ``text`` field under another name.

The ``doc_id`` rule of a batch (no two output lines share an id):

* a file's id is its path relative to the input folder, without its suffix
  (``communiques/2021/x.txt`` under ``communiques/`` -> ``2021/x``); when two files give
  the same id (``x.pdf`` and ``x.docx``, ``x.txt`` and ``x.html``), each keeps its suffix
  (``x.pdf``, ``x.docx``);
* a record of a JSON/JSONL file: its ``id`` field, else ``<file id>#<n>`` (n from 1);
* an id already given earlier in the batch (two records with one ``id``) gets ``~2``,
  ``~3``, ... in input order.

The rule depends only on the sorted list of input paths and their content, so a
``--resume`` run gives every document the id it had.

>>> ids = DocIds(["a/x.txt", "b/x.txt", "y.pdf", "y.docx", "z.txt"])
>>> [ids.file_id(p) for p in ("a/x.txt", "b/x.txt", "y.pdf", "y.docx", "z.txt")]
['a/x', 'b/x', 'y.pdf', 'y.docx', 'z']
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from .readers import JSON_SUFFIXES, JSONL_SUFFIXES, Document, decode_bytes, read_documents
from .readers.walk import OUTSIDE, link_problem
from .resume import Key, _line_key


class DocIds:
    """Batch-unique ``doc_id`` values for the documents of the relative paths ``paths``."""

    def __init__(self, paths: Iterable[str]) -> None:
        paths = list(paths)
        bare = Counter(_without_suffix(p) for p in paths)
        self._file = {p: (_without_suffix(p) if bare[_without_suffix(p)] == 1 else p) for p in paths}
        self._given: set[str] = set()

    def file_id(self, rel: str) -> str:
        return self._file.get(rel) or _without_suffix(rel)

    def assign(self, doc: Document, stem: str) -> Document:
        """``doc`` with its batch id (``stem``: the file stem the reader used for default ids)."""
        base = self.file_id(doc.path) if doc.path is not None else doc.doc_id
        if doc.doc_id == stem:
            new = base
        elif doc.doc_id.startswith(stem + "#") and doc.doc_id[len(stem) + 1:].isdigit():
            new = base + doc.doc_id[len(stem):]
        else:
            new = doc.doc_id  # a record's own id
        unique, k = new, 1
        while unique in self._given:
            k += 1
            unique = f"{new}~{k}"
        self._given.add(unique)
        return doc if unique == doc.doc_id else replace(doc, doc_id=unique)


def _without_suffix(rel: str) -> str:
    p = PurePosixPath(rel)
    return str(p.with_suffix("")) if p.suffix else rel


def count_documents(paths: Sequence[Path]) -> int:
    """How many documents ``paths`` hold (one per text file, one per JSON/JSONL record), for
    the progress bar total; reads JSON/JSONL files once, without decoding their records.

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.jsonl").write_text('{"text": "x"}\\n\\n{"text": "y"}\\n'); _ = (d / "b.txt").write_text("z")
    >>> count_documents([d / "a.jsonl", d / "b.txt"])
    3
    """
    total = 0
    for p in paths:
        suffix = p.suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                with p.open("rb") as f:
                    total += max(1, sum(1 for line in f if line.strip()))
                continue
            if suffix in JSON_SUFFIXES:
                value = json.loads(decode_bytes(p.read_bytes())[0].removeprefix("\ufeff"))
                total += max(1, len(value)) if isinstance(value, list) else 1
                continue
        except (OSError, ValueError):
            pass
        total += 1
    return total


def read_with_text_field(path: Path, *, root: Path, max_chars: int, text_field: str = "text",
                         follow_links: bool = False) -> Iterator[Document]:
    """:func:`~annonces.readers.read_documents`, with the text of JSON/JSONL records read
    from ``text_field`` (``--text-field body``) instead of ``text``.

    The record is given to the reader with ``text_field`` renamed ``text`` (a ``text`` it
    held is dropped), so ids, dates, errors and ``content_sha1`` follow the reader's rules.
    """
    suffix = path.suffix.lower()
    problem = link_problem(path, root)  # a link loop, or out of the folder: the reader's error line
    if text_field == "text" or suffix not in JSON_SUFFIXES | JSONL_SUFFIXES or (
            problem is not None and not (problem == OUTSIDE and follow_links)):
        yield from read_documents(path, root=root, max_chars=max_chars, follow_links=follow_links)
        return
    import tempfile

    try:
        data = path.read_bytes()
    except OSError:
        yield from read_documents(path, root=root, max_chars=max_chars)
        return
    text, _encoding = decode_bytes(data)
    with tempfile.TemporaryDirectory(prefix="annonces-") as tmp:
        twin = Path(tmp) / path.name
        twin.write_text(_renamed(text.removeprefix("\ufeff"), text_field, jsonl=suffix in JSONL_SUFFIXES),
                        encoding="utf-8")
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        for doc in read_documents(twin, root=Path(tmp), max_chars=max_chars):
            if doc.error == "JSON record has no 'text' field":
                doc = replace(doc, error=f"JSON record has no {text_field!r} field")
            yield replace(doc, path=rel)


def _renamed(text: str, field: str, *, jsonl: bool) -> str:
    def one(record: object) -> object:
        if isinstance(record, dict):
            record = {k: v for k, v in record.items() if k != "text"}
            if field in record:
                record["text"] = record.pop(field)
        return record

    if not jsonl:
        try:
            value = json.loads(text)
        except ValueError:
            return text  # the reader reports the invalid JSON
        return json.dumps([one(r) for r in value] if isinstance(value, list) else one(value), ensure_ascii=False)
    lines = []
    for line in text.split("\n"):
        try:
            lines.append(json.dumps(one(json.loads(line)), ensure_ascii=False) if line.strip() else line)
        except ValueError:
            lines.append(line)
    return "\n".join(lines)


def batch_documents(paths: list[Path], input_dir: Path, *, max_chars: int, text_field: str, published: Any,
                    resume: bool, done: set[Key], expected: list[Key], counts: Counter[str],
                    follow_links: bool = False) -> Iterator[Document]:
    """The documents to process, with batch-unique ids; on resume, those already written are skipped
    (counted) and every key is appended to ``expected`` (the final order)."""
    seen: Counter[tuple[Any, ...]] = Counter()
    ids = DocIds(_relative(p, input_dir) for p in paths)
    for path in paths:
        for doc in read_with_text_field(path, root=input_dir, max_chars=max_chars, text_field=text_field,
                                        follow_links=follow_links):
            doc = ids.assign(doc, path.stem)
            if published is not None and doc.published is None:
                doc = replace(doc, published=published)
            if resume:
                key = _line_key({"path": doc.path, "doc_id": doc.doc_id, "content_sha1": doc.content_sha1}, seen)
                expected.append(key)
                if key in done:
                    counts["skipped"] += 1
                    continue
            yield doc


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
