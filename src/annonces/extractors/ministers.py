"""Ministers: who they are, their portfolios as stated, and their role in the announcement.

A person is a minister when a title chain attached to the name holds a minister head
(``ministre``, ``premier ministre``, ``vice-première ministre``, ``secrétaire d'État``);
a chain of ``député``/``whip``/``adjoint parlementaire`` only is not enough.  Chains are
read on both sides of the name:

* title first: ``la ministre de la Culture et des Communications, Mme Nathalie Roy``;
* name first: ``Simon Jolin-Barrette, député de Borduas, ministre de la Justice``.

Roles: ``on_behalf_of`` (after ``au nom de``), ``announcer`` (in a sentence that
announces), ``quoted`` (in a quote, a speaker line or a ``», déclare X`` attribution),
else ``mentioned``.  Later mentions (``M. Fitzgibbon``, ``le ministre Duclos``) link to
the full name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from .. import patterns
from ..gazetteer import kb_gazetteer
from ..normalize.text import CAP, SENTENCE_END, stem_alternation, unify
from ..types import Mention, Segment
from .context import SpanIndex, clause_end, clause_start, section_at
from .names import HONORIFIC, first_name_atom

_SP = r"[ ]"
NAME_WORDS = rf"{CAP}(?:{_SP}{CAP}){{0,3}}"

#: candidates: honorific + capitalized words, or a known first name + capitalized words
_HON_NAME = re.compile(rf"(?P<hon>{HONORIFIC}){_SP}?(?P<name>{CAP}(?:{_SP}{CAP}){{0,3}})")


@functools.cache
def _first_name_rx() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?P<name>(?:{first_name_atom()})(?:{_SP}{CAP}){{1,3}})(?![\w-])")


_HEAD = re.compile(
    r"(?<!sous-)\b(?:(?P<min>(?:vice-)?(?:premi(?:er|[eè]re)[ ]+)?ministres?|secr[ée]taires?[ ]+d'[ÉE]tat)"
    r"|(?P<dep>d[ée]put[ée]e?s?|whip|adjointe?s?[ ]+parlementaires?|porte-parole))\b",
    re.IGNORECASE,
)
_GAP_BREAK = re.compile(
    r"\b(?:a|ont|est|sont|était|étaient|annonc\w*|au nom|qui|que|accompagn\w*|ainsi|lors|fait)\b|[«»\"]"
)
# "adjointe parlementaire du ministre des Finances": that minister is not the person named
_COMPLEMENT_HEAD = re.compile(r"(?:parlementaires?|cabinet|attach[ée]e?s?|conseill[eè]re?s?|porte-parole|directeur|directrice)[ ]+(?:du|de la|de l')[ ]*$", re.IGNORECASE)
_NOT_ANNOUNCER = re.compile(r"\b(?:sur (?:la )?proposition d[eu]|en présence d[eu]|aux côtés d[eu]|accompagnée? d[eu]|avec)[ ]+(?:(?:la|le|l')[ ]?)?$", re.IGNORECASE)
_ON_BEHALF = re.compile(r"\bau nom d(?:u|e la|es|e l')?\b", re.IGNORECASE)
_QUOTE_ATTRIB = re.compile(
    r"[»\"][ ,]*(?:a |ont )?(?:d[ée]clar|indiqu|soulign|affirm|ajout|pr[ée]cis|expliqu|conclu|lanc|mentionn|rappel|soutenu|dit)\w*[ ]+"
    r"(?:(?:le|la)[ ]+(?:ministre|premier ministre|première ministre)[ ]+)?$"
)
# right-hand title (name first): "X, [député de Y,] ministre de ..."
_RIGHT_TITLE = re.compile(
    r"^,[ ]*(?:(?:le |la )?d[ée]put[ée]e? d[e'][^,\n]{1,60},[ ]*(?:et[ ]+)?)?"
    r"(?P<title>(?:vice-)?(?:premi(?:er|[eè]re)[ ]+)?ministre\b[^.;\n«»\"]{0,250}?)"
    r"(?=,[ ]*(?:a|ont|annonce|confirme|est|qui|était|souligne|déclare|en)\b|,[ ]*et[ ]+(?:(?:M\.|Mme)[ ]?)?[A-ZÀ-Þ]|[.;\n«»\"]|$)"
)
_SPLIT_PORTFOLIOS = re.compile(
    r"(?:,[ ]*|[ ]+et[ ]+)(?=(?:vice-)?(?:premi(?:er|[eè]re)[ ]+)?ministre|d[ée]put[ée]|whip|secr[ée]taire)",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(r"^(?:(?:le|la|les|du|de la|des|l'|au nom d\w*|et)[ ]+)+", re.IGNORECASE)



@functools.cache
def _announce() -> re.Pattern[str]:
    """A verb that announces (``patterns/announce_verbs.csv``, use ``announcer``), any case."""
    return re.compile(rf"\b(?:{stem_alternation(patterns.announce_verbs('announcer'))})", re.IGNORECASE)


ROLE_RANK = {"announcer": 3, "on_behalf_of": 2, "mentioned": 1, "quoted": 0}


_APPOSITION = re.compile(rf"(?:(?<=, )|(?<=ministre )|(?<=ministres )|(?<=d'État ))(?!(?:Mmes?|MM?|Monsieur|Madame|L'|Le|La|Les)\b|Mme|M\.)(?P<name>{CAP}(?:{_SP}{CAP}){{1,2}})(?=[ ]?,|[ ]+(?:a|annonce|et|était|qui)\b|[.;]|$)")


def _candidates(u: str, kb) -> list[tuple[int, int, str, bool, bool]]:
    """(start, end, name, has_honorific, weak) person-name candidates, longest first on overlap.

    ``weak`` candidates (an unknown first name after a comma) count only after a minister's title."""
    found: list[tuple[int, int, str, bool, bool]] = []
    for m in _HON_NAME.finditer(u):
        found.append((m.start("name"), m.end("name"), m.group("name"), True, False))
    for m in _first_name_rx().finditer(u):
        found.append((m.start("name"), m.end("name"), m.group("name"), False, False))
    gaz = kb_gazetteer(kb, ("minister",), multiword=True, acronyms=False)
    for s, e, _ent in (gaz.find(u) if gaz is not None else ()):
        found.append((s, e, u[s:e], False, False))
    for m in _APPOSITION.finditer(u):
        found.append((m.start("name"), m.end("name"), m.group("name"), False, True))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[4]))
    out: list[tuple[int, int, str, bool, bool]] = []
    for c in found:
        if out and c[0] < out[-1][1]:
            if c[1] - c[0] > out[-1][1] - out[-1][0] and c[0] == out[-1][0]:
                out[-1] = c
            continue
        out.append(c)
    return out


