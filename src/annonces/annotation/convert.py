"""Annotations to and from spaCy ``DocBin``, Prodigy, Doccano and Label Studio, and
document-level gold (``/work/shared/eval/SCHEMA.md``) to span-level annotations.

Every exporter keeps the whole annotation (id, status, meta, span values and ids,
records) under an ``annonces`` key the tool carries along (``DocBin`` user data, a
Prodigy task key, a Doccano meta field, Label Studio task data), so a round trip loses
nothing; spans edited in the tool get their value back when their offsets (or, where
the tool keeps it, their id) still match, and records pointing at deleted spans are
dropped with a ``meta["warnings"]`` entry.

Exporters that need tokens (``DocBin``, Prodigy) return the spans whose boundaries fall
inside a token as :class:`Misaligned` items next to their result: they are reported,
never dropped (``DocBin``: an ``expand``-ed copy in the ``misaligned`` span group;
Prodigy: the span with its exact characters and the expanded token range).

>>> from annonces.annotation.format import Annotation, Span
>>> a = Annotation("d", "Aide de 2 M$ à Victoriaville.", [Span("s1", 8, 12, "AMOUNT", 2000000),
...                Span("s2", 15, 23, "ORG", "Victoria")])
>>> to_doccano([a])[0]["labels"]
[[8, 12, 'AMOUNT'], [15, 23, 'ORG']]
>>> from_doccano(to_doccano([a])) == [a]
True
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .format import Annotation, RecordAnnotation, Span, iter_span_ids, json_number
from .imports import Imported, finish

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from spacy.tokens import Doc, DocBin

#: span group of the aligned spans in a ``DocBin`` doc (spaCy's spancat default)
SPAN_KEY = "sc"
#: span group of the ``expand``-ed copies of misaligned spans
MISALIGNED_KEY = "misaligned"
#: key of the full annotation in ``Doc.user_data``, task dicts and task data
STORE_KEY = "annonces"


@dataclass(frozen=True)
class Misaligned:
    """A span whose boundaries fall inside a token."""

    annotation_id: str
    span_id: str | None
    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class _Found:
    """A span as a tool gives it back (``loose``: expanded to token boundaries)."""

    start: int
    end: int
    label: str
    id: str | None = None
    value: Any = None
    kb_id: str | None = None
    loose: bool = False


# ---------------------------------------------------------------- shared


def _stored(a: Annotation) -> dict[str, Any]:
    d = a.to_dict()
    del d["text"]
    return d


def _restore(text: str, found: Sequence[_Found], stored: Mapping[str, Any] | None, *,
             default_id: str, tool_meta: Mapping[str, Any] | None = None) -> Annotation:
    """The annotation of ``text`` with the spans a tool gave back (``found``), their
    ids/values/records taken from what the exporter stored, when there is a match."""
    stored = stored if isinstance(stored, Mapping) else {}
    old = [Span.from_dict(d) for d in stored.get("spans") or ()]
    used: set[int] = set()
    pairs: list[tuple[_Found, int | None]] = []
    for f in found:
        i = _match(f, old, used, by_overlap=False)
        pairs.append((f, i))
    pairs = [(f, i if i is not None else _match(f, old, used, by_overlap=True)) for f, i in pairs]
    kept: list[tuple[float, Span]] = []
    for f, i in pairs:
        if i is None:
            kept.append((len(old) + f.start / (len(text) + 1), Span(f.id, f.start, f.end, f.label, f.value, f.kb_id)))
            continue
        o = old[i]
        start, end = (o.start, o.end) if f.loose and f.start <= o.start and o.end <= f.end else (f.start, f.end)
        value = f.value if f.value is not None else o.value
        kept.append((i, Span(o.id or f.id, start, end, f.label, value, f.kb_id or o.kb_id)))
    kept.sort(key=lambda x: x[0])
    spans = _unique_ids([s for _k, s in kept])
    warnings: list[str] = []
    records = _surviving_records(stored.get("records") or (), spans, warnings)
    meta = {**(tool_meta or {}), **(stored.get("meta") or {})}  # the tool's own metadata is kept
    if warnings:
        meta["warnings"] = [*meta.get("warnings", ()), *warnings]
    return Annotation(str(stored.get("id") or default_id), text, spans, records, meta,
                      str(stored.get("status") or "corrected"))


def _match(f: _Found, old: list[Span], used: set[int], *, by_overlap: bool) -> int | None:
    best, best_overlap = None, 0
    for i, o in enumerate(old):
        if i in used or o.label != f.label:
            continue
        if not by_overlap:
            if (f.id is not None and o.id == f.id) or (o.start, o.end) == (f.start, f.end):
                best = i
                break
        else:
            overlap = min(o.end, f.end) - max(o.start, f.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
    if best is not None:
        used.add(best)
    return best


def _unique_ids(spans: list[Span]) -> list[Span]:
    seen: set[str] = set()
    fresh = iter_span_ids(spans)
    out = []
    for s in spans:
        if s.id is None or s.id in seen:
            s = replace(s, id=next(i for i in fresh if i not in seen))
        assert s.id is not None
        seen.add(s.id)
        out.append(s)
    return out


def _surviving_records(items: Iterable[Mapping[str, Any]], spans: list[Span],
                       warnings: list[str]) -> list[RecordAnnotation]:
    ids = {s.id for s in spans}
    out = []
    for d in items:
        r = RecordAnnotation.from_dict(d)
        name = r.id or f"({r.recipient}, {r.amount})"
        if r.recipient not in ids or r.amount not in ids:
            warnings.append(f"record {name} dropped: its recipient or amount span was deleted")
            continue
        gone = [ref for _f, ref in r.refs() if ref not in ids]
        if gone:
            warnings.append(f"record {name}: references to deleted spans {gone} removed")
            r = replace(r, total_cost=r.total_cost if r.total_cost in ids else None,
                        program=r.program if r.program in ids else None,
                        region=r.region if r.region in ids else None,
                        ministers=tuple(m for m in r.ministers if m in ids))
        out.append(r)
    return out


def _json_value(value: Any) -> Any:
    return json_number(value) if isinstance(value, Decimal) else value


def _reason(doc: Doc, start: int, end: int) -> str:
    if not 0 <= start < end <= len(doc.text):
        return f"offsets {start}-{end} out of range"
    if not doc.text[start:end].strip():
        return "span covers only whitespace"
    for t in doc:
        if t.idx < start < t.idx + len(t):
            return f"start {start} inside token {t.text!r} ({t.idx}-{t.idx + len(t)})"
    for t in doc:
        if t.idx < end < t.idx + len(t):
            return f"end {end} inside token {t.text!r} ({t.idx}-{t.idx + len(t)})"
    return "boundary on whitespace"


def _aligned(doc: Doc, a: Annotation, s: Span) -> tuple[Any, Any, Misaligned | None]:
    """``(strict span or None, expanded span or None, Misaligned or None)``."""
    kw = {"label": s.label, "kb_id": s.kb_id or "", "span_id": s.id or ""}
    strict = doc.char_span(s.start, s.end, alignment_mode="strict", **kw)
    if strict is not None:
        return strict, strict, None
    loose = None
    if 0 <= s.start < s.end <= len(doc.text):
        loose = doc.char_span(s.start, s.end, alignment_mode="expand", **kw)
    bad = Misaligned(a.id, s.id, s.start, s.end, a.text[s.start:s.end], _reason(doc, s.start, s.end))
    return None, loose, bad


# ---------------------------------------------------------------- spaCy DocBin


def to_docbin(annotations: Iterable[Annotation], nlp: Language, *, span_key: str = SPAN_KEY,
              ents: bool | Collection[str] = True) -> tuple[DocBin, list[Misaligned]]:
    """A ``DocBin`` (tokenized by ``nlp``) and the spans that do not align with its tokens.

    Aligned spans go to ``doc.spans[span_key]`` (id and ``kb_id`` on the spaCy span), and
    to ``doc.ents`` (longest first where they overlap; ``ents``: ``False`` for none, or the
    labels to keep); misaligned spans, ``expand``-ed, to ``doc.spans["misaligned"]``.  The
    whole annotation is in ``doc.user_data["annonces"]``.

    >>> import spacy
    >>> a = Annotation("d", "Aide de 2 M$ à Victoriaville.", [Span("s1", 8, 12, "AMOUNT", 2000000),
    ...                Span("s2", 15, 23, "ORG")])
    >>> db, bad = to_docbin([a], spacy.blank("fr"))
    >>> [(b.span_id, b.text, b.reason) for b in bad]
    [('s2', 'Victoria', "end 23 inside token 'Victoriaville' (15-28)")]
    >>> doc = next(db.get_docs(spacy.blank("fr").vocab))
    >>> [e.text for e in doc.ents], [s.text for s in doc.spans["misaligned"]]
    (['2 M$'], ['Victoriaville'])
    """
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    db = DocBin(store_user_data=True)
    bad: list[Misaligned] = []
    for a in annotations:
        doc = nlp.make_doc(a.text)
        good, loose = [], []
        for s in a.spans:
            strict, expanded, problem = _aligned(doc, a, s)
            if problem is None:
                good.append(strict)
            else:
                bad.append(problem)
                if expanded is not None:
                    loose.append(expanded)
        doc.spans[span_key] = good
        doc.spans[MISALIGNED_KEY] = loose
        if ents:
            keep = good if ents is True else [s for s in good if s.label_ in ents]
            doc.ents = filter_spans(keep)
        doc.user_data[STORE_KEY] = _stored(a)
        db.add(doc)
    return db, bad


def from_docbin(docbin: DocBin, nlp: Language, *, span_key: str = SPAN_KEY) -> list[Annotation]:
    """Annotations from a ``DocBin``: the spans of ``doc.spans[span_key]`` (else ``doc.ents``)
    and of the ``misaligned`` group (at their exact offsets when the exporter stored them).
    A ``DocBin`` from elsewhere gives ids ``doc-<n>``, status ``corrected`` and no values."""
    out = []
    for n, doc in enumerate(docbin.get_docs(nlp.vocab), 1):
        group = list(doc.spans[span_key]) if span_key in doc.spans else list(doc.ents)
        loose = list(doc.spans[MISALIGNED_KEY]) if MISALIGNED_KEY in doc.spans else []
        found = [_Found(s.start_char, s.end_char, s.label_, s.id_ or None, None, s.kb_id_ or None, loose=lo)
                 for lo, spans in ((False, group), (True, loose)) for s in spans]
        out.append(_restore(doc.text, found, doc.user_data.get(STORE_KEY), default_id=f"doc-{n}"))
    return out


# ---------------------------------------------------------------- Prodigy


def to_prodigy(annotations: Iterable[Annotation], nlp: Language) -> tuple[list[dict[str, Any]], list[Misaligned]]:
    """Prodigy ``spans`` tasks (``text``, ``tokens``, ``spans`` with token indices, ``meta``)
    and the spans that do not align with ``nlp``'s tokens (kept in the task with their exact
    characters and the token range around them).  Spans carry ``id``, ``value``, ``kb_id``.

    >>> import spacy
    >>> a = Annotation("d", "Aide de 2 M$ au club.", [Span("s1", 8, 12, "AMOUNT", 2000000)])
    >>> tasks, bad = to_prodigy([a], spacy.blank("fr"))
    >>> tasks[0]["spans"], bad
    ([{'start': 8, 'end': 12, 'label': 'AMOUNT', 'token_start': 2, 'token_end': 3, 'id': 's1', 'value': 2000000, 'kb_id': None}], [])
    """
    tasks, bad = [], []
    for a in annotations:
        doc = nlp.make_doc(a.text)
        spans = []
        for s in a.spans:
            strict, expanded, problem = _aligned(doc, a, s)
            item: dict[str, Any] = {"start": s.start, "end": s.end, "label": s.label}
            if expanded is not None:
                item.update(token_start=expanded.start, token_end=expanded.end - 1)
            item.update(id=s.id, value=_json_value(s.value), kb_id=s.kb_id)
            if problem is not None:
                bad.append(problem)
            spans.append(item)
        tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t), "id": t.i, "ws": bool(t.whitespace_)}
                  for t in doc]
        tasks.append({"text": a.text, "tokens": tokens, "spans": spans, "meta": {**_plain(a.meta), "id": a.id},
                      STORE_KEY: _stored(a)})
    return tasks, bad


def _plain(meta: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if k != "warnings"}


def from_prodigy(tasks: Iterable[Mapping[str, Any]], *, nlp: Language | None = None) -> Imported:
    """Annotations from Prodigy tasks (character offsets of ``spans`` are used); tasks
    answered ``reject`` or ``ignore`` are skipped.  The task ``meta`` is kept in the
    annotation's ``meta``; ``.misaligned`` lists the spans off ``nlp``'s tokens, and spans
    without a value get the pipeline's (:mod:`.imports`)."""
    out = []
    for n, t in enumerate(tasks, 1):
        if t.get("answer") in ("reject", "ignore"):
            continue
        found = [_Found(int(s["start"]), int(s["end"]), str(s["label"]), _opt(s.get("id")), s.get("value"),
                        _opt(s.get("kb_id"))) for s in t.get("spans") or ()]
        task_meta = dict(t.get("meta") or {})
        default = task_meta.pop("id", None) or f"prodigy-{t.get('_input_hash', n)}"
        out.append(_restore(str(t["text"]), found, t.get(STORE_KEY), default_id=str(default), tool_meta=task_meta))
    return finish(out, nlp)


