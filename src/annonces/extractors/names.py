"""Regex atoms for person names and capitalized proper names (spaCy-free).

Matching is done on :func:`annonces.normalize.text.unify`-ed text (same length as
the original), so dashes and apostrophes have one form here.
"""

from __future__ import annotations

import functools
import re

from .. import patterns
from ..normalize.text import CAP, alternation, strip_accents

#: honorifics written before a name
HONORIFIC = r"(?:M\.|MM\.|Mme|Mmes|Monsieur|Madame|[Ll]'[Hh]onorable|[Ll]a [Tt]r[eè]s honorable|[Ll]e [Tt]r[eè]s honorable)"


@functools.cache
def first_names() -> frozenset[str]:
    """First names known to start a person name (data file ``first_names.txt``)."""
    return frozenset(patterns.words("first_names.txt"))


@functools.cache
def first_name_atom() -> str:
    """An alternation of known first names (longest first), hyphenated compounds allowed.

    >>> re.fullmatch(first_name_atom(), "Jean-Yves") is not None
    True
    """
    one = alternation({n.replace("\u2019", "'") for n in first_names()}, escape=True)
    return rf"(?:{one})(?:-(?:{one}))?"


@functools.cache
def person_name_atom() -> str:
    """A person name: a known first name then one to three capitalized words.

    >>> rx = re.compile(person_name_atom())
    >>> rx.search("selon Marie Ève Proulx, ministre").group()
    'Marie Ève Proulx'
    >>> rx.search("le premier ministre du Québec François Legault").group()
    'François Legault'
    """
    return rf"\b(?:{first_name_atom()})(?:\s(?:{CAP})){{1,3}}\b"


def looks_like_person(text: str) -> bool:
    """Two to four capitalized words, the first a known first name.

    >>> looks_like_person("Jean D'Amour"), looks_like_person("Groupe iCible")
    (True, False)
    """
    words = text.replace("\u2019", "'").split()
    if not 2 <= len(words) <= 4:
        return False
    first = words[0]
    return (first in first_names() or all(p in first_names() for p in first.split("-"))) and all(
        re.fullmatch(CAP, w) for w in words[1:]
    )


#: the words of a long form that can stand between the words its acronym spells
_LONG_FORM_WORD = re.compile(r"[^\s,;:()«»]+")


def long_form_start(u: str, end: int, letters: str, skipped: frozenset[str] | set[str], reach: int = 600) -> int | None:
    """Start of the words before ``end`` whose initials spell ``letters`` (the words in
    ``skipped`` and an elided ``d'``/``l'`` passed over, accents folded), on the same line
    and sentence; ``None`` when they do not.

    >>> t = "grâce au Programme d'action communautaire sur le territoire de l'estuaire (PACTE)"
    >>> t[long_form_start(t, t.index(" ("), "PACTE", {"sur", "le", "de"}):t.index(" (")]
    "Programme d'action communautaire sur le territoire de l'estuaire"
    >>> long_form_start("le Fonds régional (FAR)", 17, "FAR", {"le"}) is None
    True
    """
    lo = max(0, end - reach)
    stop = u.rfind(". ", lo, end)
    line_start = max(u.rfind("\n", lo, end) + 1, stop + 2 if stop >= 0 else 0, lo)
    letters = strip_accents(letters).upper()
    words = list(_LONG_FORM_WORD.finditer(u, line_start, end))
    j = len(letters) - 1
    for w in reversed(words[-(3 * len(letters)):]):
        word = w.group()
        low = word.lower()
        if low in skipped:
            continue
        core = word[2:] if low[:2] in ("d'", "l'") and len(word) > 2 else word
        if strip_accents(core[:1]).upper() != letters[j]:
            return None
        j -= 1
        if j < 0:
            return w.end() - len(core)
    return None
