"""The HTML explorer: one self-contained page (vis-network as pyvis ships it, inlined; no external URL, no CDN).

The page (``templates/explorer.html`` and its script ``templates/explorer.js``) opens on the connected part of
the graph (isolated entities hidden, one switch shows them), labels the most connected nodes and the rest as
the view zooms in, and filters by document, type, relation kind, date, confidence and modality; it shows a
node's neighbourhood of k hops, and colours by type or by community (graph.convert.communities, computed here,
at build time). Text from documents only ever reaches the page as JSON (with ``<``, ``>`` and ``&`` escaped) and
is shown with ``textContent``, so markup in an article is displayed, never run. Physics lays the graph out once
and then stops, so even thousands of nodes stay responsive.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import IO

from graph.export import write_text

# type -> (colour, vis shape); colours from Tableau 10, shapes so that colour is not the only cue
STYLES = {
    "Organization": ("#4e79a7", "dot"), "Person": ("#f28e2b", "triangle"), "Place": ("#59a14f", "triangleDown"),
    "Facility": ("#76b7b2", "square"), "Product": ("#e15759", "diamond"), "Technology": ("#b07aa1", "hexagon"),
    "Event": ("#9c755f", "star"), "Agreement": ("#eef1f5", "box"), "Money": ("#edc948", "ellipse"),
    "Quantity": ("#edc948", "ellipse"),
}
NAMES = {"Money": "金額", "Quantity": "数量"}  # value nodes have no class of ours in the ontology
STRUCTURAL = ("party", "about", "amount")  # links of an agreement node, not facts of their own
SMALL = ("Agreement", "Money", "Quantity")  # drawn as small labelled boxes, not sized by degree
FONT = ('"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, '
        "sans-serif")
LARGE = 500  # nodes: beyond this, layout and drawing trade looks for speed
MODALITIES = ("asserted", "past", "reported", "planned", "speculative", "negated")
# the largest communities' colours (ColorBrewer Paired); smaller ones and lone nodes are grey
PALETTE = ("#1f78b4", "#e31a1c", "#33a02c", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3", "#fb9a99", "#b2df8a",
           "#fdbf6f", "#cab2d6", "#e7d84c")


def render(view, title: str = "seed-graph") -> str:
    """The explorer page for a networkx view of the graph (graph.convert.to_networkx)."""
    from graph.convert import communities

    community = communities(view)
    nodes = []
    for node, attrs in sorted(view.nodes(data=True)):
        type_ = attrs["type"]
        degree = view.degree(node)
        nodes.append({"id": node, "label": _label(attrs), "group": type_, "shape": STYLES[type_][1],
                      "info": {**_plain(attrs), "degree": degree, "community": community[node]},
                      **({} if type_ in SMALL else {"value": degree})})
    edges = []
    for number, (source, target, attrs) in enumerate(sorted(view.edges(data=True),
                                                            key=lambda e: (e[0], e[1], e[2]["kind"]))):
        spread = math.sqrt(view.degree(source)) + math.sqrt(view.degree(target))  # room around hubs
        edges.append({"from": source, "to": target, "arrows": "to", "id": f"e{number}", "kind": attrs["kind"],
                      "info": {"evidence": attrs["evidence"]}, "label": attrs["kind"],
                      "length": round(90 + 25 * spread), **_edge_style(attrs)})
    names = _names()
    types = Counter(a["type"] for _, a in view.nodes(data=True))
    kinds = Counter(a["kind"] for *_, a in view.edges(data=True))
    modalities = Counter(m for *_, a in view.edges(data=True) for m in {e["modality"] for e in a["evidence"]})
    data = {
        "nodes": nodes, "edges": edges, "options": _options(sum(1 for n in view if view.degree(n))),
        "documents": _documents(view),
        "types": [{"name": t, "label": NAMES.get(t) or names.get(t, t), "color": STYLES[t][0], "shape": STYLES[t][1],
                   "count": types[t]} for t in sorted(types, key=list(STYLES).index)],
        "kinds": [{"name": k, "label": names.get(k, k), "structural": k in STRUCTURAL, "count": kinds[k]}
                  for k in sorted(kinds, key=lambda k: (k in STRUCTURAL, k))],
        "modalities": [{"name": m, "label": names.get(m, m), "count": modalities[m]} for m in MODALITIES
                       if modalities[m]],
        "communities": _communities(view, community),
    }
    return _template().render(title=title, font=FONT, vis_js=_asset_js(_vis_path()),
                              explorer_js=_asset_js(_template_path("explorer.js")), data_json=_script_json(data))


def _documents(view) -> dict[str, dict]:
    """Each document's title, date, URL and source, with how many entities it mentions and facts it gives."""
    documents = {doc: {**meta, "entities": 0, "facts": 0} for doc, meta in view.graph.get("documents", {}).items()}
    for _, attrs in view.nodes(data=True):
        if attrs["type"] not in SMALL:
            for doc in attrs.get("documents", []):
                if doc in documents:
                    documents[doc]["entities"] += 1
    for *_, attrs in view.edges(data=True):
        for doc in {e["document"] for e in attrs["evidence"]}:
            if doc in documents:
                documents[doc]["facts"] += 1
    return documents


