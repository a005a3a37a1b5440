"""Who receives an amount: the recipient rules, one named function each, tried in order.

:data:`RULES` lists them; the first one that answers wins, and its name is the record's
``evidence.rule``.  A rule answers ``None`` when it does not apply, else the recipients
and its own name (an empty list stops the search: the amount has no recipient).
:data:`FAMILY` maps each name to the six labels the confidence priors
(:data:`~annonces.records.context.RULE_CONFIDENCE`) and the learned linker's features
were fitted on (``line``, ``to``, ``paren``, ``each``, ``subject``, ``main``).

:func:`explain` runs the rules alone over a text (no KB, no statistical model):

>>> explain("Une aide de 75 000 $ est accordée à la Coopérative de solidarité du Lac.")
[('75 000 $', 'Coopérative de solidarité du Lac', 'to')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace

from ..extractors.organizations.cues import cues as org_cues
from ..types import Amount, Mention
from .context import RECORD_ROLES, Context, cues
from .sentence_rules import aid_to, change, given_to, plural_receive, purpose_of, supports, topic, town_lead, works_in_town
from .line_rules import block, inline_list, line_head, list_item_head, named_after_colon, row_head, tally
from .where import Pick, Where
from .reference_rules import definite_reference, main, municipality_place, pronoun_subject, sole_body

__all__ = ["FAMILY", "RULES", "Pick", "Where", "explain", "family", "recipients"]

def paren(w: Where) -> Pick | None:
    """``le Musée de la Gaspésie (42 000 $)``: the name just before the parenthesis.

    >>> explain("Parmi les projets retenus, le Musée de la Gaspésie (42 000 $) rénovera sa salle.")
    [('42 000 $', 'Musée de la Gaspésie', 'paren')]
    >>> explain("Parmi eux, le Club aquatique de Rosemont (150 761 $) et le Club Gymnix de Montréal (18 457 $).")[1]
    ('18 457 $', 'Club Gymnix de Montréal', 'paren')
    """
    u, a = w.ctx.u, w.a
    p = u.rfind("(", max(w.line_start, a.start - 40), a.start)
    if p < 0 or ")" in u[p:a.start]:
        return None
    before = [o for o in w.ctx.orgs_in(max(w.line_start, p - 90), p) if not w.ctx.is_funder(o)]
    if before:
        o = before[-1]
        gap = u[o.end:p]
        if len(gap) <= 40 and not re.search(r"[.;:()]|\bet\b", gap) and not w.ctx.orgs_in(o.end + 1, p):
            headed = re.sub(r"^(?:Le|La|Les|L['’])[ ]*", "", o.text).split(" ")[0] in org_heads()
            return [with_tail(u, o, p, _PLACE_TAIL) if headed else o], "paren"  # "Club X de Montréal", not "Ecorad de L'Islet"
    return None


def respectivement(w: Where) -> Pick | None:
    """``A et B recevront respectivement 20 000 $ et 35 000 $``: names and amounts in order.

    >>> explain("La Coopérative de solidarité du Lac et le Centre culturel de Baie-Comeau recevront "
    ...         "respectivement 20 000 $ et 35 000 $.")[1]
    ('35 000 $', 'Centre culturel de Baie-Comeau', 'respectivement')
    """
    ctx, a, s0, s1 = w.ctx, w.a, w.s0, w.s1
    if not re.search(r"\brespectivement\b", ctx.u[max(s0, a.start - 300):min(s1, a.end + 300)]):
        return None
    sent_amounts = [x for x in ctx.amounts_in(s0, s1) if x.role in RECORD_ROLES]
    names = [o for o in ctx.orgs_in(s0, s1) if not ctx.is_funder(o) and o.end <= sent_amounts[0].start] if sent_amounts else []
    if len(names) == len(sent_amounts) > 1 and a in sent_amounts:
        return [names[sent_amounts.index(a)]], "respectivement"
    return None


def cleft(w: Where) -> Pick | None:
    """``C'est à X que sera versée l'aide de N $``: the name between ``c'est à`` and ``que``.

    >>> explain("C'est à la Fondation Santé Bas-Saint-Laurent que sera versée l'aide de 90 000 $.")
    [('90 000 $', 'Fondation Santé Bas-Saint-Laurent', 'cleft')]
    """
    u = w.ctx.u
    for o in w.ctx.orgs_in(max(w.s0, w.a.start - 300), w.a.start):
        if re.match(r"[ ]*(?:,[ ]*)?qu(?:e|')", u[o.end:o.end + 6]) and re.search(r"c'est (?:à|au|aux)[ ]+(?:(?:la|le|les|l')[ ]?)?$", u[max(w.s0, o.start - 40):o.start], re.IGNORECASE):
            return [o], "cleft"
    return None


def soit(w: Where) -> Pick | None:
    """``120 000 $ à X, soit 70 000 $ pour … et 50 000 $ pour …``: the parts go to the recipient
    of the amount before ``soit``; the name is ``soit:`` and the rule that found that recipient.

    >>> explain("Le gouvernement accorde 120 000 $ à la Ville de Rimouski, soit 70 000 $ pour la "
    ...         "bibliothèque et 50 000 $ pour l'aréna.")[1:]
    [('70 000 $', 'Ville de Rimouski', 'soit:to'), ('50 000 $', 'Ville de Rimouski', 'soit:to')]
    """
    w0 = max(w.s0, w.a.start - 300)  # windows stay bounded: linear time on endless sentences
    m = re.search(r"\bsoit\b[^.;]*$", w.ctx.u[w0:w.a.start])
    if not m:
        return None
    lead = [x for x in w.ctx.amounts_in(w0, w0 + m.start()) if x.role in RECORD_ROLES | {"aggregate"}]
    if lead:
        got, rule = recipients(w.ctx, lead[-1], None)
        if len(got) == 1:
            return got, f"soit:{rule}"
    return None


def to(w: Where) -> Pick | None:
    """``… 250 000 $ à l'organisme Moisson Mauricie et au Centre Le Havre``: the names after ``à``.

    >>> explain("Québec accorde 250 000 $ à l'organisme Moisson Mauricie pour ses activités.")
    [('250 000 $', 'Moisson Mauricie', 'to')]
    >>> explain("La Ville de Forestville reçoit 285 030 $ pour aménager une salle au Complexe Guy-Ouellet.")
    [('285 030 $', 'Ville de Forestville', 'subject_receive')]
    """
    ctx, a, u, after = w.ctx, w.a, w.ctx.u, w.after
    for o in after[:3]:
        if any(x is not a and x.role in RECORD_ROLES for x in ctx.amounts_in(a.end, o.start)):
            break
        m = cues()["to_rx"].search(u[a.end:o.start])
        if m:
            if m.group("skip") and cues()["receive_rx"].search(u, max(w.s0, a.start - 40), a.start) and subject_receive(w) is not None:
                return None  # "Forestville reçoit 285 030 $ pour aménager une salle au Complexe X": the subject
            group = [o]
            for nxt in after[after.index(o) + 1:]:
                if re.fullmatch(r"[ ]*(?:,|et|ainsi qu'(?:à|aux|au)?)[ ]*(?:(?:à|aux|au|à l')[ ]*)?(?:(?:le|la|les|l')[ ]?)?", u[group[-1].end:nxt.start]):
                    group.append(nxt)
                else:
                    break
            return group, "to"
    return None


def comma(w: Where) -> Pick | None:
    """``…, le Théâtre des Marionnettes du Lac, 25 000 $ et …``: the name just before the comma
    (or before ``avec``).

    >>> explain("Parmi les lauréats, le Théâtre des Marionnettes du Lac, 25 000 $, et l'Atelier du Bois, 18 000 $.")[0]
    ('25 000 $', 'Théâtre des Marionnettes du Lac', 'comma')
    >>> explain("Les sommes les plus importantes vont à la Commission scolaire de Laval, avec 65,4 millions $.")
    [('65,4 millions $', 'Commission scolaire de Laval', 'comma')]
    >>> explain("La plus importante contribution revient à la Maison des jeunes de Lachute avec 81 500 $.")
    [('81 500 $', 'Maison des jeunes de Lachute', 'comma')]
    """
    near = [o for o in w.ctx.orgs_in(max(w.line_start, w.a.start - 120), w.a.start) if not w.ctx.is_funder(o)]
    if near and re.fullmatch(r"(?:,[ ]*(?:avec[ ]+)?|[ ]+avec[ ]+)(?:(?:près de|plus de|environ)[ ]+)?",
                                w.ctx.u[near[-1].end:w.a.start]):
        return [near[-1]], "comma"
    return None


#: what ends an item ``AMOUNT au X pour …,`` before the next amount of an ellipsis
_ITEM_TAIL = re.compile(r"[ ]+pour[ ]+[^,;.:]{1,160}?(?:,[ ]*(?:et[ ]+)?|[ ]+et[ ]+)")


def ellipsis(w: Where) -> Pick | None:
    """``6 098 € au collège du Porzou pour un coupe-légumes, 2 263 € pour un cutter, …``: an
    amount for a purpose right after an item of the same recipient goes to that recipient.

    >>> [r for _, r, _ in explain("Collèges. 6 098 € au collège du Porzou pour un coupe-légumes, 2 263 € pour un "
    ...                           "cutter, 4 096 € pour un four.")]
    ['collège du Porzou', 'collège du Porzou', 'collège du Porzou']
    """
    u, a = w.ctx.u, w.a
    if not re.match(r"[ ]+pour[ ]+", u[a.end:a.end + 8]):
        return None
    prior = [b for b in w.ctx.amounts_in(max(w.s0, a.start - 240), a.start) if b.end <= a.start]
    if not prior:
        return None
    b = prior[-1]
    names = w.ctx.orgs_in(b.end, a.start)
    lo = names[0].end if names else b.end  # names after it are in the purpose ("en Prêt locatif (PLUS)")
    if names and not cues()["to_rx"].search(u[b.end:names[0].start]):
        return None
    if not _ITEM_TAIL.fullmatch(u, lo, a.start):
        return None
    got, rule = recipients(w.ctx, b, None)
    if len(got) == 1 and family(rule) in {"to", "line"}:
        return got, "ellipsis"
    return None


def each(w: Where) -> Pick | None:
    """``A et B recevront chacune 25 000 $``, ``… 30 000 $ chacun``: every name before the amount.

    >>> explain("La Ville de Matane et la Ville de Rimouski recevront chacune 25 000 $ pour leurs parcs.")
    [('25 000 $', 'Ville de Matane', 'each'), ('25 000 $', 'Ville de Rimouski', 'each')]
    >>> [r for _, r, _ in explain("La Ville de Matane et la Ville de Rimouski obtiennent chacune un peu plus de 25 000 $.")]
    ['Ville de Matane', 'Ville de Rimouski']
    >>> [r for _, r, _ in explain("La Ville de Matane et la Ville de Rimouski reçoivent toutes les deux 25 000 $.")]
    ['Ville de Matane', 'Ville de Rimouski']
    >>> explain("Trois organismes recevront 30 000 $ chacun : le Club Optimiste de Rigaud, la Maison des jeunes "
    ...         "de Rigaud et la Fondation Rigaud.")  # doctest: +NORMALIZE_WHITESPACE
    [('30 000 $', 'Club Optimiste de Rigaud', 'each'), ('30 000 $', 'Maison des jeunes de Rigaud', 'each'),
     ('30 000 $', 'Fondation Rigaud', 'each')]
    """
    u, a = w.ctx.u, w.a
    each_after = cues()["each_rx"].search(u[a.end:a.end + 30])
    if w.before and (each_after or re.search(r"\b(?:chacune?|tou(?:s|tes)[ ]+(?:les[ ]+)?deux)[ ]+(?:(?:de|d'une?|un montant de)[ ]+)?(?:(?:un[ ]+peu[ ]+)?(?:plus|près|moins)[ ]+de[ ]+|environ[ ]+)?$",
                                                         u[max(w.s0, a.start - 40):a.start])):
        lo = max([w.s0, *(b.end for b in w.ctx.amounts_in(w.s0, a.start)), *(m.end() for m in _CLAUSE_OPENER.finditer(u, w.s0, a.start))])
        own = [o for o in w.before if o.start >= lo]  # "X aura 4 500 $, alors que A et B se partageront chacun 4 500 $"
        return own or w.before, "each"
    colon = u.find(":", a.end, w.s1)
    if colon > 0 and (each_after or _EACH_OF.search(u, a.end, colon)) and not u[a.end:colon].count("$") + u[a.end:colon].count("€"):
        named = [o for o in w.after if o.start > colon]
        if len(named) >= 2:
            return named, "each"  # "30 000 $ chacun : A, B et C", "… à chacun des organismes suivants : A, B et C"
    return None


#: what opens a clause of its own inside a sentence: its names are the clause's
_CLAUSE_OPENER = re.compile(r",?[ ]+(?:alors que|tandis que|pendant que|et que)[ ]+|;[ ]+")
#: ``à chacun des organismes suivants``: the names follow a colon
_EACH_OF = re.compile(r"\bchacune?[ ]+des[ ]+[\w'-]+(?:[ ]+suivante?s)?[ ]*$")


#: lowercase complements that end a subject's name before its verb (``pour les arts``, ``du boisé de l'Anse``)
_NAME_TAIL = re.compile(r"(?:[ ]+(?:(?:pour|de|du|des|en|sur)[ ]+(?:(?:les|la|le)[ ]+|l['’])?|d['’]|l['’])"
                        r"(?!(?:son|sa|ses|leur|leurs|un|une|ce|cet|cette|ces|notre|nos|votre|vos)\b)"
                        r"\w[\w-]*(?:[ ]+[a-zà-öø-ÿ][\w-]*(?=[ ]+(?:de|du|des|d['’]|pour)\b|[ ]*$))?){1,4}[ ]*")


#: a place complement between a name and its parenthesis (``le Club Flipgym de Montréal (18 457 $)``)
_PLACE_TAIL = re.compile(r"[ ]+(?:de|du|des|d['’])[ ]*(?:la[ ]+|l['’])?[A-ZÀ-ÖØ-Þ][\w'’]*(?:[ -]+(?:[A-ZÀ-ÖØ-Þ][\w'’]*|sur|en|de|du|des|la|le|les|aux?|d['’]\w+)){0,5}[ ]*")


@functools.cache
def org_heads() -> frozenset[str]:
    """The head nouns that open a name (``Club``, ``Musée``): such a name keeps its place complement."""
    return frozenset(org_cues()["heads"])


def with_tail(u: str, o: Mention, stop: int, tail: re.Pattern[str] = _NAME_TAIL) -> Mention:
    """``o`` extended up to ``stop`` (its verb, its parenthesis) when the whole gap is a
    ``tail`` (by default lowercase complements: ``Le Centre Nia`` + `` pour les arts`` +
    ``recevra``); a KB name keeps its extent.

    >>> m = Mention("organization", "Centre Nia", 3, 13, "Centre Nia")
    >>> with_tail("Le Centre Nia pour les arts recevra 1 931 000 $.", m, 28).canonical
    'Centre Nia pour les arts'
    >>> with_tail("Le Centre Nia, fondé en 2000, recevra 1 931 000 $.", m, 30).canonical
    'Centre Nia'
    """
    gap = u[o.end:stop]
    if not gap.strip() or (o.id is not None and not o.id.startswith("org:")) or not tail.fullmatch(gap):
        return o
    end = o.end + len(gap.rstrip())
    text = u[o.start:end]
    return replace(o, text=text, end=end, canonical=o.canonical + gap.rstrip() if o.canonical == o.text else o.canonical,
                   id=None)


def subject_receive(w: Where) -> Pick | None:
    """``La Société d'histoire de Lévis recevra 18 500 $``: the subject of a receiving verb,
    with the lowercase complements that end its name (``Le Centre X pour les arts recevra``).

    >>> explain("La Société d'histoire de Lévis recevra 18 500 $ du ministère.")
    [('18 500 $', "Société d'histoire de Lévis", 'subject_receive')]
    >>> explain("Les Amis du parc de la Rivière ont reçu une aide de 20 000 $.")
    [('20 000 $', 'Les Amis du parc de la Rivière', 'subject_receive')]
    >>> explain("La Ville de Gaspé pour son projet recevra 10 000 $.")
    [('10 000 $', 'Ville de Gaspé', 'subject_receive')]
    """
    if not w.before:
        return None
    o = w.before[-1]
    m = cues()["receive_rx"].search(w.ctx.u, o.end, w.a.start)
    if m and not w.ctx.orgs_in(o.end + 1, w.a.start) and not any(x.role in RECORD_ROLES for x in w.ctx.amounts_in(o.end, m.start())):
        return [with_tail(w.ctx.u, o, m.start())], "subject_receive"
    return None  # "…, C (18 457 $) et D (18 457 $) recevront une contribution totale de 205 074 $": the names have theirs


def porte_par(w: Where) -> Pick | None:
    """``X voit son projet porté par 60 000 $``: the last name before ``porté par`` + amount.

    >>> explain("La Ville d'Alma voit son projet de parc porté par 60 000 $ du Fonds régional.")
    [('60 000 $', "Ville d'Alma", 'porte_par')]
    """
    if w.before and re.search(r"\bport[ée]e?s? par[ ]+$", w.ctx.u[max(w.s0, w.a.start - 40):w.a.start]):
        return [w.before[-1]], "porte_par"
    return None


def porte_par_after(w: Where) -> Pick | None:
    """``un projet de 400 000 $ porté par l'organisme Moisson Beauce``: the name after ``porté par``
    (when that name is not read as the funder: ``par la`` just before a name marks a funder)."""
    if w.after and re.search(r"\bport[ée]e?s? par[ ]+(?:(?:le|la|les|l')[ ]?)?$", w.ctx.u[w.a.end:w.after[0].start]):
        return [w.after[0]], "porte_par_after"
    return None


def passive(w: Where) -> Pick | None:
    """``X mène un plan de 12,6 M$, dont 5 M$ seront financés par …``: the sentence's first name.

    >>> explain("La Ville de Lévis mène un plan de 12,6 M$, dont 5 M$ seront financés par le ministère.")
    [('5 M$', 'Ville de Lévis', 'passive')]
    """
    if w.before and cues()["passive_rx"].match(w.ctx.u, w.a.end):
        return [w.before[0]], "passive"
    return None



#: the recipient rules in the order they are tried
RULES: tuple[tuple[str, Callable[[Where], Pick | None]], ...] = (
    ("tally", tally),
    ("block", block),
    ("row_head", row_head),
    ("named_after_colon", named_after_colon),
    ("inline_list", inline_list),
    ("line_head", line_head),
    ("list_item_head", list_item_head),
    ("paren", paren),
    ("respectivement", respectivement),
    ("cleft", cleft),
    ("soit", soit),
    ("town_lead", town_lead),
    ("to", to),
    ("comma", comma),
    ("ellipsis", ellipsis),
    ("each", each),
    ("plural_receive", plural_receive),
    ("subject_receive", subject_receive),
    ("porte_par", porte_par),
    ("porte_par_after", porte_par_after),
    ("passive", passive),
    ("purpose_of", purpose_of),
    ("supports", supports),
    ("given_to", given_to),
    ("aid_to", aid_to),
    ("change", change),
    ("topic", topic),
    ("pronoun_subject", pronoun_subject),
    ("definite_reference", definite_reference),
    ("municipality_place", municipality_place),
    ("works_in_town", works_in_town),
    ("main", main),
    ("sole_body", sole_body),
)

#: each rule's family: the label its prior confidence and the linker's features know
FAMILY: dict[str, str] = {
    "tally": "line", "block": "line", "row_head": "line", "named_after_colon": "to", "inline_list": "line", "line_head": "line", "list_item_head": "line", "paren": "paren",
    "respectivement": "to", "cleft": "to", "to": "to", "comma": "paren", "ellipsis": "to", "each": "each",
    "plural_receive": "each", "subject_receive": "subject", "porte_par": "subject", "porte_par_after": "to", "passive": "subject", "purpose_of": "to", "given_to": "to", "aid_to": "to", "change": "subject", "topic": "subject", "town_lead": "to", "supports": "to",
    "pronoun_subject": "subject", "definite_reference": "subject", "municipality_place": "to", "works_in_town": "to", "main": "main", "sole_body": "main",
}


def family(rule: str) -> str:
    """The family label of a rule name (``soit:`` and ``linker:`` prefixes read through).

    >>> family("line_head"), family("soit:comma"), family("linker:list_item_head"), family(""), family("linker:model")
    ('line', 'paren', 'line', '', 'model')
    """
    last = rule.rsplit(":", 1)[-1]
    return FAMILY.get(last, last)


def recipients(ctx: Context, a: Amount, used_main: Mention | None) -> Pick:
    """Recipients of amount ``a`` and the name of the rule that found them (``[], ""``: none)."""
    w = Where(ctx, a, used_main)
    for _name, rule in RULES:
        pick = rule(w)
        if pick is not None:
            return pick
    return [], ""



def explain(text: str, *, main: str | None = None) -> list[tuple[str, str, str]]:
    """``(amount, recipient, rule)`` for each amount of ``text`` by the rules alone, organizations
    found without a KB or a model; ``main``: the release's known recipient (for the ``main`` rule).
    Each rule of :data:`RULES` shows it on an example.
    """
    from ..extractors.amounts import find_amounts
    from ..extractors.organizations import find_organizations
    from ..segmentation import segment, sentence_spans

    amounts = find_amounts(text)
    orgs = find_organizations(text, amounts=amounts)
    ctx = Context(text, amounts, orgs, [], [], [], [], segment(text), sentence_spans(text), None, None)
    used = next((o for o in ctx.orgs if o.canonical == main), None)
    out: list[tuple[str, str, str]] = []
    for a in ctx.amounts:
        got, rule = recipients(ctx, a, used)
        out.extend((a.text, o.canonical, rule) for o in got)
    return out
