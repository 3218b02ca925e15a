"""The site's own search box (Pagefind) on the public build of the repository's toolbox,
driven in headless Chromium: hit@3 on the judged queries, typos, definitions, filters,
shareable addresses, the header field, and WCAG on the search page."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from conftest import REPO
from sitecheck import mkdocs_build, readable_bytes, served
from test_browser import CHROMIUM, CHROMIUM_ARGS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.build]
DATA = Path(__file__).resolve().parent.parent / "data"
QUERY_FILES = ("judged_queries.yml", "site_queries_tuning.yml", "site_queries_test.yml")
BAR = 0.9


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("zoeken") / "site"
    result = mkdocs_build(REPO / "toolbox", out)
    assert result.returncode == 0, result.stderr[-3000:]
    with served(out) as base:
        yield out, base


@pytest.fixture(scope="module")
def search_page(public_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        yield page
        browser.close()
        assert errors == [], f"JavaScript-fouten (ook CSP-meldingen): {errors}"


def wait_for_answer(page, timeout: float = 20.0) -> str:
    """The status line once the search has answered (polled: the CSP forbids eval)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        text = page.locator(".wtb-search__status").inner_text()
        if text and not text.startswith("Zoeken"):
            return text
        time.sleep(0.05)
    raise AssertionError("de zoekpagina gaf geen antwoord")


def search(page, base: str, query: str, **filters: str) -> tuple[str, list[str]]:
    params = "&".join([f"q={quote(query)}", *(f"{k}={v}" for k, v in filters.items())])
    page.goto(f"{base}zoeken/?{params}")
    status = wait_for_answer(page)
    hrefs = page.locator(".wtb-search__result h2 a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return status, [h.strip("/").split("/")[-1] for h in hrefs]


def judged(public: Path) -> list[dict]:
    """Every judged query whose expected entries include one the public build holds."""
    items = []
    for name in QUERY_FILES:
        path = DATA / name
        if not path.exists():
            continue
        for item in yaml.safe_load(path.read_text("utf-8")):
            published = [
                i
                for i in item["any"]
                if any(
                    (public / t / i / "index.html").exists()
                    for t in ("vragen", "regelgeving", "financiering", "aanpak", "praktijk")
                )
            ]
            if published:
                items.append({**item, "any": published, "set": name})
    return items


def test_hit_at_3_in_the_site_search_box(public_site, search_page):
    out, base = public_site
    items = judged(out)
    assert len(items) >= 40
    misses, per_set = [], {}
    for item in items:
        _, top = search(search_page, base, item["query"])
        hit = bool(set(item["any"]) & set(top[:3]))
        total, hits = per_set.get(item["set"], (0, 0))
        per_set[item["set"]] = (total + 1, hits + hit)
        if not hit:
            misses.append(
                f"{item['query']!r} ({item['class']}): verwacht {item['any']}, kreeg {top[:3]}"
            )
    rate = 1 - len(misses) / len(items)
    for name, (total, hits) in per_set.items():
        print(f"{name}: hit@3 = {hits / total:.3f} ({hits}/{total})")
    print(f"alles: hit@3 = {rate:.3f} ({len(items) - len(misses)}/{len(items)})")
    assert rate >= BAR, "\n".join(misses)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SPUK", "spuk-regionale-samenwerking-warmtetransitie"),
        ("ISDE", "isde"),
        ("WGIW", "wet-gemeentelijke-instrumenten-warmtetransitie"),
    ],
)
def test_bracketed_abbreviations_find_their_entry_and_definition(
    public_site, search_page, query, expected
):
    _, base = public_site
    _, top = search(search_page, base, query)
    assert expected in top[:3]
    definition = search_page.locator(".wtb-search__definition")
    assert definition.is_visible() and query.lower() in definition.inner_text().lower()


