"""What a single paragraph of a release is, judged on its own characters.

Each predicate reads one trimmed paragraph (a line of the repaired text) with the cue
patterns of ``segment_cues.jsonl``; :mod:`annonces.segmentation.sections` chains them.
"""

from __future__ import annotations

import re
from functools import cache

from ..normalize.text import DASH_CLASS, FINAL, LIST_MARK
from .cues import heading, pattern, source

#: a bullet or a number that opens a list item
BULLET = re.compile(rf"{LIST_MARK}\s+\S")
_KEY_VALUE = re.compile(r"[^:\n]{2,120}?\s?:\s*\S")
_AMOUNT = re.compile(r"\d[\d\s\u00a0\u202f.,]*\s?(?:\$|M\s?\$|k\$|€|M€|dollars|euros)", re.IGNORECASE)


def ends_final(line: str) -> bool:
    """True when ``line`` ends like a sentence (closing quotes aside).

    >>> ends_final("Une aide est accordée. »"), ends_final("Fait saillant :")
    (True, False)
    """
    s = line.rstrip("»”\")] \u00a0")
    return bool(s) and s[-1] in FINAL


def has_contact(line: str) -> bool:
    """A phone number, an email address or a URL.

    >>> has_contact("Tél. : 418 380-2310"), has_contact("Courriel : info@mcc.gouv.qc.ca")
    (True, True)
    >>> has_contact("Une aide de 418 380 $")
    False
    """
    return pattern("contact_detail").search(line) is not None


def is_heading(label: str, line: str) -> bool:
    """``line`` is a heading of kind ``label`` (``contact_heading``, ``highlights_heading``...).

    >>> is_heading("highlights_heading", "Faits saillants :"), is_heading("contact_heading", "Source :")
    (True, True)
    >>> is_heading("contact_heading", "Sources de financement variées.")
    False
    """
    return len(line) <= 400 and heading(label).fullmatch(line) is not None


@cache
def _caption() -> re.Pattern[str]:
    return re.compile(rf"(?:{source('caption')})\s*$")


def boilerplate(line: str, *, header: bool) -> bool:
    """Page furniture: share buttons, bylines, photo credits, paywalls, navigation...

    ``header`` allows the cues that only make sense above the lead (tag slugs).

    >>> boilerplate("Abonnez-vous à notre infolettre", header=False)
    True
    >>> boilerplate("Par Julie Gagnon 10:15 AM - 3 mai 2021", header=True)
    True
    >>> boilerplate("On reconnaît la mairesse et le député. (Photo : Courtoisie)", header=False)
    True
    >>> boilerplate("Par ailleurs, la Ville investit 2 M$.", header=False)
    False
    """
    if pattern("boilerplate_line").fullmatch(line) or pattern("boilerplate_start").match(line):
        return True
    if len(line) <= 120 and pattern("byline").fullmatch(line):
        return True
    if header and pattern("header_slug").fullmatch(line):
        return True
    return _caption().search(line, max(0, len(line) - 200)) is not None


def list_like(line: str) -> bool:
    """A line that reads as an item under a ``... comme suit :`` heading.

    >>> list_like("Espace Rivière : Démarrage d'une auberge (300 000 $)")
    True
    >>> list_like("Le projet permettra de créer des emplois dans la région.")
    False
    """
    if len(line) > 400 or ends_final(line) and len(line) > 250:
        return False
    return bool(BULLET.match(line) or _KEY_VALUE.match(line) or _AMOUNT.search(line))


def page_meta(line: str) -> int:
    """Length of a leading `` date 2017-06`` page-metadata prefix (0 when absent).

    >>> page_meta("date 2017-06 Afin d'assurer le rayonnement")
    12
    """
    m = pattern("page_meta").match(line)
    return m.end() if m else 0


def line_separator(u: str, line_start: int, pos: int) -> int:
    """The ``:`` or spaced dash between a name and its amount on a list line (-1 if none).

    A list line's name and description are short: past 400 characters it is prose.

    >>> line = "Ville de Gaspé : 45 000 $"
    >>> line_separator(line, 0, line.index("45")), line_separator("Ville de Gaspé reçoit 45 000 $", 0, 22)
    (15, -1)
    """
    if pos - line_start > 400:
        return -1
    colon = u.find(":", line_start, pos)
    if colon > 0:
        return colon
    cell = re.search(r"\t|[ ]{2,}", u[line_start:pos])
    if cell and cell.start() > 1:
        return line_start + cell.start()  # a flattened table: the first cell is the name
    m = re.search(r"[ ]" + DASH_CLASS + r"[ ]+(?:(?:près de|plus de|environ)[ ]+)?$", u[line_start:pos])  # "X – 80 000 $"
    return line_start + m.start() if m and m.start() > 1 else -1
