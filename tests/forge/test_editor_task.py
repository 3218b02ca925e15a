"""The VS Code task in ``.vscode/tasks.json`` is the one CONTRIBUTING.md shows, and its
problem matchers read the lines ``warmtetoolbox check`` prints."""

from __future__ import annotations

import json
import re

from conftest import REPO, run_cli


def test_task_file_matches_contributing():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = re.search(r"```json\n(.*?)\n\s*```", text, re.S).group(1)
    assert json.loads(shown) == json.loads((REPO / ".vscode" / "tasks.json").read_text("utf-8"))


def test_problem_matchers_read_check_output(workdir):
    task = json.loads((REPO / ".vscode" / "tasks.json").read_text("utf-8"))["tasks"][0]
    matchers = {m["severity"]: re.compile(m["pattern"]["regexp"]) for m in task["problemMatcher"]}
    question = workdir / "toolbox" / "vragen" / "wat-kost-aansluiten-op-een-warmtenet.md"
    question.write_text(
        question.read_text(encoding="utf-8").replace("version: 2", "version: nul"), "utf-8"
    )
    out = run_cli("check", cwd=workdir).out
    line = next(line for line in out.splitlines() if ": fout: " in line)
    found = matchers["error"].match(line)
    assert found and found.group(1) == "toolbox/vragen/wat-kost-aansluiten-op-een-warmtenet.md"
    assert found.group(2) == "8" and not matchers["warning"].match(line)
