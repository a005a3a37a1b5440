"""The widget's front end (static/widget.js) rendered in headless Chromium, no Jupyter server.

A standalone page imports the ESM (as a ``data:`` URL: module scripts cannot be loaded
from ``file://``) and calls its ``render`` with a fake model holding the state the
Python session would sync.  One test screenshots the page and checks the PNG is not
blank and shows the label colours; one drives the page (select text, click a label
button, click next) and checks the messages the view sends, offsets included.

Chromium comes from Debian's ``chromium`` package (CI: ``apt-get install -y chromium``).
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from annonces.annotation.format import Annotation, RecordAnnotation, Span
from annonces.annotation.show import label_colors
from annonces.annotation.widget import CorrectionSession, session_state, static_text

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install -y chromium)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--virtual-time-budget=8000"]

# an emoji before the spans: JavaScript counts it as two UTF-16 units, Python as one character
TEXT = ("📣 Une aide de 90 000 $ pour la Maison des jeunes de Val-d'Or\n\n"
        "VAL-D'OR, le 12 septembre 2022 - Le ministre responsable de la région de l'Abitibi-Témiscamingue "
        "annonce une aide financière de 90 000 $ à la Maison des jeunes de Val-d'Or, en "
        "Abitibi-Témiscamingue, pour rénover son local. Le projet coûtera 140 000 $ au total.\n")


def _at(piece: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(piece, start + 1)
    return start, start + len(piece)


def _session() -> CorrectionSession:
    spans = [Span("s1", *_at("90 000 $", 1), "AMOUNT", 90000),
             Span("s2", *_at("Maison des jeunes de Val-d'Or", 1), "ORG", "Maison des jeunes de Val-d'Or"),
             Span("s3", *_at("Val-d'Or", 1), "REGION", None),  # overlaps the organization
             Span("s4", *_at("12 septembre 2022"), "DATE", "2022-09-12"),
             Span("s5", *_at("Abitibi-Témiscamingue", 1), "REGION", "Abitibi-Témiscamingue")]
    records = [RecordAnnotation("r1", recipient="s2", amount="s1", region="s5", date="2022-09-12")]
    first = Annotation("qc-test-mdj-val-dor", TEXT, spans, records, {"published": "2022-09-12"})
    second = Annotation("qc-test-vide", "Aucun montant dans ce texte.", [], [], {})
    return CorrectionSession([first, second])


def harness_html(state: dict[str, Any], script: str = "") -> str:
    """A page rendering the widget with a fake anywidget model; ``script`` runs after render
    and the page writes ``{"ok", "sent", "result"}`` (JSON) into ``<pre id="log">``."""
    esm = base64.b64encode(static_text("widget.js").encode("utf-8")).decode("ascii")
    state = {**state, "message": ""}
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>widget</title><style>{static_text("widget.css")}</style></head>
<body><div id="root"></div><pre id="log">pending</pre>
<script type="module">
const state = {json.dumps(state)};
const listeners = {{}};
const sent = [];
const model = {{
  get: (k) => state[k],
  set: (k, v) => {{ state[k] = v; (listeners["change:" + k] || []).forEach((cb) => cb()); }},
  on: (ev, cb) => {{ (listeners[ev] = listeners[ev] || []).push(cb); }},
  off: (ev, cb) => {{ listeners[ev] = (listeners[ev] || []).filter((x) => x !== cb); }},
  save_changes: () => {{}},
  send: (msg) => sent.push(msg),
}};
const root = document.getElementById("root");
const log = document.getElementById("log");
try {{
  const mod = await import("data:text/javascript;base64,{esm}");
  mod.default.render({{ model, el: root }});
  let result = null;
  {script}
  log.textContent = JSON.stringify({{ ok: true, sent, result }});
}} catch (e) {{
  log.textContent = JSON.stringify({{ ok: false, error: String(e), stack: e.stack }});
}}
</script></body></html>"""


