"""The one inline-markup parser of the golden tables: ``[[as written|field|field…]]``.

``unmark("Une aide de [[13,7 M$|13700000]] et [[2 M€|2000000|EUR]].")`` gives the plain
text and, for each marked span, its offsets, its text and its fields
(``("13700000",)``, ``("2000000", "EUR")``).  Amount tables mark ``value|currency``,
role tables ``role``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MARK = re.compile(r"\[\[(?P<text>[^|\]]+)(?P<fields>(?:\|[^|\]]*)*)\]\]")


class Marked(NamedTuple):
    start: int
    end: int
    text: str
    fields: tuple[str, ...]


def unmark(marked: str) -> tuple[str, list[Marked]]:
    """Plain text and the marked spans of ``marked``, offsets into the plain text."""
    out: list[str] = []
    spans: list[Marked] = []
    pos = 0
    for m in MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        start = sum(map(len, out))
        spans.append(Marked(start, start + len(m["text"]), m["text"], tuple(m["fields"].split("|")[1:])))
        out.append(m["text"])
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans

