"""The CSP scan skips plain start tags, end tags outside raw text and line counting: it
must find exactly what html.parser finds."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from conftest import FIXTURE_TOOLBOX
from sitecheck import mkdocs_build
from warmtetoolbox.site import csp, inline_scan


class _Stock(inline_scan._InlineCode):
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
    assert inline_scan.inline_code(html) == stock(html)


def test_scan_of_real_pages_matches_the_full_parse(tmp_path):
    site = tmp_path / "site"
    assert mkdocs_build(FIXTURE_TOOLBOX, site).returncode == 0
    pages = sorted(site.rglob("*.html"))
    assert pages
    memo = inline_scan.SegmentMemo()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert inline_scan.inline_code(html) == stock(html), page
        assert inline_scan.inline_code(html, memo) == stock(html), page
    # the theme's navigation, header and footer recur: most of it was not read again
    assert memo.skipped > 0.3 * sum(len(p.read_text(encoding="utf-8")) for p in pages)


# theme-like parts that recur on every page, around a page's own content
_NAV = '<nav class="md-nav"><a href="../">Start</a><script>theme()</script></nav>\n'
_FOOTER = '<footer class="md-footer"><a href="../over/">Over</a></footer>\n'
_PAGE = "<html><head><title>t</title></head><body><header>h</header>{}<article>{}</article>{}</body></html>"


@pytest.mark.parametrize("html", TRICKY)
def test_a_segment_read_before_is_skipped_only_where_it_reads_the_same(html):
    """The memo keeps the theme's parts once met twice; a page with hostile content
    around or between them gives exactly what a full parse gives, every time."""
    memo = inline_scan.SegmentMemo()
    pages = [
        _PAGE.format(_NAV, html, _FOOTER),
        _PAGE.format(_NAV, "<p>gewoon</p>", _FOOTER),
        _PAGE.format(html, _NAV, _FOOTER),  # the content before the kept part
        _PAGE.format(_NAV + html, _NAV, html + _FOOTER),
    ]
    for _ in range(3):
        for page in pages:
            assert inline_scan.inline_code(page, memo) == stock(page), page


@pytest.mark.parametrize(
    "opening, closing",
    [
        ('<script>var x = "', '"; evil()</script>'),  # the kept part inside a script
        ("<!-- ", " --><script>evil()</script>"),  # inside a comment
        ("<style>", "</style><b onclick=x>"),
        ('<a title="', '">k</a><script>evil()</script>'),  # inside an attribute
        ("<textarea>", "</textarea><script>evil()</script>"),
    ],
)
def test_a_kept_segment_inside_unfinished_markup_is_read_again(opening, closing):
    memo = inline_scan.SegmentMemo()
    plain = _PAGE.format(_NAV, "<p>x</p>", _FOOTER)
    for _ in range(3):  # the navigation and footer are kept now
        assert inline_scan.inline_code(plain, memo) == stock(plain)
    skipped = memo.skipped
    hostile = _PAGE.format(opening + _NAV, "<p>y</p>", _FOOTER + closing)
    assert inline_scan.inline_code(hostile, memo) == stock(hostile)
    assert memo.skipped > skipped  # what follows the markup is still skipped


def test_a_kept_segment_brings_its_findings_along():
    memo = inline_scan.SegmentMemo()
    handler = '<nav class="md-nav"><b onclick="x()">k</b></nav>'
    page = _PAGE.format(handler, "<p>x</p>", _FOOTER)
    for _ in range(3):
        scripts, handlers = inline_scan.inline_code(page, memo)
        assert handlers == ["<b onclick=…>"] and scripts == []
    assert memo.skipped > 0
    problem = csp.foreign_code(page, frozenset(), "x.html", memo)
    assert problem and "onclick" in problem


@pytest.mark.parametrize(
    "text",
    ["&#&#", "&#x", "&#X;", "&#", "a &# b", "&#xZ", "&#-1;", "&am", "&#12", "&"],
)
def test_a_broken_character_reference_hides_nothing_after_it(text):
    """html.parser stops reading at a '&#' that is no character reference and, at the
    end, takes the rest as text: a script or handler after it would pass unseen."""
    for html in (
        f"<p>{text}</p><b onclick=evil()>x</b><script>evil()</script>",
        f'<p title="{text}">{text}</p><script>evil()</script><b onclick=evil()>x</b>',
    ):
        assert inline_scan.inline_code(html) == (["evil()"], ["<b onclick=…>"]), html
        assert inline_scan.inline_code(html, inline_scan.SegmentMemo()) == (
            ["evil()"],
            ["<b onclick=…>"],
        )


# Markup that a browser reads differently from html.parser: each hides a script or an
# event handler that a browser runs. The scan must find it, or call the page unclear.
BROWSER_READS_OTHERWISE = [
    '<script src="a.js"></script x><img src=x onerror=evil()>',
    "<script src=a.js></script/><img src=x onerror=evil()>",
    "<style>p{}</style x><script>evil()</script>",
    "<style>p{}</STYLE\t><script>evil()</script>",
    "<!--><script>evil()</script>-->",
    "<!---><script>evil()</script>-->",
    "<!-- a --!><script>evil()</script>-->",
    "<![CDATA[ x > <script>evil()</script> ]]>",
    "<script src=a.js></script\v><!--</script><img src=x onerror=evil()>-->",
    "<svg><style><img src=x onerror=evil()></style></svg>",
    '<svg><script type="application/json"><b onclick=evil()>x</b></script></svg>',
    "<b\x00 onclick=evil()>x</b>",
    "<title><!--</title><script>evil()</script>-->",
    "<textarea><!--</textarea><script>evil()</script>-->",
    "<noscript><!--</noscript><img src=x onerror=evil()>-->",
    "<iframe><!--</iframe><script>evil()</script>-->",
    "<xmp><!--</xmp><script>evil()</script>-->",
    "<svg><title><b onclick=evil()>x</b></title></svg>",
    "<![foo[ x ]]><script>evil()</script>",
]


@pytest.mark.parametrize("html", BROWSER_READS_OTHERWISE)
def test_markup_a_browser_reads_otherwise_fails_the_page(html):
    page = f"<html><head></head><body><p>tekst</p>{html}<p>meer</p></body></html>"
    for memo in (None, inline_scan.SegmentMemo()):
        problem = csp.foreign_code(page, frozenset(), "x.html", memo)
        assert problem and problem.startswith("x.html: fout:"), (html, problem)


@pytest.mark.parametrize(
    "html",
    [
        "<title>Warmte &amp; <b>koude</b></title><p>x</p>",
        "<textarea>a < b</textarea><p>x</p>",
        "<noscript><p>zonder script</p></noscript>",
        '<svg viewBox="0 0 24 24"><path d="M1 1"/></svg><p>x</p>',
        "<!-- opmerking --><p>x</p><!---->",
        "<style>a{}</style ><script src=a.js></script >",
    ],
)
def test_ordinary_markup_passes(html):
    page = f"<html><head></head><body>{html}</body></html>"
    assert csp.foreign_code(page, frozenset(), "x.html") is None, html


def test_unclear_markup_gets_a_message_about_markup():
    problem = csp.foreign_code("<p>x</p><style>a{}</style x>", frozenset(), "docs/a.html")
    assert problem.startswith("docs/a.html: fout: de pagina bevat HTML die een browser")
    assert "</style x>" in problem and "extra_javascript" not in problem
