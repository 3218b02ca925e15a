"""The forge files: valid against the forges' schemas (offline), and they only call ``make``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

GITHUB_WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(
    p for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"
)
GITLAB_CI = REPO / ".gitlab-ci.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
MAKE_CALL = re.compile(r"(?:^|[\s;&|(])make\s+((?:-\S+\s+)*)([A-Za-z][\w-]*)")
# The only shell lines besides ``make`` (forge glue, no project logic).
GLUE = (
    re.compile(r'^echo "lijst=\$\(make -s ci-editions\)" >> "\$GITHUB_OUTPUT"$'),
    re.compile(r"^exit 1$"),
    re.compile(r'^python3 \.gitlab/dode_links_issue\.py linkrapport\.md "\$status"$'),
)


def _schema_check(schema: str, files: list[Path]) -> subprocess.CompletedProcess:
    assert files, f"geen bestanden voor {schema}"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", GITHUB_WORKFLOWS),
        ("vendor.gitlab-ci", [GITLAB_CI]),
        ("vendor.github-issue-forms", ISSUE_FORMS),
        ("vendor.github-issue-config", [REPO / ".github" / "ISSUE_TEMPLATE" / "config.yml"]),
    ],
)
def test_forge_files_validate_against_vendored_schemas(schema, files):
    done = _schema_check(schema, files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_does_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "kapot.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step: []\n", "utf-8")
    assert _schema_check("vendor.github-workflows", [broken]).returncode == 1
    gitlab = tmp_path / "kapot-gitlab.yml"
    gitlab.write_text("job:\n  script: make test\n  when: soms\n", "utf-8")
    assert _schema_check("vendor.gitlab-ci", [gitlab]).returncode == 1


def _github_commands() -> dict[str, list[str]]:
    commands = {}
    for path in GITHUB_WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        commands[path.name] = [
            line.strip()
            for job in workflow["jobs"].values()
            for step in job.get("steps", [])
            if "run" in step
            for line in step["run"].splitlines()
            if line.strip()
        ]
    return commands


def _gitlab_commands() -> list[str]:
    config = yaml.safe_load(GITLAB_CI.read_text(encoding="utf-8"))
    lines = []
    for job in config.values():
        if isinstance(job, dict):
            for key in ("before_script", "script", "after_script"):
                lines.extend(job.get(key, []))
    return lines


def _make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return {
        target
        for match in re.finditer(r"^([^\s#:=][^:=]*?)\s*:(?!=)", text, re.M)
        for target in match.group(1).split()
    }


def _called_targets(lines: list[str]) -> set[str]:
    return {m.group(2) for line in lines for m in MAKE_CALL.finditer(line)}


def test_every_make_target_the_workflows_call_exists():
    targets = _make_targets()
    assert {"install", "test", "lint", "clean"} <= targets  # guards the parser itself
    lines = [*_gitlab_commands(), *(c for cs in _github_commands().values() for c in cs)]
    called = _called_targets(lines)
    assert {"ci-check", "ci-base", "ci-build", "test", "ci-links"} <= called
    assert called <= targets, f"niet in de Makefile: {sorted(called - targets)}"


def test_workflows_only_call_make():
    lines = [*_gitlab_commands(), *(c for cs in _github_commands().values() for c in cs)]
    for line in lines:
        if line.startswith("make "):
            continue
        assert any(g.match(line) for g in GLUE), f"logica buiten de Makefile: {line!r}"


def test_pull_request_checks_are_the_same_on_both_forges():
    pr_targets = {"ci-setup", "ci-check", "ci-base", "ci-build", "test"}
    github = _called_targets(_github_commands()["controle.yml"])
    assert github == pr_targets
    assert pr_targets <= _called_targets(_gitlab_commands())


def test_full_history_for_check_base():
    workflow = yaml.safe_load((REPO / ".github/workflows/controle.yml").read_text("utf-8"))
    for job in workflow["jobs"].values():
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 0
    gitlab = yaml.safe_load(GITLAB_CI.read_text(encoding="utf-8"))
    assert gitlab["variables"]["GIT_DEPTH"] == "0"


def test_published_address_comes_from_the_forge_never_localhost():
    for path in [*GITHUB_WORKFLOWS, GITLAB_CI]:
        text = path.read_text(encoding="utf-8")
        assert "localhost" not in text and "127.0.0.1" not in text, path.name
    publish = (REPO / ".github/workflows/publiceren.yml").read_text("utf-8")
    assert "actions/configure-pages" in publish
    assert "steps.pages.outputs.base_url" in publish
    assert 'SITE_URL="$CI_PAGES_URL"' in GITLAB_CI.read_text(encoding="utf-8")


def test_gitlab_edition_list_matches_the_edition_files():
    config = yaml.safe_load(GITLAB_CI.read_text(encoding="utf-8"))
    listed = config["gemeente-editie"]["parallel"]["matrix"][0]["GEMEENTE"]
    files = sorted(p.stem for p in (REPO / "toolbox" / "edities").glob("*.yml"))
    assert sorted(listed) == files


def test_make_lists_the_editions_for_the_github_matrix():
    done = subprocess.run(
        ["make", "-s", "ci-editions"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    files = sorted(p.stem for p in (REPO / "toolbox" / "edities").glob("*.yml"))
    assert json.loads(done.stdout) == files


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("ci-base", "BASE=origin/main"),
        ("ci-edition", "NAAM=<naam>"),
    ],
)
def test_ci_targets_without_their_variable_say_so_in_dutch(target, words):
    done = subprocess.run(
        ["make", "-s", "-o", "install", "-o", ".venv/.installed", target],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert words in done.stderr


def test_pre_commit_hooks_are_local_and_check_changed_entries():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    assert set(hooks) == {"ruff-check", "ruff-format", "warmtetoolbox-check"}
    for hook in hooks.values():
        assert hook["language"] == "system"
        program = hook["entry"].split()[0]
        assert program.startswith(".venv/bin/"), program
        assert (Path(sys.executable).parent / Path(program).name).exists(), program
    toolbox = hooks["warmtetoolbox-check"]
    assert re.search(toolbox["files"], "toolbox/vragen/een-vraag.md")
    assert not re.search(toolbox["files"], "plugins/warmtetoolbox/cli/parser.py")
    assert toolbox["pass_filenames"] is False  # check reads the whole toolbox


FORM_IDS = {
    "nieuwe-vraag.yml": {"zoekwoorden", "gemeente", "context", "adres"},
    "fout-of-verouderd.yml": {"id", "versie", "adres"},
    "regel-veranderd.yml": {"id", "versie", "adres"},
    "speelt-ook-bij-ons.yml": {"id", "versie", "adres", "gemeente", "jaar", "context"},
}


@pytest.mark.parametrize(("form", "ids"), sorted(FORM_IDS.items()))
def test_issue_forms_have_the_stable_prefill_ids(form, ids):
    data = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / form).read_text("utf-8"))
    found = {field["id"] for field in data["body"] if "id" in field}
    assert ids <= found
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert form in guide
    for field_id in ids:
        assert f"| `{field_id}` |" in guide


def test_every_form_has_a_gitlab_template_and_both_forges_a_pr_template():
    names = {p.stem for p in (REPO / ".gitlab" / "issue_templates").glob("*.md")}
    assert names == {
        "Nieuwe-vraag",
        "Fout-of-verouderd",
        "Regel-of-regeling-veranderd",
        "Deze-vraag-speelt-ook-bij-ons",
    }
    for template in (
        REPO / ".github" / "pull_request_template.md",
        REPO / ".gitlab" / "merge_request_templates" / "Default.md",
    ):
        text = template.read_text(encoding="utf-8")
        for item in ("bron met datum", "review_by", "warmtetoolbox bump", "B1"):
            assert item in text, (template.name, item)


def test_ci_targets_never_call_make_recursively():
    # make's "-o <stamp>" does not reach a sub-make, which would then reinstall the venv
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    recipes = re.findall(r"^(ci-[\w-]+):.*\n((?:\t.*\n?)*)", text, re.M)
    assert {name for name, _ in recipes} >= {"ci-check", "ci-base", "ci-build", "ci-edition"}
    for name, recipe in recipes:
        assert "$(MAKE)" not in recipe, name
        assert not re.search(r"^\t[@-]*make\s", recipe, re.M), name
