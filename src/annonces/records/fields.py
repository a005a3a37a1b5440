"""The other fields of a record: total cost, program, region, date, ministers, funder, evidence."""

from __future__ import annotations

import re

from ..extractors.context import section_at
from ..normalize.text import key
from ..types import Amount, Evidence, Mention
from .ids import Ref, entity_ref, mention_ref
from . import regions
from .dating import record_date
from .recipients import family
from .context import RECORD_ROLES, Context, cues, distinct, in_range, nearest

def total_cost(ctx: Context, a: Amount) -> Amount | None:
    """``110 000 $ sur un projet de 352 500 $`` / ``un plan de 43,8 M$, dont 20 M$``."""
    c = cues()
    for b in ctx.amounts_in(a.start - 60, a.end + 60):
        if b is a:
            continue
        if 0 <= b.start - a.end <= 45 and c["total_rx"].search(ctx.u[a.end:b.start]) and b.value > a.value:
            return b
        if 0 <= a.start - b.end <= 12 and c["part_rx"].search(ctx.u[b.end:a.start]) and b.value > a.value:
            return b
    # a cost of the sentence belongs to its nearest grant (fewest , ; ) between them, then the one
    # before it, then the closer in characters ("A obtient 850 000 $ pour ses investissements de
    # 2,1 M$, B 1,2 M$ (investissements de 3 M$)": each its own)
    s0, s1 = ctx.sent.at(a.start)
    grants = [g for g in ctx.amounts_in(s0, s1) if g.role in RECORD_ROLES or g is a]
    costs = [b for b in ctx.amounts_in(s0, s1) if b is not a and b.role == "total_cost" and b.value > a.value]

    def gap(g: Amount, b: Amount) -> tuple[int, int, int]:  # marks between, then side, then characters
        lo, hi, side = (g.end, b.start, 0) if g.end <= b.start else (b.end, g.start, 1)
        return sum(ctx.u.count(ch, lo, hi) for ch in ",;)"), side, hi - lo
    mine = [b for b in costs if min(grants, key=lambda g: gap(g, b)) is a]
    if mine:
        return min(mine, key=lambda b: gap(a, b))
    if costs and len(grants) == 1:
        return costs[0]
    # "… 500 000 $ à X. Cette aide permettra de réaliser un projet de 1,3 M$": the next sentences
    p0, p1 = ctx.para(a.start)
    for b in ctx.amounts_in(a.end + 1, min(p1, a.end + 1500)):
        if b.role in RECORD_ROLES and b.role != "other":
            break  # another grant comes first: the cost would be its own
        if b.role == "total_cost" and b.value > a.value:
            return b
    return None


def program_of(ctx: Context, a: Amount, recipient: Mention) -> Mention | None:
    """The program of a record: named in its sentence (a plan framing the release's own
    program gives way to it: ``Fonds friches``, ``dans le cadre du plan de relance``), its
    list item, its paragraph, the paragraph before it (``Ces subventions proviennent du
    PACTE.`` / ``Il s'agit du X (135 066 $), …``), the release's program, else the one
    named with the same recipient elsewhere."""
    s0, s1 = ctx.sent.at(a.start)
    hit = nearest(ctx.programs, a.start, s0, s1)
    if hit is not None:
        specific = ctx.doc_program
        if key(hit.canonical) in ctx.umbrellas and specific is not None and key(specific.canonical) not in ctx.umbrellas:
            return specific
        return hit
    item = section_at(ctx.sections, a.start)
    if item is not None and item.label == "list_item":
        hit = nearest(ctx.programs, a.start, item.start, item.end)
        if hit is not None:
            return hit
    p0, p1 = ctx.para(a.start)
    in_para = distinct(in_range(ctx.programs, p0, p1))
    if len(in_para) == 1:
        return in_para[0]
    if not in_para and p0 > 0:
        before = distinct(in_range(ctx.programs, *ctx.para(max(0, p0 - 2))))
        if len(before) == 1 and ctx.para(max(0, p0 - 2))[1] <= p0:
            return before[0]
    if ctx.doc_program is not None or not ctx.programs:
        return ctx.doc_program
    # several programs: the one named with the same recipient elsewhere
    k = key(recipient.canonical)
    if k not in ctx.program_by_recipient:
        near = distinct([p for o in ctx.orgs if key(o.canonical) == k for p in in_range(ctx.programs, o.start - 250, o.start + 250)])
        ctx.program_by_recipient[k] = near[0] if len(near) == 1 else None
    return ctx.program_by_recipient[k]


