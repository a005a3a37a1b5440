"""The inline-markup parser shared by the golden tables."""

from __future__ import annotations

from markup import unmark


def test_unmark() -> None:
    text, spans = unmark("Une aide de [[13,7 M$|13700000]] et [[2 M€|2000000|EUR]] ([[prêt|loan]]).")
    assert text == "Une aide de 13,7 M$ et 2 M€ (prêt)."
    assert [(text[s.start:s.end], s.fields) for s in spans] == [
        ("13,7 M$", ("13700000",)), ("2 M€", ("2000000", "EUR")), ("prêt", ("loan",))]
