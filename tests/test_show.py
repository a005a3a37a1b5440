"""annonces.annotation.show: the displaCy span view and the records table.

Texts are written for these tests in the style of Quebec, federal and French releases.
Only the rule pipeline (``fast=True``) is used: no statistical model is loaded.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from annonces.annotation.format import Annotation, RecordAnnotation, Span
from annonces.annotation.show import (
    ShowResult,
    ViewSpan,
    annotation_spans,
    displacy_data,
    labels,
    record_annotation_row,
    render_spans,
    show,
    view,
)
from annonces.types import Amount, DateValue, Evidence, Extraction, FundingRecord, Mention


def _v(text: str, piece: str, label: str, value: object = None, nth: int = 0) -> ViewSpan:
    """A ViewSpan over the ``nth`` occurrence of ``piece`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return ViewSpan(start, start + len(piece), label, piece, value)


T_AMOUNT = "Une aide financière de 420 000 $ est accordée."
T_PUNCT = "La somme ira à la Ville de Rimouski."
T_OVERLAP = "Le Centre de services scolaire de la Beauce-Etchemin reçoit 2,3 M$."
T_BREAK = "Le Fonds régions et ruralité\nsoutient la MRC de Matawinie."
T_BLANK = "Titre\n\n\nCorps du texte de 15 000 €."
T_EMOJI = "🎉 Bravo : 80 000 $ pour Vélo Québec"
T_PAREN = "Centre d'action bénévole (125 000 $)"

DISPLACY_CASES = [
    pytest.param(T_AMOUNT, [_v(T_AMOUNT, "420 000 $", "AMOUNT", Decimal(420000))],
                 [["Une", "aide", "financière", "de", "420", "000", "$", "est", "accordée."]],
                 [[(4, 7, "AMOUNT", "420000")]], id="amount-inside-sentence"),
    pytest.param(T_PUNCT, [_v(T_PUNCT, "Ville de Rimouski", "ORG", "Ville de Rimouski")],
                 [["La", "somme", "ira", "à", "la", "Ville", "de", "Rimouski", "."]],
                 [[(5, 8, "ORG", "")]], id="span-cut-before-final-period"),
    pytest.param(T_OVERLAP, [_v(T_OVERLAP, "Centre de services scolaire de la Beauce-Etchemin", "ORG"),
                             _v(T_OVERLAP, "Beauce-Etchemin", "REGION"),
                             _v(T_OVERLAP, "2,3 M$", "AMOUNT", Decimal(2300000))],
                 [["Le", "Centre", "de", "services", "scolaire", "de", "la", "Beauce-Etchemin", "reçoit", "2,3",
                   "M$", "."]],
                 [[(1, 8, "ORG", ""), (7, 8, "REGION", ""), (9, 11, "AMOUNT", "2300000")]],
                 id="overlapping-org-and-region"),
    pytest.param(T_BREAK, [_v(T_BREAK, "Fonds régions et ruralité\nsoutient", "PROGRAM")],
                 [["Le", "Fonds", "régions", "et", "ruralité"], ["soutient", "la", "MRC", "de", "Matawinie."]],
                 [[(1, 5, "PROGRAM", "")], [(0, 1, "PROGRAM", "")]], id="span-over-line-break-on-both-lines"),
    pytest.param(T_BLANK, [_v(T_BLANK, "15 000 €", "AMOUNT", Decimal(15000))],
                 [["Titre"], ["Corps", "du", "texte", "de", "15", "000", "€", "."]],
                 [[], [(4, 7, "AMOUNT", "15000")]], id="blank-lines-skipped"),
    pytest.param(T_EMOJI, [_v(T_EMOJI, "80 000 $", "AMOUNT", Decimal(80000)), _v(T_EMOJI, "Vélo Québec", "ORG")],
                 [["🎉", "Bravo", ":", "80", "000", "$", "pour", "Vélo", "Québec"]],
                 [[(3, 6, "AMOUNT", "80000"), (7, 9, "ORG", "")]], id="emoji-before-spans"),
    pytest.param(T_PAREN, [_v(T_PAREN, "125 000 $", "AMOUNT", Decimal(125000))],
                 [["Centre", "d'action", "bénévole", "(", "125", "000", "$", ")"]],
                 [[(4, 7, "AMOUNT", "125000")]], id="amount-in-parentheses"),
]


@pytest.mark.parametrize(("text", "spans", "tokens", "expected"), DISPLACY_CASES)
def test_displacy_data(text: str, spans: list[ViewSpan], tokens: list[list[str]],
                       expected: list[list[tuple[int, int, str, str]]]) -> None:
    data = displacy_data(text, spans)
    assert [d["tokens"] for d in data] == tokens
    got = [[(s["start_token"], s["end_token"], s["label"], s["kb_id"]) for s in d["spans"]] for d in data]
    assert got == expected


@pytest.mark.parametrize(("text", "spans"), [pytest.param(p.values[0], p.values[1], id=p.id)
                                             for p in DISPLACY_CASES])
def test_span_tokens_cover_exactly_the_span_characters(text: str, spans: list[ViewSpan]) -> None:
    """Each line's tokens are exact slices of the text, and a span's tokens join back to
    its own characters on that line (nothing more)."""
    pos, lines = 0, []
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    data = iter(displacy_data(text, spans))
    for start, line in lines:
        if not line.strip():
            continue
        d = next(data)
        assert d["text"] == line
        assert "".join(d["tokens"]) == "".join(line.split())
        for entry in d["spans"]:
            span = next(s for s in spans if s.label == entry["label"] and s.start < start + len(line)
                        and s.end > start)
            covered = "".join(d["tokens"][entry["start_token"]:entry["end_token"]])
            inside = text[max(span.start, start):min(span.end, start + len(line))]
            assert covered == "".join(inside.split())


def test_title_only_on_first_line() -> None:
    data = displacy_data("Ligne un\nLigne deux", [], title="qc-<test>")
    assert [d["title"] for d in data] == ["qc-&lt;test&gt;", None]


def test_render_escapes_text_and_colours_labels() -> None:
    text = "Aide de 5 000 $ à <Théâtre & Cie>."
    html = render_spans(text, [_v(text, "5 000 $", "AMOUNT", Decimal(5000)), _v(text, "<Théâtre & Cie>", "ORG")])
    assert "<Théâtre" not in html and "&lt;Théâtre" in html
    colors = {lab.label: lab.color for lab in labels()}
    assert colors["AMOUNT"] in html and colors["ORG"] in html
    assert render_spans("   \n ", []) == '<div class="spans"></div>'


QC_RELEASE = (
    "Une aide de 420 000 $ pour la Coopérative de solidarité Les Jardins du Nord\n\n"
    "ROUYN-NORANDA, le 14 février 2023 - La ministre de l'Économie, de l'Innovation et de l'Énergie, "
    "Mme Christine Fréchette, annonce l'octroi d'une aide financière de 420 000 $ à la Coopérative de "
    "solidarité Les Jardins du Nord pour l'agrandissement de sa serre, en Abitibi-Témiscamingue.\n"
)
FR_RELEASE = (
    "RENNES, le 3 octobre 2022 - La préfète de la région Bretagne annonce une subvention de 180 000 € "
    "à la Commune de Landerneau au titre de la dotation de soutien à l'investissement local (DSIL)."
)

SHOW_CASES = [
    pytest.param(QC_RELEASE, {"AMOUNT", "ORG", "DATE", "MINISTER", "REGION"},
                 [("Coopérative de solidarité Les Jardins du Nord", Decimal(420000))], id="quebec-grant"),
    pytest.param(FR_RELEASE, {"AMOUNT", "ORG", "DATE", "REGION"},
                 [("Commune de Landerneau", Decimal(180000))], id="france-dsil"),
    pytest.param("Le conseil municipal tiendra une consultation publique.", set(), [], id="no-entities"),
]


@pytest.mark.parametrize(("text", "labels_expected", "rows"), SHOW_CASES)
def test_show_extraction(text: str, labels_expected: set[str], rows: list[tuple[str, Decimal]]) -> None:
    import annonces

    r = show(annonces.extract(text, fast=True), jupyter=False)
    assert isinstance(r, ShowResult)
    assert labels_expected <= {s.label for s in r.span_rows}
    assert [(row["recipient"], row["amount"]) for row in r.record_rows] == rows
    for s in r.span_rows:
        assert text[s.start:s.end] == s.text
        assert s.label in r.html


def test_show_doc_equals_show_extraction() -> None:
    from annonces.api import from_doc, run
    from annonces.pipeline import load

    doc = run(QC_RELEASE, nlp=load(fast=True))
    from_doc_view, from_extraction_view = view(doc), view(from_doc(doc))
    assert from_doc_view == from_extraction_view
    assert len(from_doc_view.span_rows) >= 5


def _annotation() -> Annotation:
    text = ("QUÉBEC, le 9 juin 2021 - Le ministre Benoit Charette annonce un prêt de 1,5 M$ à "
            "Recyclage Portneuf inc., sur un projet de 4 M$, dans le cadre du programme ÉcoPerformance.")

    def at(piece: str) -> tuple[int, int]:
        start = text.index(piece)
        return start, start + len(piece)

    spans = (Span("s1", *at("9 juin 2021"), "DATE", "2021-06-09"),
             Span("s2", *at("Benoit Charette"), "MINISTER", "Benoit Charette"),
             Span("s3", *at("1,5 M$"), "AMOUNT", 1500000),
             Span("s4", *at("Recyclage Portneuf inc."), "ORG", "Recyclage Portneuf inc."),
             Span("s5", *at("4 M$"), "AMOUNT", 4000000),
             Span("s6", *at("ÉcoPerformance"), "PROGRAM", None))
    record = RecordAnnotation("r1", recipient="s4", amount="s3", kind="loan", total_cost="s5", program="s6",
                              date="2021-06-09", ministers=("s2",))
    return Annotation("qc-test-ecoperformance", text, spans, (record,), {"published": "2021-06-09"}, "gold")


def test_annotation_rows_resolve_span_ids() -> None:
    a = _annotation()
    assert record_annotation_row(a, a.records[0]) == {
        "id": "r1", "recipient": "Recyclage Portneuf inc.", "amount": Decimal("1500000"), "kind": "loan",
        "total_cost": Decimal("4000000"), "program": "ÉcoPerformance", "region": None, "date": "2021-06-09",
        "ministers": "Benoit Charette", "funder": None}
    assert [s.text for s in annotation_spans(a)] == ["9 juin 2021", "Benoit Charette", "1,5 M$",
                                                      "Recyclage Portneuf inc.", "4 M$", "ÉcoPerformance"]


def test_show_annotation_has_title_and_every_label() -> None:
    r = show(_annotation(), jupyter=False)
    assert isinstance(r, ShowResult)
    assert "qc-test-ecoperformance" in r.html
    for label in ("DATE", "MINISTER", "AMOUNT", "ORG", "PROGRAM"):
        assert label in r.html
    assert re.search(r"1500000", r.html) and "4000000" in r.html  # amount values next to the label


def test_dataframes() -> None:
    pytest.importorskip("pandas", reason="the records table needs pandas (notebooks extra)")
    r = show(_annotation(), jupyter=False)
    assert isinstance(r, ShowResult)
    records = r.records
    assert list(records["recipient"]) == ["Recyclage Portneuf inc."]
    assert records.loc[0, "amount"] == Decimal("1500000") and isinstance(records.loc[0, "amount"], Decimal)
    assert records.loc[0, "region"] is None
    assert list(r.spans.columns) == ["start", "end", "label", "text", "value", "id"]
    assert len(r.spans) == 6
    assert "Recyclage Portneuf inc." in r._repr_html_()


def test_funding_record_rows_keep_decimals() -> None:
    pytest.importorskip("pandas", reason="the records table needs pandas (notebooks extra)")
    text = "Une aide de 98 500,50 $ à Solidarité rurale."
    record = FundingRecord(recipient="Solidarité rurale", amount=Decimal("98500.50"), currency="CAD",
                           evidence=Evidence(0, len(text), text), ministers=("Mathieu Lacombe", "Sonia LeBel"))
    x = Extraction(text=text, published=None, records=(record,), entities={
        "amounts": (Amount(Decimal("98500.50"), "CAD", "98 500,50 $", 12, 23),),
        "organizations": (Mention("organization", "Solidarité rurale", 26, 43, "Solidarité rurale"),),
        "dates": (DateValue("2023", "year", "point", "x", 0, 1),)})
    r = show(x, jupyter=False)
    assert isinstance(r, ShowResult)
    row = r.records.iloc[0]
    assert row["amount"] == Decimal("98500.50") and row["ministers"] == "Mathieu Lacombe, Sonia LeBel"
    assert [s.label for s in r.span_rows] == ["DATE", "AMOUNT", "ORG"]


def test_show_in_jupyter_displays_html_and_returns_dataframe(monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas", reason="the records table needs pandas (notebooks extra)")
    display = pytest.importorskip("IPython.display", reason="Jupyter display needs IPython (notebooks extra)")
    shown: list[str] = []
    monkeypatch.setattr(display, "display", lambda obj: shown.append(obj.data))
    out = show(_annotation(), jupyter=True)
    assert isinstance(out, pd.DataFrame) and list(out["id"]) == ["r1"]
    assert len(shown) == 1 and "PROGRAM" in shown[0]


def test_show_outside_jupyter_by_default() -> None:
    assert isinstance(show(_annotation()), ShowResult)


@pytest.mark.parametrize("obj", [pytest.param("Une aide de 5 000 $.", id="plain-string"),
                                 pytest.param({"text": "x"}, id="dict")])
def test_show_rejects_other_objects(obj: object) -> None:
    with pytest.raises(TypeError, match="spaCy Doc, an Extraction or an Annotation"):
        show(obj, jupyter=False)  # type: ignore[arg-type]
