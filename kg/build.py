"""The main job: ingest → extract → rdf → store, streaming, a batch of articles at a time into the store.

The articles are written :data:`WRITE_EVERY` at a time with one ``write_articles`` call, each article
all or nothing (new ones in one atomic bulk ingestion, a stored one in its own transaction), so an
interrupted build leaves whole articles only, and running the build again completes it. What the
per-article store reads would find in articles not written yet is kept in memory meanwhile: the
labels given to entities (``stored_labels``), the normalized texts read (duplicates) and the ids read
(:func:`kg.ingest.iter_articles`). An article already stored with
the same content (same sha256) by the same extractor version and model is skipped, so re-running adds
nothing twice; one stored by another version (:mod:`kg.extract.version`) is extracted again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache, partial
from pathlib import Path

from pyoxigraph import Literal, Quad

from kg import settings
from kg.cluster import extract_on_cluster
from kg.errors import (
    ArticleFailedError,
    IngestError,
    KgError,
    NothingIngestedError,
    StoreError,
    reason_of,
)
from kg.extract import extract, extractor_version, load_pipeline
from kg.ingest import iter_articles
from kg.link import LinkReport, LinkState, pending_articles, plan, relink
from kg.link.reports import reports_of
from kg.model import Article, Extraction
from kg.parallel import extract_in_processes
from kg.rdf import article_graph, article_iri, duplicate_quads, extraction_quads, with_stored_labels
from kg.terms import DCTERMS, KG, SKOS
from kg.text import counted

Reporter = Callable[[KgError], None]

WRITE_EVERY = 200
"""Articles extracted between two store writes (one bulk ingestion each). Each ingestion adds files that
RocksDB's background threads compact, at a cost growing with the store: at 10,000 generated articles
19 s CPU in batches of 75 articles, 13 s in batches of 200 (bench/scale.py, kg/store/oxigraph.py). A
linking round writes first, so a batch is at most :data:`LINK_EVERY` articles anyway."""
WRITE_QUADS = 100_000
"""Quads pending that start a write sooner (long articles): what a crash or a full disk can cost. They wait
as the ``Quad`` objects the mapping made: the write hands them to the store as they are (serializing them
to N-Quads to wait, as round 4 did, and parsing them back for the write cost ~0.7 ms a short article), and
the write needed them all as objects at once anyway, so the peak is no higher."""
FLUSH_EVERY = 1000
"""Articles between store flushes: keeps the on-disk store's write buffers (and so memory) flat."""
LINK_EVERY = 200
"""Articles written between two linking rounds (:func:`kg.link.plan`): one read and one update each, or,
into an empty incidents graph, none: the rounds hold their incidents and the last writes them all once."""

UNLINKED = "; its events are stored, unlinked: a later build links it"


@dataclass
class BuildReport:
    """What one build did: counts a user can check."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    reextracted: int = 0
    """Articles stored with the same text by another extractor version or model, extracted again."""
    events: int = 0
    quads: int = 0
    dropped: int = 0
    """Values (or events) that could not be mapped to RDF and were left out of articles kept."""
    skipped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    """Articles read that a step of the build failed on (extraction, RDF mapping, store write, linking), by
    step; the rest of the batch went on. An article whose linking failed is stored (unlinked)."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    incidents: int = 0
    linked: int = 0
    bytes_read: int = 0
    """Characters of the articles read (title and text): how far into a large input the build is."""
    waiting: int = 0
    """Articles extracted and mapped, waiting for the next batch write (counted in :attr:`done`)."""

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def failed_total(self) -> int:
        return sum(self.failed.values())

    @property
    def done(self) -> int:
        """Items finished with, one way or another: written (or waiting for it), unchanged, duplicate,
        skipped or failed (one whose linking failed is written, so counted once)."""
        failed = self.failed_total - self.failed["linking"]
        return self.added + self.waiting + self.unchanged + len(self.duplicates) + self.skipped_total + failed

    def summary(self) -> str:
        """One line, e.g.

        ``read 3 articles: 2 added (14 events, 420 quads), 1 unchanged; skipped 1 (1 empty)``
        """
        line = (
            f"read {counted(self.read, 'article')}: {self.added} added "
            f"({counted(self.events, 'event')}, {counted(self.quads, 'quad')}), {self.unchanged} unchanged"
        )
        if self.reextracted:
            line += f", {self.reextracted} of them re-extracted (the extractor or the model changed)"
        if self.dropped:
            line += f", {counted(self.dropped, 'unmappable value')} dropped"
        if self.duplicates:
            line += f", {counted(len(self.duplicates), 'duplicate')}"
        if self.incidents:
            line += (
                f"; {counted(self.incidents, 'incident')} written "
                f"({counted(self.linked, 'report')} linked across articles)"
            )
        if self.skipped:
            reasons = ", ".join(f"{n} {why}" for why, n in self.skipped.most_common())
            line += f"; skipped {self.skipped_total} ({reasons})"
        if self.failed:
            steps = ", ".join(f"{n} {step}" for step, n in self.failed.most_common())
            line += f"; failed {self.failed_total} ({steps})"
        return line


