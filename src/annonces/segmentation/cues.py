"""Cue lists of the segmenter, loaded from ``patterns/segment_*`` data files.

``segment_cues.jsonl`` holds one regex per line (``{"label", "id", "pattern"}``, optional
``"case": "sensitive"``); every pattern of a label is joined into one alternation.
``%MONTH%`` and ``%WEEKDAY%`` inside a pattern stand for the ``month``/``weekday`` atoms,
``%SENTENCE_END%`` and ``%DASH%`` (inside a character class) for the sentence marks and the
dashes of :mod:`annonces.normalize.text` (``SENTENCE_END``, ``DASH_CHARS``).
``segment_abbreviations.csv`` lists the words after which a period never ends a sentence.
Everything is cached: the files are read once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .. import patterns
from ..normalize.text import DASH_CHARS, SENTENCE_END

_ATOMS = ("month", "weekday")
#: placeholders for character-class contents defined in normalize/text.py
_CONSTANTS = {"%SENTENCE_END%": re.escape(SENTENCE_END), "%DASH%": re.escape(DASH_CHARS)}


def _rows() -> tuple[dict[str, str], ...]:
    return patterns.records("segment_cues.jsonl")


def expand(pattern: str) -> str:
    """``pattern`` with its ``%ATOM%`` placeholders replaced (see the module docstring)."""
    for atom in _ATOMS:
        placeholder = f"%{atom.upper()}%"
        if placeholder in pattern:
            pattern = pattern.replace(placeholder, source(atom))
    for placeholder, value in _CONSTANTS.items():
        pattern = pattern.replace(placeholder, value)
    return pattern


@cache
def source(label: str) -> str:
    """The alternation of every pattern of ``label`` as regex source (inline case flags).

    >>> bool(re.fullmatch(source("month"), "janv."))
    True
    """
    rows = [row for row in _rows() if row["label"] == label]
    if not rows:
        raise KeyError(f"no segmentation cue labelled {label!r}")
    return join(rows)


def join(rows: Iterable[dict[str, str]]) -> str:
    """The alternation of cue ``rows`` (``pattern``, optional ``"case": "sensitive"``): each
    expanded (:func:`expand`) and wrapped case-insensitive unless marked sensitive."""
    parts = []
    for row in rows:
        flag = "" if row.get("case") == "sensitive" else "i"
        pattern = expand(row["pattern"])
        parts.append(f"(?{flag}:{pattern})" if flag else f"(?:{pattern})")
    return "|".join(parts)


@cache
def pattern(label: str) -> re.Pattern[str]:
    """The compiled alternation of ``label`` (use ``.match``/``.fullmatch``/``.search``).

    >>> pattern("end_mark").fullmatch("- 30 -") is not None
    True
    >>> pattern("quote_heading").fullmatch("Citations") is not None
    True
    """
    return re.compile(source(label))


@cache
def heading(label: str) -> re.Pattern[str]:
    """A heading line: the cue, then optionally ``:`` and text on the same line.

    >>> heading("contact_heading").fullmatch("Source : Cabinet du ministre") is not None
    True
    >>> heading("contact_heading").fullmatch("Sources de financement du projet") is None
    True
    """
    return re.compile(rf"(?:{source(label)})\s*(?::.*)?", re.DOTALL)


@cache
def words(label: str) -> re.Pattern[str]:
    """The cue alternation as a whole-word pattern (for verbs and role words).

    >>> words("speaker_role").search("Denis Lemieux, député de Chicoutimi") is not None
    True
    """
    return re.compile(rf"(?<![\w-])(?:{source(label)})(?![\w-])")


@cache
def abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """``(case_sensitive, case_insensitive_lowercased)`` words that a period does not end.

    >>> sensitive, insensitive = abbreviations()
    >>> "Mme" in sensitive, "inc" in insensitive, "janv" in insensitive
    (True, True, True)
    """
    sensitive: set[str] = set()
    insensitive: set[str] = set()
    for row in patterns.rows("segment_abbreviations.csv"):
        word = row["abbreviation"].strip()
        if row["case"].strip() == "sensitive":
            sensitive.add(word)
        else:
            insensitive.add(word.lower())
    return frozenset(sensitive), frozenset(insensitive)
