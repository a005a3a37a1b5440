"""The parts of a release: :func:`segment` walks its paragraphs top to bottom.

The walk keeps a little state: whether the lead was seen (titles only come before it),
the section opened by the last heading (highlights, contacts, related links, a list
introduced by ``... comme suit :``, what follows ``-30-``), the quotes waiting for a
speaker line and a quote still open across paragraphs.  PDF-style text is repaired
first (:func:`annonces.textview.repair`) and every offset is reported in the original.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..textview import repair
from .tables import find_tables, table_segments
from ..types import Segment
from .cues import pattern
from .dateline import city_match, date_only, line_match
from .lines import BULLET, boilerplate, ends_final, has_contact, is_heading, list_like, page_meta
from .quotes import attribution, quote_close, sentence_quote, speaker_line, unmarked_quote
from .sentences import OPENERS, STRAIGHT, paragraph_spans, split_paragraph

#: a quote left open is followed over at most this many paragraphs
MAX_QUOTE_PARAGRAPHS = 12
#: longest paragraph still read as a title, a contact line or a related link
MAX_TITLE = 250
MAX_CONTACT = 250
MAX_LINK = 200
_HEADINGS = ("quote_heading", "highlights_heading", "contact_heading", "links_heading")


@dataclass
class _Part:
    label: str
    start: int
    end: int
    speaker: str | None = None


class _Walk:
    """The state of the walk over the paragraphs of one (repaired) text."""

    def __init__(self, text: str) -> None:
        self.t = text
        self.parts: list[_Part] = []
        self.lead_done = False
        self.content = False  # lead or body seen: no more titles
        self.mode: str | None = None
        self.waiting: list[_Part] = []  # quotes before a possible speaker line
        self.open_quote: _Part | None = None
        self.open_count = 0
        self.previous = ""

    def add(self, label: str, start: int, end: int, speaker: str | None = None) -> _Part:
        t = self.t
        while start < end and t[start].isspace():
            start += 1
        while end > start and t[end - 1].isspace():
            end -= 1
        part = _Part(label, start, end, speaker)
        if end > start:
            self.parts.append(part)
        return part

    # -- content paragraphs -------------------------------------------------------------

    def pieces(self, spans: list[tuple[int, int]]) -> list[_Part]:
        """Body and quote parts of a run of sentences (consecutive quotes merged)."""
        out: list[_Part] = []
        for a, b in spans:
            q = sentence_quote(self.t, a, b)
            label = "quote" if q is not None else "body"
            speaker = q.speaker if q is not None else None
            last = out[-1] if out else None
            if last is not None and last.label == label and (
                label == "body" or not speaker or not last.speaker or last.speaker == speaker
            ):
                last.end = b
                last.speaker = last.speaker or speaker
            else:
                out.append(self.add(label, a, b, speaker))
            if q is not None and q.closed_at is None:
                self.open_quote, self.open_count = out[-1], 0
        return out

    def paragraph(self, lo: int, hi: int) -> None:
        """A paragraph of running text: lead, body and quotes."""
        t = self.t
        opens = t[lo] in OPENERS or t[lo] == STRAIGHT
        if not self.lead_done and not opens:
            self.add("lead", lo, hi)
            self.lead_done = self.content = True
            self.waiting = []
            return
        self.content = True
        speaker = unmarked_quote(t, lo, hi)
        if speaker is not None:
            parts = [self.add("quote", lo, hi, speaker)]
        else:
            parts = self.pieces(list(split_paragraph(t, lo, hi).spans))
        self.after_paragraph(parts)

    def after_paragraph(self, parts: list[_Part]) -> None:
        if parts and all(p.label == "quote" for p in parts):
            self.waiting.extend(parts)
        elif parts and parts[-1].label == "quote":
            self.waiting = [parts[-1]]
        else:
            self.waiting = []

    def continue_quote(self, lo: int, hi: int) -> bool:
        """Extend the quote left open by the previous paragraph; True when consumed."""
        quote = self.open_quote
        assert quote is not None
        t = self.t
        marked = t[lo] in OPENERS
        close = quote_close(t, lo + 1 if marked else lo, hi, depth=1)  # « opens a continued paragraph
        if close is None:
            if not marked:
                self.open_quote = None  # neither continued nor closed: the quote was cut short
                return False
            self.open_count += 1
            quote.end = hi
            if self.open_count >= MAX_QUOTE_PARAGRAPHS:
                self.open_quote = None
            return True
        self.open_quote = None
        found, speaker = attribution(t, close, hi)
        spans = list(split_paragraph(t, lo, hi).spans)
        k = next(i for i, (_, b) in enumerate(spans) if b >= close)
        quote.end = spans[k][1]
        if found and speaker:
            quote.speaker = quote.speaker or speaker
        rest = self.pieces(spans[k + 1 :])
        self.after_paragraph([quote, *rest])
        return True

    # -- the walk ------------------------------------------------------------------------

    def headings(self, lo: int, hi: int, line: str) -> bool:
        for label in _HEADINGS:
            if is_heading(label, line):
                self.open_quote = None
                self.waiting = []
                if label == "highlights_heading":
                    self.add("highlights", lo, hi)
                    self.mode = "highlights"
                elif label == "contact_heading":
                    self.add("contact", lo, hi)
                    self.mode = "contact"
                else:
                    self.add("boilerplate", lo, hi)
                    self.mode = "links" if label == "links_heading" else None
                return True
        return False

    def sections(self, lo: int, hi: int, line: str) -> bool:
        """Paragraphs owned by the section of the last heading; True when consumed."""
        mode = self.mode
        if mode == "after_end":
            self.add("contact" if has_contact(line) or len(line) <= 120 else "boilerplate", lo, hi)
            return True
        if mode == "contact":
            if len(line) <= MAX_CONTACT or has_contact(line):
                self.add("contact", lo, hi)
                return True
            self.mode = None
        if mode == "highlights":
            if not _opens_quote(line):
                self.add("highlights", lo, hi)
                return True
            self.mode = None  # a quote closes the highlights
        if mode == "links":
            if (len(line) <= MAX_LINK and not ends_final(line)) or has_contact(line):
                self.add("boilerplate", lo, hi)
                return True
            self.mode = None
        if mode == "wire":
            if not self.content and len(line) <= 150 and not ends_final(line) and not line_match(line):
                self.add("boilerplate", lo, hi)
                return True
            self.mode = None
        if mode == "list":
            if pattern("list_total").match(line):
                self.mode = None
                self.add("body", lo, hi)
                self.content = True
                return True
            if _opens_quote(line) or not list_like(line):
                self.mode = None
                return False
            self.add("list_item", lo, hi)
            return True
        return False

    def datelines(self, lo: int, hi: int, line: str) -> bool:
        """A dateline line, or the dateline prefix of the lead; True when consumed."""
        if self.lead_done:
            return False
        if len(line) <= 60 and date_only(line):
            self.add("dateline", lo, hi)
            return True
        n = line_match(line)  # the grammar of segmentation/dateline.py
        if not n and len(line) >= 80 and ends_final(line):
            n = city_match(line)
        if not n:
            return False
        self.add("dateline", lo, lo + n)
        rest = lo + n
        while rest < hi and self.t[rest].isspace():
            rest += 1
        if rest < hi:
            self.paragraph(rest, hi)
        return True

    def step(self, lo: int, hi: int, first: bool) -> None:
        t = self.t
        if first:
            n = page_meta(t[lo:hi])
            if n:
                self.add("boilerplate", lo, lo + n)
                lo += n
                while lo < hi and t[lo].isspace():
                    lo += 1
                if lo >= hi:
                    return
        line = t[lo:hi]
        duplicate, self.previous = line == self.previous, line
        if pattern("end_mark").fullmatch(line):
            self.add("boilerplate", lo, hi)
            self.mode, self.open_quote, self.waiting = "after_end", None, []
            return
        if self.headings(lo, hi, line):
            return
        if self.mode in ("after_end", "contact") and self.sections(lo, hi, line):
            return
        if self.waiting or self.open_quote is not None:
            name = speaker_line(line)
            if name is not None:
                self.add("speaker", lo, hi)
                for quote in self.waiting + ([self.open_quote] if self.open_quote else []):
                    quote.speaker = quote.speaker or name
                self.waiting, self.open_quote = [], None
                return
        if self.open_quote is not None and self.continue_quote(lo, hi):
            return
        if pattern("wire").fullmatch(line):
            self.add("boilerplate", lo, hi)
            self.mode = "wire"
            return
        if duplicate or boilerplate(line, header=not self.content):
            self.add("boilerplate", lo, hi)
            return
        if self.sections(lo, hi, line):
            return
        if self.datelines(lo, hi, line):
            return
        if BULLET.match(line):
            self.add("list_item", lo, hi)
            self.waiting = []
            return
        if not self.content and len(line) <= MAX_TITLE and not line.endswith("."):
            self.add("title", lo, hi)
            return
        self.paragraph(lo, hi)
        if line.endswith(":") and self.mode is None:
            self.mode = "list"


def _opens_quote(line: str) -> bool:
    """The paragraph opens with a quote mark."""
    return bool(line) and (line[0] in OPENERS or line[0] == STRAIGHT)


def segment(text: str) -> list[Segment]:
    """The labelled parts of a release, sorted, non-overlapping, in original offsets.

    Labels: ``dateline``, ``title``, ``lead``, ``body``, ``quote`` (with its ``speaker``),
    ``speaker``, ``highlights``, ``list_item``, ``contact``, ``boilerplate``.

    >>> text = ("Une aide pour Gaspé\\n"
    ...         "QUÉBEC, le 4 mai 2021 /CNW Telbec/ - La ministre annonce 2 M$ à la Ville de Gaspé.\\n"
    ...         "« C'est un grand jour pour la région. »\\n"
    ...         "Nathalie Roy, ministre de la Culture et des Communications\\n"
    ...         "-30-")
    >>> for s in segment(text):
    ...     print(s.label, repr(text[s.start:s.end]), s.speaker or "")
    title 'Une aide pour Gaspé' 
    dateline 'QUÉBEC, le 4 mai 2021 /CNW Telbec/ -' 
    lead 'La ministre annonce 2 M$ à la Ville de Gaspé.' 
    quote "« C'est un grand jour pour la région. »" Nathalie Roy
    speaker 'Nathalie Roy, ministre de la Culture et des Communications' 
    boilerplate '-30-' 
    """
    view = repair(text)
    walk = _Walk(view.text)
    for i, (lo, hi) in enumerate(paragraph_spans(view.text)):
        walk.step(lo, hi, i == 0)
    out = []
    for p in walk.parts:
        if p.end > p.start:
            start, end = view.span_to_original(p.start, p.end)
            out.append(Segment(p.label, start, end, p.speaker))
    starts = [s.start for s in out]  # in text order: the map to the original is monotonic
    furniture = []
    for d0, d1 in view.dropped:  # page headers and numbers removed by the repair
        while d0 < d1 and text[d0].isspace():
            d0 += 1
        while d1 > d0 and text[d1 - 1].isspace():
            d1 -= 1
        k = bisect.bisect_left(starts, d1)  # segments from k on start after the line
        if d1 > d0 and (k == 0 or out[k - 1].end <= d0):
            furniture.append(Segment("boilerplate", d0, d1))
    parts = sorted(out + furniture, key=lambda s: (s.start, s.end))
    tables = find_tables(text)  # table rows replace the parts they overlap (table_header, table_row)
    return table_segments(text, tables, parts) if tables else parts
