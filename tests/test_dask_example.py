"""The Dask example of ``docs/scale.md``: ``process_partition`` as a map function.

Skipped when Dask is not installed (optional extra: ``pip install "dask[bag]" distributed``).
The pipeline runs with ``fast=True`` (no statistical model); the lines must be the
ones :func:`annonces.batch.process_partition` gives without Dask, in input order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from annonces.batch import process_partition
from annonces.readers import read_documents

dask_bag = pytest.importorskip("dask.bag")

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "scale.md"


def _items() -> list[tuple[str, str | None]]:
    items: list[tuple[str, str | None]] = [
        (p.stem, d.text) for p in sorted(CORPUS.glob("*.txt")) for d in read_documents(p)
    ]
    items.insert(3, ("vide", "   "))  # an empty document: an error line, in its place
    return items


def _lines(part: Any) -> list[dict[str, Any]]:
    return list(process_partition(part, fast=True))


@pytest.fixture(scope="module")
def expected() -> list[dict[str, Any]]:
    return _lines(_items())


def test_synchronous_scheduler(expected: list[dict[str, Any]]) -> None:
    bag = dask_bag.from_sequence(_items(), npartitions=4)
    lines = bag.map_partitions(_lines).compute(scheduler="synchronous")
    assert [line["doc_id"] for line in lines] == [doc_id for doc_id, _ in _items()]
    assert lines == expected
    assert lines[3]["error"] == "empty document"
    assert sum(len(line["records"]) for line in lines) >= 10


def test_local_cluster(expected: list[dict[str, Any]]) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        bag = dask_bag.from_sequence(_items(), npartitions=3)
        lines = client.compute(bag.map_partitions(_lines)).result()
    assert lines == expected


def test_documented_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python block of docs/scale.md runs as written, with ``FAST = True``, over a small
    folder, on an in-process cluster (one worker, threads) instead of worker processes."""
    distributed = pytest.importorskip("distributed")
    block = re.search(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert block, "docs/scale.md has no Python example"
    source = block.group(1)
    assert "FAST = False" in source
    folder = tmp_path / "communiques"
    folder.mkdir()
    items = [(doc_id, text) for doc_id, text in _items() if text and text.strip()][:5]
    for doc_id, text in items:
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    real = distributed.LocalCluster

    def in_process(**kwargs: Any) -> Any:
        return real(**{**kwargs, "n_workers": 1, "processes": False, "dashboard_address": None})

    monkeypatch.setattr(distributed, "LocalCluster", in_process)
    monkeypatch.setattr("dask.distributed.LocalCluster", in_process)
    monkeypatch.chdir(tmp_path)
    code = compile(source.replace("FAST = False", "FAST = True"), str(DOCS), "exec")
    exec(code, {"__name__": "__main__"})  # noqa: S102 (our own documentation)
    lines = [json.loads(line) for line in (tmp_path / "annonces.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["doc_id"] for line in lines] == [doc_id for doc_id, _ in items]
    assert all(line["error"] is None for line in lines)
    assert lines == _lines(items)