def _opt(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


# ---------------------------------------------------------------- Doccano


def to_doccano(annotations: Iterable[Annotation]) -> list[dict[str, Any]]:
    """Doccano sequence-labeling items ``{"text", "labels": [[start, end, label]], "annonces"}``
    (Doccano keeps extra keys as metadata)."""
    return [{"text": a.text, "labels": [[s.start, s.end, s.label] for s in a.spans],
             **({"Comments": a.meta["comments"]} if "comments" in a.meta else {}), STORE_KEY: _stored(a)}
            for a in annotations]


def from_doccano(items: Iterable[Mapping[str, Any]], *, nlp: Language | None = None) -> Imported:
    """Annotations from Doccano items: ``labels`` or ``label`` as ``[start, end, label]``
    triples, or ``entities`` as ``{"start_offset", "end_offset", "label"}`` objects.
    Doccano's ``Comments`` go to ``meta["comments"]`` (and back on export); ``.misaligned``
    and values as for :func:`from_prodigy`."""
    out = []
    for n, item in enumerate(items, 1):
        triples = item.get("labels") if item.get("labels") is not None else item.get("label")
        found = [_Found(int(s), int(e), str(lab)) for s, e, lab in triples or ()]
        found += [_Found(int(x["start_offset"]), int(x["end_offset"]), str(x["label"]))
                  for x in item.get("entities") or ()]
        stored = item.get(STORE_KEY)
        if stored is None and isinstance(item.get("meta"), Mapping):
            stored = item["meta"].get(STORE_KEY)
        default = item.get("id", f"doccano-{n}")
        comments = {"comments": item["Comments"]} if item.get("Comments") is not None else {}
        out.append(_restore(str(item["text"]), found, stored, default_id=str(default), tool_meta=comments))
    return finish(out, nlp)


# ---------------------------------------------------------------- Label Studio


def _utf16_offsets(text: str) -> list[int] | None:
    """UTF-16 offset of each character index (``None`` when the text is all BMP)."""
    if all(ord(c) <= 0xFFFF for c in text):
        return None
    table, pos = [0], 0
    for c in text:
        pos += 2 if ord(c) > 0xFFFF else 1
        table.append(pos)
    return table


def to_label_studio(annotations: Iterable[Annotation], *, from_name: str = "label",
                    to_name: str = "text") -> list[dict[str, Any]]:
    """Label Studio tasks: ``data.text`` and ``annotations[0].result[]`` items of type ``labels``
    (offsets in UTF-16 code units, as Label Studio counts; region ``id`` = span id, ``meta``
    holds ``value`` and ``kb_id``).  ``from_name``/``to_name`` name the labeling config tags.

    >>> a = Annotation("d", "Aide de 2 M$.", [Span("s1", 8, 12, "AMOUNT", 2000000)])
    >>> to_label_studio([a])[0]["annotations"][0]["result"][0]["value"]
    {'start': 8, 'end': 12, 'text': '2 M$', 'labels': ['AMOUNT']}
    """
    tasks = []
    for a in annotations:
        table = _utf16_offsets(a.text)
        result = []
        for s in _unique_ids(list(a.spans)):
            start, end = (table[s.start], table[s.end]) if table else (s.start, s.end)
            result.append({"id": s.id, "from_name": from_name, "to_name": to_name, "type": "labels",
                           "value": {"start": start, "end": end, "text": a.text[s.start:s.end], "labels": [s.label]},
                           "meta": {"value": _json_value(s.value), "kb_id": s.kb_id}})
        tasks.append({"data": {"text": a.text, "id": a.id, STORE_KEY: _stored(a)},
                      "annotations": [{"result": result}]})
    return tasks


def from_label_studio(tasks: Iterable[Mapping[str, Any]], *, nlp: Language | None = None) -> Imported:
    """Annotations from Label Studio tasks: the first annotation not cancelled (else the
    first prediction); region ids and ``meta`` values are kept.  Both exports are read:
    JSON (``data`` + ``annotations``) and JSON-MIN (flat: ``text``, ``id`` and one list of
    ``{start, end, text, labels}`` per labeling tag).  ``.misaligned`` and values as for
    :func:`from_prodigy`."""
    out = []
    for n, t in enumerate(tasks, 1):
        if "data" not in t and "text" in t:
            t = _from_json_min(t)
        data = t.get("data") or {}
        text = str(data["text"])
        table = _utf16_offsets(text)
        back = {u: i for i, u in enumerate(table)} if table else None
        chosen = [x for x in t.get("annotations") or t.get("completions") or () if not x.get("was_cancelled")]
        chosen = chosen or list(t.get("predictions") or ())
        found = []
        for item in (chosen[0].get("result") or ()) if chosen else ():
            v = item.get("value") or {}
            if item.get("type", "labels") != "labels" or "start" not in v or not v.get("labels"):
                continue
            start, end = int(v["start"]), int(v["end"])
            if back is not None:
                start, end = back.get(start, start), back.get(end, end)
            meta = item.get("meta") or {}
            found.append(_Found(start, end, str(v["labels"][0]), _opt(item.get("id")), meta.get("value"),
                                _opt(meta.get("kb_id"))))
        default = data.get("id") or t.get("id") or f"label-studio-{n}"
        out.append(_restore(text, found, data.get(STORE_KEY), default_id=str(default)))
    return finish(out, nlp)


def _from_json_min(t: Mapping[str, Any]) -> dict[str, Any]:
    """A Label Studio JSON-MIN item as a full-JSON task (offsets there are UTF-16 as well)."""
    result = []
    data: dict[str, Any] = {}
    for k, v in t.items():
        if isinstance(v, list) and v and all(isinstance(x, Mapping) and "start" in x and "labels" in x for x in v):
            result += [{"type": "labels", "from_name": k, "value": dict(x)} for x in v]
        else:
            data[k] = v
    return {"id": t.get("id"), "data": data, "annotations": [{"result": result}]}


