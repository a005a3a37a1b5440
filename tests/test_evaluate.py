"""``annonces.evaluate``: span scores (exact, overlap, values), record scores, error lists,
inputs (annotations, batch JSONL) and the ``evaluate`` command.

Texts are written for these tests (not copied from a corpus); spans use the inline
markup of ``test_annotation_format.marked``.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import annonces
from annonces.annotation.format import Annotation, RecordAnnotation, write_annotations
from annonces.evaluation import (Counts, EvaluationReport, add_evaluate_command, evaluate, same_name, same_value)
from test_annotation_format import marked


def doc(source: str, *records: RecordAnnotation, doc_id: str = "d") -> Annotation:
    a = marked(source, doc_id)
    return Annotation(a.id, a.text, a.spans, records, {}, "gold")


G_GASPE = "Une aide de <ent label=AMOUNT value=150000>150 000 $</ent> à la <ent label=ORG value=Ville de Gaspé>" \
          "Ville de Gaspé</ent>."

SPAN_CASES = [
    pytest.param(G_GASPE, G_GASPE, "ORG", (1, 1, 1), 1, [], id="identical"),
    pytest.param(G_GASPE, "Une aide de <ent label=AMOUNT value=150000>150 000 $</ent> à <ent label=ORG value=Ville "
                          "de Gaspé>la Ville de Gaspé</ent>.", "ORG", (0, 1, 1), 1,
                 [("boundary", "ORG", "Ville de Gaspé")], id="boundary"),
    pytest.param(G_GASPE, "Une aide de <ent label=AMOUNT value=150000>150 000 $</ent> à la Ville de "
                          "<ent label=REGION value=Gaspé>Gaspé</ent>.", "ORG", (0, 1, 0), 0,
                 [("missed", "ORG", "Ville de Gaspé"), ("spurious", "REGION", "Gaspé")], id="missed-and-spurious"),
    pytest.param(G_GASPE, "Une aide de <ent label=AMOUNT value=150000>150 000 $</ent> à la <ent label=PROGRAM "
                          "value=Ville de Gaspé>Ville de Gaspé</ent>.", "ORG", (0, 1, 0), 0,
                 [("label", "ORG", "Ville de Gaspé")], id="wrong-label"),
    pytest.param(G_GASPE, "Une aide de <ent label=AMOUNT value=15000>150 000 $</ent> à la <ent label=ORG "
                          "value=Ville de Gaspé>Ville de Gaspé</ent>.", "AMOUNT", (1, 1, 1), 1,
                 [("value", "AMOUNT", "150 000 $")], id="wrong-amount-value"),
    pytest.param("Projets dans le <ent label=REGION value=Finistère>Finistère</ent> et le <ent label=REGION "
                 "value=Morbihan>Morbihan</ent>.",
                 "Projets dans le <ent label=REGION value=Finistère>Finistère et le Morbihan</ent>.", "REGION",
                 (0, 2, 1), 1, [("boundary", "REGION", "Finistère"), ("missed", "REGION", "Morbihan")],
                 id="overlap-is-one-to-one"),
    pytest.param("Le <ent label=ORG value=ministère de la Famille>ministère de la Famille</ent> paie.",
                 "Le <ent label=ORG value=Ministère de la Famille.>ministère de la Famille</ent> paie.", "ORG",
                 (1, 1, 1), 1, [], id="name-values-folded"),
    pytest.param("En <ent label=REGION value=Gaspésie–Îles-de-la-Madeleine>Gaspésie</ent>, un quai.",
                 "En <ent label=REGION value=Gaspésie>Gaspésie</ent>, un quai.", "REGION", (1, 1, 1), 1,
                 [("value", "REGION", "Gaspésie")], id="region-values-not-fuzzy"),
    pytest.param("Rien à signaler.", "Rien à signaler.", "DATE", (0, 0, 0), 0, [], id="nothing-either-side"),
]


@pytest.mark.parametrize("gold, pred, label, exact, overlap, errors", SPAN_CASES)
def test_span_scores_and_errors(gold: str, pred: str, label: str, exact: tuple[int, int, int], overlap: int,
                                errors: list[tuple[str, str, str]]) -> None:
    report = evaluate([doc(gold)], [doc(pred)])
    s = report.labels[label]
    assert (s.exact.tp, s.exact.gold, s.exact.pred) == exact
    assert (s.overlap.tp, s.overlap.gold, s.overlap.pred) == (overlap, exact[1], exact[2])
    assert [(e.kind, e.label, e.text) for e in report.documents[0].spans] == errors


def test_value_accuracy_only_on_exact_matches_with_gold_value() -> None:
    gold = doc("<ent label=AMOUNT value=2000000>2 M$</ent>, <ent label=AMOUNT value=500000>500 000 $</ent> et "
               "<ent label=AMOUNT>3 M$</ent>")
    pred = doc("<ent label=AMOUNT value=2000000>2 M$</ent>, <ent label=AMOUNT value=50000>500 000 $</ent> et "
               "<ent label=AMOUNT value=3000000>3 M$</ent>")
    s = evaluate([gold], [pred]).labels["AMOUNT"]
    assert (s.value_correct, s.value_total, s.value_accuracy) == (1, 2, 0.5)


def test_duplicate_predicted_spans_count_once() -> None:
    pred = doc(G_GASPE)
    pred = Annotation(pred.id, pred.text, (*pred.spans, pred.spans[0]))
    assert evaluate([doc(G_GASPE)], [pred]).labels["AMOUNT"].exact == Counts(1, 1, 1)


@pytest.mark.parametrize("counts, prf", [
    pytest.param(Counts(3, 4, 6), (0.5, 0.75, 0.6), id="usual"),
    pytest.param(Counts(0, 0, 0), (1.0, 1.0, 1.0), id="nothing-to-find-nothing-found"),
    pytest.param(Counts(0, 2, 0), (0.0, 0.0, 0.0), id="nothing-found"),
    pytest.param(Counts(0, 0, 3), (0.0, 0.0, 0.0), id="nothing-to-find"),
])
def test_counts(counts: Counts, prf: tuple[float, float, float]) -> None:
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx(prf)


@pytest.mark.parametrize("a, b, same", [
    pytest.param("Mme Andrée Laforest", "Andrée Laforest", True, id="title"),
    pytest.param("la Corporation de développement", "Corporation de développement", True, id="article"),
    pytest.param("Centre Mère–Enfant des Collines", "Centre Mère-Enfant des Collines", True, id="dash"),
    pytest.param("Coopérative de plein air", "Cooperative de plein air", True, id="accents"),
    pytest.param("Technoplast Sartigan inc.", "Technoplast Sartigan inc", True, id="fuzzy-period"),
    pytest.param("Ville de Gaspé", "Ville de Gatineau", False, id="other-town"),
])
def test_same_name(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


def test_same_value_by_label() -> None:
    assert same_value("AMOUNT", Decimal("98500"), Decimal("98500.0"))
    assert not same_value("AMOUNT", Decimal("98500"), "98500")
    assert not same_value("DATE", "2023-02", "2023-02-24")
    assert not same_value("ORG", None, "Partage Magog")


# ---------------------------------------------------------------- records

RECORD_TEXT = ("QUÉBEC, le <ent label=DATE value=2022-05-09>9 mai 2022</ent> – <ent label=MINISTER value=Isabelle "
               "Charest>Isabelle Charest</ent> accorde <ent label=AMOUNT value=1200000>1 200 000 $</ent> à la "
               "<ent label=ORG value=Coopérative de plein air du Lac-à-l’Œil>Coopérative de plein air</ent> "
               "(<ent label=REGION value=Bas-Saint-Laurent>Bas-Saint-Laurent</ent>) pour un projet de "
               "<ent label=AMOUNT value=2850000>2 850 000 $</ent> du <ent label=PROGRAM value=Programme de soutien "
               "aux installations sportives>Programme de soutien aux installations sportives</ent>. "
               "<ent label=ORG value=Club de voile>Club de voile</ent> : <ent label=AMOUNT>35 000 $</ent>.")
FULL = RecordAnnotation("r1", recipient="s4", amount="s3", total_cost="s6", program="s7", region="s5",
                        date="2022-05-09", ministers=("s2",))
CLUB = RecordAnnotation("r2", recipient="s8", amount="s9")


def test_records_match_on_canonical_name_and_amount_and_fields_are_judged() -> None:
    gold = doc(RECORD_TEXT, FULL, CLUB)
    pred = doc(RECORD_TEXT, RecordAnnotation("r1", recipient="s4", amount="s3", program="s7", region="s5",
                                             date="2022-05-10", ministers=("s2",)), CLUB)
    report = evaluate([gold], [pred])
    assert report.records == Counts(2, 2, 2)
    assert report.fields == {"program": (1, 1), "region": (1, 1), "date": (0, 1), "total_cost": (0, 1),
                             "ministers": (1, 1)}
    assert [e.line() for e in report.documents[0].records] == [
        "field    record 'Coopérative de plein air du Lac-à-l’Œil' 1200000: date expected '2022-05-09', found "
        "'2022-05-10'",
        "field    record 'Coopérative de plein air du Lac-à-l’Œil' 1200000: total_cost expected '2850000', found None"]


def test_record_amount_without_value_is_parsed_from_its_text() -> None:
    gold = doc(RECORD_TEXT, CLUB)
    assert evaluate([gold], [gold]).records == Counts(1, 1, 1)


def test_record_with_wrong_amount_is_missed_and_spurious() -> None:
    gold = doc(RECORD_TEXT, FULL)
    pred = doc(RECORD_TEXT, RecordAnnotation("r1", recipient="s4", amount="s6"))
    report = evaluate([gold], [pred])
    assert report.records == Counts(0, 1, 1) and report.fields == {}
    assert [(e.kind, e.recipient, e.amount) for e in report.documents[0].records] == [
        ("missed", "Coopérative de plein air du Lac-à-l’Œil", "1200000"),
        ("spurious", "Coopérative de plein air du Lac-à-l’Œil", "2850000")]


def test_extra_predicted_minister_fails_the_ministers_field() -> None:
    text = ("<ent label=MINISTER value=Marc Fesneau>Marc Fesneau</ent> et <ent label=MINISTER value=Roland Lescure>"
            "Roland Lescure</ent> : <ent label=AMOUNT value=620000>620 000 €</ent> à <ent label=ORG value=Ferments "
            "de Loire>Ferments de Loire</ent>.")
    gold = doc(text, RecordAnnotation("r1", recipient="s4", amount="s3", ministers=("s1",)))
    pred = doc(text, RecordAnnotation("r1", recipient="s4", amount="s3", ministers=("s1", "s2")))
    assert evaluate([gold], [pred]).fields == {"ministers": (0, 1)}


# ---------------------------------------------------------------- documents and inputs


def test_missing_prediction_and_prediction_without_gold() -> None:
    a, b = doc(RECORD_TEXT, FULL, doc_id="a"), doc(G_GASPE, doc_id="b")
    report = evaluate([a, b], [doc(G_GASPE, doc_id="b"), doc(G_GASPE, doc_id="zz")])
    assert report.missing_predictions == ("a",) and report.predictions_without_gold == ("zz",)
    assert report.records == Counts(0, 1, 0)
    assert report.labels["MINISTER"].exact == Counts(0, 1, 0)
    assert {e.kind for e in report.documents[0].spans} == {"missed"}


def test_duplicate_gold_ids_are_an_error() -> None:
    with pytest.raises(ValueError, match="several documents with id d"):
        evaluate([doc(G_GASPE), doc(G_GASPE)], [])


def test_differing_texts_are_warned() -> None:
    pred = doc(G_GASPE.replace("Une aide", "Une subvention"))
    [d] = evaluate([doc(G_GASPE)], [pred]).documents
    assert d.warnings == ("predicted text differs from the gold text: offsets may not correspond",)


def test_labels_restrict_the_scores() -> None:
    report = evaluate([doc(G_GASPE)], [doc(G_GASPE)], labels=["AMOUNT"])
    assert list(report.labels) == ["AMOUNT"] and report.micro.exact == Counts(1, 1, 1)


def batch_line(doc_id: str, text: str, amount: str, org: str) -> dict[str, Any]:
    a, o = text.index(amount), text.index(org)
    return {"doc_id": doc_id, "path": f"{doc_id}.txt", "published": None, "error": None,
            "entities": {"amounts": [{"text": amount, "start": a, "end": a + len(amount), "value": 150000}],
                         "organizations": [{"text": org, "start": o, "end": o + len(org), "canonical": org}]},
            "records": [{"recipient": org, "amount": 150000, "ministers": [], "date": None,
                         "evidence": {"start": 0, "end": len(text), "text": text}}]}


def write_inputs(tmp_path: Path) -> tuple[Path, Path]:
    gold = doc(G_GASPE, RecordAnnotation("r1", recipient="s2", amount="s1"), doc_id="gaspe")
    write_annotations([gold], tmp_path / "annotations" / "spans")
    (tmp_path / "annotations" / "gaspe.json").write_text(json.dumps({"id": "gaspe", "text": gold.text, "gold": {}}),
                                                         encoding="utf-8")
    lines = [batch_line("gaspe", gold.text, "150 000 $", "la Ville de Gaspé"),
             {"doc_id": "notes", "path": "notes.md", "error": "unsupported file type: .md", "entities": {},
              "records": []}]
    pred = tmp_path / "batch.jsonl"
    pred.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return tmp_path / "annotations", pred


def test_batch_jsonl_against_annotations_folder(tmp_path: Path) -> None:
    gold, pred = write_inputs(tmp_path)
    report = evaluate(gold, pred)
    assert report.predictions_without_gold == ("notes",)
    assert report.labels["AMOUNT"].exact == Counts(1, 1, 1)
    assert report.labels["ORG"].exact == Counts(0, 1, 1) and report.labels["ORG"].overlap == Counts(1, 1, 1)
    assert report.records == Counts(1, 1, 1)


def test_real_batch_line_is_read(tmp_path: Path) -> None:
    from annonces.batch import process_document
    from annonces.readers import Document

    text = "QUÉBEC, le 4 mai 2021 – Une aide de 150 000 $ est accordée à la Ville de Gaspé."
    gold = Annotation("r", text, ())
    line = process_document(Document(doc_id="r", path="r.txt", text=text), fast=True)
    (tmp_path / "b.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    report = evaluate([gold], tmp_path / "b.jsonl")
    assert report.labels["AMOUNT"].exact == Counts(0, 0, 1) and report.records == Counts(0, 0, 1)


def test_report_json_and_table(tmp_path: Path) -> None:
    report = evaluate(*write_inputs(tmp_path))
    d = json.loads(json.dumps(report.to_dict()))
    assert d["documents"] == 1 and d["predictions_without_gold"] == ["notes"]
    assert d["labels"]["ORG"]["exact"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "gold": 1, "pred": 1}
    assert d["labels"]["ORG"]["overlap"]["f1"] == 1.0 and d["records"]["f1"] == 1.0
    assert d["errors"][0]["spans"][0]["kind"] == "boundary"
    table = report.table()
    assert "1 documents, 0 without prediction, 1 predictions without gold (notes)" in table
    assert any(line.split()[:4] == ["AMOUNT", "1.000", "1.000", "1.000"] for line in table.splitlines())
    assert "boundary" not in table
    assert "boundary ORG      27-41 'Ville de Gaspé' -> predicted 24-41 'la Ville de Gaspé'" in report.table(errors=True)


def test_module_is_callable() -> None:
    assert isinstance(annonces.evaluate([doc(G_GASPE)], [doc(G_GASPE)]), EvaluationReport)


# ---------------------------------------------------------------- command line


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="annonces")
    add_evaluate_command(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_cli_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["evaluate", "--help"])
    assert exit_info.value.code == 0
    assert "annonces evaluate annotations/ /tmp/corpus.jsonl" in capsys.readouterr().out


def test_cli_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = write_inputs(tmp_path)
    assert run(["evaluate", str(gold), str(pred)]) == 0
    assert "records" in capsys.readouterr().out
    assert run(["evaluate", str(gold), str(pred), "--json", "--labels", "AMOUNT"]) == 0
    assert list(json.loads(capsys.readouterr().out)["labels"]) == ["AMOUNT"]
    assert run(["evaluate", str(gold), str(pred), "--errors"]) == 0
    assert "-> predicted 24-41" in capsys.readouterr().out


@pytest.mark.parametrize("make, message", [
    pytest.param(lambda g, p, t: [str(t / "absent"), str(p)], "GOLD not found", id="missing-gold"),
    pytest.param(lambda g, p, t: [str(g), str(t / "absent.jsonl")], "PRED not found", id="missing-pred"),
    pytest.param(lambda g, p, t: [str(t / "empty"), str(p)], "no annotations in GOLD", id="empty-gold"),
    pytest.param(lambda g, p, t: [str(g), str(t / "bad.jsonl")], "invalid JSON", id="bad-pred-line"),
    pytest.param(lambda g, p, t: [str(g), str(t / "other.jsonl")], "neither an annotation", id="unknown-objects"),
])
def test_cli_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any, message: str) -> None:
    gold, pred = write_inputs(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    (tmp_path / "other.jsonl").write_text('{"name": "x"}\n', encoding="utf-8")
    assert run(["evaluate", *make(gold, pred, tmp_path)]) == 2
    assert message in capsys.readouterr().err


def test_cli_bad_option_exits_2() -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["evaluate", "a", "b", "--labels", "PERSON"])
    assert exit_info.value.code == 2


def test_document_level_gold_folder_is_converted(tmp_path: Path) -> None:
    text = "QUÉBEC, le 4 mai 2021 – Une aide de 150 000 $ est accordée à la Ville de Gaspé, en Gaspésie."
    g = {"id": "gaspe", "published": "2021-05-04", "text": text,
         "gold": {"ministers": [], "organizations": ["Ville de Gaspé"], "amounts": [150000], "programs": [],
                  "regions": ["Gaspésie–Îles-de-la-Madeleine"], "dates": ["2021-05-04"],
                  "records": [{"recipient": "Ville de Gaspé", "amount": 150000, "date": "2021-05-04"}]}}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "gaspe.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    line = batch_line("gaspe", text, "150 000 $", "Ville de Gaspé")
    pred.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    report = evaluate(tmp_path / "gold", pred)
    assert report.labels["AMOUNT"].exact == Counts(1, 1, 1) and report.records == Counts(1, 1, 1)
    assert report.labels["DATE"].exact == Counts(0, 1, 0)
    assert report.documents[0].warnings == (
        "gold value not located in the text: REGION 'Gaspésie–Îles-de-la-Madeleine'",)
