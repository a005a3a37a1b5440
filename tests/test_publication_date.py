"""Golden table for the publication date: dateline, caller, page metadata, or none.

Headers are written in the style of newswire releases (CNW Telbec, Marketwired),
ministry pages, local news pages and reports; none is copied from the dev corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest

from annonces.extractors.dates import find_dates, metadata_date
from annonces.extractors.publication import dateline_date, publication_date

HEADERS = [
    pytest.param("QUÉBEC, le 12 mai 2022 /CNW Telbec/ - Le ministre de l'Économie annonce", "2022-05-12", "12 mai 2022",
                 id="cnw-city-le"),
    pytest.param("Une aide pour la Ville\nSherbrooke, le 3 février 2015 – La ministre annonce", "2015-02-03",
                 "3 février 2015", id="title-then-city-en-dash"),
    pytest.param(" date 2019-04 COMMUNIQUÉ\n\nCommuniqué\n\nRIMOUSKI Le 9 avril 2019\n\nLe gouvernement octroie",
                 "2019-04-09", "9 avril 2019", id="caps-city-Le-beats-metadata"),
    pytest.param("Titre\n\nJOLIETTE, QUÉBEC--(Marketwired - 14 fév. 2017) - Le gouvernement du Canada", "2017-02-14",
                 "14 fév. 2017", id="marketwired"),
    pytest.param("Titre\nNouvelles fournies par\nCabinet de la ministre de la Culture03 mai, 2018, 09:30 ET\n"
                 "QUÉBEC, le 3 mai 2018 /CNW Telbec/ - La ministre", "2018-05-03", "03 mai, 2018",
                 id="newswire-stamp"),
    pytest.param("Magazine\n\nNouvelles\nQuébec appuie cinq PME de l'Estrie\n\n\n12 novembre 2016\nPar Luc Tremblay\n",
                 "2016-11-12", "12 novembre 2016", id="date-alone-on-line"),
    pytest.param("Un million pour trois entreprises\n\nPar Annie Roy 4:15 PM - 22 juin 2020\nTemps de lecture", "2020-06-22",
                 "22 juin 2020", id="byline-with-time"),
    pytest.param(" 7 Mars 2016 \n\nCompte rendu de la rencontre", "2016-03-07", "7 Mars 2016", id="report-first-line"),
    pytest.param("Programme Climat\n\nAide de 80 000 $ à Matane\n\n \n\n 4 octobre 2019\n\nUne aide financière",
                 "2019-10-04", "4 octobre 2019", id="blank-lines-before-date"),
    pytest.param("Titre\nPublié le 8 mars 2021 à 14 h 30\nTexte", "2021-03-08", "8 mars 2021", id="publie-le"),
    pytest.param("Paris, le 15 mars 2021\n\nCommuniqué de presse", "2021-03-15", "15 mars 2021", id="france-prefecture"),
    pytest.param("Titre\nOTTAWA (Ontario), le 6 juillet 2020 – Le gouvernement", "2020-07-06", "6 juillet 2020",
                 id="city-with-province"),
    pytest.param("Titre\nGASPÉ, le 1er juin 2021 — Le ministre", "2021-06-01", "1er juin 2021", id="em-dash-1er"),
    pytest.param("Titre\nSaint-Georges, le lundi 3 mai 2021 – texte", "2021-05-03", "lundi 3 mai 2021", id="with-weekday"),
    pytest.param("Titre\n17/06/2021\nTexte", "2021-06-17", "17/06/2021", id="numeric-alone"),
    pytest.param("Communiqué\nLe 4 mai 2021 – La ministre annonce", "2021-05-04", "4 mai 2021", id="le-date-dash"),
    pytest.param("Communiqué de presse\n\nLe 12 mai 2022 – Ottawa (Ontario) – Développement économique Canada",
                 "2022-05-12", "12 mai 2022", id="date-then-city"),
    pytest.param("Titre\nDernière mise à jour : 9 septembre 2020\nTexte", "2020-09-09", "9 septembre 2020",
                 id="derniere-mise-a-jour"),
    pytest.param("Communiqué de presse du 15 mars 2021\nLa préfète de la Région annonce", "2021-03-15", "15 mars 2021",
                 id="communique-du"),
    pytest.param("Titre\nDate : 2 avril 2019\nTexte", "2019-04-02", "2 avril 2019", id="date-colon"),
]


@pytest.mark.parametrize(("text", "iso", "written"), HEADERS)
def test_dateline(text: str, iso: str, written: str) -> None:
    d, source = publication_date(text)
    assert d is not None and (d.iso, d.text, source) == (iso, written, "dateline")
    assert text[d.start : d.end] == written


NO_DATELINE = [
    pytest.param("Le 20 avril 2022, le gouvernement a fait une nouvelle annonce.", id="sentence-starting-with-date"),
    pytest.param("Par ailleurs, le 4 mai 2021, le ministre a visité l'usine.", id="par-ailleurs"),
    pytest.param("Titre\nLa ministre a annoncé le 4 mai 2021\nque la subvention", id="wrapped-body-line"),
    pytest.param("Titre\nLa direction régionale a publié le 21 décembre un bilan de la mesure, ouverte le "
                 "15 décembre 2020.", id="body-date"),
    pytest.param("L1\nL2\nL3\nL4\nL5\nL6\nL7\n4 mai 2021\nTexte", id="too-far-down"),
    pytest.param("Titre\n" + "Texte du communiqué. " * 40 + "\n4 mai 2021\n", id="beyond-600-characters"),
    pytest.param("Titre\nAnnoncé hier\nTexte", id="relative-only"),
]


@pytest.mark.parametrize("text", NO_DATELINE)
def test_no_dateline(text: str) -> None:
    assert dateline_date(text) is None
    assert publication_date(text) == (None, None)


def test_caller_beats_metadata() -> None:
    d, source = publication_date(" date 2018-08 Le gouvernement accorde", caller=dt.date(2018, 8, 14))
    assert d is not None and (d.iso, d.precision, source) == ("2018-08-14", "day", "caller")
    assert d.text == "" and d.start == d.end == 0


def test_dateline_beats_caller() -> None:
    d, source = publication_date("LÉVIS, le 4 mai 2021 /CNW Telbec/ -", caller=dt.date(2021, 5, 5))
    assert d is not None and (d.iso, source) == ("2021-05-04", "dateline")


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        pytest.param(" date 2019-10 Asbestos – Le gouvernement", "2019-10", "month", id="month"),
        pytest.param(" date 2020-03-17 Le conseil", "2020-03-17", "day", id="day"),
    ],
)
def test_metadata(text: str, iso: str, precision: str) -> None:
    d, source = publication_date(text)
    assert d is not None and (d.iso, d.precision, source) == (iso, precision, "metadata")
    assert text[d.start : d.end] == iso


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Le conseil, date 2019-10", id="not-at-start"),
        pytest.param(" date 2019-13 Texte", id="bad-month"),
        pytest.param(" date 2021-02-30 Texte", id="bad-day"),
    ],
)
def test_not_metadata(text: str) -> None:
    assert metadata_date(text) is None


def test_reference_flow() -> None:
    """The publication date resolves the yearless and relative dates of the body."""
    text = ("Titre\nTROIS-RIVIÈRES, le 4 février 2014 – La ministre annonce aujourd'hui une aide.\n"
            "Le conseil se réunira les 5 et 6 février, à Shawinigan.")
    pub, _ = publication_date(text)
    assert [d.iso for d in find_dates(text, reference=pub)] == ["2014-02-04", "2014-02-04", "2014-02-05", "2014-02-06"]


def test_metadata_month_reference() -> None:
    text = " date 2022-04 Plusieurs organismes ont reçu une aide lors de la séance du 11 avril."
    pub, source = publication_date(text)
    assert source == "metadata"
    assert [d.iso for d in find_dates(text, reference=pub)] == ["2022-04-11"]
