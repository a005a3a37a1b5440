"""A name runs on to the end of its frame: the words between a found name and the ``(`` of
its amount, or the receiving verb it is the subject of, belong to the name when every one
of them can (``Le Festif![ de Baie-Saint-Paul] (61 000 $)``, ``la Pourvoirie du Cap[ au
Leste] a obtenu``, ``Le Service[ des loisirs Angus-Bourbonnière] recevra``).

The statistical model cuts names at lowercase words and connectors; the frame tells where
the name really ends, and nothing is added unless the frame closes within a few words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...normalize.text import LIST_MARKS, alternation, key
from ...types import Amount
from .cues import CONNECTORS, TOKEN, cues
from .grammar import date_words, giving_verbs, is_cap, name_stops, verb_form

#: at most this many words are added to a name
MAX_ADDED = 5
#: auxiliaries that open a verb right after a subject (``a obtenu``, ``sera versée``)
_AUXILIARIES = frozenset({"a", "ont", "aura", "auront", "avait", "avaient", "est", "sont", "sera", "seront", "était", "se", "s'"})
#: lowercase words that never continue a name
_NOT_IN_NAME = frozenset({"qui", "que", "qu'", "dont", "pour", "afin", "avec", "dans", "par", "lors", "grâce", "aussi", "ainsi",
                          "déjà", "quant", "également", "notamment", "respectivement", "chacun", "chacune", "tous", "toutes",
                          "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "un", "une", "y", "ne", "n'", "pas", "plus",
                          "entre", "selon", "depuis", "vers", "chez", "sous", "situé", "située", "basé", "basée"})
#: an apposition that describes the name before it: ``, un organisme``, ``, une entreprise de``
_APPOSITION = re.compile(r"[ ]+(?:un|une)[ ]+(?:organisme|entreprise|société|association|organisation|coopérative|PME|OBNL|corporation|fondation|compagnie)\b")
#: an article and a capitalized word: a new name begins (``et le Restaurant populaire``)
_ARTICLE_CAP = re.compile(r"(?:le|la|les)[ ]+[A-ZÀ-Þ]|l'[A-ZÀ-Þ]")
_ARTICLE_AFTER_ET = re.compile(r"(?:le[ ]|la[ ]|les[ ]|l')|[A-ZÀ-Þ]")


def _compatible(word: str) -> bool:
    """A word that can stand inside a name: a connector, a capitalized word, a lowercase noun
    or adjective (not a verb, an adverb, a participle, a number or a date word)."""
    low = word.lower()
    if word[:1].isdigit() or low in date_words():
        return False
    if low in CONNECTORS or is_cap(word):
        return True
    if low in _NOT_IN_NAME or low in name_stops() or verb_form(word):
        return False
    return not re.search(r"(?:ée?s?|ment|ant)$", low)


def frame_end(u: str, e: int, amount_starts: frozenset[int], next_starts: frozenset[int] = frozenset(),
              places: frozenset[str] = frozenset(), *, line_head: bool = False) -> int:
    """Where the name ending at ``e`` really ends: before the ``(`` of an amount, a receiving
    verb, or ``et`` + the next name, when only name words stand between (not another name,
    not a preposition and a town: ``Savel à Cholet (1,38 M€)`` is Savel); else ``e``.

    >>> u = "Le Festif! de Baie-Saint-Paul (61 000 $) et la Pourvoirie du Cap au Leste a obtenu 5 $."
    >>> u[:frame_end(u, 10, frozenset({31}))], u[47:frame_end(u, 64, frozenset())]
    ('Le Festif! de Baie-Saint-Paul', 'Pourvoirie du Cap au Leste')
    >>> u = "La Ville de Gaspé pour la réfection du quai recevra 5 $."
    >>> frame_end(u, 17, frozenset()) == 17
    True

    A name opening a list line whose amount follows runs on to the line's colon (``line_head``):

    >>> u = "- Festival Rimouski en chansons : nouvelle scène - 8 000 $"
    >>> u[2:frame_end(u, 19, frozenset({50}), line_head=True)]
    'Festival Rimouski en chansons'
    """
    words = 0
    for m in TOKEN.finditer(u, e, min(len(u), e + 120)):
        w = m.group()
        gap = u[e:m.start()]
        if w == "(" and any(m.end() + k in amount_starts for k in range(3)):
            return e + len(gap.rstrip()) if words else e
        low = w.lower()
        if w == ":" and words and line_head and not _CATEGORY.search(gap):
            return e + len(gap.rstrip())  # "- Festival Rimouski en chansons : nouvelle scène - 8 000 $" (not "Lanton Voirie :")
        if w == "," and words and _APPOSITION.match(u, m.end()):
            return e + len(gap.rstrip())  # "Carrefour jeunesse des métiers d'art, un organisme basé à Joliette"
        if words and (low in giving_verbs() or (low in _AUXILIARIES and u[m.end():m.end() + 1] == " ")):
            return e + len(gap.rstrip())
        if low == "et" and _ARTICLE_AFTER_ET.match(u, m.end() + 1):  # "et" between two names
            known = any(m.end() + k in next_starts for k in range(1, 6)) or _ARTICLE_CAP.match(u, m.end() + 1)
            return e + len(gap.rstrip()) if words and known else e  # "Répit jeunesse et le Restaurant populaire"
        if not re.match(r"[\w'’&!-]", w) or not _compatible(w) or words >= MAX_ADDED or m.start() in next_starts:
            return e
        if low == "à" and is_cap(u[m.end() + 1:m.end() + 2]) or low in _BEFORE_PLACE and _place_at(u, m.end() + 1, places, low) \
                or low in {"au", "aux"} and _COMPOUND_PLACE.match(u, m.end() + 1):
            return e  # "Savel à Cholet", "Elivia au Lion-d'Angers", "Ecorad de Saint-Jean-Port-Joli"
        words += 1
    return e


#: a budget heading after a town (``Lanton Voirie :``), which the name does not run on to
_CATEGORY = re.compile(rf"\b(?:{alternation(cues()['budget_categories'], escape=True)})\b")
#: a capitalized compound after ``au``/``aux``, the shape of a town (``au Lion-d'Angers``)
_COMPOUND_PLACE = re.compile(r"[A-ZÀ-Þ][\w'’]*-[\w'’-]+")
_BEFORE_PLACE = frozenset({"à", "au", "aux", "de", "du", "d'", "en"})
_PLACE_WORDS = re.compile(r"[\w'’-]+(?:[ ][\w'’-]+)?")


def _place_at(u: str, pos: int, places: frozenset[str], prep: str = "") -> bool:
    """A known town (one or two words: ``Cholet``, ``La Pocatière``; ``aux Herbiers``: Les
    Herbiers) starts at ``pos``."""
    m = _PLACE_WORDS.match(u, pos)
    if m is None or not is_cap(m.group()):
        return False
    one = m.group().split(" ")[0]
    article = {"au": "le ", "aux": "les "}.get(prep, "")
    return any(key(article + w) in places or key(w) in places for w in (one, m.group()))


def to_frames(u: str, chosen: list[tuple[int, int, str, object]], amounts: Sequence[Amount],
              places: frozenset[str] = frozenset()) -> list[tuple[int, int, str, object]]:
    """``chosen`` (sorted) with every non-KB name run on to its frame (:func:`frame_end`)."""
    amount_starts = frozenset(a.start for a in amounts)
    starts = frozenset(s for s, *_ in chosen)
    return [(s, frame_end(u, e, amount_starts, starts, places, line_head=_opens_amount_line(u, s, e, amounts)) if src != "kb" else e, src, ent)
            for s, e, src, ent in sorted(chosen)]


def _opens_amount_line(u: str, s: int, e: int, amounts: Sequence[Amount]) -> bool:
    """Whether the name at ``s:e`` opens its line (after a list mark) and an amount follows on that line."""
    line_start = u.rfind("\n", 0, s) + 1
    line_end = u.find("\n", e)
    line_end = len(u) if line_end < 0 else line_end
    return not u[line_start:s].strip(LIST_MARKS) and any(e < a.start < line_end for a in amounts)
