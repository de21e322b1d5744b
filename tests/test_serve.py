"""`seed-graph serve`: a read-only SPARQL 1.1 Protocol endpoint on loopback, queried over real HTTP with a
standard client (rdflib's SPARQLStore), started and stopped cleanly, and kept alive whatever it is sent:
queries that crash engines, ask for other servers, never end or eat memory; crowds of clients, slow ones, and
requests for another host."""

import contextlib
import csv
import io
import os
import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal

from graph import query

pytestmark = pytest.mark.model

PERSONS = "SELECT ?name WHERE { ?person a sg:Person ; rdfs:label ?name FILTER(LANG(?name) = 'ja') } ORDER BY ?name"


CROSS = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l"


@contextlib.contextmanager
def serving(graph, host="127.0.0.1", **options):
    """An endpoint serving ``graph`` from a thread of this process, on a free port."""
    from graph.serve import Endpoint

    server = Endpoint(graph, host, 0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def endpoint(seed_build):
    """The endpoint serving the seed's graph: queries stopped after 5 s or 300 MiB, clients after 2 s of silence."""
    from graph.guard import Limits

    out, _ = seed_build
    with serving(out / "graph.ttl", limits=Limits(timeout=5, memory=300), client_timeout=2) as server:
        yield server


@pytest.fixture(scope="module")
def store(seed_build):
    out, _ = seed_build
    return query.load(out / "graph.ttl")


def request(url, data=None, headers=None, method=None, timeout=10):
    """(status, content type, body) of an HTTP request, errors included."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def test_a_standard_client_gets_the_answers_of_the_graph(endpoint, seed_graph):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = Graph(store=SPARQLStore(endpoint.url, returnFormat="json"))
    prefixes = "PREFIX sg: <https://w3id.org/seed-graph/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    names = [str(row[0]) for row in remote.query(prefixes + PERSONS)]
    assert names == [str(row[0]) for row in seed_graph.query(prefixes + PERSONS)]
    assert "イーロン・マスク" in names and len(names) == 4


def test_queries_by_get_and_post_with_content_negotiation(endpoint):
    status, kind, body = request(endpoint.url + "?" + urllib.parse.urlencode({"query": PERSONS}))
    assert status == 200 and kind == "application/sparql-results+json"
    names = [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]
    status, kind, body = request(endpoint.url, PERSONS.encode(), {"Content-Type": "application/sparql-query",
                                                                  "Accept": "text/csv"})
    assert status == 200 and kind.startswith("text/csv")
    assert [row[0] for row in csv.reader(io.StringIO(body))] == ["name", *names]
    form = urllib.parse.urlencode({"query": "ASK { ent:Tesla sg:contractsWith ?other }"}).encode()
    status, kind, body = request(endpoint.url, form, {"Accept": "application/sparql-results+xml"})
    assert status == 200 and kind == "application/sparql-results+xml" and "<boolean>true</boolean>" in body
    construct = "CONSTRUCT { ent:Tesla ?p ?o } WHERE { ent:Tesla ?p ?o }"
    status, kind, body = request(endpoint.url, construct.encode(), {"Content-Type": "application/sparql-query",
                                                                    "Accept": "text/turtle, */*;q=0.1"})
    assert status == 200 and kind.startswith("text/turtle")
    assert Literal("テスラ", lang="ja") in set(Graph().parse(data=body, format="turtle").objects())


@pytest.mark.parametrize("how, status", [
    ("update form", 403), ("update body", 403), ("update as query", 400), ("PUT", 405), ("DELETE", 405),
])
def test_updates_are_refused_and_the_graph_stays_as_it_was(endpoint, store, how, status):
    update = "INSERT DATA { ent:Tesla sg:acquires ent:NVIDIA }"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = query.run(store, count).rows
    if how == "update form":
        answer = request(endpoint.url, urllib.parse.urlencode({"update": update}).encode())
    elif how == "update body":
        answer = request(endpoint.url, update.encode(), {"Content-Type": "application/sparql-update"})
    elif how == "update as query":
        answer = request(endpoint.url, urllib.parse.urlencode({"query": update}).encode())
    else:
        answer = request(endpoint.url, b"<a:b> <a:c> <a:d> .", {"Content-Type": "text/turtle"}, method=how)
    assert answer[0] == status
    assert query.run(store, count).rows == before
    assert request(endpoint.url + "?" + urllib.parse.urlencode({"query": count}))[0] == 200


@pytest.mark.parametrize("path, data, headers, status", [
    ("/query", None, {}, 400),                                                   # no query
    ("/query?query=SELECT%20%3Fs%20WHERE%20%7B", None, {}, 400),                 # not SPARQL
    ("/query", b"SELECT * {}", {"Content-Type": "text/plain"}, 415),
    ("/query?query=SELECT%20*%20%7B%7D", None, {"Accept": "image/png"}, 406),
    ("/query?query=SELECT%20*%20%7B%7D&default-graph-uri=urn%3Ax", None, {}, 400),
    ("/elsewhere", None, {}, 404),
    ("/query", b"query=ASK{}", {"Content-Length": "abc"}, 400),                 # a length that is no number
    ("/query", b"query=ASK{}", {"Content-Length": "\u00b2"}, 400),               # a digit, but not 0-9
])
def test_bad_requests_get_a_clear_status(endpoint, path, data, headers, status):
    url = endpoint.url.rsplit("/", 1)[0] + path
    code, kind, body = request(url, data, headers)
    assert code == status and kind.startswith("text/plain") and body.strip()


def test_serve_command_listens_on_loopback_and_stops_cleanly(seed_build):
    out, _ = seed_build
    for stop in (signal.SIGINT, signal.SIGTERM):
        server = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", str(out / "graph.ttl"), "--port", "0"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            assert line.startswith(f"serving {out / 'graph.ttl'} at http://127.0.0.1:"), line + server.stderr.read()
            url = line.split(" at ")[1].split()[0]
            port = int(urllib.parse.urlsplit(url).port)
            status, _, body = request(url + "?" + urllib.parse.urlencode({"query": PERSONS}))
            assert status == 200 and "イーロン・マスク" in body
            server.send_signal(stop)
            assert server.wait(timeout=20) == 0
            assert server.stdout.read().strip() == "stopped"
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_serve_command_names_a_port_it_cannot_take(seed_build):
    from click.testing import CliRunner

    from graph.cli import main

    out, _ = seed_build
    refused = CliRunner().invoke(main, ["serve", str(out / "graph.ttl"), "--host", "0.0.0.0"])
    assert refused.exit_code == 2 and "not a loopback address" in refused.output and "--public" in refused.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(out / "graph.ttl"), "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.startswith(f"seed-graph: error: 127.0.0.1:{port}: cannot listen")
    missing = CliRunner().invoke(main, ["serve", "no/such.ttl"])
    assert missing.exit_code == 2 and "no/such.ttl: no such file" in missing.output


def test_the_endpoint_answers_while_another_query_runs(endpoint):
    """Requests are served in threads: a client that sends nothing does not block the others."""
    host, port = endpoint.server_address[:2]
    with socket.create_connection((host, port), timeout=5):
        started = time.perf_counter()
        status, _, _ = request(endpoint.url + "?" + urllib.parse.urlencode({"query": PERSONS}))
    assert status == 200 and time.perf_counter() - started < 5


# -- hostile queries and crowds ----------------------------------------------------------------------------

def ask(server, text, timeout=30, headers=None):
    return request(server.url, urllib.parse.urlencode({"query": text}).encode(), headers, timeout=timeout)


def worker_pids(server):
    return sorted(w.process.pid for w in list(server.pool.idle.queue))


def rss_mib(pid):
    """The resident memory of a process, 0 once it is gone (a worker killed between two looks at it)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (FileNotFoundError, ProcessLookupError):
        return 0


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { FILTER(" + "!" * 10_000 + "true) }",
    "SELECT * WHERE { FILTER(" + "(" * 10_000 + "true" + ")" * 10_000 + ") }",
    "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000,
])
def test_a_query_nested_10000_levels_deep_is_refused_before_the_engine_and_the_endpoint_lives(endpoint, text):
    workers = worker_pids(endpoint)
    status, _, body = ask(endpoint, text)
    assert status == 400 and "nests deeper than" in body
    assert worker_pids(endpoint) == workers  # no engine saw it
    assert ask(endpoint, PERSONS)[0] == 200


