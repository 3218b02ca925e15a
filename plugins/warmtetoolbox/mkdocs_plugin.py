"""The thin MkDocs adapter: maps MkDocs events onto the core.

This is the only module that imports MkDocs. Everything it publishes comes from
``loading.load_toolbox`` → ``editions`` → ``search`` / ``reuse`` → ``pages``.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs import __version__ as mkdocs_version
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, set_exclusions
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url, is_error_template

from .history.history_cache import HistoryCache
from .integrations.dirty_notice import dutch_dirty_notice
from .integrations.nav_cache import NavCache
from .model.entries import Corpus
from .model.loading import EntryMemo, load_toolbox
from .model.taxonomy import Taxonomy
from .model.vocabulary import Vocabulary
from .reuse.reuse_map import compute as compute_reuse
from .reuse.reuse_map import duplicate_warnings
from .search.similar_topics import similar_topics
from .search.term_vectors import cache_problem
from .site import build_gc
from .site.content_worker import DeferredContent
from .site.csp import ForeignScript
from .site.csp_worker import CheckError
from .site.editions import DEFAULT_EDITION, Edition, EditionError, load_edition, logo_problem
from .site.forge_links import FORGE_LABELS, ForgeError, forge_from_config
from .site.forked_call import ForkedCall, forked_map
from .site.generated import GeneratedPage
from .site.output_files import OutputError, OutputFiles
from .site.page_checks import PageChecks
from .site.page_content import CACHE_NAME, ContentCache, PageContent
from .site.page_tail import PageTails, add_to_toc
from .site.pagefind_index import SHARD_PAGES, BackgroundIndexer, PagefindError, index_site
from .site.pages import edition_stylesheet, generate
from .site.rebuilds import ChangeTracker, fingerprint
from .site.rendering import bytecode_cache, installed_version, use_bytecode_cache
from .site.site_policy import SitePolicy
from .site.site_search import search_bundles
from .site.urls import published_url

log = logging.getLogger("mkdocs.plugins.warmtetoolbox")
THEME_OVERRIDES = Path(__file__).parent / "integrations" / "material"
EDITION_CSS = "stylesheets/editie.css"
MEMO_NAME = "laden.pickle"  # what validating each toolbox file gave


class WarmtetoolboxConfig(base.Config):
    toolbox_dir = c.Type(str, default="toolbox")
    edition = c.Type(str, default=DEFAULT_EDITION)
    index_dir = c.Type(str, default=".cache/zoekindex")
    content_security_policy = c.Type(bool, default=True)
    history = c.Type(bool, default=True)
    # the repository's web address (GitHub or GitLab): edit and issue links; empty: none
    repository = c.Type(str, default="")
    branch = c.Type(str, default="main")
    forge = c.Choice(("", *FORGE_LABELS), default="")  # for a GitLab on its own host
    # above this many entries the site search index comes in parts (pagefind_index.plan)
    search_shard_pages = c.Type(int, default=SHARD_PAGES)


class WarmtetoolboxPlugin(BasePlugin[WarmtetoolboxConfig]):
    def __init__(self) -> None:
        self.pages: tuple[GeneratedPage, ...] = ()
        self.tails = PageTails({})  # entry pages' last sections, added after Markdown
        self.bundles = search_bundles(Corpus((), Taxonomy()))  # the site's Pagefind indexes
        self.content: PageContent | None = None  # finishes each page's HTML
        self.toolbox: Path | None = None
        self.serving = False
        self.dirty = False
        self.warned_history = False
        self.root = Path(".")
        self.tracker = ChangeTracker()
        self.load_memo = EntryMemo()  # kept across mkdocs serve rebuilds
        self.outputs: dict[str, str] = {}  # src path of a generated page -> its output file
        self.indexer = BackgroundIndexer(report=lambda line: log.warning("%s", line))
        self.checks: PageChecks | None = None  # CSP check and live index of a build
        self.deferred: DeferredContent | None = None  # page contents of a build
        self.nav_cache = NavCache()
        self.cache_dir: Path | None = None
        self._cache: ContentCache | None = None  # finished contents, kept across rebuilds
        self.policy = SitePolicy()  # the CSP: the theme's inline scripts only
        self.output = OutputFiles(parallel=False)  # generated files; files with the CSP

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # mkdocs serve injects its own live-reload script, which a CSP would block
        self.serving = command == "serve"
        # with --dirty MkDocs renders only the pages whose file says it changed
        self.dirty = dirty
        if dirty:
            dutch_dirty_notice()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = self.root = Path(config.config_file_path or ".").resolve().parent
        self.toolbox = (root / self.config.toolbox_dir).resolve()
        today = date.today()
        builds = (root / self.config.index_dir).parent / "bouw"
        memo = _edition_folder(builds, self.config.edition) / MEMO_NAME
        if self.load_memo.path != memo:  # kept across mkdocs serve rebuilds
            self.load_memo = EntryMemo(memo)
        full = not (self.serving or self.dirty)  # a full build: forked children help
        validate = partial(forked_map, fork=full)  # files the memo lacks: on both cores
        result = load_toolbox(self.toolbox, today, root, self.load_memo, validate)
        for problem in result.problems:
            (log.error if problem.is_error else log.info)(problem.format())
        try:
            edition = load_edition(self.config.edition, self.toolbox, result.corpus.taxonomy)
        except EditionError as exc:
            raise PluginError(str(exc)) from None
        corpus = edition.select(result.corpus)
        if not self.serving:  # the next build reads this edition's unchanged files from it
            try:
                self.load_memo.save(published={entry.path: entry for entry in corpus})
            except OSError as exc:
                log.info("%s", cache_problem(memo.parent, exc))
        site_url = published_url(config.site_url)
        if site_url is None and config.site_url:
            # a local address must not end up in sitemaps, canonical links or feeds
            config.site_url = ""
        vocabulary = Vocabulary.from_taxonomy(corpus.taxonomy)
        # build caches sit beside the search index (.cache/ by default); the site build
        # itself no longer needs the Whoosh index (the CLI builds it on demand)
        cache = _edition_folder(builds, edition.name)
        self.cache_dir = cache
        use_bytecode_cache(cache / "sjablonen")  # compiled templates, kept between builds
        # a full build computes the reuse map in a second process meanwhile
        build_gc.keep(full)  # the toolbox lives to the end of the build
        reuse = ForkedCall(compute_reuse, corpus, today, fork=full)
        similar = similar_topics(corpus, vocabulary, cache, report=log.info)
        if not hasattr(self, "history_cache"):  # kept across mkdocs serve rebuilds
            self.history_cache = HistoryCache()
        history = (
            self.history_cache.read(self.toolbox, corpus, today) if self.config.history else None
        )
        if history and history.problems and not self.warned_history:
            # once per process (mkdocs serve rebuilds), and as info: a shallow clone
            # must not fail a --strict build
            self.warned_history = True
            for problem in history.problems:
                log.info(problem.format())
        self.pages = generate(
            corpus,
            today,
            similar,
            reuse.result,
            internal=edition.internal,
            history=history,
            includes=edition.includes,
            site_name=config.site_name if not edition.site_name else edition.site_name,
            site_url=site_url,
            forge=self._forge(site_url),
            search_shard_pages=self.config.search_shard_pages,
            tails=True,
            parallel=full,  # a forked child renders part of the entry pages
        )
        self.tails = PageTails({page.src_path: page.tail for page in self.pages if page.tail})
        for problem in duplicate_warnings(corpus, reuse.result().duplicates):
            log.info(problem.format())
        self.bundles = search_bundles(corpus, self.config.search_shard_pages)
        self.pages += self._branding(config, edition)
        if self.dirty:  # only `mkdocs serve --dirty` renders changed pages alone
            config_file = Path(config.config_file_path) if config.config_file_path else None
            self.tracker.update(
                self.pages,
                fingerprint(
                    corpus.taxonomy,
                    edition.name,
                    today,
                    config.site_url,
                    config_file.read_bytes() if config_file and config_file.is_file() else b"",
                ),
            )
        self.content = PageContent(
            corpus,
            vocabulary,
            entry_pages=frozenset(p.src_path for p in self.pages if p.is_entry),
            html_blocks={p.src_path: p.html_blocks for p in self.pages if p.html_blocks},
            cache=self._content_cache(cache / CACHE_NAME),
        )
        build_gc.keep(full)  # and so do its pages
        config.extra["warmtetoolbox"] = {"edition": edition.name, "internal": edition.internal}
        config.theme.dirs.insert(0, str(THEME_OVERRIDES))
        # routine: shown with --verbose only, so the output lists what needs attention
        counts = (len(result.corpus), len(corpus), edition.name)
        log.debug("warmtetoolbox: %d items geladen, %d in editie '%s'", *counts)
        return config

    def _content_cache(self, path: Path) -> ContentCache:
        """One per process and file: `mkdocs serve` keeps it in memory between rebuilds."""
        if self._cache is None or self._cache.path != path:
            self._cache = ContentCache(path)
        return self._cache

    def _forge(self, site_url: str | None):
        try:
            return forge_from_config(
                self.config.repository, self.config.branch, self.config.forge, site_url
            )
        except ForgeError as exc:
            raise PluginError(f"warmtetoolbox: fout: {exc}") from None

    @staticmethod
    def _branding(config: MkDocsConfig, edition: Edition) -> tuple[GeneratedPage, ...]:
        # The theme prints site_name unescaped in attributes and feeds it to <title>:
        # hand it over escaped once (Markup), so `| e` in the theme does not double it.
        config.site_name = escape(edition.site_name or config.site_name)
        if edition.logo:
            problem = logo_problem(edition.logo, Path(config.docs_dir))
            if problem:
                raise PluginError(f"editie '{edition.name}': fout: {problem}")
            config.theme["logo"] = edition.logo
        if not edition.colours:
            return ()
        config.extra_css.append(EDITION_CSS)
        return (GeneratedPage(EDITION_CSS, edition_stylesheet(edition.colours)),)

    def on_env(self, env, config: MkDocsConfig, files: Files):
        self.nav_cache.reset()  # a new build: the navigation may have changed
        if self.deferred is not None:  # every page converted: their contents, finished
            self.deferred.finish()
        if self.cache_dir is not None:
            theme = (mkdocs_version, installed_version("mkdocs-material"), *config.theme.dirs)
            env.bytecode_cache = bytecode_cache(self.cache_dir / "thema", *map(str, theme))
        env.globals["wtb_nav"] = self.nav_cache
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.tails.learn(config.markdown_extensions, config.mdx_configs)  # the final settings
        csp = self.config.content_security_policy and not self.serving
        self.policy.use(csp, config.theme.dirs, config.extra.get("scope"))
        # a served or dirty build renders some pages: the index is made from the folder
        live = not (self.serving or self.dirty)
        taken = {f.dest_uri: f.src_uri for f in files}
        self.output = OutputFiles(parallel=live)
        for page in self.pages:
            file = self._generated_file(page, config, files, taken)
            files.append(file)
            self.outputs[page.src_path] = file.abs_dest_path
            if not file.is_documentation_page():
                set_exclusions([file], config)  # as MkDocs will: excluded files stay out
                file.elsewhere = file.inclusion.is_included() and self.output.generated(
                    file.abs_dest_path, page.content
                )
        docs = files.documentation_pages()
        self.output.start()  # the site folder is empty by now; before any thread starts
        expected = tuple(sum(bundle.holds(f.dest_uri) for f in docs) for bundle in self.bundles)
        self.checks = PageChecks(
            self.bundles, expected, Path(config.site_dir), live, lambda line: log.info("%s", line)
        )
        # a full build finishes page contents in a second process (before any thread starts)
        self.deferred = DeferredContent(self.content, parallel=live, feed=self.checks.content)
        return files

    def _generated_file(self, page: GeneratedPage, config: MkDocsConfig, files, taken) -> File:
        if files.get_file_from_path(page.src_path) is not None:
            raise PluginError(
                f"docs/{page.src_path} bestaat al, maar die pagina maakt de toolbox zelf; "
                "hernoem of verwijder het bestand in docs/"
            )
        file = _GeneratedFile.generated(config, page.src_path, content=page.content)
        if file.dest_uri in taken:
            raise PluginError(
                f"docs/{taken[file.dest_uri]} komt in de site op dezelfde plek als een pagina "
                f"die de toolbox zelf maakt ({file.dest_uri}); hernoem of verwijder het "
                "bestand in docs/"
            )
        file.changed = not self.dirty or page.src_path in self.tracker.changed
        if page.source:
            # The page is made from a toolbox file: point to it, so plugins that read
            # git (such as git-revision-date-localized) date the page by that file.
            file.abs_src_path = str(self.root / page.source)
            file.generated_by = None
        return file

    @event_priority(-100)  # last: the marker, or the tail when its format is not Markdown's
    def on_page_markdown(self, markdown: str, page: Page, **kwargs) -> str:
        return self.tails.markdown(page.file.src_uri, markdown)

    @event_priority(-100)  # last: the search index gets the final content
    def on_page_content(self, html: str, page: Page, **kwargs) -> str:
        added = self.tails.attach(page.file.src_uri, html)
        if added:  # the page's last sections: as Markdown would make them, and in its toc
            html, tokens = added
            page.present_anchor_ids = (page.present_anchor_ids or set()) | {t["id"] for t in tokens}
            add_to_toc(page.toc, get_toc(tokens))
        return self.deferred.page(page.file.src_uri, page.file.dest_uri, html, page)

    @event_priority(-100)  # last: the CSP and the search index see the final page
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        source = page.file.abs_src_path
        where = _shown(Path(source), self.root) if source else page.file.src_uri
        allowed = self.policy.allowed(get_relative_url(".", page.url))
        try:
            output = self.checks.page(output, where, allowed)
        except CheckError as exc:
            raise PluginError(f"warmtetoolbox: fout: {exc}") from None
        if allowed is not None:  # the sweep need not read it again
            self.output.written(page.file.abs_dest_path, output)
        return output

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig):
        # static templates such as 404.html; mkdocs renders them with this base_url
        if not template_name.endswith(".html"):
            return output_content
        if is_error_template(template_name):
            base_url = urlsplit(config.site_url or "/").path
        else:
            base_url = get_relative_url(".", template_name)
        try:
            output = self.policy.protect(output_content, base_url, template_name)
        except ForeignScript as exc:
            raise PluginError(str(exc)) from None
        if self.policy.enabled:  # MkDocs writes it as it is returned
            self.output.written(str(Path(config.site_dir) / template_name), output)
        return output

    @event_priority(100)  # first: no other plugin sees pages before the CSP verdict
    def on_post_build(self, config: MkDocsConfig) -> None:
        try:  # then HTML files copied as they are (such as docs/*.html) get the policy too
            self.output.finish()
            site = Path(config.site_dir)
            self.policy.protect_folder(site, self.output.protected, partial(get_relative_url, "."))
        except (OutputError, ForeignScript) as exc:
            raise PluginError(str(exc)) from None
        if self.content is not None:  # serve keeps it in memory only
            try:
                self.content.cache.save(write=not self.serving)
            except OSError as exc:
                log.info("%s", cache_problem(self.content.cache.path.parent, exc))
        try:
            bundles = self.checks.finish() if self.checks else self.bundles
        except CheckError as exc:
            raise PluginError(str(exc)) from None
        if self.dirty and self.serving:
            self.tracker.drop_removed(self.outputs)
            if not self.tracker.full:  # a partial rebuild: refresh the index meanwhile
                self.indexer.start(Path(config.site_dir), self.bundles)
                return
        try:
            index_site(Path(config.site_dir), bundles)
        except PagefindError as exc:
            raise PluginError(str(exc)) from None

    def on_build_error(self, *, error: Exception) -> None:
        self.output.close()
        if self.deferred is not None:
            self.deferred.close()
        if self.checks is not None:
            self.checks.close()

    def on_serve(self, server, config: MkDocsConfig, builder, **kwargs):
        if self.toolbox is not None:
            server.watch(str(self.toolbox))
        return server


class _GeneratedFile(File):
    """A generated page that knows whether its content changed since the last build."""

    changed = True
    elsewhere = False  # written by the build's BackgroundWriter, not by MkDocs

    def is_modified(self) -> bool:
        return self.changed

    def copy_file(self, dirty: bool = False) -> None:
        if not self.elsewhere:
            super().copy_file(dirty)


def _edition_folder(builds: Path, edition: str) -> Path:
    return builds / edition.replace(":", "-")  # gemeente:<naam> is no folder name everywhere


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
