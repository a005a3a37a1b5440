"""The date of a release's records: the council meeting's, else the announcement's.

SCHEMA: a record's date is the announcement's date (the dateline), or the date of the
meeting that decided the grants (``lors de la séance du 3 décembre``, ``la commission
permanente s'est réunie lundi 10 juillet``).  The gold files take the meeting's date
when the release has no dated dateline or byline, and the dateline's (or the date of a
sentence that announces) when it has one: a news page dated the 6th about "la séance
du 5" is dated the 6th.  A date without a year takes the
dateline's year (the extractor resolves it against the publication date); without a
dateline or page metadata, the year the text writes (:mod:`annonces.normalize.years`),
checked against a written weekday (``vendredi 9 avril`` in a text about 2021).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from .. import patterns
from ..extractors.dates import find_dates
from ..extractors.publication import publication_date
from ..normalize.dates import weekday_number
from ..normalize.text import alternation, fold, stem_alternation
from ..normalize.years import era_years, written_years, year_of_day
from ..types import DateValue
from .context import Context, in_section

#: how far from a date its meeting cue may be, before and after it (characters)
MEETING_BEFORE, MEETING_AFTER = 80, 60
_SKIP = {"quote", "boilerplate", "contact"}


@functools.cache
def _cues() -> dict[str, re.Pattern[str]]:
    data = patterns.document("record_dates.json")
    return {
        "meeting": re.compile(rf"(?<!\w)(?:{alternation(data['meeting'], escape=True)})(?!\w)"),
        "announce": re.compile(rf"(?<!\w)(?:{stem_alternation([fold(v) for v in patterns.announce_verbs('dating')], ending='')})"),
        "future": re.compile(rf"^\W{{0,3}}(?:{alternation(data['future'], escape=True)})(?!\w)"),
    }


def record_date(ctx: Context) -> str | None:
    """The ISO date of the records of ``ctx``'s release, or None.

    >>> from annonces.extractors.dates import find_dates
    >>> t = "Sept-Îles, contributions 2026\\nLors de la séance du 24 février, la Ville a accordé 5 000 $ à X."
    >>> record_date(Context(t, [], [], [], [], [], find_dates(t), [], [], None, None))
    '2026-02-24'
    """
    dated, dates = _dates(ctx)
    days = [d for d in dates if d.precision == "day" and d.kind in {"point", "range"}
            and not in_section(ctx.sections, d.start, _SKIP)]
    folded = fold(ctx.text).replace("’", "'")
    meeting = [] if dated else [d for d in days if _meeting(ctx, folded, d)]
    if meeting:
        return meeting[0].iso
    announced = _announced(ctx, folded, [d for d in days if not in_section(ctx.sections, d.start, {"dateline"})])
    if announced is not None:
        return announced.iso
    if ctx.published is not None:
        return ctx.published.isoformat()
    return None


def _dates(ctx: Context) -> tuple[bool, Sequence[DateValue]]:
    """Whether the release is dated to the day (dateline, byline or caller), and its dates:
    without dateline or page metadata, read again against the years the text writes."""
    pub, _ = publication_date(ctx.text)
    if pub is not None:
        return pub.precision == "day", ctx.dates
    if ctx.published is not None and ctx.published.isoformat() not in {d.iso for d in ctx.dates}:
        return True, ctx.dates  # the caller's date, not one inferred from the text
    years = written_years(ctx.text)
    by_weekday = not years  # an era's years ("la crise sanitaire") only place a written weekday
    years = years or era_years(ctx.text)
    if not years:
        return False, ctx.dates
    reference = DateValue(str(max(years)), "year", "point", "", 0, 0)
    out = []
    for d in find_dates(ctx.text, reference=reference):
        if d.relative and d.precision == "day" and d.kind == "point":
            fixed = _with_year(d, years, by_weekday=by_weekday)
            if fixed is None:
                continue
            d = fixed
        out.append(d)
    return False, out


def _with_year(d: DateValue, years: list[int], *, by_weekday: bool = False) -> DateValue | None:
    """``d`` (a day whose year was completed) with the year that its written weekday fits
    (``by_weekday``: None without a written weekday)."""
    first = re.match(r"\w+", fold(d.text))
    weekday = weekday_number(first.group()) if first else None
    if by_weekday and weekday is None:
        return None
    month, day = int(d.iso[5:7]), int(d.iso[8:10])
    year = year_of_day(month, day, years, weekday=weekday)
    if year is None:
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    return DateValue(iso, d.precision, d.kind, d.text, d.start, d.end, d.end_iso, d.relative)


def _meeting(ctx: Context, folded: str, d: DateValue) -> bool:
    """Whether a meeting cue stands next to ``d`` in its sentence and ``d`` is not ahead."""
    s0, s1 = ctx.sent.at(d.start)
    if _cues()["future"].match(folded, d.end, min(s1, d.end + 15)):
        return False
    if ctx.published is not None and d.iso > ctx.published.isoformat():
        return False
    lo, hi = max(s0, d.start - MEETING_BEFORE), min(s1, d.end + MEETING_AFTER)
    return _cues()["meeting"].search(folded, lo, hi) is not None


def _announced(ctx: Context, folded: str, days: list[DateValue]) -> DateValue | None:
    """The first day written in a sentence that announces (``a annoncé le 1er mars``)."""
    searched: set[tuple[int, int]] = set()
    for d in days:
        sentence = ctx.sent.at(d.start)
        if sentence in searched:
            continue
        searched.add(sentence)
        if _cues()["announce"].search(folded, *sentence):
            return d
    return None
