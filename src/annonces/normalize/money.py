"""Money: currency codes and magnitude abbreviations. Pure, spaCy-free.

Currency mentions (``$``, ``$ US``, ``dollars canadiens``, ``€``, ``euros``, ``EUR``...) and
magnitude abbreviations (``k``, ``M``, ``MM``, ``G``, ``Md``...) are data files
(``patterns/amount_currencies.jsonl``, ``amount_magnitudes.jsonl``).

``parse_amount`` (the one-string view of the detection grammar) lives with it in
:mod:`annonces.extractors.amounts`.

>>> currency_code("dollars canadiens"), magnitude("M")
('CAD', Decimal('1000000'))
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any

from .. import patterns


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


