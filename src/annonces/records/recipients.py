"""Who receives an amount: the recipient rules, in order (see :mod:`annonces.records`)."""

from __future__ import annotations

import re

from ..extractors.context import section_at
from ..normalize.text import key
from ..segmentation.lines import line_separator
from ..types import Amount, Mention
from .context import RECORD_ROLES, Context, cues, is_list_line

def recipients(ctx: Context, a: Amount, used_main: Mention | None) -> tuple[list[Mention], str]:
    """Recipients of amount ``a`` and the rule that found them."""
    u = ctx.u
    c = cues()
    s0, s1 = ctx.sent.at(a.start)
    line_start = u.rfind("\n", 0, a.start) + 1
    line_end = u.find("\n", a.end)
    line_end = len(u) if line_end < 0 else line_end
    # line: "Name : … amount" at the start of a line / list item
    colon = line_separator(u, line_start, a.start)
    if colon > 0:
        head = [o for o in ctx.orgs_in(line_start, colon) if not ctx.is_funder(o)]
        named_after = [o for o in ctx.orgs_in(colon, a.start) if not ctx.is_funder(o)
                       and cues()["to_rx"].search(u[colon + 1:o.start])]
        if named_after:  # "Article 1 : d'attribuer à la SAS Bois Normand … 250 000 €"
            return [named_after[-1]], "to"
        if head and len(u[line_start:head[0].start].strip(" -•–*▪►0123456789.)\t")) == 0:
            return [head[0]], "line"
    item = section_at(ctx.sections, a.start)
    if item is not None and item.label == "list_item":
        head = [o for o in ctx.orgs_in(item.start, a.start) if not ctx.is_funder(o)]
        prefix = u[item.start:head[0].start].strip(" -•–*▪►0123456789.)\t") if head else ""
        if head and len(prefix) <= 40 and not re.search(r"[,;:()]", prefix):
            return [head[0]], "line"
    # paren: "Name (… amount …)" — the name ends just before the parenthesis
    p = u.rfind("(", max(line_start, a.start - 40), a.start)
    if p >= 0 and ")" not in u[p:a.start]:
        before = [o for o in ctx.orgs_in(max(line_start, p - 90), p) if not ctx.is_funder(o)]
        if before:
            o = before[-1]
            gap = u[o.end:p]
            if len(gap) <= 40 and not re.search(r"[.;:()]|\bet\b", gap) and not ctx.orgs_in(o.end + 1, p):
                return [o], "paren"
    # respectivement: "A et B recevront respectivement N $ et M $"
    if re.search(r"\brespectivement\b", u[max(s0, a.start - 300):min(s1, a.end + 300)]):
        sent_amounts = [x for x in ctx.amounts_in(s0, s1) if x.role in RECORD_ROLES]
        names = [o for o in ctx.orgs_in(s0, s1) if not ctx.is_funder(o) and o.end <= sent_amounts[0].start] if sent_amounts else []
        if len(names) == len(sent_amounts) > 1 and a in sent_amounts:
            return [names[sent_amounts.index(a)]], "to"
    # cleft: "C'est à X que sera versée l'aide de N $"
    for o in ctx.orgs_in(max(s0, a.start - 300), a.start):
        if re.match(r"[ ]*(?:,[ ]*)?qu(?:e|')", u[o.end:o.end + 6]) and re.search(r"c'est (?:à|au|aux)[ ]+(?:(?:la|le|les|l')[ ]?)?$", u[max(s0, o.start - 40):o.start], re.IGNORECASE):
            return [o], "to"
    # soit: "N $ à X, soit A $ pour … et B $ pour …": the parts go to X too
    w0 = max(s0, a.start - 300)  # windows stay bounded: linear time on endless sentences
    m = re.search(r"\bsoit\b[^.;]*$", u[w0:a.start])
    if m:
        lead = [x for x in ctx.amounts_in(w0, w0 + m.start()) if x.role in RECORD_ROLES | {"aggregate"}]
        if lead:
            got, rule = recipients(ctx, lead[-1], None)
            if len(got) == 1:
                return got, rule
    # to: "amount … à [l'organisme] Name"
    after = [o for o in ctx.orgs_in(a.end, s1) if not ctx.is_funder(o)]
    for o in after[:3]:
        between = u[a.end:o.start]
        if any(x is not a and x.role in RECORD_ROLES for x in ctx.amounts_in(a.end, o.start)):
            break
        if c["to_rx"].search(between):
            group = [o]
            for nxt in after[after.index(o) + 1:]:
                if re.fullmatch(r"[ ]*(?:,|et|ainsi qu'(?:à|aux|au)?)[ ]*(?:(?:à|aux|au|à l')[ ]*)?(?:(?:le|la|les|l')[ ]?)?", u[group[-1].end:nxt.start]):
                    group.append(nxt)
                else:
                    break
            return group, "to"
    # comma: "…, le Théâtre des Marionnettes du Lac, 25 000 $ et …"
    near = [o for o in ctx.orgs_in(max(line_start, a.start - 120), a.start) if not ctx.is_funder(o)]
    if near and re.fullmatch(r",[ ]*(?:(?:près de|plus de|environ)[ ]+)?", u[near[-1].end:a.start]):
        return [near[-1]], "paren"
    before = [o for o in ctx.orgs_in(s0, a.start) if not ctx.is_funder(o)]
    # each: "A, B et C … 30 000 $ chacun", "A et B recevront chacun 25 000 $"
    if before and (c["each_rx"].search(u[a.end:a.end + 30]) or re.search(r"\bchacune?[ ]+(?:(?:de|d'une?|un montant de)[ ]+)?$", u[max(s0, a.start - 30):a.start])):
        return before, "each"
    # subject: "Name … recevra / a reçu / bénéficie … amount"
    if before:
        o = before[-1]
        between = u[o.end:a.start]
        if c["receive_rx"].search(between) and not ctx.orgs_in(o.end + 1, a.start):
            return [o], "subject"
        m = re.search(r"\bport[ée]e?s? par[ ]+$", u[max(s0, a.start - 40):a.start])
        if m:
            return [o], "subject"
    if after:
        o = after[0]
        if re.search(r"\bport[ée]e?s? par[ ]+(?:(?:le|la|les|l')[ ]?)?$", u[a.end:o.start]):
            return [o], "to"
    # passive: "Name … un plan de 43,8 M$, dont 20 M$ seront financés par …"
    if before and c["passive_rx"].match(u, a.end):
        return [before[0]], "subject"
    # a definite reference to a name met before: "la microbrasserie a reçu 55 000 $"
    ref = _definite_reference(ctx, s0, a.start)
    if ref is not None:
        return [ref], "subject"
    # a place after the amount that names a municipality recipient: "… 149 500 $ pour … à Deschaillons"
    muni = _municipality_recipient(ctx, a.end, s1)
    if muni is not None:
        return [muni], "to"
    # main: a pronoun or no name at all, in a release whose recipient is known
    item = section_at(ctx.sections, a.start)
    if used_main is not None and a.role in {"grant", "loan"} and not (item is not None and item.label == "list_item") and not is_list_line(ctx, a):
        sentence = u[s0:s1]
        if re.search(r"\btota(?:l|le|ux|les|lis\w*)\b|\bensemble\b", sentence, re.IGNORECASE):
            return [], ""
        if re.search(r"\b(?:investit|investira|investissent|injecte|assume|assumera|paiera)\b", sentence) and \
                not re.search(r"\b(?:gouvernement|minist[èe]re|Québec|Canada|État|ministre)\b", sentence):
            return [], ""  # "La Municipalité investit 733 425 $": its own share, not a grant
        if c["pronoun_rx"].search(sentence) or not [o for o in ctx.orgs_in(s0, s1) if not ctx.is_funder(o)]:
            return [used_main], "main"
    return [], ""


