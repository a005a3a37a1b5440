"""Candidate names from each rule layer (heads, role nouns, amounts, lists, subjects, legal forms, NER)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from ... import patterns
from ...normalize.text import SENTENCE_END, UPPER, alternation, char_class, key
from ...types import Amount, Segment
from ..names import long_form_start
from .cues import CONNECTORS, cues, head_rx, quoted_role_rx, role_rx
from ...segmentation.lines import line_separator
from .grammar import LIST_ITEM, PAREN_BEFORE, giving_verbs, is_cap, is_infinitive, name_end, name_stops, paren_name, reads_as_prose, strip_lead, verb_form, capital_article_start

#: a proper name right after a territory's head (``Ville de Gaspé``, ``MRC des Laurentides``, ``Région Grand Est``)
_PROPER_AFTER = re.compile(rf"[ ](?:(?:de|du|des)[ ](?:la[ ]|l')?|d'|de[ ]l')?[{UPPER}]")


@functools.cache
def _territory_heads() -> frozenset[str]:
    return frozenset(cues()["territory_heads"])


def candidates_heads(u: str, places: frozenset[str] = frozenset()) -> Iterable[tuple[int, int, str]]:
    for m in head_rx().finditer(u):
        s = m.start()
        if m.group("cap"):
            s = capital_article_start(u, s)
        body = m.end()
        if u[body:body + 1] != " ":
            continue
        if m.group("cap") in _territory_heads() and not _PROPER_AFTER.match(u, body):
            continue  # "la Ville nous a soutenus", "la Région de 800.000 €": an anaphor, not a name
        e = name_end(u, body + 1, seen_cap=False, places=places)
        if e <= body + 1:
            continue
        if (m.group("low") or m.group("fac")) and not re.search(rf"(?<![\w'])[{UPPER}]", u[body:e].replace("l'", " ").replace("d'", " ")):
            continue  # "pourvoirie qualifiée de 4 saisons": no name
        yield s, e, "head"


def enumeration(u: str, pos: int, *, limit: int = 8) -> list[tuple[int, int]]:
    """Names at ``pos``: ``A``, or ``A, B et C`` (each starting with a capital or a digit)."""
    out = []
    for _ in range(limit):
        m = re.match(r"(?:(?:le|la|les|l')[ ]?)?", u[pos:pos + 4])
        start = pos + (m.end() if m else 0)
        if not is_cap(u[start:start + 1]):
            break
        e = name_end(u, start, seen_cap=True)
        if e <= start:
            break
        out.append((start, e))
        sep = re.match(r"(?:,[ ]*(?:et[ ]+)?|[ ]+et[ ]+|[ ]+ainsi qu'(?:aux|à|au)?[ ]*)(?:(?:à|aux|au|de|d'|du|des)[ ]?)?", u[e:e + 20])
        if not sep:
            break
        pos = e + sep.end()
    return out


def candidates_roles(u: str) -> Iterable[tuple[int, int, str]]:
    for m in role_rx().finditer(u):
        plural = m.group("noun").endswith("s")
        names = enumeration(u, m.end(), limit=8 if plural else 1)
        for s, e in names:
            yield s, e, "role"
    for m in quoted_role_rx().finditer(u):
        yield m.start("name"), m.end("name"), "role"  # "l'entreprise « Damien LOGEAIS »": the quotes bound the name


def candidates_amounts(u: str, amounts: Sequence[Amount], places: frozenset[str] = frozenset()) -> Iterable[tuple[int, int, str]]:
    for a in amounts:
        line_start = u.rfind("\n", 0, a.start) + 1
        # "Palco : 175 000 $" / "X: description (amount)" at the start of a line
        colon = line_separator(u, line_start, a.start)
        if colon > 0:
            item = LIST_ITEM.match(u, line_start)
            s = item.end() if item else line_start
            s = strip_lead(u, s, colon)
            chunk = u[s:colon].rstrip()
            chunk = re.sub(r"[ ]*\((?![A-Z0-9.&-]{2,12}\))[^()]*\)$", "", chunk)  # "Médisol (Lille, Nord)": a place
            if is_cap(u[s:s + 1]) and 0 < len(chunk.split()) <= 10 and not reads_as_prose(chunk):
                yield s, s + len(chunk), "amount"
                continue
        pm = PAREN_BEFORE.search(u, max(line_start, a.start - 41), a.start)
        if pm:
            span = paren_name(u, line_start, pm.start(), places)
            if span:
                yield span[0], span[1], "amount"


def candidates_list_items(u: str, sections: Sequence[Segment]) -> Iterable[tuple[int, int, str]]:
    for seg in sections:
        if seg.label != "list_item":
            continue
        item = LIST_ITEM.match(u, seg.start)
        s = item.end() if item and item.end() <= seg.end else seg.start
        s = strip_lead(u, s, seg.end)
        m = re.search(r",|\(|:|\n| pour | qui | est | a | afin |\.[ ]", u[s:seg.end])  # a name alone on the first line ends there
        e = s + (m.start() if m else 0)
        if m and is_cap(u[s:s + 1]) and 0 < len(u[s:e].split()) <= 10:
            yield s, e, "list"


@functools.cache
def subject_rx() -> re.Pattern[str]:
    verbs = alternation(patterns.listed("record_cues.json", "receive_verbs"), escape=True)
    return re.compile(rf"(?:^|(?<={char_class(SENTENCE_END)} )|(?<=\n)|(?<=part, )|(?<=ailleurs, )|(?<=côté, )|(?<=alors que )|(?<=tandis que ))(?P<name>[{UPPER}0-9][\w'-]*(?:[ ](?:[{UPPER}0-9][\w'-]*|de|du|des|d'[\w-]+)){{0,5}})"
                      rf"(?=[ ][^.;:()\n]{{0,60}}?\b(?:{verbs})\b)", re.MULTILINE)


_ENUM_NAME = re.compile(rf"[{UPPER}][\w'’-]*(?:[ ][{UPPER}][\w'’-]*){{0,3}}")


@functools.cache
def _enum_subject_rx() -> re.Pattern[str]:
    """Names enumerated at a sentence's start, subject of a plural receiving verb.

    >>> u = "Les projets sont prêts. La Trinité-des-Monts, Saint-Marcellin et Saint-Valérien reçoivent 75 000 $."
    >>> [u[n.start():n.end()] for m in _enum_subject_rx().finditer(u) for n in _ENUM_NAME.finditer(u, m.start("list"), m.end("list"))]
    ['La Trinité-des-Monts', 'Saint-Marcellin', 'Saint-Valérien']
    """
    verbs = alternation([v for v in patterns.listed("record_cues.json", "receive_verbs") if v.split(" ")[-1].endswith(("ent", "ont"))], escape=True)
    name = _ENUM_NAME.pattern
    return re.compile(rf"(?:^|(?<={char_class(SENTENCE_END)} )|(?<=\n))(?P<list>{name}(?:,[ ]{name})*,?[ ]et[ ]{name})(?=[ ](?:{verbs})\b)", re.MULTILINE)


@functools.cache
def _mid_subject_rx() -> re.Pattern[str]:
    """A name inside a sentence right before its receiving verb, after a lowercase word:
    two capitalized words or an acronym (``le manufacturier … MEP Technologies a profité de``).

    >>> u = "le manufacturier de haute précision MEP Technologies a profité de prêts"
    >>> [m.group("name") for m in _mid_subject_rx().finditer(u)]
    ['MEP Technologies']
    """
    verbs = alternation(patterns.listed("record_cues.json", "receive_verbs"), escape=True)
    word = rf"[{UPPER}0-9][\w'&-]*"
    return re.compile(rf"(?<=[a-zà-öø-ÿ] )(?!(?:Le|La|Les|Il|Elle|Ils|Elles|Ce|Cette|Ces)\b)(?P<name>[{UPPER}]{{2,}}[\w'&-]*(?:[ ]{word}){{0,3}}|{word}(?:[ ]{word}){{1,3}})(?=[ ](?:{verbs})\b)")


@functools.cache
def relative_rx() -> re.Pattern[str]:
    """``…, qui reçoit``: a relative clause whose receiving verb follows a name."""
    verbs = alternation(patterns.listed("record_cues.json", "receive_verbs"), escape=True)
    return re.compile(rf",[ ]+qui[ ]+(?:{verbs})\b")


_REL_TOKEN = re.compile(r"[^\s,;:.()«»]+")
_REL_STOP = frozenset({"le", "la", "les", "l'", "un", "une", "des", "au", "aux", "à", "et", "ou", "que", "qui", "dont"})


def relative_name(u: str, comma: int) -> int | None:
    """Start of the name that ends at ``comma`` (``… appuyer Agriculture en classe, qui …``):
    walking back over capitalized words, ``de``/``d'…`` complements and single lowercase
    words, up to an article or two lowercase words in a row; ``None`` without a capital.

    >>> u = "Le programme continue d'appuyer Semences du patrimoine en région, qui reçoit"
    >>> u[relative_name(u, u.index(",")):u.index(",")]
    'Semences du patrimoine en région'
    """
    toks = [(m.start(), m.group()) for m in _REL_TOKEN.finditer(u, max(0, comma - 120), comma)]
    if toks and toks[-1][0] + len(toks[-1][1]) != comma:
        return None  # punctuation right before the comma
    start, low = None, 0
    for s, w in reversed(toks[-10:]):
        gap = u[s + len(w):comma]
        if re.search(r"[,;:.()«»\n]", gap):
            break
        if w.lower() in _REL_STOP:
            break
        if w[:1].isupper() or w[:1].isdigit():
            start, low = s, 0
        elif w in {"de", "du", "des", "en", "sur", "pour"} or w.startswith(("d'", "l'")):
            low = 0  # "Semences du patrimoine en région": a complement, lowercase words may follow
        else:
            low += 1
            if low >= 2:
                break
    return start


def candidates_subjects(u: str) -> Iterable[tuple[int, int, str]]:
    """``Usinage Filiatrault pourra …``, ``110 Bourgogne est l'un des lauréats et va bénéficier …``,
    ``… Agriculture en classe, qui reçoit …``."""
    for m in relative_rx().finditer(u):
        s = relative_name(u, m.start())
        if s is not None and (" " in u[s:m.start()] or re.search(r"[A-Z].*[A-Z]|\d", u[s:m.start()])):
            yield s, m.start(), "subject"
    for m in _mid_subject_rx().finditer(u):
        yield m.start("name"), m.end("name"), "subject"
    for m in _enum_subject_rx().finditer(u):
        for n in _ENUM_NAME.finditer(u, m.start("list"), m.end("list")):
            yield n.start(), n.end(), "subject"  # "Saint-Marcellin, Saint-Valérien et Saint-Fabien reçoivent 75 000 $"
    for m in subject_rx().finditer(u):
        s = m.start("name")
        e = max(m.end("name"), name_end(u, s, seen_cap=True))  # "L'Ensemble baroque de Limoilou reçoit"
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


#: a name ended by a legal form (``legal_forms.csv``: ``ends_candidate``)
LEGAL = re.compile(rf"(?:(?<=\b[lLdD]')|(?<![\w'-]))(?P<name>(?:[{UPPER}0-9][\w'&-]*[ ]){{1,5}})(?:{alternation(patterns.legal_forms('ends_candidate'), escape=True)})(?![\w])")
#: a legal form opening a name (``opens_name``)
_LEGAL_PREFIX = re.compile(rf"(?<![\w'-])(?:{alternation(patterns.legal_forms('opens_name'), escape=True)})[ ]+(?=[{UPPER}0-9])")


#: a capitalized word and one or two lowercase words right before a name ended by a legal form
#: (``Produits forestiers`` + ``Résolu Canada inc.``), after a preposition or a line's start
_LOWER_BEFORE_LEGAL = re.compile(rf"(?:^|\n|(?<![\w'-])(?:à|au|aux|de|du|des|par|avec|et|:|,)[ ]+)(?P<cap>[{UPPER}][\w'-]+)[ ](?P<low>(?:[a-zà-öø-ÿ][\w'-]{{2,}}[ ]){{1,2}})$")


def legal_start(u: str, s: int) -> int:
    """Where a name ended by a legal form starts, lowercase words of its body included.

    >>> u = "l'octroi de 4,9 M$ à Produits forestiers Résolu Canada inc. pour"
    >>> u[legal_start(u, u.index("Résolu")):u.index(" pour")]
    'Produits forestiers Résolu Canada inc.'
    >>> u = "Les entreprises Le Bel Érablière inc."
    >>> u[legal_start(u, u.index("Le Bel")):]
    'Le Bel Érablière inc.'
    >>> u = "Le ministre annonce Meubles Boréalis inc."
    >>> u[legal_start(u, u.index("Meubles")):]
    'Meubles Boréalis inc.'
    """
    m = _LOWER_BEFORE_LEGAL.search(u, max(0, s - 60), s)
    if m is None:
        return s
    stops, roles = name_stops(), cues()["role_nouns"]
    if m.group("cap").lower() in CONNECTORS or any(
            w in CONNECTORS or w in stops or w in roles or verb_form(w) for w in m.group("low").split()):
        return s  # "Les entreprises Le Bel Érablière inc.": a role noun announces the name
    return m.start("cap")


def candidates_legal(u: str) -> Iterable[tuple[int, int, str]]:
    """``Meubles Boréalis inc.``, ``9401-0246 Québec inc.``: a legal form ends the name;
    ``SAS Bois Normand Industrie``, ``SARL Menuiseries Lefrançois``: or starts it (France)."""
    for m in LEGAL.finditer(u):
        yield legal_start(u, m.start()), m.end(), "legal"
    for m in _LEGAL_PREFIX.finditer(u):
        e = name_end(u, m.end(), seen_cap=True)
        if e > m.end():
            yield m.start(), e, "head"


def candidates_ner(u: str, ner: Sequence[tuple[int, int, str]]) -> Iterable[tuple[int, int, str]]:
    suffixes = tuple(cues()["common_noun_suffixes"])
    for s, e, label in ner:
        if label != "ORG" or "\n" in u[s:e]:
            continue
        s = strip_lead(u, s, e)
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


_AT_START = re.compile(r"(?:À|Au|Aux)[ ]+(?:l'|la[ ]+|le[ ]+|les[ ]+)?(?=[A-ZÀ-Þ])")


def candidates_model(u: str, spans: Sequence[tuple[int, int, str]]) -> Iterable[tuple[int, int, str]]:
    """``ORG`` spans of the domain span model (trained on releases, :mod:`annonces.learn.spans`):
    taken as they are, a leading article aside."""
    for s, e, label in spans:
        if label == "ORG" and "\n" not in u[s:e]:
            cut = _FURNITURE_BREAK.search(u, s, e)
            if cut:
                e = cut.start()  # "Innovations et Territoires | Publié le 25/09/2020": a page's furniture
            prose = _PROSE_BREAK.search(u, s, e)
            if prose and prose.start() > s:
                e = prose.start()  # "Fédération … Famille nous continuerons", "Fête de la culture de cette année"
            at = _AT_PLACE_END.search(u, s, e)
            if at and at.start() > s:
                e = at.start()  # "Centre National de Tir sportif à la Martinerie": the name, then where it is
            if _HONORIFIC.match(u, s, e):
                continue  # "MmeMarie Ève Proulx", "M Saul Polo": a person
            while s < e and not (u[s].isalnum() or u[s] in "«\"'"):
                s += 1  # "🖌️ Désenclavement": a bullet glyph
            s = strip_lead(u, s, e)
            lead = _AT_START.match(u, s, e)
            if lead and lead.end() < e:
                s = lead.end()  # "À l'IUTO, …": the preposition opening the sentence
            e = _past_acronym(u, s, _before_verb(u, s, e))
            s = capital_article_start(u, s)
            if e > s and not _OPEN_END.search(u, s, e):
                yield s, e, "model"  # "collège du" (a name cut before its last word) is left to the grammars


#: what never stands inside a name: a pipe or a slash between spaces (menus, bylines)
_FURNITURE_BREAK = re.compile(r"[ ]*(?:\||[ ]/[ ])")
#: prose a model span ran into: a subject pronoun, a demonstrative (``de cette année``)
_PROSE_BREAK = re.compile(r"[ ]+(?:(?:nous|vous|je|ils|elles|on)[ ]|j'|(?:de[ ]+|d')?(?:cette|ces|cet)[ ])")
#: a place after the name, ending the span: `` à la Martinerie``, `` au Bic``, `` à Sorel``
_AT_PLACE_END = re.compile(r"[ ]+(?:à|au)[ ]+(?:la[ ]+|l')?[A-ZÀ-Þ][\w'’-]*$")
#: a person's title opening a span, glued or not: ``Mme``, ``M.``, ``M ``, ``MM.``
_HONORIFIC = re.compile(r"(?:Mmes?|MM?\.?)(?=[ ]|[A-ZÀ-Þ][a-zà-ÿ])")


def _before_verb(u: str, s: int, e: int) -> int:
    """A model span cut before the verb it ran into (``Ville accordera une contribution de``,
    ``Ville manquait de marge``, ``Théâtre d'améliorer``): a verb of giving or receiving, its future,
    a finite form or an infinitive after ``de``.

    >>> u = "la Ville accordera une contribution financière de 5 000 $"
    >>> u[3:_before_verb(u, 3, 49)]
    'Ville'
    >>> u = "permettra au Théâtre d'améliorer ses espaces"
    >>> u[13:_before_verb(u, 13, len(u))]
    'Théâtre'
    """
    stops = giving_verbs()
    words = list(re.finditer(r"[^ ]+", u[s:e]))
    for i, m in enumerate(words):
        w = m.group().lower()
        verb = w in stops or verb_form(w) or (w.endswith("ra") and w[:-2] in stops) or (w.endswith("ront") and w[:-4] in stops)
        infinitive = (w[:2] == "d'" and _lower_infinitive(m.group()[2:])) or (w == "de" and i + 1 < len(words) and _lower_infinitive(words[i + 1].group()))
        if m.start() and (verb or infinitive):
            return s + len(u[s:s + m.start()].rstrip(" ,"))
    return e


def _lower_infinitive(word: str) -> bool:
    return word[:1].islower() and is_infinitive(word)


def _past_acronym(u: str, s: int, e: int) -> int:
    """``Centre d'action bénévole (CAB) Drummond``: the name goes on past its acronym when
    capitalized words follow it (not a sentence opening on ``Le``).

    >>> t = "Le Centre d'action bénévole (CAB) Drummond recevra 100 000 $."
    >>> t[3:_past_acronym(t, 3, 27)]
    "Centre d'action bénévole (CAB) Drummond"
    """
    acr = _ACRONYM_THEN_NAME.match(u, e)
    if acr and acr.group("acr")[0] == u[s:s + 1] and acr.group("next") not in cues()["not_name_start_set"] \
            and acr.group("next") not in {"Le", "La", "Les", "L'", "Un", "Une"}:
        return acr.end()
    return e


#: an acronym in parentheses and a capitalized word after it, on the same line
_ACRONYM_THEN_NAME = re.compile(r"[ ]\((?P<acr>[A-ZÀ-Þ]{2,8})\)[ ](?P<next>[A-ZÀ-Þ][\w'-]*)(?:[ -][A-ZÀ-Þ][\w'-]*)*")


#: a span ending on a preposition or an article: the model cut the name before its last word
_OPEN_END = re.compile(rf"[ ](?:{alternation(CONNECTORS | {'pour'}, escape=True)})$", re.IGNORECASE)


def candidates_after_amounts(u: str, amounts: Sequence[Amount], places: frozenset[str]) -> Iterable[tuple[int, int, str]]:
    """``deux millions pour CC Presqu'île de Crozon``: a capitalized name right after an amount's preposition."""
    for a in amounts:
        m = re.match(r"[ ,]*(?:(?:a|ont|est|sont)[ ]+(?:été[ ]+)?[a-zéèêàç]+[ ]+)?(?:pour|à|au|aux|à destination de|au bénéfice de|en faveur de)[ ]+(?:(?:le|la|les|l')[ ]?)?", u[a.end:a.end + 60])
        if not m:
            continue
        s = a.end + m.end()
        if not re.match(rf"[{UPPER}]", u[s:s + 1]):
            continue
        e = name_end(u, s, seen_cap=True, places=places)
        if e > s and (key(u[s:e]) not in places or AMOUNT_TO_PLACE.search(u, max(0, s - 30), s)):
            yield s, e, "amount"


#: an amount given straight to a town: ``1 066 € à Melgven``, ``450 000 euros pour Rougemont-le-Château``
AMOUNT_TO_PLACE = re.compile(r"(?:\d|\$|€|euros|dollars)[ ]+(?:à|pour)[ ]+$")


#: an acronym in parentheses after the name it abbreviates
_ACRONYM = re.compile(r"[ ]?\((?P<acr>[A-ZÀ-Þ][A-ZÀ-Þ&.]{1,9})\)")
#: the words an acronym's initials skip: the name grammar's connectors, and ``pour``
_SKIPPED_IN_ACRONYM = CONNECTORS | {"pour"}
#: how far back an acronym's name is looked for (its at most 30 words), so that a huge line stays linear
_ACRONYM_REACH = 600


def candidates_acronym(u: str) -> Iterable[tuple[int, int, str]]:
    """``Congrès mondial acadien (CMA)``, ``Institut universitaire de technologie de l'Ontario (IUTO)``:
    the words before an acronym whose initials spell it (connectors skipped) are one name.

    >>> t = "le Congrès mondial acadien (CMA) et l'Institut universitaire de technologie de l'Ontario (IUTO)"
    >>> [t[s:e] for s, e, _ in candidates_acronym(t)]
    ['Congrès mondial acadien', "Institut universitaire de technologie de l'Ontario"]
    """
    for m in _ACRONYM.finditer(u):
        letters = m.group("acr").replace(".", "").replace("&", "")
        if len(letters) < 2:
            continue
        start = long_form_start(u, m.start(), letters, _SKIPPED_IN_ACRONYM, _ACRONYM_REACH)
        if start is not None and u[start:start + 1].isupper() and len(u[start:m.start()].split()) >= 2:
            end = start + len(u[start:m.start()].rstrip(" ,;:"))
            yield start, _past_acronym(u, start, end), "acronym"
