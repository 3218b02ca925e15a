"""Every class of bad input gives one Dutch line naming file and line, exit 1, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import VALID_QUESTION

QUESTION = "toolbox/vragen/hoe-werkt-een-warmtepomp.md"


def replace(old: str, new: str) -> str:
    assert old in VALID_QUESTION
    return VALID_QUESTION.replace(old, new, 1)


# (name, file text as str or bytes, expected line, expected words in the message)
CASES = [
    ("no-frontmatter", "## Kort antwoord\n\nTekst.\n", 1, "frontmatter ontbreekt"),
    (
        "unclosed-frontmatter",
        "---\ntitle: Een titel zonder einde\n\n## Kort antwoord\n",
        1,
        "niet afgesloten",
    ),
    ("invalid-yaml", replace("audience: [residents]", "audience: [residents"), 5, "ongeldige YAML"),
    ("yaml-not-mapping", "---\n- een\n- lijst\n---\n\n## Kort antwoord\n", 2, "'veld: waarde'"),
    ("duplicate-key", replace("status: current", "status: current\nstatus: draft"), 8, "twee keer"),
    ("yaml11-no", replace("visibility: public", "visibility: no"), 6, "'no'; kies uit"),
    ("yaml11-yes", replace("visibility: public", "visibility: yes"), 6, "'yes'; kies uit"),
    ("bool-true", replace("visibility: public", "visibility: true"), 6, "ja/nee"),
    (
        "date-does-not-exist",
        replace("updated: 2026-01-10", "updated: 2026-02-30"),
        9,
        "bestaat niet",
    ),
    ("date-wrong-format", replace("updated: 2026-01-10", "updated: 10-01-2026"), 9, "JJJJ-MM-DD"),
    ("date-in-future", replace("updated: 2026-01-10", "updated: 2999-01-01"), 9, "toekomst"),
    ("version-wrong-type", replace("version: 1", "version: een"), 8, "geheel getal"),
    ("version-float", replace("version: 1", "version: 1.5"), 8, "geheel getal"),
    (
        "tags-not-list",
        replace("tags: [techniek, warmtepomp, verkennen]", "tags: techniek"),
        4,
        "lijst",
    ),
    ("unknown-key", replace("tags:", "tgas:"), 4, "onbekend veld 'tgas'; bedoelde u 'tags'"),
    ("unknown-tag", replace("warmtepomp,", "warmtepomp, zonnepaneel,"), 4, "onbekende tag"),
    ("missing-required", replace("owner: Redactie Testtoolbox\n", ""), 2, "verplicht veld 'owner'"),
    (
        "title-too-short",
        replace("title: Hoe werkt een warmtepomp in een oud huis?", "title: Hoi"),
        2,
        "5 tot 120",
    ),
    ("summary-markup", replace("summary: Een", "summary: <b>Een</b>"), 3, "gewone tekst"),
    (
        "field-for-other-type",
        replace("owner:", "valid_from: 2020-01-01\nowner:"),
        10,
        "hoort alleen bij",
    ),
    (
        "review-before-updated",
        replace("owner:", "review_by: 2025-01-01\nowner:"),
        10,
        "na 'updated'",
    ),
    ("related-missing", replace("owner:", "related: [bestaat-niet]\nowner:"), 10, "bestaat niet"),
    (
        "source-bad-url",
        replace("owner:", "sources:\n  - {title: Bron, url: ftp://x.nl/}\nowner:"),
        11,
        "https://",
    ),
    (
        "asked-unknown-municipality",
        replace("owner:", "asked_in:\n  - {municipality: atlantis, year: 2024}\nowner:"),
        11,
        "staat niet in de taxonomie",
    ),
    (
        "changes-missing-current",
        replace("owner:", "changes:\n  - {version: 3, date: 2026-01-10, summary: Iets.}\nowner:"),
        10,
        "huidige versie",
    ),
    ("non-utf8", VALID_QUESTION.encode("utf-8").replace(b"Isoleer", b"Isol\xe9er"), 15, "UTF-8"),
    ("empty-body", VALID_QUESTION.split("## Kort")[0], 12, "leeg"),
    ("missing-section", replace("## Toelichting", "## Uitleg"), 12, "'## Toelichting' ontbreekt"),
    ("html-script", replace("Meer uitleg.", "<script>alert(1)</script>"), 19, "<script>"),
    (
        "html-iframe",
        replace("Meer uitleg.", '<iframe src="https://x.nl"></iframe>'),
        19,
        "<iframe>",
    ),
    ("html-object", replace("Meer uitleg.", "<object data=x></object>"), 19, "<object>"),
    ("html-style", replace("Meer uitleg.", "<style>p{}</style>"), 19, "<style>"),
    ("html-form", replace("Meer uitleg.", "<form><input></form>"), 19, "<form>"),
    (
        "html-event-handler",
        replace("Meer uitleg.", '<abbr onmouseover="x()">A</abbr>'),
        19,
        "onmouseover",
    ),
    (
        "javascript-link",
        replace("Meer uitleg.", "[klik](javascript:alert(1))"),
        19,
        "'javascript:'",
    ),
    (
        "data-link",
        replace("Meer uitleg.", "![x](data:text/html;base64,PHNjcmlwdD4=)"),
        19,
        "'data:'",
    ),
    ("megabytes", VALID_QUESTION + ("Lange tekst. " * 100_000), 1, "groter dan"),
]


@pytest.mark.parametrize(("name", "content", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_rejected_input(workdir: Path, cli, name, content, line, words):
    target = workdir / QUESTION
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    result = cli("check")
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    lines = [ln for ln in result.out.splitlines() if ln.startswith(QUESTION)]
    assert any(ln.startswith(f"{QUESTION}:{line}: fout: ") and words in ln for ln in lines), (
        f"verwacht regel {line} met {words!r}, kreeg:\n{result.out}"
    )


def test_folder_that_is_not_a_type(workdir: Path, cli):
    (workdir / "toolbox" / "overig").mkdir()
    (workdir / "toolbox" / "overig" / "los-item.md").write_text(VALID_QUESTION, encoding="utf-8")
    result = cli("check")
    assert result.code == 1
    assert (
        "toolbox/overig/los-item.md:1: fout: items horen direct in een van de mappen" in result.out
    )


@pytest.mark.parametrize("name", ["Hoofdletters.md", "met_underscore.md", "index.md"])
def test_invalid_file_name(workdir: Path, cli, name):
    (workdir / "toolbox" / "vragen" / name).write_text(VALID_QUESTION, encoding="utf-8")
    result = cli("check")
    assert result.code == 1
    assert f"toolbox/vragen/{name}:1: fout: bestandsnaam" in result.out


def test_duplicate_id_across_folders(workdir: Path, cli):
    text = VALID_QUESTION
    (workdir / "toolbox/vragen/dubbel-item.md").write_text(text, encoding="utf-8")
    (workdir / "toolbox/aanpak/dubbel-item.md").write_text(text, encoding="utf-8")
    result = cli("check")
    assert result.code == 1
    assert (
        "toolbox/aanpak/dubbel-item.md:1: fout: id 'dubbel-item' komt in meer mappen voor"
        in result.out
    )
    assert "toolbox/vragen/dubbel-item.md:1: fout: id 'dubbel-item'" in result.out


def test_reports_every_problem_in_one_run(workdir: Path, cli):
    (workdir / QUESTION).write_text(
        replace("visibility: public", "visibility: no"), encoding="utf-8"
    )
    other = workdir / "toolbox/vragen/tweede-vraag.md"
    other.write_text(VALID_QUESTION.replace("version: 1", "version: nul"), encoding="utf-8")
    result = cli("check", "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["errors"] == 2
    assert {p["path"] for p in report["problems"]} == {QUESTION, "toolbox/vragen/tweede-vraag.md"}
    assert all(p["severity"] == "fout" for p in report["problems"])


def test_yaml_anchors_are_refused(workdir: Path, cli):
    text = replace("tags: [techniek, warmtepomp, verkennen]", "tags: &t [techniek]\naudience2: *t")
    (workdir / QUESTION).write_text(text, encoding="utf-8")
    result = cli("check")
    assert result.code == 1
    assert "ankers en verwijzingen" in result.out


def test_missing_toolbox_folder(tmp_path: Path):
    from conftest import run_cli

    result = run_cli("check", "--toolbox", "nergens", cwd=tmp_path)
    assert result.code == 1
    assert "nergens:1: fout: map niet gevonden" in result.out
    assert "Traceback" not in result.text


def test_broken_taxonomy_is_reported_with_line(workdir: Path, cli):
    taxonomy = workdir / "toolbox/taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "extra: 1\n", encoding="utf-8")
    result = cli("check")
    assert result.code == 1
    assert "toolbox/taxonomy.yml:" in result.out and "onbekende sleutel 'extra'" in result.out
