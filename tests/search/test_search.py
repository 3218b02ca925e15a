"""The Whoosh index: Dutch analysis, query expansion, typos, filters, atomic rebuilds."""

from __future__ import annotations

import errno
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURE_TOOLBOX
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.model.vocabulary import Vocabulary, split_compound
from warmtetoolbox.search import index as search_index
from warmtetoolbox.search import similar
from warmtetoolbox.search.index import ensure_index
from warmtetoolbox.search.searcher import Filters, QueryError, SearchIndex
from warmtetoolbox.site.editions import select_edition

QUESTION = "wat-kost-aansluiten-op-een-warmtenet"


@pytest.fixture(scope="module")
def corpus():
    return load_toolbox(FIXTURE_TOOLBOX, today=date(2026, 6, 1)).corpus


@pytest.fixture(scope="module")
def index(corpus, tmp_path_factory):
    with SearchIndex(corpus, tmp_path_factory.mktemp("ix")) as opened:
        yield opened


def ids(results):
    return [hit.id for hit in results.hits]


@pytest.mark.parametrize(
    "query",
    [
        "warmtenet",  # exact
        "warmtenetten",  # plural
        "warmte net",  # compound written apart
        "Warmtenet kosten",  # capitals, two words
        "wijkuitvoeringsplan",  # expansion of the abbreviation WUP in the text
        "aansluitkosten",  # compound of aansluit + kosten
    ],
)
def test_question_is_found(index, query):
    assert ids(index.search(query))[:1] == [QUESTION]


def test_abbreviation_expands_to_its_meaning(index):
    # the fixture body says "ACM" once and "Autoriteit Consument en Markt" only in an abbr title
    assert QUESTION in ids(index.search("Autoriteit Consument en Markt"))
    assert QUESTION in ids(index.search("acm"))


def test_typo_gives_suggestion_and_results(index):
    results = index.search("warmtnet")
    assert results.suggestion == "warmtenet"
    assert QUESTION in ids(results)


def test_known_words_give_no_suggestion(index):
    assert index.search("warmtenet").suggestion is None


def test_title_outweighs_body(index):
    results = index.search("fonds")
    assert ids(results)[0] == "nationaal-fonds-test"


def test_filters(index):
    assert ids(index.search("warmtenet", Filters(type="regelgeving"))) in ([], ["warmtewet-test"])
    assert QUESTION not in ids(index.search("warmtenet", Filters(type="financiering")))
    assert QUESTION in ids(index.search("warmtenet", Filters(tag="warmtenet")))
    assert QUESTION in ids(index.search("warmtenet", Filters(audience="residents")))
    assert ids(index.search("warmtenet", Filters(audience="council"))) == []
    assert QUESTION in ids(index.search("warmtenet", Filters(municipality="teststad")))
    assert QUESTION in ids(index.search("warmtenet", Filters(status="current")))


def test_snippet_highlights_and_escapes(index):
    hit = index.search("vastrecht").hits[0]
    assert "<mark>vastrecht</mark>" in hit.snippet
    assert "<script" not in hit.snippet


def test_json_shape(index):
    data = index.search("warmtenet", limit=2).as_json()
    assert set(data) == {"query", "total", "suggestion", "results"}
    assert set(data["results"][0]) == {"id", "type", "title", "url", "score", "snippet"}
    assert len(data["results"]) <= 2


@pytest.mark.parametrize(
    "raw",
    ['"ongesloten', "warmte AND OR NOT", "warm* ?arm", "title:x", "(((", "a" * 180, "\x00\x1f wko"],
)
def test_odd_queries_are_safe(index, raw):
    results = index.search(raw)
    assert results.total >= 0


@pytest.mark.parametrize("raw", ["", "   ", "\x00", "x" * 201])
def test_empty_or_too_long_query_is_refused(index, raw):
    with pytest.raises(QueryError):
        index.search(raw)


def test_limit_is_bounded(index):
    with pytest.raises(QueryError):
        index.search("warmtenet", limit=0)
    with pytest.raises(QueryError):
        index.search("warmtenet", limit=51)


def test_similar_finds_related_topics(index, corpus):
    similar = index.similar(corpus.get(QUESTION))
    assert QUESTION not in similar
    assert set(similar) <= {e.id for e in corpus}


def test_index_is_reused_when_corpus_unchanged(corpus, tmp_path):
    first = ensure_index(corpus, tmp_path)
    second = ensure_index(corpus, tmp_path)
    assert first.rebuilt and not second.rebuilt
    assert first.path == second.path


def test_only_changed_entries_are_reindexed(corpus, tmp_path):
    ensure_index(corpus, tmp_path)
    public = select_edition(corpus, "public")
    report = ensure_index(public, tmp_path)
    assert report.rebuilt
    # two entries leave the edition; the question changes: its example-place record goes
    assert report.added == 1 and report.removed == 3
    with SearchIndex(public, tmp_path) as opened:
        assert "interne-werkwijze-test" not in ids(opened.search("interne werkwijze"))


