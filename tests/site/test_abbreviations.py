"""Abbreviation tooltips applied to finished HTML in one pass."""

from __future__ import annotations

from warmtetoolbox.site.abbreviations import Abbreviations

ABBR = Abbreviations(
    {"WUP": "wijkuitvoeringsplan", "SDE++": "Stimuleringsregeling", "ACM": 'A "quoted" <b>'}
)


def test_whole_words_in_text_get_a_title():
    html = ABBR.apply("<p>Een WUP, twee WUPs, geen XWUP en een WUP-fase.</p>")
    assert html.count("<abbr") == 2
    assert "WUPs" in html and "XWUP" in html
    assert '<p>Een <abbr title="wijkuitvoeringsplan">WUP</abbr>, twee WUPs' in html


def test_code_existing_abbr_and_attributes_stay_as_they_are():
    html = (
        '<p title="WUP"><code>WUP</code> <abbr title="x">WUP</abbr> '
        '<pre><span>WUP</span></pre> <a href="/WUP/">de WUP</a></p>'
    )
    out = ABBR.apply(html)
    assert out.count("<abbr") == 2  # only the existing one and the link text
    assert '<a href="/WUP/">de <abbr title="wijkuitvoeringsplan">WUP</abbr></a>' in out
    assert '<p title="WUP"><code>WUP</code>' in out


def test_titles_are_escaped_and_symbols_match():
    out = ABBR.apply("<p>De ACM en SDE++ subsidie.</p>")
    assert '<abbr title="A &quot;quoted&quot; &lt;b&gt;">ACM</abbr>' in out
    assert '<abbr title="Stimuleringsregeling">SDE++</abbr>' in out


def test_without_abbreviations_the_page_is_unchanged():
    html = "<p>WUP <<< a</p>"
    assert Abbreviations({}).apply(html) == html
    assert ABBR.apply("<p>a < b <c</p>") == "<p>a < b <c</p>"


def test_many_abbreviations_and_unclosed_brackets_are_handled():
    html = "<p>" + "De ACM en de WUP. " * 20_000 + "<a" * 50_000 + "</p>"
    out = ABBR.apply(html)
    assert out.count("<abbr") == 40_000


def test_terms_are_explained_once_per_page_in_running_text_only():
    terms = Abbreviations({"WUP": "wijkuitvoeringsplan"}, {"warmtenet": "Een net van buizen."})
    html = (
        "<h1>Een warmtenet</h1><p>Het Warmtenet en de WUP.</p>"
        '<p>Nog een warmtenet en <a href="#">warmtenet</a>.</p>'
    )
    out = terms.apply(html)
    assert out.count('class="wtb-term"') == 1
    assert "<h1>Een warmtenet</h1>" in out
    assert '<p>Het <abbr class="wtb-term" title="Een net van buizen.">Warmtenet</abbr>' in out
    assert '<abbr title="wijkuitvoeringsplan">WUP</abbr>' in out
    assert terms.apply(html).count('class="wtb-term"') == 1  # again for the next page
