"""Share of pipeline time spent in each component (amount detection < 5 % is a target).

Usage::

    python bench/components.py [TEXT_DIR ...] [--repeat 3] [--fast]

Runs every text of the folders (default: ``corpus/``) through :func:`annonces.load`'s
pipeline, timing each component separately (the tokenizer counts as ``tokenizer``), and
prints seconds and percentages.  Times are summed over ``--repeat`` passes after one
warm-up pass, so model loading is excluded.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

import annonces
from annonces.readers import iter_paths, read_documents


def texts_of(folders: list[Path]) -> list[str]:
    out = []
    for folder in folders:
        for path in iter_paths(folder):
            for doc in read_documents(path, root=folder):
                if doc.text:
                    out.append(doc.text)
    return out


def profile(texts: list[str], *, repeat: int = 3, fast: bool = False) -> dict[str, float]:
    """Seconds per component over ``repeat`` passes (after a warm-up)."""
    nlp = annonces.load(fast=fast)
    for text in texts:  # warm-up: caches, KB matchers
        annonces.run(text, nlp=nlp)
    spent: dict[str, float] = defaultdict(float)
    for _ in range(repeat):
        for text in texts:
            t0 = time.perf_counter()
            doc = nlp.make_doc(text)
            doc.user_data["annonces_text"] = text
            spent["tokenizer"] += time.perf_counter() - t0
            for name, proc in nlp.pipeline:
                t0 = time.perf_counter()
                doc = proc(doc)
                spent[name] += time.perf_counter() - t0
    return dict(spent)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[Path("corpus")])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--fast", action="store_true", help="rules and KB only, no statistical model")
    a = ap.parse_args(argv)
    texts = texts_of(a.folders)
    spent = profile(texts, repeat=a.repeat, fast=a.fast)
    total = sum(spent.values())
    words = sum(len(t.split()) for t in texts) * a.repeat
    print(f"{len(texts)} texts x {a.repeat}, {words} words, {total:.2f} s, {words / total:.0f} words/s")
    for name, sec in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:24} {sec:7.3f} s  {100 * sec / total:5.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
