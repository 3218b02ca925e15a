"""Pagefind fed while the site is rendered: its service mode on a second core.

``pagefind --service`` reads requests on stdin and answers on stdout, each a base64
JSON message followed by a comma (the protocol of Pagefind's own Python and Node
wrappers). The build hands every entry page to ``LiveIndex.add`` as soon as it is
rendered; Pagefind parses it in its own process while the next page is rendered, and
``write`` only has to wait for the last pages and write the index.

Pagefind's Python wrapper is not used: it reads one answer per tenth of a second, which
for a thousand pages is longer than the whole build.
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import threading
import time
from pathlib import Path

from ..model.oserrors import dutch_reason
from .child_input import ChildInput
from .pagefind_index import TIMEOUT_S, PagefindError, executable


class LiveIndex:
    """One Pagefind index in a ``pagefind --service`` process, filled page by page."""

    def __init__(self, language: str = "nl") -> None:
        try:
            self._proc = subprocess.Popen(
                [str(executable()), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise PagefindError(f"Pagefind kon niet starten ({dutch_reason(exc)})") from None
        self._answers: dict[int, dict] = {}
        self._errors: list[str] = []
        self._done = threading.Condition()
        self._last_id = 0
        self._broken: str | None = None
        self._input = ChildInput(self._proc.stdin, self._input_lost, flush_each=True)
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()
        try:
            request = {"type": "NewIndex", "config": {"force_language": language}}
            self._index = self._wait(self._send(request))["index_id"]
        except (PagefindError, KeyError, TypeError) as exc:
            self.close()
            if isinstance(exc, PagefindError):
                raise
            raise PagefindError("Pagefind maakte geen nieuwe index aan") from None
        self._pages = 0
        self._write_id: int | None = None

    @property
    def pages(self) -> int:
        return self._pages

    def add(self, url: str, html: str) -> None:
        """Queue a page for the index (``url`` as the site serves it, such as
        ``/vragen/x/``); returns at once, errors come out of ``write``."""
        if self._write_id is not None:
            raise PagefindError("een pagina kwam na het schrijven van de zoekindex")
        if self._broken is None:
            self._pages += 1
            self._send(
                {"type": "AddFile", "index_id": self._index, "url": url, "file_contents": html},
                keep=False,
            )

    def start_write(self, output: Path) -> None:
        """Ask Pagefind to write the index to ``output`` once it has every page sent so
        far; returns at once (the build renders its other pages meanwhile)."""
        if self._write_id is None:
            payload = {"type": "WriteFiles", "index_id": self._index, "output_path": str(output)}
            self._write_id = self._send(payload)

    def write(self, output: Path) -> int:
        """Wait until the index is written to ``output``; the number of pages."""
        try:
            self.start_write(output)
            answer = self._wait(self._write_id)
            if self._errors:
                raise PagefindError("Pagefind kon een pagina niet lezen: " + self._errors[0])
            if answer.get("type") != "WriteFiles":
                raise PagefindError(f"Pagefind gaf een onverwacht antwoord ({answer.get('type')})")
            return self._pages
        finally:
            self.close()

    def close(self) -> None:
        """Stop the service (idempotent); the index is lost unless written."""
        try:
            self._input.end(timeout=5)  # the service stops when its input ends
            self._proc.wait(timeout=5)
        except (queue.Full, subprocess.TimeoutExpired):
            self._proc.kill()
            self._proc.wait()
            self._input.stop()

    # -- the protocol ------------------------------------------------------------------

    def _send(self, payload: dict, keep: bool = True) -> int:
        self._last_id += 1
        message = {"message_id": self._last_id, "payload": payload}
        # a lone surrogate (never in a loaded entry) becomes "?" instead of an error
        data = json.dumps(message, ensure_ascii=False).encode("utf-8", "replace")
        if keep:
            with self._done:
                self._answers[self._last_id] = {}
        try:
            self._input.put(base64.b64encode(data) + b",", timeout=TIMEOUT_S)
        except queue.Full:
            self._fail(f"Pagefind was na {TIMEOUT_S} seconden niet klaar")
            raise PagefindError(str(self._broken)) from None
        return self._last_id

    def _wait(self, message_id: int) -> dict:
        deadline = time.monotonic() + TIMEOUT_S
        with self._done:
            while not self._answers.get(message_id) and self._broken is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    self._broken = f"Pagefind was na {TIMEOUT_S} seconden niet klaar"
                    break
                self._done.wait(min(left, 1.0))
            if self._broken is not None:
                self._proc.kill()
                raise PagefindError(self._broken)
            return self._answers.pop(message_id)

    def _input_lost(self, exc: OSError) -> None:
        try:
            code = self._proc.wait(timeout=1)
            self._fail(f"Pagefind is onverwacht gestopt (afsluitcode {code})")
        except subprocess.TimeoutExpired:
            self._fail(f"Pagefind nam geen pagina's meer aan ({dutch_reason(exc)})")

    def _read_loop(self) -> None:
        stdout = self._proc.stdout
        pending = b""
        while chunk := stdout.read1(1 << 16):
            pending += chunk
            *messages, pending = pending.split(b",")
            for raw in messages:
                self._receive(raw)
        self._fail("Pagefind is onverwacht gestopt")

    def _receive(self, raw: bytes) -> None:
        try:
            message = json.loads(base64.b64decode(raw))
            payload = message["payload"]
        except (ValueError, KeyError, TypeError):
            self._fail("Pagefind gaf een antwoord dat niet te lezen is")
            return
        with self._done:
            if payload.get("type") == "Error":
                self._errors.append(str(payload.get("message", "onbekende fout"))[:200])
            message_id = message.get("message_id")
            if message_id in self._answers:
                self._answers[message_id] = payload
                self._done.notify_all()

    def _fail(self, reason: str) -> None:
        with self._done:
            if self._broken is None:
                self._broken = reason
            self._done.notify_all()
