"""Date values from the parts of a span already found: pure functions, no spaCy.

Detection (the grammar over raw characters) lives in :mod:`annonces.extractors.dates`;
this module holds the month/weekday tables (data files under
``patterns/date_*``) and the arithmetic that turns a day, a month, a year
written or not, a weekday or a relative word into an ISO value at its precision,
read against a reference date (the publication date, applied late).
``parse_date`` (the one-string view of the grammar) lives in :mod:`annonces.extractors.dates`.

>>> month_number("janv."), iso(2021, 1, 29)
(1, '2021-01-29')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .. import patterns
from ..types import DateValue
from .text import fold

Direction = Literal["before", "after", "on_or_before"]


@lru_cache(maxsize=1)
def month_forms() -> dict[str, tuple[int, bool]]:
    """Folded month form (no dot) -> ``(month number, is an abbreviation)``.

    >>> month_forms()["juill"]
    (7, True)
    """
    return {r["form"]: (int(r["month"]), r["abbreviation"] == "1") for r in patterns.rows("date_months.csv")}


@lru_cache(maxsize=1)
def weekday_forms() -> dict[str, int]:
    """Folded weekday name -> number (Monday is 0, as :meth:`datetime.date.weekday`).

    >>> weekday_forms()["dimanche"]
    6
    """
    return {r["form"]: int(r["weekday"]) for r in patterns.rows("date_weekdays.csv")}


@lru_cache(maxsize=1)
def relative_forms() -> dict[str, tuple[int, bool]]:
    """Folded relative word -> ``(offset in days, figurative after "de")``.

    ``les solutions de demain`` is not a date, ``l'annonce d'aujourd'hui`` is.

    >>> relative_forms()["avant-hier"]
    (-2, True)
    """
    return {r["form"]: (int(r["offset"]), r["figurative_after_de"] == "1") for r in patterns.rows("date_relative.csv")}


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[tuple[str, str | None], ...]]:
    """Cue patterns by label, each ``(regex over folded text, id)``, from ``date_cues.jsonl``.

    >>> ("d'ici", None) in cues()["deadline_cue"]
    True
    """
    out: dict[str, list[tuple[str, str | None]]] = {}
    for row in patterns.records("date_cues.jsonl"):
        out.setdefault(row["label"], []).append((row["pattern"], row.get("id")))
    return {k: tuple(v) for k, v in out.items()}


def month_number(word: str) -> int | None:
    """The month of a French month name or abbreviation, any case, with or without dot/accent.

    >>> [month_number(w) for w in ("Janvier", "févr.", "SEPT.", "juill", "Août", "déc")]
    [1, 2, 9, 7, 8, 12]
    >>> month_number("lundi") is None
    True
    """
    hit = month_forms().get(fold(word).strip().rstrip("."))
    return hit[0] if hit else None


def weekday_number(word: str) -> int | None:
    """Monday = 0 ... Sunday = 6.

    >>> weekday_number("Lundi"), weekday_number("dimanche"), weekday_number("mars")
    (0, 6, None)
    """
    return weekday_forms().get(fold(word).strip())


_DAY_WORD = re.compile(r"(?:1\s?(?:er|re|ᵉʳ|ʳᵉ)|premier|premiere|(\d{1,2}))", re.IGNORECASE)


def day_number(token: str) -> int | None:
    """The day number of ``1er``, ``1re``, ``premier``, ``05``, ``31``; None outside 1..31.

    >>> [day_number(t) for t in ("1er", "1 er", "1ᵉʳ", "premier", "05", "31", "32", "0")]
    [1, 1, 1, 1, 5, 31, None, None]
    """
    m = _DAY_WORD.fullmatch(token.strip())
    if not m:
        return None
    n = int(m.group(1)) if m.group(1) else 1
    return n if 1 <= n <= 31 else None


def days_in_month(year: int, month: int) -> int:
    """
    >>> days_in_month(2020, 2), days_in_month(2021, 2), days_in_month(2021, 4)
    (29, 28, 30)
    """
    return calendar.monthrange(year, month)[1]


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """ISO text at the precision given.

    >>> iso(2020, 6), iso(2021, 3, 9), iso(2025)
    ('2020-06', '2021-03-09', '2025')
    """
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(frozen=True)
class Reference:
    """The date relative expressions are read against, at day, month or year precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> dt.date | None:
        """The reference day, when known to the day."""
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def anchor(self) -> dt.date:
        """The day used to place a date without year: the day, else the end of the month."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month, self.day or days_in_month(self.year, self.month))


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def as_reference(value: dt.date | DateValue | Reference | None) -> Reference | None:
    """A :class:`Reference` from a date, a :class:`DateValue` (its start) or None.

    >>> as_reference(dt.date(2021, 1, 29))
    Reference(year=2021, month=1, day=29)
    >>> as_reference(DateValue("2022-04", "month", "point", "2022-04"))
    Reference(year=2022, month=4, day=None)
    >>> as_reference(None) is None
    True
    """
    if value is None or isinstance(value, Reference):
        return value
    if isinstance(value, dt.date):
        return Reference(value.year, value.month, value.day)
    m = _ISO.match(value.iso)
    if not m:
        return None
    return Reference(int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None)


def complete_year(
    month: int, day: int, reference: Reference, *, weekday: int | None = None, forward: bool = False
) -> int | None:
    """The year of a day and month written without a year, read against ``reference``.

    A date falls in the year ending about two months after the reference (a date later
    than that is last year's); a deadline (``forward``) in the year starting a month
    before it.  A weekday written with the date picks the neighbouring year it fits.

    >>> complete_year(10, 13, Reference(2015, 10, 26))
    2015
    >>> complete_year(4, 11, Reference(2022, 4))
    2022
    >>> complete_year(12, 20, Reference(2021, 1, 29))
    2020
    >>> complete_year(1, 5, Reference(2015, 12, 28))
    2016
    >>> complete_year(3, 31, Reference(2021, 6, 1), forward=True)
    2022
    >>> complete_year(3, 29, Reference(2021, 1, 10), weekday=0)
    2021
    >>> complete_year(2, 29, Reference(2021, 3, 1)) is None
    True
    """
    if reference.month is None:
        return reference.year if day <= days_in_month(reference.year, month) else None
    anchor = reference.anchor
    low, high = (-31, 334) if forward else (-305, 61)
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if day <= days_in_month(year, month):
            candidates.append((year, (dt.date(year, month, day) - anchor).days))
    inside = [c for c in candidates if low < c[1] <= high]
    if not inside:
        return None
    best = min(inside, key=lambda c: abs(c[1]))
    if weekday is not None and dt.date(best[0], month, day).weekday() != weekday:
        fits = [c for c in candidates if dt.date(c[0], month, day).weekday() == weekday and -400 < c[1] <= 366]
        if fits:
            best = min(fits, key=lambda c: abs(c[1]))
    return best[0]


def year_from_weekday(month: int, day: int, weekday: int, years: Iterable[int]) -> int | None:
    """With no reference: the year, among ``years`` written in the text (±1), where the
    day falls on ``weekday``; years written win, then the one closest to the latest.

    >>> year_from_weekday(3, 29, 0, [2020, 2022])
    2021
    >>> year_from_weekday(3, 29, 0, []) is None
    True
    >>> year_from_weekday(3, 29, 3, [2021]) is None
    True
    """
    written = set(years)
    if not written:
        return None
    latest = max(written)
    fits = [
        y for y in sorted({w + k for w in written for k in (-1, 0, 1)})
        if day <= days_in_month(y, month) and dt.date(y, month, day).weekday() == weekday
    ]
    if not fits:
        return None
    return min(fits, key=lambda y: (y not in written, abs(latest - y), -y))


def weekday_near(weekday: int, reference: dt.date, direction: Direction = "on_or_before") -> dt.date:
    """The ``weekday`` nearest ``reference`` in a direction (``lundi``, ``mardi dernier``, ``jeudi prochain``).

    >>> weekday_near(0, dt.date(2021, 3, 31))
    datetime.date(2021, 3, 29)
    >>> weekday_near(1, dt.date(2021, 3, 30), "before")
    datetime.date(2021, 3, 23)
    >>> weekday_near(4, dt.date(2021, 3, 30), "after")
    datetime.date(2021, 4, 2)
    """
    back = (reference.weekday() - weekday) % 7
    if direction == "after":
        return reference + dt.timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    if direction == "before":
        return reference - dt.timedelta(days=back or 7)
    return reference - dt.timedelta(days=back)


def month_near(month: int, reference: Reference, direction: Direction) -> tuple[int, int] | None:
    """``(year, month)`` of ``juin dernier`` / ``juin prochain`` read against a reference.

    >>> month_near(6, Reference(2021, 1, 29), "before")
    (2020, 6)
    >>> month_near(6, Reference(2021, 6), "before")
    (2020, 6)
    >>> month_near(9, Reference(2021, 6, 2), "after")
    (2021, 9)
    >>> month_near(6, Reference(2021), "before") is None
    True
    """
    if reference.month is None:
        return None
    if direction == "after":
        return (reference.year if month > reference.month else reference.year + 1, month)
    return (reference.year if month < reference.month else reference.year - 1, month)


def day_near(month: int, day: int, reference: Reference, direction: Direction) -> int | None:
    """The year of ``le 13 octobre dernier`` / ``le 3 juin prochain``: the last occurrence
    before the reference, or the next one after it.

    >>> day_near(6, 3, Reference(2021, 6, 15), "after")
    2022
    >>> day_near(10, 13, Reference(2021, 6, 15), "before")
    2020
    >>> day_near(10, 13, Reference(2015, 10), "before")
    2015
    """
    if reference.month is None:
        return None
    last = days_in_month(reference.year, reference.month)
    ref = (reference.month, reference.day or (1 if direction == "after" else last))
    if direction == "after":
        year = reference.year if (month, day) > ref else reference.year + 1
    else:
        year = reference.year if (month, day) < ref else reference.year - 1
    return year if valid_day(year, month, day) else None


def fiscal_end(start: int, end_text: str) -> int | None:
    """The closing year of a fiscal year ``2022-2023`` / ``2022-23``; None unless it is start + 1.

    >>> fiscal_end(2022, "2023"), fiscal_end(2022, "23"), fiscal_end(1999, "00")
    (2023, 2023, 2000)
    >>> fiscal_end(2013, "2020") is None
    True
    """
    end = int(end_text)
    if len(end_text) == 2:
        end += (start // 100) * 100
        if end < start:
            end += 100
    return end if end == start + 1 else None


def valid_day(year: int, month: int, day: int) -> bool:
    """
    >>> valid_day(2021, 2, 29), valid_day(2020, 2, 29), valid_day(2021, 13, 1)
    (False, True, False)
    """
    return 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)




