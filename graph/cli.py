"""The ``seed-graph`` command. Each command checks its arguments and calls a library function; only this
module prints. Exit status: 0 done; 1 done, but some inputs were skipped (each is named on stderr), or, for
validate, the graph breaks a shape; 2 bad usage or input (a missing path, a broken profile, an unwritable
output, a query that does not parse), with one line on stderr.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from pathlib import Path

import click

from graph.guard import MEMORY_MIB
from graph.model import InputError

EXIT_SKIPPED = 1
EXIT_NONCONFORMING = 1  # validate: the graph breaks a shape
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
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(min=1),
              help="Parse and extract in this many processes.")
@click.option("--scheduler", metavar="ADDRESS", help="Run parsing and extraction on a Dask cluster (tcp://host:8786).")
@click.option("--cache", type=click.Path(path_type=Path),
              help="Folder of per-document parses and extractions reused by later builds [default: OUT/.cache].")
@click.option("--no-cache", is_flag=True,
              help="Parse and extract every document afresh and keep nothing, even if nothing has changed.")
@click.option("--store", type=click.Path(path_type=Path),
              help="Also keep the graph in an Oxigraph store on disk (for graphs that outgrow memory); "
                   "query, serve and validate read it.")
@click.option("--follow-links", is_flag=True,
              help="Read files and folders that symbolic links inside an input folder point to outside it.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def build(inputs: tuple[Path, ...], out: Path, profile: Path | None, title: str, jobs: int, scheduler: str | None,
          cache: Path | None, no_cache: bool, store: Path | None, follow_links: bool, quiet: bool) -> None:
    """Build the graph from INPUTS (files or folders; default: seeds/) into --out.

    Writes graph.ttl (Turtle, for SPARQL), graph.html (the explorer: open it in a browser) and
    extractions.jsonl (every mention and fact with its offsets). Each file is replaced only when the
    build has succeeded, so a failed build leaves the previous exports as they were. Documents whose
    text, profile and code have not changed are read from the cache instead of being parsed again, and
    if nothing at all has changed since the last build into --out, nothing is done.
    """
    from graph import pipeline

    # SIGTERM unwinds like Ctrl-C: temporary files go, the previous exports and the cache stay valid.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
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

        with pipeline.locked(out):
            done = pipeline.update(out, inputs or [Path("seeds")], profile=profile, progress=progress, jobs=jobs,
                                   scheduler=scheduler, cache=None if no_cache else cache or out / ".cache",
                                   store=store, title=title, fresh=no_cache, follow_links=follow_links)
    except InputError as exc:
        raise Fail(str(exc)) from exc
    except OSError as exc:  # the disk full or failing outside the exports (the cache, a store): nothing replaced
        raise Fail(f"{exc.filename or out}: {exc.strerror or exc}; the previous exports are kept") from exc
    for problem in done.skipped:
        click.echo(f"seed-graph: skipped {problem}", err=True)
    if not quiet:
        click.echo(done.summary)
        click.echo(f"open {done.paths['graph.html'].resolve().as_uri()}")
    if done.skipped:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
def stats(graph_path: Path) -> None:
    """Counts of a built GRAPH (a graph.ttl, or a store folder): documents, entities by type, statements, facts by kind, modalities.

    They are the build summary's counts, named the same way: a statement is a fact as one sentence states it,
    a fact a distinct subject-relation-object triple (one however many sentences state it, negated ones aside).
    """
    from graph.convert import ENTITY_CLASSES, to_networkx
    from graph.counts import count

    graph = _load(graph_path)
    counts = count(graph)
    click.echo(f"documents    {counts.documents}")
    click.echo(f"entities     {sum(counts.entities.values())}")
    for type_, n in counts.entities.items():
        click.echo(f"  {type_:<14} {n}")
    click.echo(f"statements   {counts.statements}")
    click.echo("modalities   " + ", ".join(f"{m} {c}" for m, c in sorted(counts.modalities.items())))
    click.echo(f"facts        {sum(counts.facts.values())}")
    for kind, n in sorted(counts.facts.items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"  {kind:<14} {n}")
    click.echo(f"agreements   {counts.agreements}")
    click.echo(f"triples      {counts.triples}")
    view = to_networkx(graph)
    entities = [(node, degree) for node, degree in view.degree if view.nodes[node]["type"] in ENTITY_CLASSES]
    top = sorted(entities, key=lambda nd: (-nd[1], nd[0]))[:5]
    click.echo("most connected  " + ", ".join(f"{view.nodes[n]['label']} ({d})" for n, d in top))


@main.command("export")
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", required=True, type=click.Choice(["graphml", "gexf", "jsonld", "nt", "neo4j"]),
              help="graphml or gexf (Gephi, Cytoscape, yEd), jsonld or nt (RDF), neo4j (CSV files and a Cypher "
                   "script, into a folder).")
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path),
              help="The file to write (a folder for neo4j).")
def export_(graph_path: Path, fmt: str, out: Path) -> None:
    """Write GRAPH (a graph.ttl, or a store folder made by `build --store`) in another tool's format.

    \b
      seed-graph export exports/graph.ttl --format gexf --out graph.gexf        # open in Gephi
      seed-graph export exports/graph.ttl --format jsonld --out graph.jsonld
      seed-graph export exports/graph.ttl --format neo4j --out neo4j/          # CSV files and load.cypher
    """
    from graph.export.formats import FORMATS, export

    spec = FORMATS[fmt]
    if spec.folder and out.exists() and not out.is_dir():
        raise Fail(f"{out}: not a folder: {fmt} writes several files into a folder")
    if not spec.folder and out.is_dir():
        raise Fail(f"{out}: a folder: give the file to write, e.g. {out / ('graph' + spec.suffix)}")
    if not spec.folder and not out.parent.is_dir():
        raise Fail(f"{out.parent}: no such folder")
    graph = _load(graph_path)
    try:
        export(graph, fmt, out)
    except OSError as exc:
        raise Fail(f"{exc.filename or out}: cannot write: {exc.strerror or exc}") from exc
    click.echo(f"wrote {out}")


def _list_queries(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from graph import query as queries

    for name, path in queries.shipped().items():
        click.echo(f"{name}\n    {queries.describe(path)}")
    ctx.exit()


@main.command()
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.argument("query_file", metavar="[QUERY]", required=False)
@click.option("--query", "text", metavar="TEXT", help="The query itself, instead of a QUERY file.")
@click.option("-b", "--bind", "binds", multiple=True, metavar="NAME=VALUE",
              help="Give ?NAME a value before the query runs, as an RDF term: ent:Tesla, <https://…>, "
                   '"テスラ"@ja, 42; anything else is a plain string. Repeatable.')
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="table for people; csv and json are SPARQL 1.1 results formats.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="The SPARQL engine.")
@click.option("--timeout", default=300.0, show_default=True, type=click.FloatRange(min=0),
              help="Stop the query after this many seconds (0: never).")
@click.option("--memory", default=MEMORY_MIB, show_default=True, type=click.IntRange(min=16), metavar="MIB",
              help="Stop the query when it takes more than this much memory beyond the graph's.")
@click.option("--allow-remote", is_flag=True,
              help="Let the query fetch from other servers (SERVICE; FROM with --engine rdflib). Off by default.")
@click.option("--list", "list_", is_flag=True, is_eager=True, expose_value=False, callback=_list_queries,
              help="List the shipped queries and what each answers, and exit.")
def query(graph_path: Path, query_file: str | None, text: str | None, binds: tuple[str, ...], fmt: str,
          engine: str, timeout: float, memory: int, allow_remote: bool) -> None:
    """Run a SPARQL query on GRAPH (a graph.ttl, or a store folder made by `build --store`).

    QUERY is a .rq file or the name of a shipped query (see --list); or give the query with --query. The
    project's prefixes (sg:, ent:, doc:, prov:, schema:, skos:, rdfs:, ...) need no PREFIX lines. The query
    runs in a process of its own, stopped by Ctrl-C, --timeout or --memory.

    \b
      seed-graph query exports/graph.ttl agreements
      seed-graph query exports/graph.ttl evidence --bind subject=ent:Tesla --bind object=ent:Samsung_Electronics
      seed-graph query exports/graph.ttl --query 'SELECT ?name WHERE { ?p a sg:Person ; rdfs:label ?name }'
    """
    from graph import guard
    from graph import query as queries

    if (query_file is None) == (text is None):
        raise click.UsageError("give a QUERY (a .rq file or a shipped query's name) or --query TEXT, not both")
    try:
        bindings = dict(queries.binding(item) for item in binds)
        limits = guard.Limits(timeout=timeout or None, memory=memory, answer=1 << 40)
        body = text if text is not None else queries.read(query_file)
        out = guard.run(graph_path, body, bindings, fmt, engine, limits, allow_remote)
    except (InputError, guard.Stopped) as exc:
        raise Fail(str(exc)) from exc
    click.echo(out, nl=False)


@main.command()
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option("--shapes", type=click.Path(path_type=Path), help="SHACL shapes to use instead of the shipped ones.")
def validate(graph_path: Path, shapes: Path | None) -> None:
    """Check GRAPH (a graph.ttl, or a store folder) against the SHACL shapes shipped with the ontology.

    Exit status 0 if it conforms, 1 if not (each violation printed), 2 if GRAPH or the shapes cannot be read.
    """
    from graph.validate import validate as check

    if shapes and not shapes.is_file():
        raise Fail(f"{shapes}: no such file")
    try:
        report = check(graph_path, shapes)
    except InputError as exc:
        raise Fail(str(exc)) from exc
    if report.conforms:
        click.echo(f"{graph_path}: conforms")
        return
    count = len(report.violations)
    click.echo(f"{graph_path}: {count} violation{'' if count == 1 else 's'}")
    for violation in report.violations:
        click.echo(f"  {violation}")
    sys.exit(EXIT_NONCONFORMING)


@main.command()
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option("-p", "--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (IPv4 or IPv6); the default takes connections from this machine only.")
@click.option("--public", is_flag=True,
              help="Allow an address other machines can reach (--host 0.0.0.0): anyone who can reach it can query.")
@click.option("--allow-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A further name the Host header may give (this machine's DNS name). Repeatable.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Stop a query after this many seconds.")
@click.option("--memory", default=MEMORY_MIB, show_default=True, type=click.IntRange(min=16), metavar="MIB",
              help="Stop a query when its worker takes more than this much memory beyond the graph's.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Queries evaluated at once, each in a process of its own.")
def serve(graph_path: Path, port: int, host: str, public: bool, allowed_hosts: tuple[str, ...], timeout: float,
          memory: int, workers: int) -> None:
    """Serve GRAPH (a graph.ttl, or a store folder) as a read-only SPARQL 1.1 endpoint, until Ctrl+C.

    Each query runs in a worker process within --timeout and --memory, and stops when its client goes away;
    SERVICE and other requests to other servers are refused.

    \b
      seed-graph serve exports/graph.ttl
      curl -H 'Accept: text/csv' http://127.0.0.1:7878/query --data-urlencode 'query=SELECT * { ?s a sg:Person }'
    """
    import signal

    from graph.guard import Limits
    from graph.serve import Endpoint, is_loopback

    if not is_loopback(host):
        if not public:
            raise Fail(f"{host}: not a loopback address: other machines could query the graph; "
                       "add --public if that is what you want")
        click.echo(f"seed-graph: warning: listening on {host}: anyone who can reach it can query the graph",
                   err=True)
    try:
        endpoint = Endpoint(graph_path, host, port, limits=Limits(timeout=timeout, memory=memory), workers=workers,
                            allowed_hosts=allowed_hosts)
    except InputError as exc:
        raise Fail(str(exc)) from exc
    except OSError as exc:
        raise Fail(f"{host}:{port}: cannot listen: {exc.strerror or exc}") from exc

    def stop(_signum, _frame):
        raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM):  # SIGINT too: a job started in the background ignores it
        signal.signal(signum, stop)
    click.echo(f"serving {graph_path} at {endpoint.url} (read-only); Ctrl+C stops")
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.server_close()
    click.echo("stopped")


@main.command("eval")
@click.argument("gold_path", metavar="GOLD", type=click.Path(path_type=Path))
@click.option("--pred", type=click.Path(path_type=Path),
              help="extractions.jsonl to score instead of extracting the gold texts with the pipeline.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--types", type=click.Path(path_type=Path),
              help="YAML or JSON mapping of the gold's labels to entity types (e.g. 人名: Person).")
@click.option("--profile", type=click.Path(path_type=Path), help="Profile YAML to extract with.")
@click.option("--corpus", type=click.Path(path_type=Path, file_okay=False),
              help="The folder that the gold's {\"path\", \"sha256\"} records refer to.")
@click.option("--errors", is_flag=True, help="Also list the missed and spurious mentions and facts.")
def evaluate(gold_path: Path, pred: Path | None, fmt: str, types: Path | None, profile: Path | None,
             corpus: Path | None, errors: bool) -> None:
    """Score extraction against GOLD (JSONL: {"id", "text", "entities": [{"span", "type"}], "relations": [...]}).

    Prints precision, recall and F1 of entity mentions by type (exact span and type, and lenient overlap)
    and of facts by relation kind (subject and object matched by any of their names), and the recall of dates
    and how many have the right value. Records may refer to files of a --corpus instead of holding their text.
    """
    import json

    from graph import evaluate as scoring

    try:
        mapping = scoring.read_types(types) if types else None
        gold = scoring.read_gold(gold_path, mapping, corpus)
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
    """A graph.ttl, or a store folder (`build --store`) opened read-only, as an rdflib Graph."""
    from graph import pipeline

    try:
        if path.is_dir():
            return _store(path)
        return pipeline.load(path)
    except InputError as exc:
        raise Fail(str(exc)) from exc


def _store(path: Path):
    from oxrdflib import OxigraphStore
    from rdflib import Graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from graph import query
    from graph.build import PREFIXES

    graph = Graph(store=OxigraphStore(store=query.load(path)), identifier=DATASET_DEFAULT_GRAPH_ID,
                  bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


if __name__ == "__main__":
    main()
