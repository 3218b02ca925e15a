"""The Jinja environment that renders every generated page."""

from __future__ import annotations

from functools import cache

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from . import labels


def _yaml_string(value: str) -> str:
    """A YAML-safe scalar for the generated pages' own frontmatter."""
    return yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("warmtetoolbox", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["datum"] = labels.dutch_date
    env.filters["label"] = labels.label
    env.filters["uren"] = labels.hours
    env.filters["yaml"] = _yaml_string
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
