"""The CSP check of rendered pages in a second process, while the build renders on.

Scanning a page for inline code (``csp.inline_code``) is the largest single item of the
per-page work; it only decides whether the build may pass, not what a page holds. So
the build gives every page the policy of the theme's scripts at once
(``csp.insert_policy``) and hands the page to a child process that scans it on the
machine's other core. ``BackgroundCheck.finish`` waits for the verdict; a failed or
lost check fails the build (closed, never open).

The child is ``python -m warmtetoolbox.site.csp_worker``: length-prefixed pickles of
(where, html, allowed hashes) on stdin, a JSON list of Dutch errors on stdout.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path

from ..model.oserrors import dutch_reason
from .csp import foreign_code

TIMEOUT_S = 900
MAX_PROBLEMS = 20
_PACKAGE_PARENT = Path(__file__).resolve().parents[2]
_STOP = object()
_END = (0).to_bytes(4, "big")


class CheckError(RuntimeError):
    """The check could not run to its end; the message is Dutch."""


class BackgroundCheck:
    """A child process that scans pages for foreign inline code."""

    def __init__(self) -> None:
        path = os.environ.get("PYTHONPATH", "")
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(_PACKAGE_PARENT), path])),
        }
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", __name__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError as exc:
            raise CheckError(f"de CSP-controle kon niet starten ({dutch_reason(exc)})") from None
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._lost: str | None = None
        self._writer = threading.Thread(target=self._write_loop, daemon=True)
        self._writer.start()

    def submit(self, where: str, html: str, allowed: frozenset[str]) -> None:
        """Queue a page; returns at once."""
        data = pickle.dumps((where, html, tuple(allowed)), protocol=pickle.HIGHEST_PROTOCOL)
        self._outbox.put(len(data).to_bytes(4, "big") + data)

    def finish(self) -> list[str]:
        """Wait for the scan of every page; the Dutch errors (empty: every page passed)."""
        self._outbox.put(_END)
        self._outbox.put(_STOP)
        self._writer.join(TIMEOUT_S)
        try:
            if self._writer.is_alive():
                raise subprocess.TimeoutExpired(__name__, TIMEOUT_S)
            out = self._proc.stdout.read()  # the child answers once, when its input ends
            self._proc.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.close()
            raise CheckError(f"de CSP-controle was na {TIMEOUT_S} seconden niet klaar") from None
        if self._lost or self._proc.returncode != 0:
            raise CheckError(
                "de CSP-controle is onverwacht gestopt"
                + (f" ({self._lost})" if self._lost else f" (afsluitcode {self._proc.returncode})")
            )
        try:
            problems = json.loads(out)
        except ValueError:
            raise CheckError("de CSP-controle gaf een antwoord dat niet te lezen is") from None
        return [str(p) for p in problems]

    def close(self) -> None:
        """Stop the child (idempotent)."""
        self._outbox.put(_STOP)
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()

    def _write_loop(self) -> None:
        stdin = self._proc.stdin
        try:
            while (data := self._outbox.get()) is not _STOP:
                stdin.write(data)
            stdin.flush()
        except OSError as exc:
            self._lost = dutch_reason(exc)
        finally:
            with contextlib.suppress(OSError):
                stdin.close()


def _serve(stdin, stdout) -> None:
    problems: list[str] = []
    while len(head := stdin.read(4)) == 4 and (size := int.from_bytes(head, "big")):
        where, html, allowed = pickle.loads(stdin.read(size))
        problem = foreign_code(html, frozenset(allowed), where)
        if problem and len(problems) < MAX_PROBLEMS:
            problems.append(problem)
    stdout.write(json.dumps(problems).encode("utf-8"))
    stdout.flush()


if __name__ == "__main__":
    _serve(sys.stdin.buffer, sys.stdout.buffer)
