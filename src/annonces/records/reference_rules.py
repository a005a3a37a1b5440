"""Recipient rules that resolve a reference to a name met before: a subject pronoun
(``Elle bénéficie de …``, ``L'organisation avait reçu …``), a definite noun (``la fromagerie a
reçu …``), a town standing for its municipality, and the release's recipient taken up
(``Le ministère lui versera 40 000 $``).

Each rule takes the :class:`~annonces.records.where.Where` of an amount and returns the
recipients it reads with its name, or None; :data:`annonces.records.recipients.RULES` orders them.
"""

from __future__ import annotations

import functools
import re

from ..normalize.text import alternation, key
from ..types import Mention
from .context import Context, cues, is_list_line
from .where import Pick, Where

_SUBJECT_PRONOUN = re.compile(r"(?:(?:En|Pour|Dès|Depuis|Cette année|L'an dernier)[ ]?[^,.;\n]{0,20},[ ]+)?"  # "En 2025, l'organisation avait reçu"
                              r"(?:[Ee]lle|[Ii]l|Celle-ci|Celui-ci|Cette dernière|Ce dernier|(?:[Ll]'|Cette[ ])[Ee]ntreprise|(?:[Ll]a|Cette) [Ss]ociété"
                              r"|(?:[Ll]'|Cet[ ])[Oo]rganisme|(?:[Ll]'|Cette[ ])(?:[Aa]ssociation|[Oo]rganisation))[ ,]")


def pronoun_subject(w: Where) -> Pick | None:
    """``La société Loubet installée à Dax emploie 14 personnes. Elle bénéficie d'un soutien de
    35 000 euros``: a sentence opened by a pronoun and a receiving verb; the first name of the
    sentence before.

    >>> from annonces.records.recipients import explain
    >>> explain("La société Loubet installée à Dax emploie 14 personnes. Elle bénéficie d'un soutien de 35 000 euros.")
    [('35 000 euros', 'Loubet', 'pronoun_subject')]
    """
    u = w.ctx.u
    lead = _SUBJECT_PRONOUN.match(u, w.s0)
    aid = lead is None and w.used_main is None and w.a.role in {"grant", "loan"} and _the_aid().match(u, w.s0) \
        and len(w.ctx.amounts_in(w.s0, w.s1)) == 1
    if not aid and (lead is None or not cues()["receive_rx"].search(u, lead.end(), w.a.start)) or w.before or w.s0 < 2:
        return None  # (aid: "La commune de X est lauréate du Fonds. L'aide est conséquente : 630 000 euros")
    p0, p1 = w.ctx.sent.at(w.s0 - 2)
    if "\n\n" in u[p1:w.s0]:
        return None  # another paragraph
    named = [o for o in w.ctx.orgs_in(p0, p1) if not w.ctx.is_funder(o)]
    if not named:  # "Le Musée est du nombre des bénéficiaires. Il reçoit 100 000 $"
        opening = _OPENING_NOUN.match(u, p0)
        owner = _owner(w.ctx, opening.group("noun")) if opening else None
        named = [owner] if owner is not None else []
    marked = [o for o in named if _RECIPIENT_BEFORE.search(u, max(p0, o.start - 40), o.start)]
    named = marked or named  # "… ont débloqué un prêt, au profit de la société Thomas Apiculture."
    return ([named[0]], "pronoun_subject") if named else None


#: what marks a name of the sentence before as the one receiving: ``au profit de la société``
_RECIPIENT_BEFORE = re.compile(r"(?:au profit|en faveur|au bénéfice)[ ]d(?:e[ ]|u[ ]|es[ ]|')[ ]?(?:(?:la|le|les|l')[ ]?)?(?:(?:société|entreprise|organisme|association|commune)[ ]+)?$", re.IGNORECASE)


