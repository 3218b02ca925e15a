"""Hardening of the model, check and contributor commands (issue 11).

Most bad inputs live in the shared corpus ``tests/data/bad_inputs/model.yml``; these tests
cover what a file in the toolbox cannot express: the escaping of taxonomy text on the
generated pages, the JSON Schema bounds, the Dutch OS errors and the command arguments.
"""

from __future__ import annotations

import errno
import os
import re
from datetime import date
from pathlib import Path

import markdown
import pytest
from warmtetoolbox.model import jsonschema_export, yamlstrict
from warmtetoolbox.model.bodies import strip_code_spans
from warmtetoolbox.model.bodylimits import nesting
from warmtetoolbox.model.files import FileRefused, read_regular
from warmtetoolbox.model.oserrors import describe
from warmtetoolbox.model.taxonomy import Facet, Tag, Taxonomy
from warmtetoolbox.site.rendering import plain_text, render

EXTENSIONS = ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]
HOSTILE = [
    "[klik](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    "Warmte\n---\nKop",
    "# kop",
    "*[WUP]: iets anders",
    "1. lijst",
    "`code` en **vet**",
]


def _html(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=EXTENSIONS)


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_never_becomes_markup(text):
    html = _html(f"# {plain_text(text)}\n\n{plain_text(text)}\n")
    for tag in ("<a", "<img", "<hr", "<h2", "<ol", "<code", "<strong", "<abbr", "<dl"):
        assert tag not in html, html
    assert html.count("<h1") == 1 and html.count("<p>") == 1, html


def test_plain_text_keeps_ordinary_labels_readable():
    assert plain_text("Kosten en financiering") == "Kosten en financiering"
    assert plain_text("Warmte-koude-opslag") == "Warmte-koude-opslag"


def test_tag_page_escapes_hostile_taxonomy_text():
    label, description = HOSTILE[0], HOSTILE[1] + " " + HOSTILE[3]
    tag = Tag("warmtenet", "techniek", label, description)
    facet = Facet("techniek", HOSTILE[2], "Technieken.", ("warmtenet",))
    taxonomy = Taxonomy(facets=(facet,), tags={"warmtenet": tag})

    class Site:
        def link(self, url):
            return url

    page = render("tag.md.j2", tag=tag, facet=facet, site=Site(), groups=[], taxonomy=taxonomy)
    body = re.split(r"^---$", page, maxsplit=2, flags=re.M)[2]
    html = _html(body)
    assert html.count("<a ") == 1 and 'href="tags/"' in html, html
    assert "<img" not in html and "<hr" not in html and "<h2" not in html, html


def test_json_schema_bounds_every_number():
    schema = jsonschema_export.schema_for("vragen")
    props = schema["properties"]
    assert props["effort_hours"]["exclusiveMinimum"] == 0
    assert props["effort_hours"]["maximum"] == 10_000
    assert props["version"]["maximum"] == 10_000
    assert props["changes"]["items"]["properties"]["version"]["maximum"] == 10_000
    assert props["asked_in"]["items"]["properties"]["year"]["maximum"] == 2100


@pytest.mark.parametrize(
    "text",
    ["a: !!omap [{b: 1}]", "a: !!python/object/apply:os.system [ls]", "!evil {a: 1}"],
)
def test_yaml_tags_on_collections_are_refused(text):
    with pytest.raises(yamlstrict.YamlError, match="YAML-label"):
        yamlstrict.parse(text)


def test_yaml_control_character_names_the_field():
    with pytest.raises(yamlstrict.YamlError, match="'site_name': onzichtbaar stuurteken U\\+0007"):
        yamlstrict.parse('site_name: "Warmte\\atoolbox"')


def test_yaml_control_character_the_reader_refuses_is_dutch_with_line():
    with pytest.raises(yamlstrict.YamlError) as caught:
        yamlstrict.parse("a: b\nc: d\x00e\n", first_line=2)
    assert caught.value.line == 3
    assert "U+0000" in caught.value.message


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("tekst `code` meer", "tekst  meer"),
        ("``a ` b`` c", " c"),
        ("`open zonder sluiten", "`open zonder sluiten"),
        ("`a` en ``b``", " en "),
        ("``a` b`", "``a"),
    ],
)
def test_code_spans_are_removed_like_before(line, expected):
    assert strip_code_spans(line) == expected


