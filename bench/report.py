"""The corpus report on 20,000 records: build time, file size, peak memory; SQL writers' time.

    python bench/report.py                       # 20,000 records in 4,000 documents
    python bench/report.py --records 100000 --json

The records are synthetic but shaped like batch output: recipients drawn from 3,000 names
(with spelling variants of the same ``recipient_id``), programs, funders and regions from
the shipped KB, CAD and EUR, grants and loans, dates over 2019-2024, one record in ten a
duplicate of an earlier one, confidences spread over 0.3-0.95.  ``annonces report`` runs
in its own process (imports included): the time a user waits.
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

from annonces.kb import load_kb
from annonces.writers import open_writer

WORDS = ["Coopérative", "Centre", "Maison", "Société", "Festival", "Fondation", "Corporation", "Atelier"]
PLACES = ["de Gaspé", "du Lac-Saint-Jean", "de Rimouski", "de Sherbrooke", "des Bois-Francs", "de Quimperlé",
          "de Pontivy", "du Vieux-Nord", "de Magog", "de l’Outaouais"]


def synthetic_lines(records: int, per_doc: int = 5, seed: int = 13) -> list[dict]:
    rnd = random.Random(seed)
    kb = load_kb()
    programs = [(e.name, e.id) for e in kb.by_type("program")]
    funders = [(e.name, e.id, e.jurisdiction) for e in [*kb.by_type("ministry"), *kb.by_type("agency")]]
    qc = [(e.name, e.code) for e in kb.by_type("region") if e.country == "CA"]
    fr = [(e.name, e.code) for e in kb.by_type("departement")]
    names = [f"{rnd.choice(WORDS)} {n} {rnd.choice(PLACES)}" for n in range(3000)]
    ministers = [e.name for e in kb.by_type("minister")]
    lines, seen = [], []
    for d in range(records // per_doc):
        doc_id = f"doc-{d:05d}"
        recs = []
        for i in range(per_doc):
            if seen and rnd.random() < 0.1:
                first_doc, first_i, base = rnd.choice(seen)
                recs.append(dict(base, duplicate_of=f"{first_doc}#{first_i}"))
                continue
            n = rnd.randrange(len(names))
            name = names[n] if rnd.random() < 0.8 else names[n].replace("’", "'").upper()
            fname, fid, juris = rnd.choice(funders)
            region, code = rnd.choice(fr if juris == "FR" else qc)
            pname, pid = rnd.choice(programs)
            year, month, day = rnd.randint(2019, 2024), rnd.randint(1, 12), rnd.randint(1, 28)
            amount = round(rnd.lognormvariate(12, 1.3), rnd.choice([0, 0, 2]))
            text = f"Une aide financière de {amount:,.2f} $ est accordée à {name} pour son projet."
            rec = {"recipient": name, "recipient_id": f"org:{n:012x}", "amount": amount,
                   "currency": "EUR" if juris == "FR" else "CAD", "kind": "loan" if rnd.random() < 0.15 else "grant",
                   "total_cost": None, "program": pname, "program_id": pid, "funder": fname, "funder_id": fid,
                   "region": region, "region_code": code, "region_inferred": False,
                   "date": f"{year}-{month:02d}-{day:02d}", "ministers": rnd.sample(ministers, rnd.randint(0, 2)),
                   "evidence": {"start": 120, "end": 120 + len(text), "text": text, "rule": "to"},
                   "confidence": round(rnd.uniform(0.3, 0.95), 3), "warnings": [], "duplicate_of": None}
            recs.append(rec)
            seen.append((doc_id, i, rec))
        lines.append({"doc_id": doc_id, "path": f"{doc_id}.txt", "content_sha1": f"{d:040x}", "published": None,
                      "published_source": None, "error": None, "warnings": [], "segments": [],
                      "entities": {}, "records": recs})
    return lines


def _write(lines: list[dict], path: Path) -> float:
    start = time.perf_counter()
    writer = open_writer(path, path.suffix.lstrip("."))
    for line in lines:
        writer.write(line)
    writer.close()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=20_000)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="annonces-report-"))
    lines = synthetic_lines(args.records)
    jsonl = work / "out.jsonl"
    _write(lines, jsonl)
    html = work / "report.html"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "annonces", "report", str(jsonl), "-o", str(html)],
                          capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    figures = {
        "records": sum(len(line["records"]) for line in lines), "documents": len(lines),
        "report_seconds": round(wall, 2), "report_cpu_seconds": round(cpu, 2), "report_mb": round(html.stat().st_size / 1e6, 2),
        "report_peak_rss_mb": round(rss), "sqlite_seconds": round(_write(lines, work / "c.sqlite"), 2),
        "duckdb_seconds": round(_write(lines, work / "c.duckdb"), 2), "stderr": done.stderr.strip(),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for k, v in figures.items():
            print(f"{k:>20}: {v}")


if __name__ == "__main__":
    main()
