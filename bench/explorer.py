"""How the explorer holds up on a large graph, measured in headless Chromium.

By default it builds a synthetic graph of 2,000 nodes and 5,000 edges through the real code (extraction records
-> resolve -> rdflib build -> networkx view -> HTML page); with ``--graph`` it measures the explorer of a real
build instead (a graph.ttl, or the folder that holds it; the page is made again with the current code, or taken
as it is if an .html is given). It opens the page with every request outside the file blocked and reports the
page's size, the time until the layout has settled and physics has stopped, how long a frame takes to draw while
the user zooms and pans, how long a click and a search take to answer, and how long each filter takes to answer
(from the change to the next frame drawn)::

    .venv/bin/python bench/explorer.py [--nodes 2000] [--edges 5000] [--runs 3] [--out page.html]
    .venv/bin/seed-graph build <the four livedoor folders> --out /tmp/livedoor      # about 15 minutes
    .venv/bin/python bench/explorer.py --graph /tmp/livedoor/graph.ttl [--screenshot docs/explorer-corpus.png]

Relation kinds come from the profile (which kinds fit which types), names are made-up katakana, and hubs are
made by drawing endpoints with Zipf-like weights, as real news graphs have a few much-mentioned companies.
Figures are the medians of ``--runs`` page loads, each in a fresh browser.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from graph.model import Document, Extraction, Mention, Relation

TYPES = {"Organization": 0.40, "Person": 0.15, "Product": 0.15, "Technology": 0.10, "Place": 0.10,
         "Facility": 0.08, "Event": 0.02}
SUFFIXES = {"Organization": "工業", "Person": "氏", "Product": "X", "Technology": "技術", "Place": "市",
            "Facility": "工場", "Event": "展"}
KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
SENTENCES_PER_DOCUMENT = 20
BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic_extractions(nodes: int, edges: int, profile, seed: int = 0) -> list[Extraction]:
    """Extraction records whose graph has ``nodes`` nodes and ``edges`` edges once built and viewed.

    One agreement in forty relations: an agreement adds two nodes (itself and its amount) and four edges
    (two parties, its subject, its amount) beside its contractsWith relation.
    """
    rng = random.Random(seed)
    agreements = nodes // 40
    entity_count = nodes - 2 * agreements
    relation_count = edges - 4 * agreements
    names = _names(rng, entity_count)
    weights = [1 / (rank + 5) ** 0.9 for rank in range(entity_count)]
    kinds = {(s, o): sorted(k for k, spec in profile["relation_kinds"].items()
                            if s in spec["subject"] and o in spec["object"] and k not in ("contractsWith", "relatedTo"))
             for s in TYPES for o in TYPES}
    organizations = [i for i, (_, t) in enumerate(names) if t == "Organization"]
    products = [i for i, (_, t) in enumerate(names) if t == "Product"]
    seen: set[tuple] = set()
    facts: list[tuple] = []
    while len(facts) < agreements:  # Tesla-Samsung-like contracts, each about a product and with a price
        s, o = rng.sample(organizations, 2)
        if (s, "contractsWith", o) not in seen:
            seen.add((s, "contractsWith", o))
            facts.append((s, "contractsWith", o, rng.choice(products)))
    unmentioned = set(range(entity_count)) - {i for fact in facts for i in (fact[0], fact[2], fact[3])}
    while len(facts) < relation_count:
        s, o = rng.choices(range(entity_count), weights, k=2)
        if unmentioned:  # every entity in at least one fact, so none is lost from the view
            s, o = (min(unmentioned), o) if rng.random() < 0.5 else (s, min(unmentioned))
        options = kinds[(names[s][1], names[o][1])]
        if s == o or not options:
            continue
        fact = (s, rng.choice(options), o)
        if fact not in seen:
            seen.add(fact)
            facts.append((*fact, None))
            unmentioned -= {s, o}
    rng.shuffle(facts)
    return [_document(f"synthetic-{n:04d}", facts[i:i + SENTENCES_PER_DOCUMENT], names, rng)
            for n, i in enumerate(range(0, len(facts), SENTENCES_PER_DOCUMENT))]


def _names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    types = rng.choices(list(TYPES), list(TYPES.values()), k=count)
    return [("".join(rng.choices(KANA, k=rng.randint(2, 4))) + f"{i}{SUFFIXES[t]}", t)
            for i, t in enumerate(types)]


def _document(doc_id: str, facts: list[tuple], names: list[tuple[str, str]], rng: random.Random) -> Extraction:
    text, mentions, relations, sentences = "", [], [], []

    def mention(name: str, type_: str, value: dict | None = None) -> int:
        nonlocal text
        mentions.append(Mention(len(text), len(text) + len(name), name, type_, "synthetic", value=value))
        text += name
        return len(mentions) - 1

    for s, kind, o, about in facts:
        start = len(text)
        subject = mention(*names[s])
        text += "は"
        obj = mention(*names[o])
        qualifiers = {}
        if about is not None:
            amount = rng.randint(1, 900)
            text += "と"
            qualifiers["about"] = [mention(*names[about])]
            text += "について"
            qualifiers["value"] = [mention(f"約{amount}億ドル", "Money",
                                           {"amount": amount * 100_000_000, "currency": "USD"})]
            text += "の契約を"
            qualifiers["date"] = [mention("2025年7月", "Date", {"date": "2025-07", "datatype": "gYearMonth"})]
            text += "に結んだ。"
        else:
            text += f"と{kind}の関係にある。"
        relations.append(Relation(subject, kind, obj, start, len(text), "synthetic", 0.9,
                                  qualifiers=qualifiers))
        sentences.append((start, len(text)))
    document = Document(doc_id, text, f"<{doc_id}>", "0" * 64)
    return Extraction(document, mentions, relations, sentences)


def build_page(nodes: int, edges: int, out: Path) -> tuple[int, int]:
    """Write the explorer of a synthetic graph to ``out``; return the view's node and edge counts."""
    from graph import pipeline
    from graph.convert import to_networkx
    from graph.export.html import write_html
    from graph.profile import load_profile

    profile = load_profile()
    result = pipeline.assemble(synthetic_extractions(nodes, edges, profile), profile)
    view = to_networkx(result.graph)
    write_html(view, out, title=f"synthetic {view.number_of_nodes()} nodes")
    return view.number_of_nodes(), view.number_of_edges()


