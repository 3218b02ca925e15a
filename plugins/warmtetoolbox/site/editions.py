"""Editions: which entries a site publishes, under which name and colours.

An edition is configuration, not a fork:

* ``public`` (the default): public entries that are not drafts;
* ``internal``: everything, drafts included, marked as internal on every page;
* ``gemeente:<slug>``: the public entries whose scope is national, the
  municipality's region or the municipality itself, with the municipality's own
  site name, logo and colours from ``toolbox/edities/<slug>.yml``.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from ..model import yamlstrict
from ..model.entries import Corpus, Entry
from ..model.problems import Problem, error
from ..model.taxonomy import Taxonomy

DEFAULT_EDITION = "public"
BASE_EDITIONS = ("public", "internal")
MUNICIPAL_PREFIX = "gemeente:"
EDITIONS_FOLDER = "edities"
EDITION_KEYS = ("municipality", "site_name", "logo", "colours")
COLOUR_KEYS = ("primary", "accent")
MAX_EDITION_BYTES = 64 * 1024
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")  # always with fullmatch
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_LOGO_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_INVISIBLE = ("Cc", "Cs", "Cn", "Co", "Zl", "Zp")  # controls, surrogates, non-characters
_MARKUP = re.compile(r"[<>`]|\]\(|\*\*|__|^\s*#")


class EditionError(ValueError):
    """An edition that cannot be used, with a Dutch message naming file and line."""

    def __init__(self, message: str, path: str = "", line: int = 1):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: fout: {message}" if path else message)


@dataclass(frozen=True)
class Edition:
    name: str
    internal: bool = False
    municipality: str | None = None
    region: str | None = None
    site_name: str | None = None
    logo: str | None = None
    colours: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def includes(self, entry: Entry) -> bool:
        if self.internal:
            return True
        if entry.visibility != "public" or entry.status == "draft":
            return False
        if self.municipality is None:
            return True
        return entry.scope in ("national", self.municipality, self.region)

    def select(self, corpus: Corpus) -> Corpus:
        """The entries this edition shows. Outside the internal edition, fictional example
        places never appear: entries scoped to one are left out, and ``asked_in`` records
        of example municipalities are dropped (so the reuse map counts real records only)."""
        chosen = corpus.select(self.includes)
        if self.internal:
            return chosen
        taxonomy = corpus.taxonomy
        kept = []
        for entry in chosen:
            if is_example(taxonomy, entry.scope):
                continue
            real = tuple(a for a in entry.asked_in if not is_example(taxonomy, a.municipality))
            kept.append(entry if real == entry.asked_in else replace(entry, asked_in=real))
        return Corpus(tuple(kept), taxonomy)


def is_example(taxonomy: Taxonomy, slug: str | None) -> bool:
    """True for a fictional example municipality or region, or one inside an example region.

    Fails closed: a slug the taxonomy does not know counts as example data."""
    if not slug or slug == "national":
        return False
    place = taxonomy.place(slug)
    if place is None:
        return True
    if place.example:
        return True
    region = taxonomy.place(place.region) if place.region else None
    return bool(region and region.example)


PUBLIC = Edition("public")
INTERNAL = Edition("internal", internal=True)


def select_edition(corpus: Corpus, name: str) -> Corpus:
    """Entries of a base edition (``public`` or ``internal``)."""
    return {"public": PUBLIC, "internal": INTERNAL}[name].select(corpus)


def load_edition(name: str, toolbox: Path, taxonomy: Taxonomy, docs: Path | None = None) -> Edition:
    """The edition called ``name``; raises ``EditionError`` in Dutch.

    ``docs`` is the docs folder the logo must be in (default: ``docs/`` next to
    ``toolbox``, when it exists).
    """
    if name == "public":
        return PUBLIC
    if name == "internal":
        return INTERNAL
    if not name.startswith(MUNICIPAL_PREFIX):
        raise EditionError(f"onbekende editie '{name}'; kies public, internal of gemeente:<naam>")
    slug = name.removeprefix(MUNICIPAL_PREFIX)
    path = toolbox / EDITIONS_FOLDER / f"{slug}.yml"
    shown = f"{toolbox.name}/{EDITIONS_FOLDER}/{slug}.yml"
    if not _SLUG.fullmatch(slug) or not os.path.lexists(path):
        raise EditionError(
            f"editie '{name}' bestaat niet; maak dit bestand aan (zie README)", shown
        )
    return read_edition_file(path, shown, taxonomy, docs)


def read_edition_file(path: Path, shown: str, taxonomy: Taxonomy, docs: Path | None) -> Edition:
    """One ``edities/<slug>.yml``: a regular file of at most 64 kB, strict YAML."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        raise EditionError(
            "is geen gewoon bestand (een snelkoppeling, map of pipe?) of niet leesbaar; "
            "maak er een gewoon .yml-bestand van",
            shown,
        ) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise EditionError("is geen gewoon bestand; maak er een gewoon .yml-bestand van", shown)
        if info.st_size > MAX_EDITION_BYTES:
            raise EditionError(f"bestand is groter dan {MAX_EDITION_BYTES // 1024} kB", shown)
        raw = handle.read(MAX_EDITION_BYTES + 1)
    try:
        parsed = yamlstrict.parse(raw.decode("utf-8-sig"))
    except yamlstrict.YamlError as exc:
        raise EditionError(exc.message, shown, exc.line) from None
    except UnicodeDecodeError:
        raise EditionError("bestand is geen geldige UTF-8", shown) from None
    if docs is None:
        candidate = path.parent.parent.parent / "docs"
        docs = candidate if candidate.is_dir() else None
    return _read_edition(path.stem, parsed, shown, taxonomy, docs)


