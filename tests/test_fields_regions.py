"""Golden table for the region of a record (``records/regions.py``).

Each row is a short release written for these tests, run through
``annonces.extract(text, fast=True)``; the record of the named recipient must carry the
expected ``(region, inferred)``.
"""

from __future__ import annotations

import pytest

from annonces import extract


def _p(text: str, recipient: str, region: str | None, inferred: bool, id: str, xfail: str | None = None):
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, recipient, region, inferred, id=id, marks=marks)


CASES = [
    _p("Lors de la séance du 24 février, la Ville de Sept-Îles a accordé 45 000 $ à Tourisme Sept-Îles "
       "pour sa campagne.", "Tourisme Sept-Îles", "Côte-Nord", True, id="municipality-in-recipient-name"),
    _p("La Ville de Sept-Îles a versé ses contributions annuelles.\n- Jardin du ruisseau Bois-Joli : 12 000 $\n"
       "- Club de ski de fond Les Goélands : 8 000 $", "Jardin du ruisseau Bois-Joli", "Côte-Nord", True,
       id="release-municipality"),
    _p("Le Musée régional de la Côte-Nord recevra 60 000 $ pour son exposition.",
       "Musée régional de la Côte-Nord", "Côte-Nord", False, id="region-in-own-name"),
    _p("La Région attribue une aide de 200 000 € à l'entreprise Plastiques Vosgiens, membre du pôle "
       "Alsace Biovalley, pour son usine du Grand Est.", "Plastiques Vosgiens", "Grand Est", False,
       id="region-in-another-name-ignored"),
    _p("En Centre-Val de Loire, trois édifices vont bénéficier du plan.\n- La cathédrale Notre-Dame de "
       "Chartres : 6,8 millions d'euros.\n- La cathédrale Saint-Etienne de Bourges : 1,7 million d'euros.",
       "cathédrale Notre-Dame de Chartres", "Centre-Val de Loire", False, id="region-of-list-lead-in"),
    _p("La Région Pays de la Loire soutient le commerce en Vendée : une aide de 15 000 € est accordée à "
       "l'entreprise Boucherie Touvron pour son nouvel atelier.", "Boucherie Touvron", "Vendée", False,
       id="departement-rather-than-region"),
    _p("La Région Auvergne Rhône-Alpes a voté, au titre du contrat de plan de l'ancienne région Auvergne, "
       "une subvention de 400 000 € à la Communauté d'agglomération du Puy-en-Velay.",
       "Communauté d'agglomération du Puy-en-Velay", "Auvergne Rhône-Alpes", False,
       id="current-region-as-written"),
    _p("Le conseil d'arrondissement accorde 12 000 $ au Centre sportif de la Petite-Bourgogne pour le "
       "volet hivernal de Bourgogne en plein air.", "Centre sportif de la Petite-Bourgogne", None, False,
       id="french-region-never-in-dollars"),
    _p("MONTRÉAL, le 1er novembre 2019 – La ministre annonce une aide de 90 000 $ à l'organisme Exeko "
       "pour son projet idAction Mobile.", "Exeko", "Montréal", True, id="dateline-city"),
]


@pytest.mark.parametrize(("text", "recipient", "region", "inferred"), CASES)
def test_region(text: str, recipient: str, region: str | None, inferred: bool) -> None:
    got = {r.recipient: r for r in extract(text, fast=True).records}
    assert recipient in got, f"no record for {recipient!r}: {sorted(got)}"
    r = got[recipient]
    assert (r.region, r.region_inferred if r.region else False) == (region, inferred)


PROGRAM_CASES = [
    pytest.param("Quatre organismes bénéficieront d'une subvention. Ces subventions proviennent du Fonds "
                 "régions et ruralité.\n\nIl s'agit du Centre d'alphabétisation "
                 "des Basques (135 066 $) et de l'organisme ABC des Portages (121 648 $).",
                 "ABC des Portages",
                 "Fonds régions et ruralité", id="program-of-previous-paragraph"),
]


@pytest.mark.parametrize(("text", "recipient", "program"), PROGRAM_CASES)
def test_program(text: str, recipient: str, program: str) -> None:
    got = {r.recipient: r for r in extract(text, fast=True).records}
    assert recipient in got, f"no record for {recipient!r}: {sorted(got)}"
    assert got[recipient].program == program
