"""The input of a child process, written by a thread of its own from a bounded queue.

The build hands a child (Pagefind's service, the CSP check) one message per page. A
thread writes them to the child's stdin, so the build never waits for a pipe; the
queue is bounded, so a child that falls behind holds up the build, not its memory.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from typing import BinaryIO

QUEUED = 64
_END = object()


class ChildInput:
    def __init__(
        self, stdin: BinaryIO, lost: Callable[[OSError], None], flush_each: bool = False
    ) -> None:
        """``lost`` is called (on the thread) when the child stops taking input;
        ``flush_each`` sends every message at once (a child that answers each)."""
        self._stdin = stdin
        self._lost = lost
        self._flush_each = flush_each
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUED)
        self._thread = threading.Thread(target=self._write, daemon=True)
        self._thread.start()

    def put(self, data: bytes, timeout: float) -> None:
        """Queue ``data``; raises ``queue.Full`` when the child took nothing for ``timeout``."""
        self._queue.put(data, timeout=timeout)

    def end(self, timeout: float) -> bool:
        """Close the input once the queued messages are written; False if that took
        longer than ``timeout`` (raises ``queue.Full`` when the queue stays full)."""
        self._queue.put(_END, timeout=timeout)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def stop(self) -> None:
        """Let a thread that waits for messages end (after the child was stopped)."""
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(_END)

    def _write(self) -> None:
        try:
            while (data := self._queue.get()) is not _END:
                self._stdin.write(data)
                if self._flush_each:
                    self._stdin.flush()
            self._stdin.flush()
        except OSError as exc:
            self._lost(exc)
        except ValueError:
            pass  # closed under it: the child was stopped
        finally:
            with contextlib.suppress(OSError, ValueError):
                self._stdin.close()
