"""Linking atoms: core keys, similarity and its threshold, stable ids."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from annonces.linking import DEFAULT_THRESHOLD, core_key, similarity, stable_id


XFAIL = pytest.mark.xfail(strict=True)


@pytest.mark.parametrize(
    "name, core",
    [
        pytest.param("Les Ateliers du Fjord inc.", "ateliers fjord", id="article-and-inc"),
        pytest.param("Boulangerie Côté ltée", "boulangerie cote", id="ltee"),
        pytest.param("ministère de l’Économie et de l’Innovation", "economie innovation", id="ministry-head"),
        pytest.param("le programme Accès entreprise", "acces entreprise", id="programme-head"),
        pytest.param("Société d’habitation du Québec (SHQ)", "societe habitation quebec", id="trailing-acronym"),
        pytest.param("Sœurs de la Charité", "soeurs charite", id="ligature"),
        pytest.param("Jean-François Roberge", "jean francois roberge", id="person"),
        pytest.param("Le Devoir", "devoir", id="title-article-dropped"),
    ],
)
def test_core_key(name, core):
    assert core_key(name) == core


SAME = [
    pytest.param("le Grand Virage", "Le Grand Virage", id="case-article"),
    pytest.param("Les fromages de la Baie", "Fromages de la Baie", id="dropped-article"),
    pytest.param("Marie Ève Tremblay", "Marie-Eve Tremblay", id="hyphen-and-accent"),
    pytest.param("Brasserie Moulin9", "Brasserie Moulin 9", id="glued-digit"),
    pytest.param("Patrimoine canadien", "ministère du Patrimoine canadien", id="ministry-head"),
    pytest.param("Usine Tremblay", "Usinage Tremblay", id="one-word-variant"),
    pytest.param("Productions Lumen inc.", "Productions Lumen", id="legal-form"),
    pytest.param("Centre de services scolaire des Sommets", "Centre de services scolaire des Sommets", id="identical"),
    pytest.param("Métallurgie Gagnon", "Metalurgie Gagnon", id="typo"),
]
DIFFERENT = [
    pytest.param("ministère de la Culture", "ministère de l’Agriculture", id="culture-agriculture"),
    pytest.param("ministère de l’Économie, de la Science et de l’Innovation", "ministère de l’Économie et de l’Innovation", id="renamed-ministry"),
    pytest.param("Fonds vert", "Fonds bleu", id="fund-colour"),
    pytest.param("Savex", "Scavel", id="short-names"),
    pytest.param("Développement économique Canada", "Développement économique Canada pour les Prairies", id="agency-short-vs-other"),
    pytest.param("Julie Boivin", "Julien Boisvert", id="persons"),
    pytest.param("Fonds régional de la Mauricie", "Fonds régional de la Montérégie", id="regional-funds"),
]


@pytest.mark.parametrize("a, b", SAME)
def test_variants_score_above_threshold(a, b):
    assert similarity(a, b) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_distinct_names_score_below_threshold(a, b):
    assert similarity(a, b) < DEFAULT_THRESHOLD


def test_stable_id_is_the_same_in_another_process():
    here = stable_id("organization", "Groupe Lumen inc.")
    code = "from annonces.linking import stable_id; print(stable_id('organization', 'Groupe Lumen inc.'))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert other.stdout.strip() == here


@pytest.mark.parametrize(
    "a, b, same",
    [
        pytest.param(("organization", "Les Ateliers du Fjord inc."), ("organization", "ateliers du fjord"), True, id="variants"),
        pytest.param(("organization", "Ateliers du Fjord"), ("program", "Ateliers du Fjord"), False, id="kinds"),
        pytest.param(("organization", "Ateliers du Fjord"), ("organization", "Ateliers du Lac"), False, id="names"),
    ],
)
def test_stable_id(a, b, same):
    assert (stable_id(*a) == stable_id(*b)) is same
    assert stable_id("organization", "X").startswith("org:") and stable_id("program", "X").startswith("prog:")


@pytest.mark.parametrize(
    "a, b, same",
    [
        pytest.param("Ville de Drummondville", "Ville de Drummonville", True, id="typo-in-a-town-name"),
        pytest.param("Les Délices du Fjord", "Délices du fjord", True, id="article-and-case"),
        pytest.param("Centraide", "Entraide (Pont-Viau et Laval-des-Rapides)", False, id="one-letter-at-the-start"),
        pytest.param("Métaux Boréal", "Métaux Bergeron", False, id="shared-head-word"),
        pytest.param("ministère de la Culture", "ministère de l'Agriculture", False, id="ministries"),
        pytest.param("Programme d'aide aux infrastructures", "Programme d'aide aux infrastructures municipales", False, id="longer-program"),
        pytest.param("Fondation du CHU de Québec", "Fondation du CHU Sainte-Justine", False, id="foundations"),
    ],
)
def test_threshold_separates_distinct_names(a: str, b: str, same: bool) -> None:
    """The NIL threshold links spelling variants and keeps distinct names apart."""
    assert (similarity(a, b) >= DEFAULT_THRESHOLD) is same
