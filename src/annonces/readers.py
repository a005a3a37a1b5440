"""Files -> text: encodings, HTML, JSON/JSONL records; one error per bad document.

Reading never raises on file content.  A document that cannot be read still
yields a :class:`Document` whose ``error`` says why (``"binary file"``,
``"empty document"``, ``"unsupported file type: .pdf"``...), so a batch keeps one
output line per input.

The text of a document is *decoded and normalized*: newlines become ``\\n`` and
the text is in Unicode NFC.  Every character offset produced downstream is an
offset into this text (for HTML, into the extracted main text).

Texts longer than ``max_chars`` (default :data:`MAX_CHARS`, spaCy's default
``max_length``) are cut at the last line break before the limit and processed
anyway; the document then carries a ``warnings`` entry.  Offsets stay valid in
the full text, since the kept text is its prefix.

>>> decode_bytes("Aide de 150 000 $ à l’œuvre".encode("cp1252"))
('Aide de 150 000 $ à l’œuvre', 'cp1252')
>>> doc = read_text_document("QUÉBEC, le 4 mai 2021\\r\\nUne aide de 2 M$.".encode(), doc_id="a", path="a.txt")
>>> doc.text, doc.encoding, doc.error
('QUÉBEC, le 4 mai 2021\\nUne aide de 2 M$.', 'utf-8', None)
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .htmltext import html_to_text, looks_like_html

#: Longest text processed, in characters (spaCy's default ``nlp.max_length``).
MAX_CHARS = 1_000_000
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

#: Single-byte encodings a French text may plausibly be in, by preference on a tie.
#: (latin-1 is cp1252 but for 0x80-0x9F, C1 controls that no text holds.)
CANDIDATE_ENCODINGS = ("cp1252", "iso8859_15", "mac_roman", "cp850", "latin_1")
#: non-ASCII characters of French texts: accented letters, ligatures, quotes, dashes, spaces, signs
_FRENCH = frozenset("àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŸŒÆ«»€’‘“”–—…°·§²³½¼\u00a0\u202f")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SCORE_BYTES = 1 << 20
_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_SNIFF = 8192
#: bytes that never occur in text (all C0 controls but \t \n \v \f \r and ESC, SUB)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26, 27))
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


@dataclass(frozen=True)
class Document:
    """One input document.

    ``text`` is ``None`` exactly when ``error`` is set.  ``path`` is relative to the
    batch input folder (POSIX form); ``None`` for texts that come from no file.  ``published`` comes from the file itself (a
    JSON record's ``published``/``date`` field, an HTML ``<meta>`` date), if any.
    ``content_sha1`` identifies the content for ``--resume``: the file bytes, or the
    record for JSON/JSONL.
    """

    doc_id: str
    path: str | None
    text: str | None
    encoding: str | None = None
    error: str | None = None
    published: dt.date | None = None
    content_sha1: str | None = None
    warnings: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` as text, guessing the encoding; never raises.

    Order: byte-order marks, strict UTF-8, UTF-16 without BOM (alternating NULs),
    UTF-8 with a few stray bytes (replaced by U+FFFD), then the single-byte encoding
    of :data:`CANDIDATE_ENCODINGS` whose reading looks most French
    (:func:`french_score`; charset-normalizer alone misreads short cp1252 French
    texts as Mac Roman), then, for texts French in none of them, charset-normalizer's
    guess, then cp1252 or latin-1 (which decodes anything).  Newlines are *not*
    normalized here.

    >>> decode_bytes("Coût : 2,5 M€".encode("utf-8-sig"))
    ('Coût : 2,5 M€', 'utf-8-sig')
    >>> decode_bytes("Québec « été »".encode("latin-1"))
    ('Québec « été »', 'cp1252')
    >>> decode_bytes("Aide de 2,5 M€".encode("utf-16"))
    ('Aide de 2,5 M€', 'utf-16')
    >>> decode_bytes(b"")
    ('', 'utf-8')
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    lenient = data.decode("utf-8", errors="replace")
    if _mostly_utf8(data, lenient):
        return lenient, "utf-8"
    return _single_byte(data)


def _replaced(data: bytes, text: str) -> int:
    """How many U+FFFD in ``text`` come from undecodable bytes (not from the input)."""
    return text.count("\ufffd") - data.count("\ufffd".encode())


def _mostly_utf8(data: bytes, lenient: str) -> bool:
    """UTF-8 with a few stray bytes: at least 5 well-formed non-ASCII characters per bad one."""
    bad = _replaced(data, lenient)
    good = len(lenient) - len(lenient.encode("ascii", "ignore")) - lenient.count("\ufffd")
    return good >= 5 * bad


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without BOM: NUL in one byte of (almost) every ASCII character."""
    head = data[:_SNIFF]
    if len(head) < 4 or head.count(0) < len(head) // 4:
        return None
    even, odd = head[0::2], head[1::2]
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) > 0.6 * len(high) and low.count(0) < 0.05 * len(low):
            try:
                text = data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, codec
    return None


