"""Golden table for ``find_regions``: realistic sentences with the expected regions marked.

Markup: ``[written|code]`` marks a region the extractor must return, with the KB code
of the entity (Quebec ``01``-``17``, France INSEE codes).  Everything else in the sentence
must not be returned.  Known gaps stay in the table as ``xfail(strict=True)``.
"""

from __future__ import annotations

import re
import time

import pytest

from markup import unmark
from annonces.extractors.regions import find_regions, form_pattern
from annonces.kb import load_kb


def parse(marked: str) -> tuple[str, list[tuple[str, int, int, str]]]:
    """Plain text and expected ``(written, start, end, code)`` of a sentence marked ``[[written|code]]`` (:mod:`markup`)."""
    text, spans = unmark(marked)
    return text, [(m.text, m.start, m.end, m.fields[0]) for m in spans]


XFAIL = pytest.mark.xfail(strict=True)

CASES = [
    # ---- Quebec: titles, enumerations, spellings
    pytest.param("Le ministre des Finances et ministre responsable de la région de la [[Mauricie|04]], M. Eric Girard, en a fait l'annonce.", id="minister-title"),
    pytest.param("Une aide financière de 250 000 $ est accordée à l'entreprise, située en [[Montérégie|16]].", id="en-region"),
    pytest.param("Des projets verront le jour dans les régions de la [[Capitale-Nationale|03]], de la [[Chaudière-Appalaches|12]] et de [[Montréal|06]].", id="enumeration-with-montreal"),
    pytest.param("Quatre organismes de la [[Gaspésie‒Îles-de-la-Madeleine|11]] recevront du soutien.", id="figure-dash"),
    pytest.param("des retombées dans la région du [[Saguenay-Lac-Saint-Jean|02]].", id="hyphen-for-en-dash"),
    pytest.param("dans l'ensemble de la [[Côte\u2011Nord|09]].", id="non-breaking-hyphen"),
    pytest.param("le Fonds de diversification économique du [[Centre-du-Québec|17]] et de la [[Mauricie|04]] appuie le projet.", id="program-name-counts"),
    pytest.param("La ministre responsable des régions de l'[[Abitibi-Témiscamingue|08]] et du [[Nord-du-Québec|10]] était présente.", id="two-regions-title"),
    pytest.param("Les entreprises de la [[Montérégie|16]] et [[Laval|13]] sont admissibles.", id="laval-in-enumeration"),
    pytest.param("Le bureau régional de la [[Mauricie|04]]–[[Centre-du-Québec|17]] traitera les demandes.", id="dash-joined-regions"),
    pytest.param("La hausse en [[Montérégie|16]] est notable.", id="lowercase-est-is-a-verb"),
    pytest.param("ministre responsable de la région du [[Bas-St-Laurent|01]]", id="st-abbreviation"),
    pytest.param("DES PROJETS STRUCTURANTS POUR L'[[ESTRIE|05]]", id="capitals-headline"),
    pytest.param("Les producteurs de [[Chaudiere-Appalaches|12]] et de [[Lanaudiere|14]] en profitent.", id="missing-accents"),
    pytest.param("La ministre responsable de la Métropole et de la région de [[Montréal|06]], Mme Chantal Rouleau.", id="region-de-montreal"),
    pytest.param("le ministre responsable de la région de [[Laval|13]]", id="region-de-laval"),
    pytest.param("des jeunes de l’[[Outaouais|07]] et des [[Laurentides|15]]", id="curly-apostrophe"),
    pytest.param("Le CISSS de l'[[Outaouais|07]] gère le projet.", id="organization-name-counts"),
    pytest.param("Le tourisme en [[Gaspésie|11]] progresse.", id="gaspesie-alone"),
    # ---- Quebec: not regions
    pytest.param("MONTRÉAL, le 26 juin 2017 /CNW Telbec/ - Le ministre annonce une aide.", id="dateline-montreal"),
    pytest.param("SAGUENAY, le 12 mars 2019 – La ministre annonce une aide.", id="dateline-saguenay"),
    pytest.param("Le soutien à l'Opéra de Montréal et aux artistes établis à Montréal.", id="montreal-city"),
    pytest.param("L'Université Laval et la Ville de Laval collaborent; le siège est à Laval.", id="laval-city"),
    pytest.param("QUÉBEC, le 10 janvier 2017 - Le gouvernement du Québec et la ville de Québec.", id="quebec-never"),
    pytest.param("Les festivals de Charlevoix et de la Côte-de-Beaupré, la Côte-du-Sud et la MRC de Manicouagan.", id="not-administrative-regions"),
    pytest.param("Deux annonces en Abitibi-Ouest, et le CISSS de la Montérégie-Centre.", id="glued-longer-names"),
    pytest.param("La MRC de La Haute-Côte-Nord et la Haute Mauricie.", id="sub-areas"),
    pytest.param("Le CISSS de la Montérégie Est et la MRC d'Abitibi Ouest.", id="sub-areas-after"),
    pytest.param("Renseignements : www.tourisme-monteregie.qc.ca ou info@laurentides.org", id="url-and-email"),
    pytest.param("Le quai de la rivière des Outaouais et le boulevard des Laurentides.", id="river-and-street"),
    pytest.param("La MRC des Laurentides, la MRC d'Abitibi et le député d'Abitibi—Témiscamingue.", id="mrc-and-riding-names"),
    pytest.param("Les vins de la vallée du Rhône et du bassin de la Loire.", id="fr-valley-and-basin"),
    pytest.param("L'entreprise, située à Laval et en [[Montérégie|16]], embauchera.", id="a-laval-even-in-list"),
    pytest.param("Le projet se situe au [[Saguenay|02]], près de Chicoutimi.", id="au-saguenay", marks=XFAIL),
    # ---- France
    pytest.param("En [[Bretagne|53]], cinq abattoirs se partagent six millions d'euros. En [[Bourgogne|27]], huit sites.", id="fr-regions-old-name"),
    pytest.param("l'abattoir situé dans le [[Morbihan|56]], un autre dans le [[Finistère|29]] et deux dans les [[Côtes-d’Armor|22]].", id="fr-departements"),
    pytest.param("une distillerie près de Chartres ([[Eure-et-Loir|28]]).", id="fr-departement-in-parens"),
    pytest.param("treize projets dans les [[Pays de la Loire|52]], dont un en [[Loire-Atlantique|44]] et un en [[Saône-et-Loire|71]].", id="fr-loire-compounds"),
    pytest.param("la région [[Auvergne-Rhône-Alpes|84]] et la région [[Provence-Alpes-Côte d’Azur|93]]", id="fr-long-regions"),
    pytest.param("les aides de la [[région Centre|24]] et de la [[Région Sud|93]]", id="fr-region-word-in-name"),
    pytest.param("en [[Corse-du-Sud|2A]], en [[Seine-Saint-Denis|93]] et à [[La Réunion|04]]", id="fr-codes"),
    pytest.param("un site à Lille ([[Nord|59]]) et un autre dans le département du [[Nord|59]]", id="fr-nord-with-cue"),
    pytest.param("un abattoir dans la [[Somme|80]] et un autre dans le [[Lot|46]]", id="fr-locative-cue"),
    pytest.param("l'ancienne région [[Nord-Pas-de-Calais|32]] et la [[Guadeloupe|01]]", id="fr-old-region-and-overseas"),
    pytest.param("110 Bourgogne, Scael et Tereos; la Coop d'abattage du Haut Doubs.", id="fr-brand-and-sub-area"),
    pytest.param("une somme de 3 M€ pour un lot de machines; le Nord et le Sud; France Relance", id="fr-common-words"),
    pytest.param("Mme Aude Martin a présenté le projet à Paris et à Vienne.", id="fr-person-and-cities"),
    pytest.param("l'abattoir de la [[Somme|80]] sera modernisé", id="fr-de-la-somme", marks=XFAIL),
]


