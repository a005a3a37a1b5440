"""Canonical names and ids of the chosen spans: acronyms, short forms, KB names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...normalize.text import LOWER, UPPER, key, strip_accents, unify
from ...types import Mention

def acronym_of(name: str) -> str:
    """Initials of the content words, accents folded.

    >>> acronym_of("École de technologie supérieure")
    'ETS'
    """
    words = re.findall(rf"[{UPPER}{LOWER}0-9]+", strip_accents(name))
    return "".join(w[0].upper() for w in words if w.lower() not in {"de", "du", "des", "d", "la", "le", "les", "l", "et", "à", "au", "aux", "en", "pour"})


def link(text: str, u: str, chosen: list[tuple[int, int, str, object]]) -> list[Mention]:
    """Canonical names (longest form written) and ids for the chosen spans."""
    from ...linking import stable_id

    names = [(s, e, src, ent, re.sub(r"\s+", " ", text[s:e]).strip()) for s, e, src, ent in chosen]
    keys = {n[4]: _core_key(n[4]) for n in names}
    # acronyms introduced in parentheses: "Long Name (ACR)", "Long Name, (A.B.C.)"
    acr_map: dict[str, str] = {}
    for s, e, src, ent, name in names:
        m = re.match(r"[ ]?,?[ ]?\((?P<acr>[A-Z][A-Za-z0-9.]{1,12})\)", u[e:e + 20])
        if m:
            acr_map[m.group("acr").replace(".", "")] = name
    # distinct full names, in text order, indexed by acronym and by every word suffix of
    # their key: each mention looks its longer forms up instead of scanning every name
    full_names = list(dict.fromkeys(n[4] for n in names if not n[4].replace(".", "").isupper()))
    by_acronym: dict[str, str] = {}
    by_suffix: dict[str, list[str]] = {}
    by_prefix: dict[str, list[str]] = {}
    for f in full_names:
        by_acronym.setdefault(acronym_of(f), f)
        parts = keys[f].split(" ")
        for i in range(1, len(parts)):
            by_suffix.setdefault(" ".join(parts[i:]), []).append(f)
            if i >= 2 and len(parts) - i <= 4 and _COMPLETION.fullmatch(f[len(" ".join(f.split(" ")[:i])):]):
                by_prefix.setdefault(" ".join(parts[:i]), []).append(f)  # "ADF Diesel" -> "ADF Diesel Saint-Stanislas"
    out = []
    for s, e, src, ent, name in names:
        canonical = name
        compact = name.replace(".", "")
        if compact.isupper() and len(compact) <= 12:
            canonical = acr_map.get(compact) or by_acronym.get(compact) or _kb_written(ent, full_names) or _kb_in_text(ent, text, u) or name
        else:
            k = keys[name]
            longer = [f for f in by_suffix.get(k, ()) if keys[f] != k and len(keys[f]) > len(k)]
            completed = [f for f in by_prefix.get(k, ()) if len(keys[f]) > len(k)]
            if longer:
                canonical = min(longer, key=len)
            elif len(completed) == 1 and ent is None:
                canonical = completed[0]  # the name's most complete form in the release
            elif ent is not None:
                canonical = _kb_written(ent, full_names) or name
        canonical = re.sub(r"^(?:le|la|les|l'|l’)\s*", "", canonical) if canonical[:1].islower() and not canonical.startswith(("ministère", "arrondissement", "comité", "microbrasserie")) else canonical
        canonical = _DESCRIPTOR.sub("", canonical)  # "microbrasserie À la fût", "aéroclub Les Ailes du Maine": the name is the second part
        ent_id = getattr(ent, "id", None) or stable_id("org", canonical)
        out.append(Mention("organization", text[s:e], s, e, canonical, id=ent_id,
                           acronym=next((a for a, n in acr_map.items() if n == canonical), None), source=src))
    return out


#: a lowercase descriptor before a name that opens on a capital article: the descriptor is no part of it
#: (a school's or a territory's is: ``collège Le Ronceray``, ``commune de La Flèche``)
_DESCRIPTOR = re.compile(r"^(?!(?:ville|commune|municipalité|arrondissement|ministère|village|paroisse|collège|lycée|école|université|cégep|commission)\b)"
                         r"[a-zà-ÿ][\w-]*(?:[ ][a-zà-ÿ][\w-]*)?[ ](?=(?:(?:À la|Au|Aux|Les|La|Le)[ ]|(?:À l|L)['’])\w)")
#: the words that complete a name into its fuller form: capitalized words and their connectors
_COMPLETION = re.compile(rf"(?:[ ](?:(?:de|du|des|d'|la|le|les|l')[ ]?)?[{UPPER}0-9][\w'’.&-]*)+")


def _core_key(name: str) -> str:
    return re.sub(r"^(?:le|la|les|l) ", "", key(name))


def _kb_written(ent, full_names: Sequence[str]) -> str | None:
    """The longest written name in the text that is a name or alias of ``ent``."""
    if ent is None:
        return None
    keys = {key(a) for a in (ent.name, *ent.aliases)}
    written = [f for f in full_names if key(f) in keys]
    return max(written, key=len) if written else None


def _kb_in_text(ent, text: str, u: str) -> str | None:
    """The KB name of the body an acronym stands for, as the text writes it elsewhere (inside a
    minister's title, where it is no mention of its own: ``ministre responsable de l'Agence de
    promotion économique du Canada atlantique`` … ``l'APECA``), else None."""
    if ent is None:
        return None
    for name in sorted((ent.name, *ent.aliases), key=len, reverse=True):
        m = re.search(re.escape(unify(name)), u, re.IGNORECASE)
        if m and len(name) > 12:
            return re.sub(r"\s+", " ", text[m.start():m.end()])
    return None
