"""``warmtetoolbox bump``: raise an entry's version, date it and record the change.

The frontmatter is edited as text (comments and layout stay), the result is
validated before anything is written, and the file is replaced atomically.

Bump refuses when there is nothing to record: when the content (frontmatter without
``version``, ``updated`` and ``changes``, and the body) equals the last committed
version in git (``git show <commit>:<path>`` of the first commit with the current
version number, so an edit committed without a bump can still be bumped), or when the
version was already raised since the last commit. Outside git, or for a file git does not have yet, there is no earlier version:
bump then raises the version and (outside git) says it could not compare.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import date
from pathlib import Path

from ..model import yamlstrict
from .git_history import GitError, repository_root, run_git

# Frontmatter keys that ``bump`` itself writes: they do not count as content.
BOOKKEEPING = frozenset({"version", "updated", "changes"})
MAX_COMMITS = 500  # how far back bump looks for the commit that set the current version


class BumpError(ValueError):
    """Why an entry could not be bumped, in Dutch."""


def bump_text(text: str, summary: str, today: date) -> tuple[str, int]:
    """The file text with version + 1, ``updated`` today and a new ``changes`` item."""
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    end, parsed, meta = _frontmatter(lines)
    version = meta.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BumpError("'version' ontbreekt of is geen geheel getal; herstel dat eerst")
    new = version + 1
    item = f"{{version: {new}, date: {today.isoformat()}, summary: {json.dumps(summary, ensure_ascii=False)}}}"
    _set_scalar(lines, parsed, "version", str(new))
    _set_scalar(lines, parsed, "updated", today.isoformat())
    changes_line = parsed.line(("changes",), 0) if "changes" in meta else 0
    if changes_line and isinstance(meta["changes"], list) and meta["changes"]:
        first = parsed.line(("changes", 0), changes_line) - 1
        indent = re.match(r"\s*", lines[first]).group(0)
        if lines[first].lstrip().startswith("- "):
            lines.insert(first, f"{indent}- {item}")
        else:
            raise BumpError(
                "'changes' staat niet als lijst met '- ' onder elkaar; zet de regel met de hand"
            )
    elif changes_line:
        lines[changes_line - 1] = f"changes:\n  - {item}"
    else:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        lines.insert(end, f"changes:\n  - {item}")
    return bom + newline.join("\n".join(lines).split("\n")), new


def _split(text: str) -> tuple[dict, str]:
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    end, _, meta = _frontmatter(lines)
    return meta, "\n".join(lines[end + 1 :])


def content_key(text: str) -> str:
    """What counts as the entry's content: frontmatter without ``BOOKKEEPING``, and the body
    (trailing spaces and blank lines at either end ignored)."""
    meta, body = _split(text)
    kept = {k: v for k, v in meta.items() if k not in BOOKKEEPING}
    lines = [line.rstrip() for line in body.strip("\n").split("\n")]
    return json.dumps([kept, lines], sort_keys=True, default=str, ensure_ascii=False)


def committed_text(path: Path, version: object) -> str | None:
    """The file as it was first committed with ``version`` (the newest version in HEAD when
    ``version`` is not there): None outside git, '' for a file git does not have yet."""
    root = repository_root(path.parent)
    if root is None:
        return None
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    try:
        commits = run_git(
            root, "log", f"--max-count={MAX_COMMITS}", "--format=%H", "HEAD", "--", relative
        ).split()
    except GitError:
        return ""  # no commit yet
    baseline = ""
    for commit in commits:  # newest first: walk back while the version stays the same
        try:
            text = run_git(root, "show", f"{commit.decode()}:{relative}").decode("utf-8", "replace")
        except GitError:
            break  # the file was deleted or renamed here
        if baseline and _version(text) != _version(baseline):
            break
        if not baseline and _version(text) != version and _version(text) is not None:
            return text  # the working copy's version is not committed yet
        baseline = text
    return baseline


def _version(text: str) -> object:
    try:
        return _split(text)[0].get("version")
    except (BumpError, yamlstrict.YamlError):
        return None


def check_changed(path: Path, text: str) -> str | None:
    """Raise ``BumpError`` when there is nothing to bump; a Dutch note when unknown."""
    current = _version(text)
    before = committed_text(path, current)
    if before is None:
        return (
            "let op: geen eerdere versie in git gevonden (de map is geen git-repository); "
            "niet gecontroleerd of de inhoud veranderde"
        )
    if not before:
        return None
    try:
        unchanged = content_key(before) == content_key(text)
    except (BumpError, yamlstrict.YamlError):
        return None  # the committed file was broken: any repair is a change
    if unchanged:
        raise BumpError(
            "de inhoud is niet veranderd sinds de laatste versie in git (alleen 'version', "
            "'updated' of 'changes' verschillen); pas eerst de tekst of de velden aan"
        )
    old = _version(before)
    if isinstance(old, int) and isinstance(current, int) and current > old:
        raise BumpError(
            f"de versie is sinds de laatste commit al verhoogd naar versie {current}; "
            "beschrijf de extra wijziging in de bovenste regel van 'changes' in plaats van "
            "opnieuw te verhogen"
        )
    return None


def _set_scalar(lines: list[str], parsed, key: str, value: str) -> None:
    if key not in (parsed.data or {}):
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        lines.insert(end, f"{key}: {value}")
        return
    index = parsed.line((key,), 0) - 1
    match = re.match(rf"^(\s*{re.escape(key)}\s*:\s*)(.*?)(\s+#.*)?$", lines[index])
    if not match:
        raise BumpError(f"'{key}' staat niet op één regel; pas het met de hand aan")
    lines[index] = f"{match.group(1)}{value}{match.group(3) or ''}"


def write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _frontmatter(lines: list[str]) -> tuple[int, yamlstrict.Parsed, dict]:
    """(index of the closing line, parsed frontmatter, its mapping) of a file's lines."""
    if not lines or lines[0].strip() != "---":
        raise BumpError("het bestand begint niet met frontmatter ('---')")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise BumpError("de frontmatter wordt niet afgesloten")
    parsed = yamlstrict.parse("\n".join(lines[1:end]), first_line=2)
    meta = parsed.data if isinstance(parsed.data, dict) else {}
    return end, parsed, meta
