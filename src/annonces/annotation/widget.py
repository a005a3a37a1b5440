"""Correcting pre-annotations in a notebook: a pure-Python session and a thin widget.

:class:`CorrectionSession` holds the documents (:class:`~annonces.annotation.format.Annotation`)
and every edit: step through documents, add a span from character offsets, change
its label or value, delete it, accept, edit, add or delete records, save as JSONL.
It needs neither Jupyter nor a browser.  :class:`CorrectionWidget` (anywidget, from
the ``notebooks`` extra) shows the current document and sends each click to the
session as an action message (:func:`apply_action`), then syncs the session's
state (:func:`session_state`) back to the view through the ``doc``, ``spans``,
``records`` and ``index`` traitlets.

Review state: a ``pre`` document's records are suggestions, *pending* until
accepted, edited or deleted.  A document touched by any edit is saved with status
``corrected``; records still pending in a corrected document are listed in
``meta["unreviewed_records"]`` so that a later session resumes where this one stopped.

>>> from annonces.annotation.format import Annotation, RecordAnnotation, Span
>>> text = "Une aide de 25 000 $ est accordée à Vélo Québec."
>>> doc = Annotation("d1", text, [Span("s1", 12, 20, "AMOUNT", 25000), Span("s2", 36, 47, "ORG", "Vélo Québec")],
...                  [RecordAnnotation("r1", recipient="s2", amount="s1")])
>>> session = CorrectionSession([doc])
>>> session.pending_records()
['r1']
>>> session.add_span(0, 8, "PROGRAM").id
's3'
>>> _ = session.accept_record("r1")
>>> session.current.status, session.pending_records()
('corrected', [])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .format import (
    ISO_DATE,
    KINDS,
    LABELS,
    RECORD_REFS,
    Annotation,
    RecordAnnotation,
    Span,
    SpanValue,
    iter_span_ids,
    json_number,
    read_annotations,
    to_decimal,
    write_annotations,
)
from .show import labels

#: ``meta`` key listing the record ids of a corrected document still to review
UNREVIEWED = "unreviewed_records"
#: record fields :meth:`CorrectionSession.edit_record` accepts
RECORD_FIELDS = ("recipient", "amount", "kind", "total_cost", "program", "region", "date", "ministers", "funder")


def _published(meta: Mapping[str, Any]) -> dt.date | None:
    """The publication date in ``meta`` (ISO day), if any.

    >>> _published({"published": "2022-03-12"}), _published({"published": "2022-03"}), _published({})
    (datetime.date(2022, 3, 12), None, None)
    """
    try:
        return dt.date.fromisoformat(str(meta.get("published") or ""))
    except ValueError:
        return None


def suggest_value(text: str, label: str, *, published: dt.date | None = None) -> tuple[SpanValue, str | None]:
    """A normalized ``(value, kb_id)`` for a span the annotator just selected.

    AMOUNT: the amount in currency units; DATE: ISO at its precision (relative dates
    resolved against ``published``); REGION: the official name and KB id; other
    labels: the text as written on one line.  ``(None, None)`` when nothing parses.

    >>> suggest_value("13,7 M$", "AMOUNT")
    (Decimal('13700000'), None)
    >>> suggest_value("ce lundi 29 mars", "DATE", published=dt.date(2021, 3, 30))
    ('2021-03-29', None)
    >>> suggest_value("Gaspesie-Iles-de-la-Madeleine", "REGION")
    ('Gaspésie–Îles-de-la-Madeleine', 'qc-region-11')
    >>> suggest_value("Carrefour culturel\\ndes Bois-Francs", "ORG")
    ('Carrefour culturel des Bois-Francs', None)
    >>> suggest_value("beaucoup", "AMOUNT")
    (None, None)
    """
    if label == "AMOUNT":
        from ..extractors.amounts import parse_amount

        amount = parse_amount(text)
        return (amount.value if amount is not None else None), None
    if label == "DATE":
        from ..extractors.dates import parse_date

        date = parse_date(text, reference=published)
        return (date.iso if date is not None else None), None
    if label == "REGION":
        from ..kb import resolve_region

        region = resolve_region(text)
        if region is not None:
            return region.name, region.id or None
    return " ".join(text.split()) or None, None


def _check_value(label: str, value: Any, text: str, published: dt.date | None) -> SpanValue:
    """``value`` as stored for a span of ``label``; raises ``ValueError`` when it cannot be.

    >>> _check_value("AMOUNT", "750000", "750 000 $", None), _check_value("AMOUNT", "1,2 M$", "", None)
    (Decimal('750000'), Decimal('1200000'))
    >>> _check_value("DATE", "2021-03", "", None), _check_value("DATE", "le 4 mai 2021", "", None)
    ('2021-03', '2021-05-04')
    >>> _check_value("ORG", "  Ville de Gaspé ", "", None), _check_value("ORG", "", "", None)
    ('Ville de Gaspé', None)
    >>> _check_value("AMOUNT", "beaucoup", "", None)
    Traceback (most recent call last):
    ValueError: 'beaucoup' is not an amount
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if label == "AMOUNT":
        number = to_decimal(value)
        if number is None and isinstance(value, str):
            number, _ = suggest_value(value, "AMOUNT")  # type: ignore[assignment]
        if number is None:
            raise ValueError(f"{value!r} is not an amount")
        return number
    value = str(value).strip()
    if label == "DATE" and not ISO_DATE.fullmatch(value):
        iso, _ = suggest_value(value, "DATE", published=published)
        if iso is None:
            raise ValueError(f"{value!r} is not a date (write 2021-03-29, 2021-03 or 2021)")
        return iso
    return value


