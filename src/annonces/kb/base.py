"""The in-memory knowledge base: entities by id, by type and by folded name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, cached_property

from ..normalize.text import fold
from ..types import Region
from .entity import Entity, index_key
from .files import cues

TypesArg = str | Iterable[str] | None
#: entity type -> ``Region.level``
LEVELS = {"region": "region", "departement": "departement"}
#: when one name has several region entities (Guadeloupe: région 01 and département 971)
_LEVEL_RANK = {"region": 0, "departement": 1}


def _types(types: TypesArg) -> frozenset[str] | None:
    if types is None:
        return None
    return frozenset((types,) if isinstance(types, str) else types)


def region_rank(entity: Entity) -> tuple[int, int]:
    """Sort key among region entities sharing a name: current before merged, région before département."""
    return (1 if entity.valid_to else 0, _LEVEL_RANK.get(entity.type, 2))


class KnowledgeBase:
    """Entities by id, by type and by folded name or alias (immutable once built).

    >>> kb = KnowledgeBase([Entity("qc-region-16", "region", "Montérégie", code="16", country="CA")])
    >>> [e.id for e in kb.lookup("MONTEREGIE")]
    ['qc-region-16']
    >>> kb.to_region(kb.get("qc-region-16"))
    Region(name='Montérégie', code='16', country='CA', level='region', id='qc-region-16')
    """

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self._entities: dict[str, Entity] = {}
        for e in entities:  # a later entity with the same id replaces the earlier one
            self._entities.pop(e.id, None)
            self._entities[e.id] = e

    def __len__(self) -> int:
        return len(self._entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities.values())

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def __repr__(self) -> str:
        return f"<KnowledgeBase {len(self)} entities>"

    @cached_property
    def _by_type(self) -> dict[str, list[Entity]]:
        out: dict[str, list[Entity]] = {}
        for e in self._entities.values():
            out.setdefault(e.type, []).append(e)
        return out

    @cached_property
    def _index(self) -> dict[str, list[Entity]]:
        out: dict[str, list[Entity]] = {}
        for e in self._entities.values():
            for form in e.forms(acronyms=True):
                bucket = out.setdefault(index_key(form), [])
                if e not in bucket:
                    bucket.append(e)
        return out

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or ``None``."""
        return self._entities.get(entity_id)

    def by_type(self, type: str) -> list[Entity]:
        """Every entity of one type, in file order.

        >>> from annonces.kb import load_kb
        >>> len(load_kb().by_type("departement"))
        101
        """
        return list(self._by_type.get(type, ()))

    def lookup(self, name_or_alias: str, types: TypesArg = None) -> list[Entity]:
        """Entities whose name, alias or acronym has the same folded key.

        The key ignores case, accents, dashes, apostrophe shapes, dots and ``St``/``Saint``.

        >>> from annonces.kb import load_kb
        >>> [e.code for e in load_kb().lookup("Gaspesie - Iles-de-la-Madeleine")]
        ['11']
        >>> [e.id for e in load_kb().lookup("Guadeloupe", types="departement")]
        ['fr-dep-971']
        """
        wanted = _types(types)
        found = self._index.get(index_key(name_or_alias), ())
        return [e for e in found if wanted is None or e.type in wanted]

    def to_region(self, entity: Entity) -> Region:
        """The :class:`~annonces.types.Region` of a region or département entity."""
        if entity.type not in LEVELS:
            raise ValueError(f"{entity.id} is a {entity.type}, not a region")
        return Region(
            name=entity.name,
            code=entity.code or "",
            country=entity.country or "",
            level=LEVELS[entity.type],
            id=entity.id,
        )

    def region_of(self, entity: Entity) -> Region | None:
        """The region of any entity: itself for a region, else its nearest region ancestor."""
        seen = set()
        current: Entity | None = entity
        while current is not None and current.id not in seen:
            if current.type == "region":
                return self.to_region(current)
            seen.add(current.id)
            current = self.get(current.parent) if current.parent else None
        return None

    def region_of_municipality(self, name: str) -> Region | None:
        """The Quebec administrative region of a municipality, MRC or arrondissement.

        Accepts the forms written in releases (``Ville de``, ``Municipalité de``,
        ``MRC des``, ``arrondissement d'``...).  ``None`` when the name is unknown or
        names places in different regions.

        >>> from annonces.kb import load_kb
        >>> kb = load_kb()
        >>> kb.region_of_municipality("Municipalité de Deschaillons-sur-Saint-Laurent").name
        'Centre-du-Québec'
        >>> kb.region_of_municipality("MRC des Sources").code
        '05'
        >>> kb.region_of_municipality("arrondissement de Ville-Marie").code
        '06'
        >>> kb.region_of_municipality("Ville-Marie") is None  # Montréal borough or Témiscamingue town
        True
        """
        kind, names = _municipal_names(name)
        found: list[Entity] = []
        for candidate in names:
            found = [e for e in self.lookup(candidate, ("municipality", "mrc")) if _kind(e) in kind]
            if found:
                break
        regions = {r for r in (self.region_of(e) for e in found) if r is not None}
        return regions.pop() if len(regions) == 1 else None

    def merge(self, other: KnowledgeBase | Iterable[Entity]) -> KnowledgeBase:
        """A new KB: these entities, then ``other``'s (same id replaces).

        >>> a = KnowledgeBase([Entity("p1", "program", "Fonds A")])
        >>> b = a.merge([Entity("p1", "program", "Fonds A (nouveau nom)"), Entity("p2", "program", "Fonds B")])
        >>> [e.name for e in b], len(a)
        (['Fonds A (nouveau nom)', 'Fonds B'], 1)
        """
        return KnowledgeBase([*self._entities.values(), *other])


def _kind(entity: Entity) -> str:
    return str(entity.attrs.get("kind") or entity.type)


_ALL_KINDS = frozenset({"municipality", "mrc", "agglomeration", "arrondissement"})


@cache
def _prefix_re() -> re.Pattern[str]:
    words = sorted(cues()["municipal_prefixes"], key=len, reverse=True)
    alternatives = "|".join(re.escape(fold(w)) for w in words)
    return re.compile(rf"^(?:(?:la|le|les|l') ?)?({alternatives})(?![\w-]) ?(de la |de l'|du |des |de |d')?", re.I)


def _municipal_names(name: str) -> tuple[frozenset[str], list[str]]:
    """The kinds allowed by a written prefix and the bare names to look up.

    >>> _municipal_names("MRC de La Vallée-de-l'Or")[1]
    ["La Vallée-de-l'Or"]
    >>> sorted(_municipal_names("MRC des Sources")[0]), _municipal_names("MRC des Sources")[1]
    (['mrc'], ['Sources', 'Les Sources'])
    """
    text = " ".join(name.split())
    m = _prefix_re().match(fold(text))
    if not m:
        return _ALL_KINDS, [text]
    kind = cues()["municipal_prefixes"][_prefix_word(m.group(1))]
    rest = text[m.end():].strip()
    article = {"des ": "Les ", "du ": "Le ", "de la ": "La ", "de l'": "L'"}.get(m.group(2) or "", "")
    names = [rest] + ([article + rest] if article else [])
    if m.group(2) in ("de la ", "de l'") and text[m.start(2) + 3].isupper():  # "MRC de La Vallée-de-l'Or"
        names = [text[m.start(2) + 3:].strip()]
    return frozenset({kind}), names


def _prefix_word(folded: str) -> str:
    for word in cues()["municipal_prefixes"]:
        if fold(word) == folded.lower():
            return word
    raise KeyError(folded)
