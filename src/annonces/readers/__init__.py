"""Files -> text: encodings, HTML, JSON/JSONL records, PDF, DOCX; one error per bad document.

Reading never raises on file content.  A document that cannot be read still yields a
:class:`Document` whose ``error`` says why (``"binary file"``, ``"empty document"``,
``"no text layer; OCR it first"``, ``"unsupported file type: .odt"``...), so a batch keeps
one output line per input.

The text of a document is *decoded and normalized*: newlines become ``\\n`` and the text
is in Unicode NFC.  Every character offset produced downstream is an offset into this
text (for HTML, into the extracted main text; for PDF, into the repaired text, with
``Document.pages`` giving each page's span).  Tables (HTML ``<table>``, DOCX and PDF
tables) are written one row per line, cells separated by tabs.

Texts longer than ``max_chars`` (default :data:`MAX_CHARS`, spaCy's default
``max_length``) are cut at the last line break before the limit and processed anyway;
the document then carries a ``warnings`` entry.

Modules: :mod:`~.document` (the ``Document``, normalization), :mod:`~.encodings`,
:mod:`~.html`, :mod:`~.text`, :mod:`~.jsonl`, :mod:`~.pdf` (+ :mod:`~.pdf_layout`),
:mod:`~.docx`, :mod:`~.walk` (folders, skip rules, symbolic links, dispatch by suffix).

>>> decode_bytes("Aide de 150 000 $ à l’œuvre".encode("cp1252"))
('Aide de 150 000 $ à l’œuvre', 'cp1252')
>>> doc = read_text_document("QUÉBEC, le 4 mai 2021\\r\\nUne aide de 2 M$.".encode(), doc_id="a", path="a.txt")
>>> doc.text, doc.encoding, doc.error
('QUÉBEC, le 4 mai 2021\\nUne aide de 2 M$.', 'utf-8', None)
"""

from __future__ import annotations

from .document import MAX_CHARS, Document, normalize_text, parse_published, sha1, truncate
from .docx import DOCX_SUFFIXES, read_docx_document
from .encodings import CANDIDATE_ENCODINGS, decode_bytes, french_score, is_binary
from .html import html_to_text
from .pdf import NO_TEXT, PDF_SUFFIXES, read_pdf_document
from .text import read_text_document
from .walk import (
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    SKIPPED_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    iter_documents,
    iter_paths,
    read_document,
    read_documents,
    skip_reason,
    skipped_paths,
)

__all__ = [
    "CANDIDATE_ENCODINGS", "DOCX_SUFFIXES", "HTML_SUFFIXES", "JSONL_SUFFIXES", "JSON_SUFFIXES", "MAX_CHARS",
    "NO_TEXT", "PDF_SUFFIXES", "SKIPPED_SUFFIXES", "SUPPORTED_SUFFIXES", "TEXT_SUFFIXES", "Document",
    "decode_bytes", "french_score", "html_to_text", "is_binary", "iter_documents", "iter_paths",
    "normalize_text", "parse_published", "read_docx_document", "read_document", "read_documents",
    "read_pdf_document", "read_text_document", "sha1", "skip_reason", "skipped_paths", "truncate",
]
