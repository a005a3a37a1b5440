"""Ids that make totals true: one funder id and name per agency, dated by the announcement.

A funder found in the KB gets the KB id and the official name of the ministry in office on
the announcement day (:func:`annonces.kb.renames.named_on`); one outside the KB gets a
stable id of its folded name (apostrophe shape, case, accents and articles ignored), and
inside one release every mention of that agency gets the same name and id.
"""

from __future__ import annotations

from typing import Any

from ..kb.entity import Entity
from ..kb.renames import named_on
from ..linking import core_key, stable_id
from ..types import Mention

Ref = tuple[str | None, str | None]


def _entity(kb: Any, entity_id: str | None) -> Entity | None:
    if kb is None or not entity_id:
        return None
    try:
        return kb.get(entity_id)
    except (AttributeError, KeyError):
        return None


def entity_ref(kb: Any, entity: Entity, date: str | None) -> Ref:
    """``(name, id)`` of a KB funder on the announcement date.

    >>> from annonces.kb import load_kb
    >>> kb = load_kb()
    >>> entity_ref(kb, kb.get("qc-min-mesi"), "2019-06-01")
    ('ministère de l’Économie et de l’Innovation', 'qc-min-mei')
    """
    current = named_on(kb, entity, date)
    return current.name, current.id


def mention_ref(kb: Any, mention: Mention, orgs: list[Mention], date: str | None) -> Ref:
    """``(name, id)`` of a funder mention: its KB entity (dated), else the release's
    first spelling of the same folded name and a stable id of it.

    >>> m1 = Mention("organization", "Fondation X", 0, 11, "Fondation d'Aide X")
    >>> m2 = Mention("organization", "Fondation X", 40, 51, "Fondation d’aide X")
    >>> mention_ref(None, m2, [m1, m2], None) == (m1.canonical, stable_id("organization", m1.canonical))
    True
    """
    ent = _entity(kb, mention.id)
    if ent is not None:
        return entity_ref(kb, ent, date)
    k = core_key(mention.canonical)
    for o in orgs:
        if o.id and _entity(kb, o.id) is not None and core_key(o.canonical) == k:
            return entity_ref(kb, _entity(kb, o.id), date)  # type: ignore[arg-type]
    first = next((o for o in orgs if core_key(o.canonical) == k), mention)
    return first.canonical, first.id or mention.id or stable_id("organization", first.canonical)


def program_ref(program: Mention | None) -> Ref:
    """``(name, id)`` of a record's program: the KB id, else a stable id of the folded name.

    >>> program_ref(Mention("program", "PME en action", 0, 13, "PME en action"))[1].startswith("prog")
    True
    """
    if program is None:
        return None, None
    return program.canonical, program.id or stable_id("program", program.canonical)
