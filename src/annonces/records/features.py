"""Features of an (amount, candidate recipient) pair: what the learned linker looks at.

Candidates of an amount are the organization mentions around it (its paragraph and the
text just before it, bounded windows so a release costs linear time), the names the hand
rules pick for it (:func:`annonces.records.recipients.recipients`), and the release's most
named non-funder organization.  Every feature is a name -> number; the rule that fired and
its pick are features too, so the linker learns when to trust each rule.

>>> from annonces.extractors.amounts import find_amounts
>>> from annonces.extractors.organizations import find_organizations
>>> from annonces.records.context import Context
>>> t = "Le ministre accorde 500 000 $ à l'entreprise Groupe iCible pour son usine."
>>> amounts = find_amounts(t)
>>> ctx = Context(t, amounts, find_organizations(t, amounts=amounts), [], [], [], [], [], [], None, None)
>>> [c.canonical for c in candidates(ctx, amounts[0], [])]
['Groupe iCible']
>>> f = features(ctx, amounts[0], candidates(ctx, amounts[0], [])[0], [], "")
>>> f["after"], f["same_sentence"], f["cue_before:à"]
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from ..extractors.context import section_at
from ..normalize.text import BULLET, DASH_CHARS, char_class, key, unbullet
from ..types import Amount, Mention
from ..extractors.organizations.cues import places_of
from .candidates import line_heads, places_near
from .context import Context, cues
from .recipients import family

#: How far from an amount a candidate may start (characters before / after it).
BEFORE, AFTER = 700, 350
#: words and the marks kept as words, over unified text (every dash is ``-`` there): the linker was
#: fitted on these (of the list marks, the hyphen and BULLET only)
_WORD = re.compile(r"[\w'’]+|" + char_class(":;()," + BULLET + DASH_CHARS))
#: A name that holds an amount or a date fragment is cut wrong ("X, de 48 781", "Y puis de 7435").
FRAGMENT = re.compile(r"\d{3}|\b\d+[ ]?(?:\$|€|M\$|k\$)|\b(?:puis|de|et|soit)[ ]+\d|\b(?:janvier|février|mars|avril|mai|juin|"
                      r"juillet|août|septembre|octobre|novembre|décembre)\b|,[ ]*(?:de|du|des)\b", re.IGNORECASE)


def main_organization(ctx: Context) -> Mention | None:
    """The non-funder organization named most often in the release (ties: the first)."""
    counts = Counter(key(o.canonical) for o in ctx.orgs if not ctx.is_funder(o))
    if not counts:
        return None
    top, n = counts.most_common(1)[0]
    return next(o for o in ctx.orgs if key(o.canonical) == top) if n >= 2 else None


def candidates(ctx: Context, a: Amount, picks: list[Mention], main: Mention | None = None) -> list[Mention]:
    """The candidate recipients of ``a``: one mention per name (the nearest), rule picks first."""
    p0, _ = ctx.para(a.start)
    lo = min(max(0, a.start - BEFORE), p0)
    lo = max(lo, a.start - 2 * BEFORE)
    near = ctx.orgs_in(lo, a.end + AFTER)
    out: dict[str, Mention] = {}
    for m in [*picks, *sorted(near, key=lambda o: _gap(o, a)), *_unnamed(ctx, a)]:
        out.setdefault(key(m.canonical), m)
    if main is not None:
        out.setdefault(key(main.canonical), main)
    return list(out.values())


def _unnamed(ctx: Context, a: Amount) -> list[Mention]:
    """Candidates the organization extractor does not give (:mod:`.candidates`): the name
    opening the amount's line or clause, municipalities named alone near it."""
    found = [(s, e, "line") for s, e in line_heads(ctx.u, a.start)]
    found += [(s, e, "place") for s, e in places_near(ctx.u, a.start, a.end, places_of(ctx.kb))]
    return [Mention("organization", ctx.text[s:e], s, e, ctx.text[s:e], source=src) for s, e, src in found]


def _gap(o: Mention, a: Amount) -> int:
    return a.start - o.end if o.end <= a.start else o.start - a.end if o.start >= a.end else 0


def _bucket(n: int) -> str:
    return str(min(int(math.log2(n + 1)), 11))


def _words(text: str, n: int) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)][-n:] if n > 0 else []


def mention_counts(ctx: Context) -> Counter[str]:
    """How many times each organization (by key) is named in the release."""
    return Counter(key(o.canonical) for o in ctx.orgs)


