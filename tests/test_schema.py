"""The JSONL contract: ``schema/output.schema.json`` matches ``annonces.output`` and real lines."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from annonces import api, batch
from annonces.batch import process_document, run_batch
from annonces.output import amount_to_dict, date_to_dict, mention_to_dict, record_to_dict, segment_to_dict
from annonces.readers import Document
from annonces.types import Amount, DateValue, Evidence, Extraction, FundingRecord, Mention, Segment
from annonces.writers import output_schema

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
TEXT = ("QUÉBEC, le 4 mai 2021 – La ministre de la Culture et des Communications, Nathalie Roy, annonce une aide "
        "de 150 000 $ à la Ville de Gaspé, en Gaspésie–Îles-de-la-Madeleine, dans le cadre du programme "
        "Aide aux immobilisations (PAI). Le projet coûte environ 2,5 M$ d'ici 2022-2023.")


def span(text: str) -> dict[str, Any]:
    start = TEXT.index(text)
    return {"text": text, "start": start, "end": start + len(text)}


def full_extraction() -> Extraction:
    """Every entity kind and record field filled in, with offsets into TEXT."""
    m, o, a, p, r, d = (span(x) for x in ("Nathalie Roy", "Ville de Gaspé", "150 000 $",
                                          "Aide aux immobilisations (PAI)", "Gaspésie–Îles-de-la-Madeleine",
                                          "4 mai 2021"))
    cost, fiscal = span("environ 2,5 M$"), span("2022-2023")
    minister = Mention(kind="minister", canonical="Nathalie Roy", portfolios=("Culture et Communications",),
                       role="announcer", **m)
    org = Mention(kind="organization", canonical="Ville de Gaspé", id="org:ville-de-gaspe", acronym=None, **o)
    program = Mention(kind="program", canonical="Aide aux immobilisations", acronym="PAI", id="prog:pai", **p)
    region = Mention(kind="region", canonical="Gaspésie–Îles-de-la-Madeleine", code="11", id="qc-11", **r)
    amounts = (
        Amount(value=Decimal("150000"), currency="CAD", role="grant", **a),
        Amount(value=Decimal("2500000"), currency="CAD", role="total_cost", approximate=True, qualifier="environ",
               low=Decimal("2500000"), high=Decimal("2500000"), period=None, ambiguous=False, **cost),
    )
    dates = (DateValue(iso="2021-05-04", precision="day", kind="point", **d),
             DateValue(iso="2022", precision="year", kind="fiscal_year", end_iso="2023", **fiscal))
    sentence_end = TEXT.index(".") + 1
    record = FundingRecord(
        recipient="Ville de Gaspé", recipient_id="org:ville-de-gaspe", amount=Decimal("150000"), currency="CAD",
        evidence=Evidence(0, sentence_end, TEXT[:sentence_end]), kind="grant", total_cost=Decimal("2500000"),
        program="Aide aux immobilisations", funder="Ministère de la Culture et des Communications",
        region="Gaspésie–Îles-de-la-Madeleine", region_code="11", region_inferred=False, date="2021-05-04",
        ministers=("Nathalie Roy",), confidence=0.91234, warnings=("total cost approximate",), duplicate_of=None)
    return Extraction(
        text=TEXT, published="2021-05-04", published_source="dateline",
        entities={"ministers": (minister,), "organizations": (org,), "amounts": amounts, "programs": (program,),
                  "regions": (region,), "dates": dates},
        records=(record,),
        segments=(Segment("dateline", 0, 21), Segment("lead", 24, len(TEXT)), Segment("quote", 0, 5, speaker="Nathalie Roy")),
    )


@pytest.fixture
def full_line(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(api, "extract", lambda text, **kw: full_extraction())
    monkeypatch.setattr(batch, "_load_error", lambda fast, kb: None)
    return process_document(Document(doc_id="qc-gaspe", path="qc/gaspe.txt", text=TEXT, content_sha1="0" * 40))


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(output_schema())


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(output_schema())
    shipped = Path(batch.__file__).parent / "schema" / "output.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == output_schema()


def test_full_line_validates(full_line: dict[str, Any]) -> None:
    assert full_line["error"] is None and full_line["warnings"] == []  # offsets all check out
    validator().validate(full_line)


def test_error_line_validates() -> None:
    line = process_document(Document(doc_id="x", path="x.png", text=None, error="unsupported file type: .png"))
    validator().validate(line)


def _properties(name: str) -> set[str]:
    return set(output_schema()["$defs"][name]["properties"])


def test_schema_has_exactly_the_keys_output_writes() -> None:
    x = full_extraction()
    ents = x.entities
    assert _properties("minister") == set(mention_to_dict(ents["ministers"][0]))
    assert _properties("organization") == set(mention_to_dict(ents["organizations"][0]))
    assert _properties("program") == set(mention_to_dict(ents["programs"][0]))
    assert _properties("region") == set(mention_to_dict(ents["regions"][0]))
    assert _properties("amount") == set(amount_to_dict(ents["amounts"][0]))
    assert _properties("date") == set(date_to_dict(ents["dates"][0]))
    assert _properties("record") == set(record_to_dict(x.records[0]))
    assert _properties("segment") == set(segment_to_dict(x.segments[2]))
    top = set(output_schema()["properties"])
    assert set(x.to_dict()) <= top and top - set(x.to_dict()) == {"doc_id", "path", "content_sha1", "error", "warnings", "rejected"}


def _broken(line: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    line = copy.deepcopy(line)
    *parents, last = path.split(".")
    target: Any = line
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is KeyError:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return line


INVALID = [
    pytest.param("records.0.amount", "150000", id="amount-as-string"),
    pytest.param("entities.amounts.0.role", "subvention", id="unknown-amount-role"),
    pytest.param("entities.dates.0.value", "04/05/2021", id="date-not-iso"),
    pytest.param("entities.regions.0.start", -1, id="negative-offset"),
    pytest.param("segments", KeyError, id="missing-key"),
    pytest.param("published", "4 mai 2021", id="published-not-iso"),
    pytest.param("content_sha1", "abc", id="bad-sha1"),
    pytest.param("records.0.confidence", 1.5, id="confidence-over-1"),
    pytest.param("entities.ministers.0.party", "CAQ", id="unknown-key"),
]


@pytest.mark.parametrize(("path", "value"), INVALID)
def test_schema_rejects(full_line: dict[str, Any], path: str, value: Any) -> None:
    assert not validator().is_valid(_broken(full_line, path, value))


def test_real_lines_validate(tmp_path: Path) -> None:
    """Real extract: every line of a fast batch over the fixture releases fits the schema."""
    out = tmp_path / "o.jsonl"
    run_batch(FIXTURES, out, fast=True, progress=False)
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    for line in got:
        validator().validate(line)
    assert [x["error"] for x in got] == [None] * 4
    assert all(line["entities"]["amounts"] for line in got)
