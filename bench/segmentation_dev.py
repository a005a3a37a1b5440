"""How often the segmenter labels the dateline and the « quote » paragraphs of real releases.

    python bench/segmentation_dev.py [../shared/corpus/dev/texts]

A release whose first lines hold a wire-service dateline (``/CNW``, ``, le 4 mai 2021 -``)
should get a ``dateline`` section over it; a paragraph opening with « and eight words should
sit in a ``quote`` section.  Prints the share of each that is found, and the releases missed,
for any size of the folder (these were per-release assertions in the test suite while the
dev set had 23 releases; with 170 they are a measurement).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from annonces.segmentation import segment

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "dev" / "texts"
DATELINE_HINT = re.compile(r"^.{0,80}?(?:/CNW|Marketwired|, le \d{1,2}(?:er)? \w+\.? \d{4} [-–])", re.MULTILINE)
QUOTE_HINT = re.compile(r"^« (?:\S+ ){8}", re.MULTILINE)


def check(text: str) -> tuple[int, int, int, int]:
    """(datelines expected, found, quotes expected, found) for one release."""
    segments = segment(text)
    d_exp = d_found = q_exp = q_found = 0
    m = DATELINE_HINT.search(text)
    if m:
        d_exp = 1
        d_found = int(any(s.label == "dateline" and s.start <= m.end() - 2 < s.end for s in segments))
    for q in QUOTE_HINT.finditer(text):
        q_exp += 1
        q_found += int(any(s.label == "quote" and s.start <= q.start() < s.end for s in segments))
    return d_exp, d_found, q_exp, q_found


def main(folder: Path) -> None:
    totals = [0, 0, 0, 0]
    missed: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        counts = check(path.read_text(encoding="utf-8"))
        totals = [a + b for a, b in zip(totals, counts)]
        if counts[1] < counts[0] or counts[3] < counts[2]:
            missed.append(f"{path.stem}: dateline {counts[1]}/{counts[0]}, quotes {counts[3]}/{counts[2]}")
    d_exp, d_found, q_exp, q_found = totals
    print(f"datelines found {d_found}/{d_exp} ({d_found / max(d_exp, 1):.1%}), "
          f"quotes found {q_found}/{q_exp} ({q_found / max(q_exp, 1):.1%})")
    for line in missed:
        print("  missed", line)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
