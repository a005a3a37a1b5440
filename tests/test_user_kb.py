"""``annonces.load(kb=PATH)`` merges a user's knowledge base over the shipped one."""

from __future__ import annotations

import json
from pathlib import Path

import annonces

TEXT = ("QUÉBEC, le 3 mai 2022 /CNW Telbec/ - Le Regroupement des tables de concertation en bioalimentaire "
        "(RTCB) reçoit 85 000 $ du Fonds d'appui aux circuits courts (FACC). Le RTCB remercie le ministère.")


def test_user_kb_adds_an_organization_and_a_program(tmp_path: Path) -> None:
    kb = tmp_path / "mon-kb.jsonl"
    rows = [
        {"id": "user-org-rtcb", "type": "organization", "name": "Regroupement des tables de concertation en bioalimentaire",
         "aliases": [], "acronyms": ["RTCB"], "code": None, "country": "CA", "jurisdiction": "QC", "parent": None,
         "valid_from": None, "valid_to": None, "attrs": {}},
        {"id": "user-prog-facc", "type": "program", "name": "Fonds d'appui aux circuits courts", "aliases": [],
         "acronyms": ["FACC"], "code": None, "country": "CA", "jurisdiction": "QC", "parent": None,
         "valid_from": None, "valid_to": None, "attrs": {}},
    ]
    kb.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    x = annonces.extract(TEXT, fast=True, kb=kb)
    orgs = {m.text: m.id for m in x.entities["organizations"]}
    assert orgs.get("Regroupement des tables de concertation en bioalimentaire") == "user-org-rtcb"
    assert orgs.get("RTCB") == "user-org-rtcb"
    programs = {m.id for m in x.entities["programs"]}
    assert "user-prog-facc" in programs
    [record] = x.records
    assert (record.recipient_id, record.program) == ("user-org-rtcb", "Fonds d'appui aux circuits courts")
    # the shipped KB is still there
    assert annonces.load(fast=True, kb=str(kb)) is annonces.load(fast=True, kb=str(kb))  # cached per config


def test_without_the_user_kb_the_ids_are_hashes() -> None:
    x = annonces.extract(TEXT, fast=True)
    ids = {m.id for m in x.entities["organizations"] if m.text.startswith("Regroupement")}
    assert ids and all(i.startswith("org:") for i in ids)
