"""Readers: encodings, binary detection, HTML main text, JSON/JSONL records, folders."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annonces.readers import (
    MAX_CHARS,
    decode_bytes,
    html_to_text,
    is_binary,
    iter_documents,
    iter_paths,
    normalize_text,
    read_document,
    read_documents,
    read_text_document,
    truncate,
)

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
QUEBEC = "MATANE, le 12 mars 2022 - La ministre annonce une aide financière de 150 000 $ à la Ville de Matane « pour l'été »."
FRANCE = "Limoges, le 8 juin 2023 – Le préfet annonce l’attribution d’une subvention de 2,5 M€ au cœur de ville."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66"


# ---------------------------------------------------------------- decoding

DECODE_CASES = [
    pytest.param(QUEBEC.encode("utf-8"), QUEBEC, "utf-8", id="utf8"),
    pytest.param(codecs.BOM_UTF8 + FRANCE.encode("utf-8"), FRANCE, "utf-8-sig", id="utf8-bom"),
    pytest.param(FRANCE.encode("utf-16"), FRANCE, "utf-16", id="utf16-bom-native"),
    pytest.param(codecs.BOM_UTF16_BE + FRANCE.encode("utf-16-be"), FRANCE, "utf-16", id="utf16-bom-be"),
    pytest.param(codecs.BOM_UTF32_LE + FRANCE.encode("utf-32-le"), FRANCE, "utf-32", id="utf32-bom-le"),
    pytest.param(FRANCE.encode("cp1252"), FRANCE, "cp1252", id="cp1252-curly-apostrophe-oe-euro"),
    pytest.param(QUEBEC.encode("latin-1"), QUEBEC, "cp1252", id="latin1-read-as-its-cp1252-superset"),
    pytest.param("Aide de 2,5 M€ à la région Île-de-France, coût élevé.".encode("iso8859-15"),
                 "Aide de 2,5 M€ à la région Île-de-France, coût élevé.", "iso8859-15", id="iso8859-15-euro"),
    pytest.param(QUEBEC.encode("utf-16-le"), QUEBEC, "utf-16-le", id="utf16-le-without-bom"),
    pytest.param(QUEBEC.encode("utf-16-be"), QUEBEC, "utf-16-be", id="utf16-be-without-bom"),
    pytest.param(QUEBEC.encode("mac_roman"), QUEBEC, "mac-roman", id="mac-roman"),
    pytest.param(QUEBEC.encode("utf-8") + b" \x92 " + FRANCE.encode("utf-8"), QUEBEC + " \ufffd " + FRANCE,
                 "utf-8", id="utf8-with-one-stray-cp1252-byte"),
    pytest.param(b"", "", "utf-8", id="empty"),
]


@pytest.mark.parametrize(("data", "text", "encoding"), DECODE_CASES)
def test_decode_bytes(data: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(data) == (text, encoding)


@given(st.binary(max_size=600))
@settings(max_examples=300, deadline=None)
def test_decode_bytes_never_raises(data: bytes) -> None:
    text, encoding = decode_bytes(data)
    assert isinstance(text, str) and encoding


@given(st.text(max_size=200).filter(lambda t: not t.startswith("\ufeff")))
@settings(max_examples=200, deadline=None)
def test_utf8_round_trips(text: str) -> None:
    # a text opening on U+FEFF encodes to bytes opening on the UTF-8 signature, which
    # decode_bytes reads as utf-8-sig by design (its doctest and DECODE_CASES)
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


BINARY_CASES = [
    pytest.param(PNG, True, id="png"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02", True, id="pdf"),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", True, id="zip-docx"),
    pytest.param(b"\x7fELF\x02\x01\x01" + bytes(range(1, 30)) * 3, True, id="control-bytes-no-nul"),
    pytest.param(QUEBEC.encode(), False, id="utf8-text"),
    pytest.param(FRANCE.encode("cp1252"), False, id="cp1252-text"),
    pytest.param(FRANCE.encode("utf-16"), False, id="utf16-text-with-bom"),
    pytest.param(QUEBEC.encode("utf-16-le"), False, id="utf16-text-without-bom"),
    pytest.param(("Page 1\f" + QUEBEC + "\x1a").encode(), False, id="form-feed-and-eof-marker"),
]


@pytest.mark.parametrize(("data", "binary"), BINARY_CASES)
def test_is_binary(data: bytes, binary: bool) -> None:
    assert is_binary(data) is binary


NORMALIZE_CASES = [
    pytest.param("ligne 1\r\nligne 2\rligne 3", "ligne 1\nligne 2\nligne 3", id="crlf-and-cr"),
    pytest.param("Que\u0301bec, Montre\u0301al", "Québec, Montréal", id="nfd-to-nfc"),
    pytest.param("\ufeffTitre\u2028suite", "Titre\nsuite", id="bom-and-line-separator"),
    pytest.param("150\u00a0000\u00a0$ et 2\u202f307 $", "150\u00a0000\u00a0$ et 2\u202f307 $", id="nbsp-kept"),
]


@pytest.mark.parametrize(("raw", "normalized"), NORMALIZE_CASES)
def test_normalize_text(raw: str, normalized: str) -> None:
    assert normalize_text(raw) == normalized


def test_truncate_cuts_at_a_line_break_and_warns() -> None:
    text = "\n".join(f"Paragraphe {i} : une aide de {i} 000 $." for i in range(1000))
    kept, warnings = truncate(text, 5000)
    assert len(kept) <= 5000 and kept.endswith("$.\n") and text.startswith(kept)
    assert warnings == (f"truncated: processed the first {len(kept)} of {len(text)} characters",)


def test_truncate_without_any_break() -> None:
    assert truncate("x" * 50, 20) == ("x" * 20, ("truncated: processed the first 20 of 50 characters",))


# ---------------------------------------------------------------- HTML

HTML_CASES = [
    pytest.param(
        "<html><head><title>Aide à Gaspé</title><style>p{color:red}</style><script>var a='1 $';</script></head>"
        "<body><nav><a>Accueil</a></nav><p>Une aide de 150&nbsp;000&nbsp;$ &agrave; la Ville de Gasp&eacute;.</p></body></html>",
        "Aide à Gaspé\nUne aide de 150\u00a0000\u00a0$ à la Ville de Gaspé.", id="script-style-nav-dropped-entities-decoded"),
    pytest.param(
        "<title>Titre de l'onglet | Québec.ca</title><h1>Titre du communiqué</h1><p>Texte.</p>",
        "Titre du communiqué\nTexte.", id="h1-replaces-title"),
    pytest.param(
        "<body><div class='menu'>Accueil Ministères Services</div><main><h1>Annonce</h1>"
        "<p>QUÉBEC, le 4 mai 2021 – Une aide de 2 M$ est accordée au Musée de la civilisation pour son exposition permanente, "
        "dans le cadre du Programme d'aide aux immobilisations, annonce la ministre de la Culture et des Communications.</p></main>"
        "<div>Partager : Facebook Twitter</div></body>",
        "Annonce\nQUÉBEC, le 4 mai 2021 – Une aide de 2 M$ est accordée au Musée de la civilisation pour son exposition "
        "permanente, dans le cadre du Programme d'aide aux immobilisations, annonce la ministre de la Culture et des "
        "Communications.", id="main-content-only"),
    pytest.param(
        "<header>Gouvernement du Québec</header><article><header><h1>Aide à Rimouski</h1>"
        "<p>Publié le 3 mars 2020</p></header><p>Une aide de 80 000 $.</p><footer>Source : Cabinet</footer></article>"
        "<footer>© Québec</footer>",
        "Aide à Rimouski\nPublié le 3 mars 2020\nUne aide de 80 000 $.\nSource : Cabinet", id="header-footer-kept-inside-article"),
    pytest.param(
        "<p>Premier paragraphe<p>Deuxième <b>paragraphe</div> suite</span><br>après la coupure<li>point",
        "Premier paragraphe\nDeuxième paragraphe suite\naprès la coupure\npoint", id="malformed-unclosed-and-stray-tags"),
    pytest.param(
        "<ul><li>Ville de Sept-Îles : 40 000 $</li><li>MRC de Manicouagan : 25 000 $</li></ul>",
        "Ville de Sept-Îles : 40 000 $\nMRC de Manicouagan : 25 000 $", id="list-items-one-per-line"),
    pytest.param(
        "<table><tr><th>Organisme</th><th>Montant</th></tr><tr><td>Ville de Laval</td><td>1,2 M$</td></tr></table>",
        "Organisme\tMontant\nVille de Laval\t1,2 M$", id="table-cells-tab-separated"),
    pytest.param(
        "<p>L&#8217;aide &amp; le pr&ecirc;t &rsquo; &#x2013; &laquo;&nbsp;fin&nbsp;&raquo;</p>",
        "L’aide & le prêt ’ – «\u00a0fin\u00a0»", id="numeric-and-named-entities"),
    pytest.param(
        "<p>Visible</p><div hidden>caché</div><div aria-hidden='true'>icône</div><div role='navigation'>menu</div>"
        "<form><label>Courriel</label><input></form><p>Fin</p>",
        "Visible\nFin", id="hidden-roles-and-forms-dropped"),
    pytest.param("<pre>Montant :\n  150 000 $\n  Total</pre>", "Montant :\n150 000 $\nTotal", id="pre-keeps-lines"),
    pytest.param("<p>Une aide de 5 000 $", "Une aide de 5 000 $", id="unterminated-document"),
    pytest.param("<<>></p><!-- commentaire --><p>Texte &bogus; &amp</p>", "<<>>\nTexte &bogus; &", id="garbage-markup"),
]


@pytest.mark.parametrize(("html", "text"), HTML_CASES)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html)[0] == text


@pytest.mark.parametrize(("meta", "published"), [
    pytest.param('<meta name="dcterms.issued" content="2021-09-14">', "2021-09-14", id="canada-dcterms"),
    pytest.param('<meta property="article:published_time" content="2023-06-08T09:00:00+02:00">',
                 "2023-06-08T09:00:00+02:00", id="open-graph-article"),
    pytest.param('<p>Publié le <time datetime="2020-03-03">3 mars 2020</time></p>', "2020-03-03", id="time-element"),
    pytest.param("<p>Pas de date</p>", None, id="none"),
])
def test_html_publication_date(meta: str, published: str | None) -> None:
    assert html_to_text(f"<html><head>{meta}</head><body><p>Texte</p></body></html>")[1] == published


HTML_TOKENS = [*"<>/=\"' &;#abpdivscrtyle!-\n\u00e9", "<p>", "</p>", "<script>", "</script>", "&eacute;", "<nav>",
               "</nav>", "<main>", "</main>", "<pre>", "<title>", "<br/>", "<!--", "-->", "<td>", "<h1>"]


@given(st.lists(st.sampled_from(HTML_TOKENS), max_size=120).map("".join))
@settings(max_examples=300, deadline=None)
def test_html_to_text_never_raises(html: str) -> None:
    text, _published = html_to_text(html)
    assert isinstance(text, str)


# ---------------------------------------------------------------- documents


def test_html_file(tmp_path: Path) -> None:
    doc = read_document(FIXTURES / "page.html")
    assert doc.error is None and doc.published == dt.date(2021, 9, 14)
    assert doc.text is not None and doc.text.startswith("Soutien au Festival de la chanson de Tadoussac\nTADOUSSAC, le 14")
    assert "75\u00a0000\u00a0$" in doc.text and "région de la Côte-Nord" in doc.text
    for dropped in ("999 999", "dataLayer", "Salle de presse", "Fil d'Ariane", "10 000 $", "Activez", "©"):
        assert dropped not in doc.text


def test_txt_holding_html_is_sniffed(tmp_path: Path) -> None:
    p = tmp_path / "page.txt"
    p.write_text("<!DOCTYPE html><html><body><p>Une aide de 5 000&nbsp;$</p></body></html>", encoding="utf-8")
    assert read_document(p).text == "Une aide de 5 000\u00a0$"


READ_CASES = [
    pytest.param(b"", None, "empty document", id="empty"),
    pytest.param(b" \n\r\n\t ", None, "empty document", id="whitespace-only"),
    pytest.param(codecs.BOM_UTF16_LE, None, "empty document", id="bom-only"),
    pytest.param("\u00a0\n".encode(), None, "empty document", id="nbsp-only"),
    pytest.param(PNG + bytes(range(256)), None, "binary file", id="png-named-txt"),
    pytest.param("Une aide\r\nde 2 M$".encode("utf-16"), "Une aide\nde 2 M$", None, id="utf16-crlf"),
]


@pytest.mark.parametrize(("data", "text", "error"), READ_CASES)
def test_read_text_document(data: bytes, text: str | None, error: str | None) -> None:
    doc = read_text_document(data, doc_id="d", path="d.txt")
    assert (doc.text, doc.error) == (text, error)


def test_stray_byte_in_utf8_is_a_warning() -> None:
    doc = read_text_document(QUEBEC.encode() + b"\x9c" + FRANCE.encode(), doc_id="d", path="d.txt")
    assert doc.encoding == "utf-8" and doc.warnings == ("replaced 1 undecodable byte(s) with U+FFFD",)


def test_long_text_is_truncated_with_a_warning() -> None:
    data = (QUEBEC + "\n").encode() * 200
    doc = read_text_document(data, doc_id="d", path="d.txt", max_chars=5000)
    assert doc.error is None and doc.text is not None and len(doc.text) <= 5000
    assert doc.text.endswith("été ».\n") and doc.warnings[0].startswith("truncated: processed the first")
    assert MAX_CHARS == 1_000_000


@given(st.binary(max_size=400), st.sampled_from([".txt", ".html", ".json", ".jsonl", ".pdf", ""]))
@settings(max_examples=200, deadline=None)
def test_read_documents_never_raises(tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str) -> None:
    p = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
    p.write_bytes(data)
    docs = list(read_documents(p))
    assert docs
    for doc in docs:
        assert (doc.text is None) == (doc.error is not None)
        assert doc.text is None or doc.text.strip()


def test_unsupported_and_unreadable(tmp_path: Path) -> None:
    (tmp_path / "rapport.odt").write_bytes(b"PK\x03\x04")
    assert read_document(tmp_path / "rapport.odt").error == "unsupported file type: .odt"
    (tmp_path / "rapport.pdf").write_bytes(b"%PDF-1.7")
    assert read_document(tmp_path / "rapport.pdf").error.startswith("broken PDF: cannot open it")
    assert read_document(tmp_path / "absent.txt").error.startswith("cannot read file:")


def _jsonl(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records).encode()


def test_jsonl_one_document_per_record(tmp_path: Path) -> None:
    p = tmp_path / "lot.jsonl"
    p.write_bytes(_jsonl(
        {"id": "qc-2021-05-04-gaspe", "text": "QUÉBEC, le 4 mai 2021 – Une aide de 2 M$.", "published": "2021-05-04"},
        {"text": "Une aide de 80 000 $ à Rimouski.", "date": "2020-03-03T10:00:00-05:00"},
        "",
        '{"text": "coupé',
        {"titre": "sans texte"},
        {"text": 42},
        {"text": "   "},
        {"text": "Aide de 5 000 $.", "published": "mars 2020"},
        {"text": "Aide de 6 000 $.", "published": "2020-03"},
        ["pas", "un", "objet"],
    ))
    docs = list(read_documents(p, root=tmp_path))
    assert [(d.doc_id, d.path) for d in docs] == [
        ("qc-2021-05-04-gaspe", "lot.jsonl"), ("lot#2", "lot.jsonl"), ("lot#3", "lot.jsonl"), ("lot#4", "lot.jsonl"),
        ("lot#5", "lot.jsonl"), ("lot#6", "lot.jsonl"), ("lot#7", "lot.jsonl"), ("lot#8", "lot.jsonl"),
        ("lot#9", "lot.jsonl")]
    assert [d.published for d in docs[:2]] == [dt.date(2021, 5, 4), dt.date(2020, 3, 3)]
    assert docs[2].error.startswith("invalid JSON on record 3:")
    assert docs[3].error == "JSON record has no 'text' field"
    assert docs[4].error == "JSON record's 'text' is a int, not a string"
    assert docs[5].error == "empty document"
    assert docs[6].text == "Aide de 5 000 $." and docs[6].warnings == ("ignored publication date 'mars 2020' (not YYYY-MM-DD)",)
    assert (docs[7].published, docs[7].warnings) == (None, ())  # a month: no day to give, nothing wrong
    assert docs[8].error == "JSON record is a list, not an object with a 'text' field"
    assert len({d.content_sha1 for d in docs}) == len(docs)


def test_json_object_and_list(tmp_path: Path) -> None:
    (tmp_path / "un.json").write_text(json.dumps({"text": "Aide de 5 000 $.", "published": "2022-01-31"}), encoding="utf-8")
    (tmp_path / "liste.json").write_text(json.dumps([{"text": "A de 1 $."}, {"id": 7, "text": "B de 2 $."}]), encoding="utf-8")
    (tmp_path / "casse.json").write_text("{\"text\": ", encoding="utf-8")
    one = read_document(tmp_path / "un.json")
    assert (one.doc_id, one.text, one.published) == ("un", "Aide de 5 000 $.", dt.date(2022, 1, 31))
    assert [d.doc_id for d in read_documents(tmp_path / "liste.json")] == ["liste#1", "7"]
    assert read_document(tmp_path / "liste.json").error == "file holds 2 records; use read_documents()"
    assert read_document(tmp_path / "casse.json").error.startswith("invalid JSON:")


def test_jsonl_in_utf16_and_binary_jsonl(tmp_path: Path) -> None:
    (tmp_path / "u16.jsonl").write_bytes(_jsonl({"text": "Aide de 2,5 M€."}, {"text": "Aide de 3 M€."}).decode().encode("utf-16"))
    (tmp_path / "bin.jsonl").write_bytes(PNG * 40)
    assert [d.text for d in read_documents(tmp_path / "u16.jsonl")] == ["Aide de 2,5 M€.", "Aide de 3 M€."]
    assert [d.error for d in read_documents(tmp_path / "bin.jsonl")] == ["binary file"]


# ---------------------------------------------------------------- folders


def test_iter_paths_sorted_skipping_hidden_and_folders(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a.txt", "A/b.txt", ".cache/x.txt", "a/.brouillon.txt", "c.html"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Aide de 1 $.", encoding="utf-8")
    (tmp_path / "vide").mkdir()
    rels = [p.relative_to(tmp_path).as_posix() for p in iter_paths(tmp_path)]
    assert rels == ["A/b.txt", "a.txt", "a/z.txt", "b.txt", "c.html"]
    assert [p.name for p in iter_paths(tmp_path, "*.txt", exclude=[tmp_path / "b.txt"])] == ["a.txt"]
    assert [d.path for d in iter_documents(tmp_path, "**/*.txt")] == ["A/b.txt", "a.txt", "a/z.txt", "b.txt"]
