"""Generate JSON Schemas for editors from the one schema definition."""

from __future__ import annotations

import json
from typing import Any

from .schema import DATE_PATTERN, FIELDS, ID_PATTERN, TYPES, Field

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _property(spec: Field, entry_type: str) -> dict[str, Any]:
    prop: dict[str, Any] = {"description": spec.description}
    kind = spec.kind
    if kind == "text":
        prop.update(type="string", minLength=spec.min_len, maxLength=spec.max_len)
        if spec.plain:
            prop["pattern"] = r"^[^<>`]*$"
    elif kind == "enum":
        prop["enum"] = list(spec.choices)
    elif kind in ("enum_list", "tag_list", "id_list"):
        items: dict[str, Any] = {"type": "string"}
        if kind == "enum_list":
            items = {"enum": list(spec.choices)}
        else:
            items["pattern"] = ID_PATTERN
        prop.update(type="array", items=items, uniqueItems=True)
    elif kind == "integer":
        prop["type"] = "integer"
    elif kind == "number":
        prop["type"] = "number"
    elif kind == "date":
        prop.update(type="string", format="date", pattern=DATE_PATTERN)
    elif kind == "url":
        prop.update(type="string", format="uri", pattern=r"^https?://\S+$")
    elif kind in ("id", "slug"):
        prop.update(type="string", pattern=ID_PATTERN)
    elif kind == "objects":
        prop.update(type="array", items=_object(spec.item_fields, entry_type))
    if spec.minimum is not None:
        prop["exclusiveMinimum" if spec.exclusive_minimum else "minimum"] = spec.minimum
    if spec.maximum is not None:
        prop["maximum"] = spec.maximum
    if spec.min_items:
        prop["minItems"] = spec.min_items
    return {k: v for k, v in prop.items() if v is not None}


def _object(fields: tuple[Field, ...], entry_type: str) -> dict[str, Any]:
    allowed = [f for f in fields if f.allowed_for(entry_type)]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in allowed if f.required_for(entry_type)],
        "properties": {f.name: _property(f, entry_type) for f in allowed},
    }


def schema_for(entry_type: str) -> dict[str, Any]:
    """The JSON Schema of the frontmatter of one entry type."""
    info = TYPES[entry_type]
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://warmtetoolbox.nl/schema/{entry_type}.schema.json",
        "title": f"Warmtetoolbox: {info.label.lower()}",
        "description": f"{info.description} Gegenereerd uit warmtetoolbox.schema; niet met de hand bewerken.",
        **_object(FIELDS, entry_type),
    }


def render_all() -> dict[str, str]:
    """File name → JSON text for every entry type."""
    return {
        f"{t}.schema.json": json.dumps(schema_for(t), ensure_ascii=False, indent=2) + "\n"
        for t in TYPES
    }
