"""The unit every site product is delivered in: a generated page or data file."""

from __future__ import annotations

from dataclasses import dataclass

from .html_blocks import restore
from .page_tail import whole


@dataclass(frozen=True)
class GeneratedPage:
    """A generated Markdown page, or a data file when ``src_path`` is not ``.md``.

    ``source`` is the toolbox file a page is made from (for its git dates).
    ``html_blocks`` are ready-made HTML blocks ``content`` holds as placeholders
    (``html_blocks.restore`` puts them back after Markdown); ``tail`` is the end of the
    page, which skips Markdown (``page_tail``).
    """

    src_path: str
    content: str
    is_entry: bool = False
    source: str | None = None
    html_blocks: tuple[str, ...] = ()
    tail: str = ""  # the last sections, added after Markdown in the marker's place (page_tail)

    def text(self) -> str:
        """The whole page as it reads: ``content`` and ``tail``, with the HTML blocks put
        back."""
        return restore(whole(self.content, self.tail), self.html_blocks)
