"""Golden tables for money amounts: detection spans and values, then parsed fields.

Rows are written in the style of Quebec, federal and French releases (not copied from
the corpus).  In ``FIND`` rows an amount is marked ``[[as written|value]]`` or
``[[as written|value|currency]]``; the test checks the exact offsets of every amount
found in the unmarked text, its value and its currency, and that nothing else is found.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import markup
from annonces.extractors.amounts import find_amounts, guess_currency, parse_amount
from annonces.normalize.money import currency_code
from annonces.normalize.numbers import parse_number, parse_numeral, words_to_number

def unmark(marked: str, default: str) -> tuple[str, list[tuple[int, int, str, Decimal, str]]]:
    """Plain text and the expected ``(start, end, text, value, currency)`` of each marked amount."""
    text, spans = markup.unmark(marked)
    return text, [(s.start, s.end, s.text, Decimal(s.fields[0]), s.fields[1] if len(s.fields) > 1 else default) for s in spans]


def row(marked: str, id: str, currency: str = "CAD", **kw):
    return pytest.param(marked, currency, id=id, **kw)


GAP = pytest.mark.xfail(strict=True, reason="known gap")

FIND = [
    # thousands separators and decimals
    row("Une aide financière de [[149 500 $|149500]] est accordée.", "space-thousands"),
    row("Québec octroie [[2\u00a0307\u00a0663\u00a0$|2307663]] au Collège.", "nbsp-thousands"),
    row("un montant de [[1\u202f437\u202f000\u202f$|1437000]] pour huit usines", "narrow-nbsp-thousands"),
    row("une somme de [[18\u2009250\u2009$|18250]] destinée au comité", "thin-space-thousands"),
    row("une subvention de [[55 000$|55000]] pour l'achat d'équipements", "no-space-before-dollar"),
    row("des aides totalisant [[912480$|912480]] à cinq entreprises", "no-separator"),
    row("Une aide financière de [[318 427,50 $|318427.50]] est versée.", "decimal-comma-cents"),
    row("L'État apporte [[2.500.000 €|2500000|EUR]] au projet.", "dot-thousands-euro"),
    row("soit [[1,250,000 $|1250000]] au total", "english-comma-groups"),
    row("Carrefour jeunesse (entrepreneuriat) : [[48,750$|48750]]", "english-comma-single-ambiguous"),
    row("Les Serres du Lac (mise à niveau) ([[4 212 $|4212]])", "small-grouped-in-parens"),
    row("une aide de [[1305 $|1305]] pour un brevet", "four-digits-no-separator"),
    row("à hauteur de [[12,50 $|12.50]] par heure", "cents-only"),
    # magnitudes
    row("une enveloppe de [[13,7 M$|13700000]] sur trois ans", "M-dollar"),
    row("Québec accorde plus de [[2,8 M $|2800000]] à six entreprises", "M-space-dollar"),
    row("un budget de [[1,2 G$|1200000000]] pour le réseau", "G-dollar"),
    row("une enveloppe de [[2 Md$|2000000000]]", "Md-dollar"),
    row("un programme de [[3,5 Md€|3500000000|EUR]]", "Md-euro"),
    row("un plan de [[4 Mds€|4000000000|EUR]]", "Mds-euro"),
    row("un soutien de [[1,88 M€|1880000|EUR]] pour l'abattoir", "M-euro"),
    row("une avance de [[250 k$|250000]]", "k-dollar"),
    row("une aide de [[75 k€|75000|EUR]]", "k-euro"),
    row("un investissement de [[6,5 millions $|6500000]]", "millions-dollar-sign"),
    row("Ottawa annonce [[12 millions de dollars|12000000]] pour le port", "millions-de-dollars"),
    row("un fonds de [[1,5 milliard de dollars|1500000000]]", "milliard-de-dollars"),
    row("[[3 milliards d'euros|3000000000|EUR]] pour l'hydrogène", "milliards-euros"),
    row("l'État consacre [[11 millions d'euros|11000000|EUR]] aux abattoirs", "million-euros-straight-apostrophe"),
    row("une enveloppe de [[8,4 millions d\u2019euros|8400000|EUR]]", "million-euros-curly-apostrophe"),
    row("une aide de [[1 million de dollars|1000000]] à la coopérative", "one-million-digits"),
    row("pour [[250 mille dollars|250000]]", "digits-mille"),
    row("un prêt de [[2,5 M EUR|2500000|EUR]]", "M-space-EUR"),
    row("une aide de [[3 M d\u2019euros|3000000|EUR]]", "M-de-euros"),
    # number words, alone or mixed
    row("[[Vingt-neuf millions de dollars|29000000]] seront investis", "words-vingt-neuf-millions"),
    row("une aide de [[deux cent mille dollars|200000]] à la Ville", "words-deux-cent-mille"),
    row("un montant de [[1 million cinq cent mille dollars|1500000]]", "mixed-million-cinq-cent-mille"),
    row("Près d\u2019[[un million de dollars|1000000]] sera investi", "elided-un-million"),
    row("une aide de plus d'[[un million d'euros|1000000|EUR]]", "plus-d-un-million"),
    row("[[un million et demi de dollars|1500000]] pour la relance", "million-et-demi"),
    row("Les deux communautés reçoivent [[un demi-million de dollars|500000]] pour leur centre", "un-demi-million"),
    row("[[un demi-milliard d'euros|500000000|EUR]] pour la filière", "un-demi-milliard"),
    row("Le ministère verse [[trois cent cinquante mille dollars|350000]]", "words-350000"),
    row("[[Quatre-vingt-dix mille dollars|90000]] pour le festival", "words-quatre-vingt-dix"),
    row("[[soixante et onze mille euros|71000|EUR]] au total", "words-soixante-et-onze", currency="EUR"),
    row("la région se partage [[six millions d\u2019euros|6000000|EUR]].", "words-six-millions-euros"),
    row("une aide supérieure au [[million d\u2019euros|1000000|EUR]]", "bare-million-with-currency"),
    row("l'entreprise obtient [[cinq cents dollars|500]]", "words-cinq-cents"),
    # currencies
    row("un contrat de [[500 000 $ US|500000|USD]]", "dollar-US"),
    row("une aide de [[750 000 $ CA|750000]]", "dollar-CA"),
    row("un prêt de [[2 millions de dollars américains|2000000|USD]]", "dollars-americains"),
    row("[[40 000 dollars canadiens|40000]] par année", "dollars-canadiens"),
    row("une contribution de [[1 678 900 dollars|1678900]] au Carnaval", "dollars-word"),
    row("une subvention de [[125 000 CAD|125000]]", "CAD-code"),
    row("une aide de [[300 000 euros|300000|EUR]]", "euros-word"),
    row("une aide de [[80 000 EUR|80000|EUR]]", "EUR-code"),
    row("un budget de [[2 M$|2000000|CAD]] pour la Ville", "bare-dollar-is-CAD-even-for-France", currency="EUR"),
    # default currency for bare millions
    row("[[Deux millions|2000000|EUR]] à destination de l'abattoir de Loudéac", "bare-words-millions-default-eur", currency="EUR"),
    row("un montant de près de [[1,7 million|1700000|EUR]] a été accordé", "bare-digits-million-default-eur", currency="EUR"),
    row("Le Parisien ([[4,1 millions|4100000|EUR]]) et Sud Ouest ([[2,9 millions|2900000|EUR]])", "bare-millions-in-parens", currency="EUR"),
    row("un plan de [[150 millions|150000000]] pour la forêt", "bare-millions-cad"),
    row("[[30 millions|30000000]] de financement supplémentaire", "bare-millions-de-financement"),
    # qualifiers (value is the round figure)
    row("Québec investit près de [[4 M$|4000000]] dans trois entreprises", "qualifier-pres-de"),
    row("des investissements de plus de [[6,5 millions $|6500000]]", "qualifier-plus-de"),
    row("environ [[300 000 $|300000]] seront versés", "qualifier-environ"),
    row("quelque [[12 M$|12000000]] ont été annoncés", "qualifier-quelque"),
    row("jusqu'à [[50 000 $|50000]] par projet", "qualifier-jusqu-a"),
    row("au moins [[2 M€|2000000|EUR]] par région", "qualifier-au-moins"),
    row("un peu plus de [[5 M$|5000000]]", "qualifier-un-peu-plus-de"),
    # ranges: one amount per bound
    row("des aides variant de [[35 000|35000|EUR]] à [[1,5 million d'euros|1500000|EUR]]", "range-de-a-unit-on-high"),
    row("entre [[2|2000000]] et [[3 M$|3000000]] par année", "range-entre-shared-magnitude"),
    row("de [[50 000 $|50000]] à [[100 000 $|100000]] par projet", "range-both-complete"),
    row("entre [[250 000|250000]] et [[500 000 dollars|500000]]", "range-entre-dollars"),
    row("de [[5 000|5000]] à [[10 000 $|10000]] chacun", "range-de-a-shared-currency"),
    row("entre [[deux|2000000|EUR]] et [[trois millions d'euros|3000000|EUR]]", "range-words"),
    row("de [[1,5|1500000000|EUR]] à [[2 milliards d'euros|2000000000|EUR]]", "range-milliards"),
    row("un coût de [[2|2000000]]-[[3 M$|3000000]]", "range-dash"),
    # several amounts, periods, mixed contexts
    row("une subvention de [[110 000 $|110000]] sur un projet de [[352 500 $|352500]]", "grant-and-project"),
    row("Granit Plus ([[205 100 $|205100]] sur [[480 000 $|480000]])", "x-sur-y"),
    row("[[330 000$|330000]], auxquels s'ajoutent [[50 000$|50000]], seront distribués", "two-amounts"),
    row("soit [[25 000$|25000]] chacun", "chacun"),
    row("une aide de [[3,2 M$|3200000]] sur trois ans", "period-over-years"),
    row("QUÉBEC, le 29 janv. 2021 - Une aide de [[250 000 $|250000]] est accordée.", "dateline-then-amount"),
    row("En 2021 [[250 000 $|250000]] ont été versés", "year-before-amount"),
    row("Le projet de loi 61 prévoit [[2 G$|2000000000]]", "bill-number-then-amount"),
    row("L'entreprise 9169-3487 Québec inc. reçoit [[85 000 $|85000]].", "numbered-company-then-amount"),
    row("Info : 418 643-1234. Une aide de [[12 000 $|12000]].", "phone-then-amount"),
    row("une aide de [[1 437 000\n$|1437000]] pour l'usine", "line-break-before-dollar"),
    row("un plan de [[110\nmillions de dollars|110000000]]", "line-break-before-millions"),
    # not money
    row("Tarifs 2021\n$ 500 par inscription", "year-then-prefixed-dollar-on-next-line"),
    row("plus de 48 500 entreprises québécoises", "count-entreprises"),
    row("une capacité de 100 000 t de grains", "tonnes"),
    row("une vitesse minimale de 30 Mbit/s", "mbit"),
    row("soit 25 % du coût", "percent"),
    row("représente 53 % des dépenses", "percent-2"),
    row("à 20 km à la ronde", "kilometres"),
    row("au cours de l'année 2016", "year"),
    row("QUÉBEC, le 29 janv. 2021", "date"),
    row("qui emploie 450 travailleurs", "count-travailleurs"),
    row("diplômes décernés au 1er cycle", "ordinal"),
    row("Renseignements : 418 643-1234", "phone"),
    row("Québec (Québec) G1R 4Y8", "postal-code"),
    row("la société 9401-0246 Québec inc.", "numbered-company"),
    row("le projet de loi 61", "bill-number"),
    row("une région de 8 millions d'habitants", "count-noun-habitants"),
    row("1,5 million de personnes", "count-noun-personnes"),
    row("2 millions de tonnes de déchets", "count-noun-tonnes"),
    row("plus de 3 millions de visiteurs", "count-noun-visiteurs"),
    row("des millions de dollars", "plural-millions-without-number"),
    row("cinq abattoirs bretons et Trois-Rivières", "number-words-without-currency"),
    row("Audit industrie 4.0", "version-number"),
    row("les 5 et 6 février, à Shawinigan", "days"),
    row("dans 14 silos pour la récolte 2021", "count-silos"),
    # known gaps
    row("[[2 millions 500 000 $|2500000]]", "mixed-scale-then-digits", marks=GAP),
    row("un contrat de [[CAD 500 000|500000]]", "currency-code-before", marks=GAP),
]


@pytest.mark.parametrize("marked, currency", FIND)
def test_find_amounts(marked: str, currency: str) -> None:
    text, expected = unmark(marked, currency)
    got = find_amounts(text, default_currency=currency)
    assert [(a.start, a.end, a.text, a.value, a.currency) for a in got] == expected
    assert all(text[a.start:a.end] == a.text for a in got)


PARSE = [
    pytest.param("13,7 M$", dict(value="13700000", currency="CAD", approximate=False), id="M-dollar"),
    pytest.param("267,915$", dict(value="267915", ambiguous=True), id="english-comma-ambiguous"),
    pytest.param("12,345 $", dict(value="12345", ambiguous=True), id="ambiguous-12-345"),
    pytest.param("1,5 M€", dict(value="1500000", currency="EUR", ambiguous=False), id="decimal-before-magnitude"),
    pytest.param("1.500 €", dict(value="1500", ambiguous=True), id="dot-thousands-ambiguous"),
    pytest.param("221 182,15 $", dict(value="221182.15", ambiguous=False), id="cents"),
    pytest.param("près de 3 M$", dict(value="3000000", approximate=True, qualifier="près de", text="3 M$"), id="pres-de"),
    pytest.param("Près d'un million de dollars", dict(value="1000000", qualifier="près de"), id="pres-d-un-million"),
    pytest.param("plus de 220 000 $", dict(value="220000", approximate=True, qualifier="plus de"), id="plus-de"),
    pytest.param("plus d\u2019un million d'euros", dict(value="1000000", currency="EUR", qualifier="plus de"), id="plus-d-curly"),
    pytest.param("environ 40 000 $", dict(qualifier="environ", approximate=True), id="environ"),
    pytest.param("quelque 5 M$", dict(qualifier="quelque"), id="quelque"),
    pytest.param("jusqu'à 100 000 $", dict(qualifier="jusqu'à"), id="jusqu-a"),
    pytest.param("jusqu\u2019à concurrence de 25 000 $", dict(value="25000", qualifier="jusqu'à"), id="jusqu-a-concurrence"),
    pytest.param("au moins 1 M$", dict(qualifier="au moins"), id="au-moins"),
    pytest.param("une aide pouvant atteindre 50 000 $", dict(value="50000", qualifier="jusqu'à"), id="pouvant-atteindre"),
    pytest.param("un peu plus de 2 M$", dict(qualifier="un peu plus de"), id="un-peu-plus-de"),
    pytest.param("une aide supérieure au million d\u2019euros", dict(value="1000000", qualifier="plus de", currency="EUR"), id="superieure-au-million"),
    pytest.param("entre 2 et 3 M$", dict(value="2000000", low="2000000", high="3000000", text="2 et 3 M$"), id="range-entre"),
    pytest.param("de 50 000 $ à 100 000 $", dict(value="50000", low="50000", high="100000"), id="range-de-a"),
    pytest.param("de 118 000 à 2 millions d'euros", dict(value="118000", low="118000", high="2000000", currency="EUR"), id="range-no-magnitude-on-low"),
    pytest.param("3,2 M$ sur trois ans", dict(value="3200000", period="P3Y"), id="period-trois-ans"),
    pytest.param("110 millions de dollars, sur une durée de 7\nans", dict(period="P7Y"), id="period-duree-newline"),
    pytest.param("188 M$ sur les cinq prochaines années", dict(period="P5Y"), id="period-prochaines-annees"),
    pytest.param("500 000 $ par année", dict(period="annual"), id="period-par-annee"),
    pytest.param("2 000 $ par mois", dict(period="monthly"), id="period-par-mois"),
    pytest.param("un budget annuel de 4 M$", dict(period="annual"), id="period-annuel-before"),
    pytest.param("900 000 $ répartis sur 18 mois", dict(period="P18M"), id="period-months"),
    pytest.param("2 millions", dict(value="2000000", currency="EUR"), id="default-currency-eur"),
    pytest.param("5 000 $ US", dict(currency="USD"), id="usd"),
    pytest.param("le 29 janv. 2021, une aide de 250 000 $", dict(value="250000", text="250 000 $"), id="first-number-is-a-date"),
    pytest.param("48 500 entreprises", None, id="none-count"),
    pytest.param("25 %", None, id="none-percent"),
    pytest.param("", None, id="none-empty"),
]


@pytest.mark.parametrize("text, expected", PARSE)
def test_parse_amount(text: str, expected: dict | None) -> None:
    default = "EUR" if expected and expected.get("currency") == "EUR" else "CAD"
    a = parse_amount(text, default_currency=default)
    if expected is None:
        assert a is None
        return
    assert a is not None
    assert text[a.start:a.end] == a.text
    for name, want in expected.items():
        got = getattr(a, name)
        assert (str(got) if isinstance(got, Decimal) else got) == want, name


@pytest.mark.parametrize("text, value, ambiguous", [
    pytest.param("2 307 663", "2307663", False, id="spaces"),
    pytest.param("1.234,56", "1234.56", False, id="dot-and-comma"),
    pytest.param("1,234.56", "1234.56", False, id="comma-and-dot"),
    pytest.param("17,000", "17000", True, id="comma-three-digits"),
    pytest.param("17,50", "17.5", False, id="comma-two-digits"),
    pytest.param("0,750", "0.75", False, id="leading-zero-is-decimal"),
])
def test_parse_number(text: str, value: str, ambiguous: bool) -> None:
    assert parse_number(text) == (Decimal(value), ambiguous)


@pytest.mark.parametrize("text, value", [
    pytest.param("un million cinq cent mille", "1500000", id="un-million-cinq-cent-mille"),
    pytest.param("vingt-neuf", "29", id="vingt-neuf"),
    pytest.param("deux cent mille", "200000", id="deux-cent-mille"),
    pytest.param("quatre-vingt-dix-neuf mille", "99000", id="quatre-vingt-dix-neuf-mille"),
    pytest.param("Une", "1", id="une"),
    pytest.param("cinq abattoirs", None, id="not-a-number"),
    pytest.param("deux trois", None, id="ill-formed"),
])
def test_words_to_number(text: str, value: str | None) -> None:
    got = words_to_number(text)
    assert (None if got is None else str(got)) == value


def test_parse_numeral_mixed() -> None:
    assert parse_numeral("2,5 milliards") == (Decimal("2500000000"), False)


@pytest.mark.parametrize("text, code", [
    pytest.param("$", "CAD", id="bare-dollar"), pytest.param("$ CAN", "CAD", id="dollar-can"),
    pytest.param("$US", "USD", id="dollar-us"), pytest.param("Euros", "EUR", id="euros"),
    pytest.param("dollars américains", "USD", id="dollars-americains"), pytest.param("km", None, id="not-currency"),
])
def test_currency_code(text: str, code: str | None) -> None:
    assert currency_code(text) == code


@pytest.mark.parametrize("text, code", [
    pytest.param("Une aide de 2 M€ pour l'abattoir.", "EUR", id="euro-sign"),
    pytest.param("11 millions d'euros pour treize projets", "EUR", id="euros-word"),
    pytest.param("2 M€, soit environ 3 M$ canadiens", "CAD", id="both"),
    pytest.param("Deux millions pour la Ville", "CAD", id="neither"),
])
def test_guess_currency(text: str, code: str) -> None:
    assert guess_currency(text) == code


_PIECES = st.sampled_from([
    "1", "23", "450", " ", "\u00a0", "\u202f", ",", ".", "-", "$", "€", " M$", " M", "k", "G", "Md", " millions",
    " million", " de dollars", " d'euros", "d\u2019", "un", "deux", "cent", "mille", "vingt-", "et", "près de ",
    "entre ", " et ", "de ", " à ", "sur trois ans", " %", " entreprises", "\n", "(", ")", "é", "Québec",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_offsets_always_hold(text: str) -> None:
    got = find_amounts(text)
    assert all(text[a.start:a.end] == a.text and a.text.strip() == a.text for a in got)
    assert all(x.end <= y.start for x, y in zip(got, got[1:]))
    assert all(a.value >= 0 and (a.low is None or a.low <= a.high) for a in got)
