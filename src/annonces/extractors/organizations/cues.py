"""Cue lists and compiled patterns for organization names (data: ``organization_cues.json``), KB matchers."""

from __future__ import annotations

import functools
import re

from ... import patterns
from ...gazetteer import Gazetteer
from ...kb.files import french_communes
from ...gazetteer import kb_gazetteer as _kb_gazetteer
from ...normalize.text import DASHES, LOWER, UPPER, alternation, char_class, key

TOKEN = re.compile(rf"[{UPPER}{LOWER}0-9](?:[{UPPER}{LOWER}0-9'/&\-]|\.(?=[0-9A-Z]\.?))*!?|[,;:.()«»!?\n\"]|" + char_class(DASHES) + "| - ")
CONNECTORS = {"de", "du", "des", "d'", "la", "le", "les", "l'", "aux", "au", "en", "sur", "et", "à"}
PREPOSITIONS = {"de", "du", "des", "d'"}
ARTICLES = {"le", "la", "les", "l'"}
MAX_WORDS = 14
PRIORITY = {"kb": 5, "tally": 4.9, "block": 4.9, "row": 4.9, "acronym": 4.85, "legal": 4.85, "model": 4.8, "amount": 4.5, "head": 4, "role": 3, "list": 2, "subject": 2, "ner": 1, "repeat": 1, "enum": 1}
SOFT_SOURCES = {"list", "subject", "ner", "repeat", "enum"}


@functools.cache
def cues() -> dict:
    """The cue lists of ``patterns/organization_cues.json``."""
    data = patterns.document("organization_cues.json")
    data["generic_keys"] = frozenset(key(g) for g in data["generic"])
    data["furniture_keys"] = frozenset(key(g) for g in data["furniture"])
    data["not_name_start_set"] = frozenset(data["not_name_starts"])
    data["legal_suffixes"] = list(patterns.legal_forms("ends_name"))
    data["adjectives_after_name"] = [*data["adjectives_after_name"], *patterns.legal_forms("after_name")]
    return data


@functools.cache
def head_rx() -> re.Pattern[str]:
    c = cues()
    heads = alternation(c["heads"], escape=True)
    low = alternation(c["kept_lowercase_heads"], escape=True)
    fac = alternation(c["facility_heads"], escape=True)
    return re.compile(rf"(?<![\w-])(?:(?P<cap>{heads})|(?P<low>{low})|(?P<fac>{fac})(?=[ ][{UPPER}]))(?![\w-])")


@functools.cache
def role_rx() -> re.Pattern[str]:
    nouns = alternation(cues()["role_nouns"], escape=True)
    adjectives = alternation(cues()["role_adjectives"], escape=True)
    det = r"(?:(?<=[Ll]')|(?<=[Ll]e )|(?<=[Ll]a )|(?<=[Ll]es )|(?<=[Dd]es )|(?<=[Aa]ux )|(?<=[Cc]es )|(?<=[Ss]on )|(?<=[Ss]a )|(?<=[Ss]es )|(?<=[Uu]ne )|(?<=[Uu]n )|(?<=[Cc]ette )|(?<=[Cc]et )|(?<=[Aa]u )|(?<=[Dd]u ))"
    return re.compile(rf"{det}(?:(?:jeunes?|petites?|nouvelles?|grandes?|importantes?)[ ]+)?(?P<noun>{nouns})(?:[ ]+(?:{adjectives}))?(?:[ ]+(?:de|d'|du))?[ ]+(?=(?:(?:le|la|les|l')[ ]?)?[{UPPER}0-9])")


@functools.cache
def quoted_role_rx() -> re.Pattern[str]:
    """A role noun and a quoted name: ``l'entreprise « MILAUDINE »``, ``l'association « Les Amis du parc »``."""
    nouns = alternation([*cues()["role_nouns"], *cues()["quoted_name_nouns"]], escape=True)
    return re.compile(rf"\b(?:{nouns})[ ]*«[ ]?(?P<name>[{UPPER}0-9][^«»\n]{{0,78}}?)[ ]?»")


@functools.cache
def place_rx() -> re.Pattern[str]:
    words = alternation(cues()["place_before"], escape=True)
    return re.compile(rf"(?:\b|^)(?:{words})[ ]*$", re.IGNORECASE)


def kb_gazetteer(kb) -> Gazetteer | None:
    """Names, aliases and acronyms of the KB's ministries, agencies and organizations."""
    return _kb_gazetteer(kb, ("ministry", "agency", "organization"), min_len=4)


def places_of(kb) -> frozenset[str]:
    """Folded keys of municipality and region names (to stop ``Viol Frères à Châteaubriant``)."""
    if kb is None:
        return frozenset()
    return _places_cached(id(kb), kb)


@functools.lru_cache(maxsize=4)
def _places_cached(_id: int, kb) -> frozenset[str]:
    out: set[str] = set()
    for t in ("municipality", "mrc", "region", "departement"):
        try:
            for ent in kb.by_type(t):
                out.update(key(a) for a in (ent.name, *ent.aliases))
        except (AttributeError, KeyError):
            continue
    out.update(french_communes())
    return frozenset(out)
