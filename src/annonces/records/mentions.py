"""The organizations a release names, as its ``entities["organizations"]`` lists them.

Every record's recipient is an organization named in the text: the names a record reads
that no organization mention covers (a table's first cell, ``Trois-Pistoles | 495 645 $``)
are added to the organizations, with their offsets inside the record's evidence.  A name
written in lowercase whose head is no organization's (``50 € à la chasse``, ``aux cyclos``)
can receive money but is not a body named: it stays a record's recipient and a span of
``doc.spans["organizations"]``, not an entry of the list (:func:`listed`)."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ..extractors.organizations.cues import cues
from ..normalize.text import key
from ..types import FundingRecord, Mention


def with_recipients(orgs: Sequence[Mention], records: Sequence[FundingRecord], text: str) -> tuple[Mention, ...]:
    """``orgs`` and, for each record whose recipient none of them names, the recipient as written
    in the record's evidence (idempotent: a second call adds nothing).

    >>> from decimal import Decimal
    >>> from annonces.types import Evidence
    >>> t = "Municipalités | Montants\\nTrois-Pistoles | 495 645 $"
    >>> r = FundingRecord("Trois-Pistoles", Decimal("495645"), "CAD", Evidence(25, 51, t[25:51], rule="table"))
    >>> [(m.text, m.start, m.source) for m in with_recipients((), [r], t)]
    [('Trois-Pistoles', 25, 'table')]
    >>> with_recipients(with_recipients((), [r], t), [r], t) == with_recipients((), [r], t)
    True
    """
    known = {key(k) for o in orgs for k in (o.text, o.canonical)}
    added: list[Mention] = []
    for r in records:
        k = key(r.recipient)
        if not k or k in known:
            continue
        at = text.find(r.recipient, r.evidence.start, max(r.evidence.end, r.evidence.start + len(r.evidence.text)))
        if at < 0:
            continue
        added.append(Mention("organization", r.recipient, at, at + len(r.recipient), r.recipient, id=r.recipient_id,
                             source=r.evidence.source or r.evidence.rule or "record"))
        known.add(k)
    return tuple(sorted((*orgs, *added), key=lambda m: (m.start, m.end))) if added else tuple(orgs)


def listed(orgs: Sequence[Mention], records: Sequence[FundingRecord], text: str) -> tuple[Mention, ...]:
    """:func:`with_recipients`, without the lowercase names whose head is no organization's.

    >>> from decimal import Decimal
    >>> from annonces.types import Evidence
    >>> t = "Subventions : 50 € à la chasse, 300 € à la commune de Lisle."
    >>> rs = [FundingRecord(n, Decimal(v), "EUR", Evidence(0, len(t), t, rule="tally")) for n, v in (("chasse", 50), ("commune de Lisle", 300))]
    >>> [m.text for m in listed((), rs, t)]
    ['commune de Lisle']
    """
    return tuple(m for m in with_recipients(orgs, records, text) if not _bare_lowercase(m.canonical))


def _bare_lowercase(name: str) -> bool:
    words = name.split()
    return bool(words) and name[:1].islower() and words[0].lower() not in _organization_heads()


@functools.cache
def _organization_heads() -> frozenset[str]:
    """The lowercase heads a body's name may open on (``ministère``, ``commune``, ``centre``)."""
    c = cues()
    return frozenset(w.lower() for k in ("heads", "kept_lowercase_heads", "facility_heads") for w in c[k])
