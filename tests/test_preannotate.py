"""``annonces.annotate.preannotate`` and batch lines -> annotations (fast pipeline only).

Texts are written for these tests in the style of real releases (not copied from a corpus).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from annonces import extract
from annonces.annotate import annotation_from_batch_line, preannotate
from annonces.annotation.format import validate
from annonces.batch import process_document
from annonces.readers import Document

ROOT = Path(__file__).resolve().parents[1]
RIMOUSKI = ("RIMOUSKI, le 9 mai 2022 – La ministre Isabelle Charest annonce une aide financière de 480 000 $ "
            "à la Ville de Rimouski pour son centre de plein air, dans le cadre du Programme d'aide financière aux "
            "infrastructures récréatives et sportives.")
GASPE = "QUÉBEC, le 4 mai 2021 – Une aide de 150 000 $ est accordée à la Ville de Gaspé."
LABELS = {"ministers": "MINISTER", "organizations": "ORG", "amounts": "AMOUNT", "programs": "PROGRAM",
          "regions": "REGION", "dates": "DATE"}


def entity_spans(text: str) -> set[tuple[int, int, str]]:
    x = extract(text, fast=True)
    return {(e.start, e.end, LABELS[k]) for k, items in x.entities.items() for e in items}


def test_texts_become_pre_annotations_of_every_entity() -> None:
    a, b = preannotate([RIMOUSKI, GASPE], fast=True)
    assert a.status == "pre" and a.id.startswith("text-") and a.id != b.id
    assert a.text == RIMOUSKI and validate(a) == []
    assert {(s.start, s.end, s.label) for s in a.spans} == entity_spans(RIMOUSKI)
    assert [s.id for s in a.spans] == [f"s{i}" for i in range(1, len(a.spans) + 1)]
    assert [s.start for s in a.spans] == sorted(s.start for s in a.spans)
    assert a.meta["published"] == "2022-05-09"


def test_region_inferred_from_a_town_has_no_span_and_is_warned() -> None:
    [a] = preannotate(RIMOUSKI, fast=True)
    assert a.records[0].region is None
    assert a.meta["warnings"] == ["record r1 ('Ville de Rimouski', 480000): no REGION span for its region "
                                  "'Bas-Saint-Laurent'"]


def test_values_are_canonical_amount_and_iso_date() -> None:
    [a] = preannotate(RIMOUSKI, fast=True)
    values = {a.span_text(s): s.value for s in a.spans}
    assert values["480 000 $"] == Decimal("480000")
    assert values["9 mai 2022"] == "2022-05-09"
    assert values["Isabelle Charest"] == "Isabelle Charest"


def test_record_points_at_its_spans() -> None:
    [a] = preannotate(RIMOUSKI, fast=True)
    [r] = a.records
    assert r.id == "r1" and r.kind == "grant" and r.date == "2022-05-09"
    assert a.span_text(a.span(r.recipient)) == "Ville de Rimouski"
    assert a.span_text(a.span(r.amount)) == "480 000 $"
    assert [a.span_text(a.span(m)) for m in r.ministers] == ["Isabelle Charest"]


def test_same_text_same_id() -> None:
    assert preannotate(GASPE, fast=True)[0].id == preannotate([GASPE], fast=True)[0].id


def test_paths_are_read_with_the_reader(tmp_path: Path) -> None:
    f = tmp_path / "qc-gaspe.txt"
    f.write_bytes(GASPE.replace("\n", "\r\n").encode("cp1252"))
    by_path, by_string = preannotate([f, str(f)], fast=True)
    assert by_path.id == "qc-gaspe" and by_path.text == GASPE
    assert by_path.meta["source"] == str(f)
    assert by_string.spans == by_path.spans


def test_string_that_is_not_a_file_is_a_text() -> None:
    [a] = preannotate("corpus/absent.txt", fast=True)
    assert a.text == "corpus/absent.txt" and a.spans == ()


def test_unreadable_file_raises(tmp_path: Path) -> None:
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ValueError, match="binary file"):
        preannotate([f], fast=True)


def test_batch_line_gives_the_same_annotation() -> None:
    line = process_document(Document(doc_id="qc-rimouski", path="qc-rimouski.txt", text=RIMOUSKI), fast=True)
    from_line = annotation_from_batch_line(line, text=RIMOUSKI)
    [direct] = preannotate(RIMOUSKI, fast=True)
    assert from_line.id == "qc-rimouski" and from_line.meta["source"] == "qc-rimouski.txt"
    assert (from_line.spans, from_line.records) == (direct.spans, direct.records)


def test_batch_line_without_text_is_an_error() -> None:
    with pytest.raises(ValueError, match="has no text"):
        annotation_from_batch_line({"doc_id": "x", "entities": {}, "records": []})


def line(text: str, record: dict[str, Any], **entities: list[tuple[str, Any]]) -> dict[str, Any]:
    """A batch line with entities given as ``(text as written, value)`` pairs."""
    ents: dict[str, list[dict[str, Any]]] = {}
    for kind, items in entities.items():
        for written, value in items:
            start = text.index(written)
            e = {"text": written, "start": start, "end": start + len(written)}
            e.update({"value": value} if kind in ("amounts", "dates") else {"canonical": value})
            ents.setdefault(kind, []).append(e)
    record = {"evidence": {"start": 0, "end": len(text), "text": text}, "ministers": [], **record}
    return {"doc_id": "d", "published": None, "entities": ents, "records": [record]}


TEXT = "Le Club nautique de Matane reçoit 35 000 $ du Fonds régions et ruralité, et 12 000 $ de la Ville."


def test_recipient_without_entity_gets_a_span_from_the_text() -> None:
    a = annotation_from_batch_line(line(TEXT, {"recipient": "Club nautique de Matane", "amount": 35000},
                                        amounts=[("35 000 $", 35000)]), text=TEXT)
    r = a.records[0]
    assert a.span_text(a.span(r.recipient)) == "Club nautique de Matane"
    assert a.span(r.recipient).label == "ORG" and validate(a) == []


def test_unlinked_record_values_are_warnings() -> None:
    obj = line(TEXT, {"recipient": "Club nautique de Matane", "amount": 35000, "program": "Fonds régions et ruralité",
                      "region": "Bas-Saint-Laurent", "total_cost": 90000, "ministers": ["Maïté Blanchette Vézina"]},
               amounts=[("35 000 $", 35000)], organizations=[("Club nautique de Matane", "Club nautique de Matane")],
               programs=[("Fonds régions et ruralité", "Fonds régions et ruralité")])
    a = annotation_from_batch_line(obj, text=TEXT)
    r = a.records[0]
    assert (r.region, r.total_cost, r.ministers) == (None, None, ())
    assert a.span_text(a.span(r.program)) == "Fonds régions et ruralité"
    assert a.meta["warnings"] == [
        "record r1 ('Club nautique de Matane', 35000): no AMOUNT span for its total_cost Decimal('90000')",
        "record r1 ('Club nautique de Matane', 35000): no REGION span for its region 'Bas-Saint-Laurent'",
        "record r1 ('Club nautique de Matane', 35000): no MINISTER span for 'Maïté Blanchette Vézina'"]


def test_record_without_amount_span_is_left_out_with_a_warning() -> None:
    a = annotation_from_batch_line(line(TEXT, {"recipient": "Club nautique de Matane", "amount": 50000},
                                        amounts=[("35 000 $", 35000)]), text=TEXT)
    assert a.records == ()
    assert a.meta["warnings"] == ["record r1 ('Club nautique de Matane', 50000): no span for its amount; "
                                  "record left out"]


def test_amount_nearest_the_evidence_is_chosen() -> None:
    text = "Total : 12 000 $.\nLa Ville de Matane verse 12 000 $ au Club nautique de Matane."
    obj = line(text, {"recipient": "Club nautique de Matane", "amount": 12000}, amounts=[("12 000 $", 12000)])
    second = text.index("12 000 $", 10)
    obj["entities"]["amounts"].append({"text": "12 000 $", "start": second, "end": second + 8, "value": 12000})
    obj["records"][0]["evidence"] = {"start": 18, "end": len(text), "text": text[18:]}
    a = annotation_from_batch_line(obj, text=text)
    assert a.span(a.records[0].amount).start == second


def test_offsets_that_do_not_fit_the_text_are_warned() -> None:
    obj = line(TEXT, {"recipient": "Club nautique de Matane", "amount": 35000}, amounts=[("35 000 $", 35000)])
    a = annotation_from_batch_line(obj, text="Xx" + TEXT)
    assert a.meta["warnings"][0].startswith("AMOUNT '35 000 $' at 34-42: the text there is")


@pytest.mark.parametrize("name", ["qc-03-mei-beauce-pret-iq.txt", "html-12-aac-fial-estrie.html",
                                  "cp1252-11-plein-air-lac-a-l-oeil.txt"])
def test_corpus_releases_give_valid_annotations(name: str) -> None:
    [a] = preannotate([ROOT / "corpus" / name], fast=True)
    assert validate(a) == [] and a.spans and a.id == Path(name).stem
