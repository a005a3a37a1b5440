"""The table column cues (``patterns/table_columns.csv``), folded, as the list readers use them.

:mod:`.tallies`, :mod:`.blocks` and :mod:`.rows` tell a header or a label from a name with
them (``Ville ou municipalité Montant accordé``, ``Montant accordé :``, ``Bénéficiaire :``).

>>> "montant" in amount_column_words(), "beneficiaire" in role_cues("recipient")
(True, True)
"""

from __future__ import annotations

import functools

from ... import patterns
from ...normalize.text import fold


@functools.cache
def role_cues(role: str) -> frozenset[str]:
    """The folded cues of one column role (``recipient``: ``beneficiaire``, ``maitre d'ouvrage``...)."""
    return frozenset(fold(r["cue"]) for r in patterns.rows("table_columns.csv") if r["role"] == role)


@functools.cache
def column_words() -> frozenset[str]:
    """Folded words of the table column cues (``Ville``, ``Montant``, ``accordé``): a header, not a name."""
    words = {w for r in patterns.rows("table_columns.csv") for w in fold(r["cue"]).split(" ")}
    return frozenset(words | {"ou", "et", "de", "du", "des", "la", "le", "les", "nom", "total", "$", "€"})


@functools.cache
def amount_column_words() -> frozenset[str]:
    """Folded words of the cues of a granted-amount column (``montant``, ``subvention``, ``aide``)."""
    return frozenset(w for cue in role_cues("granted") for w in cue.split(" "))
