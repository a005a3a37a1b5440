"""Everything the record rules look at, indexed once per release; shared helpers."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from .. import patterns
from ..extractors.context import SpanIndex, clause_end, inside_minister_title, section_at
from ..normalize.text import ITEM_MARK, alternation, key, stem_alternation, unify
from ..segmentation.layout import layout
from ..types import Amount, Mention, Segment

#: Prior precision of each family of recipient rules (:data:`annonces.records.recipients.FAMILY`): observed precision on the dev releases and the
#: sample corpus (paren 27/29, line 41/42, to 16/16, subject 14/14, each 6/6, main 3/3),
#: smoothed towards 0.7 with two pseudo-records, minus 0.05 for releases never seen.
#: ``bench/calibration.py`` prints the reliability table of the resulting confidences.
RULE_CONFIDENCE = {"paren": 0.87, "line": 0.91, "to": 0.92, "each": 0.87, "subject": 0.91, "main": 0.83}
RECORD_ROLES = {"grant", "loan", "other"}
FUNDER_TYPES = {"ministry", "agency"}


@functools.cache
def cues() -> dict:
    data = patterns.document("record_cues.json")
    data["grant_verbs"] = list(patterns.announce_verbs("funder_subject"))
    alt = functools.partial(alternation, escape=True)
    data["to_rx"] = re.compile(rf"^[ ,]*(?P<skip>[^.;:()\n]{{0,60}}?[ ,])?(?:{alt(data['to_recipient'])})[ ]*(?:(?:(?:le|la|les|l')[ ]?)?(?:{alt(data['role_words'])})(?:[ ]+(?:{alt(patterns.document('organization_cues.json')['role_adjectives'])}))?(?:[ ]+(?:de|du|des)|[ ]+d')?[ ]*)?(?:(?:le|la|les|l')[ ]?)?(?:«[ ]?)?$", re.IGNORECASE)
    data["receive_rx"] = re.compile(rf"\b(?:{alt(data['receive_verbs'])})\b", re.IGNORECASE)
    data["grant_rx"] = re.compile(rf"\b(?:{alt(data['grant_verbs'])})\b", re.IGNORECASE)
    data["funder_rx"] = re.compile(rf"(?:{alt(data['funder_markers'])})[ ]*(?:(?:le|la|les|l')[ ]?)?$", re.IGNORECASE)
    data["each_rx"] = re.compile(rf"^[^.;\n]{{0,25}}\b(?:{alt(data['each'])})\b", re.IGNORECASE)
    data["pronoun_rx"] = re.compile(rf"\b(?:{alt(data['pronouns'])})\b", re.IGNORECASE)
    data["total_rx"] = re.compile(rf"^[ ,]*(?:\([^()]{{0,5}})?(?:{alt(data['total_after'])})[ ]*$", re.IGNORECASE)
    data["part_rx"] = re.compile(rf"^[ ,]*(?:{alt(data['part_after'])})[ ]*$", re.IGNORECASE)
    data["passive_rx"] = re.compile(r"[ ,]*(?:(?:ser(?:a|ont)|est|sont|a été|ont été|seraient|serait)[ ]+)?(?:" + stem_alternation(patterns.announce_verbs("passive")) + ")", re.IGNORECASE)
    data["purpose_rx"] = re.compile(rf"(?:[ ]+(?:du|de la|de l')[ ]?(?:gouvernement|ministère)\b[^,.;:()\n]{{0,40}}?)?(?:[ ]+(?:est|sont|sera|seront|a été|ont été)[ ]+[a-zéè]+)?[ ,]*(?:pour|afin de financer|destinée?s? à|(?:qui[ ]+)?servira à)[ ]+(?:(?:la|le|les|l')[ ]?)?(?:{alt(data['purpose_nouns'])})"
                                    rf"(?:(?:[ ]+[a-zà-öø-ÿ'-]+){{0,3}}?[ ]+(?:du|de la|de l'|des|de|d')|[ ]+d'une?(?:[ ]+[a-zà-öø-ÿ'-]+){{1,4}}?[ ]+(?:au|à la|à l'|aux))[ ]*(?:(?:la|le|les|l')[ ]?)?", re.IGNORECASE)
    data["aid_to_rx"] = re.compile(rf"\b(?:{alt(data['aid_nouns'])})s?(?:[ ]+(?:régionale?|fédérale?|provinciale?|municipale?|gouvernementale?|publique|annuelle|exceptionnelle))?[ ]+(?:à|au|aux|pour|auprès[ ]+d(?:e|u|es))[ ]*(?:(?:la|le|les|l')[ ]?)?$", re.IGNORECASE)
    data["shared_rx"] = re.compile(rf"\b(?:{alt(data['shared'])})\b", re.IGNORECASE)
    data["envelope_to_rx"] = re.compile(r"[ ,]*(?:(?:qui[ ]+)?(?:(?:a|ont|sera|seront|est|sont)[ ]+(?:été[ ]+)?)?(?:(?:" + stem_alternation(patterns.announce_verbs("passive")) + r")|(?:destiné|donné|alloué|remis)e?s?)[ ]+)?(?:à|au|aux)[ ]*(?:(?:la|le|les|l')[ ]?)?(?:«[ ]?)?", re.IGNORECASE)
    data["change_rx"] = re.compile(rf"\b(?:{alt(data['change_verbs'])})[ ]+(?:(?:aussi|encore|donc|ainsi)[ ]+)?de[ ]+$", re.IGNORECASE)
    data["topic_rx"] = re.compile(rf"\W*(?:{alt(data['topics'])})[ ]*(?:(?:le|la|les|l')[ ]?)?", re.IGNORECASE)
    return data


#: a list line: blanks, then a bullet or an item number (:data:`annonces.normalize.text.ITEM_MARK`)
LIST_START = re.compile(rf"[ \t]*{ITEM_MARK}")


class SentenceIndex:
    """Sentence lookup by character offset over the sentence spans of the release's layout."""

    def __init__(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def at(self, pos: int) -> tuple[int, int]:
        """The sentence span containing ``pos`` (or the nearest one before it)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return (0, clause_end(self.text, 0))
        return self.spans[i]

    def after(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """The sentence that follows ``span``, if any."""
        i = bisect.bisect_right(self.starts, span[0])
        return self.spans[i] if i < len(self.spans) else None


class Sorted(list):
    """Mentions sorted by ``start``, with their starts for range queries."""

    def __init__(self, items) -> None:
        super().__init__(sorted(items, key=lambda m: m.start))
        self.starts = [m.start for m in self]

    def within(self, lo: int, hi: int) -> list:
        return self[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]


def in_range(items: Sequence, lo: int, hi: int) -> list:
    """The items (sorted by ``start``) that start in ``[lo, hi)``."""
    if isinstance(items, Sorted):
        return items.within(lo, hi)
    return [m for m in items if lo <= m.start < hi]


def nearest(items: Sequence[Mention], pos: int, lo: int, hi: int) -> Mention | None:
    inside = in_range(items, lo, hi)
    if not inside:
        return None
    return min(inside, key=lambda m: abs(m.start - pos))


def distinct(items: Sequence[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in items:
        k = key(m.canonical)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out


def in_section(sections: Sequence[Segment], pos: int, labels: set[str]) -> bool:
    s = section_at(sections, pos)
    return s is not None and s.label in labels


class Context:
    """Everything the rules look at, indexed once per document."""

    def __init__(self, text, amounts, organizations, programs, regions, ministers, dates, sections, sentences, published, kb):
        self.text = text
        self.u = unify(text)
        self.amounts = sorted(amounts, key=lambda a: a.start)
        self.amount_starts = [a.start for a in self.amounts]
        self.sections = sections
        self.layout = layout(text)  # the segmenter's Layout of this text (cached): paragraphs, sentences, items
        self.sent = SentenceIndex(text, sentences or self.layout.sentences)
        self.paras = self.layout.paragraphs
        self.para_starts = [s for s, _ in self.paras]
        self.orgs = [o for o in organizations if not in_section(sections, o.start, {"boilerplate", "contact"})]
        self.org_starts = [o.start for o in self.orgs]
        self.kb = kb
        self.funder_ids = self._funder_ids()
        self.programs = Sorted(p for p in programs if not in_section(sections, p.start, {"boilerplate", "contact"}))
        self.regions = Sorted(r for r in regions if self._eligible_region(r))
        self.ministers = ministers
        self.dates = dates
        self.published = published
        self.approximate_values = {a.value for a in amounts if a.approximate}
        self.umbrellas = self._umbrellas()
        self.doc_program: Mention | None = None  # set by assemble_records (fields.doc_program)
        self.program_by_recipient: dict[str, Mention | None] = {}
        self.municipal_orgs: dict[str, Mention] | None = None
        names = SpanIndex((o.start, o.end) for o in [*self.orgs, *self.programs])
        doc_regions = self._most_specific(distinct([r for r in self.regions if not names.covers(r.start, r.end)]))
        self.doc_region = doc_regions[0] if len(doc_regions) == 1 else None

    def _most_specific(self, regions: list[Mention]) -> list[Mention]:
        """Drop a région when one of its own départements is named too (``Cantal`` in ``Auvergne-Rhône-Alpes``)."""
        if self.kb is None or len(regions) < 2:
            return regions
        parents = set()
        for r in regions:
            try:
                ent = self.kb.get(r.id) if r.id else None
            except (AttributeError, KeyError):
                ent = None
            if ent is not None and ent.parent:
                parents.add(ent.parent)
        return [r for r in regions if r.id not in parents]

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
        if in_section(self.sections, r.start, {"boilerplate", "contact"}):
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


def is_list_line(ctx: Context, a: Amount) -> bool:
    """``Commune de Quimperlé : 245 000 € pour …`` / ``• X (125 000 $)``: one recipient per line."""
    p0, p1 = ctx.para(a.start)
    if p1 - p0 >= 250:
        return bool(LIST_START.match(ctx.u[p0:p0 + 8]))
    line = ctx.u[p0:p1]
    return bool(LIST_START.match(line)) or ":" in ctx.u[p0:a.start]


def is_heading(ctx: Context, pos: int) -> bool:
    p0, p1 = ctx.para(pos)
    return len(ctx.u[p0:p1].strip()) <= 40
