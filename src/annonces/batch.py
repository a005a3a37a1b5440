"""Folders of releases -> one JSONL line (or CSV/Parquet rows) per document.

* Every input document yields exactly one line, in sorted path order whatever the
  number of workers; an exception raised by extraction becomes that document's
  ``error`` and the batch goes on.
* Workers are processes, each loading the pipeline once (an initializer); results
  are written as soon as they are next in order, through a reorder window of
  ``4 x workers`` documents, so memory stays flat with the number of files.
* ``resume=True`` (JSONL only) drops a trailing partial line left by a killed
  batch, skips documents already written (same ``path``, ``doc_id`` and
  ``content_sha1``), appends the others, and at the end rewrites the file in input
  order if needed, dropping lines of files that changed or vanished.  Lines written
  with other options (``fast``, ``kb``) are kept as they are.
* :func:`process_partition` is the same work as a map function over ``(id, text)``
  pairs, for an existing distributed engine.

>>> lines = list(process_partition([("vide", "   ")], fast=True))
>>> lines[0]["doc_id"], lines[0]["error"], lines[0]["records"]
('vide', 'empty document', [])
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .inputs import batch_documents, count_documents
from .pool import OrderedWindow
from .preflight import check_batch as _check
from .errors import UsageError
from .output import ENTITY_KINDS, add_pages
from .readers import MAX_CHARS, Document, iter_paths, skipped_paths, truncate
from .resume import Key, _kept_lines, _reorder, _scan
from .watch import watch_batch as _watch_batch
from .writers import FORMATS, WriterError, encode_line, open_writer, repair_jsonl
from .writers.sql import stored_keys, stored_lines

#: at most this many offset-mismatch warnings per document
MAX_OFFSET_WARNINGS = 5

Work = Callable[[Document, bool, str | None], tuple[dict[str, Any], int]]


class OutputError(RuntimeError):
    """The output could not be written while the batch ran (e.g. the disk is full)."""


@dataclass(frozen=True)
class BatchSummary:
    """What a batch did: lines written this run, records, errors, words and time; ``skipped``: the files not read
    by rule (README, hidden, Markdown: :func:`annonces.readers.skip_reason`) and, on ``--resume``, those already written."""

    documents: int
    records: int
    errors: int
    words: int
    seconds: float
    skipped: int = 0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """The closing summary line.

        >>> BatchSummary(documents=23, records=57, errors=0, words=16246, seconds=2.0).line()
        'documents=23 records=57 errors=0 words/s=8123'
        """
        text = (f"documents={self.documents} records={self.records} errors={self.errors} "
                f"words/s={self.words_per_second:.0f}")
        return text + (f" skipped={self.skipped}" if self.skipped else "")


# ---------------------------------------------------------------- one document


@functools.lru_cache(maxsize=8)
def _load_error(fast: bool, kb: str | None, model: str | None = None) -> str | None:
    """Load the pipeline once per process; the error message if it cannot be loaded."""
    try:
        from . import pipeline

        pipeline.load(fast=fast, kb=kb, model=model)
    except Exception as e:  # reported on every document instead of crashing the batch
        return f"pipeline failed to load: {_describe(e)}"
    return None


def _describe(e: BaseException) -> str:
    text = f"{type(e).__name__}: {e}".strip()
    return text if len(text) <= 500 else text[:497] + "..."


def _base(doc: Document) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "content_sha1": doc.content_sha1,
        "published": doc.published.isoformat() if doc.published else None,
        "published_source": "caller" if doc.published else None,
        "error": doc.error,
        "warnings": list(doc.warnings),
        "entities": {k: [] for k in ENTITY_KINDS},
        "records": [],
        "segments": [],
        "tables": [],
    }


def error_line(doc: Document, error: str) -> dict[str, Any]:
    """The line of a document that could not be processed."""
    line = _base(doc)
    line["error"] = error
    return line


def offset_warnings(text: str, line: dict[str, Any]) -> list[str]:
    """Entities and evidence whose ``start``/``end`` do not give back their ``text``.

    >>> offset_warnings("Une aide de 2 M$.", {"entities": {"amounts": [{"text": "2 M$", "start": 12, "end": 16}]}})
    []
    >>> offset_warnings("Une aide de 2 M$.", {"records": [{"evidence": {"text": "2 M$", "start": 0, "end": 4}}]})
    ["records[0].evidence: text[0:4] is 'Une ', not '2 M$'"]
    """
    found: list[tuple[str, dict[str, Any]]] = [
        (f"{kind}[{i}]", e) for kind in ENTITY_KINDS
        for i, e in enumerate((line.get("entities") or {}).get(kind, ()))
    ]
    found += [(f"records[{i}].evidence", r.get("evidence") or {}) for i, r in enumerate(line.get("records", ()))]
    warnings = []
    for where, e in found:
        start, end, written = e.get("start"), e.get("end"), e.get("text")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
                and text[start:end] == written):
            got = text[start:end] if isinstance(start, int) and isinstance(end, int) else None
            warnings.append(f"{where}: text[{start}:{end}] is {got!r}, not {written!r}")
            if len(warnings) >= MAX_OFFSET_WARNINGS:
                break
    return warnings


def process_document(doc: Document, *, fast: bool = False, kb: str | Path | None = None,
                     model: str | Path | None = None, min_confidence: float | None = None) -> dict[str, Any]:
    """The output line of one document; never raises (an exception becomes ``error``).

    Keys: ``doc_id``, ``path``, ``content_sha1``, ``published``, ``published_source``,
    ``error``, ``warnings``, then ``entities``, ``records``, ``segments`` as in
    :meth:`annonces.types.Extraction.to_dict` (empty when ``error`` is set).  With
    ``min_confidence``, records below it are moved to a ``rejected`` list (never dropped).

    >>> process_document(Document(doc_id="x", path="x.png", text=None, error="binary file"))["error"]
    'binary file'
    """
    if doc.error is not None or doc.text is None:
        return error_line(doc, doc.error or "empty document")
    kb_key = str(kb) if kb is not None else None
    model_key = str(model) if model is not None else None
    failed = _load_error(bool(fast), kb_key, model_key) if model_key else _load_error(bool(fast), kb_key)
    if failed:
        return _rejected(error_line(doc, failed), min_confidence)
    try:
        from . import api

        extra = {"model": model_key} if model_key else {}
        extraction = api.extract(doc.text, published=doc.published, fast=fast, kb=kb_key, **extra)
        result = extraction.to_dict()
        encode_line(result)  # fails here, on this document, if not serializable
    except Exception as e:
        return _rejected(error_line(doc, _describe(e)), min_confidence)
    line = _base(doc)
    line.update(add_pages(result, doc.pages))  # evidence.page for PDF
    line["error"] = None
    line["warnings"] = list(doc.warnings) + offset_warnings(doc.text, result)
    return _rejected(line, min_confidence)


def _rejected(line: dict[str, Any], min_confidence: float | None) -> dict[str, Any]:
    """Records under ``min_confidence`` moved from ``records`` to ``rejected``.

    >>> _rejected({"records": [{"confidence": 0.9}, {"confidence": 0.4}]}, 0.5)
    {'records': [{'confidence': 0.9}], 'rejected': [{'confidence': 0.4}]}
    """
    if min_confidence is None:
        return line
    records = line.get("records") or []
    line["records"] = [r for r in records if (r.get("confidence") or 0.0) >= min_confidence]
    line["rejected"] = [r for r in records if (r.get("confidence") or 0.0) < min_confidence]
    return line


def _work(doc: Document, fast: bool, kb: str | None, *, model: str | None = None,
          min_confidence: float | None = None) -> tuple[dict[str, Any], int]:
    """A line and the number of words processed (the unit of work sent to workers)."""
    words = len(doc.text.split()) if doc.text else 0
    return process_document(doc, fast=fast, kb=kb, model=model, min_confidence=min_confidence), words


def partition_document(doc_id: Any, text: Any, published: Any = None, *,
                       max_chars: int = MAX_CHARS) -> Document:
    """A :class:`Document` for a ``(id, text[, published])`` item of :func:`process_partition`.

    The text is used as given (no newline or NFC normalization) so that offsets are
    offsets into the caller's string; only texts over ``max_chars`` are cut.
    """
    doc_id = str(doc_id)
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10]) if len(published) >= 10 else None
    if not isinstance(published, dt.date):
        published = None
    elif isinstance(published, dt.datetime):
        published = published.date()
    if not isinstance(text, str):
        return Document(doc_id=doc_id, path=None, text=None, published=published,
                        error=f"text is a {type(text).__name__}, not a string")
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    if not text.strip():
        return Document(doc_id=doc_id, path=None, text=None, content_sha1=digest, error="empty document")
    kept, warnings = truncate(text, max_chars)
    return Document(doc_id=doc_id, path=None, text=kept, published=published, content_sha1=digest,
                    warnings=warnings)


def process_partition(items: Iterable[tuple[Any, ...]], *, fast: bool = False, kb: str | Path | None = None,
                      max_chars: int = MAX_CHARS) -> Iterator[dict[str, Any]]:
    """Lines for ``(id, text)`` or ``(id, text, published)`` items, in order, lazily.

    A map function for a distributed engine; the pipeline is loaded once per process::

        rdd.mapPartitions(lambda part: process_partition(part, fast=True))

    ``path`` is ``None`` in these lines; a bad item yields an ``error`` line.
    """
    for item in items:
        try:
            doc = partition_document(*item, max_chars=max_chars)
        except Exception as e:
            ident = item[0] if isinstance(item, (tuple, list)) and item else item
            doc = Document(doc_id=str(ident), path=None, text=None, error=f"bad item: {_describe(e)}")
        yield process_document(doc, fast=fast, kb=kb)


# ---------------------------------------------------------------- workers


def _init_worker(fast: bool, kb: str | None, model: str | None = None, batch_pid: int | None = None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    if batch_pid is not None:
        _watch_batch(batch_pid)
    _load_error(fast, kb, model) if model else _load_error(fast, kb)


def _context() -> Any:
    """``fork`` on Linux, else ``forkserver`` (or ``spawn``).

    With ``fork`` the pool's semaphores are unlinked as soon as they are made, so a batch
    killed with ``kill -9`` leaves none for the resource tracker to report as leaked (with
    ``forkserver`` it reports five); the pool starts its workers before its manager
    thread, and the progress bar runs no monitor thread, so the batch forks with one thread.
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _parallel(docs: Iterable[Document], *, workers: int, fast: bool, kb: str | None,
              work: Work = _work, model: str | None = None) -> Generator[tuple[dict[str, Any], int], None, None]:
    """Results in input order from a pool of ``workers`` processes.

    When a worker process dies (``BrokenProcessPool``), the documents that were in
    flight are run again one at a time in a new pool, so only the one that kills its
    worker gets an ``error``.
    """
    ctx = _context()

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                   initargs=(fast, kb, model, os.getpid()))

    pool = new_pool()

    def submit(doc: Document) -> Future[Any]:
        if doc.error is not None:  # nothing to compute: resolve at once
            done: Future[Any] = Future()
            done.set_result((error_line(doc, doc.error), 0))
            return done
        return pool.submit(work, doc, fast, kb)

    try:
        window = OrderedWindow(submit, docs, window=4 * workers)
        for doc, future in window:
            try:
                yield future.result()
                continue
            except BrokenProcessPool:
                pass
            except Exception as e:  # e.g. a document that cannot be pickled
                yield error_line(doc, _describe(e)), 0
                continue
            # the pool died: rerun the documents in flight one by one in a new pool
            suspects = [doc, *window.drain()]
            pool.shutdown(wait=False, cancel_futures=True)
            pool = new_pool()
            for suspect in suspects:
                try:
                    yield submit(suspect).result()
                except BrokenProcessPool:
                    yield error_line(suspect, "worker process died while processing this document"), 0
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                except Exception as e:
                    yield error_line(suspect, _describe(e)), 0
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _serial(docs: Iterable[Document], *, fast: bool, kb: str | None,
            work: Work = _work) -> Generator[tuple[dict[str, Any], int], None, None]:
    for doc in docs:
        yield work(doc, fast, kb)


