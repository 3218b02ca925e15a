"""Similar topics from TF-IDF term vectors: quality against today's pairs, caching, no index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from conftest import FIXTURE_TOOLBOX, REPO
from warmtetoolbox.model.entries import Corpus
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.model.vocabulary import Vocabulary
from warmtetoolbox.search import similar_topics as topics_module
from warmtetoolbox.search import term_vectors
from warmtetoolbox.search.similar_topics import similar_topics
from warmtetoolbox.site.editions import select_edition

TODAY = date.today()  # the real toolbox is dated; a fixed day would reject its dates

# Clearly related pairs that the Whoosh more-like-this map (one query per entry) found
# on the repository's toolbox, public edition, before it was replaced: the second id
# was among the first five "Vergelijkbare onderwerpen" of the first.
KNOWN_PAIRS = [
    ("capaciteit-bundelen", "platform31-verkenning-krachten-bundelen"),
    ("vormen-van-regionale-samenwerking", "drechtsteden-intensieve-regionale-samenwerking"),
    ("data-voor-de-wijkkeuze", "data-voor-een-wijkanalyse"),
    ("data-voor-een-wijkanalyse", "data-voor-de-wijkkeuze"),
    ("eigen-of-regionaal-warmtebedrijf", "eigendom-en-beheer-warmtenet"),
    ("koppelkansen-in-kaart", "warmtetransitie-en-rioolvervanging"),
    ("erfgoed-en-monumenten-omgevingsplan", "monument-aardgasvrij"),
    ("monument-aardgasvrij", "erfgoed-en-monumenten-omgevingsplan"),
    ("huurders-instemming-renovatie", "huur-na-renovatie-of-warmtenet"),
    ("vve-besluitvorming", "mag-de-vve-beslissen-over-aansluiten-op-warmtenet"),
    ("mag-de-vve-beslissen-over-aansluiten-op-warmtenet", "vve-besluitvorming"),
    ("appartementen-met-gemengd-eigendom", "vve-besluitvorming"),
    ("warmtewet", "wet-collectieve-warmte"),
    ("wet-collectieve-warmte", "eigendom-en-beheer-warmtenet"),
    ("hybride-warmtepomp-als-tussenstap", "cv-ketel-kapot-wijk-later-aan-de-beurt"),
    ("cv-ketel-kapot-wijk-later-aan-de-beurt", "hybride-warmtepomp-als-tussenstap"),
    ("groen-gas-in-de-wijk", "waterstof-in-de-wijk"),
    ("waterstof-in-de-wijk", "groen-gas-in-de-wijk"),
    ("garyp-dorpsaanpak-all-electric", "terheijden-dorpscooperatie-warmtenet"),
    ("wko-of-bodemlussen", "aquathermie-teo-tea-ted"),
    ("aquathermie-teo-tea-ted", "wko-of-bodemlussen"),
    ("omgevingswet-en-omgevingsplan", "besluit-bouwwerken-leefomgeving"),
    ("besluit-bouwwerken-leefomgeving", "omgevingswet-en-omgevingsplan"),
    ("netcongestie-en-de-wijkaanpak", "wanneer-de-netbeheerder-betrekken"),
    ("nationaal-warmtefonds", "weinig-geld-hulp-bij-verduurzamen"),
    ("zelf-alvast-van-het-gas-af", "koken-zonder-aardgas"),
    ("hoe-goed-geisoleerd-voor-een-warmtepomp", "eerst-isoleren-en-de-lokale-isolatieaanpak"),
    ("afleverset-eigendom-en-onderhoud", "vastrecht-en-tarieven-warmtenet"),
    ("eenmalige-kosten-aansluiting-warmtenet", "vastrecht-en-tarieven-warmtenet"),
    ("spuk-regionale-samenwerking-warmtetransitie", "vormen-van-regionale-samenwerking"),
    ("proeftuinen-aardgasvrije-wijken", "purmerend-overwhere-zuid-proeftuin-warmtenet"),
    ("huurders-en-woningcorporaties-in-de-wijkaanpak", "huurders-instemming-renovatie"),
    ("restwarmte-als-warmtebron", "temperatuurniveaus-warmtenet"),
    ("kaders-en-dashboard-gemeenteraad", "warmteprogramma-monitoren"),
    ("overijssel-gefaciliteerd-netwerk-gemeenten", "vormen-van-regionale-samenwerking"),
    ("leernetwerk-starten", "overijssel-gefaciliteerd-netwerk-gemeenten"),
]


@pytest.fixture(scope="module")
def real_public() -> Corpus:
    return select_edition(load_toolbox(REPO / "toolbox", today=TODAY).corpus, "public")


@pytest.fixture(scope="module")
def fixture_corpus() -> Corpus:
    return load_toolbox(FIXTURE_TOOLBOX, today=TODAY).corpus


def ids(corpus: Corpus) -> set[str]:
    return {entry.id for entry in corpus}


def vocabulary(corpus: Corpus) -> Vocabulary:
    return Vocabulary.from_taxonomy(corpus.taxonomy)


def test_known_pairs_of_the_real_toolbox_are_kept(real_public):
    present = [(a, b) for a, b in KNOWN_PAIRS if a in ids(real_public) and b in ids(real_public)]
    assert len(present) >= 30, "the real toolbox lost most of the known entries"
    similar = similar_topics(real_public, vocabulary(real_public))
    missed = [(a, b, similar[a]) for a, b in present if b not in similar[a]]
    assert len(missed) <= len(present) // 10, missed


def test_every_entry_gets_at_most_limit_others_from_its_own_corpus(real_public):
    similar = similar_topics(real_public, vocabulary(real_public), limit=3)
    assert set(similar) == ids(real_public)
    for entry_id, found in similar.items():
        assert len(found) <= 3 and entry_id not in found
        assert len(set(found)) == len(found)
        assert set(found) <= ids(real_public)


def test_vocabulary_makes_abbreviation_and_expansion_one_term(fixture_corpus):
    voc = vocabulary(fixture_corpus)
    counter = term_vectors.TermCounter(voc)
    abbr, expansion = next(iter(fixture_corpus.taxonomy.abbreviations.items()))
    short, long = Counter(), Counter()
    counter.add(short, f"over de {abbr}", 1)
    counter.add(long, f"over het {expansion}", 1)
    shared = {t for t in short if t.startswith("=")} & {t for t in long if t.startswith("=")}
    assert shared, (abbr, expansion, short, long)


def test_compound_parts_are_terms(fixture_corpus):
    counts = Counter()
    term_vectors.TermCounter(vocabulary(fixture_corpus)).add(counts, "warmtenetten", 1)
    assert {"warmtenetten", "warmte", "netten"} <= set(counts)


def test_ties_are_broken_by_id(fixture_corpus):
    base = next(iter(fixture_corpus))
    twins = [replace(base, id=f"tweeling-{n}", related=(), former_ids=()) for n in (3, 1, 2)]
    other = replace(base, id="anders", title="Iets heel anders", summary="Zonnepanelen.", body="x")
    corpus = Corpus((*twins, other), fixture_corpus.taxonomy)
    similar = similar_topics(corpus, vocabulary(corpus), limit=2)
    assert similar["tweeling-3"] == ("tweeling-1", "tweeling-2")
    assert similar["tweeling-1"] == ("tweeling-2", "tweeling-3")


def test_an_edit_recounts_only_that_entry_and_matches_a_fresh_computation(fixture_corpus, tmp_path):
    voc = vocabulary(fixture_corpus)
    similar_topics(fixture_corpus, voc, tmp_path)
    *_, fresh = term_vectors.corpus_counts(fixture_corpus, voc, tmp_path)
    assert fresh == 0
    first = next(iter(fixture_corpus))
    edited = replace(first, body=first.body + "\n\nWarmtepompen en isolatie van spouwmuren.\n")
    entries = tuple(edited if e.id == first.id else e for e in fixture_corpus)
    corpus = Corpus(entries, fixture_corpus.taxonomy)
    *_, fresh = term_vectors.corpus_counts(corpus, voc, tmp_path)
    assert fresh == 1
    assert similar_topics(corpus, voc, tmp_path) == similar_topics(corpus, voc, None)


@pytest.mark.parametrize("content", ["[]", '{"x": 5}', '{"x": {"a": "b"}}', "null", "{", "\xff"])
def test_damaged_caches_are_computed_again(fixture_corpus, tmp_path, content):
    voc = vocabulary(fixture_corpus)
    expected = similar_topics(fixture_corpus, voc, None)
    similar_topics(fixture_corpus, voc, tmp_path)
    for name in (term_vectors.CACHE_NAME, topics_module.RESULT_NAME.format(limit=5)):
        (tmp_path / name).write_text(content, encoding="utf-8", errors="replace")
    assert similar_topics(fixture_corpus, voc, tmp_path) == expected


def test_result_cache_of_another_corpus_is_not_used(fixture_corpus, tmp_path):
    voc = vocabulary(fixture_corpus)
    similar_topics(fixture_corpus, voc, tmp_path)
    public = select_edition(fixture_corpus, "public")
    found = similar_topics(public, voc, tmp_path)
    assert set(found) == {e.id for e in public}
    assert "interne-werkwijze-test" not in json.dumps(found)


def test_unwritable_cache_is_reported_and_the_result_still_comes(fixture_corpus, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    messages: list[str] = []
    found = similar_topics(
        fixture_corpus, vocabulary(fixture_corpus), blocker / "cache", report=messages.append
    )
    assert found == similar_topics(fixture_corpus, vocabulary(fixture_corpus), None)
    assert len(messages) == 1 and "bestand" in messages[0], messages
    assert "Not a directory" not in messages[0] and "Errno" not in messages[0]


def test_site_build_opens_no_whoosh_index(tmp_path):
    """The build computes similar topics itself; Whoosh' index and searcher stay unloaded."""
    probe = (
        "import sys\n"
        "from mkdocs.__main__ import cli\n"
        "try:\n"
        "    cli(sys.argv[1:])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "loaded = sorted(m for m in sys.modules if m in ('whoosh.index', 'whoosh.searching'))\n"
        "print('WHOOSH', loaded)\n"
    )
    env = {
        **os.environ,
        "WARMTETOOLBOX_TOOLBOX": str(FIXTURE_TOOLBOX),
        "WARMTETOOLBOX_INDEX_DIR": str(tmp_path / "cache" / "zoekindex"),
        "WARMTETOOLBOX_HISTORY": "false",
        "WARMTETOOLBOX_GIT_DATES": "false",
        "NO_MKDOCS_2_WARNING": "1",
    }
    args = ["build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp_path / "site")]
    proc = subprocess.run(
        [sys.executable, "-c", probe, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "WHOOSH []" in proc.stdout, proc.stdout
    assert not (tmp_path / "cache" / "zoekindex").exists()
    assert list((tmp_path / "cache" / "bouw" / "public").glob("*.json"))
    assert "Vergelijkbare onderwerpen" in (
        tmp_path / "site" / "financiering" / "nationaal-fonds-test" / "index.html"
    ).read_text(encoding="utf-8")


def test_a_cached_result_is_used_without_counting_or_reading_the_counts(fixture_corpus, tmp_path):
    voc = vocabulary(fixture_corpus)
    first = similar_topics(fixture_corpus, voc, tmp_path)
    counts = tmp_path / term_vectors.CACHE_NAME
    counts.unlink()  # a warm build with the same entries must not need it
    assert similar_topics(fixture_corpus, voc, tmp_path) == first
    assert not counts.exists()
    # a changed entry: the result is computed again, and the counts are cached again
    entry = next(iter(fixture_corpus))
    edited = replace(entry, summary=entry.summary + " Ook over warmtepompen.")
    corpus = Corpus(
        tuple(edited if e.id == entry.id else e for e in fixture_corpus), fixture_corpus.taxonomy
    )
    assert similar_topics(corpus, voc, tmp_path) == similar_topics(corpus, voc, None)
    assert counts.exists()


def test_computing_them_leaves_the_process_without_threads(tmp_path):
    """The build forks children after computing similar topics: numpy's first import
    must not start BLAS worker threads."""
    script = (
        "import os\n"
        "from datetime import date\n"
        "from warmtetoolbox.model.loading import load_toolbox\n"
        "from warmtetoolbox.model.vocabulary import Vocabulary\n"
        "from warmtetoolbox.search.similar_topics import similar_topics\n"
        f"corpus = load_toolbox(__import__('pathlib').Path({str(FIXTURE_TOOLBOX)!r})).corpus\n"
        "assert similar_topics(corpus, Vocabulary.from_taxonomy(corpus.taxonomy))\n"
        "import numpy\n"
        "print(len(os.listdir('/proc/self/task')))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    env["PYTHONPATH"] = str(REPO / "plugins")
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "1"
