"""The HTML report: totals that agree to the cent with SQL and pandas, duplicates counted
once, and a page that opens in headless Chromium with no network request and no console error."""

from __future__ import annotations

import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from annonces.batch import run_batch
from annonces.reporting import load_corpus, report, totals
from annonces.reporting.charts import GRANT_COLOUR
from annonces.writers import open_writer
from annonces.writers.sql import cents, connect
from test_sql import LINES
from test_widget_browser import CHROMIUM, FLAGS, read_png

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "texts"
#: (dimension of the report, SQL view, its key columns)
VIEWS = [("recipient", "totals_by_recipient", "recipient_id"), ("program", "totals_by_program", "program_id"),
         ("funder", "totals_by_funder", "funder_id"), ("year", "totals_by_year", "CAST(year AS VARCHAR)"),
         ("region", "totals_by_region", "COALESCE(region_code, '') || '|' || region"),
         ("minister", "totals_by_minister", "minister")]


def _page_totals(page: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="annonces-totals">(.*?)</script>', page, re.DOTALL)
    assert m, "no totals block in the page"
    return json.loads(m.group(1).replace("<\\/", "</"))


def _synthetic(tmp_path: Path) -> Path:
    """The lines of test_sql (a duplicate, a loan, euros, cents) plus many amounts with cents."""
    path = tmp_path / "synthetic.jsonl"
    extra = json.loads(json.dumps(LINES[0]))
    extra.update(doc_id="d", path="d.txt")
    extra["records"] = [dict(extra["records"][0], amount=0.1 * (n + 1), recipient_id=f"org:{n % 3}") for n in range(30)]
    writer = open_writer(path, "jsonl")
    for line in [*LINES, extra]:
        writer.write(line)
    writer.close()
    return path


def _sql_totals(db: Path, view: str, key: str) -> set[tuple[str, str, str, int]]:
    con = connect(db)
    where = f"WHERE {key.split(' ')[0].replace('CAST(', '')} IS NOT NULL" if view != "totals_by_region" else "WHERE region IS NOT NULL"
    rows = con.execute(f"SELECT {key}, currency, kind, total_cents FROM {view} {where}").fetchall()
    con.close()
    return {(str(k), c, kind, int(t)) for k, c, kind, t in rows}


def _pandas_totals(jsonl: Path, dim: str) -> set[tuple[str, str, str, int]]:
    pd = pytest.importorskip("pandas")
    rows = [dict(r, doc_id=line["doc_id"]) for line in map(json.loads, jsonl.read_text(encoding="utf-8").splitlines())
            for r in line.get("records") or []]
    df = pd.DataFrame(rows)
    df = df[df["duplicate_of"].isna()]
    if dim == "minister":
        df = df.explode("ministers").rename(columns={"ministers": "minister"})
    df["year"] = df["date"].str[:4]
    df["region"] = df["region_code"].fillna("") + "|" + df["region"].fillna("")
    key = {"recipient": "recipient_id", "program": "program_id", "funder": "funder_id"}.get(dim, dim)
    df = df[df[key].notna() & (df[key] != "|")]
    sums = df.groupby([key, "currency", "kind"])["amount"].sum()
    return {(str(k), c, kind, round(v * 100)) for (k, c, kind), v in sums.items()}


@pytest.mark.parametrize("source", ["synthetic", "corpus"])
def test_totals_agree_to_the_cent_in_html_sql_and_pandas(source: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    jsonl = _synthetic(tmp_path) if source == "synthetic" else request.getfixturevalue("corpus_jsonl")
    page = _page_totals(report(jsonl, tmp_path / "report.html").read_text(encoding="utf-8"))
    lines = [json.loads(raw) for raw in jsonl.read_text(encoding="utf-8").splitlines()]
    dbs = []
    for fmt in ("sqlite", "duckdb"):
        db = tmp_path / f"c.{fmt}"
        writer = open_writer(db, fmt)
        for line in lines:
            writer.write(line)
        writer.close()
        dbs.append(db)
    for dim, view, key in VIEWS:
        html = {(t["key"], t["currency"], t["kind"], cents(Decimal(t["amount"]))) for t in page["totals"][dim]
                if t["key"] not in ("", "|")}
        assert html, dim
        for db in dbs:
            assert _sql_totals(db, view, key) == html, (dim, db.suffix)
        assert _pandas_totals(jsonl, dim) == html, dim


def test_duplicates_are_counted_once_and_currencies_never_added(tmp_path: Path) -> None:
    corpus = load_corpus(_synthetic(tmp_path))
    assert len(corpus.rows) - len(corpus.counted) == 1
    by_recipient = {(t.key, t.currency, t.kind): t.amount for t in totals(corpus.counted, "recipient")}
    assert by_recipient[("org:Vil", "CAD", "grant")] == Decimal("221182.15")  # not twice
    page = _page_totals(report(tmp_path / "synthetic.jsonl", tmp_path / "r.html").read_text(encoding="utf-8"))
    assert {(c["currency"], c["kind"]) for c in page["by_currency"]} == {("CAD", "grant"), ("CAD", "loan"), ("EUR", "grant")}
    assert (page["documents"], page["errors"], page["records"], page["counted"]) == (4, 1, 34, 33)


def test_report_command(tmp_path: Path, corpus_jsonl: Path) -> None:
    from annonces.cli import main

    out = tmp_path / "sub" / "report.html"
    assert main(["report", str(corpus_jsonl), "-o", str(out), "--documents", "corpus", "--check", "5"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("<tr><td class=n>0.") + page.count("<tr><td class=n>1.") == 5  # the records to check
    assert 'href="../../' not in page or "corpus/" in page
    assert main(["report", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2


def _no_fetch_in_markup(page: str) -> None:
    """Nothing in the page would load from elsewhere (the SVG namespaces are names, not fetches)."""
    assert not re.search(r"<(?:script|link|img|iframe)[^>]*\b(?:src|href)=", page)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    assert "@import" not in page


BROWSER_HOSTS = ("google.com", "googleapis.com", "gstatic.com", "gvt1.com")  # Chromium's own services


def _open_in_chromium(page: Path, tmp_path: Path) -> tuple[bytes, str, set[str]]:
    png, net = tmp_path / "shot.png", tmp_path / "net.json"
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
           f"--log-net-log={net}", "--host-resolver-rules=MAP * ~NOTFOUND", f"--screenshot={png}",
           "--window-size=1280,2400", page.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert png.exists(), done.stderr[-2000:]
    urls = set(re.findall(r'"url":"([^"]+)"', net.read_text(encoding="utf-8"))) if net.exists() else set()
    fetched = {u for u in urls if not u.startswith(("file:", "data:", "about:", "chrome"))
               and not any(h in u.split("/")[2] for h in BROWSER_HOSTS)}
    return png.read_bytes(), done.stderr, fetched


def _check_page(html: Path, tmp_path: Path) -> None:
    _no_fetch_in_markup(html.read_text(encoding="utf-8"))
    if CHROMIUM is None:
        pytest.skip("headless Chromium not installed (apt-get install -y chromium)")
    data, log, fetched = _open_in_chromium(html, tmp_path)
    assert fetched == set(), fetched
    console = [line for line in log.splitlines() if ":CONSOLE" in line]
    assert console == [], console
    width, height, channels, rows = read_png(data)
    pixels = [tuple(row[x * channels:x * channels + 3]) for row in rows[::3] for x in range(0, width, 3)]
    bar = tuple(int(GRANT_COLOUR[i:i + 2], 16) for i in (1, 3, 5))
    bars = sum(1 for p in pixels if max(abs(a - b) for a, b in zip(p, bar)) <= 6) / len(pixels)
    assert len(set(pixels)) > 50, "blank page?"
    assert bars > 0.005, f"{bars:.2%} of the screenshot in the bar colour: charts not drawn?"


def test_the_corpus_report_opens_offline_in_chromium(corpus_jsonl: Path, tmp_path: Path) -> None:
    _check_page(report(corpus_jsonl, tmp_path / "report.html", documents=Path("corpus")), tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev/texts not found")
def test_the_dev_set_report_opens_offline_in_chromium(tmp_path: Path) -> None:
    jsonl = tmp_path / "dev.jsonl"
    run_batch(DEV, jsonl, fast=True, progress=False)
    html = report(jsonl, tmp_path / "report.html", documents=DEV)
    assert html.stat().st_size < 10_000_000
    _check_page(html, tmp_path)
