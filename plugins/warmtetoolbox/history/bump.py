"""``warmtetoolbox bump``: raise an entry's version, date it and record the change.

The frontmatter is edited as text (comments and layout stay), the result is
validated before anything is written, and the file is replaced atomically.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import date
from pathlib import Path

from ..model import yamlstrict


class BumpError(ValueError):
    """Why an entry could not be bumped, in Dutch."""


def bump_text(text: str, summary: str, today: date) -> tuple[str, int]:
    """The file text with version + 1, ``updated`` today and a new ``changes`` item."""
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise BumpError("het bestand begint niet met frontmatter ('---')")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise BumpError("de frontmatter wordt niet afgesloten")
    parsed = yamlstrict.parse("\n".join(lines[1:end]), first_line=2)
    meta = parsed.data if isinstance(parsed.data, dict) else {}
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
