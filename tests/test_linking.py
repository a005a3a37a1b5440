"""Linking: core keys, similarity and NIL threshold, candidates, acronyms, stable ids,
within-document coreference."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from annonces.kb import Entity, KnowledgeBase, load_kb
from annonces.linking import (
    DEFAULT_THRESHOLD,
    CandidateGenerator,
    acronym_pairs,
    core_key,
    corefer,
    similarity,
    stable_id,
)
from annonces.types import Mention


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


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            Entity("t-org-iq", "agency", "Investissement Québec", acronyms=("IQ",), jurisdiction="QC"),
            Entity("t-org-bdc", "organization", "Banque de développement du Canada", acronyms=("BDC",), jurisdiction="CA"),
            Entity("t-prog-vert-qc", "program", "Fonds vert", jurisdiction="QC", valid_to="2020-10-31"),
            Entity("t-prog-vert-fr", "program", "Fonds vert", jurisdiction="FR", valid_from="2023-01-01"),
            Entity("t-prog-fecc", "program", "Fonds pour l’électrification et les changements climatiques",
                   aliases=("Fonds d’électrification et de changements climatiques",), acronyms=("FECC",), jurisdiction="QC"),
            Entity("t-min-mei", "ministry", "ministère de l’Économie et de l’Innovation", acronyms=("MEI",), jurisdiction="QC"),
            Entity("t-min-mesi", "ministry", "ministère de l’Économie, de la Science et de l’Innovation", acronyms=("MESI",), jurisdiction="QC"),
        ]
    )


@pytest.mark.parametrize(
    "mention, types, kwargs, expected",
    [
        pytest.param("Investissement Quebec", None, {}, "t-org-iq", id="accents"),
        pytest.param("IQ", None, {}, "t-org-iq", id="acronym"),
        pytest.param("BDC", "agency", {}, None, id="acronym-other-type"),
        pytest.param("Banque de developpement du Canada", "organization", {}, "t-org-bdc", id="folded"),
        pytest.param("Fonds d’électrification et de changements climatiques", None, {}, "t-prog-fecc", id="alias"),
        pytest.param("le ministère de l'Économie et de l'Innovation", None, {}, "t-min-mei", id="ministry"),
        pytest.param("ministère de l'Économie", None, {}, None, id="partial-name-is-nil"),
        pytest.param("Fonds vert", None, {}, None, id="ambiguous-is-nil"),
        pytest.param("Fonds vert", None, {"jurisdiction": "QC"}, "t-prog-vert-qc", id="jurisdiction"),
        pytest.param("Fonds vert", None, {"on": "2024-05-01"}, "t-prog-vert-fr", id="valid-on-date"),
        pytest.param("Fonds de solidarité FTQ", None, {}, None, id="unknown-is-nil"),
    ],
)
def test_link(mention, types, kwargs, expected):
    entity = CandidateGenerator(_kb()).link(mention, types, **kwargs)
    assert (entity.id if entity else None) == expected


def test_candidates_are_ranked_scored_and_limited():
    gen = CandidateGenerator(_kb(), types=("ministry", "program"))
    ranked = gen.candidates("ministère de l’Économie et de l’Innovation", k=2)
    assert [e.id for e, _ in ranked] == ["t-min-mei", "t-min-mesi"]
    assert ranked[0][1] == 1.0 and 0 < ranked[1][1] < DEFAULT_THRESHOLD
    assert all(e.type in ("ministry", "program") for e, _ in gen.candidates("Investissement Québec"))


def test_candidates_over_the_shipped_regions():
    gen = CandidateGenerator(load_kb(), types=("region", "departement"))
    assert gen.link("Abitibi Temiscamingue").code == "08"
    assert gen.link("Ile de France").code == "11"
    assert gen.link("Côte-de-Beaupré") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Développement économique Canada pour les régions du Québec (DEC) annonce", [("Développement économique Canada pour les régions du Québec", "DEC")], id="dec-trailing-words"),
        pytest.param("la Société d’habitation du Québec (SHQ) et", [("Société d’habitation du Québec", "SHQ")], id="elision"),
        pytest.param("le Programme d’aide à la relance (PAR), administré", [("Programme d’aide à la relance", "PAR")], id="program"),
        pytest.param("l’Offensive de transformation numérique, (OTN)", [("Offensive de transformation numérique", "OTN")], id="comma-before-parens"),
        pytest.param("la Direction régionale de l’environnement, de l’aménagement et du logement (DREAL) de Bretagne", [("Direction régionale de l’environnement, de l’aménagement et du logement", "DREAL")], id="commas-inside"),
        pytest.param("la Société de développement des entreprises culturelles (SODEC)", [("Société de développement des entreprises culturelles", "SODEC")], id="letter-inside-word"),
        pytest.param("l’Université du Québec à Rimouski (UQAR) et l’École de technologie supérieure (ÉTS)", [("Université du Québec à Rimouski", "UQAR"), ("École de technologie supérieure", "ÉTS")], id="two-pairs"),
        pytest.param("le programme Soutien aux coopératives de solidarité (PSCS)", [("programme Soutien aux coopératives de solidarité", "PSCS")], id="lowercase-head"),
        pytest.param("une aide de 2 M$ (TVQ incluse) et (OBNL)", [], id="no-long-form"),
        pytest.param("la taxe sur les produits et services (TPS)", [], id="no-capitalized-word"),
        pytest.param("Le député (PLQ) a salué", [], id="letters-do-not-spell"),
        pytest.param("Fonds de solidarité des travailleurs du Québec (FTQ)", [("Fonds de solidarité des travailleurs du Québec", "FTQ")], id="one-skipped-word"),
    ],
)
def test_acronym_pairs(text, expected):
    pairs = acronym_pairs(text)
    assert [(text[a:b], text[c:d]) for a, b, c, d in pairs] == expected


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


def _m(kind: str, text: str, doc: str, canonical: str | None = None, ident: str | None = None) -> Mention:
    start = doc.index(text)
    return Mention(kind, text, start, start + len(text), canonical or text, id=ident)


@pytest.mark.parametrize(
    "doc, mentions, groups",
    [
        pytest.param(
            "Les Délices du Fjord recevront 20 000 $. Délices du fjord ouvrira en mai.",
            [("organization", "Les Délices du Fjord"), ("organization", "Délices du fjord")],
            [[0, 1]], id="variant",
        ),
        pytest.param(
            "Innovation Maritech obtient un prêt. Maritech doublera sa production.",
            [("organization", "Innovation Maritech"), ("organization", "Maritech")],
            [[0, 1]], id="short-form",
        ),
        pytest.param(
            "Le Centre de recherche industrielle du Québec (CRIQ) accompagne l’entreprise; le CRIQ fournit l’expertise.",
            [("organization", "Centre de recherche industrielle du Québec"), ("organization", "CRIQ")],
            [[0, 1]], id="acronym-defined-in-text",
        ),
        pytest.param(
            "Investissement Québec accorde un prêt. Québec versera aussi une aide.",
            [("organization", "Investissement Québec"), ("organization", "Québec")],
            [[0], [1]], id="place-is-not-a-short-form",
        ),
        pytest.param(
            "Le Fonds Lumen et la firme Lumen Design collaborent.",
            [("program", "Fonds Lumen"), ("organization", "Lumen Design")],
            [[0], [1]], id="kinds-apart",
        ),
        pytest.param(
            "Métaux Boréal et Métaux Bergeron reçoivent chacun 10 000 $.",
            [("organization", "Métaux Boréal"), ("organization", "Métaux Bergeron")],
            [[0], [1]], id="shared-head-word",
        ),
    ],
)
def test_corefer(doc, mentions, groups):
    ms = [_m(kind, text, doc) for kind, text in mentions]
    out = corefer(ms, doc)
    assert [(m.start, m.end, m.text) for m in out] == [(m.start, m.end, m.text) for m in ms]
    for group in groups:
        assert len({out[i].id for i in group}) == 1 and len({out[i].canonical for i in group}) == 1
    assert len({out[g[0]].id for g in groups}) == len(groups)


def test_corefer_keeps_kb_ids_and_the_longest_canonical():
    doc = "Le ministère de l’Économie et de l’Innovation (MEI) et le MEI annoncent."
    ms = [_m("organization", "ministère de l’Économie et de l’Innovation", doc, ident="qc-min-mei"), _m("organization", "MEI", doc)]
    out = corefer(ms, doc)
    assert {m.id for m in out} == {"qc-min-mei"}
    assert {m.canonical for m in out} == {"ministère de l’Économie et de l’Innovation"}
    assert out[1].acronym == "MEI"


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


def test_acronym_search_stays_fast_on_repetitive_text():
    import time

    text = ("De de du des d’Ddd de la Direction (DDDDDDDDDDDD) " * 300)
    start = time.perf_counter()
    acronym_pairs(text)
    assert time.perf_counter() - start < 5
