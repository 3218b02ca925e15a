"""Compiled templates kept between builds: the same pages, and a damaged or unwritable
cache never stops a build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from warmtetoolbox.site.rendering import bytecode_cache

TEMPLATES = {"pagina.html": "<h1>{{ titel }}</h1>{% for x in items %}<li>{{ x }}</li>{% endfor %}"}


def render(folder, source=TEMPLATES) -> str:
    env = Environment(loader=DictLoader(source), bytecode_cache=bytecode_cache(folder))
    return env.get_template("pagina.html").render(titel="Warmte", items=[1, 2])


def test_a_cached_template_renders_the_same(tmp_path):
    fresh = Environment(loader=DictLoader(TEMPLATES)).get_template("pagina.html")
    expected = fresh.render(titel="Warmte", items=[1, 2])
    assert render(tmp_path) == expected
    assert list(tmp_path.iterdir())  # compiled once and kept
    assert render(tmp_path) == expected


def test_an_edited_template_is_compiled_anew(tmp_path):
    render(tmp_path)
    edited = {"pagina.html": "<h2>{{ titel }}</h2>"}
    assert render(tmp_path, edited) == "<h2>Warmte</h2>"


@pytest.mark.parametrize("damage", [b"", b"onzin", b"j2\x00\x01" + os.urandom(64)])
def test_a_damaged_cache_file_is_compiled_anew(tmp_path, damage):
    expected = render(tmp_path)
    for cached in tmp_path.rglob("*.cache"):
        cached.write_bytes(damage)
    assert render(tmp_path) == expected


def test_an_unwritable_cache_is_skipped(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    assert bytecode_cache(blocker / "sjablonen") is None
    cache = bytecode_cache(tmp_path / "weg")
    folder = Path(cache.directory)
    folder.rmdir()
    folder.write_text("de map is nu een bestand")  # writing into it fails, even for root
    env = Environment(loader=DictLoader(TEMPLATES), bytecode_cache=cache)
    assert env.get_template("pagina.html").render(titel="Warmte", items=[]) == "<h1>Warmte</h1>"


def test_other_code_compiles_into_a_fresh_folder_and_the_old_one_goes(tmp_path):
    render(tmp_path)
    (first,) = tmp_path.iterdir()
    keep = tmp_path / "eigen-map"
    keep.mkdir()  # not made by the cache: left alone
    bytecode_cache(tmp_path, "een andere versie")
    (second,) = (p for p in tmp_path.iterdir() if p != keep)
    assert second != first and not first.exists() and keep.is_dir()
