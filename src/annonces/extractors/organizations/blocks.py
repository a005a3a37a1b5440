"""Names read off a block: ``Label : value`` lines under a head line, one project each.

Releases and council reports describe each project in a small block::

    • La société récréative North Hatley
        Projet : Réfection du bâtiment de plage
        Montant accordé : 12 000 $

    Nom du projet : Les hémicelluloses comme biostimulant
    Bénéficiaire : Cascades Emballage carton-caisse – Cabano
    Montant du financement (jusqu'à) : 4 800 000 $

A block holds consecutive label lines (labels made of the table column cues of
``patterns/table_columns.csv``: ``Projet``, ``Lieu``, ``Montant accordé``), one of them an
amount column's with an amount.  Its recipient is the value of a recipient label
(``Bénéficiaire``, ``Promoteur``, ``Organisme``), else the short head line just above the
labels.  Names come out with the source ``block``.

>>> u = "Projets :\\n• Club de voile du Lac\\n  Projet : Achat de dériveurs\\n  Montant accordé : 8 000 $\\n"
>>> from annonces.extractors.amounts import find_amounts
>>> [u[s:e] for s, e, _ in block_names(u, find_amounts(u))]
['Club de voile du Lac']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...normalize.text import BULLETS, fold
from ...types import Amount
from .columns import amount_column_words, column_words, role_cues

_LABEL = re.compile(r"[ \t]*(?P<label>[^\W\d_][^:\n]{0,50}?)[ \t]*:[ \t]*(?P<value>\S[^\n]*)")
#: label lines above or below the amount's, at most
MAX_LINES = 6
MAX_HEAD_WORDS = 14


def _names_recipient(label: str) -> bool:
    """``Bénéficiaire``, ``Nom de l'organisme``; not ``Nom du projet``."""
    words = set(re.findall(r"[^\W\d_]+", fold(label)))
    return bool(words & role_cues("recipient")) and not words & role_cues("project")


#: a label line is never longer (a longer line is prose)
MAX_LINE = 300


def _lines(u: str, pos: int) -> tuple[int, int]:
    """The line around ``pos``, looked for at most MAX_LINE characters away (a huge line is no label line)."""
    s = u.rfind("\n", max(0, pos - MAX_LINE), pos) + 1
    if s == 0 and pos > MAX_LINE:
        s = pos - MAX_LINE
    e = u.find("\n", pos, pos + MAX_LINE)
    return s, (e if e >= 0 else min(len(u), pos + MAX_LINE))


def _label(u: str, s: int, e: int) -> re.Match[str] | None:
    """The ``Label : value`` of line ``s:e`` when the label's words are column cues."""
    if e - s >= MAX_LINE or (s > 0 and u[s - 1] != "\n"):
        return None
    m = _LABEL.fullmatch(u, s, e)
    if m is None:
        return None
    words = re.findall(r"[^\W\d_]+", fold(m.group("label")))
    known = column_words() | amount_column_words()
    return m if words and words[0] in known and len(words) <= 8 else None


def _block(u: str, line: tuple[int, int]) -> list[tuple[int, int, re.Match[str]]]:
    """The label lines around ``line`` (itself a label line), in order."""
    out: list[tuple[int, int, re.Match[str]]] = []
    s, e = line
    m = _label(u, s, e)
    if m is None:
        return out
    out.append((s, e, m))
    up = s
    for _ in range(MAX_LINES):
        if up == 0:
            break
        ps, pe = _lines(u, up - 1)
        pm = _label(u, ps, pe)
        if pm is None:
            break
        out.insert(0, (ps, pe, pm))
        up = ps
    down = e
    for _ in range(MAX_LINES):
        if down >= len(u):
            break
        ns, ne = _lines(u, down + 1)
        nm = _label(u, ns, ne)
        if nm is None:
            break
        out.append((ns, ne, nm))
        down = ne
    return out


def _trim(u: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (u[s] in " \t" or u[s] in BULLETS or u[s] in "-*"):
        s += 1
    while e > s and u[e - 1] in " \t.;,":
        e -= 1
    article = re.match(r"(?:[Ll]a|[Ll]e|[Ll]es)[ ]+|[Ll]'", u[s:e])
    if article and article.end() < e - s:
        s += article.end()  # "La société récréative North Hatley": the article is not the name
    return s, e


def block_recipient(u: str, amount: Amount) -> tuple[int, int] | None:
    """The span of the recipient of ``amount`` when it sits on an amount label line of a block."""
    line = _lines(u, amount.start)
    m = _label(u, *line)
    if m is None or not m.start("value") <= amount.start:
        return None
    if not set(re.findall(r"[^\W\d_]+", fold(m.group("label")))) & amount_column_words():
        return None
    block = _block(u, line)
    for _s, _e, lm in block:
        if _names_recipient(lm.group("label")):
            return _trim(u, lm.start("value"), lm.end("value"))
    first = block[0][0]
    if first == 0:
        return None
    hs, he = _trim(u, *_lines(u, first - 1))
    head = u[hs:he]
    if not head or ":" in head or len(head.split()) > MAX_HEAD_WORDS or re.search(r"\d[\d  ]*[$€]", head):
        return None
    if u[he:_lines(u, first - 1)[1]].strip().endswith(".") and not re.search(r"\b\w{1,4}$", head):
        return None  # a sentence, not a name (a name may end with "inc.")
    return hs, he


def block_names(u: str, amounts: Sequence[Amount]) -> list[tuple[int, int, str]]:
    """``(start, end, "block")`` of the recipient of every block's amount."""
    out: dict[tuple[int, int], None] = {}
    for a in amounts:
        span = block_recipient(u, a)
        if span is not None and span[1] > span[0]:
            out.setdefault(span)
    return [(s, e, "block") for s, e in out]
