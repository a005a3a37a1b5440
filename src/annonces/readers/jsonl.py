"""JSON and JSONL files -> one :class:`Document` per record (a ``text`` field, ``id``, ``published``)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from .document import Document, finish, parse_published, sha1
from .encodings import BOMS, SNIFF, decode_bytes, is_binary


def _record_document(record: Any, *, default_id: str, path: str, max_chars: int,
                     encoding: str | None) -> Document:
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True).encode()
    doc = Document(doc_id=default_id, path=path, text=None, encoding=encoding, content_sha1=sha1(canonical))
    if not isinstance(record, dict):
        return replace(doc, error=f"JSON record is a {type(record).__name__}, not an object with a 'text' field")
    if record.get("id") is not None and str(record["id"]).strip():
        doc = replace(doc, doc_id=str(record["id"]))
    raw_date = record.get("published", record.get("date"))
    published = parse_published(raw_date)
    partial = isinstance(raw_date, str) and re.fullmatch(r"\s*\d{4}(-\d{2})?\s*", raw_date)
    if raw_date not in (None, "") and published is None and not partial:  # a year or month says no day
        doc = replace(doc, warnings=(f"ignored publication date {str(raw_date)[:40]!r} (not YYYY-MM-DD)",))
    doc = replace(doc, published=published)
    text = record.get("text")
    if text is None:
        return replace(doc, error="JSON record has no 'text' field")
    if not isinstance(text, str):
        return replace(doc, error=f"JSON record's 'text' is a {type(text).__name__}, not a string")
    return finish(doc, text, max_chars)


def json_documents(data: bytes, *, stem: str, path: str, max_chars: int) -> Iterator[Document]:
    """The documents of a ``.json`` file: one object, or a list of objects with a ``text`` field."""
    if is_binary(data):
        yield Document(doc_id=stem, path=path, text=None, content_sha1=sha1(data), error="binary file")
        return
    text, encoding = decode_bytes(data)
    try:
        value = json.loads(text.removeprefix("\ufeff"))
    except ValueError as e:
        yield Document(doc_id=stem, path=path, text=None, encoding=encoding, content_sha1=sha1(data),
                       error=f"invalid JSON: {e}")
        return
    if isinstance(value, list):
        if not value:
            yield Document(doc_id=stem, path=path, text=None, encoding=encoding, content_sha1=sha1(data),
                           error="empty document")
        for n, record in enumerate(value, 1):
            yield _record_document(record, default_id=f"{stem}#{n}", path=path, max_chars=max_chars,
                                   encoding=encoding)
    else:
        yield _record_document(value, default_id=stem, path=path, max_chars=max_chars, encoding=encoding)


def jsonl_documents(file: Path, *, stem: str, path: str, max_chars: int) -> Iterator[Document]:
    """One document per non-blank line, streamed; a bad line is that record's error."""
    with file.open("rb") as f:
        head = f.read(SNIFF)
        f.seek(0)
        if is_binary(head):
            digest = hashlib.sha1()
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
            yield Document(doc_id=stem, path=path, text=None, content_sha1=digest.hexdigest(),
                           error="binary file")
            return
        if any(head.startswith(bom) for bom, _c, _n in BOMS if _n != "utf-8-sig"):
            text, _enc = decode_bytes(f.read())  # UTF-16/32: line splitting needs decoded text
            lines: Iterable[bytes | str] = text.split("\n")
        else:
            lines = f
        n = 0
        for raw in lines:
            if isinstance(raw, bytes):
                line, encoding = decode_bytes(raw)
            else:
                line, encoding = raw, "utf-16"
            line = line.removeprefix("\ufeff").strip()
            if not line:
                continue
            n += 1
            try:
                record = json.loads(line)
            except ValueError as e:
                yield Document(doc_id=f"{stem}#{n}", path=path, text=None, encoding=encoding,
                               content_sha1=sha1(line.encode()), error=f"invalid JSON on record {n}: {e}")
                continue
            yield _record_document(record, default_id=f"{stem}#{n}", path=path, max_chars=max_chars,
                                   encoding=encoding)
        if n == 0:
            yield Document(doc_id=stem, path=path, text=None, content_sha1=sha1(b""), error="empty document")

