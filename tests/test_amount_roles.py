"""Golden table for the role of each amount (grant, loan, total_cost, envelope, aggregate, other).

Each amount of a row is marked ``[[as written|role]]``; the test checks that
find_amounts finds exactly those amounts, at those offsets, with those roles.
"""

from __future__ import annotations

import re

import pytest

from annonces.extractors.amounts import find_amounts

_MARK = re.compile(r"\[\[(?P<text>[^|\]]+)\|(?P<role>[a-z_]+)\]\]")


def unmark(marked: str) -> tuple[str, list[tuple[int, str, str]]]:
    out, spans, pos = [], [], 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        spans.append((sum(map(len, out)), m["text"], m["role"]))
        out.append(m["text"])
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


GAP = pytest.mark.xfail(strict=True, reason="known gap")

ROLES = [
    # grant
    pytest.param("La ministre annonce une aide financière de [[500 000 $|grant]] à l'entreprise.", id="grant-aide-financiere"),
    pytest.param("Une subvention de [[75 000 $|grant]] est accordée au musée.", id="grant-subvention"),
    pytest.param("DEC accorde une contribution non remboursable de [[1 575 000 $|grant]].", id="grant-contribution-non-remboursable"),
    pytest.param("Le gouvernement octroie [[45 000 $|grant]] à l'organisme.", id="grant-octroie"),
    pytest.param("L'organisme recevra [[13,7 M$|grant]] du ministère.", id="grant-recevra"),
    pytest.param("L'appui financier de [[30 000 $|grant]] permettra d'embaucher.", id="grant-appui"),
    pytest.param("La coopérative va bénéficier d\u2019[[1,5 M€|grant]] de subventions.", id="grant-de-subventions-after"),
    pytest.param("Un montant de près de [[1,9 million|grant]] a été accordé au site de Lamballe.", id="grant-a-ete-accorde-after"),
    pytest.param("Un deuxième montant, de [[30 000 $|grant]], est aussi attribué à l'organisme.", id="grant-est-aussi-attribue"),
    pytest.param("Le musée a obtenu une aide financière de [[90 000 $|grant]] sous forme de contribution non remboursable.", id="grant-sous-forme"),
    pytest.param("Les élus ont approuvé le soutien financier de [[535 330$|grant]] destiné aux camps de jour.", id="grant-soutien-financier"),
    # loan
    pytest.param("La PME obtient un prêt de [[2 M$|loan]] pour agrandir son usine.", id="loan-pret"),
    pytest.param("La PME a reçu une contribution remboursable de [[550 000 $|loan]].", id="loan-contribution-remboursable"),
    pytest.param("La pourvoirie a obtenu une aide financière de [[625 000 $|loan]] sous forme de contribution remboursable.", id="loan-sous-forme-after"),
    pytest.param("Une garantie de prêt de [[4 M$|loan]] est consentie à la coopérative.", id="loan-garantie-de-pret"),
    pytest.param("Investissement Québec consent un prêt sans intérêt de [[800 000 $|loan]].", id="loan-sans-interet"),
    # total cost
    pytest.param("Une subvention de [[110 000 $|grant]] sur un projet de [[352 500 $|total_cost]] a été versée.", id="total-projet-de"),
    pytest.param("Une aide de [[29 000 $|grant]] pour un projet totalisant [[58 000 $|total_cost]].", id="total-projet-totalisant"),
    pytest.param("Des projets représentant des investissements de plus de [[6,5 millions $|total_cost]].", id="total-representant-investissements"),
    pytest.param("L'aide couvre 50 % du coût total, estimé à [[411 481 $|total_cost]].", id="total-cout-estime"),
    pytest.param("Chez Granit Plus ([[205 100 $|grant]] sur [[480 000 $|total_cost]]), on rénove l'usine.", id="total-x-sur-y"),
    pytest.param("Le coût total du projet s'élève à [[2,4 M$|total_cost]].", id="total-cout-total"),
    pytest.param("Ce chantier représente un investissement total de [[18 M$|total_cost]].", id="total-investissement-total"),
    # envelope
    pytest.param("Doté d'une enveloppe de [[450 M$|envelope]], le Plan soutient la culture.", id="envelope-enveloppe"),
    pytest.param("Québec dévoile un plan de [[188 millions|envelope]] pour le numérique.", id="envelope-plan-de"),
    pytest.param("Le programme, doté de [[25 M$|envelope]], est reconduit.", id="envelope-dote-de"),
    pytest.param("Le budget de [[3,2 M$|envelope]] de la mesure est reconduit.", id="envelope-budget"),
    pytest.param("Déjà plus de [[7 M€|other]] sur les [[45 M€|envelope]] prévus pour ce dispositif ont été engagés.", id="envelope-prevus-after"),
    pytest.param("Une enveloppe globale de [[11,1 millions d\u2019euros|envelope]] a été mobilisée.", id="envelope-globale"),
    # aggregate
    pytest.param("Québec accorde des aides financières totalisant [[262 967 $|aggregate]] à 14 entreprises.", id="aggregate-totalisant"),
    pytest.param("Le ministère confirme une aide financière de [[329 000 $|aggregate]] à sept festivals.", id="aggregate-a-sept-festivals"),
    pytest.param("Les ministres ont annoncé des aides de près de [[1 M$|aggregate]] à quatre projets d'entreprises.", id="aggregate-qualifier-then-count"),
    pytest.param("Les festivals de Charlevoix reçoivent [[22 000 $|grant]] et [[14 000 $|grant]] pour un total de [[36 000 $|aggregate]].", id="aggregate-pour-un-total-de"),
    pytest.param("En Bretagne, cinq abattoirs vont se partager [[six millions d\u2019euros|aggregate]].", id="aggregate-se-partager"),
    pytest.param("Au total, [[11 millions d'euros|aggregate]] pour treize projets dans la région.", id="aggregate-pour-treize-projets"),
    pytest.param("Un montant de [[2 M$|aggregate]] réparti entre cinq organismes.", id="aggregate-reparti-entre"),
    pytest.param("Des montants d'aide variant de [[118 000|grant]] à [[2 millions d'euros|grant]] ont été accordés.", id="range-shares-role"),
    # other
    pytest.param("soit une augmentation de [[163 750 $|other]] par rapport à l'an dernier.", id="other-augmentation"),
    pytest.param("Le Festival de la chanson ([[16 000 $|other]]) est du nombre.", id="other-parenthesis-list"),
    pytest.param("Merci. [[30 000$|other]] chacun.", id="other-sentence-boundary"),
    pytest.param("Les prêts étaient suspendus; [[12 000 $|other]] restent à distribuer.", id="semicolon-stops-window"),
    pytest.param("Volet des prêts : la Ville obtient [[12 000 $|grant]] pour le parc.", id="colon-stops-window"),
    pytest.param("Pour un total de : [[959 915 $|aggregate]]", id="colon-right-before-amount-does-not-stop"),
    pytest.param("L'entreprise obtient un prêt de [[2 M$|loan]] d'Investissement Québec.", id="loan-before-org-name"),
    # known gaps
    pytest.param("Québec investit [[3 M$|grant]] dans l'usine de Lévis.", id="grant-investit"),
    pytest.param("Un fonds de [[50 M$|envelope]] est créé pour les PME.", id="envelope-fonds-de"),
    pytest.param("L'entreprise investira [[12 M$|total_cost]] dans son usine.", id="gap-entreprise-investira", marks=GAP),
]


@pytest.mark.parametrize("marked", ROLES)
def test_amount_roles(marked: str) -> None:
    text, expected = unmark(marked)
    got = find_amounts(text)
    assert [(a.start, a.text, a.role) for a in got] == expected
