"""The CSP scan skips plain start tags, end tags outside raw text and line counting: it
must find exactly what html.parser finds."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import FIXTURE_TOOLBOX
from sitecheck import mkdocs_build
from warmtetoolbox.site import csp


class _Stock(csp._InlineCode):
    parse_starttag = HTMLParser.parse_starttag  # every tag parsed in full
    parse_endtag = HTMLParser.parse_endtag
    updatepos = HTMLParser.updatepos


def stock(html: str) -> tuple[list[str], list[str]]:
    parser = _Stock()
    parser.feed(html)
    parser.close()
    return parser.scripts, parser.handlers


TRICKY = [
    '<a title="x>y" onclick="z">t</a>',
    "<div/onclick=x>",
    "<DIV ONCLICK=x>",
    "<b onload>",
    "<a href=x\tonmouseover=y>",
    "<a\nonclick='1'>",
    '<a x="1"onclick="2">',
    "<img src=x onerror=y/>",
    "<p>on= x, ons, onderwerp</p>",
    "<SCRIPT>alert(1)</SCRIPT>",
    '<style>a{}</style><script type="module">x</script>',
    '<script type="application/json">{"a": 1}</script><script>y',
    "<scripts onx=1><script/>",
    "<svg><script>z</script></svg>",
    '<a title="<script>x</script>">k</a>',
    "<!-- <script>c</script> --><p>t</p>",
    "<p a=1 b='2' c=\"3\" d>tekst</p><br/><hr />",
    # end tags: malformed ones, and ones that end or do not end raw text
    "</ div><script>a</script>",
    "</><script>b</script>",
    "</1 x><script>c</script>",
    '</a title=">"><script>d</script>',
    "<script>e</SCRIPT ><script>f</script>",
    "<script>g</scriptx></script><p>t</p>",
    "<style></a></style><script>h</script>",
    "<script>i</style></script>",
    "<p>open</p",
    "<script>j</script",
    "</p\n><b onclick=k>",
    # an end tag with a quoted '>' (newer html.parser versions and browsers read it whole)
    '</p title="><!--"><script>evil()</script><!-- -->',
    "</p title='>'><b onclick=x>",
]


@pytest.mark.parametrize("html", TRICKY)
def test_scan_finds_what_the_full_parse_finds(html):
    assert csp.inline_code(html) == stock(html)


def test_scan_of_real_pages_matches_the_full_parse(tmp_path):
    site = tmp_path / "site"
    assert mkdocs_build(FIXTURE_TOOLBOX, site).returncode == 0
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert csp.inline_code(html) == stock(html), page
