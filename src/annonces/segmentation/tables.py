"""Tables in text: rows of cells recovered from tabs, pipes, semicolons or aligned columns.

Readers write the tables of HTML, DOCX and PDF files one row per line with cells
separated by tabs; texts pasted from elsewhere hold tables flattened with pipes
(``Dégelis | 169 065 $ |``), semicolons, runs of spaces, or one cell per line followed
by a Markdown rule (``---|---|``).  :func:`find_tables` recovers a table when its rows
have a stable shape: consecutive lines split by one delimiter into the same number of
cells (at least 2 rows for tabs and pipes, 3 for semicolons and aligned columns, whose
cells must then start at the same positions).  A first row without any digit above rows
holding some, or a row followed by a Markdown rule, is a header.  Linear in the text.

>>> t = "Voici la liste :\\nBénéficiaire\\tSubvention\\nVille de Gaspé\\t400 000 $\\nVille de Percé\\t40 000 $\\n"
>>> [table] = find_tables(t)
>>> table.columns, table.header, [[c.text for c in r.cells] for r in table.rows[1:]]
(2, ('Bénéficiaire', 'Subvention'), [['Ville de Gaspé', '400 000 $'], ['Ville de Percé', '40 000 $']])
>>> find_tables("Une phrase ; une autre ; et une troisième.")
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..normalize.text import BULLETS, MORE_BULLETS
from ..types import Segment, Table, TableCell, TableRow

_LINE = re.compile(r"[^\n]+")
_RULE = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*")
_SPACES = re.compile(r" {2,}|\t")
_DIGIT = re.compile(r"\d")
#: rows needed before a delimiter's lines are a table
MIN_ROWS = {"\t": 2, "|": 2, ";": 3, "  ": 3}
MAX_CELL = 300


def _split(line: str, lo: int, delimiter: str) -> list[tuple[int, int]] | None:
    """The ``(start, end)`` spans of the stripped cells of a line, or ``None`` if it has fewer than 2."""
    if delimiter == "  ":
        pieces = [(m.start(), m.end()) for m in _SPACES.finditer(line)]
        bounds, pos = [], 0
        for a, b in pieces:
            bounds.append((pos, a))
            pos = b
        bounds.append((pos, len(line)))
    else:
        bounds, pos = [], 0
        for piece in line.split(delimiter):
            bounds.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        if delimiter == "|":  # "| a | b |" and "a | b |": outer pipes close no cell
            if bounds and not line[bounds[0][0]:bounds[0][1]].strip() and line.lstrip().startswith("|"):
                bounds = bounds[1:]
            if bounds and not line[bounds[-1][0]:bounds[-1][1]].strip():
                bounds = bounds[:-1]
    cells = []
    for a, b in bounds:
        piece = line[a:b]
        s = a + len(piece) - len(piece.lstrip())
        e = b - (len(piece) - len(piece.rstrip()))
        cells.append((lo + s, lo + max(s, e)))
    while cells and _only_bullet(line[cells[0][0] - lo:cells[0][1] - lo]):
        cells = cells[1:]  # "•\tFromagerie X : 312 400 $": a bullet and its tab open a list item, not a cell
    if len(cells) < 2:
        return None
    return cells


def _only_bullet(cell: str) -> bool:
    """A cell holding a list mark alone (``•``, ``–``), not an empty cell."""
    return bool(cell.strip()) and not cell.strip(BULLETS + MORE_BULLETS + " ")


def _delimiter(line: str) -> str | None:
    if "\t" in line:
        return "\t"
    if line.count("|") >= 1 and not _RULE.fullmatch(line):
        return "|"
    if line.count(";") >= 2:
        return ";"
    if "  " in line.strip():
        return "  "
    return None


def _aligned(rows: list[list[tuple[int, int]]], starts: list[int]) -> bool:
    """Aligned columns: each column starts at the same position (±2) on every line."""
    for k in range(len(rows[0])):
        cols = [cells[k][0] - s for cells, s in zip(rows, starts)]
        if max(cols) - min(cols) > 2:
            return False
    return True


def _make(text: str, lines: list[tuple[int, int]], cells: list[list[tuple[int, int]]], delimiter: str,
          rule_after: int | None = None) -> Table:
    has_digits = [any(_DIGIT.search(text[a:b]) for a, b in row) for row in cells]
    header_rows = 0
    if rule_after is not None:
        header_rows = rule_after
    elif not has_digits[0] and any(has_digits[1:]):
        header_rows = 1
    rows = []
    for i, ((lo, hi), row) in enumerate(zip(lines, cells)):
        repeated = (0 < i < len(cells) - 1 and not has_digits[i] and has_digits[i + 1] and has_digits[i - 1]
                    and header_rows and _looks_like_titles(text, row))  # the titles again, mid-table
        header = i < header_rows or bool(repeated)
        rows.append(TableRow(lo, hi, i, tuple(TableCell(text[a:b], a, b, i, k, header)
                                              for k, (a, b) in enumerate(row)), header))
    return Table(lines[0][0], lines[-1][1], tuple(rows), len(cells[0]), delimiter)


def _looks_like_titles(text: str, row: list[tuple[int, int]]) -> bool:
    """A repeated header inside a table: short cells starting with a capital, none ending a sentence."""
    cells = [text[a:b] for a, b in row]
    return all(c and len(c) <= 60 and c[0].isupper() and not c.endswith(".") for c in cells)


def _vertical(text: str, lines: list[tuple[int, int]], i: int) -> tuple[Table, int] | None:
    """One cell per line (``Lieu |``), a Markdown rule giving the number of columns, then rows of cells."""
    lo, hi = lines[i]
    n = text.count("-|", lo, hi) + (0 if text[lo:hi].rstrip().endswith("|") else 1)
    if n < 2 or i < n:
        return None
    one = [(a, b) for a, b in lines[i - n:i]]
    if not all(text[a:b].rstrip().endswith("|") and text.count("|", a, b) == 1 for a, b in one):
        return None
    rows_lines, rows_cells = [(one[0][0], one[-1][1])], [[_cell(text, a, b) for a, b in one]]
    j = i + 1
    while j + n <= len(lines):
        group = lines[j:j + n]
        if not all(text[a:b].rstrip().endswith("|") and text.count("|", a, b) == 1 for a, b in group):
            break
        rows_lines.append((group[0][0], group[-1][1]))
        rows_cells.append([_cell(text, a, b) for a, b in group])
        j += n
    if len(rows_cells) < 2:
        return None
    return _make(text, rows_lines, rows_cells, "line", rule_after=1), j


def _cell(text: str, a: int, b: int) -> tuple[int, int]:
    piece = text[a:b].rstrip().removesuffix("|").rstrip()
    s = a + len(piece) - len(piece.lstrip())
    return s, a + len(piece)


def find_tables(text: str) -> list[Table]:
    """The tables of ``text`` (see the module docstring), in text order."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if text[m.start():m.end()].strip()]
    out: list[Table] = []
    i = 0
    while i < len(lines):
        lo, hi = lines[i]
        line = text[lo:hi]
        if _RULE.fullmatch(line) and "|" in line:
            found = _vertical(text, lines, i)
            if found is not None:
                out = [t for t in out if t.end <= found[0].start]
                out.append(found[0])
                i = found[1]
                continue
        table, after = _run(text, lines, i)
        if table is not None:
            out.append(table)
        i = after
    return out


