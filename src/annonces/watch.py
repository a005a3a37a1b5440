"""Worker processes that end with the batch process that started them (a ``kill -9``)."""

from __future__ import annotations

import os
import time


def watch_batch(pid: int, interval: float = 0.25) -> None:
    """End this worker when the batch process ``pid`` is gone (a ``kill -9``): a worker
    blocked on its task queue would otherwise live on, an orphan, and keep the forkserver
    and the resource tracker alive with it."""
    import threading

    def watch() -> None:
        while not _gone(pid):
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="annonces-watch-batch", daemon=True).start()


def _gone(pid: int) -> bool:
    """True when process ``pid`` has ended (a zombie waiting for its parent counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False
