"""What the importers (``from_prodigy``, ``from_doccano``, ``from_label_studio``) add to the
annotations they read: the spans that do not align with the tokens, and normalized values.

* The result of an importer is an :class:`Imported` list: the annotations, with
  ``.misaligned`` holding the :class:`~annonces.annotation.convert.Misaligned` items the
  exporters give for the same spans (:func:`misaligned`, tokenized by ``nlp``, default
  ``spacy.blank("fr")``).  They are reported, never dropped.
* A span imported without a value gets the one the pipeline would give it
  (:func:`with_values`): ``AMOUNT`` the amount (``parse_amount``), ``DATE`` the ISO date
  (``parse_date``, against ``meta["published"]`` when known), ``REGION`` the official name
  and its KB id (``resolve_region``).

>>> from annonces.annotation.format import Annotation, Span
>>> a = Annotation("d", "Aide de 13,7 M$ au Bas-Saint-Laurent.", [Span("s1", 8, 15, "AMOUNT"),
...                Span("s2", 19, 36, "REGION")])
>>> [(s.value, s.kb_id) for s in with_values(a).spans]
[(Decimal('13700000'), None), ('Bas-Saint-Laurent', 'qc-region-01')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .format import Annotation, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .convert import Misaligned


class Imported(list):  # type: ignore[type-arg]
    """The annotations an importer read (a ``list``), with the spans that do not align
    with the tokens in ``misaligned``."""

    misaligned: list[Misaligned]

    def __init__(self, annotations: Iterable[Annotation] = (), misaligned: Iterable[Misaligned] = ()) -> None:
        super().__init__(annotations)
        self.misaligned = list(misaligned)


def misaligned(annotations: Iterable[Annotation], nlp: Language | None = None) -> list[Misaligned]:
    """The spans whose boundaries fall inside a token of ``nlp`` (default ``spacy.blank("fr")``),
    as :func:`~annonces.annotation.convert.to_docbin` and ``to_prodigy`` report them."""
    from .convert import _aligned

    nlp = nlp or _blank()
    out = []
    for a in annotations:
        doc = nlp.make_doc(a.text)
        for s in a.spans:
            problem = _aligned(doc, a, s)[2]
            if problem is not None:
                out.append(problem)
    return out


def _blank() -> Language:
    import spacy

    return spacy.blank("fr")


def with_values(a: Annotation) -> Annotation:
    """``a`` with a value on every ``AMOUNT``, ``DATE`` and ``REGION`` span that has none."""
    spans = [_valued(a, s) if s.value is None else s for s in a.spans]
    return a if spans == list(a.spans) else replace(a, spans=spans)


def _valued(a: Annotation, s: Span) -> Span:
    text = a.text[s.start:s.end]
    if s.label == "AMOUNT":
        from ..extractors.amounts import parse_amount

        amount = parse_amount(text)
        return replace(s, value=amount.value) if amount is not None else s
    if s.label == "DATE":
        from ..extractors.dates import parse_date

        d = parse_date(text, reference=_reference(a.meta.get("published")))
        return replace(s, value=d.iso) if d is not None else s
    if s.label == "REGION":
        from ..kb import resolve_region

        region = resolve_region(text)
        return replace(s, value=region.name, kb_id=s.kb_id or region.id or None) if region is not None else s
    return s


def _reference(published: Any) -> dt.date | None:
    if isinstance(published, str) and len(published) >= 10:
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
    return published if isinstance(published, dt.date) else None


def finish(annotations: Iterable[Annotation], nlp: Language | None = None) -> Imported:
    """Values added, misaligned spans found: the result of an importer."""
    done = [with_values(a) for a in annotations]
    return Imported(done, misaligned(done, nlp))
