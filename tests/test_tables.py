"""Tables recovered from flattened text, columns read by header, records read row by row."""

from __future__ import annotations

from decimal import Decimal

import pytest

from annonces import extract
from annonces.records.tables import header_role
from annonces.segmentation import find_tables, segment

#: (text, expected rows of cell texts, header rows) for every table found; [] when none
TABLES = [
    pytest.param("Liste :\nBénéficiaire\tSubvention\nVille de Gaspé\t400 000 $\nVille de Percé\t40 000 $\n",
                 [[["Bénéficiaire", "Subvention"], ["Ville de Gaspé", "400 000 $"], ["Ville de Percé", "40 000 $"]]],
                 [[True, False, False]], id="tabs-header"),
    pytest.param("Municipalité | Montant |\nDégelis | 169 065 $ |\nPohénégamook | 18 000 $ |\n",
                 [[["Municipalité", "Montant"], ["Dégelis", "169 065 $"], ["Pohénégamook", "18 000 $"]]],
                 [[True, False, False]], id="pipes-trailing"),
    pytest.param("| Commune | Projet | Aide |\n|---|---|---|\n| Brest | Halle | 1,2 M€ |\n| Morlaix | Quai | 300 000 € |\n",
                 [[["Commune", "Projet", "Aide"], ["Brest", "Halle", "1,2 M€"], ["Morlaix", "Quai", "300 000 €"]]],
                 [[True, False, False]], id="markdown"),
    pytest.param("Refuge pour personnes sans abri ; Maison du Phare ; 30 000 $.\n\n"
                 "Cuisine collective ; Le Grenier de Lévis ; 12 500 $.\n\n"
                 "Transport adapté ; Accès Mobilité Lévis ; 48 000 $.\n",
                 [[["Refuge pour personnes sans abri", "Maison du Phare", "30 000 $."],
                   ["Cuisine collective", "Le Grenier de Lévis", "12 500 $."],
                   ["Transport adapté", "Accès Mobilité Lévis", "48 000 $."]]],
                 [[False, False, False]], id="semicolons-no-header"),
    pytest.param("Organisme              Montant\nCentre d'action bénévole   25 000 $\nMaison de la famille   8 000 $\n"
                 "Club de l'âge d'or       3 500 $\n", [], [], id="spaces-not-aligned"),
    pytest.param("Organisme                   Montant\nCentre d'action bénévole    25 000 $\nMaison de la famille        8 000 $\n"
                 "Club de l'âge d'or          3 500 $\n",
                 [[["Organisme", "Montant"], ["Centre d'action bénévole", "25 000 $"], ["Maison de la famille", "8 000 $"],
                   ["Club de l'âge d'or", "3 500 $"]]], [[True, False, False, False]], id="spaces-aligned"),
    pytest.param("Lieu |\nNom du projet |\nFinancement |\n---|---|---|\nGranby |\nPiste cyclable |\n406 672 $ |\n"
                 "Magog |\nHalte vélo |\n50 000 $ |\n",
                 [[["Lieu", "Nom du projet", "Financement"], ["Granby", "Piste cyclable", "406 672 $"],
                   ["Magog", "Halte vélo", "50 000 $"]]], [[True, False, False]], id="one-cell-per-line"),
    pytest.param("Le bridge, 120 € ; Vocalia, 650 € ; La boule lyonnaise, 300 € ; BMX, 400 €.", [], [], id="prose-semicolons"),
    pytest.param("Les entreprises soutenues sont :\n•\tFromagerie du Lac inc. (Alma) : 212 400 $ pour sa ligne;\n"
                 "•\tBoulangerie Saint-Cœur (Roberval) : 98 000 $ pour un four.\n", [], [], id="bullet-and-tab-open-a-list-item"),
    pytest.param("Ville\tMontant\n–\tGaspé\t400 000 $\n–\tPercé\t40 000 $\n",
                 [[["Ville", "Montant"], ["Gaspé", "400 000 $"], ["Percé", "40 000 $"]]], [[True, False, False]],
                 id="dash-cells-are-list-marks"),
    pytest.param("Une aide | un projet.\nRien d'autre ici.", [], [], id="one-pipe-line"),
]


@pytest.mark.parametrize(("text", "rows", "headers"), TABLES)
def test_find_tables(text: str, rows: list, headers: list) -> None:
    tables = find_tables(text)
    assert [[[c.text for c in r.cells] for r in t.rows] for t in tables] == rows
    assert [[r.header for r in t.rows] for t in tables] == headers
    for t in tables:
        for r in t.rows:
            for c in r.cells:
                assert text[c.start:c.end] == c.text


