"""What every generated page's template may use besides its own page data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from ..history.git_history import History
from ..history.versions import published_versions
from ..model import schema
from ..model.entries import Corpus, Entry
from ..model.labels import AUDIENCE_PAGES
from .forge_links import Forge
from .urls import relative


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
    # True: an entry page's last sections become its tail, added after Markdown (page_tail)
    tails: bool = False

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
