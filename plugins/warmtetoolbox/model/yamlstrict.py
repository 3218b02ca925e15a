"""A strict YAML reader for frontmatter and the taxonomy.

Differences from plain ``yaml.safe_load``:

* duplicate keys are an error instead of silently keeping the last value;
* only YAML 1.2 booleans (``true``/``false``) are booleans, so ``visibility: no``
  stays the string ``"no"`` and is rejected by the schema with a clear message;
* timestamps are not resolved: dates stay strings and the schema parses them,
  so a date that does not exist is reported instead of raising;
* every value's line number is kept, keyed by its path (``("tags", 2)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .plaintext import control_character, describe_control

Path = tuple[str | int, ...]


class YamlError(Exception):
    """Raised with a Dutch message and a 1-based line number."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# libyaml's C parser when PyYAML has it (several times faster at 10,000 entries);
# the scalar resolution below is the same for both.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):
    """SafeLoader with YAML 1.2 core-schema style implicit resolvers."""


# Rebuild the implicit resolvers: keep null, int, float; bool only for true/false;
# drop timestamps (dates are parsed by the schema) and sexagesimal numbers.
_Loader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$",
        list("-+0123456789."),
    ),
]
for _tag, _pattern, _first in _RESOLVERS:
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


@dataclass(frozen=True)
class Parsed:
    data: Any
    lines: dict[Path, int]

    def line(self, path: Path, default: int) -> int:
        """Line of ``path``, or of its nearest parent, or ``default``."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


def parse(text: str, first_line: int = 1) -> Parsed:
    """Parse one YAML document; line numbers are offset so line 1 is ``first_line``."""
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        # The reader refuses most control characters with an English message: name the line.
        control = control_character(text)
        if control:
            line = text.count("\n", 0, control[0]) + first_line
            raise YamlError(line, describe_control(control[1])) from None
        raise _dutch_error(exc, first_line) from None
    if node is None:
        return Parsed(None, {})
    builder = _Builder(offset)
    data = builder.build(node, ())
    return Parsed(data, builder.lines)


def _dutch_error(exc: yaml.YAMLError, first_line: int) -> YamlError:
    """``exc`` as a ``YamlError`` with a Dutch hint and the line it points at."""
    if not isinstance(exc, yaml.MarkedYAMLError):  # pragma: no cover - no mark available
        return YamlError(first_line, "ongeldige YAML")
    # An unclosed bracket or quote is found where the file ends; point at its start.
    unclosed = exc.context and ("flow" in exc.context or "quoted" in exc.context)
    mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
    line = (mark.line + first_line) if mark else first_line
    return YamlError(line, f"ongeldige YAML: {_describe(exc)}")


_HINTS = (
    ("quoted scalar", "een aanhalingsteken wordt niet gesloten"),
    ("expected ',' or ']'", "een lijst tussen [ en ] wordt niet afgesloten"),
    ("expected ',' or '}'", "een blok tussen { en } wordt niet afgesloten"),
    (
        "mapping values are not allowed",
        "een dubbele punt op een onverwachte plek; zet de waarde tussen aanhalingstekens",
    ),
    ("could not find expected ':'", "een regel zonder 'sleutel: waarde'"),
    ("did not find expected key", "de inspringing klopt niet"),
    ("did not find expected '-'", "de inspringing van een lijst klopt niet"),
    (
        "cannot start any token",
        "een teken dat hier niet mag (bijvoorbeeld een tab of @); "
        "gebruik spaties en zet de waarde tussen aanhalingstekens",
    ),
    ("unexpected end of stream", "het bestand houdt onverwacht op"),
    ("<stream end>", "een [ of { staat nog open, of er ontbreekt een waarde"),
    ("expected node content", "een [ of { staat nog open, of er ontbreekt een waarde"),
)


def _describe(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for english, dutch in _HINTS:
        if english in text:
            return dutch
    return "controleer haakjes, aanhalingstekens en inspringing"


_SCALARS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda value: value.lower() == "true",
    "tag:yaml.org,2002:null": lambda value: None,
}


_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Builder:
    """Turns a composed node tree into plain Python values, recording lines."""

    def __init__(self, offset: int):
        self.offset = offset
        self.lines: dict[Path, int] = {}
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path, used_at: int | None = None) -> Any:
        """Build ``node``; ``used_at`` is the line that refers to it (for aliases)."""
        line = node.start_mark.line + 1 + self.offset
        if id(node) in self.seen:
            raise YamlError(
                used_at or line, "ankers en verwijzingen (& en *) worden niet ondersteund"
            )
        self.seen.add(id(node))
        self.lines[path] = line
        if isinstance(node, yaml.CollectionNode) and node.tag not in _COLLECTIONS:
            raise YamlError(line, f"YAML-label '{node.tag}' is niet toegestaan; laat het weg")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), line) for i, item in enumerate(node.value)]
        return _scalar(node, line, path)

    def mapping(self, node: yaml.MappingNode, path: Path) -> dict:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + self.offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_line, "een sleutel moet een gewone tekst zijn")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(key_line, "samenvoegen met '<<' wordt niet ondersteund")
            key = str(key_node.value)
            control = control_character(key)
            if control:
                raise YamlError(key_line, f"sleutel: {describe_control(control[1])}")
            if key in result:
                first = self.lines[(*path, key)]
                raise YamlError(
                    key_line,
                    f"sleutel '{key}' staat er twee keer in (ook op regel {first}); "
                    "verwijder een van beide",
                )
            result[key] = self.build(value_node, (*path, key), key_line)
            self.lines[(*path, key)] = key_line
        return result


def _scalar(node: yaml.ScalarNode, line: int, path: Path = ()) -> Any:
    convert = _SCALARS.get(node.tag)
    if convert is None:
        raise YamlError(line, f"YAML-label '{node.tag}' is niet toegestaan; laat het weg")
    control = control_character(node.value)
    if control:
        names = [str(part) for part in path if isinstance(part, str)]
        where = f"'{names[-1]}': " if names else ""
        raise YamlError(line, where + describe_control(control[1]))
    try:
        return convert(node.value)
    except ValueError:
        raise YamlError(line, f"waarde '{node.value}' past niet bij '{node.tag}'") from None
