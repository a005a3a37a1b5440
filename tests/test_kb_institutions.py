"""Validation of the institutional knowledge base: ministries and agencies, programs,
ministers and organizations (``kb/data/{ministries,programs,ministers,organizations}.jsonl``).

The files are read directly with :mod:`json` so that these checks do not depend on the
loader; the last tests check that :func:`annonces.kb.load_kb` serves the same entities.

Conventions checked here (see ``kb/README.md`` for the file format):

- one JSON object per line with the twelve entity keys; ids ``<jurisdiction>-<kind>-<slug>``
  (``qc-min-mei``, ``ca-agency-dec``, ``fr-prog-france-2030``, ``qc-minister-pierre-fitzgibbon``);
- names, aliases and portfolio titles write the apostrophe as ``’`` and never add a variant
  that differs from another form only by case, accents, dashes or apostrophes (the matchers fold those);
- renames: ``attrs.preceded_by`` / ``attrs.succeeded_by`` hold an id or a list of ids (splits and
  merges), both directions agree, and a predecessor's validity ends before its successor's starts;
  a body whose name came back (``ministère des Transports``) keeps one entity with ``attrs.names``;
- acronyms and names are unique within a jurisdiction and type among entities valid at the same time
  (``MEIE`` is the 2014 and the 2022 Quebec economy ministry, never both at once);
- ministers carry ``attrs.portfolios`` = ``[{"title", "from", "to", "ministry"?}]`` with dates only
  where known (null otherwise); persons have no ``valid_from``/``valid_to``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import pytest

from annonces.normalize.text import fold, key

DATA = resources.files("annonces").joinpath("kb", "data")

#: the files validated here -> the entity types each may hold
OWN_FILES: dict[str, frozenset[str]] = {
    "ministries.jsonl": frozenset({"ministry", "agency"}),
    "programs.jsonl": frozenset({"program"}),
    "ministers.jsonl": frozenset({"minister"}),
    "organizations.jsonl": frozenset({"organization"}),
}
KEYS = ("id", "type", "name", "aliases", "acronyms", "code", "country", "jurisdiction", "parent",
        "valid_from", "valid_to", "attrs")
COUNTRY_OF = {"QC": "CA", "CA": "CA", "MUNI": "CA", "FR": "FR"}
ID_KIND = {"ministry": "min", "agency": "agency", "program": "prog", "minister": "minister", "organization": "org"}
ID_RE = re.compile(r"^(qc|ca|fr|muni)-(min|agency|prog|minister|org)-[a-z0-9]+(?:-[a-z0-9]+)*$")
#: ``MEIE``, ``RNCan``, ``BAnQ``, ``EÉC``, ``PIC150``, ``PARI-CNRC``: no spaces, mostly capitals
ACRONYM_RE = re.compile(r"^[A-ZÀ-Ý][A-Za-zÀ-ÿ0-9&-]*[A-Za-zÀ-ÿ0-9]$")
#: acronyms knowingly carried by two live entities of one jurisdiction and type (none so far)
SHARED_ACRONYMS: frozenset[tuple[str, str, str]] = frozenset()
#: a portfolio title names a minister's office
TITLE_RE = re.compile(r"\b(ministre|secrétaire d’État|présidente? du Conseil du (?:trésor|Trésor))\b")
FUNDER_TYPES = frozenset({"ministry", "agency", "organization"})
ISO_MIN, ISO_MAX = "0000-00-00", "9999-99-99"


# ---------------------------------------------------------------- reading


def _read(name: str) -> list[tuple[int, Any]]:
    """``(line number, parsed JSON or the raw line when invalid)`` of one data file."""
    out: list[tuple[int, Any]] = []
    for n, line in enumerate(DATA.joinpath(name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append((n, json.loads(line)))
        except json.JSONDecodeError:
            out.append((n, line))
    return out


@cache
def own() -> tuple[dict[str, Any], ...]:
    return tuple(obj for name in OWN_FILES for _, obj in _read(name) if isinstance(obj, dict))


@cache
def every_jsonl() -> tuple[tuple[str, dict[str, Any]], ...]:
    """``(file name, entity)`` of every ``kb/data/*.jsonl`` (other engineers' files too)."""
    names = sorted(e.name for e in DATA.iterdir() if e.name.endswith(".jsonl"))
    return tuple((name, obj) for name in names for _, obj in _read(name) if isinstance(obj, dict))


@cache
def by_id() -> dict[str, dict[str, Any]]:
    return {obj["id"]: obj for _, obj in every_jsonl() if isinstance(obj.get("id"), str)}


def _ids(value: Any) -> list[str]:
    """``preceded_by``/``succeeded_by`` values: an id, a list of ids or nothing."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _forms(e: dict[str, Any]) -> list[str]:
    return [e["name"], *e["aliases"]]


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Do two half-open validity intervals ``[valid_from, valid_to)`` overlap (null = unbounded)?"""
    return (a["valid_from"] or ISO_MIN) < (b["valid_to"] or ISO_MAX) and \
        (b["valid_from"] or ISO_MIN) < (a["valid_to"] or ISO_MAX)


def _is_date(value: Any) -> bool:
    if value is None:
        return True
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except (TypeError, ValueError):
        return False


def _lookup_key(text: str) -> str:
    return key(text).replace("œ", "oe")


@cache
def _index() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in own():
        for k in {_lookup_key(form) for form in (*_forms(e), *e["acronyms"])}:
            out[k].append(e)
    return out


def lookup(text: str, *, day: str | None = None, jurisdiction: str | None = None) -> list[str]:
    """Ids of the entities named ``text`` (name, alias or acronym), optionally valid on ``day``."""
    found = _index().get(_lookup_key(text), [])
    if day is not None:
        found = [e for e in found if (e["valid_from"] or ISO_MIN) <= day < (e["valid_to"] or ISO_MAX)]
    if jurisdiction is not None:
        found = [e for e in found if e["jurisdiction"] == jurisdiction]
    return sorted(e["id"] for e in found)


# ---------------------------------------------------------------- format


def _format_errors(name: str) -> Iterator[str]:
    for n, obj in _read(name):
        where = f"{name}:{n}"
        if not isinstance(obj, dict):
            yield f"{where}: not a JSON object"
            continue
        if tuple(obj) != KEYS:
            yield f"{where}: keys {list(obj)} (expected {list(KEYS)} in that order)"
            continue
        if not isinstance(obj["id"], str) or not ID_RE.match(obj["id"]):
            yield f"{where}: bad id {obj['id']!r}"
        if obj["type"] not in OWN_FILES[name]:
            yield f"{where}: type {obj['type']!r} does not belong in {name}"
        if not isinstance(obj["name"], str) or not obj["name"]:
            yield f"{where}: empty name"
        for field in ("aliases", "acronyms"):
            value = obj[field]
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                yield f"{where}: {field} must be a list of non-empty strings"
        for field in ("code", "parent"):
            if obj[field] is not None and not isinstance(obj[field], str):
                yield f"{where}: {field} must be a string or null"
        if obj["jurisdiction"] not in COUNTRY_OF:
            yield f"{where}: jurisdiction {obj['jurisdiction']!r}"
        elif obj["country"] != COUNTRY_OF[obj["jurisdiction"]]:
            yield f"{where}: country {obj['country']!r} for jurisdiction {obj['jurisdiction']}"
        for field in ("valid_from", "valid_to"):
            if not _is_date(obj[field]):
                yield f"{where}: {field} {obj[field]!r} is not an ISO date"
        if not isinstance(obj["attrs"], dict):
            yield f"{where}: attrs must be an object"


@pytest.mark.parametrize("name", sorted(OWN_FILES))
def test_every_line_is_an_entity(name: str) -> None:
    assert list(_format_errors(name)) == []


@pytest.mark.parametrize("name", sorted(OWN_FILES))
def test_files_are_not_empty(name: str) -> None:
    assert len(_read(name)) >= 20


def test_ids_are_unique_across_all_kb_files() -> None:
    counts = Counter(obj.get("id") for _, obj in every_jsonl())
    assert [i for i, c in counts.items() if c > 1] == []


def test_id_prefix_matches_jurisdiction_and_type() -> None:
    bad = [e["id"] for e in own()
           if not e["id"].startswith(f"{e['jurisdiction'].lower()}-{ID_KIND[e['type']]}-")]
    assert bad == []


def test_validity_intervals_are_ordered() -> None:
    bad = [e["id"] for e in own() if e["valid_from"] and e["valid_to"] and e["valid_from"] >= e["valid_to"]]
    assert bad == []


def test_persons_have_no_validity_interval() -> None:
    assert [e["id"] for e in own() if e["type"] == "minister" and (e["valid_from"] or e["valid_to"])] == []


# ---------------------------------------------------------------- names, aliases, acronyms


def _texts(e: dict[str, Any]) -> list[str]:
    titles = [p.get("title", "") for p in e["attrs"].get("portfolios", [])]
    names = [n["name"] for n in e["attrs"].get("names", [])]
    return [*_forms(e), *titles, *names]


def test_names_use_one_apostrophe_and_clean_spaces() -> None:
    bad = [(e["id"], t) for e in own() for t in _texts(e)
           if "'" in t or t != t.strip() or "  " in t or any(c in t for c in "\u00a0\u202f\t\n")]
    assert bad == []


def test_aliases_are_not_mere_folding_variants() -> None:
    """The matchers fold case, accents, dashes and apostrophes: such variants are noise."""
    bad = []
    for e in own():
        folded = [fold(f) for f in _forms(e)]
        bad += [(e["id"], f) for f, c in Counter(folded).items() if c > 1]
    assert bad == []


def test_acronyms_look_like_acronyms() -> None:
    bad = []
    for e in own():
        for acr in e["acronyms"]:
            letters = [c for c in acr if c.isalpha()]
            upper = sum(c.isupper() for c in letters)
            if not ACRONYM_RE.match(acr) or upper * 2 < len(letters) or len(acr) < 2:
                bad.append((e["id"], acr))
    assert bad == []


def _clashes(forms_of) -> list[tuple[str, str, str]]:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in own():
        for form in {fold(f) for f in forms_of(e)}:
            groups[(e["jurisdiction"], e["type"], form)].append(e)
    out = []
    for (jur, typ, form), entities in groups.items():
        for a, b in ((a, b) for i, a in enumerate(entities) for b in entities[i + 1:]):
            if _overlap(a, b):
                out.append((form, a["id"], b["id"]))
    return out


def test_acronyms_unique_within_jurisdiction_and_type_at_any_date() -> None:
    clashes = [c for c in _clashes(lambda e: e["acronyms"])
               if (c[0].upper(), *sorted(c[1:])) not in SHARED_ACRONYMS]
    assert clashes == []


def test_names_unique_within_jurisdiction_and_type_at_any_date() -> None:
    assert _clashes(_forms) == []


# ---------------------------------------------------------------- renames


def test_rename_links_exist_and_agree_both_ways() -> None:
    ids, errors = by_id(), []
    for e in own():
        for nxt in _ids(e["attrs"].get("succeeded_by")):
            target = ids.get(nxt)
            if target is None:
                errors.append(f"{e['id']}: successor {nxt} missing")
            elif e["id"] not in _ids(target["attrs"].get("preceded_by")):
                errors.append(f"{e['id']} -> {nxt}: {nxt} does not list it in preceded_by")
            elif (target["type"], target["jurisdiction"]) != (e["type"], e["jurisdiction"]):
                errors.append(f"{e['id']} -> {nxt}: another type or jurisdiction")
        for prev in _ids(e["attrs"].get("preceded_by")):
            target = ids.get(prev)
            if target is None:
                errors.append(f"{e['id']}: predecessor {prev} missing")
            elif e["id"] not in _ids(target["attrs"].get("succeeded_by")):
                errors.append(f"{prev} -> {e['id']}: {prev} does not list it in succeeded_by")
    assert errors == []


def test_rename_chains_are_ordered_without_overlap() -> None:
    ids, errors = by_id(), []
    for e in own():
        for nxt in _ids(e["attrs"].get("succeeded_by")):
            succ = ids.get(nxt)
            if succ is None:
                continue
            if e["valid_to"] and succ["valid_from"] and e["valid_to"] > succ["valid_from"]:
                errors.append(f"{e['id']} ends {e['valid_to']} after {nxt} starts {succ['valid_from']}")
            if e["valid_from"] and succ["valid_from"] and e["valid_from"] >= succ["valid_from"]:
                errors.append(f"{e['id']} starts no earlier than its successor {nxt}")
            if succ["valid_to"] is None and e["valid_to"] is None and succ["valid_from"] and e["valid_from"]:
                errors.append(f"{e['id']} and its successor {nxt} are both open-ended")
    assert errors == []


def test_rename_chains_have_no_cycles() -> None:
    ids = by_id()

    def reaches_itself(start: str) -> bool:
        seen, todo = set(), list(_ids(ids[start]["attrs"].get("succeeded_by")))
        while todo:
            current = todo.pop()
            if current == start:
                return True
            if current in seen or current not in ids:
                continue
            seen.add(current)
            todo.extend(_ids(ids[current]["attrs"].get("succeeded_by")))
        return False

    assert [e["id"] for e in own() if reaches_itself(e["id"])] == []


def test_name_histories_are_ordered() -> None:
    errors = []
    for e in own():
        names = e["attrs"].get("names", [])
        for n in names:
            if not (_is_date(n.get("from")) and _is_date(n.get("to"))):
                errors.append(f"{e['id']}: bad dates in {n}")
            elif n["from"] and n["to"] and n["from"] >= n["to"]:
                errors.append(f"{e['id']}: {n['name']} ends before it starts")
            if fold(n["name"]) not in {fold(f) for f in _forms(e)}:
                errors.append(f"{e['id']}: {n['name']} is not among its name and aliases")
            if n.get("acronym") and n["acronym"] not in e["acronyms"]:
                errors.append(f"{e['id']}: {n['acronym']} is not among its acronyms")
        for a, b in zip(names, names[1:]):
            if a["to"] and b["from"] and a["to"] > b["from"]:
                errors.append(f"{e['id']}: {a['name']} overlaps {b['name']}")
    assert errors == []


SUCCESSION = [
    pytest.param("qc-min-mdeie", ["qc-min-mfeq", "qc-min-meie-2014", "qc-min-mesi", "qc-min-mei", "qc-min-meie"],
                 id="qc-economy-mdeie-to-meie"),
    pytest.param("qc-min-mamrot", ["qc-min-mamot", "qc-min-mamh"], id="qc-municipal-affairs"),
    pytest.param("qc-min-mddep", ["qc-min-mddefp", "qc-min-mddelcc", "qc-min-melcc", "qc-min-melccfp"],
                 id="qc-environment"),
    pytest.param("qc-min-mcccf", ["qc-min-mcc"], id="qc-culture"),
    pytest.param("qc-min-micc", ["qc-min-midi", "qc-min-mifi"], id="qc-immigration"),
    pytest.param("ca-min-ic", ["ca-min-isde"], id="ca-industry-to-isde"),
    pytest.param("qc-prog-fonds-vert", ["qc-prog-fecc"], id="qc-fonds-vert-to-fecc"),
    pytest.param("fr-agency-direccte", ["fr-agency-dreets"], id="fr-direccte-to-dreets"),
    pytest.param("fr-org-pole-emploi", ["fr-org-france-travail"], id="fr-pole-emploi-to-france-travail"),
]


@pytest.mark.parametrize(("start", "expected"), SUCCESSION)
def test_main_line_of_succession(start: str, expected: list[str]) -> None:
    """Follow the first successor each time (the main line when a ministry splits)."""
    ids, chain, current = by_id(), [], start
    while nxt := _ids(ids[current]["attrs"].get("succeeded_by")):
        current = nxt[0]
        chain.append(current)
    assert chain == expected


# ---------------------------------------------------------------- references


def test_parents_exist() -> None:
    ids = by_id()
    assert [(e["id"], e["parent"]) for e in own() if e["parent"] and e["parent"] not in ids] == []


def test_program_parents_are_programs_and_funders_are_bodies() -> None:
    ids, errors = by_id(), []
    for e in own():
        if e["type"] != "program":
            continue
        if e["parent"] and ids.get(e["parent"], {}).get("type") != "program":
            errors.append(f"{e['id']}: parent {e['parent']} is not a program")
        for ref in ("funder",):
            target = e["attrs"].get(ref)
            if target is not None and ids.get(target, {}).get("type") not in FUNDER_TYPES:
                errors.append(f"{e['id']}: {ref} {target} is not a ministry, agency or organization")
        financed = e["attrs"].get("financed_by")
        if financed is not None and ids.get(financed, {}).get("type") != "program":
            errors.append(f"{e['id']}: financed_by {financed} is not a program (fund)")
    assert errors == []


# ---------------------------------------------------------------- ministers


def _portfolio_errors(e: dict[str, Any]) -> Iterator[str]:
    portfolios = e["attrs"].get("portfolios")
    if not isinstance(portfolios, list) or not portfolios:
        yield f"{e['id']}: no portfolio"
        return
    ids = by_id()
    for p in portfolios:
        if not isinstance(p, dict) or not isinstance(p.get("title"), str):
            yield f"{e['id']}: portfolio without title: {p!r}"
            continue
        if set(p) - {"title", "from", "to", "ministry"} or not {"from", "to"} <= set(p):
            yield f"{e['id']}: portfolio keys {sorted(p)}"
        if not TITLE_RE.search(p["title"]):
            yield f"{e['id']}: {p['title']!r} is not a minister's title"
        if not (_is_date(p.get("from")) and _is_date(p.get("to"))):
            yield f"{e['id']}: bad dates in {p!r}"
        elif p.get("from") and p.get("to") and p["from"] >= p["to"]:
            yield f"{e['id']}: {p['title']} ends before it starts"
        ministry = p.get("ministry")
        if ministry is not None and ids.get(ministry, {}).get("type") not in {"ministry", "agency"}:
            yield f"{e['id']}: portfolio ministry {ministry} is not a ministry or agency"


def test_ministers_have_dated_portfolios() -> None:
    assert [err for e in own() if e["type"] == "minister" for err in _portfolio_errors(e)] == []


def test_minister_parties_are_party_organizations() -> None:
    ids = by_id()
    bad = [(e["id"], e["attrs"].get("party")) for e in own() if e["type"] == "minister" and "party" in e["attrs"]
           and ids.get(e["attrs"]["party"], {}).get("attrs", {}).get("category") != "political_party"]
    assert bad == []


def test_minister_names_are_person_names() -> None:
    bad = [e["id"] for e in own() if e["type"] == "minister"
           and (e["acronyms"] or re.search(r"\b(M\.|Mme|ministre|honorable)\b", " ".join(_forms(e))))]
    assert bad == []


# ---------------------------------------------------------------- lookups

LOOKUPS = [
    pytest.param("MEI", None, None, ["qc-min-mei"], id="acr-MEI"),
    pytest.param("DEC", None, None, ["ca-agency-dec"], id="acr-DEC"),
    pytest.param("Développement économique Canada", None, None, ["ca-agency-dec"], id="DEC-short-name"),
    pytest.param("Agence de développement économique du Canada pour les régions du Québec", None, None,
                 ["ca-agency-dec"], id="DEC-legal-name"),
    pytest.param("PDEQ", None, None, ["ca-prog-pdeq"], id="acr-PDEQ"),
    pytest.param("OTN", None, None, ["qc-prog-otn"], id="acr-OTN"),
    pytest.param("offensive de transformation numérique", None, None, ["qc-prog-otn"], id="OTN-lowercase"),
    pytest.param("France 2030", None, None, ["fr-prog-france-2030"], id="France-2030"),
    pytest.param("DSIL", None, None, ["fr-prog-dsil"], id="acr-DSIL"),
    pytest.param("PEX", None, None, ["qc-prog-pex"], id="acr-PEX"),
    pytest.param("PIEC", None, None, ["qc-prog-piec"], id="acr-PIEC"),
    pytest.param("FRR", None, None, ["qc-prog-frr"], id="acr-FRR"),
    pytest.param("MEIE", None, None, ["qc-min-meie", "qc-min-meie-2014"], id="MEIE-undated-both"),
    pytest.param("MEIE", "2015-06-01", None, ["qc-min-meie-2014"], id="MEIE-in-2015-exportations"),
    pytest.param("MEIE", "2023-03-01", None, ["qc-min-meie"], id="MEIE-in-2023-energie"),
    pytest.param("MESI", "2017-05-01", None, ["qc-min-mesi"], id="MESI-in-2017"),
    pytest.param("MESI", "2020-05-01", None, [], id="MESI-gone-by-2020"),
    pytest.param("Ministère de l'Économie, de la Science et de l'Innovation", None, None, ["qc-min-mesi"],
                 id="MESI-capital-straight-apostrophe"),
    pytest.param("MINISTERE DE L'ECONOMIE ET DE L'INNOVATION", None, None, ["qc-min-mei"], id="MEI-unaccented"),
    pytest.param("MAMOT", None, None, ["qc-min-mamot"], id="acr-MAMOT"),
    pytest.param("MTMDET", "2017-01-01", None, ["qc-min-mtq"], id="MTMDET-is-the-MTQ"),
    pytest.param("MELCC", None, None, ["qc-min-melcc"], id="acr-MELCC"),
    pytest.param("ministère du Patrimoine canadien", None, None, ["ca-min-pch"], id="PCH-full"),
    pytest.param("Patrimoine canadien", None, None, ["ca-min-pch"], id="PCH-short"),
    pytest.param("ministère de la Culture et des Communications", None, None, ["qc-min-mcc"], id="qc-MCC"),
    pytest.param("ministère de la Culture", None, None, ["fr-min-culture"], id="fr-culture"),
    pytest.param("ministère de l’Agriculture", None, None, ["fr-min-agriculture"], id="fr-agriculture-short"),
    pytest.param("MASA", None, None, ["fr-min-agriculture"], id="fr-agriculture-MASA"),
    pytest.param("Direction régionale de l’alimentation, de l’agriculture et de la forêt", None, None,
                 ["fr-agency-draaf"], id="DRAAF-full"),
    pytest.param("DRAAF", None, None, ["fr-agency-draaf"], id="acr-DRAAF"),
    pytest.param("Secrétariat aux affaires autochtones", None, None, ["qc-agency-saa"], id="SAA"),
    pytest.param("Recyc-Québec", None, None, ["qc-agency-recyc-quebec"], id="recyc-quebec-case"),
    pytest.param("Investissement Québec", None, None, ["qc-agency-iq"], id="IQ"),
    pytest.param("Fonds vert", None, "QC", ["qc-prog-fonds-vert"], id="fonds-vert-quebec"),
    pytest.param("Fonds vert", None, "FR", ["fr-prog-fonds-vert"], id="fonds-vert-france"),
    pytest.param("FARR", None, "QC", ["qc-prog-farr"], id="FARR-quebec-rayonnement"),
    pytest.param("FARR", None, "CA", ["ca-prog-farr"], id="FARR-federal-relance"),
    pytest.param("Action coeur de ville", None, None, ["fr-prog-action-coeur-de-ville"], id="coeur-without-ligature"),
    pytest.param("plan de relance", None, "FR", ["fr-prog-france-relance"], id="fr-plan-de-relance"),
    pytest.param("Lutte contre l’homophobie et la transphobie", None, None, ["qc-prog-plcht"], id="PLCHT-short"),
    pytest.param("Programme Exportation", None, None, ["qc-prog-pex"], id="PEX-name"),
    pytest.param("Aide aux immobilisations", None, None, ["qc-prog-aide-immobilisations"], id="MCC-immobilisations"),
    pytest.param("Bpifrance", None, None, ["fr-org-bpifrance"], id="Bpifrance"),
    pytest.param("Banque de développement du Canada", None, None, ["ca-org-bdc"], id="BDC"),
    pytest.param("Fonds de solidarité FTQ", None, None, ["qc-org-fonds-ftq"], id="FTQ"),
    pytest.param("Mouvement Desjardins", None, None, ["qc-org-desjardins"], id="Desjardins"),
    pytest.param("Pierre Fitzgibbon", None, None, ["qc-minister-pierre-fitzgibbon"], id="Fitzgibbon"),
    pytest.param("Marie Ève Proulx", None, None, ["qc-minister-marie-eve-proulx"], id="Proulx-spaced"),
    pytest.param("Marie-Ève Proulx", None, None, ["qc-minister-marie-eve-proulx"], id="Proulx-accented"),
    pytest.param("MarieChantal Chassé", None, None, ["qc-minister-marie-chantal-chasse"], id="Chasse-official"),
    pytest.param("Marie-Chantal Chassé", None, None, ["qc-minister-marie-chantal-chasse"], id="Chasse-hyphen"),
    pytest.param("Jean D'Amour", None, None, ["qc-minister-jean-d-amour"], id="DAmour-straight-apostrophe"),
    pytest.param("Mélanie Joly", None, None, ["ca-minister-melanie-joly"], id="Joly"),
    pytest.param("Julien Denormandie", None, None, ["fr-minister-julien-denormandie"], id="Denormandie"),
    pytest.param("Parti québécois", None, None, ["qc-org-pq"], id="party-PQ"),
    pytest.param("Pôle emploi", "2022-01-01", None, ["fr-org-pole-emploi"], id="pole-emploi-2022"),
    pytest.param("Pôle emploi", "2024-06-01", None, [], id="pole-emploi-renamed-2024"),
    pytest.param("ÉcoPerformance", None, None, ["qc-prog-ecoperformance"], id="ecoperformance"),
    pytest.param("ministère de la Magie", None, None, [], id="neg-unknown-ministry"),
    pytest.param("Québec", None, None, [], id="neg-province-is-not-an-institution"),
    pytest.param("Programme", None, None, [], id="neg-bare-word"),
]


@pytest.mark.parametrize(("text", "day", "jurisdiction", "expected"), LOOKUPS)
def test_lookup(text: str, day: str | None, jurisdiction: str | None, expected: list[str]) -> None:
    assert lookup(text, day=day, jurisdiction=jurisdiction) == expected


CANONICAL = [
    pytest.param("MEI", "ministère de l’Économie et de l’Innovation", id="MEI"),
    pytest.param("DEC", "Développement économique Canada pour les régions du Québec", id="DEC"),
    pytest.param("PDEQ", "Programme de développement économique du Québec", id="PDEQ"),
    pytest.param("OTN", "Offensive de transformation numérique", id="OTN"),
    pytest.param("DSIL", "Dotation de soutien à l’investissement local", id="DSIL"),
    pytest.param("MFFP", "ministère des Forêts, de la Faune et des Parcs", id="MFFP"),
    pytest.param("Marie Ève Proulx", "Marie-Eve Proulx", id="Proulx"),
]


@pytest.mark.parametrize(("text", "name"), CANONICAL)
def test_canonical_name(text: str, name: str) -> None:
    assert [by_id()[i]["name"] for i in lookup(text)] == [name]


PORTFOLIO_ON = [
    pytest.param("qc-minister-pierre-fitzgibbon", "2019-03-14", "ministre de l’Économie et de l’Innovation",
                 "qc-min-mei", id="Fitzgibbon-2019"),
    pytest.param("qc-minister-pierre-fitzgibbon", "2023-01-10", "ministre de l’Économie, de l’Innovation et de l’Énergie",
                 "qc-min-meie", id="Fitzgibbon-2023"),
    pytest.param("qc-minister-maka-kotto", "2014-02-04", "ministre de la Culture et des Communications",
                 "qc-min-mcc", id="Kotto-2014"),
    pytest.param("qc-minister-nathalie-roy", "2021-01-29", "ministre de la Culture et des Communications",
                 "qc-min-mcc", id="Roy-2021"),
    pytest.param("ca-minister-navdeep-bains", "2017-03-07", "ministre de l’Innovation, des Sciences et du "
                 "Développement économique", "ca-min-isde", id="Bains-2017"),
    pytest.param("ca-minister-melanie-joly", "2017-01-10", "ministre du Patrimoine canadien", "ca-min-pch",
                 id="Joly-2017"),
    pytest.param("fr-minister-julien-denormandie", "2021-03-01", "ministre de l’Agriculture et de l’Alimentation",
                 "fr-min-agriculture", id="Denormandie-2021"),
    pytest.param("fr-minister-marc-fesneau", "2023-01-01", "ministre de l’Agriculture et de la Souveraineté "
                 "alimentaire", "fr-min-agriculture", id="Fesneau-2023"),
]


@pytest.mark.parametrize(("minister", "day", "title", "ministry"), PORTFOLIO_ON)
def test_portfolio_held_on_a_date(minister: str, day: str, title: str, ministry: str) -> None:
    held = [p for p in by_id()[minister]["attrs"]["portfolios"]
            if p["from"] and p["from"] <= day < (p["to"] or ISO_MAX) and p.get("ministry") == ministry]
    assert [p["title"] for p in held] == [title]


# ---------------------------------------------------------------- through the loader


def test_loader_serves_these_entities() -> None:
    from annonces.kb import load_kb

    kb = load_kb()
    missing = [e["id"] for e in own() if kb.get(e["id"]) is None]
    assert missing == []
    assert kb.get("qc-min-mei").name == "ministère de l’Économie et de l’Innovation"
    assert kb.get("qc-minister-pierre-fitzgibbon").attrs["portfolios"][0]["ministry"] == "qc-min-mei"


@pytest.mark.parametrize(("text", "types", "expected"), [
    pytest.param("MEI", "ministry", ["qc-min-mei"], id="MEI"),
    pytest.param("Développement économique Canada", "agency", ["ca-agency-dec"], id="DEC"),
    pytest.param("PDEQ", "program", ["ca-prog-pdeq"], id="PDEQ"),
    pytest.param("France 2030", "program", ["fr-prog-france-2030"], id="France-2030"),
    pytest.param("Marie Ève Proulx", "minister", ["qc-minister-marie-eve-proulx"], id="Proulx"),
])
def test_loader_lookup(text: str, types: str, expected: list[str]) -> None:
    from annonces.kb import load_kb

    assert sorted(e.id for e in load_kb().lookup(text, types=types)) == expected
