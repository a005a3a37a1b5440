"""The grammar of an organization name: where it starts and ends in the text."""

from __future__ import annotations

import functools
import re

from ... import patterns
from ...normalize.numbers import number_words
from ...normalize.text import BULLETS, DASH_CHARS, DASHES, ITEM_MARK, LOWER, UPPER, fold, key
from ..programs import _stops, _verb_form
from .cues import ARTICLES, CONNECTORS, MAX_WORDS, PREPOSITIONS, TOKEN, cues

#: a number written with thousands separators (``70.000``, ``370.885``, ``1,5``): an amount
_AMOUNT_NUMBER = re.compile(r"\d{1,3}(?:[.]\d{3})+(?:,\d+)?")


#: nouns ending like a present participle, kept inside a name
_ANT_NOUNS = frozenset({"restaurant", "enfant", "étudiant", "habitant", "volant", "croissant", "diamant", "géant", "argent", "parent", "talent"})


@functools.cache
def date_words() -> frozenset[str]:
    """Month and weekday names (``date_months.csv``, ``date_weekdays.csv``): a date ends a name."""
    return frozenset(r["form"] for name in ("date_months.csv", "date_weekdays.csv") for r in patterns.rows(name))


def is_cap(w: str) -> bool:
    return bool(w) and (w[0].isupper() or w[0].isdigit())


INFINITIVE = re.compile(r"(?:er|ir|oir|dre|uire|ttre|aître|ire)$")


def unelided(word: str) -> str:
    return word[2:] if word[:2].lower() in {"l'", "d'"} and len(word) > 2 else word


def leads_to_capital(toks: list[tuple[int, int, str]], i: int) -> bool:
    """After a lowercase word: (another lowercase word,) a preposition, then a capitalized word."""
    j = i
    if j < len(toks) and toks[j][2][:1].islower() and toks[j][2].lower() not in CONNECTORS and not toks[j][2].startswith(("d'", "l'")):
        j += 1
    if j < len(toks) and toks[j][2].startswith(("d'", "l'")) and is_cap(toks[j][2][2:]):
        return True
    if j < len(toks) and toks[j][2] in PREPOSITIONS:
        j += 1
        if j < len(toks) and toks[j][2] in ARTICLES:
            j += 1
        return j < len(toks) and is_cap(unelided(toks[j][2]))
    return False


#: a dash between two parts of a name (a TOKEN: a dash, or a hyphen between spaces), and a dash alone
_DASH_TOKENS = frozenset(DASHES) | {" - "}
_DASH_WORDS = frozenset(DASH_CHARS)


@functools.cache
def giving_verbs() -> frozenset[str]:
    """The one-word verbs of giving, receiving and changing a grant (``accorde``, ``reçoit``, ``diminue``)."""
    return frozenset(v for v in (*patterns.listed("record_cues.json", "receive_verbs"), *patterns.announce_verbs("funder_subject"),
                                 *(c for c in patterns.listed("record_cues.json", "change_verbs") if not c.endswith("er"))) if " " not in v)


@functools.cache
def name_stops() -> frozenset[str]:
    """Words that end a name: the program stop words and the verbs of giving and receiving."""
    return _stops()[0] | giving_verbs()


def verb_form(word: str) -> bool:
    """A finite verb by its form (``bénéficient``, ``visaient``): it ends a name.

    >>> verb_form("visaient"), verb_form("forestiers")
    (True, False)
    """
    return _verb_form(word.lower(), _stops()[0])


