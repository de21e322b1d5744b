"""Where parsing and extraction run: in this process, in a pool of local processes, or on a Dask cluster.

Every runner takes batches of documents and returns, for each document in order, its extraction and (when
asked, for the cache) its packed parse. A worker process loads the model once and keeps it for every batch
it is given; only documents and plain records travel between processes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from graph import nlp
from graph.extract import extract
from graph.model import Document, Extraction
from graph.profile import Profile

log = logging.getLogger(__name__)

Batch = list[Document]
Result = list[tuple[Extraction, bytes | None]]


def process(documents: Batch, profile: Profile, pack: bool = False) -> Result:
    """Parse and extract a batch of documents in this process (the model is loaded once per process)."""
    model = nlp.load_model()
    out = []
    for document, segments in nlp.parse(model, documents):
        packed = nlp.pack(segments) if pack else None
        out.append((extract(document, nlp.annotate(segments, profile), profile), packed))
    return out


def one_blas_thread() -> None:
    """Limit a pool worker's matrix library to one thread: the pool keeps the cores busy, and threads on top of
    its processes only fight over them."""
    import numpy  # noqa: F401  (loads the library to limit)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class Local:
    """Everything in this process."""

    def run(self, batches: Iterable[Batch], profile: Profile, pack: bool) -> Iterator[Result]:
        for batch in batches:
            yield process(batch, profile, pack)

    def close(self) -> None:
        pass


class Pool:
    """``jobs`` worker processes on this machine, each with its own model; results come back in order."""

    def __init__(self, jobs: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods()
                                              else "spawn")
        self.executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=one_blas_thread)
        self.jobs = jobs

    def run(self, batches: Iterable[Batch], profile: Profile, pack: bool) -> Iterator[Result]:
        futures = []
        for batch in batches:
            futures.append(self.executor.submit(process, batch, profile, pack))
            while len(futures) > 2 * self.jobs:  # keep the workers busy without holding every result
                yield futures.pop(0).result()
        for future in futures:
            yield future.result()

    def close(self) -> None:
        self.executor.shutdown(cancel_futures=True)


class Cluster:
    """A Dask distributed cluster at ``address`` (tcp://host:8786): batches go to its workers, which load
    the model once each; results stream back in order."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        self.client = Client(address, timeout="30s")
        workers = len(self.client.scheduler_info().get("workers", {}))
        log.info("connected to %s (%d workers)", address, workers)

    def run(self, batches: Iterable[Batch], profile: Profile, pack: bool) -> Iterator[Result]:
        profile_future = self.client.scatter(profile, broadcast=True)
        futures = []
        ahead = 2 * max(1, len(self.client.scheduler_info().get("workers", {})))
        for batch in batches:
            futures.append(self.client.submit(process, batch, profile_future, pack, pure=False))
            while len(futures) > ahead:
                yield futures.pop(0).result()
        for future in futures:
            yield future.result()

    def close(self) -> None:
        self.client.close()


def runner(jobs: int = 1, scheduler: str | None = None):
    """The runner for these options: a Dask cluster if a scheduler is given, a pool for jobs > 1, else local."""
    if scheduler:
        return Cluster(scheduler)
    if jobs > 1:
        return Pool(jobs)
    return Local()
