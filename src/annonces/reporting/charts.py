"""Charts of a report, drawn by matplotlib and saved as static SVG text.

matplotlib is used without pyplot (a :class:`~matplotlib.figure.Figure` per chart), so it
needs no display and no global state.  Text stays text in the SVG (``svg.fonttype =
"none"``: small files, searchable in the page, no font file to fetch); each figure gets its
own hash salt so that the ids of several SVGs inlined in one page never collide.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

GRANT_COLOUR = "#2b6cb0"
LOAN_COLOUR = "#dd6b20"
KIND_LABELS = {"grant": "subventions", "loan": "prêts"}


def money_label(value: Decimal | float, currency: str) -> str:
    """A short amount for an axis: ``1,4 M$``, ``250 k€``.

    >>> money_label(Decimal("1400000"), "CAD"), money_label(250000, "EUR"), money_label(950, "CAD")
    ('1,4 M$', '250 k€', '950 $')
    """
    symbol = {"CAD": "$", "EUR": "€", "USD": "US$"}.get(currency, currency)
    v = float(value)
    for limit, unit in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= limit:
            text = f"{v / limit:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{text} {unit}{symbol}"
    return f"{v:.0f} {symbol}"


def blended_transform_factory(x: Any, y: Any) -> Any:
    from matplotlib.transforms import blended_transform_factory as blend

    return blend(x, y)


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=96)
    fig.patch.set_facecolor("white")
    return fig


def svg_text(fig: Any, salt: str) -> str:
    """The SVG of a figure, without XML prolog, ready to inline in HTML."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    return re.sub(r"^.*?(?=<svg)", "", text, flags=re.DOTALL)


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def bar_panels(panels: Sequence[tuple[str, Sequence[tuple[str, Decimal]], str]], currency: str) -> Any:
    """A figure with one horizontal bar chart per panel ``(title, [(label, amount)], kind)``:
    the panels of one currency side by side (grants, then loans), largest bar on top.

    The layout is computed from the longest label (no ``tight_layout``: one drawing pass)."""
    rows = max((len(items) for _t, items, _k in panels), default=1)
    label_w = 0.35 + 0.068 * max((len(_short(label)) for _t, items, _k in panels for label, _v in items), default=8)
    plot_w, bar_h = 3.4, 0.22
    width, height = len(panels) * (label_w + plot_w + 0.2), 0.75 + bar_h * max(rows, 3)
    fig = _figure(width, height)
    for n, (title, items, kind) in enumerate(panels):
        left = (n * (label_w + plot_w + 0.2) + label_w) / width
        ax = fig.add_axes((left, 0.35 / height, plot_w / width, 1 - 0.7 / height))
        labels = [_short(label) for label, _v in items]
        values = [float(v) for _l, v in items]
        ys = [rows - 1 - i for i in range(len(values))]  # same bar height in every panel, from the top
        ax.barh(ys, values, height=0.75, color=LOAN_COLOUR if kind == "loan" else GRANT_COLOUR)
        ax.set_yticks([])  # labels as plain texts: a matplotlib tick costs ten times a text
        to_left = blended_transform_factory(ax.transAxes, ax.transData)
        for y, label in zip(ys, labels):
            ax.text(-0.02, y, label, transform=to_left, ha="right", va="center", fontsize=8)
        ax.set_title(title, fontsize=10, loc="left")
        ax.xaxis.set_major_formatter(_formatter(currency))
        ax.xaxis.set_major_locator(_locator())
        ax.tick_params(axis="x", labelsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_ylim(-0.6, rows - 0.4)
    return fig


def time_series(series: dict[str, Sequence[tuple[str, Decimal]]], currency: str, title: str) -> Any:
    """Monthly totals of one currency, one line per kind (``grant``, ``loan``)."""
    import datetime as dt

    fig = _figure(10, 2.8)
    ax = fig.subplots()
    for kind, points in series.items():
        xs = [dt.date(int(m[:4]), int(m[5:7]), 1) for m, _v in points]
        ax.plot(xs, [float(v) for _m, v in points], marker="o", markersize=3, linewidth=1.5,
                color=LOAN_COLOUR if kind == "loan" else GRANT_COLOUR, label=KIND_LABELS.get(kind, kind))
    ax.set_title(title, fontsize=10, loc="left")
    ax.yaxis.set_major_formatter(_formatter(currency))
    ax.tick_params(labelsize=8)
    ax.legend(fontsize=8, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.subplots_adjust(left=0.09, right=0.98, top=0.88, bottom=0.2)
    return fig


def year_bars(years: dict[str, Sequence[tuple[str, Decimal]]], currency: str, title: str) -> Any:
    """Totals by year of one currency, grants and loans as two bars side by side (never stacked)."""
    fig = _figure(6, 2.8)
    ax = fig.subplots()
    labels = sorted({y for points in years.values() for y, _v in points})
    width = 0.8 / max(len(years), 1)
    for n, (kind, points) in enumerate(years.items()):
        by_year = dict(points)
        xs = [i + n * width for i in range(len(labels))]
        ax.bar(xs, [float(by_year.get(y, 0)) for y in labels], width=width,
               color=LOAN_COLOUR if kind == "loan" else GRANT_COLOUR, label=KIND_LABELS.get(kind, kind))
    ax.set_xticks([i + width * (len(years) - 1) / 2 for i in range(len(labels))], labels, fontsize=8)
    ax.yaxis.set_major_formatter(_formatter(currency))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title(title, fontsize=10, loc="left")
    ax.legend(fontsize=8, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.subplots_adjust(left=0.14, right=0.98, top=0.88, bottom=0.12)
    return fig


def _locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=4)


def _formatter(currency: str) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: money_label(v, currency) if v else "0")