def plain_text_problem(value: object, name: str, low: int, high: int) -> str | None:
    """Why ``value`` is not plain text of ``low`` to ``high`` characters, or None."""
    if not isinstance(value, str):
        return f"'{name}' moet tekst zijn; zet de waarde tussen aanhalingstekens"
    if not low <= len(value) <= high or value != value.strip():
        return (
            f"'{name}' moet {low} tot {high} tekens lang zijn, zonder spaties aan het begin of eind"
        )
    if any(unicodedata.category(ch) in _INVISIBLE for ch in value):
        return f"'{name}' bevat een onzichtbaar of ongeldig teken (zoals een tab of regeleinde); haal het weg"
    if _MARKUP.search(value):
        return f"'{name}' moet gewone tekst zijn, zonder HTML of opmaak (<, >, `, **, ](, #)"
    return None


def logo_problem(logo: object, docs: Path | None) -> str | None:
    """Why ``logo`` is not a relative path to an existing .svg/.png in ``docs``, or None."""
    fix = "'logo' moet een relatief pad naar een .svg- of .png-bestand in docs/ zijn, zoals assets/logo.svg"
    if not isinstance(logo, str) or "\\" in logo:
        return fix
    parts = logo.split("/")
    if not all(_LOGO_PART.fullmatch(part) for part in parts):
        return fix  # also refuses '', '/x', '//host/x', '..' and hidden files
    if PurePosixPath(logo).suffix not in (".svg", ".png"):
        return fix
    if docs is not None:
        target = docs / logo
        root = docs.resolve()
        if target.is_symlink() or not target.is_file() or root not in target.resolve().parents:
            return f"logo '{logo}' bestaat niet in {docs.name}/; zet het bestand daar of pas het pad aan"
    return None


def edition_problems(toolbox: Path, taxonomy: Taxonomy, base: Path | None = None,
                     docs: Path | None = None) -> list[Problem]:  # fmt: skip
    """A Dutch problem (file and line) for every bad file in ``toolbox/edities/``."""
    folder = toolbox / EDITIONS_FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return []
    base = base or toolbox.parent
    problems = []
    for path in sorted(folder.iterdir()):
        try:
            shown = path.relative_to(base).as_posix()
        except ValueError:
            shown = path.as_posix()
        if path.name.startswith("."):
            continue
        if path.suffix != ".yml" or not _SLUG.fullmatch(path.stem):
            problems.append(
                error(
                    shown,
                    1,
                    "een editie heet <gemeente>.yml (kleine letters, cijfers en '-'); "
                    "hernoem of verwijder dit bestand",
                )
            )
            continue
        try:
            read_edition_file(path, shown, taxonomy, docs)
        except EditionError as exc:
            problems.append(error(exc.path or shown, exc.line, exc.message))
    return problems


def _read_edition(slug: str, parsed, shown: str, taxonomy: Taxonomy, docs: Path | None) -> Edition:
    def fail(keys: tuple, message: str):
        raise EditionError(message, shown, parsed.line(keys, 1))

    data = parsed.data
    if not isinstance(data, dict):
        fail((), "een editie bestaat uit 'veld: waarde'-regels")
    for key in data:
        if key not in EDITION_KEYS:
            fail((key,), f"onbekend veld '{key}'; toegestaan: {', '.join(EDITION_KEYS)}")
    municipality = data.get("municipality", slug)
    place = taxonomy.municipalities.get(municipality) if isinstance(municipality, str) else None
    if place is None:
        fail(("municipality",), f"gemeente '{municipality}' staat niet in de taxonomie")
    site_name = data.get("site_name", f"Warmtetoolbox {place.label}")
    problem = plain_text_problem(site_name, "site_name", 3, 80)
    if problem:
        fail(("site_name",), problem)
    logo = data.get("logo")
    problem = None if logo is None else logo_problem(logo, docs)
    if problem:
        fail(("logo",), problem)
    colours = data.get("colours", {})
    if not isinstance(colours, dict):
        fail(("colours",), "'colours' moet 'primary' en/of 'accent' bevatten")
    for key, value in colours.items():
        if key not in COLOUR_KEYS:
            fail(("colours", key), f"onbekende kleur '{key}'; gebruik primary of accent")
        if not isinstance(value, str) or not _COLOUR.fullmatch(value):
            shown_value = " ".join(str(value).split())[:20]
            fail(
                ("colours", key), f"kleur '{shown_value}' moet een hexcode zijn, zoals \"#004b87\""
            )
    return Edition(
        name=MUNICIPAL_PREFIX + slug,
        municipality=municipality,
        region=place.region,
        site_name=site_name,
        logo=logo,
        colours=MappingProxyType(dict(colours)),
    )
