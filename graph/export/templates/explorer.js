"use strict";
// The explorer's script (graph/export/html.py inlines it). Everything shown comes from the JSON in #graph-data;
// text from articles only ever goes through textContent.
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const $ = id => document.getElementById(id);
  const types = Object.fromEntries(data.types.map(t => [t.name, t]));
  const kinds = Object.fromEntries(data.kinds.map(k => [k.name, k]));
  const documents = data.documents || {};
  const MODALITIES = { asserted: "断定", past: "過去", planned: "予定", speculative: "推測", reported: "伝聞", negated: "否定" };
  const SVG = "http://www.w3.org/2000/svg";
  const HUB_LABELS = 40;  // at most this many labels of the best connected nodes, drawn however far out the view is

  // ---- text helpers: everything from documents goes through textContent, never markup ----
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function safeLink(url, text) {
    if (!/^https?:\/\//i.test(url || "")) return el("span", text || url);
    const a = el("a", text || url); a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank";
    return a;
  }
  function docName(id) { const d = documents[id]; return d && d.title ? `${d.title} (${id})` : id; }
  function typeName(t) { const info = types[t]; return info ? `${info.label} ${t}` : t; }
  function clip(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const edgeById = new Map(data.edges.map(e => [e.id, e]));
  const labelOf = id => { const n = byId.get(id); return n ? n.info.label : id; };
  const incident = new Map(data.nodes.map(n => [n.id, []]));  // node -> its edges, either way
  data.edges.forEach(e => { incident.get(e.from).push(e); if (e.to !== e.from) incident.get(e.to).push(e); });

  // ---- tooltips (vis shows a string title as plain text) ----
  data.nodes.forEach(n => {
    const i = n.info, lines = [i.label + (i.label_en && i.label_en !== i.label ? ` (${i.label_en})` : ""), typeName(i.type)];
    if (i.aliases && i.aliases.length) lines.push("別名: " + clip(i.aliases.join("、"), 120));
    if (i.wikidata) lines.push("Wikidata: " + i.wikidata.replace(/^.*\//, ""));
    if (i.documents && i.documents.length) lines.push(`文書 (${i.documents.length}): ` + clip(i.documents.slice(0, 3).map(docName).join("、"), 160));
    n.title = lines.join("\n");
  });
  data.edges.forEach(e => {
    const ev = e.info.evidence;
    e.title = `${labelOf(e.from)} → ${e.label} → ${labelOf(e.to)}` + (ev.length ? `\n「${clip(ev[0].sentence, 100)}」` + (ev.length > 1 ? ` ほか${ev.length - 1}件` : "") : "");
  });

  // ---- what is drawn: the filters, and the nodes and edges they leave ----
  // An edge is drawn if its kind and both ends' types are shown and one piece of its evidence passes every filter
  // on evidence at once (document, period, confidence, modality); a node if one of its edges is drawn, or, with
  // "show isolated", if its type is shown and it is in the chosen documents. A neighbourhood keeps what lies
  // within k hops of its node.
  const f = { types: new Set(), kinds: new Set(), modalities: new Set(), documents: new Set(), period: { from: "", to: "" },
              basis: "sentence", confidence: 0, isolated: false, hood: null, pinned: new Set() };
  const typeOf = id => byId.get(id).group;
  // A date of the graph (2012, 2012-05, 2012-05-16, a date-time) is the stretch of days it names.
  const firstDay = d => d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d.slice(0, 10);
  const lastDay = d => d.length === 4 ? d + "-12-31" : d.length === 7 ? d + "-31" : d.slice(0, 10);
  const inPeriod = d => !!d && (!f.period.from || lastDay(d) >= f.period.from) && (!f.period.to || firstDay(d) <= f.period.to);
  const docDate = id => (documents[id] || {}).date;
  const agreementOf = e => { const source = byId.get(e.from).info; return source.type === "Agreement" ? source : null; };
  function evidenceOf(e) {  // an agreement's links stand on the agreement's own sentence
    if (e.info.evidence.length) return e.info.evidence;
    const agreement = agreementOf(e);
    return agreement ? agreement.evidence || [] : [];
  }
  function passes(ev, e) {
    if (f.confidence > 0 && ev.confidence !== undefined && ev.confidence < f.confidence) return false;
    if (f.modalities.size && ev.modality && f.modalities.has(ev.modality)) return false;
    if (f.documents.size && !f.documents.has(ev.document)) return false;
    if (f.period.from || f.period.to) {
      if (f.basis === "article") return inPeriod(docDate(ev.document));
      const agreement = agreementOf(e);  // a fact the sentence dates; an agreement's links by its date
      return agreement ? (agreement.dates || []).some(inPeriod) : inPeriod(ev.date);
    }
    return true;
  }
  const onEvidence = () => f.confidence > 0 || f.modalities.size || f.documents.size || f.period.from || f.period.to;
  function edgePasses(e) {
    if (f.kinds.has(e.kind) || f.types.has(typeOf(e.from)) || f.types.has(typeOf(e.to))) return false;
    return !onEvidence() || evidenceOf(e).some(ev => passes(ev, e));
  }
  function within(center, hops, edgeIds) {  // the nodes k hops or fewer from center, over the edges given
    const reached = new Set([center]);
    let frontier = [center];
    for (let step = 0; step < hops && frontier.length; step++) {
      const next = [];
      frontier.forEach(id => incident.get(id).forEach(e => {
        if (!edgeIds.has(e.id)) return;
        const other = e.from === id ? e.to : e.from;
        if (!reached.has(other)) { reached.add(other); next.push(other); }
      }));
      frontier = next;
    }
    return reached;
  }
  function compute() {
    const edgeIds = new Set(), nodeIds = new Set();
    data.edges.forEach(e => { if (edgePasses(e)) edgeIds.add(e.id); });
    let near = null;
    if (f.hood) {
      near = within(f.hood.center, f.hood.hops, edgeIds);
      edgeIds.forEach(id => { const e = edgeById.get(id); if (!near.has(e.from) || !near.has(e.to)) edgeIds.delete(id); });
      if (!f.types.has(typeOf(f.hood.center))) nodeIds.add(f.hood.center);
    }
    edgeIds.forEach(id => { const e = edgeById.get(id); nodeIds.add(e.from); nodeIds.add(e.to); });
    if (f.isolated) {
      data.nodes.forEach(n => {
        if (f.types.has(n.group) || (near && !near.has(n.id))) return;
        if (!f.documents.size || (n.info.documents || []).some(d => f.documents.has(d))) nodeIds.add(n.id);
      });
    }
    f.pinned.forEach(id => { if (!f.types.has(typeOf(id))) nodeIds.add(id); });
    return { nodes: nodeIds, edges: edgeIds };
  }

  const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  let shown = compute();
  const nodeView = new vis.DataView(nodes, { filter: n => shown.nodes.has(n.id) });
  const edgeView = new vis.DataView(edges, { filter: e => shown.edges.has(e.id) });
  const network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, data.options);
  let spot = null, selected = null;  // what the spotlight shows; the node whose details the panel shows
  const state = window.seedGraph = { network, nodes, edges, data, settled: null, filters: f, shown: () => shown,
                                     lastRefresh: null, labelled: () => labelled };

  // Physics lays the graph out once, then stops: nothing moves or costs CPU afterwards. Nodes not drawn yet (the
  // isolated ones) get places in rows under the graph, by type, so that showing them moves nothing else.
  const progress = $("progress");
  function placeTheRest() {
    const drawn = network.getPositions(), xs = Object.values(drawn).map(p => p.x), ys = Object.values(drawn).map(p => p.y);
    const left = xs.length ? Math.min(...xs) : 0, right = xs.length ? Math.max(...xs) : 0, bottom = ys.length ? Math.max(...ys) : 0;
    const rest = data.nodes.filter(n => !(n.id in drawn))
      .sort((a, b) => data.types.findIndex(t => t.name === a.group) - data.types.findIndex(t => t.name === b.group) || (b.value || 0) - (a.value || 0));
    const gap = 70, columns = Math.max(8, Math.ceil(Math.max(right - left, Math.sqrt(rest.length) * gap) / gap));
    nodes.update(rest.map((n, i) => ({ id: n.id, x: left + (i % columns) * gap, y: bottom + 2 * gap + Math.floor(i / columns) * gap })));
  }
  function settle() {
    if (state.settled !== null) return;
    network.setOptions({ physics: { enabled: false } });
    placeTheRest();
    progress.hidden = true;
    state.settled = performance.now();
  }
  network.on("stabilizationProgress", p => { progress.textContent = `レイアウト計算中… Laying out ${Math.round(100 * p.iterations / p.total)}%`; });
  network.once("stabilizationIterationsDone", settle);
  if (!shown.nodes.size) { settle(); progress.hidden = false; progress.textContent = data.nodes.length ? "関係のあるノードがありません: 「孤立ノードも表示」で表示 / No connected nodes: show the isolated ones" : "グラフは空です / The graph is empty"; }

  // Redraw what the filters leave. Nodes that go keep their place (saved into the data set) for when they return.
  // vis-network sizes the labels of the nodes and edges it is given at the scale of the view, so many are given
  // to it zoomed far out, where no label shows, and the view goes back (or fits them) after.
  const MANY = 200;
  function refresh(fit) {
    const started = performance.now(), next = compute();
    const leaving = [...shown.nodes].filter(id => !next.nodes.has(id)), entering = [...next.nodes].filter(id => !shown.nodes.has(id));
    const places = leaving.length ? network.getPositions(leaving) : {};
    const view = { position: network.getViewPosition(), scale: network.getScale() }, many = entering.length > MANY;
    shown = next;
    if (many) network.moveTo({ scale: 0.01 });
    nodeView.refresh(); edgeView.refresh();
    if (many && !(fit && shown.nodes.size)) network.moveTo(view);
    if (leaving.length) nodes.update(leaving.filter(id => places[id]).map(id => ({ id, x: places[id].x, y: places[id].y })));
    paint(entering);
    pickHubs();
    showCounts();
    if (spot) spot = { nodes: spot.nodes.filter(id => shown.nodes.has(id)), edges: spot.edges.filter(id => shown.edges.has(id)) };
    if (fit && shown.nodes.size) network.fit({ nodes: [...shown.nodes], animation: many ? false : { duration: 300 } });
    network.once("afterDrawing", () => { state.lastRefresh = { ms: performance.now() - started, nodes: shown.nodes.size, edges: shown.edges.size }; });
    network.redraw();
  }
  const totals = `${data.nodes.length} ノード · ${data.edges.length} エッジ · ${Object.keys(documents).length} 文書`;
  function showCounts() {
    $("counts").textContent = `表示 ${shown.nodes.size} / ${data.nodes.length} ノード · ${shown.edges.size} / ${data.edges.length} エッジ · ${Object.keys(documents).length} 文書`;
    $("counts").title = totals;
    const chosen = f.documents.size;
    $("doc-chosen").textContent = chosen ? `${chosen} 件選択 / chosen` : "";
    $("doc-clear").hidden = !chosen;
    $("date-count").textContent = f.period.from || f.period.to ? `${shown.edges.size} エッジ表示 / shown` : `日付のある事実 ${datedFacts} / dated facts`;
  }
  $("fit").addEventListener("click", () => network.fit({ animation: { duration: 300 } }));

  // ---- labels: the best connected nodes always, the rest as the view zooms in (vis-network's own labels) ----
  let hubs = [], labelled = [];
  function pickHubs() {
    hubs = [...shown.nodes].map(id => byId.get(id)).filter(n => n.value).sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1)).slice(0, HUB_LABELS * 3).map(n => n.id);
  }
  function drawLabels(ctx, ids) {  // labels vis-network leaves out at this scale, none over another; the ids drawn
    const scale = network.getScale(), body = network.body, boxes = [], drawn = [];
    const size = 13 / scale, pad = 3 / scale;
    ctx.save();
    ctx.font = `600 ${size}px ${data.options.nodes.font.face}`;
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.lineWidth = 3 / scale; ctx.strokeStyle = "rgba(255, 255, 255, 0.9)"; ctx.fillStyle = "#1d2733";
    for (const id of ids) {
      if (drawn.length >= HUB_LABELS) break;
      const n = body.nodes[id];
      if (!n || n.labelModule.visible()) continue;
      const text = n.options.label.split("\n")[0], width = ctx.measureText(text).width;
      const box = { x: n.x - width / 2 - pad, y: n.y + (n.shape.height || 2 * n.options.size) / 2 + pad, w: width + 2 * pad, h: size + 2 * pad };
      if (boxes.some(b => b.x < box.x + box.w && box.x < b.x + b.w && b.y < box.y + box.h && box.y < b.y + b.h)) continue;
      boxes.push(box);
      ctx.strokeText(text, n.x, box.y + pad); ctx.fillText(text, n.x, box.y + pad);
      drawn.push(id);
    }
    ctx.restore();
    return drawn;
  }

  // ---- colour: by type (the legend's colours) or by community ----
  let colouring = "type";
  const communityColour = Object.fromEntries((data.communities || []).map(c => [c.index, c.color]));
  function colourOf(id) {
    const n = byId.get(id), group = data.options.groups[n.group];
    if (colouring === "type" && group) return group.color;
    const fill = communityColour[n.info.community] || "#d5dae0";
    return { background: fill, border: "rgba(29, 39, 51, 0.55)", highlight: { background: fill, border: "#1d2733" }, hover: { background: fill, border: "#1d2733" } };
  }
  function paint(ids) {  // vis-network's own nodes, so that the data set keeps the places saved in it
    if (colouring === "type") return;
    ids.forEach(id => { const n = network.body.nodes[id]; if (n) n.setOptions({ color: colourOf(id) }); });
  }
  function recolour(mode) {
    colouring = mode;
    Object.keys(network.body.nodes).forEach(id => { const n = network.body.nodes[id]; if (byId.has(id)) n.setOptions({ color: colourOf(id) }); });
    $("community-legend").hidden = mode !== "community";
    network.redraw();
  }
  document.querySelectorAll("input[name=colour]").forEach(r => r.addEventListener("change", () => recolour(r.value)));
  (data.communities || []).forEach(c => {
    const row = el("div", null, "filter"), swatch = el("span", null, "swatch");
    swatch.style.background = c.color;
    row.append(swatch, el("span", c.names.join("、"), "name"), el("span", c.size, "count"));
    row.title = `コミュニティ ${c.index + 1}: ${c.size} ノード`;
    $("community-legend").appendChild(row);
  });

  // ---- details panel ----
  const panel = $("details");
  const SHOWN = 12;  // longer lists open on demand, so a hub's panel stays short and quick to build
  function section(title, items) {
    items = (items || []).filter(x => x !== null && x !== undefined && x !== "");
    if (!items.length) return;
    panel.appendChild(el("h3", title));
    const ul = el("ul");
    const add = list => list.forEach(item => { const li = el("li"); li.append(typeof item === "function" ? item() : item); ul.appendChild(li); });
    add(items.slice(0, SHOWN));
    if (items.length > SHOWN) {
      const more = el("button", `さらに ${items.length - SHOWN} 件 / ${items.length - SHOWN} more`, "link"); more.type = "button";
      more.addEventListener("click", () => { more.parentNode.remove(); add(items.slice(SHOWN)); });
      const li = el("li"); li.append(more); ul.appendChild(li);
    }
    panel.appendChild(ul);
  }
  function button(text, action, cls) { const b = el("button", text, cls || "link"); b.type = "button"; b.addEventListener("click", action); return b; }
  function nodeButton(id) { return button(labelOf(id), () => focusOn(id)); }
  function edgeButton(e, id) {
    return button(`${e.from === id ? "→" : "←"} ${e.label}  ${labelOf(e.from === id ? e.to : e.from)}`,
                  () => { reveal([e.from, e.to], e.kind); network.selectEdges([e.id]); showEdge(e.id); });
  }
  function documentItem(id) {
    const d = documents[id] || {}, box = document.createDocumentFragment();
    box.append(d.url ? safeLink(d.url, docName(id)) : el("span", docName(id)));
    if (d.date) box.append(el("span", ` ${d.date}`, "meta"));
    if (documents[id]) { box.append(" "); box.append(button("この文書だけ / only this", () => chooseDocuments([id]))); }
    return box;
  }
  function evidenceBlock(ev) {
    const box = document.createDocumentFragment();
    box.appendChild(el("blockquote", ev.sentence));
    const meta = el("div", null, "meta");
    meta.append(el("span", `${docName(ev.document)} [${ev.start}–${ev.end}]`));
    if (ev.rule) meta.append(el("span", ` · 規則 rule: ${ev.rule}`));
    if (ev.modality) { meta.append(" · "); meta.append(el("span", `${MODALITIES[ev.modality] || ""} ${ev.modality}`, "modality " + ev.modality)); }
    if (ev.confidence !== undefined) meta.append(el("span", ` · 確信度 ${ev.confidence}`));
    if (ev.date) meta.append(el("span", ` · 日付 ${ev.date}`));
    if (ev.lemma) meta.append(el("span", ` · 述語 ${ev.lemma}`));
    box.appendChild(meta);
    return box;
  }
  function header(title, badgeText, color) {
    panel.replaceChildren();
    panel.appendChild(el("h2", title));
    const badge = el("span", badgeText, "type"), rgb = (color.match(/\w\w/g) || []).map(h => parseInt(h, 16));
    badge.style.background = color;
    badge.style.color = rgb[0] * 0.3 + rgb[1] * 0.59 + rgb[2] * 0.11 > 170 ? "#1d2733" : "#fff";  // readable on light colours
    panel.appendChild(badge);
  }
  function showNode(id) {
    const n = nodes.get(id); if (!n) return;
    const i = n.info;
    selected = id; $("hood").disabled = false;
    if (network.body.nodes[id]) spotlight([id, ...network.getConnectedNodes(id)], network.getConnectedEdges(id));
    header(i.label, typeName(i.type), (types[i.type] || {}).color || "#6b7785");
    if (i.label_en && i.label_en !== i.label) panel.appendChild(el("p", i.label_en, "english"));
    const related = incident.get(id);
    const hops = Number($("hops").value);
    panel.appendChild(button(`近傍 Neighbourhood (${hops} hop${hops > 1 ? "s" : ""})`, () => showHood(id), "tool small"));
    if (i.type === "Agreement") {
      const linked = kind => related.filter(e => e.kind === kind && e.from === id).map(e => nodeButton(e.to));
      section("当事者 Parties", linked("party"));
      section("対象 About", linked("about"));
      section("金額 Amount", linked("amount"));
      section("日付 Date", i.dates);
    } else {
      section("別名 Aliases", i.aliases);
      section("役割 Roles", i.roles);
      if (i.wikidata) section("Wikidata", [safeLink(i.wikidata.replace(/^http:\/\/www\.wikidata\.org\/entity\//, "https://www.wikidata.org/wiki/"), i.wikidata.replace(/^.*\//, ""))]);
      if (i.value) section("値 Value", [`${i.value} ${i.unit || ""}`]);
      section("値 Values", (i.values || []).map(v => `${v.property}: ${v.text} (${v.modality})`));
    }
    section("出現文書 Documents", (i.documents || []).map(d => () => documentItem(d)));
    if (i.evidence && i.evidence.length) { panel.appendChild(el("h3", "出典 Evidence")); i.evidence.forEach(ev => panel.appendChild(evidenceBlock(ev))); }
    if (i.type !== "Agreement") section(`関係 Relations (${related.length})`, related.map(e => () => edgeButton(e, id)));
  }
  function showEdge(id) {
    const e = edges.get(id); if (!e) return;
    spotlight([e.from, e.to], [id]);
    header(`${labelOf(e.from)} → ${labelOf(e.to)}`, `${e.label} ${(kinds[e.kind] || {}).label || ""}`, "#5b6b7d");
    section("主語 Subject", [nodeButton(e.from)]);
    section("目的語 Object", [nodeButton(e.to)]);
    const evidence = evidenceOf(e);
    panel.appendChild(el("h3", `出典 Evidence (${evidence.length})`));
    evidence.forEach(ev => panel.appendChild(evidenceBlock(ev)));
  }
  // vis hides a tooltip only when the mouse moves over the canvas: hide it too when the mouse leaves.
  $("network").addEventListener("mouseleave", () => document.querySelectorAll("div.vis-tooltip").forEach(t => { t.style.visibility = "hidden"; }));
  network.on("click", params => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else spotlight(null);
  });
  network.on("doubleClick", params => { if (params.nodes.length) showHood(params.nodes[0]); });

  // ---- spotlight: what the panel shows stays bright, the rest fades behind a veil ----
  // Drawn over each frame (vis-network 9's node and edge draw calls), so it costs nothing to switch on or off,
  // however large the graph. Labels the scale leaves out are drawn for the hubs, or, under a spotlight, for the
  // node chosen and its best connected neighbours.
  function spotlight(nodeIds, edgeIds) {
    spot = nodeIds ? { nodes: nodeIds, edges: edgeIds } : null;
    network.redraw();
  }
  network.on("afterDrawing", ctx => {
    const body = network.body;
    labelled = body.nodeIndices.filter(id => body.nodes[id].labelModule.visible());
    if (!spot) { labelled.push(...drawLabels(ctx, hubs)); return; }
    const box = $("network"), from = network.DOMtoCanvas({ x: 0, y: 0 }), to = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    ctx.fillStyle = "rgba(255, 255, 255, 0.8)";
    ctx.fillRect(from.x, from.y, to.x - from.x, to.y - from.y);
    const lit = spot.edges.map(id => body.edges[id]).filter(e => e && e.connected), labels = [];
    lit.forEach(e => e.draw(ctx));
    lit.forEach(e => e.drawArrows(ctx));
    spot.nodes.forEach(id => { const n = body.nodes[id]; if (n) { const r = n.draw(ctx); if (r && r.drawExternalLabel) labels.push(r.drawExternalLabel); } });
    labels.forEach(draw => draw());
    labelled.push(...drawLabels(ctx, spot.nodes.slice(0, 1).concat(spot.nodes.slice(1).sort((a, b) => (byId.get(b).value || 0) - (byId.get(a).value || 0)))));
  });

  // ---- neighbourhood: a node and what lies within k hops of it ----
  function showHood(id) {
    const hops = Number($("hops").value);
    f.hood = { center: id, hops };
    $("hood-clear").hidden = false;
    $("hood-status").textContent = `${labelOf(id)} から ${hops} ホップ / within ${hops} hop${hops > 1 ? "s" : ""}`;
    refresh(true);
    network.selectNodes([id]);
    showNode(id);
  }
  function clearHood() {
    f.hood = null; $("hood-clear").hidden = true; $("hood-status").textContent = "";
    refresh(true);
  }
  state.neighbourhood = showHood;
  $("hood").addEventListener("click", () => { if (selected) showHood(selected); });
  $("hood-clear").addEventListener("click", clearHood);
  $("hops").addEventListener("change", () => { if (f.hood) showHood(f.hood.center); });

  // ---- search: any label or alias; exact, then prefix, then substring; ties go to the best connected ----
  const search = $("search"), status = $("search-status");
  const fold = s => String(s).normalize("NFKC").toLowerCase().replace(/[\s・･]/g, "");
  const names = data.nodes.map(n => ({ node: n, keys: [n.info.label, n.info.label_en, ...(n.info.aliases || [])].filter(Boolean).map(fold) }));
  const rank = (a, b) => (b.node.value || 0) - (a.node.value || 0);
  function find(query) {
    const q = fold(query.trim());
    if (!q) return null;
    for (const test of [k => k === q, k => k.startsWith(q), k => k.includes(q)]) {
      const hits = names.filter(x => x.keys.some(test)).sort(rank);
      if (hits.length) return hits[0].node;
    }
    return null;
  }
  function reveal(ids, kind) {  // show what a filter hides before selecting it
    const hidden = ids.map(typeOf).filter(t => f.types.has(t));
    const missing = ids.filter(id => !shown.nodes.has(id));
    if (!hidden.length && !f.kinds.has(kind) && !missing.length) return;
    hidden.forEach(t => f.types.delete(t)); f.kinds.delete(kind);
    ids.forEach(id => f.pinned.add(id));  // a node asked for is drawn, whatever else would hide it
    syncChecks();
    refresh();
  }
  function focusOn(id) {
    const n = byId.get(id); if (!n) return;
    reveal([id]);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
    status.textContent = n.info.label;
  }
  function go() { const n = find(search.value); if (n) focusOn(n.id); else status.textContent = search.value.trim() ? "見つかりません / not found" : ""; }
  search.addEventListener("keydown", ev => {
    if (ev.key === "Enter") go();
    if (ev.key === "Escape") { search.value = ""; status.textContent = ""; network.unselectAll(); spotlight(null); if (f.pinned.size) { f.pinned.clear(); refresh(); } }
  });
  search.addEventListener("input", ev => { if (!ev.inputType || ev.inputType === "insertReplacementText") go(); });
  document.addEventListener("keydown", ev => { if (ev.key === "/" && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) { ev.preventDefault(); search.focus(); } });
  const options = new Set(data.nodes.flatMap(n => [n.info.label, n.info.label_en, ...(n.info.aliases || [])].filter(Boolean)));
  $("names").replaceChildren(...[...options].sort().map(v => { const o = el("option"); o.value = v; return o; }));

  // ---- legend and filters ----
  const ICONS = { dot: ["circle", { cx: 8, cy: 8, r: 6 }], square: ["rect", { x: 2, y: 2, width: 12, height: 12 }],
                  box: ["rect", { x: 1, y: 4, width: 14, height: 8, rx: 2 }], ellipse: ["ellipse", { cx: 8, cy: 8, rx: 7, ry: 4.5 }],
                  triangle: ["polygon", { points: "8,2 14.5,13.5 1.5,13.5" }], triangleDown: ["polygon", { points: "1.5,2.5 14.5,2.5 8,14" }],
                  diamond: ["polygon", { points: "8,1 15,8 8,15 1,8" }], hexagon: ["polygon", { points: "8,1 14,4.5 14,11.5 8,15 2,11.5 2,4.5" }],
                  star: ["polygon", { points: "8,1 10,6 15,6.2 11,9.4 12.5,14.5 8,11.6 3.5,14.5 5,9.4 1,6.2 6,6" }] };
  function icon(shape, color) {
    const svg = document.createElementNS(SVG, "svg"), [tag, attrs] = ICONS[shape] || ICONS.dot, mark = document.createElementNS(SVG, tag);
    Object.entries({ width: 16, height: 16, viewBox: "0 0 16 16" }).forEach(([k, v]) => svg.setAttribute(k, v));
    Object.entries({ ...attrs, fill: color, stroke: "rgba(0,0,0,.35)" }).forEach(([k, v]) => mark.setAttribute(k, v));
    svg.appendChild(mark);
    return svg;
  }
  const checks = [["#type-filter", f.types], ["#kind-filter", f.kinds], ["#modality-filter", f.modalities]];
  function syncChecks() {
    checks.forEach(([box, hidden]) => document.querySelectorAll(box + " input")
      .forEach(i => { i.checked = !hidden.has(i.value); i.parentNode.classList.toggle("off", !i.checked); }));
    document.querySelectorAll("#doc-list input").forEach(i => { i.checked = f.documents.has(i.value); i.parentNode.classList.toggle("chosen", i.checked); });
  }
  function filterRow(box, item, hidden, extra) {
    const row = el("label", null, "filter" + (item.structural ? " structural" : ""));
    const input = el("input"); input.type = "checkbox"; input.checked = true; input.value = item.name;
    input.addEventListener("change", () => { input.checked ? hidden.delete(item.name) : hidden.add(item.name); syncChecks(); refresh(); });
    row.append(input);
    if (extra) row.append(extra);
    const name = el("span", null, "name"); name.append(item.name + " "); name.append(el("small", item.label)); row.append(name);
    row.append(el("span", item.count, "count"));
    row.title = `${item.label} ${item.name}: ${item.count}`;
    box.appendChild(row);
  }
  data.types.forEach(t => filterRow($("type-filter"), t, f.types, icon(t.shape, t.color)));
  data.kinds.forEach(k => filterRow($("kind-filter"), k, f.kinds));
  (data.modalities || []).forEach(m => filterRow($("modality-filter"), { ...m, label: MODALITIES[m.name] || m.label }, f.modalities));
  const datedFacts = data.edges.filter(e => e.info.evidence.some(ev => ev.date)).length;
  ["from", "to"].forEach(end => $("date-" + end).addEventListener("change", ev => { f.period[end] = ev.target.value; refresh(); }));
  document.querySelectorAll("input[name=date-basis]").forEach(r => r.addEventListener("change", () => { f.basis = r.value; if (f.period.from || f.period.to) refresh(); }));
  const confidence = $("confidence"), confidenceValue = $("confidence-value");
  const showConfidence = () => { confidenceValue.textContent = `≥ ${Number(confidence.value).toFixed(2)}`; };
  confidence.addEventListener("input", showConfidence);
  confidence.addEventListener("change", () => { showConfidence(); f.confidence = Number(confidence.value); refresh(); });
  const isolatedCount = data.nodes.filter(n => !incident.get(n.id).length).length;
  $("isolated-count").textContent = `(${isolatedCount})`;
  $("isolated").addEventListener("change", ev => { f.isolated = ev.target.checked; refresh(); });

  // ---- documents: choose one or several, and see only what they say ----
  const docIds = Object.keys(documents).sort((a, b) => (documents[b].date || "").localeCompare(documents[a].date || "") || (a < b ? -1 : 1));
  $("doc-count").textContent = `(${docIds.length})`;
  function chooseDocuments(ids) {
    f.documents = new Set(ids);
    syncChecks();
    refresh(true);
  }
  const docRows = docIds.map(id => {
    const d = documents[id], row = el("label", null, "doc"), input = el("input");
    input.type = "checkbox"; input.value = id;
    input.addEventListener("change", () => { input.checked ? f.documents.add(id) : f.documents.delete(id); syncChecks(); refresh(true); });
    const meta = [d.date ? d.date.slice(0, 10) : "", (d.source || "").split("/").pop(), `${d.entities} 実体 entities`, `${d.facts} 事実 facts`].filter(Boolean).join(" · ");
    row.append(input, el("span", d.title || id, "title"), el("span", meta, "meta"));
    row.title = [d.title, id, d.date, d.source, d.url].filter(Boolean).join("\n");
    return { row, keys: fold([d.title, id, d.source, d.url].filter(Boolean).join(" ")) };
  });
  $("doc-list").append(...docRows.map(r => r.row));
  $("doc-search").addEventListener("input", ev => { const q = fold(ev.target.value.trim()); docRows.forEach(r => { r.row.hidden = !!q && !r.keys.includes(q); }); });
  $("doc-clear").addEventListener("click", () => chooseDocuments([]));

  $("reset").addEventListener("click", () => {
    [f.types, f.kinds, f.modalities, f.documents, f.pinned].forEach(s => s.clear());
    f.period.from = f.period.to = ""; $("date-from").value = $("date-to").value = "";
    f.confidence = 0; confidence.value = 0; showConfidence();
    f.hood = null; $("hood-clear").hidden = true; $("hood-status").textContent = "";
    syncChecks();
    refresh(true);
  });
  pickHubs();
  showCounts();
})();