ROLES = [
    pytest.param("Coût total du projet", True, ("total_cost", None), id="total"),
    pytest.param("Montant demandé", True, ("requested", None), id="requested"),
    pytest.param("Dépenses admissibles", True, ("eligible", None), id="eligible"),
    pytest.param("Coût admissible", True, ("eligible", None), id="eligible-cost"),
    pytest.param("Aide demandée", True, ("requested", None), id="requested-aid"),
    pytest.param("Aide accordée", True, ("granted", None), id="granted"),
    pytest.param("FEDER", True, ("granted", "FEDER"), id="feder"),
    pytest.param("Région", True, ("granted", "Région"), id="region-amount"),
    pytest.param("Région", False, ("region", None), id="region-text"),
    pytest.param("Financement municipal", True, ("other", "self"), id="own-share"),
    pytest.param("Nom de l'organisme", False, ("recipient", None), id="recipient"),
    pytest.param("Nom du projet", False, ("project", None), id="project"),
    pytest.param("Programme", False, ("program", None), id="program"),
    pytest.param("Observations", False, None, id="unknown"),
]


@pytest.mark.parametrize(("header", "amounts", "role"), ROLES)
def test_header_role(header: str, amounts: bool, role: tuple | None) -> None:
    assert header_role(header, amounts=amounts) == role


RECORDS = [
    pytest.param(
        "RENNES, le 3 mars 2023 - La Région Bretagne annonce les projets soutenus.\n"
        "Bénéficiaire\tProjet\tCoût total\tMontant demandé\tFEDER\tRégion\n"
        "Commune de Brest\tHalle des sports\t900 000 €\t400 000 €\t300 000 €\t100 000 €\n"
        "Commune de Morlaix\tPort de plaisance\t500 000 €\t250 000 €\t200 000 €\t50 000 €\n",
        {("Commune de Brest", Decimal(300000), Decimal(900000), "FEDER"),
         ("Commune de Brest", Decimal(100000), Decimal(900000), "Région"),
         ("Commune de Morlaix", Decimal(200000), Decimal(500000), "FEDER"),
         ("Commune de Morlaix", Decimal(50000), Decimal(500000), "Région")}, id="feder-region-requested"),
    pytest.param(
        "QUÉBEC, le 6 juillet 2021 - Le député annonce les sommes du volet redressement.\n"
        "Municipalités | Montants |\nSainte-Rita | 348 805 $ |\nTrois-Pistoles | 495 645 $ |\n",
        {("Sainte-Rita", Decimal(348805), None, None), ("Trois-Pistoles", Decimal(495645), None, None)},
        id="pipes-municipalities"),
    pytest.param(
        "OTTAWA, le 2 juin 2022 - Le gouvernement du Canada investit dans le transport actif.\n"
        "Lieu\tProjet\tFinancement fédéral\tFinancement municipal\n"
        "Granby\tPiste cyclable\t406 672 $\t271 116 $\nMagog\tHalte vélo\t50 000 $\t5 000 $\n",
        {("Granby", Decimal(406672), None, "gouvernement du Canada"),
         ("Magog", Decimal(50000), None, "gouvernement du Canada")}, id="own-share-not-a-record"),
    pytest.param(
        "Le ministre annonce trois projets.\nCentre des arts de Joliette\t1 200 000 $\t450 000 $\n"
        "Musée de Lanaudière\t800 000 $\t300 000 $\n",
        {("Centre des arts de Joliette", Decimal(450000), Decimal(1200000), None),
         ("Musée de Lanaudière", Decimal(300000), Decimal(800000), None)}, id="no-header-total-then-grant"),
]


@pytest.mark.parametrize(("text", "expected"), RECORDS)
def test_table_records(text: str, expected: set) -> None:
    x = extract(text, fast=True)
    got = {(r.recipient, r.amount, r.total_cost, r.funder) for r in x.records}
    assert got == expected
    assert all(r.evidence.rule == "table" and r.evidence.row is not None for r in x.records)


def test_table_rows_are_segments() -> None:
    text = "Voici la liste.\nOrganisme\tAide\nMaison du Phare\t30 000 $\nLe Grenier\t12 500 $\n"
    labels = [(s.label, text[s.start:s.end]) for s in segment(text)]
    assert ("table_header", "Organisme\tAide") in labels
    assert ("table_row", "Le Grenier\t12 500 $") in labels
