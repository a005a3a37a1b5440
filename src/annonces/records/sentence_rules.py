"""Recipient rules that read past the name grammar: the works an amount pays (``pour
l'agrandissement du X``), a grant's noun (``La subvention au Festival X s'élève à …``), a plural receiving verb after an enumeration (``A, B et C reçoivent 75 000 $``), a participle of giving (``Cette aide, accordée à la X``, also in the
next sentence) and a grant cut or raised (``passant de 20 000 $ à 10 000 $``).

Each rule takes the :class:`~annonces.records.where.Where` of an amount and returns the
recipients it reads with its name, or None; :data:`annonces.records.recipients.RULES` orders them.
"""

from __future__ import annotations

import functools
import re

from .. import patterns
from ..extractors.organizations.cues import places_of
from ..normalize.text import alternation, stem_alternation
from ..types import Mention
from .candidates import place_named
from .context import RECORD_ROLES, cues
from .reference_rules import municipal_org
from .where import Pick, Where


def purpose_of(w: Where) -> Pick | None:
    """``Le gouvernement octroie 300 000 $ pour l'agrandissement du Centre X``: no name before the
    amount, the body or facility whose works it pays.

    >>> from annonces.records.recipients import explain
    >>> explain("Le ministère octroie 300 000 $ pour l'agrandissement du Centre communautaire Le Pivot.")
    [('300 000 $', 'Centre communautaire Le Pivot', 'purpose_of')]
    """
    if w.before or not w.after or w.a.role not in {"grant", "loan"}:
        return None
    o = w.after[0]
    return ([o], "purpose_of") if cues()["purpose_rx"].fullmatch(w.ctx.u, w.a.end, o.start) else None


#: a participle of giving and its preposition (the passive verbs of announce_verbs.csv)
_PARTICIPLE_TO = rf"\b(?:{stem_alternation(patterns.announce_verbs('passive'))})[ ]+(?:à|au|aux)"
#: a participle giving to the name that follows (``Cette aide, accordée à la …``)
_GIVEN_TO = re.compile(rf"{_PARTICIPLE_TO}[ ]*(?:(?:la|le|les|l')[ ]?)?$")
#: words that give to the name after them even far from the amount, a clause between them
#: (``156 531 $, provenant du Programme X (PRIMEAU), a été octroyée à la Ville de Prévost``); every
#: ``_GIVEN_TO`` is one of them
_FAR_TO = re.compile(rf"(?:{_PARTICIPLE_TO}|\bau[ ]+(?:profit|bénéfice)[ ]+d(?:e|u|es)|\ben[ ]+faveur[ ]+d(?:e|u|es))[ ]*(?:(?:la|le|les|l')[ ]?)?"
                     rf"(?:(?:{alternation(cues()['role_words'], escape=True)})(?:[ ]+(?:de|du|des)|[ ]+d')?[ ]*(?:(?:la|le|les|l')[ ]?)?)?(?:«[ ]?)?$")
#: a sentence opening on the amount of the sentence before (``Cette aide``, ``Ce montant``)
_THIS_AID = re.compile(r"[ \n]*(?:Cette|Ce|Cet)[ ]+(?:aide|subvention|somme|contribution|montant|financement|soutien|prêt|appui|investissement|enveloppe)\b")


