"""Annotated Docs behave as spaCy Docs: they serialize, go through ``n_process=2``, and a
component added without the ones it reads says so (``analyze_pipes`` and a clear error)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import annonces
from annonces.api import run
from annonces.components import MissingGroupError
from annonces.extensions import SPAN_VALUES
from annonces.readers import iter_documents

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

RELEASE = (
    "QUÉBEC, le 4 mai 2021 /CNW Telbec/ - La ministre de la Culture et des Communications, "
    "Mme Nathalie Roy, annonce une aide financière de 150 000 $ à la Ville de Gaspé, dans la région "
    "de la Gaspésie–Îles-de-la-Madeleine, dans le cadre du Programme d'aide aux immobilisations. "
    "Le projet, d'un coût total de 400 000 $, sera réalisé d'ici le 31 mars 2022.\n\n"
    "Le Carrefour culturel des Bois-Francs recevra 25 000 $ du ministère de la Culture et des Communications.\n\n-30-"
)


def _values(doc: Doc) -> dict[str, list]:
    return {g: [(s.start_char, s.end_char, s.label_, s._.get(a)) for s in doc.spans[g]]
            for g, a in SPAN_VALUES.items()}


def _doc_attrs(doc: Doc) -> tuple:
    return (doc._.published, doc._.published_iso, doc._.published_source, tuple(doc._.records),
            tuple(tuple(s) for s in doc._.sentences), doc._.default_currency)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return annonces.load(fast=True)


@pytest.fixture(scope="module")
def doc(nlp: spacy.language.Language) -> Doc:
    d = run(RELEASE, nlp=nlp, published=dt.date(2021, 5, 4))
    assert all(d.spans[g] for g in SPAN_VALUES), {g: len(d.spans[g]) for g in SPAN_VALUES}  # every group used
    assert d._.records
    return d


@pytest.mark.parametrize("group", list(SPAN_VALUES))
def test_to_bytes_keeps_every_span_value(doc: Doc, nlp: spacy.language.Language, group: str) -> None:
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _values(back)[group] == _values(doc)[group]
    assert all(v is not None for *_x, v in _values(back)[group])


def test_to_bytes_keeps_doc_attributes(doc: Doc, nlp: spacy.language.Language) -> None:
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _doc_attrs(back) == _doc_attrs(doc)
    assert isinstance(back._.published, dt.date) and isinstance(back._.records[0].amount, type(doc._.records[0].amount))
    assert annonces.from_doc(back) == annonces.from_doc(doc)


@pytest.mark.parametrize("group", list(SPAN_VALUES))
def test_docbin_with_user_data_keeps_every_span_value(doc: Doc, nlp: spacy.language.Language, group: str) -> None:
    db = DocBin(store_user_data=True)
    db.add(doc)
    back = next(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    assert _values(back)[group] == _values(doc)[group]
    assert tuple(back._.records) == tuple(doc._.records)


@pytest.mark.parametrize("group", list(SPAN_VALUES))
def test_docbin_without_user_data_rebuilds_values(doc: Doc, nlp: spacy.language.Language, group: str) -> None:
    """The values are not in the file: they are rebuilt from the text, not silently None."""
    db = DocBin()
    db.add(doc)
    back = next(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    assert _values(back)[group] == _values(doc)[group]


def test_docbin_without_user_data_rebuilds_records(doc: Doc, nlp: spacy.language.Language) -> None:
    db = DocBin()
    db.add(doc)
    back = next(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    assert [(r.recipient, r.amount) for r in back._.records] == [(r.recipient, r.amount) for r in doc._.records]


def test_a_blank_doc_gets_no_values(nlp: spacy.language.Language) -> None:
    plain = spacy.blank("fr")("Une aide de 2 M$.")
    assert plain[0:4]._.amount is None and plain._.records == ()


@pytest.mark.slow
def test_n_process_2_gives_the_same_values_and_records_over_the_corpus() -> None:
    nlp = annonces.load()
    texts = [d.text for d in iter_documents(CORPUS) if d.text]
    assert len(texts) >= 10
    one = list(nlp.pipe(texts, n_process=1))
    two = list(nlp.pipe(texts, n_process=2, batch_size=4))
    assert [_values(d) for d in two] == [_values(d) for d in one]
    assert [tuple(d._.records) for d in two] == [tuple(d._.records) for d in one]
    assert sum(len(d._.records) for d in two) > 10


def test_analyze_pipes_reports_the_missing_components() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("annonces_records")
    problems = nlp.analyze_pipes(pretty=False)["problems"]["annonces_records"]
    assert {"span._.amount", "span._.organization", "span._.segment", "doc._.sentences"} <= set(problems)


def test_the_whole_pipeline_has_no_problem() -> None:
    assert not any(annonces.load(fast=True).analyze_pipes(pretty=False)["problems"].values())


def test_records_alone_raise_a_clear_error_at_first_call() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("annonces_records")
    with pytest.raises(MissingGroupError, match=r'annonces_records needs doc.spans\["sections"\].*annonces_amounts'):
        nlp("Une aide de 2 M$ à la Ville de Gaspé.")


def test_organizations_after_amounts_only_name_what_is_missing() -> None:
    nlp = spacy.blank("fr")
    for name in ("annonces_segmenter", "annonces_amounts", "annonces_organizations"):
        nlp.add_pipe(name)
    with pytest.raises(MissingGroupError) as e:
        nlp("Une aide de 2 M$ à la Ville de Gaspé.")
    assert "annonces_regions" in str(e.value) and "annonces_amounts" not in str(e.value)
