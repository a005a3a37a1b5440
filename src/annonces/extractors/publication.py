"""The publication date of a release: its dateline, the caller's date or page metadata.

>>> publication_date("GATINEAU, le 4 avril 2018 - Le gouvernement octroie 45 000 $.")[0].iso
'2018-04-04'
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..normalize.text import BULLET_CLASS, DASH_CHARS, char_class, fold
from ..types import DateValue
from .date_grammar import cue
from .dates import find_dates, metadata_date

#: how far from the top a dateline may sit
DATELINE_CHARS = 600
DATELINE_LINES = 6

_TIME = r"\s{0,2},?\s{0,2}(?:a\s)?\d{1,2}\s?(?::|h)\s?\d{0,2}\s?(?:am|pm|et|hae|hne|he)?(?![a-z])"
_SUFFIX_END = re.compile(rf"\s*(?:\Z|[/)|(:]|-|\.(?:\s|\Z))|{_TIME}")
#: a newswire stamp after the date: ``26 juin, 2017, 14:00 ET``
_SUFFIX_STAMP = re.compile(r"\s{0,2},?\s{0,2}\d{1,2}:\d{2}(?:\s?(?:am|pm|et|hae|hne|he))?(?![a-z\d])")
_CITY_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
_CITY = rf"(?!(?:L[EA]|LES|Le|La|Les|L')\s){_CITY_WORD}(?: (?:{_CITY_WORD}|de|du|des|la|le|les|sur|en|d'|l'|d’|l’)){{0,5}}"
_PROVINCE = r"(?:\s?\([A-ZÀ-ÖØ-Þ][\w .'’\-]{1,30}\))?"
_CITY_PREFIX = re.compile(
    rf"\s*{_CITY}{_PROVINCE}(?:\s{{0,2}},\s{{0,2}}{_CITY}{_PROVINCE})?(?:\s*{char_class(',' + DASH_CHARS)}\s*|\s+)(?:[Ll]e\s+)?"
)
_WIRE_PREFIX = re.compile(r".{0,80}-{1,2}\s?\([^()\n]{2,40}?\s-\s?")
_BARE_PREFIX = re.compile(r"\s*(?:le\s+)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _byline_prefix() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{BULLET_CLASS}\s*)?(?:{cue('dateline_prefix')})[\s,:|-]*(?:le\s+)?")


def _is_dateline(text: str, folded: str, d: DateValue) -> bool:
    line_start = text.rfind("\n", 0, d.start) + 1
    line_end = text.find("\n", d.end)
    line_end = len(text) if line_end < 0 else line_end
    prefix, fprefix = text[line_start : d.start], folded[line_start : d.start]
    fsuffix = folded[d.end : line_end]
    if _SUFFIX_STAMP.match(fsuffix):
        return True  # newswire stamp "26 juin, 2017, 14:00 ET"
    if len(prefix) > 100 or not _SUFFIX_END.match(fsuffix):
        return False
    if _byline_prefix().fullmatch(fprefix):
        return True  # "Par Steeve Paradis 2:58 PM - 14 mars 2019", "Publié le 4 mai 2021"
    if _WIRE_PREFIX.fullmatch(fprefix):
        return fsuffix.lstrip().startswith(")")
    return bool(_BARE_PREFIX.fullmatch(prefix) or _CITY_PREFIX.fullmatch(prefix))


def dateline_date(text: str) -> DateValue | None:
    """The full date of the dateline at the top of a release, if any.

    >>> dateline_date("Titre\\nGATINEAU Le 4 avril 2018\\n\\nLe gouvernement octroie 45 000 $.").iso
    '2018-04-04'
    >>> dateline_date("Le 20 avril 2022, le gouvernement a fait une annonce.") is None
    True
    """
    folded = fold(text)
    meta = metadata_date(text)
    head_start = meta.end if meta else 0
    head_end = head_start + DATELINE_CHARS
    for d in find_dates(text[: head_end + 40]):
        line_start = text.rfind("\n", 0, d.start) + 1
        lines_before = sum(1 for ln in text[head_start:line_start].split("\n") if ln.strip())
        if d.start >= head_end or lines_before >= DATELINE_LINES:
            break
        if d.precision == "day" and d.kind == "point" and not d.relative and _is_dateline(text, folded, d):
            return d
    return _short_numeric_line(text, head_start)


#: a byline line holding only a day, month and two-digit year: ``24/07/17``
_SHORT_NUMERIC = re.compile(r"[ \t]*(0?[1-9]|[12]\d|3[01])/(0?[1-9]|1[0-2])/(\d\d)[ \t]*")


def _short_numeric_line(text: str, head_start: int) -> DateValue | None:
    """``24/07/17`` alone on one of the first lines (day first, 20yy): a page's byline date.

    >>> _short_numeric_line("Titre\\n24/07/17\\nLe Département vote.", 0).iso
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


def publication_date(text: str, *, caller: dt.date | None = None) -> tuple[DateValue | None, str | None]:
    """The publication date and its source: ``"dateline"``, ``"caller"``, ``"metadata"`` or None.

    A dateline date wins, then the date given by the caller, then the corpus page
    metadata (``" date 2017-06"``, month precision).  None when there is none: the
    pipeline then infers the latest full date of the text itself and flags it.

    >>> d, source = publication_date("QUÉBEC, le 29 janv. 2021 /CNW Telbec/ - Le ministre annonce...")
    >>> (d.iso, d.text, source)
    ('2021-01-29', '29 janv. 2021', 'dateline')
    >>> d, source = publication_date(" date 2017-06 Le ministère confirme ce matin une aide.")
    >>> (d.iso, d.precision, source)
    ('2017-06', 'month', 'metadata')
    >>> publication_date("Une aide est accordée.", caller=dt.date(2020, 5, 4))[0].iso
    '2020-05-04'
    >>> publication_date("Une aide annoncée le 15 décembre 2020 a été versée.")
    (None, None)
    """
    line = dateline_date(text)
    if line is not None:
        return line, "dateline"
    if caller is not None:
        return DateValue(caller.isoformat(), "day", "point", "", 0, 0), "caller"
    meta = metadata_date(text)
    if meta is not None:
        return meta, "metadata"
    return None, None
