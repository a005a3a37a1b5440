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