@pytest.mark.parametrize(
    ("line", "depth"),
    [("tekst", 0), ("- a", 1), ("    - a", 2), ("> - 1. a", 3), ("> " * 20 + "a", 20)],
)
def test_nesting_depth(line, depth):
    assert nesting(line) == depth


def test_read_regular_refuses_devices_and_bounds_the_read(tmp_path):
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    with pytest.raises(FileRefused, match="geen gewoon bestand"):
        read_regular(tmp_path / "zero.md", tmp_path, 1024)
    big = tmp_path / "groot.md"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(FileRefused, match="groter dan 1 kB"):
        read_regular(big, tmp_path, 1024)
    small = tmp_path / "klein.md"
    small.write_bytes(b"x" * 1024)
    assert read_regular(small, tmp_path, 1024) == b"x" * 1024


def test_read_regular_refuses_a_link_out_of_the_root(tmp_path):
    root = tmp_path / "toolbox"
    root.mkdir()
    (tmp_path / "buiten.md").write_text("geheim", encoding="utf-8")
    (root / "link.md").symlink_to(tmp_path / "buiten.md")
    with pytest.raises(FileRefused, match="buiten de toolbox"):
        read_regular(root / "link.md", root, 1024)


@pytest.mark.parametrize(
    ("code", "dutch"),
    [
        (errno.ENOENT, "bestand of map bestaat niet"),
        (errno.EACCES, "geen toegang"),
        (errno.EISDIR, "is een map"),
        (errno.ENOTDIR, "geen map"),
        (errno.ENOSPC, "schijf vol"),
        (errno.EROFS, "alleen-lezen"),
        (errno.ELOOP, "symbolische links"),
        (errno.ENAMETOOLONG, "naam te lang"),
        (errno.ECONNRESET, "besturingssysteemfout (ECONNRESET)"),
    ],
)
def test_os_errors_are_dutch(code, dutch):
    text = describe(OSError(code, os.strerror(code), "toolbox/x.md"))
    assert text.startswith("toolbox/x.md: ") and dutch in text
    assert os.strerror(code) not in text


def test_cli_os_error_is_dutch(cli, workdir):
    schema = workdir / "toolbox" / "schema"
    if schema.exists():
        for child in schema.iterdir():
            child.unlink()
        schema.rmdir()
    schema.write_text("geen map", encoding="utf-8")
    result = cli("schema")
    assert result.code == 2
    assert "Traceback" not in result.text and "File exists" not in result.text
    assert "Not a directory" not in result.text
    assert "warmtetoolbox: fout:" in result.err


@pytest.mark.parametrize("entry_id", ["**", "*", "../vragen/x", "a/b", "wat-kost\n"])
def test_bump_refuses_an_id_with_glob_or_path_characters(cli, entry_id):
    result = cli("bump", entry_id, "Tekst bijgewerkt.")
    assert result.code == 2
    assert "Traceback" not in result.text
    assert "is geen id" in result.err


@pytest.mark.parametrize("within", ["99999999d", "99999999999999999999w", "5000000w"])
def test_stale_refuses_a_period_beyond_a_century(cli, within):
    result = cli("stale", "--within", within)
    assert result.code == 2
    assert "Traceback" not in result.text
    assert "te lang" in result.err


def test_stale_accepts_ordinary_periods(cli):
    for within in ("30d", "2w", "0", "36500d"):
        assert cli("stale", "--within", within).code == 0


def test_bump_refuses_a_symlink_to_a_device(cli, workdir):
    target = workdir / "toolbox" / "vragen" / "apparaat.md"
    target.symlink_to("/dev/zero")
    result = cli("bump", "apparaat", "Tekst bijgewerkt.")
    assert result.code == 2
    assert "geen gewoon bestand" in result.err


def test_real_toolbox_has_no_errors():
    from conftest import REPO
    from warmtetoolbox.model.loading import load_toolbox

    result = load_toolbox(REPO / "toolbox", today=date.today(), base=REPO)
    assert result.errors == 0, [p.format() for p in result.problems if p.is_error]


def test_folder_named_like_an_entry_is_reported_not_raised(tmp_path: Path):
    import shutil

    from conftest import FIXTURE_TOOLBOX
    from warmtetoolbox.model.loading import load_toolbox

    shutil.copytree(FIXTURE_TOOLBOX, tmp_path / "toolbox")
    (tmp_path / "toolbox" / "vragen" / "map-als-item.md").mkdir()
    result = load_toolbox(tmp_path / "toolbox", base=tmp_path)
    assert any("is een map" in p.message for p in result.problems)