def _reason(error: KgError) -> str:
    """A short reason to count skipped items by: the ingest reason's first words."""
    return getattr(error, "kind", None) or error.reason.split(":")[0].split("(")[0].strip()


def _step(error: KgError) -> str:
    """The build step a failed article is counted under: 'extraction', 'RDF mapping', 'store write'..."""
    return error.step if isinstance(error, ArticleFailedError) else "extraction"


def _store_wide(exc: BaseException) -> bool:
    """Whether a failure is the store's, not one article's: a system error under it (the disk is full,
    an I/O error) or an endpoint that cannot be reached (an httpx transport error). No later article can
    be written then, so the build stops there (whole articles kept) instead of failing each one."""
    httpx = sys.modules.get("httpx")  # imported by the remote store; without it no cause is one of its
    transport = (httpx.TransportError,) if httpx is not None else ()
    return isinstance(exc, StoreError) and isinstance(exc.__cause__, (OSError, *transport))


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
    on_duplicate: Callable[[str, str], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    link: bool = True,
    on_stage: Callable[[str], None] | None = None,
    on_progress: Callable[[BuildReport], None] | None = None,
) -> BuildReport:
    """Read the articles under ``paths``, extract their events and write them into ``store``.

    ``on_error`` hears every skipped item (bad file, id collision, failed extraction); ``on_warning``
    every value dropped from an article that is kept (a time that is no date); ``on_article`` every
    article written; ``on_duplicate(id, original_id)`` every article whose normalized text repeats one
    already stored or read (it is recorded with ``kg:duplicateOf``, its events are not stored again).
    With ``link`` (the default) the reports of the articles written are linked into incidents
    (:func:`kg.link.relink`) every :data:`LINK_EVERY` articles and at the end, together with any article
    an earlier interrupted or unlinked build left out. ``on_stage`` hears a step that has no count
    ("loading the English pipeline…"), ``on_progress`` the report after every item finished with (both
    drive :class:`kg.progress.BuildProgress`). Raises :class:`NothingIngestedError` when no article at
    all could be read.
    """
    report = BuildReport()
    stored_labels: dict = {}  # entity → the preferred label it is stored with (rdf.with_stored_labels)
    written: list[str] = []
    fresh_reports: dict[str, list] = {}
    link_state = LinkState()  # every incident this build read or wrote, so none is read twice
    seen_text: dict[str, str] = {}

    def tick() -> None:
        if on_progress:
            on_progress(report)

    def stage(text: str) -> None:
        if on_stage:
            on_stage(text)

    def skip(error: KgError) -> None:
        if isinstance(error, IngestError):
            report.skipped[_reason(error)] += 1
        else:
            report.failed[_step(error)] += 1
        if on_error:
            on_error(error)
        tick()

    def failed(article_id: str, step: str, exc: BaseException, after: str = "") -> None:
        """One article failed in ``step``: name it, count it, and let the rest of the batch go on."""
        if step != "linking":  # not stored: a later article with its text is no duplicate of it
            for text_hash in [h for h, kept in seen_text.items() if kept == article_id]:
                del seen_text[text_hash]
        skip(ArticleFailedError(article_id, step, reason_of(exc) + after))

    def warn(message: str) -> None:
        report.dropped += 1
        if on_warning:
            on_warning(message)

    model_name = settings.model_name(model)
    stamp = (extractor_version(), model_name)
    # A store empty at the start (and locked by this build) holds only what this build wrote, and what
    # it wrote is in memory (ids read, texts seen, labels given): its per-article reads are skipped.
    empty = not store.query("ASK { ?s ?p ?o }")

    def fresh(articles: Iterator[Article]) -> Iterator[Article]:
        for article in articles:
            report.read += 1
            report.bytes_read += len(article.title) + len(article.text)
            if not empty and store.has_article(article.id, article.sha256):
                if store.has_article(article.id, article.sha256, stamp) or _is_duplicate(store, article):
                    report.unchanged += 1
                    tick()
                    continue
                report.reextracted += 1  # same text, another extractor: extract it again
            original = seen_text.get(article.text_hash) or (None if empty else _stored_text(store, article))
            if original is not None and original != article.id:
                _record_duplicate(store, article, original)
                report.duplicates.append((article.id, original))
                written.append(article.id)
                if on_duplicate:
                    on_duplicate(article.id, original)
                tick()
                continue
            seen_text[article.text_hash] = article.id
            yield article

    pending: list[tuple[str, list[Quad], int, int, Extraction | None]] = []  # id, quads, count, events, ex.
    pending_quads = 0

    def write(also: list | None = None) -> bool:
        """Write the pending articles with one store call; each is all or nothing. ``also``: quads of no
        article (a linking round's new incidents) to write with them; True when they went in.

        When that fails (a disk nearly full: a bulk ingestion needs more room than a transaction),
        they are written one transaction each, so as many whole articles as fit are kept (not ``also``).
        """
        nonlocal pending_quads
        if not pending:
            return False
        failure = None
        stop = len(pending)  # where a failure of the store itself stopped the writes
        refused: list[tuple[int, BaseException]] = []  # articles the store refused, each for itself
        together = False
        try:
            store.write_articles([(article_id, data) for article_id, data, *_ in pending], also or ())
            together = True
        except Exception:  # one article at a time: the whole ones that fit are kept, a bad one is named
            for index, (article_id, data, *_) in enumerate(pending):
                try:
                    store.replace_article(article_id, data)
                except Exception as exc:
                    if _store_wide(exc):
                        failure, stop = exc, index
                        break
                    refused.append((index, exc))
            if failure is None and len(refused) == len(pending) > 1:  # none fits: it is the store
                failure, stop, refused = refused[0][1], 0, []
        bad = {index for index, _ in refused}
        for index, exc in refused:
            article_id, _, _, n_events, _ = pending[index]
            report.events -= n_events
            fresh_reports.pop(article_id, None)
            failed(article_id, "store write", exc)
        for index, (article_id, _, n_quads, _, extraction) in enumerate(pending[:stop]):
            if index in bad:
                continue
            written.append(article_id)
            report.added += 1
            report.quads += n_quads
            if on_article and extraction is not None:
                on_article(extraction)
        if failure is not None:  # a full disk: say what is safe (each article is all or nothing)
            kept = f"the {report.added} written before it are kept" if report.added else "none was written"
            raise StoreError(
                f"{pending[stop][0]}: {failure}; {kept}; running the build again completes it"
            ) from failure
        report.waiting = pending_quads = 0
        pending.clear()
        return together

    unlinked: set[str] = set()  # IRIs of articles stored whose linking failed in this build

    def linked(final: bool = False) -> None:
        """A linking round over the articles written since the last (and those pending, written with it).

        When the build holds the reports of every pending article (:func:`kg.link.reports.reports_of`),
        they are linked before they are written, and the round's new incidents go in with the articles'
        own bulk ingestion (:class:`kg.link.LinkWrite`); else the articles are written first and their
        reports read back where not given.
        """
        nonlocal link_state
        ahead = [article_id for article_id, *_ in pending]
        if not link or any(a not in fresh_reports for a in ahead):
            write()
            ahead = []
        if not link or not (written or ahead or final):
            return
        pending_iris: list[str] = []
        if final and not empty:  # a store empty at the start holds no article an earlier build left unlinked
            pending_iris = [iri for iri in pending_articles(store) if iri not in unlinked]
        if unlinked:
            written[:] = [a for a in written if article_iri(a).value not in unlinked]
        rounds: list[LinkReport] | None = None
        step = None
        holding = link_state.held is not None  # earlier rounds held their incidents: none is written yet
        try:
            step = plan(  # incidents held in memory until the last round (kg.link.plan)
                store,
                [*written, *ahead],
                article_iris=pending_iris,
                reports=fresh_reports,
                state=link_state,
                hold=not final,
            )
        except Exception as exc:
            if _store_wide(exc):
                raise
        together = write(step.fresh if step is not None and ahead else None)
        if step is not None and (together or not ahead):  # else some article went in alone: link again
            try:
                rounds = [step.write(store, fresh_written=together)]
            except Exception as exc:
                if _store_wide(exc):
                    raise
        if rounds is None:
            if holding or link_state.held is not None:  # the articles of the rounds held are unlinked
                pending_iris = [iri for iri in pending_articles(store) if iri not in unlinked]
            link_state, rounds = LinkState(), []  # the failed round may have left it half changed
            try:
                rounds = [
                    relink(store, written, article_iris=pending_iris, reports=fresh_reports, state=link_state)
                ]
            except Exception as exc:
                if _store_wide(exc):
                    raise
                link_state = LinkState()
                rounds = relinked_alone(pending_iris)
        for done in rounds:
            report.incidents += done.incidents_written
            report.linked += done.linked
        written.clear()
        fresh_reports.clear()
        _freeze_survivors()

    def relinked_alone(pending_iris: list[str]) -> list[LinkReport]:
        """Link each article of a failed round alone: the one that fails is named, the others are linked."""
        rounds = []
        this_round = {article_iri(a).value for a in written}
        for name, ids, iris in [
            *((a, [a], []) for a in written),
            *((iri.rsplit("/", 1)[-1], [], [iri]) for iri in pending_iris if iri not in this_round),
        ]:
            given = {name: fresh_reports[name]} if name in fresh_reports else {}
            try:
                rounds.append(relink(store, ids, article_iris=iris, reports=given, state=link_state))
            except Exception as exc:
                if _store_wide(exc):
                    raise
                unlinked.add(iris[0] if iris else article_iri(name).value)
                failed(name, "linking", exc, UNLINKED)
        return rounds

    pref_label = SKOS.prefLabel  # looked up once: the test runs on every quad of every article
    held = None if empty else partial(stored_id, store)
    articles = fresh(iter_articles(paths, on_error=skip, stored_id=held))
    generated_at = datetime.now(timezone.utc).replace(microsecond=0)
    stage(f"starting the Dask cluster {cluster}…" if cluster else "loading the English pipeline…")
    results = _extracted(articles, model_name, jobs, batch_size, cluster, skip, warn, generated_at)
    for extracted, (article_id, quads, n_events, extraction) in enumerate(results, 1):
        try:
            quads = with_stored_labels(None if empty else store, article_id, quads, stored_labels)
        except Exception as exc:  # one bad article never kills the batch; it is not written
            if _store_wide(exc):
                raise
            failed(article_id, "RDF mapping", exc)
            continue
        if link and extraction is not None:
            labels = {q.subject.value: q.object.value for q in quads if q.predicate == pref_label}
            try:
                fresh_reports[article_id] = reports_of(extraction, labels)
            except Exception as exc:  # its events are written all the same, unlinked
                unlinked.add(article_iri(article_id).value)
                failed(article_id, "linking", exc, UNLINKED)
        pending.append((article_id, quads, len(quads), n_events, extraction))
        report.waiting += 1
        report.events += n_events
        pending_quads += len(quads)
        if extracted % LINK_EVERY == 0:
            linked()
        elif len(pending) >= WRITE_EVERY or pending_quads >= WRITE_QUADS:
            write()
        if extracted % FLUSH_EVERY == 0:
            store.flush()
        tick()
    if link:
        stage("linking the reports into incidents…")
    linked(final=True)  # writes what is pending, with the last round's new incidents
    if report.read == 0:
        raise NothingIngestedError("no article could be read from " + ", ".join(str(p) for p in paths))
    return report


