"""Typed, frozen result objects shared by every stage.

Every value keeps its evidence: the text as written (``text``) and its character
offsets (``start``, ``end``) into the decoded document text.  Money is
:class:`~decimal.Decimal`; JSON conversion happens only in :mod:`annonces.output`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Role = Literal["grant", "loan", "total_cost", "envelope", "aggregate", "part", "other"]
Precision = Literal["day", "month", "year"]
DateKind = Literal["point", "range", "fiscal_year", "deadline"]


@dataclass(frozen=True)
class Amount:
    """A money amount found in text.

    ``value`` is the exact amount in currency units (``13,7 M$`` -> ``13700000``);
    for a range it is the low bound and ``low``/``high`` hold both bounds.
    ``ambiguous`` flags forms such as ``12,345 $`` whose reading had to be guessed.
    """

    value: Decimal
    currency: str
    text: str
    start: int = 0
    end: int = 0
    approximate: bool = False
    qualifier: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    period: str | None = None
    ambiguous: bool = False
    role: Role = "other"


@dataclass(frozen=True)
class DateValue:
    """A date expression normalized to ISO at its precision.

    ``iso`` is ``2021-03-29`` (day), ``2020-06`` (month) or ``2021`` (year);
    ``end_iso`` is set for ranges and fiscal years.
    """

    iso: str
    precision: Precision
    kind: DateKind
    text: str
    start: int = 0
    end: int = 0
    end_iso: str | None = None
    relative: bool = False


@dataclass(frozen=True)
class Region:
    """An administrative region or département from the knowledge base."""

    name: str
    code: str
    country: str  # "CA" (Quebec regions) or "FR"
    level: str  # "region" or "departement"
    id: str = ""


@dataclass(frozen=True)
class Segment:
    """A part of a release: ``dateline``, ``title``, ``lead``, ``body``, ``quote``,
    ``speaker``, ``highlights``, ``list_item``, ``contact``, ``boilerplate``, or a row of a
    table: ``table_header`` (column titles) or ``table_row``."""

    label: str
    start: int
    end: int
    speaker: str | None = None


@dataclass(frozen=True)
class TableCell:
    """One cell of a table: its text (stripped) and offsets, its row and column (from 0)."""

    text: str
    start: int
    end: int
    row: int
    column: int
    header: bool = False


@dataclass(frozen=True)
class TableRow:
    """One row of a table (a line of the text); ``header`` for a row of column titles."""

    start: int
    end: int
    index: int
    cells: tuple[TableCell, ...]
    header: bool = False


@dataclass(frozen=True)
class Table:
    """A table found in the text: rows of ``columns`` cells each, separated by ``delimiter``
    (``"\\t"``, ``"|"``, ``";"``, ``"  "`` for aligned columns, ``"line"`` for one cell per line)."""

    start: int
    end: int
    rows: tuple[TableRow, ...]
    columns: int
    delimiter: str

    @property
    def header(self) -> tuple[str, ...]:
        """The column titles (the header rows' cells joined), ``""`` where there is none."""
        titles = [""] * self.columns
        for row in self.rows:
            if row.header:
                for c in row.cells:
                    titles[c.column] = f"{titles[c.column]} {c.text}".strip()
        return tuple(titles)


@dataclass(frozen=True)
class Mention:
    """A named entity mention (minister, organization, program or region).

    ``canonical`` is the linked full form; ``id`` a stable identifier (a KB id,
    or a hash of the folded canonical name for entities outside the KB).
    """

    kind: str
    text: str
    start: int
    end: int
    canonical: str
    id: str | None = None
    code: str | None = None
    acronym: str | None = None
    portfolios: tuple[str, ...] = ()
    role: str | None = None
    inferred: bool = False
    source: str = "rule"


@dataclass(frozen=True)
class Evidence:
    """Where a record was read: the sentence or list item (offsets and text), the rule
    that tied the amount to its recipient (a name of :data:`annonces.records.recipients.RULES`
    such as ``line_head`` or ``to``, ``linker:<rule or candidate source>`` when the learned
    linker chose, ``table``) and ``source``, how the recipient's name was found (``rule``,
    ``kb``, ``ner``, ``model``, ``acronym``, ``coref``, ``table``...: ``Mention.source``).
    A record read from a table also gives the table's index in the document, the row and
    the amount's column (from 0); ``page`` (from 1) is set for paged documents (PDF)."""

    start: int
    end: int
    text: str
    rule: str = ""
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    source: str | None = None


@dataclass(frozen=True)
class FundingRecord:
    """One amount granted to one named recipient, with the evidence to check it."""

    recipient: str
    amount: Decimal
    currency: str
    evidence: Evidence
    recipient_id: str | None = None
    kind: str = "grant"
    total_cost: Decimal | None = None
    program: str | None = None
    funder: str | None = None
    region: str | None = None
    region_code: str | None = None
    region_inferred: bool = False
    program_id: str | None = None  # KB id, else a stable id of the folded name
    funder_id: str | None = None  # the ministry in office on ``date`` (renames followed)
    date: str | None = None
    ministers: tuple[str, ...] = ()
    confidence: float = 0.5
    warnings: tuple[str, ...] = ()
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document; :meth:`to_dict` gives the JSONL object."""

    text: str
    published: str | None
    entities: dict[str, tuple] = field(default_factory=dict)
    records: tuple[FundingRecord, ...] = ()
    segments: tuple[Segment, ...] = ()
    published_source: str | None = None
    tables: tuple[Table, ...] = ()

    def to_dict(self) -> dict:
        from .output import extraction_to_dict

        return extraction_to_dict(self)
