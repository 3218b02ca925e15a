"""``warmtetoolbox codeowners``: CODEOWNERS from the taxonomy, checked in ``make test``."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, VALID_QUESTION, run_cli

OWNERS = """
owners:
  Redactie Testtoolbox: ["@test/redactie"]
  Gemeente Teststad: ["@teststad", "@test/wijkteam"]
maintainers: ["@test/beheer"]
"""


def with_owners(workdir: Path) -> None:
    taxonomy = workdir / "toolbox" / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + OWNERS, encoding="utf-8")
    questions = workdir / "toolbox" / "vragen"
    (questions / "hoe-werkt-een-warmtepomp.md").write_text(VALID_QUESTION, encoding="utf-8")
    (questions / "warmtepomp-in-teststad.md").write_text(
        VALID_QUESTION.replace("owner: Redactie Testtoolbox", "owner: Gemeente Teststad")
        .replace("Hoe werkt een warmtepomp in een oud huis?", "Werkt een warmtepomp in Teststad?"),
        encoding="utf-8",
    )  # fmt: skip


def test_codeowners_per_folder_with_exceptions_and_maintainers(cli, workdir: Path):
    with_owners(workdir)
    (workdir / "Makefile").write_text("test:\n", encoding="utf-8")
    result = cli("codeowners")
    assert result.code == 0, result.text
    text = (workdir / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "* @test/beheer",
        "/toolbox/vragen/ @test/redactie",
        "/toolbox/vragen/warmtepomp-in-teststad.md @teststad @test/wijkteam",
        "/toolbox/regelgeving/ @test/redactie",
        "/toolbox/financiering/ @test/redactie",
        "/toolbox/aanpak/ @test/redactie",
        "/toolbox/praktijk/ @test/redactie",
        "/toolbox/taxonomy.yml @test/beheer",
        "/toolbox/schema/ @test/beheer",
        "/toolbox/edities/ @test/beheer",
        "/Makefile @test/beheer",
        "/CODEOWNERS @test/beheer",
    ]
    assert cli("codeowners", "--check").code == 0


def test_check_fails_in_dutch_when_out_of_date(cli, workdir: Path):
    with_owners(workdir)
    missing = cli("codeowners", "--check")
    assert missing.code == 2
    assert "CODEOWNERS is niet actueel" in missing.err and "warmtetoolbox codeowners" in missing.err
    assert not (workdir / "CODEOWNERS").exists()
    assert cli("codeowners").code == 0
    law = workdir / "toolbox" / "regelgeving" / "warmtewet-test.md"
    law.write_text(
        law.read_text(encoding="utf-8").replace("owner: Redactie Testtoolbox", "owner: Gemeente Teststad"),
        encoding="utf-8",
    )  # fmt: skip
    stale = cli("codeowners", "--check")
    assert stale.code == 2 and "niet actueel" in stale.err
    assert cli("codeowners").code == 0
    assert "/toolbox/regelgeving/ @teststad @test/wijkteam" in (workdir / "CODEOWNERS").read_text()


def test_owner_without_handle_is_a_warning_and_goes_to_maintainers(cli, workdir: Path):
    with_owners(workdir)
    law = workdir / "toolbox" / "regelgeving" / "warmtewet-test.md"
    law.write_text(
        law.read_text(encoding="utf-8").replace("owner: Redactie Testtoolbox", "owner: Onbekende Club"),
        encoding="utf-8",
    )  # fmt: skip
    check = cli("check")
    assert check.code == 0, check.text
    assert re.search(
        r"toolbox/regelgeving/warmtewet-test\.md:10: waarschuwing: beheerder 'Onbekende Club' "
        r"heeft geen naam op GitHub of GitLab",
        check.out,
    ), check.out
    assert cli("codeowners").code == 0
    assert "/toolbox/regelgeving/ @test/beheer" in (workdir / "CODEOWNERS").read_text()


def test_no_owners_in_the_taxonomy_is_refused_and_check_stays_quiet(cli, workdir: Path):
    result = cli("codeowners")
    assert result.code == 2
    assert "noemt geen 'owners' en geen 'maintainers'" in result.err
    assert "beheerder" not in cli("check").out


def test_the_repository_codeowners_is_up_to_date():
    result = run_cli("codeowners", "--check", cwd=REPO)
    assert result.code == 0, result.text
