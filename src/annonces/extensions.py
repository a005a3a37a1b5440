"""``Doc._`` and ``Span._`` extensions used by the pipeline, declared once behind guards.

Span groups written by the pipeline (``doc.spans[...]``):

========================  =====================================  ==========================
group                     value on the span                      type
========================  =====================================  ==========================
``sections``              ``span._.segment``                     :class:`~annonces.types.Segment`
``amounts``               ``span._.amount``                      :class:`~annonces.types.Amount`
``dates``                 ``span._.date``                        :class:`~annonces.types.DateValue`
``regions``               ``span._.region``                      :class:`~annonces.types.Mention`
``programs``              ``span._.program``                     :class:`~annonces.types.Mention`
``ministers``             ``span._.minister``                    :class:`~annonces.types.Mention`
``organizations``         ``span._.organization``                :class:`~annonces.types.Mention`
========================  =====================================  ==========================

Doc attributes: ``doc._.published`` (a :class:`datetime.date` or ``None``; set it before
running the pipeline to give the publication date), ``doc._.published_source``
(``dateline``, ``metadata``, ``caller``, ``inferred``), ``doc._.records``, ``doc._.tables``
(the :class:`~annonces.types.Table` objects the segmenter found; their rows are
``table_header``/``table_row`` spans of ``sections``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_VALUES = {
    "sections": "segment",
    "amounts": "amount",
    "dates": "date",
    "regions": "region",
    "programs": "program",
    "ministers": "minister",
    "organizations": "organization",
}

DOC_ATTRS = {
    "published": None,
    "published_iso": None,
    "published_source": None,
    "records": (),
    "sentences": (),
    "tables": (),
    "default_currency": None,
}


def set_extensions() -> None:
    """Declare every extension (idempotent)."""
    for attr in SPAN_VALUES.values():
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
    for attr, default in DOC_ATTRS.items():
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=default)


def add_spans(doc: Doc, group: str, values: list, label: str | None = None) -> None:
    """Write ``values`` (objects with ``start``/``end``) as spans of ``group``.

    The span covers the tokens overlapping the value's characters; the exact
    character offsets stay on the value object attached as ``span._.<attr>``.
    Without ``label``, each value's own ``label`` attribute is used.
    """
    attr = SPAN_VALUES[group]
    pairs = []
    for v in values:
        span = doc.char_span(v.start, v.end, label=label or v.label, alignment_mode="expand")
        if span is not None and len(span) > 0:
            pairs.append((span, v))
    doc.spans[group] = [span for span, _ in pairs]
    for span, v in pairs:  # values are keyed by the span's character offsets
        span._.set(attr, v)


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per document (spaCy joins every token on each call)."""
    text = doc.user_data.get("annonces_text")
    if text is None:
        text = doc.user_data["annonces_text"] = doc.text
    return text


def values(doc: Doc, group: str) -> list:
    """The value objects of a span group, in text order."""
    attr = SPAN_VALUES[group]
    if group not in doc.spans:
        return []
    out = [s._.get(attr) for s in doc.spans[group]]
    return sorted((v for v in out if v is not None), key=lambda v: (v.start, v.end))
