"""``warmtetoolbox asked``: add an ``asked_in`` record to a question, in place.

Like ``bump``, the frontmatter is edited as text: comments, quoting and the order
of the fields stay as they are. The new record goes after the last one, in the
same one-line style the toolbox uses (``- {municipality: …, year: …}``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..model import yamlstrict
from ..model.schema import FIELDS


class AskedError(ValueError):
    """Why the record could not be added, in Dutch."""


@dataclass(frozen=True)
class AskedRecord:
    municipality: str
    year: int
    neighbourhood: str | None = None
    context: str | None = None

    def as_dict(self) -> dict:
        values = {"municipality": self.municipality, "year": self.year}
        if self.neighbourhood:
            values["neighbourhood"] = self.neighbourhood
        if self.context:
            values["context"] = self.context
        return values

    def flow(self) -> str:
        parts = [f"{key}: {_scalar(value)}" for key, value in self.as_dict().items()]
        return "{" + ", ".join(parts) + "}"


def _scalar(value) -> str:
    """``value`` unquoted when YAML reads it back as the same string, else JSON-quoted."""
    if isinstance(value, int):
        return str(value)
    try:
        if yamlstrict.parse(f"{{k: {value}}}").data == {"k": value}:
            return value
    except yamlstrict.YamlError:
        pass
    return json.dumps(value, ensure_ascii=False)


def add_asked_text(text: str, record: AskedRecord) -> str:
    """The file text with ``record`` appended to ``asked_in`` (created when missing)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise AskedError("het bestand begint niet met frontmatter ('---')")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise AskedError("de frontmatter wordt niet afgesloten")
    parsed = yamlstrict.parse("\n".join(lines[1:end]), first_line=2)
    meta = parsed.data if isinstance(parsed.data, dict) else {}
    current = meta.get("asked_in")
    item = record.flow()
    if "asked_in" not in meta:
        lines.insert(_new_key_index(lines, parsed, meta, end), f"asked_in:\n  - {item}")
    elif isinstance(current, list) and current:
        key_line = parsed.line(("asked_in",), 0)
        first = parsed.line(("asked_in", 0), key_line) - 1
        last = parsed.line(("asked_in", len(current) - 1), key_line) - 1
        if first == key_line - 1 or not lines[first].lstrip().startswith("- "):
            raise AskedError(
                "'asked_in' staat niet als lijst met '- ' onder elkaar; zet de regel met de hand"
            )
        indent = re.match(r"\s*", lines[first]).group(0)
        after = last + 1
        while after < end and lines[after].strip() and _indent(lines[after]) > len(indent):
            after += 1  # the rest of a record that spans lines
        lines.insert(after, f"{indent}- {item}")
    else:
        index = parsed.line(("asked_in",), 0) - 1
        match = re.fullmatch(
            r"(\s*asked_in\s*:)\s*(?:\[\s*\]|~|null)?(\s+#.*)?\s*",
            lines[index] if index >= 0 else "",
        )
        if not match or current not in (None, []):
            raise AskedError("'asked_in' is geen lijst; herstel dat eerst")
        lines[index] = f"{match.group(1)}{match.group(2) or ''}\n  - {item}"
    result = "\n".join(lines)
    _verify(result, record)
    return bom + newline.join(result.split("\n"))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _new_key_index(lines: list[str], parsed, meta: dict, end: int) -> int:
    """Where a new ``asked_in`` key goes: before the first field the schema lists after it."""
    order = [f.name for f in FIELDS]
    later = order[order.index("asked_in") + 1 :]
    following = [parsed.line((key,), 0) - 1 for key in meta if key in later]
    candidates = [i for i in following if i > 0 and not lines[i].startswith((" ", "\t", "-"))]
    return min(candidates) if candidates else end


def _verify(text: str, record: AskedRecord) -> None:
    """The edited frontmatter must read back with the record as the last ``asked_in``."""
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    try:
        data = yamlstrict.parse("\n".join(lines[1:end]), first_line=2).data
    except yamlstrict.YamlError as exc:
        raise AskedError(
            f"na het toevoegen is de frontmatter geen geldige YAML: {exc.message}"
        ) from None
    asked = data.get("asked_in") if isinstance(data, dict) else None
    if not isinstance(asked, list) or not asked or asked[-1] != record.as_dict():
        raise AskedError("de regel kon niet veilig worden toegevoegd; zet haar met de hand")
