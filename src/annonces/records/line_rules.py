"""The recipient rules of lines and list items: a tally's item, ``Name : amount``, a list item's head.

Each takes a :class:`~annonces.records.where.Where` and answers a
:data:`~annonces.records.where.Pick` or ``None``; :data:`annonces.records.recipients.RULES`
tries them first, in the order of this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..extractors.context import section_at
from ..extractors.organizations.blocks import block_recipient
from ..extractors.organizations.cues import places_of
from ..normalize.text import DASH_CLASS, key, unbullet
from ..types import Mention
from .context import cues
from .where import Pick, Where

#: between a tally's amount and its name (``300 € aux cyclos``, ``3 400 € (dont …) au football``)
_TALLY_AFTER = re.compile(r"[ ]*(?:\([^()]*\)[ ]*)?(?:à[ ]+la|à[ ]+l'|aux|au|à)[ ]*(?:(?:la|le|les)[ ]+|l')?")


def tally(w: Where) -> Pick | None:
    """``Le bridge, 120 € ; Vocalia, 650 € ; …``, ``80 € à la pêche, 250 € aux randonneurs, …``: the
    name of the amount's own item in a tally (organizations with the source ``tally``).

    >>> from annonces.records.recipients import explain
    >>> [r for _, r, _ in explain("Le conseil retient : 80 € à la pêche, 250 € aux randonneurs, le tennis : 900 €.")]
    ['pêche', 'randonneurs', 'tennis']
    """
    u, a = w.ctx.u, w.a
    near = [o for o in w.ctx.orgs_in(max(w.line_start, a.start - 120), min(len(u), a.end + 120)) if o.source == "tally"]
    led = [o for o in near if o.start >= a.end and _TALLY_AFTER.fullmatch(u, a.end, o.start)]
    if led:
        return led[:1], "tally"
    for o in near:
        if o.end <= a.start and re.fullmatch(rf"[ ]*(?:[:,(]|{DASH_CLASS})?[ ]*", u[o.end:a.start]):
            prior = [b for b in w.ctx.amounts if b.end <= o.start and o.start - b.end <= 40]
            if prior and _TALLY_AFTER.fullmatch(u, prior[-1].end, o.start):
                return None  # "50 € à la chasse, 300 €": the name is the previous amount's
            return [o], "tally"
    return None


def block(w: Where) -> Pick | None:
    """``Montant accordé : 12 000 $`` in a block of ``Label : value`` lines: the block's recipient
    (its ``Bénéficiaire :`` value, else its head line).

    >>> from annonces.records.recipients import explain
    >>> explain("Projets retenus :\\n• Club de voile du Lac\\n  Projet : Achat de dériveurs\\n  Montant accordé : 8 000 $")
    [('8 000 $', 'Club de voile du Lac', 'block')]
    """
    span = block_recipient(w.ctx.u, w.a)
    if span is None:
        return None
    named = [o for o in w.ctx.orgs_in(span[0], span[1]) if o.start == span[0]]
    return (named[:1], "block") if named else None


def row_head(w: Where) -> Pick | None:
    """``Ferme Hum-And-Son inc. Saint-Malachie 85 589 $ Biomasse``: the first cell of a flattened
    table row (organizations with the source ``row``).

    >>> from annonces.records.recipients import explain
    >>> explain("Municipalité de SayabecAménagement d'un parc90 655 $\\nVille d'AmquiRéfection du toit100 000 $\\n"
    ...         "Les Loisirs inc.Achat de bancs4 000 $")[2]
    ('4 000 $', 'Les Loisirs inc.', 'row_head')
    """
    head = _line_head(w, w.a.start, lambda o: o.source == "row")
    return ([head], "row_head") if head else None


def named_after_colon(w: Where) -> Pick | None:
    """``Article 1 : d'attribuer à la SAS Bois Normand …``: in a ``Name :`` line, a name after ``à`` wins.

    >>> from annonces.records.recipients import explain
    >>> explain("Article 1 : d'attribuer à la SAS Bois Normand, pour son usine de Vire, une aide de 250 000 €.")
    [('250 000 €', 'SAS Bois Normand', 'named_after_colon')]
    """
    if w.colon <= 0:
        return None
    u = w.ctx.u
    named = [o for o in w.ctx.orgs_in(w.colon, w.a.start) if not w.ctx.is_funder(o) and cues()["to_rx"].search(u[w.colon + 1:o.start])]
    return ([named[-1]], "named_after_colon") if named else None


def inline_list(w: Where) -> Pick | None:
    """``Musée du Fjord : 794 570 $ Musée Louis-Hémon : 317 480 $``: a list whose line breaks
    were lost (``Name : amount`` repeated on one line); the name just before this amount's colon.

    >>> from annonces.records.recipients import explain
    >>> [r for _, r, _ in explain("Autres organismes soutenus : Musée du Fjord : 794 570 $ Musée Louis-Hémon : 317 480 $")]
    ['Musée du Fjord', 'Musée Louis-Hémon']
    """
    u, a = w.ctx.u, w.a
    colon = u.rfind(":", w.line_start, a.start)
    if colon < 0 or u[colon + 1:a.start].strip():
        return None
    lo = max([w.line_start, u.rfind(":", w.line_start, colon) + 1]
             + [b.end for b in w.ctx.amounts if w.line_start <= b.end <= colon])
    if lo == w.line_start:
        return None  # the line's own head: line_head reads it
    names = [o for o in w.ctx.orgs_in(lo, colon) if not w.ctx.is_funder(o)]
    if names and not u[names[-1].end:colon].strip():
        return [names[-1]], "inline_list"
    return None


#: an amount given straight to the name after it (``2 M$ à la Scierie X``)
_STRAIGHT_TO = re.compile(r"[ ]*(?:à|au|aux)[ ]*(?:(?:la|le|les|l')[ ]?)?")


def line_head(w: Where) -> Pick | None:
    """``Ville de Sept-Îles : 180 000 $ pour la réfection du quai``: the name heading the line.

    >>> from annonces.records.recipients import explain
    >>> explain("Ville de Sept-Îles : 180 000 $ pour la réfection du quai")
    [('180 000 $', 'Ville de Sept-Îles', 'line_head')]
    >>> explain("MRC d'Abitibi : 2 M$ à la Scierie Landrienne")
    [('2 M$', 'Scierie Landrienne', 'to')]

    A town heading the line gives way to the name its money goes to (``Lamballe : 12,2 M€ pour
    le lycée Henri-Avril``), with the KB's towns.
    """
    if w.colon <= 0:
        return None
    nxt = w.after[:1]
    if nxt and "\n" not in w.ctx.u[w.a.end:nxt[0].start] and _STRAIGHT_TO.fullmatch(w.ctx.u, w.a.end, nxt[0].start):
        return None  # "MRC d'Abitibi : 2 M$ à Uniboard": the heading groups, the name after "à" receives
    head = _line_head(w, w.colon, lambda o: not w.ctx.is_funder(o))
    if head is not None and key(head.canonical) in places_of(w.ctx.kb):
        head = _named_on_line(w, head) or head  # "Lamballe : 12,2 M€ pour le lycée Henri-Avril": the lycée
    return ([head], "line_head") if head else None


#: what gives a line's money to the name after it
_GIVEN_ON_LINE = re.compile(r"(?:\b(?:à|au|aux)|\bpour[ ]+(?:le|la|les|l'))[ ]*(?:(?:la|le|les|l')[ ]?)?$")


def _named_on_line(w: Where, town: Mention) -> Mention | None:
    """A name given the line's money after a town heading it (``Aide à l'ONF``, ``pour le lycée X``)."""
    u = w.ctx.u
    end = u.find("\n", w.a.end)
    for o in w.ctx.orgs_in(w.colon, len(u) if end < 0 else end):
        if o is not town and not w.ctx.is_funder(o) and key(o.canonical) not in places_of(w.ctx.kb) and \
                _GIVEN_ON_LINE.search(u, max(w.colon, o.start - 12), o.start):
            return o
    return None


def list_item_head(w: Where) -> Pick | None:
    """``- la Corporation du Vieux-Port, pour son festival, 30 000 $``: the first name of a list item.

    >>> from annonces.records.recipients import explain
    >>> explain("Les projets retenus :\\n- la Corporation du Vieux-Port, pour son festival d'été, 30 000 $;\\n"
    ...         "- le Festival de la chanson de Tadoussac, pour sa programmation, 45 000 $.")[1]
    ('45 000 $', 'Festival de la chanson de Tadoussac', 'list_item_head')
    """
    if not w.in_list_item:
        return None
    item = section_at(w.ctx.sections, w.a.start)
    assert item is not None
    head = [o for o in w.ctx.orgs_in(item.start, w.a.start) if not w.ctx.is_funder(o)]
    prefix = unbullet(w.ctx.u[item.start:head[0].start]) if head else ""
    if head and len(prefix) <= 40 and not re.search(r"[,;:()]", prefix):
        return [head[0]], "list_item_head"
    return None


def _line_head(w: Where, end: int, keep: Callable[[Mention], bool]) -> Mention | None:
    """The first kept name of the amount's line before ``end``, when only a bullet precedes it."""
    head = [o for o in w.ctx.orgs_in(w.line_start, end) if keep(o)]
    return head[0] if head and not unbullet(w.ctx.u[w.line_start:head[0].start]) else None
