"""Extraction in N local worker processes (``kg build --jobs N``): each worker parses, extracts AND maps a
chunk of articles to RDF; the driver writes and links them, as a one-process build does.

spaCy's own ``nlp.pipe(n_process=N)`` spreads the parsing only: every Doc comes back to the driver
(serialized), which then extracts alone, so extraction (about half of spaCy's CPU on short articles)
and the Docs' round trip stayed on one core. Workers here send back, per article, its
:class:`kg.model.Extraction` (plain frozen dataclasses, a small fraction of a Doc; linking reads it) and
its quads as N-Quads bytes (a tenth of the CPU of pickling the quads; parsed back in the driver). Chunks
come back in the order they were read, so a build with ``--jobs 2`` writes, counts and links the
articles in the order a one-process build does.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from itertools import islice

import pyoxigraph as ox

from kg.errors import ArticleFailedError, ExtractionError, KgError, reason_of
from kg.model import Article, Extraction

CHUNK = 32
"""Articles per task: one ``nlp.pipe`` batch of the default size."""

Mapped = tuple[str, list[ox.Quad], int, Extraction]
"""One article done: ``(article_id, quads, n_events, extraction)``, what ``kg.build`` writes and links."""
Failure = tuple[str, str, str]
"""``(step, article_id, message)`` of an article that failed in a worker (step "extraction" or
"RDF mapping"; no article id for an extraction failure: the message names it)."""
Chunk = tuple[list[tuple[str, bytes, int, Extraction]], list[Failure], list[str]]


def _start_worker(model: str) -> None:
    """Load the pipeline once per worker, then keep it out of the garbage collector's full passes."""
    from kg.extract import load_pipeline

    load_pipeline(model)
    gc.collect()
    gc.freeze()


def extract_chunk(articles: list[Article], model: str, batch_size: int, generated_at: datetime) -> Chunk:
    """In a worker: the articles extracted and mapped (quads as N-Quads bytes), the failures, the warnings
    (values dropped from articles kept, :func:`kg.rdf.extraction_quads`)."""
    from kg.extract import extract, load_pipeline
    from kg.rdf import extraction_quads

    failures: list[Failure] = []
    warnings: list[str] = []
    done: list[tuple[str, bytes, int, Extraction]] = []
    nlp = load_pipeline(model)
    report = lambda error: failures.append(("extraction", "", str(error)))  # noqa: E731
    for extraction in extract(articles, nlp, batch_size=batch_size, on_error=report):
        article_id = extraction.article.id
        try:
            quads = extraction_quads(
                extraction, generated_at=generated_at, model=model, on_warning=warnings.append
            )
        except Exception as exc:  # one bad article never kills the chunk
            failures.append(("RDF mapping", article_id, reason_of(exc)))
            continue
        data = ox.serialize(quads, None, ox.RdfFormat.N_QUADS) or b""
        done.append((article_id, data, len(extraction.events), extraction))
    return done, failures, warnings


def extract_in_processes(
    articles: Iterable[Article],
    model: str,
    jobs: int,
    *,
    generated_at: datetime,
    batch_size: int = 32,
    on_error: Callable[[KgError], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Mapped]:
    """The articles extracted and mapped to RDF by ``jobs`` worker processes, in the order of ``articles``.

    At most two chunks per worker are in flight, so the input is read as the workers go, never whole.
    A failed article goes to ``on_error`` (raised without it): an :class:`ExtractionError`, or an
    :class:`ArticleFailedError` of step "RDF mapping"; a dropped value's warning to ``on_warning``. A
    worker that dies stops the build with an :class:`ExtractionError` naming the first article of its chunk.
    """
    stream = iter(articles)
    context = multiprocessing.get_context("spawn")  # the driver holds the store's threads: no fork
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(model,)) as pool:
        pending: deque[tuple[str, Future[Chunk]]] = deque()

        def submit() -> bool:
            chunk = list(islice(stream, CHUNK))
            if chunk:
                pending.append(
                    (chunk[0].id, pool.submit(extract_chunk, chunk, model, batch_size, generated_at))
                )
            return bool(chunk)

        for _ in range(2 * jobs):
            if not submit():
                break
        while pending:
            first, future = pending.popleft()
            try:
                done, failures, warnings = future.result()
            except BrokenProcessPool as exc:
                died = f"a --jobs worker process died extracting the articles from {first!r}"
                raise ExtractionError(died) from exc
            submit()
            for step, article_id, message in failures:
                error = (
                    ExtractionError(message)
                    if step == "extraction"
                    else ArticleFailedError(article_id, step, message)
                )
                if on_error is None:
                    raise error
                on_error(error)
            for message in warnings:
                if on_warning is not None:
                    on_warning(message)
            for article_id, data, n_events, extraction in done:
                yield article_id, list(ox.parse(data, ox.RdfFormat.N_QUADS)), n_events, extraction
