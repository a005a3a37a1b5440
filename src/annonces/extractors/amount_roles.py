"""The role of each money amount: ``grant``, ``loan``, ``total_cost``, ``envelope``, ``aggregate``, ``part`` or ``other``.

``part``: a part of, or an addition to, the amount just before it, in a parenthesis
(``3 400 € (dont 2 000 € pour l'école)``, ``500 € (+500 € si …)``): never a record of its own.

Cues are regexes over *folded* text (lowercase, no accents, ``'`` and ``-`` unified, same
length as the original), one per line of ``patterns/amount_roles.jsonl``:
``{"role", "side", "pattern"}`` plus an optional ``priority`` (default 0) and, for side
``between``, ``role_before``.  ``{name}`` in a pattern expands a macro of
``amount_macros.jsonl`` (``{grant_verb}``: the verbs of ``announce_verbs.csv`` marked ``amount_cue``).  A ``before``/``after``/``lead`` cue never starts or ends inside a
word.  Four passes, in this order:

1. **sentence**: each ``before`` cue (ending anywhere before the amount) and ``after`` cue
   (starting right after it) of the amount's sentence is tried on its own, and the nearest
   wins; nearness counts content words, so ``aide financière de 2 M$`` is as near as
   ``aide de 2 M$``; a higher ``priority`` beats any nearer cue (``... à six organismes``,
   ``Chaque projet pourra recevoir ...``); a line break inside a sentence (PDF wrap) does
   not end it;
2. **between**: a ``between`` cue matching all the text between two amounts
   (``22 000 $ et 14 000 $`` share a role, ``205 100 $ sur 480 000 $`` is a grant on a
   total cost);
3. **list**: an amount still ``other`` that is listed (a bulleted or numbered line, a
   ``Nom : montant`` or ``Nom - montant`` line, a table row, a ``Nom (montant)`` line or
   aside) takes the role its list's lead (the sentence ending in ``:`` above the items) or
   heading speaks of: the first ``lead`` cue or grant/loan/aggregate ``before`` cue
   (``subventions``, ``bénéficiaires``, ``prêts``...; an aggregate cue means grants), or
   ``grant`` when the lead states an aggregate amount (``un investissement de 412 350 $
   pour quatre organismes :``);
4. **echo**: an amount still ``other`` that restates another one (same value, or the
   rounded ``plus de 1,1 M$`` of ``1 135 950 $``) takes its role: a title repeating the lead.

>>> from annonces.extractors.amounts import find_amounts
>>> text = "Les subventions accordées sont les suivantes :\\n\\nCentre A : 15 000 $\\nCentre B : 8 750 $"
>>> [(a.text, a.role) for a in find_amounts(text)]
[('15 000 $', 'grant'), ('8 750 $', 'grant')]
"""

from __future__ import annotations

import bisect

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import cast

from ..normalize.money import amount_data
from ..normalize.text import CLAUSE_END, SENTENCE_END
from ..types import Amount, Role
from .amount_macros import expand as _expand
from .amount_macros import macros as _macros
from .amount_macros import qualifiers as _qualifiers
from .context import ASIDE_BREAK, CLAUSE_BREAK, LEAD_BREAK, first_break, last_break

_WINDOW = 200  # characters of context looked at on each side of an amount, at most
_WORD = re.compile(r"[a-z0-9]+")
# a cue never starts or ends inside a word ("prets" is not in "pretera", "totalise" not in "totalisent")
_WORD_START, _WORD_END = r"(?<![a-z])", r"(?:(?<=[a-z])(?![a-z])|(?<![a-z]))"
_LEAD_LINES = 40  # lines walked up from a list item to its lead, at most
_LEAD_CHARS = 500  # length of a lead sentence, at most
_PROSE_WORDS = 12  # a line ending with "." and longer than this is prose: no list above it
#: a line break after one of these ends a sentence even before a lowercase letter
_NO_WRAP = CLAUSE_END + ":»)]"
_ECHO_SHARE = Decimal("0.1")  # an approximate amount restates another within this share of its value


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]
    role: Role
    priority: int


@dataclass(frozen=True)
class _Cues:
    before: tuple[_Cue, ...]
    after: tuple[_Cue, ...]  # anchored at the end of the amount
    between: tuple[tuple[re.Pattern[str], str, str], ...]  # role "=": same role as the amount before
    filler: re.Pattern[str]
    lead: re.Pattern[str]
    lead_info: dict[str, Role]
    bullet: re.Pattern[str]
    item_prefix: re.Pattern[str]  # what precedes the amount on a list line: "Nom : ", "Nom - ", a table cell


