"""Segmentation of a release: its labelled parts and its sentences (spaCy-free).

* :func:`segment` -> ``list[Segment]``: dateline, title, lead, body, quote (with speaker),
  speaker, highlights, list_item, contact, boilerplate;
* :func:`sentence_spans` -> ``list[tuple[int, int]]``;
* :func:`layout` -> :class:`Layout`: all of them and the paragraphs, lines, list items and
  dateline, with lookups by offset (``sentence_at``, ``item_at``, ``line_at``...).
* :func:`find_tables` -> ``list[Table]``: tables written as tab, pipe, semicolon or
  aligned-column rows, with cells and header rows (their rows are ``table_header`` and
  ``table_row`` segments).

Both repair PDF-style text first (:mod:`annonces.textview`) and report offsets into the
text they were given.  Cue lists live in ``patterns/segment_*``.

>>> from annonces.segmentation import segment, sentence_spans
>>> [s.label for s in segment("QUÉBEC, le 4 mai 2021 - Une aide de 2 M$ est accordée.\\n-30-")]
['dateline', 'lead', 'boilerplate']
>>> sentence_spans("M. Roy annonce 2 M$. La Ville est ravie.")
[(0, 20), (21, 40)]
"""

from __future__ import annotations

from ..textview import TextView, repair
from .layout import Layout, layout, paragraphs
from .sections import segment
from .sentences import sentence_spans
from .tables import find_tables

__all__ = ["Layout", "TextView", "find_tables", "layout", "paragraphs", "repair", "segment", "sentence_spans"]
