"""The last sections of an entry page, added after Markdown instead of through it.

An entry page ends with sections the template makes itself: sources, related items,
"Over dit item", versions. Each is a heading and a ready-made HTML block
(``html_blocks``), yet Python-Markdown spends about a third of the page's time on them.
The template wraps them in ``{% filter html_tail %}``; rendered with
``rendering.render_with_tail`` that part is cut off and kept as the page's *tail*.

In its place the page keeps one marker word, which Markdown makes a paragraph of
wherever it would have put the sections (before footnotes, after a raw HTML block).
After Markdown, ``TailFormat.attach`` puts the tail there as Markdown would have made
it: every heading exactly as the site's own Markdown renders it (learned once per build
from that Markdown, with the final settings, and proved against it), with an id that is
unique on the page, and each block placeholder as its paragraph (``html_blocks.restore``
puts the blocks back later); the headings join the page's table of contents.

The tail stays in the Markdown when it has any other shape, when the entry defines
abbreviations (Markdown would apply them to the headings too) and, for every page, when
the learned format does not reproduce Markdown's output (``PageTails.markdown``). Other
plugins see the marker instead of the sections in ``on_page_markdown``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..model.bodylinks import TEMPLATE_HEADINGS
from .html_blocks import is_placeholder, placeholder, token

TAIL_KEY = "_html_tail"  # the render context's list of tails
# every heading a tail may hold (the entry template's own); any other keeps it in the Markdown
HEADINGS = TEMPLATE_HEADINGS
MARKER = f"wtbtail{token()}"  # the word that holds the tail's place in the Markdown
_STANDS = f"\n\n{MARKER}\n"  # what the page holds instead of its tail
_HEADING = re.compile(r"## (.+)")
_IDS = re.compile(r"""<[A-Za-z][^<>]*?\sid=["']([^"']*)["']""")  # ids of tags, not of text


@pass_context
def html_tail(context: Context, value: str) -> Markup:
    """The Jinja filter: the section itself, or the marker when tails are collected."""
    tails = context.get(TAIL_KEY)
    value = str(value)
    if tails is None or _blocks(value) is None:
        return Markup(value)
    tails.append(value)
    return Markup(_STANDS)


def whole(content: str, tail: str) -> str:
    """The page ``content`` with its ``tail`` back in its place."""
    return content.replace(_STANDS, tail, 1) if tail else content


def _blocks(tail: str) -> list[str] | None:
    """The blocks of ``tail`` (one line each, blank lines between) when it holds only
    known headings and placeholders."""
    blocks = [b for b in re.split(r"\n[ \t]*\n", tail.strip("\n")) if b.strip()]
    for block in blocks:
        heading = _HEADING.fullmatch(block)
        if not (heading and heading.group(1) in HEADINGS) and not is_placeholder(block):
            return None
    return blocks


@dataclass(frozen=True)
class _Heading:
    html: str
    id: str
    token: dict


_PROOFS = (  # page bodies the learned format must reproduce Markdown's output for
    "Tekst.",
    "Tekst[^1].\n\n[^1]: Noot.",
    "## Bronnen\n\nTekst.",
    "<details>\n<summary>Meer</summary>\n\nTekst.\n\n</details>",
    "Tekst.\n\n<!-- een opmerking -->",
)


class TailFormat:
    """How this site's Markdown renders a tail. ``convert(markdown)`` gives the HTML and
    the table-of-contents tokens of the real Markdown; ``usable`` is False when the
    learned format does not give exactly what it gives."""

    def __init__(self, convert: Callable[[str], tuple[str, list[dict]]]) -> None:
        self.headings: dict[str, _Heading] = {}
        self.usable = False
        sample = "\n\n".join(f"## {name}\n\n{placeholder(n)}" for n, name in enumerate(HEADINGS))
        html, tokens = convert(sample)
        lines = html.split("\n")
        if len(lines) != 2 * len(HEADINGS) or len(tokens) != len(HEADINGS):
            return
        for n, (name, found) in enumerate(zip(HEADINGS, tokens, strict=True)):
            heading, paragraph = lines[2 * n], lines[2 * n + 1]
            if paragraph != f"<p>{placeholder(n)}</p>" or found.get("children"):
                return
            if f' id="{found["id"]}"' not in heading:
                return
            self.headings[name] = _Heading(heading, found["id"], dict(found))
        self.usable = True
        for body in _PROOFS:  # the proof: the same page, with the tail and with the marker
            full, full_toc = convert(f"{body}\n\n{sample}")
            marked, marked_toc = convert(body + _STANDS)
            if self.attach(marked, sample) != (full, full_toc[len(marked_toc) :]):
                self.usable = False
                return

    @classmethod
    def of(cls, extensions: list, configs: dict | None) -> TailFormat:
        """The format of Python-Markdown with these extensions and their settings."""
        from markdown import Markdown

        def convert(text: str) -> tuple[str, list[dict]]:
            md = Markdown(extensions=extensions, extension_configs=configs or {})
            return md.convert(text), getattr(md, "toc_tokens", [])

        return cls(convert)

    def attach(self, html: str, tail: str) -> tuple[str, list[dict]]:
        """``html`` (Markdown's output for the page with the marker) with the marker
        replaced by ``tail``, and the table-of-contents tokens of the tail's headings."""
        from markdown.extensions.toc import unique

        blocks = _blocks(tail) if self.usable else None
        if blocks is None:
            raise ValueError("deze staart hoort in de Markdown (PageTails.markdown)")
        used = set(_IDS.findall(html))
        parts, tokens = [], []
        for block in blocks:
            heading = _HEADING.fullmatch(block)
            if heading is None:
                parts.append(f"<p>{block}</p>")
                continue
            known = self.headings[heading.group(1)]
            found = unique(known.id, used)
            made = known.html
            if found != known.id:
                made = made.replace(f'id="{known.id}"', f'id="{found}"', 1)
                made = made.replace(f'href="#{known.id}"', f'href="#{found}"', 1)
            parts.append(made)
            tokens.append({**known.token, "id": found})
        added = "\n".join(parts)
        if f"<p>{MARKER}</p>" in html:
            return html.replace(f"<p>{MARKER}</p>", added, 1), tokens
        # a construct of the entry swallowed the marker (an unclosed block): the sections
        # still come, where the marker ended up
        return html.replace(MARKER, added, 1), tokens


class PageTails:
    """The tails of one build's pages (source path -> tail) and the format to add them."""

    def __init__(self, tails: dict[str, str]) -> None:
        self.tails = tails
        self.format: TailFormat | None = None

    def learn(self, extensions: list, configs: dict | None) -> None:
        """Learn the format from the final Markdown settings (after every on_config)."""
        self.format = TailFormat.of(extensions, configs)

    def markdown(self, src: str, text: str) -> str:
        """What Markdown gets for page ``src``: with the marker, or the tail itself when
        the format cannot make it."""
        tail = self.tails.get(src)
        if tail and not (self.format and self.format.usable):
            return text.replace(MARKER, tail.strip("\n"), 1)
        return text

    def attach(self, src: str, html: str) -> tuple[str, list[dict]] | None:
        """Page ``src``'s HTML with its tail and the tail's headings; None: no tail."""
        tail = self.tails.get(src)
        if not tail or not (self.format and self.format.usable):
            return None
        return self.format.attach(html, tail)


def add_to_toc(toc, links) -> None:
    """Put table-of-contents ``links`` (in page order, after the items ``toc`` has) where
    Markdown would nest them: under the last item of a lower level. As for a whole page,
    only the first item of the page is marked active."""
    if len(toc) and len(links):
        vars(links.items[0]).pop("active", None)
    for link in links:
        items = toc.items
        while items and items[-1].level < link.level:
            items = items[-1].children
        items.append(link)