@cache
def _cues() -> _Cues:
    before: list[_Cue] = []
    after: list[_Cue] = []
    between, lead = [], []
    lead_info: dict[str, Role] = {}
    for i, r in enumerate(amount_data("amount_roles")):
        pattern = _expand(r["pattern"])
        role, side = r["role"], r["side"]
        if side == "between":
            between.append((re.compile(pattern), role, r.get("role_before", "other")))
            continue
        guarded = f"{_WORD_START}(?:{pattern}){_WORD_END}"
        if side == "lead" or (side == "before" and role in ("grant", "loan", "aggregate")):
            lead_info[f"l{i}"] = "loan" if role == "loan" else "grant"
            lead.append(f"(?P<l{i}>{guarded})")
        if side in ("before", "after"):
            cue = _Cue(re.compile(guarded), cast(Role, role), int(r.get("priority", 0)))
            (before if side == "before" else after).append(cue)
    macros = _macros()
    return _Cues(tuple(before), tuple(after), tuple(between), re.compile(macros["filler"]),
                 re.compile("|".join(lead)), lead_info,
                 re.compile(macros["list_bullet"]),
                 re.compile(f"(?:{macros['list_name_colon']})|(?:{macros['list_cell']})"))


def assign_roles(amounts: Sequence[Amount], groups: Sequence[Sequence[int]], text: str, folded: str) -> list[Amount]:
    """``amounts`` with their role; ``groups`` are index lists (a range is a group of two
    and shares one role), ``folded`` is ``text`` folded to the same length.

    >>> from annonces.extractors.amounts import scan_amounts, _fold
    >>> t = "Une aide de 2 M$ sur un projet de 5 M$."
    >>> [a.role for a in assign_roles(scan_amounts(t), [[0], [1]], t, _fold(t))]
    ['grant', 'total_cost']
    """
    cues = _cues()
    firsts = [amounts[g[0]] for g in groups]
    roles = [_sentence_role(amounts, groups, g, text, folded, cues) for g in range(len(groups))]
    _between(amounts, groups, roles, folded, cues)
    item_lines = {folded.rfind("\n", 0, a.start) + 1 for a in amounts}
    leads: dict[int, Role] = {}  # line start of a list item -> role from its lead (items share a lead)
    listed = [roles[g] if roles[g] != "other" else _list_role(folded, firsts[g], item_lines, leads, firsts, roles, cues)
              for g in range(len(groups))]
    by_value = sorted((firsts[k].value, k) for k in range(len(groups)) if listed[k] not in ("other", "part"))
    final = [listed[g] if listed[g] != "other" or len(groups[g]) > 1 else _echo_role(g, firsts, listed, by_value)
             for g in range(len(groups))]
    out = list(amounts)
    for g, members in enumerate(groups):
        for i in members:
            out[i] = replace(amounts[i], role=final[g])
    return out


# -- pass 1: cues of the sentence ------------------------------------------------------

def _sentence_role(amounts: Sequence[Amount], groups: Sequence[Sequence[int]], g: int, text: str, folded: str,
                   cues: _Cues) -> Role:
    first, last = amounts[groups[g][0]], amounts[groups[g][-1]]
    prev_end = amounts[groups[g - 1][-1]].end if g else 0
    next_start = amounts[groups[g + 1][0]].start if g + 1 < len(groups) else len(folded)
    anchor = first.start
    if first.qualifier is not None:  # "près de 3 M$": the cues end before the qualifier
        q = _qualifiers()[0].search(folded, max(0, first.start - 40), first.start)
        anchor = q.start() if q else anchor
    return _role(text, folded, anchor, last.end, prev_end, next_start, cues)


def _role(text: str, folded: str, start: int, end: int, prev_end: int, next_start: int, cues: _Cues) -> Role:
    # the amount's clause (extractors/context.py CLAUSE_BREAK), a PDF line wrap not ending it;
    # a colon right before the amount does not end it either ("Pour un total de : 959 915 $")
    lo = last_break(CLAUSE_BREAK, folded, max(prev_end, start - _WINDOW), start,
                    keep=lambda b: not (b.group() == ":" and not folded[b.end():start].strip()) and not _wrapped(text, b.start()))
    hi = first_break(CLAUSE_BREAK, folded, end, min(next_start, end + _WINDOW), keep=lambda b: not _wrapped(text, b.start()))
    # every cue is tried on its own; the nearest wins: distance in content words (fillers such
    # as "de", "est" do not count), a cue before the amount wins a tie, then the closer in
    # characters, then the longer ("contribution remboursable" beats "contribution")
    best: tuple[int, int, int, int, int] | None = None
    role: Role = "other"
    window = folded[lo:start]
    for cue in cues.before:
        for m in cue.pattern.finditer(window):
            key = (cue.priority, -_gap(window[m.end():], cues), 1, m.end() - len(window), m.end() - m.start())
            if best is None or key > best:
                best, role = key, cue.role
    after = folded[end:hi]
    for cue in cues.after:
        if (m := cue.pattern.match(after)) is not None:
            key = (cue.priority, -_gap(after[:m.start()], cues), 0, -m.start(), m.end() - m.start())
            if best is None or key > best:
                best, role = key, cue.role
    return role


