"""Funding records: one per amount granted to a named recipient, with its evidence.

For every amount that can be a grant or a loan (not an envelope, an aggregate with its
split given, a total cost, a range or a past figure), the recipient is looked for in
this order, each rule with its own prior confidence (:data:`RULE_CONFIDENCE`):

``paren``     ``Libération (6,7 millions)``, ``Granijem (200 963 $ sur 487 398 $)``
``line``      ``Palco : 175 000 $``, a list item starting with the recipient
``to``        ``accorde 500 000 $ à l'entreprise Groupe iCible`` (``à``, ``pour``, ``au bénéfice de``…)
``each``      ``A, B et C … soit 30 000 $ chacun`` (one record per name)
``subject``   ``Métal Marquis a reçu une contribution de 550 000 $``
``main``      a pronoun or no name, when the release has a single recipient so far

Then program, region, date, ministers, funder and total cost are filled from the
amount's sentence, list item, paragraph and the release, and checks add warnings.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from importlib import resources

from .extractors.context import SentenceIndex, SpanIndex, inside_minister_title, section_at
from .extractors.organizations import _line_separator
from .linking import stable_id
from .normalize.text import key, unify
from .types import Amount, DateValue, Evidence, FundingRecord, Mention, Segment

#: Prior precision of each recipient rule: observed precision on the dev releases and the
#: sample corpus (paren 27/29, line 41/42, to 16/16, subject 14/14, each 6/6, main 3/3),
#: smoothed towards 0.7 with two pseudo-records, minus 0.05 for releases never seen.
#: ``bench/calibration.py`` prints the reliability table of the resulting confidences.
RULE_CONFIDENCE = {"paren": 0.87, "line": 0.91, "to": 0.92, "each": 0.87, "subject": 0.91, "main": 0.83}
RECORD_ROLES = {"grant", "loan", "other"}
FUNDER_TYPES = {"ministry", "agency"}


@functools.cache
def cues() -> dict:
    data = json.loads(resources.files("annonces.extractors").joinpath("patterns/record_cues.json").read_text("utf-8"))
    alt = lambda words: "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # noqa: E731
    data["to_rx"] = re.compile(rf"^[ ,]*(?:[^.;:()\n]{{0,60}}?[ ,])?(?:{alt(data['to_recipient'])})[ ]*(?:(?:(?:le|la|les|l')[ ]?)?(?:{alt(data['role_words'])})(?:[ ]+(?:de|du|des)|[ ]+d')?[ ]*)?(?:(?:le|la|les|l')[ ]?)?$", re.IGNORECASE)
    data["receive_rx"] = re.compile(rf"\b(?:{alt(data['receive_verbs'])})\b", re.IGNORECASE)
    data["grant_rx"] = re.compile(rf"\b(?:{alt(data['grant_verbs'])})\b", re.IGNORECASE)
    data["funder_rx"] = re.compile(rf"(?:{alt(data['funder_markers'])})[ ]*(?:(?:le|la|les|l')[ ]?)?$", re.IGNORECASE)
    data["each_rx"] = re.compile(rf"^[^.;\n]{{0,25}}\b(?:{alt(data['each'])})\b", re.IGNORECASE)
    data["pronoun_rx"] = re.compile(rf"\b(?:{alt(data['pronouns'])})\b", re.IGNORECASE)
    data["total_rx"] = re.compile(rf"^[ ,]*(?:\([^()]{{0,5}})?(?:{alt(data['total_after'])})[ ]*$", re.IGNORECASE)
    data["part_rx"] = re.compile(rf"^[ ,]*(?:{alt(data['part_after'])})[ ]*$", re.IGNORECASE)
    data["passive_rx"] = re.compile(r"[ ,]*(?:(?:ser(?:a|ont)|est|sont|a été|ont été|seraient|serait)[ ]+)?(?:financ|accord|octroy|vers|attribu|consent)\w*", re.IGNORECASE)
    data["past_rx"] = re.compile(rf"\b(?:{alt(data['past'])})\b", re.IGNORECASE)
    return data


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in re.finditer(r"\n", text):
        if text[pos:m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


class _Context:
    """Everything the rules look at, indexed once per document."""

    def __init__(self, text, amounts, organizations, programs, regions, ministers, dates, sections, sentences, published, kb):
        self.text = text
        self.u = unify(text)
        self.amounts = sorted(amounts, key=lambda a: a.start)
        self.amount_starts = [a.start for a in self.amounts]
        self.sections = sections
        self.sent = SentenceIndex(text, sentences)
        self.paras = _paragraphs(text)
        self.para_starts = [s for s, _ in self.paras]
        self.orgs = [o for o in organizations if not _in_section(sections, o.start, {"boilerplate", "contact"})]
        self.org_starts = [o.start for o in self.orgs]
        self.kb = kb
        self.funder_ids = self._funder_ids()
        self.programs = _Sorted(p for p in programs if not _in_section(sections, p.start, {"boilerplate", "contact"}))
        self.regions = _Sorted(r for r in regions if self._eligible_region(r))
        self.ministers = ministers
        self.dates = dates
        self.published = published
        self.approximate_values = {a.value for a in amounts if a.approximate}
        self.umbrellas = self._umbrellas()
        self.doc_program = _doc_program(self)
        self.program_by_recipient: dict[str, Mention | None] = {}
        names = SpanIndex((o.start, o.end) for o in [*self.orgs, *self.programs])
        doc_regions = _distinct([r for r in self.regions if not names.covers(r.start, r.end)])
        self.doc_region = doc_regions[0] if len(doc_regions) == 1 else None

    def _umbrellas(self) -> set[str]:
        """Programs named as the frame of another: ``X, dans le cadre du plan Y`` / ``X, financée par Y``."""
        out = set()
        progs = sorted(self.programs, key=lambda p: p.start)
        for i, first in enumerate(progs):
            for second in progs[i + 1:]:
                if second.start - first.end > 120:
                    break
                if key(second.canonical) == key(first.canonical):
                    continue
                gap = self.u[first.end:second.start]
                if re.search(r"(?:dans le cadre d[eu]|financ[ée]e?s? par|issue? d[eu]|relevant d[eu]|volet d[eu])[ ]+(?:(?:la|le|l')[ ]?)?(?:plan|programme|fonds|stratégie|mesure)?[ ]*$", gap, re.IGNORECASE) and not re.search(r"[.;\n]", gap):
                    out.add(key(second.canonical))
        return out

    def _funder_ids(self) -> set[str]:
        ids = set()
        for o in self.orgs:
            if o.id and self.kb is not None:
                try:
                    ent = self.kb.get(o.id)
                except (AttributeError, KeyError):
                    ent = None
                if ent is not None and ent.type in FUNDER_TYPES:
                    ids.add(o.id)
        return ids

    def _eligible_region(self, r: Mention) -> bool:
        if _in_section(self.sections, r.start, {"boilerplate", "contact"}):
            return False
        if inside_minister_title(self.u, r.start):
            return False
        return True

    def amounts_in(self, lo: int, hi: int) -> list[Amount]:
        """The amounts that start in ``[lo, hi)``."""
        return self.amounts[bisect.bisect_left(self.amount_starts, lo):bisect.bisect_left(self.amount_starts, hi)]

    def para(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.para_starts, pos) - 1
        return self.paras[max(i, 0)] if self.paras else (0, len(self.text))

    def orgs_in(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.org_starts, start)
        out = []
        while i < len(self.orgs) and self.orgs[i].start < end:
            if self.orgs[i].end <= end:
                out.append(self.orgs[i])
            i += 1
        return out

    def is_funder(self, o: Mention) -> bool:
        if o.id in self.funder_ids:
            return True
        left = self.u[max(0, o.start - 40):o.start]
        return bool(cues()["funder_rx"].search(left))


def _in_section(sections: Sequence[Segment], pos: int, labels: set[str]) -> bool:
    s = section_at(sections, pos)
    return s is not None and s.label in labels


def _recipients(ctx: _Context, a: Amount, used_main: Mention | None) -> tuple[list[Mention], str]:
    """Recipients of amount ``a`` and the rule that found them."""
    u = ctx.u
    c = cues()
    s0, s1 = ctx.sent.at(a.start)
    line_start = u.rfind("\n", 0, a.start) + 1
    line_end = u.find("\n", a.end)
    line_end = len(u) if line_end < 0 else line_end
    # line: "Name : … amount" at the start of a line / list item
    colon = _line_separator(u, line_start, a.start)
    if colon > 0:
        head = [o for o in ctx.orgs_in(line_start, colon) if not ctx.is_funder(o)]
        if head and len(u[line_start:head[0].start].strip(" -•–*▪►0123456789.)\t")) == 0:
            return [head[0]], "line"
    item = section_at(ctx.sections, a.start)
    if item is not None and item.label == "list_item":
        head = [o for o in ctx.orgs_in(item.start, a.start) if not ctx.is_funder(o)]
        prefix = u[item.start:head[0].start].strip(" -•–*▪►0123456789.)\t") if head else ""
        if head and len(prefix) <= 40 and not re.search(r"[,;:()]", prefix):
            return [head[0]], "line"
    # comma: "…, le Théâtre des Marionnettes du Lac, 25 000 $ et …"
    near = [o for o in ctx.orgs_in(max(line_start, a.start - 120), a.start) if not ctx.is_funder(o)]
    if near and re.fullmatch(r",[ ]*(?:(?:près de|plus de|environ)[ ]+)?", u[near[-1].end:a.start]):
        return [near[-1]], "paren"
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
    if re.search(r"\brespectivement\b", u[s0:s1]):
        sent_amounts = [x for x in ctx.amounts_in(s0, s1) if x.role in RECORD_ROLES]
        names = [o for o in ctx.orgs_in(s0, s1) if not ctx.is_funder(o) and o.end <= sent_amounts[0].start] if sent_amounts else []
        if len(names) == len(sent_amounts) > 1 and a in sent_amounts:
            return [names[sent_amounts.index(a)]], "to"
    # cleft: "C'est à X que sera versée l'aide de N $"
    for o in ctx.orgs_in(s0, a.start):
        if re.match(r"[ ]*(?:,[ ]*)?qu(?:e|')", u[o.end:o.end + 6]) and re.search(r"c'est (?:à|au|aux)[ ]+(?:(?:la|le|les|l')[ ]?)?$", u[s0:o.start], re.IGNORECASE):
            return [o], "to"
    # soit: "N $ à X, soit A $ pour … et B $ pour …": the parts go to X too
    m = re.search(r"\bsoit\b[^.;]*$", u[s0:a.start])
    if m:
        lead = [x for x in ctx.amounts_in(s0, s0 + m.start()) if x.role in RECORD_ROLES | {"aggregate"}]
        if lead:
            got, rule = _recipients(ctx, lead[-1], None)
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
    before = [o for o in ctx.orgs_in(s0, a.start) if not ctx.is_funder(o)]
    # each: "A, B et C … 30 000 $ chacun"
    if before and c["each_rx"].search(u[a.end:a.end + 30]):
        return before, "each"
    # subject: "Name … recevra / a reçu / bénéficie … amount"
    if before:
        o = before[-1]
        between = u[o.end:a.start]
        if c["receive_rx"].search(between) and not ctx.orgs_in(o.end + 1, a.start):
            return [o], "subject"
        m = re.search(r"\bport[ée]e?s? par[ ]+$", u[max(0, s0):a.start])
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
    if used_main is not None and a.role in {"grant", "loan"} and not (item is not None and item.label == "list_item") and not _is_list_line(ctx, a):
        sentence = u[s0:s1]
        if re.search(r"\btota(?:l|le|ux|les|lis\w*)\b|\bensemble\b", sentence, re.IGNORECASE):
            return [], ""
        if c["pronoun_rx"].search(sentence) or not [o for o in ctx.orgs_in(s0, s1) if not ctx.is_funder(o)]:
            return [used_main], "main"
    return [], ""


def _definite_reference(ctx: _Context, s0: int, pos: int) -> Mention | None:
    """``la microbrasserie`` / ``la Ville`` before ``pos``: the one known name starting with that noun."""
    m = None
    for m in re.finditer(r"\b(?:[Ll]a|[Ll]e|[Ll]')[ ]?(?P<noun>[a-zàâçéèêëîïôûù]+|Ville|Municipalit[ée]|MRC)\b", ctx.u[s0:pos]):
        pass
    if m is None or not cues()["receive_rx"].search(ctx.u[s0 + m.end():pos]):
        return None
    noun = m.group("noun").lower()
    owners = {key(o.canonical): o for o in ctx.orgs if key(o.canonical).split(" ")[0] == noun and not ctx.is_funder(o)}
    return next(iter(owners.values())) if len(owners) == 1 else None


def _municipality_recipient(ctx: _Context, start: int, end: int) -> Mention | None:
    for m in re.finditer(r"\b(?:à|au)[ ]+(?P<place>[A-ZÀ-Þ][\w'-]+(?:-[\w'-]+)*)", ctx.u[start:end]):
        place = key(m.group("place"))
        for o in ctx.orgs:
            k = key(o.canonical)
            if re.match(r"(?:ville|municipalite|village|commune|mrc|arrondissement) (?:de |d |du )?", k) and k.endswith(" " + place):
                return o
    return None


def _total_cost(ctx: _Context, a: Amount) -> Amount | None:
    """``110 000 $ sur un projet de 352 500 $`` / ``un plan de 43,8 M$, dont 20 M$``."""
    c = cues()
    for b in ctx.amounts_in(a.start - 60, a.end + 60):
        if b is a:
            continue
        if 0 <= b.start - a.end <= 45 and c["total_rx"].search(ctx.u[a.end:b.start]) and b.value > a.value:
            return b
        if 0 <= a.start - b.end <= 12 and c["part_rx"].search(ctx.u[b.end:a.start]) and b.value > a.value:
            return b
    s0, s1 = ctx.sent.at(a.start)
    for b in ctx.amounts_in(s0, s1):
        if b is not a and b.role == "total_cost" and b.value > a.value:
            return b
    # "… 500 000 $ à X. Cette aide permettra de réaliser un projet de 1,3 M$": the next sentences
    p0, p1 = ctx.para(a.start)
    for b in ctx.amounts_in(a.end + 1, min(p1, a.end + 1500)):
        if b.role in RECORD_ROLES and b.role != "other":
            break  # another grant comes first: the cost would be its own
        if b.role == "total_cost" and b.value > a.value:
            return b
    return None


class _Sorted(list):
    """Mentions sorted by ``start``, with their starts for range queries."""

    def __init__(self, items) -> None:
        super().__init__(sorted(items, key=lambda m: m.start))
        self.starts = [m.start for m in self]

    def within(self, lo: int, hi: int) -> list:
        return self[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]


def _in_range(items: Sequence, lo: int, hi: int) -> list:
    """The items (sorted by ``start``) that start in ``[lo, hi)``."""
    if isinstance(items, _Sorted):
        return items.within(lo, hi)
    return [m for m in items if lo <= m.start < hi]


def _nearest(items: Sequence[Mention], pos: int, lo: int, hi: int) -> Mention | None:
    inside = _in_range(items, lo, hi)
    if not inside:
        return None
    return min(inside, key=lambda m: abs(m.start - pos))


def _distinct(items: Sequence[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in items:
        k = key(m.canonical)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out


def _program(ctx: _Context, a: Amount, recipient: Mention) -> Mention | None:
    s0, s1 = ctx.sent.at(a.start)
    hit = _nearest(ctx.programs, a.start, s0, s1)
    if hit is not None:
        return hit
    item = section_at(ctx.sections, a.start)
    if item is not None and item.label == "list_item":
        hit = _nearest(ctx.programs, a.start, item.start, item.end)
        if hit is not None:
            return hit
    p0, p1 = ctx.para(a.start)
    in_para = _distinct(_in_range(ctx.programs, p0, p1))
    if len(in_para) == 1:
        return in_para[0]
    if ctx.doc_program is not None or not ctx.programs:
        return ctx.doc_program
    # several programs: the one named with the same recipient elsewhere
    k = key(recipient.canonical)
    if k not in ctx.program_by_recipient:
        near = _distinct([p for o in ctx.orgs if key(o.canonical) == k for p in _in_range(ctx.programs, o.start - 250, o.start + 250)])
        ctx.program_by_recipient[k] = near[0] if len(near) == 1 else None
    return ctx.program_by_recipient[k]


def _doc_program(ctx: _Context) -> Mention | None:
    """The release's program when a record's own sentence and paragraph name none."""
    progs = _distinct(ctx.programs)
    if len(progs) == 1:
        return progs[0]
    specific = _distinct([p for p in ctx.programs if key(p.canonical) not in ctx.umbrellas])
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


def _region(ctx: _Context, a: Amount, recipient: Mention) -> tuple[str | None, str | None, bool]:
    s0, s1 = ctx.sent.at(a.start)
    for lo, hi in ((s0, s1), ctx.para(a.start)):
        hits = _distinct([r for r in _in_range(ctx.regions, lo, hi) if not (recipient.start <= r.start < recipient.end)])
        if len(hits) == 1:
            return hits[0].canonical, hits[0].code, False
        if len(hits) > 1:
            after = _in_range(ctx.regions, recipient.end, min(hi, s1))
            before = [r for r in _in_range(ctx.regions, lo, a.start) if not (recipient.start <= r.start < recipient.end)]
            if after:
                r = min(after, key=lambda r: r.start)
            elif before:
                r = max(before, key=lambda r: r.start)  # "… dans le Finistère. Dans cette même commune, X …"
            else:
                r = min(_in_range(ctx.regions, lo, hi), key=lambda r: r.start)
            return r.canonical, r.code, False
    item = section_at(ctx.sections, a.start)
    in_list = (item is not None and item.label == "list_item") or _is_list_line(ctx, a)
    if in_list:
        heading = [r for r in _in_range(ctx.regions, a.start - 800, a.start) if _is_heading(ctx, r.start)]
        if heading:  # "Finistère" / "Dans le Morbihan :" above a list of recipients
            r = max(heading, key=lambda r: r.start)
            return r.canonical, r.code, False
    if ctx.doc_region is not None:
        return ctx.doc_region.canonical, ctx.doc_region.code, False
    # inferred from a municipality in the recipient's name or next to it
    if ctx.kb is not None:
        window = ctx.text[recipient.start:min(len(ctx.text), max(recipient.end, a.start) + 1)]
        for m in re.finditer(r"(?:\b(?:de|d'|d’|à|au)\s+)([A-ZÀ-Þ][\w'’\-]+(?:[- ][A-ZÀ-Þ][\w'’\-]+)*)", window):
            try:
                reg = ctx.kb.region_of_municipality(m.group(1))
            except (AttributeError, KeyError):
                reg = None
            if reg is not None:
                return reg.name, reg.code, True
    return None, None, False


def _is_list_line(ctx: _Context, a: Amount) -> bool:
    """``Commune de Quimperlé : 245 000 € pour …`` / ``• X (125 000 $)``: one recipient per line."""
    p0, p1 = ctx.para(a.start)
    line = ctx.u[p0:p1]
    return bool(re.match(r"[ \t]*(?:[-•–*▪►]|\d{1,2}[.)])", line)) or (":" in ctx.u[p0:a.start] and len(line) < 250)


def _is_heading(ctx: _Context, pos: int) -> bool:
    p0, p1 = ctx.para(pos)
    return len(ctx.u[p0:p1].strip()) <= 40


def _announcement_date(ctx: _Context) -> str | None:
    announce = re.compile(r"\b(?:annon[cç]\w*|d[ée]voil\w*|octroy\w*|octroi\w*|accord\w*|attribu\w*|consent\w*|vot[ée]\w*|approuv\w*)", re.IGNORECASE)
    for d in ctx.dates:
        if d.precision != "day" or d.kind not in {"point", "range"}:
            continue
        if _in_section(ctx.sections, d.start, {"dateline", "quote", "boilerplate", "contact"}):
            continue
        s0, s1 = ctx.sent.at(d.start)
        if announce.search(ctx.u[s0:s1]):
            return d.iso
    if ctx.published is not None:
        return ctx.published.isoformat()
    return None


def _credited(ctx: _Context) -> tuple[str, ...]:
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


def _funder(ctx: _Context, a: Amount, recipient: Mention, program: Mention | None) -> str | None:
    s0, s1 = ctx.sent.at(a.start)
    for o in ctx.orgs_in(s0, s1):
        if o is not recipient and (o.id in ctx.funder_ids or cues()["funder_rx"].search(ctx.u[max(0, o.start - 40):o.start])):
            return o.canonical
    if program is not None and program.id and ctx.kb is not None:
        try:
            ent = ctx.kb.get(program.id)
            fid = (ent.attrs or {}).get("funder") if ent is not None else None
            fent = ctx.kb.get(fid) if fid else None
            if fent is not None:
                return fent.name
        except (AttributeError, KeyError):
            pass
    funders = _distinct([o for o in ctx.orgs if o.id in ctx.funder_ids])
    return funders[0].canonical if len(funders) == 1 else None


def _evidence(ctx: _Context, a: Amount, rule: str) -> Evidence:
    item = section_at(ctx.sections, a.start)
    if rule in {"paren", "line"} and item is not None and item.label == "list_item":
        s, e = item.start, item.end
    else:
        s, e = ctx.sent.at(a.start)
    return Evidence(s, e, ctx.text[s:e], rule)


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
) -> list[FundingRecord]:
    """Funding records for one release (see the module docstring for the rules).

    >>> from annonces.extractors.amounts import find_amounts
    >>> from annonces.extractors.organizations import find_organizations
    >>> t = "Le gouvernement accorde 500 000 $ à l'entreprise Groupe iCible pour son projet."
    >>> amounts = find_amounts(t)
    >>> recs = assemble_records(t, amounts=amounts, organizations=find_organizations(t, amounts=amounts))
    >>> [(r.recipient, r.amount, r.kind) for r in recs]
    [('Groupe iCible', Decimal('500000'), 'grant')]
    """
    ctx = _Context(text, list(amounts), list(organizations), list(programs), list(regions), list(ministers), list(dates), list(sections), list(sentences), published, kb)
    c = cues()
    date = _announcement_date(ctx)
    ministers_credited = _credited(ctx)
    found: list[tuple[Amount, Mention, str]] = []
    recipient_keys: set[str] = set()
    main: Mention | None = None
    for a in ctx.amounts:
        if (a.role not in RECORD_ROLES and a.role != "aggregate") or a.low is not None or a.high is not None:
            continue
        if _in_section(ctx.sections, a.start, {"boilerplate", "contact"}):
            continue
        s0, s1 = ctx.sent.at(a.start)
        if c["past_rx"].search(ctx.u[max(s0, a.start - 40):min(s1, a.end + 40)]):
            continue
        recips, rule = _recipients(ctx, a, main)
        if not recips:
            continue
        if a.role == "aggregate":
            if len(recips) == 1 and rule != "main" and main is None and not found:
                main = recips[0]  # "une aide totale de 1 678 900 $ au Carnaval", split given later
            continue
        if len(recips) > 1 and rule != "each":
            continue  # one amount for several recipients: an aggregate
        for r in recips:
            found.append((a, r, rule))
        if rule != "main":
            recipient_keys.update(key(r.canonical) for r in recips)
            main = recips[0] if len(recipient_keys) == 1 else None
    records = [_build(ctx, a, r, rule, date, ministers_credited) for a, r, rule in found]
    return _checks(ctx, _merge(records, found))


def _build(ctx: _Context, a: Amount, recipient: Mention, rule: str, date, ministers) -> FundingRecord:
    program = _program(ctx, a, recipient)
    region, code, inferred = _region(ctx, a, recipient)
    total = _total_cost(ctx, a)
    conf = RULE_CONFIDENCE[rule]
    if a.approximate:
        conf -= 0.05
    if a.ambiguous:
        conf -= 0.1
    if recipient.source == "ner":
        conf -= 0.1
    if a.role == "other":
        conf -= 0.1
    return FundingRecord(
        recipient=recipient.canonical,
        recipient_id=recipient.id or stable_id("org", recipient.canonical),
        amount=a.value,
        currency=a.currency,
        evidence=_evidence(ctx, a, rule),
        kind="loan" if a.role == "loan" else "grant",
        total_cost=total.value if total is not None else None,
        program=program.canonical if program is not None else None,
        funder=_funder(ctx, a, recipient, program),
        region=region,
        region_code=code,
        region_inferred=inferred,
        date=date,
        ministers=ministers,
        confidence=max(0.05, min(0.99, conf)),
    )


def _merge(records: list[FundingRecord], found: list[tuple[Amount, Mention, str]]) -> list[FundingRecord]:
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
                                 funder=filled.funder or o.funder)
            keep.add(id(b))
            records[records.index(b)] = filled
            keep.add(id(filled))
    return [r for r in records if id(r) in keep]


def _subset_sum(target: Decimal, values: list[Decimal]) -> bool:
    """True when at least two of ``values`` add up to ``target`` (small lists only).

    >>> _subset_sum(Decimal(45000), [Decimal(15000), Decimal(30000), Decimal(550000)])
    True
    """
    values = values[:14]
    n = len(values)
    for mask in range(1, 1 << n):
        if bin(mask).count("1") >= 2 and sum((values[i] for i in range(n) if mask >> i & 1), Decimal(0)) == target:
            return True
    return False


def _tolerance(total: Decimal) -> Decimal:
    """Half a unit for an exact figure; 5 % for a round one (``29 millions``).

    >>> _tolerance(Decimal("1627450")), _tolerance(Decimal("29000000"))
    (Decimal('0.5'), Decimal('1450000.00'))
    """
    if total >= 100000 and total % 100000 == 0:
        return total * Decimal("0.05")
    return Decimal("0.5")


def _checks(ctx: _Context, records: list[FundingRecord]) -> list[FundingRecord]:
    """Drop a recipient's total when its parts are given; warn when stated totals do not add up."""
    out = list(records)
    by_recipient: dict[str, list[FundingRecord]] = {}
    for r in out:
        by_recipient.setdefault(r.recipient_id or r.recipient, []).append(r)
    drop = set()
    for recs in by_recipient.values():
        for r in recs:
            others = [o.amount for o in recs if o is not r]
            if len(others) >= 2 and _subset_sum(r.amount, others):
                drop.add(id(r))  # a total whose split is given
            elif r.amount in ctx.approximate_values and any(
                    o.amount != r.amount and abs(o.amount - r.amount) <= r.amount * Decimal("0.1") for o in recs):
                drop.add(id(r))  # "plus de 220 000 $" restating an exact "221 182,15 $"
    out = [r for r in out if id(r) not in drop]
    totals = [a for a in ctx.amounts if a.role == "aggregate"]
    if out and totals:
        s = sum((r.amount for r in out), Decimal(0))
        stated = [t for t in totals if not t.approximate]
        if stated and all(abs(t.value - s) > _tolerance(t.value) for t in stated):
            closest = min(stated, key=lambda t: abs(t.value - s))
            w = f"records sum to {s} but the release states a total of {closest.value} ({closest.text!r})"
            out = [replace(r, warnings=(*r.warnings, w)) for r in out]
    return out