def _run(text: str, lines: list[tuple[int, int]], i: int) -> tuple[Table | None, int]:
    """The table starting at line ``i`` (or ``None``) and the line to look at next.

    A run of lines rejected as a whole is skipped (linear time), but for a short run whose
    columns do not align: a table may start on its second line.
    """
    lo, hi = lines[i]
    delimiter = _delimiter(text[lo:hi])
    first = _split(text[lo:hi], lo, delimiter) if delimiter is not None else None
    if delimiter is None or first is None:
        return None, i + 1
    n = len(first)
    rows_lines, rows_cells, rule_after = [(lo, hi)], [first], None
    j = i + 1
    while j < len(lines):
        a, b = lines[j]
        line = text[a:b]
        if delimiter == "|" and _RULE.fullmatch(line) and rule_after is None and len(rows_cells) == 1:
            rule_after = 1
            j += 1
            continue
        cells = _split(line, a, delimiter) if _delimiter(line) == delimiter else None
        if cells is None or len(cells) != n:
            break
        rows_lines.append((a, b))
        rows_cells.append(cells)
        j += 1
    if len(rows_cells) < MIN_ROWS[delimiter]:
        return None, i + 1
    if any(b - a > MAX_CELL for row in rows_cells for a, b in row):
        return None, j
    if delimiter == "  " and not _aligned(rows_cells, [a for a, _b in rows_lines]):
        return None, i + 1 if j - i < 50 else j
    if delimiter == ";" and sum(b - a for row in rows_cells for a, b in row) > 60 * n * len(rows_cells):
        return None, j
    return _make(text, rows_lines, rows_cells, delimiter, rule_after), j


def table_segments(text: str, tables: Sequence[Table], segments: Sequence[Segment]) -> list[Segment]:
    """``segments`` with the parts overlapping a table replaced by its rows
    (``table_header`` or ``table_row``).

    >>> t = "Liste :\\nNom\\tMontant\\nGaspé\\t2 000 $"
    >>> [(s.label, t[s.start:s.end]) for s in table_segments(t, find_tables(t), [Segment("body", 0, len(t))])]
    [('body', 'Liste :'), ('table_header', 'Nom\\tMontant'), ('table_row', 'Gaspé\\t2 000 $')]
    """
    out: list[Segment] = []
    spans = sorted((t.start, t.end) for t in tables)
    for s in segments:
        pieces = [(s.start, s.end)]
        for a, b in spans:
            cut = []
            for x, y in pieces:
                if b <= x or y <= a:
                    cut.append((x, y))
                    continue
                if x < a:
                    cut.append((x, a))
                if b < y:
                    cut.append((b, y))
            pieces = cut
        out.extend(Segment(s.label, x, y, s.speaker) for x, y in _trimmed(text, pieces))
    for t in tables:
        out.extend(Segment("table_header" if r.header else "table_row", r.start, r.end) for r in t.rows)
    return sorted(out, key=lambda s: (s.start, s.end))


def _trimmed(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces without their surrounding whitespace, empty ones dropped."""
    out = []
    for x, y in pieces:
        while x < y and text[x].isspace():
            x += 1
        while y > x and text[y - 1].isspace():
            y -= 1
        if y > x:
            out.append((x, y))
    return out
