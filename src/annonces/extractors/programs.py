"""Named programs, plans, funds and strategies.

Three shapes are read, then linked:

* a capitalized head and its complement: ``Programme de développement économique du Québec``,
  ``Fonds de diversification économique de la MRC des Sources``, ``Plan d'action 2013-2020 sur
  les changements climatiques`` (head kept);
* a generic lowercase head before a capitalized name: ``programme Ambition numérique`` ->
  ``Ambition numérique``, ``des programmes Premier brevet et Audit industrie 4.0`` -> two;
* a lowercase head with an acronym or a KB entry: ``offensive de transformation numérique (OTN)``.

The name ends at punctuation, at a stop word (data file ``program_stops.txt``: verbs,
participles, relatives) or before ``du ministère``/``du Secrétariat``…  A program named
only inside a minister's title (``ministre responsable de la Stratégie numérique``) is not
a program mention.  Acronyms introduced in parentheses and later short forms link to the
long form; a name that is the prefix of a longer one in the same text links to it.
"""

from __future__ import annotations

import functools
import re

from .. import patterns
from ..gazetteer import Gazetteer, kb_gazetteer
from ..normalize.text import CLAUSE_END, DASH_CHARS, DASH_CLASS, LOWER, UPPER, alternation, char_class, key, unify
from ..types import Mention
from .context import SpanIndex, inside_minister_title
from .names import long_form_start

_HEADS = r"programmes?|fonds|plans?|strat[ée]gies?|offensives?|politiques?|ententes?|mesures?|initiatives?|dotations?|chantiers?|dispositifs?|pactes?"
_CAP_HEAD = re.compile(r"\b(?:Programmes?|Fonds|Plans?|Strat[ée]gies?|Offensives?|Politiques?|Ententes?|Mesures?|Initiatives?|Dotations?|Chantiers?|Pactes?)\b")
_LOW_HEAD = re.compile(rf"\b(?P<head>{_HEADS})[ ]+(?=[{UPPER}0-9])")
_LOW_HEAD_DE = re.compile(r"\b(?P<det>[Ll]e|[Dd]u|[Aa]u|[Cc]e|[Ss]on|[Ll]eur|[Nn]otre|[Vv]otre|(?:cré\w*|lanc\w*|instaur\w*|mis en place|met en place|mettre en place)[ ]+un)[ ]+(?P<head>programme|fonds|plan|strat[ée]gie|offensive|politique|initiative)[ ]+(?=d[eu'][ ]?|des[ ])")
_WORD = re.compile(rf"[{UPPER}{LOWER}0-9](?:[{UPPER}{LOWER}0-9'\-]|\.(?=[0-9]|-[{UPPER}]))*|[,;:.()«»!?\n\"]|" + DASH_CLASS)
#: a lowercase generic head before a proper name: "programme Ambition numérique" -> "Ambition numérique"
_LEADING_GENERIC = re.compile(r"^(?:(?:le|la|les|l'|l’|du|des)\s+)?(?:programmes?|plans?|fonds|mesures?|volets?|dispositifs?)\s+(?=[A-ZÀ-Þ])")
_NEXT_PROGRAM = re.compile(r"(?:du|de la|des|et|et le|et la|et les|et du|et de la)[ ]+(?:Programmes?|Fonds|Plans?|Strat[ée]gies?|Offensives?|Politiques?|Ententes?|Mesures?|Initiatives?|programmes?|fonds|dispositifs?)\b|(?:de l'|du |des )[A-Z]{2,}\b")
_QUOTED = re.compile(r"\b(?:programmes?|appels? (?:à|aux) projets|fonds|plan|mesure|initiative|volet|dispositif)[ ]*« ?(?P<name>(?=(?-i:[A-ZÀ-Þ0-9]))[^«»\n]{2,120}?) ?»", re.IGNORECASE)
_CALL = re.compile(r"\bappels? (?:à|aux) (?:projets|candidatures)[ ]+(?:pour|de|sur|en faveur de)[ ]+(?:la |le |les |l')?(?:« ?)?")
_ORG_AFTER = re.compile(
    r"^(?:du|de la|de l'|des|de)[ ]*(?:minist[èe]res?|Minist[èe]res?|Secr[ée]tariat|gouvernement|Gouvernement|Agence|Soci[ée]t[ée]|Conseil|DEC|MEI|MAPAQ|Patrimoine canadien|arrondissement|Ville|ville|municipalit[ée]|Municipalit[ée]|D[ée]veloppement [ée]conomique Canada|Investissement Qu[ée]bec|Fondation)\b"
)
_ACRONYM = re.compile(rf"[ ]?,?[ ]?\((?P<acr>[{UPPER}][{UPPER}{LOWER}0-9]{{1,9}}(?: \d{{2,4}})?)\)")
_INSIDE_TITLE = re.compile(r"\bministres?\b(?P<gap>" + char_class(CLAUSE_END + ':«»"\n', negated=True) + "{0,160})$", re.IGNORECASE)
_TITLE_BREAK = re.compile(r"\b(?:a|ont|est|annonc\w*|au nom|qui|que|dans le cadre)\b|(?:M\.|Mme)[ ]")
CONNECTORS = {"de", "du", "des", "d'", "la", "le", "les", "l'", "et", "aux", "au", "à", "en", "sur", "par", "biais", "pour"}
MAX_WORDS = 16


