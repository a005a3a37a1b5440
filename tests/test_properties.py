"""Properties of ``extract(fast=True)`` over generated text (hypothesis).

* it never raises, whatever the Unicode it is given;
* every entity, segment and record evidence slices back to its reported text;
* the same input gives the same output, also after other documents went through.

Two families of input: arbitrary Unicode (every category hypothesis draws, controls,
combining marks, emoji, unpaired quotes...) and releases composed from fragments in
the style of the corpus (amounts, dates, ministers, recipients, guillemets, lists,
PDF wraps) joined by random separators and sprinkled with arbitrary characters.
No statistical model is loaded (``fast=True``).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annonces import extract

KINDS = ("ministers", "organizations", "amounts", "programs", "regions", "dates")

FRAGMENTS = [
    "QUÉBEC, le 12 mars 2022 /CNW Telbec/ - ",
    "SHERBROOKE, QC, le 3 février 2023 /CNW/ - ",
    "Rennes, le 18 novembre 2021 – ",
    "La ministre de la Culture et des Communications, Mme Nathalie Roy, annonce ",
    "Le ministre de l'Économie et de l'Innovation, M. Pierre Fitzgibbon, ",
    "au nom du ministre des Transports, M. François Bonnardel, ",
    "une aide financière de 250 000 $ ",
    "un prêt de 1,5 M$ d'Investissement Québec ",
    "un projet de 43,8 M$, dont 12 M$ ",
    "deux cent mille dollars ",
    "près de 3 millions d'euros ",
    "2 450 000 €",
    "1\u00a0200\u00a0000\u00a0$",
    "à la Coopérative de solidarité de Rimouski ",
    "au Centre culturel de Val-d'Or ",
    "à la Ville de Saint-Jérôme ",
    "Commune de Quimperlé : 245 000 €\n",
    "• Maison des jeunes de Laval (125 000 $)\n",
    "1. Festival de musique de Gaspé : 40 000 $\n",
    "dans le cadre du Programme d'aide aux infrastructures culturelles. ",
    "du Fonds régions et ruralité (FRR) ",
    "en Abitibi-Témiscamingue",
    "dans le Finistère",
    "« Ce projet structurant fera rayonner la région », a déclaré la ministre.\n",
    "« « C'est un grand jour » »",
    "Citations :\n",
    "Faits saillants :\n",
    "Source :\nCabinet de la ministre\nTél. : 418 643-2110\n",
    "-30-\n",
    "finan-\ncement ",
    "Page 2 de 3\n",
    "le 1er avril ",
    "du 5 au 7 juin 2024 ",
    "pour l'exercice 2022-2023 ",
    "M. M. Mme ",
    "( ",
    ") ",
    "$ ",
    "M$",
    "\n",
    "\n\n",
    ". ",
]

SEPARATORS = st.sampled_from(["", " ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", " - ", " : "])
#: arbitrary Unicode, surrogates excluded (no decoded file holds one; see the lone-surrogate row)
UNICODE = st.characters(exclude_categories=("Cs",))


@st.composite
def releases(draw: st.DrawFn) -> str:
    """A release-like text: fragments, separators and a few arbitrary characters."""
    parts = draw(st.lists(st.tuples(st.sampled_from(FRAGMENTS), SEPARATORS,
                                    st.text(UNICODE, max_size=3)), max_size=25))
    return "".join(f + sep + (noise if i % 3 == 0 else "") for i, (f, sep, noise) in enumerate(parts))


def _assert_consistent(text: str, out: dict[str, Any]) -> None:
    for kind in KINDS:
        for e in out["entities"][kind]:
            assert 0 <= e["start"] <= e["end"] <= len(text), (kind, e)
            assert text[e["start"] : e["end"]] == e["text"], (kind, e)
    for r in out["records"]:
        ev = r["evidence"]
        assert 0 <= ev["start"] <= ev["end"] <= len(text), r
        assert text[ev["start"] : ev["end"]] == ev["text"], r
    for s in out["segments"]:
        assert 0 <= s["start"] <= s["end"] <= len(text), s


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    extract("QUÉBEC, le 4 mai 2021 - Une aide de 2 M$ à la Ville de Gaspé.", fast=True)


@SETTINGS
@given(st.text(UNICODE, max_size=400))
def test_arbitrary_unicode_never_raises_and_offsets_hold(text: str) -> None:
    _assert_consistent(text, extract(text, fast=True).to_dict())


@SETTINGS
@given(releases())
def test_composed_releases_offsets_hold(text: str) -> None:
    _assert_consistent(text, extract(text, fast=True).to_dict())


@SETTINGS
@given(releases(), releases())
def test_same_input_same_output(text: str, other: str) -> None:
    first = extract(text, fast=True).to_dict()
    extract(other, fast=True)  # nothing carries over from one document to the next
    assert extract(text, fast=True).to_dict() == first


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\x00\x01\x02", id="controls"),
        pytest.param("\ufeffQUÉBEC, le 4 mai 2021 - Aide de 2 M$.", id="bom"),
        pytest.param("e\u0301 » « \u202e 5 $ \U0001f600 M$", id="combining-bidi-emoji"),
        pytest.param("1" + " 000" * 2000 + " $", id="endless-digit-groups"),
        pytest.param("9" * 5000 + " $", id="five-thousand-digits"),
        pytest.param("0,0000000000000000000001 M$", id="tiny-decimal"),
        pytest.param("le 31 février 2021 et le 99 mai 99999", id="impossible-dates"),
        pytest.param("le 4 mai 0000, le 4 mai 10000", id="year-bounds"),
        pytest.param("Une aide de 2 M$ \ud800 à la Ville de Gaspé.", id="lone-surrogate"),
    ],
)
def test_edge_cases(text: str) -> None:
    out = extract(text, fast=True).to_dict()
    _assert_consistent(text, out)
    assert extract(text, fast=True).to_dict() == out