def name_end(u: str, pos: int, *, seen_cap: bool, max_words: int = MAX_WORDS,
              places: frozenset[str] = frozenset()) -> int:
    """End offset of an organization name whose body starts at ``pos``."""
    single, adjectives, heads, not_verbs, legal = _name_words()
    toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(u, pos, min(len(u), pos + 260))]
    end, i, n = pos, 0, 0
    while i < len(toks) and n < max_words:
        s, e, w = toks[i]
        if s > end and (u[end:s].strip() or "\t" in u[end:s] or "  " in u[end:s]):
            break  # a table cell ends at a tab or a run of spaces
        low = w.lower()
        nxt, nxt2 = (toks[i + k][2] if i + k < len(toks) else "" for k in (1, 2))
        if n > 0 and f"{w} {nxt}" in legal:
            end = toks[i + 1][1]  # "Usinage Lévesque et fils"
            break
        if w in legal or (w + "." in legal and nxt == "." and n > 0):
            end = toks[i + 1][1] if w not in legal else e
            break
        if w in _DASH_TOKENS or (n > 1 and _middle_initial(toks, i)):  # "Stephen F. Shaar"
            if is_cap(nxt) and nxt.lower() != "volet" and fold(nxt) not in number_words():  # "Plan Nord - Huit projets"
                end, i = e, i + 1
                continue
            break
        if w == ",":
            if _comma_joins(toks, i, places=places, heads=heads, seen_cap=seen_cap):
                end, i = e, i + 1
                continue
            break
        after_acr = toks[i + 3][2] if i + 3 < len(toks) else ""
        after_cap = is_cap(after_acr) and after_acr.lower() not in CONNECTORS or (
            after_acr in {"du", "de", "des"} and i + 4 < len(toks) and is_cap(unelided(toks[i + 4][2])))
        if w == "(" and i + 3 < len(toks) and toks[i + 2][2] == ")" and toks[i + 1][2].isupper() and after_cap:
            end, i = toks[i + 2][1], i + 3  # "Société d'aide au développement des collectivités (SADC) Péninsule acadienne"
            continue
        if len(w) == 1 and not w.isalnum():
            break
        if _never_in_name(w, low, adjectives):
            break
        if is_cap(w) and low not in CONNECTORS:
            end, i, n, seen_cap = e, i + 1, n + 1, True
            continue
        if low == "et":
            if _et_joins(nxt, nxt2, heads=heads, single=single, seen_cap=seen_cap, n=n):
                end, i = e, i + 1
                continue
            break
        if low in CONNECTORS or low.startswith(("d'", "l'")):
            if low.startswith(("d'", "l'")) and len(low) > 2:  # elided: d'Asbestos, l'Innovation, d'abattage
                if is_cap(w[2:]):
                    end, i, n, seen_cap = e, i + 1, n + 1, True
                    continue
                if seen_cap or w[2:].lower() in single:
                    break
                end, i, n = e, i + 1, n + 1
                continue
            if low in ARTICLES | PREPOSITIONS and (re.fullmatch(r"[0-3]?\d|1er", nxt) or nxt.lower() in date_words()):
                break  # "Ville de Gaspé le 3 mars", "le Conseil du 18 décembre", "du vendredi 23": a date
            target = unelided(nxt2 if nxt in ARTICLES or nxt == "l'" else nxt)
            if seen_cap and low in {"à", "au", "aux", "en", "sur"} and (not places or key(target) in places or not is_cap(target)):
                break
            if low in PREPOSITIONS and is_infinitive(target):
                break  # "de terminer", "de promouvoir": a verb, not a name
            if is_cap(target) or (not seen_cap and target and target.lower() not in single):
                end, i = e, i + 1
                continue
            break
        if low == "pour" and nxt in {"la", "le", "les", "l'"} and is_cap(unelided(nxt2)) and not seen_cap:
            end, i = e, i + 1  # "Agence de développement pour la Normandie"
            continue
        # a lowercase word
        if seen_cap and low in adjectives:
            end, i, n = e, i + 1, n + 1
            continue
        if seen_cap and n <= 2 and low not in single and leads_to_capital(toks, i + 1):
            end, i, n = e, i + 1, n + 1  # "Carrefour culturel des Bois-Francs", "Ensemble baroque de Limoilou"
            continue
        if seen_cap or low in single or n >= 8:
            break
        end, i, n = e, i + 1, n + 1
    return _trimmed_end(u, pos, end)


