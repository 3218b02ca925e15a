"""Ready-made HTML blocks that skip Markdown.

Generated pages are Markdown with large blocks of HTML the templates make themselves
(sources, related items, "Over dit item", tables). Python-Markdown passes such blocks
through unchanged, but reading them costs about half of an entry page's Markdown time.
A template marks them with ``{% filter html_block %}…{% endfilter %}``: rendered with
``render_with_blocks`` each becomes a placeholder, and ``restore`` puts the blocks back
into the HTML Markdown made. Rendered with plain ``render`` the filter changes nothing.

The placeholder is one plain word, which Markdown makes a paragraph of. Not an HTML
comment: an entry's unclosed ``<!--`` would end at the placeholder's ``-->`` and swallow
everything after it. It carries a random key per process, so text in an entry cannot
pose as one; a page is never compared across processes (``rebuilds`` tracks one).
MkDocs collects the anchors other pages may link to while Markdown runs, so a block
must not hold an ``id`` that is linked to (none does).
"""

from __future__ import annotations

import re
import secrets

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

__all__ = [
    "BLOCKS_KEY",
    "html_block",
    "is_placeholder",
    "placeholder",
    "restore",
    "token",
    "with_blocks",
]

BLOCKS_KEY = "_html_blocks"  # the render context's list of blocks
_KEY = secrets.token_hex(8)
_PLACEHOLDER = "wtbhtml{key}x{number}"
# as a paragraph of its own (the normal case), or anywhere else a construct of the
# entry put it: the block goes back either way, so no placeholder is ever shown
_FIND = re.compile(rf"<p>wtbhtml{_KEY}x(\d+)</p>(\n?)|wtbhtml{_KEY}x(\d+)")
_WHOLE = re.compile(rf"wtbhtml{_KEY}x\d+")


def token() -> str:
    """This process's random key (placeholders hold it, so entry text cannot pose as one)."""
    return _KEY


def placeholder(number: int) -> str:
    """The word that stands for block ``number``."""
    return _PLACEHOLDER.format(key=_KEY, number=number)


def is_placeholder(text: str) -> bool:
    """True when ``text`` is one placeholder and nothing else."""
    return _WHOLE.fullmatch(text) is not None


@pass_context
def html_block(context: Context, value: str) -> Markup:
    """The Jinja filter: the block itself, or a placeholder when blocks are collected."""
    blocks = context.get(BLOCKS_KEY)
    value = str(value)  # plain text from here: Markup + str would escape the str
    if blocks is None:
        return Markup(value)
    body = value.strip("\n")
    if not body:
        return Markup(value)
    start = len(value) - len(value.lstrip("\n"))
    blocks.append(body)
    word = placeholder(len(blocks) - 1)
    return Markup(value[:start] + word + value[start + len(body) :])


def restore(text: str, blocks: tuple[str, ...]) -> str:
    """``text`` (Markdown, or the HTML made from it) with every block put back."""
    if not blocks:
        return text

    def block(match: re.Match) -> str:
        number = int(match.group(1) or match.group(3))
        if number >= len(blocks):
            return match.group(0)
        # Markdown ends a raw HTML block with a blank line where a paragraph has a newline
        return blocks[number] + ("\n\n" if match.group(2) else "")

    return _FIND.sub(block, text)


def with_blocks() -> dict[str, list[str]]:
    """A render context entry that makes ``html_block`` collect its blocks."""
    return {BLOCKS_KEY: []}
