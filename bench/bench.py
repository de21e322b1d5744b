"""Speed, scale and memory of seed-graph builds, measured side by side with bare ja_ginza.

    python bench/bench.py CORPUS [--count 300] [--repeat 3] [--jobs 2] [--sections ...]

CORPUS is a folder of articles (the livedoor corpus in ../shared/corpora/livedoor-news/, or any folder) or a
JSONL file. ``--count`` articles are picked evenly across it (sorted by path) and linked, unmodified, into a
temporary folder, which is read following its links (as ``seed-graph build --follow-links`` does). Every
measurement runs in a fresh process (so peak memory is its own) and is repeated; medians are printed, with the
machine they were measured on.

Sections:
  throughput   bare ja_ginza nlp.pipe vs the full single-process build (ingest to every export), their ratio,
               the time of each stage, and peak memory
  jobs         the build with --jobs N vs one process, and whether the outputs are identical
  incremental  a rebuild with nothing changed, one article added to COUNT, and a profile change, against a
               full build without cache
  memory       peak memory of builds of growing size, up to --max-count articles
  sparql       the shipped queries on the largest graph, in rdflib and in Oxigraph (an rdflib query that takes
               longer than --sparql-limit seconds is stopped and reported as over it)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()


# -- trials: each runs in its own process and prints one JSON line --------------------------------------------

def trial_bare(folder: str) -> dict:
    import spacy

    from graph import ingest

    texts = [d.text for d in ingest.read([folder], follow_links=True) if isinstance(d, ingest.Document)]
    nlp = spacy.load("ja_ginza")
    nlp("準備")  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return {"seconds": time.perf_counter() - started, "chars": sum(map(len, texts)), "documents": len(texts)}


def trial_build(folder: str, out: str, jobs: int = 1, cache: str | None = None, profile: str | None = None,
                preload: bool = True) -> dict:
    """A full build through the library, with each stage timed by wrapping the functions that do it."""
    from graph import nlp, pipeline, workers
    from graph.export import html, jsonl, turtle

    stages: dict[str, float] = {}

    def timed(module, name, stage):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                stages[stage] = stages.get(stage, 0.0) + time.perf_counter() - started

        setattr(module, name, wrapper)

    if jobs == 1:  # with a pool, the work happens in other processes
        timed(workers, "process", "parse+extract")
        timed(workers, "extract", "extract")
    timed(pipeline, "extract", "extract")
    timed(nlp, "annotate", "profile ruler")
    timed(pipeline, "assemble", "resolve+build")
    timed(turtle, "write_turtle", "export turtle")
    timed(html, "write_html", "export html")
    timed(jsonl, "write_extractions", "export jsonl")
    if preload and jobs == 1:
        nlp.load_model()("準備")
    started = time.perf_counter()
    # what `seed-graph build --follow-links` runs: the folder holds links to the corpus's files
    done = pipeline.update(out, [folder], jobs=jobs, cache=cache, profile=profile, follow_links=True)
    seconds = time.perf_counter() - started
    if jobs == 1:
        stages["parse"] = stages.pop("parse+extract", 0.0) - stages.get("extract", 0.0) - stages.get("profile ruler", 0.0)
    result = done.result
    if result is None:  # nothing changed since the last build into ``out``
        return {"seconds": seconds, "stages": stages, "parsed": 0, "cached": 0, "summary": done.summary}
    chars = sum(len(e.document.text) for e in result.extractions)
    return {"seconds": seconds, "chars": chars, "documents": len(result.extractions), "stages": stages,
            "triples": len(result.graph), "entities": len(result.entities), "relations": result.relations,
            "cached": result.cached, "parsed": result.parsed}


def _seconds_in_child(run, limit: float) -> float | None:
    """How long ``run()`` takes in a forked child (which shares the loaded graph), or None past ``limit``."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def timed():
        started = time.perf_counter()
        run()
        send.send(time.perf_counter() - started)

    child = context.Process(target=timed)
    child.start()
    seconds = receive.recv() if receive.poll(limit) else None
    child.kill()
    child.join()
    return seconds


def trial_sparql(ttl: str, repeat: int = 3, limit: float = 120) -> dict:
    from importlib import resources

    import pyoxigraph
    from rdflib import Graph

    queries = sorted((resources.files("graph") / "queries").iterdir(), key=lambda p: p.name)
    rdf = Graph()
    started = time.perf_counter()
    rdf.parse(ttl, format="turtle")
    rdflib_load = time.perf_counter() - started
    store = pyoxigraph.Store()
    started = time.perf_counter()
    with open(ttl, "rb") as file:
        store.load(file, format=pyoxigraph.RdfFormat.TURTLE)
    oxigraph_load = time.perf_counter() - started
    times = {}
    for query in queries:
        if not query.name.endswith(".rq"):
            continue
        text = query.read_text("utf-8")
        runs = {"rdflib": [], "oxigraph": []}
        for _ in range(repeat):
            runs["rdflib"].append(_seconds_in_child(lambda: list(rdf.query(text)), limit))
            started = time.perf_counter()
            list(store.query(text))
            runs["oxigraph"].append(time.perf_counter() - started)
            if runs["rdflib"][-1] is None:  # past the limit: once is enough to say so
                break
        times[query.name] = {k: None if None in v else statistics.median(v) for k, v in runs.items()}
    return {"triples": len(rdf), "load": {"rdflib": rdflib_load, "oxigraph": oxigraph_load}, "queries": times}


