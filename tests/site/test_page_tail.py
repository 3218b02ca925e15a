"""An entry page's last sections, added after Markdown exactly as Markdown makes them."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.structure.toc import get_toc
from warmtetoolbox.site.html_blocks import placeholder
from warmtetoolbox.site.page_tail import TailFormat, add_to_toc
from warmtetoolbox.site.rendering import environment

EXTENSIONS = ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
SETTINGS = {"toc": {"permalink": True, "permalink_title": "Vaste link naar deze sectie"}}


def convert(text: str):
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=SETTINGS)
    return md.convert(text), md.toc_tokens


FORMAT = TailFormat(convert)
TAIL = f"\n## Bronnen\n\n{placeholder(3)}\n\n## Over dit item\n\n{placeholder(4)}\n"


@pytest.mark.parametrize(
    "body",
    [
        "Tekst.",
        "## Bronnen\n\nEen eigen kop met de naam van een staartkop.",
        "Met een voetnoot[^1].\n\n[^1]: De noot.",
        "## Over dit item {#bronnen}\n\nEen id die een staartkop zou krijgen.",
        "",
    ],
)
def test_the_tail_reads_as_markdown_makes_it(body):
    assert FORMAT.usable
    whole, whole_toc = convert(body + "\n\n" + TAIL)
    rest, rest_toc = convert(body)
    html, tokens = FORMAT.attach(rest, TAIL)
    assert html == whole
    toc = get_toc(rest_toc)
    add_to_toc(toc, get_toc(tokens))
    assert str(toc) == str(get_toc(whole_toc))
    assert getattr(toc.items[0], "active", False) is True


def test_a_heading_the_body_has_gets_the_next_free_id():
    html, tokens = FORMAT.attach(convert("## Bronnen\n\nTekst.")[0], TAIL)
    assert [t["id"] for t in tokens] == ["bronnen_1", "over-dit-item"]
    assert 'id="bronnen_1"' in html and 'href="#bronnen_1"' in html


def test_a_section_of_another_shape_stays_in_the_markdown():
    template = environment().from_string(
        "Tekst\n{% filter html_tail %}\n## Bronnen\n\nGewone tekst in de staart.\n{% endfilter %}"
    )
    tails: list[str] = []
    text = template.render(_html_blocks=[], _html_tail=tails)
    assert tails == [] and "Gewone tekst in de staart." in text


def test_a_markdown_that_makes_headings_otherwise_is_not_imitated():
    def other(text: str):  # headings carry the length of the whole document
        html, tokens = convert(text)
        return html.replace("<h2", f"<h2 data-lengte='{len(text)}'"), tokens

    odd = TailFormat(other)
    assert not odd.usable
    with pytest.raises(ValueError):
        odd.attach("<p>Tekst.</p>", TAIL)


def test_headings_nest_under_the_last_heading_of_a_lower_level():
    rest, rest_toc = convert("# Titel\n\n## Eerste\n\nTekst.")
    _, tokens = FORMAT.attach(rest, TAIL)
    toc = get_toc(rest_toc)
    add_to_toc(toc, get_toc(tokens))
    whole_toc = convert("# Titel\n\n## Eerste\n\nTekst.\n\n" + TAIL)[1]
    assert str(toc) == str(get_toc(whole_toc))
    assert [c.title for c in toc.items[0].children] == ["Eerste", "Bronnen", "Over dit item"]
