"""Name comparison and ids shared by the stages that link (spaCy-free).

Linking is not a separate pass: each extractor links its own mentions to the KB (the
gazetteers of :mod:`annonces.gazetteer` over KB names, aliases and acronyms) and
:mod:`annonces.extractors.organizations.link` links an organization's mentions within a
release (acronyms, short forms).  This module holds what they share:

* :func:`core_key`: a name without article, legal form (``inc.``), generic head
  (``ministère``, ``programme``) or stop words;
* :func:`similarity`: rapidfuzz over core keys, with :data:`DEFAULT_THRESHOLD`
  calibrated on the dev set;
* :func:`stable_id`: an id for an entity outside the KB, the same in every process.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from rapidfuzz import fuzz

from . import patterns
from .kb.files import cues
from .normalize.text import key

#: NIL thresholds (score in 0..1), calibrated on the dev set: among the gold names of
#: one kind, the closest pair of distinct entities scores 0.889 ("Québec Culture
#: Numérique" / "plan culturel numérique du Québec"), the weakest variant pair of one
#: entity written two ways in a release 0.944 ("Usine Filiatrault" / "Usinage
#: Filiatrault"); 0.92 sits between them.  tests/test_linking.py re-checks both sides.
DEFAULT_THRESHOLD = 0.92
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

    return folded(c["articles"]), folded(list(patterns.legal_forms("key"))), folded(c["generic_heads"]), folded(c["stopwords"])


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


