"""spaCy components: each one finds values with a spaCy-free function, then writes spans.

They are registered in :mod:`annonces.factories`; :mod:`annonces.pipeline` builds them
in the canonical order.  Each ``__call__`` is *find, then set annotations*.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from .extensions import SPAN_VALUES, add_spans, set_extensions, text_of, values

#: span groups each component reads, and the component that writes each group
NEEDS: dict[str, tuple[str, ...]] = {
    "annonces_ministers": ("sections",),
    "annonces_organizations": ("sections", "amounts", "regions", "programs", "ministers"),
    "annonces_records": ("sections", "dates", "amounts", "regions", "programs", "ministers", "organizations"),
}
WRITER = {
    "sections": "annonces_segmenter", "dates": "annonces_dates", "amounts": "annonces_amounts",
    "regions": "annonces_regions", "programs": "annonces_programs", "ministers": "annonces_ministers",
    "organizations": "annonces_organizations",
}


class MissingGroupError(ValueError):
    """A component ran on a Doc without the span groups it reads (a component missing before it)."""


def require(doc: Doc, component: str) -> None:
    """Raise :class:`MissingGroupError` when ``doc`` lacks a span group ``component`` reads.

    >>> import spacy; nlp = spacy.blank("fr")
    >>> require(nlp("Texte."), "annonces_ministers")
    Traceback (most recent call last):
    ...
    annonces.components.MissingGroupError: annonces_ministers needs doc.spans["sections"], written by annonces_segmenter: add it before annonces_ministers (annonces.load() builds the whole pipeline)
    """
    missing = [g for g in NEEDS.get(component, ()) if g not in doc.spans]
    if missing:
        groups = ", ".join(f'doc.spans["{g}"]' for g in missing)
        writers = ", ".join(WRITER[g] for g in missing)
        raise MissingGroupError(f"{component} needs {groups}, written by {writers}: add it before {component} "
                                "(annonces.load() builds the whole pipeline)")


def attrs(groups: tuple[str, ...]) -> list[str]:
    """The ``span._`` attributes of span groups, as ``requires``/``assigns`` of a factory."""
    return [f"span._.{SPAN_VALUES[g]}" for g in groups]


class Segmenter:
    """Sections of a release in ``doc.spans["sections"]``, sentence starts on tokens.

    >>> import spacy; nlp = spacy.blank("fr"); nlp.add_pipe("annonces_segmenter")  # doctest: +ELLIPSIS
    <...Segmenter...>
    >>> doc = nlp("QUÉBEC, le 4 mai 2021 - Texte du communiqué.\\n\\n-30-")
    >>> [s.label_ for s in doc.spans["sections"]][:1]
    ['dateline']
    """

    def __init__(self, *, set_sentences: bool = True) -> None:
        set_extensions()
        self.set_sentences = set_sentences

    def __call__(self, doc: Doc) -> Doc:
        from .segmentation import find_tables, layout

        lay = layout(text_of(doc))  # one Layout per release: the records read it again (cached)
        doc._.tables = tuple(find_tables(text_of(doc)))
        add_spans(doc, "sections", list(lay.sections))
        sentences = lay.sentences
        doc._.sentences = sentences
        if self.set_sentences and len(doc) and not doc.has_annotation("SENT_START"):
            starts = {s for s, _ in sentences}
            flags = numpy.fromiter((1 if t.i == 0 or t.idx in starts else -1 for t in doc), dtype="int32", count=len(doc))
            doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))
        return doc


class DateRecognizer:
    """Dates in ``doc.spans["dates"]`` resolved against the publication date.

    The publication date comes from ``doc._.published`` when the caller set it,
    else from the dateline or page metadata, else the latest full date (``inferred``).
    """

    def __init__(self) -> None:
        set_extensions()

    def __call__(self, doc: Doc) -> Doc:
        from .extractors.dates import find_dates
        from .extractors.publication import publication_date

        caller = doc._.published if isinstance(doc._.published, dt.date) else None
        pub, source = publication_date(text_of(doc), caller=caller)
        dates = find_dates(text_of(doc), reference=pub)
        if pub is None:
            days = [d for d in dates if d.precision == "day" and d.kind == "point"]
            if days:
                latest = max(days, key=lambda d: d.iso)
                pub = latest
                source = "inferred"
        doc._.published = dt.date.fromisoformat(pub.iso) if pub is not None and pub.precision == "day" else None
        doc._.published_iso = pub.iso if pub is not None else None
        doc._.published_source = source if pub is not None else None
        add_spans(doc, "dates", dates, label="DATE")
        return doc


class AmountRecognizer:
    """Money amounts in ``doc.spans["amounts"]`` with ``span._.amount`` (an :class:`Amount`).

    ``default_currency="auto"`` reads a bare ``$``/``millions`` as EUR when the text
    speaks in euros and never in dollars, else CAD.
    """

    def __init__(self, *, default_currency: str = "auto") -> None:
        set_extensions()
        self.default_currency = default_currency

    def __call__(self, doc: Doc) -> Doc:
        from .extractors.amounts import find_amounts, guess_currency

        currency = self.default_currency
        if currency == "auto":
            currency = guess_currency(text_of(doc))
        doc._.default_currency = currency
        add_spans(doc, "amounts", find_amounts(text_of(doc), default_currency=currency), label="MONEY")
        return doc


class _KBComponent:
    def __init__(self, *, kb: str | None = None) -> None:
        from .kb import load_kb

        set_extensions()
        self.kb = load_kb(Path(kb) if kb else None)


class RegionRecognizer(_KBComponent):
    """Administrative regions and départements, resolved to official names and codes."""

    def __call__(self, doc: Doc) -> Doc:
        from .extractors.regions import find_regions

        add_spans(doc, "regions", find_regions(text_of(doc), self.kb), label="REGION")
        return doc


class ProgramRecognizer(_KBComponent):
    """Named programs, plans, funds and strategies, linked to the KB when known."""

    def __call__(self, doc: Doc) -> Doc:
        from .extractors.programs import find_programs

        add_spans(doc, "programs", find_programs(text_of(doc), self.kb), label="PROGRAM")
        return doc


class MinisterRecognizer(_KBComponent):
    """Ministers with their portfolios and their role in the announcement."""

    def __call__(self, doc: Doc) -> Doc:
        from .extractors.ministers import find_ministers

        require(doc, "annonces_ministers")
        sections = values(doc, "sections")
        add_spans(doc, "ministers", find_ministers(text_of(doc), self.kb, sections=sections), label="MINISTER")
        return doc


class OrganizationRecognizer(_KBComponent):
    """Organizations from rules and the KB, with the statistical NER: trusted next to the KB
    when it is annonces' span model (``span_model=True``), a filtered fallback otherwise."""

    def __init__(self, *, kb: str | None = None, use_ner: bool = True, span_model: bool = False) -> None:
        super().__init__(kb=kb)
        self.use_ner = use_ner
        self.span_model = span_model

    def __call__(self, doc: Doc) -> Doc:
        from .extractors.organizations import find_organizations

        require(doc, "annonces_organizations")
        spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents] if self.use_ner else []
        domain = self.use_ner and self.span_model
        taken = values(doc, "ministers") + values(doc, "programs") + values(doc, "regions")
        orgs = find_organizations(text_of(doc), self.kb, ner=[] if domain else spans, model=spans if domain else [],
                                  taken=taken, sections=values(doc, "sections"), amounts=values(doc, "amounts"))
        add_spans(doc, "organizations", orgs, label="ORG")
        return doc


class RecordAssembler(_KBComponent):
    """Funding records in ``doc._.records``: amounts linked to recipients by the hand rules,
    and by the learned linker shipped in the package for the amounts they leave
    (``use_linker=True``), else by the hand rules alone."""

    def __init__(self, *, kb: str | None = None, use_linker: bool = True) -> None:
        super().__init__(kb=kb)
        self.use_linker = use_linker

    def __call__(self, doc: Doc) -> Doc:
        from .records import assemble_records

        require(doc, "annonces_records")
        doc._.records = tuple(
            assemble_records(
                text_of(doc),
                amounts=values(doc, "amounts"),
                organizations=values(doc, "organizations"),
                programs=values(doc, "programs"),
                regions=values(doc, "regions"),
                ministers=values(doc, "ministers"),
                dates=values(doc, "dates"),
                sections=values(doc, "sections"),
                sentences=doc._.sentences or (),
                published=doc._.published,
                kb=self.kb,
                linker="default" if self.use_linker else None,
                tables=doc._.tables or None,  # None: found again from the text
            )
        )
        return doc