def page_of_graph(graph: Path, out: Path) -> tuple[int, int]:
    """Write the explorer of a built graph (a graph.ttl, or its folder) to ``out``; return its node and edge
    counts."""
    from graph import pipeline
    from graph.convert import to_networkx
    from graph.export.html import write_html

    view = to_networkx(pipeline.load(graph / "graph.ttl" if graph.is_dir() else graph))
    write_html(view, out, title=f"{len(view.graph['documents'])} documents")
    return view.number_of_nodes(), view.number_of_edges()


def measure(page_path: Path, executable: str = "/usr/bin/chromium", screenshot: Path | None = None) -> dict:
    """Open the page in headless Chromium and time its load, its frames under zoom and pan, a click, a search,
    and each filter."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else (blocked.append(route.request.url), route.abort()))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("() => window.seedGraph && window.seedGraph.settled", timeout=300_000, polling=100)
        loaded = page.evaluate("""() => {
            const t = performance.getEntriesByType("navigation")[0];
            return {parsed: t.domContentLoadedEventEnd, settled: seedGraph.settled,
                    drawnNodes: seedGraph.network.body.nodeIndices.length,
                    drawnEdges: seedGraph.network.body.edgeIndices.length}; }""")
        page.evaluate("""() => { window.frames_ = [];
            let t0 = 0;
            seedGraph.network.on("beforeDrawing", () => { t0 = performance.now(); });
            seedGraph.network.on("afterDrawing", () => { frames_.push(performance.now() - t0); }); }""")
        box = page.locator("#network").bounding_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(cx, cy)
        for step in range(10):  # zoom in, then out
            page.mouse.wheel(0, -120 if step < 5 else 120)
            page.wait_for_timeout(50)
        page.mouse.move(cx + 200, cy + 150)  # pan from an empty corner of the canvas
        page.mouse.down()
        for step in range(20):
            page.mouse.move(cx + 200 - 10 * step, cy + 150 - 5 * step)
            page.wait_for_timeout(16)
        page.mouse.up()
        page.wait_for_timeout(300)
        frames = page.evaluate("frames_")
        click = _latency(page, """() => { const n = seedGraph.network, id = n.body.nodeIndices[0];
            const p = n.canvasToDOM(n.getPosition(id)); return [p.x, p.y, id]; }""", "click")
        search = _latency(page, """() => seedGraph.nodes.get(seedGraph.network.body.nodeIndices[1]).info.label""",
                          "search")
        page.keyboard.press("Escape")
        filters = _filters(page)
        if screenshot:
            _screenshot(page, screenshot)
        browser.close()
    return {"parsed_ms": round(loaded["parsed"]), "settled_ms": round(loaded["settled"]),
            "drawn_nodes": loaded["drawnNodes"], "drawn_edges": loaded["drawnEdges"],
            "frames": len(frames), "frame_median_ms": round(statistics.median(frames), 1),
            "frame_p95_ms": round(_percentile(frames, 95), 1), "click_ms": click, "search_ms": search,
            **{f"filter_{name}_ms": ms for name, ms in filters.items()},
            "external_requests": len(blocked), "console_errors": errors}


# Each filter as a user sets it, and how to set it back; the page reports how long each took to answer.
FILTERS = {
    "type": ("""() => document.querySelector('#type-filter input[value="Product"]').click()""",
             """() => document.querySelector('#type-filter input[value="Product"]').click()"""),
    "kind": ("""() => document.querySelector('#kind-filter input').click()""",
             """() => document.querySelector('#kind-filter input').click()"""),
    "document": ("""() => { const docs = seedGraph.data.documents;
                     const best = Object.keys(docs).sort((a, b) => docs[b].facts - docs[a].facts)[0];
                     document.querySelector(`#doc-list input[value="${CSS.escape(best)}"]`).click(); }""",
                 """() => document.getElementById("doc-clear").click()"""),
    "date": ("""() => { const d = document.getElementById("date-from"); d.value = "2012-01-01";
                 d.dispatchEvent(new Event("change")); }""",
             """() => { const d = document.getElementById("date-from"); d.value = "";
                 d.dispatchEvent(new Event("change")); }"""),
    "confidence": ("""() => { const c = document.getElementById("confidence"); c.value = 0.8;
                       c.dispatchEvent(new Event("change")); }""",
                   """() => { const c = document.getElementById("confidence"); c.value = 0;
                       c.dispatchEvent(new Event("change")); }"""),
    "modality": ("""() => document.querySelector('#modality-filter input[value="asserted"]').click()""",
                 """() => document.querySelector('#modality-filter input[value="asserted"]').click()"""),
    "neighbourhood": ("""() => { const hub = seedGraph.data.nodes.filter(x => x.value)
                          .sort((a, b) => b.value - a.value)[0].id;
                          seedGraph.neighbourhood(hub); }""",
                      """() => document.getElementById("hood-clear").click()"""),
    "isolated": ("""() => document.getElementById("isolated").click()""",
                 """() => document.getElementById("isolated").click()"""),
}


def _screenshot(page, path: Path) -> None:
    """The first view, with the best connected node chosen: its relations in the panel, the rest veiled."""
    page.evaluate("() => document.getElementById('reset').click()")
    page.wait_for_timeout(600)
    box = page.locator("#network").bounding_box()
    x, y = page.evaluate("""() => { const n = seedGraph.network, hub = seedGraph.data.nodes.filter(x => x.value)
        .sort((a, b) => b.value - a.value)[0].id; const p = n.canvasToDOM(n.getPosition(hub)); return [p.x, p.y]; }""")
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_timeout(400)
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.move(1, 1)
    page.wait_for_timeout(400)
    page.screenshot(path=str(path))


def _filters(page) -> dict[str, float]:
    """Milliseconds from setting each filter to the next frame drawn with what it leaves (the page's own count,
    seedGraph.lastRefresh), and back."""
    times = {}
    for name, (apply, undo) in FILTERS.items():
        for step, script in (("", apply), ("_undo", undo)):
            page.evaluate("() => { seedGraph.lastRefresh = null; }")
            page.evaluate(script)
            page.wait_for_function("() => seedGraph.lastRefresh !== null", timeout=120_000)
            times[name + step] = round(page.evaluate("seedGraph.lastRefresh.ms"), 1)
            page.wait_for_timeout(400)  # let a fit's animation end
    return times


def _latency(page, target_js: str, how: str) -> float:
    """Milliseconds from a user's click or Enter to the details panel showing the answer."""
    target = page.evaluate(target_js)
    page.evaluate("""() => { window.answered_ = null;
        new MutationObserver((_, o) => { window.answered_ = performance.now(); o.disconnect(); })
            .observe(document.getElementById("details"), {childList: true, subtree: true}); }""")
    if how == "click":
        box = page.locator("#network").bounding_box()
        page.mouse.move(box["x"] + target[0], box["y"] + target[1])
        start = page.evaluate("performance.now()")
        page.mouse.down()
        page.mouse.up()
    else:
        page.fill("#search", target)
        start = page.evaluate("performance.now()")
        page.press("#search", "Enter")
    page.wait_for_function("() => window.answered_ !== null")
    return round(page.evaluate("answered_") - start, 1)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="page loads to measure; figures are their medians")
    parser.add_argument("--graph", type=Path,
                        help="measure the explorer of this build (graph.ttl or its folder, or a graph.html as it is)")
    parser.add_argument("--out", type=Path, help="keep the page here (default: a temporary file)")
    parser.add_argument("--screenshot", type=Path, help="save a screenshot of the first run's page here")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "explorer.html"
        started = time.perf_counter()
        if args.graph and args.graph.suffix == ".html":
            out = args.graph
            nodes, edges = (json.loads(out.read_text("utf-8").split('id="graph-data">', 1)[1].split("</script>")[0])[k]
                            for k in ("nodes", "edges"))
            nodes, edges = len(nodes), len(edges)
        elif args.graph:
            nodes, edges = page_of_graph(args.graph, out)
        else:
            nodes, edges = build_page(args.nodes, args.edges, out)
        built = time.perf_counter() - started
        runs = [measure(out, args.chromium, args.screenshot if i == 0 else None) for i in range(args.runs)]
        result = {"nodes": nodes, "edges": edges, "build_s": round(built, 1),
                  "page_mb": round(out.stat().st_size / 1e6, 1), "runs": len(runs)}
    for key, value in runs[0].items():
        result[key] = statistics.median(r[key] for r in runs) if isinstance(value, (int, float)) else \
            sorted({item for r in runs for item in r[key]})
    print(json.dumps(result, indent=2, ensure_ascii=False))
    complete = all(r["drawn_edges"] == edges for r in runs)  # every edge; the nodes that have one
    return 0 if complete and not result["external_requests"] and not result["console_errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
