"""What one build writes into the site folder besides MkDocs's own pages.

``OutputFiles`` keeps, per build, the generated files a second process writes
(``file_writer.BackgroundWriter``) and every output file the build wrote with the
Content-Security-Policy, so the sweep over the site folder (``site_policy``) reads only
the files nobody vouched for.
"""

from __future__ import annotations

from ..model.oserrors import describe
from .file_writer import BackgroundWriter
from .site_policy import has_policy


class OutputError(Exception):
    """A generated file could not be written; the message is Dutch."""


class OutputFiles:
    def __init__(self, parallel: bool) -> None:
        self.parallel = parallel  # a full build: generated files are written by a child
        self.protected: list[str] = []  # output files written with the policy
        self._files: list[tuple[str, str]] = []
        self._writer: BackgroundWriter | None = None

    def generated(self, path: str, content: str) -> bool:
        """A generated file for ``path``; True when this build writes it (else MkDocs)."""
        if not self.parallel:
            return False
        self._files.append((path, content))
        if has_policy(content):
            self.protected.append(path)
        return True

    def written(self, path: str, html: str) -> None:
        """``path`` was written with ``html``: a policy in its head is this build's own."""
        if has_policy(html):
            self.protected.append(path)

    def start(self) -> None:
        """Start writing (forked: call before the build starts threads of its own)."""
        if self._files:
            self._writer = BackgroundWriter(self._files)

    def finish(self) -> None:
        """Wait until every generated file is written; raises ``OutputError``."""
        writer, self._writer = self._writer, None
        try:
            if writer is not None:
                writer.finish()
        except OSError as exc:
            raise OutputError(
                f"warmtetoolbox: fout: kan niet schrijven in de site-map: {describe(exc)}; "
                "controleer de schijfruimte en de rechten"
            ) from None

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
