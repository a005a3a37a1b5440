"""Errors shared by the command-line layers (batch, evaluate, train, cli)."""

from __future__ import annotations


class UsageError(ValueError):
    """A bad invocation (missing input folder, unknown format, unwritable output...).

    >>> str(UsageError("input folder not found: communiques/"))
    'input folder not found: communiques/'
    """
