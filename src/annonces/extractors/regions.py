"""Administrative regions (Quebec's 17, France's régions and départements) in raw text.

One compiled alternation of every region/département name and alias in the KB runs
over the folded text (:func:`~annonces.normalize.text.fold` keeps offsets), longest
form first, so dashes, missing accents, ``St``/``Saint`` and case do not matter.  Each
hit then goes through rules learned from real releases:

* kept: names in a minister's title (``ministre responsable de la région de la
  Mauricie``), in program or project names (``Fonds ... du Centre-du-Québec et de la
  Mauricie``) and in organization names (``CISSS de l'Outaouais``): they name the region;
* dropped: a name glued by a hyphen to a longer name (``Abitibi-Ouest``, ``Montérégie-Est``,
  ``La Haute-Côte-Nord``) unless the neighbour is itself a region (``Mauricie–Centre-du-Québec``);
  a sub-area (``Haut Doubs``, ``Haute Mauricie``); a brand led by a number
  (``110 Bourgogne``); a street, river, valley, MRC or electoral riding (``rue Montréal``,
  ``rivière des Outaouais``, ``vallée du Rhône``, ``MRC des Laurentides``, ``député
  d'Abitibi—Témiscamingue``);
  an all-capitals dateline city (``SAGUENAY, le 4 mai``); URLs and e-mail addresses;
  a lower-case word (``la somme``, ``le lot``);
* names that are also cities or common words (``needs_cue`` in the KB: Montréal, Laval,
  Saguenay, Nord, Paris, Loire...) only with a cue: ``région(s) de``, ``département
  du``, a ``(Code)`` or ``(Nom)`` parenthesis, an enumeration holding a certain region
  (``la Montérégie et Laval``) and, for French départements marked ``locative_cue``,
  ``dans le/la/l'`` or ``en``; never after ``à`` (``à Montréal`` is the city).

``Québec`` alone is never a region (city or province); ``Capitale-Nationale`` is.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from ..kb import KnowledgeBase
from ..kb.base import region_rank
from ..kb.entity import Entity, index_key
from ..kb.files import cues
from ..normalize.text import DASH_CLASS, alternation, fold
from ..types import Mention

REGION_TYPES = ("region", "departement")
#: a dash or a space between the words of a name
_SEP = r"(?:\s*-\s*|\s+)"
_TOKEN_VARIANTS = {"saint": r"(?:saint|st\.?)", "sainte": r"(?:sainte|ste\.?)"}


@dataclass(frozen=True)
class _Form:
    entity: Entity
    needs_cue: bool
    locative_cue: bool


@dataclass
class _Hit:
    start: int
    end: int
    form: _Form
    accepted: bool = False
    city: bool = False  # "à Montréal": never a region, even in a list


def form_pattern(name: str) -> str:
    """The regex of one name over folded text: any dash or space between words,
    optional space after an apostrophe, ``St``/``Ste`` for ``Saint``/``Sainte``.

    >>> bool(re.fullmatch(form_pattern("Saguenay–Lac-Saint-Jean"), "saguenay - lac-st-jean"))
    True
    >>> bool(re.fullmatch(form_pattern("Côtes-d'Armor"), "cotes d' armor"))
    True
    """
    tokens = [t for t in re.split(r"[\s-]+", fold(name)) if t]
    parts = [_TOKEN_VARIANTS.get(t, re.escape(t).replace("'", r"'\s?")) for t in tokens]
    return _SEP.join(parts)


def _form_key(text: str) -> str:
    return re.sub(r"'\s+", "'", index_key(text))


_WINDOW = 40


def _ends(pattern: re.Pattern[str], folded: str, end: int) -> bool:
    """True when ``pattern`` (anchored with ``$``) matches just before ``end``."""
    return pattern.search(folded, max(0, end - _WINDOW), end) is not None


def _words(items: list[str]) -> str:
    return alternation((fold(w) for w in items), escape=True)


class RegionMatcher:
    """The compiled matcher for one KB (built once per KB, see :func:`matcher`)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.forms: dict[str, _Form] = {}
        patterns: dict[str, str] = {}
        entities = sorted((e for t in REGION_TYPES for e in kb.by_type(t)), key=region_rank)
        for e in entities:
            cue_keys = {_form_key(f) for f in e.attrs.get("needs_cue", ())}
            for name in e.forms():
                k = _form_key(name)
                if k in self.forms:  # Guadeloupe: région before département, current before merged
                    continue
                self.forms[k] = _Form(e, k in cue_keys, bool(e.attrs.get("locative_cue")))
                patterns[k] = form_pattern(name)
        self.regex = re.compile(r"(?<!\w)(?:" + alternation(patterns.values()) + r")(?!\w)")
        c = cues()
        prep = _words(c["prepositions"])
        article = _words(c["articles"])
        self.cue_before = re.compile(
            rf"(?<!\w)(?:{_words(c['region_nouns'])})(?:\s+(?:{_words(c['region_qualifiers'])}))?"
            rf"\s*(?:(?:{prep})\s*)?$"
        )
        self.locative_before = re.compile(rf"(?<!\w)(?:{_words(c['locative_cues'])})\s*$")
        self.city_before = re.compile(rf"(?<!\w)(?:{_words(c['city_prepositions'])})\s+$")
        self.place_before = re.compile(rf"(?<!\w)(?:{_words(c['place_words'])})\s+(?:(?:{prep})\s*)?$")
        self.subarea_before = re.compile(rf"(?<!\w)({_words(c['subarea_qualifiers'])})[\s-]+$")
        self.subarea_after = re.compile(rf"[ \t]*-?[ \t]*({_words(c['subarea_suffixes'])})(?![\w-])")
        self.number_before = re.compile(r"\d[ \t]*$")
        links = _words([w for w in c["enumeration_links"] if w.strip(",")])
        locative = _words([w for w in c["locatives"] if w not in c["city_prepositions"]])
        self.enum_gap = re.compile(
            rf"\s*(?:,\s*(?:(?:{links})\s+)?|(?:{links})\s+|/\s*)"
            rf"(?:(?:{prep}|{article}|{locative})\s*)?(?:(?:{article})\s*)?"
        )

    def find(self, text: str) -> list[Mention]:
        """Region mentions of ``text`` (see the module docstring for the rules)."""
        folded = fold(text)
        raw = [
            _Hit(m.start(), m.end(), self.forms[_form_key(m.group())])
            for m in self.regex.finditer(folded)
            if _form_key(m.group()) in self.forms
        ]
        glued = self._glued(folded, raw)
        starts = {h.start for h in raw}
        hits = [h for i, h in enumerate(raw) if i not in glued and self._plausible(text, folded, h, starts)]
        for h in hits:
            h.city = _ends(self.city_before, folded, h.start)
            h.accepted = not h.form.needs_cue or (not h.city and self._cued(folded, h))
        self._enumerations(folded, hits)
        return [
            Mention(
                kind="region",
                text=text[h.start:h.end],
                start=h.start,
                end=h.end,
                canonical=h.form.entity.name,
                id=h.form.entity.id,
                code=h.form.entity.code,
            )
            for h in hits
            if h.accepted
        ]

    def _glued(self, folded: str, raw: list[_Hit]) -> set[int]:
        """Indexes of hits glued by a hyphen to a word that is not another region."""
        starts = {h.start: h for h in raw if not h.form.needs_cue}
        ends = {h.end: h for h in raw if not h.form.needs_cue}
        out = set()
        for i, h in enumerate(raw):
            left = h.start >= 2 and folded[h.start - 1] == "-" and folded[h.start - 2].isalnum()
            right = h.end + 1 < len(folded) and folded[h.end] == "-" and folded[h.end + 1].isalnum()
            if (left and h.start - 1 not in ends) or (right and h.end + 1 not in starts):
                out.add(i)
        return out

    def _plausible(self, text: str, folded: str, h: _Hit, starts: set[int]) -> bool:
        start, end = h.start, h.end
        written = text[start:end]
        last_word = [w for w in re.split(r"[\W_]+", written) if w][-1]
        if not last_word[:1].isupper():  # "la somme", "le lot", "la réunion"
            return False
        if (start and folded[start - 1] in "/@.#_") or folded[end:end + 1] in ("@", "/", "_"):
            return False
        if re.match(r"\.[a-z]", folded[end:end + 2]):
            return False
        if _ends(self.number_before, folded, start) or _ends(self.place_before, folded, start):
            return False
        sub = self.subarea_before.search(folded, max(0, start - _WINDOW), start)
        if sub and text[sub.start(1)].isupper():
            return False
        after = self.subarea_after.match(folded, end)  # "Montérégie Est", "Abitibi Ouest"
        if after and text[after.start(1)].isupper() and after.start(1) not in starts:
            return False
        if written.isupper() and len(written) > 2:  # dateline "SAGUENAY, le 4 mai"
            line_start = text.rfind("\n", 0, start) + 1
            if not text[line_start:start].strip() and re.match(r"\s*(?:,|\(|" + DASH_CLASS + ")", folded[end:end + 3]):
                return False
        return True

    def _cued(self, folded: str, h: _Hit) -> bool:
        if _ends(self.cue_before, folded, h.start):
            return True
        if folded[h.start - 1:h.start] == "(" and folded[h.end:h.end + 1] == ")":  # "Lille (Nord)"
            return True
        code = h.form.entity.code
        if code and re.match(rf"\s*\(\s*{re.escape(code.lower())}\s*\)", folded[h.end:h.end + 10]):
            return True
        return h.form.locative_cue and _ends(self.locative_before, folded, h.start)

    def _enumerations(self, folded: str, hits: list[_Hit]) -> None:
        """``la Montérégie et Laval``: a cue-needing name in a list with a certain region."""
        chains: list[list[_Hit]] = []
        for h in hits:
            prev = chains[-1][-1] if chains else None
            gap = folded[prev.end:h.start] if prev else ""
            if prev and len(gap) <= 24 and self.enum_gap.fullmatch(gap) and not self.city_before.search(gap):
                chains[-1].append(h)
            else:
                chains.append([h])
        for chain in chains:
            if any(h.accepted for h in chain):
                for h in chain:
                    h.accepted = h.accepted or not h.city


_MATCHERS: weakref.WeakKeyDictionary[KnowledgeBase, RegionMatcher] = weakref.WeakKeyDictionary()


def matcher(kb: KnowledgeBase) -> RegionMatcher:
    """The cached :class:`RegionMatcher` of a KB."""
    m = _MATCHERS.get(kb)
    if m is None:
        m = _MATCHERS[kb] = RegionMatcher(kb)
    return m


def find_regions(text: str, kb: KnowledgeBase) -> list[Mention]:
    """Every region or département named in ``text``, resolved to its official name.

    ``text`` and offsets are as written; ``canonical``, ``code`` and ``id`` come from the KB.

    >>> from annonces.kb import load_kb
    >>> s = "La ministre responsable de la région de la Mauricie et du Centre\u2011du\u2011Quebec, à Montréal."
    >>> [(m.text, m.canonical, m.code) for m in find_regions(s, load_kb())]
    [('Mauricie', 'Mauricie', '04'), ('Centre\u2011du\u2011Quebec', 'Centre-du-Québec', '17')]
    """
    return matcher(kb).find(text)
