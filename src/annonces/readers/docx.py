"""DOCX files -> one :class:`Document`: paragraphs and tables in body order (``python-docx``).

Each paragraph is a line; each table row is a line whose cells are separated by tabs (a
merged cell counted once, a cell's own paragraphs joined by spaces), the form
:func:`annonces.segmentation.find_tables` reads back.  ``title`` and ``published`` come
from the core properties (title, creation date).  A file that is not a DOCX (a ZIP
without a Word body, an encrypted document, an old ``.doc``) gets an error.  Never raises.
"""

from __future__ import annotations

import io
from dataclasses import replace

from .document import Document, finish, sha1

DOCX_SUFFIXES = frozenset({".docx"})


def _cell_text(cell) -> str:
    return " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip()).replace("\t", " ")


def _row_line(row) -> str:
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue  # a merged cell repeats in every column it spans
        seen.add(id(cell._tc))
        cells.append(_cell_text(cell))
    return "\t".join(cells)


def docx_lines(document) -> list[str]:
    """The lines of a python-docx ``Document``: paragraphs, and table rows with tab-separated cells."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                lines.append(text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                line = _row_line(row)
                if line.strip():
                    lines.append(line)
    return lines


def read_docx_document(data: bytes, *, doc_id: str, path: str | None, max_chars: int) -> Document:
    """A document from the bytes of a DOCX file; never raises.

    >>> read_docx_document(b"pas un docx", doc_id="x", path="x.docx", max_chars=1000).error
    'not a readable DOCX file (File is not a zip file)'
    """
    import docx

    doc = Document(doc_id=doc_id, path=path, text=None, content_sha1=sha1(data))
    try:
        document = docx.Document(io.BytesIO(data))
        lines = docx_lines(document)
        props = document.core_properties
        title, created = props.title, props.created
    except Exception as e:  # BadZipFile, KeyError (no word/document.xml), XML errors
        return replace(doc, error=f"not a readable DOCX file ({e})")
    doc = replace(doc, title=(title or "").strip() or None, published=created.date() if created else None)
    return finish(doc, "\n".join(lines), max_chars)
