"""One function call in a forked child, while the build does other work.

The child gets everything by fork (nothing is pickled on the way in) and sends its
result back pickled. A child that fails, dies or hangs costs time, never a result:
``result`` then calls the function in this process, so its errors are the build's own.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
from collections.abc import Callable
from typing import Generic, TypeVar

from .child_guard import start_child

T = TypeVar("T")
WAIT_S = 900  # seconds; the reuse map of 10,000 entries takes a few


class ForkedCall(Generic[T]):
    """``function(*args)``, computed in a forked child (``fork``) or else in this process
    when asked for; ``result()`` waits for it and keeps it."""

    def __init__(self, function: Callable[..., T], *args: object, fork: bool = True) -> None:
        self._call = (function, args)
        self._done: tuple[T] | None = None
        self._proc = None
        if fork:
            try:
                context = multiprocessing.get_context("fork")
                self._reader, writer = context.Pipe(duplex=False)
            except (OSError, ValueError):  # no fork here, or no pipe left: done here
                return
            target = (function, args, writer, self._reader, os.getpid())
            self._proc = context.Process(target=_run, args=target, daemon=True)
            try:
                self._proc.start()
            except (OSError, RuntimeError, ValueError):  # no second process: done here
                self._proc = None
                self._reader.close()
            writer.close()

    def result(self, timeout: float = WAIT_S) -> T:
        if self._done is None:
            self._done = (self._from_child(timeout),) if self._proc else (self._here(),)
        return self._done[0]

    def close(self) -> None:
        if self._proc is not None:
            self._reader.close()
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join()
            self._proc = None

    def _from_child(self, timeout: float) -> T:
        try:
            if self._reader.poll(timeout):
                ok, value = pickle.loads(self._reader.recv_bytes())
                if ok:
                    return value
        except (OSError, EOFError, pickle.UnpicklingError):
            pass  # the child went away: compute it here
        finally:
            self.close()
        return self._here()

    def _here(self) -> T:
        function, args = self._call
        return function(*args)


def _run(function: Callable, args: tuple, writer, parent_end, parent: int) -> None:
    parent_end.close()  # else a parent that dies unread leaves this child writing forever
    start_child(parent)
    try:
        data = pickle.dumps((True, function(*args)), pickle.HIGHEST_PROTOCOL)
    except BaseException:  # the build calls it again and reports the error itself
        data = pickle.dumps((False, None))
    with contextlib.suppress(OSError):  # the build went away
        writer.send_bytes(data)
    os._exit(0)  # no atexit handlers or buffers of the parent run in the child


SPLIT_FROM = 64  # fewer items are not worth a process


def forked_map(function: Callable[[object], T], items: list, fork: bool = True) -> list[T]:
    """``[function(item) for item in items]``, in order; with ``fork`` a forked child
    does the second half meanwhile (``ForkedCall``: a child that fails costs time only)."""
    if not fork or len(items) < SPLIT_FROM:
        return [function(item) for item in items]
    half = len(items) // 2
    child = ForkedCall(forked_map, function, items[half:], False)
    try:
        return forked_map(function, items[:half], fork=False) + child.result()
    finally:
        child.close()
