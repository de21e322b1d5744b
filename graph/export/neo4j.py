"""Neo4j: node and relationship CSV files with ``neo4j-admin database import`` headers, and a Cypher script that
loads the same files with ``LOAD CSV``.

Every node is a ``:Resource`` with its IRI as ``uri`` (as the neosemantics plugin names them), and has the labels
of what it is: ``:Entity:Organization``, ``:Agreement``, ``:Value:Money``, ``:Document``. Relationships are typed
by relation kind as the ontology names them (``develops``, ``contractsWith``; an agreement's ``party``, ``about``
and ``amount``), with the count of their evidence, best confidence, modalities, rules, dates, documents and first
sentence; ``mentionedIn`` links an entity to each document that mentions it. Lists are ``string[]`` joined by
``;``, neo4j-admin's array delimiter (a ``;`` inside an item is written ``；``).

    neo4j-admin database import full --nodes=entities.csv --nodes=agreements.csv --nodes=values.csv \\
        --nodes=documents.csv --relationships=relations.csv --relationships=mentions.csv \\
        --multiline-fields=true neo4j
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from graph.export import staged

ARRAY = ";"
# file -> its columns, each "name:type" as neo4j-admin reads them (no type: a string)
FILES = {
    "entities.csv": ["uri:ID", ":LABEL", "label", "label_en", "aliases:string[]", "roles:string[]", "wikidata",
                     "values:string[]", "degree:int", "community:int"],
    "agreements.csv": ["uri:ID", ":LABEL", "label", "dates:string[]", "amounts:string[]", "sentence", "document",
                       "modality", "confidence:float", "degree:int", "community:int"],
    "values.csv": ["uri:ID", ":LABEL", "label", "value:float", "unit"],
    "documents.csv": ["uri:ID", ":LABEL", "identifier", "title", "date", "url", "source"],
    "relations.csv": [":START_ID", ":END_ID", ":TYPE", "evidence:int", "confidence:float", "modalities:string[]",
                      "rules:string[]", "dates:string[]", "documents:string[]", "lemmas:string[]", "sentence",
                      "asserted:boolean"],
    "mentions.csv": [":START_ID", ":END_ID", ":TYPE"],
}
NODE_FILES = ("entities.csv", "agreements.csv", "values.csv", "documents.csv")
SCRIPT = "load.cypher"
NAMES = (*FILES, SCRIPT)


def write_neo4j(view, folder: str | Path) -> dict[str, Path]:
    """Write the CSV files and ``load.cypher`` into ``folder`` (created if need be), replacing their namesakes
    together or not at all; return their paths."""
    from graph.convert import communities

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = _rows(view, communities(view))
    with staged(folder, NAMES) as files:
        for name, columns in FILES.items():
            writer = csv.writer(files[name], lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([_cell(column, row.get(column)) for column in columns] for row in rows[name])
        files[SCRIPT].write(cypher({name: sorted({row[":LABEL" if name in NODE_FILES else ":TYPE"]
                                                  for row in rows[name]}) for name in FILES}))
    return {name: folder / name for name in NAMES}


def _rows(view, community: dict[str, int]) -> dict[str, list[dict]]:
    from graph.iri import document

    rows: dict[str, list[dict]] = {name: [] for name in FILES}
    for node, a in sorted(view.nodes(data=True)):
        base = {"uri:ID": node, "label": a["label"], "degree:int": view.degree(node), "community:int": community[node]}
        if a["type"] == "Agreement":
            evidence = (a.get("evidence") or [{}])[0]
            rows["agreements.csv"].append({**base, ":LABEL": "Resource;Agreement", "dates:string[]": a.get("dates"),
                                           "amounts:string[]": a.get("amounts"), "sentence": a.get("sentence"),
                                           "document": evidence.get("document"), "modality": evidence.get("modality"),
                                           "confidence:float": evidence.get("confidence")})
        elif a["type"] in ("Money", "Quantity"):
            rows["values.csv"].append({"uri:ID": node, ":LABEL": f"Resource;Value;{a['type']}", "label": a["label"],
                                       "value:float": a.get("value"), "unit": a.get("unit")})
        else:
            rows["entities.csv"].append({**base, ":LABEL": f"Resource;Entity;{a['type']}", "label_en": a.get("label_en"),
                                         "aliases:string[]": a["aliases"], "roles:string[]": a["roles"],
                                         "wikidata": a.get("wikidata"),
                                         "values:string[]": [f"{v['property']} {v['text']}" for v in a["values"]]})
            rows["mentions.csv"].extend({":START_ID": node, ":END_ID": document(doc), ":TYPE": "mentionedIn"}
                                        for doc in a["documents"] if doc)
    for doc, meta in sorted(view.graph.get("documents", {}).items()):
        rows["documents.csv"].append({"uri:ID": document(doc), ":LABEL": "Resource;Document", "identifier": doc,
                                      **{key: meta.get(key) for key in ("title", "date", "url", "source")}})
    for source, target, kind, a in sorted(view.edges(keys=True, data=True)):
        evidence = a["evidence"]

        def each(key: str) -> list[str]:
            return sorted({str(e[key]) for e in evidence if e.get(key)})  # noqa: B023 (used at once)

        rows["relations.csv"].append({
            ":START_ID": source, ":END_ID": target, ":TYPE": kind, "evidence:int": len(evidence),
            "confidence:float": max((e["confidence"] for e in evidence), default=None),
            "modalities:string[]": each("modality"), "rules:string[]": each("rule"), "dates:string[]": each("date"),
            "documents:string[]": each("document"), "lemmas:string[]": each("lemma"),
            "sentence": evidence[0]["sentence"] if evidence else None, "asserted:boolean": a["asserted"]})
    return rows


def _cell(column: str, value) -> str:
    """A value as neo4j-admin reads a column of its type; empty for none (no property is set)."""
    kind = column.partition(":")[2]
    if value is None or value == "" or value == []:
        return ""
    if kind.endswith("[]"):
        return ARRAY.join(str(item).replace(ARRAY, "；") for item in value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "float":
        try:
            return repr(float(value))
        except ValueError:  # a value that is no number (a date): its words are the node's label
            return ""
    return str(value)


# LOAD CSV reads every cell as a string (an empty one as null): how each column type becomes a property
_CYPHER = {"int": "toInteger({})", "float": "toFloat({})", "boolean": "toBoolean({})",
           "string[]": f"split({{}}, '{ARRAY}')", "": "{}"}


def cypher(groups: dict[str, Iterable[str]]) -> str:
    """The LOAD CSV script for the files, one statement for each label set (node files) or relationship type
    present (``groups``: file -> its labels or types), since Cypher takes neither from a variable."""
    lines = ["// seed-graph: load these CSV files into Neo4j with LOAD CSV. Copy them into the database's import",
             "// folder and run: cypher-shell -f load.cypher (or paste the statements into Neo4j Browser). It merges, so",
             "// running it again changes nothing.",
             "// Into an empty database, neo4j-admin imports the same files faster:",
             "//   neo4j-admin database import full " + " ".join(
                 f"--{'nodes' if name in NODE_FILES else 'relationships'}={name}" for name in FILES)
             + " --multiline-fields=true neo4j",
             "",
             "CREATE CONSTRAINT resource_uri IF NOT EXISTS FOR (n:Resource) REQUIRE n.uri IS UNIQUE;", ""]
    for name, columns in FILES.items():
        for group in groups.get(name, ()):
            lines.extend(_statement(name, columns, group))
            lines.append("")
    return "\n".join(lines)


def _statement(name: str, columns: list[str], group: str) -> list[str]:
    def value(column: str) -> str:
        return _CYPHER[column.partition(":")[2]].format(f"row.`{column}`")

    properties = [c for c in columns if not c.startswith(":") and c != "uri:ID"]
    lines = [f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row"]
    if name in NODE_FILES:
        labels = ":".join(_name(label) for label in group.split(ARRAY) if label != "Resource")
        lines += [f"WITH row WHERE row.`:LABEL` = '{group}'", "MERGE (n:Resource {uri: row.`uri:ID`})"]
        sets = [f"n:{labels}"]
        target = "n"
    else:
        lines += [f"WITH row WHERE row.`:TYPE` = '{group}'",
                  "MATCH (a:Resource {uri: row.`:START_ID`}), (b:Resource {uri: row.`:END_ID`})",
                  f"MERGE (a)-[r:{_name(group)}]->(b)"]
        sets = []
        target = "r"
    sets += [f"{target}.{c.partition(':')[0]} = {value(c)}" for c in properties]
    if sets:
        lines.append("SET " + ", ".join(sets))
    lines[-1] += ";"
    return lines


def _name(text: str) -> str:
    """A label or type as Cypher writes it: backquoted unless a plain name."""
    return text if text.isidentifier() and text.isascii() else "`" + text.replace("`", "``") + "`"