@functools.cache
def _stops() -> tuple[frozenset[str], tuple[str, ...]]:
    words = patterns.words("program_stops.txt")
    return frozenset(w for w in words if " " not in w and not w.endswith("'")), tuple(
        w for w in words if " " in w or w.endswith("'")
    )


def _verb_form(low: str, single: frozenset[str]) -> bool:
    """A plural or imperfect verb form: ``bénéficient`` of the stop ``bénéficie``, any
    ``…aient``, and ``…ait`` but for a few nouns (``portrait``).

    >>> [_verb_form(w, frozenset({"bénéficie"})) for w in ("bénéficient", "comprenait", "clients", "portrait")]
    [True, True, False, False]
    """
    if low.endswith("ent") and len(low) > 5 and low[:-3] + "e" in single:
        return True
    return low.endswith("aient") or (low.endswith("ait") and len(low) >= 7 and low not in _AIT_NOUNS)


_AIT_NOUNS = frozenset({"portrait", "extrait", "bienfait", "souhait", "attrait", "retrait", "abstrait", "parfait"})


@functools.cache
def _not_names() -> frozenset[str]:
    return frozenset(key(w) for w in patterns.words("program_not_names.txt"))


@functools.cache
def _stop_rx(stop: str) -> str:
    return re.escape(stop) + ("" if stop.endswith("'") else r"\b")


def _body_end(u: str, pos: int, *, require_cap_start: bool) -> int:
    """End offset of a program name body starting at ``pos``."""
    single, multi = _stops()
    end = pos
    n = 0
    for m in _WORD.finditer(u, pos, min(len(u), pos + 220)):
        if m.start() > end and u[end:m.start()].strip():
            break
        w = m.group()
        low = w.lower()
        rest = u[m.start():m.start() + 40].lower()
        if w in ",;:.()«»!?\n\"":
            if w == "." and re.match(r"\.\d", u[m.start():m.start() + 2]):
                end = m.end()
                continue
            if w == "," and re.match(r",[ ]+(?:[a-zéè]+|(?:au|aux|à la|à l')[ ]?[a-zéè]+)[ ]+et[ ]+[a-zéèdà]", u[m.start():m.start() + 60]):
                end = m.end()  # "infrastructures récréatives, sportives et de plein air"
                continue
            break
        if w in DASH_CHARS:
            nxt = u[m.end():m.end() + 3].lstrip()
            if nxt[:1].isupper() and not re.match(r"\s*(?:volet|(?:Le|La|Les|L'|Un|Une|Des|Ce|Cette|Ces|Deux|Trois|Quatre|Cinq|Six|Sept|Huit|Neuf|Dix|Onze|Douze)\b)", u[m.end():m.end() + 12], re.IGNORECASE):
                end = m.end()
                continue
            break
        if n == 0 and require_cap_start and not w[:1].isupper():
            return pos
        if n == 0 and (low in single and low not in CONNECTORS):
            return pos  # "Le Programme est doté de …": no name
        if n > 1 and low == "pour" and re.match(r"pour[ ]+(?:la|le|les|l')[ ]?[a-zé]", rest):
            end = m.end()  # "Fonds du Canada pour les espaces culturels"
            n += 1
            continue
        if n == 1 and low == "dans" and u[pos:end][:1].isupper() and re.match(r"dans[ ]+(?:le|la|les|l')[ ]?[a-zé]", rest) \
                and not re.match(r"dans[ ]+le[ ]+cadre\b", rest):
            end = m.end()  # "programme Investissements dans la transformation de …", "plan Investir dans le Canada"
            n += 1
            continue
        if n > 0 and (low in single or _verb_form(low, single) or any(re.match(_stop_rx(s), rest) for s in multi)):
            break
        if n > 0 and low in {"d'un", "d'une"}:
            break  # "un fonds de soutien exceptionnel d'un million d'euros": its amount follows
        if n > 0 and low == "de" and re.match(r"de[ ]+[0-9]", rest):
            break  # "Fonds municipal vert de 5 millions", "Fonds … de 2018": an amount or a year follows
        if n > 0 and _ORG_AFTER.match(u[m.start():m.start() + 40]):
            break
        if n > 0 and _NEXT_PROGRAM.match(u[m.start():m.start() + 40]):
            break  # "… du Plan d'action …", "… et le Programme …": another program
        if n > 0 and low == "à" and u[pos:end].split(" ")[-1][:1].isupper() and re.match(r"à[ ]+(?:des|un|une|ces|ses|leurs|nos|vos)\b", rest):
            break  # "le programme ClimatSol-Plus à des initiatives …": the sentence goes on
        end = m.end()
        n += 1
        if n >= MAX_WORDS:
            break
    # trim trailing connectors, and a word cut by the line's end ("… régionale p")
    text = u[pos:end]
    words = text.split(" ")
    while words and (words[-1].lower() in CONNECTORS or words[-1] == ""):
        words.pop()
    if len(words) > 1 and len(words[-1]) == 1 and words[-1].islower() and u[pos + len(" ".join(words)):][:1] in ("\n", ""):
        words.pop()
    return pos + len(" ".join(words))


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,;:" + DASH_CHARS)


