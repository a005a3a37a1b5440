"""Consistency of the bundled sample corpus (``corpus/``) and its gold (``annotations/``).

The gold follows the document-level schema of the shared evaluation (``SCHEMA.md``) plus
an ``amount_roles`` list (one entry per amount occurrence).  These tests check the data
itself, without the library: a broken gold file should fail here, not in a scorer.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the project

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
ANNOTATIONS = ROOT / "annotations"
DEV_TEXTS = SHARED / "corpus" / "dev" / "texts"

TOP_KEYS = {"id", "source_url", "jurisdiction", "published", "text", "gold", "amount_roles", "notes"}
GOLD_KEYS = {"ministers", "organizations", "amounts", "programs", "regions", "dates", "records"}
RECORD_KEYS = {"recipient", "amount", "currency", "total_cost", "program", "region", "date", "ministers"}
JURISDICTIONS = {"QC", "CA", "FR", "MUNI"}
ROLES = {"grant", "loan", "total_cost", "envelope", "aggregate", "other"}
DATE_RE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
CP1252_FILES = {"cp1252-11-plein-air-lac-a-l-oeil"}
WORDS = (150, 600)


def _corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"})


FILES = _corpus_files()
STEMS = [p.stem for p in FILES]
BY_STEM = {p.stem: p for p in FILES}


def _ids(stems: list[str]) -> list[pytest.param]:
    return [pytest.param(s, id=s) for s in stems]


@cache
def gold(stem: str) -> dict:
    return json.loads((ANNOTATIONS / f"{stem}.json").read_text(encoding="utf-8"))


def decoded(path: Path) -> str:
    """File content as a reader should see it: UTF-8 (cp1252 fallback), CRLF -> LF."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return text.replace("\r\n", "\n")


def amount_count(text: str, written: str) -> int:
    """Occurrences of an amount as written, not inside a longer number.

    >>> amount_count("20 M$ et 2 M$", "2 M$")
    1
    >>> amount_count("1 200 000 $", "200 000 $")
    0
    """
    pattern = r"(?<![\d,.])(?<!\d[ \u00a0])" + re.escape(written)
    return len(re.findall(pattern, text))


def test_every_corpus_file_has_a_gold_file_and_back() -> None:
    gold_stems = {p.stem for p in ANNOTATIONS.glob("*.json")}
    assert len(FILES) == 14
    assert set(STEMS) == gold_stems


@pytest.mark.parametrize("stem", _ids(STEMS))
def test_gold_has_the_schema_keys(stem: str) -> None:
    g = gold(stem)
    assert set(g) == TOP_KEYS
    assert g["id"] == stem
    assert g["jurisdiction"] in JURISDICTIONS
    assert g["published"] is None or DATE_RE.fullmatch(g["published"])
    assert isinstance(g["notes"], str) and g["notes"]
    assert set(g["gold"]) == GOLD_KEYS
    for key in ("ministers", "organizations", "programs", "regions"):
        values = g["gold"][key]
        assert all(isinstance(v, str) and v == v.strip() and v for v in values), key
        assert len(values) == len(set(values)), f"duplicate in {key}"
    amounts = g["gold"]["amounts"]
    assert all(isinstance(a, (int, float)) and not isinstance(a, bool) and a > 0 for a in amounts)
    assert len(amounts) == len(set(amounts)), "amounts are distinct values"
    assert all(DATE_RE.fullmatch(d) for d in g["gold"]["dates"])
    for rec in g["gold"]["records"]:
        assert set(rec) == RECORD_KEYS
        assert rec["currency"] == ("EUR" if g["jurisdiction"] == "FR" else "CAD")
    for entry in g["amount_roles"]:
        assert set(entry) == {"text", "value", "role"}
        assert entry["role"] in ROLES


@pytest.mark.parametrize("stem", _ids([s for s in STEMS if BY_STEM[s].suffix == ".txt"]))
def test_gold_text_is_the_decoded_file(stem: str) -> None:
    assert gold(stem)["text"] == decoded(BY_STEM[stem])


def test_html_gold_text_is_the_visible_text() -> None:
    stem = "html-12-aac-fial-estrie"
    raw = BY_STEM[stem].read_text(encoding="utf-8")
    text = gold(stem)["text"]
    assert "<" not in text and "&eacute;" not in text and "&nbsp;" not in text
    assert "dataLayer" not in text and "font-family" not in text  # <script>, <style> dropped
    flat = re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]*>", "", raw)))
    missing = [line for line in text.split("\n") if line not in flat]
    assert not missing


@pytest.mark.parametrize("stem", _ids(STEMS))
def test_names_occur_as_written(stem: str) -> None:
    g = gold(stem)
    text = g["text"]
    names = g["gold"]["ministers"] + g["gold"]["organizations"] + g["gold"]["programs"] + g["gold"]["regions"]
    missing = [n for n in names if n not in text]
    assert not missing


@pytest.mark.parametrize("stem", _ids(STEMS))
def test_amount_roles_cover_every_occurrence(stem: str) -> None:
    g = gold(stem)
    roles = g["amount_roles"]
    assert {r["value"] for r in roles} == set(g["gold"]["amounts"])
    for written, listed in Counter(r["text"] for r in roles).items():
        assert amount_count(g["text"], written) == listed, written
    values = {}
    for r in roles:
        assert values.setdefault(r["text"], r["value"]) == r["value"], r["text"]