def _wrapped(text: str, i: int) -> bool:
    r"""Whether ``text[i]`` is a line break inside a sentence (hard-wrapped PDF text): no
    end punctuation before it, a lowercase letter after it.

    >>> _wrapped("une aide\nde 5 $", 8), _wrapped("Titre\nLe texte", 5), _wrapped("Fin.\nde", 4)
    (True, False, False)
    """
    if text[i] != "\n" or i == 0 or i + 1 >= len(text):
        return False
    return text[i + 1].islower() and not text[i - 1].isspace() and text[i - 1] not in _NO_WRAP


def _gap(between: str, cues: _Cues) -> int:
    return sum(1 for w in _WORD.findall(between) if not cues.filler.fullmatch(w))


# -- pass 2: between two amounts -------------------------------------------------------

def _between(amounts: Sequence[Amount], groups: Sequence[Sequence[int]], roles: list[Role], folded: str,
             cues: _Cues) -> None:
    for g in range(1, len(groups)):
        prev_end, start = amounts[groups[g - 1][-1]].end, amounts[groups[g][0]].start
        for pattern, role, role_before in cues.between:
            if not pattern.fullmatch(folded[prev_end:start]):
                continue
            if role == "part" and roles[g - 1] == "total_cost":
                continue  # "un projet de 5 M$ (dont 2 M$ du fédéral)": the funded part of a cost
            if role == "=":  # coordinated amounts ("22 000 $ et 14 000 $") share a role
                roles[g] = roles[g] if roles[g] != "other" else roles[g - 1]
                continue
            roles[g] = cast(Role, role)
            if roles[g - 1] == "other":
                roles[g - 1] = cast(Role, role_before)


# -- pass 3: listed amounts ------------------------------------------------------------

_ITEM_CHARS = 300  # a list item's text before (or after) its amount is never longer


def _list_role(folded: str, a: Amount, item_lines: set[int], leads: dict[int, Role], firsts: Sequence[Amount],
               roles: Sequence[Role], cues: _Cues) -> Role:
    """The role a listed amount gets from its list's lead, ``other`` if not listed or no lead cue."""
    line_start = folded.rfind("\n", 0, a.start) + 1
    line_end = folded.find("\n", a.end)
    line_end = len(folded) if line_end < 0 else line_end
    # an item's prefix and suffix are short: look at most _ITEM_CHARS around the amount (linear time)
    short = a.start - line_start <= _ITEM_CHARS
    prefix = folded[line_start:a.start] if short else folded[a.start - _ITEM_CHARS:a.start]
    suffix = folded[a.end:min(line_end, a.end + _ITEM_CHARS)]
    aside = prefix.rstrip().endswith("(") and suffix.lstrip().startswith(")")
    line_item = ((short and (cues.bullet.match(prefix) is not None or cues.item_prefix.fullmatch(prefix) is not None))
                 or (aside and line_end - a.end <= _ITEM_CHARS and not suffix.lstrip()[1:].strip(" .,;")))
    if line_item:
        if line_start not in leads:
            leads[line_start] = _lead_above(folded, line_start, item_lines, leads, firsts, roles, cues)
        role = leads[line_start]
        if role != "other" or not aside:
            return role
    if aside:  # "Le Symposium (22 000 $), le Rodéo (14 000 $) ... sont les organisations soutenues"
        lo = last_break(ASIDE_BREAK, folded, max(0, a.start - _LEAD_CHARS), a.start)
        hi = first_break(ASIDE_BREAK, folded, a.end, min(len(folded), a.end + _LEAD_CHARS))
        outside = re.sub(r"\([^()]*\)", lambda p: " " * len(p.group()), folded[lo:hi])
        return _lead_role(outside, cues)
    return "other"


