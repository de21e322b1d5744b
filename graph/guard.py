"""Queries that cannot hurt the host.

A query is read before any engine sees it: one that nests deeper than ``MAX_DEPTH`` (the engines recurse on
nesting and crash the process well before any real query gets there) or that would make the engine fetch
from elsewhere (SERVICE; FROM, which rdflib loads over HTTP) is refused. Then it runs in a worker process,
which is killed when the query runs out of time, grows past its memory bound or loses its client: whatever
the engine does, the process that asked survives. ``serve`` keeps a pool of such workers on a read-only store;
``seed-graph query`` runs one for its query, so Ctrl-C stops even an engine busy in native code.
"""

from __future__ import annotations

import logging
import os
import queue
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.model import InputError

log = logging.getLogger(__name__)

MAX_DEPTH = 100  # brackets and unary operators, nested; Oxigraph's parser overflows its stack past some thousands
MEMORY_MIB = 2048  # a worker's growth past what its graph takes, before its query is stopped
MAX_ANSWER = 64 << 20  # bytes of one serialised answer
_REMOTE = {"SERVICE": "SERVICE sends the query to another server",
           "FROM": "FROM and FROM NAMED load graphs from elsewhere (the graph here is the default graph)"}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_POLL = 0.05  # seconds between looks at a worker's answer, clock, memory and client


class Refused(InputError):
    """A query refused before it runs: too deeply nested, or asking for a request to another server."""


class Stopped(Exception):
    """A query stopped while it ran; ``reason`` is one of timeout, memory, size, crashed, gone."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def check(text: str, allow_remote: bool = False) -> None:
    """Refuse a query that nests deeper than MAX_DEPTH, or, unless ``allow_remote``, one that would make the
    engine fetch from another server. It is read as the engines read it: codepoint escapes (\\u0053ERVICE)
    first, then strings, IRIs and comments skipped."""
    text = unescape(text)
    depth = deepest = run = 0
    i, n = 0, len(text)
    previous = ""
    while i < n:
        ch = text[i]
        if ch == "#":
            i = text.find("\n", i)
            i = n if i < 0 else i
            continue
        if ch in "\"'":
            i = _string_end(text, i)
            previous = '"'
            continue
        if ch == "<":
            iri = _IRI.match(text, i)
            if iri:
                i, previous = iri.end(), ">"
                continue
        if ch.isspace():
            i += 1
            continue
        if ch in "!+-" and (ch == "!" or previous in "(,!+-=<>&|*/" or previous == ""):
            run += 1  # a unary operator nests like a bracket: !!!!true
        elif ch in "([{":
            depth, run = depth + 1, 0
        elif ch in ")]}":
            depth, run = max(0, depth - 1), 0
        else:
            run = 0
        deepest = max(deepest, depth + run)
        if deepest > MAX_DEPTH:
            raise Refused(f"query: nests deeper than {MAX_DEPTH} levels (brackets and operators); refused")
        word = _WORD.match(text, i) if ch.isalpha() or ch == "_" else None
        if word:
            keyword = word.group().upper()
            after = text[word.end():word.end() + 1]
            if keyword in _REMOTE and previous not in "?$:@" and after != ":" and not allow_remote \
                    and not (i and text[i - 1] in "?$:@_"):
                raise Refused(f"query: {_REMOTE[keyword]}; refused (outgoing requests are off)")
            i, previous = word.end(), "w"
            continue
        previous = ch
        i += 1


def unescape(text: str) -> str:
    """SPARQL's codepoint escapes, which apply to the whole query before it is parsed."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if int(m.group(1) or m.group(2), 16)
                       < 0x110000 else m.group(), text)


def _string_end(text: str, i: int) -> int:
    quote = text[i]
    long = text.startswith(quote * 3, i)
    j = i + (3 if long else 1)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if long and text.startswith(quote * 3, j):
            return j + 3
        if not long and (text[j] == quote or text[j] in "\r\n"):
            return j + 1
        j += 1
    return j


# ---------------------------------------------------------------------------------------------------------
# Workers


def _rss(pid: int) -> int | None:
    """The resident memory of a process in bytes (Linux); None where /proc does not say."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@dataclass
class Limits:
    """What one query may take: seconds (None: no limit), MiB of memory past its worker's graph, answer bytes."""

    timeout: float | None = 30.0
    memory: int = MEMORY_MIB
    answer: int = MAX_ANSWER


