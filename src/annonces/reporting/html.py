"""The report page: headline figures, charts (inline SVG), tables and records to check.

One self-contained HTML file: styles inline, charts as inline SVG, no script that runs and
nothing fetched when it is opened.  The exact totals are also in a
``<script type="application/json" id="annonces-totals">`` block (data, never executed), so
that a program can check the page against SQL or pandas to the cent.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import urllib.parse
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import charts
from .data import DIMENSIONS, Corpus, Row, Total, totals

TOP = 25
#: rows of each exact-totals table under a chart (every total is in the JSON block)
TABLE = 300
TITLES = {"recipient": "Bénéficiaires (25 premiers)", "region": "Régions", "program": "Programmes (25 premiers)",
          "funder": "Bailleurs de fonds (25 premiers)", "minister": "Ministres (25 premiers)"}
CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1a202c;background:#f7fafc}
main{max-width:1200px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #cbd5e0;padding-bottom:4px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:22px}.card span{color:#4a5568;font-size:12px}
figure{background:#fff;border:1px solid #e2e8f0;border-radius:8px;margin:10px 0;padding:8px;overflow-x:auto}
figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;background:#fff;font-size:12px;width:100%}
td,th{border:1px solid #e2e8f0;padding:3px 6px;vertical-align:top;text-align:left}td.n{text-align:right;white-space:nowrap}
details{margin:4px 0 12px}summary{cursor:pointer;color:#2b6cb0}
.ev{max-width:560px}.note{color:#4a5568;font-size:12px}
"""


def fmt_money(value: Decimal, currency: str) -> str:
    """An exact amount for a table, thousands split by a narrow no-break space.

    >>> fmt_money(Decimal("1234567.891"), "CAD").replace("\u202f", " "), fmt_money(Decimal("250000"), "EUR")
    ('1 234 567,89 $', '250\u202f000 €')
    """
    q = value.quantize(Decimal("0.01"))
    whole, cents = f"{q:,.2f}".split(".")
    text = whole.replace(",", "\u202f") + ("" if cents == "00" else "," + cents)
    return f"{text} {dict(CAD='$', EUR='€').get(currency, currency)}"