def _candidates(u: str) -> list[tuple[int, int, bool]]:
    """(start, end, has_head) spans of program names."""
    out: list[tuple[int, int, bool]] = []
    for m in _CAP_HEAD.finditer(u):
        end = _body_end(u, m.end() + 1, require_cap_start=False) if u[m.end():m.end() + 1] == " " else m.end()
        words = u[m.end():end].split()
        if not words:
            continue
        mid_sentence = bool(re.search(rf"[{LOWER},'][ ]*$", u[max(0, m.start() - 3):m.start()]))
        if (words[0].lower() in {"de", "du", "des", "pour", "en", "sur"} or words[0][:2] in {"d'", "l'"}
                or words[0][:1].isupper() or words[0][:1].isdigit() or mid_sentence):
            out.append((m.start(), end, True))
    for m in _LOW_HEAD.finditer(u):
        start = m.end()
        plural = m.group("head").endswith("s") and m.group("head") != "fonds"
        end = _body_end(u, start, require_cap_start=True)
        if end <= start:
            continue
        span = u[start:end]
        if plural and " et " in span:
            parts = span.split(" et ")
            offset = start
            for p in parts:
                if p[:1].isupper():
                    out.append((offset, offset + len(p), False))
                offset += len(p) + 4
        else:
            out.append((start, end, False))
    for m in _QUOTED.finditer(u):
        out.append((m.start("name"), m.end("name"), False))
    for m in _CALL.finditer(u):
        start = m.end()
        end = _body_end(u, start, require_cap_start=False)
        if len(u[start:end].split()) >= 2:
            out.append((start, end, False))
    for m in _LOW_HEAD_DE.finditer(u):
        start = m.start("head")
        end = _body_end(u, m.end("head") + 1, require_cap_start=False)
        body = u[m.end("head"):end].split()
        if 2 <= len(body) <= 14 and not any(ch.isdigit() for ch in u[start:end]) and "plus" not in body:
            out.append((start, end, True))
    return out


#: an acronym in parentheses: its letters, digits after them allowed (``(PIC150)``)
_PAREN_ACRONYM = re.compile(rf"\((?P<acr>[{UPPER}][{UPPER}&]{{1,9}})[0-9]*\)")


