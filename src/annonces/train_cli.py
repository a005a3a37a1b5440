"""The ``annonces train`` command: arguments, checks and the metrics table (:func:`annonces.train.train` does the work)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .train import BASE_MODEL, REHEARSED_LABELS, TRAIN_EXAMPLE, TRAINED_LABELS, TrainingDataError, train


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 0 and below 1, not {value}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _labels(text: str) -> tuple[str, ...]:
    labels = tuple(t.strip().upper() for t in text.split(",") if t.strip())
    clash = set(labels) & set(TRAINED_LABELS)
    if clash:
        raise argparse.ArgumentTypeError(f"{', '.join(sorted(clash))} come from the annotations, not the base model")
    return labels


def add_train_command(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``train`` on an argparse ``subparsers`` object (``cli.COMMANDS`` style).

    >>> parser = argparse.ArgumentParser(prog="annonces")
    >>> _ = add_train_command(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["train", "annotations/spans", "-o", "models/ner-v1", "--max-steps", "5"])
    >>> args.annotations, args.output, args.max_steps, args.dev_fraction
    (PosixPath('annotations/spans'), PosixPath('models/ner-v1'), 5, 0.2)
    """
    p = subparsers.add_parser(
        "train", help="fine-tune the NER on span annotations and score it on held-out documents",
        description="Fine-tune fr_core_news_md's NER (MINISTER, ORG, PROGRAM, REGION) on span-level "
                    "annotations and score the best model on held-out documents.",
        epilog=TRAIN_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("annotations", metavar="ANNOTATIONS", type=Path,
                   help="a folder of .json/.jsonl annotation files, or one .jsonl/.json file")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT", help="output folder (e.g. models/NAME)")
    p.add_argument("--dev-fraction", type=_fraction, default=0.2, metavar="F",
                   help="fraction of documents held out for the final scores (default 0.2)")
    p.add_argument("--seed", type=int, default=0, help="seed of the split and of training (default 0)")
    p.add_argument("--max-epochs", type=_count, default=None, metavar="N", help="stop after N epochs")
    p.add_argument("--max-steps", type=_count, default=None, metavar="N", help="stop after N updates")
    p.add_argument("--config", type=Path, default=None, metavar="CFG",
                   help="spaCy training config (default: models/ner.cfg)")
    p.add_argument("--base-model", default=BASE_MODEL, metavar="NAME",
                   help=f"installed spaCy package whose NER is fine-tuned (default {BASE_MODEL})")
    p.add_argument("--rehearse", type=_labels, default=REHEARSED_LABELS, metavar="LABELS",
                   help="base-model labels whose predictions are kept as training entities, comma-separated "
                        f"(default {','.join(REHEARSED_LABELS)})")
    p.add_argument("--no-rehearsal", action="store_const", const=(), dest="rehearse",
                   help="keep none of the base model's predictions (same as --rehearse '')")
    p.add_argument("--default", action="store_true",
                   help="ANNONCES is a shared dev folder (texts/, gold/, folds.json): reproduce the shipped span "
                        "model and linker (annonces.learn.default) into OUT")
    p.set_defaults(func=run_train_command)
    return p


def run_train_command(args: argparse.Namespace) -> int:
    """Run ``annonces train``; bad paths or empty annotations raise ``UsageError`` (exit 2)."""
    from spacy import util as spacy_util

    from .errors import UsageError

    if not args.annotations.exists():
        raise UsageError(f"annotations not found: {args.annotations}")
    if args.default:
        from .learn.default import train_default

        if not (args.annotations / "folds.json").is_file():
            raise UsageError(f"--default needs a folder with texts/, gold/ and folds.json: {args.annotations}")
        train_default(args.annotations, args.output, epochs=args.max_epochs or 8,
                      log=lambda m: print(m, file=sys.stderr))
        print(f"span model: {args.output / 'spans'}\nlinker: {args.output / 'linker.json'}\n"
              f"copy both into src/annonces/models/ to make them the package default", file=sys.stderr)
        return 0
    if args.config is not None and not args.config.is_file():
        raise UsageError(f"training config not found: {args.config}")
    if not (spacy_util.is_package(args.base_model) or Path(args.base_model).is_dir()):
        raise UsageError(f"base model {args.base_model!r} is neither an installed spaCy package nor a model folder")
    try:
        result = train(args.annotations, args.output, dev_fraction=args.dev_fraction, seed=args.seed,
                       max_epochs=args.max_epochs, max_steps=args.max_steps, config=args.config,
                       rehearse=args.rehearse, base_model=args.base_model)
    except (FileNotFoundError, TrainingDataError) as e:
        raise UsageError(str(e)) from e
    print(result.table())
    print(f"model: {result.model_dir}\nmetrics: {result.metrics_path}", file=sys.stderr)
    return 0
