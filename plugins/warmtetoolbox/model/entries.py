"""Immutable entries and the corpus every product reads from."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from .taxonomy import Taxonomy


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    checked: date | None = None  # when someone last read it and it still held


@dataclass(frozen=True)
class Asked:
    municipality: str
    year: int
    neighbourhood: str | None = None
    context: str | None = None


@dataclass(frozen=True)
class Change:
    version: int
    date: date
    summary: str


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    path: str
    title: str
    summary: str
    tags: tuple[str, ...]
    audience: tuple[str, ...]
    visibility: str
    status: str
    version: int
    updated: date
    owner: str
    body: str
    review_by: date | None = None
    sources: tuple[Source, ...] = ()
    asked_in: tuple[Asked, ...] = ()
    effort_hours: float | None = None
    changes: tuple[Change, ...] = ()
    related: tuple[str, ...] = ()
    not_duplicate_of: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()
    replaced_by: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    scope: str = "national"

    @property
    def src_path(self) -> str:
        """Path of the generated Markdown page, relative to the site's docs."""
        return f"{self.type}/{self.id}.md"

    @property
    def url(self) -> str:
        return f"{self.type}/{self.id}/"

    def review_overdue(self, today: date) -> bool:
        return self.review_by is not None and self.review_by < today


@dataclass(frozen=True)
class Corpus:
    """The loaded toolbox: valid entries in a stable order, plus the taxonomy."""

    entries: tuple[Entry, ...]
    taxonomy: Taxonomy
    _by_id: Mapping[str, Entry] = field(init=False, repr=False, compare=False)
    _backlinks: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.entries, key=lambda e: (e.type, e.id)))
        object.__setattr__(self, "entries", ordered)
        object.__setattr__(self, "_by_id", MappingProxyType({e.id: e for e in ordered}))
        backlinks: dict[str, list[str]] = {}
        for entry in ordered:
            for target in entry.related:
                if target in self._by_id and target != entry.id:
                    backlinks.setdefault(target, []).append(entry.id)
        frozen = {k: tuple(v) for k, v in backlinks.items()}
        object.__setattr__(self, "_backlinks", MappingProxyType(frozen))

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def of_type(self, entry_type: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.type == entry_type)

    def with_tag(self, slug: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if slug in e.tags)

    def for_audience(self, audience: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if audience in e.audience)

    def related_to(self, entry: Entry) -> tuple[Entry, ...]:
        """Entries that ``entry`` lists in ``related`` and that are in this corpus."""
        return tuple(self._by_id[i] for i in entry.related if i in self._by_id and i != entry.id)

    def referenced_by(self, entry: Entry) -> tuple[Entry, ...]:
        """Entries in this corpus whose ``related`` lists ``entry``."""
        return tuple(self._by_id[i] for i in self._backlinks.get(entry.id, ()))

    def select(self, keep: Callable[[Entry], bool]) -> Corpus:
        """A new corpus with only the entries ``keep`` accepts."""
        return Corpus(tuple(e for e in self.entries if keep(e)), self.taxonomy)
