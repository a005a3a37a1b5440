"""Every ``@Language.factory`` of annonces, and nothing else.

Exposed through the ``spacy_factories`` entry point, so ``nlp.add_pipe("annonces_amounts")``
works without importing annonces first.  Each factory declares what it ``requires`` and
``assigns`` (span groups as their ``span._`` values), so ``nlp.analyze_pipes()`` reports a
component added without the ones it reads; the component itself raises
:class:`~annonces.components.MissingGroupError` on its first document.

>>> import spacy; nlp = spacy.blank("fr"); _ = nlp.add_pipe("annonces_records")
>>> nlp.analyze_pipes(pretty=False)["problems"]["annonces_records"][:2]
['span._.segment', 'span._.date']
"""

from __future__ import annotations

from spacy.language import Language

from .components import (
    NEEDS,
    AmountRecognizer,
    DateRecognizer,
    MinisterRecognizer,
    OrganizationRecognizer,
    ProgramRecognizer,
    RecordAssembler,
    RegionRecognizer,
    Segmenter,
    attrs,
)

_DOC = ["doc.spans"]


@Language.factory("annonces_segmenter", default_config={"set_sentences": True}, assigns=[*_DOC, *attrs(("sections",)), "doc._.sentences", "token.is_sent_start"])
def make_segmenter(nlp: Language, name: str, set_sentences: bool) -> Segmenter:
    return Segmenter(set_sentences=set_sentences)


@Language.factory("annonces_dates", assigns=[*_DOC, *attrs(("dates",)), "doc._.published", "doc._.published_iso", "doc._.published_source"])
def make_dates(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer()


@Language.factory("annonces_amounts", default_config={"default_currency": "auto"}, assigns=[*_DOC, *attrs(("amounts",)), "doc._.default_currency"])
def make_amounts(nlp: Language, name: str, default_currency: str) -> AmountRecognizer:
    return AmountRecognizer(default_currency=default_currency)


@Language.factory("annonces_regions", default_config={"kb": None}, assigns=[*_DOC, *attrs(("regions",))])
def make_regions(nlp: Language, name: str, kb: str | None) -> RegionRecognizer:
    return RegionRecognizer(kb=kb)


@Language.factory("annonces_programs", default_config={"kb": None}, assigns=[*_DOC, *attrs(("programs",))])
def make_programs(nlp: Language, name: str, kb: str | None) -> ProgramRecognizer:
    return ProgramRecognizer(kb=kb)


@Language.factory("annonces_ministers", default_config={"kb": None}, requires=attrs(NEEDS["annonces_ministers"]), assigns=[*_DOC, *attrs(("ministers",))])
def make_ministers(nlp: Language, name: str, kb: str | None) -> MinisterRecognizer:
    return MinisterRecognizer(kb=kb)


@Language.factory("annonces_organizations", default_config={"kb": None, "use_ner": True, "span_model": False},
                  requires=attrs(NEEDS["annonces_organizations"]), assigns=[*_DOC, *attrs(("organizations",))])
def make_organizations(nlp: Language, name: str, kb: str | None, use_ner: bool,
                       span_model: bool) -> OrganizationRecognizer:
    return OrganizationRecognizer(kb=kb, use_ner=use_ner, span_model=span_model)


@Language.factory("annonces_records", default_config={"kb": None, "use_linker": True},
                  requires=[*attrs(NEEDS["annonces_records"]), "doc._.sentences", "doc._.published"],
                  assigns=["doc._.records"])
def make_records(nlp: Language, name: str, kb: str | None, use_linker: bool) -> RecordAssembler:
    return RecordAssembler(kb=kb, use_linker=use_linker)