def _definite_reference(ctx: Context, s0: int, pos: int) -> Mention | None:
    """``la microbrasserie`` / ``la Ville`` before ``pos``: the one known name starting with that noun."""
    m = None
    s0 = max(s0, pos - 300)
    for m in re.finditer(r"\b(?:[Ll]a|[Ll]e|[Ll]')[ ]?(?P<noun>[a-zàâçéèêëîïôûù]+|Ville|Municipalit[ée]|MRC)\b", ctx.u[s0:pos]):
        pass
    if m is None or not cues()["receive_rx"].search(ctx.u[s0 + m.end():pos]):
        return None
    noun = m.group("noun").lower()
    owners = {key(o.canonical): o for o in ctx.orgs if key(o.canonical).split(" ")[0] == noun and not ctx.is_funder(o)}
    return next(iter(owners.values())) if len(owners) == 1 else None


def _municipality_recipient(ctx: Context, start: int, end: int) -> Mention | None:
    """``… 149 500 $ pour … à Deschaillons``: the ``Municipalité de Deschaillons`` named in the release."""
    if ctx.municipal_orgs is None:  # place key -> the municipal organization, built once per release
        ctx.municipal_orgs = {}
        for o in ctx.orgs:
            m = re.match(r"(?:ville|municipalite|village|commune|mrc|arrondissement) (?:de |d |du )?(?P<place>.+)$", key(o.canonical))
            if m:
                ctx.municipal_orgs.setdefault(m.group("place"), o)
    if not ctx.municipal_orgs:
        return None
    for m in re.finditer(r"\b(?:à|au)[ ]+(?P<place>[A-ZÀ-Þ][\w'-]+(?:-[\w'-]+)*)", ctx.u[start:min(end, start + 300)]):
        o = ctx.municipal_orgs.get(key(m.group("place")))
        if o is not None:
            return o
    return None
