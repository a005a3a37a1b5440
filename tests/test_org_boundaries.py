"""Where an organization name starts and ends: the words around a name that belong to it
(``au Grand Théâtre``, ``; Les Vétérans``) and those that do not (``microbrasserie À la fût``,
``Les contributions fédérale (4 M$)``, ``… à la Martinerie``)."""

from __future__ import annotations

import pytest

from annonces.extractors.amounts import find_amounts
from annonces.extractors.organizations import find_organizations
from annonces.extractors.organizations.candidates import candidates_model
from annonces.normalize.text import unify


@pytest.mark.parametrize("text, expected", [
    pytest.param("Les travaux au Grand Théâtre de Québec et au Petit Musée de Sarnia commencent.",
                 {"Grand Théâtre de Québec", "Petit Musée de Sarnia"}, id="capital-adjective-before-a-head"),
    pytest.param("La Nouvelle Maison des jeunes de Lévis recevra 5 000 $.", {"Nouvelle Maison des jeunes de Lévis"},
                 id="nouvelle-opens-the-name"),
    pytest.param("Le club de bridge, 120 € ; Les Randonneurs du Lot, 300 € ; Vocalia, 650 €.", {"club de bridge", "Les Randonneurs du Lot", "Vocalia"},
                 id="capital-les-kept-in-a-tally"),
    pytest.param("Un prêt de 250 000 $ est consenti à la microbrasserie À la Chope de Shawinigan.", {"À la Chope de Shawinigan"},
                 id="descriptor-before-a-capital-article-dropped"),
    pytest.param("Un prêt de 90 000 $ à la brasserie Les Trois Mousquetaires de Brossard.", {"Les Trois Mousquetaires de Brossard"},
                 id="brasserie-descriptor-dropped"),
    pytest.param("Le conseil verse 150 € au collège Le Grand Bois pour ses sorties.", {"collège Le Grand Bois"},
                 id="neg-a-school-keeps-its-noun"),
    pytest.param("La rue Lajeunesse sera réaménagée par la Société de développement Lajeunesse.",
                 {"Société de développement Lajeunesse"}, id="neg-la-inside-a-word-is-no-article"),
    pytest.param("Les contributions fédérale (3 millions $) et provinciale (1 million $) ont été confirmées.", set(),
                 id="aid-nouns-are-no-body"),
    pytest.param("Le Restaurant populaire de Drummond recevra 12 000 $.", {"Restaurant populaire de Drummond"},
                 id="restaurant-is-a-head"),
    pytest.param("Le conseil de bande de Unamen Shipu recevra 210 000 $ pour son aréna.", {"conseil de bande de Unamen Shipu"},
                 id="conseil-de-bande-kept-lowercase"),
    pytest.param("Les élèves de la commission scolaire de la Capitale profiteront du nouveau gymnase.",
                 {"commission scolaire de la Capitale"}, id="commission-scolaire-kept-lowercase"),
])
def test_name_boundaries(text: str, expected: set[str]) -> None:
    assert {o.canonical for o in find_organizations(text, amounts=find_amounts(text))} == expected


@pytest.mark.parametrize("text, span, expected", [
    pytest.param("La Région finance le Centre régional de Tir à l'arc à la Brenne depuis 2019.",
                 "Centre régional de Tir à l'arc à la Brenne", "Centre régional de Tir à l'arc", id="model-span-cut-before-a-place"),
    pytest.param("Le Club de canot au Rocher Percé recevra 2 000 $.", "Club de canot au Rocher", "Club de canot",
                 id="model-span-cut-before-au-place"),
])
def test_model_span_ends_before_a_place(text: str, span: str, expected: str) -> None:
    s = text.index(span)
    assert [unify(text)[a:b] for a, b, _ in candidates_model(unify(text), [(s, s + len(span), "ORG")])] == [expected]


def test_model_span_starts_with_the_kb_name_run_on() -> None:
    from annonces.kb import load_kb

    text = "- PME MTL Grand Sud-Ouest, qui dessert les entrepreneurs de trois arrondissements. (420 000 $)"
    s = text.index("MTL")
    got = find_organizations(text, load_kb(), model=[(s, text.index(","), "ORG")])
    assert [o.canonical for o in got] == ["PME MTL Grand Sud-Ouest"]


def test_a_program_acronym_is_no_body() -> None:
    from annonces.extractors.programs import find_programs

    text = ("Le Programme d'aide à l'entretien des routes rurales (PAERR) versera 85 000 $ à la Municipalité de "
            "Saint-Anaclet. Le PAERR soutient aussi la MRC de Rimouski-Neigette.")
    programs = find_programs(text)
    assert {p.acronym for p in programs} == {"PAERR"}
    s = text.index("PAERR")
    got = find_organizations(text, model=[(s, s + 5, "ORG")], taken=programs)  # the model reads "(PAERR)" as a body
    assert {o.canonical for o in got} == {"Municipalité de Saint-Anaclet", "MRC de Rimouski-Neigette"}