def features(ctx: Context, a: Amount, c: Mention, picks: list[Mention], rule: str,
             main: Mention | None = None, counts: Mapping[str, int] | None = None) -> dict[str, float]:
    """The features of the pair (``a``, ``c``); ``picks``/``rule``: the hand rules' answer for ``a``;
    ``counts``: :func:`mention_counts` of the release, computed once by the caller."""
    u, rule = ctx.u, family(rule)  # the linker was fitted on the six family labels
    f: dict[str, float] = {"bias": 1.0, f"role:{a.role}": 1.0, f"source:{c.source}": 1.0}
    before = c.end <= a.start
    f["after" if not before else "before"] = 1.0
    gap = _gap(c, a)
    f[f"gap:{_bucket(gap)}"] = 1.0
    between = u[c.end:a.start] if before else u[a.end:c.start]
    s0, s1 = ctx.sent.at(a.start)
    f["same_sentence"] = float(s0 <= c.start < s1)
    line0 = u.rfind("\n", 0, a.start) + 1
    f["same_line"] = float("\n" not in between)
    f["line_start"] = float(before and not unbullet(u[line0:c.start]))
    p0, p1 = ctx.para(a.start)
    f["same_paragraph"] = float(p0 <= c.start < p1)
    item = section_at(ctx.sections, a.start)
    f["in_list_item"] = float(item is not None and item.label == "list_item")
    f["same_item"] = float(item is not None and item.label == "list_item" and item.start <= c.start < item.end)
    sec = section_at(ctx.sections, c.start)
    f[f"cand_section:{sec.label if sec is not None else 'none'}"] = 1.0
    n_orgs = len([o for o in ctx.orgs_in(min(c.end, a.end), max(c.start, a.start)) if o is not c])
    n_amounts = len(ctx.amounts_in(min(c.end, a.end), max(c.start, a.start)))
    f[f"orgs_between:{min(n_orgs, 3)}"] = 1.0
    f[f"amounts_between:{min(n_amounts, 3)}"] = 1.0
    f["colon_between"] = float(before and ":" in between and "\n" not in between)
    f["paren_after_name"] = float(before and bool(re.fullmatch(r"[ ]*\([^()]{0,40}", between)))
    f["comma_only"] = float(before and bool(re.fullmatch(r",[ ]*(?:(?:près de|plus de|environ)[ ]+)?", between)))
    for w in _words(u[max(0, c.start - 30):c.start], 2):
        f[f"cue_before:{w}"] = 1.0
    gap_words = _words(between[-60:], 4) if before else _words(between[:60], 4)
    for w in gap_words:
        f[f"between:{w}"] = 1.0
    for w in _words(u[c.end:c.end + 25], 1):
        f[f"next:{w}"] = 1.0
    cq = cues()
    f["receive_between"] = float(bool(cq["receive_rx"].search(between)))
    f["to_between"] = float(not before and bool(cq["to_rx"].search(between)))
    f["funder"] = float(ctx.is_funder(c))
    f["rule_pick"] = float(any(key(p.canonical) == key(c.canonical) for p in picks))
    f[f"rule:{rule or 'none'}"] = 1.0
    if f["rule_pick"]:
        f[f"rule_pick:{rule}"] = 1.0
    f["main"] = float(main is not None and key(main.canonical) == key(c.canonical))
    f["each"] = float(bool(cq["each_rx"].search(u[a.end:a.end + 30])))
    mentions = (counts if counts is not None else mention_counts(ctx))[key(c.canonical)]
    f[f"mentions:{min(mentions, 4)}"] = 1.0
    name = c.canonical
    first = name.split(" ")[0].lower() if name else ""
    f[f"head:{first}"] = 1.0 if first in _HEADS else 0.0
    f["name_upper"] = float(name.isupper())
    f["name_fragment"] = float(bool(FRAGMENT.search(name)))
    f[f"name_words:{min(len(name.split()), 6)}"] = 1.0
    f["in_title_or_lead"] = float(sec is not None and sec.label in {"title", "lead"})
    f["in_quote"] = float(sec is not None and sec.label == "quote")
    return {k: v for k, v in f.items() if v}


_HEADS = frozenset({"ville", "municipalité", "mrc", "commune", "association", "centre", "fondation", "coopérative",
                    "société", "corporation", "club", "festival", "université", "collège", "école", "musée",
                    "conseil", "fédération", "comité", "groupe", "entreprise", "agence", "ministère", "office",
                    "institut", "maison", "théâtre", "département", "région", "communauté", "syndicat", "chambre"})