@pytest.mark.parametrize("marked", CASES)
def test_find_regions(marked):
    text, expected = parse(marked)
    found = find_regions(text, load_kb())
    assert [(m.text, m.start, m.end, m.code) for m in found] == expected
    for m in found:
        assert text[m.start:m.end] == m.text and m.kind == "region"
        assert m.canonical == load_kb().get(m.id).name


@pytest.mark.parametrize(
    "written, canonical, ident",
    [
        pytest.param("la Gaspésie‒Îles-de-la-Madeleine", "Gaspésie–Îles-de-la-Madeleine", "qc-region-11", id="official-en-dash"),
        pytest.param("le Saguenay-Lac-Saint-Jean", "Saguenay–Lac-Saint-Jean", "qc-region-02", id="official-en-dash-02"),
        pytest.param("en Gaspésie", "Gaspésie–Îles-de-la-Madeleine", "qc-region-11", id="alias-to-official"),
        pytest.param("en Bourgogne", "Bourgogne", "fr-region-old-bourgogne", id="old-region-keeps-name"),
        pytest.param("les Côtes-d’Armor", "Côtes-d'Armor", "fr-dep-22", id="departement"),
        pytest.param("la Guadeloupe", "Guadeloupe", "fr-region-01", id="region-before-departement"),
    ],
)
def test_canonical_and_id(written, canonical, ident):
    (m,) = find_regions(written, load_kb())
    assert (m.canonical, m.id) == (canonical, ident)


def test_form_pattern_accepts_spelling_variants():
    pattern = re.compile(form_pattern("Saguenay–Lac-Saint-Jean"))
    for variant in ("saguenay-lac-saint-jean", "saguenay - lac-st-jean", "saguenay lac st. jean", "saguenay\nlac-saint-jean"):
        assert pattern.fullmatch(variant), variant
    assert not pattern.fullmatch("saguenay-lac-saint")


def test_long_adversarial_input_is_fast():
    text = ("Saint-Saint-Gaspésie-Îles-de-la- Montérégie-Est région de la ((( " * 4000)
    start = time.perf_counter()
    find_regions(text, load_kb())
    assert time.perf_counter() - start < 5
