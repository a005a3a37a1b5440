"""Span, value and record scores of predicted annotations against gold annotations.

``evaluate(gold, pred)`` compares documents matched by id (a batch line's ``doc_id`` is
the file stem, as is a gold annotation's id) and returns an :class:`EvaluationReport`:

* per label, exact span P/R/F (same offsets and label) and overlap span P/R/F (one-to-one
  pairs of same-label spans sharing a character), with the accuracy of the normalized
  ``value`` on exactly matched spans;
* record P/R/F: a predicted record matches a gold one when their amounts are equal and
  their recipients are the same name (canonical value or text, compared as
  ``/work/shared/eval/score.py`` does), with the accuracy of ``program``, ``region``,
  ``date``, ``total_cost`` and ``ministers`` on matched records where the gold states them;
* per document, the errors: missed, spurious, boundary (overlapping, other offsets),
  label (same offsets, other label) and value errors on spans; missed and spurious
  records and wrong fields.

``report.to_dict()`` is the JSON form, ``report.table()`` the readable one.  The
command is ``annonces evaluate GOLD PRED`` (:func:`add_evaluate_command`).

>>> from annonces.annotation.format import Annotation, RecordAnnotation, Span
>>> text = "Une aide de 2 M$ à la Ville de Gaspé."
>>> gold = Annotation("d", text, [Span("s1", 12, 16, "AMOUNT", 2000000), Span("s2", 22, 36, "ORG", "Ville de Gaspé")],
...                   [RecordAnnotation("r1", recipient="s2", amount="s1")])
>>> pred = Annotation("d", text, [Span("s1", 12, 16, "AMOUNT", 2000000), Span("s2", 19, 36, "ORG", "Ville de Gaspé")],
...                   [RecordAnnotation("r1", recipient="s2", amount="s1")])
>>> report = evaluate([gold], [pred])
>>> report.labels["ORG"].exact.f1, report.labels["ORG"].overlap.f1, report.records.f1
(0.0, 1.0, 1.0)
>>> [(e.kind, e.text, e.found) for e in report.documents[0].spans]
[('boundary', 'Ville de Gaspé', "19-36 'la Ville de Gaspé'")]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .annotation.format import LABELS, Annotation, RecordAnnotation, Span, json_number, read_annotations
from .annotation.preannotate import annotation_from_batch_line
from .normalize.text import DASHES, char_class, strip_accents
from .evaluation_report import Counts, DocumentErrors, EvaluationReport, LabelScores, RecordError, SpanError

#: record fields whose accuracy is measured on matched records
RECORD_FIELDS = ("program", "region", "date", "total_cost", "ministers")
_TITLES = re.compile(r"^(?:m\.|mme|mmes|mm\.|monsieur|madame|l'honorable|honorable|dr|me)\s+")
_ARTICLES = re.compile(r"^(?:le|la|les|l'|du|de la|des)\s*")

Source = str | Path | Iterable[Annotation]


# ---------------------------------------------------------------- comparing values


def norm_name(name: str) -> str:
    """A name folded for comparison: case, apostrophes, dashes, spaces, titles, leading article.

    >>> norm_name("Le  Carrefour culturel – des Bois-Francs."), norm_name("Mme Nathalie Roy")
    ('carrefour culturel-des bois-francs', 'nathalie roy')
    """
    s = unicodedata.normalize("NFKC", name).casefold().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(char_class(DASHES), "-", s)
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r"\s+", " ", s).strip(" .,;:")
    return _ARTICLES.sub("", _TITLES.sub("", s))


def _strip_accents(s: str) -> str:
    return strip_accents(unicodedata.normalize("NFC", s))


def same_name(a: str | None, b: str | None, *, fuzzy: bool = True) -> bool:
    """Whether two names are the same entity as written (``fuzzy``: rapidfuzz ratio >= 90,
    or token-sort ratio >= 92 for names of 8+ characters, as the shared scorer does).

    >>> same_name("Ministère de la Famille", "ministère de la Famille"), same_name("Estrie", "Outaouais")
    (True, False)
    """
    if a is None or b is None:
        return False
    x, y = norm_name(a), norm_name(b)
    if x == y or _strip_accents(x) == _strip_accents(y):
        return True
    if not fuzzy:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(x, y) >= 90 or (min(len(x), len(y)) >= 8 and fuzz.token_sort_ratio(x, y) >= 92)


def same_value(label: str, gold: Any, pred: Any) -> bool:
    """Whether a predicted normalized value equals the gold one for ``label``.

    >>> same_value("AMOUNT", Decimal("750000"), Decimal("750000.00")), same_value("DATE", "2021-05", "2021-05-04")
    (True, False)
    >>> same_value("REGION", "Gaspésie–Îles-de-la-Madeleine", "Gaspésie-Îles-de-la-Madeleine")
    True
    """
    if gold is None or pred is None:
        return False
    if label == "AMOUNT":
        return isinstance(gold, Decimal) and isinstance(pred, Decimal) and gold == pred
    if label == "DATE":
        return str(gold) == str(pred)
    return same_name(str(gold), str(pred), fuzzy=label != "REGION")


# ---------------------------------------------------------------- loading


def load_gold(source: Source) -> list[Annotation]:
    """Annotations from a list, a folder (``annotations/`` reads ``annotations/spans/``) or a file.

    A folder holding only document-level gold (``/work/shared/eval/SCHEMA.md``) is converted
    on the fly with :func:`~annonces.annotation.gold.gold_to_annotation` over each file's
    ``text``; values it cannot locate are listed in ``meta["unlocated"]``.
    """
    if not isinstance(source, (str, Path)):
        return list(source)
    found = read_annotations(source)
    if found or not Path(source).is_dir():
        return found
    from .annotation.gold import gold_to_annotation

    out = []
    for f in sorted(Path(source).glob("*.json")):
        obj = json.loads(f.read_text(encoding="utf-8"))
        if isinstance(obj, dict) and "gold" in obj and isinstance(obj.get("text"), str):
            out.append(gold_to_annotation({"id": f.stem, **obj})[0])
    return out


def load_predictions(source: Source, texts: Mapping[str, str]) -> tuple[list[Annotation], list[str]]:
    """Predicted annotations from a list, a folder of annotations, or a JSONL file of
    annotations or ``annonces batch`` lines (whose text is taken from ``texts`` by id), and
    the ids of the batch lines skipped because ``texts`` has no text for them."""
    if not isinstance(source, (str, Path)):
        return list(source), []
    p = Path(source)
    if p.is_dir() or p.suffix.lower() == ".json":
        return read_annotations(p), []
    if not p.exists():
        raise FileNotFoundError(f"no such file: {p}")
    out, skipped = [], []
    for n, line in enumerate(p.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            raise ValueError(f"{p}:{n}: invalid JSON: {e}") from None
        if not isinstance(obj, dict):
            raise ValueError(f"{p}:{n}: not a JSON object")
        if "spans" in obj:
            out.append(Annotation.from_dict(obj))
        elif "entities" in obj or "doc_id" in obj:
            doc_id = str(obj.get("doc_id") or Path(str(obj.get("path") or "")).stem)
            text = obj.get("text") if isinstance(obj.get("text"), str) else texts.get(doc_id)
            if text is None:
                skipped.append(doc_id)
            else:
                out.append(annotation_from_batch_line(obj, text=text))
        else:
            raise ValueError(f"{p}:{n}: neither an annotation ('spans') nor a batch line ('entities')")
    return out, skipped


# ---------------------------------------------------------------- scoring


def _key(s: Span) -> tuple[int, int, str]:
    return (s.start, s.end, s.label)


def _unique(spans: Iterable[Span], labels: Sequence[str]) -> list[Span]:
    seen: dict[tuple[int, int, str], Span] = {}
    for s in spans:
        if s.label in labels:
            seen.setdefault(_key(s), s)
    return list(seen.values())


def _score_spans(gold: Annotation, pred: Annotation, labels: Sequence[str]
                 ) -> tuple[dict[str, LabelScores], list[SpanError]]:
    g_spans, p_spans = _unique(gold.spans, labels), _unique(pred.spans, labels)
    p_by_key = {_key(s): s for s in p_spans}
    exact = {_key(g) for g in g_spans if _key(g) in p_by_key}
    # overlap: one-to-one pairs of the same label, exact pairs first, then by shared characters
    pairs = sorted(((g, p) for g in g_spans for p in p_spans
                    if g.label == p.label and min(g.end, p.end) > max(g.start, p.start)),
                   key=lambda gp: (_key(gp[0]) != _key(gp[1]),
                                   -(min(gp[0].end, gp[1].end) - max(gp[0].start, gp[1].start)),
                                   gp[0].start, gp[1].start))
    g_used: dict[tuple[int, int, str], Span] = {}
    p_used: set[tuple[int, int, str]] = set()
    for g, p in pairs:
        if _key(g) not in g_used and _key(p) not in p_used:
            g_used[_key(g)] = p
            p_used.add(_key(p))
    scores = {}
    errors: list[SpanError] = []
    for label in labels:
        gl = [g for g in g_spans if g.label == label]
        pl = [p for p in p_spans if p.label == label]
        tp = sum(_key(g) in exact for g in gl)
        ov = sum(_key(g) in g_used for g in gl)
        judged = [(g, p_by_key[_key(g)]) for g in gl if _key(g) in exact and g.value is not None]
        right = sum(same_value(label, g.value, p.value) for g, p in judged)
        scores[label] = LabelScores(label, Counts(tp, len(gl), len(pl)), Counts(ov, len(gl), len(pl)),
                                    right, len(judged))
        for g, p in judged:
            if not same_value(label, g.value, p.value):
                errors.append(SpanError("value", label, g.start, g.end, gold.span_text(g),
                                        _show(g.value), _show(p.value)))
    explained: set[tuple[int, int, str]] = set(exact)
    by_offsets = {(p.start, p.end): p for p in p_spans if _key(p) not in exact}
    for g in sorted(g_spans, key=lambda s: (s.start, s.end)):
        if _key(g) in exact:
            continue
        p = g_used.get(_key(g))
        other = by_offsets.get((g.start, g.end))
        if p is not None:
            explained.add(_key(p))
            errors.append(SpanError("boundary", g.label, g.start, g.end, gold.span_text(g),
                                    found=f"{p.start}-{p.end} {pred.text[p.start:p.end]!r}"))
        elif other is not None and _key(other) not in explained and _key(other) not in p_used:
            explained.add(_key(other))
            errors.append(SpanError("label", g.label, g.start, g.end, gold.span_text(g), g.label, other.label))
        else:
            errors.append(SpanError("missed", g.label, g.start, g.end, gold.span_text(g), _show(g.value)))
    for p in sorted(p_spans, key=lambda s: (s.start, s.end)):
        if _key(p) not in explained:
            errors.append(SpanError("spurious", p.label, p.start, p.end, pred.text[p.start:p.end], found=_show(p.value)))
    order = {"value": 0, "boundary": 0, "label": 0, "missed": 0, "spurious": 0}
    errors.sort(key=lambda e: (e.start, e.end, order[e.kind]))
    return scores, errors


def _show(value: Any) -> str | None:
    if value is None:
        return None
    return str(json_number(value)) if isinstance(value, Decimal) else str(value)


@dataclass(frozen=True)
class _Resolved:
    """A record with its span references replaced by values."""

    names: tuple[str, ...]
    amount: Decimal | None
    total_cost: Decimal | None
    program: tuple[str, ...]
    region: tuple[str, ...]
    date: str | None
    ministers: tuple[tuple[str, ...], ...]


def _names(a: Annotation, span_id: str | None) -> tuple[str, ...]:
    s = a.span(span_id)
    if s is None:
        return ()
    text = a.span_text(s)
    return tuple(dict.fromkeys(x for x in (str(s.value) if s.value is not None else None, text) if x))


def _money(a: Annotation, span_id: str | None) -> Decimal | None:
    s = a.span(span_id)
    if s is None:
        return None
    if isinstance(s.value, Decimal):
        return s.value
    from .extractors.amounts import parse_amount

    parsed = parse_amount(a.span_text(s))
    return parsed.value if parsed is not None else None


def _resolve(a: Annotation, r: RecordAnnotation) -> _Resolved:
    return _Resolved(_names(a, r.recipient), _money(a, r.amount), _money(a, r.total_cost), _names(a, r.program),
                     _names(a, r.region), r.date, tuple(_names(a, m) for m in r.ministers))


def _any_same(gold: tuple[str, ...], pred: tuple[str, ...], *, fuzzy: bool = True) -> bool:
    return any(same_name(g, p, fuzzy=fuzzy) for g in gold for p in pred)


def _ministers_match(gold: tuple[tuple[str, ...], ...], pred: tuple[tuple[str, ...], ...]) -> bool:
    used: set[int] = set()
    for g in gold:
        i = next((i for i, p in enumerate(pred) if i not in used and _any_same(g, p)), None)
        if i is None:
            return False
        used.add(i)
    return len(used) == len({p for p in pred})


def _score_records(gold: Annotation, pred: Annotation, fields: dict[str, list[int]]
                   ) -> tuple[Counts, list[RecordError]]:
    g_recs = [_resolve(gold, r) for r in gold.records]
    p_recs = [_resolve(pred, r) for r in pred.records]
    used: set[int] = set()
    errors: list[RecordError] = []
    for g in g_recs:
        label = (g.names[0] if g.names else "?", _show(g.amount) or "?")
        i = next((i for i, p in enumerate(p_recs) if i not in used and g.amount is not None
                  and p.amount == g.amount and _any_same(g.names, p.names)), None)
        if i is None:
            errors.append(RecordError("missed", *label))
            continue
        used.add(i)
        p = p_recs[i]
        checks: list[tuple[str, bool, str | None, str | None]] = []
        if g.program:
            checks.append(("program", _any_same(g.program, p.program), g.program[0], _first(p.program)))
        if g.region:
            checks.append(("region", _any_same(g.region, p.region, fuzzy=False), g.region[0], _first(p.region)))
        if g.date is not None:
            checks.append(("date", g.date == p.date, g.date, p.date))
        if g.total_cost is not None:
            checks.append(("total_cost", g.total_cost == p.total_cost, _show(g.total_cost), _show(p.total_cost)))
        if g.ministers:
            checks.append(("ministers", _ministers_match(g.ministers, p.ministers),
                           ", ".join(m[0] for m in g.ministers if m), ", ".join(m[0] for m in p.ministers if m)))
        for name, ok, expected, found in checks:
            c = fields.setdefault(name, [0, 0])
            c[0] += ok
            c[1] += 1
            if not ok:
                errors.append(RecordError("field", *label, name, expected, found))
    for i, p in enumerate(p_recs):
        if i not in used:
            errors.append(RecordError("spurious", p.names[0] if p.names else "?", _show(p.amount) or "?"))
    return Counts(len(used), len(g_recs), len(p_recs)), errors


def _first(names: tuple[str, ...]) -> str | None:
    return names[0] if names else None


def evaluate(gold: Source, pred: Source, *, labels: Iterable[str] | None = None) -> EvaluationReport:
    """Score ``pred`` against ``gold`` (lists of :class:`Annotation`, or paths: an annotations
    folder, ``.json`` or ``.jsonl``; ``pred`` may also be ``annonces batch`` JSONL output).

    Documents are matched by id; a gold document without prediction counts all its spans
    and records as missed; predictions without gold are listed, not scored.  ``labels``
    restricts the span labels scored (default: all six).
    """
    label_list = tuple(labels) if labels is not None else LABELS
    golds = load_gold(gold)
    ids = [a.id for a in golds]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"gold has several documents with id {', '.join(dup)}")
    loaded, skipped = load_predictions(pred, {a.id: a.text for a in golds})
    preds = {a.id: a for a in loaded}
    totals = {label: LabelScores(label) for label in label_list}
    records = Counts()
    fields: dict[str, list[int]] = {}
    docs = []
    for g in golds:
        p = preds.get(g.id)
        warnings = [f"gold value not located in the text: {u}" for u in g.meta.get("unlocated", ())]
        if p is not None and p.text != g.text:
            warnings.append("predicted text differs from the gold text: offsets may not correspond")
        if p is not None:
            warnings += [f"prediction: {w}" for w in p.meta.get("warnings", ())]
            if p.meta.get("error"):
                warnings.append(f"prediction error: {p.meta['error']}")
        scores, span_errors = _score_spans(g, p or Annotation(g.id, g.text, ()), label_list)
        for label, s in scores.items():
            totals[label] = totals[label] + s
        counts, record_errors = _score_records(g, p or Annotation(g.id, g.text, ()), fields)
        records = records + counts
        docs.append(DocumentErrors(g.id, tuple(span_errors), tuple(record_errors), p is None, tuple(warnings)))
    extra = tuple(sorted((set(preds) | set(skipped)) - set(ids)))
    ordered = {k: tuple(fields[k]) for k in RECORD_FIELDS if k in fields}
    return EvaluationReport(totals, records, {k: (v[0], v[1]) for k, v in ordered.items()}, tuple(docs), extra)


# ---------------------------------------------------------------- command line

EVALUATE_EXAMPLE = """\
examples:
  annonces batch corpus/ -o /tmp/corpus.jsonl --fast
  annonces evaluate annotations/ /tmp/corpus.jsonl
  annonces evaluate annotations/spans corrected.jsonl --errors
  annonces evaluate annotations/ /tmp/corpus.jsonl --json > scores.json

