"""Extraction spread over a Dask cluster: workers parse, extract and map to RDF; the driver stores.

The article stream is cut into partitions of ``partition_size`` articles (a folder becomes chunks of
files, a ``.jsonl`` file chunks of lines). Each partition is one task: the worker loads the spaCy
pipeline once (``kg.extract.load_pipeline`` caches it per process), runs ``kg.extract.extract`` and
``kg.rdf.extraction_quads``, and sends back N-Quads bytes per article. The driver parses them and
yields one ``(article_id, quads, n_events, None)`` per article, so ``kg.build`` writes them in
batches, each article all or nothing (``Store.write_articles``). At most ``in_flight`` partitions
are pending at a time, so the corpus is never held in memory.

``address``: a scheduler address such as ``tcp://10.0.0.5:8786``, or ``local`` for a LocalCluster
with one single-threaded worker process per CPU (``local:N`` for N worker processes).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime
from itertools import islice
from typing import Any

import pyoxigraph as ox

from kg.errors import ClusterError, ExtractionError, KgError
from kg.extract import extract, load_pipeline
from kg.model import Article
from kg.rdf import extraction_quads

DEFAULT_PARTITION_SIZE = 16
LOCAL = "local"

ArticleQuads = tuple[str, list[ox.Quad], int, None]
PartitionResult = tuple[list[tuple[str, bytes, int]], list[str], list[str]]


def extract_partition(articles: list[Article], model: str, generated_at: datetime) -> PartitionResult:
    """On a worker: ``([(article_id, nquads, n_events), ...], [error, ...], [warning, ...])``.

    A warning names a value dropped from an article that is kept (see :func:`kg.rdf.extraction_quads`).
    """
    errors: list[str] = []
    warnings: list[str] = []
    done: list[tuple[str, bytes, int]] = []
    nlp = load_pipeline(model)
    for extraction in extract(articles, nlp, on_error=lambda error: errors.append(str(error))):
        article_id = extraction.article.id
        try:
            quads = extraction_quads(
                extraction, generated_at=generated_at, model=model, on_warning=warnings.append
            )
            data = ox.serialize(quads, None, ox.RdfFormat.N_QUADS)
        except Exception as exc:  # one bad article never kills the partition
            errors.append(f"{article_id}: could not map to RDF: {exc}")
            continue
        done.append((article_id, data, len(extraction.events)))
    return done, errors, warnings


def partitions(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of at most ``size`` articles, drawn lazily."""
    stream = iter(articles)
    while chunk := list(islice(stream, size)):
        yield chunk


def local_workers(address: str) -> int | None:
    """Worker count of a ``local`` / ``local:N`` address; None for a scheduler address."""
    name, _, count = address.partition(":")
    if name != LOCAL:
        return None
    if count and not count.isdigit():
        raise ClusterError(f"bad cluster address {address!r}: use 'local', 'local:N' or a scheduler address")
    return int(count) if count else os.cpu_count() or 1


@contextmanager
def connect(address: str) -> Iterator[Any]:
    """A dask.distributed Client on ``address``, or on a LocalCluster for ``local`` / ``local:N``."""
    try:  # an optional dependency (pip install 'kg[cluster]'): imported when a cluster is asked for
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError(f"--cluster needs dask.distributed: pip install 'kg[cluster]' ({exc})") from exc
    workers = local_workers(address)
    if workers is not None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0")
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="20s")
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        yield client


def extract_on_cluster(
    articles: Iterable[Article],
    address: str,
    *,
    model: str,
    on_error: Callable[[KgError], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    generated_at: datetime,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    client: Any = None,
) -> Iterator[ArticleQuads]:
    """Extract ``articles`` on the cluster at ``address``; yield ``(article_id, quads, n_events, None)``.

    Articles come back partition by partition in completion order; failed articles (and every article
    of a partition whose task failed) go to ``on_error`` as :class:`ExtractionError`; values dropped
    from articles that are kept to ``on_warning``. ``client``: an open
    ``distributed.Client`` to use (and leave open) instead of connecting to ``address``.
    """
    from distributed import as_completed  # optional, as in connect()

    def report(message: str) -> None:
        if on_error is not None:
            on_error(ExtractionError(message))

    with nullcontext(client) if client is not None else connect(address) as dask:
        in_flight = 2 * max(1, len(dask.scheduler_info().get("workers", {})))
        chunks = partitions(articles, partition_size)
        pending = as_completed()
        members: dict[str, list[str]] = {}

        def submit(chunk: list[Article]) -> None:
            future = dask.submit(extract_partition, chunk, model, generated_at, pure=False)
            members[future.key] = [article.id for article in chunk]
            pending.add(future)

        for chunk in islice(chunks, in_flight):
            submit(chunk)
        for future in pending:
            ids = members.pop(future.key)
            try:
                done, errors, warnings = future.result()
            except Exception as exc:  # a worker died or the task raised: name its articles
                done, errors = [], [f"{article_id}: cluster task failed: {exc}" for article_id in ids]
                warnings = []
            future.release()
            for message in errors:
                report(message)
            for message in warnings:
                if on_warning is not None:
                    on_warning(message)
            for article_id, data, n_events in done:
                yield article_id, list(ox.parse(data, ox.RdfFormat.N_QUADS)), n_events, None
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                submit(next_chunk)