def _never_in_name(w: str, low: str, adjectives: frozenset[str]) -> bool:
    """A word no name runs on to: an amount (``le Conseil régional 70.000 €``), ``un``/``une``
    (``l'Association des barrages un rassemblement``), a present participle (``apportant``).

    >>> [_never_in_name(w, w.lower(), frozenset()) for w in ("70.000", "un", "apportant", "restaurant", "Laval")]
    [True, True, True, False, False]
    """
    if _AMOUNT_NUMBER.fullmatch(w) or low in {"un", "une"}:
        return True
    return low.endswith("ant") and len(low) >= 6 and low not in adjectives and low not in _ANT_NOUNS


def _middle_initial(toks: list[tuple[int, int, str]], i: int) -> bool:
    """Whether ``toks[i]`` is the period of a middle initial (``Stephen F. Shaar``)."""
    prev, nxt = toks[i - 1] if i else (0, 0, ""), toks[i + 1][2] if i + 1 < len(toks) else ""
    return toks[i][2] == "." and bool(re.fullmatch(f"[{UPPER}]", prev[2])) and is_cap(nxt) and toks[i][0] == prev[1]


@functools.cache
def _name_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Stop words, adjectives after a name, organization heads, verb-like exceptions, legal suffixes."""
    c = cues()
    return (name_stops(), frozenset(c["adjectives_after_name"]), frozenset(c["heads"]),
            frozenset(c["verb_like_exceptions"]), frozenset(c["legal_suffixes"]))


def is_infinitive(word: str) -> bool:
    """An infinitive not capitalized (``améliorer``, ``promouvoir``), not a noun that ends like one (``hiver``).

    >>> is_infinitive("améliorer"), is_infinitive("hiver"), is_infinitive("Didier")
    (True, False, False)
    """
    low = word.lower()
    return not is_cap(word) and bool(INFINITIVE.search(low)) and low not in _name_words()[3]


def _comma_joins(toks: list[tuple[int, int, str]], i: int, *, places: frozenset[str], heads: frozenset[str], seen_cap: bool) -> bool:
    """True when the name goes on past the comma at ``toks[i]`` (``Ville de Gaspé, de …``)."""
    nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
    nxt2 = toks[i + 2][2] if i + 2 < len(toks) else ""
    if places and nxt in PREPOSITIONS and key(unelided(nxt2)) in places:
        return False  # "Métal Bernard, de Saint-Georges": the town, in apposition
    if unelided(nxt2 if nxt in PREPOSITIONS else nxt) in heads or (nxt in PREPOSITIONS and nxt2 in ARTICLES and i + 3 < len(toks) and unelided(toks[i + 3][2]) in heads):
        return False  # "Opéra de Montréal, de la Société des arts …": a second organization
    return bool(nxt in PREPOSITIONS or nxt in {"d'"} or nxt.startswith("d'") and not seen_cap)


def _et_joins(nxt: str, nxt2: str, *, heads: frozenset[str], single: frozenset[str], seen_cap: bool, n: int) -> bool:
    """True when ``et`` joins two words of one name (``Portes et fenêtres Laurentiennes``)."""
    after = unelided(nxt2 if nxt in ARTICLES or nxt in PREPOSITIONS or nxt == "l'" else nxt)
    if after in heads:
        return False  # "… et des Productions KOScènes": a second organization
    if (seen_cap and n <= 2 and nxt[:1].islower() and nxt not in CONNECTORS and nxt.lower() not in single
            and is_cap(nxt2)):
        return True  # "Portes et fenêtres Laurentiennes"
    return bool(nxt in PREPOSITIONS or nxt.startswith("d'") or (not seen_cap and not is_cap(nxt) and nxt not in ARTICLES))


def _trimmed_end(u: str, pos: int, end: int) -> int:
    """``end`` moved back over trailing connectors and punctuation (``Ville de`` -> ``Ville``)."""
    words = u[pos:end].split(" ")
    while words and (words[-1].lower() in CONNECTORS or words[-1] in {"", ","} or words[-1] in _DASH_WORDS):
        words.pop()
    if len(words) > 1 and len(words[-1]) == 1 and words[-1].islower() and u[pos + len(" ".join(words)):][:1] in ("\n", ""):
        words.pop()  # "Le Secrétariat à la r": a word cut by the line's end
        while words and words[-1].lower() in CONNECTORS:
            words.pop()
    return pos + len(" ".join(words).rstrip(" ,;" + DASH_CHARS))


#: where a name runs into the amount or date that follows it: ``BAAF, de 48 781``, ``X puis de 7435``,
#: ``X Adstock 346 846``, ``Loisirs inc.Aménagement`` (two cells joined), ``Municipalité X – aménagement d'un parc`` (its project)
_RUN_ON = re.compile(r",[ ]*(?:de|du|des|d')[ ]*\d|[ ]+(?:puis|et|soit|ou)[ ]+(?:de[ ]+|d')?\d|[ ]+\d{1,3}(?:[ ]\d{3})+(?!\w)"
                     r"|(?<=\.)(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])|[ ]?:[ ]+(?=[A-ZÀ-ÖØ-Þ])|[ ]-[ ]+(?=[a-zà-öø-ÿ]{3})")  # (dashes unified: u is normalize.text.unify())


def cut_run_on(u: str, s: int, e: int) -> int:
    """The end of the name at ``s:e`` before an amount, a joined cell or a ``: Project`` it ran into.

    >>> t = "à la BAAF, de 48 781 $ et à Entraide puis de 7435 $ ; Les Loisirs inc.Aménagement d'un parc"
    >>> [t[2:cut_run_on(t, 2, 20)], t[28:cut_run_on(t, 28, 48)], t[54:cut_run_on(t, 54, 91)]]
    ['la BAAF', 'Entraide', 'Les Loisirs inc.']
    >>> t[2:cut_run_on(t, 2, 9)]
    'la BAAF'
    >>> t = "Municipalité de Val-David - aménagement d'un parc : 12 000 $"  # (an en dash unified)
    >>> t[:cut_run_on(t, 0, 49)]
    'Municipalité de Val-David'
    >>> t = "Commune de Redon Requalification de la place 1 420 000 € 426 000 €"
    >>> t[:cut_run_on(t, 0, 44)]
    'Commune de Redon'
    >>> t = "au Théâtre d'améliorer et d'agrandir ses espaces"
    >>> t[3:cut_run_on(t, 3, 34)]
    'Théâtre'
    >>> t = "Microbrasserie Moulin 7 : Acquisition d'équipements"
    >>> t[:cut_run_on(t, 0, len(t))]
    'Microbrasserie Moulin 7'
    >>> t = "Municipalité de Saint-Léon-le-GrandRéaménagement de la patinoire, FagorBrandt"
    >>> t[:cut_run_on(t, 0, 60)], t[66:cut_run_on(t, 66, len(t))]
    ('Municipalité de Saint-Léon-le-Grand', 'FagorBrandt')
    """
    m = _RUN_ON.search(u, s, e)
    if m and m.start() > s:
        e = m.start()
    for v in _OF_VERB.finditer(u, s, e):
        if v.start() > s and is_infinitive(v.group("verb")):
            e = v.start()  # "Théâtre d'améliorer et d'agrandir": a purpose, not the name
            break
    for g in _GLUED.finditer(u, s, e):
        if g.group().lower() in common_nouns():
            return g.start()  # two cells joined: "Saint-Léon-le-GrandRéaménagement"
    for c in _CAP_WORD.finditer(u, s, e):
        before = u[s:c.start()].split(" ")[-1]
        if before[:1].isupper() and _project_word(c.group("word")):
            return c.start()  # a flattened table row: "Commune de Redon Requalification de la place"
    return e


#: a capitalized word after a blank inside a name
_CAP_WORD = re.compile(r"[ ](?P<word>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{3,})\b")


def _project_word(word: str) -> bool:
    """A capitalized word that opens a project's title, not a name's: works (``Aménagement``,
    ``Requalification``; not an infinitive: ``Lobster``, ``Voltaire`` end like one)."""
    return word.lower() in _works_nouns()


@functools.cache
def _works_nouns() -> frozenset[str]:
    return frozenset(w for w in patterns.document("record_cues.json")["purpose_nouns"] if " " not in w)


#: ``de``/``d'`` and the word after it (an infinitive there ends a name: ``Théâtre d'améliorer``)
_OF_VERB = re.compile(r"[ ]?\b(?:de[ ]+|d')(?P<verb>[a-zà-öø-ÿ]+)\b")
#: a capitalized word glued to the lowercase letters before it
_GLUED = re.compile(r"(?<=[a-zà-öø-ÿ]{3})[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{3,}")


@functools.cache
def common_nouns() -> frozenset[str]:
    """French common nouns (``patterns/common_nouns.txt``)."""
    return frozenset(patterns.words("common_nouns.txt"))


#: a purpose after a name: ``pour`` and an action noun (``pour l'édition de l'Atlas``, ``pour la sécurisation``)
_PURPOSE = re.compile(r"[ ]+pour[ ]+(?:l'|la[ ]+|le[ ]+|les[ ]+|son[ ]+|sa[ ]+|ses[ ]+|leur[ ]+|un[ ]+|une[ ]+)?"
                      r"(?:[a-zà-öø-ÿ]+(?:tion|sion|ment|age|ure)s?|achat|édition|étude)\b")
#: a town after a company's name: ``Elivia au Lion-d'Angers`` (not ``de`` a town: ``Parentèle de Laval``)
_AT_TOWN = re.compile(r"[ ]+(?P<prep>au|aux|à)[ ]+(?P<town>[A-ZÀ-ÖØ-Þ][\w'-]*(?:[ -][A-ZÀ-ÖØ-Þ][\w'-]*){0,3})$")


_DASH_WORD = re.compile(rf"[ ][{re.escape(DASH_CHARS)}-][ ](?P<w>[\w-]+)")


def trim_tail(u: str, s: int, e: int, heads: frozenset[str], *, headed: bool) -> int:
    """The end of the name at ``s:e`` before a purpose it ran into, and, for a company's name
    (capitalized words only, not opening with a head noun; ``headed`` False), before its town
    (``au``/``aux``/``à`` a capitalized place).

    >>> t = "Groupe sarthois ornithologique pour l'édition de l'Atlas ; Elivia au Lion-d'Angers"
    >>> t[:trim_tail(t, 0, 56, frozenset(), headed=True)], t[59:trim_tail(t, 59, len(t), frozenset(), headed=False)]
    ('Groupe sarthois ornithologique', 'Elivia')
    >>> t = "Fonds d'initiatives du Plan Nord - Huit projets"
    >>> t[:trim_tail(t, 0, len(t), frozenset(), headed=True)]
    "Fonds d'initiatives du Plan Nord"
    >>> t = "Pourvoirie du Cap au Leste"
    >>> t[:trim_tail(t, 0, len(t), frozenset({"Pourvoirie"}), headed=False)]
    'Pourvoirie du Cap au Leste'
    """
    m = _PURPOSE.search(u, s, e)
    if m and m.start() > s:
        e = m.start()
    d = _DASH_WORD.search(u, s, e)
    if d and d.start() > s and fold(d.group("w")) in number_words():
        e = d.start()  # "Plan Nord - Huit projets": a title's count after the dash
    if headed:
        return e
    t = _AT_TOWN.search(u, s, e)
    if t is None or t.start() <= s:
        return e
    words = u[s:t.start()].split(" ")
    company = all(w[:1].isupper() or w[:1].isdigit() for w in words) and re.sub(r"^(?:Le|La|Les|L')[ ]?", "", words[0]) not in heads
    return t.start() if company else e


_CAPITAL_ARTICLE = re.compile(r"(?<=[a-zà-ÿ,] )(?:Les|Le|La|L')[ ]?$")


def capital_article_start(u: str, s: int) -> int:
    """A capital article inside a sentence belongs to the name that follows it.

    >>> u = "le Rodéo de Charlevoix (14 000 $), Le Festif! (61 000 $)"
    >>> u[capital_article_start(u, u.index("Festif")):u.index(" (61")]
    'Le Festif!'
    >>> u = "Le Festif! reçoit"
    >>> capital_article_start(u, 3)
    3
    """
    art = _CAPITAL_ARTICLE.search(u, max(0, s - 8), s)
    return s - len(art.group()) if art else s


def strip_lead(u: str, s: int, e: int) -> int:
    """Skip lowercase articles, prepositions and role words at the start of a name."""
    lead = re.match(r"(?:(?:À|Aux?)[ ]+(?=l'|la |les? ))?(?:(?:et|ou|de|d'|du|des|le|la|les|l'|à|au|aux|chez|Chez|ceux|celui|celle|soit)[ ]*)+", u[s:e])
    if lead and lead.end() < e - s:
        s += lead.end()
    return s


PAREN_BEFORE = re.compile(r"\([^()\n]{0,40}$")
_LEAD_CHARS = " \t" + BULLETS
LIST_ITEM = re.compile(rf"(?m)^[ \t]*{ITEM_MARK}?[ \t]*")


def paren_name(u: str, line_start: int, p: int, places: frozenset[str]) -> tuple[int, int] | None:
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
    if et >= 0 and is_cap(u[et + 4:et + 5]):
        cs = et + 4
    while cs < chunk_end and u[cs] in _LEAD_CHARS:
        cs += 1
    cs = strip_lead(u, cs, chunk_end)
    if u[cs:cs + 2] in {"d'", "l'"} and is_cap(u[cs + 2:cs + 3]):
        cs += 2  # "d'Euralis Gastronomie" (but "L'Humanité" keeps its article)
    # a trailing place: "X à Châteaubriant", "X dans le Morbihan", "X en Bretagne" (a known place)
    cut = re.search(r"[ ](?:(?:à|au|aux)[ ](?=[A-ZÀ-Þ])|dans[ ]|en[ ](?P<en>.+)$).*$", u[cs:chunk_end])
    if cut and (not cut.group("en") or key(cut.group("en")) in places):
        chunk_end = cs + cut.start()
    if u[cs:chunk_end].endswith(".") and not u[cs:chunk_end].endswith(tuple(cues()["legal_suffixes"])):
        chunk_end -= 1
    first_word = u[cs:chunk_end].split(" ")[0]
    if not is_cap(u[cs:cs + 1]) or first_word in cues()["not_name_start_set"]:
        # "mentionnons Ecorad de Saint-Jean-Port-Joli", "Il s'agit notamment d'Aujourd'hui en France":
        # the trailing capitalized run
        words = list(re.finditer(r"\S+", u[cs:chunk_end]))
        start_i = len(words)
        for i in range(len(words) - 1, -1, -1):
            w = words[i].group()
            if is_cap(w) or (w.lower() in CONNECTORS and i + 1 == start_i):
                start_i = i
            elif w[:2].lower() in {"d'", "l'"} and is_cap(w[2:]):
                start_i = i  # "notamment d'Aujourd'hui en France"
                break
            else:
                break
        while start_i < len(words) and not is_cap(unelided(words[start_i].group())):
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
        e = name_end(u, cs, seen_cap=True, places=places)
        chunk_end = min(chunk_end, e)
        name = u[cs:chunk_end]
    # "Ecorad de Saint-Pamphile": a brand name followed by its town
    m = re.match(r"^(?P<brand>.+?) (?:de|d'|du) (?P<place>[^ ].*)$", name)
    if m and places and key(m.group("place")) in places and not re.search(rf"(?<![\w'])[{LOWER}]", m.group("brand")):
        chunk_end = cs + len(m.group("brand"))
    if chunk_end <= cs or len(u[cs:chunk_end].split()) > 8:
        return None
    return cs, chunk_end


def reads_as_prose(chunk: str) -> bool:
    """``Les aides se répartissent ainsi``: a clause, not a name (a stop word or verb inside)."""
    single, _ = _stops()
    return any(w.lower() in single for w in chunk.split(" ")[1:])
