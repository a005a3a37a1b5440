"""The region of a record: where the text places its recipient or project.

In order: a region named in the amount's sentence, then its paragraph; the region
heading a list, or named in the sentence that introduces it; the release's one region;
a region in the recipient's own name (``SPCA Côte-Nord``); the region of a municipality
in the recipient's name or next to it (KB, ``inferred``); the region of the municipality
that issues the release (``la Ville de Sept-Îles a octroyé…``, ``inferred``).  A region
inside another organization's name (``Alsace Biovalley``) does not place this recipient,
unless that name is a territorial body's (``Région Grand Est``, ``Conseil départemental du
Finistère``);
a French region never places a record in dollars, nor a Quebec one a record in euros;
a région gives way to its one département named in the release (``Vendée`` in ``Pays de
la Loire``), a former région to the current one named with it (``Auvergne``,
``Auvergne-Rhône-Alpes``); the city of the dateline places a record in dollars last
(``MONTRÉAL, le 1er nov. 2019``, ``inferred``).  French names keep the spacing written (``Auvergne Rhône-Alpes``).
"""

from __future__ import annotations

import re
from collections import Counter

from ..extractors.context import section_at
from ..normalize.text import fold, key
from ..segmentation import dateline
from ..types import Amount, Mention
from .context import LIST_START, Context, distinct, in_range, is_heading, is_list_line

Found = tuple[str | None, str | None, bool]
NONE: Found = (None, None, False)
_MUNICIPAL = re.compile(r"^(?:la |le |l')?(?:ville|municipalit[ée]|cit[ée]|paroisse|canton|village|arrondissement|mrc)\b",
                        re.IGNORECASE)
_PLACE = re.compile(r"(?:\b(?:de|d'|d’|à|au)\s+)([A-ZÀ-Þ][\w'’\-]+(?:[- ][A-ZÀ-Þ][\w'’\-]+)*)")
_LAST_PLACE = re.compile(r"([A-ZÀ-Þ][\w'’]+(?:-[\w'’]+)+|[A-ZÀ-Þ][\w'’]+)\s*$")


def found(ctx: Context, r: Mention, *, inferred: bool = False) -> Found:
    """``(name, code, inferred)`` of a region mention, its département when it has one here."""
    r = _specific(ctx, r)
    written = r.text if _french(ctx, r) and _same_name(r.text, r.canonical) else r.canonical
    return written, r.code, inferred


def region_of(ctx: Context, a: Amount, recipient: Mention) -> Found:
    """The region of the record of amount ``a`` for ``recipient`` (see the module docstring)."""
    eligible = _eligible(ctx, a, recipient)
    s0, s1 = ctx.sent.at(a.start)
    for lo, hi in ((s0, s1), ctx.para(a.start)):
        hits = _current([r for r in in_range(ctx.regions, lo, hi) if eligible(r)])
        if len(distinct(hits)) == 1:
            return found(ctx, hits[0])
        if hits:
            after = [r for r in hits if recipient.end <= r.start < s1]
            before = [r for r in hits if r.start < a.start]
            if after:
                return found(ctx, min(after, key=lambda r: r.start))
            if before:  # "… dans le Finistère. Dans cette même commune, X …"
                return found(ctx, max(before, key=lambda r: r.start))
            return found(ctx, min(hits, key=lambda r: r.start))
    heading = _list_heading(ctx, a, eligible)
    if heading is not None:
        return found(ctx, heading)
    if ctx.doc_region is not None and eligible(ctx.doc_region):
        return found(ctx, ctx.doc_region)
    own = _in_own_name(ctx, recipient, a)
    if own is not None:
        return found(ctx, own)
    if a.currency == "CAD" and ctx.kb is not None:
        return _from_municipality(ctx, a, recipient)
    return NONE


def _current(hits: list[Mention]) -> list[Mention]:
    """Former French régions (``Auvergne``) give way to the current one named with them."""
    current = {r.code for r in hits if r.id and r.id.startswith("fr-region-") and "-old-" not in r.id}
    return [r for r in hits if not (r.id and "-old-" in r.id and r.code in current)]


def _eligible(ctx: Context, a: Amount, recipient: Mention):
    """The test a region mention passes to place this record (see the module docstring)."""
    others = [o for o in ctx.orgs if key(o.canonical) != key(recipient.canonical)]

    def test(r: Mention) -> bool:
        if recipient.start <= r.start < recipient.end or _country(ctx, r) not in ("", _currency_country(a)):
            return False
        return not any(o.start <= r.start and r.end <= o.end and (o.end - o.start) > (r.end - r.start)
                       and not _territorial(ctx.text[o.start:r.start]) for o in others)

    return test


_TERRITORY = re.compile(r"(?:la |le |l')?(?:r[ée]gion|d[ée]partement|conseil (?:r[ée]gional|d[ée]partemental|g[ée]n[ée]ral)"
                        r"|collectivit[ée](?: territoriale)?|pr[ée]fecture|mrc)(?: (?:de la|de l'|du|des|de|d'))?\s*",
                        re.IGNORECASE)


def _territorial(before: str) -> bool:
    """Whether an organization's name before a region is a territorial body's (``Région``, ``Conseil départemental du``).

    >>> _territorial("Région "), _territorial("Conseil départemental du "), _territorial("Alsace ")
    (True, True, False)
    """
    return _TERRITORY.fullmatch(before.replace("’", "'")) is not None


