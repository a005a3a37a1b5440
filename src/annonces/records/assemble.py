"""Assembly of the records of one release: rules, fields, merging and checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from ..linking import stable_id
from ..normalize.text import drop_grammatical_article, key
from ..types import Amount, DateValue, FundingRecord, Mention, Segment, Table
from .context import RECORD_ROLES, RULE_CONFIDENCE, Context, cues, in_section
from .fields import announcement_date, credited, doc_program, evidence_of, funder_of, program_of, region_of, total_cost
from .ids import program_ref
from .features import FRAGMENT
from .linker import FRAGMENT_CAP, Linker, decide, default_linker, pair_confidence, scored_pairs
from .recipients import family, recipients
from .splits import purpose_parts
from .tables import in_claimed, table_records  # the table reader (records/tables.py)

def assemble_records(
    text: str,
    *,
    amounts: Sequence[Amount],
    organizations: Sequence[Mention],
    programs: Sequence[Mention] = (),
    regions: Sequence[Mention] = (),
    ministers: Sequence[Mention] = (),
    dates: Sequence[DateValue] = (),
    sections: Sequence[Segment] = (),
    sentences: Sequence[tuple[int, int]] = (),
    published: dt.date | None = None,
    kb=None,
    linker: Linker | str | None = "default",
    tables: Sequence[Table] | None = None,
    strategy: str = "rules",
) -> list[FundingRecord]:
    """Funding records for one release (see the module docstring for the rules).

    ``linker``: ``"default"`` uses the learned linker shipped in the package (the hand rules
    when none is installed), a :class:`~annonces.records.linker.Linker` that one, ``None``
    the hand rules alone (fixed confidence priors).  ``strategy`` (with a linker):
    ``"rules"``, the hand rules' records, each with the linker's calibrated probability of its
    (amount, recipient) pair as confidence (the cross-validated winner, see
    ``bench/crossval.py``); ``"both"``, those and the linker's records for the amounts the
    rules leave; ``"learned"``, the linker alone.

    >>> from annonces.extractors.amounts import find_amounts
    >>> from annonces.extractors.organizations import find_organizations
    >>> t = "Le gouvernement accorde 500 000 $ à l'entreprise Groupe iCible pour son projet."
    >>> amounts = find_amounts(t)
    >>> recs = assemble_records(t, amounts=amounts, organizations=find_organizations(t, amounts=amounts))
    >>> [(r.recipient, r.amount, r.kind) for r in recs]
    [('Groupe iCible', Decimal('500000'), 'grant')]
    """
    ctx = Context(text, list(amounts), list(organizations), list(programs), list(regions), list(ministers), list(dates), list(sections), list(sentences), published, kb)
    ctx.doc_program = doc_program(ctx)
    date = announcement_date(ctx)
    ministers_credited = credited(ctx)
    # --- table reader: amounts inside a recognized table are read by their column (records/tables.py);
    # the linker and the rules read the other amounts
    from ..segmentation.tables import find_tables
    table_recs, claimed = table_records(ctx, find_tables(text) if tables is None else tables,
                                        date=date, ministers=ministers_credited)
    if claimed:
        ctx.amounts = [a for a in ctx.amounts if not in_claimed(claimed, a.start)]
        ctx.amount_starts = [a.start for a in ctx.amounts]
    # --- end table reader
    model = default_linker() if linker == "default" else linker
    if isinstance(model, Linker):
        scored = scored_pairs(ctx, model)
        chosen: list[tuple[Amount, Mention, str, float | None]] = [] if strategy == "rules" else list(decide(ctx, model, scored))
        if strategy in ("rules", "both"):
            ruled = rule_records(ctx)
            covered = {id(a) for a, _, _ in ruled}
            chosen = [(a, r, rule, pair_confidence(model, scored, a, r, rule, ctx)) for a, r, rule in ruled] + \
                ([c for c in chosen if id(c[0]) not in covered] if strategy == "both" else [])
        elif strategy != "learned":
            raise ValueError(f"unknown strategy {strategy!r} (rules, both, learned)")
        found = [(a, r, rule) for a, r, rule, _ in chosen]
        probabilities = {(id(a), id(r)): p for a, r, _, p in chosen if p is not None}
    else:
        found, probabilities = rule_records(ctx), {}
    records = [_build(ctx, a, r, rule, date, ministers_credited, probabilities.get((id(a), id(r)))) for a, r, rule in found]
    return checks(ctx, merge(records, found) + table_recs)  # + table reader


def rule_records(ctx: Context) -> list[tuple[Amount, Mention, str]]:
    """(amount, recipient, rule) by the hand rules alone (the ``--rules`` path and the fallback)."""
    found: list[tuple[Amount, Mention, str]] = []
    recipient_keys: set[str] = set()
    main_max = Decimal(0)
    main: Mention | None = None
    for a in ctx.amounts:
        if (a.role not in RECORD_ROLES and a.role not in {"aggregate", "envelope"}) or a.low is not None or a.high is not None:
            continue
        if in_section(ctx.sections, a.start, {"boilerplate", "contact"}):
            continue
        s0, s1 = ctx.sent.at(a.start)
        recips, rule = recipients(ctx, a, main)
        if not recips:
            continue
        if a.role == "envelope" and family(rule) != "line" and not _envelope_given(ctx, a, recips):
            continue  # an envelope is no one's record unless it is given straight to a name
        if rule == "main" and a.value > main_max:
            continue  # an amount larger than the release's main funding is not a part of it ("180 milliards")
        if a.role == "aggregate":
            if len(recips) == 1 and rule != "main" and main is None and not found:
                main = recips[0]  # "une aide totale de 1 678 900 $ au Carnaval", split given later
                main_max = max(main_max, a.value)
            continue
        if len(recips) > 1 and family(rule) != "each":
            continue  # one amount for several recipients: an aggregate
        for r in recips:
            found.append((a, r, rule))
        if rule != "main":
            recipient_keys.update(r.id or key(r.canonical) for r in recips)
            main = recips[0] if len(recipient_keys) == 1 else None
            main_max = max(main_max, a.value)
    return found


def _envelope_given(ctx: Context, a: Amount, recips: Sequence[Mention]) -> bool:
    """``une dotation de 40 M€ destinée au Centre des monuments nationaux``, ``une enveloppe de 10 000 $
    a été donnée au festival X``: one name right after the envelope, given it by a participle or ``à``."""
    return len(recips) == 1 and recips[0].start > a.end and not ctx.is_funder(recips[0]) and bool(
        cues()["envelope_to_rx"].fullmatch(ctx.u, a.end, recips[0].start))


def _build(ctx: Context, a: Amount, recipient: Mention, rule: str, date, ministers,
           probability: float | None = None) -> FundingRecord:
    program = program_of(ctx, a, recipient)
    region, code, inferred = region_of(ctx, a, recipient)
    total = total_cost(ctx, a)
    if probability is not None:
        return _record(ctx, a, recipient, rule, date, ministers, program, region, code, inferred, total, probability)
    conf = RULE_CONFIDENCE[family(rule)]
    if a.approximate:
        conf -= 0.05
    if a.ambiguous:
        conf -= 0.1
    if recipient.source == "ner":
        conf -= 0.1
    if a.role == "other":
        conf -= 0.1
    if FRAGMENT.search(recipient.canonical):
        conf = min(conf, FRAGMENT_CAP)  # "Centre Nia, de 48 781": a name cut wrong is never trusted
    return _record(ctx, a, recipient, rule, date, ministers, program, region, code, inferred, total, conf)


def _record(ctx: Context, a: Amount, recipient: Mention, rule: str, date, ministers, program, region, code,
            inferred, total, conf: float) -> FundingRecord:
    funder, funder_id = funder_of(ctx, a, recipient, program, date)
    name = drop_grammatical_article(recipient.canonical)
    return FundingRecord(
        recipient=name,
        recipient_id=recipient.id or stable_id("org", name),
        amount=a.value,
        currency=a.currency,
        evidence=evidence_of(ctx, a, rule, recipient.source),
        kind="loan" if a.role == "loan" else "grant",
        total_cost=total.value if total is not None else None,
        program=program.canonical if program is not None else None,
        program_id=program_ref(program)[1],
        funder=funder,
        funder_id=funder_id,
        region=region,
        region_code=code,
        region_inferred=inferred,
        date=date,
        ministers=ministers,
        confidence=max(0.05, min(0.99, conf)),
    )


def merge(records: list[FundingRecord], found: list[tuple[Amount, Mention, str]]) -> list[FundingRecord]:
    """One record per (recipient, amount) restated in several sentences; several when one
    sentence or list item states the same amount more than once (``(175 000 $) et (175 000 $)``)."""
    groups: dict[tuple, list[FundingRecord]] = {}
    for rec in records:
        groups.setdefault((rec.recipient_id, rec.amount), []).append(rec)
    keep: set[int] = set()
    for recs in groups.values():
        per_unit: dict[tuple[int, int], int] = {}
        for r in recs:
            per_unit[(r.evidence.start, r.evidence.end)] = per_unit.get((r.evidence.start, r.evidence.end), 0) + 1
        n = max(per_unit.values())
        best = sorted(recs, key=lambda r: -r.confidence)[:n]
        for b in best:
            filled = b
            for o in recs:
                filled = replace(filled, program=filled.program or o.program, total_cost=filled.total_cost or o.total_cost,
                                 region=filled.region or o.region, region_code=filled.region_code or o.region_code,
                                 region_inferred=filled.region_inferred if filled.region else o.region_inferred,
                                 program_id=filled.program_id if filled.program else o.program_id,
                                 funder=filled.funder or o.funder, funder_id=filled.funder_id if filled.funder else o.funder_id)
            keep.add(id(b))
            records[records.index(b)] = filled
            keep.add(id(filled))
    return [r for r in records if id(r) in keep]


def subset_sum(target: Decimal, values: list[Decimal]) -> bool:
    """True when at least two of ``values`` add up to ``target`` (small lists only).

    >>> subset_sum(Decimal(45000), [Decimal(15000), Decimal(30000), Decimal(550000)])
    True
    """
    values = values[:14]
    n = len(values)
    for mask in range(1, 1 << n):
        if bin(mask).count("1") >= 2 and sum((values[i] for i in range(n) if mask >> i & 1), Decimal(0)) == target:
            return True
    return False


def tolerance(total: Decimal) -> Decimal:
    """Half a unit for an exact figure; 5 % for a round one (``29 millions``).

    >>> tolerance(Decimal("1627450")), tolerance(Decimal("29000000"))
    (Decimal('0.5'), Decimal('1450000.00'))
    """
    if total >= 100000 and total % 100000 == 0:
        return total * Decimal("0.05")
    return Decimal("0.5")


def checks(ctx: Context, records: list[FundingRecord]) -> list[FundingRecord]:
    """Drop a recipient's total when its parts are given; warn when stated totals do not add up."""
    out = list(records)
    by_recipient: dict[str, list[FundingRecord]] = {}
    for r in out:
        by_recipient.setdefault(r.recipient_id or r.recipient, []).append(r)
    drop = set()
    for recs in by_recipient.values():
        for r in recs:
            others = [o.amount for o in recs if o is not r]
            if len(others) >= 2 and subset_sum(r.amount, others):
                drop.add(id(r))  # a total whose split is given
            elif r.amount in ctx.approximate_values and any(
                    o.amount != r.amount and abs(o.amount - r.amount) <= r.amount * Decimal("0.1") for o in recs):
                drop.add(id(r))  # "plus de 220 000 $" restating an exact "221 182,15 $"
    drop |= purpose_parts(out, ctx.amounts, ctx.u)  # "654 000 $ : 196 750 $ pour …, 265 500 $ pour …": one record
    out = [r for r in out if id(r) not in drop]
    totals = [a for a in ctx.amounts if a.role == "aggregate"]
    if out and totals:
        s = sum((r.amount for r in out), Decimal(0))
        stated = [t for t in totals if not t.approximate]
        if stated and all(abs(t.value - s) > tolerance(t.value) for t in stated):
            closest = min(stated, key=lambda t: abs(t.value - s))
            w = f"records sum to {s} but the release states a total of {closest.value} ({closest.text!r})"
            out = [replace(r, warnings=(*r.warnings, w)) for r in out]
    return out
