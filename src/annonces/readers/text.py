"""Text and HTML files -> one :class:`Document`.

>>> doc = read_text_document("QUÉBEC, le 4 mai 2021\\r\\nUne aide de 2 M$.".encode(), doc_id="a", path="a.txt")
>>> doc.text, doc.encoding, doc.error
('QUÉBEC, le 4 mai 2021\\nUne aide de 2 M$.', 'utf-8', None)
"""

from __future__ import annotations

from dataclasses import replace

from .document import Document, MAX_CHARS, finish, parse_published, sha1
from .encodings import decode_bytes, is_binary, replaced
from .html import html_to_text, looks_like_html


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
    if encoding == "utf-8" and (bad := replaced(data, text)):
        doc = replace(doc, warnings=(f"replaced {bad} undecodable byte(s) with U+FFFD",))
    if html or (html is None and looks_like_html(text)):
        text, meta_date = html_to_text(text)
        doc = replace(doc, published=parse_published(meta_date))
    return finish(doc, text, max_chars)

