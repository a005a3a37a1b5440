"""Date expressions and the publication date, found with our own patterns.

The grammar is built from the data files ``patterns/date_*`` and runs over the folded
text (same length as the input, so match offsets are offsets into the input).  Values
come from the pure functions of :mod:`annonces.normalize.dates`; dateparser is not used
(it finds dates in ``13,7`` and splits ``le 29 janv`` from ``2021``).

>>> text = "Trois-Rivières, le 4 février 2014 – Réunion les 5 et 6 février."
>>> [(d.iso, d.text) for d in find_dates(text, reference=dt.date(2014, 2, 4))]
[('2014-02-04', '4 février 2014'), ('2014-02-05', '5 et 6 février'), ('2014-02-06', '6 février')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..normalize.dates import (
    Direction,
    Reference,
    as_reference,
    complete_year,
    cues,
    day_near,
    day_number,
    fiscal_end,
    iso,
    month_near,
    month_number,
    relative_forms,
    valid_day,
    weekday_near,
    weekday_number,
    weekday_forms,
    year_from_weekday,
)
from ..normalize.text import fold
from ..normalize.years import era_years
from ..types import DateKind, DateValue, Precision
from .context import CLAUSE_MARK, PHRASE_MARK, first_break, last_break, opens_sentence
from .date_grammar import cue, day_atom, fiscal_chain, rules, weekday_blocker

_YEARS = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_METADATA = re.compile(r"\A[ \t]*date[ \t]+(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01]))?(?![\d-])")
_JOIN = re.compile(r"\s{0,2}(?:,|et|ou|au|a|puis|-)?\s{0,3}(?:le|du|au)?\s{0,3}")


@dataclass
class _Context:
    text: str
    folded: str
    ref: Reference | None
    years: tuple[int, ...]


@dataclass
class _Hit:
    rule: str
    match: re.Match[str]
    borrowed_year: int | None = None

    @property
    def start(self) -> int:
        return self.match.start()

    @property
    def end(self) -> int:
        return self.match.end()

    def explicit_year(self) -> tuple[int, int] | None:
        """``(year, month)`` written in this hit, to lend to a yearless date just before it."""
        g = self.match.groupdict()
        for y, m in (("y", "m"), ("y2", "m2"), ("y1", "m1"), ("my", "mm")):
            if g.get(y) and g.get(m):
                return int(g[y]), _month_of(g[m])
        return None


def _direction(label: str, word: str) -> Direction:
    """The direction a cue word (``dernier``, ``prochain``, ``matin``) gives, from the data file."""
    found = dict(cues()[label]).get(word)
    return "after" if found == "after" else "on_or_before" if found == "on_or_before" else "before"


def _month_of(token: str) -> int:
    return int(token) if token.isdigit() else month_number(token) or 0


def metadata_date(text: str) -> DateValue | None:
    """The corpus page metadata ``" date 2017-06 "`` at the very start of a text.

    >>> d = metadata_date(" date 2017-06 Afin d’assurer le rayonnement")
    >>> (d.iso, d.precision, d.text, d.start)
    ('2017-06', 'month', '2017-06', 6)
    >>> metadata_date("Le 4 mai 2021, date 2017-06") is None
    True
    """
    m = _METADATA.match(text)
    if not m:
        return None
    y, mo, d = int(m.group("y")), int(m.group("m")), m.group("d")
    if d and not valid_day(y, mo, int(d)):
        return None
    value = iso(y, mo, int(d)) if d else iso(y, mo)
    start = m.start("y")
    return DateValue(value, "day" if d else "month", "point", text[start : m.end()], start, m.end())


def _candidates(folded: str) -> list[_Hit]:
    hits = [_Hit(name, m) for name, rx in rules() for m in rx.finditer(folded)]
    order = {name: i for i, (name, _) in enumerate(rules())}
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), order[h.rule]))
    chosen: list[_Hit] = []
    last_end = -1
    for h in hits:
        if h.start >= last_end and h.end > h.start:
            chosen.append(h)
            last_end = h.end
    return chosen


def _lend_years(hits: list[_Hit], folded: str) -> None:
    """``le 5 février et le 6 mars 2021``: a yearless date takes the year of the date joined to it."""
    for i in range(len(hits) - 1, -1, -1):
        h, nxt = hits[i], hits[i + 1] if i + 1 < len(hits) else None
        g = h.match.groupdict()
        if nxt is None or h.rule not in ("day", "enumeration") or g.get("y"):
            continue
        gap = folded[h.end : nxt.start]
        lent = nxt.explicit_year() or ((nxt.borrowed_year, 0) if nxt.borrowed_year else None)
        if lent and len(gap) <= 12 and _JOIN.fullmatch(gap):
            year, month = lent
            h.borrowed_year = year - 1 if month and _month_of(g["m"]) > month else year


def _point_year(
    ctx: _Context, month: int, day: int, written: str | None, *, weekday: int | None = None,
    borrowed: int | None = None, forward: bool = False,
) -> tuple[int | None, bool]:
    """The year of a day-precision date and whether it was inferred."""
    if written:
        return int(written), False
    if borrowed:
        return borrowed, True
    if ctx.ref is not None:
        return complete_year(month, day, ctx.ref, weekday=weekday, forward=forward), True
    if weekday is not None:
        return year_from_weekday(month, day, weekday, ctx.years), True
    return None, True


def _value(
    ctx: _Context, start: int, end: int, value: str, precision: Precision, kind: DateKind,
    *, end_iso: str | None = None, relative: bool = False,
) -> DateValue:
    """A value whose evidence is ``text[start:end]``."""
    return DateValue(value, precision, kind, ctx.text[start:end], start, end, end_iso=end_iso, relative=relative)


def _resolve_day(ctx: _Context, h: _Hit, kind: DateKind = "point", forward: bool = False) -> list[DateValue]:
    g = h.match.groupdict()
    day, month = day_number(g["d"]), _month_of(g["m"])
    if day is None or not month:
        return []
    weekday = weekday_number(g["wd"]) if g.get("wd") else None
    if g.get("dir") and ctx.ref is not None and not h.borrowed_year:
        year, inferred = day_near(month, day, ctx.ref, _direction("month_direction", g["dir"])), True
    else:
        year, inferred = _point_year(
            ctx, month, day, g.get("y"), weekday=weekday, borrowed=h.borrowed_year, forward=forward
        )
    if year is None or not valid_day(year, month, day):
        return []
    start = h.match.start("wd") if g.get("wd") else h.match.start("d")
    if kind == "deadline":
        start = h.match.start("cue")
    return [_value(ctx, start, h.end, value=iso(year, month, day), precision="day", kind=kind, relative=inferred)]


def _resolve_range(ctx: _Context, h: _Hit) -> list[DateValue]:
    g = h.match.groupdict()
    d1, d2 = day_number(g["d1"]), day_number(g["d2"])
    m2 = _month_of(g["m2"])
    m1 = _month_of(g["m1"]) if g.get("m1") else m2
    if d1 is None or d2 is None or not m1 or not m2:
        return []
    y2, inferred = _point_year(ctx, m2, d2, g.get("y2"))
    if y2 is None:
        return []
    y1 = int(g["y1"]) if g.get("y1") else (y2 if (m1, d1) <= (m2, d2) else y2 - 1)
    if not (valid_day(y1, m1, d1) and valid_day(y2, m2, d2)) or (y1, m1, d1) >= (y2, m2, d2):
        return []
    start = h.match.start("cue") if g.get("cue") else h.start
    return [
        _value(ctx, start, h.end, value=iso(y1, m1, d1), end_iso=iso(y2, m2, d2), precision="day", kind="range",
               relative=inferred)
    ]


def _resolve_month_range(ctx: _Context, h: _Hit) -> list[DateValue]:
    g = h.match.groupdict()
    m1, m2, y2 = _month_of(g["m1"]), _month_of(g["m2"]), int(g["y2"])
    y1 = int(g["y1"]) if g.get("y1") else (y2 if m1 <= m2 else y2 - 1)
    if (y1, m1) >= (y2, m2):
        return []
    return [_value(ctx, h.start, h.end, value=iso(y1, m1), end_iso=iso(y2, m2), precision="month", kind="range")]


def _resolve_enumeration(ctx: _Context, h: _Hit) -> list[DateValue]:
    g = h.match.groupdict()
    month = _month_of(g["m"])
    enum_start = h.match.start("enum")
    listed = list(re.finditer(day_atom("x"), g["enum"]))
    starts = [enum_start + m.start() for m in listed] + [h.match.start("d")]
    days = [day_number(m.group("x")) for m in listed] + [day_number(g["d"])]
    out = []
    for start, day in zip(starts, days):
        if day is None:
            return []
        year, inferred = _point_year(ctx, month, day, g.get("y"), borrowed=h.borrowed_year)
        if year is None or not valid_day(year, month, day):
            return []
        value = iso(year, month, day)
        out.append(_value(ctx, start, h.end, value=value, precision="day", kind="point", relative=inferred))
    return out


def _resolve_deadline(ctx: _Context, h: _Hit) -> list[DateValue]:
    g = h.match.groupdict()
    start = h.match.start("cue")
    if g.get("d"):
        return _resolve_day(ctx, h, kind="deadline", forward=True)
    if g.get("mm"):
        value = iso(int(g["my"]), _month_of(g["mm"]))
        return [_value(ctx, start, h.end, value=value, precision="month", kind="deadline")]
    return [_value(ctx, start, h.end, value=g["yy"], precision="year", kind="deadline")]


def _resolve_numeric(ctx: _Context, h: _Hit) -> list[DateValue]:
    g = h.match.groupdict()
    y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
    if not valid_day(y, m, d):
        return []
    return [_value(ctx, h.start, h.end, value=iso(y, m, d), precision="day", kind="point")]


def _resolve_fiscal(ctx: _Context, h: _Hit) -> list[DateValue]:
    out: list[DateValue] = []
    m: re.Match[str] | None = h.match
    while m is not None:
        y1 = int(m.group("y1"))
        y2 = fiscal_end(y1, m.group("y2"))
        if y2 is None:
            break
        s = m.start("y1")
        out.append(_value(ctx, s, m.end(), value=str(y1), end_iso=str(y2), precision="year", kind="fiscal_year"))
        m = fiscal_chain().match(ctx.folded, m.end())
    return out


def _resolve_month_year(ctx: _Context, h: _Hit) -> list[DateValue]:
    g = h.match.groupdict()
    return [_value(ctx, h.start, h.end, value=iso(int(g["y"]), _month_of(g["m"])), precision="month", kind="point")]


def _resolve_month_near(ctx: _Context, h: _Hit) -> list[DateValue]:
    if ctx.ref is None:
        return []
    ym = month_near(_month_of(h.match.group("m")), ctx.ref, _direction("month_direction", h.match.group("dir")))
    if ym is None:
        return []
    return [_value(ctx, h.start, h.end, value=iso(*ym), precision="month", kind="point", relative=True)]


def _inside_name(ctx: _Context, start: int) -> bool:
    """``Aujourd'hui en France``, ``Vendredi fou``: a capital that does not start a sentence."""
    if not ctx.text[start].isupper():
        return False
    return not opens_sentence(ctx.text, start)


