"""``annonces.annotate.preannotate``: pipeline suggestions as span-level annotations to correct.

>>> from annonces.annotate import preannotate
>>> [a] = preannotate("Une aide de 2 M$ est accordée à la Ville de Gaspé.", fast=True)
>>> a.status, sorted({s.label for s in a.spans})
('pre', ['AMOUNT', 'ORG'])

See :mod:`annonces.annotation.preannotate`.
"""

from __future__ import annotations

from .annotation.preannotate import annotation_from_batch_line, preannotate

__all__ = ["annotation_from_batch_line", "preannotate"]