def doc_program(ctx: Context) -> Mention | None:
    """The release's program when a record's own sentence and paragraph name none."""
    progs = distinct(ctx.programs)
    if len(progs) == 1:
        return progs[0]
    specific = distinct([p for p in ctx.programs if key(p.canonical) not in ctx.umbrellas])
    if len(specific) == 1:
        return specific[0]  # "l'appel à projets X, dans le cadre du plan France Relance" -> X
    # several programs: the one the release names most often (``la DSIL … financée par France Relance``)
    counts: dict[str, int] = {}
    for p in ctx.programs:
        counts[key(p.canonical)] = counts.get(key(p.canonical), 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] > ranked[1][1] and ranked[0][1] >= 2:
        return next(p for p in progs if key(p.canonical) == ranked[0][0])
    return None


def region_of(ctx: Context, a: Amount, recipient: Mention) -> tuple[str | None, str | None, bool]:
    """``(region, code, inferred)`` of a record: see :mod:`.regions`."""
    return regions.region_of(ctx, a, recipient)


def announcement_date(ctx: Context) -> str | None:
    """The date of the release's records (the meeting's, else the announcement's): see :mod:`.dating`."""
    return record_date(ctx)


def credited(ctx: Context) -> tuple[str, ...]:
    best: dict[str, str] = {}
    rank = {"announcer": 3, "on_behalf_of": 2, "mentioned": 1, "quoted": 0}
    for m in ctx.ministers:
        r = m.role or "mentioned"
        if m.canonical not in best or rank[r] > rank[best[m.canonical]]:
            best[m.canonical] = r
    credited = [n for n, r in best.items() if r in {"announcer", "on_behalf_of"}]
    if credited:
        return tuple(credited)
    # nobody announces: the minister of the funding ministry (even if only quoted), else those mentioned
    funders = [key(re.sub(r"^(?:le |la )?minist[eè]re ", "", o.canonical, flags=re.IGNORECASE)) for o in ctx.orgs if o.id in ctx.funder_ids]
    by_portfolio = [m.canonical for m in ctx.ministers
                    if any(key(re.sub(r"^ministre ", "", p, flags=re.IGNORECASE)) in funders for p in m.portfolios)]
    if by_portfolio:
        return tuple(dict.fromkeys(by_portfolio))
    return tuple(n for n, r in best.items() if r == "mentioned")


def funder_of(ctx: Context, a: Amount, recipient: Mention, program: Mention | None, date: str | None = None) -> Ref:
    """``(name, id)`` of the record's funder, dated by the announcement (see :mod:`.ids`)."""
    s0, s1 = ctx.sent.at(a.start)
    for o in ctx.orgs_in(s0, s1):
        if o is not recipient and (o.id in ctx.funder_ids or cues()["funder_rx"].search(ctx.u[max(0, o.start - 40):o.start])):
            return mention_ref(ctx.kb, o, ctx.orgs, date)
    if program is not None and program.id and ctx.kb is not None:
        try:
            ent = ctx.kb.get(program.id)
            fid = (ent.attrs or {}).get("funder") if ent is not None else None
            fent = ctx.kb.get(fid) if fid else None
            if fent is not None:
                return entity_ref(ctx.kb, fent, date)
        except (AttributeError, KeyError):
            pass
    funders = distinct([o for o in ctx.orgs if o.id in ctx.funder_ids])
    return mention_ref(ctx.kb, funders[0], ctx.orgs, date) if len(funders) == 1 else (None, None)


def evidence_of(ctx: Context, a: Amount, rule: str, source: str | None = None) -> Evidence:
    item = section_at(ctx.sections, a.start)
    if family(rule) in {"paren", "line"} and item is not None and item.label == "list_item":
        s, e = item.start, item.end
    else:
        s, e = ctx.sent.at(a.start)
    return Evidence(s, e, ctx.text[s:e], rule, source=source)
