"""The JSON Schemas for editors come from the same definition as the validator."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import FIXTURE_TOOLBOX, REPO
from warmtetoolbox.model import jsonschema_export, yamlstrict
from warmtetoolbox.model.schema import FIELDS, TYPES


def test_committed_schemas_are_current():
    for name, text in jsonschema_export.render_all().items():
        committed = REPO / "toolbox" / "schema" / name
        assert committed.exists(), f"{committed} ontbreekt: draai 'warmtetoolbox schema'"
        assert committed.read_text(encoding="utf-8") == text, f"{name} is niet actueel"


def test_schema_check_command_detects_stale_file(cli, workdir):
    assert cli("schema").code == 0
    assert cli("schema", "--check").code == 0
    (workdir / "toolbox/schema/vragen.schema.json").write_text("{}", encoding="utf-8")
    result = cli("schema", "--check")
    assert result.code == 2
    assert "niet actueel" in result.err


@pytest.mark.parametrize("entry_type", list(TYPES))
def test_schema_lists_every_allowed_field(entry_type):
    schema = jsonschema_export.schema_for(entry_type)
    expected = {f.name for f in FIELDS if f.allowed_for(entry_type)}
    assert set(schema["properties"]) == expected
    assert set(schema["required"]) == {f.name for f in FIELDS if f.required_for(entry_type)}


def frontmatter_of(path):
    text = path.read_text(encoding="utf-8")
    return yamlstrict.parse(text.split("---\n")[1]).data


@pytest.mark.parametrize("path", sorted(FIXTURE_TOOLBOX.glob("*/*.md")), ids=lambda p: p.stem)
def test_fixture_entries_validate_against_json_schema(path):
    schema = json.loads(jsonschema_export.render_all()[f"{path.parent.name}.schema.json"])
    jsonschema.validate(frontmatter_of(path), schema)


def test_json_schema_rejects_what_check_rejects():
    schema = jsonschema_export.schema_for("vragen")
    meta = frontmatter_of(FIXTURE_TOOLBOX / "vragen/wat-kost-aansluiten-op-een-warmtenet.md")
    for key, value in [("visibility", "no"), ("tgas", ["x"]), ("version", 0)]:
        broken = {**meta, key: value}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)
