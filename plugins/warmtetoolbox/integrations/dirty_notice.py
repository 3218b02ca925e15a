"""MkDocs's notice before a --dirty build, in Dutch and as info."""

from __future__ import annotations

import logging


class DirtyNotice(logging.Filter):
    """MkDocs warns in English before every --dirty build; say it in Dutch, as info."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("A 'dirty' build is being performed"):
            record.msg = (
                "snelle herbouw: alleen gewijzigde pagina's worden opnieuw gemaakt "
                "(herstart 'make serve' als het menu of een overzicht niet klopt)"
            )
            record.args = ()
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def dutch_dirty_notice() -> None:
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, DirtyNotice) for f in build_log.filters):
        build_log.addFilter(DirtyNotice())
