"""The one place that runs the stages in order: ingest -> nlp -> extract -> resolve -> build -> views.

The command line and notebooks both come through here::

    from graph import pipeline
    result = pipeline.build(["seeds/"])            # or pipeline.build(texts={"a": "テスラは…"})
    pipeline.export(result, "exports/")           # graph.ttl, graph.html, extractions.jsonl, ontology.ttl
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph import __version__, boilerplate, ingest, nlp
from graph.cache import Cache, files_digest
from graph.export import atomic
from graph.extract import extract
from graph.model import Document, Entity, Extraction, InputError
from graph.profile import Profile, load_profile
from graph.workers import Local, runner

log = logging.getLogger(__name__)

OUTPUTS = ("graph.ttl", "graph.html", "extractions.jsonl", "ontology.ttl")
MANIFEST = ".manifest.json"  # what the last build in an output folder was made from
_LEFTOVER = re.compile(r"[0-9a-f]{12}\.(tmp|old)")  # graph.export's temporary files, after ".<name>."
RELEASE_AFTER = 200  # documents parsed in this process, after which the model is let go before the graph is built


@dataclass
class Result:
    """What a build made: the graph, the extractions (in input order), the entities, and what was skipped."""

    graph: object
    extractions: list[Extraction]
    entities: dict[str, Entity]
    profile: Profile
    skipped: list[ingest.Skipped] = field(default_factory=list)
    seconds: float = 0.0
    cached: int = 0
    parsed: int = 0
    store: tuple[Path, Path] | None = None  # (where it is being built, where it goes)

    @property
    def relations(self) -> int:
        return sum(len(e.relations) for e in self.extractions)

    def counts(self) -> str:
        """What the graph holds, in the words and by the counts of ``seed-graph stats`` (graph.counts)."""
        from graph.counts import count

        return count(self.graph).line()

    def summary(self) -> str:
        counts = self.counts()
        documents, _, rest = counts.partition(", ")
        cached = f" ({self.cached} from cache)" if self.cached else ""
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        return f"{documents}{cached}{skipped}, {rest} in {self.seconds:.1f} s"


def build(inputs: Iterable[str | Path] = (), *, texts: dict[str, str] | None = None,
          profile: Profile | str | Path | None = None, cache: str | Path | None = None, jobs: int = 1,
          scheduler: str | None = None, store: str | Path | None = None, follow_links: bool = False,
          progress: Callable[[int, int], None] | None = None) -> Result:
    """Build the graph in memory from files and folders, and/or from ``texts`` (document id -> text).

    ``cache`` is a folder of per-document parses and extractions (graph.cache); ``jobs`` > 1 runs parsing
    and extraction in that many processes, and ``scheduler`` (a Dask address) on a cluster. The result is
    the same whichever way it runs. With ``store`` (a folder), the graph is built in an Oxigraph store on
    disk rather than in memory; ``export`` puts it in place. Links out of an input folder are followed only
    with ``follow_links``. Arguments of the wrong type raise TypeError, wrong values ValueError, naming them.
    """
    started = time.perf_counter()
    if not isinstance(jobs, int) or isinstance(jobs, bool):
        raise TypeError(f"jobs: expected an int, got {type(jobs).__name__}")
    if jobs < 1:
        raise ValueError(f"jobs: {jobs}: give at least 1 process")
    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    documents, skipped = collect(inputs, texts, follow_links=follow_links)
    return _build(documents, skipped, profile, cache, jobs, scheduler, store, progress, started)


def collect(inputs: Iterable[str | Path] = (), texts: dict[str, str] | None = None, exclude: Iterable[Path] = (),
            follow_links: bool = False):
    """The documents of the inputs and texts, in order, and what was skipped (each logged with its reason).

    ``texts`` are checked as the files are: a text over ingest.MAX_CHARS, or whose id a file already has,
    raises ValueError; an id or text that is no string raises TypeError."""
    if isinstance(inputs, (str, bytes, os.PathLike)) or not isinstance(inputs, Iterable):
        raise TypeError(f"inputs: expected a list of files and folders, got {type(inputs).__name__}")
    for item in inputs:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"inputs: {item!r}: expected a path, got {type(item).__name__}")
    if texts is not None and not isinstance(texts, dict):
        raise TypeError(f"texts: expected a dict of document id -> text, got {type(texts).__name__}")
    documents: list[Document] = []
    skipped: list[ingest.Skipped] = []
    for item in ingest.read(inputs, exclude=exclude, follow_links=follow_links):
        (documents if isinstance(item, Document) else skipped).append(item)
    ids = {d.id for d in documents}
    for doc_id, text in (texts or {}).items():
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise TypeError(f"texts: {doc_id!r}: a document id is a non-empty str")
        if not isinstance(text, str):
            raise TypeError(f"texts[{doc_id!r}]: expected a str, got {type(text).__name__}")
        if len(text) > ingest.MAX_CHARS:
            raise ValueError(f"texts[{doc_id!r}]: {len(text):,} characters, over the limit of "
                             f"{ingest.MAX_CHARS:,} for one document")
        if doc_id in ids:
            raise ValueError(f"texts[{doc_id!r}]: a file has the same document id")
    for doc_id, text in sorted((texts or {}).items()):
        documents.append(ingest.from_text(text, doc_id))
    for problem in skipped:
        log.warning("skipped %s", problem)
    return documents, skipped


def _build(documents, skipped, profile, cache, jobs, scheduler, store, progress, started) -> Result:
    nlp.load_ruler(profile)  # a pattern spaCy rejects stops the build here, before any work
    documents = boilerplate.mark(documents, profile)
    if store is not None:
        check_store(store)
    reuse = Cache(cache, nlp.fingerprint(), profile.digest) if cache else None
    counts: dict[str, int] = {}
    extractions = list(extract_all(documents, profile, reuse, runner(jobs, scheduler), progress, counts=counts))
    if counts["parsed"] >= RELEASE_AFTER:
        nlp.release()  # the model's memory goes back before the graph takes its own; loading it again is cheap
    result = assemble(extractions, profile, skipped, started, store=store)
    result.cached, result.parsed = counts.get("cached", 0), counts.get("parsed", 0)
    return result


@dataclass
class Update:
    """What ``update`` did: built and exported (``result``), or found the exports up to date (``result`` None)."""

    summary: str
    skipped: list
    paths: dict[str, Path]
    result: Result | None = None


def update(out_dir: str | Path, inputs: Iterable[str | Path], *, profile: Profile | str | Path | None = None,
           cache: str | Path | None = None, jobs: int = 1, scheduler: str | None = None,
           store: str | Path | None = None, title: str = "seed-graph", fresh: bool = False,
           follow_links: bool = False, progress: Callable[[int, int], None] | None = None) -> Update:
    """Build the inputs into ``out_dir``, as ``seed-graph build`` does: unless nothing that makes the
    exports has changed since the last build there (the documents, the profile, the code and model, the
    options) and the exports are as that build left them, in which case nothing is done at all (``fresh``
    builds anyway). An input inside the output folder is refused; the output folder inside an input folder
    is not read. What an interrupted build left in the output folder is removed first."""
    started = time.perf_counter()
    profile = profile if isinstance(profile, Profile) else load_profile(profile)
    out = prepare_output(out_dir)
    inputs = list(inputs)
    for given in inputs:
        if Path(given).resolve().is_relative_to(out.resolve()):
            raise InputError(f"{given}: inside the output folder {out}: the build would read its own exports")
    remove_leftovers(out, cache)
    documents, skipped = collect(inputs, exclude=[out], follow_links=follow_links)
    state = _state(documents, skipped, profile, title, store)
    paths = {name: out / name for name in OUTPUTS}
    previous = _read_manifest(out)
    if not fresh and previous.get("state") == state and previous.get("exports") == _digests(paths) \
            and (store is None or Path(store, "CURRENT").exists()):
        seconds = time.perf_counter() - started
        return Update(f"nothing changed: {previous['summary']} (checked in {seconds:.1f} s)", skipped, paths)
    result = _build(documents, skipped, profile, cache, jobs, scheduler, store, progress, started)
    export(result, out, title=title)
    try:
        with atomic(out / MANIFEST) as file:
            json.dump({"state": state, "exports": _digests(paths), "summary": result.counts()}, file, indent=1)
    except OSError as exc:  # the exports are in place; the next build will not know it can skip the work
        log.warning("%s: cannot write: %s", out / MANIFEST, exc.strerror or exc)
    return Update(result.summary(), skipped, paths, result)


def _state(documents: list[Document], skipped: list, profile: Profile, title: str, store) -> str:
    """A hash of everything the exports are made from."""
    h = hashlib.sha256()
    for part in (__version__, _package_digest(), nlp.fingerprint(), profile.digest, title, str(store or "")):
        h.update(part.encode("utf-8") + b"\0")
    for d in documents:
        h.update(json.dumps([d.id, d.source, d.sha256, d.meta], ensure_ascii=False, sort_keys=True).encode() + b"\0")
    for problem in skipped:
        h.update(str(problem).encode("utf-8") + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def _package_digest() -> str:
    """A hash of seed-graph's own files (code, ontology, templates, profile, tagger weights)."""
    root = Path(__file__).parent
    return files_digest(root, [p.relative_to(root).as_posix() for p in root.rglob("*")
                               if p.is_file() and "__pycache__" not in p.parts])


