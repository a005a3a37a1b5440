"""The span-level annotation format: one document, its labelled spans and its records.

One JSON object per document (a ``.jsonl`` line, or a ``.json`` file); the spec is
``/work/tasks/annotation_format.md`` and the JSON Schema ships as
``annonces/schema/annotation.schema.json`` (:func:`annotation_schema`).  Offsets are
character offsets into ``text``; a span's normalized ``value`` is a
:class:`~decimal.Decimal` for ``AMOUNT``, an ISO string for ``DATE`` and the
canonical name for the other labels.  Records point at spans by id.

>>> ann = Annotation("d1", "Une aide de 2 M$ à la Ville de Gaspé.",
...                  spans=[Span("s1", 12, 16, "AMOUNT", 2000000), Span("s2", 22, 36, "ORG", "Ville de Gaspé")],
...                  records=[RecordAnnotation("r1", recipient="s2", amount="s1")])
>>> ann.span_text(ann.spans[0]), ann.spans[0].value
('2 M$', Decimal('2000000'))
>>> Annotation.from_dict(ann.to_dict()) == ann, validate(ann)
(True, [])
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

#: span labels, upper case
LABELS = ("MINISTER", "ORG", "AMOUNT", "PROGRAM", "REGION", "DATE")
#: ``pre``: machine suggestions; ``corrected``: checked by a person; ``gold``: reference
STATUSES = ("pre", "corrected", "gold")
#: record kinds
KINDS = ("grant", "loan")
#: record field -> label of the span it points at
RECORD_REFS = {"recipient": "ORG", "amount": "AMOUNT", "total_cost": "AMOUNT", "program": "PROGRAM",
               "region": "REGION"}
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

SpanValue = Decimal | str | None


def to_decimal(value: Any) -> Decimal | None:
    """A JSON amount as a Decimal (``None`` when it is not a number).

    >>> to_decimal(750000), to_decimal(221182.15), to_decimal("13700000"), to_decimal("beaucoup")
    (Decimal('750000'), Decimal('221182.15'), Decimal('13700000'), None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def json_number(value: Decimal) -> int | float:
    """A Decimal as a JSON number: ``int`` when integral.

    >>> json_number(Decimal("13700000.0")), json_number(Decimal("98500.50"))
    (13700000, 98500.5)
    """
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Span:
    """A labelled span ``text[start:end]`` with its normalized value.

    An ``AMOUNT`` value given as a number is stored as a Decimal:

    >>> Span("s1", 0, 9, "AMOUNT", 750000).value
    Decimal('750000')
    """

    id: str | None
    start: int
    end: int
    label: str
    value: SpanValue = None
    kb_id: str | None = None

    def __post_init__(self) -> None:
        if self.label == "AMOUNT" and self.value is not None and not isinstance(self.value, Decimal):
            number = to_decimal(self.value)
            if number is not None:
                object.__setattr__(self, "value", number)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {} if self.id is None else {"id": self.id}
        value = json_number(self.value) if isinstance(self.value, Decimal) else self.value
        d.update(start=self.start, end=self.end, label=self.label, value=value, kb_id=self.kb_id)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Span:
        """A span from its JSON object (``value`` and ``kb_id`` optional)."""
        return cls(id=_opt_str(d.get("id")), start=int(d["start"]), end=int(d["end"]), label=str(d["label"]),
                   value=d.get("value"), kb_id=_opt_str(d.get("kb_id")))


@dataclass(frozen=True)
class RecordAnnotation:
    """A funding record whose fields point at span ids (``date`` is an ISO string).

    >>> RecordAnnotation("r1", recipient="s4", amount="s1", ministers=["s2"]).ministers
    ('s2',)
    """

    id: str | None
    recipient: str
    amount: str
    kind: str = "grant"
    total_cost: str | None = None
    program: str | None = None
    region: str | None = None
    date: str | None = None
    ministers: tuple[str, ...] = ()
    funder: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "ministers", tuple(self.ministers))

    def refs(self) -> Iterator[tuple[str, str]]:
        """Every ``(field, span id)`` this record points at."""
        for name in RECORD_REFS:
            ref = getattr(self, name)
            if ref is not None:
                yield name, ref
        for ref in self.ministers:
            yield "ministers", ref

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {} if self.id is None else {"id": self.id}
        d.update(recipient=self.recipient, amount=self.amount, kind=self.kind, total_cost=self.total_cost,
                 program=self.program, region=self.region, date=self.date, ministers=list(self.ministers),
                 funder=self.funder)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> RecordAnnotation:
        return cls(id=_opt_str(d.get("id")), recipient=str(d["recipient"]), amount=str(d["amount"]),
                   kind=str(d.get("kind") or "grant"), total_cost=_opt_str(d.get("total_cost")),
                   program=_opt_str(d.get("program")), region=_opt_str(d.get("region")),
                   date=_opt_str(d.get("date")), ministers=tuple(str(m) for m in d.get("ministers") or ()),
                   funder=_opt_str(d.get("funder")))


