"""PDF files -> one :class:`Document`: text in reading order, pages, tables as tab-separated rows.

Read with PDFium (``pypdfium2``), chosen by measurement over pypdf, pdfminer.six and
pdfplumber (``python bench/pdf.py --compare``, a 100-page PDF of prose and tables, 2 cores):
this reader 114 pages/s at 72 MB (text, runs and their boxes, layout), pypdf 52 pages/s
(text only, no positions), pdfminer.six 6.7, pdfplumber 2.7 pages/s at 447 MB.  Only PDFium
and pdfplumber give the position of every run of text, which tables need; the text PDFium
gives is as good on our test PDFs (reading order, accents, cut words marked).

* Each page is laid out by :func:`annonces.readers.pdf_layout.page_blocks` (prose lines,
  table rows); page numbers and lines repeated at the top or bottom of pages are dropped;
  a table going on over the next page is one table (its repeated header row dropped).
* Table rows are written one per line, cells separated by tabs (the form
  :func:`annonces.segmentation.find_tables` reads back); prose lines are joined into
  paragraphs by :func:`annonces.textview.repair` (line ends, cut words).  The text is the
  repaired text: offsets slice it directly, ``Document.pages`` gives each page's span.
* ``title`` and ``published`` come from the metadata (``Title``, ``CreationDate``).
* A PDF with no text at all (scanned pages) gets the error ``no text layer; OCR it first``;
  an encrypted or broken one gets its own error.  Never raises.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace

from ..normalize.text import DASH_CLASS
from ..textview import repair
from .document import Document, finish, sha1
from .pdf_layout import Block, Run, page_blocks

PDF_SUFFIXES = frozenset({".pdf"})
NO_TEXT = "no text layer; OCR it first"
_PAGE_NUMBER = re.compile(r"(?i:page\s*)?" + DASH_CLASS + r"?\s*\d{1,4}\s*" + DASH_CLASS + r"?(?:\s*(?:/|de|sur|of)\s*\d{1,4})?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def pdf_date(value: str | None) -> dt.date | None:
    """The day of a PDF date string (``D:20210504103000-04'00'``).

    >>> pdf_date("D:20210504103000-04'00'"), pdf_date(""), pdf_date("D:2021")
    (datetime.date(2021, 5, 4), None, None)
    """
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _page_runs(page) -> list[Run]:
    """The text runs of a PDFium page, in content-stream order."""
    textpage = page.get_textpage()
    try:
        runs = []
        for k in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(k)
            text = textpage.get_text_bounded(left, bottom, right, top)
            text = text.replace("\ufffe", "-").replace("\x02", "-").replace("\u00ad", "-")  # PDFium's line-end hyphens
            text = unicodedata.normalize("NFC", _CONTROLS.sub(" ", text))
            runs.append(Run(left, bottom, right, top, text))
        return runs
    finally:
        textpage.close()


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.casefold()).strip()


def _page_ends(blocks: list[Block]) -> list[Block]:
    """The first and last prose blocks of a page (once each)."""
    ends = [b for b in (blocks[:1] + blocks[-1:]) if b.kind == "prose" and b.lines]
    return ends[:1] if len(ends) == 2 and ends[0] is ends[1] else ends


def _drop_furniture(pages: list[list[Block]]) -> None:
    """Remove page numbers, and first or last lines repeated on several pages (headers, footers)."""
    counts: dict[str, int] = {}
    for blocks in pages:
        keys = {_furniture_key(line) for b in _page_ends(blocks) for line in (b.lines[0], b.lines[-1])}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1

    def furniture(line: str) -> bool:
        repeated = len(pages) > 1 and counts.get(_furniture_key(line), 0) >= 2 and len(line) <= 100
        return bool(_PAGE_NUMBER.fullmatch(line.strip())) or repeated

    for blocks in pages:
        for b in _page_ends(blocks):
            while b.lines and furniture(b.lines[0]):
                b.lines.pop(0)
            while b.lines and furniture(b.lines[-1]):
                b.lines.pop()
        blocks[:] = [b for b in blocks if b.lines or b.rows]


def _join_tables(pages: list[list[Block]]) -> None:
    """A table going on at the top of the next page (same columns): its rows, without a repeated header."""
    for k in range(1, len(pages)):
        before, here = pages[k - 1], pages[k]
        if not (before and here and before[-1].kind == "table" and here[0].kind == "table"):
            continue
        old, new = before[-1], here[0]
        if len(old.rows[0]) != len(new.rows[0]):
            continue
        if new.rows[0] == old.rows[0]:
            new.rows.pop(0)
        new.kind = "continued"  # rendered right after the rows of the page before


def _render(pages: list[list[Block]]) -> tuple[str, list[int], list[tuple[int, int]]]:
    """The raw text, each page's start offset, and the spans of table rows."""
    lines: list[str] = []
    size = 0
    starts: list[int] = []
    fixed: list[tuple[int, int]] = []
    for blocks in pages:
        starts.append(size)
        for b in blocks:
            if b.kind == "prose":
                out = b.lines
            else:
                out = ["\t".join(cell.replace("\t", " ") for cell in row) for row in b.rows]
            for line in out:
                if b.kind != "prose":
                    fixed.append((size, size + len(line)))
                lines.append(line)
                size += len(line) + 1
    return "\n".join(lines), starts, fixed


def _error(e: Exception) -> str:
    message = str(e)
    if "password" in message.lower():
        return "encrypted PDF: a password is needed to read it"
    return f"broken PDF: cannot open it ({message.strip().rstrip('.')})"


def read_pdf_document(data: bytes, *, doc_id: str, path: str | None, max_chars: int) -> Document:
    """A document from the bytes of a PDF file (see the module docstring); never raises.

    >>> read_pdf_document(b"%PDF-1.4 pas un vrai fichier", doc_id="x", path="x.pdf", max_chars=1000).error
    'broken PDF: cannot open it (Failed to load document (PDFium: Data format error))'
    """
    import pypdfium2 as pdfium

    doc = Document(doc_id=doc_id, path=path, text=None, content_sha1=sha1(data))
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as e:  # PdfiumError: encrypted, damaged, not a PDF
        return replace(doc, error=_error(e))
    try:
        meta = pdf.get_metadata_dict()
        pages: list[list[Block]] = []
        blank: list[int] = []
        for n in range(len(pdf)):
            page = pdf[n]
            try:
                runs = _page_runs(page)
            finally:
                page.close()
            if not any(r.text.strip() for r in runs):
                blank.append(n + 1)
            pages.append(page_blocks(runs))
    except Exception as e:  # a page PDFium cannot read
        return replace(doc, error=_error(e))
    finally:
        pdf.close()
    doc = replace(doc, title=(meta.get("Title") or "").strip() or None, published=pdf_date(meta.get("CreationDate")))
    if len(blank) == len(pages):
        return replace(doc, error=NO_TEXT)
    if blank:
        doc = replace(doc, warnings=(f"no text layer on page(s) {', '.join(map(str, blank))}; OCR them to read them",))
    _drop_furniture(pages)
    _join_tables(pages)
    raw, starts, fixed = _render(pages)
    view = repair(raw, wrapped=True, fixed=fixed)
    doc = finish(doc, view.text, max_chars)
    if doc.text is None:
        return replace(doc, error=NO_TEXT)
    bounds = [min(view.from_original(s), len(doc.text)) for s in starts] + [len(doc.text)]
    return replace(doc, pages=tuple((bounds[k], max(bounds[k], bounds[k + 1])) for k in range(len(starts))))
