"""The layout of a release: one object every later stage reads instead of re-splitting text.

:func:`layout` reads the paragraphs, sentences, labelled sections, list items and
dateline on the repaired view of the text (:mod:`annonces.textview`: PDF line wraps and
hyphenation joined) and its raw lines; every offset
is a character offset into the text it was given.  Lookups by offset are ``O(log n)``.

>>> t = "QUÉBEC, le 4 mai 2021 - Une aide de 2 M$ est accordée. M. Roy est ravi.\\n• Ville de Gaspé : 45 000 $\\n-30-"
>>> lay = layout(t)
>>> t[slice(*lay.sentence_at(t.index("Roy")))]
'M. Roy est ravi.'
>>> t[slice(*lay.item_at(t.index("Gaspé")))], lay.item_at(3)
('• Ville de Gaspé : 45 000 $', None)
>>> t[slice(*lay.line_at(t.index("Gaspé")))], t[lay.dateline.start:lay.dateline.end]
('• Ville de Gaspé : 45 000 $', 'QUÉBEC, le 4 mai 2021 -')
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..textview import repair
from ..types import Segment
from .sections import segment
from .sentences import paragraph_spans, split_paragraph

Span = tuple[int, int]
_LINE = re.compile(r"[^\n]+")


def paragraphs(text: str) -> tuple[Span, ...]:
    """Paragraphs of ``text`` read on its repaired view (a PDF line wrap does not end one).

    >>> pdf = ("Le ministère accorde une aide financière de 250 000 $ pour le finan-\\n"
    ...        "cement du projet de la Ville de Gaspé, qui vise la construction\\n"
    ...        "d'un centre communautaire dans le secteur de Rivière-au-Renard\\n"
    ...        "et la rénovation du quai.\\n\\nCitations :")
    >>> len(paragraphs(pdf)), len(pdf.splitlines())
    (2, 6)
    """
    view = repair(text)
    return tuple(view.span_to_original(a, b) for a, b in paragraph_spans(view.text))


def _at(spans: Sequence[Span], starts: Sequence[int], pos: int) -> Span | None:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


@dataclass(frozen=True)
class Layout:
    """Sections, paragraphs, sentences, lines, list items and dateline of one text.

    ``tables`` is kept for table regions (rows and columns), which no detector fills yet.
    """

    text: str
    sections: tuple[Segment, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    lines: tuple[Span, ...]
    items: tuple[Span, ...]
    dateline: Segment | None = None
    tables: tuple[Span, ...] = ()
    _starts: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("paragraphs", "sentences", "lines", "items"):
            self._starts[name] = [s for s, _ in getattr(self, name)]
        self._starts["sections"] = [s.start for s in self.sections]

    def sentence_at(self, pos: int) -> Span | None:
        """The sentence holding ``pos`` (None between sentences)."""
        return _at(self.sentences, self._starts["sentences"], pos)

    def paragraph_at(self, pos: int) -> Span | None:
        """The paragraph holding ``pos``."""
        return _at(self.paragraphs, self._starts["paragraphs"], pos)

    def line_at(self, pos: int) -> Span | None:
        """The non-blank line of the original text holding ``pos``."""
        return _at(self.lines, self._starts["lines"], pos)

    def item_at(self, pos: int) -> Span | None:
        """The list item holding ``pos`` (None outside lists)."""
        return _at(self.items, self._starts["items"], pos)

    def section_at(self, pos: int) -> Segment | None:
        """The labelled section holding ``pos``."""
        i = bisect.bisect_right(self._starts["sections"], pos) - 1
        if i >= 0 and self.sections[i].start <= pos < self.sections[i].end:
            return self.sections[i]
        return None


@functools.lru_cache(maxsize=8)
def layout(text: str) -> Layout:
    """The :class:`Layout` of ``text``, computed once: the segmenter component and the
    records of the same release read the same object (the last few texts are kept)."""
    view = repair(text)
    paras = paragraph_spans(view.text)
    sentences = tuple(view.span_to_original(a, b) for lo, hi in paras for a, b in split_paragraph(view.text, lo, hi).spans)
    sections = tuple(segment(text))
    return Layout(
        text=text,
        sections=sections,
        paragraphs=tuple(view.span_to_original(a, b) for a, b in paras),
        sentences=sentences,
        lines=tuple(m.span() for m in _LINE.finditer(text) if m.group().strip()),
        items=tuple((s.start, s.end) for s in sections if s.label == "list_item"),
        dateline=next((s for s in sections if s.label == "dateline"), None),
    )
