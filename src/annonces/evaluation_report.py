"""The results of an evaluation: counts, scores per label, errors per document, the report.

>>> c = Counts(tp=3, gold=5, pred=4)
>>> (round(c.precision, 2), round(c.recall, 2), round(c.f1, 2))
(0.75, 0.6, 0.67)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .scores import precision_recall_f1


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Counts:
    """True positives, gold and predicted counts; P/R/F as the shared scorer computes them
    (1.0 when there is nothing to find and nothing found)."""

    tp: int = 0
    gold: int = 0
    pred: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.gold + other.gold, self.pred + other.pred)

    @property
    def precision(self) -> float:
        return precision_recall_f1(self.tp, self.gold, self.pred)[0]

    @property
    def recall(self) -> float:
        return precision_recall_f1(self.tp, self.gold, self.pred)[1]

    @property
    def f1(self) -> float:
        return precision_recall_f1(self.tp, self.gold, self.pred)[2]

    def to_dict(self) -> dict[str, Any]:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "gold": self.gold, "pred": self.pred}


@dataclass(frozen=True)
class LabelScores:
    """Scores of one label: exact and overlap span counts, values right on exact matches."""

    label: str
    exact: Counts = Counts()
    overlap: Counts = Counts()
    value_correct: int = 0
    value_total: int = 0

    @property
    def value_accuracy(self) -> float | None:
        return self.value_correct / self.value_total if self.value_total else None

    def __add__(self, other: LabelScores) -> LabelScores:
        return LabelScores(self.label, self.exact + other.exact, self.overlap + other.overlap,
                           self.value_correct + other.value_correct, self.value_total + other.value_total)

    def to_dict(self) -> dict[str, Any]:
        acc = self.value_accuracy
        return {"exact": self.exact.to_dict(), "overlap": self.overlap.to_dict(),
                "value_accuracy": None if acc is None else round(acc, 4),
                "value_correct": self.value_correct, "value_total": self.value_total}


@dataclass(frozen=True)
class SpanError:
    """A span error: ``missed``, ``spurious``, ``boundary``, ``label`` or ``value``.

    ``start``/``end``/``text`` are the gold span's (the predicted one's for ``spurious``);
    ``expected``/``found`` the gold and predicted label or value, or for ``boundary`` the
    predicted span as ``"start-end 'text'"``.
    """

    kind: str
    label: str
    start: int
    end: int
    text: str
    expected: str | None = None
    found: str | None = None

    def line(self) -> str:
        s = f"{self.kind:<9}{self.label:<9}{self.start}-{self.end} {self.text!r}"
        if self.kind == "boundary":
            return f"{s} -> predicted {self.found}"
        if self.kind in ("label", "value"):
            return f"{s}: expected {self.expected!r}, found {self.found!r}"
        return s


@dataclass(frozen=True)
class RecordError:
    """A record error: ``missed``, ``spurious`` or ``field`` (a wrong field on a matched record)."""

    kind: str
    recipient: str
    amount: str
    field: str | None = None
    expected: str | None = None
    found: str | None = None

    def line(self) -> str:
        s = f"{self.kind:<9}record {self.recipient!r} {self.amount}"
        return s if self.field is None else f"{s}: {self.field} expected {self.expected!r}, found {self.found!r}"


@dataclass(frozen=True)
class DocumentErrors:
    """Errors found in one document."""

    doc_id: str
    spans: tuple[SpanError, ...] = ()
    records: tuple[RecordError, ...] = ()
    missing_prediction: bool = False
    warnings: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in ("missed", "spurious", "boundary", "label", "value")}
        for e in self.spans:
            out[e.kind] += 1
        for k in ("missed", "spurious", "field"):
            out[f"records_{k}"] = sum(e.kind == k for e in self.records)
        return out


@dataclass(frozen=True)
class EvaluationReport:
    """The scores of :func:`evaluate`; :meth:`to_dict` for JSON, :meth:`table` to read."""

    labels: dict[str, LabelScores]
    records: Counts
    fields: dict[str, tuple[int, int]] = field(default_factory=dict, hash=False)
    documents: tuple[DocumentErrors, ...] = ()
    predictions_without_gold: tuple[str, ...] = ()

    @property
    def micro(self) -> LabelScores:
        """All labels pooled."""
        total = LabelScores("all")
        for s in self.labels.values():
            total = total + s
        return LabelScores("all", total.exact, total.overlap, total.value_correct, total.value_total)

    @property
    def missing_predictions(self) -> tuple[str, ...]:
        return tuple(d.doc_id for d in self.documents if d.missing_prediction)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "missing_predictions": list(self.missing_predictions),
            "predictions_without_gold": list(self.predictions_without_gold),
            "labels": {k: v.to_dict() for k, v in self.labels.items()},
            "all": self.micro.to_dict(),
            "records": self.records.to_dict(),
            "record_fields": {k: {"accuracy": round(c / t, 4) if t else None, "correct": c, "total": t}
                              for k, (c, t) in self.fields.items()},
            "errors": [{"doc_id": d.doc_id, "missing_prediction": d.missing_prediction, "warnings": list(d.warnings),
                        "spans": [asdict(e) for e in d.spans], "records": [asdict(e) for e in d.records]}
                       for d in self.documents],
        }

    def table(self, *, errors: bool = False) -> str:
        """The scores as text; ``errors=True`` lists every error under its document."""
        n = len(self.documents)
        head = f"{n} documents, {len(self.missing_predictions)} without prediction"
        if self.predictions_without_gold:
            head += f", {len(self.predictions_without_gold)} predictions without gold " \
                    f"({', '.join(self.predictions_without_gold[:5])}{', ...' if len(self.predictions_without_gold) > 5 else ''})"
        lines = [head, "",
                 f"{'label':<10}{'exact P':>8}{'R':>7}{'F1':>7}   {'overlap P':>9}{'R':>7}{'F1':>7}"
                 f"   {'value acc':>15}   {'gold':>5}{'pred':>6}"]
        for s in [*self.labels.values(), self.micro]:
            acc = "-" if s.value_accuracy is None else f"{s.value_accuracy:.3f} ({s.value_correct}/{s.value_total})"
            lines.append(f"{s.label:<10}{s.exact.precision:>8.3f}{s.exact.recall:>7.3f}{s.exact.f1:>7.3f}   "
                         f"{s.overlap.precision:>9.3f}{s.overlap.recall:>7.3f}{s.overlap.f1:>7.3f}   "
                         f"{acc:>15}   {s.exact.gold:>5}{s.exact.pred:>6}")
        r = self.records
        lines += ["", f"{'records':<10}{r.precision:>8.3f}{r.recall:>7.3f}{r.f1:>7.3f}"
                      f"   (gold {r.gold}, pred {r.pred}, matched {r.tp})"]
        fields = ", ".join(f"{k} {c / t:.3f} ({c}/{t})" for k, (c, t) in self.fields.items() if t)
        lines.append(f"record fields (accuracy on matched records): {fields or 'none'}")
        lines += ["", f"{'errors by document':<46}{'missed':>7}{'spur.':>6}{'bound.':>7}{'label':>6}{'value':>6}"
                      f"  | records {'missed':>6}{'spur.':>6}{'field':>6}"]
        for d in self.documents:
            c = d.counts()
            name = d.doc_id if len(d.doc_id) <= 44 else d.doc_id[:41] + "..."
            note = "  (no prediction)" if d.missing_prediction else ""
            lines.append(f"  {name:<44}{c['missed']:>7}{c['spurious']:>6}{c['boundary']:>7}{c['label']:>6}"
                         f"{c['value']:>6}  |         {c['records_missed']:>6}{c['records_spurious']:>6}"
                         f"{c['records_field']:>6}{note}")
            if errors:
                lines += [f"      {w}" for w in d.warnings]
                lines += [f"      {e.line()}" for e in d.spans]
                lines += [f"      {e.line()}" for e in d.records]
        return "\n".join(lines)
