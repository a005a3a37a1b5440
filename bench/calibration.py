"""Reliability of record confidences: predicted confidence against observed precision.

Usage::

    python bench/calibration.py GOLD_DIR PRED.jsonl [--bins 5]

GOLD_DIR holds gold files in the shared schema (``../shared/corpus/dev/gold`` or
``annotations/``); PRED.jsonl is the output of ``annonces batch``.  A predicted record is
correct when a gold record of the same document has the same recipient and amount (the
scorer's rule).  For each confidence bin the script prints the number of records, their
mean confidence and the share that is correct; a calibrated model has both close.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", str(s)).casefold().replace("\u2019", "'")
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = re.sub(r"\s+", " ", s).strip(" .,;:")
    s = re.sub(r"^(le|la|les|l'|du|de la|des)\s*", "", s)
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def _same_recipient(a: str, b: str) -> bool:
    x, y = _norm(a), _norm(b)
    return x == y or fuzz.ratio(x, y) >= 90 or (min(len(x), len(y)) >= 8 and fuzz.token_sort_ratio(x, y) >= 92)


def pairs(gold_dir: Path, pred_path: Path) -> list[tuple[float, bool]]:
    """(confidence, correct) for every predicted record."""
    golds = {}
    for f in sorted(gold_dir.glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        golds[d.get("id") or f.stem] = d["gold"].get("records") or []
    out = []
    for line in pred_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        gold = list(golds.get(doc.get("doc_id"), []))
        for r in doc.get("records") or []:
            hit = next((g for g in gold if abs(float(g["amount"]) - float(r["amount"])) <= 0.5
                        and _same_recipient(g["recipient"], r["recipient"])), None)
            if hit is not None:
                gold.remove(hit)
            out.append((float(r.get("confidence") or 0), hit is not None))
    return out


def table(data: list[tuple[float, bool]], bins: int = 5) -> str:
    """A reliability table.

    >>> print(table([(0.9, True), (0.85, True), (0.5, False), (0.55, True)], bins=2))
    bin          n  mean conf  precision
    0.00-0.50    0          -          -
    0.50-1.00    4      0.700      0.750
    """
    lines = [f"{'bin':10} {'n':>3} {'mean conf':>10} {'precision':>10}"]
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = [(c, ok) for c, ok in data if lo <= c < hi or (i == bins - 1 and c == 1.0)]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            prec = sum(ok for _, ok in inside) / len(inside)
            lines.append(f"{lo:.2f}-{hi:.2f} {len(inside):>5} {mean:>10.3f} {prec:>10.3f}")
        else:
            lines.append(f"{lo:.2f}-{hi:.2f} {0:>5} {'-':>10} {'-':>10}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("predictions", type=Path)
    ap.add_argument("--bins", type=int, default=5)
    a = ap.parse_args(argv)
    data = pairs(a.gold_dir, a.predictions)
    print(table(data, a.bins))
    if data:
        brier = sum((c - ok) ** 2 for c, ok in data) / len(data)
        print(f"records={len(data)} precision={sum(ok for _, ok in data) / len(data):.3f} brier={brier:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