def _single_byte(data: bytes) -> tuple[str, str]:
    """The single-byte candidate whose reading looks most French; never raises."""
    sample = data[:_SCORE_BYTES]
    best: tuple[int, str] | None = None
    for codec in CANDIDATE_ENCODINGS:
        try:
            score = french_score(sample.decode(codec))
        except UnicodeDecodeError:
            continue
        if best is None or score > best[0]:
            best = (score, codec)
    if best is not None and best[0] > 0:
        return data.decode(best[1]), _codec_name(best[1])
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of a text that is not French in any candidate encoding."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            return None
        return data.decode(best.encoding), _codec_name(best.encoding)
    except Exception:  # a failed or wrong guess falls back to cp1252/latin-1
        return None


def french_score(text: str) -> int:
    """How French the non-ASCII characters of ``text`` look: +1 for a letter or sign
    French texts use, -1 for any other, -3 for a C1 control character.

    >>> french_score("2,5 M€ à l’œuvre"), french_score("2,5 MÄ ‡ líúuvre")
    (4, -4)
    """
    score = 0
    for char, n in Counter(_NON_ASCII.findall(text)).items():
        if char in _FRENCH:
            score += n
        elif "\x80" <= char <= "\x9f":
            score -= 3 * n
        else:
            score -= n
    return score


def _codec_name(name: str) -> str:
    """A stable, readable codec name (``latin_1`` -> ``latin-1``)."""
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return name
    return {"iso8859-1": "latin-1"}.get(canonical, canonical)


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    sample = text[:_SNIFF]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\v\f\r") or c == "\ufffd")
    return bad <= 0.02 * len(sample)


def is_binary(data: bytes) -> bool:
    """Whether ``data`` looks like a binary (non-text) file.

    NUL bytes, or more than 10 % of control bytes in the first 8 KB; text with a
    byte-order mark or UTF-16 without BOM is not binary.

    >>> is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR"), is_binary("Aide de 150 000 $".encode())
    (True, False)
    >>> is_binary("Aide".encode("utf-16"))
    False
    """
    if any(data.startswith(bom) for bom, _codec, _name in _BOMS):
        return False
    head = data[:_SNIFF]
    if not head:
        return False
    if b"\x00" in head:
        return _utf16_without_bom(data) is None
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > 0.1 * len(head)


def normalize_text(text: str) -> str:
    """Newlines to ``\\n``, Unicode NFC, no BOM: the text every offset refers to.

    >>> normalize_text("\\ufeffQue\\u0301bec\\r\\n2 M$\\r")
    'Québec\\n2 M$\\n'
    """
    text = text.removeprefix("\ufeff")
    text = _NEWLINES.sub("\n", text)
    return unicodedata.normalize("NFC", text)


