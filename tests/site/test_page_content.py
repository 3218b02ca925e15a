"""Finishing a page's content, and the cache that lets a build skip unchanged pages: a
cached result must be exactly the fresh one, and anything that shapes the result must
miss the cache."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from conftest import FIXTURE_TOOLBOX
from warmtetoolbox.model.entries import Corpus
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.model.vocabulary import Vocabulary
from warmtetoolbox.site import page_content
from warmtetoolbox.site.page_content import ContentCache, PageContent

TODAY = date(2026, 11, 30)
HTML = (
    "<h2 id='kort-antwoord'>Kort antwoord</h2><p>De ACM houdt toezicht op de warmtepomp.</p>"
    "<table><tr><td>WKO</td></tr></table><p onclick='x()'>tekst</p>"
)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_toolbox(FIXTURE_TOOLBOX, today=TODAY).corpus


def content(corpus: Corpus, cache: ContentCache) -> PageContent:
    return PageContent(
        corpus,
        Vocabulary.from_taxonomy(corpus.taxonomy),
        entry_pages=frozenset(entry.src_path for entry in corpus),
        html_blocks={},
        cache=cache,
    )


def every_page(corpus: Corpus, finisher: PageContent) -> dict[str, str]:
    pages = {entry.src_path: finisher.finish(entry.src_path, HTML + entry.body) for entry in corpus}
    pages["over.md"] = finisher.finish("over.md", HTML)
    return pages


def test_a_cached_build_equals_a_fresh_one(corpus, tmp_path):
    path = tmp_path / "bouw" / "inhoud.jsonl"
    fresh = every_page(corpus, content(corpus, ContentCache(None)))
    first = content(corpus, ContentCache(path))
    assert every_page(corpus, first) == fresh
    first.cache.save()
    second = content(corpus, ContentCache(path))
    assert every_page(corpus, second) == fresh
    assert second.cache.fresh == 0  # every page came from the file
    entry = next(iter(corpus))
    assert "<abbr" in fresh[entry.src_path] and "data-pagefind-body" in fresh[entry.src_path]
    assert "onclick" not in fresh[entry.src_path]  # entry HTML is sanitised
    assert "data-pagefind-body" not in fresh["over.md"]


def test_an_edited_entry_misses_and_the_others_hit(corpus, tmp_path):
    path = tmp_path / "inhoud.jsonl"
    first = content(corpus, ContentCache(path))
    every_page(corpus, first)
    first.cache.save()
    entries = list(corpus)
    edited = dataclasses.replace(entries[0], title="Een nieuwe titel over warmtenetten")
    changed = Corpus((edited, *entries[1:]), corpus.taxonomy)
    second = content(changed, ContentCache(path))
    pages = every_page(changed, second)
    assert second.cache.fresh == 1
    assert "Een nieuwe titel over warmtenetten" in pages[edited.src_path]
    assert pages == every_page(changed, content(changed, ContentCache(None)))


def test_a_changed_taxonomy_or_code_starts_afresh(corpus, tmp_path, monkeypatch):
    path = tmp_path / "inhoud.jsonl"
    first = content(corpus, ContentCache(path))
    every_page(corpus, first)
    first.cache.save()
    abbreviations = {**corpus.taxonomy.abbreviations, "ACM": "een andere uitleg"}
    taxonomy = dataclasses.replace(corpus.taxonomy, abbreviations=abbreviations)
    other = Corpus(tuple(corpus), taxonomy)
    second = content(other, ContentCache(path))
    pages = every_page(other, second)
    assert second.cache.fresh == len(pages)
    assert all("een andere uitleg" in page for page in pages.values())
    monkeypatch.setattr(page_content, "code_digest", lambda: "een-andere-versie")
    third = content(corpus, ContentCache(path))
    every_page(corpus, third)
    assert third.cache.fresh == len(pages)


@pytest.mark.parametrize(
    "stored",
    [
        "{niet json",
        "[1, 2]",
        json.dumps({"sleutel": 3}),
        "\udcff".encode(errors="surrogateescape").decode("latin-1"),
        '["alleen een sleutel"]\n["a", "b", "c"]\n[null, "x"]\n',
    ],
)
def test_a_damaged_cache_file_is_ignored(corpus, tmp_path, stored):
    path = tmp_path / "inhoud.jsonl"
    path.write_text(stored, encoding="utf-8")
    finisher = content(corpus, ContentCache(path))
    assert every_page(corpus, finisher) == every_page(corpus, content(corpus, ContentCache(None)))


def test_the_cache_keeps_only_what_the_last_build_used(corpus, tmp_path):
    path = tmp_path / "inhoud.jsonl"
    first = content(corpus, ContentCache(path))
    every_page(corpus, first)
    first.cache.save()
    fewer = Corpus(tuple(corpus)[:2], corpus.taxonomy)
    second = content(fewer, ContentCache(path))
    every_page(fewer, second)
    second.cache.save()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(len(json.loads(line)) == 2 for line in lines)  # 2 + over.md


@pytest.mark.build
def test_a_second_build_from_the_cache_writes_the_same_site(tmp_path, monkeypatch):
    from conftest import REPO
    from sitecheck import mkdocs_build

    monkeypatch.setenv("WARMTETOOLBOX_GIT_DATES", "false")  # they show the build's time
    pages = {}
    for run in ("eerste", "tweede"):
        out = tmp_path / run / "site"
        (tmp_path / run).mkdir()
        if run == "tweede":  # the same build caches as the first build
            (tmp_path / "eerste" / "bouw").rename(tmp_path / run / "bouw")
        result = mkdocs_build(REPO / "toolbox", out)
        assert result.returncode == 0, result.stderr[-2000:]
        pages[run] = {
            p.relative_to(out): p.read_bytes()
            for p in out.rglob("*")
            if p.is_file() and "pagefind" not in p.parts
        }
    assert (tmp_path / "tweede" / "bouw" / "public" / "inhoud.jsonl").is_file()
    assert len(pages["eerste"]) > 100 and pages["eerste"] == pages["tweede"]


def test_a_cache_file_cut_off_halfway_still_gives_the_right_pages(corpus, tmp_path):
    path = tmp_path / "inhoud.jsonl"
    first = content(corpus, ContentCache(path))
    expected = every_page(corpus, first)
    first.cache.save()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a build killed while writing elsewhere
    second = content(corpus, ContentCache(path))
    assert every_page(corpus, second) == expected
    assert 0 < second.cache.fresh < len(expected)  # the whole lines before the cut were used


def test_serve_keeps_the_last_build_in_memory_only(corpus, tmp_path):
    path = tmp_path / "inhoud.jsonl"
    cache = ContentCache(path)
    first = content(corpus, cache)
    every_page(corpus, first)
    cache.save(write=False)
    assert not path.exists()
    fewer = Corpus(tuple(corpus)[:2], corpus.taxonomy)
    every_page(fewer, content(fewer, cache))
    assert cache.fresh == 0  # the first build's contents served the second
    cache.save(write=False)
    again = content(corpus, cache)
    every_page(corpus, again)
    assert cache.fresh == len(corpus) - 2  # what the second build did not use was let go
