"""Generated files written by a second process while the build renders its pages.

A large toolbox has one small file per former address and per version address
(redirects), plus feeds and data files. Each needs a folder and a file of its own;
on a slow disk that costs as much as rendering the pages. In a full build a forked
child writes them on the machine's other core while the front end converts pages.
The child writes nothing else and exits; a child that fails or hangs costs time,
never a file: ``finish`` then writes them in the build's own process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence

from .child_guard import parent_alive, start_child

WAIT_S = 900  # writing small files takes milliseconds each: this is a stuck disk


class BackgroundWriter:
    """Writes ``files`` ((absolute path, text or bytes), ...) in a forked child."""

    def __init__(self, files: Sequence[tuple[str, str | bytes]]) -> None:
        self.files = files
        self._proc = None
        try:
            context = multiprocessing.get_context("fork")
            proc = context.Process(target=_write_all, args=(files, os.getpid()), daemon=True)
            proc.start()
            self._proc = proc
        except (OSError, RuntimeError, ValueError):
            pass  # no second process: finish writes them here

    def finish(self, timeout: float = WAIT_S) -> bool:
        """Wait for the child; True when it wrote every file. Otherwise every file is
        written here (an ``OSError`` names the file that cannot be written)."""
        done = False
        if self._proc is not None:
            self._proc.join(timeout)
            done = not self._proc.is_alive() and self._proc.exitcode == 0
        self.close()
        if done:
            return True
        for path, content in self.files:
            write_file(path, content)
        return False

    def close(self) -> None:
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join()


def write_file(path: str, content: str | bytes) -> None:
    """``content`` (text as UTF-8) to ``path``, its folders made first."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open(path, "wb") as out:
        out.write(data)


def _write_all(files: Sequence[tuple[str, str | bytes]], parent: int) -> None:
    start_child(parent)
    try:
        for number, (path, content) in enumerate(files):
            if number % 64 == 0 and not parent_alive(parent):
                os._exit(1)  # the build is gone: its folder is not this child's any more
            write_file(path, content)
    except BaseException:  # the build writes them again and reports the error itself
        os._exit(1)
    os._exit(0)  # no atexit handlers or buffers of the parent run in the child
