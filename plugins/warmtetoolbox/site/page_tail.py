"""The last sections of an entry page, added after Markdown instead of through it.

An entry page ends with sections the template makes itself: sources, related items,
"Over dit item", versions. Each is a heading and a ready-made HTML block
(``html_blocks``), yet Python-Markdown spends about a third of the page's time on them.
The template wraps them in ``{% filter html_tail %}``; rendered with
``rendering.render_with_tail`` that part is cut off and kept as the page's *tail*.

After Markdown converted the rest, ``TailFormat.attach`` adds the tail as Markdown would
have: every heading exactly as the site's own Markdown renders it (learned once per
build from that Markdown, and checked against it), with an id that is unique on the
page, and each block placeholder as its paragraph (``html_blocks.restore`` puts the
blocks back later). The headings go into the page's table of contents as well. A tail
of any other shape stays in the Markdown, and so does every tail when the learned
format does not reproduce Markdown's output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context
from markdown import Markdown
from markdown.extensions.toc import unique
from markupsafe import Markup

from .html_blocks import is_placeholder, placeholder

TAIL_KEY = "_html_tail"  # the render context's list of tails
# every heading a tail may hold; a tail with any other heading stays in the Markdown
HEADINGS = (
    "Bronnen",
    "Zie ook",
    "Vergelijkbare onderwerpen",
    "Hier naar verwezen",
    "Wat is er veranderd",
    "Over dit item",
    "Gesteld door",
    "Versiegeschiedenis",
)
_HEADING = re.compile(r"## (.+)")
_IDS = re.compile(r"""\sid=["']([^"']*)["']""")
_FOOTNOTES = '<div class="footnote">'


@pass_context
def html_tail(context: Context, value: str) -> Markup:
    """The Jinja filter: the section itself, or nothing when tails are collected."""
    tails = context.get(TAIL_KEY)
    value = str(value)
    if tails is None or not _lines(value):
        return Markup(value)
    tails.append(value)
    return Markup("")


def _lines(tail: str) -> list[str] | None:
    """The lines of ``tail`` when it holds only known headings and placeholders."""
    lines = [line for line in tail.split("\n") if line.strip()]
    for line in lines:
        heading = _HEADING.fullmatch(line)
        if not (heading and heading.group(1) in HEADINGS) and not is_placeholder(line):
            return None
    return lines


@dataclass(frozen=True)
class _Heading:
    html: str
    id: str
    token: dict


class TailFormat:
    """How this site's Markdown renders a tail. ``convert(markdown)`` gives the HTML and
    the table-of-contents tokens of the real Markdown; ``usable`` is False when the
    learned format does not give exactly what it gives."""

    def __init__(self, convert: Callable[[str], tuple[str, list[dict]]]) -> None:
        self.headings: dict[str, _Heading] = {}
        self.paragraph = "<p>{}</p>"
        self.usable = False
        sample = "\n\n".join(f"## {name}\n\n{placeholder(n)}" for n, name in enumerate(HEADINGS))
        html, tokens = convert(sample)
        lines = html.split("\n")
        if len(lines) != 2 * len(HEADINGS) or len(tokens) != len(HEADINGS):
            return
        for n, (name, token) in enumerate(zip(HEADINGS, tokens, strict=True)):
            heading, paragraph = lines[2 * n], lines[2 * n + 1]
            if paragraph != self.paragraph.format(placeholder(n)) or token.get("children"):
                return
            if f' id="{token["id"]}"' not in heading:
                return
            self.headings[name] = _Heading(heading, token["id"], dict(token))
        # the proof: a page with and without a footnote, and a heading the tail repeats
        for body in ("Tekst.", "Tekst[^1].\n\n[^1]: Noot.", "## Bronnen\n\nTekst."):
            whole = convert(f"{body}\n\n{sample}")
            first = convert(body)
            self.usable = True
            if self.attach(first[0], sample) != (whole[0], whole[1][len(first[1]) :]):
                self.usable = False
                return

    @classmethod
    def of(cls, extensions: list, configs: dict | None) -> TailFormat:
        """The format of Python-Markdown with these extensions and their settings."""

        def convert(text: str) -> tuple[str, list[dict]]:
            md = Markdown(extensions=extensions, extension_configs=configs or {})
            return md.convert(text), getattr(md, "toc_tokens", [])

        return cls(convert)

    def attach(self, html: str, tail: str) -> tuple[str, list[dict]]:
        """``html`` (Markdown's output for the rest of the page) with ``tail`` added, and
        the table-of-contents tokens of the tail's headings."""
        lines = _lines(tail) if self.usable else None
        if lines is None:
            raise ValueError("deze staart hoort bij de Markdown")  # split_tail prevents it
        used = set(_IDS.findall(html))
        parts, tokens = [], []
        for line in lines:
            heading = _HEADING.fullmatch(line)
            if heading is None:
                parts.append(self.paragraph.format(line))
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
        at = html.rfind(_FOOTNOTES)
        if at >= 0 and html.endswith("</div>") and "</ol>\n</div>" in html[at:]:
            return html[:at] + added + "\n" + html[at:], tokens
        return (html + "\n" + added if html else added), tokens


def add_to_toc(toc, links) -> None:
    """Put table-of-contents ``links`` (in page order, after the items ``toc`` has) where
    Markdown would nest them: under the last item of a lower level. Like the front end's
    own table of contents, the first item of a page is marked active."""
    empty = not len(toc)
    for link in links:
        items = toc.items
        while items and items[-1].level < link.level:
            items = items[-1].children
        items.append(link)
    if empty and len(toc):
        toc.items[0].active = True
