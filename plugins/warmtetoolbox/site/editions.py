"""Editions: which entries a site publishes, under which name and colours.

An edition is configuration, not a fork:

* ``public`` (the default): public entries that are not drafts;
* ``internal``: everything, drafts included, marked as internal on every page;
* ``gemeente:<slug>``: the public entries whose scope is national, the
  municipality's region or the municipality itself, with the municipality's own
  site name, logo and colours from ``toolbox/edities/<slug>.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ..model import yamlstrict
from ..model.entries import Corpus, Entry
from ..model.taxonomy import Taxonomy

DEFAULT_EDITION = "public"
BASE_EDITIONS = ("public", "internal")
MUNICIPAL_PREFIX = "gemeente:"
EDITIONS_FOLDER = "edities"
EDITION_KEYS = ("municipality", "site_name", "logo", "colours")
COLOUR_KEYS = ("primary", "accent")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_LOGO = re.compile(r"^[A-Za-z0-9_./-]+\.(svg|png)$")


class EditionError(ValueError):
    """An edition that cannot be used, with a Dutch message naming file and line."""


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
        return corpus.select(self.includes)


PUBLIC = Edition("public")
INTERNAL = Edition("internal", internal=True)


def select_edition(corpus: Corpus, name: str) -> Corpus:
    """Entries of a base edition (``public`` or ``internal``)."""
    return {"public": PUBLIC, "internal": INTERNAL}[name].select(corpus)


def load_edition(name: str, toolbox: Path, taxonomy: Taxonomy) -> Edition:
    """The edition called ``name``; raises ``EditionError`` in Dutch."""
    if name == "public":
        return PUBLIC
    if name == "internal":
        return INTERNAL
    if not name.startswith(MUNICIPAL_PREFIX):
        raise EditionError(f"onbekende editie '{name}'; kies public, internal of gemeente:<naam>")
    slug = name.removeprefix(MUNICIPAL_PREFIX)
    path = toolbox / EDITIONS_FOLDER / f"{slug}.yml"
    shown = f"{toolbox.name}/{EDITIONS_FOLDER}/{slug}.yml"
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) or not path.is_file():
        raise EditionError(
            f"{shown}:1: fout: editie '{name}' bestaat niet; maak dit bestand aan (zie README)"
        )
    try:
        parsed = yamlstrict.parse(path.read_text(encoding="utf-8-sig"))
    except yamlstrict.YamlError as exc:
        raise EditionError(f"{shown}:{exc.line}: fout: {exc.message}") from None
    except UnicodeDecodeError:
        raise EditionError(f"{shown}:1: fout: bestand is geen geldige UTF-8") from None
    return _read_edition(name, slug, parsed, shown, taxonomy)


def _read_edition(name, slug, parsed, shown, taxonomy: Taxonomy) -> Edition:
    def fail(keys: tuple, message: str):
        raise EditionError(f"{shown}:{parsed.line(keys, 1)}: fout: {message}")

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
    if not isinstance(site_name, str) or not 3 <= len(site_name) <= 80 or "<" in site_name:
        fail(("site_name",), "'site_name' moet gewone tekst van 3 tot 80 tekens zijn")
    logo = data.get("logo")
    if logo is not None and (not isinstance(logo, str) or not _LOGO.match(logo) or ".." in logo):
        fail(("logo",), "'logo' moet een pad naar een .svg- of .png-bestand in docs/ zijn")
    colours = data.get("colours", {})
    if not isinstance(colours, dict):
        fail(("colours",), "'colours' moet 'primary' en/of 'accent' bevatten")
    for key, value in colours.items():
        if key not in COLOUR_KEYS:
            fail(("colours", key), f"onbekende kleur '{key}'; gebruik primary of accent")
        if not isinstance(value, str) or not _COLOUR.match(value):
            fail(("colours", key), f"kleur '{value}' moet een hexcode zijn, zoals \"#004b87\"")
    return Edition(
        name=name,
        municipality=municipality,
        region=place.region,
        site_name=site_name,
        logo=logo,
        colours=MappingProxyType(dict(colours)),
    )