#: a sentence opening on a definite noun: ``Le Musée``, ``La coopérative``
_OPENING_NOUN = re.compile(r"\W*(?:La|Le|L')[ ]?(?P<noun>[A-ZÀ-Þa-zàâçéèêëîïôûù][a-zàâçéèêëîïôûù]+)\b(?![ -][A-ZÀ-Þ])")


def definite_reference(w: Where) -> Pick | None:
    """``la fromagerie a reçu 38 000 $``: the one name met in the release that starts with that noun.

    >>> from annonces.records.recipients import explain
    >>> explain("La Fromagerie du Fjord agrandit son usine. Grâce au programme, la fromagerie a reçu 38 000 $.")
    [('38 000 $', 'Fromagerie du Fjord', 'definite_reference')]
    """
    ref = _definite_reference(w.ctx, w.s0, w.a.start)
    return ([ref], "definite_reference") if ref is not None else None


def municipality_place(w: Where) -> Pick | None:
    """``… 212 000 $ pour ce projet à Saint-Ubalde``: the ``Municipalité de Saint-Ubalde`` named elsewhere.

    >>> from annonces.records.recipients import explain
    >>> explain("La Municipalité de Saint-Ubalde construit un centre sportif. Le ministère verse 212 000 $ pour ce projet à Saint-Ubalde.")
    [('212 000 $', 'Municipalité de Saint-Ubalde', 'municipality_place')]
    """
    muni = _municipality_recipient(w.ctx, w.a.end, w.s1)
    return ([muni], "municipality_place") if muni is not None else None


def main(w: Where) -> Pick | None:
    """``Elle recevra 40 000 $``: a pronoun, or a sentence opening on the aid (``L'aide …``, ``Cette
    somme …``) and naming no one, in a release whose recipient is known
    (``used_main``); never a total, a list line or the recipient's own share (``La Ville investit …``).

    >>> from annonces.records.recipients import explain
    >>> explain("La Ville de Gaspé mène le projet. Le ministère lui versera 40 000 $.", main="Ville de Gaspé")
    [('40 000 $', 'Ville de Gaspé', 'main')]
    """
    ctx, a = w.ctx, w.a
    if w.used_main is None or a.role not in {"grant", "loan"} or w.in_list_item or is_list_line(ctx, a):
        return None
    sentence = ctx.u[w.s0:w.s1]
    if re.search(r"\btota(?:l|le|ux|les|lis\w*)\b|\bensemble\b", sentence, re.IGNORECASE):
        return None
    if re.search(r"\b(?:investit|investira|investissent|injecte|assume|assumera|paiera)\b", sentence) and \
            not re.search(r"\b(?:gouvernement|minist[èe]re|Québec|Canada|État|ministre)\b", sentence):
        return None  # "La Municipalité investit 733 425 $": its own share, not a grant
    if _refers_to_recipient(sentence) or (_the_aid().match(sentence) and not [o for o in ctx.orgs_in(w.s0, w.s1) if not ctx.is_funder(o)]):
        return [w.used_main], "main"
    return None


#: the release's project, taken up: ``au projet``, ``pour la réalisation du projet``, ``ce projet``
_THE_PROJECT = re.compile(r"\b(?:[Aa]u|[Dd]u|[Ll]e|[Cc]e|[Cc]et)[ ]+(?:projet|chantier)\b(?![ ]+(?:de|d'|du|des)\b)")


