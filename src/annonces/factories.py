"""Every ``@Language.factory`` of annonces, and nothing else.

Exposed through the ``spacy_factories`` entry point, so ``nlp.add_pipe("annonces_amounts")``
works without importing annonces first.
"""

from __future__ import annotations

from spacy.language import Language

from .components import (
    AmountRecognizer,
    DateRecognizer,
    MinisterRecognizer,
    OrganizationRecognizer,
    ProgramRecognizer,
    RecordAssembler,
    RegionRecognizer,
    Segmenter,
)


@Language.factory("annonces_segmenter", default_config={"set_sentences": True})
def make_segmenter(nlp: Language, name: str, set_sentences: bool) -> Segmenter:
    return Segmenter(set_sentences=set_sentences)


@Language.factory("annonces_dates")
def make_dates(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer()


@Language.factory("annonces_amounts", default_config={"default_currency": "auto"})
def make_amounts(nlp: Language, name: str, default_currency: str) -> AmountRecognizer:
    return AmountRecognizer(default_currency=default_currency)


@Language.factory("annonces_regions", default_config={"kb": None})
def make_regions(nlp: Language, name: str, kb: str | None) -> RegionRecognizer:
    return RegionRecognizer(kb=kb)


@Language.factory("annonces_programs", default_config={"kb": None})
def make_programs(nlp: Language, name: str, kb: str | None) -> ProgramRecognizer:
    return ProgramRecognizer(kb=kb)


@Language.factory("annonces_ministers", default_config={"kb": None})
def make_ministers(nlp: Language, name: str, kb: str | None) -> MinisterRecognizer:
    return MinisterRecognizer(kb=kb)


@Language.factory("annonces_organizations", default_config={"kb": None, "use_ner": True, "span_model": False})
def make_organizations(nlp: Language, name: str, kb: str | None, use_ner: bool,
                       span_model: bool) -> OrganizationRecognizer:
    return OrganizationRecognizer(kb=kb, use_ner=use_ner, span_model=span_model)


@Language.factory("annonces_records", default_config={"kb": None, "use_linker": True})
def make_records(nlp: Language, name: str, kb: str | None, use_linker: bool) -> RecordAssembler:
    return RecordAssembler(kb=kb, use_linker=use_linker)
