"""Golden table for the role of each amount (grant, loan, total_cost, envelope, aggregate, other).

Each amount of a row is marked ``[[as written|role]]``; the test checks that
find_amounts finds exactly those amounts, at those offsets, with those roles.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import markup
from annonces.extractors.amounts import find_amounts

def unmark(marked: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Plain text and the expected ``(start, text, role)`` of each marked amount."""
    text, spans = markup.unmark(marked)
    return text, [(s.start, s.text, s.fields[0]) for s in spans]


GAP = pytest.mark.xfail(strict=True, reason="known gap")

ROLES = [
    # grant
    pytest.param("La ministre annonce une aide financière de [[500 000 $|grant]] à l'entreprise.", id="grant-aide-financiere"),
    pytest.param("Une subvention de [[75 000 $|grant]] est accordée au musée.", id="grant-subvention"),
    pytest.param("DEC accorde une contribution non remboursable de [[1 575 000 $|grant]].", id="grant-contribution-non-remboursable"),
    pytest.param("Le gouvernement octroie [[45 000 $|grant]] à l'organisme.", id="grant-octroie"),
    pytest.param("Le Club de natation Lachine mettra la main sur [[3 200 $|grant]] pour son camp.", id="grant-mettra-la-main-sur"),
    pytest.param("La Maison des jeunes touchera un peu plus de [[7 500 $|grant]] cette année.", id="grant-touchera"),
    pytest.param("Le Club A et le Centre B se partageront chacun près de [[4 800 $|grant]].", id="grant-se-partageront-chacun"),
    pytest.param("Le Club A et le Centre B se partageront [[9 600 $|aggregate]].", id="aggregate-se-partageront"),
    pytest.param("La Société d'histoire recevra [[12 000 $|grant]] pour les trois prochaines années.", id="grant-for-the-next-three-years"),
    pytest.param("Une enveloppe de [[24 000 $|aggregate]] aux trois clubs de la ville.", id="aggregate-aux-three-clubs"),
    pytest.param("Le gouvernement du Québec a contribué pour [[6,7 M$|grant]] au projet.", id="grant-a-contribue-pour"),
    pytest.param("A Feurs, [[412 300 euros|grant]] seront dévolus à la réhabilitation de la halle.", id="grant-devolus-a"),
    pytest.param("Plus de [[265 000 euros|grant]] vont cofinancer la construction de la piscine.", id="grant-vont-cofinancer"),
    pytest.param("Le premier ministre, M. François Legault, et la députée, Mme Louise Côté, annoncent un investissement de [[3 M$|grant]] "
                 "dans l'entreprise.", id="grant-announced-investissement-after-m-title"),
    pytest.param("Le Concours a droit à [[60 000 $|other]], à raison de [[20 000 $|part]] par année d'ici 2021.", id="part-a-raison-de-per-year"),
    pytest.param("Le Département attribue [[48 000 €|grant]] à Habitat 29 pour trois autres logements sociaux.",
                 id="grant-for-several-dwellings-is-not-an-aggregate"),
    pytest.param("La Région verse [[120 000 €|grant]] à la commune pour 12 emplois créés.", id="grant-for-jobs-is-not-an-aggregate"),
    pytest.param("Une enveloppe de [[90 000 €|aggregate]] pour trois associations sportives.", id="aggregate-for-three-associations"),
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
    # listed amounts take the role of their list's lead or heading
    pytest.param("Les subventions accordées sont les suivantes :\n\nCentre communautaire de Rimouski : [[12 000 $|grant]]\n"
                 "Maison des jeunes de Matane : [[8 500 $|grant]]", id="list-name-colon-subventions-lead"),
    pytest.param("Les organismes qui recevront un appui sont :\n\u2022 Cuisine collective de Sorel ([[45 000 $|grant]])\n"
                 "\u2022 Popote roulante de Tracy ([[30 250 $|grant]])", id="list-bullet-name-parenthesis"),
    pytest.param("Les dotations attribuées sont les suivantes :\n\nGironde\nCommune de Libourne : [[210 000 €|grant]]\n\n"
                 "Landes\nCommune de Dax : [[95 000 €|grant]]", id="list-subheadings-between-lead-and-items"),
    pytest.param("Détail des cinq entreprises financées\n- Usinage Lévis inc. pour moderniser son atelier. ([[250 000 $|grant]])\n"
                 "- Boulangerie Saint-Romuald pour un four à sole. ([[48 000 $|grant]])", id="list-heading-without-colon"),
    pytest.param("Les prêts consentis par le Fonds sont les suivants :\n- Ébénisterie Dubé : [[150 000 $|loan]]\n"
                 "- Atelier Ferland : [[75 000 $|loan]]", id="list-loan-lead"),
    pytest.param("La ministre a annoncé un investissement de [[318 000 $|aggregate]] pour trois organismes de la Mauricie :\n"
                 "Centre d'action bénévole de Shawinigan : [[120 000 $|grant]] pour un camion\n"
                 "Moisson Mauricie : [[198 000 $|grant]] pour un entrepôt", id="list-lead-states-aggregate"),
    pytest.param("Les aides sont réparties ainsi :\n1. Ville de Sept-Îles : [[1,2 M$|grant]]\n2. Ville de Port-Cartier : [[640 000 $|grant]]",
                 id="list-numbered"),
    pytest.param("Les municipalités bénéficiaires sont les suivantes :\n\n"
                 "- Municipalité de Lac-Etchemin : [[412 600 $|grant]] pour la réfection du rang 4\n"
                 "et le remplacement d'un ponceau;\n- Ville de Beauceville : [[286 000 $|grant]] pour la rue Principale.",
                 id="list-wrapped-items"),
    pytest.param("- Municipalité de Lac-Etchemin : [[412 600 $|other]] pour la réfection du rang 4\n"
                 "- Ville de Beauceville : [[286 000 $|other]] pour la rue Principale.", id="list-without-lead-stays-other"),
    pytest.param("Les chiffres clés de l'exercice :\n- Chiffre d'affaires : [[3,2 M$|other]]\n- Dépenses : [[2,9 M$|other]]",
                 id="list-lead-without-cue-stays-other"),
    pytest.param("Les organismes bénéficiaires sont nombreux :\nLe conseil rappelle que la demande a doublé depuis trois ans "
                 "dans tous les quartiers de la ville.\nRésultat de la collecte : [[4 000 $|other]]", id="list-prose-line-ends-the-walk"),
    pytest.param("Parmi les entreprises soutenues, notons Alimentation Gaspé ([[22 300 $|grant]]) et Pêcheries Cloutier ([[15 800 $|grant]]).",
                 id="aside-lead-before"),
    pytest.param("Le Musée du Fjord ([[40 000 $|grant]]) et la Pulperie ([[60 000 $|grant]]) sont les institutions appuyées.",
                 id="aside-cue-after-the-list"),
    pytest.param("Les projets retenus sont les suivants :\nVille de Magog - [[75 000 $|grant]]\nVille d'Orford - [[52 000 $|grant]]",
                 id="list-name-dash-amount"),
    pytest.param("Les montants accordés sont les suivants :\nOrganisme\tProjet\tMontant\nMaison Oxygène\tRénovation\t[[38 000 $|grant]]\n"
                 "La Débrouille\tCamion\t[[21 500 $|grant]]", id="list-table-rows"),
    # PDF text: a line break inside a sentence does not end the context
    pytest.param("Le ministre annonce l'octroi d'une aide\nde [[250 000 $|grant]] à la Ville.", id="pdf-line-break-in-sentence"),
    pytest.param("Volet des prêts\nLa Ville remet [[12 000 $|other]] aux commerçants.", id="title-line-break-ends-context"),
    # aggregates
    pytest.param("Ottawa confirme une aide financière totale de [[2,3 M$|aggregate]] au Festival d'été.", id="aggregate-aide-financiere-totale"),
    pytest.param("[[3,4 millions d'euros|aggregate]] sont attribués à onze communes du Gard.", id="aggregate-verb-then-count"),
    pytest.param("Le ministre a annoncé un investissement de [[845 000 $|aggregate]] dans le cadre du Programme d'infrastructures "
                 "communautaires pour six organismes de la Côte-Nord.", id="aggregate-dans-le-cadre-then-count"),
    pytest.param("Ces deux contributions, qui totalisent [[1,1 M$|aggregate]], sont accordées par DEC.", id="aggregate-qui-totalisent"),
    pytest.param("Pour un total de: [[88 400 $|aggregate]]", id="aggregate-total-de-colon-without-space"),
    pytest.param("[[1,5 M$|aggregate]] seront versés sur trois ans à huit centres de la petite enfance.", id="aggregate-verse-sur-trois-ans-a-n"),
    # loans, total costs, envelopes
    pytest.param("L'entreprise réalisera un projet de [[5,4 M$|total_cost]] grâce à un prêt de [[2 M$|loan]] d'Investissement Québec.",
                 id="loan-nearer-than-projet-de"),
    pytest.param("La coopérative, qui prêtera ses locaux, évalue ses besoins à [[5 000 $|other]].", id="pretera-is-no-loan-cue"),
    pytest.param("Le projet, évalué à [[2,2 M$|total_cost]], sera terminé en 2025.", id="total-projet-virgule-evalue"),
    pytest.param("Les quinze projets représentent des investissements totalisant [[163 M$|total_cost]].", id="total-investissements-totalisant"),
    pytest.param("Un projet de [[43,8 M$|total_cost]], dont [[20 M$|grant]] financés par le ministère.", id="grant-dont-finances-par"),
    pytest.param("L'entreprise annonce un investissement de [[12 M$|total_cost]] dans son usine de Drummondville.",
                 id="total-company-announces-investment"),
    pytest.param("Dès 2024-2025, [[45 M$|envelope]] seront disponibles pour les établissements.", id="envelope-seront-disponibles"),
    pytest.param("Sur l'enveloppe de [[2,5 M€|envelope]], [[1,2 M€|aggregate]] sont attribués à sept communes.", id="envelope-then-aggregate"),
    pytest.param("L'enveloppe la plus importante est de [[2 M€|grant]] pour le projet de la coopérative.", id="grant-enveloppe-la-plus-importante"),
    pytest.param("Sur cette enveloppe de [[5 M$|envelope]], [[2 M$|grant]] iront au Musée de la Gaspésie.", id="grant-iront-au-after-envelope"),
    # caps and other grants
    pytest.param("Chaque projet pourra recevoir une aide maximale de [[2 M$|other]].", id="other-cap-chaque-projet"),
    pytest.param("Le programme offre une aide de [[50 000 $|other]] par projet.", id="other-cap-par-projet"),
    pytest.param("Une aide financière maximale de [[12 M$|grant]] est accordée à l'entreprise.", id="grant-aide-maximale-to-one"),
    pytest.param("La somme de [[15 000 $|grant]] provient du programme Mieux vivre ensemble.", id="grant-provient-du-programme"),
    pytest.param("Près de [[1 M$|grant]] de Québec pour le centre-ville de Dolbeau", id="grant-de-quebec-title"),
    pytest.param("L'honorable Mélanie Joly a annoncé aujourd'hui un investissement de [[500 000 $|grant]] pour le Centre des arts.",
                 id="grant-minister-announces-investment"),
    pytest.param("Ce projet reçoit un investissement fédéral de [[1,2 M$|grant]].", id="grant-investissement-federal"),
    pytest.param("Québec soutient le projet avec [[250 000 $|grant]].", id="grant-soutient"),
    # echoes: a title restating the lead
    pytest.param("Plus de [[1,1 M$|aggregate]] pour la voirie en Estrie\n\nLe ministre annonce une aide financière totalisant "
                 "[[1 135 950 $|aggregate]] à trois municipalités.", id="echo-title-rounded"),
    pytest.param("Près de [[2 M$|grant]] pour le Musée de Charlevoix\n\nLe musée recevra [[1 950 000 $|grant]] du ministère.",
                 id="echo-pres-de"),
    pytest.param("[[Deux millions|other]] pour l'abattoir de Lamballe.\nUn montant de près de [[1,9 million|grant]] a été accordé "
                 "au site de Loudéac.", id="echo-not-a-rounding"),
    pytest.param("Dans ce dossier, près de [[1 M$|other]] reste à confirmer.\nUne aide de [[626 656 $|grant]] est accordée.",
                 id="echo-more-than-ten-percent-apart"),
    # known gaps
    pytest.param("Québec investit [[3 M$|grant]] dans l'usine de Lévis.", id="grant-investit"),
    pytest.param("Un fonds de [[50 M$|envelope]] est créé pour les PME.", id="envelope-fonds-de"),
    pytest.param("L'entreprise investira [[12 M$|total_cost]] dans son usine.", id="gap-entreprise-investira", marks=GAP),
    pytest.param("Les 17 projets retenus sont soutenus à hauteur de [[11,4 M€|aggregate]].", id="gap-plural-subject-aggregate",
                 marks=GAP),
]


