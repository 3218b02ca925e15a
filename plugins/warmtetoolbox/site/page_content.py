"""The finishing of a page's content after Markdown: one pipeline, remembered per build.

A front end hands ``PageContent.finish`` the HTML that Markdown made of a generated page;
it gets back the content as the site shows it: the ready-made HTML blocks put back
(``html_blocks``), an entry's HTML sanitised, abbreviations explained, tables made
scrollable and an entry page marked up for the search index.

The result depends only on that HTML, the page's entry, the taxonomy and this code, so
it is kept in a cache file beside the other build caches (``ContentCache``): a build of
an unchanged toolbox, or with one entry edited, finishes only what changed. Every key
holds all its inputs (and a digest of the package's source), so nothing goes stale.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import nh3

from ..model.atomic_files import replacing
from ..model.code_version import code_digest
from ..model.entries import Corpus, Entry
from ..model.vocabulary import Vocabulary
from .abbreviations import Abbreviations
from .html_blocks import restore
from .html_tables import wrap_tables
from .sanitize import clean_html
from .site_search import entry_markup

CACHE_NAME = "inhoud.jsonl"


class ContentCache:
    """Finished contents by key, read from and written to one file (None: none).

    The file holds a JSON array ``[key, content]`` per line, so neither reading nor
    writing it needs the whole cache as one string (a large toolbox holds hundreds of
    megabytes of pages). An entry the build uses moves from the old to the new set, so
    no content is held twice."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old: dict[str, str] = _read(path) if path is not None else {}
        self._used: dict[str, str] = {}
        self.fresh = 0

    def get(self, key: str) -> str | None:
        found = self._used.get(key)
        if found is None:
            found = self._old.pop(key, None)
            if found is not None:
                self._used[key] = found
        return found

    def put(self, key: str, content: str) -> None:
        self._used[key] = content
        self.fresh += 1

    def save(self, write: bool = True) -> None:
        """Keep what this build used for the next (so nothing grows with old versions):
        in the file when ``write`` and it differs from what was read (raises OSError),
        else in memory only (`mkdocs serve`)."""
        try:
            if write and self.path is not None and (self.fresh or self._old):
                _write_lines(self.path, self._used)
        finally:
            self._old, self._used, self.fresh = self._used, {}, 0


def _read(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                try:
                    key, content = json.loads(line)
                except (ValueError, TypeError):
                    continue  # a damaged line: that page is finished anew
                if isinstance(key, str) and isinstance(content, str):
                    found[key] = content
    except (OSError, UnicodeDecodeError):
        return {}
    return found


def _write_lines(path: Path, contents: dict[str, str]) -> None:
    with replacing(path) as out:
        for pair in contents.items():
            out.write(json.dumps(pair) + "\n")  # ASCII: a lone surrogate cannot break it


@dataclass(frozen=True)
class Job:
    """A page's content to finish: its source, cache key and Markdown's HTML (blocks in)."""

    src_uri: str
    key: str
    html: str


class PageContent:
    """The finishing step for the pages of one build."""

    def __init__(
        self,
        corpus: Corpus,
        vocabulary: Vocabulary,
        entry_pages: frozenset[str],
        html_blocks: Mapping[str, tuple[str, ...]],
        cache: ContentCache,
    ) -> None:
        self.corpus = corpus
        self.vocabulary = vocabulary
        self.entry_pages = entry_pages
        self.html_blocks = html_blocks
        self.cache = cache
        self.searchable: dict[str, Entry] = {entry.src_path: entry for entry in corpus}
        taxonomy = corpus.taxonomy
        self.abbreviations = Abbreviations(taxonomy.abbreviations, taxonomy.terms)
        # the code: this package's, the sanitiser's and Python's (html.escape and friends)
        code = (code_digest(), nh3.__version__, sys.version)
        context = repr((code, taxonomy)).encode("utf-8", "surrogatepass")
        self._context = hashlib.blake2b(context, digest_size=20).digest()  # once, not per page

    def finish(self, src_uri: str, html: str) -> str:
        """The content of the page made from ``src_uri``, given Markdown's ``html``."""
        found, job = self.begin(src_uri, html)
        if found is None:
            found = self.compute(job)
            self.done(job, found)
        return found

    def begin(self, src_uri: str, html: str) -> tuple[str | None, Job]:
        """(the finished content if the cache holds it, else None; the job that makes it)."""
        html = restore(html, self.html_blocks.get(src_uri, ()))
        key = self._key(src_uri, src_uri in self.entry_pages, self.searchable.get(src_uri), html)
        return self.cache.get(key), Job(src_uri, key, html)

    def compute(self, job: Job) -> str:
        """The finished content of ``job`` (pure: any process with this object can do it)."""
        entry = self.searchable.get(job.src_uri)
        return self._finish(job.src_uri in self.entry_pages, entry, job.html)

    def done(self, job: Job, content: str) -> None:
        self.cache.put(job.key, content)

    def _finish(self, is_entry: bool, entry: Entry | None, html: str) -> str:
        if is_entry:
            html = clean_html(html)
        html = wrap_tables(self.abbreviations.apply(html))
        if entry is not None:
            html = entry_markup(entry, self.corpus, self.vocabulary, html)
        return html

    def _key(self, src_uri: str, is_entry: bool, entry: Entry | None, html: str) -> str:
        digest = hashlib.blake2b(self._context, digest_size=20)
        digest.update(repr((src_uri, is_entry, entry)).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
        digest.update(html.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
