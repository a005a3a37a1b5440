"""The learned amount -> recipient linker: its candidates, features and decisions, and the
shipped model (span model + linker weights) loaded from the installed package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from annonces.extractors.amounts import find_amounts
from annonces.extractors.organizations import find_organizations
from annonces.kb import load_kb
from annonces.learn.pairs import calibration_points, fit, is_gold_pair, rows_of
from annonces.records import assemble_records
from annonces.records.context import Context
from annonces.records.features import FRAGMENT, candidates, features
from annonces.records.linker import Linker, default_linker, pairs
from annonces.segmentation import segment, sentence_spans


def context(text: str) -> Context:
    kb = load_kb()
    amounts = find_amounts(text)
    sections = segment(text)
    orgs = find_organizations(text, kb, amounts=amounts, sections=sections)
    return Context(text, amounts, orgs, [], [], [], [], sections, sentence_spans(text), None, kb)


def amount(ctx: Context, written: str):
    return next(a for a in ctx.amounts if a.text.startswith(written))


# --- candidates and features ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, written, expected",
    [
        pytest.param("Subventions accordées :\nLes Voix de la Seille : 200 €\nAssociation « Les Marthes » : 500 €\n",
                     "200", "Les Voix de la Seille", id="list-row-colon"),
        pytest.param("• Coopérative de solidarité du Lac (25 000 $)\n• Maison des jeunes de Gaspé (12 000 $)\n",
                     "12 000", "Maison des jeunes de Gaspé", id="list-row-paren"),
        pytest.param("Plus de 97 000 $ iront à Saint-Narcisse-de-Rimouski et 112 000 $ à Saint-Fabien.",
                     "112 000", "Saint-Fabien", id="town-named-alone"),
        pytest.param("Le ministre accorde 500 000 $ à l'entreprise Groupe iCible pour son usine.",
                     "500 000", "Groupe iCible", id="after-the-amount"),
    ],
)
def test_the_recipient_is_a_candidate(text: str, written: str, expected: str) -> None:
    ctx = context(text)
    assert expected in [c.canonical for c in candidates(ctx, amount(ctx, written), [])]


def test_features_tell_rows_apart() -> None:
    """In a list, the name on the amount's own row is on its line; the row above is not."""
    ctx = context("Les Voix de la Seille : 200 €\nAssociation Les Marthes : 500 €\n")
    a = amount(ctx, "500")
    by_name = {c.canonical: features(ctx, a, c, [], "") for c in candidates(ctx, a, [])}
    assert by_name["Association Les Marthes"].get("same_line") == 1.0
    assert by_name["Les Voix de la Seille"].get("same_line") is None


def test_features_of_two_sentences() -> None:
    ctx = context("La Fondation Monique-Côté agrandit son centre. Québec lui accorde 80 000 $ pour ces travaux.")
    a = amount(ctx, "80 000")
    f = {c.canonical: features(ctx, a, c, [], "") for c in candidates(ctx, a, [])}["Fondation Monique-Côté"]
    assert f.get("same_sentence") is None and f.get("same_paragraph") == 1.0 and f.get("before") == 1.0


@pytest.mark.parametrize("name, fragment", [
    pytest.param("Centre Nia, de 48 781", True, id="amount-in-name"),
    pytest.param("Coop du Lac puis de 7435", True, id="puis-de-number"),
    pytest.param("Ville de Gaspé le 3 mai", True, id="date-in-name"),
    pytest.param("Coopérative de solidarité du Lac", False, id="clean-name"),
    pytest.param("Club 4-H de Lanaudière", False, id="digits-in-a-real-name"),
])
def test_name_fragments(name: str, fragment: bool) -> None:
    assert bool(FRAGMENT.search(name)) is fragment


# --- decisions -------------------------------------------------------------------------------------

#: Hand-set weights: the name on the amount's line or right after its preposition wins.
WEIGHTS = {"bias": -3.0, "same_line": 1.5, "same_sentence": 1.0, "line_start": 1.5, "to_between": 2.0,
           "rule_pick": 1.5, "funder": -4.0, "orgs_between:0": 0.5}


def test_each_row_of_a_list_gets_its_own_recipient() -> None:
    text = "Les organismes suivants reçoivent une aide :\n- Les Voix de la Seille : 200 €\n- Club de judo du Val : 1 300 €\n- Amicale des pompiers de Voiteur : 500 €\n"
    got = {(r.recipient, r.amount) for r in assemble_records(text, **_inputs(text), linker=Linker(WEIGHTS, 0.5), strategy="learned")}
    assert got == {("Les Voix de la Seille", Decimal(200)), ("Club de judo du Val", Decimal(1300)),
                   ("Amicale des pompiers de Voiteur", Decimal(500))}


def test_chacun_gives_one_record_per_name() -> None:
    text = "Le Festival de la truite et le Carnaval de Gaspé recevront 25 000 $ chacun."
    got = sorted((r.recipient, r.amount) for r in assemble_records(text, **_inputs(text), linker=Linker(WEIGHTS, 0.5), strategy="learned"))
    assert got == [("Carnaval de Gaspé", Decimal(25000)), ("Festival de la truite", Decimal(25000))]