def _communities(view, community: dict[str, int]) -> list[dict]:
    """The largest communities, each with its colour, size and best connected members' labels."""
    members: dict[int, list[str]] = {}
    for node, number in community.items():
        if 0 <= number < len(PALETTE):
            members.setdefault(number, []).append(node)
    return [{"index": number, "color": PALETTE[number], "size": len(nodes),
             "names": [view.nodes[n]["label"] for n in sorted(nodes, key=lambda n: (-view.degree(n), n))[:3]]}
            for number, nodes in sorted(members.items())]


def write_html(view, dest: str | Path | IO[str], title: str = "seed-graph") -> None:
    page = render(view, title)
    write_text(dest, lambda file: file.write(page))


def _label(attrs: dict) -> str:
    """What is drawn: the Japanese label with the English one below it where they differ; an agreement by its
    date, a value by its text."""
    if attrs["type"] == "Agreement":
        return " ".join(["契約", *attrs.get("dates", [])[:1]])
    label, english = attrs["label"], attrs.get("label_en")
    return f"{label}\n{english}" if english and english != label else label


def _edge_style(attrs: dict) -> dict:
    """Plain arrows for facts stated as so (asserted, past, reported), dashes for planned or speculative ones,
    red dashes for negated ones; thicker for more evidence; agreement links thin and grey."""
    if attrs["kind"] in STRUCTURAL:
        return {"arrows": "", "width": 1, "color": {"color": "#b8c0ca", "highlight": "#6b7785"},
                "font": {"size": 10, "color": "#8a94a3"}, "length": 90}
    modalities = {e["modality"] for e in attrs["evidence"]}
    style = {"width": round(1 + math.log2(max(1, len(attrs["evidence"]))), 2)}
    if modalities == {"negated"}:
        style.update(dashes=True, color={"color": "#c0392b", "highlight": "#c0392b"}, label=f"¬{attrs['kind']}")
    elif modalities and not modalities & {"asserted", "past", "reported"}:
        style["dashes"] = True
    return style


def _options(size: int) -> dict:
    """vis-network options. Stabilisation iterations shrink as the graph grows (about 100 at 2,000 nodes), since
    each costs more; a large graph uses Barnes-Hut, straight edges and no extra layout pass."""
    large = size > LARGE
    iterations = max(60, min(400, 200_000 // max(size, 1)))
    physics = ({"solver": "barnesHut", "barnesHut": {"gravitationalConstant": -6000, "springLength": 120,
                                                     "springConstant": 0.04, "damping": 0.3, "theta": 0.8}}
               if large else
               {"solver": "forceAtlas2Based", "forceAtlas2Based": {"gravitationalConstant": -120, "springLength": 100,
                                                                   "centralGravity": 0.02, "avoidOverlap": 0.8}})
    physics["stabilization"] = {"iterations": iterations, "updateInterval": 10, "fit": True}
    return {
        "groups": {t: {"shape": shape, "color": {"background": color, "border": _darker(color),
                                                 "highlight": {"background": color, "border": "#1d2733"},
                                                 "hover": {"background": color, "border": "#1d2733"}},
                       **({"font": {"size": 12}, "margin": 5} if t in SMALL else {})}
                   for t, (color, shape) in STYLES.items()},
        "nodes": {"font": {"face": FONT, "size": 14, "color": "#1d2733", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1.5, "borderWidthSelected": 3,
                  "scaling": {"min": 10, "max": 36, "label": {"enabled": True, "min": 13, "max": 19,
                                                               "drawThreshold": 7, "maxVisible": 30}}},
        "edges": {"font": {"face": FONT, "size": 11, "color": "#4b5867", "strokeWidth": 3, "strokeColor": "#ffffff",
                           "align": "middle"},
                  "color": {"color": "#8795a5", "highlight": "#1d2733", "hover": "#1d2733"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}}, "arrowStrikethrough": False,
                  "smooth": {"enabled": not large, "type": "continuous", "roundness": 0.3},
                  "selectionWidth": 2, "hoverWidth": 0.5},
        "physics": {"enabled": True, **physics},
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "multiselect": False},
    }


def _darker(color: str) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * 0.7):02x}" for c in (r, g, b))


def _names() -> dict[str, str]:
    """Japanese labels of the ontology's classes and properties, by local name (組織, 契約する, …)."""
    from importlib import resources

    from rdflib import RDFS, Graph, Literal

    from graph.convert import local_name

    ontology = Graph().parse(str(resources.files("graph") / "ontology.ttl"), format="turtle")
    return {local_name(term): str(label) for term, label in ontology.subject_objects(RDFS.label)
            if isinstance(label, Literal) and label.language == "ja"}


def _plain(attrs: dict) -> dict:
    return {k: sorted(v) if isinstance(v, set) else v for k, v in attrs.items()}


def _script_json(data):
    """JSON safe inside a <script> element: no character of it can close the element or open a comment."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("graph.export", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("explorer.html")


def _template_path(name: str):
    from importlib import resources

    return resources.files("graph.export") / "templates" / name


def _vis_path():
    """vis-network as pyvis ships it."""
    from importlib import resources

    return resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"


def _asset_js(path):
    """A script, marked safe for the template (it is code, not text), that cannot close its element."""
    from markupsafe import Markup

    return Markup(path.read_text("utf-8").replace("</script", "<\\/script"))