def given_to(w: Where) -> Pick | None:
    """``Cette aide, accordée à la Fondation X, s'élève à 250 000 $`` (the name before the amount),
    or ``… une aide de 250 000 $. Cette aide, accordée à la Fondation X, …`` (the next sentence
    names it): the name after a participle of giving.

    >>> from annonces.records.recipients import explain
    >>> explain("Cette aide, accordée à la Fondation Rigaud, s'élève à 250 000 $.")
    [('250 000 $', 'Fondation Rigaud', 'given_to')]
    >>> explain("Le Conseil municipal a accordé à l'association « Les Amis du parc » une subvention de 6 000 €.")
    [('6 000 €', 'Les Amis du parc', 'given_to')]
    >>> explain("Une somme de 156 531 $, provenant du Programme d'infrastructures municipales d'eau (PRIMEAU), a été octroyée à la Ville de Prévost.")
    [('156 531 $', 'Ville de Prévost', 'given_to')]
    >>> explain("Le ministre annonce une aide de 250 000 $. Cette aide, versée à la Fondation Rigaud, servira à l'achat d'équipement.")
    [('250 000 $', 'Fondation Rigaud', 'given_to')]
    """
    ctx, u = w.ctx, w.ctx.u
    for o in reversed(w.before):
        if _FAR_TO.search(u, max(w.s0, o.start - 60), o.start):
            return [o], "given_to"
    for o in w.after[:3]:
        if o.start - w.a.end > 200 or ctx.amounts_in(w.a.end, o.start):
            break
        if _FAR_TO.search(u, max(w.a.end, o.start - 60), o.start):
            return [o], "given_to"  # "une somme de 156 531 $, provenant du …, a été octroyée à la Ville de Prévost"
    if w.before or w.after or w.a.role not in {"grant", "loan"}:
        return None
    nxt = ctx.sent.after((w.s0, w.s1))
    if nxt is None or not _THIS_AID.match(u, w.s1, nxt[1]) or any(x.role in RECORD_ROLES for x in ctx.amounts_in(nxt[0], nxt[1])):
        return None
    for o in ctx.orgs_in(nxt[0], nxt[1]):
        if not ctx.is_funder(o) and _GIVEN_TO.search(u, max(nxt[0], o.start - 40), o.start):
            return [o], "given_to"
    return None


def aid_to(w: Where) -> Pick | None:
    """``La subvention au Festival X s'élève à 50 000 $``, ``sa subvention pour le Babel Med Music
    à 104 800 €``: the name after a grant's noun and ``à``/``pour``, before the amount in its
    sentence with no other name between them.

    >>> from annonces.records.recipients import explain
    >>> explain("La subvention au Festival de jazz de Rimouski s'élève à 50 000 $.")
    [('50 000 $', 'Festival de jazz de Rimouski', 'aid_to')]
    >>> explain("Le soutien à l'Orchestre symphonique de Québec atteint 300 000 $.")
    [('300 000 $', 'Orchestre symphonique de Québec', 'aid_to')]
    """
    if not w.before or w.a.role not in {"grant", "loan"}:
        return None
    ctx, u, o = w.ctx, w.ctx.u, w.before[-1]
    between = u[o.end:w.a.start]
    if len(between) > 60 or ctx.orgs_in(o.end, w.a.start) or ctx.amounts_in(o.end, w.a.start) or not o.text[:1].isupper():
        return None
    if cues()["grant_rx"].search(between):
        return None  # "Soutien à X - Québec accorde 1,77 M$": the name is the funder's subject
    return ([o], "aid_to") if cues()["aid_to_rx"].search(u, max(w.s0, o.start - 50), o.start) else None


#: what joins two members of an enumeration of names
_ENUM_JOIN = re.compile(r"(?:,[ ]*(?:et[ ]+)?|[ ]+et[ ]+)(?:(?:le|la|les|l')[ ]?)?")


def plural_receive(w: Where) -> Pick | None:
    """``A, B et C reçoivent 75 000 $``: a plural receiving verb right before the amount gives each
    name of the enumeration its subject the amount; with ``se partagent``, ``ensemble``, ``au total``
    or a rounded figure (``plus de 1,5 M$``) the amount is their aggregate, which is no one's record.

    >>> from annonces.records.recipients import explain
    >>> explain("La Ville de Matane, la Ville de Rimouski et la Ville de Gaspé reçoivent 75 000 $.")
    [('75 000 $', 'Ville de Matane', 'plural_receive'), ('75 000 $', 'Ville de Rimouski', 'plural_receive'), ('75 000 $', 'Ville de Gaspé', 'plural_receive')]
    >>> explain("La Ville de Matane et la Ville de Rimouski reçoivent ensemble 75 000 $.")
    []
    >>> explain("La Ville de Matane et la Ville de Rimouski bénéficieront de plus de 1,5 M$.")
    []
    """
    if len(w.before) < 2 or w.a.role not in {"grant", "loan"}:
        return None
    ctx, u, o = w.ctx, w.ctx.u, w.before[-1]
    verb = cues()["receive_rx"].search(u, o.end, w.a.start)
    if verb is None or not verb.group().endswith(("ent", "ont")) or ctx.orgs_in(o.end + 1, w.a.start) or w.a.start - verb.end() > 25:
        return None
    if not re.fullmatch(r"[ ]*", u[o.end:verb.start()]):
        return None
    members = [o]
    for p in reversed(w.before[:-1]):
        if not _ENUM_JOIN.fullmatch(u, p.end, members[0].start):
            break
        members.insert(0, p)
    if len(members) < 2:
        return None
    if cues()["shared_rx"].search(u, w.s0, w.s1) or _ROUNDED.search(u, max(w.s0, w.a.start - 20), w.a.start):
        return [], "plural_receive"  # "A, B, …, G bénéficieront de plus de 1,5 M$": a rounded total
    return members, "plural_receive"


