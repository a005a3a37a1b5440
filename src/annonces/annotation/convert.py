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

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .format import (Annotation, RecordAnnotation, Span, iter_span_ids, json_number, nearest_span, to_decimal,
                     write_annotations)
from .imports import Imported, finish

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from ..types import DateValue
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


# ---------------------------------------------------------------- document-level gold

#: document-level gold list -> span label, for names found by exact string search
NAME_LISTS = (("ministers", "MINISTER"), ("organizations", "ORG"), ("programs", "PROGRAM"), ("regions", "REGION"))


_HYPHENS = "-\u2010\u2011"


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Offsets of ``name`` in ``text`` as whole words: no letter or digit glued on, nor a
    hyphenated continuation (``Côte-Nord`` is not in ``Haute-Côte-Nord``).

    >>> _occurrences("Côte-Nord, Haute-Côte-Nord, Côte-Nordique, Côte-Nord-Est", "Côte-Nord")
    [(0, 9)]
    """
    def glued(k: int, step: int) -> bool:
        if not 0 <= k < len(text):
            return False
        if text[k].isalnum():
            return True
        return text[k] in _HYPHENS and 0 <= k + step < len(text) and text[k + step].isalnum()

    found = []
    i = text.find(name) if name else -1
    while i >= 0:
        j = i + len(name)
        if not glued(i - 1, -1) and not glued(j, 1):
            found.append((i, j))
        i = text.find(name, i + 1)
    return found


def _reference_date(published: Any) -> dt.date | None:
    """A full ISO date as a ``date`` (else ``None``)."""
    try:
        return dt.date.fromisoformat(str(published)) if published else None
    except ValueError:
        return None


def _date_parts(d: DateValue, reference: dt.date | None) -> list[Span]:
    """DATE spans of a found date, tight around the date itself: cue words of a deadline
    are left out (``jusqu'au 31 mai 2023`` -> ``31 mai 2023``) and a range gives one span
    per end (``du 15 février au 31 mars 2023`` -> ``15 février``, ``31 mars 2023``).

    >>> from annonces.extractors.dates import find_dates
    >>> [(s.start, s.end, s.value) for d in find_dates("du 15 février au 31 mars 2023") for s in _date_parts(d, None)]
    [(3, 13, '2023-02-15'), (17, 29, '2023-03-31')]
    """
    from ..extractors.dates import find_dates

    whole = [Span(None, d.start, d.end, "DATE", d.iso)]
    if d.kind == "point" and d.end_iso is None:
        return whole
    last = d.end_iso or d.iso
    for k in range(len(d.text)):
        if k and not (d.text[k - 1].isspace() and not d.text[k].isspace()):
            continue
        tail = [x for x in find_dates(d.text[k:], reference) if x.kind == "point"]
        if len(tail) != 1 or tail[0].iso != last or k + tail[0].end != len(d.text):
            continue
        end_part = Span(None, d.start + k + tail[0].start, d.start + k + tail[0].end, "DATE", last)
        if d.end_iso is None:
            return [end_part]
        head = [x for x in find_dates(d.text[:k + tail[0].start], _reference_date(d.end_iso) or reference)
                if x.kind == "point" and x.iso == d.iso]
        if len(head) != 1:
            return whole
        return [Span(None, d.start + head[0].start, d.start + head[0].end, "DATE", d.iso), end_part]
    return whole


def gold_to_annotation(gold: Mapping[str, Any], *, text: str | None = None,
                       source: str | None = None) -> tuple[Annotation, list[str]]:
    """A span-level gold annotation (status ``gold``) from a document-level gold object,
    and the gold values that could not be located in the text.

    ``text`` is the document text as the reader decodes it (default: the gold ``text``).
    Amounts are the :func:`~annonces.extractors.amounts.find_amounts` results whose value is
    in the gold list, dates the :func:`~annonces.extractors.dates.find_dates` results whose
    ISO value is (the publication date as reference), names every whole-word occurrence of
    the gold string (one nested in a longer name of the same label excepted).  A record points
    at the recipient and amount occurrences nearest each other, its other fields at the
    occurrences nearest those; it is a loan when ``amount_roles`` says so.

    >>> g = {"id": "x", "published": "2021-05-04", "gold": {"ministers": ["Nathalie Roy"], "organizations":
    ...      ["Ville de Gaspé"], "amounts": [150000], "programs": [], "regions": [], "dates": ["2021-05-04"],
    ...      "records": [{"recipient": "Ville de Gaspé", "amount": 150000, "ministers": ["Nathalie Roy"],
    ...      "date": "2021-05-04"}]}}
    >>> a, unlocated = gold_to_annotation(g, text="QUÉBEC, le 4 mai 2021 – Nathalie Roy accorde 150 000 $ "
    ...                                           "à la Ville de Gaspé.")
    >>> [(s.label, a.span_text(s)) for s in a.spans], unlocated
    ([('DATE', '4 mai 2021'), ('MINISTER', 'Nathalie Roy'), ('AMOUNT', '150 000 $'), ('ORG', 'Ville de Gaspé')], [])
    >>> r = a.records[0]
    >>> a.span_text(a.span(r.recipient)), a.span_text(a.span(r.amount)), [a.span_text(a.span(m)) for m in r.ministers]
    ('Ville de Gaspé', '150 000 $', ['Nathalie Roy'])
    """
    from ..extractors.amounts import find_amounts, guess_currency
    from ..extractors.dates import find_dates

    text = text if text is not None else str(gold["text"])
    g = gold.get("gold") or {}
    unlocated: list[str] = []
    raw: list[Span] = []
    roles: dict[tuple[int, int], str] = {}

    wanted = [v for v in (to_decimal(x) for x in g.get("amounts") or ()) if v is not None]
    amounts = [a for a in find_amounts(text, default_currency=guess_currency(text)) if a.value in wanted]
    pending_roles = list(gold.get("amount_roles") or ())
    for a in amounts:
        raw.append(Span(None, a.start, a.end, "AMOUNT", a.value))
        i = next((k for k, r in enumerate(pending_roles) if to_decimal(r.get("value")) == a.value), None)
        if i is not None:
            roles[(a.start, a.end)] = str(pending_roles.pop(i).get("role"))
    unlocated += [f"AMOUNT {json_number(v)}" for v in wanted if all(a.value != v for a in amounts)]

    for key, label in NAME_LISTS:
        names = list(dict.fromkeys(str(n) for n in g.get(key) or ()))
        hits = {n: _occurrences(text, n) for n in names}
        for n in names:
            inside = [(s, e) for s, e in hits[n]
                      if not any(m != n and s2 <= s and e <= e2 for m in names for s2, e2 in hits[m])]
            raw += [Span(None, s, e, label, n) for s, e in inside]
            if not inside:
                unlocated.append(f"{label} {n!r}")

    dates = set(str(d) for d in g.get("dates") or ())
    reference = _reference_date(gold.get("published"))
    date_spans = [p for d in find_dates(text, reference) for p in _date_parts(d, reference) if p.value in dates]
    raw += date_spans
    unlocated += [f"DATE {d}" for d in sorted(dates - {str(p.value) for p in date_spans})]

    ordered = sorted(set(raw), key=lambda s: (s.start, -s.end, s.label))
    spans = [replace(s, id=f"s{i}") for i, s in enumerate(ordered, 1)]
    records = []
    for n, rec in enumerate(g.get("records") or (), 1):
        r = _gold_record(rec, f"r{n}", text, spans, roles, unlocated)
        if r is not None:
            records.append(r)
    meta: dict[str, Any] = {"jurisdiction": gold.get("jurisdiction"), "published": gold.get("published"),
                            "source": source}
    meta = {k: v for k, v in meta.items() if v is not None}
    if unlocated:
        meta["unlocated"] = unlocated
    return Annotation(str(gold.get("id") or ""), text, spans, records, meta, "gold"), unlocated


def _gold_record(rec: Mapping[str, Any], rid: str, text: str, spans: list[Span], roles: dict[tuple[int, int], str],
                 unlocated: list[str]) -> RecordAnnotation | None:
    recipient, amount = str(rec.get("recipient") or ""), to_decimal(rec.get("amount"))
    name = f"record ({recipient!r}, {rec.get('amount')})"
    orgs = [s for s in spans if s.label == "ORG" and s.value == recipient]
    if not orgs:
        for s, e in _occurrences(text, recipient):
            spans.append(Span(next(iter_span_ids(spans)), s, e, "ORG", recipient))
        orgs = [s for s in spans if s.label == "ORG" and s.value == recipient]
    moneys = [s for s in spans if s.label == "AMOUNT" and amount is not None and s.value == amount]
    if not orgs or not moneys:
        unlocated.append(f"{name}: no {'recipient' if not orgs else 'amount'} span")
        return None
    org, money = min(((o, m) for o in orgs for m in moneys), key=lambda p: _pair_key(p[0], p[1], rec, spans))
    near = (min(org.start, money.start), max(org.end, money.end))
    refs: dict[str, str | None] = {}
    for field, label in (("total_cost", "AMOUNT"), ("program", "PROGRAM"), ("region", "REGION")):
        value = rec.get(field)
        span = None
        if value is not None:
            want: Any = to_decimal(value) if label == "AMOUNT" else str(value)
            span = nearest_span(spans, label, lambda s, w=want: s.value == w, near)
            if span is None:
                unlocated.append(f"{name}: {field} {value!r}")
        refs[field] = span.id if span else None
    ministers = []
    for m in rec.get("ministers") or ():
        span = nearest_span(spans, "MINISTER", lambda s, w=str(m): s.value == w, near)
        if span is None:
            unlocated.append(f"{name}: minister {m!r}")
        elif span.id is not None:
            ministers.append(span.id)
    kind = "loan" if roles.get((money.start, money.end)) == "loan" else "grant"
    assert org.id is not None and money.id is not None
    return RecordAnnotation(rid, recipient=org.id, amount=money.id, kind=kind, total_cost=refs["total_cost"],
                            program=refs["program"], region=refs["region"], date=rec.get("date"),
                            ministers=tuple(ministers))


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, a[0] - b[1], b[0] - a[1])


def _pair_key(org: Span, money: Span, rec: Mapping[str, Any], spans: list[Span]) -> tuple[int, int, int]:
    """Rank a (recipient, amount) occurrence pair: the nearest pair first, then the pair
    nearest the other fields of the record (a title repeating the lead loses to the lead)."""
    near = (min(org.start, money.start), max(org.end, money.end))
    others = 0
    wanted: list[tuple[str, Any]] = [("AMOUNT", to_decimal(rec.get("total_cost"))), ("PROGRAM", rec.get("program")),
                                     ("REGION", rec.get("region"))]
    wanted += [("MINISTER", m) for m in rec.get("ministers") or ()]
    for label, value in wanted:
        gaps = [_gap((s.start, s.end), near) for s in spans if value is not None and s.label == label
                and s.value == value]
        others += min(gaps, default=0)
    return _gap((org.start, org.end), (money.start, money.end)), others, money.start


def convert_gold_folder(gold_dir: str | Path, corpus_dir: str | Path, out_dir: str | Path) -> dict[str, list[str]]:
    """Write ``out_dir/<id>.json`` (span-level) for every ``gold_dir/<id>.json`` (document-level)
    whose release ``corpus_dir/<id>.*`` exists, reading the release with
    :func:`annonces.readers.read_document`; returns the unlocated gold values per id."""
    from ..readers import read_document

    corpus = Path(corpus_dir)
    report: dict[str, list[str]] = {}
    out = []
    for f in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(f.read_text(encoding="utf-8"))
        doc_id = str(gold.get("id") or f.stem)
        files = sorted(p for p in corpus.glob(f"{doc_id}.*") if p.is_file())
        if not files:
            report[doc_id] = ["no corpus file"]
            continue
        doc = read_document(files[0])
        if doc.text is None:
            report[doc_id] = [f"unreadable corpus file: {doc.error}"]
            continue
        source = f"{corpus.name}/{files[0].name}"
        annotation, report[doc_id] = gold_to_annotation(gold, text=doc.text, source=source)
        out.append(annotation)
    write_annotations(out, out_dir)
    return report
