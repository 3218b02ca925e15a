"""The scan of a rendered page for inline code, as a browser reads the page.

``inline_code`` finds every inline script and inline event handler of a page, and
markup a browser may read otherwise than this scan (``UNCLEAR``), with Python's
``html.parser`` taught where browsers differ from it. ``SegmentMemo`` lets the scan of
a whole site skip the theme's parts it has read before. ``csp`` decides with it whether
a page may pass.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

DATA_TYPES = ("application/json", "application/ld+json")


def _executable(attributes: dict[str, str | None]) -> bool:
    kind = (attributes.get("type") or "").strip().lower()
    return kind not in DATA_TYPES


# An attribute name starts after whitespace, a quote or a slash (html.parser's
# attrfind_tolerant): a start tag without this pattern has no on* attribute.
_MAYBE_HANDLER = re.compile(r"""[\s'"/]on""", re.I)
_TAG_OPEN = re.compile("<")
_PLAIN_END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9:._-]*)[ \t\n\r\f]*>")
# Elements whose content a browser reads as text up to their own end tag (raw text and
# RCDATA; noscript as in a browser that runs scripts), and the heads of the start tags
# that must be parsed in full: those, and the way into SVG and MathML.
_TEXT_ELEMENTS = ("script", "style", "title", "textarea", "xmp", "iframe", "noembed")
_TEXT_ELEMENTS += ("noframes", "noscript")
_FOREIGN = ("svg", "math")
_PARSED_HEADS = (*_TEXT_ELEMENTS, *_FOREIGN)
# where a browser may end a text-only element: its name, then whitespace, '/' or '>'
# (the installed parser also ends it at "</ script>" and misses "</script x>")
_TEXT_END = {name: re.compile(rf"</{name}(?=[\t\n\f\r />])", re.I) for name in _TEXT_ELEMENTS}
_COMMENT_END = re.compile(r"--!?>")  # a browser also ends a comment at "--!>"
_CANONICAL_END = re.compile(r"</([a-zA-Z]+)[\t\n\f\r ]*>")
UNCLEAR = "onduidelijke HTML"  # the start of a finding that is markup, not code


class _InlineCode(HTMLParser):
    """Inline scripts and event-handler attributes, as a browser parses them.

    Only the start tags of text-only elements (they switch the parser into raw-text
    mode), of svg and math, and tags that could hold an on* attribute are parsed in
    full; every other start tag is skipped whole, which is what makes checking every
    page of a large site cheap.

    Outside raw text only ``<`` starts something: character references are never
    asked for, and html.parser stops reading at a ``&#`` that is none (at the end it
    takes the rest of the page as text, so a script after it would pass unseen)."""

    CDATA_CONTENT_ELEMENTS = _TEXT_ELEMENTS

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.handlers: list[str] = []  # also markup a browser reads otherwise (UNCLEAR)
        self._current: list[str] | None = None

    def reset(self):
        super().reset()
        self.interesting = _TAG_OPEN
        self._foreign = 0  # inside svg or math: no element there holds text only

    def clear_cdata_mode(self):
        super().clear_cdata_mode()
        self.interesting = _TAG_OPEN

    def set_cdata_mode(self, elem):
        if self._foreign:
            return  # SVG's title or style holds markup; script and style are unclear there
        super().set_cdata_mode(elem)
        self.interesting = _TEXT_END[self.cdata_elem]

    def _unclear(self, markup: str) -> None:
        self.handlers.append(f"{UNCLEAR}: {markup[:40]}")

    def parse_starttag(self, i):
        end = self.check_for_whole_start_tag(i)
        if end < 0:
            return end
        head = self.rawdata[i + 1 : i + 10].lower()
        if head.startswith(_PARSED_HEADS) or _MAYBE_HANDLER.search(self.rawdata, i, end):
            return super().parse_starttag(i)
        return end

    def updatepos(self, i, j):
        return j  # line numbers are never asked for; counting them is half the work

    def parse_endtag(self, i):
        rawdata = self.rawdata
        if self.cdata_elem is not None:  # at "</name" that a browser takes as the end
            canonical = _CANONICAL_END.match(rawdata, i)
            if canonical is None or canonical.group(1).lower() != self.cdata_elem:
                end = rawdata.find(">", i)
                if end < 0:
                    return -1
                self._unclear(rawdata[i : end + 1])
            else:
                end = canonical.end() - 1
            self.handle_endtag(self.cdata_elem)
            self.clear_cdata_mode()
            return end + 1
        # Outside raw text a plain end tag ("</p>", "</div >") changes nothing here,
        # except the way out of SVG or MathML. Everything else goes to the base class.
        plain = _PLAIN_END_TAG.match(rawdata, i)
        if plain:
            name = plain.group(1).lower()
            if name == "script" or name in _FOREIGN:  # a script in SVG is no raw text
                self.handle_endtag(name)
            return plain.end()
        return super().parse_endtag(i)

    def parse_comment(self, i, report=1):
        # as a browser reads it: "<!-->" and "<!--->" are empty, "--!>" ends one too
        for empty in ("<!-->", "<!--->"):
            if self.rawdata.startswith(empty, i):
                return i + len(empty)
        end = _COMMENT_END.search(self.rawdata, i + 4)
        return end.end() if end else -1

    def parse_html_declaration(self, i):
        if self.rawdata.startswith("<![", i):  # in HTML a bogus comment, up to the first '>'
            end = self.rawdata.find(">", i + 3)
            return end + 1 if end >= 0 else -1
        return super().parse_html_declaration(i)

    def handle_starttag(self, tag, attrs):
        names = [name for name, _ in attrs]
        self.handlers += [f"<{tag} {name}=…>" for name in names if name.startswith("on")]
        if tag in _FOREIGN:
            self._foreign += 1
        elif self._foreign and tag in ("script", "style"):
            self._unclear(f"<{tag}> in <svg> of <math>")
        if tag == "script":
            values = dict(attrs)
            inline = "src" not in values and _executable(values)
            self._current = [] if inline else None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _FOREIGN:
            self.handle_endtag(tag)
        elif tag in _TEXT_ELEMENTS:  # a browser ignores the '/' here: text follows
            self.set_cdata_mode(tag)

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag in _FOREIGN and self._foreign:
            self._foreign -= 1
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None

    def close(self):
        super().close()
        if self._current is not None:  # an unclosed script runs to the end of the page
            self.scripts.append("".join(self._current))
            self._current = None
        if self.cdata_elem is not None:  # the page ends inside text-only content
            self._unclear(f"<{self.cdata_elem}> zonder eindtag")


