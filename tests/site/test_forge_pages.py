"""Entry pages and the search page link to the repository when one is configured.

Two strict builds of the fixture toolbox: one with ``WARMTETOOLBOX_REPOSITORY`` (GitHub),
one without. The entry page links to the toolbox file in the web editor and to the
prefilled issue forms; the search page offers "Staat uw vraag er niet bij?" when no
result matches every word (driven in headless Chromium).
"""

from __future__ import annotations

import html
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from conftest import FIXTURE_TOOLBOX, REPO
from sitecheck import mkdocs_build, served

pytestmark = pytest.mark.build

REPOSITORY = "https://github.com/gemeenten/warmtetoolbox"
SITE = "https://warmtetoolbox.example.nl/"
QUESTION = "vragen/wat-kost-aansluiten-op-een-warmtenet/index.html"
LAW = "regelgeving/warmtewet-test/index.html"
TOOLBOX_FILE = FIXTURE_TOOLBOX.relative_to(REPO).as_posix()


def build(tmp_path_factory, name: str, repository: str) -> Path:
    out = tmp_path_factory.mktemp(name) / "site"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("WARMTETOOLBOX_REPOSITORY", repository)
        env.setenv("WARMTETOOLBOX_BRANCH", "main")
        result = mkdocs_build(FIXTURE_TOOLBOX, out, site_url=SITE)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "met-repository", REPOSITORY)


@pytest.fixture(scope="module")
def unlinked(tmp_path_factory) -> Path:
    return build(tmp_path_factory, "zonder-repository", "")


def links(page: str) -> dict[str, str]:
    """Link text -> href (unescaped) of the forge links block."""
    from html.parser import HTMLParser

    found: dict[str, str] = {}

    class Parser(HTMLParser):
        href = None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "a" and (attrs.get("class") or "").startswith("wtb-forge-"):
                self.href = attrs["href"]

        def handle_data(self, data):
            if self.href is not None:
                found[data.strip()] = self.href
                self.href = None

    Parser().feed(page)
    return found


def fields(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_question_links_to_its_toolbox_file_and_prefilled_forms(linked: Path):
    page = (linked / QUESTION).read_text(encoding="utf-8")
    found = links(page)
    assert list(found) == ["Bewerk deze pagina", "Meld een fout", "Deze vraag speelt ook bij ons"]
    assert found["Bewerk deze pagina"] == (
        f"{REPOSITORY}/edit/main/{TOOLBOX_FILE}/vragen/wat-kost-aansluiten-op-een-warmtenet.md"
    )
    assert (REPO / urlsplit(found["Bewerk deze pagina"]).path.split("/main/", 1)[1]).is_file()
    error = fields(found["Meld een fout"])
    assert found["Meld een fout"].startswith(f"{REPOSITORY}/issues/new?")
    assert error == {
        "template": "fout-of-verouderd.yml",
        "title": "Fout: Wat kost aansluiten op een warmtenet?",
        "id": "wat-kost-aansluiten-op-een-warmtenet",
        "versie": "2",
        "adres": f"{SITE}vragen/wat-kost-aansluiten-op-een-warmtenet/",
    }
    asked = fields(found["Deze vraag speelt ook bij ons"])
    assert asked["template"] == "speelt-ook-bij-ons.yml"
    assert asked["id"] == "wat-kost-aansluiten-op-een-warmtenet" and asked["versie"] == "2"
    # escaped in the HTML: every & of a query is &amp;
    raw = page[page.index('class="wtb-forge-error"') :][:600]
    assert "&amp;id=wat-kost-aansluiten-op-een-warmtenet&amp;versie=2" in raw
    assert "GitHub" in html.unescape(page[page.index("wtb-forge-links") - 200 :][:800])


def test_other_entries_have_no_asked_link(linked: Path):
    found = links((linked / LAW).read_text(encoding="utf-8"))
    assert list(found) == ["Bewerk deze pagina", "Meld een fout"]
    assert found["Bewerk deze pagina"].endswith(f"/{TOOLBOX_FILE}/regelgeving/warmtewet-test.md")


def test_the_links_are_not_searchable_text(linked: Path):
    page = (linked / QUESTION).read_text(encoding="utf-8")
    ignore = page.rfind("data-pagefind-ignore", 0, page.index("wtb-forge-links"))
    assert ignore != -1 and page.rfind('id="over-dit-item"', 0, page.index("wtb-forge-links")) > 0


def test_without_repository_no_links_anywhere(unlinked: Path):
    for path in unlinked.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "wtb-forge-" not in text, path
        assert "wtb-search__ask" not in text, path
        assert "/issues/new" not in text and "Bewerk deze pagina" not in text, path


def test_search_page_offers_the_new_question_form(linked: Path):
    page = (linked / "zoeken/index.html").read_text(encoding="utf-8")
    assert "Staat uw vraag er niet bij?" in page
    assert 'class="wtb-search__ask" hidden' in page


@pytest.mark.browser
def test_no_good_result_offers_the_form_with_the_search_words(linked: Path):
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS, axe_violations

    errors: list[str] = []
    with served(linked) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="nl-NL")
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        def search(words: str) -> tuple[bool, str]:
            page.goto(f"{base}zoeken/?q={quote(words)}")
            end = time.monotonic() + 20
            while time.monotonic() < end:
                status = page.locator(".wtb-search__status").inner_text()
                if status and not status.startswith("Zoeken"):
                    break
                time.sleep(0.05)
            else:
                raise AssertionError("de zoekpagina gaf geen antwoord")
            ask = page.locator(".wtb-search__ask")
            return ask.is_visible(), ask.locator("a").get_attribute("href")

        visible, href = search("zonnepanelen op het gemeentehuis")
        assert visible
        assert href.startswith(f"{REPOSITORY}/issues/new?")
        assert fields(href) == {
            "template": "nieuwe-vraag.yml",
            "title": "Nieuwe vraag: zonnepanelen op het gemeentehuis",
            "zoekwoorden": "zonnepanelen op het gemeentehuis",
            "adres": f"{SITE}zoeken/",
        }
        assert axe_violations(page) == []
        visible, _ = search("warmtenet aansluiten kosten")
        assert not visible, "bij een goed resultaat hoort geen formulier"
        visible, href = search("kernfusie")  # no result at all
        assert visible and fields(href)["zoekwoorden"] == "kernfusie"
        browser.close()
    assert errors == [], f"JavaScript-fouten (ook CSP-meldingen): {errors}"


def test_an_unusable_repository_address_stops_the_build_in_dutch(tmp_path: Path):
    with pytest.MonkeyPatch.context() as env:
        env.setenv("WARMTETOOLBOX_REPOSITORY", "https://code.gemeente.example/team/toolbox")
        result = mkdocs_build(FIXTURE_TOOLBOX, tmp_path / "site", site_url=SITE)
    assert result.returncode != 0
    assert "kan niet zien of code.gemeente.example GitHub of GitLab is" in result.stderr
    assert "forge: gitlab" in result.stderr and "Traceback" not in result.stderr
