"""The unit every site product is delivered in: a generated page or data file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedPage:
    """A generated Markdown page, or a data file when ``src_path`` is not ``.md``.

    ``source`` is the toolbox file a page is made from (for its git dates).
    """

    src_path: str
    content: str
    is_entry: bool = False
    source: str | None = None
