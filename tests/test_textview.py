"""PDF repair: paragraphs rebuilt from hard-wrapped lines, offsets mapped to the original."""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annonces.textview import TextView, repair

P = pytest.param

CNW = (
    "Une aide de 500 000 $ pour le Groupe iCible\n"
    "\n"
    "QUÉBEC, le 29 janv. 2021 /CNW Telbec/ - La ministre de la Culture et des Communications, "
    "Mme Nathalie Roy, annonce une aide financière de 500 000 $ à l'entreprise Groupe iCible.\n"
    "\n"
    "La plateforme permettra aux diffuseurs de mieux connaître leurs publics.\n"
    "\n"
    "-30-\n"
)

WRAPPED = (
    "La ministre des Affaires municipales et de l'Habitation annonce une aide\n"
    "financière de 2 850 000 $ à la Municipalité de Saint-Fabien pour la réfec-\n"
    "tion de son réseau d'aqueduc et la construction d'une station de pompage\n"
    "dans le secteur du parc industriel. Les travaux pourront peut-\n"
    "être commencer au printemps, selon la directrice générale de Rivière-du-\n"
    "Loup, qui a salué l'appui financier du gouvernement du Québec.\n"
)

PAGED = (
    "MINISTÈRE DES AFFAIRES MUNICIPALES ET DE L'HABITATION\n"
    "La ministre des Affaires municipales et de l'Habitation annonce une aide\n"
    "financière de 2 850 000 $ à la Municipalité de Saint-Fabien pour la réfection\n"
    "de son réseau d'aqueduc et la construction d'une nouvelle station de\n"
    "Page 1 de 2\n"
    "\f"
    "MINISTÈRE DES AFFAIRES MUNICIPALES ET DE L'HABITATION\n"
    "pompage dans le secteur du parc industriel de la municipalité, au sud\n"
    "de la route 132, où plusieurs entreprises agroalimentaires sont installées.\n"
    "Page 2 de 2\n"
)

DOUBLE_SPACED = (
    "Le Fonds régions et ruralité soutient cette année quarante projets portés \n"
    "\n"
    "par des organismes de la Côte-Nord, pour une enveloppe totale de 3,2 M$. \n"
    "\n"
    "Les projets retenus touchent la culture, le loisir et le développement \n"
    "\n"
    "économique des petites municipalités de la région, en particulier celles \n"
    "\n"
    "de la Haute-Côte-Nord et de la Minganie, où les besoins sont les plus grands. \n"
)

LISTED = (
    "Le ministère a retenu les projets suivants, qui recevront une aide financière\n"
    "pour la période 2022-2023 dans le cadre du programme de soutien régional :\n"
    "- Ville de Baie-Comeau : 120 000 $ pour la rénovation de la bibliothèque\n"
    "- Municipalité de Tadoussac : 85 000 $ pour l'aménagement du quai\n"
    "Ces projets représentent des investissements totaux de plus de 600 000 $\n"
    "dans les municipalités de la Côte-Nord, selon les estimations préliminaires\n"
    "du ministère des Affaires municipales et de l'Habitation.\n"
)


