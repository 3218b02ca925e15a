"""Ready-made HTML blocks skip Markdown and come back unchanged."""

from __future__ import annotations

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
    assert "<ul>" not in text and "&lt;!--" not in text  # a comment, not escaped text
    assert text.startswith("# Kop\n\n<!--wtb-html-") and text.endswith("-->\n\nTekst\n")
    assert restore(text, tuple(collected)) == plain


def test_a_placeholder_written_in_an_entry_is_left_alone(real_pages):
    """The key is random per process: text in an entry cannot pull a block in."""
    page = next(p for p in _generate(real_pages) if p.html_blocks)
    key = page.content.split("<!--wtb-html-", 1)[1].split("-", 1)[0]
    assert len(key) == 16 and key != "0" * 16
    forged = "<!--wtb-html-0000000000000000-0-->"
    assert restore(forged, page.html_blocks) == forged
    beyond = f"<!--wtb-html-{key}-{len(page.html_blocks)}-->"
    assert restore(beyond, page.html_blocks) == beyond
    assert restore("geen blokken", ()) == "geen blokken"


@pytest.fixture(scope="module")
def real_pages():
    corpus = load_toolbox(REPO / "toolbox", today=TODAY).corpus
    history = read_history(REPO / "toolbox", corpus, TODAY)
    reuse = compute(corpus, TODAY)
    return corpus, history, reuse


def _generate(real_pages):
    corpus, history, reuse = real_pages
    return pages_module.generate(corpus, TODAY, {}, reuse, internal=True, history=history)


def test_entry_pages_read_the_same_with_and_without_blocks(real_pages, monkeypatch):
    with_blocks = {p.src_path: p for p in _generate(real_pages)}

    def plain(name, **context):
        return render(name, **context), ()

    monkeypatch.setattr(pages_module, "render_with_blocks", plain)
    monkeypatch.setattr(entry_pages, "render_with_blocks", plain)
    without = {p.src_path: p for p in _generate(real_pages)}
    assert with_blocks.keys() == without.keys()
    entries = [path for path, page in with_blocks.items() if page.html_blocks]
    assert len(entries) > 50  # every entry page and every version page
    assert any("/v1/" in path or path.endswith("v1.md") for path in entries)
    for path, page in with_blocks.items():
        assert page.text() == without[path].content, path


def _markdown() -> markdown.Markdown:
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
    return markdown.Markdown(extensions=names, extension_configs=settings)


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
        assert "wtb-html-" not in page.read_text(encoding="utf-8"), page
    entry = (site / "vragen" / "wat-kost-aansluiten-op-een-warmtenet" / "index.html").read_text()
    assert '<dl class="wtb-meta">' in entry and '<ul class="wtb-sources">' in entry
