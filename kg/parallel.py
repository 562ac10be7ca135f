"""Extraction in N local worker processes (``kg build --jobs N``): each worker parses AND extracts a chunk
of articles; the driver maps them to RDF, writes and links them, as a one-process build does.

spaCy's own ``nlp.pipe(n_process=N)`` spreads the parsing only: every Doc comes back to the driver
(serialized), which then extracts alone, so extraction (about half of spaCy's CPU on short articles)
and the Docs' round trip stayed on one core. Workers here send back
:class:`kg.model.Extraction` values (plain frozen dataclasses, a small fraction of a Doc). Chunks come
back in the order they were read, so a build with ``--jobs 2`` writes, counts and links the articles in
the order a one-process build does.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from kg.errors import ExtractionError
from kg.model import Article, Extraction

CHUNK = 32
"""Articles per task: one ``nlp.pipe`` batch of the default size."""

Chunk = tuple[list[Extraction], list[str]]


def _start_worker(model: str) -> None:
    """Load the pipeline once per worker, then keep it out of the garbage collector's full passes."""
    from kg.extract import load_pipeline

    load_pipeline(model)
    gc.collect()
    gc.freeze()


def extract_chunk(articles: list[Article], model: str, batch_size: int) -> Chunk:
    """In a worker: the extractions of ``articles`` and the messages of those that failed."""
    from kg.extract import extract, load_pipeline

    errors: list[str] = []
    nlp = load_pipeline(model)
    done = list(extract(articles, nlp, batch_size=batch_size, on_error=lambda e: errors.append(str(e))))
    return done, errors


def extract_in_processes(
    articles: Iterable[Article],
    model: str,
    jobs: int,
    *,
    batch_size: int = 32,
    on_error: Callable[[ExtractionError], None] | None = None,
) -> Iterator[Extraction]:
    """The extractions of ``articles`` made by ``jobs`` worker processes, in the order of ``articles``.

    At most two chunks per worker are in flight, so the input is read as the workers go, never whole.
    A failed article goes to ``on_error`` (raised without it); a worker that dies stops the build with an
    :class:`ExtractionError` naming the first article of its chunk.
    """
    stream = iter(articles)
    context = multiprocessing.get_context("spawn")  # the driver holds the store's threads: no fork
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(model,)) as pool:
        pending: deque[tuple[str, Future[Chunk]]] = deque()

        def submit() -> bool:
            chunk = list(islice(stream, CHUNK))
            if chunk:
                pending.append((chunk[0].id, pool.submit(extract_chunk, chunk, model, batch_size)))
            return bool(chunk)

        for _ in range(2 * jobs):
            if not submit():
                break
        while pending:
            first, future = pending.popleft()
            try:
                done, errors = future.result()
            except BrokenProcessPool as exc:
                died = f"a --jobs worker process died extracting the articles from {first!r}"
                raise ExtractionError(died) from exc
            submit()
            for message in errors:
                if on_error is None:
                    raise ExtractionError(message)
                on_error(ExtractionError(message))
            yield from done