def test_below_the_threshold_no_record() -> None:
    text = "Le ministre accorde 500 000 $ à l'entreprise Groupe iCible pour son usine."
    assert assemble_records(text, **_inputs(text), linker=Linker({"bias": -9.0}, 0.5), strategy="learned") == []
    assert [r.recipient for r in assemble_records(text, **_inputs(text), linker=Linker(WEIGHTS, 0.5), strategy="learned")] == ["Groupe iCible"]


def test_a_name_holding_an_amount_never_scores_above_half() -> None:
    lk = Linker({"bias": 9.0}, 0.5)
    assert lk.confidence(lk.probability({"bias": 1.0}), {"name_fragment": 1.0}) <= 0.5


def test_evidence_names_the_linker_rule() -> None:
    text = "Le ministre accorde 500 000 $ à l'entreprise Groupe iCible pour son usine."
    rec = assemble_records(text, **_inputs(text), linker=Linker(WEIGHTS, 0.5), strategy="learned")[0]
    assert rec.evidence.rule.startswith("linker") and text[rec.evidence.start:rec.evidence.end] == rec.evidence.text


# --- the strategies: rules (shipped: the rules' records, the linker's confidence), both ----------


def test_both_keeps_the_rules_record_where_the_linker_disagrees() -> None:
    text = "La Fondation Desjardins remet 50 000 $ à l'organisme Les Amis du Parc Beauséjour pour son sentier."
    before_only = Linker({"bias": 2.0, "after": -10.0}, 0.5)  # prefers the name before the amount
    assert [r.recipient for r in assemble_records(text, **_inputs(text), linker=None)] == ["Les Amis du Parc Beauséjour"]
    learned = assemble_records(text, **_inputs(text), linker=before_only, strategy="learned")
    assert [r.recipient for r in learned] != ["Les Amis du Parc Beauséjour"] and "Desjardins" in learned[0].recipient
    assert [r.recipient for r in assemble_records(text, **_inputs(text), linker=before_only)] == ["Les Amis du Parc Beauséjour"]
    assert [r.recipient for r in assemble_records(text, **_inputs(text), linker=before_only, strategy="both")] == ["Les Amis du Parc Beauséjour"]


def test_rules_strategy_takes_its_confidence_from_the_linker() -> None:
    text = "Le ministre accorde 500 000 $ à l'entreprise Groupe iCible pour son usine."
    sure, unsure = Linker({"bias": 3.0}, 0.5), Linker({"bias": -3.0}, 0.5)
    [a] = assemble_records(text, **_inputs(text), linker=sure)
    [b] = assemble_records(text, **_inputs(text), linker=unsure)
    assert (a.recipient, b.recipient) == ("Groupe iCible", "Groupe iCible")
    assert a.confidence > 0.9 > 0.1 > b.confidence


def test_both_asks_the_linker_about_the_amounts_the_rules_leave() -> None:
    text = "Une somme de 50 000 $ servira au sentier. Le Club de ski Mont-Comi en assure la réalisation."
    assert assemble_records(text, **_inputs(text), linker=None) == []
    rec = assemble_records(text, **_inputs(text), linker=Linker({"bias": 2.0}, 0.5), strategy="both")
    assert [(r.recipient, r.evidence.rule.split(":")[0]) for r in rec] == [("Club de ski Mont-Comi", "linker")]
    assert assemble_records(text, **_inputs(text), linker=Linker({"bias": -9.0}, 0.5), strategy="both") == []
    assert assemble_records(text, **_inputs(text), linker=Linker({"bias": 2.0}, 0.5)) == []  # rules: none


def test_an_unknown_strategy_is_an_error() -> None:
    text = "Le ministre accorde 500 000 $ à l'entreprise Groupe iCible pour son usine."
    with pytest.raises(ValueError, match="strategy"):
        assemble_records(text, **_inputs(text), linker=Linker({}, 0.5), strategy="vote")


def _inputs(text: str) -> dict:
    ctx = context(text)
    return {"amounts": ctx.amounts, "organizations": ctx.orgs, "sections": ctx.sections,
            "sentences": sentence_spans(text), "kb": ctx.kb}


# --- fitting ---------------------------------------------------------------------------------------


def test_fit_save_load_decide_round_trip(tmp_path) -> None:
    """Pairs labelled from gold records -> fitted weights -> file -> the same decisions."""
    texts = {
        "a": ("Québec accorde 500 000 $ à la Coopérative du Lac pour son projet. La Ville de Gaspé salue l'annonce.",
              [{"recipient": "Coopérative du Lac", "amount": 500000}]),
        "b": ("La ministre annonce 80 000 $ au Club de judo du Val. Le député de Gaspé était présent.",
              [{"recipient": "Club de judo du Val", "amount": 80000}]),
    }
    rows = [r for d, (t, gold) in texts.items() for r in rows_of(d, context(t), gold)]
    assert {r.candidate for r in rows if r.label} == {"Coopérative du Lac", "Club de judo du Val"}
    lk = fit(rows * 5, c=10.0, min_count=1)
    again = Linker.from_file(lk.to_file(tmp_path / "linker.json"))
    assert again.weights == pytest.approx(lk.weights)
    t = texts["a"][0]
    assert [(r.recipient, r.amount) for r in assemble_records(t, **_inputs(t), linker=again)] == [("Coopérative du Lac", Decimal(500000))]


