"""The recipient rules are a table of named functions, each reporting its own name."""

from __future__ import annotations

import inspect
from decimal import Decimal

from annonces.output import evidence_to_dict
from annonces.records import recipients as rr
from annonces.records.context import RULE_CONFIDENCE
from annonces.types import Evidence
from annonces.writers import output_schema


def test_every_rule_is_a_named_function_with_a_family_and_an_example() -> None:
    names = [name for name, _ in rr.RULES]
    assert len(names) == len(set(names))
    for name, fn in rr.RULES:
        assert fn.__name__ == name
        assert fn.__doc__ and "``" in fn.__doc__, f"{name}: a docstring with an example"
        assert rr.FAMILY.get(name, "soit") in RULE_CONFIDENCE or name == "soit"
    assert set(rr.FAMILY) == set(names) - {"soit"}
    assert set(rr.FAMILY.values()) == set(RULE_CONFIDENCE)


def test_each_rule_reports_its_own_name() -> None:
    reported = set()
    for name, fn in rr.RULES:
        for line in inspect.getsource(fn).splitlines():
            if '"' + name + '"' in line:
                reported.add(name)
    assert reported == {name for name, _ in rr.RULES} - {"soit"}  # soit reports soit:<inner rule>


def test_rules_in_order_on_one_release() -> None:
    t = ("Ville de Sept-Îles : 180 000 $ pour la réfection du quai.\n"
         "La Société d'histoire de Lévis recevra 18 500 $ du ministère.")
    assert [rule for _, _, rule in rr.explain(t)] == ["line_head", "subject_receive"]


def test_evidence_source_in_the_json_and_the_schema() -> None:
    ev = evidence_to_dict(Evidence(0, 5, "x", "linker:line_head", source="kb"))
    assert ev["rule"] == "linker:line_head" and ev["source"] == "kb"
    props = output_schema()["$defs"]["record"]["properties"]["evidence"]["properties"]
    full = evidence_to_dict(Evidence(0, 5, "x", "table", page=1, table=0, row=1, column=2, source="table"))
    assert set(full) == set(props)
    assert "source" not in evidence_to_dict(Evidence(0, 5, "x"))


def test_a_record_carries_its_rule_and_recipient_source() -> None:
    from annonces.extractors.amounts import find_amounts
    from annonces.extractors.organizations import find_organizations
    from annonces.records import assemble_records

    t = "Le gouvernement accorde 500 000 $ à l'entreprise Groupe iCible pour son projet."
    amounts = find_amounts(t)
    [rec] = assemble_records(t, amounts=amounts, organizations=find_organizations(t, amounts=amounts), linker=None)
    assert (rec.recipient, rec.amount, rec.evidence.rule) == ("Groupe iCible", Decimal(500000), "to")
    assert rec.evidence.source is not None
