"""The HTML explorer in a real browser: Playwright driving Debian's Chromium, headless, every request outside the
page's own file blocked and counted.

Without /usr/bin/chromium (or Playwright) the browser tests skip, saying why; with SEED_GRAPH_REQUIRE_BROWSER=1
(as in CI) they fail instead. What is expected is read from the rdflib graph, never from the page itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graph.export.html import FONT

DATA = Path(__file__).parent / "data"
ENT = "https://w3id.org/seed-graph/id/"
TESLA, SAMSUNG = ENT + "Tesla", ENT + "Samsung_Electronics"
PREFIXES = """
PREFIX sg: <https://w3id.org/seed-graph/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ENTITY_TYPES = "sg:Organization sg:Person sg:Place sg:Facility sg:Product sg:Technology sg:Event"


def select(graph, query: str) -> list[tuple]:
    return [tuple(row) for row in graph.query(PREFIXES + query)]


def connected(edges: list[tuple[str, str]]) -> tuple[int, int]:
    """What the explorer draws when the filters leave these edges: their ends, and them."""
    return len({node for edge in edges for node in edge}), len(edges)


# ---- the browser (its fixture, shared with the inline explorer's test, is in conftest.py) ----------------------

@dataclass
class Explorer:
    """An open page, with what it asked the network for, the errors it logged and the dialogs it opened."""

    page: object
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def drawn(self) -> tuple[int, int]:
        return tuple(self.js("() => [seedGraph.network.body.nodeIndices.length, "
                             "seedGraph.network.body.edgeIndices.length]"))

    def panel(self) -> str:
        return self.page.inner_text("#details")

    def screen(self, point: dict) -> tuple[float, float]:
        """Page coordinates of a point given in the network's DOM coordinates."""
        box = self.page.locator("#network").bounding_box()
        return box["x"] + point["x"], box["y"] + point["y"]

    def node_point(self, node: str) -> tuple[float, float]:
        return self.screen(self.js("id => seedGraph.network.canvasToDOM(seedGraph.network.getPosition(id))", node))

    def click_node(self, node: str) -> None:
        self.page.mouse.click(*self.node_point(node))

    def edge_id(self, source: str, target: str, kind: str) -> str:
        [edge] = self.js("([s, t, k]) => seedGraph.edges.getIds({filter: e => e.from === s && e.to === t && "
                         "e.kind === k})", [source, target, kind])
        return edge

    def click_edge(self, edge: str) -> None:
        """Click the edge where the user would: a point on its line with no node and no other edge under it."""
        point = self.js("""id => { const n = seedGraph.network, edge = n.body.edges[id];
            for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
                const p = n.canvasToDOM(edge.edgeType.getPoint(t));
                if (n.getNodeAt(p) === undefined && n.getEdgeAt(p) === id) return p;
            }
            return null; }""", edge)
        assert point is not None, f"no clear spot on edge {edge} to click"
        self.page.mouse.click(*self.screen(point))


@pytest.fixture
def open_explorer(browser):
    contexts = []

    def open_(path: Path) -> Explorer:
        context = browser.new_context(viewport={"width": 1400, "height": 850})
        contexts.append(context)
        page = context.new_page()
        explorer = Explorer(page)
        page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else explorer.external.append(r.url))
        page.on("websocket", lambda ws: explorer.external.append(ws.url))
        context.route(re.compile(r"^(?!file:|data:)"), lambda route: route.abort())
        page.on("console", lambda m: explorer.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: explorer.errors.append(str(e)))
        page.on("dialog", lambda d: (explorer.dialogs.append(d.message), d.dismiss()))
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => window.seedGraph && window.seedGraph.settled !== null", timeout=60_000)
        return explorer

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def seed(seed_build, seed_graph):
    """The seed build's explorer page and the graph it was made from."""
    out, _ = seed_build
    return out / "graph.html", seed_graph


# ---- the page as a file (no browser) -------------------------------------------------------------------------