def test_gold_pairs_use_the_scorers_name_match() -> None:
    gold = [{"recipient": "Les Délices du Fjord", "amount": 20000}]
    assert is_gold_pair(Decimal(20000), "Délices du fjord", gold)
    assert not is_gold_pair(Decimal(20001), "Délices du fjord", gold)


def test_calibration_points_increase() -> None:
    pts = calibration_points([(i / 100, int(i > 50)) for i in range(100)], bins=5)
    assert [y for _, y in pts] == sorted(y for _, y in pts) and pts[0][1] == 0.0 and pts[-1][1] == 1.0


def test_pairs_are_bounded_per_amount() -> None:
    """An endless list costs a bounded number of candidates per amount (linear time)."""
    text = "".join(f"- Organisme numéro {i} de Gaspé : {1000 + i} $\n" for i in range(300))
    ps = pairs(context(text))
    per_amount: dict[int, int] = {}
    for p in ps:
        per_amount[id(p.amount)] = per_amount.get(id(p.amount), 0) + 1
    assert max(per_amount.values()) <= 40


# --- the shipped model -----------------------------------------------------------------------------


def test_the_package_ships_the_linker() -> None:
    lk = default_linker()
    assert lk is not None and lk.weights and 0 < lk.threshold < 1
    assert lk.meta["positives"] > 100 and lk.calibration  # fitted on the shared releases, calibrated


@pytest.mark.slow
def test_the_span_model_loads_from_the_package_with_the_network_off() -> None:
    """A fresh process, sockets disabled: the default pipeline loads the packaged span model."""
    code = (
        "import socket\n"
        "def no(*a, **k): raise OSError('network disabled in this test')\n"
        "socket.socket.connect = no; socket.create_connection = no\n"
        "import annonces, json\n"
        "nlp = annonces.load()\n"
        "x = annonces.extract(\"La ministre accorde 25 000 $ à la Coopérative de solidarité du Lac-Saint-Jean \"\n"
        "                     \"dans le cadre du Programme d'aide aux festivals.\")\n"
        "print(json.dumps({'labels': sorted(nlp.get_pipe('ner').labels),\n"
        "                  'records': [[r.recipient, str(r.amount)] for r in x.records]}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert "PROGRAM" in result["labels"] and "ORG" in result["labels"]
    assert result["records"] == [["Coopérative de solidarité du Lac-Saint-Jean", "25000"]]



@pytest.mark.slow
def test_span_model_train_load_extract_round_trip(tmp_path) -> None:
    """train_spans on gold-style annotations -> a model folder without vectors -> the pipeline."""
    import shutil

    from annonces import extract
    from annonces.learn.gold import gold_span_annotation
    from annonces.learn.spans import train_spans
    from annonces.pipeline import load_span_model

    text = ("QUÉBEC, le 4 mai 2021 - La ministre accorde 25 000 $ à la Coopérative de solidarité du Lac "
            "dans le cadre du Programme d'aide aux festivals. La Coopérative de solidarité du Lac remercie Québec.")
    gold = {"id": "t1", "text": text, "gold": {"organizations": ["Coopérative de solidarité du Lac"],
            "programs": ["Programme d'aide aux festivals"], "records": []}}
    ann = gold_span_annotation(gold)
    assert {ann.span_text(s) for s in ann.spans} == {"Coopérative de solidarité du Lac", "Programme d'aide aux festivals"}
    best = train_spans([ann] * 4, [ann], tmp_path / "run", max_epochs=2, eval_frequency=2)
    shipped = tmp_path / "spans"
    shutil.copytree(best, shipped, ignore=shutil.ignore_patterns("vocab"))
    nlp = load_span_model(shipped)
    assert {"ORG", "PROGRAM"} <= set(nlp.get_pipe("ner").labels)
    x = extract(text, model=str(best))
    assert [str(a.value) for a in x.entities["amounts"]] == ["25000"]


@pytest.mark.parametrize("linker", [pytest.param(None, id="rules"), pytest.param(Linker(WEIGHTS, 0.1), id="linker")])
def test_a_recipient_cut_at_an_amount_is_never_trusted(linker) -> None:
    """Whichever path finds it, a recipient holding an amount fragment scores at most 0.5."""
    from annonces.types import Mention

    text = "Le Centre Nia, de 48 781 $ au total, reçoit 25 000 $ de Québec pour son projet."
    name = "Centre Nia, de 48 781"
    bad = Mention("organization", name, 3, 3 + len(name), name, source="head")
    recs = assemble_records(text, amounts=find_amounts(text), organizations=[bad], sentences=sentence_spans(text),
                            linker=linker)
    assert recs and all(r.confidence <= 0.5 for r in recs if r.recipient == name)
