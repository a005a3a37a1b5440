"""msgpack codecs for the result types, so annotated ``Doc`` objects serialize.

spaCy writes ``doc.user_data`` (where ``Span._``/``Doc._`` values live) with srsly's
msgpack, in ``doc.to_bytes()``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(...,
n_process=2)`` (documents come back from the workers as bytes).  :func:`register`
adds an encoder and a decoder for :class:`~decimal.Decimal`, :class:`datetime.date` and
the frozen dataclasses of :mod:`annonces.types` to srsly's registries, so these values
come back typed and equal.  It runs when :mod:`annonces.extensions` is imported (every
component does).

An encoded value is a map ``{"__annonces__": TYPE, "v": ...}``; maps without that key
pass through untouched.

>>> import srsly
>>> from annonces.types import Amount
>>> register()
>>> a = Amount(Decimal("13700000"), "CAD", "13,7 M$", 4, 11, role="grant")
>>> srsly.msgpack_loads(srsly.msgpack_dumps({"a": a}))["a"] == a
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any, Callable

from .types import Amount, DateValue, Evidence, FundingRecord, Mention, Region, Segment, Table, TableCell, TableRow

MARK = "__annonces__"
#: the dataclasses that travel in ``user_data``, by name
TYPES: dict[str, type] = {t.__name__: t for t in (Amount, DateValue, Evidence, FundingRecord, Mention, Region, Segment,
                                                   Table, TableRow, TableCell)}
#: fields held as tuples (msgpack gives lists back)
_TUPLES = {"portfolios", "ministers", "warnings", "rows", "cells"}


def encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly msgpack encoder: our types as marked maps, anything else to the next encoder."""
    if isinstance(obj, Decimal):
        return {MARK: "Decimal", "v": str(obj)}
    if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime):
        return {MARK: "date", "v": obj.isoformat()}
    name = type(obj).__name__
    if TYPES.get(name) is type(obj):
        return {MARK: name, "v": {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}}
    return chain(obj) if chain is not None else obj


def decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly msgpack decoder: marked maps back to typed values."""
    if isinstance(obj, dict) and MARK in obj:
        kind, v = obj[MARK], obj.get("v")
        if kind == "Decimal":
            return Decimal(v)
        if kind == "date":
            return dt.date.fromisoformat(v)
        cls = TYPES.get(kind)
        if cls is not None and isinstance(v, dict):
            return cls(**{k: tuple(x) if k in _TUPLES and isinstance(x, list) else x for k, x in v.items()})
    return chain(obj) if chain is not None else obj


def register() -> None:
    """Add :func:`encode` and :func:`decode` to srsly's msgpack registries (idempotent)."""
    from srsly.msgpack import msgpack_decoders, msgpack_encoders

    if "annonces" not in msgpack_encoders.get_all():
        msgpack_encoders.register("annonces", func=encode)
    if "annonces" not in msgpack_decoders.get_all():
        msgpack_decoders.register("annonces", func=decode)
