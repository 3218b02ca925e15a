"""Injected script never runs: every field and the body carry payloads, validation is
bypassed (as if ``check`` had been told to skip the entry), and the built site still
holds no executable script from them — checked in the HTML and in Chromium."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURE_TOOLBOX, REPO
from sitecheck import served

pytestmark = pytest.mark.build

XSS = "wtbxss"
ENTRY_ID = "kwaadaardige-vraag"
PAYLOADS = [
    f"<script>alert('{XSS}')</script>",
    f'"><img src=x onerror="alert(\'{XSS}\')">',
    f"<svg onload=alert('{XSS}')><script>console.log('{XSS}')</script></svg>",
    f"javascript:alert('{XSS}')",
]
TEXT = " ".join(PAYLOADS)

EVIL = f"""\
---
title: "Titel {PAYLOADS[0]}"
summary: 'Samenvatting {PAYLOADS[1].replace("'", "''")} over warmtenet'
tags: [warmtenet, haalbaarheid]
audience: [residents, officers]
visibility: public
status: current
version: 2
updated: 2026-01-10
owner: "Eigenaar {PAYLOADS[2]}"
sources:
  - title: "Bron {PAYLOADS[0]}"
    url: "javascript:alert('{XSS}')"
  - title: Tweede bron
    url: "data:text/html;base64,PHNjcmlwdD5hbGVydCgnd3RieHNzJyk8L3NjcmlwdD4="
asked_in:
  - {{municipality: teststad, year: 2024, neighbourhood: "{PAYLOADS[0]}", context: "{PAYLOADS[2]}"}}
related: [wat-kost-aansluiten-op-een-warmtenet]
changes:
  - {{version: 2, date: 2026-01-10, summary: "Wijziging {PAYLOADS[0]}"}}
  - {{version: 1, date: 2025-01-10, summary: Eerste versie.}}
---

## Kort antwoord

{PAYLOADS[0]}

<img src=x onerror="alert('{XSS}')">

[klik hier](javascript:alert('{XSS}')) en [nog een](JaVaScRiPt:alert('{XSS}'))

![plaatje](javascript:alert('{XSS}'))

<a href="jav&#x61;script:alert('{XSS}')">verstopt</a>

[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgnd3RieHNzJyk8L3NjcmlwdD4=)

## Toelichting

<svg><script>alert('{XSS}')</script><circle onload="alert('{XSS}')"/></svg>

<iframe src="javascript:alert('{XSS}')"></iframe>

<details open ontoggle="alert('{XSS}')"><summary>x</summary>y</details>

<form action="javascript:alert('{XSS}')"><button>ga</button></form>

[referentie][r]

[r]: javascript:alert('{XSS}')
"""


def bypass_validation(monkeypatch) -> None:
    from warmtetoolbox.model import loading, validation

    monkeypatch.setattr(loading, "check_body", lambda *args, **kwargs: [])
    monkeypatch.setattr(loading, "check_abbreviations", lambda *args, **kwargs: [])
    monkeypatch.setattr(validation, "_MARKUP", re.compile(r"(?!)"))
    monkeypatch.setattr(validation.EntryValidator, "kind_url", lambda self, spec, raw, keys: raw)


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("evil")
    shutil.copytree(FIXTURE_TOOLBOX, root / "toolbox")
    (root / "toolbox" / "vragen" / f"{ENTRY_ID}.md").write_text(EVIL, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        bypass_validation(patch)
        from warmtetoolbox.model.loading import load_toolbox

        loaded = load_toolbox(root / "toolbox")
        assert loaded.corpus.get(ENTRY_ID) is not None, [p.format() for p in loaded.problems]
        patch.setenv("WARMTETOOLBOX_TOOLBOX", str(root / "toolbox"))
        patch.setenv("WARMTETOOLBOX_INDEX_DIR", str(root / "ix"))
        patch.setenv("WARMTETOOLBOX_EDITION", "public")
        config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(root / "site"))
        build(config)
    return root / "site"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        self._in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}={value}")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data"):
                cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
                if cleaned.startswith(("javascript:", "data:text", "vbscript:")):
                    self.problems.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and XSS in data:
            self.problems.append(f"script: {data[:60]}")


def executable_payloads(site: Path) -> list[str]:
    found = []
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".svg", ".xml"):
            continue
        parser = _Scripts()
        parser.feed(path.read_text("utf-8"))
        found.extend(f"{path.relative_to(site)}: {p}" for p in parser.problems)
    return found


def test_payloads_are_rendered_but_not_executable(evil_site: Path):
    page = (evil_site / "vragen" / ENTRY_ID / "index.html").read_text("utf-8")
    assert "Titel &lt;script&gt;" in page  # the title is shown, escaped
    assert "Eigenaar &lt;svg" in page
    assert executable_payloads(evil_site) == []


def test_payload_entry_is_linked_safely_from_other_pages(evil_site: Path):
    other = (evil_site / "vragen/wat-kost-aansluiten-op-een-warmtenet/index.html").read_text(
        "utf-8"
    )
    assert "Titel &lt;script&gt;" in other  # backlink with an escaped title
    reuse = (evil_site / "hergebruik/index.html").read_text("utf-8")
    assert "Titel &lt;script&gt;" in reuse and "<script>alert" not in reuse


def test_exports_are_data(evil_site: Path):
    import json

    data = json.loads((evil_site / "reuse.json").read_text("utf-8"))
    titles = [q["title"] for q in data["questions"]]
    assert f"Titel {PAYLOADS[0]}" in titles  # JSON holds the text as data, not markup


@pytest.fixture(scope="module")
def evil_url(evil_site):
    with served(evil_site) as base:
        yield base


@pytest.mark.browser
def test_nothing_runs_in_chromium(evil_url):
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    dialogs, messages, foreign = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: messages.append(m.text))
        page.on(
            "request",
            lambda r: (
                foreign.append(r.url)
                if urlsplit(r.url).hostname not in ("127.0.0.1", None)
                and not r.url.startswith("data:")
                else None
            ),
        )
        for path in [
            f"vragen/{ENTRY_ID}/",
            "vragen/wat-kost-aansluiten-op-een-warmtenet/",
            "hergebruik/",
            "vragen/",
        ]:
            page.goto(evil_url + path)
            page.wait_for_load_state("networkidle")
        page.goto(evil_url + "zoeken/?q=Titel")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1500)
        browser.close()
    assert dialogs == []
    assert [m for m in messages if XSS in m] == []
    assert [m for m in messages if "Content Security Policy" in m] == []
    assert foreign == []
