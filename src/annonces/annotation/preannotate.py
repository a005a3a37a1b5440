"""Pipeline output -> :class:`~annonces.annotation.format.Annotation`, ready to correct.

:func:`preannotate` runs :func:`annonces.extract` on texts or files; the same
conversion, :func:`annotation_from_batch_line`, reads a line of ``annonces batch``
output (which carries offsets but not the text).  Entities become spans
(``value``: the canonical name, the amount, the ISO date; ``kb_id``: the entity id),
records point at the spans of their recipient, amount, total cost, program, region and
ministers (the occurrence inside or nearest the record's evidence).  A record value
with no span to point at is a ``meta["warnings"]`` entry, never dropped silently.

>>> [a] = preannotate(["QUÉBEC, le 4 mai 2021 - Une aide de 150 000 $ est accordée à la Ville de Gaspé."], fast=True)
>>> [(s.label, a.span_text(s), s.value) for s in a.spans]
[('DATE', '4 mai 2021', '2021-05-04'), ('AMOUNT', '150 000 $', Decimal('150000')), ('ORG', 'Ville de Gaspé', 'Ville de Gaspé')]
>>> r = a.records[0]
>>> a.span_text(a.span(r.recipient)), a.span_text(a.span(r.amount)), r.date, a.status
('Ville de Gaspé', '150 000 $', '2021-05-04', 'pre')
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..output import ENTITY_KINDS
from .format import LABELS, Annotation, RecordAnnotation, Span, iter_span_ids, nearest_span, to_decimal

#: ``Extraction.entities`` / batch ``entities`` key -> span label
LABEL_OF_KIND = dict(zip(ENTITY_KINDS, LABELS, strict=True))
#: longest string taken for a file path rather than a text
_MAX_PATH = 4096


def preannotate(texts_or_paths: str | Path | Iterable[str | Path], *, fast: bool = False,
                kb: str | Path | None = None) -> list[Annotation]:
    """Pre-annotations (status ``"pre"``) from the pipeline, one per text or file.

    A ``str`` is a text, unless it is the path of an existing file; a :class:`~pathlib.Path`
    is a file read with :func:`annonces.readers.read_document` (id: the file stem; a file
    that cannot be read raises ``ValueError``).  Texts get the id ``text-<sha1 prefix>``.
    ``fast=True``: rules and knowledge base only, no statistical model.
    """
    from ..api import extract

    items = [texts_or_paths] if isinstance(texts_or_paths, (str, Path)) else list(texts_or_paths)
    out = []
    for item in items:
        doc_id, text, published, meta = _source(item)
        x = extract(text, published=published, fast=fast, kb=kb)
        line = x.to_dict()
        meta = {**meta, "published": x.published}
        out.append(annotation_from_output(line, text, doc_id=doc_id, meta=meta, status="pre"))
    return out


def _is_path(item: str) -> bool:
    if len(item) > _MAX_PATH or "\n" in item:
        return False
    try:
        return os.path.isfile(item)
    except (OSError, ValueError):
        return False


def _source(item: str | Path) -> tuple[str, str, Any, dict[str, Any]]:
    """``(id, text, published date, meta)`` of one input."""
    from ..readers import read_document

    if isinstance(item, Path) or (isinstance(item, str) and _is_path(item)):
        doc = read_document(item)
        if doc.text is None:
            raise ValueError(f"{item}: {doc.error}")
        return doc.doc_id, doc.text, doc.published, {"source": str(item)}
    if not isinstance(item, str):
        raise TypeError(f"expected a text or a path, got {type(item).__name__}")
    digest = hashlib.sha1(item.encode("utf-8")).hexdigest()[:12]
    return f"text-{digest}", item, None, {}


def annotation_from_batch_line(obj: Mapping[str, Any], *, text: str | None = None,
                               status: str = "pre") -> Annotation:
    """An :class:`Annotation` from one ``annonces batch`` JSONL object.

    Batch lines carry offsets but no text: pass the document ``text`` (the decoded text
    the batch read) unless the object has a ``text`` key.  The id is the line's ``doc_id``.
    Raises ``ValueError`` when no text is available.

    >>> line = {"doc_id": "a", "path": "a.txt", "published": None, "entities": {"amounts": [
    ...     {"text": "2 M$", "start": 12, "end": 16, "value": 2000000}]}, "records": []}
    >>> a = annotation_from_batch_line(line, text="Une aide de 2 M$.")
    >>> a.id, [(s.id, s.label, s.value) for s in a.spans]
    ('a', [('s1', 'AMOUNT', Decimal('2000000'))])
    """
    doc_id = str(obj.get("doc_id") or Path(str(obj.get("path") or "")).stem)
    if text is None:
        text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError(f"batch line {doc_id!r} has no text: pass text=")
    meta: dict[str, Any] = {"published": obj.get("published"), "source": obj.get("path")}
    if obj.get("error"):
        meta["error"] = obj["error"]
    return annotation_from_output(obj, text, doc_id=doc_id, meta=meta, status=status)


def _entity_value(kind: str, e: Mapping[str, Any]) -> Any:
    if kind == "amounts":
        return to_decimal(e.get("value"))
    if kind == "dates":
        return e.get("value")
    return e.get("canonical") or e.get("text")


def annotation_from_output(line: Mapping[str, Any], text: str, *, doc_id: str, meta: Mapping[str, Any] | None = None,
                           status: str = "pre") -> Annotation:
    """An :class:`Annotation` from an output object (``Extraction.to_dict()`` or a batch line)."""
    warnings: list[str] = []
    seen: dict[tuple[int, int, str], Span] = {}
    entities = line.get("entities") or {}
    for kind, label in LABEL_OF_KIND.items():
        for e in entities.get(kind) or ():
            start, end = int(e["start"]), int(e["end"])
            if e.get("text") is not None and text[start:end] != e["text"]:
                warnings.append(f"{label} {e['text']!r} at {start}-{end}: the text there is {text[start:end]!r}")
            kb_id = e.get("id") if kind not in ("amounts", "dates") else None
            key = (start, end, label)
            if key not in seen:
                seen[key] = Span(None, start, end, label, _entity_value(kind, e), kb_id)
    ordered = sorted(seen.values(), key=lambda s: (s.start, -s.end, s.label))
    spans = [Span(f"s{i}", s.start, s.end, s.label, s.value, s.kb_id) for i, s in enumerate(ordered, 1)]
    records = []
    for n, r in enumerate(line.get("records") or (), 1):
        rec = _record(r, text, spans, warnings, f"r{n}")
        if rec is not None:
            records.append(rec)
    full_meta = {k: v for k, v in (meta or {}).items() if v is not None}
    if warnings:
        full_meta["warnings"] = [*full_meta.get("warnings", ()), *warnings]
    return Annotation(doc_id, text, spans, records, full_meta, status)


def _record(r: Mapping[str, Any], text: str, spans: list[Span], warnings: list[str],
            rid: str) -> RecordAnnotation | None:
    """A record pointing at spans (``spans`` grows when the recipient has no span yet)."""
    ev = r.get("evidence") or {}
    near = (int(ev.get("start", 0)), int(ev.get("end", len(text))))
    recipient = str(r.get("recipient") or "")
    amount = to_decimal(r.get("amount"))
    name = f"record {rid} ({recipient!r}, {r.get('amount')})"

    def by_name(label: str, value: str) -> Span | None:
        return nearest_span(spans, label, lambda s: s.value == value or text[s.start:s.end] == value, near)

    def by_amount(value: Any) -> Span | None:
        return nearest_span(spans, "AMOUNT", lambda s: s.value is not None and s.value == value, near)

    org = by_name("ORG", recipient) or _new_span(text, recipient, "ORG", near, spans, r.get("recipient_id"))
    money = by_amount(amount) if amount is not None else None
    if org is None or money is None:
        missing = "recipient" if org is None else "amount"
        warnings.append(f"{name}: no span for its {missing}; record left out")
        return None
    refs: dict[str, str | None] = {}
    for field, label, value in (("total_cost", "AMOUNT", to_decimal(r.get("total_cost"))),
                                ("program", "PROGRAM", r.get("program")), ("region", "REGION", r.get("region"))):
        span = None
        if value is not None:
            span = by_amount(value) if label == "AMOUNT" else by_name(label, str(value))
            if span is None:
                warnings.append(f"{name}: no {label} span for its {field} {value!r}")
        refs[field] = span.id if span else None
    ministers: list[str] = []
    for m in r.get("ministers") or ():
        span = by_name("MINISTER", str(m))
        if span is None:
            warnings.append(f"{name}: no MINISTER span for {m!r}")
        elif span.id is not None and span.id not in ministers:
            ministers.append(span.id)
    assert org.id is not None and money.id is not None
    return RecordAnnotation(rid, recipient=org.id, amount=money.id, kind=str(r.get("kind") or "grant"),
                            total_cost=refs["total_cost"], program=refs["program"], region=refs["region"],
                            date=r.get("date"), ministers=tuple(ministers),
                            funder=r.get("funder"))


def _new_span(text: str, name: str, label: str, near: tuple[int, int], spans: list[Span],
              kb_id: Any) -> Span | None:
    """A new span over the occurrence of ``name`` inside (else nearest) ``near``; appended to ``spans``."""
    if not name:
        return None
    starts = []
    i = text.find(name)
    while i >= 0:
        starts.append(i)
        i = text.find(name, i + 1)
    if not starts:
        return None
    start = min(starts, key=lambda s: (max(0, near[0] - s - len(name), s - near[1]), s))
    span = Span(next(iter_span_ids(spans)), start, start + len(name), label, name,
                None if kb_id is None else str(kb_id))
    spans.append(span)
    return span