def _kb_ministers(kb) -> list:
    try:
        return list(kb.by_type("minister"))
    except (AttributeError, KeyError):
        return []


def _left_chain(u: str, name_start: int, hon_start: int) -> tuple[str | None, int, bool]:
    """Title chain ending just before a name: (chain text, chain start, is_minister)."""
    lo = clause_start(u, hon_start)
    for _ in range(2):  # a title chain broken by a stray line break ("... et de\n\nGaspésie")
        base = max(0, lo - 400)  # a window, not u[:lo]: copying and searching the whole prefix is quadratic
        before = u[base:lo].rstrip()
        if not before or before[-1] in SENTENCE_END + ":»\"" or not re.search(r"(?:\b(?:de|du|des|et|la|le|l')|,)$", before):
            break
        lo = clause_start(u, base + len(before) - 1)
    left = u[lo:hon_start]
    heads = list(_HEAD.finditer(left))
    if not heads:
        return None, -1, False
    # walk back from the last head while the gaps hold only title words
    chain_start_idx = len(heads) - 1
    tail = left[heads[-1].end():]
    if _GAP_BREAK.search(tail) or _person_inside(tail):
        return None, -1, False
    for i in range(len(heads) - 1, 0, -1):
        gap = left[heads[i - 1].end():heads[i].start()]
        if _GAP_BREAK.search(gap) or _person_inside(gap):
            break
        chain_start_idx = i - 1
    chain = left[heads[chain_start_idx].start():].rstrip(" ,")
    is_minister = any(h.group("min") and not _COMPLEMENT_HEAD.search(left[:h.start()]) for h in heads[chain_start_idx:])
    return chain, lo + heads[chain_start_idx].start(), is_minister