def _chromium(tmp_path: Path, page: str, *args: str) -> subprocess.CompletedProcess[str]:
    html = tmp_path / "widget.html"
    html.write_text(page, encoding="utf-8")
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, html.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def read_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """``(width, height, channels, rows)`` of an 8-bit, non-interlaced RGB/RGBA/grey PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, bytearray(), b""
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height = int.from_bytes(header[0:4], "big"), int.from_bytes(header[4:8], "big")
    depth, colour, interlace = header[8], header[9], header[12]
    assert depth == 8 and interlace == 0 and colour in (0, 2, 4, 6), "unsupported PNG layout"
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw, stride = zlib.decompress(bytes(idat)), width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b, c = prev[i], prev[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def test_screenshot_is_not_blank(tmp_path: Path) -> None:
    png = tmp_path / "widget.png"
    done = _chromium(tmp_path, harness_html(session_state(_session())), f"--screenshot={png}",
                     "--window-size=1000,800")
    assert png.exists(), done.stderr[-2000:]
    width, height, channels, rows = read_png(png.read_bytes())
    assert (width, height) == (1000, 800)
    pixels = [tuple(row[x * channels:x * channels + 3]) for row in rows[::2] for x in range(0, width, 2)]
    colours = set(pixels)
    not_white = sum(1 for p in pixels if min(p) < 235) / len(pixels)
    assert len(colours) > 50, f"only {len(colours)} colours: blank page?"
    assert not_white > 0.03, f"{not_white:.1%} non-white pixels: blank page?"
    shown = {label for label, hex_colour in label_colors().items()
             if any(max(abs(a - b) for a, b in zip(p, _rgb(hex_colour))) <= 4 for p in colours)}
    assert {"AMOUNT", "ORG", "REGION", "DATE"} <= shown  # highlighted spans (and the label buttons)


SCRIPT = """
const box = root.querySelector('[data-role="text"]');
const text = state.doc.text;
// a Range over UTF-16 offsets [a, b) of the document text
function select(a, b) {
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let pos = 0, node;
  while ((node = walker.nextNode())) {
    const n = node.data.length;
    if (a >= pos && a <= pos + n) range.setStart(node, a - pos);
    if (b >= pos && b <= pos + n) { range.setEnd(node, b - pos); break; }
    pos += n;
  }
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}
const target = "140 000 $";
const a = text.indexOf(target);
select(a, a + target.length);
const button = root.querySelector('button[data-label="AMOUNT"]');
button.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true }));
button.click();
select(text.indexOf("Une aide") - 1, text.indexOf("Une aide") + 8);  // starts inside the emoji's text node
root.querySelector('button[data-label="PROGRAM"]').click();
window.getSelection().removeAllRanges();
root.querySelector('button[data-label="ORG"]').click();  // nothing selected: a message, no action
const noSelection = state.message;
root.querySelector(".ann-accept").click();
root.querySelector(".ann-next").click();
const marks = [...box.querySelectorAll("mark")].map((m) => [m.textContent, m.dataset.spans]);
result = { marks, noSelection, textMatches: box.textContent === text,
           spanRows: root.querySelectorAll("tr[data-span]").length,
           recordRows: root.querySelectorAll("tr[data-record]").length };
"""


def test_view_draws_the_state_and_sends_python_offsets(tmp_path: Path) -> None:
    session = _session()
    done = _chromium(tmp_path, harness_html(session_state(session), SCRIPT), "--dump-dom")
    start = done.stdout.find('<pre id="log">')
    assert start >= 0, done.stderr[-2000:]
    import html as html_lib

    log = json.loads(html_lib.unescape(done.stdout[start + len('<pre id="log">'):done.stdout.index("</pre>", start)]))
    assert log["ok"], log
    result, sent = log["result"], log["sent"]
    assert result["textMatches"] and result["spanRows"] == 5 and result["recordRows"] == 1
    assert ["Maison des jeunes de ", "s2"] in result["marks"] and ["Val-d'Or", "s3 s2"] in result["marks"]
    assert result["noSelection"] == "select some text of the document first"

    amount, title = _at("140 000 $"), _at("Une aide")
    assert sent == [
        {"action": "add_span", "start": amount[0], "end": amount[1], "label": "AMOUNT"},
        {"action": "add_span", "start": title[0] - 1, "end": title[1], "label": "PROGRAM"},
        {"action": "accept_record", "record": "r1"},
        {"action": "next"},
    ]
    # the offsets the view sent are the Python ones: applying them gives the right spans
    from annonces.annotation.widget import apply_action

    apply_action(session, sent[0])
    assert [session.current.text[s.start:s.end] for s in session.current.spans if s.label == "AMOUNT"] == [
        "90 000 $", "140 000 $"]