@dataclass(frozen=True)
class Annotation:
    """One document: its text, spans, records, metadata and review status.

    Lists given for ``spans``/``records`` are stored as tuples.
    """

    id: str
    text: str
    spans: tuple[Span, ...]
    records: tuple[RecordAnnotation, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, hash=False)
    status: str = "pre"

    def __post_init__(self) -> None:
        object.__setattr__(self, "spans", tuple(self.spans))
        object.__setattr__(self, "records", tuple(self.records))
        object.__setattr__(self, "meta", dict(self.meta or {}))

    def span(self, span_id: str | None) -> Span | None:
        """The span with id ``span_id``, if any."""
        if span_id is None:
            return None
        return next((s for s in self.spans if s.id == span_id), None)

    def span_text(self, span: Span) -> str:
        """The text a span covers."""
        return self.text[span.start:span.end]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "meta": dict(self.meta), "status": self.status,
                "spans": [s.to_dict() for s in self.spans], "records": [r.to_dict() for r in self.records]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Annotation:
        """An annotation from its JSON object; raises ``ValueError`` when it is not one."""
        if not isinstance(d, Mapping) or "text" not in d or "spans" not in d:
            hint = " (document-level gold: convert it with annotation.gold.gold_to_annotation)" \
                if isinstance(d, Mapping) and "gold" in d else ""
            raise ValueError(f"not a span-level annotation: needs 'text' and 'spans'{hint}")
        return cls(id=str(d.get("id") or ""), text=str(d["text"]),
                   spans=tuple(Span.from_dict(s) for s in d["spans"]),
                   records=tuple(RecordAnnotation.from_dict(r) for r in d.get("records") or ()),
                   meta=dict(d.get("meta") or {}), status=str(d.get("status") or "pre"))


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


# ---------------------------------------------------------------- checks


def validate(annotation: Annotation, *, nlp: Any = None) -> list[str]:
    """What is wrong with ``annotation`` (empty when nothing): offsets out of range,
    unknown labels or statuses, values of the wrong type, duplicate ids, spans with
    surrounding whitespace, records pointing at missing spans or at spans of the wrong label.
    With ``nlp`` (a spaCy pipeline, for its tokenizer), the spans whose boundaries fall
    inside a token too, as the :class:`~annonces.annotation.convert.Misaligned` items the
    exporters give (:func:`annonces.annotation.imports.misaligned`).

    >>> a = Annotation("d", "Aide de 2 M$.", [Span("s1", 8, 40, "AMOUNT"), Span("s2", 0, 4, "Org")],
    ...                [RecordAnnotation("r1", recipient="s9", amount="s1")])
    >>> for problem in validate(a): print(problem)
    span s1: offsets 8-40 out of range (text has 13 characters)
    span s2: unknown label 'Org'
    record r1: recipient points at missing span 's9'
    """
    problems: list[str] = [] if annotation.id else ["missing document id"]
    if annotation.status not in STATUSES:
        problems.append(f"unknown status {annotation.status!r}")
    n = len(annotation.text)
    seen: set[str] = set()
    for i, s in enumerate(annotation.spans):
        name = f"span {s.id}" if s.id is not None else f"span #{i + 1}"
        if s.id is not None:
            if s.id in seen:
                problems.append(f"{name}: duplicate id")
            seen.add(s.id)
        if not 0 <= s.start < s.end <= n:
            problems.append(f"{name}: offsets {s.start}-{s.end} out of range (text has {n} characters)")
        elif annotation.text[s.start:s.end] != annotation.text[s.start:s.end].strip():
            problems.append(f"{name}: starts or ends with whitespace")
        if s.label not in LABELS:
            problems.append(f"{name}: unknown label {s.label!r}")
        problems.extend(f"{name}: {p}" for p in _value_problems(s))
    by_id = {s.id: s for s in annotation.spans if s.id is not None}
    record_ids: set[str] = set()
    for i, r in enumerate(annotation.records):
        name = f"record {r.id}" if r.id is not None else f"record #{i + 1}"
        if r.id is not None:
            if r.id in record_ids:
                problems.append(f"{name}: duplicate id")
            record_ids.add(r.id)
        if r.kind not in KINDS:
            problems.append(f"{name}: unknown kind {r.kind!r}")
        if r.date is not None and not ISO_DATE.fullmatch(r.date):
            problems.append(f"{name}: date {r.date!r} is not ISO (YYYY-MM-DD or YYYY-MM)")
        for fname, ref in r.refs():
            span = by_id.get(ref)
            expected = RECORD_REFS.get(fname, "MINISTER")
            if span is None:
                problems.append(f"{name}: {fname} points at missing span {ref!r}")
            elif span.label != expected:
                problems.append(f"{name}: {fname} points at a {span.label} span ({ref!r}), not {expected}")
    if nlp is not None:
        from .imports import misaligned

        problems.extend(f"span {m.span_id}: {m.reason}" for m in misaligned([annotation], nlp))
    return problems