def _lead_above(folded: str, line_start: int, item_lines: set[int], leads: dict[int, Role], firsts: Sequence[Amount],
                roles: Sequence[Role], cues: _Cues) -> Role:
    """Walk up from a list item over items, blank lines and headings to the list's lead;
    an item above whose lead is known (``leads``) gives it at once."""
    pos = line_start
    for _ in range(_LEAD_LINES):
        if pos == 0:
            break
        end = pos - 1
        pos = folded.rfind("\n", 0, end) + 1
        line = folded[pos:end].strip()
        if not line:
            continue
        if line.endswith(":"):  # the lead: its sentence decides
            colon = folded.rindex(":", pos, end + 1)
            lo = last_break(LEAD_BREAK, folded, max(0, colon - _LEAD_CHARS), colon)
            role = _lead_role(folded[lo:colon], cues)
            if role == "other" and any(lo <= f.start < colon and r == "aggregate" for f, r in zip(firsts, roles)):
                role = "grant"  # "des aides totalisant 1 M$ à six organismes :" lists its parts
            return role
        if pos in leads:
            return leads[pos]  # an item above, already resolved: same list, same lead
        if pos in item_lines or cues.bullet.match(line):
            continue  # another item of the same list
        if line[-1] in SENTENCE_END and len(line.split()) > _PROSE_WORDS:
            break  # a paragraph of prose: the amount is in no list
        role = _lead_role(line, cues)  # a heading ("Détail des organisations financées"), or a wrapped item
        if role != "other":
            return role
    return "other"


def _lead_role(lead: str, cues: _Cues) -> Role:
    m = cues.lead.search(lead)
    return cues.lead_info[m.lastgroup or ""] if m is not None else "other"


# -- pass 4: echoes --------------------------------------------------------------------

def _echo_role(g: int, firsts: Sequence[Amount], roles: Sequence[Role],
               by_value: Sequence[tuple[Decimal, int]]) -> Role:
    """The one role of the other amounts restating amount ``g`` (a title, a lead), else ``other``.

    ``by_value`` lists ``(value, index)`` of the amounts that have a role, sorted: only those
    within 10 % of ``g``'s value are compared (linear time on long lists of amounts)."""
    a = firsts[g]
    lo = bisect.bisect_left(by_value, (a.value * Decimal("0.9"), -1))
    hi = bisect.bisect_right(by_value, (a.value * Decimal("1.1"), len(firsts)))
    found = {roles[k] for _v, k in by_value[lo:hi]
             if k != g and firsts[k].currency == a.currency and _restates(a, firsts[k])}
    return found.pop() if len(found) == 1 else "other"


def _restates(a: Amount, b: Amount) -> bool:
    """Same value; or one is approximate and the other lies within one unit of its last
    written digit and 10 %, on the side its qualifier says (``plus de 1,1 M$`` and ``1 135 950 $``).

    >>> approx = Amount(Decimal(1100000), "CAD", "1,1 M$", approximate=True, qualifier="plus de")
    >>> _restates(approx, Amount(Decimal(1135950), "CAD", "1 135 950 $"))
    True
    >>> _restates(approx, Amount(Decimal(1090000), "CAD", "1 090 000 $"))
    False
    >>> _restates(Amount(Decimal(1900000), "EUR", "1,9 M€", approximate=True, qualifier="près de"),
    ...           Amount(Decimal(2000000), "EUR", "2 M€"))
    False
    >>> _restates(Amount(Decimal(1000000), "CAD", "1 M$", approximate=True, qualifier="près de"),
    ...           Amount(Decimal(626656), "CAD", "626 656 $"))
    False
    """
    if a.value == b.value:
        return True
    if a.approximate == b.approximate:
        return False
    approx, exact = (a, b) if a.approximate else (b, a)
    diff = exact.value - approx.value
    qualifier = approx.qualifier or ""
    if ("plus" in qualifier or "au moins" in qualifier or "pas moins" in qualifier) and diff < 0:
        return False
    if ("moins de" in qualifier and "pas" not in qualifier or "jusqu" in qualifier) and diff > 0:
        return False
    return abs(diff) < _unit(approx.value) and abs(diff) <= _ECHO_SHARE * approx.value


def _unit(value: Decimal) -> Decimal:
    """The place value of the last significant digit: ``1100000`` -> ``100000``.

    >>> _unit(Decimal(1100000)), _unit(Decimal("2.5")), _unit(Decimal(7))
    (Decimal('100000'), Decimal('0.1'), Decimal('1'))
    """
    return Decimal(10) ** int(value.normalize().as_tuple().exponent)
