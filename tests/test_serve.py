"""`seed-graph serve`: a read-only SPARQL 1.1 Protocol endpoint on loopback, queried over real HTTP with a
standard client (rdflib's SPARQLStore), started and stopped cleanly."""

import csv
import io
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


@pytest.fixture(scope="module")
def endpoint(seed_build):
    """The endpoint serving the seed's graph from a thread of this process, on a free port."""
    from graph.serve import Endpoint

    out, _ = seed_build
    server = Endpoint(query.load(out / "graph.ttl"), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def request(url, data=None, headers=None, method=None):
    """(status, content type, body) of an HTTP request, errors included."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
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
def test_updates_are_refused_and_the_graph_stays_as_it_was(endpoint, how, status):
    update = "INSERT DATA { ent:Tesla sg:acquires ent:NVIDIA }"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = query.run(endpoint.store, count).rows
    if how == "update form":
        answer = request(endpoint.url, urllib.parse.urlencode({"update": update}).encode())
    elif how == "update body":
        answer = request(endpoint.url, update.encode(), {"Content-Type": "application/sparql-update"})
    elif how == "update as query":
        answer = request(endpoint.url, urllib.parse.urlencode({"query": update}).encode())
    else:
        answer = request(endpoint.url, b"<a:b> <a:c> <a:d> .", {"Content-Type": "text/turtle"}, method=how)
    assert answer[0] == status
    assert query.run(endpoint.store, count).rows == before


@pytest.mark.parametrize("path, data, headers, status", [
    ("/query", None, {}, 400),                                                   # no query
    ("/query?query=SELECT%20%3Fs%20WHERE%20%7B", None, {}, 400),                 # not SPARQL
    ("/query", b"SELECT * {}", {"Content-Type": "text/plain"}, 415),
    ("/query?query=SELECT%20*%20%7B%7D", None, {"Accept": "image/png"}, 406),
    ("/query?query=SELECT%20*%20%7B%7D&default-graph-uri=urn%3Ax", None, {}, 400),
    ("/elsewhere", None, {}, 404),
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
