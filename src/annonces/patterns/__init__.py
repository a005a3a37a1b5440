"""The data files of every grammar: word lists and regex atoms, read once per process.

This package is the bottom layer's data: segmentation, normalizers, extractors and
records all read their cue lists here (never from one another's package).  Each file
kind has one typed reader; every reader is cached.

* ``*.txt``: one word (or phrase) a line, ``#`` comments -> :func:`words`
* ``*.csv``: a header row -> :func:`rows`
* ``*.jsonl``: one JSON object a line -> :func:`records`
* ``*.json``: one JSON object -> :func:`document`

Files: ``amount_*`` (currencies, magnitudes, number words, qualifiers, periods, roles,
macros, count nouns), ``date_*`` (months, weekdays, relative words, cues), ``segment_*``
(section cues, abbreviations, hyphenation), ``first_names.txt``, ``organization_cues.json``,
``program_stops.txt``, ``program_not_names.txt``, ``record_cues.json``, ``table_columns.csv``,
``provinces.txt``, ``legal_forms.csv`` (the one list of legal forms, :func:`legal_forms`), ``announce_verbs.csv``
(the one list of the verbs that announce or grant, :func:`announce_verbs`), ``dateline.jsonl``
(the dateline's word lists and patterns, :func:`dateline_words`, :func:`dateline_rules`).

>>> words("first_names.txt")[:1]
('Aaron',)
>>> rows("date_weekdays.csv")[0]
{'weekday': '0', 'form': 'lundi'}
>>> records("amount_magnitudes.jsonl")[0]
{'abbr': 'MM', 'value': 1000000}
>>> "receive_verbs" in document("record_cues.json")
True
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from typing import Any, Literal

#: what a form of ``announce_verbs.csv`` is used for (see :func:`announce_verbs`)
AnnounceUse = Literal["announcer", "dating", "passive", "funder_subject", "amount_cue", "not_speech"]
ANNOUNCE_USES: tuple[AnnounceUse, ...] = ("announcer", "dating", "passive", "funder_subject", "amount_cue", "not_speech")


def read(name: str) -> str:
    """The text of the data file ``name`` of this package (UTF-8)."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def words(name: str) -> tuple[str, ...]:
    """The stripped non-blank lines of a word list, ``#`` comment lines left out, in file order."""
    return tuple(s for s in (line.strip() for line in read(name).splitlines()) if s and not s.startswith("#"))


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a CSV file with a header, as dictionaries."""
    return tuple(csv.DictReader(read(name).splitlines()))


@cache
def records(name: str) -> tuple[dict[str, Any], ...]:
    """The objects of a JSONL file (blank lines skipped)."""
    return tuple(json.loads(line) for line in read(name).splitlines() if line.strip())


@cache
def listed(name: str, field: str) -> tuple[str, ...]:
    """One word list of a JSON cue file (``listed("record_cues.json", "receive_verbs")``).

    >>> "recevra" in listed("record_cues.json", "receive_verbs")
    True
    """
    return tuple(document(name)[field])


@cache
def legal_forms(use: str) -> tuple[str, ...]:
    """The legal forms of ``legal_forms.csv`` marked for ``use``, in file order: ``ends_name``
    (a name may end with it), ``ends_candidate`` (it ends a candidate name: ``Meubles Boréalis
    inc.``), ``opens_name`` (it opens one: ``SAS Bois Normand``), ``after_name`` (read like an
    adjective after a name), ``key`` (dropped from comparison keys).

    >>> legal_forms("opens_name")[:3], "ltée" in legal_forms("after_name")
    (('SA', 'SARL', 'SAS'), True)
    """
    return tuple(r["form"] for r in rows("legal_forms.csv") if r[use])


@cache
def announce_verbs(use: AnnounceUse) -> tuple[str, ...]:
    """The forms of ``announce_verbs.csv`` (columns ``verb``, ``form``, ``use``) marked for
    ``use``, in file order.  A form ending in ``*`` is a stem (any ending follows); others are
    whole forms, written with their accents (matchers over folded text fold them).  Uses:

    * ``announcer``: a minister named before it announces (``extractors/ministers.py``);
    * ``dating``: a sentence holding it announces, its day is the records' date (``records/dating.py``);
    * ``passive``: ``5 M$ seront financés par``: the amount's recipient is named before it (rule ``passive``);
    * ``funder_subject``: its subject is the funder (``Investissement Québec accorde``); it ends a name;
    * ``amount_cue``: before an amount, a grant (the ``{grant_verb}`` macro of ``amount_roles.jsonl``);
    * ``not_speech``: an attribution with it is an announcement, not direct speech (``segmentation/quotes.py``).

    >>> announce_verbs("dating")[:3], "accorde" in announce_verbs("funder_subject")
    (('annon*', 'confirm*', 'dévoil*'), True)
    >>> announce_verbs("spoken")
    Traceback (most recent call last):
    ...
    KeyError: "unknown use 'spoken' of announce_verbs.csv (choose from announcer, dating, passive, funder_subject, amount_cue, not_speech)"
    """
    if use not in ANNOUNCE_USES:
        raise KeyError(f"unknown use {use!r} of announce_verbs.csv (choose from {', '.join(ANNOUNCE_USES)})")
    return tuple(r["form"] for r in rows("announce_verbs.csv") if use in r["use"].split())


@cache
def dateline_words(name: str) -> tuple[str, ...]:
    """A word list of ``dateline.jsonl`` (rows ``{"kind": "words", "name", "words"}``; regex atoms).

    >>> dateline_words("time_zones")
    ('am', 'pm', 'et', 'hae', 'hne', 'he')
    """
    for r in records("dateline.jsonl"):
        if r["kind"] == "words" and r["name"] == name:
            return tuple(r["words"])
    raise KeyError(f"no word list {name!r} in dateline.jsonl")


@cache
def dateline_rules(label: str) -> tuple[dict[str, str], ...]:
    """The patterns of ``dateline.jsonl`` labelled ``label`` (rows ``{"kind": "pattern", "label",
    "pattern"}``, optional ``id``, ``"case": "sensitive"``, ``note``), in file order.

    >>> [r["id"] for r in dateline_rules("dateline")]
    ['city-date', 'wire-date', 'date-city']
    """
    return tuple(r for r in records("dateline.jsonl") if r["kind"] == "pattern" and r["label"] == label)


def document(name: str) -> dict[str, Any]:
    """The object of a JSON file (a fresh parse on each call: callers cache what they derive)."""
    return json.loads(read(name))