def _person_inside(s: str) -> bool:
    return bool(_HON_NAME.search(s) or _first_name_rx().search(s))


def _portfolios(chain: str) -> tuple[str, ...]:
    """Minister portfolios of a title chain, as written.

    >>> _portfolios("député de Borduas, ministre de la Justice et ministre responsable de la région de la Montérégie")
    ('ministre de la Justice', 'ministre responsable de la région de la Montérégie')
    """
    parts = [p.strip(" ,") for p in _SPLIT_PORTFOLIOS.split(chain)]
    out = []
    for p in parts:
        p = _LEAD_WORDS.sub("", p)
        if re.match(r"(?:vice-)?(?:premi(?:er|[eè]re) )?ministre|secr[ée]taire", p, re.IGNORECASE):
            out.append(p)
    return tuple(out)


def _role(u: str, start: int, end: int, chain_start: int, sections: Sequence[Segment]) -> str:
    sec = section_at(sections, start)
    if sec is not None and sec.label in {"quote", "speaker"}:
        return "quoted"
    s0 = clause_start(u, chain_start if chain_start >= 0 else start)
    before = u[s0:chain_start if chain_start >= 0 else start]
    if _ON_BEHALF.search(before):
        return "on_behalf_of"
    if _QUOTE_ATTRIB.search(u[max(0, start - 60):chain_start if chain_start >= 0 else start]):
        return "quoted"
    lead = u[s0:chain_start if chain_start >= 0 else start]
    if _NOT_ANNOUNCER.search(re.sub(r"(?:(?:vice-)?(?:premi(?:er|[eè]re)[ ]+)?ministre\b.*)$", "", lead, flags=re.IGNORECASE)):
        return "mentioned"  # "en présence de la ministre …", "sur proposition de la ministre …"
    e1 = clause_end(u, end)
    before_verb = _announce().search(u, end, e1)
    cleft = re.match(r"[ ]*c'est\b", u[s0:s0 + 8], re.IGNORECASE)
    if (before_verb or cleft) and "«" not in u[s0:start]:
        return "announcer"
    return "mentioned"


def _canonical(name: str, kb) -> tuple[str, str | None]:
    """The full name as written (``Marie Ève Proulx``), and its KB id when the KB knows
    the person (whose official spelling may differ: ``Marie-Eve Proulx``)."""
    name = re.sub(r"\s+", " ", name)
    if kb is not None:
        try:
            hits = kb.lookup(name, types=["minister"])
        except (AttributeError, KeyError):
            hits = []
        if hits:
            return name, hits[0].id
    return name, None