def _stored_text(store, article: Article) -> str | None:
    """The id of a stored article (not a duplicate itself) whose normalized text is this article's: the
    least, when several are (quad lookups, no SPARQL: asked once per article read)."""
    ids = [
        q.object.value
        for a in {q.subject for q in store.quads(None, KG.textHash, Literal(article.text_hash))}
        if next(store.quads(a, KG.duplicateOf), None) is None
        for q in store.quads(a, DCTERMS.identifier)
    ]
    return min(ids) if ids else None


def _is_duplicate(store, article: Article) -> bool:
    """Whether the store records the article as a duplicate: no extraction of its own to be out of date."""
    return next(store.quads(article_iri(article.id), KG.duplicateOf), None) is not None


def _record_duplicate(store, article: Article, original: str) -> None:
    store.replace_article(article.id, duplicate_quads(article, original))


def stored_id(store, article_id: str) -> str | None:
    """The id of the article the store holds under the IRI ``article_id`` mints, or None.

    It differs from ``article_id`` when another spelling (``Report A`` for ``report-a``) was stored.
    """
    found = store.quads(article_iri(article_id), DCTERMS.identifier, None, article_graph(article_id))
    return next((quad.object.value for quad in found), None)


def _freeze_loaded() -> None:
    """Load the gazetteer now, then keep what is loaded (spaCy, the gazetteer's tables, the lexicon) out of
    the garbage collector's full passes: they live as long as the build, and every full pass walked
    them all again (``gc.freeze``; about 3 % of a build's CPU measured with ``gc.callbacks``)."""
    from kg import gazetteer

    gazetteer.country("FR")  # reads the countries and the cities' table
    gc.collect()
    gc.freeze()