def _esc(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def _cards(corpus: Corpus) -> str:
    counted = corpus.counted
    n = len(counted) or 1
    cards = [(f"{corpus.documents:,}".replace(",", "\u202f"), "documents"),
             (f"{len(counted):,}".replace(",", "\u202f"), f"fiches comptées ({len(corpus.rows) - len(counted)} doublons écartés)")]
    for (cur, kind), t in sorted(_sums(counted).items()):
        cards.append((fmt_money(t, cur), f"{charts.KIND_LABELS.get(kind, kind)}, {cur}"))
    for label, share in (("avec région", sum(bool(r.region) for r in counted) / n),
                         ("avec programme", sum(bool(r.program) for r in counted) / n),
                         ("avec ministre", sum(bool(r.ministers) for r in counted) / n)):
        cards.append((f"{share:.0%}", f"des fiches {label}"))
    cards.append((str(corpus.errors), "documents en erreur"))
    return '<div class="cards">' + "".join(f"<div class=card><b>{_esc(v)}</b><span>{_esc(k)}</span></div>"
                                           for v, k in cards) + "</div>"


def _sums(rows: list[Row]) -> dict[tuple[str, str], Decimal]:
    out: dict[tuple[str, str], Decimal] = {}
    for r in rows:
        out[(r.currency, r.kind)] = out.get((r.currency, r.kind), Decimal(0)) + r.amount
    return out


def _jurisdictions(rows: list[Row]) -> str:
    counts: Counter[tuple[str, str]] = Counter((r.jurisdiction, r.currency) for r in rows)
    amounts: dict[tuple[str, str], Decimal] = {}
    for r in rows:
        amounts[(r.jurisdiction, r.currency)] = amounts.get((r.jurisdiction, r.currency), Decimal(0)) + r.amount
    body = "".join(f"<tr><td>{_esc(j)}</td><td>{_esc(c)}</td><td class=n>{counts[(j, c)]}</td>"
                   f"<td class=n>{fmt_money(amounts[(j, c)], c)}</td></tr>" for j, c in sorted(counts))
    return ("<table><tr><th>ordre de gouvernement</th><th>devise</th><th>fiches</th><th>total (subventions et prêts)</th></tr>"
            f"{body}</table>")


def _label(t: Total, dim: str) -> str:
    if dim == "region" and t.key.split("|")[0]:
        return f"{t.key.split('|')[0]} {t.label}"
    return t.label


def _items(ts: list[Total], dim: str, cur: str, kind: str, regions: list[tuple[str, str]]) -> list[tuple[str, Decimal]]:
    """The bars of one panel: the top 25; for regions in CAD, Quebec's 17 regions in code order
    (zero when none), then the others."""
    mine = [t for t in ts if t.currency == cur and t.kind == kind]
    if dim != "region" or cur != "CAD" or not regions or not mine:
        return [(_label(t, dim), t.amount) for t in mine][:TOP]
    by_key = {t.key: t for t in mine}
    items = [(f"{code} {name}", by_key.pop(f"{code}|{name}").amount if f"{code}|{name}" in by_key else Decimal(0))
             for code, name in regions]
    return items + [(_label(t, dim), t.amount) for t in by_key.values()]


def _dimension(dim: str, ts: list[Total], salt: str, regions: list[tuple[str, str]]) -> str:
    parts = [f"<h2>{_esc(TITLES[dim])}</h2>"]
    for cur in sorted({t.currency for t in ts}):
        panels = []
        for kind in ("grant", "loan"):
            items = _items(ts, dim, cur, kind, regions)
            if items:
                panels.append((f"{charts.KIND_LABELS[kind].capitalize()} ({cur})", items, kind))
        if panels:
            fig = charts.bar_panels(panels, cur)
            parts.append(f"<figure>{charts.svg_text(fig, f'{salt}-{dim}-{cur}')}</figure>")
    shown = ts[:TABLE]
    rows = "".join(f"<tr><td>{_esc(_label(t, dim))}</td><td>{_esc(t.key)}</td><td>{_esc(t.currency)}</td>"
                   f"<td>{_esc(charts.KIND_LABELS.get(t.kind, t.kind))}</td><td class=n>{t.records}</td>"
                   f"<td class=n>{fmt_money(t.amount, t.currency)}</td></tr>" for t in shown)
    more = f" ; les {len(ts)} lignes sont dans le bloc JSON de la page et la vue SQL" if len(ts) > len(shown) else ""
    parts.append(f"<details><summary>Tableau ({len(shown)} lignes{more})</summary><table><tr><th>nom</th><th>id</th>"
                 f"<th>devise</th><th>type</th><th>fiches</th><th>total</th></tr>{rows}</table></details>")
    return "".join(parts)


def _over_time(by_year: list[Total], by_month: list[Total], salt: str) -> str:
    parts = ["<h2>Par année et par mois</h2>"]
    for cur in sorted({t.currency for t in by_year}):
        years = {k: [(t.key, t.amount) for t in by_year if t.currency == cur and t.kind == k and t.key]
                 for k in ("grant", "loan")}
        years = {k: v for k, v in years.items() if v}
        if years:
            fig = charts.year_bars(years, cur, f"Total par année ({cur})")
            parts.append(f"<figure>{charts.svg_text(fig, f'{salt}-year-{cur}')}</figure>")
        months = {k: [(t.key, t.amount) for t in by_month if t.currency == cur and t.kind == k and t.key]
                  for k in ("grant", "loan")}
        months = {k: v for k, v in months.items() if v}
        if months:
            fig = charts.time_series(months, cur, f"Total par mois ({cur})")
            parts.append(f"<figure>{charts.svg_text(fig, f'{salt}-month-{cur}')}</figure>")
    return "".join(parts)


def _link(row: Row, documents_root: Path | None, out_dir: Path | None) -> str:
    if not row.path:
        return _esc(row.doc_id)
    target: str = row.path
    if documents_root is not None:
        full = documents_root / row.path
        target = os.path.relpath(full, out_dir) if out_dir is not None else str(full)
    words = " ".join(row.evidence_text.split()[:6])
    href = urllib.parse.quote(Path(target).as_posix()) + ("#:~:text=" + urllib.parse.quote(words) if words else "")
    return f'<a href="{_esc(href)}">{_esc(row.doc_id)}</a>'


def _to_check(rows: list[Row], limit: int, documents_root: Path | None, out_dir: Path | None) -> str:
    worst = sorted(rows, key=lambda r: (r.confidence, r.doc_id, r.index))[:limit]
    body = "".join(
        f"<tr><td class=n>{r.confidence:.2f}</td><td>{_esc(r.recipient)}</td>"
        f"<td class=n>{fmt_money(r.amount, r.currency)}</td><td>{_esc(charts.KIND_LABELS.get(r.kind, r.kind))}</td>"
        f"<td class=ev>{_esc(r.evidence_text)}</td><td>{_link(r, documents_root, out_dir)}<br>"
        f"<span class=note>car. {r.evidence_start}–{r.evidence_end}</span></td></tr>" for r in worst)
    return (f"<h2>Fiches à vérifier ({len(worst)} de plus faible confiance)</h2><table><tr><th>confiance</th>"
            f"<th>bénéficiaire</th><th>montant</th><th>type</th><th>phrase</th><th>document</th></tr>{body}</table>")


def totals_json(corpus: Corpus, by: dict[str, list[Total]] | None = None) -> dict[str, Any]:
    """Every total of the page, amounts as exact decimal strings (``by``: totals already taken)."""
    counted = corpus.counted
    by = by or {dim: totals(counted, dim) for dim in DIMENSIONS}
    return {
        "documents": corpus.documents, "errors": corpus.errors, "records": len(corpus.rows),
        "counted": len(counted),
        "by_currency": [{"currency": c, "kind": k, "amount": str(v)} for (c, k), v in sorted(_sums(counted).items())],
        "totals": {dim: [{"key": t.key, "label": t.label, "currency": t.currency, "kind": t.kind,
                          "records": t.records, "amount": str(t.amount)} for t in by[dim]]
                   for dim in DIMENSIONS},
    }


def render(corpus: Corpus, *, title: str = "Financements annoncés", check: int = 200,
           documents_root: Path | None = None, out_dir: Path | None = None,
           regions: list[tuple[str, str]] | None = None) -> str:
    """The whole page as a string; ``regions``: ``(code, name)`` of Quebec's regions, shown
    in every CAD region chart."""
    counted = corpus.counted
    salt = "annonces"
    by = {dim: totals(counted, dim) for dim in DIMENSIONS}
    sections = [_dimension(dim, by[dim], salt, regions or []) for dim in ("recipient", "region", "program", "funder", "minister")]
    data = json.dumps(totals_json(corpus, by), ensure_ascii=False).replace("</", "<\\/")
    return (f"<!doctype html><html lang=fr><head><meta charset=utf-8><title>{_esc(title)}</title>"
            f"<meta name=viewport content='width=device-width,initial-scale=1'><style>{CSS}</style></head><body><main>"
            f"<h1>{_esc(title)}</h1><p class=note>Produit par annonces le {dt.date.today().isoformat()}. "
            "Chaque financement rapporté deux fois est compté une fois ; les prêts sont séparés des subventions ; "
            "les devises ne sont jamais additionnées. Un ministre reçoit le total des fiches qui le citent.</p>"
            f"{_cards(corpus)}<h2>Par ordre de gouvernement</h2>{_jurisdictions(counted)}"
            f"{''.join(sections)}{_over_time(by['year'], by['month'], salt)}{_to_check(counted, check, documents_root, out_dir)}"
            f'<script type="application/json" id="annonces-totals">{data}</script></main></body></html>')