def sole_body(w: Where) -> Pick | None:
    """``Ottawa a aussi contribué pour 2 M$ au projet``: a grant
    whose sentence names no body but takes up *the* project, in a release that names one body
    only (a shorter form of its name counts as it): that body.

    >>> from annonces.records.recipients import explain
    >>> explain("Scierie Lavoie inc. agrandit son usine. Le gouvernement a contribué pour 2 M$ au projet.")
    [('2 M$', 'Scierie Lavoie inc.', 'sole_body')]
    """
    ctx, a = w.ctx, w.a
    if a.role not in {"grant", "loan"} or w.before or w.after or w.in_list_item or is_list_line(ctx, a):
        return None
    sentence = ctx.u[w.s0:w.s1]
    if not _THE_PROJECT.search(sentence) or re.search(r"\btota(?:l|le|ux|les|lis\w*)\b|\bensemble\b", sentence, re.IGNORECASE):
        return None
    bodies: dict[str, Mention] = {}
    for o in ctx.orgs:
        if not ctx.is_funder(o):
            bodies.setdefault(key(o.canonical), o)
    names = [k for k in bodies if not any(k != other and k in other for other in bodies)]
    return ([bodies[names[0]]], "sole_body") if len(names) == 1 else None


def _refers_to_recipient(sentence: str) -> bool:
    """An object pronoun (``lui``, ``leur``: ``Patrimoine canadien lui attribue``) or a subject one
    before a receiving verb (``Elle recevra``), not any ``elle`` (``fait partie elle aussi de …``)."""
    for m in cues()["pronoun_rx"].finditer(sentence):
        if m.group().lower() in {"lui", "leur"} or cues()["receive_rx"].search(sentence, m.end()):
            return True
    return False


@functools.cache
def _the_aid() -> re.Pattern[str]:
    """A sentence opening on the release's aid (``L'aide allouée par DEC s'élève à …``, ``Cette aide financière comprend …``)."""
    nouns = alternation([*cues()["aid_nouns"], "somme", "montant", "enveloppe"], escape=True)
    return re.compile(rf"\W*(?:L'|La[ ]|Le[ ]|Cette[ ]|Ce[ ]|Cet[ ])[ ]?(?:{nouns})s?\b")

def _definite_reference(ctx: Context, s0: int, pos: int) -> Mention | None:
    """``la microbrasserie`` / ``la Ville`` before ``pos``: the one known name starting with that noun."""
    m = None
    s0 = max(s0, pos - 300)
    for m in re.finditer(r"\b(?:[Ll]a|[Ll]e|[Ll]')[ ]?(?P<noun>[a-zàâçéèêëîïôûù]+|Ville|Municipalit[ée]|MRC)\b", ctx.u[s0:pos]):
        pass
    if m is None or not cues()["receive_rx"].search(ctx.u[s0 + m.end():pos]):
        return None
    return _owner(ctx, m.group("noun"))


def _owner(ctx: Context, noun: str) -> Mention | None:
    """The one non-funder name of the release whose first word is ``noun`` (``musée`` ->
    ``Musée de la Côte-Nord``), else None."""
    noun = key(noun)
    owners = {key(o.canonical): o for o in ctx.orgs if key(o.canonical).split(" ")[0] == noun and not ctx.is_funder(o)}
    return next(iter(owners.values())) if len(owners) == 1 else None


def municipal_org(ctx: Context, place: str) -> Mention | None:
    """The municipal organization the release names for ``place`` (``Rimouski`` -> the ``Ville de
    Rimouski`` of its text), else None."""
    if ctx.municipal_orgs is None:  # place key -> the municipal organization, built once per release
        ctx.municipal_orgs = {}
        for o in ctx.orgs:
            m = re.match(r"(?:ville|municipalite|village|commune|mrc|arrondissement) (?:de |d |du )?(?P<place>.+)$", key(o.canonical))
            if m:
                ctx.municipal_orgs.setdefault(m.group("place"), o)
    return ctx.municipal_orgs.get(key(place))


def _municipality_recipient(ctx: Context, start: int, end: int) -> Mention | None:
    """``… 149 500 $ pour … à Deschaillons``: the ``Municipalité de Deschaillons`` named in the release."""
    for m in re.finditer(r"\b(?:à|au)[ ]+(?P<place>[A-ZÀ-Þ][\w'-]+(?:-[\w'-]+)*)", ctx.u[start:min(end, start + 300)]):
        o = municipal_org(ctx, m.group("place"))
        if o is not None:
            return o
    return None
