"""``--resume`` bookkeeping: the key of each JSONL line, the index of an output file, and the
final rewrite in input order (see :mod:`annonces.batch`)."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

Key = tuple[str | None, str, str | None, int]


def _line_key(line: dict[str, Any], seen: Counter[tuple[Any, ...]]) -> Key:
    base = (line.get("path"), str(line.get("doc_id")), line.get("content_sha1"))
    seen[base] += 1
    return (*base, seen[base])


def _scan(path: Path) -> list[tuple[Key | None, int, int]]:
    """``(key, offset, length)`` of every line of a JSONL output (key ``None`` if unreadable)."""
    index: list[tuple[Key | None, int, int]] = []
    seen: Counter[tuple[Any, ...]] = Counter()
    offset = 0
    with path.open("rb") as f:
        for raw in f:
            key: Key | None
            try:
                obj = json.loads(raw)
                key = _line_key(obj, seen) if isinstance(obj, dict) else None
            except ValueError:
                key = None
            index.append((key, offset, len(raw)))
            offset += len(raw)
    return index


def _reorder(path: Path, expected: list[Key]) -> None:
    """Rewrite ``path`` with one line per expected key, in that order, if it is not so already."""
    index = _scan(path)
    if [k for k, _o, _n in index] == expected:
        return
    where = {k: (o, n) for k, o, n in index if k is not None}
    tmp = path.with_name(path.name + ".tmp")
    with path.open("rb") as src, tmp.open("wb") as dst:
        for key in expected:
            if key in where:
                offset, length = where[key]
                src.seek(offset)
                dst.write(src.read(length))
    os.replace(tmp, path)


def _kept_lines(output: Path) -> Iterator[dict[str, Any]]:
    """The whole JSON lines already in ``output`` (for ``--resume``)."""
    with open(output, encoding="utf-8") as f:
        for raw in f:
            try:
                yield json.loads(raw)
            except ValueError:
                continue
