"""Hostile queries against `seed-graph serve`, each sent while the endpoint runs as a user would run it, with
the status it answered and why, the time it took, the peak memory of the endpoint (its process and its query
workers) while it ran, the CPU it used in the second after (none, once a query is stopped), and whether a
plain query is answered after it. Prints a Markdown table.

    .venv/bin/python bench/hostile.py [GRAPH] [--timeout 10] [--memory 512]

GRAPH is a graph.ttl (default: the seed's build, made in a temporary folder). Needs Linux (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAIN = "SELECT (COUNT(*) AS ?n) WHERE { ?s a sg:Entity }"
CROSS = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l"


def hostile(service_port: int) -> list[tuple[str, str]]:
    return [
        ("10,000 nested !", "SELECT * WHERE { FILTER(" + "!" * 10_000 + "true) }"),
        ("10,000 nested ()", "SELECT * WHERE { FILTER(" + "(" * 10_000 + "true" + ")" * 10_000 + ") }"),
        ("10,000 nested {}", "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000),
        ("SERVICE to loopback", f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{service_port}/admin> {{ ?s ?p ?o }} }}"),
        ("SERVICE, escaped", "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:%d/admin> { ?s ?p ?o } }" % service_port),
        ("4-way cross product, COUNT", f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS} }}"),
        ("4-way cross product, SELECT *", f"SELECT * WHERE {{ {CROSS} }}"),
        ("cross product, client gone at 1 s", f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS} }}"),
        ("regex on every literal x4", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?x . ?c ?d ?y . "
                                      "FILTER(REGEX(CONCAT(STR(?x), STR(?y)), '(a+)+$')) }"),
        ("update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    ]


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and its children."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            with open(f"/proc/{current}/statm", "rb") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{current}/task/{current}/children") as f:
                pids += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            pass
    return total


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by a process and its children."""
    total, pids = 0.0, [pid]
    while pids:
        current = pids.pop()
        try:
            with open(f"/proc/{current}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            with open(f"/proc/{current}/task/{current}/children") as f:
                pids += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            pass
    return total


def ask(url: str, text: str, timeout: float, give_up: float | None = None) -> tuple[object, float, str]:
    """(status, seconds, the answer's first words) of a query."""
    started = time.perf_counter()
    request = urllib.request.Request(url, urllib.parse.urlencode({"query": text}).encode())
    try:
        with urllib.request.urlopen(request, timeout=give_up or timeout) as answer:
            answer.read()
            return answer.status, time.perf_counter() - started, ""
    except urllib.error.HTTPError as error:
        message = error.read().decode("utf-8", "replace").strip().removeprefix("query: ")
        return error.code, time.perf_counter() - started, message.split(";")[0].split(" (")[0]
    except (TimeoutError, OSError) as error:
        return "gave up", time.perf_counter() - started, ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph", nargs="?", type=Path)
    parser.add_argument("--timeout", type=float, default=10.0, help="serve --timeout (seconds)")
    parser.add_argument("--memory", type=int, default=512, help="serve --memory (MiB)")
    args = parser.parse_args()
    cli = [sys.executable, "-m", "graph.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph
        if graph is None:
            subprocess.run(cli + ["build", str(ROOT / "seeds"), "--out", tmp, "-q"], check=True, cwd=ROOT)
            graph = Path(tmp) / "graph.ttl"
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        reached = []
        threading.Thread(target=lambda: reached.append(listener.accept()), daemon=True).start()
        server = subprocess.Popen(cli + ["serve", str(graph), "--port", "0", "--timeout", str(args.timeout),
                                         "--memory", str(args.memory)],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        url = server.stdout.readline().split(" at ")[1].split()[0]
        rows = []
        try:
            for name, text in hostile(listener.getsockname()[1]):
                peak, done = [tree_rss(server.pid)], threading.Event()

                def watch():
                    while not done.wait(0.05):
                        peak.append(tree_rss(server.pid))

                watcher = threading.Thread(target=watch)
                watcher.start()
                give_up = 1.0 if "client gone" in name else None
                status, seconds, why = ask(url, text, args.timeout + 30, give_up)
                time.sleep(1)  # the endpoint notices within a moment that a client went away
                used = tree_cpu(server.pid)
                time.sleep(1)
                busy = tree_cpu(server.pid) - used  # CPU seconds in the second after: 0 once the query is stopped
                done.set()
                watcher.join()
                after = ask(url, PLAIN, 30)[0]
                rows.append({"query": name, "status": status, "why": why[:60], "seconds": round(seconds, 2),
                             "peak MiB": round(max(peak) / 2**20), "CPU after": round(busy, 2),
                             "plain query after": after, "endpoint alive": server.poll() is None})
        finally:
            server.terminate()
            server.wait(30)
        print("| query | status | answer | seconds | peak MiB | CPU s in the next second | a plain query after | "
              "endpoint alive |")
        print("|---|---|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['query']} | {r['status']} | {r['why']} | {r['seconds']} | {r['peak MiB']} | {r['CPU after']} | "
                  f"{r['plain query after']} | {'yes' if r['endpoint alive'] else 'no'} |")
        print(f"\nrequests that reached the loopback listener: {len(reached)}")
        print(json.dumps({"timeout": args.timeout, "memory": args.memory}), file=sys.stderr)


if __name__ == "__main__":
    main()