@pytest.fixture
def listener():
    """A server on loopback that counts the connections it gets: no query may make one."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    reached = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                reached.append(server.accept()[0])
            except TimeoutError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], reached
    stop.set()
    thread.join()
    server.close()


@pytest.mark.parametrize("service", ["SERVICE", "service SILENT", "\\u0053ERVICE"])
def test_service_never_reaches_another_server_from_the_endpoint(endpoint, listener, service):
    port, reached = listener
    status, _, body = ask(endpoint, f"SELECT * WHERE {{ {service} <http://127.0.0.1:{port}/admin> {{ ?s ?p ?o }} }}")
    time.sleep(0.5)
    assert status == 400 and "refused" in body and reached == []


def test_service_reaches_another_server_from_the_query_command_only_when_allowed(seed_build, listener):
    from click.testing import CliRunner

    from graph.cli import main

    out, _ = seed_build
    port, reached = listener
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/admin> {{ ?s ?p ?o }} }}"
    for engine in ("oxigraph", "rdflib"):
        result = CliRunner().invoke(main, ["query", str(out / "graph.ttl"), "--query", text, "--engine", engine])
        assert result.exit_code == 2 and "SERVICE" in result.output and "refused" in result.output
    time.sleep(0.5)
    assert reached == []
    allowed = CliRunner().invoke(main, ["query", str(out / "graph.ttl"), "--query", text, "--allow-remote",
                                        "--timeout", "5"])
    assert allowed.exit_code == 2 and len(reached) == 1  # it asked, and the listener answered nothing


def test_a_cross_product_is_stopped_at_the_time_limit_while_other_clients_are_answered(endpoint):
    answer, started = {}, time.perf_counter()
    heavy = threading.Thread(target=lambda: answer.update(
        zip(("status", "kind", "body"), ask(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS} }}"))))
    heavy.start()
    time.sleep(0.5)
    meanwhile = [ask(endpoint, PERSONS) for _ in range(5)]
    answered = time.perf_counter() - started
    busy = [w for w in __import__("multiprocessing").active_children() if w.name == "seed-graph query worker"]
    peak = 0.0
    while heavy.is_alive():
        peak = max([peak] + [rss_mib(w.pid) for w in busy if w.is_alive()])
        time.sleep(0.05)
    assert all(status == 200 for status, _, _ in meanwhile) and answered < 5
    assert answer["status"] == 503 and "ran out of time (5 s)" in answer["body"]
    assert 5 <= time.perf_counter() - started < 15
    assert peak < 300 + 300  # the graph and the bound
    assert ask(endpoint, PERSONS)[0] == 200


def test_a_query_that_eats_memory_is_stopped_below_its_bound(seed_build):
    from graph.guard import Limits

    out, _ = seed_build
    with serving(out / "graph.ttl", limits=Limits(timeout=60, memory=100, answer=1 << 40)) as server:
        baseline = max(rss_mib(pid) for pid in worker_pids(server))
        peak, done = [0.0], threading.Event()

        def watch():
            while not done.wait(0.02):
                for pid in worker_pids(server) + [p.pid for p in __import__("multiprocessing").active_children()]:
                    with contextlib.suppress(OSError):
                        peak[0] = max(peak[0], rss_mib(pid))

        watcher = threading.Thread(target=watch)
        watcher.start()
        status, _, body = ask(server, f"SELECT * WHERE {{ {CROSS} }}", timeout=60)
        done.set()
        watcher.join()
        assert status == 503 and "more than 100 MiB" in body
        assert peak[0] < baseline + 100 + 150  # stopped within a poll of crossing the bound
        assert ask(server, PERSONS)[0] == 200


def test_a_query_whose_client_went_away_is_stopped(endpoint):
    before = worker_pids(endpoint)
    client = socket.create_connection(endpoint.server_address[:2])
    body = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS} }}"}).encode()
    client.sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                   + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    time.sleep(0.5)
    client.close()
    deadline = time.monotonic() + 4  # well before the 5 s limit
    while time.monotonic() < deadline and (len(worker_pids(endpoint)) < 2 or worker_pids(endpoint) == before):
        time.sleep(0.05)
    assert len(worker_pids(endpoint)) == 2 and worker_pids(endpoint) != before  # one was stopped and replaced


def test_200_concurrent_queries_are_all_answered(endpoint):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(lambda _: ask(endpoint, PERSONS, timeout=60)[0], range(200)))
    assert statuses == [200] * 200


def test_slow_clients_are_let_go_by_the_socket_timeout_and_others_are_answered_meanwhile(endpoint):
    slow = [socket.create_connection(endpoint.server_address[:2]) for _ in range(50)]
    try:
        slow[0].sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\n")  # half a request, then nothing
        assert ask(endpoint, PERSONS)[0] == 200
        for client in slow:
            client.settimeout(10)
            answer = b""
            while chunk := client.recv(4096):
                answer += chunk
            assert answer.startswith(b"HTTP/1.0 408"), answer[:80]  # closed, with a status that says why
    finally:
        for client in slow:
            client.close()


@pytest.mark.parametrize("host, status", [("127.0.0.1:{port}", 200), ("localhost:{port}", 200), ("localhost", 200),
                                          ("attacker.example:{port}", 400), ("127.0.0.1.nip.io:{port}", 400)])
def test_the_host_header_must_name_this_endpoint(endpoint, host, status):
    port = endpoint.server_address[1]
    code, _, body = ask(endpoint, PERSONS, headers={"Host": host.format(port=port)})
    assert code == status
    if status == 400:
        assert "is not this endpoint's address" in body


def test_the_endpoint_listens_on_ipv6_loopback(seed_build):
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    out, _ = seed_build
    try:
        context = serving(out / "graph.ttl", "::1")
        server = context.__enter__()
    except OSError as exc:
        pytest.skip(f"cannot listen on ::1: {exc}")
    try:
        assert server.url.startswith("http://[::1]:")
        assert ask(server, PERSONS)[0] == 200
    finally:
        context.__exit__(None, None, None)