def _new_id(prefix: str, used: Iterable[str | None]) -> str:
    """The first ``<prefix><n>`` not in ``used``.

    >>> _new_id("r", ["r1", "r3"])
    'r2'
    """
    taken = set(used)
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _with_ids(doc: Annotation) -> Annotation:
    """``doc`` with an id on every span and record (the format allows none; edits need them).

    >>> a = _with_ids(Annotation("d", "Aide de 5 000 $.", [Span(None, 8, 15, "AMOUNT"), Span("s1", 0, 4, "ORG")]))
    >>> [s.id for s in a.spans]
    ['s2', 's1']
    """
    if all(s.id is not None for s in doc.spans) and all(r.id is not None for r in doc.records):
        return doc
    fresh = iter_span_ids(doc.spans)
    spans = tuple(s if s.id is not None else replace(s, id=next(fresh)) for s in doc.spans)
    records: list[RecordAnnotation] = []
    for r in doc.records:
        used = [x.id for x in doc.records] + [x.id for x in records]
        records.append(r if r.id is not None else replace(r, id=_new_id("r", used)))
    return replace(doc, spans=spans, records=tuple(records))


class CorrectionSession:
    """Step through documents and correct their spans and records.

    Every method edits the current document (:attr:`current`) and raises
    ``ValueError`` for an edit that would break the annotation (offsets out of the
    text, unknown label, a record pointing at a span of the wrong label...).

    >>> from annonces.annotation.format import Annotation
    >>> s = CorrectionSession([Annotation("a", "Aide de 5 000 $.", ()), Annotation("b", "Rien.", ())])
    >>> s.next(), s.current.id, s.next(), s.prev()
    (1, 'b', 1, 0)
    >>> s.add_span(7, 15, "AMOUNT")  # the selection is trimmed to its characters
    Span(id='s1', start=8, end=15, label='AMOUNT', value=Decimal('5000'), kb_id=None)
    """

    def __init__(self, documents: Iterable[Annotation], *, path: str | Path | None = None) -> None:
        self._docs = [_with_ids(doc) for doc in documents]
        if not self._docs:
            raise ValueError("a correction session needs at least one document")
        self.path = Path(path) if path is not None else None
        self.index = 0
        self._touched = [False] * len(self._docs)
        self._pending: list[list[str]] = []
        for doc in self._docs:
            if UNREVIEWED in doc.meta:
                pending = [str(r) for r in doc.meta[UNREVIEWED]]
            elif doc.status == "pre":
                pending = [r.id for r in doc.records if r.id is not None]
            else:
                pending = []
            self._pending.append(pending)

    @classmethod
    def from_file(cls, path: str | Path, *, save_to: str | Path | None = None) -> CorrectionSession:
        """A session over the annotations of ``path`` (saved back to ``save_to`` or ``path``)."""
        return cls(read_annotations(path), path=save_to if save_to is not None else path)

    # ------------------------------------------------------------ documents

    def __len__(self) -> int:
        return len(self._docs)

    @property
    def current(self) -> Annotation:
        """The current document, as it would be saved."""
        return self._saved(self.index)

    @property
    def documents(self) -> list[Annotation]:
        """Every document, as it would be saved."""
        return [self._saved(i) for i in range(len(self._docs))]

    def _saved(self, i: int) -> Annotation:
        doc = self._docs[i]
        status = "corrected" if self._touched[i] and doc.status == "pre" else doc.status
        meta = {k: v for k, v in doc.meta.items() if k != UNREVIEWED}
        if status != "pre" and self._pending[i]:
            meta[UNREVIEWED] = list(self._pending[i])
        return replace(doc, status=status, meta=meta)

    def goto(self, index: int) -> int:
        """Move to document ``index`` (clamped to the documents); returns the index."""
        self.index = max(0, min(int(index), len(self._docs) - 1))
        return self.index

    def next(self) -> int:
        """Move to the next document (stays on the last one); returns the index."""
        return self.goto(self.index + 1)

    def prev(self) -> int:
        """Move to the previous document (stays on the first one); returns the index."""
        return self.goto(self.index - 1)

    def _set(self, doc: Annotation) -> None:
        self._docs[self.index] = doc
        self._touched[self.index] = True

    def _span(self, span_id: str) -> Span:
        span = self._docs[self.index].span(span_id)
        if span is None:
            raise ValueError(f"no span {span_id!r} in document {self._docs[self.index].id!r}")
        return span

    def _record(self, record_id: str) -> RecordAnnotation:
        found = next((r for r in self._docs[self.index].records if r.id == record_id), None)
        if found is None:
            raise ValueError(f"no record {record_id!r} in document {self._docs[self.index].id!r}")
        return found

    # ------------------------------------------------------------ spans

    def add_span(self, start: int, end: int, label: str, value: Any = None) -> Span:
        """Add a span over ``text[start:end]`` (surrounding whitespace trimmed).

        Without ``value`` the value is suggested from the text (:func:`suggest_value`).
        """
        doc = self._docs[self.index]
        label = label.upper()
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} (one of {', '.join(LABELS)})")
        if not 0 <= start < end <= len(doc.text):
            raise ValueError(f"offsets {start}-{end} are outside the text ({len(doc.text)} characters)")
        piece = doc.text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if start >= end:
            raise ValueError("the selection holds only whitespace")
        same = next((s for s in doc.spans if (s.start, s.end, s.label) == (start, end, label)), None)
        if same is not None:
            raise ValueError(f"{doc.text[start:end]!r} is already a {label} span ({same.id})")
        published = _published(doc.meta)
        kb_id = None
        if value is None:
            value, kb_id = suggest_value(doc.text[start:end], label, published=published)
        else:
            value = _check_value(label, value, doc.text[start:end], published)
        span = Span(next(iter_span_ids(doc.spans)), start, end, label, value, kb_id)
        spans = sorted([*doc.spans, span], key=lambda s: (s.start, s.end))
        self._set(replace(doc, spans=tuple(spans)))
        return span

    def _referrers(self, span_id: str) -> list[tuple[RecordAnnotation, str]]:
        return [(r, name) for r in self._docs[self.index].records for name, ref in r.refs() if ref == span_id]

    def set_label(self, span_id: str, label: str, value: Any = None) -> Span:
        """Change the label of a span; its value is suggested again for the new label
        unless ``value`` is given.  Refused while a record uses the span in a field
        that needs the old label."""
        old = self._span(span_id)
        label = label.upper()
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r} (one of {', '.join(LABELS)})")
        if label == old.label:
            return old if value is None else self.set_value(span_id, value)
        used = [(r, name) for r, name in self._referrers(span_id) if RECORD_REFS.get(name, "MINISTER") != label]
        if used:
            record, name = used[0]
            raise ValueError(f"span {span_id} is the {name} of record {record.id}: edit or delete the record first")
        doc = self._docs[self.index]
        text, published = doc.text[old.start:old.end], _published(doc.meta)
        if value is None:
            new_value, kb_id = suggest_value(text, label, published=published)
        else:
            new_value, kb_id = _check_value(label, value, text, published), None
        span = replace(old, label=label, value=new_value, kb_id=kb_id)
        self._set(replace(doc, spans=tuple(span if s.id == span_id else s for s in doc.spans)))
        return span

    def set_value(self, span_id: str, value: Any) -> Span:
        """Set the normalized value of a span (``None`` or ``""`` clears it).

        AMOUNT takes a number or an amount as written (``"1,2 M$"``); DATE an ISO
        string or a date as written; other labels the canonical name.
        """
        old = self._span(span_id)
        doc = self._docs[self.index]
        new_value = _check_value(old.label, value, doc.text[old.start:old.end], _published(doc.meta))
        span = replace(old, value=new_value)
        self._set(replace(doc, spans=tuple(span if s.id == span_id else s for s in doc.spans)))
        return span

    def delete_span(self, span_id: str) -> list[str]:
        """Delete a span.  Records whose recipient or amount it was are deleted too
        (their ids are returned); other references to it are cleared."""
        self._span(span_id)
        doc = self._docs[self.index]
        dropped, records = [], []
        for r in doc.records:
            if span_id in (r.recipient, r.amount):
                dropped.append(r.id)
                continue
            changes: dict[str, Any] = {name: None for name, ref in r.refs() if ref == span_id and name != "ministers"}
            if span_id in r.ministers:
                changes["ministers"] = tuple(m for m in r.ministers if m != span_id)
            records.append(replace(r, **changes) if changes else r)
        spans = tuple(s for s in doc.spans if s.id != span_id)
        self._set(replace(doc, spans=spans, records=tuple(records)))
        self._pending[self.index] = [p for p in self._pending[self.index] if p not in dropped]
        return [r for r in dropped if r is not None]

    # ------------------------------------------------------------ records

    def pending_records(self) -> list[str]:
        """Ids of the current document's suggested records not reviewed yet."""
        return list(self._pending[self.index])

    def accept_record(self, record_id: str) -> RecordAnnotation:
        """Accept a suggested record as it is."""
        record = self._record(record_id)
        self._pending[self.index] = [p for p in self._pending[self.index] if p != record_id]
        self._touched[self.index] = True
        return record

    def accept_all(self) -> list[str]:
        """Accept every pending record of the current document (this also marks a
        document without records as reviewed); returns the ids accepted."""
        accepted = self.pending_records()
        self._pending[self.index] = []
        self._touched[self.index] = True
        return accepted

    def _check_record(self, record: RecordAnnotation) -> None:
        doc = self._docs[self.index]
        if record.kind not in KINDS:
            raise ValueError(f"unknown record kind {record.kind!r} (one of {', '.join(KINDS)})")
        if record.date is not None and not ISO_DATE.fullmatch(record.date):
            raise ValueError(f"record date {record.date!r} is not ISO (2021-03-29 or 2021-03)")
        for name, ref in record.refs():
            span = doc.span(ref)
            expected = RECORD_REFS.get(name, "MINISTER")
            if span is None:
                raise ValueError(f"{name}: no span {ref!r}")
            if span.label != expected:
                raise ValueError(f"{name} must be a {expected} span, {ref} is {span.label}")

    def edit_record(self, record_id: str, **changes: Any) -> RecordAnnotation:
        """Change fields of a record (span ids for recipient, amount, total_cost,
        program, region and ministers; ``kind``; ISO ``date``; ``funder`` text).
        An edited record counts as reviewed."""
        unknown = sorted(set(changes) - set(RECORD_FIELDS))
        if unknown:
            raise ValueError(f"unknown record field(s): {', '.join(unknown)}")
        old = self._record(record_id)
        for name in ("total_cost", "program", "region", "date", "funder"):
            if name in changes and changes[name] == "":
                changes[name] = None
        if "ministers" in changes:
            ministers = changes["ministers"]
            changes["ministers"] = tuple([ministers] if isinstance(ministers, str) else ministers or ())
        record = replace(old, **changes)
        self._check_record(record)
        doc = self._docs[self.index]
        self._set(replace(doc, records=tuple(record if r.id == record_id else r for r in doc.records)))
        self._pending[self.index] = [p for p in self._pending[self.index] if p != record_id]
        return record

    def add_record(self, recipient: str, amount: str, **fields: Any) -> RecordAnnotation:
        """Add a record from the span ids of its recipient (ORG) and amount (AMOUNT)."""
        unknown = sorted(set(fields) - set(RECORD_FIELDS))
        if unknown:
            raise ValueError(f"unknown record field(s): {', '.join(unknown)}")
        doc = self._docs[self.index]
        if "ministers" in fields:
            fields["ministers"] = tuple(fields["ministers"] or ())
        if "date" not in fields and isinstance(doc.meta.get("published"), str) \
                and ISO_DATE.fullmatch(doc.meta["published"]):
            fields["date"] = doc.meta["published"]
        record = RecordAnnotation(_new_id("r", (r.id for r in doc.records)), recipient, amount, **fields)
        self._check_record(record)
        self._set(replace(doc, records=(*doc.records, record)))
        return record

    def delete_record(self, record_id: str) -> None:
        """Delete a record (a wrong suggestion)."""
        self._record(record_id)
        doc = self._docs[self.index]
        self._set(replace(doc, records=tuple(r for r in doc.records if r.id != record_id)))
        self._pending[self.index] = [p for p in self._pending[self.index] if p != record_id]

    # ------------------------------------------------------------ files

    def save(self, path: str | Path | None = None) -> Path:
        """Write every document as JSONL (one annotation per line) to ``path`` (or
        the session's path) and return it; later saves default to this path."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no path to save to: give save(path)")
        if target.suffix.lower() not in (".jsonl", ".ndjson"):
            raise ValueError(f"{target}: the session saves JSONL, use a .jsonl path")
        write_annotations(self.documents, target)
        self.path = target
        return target


# ---------------------------------------------------------------- view protocol


def _json_value(value: SpanValue) -> Any:
    return json_number(value) if isinstance(value, Decimal) else value


def session_state(session: CorrectionSession) -> dict[str, Any]:
    """The current document as the widget's synced state (JSON-ready).

    >>> from annonces.annotation.format import Annotation, Span
    >>> s = CorrectionSession([Annotation("d", "Aide de 5 000 $.", [Span("s1", 8, 15, "AMOUNT", 5000)])])
    >>> state = session_state(s)
    >>> state["doc"]["id"], state["spans"], state["index"], state["count"]
    ('d', [{'id': 's1', 'start': 8, 'end': 15, 'label': 'AMOUNT', 'value': 5000, 'text': '5 000 $'}], 0, 1)
    """
    doc = session.current
    pending = set(session.pending_records())
    texts = {s.id: doc.text[s.start:s.end] for s in doc.spans}
    spans = [{"id": s.id, "start": s.start, "end": s.end, "label": s.label, "value": _json_value(s.value),
              "text": doc.text[s.start:s.end]} for s in doc.spans]
    records = []
    for r in doc.records:
        row = r.to_dict()
        row["state"] = "pending" if r.id in pending else "accepted"
        row["recipient_text"] = texts.get(r.recipient, "")
        amount = doc.span(r.amount)
        row["amount_value"] = _json_value(amount.value) if amount is not None else None
        records.append(row)
    return {
        "doc": {"id": doc.id, "text": doc.text, "status": doc.status, "meta": dict(doc.meta)},
        "spans": spans, "records": records, "index": session.index, "count": len(session),
        "labels": [{"label": lab.label, "color": lab.color, "description": lab.description} for lab in labels()],
    }


def apply_action(session: CorrectionSession, msg: Mapping[str, Any]) -> str:
    """Apply one action message from the view; returns a status line for the user.

    Actions: ``add_span`` (start, end, label), ``set_label`` (span, label),
    ``set_value`` (span, value), ``delete_span`` (span), ``accept_record`` (record),
    ``accept_all``, ``edit_record`` (record, changes), ``add_record`` (recipient,
    amount), ``delete_record`` (record), ``next``, ``prev``, ``goto`` (index),
    ``save`` (optional path).  Raises ``ValueError`` for a bad action or edit.

    >>> from annonces.annotation.format import Annotation
    >>> s = CorrectionSession([Annotation("d", "Aide de 5 000 $.", [])])
    >>> apply_action(s, {"action": "add_span", "start": 8, "end": 15, "label": "AMOUNT"})
    "added s1 AMOUNT '5 000 $' = 5000"
    >>> apply_action(s, {"action": "fly"})
    Traceback (most recent call last):
    ValueError: unknown action 'fly'
    """
    action = msg.get("action")
    if action == "add_span":
        span = session.add_span(int(msg["start"]), int(msg["end"]), str(msg["label"]), msg.get("value"))
        text = session.current.text[span.start:span.end]
        return f"added {span.id} {span.label} {text!r} = {_json_value(span.value)}"
    if action == "set_label":
        span = session.set_label(str(msg["span"]), str(msg["label"]))
        return f"{span.id} is now {span.label} = {_json_value(span.value)}"
    if action == "set_value":
        span = session.set_value(str(msg["span"]), msg.get("value"))
        return f"{span.id} = {_json_value(span.value)}"
    if action == "delete_span":
        dropped = session.delete_span(str(msg["span"]))
        return f"deleted {msg['span']}" + (f" and record(s) {', '.join(dropped)}" if dropped else "")
    if action == "accept_record":
        return f"accepted {session.accept_record(str(msg['record'])).id}"
    if action == "accept_all":
        accepted = session.accept_all()
        return f"accepted {', '.join(accepted)}" if accepted else "document reviewed"
    if action == "edit_record":
        record = session.edit_record(str(msg["record"]), **dict(msg.get("changes") or {}))
        return f"edited {record.id}"
    if action == "add_record":
        record = session.add_record(str(msg["recipient"]), str(msg["amount"]))
        return f"added record {record.id}"
    if action == "delete_record":
        session.delete_record(str(msg["record"]))
        return f"deleted record {msg['record']}"
    if action in ("next", "prev"):
        index = session.next() if action == "next" else session.prev()
        return f"document {index + 1} of {len(session)}"
    if action == "goto":
        return f"document {session.goto(int(msg['index'])) + 1} of {len(session)}"
    if action == "save":
        path = session.save(msg.get("path") or None)
        return f"saved {len(session)} document(s) to {path}"
    raise ValueError(f"unknown action {action!r}")


# ---------------------------------------------------------------- the widget


@cache
def static_text(name: str) -> str:
    """A file of the widget's front end (``widget.js``, ``widget.css``).

    >>> "export default" in static_text("widget.js")
    True
    """
    return resources.files("annonces").joinpath(f"annotation/static/{name}").read_text(encoding="utf-8")


@cache
def _widget_class() -> type:
    try:
        import anywidget
        import traitlets
    except ImportError as e:  # pragma: no cover - depends on the installed extras
        raise ImportError("CorrectionWidget needs the notebooks extra: pip install 'annonces[notebooks]'") from e

    class CorrectionWidget(anywidget.AnyWidget):  # type: ignore[misc]
        """The correction view over a :class:`CorrectionSession` (display it in a notebook).

        ``CorrectionWidget(annotations_or_session, path=None)``; the session is
        ``widget.session``; :meth:`handle` applies an action message like the view does.
        """

        _esm = static_text("widget.js")
        _css = static_text("widget.css")
        doc = traitlets.Dict().tag(sync=True)
        spans = traitlets.List().tag(sync=True)
        records = traitlets.List().tag(sync=True)
        index = traitlets.Int(0).tag(sync=True)
        count = traitlets.Int(0).tag(sync=True)
        labels = traitlets.List().tag(sync=True)
        message = traitlets.Unicode("").tag(sync=True)

        def __init__(self, documents: CorrectionSession | Iterable[Annotation], *,
                     path: str | Path | None = None, **kwargs: Any) -> None:
            session = documents if isinstance(documents, CorrectionSession) \
                else CorrectionSession(documents, path=path)
            if path is not None:
                session.path = Path(path)
            self.session = session
            super().__init__(**kwargs)
            self.refresh()
            self.observe(self._on_index, names="index")
            self.on_msg(self._on_msg)

        def refresh(self) -> None:
            """Push the session's current state to the view."""
            state = session_state(self.session)
            with self.hold_sync():
                for name in ("doc", "spans", "records", "count", "labels", "index"):
                    setattr(self, name, state[name])

        def handle(self, msg: Mapping[str, Any]) -> str:
            """Apply an action message; errors become the status line, not exceptions."""
            try:
                self.message = apply_action(self.session, msg)
            except (ValueError, KeyError, TypeError) as e:
                self.message = f"error: {e}"
            self.refresh()
            return self.message

        def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
            if isinstance(content, Mapping) and "action" in content:  # not anywidget's own messages
                self.handle(content)

        def _on_index(self, change: Mapping[str, Any]) -> None:
            if change["new"] != self.session.index:
                self.session.goto(change["new"])
                self.refresh()

    CorrectionWidget.__qualname__ = "CorrectionWidget"
    return CorrectionWidget


def __getattr__(name: str) -> Any:
    if name == "CorrectionWidget":
        return _widget_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["RECORD_FIELDS", "UNREVIEWED", "CorrectionSession", "CorrectionWidget", "apply_action",  # noqa: F822  (CorrectionWidget: module __getattr__)
           "session_state", "static_text", "suggest_value"]
