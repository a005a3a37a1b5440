"""A recipient's grant split by purpose stays one record (SCHEMA): ``La MRC disposera de près de
654 000 $ : 196 750 $ pour les bâtiments municipaux, 265 500 $ pour les bâtiments privés et
192 000 $ pour un agent`` is one record of 654 000 $, not four.

The parts are the amounts that follow the grant, one after the other (a larger amount between
them, a program's envelope, passed over), each for a purpose (``pour …``, ``afin de …``), and add
up to it (within half a unit, or 1 % when the grant is written ``près de``/``plus de``); the records the rules
made of them for the same recipient and the same funder are dropped.  Parts given by other
funders are a split by funder, handled by :func:`annonces.records.assemble.checks`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from ..normalize.text import key
from ..types import Amount, FundingRecord

#: how far after the grant its parts are looked for (characters)
REACH = 700
#: at most this many parts
MAX_PARTS = 6


def parts_of(total: Amount, amounts: Sequence[Amount], text: str) -> list[Amount]:
    """The amounts right after ``total``, each for a purpose, that add up to it, else ``[]``.

    >>> from annonces.extractors.amounts import find_amounts
    >>> t = "La MRC disposera de près de 654 000 $ : 196 750 $ pour les bâtiments municipaux, 265 500 $ pour les privés et 192 000 $ pour un agent."
    >>> a = find_amounts(t)
    >>> [p.text for p in parts_of(a[0], a, t)]
    ['196 750 $', '265 500 $', '192 000 $']
    >>> t = "La subvention passe de 20 000 $ à 10 000 $. Celle de l'Association diminue de 10 000 $ à 5000 $."
    >>> a = find_amounts(t)
    >>> parts_of(a[0], a, t)
    []
    """
    after = [a for a in amounts if total.end <= a.start <= total.end + REACH and a.low is None and a.high is None
             and a.value < total.value]  # a larger amount between the parts (a program's envelope) is passed over
    slack = total.value * Decimal("0.01") if total.approximate else Decimal("0.5")
    run = Decimal(0)
    for k, a in enumerate(after[:MAX_PARTS], 1):
        if not _FOR_A_PURPOSE.match(text, a.end):
            return []
        run += a.value
        if k >= 2 and abs(run - total.value) <= slack:
            return after[:k]
        if run > total.value + slack:
            return []
    return []


#: what an amount for a purpose is followed by: ``196 750 $ pour les bâtiments``, ``… afin de``
_FOR_A_PURPOSE = re.compile(r"[ ]*,?[ ]*(?:pour|afin d|destinée?s? à|servira à)")


def purpose_parts(records: Sequence[FundingRecord], amounts: Sequence[Amount], text: str) -> set[int]:
    """``id()`` of the records that are parts of another record of the same recipient and funder."""
    read = [(r, _amount_of(r, amounts)) for r in records]  # each record's amount, found once
    drop: set[int] = set()
    for r, total in read:
        if total is None:
            continue
        parts = {(p.start, p.value) for p in parts_of(total, amounts, text)}
        if not parts:
            continue
        for o, a in read:
            if o is not r and a is not None and (a.start, a.value) in parts \
                    and _same_body(o.recipient, r.recipient) and o.funder == r.funder:
                drop.add(id(o))
    return drop


def _same_body(part: str, whole: str) -> bool:
    """The part's recipient is the grant's, or its first words (``35 000 $ pour la Classique`` of
    ``la Classique des Appalaches``).

    >>> _same_body("Classique", "Classique des Appalaches"), _same_body("Festival", "Club de golf")
    (True, False)
    """
    p, w = key(part), key(whole)
    return p == w or w.startswith(p + " ")


def _amount_of(r: FundingRecord, amounts: Sequence[Amount]) -> Amount | None:
    """The amount a record was read from: its value inside its evidence."""
    lo, hi = r.evidence.start, max(r.evidence.end, r.evidence.start + len(r.evidence.text))
    return next((a for a in amounts if lo <= a.start < hi and a.value == r.amount), None)
