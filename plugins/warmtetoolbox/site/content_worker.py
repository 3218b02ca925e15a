"""Page contents finished in a second process while MkDocs converts the next pages.

Finishing a page's content (``page_content.PageContent``: sanitising, abbreviations,
tables, search markup) is pure work on the HTML Markdown made. In a full build a
forked child process does it for every page the content cache does not hold, on the
machine's other core, while the front end converts the next page. The front end keeps
the unfinished HTML meanwhile and gets the finished content before any page is put
into the theme (``finish``); finished contents reach the search index in the order
they come back. At ``finish`` the front end no longer waits: it finishes the pages the
child has not reached itself, newest first, while the child goes on from the oldest,
until they meet. A child that stops or hangs costs nothing but its share: whatever it
did not return is finished in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Callable
from typing import Any

from .child_guard import start_child
from .page_content import Job, PageContent

_STOP = None


class DeferredContent:
    """The content step of one build: at once from the cache, or later from the child.

    ``holder`` is the front end's page object; its ``content`` attribute receives the
    finished content. ``feed(dest_uri, content)`` gets every finished content once."""

    def __init__(
        self, content: PageContent, parallel: bool, feed: Callable[[str, str], None]
    ) -> None:
        self.content = content
        self.feed = feed
        self._pending: dict[int, tuple[Job, str, Any]] = {}
        self._parallel = parallel  # the child starts with the first page
        self._worker: _Worker | None = None

    def page(self, src_uri: str, dest_uri: str, html: str, holder: Any) -> str:
        """The content to keep for now: finished, or ``html`` until ``finish``."""
        if self._parallel:
            # forked at the first page: after every plugin's on_files (a process pool
            # there is gone), before this build starts threads of its own
            self._parallel = False
            try:
                self._worker = _Worker(self.content)
            except (OSError, RuntimeError, ValueError):
                self._worker = None  # no second process: all is done here
        found, job = self.content.begin(src_uri, html)
        if found is None and self._worker is not None and self._worker.alive:
            number = self._worker.submit(job)
            self._pending[number] = (job, dest_uri, holder)
            self._take(self._worker.ready())
            # its own result may be back already: the front end sets what this returns
            return html if number in self._pending else holder.content
        if found is None:
            found = self.content.compute(job)
            self.content.done(job, found)
        self.feed(dest_uri, found)
        return found

    def finish(self) -> None:
        """Every page holds its finished content afterwards. The pages the child has not
        answered yet are done here too, newest first, until the two meet."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.end()  # no more jobs: the child stops after those it has
            for number in sorted(self._pending, reverse=True):
                self._take(worker.ready())
                if number in self._pending:
                    self._finish_here(number)
            worker.close()  # what it still works on is done already
        for number in sorted(self._pending):  # no child: all of them here
            self._finish_here(number)

    def _finish_here(self, number: int) -> None:
        job, dest_uri, holder = self._pending.pop(number)
        holder.content = found = self.content.compute(job)
        self.content.done(job, found)
        self.feed(dest_uri, found)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def _take(self, results: list[tuple[int, str | None]]) -> None:
        for number, found in results:
            if found is None or number not in self._pending:
                continue  # failed in the child: finish does it here, with its own error
            job, dest_uri, holder = self._pending.pop(number)
            holder.content = found
            self.content.done(job, found)
            self.feed(dest_uri, found)


class _Worker:
    """A forked child that finishes jobs; two one-way pipes and a thread for each."""

    def __init__(self, content: PageContent) -> None:
        context = multiprocessing.get_context("fork")
        jobs_out, self._jobs_in = context.Pipe(duplex=False)
        self._results_out, results_in = context.Pipe(duplex=False)
        self._proc = context.Process(
            target=_serve,
            args=(content, jobs_out, results_in, (self._jobs_in, self._results_out), os.getpid()),
            daemon=True,
        )
        self._proc.start()
        jobs_out.close()
        results_in.close()
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._results: queue.SimpleQueue = queue.SimpleQueue()
        self._sent = 0
        self.alive = True
        self._writer = threading.Thread(target=self._write_loop, daemon=True)
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._writer.start()
        self._reader.start()

    def submit(self, job: Job) -> int:
        self._sent += 1
        self._outbox.put((self._sent, job.src_uri, job.html))
        return self._sent

    def ready(self) -> list[tuple[int, str]]:
        found = []
        while True:
            try:
                item = self._results.get_nowait()
            except queue.Empty:
                return found
            if item is not _STOP:
                found.append(item)
            else:
                self._results.put(_STOP)  # keep the end mark for finish
                return found

    def end(self) -> None:
        """No more jobs: the child stops after those it has."""
        self._outbox.put(_STOP)

    def close(self) -> None:
        """Stop the child at once (its results are not needed any more)."""
        self.alive = False
        self._outbox.put(_STOP)
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()

    def _write_loop(self) -> None:
        try:
            while (item := self._outbox.get()) is not _STOP:
                self._jobs_in.send(item)
            self._jobs_in.send(_STOP)
        except (OSError, ValueError):
            self.alive = False  # the child is gone: finish does the rest here
        finally:
            self._jobs_in.close()

    def _read_loop(self) -> None:
        try:
            while (item := self._results_out.recv()) is not _STOP:
                self._results.put(item)
        except (OSError, EOFError):
            self.alive = False
        finally:
            self._results.put(_STOP)
            self._results_out.close()


def _serve(content: PageContent, jobs, results, parent_ends, parent: int) -> None:
    """The child: finish each job, answer with its number and content (None: failed)."""
    start_child(parent)
    for end in parent_ends:  # else a build that dies leaves the child waiting forever
        end.close()
    try:
        while (item := jobs.recv()) is not _STOP:
            number, src_uri, html = item
            try:
                found = content.compute(Job(src_uri, "", html))
            except Exception:  # the build does this page itself and reports the error
                found = None
            results.send((number, found))
        results.send(_STOP)
    except (OSError, EOFError):
        pass  # the build went away
