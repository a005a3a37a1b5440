"""HTML -> its main text (navigation, scripts, page header and footer dropped) and <meta> date."""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: elements whose whole content is dropped
_DROP = frozenset({"script", "style", "nav", "aside", "form", "noscript", "template", "svg",
                   "iframe", "button", "select", "dialog", "object", "canvas", "map"})
#: dropped unless inside <main> or <article> (where they hold the release title or date)
_DROP_OUTSIDE_CONTENT = frozenset({"header", "footer"})
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary", "menu",
                         "menubar", "dialog", "alert"})
_CONTENT = frozenset({"main", "article"})
_BLOCK = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
                    "dd", "tr", "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main",
                    "blockquote", "pre", "figure", "figcaption", "hr", "address", "header", "footer",
                    "details", "summary", "body", "title", "fieldset", "legend"})
_CELL = frozenset({"td", "th"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
#: <meta> names carrying the publication date, in order of preference
_DATE_META = ("dcterms.issued", "dc.date.issued", "article:published_time", "dcterms.date",
              "dc.date", "date", "pubdate", "publishdate", "og:published_time")


class _MainText(HTMLParser):
    """Collects visible text as lines, remembering which lines lie in <main>/<article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, drops its content, is main content)
        self.dropping = 0
        self.content_depth = 0
        self.pre = 0
        self.lines: list[tuple[str, bool, bool]] = []  # (text, in content, is h1)
        self.current: list[str] = []
        self.current_h1 = False
        self.title: list[str] = []
        self.in_title = False
        self.saw_content = False
        self.meta: dict[str, str] = {}
        self.cells = 0  # cells started in the current table row
        self.in_cell = 0  # depth of open <td>/<th>: block elements inside a cell do not end the line

    # -- structure
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
            return
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in _VOID:
            if tag in ("br", "hr") and not self.dropping:
                self._soft_break()
            return
        role = a.get("role", "").lower()
        drops = (tag in _DROP
                 or (tag in _DROP_OUTSIDE_CONTENT and not self.content_depth)
                 or role in _DROP_ROLES
                 or "hidden" in a or a.get("aria-hidden", "").lower() == "true")
        content = tag in _CONTENT or role == "main"
        if tag in _CELL:
            if self.cells:
                self.current.append("\t")  # cells of a row are separated by tabs, empty ones kept
            self.cells += 1
            self.in_cell += 1
        elif tag == "tr":
            self._break()
            self.cells = 0
        elif tag in _BLOCK:
            self._soft_break()
        self.stack.append((tag, drops, content))
        self.dropping += drops
        self.content_depth += content
        self.saw_content = self.saw_content or content
        self.pre += tag == "pre"
        self.in_title = self.in_title or tag == "title"
        self.current_h1 = self.current_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _d, _c in self.stack):
            return  # stray end tag: ignore (malformed HTML)
        while self.stack:  # close implicitly every element left open inside this one
            open_tag, drops, content = self.stack.pop()
            self.dropping -= drops
            self.content_depth -= content
            self.pre -= open_tag == "pre"
            if open_tag == "title":
                self.in_title = False
            if open_tag in _CELL:
                self.in_cell = max(0, self.in_cell - 1)
            elif open_tag == "tr":
                self._break()
                self.cells = 0
            elif open_tag in _BLOCK:
                self._soft_break()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.dropping:
            return
        if self.pre:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self._break()
                self.current.append(part)
        else:
            self.current.append(_HTML_SPACE.sub(" ", data))

    def _soft_break(self) -> None:
        """A line break, but a space inside a table cell (a cell stays on its row's line)."""
        if self.in_cell:
            self.current.append(" ")
        else:
            self._break()

    def _break(self) -> None:
        line = re.sub(r" *\t *", "\t", "".join(self.current).strip(" \n\r\f\v"))
        line = line if line.strip() else ""
        if line:
            self.lines.append((line, self.content_depth > 0, self.current_h1))
        self.current = []
        self.current_h1 = False

    # -- result
    def result(self) -> tuple[str, str | None]:
        self._break()
        lines = self.lines
        if self.saw_content:
            inside = [x for x in lines if x[1]]
            if sum(len(t) for t, _c, _h in inside) >= 200 or (inside and len(inside) >= len(lines) // 2):
                lines = inside
        body = [t for t, _c, _h in lines]
        title = _HTML_SPACE.sub(" ", "".join(self.title)).strip()
        if title and not any(h for _t, _c, h in lines):
            body.insert(0, title)
        return "\n".join(body), self._published()

    def _published(self) -> str | None:
        for key in (*_DATE_META, "time"):
            if key in self.meta:
                return self.meta[key]
        return None


def html_to_text(html: str) -> tuple[str, str | None]:
    """The main text of an HTML page, and its publication date from ``<meta>`` if any.

    Scripts, styles, navigation, forms, page header/footer and hidden elements are
    dropped; when the page has a ``<main>`` or ``<article>`` only its text is kept.
    Block elements end lines, entities are decoded, ``&nbsp;`` stays U+00A0, table
    cells are separated by tabs; the ``<title>`` is the first line when there is no
    ``<h1>``.  Malformed HTML never raises.

    >>> html_to_text("<title>Communiqué</title><nav>Accueil</nav><p>Une aide de 150&nbsp;000&nbsp;$ &agrave; Gasp&eacute;.<script>x()</script>")
    ('Communiqué\\nUne aide de 150\\xa0000\\xa0$ à Gaspé.', None)
    """
    parser = _MainText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; keep whatever was parsed
        pass
    return parser.result()


def looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))

