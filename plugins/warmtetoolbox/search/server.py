"""Serving the search API with waitress: bounded connections, idle time and requests.

Waitress answers some requests itself before the application sees them (a malformed
request line or header, headers or a body over the limit, an unknown transfer
encoding) with an English plain-text page. Its channel class names the task that
writes those answers (``error_task_class``); ours writes Dutch JSON instead. The same
channel closes a connection whose request is still incomplete after
``request_deadline`` seconds, however slowly it trickles in; idle connections are
closed by waitress after ``channel_timeout``.
"""

from __future__ import annotations

import json
import logging
import resource
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask

from .api import RESPONSE_HEADERS

IDENT = "warmtetoolbox"
ERROR_MESSAGES = {
    400: "ongeldig HTTP-verzoek; gebruik GET /api/search?q=…",
    413: "dit verzoek heeft inhoud (een body); de zoek-API aanvaardt alleen GET zonder inhoud",
    431: "de kopregels (headers) van het verzoek zijn te groot",
    501: "deze Transfer-Encoding wordt niet ondersteund",
}
INTERNAL_ERROR = "interne fout bij het zoeken"


@dataclass(frozen=True)
class Limits:
    """Waitress settings that bound what clients can hold or send."""

    connection_limit: int = 1000  # open connections; lowered to fit the file limit
    channel_timeout: int = 15  # seconds an idle connection stays open
    cleanup_interval: int = 2  # seconds between checks for idle connections
    request_deadline: int = 10  # seconds to send one complete request
    max_request_header_size: int = 16 * 1024  # request line plus headers, in bytes
    max_request_body_size: int = 0  # GET-only: any body is refused with 413
    backlog: int = 128  # connections waiting to be accepted

    def waitress(self) -> dict:
        settings = asdict(self)
        del settings["request_deadline"]
        settings["connection_limit"] = min(self.connection_limit, _file_limit() - 50)
        return settings


def _file_limit() -> int:
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return soft if soft != resource.RLIM_INFINITY else 1 << 20


class DutchErrorTask(ErrorTask):
    """Waitress's own error answers, as Dutch JSON with the API's headers."""

    def execute(self):
        error = self.request.error
        message = ERROR_MESSAGES.get(error.code, INTERNAL_ERROR)
        body = json.dumps({"fout": message}, ensure_ascii=False).encode("utf-8")
        self.status = f"{error.code} {error.reason}"
        self.response_headers.extend(RESPONSE_HEADERS)
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


def _channel(deadline: float) -> type[HTTPChannel]:
    class Channel(HTTPChannel):
        error_task_class = DutchErrorTask
        request_started: float | None = None

        def received(self, data: bytes) -> bool:
            started = self.request_started
            if started is not None and time.monotonic() - started > deadline:
                self.will_close = True  # too slow to be a real client: hang up
                return False
            result = super().received(data)
            if self.request is None:
                self.request_started = None
            elif started is None:
                self.request_started = time.monotonic()
            return result

    return Channel


def create(app: Callable, host: str, port: int, threads: int, limits: Limits | None = None):
    """A waitress server for ``app``, not yet running (call ``run()``; ``close()``)."""
    limits = limits or Limits()
    # "Task queue depth is N" on every busy moment says nothing a client does not see
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    sockets: dict = {}
    server = create_server(
        app,
        map=sockets,
        host=host,
        port=port,
        threads=threads,
        ident=IDENT,
        asyncore_use_poll=True,  # select() fails above 1024 open sockets
        **limits.waitress(),
    )
    channel = _channel(limits.request_deadline)
    for listener in sockets.values():
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = channel
    return server