def _view(facts: list[tuple[str, str, str]]):
    """A view of facts (subject, kind, object) between organisations, written as one document's sentences and
    built through resolve, the rdflib build and convert, without the language model."""
    from graph import pipeline
    from graph.convert import to_networkx
    from graph.model import Document, Extraction, Mention, Relation
    from graph.profile import load_profile

    text, mentions, relations = "", [], []
    for subject, kind, obj in facts:
        start = len(text)
        for name in (subject, obj):
            mentions.append(Mention(len(text), len(text) + len(name), name, "Organization", "test"))
            text += name + "と"
        text += "。"
        relations.append(Relation(len(mentions) - 2, kind, len(mentions) - 1, start, len(text), "test", 0.9))
    extraction = Extraction(Document("a", text, "<a>", "0" * 64), mentions, relations)
    return to_networkx(pipeline.assemble([extraction], load_profile()).graph)


def test_page_loads_nothing_from_elsewhere():
    from graph.export.html import render

    page = render(_view([("アルファ工業", "partnersWith", "ベータ電機")]))
    assert not re.search(r"""<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href|data)\s*=""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "default-src 'none'" in page  # and the Content-Security-Policy forbids loading anything anyway


def test_markup_in_names_cannot_leave_the_data_script():
    from graph.export.html import render

    hostile = "</script><script>alert(1)</script><!--"
    page = render(_view([(f"アルファ{hostile}", "partnersWith", "ベータ電機")]))
    assert hostile not in page and "</script><script>alert" not in page
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    assert any(n["label"].startswith(f"アルファ{hostile}") for n in json.loads(data)["nodes"])


# ---- the seed graph in the browser ---------------------------------------------------------------------------

@pytest.mark.browser
def test_the_harness_sees_external_requests(open_explorer, tmp_path):
    """The zero-request assertions below mean something: a page that does load from elsewhere is caught."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<img src="https://example.com/x.png"><script>window.seedGraph = {settled: 0}</script>')
    assert open_explorer(leaky).external == ["https://example.com/x.png"]


@pytest.mark.browser
@pytest.mark.model
def test_loads_offline_and_draws_every_connected_node_and_edge_and_the_isolated_ones_on_demand(open_explorer, seed):
    from graph.convert import to_networkx

    path, graph = seed
    view = to_networkx(graph)
    explorer = open_explorer(path)
    assert explorer.drawn() == (sum(1 for n in view if view.degree(n)), view.number_of_edges())
    explorer.page.click("#isolated")
    [(nodes,)] = select(graph, f"""SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {{
        {{ VALUES ?t {{ {ENTITY_TYPES} sg:Agreement }} ?n a ?t }} UNION {{ ?a a sg:Agreement ; sg:amount ?n }} }}""")
    [(facts,)] = select(graph, f"""SELECT (COUNT(*) AS ?c) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
        ?st a sg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        VALUES ?t {{ {ENTITY_TYPES} }} ?o a ?t }} }}""")
    [(links,)] = select(graph, """SELECT (COUNT(*) AS ?c) WHERE { SELECT DISTINCT ?a ?p ?o WHERE {
        ?a a sg:Agreement ; ?p ?o . VALUES ?p { sg:party sg:about sg:amount } } }""")
    assert explorer.drawn() == (int(nodes), int(facts) + int(links))
    assert explorer.external == [] and explorer.errors == []


@pytest.mark.browser
@pytest.mark.model
def test_physics_settles_then_stops(open_explorer, seed):
    """Once laid out, dragging a node moves that node alone: nothing is left running."""
    explorer = open_explorer(seed[0])
    before = explorer.js("() => seedGraph.network.getPositions()")
    x, y = explorer.node_point(TESLA)
    explorer.page.mouse.move(x, y)
    explorer.page.mouse.down()
    explorer.page.mouse.move(x + 40, y + 30, steps=5)
    explorer.page.mouse.move(x + 80, y + 60, steps=5)
    explorer.page.mouse.up()
    explorer.page.wait_for_timeout(500)
    after = explorer.js("() => seedGraph.network.getPositions()")
    moved = {node for node in before if before[node] != after[node]}
    assert moved == {TESLA}


@pytest.mark.browser
@pytest.mark.model
@pytest.mark.parametrize("query", ["サムスン", "Samsung", "三星電子", "samsung electronics"])
def test_search_selects_and_focuses_by_any_label_or_alias(open_explorer, seed, query):
    path, graph = seed
    [(label,)] = select(graph, f'SELECT ?l WHERE {{ <{SAMSUNG}> rdfs:label ?l FILTER(LANG(?l) = "ja") }}')
    explorer = open_explorer(path)
    explorer.page.fill("#search", query)
    explorer.page.press("#search", "Enter")
    explorer.page.wait_for_function("""id => { const n = seedGraph.network, p = n.getPosition(id),
        v = n.getViewPosition(); return Math.hypot(p.x - v.x, p.y - v.y) < 1; }""", arg=SAMSUNG)
    assert explorer.js("() => seedGraph.network.getSelectedNodes()") == [SAMSUNG]
    assert explorer.page.inner_text("#details h2") == str(label)


@pytest.mark.browser
@pytest.mark.model
def test_clicking_the_tesla_samsung_edge_shows_the_contract_sentence(open_explorer, seed):
    path, graph = seed
    sentences = select(graph, f"""SELECT ?text ?rule WHERE {{
        ?s a sg:Statement ; rdf:subject <{TESLA}> ; rdf:predicate sg:contractsWith ; rdf:object <{SAMSUNG}> ;
           sg:rule ?rule ; prov:wasDerivedFrom [ sg:text ?text ] }}""")
    assert sentences
    explorer = open_explorer(path)
    explorer.click_edge(explorer.edge_id(TESLA, SAMSUNG, "contractsWith"))
    panel = explorer.panel()
    for text, rule in sentences:
        assert str(text) in panel and str(rule) in panel
    assert "contractsWith" in panel and "past" in panel and "evcafe-23-tesla-samsung-ai-chips" in panel


@pytest.mark.browser
@pytest.mark.model
def test_a_node_explains_itself_on_hover_and_click(open_explorer, seed):
    path, graph = seed
    [(wikidata,)] = select(graph, f"SELECT ?w WHERE {{ <{TESLA}> owl:sameAs ?w }}")
    aliases = [str(a) for (a,) in select(graph, f"SELECT ?a WHERE {{ <{TESLA}> skos:altLabel ?a }}")]
    [(title,)] = select(graph, "SELECT ?t WHERE { ?d a sg:Document ; dcterms:title ?t }")
    qid = str(wikidata).rsplit("/", 1)[1]
    explorer = open_explorer(path)
    explorer.page.mouse.move(*explorer.node_point(TESLA))
    tooltip = explorer.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert all(part in tooltip.inner_text() for part in ["テスラ", "Organization", qid, str(title), *aliases])
    explorer.click_node(TESLA)
    panel = explorer.panel()
    assert all(part in panel for part in ["テスラ", "Tesla", "Organization", str(title), *aliases])
    assert explorer.page.get_attribute("#details a[href*=wikidata]", "href") == f"https://www.wikidata.org/wiki/{qid}"


@pytest.mark.browser
@pytest.mark.model
def test_selecting_a_node_fades_what_is_not_connected_to_it(open_explorer, seed):
    from graph.convert import to_networkx

    path, graph = seed
    view = to_networkx(graph)
    organizations = [n for n, t in sorted(view.nodes(data="type")) if t == "Organization" and n != TESLA]
    linked = set(view.successors(TESLA)) | set(view.predecessors(TESLA))
    near = next(n for n in organizations if n in linked)
    far = next(n for n in organizations if n not in linked)
    explorer = open_explorer(path)

    def pixel(node):
        x, y = explorer.js("id => seedGraph.network.canvasToDOM(seedGraph.network.getPosition(id))", node).values()
        return explorer.js("""([x, y]) => Array.from(document.querySelector("#network canvas").getContext("2d")
            .getImageData(Math.round(x * devicePixelRatio), Math.round(y * devicePixelRatio), 1, 1).data)""", [x, y])

    before = {node: pixel(node) for node in (near, far)}
    explorer.click_node(TESLA)
    explorer.page.wait_for_timeout(100)
    assert pixel(near) == before[near]
    assert min(pixel(far)[:3]) > max(before[far][:3])  # veiled: lighter in every channel


@pytest.mark.browser
@pytest.mark.model
def test_filters_hide_a_type_and_a_relation_kind(open_explorer, seed):
    from graph.convert import to_networkx

    path, graph = seed
    view = to_networkx(graph)
    people = {n for n, t in view.nodes(data="type") if t == "Person"}
    explorer = open_explorer(path)
    explorer.page.click('#type-filter input[value="Person"]')
    assert explorer.drawn() == connected([(s, t) for s, t in view.edges() if not {s, t} & people])
    explorer.page.click('#type-filter input[value="Person"]')
    explorer.page.click('#kind-filter input[value="develops"]')
    assert explorer.drawn() == connected([(s, t) for s, t, kind in view.edges(data="kind") if kind != "develops"])
    explorer.page.click("#isolated")  # what the filters leave without a relation is drawn too
    assert explorer.drawn() == (view.number_of_nodes(),
                                sum(1 for *_, kind in view.edges(data="kind") if kind != "develops"))


@pytest.mark.browser
@pytest.mark.model
def test_japanese_renders_with_a_japanese_font(open_explorer, seed):
    explorer = open_explorer(seed[0])
    stack = explorer.js("() => getComputedStyle(document.body).fontFamily")
    for name in ("Noto Sans JP", "Hiragino", "Yu Gothic", "Meiryo"):
        assert name in stack and name in FONT
    explorer.click_node(TESLA)
    cdp = explorer.page.context.new_cdp_session(explorer.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    heading = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#details h2"})["nodeId"]
    fonts = [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]]
    assert any(re.search(r"CJK|JP|Hiragino|Yu Gothic|Meiryo", f) for f in fonts), fonts
    # The canvas labels: with no Japanese font every kana is the same empty box, so two must differ.
    glyphs = explorer.js("""face => ["テ", "ス"].map(ch => {
        const c = document.createElement("canvas"); c.width = c.height = 40;
        const g = c.getContext("2d"); g.font = "32px " + face; g.fillText(ch, 2, 34);
        return Array.from(g.getImageData(0, 0, 40, 40).data).join(","); })""", FONT)
    assert glyphs[0] != glyphs[1]


@pytest.mark.browser
@pytest.mark.model
def test_markup_in_an_article_is_shown_as_text_and_runs_nothing(open_explorer, tmp_path):
    from click.testing import CliRunner

    from graph import pipeline
    from graph.cli import main

    out = tmp_path / "exports"
    result = CliRunner().invoke(main, ["build", str(DATA / "injected-markup.md"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    graph = pipeline.load(out / "graph.ttl")
    [(source, kind, target, sentence)] = select(graph, """SELECT ?s ?p ?o ?text WHERE {
        ?st a sg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom [ sg:text ?text ]
        FILTER(CONTAINS(?text, "<img")) }""")
    explorer = open_explorer(out / "graph.html")
    explorer.click_edge(explorer.edge_id(str(source), str(target), str(kind).rsplit("#", 1)[1]))
    assert str(sentence) in explorer.panel() and "<img src=x onerror=alert(1)>" in explorer.panel()
    explorer.click_node(str(source))
    assert "<script>alert('title')</script>記事" in explorer.panel()  # the document's title
    explorer.page.mouse.move(*explorer.node_point(str(source)))
    explorer.page.locator("div.vis-tooltip").wait_for(state="visible")
    explorer.page.wait_for_timeout(300)
    assert explorer.js("() => document.querySelectorAll('img, iframe, a[href^=javascript]').length") == 0
    assert explorer.js("() => document.scripts.length") == 3
    assert explorer.dialogs == [] and explorer.errors == [] and explorer.external == []


@pytest.mark.browser
@pytest.mark.model
def test_the_date_filter_shows_the_facts_dated_within_a_period(open_explorer, tmp_path):
    from click.testing import CliRunner

    from graph import pipeline
    from graph.cli import main
    from graph.convert import to_networkx

    out = tmp_path / "exports"
    result = CliRunner().invoke(main, ["build", str(DATA / "news-article.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    view = to_networkx(pipeline.load(out / "graph.ttl"))

    def within(lo: str, hi: str) -> int:  # the period is days; a fact's date is a year, a month or a day
        def overlaps(d):
            first = d + "-01-01" if len(d) == 4 else d + "-01" if len(d) == 7 else d[:10]
            last = d + "-12-31" if len(d) == 4 else d + "-31" if len(d) == 7 else d[:10]
            return (not lo or last >= lo) and (not hi or first <= hi)
        return sum(1 for s, _, a in view.edges(data=True)
                   if any(e.get("date") and overlaps(e["date"]) for e in a["evidence"])  # a fact its sentence dates
                   or any(overlaps(d) for d in view.nodes[s].get("dates", [])))  # a link of a dated agreement

    assert within("2011-12-01", "2011-12-31") >= 1 and within("2012-06-01", "") >= 1
    explorer = open_explorer(out / "graph.html")
    assert explorer.drawn()[1] == view.number_of_edges()
    explorer.page.fill("#date-from", "2011-12-01")
    explorer.page.fill("#date-to", "2011-12-31")
    assert explorer.drawn()[1] == within("2011-12-01", "2011-12-31")
    explorer.page.fill("#date-to", "")
    explorer.page.fill("#date-from", "2012-06-01")
    assert explorer.drawn()[1] == within("2012-06-01", "")
    explorer.click_edge(explorer.edge_id(*next((s, t, a["kind"]) for s, t, a in view.edges(data=True)
                                               if any(e.get("date") == "2012-06" for e in a["evidence"]))))
    assert "日付 2012-06" in explorer.panel()
    explorer.page.fill("#date-from", "")
    assert explorer.drawn()[1] == view.number_of_edges()
    assert explorer.errors == [] and explorer.external == []


# ---- a corpus: documents, isolated entities, hubs, dates, confidences, modalities (tests/corpus.py) -----------

HUB, LEAF = ENT + "アルファ工業", ENT + "シグマ研究所"


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    """The made-up corpus's explorer page and its networkx view."""
    import corpus
    from graph.convert import to_networkx
    from graph.export.html import write_html

    view = to_networkx(corpus.build().graph)
    path = tmp_path_factory.mktemp("news") / "graph.html"
    write_html(view, path)
    return path, view


def drawn_by_filters(view, **filters) -> tuple[int, int]:
    """How many nodes and edges the explorer should draw under these filters (see kept_edges)."""
    return connected(kept_edges(view, **filters))


def kept_edges(view, documents=(), confidence=0.0, hidden_modalities=(), period=None, basis="sentence"):
    """The edges the explorer should draw under these filters, read from the view: those with a piece of evidence
    that passes every filter at once (an agreement's links stand on the agreement's own sentence, and are dated
    by the agreement's date)."""
    meta = view.graph["documents"]

    def overlaps(d):
        if not d:
            return False
        first = d + "-01-01" if len(d) == 4 else d + "-01" if len(d) == 7 else d[:10]
        last = d + "-12-31" if len(d) == 4 else d + "-31" if len(d) == 7 else d[:10]
        return (not period[0] or last >= period[0]) and (not period[1] or first <= period[1])

    filtering = documents or confidence or hidden_modalities or period
    kept = []
    for source, target, attrs in view.edges(data=True):
        agreement = view.nodes[source] if view.nodes[source]["type"] == "Agreement" else None
        evidence = attrs["evidence"] or (agreement["evidence"] if agreement else [])

        def passes(e):
            if confidence and e.get("confidence", 1) < confidence or e.get("modality") in hidden_modalities:
                return False
            if documents and e["document"] not in documents:
                return False
            if period:
                if basis == "article":
                    return overlaps(meta.get(e["document"], {}).get("date"))
                return any(map(overlaps, agreement["dates"])) if agreement else overlaps(e.get("date"))
            return True

        if not filtering or any(map(passes, evidence)):  # noqa: B023
            kept.append((source, target))
    return kept


def set_confidence(explorer, value: float) -> None:
    explorer.js("""v => { const c = document.getElementById("confidence"); c.value = v;
        c.dispatchEvent(new Event("input")); c.dispatchEvent(new Event("change")); }""", value)


@pytest.mark.browser
def test_the_first_view_hides_isolated_entities_and_labels_the_hubs(open_explorer, news):
    path, view = news
    isolated = [n for n in view if view.degree(n) == 0]
    assert isolated and max(view.degree, key=lambda nd: nd[1])[0] == HUB
    explorer = open_explorer(path)
    assert explorer.drawn() == connected(list(view.edges()))
    assert f"({len(isolated)})" in explorer.page.inner_text("#isolated-count")
    # far out, where no label would be legible at its own size, the best connected node keeps its label
    explorer.js("() => seedGraph.network.moveTo({scale: 0.05})")
    explorer.page.wait_for_timeout(300)
    far = explorer.js("() => seedGraph.labelled()")
    assert HUB in far and LEAF not in far
    explorer.js("() => seedGraph.network.moveTo({scale: 2})")  # and closer in, every node has its label
    explorer.page.wait_for_timeout(300)
    near = set(explorer.js("() => seedGraph.labelled()"))
    assert {n for n in view if view.degree(n) and view.nodes[n]["type"] not in ("Agreement", "Money")} <= near
    explorer.page.click("#isolated")
    assert explorer.drawn() == (view.number_of_nodes(), view.number_of_edges())
    places = explorer.js("ids => seedGraph.network.getPositions(ids)", isolated)
    assert len({(round(p["x"]), round(p["y"])) for p in places.values()}) == len(isolated)  # each in a place of its own
    explorer.page.click("#isolated")
    assert explorer.drawn() == connected(list(view.edges()))
    assert explorer.errors == [] and explorer.external == []


@pytest.mark.browser
def test_the_documents_panel_lists_each_document_and_choosing_shows_only_their_subgraph(open_explorer, news):
    path, view = news
    explorer = open_explorer(path)
    rows = explorer.page.locator("#doc-list label")
    assert rows.count() == len(view.graph["documents"]) == 3
    second = explorer.page.locator("#doc-list label", has=explorer.page.locator('input[value="news-002"]'))
    text = second.inner_text()
    entities = sum(1 for _, a in view.nodes(data=True) if "news-002" in a["documents"] and a["type"] != "Agreement")
    facts = sum(1 for *_, a in view.edges(data=True) if any(e["document"] == "news-002" for e in a["evidence"]))
    for part in ["ベータ電機、ガンマXを量産へ", "2024-05-10", "news-002.txt", f"{entities} 実体", f"{facts} 事実"]:
        assert part in text, part
    explorer.page.check('#doc-list input[value="news-002"]')
    assert explorer.drawn() == drawn_by_filters(view, documents={"news-002"}) != connected(list(view.edges()))
    explorer.page.check('#doc-list input[value="news-003"]')  # several: what any of them says
    assert explorer.drawn() == drawn_by_filters(view, documents={"news-002", "news-003"})
    explorer.page.click("#isolated")  # with isolated nodes: everything the documents mention
    mentioned = {n for n, a in view.nodes(data=True) if {"news-002", "news-003"} & set(a["documents"])}
    ends = {n for edge in kept_edges(view, documents={"news-002", "news-003"}) for n in edge}
    assert explorer.drawn()[0] == len(mentioned | ends) > len(ends)
    explorer.page.click("#isolated")
    explorer.page.click("#doc-clear")
    assert explorer.drawn() == connected(list(view.edges()))
    explorer.page.fill("#doc-search", "量産")  # the list filters by title
    assert explorer.page.locator("#doc-list label:visible").count() == 1
    assert explorer.errors == [] and explorer.external == []


@pytest.mark.browser
def test_the_date_confidence_and_modality_filters_change_what_is_drawn(open_explorer, news):
    path, view = news
    explorer = open_explorer(path)
    everything = connected(list(view.edges()))
    set_confidence(explorer, 0.8)
    assert explorer.page.inner_text("#confidence-value") == "≥ 0.80"
    assert explorer.drawn() == drawn_by_filters(view, confidence=0.8) != everything
    explorer.page.click('#modality-filter input[value="asserted"]')  # and not said as so
    assert explorer.drawn() == drawn_by_filters(view, confidence=0.8, hidden_modalities={"asserted"})
    set_confidence(explorer, 0)
    assert explorer.drawn() == drawn_by_filters(view, hidden_modalities={"asserted"}) != everything
    explorer.page.click('#modality-filter input[value="asserted"]')
    assert explorer.drawn() == everything
    explorer.page.fill("#date-from", "2024-01-01")  # facts whose sentence gives a date in 2024 or later
    assert explorer.drawn() == drawn_by_filters(view, period=("2024-01-01", "")) != everything
    explorer.page.check('input[name=date-basis][value="article"]')  # facts of articles of 2024 or later
    assert explorer.drawn() == drawn_by_filters(view, period=("2024-01-01", ""), basis="article") != \
        drawn_by_filters(view, period=("2024-01-01", ""))
    explorer.page.fill("#date-to", "2024-03-31")
    assert explorer.drawn() == drawn_by_filters(view, period=("2024-01-01", "2024-03-31"), basis="article")
    explorer.page.click("#reset")
    assert explorer.drawn() == everything
    assert explorer.errors == [] and explorer.external == []


@pytest.mark.browser
def test_a_neighbourhood_shows_a_node_and_what_lies_within_k_hops(open_explorer, news):
    import networkx as nx

    path, view = news
    explorer = open_explorer(path)
    explorer.click_node(LEAF)
    for hops in (1, 2):
        explorer.page.select_option("#hops", str(hops))
        explorer.page.click("#hood")
        near = set(nx.ego_graph(view.to_undirected(as_view=True), LEAF, radius=hops))
        assert explorer.drawn() == connected([(s, t) for s, t in view.edges() if s in near and t in near])
        assert explorer.js("() => [...seedGraph.shown().nodes].sort()") == sorted(near)
    explorer.page.click("#hood-clear")
    assert explorer.drawn() == connected(list(view.edges()))
    explorer.page.wait_for_timeout(500)  # the view has fitted the graph again
    explorer.page.dblclick("#network canvas", position=dict(zip("xy", explorer.js(
        "id => Object.values(seedGraph.network.canvasToDOM(seedGraph.network.getPosition(id)))", HUB))))
    near = set(nx.ego_graph(view.to_undirected(as_view=True), HUB, radius=2))  # the hops chosen last
    assert explorer.js("() => [...seedGraph.shown().nodes].sort()") == sorted(near)
    assert explorer.errors == [] and explorer.external == []


@pytest.mark.browser
def test_communities_colour_the_nodes_on_demand(open_explorer, news):
    from graph.convert import communities
    from graph.export.html import PALETTE, STYLES

    path, view = news
    community = communities(view)
    explorer = open_explorer(path)
    colours = "() => Object.fromEntries(Object.values(seedGraph.network.body.nodes).map(n => [n.id, n.options.color.background]))"
    assert all(c.lower() == STYLES[view.nodes[n]["type"]][0] for n, c in explorer.js(colours).items())
    explorer.page.check('input[name=colour][value="community"]')
    painted = explorer.js(colours)
    assert painted == {n: PALETTE[community[n]] if 0 <= community[n] < len(PALETTE) else "#d5dae0" for n in painted}
    assert len(set(painted.values())) > 1 and explorer.page.is_visible("#community-legend")
    explorer.page.check('input[name=colour][value="type"]')
    assert all(c.lower() == STYLES[view.nodes[n]["type"]][0] for n, c in explorer.js(colours).items())
    assert explorer.errors == [] and explorer.external == []