def _freeze_survivors() -> None:
    """After a linking round, collect what is garbage and keep the rest out of the collector's later passes
    (``gc.freeze``): the incidents a build holds (:class:`kg.link.LinkState`) live as long as the build, and
    every full pass walked them all again, so a pass cost more the more articles were linked. What is
    frozen is freed as usual when its last reference goes; only the cycles among it wait for the end.
    Then the memory freed is given back to the system (:func:`_trim`)."""
    gc.collect()
    gc.freeze()
    _trim()


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, musl)."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def _trim() -> None:
    """Give the memory the allocator holds free back to the system (``malloc_trim(0)``): a round's
    planning and the store's writes free many small blocks that glibc otherwise keeps in its arenas, so
    the resident size climbed round after round (10,000 generated articles replayed without spaCy: 545 →
    463 MB after the last round, peak 556 → 531 MB, for 0.5 s of CPU over 51 rounds)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _extracted(articles, model_name, jobs, batch_size, cluster, skip, warn, generated_at):
    """Yield ``(article_id, quads, n_events, extraction | None)`` per article, locally or on a cluster."""
    if cluster:
        yield from extract_on_cluster(
            articles, cluster, model=model_name, on_error=skip, on_warning=warn, generated_at=generated_at
        )
        return
    if jobs > 1:  # workers parse, extract and map to RDF (kg.parallel); this process writes and links
        _freeze_loaded()
        yield from extract_in_processes(
            articles,
            model_name,
            jobs,
            generated_at=generated_at,
            batch_size=batch_size,
            on_error=skip,
            on_warning=warn,
        )
        return
    nlp = load_pipeline(model_name)
    _freeze_loaded()
    for extraction in extract(articles, nlp, batch_size=batch_size, on_error=skip):
        try:
            quads = extraction_quads(extraction, generated_at=generated_at, model=model_name, on_warning=warn)
        except Exception as exc:  # one bad article never kills the batch
            skip(ArticleFailedError(extraction.article.id, "RDF mapping", reason_of(exc)))
            continue
        yield extraction.article.id, quads, len(extraction.events), extraction
