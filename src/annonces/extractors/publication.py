"""The publication date of a release: its dateline, the caller's date or page metadata.

Which date is the dateline's is the grammar of :mod:`annonces.segmentation.dateline`; this
module finds the dates (:func:`~annonces.extractors.dates.find_dates`) and picks.

>>> publication_date("GATINEAU, le 4 avril 2018 - Le gouvernement octroie 45 000 $.")[0].iso
'2018-04-04'
"""

from __future__ import annotations

import datetime as dt

from ..normalize.text import fold
from ..segmentation.dateline import DATELINE_CHARS, DATELINE_LINES, dates_line, short_numeric_date
from ..types import DateValue
from .dates import find_dates, metadata_date


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
        if d.precision == "day" and d.kind == "point" and not d.relative and dates_line(text, folded, d.start, d.end):
            return d
    return short_numeric_date(text, head_start)


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
