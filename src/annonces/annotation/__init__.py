"""Span-level annotations: the format, converters to annotation tools, pre-annotation.

>>> from annonces.annotation import Annotation, Span
>>> Annotation("d", "Aide de 2 M$.", [Span("s1", 8, 12, "AMOUNT", 2000000)]).spans[0].value
Decimal('2000000')

The format names (:mod:`.format`, no spaCy) are imported at once; the converters
(:mod:`.convert`, spaCy) and :func:`preannotate` on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .format import (KINDS, LABELS, STATUSES, Annotation, RecordAnnotation, Span, annotation_schema,
                     read_annotations, validate, write_annotations)

_LAZY = {
    "preannotate": "preannotate", "annotation_from_batch_line": "preannotate",
    "Misaligned": "convert", "to_docbin": "convert", "from_docbin": "convert",
    "to_prodigy": "convert", "from_prodigy": "convert", "to_doccano": "convert", "from_doccano": "convert",
    "to_label_studio": "convert", "from_label_studio": "convert", "gold_to_annotation": "gold",
    "convert_gold_folder": "gold", "Imported": "imports", "misaligned": "imports",
}

__all__ = sorted(["KINDS", "LABELS", "STATUSES", "Annotation", "RecordAnnotation", "Span", "annotation_schema",
                  "read_annotations", "validate", "write_annotations", *_LAZY])

if TYPE_CHECKING:  # pragma: no cover
    from .convert import (Misaligned, from_docbin, from_doccano, from_label_studio,
                          from_prodigy, to_docbin, to_doccano, to_label_studio, to_prodigy)
    from .gold import convert_gold_folder, gold_to_annotation
    from .imports import Imported, misaligned
    from .preannotate import annotation_from_batch_line, preannotate


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'annonces.annotation' has no attribute {name!r}")