@pytest.mark.parametrize("stem", _ids(STEMS))
def test_records_agree_with_the_gold_lists(stem: str) -> None:
    g = gold(stem)["gold"]
    roles = {r["value"]: r["role"] for r in gold(stem)["amount_roles"]}
    for rec in g["records"]:
        assert rec["recipient"] in g["organizations"]
        assert rec["amount"] in g["amounts"]
        assert roles[rec["amount"]] in {"grant", "loan"}
        assert rec["total_cost"] is None or rec["total_cost"] in g["amounts"]
        assert rec["program"] is None or rec["program"] in g["programs"]
        assert rec["region"] is None or rec["region"] in g["regions"]
        assert rec["date"] is None or rec["date"] in g["dates"]
        assert set(rec["ministers"]) <= set(g["ministers"])


SPLITS = [
    pytest.param("qc-02-famille-outaouais-six-organismes", 1245300, id="qc-02-six-items-make-1245300"),
    pytest.param("qc-03-mei-beauce-pret-iq", 35700000, id="qc-03-three-projects-make-35.7M"),
    pytest.param("ca-05-dec-pdeq-biosentis", 775000, id="ca-05-loan-plus-grant-make-775000"),
    pytest.param("ca-06-pch-quebec-montants-en-lettres", 1415000, id="ca-06-words-make-1415000"),
    pytest.param("fr-07-prefecture-bretagne-dsil", 1200000, id="fr-07-seven-communes-make-1.2M"),
    pytest.param("pdf-10-mtq-voirie-estrie", 1135950, id="pdf-10-three-municipalities-make-1135950"),
    pytest.param("html-12-aac-fial-estrie", 412350, id="html-12-four-items-make-412350"),
]


@pytest.mark.parametrize(("stem", "total"), SPLITS)
def test_split_records_add_up_to_the_stated_total(stem: str, total: int) -> None:
    assert sum(r["amount"] for r in gold(stem)["gold"]["records"]) == total


NO_RECORDS = [
    pytest.param("qc-13-environnement-consultation-sans-montant", id="qc-13-no-money"),
    pytest.param("qc-14-enseignement-superieur-enveloppe", id="qc-14-envelope-only"),
]


@pytest.mark.parametrize("stem", NO_RECORDS)
def test_documents_without_a_recipient_have_no_record(stem: str) -> None:
    g = gold(stem)
    assert g["gold"]["records"] == []
    assert all(r["role"] in {"envelope", "other"} for r in g["amount_roles"])


@pytest.mark.parametrize("stem", _ids(sorted(CP1252_FILES)))
def test_cp1252_file_is_not_utf8(stem: str) -> None:
    raw = BY_STEM[stem].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert re.search(rb"\d\xa0\d{3}\xa0\d{3}", raw), "NO-BREAK SPACE byte 0xA0 inside a number"
    assert b"\r\n" in raw
    assert all(ch in text for ch in "’«»œé")


@pytest.mark.parametrize("stem", _ids([s for s in STEMS if s not in CP1252_FILES]))
def test_other_files_are_utf8(stem: str) -> None:
    BY_STEM[stem].read_bytes().decode("utf-8")


@pytest.mark.parametrize("stem", _ids(STEMS))
def test_document_length(stem: str) -> None:
    low, high = WORDS
    assert low <= len(gold(stem)["text"].split()) <= high


#: Official titles and institution names are facts that real releases and our samples share
#: word for word ("ministre des Sports et ministre responsable de DEC", "ministère de
#: l'Environnement, de la Lutte contre les changements climatiques, de la Faune et des Parcs"):
#: they are masked before comparing, so the check finds copied prose, not shared facts.
FACTS = re.compile(
    r"\b(?:l[’']honorable\s+)?(?:minist(?:re|res|ère|ere)s?|premier ministre|secrétaire d[’']État)\b[^.;:()«»\n]*",
    re.IGNORECASE,
)


def shingles(text: str, n: int = 12) -> set[str]:
    """Runs of ``n`` lower-cased word tokens, official titles and ministry names masked.

    >>> sorted(shingles("Une aide de 750 000 $", n=4))
    ['aide de 750 000', 'une aide de 750']
    >>> shingles("Pascale St-Onge, ministre des Sports et ministre responsable de DEC, annonce", n=4)
    set()
    """
    tokens: list[str] = []
    for part in FACTS.split(text):
        words = re.findall(r"\w+", part.lower())
        tokens += words + ["|"]
    return {" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1) if "|" not in tokens[i : i + n]}


@cache
def dev_shingles() -> frozenset[str]:
    return frozenset().union(*(shingles(p.read_text(encoding="utf-8")) for p in DEV_TEXTS.glob("*.txt")))


@pytest.mark.skipif(not DEV_TEXTS.is_dir(), reason="shared dev corpus not available")
@pytest.mark.parametrize("stem", _ids(STEMS))
def test_no_long_passage_copied_from_the_dev_corpus(stem: str) -> None:
    """Facts (titles, program names) may repeat; 12 running words of prose in common may not."""
    assert not shingles(gold(stem)["text"]) & dev_shingles()
