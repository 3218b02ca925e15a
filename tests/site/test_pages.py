"""Rendering of generated pages, without MkDocs."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date

from conftest import FIXTURE_TOOLBOX
from warmtetoolbox.model.labels import dutch_date, label
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.reuse.reuse_map import compute as compute_reuse
from warmtetoolbox.site.editions import select_edition
from warmtetoolbox.site.pages import generate
from warmtetoolbox.site.sanitize import clean_html
from warmtetoolbox.site.urls import relative

TODAY = date(2026, 6, 1)


def corpus():
    return load_toolbox(FIXTURE_TOOLBOX, today=TODAY).corpus


def page(pages, src):
    return next(p for p in pages if p.src_path == src).text()


def test_every_expected_page_is_generated():
    sources = {p.src_path for p in generate(corpus(), TODAY)}
    assert "vragen/wat-kost-aansluiten-op-een-warmtenet.md" in sources
    assert {
        f"{t}/index.md" for t in ("vragen", "regelgeving", "financiering", "aanpak", "praktijk")
    } <= sources
    assert {"tags/index.md", "tags/warmtenet.md", "fasen.md", "begrippen.md"} <= sources
    assert {"voor-bewoners.md", "voor-ambtenaren.md", "voor-raadsleden.md"} <= sources


def test_a_reuse_map_given_later_gives_the_same_pages():
    """The build computes the reuse map in a second process and hands generate a function
    for it: the pages are the same, in the same order, and it is asked for once."""
    data = corpus()
    reuse = compute_reuse(data, TODAY)
    asked = []

    def later():
        asked.append(1)
        return reuse

    direct = generate(data, TODAY, reuse=reuse, internal=True)
    assert any(p.src_path.startswith("hergebruik/") for p in direct)
    assert generate(data, TODAY, reuse=later, internal=True) == direct
    assert asked == [1]


def test_entry_pages_rendered_partly_in_a_child_are_the_same_pages(monkeypatch, tmp_path):
    """``parallel``: a forked child renders the last share of the entry pages; the pages
    and their order are those of a build without it, and the child really rendered some."""
    from warmtetoolbox.site import pages as pages_module

    data = corpus()
    alone = generate(data, TODAY, internal=True, tails=True)
    renderers = tmp_path / "pids"
    real = pages_module.entry_page

    def entry_page(entry, site):
        with renderers.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return real(entry, site)

    monkeypatch.setattr(pages_module, "entry_page", entry_page)
    monkeypatch.setattr(pages_module.EntryPages, "PARALLEL_FROM", 2)
    together = generate(data, TODAY, internal=True, tails=True, parallel=True)
    assert together == alone
    pids = renderers.read_text().split()
    assert str(os.getpid()) in pids and len(set(pids)) == 2, pids


def test_a_failing_entry_page_child_costs_no_page(monkeypatch):
    from warmtetoolbox.site import pages as pages_module

    data = corpus()
    alone = generate(data, TODAY)
    parent = os.getpid()
    real = pages_module._render_entries

    def render(entries, site):
        if os.getpid() != parent:
            os._exit(3)  # the child dies without an answer
        return real(entries, site)

    monkeypatch.setattr(pages_module, "_render_entries", render)
    monkeypatch.setattr(pages_module.EntryPages, "PARALLEL_FROM", 2)
    assert generate(data, TODAY, parallel=True) == alone


def test_values_are_escaped_in_html():
    base = corpus()
    evil = replace(base.get("warmtewet-test"), owner='<script>alert("x")</script>')
    pages = generate(type(base)((evil,), base.taxonomy), TODAY)
    html = page(pages, "regelgeving/warmtewet-test.md")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_overdue_review_shows_banner():
    later = date(2027, 3, 1)
    html = page(generate(corpus(), later), "regelgeving/warmtewet-test.md")
    assert "Herziening verlopen sinds 10 januari 2027" in html
    assert "Herziening verlopen" not in page(
        generate(corpus(), TODAY), "regelgeving/warmtewet-test.md"
    )


def test_related_to_entry_outside_edition_is_not_rendered():
    base = corpus()
    question = base.get("wat-kost-aansluiten-op-een-warmtenet")
    linked = replace(question, related=("interne-werkwijze-test",))
    full = type(base)((*[e for e in base if e.id != question.id], linked), base.taxonomy)
    public = select_edition(full, "public")
    html = page(generate(public, TODAY), question.src_path)
    assert "interne-werkwijze-test" not in html and "Interne werkwijze" not in html


def test_public_edition_selection():
    public = select_edition(corpus(), "public")
    assert {e.id for e in public} == {
        "wat-kost-aansluiten-op-een-warmtenet",
        "warmtewet-test",
        "nationaal-fonds-test",
    }
    assert len(select_edition(corpus(), "internal")) == 5


def test_relative_links_agree_with_posixpath_relpath():
    import posixpath

    from warmtetoolbox.site.urls import url_of

    sources = [
        "index.md",
        "vragen/index.md",
        "vragen/x.md",
        "vragen/x/v1.md",
        "tags/a.md",
        "fasen.md",
        "a/b/c/d.md",
        "vragen/xy.md",
    ]
    targets = [
        "",
        "vragen/",
        "vragen/x/",
        "vragen/x/v1/",
        "tags/a/",
        "feeds/rss.xml",
        "a/b/",
        "a/b/c/",
        "vragen/xy/",
        "./vragen/",
        "x/../y/",
        "vragen//x/",
    ]
    for source in sources:
        for target in targets:
            path = posixpath.relpath(target or ".", url_of(source) or ".")
            if target.endswith("/") or target == "":
                path = "./" if path == "." else f"{path}/"
            assert relative(source, target) == path, (source, target)


def test_relative_links():
    assert relative("vragen/x.md", "tags/a/") == "../../tags/a/"
    assert relative("index.md", "vragen/") == "vragen/"
    assert relative("vragen/index.md", "vragen/x/") == "x/"
    assert relative("fasen.md", "") == "../"


def test_dutch_labels_and_dates():
    assert dutch_date(date(2026, 3, 5)) == "5 maart 2026"
    assert label("draft", "status") == "Concept"
    assert label("internal", "visibility") == "Intern"


def test_sanitizer_removes_script_but_keeps_structure():
    dirty = (
        '<h2 id="a">Kop<a class="headerlink" href="#a">¶</a></h2>'
        '<p onclick="x()">Tekst<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">klik</a><img src="x" onerror="alert(1)">'
        '<abbr title="wijkuitvoeringsplan">WUP</abbr><iframe src="https://x"></iframe>'
    )
    clean = clean_html(dirty)
    assert "script" not in clean and "onclick" not in clean and "onerror" not in clean
    assert "javascript:" not in clean and "iframe" not in clean
    assert '<h2 id="a">' in clean and 'class="headerlink"' in clean
    assert '<abbr title="wijkuitvoeringsplan">WUP</abbr>' in clean


def test_outdated_and_withdrawn_entries_point_to_their_replacement():
    base = corpus()
    law = base.get("warmtewet-test")
    fund = base.get("nationaal-fonds-test")
    for status, title in (("outdated", "Verouderd"), ("withdrawn", "Ingetrokken")):
        old = replace(fund, status=status, replaced_by=law.id)
        pages = generate(type(base)((old, law), base.taxonomy), TODAY)
        html = page(pages, old.src_path)
        assert f'<p class="admonition-title">{title}</p>' in html
        assert (
            'Lees in plaats daarvan <a href="../../regelgeving/warmtewet-test/">Warmtewet (testitem)</a>'
            in html
        )


def test_a_source_shows_when_it_was_last_read():
    from warmtetoolbox.model.entries import Source

    base = corpus()
    entry = base.get("wat-kost-aansluiten-op-een-warmtenet")
    read = Source("ACM over warmte", "https://www.acm.nl/nl/energie/warmte", date(2026, 3, 4))
    unread = Source("Zonder datum", "https://example.nl/pagina")
    changed = replace(entry, sources=(read, unread))
    pages = generate(type(base)((changed,), base.taxonomy), TODAY)
    html = page(pages, "vragen/wat-kost-aansluiten-op-een-warmtenet.md")
    assert '(nagelezen op <time datetime="2026-03-04">4 maart 2026</time>)' in html
    assert "Zonder datum</a></li>" in html


def test_the_checked_date_reaches_the_entry(tmp_path):
    import shutil

    root = tmp_path / "toolbox"
    shutil.copytree(FIXTURE_TOOLBOX, root)
    path = root / "vragen" / "wat-kost-aansluiten-op-een-warmtenet.md"
    text = path.read_text(encoding="utf-8")
    marker = "    url: https://www.acm.nl/nl/energie/warmte\n"
    assert marker in text
    path.write_text(text.replace(marker, marker + "    checked: 2026-03-04\n"), encoding="utf-8")
    entry = load_toolbox(root, today=TODAY).corpus.get("wat-kost-aansluiten-op-een-warmtenet")
    assert entry.sources[0].checked == date(2026, 3, 4)


def test_a_failing_page_in_the_build_leaves_no_child(monkeypatch):
    import multiprocessing
    import time

    import pytest
    from warmtetoolbox.site import pages as pages_module

    data = corpus()
    real = pages_module.entry_page
    parent = os.getpid()
    rendered = []

    def entry_page(entry, site):
        if os.getpid() != parent:
            time.sleep(60)  # a child still at work when the build fails
        elif rendered:
            raise RuntimeError("kapot")  # the second page the build renders itself
        rendered.append(entry.id)
        return real(entry, site)

    monkeypatch.setattr(pages_module, "entry_page", entry_page)
    monkeypatch.setattr(pages_module.EntryPages, "PARALLEL_FROM", 2)
    with pytest.raises(RuntimeError):
        generate(data, TODAY, parallel=True)
    assert not multiprocessing.active_children()
