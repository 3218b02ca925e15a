"""The judged query set on the repository's own toolbox: hit@3 must be at least 0.9."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.search.searcher import SearchIndex
from warmtetoolbox.site.editions import select_edition

JUDGED = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "data" / "judged_queries.yml").read_text("utf-8")
)
REQUIRED_CLASSES = {"afkorting", "uitgeschreven", "samenstelling", "meervoud", "bewoner", "typfout"}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    corpus = select_edition(load_toolbox(REPO / "toolbox").corpus, "internal")
    with SearchIndex(corpus, tmp_path_factory.mktemp("quality")) as opened:
        yield opened


def test_judged_set_is_large_and_valid(index):
    assert len(JUDGED) >= 40
    assert {item["class"] for item in JUDGED} >= REQUIRED_CLASSES
    for item in JUDGED:
        for entry_id in item["any"]:
            assert index.corpus.get(entry_id) is not None, f"{entry_id} bestaat niet"


def test_hit_at_3(index):
    misses = []
    for item in JUDGED:
        top = [hit.id for hit in index.search(item["query"], limit=3).hits]
        if not set(item["any"]) & set(top):
            misses.append(f"{item['query']!r}: verwacht {item['any']}, kreeg {top}")
    hit_rate = 1 - len(misses) / len(JUDGED)
    print(f"hit@3 = {hit_rate:.3f} ({len(JUDGED) - len(misses)}/{len(JUDGED)})")
    assert hit_rate >= 0.9, "\n".join(misses)


@pytest.mark.parametrize(
    "item", [i for i in JUDGED if i["class"] == "typfout"], ids=lambda i: i["query"]
)
def test_typos_get_a_suggestion(index, item):
    assert index.search(item["query"]).suggestion
