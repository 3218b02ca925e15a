"""Headless Chromium (Debian's package) walks the built site and runs axe-core."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURE_TOOLBOX
from sitecheck import mkdocs_build, served

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("WARMTETOOLBOX_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    result = mkdocs_build(FIXTURE_TOOLBOX, out)
    assert result.returncode == 0, result.stderr
    with served(out) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium niet gevonden op {CHROMIUM}: draai 'make browser'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A page that fails the test on JavaScript errors, console errors (such as CSP
    violations) and any request to another origin."""
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on(
        "request",
        lambda req: None if urlsplit(req.url).hostname == "127.0.0.1" else foreign.append(req.url),
    )
    yield page
    context.close()
    assert errors == [], f"JavaScript-fouten: {errors}"
    assert foreign == [], f"verzoeken naar andere origins: {foreign}"


def heading(page) -> str:
    """The page's h1 without Material's permalink sign."""
    return page.locator("h1").first.inner_text().replace("¶", "").strip()


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, bv. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def test_walk_home_overview_entry(page, site_url):
    page.goto(site_url)
    assert heading(page) == "Warmtetoolbox"
    page.locator("article").get_by_role("link", name="vragen", exact=True).click()
    page.wait_for_url("**/vragen/")
    assert heading(page) == "Vragen"
    page.get_by_role("link", name="Wat kost aansluiten op een warmtenet?").click()
    page.wait_for_url("**/vragen/wat-kost-aansluiten-op-een-warmtenet/")
    assert heading(page) == "Wat kost aansluiten op een warmtenet?"
    assert page.locator(".wtb-meta").get_by_text("Redactie Testtoolbox").is_visible()
    page.locator(".wtb-meta").get_by_role("link", name="Warmtenet").click()
    page.wait_for_url("**/tags/warmtenet/")


def test_search_finds_an_entry(page, site_url):
    page.goto(site_url)
    page.fill("#wtb-header-q", "warmtenet")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=warmtenet")
    result = page.locator(".wtb-search__result h2 a").first
    result.wait_for(timeout=20_000)
    assert (
        "Wat kost aansluiten op een warmtenet?" in page.locator(".wtb-search__results").inner_text()
    )
    result.click()
    page.wait_for_load_state()
    assert "warmtenet" in page.url


@pytest.mark.parametrize(
    "path",
    [
        "",
        "vragen/",
        "vragen/wat-kost-aansluiten-op-een-warmtenet/",
        "hergebruik/",
        "tags/warmtenet/",
        "zoeken/?q=warmtenet",
    ],
    ids=["home", "overview", "entry", "reuse", "tag", "search"],
)
def test_no_wcag_violations(page, site_url, path):
    page.goto(site_url + path)
    assert axe_violations(page) == []
