"""A benchmark corpus: varied copies of the sample releases in ``corpus/``.

Each copy is one source release (decoded with :mod:`annonces.readers`, so the
HTML page and the cp1252 file become plain UTF-8 text) with simple substitutions,
so that no two documents are identical and the model sees new strings:

* recipients of the gold records (``annotations/<stem>.json``) are renamed with a
  generated name (``Coopérative de solidarité de Rimouski``);
* amounts written with digit groups (``1 245 300 $``) and decimals (``13,7 M$``)
  get new digits of the same shape;
* day numbers before a month name get another day.

Usage::

    python bench/corpus.py OUT_DIR [--docs 2000] [--seed 0]

>>> import random
>>> src = Source("x", "Une aide de 125 000 $ au Club Optimiste le 4 mai 2021.", ("Club Optimiste",))
>>> out = vary(src, random.Random(1), ["Laval"])
>>> out != src.text, "Club Optimiste" in out, "mai 2021" in out
(True, False, True)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from annonces.readers import read_documents

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ANNOTATIONS = ROOT / "annotations"

#: kinds of recipient for generated names: "<kind> de <municipality>"
KINDS = (
    "Coopérative de solidarité", "Corporation de développement", "Centre culturel", "Maison des jeunes",
    "Festival de musique", "Société d'histoire", "Carrefour jeunesse-emploi", "Club de plein air",
    "Musée régional", "Chambre de commerce", "Centre d'action bénévole", "Office municipal d'habitation",
)
_GROUPED = re.compile(r"(?<![\d,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])")
_DECIMAL = re.compile(r"(?<![\d,])\d{1,3},\d{1,2}(?=[ \u00a0\u202f]?(?:M\$|M€|millions?|milliards?))")
_DAY = re.compile(
    r"\b(?:[12]?\d|3[01])(?=(?:er)? (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre)\b)"
)


@dataclass(frozen=True)
class Source:
    """One sample release: its file stem, decoded text and gold recipients found in it."""

    stem: str
    text: str
    recipients: tuple[str, ...]


def municipalities() -> list[str]:
    """Municipality names of the shipped knowledge base."""
    data = resources.files("annonces.kb") / "data" / "municipalities.csv"
    with data.open(encoding="utf-8") as f:
        return [row["name"] for row in csv.DictReader(f) if row.get("name")]


def sources(corpus: Path = CORPUS, annotations: Path = ANNOTATIONS) -> list[Source]:
    """The sample releases of ``corpus`` with the recipients their gold names."""
    found = []
    for path in sorted(corpus.iterdir()):
        if path.suffix.lower() not in {".txt", ".html"}:
            continue
        for doc in read_documents(path):
            if doc.text is None:
                continue
            gold_path = annotations / f"{path.stem}.json"
            names: set[str] = set()
            if gold_path.is_file():
                gold = json.loads(gold_path.read_text(encoding="utf-8")).get("gold") or {}
                names = {r["recipient"] for r in gold.get("records") or () if r.get("recipient")}
            found.append(Source(path.stem, doc.text, tuple(sorted(n for n in names if n in doc.text))))
    return found


def _grouped(m: re.Match[str], rng: random.Random) -> str:
    if m.string[m.end() : m.end() + 1] == "-":  # a phone number
        return m.group()
    groups = re.split(r"([ \u00a0\u202f])", m.group())
    sep = groups[1]
    first = str(rng.randint(1, 10 ** len(groups[0]) - 1))
    rest = [f"{rng.randint(0, 999):03d}" for _ in groups[2::2]]
    return sep.join([first, *rest])


def vary(source: Source, rng: random.Random, towns: Sequence[str]) -> str:
    """A copy of ``source.text`` with new recipients, amounts and days."""
    text = source.text
    if source.recipients:
        names = sorted(source.recipients, key=len, reverse=True)
        new = {n: f"{rng.choice(KINDS)} de {rng.choice(towns)}" for n in names}
        text = re.sub("|".join(map(re.escape, names)), lambda m: new[m.group()], text)
    text = _GROUPED.sub(lambda m: _grouped(m, rng), text)
    text = _DECIMAL.sub(lambda m: f"{rng.randint(1, 99)},{rng.randint(1, 9)}", text)
    return _DAY.sub(lambda m: str(rng.randint(2, 28)), text)


def build_corpus(out_dir: Path, docs: int, *, seed: int = 0) -> list[Path]:
    """Write ``docs`` varied copies as UTF-8 ``.txt`` files under ``out_dir``; their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    towns = municipalities()
    pool = sources()
    paths = []
    for i in range(docs):
        source = pool[i % len(pool)]
        path = out_dir / f"{i:06d}-{source.stem}.txt"
        path.write_text(vary(source, rng, towns), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = build_corpus(args.out_dir, args.docs, seed=args.seed)
    print(f"{len(paths)} documents in {args.out_dir}")


if __name__ == "__main__":
    main()
