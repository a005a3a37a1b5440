"""The span-level annotation format: dataclasses, JSON round trip, validation, schema, files.

Texts are written in the style of Quebec, federal and French releases (not copied from
any corpus).  Spans are marked inline as ``<ent label=AMOUNT value=750000>750 000 $</ent>``
(``id=`` optional, ``value`` read as a number for AMOUNT).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from annonces.annotation.format import (LABELS, Annotation, RecordAnnotation, Span, annotation_schema,
                                        iter_span_ids, nearest_span, read_annotations, to_decimal, validate,
                                        write_annotations)

ROOT = Path(__file__).resolve().parents[1]
SPAN_GOLD = ROOT / "annotations" / "spans"
_TAG = re.compile(r"<ent label=(?P<label>\w+)(?: id=(?P<id>\w+))?(?: value=(?P<value>[^>]+))?>|</ent>")


def marked(source: str, doc_id: str = "doc") -> Annotation:
    """An annotation from inline markup (spans may nest); spans without ``id=`` get
    ``s1``, ``s2``... in the order their opening tags appear."""
    out: list[str] = []
    opened: list[tuple[int, re.Match[str]]] = []
    found: list[tuple[int, Span]] = []
    pos = length = 0
    for m in _TAG.finditer(source):
        out.append(source[pos:m.start()])
        length += m.start() - pos
        pos = m.end()
        if m["label"]:
            opened.append((length, m))
            continue
        start, tag = opened.pop()
        found.append((tag.start(), Span(tag["id"], start, length, tag["label"], tag["value"])))
    out.append(source[pos:])
    assert not opened, "unclosed <ent>"
    found.sort(key=lambda x: x[0])
    spans = [s if s.id else Span(f"s{n}", s.start, s.end, s.label, s.value) for n, (_at, s) in enumerate(found, 1)]
    return Annotation(doc_id, "".join(out), spans)


QUEBEC = marked(
    "<ent label=REGION value=Centre-du-Québec>Centre-du-Québec</ent> – La ministre de la Culture, "
    "<ent label=MINISTER value=Nathalie Roy>Nathalie Roy</ent>, annonce une aide de "
    "<ent label=AMOUNT value=612500>612 500 $</ent> au <ent label=ORG value=Théâtre du Granit>Théâtre du Granit</ent> "
    "dans le cadre du <ent label=PROGRAM value=Programme d'aide aux immobilisations>Programme d'aide aux "
    "immobilisations</ent>, le <ent label=DATE value=2022-11-18>18 novembre 2022</ent>. Le projet coûte "
    "<ent label=AMOUNT value=1430000.50>1 430 000,50 $</ent>.")
QUEBEC_RECORD = RecordAnnotation("r1", recipient="s4", amount="s3", total_cost="s7", program="s5", region="s1",
                                 date="2022-11-18", ministers=("s2",))
QUEBEC_FULL = Annotation(QUEBEC.id, QUEBEC.text, QUEBEC.spans, [QUEBEC_RECORD],
                         {"jurisdiction": "QC", "published": "2022-11-18"}, "corrected")


def test_markup_helper_offsets() -> None:
    assert [QUEBEC.span_text(s) for s in QUEBEC.spans] == [
        "Centre-du-Québec", "Nathalie Roy", "612 500 $", "Théâtre du Granit",
        "Programme d'aide aux immobilisations", "18 novembre 2022", "1 430 000,50 $"]


def test_amount_values_are_decimals() -> None:
    assert QUEBEC.spans[2].value == Decimal("612500")
    assert QUEBEC.spans[6].value == Decimal("1430000.50")
    assert Span("s1", 0, 3, "AMOUNT", 98500.25).value == Decimal("98500.25")
    assert Span("s1", 0, 3, "ORG", "12").value == "12"


@pytest.mark.parametrize("raw, expected", [
    pytest.param(750000, Decimal("750000"), id="int"),
    pytest.param(221182.15, Decimal("221182.15"), id="float-shortest-repr"),
    pytest.param("13700000", Decimal("13700000"), id="numeric-string"),
    pytest.param(Decimal("1.5E+6"), Decimal("1500000"), id="decimal-kept"),
    pytest.param("environ 2 M$", None, id="not-a-number"),
    pytest.param(True, None, id="bool-is-not-money"),
    pytest.param("NaN", None, id="nan"),
    pytest.param(None, None, id="none"),
])
def test_to_decimal(raw: Any, expected: Decimal | None) -> None:
    assert to_decimal(raw) == expected


def test_dict_round_trip_keeps_everything() -> None:
    d = QUEBEC_FULL.to_dict()
    assert list(d) == ["id", "text", "meta", "status", "spans", "records"]
    assert d["spans"][2] == {"id": "s3", "start": d["spans"][2]["start"], "end": d["spans"][2]["end"],
                             "label": "AMOUNT", "value": 612500, "kb_id": None}
    assert d["spans"][6]["value"] == 1430000.5
    back = Annotation.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert back == QUEBEC_FULL
    assert back.records[0].ministers == ("s2",)


def test_span_without_id_round_trips_without_id() -> None:
    a = Annotation("x", "Aide de 5 000 $.", [Span(None, 8, 15, "AMOUNT", 5000)])
    d = a.to_dict()
    assert "id" not in d["spans"][0]
    assert Annotation.from_dict(d) == a


def test_lists_are_stored_as_tuples_and_annotation_is_hashable() -> None:
    a = Annotation("x", "Aide", [Span("s1", 0, 4, "ORG")], [], {"k": [1]})
    assert isinstance(a.spans, tuple) and isinstance(a.records, tuple)
    assert hash(a) == hash(Annotation("x", "Aide", (Span("s1", 0, 4, "ORG"),), (), {"other": 2}))


def test_span_lookup() -> None:
    assert QUEBEC.span("s4") is not None and QUEBEC.span_text(QUEBEC.span("s4")) == "Théâtre du Granit"
    assert QUEBEC.span("s99") is None and QUEBEC.span(None) is None


def test_from_dict_rejects_document_level_gold() -> None:
    with pytest.raises(ValueError, match="document-level gold"):
        Annotation.from_dict({"id": "x", "text": "t", "gold": {"amounts": []}})


TEXT = "La Ville de Rimouski reçoit 2 M$ du Programme d'aide à la voirie locale le 3 mai 2021."


def bad(spans: list[Span], records: list[RecordAnnotation] = (), status: str = "gold", doc_id: str = "d") -> Annotation:
    return Annotation(doc_id, TEXT, spans, records, {}, status)




def at(piece: str) -> tuple[int, int]:
    start = TEXT.index(piece)
    return start, start + len(piece)


ORG = Span("s1", *at("Ville de Rimouski"), "ORG", "Ville de Rimouski")
AMOUNT = Span("s2", *at("2 M$"), "AMOUNT", 2000000)
PROGRAM = Span("s3", *at("Programme d'aide à la voirie locale"), "PROGRAM", "Programme d'aide à la voirie locale")
DATE = at("3 mai 2021")


@pytest.mark.parametrize("annotation, problems", [
    pytest.param(bad([ORG, AMOUNT, PROGRAM], [RecordAnnotation("r1", "s1", "s2", program="s3")]), [], id="valid"),
    pytest.param(bad([Span("s1", 80, 95, "DATE", "2021-05-03")]),
                 ["span s1: offsets 80-95 out of range (text has 86 characters)"], id="end-past-text"),
    pytest.param(bad([Span("s1", 10, 10, "ORG")]), ["span s1: offsets 10-10 out of range (text has 86 characters)"],
                 id="empty-span"),
    pytest.param(bad([Span("s1", ORG.start - 1, ORG.end, "ORG")]), ["span s1: starts or ends with whitespace"], id="leading-space"),
    pytest.param(bad([Span("s1", ORG.start, ORG.end, "ORGANIZATION")]), ["span s1: unknown label 'ORGANIZATION'"],
                 id="unknown-label"),
    pytest.param(bad([ORG, Span("s1", AMOUNT.start, AMOUNT.end, "AMOUNT")]), ["span s1: duplicate id"], id="duplicate-span-id"),
    pytest.param(bad([Span("s2", AMOUNT.start, AMOUNT.end, "AMOUNT", "deux millions")]),
                 ["span s2: AMOUNT value 'deux millions' is not a number"], id="amount-value-not-number"),
    pytest.param(bad([Span("s4", *DATE, "DATE", "3 mai 2021")]),
                 ["span s4: DATE value '3 mai 2021' is not ISO (YYYY-MM-DD, YYYY-MM or YYYY)"], id="date-not-iso"),
    pytest.param(bad([Span("s1", ORG.start, ORG.end, "ORG", Decimal(3))]), ["span s1: ORG value Decimal('3') is not a string"],
                 id="org-value-number"),
    pytest.param(bad([ORG, AMOUNT], [RecordAnnotation("r1", "s1", "s9")]),
                 ["record r1: amount points at missing span 's9'"], id="dangling-amount"),
    pytest.param(bad([ORG, AMOUNT], [RecordAnnotation("r1", "s2", "s1")]),
                 ["record r1: recipient points at a AMOUNT span ('s2'), not ORG",
                  "record r1: amount points at a ORG span ('s1'), not AMOUNT"], id="swapped-references"),
    pytest.param(bad([ORG, AMOUNT], [RecordAnnotation("r1", "s1", "s2", ministers=("s7",))]),
                 ["record r1: ministers points at missing span 's7'"], id="dangling-minister"),
    pytest.param(bad([ORG, AMOUNT], [RecordAnnotation("r1", "s1", "s2", kind="subvention", date="3 mai")]),
                 ["record r1: unknown kind 'subvention'", "record r1: date '3 mai' is not ISO (YYYY-MM-DD or YYYY-MM)"],
                 id="record-kind-and-date"),
    pytest.param(bad([ORG, AMOUNT], [RecordAnnotation("r1", "s1", "s2"), RecordAnnotation("r1", "s1", "s2")]),
                 ["record r1: duplicate id"], id="duplicate-record-id"),
    pytest.param(bad([], status="final"), ["unknown status 'final'"], id="unknown-status"),
    pytest.param(bad([], doc_id=""), ["missing document id"], id="missing-id"),
])
def test_validate(annotation: Annotation, problems: list[str]) -> None:
    assert validate(annotation) == problems


def test_validate_marked_example() -> None:
    assert validate(QUEBEC_FULL) == []


# ---------------------------------------------------------------- JSON Schema


def test_schema_is_valid_and_labels_match() -> None:
    schema = annotation_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert tuple(schema["$defs"]["span"]["properties"]["label"]["enum"]) == LABELS


def test_schema_accepts_to_dict_output() -> None:
    jsonschema.validate(QUEBEC_FULL.to_dict(), annotation_schema())


def _with(path: list[Any], value: Any) -> dict[str, Any]:
    d = json.loads(json.dumps(QUEBEC_FULL.to_dict(), ensure_ascii=False))
    target = d
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return d


@pytest.mark.parametrize("obj", [
    pytest.param(_with(["spans", 0, "label"], "LIEU"), id="unknown-label"),
    pytest.param(_with(["spans", 2, "value"], "612 500 $"), id="amount-as-text"),
    pytest.param(_with(["spans", 5, "value"], "18/11/2022"), id="date-not-iso"),
    pytest.param(_with(["spans", 3, "value"], 12), id="org-value-number"),
    pytest.param(_with(["status"], "done"), id="unknown-status"),
    pytest.param(_with(["records", 0, "kind"], "subsidy"), id="unknown-kind"),
    pytest.param(_with(["records", 0, "ministers"], "s2"), id="ministers-not-list"),
    pytest.param(_with(["spans", 0, "start"], -1), id="negative-offset"),
    pytest.param(_with(["extra"], 1), id="unknown-top-level-key"),
])
def test_schema_rejects(obj: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(obj, annotation_schema())


# ---------------------------------------------------------------- files


def test_write_and_read_jsonl(tmp_path: Path) -> None:
    other = marked("La <ent label=ORG value=Commune de Lannion>Commune de Lannion</ent> reçoit "
                   "<ent label=AMOUNT value=245000>245 000 €</ent>.", "fr-lannion")
    [path] = write_annotations([QUEBEC_FULL, other], tmp_path / "out" / "a.jsonl")
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
    assert "é" in path.read_text(encoding="utf-8")  # not \u00e9
    assert read_annotations(path) == [QUEBEC_FULL, other]


def test_write_folder_one_file_per_document(tmp_path: Path) -> None:
    odd = Annotation("lot#3/ouest", "Aide", [Span("s1", 0, 4, "ORG")])
    files = write_annotations([QUEBEC_FULL, odd], tmp_path / "gold")
    assert sorted(f.name for f in files) == ["doc.json", "lot#3_ouest.json"]
    assert read_annotations(tmp_path / "gold") == [QUEBEC_FULL, odd]


def test_single_json_file_and_list(tmp_path: Path) -> None:
    [f] = write_annotations([QUEBEC_FULL], tmp_path / "one.json")
    assert read_annotations(f) == [QUEBEC_FULL]
    with pytest.raises(ValueError, match="holds one annotation"):
        write_annotations([QUEBEC_FULL, QUEBEC_FULL], tmp_path / "two.json")
    (tmp_path / "list.json").write_text(json.dumps([QUEBEC_FULL.to_dict()] * 2), encoding="utf-8")
    assert read_annotations(tmp_path / "list.json") == [QUEBEC_FULL] * 2


def test_folder_skips_document_level_gold_and_falls_back_to_spans(tmp_path: Path) -> None:
    (tmp_path / "qc-01.json").write_text(json.dumps({"id": "qc-01", "text": "t", "gold": {}}), encoding="utf-8")
    write_annotations([QUEBEC_FULL], tmp_path / "spans")
    assert read_annotations(tmp_path) == [QUEBEC_FULL]


def test_bad_line_names_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps(QUEBEC_FULL.to_dict()) + "\n\n" + json.dumps({"id": "x", "text": "t"}) + "\n",
                 encoding="utf-8")
    with pytest.raises(ValueError, match=r"a\.jsonl:3: not a span-level annotation"):
        read_annotations(f)


def test_missing_path() -> None:
    with pytest.raises(FileNotFoundError):
        read_annotations("/nonexistent/annotations.jsonl")


# ---------------------------------------------------------------- helpers


def test_iter_span_ids_skips_used() -> None:
    ids = iter_span_ids([Span("s1", 0, 1, "ORG"), Span("s3", 0, 1, "ORG"), Span("x", 0, 1, "ORG")])
    assert [next(ids) for _ in range(3)] == ["s2", "s4", "s5"]


@pytest.mark.parametrize("near, expected", [
    pytest.param((70, 90), "s5", id="inside-wins"),
    pytest.param((0, 5), "s3", id="nearest-before"),
    pytest.param((30, 40), "s3", id="tie-first-in-text"),
])
def test_nearest_span(near: tuple[int, int], expected: str) -> None:
    spans = [Span("s3", 10, 20, "AMOUNT", 5), Span("s4", 45, 50, "ORG"), Span("s5", 50, 60, "AMOUNT", 5),
             Span("s6", 75, 80, "AMOUNT", 7)]
    found = nearest_span(spans, "AMOUNT", lambda s: s.value == 5, near)
    assert found is not None and found.id == expected


# ---------------------------------------------------------------- the shipped span-level gold


def test_span_gold_covers_every_corpus_document() -> None:
    stems = {p.stem for p in (ROOT / "corpus").iterdir() if p.suffix in (".txt", ".html")}
    assert {p.stem for p in SPAN_GOLD.glob("*.json")} == stems


@pytest.mark.parametrize("path", sorted(SPAN_GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_span_gold_file_is_valid(path: Path) -> None:
    obj = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(obj, annotation_schema())
    [a] = read_annotations(path)
    assert a.id == path.stem and a.status == "gold"
    assert validate(a) == []
