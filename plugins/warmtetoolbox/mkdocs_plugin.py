"""The thin MkDocs adapter: maps MkDocs events onto the core.

This is the only module that imports MkDocs. Everything it publishes comes from
``loading.load_toolbox`` → ``editions`` → ``pages``.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .editions import DEFAULT_EDITION, EDITIONS, select_edition
from .loading import load_toolbox
from .pages import GeneratedPage, abbreviation_definitions, generate
from .reuse import compute as compute_reuse
from .reuse import duplicate_warnings
from .sanitize import clean_html
from .search import SearchIndex, similar_map

log = logging.getLogger("mkdocs.plugins.warmtetoolbox")


class WarmtetoolboxConfig(base.Config):
    toolbox_dir = c.Type(str, default="toolbox")
    edition = c.Choice(tuple(EDITIONS), default=DEFAULT_EDITION)
    index_dir = c.Type(str, default=".cache/zoekindex")


class WarmtetoolboxPlugin(BasePlugin[WarmtetoolboxConfig]):
    def __init__(self) -> None:
        self.pages: tuple[GeneratedPage, ...] = ()
        self.entry_pages: frozenset[str] = frozenset()
        self.abbreviations = ""
        self.toolbox: Path | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.toolbox = (root / self.config.toolbox_dir).resolve()
        today = date.today()
        result = load_toolbox(self.toolbox, today=today, base=root)
        for problem in result.problems:
            (log.error if problem.is_error else log.info)(problem.format())
        corpus = select_edition(result.corpus, self.config.edition)
        index_root = root / self.config.index_dir / self.config.edition
        with SearchIndex(corpus, index_root) as index:
            similar = similar_map(index)
        reuse = compute_reuse(corpus, today)
        for problem in duplicate_warnings(corpus, reuse.duplicates):
            log.info(problem.format())
        internal = self.config.edition == "internal"
        self.pages = generate(corpus, today, similar, reuse, internal=internal)
        self.entry_pages = frozenset(p.src_path for p in self.pages if p.is_entry)
        self.abbreviations = abbreviation_definitions(corpus)
        log.info(
            "warmtetoolbox: %d items geladen, %d in editie '%s'",
            len(result.corpus),
            len(corpus),
            self.config.edition,
        )
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for page in self.pages:
            if files.get_file_from_path(page.src_path) is not None:
                raise PluginError(
                    f"docs/{page.src_path} bestaat al, maar die pagina maakt de toolbox zelf; "
                    "hernoem of verwijder het bestand in docs/"
                )
            files.append(File.generated(config, page.src_path, content=page.content))
        return files

    def on_page_markdown(self, markdown: str, page: Page, **kwargs) -> str:
        return markdown + self.abbreviations

    def on_page_content(self, html: str, page: Page, **kwargs) -> str:
        if page.file.src_uri in self.entry_pages:
            return clean_html(html)
        return html

    def on_serve(self, server, config: MkDocsConfig, builder, **kwargs):
        if self.toolbox is not None:
            server.watch(str(self.toolbox))
        return server
