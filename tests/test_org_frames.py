"""A name cut by the model runs on to its frame (the amount's parenthesis, its receiving verb)."""

from __future__ import annotations

import pytest

from annonces.extractors.amounts import find_amounts
from annonces.extractors.organizations.frames import frame_end
from annonces.normalize.text import key, unify


def run_on(text: str, cut: str, places: frozenset[str] = frozenset()) -> str:
    """The name that starts with ``cut`` (as the model found it) after its frame is read."""
    u = unify(text)
    s = text.index(cut)
    amounts = frozenset(a.start for a in find_amounts(text))
    return text[s:frame_end(u, s + len(cut), amounts, frozenset(), places)]


@pytest.mark.parametrize("text, cut, expected", [
    pytest.param("La Pourvoirie du Cap au Leste a obtenu une aide financière de 625 000 $.", "Pourvoirie du Cap",
                 "Pourvoirie du Cap au Leste", id="subject-before-auxiliary"),
    pytest.param("Le Centre de loisirs Saint-Édouard recevra quant à lui une somme de 3500 $ pour remplacer ses filets.",
                 "Le Centre", "Le Centre de loisirs Saint-Édouard", id="subject-before-receiving-verb"),
    pytest.param("La tenue du Symposium peinture et arts visuels a droit à 18 000 $ cette année.", "Symposium",
                 "Symposium peinture et arts visuels", id="et-between-lowercase-words-stays-inside"),
    pytest.param("Le Symposium (22 000 $), Le Festif! de Baie-Saint-Paul (61 000 $) et le Rodéo (14 000 $).", "Le Festif!",
                 "Le Festif! de Baie-Saint-Paul", id="list-item-before-its-amount"),
    pytest.param("Les organismes Répit jeunesse et le Restaurant populaire reçoivent respectivement 28 000 $ et 25 000 $.",
                 "Répit", "Répit jeunesse", id="et-then-article-and-capital-opens-the-next-name"),
    pytest.param("Les organismes Répit jeunesse et les autres organismes reçoivent 28 000 $.",
                 "Répit", "Répit", id="neg-et-then-lowercase-noun-phrase"),
    pytest.param("Savel à Cholet (1,38 M€) et Viol Frères à Châteaubriant (1,88 M€).", "Savel", "Savel",
                 id="neg-a-and-a-town-is-the-place"),
    pytest.param("Elivia au Lion-d'Angers (1,13 M€) modernise son abattoir.", "Elivia", "Elivia",
                 id="neg-au-and-a-compound-town"),
    pytest.param("Ecorad de Saint-Jean-Port-Joli (13 240 $) modernise son usine.", "Ecorad", "Ecorad",
                 id="neg-de-and-a-known-town"),
    pytest.param("La Ville de Gaspé pour la réfection du quai recevra 50 000 $.", "Ville de Gaspé", "Ville de Gaspé",
                 id="neg-purpose-before-the-verb"),
    pytest.param("La ministre a fait l'annonce dans les bureaux du Regroupement d'aide communautaire à l'insertion, un "
                 "organisme situé à Longueuil, qui reçoit 75 000 $.", "Regroupement d'aide communautaire",
                 "Regroupement d'aide communautaire à l'insertion", id="name-before-an-apposition"),
    pytest.param("La Fondation Émergence, qui lutte contre l'homophobie, recevra 30 000 $.", "Fondation Émergence",
                 "Fondation Émergence", id="neg-comma-ends-the-frame"),
    pytest.param("Le Club de golf situé à Magog recevra 10 000 $.", "Club de golf", "Club de golf",
                 id="neg-participle-is-not-a-name-word"),
])
def test_frame_end(text: str, cut: str, expected: str) -> None:
    places = frozenset({key("Saint-Jean-Port-Joli")}) if "Ecorad" in text else frozenset()
    assert run_on(text, cut, places) == expected


@pytest.mark.parametrize("text, span, expected", [
    pytest.param("Louis Gohin | France | Innovations et Territoires | Publié le 25/09/2020", "Innovations et Territoires | Publié",
                 "Innovations et Territoires", id="model-span-cut-at-a-pipe"),
    pytest.param("Faits saillants : 🖌️ Désenclavement du territoire", "🖌️ Désenclavement", "Désenclavement",
                 id="model-span-without-its-bullet-glyph"),
    pytest.param("Merci à la Fédération des familles Famille nous continuerons à travailler.", "Fédération des familles Famille nous continuerons",
                 "Fédération des familles Famille", id="model-span-cut-at-a-subject-pronoun"),
    pytest.param("La Fête des récoltes de cette année attire les foules.", "Fête des récoltes de cette année",
                 "Fête des récoltes", id="model-span-cut-at-a-demonstrative"),
    pytest.param("Le Club Les Amis de Ces Lieux reçoit 500 €.", "Club Les Amis de Ces Lieux", "Club Les Amis de Ces Lieux",
                 id="neg-capitalized-ces-is-a-name-word"),
    pytest.param("En présence de MmeLucie Roy, députée.", "MmeLucie Roy", None, id="model-span-of-a-person-glued-to-mme"),
    pytest.param("En présence de M Paul Roy, député.", "M Paul Roy", None, id="model-span-of-a-person-after-m"),
    pytest.param("La MRC des Sources recevra 5 000 $.", "MRC des Sources", "MRC des Sources", id="neg-mrc-is-no-title"),
])
def test_model_span_cleaned(text: str, span: str, expected: str | None) -> None:
    from annonces.extractors.organizations.candidates import candidates_model

    s = text.index(span)
    got = [unify(text)[a:b] for a, b, _ in candidates_model(unify(text), [(s, s + len(span), "ORG")])]
    assert got == ([expected] if expected else [])


def test_acronym_takes_the_long_form_written_in_a_title() -> None:
    import annonces

    x = annonces.extract("MONCTON – L'honorable Dominic LeBlanc, ministre responsable de l'Agence de promotion économique "
                         "du Canada atlantique, annonce une aide. Le gouvernement verse 90 000 $ par l'entremise de l'APECA "
                         "à la société Homard Cap-Pelé ltée.", fast=True)
    assert [o.canonical for o in x.entities["organizations"]] == ["Agence de promotion économique du Canada atlantique", "Homard Cap-Pelé ltée"]