GOLD: span-level annotations (a folder of .json/.jsonl, e.g. annotations/ whose
spans/ subfolder holds them, or one .jsonl).  PRED: annonces batch output (JSONL,
documents matched by doc_id = file stem) or annotations in the same format."""


def add_evaluate_command(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``annonces evaluate GOLD PRED`` on an argparse ``subparsers`` object."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "evaluate", help="score predictions against span-level gold annotations",
        description="Span (exact and overlap), value and record scores of PRED against GOLD, with errors by document.",
        epilog=EVALUATE_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", metavar="GOLD", type=Path, help="gold annotations: folder, .json or .jsonl")
    p.add_argument("pred", metavar="PRED", type=Path, help="predictions: annonces batch JSONL, or annotations")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--errors", action="store_true", help="list every error under its document in the table")
    p.add_argument("--labels", nargs="+", choices=LABELS, metavar="LABEL",
                   help=f"span labels to score (default all: {' '.join(LABELS)})")
    p.set_defaults(func=run_evaluate_command)
    return p


def run_evaluate_command(args: argparse.Namespace) -> int:
    """Run ``annonces evaluate``; 0 when the report is printed, 2 for usage errors."""
    for name, path in (("GOLD", args.gold), ("PRED", args.pred)):
        if not Path(path).exists():
            print(f"annonces evaluate: error: {name} not found: {path}", file=sys.stderr)
            return 2
    try:
        report = evaluate(args.gold, args.pred, labels=args.labels)
    except (ValueError, KeyError, TypeError) as e:
        print(f"annonces evaluate: error: {e}", file=sys.stderr)
        return 2
    if not report.documents:
        print(f"annonces evaluate: error: no annotations in GOLD: {args.gold}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(report.table(errors=args.errors))
    return 0
