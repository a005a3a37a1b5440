"""The knowledge-base loader and the geography data (regions, départements, municipalities).

Files checked: ``kb/data/regions.jsonl``, ``kb/data/municipalities.csv`` and, for id
uniqueness, every shipped ``*.jsonl``.  Loader: ``load_kb``, ``KnowledgeBase.lookup``,
``region_of_municipality``, ``merge``, ``resolve_region``.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from importlib import resources

import pytest

from annonces.kb import Entity, KBFormatError, KnowledgeBase, entity_from_dict, load_kb, resolve_region
from annonces.kb.files import parse_jsonl, parse_municipalities, read_path
from annonces.types import Region

DATA = resources.files("annonces").joinpath("kb", "data")

QC_REGIONS = {
    "01": "Bas-Saint-Laurent", "02": "Saguenay–Lac-Saint-Jean", "03": "Capitale-Nationale",
    "04": "Mauricie", "05": "Estrie", "06": "Montréal", "07": "Outaouais",
    "08": "Abitibi-Témiscamingue", "09": "Côte-Nord", "10": "Nord-du-Québec",
    "11": "Gaspésie–Îles-de-la-Madeleine", "12": "Chaudière-Appalaches", "13": "Laval",
    "14": "Lanaudière", "15": "Laurentides", "16": "Montérégie", "17": "Centre-du-Québec",
}
FR_REGIONS = {
    "01": "Guadeloupe", "02": "Martinique", "03": "Guyane", "04": "La Réunion", "06": "Mayotte",
    "11": "Île-de-France", "24": "Centre-Val de Loire", "27": "Bourgogne-Franche-Comté",
    "28": "Normandie", "32": "Hauts-de-France", "44": "Grand Est", "52": "Pays de la Loire",
    "53": "Bretagne", "75": "Nouvelle-Aquitaine", "76": "Occitanie", "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur", "94": "Corse",
}
FR_DEPARTEMENT_CODES = (
    {f"{i:02d}" for i in range(1, 20)} | {"2A", "2B"} | {f"{i:02d}" for i in range(21, 96)}
    | {"971", "972", "973", "974", "976"}
)


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in DATA.joinpath(name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _municipality_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(DATA.joinpath("municipalities.csv").read_text(encoding="utf-8"))))


# ---------------------------------------------------------------- data files


def test_every_shipped_id_is_unique():
    ids = [obj["id"] for f in DATA.iterdir() if f.name.endswith(".jsonl") for obj in _jsonl(f.name)]
    ids += [e.id for e in parse_municipalities(DATA.joinpath("municipalities.csv").read_text(encoding="utf-8"))]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert dupes == []


def test_every_regions_line_is_a_valid_entity():
    for n, obj in enumerate(_jsonl("regions.jsonl"), 1):
        entity_from_dict(obj, where=f"regions.jsonl:{n}")


def test_quebec_regions_have_official_names_and_codes():
    found = {e["code"]: e["name"] for e in _jsonl("regions.jsonl") if e["id"].startswith("qc-region-")}
    assert found == QC_REGIONS


def test_france_current_regions_and_departements():
    entities = _jsonl("regions.jsonl")
    current = {e["code"]: e["name"] for e in entities if e["id"].startswith("fr-region-") and not e["valid_to"]}
    assert current == FR_REGIONS
    deps = [e for e in entities if e["type"] == "departement"]
    assert {e["code"] for e in deps} == FR_DEPARTEMENT_CODES and len(deps) == 101
    ids = {e["id"] for e in entities}
    assert all(e["parent"] in ids and e["parent"].startswith("fr-region-") for e in deps)


def test_merged_french_regions_keep_the_current_code():
    entities = {e["id"]: e for e in _jsonl("regions.jsonl")}
    old = [e for e in entities.values() if e["valid_to"]]
    assert {"Bourgogne", "Franche-Comté", "Alsace", "Midi-Pyrénées"} <= {e["name"] for e in old}
    for e in old:
        assert entities[e["parent"]]["code"] == e["code"] and e["attrs"]["successor"] == e["parent"]


def test_needs_cue_lists_name_actual_forms():
    for e in _jsonl("regions.jsonl"):
        forms = {e["name"], *e["aliases"]}
        assert set(e["attrs"].get("needs_cue", [])) <= forms, e["id"]


def test_municipalities_csv_shape():
    rows = _municipality_rows()
    assert list(rows[0]) == ["name", "type", "region_code", "mrc"]
    assert len([r for r in rows if r["type"] == "municipality"]) >= 300
    assert {r["type"] for r in rows} == {"municipality", "mrc", "agglomeration", "arrondissement"}
    assert {r["region_code"] for r in rows} == set(QC_REGIONS)
    assert [k for k, n in Counter((r["name"], r["type"]) for r in rows).items() if n > 1] == []
    assert rows[0]["name"] == "Montréal" and rows[1]["name"] == "Québec"  # largest first


def test_municipalities_sit_in_the_region_of_their_mrc():
    rows = _municipality_rows()
    region_of_mrc = {r["name"]: r["region_code"] for r in rows if r["type"] in ("mrc", "agglomeration")}
    equivalent = {r["name"]: r["region_code"] for r in rows if r["type"] == "municipality" and r["mrc"] == r["name"]}
    nordic = {"Jamésie": "10", "Kativik": "10"}
    for r in rows:
        if r["type"] in ("municipality", "arrondissement"):
            territory = r["mrc"]
            expected = region_of_mrc.get(territory) or equivalent.get(territory) or nordic.get(territory)
            assert expected == r["region_code"], r


# ---------------------------------------------------------------- loader


def test_load_kb_is_cached_and_holds_every_kind():
    kb = load_kb()
    assert load_kb() is kb
    assert len(kb.by_type("region")) >= 17 + 18 and len(kb.by_type("departement")) == 101
    assert len(kb.by_type("mrc")) >= 80 and len(kb.by_type("municipality")) >= 300


@pytest.mark.parametrize(
    "written, types, expected",
    [
        pytest.param("Gaspésie-Îles-de-la-Madeleine", "region", ["qc-region-11"], id="hyphen-for-en-dash"),
        pytest.param("GASPESIE \u2012 ILES DE LA MADELEINE", "region", ["qc-region-11"], id="caps-figure-dash-no-accents"),
        pytest.param("Saguenay\u2011Lac\u2011St\u2011Jean", "region", ["qc-region-02"], id="nb-hyphen-and-st"),
        pytest.param("Cotes-d’Armor", None, ["fr-dep-22"], id="curly-apostrophe"),
        pytest.param("Guadeloupe", ("region", "departement"), ["fr-region-01", "fr-dep-971"], id="region-and-departement"),
        pytest.param("St-Jean-sur-Richelieu", "municipality", ["qc-mun-saint-jean-sur-richelieu"], id="st-abbreviation"),
        pytest.param("Sacré-Coeur", "municipality", ["qc-mun-sacre-coeur"], id="oe-ligature-spelled-out"),
        pytest.param("Charlevoix", "region", [], id="mrc-is-not-a-region"),
        pytest.param("Québec", "region", [], id="quebec-never-a-region"),
    ],
)
def test_lookup(written, types, expected):
    assert [e.id for e in load_kb().lookup(written, types)] == expected


@pytest.mark.parametrize(
    "written, code",
    [
        pytest.param("Ville de Gaspé", "11", id="ville-de"),
        pytest.param("Municipalité de Deschaillons-sur-Saint-Laurent", "17", id="municipalite-de"),
        pytest.param("la Ville de Rivière-du-Loup", "01", id="la-ville-de"),
        pytest.param("MRC de La Vallée-de-l'Or", "08", id="mrc-de-la-capital-article"),
        pytest.param("MRC des Sources", "05", id="mrc-des-contracted-article"),
        pytest.param("MRC du Granit", "05", id="mrc-du-contracted-article"),
        pytest.param("arrondissement d’Ahuntsic-Cartierville", "06", id="arrondissement-d"),
        pytest.param("Arrondissement de Ville-Marie", "06", id="borough-not-town"),
        pytest.param("Ville de Ville-Marie", "08", id="town-not-borough"),
        pytest.param("Val-d’Or", "08", id="bare-name-curly-apostrophe"),
        pytest.param("Saint-Jérôme", "15", id="bare-name"),
        pytest.param("Jonquière", "02", id="saguenay-borough"),
        pytest.param("Granby", "05", id="haute-yamaska-in-estrie"),
        pytest.param("Ville-Marie", None, id="ambiguous-name"),
        pytest.param("Ville de Springfield", None, id="unknown"),
        pytest.param("Montérégie", None, id="a-region-is-not-a-municipality"),
    ],
)
def test_region_of_municipality(written, code):
    region = load_kb().region_of_municipality(written)
    assert (region.code if region else None) == code
    if region:
        assert region.country == "CA" and region.level == "region" and region.id == f"qc-region-{code}"


@pytest.mark.parametrize(
    "written, expected",
    [
        pytest.param("Montérégie", ("Montérégie", "16", "CA", "region"), id="plain"),
        pytest.param("la région de la Montérégie", ("Montérégie", "16", "CA", "region"), id="la-region-de-la"),
        pytest.param("région administrative du Bas-Saint-Laurent", ("Bas-Saint-Laurent", "01", "CA", "region"), id="administrative"),
        pytest.param("de l’Outaouais", ("Outaouais", "07", "CA", "region"), id="de-l-curly"),
        pytest.param("Gaspesie–Iles-de-la-Madeleine", ("Gaspésie–Îles-de-la-Madeleine", "11", "CA", "region"), id="no-accents"),
        pytest.param("Gaspésie‒Îles-de-la-Madeleine", ("Gaspésie–Îles-de-la-Madeleine", "11", "CA", "region"), id="figure-dash"),
        pytest.param("Saguenay-Lac-Saint-Jean", ("Saguenay–Lac-Saint-Jean", "02", "CA", "region"), id="hyphen"),
        pytest.param("CENTRE-DU-QUÉBEC", ("Centre-du-Québec", "17", "CA", "region"), id="capitals"),
        pytest.param("la région de Montréal", ("Montréal", "06", "CA", "region"), id="montreal"),
        pytest.param("dans le Finistère", ("Finistère", "29", "FR", "departement"), id="dans-le"),
        pytest.param("Finistère (29)", ("Finistère", "29", "FR", "departement"), id="with-code"),
        pytest.param("les Pays de la Loire", ("Pays de la Loire", "52", "FR", "region"), id="les-pays"),
        pytest.param("en Bourgogne", ("Bourgogne", "27", "FR", "region"), id="old-region-current-code"),
        pytest.param("Corse-du-Sud", ("Corse-du-Sud", "2A", "FR", "departement"), id="corsica-2a"),
        pytest.param("La Réunion", ("La Réunion", "04", "FR", "region"), id="overseas-region-first"),
        pytest.param("Charlevoix", None, id="charlevoix"),
        pytest.param("Côte-du-Sud", None, id="cote-du-sud"),
        pytest.param("Manicouagan", None, id="manicouagan"),
        pytest.param("Québec", None, id="quebec"),
        pytest.param("la région de Québec", None, id="region-de-quebec"),
        pytest.param("Montérégie-Est", None, id="sub-region"),
        pytest.param("", None, id="empty"),
    ],
)
def test_resolve_region(written, expected):
    region = resolve_region(written)
    assert (None if region is None else (region.name, region.code, region.country, region.level)) == expected


def test_resolve_region_is_exported_and_returns_region():
    import annonces

    region = annonces.resolve_region("Gaspésie")
    assert isinstance(region, Region) and region.name == "Gaspésie–Îles-de-la-Madeleine" and region.code == "11"


# ---------------------------------------------------------------- user KB


def test_extra_file_adds_and_replaces(tmp_path):
    user = tmp_path / "mine.jsonl"
    user.write_text(
        '{"id": "qc-region-04", "type": "region", "name": "Mauricie", "aliases": ["Cœur-du-Québec"], "code": "04", "country": "CA"}\n'
        '// a comment line\n'
        '{"id": "org-fondation-x", "type": "organization", "name": "Fondation Pointe-Bleue", "acronyms": ["FPB"]}\n',
        encoding="utf-8",
    )
    kb = load_kb(user)
    assert kb is load_kb(str(user)) and kb is not load_kb()
    assert [e.id for e in kb.lookup("Coeur du Quebec")] == ["qc-region-04"]
    assert [e.id for e in kb.lookup("FPB")] == ["org-fondation-x"]
    assert load_kb().lookup("FPB") == [] and len(kb) == len(load_kb()) + 1
    assert resolve_region("Cœur-du-Québec", kb=kb).code == "04"


def test_extra_folder_with_municipalities(tmp_path):
    (tmp_path / "villes.csv").write_text("name,type,region_code,mrc\nLac-Fictif,municipality,9,Minganie\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    kb = load_kb(tmp_path)
    assert kb.region_of_municipality("Ville de Lac-Fictif").name == "Côte-Nord"


@pytest.mark.parametrize(
    "line, message",
    [
        pytest.param('{"id": "x", "type": "planet", "name": "Mars"}', "unknown type 'planet'", id="type"),
        pytest.param('{"id": "x", "type": "program", "nom": "Fonds"}', "unknown keys ['nom']", id="unknown-key"),
        pytest.param('{"id": "", "type": "program", "name": "Fonds"}', "'id' is required", id="empty-id"),
        pytest.param('{"id": "x", "type": "program", "name": "F", "aliases": "G"}', None, id="alias-string-accepted"),
        pytest.param('{"id": "x", "type": "program", "name": "F", "aliases": [1]}', "'aliases' must be a list", id="alias-int"),
        pytest.param('{"id": "x", "type": "program", "name": "F", "valid_to": "2020-13-01"}', "'valid_to' must be an ISO date", id="bad-date"),
        pytest.param('{"id": "x", "type": "program", "name": "F", "attrs": []}', "'attrs' must be an object", id="attrs-list"),
        pytest.param('{"id": "x", "type": "program", "name": "F",}', "invalid JSON", id="json"),
    ],
)
def test_jsonl_errors_name_the_line(line, message):
    text = "\n" + line + "\n"
    if message is None:
        assert parse_jsonl(text)[0].aliases == ("G",)
        return
    with pytest.raises(KBFormatError, match="user.jsonl:2") as err:
        parse_jsonl(text, source="user.jsonl")
    assert message in str(err.value)


@pytest.mark.parametrize(
    "row, message",
    [
        pytest.param("Lac-Fictif,village,09,", "type must be one of", id="type"),
        pytest.param("Lac-Fictif,municipality,18,", "region_code must be 01..17", id="code"),
        pytest.param(",municipality,09,", "'name' is required", id="name"),
    ],
)
def test_municipality_errors(row, message):
    with pytest.raises(KBFormatError, match=message):
        parse_municipalities("name,type,region_code,mrc\n" + row + "\n")


def test_missing_extra_path(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_path(tmp_path / "absent.jsonl")


def test_merge_returns_a_new_kb_and_later_ids_win():
    a = KnowledgeBase([Entity("p1", "program", "Fonds A"), Entity("p2", "program", "Fonds B")])
    b = a.merge(KnowledgeBase([Entity("p1", "program", "Fonds A renouvelé")]))
    assert [e.name for e in b] == ["Fonds B", "Fonds A renouvelé"]
    assert a.get("p1").name == "Fonds A" and b.lookup("Fonds A") == []


def test_entity_round_trip_and_dates():
    e = load_kb().get("fr-region-old-bourgogne")
    assert entity_from_dict(e.to_dict()) == e
    assert e.active_on("2015-06-01") and not e.active_on("2016-01-01")
    assert load_kb().region_of(e).code == "27"


def test_pipeline_uses_the_user_kb(tmp_path):
    """``annonces.extract(..., kb=PATH)`` (and ``annonces.load(kb=PATH)``) merge the user file."""
    import annonces

    user = tmp_path / "alias.jsonl"
    line = load_kb().get("qc-region-04").to_dict()
    line["aliases"] = ["Cœur-du-Québec"]
    user.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    text = "Une aide de 40 000 $ pour une entreprise du Cœur-du-Québec."
    assert [m.canonical for m in annonces.extract(text, fast=True, kb=user).entities["regions"]] == ["Mauricie"]
    assert annonces.extract(text, fast=True).entities["regions"] == ()
