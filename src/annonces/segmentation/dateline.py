"""The dateline of a release, in one grammar: where it is, what it holds, its city.

A dateline opens a release: ``QUÉBEC, le 4 mai 2021 /CNW Telbec/ -``, ``GATINEAU (Québec), le
3 mai 2021 –``, ``SAINTE-ROSE-DU-NORD, QUÉBEC--(Marketwired - 7 mars 2017) -``, ``Le 9 juin 2023 –
Gaspé (Québec) –``, a line holding only a date (``18 décembre 2018``), the city alone before a
news lead (``Baie-Comeau – Les ministres ...``), or a byline date (``Par Steeve Paradis 2:58 PM -
14 mars 2019``, ``24/07/17``).  Its patterns and word lists are ``patterns/dateline.jsonl``
(:func:`annonces.patterns.dateline_rules`, :func:`annonces.patterns.dateline_words`): ``{name}``
in a pattern is the word list ``name`` joined in file order; ``%MONTH%``, ``%WEEKDAY%`` and
``%DASH%`` are the atoms of :mod:`annonces.segmentation.cues`.  Its readers:

* the segmenter (:mod:`.sections`): :func:`line_match`, :func:`date_only` and :func:`city_match`
  give the ``dateline`` segment;
* the publication date (:mod:`annonces.extractors.publication`): :data:`DATELINE_CHARS`,
  :data:`DATELINE_LINES`, :func:`dates_line` (whether a found date is the dateline's) and
  :func:`short_numeric_date`;
* the region of the records (:mod:`annonces.records.regions`): :func:`city`.

>>> t = "QUÉBEC, le 4 mai 2021 /CNW Telbec/ - La ministre annonce 2 M$."
>>> t[:line_match(t)], city(t, 0, line_match(t))
('QUÉBEC, le 4 mai 2021 /CNW Telbec/ -', 'QUÉBEC')
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import NamedTuple

from .. import patterns
from ..normalize.text import BULLET_CLASS, DASH_CHARS, DASH_CLASS, alternation, char_class
from ..types import DateValue
from .cues import join

#: how far from the top (characters after the page metadata, non-blank lines) a dateline may sit
DATELINE_CHARS = 600
DATELINE_LINES = 6


def _words(name: str) -> str:
    return "|".join(patterns.dateline_words(name))


def _fill(pattern: str) -> str:
    """``pattern`` with each ``{name}`` of a word list of ``dateline.jsonl`` replaced."""
    for row in patterns.records("dateline.jsonl"):
        if row["kind"] == "words":
            pattern = pattern.replace("{" + row["name"] + "}", "|".join(row["words"]))
    return pattern


@cache
def rule(label: str) -> re.Pattern[str]:
    """The alternation of the ``dateline.jsonl`` patterns labelled ``label`` (``dateline``,
    ``dateline_city``, ``date_line``), case-insensitive unless a row says ``sensitive``."""
    return re.compile(join({**r, "pattern": _fill(r["pattern"])} for r in patterns.dateline_rules(label)))


# ---------------------------------------------------------------- the segmenter's dateline


def line_match(line: str) -> int:
    """The length of the dateline opening ``line`` (0 when none): city, date, newswire, dash.

    >>> line_match("GATINEAU (Québec), le 3 mai 2021 – Une aide"), line_match("Le ministre annonce")
    (34, 0)
    """
    m = rule("dateline").match(line)
    return m.end() if m else 0


def date_only(line: str) -> bool:
    """Whether ``line`` holds a date and nothing else (``18 décembre 2018``, ``Publié le 4 mai 2021 à 10 h``).

    >>> date_only("18 décembre 2018"), date_only("18 décembre 2018 : une aide")
    (True, False)
    """
    return rule("date_line").fullmatch(line) is not None


def city_match(line: str) -> int:
    """The length of a city-only dateline opening a news lead (``Baie-Comeau – ``), 0 when none.

    >>> line_match("Baie-Comeau – Les ministres annoncent une aide."), city_match("Baie-Comeau – Les ministres annoncent une aide.")
    (0, 14)
    """
    m = rule("dateline_city").match(line)
    return m.end() if m else 0


# ---------------------------------------------------------------- the date of a dateline


class _Shape(NamedTuple):
    suffix_end: re.Pattern[str]
    suffix_stamp: re.Pattern[str]
    city_prefix: re.Pattern[str]
    wire_prefix: re.Pattern[str]
    bare_prefix: re.Pattern[str]
    byline_prefix: re.Pattern[str]


@cache
def _shape() -> _Shape:
    """What may stand before and after a dateline date on its line (over folded text, but the city)."""
    zones = _words("time_zones")
    time = rf"\s{{0,2}},?\s{{0,2}}(?:a\s)?\d{{1,2}}\s?(?::|h)\s?\d{{0,2}}\s?(?:{zones})?(?![a-z])"
    city_word = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
    city = rf"(?!(?:{_words('not_city_article')})\s){city_word}(?: (?:{city_word}|{_words('city_particles')})){{0,5}}"
    province = r"(?:\s?\([A-ZÀ-ÖØ-Þ][\w .'’\-]{1,30}\))?"
    byline = alternation([r["pattern"] for r in patterns.dateline_rules("byline_prefix")])
    return _Shape(
        suffix_end=re.compile(rf"\s*(?:\Z|[/)|(:]|-|\.(?:\s|\Z))|{time}"),
        # a newswire stamp after the date: "26 juin, 2017, 14:00 ET"
        suffix_stamp=re.compile(rf"\s{{0,2}},?\s{{0,2}}\d{{1,2}}:\d{{2}}(?:\s?(?:{zones}))?(?![a-z\d])"),
        city_prefix=re.compile(rf"\s*{city}{province}(?:\s{{0,2}},\s{{0,2}}{city}{province})?(?:\s*{char_class(',' + DASH_CHARS)}\s*|\s+)(?:[Ll]e\s+)?"),
        wire_prefix=re.compile(r".{0,80}-{1,2}\s?\([^()\n]{2,40}?\s-\s?"),
        bare_prefix=re.compile(r"\s*(?:le\s+)?", re.IGNORECASE),
        byline_prefix=re.compile(rf"\s*(?:{BULLET_CLASS}\s*)?(?:{byline})[\s,:|-]*(?:le\s+)?"),
    )


def dates_line(text: str, folded: str, start: int, end: int) -> bool:
    """Whether the date ``text[start:end]`` is a dateline's: only a city (``GATINEAU, le``), a
    byline (``Publié le``) or a newswire before it on its line, and an end, a dash or an hour after.

    ``folded`` is ``text`` folded to the same length (:func:`annonces.normalize.text.fold`).

    >>> from annonces.normalize.text import fold
    >>> t = "GATINEAU, le 4 avril 2018 - Le gouvernement octroie 45 000 $."
    >>> dates_line(t, fold(t), 13, 25), dates_line("Une aide du 4 avril 2018.", fold("Une aide du 4 avril 2018."), 12, 24)
    (True, False)
    """
    shape = _shape()
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    prefix, fprefix = text[line_start:start], folded[line_start:start]
    fsuffix = folded[end:line_end]
    if shape.suffix_stamp.match(fsuffix):
        return True  # newswire stamp "26 juin, 2017, 14:00 ET"
    if len(prefix) > 100 or not shape.suffix_end.match(fsuffix):
        return False
    if shape.byline_prefix.fullmatch(fprefix):
        return True  # "Par Steeve Paradis 2:58 PM - 14 mars 2019", "Publié le 4 mai 2021"
    if shape.wire_prefix.fullmatch(fprefix):
        return fsuffix.lstrip().startswith(")")
    return bool(shape.bare_prefix.fullmatch(prefix) or shape.city_prefix.fullmatch(prefix))


#: a byline line holding only a day, month and two-digit year: ``24/07/17``
_SHORT_NUMERIC = re.compile(r"[ \t]*(0?[1-9]|[12]\d|3[01])/(0?[1-9]|1[0-2])/(\d\d)[ \t]*")


def short_numeric_date(text: str, head_start: int) -> DateValue | None:
    """``24/07/17`` alone on one of the first lines (day first, 20yy): a page's byline date.

    >>> short_numeric_date("Titre\\n24/07/17\\nLe Département vote.", 0).iso
    '2017-07-24'
    """
    pos = head_start
    for _ in range(DATELINE_LINES):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        m = _SHORT_NUMERIC.fullmatch(text, pos, end)
        if m:
            day, month, year = int(m.group(1)), int(m.group(2)), 2000 + int(m.group(3))
            try:
                iso = dt.date(year, month, day).isoformat()
            except ValueError:
                return None
            return DateValue(iso, "day", "point", m.group().strip(), m.start(1), m.end(3))
        if end >= len(text):
            break
        pos = end + 1
    return None


# ---------------------------------------------------------------- the city of a dateline

_CITY = re.compile(r"\s*([A-ZÀ-Þ][\w'’.\-]*(?:[ -][A-ZÀ-Þa-zà-þ][\w'’.\-]*){0,4}?)\s*(?:\([^()]{1,30}\))?\s*(?:,|" + DASH_CLASS + r"|\s[Ll]e\s)")


def city(text: str, start: int, end: int) -> str | None:
    """The city opening the dateline segment ``text[start:end]`` (``GATINEAU, le 4 avril 2018``).

    >>> city("GATINEAU (Québec), le 4 avril 2018 -", 0, 36), city("Le 4 avril 2018", 0, 15)
    ('GATINEAU', None)
    """
    m = _CITY.match(text, start, end)
    return m.group(1) if m else None
