"""Entity linking without spaCy: candidates, acronyms, within-document coreference, ids.

* :class:`CandidateGenerator` scores KB names, aliases and acronyms against a mention
  with rapidfuzz over *core* keys (folded, articles, legal forms such as ``inc.``, generic
  heads such as ``ministère``/``programme`` and stop words removed); :meth:`~CandidateGenerator.link`
  returns NIL (``None``) below a threshold calibrated on the dev set (see ``THRESHOLDS``).
* :func:`acronym_pairs` finds ``Long Name (ACR)`` definitions.
* :func:`corefer` merges the mentions of one document that name the same entity
  (spelling variants, acronyms, short forms) under one canonical name and id.
* :func:`stable_id` gives an id that is the same for the same name in every process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from rapidfuzz import fuzz, process

from .kb import Entity, KnowledgeBase
from .kb.files import cues
from .normalize.text import key, strip_accents
from .types import Mention

#: NIL thresholds (score in 0..1), calibrated on the dev set: among the gold names of
#: one kind, the closest pair of distinct entities scores 0.889 ("Québec Culture
#: Numérique" / "plan culturel numérique du Québec"), the weakest variant pair of one
#: entity written two ways in a release 0.944 ("Usine Filiatrault" / "Usinage
#: Filiatrault"); 0.92 sits between them.  tests/test_linking.py re-checks both sides.
DEFAULT_THRESHOLD = 0.92
THRESHOLDS: dict[str, float] = {
    "minister": 0.92,
    "organization": 0.92,
    "agency": 0.92,
    "ministry": 0.92,
    "program": 0.92,
    "municipality": 0.95,
    "mrc": 0.95,
    "region": 0.95,
    "departement": 0.95,
}
#: ``stable_id`` prefixes
ID_PREFIXES = {
    "organization": "org", "organizations": "org", "agency": "org", "ministry": "org",
    "program": "prog", "programs": "prog", "minister": "min", "ministers": "min",
    "region": "reg", "regions": "reg", "departement": "reg", "municipality": "mun", "mrc": "mun",
}


@cache
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    c = cues()["linking"]

    def folded(words: list[str]) -> frozenset[str]:
        return frozenset(key(w).replace(".", "") for w in words)

    return folded(c["articles"]), folded(c["legal_forms"]), folded(c["generic_heads"]), folded(c["stopwords"])


_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


def _tokens(text: str) -> list[str]:
    k = key(text).replace("œ", "oe").replace("æ", "ae")
    return [t for t in re.split(r"[^\w']+|(?<=')", k) if t and t != "'"]


def core_key(text: str) -> str:
    """The comparison key of a name: folded, without leading article, legal form,
    generic head (``ministère``, ``programme``) or stop words.

    >>> core_key("Les Délices de l’Artisan inc.")
    'delices artisan'
    >>> core_key("ministère du Patrimoine canadien") == core_key("Patrimoine canadien")
    True
    >>> core_key("Marie Ève Proulx") == core_key("Marie-Eve Proulx")
    True
    >>> core_key("Programme Exportation (PEX)")
    'exportation'
    """
    articles, legal, heads, stop = _lists()
    tokens = _tokens(_TRAILING_PAREN.sub("", text) or text)
    while tokens and tokens[-1] in legal:
        tokens.pop()
    while tokens and (tokens[0] in articles or tokens[0] in heads):
        tokens.pop(0)
    core = [t for t in tokens if t not in stop]
    return " ".join(core) if core else " ".join(_tokens(text))


def similarity(a: str, b: str) -> float:
    """Similarity of two names in 0..1 (rapidfuzz ratio / token-sort ratio on core keys).

    >>> similarity("Usine Filiatrault", "Usinage Filiatrault") > 0.9
    True
    >>> similarity("ministère de la Culture", "ministère de l'Agriculture") < 0.9
    True

    Names whose core keys start with different letters are different names, however close
    the rest ("Centraide" and "Entraide" differ by one letter): their score is scaled down.

    >>> similarity("Centraide", "Entraide") < 0.9, similarity("Ville de Drummondville", "Ville de Drummonville") > 0.92
    (True, True)
    """
    ca, cb = core_key(a), core_key(b)
    score = max(fuzz.ratio(ca, cb), fuzz.token_sort_ratio(ca, cb)) / 100
    if ca[:1] != cb[:1] and sorted(ca.split()) != sorted(cb.split()):
        score *= 0.9
    return score


def _is_acronym(text: str) -> bool:
    t = text.strip().replace(".", "")
    return 2 <= len(t) <= 12 and " " not in t and sum(c.isupper() for c in t) >= 2


class CandidateGenerator:
    """Scored KB candidates for a mention (names, aliases and acronyms of ``types``).

    >>> from annonces.kb import load_kb
    >>> gen = CandidateGenerator(load_kb(), types="region")
    >>> [(e.name, round(s, 2)) for e, s in gen.candidates("Gaspesie - Iles de la Madeleine", k=1)]
    [('Gaspésie–Îles-de-la-Madeleine', 1.0)]
    >>> gen.link("Montérégie Est") is None
    True
    """

    def __init__(self, kb: KnowledgeBase, types: str | Iterable[str] | None = None) -> None:
        self.kb = kb
        wanted = None if types is None else frozenset((types,) if isinstance(types, str) else types)
        self.entities = [e for e in kb if wanted is None or e.type in wanted]
        self._keys: list[str] = []
        self._owners: list[Entity] = []
        self._acronyms: dict[str, list[Entity]] = {}
        for e in self.entities:
            for form in e.forms():
                self._keys.append(core_key(form))
                self._owners.append(e)
            for acr in e.acronyms:
                self._acronyms.setdefault(key(acr), []).append(e)

    def candidates(
        self,
        mention: str,
        k: int = 5,
        *,
        jurisdiction: str | Iterable[str] | None = None,
        on: str | dt.date | None = None,
    ) -> list[tuple[Entity, float]]:
        """The ``k`` best entities for ``mention`` with a score in 0..1, best first.

        ``jurisdiction`` (``"QC"``, ``"CA"``, ``"FR"``, or several) keeps entities of those
        jurisdictions (and those without one); ``on`` (an ISO date) keeps entities valid that day.

        >>> from annonces.kb import load_kb
        >>> gen = CandidateGenerator(load_kb(), types="departement")
        >>> [(e.code, s) for e, s in gen.candidates("Cotes d'Armor", k=1, jurisdiction="FR")]
        [('22', 1.0)]
        """
        places = None if jurisdiction is None else frozenset(
            (jurisdiction,) if isinstance(jurisdiction, str) else jurisdiction)

        def keep(e: Entity) -> bool:
            if places is not None and e.jurisdiction is not None and e.jurisdiction not in places:
                return False
            return on is None or e.active_on(on)

        best: dict[str, tuple[Entity, float]] = {}

        def add(entity: Entity, score: float) -> None:
            if keep(entity) and (entity.id not in best or best[entity.id][1] < score):
                best[entity.id] = (entity, score)

        if _is_acronym(mention):
            for e in self._acronyms.get(key(mention), ()):
                add(e, 1.0)
        query = core_key(mention)
        if query and self._keys:
            limit = max(k * 4, 10) if places is None and on is None else max(k * 40, 100)
            for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
                for _choice, score, i in process.extract(query, self._keys, scorer=scorer, limit=limit):
                    add(self._owners[i], score / 100)
        ranked = sorted(best.values(), key=lambda es: (-es[1], es[0].name))
        return ranked[:k]

    def link(
        self,
        mention: str,
        types: str | Iterable[str] | None = None,
        threshold: float | None = None,
        *,
        jurisdiction: str | Iterable[str] | None = None,
        on: str | dt.date | None = None,
    ) -> Entity | None:
        """The best entity of ``types`` when it scores at least ``threshold`` (default:
        ``THRESHOLDS`` of its type) and no other entity ties with it, else ``None`` (NIL).

        >>> from annonces.kb import load_kb
        >>> gen = CandidateGenerator(load_kb(), types="departement")
        >>> gen.link("Finistere").code, gen.link("Finisterre", threshold=0.9).code, gen.link("Bretagne")
        ('29', '29', None)
        """
        wanted = None if types is None else frozenset((types,) if isinstance(types, str) else types)
        ranked = [
            (e, s)
            for e, s in self.candidates(mention, k=10, jurisdiction=jurisdiction, on=on)
            if wanted is None or e.type in wanted
        ]
        if not ranked:
            return None
        entity, score = ranked[0]
        limit = threshold if threshold is not None else THRESHOLDS.get(entity.type, DEFAULT_THRESHOLD)
        if score < limit:
            return None
        if len(ranked) > 1 and ranked[1][1] >= score and ranked[1][0].id != entity.id:
            return None  # two entities share this name: ambiguous
        return entity


# --- acronyms -------------------------------------------------------------------------

_ACRONYM = re.compile(r"\(\s*([A-ZÀ-Ý][A-Za-zÀ-ÿ0-9&.\-]{1,14})\s*\)")
_WORD = re.compile(r"[^\W_]+")
_STOP_CHARS = re.compile(r"[.;:!?()\[\]«»\"\n]")
_SKIP_WORDS = frozenset(strip_accents(w).lower().rstrip("'’") for w in cues()["linking"]["stopwords"])


def _letters(acronym: str) -> str:
    return strip_accents("".join(c for c in acronym if c.isupper())).lower()


def _match_letters(letters: str, words: list[str]) -> int | None:
    """Content words left unmatched when ``letters`` spell ``words`` (first letter = first
    word's initial; a letter may also continue inside the word just used, ``SOciété``).

    >>> _match_letters("dec", "developpement economique canada pour les regions du quebec".split())
    2
    >>> _match_letters("sodec", "societe de developpement des entreprises culturelles".split())
    0
    """

    @cache
    def walk(li: int, wi: int, ci: int) -> int | None:
        """Fewest unmatched content words from letter ``li``, word ``wi``, char ``ci`` on."""
        if li == len(letters):
            return sum(1 for w in words[wi + 1:] if w not in _SKIP_WORDS)
        options: list[int] = []
        j = words[wi].find(letters[li], ci + 1)
        if j > 0:
            found = walk(li + 1, wi, j)
            if found is not None:
                options.append(found)
        passed = 0
        for nwi in range(wi + 1, len(words)):
            w = words[nwi]
            if w[0] == letters[li]:  # a small word may carry a letter too: UQAR, "à"
                found = walk(li + 1, nwi, 0)
                if found is not None:
                    options.append(found + passed)
                if w not in _SKIP_WORDS:
                    break
            if w not in _SKIP_WORDS:
                passed += 1
        return min(options) if options else None

    if not words or words[0][0] != letters[0]:
        return None
    return walk(1, 0, 0)


def acronym_pairs(text: str) -> list[tuple[int, int, int, int]]:
    """``(long_start, long_end, acr_start, acr_end)`` for each ``Long Name (ACR)`` or
    ``Long Name, (ACR)`` whose acronym letters spell the long form's words.

    >>> s = "Développement économique Canada pour les régions du Québec (DEC) et la Société d'habitation du Québec (SHQ)."
    >>> [(s[a:b], s[c:d]) for a, b, c, d in acronym_pairs(s)]
    [('Développement économique Canada pour les régions du Québec', 'DEC'), ("Société d'habitation du Québec", 'SHQ')]
    >>> acronym_pairs("un montant de 2 M$ (TVQ)")
    []
    """
    out = []
    for m in _ACRONYM.finditer(text):
        acr = m.group(1)
        letters = _letters(acr)
        if len(letters) < 2:
            continue
        end = m.start()
        while end > 0 and text[end - 1] in " ,\u00a0\t":
            end -= 1
        lo = max(0, end - 250)
        stop = [s.end() for s in _STOP_CHARS.finditer(text, lo, end)]
        lo = stop[-1] if stop else lo
        spans = [(w.start(), w.end()) for w in _WORD.finditer(text, lo, end)]
        words = [strip_accents(text[a:b]).lower() for a, b in spans]
        window = len(letters) * 2 + 4
        for first in range(len(words) - 1, max(-1, len(words) - 1 - window), -1):
            if words[first] in _SKIP_WORDS or words[first][0] != letters[0]:
                continue
            unmatched = _match_letters(letters, words[first:])
            if unmatched is None or unmatched > min(3, len(letters)):
                continue
            capitalized = any(text[a].isupper() for a, _ in spans[first:])
            if capitalized:
                out.append((spans[first][0], spans[-1][1], m.start(1), m.end(1)))
                break
    return out


# --- ids and coreference --------------------------------------------------------------


def stable_id(kind: str, canonical: str) -> str:
    """An id for an entity outside the KB: a prefix for the kind and a hash of the core key.

    The same name gives the same id in every process and batch (never Python's ``hash()``);
    spelling variants that share a core key (case, accents, article, ``inc.``) share it.

    >>> stable_id("organization", "Les Délices de l'artisan inc.") == stable_id("organization", "Délices de l’Artisan")
    True
    >>> stable_id("organization", "Groupe iCible")
    'org:ab33d85766d7'
    """
    prefix = ID_PREFIXES.get(kind, kind)
    digest = hashlib.sha1(core_key(canonical).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}:{digest}"


PLACE_TYPES = ("region", "departement", "municipality", "mrc")


def _is_place(name: str, kb: KnowledgeBase) -> bool:
    return bool(kb.lookup(name, PLACE_TYPES)) or key(name) in _places()


@cache
def _places() -> frozenset[str]:
    return frozenset(key(p) for p in cues()["linking"]["places"])


def _short_form_of(short: str, long: str, kb: KnowledgeBase) -> bool:
    """``Fransi`` of ``Innovation Fransi``: the short core's words end or start the long
    one, and the short form is not a place (``Québec`` is not ``Investissement Québec``)."""
    s, lg = core_key(short).split(), core_key(long).split()
    if not s or len(s) >= len(lg) or max(len(w) for w in s) < 4:
        return False
    return (lg[-len(s):] == s or lg[:len(s)] == s) and not _is_place(short, kb)


def corefer(
    mentions: Sequence[Mention],
    text: str = "",
    *,
    threshold: float = DEFAULT_THRESHOLD,
    kb: KnowledgeBase | None = None,
) -> list[Mention]:
    """Merge the mentions of one document that name the same entity.

    Within each ``kind``, a mention joins an earlier cluster when it is a spelling
    variant (:func:`similarity` >= ``threshold``), the acronym defined for it in ``text``
    (``Long Name (ACR)``) or a short form of it (``Fransi`` / ``Innovation Fransi``).
    Every member gets the cluster's canonical name (its longest form) and id (a KB id
    when a member has one, else :func:`stable_id`); order and offsets are kept.

    >>> s = "Innovation Fransi recevra 2 M$. Fransi créera des emplois; la firme FRANSI exporte."
    >>> ms = [Mention("organization", "Innovation Fransi", 0, 17, "Innovation Fransi"),
    ...       Mention("organization", "Fransi", 32, 38, "Fransi"),
    ...       Mention("organization", "FRANSI", 69, 75, "FRANSI")]
    >>> {(m.canonical, m.id) for m in corefer(ms, s)} == {("Innovation Fransi", stable_id("organization", "Innovation Fransi"))}
    True
    """
    from .kb import load_kb

    kb = kb or load_kb()
    acronym_of: dict[str, str] = {}
    for a, b, c, d in acronym_pairs(text) if text else ():
        acronym_of[key(text[c:d])] = text[a:b]
    clusters: list[list[int]] = []
    kinds: list[str] = []
    for i, m in enumerate(mentions):
        target = None
        for ci, members in enumerate(clusters):
            if kinds[ci] != m.kind:
                continue
            if any(_same(m, mentions[j], acronym_of, threshold, kb) for j in members):
                target = ci
                break
        if target is None:
            clusters.append([i])
            kinds.append(m.kind)
        else:
            clusters[target].append(i)
    out = list(mentions)
    for members in clusters:
        group = [mentions[j] for j in members]
        canonical = max((g.canonical for g in group), key=lambda c: (len(core_key(c).split()), len(c)))
        kb_ids = [g.id for g in group if g.id and ":" not in g.id]
        ident = kb_ids[0] if kb_ids else stable_id(group[0].kind, canonical)
        acronyms = [g.acronym for g in group if g.acronym] + [g.text for g in group if key(g.text) in acronym_of]
        for j in members:
            out[j] = replace(mentions[j], canonical=canonical, id=ident, acronym=mentions[j].acronym or (acronyms[0] if acronyms else None))
    return out


def _same(a: Mention, b: Mention, acronym_of: dict[str, str], threshold: float, kb: KnowledgeBase) -> bool:
    if a.id and b.id and ":" not in a.id and a.id == b.id:
        return True
    if similarity(a.canonical, b.canonical) >= threshold:
        return True
    for x, y in ((a, b), (b, a)):
        long = acronym_of.get(key(x.text))
        if long and (similarity(long, y.canonical) >= threshold or _short_form_of(y.canonical, long, kb)):
            return True
        if x.acronym and key(x.acronym) == key(y.text):
            return True
    return _short_form_of(a.canonical, b.canonical, kb) or _short_form_of(b.canonical, a.canonical, kb)
