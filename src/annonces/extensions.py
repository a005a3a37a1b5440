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

Serialization: every value is typed in memory and survives ``doc.to_bytes()``,
``DocBin(store_user_data=True)`` and ``nlp.pipe(texts, n_process=2)`` through the msgpack
codecs of :mod:`annonces.serialization` (registered on import).  A ``DocBin`` written
*without* user data keeps the span groups and ``doc.ents`` but not the values: on the
first read of a value (``span._.amount``, ``doc._.records``, ...) such a ``Doc`` is
annotated again by the rule components (default knowledge base and currency), using the
NER entities it kept, so values and records are rebuilt rather than silently ``None``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .serialization import register

register()

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


#: ``user_data`` key set on every Doc the pipeline wrote values on (absent after a
#: ``DocBin`` round trip without user data)
ANNOTATED = "annonces_annotated"


def _span_getter(attr: str):
    def get(span: Span):
        doc = span.doc
        key = ("._.", attr, span.start_char, span.end_char)
        if key not in doc.user_data and needs_rebuild(doc):
            rebuild(doc)
        return doc.user_data.get(key)

    def put(span: Span, value) -> None:
        span.doc.user_data[("._.", attr, span.start_char, span.end_char)] = value

    return get, put


def _doc_getter(attr: str, default):
    def get(doc: Doc):
        key = ("._.", attr, None, None)
        if key not in doc.user_data and needs_rebuild(doc):
            rebuild(doc)
        return doc.user_data.get(key, default)

    def put(doc: Doc, value) -> None:
        doc.user_data[("._.", attr, None, None)] = value

    return get, put


def set_extensions() -> None:
    """Declare every extension (idempotent)."""
    register()
    for attr in SPAN_VALUES.values():
        if not Span.has_extension(attr):
            get, put = _span_getter(attr)
            Span.set_extension(attr, getter=get, setter=put)
    for attr, default in DOC_ATTRS.items():
        if not Doc.has_extension(attr):
            get, put = _doc_getter(attr, default)
            Doc.set_extension(attr, getter=get, setter=put)


def needs_rebuild(doc: Doc) -> bool:
    """A Doc that holds annonces span groups but not their values (read back without user data)."""
    return ANNOTATED not in doc.user_data and any(g in doc.spans for g in SPAN_VALUES)


def rebuild(doc: Doc) -> None:
    """Annotate ``doc`` again with the rule components (its ``doc.ents`` stand for the NER)."""
    from .pipeline import ORDER, load

    doc.user_data[ANNOTATED] = True  # first: the components read values while they run
    nlp = load(fast=True)
    for name in ORDER:
        proc = nlp.get_pipe(name)
        if name == "annonces_organizations":
            proc = _with_ner(proc)
        proc(doc)


def _with_ner(proc):
    from .components import OrganizationRecognizer

    twin = OrganizationRecognizer.__new__(OrganizationRecognizer)
    twin.__dict__.update(proc.__dict__, use_ner=True)
    return twin


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
    doc.user_data[ANNOTATED] = True
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