def test_a_province_is_a_place() -> None:
    text = "Le Nouveau-Brunswick et la Société culturelle de la Baie, à Antigonish, NS, reçoivent 5 000 $."
    s = text.index("NS")
    got = find_organizations(text, model=[(0, text.index(" et"), "ORG"), (s, s + 2, "ORG")])
    assert {o.canonical for o in got} == {"Société culturelle de la Baie"}


def test_a_body_named_aide_stays() -> None:
    text = "Aide chez soi recevra 8 000 $ pour ses visites à domicile."
    assert {o.canonical for o in find_organizations(text, model=[(0, 13, "ORG")])} == {"Aide chez soi"}


def test_a_heading_on_loans_is_no_body() -> None:
    text = "Tableau des aides\nPrêts accordés aux entreprises du secteur minier\nMine Canadian Malartic : 2 M$"
    s, e = text.index("Prêts"), text.index("\nMine")
    assert {o.canonical for o in find_organizations(text, model=[(s, e, "ORG")], amounts=find_amounts(text))} == {"Mine Canadian Malartic"}


def test_names_listed_one_per_line() -> None:
    text = ("Les organismes soutenus par le fonds local sont les suivants :\n\nCarrefour jeunesse de Rosemont\n\n"
            "Bouffe-Action Rosemont\n\nCentre des femmes de Rosemont\n\nLe Pignon bleu\n\nMaison des jeunes La Piaule\n\n"
            "Ils seront accompagnés par la Ville.")
    assert {o.canonical for o in find_organizations(text)} == {
        "Carrefour jeunesse de Rosemont", "Bouffe-Action Rosemont", "Centre des femmes de Rosemont", "Le Pignon bleu",
        "Maison des jeunes La Piaule"}


def test_lines_of_prose_are_no_list() -> None:
    text = "Le projet comprend :\n\nAménagement des sentiers\n\nAchat de mobilier urbain\n\nCentre des loisirs\n\nSignalisation du parc\n"
    assert {o.canonical for o in find_organizations(text)} == {"Centre des loisirs"}


@pytest.mark.parametrize("text, expected", [
    pytest.param("Bénéficiaire Opération Coût HT Subvention\nCommune de Vitré Réhabilitation de l'ancienne 1 400 000 € 420 000 €\n"
                 "halle aux grains\nQuimper Communauté Création d'un pôle 1 050 000 € 310 000 €\nd'échanges multimodal\n",
                 {"Commune de Vitré"}, id="flattened-row-name-ends-before-its-works"),
    pytest.param("La Commission de la construction du Québec et Construction Gagnon inc. signent une entente.",
                 {"Commission de la construction du Québec", "Construction Gagnon inc."}, id="neg-a-works-noun-opening-a-name"),
])
def test_name_ends_before_a_project_title(text: str, expected: set[str]) -> None:
    assert {o.canonical for o in find_organizations(text, amounts=find_amounts(text))} == expected


@pytest.mark.parametrize("text, span, expected", [
    pytest.param("Projets retenus :\n– Festival Rimouski en fête : nouvelle scène – 8 000 $\n", "Festival Rimouski",
                 {"Festival Rimouski en fête"}, id="list-line-name-runs-to-its-colon"),
    pytest.param("Répartition :\nLanton Voirie : 124 000 €\nBiganos Voirie : 50 000 €\nAudenge Bâtiments : 30 000 €\n", "Lanton",
                 {"Lanton", "Biganos", "Audenge"}, id="neg-town-then-budget-heading"),
])
def test_list_line_names(text: str, span: str, expected: set[str]) -> None:
    from annonces.kb import load_kb

    s = text.index(span)  # the span model cut the name short
    got = find_organizations(text, load_kb(), model=[(s, s + len(span), "ORG")], amounts=find_amounts(text))
    assert {o.canonical for o in got} == expected


def test_page_furniture_of_federal_pages_is_no_body() -> None:
    text = "Symbol of the Government of Canada\nEnglish\nLa Société historique de Gaspé recevra 12 000 $."
    got = find_organizations(text, model=[(0, 34, "ORG"), (35, 42, "ORG")])
    assert {o.canonical for o in got} == {"Société historique de Gaspé"}


def test_a_french_arrondissement_is_a_place() -> None:
    from annonces.kb import load_kb

    text = ("Les communes de l'arrondissement de Pamiers recevront 2 M€ ; l'arrondissement d'Ahuntsic-Cartierville "
            "versera 5 000 $ au Club Optimiste.")
    got = {o.canonical for o in find_organizations(text, load_kb(), amounts=find_amounts(text))}
    assert "arrondissement de Pamiers" not in got and "arrondissement d'Ahuntsic-Cartierville" in got


def test_a_town_shaped_model_span_after_a_place_preposition_is_a_place() -> None:
    text = "Les habitants de Saint-Gildas-la-Forêt ouvrent leurs portes et la Ferme Le Gall à Saint-Brandan recevra 80 000 €."
    spans = [(text.index("Saint-Gildas"), text.index(" ouvrent"), "ORG"), (text.index("Saint-Brandan"), text.index(" recevra"), "ORG"),
             (text.index("Ferme"), text.index(" à Saint-B"), "ORG")]
    assert {o.canonical for o in find_organizations(text, model=spans)} == {"Ferme Le Gall"}