def truncate(text: str, max_chars: int = MAX_CHARS) -> tuple[str, tuple[str, ...]]:
    """``text`` cut to at most ``max_chars`` characters, with a warning when cut.

    The cut falls after the last line break in the second half of the kept text if there
    is one, else after the last space there, else at ``max_chars``.

    >>> truncate("ligne un\\nligne deux", 12)
    ('ligne un\\n', ('truncated: processed the first 9 of 19 characters',))
    >>> truncate("court", 12)
    ('court', ())
    """
    if len(text) <= max_chars:
        return text, ()
    cut = text.rfind("\n", max_chars // 2, max_chars)
    if cut < 0:
        cut = text.rfind(" ", max_chars // 2, max_chars)
    end = cut + 1 if cut >= 0 else max_chars
    return text[:end], (f"truncated: processed the first {end} of {len(text)} characters",)


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


# ---------------------------------------------------------------- documents


def parse_published(value: Any) -> dt.date | None:
    """A publication date from a metadata value: ISO date or date-time, else ``None``.

    >>> parse_published("2021-05-04T10:30:00-04:00"), parse_published("4 mai"), parse_published(None)
    (datetime.date(2021, 5, 4), None, None)
    """
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _finish(doc: Document, text: str, max_chars: int) -> Document:
    """Normalize ``text`` and set it on ``doc``, or the right error when it is empty."""
    text = normalize_text(text)
    if not text.strip():
        return replace(doc, text=None, error="empty document")
    text, warnings = truncate(text, max_chars)
    return replace(doc, text=text, warnings=doc.warnings + warnings)


def read_text_document(data: bytes, *, doc_id: str, path: str, html: bool | None = None,
                       max_chars: int = MAX_CHARS) -> Document:
    """A document from the bytes of a text or HTML file (``html=None``: sniff).

    >>> read_text_document(b"", doc_id="v", path="v.txt").error
    'empty document'
    >>> read_text_document(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", doc_id="p", path="p.txt").error
    'binary file'
    """
    doc = Document(doc_id=doc_id, path=path, text=None, content_sha1=sha1(data))
    if not data.strip():
        return replace(doc, error="empty document")
    if is_binary(data):
        return replace(doc, error="binary file")
    text, encoding = decode_bytes(data)
    doc = replace(doc, encoding=encoding)
    if encoding == "utf-8" and (bad := _replaced(data, text)):
        doc = replace(doc, warnings=(f"replaced {bad} undecodable byte(s) with U+FFFD",))
    if html or (html is None and looks_like_html(text)):
        text, meta_date = html_to_text(text)
        doc = replace(doc, published=parse_published(meta_date))
    return _finish(doc, text, max_chars)


def _record_document(record: Any, *, default_id: str, path: str, max_chars: int,
                     encoding: str | None) -> Document:
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True).encode()
    doc = Document(doc_id=default_id, path=path, text=None, encoding=encoding, content_sha1=sha1(canonical))
    if not isinstance(record, dict):
        return replace(doc, error=f"JSON record is a {type(record).__name__}, not an object with a 'text' field")
    if record.get("id") is not None and str(record["id"]).strip():
        doc = replace(doc, doc_id=str(record["id"]))
    raw_date = record.get("published", record.get("date"))
    published = parse_published(raw_date)
    partial = isinstance(raw_date, str) and re.fullmatch(r"\s*\d{4}(-\d{2})?\s*", raw_date)
    if raw_date not in (None, "") and published is None and not partial:  # a year or month says no day
        doc = replace(doc, warnings=(f"ignored publication date {str(raw_date)[:40]!r} (not YYYY-MM-DD)",))
    doc = replace(doc, published=published)
    text = record.get("text")
    if text is None:
        return replace(doc, error="JSON record has no 'text' field")
    if not isinstance(text, str):
        return replace(doc, error=f"JSON record's 'text' is a {type(text).__name__}, not a string")
    return _finish(doc, text, max_chars)


def _json_documents(data: bytes, *, stem: str, path: str, max_chars: int) -> Iterator[Document]:
    text, encoding = decode_bytes(data)
    try:
        value = json.loads(text.removeprefix("\ufeff"))
    except ValueError as e:
        yield Document(doc_id=stem, path=path, text=None, encoding=encoding, content_sha1=sha1(data),
                       error=f"invalid JSON: {e}")
        return
    if isinstance(value, list):
        if not value:
            yield Document(doc_id=stem, path=path, text=None, encoding=encoding, content_sha1=sha1(data),
                           error="empty document")
        for n, record in enumerate(value, 1):
            yield _record_document(record, default_id=f"{stem}#{n}", path=path, max_chars=max_chars,
                                   encoding=encoding)
    else:
        yield _record_document(value, default_id=stem, path=path, max_chars=max_chars, encoding=encoding)


def _jsonl_documents(file: Path, *, stem: str, path: str, max_chars: int) -> Iterator[Document]:
    """One document per non-blank line, streamed; a bad line is that record's error."""
    with file.open("rb") as f:
        head = f.read(_SNIFF)
        f.seek(0)
        if is_binary(head):
            digest = hashlib.sha1()
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
            yield Document(doc_id=stem, path=path, text=None, content_sha1=digest.hexdigest(),
                           error="binary file")
            return
        if any(head.startswith(bom) for bom, _c, _n in _BOMS if _n != "utf-8-sig"):
            text, _enc = decode_bytes(f.read())  # UTF-16/32: line splitting needs decoded text
            lines: Iterable[bytes | str] = text.split("\n")
        else:
            lines = f
        n = 0
        for raw in lines:
            if isinstance(raw, bytes):
                line, encoding = decode_bytes(raw)
            else:
                line, encoding = raw, "utf-16"
            line = line.removeprefix("\ufeff").strip()
            if not line:
                continue
            n += 1
            try:
                record = json.loads(line)
            except ValueError as e:
                yield Document(doc_id=f"{stem}#{n}", path=path, text=None, encoding=encoding,
                               content_sha1=sha1(line.encode()), error=f"invalid JSON on record {n}: {e}")
                continue
            yield _record_document(record, default_id=f"{stem}#{n}", path=path, max_chars=max_chars,
                                   encoding=encoding)
        if n == 0:
            yield Document(doc_id=stem, path=path, text=None, content_sha1=sha1(b""), error="empty document")


def read_documents(file: str | Path, *, root: str | Path | None = None,
                   max_chars: int = MAX_CHARS) -> Iterator[Document]:
    """Every document in ``file``: one for a text/HTML file, one per record for JSON/JSONL.

    ``root`` is the folder ``path`` is made relative to (default: the file's folder).
    Never raises on content; an unreadable file yields one document with an ``error``.
    A ``.json`` holding a list and a ``.jsonl`` give ids ``<stem>#<n>`` (n from 1) unless
    a record has an ``id``.
    """
    file = Path(file)
    base = Path(root) if root is not None else file.parent
    try:
        rel = file.relative_to(base).as_posix()
    except ValueError:
        rel = file.as_posix()
    stem, suffix = file.stem, file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield Document(doc_id=stem, path=rel, text=None, error=f"unsupported file type: {suffix}")
        return
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_documents(file, stem=stem, path=rel, max_chars=max_chars)
            return
        data = file.read_bytes()
    except OSError as e:
        yield Document(doc_id=stem, path=rel, text=None, error=f"cannot read file: {e.strerror or e}")
        return
    if suffix in JSON_SUFFIXES:
        if is_binary(data):
            yield Document(doc_id=stem, path=rel, text=None, content_sha1=sha1(data), error="binary file")
        else:
            yield from _json_documents(data, stem=stem, path=rel, max_chars=max_chars)
        return
    yield read_text_document(data, doc_id=stem, path=rel, max_chars=max_chars,
                             html=True if suffix in HTML_SUFFIXES else None)


def read_document(file: str | Path, *, root: str | Path | None = None,
                  max_chars: int = MAX_CHARS) -> Document:
    """The one document in ``file`` (text, HTML, or a JSON/JSONL file holding one record).

    A JSON/JSONL file with several records gives a document whose ``error`` says to
    use :func:`read_documents`.
    """
    docs = read_documents(file, root=root, max_chars=max_chars)
    first = next(docs)
    rest = sum(1 for _ in docs)
    if rest:
        return Document(doc_id=Path(file).stem, path=first.path, text=None,
                        error=f"file holds {rest + 1} records; use read_documents()")
    return first


def iter_paths(input_dir: str | Path, glob: str = "**/*", *,
               exclude: Iterable[str | Path] = ()) -> list[Path]:
    """Files under ``input_dir`` matching ``glob``, sorted by relative POSIX path.

    Directories, hidden files and files in hidden folders (name starting with ``.``)
    and the paths in ``exclude`` (e.g. the batch output) are skipped.
    """
    root = Path(input_dir)
    skip = {Path(p).resolve() for p in exclude}
    found: list[tuple[str, Path]] = []
    for p in root.glob(glob):
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not p.is_file():
            continue
        if skip and p.resolve() in skip:
            continue
        found.append((rel.as_posix(), p))
    found.sort(key=lambda x: x[0])
    return [p for _rel, p in found]


def iter_documents(input_dir: str | Path, glob: str = "**/*", *, exclude: Iterable[str | Path] = (),
                   max_chars: int = MAX_CHARS) -> Iterator[Document]:
    """Every document under ``input_dir``, in sorted path order (see :func:`iter_paths`).

    Lazy: one file is read at a time.
    """
    for p in iter_paths(input_dir, glob, exclude=exclude):
        yield from read_documents(p, root=input_dir, max_chars=max_chars)
