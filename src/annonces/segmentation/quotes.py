"""Quotes and who says them: inline attributions, speaker lines, quotes without marks.

Pure functions over one sentence or paragraph of a release; the speech verbs and the
role words come from ``segment_cues.jsonl`` (labels ``attribution_verb``, ``speaker_role``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import patterns
from ..normalize.text import CLAUSE_END, DASH_CHARS, DASH_CLASS, DASHES, FINAL, SENTENCE_END, char_class, stem_alternation
from .cues import pattern, source, words
from .sentences import CLOSERS, MAX_DEPTH, OPENERS, STRAIGHT

_U = "A-ZÀ-ÖØ-Þ"
#: a person's name: capitalized words, with particles between them
NAME = rf"[{_U}][\w'’-]*(?:\s+(?:(?:de|du|des|van|von|da|di|le|la)\s+)?[{_U}][\w'’-]*){{0,3}}"
_INVERSION = r"(?:-t-(?:il|elle|ils|elles|on)|-(?:il|elle|ils|elles|on))"
_WORD = re.compile(r"\w+")
_ENDS_INSIDE = re.compile(char_class(FINAL) + r"\s*[»”\"]$")  # « Merci à tous. »: a sentence, not a title
#: a speaker's words: no comma, sentence end (and clause end) or newline inside
_WHO = char_class("," + SENTENCE_END + "\n", negated=True)
_WHO_CLAUSE = char_class("," + CLAUSE_END + "\n", negated=True)
#: the first sentence end of an attribution phrase: a final mark, a semicolon, a spaced dash
#: what separates a speaker's name from the role after it: a comma, a parenthesis, a dash
_ROLE_SEP = char_class(",(" + DASH_CHARS)
_PHRASE_END = re.compile(char_class(FINAL + ";") + r"|\s" + char_class(DASHES) + r"\s")


def _honorific() -> str:
    return rf"(?:{source('honorific')})\s*"


def _aux() -> str:
    return f"(?:{source('auxiliary')})"


@cache
def _person() -> re.Pattern[str]:
    return re.compile(rf"(?:{_honorific()})?(?P<name>{NAME})")


@cache
def _honorifics() -> re.Pattern[str]:
    return re.compile(rf"\b{_honorific()}")


@dataclass(frozen=True)
class Quote:
    """A quote found in a sentence: where its quoted part closes, and who says it."""

    closed_at: int | None  # offset after the closing mark; None while the quote is open
    speaker: str | None = None


@cache
def _attribution() -> re.Pattern[str]:
    verb = source("attribution_verb")
    return re.compile(
        rf"\s*(?:,\s*(?:{_aux()}{_INVERSION}?\s+)?(?:{verb}){_INVERSION}?(?![\w-])\s*(?P<who>[^\n]{{0,200}})"
        rf"|{DASH_CLASS}\s*(?-i:(?P<dash>(?:{_honorific()})?{NAME}[^\n]{{0,150}})))",
        re.IGNORECASE,
    )


@cache
def _intro() -> re.Pattern[str]:
    verb = source("attribution_verb")
    return re.compile(rf"(?P<who>[^«“\"\n]{{3,160}}?)\s+{_aux()}?\s*(?:{verb})\s*:\s*[«“\"]", re.IGNORECASE)


@cache
def _trailing() -> re.Pattern[str]:
    verb = source("attribution_verb")
    return re.compile(
        rf",\s*(?:{_aux()}{_INVERSION}?\s+)?(?P<verb>{verb}){_INVERSION}?\s+"
        rf"(?P<who>{_WHO}{{2,80}}(?:,\s*{_WHO}{{2,80}})?)\s*{char_class(SENTENCE_END)}?\s*$",
        re.IGNORECASE,
    )


@cache
def _incise() -> re.Pattern[str]:
    verb = source("attribution_verb")
    return re.compile(
        rf",\s*(?:{_aux()}{_INVERSION}?\s+)?(?:{verb}){_INVERSION}?\s+"
        rf"(?P<who>{_WHO_CLAUSE}{{2,80}}(?:,\s*{NAME})?)\s*[,.]",
        re.IGNORECASE,
    )


@cache
def _title_first_line() -> re.Pattern[str]:
    role = source("speaker_role")
    return re.compile(
        rf"{DASH_CLASS}?\s*(?:[Ll]e|[Ll]a|[Ll]['’])\s*(?:{role})[^,\n]{{0,80}},"
        rf"\s*(?:{_honorific()})?(?P<name>{NAME})\s*\.?"
    )


@cache
def _titled() -> re.Pattern[str]:
    return re.compile(rf"(?:{source('speaker_role')})\s+(?:{_honorific()})?(?P<name>{NAME})\s*$")


@cache
def _speaker_line() -> re.Pattern[str]:
    return re.compile(rf"{DASH_CLASS}?\s*(?:{_honorific()})?(?P<name>{NAME})\s*(?:{_ROLE_SEP}\s*(?P<role>.+))?", re.DOTALL)


def _cut_sentence(phrase: str) -> str:
    """``phrase`` up to its first sentence end, honorific periods excepted."""
    phrase = _honorifics().sub("", phrase)
    m = _PHRASE_END.search(phrase)
    return phrase[: m.start()] if m else phrase


def speaker_name(phrase: str) -> str | None:
    """The person named by an attribution phrase, else the phrase itself (``la ministre``).

    >>> speaker_name("Maka Kotto.")
    'Maka Kotto'
    >>> speaker_name("MarieChantal Chassé, ministre de l'Environnement.")
    'MarieChantal Chassé'
    >>> speaker_name("la ministre Anglade.")
    'Anglade'
    >>> speaker_name("le copropriétaire de Granijem, Julie Bérubé.")
    'Julie Bérubé'
    >>> speaker_name("la ministre."), speaker_name("-t-elle."), speaker_name("M. Girard.")
    ('la ministre', None, 'Girard')
    """
    phrase = _cut_sentence(phrase).strip(" ,:;\u00a0")
    if not phrase or pattern("pronoun").fullmatch(phrase):
        return None
    head, _, rest = phrase.partition(",")
    head = head.strip()
    if not head:
        return None
    first = re.split(r"[\s'’]", head, maxsplit=1)[0].lower()
    if head[0].isupper() and not pattern("determiner").fullmatch(first):
        m = _person().match(head)
        if m:
            return m.group("name")
    m = _titled().search(head)
    if m:
        return m.group("name")
    after = rest.strip().partition(",")[0].strip()
    if after:
        m = _person().fullmatch(after)
        if m:
            return m.group("name")
    return head if len(head) <= 80 else None


def quote_close(text: str, start: int, end: int, depth: int = 0) -> int | None:
    """Offset after the mark that closes the quote open at ``start`` (or ``depth`` open ones).

    >>> t = "« Un grand jour », a dit la ministre."
    >>> t[:quote_close(t, 0, len(t))]
    '« Un grand jour »'
    """
    if depth == 0 and text[start] == STRAIGHT:
        k = text.find(STRAIGHT, start + 1, end)
        return None if k < 0 else k + 1
    for i in range(start, end):
        c = text[i]
        if c in OPENERS:
            depth = min(MAX_DEPTH, depth + 1)
        elif c in CLOSERS:
            depth -= 1
            if depth <= 0:
                return i + 1
    return None


def attribution(text: str, start: int, end: int) -> tuple[bool, str | None]:
    """Whether ``text[start:end]`` (what follows a closing quote) attributes it, and to whom.

    >>> attribution("», déclare Maka Kotto.", 1, 22)
    (True, 'Maka Kotto')
    >>> attribution("», a-t-elle souligné.", 1, 21)
    (True, None)
    >>> attribution(" – Pierre Fitzgibbon, ministre de l'Économie.", 0, 45)
    (True, 'Pierre Fitzgibbon')
    >>> attribution(" est un projet.", 0, 15)
    (False, None)
    """
    m = _attribution().match(text, start, end)
    if m is None:
        return False, None
    who = m.group("who") if m.group("who") is not None else m.group("dash")
    return True, speaker_name(who) if who else None


def sentence_quote(text: str, start: int, end: int) -> Quote | None:
    """The quote that makes up the sentence ``text[start:end]``, if it is one.

    A sentence is a quote when it opens with a quote mark and either an attribution follows
    the closing mark or the quoted words fill the sentence (five words at least, or a
    sentence end inside the marks), or when an introduction such as ``La ministre a
    déclaré :`` leads into the quote.

    >>> t = "« Je suis heureuse. C'est un grand jour », a dit la ministre Roy."
    >>> sentence_quote(t, 0, len(t))
    Quote(closed_at=41, speaker='Roy')
    >>> t = "« Le Bœuf Ethique » est un abattoir mobile."
    >>> sentence_quote(t, 0, len(t)) is None
    True
    """
    if start >= end:
        return None
    if text[start] in OPENERS or text[start] == STRAIGHT:
        close = quote_close(text, start, end)
        if close is None:
            return Quote(None)
        found, speaker = attribution(text, close, end)
        if found:
            return Quote(close, speaker or incise_speaker(text, start, close))
        whole = not text[close:end].strip(FINAL + " ,\u00a0")
        if whole and (len(_WORD.findall(text, start, close)) >= 5 or _ENDS_INSIDE.search(text, start, close)):
            return Quote(close, incise_speaker(text, start, close))
        return None
    m = _intro().match(text, start, end)
    if m is not None:
        close = quote_close(text, m.end() - 1, end)
        who = re.sub(rf"\s+{_aux()}?\s*$", "", m.group("who"), flags=re.IGNORECASE)
        return Quote(close, speaker_name(who))
    return None


def incise_speaker(text: str, start: int, end: int) -> str | None:
    """Speaker named by an incise inside the quote (``« Merci, a déclaré le maire Côté. »``).

    >>> t = "« Nous sommes ravis, a déclaré le maire Daniel Côté. Ce projet est attendu. »"
    >>> incise_speaker(t, 0, len(t))
    'Daniel Côté'
    """
    m = _incise().search(text, start, end)
    return speaker_name(m.group("who")) if m else None


@cache
def _not_speech() -> re.Pattern[str]:
    """A verb of announcement, not of speech (``announce_verbs.csv``, use ``not_speech``), any case."""
    return re.compile(f"(?i:{stem_alternation(patterns.announce_verbs('not_speech'))})")


def unmarked_quote(text: str, start: int, end: int) -> str | None:
    """Speaker of a paragraph of direct speech that lost its quote marks, else None.

    The paragraph must end with an attribution (``, explique le député, Stéphane Lauzon.``)
    and speak in the first person.

    >>> p = "On parle de maintien d'emplois, explique le député de Gaspé, Stéphane Lauzon."
    >>> unmarked_quote(p, 0, len(p))
    'Stéphane Lauzon'
    >>> p = "Une aide de 2 M$ est accordée à Gaspé, annonce la ministre Roy."
    >>> unmarked_quote(p, 0, len(p)) is None
    True
    """
    para = text[start:end]
    if any(c in para for c in OPENERS + CLOSERS + STRAIGHT):
        return None
    tail_from = max(0, len(para) - 200)
    m = _trailing().search(para, tail_from)
    if m is None or _not_speech().fullmatch(m.group("verb")):
        return None
    if not words("first_person").search(para[: m.start()]):
        return None
    return speaker_name(m.group("who"))


def speaker_line(line: str) -> str | None:
    """The name on a speaker line (``Nathalie Roy, ministre de la Culture``), else None.

    >>> speaker_line("Nathalie Roy, ministre de la Culture et des Communications")
    'Nathalie Roy'
    >>> speaker_line("L'honorable Navdeep Bains, ministre de l'Innovation")
    'Navdeep Bains'
    >>> speaker_line("Le maire de Gaspé, Daniel Côté")
    'Daniel Côté'
    >>> speaker_line("Denis Lemieux, député de Chicoutimi, a rappelé l'importance du projet.") is None
    True
    >>> speaker_line("Le volet 1 du programme est financé par le Fonds vert.") is None
    True
    """
    if len(line) > 300:
        return None
    m = _speaker_line().fullmatch(line)
    if m is None:
        m = _title_first_line().fullmatch(line)
        return m.group("name") if m else None
    name = m.group("name")
    if len(name.split()) < 2 or pattern("determiner").fullmatch(name.split()[0]):
        return None
    role = m.group("role")
    if role is None:
        return name if len(line) <= 60 else None
    head = role[:120]
    if words("speaker_role").search(head) is None or words("finite_verb").search(role):
        return None
    return name
