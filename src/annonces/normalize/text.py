"""Text folding shared by every matcher: pure functions, no spaCy.

All of them keep a one-to-one character mapping when ``same_length`` is documented,
so offsets found in the folded text are offsets in the original.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

#: hyphens and dashes written in releases: hyphen, non-breaking hyphen (U+2011),
#: figure dash (U+2012), en dash, em dash, horizontal bar, minus sign
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
#: the hyphen-minus and :data:`DASHES`: every way a dash is written (``unify`` makes them all ``-``)
DASH_CHARS = "-" + DASHES
#: the hyphens written inside a word: hyphen-minus, hyphen (U+2010), non-breaking hyphen (U+2011)
HYPHENS = "-\u2010\u2011"
#: spaces written inside numbers and names: no-break, narrow no-break, thin, figure...
SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"
APOSTROPHES = "\u2019\u2018\u02bc\u00b4`"
#: the round bullet (U+2022), the list mark written most after the hyphen
BULLET = "•"
#: characters that open a list item: hyphen and dashes, asterisk, bullets, squares, arrows, check mark
BULLETS = "-" + BULLET + "–—*▪◦●·‣►✓"
#: list marks that only the amount grammar reads as bullets (``+``, ``>``, more squares, check
#: marks and arrowheads): elsewhere a line opening with ``+`` or ``>`` is not a list item
MORE_BULLETS = "+>▫■□✔➢"
#: the marks that end a sentence: full stop, exclamation and question marks
SENTENCE_END = ".!?"
#: :data:`SENTENCE_END` and the ellipsis: a line (or a quote) ending with one ends like a sentence
FINAL = SENTENCE_END + "…"
#: :data:`SENTENCE_END` and the semicolon: the marks that end a clause
CLAUSE_END = SENTENCE_END + ";"
#: capital and small letters of French names, as regex character-class contents
UPPER = "A-ZÀÁÂÃÄÇÉÈÊËÍÎÏÑÓÔÕÖÚÙÛÜŸÆŒ"
LOWER = "a-zàáâãäçéèêëíîïñóôõöúùûüÿæœß"
#: one capitalized word, hyphenated parts and inner apostrophes allowed: ``D'Amour``, ``Jolin-Barrette``
CAP = rf"[{UPPER}][{LOWER}{UPPER}]*(?:'[{UPPER}][{LOWER}{UPPER}]+)?(?:-[{UPPER}][{LOWER}{UPPER}]*)*"


def char_class(chars: str, *, negated: bool = False) -> str:
    r"""A regex character class of ``chars`` (each one escaped): ``[...]``, or ``[^...]`` when ``negated``.

    >>> char_class(CLAUSE_END), char_class(",;", negated=True)
    ('[\\.!\\?;]', '[^,;]')
    """
    return ("[^" if negated else "[") + re.escape(chars) + "]"


#: :data:`BULLETS` as a regex character class
BULLET_CLASS = char_class(BULLETS)
#: :data:`DASH_CHARS` as a regex character class: a hyphen or any dash
DASH_CLASS = char_class(DASH_CHARS)
#: the mark opening a list item, as a regex: a bullet or an item number (``1.``, ``12)``)
ITEM_MARK = rf"(?:{BULLET_CLASS}|\d{{1,2}}[.)])"
#: :data:`ITEM_MARK` or an item letter (``a)``, ``b.``)
LIST_MARK = rf"(?:{BULLET_CLASS}|\d{{1,2}}[.)]|[a-z][.)])"
#: what may open a list item before its text: bullets, the digits and marks of a number (``1.``, ``2)``), blanks
LIST_MARKS = BULLETS + "0123456789.) \t"

_TRANS = str.maketrans({**{c: "-" for c in DASHES}, **{c: " " for c in SPACES}, **{c: "'" for c in APOSTROPHES}})


def unify(text: str) -> str:
    """Dashes to ``-``, exotic spaces to `` ``, curly apostrophes to ``'``; same length.

    >>> unify("Gaspésie\u2012Îles-de-la-Madeleine, l\u2019Islet\u00a0: 2\u202f307 $")
    "Gaspésie-Îles-de-la-Madeleine, l'Islet : 2 307 $"
    """
    return text.translate(_TRANS)


def unbullet(text: str) -> str:
    """``text`` without the bullets, item numbers and blanks around it (:data:`LIST_MARKS`).

    >>> unbullet("  • 2) Ville de Gaspé "), unbullet("- 1. ")
    ('Ville de Gaspé', '')
    """
    return text.strip(LIST_MARKS)


def alternation(items: Iterable[str], *, escape: bool = False) -> str:
    r"""A regex alternation of ``items``, longest first (so ``M$`` is tried before ``M``).

    ``escape`` quotes each item first (word lists); otherwise items are regex sources.

    >>> alternation(["de", "de la", "d'"], escape=True)
    "de\\ la|de|d'"
    >>> alternation([r"M\$", r"M\s?\$", "k"])
    'M\\s?\\$|M\\$|k'
    """
    parts = [re.escape(i) for i in items] if escape else list(items)
    return "|".join(sorted(parts, key=len, reverse=True))


def stem_alternation(forms: Iterable[str], *, ending: str = r"\w*") -> str:
    r"""A longest-first alternation of word forms (:func:`alternation`, each form escaped); a form
    ending in ``*`` is a stem, followed by ``ending`` (``patterns.announce_verbs``).

    >>> stem_alternation(["annonc*", "en a fait", "vote"])
    'en\\ a\\ fait|annonc\\w*|vote'
    """
    return alternation([re.escape(f[:-1]) + ending if f.endswith("*") else re.escape(f) for f in forms])


@functools.lru_cache(maxsize=4096)
def _base_letter(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)
    return base[0] if base else ch


#: a character beyond the Latin letters the table below folds (``’``, ``–``, rarer scripts)
_BEYOND_LATIN = re.compile("[^\x00-\u024f]")


#: precomposed Latin letters (U+00C0 to U+024F) to their base letter, for str.translate
_ACCENTS = {cp: _base_letter(chr(cp)) for cp in range(0xC0, 0x250) if _base_letter(chr(cp)) != chr(cp)}


def strip_accents(text: str) -> str:
    """Remove diacritics; same length for precomposed French letters.

    >>> strip_accents("Île-de-France, Québec, Œuvre, Leitão")
    'Ile-de-France, Quebec, Œuvre, Leitao'
    """
    if text.isascii():
        return text
    out = text.translate(_ACCENTS)
    return _BEYOND_LATIN.sub(lambda m: _base_letter(m.group()), out)  # rarer scripts: one by one


def fold(text: str) -> str:
    """A matching key: unified punctuation, no accents, casefolded, same length.

    >>> fold("Saguenay\u2013Lac-Saint-Jean")
    'saguenay-lac-saint-jean'
    >>> len(fold("Côte\u2011Nord")) == len("Côte\u2011Nord")
    True
    """
    folded = strip_accents(unify(text)).lower()
    return folded if len(folded) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in strip_accents(unify(text)))


@functools.lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A compact key for dictionaries: folded, hyphens as spaces, single spaces, no dots.

    >>> key("  Gaspésie – Îles-de-la-Madeleine ")
    'gaspesie iles de la madeleine'
    >>> key("A.M.V.P.Q.")
    'amvpq'
    """
    k = fold(text).replace(".", "")
    k = re.sub(r"[-\s]+", " ", k)
    return k.strip(" ,;:")


_GRAMMATICAL_ARTICLE = re.compile(r"^(?:(?:Les|La|Le|les|la|le)[ ]|[Ll]['\u2019])(?=[a-zà-öø-ÿ])")


def drop_grammatical_article(name: str) -> str:
    """A name without the article that only grammar put before its lowercase head
    (``La cathédrale Notre-Dame de Chartres`` -> ``cathédrale Notre-Dame de Chartres``);
    an article before a capital is part of the name (``Le Festif!``, ``La Maisonnette``).

    >>> drop_grammatical_article("La cathédrale Notre-Dame"), drop_grammatical_article("Le Festif!")
    ('cathédrale Notre-Dame', 'Le Festif!')
    >>> drop_grammatical_article("l'amicale laïque")
    'amicale laïque'
    """
    return _GRAMMATICAL_ARTICLE.sub("", name, count=1)