def test_failed_build_keeps_previous_index(corpus, tmp_path, monkeypatch):
    good = ensure_index(corpus, tmp_path)

    def broken(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(search_index, "_point_current", broken)
    with pytest.raises(search_index.IndexUnavailable, match="de schijf is vol"):
        ensure_index(select_edition(corpus, "public"), tmp_path)
    assert (tmp_path / "CURRENT").read_text() == good.path.name
    with SearchIndex(corpus, tmp_path) as opened:
        assert opened.report.path == good.path
        assert QUESTION in ids(opened.search("warmtenet"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_similar_cache_is_not_carried_over(corpus, tmp_path):
    with SearchIndex(corpus, tmp_path) as opened:
        similar.similar_map(opened)
    public = select_edition(corpus, "public")
    with SearchIndex(public, tmp_path) as opened:
        mapping = similar.similar_map(opened)
    assert "interne-werkwijze-test" not in json.dumps(mapping)
    assert set(mapping) == {e.id for e in public}


def test_compound_splitting():
    assert split_compound("warmtenetten") == ("warmte", "netten")
    assert split_compound("aansluitkosten") == ("aansluit", "kosten")
    assert split_compound("wijkuitvoeringsplan") == ("wijk", "uitvoerings", "plan")
    assert split_compound("isolatie") == ()


def test_vocabulary_expands_both_ways(corpus):
    vocabulary = Vocabulary.from_taxonomy(corpus.taxonomy)
    (concept,) = vocabulary.concepts("WUP")
    assert ("wijkuitvoeringsplan",) in concept.alternatives
    (concept,) = vocabulary.concepts("wijkuitvoeringsplan")
    assert ("wup",) in concept.alternatives


def test_cli_search_json(cli):
    result = cli("search", "warmte net", "--json", "--limit", "3", "--index-dir", "ix")
    assert result.code == 0, result.text
    data = json.loads(result.out)
    assert data["results"][0]["id"] == QUESTION
    assert data["results"][0]["url"] == f"vragen/{QUESTION}/"


def test_cli_search_text_and_errors(cli, workdir: Path):
    result = cli("search", "warmtnet", "--index-dir", "ix")
    assert result.code == 0
    assert "Bedoelde u: warmtenet?" in result.out
    empty = cli("search", "  ", "--index-dir", "ix")
    assert empty.code == 2 and "geef een zoekvraag op" in empty.err
    assert "Traceback" not in empty.text


def test_cli_index_reports_up_to_date(cli):
    assert "bijgewerkt" in cli("index", "--index-dir", "ix").out
    assert "al actueel" in cli("index", "--index-dir", "ix").out


def test_an_index_from_an_older_layout_is_replaced(corpus, tmp_path):
    # an index whose pickled schema names classes that no longer exist (the analysers
    # moved when the package was split into layers) must be rebuilt, not crash
    good = ensure_index(corpus, tmp_path)
    toc = next(good.path.glob("_toolbox_*.toc"))
    toc.write_bytes(
        toc.read_bytes().replace(b"warmtetoolbox.search.analysis", b"warmtetoolbox.gone.analysis")
    )
    (good.path / "analysis.json").write_text('{"version": "0"}')
    (tmp_path / "CURRENT").write_text(good.path.name.replace("ix-", "ix-0"))
    (good.path).rename(tmp_path / good.path.name.replace("ix-", "ix-0"))
    with SearchIndex(corpus, tmp_path) as opened:
        assert opened.report.rebuilt
        assert QUESTION in ids(opened.search("warmtenet"))


def test_other_phrasings_are_capped_and_common_words_apart_do_not_count(corpus, tmp_path):
    """A phrasing of several common words matched anywhere proves nothing: dropped."""
    from dataclasses import replace

    from warmtetoolbox.model.entries import Corpus
    from warmtetoolbox.search.searcher import OTHER_PHRASINGS, SELECTIVE_MIN, _analyzed

    base = corpus.get(QUESTION)
    entries = [
        replace(base, id=f"vraag-{n}", body=f"{base.body}\n\nHet stroomnet zit vol, groot en vol.")
        for n in range(SELECTIVE_MIN + 5)
    ]
    entries.append(replace(base, id="zeldzaam", body=f"{base.body}\n\nEen knelpuntnet is vol."))
    group = ("netcongestie", "stroomnet vol", "knelpuntnet vol", "capaciteitstekort",
             "overbelasting", "wachtrij", "wachtlijst", "transportschaarste")  # fmt: skip
    taxonomy = replace(corpus.taxonomy, synonyms=(*corpus.taxonomy.synonyms, group))
    with SearchIndex(Corpus(tuple(entries), taxonomy), tmp_path) as opened:
        (query,) = opened.concept_queries("netcongestie")
    shown = str(query)
    assert "content:netcongestie" in shown
    assert "knelpuntnet" in shown  # one selective word: kept
    assert "stroomnet" not in shown  # only words in most entries: dropped
    kept_others = [w for w in group[3:] if f"content:{_analyzed(w)[0]}" in shown]
    assert len(kept_others) == OTHER_PHRASINGS - 1  # knelpuntnet vol is the first one kept
