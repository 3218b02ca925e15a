"""Validate one entry's frontmatter against the schema and turn it into an ``Entry``."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from datetime import date
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from .entries import Asked, Change, Entry, Source
from .plaintext import ENTRY_MARKUP, control_character, describe_control
from .problems import Problem, error
from .schema import (
    DATE_PATTERN,
    FIELDS,
    FIELDS_BY_NAME,
    ID_PATTERN,
    MAX_DATE,
    MIN_DATE,
    RESERVED_IDS,
    Field,
)
from .taxonomy import Taxonomy
from .yamlstrict import Parsed

_ID = re.compile(ID_PATTERN)
_DATE = re.compile(DATE_PATTERN)
_MARKUP = ENTRY_MARKUP
_FIRST_DATE, _LAST_DATE = date.fromisoformat(MIN_DATE), date.fromisoformat(MAX_DATE)
_INVALID = object()


def suggest(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; bedoelde u '{close[0]}'?" if close else ""


class KnownIds(AbstractSet[str]):
    """The ids links may point to: a shared set plus a few more, without copying the
    shared set (a copy per file made loading a large toolbox quadratic)."""

    def __init__(self, base: AbstractSet[str], extra: Iterable[str] = ()):
        self.base = base
        self.extra = frozenset(e for e in extra if e not in base)

    def __contains__(self, item: object) -> bool:
        return item in self.extra or item in self.base

    def __iter__(self) -> Iterator[str]:
        yield from self.base
        yield from self.extra

    def __len__(self) -> int:
        return len(self.base) + len(self.extra)

    @classmethod
    def _from_iterable(cls, iterable: Iterable[str]) -> frozenset[str]:
        return frozenset(iterable)  # what the inherited set operators (|, &, -) return


class EntryValidator:
    """Checks the frontmatter of one file; collects problems instead of raising."""

    def __init__(
        self,
        path: str,
        entry_type: str,
        parsed: Parsed,
        taxonomy: Taxonomy,
        today: date,
        known_ids: AbstractSet[str],
    ):
        self.path = path
        self.known_ids = known_ids
        self.entry_type = entry_type
        self.parsed = parsed
        self.taxonomy = taxonomy
        self.today = today
        self.problems: list[Problem] = []

    def fail(self, keys: tuple, message: str) -> object:
        self.problems.append(error(self.path, self.parsed.line(keys, 1), message))
        return _INVALID

    # -- top level -------------------------------------------------------
    def validate(self, meta: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key in meta:
            if key not in FIELDS_BY_NAME:
                self.fail((key,), f"onbekend veld '{key}'{suggest(key, FIELDS_BY_NAME)}")
            elif not FIELDS_BY_NAME[key].allowed_for(self.entry_type):
                allowed = ", ".join(sorted(FIELDS_BY_NAME[key].allowed_in))
                self.fail((key,), f"veld '{key}' hoort alleen bij: {allowed}; haal het hier weg")
        for spec in FIELDS:
            if not spec.allowed_for(self.entry_type) or spec.name not in meta:
                if spec.required_for(self.entry_type):
                    self.fail((), f"verplicht veld '{spec.name}' ontbreekt ({spec.description})")
                continue
            value = self.value(spec, meta[spec.name], (spec.name,))
            if value is not _INVALID:
                values[spec.name] = value
        self.cross_checks(values)
        return values

    # -- one value ---------------------------------------------------------
    def value(self, spec: Field, raw: Any, keys: tuple) -> Any:
        check = getattr(self, f"kind_{spec.kind}")
        result = check(spec, raw, keys)
        if result is _INVALID:
            return result
        for rule in spec.rules:
            rule_check = getattr(self, f"rule_{rule}", None)
            if rule_check and rule_check(result, keys) is _INVALID:
                return _INVALID
        return result

    def kind_text(self, spec: Field, raw, keys):
        if not isinstance(raw, str):
            return self.fail(
                keys, f"'{spec.name}' moet tekst zijn; zet de waarde tussen aanhalingstekens"
            )
        text = " ".join(raw.split())
        if (spec.min_len and len(text) < spec.min_len) or (
            spec.max_len and len(text) > spec.max_len
        ):
            return self.fail(
                keys,
                f"'{spec.name}' moet {spec.min_len} tot {spec.max_len} tekens lang zijn "
                f"(nu {len(text)})",
            )
        control = control_character(raw)
        if control:
            return self.fail(keys, f"'{spec.name}': {describe_control(control[1])}")
        if spec.plain and _MARKUP.search(raw):
            return self.fail(keys, f"'{spec.name}' moet gewone tekst zijn, zonder HTML of opmaak")
        return text

    def kind_enum(self, spec: Field, raw, keys):
        if isinstance(raw, str) and raw in spec.choices:
            return raw
        shown = f"'{raw}'" if isinstance(raw, str) else "ja/nee of een getal"
        return self.fail(keys, f"'{spec.name}' is {shown}; kies uit: {', '.join(spec.choices)}")

    def kind_enum_list(self, spec: Field, raw, keys):
        items = self.list_of(spec, raw, keys, str)
        if items is _INVALID:
            return items
        for i, item in enumerate(items):
            if item not in spec.choices:
                return self.fail(
                    (*keys, i),
                    f"'{item}' is geen geldige waarde voor '{spec.name}'"
                    f"{suggest(item, spec.choices)} (kies uit: {', '.join(spec.choices)})",
                )
        return tuple(items)

    def kind_tag_list(self, spec: Field, raw, keys):
        items = self.list_of(spec, raw, keys, str)
        if items is _INVALID:
            return items
        valid = True
        for i, item in enumerate(items):
            if item not in self.taxonomy.tags:
                valid = False
                self.fail(
                    (*keys, i),
                    f"onbekende tag '{item}'{suggest(item, self.taxonomy.tags)} "
                    "(tags staan in toolbox/taxonomy.yml)",
                )
        return tuple(items) if valid else _INVALID

    def kind_integer(self, spec: Field, raw, keys):
        if isinstance(raw, bool) or not isinstance(raw, int):
            return self.fail(keys, f"'{spec.name}' moet een geheel getal zijn")
        if spec.minimum is not None and raw < spec.minimum:
            return self.fail(keys, f"'{spec.name}' moet minstens {spec.minimum:g} zijn")
        if spec.maximum is not None and raw > spec.maximum:
            return self.fail(keys, f"'{spec.name}' mag hoogstens {spec.maximum:g} zijn")
        return raw

    def kind_number(self, spec: Field, raw, keys):
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            return self.fail(keys, f"'{spec.name}' moet een getal zijn")
        if isinstance(raw, float) and not math.isfinite(raw):
            return self.fail(
                keys, f"'{spec.name}' moet een eindig getal zijn, geen oneindig of 'nan'"
            )
        if spec.minimum is not None and raw <= spec.minimum:
            return self.fail(keys, f"'{spec.name}' moet groter dan {spec.minimum:g} zijn")
        if spec.maximum is not None and raw > spec.maximum:
            return self.fail(keys, f"'{spec.name}' mag hoogstens {spec.maximum:g} zijn")
        return float(raw)

    def kind_date(self, spec: Field, raw, keys):
        if not isinstance(raw, str) or not _DATE.fullmatch(raw):
            return self.fail(keys, f"'{spec.name}' moet een datum zijn als JJJJ-MM-DD")
        try:
            value = date.fromisoformat(raw)
        except ValueError:
            return self.fail(keys, f"datum '{raw}' in '{spec.name}' bestaat niet")
        if "not_future" in spec.rules and value > self.today:
            return self.rule_not_future(value, keys)
        if not _FIRST_DATE <= value <= _LAST_DATE:
            return self.fail(
                keys, f"datum '{raw}' in '{spec.name}' moet tussen {MIN_DATE} en {MAX_DATE} liggen"
            )
        return value

    def kind_url(self, spec: Field, raw, keys):
        usable = isinstance(raw, str) and len(raw) <= 2000 and not any(c.isspace() for c in raw)
        parts = urlsplit(raw) if usable and not control_character(raw) else None
        if not parts or parts.scheme not in ("http", "https") or not parts.netloc:
            return self.fail(keys, f"'{spec.name}' moet een adres zijn dat begint met https://")
        return raw

    def kind_id(self, spec: Field, raw, keys):
        if not isinstance(raw, str) or not _ID.fullmatch(raw):
            return self.fail(keys, f"'{spec.name}' moet een id zijn (kleine letters, cijfers, '-')")
        return raw

    kind_slug = kind_id

    def kind_id_list(self, spec: Field, raw, keys):
        items = self.list_of(spec, raw, keys, str)
        if items is _INVALID:
            return items
        for i, item in enumerate(items):
            if self.kind_id(spec, item, (*keys, i)) is _INVALID:
                return _INVALID
        return tuple(items)

    def kind_objects(self, spec: Field, raw, keys):
        items = self.list_of(spec, raw, keys, dict)
        if items is _INVALID:
            return items
        result = [self.object(spec, item, (*keys, i)) for i, item in enumerate(items)]
        return _INVALID if _INVALID in result else tuple(result)

    def object(self, spec: Field, raw: dict, keys: tuple):
        names = {f.name: f for f in spec.item_fields}
        values: dict[str, Any] = {}
        ok = True
        for key in raw:
            if key not in names:
                ok = False
                self.fail(
                    (*keys, key), f"onbekend veld '{key}' in '{spec.name}'{suggest(key, names)}"
                )
        for sub in spec.item_fields:
            if sub.name not in raw:
                if sub.required_in:
                    ok = False
                    self.fail(keys, f"'{spec.name}' mist '{sub.name}' ({sub.description})")
                continue
            value = self.value(sub, raw[sub.name], (*keys, sub.name))
            ok = ok and value is not _INVALID
            values[sub.name] = value
        return values if ok else _INVALID

    def list_of(self, spec: Field, raw, keys, item_type):
        kind = "tekst" if item_type is str else "blok met velden"
        if not isinstance(raw, list):
            return self.fail(keys, f"'{spec.name}' moet een lijst zijn, bijvoorbeeld [a, b]")
        if len(raw) < spec.min_items:
            return self.fail(keys, f"'{spec.name}' mag niet leeg zijn")
        for i, item in enumerate(raw):
            if not isinstance(item, item_type):
                return self.fail(
                    (*keys, i), f"elk onderdeel van '{spec.name}' moet een {kind} zijn"
                )
        if item_type is str and len(set(raw)) != len(raw):
            return self.fail(keys, f"'{spec.name}' bevat een waarde twee keer")
        return raw

    # -- rules -----------------------------------------------------------
    def rule_not_future(self, value: date, keys):
        if value > self.today:
            return self.fail(keys, f"datum {value} ligt in de toekomst")
        return value

    def rule_not_future_year(self, value: int, keys):
        if value > self.today.year:
            return self.fail(keys, f"jaar {value} ligt in de toekomst")
        return value

    def rule_municipality(self, value: str, keys):
        if value not in self.taxonomy.municipalities:
            hint = suggest(value, self.taxonomy.municipalities)
            return self.fail(keys, f"gemeente '{value}' staat niet in de taxonomie{hint}")
        return value

    def rule_exists(self, value, keys):
        ids = value if isinstance(value, tuple) else (value,)
        for i, target in enumerate(ids):
            where = (*keys, i) if isinstance(value, tuple) else keys
            if target == PurePosixPath(self.path).stem:
                return self.fail(where, "een item kan niet naar zichzelf verwijzen")
            if target not in self.known_ids:
                hint = suggest(target, self.known_ids)
                return self.fail(where, f"verwijzing naar '{target}': dat item bestaat niet{hint}")
        return value

    def rule_not_in_use(self, value, keys):
        for i, old in enumerate(value):
            if old in RESERVED_IDS:
                return self.fail(
                    (*keys, i), f"'{old}' is gereserveerd en kan geen vroegere id zijn"
                )
            if old in self.known_ids:
                return self.fail(
                    (*keys, i),
                    f"'{old}' is nog de id van een bestaand item; een vroegere id mag niet meer in gebruik zijn",
                )
        return value

    def rule_scope(self, value: str, keys):
        if value != "national" and self.taxonomy.place(value) is None:
            return self.fail(
                keys,
                f"scope '{value}' is geen 'national' en geen gemeente of regio uit de taxonomie",
            )
        return value

    def rule_changes(self, value: tuple, keys):
        versions = [c["version"] for c in value]
        if len(set(versions)) != len(versions):
            return self.fail(keys, "'changes' noemt een versie twee keer")
        if versions != sorted(versions, reverse=True):
            return self.fail(keys, "'changes' moet de nieuwste versie bovenaan hebben")
        return value

    # -- checks across fields -----------------------------------------------
    def cross_checks(self, v: dict[str, Any]) -> None:
        if "review_by" in v and "updated" in v and v["review_by"] <= v["updated"]:
            self.fail(("review_by",), "'review_by' moet na 'updated' liggen")
        if "valid_until" in v and "valid_from" in v and v["valid_until"] < v["valid_from"]:
            self.fail(("valid_until",), "'valid_until' ligt voor 'valid_from'")
        changes = v.get("changes")
        if changes and "version" in v and v["version"] not in {c["version"] for c in changes}:
            self.fail(
                ("changes",),
                f"'changes' heeft geen regel voor de huidige versie {v['version']}; voeg die toe",
            )


def build_entry(entry_id: str, entry_type: str, path: str, values: dict, body: str) -> Entry:
    """Turn validated values into an immutable ``Entry``."""
    plain = {k: v for k, v in values.items() if k not in ("sources", "asked_in", "changes")}
    return Entry(
        id=entry_id,
        type=entry_type,
        path=path,
        body=body,
        sources=tuple(Source(**s) for s in values.get("sources", ())),
        asked_in=tuple(Asked(**a) for a in values.get("asked_in", ())),
        changes=tuple(Change(**c) for c in values.get("changes", ())),
        **plain,
    )
