"""Golden table for the date of a release's records (``records/dating.py``) and the
years a text writes (``normalize/years.py``).

Each row is a short release written for these tests (municipal, French, Quebec styles),
run through ``annonces.extract(text, fast=True)``; every record of the row must carry
the expected date (None: no date can be given).
"""

from __future__ import annotations

import pytest

from annonces import extract
from annonces.normalize.years import written_years, year_of_day


def _p(text: str, date: str | None, id: str, xfail: str | None = None):
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, date, id=id, marks=marks)


CASES = [
    _p("Lors de la séance du conseil du 14 mars, la Ville de Rimouski a octroyé 15 000 $ au Club de "
       "patinage artistique de Rimouski pour la saison 2023.", "2023-03-14", id="muni-seance-year-from-text"),
    _p("Réuni en commission permanente le 7 novembre, le Département du Finistère accorde 25 000 € "
       "au Festival de Cornouaille pour son édition 2022.", "2022-11-07", id="fr-commission-permanente"),
    _p("À Bordeaux, le comité de suivi des programmes européens 2014-2020 s'est réuni jeudi 12 mars. "
       "L'entreprise Bois Landais Innovation obtient une aide de 320 000 € pour sa nouvelle ligne. La mise en service est prévue en 2015.",
       "2015-03-12", id="weekday-picks-year-ranges-ignored"),
    _p("Vendredi 9 avril, le conseil municipal s'est réuni. Il a accordé 3 000 $ à la Maison des jeunes "
       "de Magog pour ses activités de 2020 et de 2022.", "2021-04-09", id="weekday-neighbour-year"),
    _p("Malgré la crise sanitaire, le conseil municipal du vendredi 9 avril a voté ses subventions : "
       "le club de pétanque Les Boules Cazilhacoises, 350 € ; le Comité des fêtes, 4 500 € ; "
       "l'Amicale des Vétérans, 200 €.", "2021-04-09", id="weekday-and-an-era-no-year-written"),
    _p("Malgré la crise sanitaire, le conseil municipal du 9 avril a accordé 500 € au Comité des fêtes "
       "de Villeneuve.", None, id="an-era-without-weekday-gives-no-year"),
    _p("Ville de Lévis\n24/05/18\nLa Ville accorde 12 000 $ au Festival Jazz etcetera Lévis.",
       "2018-05-24", id="short-numeric-byline"),
    _p("Communiqués\n\n  • Publié le 12 juin 2022 (Mis à jour le 3 févr. 2024)\n\nLa Ville d'Amos "
       "obtiendra 860 000 $ du ministère des Transports pour la réfection de la rue Principale.", "2022-06-12",
       id="published-not-updated"),
    _p("SAINT-JÉRÔME, le 6 octobre 2021 - Lors de la séance du 5 octobre, le conseil municipal a "
       "pris plusieurs décisions, dont une aide de 20 000 $ au Théâtre Gilles-Vigneault.",
       "2021-10-06", id="dateline-wins-over-meeting"),
    _p("QUÉBEC, le 26 octobre 2015 - Le ministre a annoncé le 13 octobre une aide de 45 000 $ à "
       "l'entreprise Atoka Cranberries.", "2015-10-13", id="announcement-sentence-date"),
    _p("Le conseil municipal du 12 mai prochain votera une aide de 5 000 $ à la Fabrique de Vichy, "
       "après celle de 2021.", None, id="future-meeting-not-a-date"),
    _p("Lors de sa séance du 5 février, le conseil a attribué 2 000 € à l'association Nantes Rugby XIII, "
       "qui avait vu ses revenus baisser en 2020.", "2021-02-05", id="year-after-the-text-s-years",
       xfail="the latest year written (2020) is taken; the gold reads the year after it"),
]


@pytest.mark.parametrize(("text", "date"), CASES)
def test_record_date(text: str, date: str | None) -> None:
    records = extract(text, fast=True).records
    assert records, "the row must give a record"
    assert {r.date for r in records} == {date}


@pytest.mark.parametrize(
    ("text", "years"),
    [
        pytest.param("Bilan 2021 : la Ville a versé 3 M$.", [2021], id="plain"),
        pytest.param("pour la période 2014-2020 et l'exercice 2023-2024", [], id="periods"),
        pytest.param("entre 2019 et 2021, puis d'ici 2030 et à l'horizon 2035", [], id="bounds-and-targets"),
        pytest.param("dossier 2021-045, 24/07/2017, 1 2022 $", [], id="not-years"),
        pytest.param("En 2025, l'organisme avait reçu 300 000 $; pour 2026, 200 000 $.", [2025, 2026], id="two-years"),
    ],
)
def test_written_years(text: str, years: list[int]) -> None:
    assert written_years(text) == years


@pytest.mark.parametrize(
    ("month", "day", "years", "weekday", "year"),
    [
        pytest.param(7, 10, [2017], 0, 2017, id="monday-fits-written"),
        pytest.param(4, 9, [2020, 2022], 4, 2021, id="friday-fits-neighbour"),
        pytest.param(4, 9, [2021], 0, None, id="no-fit"),
        pytest.param(12, 5, [2021, 2022], None, 2022, id="no-weekday-latest"),
        pytest.param(2, 29, [2021], None, None, id="no-such-day"),
    ],
)
def test_year_of_day(month: int, day: int, years: list[int], weekday: int | None, year: int | None) -> None:
    assert year_of_day(month, day, years, weekday=weekday) == year