def _resolve_relative(ctx: _Context, h: _Hit) -> list[DateValue]:
    ref = ctx.ref.date if ctx.ref else None
    word = h.match.group("rel")
    if ref is None or _inside_name(ctx, h.start):
        return []
    offset, figurative = relative_forms()[word]
    if figurative and re.search(r"(?<![a-z])(?:de|d')\s?\Z", ctx.folded[max(0, h.start - 4) : h.start]):
        return []
    day = ref + dt.timedelta(days=offset)
    return [_value(ctx, h.start, h.end, value=day.isoformat(), precision="day", kind="point", relative=True)]


@lru_cache(maxsize=1)
def _future() -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z])(?:{cue('future_marker')})(?![a-z])")


def _future_clause(folded: str, start: int, end: int) -> bool:
    """``La consultation débutera lundi``: a future verb in the same clause reads forward."""
    before = folded[last_break(CLAUSE_MARK, folded, max(0, start - 50), start) : start]
    after = folded[end : first_break(PHRASE_MARK, folded, end, min(len(folded), end + 40))]
    return bool(_future().search(before) or _future().search(after))


def _resolve_weekday(ctx: _Context, h: _Hit) -> list[DateValue]:
    ref = ctx.ref.date if ctx.ref else None
    if ref is None or _inside_name(ctx, h.start):
        return []
    if weekday_blocker().search(ctx.folded[max(0, h.start - 12) : h.start]):
        return []
    word = h.match.group("dir")
    if word:
        direction = _direction("weekday_direction", word)
    else:
        direction = "after" if _future_clause(ctx.folded, h.start, h.end) else "on_or_before"
    day = weekday_near(weekday_forms()[h.match.group("wd")], ref, direction)
    return [_value(ctx, h.start, h.end, value=day.isoformat(), precision="day", kind="point", relative=True)]


