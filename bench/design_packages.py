"""dateparser and price-parser on our golden tables: why neither is a dependency.

Runs each package on the one-string cases of ``tests/test_dates.py`` (``PARSE_CASES``)
and ``tests/test_amounts.py`` (``PARSE``) and counts the values it gets right, next to
ours.  Needs both packages installed (``pip install dateparser price-parser``); they are
not dependencies of ``annonces``.

    python bench/design_packages.py
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import dateparser  # noqa: E402
from price_parser import Price  # noqa: E402
from test_amounts import PARSE  # noqa: E402
from test_dates import PARSE_CASES  # noqa: E402

from annonces import parse_amount, parse_date  # noqa: E402


def dates() -> None:
    ours = theirs = total = 0
    for case in PARSE_CASES:
        text, reference, expected = case.values
        if expected[1] != "point":
            continue  # dateparser has no ranges, deadlines or fiscal years
        total += 1
        want = expected[0]
        d = parse_date(text, reference)
        ours += d is not None and d.iso == want
        settings = {"PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": dt.datetime.combine(reference, dt.time())} if reference else {}
        got = dateparser.parse(text, languages=["fr"], settings=settings)
        iso = None if got is None else got.date().isoformat()[: len(want)]
        theirs += iso == want
        if iso != want:
            print(f"  dateparser {text!r}: {iso} (want {want})")
    print(f"dates (point cases): annonces {ours}/{total}, dateparser {theirs}/{total}")


def amounts() -> None:
    ours = theirs = total = 0
    for case in PARSE:
        text, expected = case.values
        if not expected or "value" not in expected:
            continue
        total += 1
        want = Decimal(expected["value"])
        a = parse_amount(text, default_currency=expected.get("currency", "CAD"))
        ours += a is not None and a.value == want
        got = Price.fromstring(text).amount
        theirs += got == want
        if got != want:
            print(f"  price-parser {text!r}: {got} (want {want})")
    print(f"amounts: annonces {ours}/{total}, price-parser {theirs}/{total}")


if __name__ == "__main__":
    dates()
    amounts()
