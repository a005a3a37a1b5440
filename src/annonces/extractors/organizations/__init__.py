"""Organizations: recipients, ministries, agencies, companies, associations, municipalities.

Candidates come from five rule layers and the statistical NER, in priority order:

1. the knowledge base (ministries, agencies, known organizations; names, aliases, acronyms);
2. head nouns that start a name (``Ville de Gaspé``, ``Association québécoise de ...``,
   ``arrondissement d'Ahuntsic-Cartierville``; data file ``organization_cues.json``);
3. role nouns that announce a name (``l'organisme Jeunesse Idem``, ``les entreprises A, B et C``);
4. names anchored on an amount (``Libération (6,7 millions)``, ``Palco : 175 000 $``, list items,
   the items of a tally: ``50 € à la chasse, 300 € aux cyclos, …``, module :mod:`.tallies`;
   the head of a block of ``Label : value`` lines, module :mod:`.blocks`; the first cell of a
   flattened table row, module :mod:`.rows`);
5. ``doc.ents`` ORG spans (fallback), boundaries repaired.

Filters drop generic bodies (``gouvernement du Québec``), wire services and platforms,
ministries named inside a minister's title, places (``dans la MRC de Montmagny``),
boilerplate sections.  Mentions are then linked within the text: acronyms introduced in
parentheses, a short form that ends a longer name (``Fransi`` -> ``Innovation Fransi``).

Modules: :mod:`.cues` (data, patterns, KB matchers), :mod:`.grammar` (name boundaries),
:mod:`.candidates` (one generator per layer), :mod:`.link` (canonical names and ids).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ... import patterns
from ...kb.files import french_communes
from ...normalize.text import DASH_CHARS, UPPER, alternation, key, unify
from ...types import Amount, Mention, Segment
from ..context import SpanIndex, inside_minister_title, section_at
from ..names import looks_like_person
from .candidates import (AMOUNT_TO_PLACE, candidates_acronym, candidates_after_amounts, candidates_amounts, candidates_heads, candidates_legal,
                         candidates_list_items, candidates_model, candidates_ner, candidates_roles,
                         candidates_subjects)
from .cues import PRIORITY, SOFT_SOURCES, cues, kb_gazetteer, places_of, place_rx
from .grammar import cut_run_on, is_cap, name_end, trim_tail
from .frames import to_frames
from .line_lists import line_list_names
from .link import link
from .blocks import block_names
from .rows import row_names
from .tallies import tally_names

__all__ = ["cues", "find_organizations"]


#: the separator after a name heading an amount's line (``Rigaud : 45 300 $``)
_LINE_HEAD_COLON = re.compile(rf"[ ]*[:{re.escape(DASH_CHARS)}][ ]")


def _category_after(u: str, e: int) -> bool:
    """Whether a budget heading follows ``e`` on a table line (`` Voirie : …``, `` Aménagement rural / …``)."""
    m = re.match(r"[ ]+([\w-]+)(?:[ ]+[a-zà-öø-ÿ'-]+){0,2}[ ]*[:/]", u[e:e + 60])
    return m is not None and m.group(1) in cues()["budget_categories"]


def _town_before_category(u: str, s: int, e: int, places: frozenset[str]) -> int:
    """``Lanton Voirie : …`` at a line head: the town, without the budget heading after it.

    >>> _town_before_category("Lanton Voirie : giratoire 124 677 €", 0, 13, frozenset({"lanton"}))
    6
    >>> _town_before_category("Audenge Aménagement rural / voirie : 21.000 €", 0, 26, frozenset({"audenge"}))
    7
    """
    if not places or (s and u[s - 1] != "\n"):
        return e
    words = u[s:e].split(" ")
    for n in range(min(len(words) - 1, 4), 0, -1):
        if words[n] in cues()["budget_categories"] and key(" ".join(words[:n])) in places:
            return s + len(" ".join(words[:n]))
    return e


#: a person's title opening a candidate name
_PERSON_TITLE = re.compile(r"(?:(?:[Ll]e|[Ll]a|[Ll]es)[ ]+)?(?:[Vv]ice-)?(?:[Mm]inistres?|[Dd]éputée?s?|[Pp]remi(?:er|ère)[ ]+ministre|[Ss]ecrétaire[ ]+d'[ÉE]tat|[Mm]aire(?:sse)?s?|[Pp]réfète?s?)\b")
#: an amount written inside a candidate name
_AMOUNT_INSIDE = re.compile(r"\d[ ]?(?:\$|€|M\$|M€|k€|millions?[ ]+(?:de[ ]+)?(?:dollars|euros|\$|€))")


#: a name headed by a noun of aid, all lowercase after it: ``contributions fédérale``, ``Prêt locatif à usage social``
#: (``Aide chez soi`` is a body: a capital ``Aide`` is not one of them)
_AID_NAME = re.compile(r"(?:(?:[Ll]es|[Ll]a|[Ll]e|[Ll]')[ ]?)?(?:[Cc]ontributions?|aides?|[Ss]ubventions?|parts?|investissements?|financements?|[Pp]rêts?|[Ee]nveloppes?)"
                       r"(?:[ ]+[a-zà-ÿ][\w-]*)*$")


#: the shape of a town's name: ``Saint-X``, ``X-sur-Y``, ``X-la-Vallée``
_TOPONYM = re.compile(r"(?:(?:Saint|Sainte|St|Ste)-[\w'’-]+|[A-ZÀ-Þ][\w'’]+-(?:sur|sous|en|la|le|les|lès|de|du|aux?)-[\w'’-]+)")
#: a French arrondissement named by its chief town (``arrondissement de Foix``)
_FRENCH_DISTRICT = re.compile(r"[Aa]rrondissement[ ]+(?:de[ ]+|d')(?P<town>[A-ZÀ-Þ][\w'’-]*)$")


def _bad(u: str, s: int, e: int, source: str, sections: Sequence[Segment], places: frozenset[str] = frozenset()) -> bool:
    c = cues()
    name = u[s:e].strip()
    if key(re.sub(r"^(?:le|la|les|l')\s*", "", name, flags=re.IGNORECASE)).startswith(tuple(c["not_organization_prefixes"])):
        return True  # a body's organ or meeting: "Commission permanente du Conseil régional"
    if source == "ner" and name.isupper() and len(name) <= 5:
        return True  # an acronym alone from the statistical model ("TAT", "CDC")
    if name in {"Le", "La", "Les", "L'", "En", "Au", "Aux"} or name in c["heads"]:
        return True  # an article or a head noun alone ("Conseil") names nothing
    if not re.search(r"[^\W\d_]{2,}", re.sub(r"^(?:le|la|les|l')\s*", "", name, flags=re.IGNORECASE)):
        return True  # "2026", "3 400 €", "Le 2e": no word, no name
    if _PERSON_TITLE.match(name):
        return True  # "ministre de l'Emploi", "ministre Hivon": a person's title, not a body
    if source != "kb" and re.sub(r"^(?:[Ll]e|[Ll]a|[Ll]')[ ]?", "", name) in _provinces():
        return True  # "Antigonish, NS", "le Nouveau-Brunswick": a province, a place
    if source in {"model", "ner"} and _TOPONYM.fullmatch(name) and re.search(r"(?:\bà|\bau|\bde|\bd')[ ]?$", u[max(0, s - 4):s]):
        return True  # "à Saint-Bredan", "de Restigouche-la-Vallée": a town's shape after a place preposition
    fr_district = _FRENCH_DISTRICT.match(name)
    if fr_district and key(fr_district.group("town")) in french_communes():
        return True  # "l'arrondissement de Pamiers": a district of a French département, a place
    if _AID_NAME.match(name):
        return True  # "Les contributions fédérale (4 M$) et provinciale (2 M$)": the aid, not a body
    if _AMOUNT_INSIDE.search(name):
        return True  # "3 M$ à 6 entreprises MRC de Témiscamingue": a table line, not a name
    if source not in {"kb", "head", "legal"}:
        first = name.split(" ")[0]
        words = name.split(" ")
        if (source in {"ner", "list", "amount"} and first.lower().endswith(tuple(c["common_noun_suffixes"]))
                and first not in c["heads"] and not first.isupper() and len(words) > 1 and words[1][:1].islower()):
            return True  # "Modernisation des abattoirs : 11 M€": a title, not a name
        if first in c["not_name_start_set"] or " ".join(name.split(" ")[:2]) in c["not_name_start_set"]:
            return True
        if places and key(name) in places and source not in {"subject", "tally", "block", "row"} and not (
                source == "amount" and (_LINE_HEAD_COLON.match(u, e) or AMOUNT_TO_PLACE.search(u, max(0, s - 30), s))) \
                and not _category_after(u, e):
            return True  # a town named alone is a place ("Sainte-Thècle obtient …", "Rigaud : 45 300 $" are recipients)
        if re.match(r"\d+[ ]+[a-zàâçéèêëîïôûù]", name):
            return True  # "10 nouveaux projets": a count
    k = key(name)
    k_noart = re.sub(r"^(?:le|la|les|l') ", "", k)
    if not name or k in c["generic_keys"] or k_noart in c["generic_keys"] or k in c["furniture_keys"]:
        return True
    if re.match(r"(?:gouvernement|gouv\.)\b", k):
        return True
    sec = section_at(sections, s)
    if sec is not None and sec.label in {"boilerplate", "contact"}:
        return True
    if source in {"ner", "list", "enum", "subject"} and looks_like_person(name):
        return True
    if source == "ner" and (len(name) < 2 or name.isupper() and len(name) > 30 or re.search(r"\bministres?\b|\bdéputée?\b", name)):
        return True
    head = name.split(" ")[0]
    if re.match(r"(?:C|D|Qu)'(?:est|ici)\b", name):
        return True  # "C'est", "D'ici": a sentence's first words
    if head == "ville" or head.lower() == "ville" and re.search(r"h[ôo]tel de[ ]*$", u[max(0, s - 12):s], re.IGNORECASE):
        return True  # "la ville de Bécancour": the town as a place; "l'hôtel de ville de Sainte-Thècle": a building
    if head.lower() in {"mrc", "ville", "municipalité", "commune", "arrondissement", "village", "agglomération"} and place_rx().search(u[max(0, s - 40):s]):
        return True
    if inside_minister_title(u, s):
        return True  # "ministre du Patrimoine canadien et du Multiculturalisme": a portfolio, not a body named
    return False


def find_organizations(
    text: str,
    kb=None,
    *,
    ner: Sequence[tuple[int, int, str]] = (),
    model: Sequence[tuple[int, int, str]] = (),
    taken: Sequence = (),
    sections: Sequence[Segment] = (),
    amounts: Sequence[Amount] = (),
) -> list[Mention]:
    """Organization mentions, linked within the text.

    ``ner`` holds ``(start, end, label)`` from a general statistical model (fallback),
    ``model`` those of the domain span model (trusted next to the KB); ``taken``
    the mentions of other kinds (ministers, programs, regions) that an organization may
    not overlap.

    >>> t = ("Le gouvernement du Québec accorde 15 000 $ à l'organisme Jeunesse Idem et 30 000 $ "
    ...      "à la Ville de Gaspé. Jeunesse Idem remercie le ministère de la Famille.")
    >>> sorted({m.canonical for m in find_organizations(t)})
    ['Jeunesse Idem', 'Ville de Gaspé', 'ministère de la Famille']
    """
    u = unify(text)
    raw: list[tuple[int, int, str, object]] = []
    gaz = kb_gazetteer(kb)
    for ms, me, (ent, is_acr) in (gaz.find(u) if gaz is not None else ()):
        longer = re.match(rf"(?:[ ](?:(?:de|du|des)[ ]+(?:la[ ]+|l')?)?[{UPPER}][\w'-]*)+", u[me:me + 60])
        if longer and not is_acr:
            raw.append((ms, me + longer.end(), "head", None))  # "PME MTL Centre-Ouest"
            continue
        raw.append((ms, me, "kb", ent))
    places = places_of(kb)
    for s, e, src in (*candidates_heads(u, places), *candidates_roles(u), *candidates_amounts(u, amounts, places),
                      *candidates_list_items(u, sections), *candidates_subjects(u), *candidates_legal(u), *candidates_acronym(u), *candidates_ner(u, ner), *candidates_model(u, model),
                      *candidates_after_amounts(u, amounts, places), *tally_names(u, amounts, places),
                      *block_names(u, amounts), *row_names(u, amounts, places)):
        raw.append((s, e, src, None))
    raw = _legal_starts(u, raw)
    heads = frozenset(cues()["heads"])
    taken_spans = [(t.start, t.end) for t in taken]
    program_acronyms = {t.acronym for t in taken if getattr(t, "kind", "") == "program" and t.acronym}
    taken_idx = SpanIndex(taken_spans)
    chosen_idx = SpanIndex()
    chosen: list[tuple[int, int, str, object]] = []
    for s, e, src, ent in sorted(raw, key=lambda c: (-PRIORITY[c[2]], -(c[1] - c[0]), c[0])):
        if src != "kb":
            e = trim_tail(u, s, cut_run_on(u, s, e), heads, headed=src in {"head", "legal"})
            e = _town_before_category(u, s, e, places)
            e = _before_town_department(u, s, e)
        if e <= s or chosen_idx.overlaps(s, e):
            continue
        if src != "kb" and u[s:e] in program_acronyms:
            continue  # "PAVL" after "Programme d'aide à la voirie locale (PAVL)": the program, not a body
        if src in SOFT_SOURCES and u[s - 1:s] == "(" and u[e:e + 1] == ")" and taken_idx.overlaps(max(0, s - 4), s - 1):
            continue  # "(PDEQ)" right after a program: the program's acronym
        if taken_idx.covers(s, e) or (src in SOFT_SOURCES and taken_idx.overlaps(s, e)):
            continue
        if src in {"repeat", "amount", "ner"} and _COMPLEMENT.search(u, max(0, s - 40), s):
            continue  # "… communautaires de Rosemont (42 387 $)": the place of a longer name, not a name
        if src in {"role", "amount", "subject", "enum"} and any(t.start == s for t in taken):
            continue  # "les entreprises de la Montérégie …": a region, not a name
        if re.match(r"(?:MRC|Ville|Municipalité)[ ]+(?:de la|de l'|des|du|de|d')[ ]*", u[s:e]) and any(
                t.kind == "region" and t.end == e and t.start > s for t in taken):
            continue  # "l'une des huit MRC du Bas-Saint-Laurent": the region, not an MRC
        if _bad(u, s, e, src, sections, places):
            continue
        chosen.append((s, e, src, ent))
        chosen_idx.add(s, e)
    chosen = to_frames(u, chosen, amounts, places)
    chosen = _expand(u, chosen, taken_spans, sections, places)
    chosen = sorted(chosen + [(s, e, src, None) for s, e, src in line_list_names(u, [(s, e) for s, e, *_ in chosen])
                              if not taken_idx.overlaps(s, e) and not _bad(u, s, e, src, sections, places)])
    return link(text, u, [(_written_start(u, s), e, src, ent) for s, e, src, ent in chosen])


def _written_start(u: str, s: int) -> int:
    """Where the name at ``s`` starts as written: a capital adjective before it (``au Grand
    Théâtre``) and a capital ``Les`` (``; Les Randonneurs, 200 €``, ``Les Machineries X obtiennent``)
    are the name's; ``Les`` is no grammatical article there.

    >>> u = "Club Orion, 2 000 € ; Les Randonneurs, 200 €"
    >>> u[_written_start(u, u.index("Randonneurs")):len(u) - 7]
    'Les Randonneurs'
    """
    adjective = _adjective_before().search(u, max(0, s - 12), s)
    if adjective and u[s:s + 1].isupper():
        s = adjective.start()  # "au Grand Théâtre de London": the adjective is the name's
    if s >= 4 and u[s - 4:s] == "Les " and u[s:s + 1].isupper() and (s == 4 or not u[s - 5].isalnum()):
        return s - 4
    return s


@functools.cache
def _provinces() -> frozenset[str]:
    return frozenset(patterns.words("provinces.txt"))


@functools.cache
def _adjective_before() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'-])(?:{alternation(cues()['adjectives_before_name'], escape=True)})[ ]$")


#: a company's town and its département number after the name (``FAURECIA de Caligny (61)``)
_TOWN_DEPARTMENT = re.compile(rf"[ ](?:de|d'|du)[ ]?[{UPPER}][\w'-]*(?:[ -](?:[{UPPER}][\w'-]*|les|le|la|sur|en|de))*$")
_DEPARTMENT_AFTER = re.compile(r"[ ]?\((?:\d{2}|2[AB]|97\d)\)")


def _before_town_department(u: str, s: int, e: int) -> int:
    """The name without the town a département number places (``l'entreprise FAURECIA de Caligny (61)``).

    >>> u = "à l'entreprise FAURECIA de Caligny (61) pour"
    >>> u[15:_before_town_department(u, 15, 34)]
    'FAURECIA'
    >>> u = "à la Communauté de communes du Pays de Falaise (14) pour"
    >>> u[5:_before_town_department(u, 5, 46)]
    'Communauté de communes du Pays de Falaise'
    """
    if not _DEPARTMENT_AFTER.match(u, e):
        return e
    m = _TOWN_DEPARTMENT.search(u, s, e)
    if m is None or m.start() <= s or u[s:m.start()].split(" ")[0] in cues()["heads"]:
        return e
    return m.start()


#: capitalized words and the blanks after them (``PME ``)
_CAPITALIZED_WORDS = re.compile(r"(?:[A-ZÀ-Þ][\w'’-]*[ ]+)+")


def _legal_starts(u: str, raw: list[tuple[int, int, str, object]]) -> list[tuple[int, int, str, object]]:
    """A name ended by a legal form starts where another candidate that reaches into it starts
    (``l'Érablière Boulay inc.``, ``Association des municipalités … du Manitoba Inc.``).

    >>> _legal_starts("", [(10, 25, "legal", None), (2, 18, "model", None)])[0]
    (2, 25, 'legal', None)

    A model span that a KB name run on starts before and ends with starts there too:

    >>> _legal_starts("PME MTL Centre-Ouest", [(4, 20, "model", None), (0, 20, "head", None)])[0]
    (0, 20, 'model', None)
    """
    out = []
    for s, e, src, ent in raw:
        if src == "legal":
            s = min((s2 for s2, e2, src2, _ in raw if s2 < s < e2 <= e and src2 != "legal"), default=s)
        elif src == "model":  # "PME MTL Centre-Ouest" (a KB name run on) over the model's "MTL Centre-Ouest"
            s = min((s2 for s2, e2, src2, _ in raw if src2 == "head" and s2 < s and e2 == e and _CAPITALIZED_WORDS.fullmatch(u, s2, s)), default=s)
        out.append((s, e, src, ent))
    return out


#: a capitalized word, lowercase words and ``de`` right before a candidate: it completes the
#: name they begin (``Les Loisirs récréatifs et communautaires de Rosemont``)
_COMPLEMENT = re.compile(r"(?<![\w'-])(?!(?:Il|Elle|Ils|Elles|On|Ce|Cela|Ceci|Ces|Cette|Ceux|Celles?|Nous|Vous)\b)[A-ZÀ-ÖØ-Þ][\w'-]*(?:[ ]+[a-zà-öø-ÿ][\w'-]*){1,4}[ ]+(?:de|du|des|d')[ ]?$")
_ENUM_SEP = re.compile(r"(?:,[ ]*(?:et[ ]+)?|[ ]+et[ ]+)(?:(?:le|la|les|l')[ ]?)?")


def _expand(u: str, chosen: list, taken_spans: list[tuple[int, int]], sections: Sequence[Segment],
            places: frozenset[str] = frozenset()) -> list:
    names_extra: dict[str, object] = {}
    """Add the other occurrences of names already found, and the members of enumerations
    that hold at least two known organizations (``A, la Place des Argousiers et B``)."""
    out = list(chosen)
    for s, e, _src, ent in chosen:  # "… de la pêche (AQIP)": later "l'AQIP" mentions
        m = re.match(r"[ ]?,?[ ]?\((?P<acr>[A-Z][A-Za-z0-9.]{1,12})\)", u[e:e + 20])
        if m:
            names_extra.setdefault(m.group("acr"), ent)
    out_idx = SpanIndex((s, e) for s, e, *_ in chosen)
    taken_idx = SpanIndex(taken_spans)

    def free(s: int, e: int) -> bool:
        return not out_idx.overlaps(s, e) and not taken_idx.overlaps(s, e)
    names = {u[s:e]: ent for s, e, _src, ent in chosen if e - s >= 3}
    names.update((k, v) for k, v in names_extra.items() if k not in names)
    if names:
        alt = alternation(names, escape=True)
        for m in re.finditer(rf"(?<![\w'-])(?:{alt})(?![\w-])", u):
            if free(m.start(), m.end()) and not _bad(u, m.start(), m.end(), "repeat", sections, places):
                out.append((m.start(), m.end(), "repeat", names.get(m.group())))
                out_idx.add(m.start(), m.end())
        out.sort()
    starts = {s: e for s, e, *_ in out}
    added = []
    for s0, e0, *_ in list(out):
        items, pos, known = [(s0, e0)], e0, 1
        for _ in range(12):
            sep = _ENUM_SEP.match(u, pos)
            if not sep:
                break
            s = sep.end()
            if s in starts:
                e = starts[s]
                known += 1
            elif is_cap(u[s:s + 1]):
                e = name_end(u, s, seen_cap=True)
            else:
                break
            if e <= s or "\n" in u[pos:s]:
                break
            items.append((s, e))
            pos = e
        if known >= 2:
            for s, e in items:
                if s not in starts and free(s, e) and not _bad(u, s, e, "enum", sections, places):
                    added.append((s, e, "enum", None))
                    starts[s] = e
                    out_idx.add(s, e)
    return sorted(out + added)
