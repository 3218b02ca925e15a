"""The Jinja environment that renders every generated page."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import re
from importlib import metadata
from pathlib import Path

import jinja2
import yaml
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model import labels, plurals
from ..model.code_version import code_digest
from .html_blocks import BLOCKS_KEY, html_block, with_blocks
from .page_tail import TAIL_KEY, html_tail

# ASCII characters that start Markdown or HTML syntax anywhere in a line.
_MARKUP_CHARACTERS = frozenset("\\`*_[]{}()<>#!|~^=&\"'$:")
_LINE_START = frozenset("-+.:)0123456789")


def plain_text(value: object) -> Markup:
    """Plain text for a Markdown page: shown as written, never read as Markdown or HTML.

    Whitespace is collapsed (no new block can start), and every character that could open
    Markdown or HTML syntax becomes a numeric character reference, which Markdown passes
    through untouched and the browser shows as the character.
    """
    text = " ".join(str(value).split())
    out = []
    for i, char in enumerate(text):
        special = char in _MARKUP_CHARACTERS or (i == 0 and char in _LINE_START)
        out.append(f"&#{ord(char)};" if special else char)
    return Markup("".join(out))


def _yaml_string(value: object) -> Markup:
    """A scalar for the generated pages' own frontmatter.

    HTML-escaped first, because the theme prints page titles and descriptions
    without escaping; then dumped as YAML, so quotes and colons stay valid YAML.
    """
    return _yaml_scalar(str(value))


@functools.lru_cache(maxsize=1 << 14)
def _yaml_scalar(value: str) -> Markup:
    dumped = yaml.safe_dump(html.escape(value), allow_unicode=True, width=10_000)
    return Markup(dumped.removesuffix("\n...\n").strip())


class _BytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept between builds (keyed by each template's source, so an
    edited template compiles anew); a cache that cannot be written is skipped."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):  # unreadable or damaged: compile anew
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):  # the build goes on; the next one compiles again
            super().dump_bytecode(bucket)


def bytecode_cache(folder: Path, *versions: str) -> FileSystemBytecodeCache | None:
    """A bytecode cache for a Jinja environment, in a subfolder of ``folder`` named after
    the code that compiles the templates (this package, Jinja, and ``versions``: Jinja
    bakes filters and settings into the compiled code, which its own key does not
    cover). Subfolders of older code are removed; None if the folder cannot be made."""
    key = hashlib.blake2b(
        repr((code_digest(), jinja2.__version__, versions)).encode(), digest_size=8
    )
    here = folder / key.hexdigest()
    try:
        here.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if old != here and _OURS.fullmatch(old.name) and old.is_dir():
                _remove_compiled(old)
    except OSError:
        return None
    return _BytecodeCache(str(here))


_OURS = re.compile(r"[0-9a-f]{16}")
_COMPILED = re.compile(r"__jinja2_[0-9a-f]+\.cache")


def _remove_compiled(folder: Path) -> None:
    """Remove a subfolder of compiled templates, only if it holds nothing else."""
    files = list(folder.iterdir())
    if all(_COMPILED.fullmatch(f.name) and f.is_file() for f in files):
        for f in files:
            f.unlink()
        folder.rmdir()


def use_bytecode_cache(folder: Path) -> None:
    """Keep the compiled page templates in ``folder`` between builds."""
    environment().bytecode_cache = bytecode_cache(folder)


@functools.cache
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
    env.filters["getal"] = plurals.number
    env.filters["yaml"] = _yaml_string
    env.filters["plain"] = plain_text
    env.filters["html_block"] = html_block
    env.filters["html_tail"] = html_tail
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def render_with_blocks(template: str, **context) -> tuple[str, tuple[str, ...]]:
    """The page with its ``html_block`` blocks as placeholders, and the blocks."""
    collect = with_blocks()
    text = environment().get_template(template).render(**context, **collect)
    return text, tuple(collect[BLOCKS_KEY])


def render_with_tail(template: str, **context) -> tuple[str, tuple[str, ...], str]:
    """Like ``render_with_blocks``, with the ``html_tail`` section cut off: the page, its
    blocks and its tail (``page_tail``; empty when the section stays in the page)."""
    collect = {**with_blocks(), TAIL_KEY: []}
    text = environment().get_template(template).render(**context, **collect)
    return text, tuple(collect[BLOCKS_KEY]), "".join(collect[TAIL_KEY])


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution`` (such as the theme); "" when absent."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""
