"""The date grammar: one regex per date shape, built from the ``patterns/date_*`` data.

Each rule runs over the folded text (same length as the input); group names carry the
parts (``d``, ``m``, ``y``, ``wd``...).  :mod:`annonces.extractors.dates` resolves the hits.

>>> [name for name, rx in rules() if rx.fullmatch("4 fevrier 2014")]
['day']
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalize.dates import cues, month_forms, relative_forms, weekday_forms
from ..normalize.text import alternation

_S = r"\s{1,3}"  # between words (a line break included)
_MY = r"\s{0,2},?\s{1,3}"  # between month and year: "26 juin 2017", "26 juin, 2017"


def cue(label: str) -> str:
    return alternation([p for p, _ in cues()[label]])


def day_atom(name: str | None) -> str:
    body = r"1\s?(?:er|re|ᵉʳ|ʳᵉ)|premier|3[01]|[12]\d|0?[1-9]"
    group = f"?P<{name}>" if name else "?:"
    return rf"(?<![\d.,:/])({group}{body})(?![\d])"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:1[89]|20)\d\d)(?!\d)(?!,\d)(?!\s?(?:[$€%]|m\$))"


def _month(name: str | None, *, full_only: bool = False) -> str:
    """A month name; an abbreviation needs its dot or a year after it (``10 jan 2017``)."""
    forms = month_forms()
    full = alternation([f for f, (_, abbr) in forms.items() if not abbr])
    abbr = alternation([f for f, (_, is_abbr) in forms.items() if is_abbr])
    group = f"?P<{name}>" if name else "?:"
    if full_only:
        return rf"({group}(?:{full})(?![a-z]))"
    year_ahead = rf"(?={_MY}(?:1[89]|20)\d\d(?!\d))"
    return rf"({group}(?:{full})(?![a-z])|(?:{abbr})\.|(?:{abbr}){year_ahead})"


def _weekday(name: str) -> str:
    return rf"(?<![a-z])(?P<{name}>{alternation(list(weekday_forms()))})(?![a-z])"


def _date(d: str, m: str, y: str) -> str:
    """Day, month and an optional year."""
    return rf"{day_atom(d)}{_S}{_month(m)}(?:{_MY}{_year(y)})?"


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(rule name, compiled regex)`` in priority order (earlier wins a tie)."""
    wd = rf"(?:{_weekday('wd')}\s{{0,2}},?{_S}(?:le{_S})?)?"
    filler = rf"(?:\s{{1,2}}(?:{cue('deadline_filler')})){{0,3}}"
    rules = {
        "range": (
            rf"(?<![a-z'])(?P<cue>{cue('range_open')}){_S}{day_atom('d1')}"
            rf"(?:{_S}{_month('m1')}(?:{_MY}{_year('y1')})?)?"
            rf"{_S}(?:{cue('range_join')}){_S}{_date('d2', 'm2', 'y2')}"
        ),
        "short_range": rf"{day_atom('d1')}\s?-\s?{_date('d2', 'm2', 'y2')}",
        "month_range": (
            rf"(?<![a-z'])(?:{cue('month_range_open')})\s{{0,3}}{_month('m1', full_only=True)}"
            rf"(?:{_S}{_year('y1')})?{_S}(?:{cue('month_range_join')}){_S}{_month('m2')}{_MY}{_year('y2')}"
        ),
        "enumeration": (
            rf"(?P<enum>(?:{day_atom(None)}\s?,\s?){{0,5}}{day_atom(None)}{_S}(?:et|ou)(?:{_S}le)?{_S})"
            rf"{_date('d', 'm', 'y')}"
        ),
        "deadline": (
            rf"(?<![a-z'])(?P<cue>{cue('deadline_cue')}){filler}{_S}"
            rf"(?:{_date('d', 'm', 'y')}|{_month('mm')}{_MY}{_year('my')}|{_year('yy')}(?!\s?[-/]\s?\d))"
        ),
        "day": (
            rf"{wd}{day_atom('d')}{_S}{_month('m')}"
            rf"(?:{_MY}{_year('y')}|{_S}(?P<dir>{cue('month_direction')})(?![a-z]))?"
        ),
        "iso": (
            r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>0[1-9]|1[0-2])(?P=sep)"
            r"(?P<d>0[1-9]|[12]\d|3[01])(?![\d/-])(?!\.\d)"
        ),
        "numeric": (
            r"(?<![\d/.-])(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/.-])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
            r"(?P<y>(?:19|20)\d\d)(?![\d/-])(?!\.\d)"
        ),
        "fiscal": (
            rf"(?<![a-z'])(?:l')?(?P<cue>{cue('fiscal_cue')}){_S}{_FISCAL_SPAN}"
        ),
        "month_year": rf"(?<![a-z]){_month('m')}{_MY}{_year('y')}",
        "month_near": rf"(?<![a-z]){_month('m', full_only=True)}{_S}(?P<dir>{cue('month_direction')})(?![a-z])",
        "relative": rf"(?<![a-z])(?P<rel>{alternation(list(relative_forms()))})(?![a-z])",
        "weekday": (
            rf"(?<![a-z])(?:(?:ce|cette){_S})?{_weekday('wd')}"
            rf"(?:{_S}(?P<dir>{cue('weekday_direction')})(?![a-z]))?"
            rf"(?!{_S}(?:le{_S})?{day_atom(None)}{_S}{_month(None)})"
        ),
    }
    return tuple((name, re.compile(p)) for name, p in rules.items())


@lru_cache(maxsize=1)
def fiscal_chain() -> re.Pattern[str]:
    """``exercices 2022-2023 et 2023-2024``: a fiscal year joined to the previous one."""
    return re.compile(rf"\s{{0,2}}(?:{cue('fiscal_join')})\s{{1,3}}{_FISCAL_SPAN}")


@lru_cache(maxsize=1)
def weekday_blocker() -> re.Pattern[str]:
    """``le lundi``, ``du mardi au vendredi``: habitual weekdays, not dates."""
    return re.compile(rf"(?<![a-z])(?:{cue('weekday_blocker')})\s{{1,3}}\Z")


_FISCAL_SPAN = r"(?P<y1>(?:19|20)\d\d)\s?[-/]\s?(?P<y2>(?:19|20)?\d\d)(?![\d-])"
