"""Tables that reflow: each table in a page gets its own labelled scroll region.

WCAG 2.1 criterion 1.4.10 (Reflow) asks that a page fits a 320 px screen without
scrolling sideways; a wide table may scroll, but only inside its own region. The
finished HTML is scanned once: every outermost ``<table>`` is wrapped in
``<div class="wtb-table" role="region" tabindex="0" aria-label="Tabel: …">`` (named by
its caption, or else by its first column headers), and each body cell gets its column's
header as ``data-label``, so a stylesheet can turn rows into stacked cards on a phone.
Tables inside code, scripts and styles stay as they are. Theme-independent, like
``abbreviations``: it outlives the MkDocs adapter.
"""

from __future__ import annotations

import re
from html import escape, unescape

WRAPPER = '<div class="wtb-table" role="region" tabindex="0" aria-label="{label}">'
LABEL_HEADERS = 3  # header cells named in a label; more become "…"
LABEL_MAX = 150  # characters of a caption in a label
# Elements whose content is not markup of this page.
SKIPPED = frozenset({"code", "kbd", "math", "pre", "samp", "script", "style", "svg", "textarea"})
# A start or end tag, or the start of a comment (its end is found with str.find, so an
# unclosed comment costs one scan). ``[^<>]`` stops at the next '<': linear on any input.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*>|<!--")
_COLSPAN = re.compile(r"""\bcolspan\s*=\s*["']?(\d{1,4})""", re.I)
_HAS_LABEL = re.compile(r"\sdata-label\s*=", re.I)


class _Table:
    """What is known about the outermost table being scanned."""

    def __init__(self, slot: int):
        self.slot = slot  # index in the output where the wrapper's start tag goes
        self.caption: list[str] | None = None  # text while inside <caption>
        self.caption_text = ""
        self.headers: list[str] | None = None
        self.in_head = False
        self.row_index = -1
        self.column = 0
        self.row_texts: list[str] = []  # header texts of a candidate header row
        self.row_all_th = True
        self.cell: list[str] | None = None  # text of the cell being read, header rows only
        self.cell_span = 1

    def label(self) -> str:
        if self.caption_text:
            text = self.caption_text
            if len(text) > LABEL_MAX:
                text = text[: LABEL_MAX - 1].rstrip() + "…"
            return f"Tabel: {text}"
        named = [h for h in self.headers or () if h]
        if not named:
            return "Tabel"
        shown = named[:LABEL_HEADERS] + (["…"] if len(named) > LABEL_HEADERS else [])
        return "Tabel: " + ", ".join(shown)

    def reading_header_row(self) -> bool:
        return self.in_head or (self.headers is None and self.row_index == 0)


def _text(parts: list[str]) -> str:
    return " ".join(unescape("".join(parts)).split())


def wrap_tables(html: str) -> str:
    """``html`` with every outermost table in a labelled region; unchanged without tables."""
    if "<table" not in html.lower():
        return html
    out: list[str] = []
    position = 0
    skipped = 0  # depth inside elements whose content is left alone
    depth = 0  # table nesting depth
    table: _Table | None = None
    while True:
        tag = _TAG.search(html, position)
        if tag is None:
            break
        text = html[position : tag.start()]
        out.append(text)
        if table is not None and depth == 1:
            if table.caption is not None:
                table.caption.append(text)
            elif table.cell is not None:
                table.cell.append(text)
        if tag.group(0) == "<!--":
            end = html.find("-->", tag.end())
            end = len(html) if end < 0 else end + 3
            out.append(html[tag.start() : end])
            position = end
            continue
        markup = tag.group(0)
        closing = bool(tag.group(1))
        name = tag.group(2).lower()
        position = tag.end()
        if name in SKIPPED and not markup.endswith("/>"):
            skipped = max(0, skipped - 1) if closing else skipped + 1
            out.append(markup)
            continue
        if skipped or name not in _TABLE_TAGS:
            out.append(markup)
            continue
        if name == "table":
            if closing:
                depth = max(0, depth - 1)
                out.append(markup)
                if depth == 0 and table is not None:
                    _close(out, table)
                    table = None
                continue
            depth += 1
            if depth == 1:
                table = None if _already_wrapped(out) else _Table(len(out))
                if table is not None:
                    out.append("")  # the wrapper's start tag, once the label is known
            out.append(markup)
            continue
        if table is None or depth != 1:
            out.append(markup)
            continue
        out.append(_table_tag(table, name, closing, markup))
    out.append(html[position:])
    if table is not None:
        _close(out, table)
    return "".join(out)


_TABLE_TAGS = frozenset({"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"})


def _already_wrapped(out: list[str]) -> bool:
    """Whether the last tag before this table is a wrapper (the pass ran before)."""
    for piece in reversed(out[-2:]):
        if piece.strip():
            return piece.startswith('<div class="wtb-table"')
    return False


def _close(out: list[str], table: _Table) -> None:
    out[table.slot] = WRAPPER.format(label=escape(table.label()))
    out.append("</div>")


def _table_tag(table: _Table, name: str, closing: bool, markup: str) -> str:
    """Track caption, header row and columns; label body cells. Returns the tag to emit."""
    if name == "caption":
        if closing:
            table.caption_text = table.caption_text or _text(table.caption or [])
            table.caption = None
        else:
            table.caption = []
        return markup
    if name == "thead":
        table.in_head = not closing
        return markup
    if name == "tr":
        if closing:
            _end_cell(table)
            if (
                table.reading_header_row()
                and table.row_texts
                and (table.in_head or table.row_all_th)
            ):
                table.headers = table.row_texts
        else:
            table.row_index += 1
            table.column = 0
            table.row_texts = []
            table.row_all_th = True
        return markup
    if name in ("th", "td"):
        if closing:
            _end_cell(table)
            return markup
        _end_cell(table)
        span = int(m.group(1)) if (m := _COLSPAN.search(markup)) else 1
        span = max(1, span)
        if table.reading_header_row():
            table.row_all_th = table.row_all_th and name == "th"
            table.cell, table.cell_span = [], span
        elif table.headers is not None and table.column < len(table.headers):
            header = table.headers[table.column]
            if header and not _HAS_LABEL.search(markup):
                end = len(markup) - (2 if markup.endswith("/>") else 1)
                markup = f'{markup[:end]} data-label="{escape(header)}"{markup[end:]}'
        table.column += span
        return markup
    return markup


def _end_cell(table: _Table) -> None:
    if table.cell is not None:
        table.row_texts.extend([_text(table.cell)] + [""] * (table.cell_span - 1))
        table.cell = None
