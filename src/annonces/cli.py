"""The ``annonces`` command: a thin shell over :mod:`annonces.batch` and :mod:`annonces.readers`.

Commands: ``batch`` (a folder -> JSONL/CSV/Parquet) and ``extract`` (one file -> JSON
on stdout).  Each command is a ``_add_<name>(subparsers)`` function that registers
its parser and sets ``func``; new commands (``evaluate``, ``train``) add theirs to
:data:`COMMANDS`.

Exit status: 0 when the work is done (even if some documents have an ``error``),
2 for usage errors, 130 when interrupted, 1 for an unexpected failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import __version__
from .batch import process_document, run_batch
from .errors import UsageError
from .readers import MAX_CHARS, Document, read_documents, read_text_document
from .writers import FORMATS, encode_line

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

BATCH_EXAMPLE = """\
examples:
  annonces batch communiques/ -o out/annonces.jsonl --workers 2
  annonces batch communiques/ -o out/annonces.csv --glob '**/*.html' --fast
  annonces batch communiques/ -o out/annonces.jsonl --resume      # after a crash or Ctrl-C

One JSON line per input document, in sorted path order; documents that cannot be
read or processed get an "error" and the batch goes on (exit status 0).
CSV: one row per funding record (UTF-8 with BOM, for spreadsheets)."""

EXTRACT_EXAMPLE = """\
examples:
  annonces extract communique.txt
  annonces extract page.html --fast --indent 2
  cat communique.txt | annonces extract - --published 2021-05-04

Prints one JSON object (one per record for a .jsonl file), as in the batch output."""


def _count(minimum: int) -> Callable[[str], int]:
    """An argparse type: an integer of at least ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {value}")
        return value

    return parse


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fast", action="store_true",
                        help="rules and knowledge base only, no statistical model (faster, fewer organizations)")
    parser.add_argument("--kb", metavar="PATH", type=Path,
                        help="a user knowledge base merged over the shipped one")
    parser.add_argument("--max-chars", type=_count(1), default=MAX_CHARS, metavar="N",
                        help=f"process at most the first N characters of a document (default {MAX_CHARS:,}); "
                             "longer texts get a warning")


def _add_batch(sub: Any) -> None:
    p = sub.add_parser("batch", help="process a folder of releases into JSONL, CSV or Parquet",
                       description="Process every release under INPUT_DIR into one output file.",
                       epilog=BATCH_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input_dir", metavar="INPUT_DIR", type=Path, help="folder of .txt, .html, .json, .jsonl files")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT", help="output file")
    p.add_argument("--format", choices=FORMATS, default=None, dest="fmt",
                   help="output format (default: from the OUT suffix, else jsonl)")
    p.add_argument("--glob", default="**/*", help="which files to read, relative to INPUT_DIR (default '**/*')")
    p.add_argument("--workers", type=_count(0), default=1, metavar="N",
                   help="worker processes, each loading the model once (0: one per core; default 1)")
    p.add_argument("--resume", action="store_true",
                   help="keep the documents already in OUT (same path and content) and do the rest (JSONL)")
    p.add_argument("--no-progress", action="store_false", dest="progress", help="no progress bar on stderr")
    _common(p)
    p.set_defaults(func=_batch)


def _batch(args: argparse.Namespace) -> int:
    summary = run_batch(args.input_dir, args.output, fmt=args.fmt, glob=args.glob, workers=args.workers,
                        resume=args.resume, fast=args.fast, kb=args.kb, progress=args.progress,
                        max_chars=args.max_chars)
    print(summary.line(), file=sys.stderr)
    return 0


def _add_extract(sub: Any) -> None:
    p = sub.add_parser("extract", help="extract one release and print its JSON",
                       description="Extract entities and funding records from one file ('-': stdin).",
                       epilog=EXTRACT_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE", help="a .txt, .html, .json or .jsonl file, or - for stdin")
    p.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                   help="publication date, when the text does not give it")
    p.add_argument("--indent", type=_count(0), default=None, metavar="N", help="pretty-print the JSON")
    _common(p)
    p.set_defaults(func=_extract)


def _extract(args: argparse.Namespace) -> int:
    if args.kb is not None and not args.kb.exists():
        raise UsageError(f"knowledge base not found: {args.kb}")
    docs: list[Document] | Any
    if args.file == "-":
        docs = [read_text_document(sys.stdin.buffer.read(), doc_id="stdin", path="-", max_chars=args.max_chars)]
    else:
        path = Path(args.file)
        if not path.is_file():
            raise UsageError(f"file not found: {path}")
        docs = read_documents(path, max_chars=args.max_chars)
    for doc in docs:
        if args.published is not None:
            doc = replace(doc, published=args.published)
        line = process_document(doc, fast=args.fast, kb=args.kb)
        if args.indent is None:
            sys.stdout.buffer.write(encode_line(line))
        else:
            sys.stdout.write(json.dumps(line, ensure_ascii=False, indent=args.indent) + "\n")
        sys.stdout.flush()
    return 0


def _add_evaluate(sub: Any) -> None:
    from .evaluation import add_evaluate_command

    add_evaluate_command(sub)


def _add_train(sub: Any) -> None:
    from .train_cli import add_train_command

    add_train_command(sub)


#: every subcommand's registration function
COMMANDS: list[Callable[[Any], None]] = [_add_batch, _add_extract, _add_evaluate, _add_train]


def build_parser() -> argparse.ArgumentParser:
    """The ``annonces`` argument parser with every command of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="annonces",
        description="Evidence-backed public funding records from French-language government announcements.",
        epilog="example:\n  annonces batch communiques/ -o annonces.jsonl\n\n"
               "Run 'annonces COMMAND --help' for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"annonces {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see the module docstring)."""
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on bad arguments
    if getattr(args, "func", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status: int = args.func(args)
    except UsageError as e:
        print(f"annonces {args.command}: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        hint = " (finished documents are saved; rerun with --resume)" if args.command == "batch" else ""
        print(f"annonces {args.command}: interrupted{hint}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `annonces extract f.txt | head`
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
