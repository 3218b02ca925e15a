"""WCAG 2.1 criterion 1.4.10 (Reflow): no page of the public build of the repository's
toolbox scrolls sideways on a phone. Every page is opened at 390 px in headless
Chromium, a page of each type also at 320 px and checked with axe (WCAG 2.1 A/AA) at
390 and 1366 px; wide tables scroll inside their own labelled region, and on a desktop
the Hergebruik table stays clear of the contents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from public_site import address, edition_build, html_pages, page_types, public_build, serve
from test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.build]

WIDTH_JS = "() => document.documentElement.scrollWidth"
# Elements that stick out past the right edge of the screen and are not clipped by a
# scrolling ancestor: what to fix when a page is too wide.
CULPRITS_JS = """() => {
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= innerWidth + 1) continue;
    let p = e.parentElement, clipped = false;
    while (p && p !== document.body) {
      if (getComputedStyle(p).overflowX !== 'visible') { clipped = true; break; }
      p = p.parentElement;
    }
    if (!clipped) out.push(`${e.tagName.toLowerCase()}.${e.className} (${Math.round(r.right)} px)`);
  }
  return out.slice(0, 3);
}"""


@pytest.fixture(scope="module")
def site():
    out = public_build()
    with serve(out) as base:
        yield out, base


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium niet gevonden op {CHROMIUM}: draai 'make browser'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def too_wide(browser, base: str, pages: list[str], width: int) -> list[str]:
    """Pages wider than ``width``, each with its widest culprits; one reused tab."""
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 844})
    tab = context.new_page()
    wide = []
    try:
        for page in pages:
            tab.goto(base + address(page), wait_until="domcontentloaded")
            scroll_width = tab.evaluate(WIDTH_JS)
            if scroll_width > width:
                culprits = ", ".join(tab.evaluate(CULPRITS_JS))
                wide.append(f"{page}: {scroll_width} px breed ({culprits})")
    finally:
        context.close()
    return wide


def test_every_page_fits_a_390_px_phone(site, browser):
    out, base = site
    pages = html_pages(out)
    assert len(pages) >= 100, "de publieke bouw heeft te weinig pagina's"
    wide = too_wide(browser, base, pages, 390)
    assert wide == [], f"{len(wide)} van {len(pages)} pagina's schuiven opzij:\n" + "\n".join(wide)


def test_a_page_of_each_type_fits_a_320_px_phone(site, browser):
    out, base = site
    pages = sorted(set(page_types(out).values()))
    wide = too_wide(browser, base, pages, 320)
    assert wide == [], "\n".join(wide)


REGIONS_JS = """() => [...document.querySelectorAll('article table')].map(t => {
  const region = t.closest('.wtb-table');
  return Boolean(region) && region.getAttribute('role') === 'region' && region.tabIndex === 0
    && region.getAttribute('aria-label').startsWith('Tabel')
    && region.getBoundingClientRect().right <= innerWidth;
})"""


def tables_by_kind(site: Path) -> list[str]:
    """One page for each kind (class) of table in ``site``."""
    seen: dict[str, str] = {}
    for page in html_pages(site):
        html = (site / page).read_text(encoding="utf-8")
        for kind in re.findall(r'<table(?: class="([^"]*)")?', html):
            seen.setdefault(kind, page)
    return sorted(set(seen.values()))


@pytest.fixture(scope="module")
def internal_site():
    """The internal edition: its Hergebruik page holds the example records' wide tables."""
    out = edition_build("internal")
    with serve(out) as base:
        yield out, base


def test_every_table_scrolls_in_its_own_labelled_region(site, internal_site, browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    checked = 0
    try:
        for out, base in (site, internal_site):
            for page in tables_by_kind(out):
                tab.goto(base + address(page))
                tables = tab.evaluate(REGIONS_JS)
                assert tables and all(tables), (page, tables)
                checked += 1
    finally:
        context.close()
    assert checked >= 3


def test_the_reuse_table_stays_clear_of_the_contents_on_a_desktop(internal_site, browser):
    _, base = internal_site
    context = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(base + "hergebruik/")
        toc_left = tab.evaluate(
            "() => document.querySelector('.md-sidebar--secondary').getBoundingClientRect().left"
        )
        rights = tab.evaluate(
            """() => [...document.querySelectorAll('article table')].map(t =>
                 Math.min(t.getBoundingClientRect().right,
                          t.closest('.wtb-table').getBoundingClientRect().right))"""
        )
        assert len(rights) >= 3 and max(rights) <= toc_left, (rights, toc_left)
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_every_page_type_has_no_wcag_violations(site, browser, width):
    from test_browser import axe_violations

    out, base = site
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 844})
    tab = context.new_page()
    found = []
    try:
        for kind, page in page_types(out).items():
            tab.goto(base + address(page) + ("?q=warmtenet" if kind == "zoeken" else ""))
            found += [f"{page}: {violation}" for violation in axe_violations(tab)]
    finally:
        context.close()
    assert found == [], "\n".join(found)