def _value_problems(s: Span) -> list[str]:
    if s.value is None:
        return []
    if s.label == "AMOUNT":
        return [] if isinstance(s.value, Decimal) else [f"AMOUNT value {s.value!r} is not a number"]
    if not isinstance(s.value, str):
        return [f"{s.label} value {s.value!r} is not a string"]
    if s.label == "DATE" and not ISO_DATE.fullmatch(s.value):
        return [f"DATE value {s.value!r} is not ISO (YYYY-MM-DD, YYYY-MM or YYYY)"]
    return []


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return resources.files("annonces").joinpath("schema/annotation.schema.json").read_text(encoding="utf-8")


def annotation_schema() -> dict[str, Any]:
    """The JSON Schema of one annotation object.

    >>> annotation_schema()["title"]
    'annonces span-level annotation'
    """
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


# ---------------------------------------------------------------- files


def _is_document_gold(obj: Any) -> bool:
    return isinstance(obj, dict) and "gold" in obj and "spans" not in obj


def _read_file(path: Path, *, skip_document_gold: bool = False) -> list[Annotation]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        out = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                out.append(_parse(json.loads(line), f"{path}:{n}"))
        return out
    obj = json.loads(text)
    objs = obj if isinstance(obj, list) else [obj]
    if skip_document_gold and all(_is_document_gold(o) for o in objs):
        return []
    return [_parse(o, f"{path}" if len(objs) == 1 else f"{path}[{i}]") for i, o in enumerate(objs)]


def _parse(obj: Any, where: str) -> Annotation:
    try:
        return Annotation.from_dict(obj)
    except (ValueError, KeyError, TypeError) as e:
        raise ValueError(f"{where}: {e}") from None


def read_annotations(path: str | Path) -> list[Annotation]:
    """Annotations from a ``.jsonl`` file, a ``.json`` file (one object or a list) or a folder.

    A folder gives its ``*.json``/``*.jsonl`` files in name order; document-level gold
    files (``/work/shared/eval/SCHEMA.md``, with a ``gold`` key) in it are skipped, and a
    folder holding none but a ``spans/`` subfolder reads that (so ``annotations/`` gives
    the span-level gold of ``annotations/spans/``).  Raises ``ValueError`` naming the file
    and line of a bad object, ``FileNotFoundError`` for a missing path.
    """
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in (".json", ".jsonl", ".ndjson"))
        found = [a for f in files for a in _read_file(f, skip_document_gold=True)]
        if not found and (p / "spans").is_dir():
            return read_annotations(p / "spans")
        return found
    if not p.exists():
        raise FileNotFoundError(f"no such file or folder: {p}")
    return _read_file(p)


def _dumps(obj: Any, indent: int | None = None) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def write_annotations(annotations: Iterable[Annotation], path: str | Path) -> list[Path]:
    """Write ``annotations``: one JSONL file (``.jsonl``), one JSON file (``.json``, a
    single annotation) or a folder (any other path) with one ``<id>.json`` per document.
    Returns the files written.
    """
    p = Path(path)
    items = list(annotations)
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("".join(_dumps(a.to_dict()) + "\n" for a in items), encoding="utf-8")
        return [p]
    if suffix == ".json":
        if len(items) != 1:
            raise ValueError(f"{p}: a .json file holds one annotation, got {len(items)}; use .jsonl or a folder")
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(_dumps(items[0].to_dict(), indent=1) + "\n", encoding="utf-8")
        return [p]
    p.mkdir(parents=True, exist_ok=True)
    written = []
    for a in items:
        name = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", a.id) or "annotation"
        f = p / f"{name}.json"
        f.write_text(_dumps(a.to_dict(), indent=1) + "\n", encoding="utf-8")
        written.append(f)
    return written


def iter_span_ids(spans: Iterable[Span]) -> Iterator[str]:
    """Fresh span ids ``s1``, ``s2``... not used by ``spans``.

    >>> from itertools import islice
    >>> list(islice(iter_span_ids([Span("s2", 0, 1, "ORG")]), 2))
    ['s1', 's3']
    """
    used = {s.id for s in spans}
    n = 0
    while True:
        n += 1
        if f"s{n}" not in used:
            yield f"s{n}"


def nearest_span(spans: Iterable[Span], label: str, accept: Callable[[Span], bool],
                 near: tuple[int, int]) -> Span | None:
    """The span of ``label`` that ``accept`` takes and that lies nearest the
    ``(start, end)`` range ``near`` (0 when it overlaps it; ties: the first in the text).

    >>> spans = [Span("s1", 0, 4, "AMOUNT", 2), Span("s2", 40, 44, "AMOUNT", 2), Span("s3", 50, 54, "ORG")]
    >>> nearest_span(spans, "AMOUNT", lambda s: s.value == 2, (30, 38)).id
    's2'
    """
    best: tuple[int, int] | None = None
    found = None
    for s in spans:
        if s.label != label or not accept(s):
            continue
        key = (max(0, near[0] - s.end, s.start - near[1]), s.start)
        if best is None or key < best:
            best, found = key, s
    return found
