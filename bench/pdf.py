"""PDF reading speed and memory: pages/s and peak RSS of ``annonces.readers.read_document``.

Usage::

    python bench/pdf.py                    # a 100-page PDF (prose + a table per page), PDFium reader
    python bench/pdf.py --pages 300 --compare   # also pypdf, pdfminer.six, pdfplumber if installed
    python bench/run.py --pdf 100 --configs none  # the same, from the main bench

The PDF is written by fpdf2 (the test extra).  Each reader runs in its own process, so the
peak RSS (``ru_maxrss``) is that reader's alone; the time excludes the interpreter start
and the imports.  Target (issue 14): 100 pages in under 10 s and at most 300 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROSE = ("Le ministère accorde une aide financière de {n} 000 $ à la Municipalité de Saint-Exemple pour la "
         "réfection de son centre communautaire, un projet dont le coût total atteint {t} 000 $. ")


def write_pdf(path: Path, pages: int, seed: int = 0) -> Path:
    """A ``pages``-page PDF: three paragraphs and a six-row table on every page."""
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for p in range(pages):
        pdf.add_page()
        for _ in range(3):
            pdf.multi_cell(0, 5, "".join(PROSE.format(n=rng.randint(10, 900), t=rng.randint(900, 5000))
                                         for _ in range(3)), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        with pdf.table(col_widths=(70, 70, 40)) as table:
            for cells in [("Bénéficiaire", "Projet", "Subvention")] + [
                    (f"Organisme {p}-{i}", f"Projet {i} de la page {p}", f"{rng.randint(5, 999)} 000 $")
                    for i in range(6)]:
                row = table.row()
                for c in cells:
                    row.cell(c)
    pdf.output(str(path))
    return path


def _read(reader: str, path: str) -> int:
    """Characters read by ``reader`` from ``path`` (run in a child process)."""
    if reader == "annonces":
        from annonces.readers import read_document

        doc = read_document(path)
        if doc.error:
            raise RuntimeError(doc.error)
        return len(doc.text or "")
    if reader == "pypdf":
        import pypdf

        return sum(len(p.extract_text() or "") for p in pypdf.PdfReader(path).pages)
    if reader == "pdfminer":
        from pdfminer.high_level import extract_text

        return len(extract_text(path))
    if reader == "pdfplumber":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return sum(len(page.extract_text() or "") + 0 * len(page.find_tables()) for page in pdf.pages)
    raise ValueError(reader)


def child(reader: str, path: str) -> None:
    """Import, then time one reading; print a JSON line."""
    import importlib

    importlib.import_module({"annonces": "annonces.readers", "pypdf": "pypdf", "pdfminer": "pdfminer.high_level",
                             "pdfplumber": "pdfplumber"}[reader])
    if reader == "annonces":
        import pypdfium2  # noqa: F401 (imported lazily by the reader)
    start = time.perf_counter()
    chars = _read(reader, path)
    seconds = time.perf_counter() - start
    print(json.dumps({"reader": reader, "seconds": seconds, "chars": chars,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def measure(pages: int = 100, *, readers: tuple[str, ...] = ("annonces",), workdir: Path | None = None) -> list[dict[str, Any]]:
    """pages/s and peak RSS of each reader on a generated ``pages``-page PDF."""
    folder = workdir or Path(tempfile.mkdtemp(prefix="annonces-pdf-"))
    path = write_pdf(folder / f"bench-{pages}.pdf", pages)
    out = []
    for reader in readers:
        proc = subprocess.run([sys.executable, __file__, "--child", reader, str(path)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            out.append({"reader": reader, "error": (proc.stderr or proc.stdout).strip()[-300:]})
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        r.update(pages=pages, pages_per_s=pages / r["seconds"] if r["seconds"] else 0.0)
        out.append(r)
    return out


def print_results(results: list[dict[str, Any]]) -> None:
    print(f"{'reader':<12} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'peak RSS':>9}")
    for r in results:
        if "error" in r:
            print(f"{r['reader']:<12} failed: {r['error']}")
        else:
            print(f"{r['reader']:<12} {r['pages']:>6} {r['seconds']:>8.2f} {r['pages_per_s']:>8.1f} "
                  f"{r['peak_rss_mb']:>6.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--compare", action="store_true", help="also time pypdf, pdfminer.six and pdfplumber")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    readers = ("annonces", "pypdf", "pdfminer", "pdfplumber") if args.compare else ("annonces",)
    results = measure(args.pages, readers=readers)
    print(json.dumps(results, indent=1)) if args.json else print_results(results)
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
