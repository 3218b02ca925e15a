"""Terms (Begrippen), owners and maintainers in the taxonomy."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURE_TOOLBOX
from warmtetoolbox.model.taxonomy import load_taxonomy


def taxonomy_with(tmp_path: Path, extra: str):
    path = tmp_path / "taxonomy.yml"
    path.write_text((FIXTURE_TOOLBOX / "taxonomy.yml").read_text("utf-8") + extra, "utf-8")
    return load_taxonomy(path, "toolbox/taxonomy.yml")


def test_terms_owners_and_maintainers_are_read(tmp_path):
    taxonomy, problems = taxonomy_with(
        tmp_path,
        "terms:\n  warmtenet: Een net van buizen dat warm water brengt.\n"
        "  hybride warmtepomp: Een kleine warmtepomp naast de ketel.\n"
        "owners:\n  Redactie Testtoolbox: ['@redactie', '@gemeente/warmte-team']\n"
        "maintainers: ['@beheer']\n",
    )
    assert problems == []
    assert taxonomy.terms["hybride warmtepomp"].startswith("Een kleine")
    assert taxonomy.owners["Redactie Testtoolbox"] == ("@redactie", "@gemeente/warmte-team")
    assert taxonomy.maintainers == ("@beheer",)


def test_bad_terms_and_handles_are_refused_with_their_line(tmp_path):
    _, problems = taxonomy_with(
        tmp_path,
        "terms:\n  Warmtenet!: Uitleg die lang genoeg is.\n  vastrecht: '[klik](javascript:x)'\n"
        "owners:\n  Redactie: [redactie]\n",
    )
    messages = {p.line: p.message for p in problems}
    assert any("kleine letters" in m for m in messages.values())
    assert any("Markdown" in m for m in messages.values())
    assert any("begin met @" in m for m in messages.values())
    assert all(p.path == "toolbox/taxonomy.yml" and p.line > 40 for p in problems)