#: a rounded figure (``plus de 1,5 M$``): a total, not each name's share
_ROUNDED = re.compile(r"\b(?:plus|près|moins)[ ]+d[e']|\benviron[ ]+|\bquelque[ ]+$")


def change(w: Where) -> Pick | None:
    """``La subvention de la Fondation X diminue, passant de 20 000 $ à 10 000 $``: both amounts are
    the name's, the name before them, else the one name of the sentence before (``La Fondation X
    écope d'une baisse. Le montant passe de 40 000 $ à 25 000 $``).

    >>> from annonces.records.recipients import explain
    >>> explain("La subvention du Club Optimiste de Rimouski diminue, passant de 20 000 $ à 10 000 $.")
    [('20 000 $', 'Club Optimiste de Rimouski', 'change'), ('10 000 $', 'Club Optimiste de Rimouski', 'change')]
    """
    ctx, u, a = w.ctx, w.ctx.u, w.a
    first = a
    if not cues()["change_rx"].search(u, max(w.s0, a.start - 40), a.start):
        prev = ctx.amounts_in(w.s0, a.start)
        if not prev or not re.fullmatch(r"[ ]+à[ ]+", u[prev[-1].end:a.start]) or not cues()["change_rx"].search(
                u, max(w.s0, prev[-1].start - 40), prev[-1].start):
            return None
        first = prev[-1]
    named = [o for o in ctx.orgs_in(w.s0, first.start) if not ctx.is_funder(o)]
    if named:
        return [named[-1]], "change"
    before = ctx.sent.at(max(0, w.s0 - 1))
    if before[1] <= w.s0 and not any(x.role in RECORD_ROLES for x in ctx.amounts_in(*before)):
        named = [o for o in ctx.orgs_in(*before) if not ctx.is_funder(o)]
        if len(named) == 1:
            return named, "change"
    return None


def topic(w: Where) -> Pick | None:
    """``Quant à Pro-Automation, une entreprise de …, Investissement Québec lui accorde un prêt de
    900 000 $``: a name put forward at the sentence's opening (cue ``topics``) and taken up by
    ``lui``/``leur``, or by a subject pronoun and a receiving verb, before the amount.

    >>> from annonces.records.recipients import explain
    >>> explain("Quant à Pro-Automation inc., une entreprise de Lévis, le ministère lui accorde un prêt de 900 000 $.")
    [('900 000 $', 'Pro-Automation inc.', 'topic')]
    """
    u = w.ctx.u
    m = cues()["topic_rx"].match(u, w.s0)
    if m is None or not w.before or w.before[0].start - m.end() > 4:
        return None
    name = w.before[0]
    between = u[name.end:w.a.start]
    if re.search(r"\b(?:lui|leur)\b", between) or (re.search(r"\b(?:elle|il|elles|ils)\b", between, re.IGNORECASE) and cues()["receive_rx"].search(between)):
        return [name], "topic"
    return None


#: a town the clause opens on: ``A Roanne, l'aménagement de … bénéficiera de 990 000 euros``
_TOWN_LEAD = re.compile(r"(?:À|A|à)[ ]+(?P<town>(?:(?:La|Le|Les|L')[ ]?)?[A-ZÀ-Þ][\w'’]*(?:-[\w'’]+)*)(?=[ ]*,|[ ]+\d)")
#: what opens a clause inside a sentence: ``;``, ``, et``, `` et à``, the dash after a dateline (``MATANE, le 9 mai 2024 – À Matane, …``)
_CLAUSE_OPEN = re.compile(r";[ ]|,[ ]+et[ ]|[ ]et(?=[ ]+à[ ])|[ ]-[ ]")  # dashes unified in ctx.u