@pytest.mark.parametrize("marked", ROLES)
def test_amount_roles(marked: str) -> None:
    text, expected = unmark(marked)
    got = find_amounts(text)
    assert [(a.start, a.text, a.role) for a in got] == expected


def test_long_list_items_all_reach_the_lead() -> None:
    items = "".join(f"- Organisme communautaire no {i} : {i} 500 $\n" for i in range(1, 121))
    amounts = find_amounts("Les subventions versées aux organismes sont les suivantes :\n\n" + items)
    assert len(amounts) == 120
    assert {a.role for a in amounts} == {"grant"}


def test_role_accuracy_on_bundled_annotations() -> None:
    """bench/role_accuracy.py on corpus/ + annotations/ (the rules were written looking at
    these files, so this guards against regressions; it is not a held-out figure)."""
    path = Path(__file__).resolve().parents[1] / "bench" / "role_accuracy.py"
    spec = importlib.util.spec_from_file_location("role_accuracy", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up
    spec.loader.exec_module(bench)
    pairs = bench.corpus_pairs(path.parents[1] / "corpus", path.parents[1] / "annotations")
    assert len(pairs) == 70
    assert not [p for p in pairs if p.predicted == bench.MISSING]
    assert sum(p.gold == p.predicted for p in pairs) >= 66
