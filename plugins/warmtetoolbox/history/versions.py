"""Version pages, redirects for former ids, and the comparison between versions."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.entries import Entry
from . import diffs
from .git_history import History


@dataclass(frozen=True)
class Published:
    """A version that an edition publishes."""

    number: int
    entry: Entry
    url: str
    src_path: str
    summary: str
    current: bool


def version_src(entry: Entry, number: int) -> str:
    return f"{entry.type}/{entry.id}/v{number}.md"


def published_versions(entry: Entry, history: History, includes) -> tuple[Published, ...]:
    """Versions of ``entry`` that the edition may show, oldest first; the current last.

    A version that was internal or a draft at the time is left out of editions
    that do not include such entries (``includes`` is the edition's test).
    """
    found: dict[int, Published] = {}
    for version in history.of(entry.id):
        if version.number < entry.version and includes(version.entry):
            found[version.number] = _published(
                entry, version.entry, version.number, version.summary
            )
    current_summary = next((c.summary for c in entry.changes if c.version == entry.version), "")
    found[entry.version] = _published(entry, entry, entry.version, current_summary, current=True)
    return tuple(found[n] for n in sorted(found))


def _published(
    latest: Entry, entry: Entry, number: int, summary: str, current: bool = False
) -> Published:
    return Published(
        number=number,
        entry=entry,
        url=f"{latest.type}/{latest.id}/v{number}/",
        src_path=version_src(latest, number),
        summary=summary,
        current=current,
    )


@dataclass(frozen=True)
class Comparison:
    previous: int
    title: tuple[diffs.Paragraph, ...]
    summary: tuple[diffs.Paragraph, ...]
    body: tuple[diffs.Paragraph, ...]
    added: int
    removed: int


def compare(previous: Published, this: Published) -> Comparison:
    parts = {
        name: diffs.paragraph_diff(getattr(previous.entry, name), getattr(this.entry, name))
        for name in ("title", "summary", "body")
    }
    added = removed = 0
    for pieces in parts.values():
        a, r = diffs.counts(pieces)
        added, removed = added + a, removed + r
    return Comparison(
        previous.number, parts["title"], parts["summary"], parts["body"], added, removed
    )


def redirects(entry: Entry) -> tuple[tuple[str, str], ...]:
    """(old page path, new url) for every former id of ``entry``."""
    return tuple((f"{entry.type}/{old}/index.html", entry.url) for old in entry.former_ids)
