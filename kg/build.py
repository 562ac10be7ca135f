"""The main job: ingest → extract → rdf → store, streaming, one article at a time into the store.

Each article is written with one atomic ``replace_article`` call, so an interrupted build leaves
whole articles only, and running the build again completes it. An article already stored with
the same content (same sha256) is skipped, so re-running adds nothing twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from kg import settings
from kg.errors import ExtractionError, IngestError, KgError, NothingIngestedError
from kg.model import Article, Extraction

Reporter = Callable[[KgError], None]

FLUSH_EVERY = 1000
"""Articles between store flushes: keeps the on-disk store's write buffers (and so memory) flat."""


@dataclass
class BuildReport:
    """What one build did: counts a user can check."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    events: int = 0
    quads: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def summary(self) -> str:
        """One line, e.g.

        ``read 3 articles: 2 added (14 events, 420 quads), 1 unchanged; skipped 1 (1 empty)``
        """
        line = (
            f"read {self.read} article{'s' if self.read != 1 else ''}: {self.added} added "
            f"({self.events} events, {self.quads} quads), {self.unchanged} unchanged"
        )
        if self.skipped:
            reasons = ", ".join(f"{n} {why}" for why, n in self.skipped.most_common())
            line += f"; skipped {self.skipped_total} ({reasons})"
        return line


def _reason(error: KgError) -> str:
    """A short reason to count skipped items by: the ingest reason's first words, or 'extraction failed'."""
    if isinstance(error, IngestError):
        return getattr(error, "kind", None) or error.reason.split(":")[0].split("(")[0].strip()
    return "extraction failed"


def build(
    paths: Iterable[str | Path],
    store,
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = 32,
    cluster: str | None = None,
    on_error: Reporter | None = None,
    on_article: Callable[[Extraction], None] | None = None,
) -> BuildReport:
    """Read the articles under ``paths``, extract their events and write them into ``store``.

    ``on_error`` hears every skipped item (bad file, failed extraction); ``on_article`` hears every
    article written. Raises :class:`NothingIngestedError` when no article at all could be read.
    """
    report = BuildReport()

    def skip(error: KgError) -> None:
        report.skipped[_reason(error)] += 1
        if on_error:
            on_error(error)

    def fresh(articles: Iterator[Article]) -> Iterator[Article]:
        for article in articles:
            report.read += 1
            if store.has_article(article.id, article.sha256):
                report.unchanged += 1
            else:
                yield article

    from kg.ingest import iter_articles

    articles = fresh(iter_articles(paths, on_error=skip))
    generated_at = datetime.now(timezone.utc).replace(microsecond=0)
    model_name = settings.model_name(model)
    for article_id, quads, n_events, extraction in _extracted(
        articles, model_name, jobs, batch_size, cluster, skip, generated_at
    ):
        store.replace_article(article_id, quads)
        report.added += 1
        report.events += n_events
        report.quads += len(quads)
        if report.added % FLUSH_EVERY == 0:
            store.flush()
        if on_article and extraction is not None:
            on_article(extraction)
    if report.read == 0:
        raise NothingIngestedError("no article could be read from " + ", ".join(str(p) for p in paths))
    return report


def _extracted(articles, model_name, jobs, batch_size, cluster, skip, generated_at):
    """Yield ``(article_id, quads, n_events, extraction | None)`` per article, locally or on a cluster."""
    from kg.rdf import extraction_quads

    if cluster:
        from kg.cluster import extract_on_cluster

        yield from extract_on_cluster(
            articles, cluster, model=model_name, on_error=skip, generated_at=generated_at
        )
        return
    from kg.extract import extract, load_pipeline

    nlp = load_pipeline(model_name)
    for extraction in extract(articles, nlp, batch_size=batch_size, n_process=jobs, on_error=skip):
        try:
            quads = extraction_quads(extraction, generated_at=generated_at, model=model_name)
        except Exception as exc:  # one bad article never kills the batch
            skip(ExtractionError(f"{extraction.article.id}: could not map to RDF: {exc}"))
            continue
        yield extraction.article.id, quads, len(extraction.events), extraction
