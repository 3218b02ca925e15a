"""A read-only HTTP JSON API for search: ``GET /api/search?q=…``.

A plain WSGI application, served by waitress (``warmtetoolbox serve-search``, see
``server``). Every request gets a 200 with results or a 4xx with a Dutch message in
JSON; a 503 when the index can be neither read nor rebuilt.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs

from .index import IndexUnavailable
from .searcher import MAX_LIMIT, Filters, QueryError, SearchIndex

log = logging.getLogger("warmtetoolbox.api")
FILTER_PARAMS = ("type", "tag", "audience", "status", "municipality")
ALLOWED_PARAMS = frozenset({"q", "limit", *FILTER_PARAMS})
MAX_QUERY_STRING = 4096
RESPONSE_HEADERS = (
    ("Content-Type", "application/json; charset=utf-8"),
    ("Access-Control-Allow-Origin", "*"),
    ("X-Content-Type-Options", "nosniff"),
    ("Cache-Control", "no-store"),
)


class BadRequest(Exception):
    def __init__(self, message: str, status: str = "400 Bad Request"):
        super().__init__(message)
        self.message = message
        self.status = status


def _params(environ: dict) -> dict[str, str]:
    raw = environ.get("QUERY_STRING", "")
    # WSGI hands the query string over as latin-1; recover the bytes to check UTF-8.
    data = raw.encode("latin-1", errors="replace")
    if len(data) > MAX_QUERY_STRING:
        raise BadRequest("de zoekvraag is te lang", "414 URI Too Long")
    try:
        parsed = parse_qs(data.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise BadRequest("de zoekvraag is geen geldige UTF-8") from None
    unknown = set(parsed) - ALLOWED_PARAMS
    if unknown:
        raise BadRequest(f"onbekende parameter: {', '.join(sorted(unknown))}")
    params = {}
    for key, values in parsed.items():
        if len(values) > 1:
            raise BadRequest(f"parameter '{key}' staat er meer dan één keer in")
        params[key] = values[0]
    return params


def _limit(value: str | None) -> int:
    if value is None or value == "":
        return 10
    # ASCII digits only: str.isdigit() also accepts "²" and "⑤", which int() refuses
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
        raise BadRequest(f"limit moet een geheel getal van 1 tot en met {MAX_LIMIT} zijn")
    return int(value)


def make_app(index: SearchIndex) -> Callable:
    def app(environ: dict, start_response) -> Iterable[bytes]:
        try:
            status, body = _handle(index, environ)
        except BadRequest as exc:
            status, body = exc.status, {"fout": exc.message}
        except IndexUnavailable as exc:
            log.error("%s", exc)
            status = "503 Service Unavailable"
            body = {"fout": "de zoekindex is tijdelijk niet beschikbaar; probeer het later opnieuw"}
        except Exception:  # never a bare 500 page: log it, answer in Dutch JSON
            log.exception("zoekopdracht mislukt")
            status, body = "500 Internal Server Error", {"fout": "interne fout bij het zoeken"}
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = [*RESPONSE_HEADERS, ("Content-Length", str(len(payload)))]
        if status.startswith("405"):
            headers.append(("Allow", "GET, HEAD"))
        start_response(status, headers)
        return [payload]

    return app


def _handle(index: SearchIndex, environ: dict) -> tuple[str, dict]:
    if environ.get("PATH_INFO") != "/api/search":
        raise BadRequest("niet gevonden; gebruik /api/search?q=…", "404 Not Found")
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        raise BadRequest("alleen GET is toegestaan", "405 Method Not Allowed")
    params = _params(environ)
    filters = Filters(**{name: params.get(name) or None for name in FILTER_PARAMS})
    try:
        results = index.search(params.get("q", ""), filters, _limit(params.get("limit")))
    except QueryError as exc:
        raise BadRequest(str(exc)) from None
    return "200 OK", results.as_json()
