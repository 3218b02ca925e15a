"""The Jinja environment that renders every generated page."""

from __future__ import annotations

import html
from functools import cache

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model import labels, plurals


def _yaml_string(value: str) -> Markup:
    """A scalar for the generated pages' own frontmatter.

    HTML-escaped first, because the theme prints page titles and descriptions
    without escaping; then dumped as YAML, so quotes and colons stay valid YAML.
    """
    dumped = yaml.safe_dump(html.escape(str(value)), allow_unicode=True, width=10_000)
    return Markup(dumped.removesuffix("\n...\n").strip())


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("warmtetoolbox.site", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["datum"] = labels.dutch_date
    env.filters["label"] = labels.label
    env.filters["uren"] = labels.hours
    env.filters["aantal"] = plurals.count
    env.filters["yaml"] = _yaml_string
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
