"""Change feeds (RSS 2.0 and JSON Feed 1.1) and the list of recent changes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from ..history.git_history import History
from ..history.versions import published_versions
from ..model import schema
from ..model.entries import Corpus, Entry
from .rendering import render

RECENT = 50
FEED_ITEMS = 100
FEED_FOLDER = "feeds"


@dataclass(frozen=True)
class ChangeItem:
    entry: Entry  # the entry as it is now
    number: int
    date: date
    summary: str
    url: str

    @property
    def is_new(self) -> bool:
        return self.number == 1


def change_items(corpus: Corpus, history: History, includes) -> tuple[ChangeItem, ...]:
    """Every published version of every entry, newest first."""
    items = [
        ChangeItem(entry, v.number, v.entry.updated, v.summary, v.url)
        for entry in corpus
        for v in published_versions(entry, history, includes)
    ]
    return tuple(sorted(items, key=lambda i: (i.date, i.number, i.entry.id), reverse=True))


def _timestamp(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


# Characters XML 1.0 forbids (controls, surrogates, U+FFFE/U+FFFF): one would make
# the whole feed malformed, so they are dropped from every text in the RSS feed.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    """``value`` as text that XML 1.0 allows (escaping is left to the template)."""
    return _XML_INVALID.sub("", str(value))


def _absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url


def rss(items, title: str, description: str, site_url: str, feed_path: str) -> str:
    return render(
        "rss.xml.j2",
        items=items[:FEED_ITEMS],
        title=title,
        description=description,
        site_url=site_url,
        feed_url=_absolute(site_url, feed_path),
        absolute=lambda url: _absolute(site_url, url),
        rfc822=lambda day: _timestamp(day).strftime("%a, %d %b %Y %H:%M:%S +0000"),
        type_label=lambda entry: schema.TYPES[entry.type].label,
        text=xml_text,
    )


def json_feed(items, title: str, description: str, site_url: str, feed_path: str) -> str:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "description": description,
        "language": "nl",
        "home_page_url": site_url,
        "feed_url": _absolute(site_url, feed_path),
        "items": [
            {
                "id": _absolute(site_url, item.url),
                "url": _absolute(site_url, item.url),
                "title": f"{item.entry.title} (versie {item.number})",
                "content_text": item.summary or item.entry.summary,
                "summary": item.entry.summary,
                "date_published": _timestamp(item.date).isoformat(),
                "tags": [schema.TYPES[item.entry.type].label, *item.entry.tags],
                "_warmtetoolbox": {
                    "id": item.entry.id,
                    "type": item.entry.type,
                    "version": item.number,
                    "new": item.is_new,
                },
            }
            for item in items[:FEED_ITEMS]
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def feed_files(items, site_name: str, site_url: str) -> list[tuple[str, str]]:
    """(path, content) of the overall feeds and one pair per type."""
    groups = [("alles", "Nieuwe en gewijzigde items", items)]
    for entry_type in schema.TYPES.values():
        members = tuple(i for i in items if i.entry.type == entry_type.folder)
        groups.append(
            (entry_type.folder, f"Nieuwe en gewijzigde {entry_type.plural.lower()}", members)
        )
    files = []
    for name, label, members in groups:
        title = f"{site_name}: {label.lower()}"
        for suffix, make in (("xml", rss), ("json", json_feed)):
            path = f"{FEED_FOLDER}/{name}.{suffix}"
            files.append((path, make(members, title, label, site_url, path)))
    return files
