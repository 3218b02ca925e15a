"""The pages of one entry: its page, one page per published version, and redirects
from its former addresses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..history.versions import compare, redirects
from ..model import schema
from ..model.entries import Entry
from .csp import policy
from .editions import is_example
from .entry_body import split_body
from .generated import GeneratedPage
from .rendering import render, render_with_blocks, render_with_tail
from .site_context import SiteContext
from .urls import relative


def asked_rows(entry: Entry, taxonomy, examples: bool = True) -> list[dict]:
    """The ``asked_in`` table of a question, with Dutch place names; without records of
    fictional example places unless ``examples`` (the internal edition; old versions
    from git still hold them, so this is checked here as well as in the edition)."""
    rows = []
    for asked in entry.asked_in:
        if not examples and is_example(taxonomy, asked.municipality):
            continue
        place = taxonomy.municipalities.get(asked.municipality)
        region = taxonomy.regions.get(place.region) if place and place.region else None
        rows.append(
            {
                "municipality": place.label if place else asked.municipality,
                "region": region.label if region else "",
                "example": bool(place and place.example),
                "year": asked.year,
                "neighbourhood": asked.neighbourhood or "",
                "context": asked.context or "",
            }
        )
    return rows


def similar_entries(entry: Entry, site: SiteContext) -> tuple[Entry, ...]:
    """Similar entries from the search index, minus those already listed as related."""
    shown = {entry.id, *entry.related}
    ids = site.similar.get(entry.id, ())
    return tuple(e for i in ids if i not in shown and (e := site.corpus.get(i)) is not None)


def entry_page(entry: Entry, site: SiteContext) -> GeneratedPage:
    site = site.at(entry.src_path)
    content, blocks, tail = _render_entry(
        **_entry_context(entry, site),
        related=site.corpus.related_to(entry),
        referenced_by=site.corpus.referenced_by(entry),
        similar=similar_entries(entry, site),
        history_rows=history_rows(entry, site),
        version_page=None,
        comparison=None,
    )
    return GeneratedPage(
        entry.src_path, content, is_entry=True, source=entry.path, html_blocks=blocks, tail=tail
    )


_ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:", re.M)


def _render_entry(**context) -> tuple[str, tuple[str, ...], str]:
    # abbreviations an entry defines apply to the whole page, its last headings too
    if context["site"].tails and not _ABBREVIATION.search(context["entry"].body):
        return render_with_tail("entry.md.j2", **context)
    return (*render_with_blocks("entry.md.j2", **context), "")


def _entry_context(entry: Entry, site: SiteContext) -> dict:
    return {
        "site": site,
        "entry": entry,
        "entry_type": schema.TYPES[entry.type],
        "asked": asked_rows(entry, site.taxonomy, examples=site.every_version),
        "body": split_body(entry.body),
        "replaced_by": site.corpus.get(entry.replaced_by) if entry.replaced_by else None,
    }


@dataclass(frozen=True)
class HistoryRow:
    number: int
    date: date
    summary: str
    url: str | None
    current: bool


def history_rows(entry: Entry, site: SiteContext, upto: int | None = None) -> list[HistoryRow]:
    """The entry's change list and published versions, newest first.

    Fails closed: outside the internal edition an older version's change line appears
    only when git shows that version and the edition includes it. A version that was
    internal at the time, that no longer validates, or that git cannot show (a shallow
    clone, a copy without ``.git``) publishes nothing of itself, its summary included.
    """
    published = {v.number: v for v in site.versions_of(entry)}
    rows = {
        c.version: HistoryRow(c.version, c.date, c.summary, None, c.version == entry.version)
        for c in entry.changes
        if site.every_version or c.version == entry.version or c.version in published
    }
    for number, version in published.items():
        row = rows.get(number)
        rows[number] = HistoryRow(
            number,
            row.date if row else version.entry.updated,
            row.summary if row else version.summary,
            version.url,
            version.current,
        )
    limit = upto if upto is not None else entry.version
    return [rows[n] for n in sorted(rows, reverse=True) if n <= limit]


def version_pages(current: Entry, site: SiteContext) -> list[GeneratedPage]:
    """One page per published version of ``current``, each with a comparison."""
    published = site.versions_of(current)
    if len(published) == 1:
        # Only the current version: its permanent address leads to the entry page
        # (a light redirect instead of a second copy of the page).
        only = published[0]
        old_path = only.src_path.removesuffix(".md") + "/index.html"
        target = relative(old_path.replace("index.html", "index.md"), current.url)
        html = render("redirect.html.j2", target=target, entry=current, csp=policy(""))
        return [GeneratedPage(old_path, html)]
    pages = []
    for index, version in enumerate(published):
        here = site.at(version.src_path)
        previous = published[index - 1] if index else None
        content, blocks, tail = _render_entry(
            **_entry_context(version.entry, here),
            related=(),
            referenced_by=(),
            similar=(),
            history_rows=history_rows(current, site, upto=version.number),
            version_page={
                "number": version.number,
                "current": version.current,
                "current_number": current.version,
                "current_url": current.url,
            },
            comparison=compare(previous, version) if previous else None,
            comparison_url=previous.url if previous else "",
        )
        pages.append(
            GeneratedPage(version.src_path, content, is_entry=True, html_blocks=blocks, tail=tail)
        )
    return pages


def redirect_pages(entry: Entry, site: SiteContext) -> list[GeneratedPage]:
    pages = []
    for old_path, new_url in redirects(entry):
        target = relative(old_path.replace("index.html", "index.md"), new_url)
        pages.append(
            GeneratedPage(
                old_path, render("redirect.html.j2", target=target, entry=entry, csp=policy(""))
            )
        )
    return pages