def _list_heading(ctx: Context, a: Amount, eligible) -> Mention | None:
    """A region heading the list of ``a`` (``Finistère``), or the one region of its lead-in."""
    item = section_at(ctx.sections, a.start)
    if not ((item is not None and item.label == "list_item") or is_list_line(ctx, a)):
        return None
    heading = [r for r in in_range(ctx.regions, a.start - 800, a.start) if is_heading(ctx, r.start) and eligible(r)]
    if heading:
        return max(heading, key=lambda r: r.start)
    lead = _lead_in(ctx, a.start)
    if lead is None:
        return None
    hits = distinct([r for r in in_range(ctx.regions, *lead) if eligible(r)])
    return hits[0] if len(hits) == 1 else None


def _lead_in(ctx: Context, pos: int) -> tuple[int, int] | None:
    """The paragraph just before the run of list lines holding ``pos``."""
    i = max(0, next((k for k, (s, e) in enumerate(ctx.paras) if s <= pos < e + 1), 0))
    while i > 0 and LIST_START.match(ctx.u[ctx.paras[i][0]:ctx.paras[i][0] + 8]):
        i -= 1
    if i == 0 and LIST_START.match(ctx.u[ctx.paras[0][0]:ctx.paras[0][0] + 8]):
        return None
    return ctx.paras[i] if ctx.paras[i][1] <= pos else None


def _in_own_name(ctx: Context, recipient: Mention, a: Amount) -> Mention | None:
    """A region written in one of the recipient's mentions (``Musée régional de la Côte-Nord``)."""
    k = key(recipient.canonical)
    spans = [(o.start, o.end) for o in ctx.orgs if key(o.canonical) == k] or [(recipient.start, recipient.end)]
    inside = distinct([r for s, e in spans for r in in_range(ctx.regions, s, e)
                       if r.end <= e and _country(ctx, r) in ("", _currency_country(a))])
    return inside[0] if len(inside) == 1 else None


def _from_municipality(ctx: Context, a: Amount, recipient: Mention) -> Found:
    """The KB region of a municipality in or next to the recipient's name, else of the release's town."""
    window = ctx.text[recipient.start:min(len(ctx.text), max(recipient.end, a.start) + 1)]
    names = [m.group(1) for m in _PLACE.finditer(window)]
    last = _LAST_PLACE.search(recipient.canonical)
    if last and last.start() > 0:
        names.append(last.group(1))  # "Tourisme Sept-Îles"
    if _MUNICIPAL.match(recipient.canonical):
        names.insert(0, recipient.canonical)
    for name in names:
        reg = _kb_region(ctx, name)
        if reg is not None:
            return reg.name, reg.code, True
    for town in (_release_town(ctx), _dateline_town(ctx)):
        if town is not None:
            return town.name, town.code, True
    return NONE


def _dateline_town(ctx: Context):
    """The KB region of the dateline's city (``GATINEAU, le 4 avril 2018``)."""
    line = next((s for s in ctx.sections if s.label == "dateline"), None)
    if line is None:
        return None
    town = dateline.city(ctx.text, line.start, line.end)
    return _kb_region(ctx, town) if town else None


def _release_town(ctx: Context):
    """The region of the municipality that issues the release: its one municipal body, or the one named most."""
    if not hasattr(ctx, "_release_town"):
        counts = Counter(o.canonical for o in ctx.orgs if _MUNICIPAL.match(o.canonical))
        ranked = counts.most_common(2)
        town = None
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            town = _kb_region(ctx, ranked[0][0])
        ctx._release_town = town  # type: ignore[attr-defined]
    return ctx._release_town  # type: ignore[attr-defined]


def _kb_region(ctx: Context, name: str):
    try:
        return ctx.kb.region_of_municipality(name) if ctx.kb is not None else None
    except (AttributeError, KeyError):
        return None


def _specific(ctx: Context, r: Mention) -> Mention:
    """A French région gives way to its one département named in the release."""
    if ctx.kb is None or not r.id or not r.id.startswith("fr-region"):
        return r
    deps = distinct([d for d in ctx.regions if d.id and d.id.startswith("fr-dep") and _parent(ctx, d) == r.id])
    return deps[0] if len(deps) == 1 else r


def _parent(ctx: Context, r: Mention) -> str | None:
    try:
        ent = ctx.kb.get(r.id) if ctx.kb is not None and r.id else None
    except (AttributeError, KeyError):
        ent = None
    return ent.parent if ent is not None else None


def _country(ctx: Context, r: Mention) -> str:
    """``"CA"``, ``"FR"`` or ``""`` (unknown) for a region mention."""
    if r.id and r.id.startswith("qc-"):
        return "CA"
    if r.id and r.id.startswith("fr-"):
        return "FR"
    return ""


def _currency_country(a: Amount) -> str:
    return {"CAD": "CA", "EUR": "FR"}.get(a.currency, "")


def _french(ctx: Context, r: Mention) -> bool:
    return _country(ctx, r) == "FR"


def _same_name(written: str, canonical: str) -> bool:
    """Whether two names differ only by dashes, spaces, case and accents.

    >>> _same_name("Auvergne Rhône-Alpes", "Auvergne-Rhône-Alpes"), _same_name("Centre", "Centre-Val de Loire")
    (True, False)
    """
    def squash(s: str) -> str:
        return re.sub(r"[\W_]+", "", fold(s))
    return squash(written) == squash(canonical)
