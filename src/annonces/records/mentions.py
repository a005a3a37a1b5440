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
from ..extractors.organizations.grammar import common_nouns
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
    >>> t = "Accessibilité. La Fondation Rues principales reçoit 5 000 $."
    >>> [m.text for m in listed([Mention("organization", "Accessibilité", 0, 13, "Accessibilité")], [], t)]
    []
    """
    recipients = {key(r.recipient) for r in records}
    return tuple(m for m in with_recipients(orgs, records, text) if not _bare_lowercase(m.canonical)
                 and (key(m.canonical) in recipients or not _common_word(m)))


def _common_word(m: Mention) -> bool:
    """A single capitalized word, outside the KB, that is a French common noun (``Accessibilité``,
    ``Municipalités``, ``Lundi``): a heading or a sentence's first word, not a body named."""
    name = m.canonical
    if " " in name or not name[:1].isupper() or name.isupper() or not name.isalpha() or not (m.id or "org:").startswith("org:"):
        return False
    low = name.lower()
    return low in common_nouns() or (low[-1:] in "sx" and low[:-1] in common_nouns())


def _bare_lowercase(name: str) -> bool:
    words = name.split()
    return bool(words) and name[:1].islower() and words[0].lower() not in _organization_heads()


@functools.cache
def _organization_heads() -> frozenset[str]:
    """The lowercase heads a body's name may open on (``ministère``, ``commune``, ``centre``)."""
    c = cues()
    return frozenset(w.lower() for k in ("heads", "kept_lowercase_heads", "facility_heads") for w in c[k])
