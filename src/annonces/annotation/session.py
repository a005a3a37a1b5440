"""A correction session over pre-annotated documents: edit spans and records, accept, save.

The notebook widget (:mod:`annonces.annotation.widget`) is a view over a
:class:`CorrectionSession`; the session works without it (and without a browser)."""

from __future__ import annotations
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
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
    read_annotations,
    to_decimal,
    write_annotations,
)


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
