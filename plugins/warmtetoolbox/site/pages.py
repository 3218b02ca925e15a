"""Which pages the toolbox adds to a site, and what each one holds.

Every page is rendered from the loaded corpus through a Jinja template; nothing
here reads files. The result is a tuple of ``GeneratedPage`` that any static-site
front end can write out (the MkDocs adapter adds them as generated files).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from ..history.freshness import by_owner, stale_entries
from ..history.git_history import History
from ..model import schema
from ..model.entries import Corpus, Entry
from ..model.labels import AUDIENCE_PAGES
from ..reuse.reuse_map import ReuseMap
from .entry_pages import entry_page, redirect_pages, version_pages
from .feeds import RECENT, change_items, feed_files
from .forge_links import Forge
from .forked_call import ForkedCall
from .generated import GeneratedPage
from .pagefind_index import SHARD_PAGES, in_part
from .rendering import render, render_with_blocks
from .residents import Explainer, resident_groups
from .reuse_pages import reuse_pages
from .site_context import SiteContext
from .site_search import search_bundles, search_pages

GLOSSARY_PAGE = "begrippen.md"
PHASES_PAGE = "fasen.md"
TAGS_INDEX = "tags/index.md"
FIELDS_PAGE = "bijdragen/velden.md"
PHASE_FACET = "fase"


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
    reuse: ReuseMap | Callable[[], ReuseMap] | None = None,
    internal: bool = False,
    history: History | None = None,
    includes: Callable[[Entry], bool] | None = None,
    site_name: str = "Warmtetoolbox",
    site_url: str | None = None,
    forge: Forge | None = None,
    search_shard_pages: int = SHARD_PAGES,
    tails: bool = False,
    parallel: bool = False,
) -> tuple[GeneratedPage, ...]:
    """Every page and data file the toolbox contributes to the site.

    ``similar`` maps an entry id to similar entries' ids (from the search index);
    ``reuse`` is the reuse map of ``corpus`` (or a function that gives it, asked for
    last: it may still be computed elsewhere meanwhile); ``internal`` shows what only officers see;
    ``history`` holds earlier versions, of which ``includes`` (the edition) decides
    which may be published. ``tails``: entry pages end in a tail the front end adds
    after Markdown (``page_tail.TailFormat``). ``parallel``: a forked child renders part
    of the entry pages meanwhile (only where the process may fork: no threads yet).
    """
    site = SiteContext(
        corpus,
        today,
        similar or {},
        history=history or History(),
        includes=includes or (lambda entry: True),
        every_version=internal,
        forge=forge,
        tails=tails,
    )
    bundles = search_bundles(corpus, search_shard_pages)
    # part by part of the search index: the build hands each part to Pagefind whole
    entry_pages = EntryPages(sorted(corpus, key=in_part(bundles)), site, parallel)
    try:
        stale = (stale_page(site),) if internal else ()
        head = (
            *search_pages(corpus, site, search_shard_pages),
            *stale,
            *change_pages(site, site_name, site_url),
            *entry_pages.mine(),
        )
        rest = (
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
        others = (*head, *entry_pages.from_child(), *rest)
    finally:
        entry_pages.close()
    if callable(reuse):
        reuse = reuse()
    reuse_files = tuple(reuse_pages(reuse, site, show_duplicates=internal)) if reuse else ()
    return (*reuse_files, *others)


class EntryPages:
    """The entry pages of ``entries``, in order; with ``parallel`` a forked child renders
    the last ``CHILD_SHARE`` of them while this process renders the rest and the other
    pages (the reuse map's child shares that core). A child that fails costs time, never
    a page: ``ForkedCall`` then renders its share here."""

    CHILD_SHARE = 0.4
    PARALLEL_FROM = 200  # fewer pages are not worth a process

    def __init__(self, entries: list[Entry], site: SiteContext, parallel: bool) -> None:
        self._site = site
        self._entries = entries
        self._split = len(entries)
        self._first: list[GeneratedPage] = []
        self._child: ForkedCall[list[GeneratedPage]] | None = None
        if parallel and len(entries) >= self.PARALLEL_FROM:
            # one page first: the templates are compiled and the corpus's lookups built
            # once, here, and the child inherits them
            self._first.append(entry_page(entries[0], site))
            self._split = len(entries) - int(len(entries) * self.CHILD_SHARE)
            self._child = ForkedCall(_render_entries, entries[self._split :], site)

    def mine(self) -> list[GeneratedPage]:
        """The pages this process renders (all of them without a child)."""
        todo = self._entries[len(self._first) : self._split]
        return self._first + _render_entries(todo, self._site)

    def close(self) -> None:
        """Stop the child if it still runs (a failed build: it must not wait to be read)."""
        if self._child is not None:
            self._child.close()

    def from_child(self) -> list[GeneratedPage]:
        """The pages that follow ``mine``: the child's (waits for it)."""
        return self._child.result() if self._child is not None else []


def _render_entries(entries: list[Entry], site: SiteContext) -> list[GeneratedPage]:
    return [entry_page(entry, site) for entry in entries]


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
