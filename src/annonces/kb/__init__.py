"""The knowledge base: shipped data files + a user's own, merged by id.

Data live in ``kb/data/`` (format in ``kb/README.md``): every ``*.jsonl`` file holds
entities (regions, départements, ministries, programs, ministers, organizations) and
``municipalities.csv`` maps Quebec municipalities, MRCs and boroughs to their region.

>>> kb = load_kb()
>>> resolve_region("la région de la Montérégie")
Region(name='Montérégie', code='16', country='CA', level='region', id='qc-region-16')
>>> kb.region_of_municipality("Ville de Gaspé").name
'Gaspésie–Îles-de-la-Madeleine'
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..normalize.text import fold, unify
from ..types import Region
from .base import KnowledgeBase, region_rank
from .entity import ENTITY_TYPES, Entity, KBFormatError, entity_from_dict, index_key
from .files import cues, read_path, shipped_entities

__all__ = [
    "ENTITY_TYPES", "Entity", "KBFormatError", "KnowledgeBase",
    "entity_from_dict", "index_key", "load_kb", "resolve_region",
]

REGION_TYPES = ("region", "departement")


def load_kb(extra: str | Path | None = None) -> KnowledgeBase:
    """The shipped KB, with the entities of ``extra`` (a ``.jsonl``/``.csv`` file or a
    folder of them) merged over it: an entity with an existing id replaces it.

    Cached per path: edit a user file, then restart (or call ``load_kb.cache_clear()``).

    >>> kb = load_kb()
    >>> kb.get("qc-region-11").name, kb.get("fr-dep-2a").name
    ('Gaspésie–Îles-de-la-Madeleine', 'Corse-du-Sud')
    """
    return _load(str(Path(extra).expanduser().resolve()) if extra is not None else None)


@cache
def _load(extra: str | None) -> KnowledgeBase:
    if extra is None:
        return KnowledgeBase(shipped_entities())
    return _load(None).merge(read_path(extra))


load_kb.cache_clear = _load.cache_clear  # type: ignore[attr-defined]


@cache
def _stopwords() -> frozenset[str]:
    c = cues()
    words = [*c["region_nouns"], *c["region_qualifiers"], *c["prepositions"], *c["articles"], *c["locatives"]]
    return frozenset(fold(w) for w in words)


_LEADING = re.compile(r"(?:l'|d'|[^\s']+\s+)")
_CODE = re.compile(r"\s*\(\s*(?:\d{2,3}|2[ab])\s*\)\s*$", re.I)


def resolve_region(text: str, *, kb: KnowledgeBase | None = None) -> Region | None:
    """The region or département named by ``text``: official name and code.

    Accepts any dash, missing accents, any case and the forms written in releases
    (``la région de la``, ``dans le``, ``Finistère (29)``).  ``None`` for places that
    are not administrative regions.

    >>> resolve_region("Gaspesie-Iles-de-la-Madeleine").name
    'Gaspésie–Îles-de-la-Madeleine'
    >>> resolve_region("Saguenay\u2011Lac\u2011Saint\u2011Jean").code
    '02'
    >>> resolve_region("dans les Côtes-d’Armor")
    Region(name="Côtes-d'Armor", code='22', country='FR', level='departement', id='fr-dep-22')
    >>> resolve_region("Bourgogne").code, resolve_region("Guadeloupe").level
    ('27', 'region')
    >>> [resolve_region(x) for x in ("Charlevoix", "Côte-du-Sud", "Manicouagan", "Québec")]
    [None, None, None, None]
    """
    kb = kb or load_kb()
    rest = _CODE.sub("", " ".join(unify(text).split()))
    stop = _stopwords()
    while rest:
        found = kb.lookup(rest, REGION_TYPES)
        if found:
            return kb.to_region(min(found, key=region_rank))
        m = _LEADING.match(rest)
        if not m or fold(m.group(0)).strip() not in stop:
            return None
        rest = rest[m.end():].lstrip()
    return None