def _town_recipient(ctx, s: int, e: int, town: str) -> Mention:
    """The recipient a town written at ``s:e`` stands for: the ``Ville de X`` the release names, else the town."""
    return municipal_org(ctx, town) or Mention("organization", ctx.text[s:e], s, e, ctx.text[s:e], source="place")


def town_lead(w: Where) -> Pick | None:
    """``A Roanne, l'aménagement de l'Ilot X bénéficiera de 990 000 euros, et à Riorges, la friche
    … bénéficiera d'environ 589 608 euros``: a known town opening the amount's clause, no
    name of its own before the amount (a name after ``de``, the works' object, is not one)
    and none given the money after it: the town is the recipient (the ``Ville de X`` when the release names it).

    >>> import annonces
    >>> x = annonces.extract("A Roanne, l'aménagement de l'Ilot Gambetta bénéficiera de 990 000 euros.", fast=True)
    >>> [(r.recipient, r.amount, r.evidence.rule) for r in x.records]
    [('Roanne', Decimal('990000'), 'town_lead')]
    """
    ctx, a, u = w.ctx, w.a, w.ctx.u
    if a.role not in {"grant", "loan"}:
        return None
    places = places_of(ctx.kb)
    if not places:
        return None
    opens = [m.end() for m in _CLAUSE_OPEN.finditer(u, w.s0, a.start)]
    c0 = max([w.s0, u.rfind("\n", w.s0, a.start) + 1, *opens])
    m = _TOWN_LEAD.match(u, c0 + len(u[c0:a.start]) - len(u[c0:a.start].lstrip()), a.start)
    if m is None or place_named(m.group("town"), places) is None:
        return None
    if any(o.start >= m.end() and not re.search(r"(?:de|du|des|d')[ ]?(?:la[ ]|l')?$", u[max(0, o.start - 6):o.start]) for o in w.before):
        return None  # "A Gaspé, la Maison des jeunes recevra …": the name is the recipient
    if any(o.start - a.end < 60 and re.search(r"(?:\bà|\bau|\baux)[ ]+(?:la[ ]+|l')?$", u[max(0, o.start - 8):o.start]) for o in w.after):
        return None  # "A Gaspé, 50 000 $ iront à la Maison des jeunes"
    s, e = m.span("town")
    return [_town_recipient(ctx, s, e, u[s:e])], "town_lead"


#: a verb of support whose object is the body funded, after the amount: ``1,2 M$ soutiendra le travail de l'Association X``
_SUPPORTS_AFTER = re.compile(
    r"[ ,]*(?:(?:qui|et)[ ]+)?(?:soutiendr(?:a|ont)|soutien(?:t|nent)|appuier(?:a|ont)|appui(?:e|ent)|aider(?:a|ont)|financer(?:a|ont)|permettr(?:a|ont)[ ]+(?:à|au|aux))[ ]+"
    r"(?:(?:le travail|les activités|la mission|le projet|les projets|les efforts|le fonctionnement)[ ]+(?:de[ ]+|du[ ]+|des[ ]+|d'))?"
    r"(?:(?:la|le|les|l')[ ]?)?(?:(?:organisme|entreprise|association|société|municipalité|ville|coopérative)[ ]+)?$")
#: a verb of support before ``à hauteur de`` and the amount, its object right after: ``d'aider à hauteur de 95 000 euros la Communauté de communes X``
_SUPPORTS_BEFORE = re.compile(r"\b(?:accompagner|soutenir|aider|financer|subventionner|appuyer)[ ]+(?:à hauteur de|pour un montant de)[ ]+$")


