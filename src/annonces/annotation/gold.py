"""Document-level gold files (names, amounts, dates and records of a release) to span annotations.

>>> from annonces.annotation.gold import gold_to_annotation
>>> a, unlocated = gold_to_annotation({"gold": {"organizations": ["Ville de Gaspé"], "amounts": [150000]}}, text="La Ville de Gaspé reçoit 150 000 $.")
>>> [(s.label, s.start, s.end) for s in a.spans]
[('ORG', 3, 17), ('AMOUNT', 25, 34)]
"""

from __future__ import annotations
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from .format import (Annotation, RecordAnnotation, Span, iter_span_ids, json_number, nearest_span, to_decimal,
                     write_annotations)
from ..normalize.text import HYPHENS
if TYPE_CHECKING:  # pragma: no cover

    from ..types import DateValue


# ---------------------------------------------------------------- document-level gold

#: document-level gold list -> span label, for names found by exact string search
NAME_LISTS = (("ministers", "MINISTER"), ("organizations", "ORG"), ("programs", "PROGRAM"), ("regions", "REGION"))


_HYPHENS = HYPHENS


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