@pytest.mark.parametrize(
    ("typo", "word"), [("warmtepmop", "warmtepomp"), ("aquatermie", "aquathermie")]
)
def test_a_typo_gets_a_suggestion_and_results(public_site, search_page, typo, word):
    _, base = public_site
    status, top = search(search_page, base, typo)
    assert f"Bedoelde u: {word}?" in status, (status, top[:5])
    assert top


def test_the_term_list_loads_only_for_a_word_the_results_lack(public_site, search_page):
    """The suggestion list is the largest search file: a plain query does without it."""
    _, base = public_site
    fetched: list[str] = []

    def note(request) -> None:
        fetched.append(request.url)

    search_page.on("request", note)
    try:
        search(search_page, base, "warmtenet kosten")  # every search opens a fresh page
        assert not any(url.endswith("termen.json") for url in fetched)
        search(search_page, base, "aquatermie")
        assert any(url.endswith("termen.json") for url in fetched)
    finally:
        search_page.remove_listener("request", note)


def test_synonym_and_resident_phrasing(public_site, search_page):
    _, base = public_site
    _, top = search(search_page, base, "stadsverwarming")
    assert top and all(t for t in top)
    _, top = search(search_page, base, "ik wil niet meedoen met het warmtenet")
    assert "bewoner-wil-niet-meedoen" in top[:3]


def test_filters_and_shareable_address(public_site, search_page):
    _, base = public_site
    _, everything = search(search_page, base, "warmtenet")
    _, questions = search(search_page, base, "warmtenet", soort="vragen")
    assert questions and len(questions) <= len(everything)
    hrefs = search_page.locator(".wtb-search__result h2 a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert all("/vragen/" in h for h in hrefs)
    assert search_page.locator("#wtb-f-soort").input_value() == "vragen"
    search_page.select_option("#wtb-f-soort", "regelgeving")
    wait_for_answer(search_page)
    assert "soort=regelgeving" in search_page.url and "q=warmtenet" in search_page.url


def test_only_entries_are_results(public_site, search_page):
    _, base = public_site
    for query in ("begrippen", "warmtenet", "hergebruik vragenlijst"):
        search(search_page, base, query)
        hrefs = search_page.locator(".wtb-search__result h2 a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        kinds = {h.strip("/").split("/")[-2] for h in hrefs}
        assert kinds <= {"vragen", "regelgeving", "financiering", "aanpak", "praktijk"}, hrefs


def test_header_field_leads_to_the_results(public_site, search_page):
    _, base = public_site
    search_page.goto(base)
    search_page.fill("#wtb-header-q", "warmtenet")
    search_page.keyboard.press("Enter")
    search_page.wait_for_url("**/zoeken/?q=warmtenet")
    wait_for_answer(search_page)
    assert search_page.locator(".wtb-search__result").count() > 0


@pytest.mark.parametrize("width", [390, 1366])
def test_search_page_is_accessible_with_results_and_filters(public_site, search_page, width):
    _, base = public_site
    search_page.set_viewport_size({"width": width, "height": 900})
    search(search_page, base, "warmtenet", soort="vragen", doelgroep="residents")
    assert search_page.locator(".wtb-search__result").count() > 0
    assert axe_violations(search_page) == []
    wide = search_page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"de zoekpagina is {wide} px breed op een scherm van {width} px"
    search_page.set_viewport_size({"width": 1366, "height": 900})


def test_public_build_holds_no_fictional_place(public_site):
    """Example municipalities and regions of the taxonomy never reach the public edition."""
    out, _ = public_site
    taxonomy = yaml.safe_load((REPO / "toolbox" / "taxonomy.yml").read_text("utf-8"))
    places = {**taxonomy.get("regions", {}), **taxonomy.get("municipalities", {})}
    fictional = [p["label"] for p in places.values() if p.get("example")]
    assert fictional  # the toolbox has example places: the test can fail
    text = "".join(
        readable_bytes(p).decode("utf-8", "replace") for p in out.rglob("*") if p.is_file()
    )
    assert [name for name in fictional if name in text] == []
