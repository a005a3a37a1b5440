"""Names read off a tally: three or more amounts on one line, each tied to one name.

Council minutes and press reports list grants inline, their line breaks lost::

    Le conseil retient : 80 € à la pêche, 250 € aux randonneurs, 900 € au judo, …
    Le bridge, 120 € ; Vocalia, 650 € ; La boule lyonnaise, 300 € ; BMX, 400 € (+400 € si …) ; …
    Ville ou municipalité Montant accordé Longueuil 2 990 851 $ Maniwaki 697 751 $ Total …

In such a run every item is one name and one amount, so the name is the item's text
whatever it looks like (``la pêche``, ``Y'a d'la Joie``, a bare town) and need not be a
known organization.  An amount *leads* its name when ``à``/``au``/``aux`` follows it
(``250 € aux randonneurs``), else the name *leads* its amount, glued by ``:``, ``,`` or
nothing (a flattened table).  Amounts in parentheses (``(dont 2 000 € pour l'école)``)
are remarks, not items, unless each stands alone in its parenthesis after its name
(``L'Association X (17 398 $), le Club Y (150 761 $) et Z (18 457 $)``).  Names come out
with the source ``tally``.

>>> u = "Le conseil retient : 80 € à la pêche, 250 € aux randonneurs, le tennis : 900 €, OLA : 450 €."
>>> from annonces.extractors.amounts import find_amounts
>>> [u[s:e] for s, e, _ in tally_names(u, find_amounts(u))]
['pêche', 'randonneurs', 'tennis', 'OLA']
>>> u = "En loisirs, Les Loisirs de Rosemont (163 192 $), la Maisonnette des Parents (135 544 $) et L'Hôte-Maison (134 823 $)."
>>> [u[s:e] for s, e, _ in tally_names(u, find_amounts(u))]
['Les Loisirs de Rosemont', 'Maisonnette des Parents', "L'Hôte-Maison"]
>>> u = "Le Groupe Solucan obtient 1 442 501 $, le Grec Manufacture 2 212 500 $ et Tri-Dim Hardy 1 642 000 $."
>>> [u[s:e] for s, e, _ in tally_names(u, find_amounts(u))]
['Groupe Solucan', 'Grec Manufacture', 'Tri-Dim Hardy']
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Sequence

from ... import patterns
from ...normalize.text import DASH_CLASS, alternation, fold, key
from ...types import Amount
from .columns import amount_column_words, column_words
from .cues import cues
from .grammar import capital_article_start, giving_verbs

#: amounts on one line before a run is a tally
MIN_ITEMS = 3
#: longest text between two amounts of a tally, and longest name
MAX_GAP = 110
MAX_NAME_WORDS = 9
_LEADS = re.compile(r"[ ]*(?:à[ ]+la|à[ ]+l['’]|aux|au|à)[ ]*")
_ARTICLE = re.compile(r"(?:(?:la|le|les)[ ]+|l['’])", re.IGNORECASE)
_LINK = re.compile(r"[ ]*(?:[,;]|et|puis|ainsi[ ]+que|pour|à|au|aux)?[ ]*(?:et[ ]+)?(?:pour[ ]+)?")
_GLUE = re.compile(rf"[ ]*(?:[:,]|{DASH_CLASS})?[ ]*$")
_NAME_END = re.compile(r"[,;(.\n]|[ ]+(?:et|puis|ou|pour|dont|soit)[ ]+(?:(?:de|d'|du)[ ]*)?(?=\d)|[ ]+pour[ ]+(?:son|sa|ses|leur|leurs|l['’]|la|le|les)\b")
_REMARK = re.compile(r"[ ]*\([^()]*\)")
_TOTAL = re.compile(r"(?:sous-)?total\b|pour un total\b|au total\b", re.IGNORECASE)


class _Lines:
    """Line starts of ``u``, computed once (a release may be one huge line), and parenthesis
    counts, prefix-summed the first time a long line needs them."""

    def __init__(self, u: str) -> None:
        self.u = u
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", u)]
        self.opens: list[int] = []
        self.closes: list[int] = []

    def start(self, pos: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, pos) - 1]

    def inside_parens(self, pos: int) -> bool:
        """More ``(`` than ``)`` between the line's start and ``pos``."""
        s = self.start(pos)
        if pos - s <= 1000:
            return self.u.count("(", s, pos) > self.u.count(")", s, pos)
        if not self.opens:
            self.opens = list(itertools.accumulate((ch == "(" for ch in self.u), initial=0))
            self.closes = list(itertools.accumulate((ch == ")" for ch in self.u), initial=0))
        return self.opens[pos] - self.opens[s] > self.closes[pos] - self.closes[s]