# ---------------------------------------------------------------- run


def run_batch(
    input_dir: str | Path,
    output: str | Path,
    *,
    fmt: str | None = None,
    glob: str = "**/*",
    workers: int = 1,
    resume: bool = False,
    fast: bool = False,
    kb: str | Path | None = None,
    progress: bool = True,
    max_chars: int = MAX_CHARS,
    work: Work = _work,
    model: str | Path | None = None,
    published: dt.date | None = None,
    min_confidence: float | None = None,
    text_field: str = "text",
    follow_links: bool = False,
) -> BatchSummary:
    """Process every file under ``input_dir`` matching ``glob`` into ``output``.

    ``fmt`` is ``jsonl``, ``csv`` or ``parquet`` (default: from the output suffix,
    else JSONL); ``workers=0`` uses every core.  Raises :class:`UsageError` before
    processing anything when the invocation is wrong.  A ``KeyboardInterrupt`` stops
    the batch with every finished line written; rerun with ``resume=True``.  A write that
    fails while the batch runs (a full disk) raises :class:`OutputError` naming the file,
    the JSONL file holding whole lines only.

    ``model`` replaces the NER model (see :func:`annonces.load`), ``published`` is the
    reference date of documents that give none, ``min_confidence`` moves records below it
    to each line's ``rejected`` list, ``text_field`` names the text field of JSON/JSONL
    records.  Ids follow the rule of :mod:`annonces.inputs` (unique in the batch).

    >>> import tempfile; d = Path(tempfile.mkdtemp()); _ = (d / "vide.txt").write_text("")
    >>> run_batch(d, d / "out" / "lignes.jsonl", fast=True, progress=False).line()
    'documents=1 records=0 errors=1 words/s=0'
    """
    input_dir, output = Path(input_dir), Path(output)
    fmt, workers = _check(input_dir, output, fmt, workers, resume, kb, max_chars, model)
    kb_key = str(kb) if kb is not None else None
    model_key = str(model) if model is not None else None
    if work is _work and (model_key or min_confidence is not None):
        work = functools.partial(_work, model=model_key, min_confidence=min_confidence)
    done, writer = _open_output(output, fmt, resume)
    excluded = [output, output.with_name(output.name + ".tmp")]
    paths = iter_paths(input_dir, glob, exclude=excluded)
    ignored = len(skipped_paths(input_dir, glob, exclude=excluded))  # README, hidden, .md (readers.walk)
    counts = Counter[str]()
    expected: list[Key] = []
    todo = functools.partial(batch_documents, paths, input_dir, max_chars=max_chars, text_field=text_field,
                             published=published, resume=resume, done=done, expected=expected, counts=counts, follow_links=follow_links)

    bar = _progress_bar(paths, progress)
    results: Generator[tuple[dict[str, Any], int], None, None]
    if workers > 1:
        results = _parallel(todo(), workers=workers, fast=fast, kb=kb_key, work=work, model=model_key)
    else:
        results = _serial(todo(), fast=fast, kb=kb_key, work=work)
    start = time.perf_counter()
    linker = _duplicate_linker(output, fmt, resume)
    finished = False
    try:
        _write_all(results, writer, output, linker, counts, bar)
        finished = True
    finally:
        results.close()  # stops the worker pool, also on an interrupt
        bar.close()
        _close(writer, output, report=finished)
    seconds = time.perf_counter() - start
    if resume and fmt == "jsonl":
        _reorder(output, expected)
    return BatchSummary(documents=counts["documents"], records=counts["records"], errors=counts["errors"],
                        words=counts["words"], seconds=seconds, skipped=counts["skipped"] + ignored)