class Worker:
    """A process that holds a graph (a read-only store folder, or a Turtle file read into memory, with
    Oxigraph or rdflib) and answers queries one at a time, which can be killed at any point."""

    def __init__(self, source: str | Path, engine: str = "oxigraph") -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child, str(source), engine), daemon=True,
                                       name="seed-graph query worker")
        self.process.start()
        child.close()
        try:
            status, message = self._receive(None, None, lambda: True)
        except BaseException:
            self.kill()
            raise
        if status != "ready":
            self.kill()
            raise InputError(message)
        self.baseline = _rss(self.process.pid) or 0

    def ask(self, request: tuple, limits: Limits, alive: Callable[[], bool] = lambda: True,
            started: float | None = None):
        """Send a request and wait for its answer, within the limits; Stopped if it had to be stopped (the
        worker is then dead: ``kill`` it and start another)."""
        deadline = None if limits.timeout is None else (started or time.monotonic()) + limits.timeout
        self.connection.send((request, limits.answer))
        status, payload = self._receive(deadline, self.baseline + (limits.memory << 20), alive, limits)
        if status == "error":
            raise InputError(payload)
        if status == "too large":
            raise Stopped("size", f"the answer is larger than {limits.answer >> 20} MiB: ask for less (LIMIT)")
        return payload

    def _receive(self, deadline, memory, alive, limits: Limits | None = None):
        while True:
            if self.connection.poll(_POLL):
                try:
                    return self.connection.recv()
                except (EOFError, OSError):
                    raise Stopped("crashed", self._death()) from None
            if not self.process.is_alive():
                raise Stopped("crashed", self._death())
            if deadline is not None and time.monotonic() > deadline:
                raise Stopped("timeout", f"the query ran out of time ({limits.timeout:g} s): stopped")
            if memory is not None and (_rss(self.process.pid) or 0) > memory:
                raise Stopped("memory", f"the query took more than {limits.memory} MiB of memory: stopped")
            if not alive():
                raise Stopped("gone", "the client went away: stopped")

    def _death(self) -> str:
        self.process.join(1)
        code = self.process.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        return f"the query engine stopped ({how})"

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


def _work(connection, source: str, engine: str) -> None:
    """The worker's loop: load the graph, then answer (request, answer limit) pairs until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it kills the worker
    try:
        from graph import query

        graph = query.load(source, engine)
    except InputError as exc:
        connection.send(("failed", str(exc)))
        return
    connection.send(("ready", ""))
    while True:
        try:
            request, limit = connection.recv()
        except (EOFError, OSError):
            return
        try:
            connection.send(_answer(graph, request, limit))
        except InputError as exc:
            connection.send(("error", str(exc)))
        except _TooLarge:
            connection.send(("too large", ""))


class _TooLarge(Exception):
    pass


class _Capped:
    """A binary sink that refuses to hold more than ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.size, self.limit = 0, limit

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _answer(graph, request: tuple, limit: int):
    """One request: ("render", text, bindings, format, allow_remote) -> ("ok", text) as the CLI prints it; ("http", text,
    accept) -> ("ok", (status, content type, body)) negotiated as the endpoint answers."""
    from graph import query

    if request[0] == "render":
        _, text, bindings, fmt, allow_remote = request
        rendered = query.render(query.run(graph, text, bindings, allow_remote=allow_remote), fmt)
        if len(rendered) > limit:
            raise _TooLarge
        return "ok", rendered
    _, text, accept = request
    from graph.serve import negotiate

    sink = _Capped(limit)
    try:
        result = graph.query(text, prefixes=query.prefixes())
        fmt = negotiate(result, accept)
        if fmt is None:
            return "ok", (406, "text/plain; charset=utf-8", b"no acceptable format: ask for SPARQL JSON, XML, CSV or "
                          b"TSV results, or for Turtle, N-Triples, RDF/XML or JSON-LD\n")
        result.serialize(sink, fmt)
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:  # a bad query, or an error met evaluating it
        raise InputError(f"query: {query.one_line(exc)}") from exc
    charset = "; charset=utf-8" if fmt.media_type.startswith("text/") else ""
    return "ok", (200, fmt.media_type + charset, b"".join(sink.parts))


class Pool:
    """Workers on one graph for the endpoint: a query waits for a free worker (its waiting counts against its
    time), and a worker that had to be stopped is replaced in the background."""

    def __init__(self, source: str | Path, size: int, limits: Limits) -> None:
        self.source, self.limits = source, limits
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.closed = False
        for _ in range(size):
            self.idle.put(Worker(source))

    def ask(self, request: tuple, alive: Callable[[], bool]):
        started = time.monotonic()
        try:
            worker = self.idle.get(timeout=self.limits.timeout)
        except queue.Empty:
            raise Stopped("timeout", f"no worker was free within {self.limits.timeout:g} s: try again") from None
        try:
            answer = worker.ask(request, self.limits, alive, started)
        except Stopped as stopped:
            log.warning("query stopped (%s): %s", stopped.reason, stopped)
            worker.kill()
            threading.Thread(target=self._replace, daemon=True).start()
            raise
        except BaseException:
            self.idle.put(worker)
            raise
        self.idle.put(worker)
        return answer

    def _replace(self) -> None:
        while not self.closed:
            try:
                self.idle.put(Worker(self.source))
                return
            except Exception:  # the store is gone or the machine out of processes: try again a little later
                log.exception("cannot start a query worker")
                time.sleep(1)

    def close(self) -> None:
        self.closed = True
        while True:
            try:
                self.idle.get_nowait().kill()
            except queue.Empty:
                return


def run(source: str | Path, text: str, bindings: dict, fmt: str, engine: str = "oxigraph",
        limits: Limits | None = None, allow_remote: bool = False) -> str:
    """A query on a graph.ttl or a store folder, run as ``seed-graph query`` runs it: checked, then evaluated
    in a worker process within the limits, and rendered (graph.query.render). Ctrl-C kills the worker."""
    check(text, allow_remote)
    worker = Worker(source, engine)
    try:
        return worker.ask(("render", text, bindings, fmt, allow_remote), limits or Limits(timeout=None))
    finally:
        worker.kill()