_RESOLVERS: dict[str, Callable[[_Context, _Hit], list[DateValue]]] = {
    "range": _resolve_range,
    "short_range": _resolve_range,
    "month_range": _resolve_month_range,
    "enumeration": _resolve_enumeration,
    "deadline": _resolve_deadline,
    "day": _resolve_day,
    "iso": _resolve_numeric,
    "numeric": _resolve_numeric,
    "fiscal": _resolve_fiscal,
    "month_year": _resolve_month_year,
    "month_near": _resolve_month_near,
    "relative": _resolve_relative,
    "weekday": _resolve_weekday,
}


def find_dates(text: str, reference: dt.date | DateValue | None = None) -> list[DateValue]:
    """Every date expression of ``text`` in text order, resolved against ``reference``.

    ``reference`` (the publication date, a date or a :class:`DateValue` of day or month
    precision) completes missing years and resolves ``hier``, ``mardi dernier``,
    ``juin dernier``.  Without it, a day and month without year is kept only when a
    written weekday picks the year among the years of the text.  Years alone are never
    returned, nor the page metadata line.

    >>> [(d.iso, d.text) for d in find_dates("Le 13 octobre, Jean-Denis Girard visitait l'usine.", dt.date(2015, 10, 26))]
    [('2015-10-13', '13 octobre')]
    >>> [d.iso for d in find_dates("Il a dévoilé ce lundi 29 mars son plan, financé jusqu'au 31 mars 2022.")]
    ['2021-03-29', '2022-03-31']
    >>> find_dates("Le 13,7 M$ du 1er cycle, 24/7, à 2:58 PM, en 2021 et mi-février.")
    []
    """
    ref = as_reference(reference)
    folded = fold(text)
    meta = metadata_date(text)
    ctx = _Context(text, folded, ref, tuple(iter_years(folded)) or tuple(era_years(folded)))
    hits = [h for h in _candidates(folded) if meta is None or h.start >= meta.end]
    _lend_years(hits, folded)
    out: list[DateValue] = []
    for h in hits:
        out.extend(_RESOLVERS[h.rule](ctx, h))
    return out

