"""Page contents finished in a forked child: the same contents as in this process, each
fed to the search index once, and nothing lost when the child dies."""

from __future__ import annotations

import os
import signal
from datetime import date
from types import SimpleNamespace

import pytest
from conftest import FIXTURE_TOOLBOX
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.model.vocabulary import Vocabulary
from warmtetoolbox.site.content_worker import DeferredContent
from warmtetoolbox.site.page_content import ContentCache, PageContent

HTML = "<h2 id='x'>Kort</h2><p>De ACM en een warmtepomp.</p><table><tr><td>1</td></tr></table>"


@pytest.fixture(scope="module")
def corpus():
    return load_toolbox(FIXTURE_TOOLBOX, today=date(2026, 11, 30)).corpus


def finisher(corpus, cache=None) -> PageContent:
    return PageContent(
        corpus,
        Vocabulary.from_taxonomy(corpus.taxonomy),
        entry_pages=frozenset(e.src_path for e in corpus),
        html_blocks={},
        cache=cache or ContentCache(None),
    )


def pages(corpus, copies: int = 30):
    """(src, dest, html) for every entry, ``copies`` times with different text, and a
    page that is not an entry."""
    found = [("over.md", "over/index.html", HTML)]
    for n in range(copies):
        for entry in corpus:
            src = entry.src_path if n == 0 else f"{entry.type}/kopie-{n}-{entry.id}.md"
            found.append((src, src.removesuffix(".md") + "/index.html", f"{HTML}<p>{n}</p>"))
    return found


def run(content: PageContent, parallel: bool, items, kill_after: int | None = None):
    """Like MkDocs: a page's content is what ``page`` returns, until ``finish``."""
    fed: list[tuple[str, str]] = []
    deferred = DeferredContent(content, parallel, lambda dest, html: fed.append((dest, html)))
    holders = {}
    for n, (src, dest, html) in enumerate(items):
        holder = holders[src] = SimpleNamespace(content=None)
        holder.content = deferred.page(src, dest, html, holder)
        if kill_after is not None and n == kill_after:
            os.kill(deferred._worker._proc.pid, signal.SIGKILL)
    deferred.finish()
    return {src: h.content for src, h in holders.items()}, fed


def test_the_child_finishes_what_this_process_would(corpus):
    items = pages(corpus)
    expected, _ = run(finisher(corpus), False, items)
    got, fed = run(finisher(corpus), True, items)
    assert got == expected
    assert sorted(dest for dest, _ in fed) == sorted(dest for _, dest, _ in items)  # once each
    assert {dest: html for dest, html in fed} == {d: expected[s] for s, d, _ in items}


def test_cached_pages_come_at_once_and_new_ones_from_the_child(corpus, tmp_path):
    cache = ContentCache(tmp_path / "inhoud.jsonl")
    items = pages(corpus, 2)
    expected, _ = run(finisher(corpus, cache), True, items)
    cache.save()
    warm = finisher(corpus, ContentCache(tmp_path / "inhoud.jsonl"))
    got, _ = run(warm, True, [*items, ("nieuw.md", "nieuw/index.html", HTML + "<p>nieuw</p>")])
    assert {k: v for k, v in got.items() if k != "nieuw.md"} == expected
    assert warm.cache.fresh == 1 and "warmtepomp" in got["nieuw.md"]


def test_a_child_that_dies_loses_no_content(corpus):
    items = pages(corpus)
    expected, _ = run(finisher(corpus), False, items)
    got, fed = run(finisher(corpus), True, items, kill_after=len(items) // 3)
    assert got == expected
    assert len(fed) == len(items)


def test_no_second_process_means_everything_is_done_here(corpus, monkeypatch):
    from warmtetoolbox.site import content_worker

    def refuse(content):
        raise OSError(12, "geen geheugen voor een tweede proces")

    monkeypatch.setattr(content_worker, "_Worker", refuse)
    items = pages(corpus, 2)
    expected, _ = run(finisher(corpus), False, items)
    got, fed = run(finisher(corpus), True, items)
    assert got == expected and len(fed) == len(items)


def test_a_stopped_child_costs_seconds_not_minutes(corpus, monkeypatch):
    import time

    items = pages(corpus, 5)
    expected, _ = run(finisher(corpus), False, items)
    fed: list = []
    deferred = DeferredContent(finisher(corpus), True, lambda d, h: fed.append(d))
    holders = {}
    for n, (src, dest, html) in enumerate(items):
        holder = holders[src] = SimpleNamespace(content=None)
        holder.content = deferred.page(src, dest, html, holder)
        if n == 0:
            os.kill(deferred._worker._proc.pid, signal.SIGSTOP)
    start = time.monotonic()
    deferred.finish()  # the child never answers: this process does every page itself
    assert time.monotonic() - start < 10
    assert {s: h.content for s, h in holders.items()} == expected
    assert sorted(fed) == sorted(dest for _, dest, _ in items)


def test_a_page_that_fails_in_the_child_fails_here_with_its_own_error(corpus, monkeypatch):
    real = PageContent.compute

    def compute(self, job):
        if "kopie-1-" in job.src_uri:
            raise ValueError(f"kapotte pagina {job.src_uri}")
        return real(self, job)

    monkeypatch.setattr(PageContent, "compute", compute)
    with pytest.raises(ValueError, match="kapotte pagina"):
        run(finisher(corpus), True, pages(corpus, 2))


def test_a_slow_child_shares_the_backlog_with_this_process(corpus, monkeypatch):
    """At finish this process does the pages the child has not reached, newest first,
    instead of waiting: the backlog is split, and every page is finished and fed once."""
    import time

    parent = os.getpid()
    real = PageContent.compute

    def slow_in_child(self, job):
        if os.getpid() != parent:
            time.sleep(0.05)
        return real(self, job)

    items = pages(corpus, 4)
    expected, _ = run(finisher(corpus), False, items)
    monkeypatch.setattr(PageContent, "compute", slow_in_child)
    started = time.monotonic()
    got, fed = run(finisher(corpus), True, items)
    alone = 0.05 * len(items)  # what the child alone would take at least
    assert time.monotonic() - started < alone
    assert got == expected
    assert sorted(dest for dest, _ in fed) == sorted(dest for _, dest, _ in items)
