"""A notebook view of one document: displaCy spans plus a table of the records.

:func:`show` takes a pipeline ``Doc``, an :class:`~annonces.types.Extraction` or an
:class:`~annonces.annotation.format.Annotation`.  Every kind of span goes into one
displaCy ``style="span"`` view (overlaps are stacked) under the annotation labels
MINISTER, ORG, AMOUNT, PROGRAM, REGION and DATE; the records become a pandas
DataFrame.  In Jupyter the view is displayed and the DataFrame returned; elsewhere a
:class:`ShowResult` holds the HTML and the rows (``.records``/``.spans`` build the
DataFrames on access, so pandas is needed only for them).

>>> from annonces.types import Amount, Extraction
>>> from decimal import Decimal
>>> text = "Une aide de 150 000 $ à Gaspé."
>>> x = Extraction(text=text, published=None,
...                entities={"amounts": (Amount(Decimal(150000), "CAD", "150 000 $", 12, 21),)})
>>> r = show(x, jupyter=False)
>>> [(s.label, s.text, s.value) for s in r.span_rows]
[('AMOUNT', '150 000 $', Decimal('150000'))]
>>> "AMOUNT" in r.html and "150000" in r.html
True
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..types import Extraction, FundingRecord
from .format import Annotation, RecordAnnotation, to_decimal

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from spacy.tokens import Doc

#: span labels whose normalized value is printed next to the label in the view
VALUE_LABELS = frozenset({"AMOUNT", "DATE"})
#: record fields of an annotation that hold span ids
SPAN_FIELDS = ("recipient", "amount", "total_cost", "program", "region")


@dataclass(frozen=True)
class Label:
    """An annotation label: its ``Extraction.entities`` key, display colour and meaning."""

    label: str
    group: str
    color: str
    description: str


@cache
def labels() -> tuple[Label, ...]:
    """The annotation labels, in display order (``static/labels.jsonl``).

    >>> [lab.label for lab in labels()]
    ['MINISTER', 'ORG', 'AMOUNT', 'PROGRAM', 'REGION', 'DATE']
    >>> labels()[2].group
    'amounts'
    """
    path = resources.files("annonces").joinpath("annotation/static/labels.jsonl")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(Label(**json.loads(line)))
    return tuple(out)


def label_colors() -> dict[str, str]:
    """``{label: colour}`` for displaCy and the widget.

    >>> label_colors()["AMOUNT"]
    '#ffd166'
    """
    return {lab.label: lab.color for lab in labels()}


@dataclass(frozen=True)
class ViewSpan:
    """One span to display: character offsets into the text, label, text as written, value."""

    start: int
    end: int
    label: str
    text: str
    value: Any = None
    id: str | None = None


def _entity_value(v: Any) -> Any:
    if hasattr(v, "iso"):  # DateValue
        return v.iso
    if hasattr(v, "canonical"):  # Mention
        return v.canonical
    return getattr(v, "value", None)  # Amount


def extraction_spans(x: Extraction) -> list[ViewSpan]:
    """The entities of an extraction as labelled spans, in text order.

    >>> from annonces.types import Mention
    >>> m = Mention("region", "Gaspésie", 4, 12, "Gaspésie–Îles-de-la-Madeleine")
    >>> extraction_spans(Extraction(text="En  Gaspésie", published=None, entities={"regions": (m,)}))
    [ViewSpan(start=4, end=12, label='REGION', text='Gaspésie', value='Gaspésie–Îles-de-la-Madeleine', id=None)]
    """
    out = [ViewSpan(v.start, v.end, lab.label, v.text, _entity_value(v))
           for lab in labels() for v in x.entities.get(lab.group, ())]
    return sorted(out, key=lambda s: (s.start, -s.end, s.label))


def annotation_spans(a: Annotation) -> list[ViewSpan]:
    """The spans of an annotation, with their text read from the document.

    >>> from annonces.annotation.format import Span
    >>> a = Annotation(id="d", text="Aide de 5 000 $.", spans=(Span("s1", 8, 15, "AMOUNT", 5000),))
    >>> annotation_spans(a)
    [ViewSpan(start=8, end=15, label='AMOUNT', text='5 000 $', value=Decimal('5000'), id='s1')]
    """
    out = [ViewSpan(s.start, s.end, s.label, a.text[s.start:s.end], s.value, s.id) for s in a.spans]
    return sorted(out, key=lambda s: (s.start, -s.end, s.label))


def funding_record_row(r: FundingRecord) -> dict[str, Any]:
    """One row of the records table for a :class:`~annonces.types.FundingRecord`."""
    return {
        "recipient": r.recipient, "amount": r.amount, "currency": r.currency, "kind": r.kind,
        "total_cost": r.total_cost, "program": r.program, "region": r.region, "date": r.date,
        "ministers": ", ".join(r.ministers), "funder": r.funder, "confidence": r.confidence,
        "evidence": r.evidence.text, "warnings": ", ".join(r.warnings),
    }


def record_annotation_row(a: Annotation, r: RecordAnnotation) -> dict[str, Any]:
    """One row of the records table for a record of an annotation (span ids resolved).

    Names show the span's value (canonical name) or else its text; amounts are Decimals.

    >>> from annonces.annotation.format import Span
    >>> a = Annotation(id="d", text="5 000 $ à Vélo Québec", spans=(
    ...     Span("s1", 0, 7, "AMOUNT", 5000), Span("s2", 10, 21, "ORG")))
    >>> row = record_annotation_row(a, RecordAnnotation(id="r1", recipient="s2", amount="s1"))
    >>> row["recipient"], row["amount"], row["kind"]
    ('Vélo Québec', Decimal('5000'), 'grant')
    """
    by_id = {s.id: s for s in a.spans}

    def name(span_id: str | None) -> str | None:
        s = by_id.get(span_id) if span_id else None
        if s is None:
            return None
        return str(s.value) if s.value not in (None, "") else a.text[s.start:s.end]

    def money(span_id: str | None) -> Decimal | None:
        s = by_id.get(span_id) if span_id else None
        return to_decimal(s.value) if s is not None else None

    return {
        "id": r.id, "recipient": name(r.recipient), "amount": money(r.amount), "kind": r.kind,
        "total_cost": money(r.total_cost), "program": name(r.program), "region": name(r.region),
        "date": r.date, "ministers": ", ".join(n for n in map(name, r.ministers) if n),
        "funder": r.funder,
    }


def _tokens(line: str, offset: int, cuts: set[int]) -> list[tuple[int, int]]:
    """Character ranges of the words of ``line`` (starting at ``offset``), also cut at ``cuts``.

    >>> _tokens("de 150 000 $.", 10, {13, 22})
    [(10, 12), (13, 16), (17, 20), (21, 22), (22, 23)]
    """
    out = []
    for m in re.finditer(r"\S+", line):
        start, end = m.start() + offset, m.end() + offset
        for cut in sorted(c for c in cuts if start < c < end):
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


def displacy_data(text: str, spans: Sequence[ViewSpan], *, title: str | None = None) -> list[dict[str, Any]]:
    """displaCy ``manual`` span data, one entry per non-empty line of ``text``.

    Tokens are the words of each line, also cut at span boundaries, so every span is
    shown on exactly its characters; a span running over a line break is shown on
    each of its lines.  A normalized AMOUNT or DATE value is shown after its label.

    >>> data = displacy_data("Titre\\nUne aide de 5 000 $.", [ViewSpan(18, 25, "AMOUNT", "5 000 $", 5000)])
    >>> [d["tokens"] for d in data]
    [['Titre'], ['Une', 'aide', 'de', '5', '000', '$', '.']]
    >>> data[1]["spans"][0]["start_token"], data[1]["spans"][0]["end_token"], data[1]["spans"][0]["kb_id"]
    (3, 6, '5000')
    """
    cuts = {s.start for s in spans} | {s.end for s in spans}
    out: list[dict[str, Any]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        toks = _tokens(line, start, cuts)
        if not toks:
            continue
        entries = []
        for s in spans:
            inside = [i for i, (a, b) in enumerate(toks) if a < s.end and b > s.start]
            if not inside:
                continue
            value = s.value if s.label in VALUE_LABELS and s.value is not None else ""
            entries.append({
                "start_token": inside[0], "end_token": inside[-1] + 1, "label": s.label,
                "kb_id": html.escape(str(value)), "kb_url": "#",
            })
        out.append({
            "text": line, "tokens": [text[a:b] for a, b in toks], "spans": entries,
            "title": html.escape(title) if title and not out else None,
            "settings": {"lang": "fr", "direction": "ltr"},
        })
    return out


def render_spans(text: str, spans: Sequence[ViewSpan], *, title: str | None = None) -> str:
    """The displaCy span view of ``text`` as an HTML string (no statistical model needed).

    >>> out = render_spans("Aide de 5 000 $ à Vélo Québec.", [ViewSpan(8, 15, "AMOUNT", "5 000 $", 5000),
    ...                    ViewSpan(18, 29, "ORG", "Vélo Québec")])
    >>> out.count("AMOUNT"), out.count("ORG"), "Vélo" in out
    (1, 1, True)
    """
    from spacy import displacy

    data = displacy_data(text, spans, title=title)
    if not data:
        return '<div class="spans"></div>'
    return displacy.render(data, style="span", manual=True, jupyter=False,
                           options={"colors": label_colors()})


@dataclass(frozen=True)
class ShowResult:
    """What :func:`show` returns outside Jupyter: the HTML view and the table rows."""

    html: str
    record_rows: tuple[dict[str, Any], ...] = ()
    span_rows: tuple[ViewSpan, ...] = field(default=())

    @property
    def records(self) -> pd.DataFrame:
        """The records as a pandas DataFrame (object columns: amounts stay Decimal, gaps ``None``)."""
        import pandas as pd

        return pd.DataFrame(list(self.record_rows), dtype=object)

    @property
    def spans(self) -> pd.DataFrame:
        """The spans as a pandas DataFrame: start, end, label, text, value, id."""
        import pandas as pd

        return pd.DataFrame(spans_table(self.span_rows), columns=["start", "end", "label", "text", "value", "id"])

    def _repr_html_(self) -> str:
        return self.html + self.records.to_html(index=False)


def _is_doc(obj: Any) -> bool:
    from spacy.tokens import Doc

    return isinstance(obj, Doc)


def view(obj: Doc | Extraction | Annotation) -> ShowResult:
    """The view of ``obj`` without displaying it (see :func:`show`)."""
    if isinstance(obj, Annotation):
        spans = annotation_spans(obj)
        rows = [record_annotation_row(obj, r) for r in obj.records]
        return ShowResult(render_spans(obj.text, spans, title=obj.id), tuple(rows), tuple(spans))
    if not isinstance(obj, Extraction) and _is_doc(obj):
        from ..api import from_doc

        obj = from_doc(obj)
    if isinstance(obj, Extraction):
        spans = extraction_spans(obj)
        rows = [funding_record_row(r) for r in obj.records]
        return ShowResult(render_spans(obj.text, spans), tuple(rows), tuple(spans))
    raise TypeError(f"show() takes a spaCy Doc, an Extraction or an Annotation, not {type(obj).__name__}")


def _in_jupyter() -> bool:
    from spacy.displacy import is_in_jupyter

    return bool(is_in_jupyter())


def show(obj: Doc | Extraction | Annotation, *, jupyter: bool | None = None) -> ShowResult | pd.DataFrame:
    """Show the spans of ``obj`` with displaCy and its records as a DataFrame.

    ``obj`` is a ``Doc`` from the pipeline, an :class:`~annonces.types.Extraction` or
    an :class:`~annonces.annotation.format.Annotation`.  With ``jupyter=None`` (the
    default) the environment decides: in Jupyter the span view is displayed and the
    records DataFrame returned (so it shows as the cell's output); otherwise a
    :class:`ShowResult` is returned with ``.html``, ``.records`` and ``.spans``.

    >>> import annonces
    >>> x = annonces.extract("QUÉBEC, le 4 mai 2021 - Une aide de 150 000 $ est accordée à la Ville de Gaspé.",
    ...                      fast=True)
    >>> r = show(x, jupyter=False)
    >>> sorted({s.label for s in r.span_rows}), [row["recipient"] for row in r.record_rows]
    (['AMOUNT', 'DATE', 'ORG'], ['Ville de Gaspé'])
    """
    result = view(obj)
    if jupyter is None:
        jupyter = _in_jupyter()
    if not jupyter:
        return result
    from IPython.display import HTML, display

    display(HTML(result.html))
    return result.records


def spans_table(rows: Iterable[ViewSpan]) -> list[Mapping[str, Any]]:
    """Plain dict rows of spans (for JSON or a DataFrame).

    >>> spans_table([ViewSpan(0, 4, "ORG", "Vélo")])
    [{'start': 0, 'end': 4, 'label': 'ORG', 'text': 'Vélo', 'value': None, 'id': None}]
    """
    return [{"start": s.start, "end": s.end, "label": s.label, "text": s.text, "value": s.value, "id": s.id}
            for s in rows]


__all__ = ["Label", "ShowResult", "ViewSpan", "annotation_spans", "displacy_data", "extraction_spans",
           "funding_record_row", "label_colors", "labels", "record_annotation_row", "render_spans", "show",
           "spans_table", "view"]
