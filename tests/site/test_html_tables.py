"""Every table in a page gets its own labelled, focusable scroll region (WCAG 1.4.10
Reflow), in one linear pass; body cells learn their column's header for card layouts."""

from __future__ import annotations

import re

from warmtetoolbox.site.html_tables import wrap_tables

TABLE = (
    '<table class="wtb-asked"><thead><tr><th scope="col">Gemeente</th>'
    '<th scope="col">Jaar</th><th>Wijk</th></tr></thead>'
    "<tbody><tr><td>Beekzande</td><td>2024</td><td>Beekdal</td></tr></tbody></table>"
)


def test_a_table_is_wrapped_in_a_labelled_focusable_region():
    out = wrap_tables("<p>voor</p>" + TABLE + "<p>na</p>")
    assert out.startswith(
        '<p>voor</p><div class="wtb-table" role="region" tabindex="0" '
        'aria-label="Tabel: Gemeente, Jaar, Wijk"><table class="wtb-asked">'
    )
    assert out.endswith("</table></div><p>na</p>")


def test_the_caption_names_the_region_and_markup_in_it_is_dropped():
    html = (
        '<table><caption>Aantal per <abbr title="x">WUP</abbr> &amp; "jaar"</caption>'
        "<tr><th>A</th></tr></table>"
    )
    out = wrap_tables(html)
    assert 'aria-label="Tabel: Aantal per WUP &amp; &quot;jaar&quot;"' in out


def test_body_cells_carry_their_column_header():
    out = wrap_tables(TABLE)
    assert '<td data-label="Gemeente">Beekzande</td>' in out
    assert '<td data-label="Jaar">2024</td>' in out
    assert '<td data-label="Wijk">Beekdal</td>' in out


def test_colspan_moves_the_column_and_existing_labels_stay():
    html = (
        "<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody>"
        '<tr><td colspan="2">ab</td><td data-label="eigen">c</td></tr>'
        '<tr><th scope="row">a</th><td>b</td><td>c</td><td>extra</td></tr></tbody></table>'
    )
    out = wrap_tables(html)
    assert '<td colspan="2" data-label="A">ab</td>' in out
    assert '<td data-label="eigen">c</td>' in out
    assert '<th scope="row" data-label="A">a</th><td data-label="B">b</td>' in out
    assert "<td>extra</td>" in out


def test_nested_tables_get_one_region_and_header_less_tables_a_plain_label():
    html = "<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>"
    out = wrap_tables(html)
    assert out.count('class="wtb-table"') == 1
    assert 'aria-label="Tabel"' in out
    assert out.endswith("</table></td></tr></table></div>")


def test_tables_in_code_and_already_wrapped_tables_are_left_alone():
    code = "<pre><code>&lt;table&gt;</code></pre><code><table></code>"
    assert wrap_tables(code) == code
    once = wrap_tables(TABLE)
    assert wrap_tables(once) == once


def test_a_page_without_tables_or_with_broken_markup_is_unchanged_or_closed():
    assert wrap_tables("<p>a < b <c</p>") == "<p>a < b <c</p>"
    out = wrap_tables("<p>x</p><table><tr><th>A</th></tr>")
    assert out.count("<div") == out.count("</div>") == 1


def test_long_labels_are_shortened():
    heads = "".join(f"<th>Kolom {i}</th>" for i in range(40))
    out = wrap_tables(f"<table><tr>{heads}</tr></table>")
    label = re.search(r'aria-label="([^"]*)"', out).group(1)
    assert label == "Tabel: Kolom 0, Kolom 1, Kolom 2, …"


def test_many_tables_and_unclosed_brackets_stay_linear():
    html = TABLE * 5_000 + "<a" * 50_000
    out = wrap_tables(html)
    assert out.count('<div class="wtb-table"') == 5_000
