"""The ``seed-graph`` command. Each command checks its arguments and calls a library function; only this
module prints. Exit status: 0 done; 1 done, but some inputs were skipped (each is named on stderr);
2 bad usage or input (a missing path, a broken profile, an unwritable output), with one line on stderr.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path

import click

from graph.model import InputError

EXIT_SKIPPED = 1
EXIT_INPUT = 2


class Fail(click.ClickException):
    """One line on stderr and exit status 2."""

    exit_code = EXIT_INPUT

    def show(self, file=None) -> None:
        click.echo(f"seed-graph: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="seed-graph")
@click.option("-v", "--verbose", count=True, help="Log more (-v: progress of stages, -vv: debugging).")
def main(verbose: int) -> None:
    """Build knowledge graphs from Japanese news and industry articles.

    Put articles (.txt, .md, .html, or .jsonl with one {"id", "text"} record a line) in seeds/ and run
    `seed-graph build`; open exports/graph.html in a browser, query exports/graph.ttl with SPARQL.
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", default=Path("exports"), show_default=True, type=click.Path(path_type=Path),
              help="Folder to write graph.ttl, graph.html and extractions.jsonl into.")
@click.option("--profile", type=click.Path(path_type=Path),
              help="Profile YAML (gazetteer, patterns, verb lexicon) to use instead of the default one.")
@click.option("--title", default="seed-graph", show_default=True, help="Title of the HTML explorer.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def build(inputs: tuple[Path, ...], out: Path, profile: Path | None, title: str, quiet: bool) -> None:
    """Build the graph from INPUTS (files or folders; default: seeds/) into --out.

    Writes graph.ttl (Turtle, for SPARQL), graph.html (the explorer: open it in a browser) and
    extractions.jsonl (every mention and fact with its offsets). Each file is replaced only when the
    build has succeeded, so a failed build leaves the previous exports as they were.
    """
    from graph import pipeline

    try:
        pipeline.prepare_output(out)
        bar = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if quiet or total < 20:
                return
            if bar is None:
                bar = click.progressbar(length=total, label="extracting", file=sys.stderr)
                bar.__enter__()
            bar.update(1)
            if done == total:
                bar.__exit__(None, None, None)

        result = pipeline.build(inputs or [Path("seeds")], profile=profile, progress=progress)
        paths = pipeline.export(result, out, title=title)
    except InputError as exc:
        raise Fail(str(exc)) from exc
    for problem in result.skipped:
        click.echo(f"seed-graph: skipped {problem}", err=True)
    if not quiet:
        click.echo(result.summary())
        click.echo(f"open {paths['graph.html'].resolve().as_uri()}")
    if result.skipped:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
def stats(graph_path: Path) -> None:
    """Counts of a built GRAPH (graph.ttl): documents, entities by type, relations by kind, modalities."""
    from rdflib import RDF

    from graph.convert import ENTITY_CLASSES, local_name, to_networkx
    from graph.vocab import RELATION_KINDS, SG

    graph = _load(graph_path)
    click.echo(f"triples      {len(graph)}")
    click.echo(f"documents    {len(set(graph.subjects(RDF.type, SG.Document)))}")
    click.echo(f"statements   {len(set(graph.subjects(RDF.type, SG.Statement)))}")
    click.echo(f"agreements   {len(set(graph.subjects(RDF.type, SG.Agreement)))}")
    click.echo("entities")
    for type_ in ENTITY_CLASSES:
        click.echo(f"  {type_:<14}{len(set(graph.subjects(RDF.type, SG[type_])))}")
    kinds = {kind: sum(1 for _ in graph.triples((None, SG[kind], None))) for kind in RELATION_KINDS}
    click.echo("relations")
    for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        if count:
            click.echo(f"  {kind:<14}{count}")
    modalities = Counter(local_name(m) for m in graph.objects(None, SG.modality))
    click.echo("modalities   " + ", ".join(f"{m} {c}" for m, c in sorted(modalities.items())))
    view = to_networkx(graph)
    top = sorted(view.degree, key=lambda nd: (-nd[1], nd[0]))[:5]
    click.echo("most connected  " + ", ".join(f"{view.nodes[n]['label']} ({d})" for n, d in top))


@main.command("eval")
@click.argument("gold_path", metavar="GOLD", type=click.Path(path_type=Path))
@click.option("--pred", type=click.Path(path_type=Path),
              help="extractions.jsonl to score instead of extracting the gold texts with the pipeline.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--types", type=click.Path(path_type=Path),
              help="YAML or JSON mapping of the gold's labels to entity types (e.g. 人名: Person).")
@click.option("--profile", type=click.Path(path_type=Path), help="Profile YAML to extract with.")
@click.option("--errors", is_flag=True, help="Also list the missed and spurious mentions and facts.")
def evaluate(gold_path: Path, pred: Path | None, fmt: str, types: Path | None, profile: Path | None,
             errors: bool) -> None:
    """Score extraction against GOLD (JSONL: {"id", "text", "entities": [{"span", "type"}], "relations": [...]}).

    Prints precision, recall and F1 of entity mentions by type (exact span and type, and lenient overlap)
    and of facts by relation kind (subject and object matched by any of their names).
    """
    import json

    from graph import evaluate as scoring

    try:
        mapping = scoring.read_types(types) if types else None
        gold = scoring.read_gold(gold_path, mapping)
        predictions = scoring.read_predictions(pred) if pred else scoring.predict(gold, profile)
    except InputError as exc:
        raise Fail(str(exc)) from exc
    report = scoring.evaluate(gold, predictions, set(mapping.values()) if mapping else None)
    if fmt == "json":
        out = report.to_dict()
        if errors:
            out["errors"] = report.errors
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(scoring.format_table(report))
    if errors:
        for name, items in sorted(report.errors.items()):
            click.echo(f"\n{name} ({len(items)})")
            for item in items:
                click.echo("  " + " | ".join(map(str, item)))


def _load(path: Path):
    from graph import pipeline

    if not path.is_file():
        raise Fail(f"{path}: no such file")
    try:
        return pipeline.load(path)
    except Exception as exc:  # rdflib raises many kinds of parse errors
        raise Fail(f"{path}: not a readable Turtle graph: {exc}") from exc


if __name__ == "__main__":
    main()
