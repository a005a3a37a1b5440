"""Converters: round trips through DocBin, Prodigy, Doccano and Label Studio; misaligned
spans reported; edits made in the tools; document-level gold -> span-level gold.

Texts are written for these tests in the style of real releases (not copied from a corpus);
spans use the inline markup of ``test_annotation_format.marked``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.tokens import DocBin

from annonces.annotation.convert import (MISALIGNED_KEY, SPAN_KEY, Misaligned, from_docbin,
                                         from_doccano, from_label_studio, from_prodigy,
                                         to_docbin, to_doccano, to_label_studio, to_prodigy)
from annonces.annotation.gold import convert_gold_folder, gold_to_annotation
from annonces.annotation.format import Annotation, RecordAnnotation, Span, read_annotations, validate
from annonces.readers import read_document
from test_annotation_format import QUEBEC_FULL, marked

ROOT = Path(__file__).resolve().parents[1]
NLP = spacy.blank("fr")


def with_(a: Annotation, *, records: list[RecordAnnotation] = (), meta: dict[str, Any] | None = None,
          status: str = "gold", kb: dict[str, str] | None = None) -> Annotation:
    spans = [Span(s.id, s.start, s.end, s.label, s.value, (kb or {}).get(s.id)) for s in a.spans]
    return Annotation(a.id, a.text, spans, records, meta or {}, status)


FRANCE_NESTED = with_(marked(
    "RENNES, le <ent label=DATE value=2021-10-14>14 octobre 2021</ent> – Le <ent label=ORG value=Conseil régional "
    "de Bretagne>Conseil régional de <ent label=REGION value=Bretagne>Bretagne</ent></ent> attribue "
    "<ent label=AMOUNT value=1200000>1,2 million d’euros</ent> au titre de la <ent label=PROGRAM value=Dotation de "
    "soutien à l’investissement local>DSIL</ent>.", "fr-bretagne"),
    records=[RecordAnnotation("r1", recipient="s2", amount="s4", program="s5", region="s3")],
    meta={"jurisdiction": "FR", "source": "corpus/fr.txt"}, kb={"s5": "fr-program-dsil", "s3": "FR-53"})
MISALIGNED = with_(marked(
    "<ent label=ORG value=Victoriaville>Victoria</ent>ville obtient <ent label=AMOUNT value=2000000>2 M$</ent> pour son port. "
    "Le Fonds <ent label=PROGRAM value=Fonds régions et ruralité>régions et ruralité</ent> paie.", "qc-misaligned"),
    records=[RecordAnnotation("r1", recipient="s1", amount="s2", program="s3", kind="loan")], status="corrected")
EMOJI = with_(marked(
    "🎉 Bonne nouvelle 🇨🇦 : <ent label=MINISTER value=Marie-Claude Bibeau>Marie-Claude Bibeau</ent> annonce "
    "<ent label=AMOUNT value=98500>98 500 $</ent> à <ent label=ORG value=Partage Magog>Partage Magog</ent>.",
    "ca-emoji"), records=[RecordAnnotation("r1", recipient="s3", amount="s2", ministers=("s1",), date="2023-02-24")])
NO_SPANS = Annotation("vide", "Aucun montant n'est annoncé aujourd'hui.", (), (), {}, "pre")

EXAMPLES = [pytest.param(QUEBEC_FULL, id="quebec-record-total-cost"), pytest.param(FRANCE_NESTED, id="france-nested-kb"),
            pytest.param(MISALIGNED, id="misaligned-loan"), pytest.param(EMOJI, id="astral-characters"),
            pytest.param(NO_SPANS, id="no-spans")]


def docbin_trip(items: list[Annotation]) -> list[Annotation]:
    db, _bad = to_docbin(items, NLP)
    return from_docbin(DocBin().from_bytes(db.to_bytes()), NLP)


def json_trip(data: Any) -> Any:
    return json.loads(json.dumps(data, ensure_ascii=False))


TRIPS: list[Any] = [
    pytest.param(docbin_trip, id="docbin"),
    pytest.param(lambda items: from_prodigy(json_trip(to_prodigy(items, NLP)[0])), id="prodigy"),
    pytest.param(lambda items: from_doccano(json_trip(to_doccano(items))), id="doccano"),
    pytest.param(lambda items: from_label_studio(json_trip(to_label_studio(items))), id="label-studio"),
]


@pytest.mark.parametrize("trip", TRIPS)
@pytest.mark.parametrize("annotation", EXAMPLES)
def test_round_trip_preserves_everything(trip: Callable[[list[Annotation]], list[Annotation]],
                                         annotation: Annotation) -> None:
    assert validate(annotation) == []
    assert trip([annotation]) == [annotation]


@pytest.mark.parametrize("trip", TRIPS)
def test_round_trip_of_several_documents_keeps_order(trip: Callable[[list[Annotation]], list[Annotation]]) -> None:
    items = [FRANCE_NESTED, NO_SPANS, QUEBEC_FULL]
    assert [a.id for a in trip(items)] == ["fr-bretagne", "vide", "doc"]


# ---------------------------------------------------------------- misaligned spans

MISALIGNED_CASES = [
    pytest.param("<ent label=ORG>Victoria</ent>ville obtient 2 M$ ce matin.", "end 8 inside token 'Victoriaville' (0-13)",
                 id="end-inside-word"),
    pytest.param("La ville de Gaspé-<ent label=ORG>Nord</ent>ique reçoit une aide.", "end 22 inside token 'Nordique' (18-26)",
                 id="suffix-of-word"),
    pytest.param("Une aide de 2 <ent label=AMOUNT>M$</ent>. Fin.", "end 16 inside token 'M$.' (14-17)",
                 id="currency-glued-to-period"),
    pytest.param("Le projet re<ent label=ORG>çoit 5</ent> 000 $.", "start 12 inside token 'reçoit' (10-16)",
                 id="start-inside-word"),
]


@pytest.mark.parametrize("source, reason", MISALIGNED_CASES)
def test_misaligned_spans_are_reported_by_docbin_and_prodigy(source: str, reason: str) -> None:
    a = marked(source)
    s = a.spans[0]
    expected = [Misaligned("doc", "s1", s.start, s.end, a.span_text(s), reason)]
    db, bad = to_docbin([a], NLP)
    tasks, bad_prodigy = to_prodigy([a], NLP)
    assert bad == expected and bad_prodigy == expected
    [doc] = db.get_docs(NLP.vocab)
    assert list(doc.spans[SPAN_KEY]) == [] and len(doc.spans[MISALIGNED_KEY]) == 1
    loose = doc.spans[MISALIGNED_KEY][0]
    assert loose.start_char <= s.start and s.end <= loose.end_char  # expanded, nothing lost
    assert tasks[0]["spans"][0]["start"] == s.start and tasks[0]["spans"][0]["end"] == s.end


def test_whitespace_edge_is_reported() -> None:
    a = Annotation("d", "Une aide de 5 000 $ pour le club.", [Span("s1", 11, 19, "AMOUNT", 5000)])
    _db, bad = to_docbin([a], NLP)
    assert [b.reason for b in bad] == ["boundary on whitespace"]


def test_aligned_spans_report_nothing() -> None:
    for example in (QUEBEC_FULL, FRANCE_NESTED, EMOJI):
        assert to_docbin([example], NLP)[1] == []


def test_docbin_groups_ents_and_ids() -> None:
    db, _ = to_docbin([FRANCE_NESTED], NLP)
    [doc] = db.get_docs(NLP.vocab)
    assert [(s.text, s.label_, s.id_, s.kb_id_) for s in doc.spans[SPAN_KEY]] == [
        ("14 octobre 2021", "DATE", "s1", ""), ("Conseil régional de Bretagne", "ORG", "s2", ""),
        ("Bretagne", "REGION", "s3", "FR-53"), ("1,2 million d’euros", "AMOUNT", "s4", ""),
        ("DSIL", "PROGRAM", "s5", "fr-program-dsil")]
    # doc.ents: overlapping spans, the longest is kept
    assert [e.text for e in doc.ents] == ["14 octobre 2021", "Conseil régional de Bretagne", "1,2 million d’euros",
                                          "DSIL"]


@pytest.mark.parametrize("ents, expected", [
    pytest.param(False, [], id="no-ents"),
    pytest.param({"ORG", "PROGRAM"}, ["Conseil régional de Bretagne", "DSIL"], id="some-labels"),
    pytest.param({"REGION"}, ["Bretagne"], id="nested-label-alone"),
])
def test_docbin_ents_labels(ents: Any, expected: list[str]) -> None:
    db, _ = to_docbin([FRANCE_NESTED], NLP, ents=ents)
    [doc] = db.get_docs(NLP.vocab)
    assert [e.text for e in doc.ents] == expected


def test_prodigy_tokens_and_token_indices() -> None:
    tasks, _ = to_prodigy([MISALIGNED], NLP)
    task = tasks[0]
    assert task["tokens"][0] == {"text": "Victoriaville", "start": 0, "end": 13, "id": 0, "ws": True}
    amount = task["spans"][1]
    assert (amount["token_start"], amount["token_end"]) == (2, 3)
    assert task["tokens"][2]["text"] == "2" and task["tokens"][3]["text"] == "M$"
    assert task["meta"] == {"id": "qc-misaligned"}


def test_label_studio_offsets_are_utf16() -> None:
    [task] = to_label_studio([EMOJI])
    value = task["annotations"][0]["result"][0]["value"]
    s = EMOJI.spans[0]
    assert value["text"] == "Marie-Claude Bibeau"
    assert value["start"] == len(EMOJI.text[:s.start].encode("utf-16-le")) // 2 == s.start + 3
    assert task["annotations"][0]["result"][0]["meta"] == {"value": "Marie-Claude Bibeau", "kb_id": None}


# ---------------------------------------------------------------- data edited in the tools


def test_doccano_items_from_elsewhere() -> None:
    items = [{"id": 41, "text": "Aide de 5 000 $ à Partage Magog.", "label": [[8, 15, "AMOUNT"], [18, 31, "ORG"]]},
             {"text": "Rien.", "entities": [{"id": 3, "start_offset": 0, "end_offset": 4, "label": "ORG"}]}]
    a, b = from_doccano(items)
    # an AMOUNT imported without a value gets the one the pipeline gives it
    assert (a.id, a.status, b.id) == ("41", "corrected", "doccano-2")
    assert [(s.id, a.span_text(s), s.label, s.value) for s in a.spans] == [
        ("s1", "5 000 $", "AMOUNT", Decimal("5000")), ("s2", "Partage Magog", "ORG", None)]
    assert [(s.id, b.span_text(s)) for s in b.spans] == [("s1", "Rien")]


def test_deleting_a_span_in_doccano_drops_its_record_with_a_warning() -> None:
    [item] = to_doccano([QUEBEC_FULL])
    item["labels"] = [t for t in item["labels"] if t[2] != "AMOUNT" or t[0] != QUEBEC_FULL.spans[2].start]
    [a] = from_doccano([item])
    assert a.records == ()
    assert a.meta["warnings"] == ["record r1 dropped: its recipient or amount span was deleted"]
    assert validate(a) == []


def test_deleting_an_optional_reference_keeps_the_record() -> None:
    [item] = to_doccano([QUEBEC_FULL])
    item["labels"] = [t for t in item["labels"] if t[2] != "PROGRAM"]
    [a] = from_doccano([item])
    assert a.records[0].program is None and a.records[0].amount == "s3"
    assert a.meta["warnings"] == ["record r1: references to deleted spans ['s5'] removed"]


def test_moved_boundary_keeps_value_and_record() -> None:
    [item] = to_doccano([QUEBEC_FULL])
    org = QUEBEC_FULL.spans[3]
    item["labels"] = [[org.start - 3, org.end, "ORG"] if t[0] == org.start else t for t in item["labels"]]
    [a] = from_doccano([item])
    moved = a.span("s4")
    assert moved is not None and a.span_text(moved) == "au Théâtre du Granit" and moved.value == "Théâtre du Granit"
    assert a.records == QUEBEC_FULL.records


def test_label_studio_new_region_and_relabel() -> None:
    [task] = to_label_studio([FRANCE_NESTED])
    result = task["annotations"][0]["result"]
    result.append({"id": "xY7", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": 0, "end": 6, "text": "RENNES", "labels": ["REGION"]}})
    [a] = from_label_studio([task])
    assert a.span("xY7") is not None and a.span("xY7").label == "REGION" and a.span("xY7").value is None
    assert a.spans[:5] == FRANCE_NESTED.spans


def test_label_studio_skips_cancelled_and_falls_back_to_predictions() -> None:
    [task] = to_label_studio([QUEBEC_FULL])
    pred = {"result": task["annotations"][0]["result"][:2]}
    cancelled = {"was_cancelled": True, "result": []}
    [a] = from_label_studio([{"data": task["data"], "annotations": [cancelled], "predictions": [pred]}])
    assert [s.id for s in a.spans] == ["s1", "s2"]


def test_prodigy_rejected_and_ignored_tasks_are_skipped() -> None:
    tasks, _ = to_prodigy([QUEBEC_FULL, FRANCE_NESTED, NO_SPANS], NLP)
    tasks[0]["answer"], tasks[1]["answer"], tasks[2]["answer"] = "reject", "accept", "ignore"
    assert [a.id for a in from_prodigy(tasks)] == ["fr-bretagne"]


def test_docbin_from_plain_spacy_docs() -> None:
    doc = NLP.make_doc("Aide de 5 000 $ à Partage Magog.")
    doc.ents = [doc.char_span(18, 31, label="ORG")]
    db = DocBin(docs=[doc])
    [a] = from_docbin(db, NLP)
    assert (a.id, a.status, [(s.id, a.span_text(s), s.label) for s in a.spans]) == (
        "doc-1", "corrected", [("s1", "Partage Magog", "ORG")])


# ---------------------------------------------------------------- document-level gold -> spans


def gold(text: str, published: str | None = None, **lists: Any) -> dict[str, Any]:
    keys = ("ministers", "organizations", "amounts", "programs", "regions", "dates", "records")
    return {"id": "g", "jurisdiction": "QC", "published": published, "text": text,
            "gold": {k: lists.pop(k, []) for k in keys}, **lists}


def spans_of(a: Annotation) -> list[tuple[str, str, Any]]:
    return [(s.label, a.span_text(s), s.value) for s in a.spans]


def test_gold_every_occurrence_whole_words_only() -> None:
    text = ("La Coop de Rivière-du-Loup et la Coop de Rivière-du-Loup-Est : la Coop de Rivière-du-Loup "
            "reçoit 75 000 $, puis 75 000 $ en 2024.")
    a, unlocated = gold_to_annotation(gold(text, organizations=["Coop de Rivière-du-Loup"], amounts=[75000]))
    assert [x[1] for x in spans_of(a)] == ["Coop de Rivière-du-Loup", "Coop de Rivière-du-Loup", "75 000 $",
                                           "75 000 $"]
    assert unlocated == [] and a.status == "gold"


def test_gold_name_nested_in_longer_gold_name_is_not_a_span() -> None:
    text = "Le Festival Fleuve-Lumière et la Compagnie de danse Fleuve-Lumière reçoivent de l'aide."
    a, _ = gold_to_annotation(gold(text, organizations=["Fleuve-Lumière", "Compagnie de danse Fleuve-Lumière"]))
    assert [x[1] for x in spans_of(a)] == ["Fleuve-Lumière", "Compagnie de danse Fleuve-Lumière"]
    assert a.spans[0].start == text.index("Fleuve-Lumière")


def test_gold_amounts_only_listed_values_and_their_written_form() -> None:
    text = "Québec accorde près de 1,5 M$ au projet; 48 emplois; la Ville ajoute 250 000 $ et 10 000 $."
    a, unlocated = gold_to_annotation(gold(text, amounts=[1500000, 250000, 3000]))
    assert spans_of(a) == [("AMOUNT", "1,5 M$", 1500000), ("AMOUNT", "250 000 $", 250000)]
    assert unlocated == ["AMOUNT 3000"]


@pytest.mark.parametrize("text, dates, expected", [
    pytest.param("QUÉBEC, le 12 mars 2022 – Annonce.", ["2022-03-12"], [("12 mars 2022", "2022-03-12")],
                 id="dateline"),
    pytest.param("Inscriptions du 15 février au 31 mars 2023.", ["2023-02-15", "2023-03-31"],
                 [("15 février", "2023-02-15"), ("31 mars 2023", "2023-03-31")], id="range-split-in-two"),
    pytest.param("Les projets sont reçus jusqu'au 31 mai 2023.", ["2023-05-31"], [("31 mai 2023", "2023-05-31")],
                 id="deadline-cue-left-out"),
    pytest.param("À réaliser au plus tard le 30 novembre 2022.", ["2022-11-30"],
                 [("30 novembre 2022", "2022-11-30")], id="au-plus-tard-left-out"),
    pytest.param("Le 4 mai 2021 et le 5 mai 2021.", ["2021-05-05"], [("5 mai 2021", "2021-05-05")],
                 id="only-listed-dates"),
])
def test_gold_dates(text: str, dates: list[str], expected: list[tuple[str, str]]) -> None:
    a, unlocated = gold_to_annotation(gold(text, "2023-01-10", dates=dates))
    assert [(x[1], x[2]) for x in spans_of(a)] == expected and unlocated == []


def test_gold_record_points_at_nearest_occurrences_and_loan_from_roles() -> None:
    text = ("Prêt de 2 M$ à Technoplast inc.\n\n"
            "MONTMAGNY, le 3 juin 2021 – Le ministre Pierre Fitzgibbon annonce un prêt de 2 M$ à Technoplast inc. "
            "pour un projet de 5,4 M$ en Chaudière-Appalaches, dans le cadre du programme ESSOR. "
            "Technoplast inc. emploie 40 personnes. Pierre Fitzgibbon s'en réjouit.")
    g = gold(text, "2021-06-03", ministers=["Pierre Fitzgibbon"], organizations=["Technoplast inc."],
             amounts=[2000000, 5400000], programs=["ESSOR"], regions=["Chaudière-Appalaches"], dates=["2021-06-03"],
             records=[{"recipient": "Technoplast inc.", "amount": 2000000, "total_cost": 5400000, "program": "ESSOR",
                       "region": "Chaudière-Appalaches", "date": "2021-06-03", "ministers": ["Pierre Fitzgibbon"]}],
             amount_roles=[{"text": "2 M$", "value": 2000000, "role": "loan"},
                           {"text": "2 M$", "value": 2000000, "role": "loan"},
                           {"text": "5,4 M$", "value": 5400000, "role": "total_cost"}])
    a, unlocated = gold_to_annotation(g, source="corpus/x.txt")
    assert unlocated == [] and validate(a) == []
    [r] = a.records
    body = text.index("MONTMAGNY")
    recipient, amount = a.span(r.recipient), a.span(r.amount)
    assert recipient is not None and amount is not None
    assert recipient.start > body and amount.start > body  # the lead, not the title
    assert amount.end < recipient.start < amount.end + 5
    assert r.kind == "loan" and r.date == "2021-06-03"
    assert [a.span_text(a.span(x)) for x in (r.total_cost, r.program, r.region)] == [
        "5,4 M$", "ESSOR", "Chaudière-Appalaches"]
    assert [a.span(m).start for m in r.ministers] == [text.index("Pierre Fitzgibbon")]
    assert a.meta == {"jurisdiction": "QC", "published": "2021-06-03", "source": "corpus/x.txt"}


def test_gold_unlocated_values_are_listed() -> None:
    text = "La Ville de Gaspé reçoit 150 000 $."
    g = gold(text, organizations=["Ville de Gaspé"], regions=["Gaspésie–Îles-de-la-Madeleine"], amounts=[150000],
             records=[{"recipient": "Ville de Gaspé", "amount": 150000, "region": "Gaspésie–Îles-de-la-Madeleine"},
                      {"recipient": "Club de Gaspé", "amount": 150000}])
    a, unlocated = gold_to_annotation(g)
    assert unlocated == ["REGION 'Gaspésie–Îles-de-la-Madeleine'",
                         "record ('Ville de Gaspé', 150000): region 'Gaspésie–Îles-de-la-Madeleine'",
                         "record ('Club de Gaspé', 150000): no recipient span"]
    assert a.meta["unlocated"] == unlocated and len(a.records) == 1 and a.records[0].region is None


def test_gold_recipient_missing_from_organizations_is_searched() -> None:
    text = "Une aide de 20 000 $ au Club de soccer de Lévis."
    a, unlocated = gold_to_annotation(gold(text, amounts=[20000], records=[
        {"recipient": "Club de soccer de Lévis", "amount": 20000}]))
    assert unlocated == [] and a.span_text(a.span(a.records[0].recipient)) == "Club de soccer de Lévis"


def test_convert_gold_folder_uses_reader_text(tmp_path: Path) -> None:
    corpus, golds = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    golds.mkdir()
    (corpus / "page.html").write_text("<html><nav>Menu</nav><main><p>Aide de 12&nbsp;000&nbsp;$ à "
                                      "Partage Magog.</p></main></html>", encoding="utf-8")
    visible = "Menu\nAide de 12\u00a0000\u00a0$ à Partage Magog."
    (golds / "page.json").write_text(json.dumps(gold(visible, amounts=[12000], organizations=["Partage Magog"],
                                                     records=[{"recipient": "Partage Magog", "amount": 12000}])
                                                | {"id": "page"}), encoding="utf-8")
    (golds / "absent.json").write_text(json.dumps(gold("x") | {"id": "absent"}), encoding="utf-8")
    report = convert_gold_folder(golds, corpus, tmp_path / "spans")
    assert report == {"absent": ["no corpus file"], "page": []}
    [a] = read_annotations(tmp_path / "spans")
    assert a.text == "Aide de 12\u00a0000\u00a0$ à Partage Magog."
    assert spans_of(a)[0] == ("AMOUNT", "12\u00a0000\u00a0$", 12000) and a.meta["source"] == "corpus/page.html"


# ---------------------------------------------------------------- the shipped span-level gold

DOC_GOLD = sorted((ROOT / "annotations").glob("*.json"))


@pytest.mark.parametrize("path", DOC_GOLD, ids=lambda p: p.stem)
def test_span_gold_agrees_with_document_gold(path: Path) -> None:
    doc_gold = json.loads(path.read_text(encoding="utf-8"))
    [a] = read_annotations(ROOT / "annotations" / "spans" / path.name)
    [source] = [p for p in (ROOT / "corpus").glob(f"{path.stem}.*")]
    assert a.text == read_document(source).text
    g = doc_gold["gold"]
    values = {label: {str(s.value) for s in a.spans if s.label == label} for label in
              ("MINISTER", "ORG", "PROGRAM", "REGION", "DATE")}
    assert values["MINISTER"] == set(g["ministers"]) and values["ORG"] >= set(g["organizations"])
    assert values["PROGRAM"] == set(g["programs"]) and values["REGION"] == set(g["regions"])
    assert values["DATE"] == set(g["dates"])
    assert {s.value for s in a.spans if s.label == "AMOUNT"} == {Decimal(str(v)) for v in g["amounts"]}
    assert len(a.records) == len(g["records"])
    assert "unlocated" not in a.meta

