"""The theme speaks Dutch on every page: no English string of Material's templates or
language file appears in the public build, one title pattern, and the theme files we
copy differ from Material's own only by our fixes."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from public_site import html_pages, public_build

pytestmark = pytest.mark.build

THEME = Path(material.__file__).parent / "templates"
OURS = Path(__file__).resolve().parents[2] / "plugins/warmtetoolbox/integrations/material"
_ENTRY = re.compile(r'"([\w.]+)": "((?:[^"\\]|\\.)*)"')
_USED = re.compile(r"""lang\.t\(\s*["']([\w.]+)["']\s*\)""")
NOT_TEXT = {"language", "direction", "search.config.lang", "search.config.pipeline"}
NOT_TEXT |= {"search.config.separator"}
# English written into Material's templates themselves, not through the language file.
LITERAL = ("Made with", "Material for MkDocs", "404 - Not found", "Not found")


def language(path: Path) -> dict[str, str]:
    return dict(_ENTRY.findall(path.read_text(encoding="utf-8")))


def used_keys() -> set[str]:
    keys: set[str] = set()
    for folder in (THEME, OURS):
        for path in folder.rglob("*.html"):
            keys.update(_USED.findall(path.read_text(encoding="utf-8")))
    return keys


def english_strings() -> list[str]:
    """The English texts the theme's templates can print, minus those that are Dutch too."""
    english = language(THEME / "partials/languages/en.html")
    dutch = set(language(OURS / "partials/languages/nl.html").values())
    texts = {english[k] for k in used_keys() - NOT_TEXT if k in english}
    return sorted((texts - dutch) | set(LITERAL))


def pattern(text: str) -> re.Pattern:
    body = re.escape(text).replace(r"\#", r"\d+")
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


def test_the_known_english_strings_are_collected():
    strings = english_strings()
    for expected in ("Header", "Footer", "Tabs", "Skip to content", "Back to top", "Made with"):
        assert expected in strings
    assert "in" not in strings  # Dutch as well


def test_no_page_of_the_public_build_holds_an_english_theme_string():
    site = public_build()
    checks = [(text, pattern(text)) for text in english_strings()]
    found = []
    for page in html_pages(site):
        html = (site / page).read_text(encoding="utf-8")
        found += [f"{page}: {text!r}" for text, regex in checks if regex.search(html)]
    assert found == [], "Engelse tekst van het thema:\n" + "\n".join(found[:40])


def test_our_dutch_language_file_has_every_key_of_the_theme():
    english = language(THEME / "partials/languages/en.html")
    ours = language(OURS / "partials/languages/nl.html")
    assert sorted(set(english) - set(ours)) == []
    assert ours["header"] == "Kopregel" and ours["tabs"] != "Tabs"


def test_one_title_pattern_and_the_home_page_only_the_site_name():
    site = public_build()

    def title(page: str) -> str:
        html = (site / page).read_text(encoding="utf-8")
        return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()

    assert title("index.html") == "Warmtetoolbox"
    assert title("vragen/index.html") == "Vragen – Warmtetoolbox"
    assert title("404.html") == "Pagina niet gevonden – Warmtetoolbox"
    titles = [title(page) for page in html_pages(site)]
    assert all(t == "Warmtetoolbox" or t.endswith(" – Warmtetoolbox") for t in titles)
    assert titles.count("Warmtetoolbox") == 1


def test_the_404_page_is_dutch():
    html = (public_build() / "404.html").read_text(encoding="utf-8")
    assert "<h1>Pagina niet gevonden</h1>" in html and "Naar de beginpagina" in html


# Our copies of Material's templates: (file, [(theirs, ours), ...]) — the only changes.
COPIES = {
    "base.html": [
        ('id="__drawer" autocomplete="off">', 'id="__drawer">'),
        ('id="__search" autocomplete="off">', 'id="__search">'),
        (  # the navigation once per folder for pages outside it (integrations/nav_cache.py)
            '                    {% include "partials/nav.html" %}\n',
            "                    {% set nav_key = wtb_nav.key(page, nav) if wtb_nav is defined "
            "else none %}{% set nav_html = wtb_nav.get(nav_key) if nav_key else none %}"
            '{% if nav_html is none %}{% set nav_html %}{% include "partials/nav.html" %}'
            "{% endset %}{% if nav_key %}{{ wtb_nav.store(nav_key, nav_html) }}"
            "{% else %}{{ nav_html }}{% endif %}{% else %}{{ nav_html }}{% endif %}"
            "{# warmtetoolbox: rendered once per folder for pages outside the navigation "
            "(integrations/nav_cache.py) #}\n",
        ),
    ],
    "partials/nav-item.html": [
        ('tabindex="{{ tabindex }}"', '{% if tabindex %}tabindex="{{ tabindex }}"{% endif %}')
    ],
    "partials/toc.html": [
        (
            '<label class="md-nav__title" for="__toc">',
            '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
        )
    ],
}


def _without_comment(text: str) -> str:
    return text.split("-#}\n", 1)[1] if text.startswith("{#") else text


@pytest.mark.parametrize("name", sorted(COPIES))
def test_copied_theme_templates_differ_from_materials_only_by_our_fixes(name):
    theirs = _without_comment((THEME / name).read_text(encoding="utf-8"))
    for old, new in COPIES[name]:
        assert old in theirs, f"Material's {name} is veranderd: werk onze kopie bij"
        theirs = theirs.replace(old, new)
    assert _without_comment((OURS / name).read_text(encoding="utf-8")) == theirs
