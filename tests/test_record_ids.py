"""Ids that make totals true: funder_id and program_id from the KB, one funder per agency
inside a release (apostrophe shapes, acronyms), a ministry's name and id as of the
announcement date (renames followed)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

import annonces
from annonces.kb import load_kb
from annonces.kb.renames import named_on

MEI = ("ministère de l’Économie et de l’Innovation", "qc-min-mei")
MESI = ("ministère de l’Économie, de la Science et de l’Innovation", "qc-min-mesi")
MEIE = ("ministère de l’Économie, de l’Innovation et de l’Énergie", "qc-min-meie")
DEC = ("Développement économique Canada pour les régions du Québec", "ca-agency-dec")

# (text, [(recipient, funder name, funder id, program id)])
CASES = {
    "old-name-after-rename": (
        "QUÉBEC, le 12 mars 2019 - Le ministère de l'Économie, de la Science et de l'Innovation accorde un "
        "prêt de 2 M$ à l'entreprise Métal Marquis pour moderniser son usine de Beauce.",
        [("Métal Marquis", *MEI, None)]),
    "old-name-before-rename": (
        "QUÉBEC, le 14 février 2017 - Le ministère de l’Économie, de la Science et de l’Innovation accorde un "
        "prêt de 1,5 M$ à Usinage Beauce inc. dans le cadre du programme ESSOR.",
        [("Usinage Beauce inc.", *MESI, "qc-prog-essor")]),
    "renamed-in-october-2022": (
        "QUÉBEC, le 2 novembre 2022 - Le ministère de l'Économie et de l'Innovation accorde une aide de "
        "300 000 $ à Groupe iCible. Cette aide s'ajoute au prêt de 200 000 $ consenti à Fromagerie "
        "Nouvelle-France par le ministère de l’Économie et de l’Innovation.",
        [("Groupe iCible", *MEIE, None), ("Fromagerie Nouvelle-France", *MEIE, None)]),
    "straight-and-curly-apostrophes": (
        "QUÉBEC, le 4 mai 2021 - Le ministère de l'Économie et de l'Innovation accorde une aide de 500 000 $ "
        "à Groupe iCible. Le ministère de l’Économie et de l’Innovation accorde aussi une aide de 250 000 $ "
        "à Fromagerie Nouvelle-France.",
        [("Groupe iCible", *MEI, None), ("Fromagerie Nouvelle-France", *MEI, None)]),
    "agency-and-its-acronym": (
        "OTTAWA, le 8 juin 2023 - Développement économique Canada pour les régions du Québec (DEC) accorde "
        "une contribution de 300 000 $ à Biolab Sherbrooke. DEC accorde aussi 150 000 $ à Usinage Estrie inc.",
        [("Biolab Sherbrooke", *DEC, None), ("Usinage Estrie inc.", *DEC, None)]),
    "program-funder-dated": (
        "QUÉBEC, le 3 juin 2021 - Le gouvernement du Québec accorde une aide de 400 000 $ à Fromagerie du "
        "Littoral dans le cadre du programme ESSOR.",
        [("Fromagerie du Littoral", *MEI, "qc-prog-essor")]),
}


@pytest.mark.parametrize("text,expected", list(CASES.values()), ids=list(CASES))
def test_funder_and_program_ids(text: str, expected: list[tuple]) -> None:
    got = [(r.recipient, r.funder, r.funder_id, r.program_id) for r in annonces.extract(text, fast=True).records]
    assert got == expected


def test_a_program_outside_the_kb_gets_a_stable_id() -> None:
    text = ("SHERBROOKE, le 3 avril 2023 - La Ville de Sherbrooke accorde 15 000 $ au Comptoir alimentaire de "
            "Fleurimont dans le cadre du Fonds de soutien aux initiatives de quartier.")
    [r] = annonces.extract(text, fast=True).records
    assert r.program == "Fonds de soutien aux initiatives de quartier"
    assert r.program_id is not None and r.program_id.startswith("prog:")
    assert json.loads(json.dumps(annonces.extract(text, fast=True).to_dict()))["records"][0]["program_id"] == r.program_id


@pytest.mark.parametrize("start,day,expected", [
    ("qc-min-mdeie", "2021-01-01", "qc-min-mfeq"),  # MDEIE -> MFEQ, split in two in 2014: no single heir
    ("qc-min-mesi", "2018-10-19", "qc-min-mei"),
    ("qc-min-mesi", "2023-01-01", "qc-min-meie"),  # two renames
    ("qc-min-mei", "2017-03-01", "qc-min-mesi"),  # back in time: the predecessor
    ("qc-min-meie", "2019-01-01", "qc-min-meie"),  # made of two ministries: no single predecessor
    ("qc-min-mei", "2022-10", "qc-min-mei"),  # a month: its first day
])
def test_named_on(start: str, day: str, expected: str) -> None:
    kb = load_kb()
    assert named_on(kb, kb.get(start), day).id == expected


def test_one_funder_name_per_id_in_each_release(corpus_jsonl: Path) -> None:
    """``groupby("funder")`` over one release does not split an agency in two."""
    for raw in corpus_jsonl.read_text(encoding="utf-8").splitlines():
        line = json.loads(raw)
        names, ids = defaultdict(set), defaultdict(set)
        for r in line["records"]:
            if r["funder"]:
                names[r["funder_id"]].add(r["funder"])
                ids[r["funder"]].add(r["funder_id"])
        assert all(len(v) == 1 for v in names.values()), (line["doc_id"], names)
        assert all(len(v) == 1 for v in ids.values()), (line["doc_id"], ids)
