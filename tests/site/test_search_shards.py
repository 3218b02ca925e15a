"""A large toolbox gets its Pagefind index in parts (each run holds less in memory); the
search box merges them. Forced here on the repository's toolbox with a small limit, and
held to the same hit@3 bar as the single index."""

from __future__ import annotations

import pytest
from conftest import REPO
from sitecheck import mkdocs_build, served
from test_site_search import BAR, judged, search, search_page  # noqa: F401
from warmtetoolbox.site.pagefind_index import plan

pytestmark = [pytest.mark.browser, pytest.mark.build]
TYPES = ("aanpak", "financiering", "praktijk", "regelgeving", "vragen")


def test_plan_splits_by_last_character_only_above_the_limit():
    ids = ["warmtenet-a", "isde", "wko-2", "wup-3", "rente-b"]
    (single,) = plan(ids, 5)  # entry pages only, in one index
    assert single.subdir == "pagefind"
    assert single.glob == "{aanpak,financiering,praktijk,regelgeving,vragen}/*[0-9a-z]/index.html"
    parts = plan(ids, 2)
    assert [b.subdir for b in parts] == ["pagefind/deel-1", "pagefind/deel-2", "pagefind/deel-3"]
    classes = [b.glob.split("*[")[1].split("]")[0] for b in parts]
    assert sorted("".join(classes)) == sorted("ae23b")  # every last character, once
    assert all(
        b.glob.startswith("{aanpak,financiering,praktijk,regelgeving,vragen}/") for b in parts
    )


def test_a_site_without_entries_still_gets_an_index(tmp_path):
    """An edition with no entries yet: Pagefind would refuse a pattern that matches nothing."""
    from warmtetoolbox.site.pagefind_index import index_site

    (tmp_path / "over").mkdir()
    (tmp_path / "over" / "index.html").write_text("<html><body><p>Over</p></body></html>")
    index_site(tmp_path, plan(()))
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("zoeken-gesplitst") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WARMTETOOLBOX_SEARCH_SHARD_PAGES", "40")
        result = mkdocs_build(REPO / "toolbox", out)
    assert result.returncode == 0, result.stderr[-3000:]
    # every part was filled while the pages rendered, none was read back from disk
    assert "leest de pagina's na de bouw" not in result.stderr
    with served(out) as base:
        yield out, base


def test_the_index_comes_in_parts(public_site):
    out, _ = public_site
    assert not (out / "pagefind" / "pagefind.js").exists()
    parts = sorted(p.parent.name for p in (out / "pagefind").glob("*/pagefind-entry.json"))
    assert parts == ["deel-1", "deel-2", "deel-3"]


def test_merged_indexes_keep_the_hit_at_3_bar(public_site, search_page):  # noqa: F811
    out, base = public_site
    items = judged(out)
    hits = sum(
        bool(set(i["any"]) & set(search(search_page, base, i["query"])[1][:3])) for i in items
    )
    print(f"hit@3 met de index in delen: {hits}/{len(items)}")
    assert hits / len(items) >= BAR, f"{hits}/{len(items)}"


def test_results_come_from_every_index_and_filters_still_work(public_site, search_page):  # noqa: F811
    out, base = public_site
    _, everything = search(search_page, base, "warmtenet")
    found_in = {t for t in TYPES for slug in everything if (out / t / slug).is_dir()}
    assert len(found_in) >= 3, found_in
    _, only_rules = search(search_page, base, "warmtenet", soort="regelgeving")
    assert only_rules and all((out / "regelgeving" / slug).is_dir() for slug in only_rules)
