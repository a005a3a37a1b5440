"""Money amounts in raw text, with their exact offsets and their role.

Detection is one pass of one compiled grammar over the characters (the French tokenizer
splits ``2 307 663 $`` into three tokens; spans are mapped to tokens later).  The grammar
matches every numeral (digits with their separators, number words, or both) with an
optional magnitude abbreviation and currency; it never fails after a numeral, so the
scan is linear.  Then, in text order:

* a numeral is money when a currency follows (``149 500 $``, ``11 millions d'euros``),
  or when it carries ``million(s)``/``milliard(s)`` and no count noun follows
  (``Deux millions à destination de ...`` is money in the default currency,
  ``8 millions d'habitants`` is not: ``amount_count_nouns.csv``);
* ranges (``entre 2 et 3 M$``, ``de 118 000 à 2 millions d'euros``) give one amount per
  bound, sharing unit and currency, both carrying ``low``/``high``;
* a qualifier before (``près de``, ``plus d'``: ``amount_qualifiers.jsonl``) sets
  ``approximate``; a period after (``sur trois ans``: ``amount_periods.jsonl``) sets ``period``;
* the role comes from cues around each amount, its list and its echoes (:mod:`.amount_roles`).

Context patterns are written over *folded* text: lowercase, no accents, ``'`` for every
apostrophe, ``-`` for every dash (same length as the original, so offsets carry over).

>>> [(a.text, a.value, a.role) for a in find_amounts("Une aide de 250 000 $ pour un projet de 1,2 M$.")]
[('250 000 $', Decimal('250000'), 'grant'), ('1,2 M$', Decimal('1200000'), 'total_cost')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from .. import patterns
from ..normalize.money import amount_data, currency_code, currency_pattern, magnitude, magnitude_pattern
from ..normalize.numbers import MAX_WORDS, number_word_forms, parse_numeral, plain, scale_of, words_to_number
from ..normalize.text import APOSTROPHES, HYPHENS, alternation, fold
from ..types import Amount
from .amount_macros import expand as _expand
from .amount_macros import macros as _macros
from .amount_macros import qualifiers as _qualifiers
from .amount_roles import assign_roles

_SEP = "[ \u00a0\u202f\u2009\u2007]"  # one space between digit groups
_HS = r"[^\S\n]"  # horizontal space
_APOS = "['" + APOSTROPHES + "]"
_BREAK = r"(?:[^\S\n]{1,2}|[^\S\n]{0,2}\n[^\S\n]{0,2})"  # spaces, or a line break (PDF text)
_H = re.escape(HYPHENS)  # inside a character class
_WSEP = "[ \t\u00a0\u202f\u2009\u2007" + _H + "]+"  # between number words
_SCALE = re.compile(r"(?i:million|milliard)")
_DIGIT_NEXT = re.compile(r"[^\S\n]*\d")


# -- grammar ---------------------------------------------------------------------------

@cache
def _grammar() -> re.Pattern[str]:
    words = number_word_forms()
    scales = [w for w in words if scale_of(w) and w != "mille"]
    plain_words = [w for w in words if w not in ("un", "une") and w not in scales]
    w_all = "(?:" + "|".join(w for w in words if w not in ("un", "une")) + ")"
    w_start = "(?:" + "|".join(plain_words) + "|million|milliard)"
    cont = (rf"(?:[{_H}](?:et[{_H}])?une?\b"
            rf"|{_WSEP}et{_WSEP}(?:une?|onze|demie?)\b|{_WSEP}{w_all}\b)")
    digits = (
        r"(?<![\w$€£])(?<!\b\d[ \u00a0\u202f\u2009\u2007.,])(?<!\b\d\d[ \u00a0\u202f\u2009\u2007.,])"
        r"(?<!\b\d\d\d[ \u00a0\u202f\u2009\u2007.,])"
        rf"(?:\d{{1,3}}(?:{_SEP}\d{{3}})++(?:,\d++)?|\d{{1,3}}(?:\.\d{{3}})++(?:,\d++)?"
        r"|\d{1,3}(?:,\d{3})++(?:\.\d++)?|\d++(?:[.,]\d++)?)(?!\d)"
        # a table cell run into the one before it ("… d'un parc90 655,66 $"): grouped digits and a currency only
        rf"|(?<=[a-zà-ÿ)»])\d{{1,3}}(?:{_SEP}\d{{3}})++(?:,\d++)?(?=[ \u00a0\u202f]?[$€])"
    )
    numeral = (
        rf"(?P<d>{digits})(?P<dw>{_BREAK}(?i:millions?|milliards?|mille)\b{cont}*+)?"
        rf"|(?P<w>(?<![\w{_H}])(?i:(?:une?{_WSEP})?demi[{_H}](?:millions?|milliards?)\b|une?(?={_WSEP}(?:millions?|milliards?)\b)|{w_start}\b){cont}*+)"
    )
    cur = currency_pattern()
    conn = rf"(?:{_HS}{{0,2}}(?:\n{_HS}{{0,2}})?|\s+(?i:de)\s+|\s*(?i:d){_APOS}\s*)"
    unit = (rf"(?:{_HS}{{0,2}}(?P<abbr>{magnitude_pattern()})(?={conn}{cur}))?"
            rf"(?:(?P<conn>{conn})(?P<cur>{cur}))?")
    initials = "".join(sorted({c for w in words for c in (w[0].lower(), w[0].upper())}))
    return re.compile(rf"(?=[\d{initials}])(?P<num>{numeral}){unit}")  # cheap test first


@dataclass
class _Hit:
    """A numeral found by the grammar, before it is judged to be money."""

    start: int
    end: int
    num_end: int
    value: Decimal
    ambiguous: bool
    unit: Decimal  # the magnitude written (abbreviation or scale word), 1 if none
    currency: str | None
    scale_word: bool  # written with million(s)/milliard(s)
    bare_scale: bool  # "million" alone, without a number
    money: bool = False


def _read(m: re.Match[str], text: str) -> _Hit | None:
    start, num_end = m.start(), m.end("num")
    abbr, cur, conn = m["abbr"], m["cur"], m["conn"] or ""
    numeral = text[start:num_end]
    parsed = parse_numeral(numeral, scaled=bool(abbr))
    if parsed is None and m["w"]:  # ill-formed words: keep the longest well-formed tail
        words = list(re.finditer(rf"[^\s{_H}]+", numeral))
        for w in words[max(1, len(words) - MAX_WORDS):]:
            if words_to_number(numeral[w.start():]) is not None:
                start += w.start()
                numeral = text[start:num_end]
                parsed = parse_numeral(numeral)
                break
    if parsed is None:
        return None
    value, ambiguous = parsed
    tokens = re.split(rf"[\s{_H}]+", numeral.strip())
    scale_word = any(scale_of(t) and scale_of(t) != 1000 for t in tokens)
    unit = Decimal(1)
    for t in tokens:
        if scale_of(t):
            unit = Decimal(scale_of(t) or 1)
            break
    end = m.end()
    if abbr:
        unit = magnitude(abbr)
        value = plain(value * unit)
    elif cur and conn.strip() and not scale_word:  # "15 de dollars": no unit to attach to
        cur, end = None, num_end
    if cur and "\n" in conn and _DIGIT_NEXT.match(text, end):  # "2021\n$ 500": a prefixed currency
        cur, end = None, num_end
    code = currency_code(cur) if cur else None
    return _Hit(start, end, num_end, value, ambiguous, unit, code, scale_word,
                bare_scale=len(tokens) == 1 and scale_word)


# -- context data ----------------------------------------------------------------------

def _fold(text: str) -> str:
    """:func:`annonces.normalize.text.fold`: lowercase, no accents, unified apostrophes,
    dashes and spaces; same length as ``text``.

    >>> _fold("Près d\u2019un MILLION à Québec")
    "pres d'un million a quebec"
    """
    return fold(text)


@cache
def _periods() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((r["side"], re.compile(_expand(r["pattern"])), r["period"]) for r in amount_data("amount_periods"))


@cache
def _count_nouns() -> re.Pattern[str]:
    alts = alternation({_fold(row["noun"]) for row in patterns.rows("amount_count_nouns.csv")}, escape=True)
    return re.compile(rf"\s*(?:de\s+|d')(?:[a-z-]+\s+)?(?:{alts})\b")


@cache
def _ranges() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(_macros()["range_connector"]), re.compile(_macros()["range_open"])


# -- assembly --------------------------------------------------------------------------

def scan_amounts(text: str, *, default_currency: str = "CAD") -> list[Amount]:
    """Every money amount in ``text`` with qualifier, range and period, role left ``other``.

    >>> [(a.text, str(a.value), str(a.low), str(a.high)) for a in scan_amounts("de 118 000 à 2 M€")]
    [('118 000', '118000', '118000', '2000000'), ('2 M€', '2000000', '118000', '2000000')]
    """
    return _scan(text, _fold(text), default_currency)[0]


def _scan(text: str, folded: str, default_currency: str) -> tuple[list[Amount], list[list[int]]]:
    """The amounts and their groups (indices; a range is a group of two)."""
    connector = _ranges()[0]
    hits = []
    for m in _grammar().finditer(text):
        # a numeral without currency or scale word only matters as the low bound of a range
        if m["cur"] or m["dw"] or (m["w"] and _SCALE.search(m["w"])) or connector.match(folded, m.end()):
            if (h := _read(m, text)) is not None:
                hits.append(h)
    count_nouns = _count_nouns()
    for h in hits:
        if h.currency is not None:
            h.money = True
        elif h.scale_word and not h.bare_scale and not count_nouns.match(folded, h.end):
            h.money = True
    ranges = _pair_ranges(hits, folded)
    amounts: list[Amount] = []
    groups: list[list[int]] = []
    for i, h in enumerate(hits):
        if not h.money:
            continue
        low, high = ranges.get(i, ranges.get(i - 1, (None, None)))
        if i - 1 in ranges:
            groups[-1].append(len(amounts))
        else:
            groups.append([len(amounts)])
        amounts.append(Amount(value=h.value, currency=h.currency or default_currency, text=text[h.start:h.end],
                              start=h.start, end=h.end, low=low, high=high, ambiguous=h.ambiguous))
    return _qualify(amounts, groups, folded), groups


def _pair_ranges(hits: list[_Hit], folded: str) -> dict[int, tuple[Decimal, Decimal]]:
    """``{index of the low bound: (low, high)}`` for ``<prefix> N1 <connector> N2`` ranges.

    The low bound borrows the high bound's currency, and its unit when it has none and
    the result stays below the high bound (``entre 2 et 3 M$``, but ``de 118 000 à 2 M€``).
    """
    connector, prefix = _ranges()
    ranges: dict[int, tuple[Decimal, Decimal]] = {}
    for i in range(1, len(hits)):
        lo, hi = hits[i - 1], hits[i]
        if not hi.money or i - 2 in ranges or not connector.fullmatch(folded, lo.end, hi.start):
            continue
        link = folded[lo.end:hi.start].strip()
        before = folded[max(0, lo.start - 12):lo.start]
        opened = prefix.search(before)
        if (link == "et" and not before.rstrip().endswith("entre")) or (link != "-" and opened is None):
            continue
        value = lo.value
        if not lo.money and lo.unit == 1 and hi.unit != 1 and lo.value * hi.unit <= hi.value:
            value = plain(lo.value * hi.unit)
        elif link == "-" and opened is None and not lo.money:  # "2-3 M$" shares a unit, "2018-2 M$" does not
            continue
        if value > hi.value:
            continue
        lo.value, lo.money = value, True
        lo.currency = lo.currency or hi.currency
        ranges[i - 1] = (value, hi.value)
    return ranges


def _qualify(amounts: list[Amount], groups: list[list[int]], folded: str) -> list[Amount]:
    """Qualifier before each group (``près de``) and period around it (``sur trois ans``)."""
    pattern, names = _qualifiers()
    out = list(amounts)
    for members in groups:
        first, last = amounts[members[0]], amounts[members[-1]]
        qualifier, anchor = None, first.start
        m = pattern.search(folded, max(0, first.start - 40), first.start)
        if m is not None and m.lastgroup:
            qualifier, anchor = names[m.lastgroup], m.start()
        period = _period(folded, anchor, last.end)
        for k, i in enumerate(members):
            q = qualifier if k == 0 else None
            out[i] = replace(amounts[i], qualifier=q, approximate=q is not None, period=period)
    return out


def _period(folded: str, start: int, end: int) -> str | None:
    for side, pattern, period in _periods():
        if side == "after":
            m = pattern.match(folded[end:end + 80])
        else:
            m = pattern.search(folded[max(0, start - 40):start])
        if m is None:
            continue
        n = m.groupdict().get("n")
        if n is None:
            return period
        count = int(n) if n.isdigit() else words_to_number(n)
        if count is not None:
            return period.replace("{n}", str(int(count)))
    return None


# -- public ----------------------------------------------------------------------------

def find_amounts(text: str, *, default_currency: str = "CAD") -> list[Amount]:
    """Every money amount in ``text``, in text order, with exact offsets and a role.

    ``text[a.start:a.end] == a.text`` always.  A range written with two numbers gives two
    amounts, one per bound, both carrying ``low`` and ``high``.

    >>> [(a.text, str(a.value), a.role) for a in find_amounts("Projet de 43,8 M$, dont 20 M$ en subventions.")]
    [('43,8 M$', '43800000', 'total_cost'), ('20 M$', '20000000', 'grant')]
    >>> [(a.text, str(a.value)) for a in find_amounts("entre 2 et 3 M$")]
    [('2', '2000000'), ('3 M$', '3000000')]
    >>> find_amounts("48 500 entreprises, 25 %, le 29 janv. 2021, 9401-0246 Québec inc.")
    []
    """
    folded = _fold(text)
    amounts, groups = _scan(text, folded, default_currency)
    return assign_roles(amounts, groups, text, folded)


_EURO = re.compile(r"€|\b(?:euros?|EUR)\b", re.IGNORECASE)
_DOLLAR = re.compile(r"\$|\b(?:dollars?|CAD|USD)\b", re.IGNORECASE)


def guess_currency(text: str) -> str:
    """``"EUR"`` when ``text`` speaks in euros and never in dollars, else ``"CAD"``.

    >>> guess_currency("une aide de 2 M€"), guess_currency("2 M€ ou 3 M$"), guess_currency("2 millions")
    ('EUR', 'CAD', 'CAD')
    """
    return "EUR" if _EURO.search(text) and not _DOLLAR.search(text) else "CAD"


def parse_amount(text: str, *, default_currency: str = "CAD") -> Amount | None:
    """The first money amount in a short string, or None.

    ``default_currency`` applies when no currency is written (``2 millions``).  For a
    range the value is the low bound and ``low``/``high`` hold both bounds.  The
    amount's ``text``/``start``/``end`` are its span in ``text``; a qualifier before
    it (``près de``) sets ``approximate`` and ``qualifier``; the words around it set ``role``.

    >>> a = parse_amount("près de 3 M$ sur trois ans")
    >>> a.value, a.currency, a.text, a.approximate, a.qualifier, a.period
    (Decimal('3000000'), 'CAD', '3 M$', True, 'près de', 'P3Y')
    >>> a = parse_amount("entre 2 et 3 M€")
    >>> a.value, a.low, a.high, a.currency, a.text
    (Decimal('2000000'), Decimal('2000000'), Decimal('3000000'), 'EUR', '2 et 3 M€')
    >>> parse_amount("11,1 millions d\u2019euros").value
    Decimal('11100000')
    >>> parse_amount("Deux millions", default_currency="EUR").currency
    'EUR'
    >>> parse_amount("267,915$").ambiguous
    True
    >>> parse_amount("une contribution remboursable de 550 000 $").role
    'loan'
    >>> parse_amount("le 29 janv. 2021") is None, parse_amount("48 500 entreprises") is None
    (True, True)
    """
    # the one-string view of the detection grammar
    amounts = find_amounts(text, default_currency=default_currency)
    if not amounts:
        return None
    first = amounts[0]
    if first.high is not None and len(amounts) > 1 and (amounts[1].low, amounts[1].high) == (first.low, first.high):
        end = amounts[1].end  # a range: one amount spanning both bounds
        return replace(first, text=text[first.start:end], end=end)
    return first
