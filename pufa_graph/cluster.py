"""The Dask engine (``pufa ingest --engine dask``): the per-report analysis mapped over the workers of a
Dask cluster, each task writing one shard (:mod:`.shards`); the driver loads each shard into the store
as soon as it is complete, so loading overlaps the analysis as in a local ingest.

Without a scheduler address a ``LocalCluster`` of ``jobs`` single-threaded worker processes is started
on loopback (no dashboard) and closed at the end. With one (``tcp://HOST:8786``), the workers need the
same pufa-graph installed, must read the files by the paths given here, and the shard folder must be
one the workers and this machine share (a network path, or an fsspec URL such as ``s3://…``).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

from .errors import PufaError
from .shards import SHARD_REPORTS, read_shard, run_token, shard_name, write_shard


#: tasks submitted per worker beyond those the store has taken
AHEAD_PER_WORKER = 2


def analyse_shard(folder: str, name: str, work: list[tuple]) -> dict:
    """One task on a worker: analyse its files and write them as one shard; only a summary returns."""
    from . import __version__
    from .ingest import process_file

    processed = [process_file(*item) for item in work]
    write_shard(folder, name, processed)
    return {"shard": name, "pufa": __version__}


@contextmanager
def dask_client(scheduler: str | None, workers: int):
    """A client of the cluster at ``scheduler``, or of a LocalCluster of ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise PufaError("--engine dask needs Dask's distributed scheduler: pip install 'pufa-graph[dask]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=15)
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise PufaError(f"cannot reach {where}: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def shards_on_dask(work: list[tuple], folder: str, workers: int = 2, scheduler: str | None = None) -> Iterator[list]:
    """The files analysed on the cluster into shards in ``folder``: each shard's reports
    (``ingest.Processed``, read back from it), in the order the shards complete."""
    from . import __version__
    from .segment import warm_up

    run = run_token()
    chunks = list(enumerate(work[i: i + SHARD_REPORTS] for i in range(0, len(work), SHARD_REPORTS)))
    chunks.reverse()  # popped from the end: in order
    with dask_client(scheduler, workers) as client:
        from distributed import as_completed

        client.run(warm_up)  # every worker loads the dictionaries at once, before its first task
        running = as_completed()

        def submit_next() -> None:
            if chunks:
                i, chunk = chunks.pop()
                running.add(client.submit(analyse_shard, folder, shard_name(run, i), chunk, pure=False,
                                          key=f"pufa-shard-{run}-{i:05d}"))

        # a few tasks per worker ahead of the store, no more: analysis that runs far ahead of the load
        # leaves the load alone at the end, on one core (10,000 reports took 1.32x a local ingest)
        for _ in range(max(4, AHEAD_PER_WORKER * len(client.scheduler_info().get("workers", {})))):
            submit_next()
        for future in running:
            try:
                summary = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker's failure (a full disk, a lost worker)
                raise PufaError(f"a Dask task failed ({future.key}): {type(exc).__name__}: {exc}") from None
            if summary["pufa"] != __version__:
                raise PufaError(f"the Dask workers run pufa-graph {summary['pufa']}, this is {__version__}: "
                                "install the same version on every worker")
            future.release()
            yield read_shard(folder, summary["shard"])
            submit_next()  # once the store has taken the shard
