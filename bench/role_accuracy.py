"""Role accuracy of ``find_amounts`` on the bundled annotations.

Every gold ``amount_roles`` entry (``{"text", "value", "role"}``, one per amount
occurrence, in text order) is aligned with the next amount found by
:func:`annonces.extractors.amounts.find_amounts` that has the same text and value;
a gold entry with no such amount counts as predicted ``missing``.  Prints the
accuracy, a confusion matrix (gold role x predicted role) and, with ``-v``, every
disagreement with its context.

Usage::

    .venv/bin/python bench/role_accuracy.py            # corpus/ + annotations/
    .venv/bin/python bench/role_accuracy.py -v         # and list the disagreements
    .venv/bin/python bench/role_accuracy.py --corpus DIR --annotations DIR
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from annonces.extractors.amounts import find_amounts, guess_currency
from annonces.readers import read_document
from annonces.types import Amount

ROOT = Path(__file__).resolve().parents[1]
ROLES = ("grant", "loan", "total_cost", "envelope", "aggregate", "other")
MISSING = "missing"
CONTEXT = 70


@dataclass(frozen=True)
class Pair:
    """One gold amount occurrence and what was predicted for it."""

    doc: str
    text: str
    value: Decimal
    gold: str
    predicted: str
    context: str


def align(text: str, gold: Iterable[dict], doc: str = "") -> list[Pair]:
    """Pair each gold entry with the next found amount of the same text and value.

    >>> [(p.gold, p.predicted) for p in align("Une aide de 2 M$.", [{"text": "2 M$", "value": 2000000, "role": "grant"}])]
    [('grant', 'grant')]
    >>> [(p.gold, p.predicted) for p in align("Rien.", [{"text": "2 M$", "value": 2000000, "role": "grant"}])]
    [('grant', 'missing')]
    """
    found: list[Amount] = find_amounts(text, default_currency=guess_currency(text))
    pairs, pos = [], 0
    for g in gold:
        value = Decimal(str(g["value"]))
        k = next((k for k in range(pos, len(found)) if found[k].text == g["text"] and found[k].value == value), None)
        if k is None:
            pairs.append(Pair(doc, g["text"], value, g["role"], MISSING, ""))
            continue
        a, pos = found[k], k + 1
        context = text[max(0, a.start - CONTEXT):a.start] + "[[" + a.text + "]]" + text[a.end:a.end + CONTEXT]
        pairs.append(Pair(doc, g["text"], value, g["role"], a.role, " ".join(context.split())))
    return pairs


def corpus_pairs(corpus: Path, annotations: Path) -> list[Pair]:
    """Aligned pairs for every annotated document of ``corpus``."""
    pairs: list[Pair] = []
    for gold_file in sorted(annotations.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        files = [p for p in corpus.glob(gold_file.stem + ".*") if p.suffix in {".txt", ".html", ".htm"}]
        if not files:
            print(f"warning: no corpus file for {gold_file.name}", file=sys.stderr)
            continue
        doc = read_document(files[0])
        if doc.text is None:
            print(f"warning: {files[0].name}: {doc.error}", file=sys.stderr)
            continue
        pairs.extend(align(doc.text, gold.get("amount_roles", []), gold_file.stem))
    return pairs


def confusion(pairs: Sequence[Pair]) -> str:
    """The confusion matrix as text: one row per gold role, one column per predicted role."""
    counts = Counter((p.gold, p.predicted) for p in pairs)
    cols = [*ROLES, MISSING]
    width = max(map(len, cols)) + 1
    lines = ["gold \\ pred".ljust(width) + "".join(c[:10].rjust(11) for c in cols) + "      n"]
    for g in ROLES:
        row = [counts[g, c] for c in cols]
        lines.append(g.ljust(width) + "".join(str(n).rjust(11) for n in row) + str(sum(row)).rjust(7))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--annotations", type=Path, default=ROOT / "annotations")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    pairs = corpus_pairs(args.corpus, args.annotations)
    if not pairs:
        print("no annotated amounts found", file=sys.stderr)
        return 1
    right = sum(p.gold == p.predicted for p in pairs)
    print(f"role accuracy: {right}/{len(pairs)} = {right / len(pairs):.3f}"
          f"  (missing amounts: {sum(p.predicted == MISSING for p in pairs)})")
    print(confusion(pairs))
    if args.verbose:
        for p in pairs:
            if p.gold != p.predicted:
                print(f"{p.doc}: gold {p.gold}, predicted {p.predicted}: {p.context or p.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
