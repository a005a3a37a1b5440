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

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .format import Annotation, SpanValue, json_number
from .session import RECORD_FIELDS, UNREVIEWED, CorrectionSession, suggest_value
from .show import labels


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
