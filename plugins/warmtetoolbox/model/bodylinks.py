"""Body links that ``mkdocs build --strict`` would reject, found without MkDocs.

``mkdocs.yml`` sets ``validation.links.not_found: warn`` and ``anchors: warn``, and a
strict build fails on every warning. The build therefore rejects, in an entry body:

- a relative link to a ``.md`` file that is not a page of the site: not an entry, not an
  overview (``vragen/index.md``), not a tag page and not one of ``SITE_PAGES``;
- a link to an entry that the public edition leaves out (internal or draft) from an
  entry that it publishes;
- an anchor (``x.md#kop`` or ``#kop``) that the target entry does not have: its body
  headings (slugged as Python-Markdown's ``toc`` does), ``{#id}`` attributes and the
  headings the entry template adds (the title has no anchor).

Links without ``.md`` (``../vragen/``), absolute paths and external addresses are
``info`` in that configuration, so they pass. Anchors on pages that are not entries are
not checked here (those pages are generated at build time).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping

from markdown.extensions.toc import slugify

from .bodies import prose_lines
from .entries import Entry
from .labels import AUDIENCE_PAGES
from .problems import Problem, error
from .schema import TYPES

# Pages every edition has besides entries, overviews and tag pages (a build test keeps
# this list in step with the site).
SITE_PAGES = frozenset(
    {
        "index.md",
        "over.md",
        "privacy.md",
        "toegankelijkheid.md",
        "bijdragen/index.md",
        "bijdragen/velden.md",
        "begrippen.md",
        "fasen.md",
        "nieuw.md",
        "tags/index.md",
        "hergebruik/index.md",
        *(f"{page}.md" for page in AUDIENCE_PAGES.values()),
        *(f"{folder}/index.md" for folder in TYPES),
    }
)
# Headings the entry template adds to the page (when the entry has that part).
TEMPLATE_HEADINGS = (
    "Bronnen",
    "Zie ook",
    "Vergelijkbare onderwerpen",
    "Hier naar verwezen",
    "Wat is er veranderd",
    "Over dit item",
    "Gesteld door",
    "Versiegeschiedenis",
)
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
_ATTRIBUTE_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_INLINE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]|<[^>]*>")


def anchors(entry: Entry) -> frozenset[str]:
    found = {slugify(h, "-") for h in TEMPLATE_HEADINGS}  # the page title has no anchor
    for _, text in prose_lines(entry.body, 1):
        heading = _HEADING.match(text)
        if heading:
            attribute = _ATTRIBUTE_ID.search(heading.group(1))
            if attribute:
                found.add(attribute.group(1))
                continue
            found.add(slugify(_INLINE.sub(r"\1", heading.group(1)), "-"))
        found.update(_ATTRIBUTE_ID.findall(text))
    return frozenset(found)


def published(entry: Entry) -> bool:
    """Whether the public edition has the entry."""
    return entry.visibility == "public" and entry.status != "draft"


def link_problems(
    entries: Iterable[Entry], tags: Iterable[str], body_lines: Mapping[str, int]
) -> list[Problem]:
    """Errors for the body links of ``entries`` that the strict build would reject.

    ``body_lines`` maps an entry's path to the file line its body starts on."""
    entries = list(entries)
    by_page = {e.src_path: e for e in entries}
    pages = SITE_PAGES | {f"tags/{tag}.md" for tag in tags}
    cache: dict[str, frozenset[str]] = {}
    problems = []
    for entry in entries:
        for number, target in _targets(entry, body_lines.get(entry.path, 1)):
            message = _judge(entry, target, by_page, pages, cache)
            if message:
                problems.append(error(entry.path, number, f"link '{target}': {message}"))
    return problems


def _targets(entry: Entry, first_line: int):
    for number, text in prose_lines(entry.body, first_line):
        found = [m.group(1) for m in _LINK.finditer(text)]
        reference = _REFERENCE.match(text)
        if reference:
            found.append(reference.group(1))
        for target in found:
            if target and not _SCHEME.match(target) and not target.startswith("/"):
                yield number, target


def _judge(entry: Entry, target: str, by_page, pages, cache) -> str | None:
    path, _, anchor = target.partition("#")
    path = path.partition("?")[0]
    if path and not path.endswith(".md"):
        return None  # 'unrecognized_links: info' in mkdocs.yml: the build accepts it
    if path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(entry.src_path), path))
        goal = by_page.get(resolved)
        if goal is None:
            if resolved in pages:
                return None
            return (
                f"'{path}' bestaat niet als pagina van de site; verwijs naar een bestaand "
                "item (bijvoorbeeld ../regelgeving/warmtewet.md) of een andere pagina"
            )
        if published(entry) and not published(goal):
            return (
                f"'{goal.id}' staat niet in de openbare editie (intern of concept), dus "
                "de openbare site kan er niet naar linken; haal de link weg"
            )
    else:
        goal = entry
    if anchor:
        if goal.path not in cache:
            cache[goal.path] = anchors(goal)
        if anchor not in cache[goal.path]:
            return (
                f"anker '#{anchor}' bestaat niet op "
                f"{'deze pagina' if goal is entry else goal.id}; gebruik een kop van die "
                "pagina, zoals '#kort-antwoord'"
            )
    return None
