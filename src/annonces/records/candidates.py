"""Recipient candidates that the organization extractor does not give: what a list line or a
parenthesis names, and municipalities named alone.

Lists and tables name their recipients without the words that make a name an organization
(``Les Voix de la Seille : 200 €``, ``Saint-Fabien (112 000 $)``, ``Plus de 97 000 $ à
Saint-Narcisse``); the extractor rightly does not list a town named alone as an organization,
but a town can receive money.  These candidates only feed the linker, which learns from
their source and context when they are recipients.

>>> import re
>>> u = "Association « Les Marthes » : 500 €. Les Voix de la Seille : 200 €."
>>> [u[s:e] for s, e in line_heads(u, u.index("200"))]
['Les Voix de la Seille']
>>> u = "• Coopérative de solidarité du Lac (25 000 $)"
>>> [u[s:e] for s, e in line_heads(u, u.index("25"))]
['Coopérative de solidarité du Lac']
>>> u = "Plus de 97 000 $ à Saint-Narcisse-de-Rimouski et 112 000 $ à Saint-Fabien."
>>> [u[s:e] for s, e in places_near(u, u.index("112"), u.index("112") + 9, frozenset({"saint fabien"}))]
['Saint-Fabien']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..normalize.text import DASH_CLASS, LIST_MARK, key

#: Bullets, numbering and spaces that open a list line.
_LEAD = re.compile(rf"[ \t]*{LIST_MARK}?[ \t]*")
#: What ends a name on a line: a colon, a spaced dash, a tab or cell gap, a pipe, a parenthesis,
#: a semicolon, a sentence end.
_SEP = re.compile(r"[ ]*(?::|[ ]" + DASH_CLASS + r"[ ]|\t|[ ]{2,}|\||;|\(|\.[ ])")
_CAP = re.compile(r"[A-ZÀ-Þ«0-9]")
_PLACE = re.compile(r"(?<![\w'-])(?:(?:La|Le|Les|L')[ ]?)?[A-ZÀ-Þ][\w'’]*(?:-[\w'’]+)*(?:[ ](?:de|du|des|d'|la|le|sur|en)[ ]?[A-ZÀ-Þ][\w'’]*(?:-[\w'’]+)*)?")


def line_heads(u: str, pos: int) -> Iterator[tuple[int, int]]:
    """The name that opens the clause holding ``pos``: from the line start (or the last
    ``. `` before ``pos`` on that line) to the first separator, when it is short and capitalized."""
    line_start = u.rfind("\n", 0, pos) + 1
    clause = max(line_start, u.rfind(". ", line_start, pos) + 2 if u.rfind(". ", line_start, pos) >= 0 else line_start)
    if pos - clause > 300:
        return
    s = _LEAD.match(u, clause).end()
    m = _SEP.search(u, s, pos)
    if m is None:
        return
    e = m.start()
    name = u[s:e].strip(" ,")
    if 2 <= len(name) <= 90 and _CAP.match(name) and len(name.split()) <= 12 and not re.search(r"\d{3}", name):
        yield s, s + len(u[s:e].rstrip(" ,"))


def places_near(u: str, start: int, end: int, places: frozenset[str], *, before: int = 160,
                after: int = 160) -> Iterator[tuple[int, int]]:
    """Municipality names (``places``: folded keys) written alone near an amount at ``start:end``."""
    if not places:
        return
    for m in _PLACE.finditer(u, max(0, start - before), min(len(u), end + after)):
        cut = place_named(m.group(), places)
        if cut is not None:
            yield m.start() + (len(m.group()) - len(cut)), m.end()


def place_named(name: str, places: frozenset[str]) -> str | None:
    """``name``, or ``name`` without its leading article, when it is a known place (``places``:
    folded keys), else None.

    >>> place_named("La Pocatière", frozenset({"la pocatiere"})), place_named("Le Bic", frozenset({"bic"}))
    ('La Pocatière', 'Bic')
    """
    for cut in (name, re.sub(r"^(?:La|Le|Les|L')[ ]?", "", name)):
        if key(cut) in places:
            return cut
    return None
