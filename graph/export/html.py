"""The HTML explorer: one self-contained page (pyvis's vis-network inlined, no external URL, no CDN).

pyvis lays out the nodes and edges and their options; the page around them is ours
(``templates/explorer.html``): a search over every label and alias, filters by type and relation kind, a
legend, and a panel that shows an entity's details or a relation's evidence. Text from documents only ever
reaches the page as JSON (with ``<``, ``>`` and ``&`` escaped) and is shown with ``textContent``, so markup in
an article is displayed, never run.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import IO

from graph.export import write_text

COLORS = {
    "Organization": "#2f6fb1", "Person": "#e07b28", "Place": "#3a9a5b", "Facility": "#1f8f8a",
    "Product": "#c2414b", "Technology": "#7b52ab", "Event": "#9c6b30", "Agreement": "#8a94a3",
}
SHAPES = {
    "Organization": "dot", "Person": "dot", "Place": "triangle", "Facility": "square", "Product": "diamond",
    "Technology": "hexagon", "Event": "star", "Agreement": "dot",
}
DASHED = {"planned", "speculative", "negated"}


def render(view, title: str = "seed-graph") -> str:
    """The explorer page for a networkx view of the graph (graph.convert.to_networkx)."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node, attrs in sorted(view.nodes(data=True)):
        label = attrs["label"]
        if attrs.get("label_en") and attrs["label_en"] != label:
            label = f"{label}\n{attrs['label_en']}"
        tooltip = "\n".join(filter(None, [attrs["label"], attrs["type"], ", ".join(attrs.get("aliases", []))]))
        degree = view.degree(node)
        size = 6 if attrs["type"] == "Agreement" else 10 + 5 * math.sqrt(degree)
        net.add_node(node, label=label, title=tooltip, group=attrs["type"], shape=SHAPES[attrs["type"]],
                     color=COLORS[attrs["type"]], size=size, info=_plain(attrs))
    for number, (source, target, attrs) in enumerate(sorted(view.edges(data=True), key=lambda e: (e[0], e[1], e[2]["kind"]))):
        modalities = {e["modality"] for e in attrs["evidence"]}
        dashed = bool(modalities) and modalities <= DASHED
        tooltip = "\n".join(f"{e['sentence']} ({e['document']})" for e in attrs["evidence"][:3]) or attrs["kind"]
        net.add_edge(source, target, id=f"e{number}", label=attrs["kind"], kind=attrs["kind"], title=tooltip,
                     arrows="to", dashes=dashed, color="#9aa5b1" if attrs["kind"] in ("party", "about") else "#5b6b7d",
                     info={"evidence": attrs["evidence"]})
    nodes, edges, *_ = net.get_network_data()
    options = {
        "nodes": {"font": {"size": 14, "face": "Noto Sans JP, Hiragino Sans, Yu Gothic, Meiryo, sans-serif",
                           "multi": False}, "borderWidth": 1},
        "edges": {"font": {"size": 10, "align": "middle", "color": "#5b6b7d"}, "smooth": {"type": "continuous"},
                  "arrows": {"to": {"scaleFactor": 0.5}}},
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": True, "iterations": 300, "fit": True},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.4}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
    }
    types = [t for t in COLORS if any(a["type"] == t for _, a in view.nodes(data=True))]
    kinds = sorted({a["kind"] for *_, a in view.edges(data=True)})
    data = {"nodes": nodes, "edges": edges, "options": options, "colors": COLORS, "types": types, "kinds": kinds}
    return _template().render(title=title, vis_js=_vis_js(), data_json=_script_json(data))


def write_html(view, dest: str | Path | IO[str], title: str = "seed-graph") -> None:
    page = render(view, title)
    write_text(dest, lambda file: file.write(page))


def _plain(attrs: dict) -> dict:
    return {k: sorted(v) if isinstance(v, set) else v for k, v in attrs.items()}


def _script_json(data):
    """JSON safe inside a <script> element: no character of it can close the element or open a comment."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("graph.export", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("explorer.html")


def _vis_js():
    """vis-network as pyvis ships it, marked safe for the template (it is code, not text)."""
    from importlib import resources

    from markupsafe import Markup

    script = (resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text("utf-8")
    return Markup(script.replace("</script", "<\\/script"))
