"""The years a text is about, and the year of a day written without one.

Pure functions (no spaCy): a date such as ``vendredi 9 avril`` or ``la séance du
5 décembre`` gets its year from the dateline when there is one (see
:func:`annonces.normalize.dates.complete_year`); without a dateline, from the years the
text itself writes.  Years that only bound a period (``2014-2020``, ``entre 2014 et
2020``, ``2023-2024``) or a target (``d'ici 2030``, ``à l'horizon 2030``) do not say
when the text was written, and are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .. import patterns
from .dates import days_in_month
from .text import DASH_CHARS, fold

_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_YEARS = re.compile(rf"(?<![\w/.,-]){_YEAR}(?![\w/-]|[.,]\d)")
#: a year bounding a period: ``2014-2020``, ``2014 - 2020``, ``2023-24``, ``2022/2023``
_DASHES = re.escape(DASH_CHARS)
_RANGE_AFTER = re.compile(rf"\s?[{_DASHES}/]\s?\d{{2,4}}\b|\s+(?:a|au|et)\s+\d{{4}}\b")
_RANGE_BEFORE = re.compile(rf"(?:\b\d{{2,4}}\s?[{_DASHES}/]\s?|\bentre\s+|\b\d{{4}}\s+(?:a|au|et)\s+)$")
#: a year that is a target or a limit, not the time of writing
_TARGET_BEFORE = re.compile(r"\b(?:d'ici|horizon|jusqu'en|jusqu'a|avant|apres|depuis|des)\s+(?:l'an\s+|l'annee\s+)?$")


def written_years(text: str) -> list[int]:
    """The years ``text`` writes, in order, except the bounds of periods and targets.

    >>> written_years("Le comité du 3 juillet, pour la période 2014-2020, prévoit des travaux fin 2015.")
    [2015]
    >>> written_years("Les contributions de 2026 (2025 : 300 000 $), entre 2019 et 2021, d'ici 2030.")
    [2026, 2025]
    >>> written_years("Le 13,7 M$ du dossier 2021-045, 1 2022 $ et 24/07/2017 : aucun.")
    []
    >>> written_years("la production de logements sociaux 2022 : 163 450 €")
    [2022]
    """
    folded = fold(text).replace("’", "'")
    out: list[int] = []
    for m in _YEARS.finditer(folded):
        before = folded[max(0, m.start() - 20):m.start()]
        after = folded[m.end():m.end() + 8]
        if _RANGE_AFTER.match(after) or _RANGE_BEFORE.search(before) or _TARGET_BEFORE.search(before):
            continue
        if re.match(r"\s?(?:\$|€|euros?\b|dollars?\b)", after) or re.search(r"\d[ \u00a0\u202f]$", before):
            continue  # "1 2022 $" is money, not a year
        out.append(int(m.group()))
    return out


def era_years(text: str) -> list[int]:
    """The years an era the text names spans (``la crise sanitaire``, ``la COVID-19``:
    2020 to 2022; data file ``patterns/date_eras.csv``), latest first; used only to place
    a day whose written weekday fixes the year, when the text writes no year.

    >>> era_years("Malgré la crise sanitaire, le conseil du vendredi 9 avril a voté les subventions.")
    [2022, 2021, 2020]
    >>> era_years("Le conseil du vendredi 9 avril a voté les subventions.")
    []
    """
    folded = fold(text).replace("’", "'")
    years: set[int] = set()
    for row in patterns.rows("date_eras.csv"):
        if re.search(rf"\b{re.escape(row['cue'])}\b", folded):
            years.update(range(int(row["first"]), int(row["last"]) + 1))
    return sorted(years, reverse=True)


def year_of_day(month: int, day: int, years: Iterable[int], *, weekday: int | None = None) -> int | None:
    """The year of a day written without one, from the ``years`` a text writes.

    With a ``weekday`` (Monday 0): the written year, else a neighbouring one, where the
    day falls on that weekday, the latest first; None when none fits.  Without one: the
    latest year written (the text's own year), None when the text writes none.

    >>> year_of_day(7, 3, [2015], weekday=4)      # vendredi 3 juillet, text about 2015
    2015
    >>> year_of_day(4, 9, [2020, 2022], weekday=4)  # vendredi 9 avril: 2021 fits, none written
    2021
    >>> year_of_day(4, 9, [2021], weekday=0) is None  # no Monday 9 April in 2020-2022
    True
    >>> year_of_day(12, 5, [2021, 2022])
    2022
    >>> year_of_day(2, 29, [2021]) is None
    True
    >>> year_of_day(3, 1, []) is None
    True
    """
    written = sorted(set(years), reverse=True)
    if not written:
        return None
    if weekday is None:
        latest = written[0]
        return latest if day <= days_in_month(latest, month) else None
    for pool in (written, sorted({y + k for y in written for k in (-1, 1)} - set(written), reverse=True)):
        for y in pool:
            if day <= days_in_month(y, month) and dt.date(y, month, day).weekday() == weekday:
                return y
    return None
