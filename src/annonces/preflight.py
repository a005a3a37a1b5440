"""Configuration checks run before any document is read: each bad setting is one clear
message (the command line exits 2 with it) instead of an error on every document.

>>> check_model("pas-un-modele")
Traceback (most recent call last):
...
ValueError: unknown model 'pas-un-modele': neither an installed spaCy package nor a folder
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from .errors import UsageError
from .writers import RESUMABLE, WriterError, format_for

#: an output location with less free space than this is reported as full
MIN_FREE_BYTES = 1 << 20


def check_kb(kb: str | Path | None) -> None:
    """Raise ``ValueError`` when the user knowledge base is missing or malformed."""
    if kb is None:
        return
    if not Path(kb).exists():
        raise ValueError(f"knowledge base not found: {kb}")
    from .kb import load_kb

    try:
        load_kb(Path(kb))
    except (ValueError, KeyError, TypeError, OSError) as e:
        raise ValueError(f"malformed knowledge base {kb}: {e}") from e


def check_model(model: str | Path | None) -> None:
    """Raise ``ValueError`` unless ``model`` is an installed spaCy package or a model folder."""
    if model is None:
        return
    import spacy.util

    path = Path(model)
    if path.exists():
        if not (path / "config.cfg").is_file():
            raise ValueError(f"model folder {model} has no config.cfg (give a folder written by spaCy, "
                             "e.g. models/NAME/model-best)")
        return
    if not spacy.util.is_package(str(model)):
        raise ValueError(f"unknown model {str(model)!r}: neither an installed spaCy package nor a folder")


def check_output(output: Path) -> None:
    """Raise ``ValueError`` when ``output`` cannot be written or its device is full.

    The file is opened for appending and one byte written, flushed and cut again (a
    character device such as ``/dev/full`` is written to, not cut).
    """
    try:
        free = shutil.disk_usage(output.parent).free
    except OSError:
        free = None
    existed = output.exists()
    try:
        with open(output, "ab") as f:
            size = f.tell()
            f.write(b"\n")
            f.flush()
            if output.is_file():
                f.truncate(size)
    except OSError as e:
        if not existed and output.is_file():
            output.unlink(missing_ok=True)
        raise ValueError(f"cannot write {output}: {e.strerror or e}") from e
    if not existed and output.is_file() and output.stat().st_size == 0:
        output.unlink()
    if free is not None and free < MIN_FREE_BYTES and output.is_file():
        raise ValueError(f"cannot write {output}: {os.strerror(errno.ENOSPC)} "
                         f"({free:,} bytes free on its device)")


def check_batch(input_dir: Path, output: Path, fmt: str | None, workers: int, resume: bool,
           kb: str | Path | None, max_chars: int, model: str | Path | None = None) -> tuple[str, int]:
    """The output format and the number of workers, or :class:`~annonces.errors.UsageError`
    before any work when the invocation is wrong."""
    if not input_dir.is_dir():
        raise UsageError(f"input folder not found: {input_dir}")
    try:
        fmt = format_for(output, fmt)
    except WriterError as e:
        raise UsageError(str(e)) from e
    if output.is_dir():
        raise UsageError(f"output is a folder, give a file name: {output}")
    if resume and fmt not in RESUMABLE:
        raise UsageError(f"--resume works with {', '.join(RESUMABLE)} output only, not {fmt}")
    if workers < 0:
        raise UsageError(f"--workers must be 0 (all cores) or more, not {workers}")
    if max_chars < 1:
        raise UsageError(f"--max-chars must be 1 or more, not {max_chars}")
    try:
        check_kb(kb)
        check_model(model)
    except ValueError as e:
        raise UsageError(str(e)) from e
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"cannot create the output folder {output.parent}: {e.strerror or e}") from e
    try:
        check_output(output)
    except ValueError as e:
        raise UsageError(str(e)) from e
    return fmt, workers or os.cpu_count() or 1