@pytest.mark.parametrize(
    "text",
    [
        P(CNW, id="cnw-release"),
        P("", id="empty"),
        P("Une seule ligne sans retour", id="one-line"),
        P("Titre court\nAutre titre\nTroisième ligne", id="short-lines"),
        P("Aide financière de 2 M$\n\nLe ministère accorde 2 M$ à la Ville.\nLa Ville remercie le ministère.", id="short-release"),
    ],
)
def test_identity_for_normal_text(text: str) -> None:
    view = repair(text)
    assert view.is_identity and view.text == text
    assert view.span_to_original(0, len(text)) == (0, len(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        P(
            WRAPPED,
            "La ministre des Affaires municipales et de l'Habitation annonce une aide "
            "financière de 2 850 000 $ à la Municipalité de Saint-Fabien pour la réfection "
            "de son réseau d'aqueduc et la construction d'une station de pompage "
            "dans le secteur du parc industriel. Les travaux pourront peut-"
            "être commencer au printemps, selon la directrice générale de Rivière-du-"
            "Loup, qui a salué l'appui financier du gouvernement du Québec.\n",
            id="hyphens-cut-kept-and-compound",
        ),
        P(
            PAGED,
            "La ministre des Affaires municipales et de l'Habitation annonce une aide "
            "financière de 2 850 000 $ à la Municipalité de Saint-Fabien pour la réfection "
            "de son réseau d'aqueduc et la construction d'une nouvelle station de "
            "pompage dans le secteur du parc industriel de la municipalité, au sud "
            "de la route 132, où plusieurs entreprises agroalimentaires sont installées.\n",
            id="page-headers-and-numbers-dropped",
        ),
        P(
            DOUBLE_SPACED,
            "Le Fonds régions et ruralité soutient cette année quarante projets portés "
            "par des organismes de la Côte-Nord, pour une enveloppe totale de 3,2 M$. \n\n"
            "Les projets retenus touchent la culture, le loisir et le développement "
            "économique des petites municipalités de la région, en particulier celles "
            "de la Haute-Côte-Nord et de la Minganie, où les besoins sont les plus grands. \n",
            id="double-spaced-lines",
        ),
        P(
            LISTED,
            "Le ministère a retenu les projets suivants, qui recevront une aide financière "
            "pour la période 2022-2023 dans le cadre du programme de soutien régional :\n"
            "- Ville de Baie-Comeau : 120 000 $ pour la rénovation de la bibliothèque\n"
            "- Municipalité de Tadoussac : 85 000 $ pour l'aménagement du quai\n"
            "Ces projets représentent des investissements totaux de plus de 600 000 $ "
            "dans les municipalités de la Côte-Nord, selon les estimations préliminaires "
            "du ministère des Affaires municipales et de l'Habitation.\n",
            id="bullets-stay-lines",
        ),
    ],
)
def test_repair(text: str, expected: str) -> None:
    view = repair(text)
    assert not view.is_identity
    assert view.text == expected
    _assert_words_round_trip(view)


def test_dropped_lines_are_reported() -> None:
    view = repair(PAGED)
    dropped = [PAGED[a:b].strip("\n\f") for a, b in view.dropped]
    header = "MINISTÈRE DES AFFAIRES MUNICIPALES ET DE L'HABITATION"
    assert dropped == [header, "Page 1 de 2", header, "Page 2 de 2"]


def test_cut_word_maps_to_both_halves() -> None:
    view = repair(WRAPPED)
    i = view.text.index("réfection")
    a, b = view.span_to_original(i, i + len("réfection"))
    assert WRAPPED[a:b] == "réfec-\ntion"


def test_end_offset_maps_to_end() -> None:
    view = repair(WRAPPED)
    assert view.to_original(len(view.text)) == len(WRAPPED)
    assert view.span_to_original(5, 5) == (5, 5)


def test_view_is_frozen() -> None:
    view = repair(CNW)
    with pytest.raises(AttributeError):
        view.text = "x"  # type: ignore[misc]
    assert isinstance(view, TextView)


def _assert_words_round_trip(view: TextView) -> None:
    """Every word of the repaired text maps to the same letters in the original."""
    for m in re.finditer(r"\w+", view.text):
        a, b = view.span_to_original(m.start(), m.end())
        assert view.original[a:b].replace("-\n", "") == m.group(), (m.group(), view.original[a:b])


WORDS = st.sampled_from(
    "la ministre annonce une aide financière de 250 000 $ à municipalité Saint-Fabien pour "
    "réfection réseau aqueduc construction station pompage dans secteur industriel projet "
    "développement économique régional entreprises organismes culturels".split()
)


@settings(max_examples=80, deadline=None)
@given(st.lists(WORDS, min_size=60, max_size=160), st.integers(min_value=45, max_value=90))
def test_wrapped_prose_is_rejoined(words: list[str], width: int) -> None:
    """Prose wrapped at any width from 45 to 90 comes back as the one original paragraph."""
    prose = " ".join(words) + "."
    wrapped = "\n".join(textwrap.wrap(prose, width=width, break_on_hyphens=False))
    view = repair(wrapped)
    assert view.text == prose
    _assert_words_round_trip(view)
