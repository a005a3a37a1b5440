"""A window of pending futures read back in input order (the batch's worker pool).

>>> from concurrent.futures import ThreadPoolExecutor
>>> with ThreadPoolExecutor(2) as pool:
...     [f.result() for _n, f in OrderedWindow(lambda n: pool.submit(abs, n), iter([-1, -2, -3]), window=2)]
[1, 2, 3]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any


class OrderedWindow:
    """``(doc, future)`` pairs in input order, with at most ``window`` futures pending.

    Each document is submitted ahead of time; the caller takes results in input
    order, and results finished early wait in their future, so memory is bounded by
    ``window`` documents whatever the number of files.

    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as pool:
    ...     pairs = OrderedWindow(lambda n: pool.submit(pow, n, 2), range(5), window=2)
    ...     [(n, f.result()) for n, f in pairs]
    [(0, 0), (1, 1), (2, 4), (3, 9), (4, 16)]
    """

    def __init__(self, submit: Callable[[Any], Future[Any]], items: Iterable[Any], *, window: int) -> None:
        self.submit = submit
        self.items = iter(items)
        self.window = max(1, window)
        self.pending: deque[tuple[Any, Future[Any]]] = deque()
        self.exhausted = False

    def __iter__(self) -> OrderedWindow:
        return self

    def __next__(self) -> tuple[Any, Future[Any]]:
        while not self.exhausted and len(self.pending) < self.window:
            try:
                item = next(self.items)
            except StopIteration:
                self.exhausted = True
                break
            self.pending.append((item, self.submit(item)))
        if not self.pending:
            raise StopIteration
        return self.pending.popleft()

    def drain(self) -> list[Any]:
        """The items submitted and not yet taken (their futures are dropped)."""
        items = [item for item, _future in self.pending]
        self.pending.clear()
        return items
