"""Funding records: one per amount granted to a named recipient, with its evidence.

For every amount that can be a grant or a loan (not an envelope, an aggregate with its
split given, a total cost or a range; an earlier grant stated for a named recipient,
``avait reçu 30 000 $ l'an dernier``, is a record too), the recipient is looked for by the
rules of :data:`~annonces.records.recipients.RULES`, in order, one named function each
(``named_after_colon``, ``line_head``, ``list_item_head``, ``paren``, ``respectivement``,
``cleft``, ``soit``, ``to``, ``comma``, ``each``, ``subject_receive``, ``porte_par``,
``porte_par_after``, ``passive``, ``definite_reference``, ``municipality_place``, ``main``);
the first that answers names ``evidence.rule``.  Each rule belongs to one of six families
(:data:`~annonces.records.recipients.FAMILY`), and each family has its prior confidence
(:data:`RULE_CONFIDENCE`):

``paren``     ``Libération (6,7 millions)``, ``Granijem (200 963 $ sur 487 398 $)``
``line``      ``Palco : 175 000 $``, a list item starting with the recipient
``to``        ``accorde 500 000 $ à l'entreprise Groupe iCible`` (``à``, ``pour``, ``au bénéfice de``…)
``each``      ``A, B et C … soit 30 000 $ chacun`` (one record per name)
``subject``   ``Métal Marquis a reçu une contribution de 550 000 $``
``main``      a pronoun or no name, when the release has a single recipient so far

Amounts inside a table (:func:`annonces.segmentation.find_tables`) are read first, row by
row and column by header (:mod:`~annonces.records.tables`, rule ``table``); the rules above
read the other amounts.

Then program, region, date, ministers, funder and total cost are filled from the
amount's sentence, list item, paragraph and the release, and checks add warnings.

Modules: :mod:`~annonces.records.context` (indexes and cue lists), :mod:`~annonces.records.recipients`
(the rules above), :mod:`~annonces.records.tables` (tables), :mod:`~annonces.records.fields` (the other fields),
:mod:`~annonces.records.assemble` (merging and checks), :mod:`~annonces.records.duplicates`.
"""

from __future__ import annotations

from .assemble import assemble_records
from .context import RECORD_ROLES, RULE_CONFIDENCE, cues
from .duplicates import DuplicateLinker

__all__ = ["RECORD_ROLES", "RULE_CONFIDENCE", "DuplicateLinker", "assemble_records", "cues"]