def iter_years(text: str) -> Iterator[int]:
    """Years written in ``text`` (used to place a weekday date without reference).

    >>> list(iter_years("en novembre 2020, jusqu'au 31 mars 2022, 13 500 $"))
    [2020, 2022]
    """
    return (int(y) for y in _YEARS.findall(text))


_WHOLE_YEAR = re.compile(r"\s*(?:(?:en|l'an|l'annee|annee)\s+)?((?:1[89]|20)\d\d)\s*")
_WHOLE_MONTH = re.compile(r"\s*((?:1[89]|20)\d\d)-(0[1-9]|1[0-2])\s*")


def parse_date(text: str, reference: dt.date | None = None) -> DateValue | None:
    """The first date expression in a short string, resolved against ``reference``.

    Offsets are into ``text``.  A string that is only a year (``2021``, ``en 2021``) or
    a metadata month (``2017-06``) gives that year or month; inside longer text, years
    alone are not dates.

    >>> d = parse_date("QUÉBEC, QUÉBEC--(Marketwired - 10 jan. 2017) - ")
    >>> (d.iso, d.precision, d.kind, d.text)
    ('2017-01-10', 'day', 'point', '10 jan. 2017')
    >>> parse_date("Lancé en juin 2020").iso
    '2020-06'
    >>> parse_date("le 1er sept. 2019").iso
    '2019-09-01'
    >>> parse_date("ce lundi 29 mars", reference=dt.date(2021, 3, 30)).iso
    '2021-03-29'
    >>> parse_date("annoncé en juin dernier", reference=dt.date(2021, 1, 29)).iso
    '2020-06'
    >>> d = parse_date("hier", reference=dt.date(2021, 3, 30)); (d.iso, d.relative)
    ('2021-03-29', True)
    >>> parse_date("le 15 septembre") is None
    True
    >>> d = parse_date("du 1er au 3 avril 2021"); (d.iso, d.end_iso, d.kind)
    ('2021-04-01', '2021-04-03', 'range')
    >>> d = parse_date("pour l'exercice 2022-2023"); (d.iso, d.end_iso, d.kind, d.precision)
    ('2022', '2023', 'fiscal_year', 'year')
    >>> d = parse_date("d'ici 2025"); (d.iso, d.kind, d.precision)
    ('2025', 'deadline', 'year')
    >>> d = parse_date("jusqu'au 31 mars 2022"); (d.iso, d.kind, d.precision)
    ('2022-03-31', 'deadline', 'day')
    >>> parse_date("2021").precision
    'year'
    >>> parse_date("13,7 M$") is None and parse_date("24/7") is None
    True
    """
    found = find_dates(text, reference)
    if found:
        return found[0]
    folded = fold(text)
    whole = _WHOLE_MONTH.fullmatch(folded)
    if whole:
        s, e = whole.span(1)[0], whole.span(2)[1]
        return DateValue(iso(int(whole.group(1)), int(whole.group(2))), "month", "point", text[s:e], s, e)
    whole = _WHOLE_YEAR.fullmatch(folded)
    if whole:
        s, e = whole.span(1)
        return DateValue(whole.group(1), "year", "point", text[s:e], s, e)
    return None
