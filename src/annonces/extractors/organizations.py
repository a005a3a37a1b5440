"""Organizations: recipients, ministries, agencies, companies, associations, municipalities.

Candidates come from five rule layers and the statistical NER, in priority order:

1. the knowledge base (ministries, agencies, known organizations; names, aliases, acronyms);
2. head nouns that start a name (``Ville de Gaspé``, ``Association québécoise de ...``,
   ``arrondissement d'Ahuntsic-Cartierville``; data file ``organization_cues.json``);
3. role nouns that announce a name (``l'organisme Jeunesse Idem``, ``les entreprises A, B et C``);
4. names anchored on an amount (``Libération (6,7 millions)``, ``Palco : 175 000 $``, list items);
5. ``doc.ents`` ORG spans (fallback), boundaries repaired.

Filters drop generic bodies (``gouvernement du Québec``), wire services and platforms,
ministries named inside a minister's title, places (``dans la MRC de Montmagny``),
boilerplate sections.  Mentions are then linked within the text: acronyms introduced in
parentheses, a short form that ends a longer name (``Fransi`` -> ``Innovation Fransi``).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from importlib import resources

from ..gazetteer import Gazetteer
from ..normalize.text import key, strip_accents, unify
from ..types import Amount, Mention, Segment
from .context import SpanIndex, inside_minister_title, section_at
from .names import LOWER, UPPER, looks_like_person
from .programs import _stops

_TOKEN = re.compile(rf"[{UPPER}{LOWER}0-9](?:[{UPPER}{LOWER}0-9'/&\-]|\.(?=[0-9A-Z]\.?))*!?|[,;:.()«»!?\n\"]|[–—]| - ")
CONNECTORS = {"de", "du", "des", "d'", "la", "le", "les", "l'", "aux", "au", "en", "sur", "et", "à"}
PREPOSITIONS = {"de", "du", "des", "d'"}
ARTICLES = {"le", "la", "les", "l'"}
MAX_WORDS = 14
PRIORITY = {"kb": 5, "head": 4, "role": 3, "amount": 3, "list": 2, "subject": 2, "ner": 1, "repeat": 1, "enum": 1}
_SOFT_SOURCES = {"list", "subject", "ner", "repeat", "enum"}


@functools.cache
def cues() -> dict:
    """The cue lists of ``patterns/organization_cues.json``."""
    text = resources.files("annonces.extractors").joinpath("patterns/organization_cues.json").read_text("utf-8")
    data = json.loads(text)
    data["generic_keys"] = frozenset(key(g) for g in data["generic"])
    data["furniture_keys"] = frozenset(key(g) for g in data["furniture"])
    data["not_name_start_set"] = frozenset(data["not_name_starts"])
    return data


@functools.cache
def _head_rx() -> re.Pattern[str]:
    c = cues()
    heads = "|".join(sorted((re.escape(h) for h in c["heads"]), key=len, reverse=True))
    low = "|".join(sorted((re.escape(h) for h in c["kept_lowercase_heads"]), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?P<cap>{heads})|(?P<low>{low}))(?![\w-])")


@functools.cache
def _role_rx() -> re.Pattern[str]:
    nouns = "|".join(sorted((re.escape(n) for n in cues()["role_nouns"]), key=len, reverse=True))
    det = r"(?:(?<=[Ll]')|(?<=[Ll]e )|(?<=[Ll]a )|(?<=[Ll]es )|(?<=[Dd]es )|(?<=[Aa]ux )|(?<=[Cc]es )|(?<=[Ss]on )|(?<=[Ss]a )|(?<=[Ss]es )|(?<=[Uu]ne )|(?<=[Uu]n )|(?<=[Cc]ette )|(?<=[Cc]et ))"
    return re.compile(rf"{det}(?:(?:jeunes?|petites?|nouvelles?|grandes?|importantes?)[ ]+)?(?P<noun>{nouns})(?:[ ]+(?:de|d'|du))?[ ]+(?=(?:(?:le|la|les|l')[ ]?)?[{UPPER}0-9])")


@functools.cache
def _place_rx() -> re.Pattern[str]:
    words = "|".join(sorted((re.escape(p) for p in cues()["place_before"]), key=len, reverse=True))
    return re.compile(rf"(?:\b|^)(?:{words})[ ]*$", re.IGNORECASE)


def _is_cap(w: str) -> bool:
    return bool(w) and (w[0].isupper() or w[0].isdigit())


_INFINITIVE = re.compile(r"(?:er|ir|oir|dre|uire|ttre|aître|ire)$")


def _target(word: str) -> str:
    return word[2:] if word[:2].lower() in {"l'", "d'"} and len(word) > 2 else word


def _leads_to_capital(toks: list[tuple[int, int, str]], i: int) -> bool:
    """After a lowercase word: (another lowercase word,) a preposition, then a capitalized word."""
    j = i
    if j < len(toks) and toks[j][2][:1].islower() and toks[j][2].lower() not in CONNECTORS and not toks[j][2].startswith(("d'", "l'")):
        j += 1
    if j < len(toks) and toks[j][2].startswith(("d'", "l'")) and _is_cap(toks[j][2][2:]):
        return True
    if j < len(toks) and toks[j][2] in PREPOSITIONS:
        j += 1
        if j < len(toks) and toks[j][2] in ARTICLES:
            j += 1
        return j < len(toks) and _is_cap(_target(toks[j][2]))
    return False


@functools.cache
def _name_stops() -> frozenset[str]:
    """Words that end a name: the program stop words and the verbs of giving and receiving."""
    from ..records import cues as record_cues

    verbs = {v for v in (*record_cues()["receive_verbs"], *record_cues()["grant_verbs"]) if " " not in v}
    return _stops()[0] | frozenset(verbs)


def _name_end(u: str, pos: int, *, seen_cap: bool, max_words: int = MAX_WORDS,
              places: frozenset[str] = frozenset()) -> int:
    """End offset of an organization name whose body starts at ``pos``."""
    single = _name_stops()
    c = cues()
    adjectives = set(c["adjectives_after_name"])
    heads = set(c["heads"])
    not_verbs = set(c["verb_like_exceptions"])
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(u, pos, min(len(u), pos + 260))]
    end, i, n = pos, 0, 0
    legal = set(cues()["legal_suffixes"])
    while i < len(toks) and n < max_words:
        s, e, w = toks[i]
        if s > end and (u[end:s].strip() or "\t" in u[end:s] or "  " in u[end:s]):
            break  # a table cell ends at a tab or a run of spaces
        low = w.lower()
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        nxt2 = toks[i + 2][2] if i + 2 < len(toks) else ""
        if n > 0 and f"{w} {nxt}" in legal:
            end = toks[i + 1][1]  # "Usinage Lévesque et fils"
            break
        if w in legal or (w + "." in legal and nxt == "." and n > 0):
            end = toks[i + 1][1] if w not in legal else e
            break
        if w in {"–", "—", " - "}:
            if _is_cap(nxt) and nxt.lower() != "volet":
                end, i = e, i + 1
                continue
            break
        if w == ",":
            if places and nxt in PREPOSITIONS and key(_target(nxt2)) in places:
                break  # "Métal Bernard, de Saint-Georges": the town, in apposition
            if _target(nxt2 if nxt in PREPOSITIONS else nxt) in heads or (nxt in PREPOSITIONS and nxt2 in ARTICLES and i + 3 < len(toks) and _target(toks[i + 3][2]) in heads):
                break  # "Opéra de Montréal, de la Société des arts …": a second organization
            if nxt in PREPOSITIONS or nxt in {"d'"} or nxt.startswith("d'") and not seen_cap:
                end, i = e, i + 1
                continue
            break
        if len(w) == 1 and not w.isalnum():
            break
        if _is_cap(w) and low not in CONNECTORS:
            end, i, n, seen_cap = e, i + 1, n + 1, True
            continue
        if low == "et":
            after = _target(nxt2 if nxt in ARTICLES or nxt in PREPOSITIONS or nxt == "l'" else nxt)
            if after in heads:
                break  # "… et des Productions KOScènes": a second organization
            if (seen_cap and n <= 2 and nxt[:1].islower() and nxt not in CONNECTORS and nxt.lower() not in single
                    and _is_cap(nxt2)):
                end, i = e, i + 1  # "Portes et fenêtres Laurentiennes"
                continue
            if nxt in PREPOSITIONS or nxt.startswith("d'") or (not seen_cap and not _is_cap(nxt) and nxt not in ARTICLES):
                end, i = e, i + 1
                continue
            break
        if low in CONNECTORS or low.startswith(("d'", "l'")):
            if low.startswith(("d'", "l'")) and len(low) > 2:
                # elided article glued to its word: d'Asbestos, l'Innovation, d'abattage
                if _is_cap(w[2:]):
                    end, i, n, seen_cap = e, i + 1, n + 1, True
                    continue
                if seen_cap or w[2:].lower() in single:
                    break
                end, i, n = e, i + 1, n + 1
                continue
            target = _target(nxt2 if nxt in ARTICLES or nxt == "l'" else nxt)
            if seen_cap and low in {"à", "au", "aux", "en", "sur"} and (not places or key(target) in places or not _is_cap(target)):
                break
            if low in PREPOSITIONS and not _is_cap(target) and _INFINITIVE.search(target.lower()) and target.lower() not in not_verbs:
                break  # "de terminer", "de promouvoir": a verb, not a name
            if _is_cap(target) or (not seen_cap and target and target.lower() not in single):
                end, i = e, i + 1
                continue
            break
        # a lowercase word
        if seen_cap and low in adjectives:
            end, i, n = e, i + 1, n + 1
            continue
        if seen_cap and n <= 2 and low not in single and _leads_to_capital(toks, i + 1):
            end, i, n = e, i + 1, n + 1  # "Carrefour culturel des Bois-Francs", "Ensemble baroque de Limoilou"
            continue
        if seen_cap or low in single or n >= 8:
            break
        end, i, n = e, i + 1, n + 1
    # trim trailing connectors
    text = u[pos:end]
    words = text.split(" ")
    while words and (words[-1].lower() in CONNECTORS or words[-1] in {"", ",", "-", "–"}):
        words.pop()
    return pos + len(" ".join(words).rstrip(" ,;–-"))


def _strip_lead(u: str, s: int, e: int) -> int:
    """Skip lowercase articles, prepositions and role words at the start of a name."""
    lead = re.match(r"(?:(?:et|ou|de|d'|du|des|le|la|les|l'|à|au|aux|chez|Chez|ceux|celui|celle|soit)[ ]*)+", u[s:e])
    if lead and lead.end() < e - s:
        s += lead.end()
    return s


def _candidates_heads(u: str, places: frozenset[str] = frozenset()) -> Iterable[tuple[int, int, str]]:
    for m in _head_rx().finditer(u):
        s = m.start()
        art = re.search(r"(?<=[a-zà-ÿ,] )(?:Les|Le|La|L')[ ]?$", u[max(0, s - 8):s])
        if art and m.group("cap"):
            s -= len(art.group())  # a capital article inside a sentence belongs to the name
        body = m.end()
        if u[body:body + 1] != " ":
            continue
        e = _name_end(u, body + 1, seen_cap=False, places=places)
        if e <= body + 1:
            continue
        if m.group("low") and not re.search(rf"(?<![\w'])[{UPPER}]", u[body:e].replace("l'", " ").replace("d'", " ")):
            continue  # "pourvoirie qualifiée de 4 saisons": no name
        yield s, e, "head"


def _enumeration(u: str, pos: int, *, limit: int = 8) -> list[tuple[int, int]]:
    """Names at ``pos``: ``A``, or ``A, B et C`` (each starting with a capital or a digit)."""
    out = []
    for _ in range(limit):
        m = re.match(r"(?:(?:le|la|les|l')[ ]?)?", u[pos:pos + 4])
        start = pos + (m.end() if m else 0)
        if not _is_cap(u[start:start + 1]):
            break
        e = _name_end(u, start, seen_cap=True)
        if e <= start:
            break
        out.append((start, e))
        sep = re.match(r"(?:,[ ]*(?:et[ ]+)?|[ ]+et[ ]+|[ ]+ainsi qu'(?:aux|à|au)?[ ]*)(?:(?:à|aux|au|de|d'|du|des)[ ]?)?", u[e:e + 20])
        if not sep:
            break
        pos = e + sep.end()
    return out


def _candidates_roles(u: str) -> Iterable[tuple[int, int, str]]:
    for m in _role_rx().finditer(u):
        plural = m.group("noun").endswith("s")
        names = _enumeration(u, m.end(), limit=8 if plural else 1)
        for s, e in names:
            yield s, e, "role"


_PAREN_BEFORE = re.compile(r"\([^()\n]{0,40}$")
_LIST_ITEM = re.compile(r"(?m)^[ \t]*(?:[-•–*▪►]|\d{1,2}[.)])?[ \t]*")


def _paren_name(u: str, line_start: int, p: int, places: frozenset[str]) -> tuple[int, int] | None:
    """The name written just before the parenthesis at ``p``: ``Libération (``, ``Chez Granijem (``."""
    chunk_end = len(u[:p].rstrip(" ,"))
    lo = max(line_start, chunk_end - 120)
    cs = lo
    for sep in (", ", "; ", ": ", "(", ")", ". ", " soit ", "\n"):
        found = u.rfind(sep, lo, chunk_end)
        if found >= 0:
            cs = max(cs, found + len(sep))
    # "… et Les Echos (": the last member of an enumeration
    et = u.rfind(" et ", cs, chunk_end)
    if et >= 0 and _is_cap(u[et + 4:et + 5]):
        cs = et + 4
    while cs < chunk_end and u[cs] in " •-–*▪►\t":
        cs += 1
    cs = _strip_lead(u, cs, chunk_end)
    if u[cs:cs + 2] in {"d'", "l'"} and _is_cap(u[cs + 2:cs + 3]):
        cs += 2  # "d'Euralis Gastronomie" (but "L'Humanité" keeps its article)
    # a trailing place: "X à Châteaubriant", "X dans le Morbihan", "X en Bretagne" (a known place)
    cut = re.search(r"[ ](?:(?:à|au|aux)[ ](?=[A-ZÀ-Þ])|dans[ ]|en[ ](?P<en>.+)$).*$", u[cs:chunk_end])
    if cut and (not cut.group("en") or key(cut.group("en")) in places):
        chunk_end = cs + cut.start()
    if u[cs:chunk_end].endswith(".") and not u[cs:chunk_end].endswith(tuple(cues()["legal_suffixes"])):
        chunk_end -= 1
    first_word = u[cs:chunk_end].split(" ")[0]
    if not _is_cap(u[cs:cs + 1]) or first_word in cues()["not_name_start_set"]:
        # "mentionnons Ecorad de Saint-Jean-Port-Joli", "Il s'agit notamment d'Aujourd'hui en France":
        # the trailing capitalized run
        words = list(re.finditer(r"\S+", u[cs:chunk_end]))
        start_i = len(words)
        for i in range(len(words) - 1, -1, -1):
            w = words[i].group()
            if _is_cap(w) or (w.lower() in CONNECTORS and i + 1 == start_i):
                start_i = i
            elif w[:2].lower() in {"d'", "l'"} and _is_cap(w[2:]):
                start_i = i  # "notamment d'Aujourd'hui en France"
                break
            else:
                break
        while start_i < len(words) and not _is_cap(_target(words[start_i].group())):
            start_i += 1
        if start_i >= len(words):
            return None
        cs = cs + words[start_i].start()
        if u[cs:cs + 2] in {"d'", "l'"}:
            cs += 2
    et_low = re.search(rf" et [{LOWER}]", u[cs:chunk_end])
    if et_low:
        chunk_end = cs + et_low.start()  # "Le Figaro et ses suppléments"
    name = u[cs:chunk_end]
    if name.split(" ")[0] in cues()["not_name_start_set"]:
        return None
    if len(name.split()) > 8:
        e = _name_end(u, cs, seen_cap=True, places=places)
        chunk_end = min(chunk_end, e)
        name = u[cs:chunk_end]
    # "Ecorad de Saint-Pamphile": a brand name followed by its town
    m = re.match(r"^(?P<brand>.+?) (?:de|d'|du) (?P<place>[^ ].*)$", name)
    if m and places and key(m.group("place")) in places and not re.search(rf"(?<![\w'])[{LOWER}]", m.group("brand")):
        chunk_end = cs + len(m.group("brand"))
    if chunk_end <= cs or len(u[cs:chunk_end].split()) > 8:
        return None
    return cs, chunk_end


def _line_separator(u: str, line_start: int, pos: int) -> int:
    """The ``:`` or spaced dash between a name and its amount on a list line (-1 if none)."""
    colon = u.find(":", line_start, pos)
    if colon > 0:
        return colon
    cell = re.search(r"\t|[ ]{2,}", u[line_start:pos])
    if cell and cell.start() > 1:
        return line_start + cell.start()  # a flattened table: the first cell is the name
    m = re.search(r"[ ][–—-][ ]+(?:(?:près de|plus de|environ)[ ]+)?$", u[line_start:pos])  # "X – 80 000 $"
    return line_start + m.start() if m and m.start() > 1 else -1


def _reads_as_prose(chunk: str) -> bool:
    """``Les aides se répartissent ainsi``: a clause, not a name (a stop word or verb inside)."""
    single, _ = _stops()
    return any(w.lower() in single for w in chunk.split(" ")[1:])


def _candidates_amounts(u: str, amounts: Sequence[Amount], places: frozenset[str] = frozenset()) -> Iterable[tuple[int, int, str]]:
    for a in amounts:
        line_start = u.rfind("\n", 0, a.start) + 1
        # "Palco : 175 000 $" / "X: description (amount)" at the start of a line
        colon = _line_separator(u, line_start, a.start)
        if colon > 0:
            item = _LIST_ITEM.match(u, line_start)
            s = item.end() if item else line_start
            s = _strip_lead(u, s, colon)
            chunk = u[s:colon].rstrip()
            if _is_cap(u[s:s + 1]) and 0 < len(chunk.split()) <= 10 and not _reads_as_prose(chunk):
                yield s, s + len(chunk), "amount"
                continue
        pm = _PAREN_BEFORE.search(u, max(line_start, a.start - 41), a.start)
        if pm:
            span = _paren_name(u, line_start, pm.start(), places)
            if span:
                yield span[0], span[1], "amount"


def _candidates_list_items(u: str, sections: Sequence[Segment]) -> Iterable[tuple[int, int, str]]:
    for seg in sections:
        if seg.label != "list_item":
            continue
        item = _LIST_ITEM.match(u, seg.start)
        s = item.end() if item and item.end() <= seg.end else seg.start
        s = _strip_lead(u, s, seg.end)
        m = re.search(r",|\(|:| pour | qui | est | a | afin |\.[ ]", u[s:seg.end])
        e = s + (m.start() if m else 0)
        if m and _is_cap(u[s:s + 1]) and 0 < len(u[s:e].split()) <= 10:
            yield s, e, "list"


@functools.cache
def _subject_rx() -> re.Pattern[str]:
    from ..records import cues as record_cues

    verbs = "|".join(sorted((re.escape(v) for v in record_cues()["receive_verbs"]), key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[.!?] )|(?<=\n)|(?<=part, )|(?<=ailleurs, )|(?<=côté, ))(?P<name>[{UPPER}0-9][\w'-]*(?:[ ](?:[{UPPER}0-9][\w'-]*|de|du|des|d'[\w-]+)){{0,5}})"
                      rf"(?=[ ][^.;:()\n]{{0,60}}?\b(?:{verbs})\b)", re.MULTILINE)


def _candidates_subjects(u: str) -> Iterable[tuple[int, int, str]]:
    """``Usinage Filiatrault pourra …``, ``110 Bourgogne est l'un des lauréats et va bénéficier …``."""
    for m in _subject_rx().finditer(u):
        s = m.start("name")
        e = max(m.end("name"), _name_end(u, s, seen_cap=True))  # "L'Ensemble baroque de Limoilou reçoit"
        words = u[s:e].split(" ")
        while words and words[-1] in {"de", "du", "des"}:
            words.pop()
        if len(words) == 2 and words[0] in {"Le", "La", "Les", "L'"} and words[1].isupper():
            s += len(words[0]) + 1  # "La CDEM recevra": the acronym
            words = words[1:]
        e = s + len(" ".join(words))
        if len(words) == 1 and not re.search(r"[A-Z].*[A-Z]|\d", words[0]) and s > 0 and u[s - 1] != "\n":
            continue  # a lone capitalized word at a sentence start is too weak
        yield s, e, "subject"


_LEGAL = re.compile(rf"(?<![\w'-])(?P<name>(?:[{UPPER}0-9][\w'&-]*[ ]){{1,5}})(?:inc\.|Inc\.|ltée|Ltée|s\.e\.n\.c\.|S\.E\.N\.C\.|SAS|SARL|SA)(?![\w])")


def _candidates_legal(u: str) -> Iterable[tuple[int, int, str]]:
    """``Meubles Boréalis inc.``, ``9401-0246 Québec inc.``: a legal form ends the name."""
    for m in _LEGAL.finditer(u):
        yield m.start(), m.end(), "head"


def _candidates_ner(u: str, ner: Sequence[tuple[int, int, str]]) -> Iterable[tuple[int, int, str]]:
    suffixes = tuple(cues()["common_noun_suffixes"])
    for s, e, label in ner:
        if label != "ORG" or "\n" in u[s:e]:
            continue
        s = _strip_lead(u, s, e)
        words = u[s:e].split(" ")
        if re.match(r"(?:M\.|Mme|MM\.)", words[0]):
            continue  # a person
        if words[0].lower().endswith(suffixes) and not words[0].isupper() and (len(words) == 1 or words[1][:1].islower()):
            continue  # "Modernisation des abattoirs": a common noun
        # repair a cut name: "PME MTL" + "Centre-Ouest"
        m = re.match(rf"(?:[ ](?!(?:Le|La|Les|L')\b)(?:[{UPPER}][\w'-]*))+", u[e:e + 60])
        if m:
            e += m.end()
        yield s, e, "ner"


def _candidates_after_amounts(u: str, amounts: Sequence[Amount], places: frozenset[str]) -> Iterable[tuple[int, int, str]]:
    """``deux millions pour CC Presqu'île de Crozon``: a capitalized name right after an amount's preposition."""
    for a in amounts:
        m = re.match(r"[ ,]*(?:(?:a|ont|est|sont)[ ]+(?:été[ ]+)?[a-zéèêàç]+[ ]+)?(?:pour|à|au|aux|à destination de|au bénéfice de|en faveur de)[ ]+(?:(?:le|la|les|l')[ ]?)?", u[a.end:a.end + 60])
        if not m:
            continue
        s = a.end + m.end()
        if not re.match(rf"[{UPPER}]", u[s:s + 1]):
            continue
        e = _name_end(u, s, seen_cap=True, places=places)
        if e > s and key(u[s:e]) not in places:
            yield s, e, "amount"


def _kb_gazetteer(kb) -> Gazetteer | None:
    if kb is None:
        return None
    return _kb_gazetteer_cached(id(kb), kb)


@functools.lru_cache(maxsize=4)
def _kb_gazetteer_cached(_id: int, kb) -> Gazetteer:
    g: Gazetteer = Gazetteer()
    for t in ("ministry", "agency", "organization"):
        try:
            ents = list(kb.by_type(t))
        except (AttributeError, KeyError):
            continue
        for ent in ents:
            for alias in (ent.name, *ent.aliases):
                if len(alias) >= 4:
                    g.add(alias, (ent, False))
            for acr in ent.acronyms:
                if len(acr) >= 2:
                    g.add(acr, (ent, True), exact=True)
    return g


def _places(kb) -> frozenset[str]:
    """Folded keys of municipality and region names (to stop ``Viol Frères à Châteaubriant``)."""
    if kb is None:
        return frozenset()
    return _places_cached(id(kb), kb)


@functools.lru_cache(maxsize=4)
def _places_cached(_id: int, kb) -> frozenset[str]:
    out = set()
    for t in ("municipality", "mrc", "region", "departement"):
        try:
            for ent in kb.by_type(t):
                out.update(key(a) for a in (ent.name, *ent.aliases))
        except (AttributeError, KeyError):
            continue
    return frozenset(out)


def _inside_title(u: str, s: int) -> bool:
    return inside_minister_title(u, s)


def _bad(u: str, s: int, e: int, source: str, sections: Sequence[Segment], places: frozenset[str] = frozenset()) -> bool:
    c = cues()
    name = u[s:e].strip()
    if name in {"Le", "La", "Les", "L'", "En", "Au", "Aux"} or name in c["heads"]:
        return True  # an article or a head noun alone ("Conseil") names nothing
    if source not in {"kb", "head"}:
        first = name.split(" ")[0]
        words = name.split(" ")
        if (source in {"ner", "list", "amount"} and first.lower().endswith(tuple(c["common_noun_suffixes"]))
                and first not in c["heads"] and not first.isupper() and len(words) > 1 and words[1][:1].islower()):
            return True  # "Modernisation des abattoirs : 11 M€": a title, not a name
        if first in c["not_name_start_set"] or " ".join(name.split(" ")[:2]) in c["not_name_start_set"]:
            return True
        if places and key(name) in places:
            return True  # a town named alone is a place
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
    if head.lower() in {"mrc", "ville", "municipalité", "commune", "arrondissement", "village", "agglomération"} and _place_rx().search(u[max(0, s - 40):s]):
        return True
    if source != "kb" and _inside_title(u, s):
        return True
    return False


def find_organizations(
    text: str,
    kb=None,
    *,
    ner: Sequence[tuple[int, int, str]] = (),
    taken: Sequence = (),
    sections: Sequence[Segment] = (),
    amounts: Sequence[Amount] = (),
) -> list[Mention]:
    """Organization mentions, linked within the text.

    ``ner`` holds ``(start, end, label)`` from a statistical model (fallback); ``taken``
    the mentions of other kinds (ministers, programs, regions) that an organization may
    not overlap.

    >>> t = ("Le gouvernement du Québec accorde 15 000 $ à l'organisme Jeunesse Idem et 30 000 $ "
    ...      "à la Ville de Gaspé. Jeunesse Idem remercie le ministère de la Famille.")
    >>> sorted({m.canonical for m in find_organizations(t)})
    ['Jeunesse Idem', 'Ville de Gaspé', 'ministère de la Famille']
    """
    u = unify(text)
    raw: list[tuple[int, int, str, object]] = []
    gaz = _kb_gazetteer(kb)
    for ms, me, (ent, is_acr) in (gaz.find(u) if gaz is not None else ()):
        longer = re.match(rf"(?:[ ][{UPPER}][\w'-]*)+", u[me:me + 60])
        if longer and not is_acr:
            raw.append((ms, me + longer.end(), "head", None))  # "PME MTL Centre-Ouest"
            continue
        raw.append((ms, me, "kb", ent))
    places = _places(kb)
    for s, e, src in (*_candidates_heads(u, places), *_candidates_roles(u), *_candidates_amounts(u, amounts, places),
                      *_candidates_list_items(u, sections), *_candidates_subjects(u), *_candidates_legal(u), *_candidates_ner(u, ner),
                      *_candidates_after_amounts(u, amounts, places)):
        raw.append((s, e, src, None))
    taken_spans = [(t.start, t.end) for t in taken]
    taken_idx = SpanIndex(taken_spans)
    chosen_idx = SpanIndex()
    chosen: list[tuple[int, int, str, object]] = []
    for s, e, src, ent in sorted(raw, key=lambda c: (-PRIORITY[c[2]], -(c[1] - c[0]), c[0])):
        if e <= s or chosen_idx.overlaps(s, e):
            continue
        if src in _SOFT_SOURCES and u[s - 1:s] == "(" and u[e:e + 1] == ")" and taken_idx.overlaps(max(0, s - 4), s - 1):
            continue  # "(PDEQ)" right after a program: the program's acronym
        if taken_idx.covers(s, e) or (src in _SOFT_SOURCES and taken_idx.overlaps(s, e)):
            continue
        if src in {"role", "amount", "subject", "enum"} and any(t.start == s for t in taken):
            continue  # "les entreprises de la Montérégie …": a region, not a name
        if _bad(u, s, e, src, sections, places):
            continue
        chosen.append((s, e, src, ent))
        chosen_idx.add(s, e)
    chosen.sort()
    chosen = _expand(u, chosen, taken_spans, sections, places)
    return _link(text, u, chosen)


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
        alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
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
            elif _is_cap(u[s:s + 1]):
                e = _name_end(u, s, seen_cap=True)
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


def _acronym_of(name: str) -> str:
    """Initials of the content words, accents folded.

    >>> _acronym_of("École de technologie supérieure")
    'ETS'
    """
    words = re.findall(rf"[{UPPER}{LOWER}0-9]+", strip_accents(name))
    return "".join(w[0].upper() for w in words if w.lower() not in {"de", "du", "des", "d", "la", "le", "les", "l", "et", "à", "au", "aux", "en", "pour"})


def _link(text: str, u: str, chosen: list[tuple[int, int, str, object]]) -> list[Mention]:
    """Canonical names (longest form written) and ids for the chosen spans."""
    from ..linking import stable_id

    names = [(s, e, src, ent, re.sub(r"\s+", " ", text[s:e]).strip()) for s, e, src, ent in chosen]
    keys = {n[4]: _core_key(n[4]) for n in names}
    # acronyms introduced in parentheses: "Long Name (ACR)", "Long Name, (A.B.C.)"
    acr_map: dict[str, str] = {}
    for s, e, src, ent, name in names:
        m = re.match(r"[ ]?,?[ ]?\((?P<acr>[A-Z][A-Za-z0-9.]{1,12})\)", u[e:e + 20])
        if m:
            acr_map[m.group("acr").replace(".", "")] = name
    full_names = [n[4] for n in names if not n[4].replace(".", "").isupper()]
    out = []
    for s, e, src, ent, name in names:
        canonical = name
        compact = name.replace(".", "")
        if compact.isupper() and len(compact) <= 12:
            canonical = acr_map.get(compact) or next((f for f in full_names if _acronym_of(f) == compact), None) or _kb_written(ent, full_names) or name
        else:
            k = keys[name]
            longer = [f for f in full_names if keys[f] != k and keys[f].endswith(" " + k) and len(keys[f]) > len(k)]
            if longer:
                canonical = min(longer, key=len)
            elif ent is not None:
                canonical = _kb_written(ent, full_names) or name
        canonical = re.sub(r"^(?:le|la|les|l'|l’)\s*", "", canonical) if canonical[:1].islower() and not canonical.startswith(("ministère", "arrondissement", "comité", "microbrasserie")) else canonical
        ent_id = getattr(ent, "id", None) or stable_id("org", canonical)
        out.append(Mention("organization", text[s:e], s, e, canonical, id=ent_id,
                           acronym=next((a for a, n in acr_map.items() if n == canonical), None), source=src))
    return out


def _core_key(name: str) -> str:
    return re.sub(r"^(?:le|la|les|l) ", "", key(name))


def _kb_written(ent, full_names: Sequence[str]) -> str | None:
    """The longest written name in the text that is a name or alias of ``ent``."""
    if ent is None:
        return None
    keys = {key(a) for a in (ent.name, *ent.aliases)}
    written = [f for f in full_names if key(f) in keys]
    return max(written, key=len) if written else None
