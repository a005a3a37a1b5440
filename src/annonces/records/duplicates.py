"""The same funding reported twice within a batch."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from ..normalize.text import key
from ..types import Evidence, FundingRecord  # noqa: F401  (Evidence: the doctest)

class DuplicateLinker:
    """Links the same funding reported twice within a batch (a release and a news article).

    Two records are the same funding when they share the recipient id, the amount and the
    program (both without a program counts as the same).  Feed documents in output order;
    a record seen before gets ``duplicate_of = "<doc_id>#<index>"`` of its first report.

    >>> from decimal import Decimal
    >>> r = FundingRecord("Ville de Gaspé", Decimal(150000), "CAD", Evidence(0, 5, "x"), recipient_id="org:1")
    >>> linker = DuplicateLinker()
    >>> linker.link("release", [r])[0].duplicate_of, linker.link("article", [r])[0].duplicate_of
    (None, 'release#0')
    """

    def __init__(self) -> None:
        self._seen: dict[tuple, str] = {}

    @staticmethod
    def _key(recipient_id: str | None, recipient: str, amount, program: str | None) -> tuple:
        return (recipient_id or key(recipient), Decimal(str(amount)), key(program) if program else None)

    def link(self, doc_id: str, records: Sequence[FundingRecord]) -> list[FundingRecord]:
        out = []
        for i, r in enumerate(records):
            k = self._key(r.recipient_id, r.recipient, r.amount, r.program)
            first = self._seen.setdefault(k, f"{doc_id}#{i}")
            out.append(r if first == f"{doc_id}#{i}" else replace(r, duplicate_of=first))
        return out

    def link_dicts(self, doc_id: str, records: list[dict]) -> list[dict]:
        """The same on JSON records (batch output lines); the dicts are updated in place."""
        for i, r in enumerate(records):
            k = self._key(r.get("recipient_id"), r.get("recipient") or "", r.get("amount"), r.get("program"))
            first = self._seen.setdefault(k, f"{doc_id}#{i}")
            if first != f"{doc_id}#{i}":
                r["duplicate_of"] = first
        return records
