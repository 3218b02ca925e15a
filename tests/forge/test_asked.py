"""``warmtetoolbox asked``: an ``asked_in`` record added in place, validated, never twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from conftest import VALID_QUESTION

QUESTION = Path("toolbox/vragen/wat-kost-aansluiten-op-een-warmtenet.md")


def frontmatter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_asked_appends_a_record_after_the_last(cli, workdir: Path):
    before = (workdir / QUESTION).read_text(encoding="utf-8")
    result = cli(
        "asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "teststad",
        "--jaar", "2025", "--context", "raadsvragen", "--wijk", "De Brink",
    )  # fmt: skip
    assert result.code == 0, result.text
    assert "Teststad (2025) toegevoegd" in result.out
    after = (workdir / QUESTION).read_text(encoding="utf-8")
    added = (
        "  - {municipality: teststad, year: 2025, neighbourhood: De Brink, context: raadsvragen}"
    )
    assert after == before.replace(
        "context: haalbaarheidsonderzoek}\n", f"context: haalbaarheidsonderzoek}}\n{added}\n"
    )
    assert cli("check").code == 0


def test_asked_creates_the_list_before_the_next_field(cli, workdir: Path):
    path = workdir / "toolbox/vragen/hoe-werkt-een-warmtepomp.md"
    path.write_text(VALID_QUESTION.replace("owner:", "# beheer\nowner:"), encoding="utf-8")
    result = cli("asked", "hoe-werkt-een-warmtepomp", "--gemeente", "proefdorp", "--jaar", "2024")
    assert result.code == 0, result.text
    text = path.read_text(encoding="utf-8")
    assert (
        "owner: Redactie Testtoolbox\nasked_in:\n  - {municipality: proefdorp, year: 2024}\n---"
        in text
    )
    assert frontmatter(path)["asked_in"] == [{"municipality": "proefdorp", "year": 2024}]


def test_comments_and_layout_survive(cli, workdir: Path):
    path = workdir / QUESTION
    text = path.read_text(encoding="utf-8").replace(
        "asked_in:\n",
        "asked_in:  # wie de vraag stelde\n  # eerst de oudste\n",
    ).replace(
        "  - {municipality: proefdorp, year: 2024, context: haalbaarheidsonderzoek}\n",
        "  - municipality: proefdorp  # voorbeeld\n    year: 2024\n    context: 'haalbaarheidsonderzoek'\n",
    )  # fmt: skip
    path.write_text(text, encoding="utf-8")
    result = cli(
        "asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "teststad",
        "--jaar", "2024", "--context", "vraag: wat kost het? #1",
    )  # fmt: skip
    assert result.code == 0, result.text
    after = path.read_text(encoding="utf-8")
    assert "asked_in:  # wie de vraag stelde\n  # eerst de oudste\n" in after
    assert "  - municipality: proefdorp  # voorbeeld\n    year: 2024\n" in after
    assert "    context: 'haalbaarheidsonderzoek'\n  - {municipality: teststad" in after
    assert frontmatter(path)["asked_in"][-1] == {
        "municipality": "teststad",
        "year": 2024,
        "context": "vraag: wat kost het? #1",
    }
    kept = [
        line
        for line in after.split("\n")
        if not line.startswith("  - {municipality: teststad, year: 2024")
    ]
    assert "\n".join(kept) == text  # only the new line differs
    assert cli("check").code == 0


def test_unknown_municipality_is_refused_with_a_suggestion(cli, workdir: Path):
    before = (workdir / QUESTION).read_text(encoding="utf-8")
    result = cli(
        "asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "tesstad", "--jaar", "2025"
    )
    assert result.code == 2
    assert "gemeente 'tesstad' staat niet in de taxonomie; bedoelde u 'teststad'?" in result.err
    assert "Traceback" not in result.text
    by_label = cli(
        "asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "Proefdorp", "--jaar", "2025"
    )
    assert "bedoelde u 'proefdorp'?" in by_label.err
    region = cli(
        "asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "testregio", "--jaar", "2025"
    )
    assert "is een regio, geen gemeente" in region.err
    assert (workdir / QUESTION).read_text(encoding="utf-8") == before


def test_duplicate_is_refused(cli, workdir: Path):
    before = (workdir / QUESTION).read_text(encoding="utf-8")
    result = cli(
        "asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "proefdorp", "--jaar", "2024"
    )
    assert result.code == 2
    assert "proefdorp staat al met 2024 in 'asked_in'" in result.err
    assert (workdir / QUESTION).read_text(encoding="utf-8") == before


def test_only_questions_and_years_in_bounds(cli, workdir: Path):
    law = cli("asked", "warmtewet-test", "--gemeente", "teststad", "--jaar", "2025")
    assert law.code == 2 and "is geen vraag" in law.err
    future = cli("asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "teststad",
                 "--jaar", str(date.today().year + 1))  # fmt: skip
    assert future.code == 2 and "tot en met" in future.err
    early = cli(
        "asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "teststad", "--jaar", "1999"
    )
    assert early.code == 2 and "van 2015" in early.err
    word = cli(
        "asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "teststad", "--jaar", "vorig"
    )
    assert word.code == 2 and "jaartal van vier cijfers" in word.err
    missing = cli("asked", "bestaat-niet", "--gemeente", "teststad", "--jaar", "2025")
    assert missing.code == 2 and "niet gevonden" in missing.err


def test_an_invalid_record_writes_nothing(cli, workdir: Path):
    before = (workdir / QUESTION).read_text(encoding="utf-8")
    result = cli("asked", "wat-kost-aansluiten-op-een-warmtenet", "--gemeente", "teststad",
                 "--jaar", "2025", "--context", "x" * 500)  # fmt: skip
    assert result.code == 2
    assert "context" in result.out and "niets gewijzigd" in result.err
    assert (workdir / QUESTION).read_text(encoding="utf-8") == before
