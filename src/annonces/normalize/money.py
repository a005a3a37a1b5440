"""Money: currency codes, magnitude abbreviations and :func:`parse_amount`. Pure, spaCy-free.

Currency mentions (``$``, ``$ US``, ``dollars canadiens``, ``€``, ``euros``, ``EUR``...) and
magnitude abbreviations (``k``, ``M``, ``MM``, ``G``, ``Md``...) are data files
(``patterns/amount_currencies.jsonl``, ``amount_magnitudes.jsonl``).

>>> parse_amount("13,7 M$")
Amount(value=Decimal('13700000'), currency='CAD', text='13,7 M$', start=0, end=7, approximate=False, qualifier=None, low=None, high=None, period=None, ambiguous=False, role='other')
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import cache
from typing import Any

from .. import patterns
from ..types import Amount


@cache
def amount_data(name: str) -> tuple[dict[str, Any], ...]:
    """The records of the JSONL data file ``patterns/<name>.jsonl``.

    >>> amount_data("amount_magnitudes")[0]
    {'abbr': 'MM', 'value': 1000000}
    """
    return patterns.records(f"{name}.jsonl")


@cache
def _currencies() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"], re.IGNORECASE), r["code"]) for r in amount_data("amount_currencies"))


def currency_pattern() -> str:
    """A regex alternation of every currency mention, most specific first (case-insensitive).

    >>> bool(re.fullmatch(currency_pattern(), "$ US")), bool(re.fullmatch(currency_pattern(), "Euros"))
    (True, True)
    """
    return "(?i:" + "|".join(r["pattern"] for r in amount_data("amount_currencies")) + ")"


def currency_code(text: str) -> str | None:
    """The ISO 4217 code of a currency mention, or None.

    A bare ``$`` is Canadian; ``$ US`` and ``dollars américains`` are not.

    >>> currency_code("$"), currency_code("$\u00a0US"), currency_code("dollars américains")
    ('CAD', 'USD', 'USD')
    >>> currency_code("€"), currency_code("euros"), currency_code("$ CAN"), currency_code("Mbit")
    ('EUR', 'EUR', 'CAD', None)
    """
    s = text.strip()
    for pattern, code in _currencies():
        if pattern.fullmatch(s):
            return code
    return None


@cache
def _magnitudes() -> dict[str, Decimal]:
    return {r["abbr"]: Decimal(r["value"]) for r in amount_data("amount_magnitudes")}


def magnitude_pattern() -> str:
    """A regex alternation of the magnitude abbreviations (case-sensitive), longest first.

    >>> magnitude_pattern()
    '(?:Mrds|Mds|Mrd|MM|Md|G|K|M|k)'
    """
    return "(?:" + "|".join(sorted(_magnitudes(), key=lambda a: (-len(a), a))) + ")"


def magnitude(abbr: str) -> Decimal:
    """The multiplier of a magnitude abbreviation (``M`` in ``13,7 M$``).

    >>> magnitude("M"), magnitude("k"), magnitude("Md")
    (Decimal('1000000'), Decimal('1000'), Decimal('1000000000'))
    """
    return _magnitudes()[abbr.strip()]


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
    # the grammar is detection and lives with the extractor; this is its one-string view
    from ..extractors.amounts import find_amounts

    amounts = find_amounts(text, default_currency=default_currency)
    if not amounts:
        return None
    first = amounts[0]
    if first.high is not None and len(amounts) > 1 and (amounts[1].low, amounts[1].high) == (first.low, first.high):
        end = amounts[1].end  # a range: one amount spanning both bounds
        return replace(first, text=text[first.start:end], end=end)
    return first
