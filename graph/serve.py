"""A read-only SPARQL 1.1 Protocol endpoint over a built graph, on Oxigraph and the standard library's HTTP
server. It listens on 127.0.0.1 unless told otherwise.

Queries come as ``GET /query?query=...``, or ``POST /query`` with a form (``query=...``) or an
``application/sparql-query`` body. Answers are negotiated from the Accept header: SPARQL JSON (the default),
XML, CSV or TSV results for SELECT and ASK; Turtle (the default), N-Triples, RDF/XML or JSON-LD for
CONSTRUCT and DESCRIBE. Updates are refused (403), as are the Graph Store methods (405).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

PATHS = ("/query", "/sparql")
MAX_BODY = 1 << 20  # a query larger than 1 MiB is refused


class Endpoint(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries on one Oxigraph store."""

    daemon_threads = True

    def __init__(self, store, host: str = "127.0.0.1", port: int = 7878):
        from graph.query import prefixes

        self.store = store
        self.prefixes = prefixes()
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{PATHS[0]}"


class _Handler(BaseHTTPRequestHandler):
    server: Endpoint
    server_version = "seed-graph"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/" and not url.query:
            self._send(HTTPStatus.OK, "text/plain; charset=utf-8",
                       f"seed-graph SPARQL endpoint (read-only): query it at {PATHS[0]}\n".encode())
            return
        if url.path not in PATHS:
            self._error(HTTPStatus.NOT_FOUND, f"no such path: {url.path}; the endpoint is {PATHS[0]}")
            return
        self._answer(parse_qs(url.query, keep_blank_values=True))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path not in PATHS:
            self._error(HTTPStatus.NOT_FOUND, f"no such path: {url.path}; the endpoint is {PATHS[0]}")
            return
        length = self.headers.get("Content-Length") or "0"
        if not length.isdigit():
            self._error(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length")
            return
        length = int(length)
        if length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request is larger than {MAX_BODY} bytes")
            return
        body = self.rfile.read(length)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if kind == "application/x-www-form-urlencoded":
            params.update(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))
        elif kind == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        elif kind == "application/sparql-update":
            params["update"] = [body.decode("utf-8", "replace")]
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "send application/sparql-query or application/x-www-form-urlencoded")
            return
        self._answer(params)

    def _refuse_method(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only: GET or POST a query",
                    {"Allow": "GET, POST"})

    do_PUT = do_DELETE = do_PATCH = _refuse_method  # the Graph Store Protocol's ways to change a graph

    def _answer(self, params: dict[str, list[str]]) -> None:
        import pyoxigraph as ox

        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are not accepted")
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._error(HTTPStatus.BAD_REQUEST, "this endpoint has one default graph: "
                        "default-graph-uri and named-graph-uri are not supported")
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
            return
        try:
            result = self.server.store.query(queries[0], prefixes=self.server.prefixes)
        except (SyntaxError, ValueError, RuntimeError) as exc:
            self._error(HTTPStatus.BAD_REQUEST, f"query: {exc}")
            return
        graph = isinstance(result, ox.QueryTriples)
        fmt = self._negotiate(_graph_formats() if graph else _result_formats())
        if fmt is None:
            self._error(HTTPStatus.NOT_ACCEPTABLE, "no acceptable format: ask for SPARQL JSON, XML, CSV or TSV "
                        "results, or for Turtle, N-Triples, RDF/XML or JSON-LD")
            return
        payload = result.serialize(format=fmt)
        charset = "; charset=utf-8" if fmt.media_type.startswith("text/") else ""
        self._send(HTTPStatus.OK, fmt.media_type + charset, payload)

    def _negotiate(self, choices: list):
        """The format the Accept header prefers among ``choices``; the first of them for */*; None if none fits."""
        accepted = []
        for position, item in enumerate((self.headers.get("Accept") or "*/*").split(",")):
            media, *options = (part.strip().lower() for part in item.split(";"))
            quality = next((_float(o[2:]) for o in options if o.startswith("q=")), 1.0)
            if media and quality > 0:
                accepted.append((-quality, position, media))
        for _, _, media in sorted(accepted):
            if media in ("*/*", "application/*"):
                return choices[0]
            found = type(choices[0]).from_media_type(media)
            if found in choices:
                return found
        return None

    def _error(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)

    def _send(self, status: HTTPStatus, kind: str, payload: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args) -> None:  # the standard library's signature
        log.info("%s %s", self.address_string(), format % args)


def _result_formats() -> list:
    import pyoxigraph as ox

    return [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.CSV,
            ox.QueryResultsFormat.TSV]


def _graph_formats() -> list:
    import pyoxigraph as ox

    return [ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD]


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0
