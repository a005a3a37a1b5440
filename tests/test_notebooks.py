"""The notebooks under notebooks/ run top to bottom on corpus/ (nbclient, the venv's python3 kernel),
and are committed with their outputs cleared."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NAMES = ["01-quickstart.ipynb", "02-annotate-and-correct.ipynb", "03-evaluate-and-train.ipynb", "04-corpus-analysis.ipynb"]


def test_the_four_notebooks_are_there() -> None:
    assert [p.name for p in NOTEBOOKS] == NAMES


@pytest.mark.slow
@pytest.mark.parametrize("path", [pytest.param(ROOT / "notebooks" / name, id=name) for name in NAMES])
def test_outputs_cleared(path: Path) -> None:
    book = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in book["cells"] if c["cell_type"] == "code"]
    assert code, "a notebook without code"
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), \
        "clear the outputs before committing (jupyter nbconvert --clear-output --inplace)"
    assert book["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", [pytest.param(ROOT / "notebooks" / name, id=name) for name in NAMES])
def test_notebook_runs(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat", reason="running notebooks needs the notebooks extra (nbformat)")
    nbclient = pytest.importorskip("nbclient", reason="running notebooks needs the notebooks extra (nbclient)")
    pytest.importorskip("ipykernel", reason="running notebooks needs the notebooks extra (ipykernel)")
    book = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(book, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    client.execute()  # raises CellExecutionError with the cell and its traceback when a cell fails
    seconds = time.perf_counter() - started
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert all(c.execution_count for c in book.cells if c.cell_type == "code")
    assert seconds < 240, f"{path.name} took {seconds:.0f} s: keep the notebooks fast"