def _runs(u: str, amounts: Sequence[Amount], lines: _Lines) -> Iterable[list[Amount]]:
    """Amounts of one line, outside parentheses, at most MAX_GAP apart: each run of 3 or more."""
    run: list[Amount] = []
    for a in sorted(amounts, key=lambda x: x.start):
        if lines.inside_parens(a.start):
            continue
        if run and (lines.start(a.start) != lines.start(run[-1].start) or a.start - run[-1].end > MAX_GAP):
            if len(run) >= MIN_ITEMS:
                yield run
            run = []
        run.append(a)
    if len(run) >= MIN_ITEMS:
        yield run


def _trim(u: str, s: int, e: int) -> tuple[int, int]:
    """``s, e`` without surrounding spaces and a closing ``)`` left from a remark."""
    while s < e and u[s] in " \t)":
        s += 1
    while e > s and u[e - 1] in " \t":
        e -= 1
    return s, e


@functools.cache
def receive_verb_rx() -> re.Pattern[str]:
    """A receiving verb inside a name's text (``Le Groupe Solucan obtient 1 442 501 $``): the name ends before it."""
    return re.compile(rf"[ ]+(?:{alternation(patterns.listed('record_cues.json', 'receive_verbs'), escape=True)})\b")


def _ok(name: str) -> bool:
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS or not re.search(r"[^\W\d_]{2,}", name):
        return False
    if _TOTAL.match(name) or all(fold(w) in column_words() for w in words):
        return False
    if "%" in name or any(w in giving_verbs() or w == "soit" or _FUTURE.search(w) for w in words if w.islower()):
        return False  # "La restauration comptera pour 70 % du montant, soit 150 000 $": prose, not a name
    return not re.search(r"\b(?:a|ont|est|sont|sera|seront|recevra|recevront|verse\w*|accord\w*)\b", name)


#: a future verb form (``comptera``, ``permettront``): prose, not a name
_FUTURE = re.compile(r"\w{3,}(?:era|eront|ira|iront)$")


def _led(u: str, a: Amount, stop: int) -> tuple[int, int] | None:
    """``300 € aux cyclos``, ``3 400 € (dont …) au football``: the name after the amount, up to the item's end."""
    pos = a.end
    remark = _REMARK.match(u, pos, stop)
    if remark:
        pos = remark.end()
    m = _LEADS.match(u, pos, stop)
    if not m or m.end() == pos:
        return None
    s = m.end()
    end = _NAME_END.search(u, s, min(len(u), stop + 1))  # its lookahead sees the next amount
    s, e = _trim(u, s, end.start() if end else stop)
    return (s, e) if e > s else None


def _leading(u: str, lo: int, a: Amount, first: bool) -> tuple[int, int] | None:
    """``Cazivocce, 800 €`` / ``le tennis : 1 000 €`` / ``Longueuil 2 990 851 $``: the name before the amount.

    A name opening with a lowercase word is kept after a colon, or after an article
    (``la coopérative scolaire, 1 000 €``), never otherwise (``du fédéral, 1 M$``).
    """
    glue = _GLUE.search(u, lo, a.start)
    e = glue.start() if glue else a.start
    colon = ":" in u[e:a.start]
    chunk = u[lo:e]
    cut = max(chunk.rfind(":"), chunk.rfind(";"), chunk.rfind(". "), chunk.rfind(")"))
    s = lo + cut + 1 if cut >= 0 else lo
    if cut < 0 and "," in chunk:
        s = lo + chunk.rfind(",") + 1
    link = _LINK.match(u, s, e)
    if link:
        s = link.end()
        if "pour" in link.group():
            art = _ARTICLE.match(u, s, e)
            at = art.end() if art else s
            if u[at:at + 1].islower():
                return None  # "…, 1 480 € pour l'achat d'un four": a purpose, not a name
    verb = receive_verb_rx().search(u, s, e)
    if verb:
        e = verb.start()
    s, e = _trim(u, s, e)
    if e <= s:
        return None
    if first and not u[e:a.start].strip():
        s = _after_header(u, s, e)  # "Ville ou municipalité Montant accordé Longueuil 2 990 851 $"
    if u[s:s + 1].islower() and not colon and not _ARTICLE.match(u, s, e):
        return None
    return s, e


def _after_header(u: str, s: int, e: int) -> int:
    """Past a flattened table's header (its words all column cues, one of an amount column)."""
    words = u[s:e].split(" ")
    n = 0
    while n < len(words) - 1 and fold(words[n]) in column_words():
        n += 1
    if n and any(fold(w) in amount_column_words() for w in words[:n]):
        return s + len(" ".join(words[:n])) + 1
    return s


