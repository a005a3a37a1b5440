"""Records read from tables: one per data row, each column read by its header.

A column's role comes from its header (cue list ``patterns/table_columns.csv``,
accents and case folded) and from its content: a column whose cells are mostly amounts
is ``total_cost``, ``requested``, ``eligible``, ``granted`` (possibly with a ``funder``:
``Feder``, ``Région``, ``Financement fédéral``) or ``other`` (the recipient's own share:
``Financement municipal``, ``Autofinancement``); another is ``recipient``,
``municipality``, ``project``, ``program`` or ``region``.  Without a header, the first
text column is the recipient and the last amount column the amount granted (the one
before it the total cost when it is larger on every row).

Each data row with a recipient and a granted amount gives one record per granted
column (``Feder`` and ``Région``: two records, their ``funder`` told apart), with
``total_cost``, ``program`` (the column, else the release's program) and ``region``
(the column, a region named in the row, the release's region, or the region of the
municipality in the KB) read on the row; the evidence is the row, with the table, row
and column.  Tables giving at least one record are *claimed*: their amounts are not
read again by the sentence rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .. import patterns
from ..extractors.amounts import find_amounts
from ..linking import stable_id
from ..normalize.text import fold
from ..types import Amount, Evidence, FundingRecord, Table, TableCell
from .context import Context
from .ids import program_ref

AMOUNT_ROLES = frozenset({"total_cost", "requested", "eligible", "granted", "other"})
TEXT_ROLES = frozenset({"recipient", "municipality", "project", "program", "region"})
#: fixed, estimated on held-out folds: 30 of 30 table-reader records were right (bench/crossval.py),
#: (30 + 1) / (30 + 2) = 0.97 by Laplace's rule of succession
TABLE_CONFIDENCE = 0.97
_ACRONYM = re.compile(r"\s*\([A-ZÀ-Þ][A-ZÀ-Þ0-9&\-]{1,11}\)\s*$")


@dataclass(frozen=True)
class Column:
    """The role of one column of a table and, for an amount column, its funder."""

    index: int
    role: str
    funder: str | None = None
    header: str = ""


@cache
def _cues() -> tuple[tuple[str, re.Pattern[str], str | None], ...]:
    return tuple((r["role"], re.compile(rf"\b{re.escape(r['cue'])}(?:e?s|x|e)?\b"), r["funder"] or None)
                 for r in patterns.rows("table_columns.csv"))


def header_role(header: str, *, amounts: bool) -> tuple[str, str | None] | None:
    """The ``(role, funder)`` a column header says, among amount roles or text roles.

    >>> header_role("Coût total du projet", amounts=True), header_role("Subvention FEDER", amounts=True)
    (('total_cost', None), ('granted', 'FEDER'))
    >>> header_role("Financement municipal", amounts=True), header_role("Nom du projet", amounts=False)
    (('other', 'self'), ('project', None))
    >>> header_role("Municipalités", amounts=False), header_role("Région", amounts=True)
    (('municipality', None), ('granted', 'Région'))
    """
    folded = fold(header)
    allowed = AMOUNT_ROLES if amounts else TEXT_ROLES
    for role, rx, funder in _cues():
        if role in allowed and rx.search(folded):
            return role, funder
    return None


def _cell_amount(ctx: Context, cell: TableCell, currency: str) -> Amount | None:
    """The amount a cell holds: the one found in the text, else the cell read as money."""
    inside = [a for a in ctx.amounts if cell.start <= a.start and a.end <= cell.end]
    if len(inside) == 1:
        return inside[0]
    if inside:
        return None
    if not re.fullmatch(r"[\d\s\u00a0\u202f.,]+", cell.text) or not re.search(r"\d", cell.text):
        return None
    found = find_amounts(cell.text + " $", default_currency=currency)
    if len(found) != 1:
        return None
    a = found[0]
    return Amount(a.value, currency, cell.text, cell.start, cell.end, role="grant")


def columns_of(ctx: Context, table: Table, currency: str = "CAD") -> list[Column]:
    """The role of every column of ``table`` (see the module docstring)."""
    data = [r for r in table.rows if not r.header]
    titles = table.header
    out: list[Column] = []
    for k in range(table.columns):
        cells = [c for r in data for c in r.cells if c.column == k and c.text]
        money = sum(_cell_amount(ctx, c, currency) is not None for c in cells)
        is_amount = bool(cells) and money >= 0.6 * len(cells)
        found = header_role(titles[k], amounts=is_amount) if titles[k] else None
        role, funder = found if found else ("granted" if is_amount else "text", None)
        out.append(Column(k, role, funder, titles[k]))
    amounts = [c for c in out if c.role == "granted"]
    if not any(titles) and len(amounts) >= 2:  # no header: the larger of two figures is the total cost
        first, last = amounts[-2], amounts[-1]
        if all(_larger(ctx, r, first.index, last.index, currency) for r in data):
            out[first.index] = Column(first.index, "total_cost")
    if not any(c.role in ("recipient", "municipality") for c in out):
        texts = [c for c in out if c.role == "text"]
        if texts:  # the text column naming the most organizations, else the first
            best = max(texts, key=lambda c: (_named(ctx, data, c.index), -c.index))
            out[best.index] = Column(best.index, "recipient", header=best.header)
    return out


def _named(ctx: Context, rows, k: int) -> int:
    """How many cells of column ``k`` hold an organization mention."""
    spans = [(r.cells[k].start, r.cells[k].end) for r in rows]
    return sum(any(a <= o.start and o.end <= b for o in ctx.orgs_in(a, b)) for a, b in spans)


def _larger(ctx: Context, row, a: int, b: int, currency: str) -> bool:
    x = _cell_amount(ctx, row.cells[a], currency)
    y = _cell_amount(ctx, row.cells[b], currency)
    return x is not None and y is not None and x.value > y.value


def table_records(ctx: Context, tables: Sequence[Table], *, date: str | None = None,
                  ministers: tuple[str, ...] = (), currency: str | None = None
                  ) -> tuple[list[FundingRecord], list[tuple[int, int]]]:
    """The records read from ``tables``, and the spans of the tables that gave some (claimed).

    >>> from annonces.extractors.amounts import find_amounts
    >>> t = "Projets retenus :\\nBénéficiaire\\tCoût total\\tSubvention\\nVille de Gaspé\\t1 200 000 $\\t400 000 $\\n"
    >>> from annonces.segmentation import find_tables
    >>> ctx = Context(t, find_amounts(t), [], [], [], [], [], [], [], None, None)
    >>> recs, claimed = table_records(ctx, find_tables(t))
    >>> [(r.recipient, r.amount, r.total_cost, r.evidence.rule, r.evidence.row, r.evidence.column) for r in recs]
    [('Ville de Gaspé', Decimal('400000'), Decimal('1200000'), 'table', 1, 2)]
    """
    from ..extractors.amounts import guess_currency

    currency = currency or guess_currency(ctx.text)
    records: list[FundingRecord] = []
    claimed: list[tuple[int, int]] = []
    for ti, table in enumerate(tables):
        cols = columns_of(ctx, table, currency)
        got = [r for row in table.rows if not row.header for r in _row_records(ctx, ti, table, row, cols, currency,
                                                                                  date, ministers)]
        if got:
            records.extend(got)
            claimed.append((table.start, table.end))
    return records, claimed


def _first(cols: list[Column], *roles: str) -> Column | None:
    for role in roles:
        for c in cols:
            if c.role == role:
                return c
    return None


def _row_records(ctx: Context, ti: int, table: Table, row, cols: list[Column], currency: str,
                 date: str | None, ministers: tuple[str, ...]) -> list[FundingRecord]:
    who = _first(cols, "recipient", "municipality")
    if who is None or not row.cells[who.index].text:
        return []
    name = row.cells[who.index]
    recipient = _ACRONYM.sub("", name.text) or name.text  # "Société X (SOPAIR)" -> "Société X"
    total_col = _first(cols, "total_cost")
    total = _cell_amount(ctx, row.cells[total_col.index], currency) if total_col else None
    program, program_id = _program(ctx, row, cols)
    region, code, inferred = _region(ctx, row, cols, name)
    out = []
    for col in cols:
        if col.role != "granted":
            continue
        a = _cell_amount(ctx, row.cells[col.index], currency)
        if a is None or a.value <= 0:
            continue
        out.append(FundingRecord(
            recipient=recipient, recipient_id=stable_id("org", recipient), amount=a.value, currency=a.currency,
            evidence=Evidence(row.start, row.end, ctx.text[row.start:row.end], "table",
                              table=ti, row=row.index, column=col.index, source="table"),
            kind="loan" if "pret" in fold(col.header) else "grant",
            total_cost=total.value if total is not None else None, program=program, program_id=program_id,
            funder=col.funder if col.funder != "self" else None, region=region, region_code=code,
            region_inferred=inferred, date=date, ministers=ministers,
            confidence=TABLE_CONFIDENCE - (0.1 if a.ambiguous else 0.0)))
    return out


def _program(ctx: Context, row, cols: list[Column]) -> tuple[str | None, str | None]:
    """``(program, program_id)`` of a row: its program column (a KB program named there), else the release's."""
    col = _first(cols, "program")
    if col is not None and row.cells[col.index].text:
        named = [p for p in ctx.programs if row.start <= p.start < row.end]
        if named:
            return program_ref(named[0])
        text = row.cells[col.index].text
        return text, stable_id("program", text)
    return program_ref(ctx.doc_program)


def _region(ctx: Context, row, cols: list[Column], name: TableCell) -> tuple[str | None, str | None, bool]:
    named = [r for r in ctx.regions if row.start <= r.start < row.end]
    if named:
        return named[0].canonical, named[0].code, False
    col = _first(cols, "region")
    if col is not None and row.cells[col.index].text:
        return row.cells[col.index].text, None, False
    if ctx.doc_region is not None:
        return ctx.doc_region.canonical, ctx.doc_region.code, False
    town = _first(cols, "municipality")
    if ctx.kb is not None:
        for cell in (row.cells[town.index] if town else None, name):
            if cell is None or not cell.text:
                continue
            try:
                reg = ctx.kb.region_of_municipality(re.sub(r"^(?:Ville|Municipalité|Commune) d(?:e |’|')", "", cell.text))
            except (AttributeError, KeyError):
                reg = None
            if reg is not None:
                return reg.name, reg.code, True
    return None, None, False


def in_claimed(claimed: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the ``claimed`` table spans."""
    return any(a <= pos < b for a, b in claimed)