def _digests(paths: dict[str, Path]) -> dict[str, str | None]:
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
            for name, path in paths.items()}


def _read_manifest(out: Path) -> dict:
    try:
        return json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def extract_all(documents: list[Document], profile: Profile, cache: Cache | None = None, run=None,
                progress: Callable[[int, int], None] | None = None, chunk: int = 256,
                batch: int = 16, counts: dict[str, int] | None = None) -> Iterator[Extraction]:
    """The extraction of each document, in order: from the cache where it is there, re-extracted from a
    cached parse where only the profile changed, and parsed by ``run`` (a graph.workers runner) otherwise.
    ``counts`` receives how many documents came from the cache and how many were parsed."""
    run = run or Local()
    counts = counts if counts is not None else {}
    counts.update(cached=0, reextracted=0, parsed=0)
    done = 0
    try:
        for start in range(0, len(documents), chunk):
            part = documents[start:start + chunk]
            found: dict[int, Extraction] = {}
            missing: list[int] = []
            for i, document in enumerate(part):
                hit = cache.extraction(document) if cache else None
                parsed = cache.segments(document, profile) if cache and hit is None else None
                if hit is not None:
                    found[i] = hit
                    counts["cached"] += 1
                elif parsed is not None:
                    found[i] = extract(document, nlp.annotate(parsed, profile), profile)
                    cache.put_extraction(found[i])
                    counts["reextracted"] += 1
                else:
                    missing.append(i)
            counts["parsed"] += len(missing)
            batches = [[part[i] for i in missing[b:b + batch]] for b in range(0, len(missing), batch)]
            results = (item for result in run.run(batches, profile, pack=cache is not None) for item in result)
            for i, (extraction, packed) in zip(missing, results):
                found[i] = extraction
                if cache:
                    cache.put_parse(extraction.document, packed)
                    cache.put_extraction(extraction)
            for i in range(len(part)):
                done += 1
                if progress:
                    progress(done, len(documents))
                yield found[i]
    finally:
        run.close()