def _open_output(output: Path, fmt: str, resume: bool) -> tuple[set[Key], Any]:
    """The keys already written (``resume``) and the writer, appending then."""
    done: set[Key] = set()
    if resume and output.exists() and fmt != "jsonl":
        done = {k for k in stored_keys(output) if k[2] is not None}
    elif resume and output.exists():
        repair_jsonl(output)
        done = {k for k, _o, _n in _scan(output) if k is not None and k[2] is not None}
    try:
        writer = open_writer(output, fmt, append=resume and output.exists())
    except WriterError as e:
        raise UsageError(str(e)) from e
    except OSError as e:
        raise UsageError(f"cannot write {output}: {e.strerror or e}") from e
    return done, writer


def _progress_bar(paths: list[Path], progress: bool) -> Any:
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[misc,valid-type]
        monitor_interval = 0  # no monitor thread: worker processes are forked from one thread

    return Bar(total=count_documents(paths) if progress else len(paths), unit="doc", file=sys.stderr,
               dynamic_ncols=True, disable=True if not progress else None)


def _duplicate_linker(output: Path, fmt: str, resume: bool) -> Any:
    """The same funding reported twice in the batch -> ``duplicate_of`` (lines kept on resume first)."""
    from .records.duplicates import DuplicateLinker

    linker = DuplicateLinker()
    if resume and output.exists():
        for kept in (_kept_lines(output) if fmt == "jsonl" else stored_lines(output)):
            linker.link_dicts(str(kept.get("doc_id")), kept.get("records") or [])
    return linker


