"""Which pages the toolbox adds to a site, and what each one holds.

Every page is rendered from the loaded corpus through a Jinja template; nothing
here reads files. The result is a tuple of ``GeneratedPage`` that any static-site
front end can write out (the MkDocs adapter adds them as generated files).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from ..history.freshness import by_owner, stale_entries
from ..history.git_history import History
from ..history.versions import compare, published_versions, redirects
from ..model import schema
from ..model.entries import Corpus, Entry
from ..model.labels import AUDIENCE_PAGES
from ..reuse.reuse_map import ReuseMap
from .csp import policy
from .editions import is_example
from .entry_body import split_body
from .feeds import RECENT, change_items, feed_files
from .forge_links import Forge
from .generated import GeneratedPage
from .pagefind_index import SHARD_PAGES
from .rendering import render, render_with_blocks
from .residents import Explainer, resident_groups
from .reuse_pages import reuse_pages
from .site_search import search_pages
from .urls import relative

GLOSSARY_PAGE = "begrippen.md"
PHASES_PAGE = "fasen.md"
TAGS_INDEX = "tags/index.md"
FIELDS_PAGE = "bijdragen/velden.md"
PHASE_FACET = "fase"


@dataclass(frozen=True)
class SiteContext:
    """What every template may use besides its own page data."""

    corpus: Corpus
    today: date
    similar: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    src_path: str = ""
    history: History = field(default_factory=History)
    includes: Callable[[Entry], bool] = field(default=lambda entry: True)
    # True only in an edition that shows every entry (internal): there a change line may
    # appear without its version being established from git
    every_version: bool = False
    forge: Forge | None = None  # the repository: edit and issue links; None shows none

    def versions_of(self, entry: Entry):
        return published_versions(entry, self.history, self.includes)

    def at(self, src_path: str) -> SiteContext:
        return replace(self, src_path=src_path)

    def link(self, url: str) -> str:
        return relative(self.src_path, url)

    def entry_link(self, entry: Entry) -> str:
        return self.link(entry.url)

    def tag_link(self, slug: str) -> str:
        return self.link(f"tags/{slug}/")

    def audience_link(self, audience: str) -> str:
        return self.link(f"{AUDIENCE_PAGES[audience]}/")

    def type_label(self, entry: Entry) -> str:
        return schema.TYPES[entry.type].label

    @property
    def taxonomy(self):
        return self.corpus.taxonomy


def tag_src(slug: str) -> str:
    return f"tags/{slug}.md"


def group_by_type(entries) -> list[tuple[schema.EntryType, list[Entry]]]:
    groups = []
    for entry_type in schema.TYPES.values():
        members = sorted((e for e in entries if e.type == entry_type.folder), key=_title_key)
        if members:
            groups.append((entry_type, members))
    return groups


def _title_key(entry: Entry) -> str:
    return entry.title.casefold()


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
    content, blocks = render_with_blocks(
        "entry.md.j2",
        **_entry_context(entry, site),
        related=site.corpus.related_to(entry),
        referenced_by=site.corpus.referenced_by(entry),
        similar=similar_entries(entry, site),
        history_rows=history_rows(entry, site),
        version_page=None,
        comparison=None,
    )
    return GeneratedPage(
        entry.src_path, content, is_entry=True, source=entry.path, html_blocks=blocks
    )


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
        content, blocks = render_with_blocks(
            "entry.md.j2",
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
        pages.append(GeneratedPage(version.src_path, content, is_entry=True, html_blocks=blocks))
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


def _page(src: str, template: str, **context) -> GeneratedPage:
    """A generated page whose ``html_block`` blocks skip Markdown."""
    content, blocks = render_with_blocks(template, **context)
    return GeneratedPage(src, content, html_blocks=blocks)


def type_overview(entry_type: schema.EntryType, site: SiteContext) -> GeneratedPage:
    src = f"{entry_type.folder}/index.md"
    entries = sorted(site.corpus.of_type(entry_type.folder), key=_title_key)
    return _page(
        src, "type_overview.md.j2", site=site.at(src), entry_type=entry_type, entries=entries
    )


def tag_page(slug: str, site: SiteContext) -> GeneratedPage:
    src = tag_src(slug)
    tag = site.taxonomy.tags[slug]
    return _page(
        src,
        "tag.md.j2",
        site=site.at(src),
        tag=tag,
        facet=site.taxonomy.facet(tag.facet),
        groups=group_by_type(site.corpus.with_tag(slug)),
    )


def tags_index(site: SiteContext) -> GeneratedPage:
    counts = {slug: len(site.corpus.with_tag(slug)) for slug in site.taxonomy.tags}
    content = render("tags_index.md.j2", site=site.at(TAGS_INDEX), counts=counts)
    return GeneratedPage(TAGS_INDEX, content)


def audience_page(audience: str, site: SiteContext) -> GeneratedPage:
    src = f"{AUDIENCE_PAGES[audience]}.md"
    if audience == "residents":
        content = render(
            "residents.md.j2",
            site=site.at(src),
            audience=site.taxonomy.audiences[audience],
            groups=resident_groups(site.corpus.for_audience(audience)),
            explain=Explainer(site.taxonomy.abbreviations),
        )
        return GeneratedPage(src, content)
    return _page(
        src,
        "audience.md.j2",
        site=site.at(src),
        audience=site.taxonomy.audiences[audience],
        groups=group_by_type(site.corpus.for_audience(audience)),
    )


def phases_page(site: SiteContext) -> GeneratedPage:
    facet = site.taxonomy.facet(PHASE_FACET)
    phases = [
        (site.taxonomy.tags[slug], group_by_type(site.corpus.with_tag(slug)))
        for slug in (facet.tags if facet else ())
    ]
    return _page(PHASES_PAGE, "phases.md.j2", site=site.at(PHASES_PAGE), facet=facet, phases=phases)


def glossary_page(site: SiteContext) -> GeneratedPage:
    abbreviations = sorted(site.taxonomy.abbreviations.items(), key=lambda i: i[0].casefold())
    terms = sorted(site.taxonomy.terms.items(), key=lambda item: item[0].casefold())
    content = render(
        "glossary.md.j2", site=site.at(GLOSSARY_PAGE), terms=terms, abbreviations=abbreviations
    )
    return GeneratedPage(GLOSSARY_PAGE, content)


def fields_page(site: SiteContext) -> GeneratedPage:
    content = render(
        "fields.md.j2",
        site=site.at(FIELDS_PAGE),
        fields=schema.FIELDS,
        types=schema.TYPES,
        allowed_html=sorted(schema.ALLOWED_HTML_TAGS),
    )
    return GeneratedPage(FIELDS_PAGE, content)


def generate(
    corpus: Corpus,
    today: date,
    similar: Mapping[str, tuple[str, ...]] | None = None,
    reuse: ReuseMap | None = None,
    internal: bool = False,
    history: History | None = None,
    includes: Callable[[Entry], bool] | None = None,
    site_name: str = "Warmtetoolbox",
    site_url: str | None = None,
    forge: Forge | None = None,
    search_shard_pages: int = SHARD_PAGES,
) -> tuple[GeneratedPage, ...]:
    """Every page and data file the toolbox contributes to the site.

    ``similar`` maps an entry id to similar entries' ids (from the search index);
    ``reuse`` is the reuse map of ``corpus``; ``internal`` shows what only officers see;
    ``history`` holds earlier versions, of which ``includes`` (the edition) decides
    which may be published.
    """
    site = SiteContext(
        corpus,
        today,
        similar or {},
        history=history or History(),
        includes=includes or (lambda entry: True),
        every_version=internal,
        forge=forge,
    )
    reuse_files = tuple(reuse_pages(reuse, site, show_duplicates=internal)) if reuse else ()
    stale = (stale_page(site),) if internal else ()
    return (
        *reuse_files,
        *search_pages(corpus, site, search_shard_pages),
        *stale,
        *change_pages(site, site_name, site_url),
        *(entry_page(entry, site) for entry in corpus),
        *(page for entry in corpus for page in version_pages(entry, site)),
        *(page for entry in corpus for page in redirect_pages(entry, site)),
        *(type_overview(entry_type, site) for entry_type in schema.TYPES.values()),
        *(tag_page(slug, site) for slug in corpus.taxonomy.tags),
        tags_index(site),
        *(audience_page(audience, site) for audience in corpus.taxonomy.audiences),
        phases_page(site),
        glossary_page(site),
        fields_page(site),
    )


RECENT_PAGE = "nieuw.md"
STALE_PAGE = "te-herzien.md"


def change_pages(site: SiteContext, site_name: str, site_url: str | None) -> list[GeneratedPage]:
    """ "Wat is er nieuw" and the RSS and JSON feeds, overall and per type."""
    items = change_items(site.corpus, site.history, site.includes)
    recent = render(
        "recent.md.j2",
        site=site.at(RECENT_PAGE),
        items=items[:RECENT],
        types=schema.TYPES,
        feeds=bool(site_url),
    )
    files = [GeneratedPage(RECENT_PAGE, recent)]
    if site_url:  # a feed's links must be absolute: none without the published address
        files += [
            GeneratedPage(path, text) for path, text in feed_files(items, site_name, site_url)
        ]
    return files


def stale_page(site: SiteContext) -> GeneratedPage:
    groups = by_owner(stale_entries(site.corpus, site.today))
    return GeneratedPage(STALE_PAGE, render("stale.md.j2", site=site.at(STALE_PAGE), groups=groups))


def edition_stylesheet(colours: Mapping[str, str]) -> str:
    """CSS custom properties that give a municipal edition its own colours."""
    return render("edition.css.j2", colours=colours)
