"""Printing: printable question lists get a print button (a static script: the CSP
forbids inline ones), and on paper every link in the content shows its address."""

from __future__ import annotations

from pathlib import Path

import pytest
from public_site import page_types, public_build, serve
from test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.build]

AFTER_JS = "(a) => getComputedStyle(a, '::after').content"


@pytest.fixture(scope="module")
def tab():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium niet gevonden op {CHROMIUM}: draai 'make browser'")
    from playwright.sync_api import sync_playwright

    site = public_build()
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="nl-NL", viewport={"width": 390, "height": 844})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        yield page, base, page_types(site)
        browser.close()
        assert errors == [], f"JavaScript-fouten (ook CSP-meldingen): {errors}"


def test_a_question_list_has_a_print_button_that_prints(tab):
    page, base, pages = tab
    page.emulate_media(media="screen")
    page.goto(base + pages["vragenlijst"].removesuffix("index.html"))
    button = page.get_by_role("button", name="Afdrukken")
    assert button.count() == 1 and button.is_visible()
    page.evaluate("() => { window.print = () => { window.wtbPrinted = true; }; }")
    button.click()
    assert page.evaluate("() => window.wtbPrinted === true")
    page.emulate_media(media="print")
    assert not button.is_visible()


def test_other_pages_have_no_print_button(tab):
    page, base, _ = tab
    page.emulate_media(media="screen")
    page.goto(base + "vragen/bewoner-wil-niet-meedoen/")
    assert page.get_by_role("button", name="Afdrukken").count() == 0


def test_printed_links_show_their_address(tab):
    page, base, _ = tab
    page.goto(base + "vragen/bewoner-wil-niet-meedoen/")
    page.emulate_media(media="print")
    external = page.locator("article a[href^='https://']").first
    href = external.get_attribute("href")
    assert href in external.evaluate(AFTER_JS)
    internal = page.locator("article .wtb-related a[href^='../']").first
    absolute = internal.evaluate("(a) => a.href")
    assert absolute.startswith(base) and absolute in internal.evaluate(AFTER_JS)
    assert page.locator("article a.headerlink").first.evaluate(AFTER_JS) in ("none", "normal")
    page.emulate_media(media="screen")
    assert external.evaluate(AFTER_JS) in ("none", "normal")
