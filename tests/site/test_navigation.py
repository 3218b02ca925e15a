"""The navigation of the public build: every overview is listed as an item of its
section (also in the phone menu), and a tab leads where the sidebar entry of the same
name leads. Entries are never listed (tests/site/test_build.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from public_site import public_build

pytestmark = pytest.mark.build

OVERVIEWS = {
    "vragen/": "Vragen",
    "regelgeving/": "Regelgeving",
    "financiering/": "Financiering",
    "aanpak/": "Aanpak",
    "praktijk/": "Praktijkvoorbeelden",
    "tags/": "Onderwerpen",
    "fasen/": "Fasen van de wijkaanpak",
    "begrippen/": "Begrippen",
    "voor-bewoners/": "Voor bewoners",
    "voor-ambtenaren/": "Voor ambtenaren",
    "hergebruik/": "Hergebruik",
    "nieuw/": "Nieuw",
    "over/": "Over de toolbox",
    "bijdragen/": "Bijdragen",
}
_ITEM = re.compile(
    r'<a href="(?!#)([^"]*)" class="md-nav__link[^"]*"> <span class="md-ellipsis"> (.*?) </span>'
)
_SECTION = re.compile(
    r'<label class="md-nav__link" for="__nav_\d+" id="__nav_\d+_label"[^>]*> <span class="md-ellipsis"> (.*?) </span>'
)
_TAB = re.compile(r'<a href="([^"]*)" class="md-tabs__link"> (.*?) </a>')


def primary_nav(site: Path) -> tuple[str, str]:
    html = " ".join((site / "index.html").read_text(encoding="utf-8").split())
    start = html.index("md-nav--primary")
    return html[start : html.index("md-sidebar--secondary", start)], html


def test_every_overview_is_an_item_of_the_navigation():
    nav, _ = primary_nav(public_build())
    items = dict(_ITEM.findall(nav))
    missing = {href: label for href, label in OVERVIEWS.items() if items.get(href) != label}
    assert missing == {}, f"niet (zo) in de navigatie: {missing}"
    assert "md-nav__container" not in nav, "een sectie is zelf een pagina (navigation.indexes)"


def test_a_tab_leads_where_the_sidebar_entry_of_that_name_leads():
    nav, html = primary_nav(public_build())
    tabs = _TAB.findall(html)
    assert len(tabs) >= 5
    events = sorted(
        [(m.start(), "item", m.group(1), m.group(2)) for m in _ITEM.finditer(nav)]
        + [(m.start(), "section", "", m.group(1)) for m in _SECTION.finditer(nav)]
    )
    target = {}  # sidebar label -> where it leads: the page, or a section's first page
    for i, (_, kind, href, label) in enumerate(events):
        if kind == "item":
            target.setdefault(label, href)
        else:
            first = next((e[2] for e in events[i + 1 :] if e[1] == "item"), None)
            target[label] = first
    wrong = [(label, href, target.get(label)) for href, label in tabs if target.get(label) != href]
    assert wrong == [], f"tab en zijbalk leiden elders heen (label, tab, zijbalk): {wrong}"