def tally_names(u: str, amounts: Sequence[Amount], places: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """``(start, end, "tally")`` of the name of each item of every tally in ``u`` (``places``:
    folded KB place names, cut from a company's name in a parenthesized tally)."""
    out: list[tuple[int, int, str]] = []
    if len(amounts) < MIN_ITEMS:
        return out
    lines = _Lines(u)
    for run in _runs(u, amounts, lines):
        prev = lines.start(run[0].start)
        names: list[tuple[int, int, str]] = []
        for i, a in enumerate(run):
            stop = run[i + 1].start if i + 1 < len(run) else min(len(u), a.end + MAX_GAP)
            span = _led(u, a, stop) or _leading(u, prev, a, i == 0)
            prev = a.end
            if span is None:
                continue
            s, e = span
            m = _ARTICLE.match(u, s, e)
            if m and m.end() < e and capital_article_start(u, m.end()) == m.end():
                s = m.end()  # "à la chasse", "la Mosaïque", "Le Groupe Solucan obtient": the article is not the name (", Le Festif!" keeps it)
            if _ok(u[s:e]):
                names.append((s, e, "tally"))
            if span[0] > a.end:
                prev = span[1]
        if len(names) >= MIN_ITEMS and 3 * len(names) >= 2 * len(run):
            out.extend(names)  # most items read as one name and one amount: a tally
    return out + _paren_tally(u, amounts, lines, places)


_POSSESSIVE = re.compile(r"[ ]+et[ ]+(?:ses|son|sa|leurs?)[ ]+.*$")
_TOWN = re.compile(r"[ ]+(?:de|du|d['’])[ ]*(?P<town>[A-ZÀ-Þ][\w'’-]*(?:[ -][A-ZÀ-Þ][\w'’-]*){0,3})$")


def _company_end(u: str, s: int, e: int, places: frozenset[str]) -> int:
    """End of ``u[s:e]`` less a trailing KB town when the rest is capitalized words, no head noun."""
    m = _TOWN.search(u, s, e)
    if m is None or key(m.group("town")) not in places:
        return e
    words = u[s:m.start()].split(" ")
    if all(w[:1].isupper() or w[:1].isdigit() for w in words) and words[0] not in cues()["heads"]:
        return m.start()
    return e


#: an item of a parenthesized tally: ``Name (17 398 $)``, then ``,`` or ``et``
_PAREN_ITEM_END = re.compile(r"[ ]*\)[ ]*(?:,|;|et\b)?[ ]*(?:et[ ]+)?")


def _paren_tally(u: str, amounts: Sequence[Amount], lines: _Lines, places: frozenset[str]) -> list[tuple[int, int, str]]:
    """``L'Association X (17 398 $), le Club Y (150 761 $) et Z (18 457 $)``: three or more
    names of one line, each followed by its amount alone in parentheses.  A company's name
    (capitalized words only, no head noun) loses its town (``Umano Médical de L'Islet``), and
    a name its possessive tail (``Le Figaro et ses suppléments``)."""
    alone = [a for a in sorted(amounts, key=lambda x: x.start)
             if re.search(r"\([ ]*$", u[max(0, a.start - 3):a.start]) and re.match(r"[ ]*\)", u[a.end:a.end + 3])]
    out: list[tuple[int, int, str]] = []
    run: list[Amount] = []
    for a in [*alone, None]:
        if a is not None and run and lines.start(a.start) == lines.start(run[-1].start) \
                and _PAREN_ITEM_END.match(u, run[-1].end) is not None and a.start - run[-1].end <= 2 * MAX_GAP:
            run.append(a)
            continue
        if len(run) >= MIN_ITEMS:
            names = []
            prev = lines.start(run[0].start)
            for b in run:
                open_ = u.rfind("(", prev, b.start)
                chunk = u[prev:open_]
                cut = max(chunk.rfind(": "), chunk.rfind("; "), chunk.rfind(", "), chunk.rfind(". "))
                s0 = prev + cut + 2 if cut >= 0 else prev
                link = _LINK.match(u, s0, open_)
                s1, e1 = _trim(u, link.end() if link else s0, open_)
                m = _ARTICLE.match(u, s1, e1)
                lowercase = u[s1:s1 + 1].islower() and m is None  # "pour sa programmation (…)": no name
                if m and m.end() < e1 and capital_article_start(u, m.end()) == m.end():
                    s1 = m.end()
                e1 = _company_end(u, s1, s1 + len(_POSSESSIVE.sub("", u[s1:e1])), places)
                if e1 > s1 and _ok(u[s1:e1]) and not lowercase:
                    names.append((s1, e1, "tally"))
                end = _PAREN_ITEM_END.match(u, b.end)
                prev = end.end() if end else b.end
            if 3 * len(names) >= 2 * len(run):
                out.extend(names)
        run = [a] if a is not None else []
    return out
