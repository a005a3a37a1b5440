"""The correction session (pure Python) and the anywidget view's Python side, without a browser.

The release below is written for these tests (facts: a minister responsible for the
Estrie region in 2022; the company, amounts and project are invented).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from annonces.annotation.format import Annotation, RecordAnnotation, Span, annotation_schema, read_annotations, validate
from annonces.annotation.widget import UNREVIEWED, CorrectionSession, apply_action, session_state

TEXT = ("SHERBROOKE, le 21 avril 2022 - Le ministre des Transports et ministre responsable de la région de "
        "l'Estrie, M. François Bonnardel, annonce une aide financière de 350 000 $ à Exo-Tech Estrie pour "
        "l'agrandissement de son usine de Magog. Le projet représente un investissement de 1,2 M$; les travaux "
        "commenceront en mai prochain.")


def at(piece: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(piece, start + 1)
    return start, start + len(piece)


def pre_annotation(doc_id: str = "qc-test-exo-tech", status: str = "pre") -> Annotation:
    """A machine pre-annotation with one right record (r1) and one wrong one (r2: the total cost as a grant)."""
    spans = [Span("s1", *at("21 avril 2022"), "DATE", "2022-04-21"),
             Span("s2", *at("Estrie"), "ORG", "Estrie"),  # wrong label: the region
             Span("s3", *at("François Bonnardel"), "MINISTER", "François Bonnardel"),
             Span("s4", *at("350 000 $"), "AMOUNT", 350000),
             Span("s5", *at("Exo-Tech Estrie"), "ORG", "Exo-Tech Estrie"),
             Span("s6", *at("1,2 M$"), "AMOUNT", 1200000)]
    records = [RecordAnnotation("r1", recipient="s5", amount="s4", total_cost="s6", date="2022-04-21",
                                ministers=("s3",)),
               RecordAnnotation("r2", recipient="s5", amount="s6", date="2022-04-21")]
    return Annotation(doc_id, TEXT, spans, records, {"published": "2022-04-21", "jurisdiction": "QC"}, status)


def session(n: int = 1) -> CorrectionSession:
    return CorrectionSession([pre_annotation(f"qc-test-{i}") for i in range(n)])


def summary(s: CorrectionSession) -> dict[str, Any]:
    doc = s.current
    spans = [f"{x.id}:{x.label}:{doc.text[x.start:x.end]}={x.value}" + (f"@{x.kb_id}" if x.kb_id else "")
             for x in doc.spans]
    records = [f"{r.id}:{r.recipient}/{r.amount}/{r.kind}/total={r.total_cost}/region={r.region}/date={r.date}"
               f"/ministers={','.join(r.ministers)}" for r in doc.records]
    return {"spans": spans, "records": records, "pending": s.pending_records(), "status": doc.status,
            "index": s.index}


def sel(piece: str, *, pad: int = 0, nth: int = 0) -> dict[str, int]:
    """Offsets of a selection over ``piece``, widened by ``pad`` characters on each side."""
    start, end = at(piece, nth)
    return {"start": start - pad, "end": end + pad}


UNCHANGED_RECORDS = ["r1:s5/s4/grant/total=s6/region=None/date=2022-04-21/ministers=s3",
                     "r2:s5/s6/grant/total=None/region=None/date=2022-04-21/ministers="]

ACTION_CASES = [
    pytest.param([], {"status": "pre", "pending": ["r1", "r2"], "records": UNCHANGED_RECORDS}, id="untouched"),
    pytest.param([{"action": "add_span", "start": at("son usine")[0] - 1, "end": at("son usine")[1] + 1,
                   "label": "ORG"}],
                 {"spans+": ["s7:ORG:son usine=son usine"], "status": "corrected",
                  "pending": ["r1", "r2"]}, id="add-span-selection-trimmed"),
    pytest.param([{"action": "add_span", **sel("Magog"), "label": "org", "value": "Ville de Magog"}],
                 {"spans+": ["s7:ORG:Magog=Ville de Magog"]}, id="add-span-lowercase-label-given-value"),
    pytest.param([{"action": "add_span", **sel("mai prochain"), "label": "DATE"}],
                 {"spans+": ["s7:DATE:mai prochain=2022-05"]}, id="add-date-relative-to-published"),
    pytest.param([{"action": "add_span", **sel("Estrie", nth=1), "label": "REGION"}],
                 {"spans+": ["s7:REGION:Estrie=Estrie@qc-region-05"]}, id="add-region-inside-org-overlap"),
    pytest.param([{"action": "set_label", "span": "s2", "label": "REGION"}],
                 {"spans": ["s1:DATE:21 avril 2022=2022-04-21", "s2:REGION:Estrie=Estrie@qc-region-05",
                            "s3:MINISTER:François Bonnardel=François Bonnardel", "s4:AMOUNT:350 000 $=350000",
                            "s5:ORG:Exo-Tech Estrie=Exo-Tech Estrie", "s6:AMOUNT:1,2 M$=1200000"],
                  "status": "corrected"}, id="relabel-org-as-region"),
    pytest.param([{"action": "set_label", "span": "s2", "label": "REGION"},
                  {"action": "edit_record", "record": "r1", "changes": {"region": "s2"}}],
                 {"records": ["r1:s5/s4/grant/total=s6/region=s2/date=2022-04-21/ministers=s3",
                              UNCHANGED_RECORDS[1]], "pending": ["r2"]}, id="relabel-then-link-region"),
    pytest.param([{"action": "set_value", "span": "s4", "value": "360 000 $"}],
                 {"spans@3": "s4:AMOUNT:350 000 $=360000"}, id="set-amount-value-as-written"),
    pytest.param([{"action": "set_value", "span": "s4", "value": 350000.5}],
                 {"spans@3": "s4:AMOUNT:350 000 $=350000.5"}, id="set-amount-value-number"),
    pytest.param([{"action": "set_value", "span": "s1", "value": "le 22 avril 2022"}],
                 {"spans@0": "s1:DATE:21 avril 2022=2022-04-22"}, id="set-date-value-as-written"),
    pytest.param([{"action": "set_value", "span": "s5", "value": ""}],
                 {"spans@4": "s5:ORG:Exo-Tech Estrie=None"}, id="clear-value"),
    pytest.param([{"action": "delete_span", "span": "s6"}],
                 {"records": ["r1:s5/s4/grant/total=None/region=None/date=2022-04-21/ministers=s3"],
                  "pending": ["r1"], "status": "corrected"}, id="delete-amount-drops-its-record"),
    pytest.param([{"action": "delete_span", "span": "s3"}],
                 {"records": ["r1:s5/s4/grant/total=s6/region=None/date=2022-04-21/ministers=",
                              UNCHANGED_RECORDS[1]]}, id="delete-minister-clears-reference"),
    pytest.param([{"action": "delete_span", "span": "s5"}],
                 {"records": [], "pending": []}, id="delete-recipient-drops-both-records"),
    pytest.param([{"action": "accept_record", "record": "r1"}],
                 {"pending": ["r2"], "status": "corrected", "records": UNCHANGED_RECORDS}, id="accept-one"),
    pytest.param([{"action": "accept_all"}], {"pending": [], "status": "corrected"}, id="accept-all"),
    pytest.param([{"action": "edit_record", "record": "r1", "changes": {"kind": "loan", "date": "2022-04"}}],
                 {"records": ["r1:s5/s4/loan/total=s6/region=None/date=2022-04/ministers=s3",
                              UNCHANGED_RECORDS[1]], "pending": ["r2"]}, id="edit-kind-and-date"),
    pytest.param([{"action": "edit_record", "record": "r2", "changes": {"amount": "s4", "total_cost": "s6",
                                                                         "ministers": ["s3"]}}],
                 {"records": [UNCHANGED_RECORDS[0],
                              "r2:s5/s4/grant/total=s6/region=None/date=2022-04-21/ministers=s3"]},
                 id="edit-amount-total-and-ministers"),
    pytest.param([{"action": "edit_record", "record": "r1", "changes": {"total_cost": "", "date": ""}}],
                 {"records": ["r1:s5/s4/grant/total=None/region=None/date=None/ministers=s3",
                              UNCHANGED_RECORDS[1]]}, id="edit-empty-strings-clear"),
    pytest.param([{"action": "delete_record", "record": "r2"},
                  {"action": "add_span", **sel("Magog"), "label": "ORG"},
                  {"action": "add_record", "recipient": "s7", "amount": "s6"}],
                 {"records": [UNCHANGED_RECORDS[0], "r2:s7/s6/grant/total=None/region=None/date=2022-04-21/ministers="],
                  "pending": ["r1"]}, id="replace-wrong-record"),
    pytest.param([{"action": "next"}, {"action": "next"}, {"action": "next"}],
                 {"index": 2, "status": "pre"}, id="next-stops-at-last"),
    pytest.param([{"action": "next"}, {"action": "prev"}, {"action": "prev"}], {"index": 0}, id="prev-stops-at-first"),
    pytest.param([{"action": "goto", "index": 9}], {"index": 2}, id="goto-clamped"),
]


@pytest.mark.parametrize(("actions", "expected"), ACTION_CASES)
def test_actions(actions: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    s = session(3)
    before = summary(s)["spans"]
    for msg in actions:
        assert apply_action(s, msg)
    got = summary(s)
    for key, value in expected.items():
        if key == "spans+":  # new spans, kept in text order among the others
            assert sorted(got["spans"]) == sorted(before + value)
            assert [x.start for x in s.current.spans] == sorted(x.start for x in s.current.spans)
        elif key.startswith("spans@"):
            assert got["spans"][int(key[6:])] == value
        else:
            assert got[key] == value, key
    assert all(validate(doc) == [] for doc in s.documents)


def _edit(**changes: Any) -> dict[str, Any]:
    return {"action": "edit_record", "record": "r1", "changes": changes}


ERROR_CASES = [
    pytest.param({"action": "add_span", "start": 300, "end": 400, "label": "ORG"}, "outside the text",
                 id="offsets-out-of-range"),
    pytest.param({"action": "add_span", "start": 10, "end": 10, "label": "ORG"}, "outside the text",
                 id="empty-selection"),
    pytest.param({"action": "add_span", "start": at(" - ")[0], "end": at(" - ")[0] + 1, "label": "ORG"},
                 "only whitespace", id="whitespace-selection"),
    pytest.param({"action": "add_span", **sel("Magog"), "label": "PERSON"}, "unknown label 'PERSON'",
                 id="unknown-label"),
    pytest.param({"action": "add_span", **sel("350 000 $", pad=1), "label": "AMOUNT"}, "already a AMOUNT span",
                 id="duplicate-span"),
    pytest.param({"action": "add_span", **sel("Magog"), "label": "AMOUNT", "value": "beaucoup"}, "not an amount",
                 id="bad-given-value"),
    pytest.param({"action": "set_label", "span": "s4", "label": "ORG"}, "s4 is the amount of record r1",
                 id="relabel-span-used-by-record"),
    pytest.param({"action": "set_label", "span": "s9", "label": "ORG"}, "no span 's9'", id="unknown-span"),
    pytest.param({"action": "set_value", "span": "s4", "value": "beaucoup"}, "not an amount", id="bad-amount"),
    pytest.param({"action": "set_value", "span": "s1", "value": "bientôt"}, "not a date", id="bad-date"),
    pytest.param(_edit(recipient="s4"), "recipient must be a ORG span, s4 is AMOUNT", id="recipient-wrong-label"),
    pytest.param(_edit(ministers=["s5"]), "ministers must be a MINISTER span", id="minister-wrong-label"),
    pytest.param(_edit(program="s42"), "program: no span 's42'", id="missing-span-reference"),
    pytest.param(_edit(kind="don"), "unknown record kind 'don'", id="bad-kind"),
    pytest.param(_edit(date="21/04/2022"), "not ISO", id="date-not-iso"),
    pytest.param(_edit(amout="s4"), "unknown record field", id="misspelt-field"),
    pytest.param({"action": "accept_record", "record": "r7"}, "no record 'r7'", id="unknown-record"),
    pytest.param({"action": "add_record", "recipient": "s5", "amount": "s5"}, "amount must be a AMOUNT span",
                 id="add-record-wrong-amount"),
    pytest.param({"action": "save"}, "no path to save to", id="save-without-path"),
    pytest.param({"action": "save", "path": "/tmp/corrections.json"}, "use a .jsonl path", id="save-not-jsonl"),
    pytest.param({"action": "undo"}, "unknown action 'undo'", id="unknown-action"),
]


@pytest.mark.parametrize(("msg", "error"), ERROR_CASES)
def test_bad_actions_raise_and_change_nothing(msg: dict[str, Any], error: str) -> None:
    s = session()
    before = s.documents
    with pytest.raises(ValueError, match=error):
        apply_action(s, msg)
    assert s.documents == before
    assert s.pending_records() == ["r1", "r2"]


def test_spans_and_records_without_ids_get_ids() -> None:
    doc = pre_annotation()
    doc = Annotation(doc.id, doc.text, [Span(None, *at("Magog"), "ORG"), *doc.spans],
                     [RecordAnnotation(None, recipient="s5", amount="s4"), *doc.records], doc.meta)
    s = CorrectionSession([doc])
    assert [x.id for x in s.current.spans][:1] == ["s7"] and [r.id for r in s.current.records] == ["r3", "r1", "r2"]
    assert s.pending_records() == ["r3", "r1", "r2"]
    s.delete_record("r3")
    s.delete_span("s7")
    assert [validate(d) for d in s.documents] == [[]]


def test_empty_session_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one document"):
        CorrectionSession([])


def test_save_round_trip_and_resume(tmp_path: Path) -> None:
    gold = pre_annotation("qc-test-gold", status="gold")
    s = CorrectionSession([pre_annotation("qc-test-a"), pre_annotation("qc-test-b"), gold])
    s.set_label("s2", "REGION")
    s.accept_record("r1")
    path = s.save(tmp_path / "out" / "corrections.jsonl")
    assert path == tmp_path / "out" / "corrections.jsonl" and s.path == path

    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(o["id"], o["status"]) for o in lines] == [("qc-test-a", "corrected"), ("qc-test-b", "pre"),
                                                        ("qc-test-gold", "gold")]
    assert lines[0]["meta"][UNREVIEWED] == ["r2"] and UNREVIEWED not in lines[1]["meta"]
    assert lines[0]["meta"]["published"] == "2022-04-21"
    jsonschema = pytest.importorskip("jsonschema")
    for obj in lines:
        jsonschema.validate(obj, annotation_schema())

    docs = read_annotations(path)
    assert [validate(d) for d in docs] == [[], [], []]
    assert docs[0].span("s2") == Span("s2", *at("Estrie"), "REGION", "Estrie", "qc-region-05")

    again = CorrectionSession.from_file(path)
    assert again.pending_records() == ["r2"]
    again.next()
    assert again.pending_records() == ["r1", "r2"]
    again.next()
    assert again.pending_records() == []
    again.prev()
    again.prev()
    again.delete_record("r2")
    assert UNREVIEWED not in again.current.meta
    assert again.save() == path
    assert UNREVIEWED not in read_annotations(path)[0].meta


def test_documents_keep_order_and_other_meta() -> None:
    s = session(2)
    s.next()
    s.accept_all()
    assert [d.id for d in s.documents] == ["qc-test-0", "qc-test-1"]
    assert [d.status for d in s.documents] == ["pre", "corrected"]
    assert s.documents[1].meta == {"published": "2022-04-21", "jurisdiction": "QC"}


def test_session_state_is_json_and_marks_pending() -> None:
    s = session(2)
    s.accept_record("r1")
    state = session_state(s)
    json.dumps(state)
    assert state["index"] == 0 and state["count"] == 2
    assert [(r["id"], r["state"], r["recipient_text"], r["amount_value"]) for r in state["records"]] == [
        ("r1", "accepted", "Exo-Tech Estrie", 350000), ("r2", "pending", "Exo-Tech Estrie", 1200000)]
    assert [x["text"] for x in state["spans"]][:2] == ["21 avril 2022", "Estrie"]
    assert [lab["label"] for lab in state["labels"]] == ["MINISTER", "ORG", "AMOUNT", "PROGRAM", "REGION", "DATE"]
    assert state["doc"]["status"] == "corrected" and state["doc"]["text"] == TEXT


def test_session_over_preannotations() -> None:
    """The session works on what preannotate() makes (rule pipeline only)."""
    from annonces.annotate import preannotate

    text = ("GATINEAU, le 5 juin 2023 - La ministre responsable de la région de l'Outaouais annonce "
            "une aide financière de 64 000 $ au Centre d'entraide de Buckingham.")
    [doc] = preannotate([text], fast=True)
    s = CorrectionSession([doc])
    assert s.pending_records() == [r.id for r in doc.records]
    amount = next(x for x in doc.spans if x.label == "AMOUNT")
    assert amount.value == Decimal(64000)
    s.accept_all()
    start = text.index("Buckingham")
    s.add_span(start, start + len("Buckingham"), "ORG", value="Ville de Buckingham")
    assert [validate(d) for d in s.documents] == [[]]
    assert s.current.status == "corrected"


# ---------------------------------------------------------------- the anywidget view (Python side)


@pytest.fixture
def widget_class() -> Callable[..., Any]:
    pytest.importorskip("anywidget", reason="the widget needs the notebooks extra (anywidget)")
    from annonces.annotation.widget import CorrectionWidget

    return CorrectionWidget


def test_widget_mirrors_session(widget_class: Callable[..., Any]) -> None:
    w = widget_class([pre_annotation("qc-test-a"), pre_annotation("qc-test-b")])
    assert w.doc["id"] == "qc-test-a" and w.count == 2 and w.index == 0
    assert len(w.spans) == 6 and [r["state"] for r in w.records] == ["pending", "pending"]
    assert "export default" in w._esm and ".ann-text" in w._css
    assert [lab["label"] for lab in w.labels][0] == "MINISTER"


def test_widget_applies_front_end_messages(widget_class: Callable[..., Any], tmp_path: Path) -> None:
    w = widget_class([pre_annotation("qc-test-a"), pre_annotation("qc-test-b")], path=tmp_path / "c.jsonl")
    start, end = at("Magog")
    w._handle_custom_msg({"action": "add_span", "start": start, "end": end, "label": "ORG"}, [])
    assert [x["id"] for x in w.spans if x["text"] == "Magog"] == ["s7"] and w.message.startswith("added s7 ORG")
    w._handle_custom_msg({"action": "accept_record", "record": "r1"}, [])
    assert [r["state"] for r in w.records] == ["accepted", "pending"] and w.doc["status"] == "corrected"
    w._handle_custom_msg({"action": "next"}, [])
    assert w.index == 1 and w.doc["id"] == "qc-test-b" and len(w.spans) == 6
    w._handle_custom_msg({"action": "save"}, [])
    assert w.message.startswith("saved 2 document(s)")
    assert [d.status for d in read_annotations(tmp_path / "c.jsonl")] == ["corrected", "pre"]


def test_widget_errors_become_the_message(widget_class: Callable[..., Any]) -> None:
    w = widget_class(session())
    w._handle_custom_msg({"action": "set_label", "span": "s4", "label": "ORG"}, [])
    assert w.message.startswith("error: span s4 is the amount of record r1")
    w._handle_custom_msg({"action": "add_span", "start": "x"}, [])
    assert w.message.startswith("error:")
    assert w.spans[3]["label"] == "AMOUNT"


def test_widget_index_traitlet_moves_the_session(widget_class: Callable[..., Any]) -> None:
    s = session(3)
    w = widget_class(s)
    w.index = 2
    assert s.index == 2 and w.doc["id"] == "qc-test-2"
    w.index = 7
    assert s.index == 2 and w.index == 2


def test_widget_ignores_messages_without_action(widget_class: Callable[..., Any]) -> None:
    """anywidget's own custom messages (no ``action`` key) are not edits."""
    w = widget_class(session())
    before = (w.spans, w.records, w.message)
    w._handle_custom_msg({"id": "1", "kind": "anywidget-command", "name": "ping"}, [])
    assert (w.spans, w.records, w.message) == before
    assert type(w).__name__ == type(w).__qualname__ == "CorrectionWidget"
