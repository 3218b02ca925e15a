"""Pages and files of the reuse map: the page, the heatmap, question lists, open data."""

from __future__ import annotations

from ..reuse.reuse_map import FTE_HOURS, ReuseMap, to_csv, to_json
from .generated import GeneratedPage
from .rendering import render

REUSE_PAGE = "hergebruik/index.md"
RANKING_SIZE = 20
QUESTION_LIST_SIZE = 25
_EMPTY = (242, 242, 242)
_FULL = (138, 44, 13)


def _fill(count: int, highest: int) -> tuple[str, str]:
    """Cell colour and a text colour that stays readable on it."""
    share = count / highest if highest else 0.0
    rgb = [round(lo + (hi - lo) * share) for lo, hi in zip(_EMPTY, _FULL, strict=True)]
    luminance = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255
    ink = "#ffffff" if luminance < 0.6 else "#1a1a1a"
    return "#{:02x}{:02x}{:02x}".format(*rgb), ink


def heatmap_rows(reuse: ReuseMap, taxonomy) -> list[dict]:
    cells = reuse.theme_matrix()
    highest = max(cells.values(), default=0)
    rows = []
    for slug, questions in reuse.themes:
        if not questions:
            continue
        values = []
        for place in reuse.municipalities:
            count = cells.get((slug, place.slug), 0)
            fill, ink = _fill(count, highest)
            values.append({"count": count, "fill": fill, "ink": ink})
        rows.append(
            {
                "label": taxonomy.tags[slug].label,
                "values": values,
                "hours": reuse.savings_by_theme[slug].hours,
            }
        )
    return rows


def heatmap_svg(reuse: ReuseMap, rows: list[dict]) -> str:
    cell, left, top = 40, 190, 110
    return render(
        "heatmap.svg.j2",
        rows=rows,
        columns=reuse.municipalities,
        cell=cell,
        left=left,
        top=top,
        width=left + cell * max(len(reuse.municipalities), 1) + 20,
        height=top + cell * max(len(rows), 1) + 10,
    )


def reuse_pages(reuse: ReuseMap, site, show_duplicates: bool):
    """(src_path, content) for the reuse page, one question list per theme, and exports."""
    rows = heatmap_rows(reuse, site.taxonomy)
    page = render(
        "reuse.md.j2",
        site=site.at(REUSE_PAGE),
        reuse=reuse,
        rows=rows,
        svg=heatmap_svg(reuse, rows),
        fte_hours=FTE_HOURS,
        ranking_size=RANKING_SIZE,
        show_duplicates=show_duplicates,
    )
    yield GeneratedPage(REUSE_PAGE, page)
    for slug, questions in reuse.themes:
        if not questions:
            continue
        src = f"hergebruik/vragenlijst-{slug}.md"
        yield GeneratedPage(
            src,
            render(
                "question_list.md.j2",
                site=site.at(src),
                theme=site.taxonomy.tags[slug],
                questions=questions[:QUESTION_LIST_SIZE],
                example_data=reuse.example_data,
            ),
        )
    exported = reuse if show_duplicates else _without_duplicates(reuse)
    yield GeneratedPage("reuse.json", to_json(exported))
    yield GeneratedPage("reuse.csv", to_csv(exported, site.corpus))


def _without_duplicates(reuse: ReuseMap) -> ReuseMap:
    from dataclasses import replace

    return replace(reuse, duplicates=())
