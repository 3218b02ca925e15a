"""The CSP check of rendered pages in a second process, while the build renders on.

Scanning a page for inline code (``inline_scan.inline_code``) is the largest single item of the
per-page work; it only decides whether the build may pass, not what a page holds. So
the build gives every page the policy of the theme's scripts at once
(``csp.insert_policy``) and hands the page to a child process that scans it on the
machine's other core. ``BackgroundCheck.finish`` waits for the verdict; a failed or
lost check fails the build (closed, never open).

The child is ``python -m warmtetoolbox.site.csp_worker``: length-prefixed pickles of
(where, html, allowed hashes) on stdin, a JSON list of Dutch errors on stdout.
"""

from __future__ import annotations

import json
import os
import pickle
import queue
import subprocess
import sys
from pathlib import Path

from ..model.oserrors import dutch_reason
from .child_input import ChildInput
from .csp import foreign_code
from .inline_scan import SegmentMemo

TIMEOUT_S = 900
MAX_PROBLEMS = 20
_PACKAGE_PARENT = Path(__file__).resolve().parents[2]
_END = (0).to_bytes(4, "big")  # a frame of length 0: no more pages


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
                stderr=subprocess.PIPE,  # read once, at the end: a crash's last line
                env=env,
            )
        except OSError as exc:
            raise CheckError(f"de CSP-controle kon niet starten ({dutch_reason(exc)})") from None
        self._lost: str | None = None
        self._input = ChildInput(self._proc.stdin, self._input_lost)

    def submit(self, where: str, html: str, allowed: frozenset[str]) -> None:
        """Queue a page; returns at once unless the child is far behind."""
        data = pickle.dumps((where, html, tuple(allowed)), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self._input.put(len(data).to_bytes(4, "big") + data, timeout=TIMEOUT_S)
        except queue.Full:
            self.close()
            raise CheckError(_late()) from None

    def finish(self) -> list[str]:
        """Wait for the scan of every page; the Dutch errors (empty: every page passed)."""
        try:
            self._input.put(_END, timeout=TIMEOUT_S)
            if not self._input.end(TIMEOUT_S):
                raise subprocess.TimeoutExpired(__name__, TIMEOUT_S)
            self._proc.stdin = None  # the writer closed it
            out, err = self._proc.communicate(timeout=TIMEOUT_S)
        except (queue.Full, subprocess.TimeoutExpired):
            self.close()
            raise CheckError(_late()) from None
        if self._lost or self._proc.returncode != 0:
            last = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:]
            detail = self._lost or f"afsluitcode {self._proc.returncode}"
            raise CheckError(
                f"de CSP-controle is onverwacht gestopt ({detail}"
                + (f": {last[0][:200]}" if last else "")
                + ")"
            )
        try:
            answer = json.loads(out)
            problems, count = [str(p) for p in answer["problems"]], int(answer["count"])
        except (ValueError, KeyError, TypeError):
            raise CheckError("de CSP-controle gaf een antwoord dat niet te lezen is") from None
        if count > len(problems) and problems:
            problems[-1] += f" (en nog {count - len(problems)} pagina's)"
        return problems

    def close(self) -> None:
        """Stop the child (idempotent)."""
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        self._input.stop()  # a writer waiting for pages stops too

    def _input_lost(self, exc: OSError) -> None:
        self._lost = dutch_reason(exc)


def _late() -> str:
    return f"de CSP-controle was na {TIMEOUT_S} seconden niet klaar"


def _serve(stdin, stdout) -> int:
    """Scan the pages on ``stdin`` until the end marker; 3 when the input ends early."""
    problems: list[str] = []
    count = 0
    memo = SegmentMemo()  # the theme's navigation, header and footer: read once per folder
    while len(head := stdin.read(4)) == 4:
        size = int.from_bytes(head, "big")
        if not size:
            stdout.write(json.dumps({"problems": problems, "count": count}).encode("utf-8"))
            stdout.flush()
            return 0
        where, html, allowed = pickle.loads(stdin.read(size))
        problem = foreign_code(html, frozenset(allowed), where, memo)
        if problem:
            count += 1
            if len(problems) < MAX_PROBLEMS:
                problems.append(problem)
    return 3  # the build went away without its end marker: no verdict


if __name__ == "__main__":
    sys.exit(_serve(sys.stdin.buffer, sys.stdout.buffer))