def find_ministers(text: str, kb=None, *, sections: Sequence[Segment] = ()) -> list[Mention]:
    """Every minister mention with portfolios and role; later short mentions linked.

    >>> ms = find_ministers("QUÉBEC, le 29 janv. 2021 - Le député de Borduas, ministre de la Justice, "
    ...     "M. Simon Jolin-Barrette, au nom de la ministre de la Culture et des Communications, "
    ...     "Mme Nathalie Roy, annonce une aide. La députée de Hull, Mme Maryse Gaudreault, était présente.")
    >>> [(m.canonical, m.role, m.portfolios) for m in ms]
    [('Simon Jolin-Barrette', 'announcer', ('ministre de la Justice',)), ('Nathalie Roy', 'on_behalf_of', ('ministre de la Culture et des Communications',))]
    """
    u = unify(text)
    persons: dict[str, str] = {}  # surname key -> canonical
    mentions: list[Mention] = []
    kb_names = {unify(a).casefold(): e for e in _kb_ministers(kb) for a in (e.name, *e.aliases)}
    prev_plural_end = -1
    for start, end, name, has_hon, weak in _candidates(u, kb):
        hon_start = start
        if has_hon:
            m = re.search(rf"{HONORIFIC}[ ]?$", u[max(0, start - 20):start])
            hon_start = max(0, start - 20) + m.start() if m else start
        words = name.split()
        if len(words) == 1:
            continue  # surname only: linked in the second pass
        chain, chain_start, is_min = _left_chain(u, start, hon_start)
        portfolios: tuple[str, ...] = _portfolios(chain) if chain and is_min else ()
        rm = _RIGHT_TITLE.match(u[end:end + 400])
        if is_min and rm and re.search(r",[ ]*et[ ]*$", u[max(0, hon_start - 8):hon_start]):
            is_min = False  # "A, ministre X, et B, ministre Y": B's title is on the right
        if weak and not is_min:
            continue  # an unknown first name needs a minister's title on its left
        if not is_min:
            if rm:
                is_min = True
                chain_start = -1
                portfolios = _portfolios(rm.group("title"))
        if not is_min and prev_plural_end >= 0 and re.fullmatch(r"[ ]*(?:,|et)[ ]*", u[prev_plural_end:hon_start]):
            is_min = True  # "les ministres A et B"
        if not is_min and name.casefold() in kb_names:
            is_min = True
        if not is_min:
            prev_plural_end = -1
            continue
        canonical, kb_id = _canonical(text[start:end], kb)
        role = _role(u, start, end, chain_start, sections)
        mentions.append(Mention("minister", text[start:end], start, end, canonical, id=kb_id,
                                portfolios=portfolios, role=role))
        persons.setdefault(words[-1].casefold(), canonical)
        prev_plural_end = end if (chain and re.match(r"ministres\b", chain, re.IGNORECASE)) or prev_plural_end >= 0 else -1
    mentions.extend(_short_mentions(text, u, persons, kb_names, sections, mentions))
    mentions.sort(key=lambda m: m.start)
    return mentions


_SHORT = re.compile(rf"(?:{HONORIFIC}|\b(?:[Ll]e|[Ll]a)[ ]+(?:vice-)?(?:premi(?:er|[eè]re)[ ]+)?ministre)[ ]?(?P<name>{CAP})\b")


def _short_mentions(text: str, u: str, persons: dict[str, str], kb_names: dict, sections, taken) -> list[Mention]:
    """``M. Fitzgibbon`` / ``le ministre Duclos`` linked to a full name met earlier or in the KB."""
    out = []
    spans = SpanIndex((m.start, m.end) for m in taken)
    ids = {m.canonical: m.id for m in taken if m.id}
    by_surname = {k: v for k, v in persons.items()}
    kb_surnames: dict[str, set[str]] = {}
    for ent in kb_names.values():
        kb_surnames.setdefault(ent.name.split()[-1].casefold(), set()).add(ent.name)
    for surname, names in kb_surnames.items():
        if len(names) == 1:  # a surname shared by several ministers is never guessed
            by_surname.setdefault(surname, next(iter(names)))
    for m in _SHORT.finditer(u):
        s, e = m.start("name"), m.end("name")
        if spans.overlaps(s, s + 1):
            continue
        nxt = u[e:e + 2]
        if re.match(r"[ ][A-ZÀ-Þ]", nxt):
            continue  # a longer name, handled by the first pass
        canonical = persons.get(m.group("name").casefold())
        if canonical is None and "ministre" in m.group(0).lower():
            canonical = by_surname.get(m.group("name").casefold())
        if canonical is None:
            continue
        role = _role(u, s, e, m.start(), sections)
        kb_id = ids.get(canonical) or getattr(kb_names.get(canonical.casefold()), "id", None)
        out.append(Mention("minister", text[s:e], s, e, canonical, id=kb_id, role=role, source="coref"))
    return out