def _to_acronyms(u: str, spans: set[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """A name cut at a stop word reaches the acronym after it when the acronym spells its
    words: ``Programme d'action communautaire [sur le territoire de l'estuaire] (PACTE)``.

    >>> t = "Les montants sont puisés au Programme d'action communautaire sur le territoire de l'estuaire (PACTE)."
    >>> [t[s:e] for s, e in _to_acronyms(t, set(_candidates(t)))]
    ["Programme d'action communautaire sur le territoire de l'estuaire"]
    """
    out = {(s, e) for s, e, _ in spans}
    for m in _PAREN_ACRONYM.finditer(u):
        end = len(u[:m.start()].rstrip(" ,"))
        start = long_form_start(u, end, m.group("acr").replace("&", ""), CONNECTORS)
        if start is None:
            continue
        inside = [(s, e) for s, e in out if s <= start < e]
        for s, e in inside:
            if e < end and not re.search(r"[\n.;:!?«»()]", u[e:end]):
                out.discard((s, e))
                out.add((s, end))
        if not inside and _HEAD_FIRST.match(u, start):  # "nouveau programme national de renouvellement urbain (NPNRU)"
            out.add((start, end))
    return sorted(out)


#: a long form that opens on a program head (an adjective such as ``nouveau`` before it)
_HEAD_FIRST = re.compile(rf"(?:(?:nouveau|nouvelle|grand|grande)[ ]+)?(?:{_HEADS})\b", re.IGNORECASE)
#: an acronym, then its long form in parentheses: ``le FDES (fonds pour le développement économique et social)``
_ACRONYM_THEN_LONG = re.compile(rf"\b(?P<acr>[{UPPER}]{{2,9}})[ ]\((?P<long>[^()\n]{{6,140}})\)")


def _long_forms_after(u: str) -> dict[str, tuple[int, int]]:
    """``ACR (long form)`` pairs whose long form spells the acronym and opens on a head.

    >>> t = "Accordée par le FDES (fonds pour le développement économique et social), l'avance"
    >>> {a: t[s:e] for a, (s, e) in _long_forms_after(t).items()}
    {'FDES': 'fonds pour le développement économique et social'}
    """
    out: dict[str, tuple[int, int]] = {}
    for m in _ACRONYM_THEN_LONG.finditer(u):
        s, e = m.span("long")
        if _HEAD_FIRST.match(u, s) and long_form_start(u, e, m.group("acr"), CONNECTORS, reach=e - s) == s:
            out[m.group("acr")] = (s, e)
    return out


#: a generic head before the program it names: ``programme du fonds …``, ``volet du Programme …``
_GENERIC_OF = re.compile(r"(?:programmes?|volets?|dispositifs?)[ ]+(?:du|de la|des)[ ]+(?=(?:fonds|programme|plan)\b)", re.IGNORECASE)


def _written(name: str, keyed_text: str, acronym: str) -> str:
    """A KB program found by its acronym: its name when the text writes it, else the acronym
    as written (``l'enveloppe DSIL``).

    >>> _written("Dotation de soutien à l'investissement local", key("l'enveloppe DSIL"), "DSIL")
    'DSIL'
    """
    return name if key(name) in keyed_text else acronym


def _is_kb_organization(kb, name: str) -> bool:
    """``Fonds de solidarité FTQ`` is an organization, not a program."""
    if kb is None:
        return False
    try:
        return bool(kb.lookup(name, types=["organization", "agency", "ministry"]))
    except (AttributeError, KeyError, TypeError):
        return False


def _kb_program_id(kb, name: str) -> str | None:
    if kb is None:
        return None
    try:
        hits = kb.lookup(name, types=["program"])
    except (AttributeError, KeyError, TypeError):
        return None
    return hits[0].id if len(hits) == 1 else None


def _starts_with_organization(kb, name: str) -> bool:
    """``Fonds de solidarité FTQ investit …``: the name begins with a known organization."""
    words = name.split(" ")
    return any(_is_kb_organization(kb, " ".join(words[:n])) for n in range(2, min(len(words), 8) + 1))


def _kb_gazetteer(kb) -> Gazetteer | None:
    return kb_gazetteer(kb, ("program",), min_len=6)


def find_programs(text: str, kb=None) -> list[Mention]:
    """Program mentions with canonical names (as written, head kept when capitalized) and acronyms.

    >>> ms = find_programs("Une aide accordée dans le cadre du programme Ambition numérique, issu du "
    ...     "Plan de relance économique du milieu culturel annoncé en juin. Le Programme Exportation (PEX) "
    ...     "et le PEX encore.")
    >>> [(m.canonical, m.acronym) for m in ms]
    [('Ambition numérique', None), ('Plan de relance économique du milieu culturel', None), ('Programme Exportation', 'PEX'), ('Programme Exportation', 'PEX')]
    """
    u = unify(text)
    gaz = _kb_gazetteer(kb)
    long_forms = _long_forms_after(u)
    cands: list[tuple[int, int, object]] = [(s, e, None) for s, e in _to_acronyms(u, set(_candidates(u)) | {(s, e, True) for s, e in long_forms.values()})]
    cands += [(s, e, hit) for s, e, hit in (gaz.find(u) if gaz is not None else ())]
    # the longest name wins an overlap (a KB name over a shorter rule span), a KB name a tie
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2] is None, c[0]))
    chosen = SpanIndex()
    picked: list[tuple[int, int, object]] = []
    for s, e, hit in cands:
        if e <= s or chosen.overlaps(s, e) or inside_minister_title(u, s):
            continue
        if hit is None and (key(u[s:e]) in _not_names() or _starts_with_organization(kb, u[s:e])):
            continue
        chosen.add(s, e)
        picked.append((s, e, hit))
    picked.sort()
    mentions: list[Mention] = []
    acronyms: dict[str, str] = {acr: _clean(text[s:e]) for acr, (s, e) in long_forms.items()}
    keyed = key(u) if any(hit is not None and hit[1] for _, _, hit in picked) else ""  # type: ignore[index]
    for s, e, hit in picked:
        if hit is not None:
            ent, is_acr = hit
            if is_acr and u[s - 1:s] == "(" and mentions and 0 <= s - mentions[-1].end <= 3:
                acronyms[u[s:e]] = mentions[-1].canonical  # "(PEX)" defines the acronym of the name before
                continue
            canonical = acronyms.get(u[s:e]) or (_written(ent.name, keyed, text[s:e]) if is_acr else _clean(_LEADING_GENERIC.sub("", text[s:e])))
            mentions.append(Mention("program", text[s:e], s, e, canonical, id=ent.id,
                                    acronym=ent.acronyms[0] if ent.acronyms else None, source="kb"))
            continue
        generic = _GENERIC_OF.match(u, s, e)
        if generic:  # "programme du fonds de développement économique et social" -> "fonds de …"
            s = generic.end()
        name = _clean(text[s:e])
        if len(name) < 3 or _is_kb_organization(kb, name):
            continue
        if name in acronyms:  # "le programme ITIF" after "Investissements … forestière (ITIF)"
            mentions.append(Mention("program", text[s:e], s, e, acronyms[name], acronym=name, source="acronym"))
            continue
        acr = next((a for a, (ls, _) in long_forms.items() if ls == s), None)
        am = _ACRONYM.match(u, e)
        if am:
            acr = am.group("acr")
            acronyms[acr] = name
        mentions.append(Mention("program", text[s:e], s, e, name, id=_kb_program_id(kb, name), acronym=acr))
    occupied = SpanIndex((m.start, m.end) for m in mentions)
    if acronyms:
        alt = alternation(acronyms, escape=True)
        for m in re.finditer(rf"(?<![\w-])(?:{alt})(?![\w-])", u):
            if occupied.overlaps(m.start(), m.end()) or u[m.start() - 1:m.start()] == "(":
                continue
            acr = m.group()
            mentions.append(Mention("program", text[m.start():m.end()], m.start(), m.end(), acronyms[acr], acronym=acr, source="acronym"))
            occupied.add(m.start(), m.end())
    return _link_prefixes(sorted(mentions, key=lambda m: m.start))


def _link_prefixes(mentions: list[Mention]) -> list[Mention]:
    """A name that is the start of a longer program name in the text takes the longer name."""
    names = sorted({m.canonical for m in mentions}, key=len, reverse=True)
    keys = {n: key(n) for n in names}
    out = []
    for m in mentions:
        k = keys[m.canonical]
        longer = next((n for n in names if len(keys[n]) > len(k) and keys[n].startswith(k + " ")), None)
        if longer is not None:
            m = Mention(m.kind, m.text, m.start, m.end, longer, id=m.id, acronym=m.acronym, source=m.source)
        out.append(m)
    return out