TRIALS = {"bare": trial_bare, "build": trial_build, "sparql": trial_sparql}


def run_trial(kind: str, **kwargs) -> dict:
    """Run a trial in a fresh interpreter, sampling the resident memory of it and every process it starts
    (worker pools included) to report the peak of the whole tree, in MiB."""
    code = (f"import json, sys; sys.path.insert(0, {str(HERE.parent)!r}); import bench; "
            f"print(json.dumps(bench.TRIALS[{kind!r}](**json.loads(sys.argv[1]))))")
    # the trial writes into files, not pipes: a pipe nobody reads while memory is sampled fills and stops it
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        trial = subprocess.Popen([sys.executable, "-c", code, json.dumps(kwargs)], stdout=out_file,
                                 stderr=err_file, text=True)
        peak_tree = peak_main = 0
        while trial.poll() is None:
            sizes = _tree_rss(trial.pid)
            peak_tree = max(peak_tree, sum(sizes.values()))
            peak_main = max(peak_main, sizes.get(trial.pid, 0))
            time.sleep(0.1)
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if trial.returncode:
        sys.exit(f"trial {kind} failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    if result.get("documents") == 0:
        sys.exit(f"trial {kind} read no document:\n{err[-3000:]}")
    result["peak_mib"], result["peak_main_mib"] = peak_tree / 1024, peak_main / 1024
    return result


def _tree_rss(root: int) -> dict[int, int]:
    """Resident memory (KiB) of ``root`` and all its descendants, read from /proc."""
    parents, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/status") as status:
                rss[int(entry)] = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        except (OSError, StopIteration, ValueError, IndexError):
            continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return {pid: rss.get(pid, 0) for pid in tree}


# -- corpus ---------------------------------------------------------------------------------------------------

def pick(corpus: Path, count: int, into: Path) -> list[Path]:
    """Link ``count`` articles spread evenly over the corpus into a fresh folder (the corpus is not touched)."""
    if corpus.is_file():
        lines = [line for line in corpus.read_text("utf-8").splitlines() if line.strip()]
        step = max(1, len(lines) // count)
        into.mkdir(parents=True, exist_ok=True)
        (into / "articles.jsonl").write_text("\n".join(lines[::step][:count]) + "\n", "utf-8")
        return [into / "articles.jsonl"]
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md", ".html") and p.name[0] not in "._"
                   and p.name.upper() != p.name and "LICENSE" not in p.name and "README" not in p.name)
    if count > len(files):
        sys.exit(f"{corpus}: only {len(files)} articles, {count} asked for")
    step = len(files) / count
    chosen = [files[int(i * step)] for i in range(count)]
    into.mkdir(parents=True, exist_ok=True)
    for path in chosen:
        (into / f"{path.parent.name}-{path.name}").symlink_to(path.resolve())
    return chosen


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, load {load:.1f} at start"


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


# -- sections ---------------------------------------------------------------------------------------------------

def throughput(args, work: Path) -> None:
    folder = work / f"articles-{args.count}"
    pick(args.corpus, args.count, folder)
    bare, ours = [], []
    for i in range(args.repeat):  # alternate, so drift in the machine's load hits both alike
        bare.append(run_trial("bare", folder=str(folder)))
        ours.append(run_trial("build", folder=str(folder), out=str(work / f"out-{i}")))
    chars = bare[0]["chars"]
    b, o = median(bare, "seconds"), median(ours, "seconds")
    print(f"\n## Throughput: {args.count} articles, {chars:,} characters, median of {args.repeat}")
    print("| | seconds | characters/s | peak memory |\n|---|---:|---:|---:|")
    print(f"| bare ja_ginza nlp.pipe | {b:.1f} | {chars / b:,.0f} | {median(bare, 'peak_mib'):,.0f} MiB |")
    print(f"| seed-graph build (ingest to every export) | {o:.1f} | {chars / o:,.0f} | {median(ours, 'peak_mib'):,.0f} MiB |")
    print(f"\nratio (seed-graph / bare throughput): **{b / o:.2f}x**")
    print("\n| stage | seconds (median) |\n|---|---:|")
    for stage in sorted(ours[0]["stages"], key=lambda s: -ours[0]["stages"][s]):
        print(f"| {stage} | {statistics.median(r['stages'].get(stage, 0) for r in ours):.2f} |")
    last = ours[-1]
    print(f"\ngraph: {last['triples']:,} triples, {last['entities']:,} entities, {last['relations']:,} relations")


def jobs(args, work: Path) -> None:
    folder = work / f"articles-{args.count}"
    if not folder.exists():
        pick(args.corpus, args.count, folder)
    one, many = [], []
    for i in range(args.repeat):
        one.append(run_trial("build", folder=str(folder), out=str(work / f"one-{i}")))
        many.append(run_trial("build", folder=str(folder), out=str(work / f"many-{i}"), jobs=args.jobs))
    same = all((work / f"one-0" / "graph.ttl").read_bytes() == (work / f"many-{i}" / "graph.ttl").read_bytes()
               for i in range(args.repeat))
    a, b = median(one, "seconds"), median(many, "seconds")
    print(f"\n## Jobs: {args.count} articles, median of {args.repeat}")
    print(f"| | seconds |\n|---|---:|\n| 1 process | {a:.1f} |\n| --jobs {args.jobs} | {b:.1f} |")
    print(f"\nspeed-up: **{a / b:.2f}x**; graph.ttl identical: {'yes' if same else 'NO'}")


def incremental(args, work: Path) -> None:
    base = work / "incremental"
    shutil.rmtree(base, ignore_errors=True)
    pick(args.corpus, args.count + 1, base / "all")
    folder = base / "articles"
    folder.mkdir()
    for link in sorted((base / "all").iterdir())[:-1]:
        (folder / link.name).symlink_to(link.resolve())
    extra = sorted((base / "all").iterdir())[-1]
    profile = base / "profile.yaml"
    profile.write_text("extends: default\nentities:\n  - {id: Benchmark_Co, type: Organization, ja: ベンチマーク社}\n",
                       "utf-8")
    full, unchanged, added, changed = [], [], [], []
    for i in range(args.repeat):
        cache, out = str(base / f"cache-{i}"), str(base / f"out-{i}")
        if (folder / extra.name).exists():
            (folder / extra.name).unlink()
        full.append(run_trial("build", folder=str(folder), out=out, cache=cache))
        unchanged.append(run_trial("build", folder=str(folder), out=out, cache=cache))
        (folder / extra.name).symlink_to(extra.resolve())
        added.append(run_trial("build", folder=str(folder), out=out, cache=cache))
        changed.append(run_trial("build", folder=str(folder), out=out, cache=cache, profile=str(profile)))
    f = median(full, "seconds")
    print(f"\n## Incremental: {args.count} articles, median of {args.repeat}")
    print("| build | seconds | of the full build | documents parsed |\n|---|---:|---:|---:|")
    print(f"| full, empty cache | {f:.1f} | 100 % | {full[0]['parsed']} |")
    for name, runs in (("nothing changed", unchanged), ("one article added", added), ("profile changed", changed)):
        s = median(runs, "seconds")
        print(f"| {name} | {s:.2f} | {100 * s / f:.1f} % | {runs[0]['parsed']} |")


def memory(args, work: Path) -> None:
    print(f"\n## Memory: peak resident memory of a build (--jobs {args.jobs}), one run each")
    print("| articles | seconds | peak, all processes | peak, the build process |\n|---:|---:|---:|---:|")
    sizes = [n for n in (300, 1000, 3000) if n <= args.max_count] or [args.max_count]
    for n in sizes:
        folder = work / f"articles-{n}"
        if not folder.exists():
            pick(args.corpus, n, folder)
        r = run_trial("build", folder=str(folder), out=str(work / f"mem-{n}"), jobs=args.jobs)
        print(f"| {n:,} | {r['seconds']:.0f} | {r['peak_mib']:,.0f} MiB | {r['peak_main_mib']:,.0f} MiB |")
        last = work / f"mem-{n}" / "graph.ttl"
    args.largest = last


def sparql(args, work: Path) -> None:
    ttl = getattr(args, "largest", None) or args.graph
    if ttl is None:
        print("\n(sparql: no graph; run the memory section or pass --graph)")
        return
    r = run_trial("sparql", ttl=str(ttl), repeat=args.repeat, limit=args.sparql_limit)
    print(f"\n## SPARQL on {r['triples']:,} triples ({Path(ttl).parent.name}), median of {args.repeat}")
    print(f"load: rdflib {r['load']['rdflib']:.1f} s, Oxigraph {r['load']['oxigraph']:.1f} s\n")
    print("| query | rdflib s | Oxigraph s |\n|---|---:|---:|")
    for name, t in r["queries"].items():
        rdflib = f"> {args.sparql_limit:.0f}" if t["rdflib"] is None else f"{t['rdflib']:.3f}"
        print(f"| {name} | {rdflib} | {t['oxigraph']:.3f} |")


SECTIONS = {"throughput": throughput, "jobs": jobs, "incremental": incremental, "memory": memory, "sparql": sparql}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--max-count", type=int, default=3000)
    parser.add_argument("--graph", type=Path, help="a graph.ttl for the sparql section")
    parser.add_argument("--sparql-limit", type=float, default=120,
                        help="seconds an rdflib query may take before it is stopped and reported as over")
    parser.add_argument("--sections", default="throughput,jobs,incremental,memory,sparql")
    args = parser.parse_args()
    print(f"# seed-graph benchmark\n\n{machine()}; corpus {args.corpus}")
    with tempfile.TemporaryDirectory(prefix="seed-graph-bench-") as work:
        for name in args.sections.split(","):
            SECTIONS[name.strip()](args, Path(work))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
