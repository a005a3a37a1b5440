"""A ministry's name on a given day: follow its renames (``preceded_by``/``succeeded_by``).

Ministries are renamed with each cabinet (``MESI`` -> ``MEI`` -> ``MEIE``); the KB keeps
one entity per name with its validity dates.  A release that names the old ministry after
the rename (a loan announced in 2019 "by the MESI") is credited to the ministry in office
on the announcement day, so totals by funder do not split one ministry in two.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from .entity import Entity


class _Entities(Protocol):
    def get(self, entity_id: str) -> Entity | None: ...


def _links(entity: Entity, attr: str) -> tuple[str, ...]:
    value = (entity.attrs or {}).get(attr)
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(v for v in value if isinstance(v, str))


def named_on(kb: _Entities, entity: Entity, day: str | dt.date | None) -> Entity:
    """The entity that holds ``entity``'s mandate on ``day`` (ISO date, a prefix such as
    ``2021-05`` works too); ``entity`` itself when it is active then, when ``day`` is unknown,
    or when the rename splits it (``succeeded_by`` lists two ministries: no single heir).

    >>> from annonces.kb import load_kb
    >>> kb = load_kb()
    >>> named_on(kb, kb.get("qc-min-mesi"), "2021-05-04").name
    'ministère de l’Économie et de l’Innovation'
    >>> named_on(kb, kb.get("qc-min-mei"), "2017-03-01").id
    'qc-min-mesi'
    >>> named_on(kb, kb.get("qc-min-mei"), "2020-01-01").id, named_on(kb, kb.get("qc-min-mei"), None).id
    ('qc-min-mei', 'qc-min-mei')
    >>> named_on(kb, kb.get("qc-min-mfeq"), "2020-01-01").id  # split into two ministries in 2014
    'qc-min-mfeq'
    """
    if day is None:
        return entity
    iso = _pad(day.isoformat() if isinstance(day, dt.date) else str(day))
    current, seen = entity, {entity.id}
    while not current.active_on(iso):
        later = current.valid_to is not None and iso > current.valid_to
        links = _links(current, "succeeded_by" if later else "preceded_by")
        if len(links) != 1 or links[0] in seen:
            return current
        nxt = kb.get(links[0])
        if nxt is None:
            return current
        seen.add(nxt.id)
        current = nxt
    return current


def _pad(iso: str) -> str:
    """A month or year compared as its first day.

    >>> _pad("2021"), _pad("2021-05"), _pad("2021-05-04")
    ('2021-01-01', '2021-05-01', '2021-05-04')
    """
    return iso if len(iso) >= 10 else (iso + "-01-01")[:10]
