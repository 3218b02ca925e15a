"""Problems found while loading a toolbox: one line each, in Dutch."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .plurals import count

ERROR = "fout"
WARNING = "waarschuwing"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    severity: str
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def error(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, ERROR, message)


def warning(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, WARNING, message)


def count_errors(problems: list[Problem] | tuple[Problem, ...]) -> int:
    return sum(1 for p in problems if p.is_error)


def format_text(problems: list[Problem], entry_count: int) -> str:
    lines = [p.format() for p in sorted(problems)]
    errors = count_errors(problems)
    warnings = len(problems) - errors
    lines.append(
        f"{count(entry_count, 'item', 'items')} gecontroleerd: {count(errors, 'fout', 'fouten')}, "
        f"{count(warnings, 'waarschuwing', 'waarschuwingen')}."
    )
    return "\n".join(lines)


def format_json(problems: list[Problem], entry_count: int) -> str:
    errors = count_errors(problems)
    payload = {
        "entries": entry_count,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [asdict(p) for p in sorted(problems)],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