def inline_code(html: str, memo: SegmentMemo | None = None) -> tuple[list[str], list[str]]:
    """(inline script bodies, inline event handlers) of ``html``.

    With a ``memo`` the page is read segment by segment (``SegmentMemo``): a segment
    met before, from the same parser state, is not read again."""
    parser = _InlineCode()
    if "\x00" in html:  # a browser reads a NUL in a tag name otherwise
        parser._unclear("NUL-teken")
    if memo is None:
        parser.feed(html)
    else:
        memo.read(parser, html)
    parser.close()
    return parser.scripts, parser.handlers


# Where the theme's repeated parts (navigation, header and tabs, footer, the scripts at
# the end) begin: a page is cut in front of these. Any place would be sound; these make
# segments that recur on every page of a folder.
_SEGMENT_START = re.compile(
    r'<(?:(?:header|footer|article|nav|script|title)\b|div class="md-sidebar|/article>)'
)
# what a parser holds that does not steer its reading: findings, position, last tag
_PAGE_STATE = (
    "scripts",
    "handlers",
    "_current",  # checked on its own: None
    "lasttag",
    "_HTMLParser__starttag_text",
    "lineno",
    "offset",
)


class SegmentMemo:
    """Segments of pages read before, with what each held, for the CSP scan of a site.

    Every entry page of a folder repeats the theme's navigation, header and footer
    around its own content: most of its bytes were read on the page before. A page is
    cut into segments (``_SEGMENT_START``); a segment is skipped only when the parser
    stands exactly where it stood when it read that very text before: in plain data, with
    nothing pending (``_settled``: every attribute of the parser as a new parser has
    it, except the lists of findings, the last tag's name and the position). Its
    findings are then added as they were found. Reading stays in ``html.parser``'s own
    incremental mode (``feed`` per segment), which holds back unfinished constructs.
    A text is kept once it has been met twice; both stores are bounded."""

    MAX_SEEN = 100_000  # hashes of segments met once
    MAX_KEPT_CHARS = 20_000_000  # the texts kept

    def __init__(self) -> None:
        self._seen: set[int] = set()
        self._kept: dict[str, tuple[list[str], list[str]]] = {}
        self._kept_chars = 0
        self._fresh = _state(_InlineCode())
        self.skipped = 0  # characters not read again

    def read(self, parser: _InlineCode, html: str) -> None:
        start = 0
        for cut in [*(m.start() for m in _SEGMENT_START.finditer(html, 1)), len(html)]:
            segment, start = html[start:cut], cut
            if not self._settled(parser):
                parser.feed(segment)
                continue
            found = self._kept.get(segment)
            if found is not None:
                parser.scripts += found[0]
                parser.handlers += found[1]
                self.skipped += len(segment)
                continue
            scripts, handlers = len(parser.scripts), len(parser.handlers)
            parser.feed(segment)
            if self._settled(parser):
                self._keep(segment, (parser.scripts[scripts:], parser.handlers[handlers:]))

    def _settled(self, parser: _InlineCode) -> bool:
        return parser._current is None and _state(parser) == self._fresh

    def _keep(self, segment: str, found: tuple[list[str], list[str]]) -> None:
        key = hash(segment)
        if key not in self._seen:
            if len(self._seen) >= self.MAX_SEEN:
                self._seen.clear()
            self._seen.add(key)
        elif self._kept_chars + len(segment) <= self.MAX_KEPT_CHARS:
            self._kept[segment] = found
            self._kept_chars += len(segment)


def _state(parser: _InlineCode) -> dict:
    return {k: v for k, v in vars(parser).items() if k not in _PAGE_STATE}