def _write_all(results: Iterable[tuple[dict[str, Any], int]], writer: Any, output: Path, linker: Any,
               counts: Counter[str], bar: Any) -> None:
    """Write each result line (marking duplicates), counting documents, records, errors and words."""
    for line, words in results:
        linker.link_dicts(str(line.get("doc_id")), line.get("records") or [])
        try:
            _write(writer, line, output)
        except (TypeError, ValueError) as e:  # an unserializable value: the line becomes an error
            line = error_line(_as_document(line), f"cannot write the result: {_describe(e)}")
            _write(writer, line, output)
        counts["documents"] += 1
        counts["records"] += len(line.get("records") or ())
        counts["errors"] += bool(line.get("error"))
        counts["words"] += words
        bar.update(counts["skipped"] + counts["documents"] - bar.n)


def _full(output: Path, e: OSError) -> OutputError:
    return OutputError(f"cannot write {output}: {e.strerror or e}; the lines written before are complete, "
                       "free some space and rerun with --resume (JSONL output)")


def _write(writer: Any, line: dict[str, Any], output: Path) -> None:
    try:
        writer.write(line)
    except OSError as e:
        try:
            writer.close()
        except OSError:
            pass
        raise _full(output, e) from None


def _close(writer: Any, output: Path, *, report: bool) -> None:
    try:
        writer.close()
    except OSError as e:
        if report:  # else another error stopped the batch: do not hide it
            raise _full(output, e) from None


def _as_document(line: dict[str, Any]) -> Document:
    return Document(doc_id=str(line.get("doc_id")), path=line.get("path"), text=None,
                    content_sha1=line.get("content_sha1"), warnings=tuple(line.get("warnings") or ()))


__all__ = ["FORMATS", "BatchSummary", "OrderedWindow", "OutputError", "UsageError", "error_line", "offset_warnings",
           "partition_document", "process_document", "process_partition", "run_batch"]
