"""The library entry points: text or ``Doc`` in, :class:`~annonces.types.Extraction` out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import set_extensions, text_of, values
from .output import ENTITY_KINDS
from .pipeline import load
from .records.mentions import listed
from .types import Extraction

_SURROGATE = re.compile("[\ud800-\udfff]")

#: ``Extraction.entities`` key -> span group
GROUPS = {kind: kind for kind in ENTITY_KINDS}


def run(text: str, *, published: dt.date | None = None, nlp: Language | None = None) -> Doc:
    """The annotated ``Doc`` for ``text`` (``published`` is the reference date, if known)."""
    nlp = nlp or load()
    set_extensions()
    if _SURROGATE.search(text):  # lone surrogates cannot be hashed by spaCy: U+FFFD, same length;
        text = _SURROGATE.sub("\ufffd", text)  # extract() slices the caller's text again
    doc = nlp.make_doc(text)
    doc.user_data["annonces_text"] = text
    doc._.published = published
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def from_doc(doc: Doc) -> Extraction:
    """Read an :class:`Extraction` back from a ``Doc`` the pipeline annotated."""
    entities = {k: tuple(values(doc, g)) for k, g in GROUPS.items()}
    # a year alone is not a date entity (it stays in doc.spans["dates"])
    entities["dates"] = tuple(d for d in entities["dates"] if d.precision != "year")
    entities["organizations"] = listed(entities["organizations"], doc._.records or (), text_of(doc))
    return Extraction(
        text=text_of(doc),
        published=doc._.published_iso,
        published_source=doc._.published_source,
        entities=entities,
        records=tuple(doc._.records or ()),
        segments=tuple(values(doc, "sections")),
        tables=tuple(doc._.tables or ()),
    )


def extract(
    text: str,
    *,
    published: dt.date | None = None,
    fast: bool = False,
    kb: str | Path | None = None,
    model: str | Path | None = None,
) -> Extraction:
    """Extract entities and funding records from one release.

    >>> x = extract("QUÉBEC, le 4 mai 2021 - La ministre annonce une aide de 2 M$ à la Ville de Gaspé.", fast=True)
    >>> x.published, [str(a.value) for a in x.entities["amounts"]]
    ('2021-05-04', ['2000000'])
    """
    nlp = load(fast=fast, kb=str(kb) if kb else None, model=str(model) if model else None)
    x = from_doc(run(text, published=published, nlp=nlp))
    return _restore(x, text) if x.text != text else x


def _restore(x: Extraction, original: str) -> Extraction:
    """Evidence texts sliced from the caller's text again (after U+FFFD stood in for surrogates)."""
    def again(v):
        return replace(v, text=original[v.start:v.end]) if hasattr(v, "start") and hasattr(v, "text") else v

    entities = {k: tuple(again(v) for v in vs) for k, vs in x.entities.items()}
    records = tuple(replace(r, evidence=again(r.evidence)) for r in x.records)
    return replace(x, text=original, entities=entities, records=records)
