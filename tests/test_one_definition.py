"""Each concept of the bottom layer has one definition (issue 11): a grep of ``src/annonces``
for its character class or word list finds one place.  Every other module builds its
regexes from ``annonces.normalize.text`` (sentence and clause marks) or reads
``annonces.patterns``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "annonces"
#: edited on main by another change (records assembly, learned models): not checked here
OUTSIDE = ("records/assemble.py", "learn/")


def _sources() -> dict[str, str]:
    return {str(p.relative_to(SRC)): p.read_text(encoding="utf-8") for p in sorted(SRC.rglob("*.py"))
            if not str(p.relative_to(SRC)).startswith(OUTSIDE)}


def _holding(pattern: str) -> list[str]:
    rx = re.compile(pattern)
    return [name for name, text in _sources().items() if rx.search(text)]


def test_sentence_ends_are_defined_once() -> None:
    # ".!?" written out (a class, a string of marks): only normalize/text.py
    assert _holding(r"[.;]!\?|!\?[.;:…]") == ["normalize/text.py"]
    # the data's regexes write them as {clause_end} (amount grammar) or %SENTENCE_END% (segmenter)
    assert _data_lines(r"[.;:]!\?|!\?[.;:…]") == []


def test_clause_windows_live_in_extractors_context() -> None:
    from annonces.extractors import amount_roles, context, dates

    for name in ("SENTENCE_BREAK", "CLAUSE_BREAK", "LEAD_BREAK", "ASIDE_BREAK", "CLAUSE_MARK", "PHRASE_MARK"):
        assert isinstance(getattr(context, name), re.Pattern)
    for module in (amount_roles, dates):
        assert not [n for n, v in vars(module).items() if isinstance(v, re.Pattern) and n.endswith(("BOUNDARY", "SENTENCE"))]


def test_announce_verbs_are_listed_once() -> None:
    from annonces import patterns

    # no module writes a list of announce verbs (a regex alternation of two of them)
    assert _holding(r"(?:accord|octro[iy]|attribu|consent|annon)[^\n|]{0,12}\|(?:[^\n|]{0,12}\|)*?[^\n|]{0,4}(?:octro[iy]|attribu|consent|d\[ée\]voil)") == []
    assert "grant_verbs" not in patterns.document("record_cues.json")
    assert "announce" not in patterns.document("record_dates.json")
    assert any(r["pattern"] == r"\b(?:{grant_verb})\b" for r in patterns.records("amount_roles.jsonl"))
    for use in patterns.ANNOUNCE_USES:
        forms = patterns.announce_verbs(use)
        assert forms and len(set(forms)) == len(forms), use


def test_every_reader_of_the_announce_verbs() -> None:
    """One sentence per use of ``announce_verbs.csv``: the stage that reads it."""
    from annonces.extractors.amounts import find_amounts
    from annonces.extractors.ministers import find_ministers
    from annonces.extractors.organizations.grammar import name_stops
    from annonces.records.recipients import explain
    from annonces.segmentation.quotes import unmarked_quote

    ministers = find_ministers("La ministre de la Culture, Mme Nathalie Roy, a dévoilé une aide pour Gaspé.")
    assert [(m.canonical, m.role) for m in ministers] == [("Nathalie Roy", "announcer")]
    assert [a.role for a in find_amounts("La Ville de Gaspé reçoit 150 000 $.")] == ["grant"]
    assert "octroie" in name_stops()
    assert explain("La Ville de Lévis mène un plan de 12,6 M$, dont 5 M$ seront octroyés par le ministère.")[-1][1:] == ("Ville de Lévis", "passive")
    said = "Nous investissons 2 M$ dans la région, explique le député Stéphane Lauzon."
    announced = said.replace("explique", "annonce")
    assert (unmarked_quote(said, 0, len(said)), unmarked_quote(announced, 0, len(announced))) == ("Stéphane Lauzon", None)


def _data_lines(pattern: str) -> list[str]:
    rx = re.compile(pattern)
    return [f"{p.name}:{i}" for p in sorted((SRC / "patterns").iterdir()) if p.suffix in (".json", ".jsonl", ".csv", ".txt")
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if rx.search(line)]


_BULLET_PAIR = r"[•▪◦●‣►✓■□▫✔➢][^\n\]]*[•▪◦●‣►✓■□▫✔➢]"


def test_list_marks_are_defined_once() -> None:
    from annonces.extractors.amount_macros import macros
    from annonces.normalize.text import BULLETS, MORE_BULLETS, char_class

    assert _holding(_BULLET_PAIR) == ["normalize/text.py"]
    assert _data_lines(_BULLET_PAIR) == []  # the amount grammar's list_bullet macro reads {bullet}
    assert char_class(BULLETS + MORE_BULLETS) in macros()["list_bullet"]


def test_every_list_mark_opens_an_item_everywhere() -> None:
    """``▪``, ``►`` or ``✓`` open a list line for the records (regions' lead-in, list lines)
    as ``•`` does, and an amount on such a line takes its list's role."""
    from annonces.extractors.amounts import find_amounts
    from annonces.normalize.text import BULLETS, unbullet
    from annonces.records.context import LIST_START

    for mark in BULLETS:
        assert LIST_START.match(f"  {mark} Ville de Gaspé"), mark
        assert unbullet(f"{mark} Ville de Gaspé") == "Ville de Gaspé"
    for mark in "•▪►✓":
        text = f"Les subventions accordées sont les suivantes :\n\n{mark} Centre A : 15 000 $\n{mark} Centre B : 8 750 $"
        assert [a.role for a in find_amounts(text)] == ["grant", "grant"], mark


#: a character class, string or alternation listing dashes (written or as ``\\u`` escapes)
_DASH_LIST = r"[-–—]?[–—][-–—]|[–—]\|[-–—]|(?:\\u201[0-5]|\\u2212)[^A-Za-z]{0,4}(?:\\u201[0-5]|\\u2212)"


def test_dashes_are_defined_once() -> None:
    # extractors/context.py keeps the three dashes after which a capital opens a sentence (see
    # _SPACED_DASHES); readers/encodings.py lists characters frequent in French text, not a class
    assert _holding(_DASH_LIST) == ["extractors/context.py", "normalize/text.py", "readers/encodings.py"]
    assert _data_lines(r"\[[^\]]*[–—][^\]]*\]|[–—]\|") == []


@pytest.mark.parametrize("dash", list("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"))
def test_every_dash_compares_alike(dash: str) -> None:
    from annonces.evaluation import norm_name
    from annonces.normalize.text import DASH_CLASS, unify

    assert norm_name(f"Gaspésie {dash} Îles-de-la-Madeleine") == "gaspésie-îles-de-la-madeleine"
    assert re.fullmatch(DASH_CLASS, dash) and unify(dash) == "-"


def test_the_dateline_grammar_is_one_module() -> None:
    from annonces import patterns

    assert not [r for r in patterns.records("segment_cues.jsonl") if r["label"] in ("dateline", "dateline_city", "date_line")]
    assert not [r for r in patterns.records("date_cues.jsonl") if r["label"] == "dateline_prefix"]
    assert {r["label"] for r in patterns.records("dateline.jsonl") if r["kind"] == "pattern"} == {
        "dateline", "dateline_city", "date_line", "byline_prefix"}
    # the city before a dateline date, and the newswires: only segmentation/dateline.py writes them
    assert _holding(r"\[Ll\]e\\s|Marketwired\||CNW\|") == ["segmentation/dateline.py"]


@pytest.mark.parametrize(("text", "dateline", "iso", "town"), [
    pytest.param("QUÉBEC, le 4 mai 2021 /CNW Telbec/ - La ministre annonce 2 M$ à la Ville de Gaspé.",
                 "QUÉBEC, le 4 mai 2021 /CNW Telbec/ -", "2021-05-04", "QUÉBEC", id="city-cnw"),
    pytest.param("RIMOUSKI (Québec), le 3 mai 2021 – Le ministre confirme une aide de 80 000 $.",
                 "RIMOUSKI (Québec), le 3 mai 2021 –", "2021-05-03", "RIMOUSKI", id="city-province"),
    pytest.param("SAINTE-ROSE-DU-NORD, QUÉBEC--(Marketwired - 7 mars 2017) - La Corporation reçoit 25 000 $.",
                 "SAINTE-ROSE-DU-NORD, QUÉBEC--(Marketwired - 7 mars 2017) -", "2017-03-07", None, id="wire"),
    pytest.param("Le 9 juin 2023 – Gaspé (Québec) – Le gouvernement du Canada octroie 150 000 $.",
                 "Le 9 juin 2023 – Gaspé (Québec) –", "2023-06-09", None, id="date-city"),
    pytest.param("Aide au Port de Gaspé\n18 décembre 2018\nLe ministre annonce une aide de 2 M$ au Port de Gaspé.",
                 "18 décembre 2018", "2018-12-18", None, id="date-only"),
])
def test_segmenter_publication_and_regions_read_one_dateline(text: str, dateline: str, iso: str, town: str | None) -> None:
    from annonces.extractors.publication import publication_date
    from annonces.segmentation import dateline as grammar
    from annonces.segmentation import segment

    found = [text[s.start:s.end] for s in segment(text) if s.label == "dateline"]
    assert found == [dateline]
    date, source = publication_date(text)
    assert (date.iso if date else None, source) == (iso, "dateline")
    start = text.index(dateline)
    assert grammar.city(text, start, start + len(dateline)) == town or town is None
