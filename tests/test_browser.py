"""Headless Chromium (Debian's package) walks the built site and runs axe-core."""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import FIXTURE_TOOLBOX
from sitecheck import mkdocs_build

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


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    result = mkdocs_build(FIXTURE_TOOLBOX, out)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


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
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript-fouten: {errors}"


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
    assert page.locator("h1").first.inner_text() == "Warmtetoolbox"
    page.locator("article").get_by_role("link", name="vragen", exact=True).click()
    page.wait_for_url("**/vragen/")
    assert page.locator("h1").first.inner_text() == "Vragen"
    page.get_by_role("link", name="Wat kost aansluiten op een warmtenet?").click()
    page.wait_for_url("**/vragen/wat-kost-aansluiten-op-een-warmtenet/")
    assert page.locator("h1").first.inner_text() == "Wat kost aansluiten op een warmtenet?"
    assert page.locator(".wtb-meta").get_by_text("Redactie Testtoolbox").is_visible()
    page.locator(".wtb-meta").get_by_role("link", name="Warmtenet").click()
    page.wait_for_url("**/tags/warmtenet/")


def test_search_finds_an_entry(page, site_url):
    page.goto(site_url)
    page.locator("label.md-search__icon, label[for='__search']").first.click()
    search = page.locator("input.md-search__input")
    search.fill("warmtenet")
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=15_000)
    assert "warmtenet" in page.locator(".md-search-result").inner_text().lower()


@pytest.mark.parametrize(
    "path",
    ["", "vragen/", "vragen/wat-kost-aansluiten-op-een-warmtenet/"],
    ids=["home", "overview", "entry"],
)
def test_no_wcag_violations(page, site_url, path):
    page.goto(site_url + path)
    assert axe_violations(page) == []
