"""A read-only SPARQL 1.1 Protocol endpoint over a built graph, on Oxigraph and the standard library's HTTP
server. It listens on 127.0.0.1 unless told otherwise, and no query can take it down.

Queries come as ``GET /query?query=...``, or ``POST /query`` with a form (``query=...``) or an
``application/sparql-query`` body. Answers are negotiated from the Accept header: SPARQL JSON (the default),
XML, CSV or TSV results for SELECT and ASK; Turtle (the default), N-Triples, RDF/XML or JSON-LD for
CONSTRUCT and DESCRIBE. Updates are refused (403), as are the Graph Store methods (405).

Every query is checked and then evaluated in a worker process on a read-only store (graph.guard), within a
time limit and a memory bound, and is stopped when its client goes away. Connections are served by a bounded
number of threads with socket timeouts; the Host header must name the address listened on, so that a web page
cannot reach the endpoint through a DNS name rebound to it. Every error is an HTTP status with a short message.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import select
import shutil
import socket
import tempfile
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from graph.guard import Limits, Pool, Stopped, check
from graph.model import InputError

log = logging.getLogger(__name__)

PATHS = ("/query", "/sparql")
MAX_BODY = 1 << 20  # a query larger than 1 MiB is refused
_DIGITS = re.compile(r"[0-9]{1,12}")
STATUS = {"timeout": HTTPStatus.SERVICE_UNAVAILABLE, "memory": HTTPStatus.SERVICE_UNAVAILABLE,
          "size": HTTPStatus.SERVICE_UNAVAILABLE, "crashed": HTTPStatus.INTERNAL_SERVER_ERROR}


def is_loopback(host: str) -> bool:
    """Whether an address (or localhost) takes connections from this machine only."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def open_store(graph_path: str | Path) -> tuple[Path, Path | None]:
    """A read-only store to serve: a store folder as it is, or a Turtle file loaded into a temporary store
    (returned second, to remove when serving ends). InputError if the graph cannot be read."""
    import pyoxigraph as ox

    from graph.query import load, one_line

    path = Path(graph_path)
    if path.is_dir():
        load(path)  # checks it is a store
        return path, None
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    folder = Path(tempfile.mkdtemp(prefix="seed-graph-serve-"))
    try:
        store = ox.Store(str(folder))
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        store.flush()
        del store
    except (OSError, SyntaxError, ValueError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise InputError(f"{path}: not a readable Turtle graph: {one_line(exc)}") from exc
    return folder, folder


class Endpoint(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries on one graph (a graph.ttl or a store folder) through a pool of
    query workers. ``allowed_hosts`` are further names the Host header may give (a DNS name of this machine)."""

    daemon_threads = True
    request_queue_size = 128  # connections the system holds while every thread is busy

    def __init__(self, graph_path: str | Path, host: str = "127.0.0.1", port: int = 7878, *,
                 limits: Limits | None = None, workers: int = 2, clients: int = 64, client_timeout: float = 10.0,
                 allowed_hosts: tuple[str, ...] = ()):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.limits = limits or Limits()
        self.client_timeout = client_timeout
        self.slots = threading.BoundedSemaphore(clients)
        self.stopping = False
        from graph.query import prefixes

        self.prefixes = prefixes()
        self.store_path, self._temporary = open_store(graph_path)
        try:
            super().__init__((host, port), _Handler)
            self.hosts = self._allowed(host, allowed_hosts)
            self.pool = Pool(self.store_path, workers, self.limits)
        except BaseException:
            self.server_close()
            raise

    def _allowed(self, host: str, extra: tuple[str, ...]) -> set[str] | None:
        """The names a request's Host may give: the address listened on, localhost names on loopback, and
        ``extra``; None (any IP address, and ``extra``) when listening on every address."""
        names = {name.lower().strip("[]") for name in extra}
        if ipaddress.ip_address(self.server_address[0]).is_unspecified:
            return None if not names else names | {"*ip"}
        names.add(self.server_address[0].lower())
        if is_loopback(host):
            names |= {"localhost", "127.0.0.1", "::1"}
        return names

    def host_allowed(self, header: str | None) -> bool:
        if header is None:
            return True  # HTTP/1.0 clients may send none; browsers always do
        name = header.strip().lower()
        name = name[1:name.index("]")] if name.startswith("[") and "]" in name else name.rsplit(":", 1)[0] \
            if name.count(":") == 1 else name
        if self.hosts is not None and name in self.hosts:
            return True
        if self.hosts is None or "*ip" in self.hosts:
            try:
                ipaddress.ip_address(name)
                return True
            except ValueError:
                return self.hosts is not None and name in self.hosts
        return False

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}{PATHS[0]}"

    # -- a bounded number of threads ------------------------------------------------------------------

    def process_request(self, request, client_address) -> None:
        while not self.slots.acquire(timeout=0.2):  # every thread busy: the next connections wait in the backlog
            if self.stopping:
                self.shutdown_request(request)
                return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def shutdown(self) -> None:
        self.stopping = True
        super().shutdown()

    def server_close(self) -> None:
        super().server_close()
        if getattr(self, "pool", None) is not None:
            self.pool.close()
        if getattr(self, "_temporary", None) is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None


class _Handler(BaseHTTPRequestHandler):
    server: Endpoint
    server_version = "seed-graph"
    protocol_version = "HTTP/1.0"  # one request a connection: a thread is never held by an idle keep-alive

    def setup(self) -> None:
        self.timeout = self.server.client_timeout  # a client that sends nothing is let go after this long
        super().setup()
        self.rfile = _Reader(self.rfile)

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()  # which closes, without a word, a connection whose reading timed out
            if self.rfile.timed_out:
                self._answer_if_possible(HTTPStatus.REQUEST_TIMEOUT, "the request took too long to arrive")
        except (ConnectionError, BrokenPipeError):
            self.close_connection = True
        except Exception:  # a bug: say so, and keep serving
            log.exception("error answering %s", getattr(self, "requestline", "a request"))
            self._answer_if_possible(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error")

    def _answer_if_possible(self, status: HTTPStatus, message: str) -> None:
        self.close_connection = True
        try:
            if not getattr(self, "_answered", False):
                self.request_version = getattr(self, "request_version", None) or "HTTP/1.0"
                self.requestline = getattr(self, "requestline", "")
                self._error(status, message)
        except OSError:
            pass

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if not self.server.host_allowed(self.headers.get("Host")):
            self._error(HTTPStatus.BAD_REQUEST, f"Host {self.headers.get('Host')!r} is not this endpoint's "
                        "address (start serve with --allow-host NAME to accept a name)")
            return False
        return True

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
        length = (self.headers.get("Content-Length") or "").strip()
        if not _DIGITS.fullmatch(length):
            self._error(HTTPStatus.LENGTH_REQUIRED if not length else HTTPStatus.BAD_REQUEST,
                        "send a Content-Length: the body's size in bytes")
            return
        if int(length) > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request is larger than {MAX_BODY} bytes")
            return
        body = self.rfile.read(int(length))
        if len(body) < int(length):
            self._error(HTTPStatus.BAD_REQUEST, "the body is shorter than its Content-Length")
            return
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
            check(queries[0])
            status, kind, payload = self.server.pool.ask(("http", queries[0], self.headers.get("Accept") or "*/*"),
                                                         self._client_alive)
        except InputError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
            return
        except Stopped as stopped:
            if stopped.reason != "gone":
                self._error(STATUS[stopped.reason], str(stopped))
            return
        self._send(HTTPStatus(status), kind, payload)

    def _client_alive(self) -> bool:
        """False once the client has closed its connection (it can send nothing more: HTTP/1.0, one request)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return not readable or self.connection.recv(1, socket.MSG_PEEK) != b""
        except (OSError, ValueError):
            return False

    def _error(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)

    def _send(self, status: HTTPStatus, kind: str, payload: bytes, headers: dict[str, str] | None = None) -> None:
        self._answered = True
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args) -> None:  # the standard library's signature
        log.info("%s %s", self.address_string(), format % args)


class _Reader:
    """A request's input stream that remembers whether a read timed out."""

    def __init__(self, stream) -> None:
        self.stream, self.timed_out = stream, False

    def _call(self, name: str, *args):
        try:
            return getattr(self.stream, name)(*args)
        except TimeoutError:
            self.timed_out = True
            raise

    def read(self, *args):
        return self._call("read", *args)

    def readline(self, *args):
        return self._call("readline", *args)

    def readinto(self, *args):
        return self._call("readinto", *args)

    def close(self) -> None:
        self.stream.close()


def negotiate(result, accept: str):
    """The format an Accept header prefers for an Oxigraph result; the first of its kind's formats for */*;
    None if none fits."""
    import pyoxigraph as ox

    if isinstance(result, ox.QueryTriples):
        choices = [ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD]
    else:
        choices = [ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.CSV,
                   ox.QueryResultsFormat.TSV]
    accepted = []
    for position, item in enumerate(accept.split(",")):
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


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0
