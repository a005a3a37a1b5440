"""Positioned text runs of a PDF page -> lines, prose and table rows (pure, no PDF library).

A page comes as the text runs PDFium reports (``Run``: a piece of one line with its box),
in content-stream order, which is the reading order of the page (a two-column page lists
its first column first).  Consecutive runs on one baseline form a line; a wide gap between
two runs separates two cells.  Consecutive lines of several cells whose cells fall in the
same column boxes are a table (ruled or not: rules are not needed).  A row whose cells wrap
over several lines, written cell by cell (the stream goes down a cell, then back up to the
next one), is merged into one line first (:func:`merge_wrapped_cells`); a line of fewer
cells just under a row, or one with no first cell, continues that row's cells.

>>> runs = [Run(30, 700, 90, 710, "Bénéficiaire"), Run(200, 700, 240, 710, "Subvention"),
...         Run(30, 680, 100, 690, "Ville de Gaspé"), Run(200, 680, 245, 690, "400 000 $"),
...         Run(30, 660, 110, 670, "Ville de Percé"), Run(200, 660, 240, 670, "40 000 $")]
>>> [(b.kind, b.rows) for b in page_blocks(runs)]
[('table', [['Bénéficiaire', 'Subvention'], ['Ville de Gaspé', '400 000 $'], ['Ville de Percé', '40 000 $']])]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Run(NamedTuple):
    """A piece of text on one line: its box in PDF points (``bottom < top``) and its text."""

    left: float
    bottom: float
    right: float
    top: float
    text: str


@dataclass
class Line:
    top: float
    bottom: float
    cells: list[Run] = field(default_factory=list)

    @property
    def height(self) -> float:
        return max(1.0, self.top - self.bottom)

    def text(self) -> str:
        return " ".join(c.text for c in self.cells)


@dataclass
class Block:
    """``kind`` is ``"prose"`` (``lines``: strings) or ``"table"`` (``rows``: lists of cell texts)."""

    kind: str
    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


#: a gap wider than this many line heights between two runs separates two cells
CELL_GAP = 1.2


def _same_line(line: Line, run: Run) -> bool:
    overlap = min(line.top, run.top) - max(line.bottom, run.bottom)
    return overlap >= 0.5 * min(line.height, max(1.0, run.top - run.bottom)) and run.left >= line.cells[-1].left


def page_lines(runs: list[Run]) -> list[Line]:
    """Runs grouped into lines (in their order), runs closer than :data:`CELL_GAP` merged into one cell."""
    lines: list[Line] = []
    for run in runs:
        text = run.text.replace("\r", " ").replace("\n", " ").strip()
        if not text:
            continue
        run = run._replace(text=" ".join(text.split()))
        if lines and _same_line(lines[-1], run):
            line = lines[-1]
            last = line.cells[-1]
            if run.left - last.right < CELL_GAP * line.height:
                line.cells[-1] = Run(last.left, min(last.bottom, run.bottom), run.right, max(last.top, run.top),
                                     f"{last.text} {run.text}")
            else:
                line.cells.append(run)
            line.top, line.bottom = max(line.top, run.top), min(line.bottom, run.bottom)
        else:
            lines.append(Line(run.top, run.bottom, [run]))
    return merge_wrapped_cells(lines)


#: a cell merged from wrapped lines has at most this many lines and characters
MAX_CELL_LINES = 6
MAX_CELL_CHARS = 250


def _continues_cell(cell: Run, ln: Line) -> bool:
    """``ln`` is the next line of ``cell`` (written cell by cell): one run just under it, aligned."""
    if len(ln.cells) != 1:
        return False
    run = ln.cells[0]
    aligned = abs(run.left - cell.left) <= 3 or abs(run.right - cell.right) <= 3
    return aligned and 0 <= cell.bottom - run.top <= 2.0 * ln.height


def _band_end(lines: list[Line], i: int) -> tuple[int, list[list[Line]]]:
    """The lines of one table row written cell by cell from line ``i``, grouped by cell.

    A row goes on while the next line continues the current cell (just under it) or starts
    a new cell higher up and to the right (the stream goes back up to the row's top).
    """
    cells: list[list[Line]] = [[lines[i]]]
    j = i + 1
    while j < len(lines):
        ln, prev = lines[j], lines[j - 1]
        current = cells[-1][-1].cells[-1]
        if len(cells[-1][-1].cells) == 1 and _continues_cell(current, ln):
            cells[-1].append(ln)
        elif ln.top > prev.top + 0.5 * ln.height and ln.cells[0].left > current.left:
            cells.append([ln])
        else:
            break
        j += 1
    return j, cells


def merge_wrapped_cells(lines: list[Line]) -> list[Line]:
    """Lines of table rows whose cells wrap (written cell by cell) merged into one line each."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j, groups = _band_end(lines, i)
        small = all(len(g) <= MAX_CELL_LINES and sum(len(ln.text()) for ln in g) <= MAX_CELL_CHARS for g in groups)
        if len(groups) < 2 or not small or all(len(g) == 1 for g in groups):
            out.append(lines[i])
            i += 1
            continue
        row: list[Run] = []
        for g in groups:
            head, rest = g[0], g[1:]
            if rest:  # a wrapped cell: its lines joined
                runs = [c for ln in g for c in ln.cells]
                row.append(Run(min(r.left for r in runs), min(r.bottom for r in runs), max(r.right for r in runs),
                               max(r.top for r in runs), " ".join(r.text for r in runs)))
            else:
                row.extend(head.cells)
        out.append(Line(max(r.top for r in row), min(r.bottom for r in row), row))
        i = j
    return out


def _column(columns: list[tuple[float, float]], cell: Run) -> int:
    """The column whose box overlaps ``cell`` most (the nearest one when none does)."""
    def score(k: int) -> float:
        lo, hi = columns[k]
        overlap = min(hi, cell.right) - max(lo, cell.left)
        return overlap if overlap > 0 else -min(abs(cell.left - hi), abs(lo - cell.right))
    return max(range(len(columns)), key=score)


def _columns(lines: list[Line]) -> list[tuple[float, float]]:
    """Column boxes from the lines with the most cells."""
    n = max(len(ln.cells) for ln in lines)
    full = [ln for ln in lines if len(ln.cells) == n]
    return [(min(ln.cells[k].left for ln in full), max(ln.cells[k].right for ln in full)) for k in range(n)]


def _table_rows(lines: list[Line]) -> list[list[str]] | None:
    """The rows of a run of lines read as one table, or ``None`` when the cells do not align."""
    columns = _columns(lines)
    rows: list[list[str]] = []
    previous: Line | None = None
    for ln in lines:
        ks = [_column(columns, c) for c in ln.cells]
        if len(set(ks)) != len(ks):
            return None  # two cells in one column: not this table's grid
        gap = previous.bottom - ln.top if previous is not None else None
        wrapped = rows and (0 not in ks or (len(ks) < len(columns) and gap is not None and gap < 0.35 * ln.height))
        if wrapped:
            for k, c in zip(ks, ln.cells):
                rows[-1][k] = f"{rows[-1][k]} {c.text}".strip()
        else:
            row = [""] * len(columns)
            for k, c in zip(ks, ln.cells):
                row[k] = c.text
            rows.append(row)
        previous = ln
    return rows


def _prose_columns(rows: list[list[str]]) -> bool:
    """Rows that are lines of prose side by side: long cells, hardly any digit."""
    cells = [c for r in rows for c in r if c]
    long = sum(len(c) >= 35 for c in cells)
    digits = sum(ch.isdigit() for c in cells for ch in c)
    return long >= 0.7 * len(cells) and digits < 0.02 * sum(len(c) for c in cells)


def _table_member(ln: Line, columns: list[tuple[float, float]] | None, previous: Line | None) -> bool:
    """A line continuing a table: several cells, or one cell inside a column right under a row."""
    if previous is not None and previous.bottom - ln.top > 1.5 * ln.height:
        return False  # a blank space ends the table
    if len(ln.cells) >= 2:
        return True
    if columns is None or previous is None:
        return False
    c = ln.cells[0]
    inside = any(lo - 2 <= c.left and c.right <= hi + 2 for lo, hi in columns[1:])
    return inside and previous.bottom - ln.top < 0.6 * ln.height


def page_blocks(runs: list[Run]) -> list[Block]:
    """The prose and table blocks of one page, in reading order (see the module docstring)."""
    lines = page_lines(runs)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        j = i
        columns = None
        while j < len(lines) and _table_member(lines[j], columns, lines[j - 1] if j > i else None):
            j += 1
            columns = _columns(lines[i:j]) if any(len(ln.cells) >= 2 for ln in lines[i:j]) else None
        multi = sum(len(ln.cells) >= 2 for ln in lines[i:j])
        rows = _table_rows(lines[i:j]) if multi >= 2 else None
        if rows is not None and len(rows) >= 2 and _prose_columns(rows):
            for k in range(len(rows[0])):  # a page in columns written line by line across them
                blocks.append(Block("prose", lines=[r[k] for r in rows if r[k]]))
            i = j
            continue
        if rows is not None and len(rows) >= 2:
            blocks.append(Block("table", rows=rows))
            i = j
            continue
        end = max(j, i + 1)
        text_lines = [ln.text() for ln in lines[i:end]]
        if blocks and blocks[-1].kind == "prose":
            blocks[-1].lines.extend(text_lines)
        else:
            blocks.append(Block("prose", lines=text_lines))
        i = end
    return blocks
