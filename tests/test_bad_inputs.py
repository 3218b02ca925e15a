"""The bad-input corpus: every class of hostile or careless input, through ``check`` and the build.

Cases live in ``tests/data/bad_inputs/*.yml`` (one file per area, so the corpus can grow
without conflicts). Each case overlays files on a copy of the fixture toolbox:

```yaml
- name: effort-hours-infinite          # unique over the corpus
  file: vragen/hoe-werkt-een-warmtepomp.md   # path inside toolbox/
  replace: {"effort_hours: 4": "effort_hours: .inf"}   # edits of the valid question, or:
  edit: {"label: Warmtenet": "label: '[x](y)'"}  # edits of the fixture's own ``file``, or:
  text: "..."                          # the whole file; {{repeat TEXT N}} repeats TEXT N times
  symlink: /dev/zero                   # or: make ``file`` a symlink to this target
  fifo: true                           # or: make ``file`` a named pipe
  directory: true                      # or: make ``file`` a folder
  check:                               # what ``warmtetoolbox check`` must do
    code: 1                            # exit code (default 1)
    line: 9                            # optional: the problem names this line of ``file``
    contains: [effort_hours, eindig]   # words the output must hold (Dutch)
  build: fail                          # optional: run ``mkdocs build --strict`` too: fail or pass
```

Every run must end within its bound (no hang), print no traceback and no English OS
error text.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE_TOOLBOX, REPO, VALID_QUESTION

CORPUS = Path(__file__).resolve().parent / "data" / "bad_inputs"
QUESTION_FILE = "vragen/hoe-werkt-een-warmtepomp.md"
CHECK_BOUND_S = 60  # a hang guard, not a benchmark: pathological input takes < 5 s
BUILD_BOUND_S = 180
_REPEAT = re.compile(r"\{\{repeat (.+?) (\d+)\}\}", re.S)
ENGLISH = ("Traceback", "No such file", "Permission denied", "Is a directory", "Errno")


def _cases() -> list[dict]:
    cases = []
    for path in sorted(CORPUS.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append({**case, "corpus": path.name})
    return cases


CASES = _cases()


def _text(case: dict) -> str:
    if "text" in case:
        text = case["text"]
    elif "edit" in case:
        text = (FIXTURE_TOOLBOX / case["file"]).read_text(encoding="utf-8")
        for old, new in case["edit"].items():
            assert old in text, f"{case['name']}: '{old}' staat niet in {case['file']}"
            text = text.replace(old, new, 1)
    else:
        text = VALID_QUESTION
        for old, new in (case.get("replace") or {}).items():
            assert old in text, f"{case['name']}: '{old}' staat niet in de geldige vraag"
            text = text.replace(old, new, 1)
    return _REPEAT.sub(lambda m: yaml.safe_load(f'"{m.group(1)}"') * int(m.group(2)), text)


def _prepare(case: dict, root: Path) -> Path:
    toolbox = root / "toolbox"
    shutil.copytree(FIXTURE_TOOLBOX, toolbox)
    target = toolbox / case.get("file", QUESTION_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        target.unlink()
    if "symlink" in case:
        link = case["symlink"].replace("{root}", str(root))
        os.symlink(link, target)
    elif case.get("fifo"):
        os.mkfifo(target)
    elif case.get("directory"):
        target.mkdir()
    elif case.get("binary") is not None:
        target.write_bytes(case["binary"].encode("latin-1"))
    else:
        target.write_text(_text(case), encoding="utf-8", newline="")
    for extra, content in (case.get("extra_files") or {}).items():
        path = root / extra
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return toolbox


def _run(args: list[str], cwd: Path, bound: int, env: dict | None = None):
    try:
        return subprocess.run(
            args,
            cwd=cwd,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=bound,
            env={**os.environ, **(env or {})},
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(args[:4])} hing langer dan {bound} s")


def test_the_corpus_is_not_empty_and_names_are_unique():
    names = [c["name"] for c in CASES]
    assert len(names) >= 40
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_check_answers_in_dutch(case, tmp_path):
    _prepare(case, tmp_path)
    expect = case.get("check") or {}
    proc = _run([sys.executable, "-m", "warmtetoolbox", "check"], tmp_path, CHECK_BOUND_S)
    output = proc.stdout + proc.stderr
    assert not [w for w in ENGLISH if w in output], output[-2000:]
    assert proc.returncode == expect.get("code", 1), output[-2000:]
    for word in expect.get("contains", []):
        assert word in output, f"{word!r} ontbreekt in:\n{output[-2000:]}"
    if "line" in expect:
        where = f"toolbox/{case.get('file', QUESTION_FILE)}:{expect['line']}:"
        assert where in output, f"{where} ontbreekt in:\n{output[-2000:]}"


BUILD_CASES = [c for c in CASES if c.get("build")]


@pytest.mark.build
@pytest.mark.parametrize("case", BUILD_CASES, ids=[c["name"] for c in BUILD_CASES])
def test_build_agrees_with_check(case, tmp_path):
    toolbox = _prepare(case, tmp_path)
    env = {
        "WARMTETOOLBOX_TOOLBOX": str(toolbox),
        "WARMTETOOLBOX_EDITION": case.get("edition", "public"),
        "WARMTETOOLBOX_INDEX_DIR": str(tmp_path / "zoekindex"),
        "WARMTETOOLBOX_HISTORY": "false",
        "WARMTETOOLBOX_GIT_DATES": "false",
        "NO_MKDOCS_2_WARNING": "1",
    }
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml")]
    proc = _run([*args, "-d", str(tmp_path / "site")], REPO, BUILD_BOUND_S, env)
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output[-3000:]
    if case["build"] == "pass":
        assert proc.returncode == 0, output[-3000:]
    else:
        assert proc.returncode != 0, output[-3000:]
        for word in (case.get("check") or {}).get("contains", []):
            assert word in output, f"{word!r} ontbreekt in de build-uitvoer:\n{output[-3000:]}"
