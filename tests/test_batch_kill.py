"""``kill -9`` of a real 2-worker batch: no worker outlives it, nothing leaks, and
``--resume`` then gives the lines of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _batch(*args: str) -> list[str]:
    return [sys.executable, "-m", "annonces", "batch", *args, "--fast", "--no-progress"]


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (from /proc)."""
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        kids = set()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) in frontier and fields[0] != "Z":
                kids.add(int(entry.name))
        kids -= found
        found |= kids
        frontier = kids
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir() or not CORPUS.is_dir(), reason="needs /proc and corpus/")
def test_kill_9_of_a_two_worker_batch_leaves_no_worker_and_resume_gives_the_same_lines(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    texts = sorted(p for p in CORPUS.glob("*.txt"))
    for n in range(8):  # enough documents that the batch is still running when it is killed
        for p in texts:
            (folder / f"{n:02d}-{p.name}").write_bytes(p.read_bytes())
    reference = tmp_path / "reference.jsonl"
    subprocess.run(_batch(str(folder), "-o", str(reference), "--workers", "2"), check=True, timeout=600,
                   capture_output=True)

    out = tmp_path / "killed.jsonl"
    proc = subprocess.Popen(_batch(str(folder), "-o", str(out), "--workers", "2"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 5):
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert out.read_bytes().count(b"\n") >= 5 and workers, "the batch did not start its workers"
    os.kill(proc.pid, signal.SIGKILL)
    # stderr reaches its end once every process holding it (workers, resource tracker) is gone
    err = proc.communicate(timeout=60)[1].decode()
    assert "leaked" not in err, err
    time.sleep(0.5)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived the batch"
    assert out.read_bytes().count(b"\n") < reference.read_bytes().count(b"\n"), "killed too late to test resume"

    subprocess.run(_batch(str(folder), "-o", str(out), "--workers", "2", "--resume"), check=True, timeout=600,
                   capture_output=True)
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    want = [json.loads(x) for x in reference.read_text(encoding="utf-8").splitlines()]
    assert got == want
