"""Importers report what does not align, read Label Studio's JSON-MIN, give imported spans
the pipeline's values, and keep the tools' own metadata (Prodigy ``meta``, Doccano ``Comments``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import spacy

from annonces.annotation.convert import (from_doccano, from_label_studio, from_prodigy, to_docbin, to_doccano,
                                         to_prodigy)
from annonces.annotation.format import Annotation, Span, validate
from annonces.annotation.imports import misaligned

TEXT = "Aide de 2 M$ à Victoriaville, le 4 mai 2021, en Estrie."
#: "Victoria" ends inside the token "Victoriaville"
CUT = Annotation("d", TEXT, [Span("s1", 8, 12, "AMOUNT", Decimal("2000000")), Span("s2", 15, 23, "ORG")])


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank("fr")


def _doccano_item() -> dict:
    return {"id": 7, "text": TEXT, "label": [[8, 12, "AMOUNT"], [15, 23, "ORG"]], "Comments": ["à revoir"]}


def _label_studio_full() -> dict:
    return {"id": 9, "data": {"text": TEXT}, "annotations": [{"result": [
        {"id": "a", "type": "labels", "value": {"start": 8, "end": 12, "text": "2 M$", "labels": ["AMOUNT"]}},
        {"id": "b", "type": "labels", "value": {"start": 15, "end": 23, "text": "Victoria", "labels": ["ORG"]}}]}]}


def _label_studio_min() -> dict:
    return {"id": 9, "text": TEXT, "annotator": 1, "lead_time": 3.2, "label": [
        {"start": 8, "end": 12, "text": "2 M$", "labels": ["AMOUNT"]},
        {"start": 15, "end": 23, "text": "Victoria", "labels": ["ORG"]}]}


IMPORTS = {
    "prodigy": lambda nlp: from_prodigy(to_prodigy([CUT], nlp)[0], nlp=nlp),
    "prodigy-elsewhere": lambda nlp: from_prodigy([{"text": TEXT, "spans": [
        {"start": 8, "end": 12, "label": "AMOUNT"}, {"start": 15, "end": 23, "label": "ORG"}], "meta": {"id": "d"}}]),
    "doccano": lambda nlp: from_doccano([_doccano_item()], nlp=nlp),
    "label-studio": lambda nlp: from_label_studio([_label_studio_full()], nlp=nlp),
    "label-studio-json-min": lambda nlp: from_label_studio([_label_studio_min()], nlp=nlp),
}


@pytest.mark.parametrize("tool", list(IMPORTS))
def test_import_reports_the_misaligned_spans_export_reports(nlp: spacy.language.Language, tool: str) -> None:
    got = IMPORTS[tool](nlp)
    _db, exported = to_docbin([CUT], nlp)
    assert len(got) == 1 and [(m.start, m.end, m.text, m.reason) for m in got.misaligned] == [
        (m.start, m.end, m.text, m.reason) for m in exported]
    assert [(s.start, s.end) for s in got[0].spans] == [(8, 12), (15, 23)]  # reported, not dropped


def test_misaligned_is_what_export_gives(nlp: spacy.language.Language) -> None:
    assert misaligned([CUT], nlp) == to_prodigy([CUT], nlp)[1] == to_docbin([CUT], nlp)[1]


def test_validate_reports_misaligned_spans_with_a_tokenizer(nlp: spacy.language.Language) -> None:
    assert validate(CUT) == []
    assert validate(CUT, nlp=nlp) == ["span s2: end 23 inside token 'Victoriaville' (15-28)"]


def test_label_studio_json_min_is_read(nlp: spacy.language.Language) -> None:
    (a,) = from_label_studio([_label_studio_min()], nlp=nlp)
    assert a.id == "9" and [(a.span_text(s), s.label) for s in a.spans] == [("2 M$", "AMOUNT"), ("Victoria", "ORG")]


@pytest.mark.parametrize(("written", "label", "value", "kb_id"), [
    ("2 M$", "AMOUNT", Decimal("2000000"), None),
    ("13,7 millions de dollars", "AMOUNT", Decimal("13700000"), None),
    ("4 mai 2021", "DATE", "2021-05-04", None),
    ("ce lundi 29 mars", "DATE", "2021-03-29", None),
    ("Estrie", "REGION", "Estrie", "qc-region-05"),
    ("la région de la Capitale-Nationale", "REGION", "Capitale-Nationale", "qc-region-03"),
], ids=["amount-short", "amount-words", "date", "relative-date", "region", "region-phrase"])
def test_imported_spans_get_normalized_values(written: str, label: str, value: object, kb_id: str | None) -> None:
    text = f"Annonce : {written}."
    start = text.index(written)
    item = {"text": text, "label": [[start, start + len(written), label]]}
    (a,) = from_doccano([{**item}])
    (b,) = from_label_studio([{"text": text, "label": [
        {"start": start, "end": start + len(written), "text": written, "labels": [label]}]}])
    published = {"published": "2021-03-31"}
    (c,) = from_prodigy([{"text": text, "spans": [{"start": start, "end": start + len(written), "label": label}],
                          "meta": published}])
    for got in (a, b, c) if label != "DATE" or "lundi" not in written else (c,):
        assert (got.spans[0].value, got.spans[0].kb_id) == (value, kb_id)


def test_a_value_given_by_the_tool_is_kept() -> None:
    (a,) = from_prodigy([{"text": "Aide de 2 M$.", "spans": [{"start": 8, "end": 12, "label": "AMOUNT", "value": 1}]}])
    assert a.spans[0].value == Decimal("1")


def test_prodigy_meta_survives_a_round_trip(nlp: spacy.language.Language) -> None:
    task = {"text": TEXT, "spans": [{"start": 8, "end": 12, "label": "AMOUNT"}],
            "meta": {"id": "d-1", "source": "fil RSS du MCC", "score": 0.42}}
    (a,) = from_prodigy([task])
    assert a.id == "d-1" and a.meta == {"source": "fil RSS du MCC", "score": 0.42}
    again = to_prodigy([a], nlp)[0][0]
    assert again["meta"] == task["meta"]
    assert from_prodigy([{k: v for k, v in again.items() if k != "annonces"}])[0].meta == a.meta


def test_doccano_comments_survive_a_round_trip() -> None:
    (a,) = from_doccano([_doccano_item()])
    assert a.meta["comments"] == ["à revoir"]
    out = to_doccano([a])[0]
    assert out["Comments"] == ["à revoir"]
    assert from_doccano([{k: v for k, v in out.items() if k != "annonces"}])[0].meta["comments"] == ["à revoir"]
