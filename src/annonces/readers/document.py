"""The :class:`Document` every reader returns, and the normalization of its text.

The text of a document is *decoded and normalized*: newlines become ``\\n`` and the text is
in Unicode NFC.  Every character offset produced downstream is an offset into this text.
Texts longer than ``max_chars`` (default :data:`MAX_CHARS`) are cut at the last line break
before the limit; the document then carries a ``warnings`` entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

#: Longest text processed, in characters (spaCy's default ``nlp.max_length``).
MAX_CHARS = 1_000_000
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


@dataclass(frozen=True)
class Document:
    """One input document.

    ``text`` is ``None`` exactly when ``error`` is set.  ``path`` is relative to the
    batch input folder (POSIX form); ``None`` for texts that come from no file.
    ``published`` comes from the file itself (a JSON record's ``published``/``date``
    field, an HTML ``<meta>`` date, a PDF or DOCX creation date), if any.
    ``content_sha1`` identifies the content for ``--resume``: the file bytes, or the
    record for JSON/JSONL.  ``pages`` holds the ``(start, end)`` offsets of each page of a
    PDF (empty for unpaged formats); ``title`` the title from the file's metadata.
    """

    doc_id: str
    path: str | None
    text: str | None
    encoding: str | None = None
    error: str | None = None
    published: dt.date | None = None
    content_sha1: str | None = None
    warnings: tuple[str, ...] = field(default=())
    pages: tuple[tuple[int, int], ...] = ()
    title: str | None = None

    def page_at(self, offset: int) -> int | None:
        """The page number (from 1) holding character ``offset``; ``None`` for unpaged documents.

        >>> Document("d", None, "un\\fdeux", pages=((0, 3), (3, 7))).page_at(4)
        2
        """
        for n, (start, end) in enumerate(self.pages, 1):
            if start <= offset < end or (offset == end and n == len(self.pages)):
                return n
        return None



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


def finish(doc: Document, text: str, max_chars: int) -> Document:
    """Normalize ``text`` and set it on ``doc``, or the right error when it is empty."""
    text = normalize_text(text)
    if not text.strip():
        return replace(doc, text=None, error="empty document")
    text, warnings = truncate(text, max_chars)
    return replace(doc, text=text, warnings=doc.warnings + warnings)

