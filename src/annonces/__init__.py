"""annonces: funding records from French-language government announcements.

>>> import annonces
>>> x = annonces.extract("QUÉBEC, le 4 mai 2021 - Une aide de 150 000 $ est accordée à la Ville de Gaspé.", fast=True)
>>> [(r.recipient, r.amount) for r in x.records]
[('Ville de Gaspé', Decimal('150000'))]

Names are imported lazily, so ``import annonces`` (and spaCy's entry-point scan) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "extract": "api", "from_doc": "api", "run": "api",
    "load": "pipeline",
    "find_amounts": "extractors.amounts",
    "parse_amount": "extractors.amounts",
    "parse_date": "extractors.dates",
    "find_dates": "extractors.dates",
    "resolve_region": "kb",
    "evaluate": "evaluation",
    "show": "annotation.show",
    "preannotate": "annotation.preannotate",
    "report": "reporting",
    "Amount": "types", "DateValue": "types", "Evidence": "types", "Extraction": "types",
    "FundingRecord": "types", "Mention": "types", "Region": "types", "Segment": "types",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from .api import extract, from_doc, run
    from .extractors.amounts import find_amounts, parse_amount
    from .extractors.dates import find_dates, parse_date
    from .annotation.preannotate import preannotate
    from .annotation.show import show
    from .evaluation import evaluate
    from .kb import resolve_region
    from .pipeline import load
    from .reporting import report
    from .types import Amount, DateValue, Evidence, Extraction, FundingRecord, Mention, Region, Segment


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'annonces' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
