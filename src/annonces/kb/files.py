"""Reading KB files: entity JSONL, the municipalities CSV, the shipped data folder.

A user KB (``load_kb(extra=...)``) is a ``.jsonl`` file, a ``.csv`` file in the
municipalities format, or a folder holding such files.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..normalize.text import key
from .entity import Entity, KBFormatError, entity_from_dict

#: columns of ``municipalities.csv``
CSV_COLUMNS = ("name", "type", "region_code", "mrc")
#: ``type`` column -> id prefix
CSV_KINDS = {"municipality": "qc-mun", "mrc": "qc-mrc", "agglomeration": "qc-agglo", "arrondissement": "qc-arr"}
#: the shipped CSV (other shipped data files are ``*.jsonl``)
MUNICIPALITIES = "municipalities.csv"
QC_REGION_CODES = frozenset(f"{i:02d}" for i in range(1, 18))


def slug(text: str) -> str:
    """An id-friendly form of a name.

    >>> slug("Val-d'Or"), slug("Côte-des-Neiges–Notre-Dame-de-Grâce")
    ('val-d-or', 'cote-des-neiges-notre-dame-de-grace')
    """
    return re.sub(r"[^a-z0-9]+", "-", key(text).replace("œ", "oe").replace("æ", "ae")).strip("-")


def parse_jsonl(text: str, *, source: str = "<jsonl>") -> list[Entity]:
    """Entities of a JSONL text (blank lines and ``//`` comment lines are skipped).

    >>> [e.id for e in parse_jsonl('{"id": "qc-region-09", "type": "region", "name": "Côte-Nord"}\\n')]
    ['qc-region-09']
    """
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        where = f"{source}:{n}"
        try:
            obj: Any = json.loads(line)
        except json.JSONDecodeError as err:
            raise KBFormatError(f"{where}: invalid JSON ({err.msg})") from None
        out.append(entity_from_dict(obj, where=where))
    return out


def municipality_entity(row: dict[str, str], *, where: str = "<csv>") -> Entity:
    """The entity of one ``municipalities.csv`` row.

    ``mrc`` and ``municipality`` rows keep their type; ``agglomeration`` and
    ``arrondissement`` rows become ``municipality`` entities with ``attrs["kind"]``.

    >>> e = municipality_entity({"name": "Val-d'Or", "type": "municipality", "region_code": "08", "mrc": "La Vallée-de-l'Or"})
    >>> e.id, e.type, e.parent, e.attrs["mrc"]
    ('qc-mun-val-d-or', 'municipality', 'qc-region-08', "La Vallée-de-l'Or")
    """
    name = (row.get("name") or "").strip()
    kind = (row.get("type") or "municipality").strip() or "municipality"
    code = (row.get("region_code") or "").strip().zfill(2)
    if not name:
        raise KBFormatError(f"{where}: 'name' is required")
    if kind not in CSV_KINDS:
        raise KBFormatError(f"{where}: type must be one of {sorted(CSV_KINDS)}, not {kind!r}")
    if code not in QC_REGION_CODES:
        raise KBFormatError(f"{where}: region_code must be 01..17, not {row.get('region_code')!r}")
    mrc = (row.get("mrc") or "").strip() or None
    return Entity(
        id=f"{CSV_KINDS[kind]}-{slug(name)}",
        type="mrc" if kind == "mrc" else "municipality",
        name=name,
        country="CA",
        jurisdiction="QC",
        parent=f"qc-region-{code}",
        attrs={"kind": kind, "region_code": code, "mrc": mrc},
    )


def parse_municipalities(text: str, *, source: str = "<csv>") -> list[Entity]:
    """Entities of a municipalities CSV (header ``name,type,region_code,mrc``).

    >>> [e.id for e in parse_municipalities("name,type,region_code,mrc\\nAmos,municipality,08,Abitibi\\n")]
    ['qc-mun-amos']
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = set(CSV_COLUMNS[:3]) - set(reader.fieldnames or ())
    if missing:
        raise KBFormatError(f"{source}: missing columns {sorted(missing)}")
    return [municipality_entity(row, where=f"{source}:{n}") for n, row in enumerate(reader, 2)]


def _parse(name: str, text: str, source: str) -> list[Entity]:
    if name.endswith(".jsonl"):
        return parse_jsonl(text, source=source)
    if name.endswith(".csv"):
        return parse_municipalities(text, source=source)
    return []


def read_path(path: str | Path) -> list[Entity]:
    """Entities of a user file (``.jsonl`` / ``.csv``) or of every such file in a folder."""
    path = Path(path)
    if path.is_dir():
        files: Iterable[Path] = sorted(p for p in path.iterdir() if p.suffix in (".jsonl", ".csv"))
    elif path.is_file():
        if path.suffix not in (".jsonl", ".csv"):
            raise KBFormatError(f"{path}: a KB file is .jsonl (entities) or .csv (municipalities)")
        files = [path]
    else:
        raise FileNotFoundError(f"no KB file or folder at {path}")
    out: list[Entity] = []
    for f in files:
        out.extend(_parse(f.name, f.read_text(encoding="utf-8-sig"), str(f)))
    return out


def shipped_files() -> Iterator[tuple[str, str]]:
    """``(name, text)`` of every shipped data file, in name order."""
    folder = resources.files("annonces.kb").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if (entry.name.endswith(".jsonl") or entry.name == MUNICIPALITIES) and entry.is_file():
            yield entry.name, entry.read_text(encoding="utf-8")


def shipped_entities() -> list[Entity]:
    """Every entity of the shipped ``kb/data`` files (``*.jsonl`` and ``municipalities.csv``).

    >>> len([e for e in shipped_entities() if e.type == "departement"])
    101
    """
    out: list[Entity] = []
    for name, text in shipped_files():
        out.extend(_parse(name, text, f"annonces/kb/data/{name}"))
    return out


@cache
def cues() -> dict[str, Any]:
    """The word lists of ``kb/data/cues.json`` (region cues, municipal prefixes...)."""
    text = resources.files("annonces.kb").joinpath("data", "cues.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def french_communes() -> frozenset[str]:
    """Folded keys of the French communes of ``kb/data/communes_fr.csv`` (GeoNames, 1,000
    inhabitants or more): places, so that ``Biganos Voirie`` is read as the town and its
    budget heading, and a town named alone is not taken for an organization.

    >>> {"biganos", "montbrison"} <= french_communes()
    True
    """
    text = resources.files("annonces.kb").joinpath("data", "communes_fr.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(key(r["name"]) for r in rows)
