"""Ready-made HTML blocks skip Markdown and come back unchanged."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import REPO
from warmtetoolbox.history.git_history import read_history
from warmtetoolbox.model.loading import load_toolbox
from warmtetoolbox.reuse.reuse_map import compute
from warmtetoolbox.site import entry_pages
from warmtetoolbox.site import pages as pages_module
from warmtetoolbox.site.html_blocks import restore
from warmtetoolbox.site.rendering import environment, render

TODAY = date(2026, 11, 30)


def test_a_marked_block_becomes_a_placeholder_and_comes_back():
    template = environment().from_string(
        "# Kop\n\n{% filter html_block %}\n<ul><li>{{ x }}</li></ul>\n{% endfilter %}\n\nTekst\n"
    )
    plain = template.render(x="<b>&")
    assert plain == "# Kop\n\n<ul><li>&lt;b&gt;&amp;</li></ul>\n\nTekst\n"
    collected: list[str] = []
    text = template.render(x="<b>&", _html_blocks=collected)
    assert collected == ["<ul><li>&lt;b&gt;&amp;</li></ul>"]
    assert "<ul>" not in text and "&lt;" not in text
    assert re.fullmatch(r"# Kop\n\nwtbhtml[0-9a-f]{16}x0\n\nTekst\n", text)  # one plain word
    assert restore(text, tuple(collected)) == plain


def test_a_placeholder_written_in_an_entry_is_left_alone(real_pages):
    """The key is random per process: text in an entry cannot pull a block in."""
    page = next(p for p in _generate(real_pages) if p.html_blocks)
    key = re.search(r"wtbhtml([0-9a-f]{16})x0", page.content).group(1)
    assert key != "0" * 16
    forged = "<p>wtbhtml0000000000000000x0</p>"
    assert restore(forged, page.html_blocks) == forged
    beyond = f"<p>wtbhtml{key}x{len(page.html_blocks)}</p>"
    assert restore(beyond, page.html_blocks) == beyond
    assert restore(f"<p>wtbhtml{key}x0</p>\n<p>b</p>", page.html_blocks).endswith("\n\n<p>b</p>")
    assert restore("geen blokken", ()) == "geen blokken"


@pytest.fixture(scope="module")
def real_pages():
    corpus = load_toolbox(REPO / "toolbox", today=TODAY).corpus
    history = read_history(REPO / "toolbox", corpus, TODAY)
    reuse = compute(corpus, TODAY)
    return corpus, history, reuse


def _generate(real_pages, tails=False):
    corpus, history, reuse = real_pages
    return pages_module.generate(
        corpus, TODAY, {}, reuse, internal=True, history=history, tails=tails
    )


@pytest.mark.parametrize("tails", [False, True])
def test_entry_pages_read_the_same_with_and_without_blocks(real_pages, monkeypatch, tails):
    with_blocks = {p.src_path: p for p in _generate(real_pages, tails)}
    if tails:  # every entry page and every version page ends in a tail
        assert all(p.tail for p in with_blocks.values() if p.is_entry)

    def plain(name, **context):
        return render(name, **context), ()

    monkeypatch.setattr(pages_module, "render_with_blocks", plain)
    monkeypatch.setattr(entry_pages, "render_with_blocks", plain)
    without = {p.src_path: p for p in _generate(real_pages, tails=False)}
    assert with_blocks.keys() == without.keys()
    entries = [path for path, page in with_blocks.items() if page.html_blocks]
    assert len(entries) > 50  # every entry page and every version page
    assert any("/v1/" in path or path.endswith("v1.md") for path in entries)
    for path, page in with_blocks.items():
        assert page.text() == without[path].content, path


def _settings() -> tuple[list, dict]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    names, settings = [], {}
    for item in config["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        names.append(name)
        if isinstance(item, dict):
            settings[name] = item[name]
    return names, settings


def _markdown() -> markdown.Markdown:
    names, settings = _settings()
    return markdown.Markdown(extensions=names, extension_configs=settings)


def _convert(text: str) -> tuple[str, list]:
    md = _markdown()
    return md.convert(text), md.toc_tokens


def _flat(items) -> list:
    return [(i.title, i.id, i.level, _flat(i.children)) for i in items]


def test_the_tail_gives_the_html_and_the_contents_markdown_gives(real_pages):
    """Every entry and version page of the real toolbox: the tail added after Markdown
    reads exactly as Markdown made it, and its headings sit in the table of contents
    where Markdown put them."""
    from mkdocs.structure.toc import get_toc
    from warmtetoolbox.site.page_tail import TailFormat, add_to_toc

    form = TailFormat(_convert)
    assert form.usable
    checked = 0
    for page in _generate(real_pages, tails=True):
        if not page.tail:
            continue
        whole, whole_toc = _convert(_body(page.text()))
        _, rest_toc = _convert(_body(restore(page.content, page.html_blocks)))
        html, tokens = form.attach(_convert(_body(page.content))[0], page.tail)
        assert restore(html, page.html_blocks) == whole, page.src_path
        toc = get_toc(rest_toc)
        add_to_toc(toc, get_toc(tokens))
        assert _flat(toc) == _flat(get_toc(whole_toc)), page.src_path
        checked += 1
    assert checked > 50


def _body(text: str) -> str:
    return text.split("\n---\n", 1)[1] if text.startswith("---") else text


def test_markdown_gives_the_same_html_when_blocks_skip_it(real_pages):
    """The speed-up rests on this: Python-Markdown passes the blocks through unchanged."""
    md = _markdown()
    checked = 0
    for page in _generate(real_pages):
        if not page.html_blocks:
            continue
        md.reset()
        whole = md.convert(_body(page.text()))
        md.reset()
        assert restore(md.convert(_body(page.content)), page.html_blocks) == whole, page.src_path
        checked += 1
    assert checked > 50


def test_no_placeholder_reaches_a_built_page(tmp_path: Path):
    from conftest import FIXTURE_TOOLBOX
    from sitecheck import mkdocs_build

    site = tmp_path / "site"
    assert mkdocs_build(FIXTURE_TOOLBOX, site, edition="internal").returncode == 0
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert "wtbhtml" not in page.read_text(encoding="utf-8"), page
    entry = (site / "vragen" / "wat-kost-aansluiten-op-een-warmtenet" / "index.html").read_text()
    assert '<dl class="wtb-meta">' in entry and '<ul class="wtb-sources">' in entry


# Bodies `check` accepts that open HTML constructs Markdown looks for the end of.
HOSTILE_ENDINGS = [
    "\n\nZie ook de notitie.\n\n<!-- nog aanvullen\n",
    "\n\nIn een webpagina begint `<!--` een commentaar.\n",
    "\n\nEen regel met <!-- erin en verder niets.\n",
]


@pytest.mark.parametrize("ending", HOSTILE_ENDINGS)
def test_an_unclosed_construct_in_a_body_loses_nothing(real_pages, ending):
    """Reproduces a review finding: a placeholder written as an HTML comment closed an
    entry's unclosed '<!--', and everything after it (sources, "Over dit item") vanished."""
    from dataclasses import replace

    from warmtetoolbox.model.entries import Corpus

    corpus = real_pages[0]
    entry = next(e for e in corpus if e.sources and e.type == "aanpak")
    changed = replace(entry, body=entry.body + ending)
    corpus = Corpus(tuple(changed if e.id == entry.id else e for e in corpus), corpus.taxonomy)
    page = next(p for p in pages_module.generate(corpus, TODAY, {}) if p.src_path == entry.src_path)
    md = _markdown()
    whole = md.convert(_body(page.text()))
    md.reset()
    skipped = restore(md.convert(_body(page.content)), page.html_blocks)
    assert skipped == whole
    assert "wtb-meta" in skipped and "wtb-sources" in skipped
