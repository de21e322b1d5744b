"""The one place that runs the stages in order: ingest -> nlp -> extract -> resolve -> build -> views.

The command line and notebooks both come through here::

    from graph import pipeline
    result = pipeline.build(["seeds/"])            # or pipeline.build(texts={"a": "テスラは…"})
    pipeline.export(result, "exports/")           # graph.ttl, graph.html, extractions.jsonl
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph import ingest, nlp
from graph.extract import extract
from graph.model import Document, Entity, Extraction, InputError
from graph.profile import Profile, load_profile

log = logging.getLogger(__name__)

OUTPUTS = ("graph.ttl", "graph.html", "extractions.jsonl", "ontology.ttl")


@dataclass
class Result:
    """What a build made: the graph, the extractions (in input order), the entities, and what was skipped."""

    graph: object
    extractions: list[Extraction]
    entities: dict[str, Entity]
    profile: Profile
    skipped: list[ingest.Skipped] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def relations(self) -> int:
        return sum(len(e.relations) for e in self.extractions)

    def summary(self) -> str:
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        return (f"{len(self.extractions)} documents{skipped}, {len(self.entities)} entities, "
                f"{self.relations} relations in {self.seconds:.1f} s")


def build(inputs: Iterable[str | Path] = (), *, texts: dict[str, str] | None = None,
          profile: Profile | str | Path | None = None,
          progress: Callable[[int, int], None] | None = None) -> Result:
    """Build the graph in memory from files and folders, and/or from ``texts`` (document id -> text)."""
    started = time.perf_counter()
    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    documents: list[Document] = []
    skipped: list[ingest.Skipped] = []
    for item in ingest.read(inputs):
        (documents if isinstance(item, Document) else skipped).append(item)
    for doc_id, text in sorted((texts or {}).items()):
        documents.append(ingest.from_text(text, doc_id))
    for problem in skipped:
        log.warning("skipped %s", problem)
    extractions = list(extract_all(documents, profile, progress))
    return assemble(extractions, profile, skipped, started)


def extract_all(documents: list[Document], profile: Profile,
                progress: Callable[[int, int], None] | None = None) -> Iterable[Extraction]:
    """Parse and extract each document, in order, with the pipeline loaded once."""
    pipeline = nlp.load(profile)
    for done, (document, segments) in enumerate(nlp.parse(pipeline, documents), start=1):
        yield extract(document, segments, profile)
        if progress:
            progress(done, len(documents))


def assemble(extractions: list[Extraction], profile: Profile, skipped: list | None = None,
             started: float | None = None) -> Result:
    """Resolve the extractions' mentions to entities and build the graph."""
    from graph.build import build as build_graph
    from graph.resolve import resolve

    resolution = resolve(extractions, profile)
    graph = build_graph(extractions, resolution, profile)
    seconds = time.perf_counter() - started if started is not None else 0.0
    return Result(graph, extractions, resolution.entities, profile, skipped or [], seconds)


def export(result: Result, out_dir: str | Path, title: str = "seed-graph") -> dict[str, Path]:
    """Write graph.ttl, graph.html, extractions.jsonl and the ontology.ttl that describes the graph's terms
    into ``out_dir``, each replaced atomically."""
    from graph.convert import to_networkx
    from graph.export import staged
    from graph.export.html import write_html
    from graph.export.jsonl import write_extractions
    from graph.export.turtle import write_turtle
    from graph.vocab import ONTOLOGY_FILE

    out = prepare_output(out_dir)
    with staged(out, OUTPUTS) as files:
        write_turtle(result.graph, files["graph.ttl"])
        write_html(to_networkx(result.graph), files["graph.html"], title=title)
        write_extractions(result.extractions, files["extractions.jsonl"])
        files["ontology.ttl"].write(ONTOLOGY_FILE.read_text("utf-8"))
    return {name: out / name for name in OUTPUTS}


def prepare_output(out_dir: str | Path) -> Path:
    """The output folder, created if needed; raises InputError if it cannot be written."""
    import tempfile

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise InputError(f"{out}: cannot write the output folder: {exc.strerror}") from exc
    return out


def load(path: str | Path):
    """A graph.ttl as an rdflib Graph, with the project's prefixes bound."""
    from graph.export.turtle import read_turtle

    return read_turtle(path)