class DuplicateLinker:
    """Links the same funding reported twice within a batch (a release and a news article).

    Two records are the same funding when they share the recipient id, the amount and the
    program (both without a program counts as the same).  Feed documents in output order;
    a record seen before gets ``duplicate_of = "<doc_id>#<index>"`` of its first report.

    >>> from decimal import Decimal
    >>> r = FundingRecord("Ville de Gaspé", Decimal(150000), "CAD", Evidence(0, 5, "x"), recipient_id="org:1")
    >>> linker = DuplicateLinker()
    >>> linker.link("release", [r])[0].duplicate_of, linker.link("article", [r])[0].duplicate_of
    (None, 'release#0')
    """

    def __init__(self) -> None:
        self._seen: dict[tuple, str] = {}

    @staticmethod
    def _key(recipient_id: str | None, recipient: str, amount, program: str | None) -> tuple:
        return (recipient_id or key(recipient), Decimal(str(amount)), key(program) if program else None)

    def link(self, doc_id: str, records: Sequence[FundingRecord]) -> list[FundingRecord]:
        out = []
        for i, r in enumerate(records):
            k = self._key(r.recipient_id, r.recipient, r.amount, r.program)
            first = self._seen.setdefault(k, f"{doc_id}#{i}")
            out.append(r if first == f"{doc_id}#{i}" else replace(r, duplicate_of=first))
        return out

    def link_dicts(self, doc_id: str, records: list[dict]) -> list[dict]:
        """The same on JSON records (batch output lines); the dicts are updated in place."""
        for i, r in enumerate(records):
            k = self._key(r.get("recipient_id"), r.get("recipient") or "", r.get("amount"), r.get("program"))
            first = self._seen.setdefault(k, f"{doc_id}#{i}")
            if first != f"{doc_id}#{i}":
                r["duplicate_of"] = first
        return records
