"""An entry page's last sections, added after Markdown exactly as Markdown makes them."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.structure.toc import get_toc
from warmtetoolbox.site.html_blocks import placeholder
from warmtetoolbox.site.page_tail import MARKER, PageTails, TailFormat, add_to_toc
from warmtetoolbox.site.rendering import environment

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "toc"]
SETTINGS = {"toc": {"permalink": True, "permalink_title": "Vaste link naar deze sectie"}}


def convert(text: str):
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=SETTINGS)
    return md.convert(text), md.toc_tokens


FORMAT = TailFormat(convert)
TAIL = f"\n## Bronnen\n\n{placeholder(3)}\n\n## Over dit item\n\n{placeholder(4)}\n"
BODIES = [
    "Tekst.",
    "## Bronnen\n\nEen eigen kop met de naam van een staartkop.",
    "Met een voetnoot[^1].\n\n[^1]: De noot.",
    "## Over dit item {#bronnen}\n\nEen id die een staartkop zou krijgen.",
    "",
    "<details>\n<summary>Meer</summary>\n\nTekst.\n\n</details>",  # ends in raw HTML
    "Tekst.\n\n<!-- nog aanvullen -->",
    # the footnotes marker and a section for municipalities at the end (review finding)
    "Tekst[^1].\n\n///Footnotes Go Here///\n\n[^1]: Noot.\n\n"
    '<div class="wtb-for-municipalities" markdown="1">\n\nVoor gemeenten.\n\n</div>',
    'Een code `<h2 id="bronnen">` in de tekst is geen id.',
    "# Titel\n\n## Eerste\n\nTekst.",
]


def build(body: str, tails: PageTails | None = None):
    """The page as Markdown makes it whole, and as made with the tail added after."""
    whole, whole_toc = convert(body + "\n\n" + TAIL)
    marked = f"{body}\n\n{MARKER}\n"
    rest, rest_toc = convert(marked)
    html, tokens = FORMAT.attach(rest, TAIL)
    toc = get_toc(rest_toc)
    add_to_toc(toc, get_toc(tokens))
    return (whole, get_toc(whole_toc)), (html, toc)


def shape(items) -> list:
    return [(i.title, i.id, i.level, getattr(i, "active", False), shape(i.children)) for i in items]


@pytest.mark.parametrize("body", BODIES)
def test_the_tail_reads_as_markdown_makes_it(body):
    assert FORMAT.usable
    (whole, whole_toc), (html, toc) = build(body)
    assert html == whole
    assert shape(toc) == shape(whole_toc)  # nesting, ids and the one active item


def test_a_heading_the_body_has_gets_the_next_free_id():
    _, tokens = FORMAT.attach(convert(f"## Bronnen\n\nTekst.\n\n{MARKER}\n")[0], TAIL)
    assert [t["id"] for t in tokens] == ["bronnen_1", "over-dit-item"]


def test_a_section_of_another_shape_stays_in_the_markdown():
    template = environment().from_string(
        "Tekst\n{% filter html_tail %}\n## Bronnen\n\nGewone tekst in de staart.\n{% endfilter %}"
    )
    tails: list[str] = []
    text = template.render(_html_blocks=[], _html_tail=tails)
    assert tails == [] and "Gewone tekst in de staart." in text
    squeezed = f"\n## Bronnen\n{placeholder(1)}\n{placeholder(2)}\n"  # one paragraph
    template = environment().from_string("Tekst\n{% filter html_tail %}{{ t }}{% endfilter %}")
    assert template.render(t=squeezed, _html_blocks=[], _html_tail=tails) and tails == []


def test_a_markdown_that_makes_headings_otherwise_gets_the_tail_itself():
    def other(text: str):  # headings carry the length of the whole document
        html, tokens = convert(text)
        return html.replace("<h2", f"<h2 data-lengte='{len(text)}'"), tokens

    odd = TailFormat(other)
    assert not odd.usable
    with pytest.raises(ValueError):
        odd.attach(f"<p>{MARKER}</p>", TAIL)
    tails = PageTails({"a.md": TAIL})
    tails.format = odd
    assert tails.attach("a.md", f"<p>{MARKER}</p>") is None
    text = tails.markdown("a.md", f"Tekst.\n\n{MARKER}\n")
    assert MARKER not in text and "## Over dit item" in text
    assert tails.markdown("b.md", "Ander.") == "Ander."


def test_the_build_learns_the_format_from_the_final_settings():
    tails = PageTails({"a.md": TAIL})
    assert tails.attach("a.md", f"<p>{MARKER}</p>") is None  # not learned yet: in Markdown
    assert "## Bronnen" in tails.markdown("a.md", f"{MARKER}\n")
    tails.learn(EXTENSIONS, {"toc": {"permalink": "#"}})
    html, _ = tails.attach("a.md", f"<p>{MARKER}</p>")
    assert 'class="headerlink" href="#bronnen" title="Permanent link">#</a>' in html


def test_an_entry_that_defines_abbreviations_keeps_its_tail_in_the_markdown():
    from dataclasses import replace
    from datetime import date

    from conftest import FIXTURE_TOOLBOX
    from warmtetoolbox.model.entries import Corpus
    from warmtetoolbox.model.loading import load_toolbox
    from warmtetoolbox.site.pages import generate

    corpus = load_toolbox(FIXTURE_TOOLBOX, today=date(2026, 6, 1)).corpus
    entry = next(e for e in corpus if e.sources)
    changed = replace(entry, body=entry.body + "\n\n*[ook]: overigens\n")
    corpus = Corpus(tuple(changed if e.id == entry.id else e for e in corpus), corpus.taxonomy)
    pages = {p.src_path: p for p in generate(corpus, date(2026, 6, 1), tails=True)}
    assert pages[entry.src_path].tail == "" and MARKER not in pages[entry.src_path].content
    assert any(p.tail for p in pages.values())


@pytest.mark.build
def test_a_built_entry_page_lists_its_last_sections_in_its_contents(tmp_path):
    """The front end's part: the tail's headings reach the page, its table of contents
    (Material's sidebar) and the anchors other pages may link to."""
    from conftest import FIXTURE_TOOLBOX
    from sitecheck import mkdocs_build

    out = tmp_path / "site"
    result = mkdocs_build(FIXTURE_TOOLBOX, out)
    assert result.returncode == 0, result.stderr
    page = (out / "vragen" / "wat-kost-aansluiten-op-een-warmtenet" / "index.html").read_text()
    assert MARKER not in page and "wtbtail" not in page
    toc = page[page.index('aria-label="Inhoudsopgave"') :]
    for anchor in ("bronnen", "over-dit-item", "versiegeschiedenis"):
        assert f'id="{anchor}"' in page
        assert f'href="#{anchor}"' in toc[: toc.index("</nav>")]
