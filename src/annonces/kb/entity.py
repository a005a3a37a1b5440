"""The KB entry: one frozen :class:`Entity` per line of ``kb/data/*.jsonl``.

The JSON keys are the field names (see ``kb/README.md``).  Lists become tuples so that
entities can be shared between threads and processes without copying.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..normalize.text import key

#: every ``type`` an entity may have
ENTITY_TYPES: frozenset[str] = frozenset(
    {"region", "departement", "municipality", "mrc", "ministry", "agency", "program", "minister", "organization"}
)

FIELDS: tuple[str, ...] = (
    "id", "type", "name", "aliases", "acronyms", "code", "country", "jurisdiction",
    "parent", "valid_from", "valid_to", "attrs",
)

_ST = re.compile(r"\b(st|ste)\b")


class KBFormatError(ValueError):
    """A KB file line that does not follow the documented format."""


@dataclass(frozen=True)
class Entity:
    """A knowledge-base entity (region, ministry, program, minister, organization...).

    ``attrs`` holds free data (a minister's portfolios, a ministry's successor, a
    municipality's MRC); it is excluded from equality and hashing, treat it as read-only.

    >>> e = Entity(id="qc-region-04", type="region", name="Mauricie", code="04")
    >>> e.forms()
    ('Mauricie',)
    >>> e.active_on("2020-01-01")
    True
    """

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    code: str | None = None
    country: str | None = None
    jurisdiction: str | None = None
    parent: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def forms(self, *, acronyms: bool = False) -> tuple[str, ...]:
        """The name, then the aliases (and the acronyms when asked), without repeats.

        >>> Entity("x", "agency", "Investissement Québec", acronyms=("IQ",)).forms(acronyms=True)
        ('Investissement Québec', 'IQ')
        """
        seen: dict[str, None] = {}
        for form in (self.name, *self.aliases, *(self.acronyms if acronyms else ())):
            if form and form not in seen:
                seen[form] = None
        return tuple(seen)

    def active_on(self, day: str | dt.date) -> bool:
        """True when ``day`` (ISO string or date) falls inside ``valid_from``..``valid_to``.

        >>> Entity("x", "region", "Bourgogne", valid_to="2015-12-31").active_on("2021-04-01")
        False
        """
        iso = day.isoformat() if isinstance(day, dt.date) else str(day)
        if self.valid_from and iso < self.valid_from:
            return False
        return not (self.valid_to and iso > self.valid_to)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this entity (the inverse of :func:`entity_from_dict`)."""
        return {
            "id": self.id, "type": self.type, "name": self.name,
            "aliases": list(self.aliases), "acronyms": list(self.acronyms),
            "code": self.code, "country": self.country, "jurisdiction": self.jurisdiction,
            "parent": self.parent, "valid_from": self.valid_from, "valid_to": self.valid_to,
            "attrs": dict(self.attrs),
        }


def index_key(text: str) -> str:
    """The lookup key of a name: :func:`~annonces.normalize.text.key`, ligatures
    spelled out and ``St``/``Ste`` read as ``Saint``/``Sainte``.

    >>> index_key("St-Jean-sur-Richelieu") == index_key("Saint-Jean-sur-Richelieu")
    True
    >>> index_key("Sacré-Cœur")
    'sacre coeur'
    """
    k = key(text).replace("œ", "oe").replace("æ", "ae")
    return _ST.sub(lambda m: "saint" if m.group(1) == "st" else "sainte", k)


def _strings(value: Any, name: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise KBFormatError(f"{where}: {name!r} must be a list of strings")


def _date(value: Any, name: str, where: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise KBFormatError(f"{where}: {name!r} must be an ISO date or null, not {value!r}") from None


def entity_from_dict(obj: dict[str, Any], *, where: str = "<dict>") -> Entity:
    """Validate one JSON object and build its :class:`Entity`.

    >>> entity_from_dict({"id": "fr-dep-29", "type": "departement", "name": "Finistère", "code": "29"}).code
    '29'
    >>> entity_from_dict({"id": "x", "type": "planet", "name": "Mars"})
    Traceback (most recent call last):
    ...
    annonces.kb.entity.KBFormatError: <dict>: unknown type 'planet'
    """
    if not isinstance(obj, dict):
        raise KBFormatError(f"{where}: an entity is a JSON object")
    unknown = set(obj) - set(FIELDS)
    if unknown:
        raise KBFormatError(f"{where}: unknown keys {sorted(unknown)}")
    for name in ("id", "type", "name"):
        if not isinstance(obj.get(name), str) or not obj[name].strip():
            raise KBFormatError(f"{where}: {name!r} is required (a non-empty string)")
    if obj["type"] not in ENTITY_TYPES:
        raise KBFormatError(f"{where}: unknown type {obj['type']!r}")
    attrs = {} if obj.get("attrs") is None else obj["attrs"]
    if not isinstance(attrs, dict):
        raise KBFormatError(f"{where}: 'attrs' must be an object")
    optional = {}
    for name in ("code", "country", "jurisdiction", "parent"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise KBFormatError(f"{where}: {name!r} must be a string or null")
        optional[name] = value or None
    return Entity(
        id=obj["id"].strip(),
        type=obj["type"],
        name=obj["name"].strip(),
        aliases=_strings(obj.get("aliases"), "aliases", where),
        acronyms=_strings(obj.get("acronyms"), "acronyms", where),
        valid_from=_date(obj.get("valid_from"), "valid_from", where),
        valid_to=_date(obj.get("valid_to"), "valid_to", where),
        attrs=attrs,
        **optional,
    )
