"""The controlled vocabulary: facets and tags, audiences, places, abbreviations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from . import yamlstrict
from .files import FileRefused, read_regular
from .plaintext import control_character, describe_control, has_taxonomy_markup
from .problems import Problem, error
from .schema import AUDIENCES, ID_PATTERN, MAX_FILE_BYTES, RESERVED_IDS

REQUIRED_FACETS = ("thema", "techniek", "fase")
TOP_LEVEL_KEYS = (
    "facets",
    "audiences",
    "regions",
    "municipalities",
    "abbreviations",
    "terms",
    "synonyms",
    "owners",
    "maintainers",
)
_SLUG = re.compile(ID_PATTERN)
_ABBREVIATION_KEY = re.compile(r"[A-Za-z][A-Za-z0-9+&-]{0,15}")
# Length bounds of taxonomy text (the real labels are at most 28 characters).
LABEL_CHARS = (2, 80)
DESCRIPTION_CHARS = (2, 400)


@dataclass(frozen=True)
class Tag:
    slug: str
    facet: str
    label: str
    description: str


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    description: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Audience:
    key: str
    label: str
    page_title: str
    description: str


@dataclass(frozen=True)
class Place:
    """A municipality (with its region) or a region (``region`` is None)."""

    slug: str
    label: str
    region: str | None
    example: bool


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Taxonomy:
    facets: tuple[Facet, ...] = ()
    tags: Mapping[str, Tag] = field(default_factory=lambda: _frozen({}))
    audiences: Mapping[str, Audience] = field(default_factory=lambda: _frozen({}))
    regions: Mapping[str, Place] = field(default_factory=lambda: _frozen({}))
    municipalities: Mapping[str, Place] = field(default_factory=lambda: _frozen({}))
    abbreviations: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    synonyms: tuple[tuple[str, ...], ...] = ()
    # words residents stumble on (warmtenet, vastrecht), explained on Begrippen and in tooltips
    terms: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    # entry owner (the ``owner`` field) -> forge handles; maintainers own code and schema
    owners: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _frozen({}))
    maintainers: tuple[str, ...] = ()

    def facet(self, key: str) -> Facet | None:
        return next((f for f in self.facets if f.key == key), None)

    def place(self, slug: str) -> Place | None:
        return self.municipalities.get(slug) or self.regions.get(slug)


class _Reader:
    """Collects problems while reading the parsed taxonomy."""

    def __init__(self, path: str, parsed: yamlstrict.Parsed):
        self.path = path
        self.parsed = parsed
        self.problems: list[Problem] = []

    def fail(self, keys: tuple, message: str) -> None:
        self.problems.append(error(self.path, self.parsed.line(keys, 1), message))

    def mapping(self, keys: tuple, value, what: str) -> dict:
        if isinstance(value, dict):
            return value
        self.fail(keys, f"{what} moet een lijst van 'sleutel: waarde'-paren zijn")
        return {}

    def text(self, keys: tuple, value, what: str, bounds: tuple[int, int] = LABEL_CHARS) -> str:
        """Plain text: one line of words, no markup, no control characters."""
        if not isinstance(value, str) or not value.strip():
            self.fail(keys, f"{what} ontbreekt of is geen tekst")
            return ""
        text = " ".join(value.split())
        control = control_character(value)
        if control:
            self.fail(keys, f"{what}: {describe_control(control[1])}")
            return ""
        low, high = bounds
        if not low <= len(text) <= high:
            self.fail(keys, f"{what} moet {low} tot {high} tekens lang zijn (nu {len(text)})")
        if has_taxonomy_markup(value):
            self.fail(
                keys,
                f"{what} moet gewone tekst zijn, zonder Markdown of HTML "
                "(geen < > [ ] ` \\ { } |, geen '#', '---' of opsommingsteken aan het begin)",
            )
        # Kept after an error (check and the build fail on it); every page escapes it.
        return text

    def slug(self, keys: tuple, slug: str) -> bool:
        if not _SLUG.fullmatch(slug):
            self.fail(
                keys, f"'{slug}' is geen geldige slug: gebruik kleine letters, cijfers en '-'"
            )
            return False
        if slug in RESERVED_IDS:
            self.fail(
                keys, f"'{slug}' is gereserveerd voor overzichtspagina's; kies een andere slug"
            )
            return False
        return True


def load_taxonomy(
    path: Path, display_path: str, root: Path | None = None
) -> tuple[Taxonomy, list[Problem]]:
    """Read ``taxonomy.yml``; returns what could be read and every problem found.

    Only a regular file inside ``root`` (default: the taxonomy's folder) is read.
    """
    if not (path.exists() or path.is_symlink()):
        return Taxonomy(), [error(display_path, 1, "taxonomie ontbreekt; maak taxonomy.yml aan")]
    try:
        raw = read_regular(path, root or path.parent, MAX_FILE_BYTES)
        text = raw.decode("utf-8-sig")
    except FileRefused as exc:
        return Taxonomy(), [error(display_path, 1, str(exc))]
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return Taxonomy(), [
            error(display_path, line, "bestand is geen geldige UTF-8; sla het op als UTF-8")
        ]
    try:
        parsed = yamlstrict.parse(text)
    except yamlstrict.YamlError as exc:
        return Taxonomy(), [error(display_path, exc.line, exc.message)]
    return read_taxonomy(parsed, display_path)


def read_taxonomy(parsed: yamlstrict.Parsed, path: str) -> tuple[Taxonomy, list[Problem]]:
    r = _Reader(path, parsed)
    root = r.mapping((), parsed.data, "de taxonomie")
    for key in root:
        if key not in TOP_LEVEL_KEYS:
            r.fail((key,), f"onbekende sleutel '{key}'; toegestaan: {', '.join(TOP_LEVEL_KEYS)}")
    facets, tags = _facets(r, root.get("facets"))
    regions = _regions(r, root.get("regions"))
    taxonomy = Taxonomy(
        facets=facets,
        tags=_frozen(tags),
        audiences=_frozen(_audiences(r, root.get("audiences"))),
        regions=_frozen(regions),
        municipalities=_frozen(_municipalities(r, root.get("municipalities"), regions)),
        abbreviations=_frozen(_abbreviations(r, root.get("abbreviations"))),
        synonyms=_synonyms(r, root.get("synonyms", [])),
        terms=_frozen(_terms(r, root.get("terms", {}))),
        owners=_frozen(_owners(r, root.get("owners", {}))),
        maintainers=(
            _handles(r, ("maintainers",), root["maintainers"]) if "maintainers" in root else ()
        ),
    )
    return taxonomy, r.problems


def _facets(r: _Reader, raw) -> tuple[tuple[Facet, ...], dict[str, Tag]]:
    facets: list[Facet] = []
    tags: dict[str, Tag] = {}
    for key, value in r.mapping(("facets",), raw, "'facets'").items():
        where = ("facets", key)
        body = r.mapping(where, value, f"facet '{key}'")
        facet_tags = []
        for slug, tag_raw in r.mapping((*where, "tags"), body.get("tags"), "'tags'").items():
            tag_where = (*where, "tags", slug)
            if not r.slug(tag_where, slug):
                continue
            if slug in tags:
                r.fail(tag_where, f"tag '{slug}' staat ook in facet '{tags[slug].facet}'")
                continue
            tag_body = r.mapping(tag_where, tag_raw, f"tag '{slug}'")
            label = r.text((*tag_where, "label"), tag_body.get("label"), "label")
            description = r.text(
                (*tag_where, "description"),
                tag_body.get("description"),
                "description",
                DESCRIPTION_CHARS,
            )
            tags[slug] = Tag(slug, key, label, description)
            facet_tags.append(slug)
        label = r.text((*where, "label"), body.get("label"), "label")
        description = r.text(
            (*where, "description"), body.get("description"), "description", DESCRIPTION_CHARS
        )
        facets.append(Facet(key, label, description, tuple(facet_tags)))
    for required in REQUIRED_FACETS:
        if required not in {f.key for f in facets}:
            r.fail(("facets",), f"facet '{required}' ontbreekt")
    return tuple(facets), tags


def _audiences(r: _Reader, raw) -> dict[str, Audience]:
    audiences = {}
    body = r.mapping(("audiences",), raw, "'audiences'")
    for key in AUDIENCES:
        if key not in body:
            r.fail(("audiences",), f"doelgroep '{key}' ontbreekt")
            continue
        where = ("audiences", key)
        item = r.mapping(where, body[key], f"doelgroep '{key}'")
        audiences[key] = Audience(
            key,
            r.text((*where, "label"), item.get("label"), "label"),
            r.text((*where, "page_title"), item.get("page_title"), "page_title"),
            r.text(
                (*where, "description"), item.get("description"), "description", DESCRIPTION_CHARS
            ),
        )
    for key in body:
        if key not in AUDIENCES:
            r.fail(("audiences", key), f"onbekende doelgroep '{key}'; kies uit {AUDIENCES}")
    return audiences


def _example(r: _Reader, where: tuple, item: dict) -> bool:
    value = item.get("example", False)
    if not isinstance(value, bool):
        r.fail((*where, "example"), "'example' moet true of false zijn")
        return False
    return value


def _regions(r: _Reader, raw) -> dict[str, Place]:
    regions = {}
    for slug, value in r.mapping(("regions",), raw, "'regions'").items():
        where = ("regions", slug)
        if r.slug(where, slug):
            item = r.mapping(where, value, f"regio '{slug}'")
            label = r.text((*where, "label"), item.get("label"), "label")
            regions[slug] = Place(slug, label, None, _example(r, where, item))
    return regions


def _municipalities(r: _Reader, raw, regions: dict[str, Place]) -> dict[str, Place]:
    places = {}
    for slug, value in r.mapping(("municipalities",), raw, "'municipalities'").items():
        where = ("municipalities", slug)
        if not r.slug(where, slug):
            continue
        if slug in regions:
            r.fail(where, f"'{slug}' is al een regio; kies een andere slug")
            continue
        item = r.mapping(where, value, f"gemeente '{slug}'")
        region = item.get("region")
        if not isinstance(region, str) or region not in regions:
            r.fail((*where, "region"), f"regio '{region}' staat niet onder 'regions'")
            region = None
        label = r.text((*where, "label"), item.get("label"), "label")
        places[slug] = Place(slug, label, region, _example(r, where, item))
    return places


def _abbreviations(r: _Reader, raw) -> dict[str, str]:
    result = {}
    for abbr, expansion in r.mapping(("abbreviations",), raw, "'abbreviations'").items():
        where = ("abbreviations", abbr)
        if not _ABBREVIATION_KEY.fullmatch(abbr):
            r.fail(where, f"afkorting '{abbr}' bevat tekens die niet mogen")
            continue
        result[abbr] = r.text(where, expansion, f"uitleg van '{abbr}'", DESCRIPTION_CHARS)
    return result


def _synonyms(r: _Reader, raw) -> tuple[tuple[str, ...], ...]:
    """Groups of phrases that mean the same to a searcher."""
    if not isinstance(raw, list):
        r.fail(("synonyms",), "'synonyms' moet een lijst van groepen zijn, bijvoorbeeld [[a, b]]")
        return ()
    groups = []
    for i, group in enumerate(raw):
        if not isinstance(group, list) or len(group) < 2:
            r.fail(("synonyms", i), "een synoniemgroep is een lijst van minstens twee woorden")
            continue
        if not all(isinstance(p, str) and p.strip() for p in group):
            r.fail(("synonyms", i), "een synoniemgroep bevat alleen tekst")
            continue
        phrases = tuple(
            r.text(("synonyms", i, j), p, "een synoniem", (1, 80)) for j, p in enumerate(group)
        )
        if all(phrases):
            groups.append(phrases)
    return tuple(groups)


_TERM = re.compile(r"[a-zà-ÿ][a-zà-ÿ0-9-]*(?: [a-zà-ÿ0-9-]+){0,3}")
_HANDLE = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9])?(?:/[A-Za-z0-9_.-]{1,100})?")


def _terms(r: _Reader, raw) -> dict[str, str]:
    """Words with a definition in plain language, for Begrippen and tooltips."""
    result = {}
    for term, definition in r.mapping(("terms",), raw, "'terms'").items():
        where = ("terms", term)
        if not isinstance(term, str) or not _TERM.fullmatch(term):
            r.fail(
                where,
                f"begrip '{term}' moet een woord (of tot vier woorden) in kleine letters zijn",
            )
            continue
        result[term] = r.text(where, definition, f"uitleg van '{term}'", DESCRIPTION_CHARS)
    return result


def _handles(r: _Reader, where: tuple, raw) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        r.fail(where, "geef een lijst van forge-namen, bijvoorbeeld ['@redactie-warmte']")
        return ()
    handles = []
    for i, handle in enumerate(raw):
        if not isinstance(handle, str) or not _HANDLE.fullmatch(handle):
            r.fail((*where, i), f"'{handle}' is geen geldige naam op GitHub of GitLab; begin met @")
            continue
        handles.append(handle)
    return tuple(handles)


def _owners(r: _Reader, raw) -> dict[str, tuple[str, ...]]:
    """Who reviews changes to an owner's entries (CODEOWNERS), by the ``owner`` text."""
    result = {}
    for owner, handles in r.mapping(("owners",), raw, "'owners'").items():
        where = ("owners", owner)
        name = r.text(where, owner, "naam van een beheerder")
        if name:
            result[name] = _handles(r, where, handles)
    return result