def supports(w: Where) -> Pick | None:
    """The body an amount supports when no name comes before it in the sentence: the object of
    ``soutiendra``/``appuiera``/``permettra à`` after the amount, or of ``accompagner à
    hauteur de N`` right after it.

    >>> from annonces.records.recipients import explain
    >>> explain("Il convient de noter qu'un financement de 1,2 M$ soutiendra le travail de l'Association des municipalités bilingues.")
    [('1,2 M$', 'Association des municipalités bilingues', 'supports')]
    >>> explain("Les élus ont choisi d'aider à hauteur de 95 000 euros la Communauté de Communes du Pays de Honfleur pour sa halle.")
    [('95 000 euros', 'Communauté de Communes du Pays de Honfleur', 'supports')]
    """
    if w.before or not w.after or w.a.role not in {"grant", "loan", "other"}:
        return None
    u, o = w.ctx.u, w.after[0]
    if w.a.role != "other" and _SUPPORTS_AFTER.fullmatch(u, w.a.end, o.start):
        return [o], "supports"
    if _SUPPORTS_BEFORE.search(u, max(w.s0, w.a.start - 60), w.a.start) and re.fullmatch(r"[ ]+(?:(?:la|le|les|l')[ ]?)?", u[w.a.end:o.start]):
        return [o], "supports"
    return None


#: where an amount's clause ends after it: ``, et``, ``;``, `` et à`` + a town, or the next amount's lead (``, et plus de 254 000``)
_CLAUSE_AFTER = re.compile(r",[ ]+et[ ]|;|[ ]et[ ]+à[ ]+(?=[A-ZÀ-Þ])|,[ ]+(?:(?:plus de|près de|environ)[ ]+)?\d")
@functools.cache
def _works() -> re.Pattern[str]:
    """Works paid for before a town (record_cues.json's purpose nouns and works verbs): ``à la requalification de la friche X à``."""
    return re.compile(rf"\b(?:{alternation([*cues()['purpose_nouns'], *cues()['works_verbs']], escape=True)})\b", re.IGNORECASE)


#: a town standing for its commune: after ``à``/``de`` (``au Québec`` is the province)
_TOWN_AFTER = re.compile(r"(?:\bà|\bde|\bd')[ ]?$")
#: works of several bodies: ``des``/``ces``/a number before the works noun
_MANY = re.compile(r"\b(?:des|ces|plusieurs|\d+)[ ]+$")


def works_in_town(w: Where) -> Pick | None:
    """``527 980 euros seront dévolus à la requalification de la friche Isochrome à Sorbiers``: no
    name before the amount nor given it in its clause, the works it pays, then a known town: the
    town is the recipient (SCHEMA: the commune it gives the money to, when no body is named).

    >>> import annonces
    >>> x = annonces.extract("Dans la Loire, 527 980 euros seront dévolus à la requalification de la friche Isochrome à Sorbiers.", fast=True)
    >>> [(r.recipient, r.amount, r.evidence.rule) for r in x.records]
    [('Sorbiers', Decimal('527980'), 'works_in_town')]
    """
    ctx, a, u = w.ctx, w.a, w.ctx.u
    if a.role not in {"grant", "loan"} or w.before:
        return None
    places = places_of(ctx.kb)
    if not places:
        return None
    stop = _CLAUSE_AFTER.search(u, a.end, w.s1)
    end = stop.start() if stop else w.s1
    if any(o.start < end for o in w.after):
        return None  # "… 50 000 € pour la rénovation de la salle de la Maison X"
    works = _works().search(u, a.end, end)
    if works is None or works.group().lower() in {"projets", "activités"} or _MANY.search(u, max(a.end, works.start() - 20), works.start()):
        return None  # "… pour soutenir 13 projets au Québec", "dans des projets de … de Saint-Quentin"
    for m in _TOWN_WORD.finditer(u, works.end(), end):
        town = place_named(m.group("town"), places)
        if town is not None and _TOWN_AFTER.search(u, max(0, m.start() - 4), m.start()):
            s = m.end("town") - len(town)
            e = m.end()
            return [_town_recipient(ctx, s, e, town)], "works_in_town"
    return None


#: a capitalized place name, with ``Métropole``/``Agglo`` when written after it (``Châteauroux Métropole``)
_TOWN_WORD = re.compile(r"(?<![\w'-])(?P<town>(?:(?:La|Le|Les|L')[ ]?)?[A-ZÀ-Þ][\w'’]*(?:-[\w'’]+)*)(?:[ ](?:Métropole|Agglo|Agglomération)\b)?")