def assemble(extractions: list[Extraction], profile: Profile, skipped: list | None = None,
             started: float | None = None, store: str | Path | None = None) -> Result:
    """Resolve the extractions' mentions to entities and build the graph (in a fresh store beside
    ``store`` if one is given: the one in place is replaced only by ``export``)."""
    from graph.build import build as build_graph
    from graph.resolve import resolve

    resolution = resolve(extractions, profile)
    staging = None
    if store is not None:
        staging = Path(store).with_name(f".{Path(store).name}.building")
        shutil.rmtree(staging, ignore_errors=True)  # what an interrupted build left
        staging.parent.mkdir(parents=True, exist_ok=True)
    graph = build_graph(extractions, resolution, profile, store=staging)
    seconds = time.perf_counter() - started if started is not None else 0.0
    result = Result(graph, extractions, resolution.entities, profile, skipped or [], seconds)
    result.store = (staging, Path(store)) if store is not None else None
    return result


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
    try:
        with staged(out, OUTPUTS) as files:
            write_turtle(result.graph, files["graph.ttl"])
            write_html(to_networkx(result.graph), files["graph.html"], title=title)
            write_extractions(result.extractions, files["extractions.jsonl"])
            files["ontology.ttl"].write(ONTOLOGY_FILE.read_text("utf-8"))
            if result.store:
                _swap_store(result)
    except OSError as exc:  # a full disk, an I/O error: nothing was replaced
        raise InputError(f"{out}: cannot write the exports: {exc.strerror or exc}; the previous ones are kept") \
            from exc
    return {name: out / name for name in OUTPUTS}


def remove_leftovers(out: Path, cache: str | Path | None = None, age: float = 600.0) -> None:
    """Remove the temporary files a build killed while writing left behind: in the output folder (which the
    caller holds locked), and in the cache those older than ``age`` seconds (another build may share it)."""
    for name in (*OUTPUTS, MANIFEST):
        for path in out.glob(f".{name}.*"):
            if _LEFTOVER.fullmatch(path.name[len(name) + 2:]):
                path.unlink(missing_ok=True)
    if cache is not None and Path(cache).is_dir():
        now = time.time()
        for path in Path(cache).glob("*/.*.tmp"):
            try:
                if now - path.stat().st_mtime > age:
                    path.unlink()
            except OSError:
                pass


def check_store(path: str | Path) -> None:
    """A store folder may be new, empty, or an Oxigraph store; never a folder of something else to replace."""
    path = Path(path)
    if path.exists() and (not path.is_dir() or (any(path.iterdir()) and not (path / "CURRENT").exists())):
        raise InputError(f"{path}: exists and is not an Oxigraph store; give --store a new folder")


def _swap_store(result: Result) -> None:
    """Put the store just built where the previous one was, which is removed only once it is out of the way."""
    staging, final = result.store
    result.graph.close()
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        check_store(final)
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    from graph.build import new_graph

    result.graph = new_graph(final)
    result.store = None


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


@contextmanager
def locked(out_dir: str | Path) -> Iterator[Path]:
    """Hold the output folder for one build at a time: a second build at once stops with a clear error
    instead of interleaving its files with the first one's."""
    import fcntl

    out = prepare_output(out_dir)
    with open(out / ".lock", "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise InputError(f"{out}: another build (pid {holder}) is writing here; wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield out
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def load(path: str | Path):
    """A graph.ttl as an rdflib Graph, with the project's prefixes bound; InputError, naming the file, if it
    is missing or not Turtle."""
    from graph import query

    return query.load(path, engine="rdflib")
