"""annonces: funding records from French-language government announcements.

>>> import annonces
>>> x = annonces.extract("QUÉBEC, le 4 mai 2021 - Une aide de 150 000 $ est accordée à la Ville de Gaspé.", fast=True)
>>> [(r.recipient, r.amount) for r in x.records]
[('Ville de Gaspé', Decimal('150000'))]
"""

from __future__ import annotations

from .api import extract, from_doc, run
from .extractors.amounts import find_amounts
from .kb import resolve_region
from .normalize.dates import parse_date
from .normalize.money import parse_amount
from .pipeline import load
from .types import Amount, DateValue, Evidence, Extraction, FundingRecord, Mention, Region, Segment

__version__ = "0.1.0"

__all__ = [
    "Amount", "DateValue", "Evidence", "Extraction", "FundingRecord", "Mention", "Region",
    "Segment", "extract", "find_amounts", "from_doc", "load", "parse_amount", "parse_date",
    "resolve_region", "run",
]
