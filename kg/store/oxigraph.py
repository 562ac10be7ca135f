"""The on-disk store: a pyoxigraph (RocksDB) database in one folder.

Each article lives in its own named graph (with its article record and ``kg:sha256``); its
extraction activity and the ``prov:wasGeneratedBy`` links of its events live in the shared
provenance graph. Replacing or removing an article is ONE SPARQL Update request, which Oxigraph
applies in one transaction: a crash leaves the old article or the new one, never half of either.
A new article (nothing of it stored yet) is one ``Store.extend``, a transaction as well.

A build hands its new articles over in batches (:meth:`OxigraphStore.write_articles`), each article's
quads as ``Quad`` objects: the quads of a batch go in with ONE ``Store.bulk_extend`` (the loader of
``bulk_load``), about half the CPU of a transactional insert per quad and no
memtable to grow. Each ingestion adds files that RocksDB's background threads compact later, at a cost
that grows with the store and falls with fewer, larger ingestions (``kg.build.WRITE_EVERY``).
That call is atomic as long as it gets fewer quads than the bulk loader's batch
(:data:`BULK_ATOMIC_QUADS`): pyoxigraph's ``bulk_load``/``bulk_extend`` then encode all the quads in one
loader (``bulk_load`` parses its input into the same ``load_ok_quads``), write
one SST file per index and ingests them all with ONE RocksDB ``IngestExternalFiles`` call
(``RocksDbStorageBulkLoader::load`` → ``FileBulkLoader::save`` → ``Db::insert_stt_files`` in
oxigraph's ``storage/rocksdb.rs``), which RocksDB documents as recorded atomically in the MANIFEST:
"If this function returns NOK, or the process crashes, then non-of the files will be ingested into the
database after recovery" (``rocksdb/db.h``). So a batch, and each article in it, is all or nothing;
``tests/test_faults.py`` kills writers in the middle of such batches and checks it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.files import atomic_file, make_folder, os_reason
from kg.rdf import article_graph, article_iri, provenance_graph
from kg.store import ArticleQuads, sparql
from kg.store.sparql import syntax_message
from kg.terms import KG, PROV

QUERY_KINDS = (ox.QuerySolutions, ox.QueryTriples)
GRAPH_BATCH = 500
"""Graphs read per task when a format without graphs gets the union of the graphs."""
READERS = 2
"""Threads reading graphs for such an export (measured best on 2 cores: bench/store.py)."""
BULK_ATOMIC_QUADS = 500_000
"""Quads per ``bulk_extend`` call at most: half of the 1,000,000 quads (``DEFAULT_BULK_LOAD_BATCH_SIZE``)
above which oxigraph's bulk loader splits its input into several ingestions, each atomic on its own."""


def _deadline(results: Any, timeout: float | None) -> Any:
    """Results that raise :class:`StoreError` when producing them outlasts ``timeout`` seconds."""
    if timeout is None or not isinstance(results, QUERY_KINDS):
        return results
    return TimedResults(results, time.monotonic() + timeout, timeout)


class TimedResults:
    """An iterator over solutions or triples that stops with an error past its deadline."""

    def __init__(self, results: Any, deadline: float, timeout: float) -> None:
        self.results = results
        self.deadline = deadline
        self.timeout = timeout

    @property
    def variables(self) -> list[ox.Variable]:
        return self.results.variables

    def serialize(self, *args: Any, **kwargs: Any) -> Any:
        return self.results.serialize(*args, **kwargs)

    def __iter__(self) -> Iterator[Any]:
        for item in self.results:
            if time.monotonic() > self.deadline:
                raise StoreError(f"query exceeded its timeout of {self.timeout:g} s")
            yield item


class OxigraphStore:
    """A :class:`kg.store.Store` on a local folder."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._store = self._open()

    def _open(self) -> ox.Store:
        if self.read_only and not (self.path / "CURRENT").is_file():
            raise StoreError(f"no store at {self.path}; run kg build first")
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store location {self.path} is a file, not a folder")
        if not self.read_only:
            try:  # a new store may sit in folders that do not exist yet (out/store)
                make_folder(self.path.parent)
            except OSError as exc:
                raise StoreError(f"cannot create the store {self.path}: {os_reason(exc)}") from exc
        try:
            return ox.Store.read_only(str(self.path)) if self.read_only else ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(f"store {self.path} is in use by another kg process") from exc
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    # queries ---------------------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graph: Any = None,
        named_graphs: Any = None,
        timeout: float | None = None,
    ) -> Any:
        """Run a SPARQL query; without ``default_graph`` the default graph is the union of all graphs."""
        options: dict[str, Any] = {"named_graphs": named_graphs}
        if default_graph is None:
            options["use_default_graph_as_union"] = True
        else:
            options["default_graph"] = default_graph
        try:
            return _deadline(self._store.query(sparql, **options), timeout)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL query at {syntax_message(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"query failed on store {self.path}: {exc}") from exc

    def update(self, sparql: str) -> None:
        """Apply a SPARQL Update in one transaction."""
        self._writable()
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update at {syntax_message(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"update failed on store {self.path}: {os_reason(exc)}") from exc

    # articles --------------------------------------------------------------------------------------

    def has_article(self, article_id: str, sha256: str, extractor: tuple[str, str] | None = None) -> bool:
        """Whether the article is stored with this content digest (its ``kg:sha256``), and, with
        ``extractor`` = ``(version, model)``, was extracted by that version with that model."""
        article = article_iri(article_id)
        digests = self._store.quads_for_pattern(article, KG.sha256, None, None)
        if not any(quad.object.value == sha256 for quad in digests):  # lookups, no SPARQL to parse
            return False
        if extractor is None:
            return True
        version, model = extractor
        graph = provenance_graph()

        def values(run: ox.NamedNode, predicate: ox.NamedNode) -> set[str]:
            return {q.object.value for q in self._store.quads_for_pattern(run, predicate, None, graph)}

        return any(
            version in values(run.subject, KG.extractorVersion) and model in values(run.subject, KG.model)
            for run in self._store.quads_for_pattern(None, PROV.used, article, graph)
        )

    def _stored(self, article_id: str) -> bool:
        """Whether anything of the article is stored: its graph, or its record or activities in provenance."""
        article, provenance = article_iri(article_id), provenance_graph()
        return (
            self._store.contains_named_graph(article_graph(article_id))
            or next(self._store.quads_for_pattern(article, None, None, provenance), None) is not None
            or next(self._store.quads_for_pattern(None, PROV.used, article, provenance), None) is not None
        )

    def replace_article(self, article_id: str, quads: Iterable[ox.Quad]) -> None:
        """Swap the article's graph and provenance for ``quads`` in one transaction."""
        if self._stored(article_id):
            self.update(sparql.replace_article(article_id, quads))
            return
        self._writable()  # a new article: nothing to swap out, so no SPARQL to write and parse
        try:
            self._store.extend(quads)  # one transaction too: the whole article or nothing
        except OSError as exc:
            raise StoreError(f"update failed on store {self.path}: {os_reason(exc)}") from exc

    def write_articles(
        self, articles: Sequence[tuple[str, ArticleQuads]], also: Sequence[ox.Quad] = ()
    ) -> None:
        """Write articles, each all or nothing: the new ones (nothing of them stored) in one atomic bulk
        ingestion per :data:`BULK_ATOMIC_QUADS` quads, cut between articles; a stored one is replaced
        with :meth:`replace_article` (one transaction).
        ``also`` (quads of no article: a linking round's new incidents) go in with the last ingestion.
        Raises :class:`StoreError`; what was written before the failing call stays."""
        self._writable()
        chunk: list[ArticleQuads] = []
        count = 0
        for article_id, quads in articles:
            if self._stored(article_id):
                self.replace_article(article_id, quads)
                continue
            size = len(quads)
            if chunk and count + size > BULK_ATOMIC_QUADS:
                self._bulk(chunk, count)
                chunk, count = [], 0
            chunk.append(quads)
            count += size
        if also:
            if chunk and count + len(also) > BULK_ATOMIC_QUADS:  # a build's incidents, written at its end
                self._bulk(chunk, count)
                chunk, count = [], 0
            chunk.append(list(also))
            count += len(also)
        if chunk:
            self._bulk(chunk, count)

    def _bulk(self, parts: list[ArticleQuads], count: int) -> None:
        """Add the quads of ``parts`` (``count`` in all) in one atomic bulk ingestion (one transaction when
        the bulk loader would split them)."""
        try:
            if count > BULK_ATOMIC_QUADS:  # one huge article: the bulk loader would split it
                self._store.extend([quad for part in parts for quad in part])
            else:  # not bulk_load on N-Quads bytes: it may parse them in parallel chunks, ingested apart
                # (an article's graph without its record after a SIGKILL)
                self._store.bulk_extend([quad for part in parts for quad in part])
        except OSError as exc:
            raise StoreError(f"update failed on store {self.path}: {os_reason(exc)}") from exc

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads all or nothing, no SPARQL to write and parse: one atomic bulk ingestion like a batch of
        new articles (:meth:`_bulk`; one transaction past :data:`BULK_ATOMIC_QUADS`). Linking writes each
        round's incidents so (``kg.link.relink``)."""
        self._writable()
        listed = list(quads)
        if listed:
            self._bulk([listed], len(listed))

    def quads(
        self, subject: Any = None, predicate: Any = None, object: Any = None, graph: Any = None
    ) -> Iterator[ox.Quad]:
        """The quads of the named graphs (``graph`` only, when given) matching the terms given."""
        for quad in self._store.quads_for_pattern(subject, predicate, object, graph):
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                yield quad

    def remove_article(self, article_id: str) -> bool:
        """Remove the article's graph and provenance; ``False`` when it was not stored."""
        present = self._stored(article_id)
        if present:
            self.update(sparql.delete_article(article_id))
        return present

    def articles(self) -> list[str]:
        """The identifiers of the stored articles, sorted."""
        rows = self._store.query(sparql.ARTICLE_IDS, use_default_graph_as_union=True)
        return [row["id"].value for row in rows]

    # files -----------------------------------------------------------------------------------------

    def dump(self, path: str | Path, fmt: ox.RdfFormat, *, prefixes: dict[str, str] | None = None) -> None:
        """Write the store to ``path`` atomically; formats without graphs get the union of the graphs."""
        with atomic_file(path) as out:
            self._write(out, fmt, prefixes or {})

    def _write(self, out: Any, fmt: ox.RdfFormat, prefixes: dict[str, str]) -> None:
        if fmt.supports_datasets:
            self._store.dump(out, fmt, prefixes=prefixes)
            return
        union = ox.Store()  # in memory: loading merges duplicate triples, dumping groups them by subject
        graphs: list[Any] = [ox.DefaultGraph(), *self._store.named_graphs()]
        batches = [graphs[i : i + GRAPH_BATCH] for i in range(0, len(graphs), GRAPH_BATCH)]
        with ThreadPoolExecutor(READERS) as pool:  # reading the database dominates; it releases the GIL
            for triples in pool.map(self._graph_triples, batches):
                union.load(input=triples, format=ox.RdfFormat.N_TRIPLES, lenient=True)
        union.dump(out, fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)

    def _graph_triples(self, graphs: list[Any]) -> bytes:
        """The triples of ``graphs`` as N-Triples (checked already: they come from the store)."""
        return b"".join(self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) or b"" for g in graphs)

    # lifecycle -------------------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        """Write buffered changes to disk, releasing the memory that holds them."""
        self._flush()

    def _flush(self) -> None:
        if not self.read_only:
            try:
                self._store.flush()
            except OSError as exc:
                raise StoreError(f"cannot write store {self.path}: {os_reason(exc)}") from exc

    def close(self) -> None:
        """Flush and release the folder (and its lock), even when the flush fails (a full disk)."""
        if self._store is not None:
            try:
                self._flush()
            finally:
                self._store = None  # type: ignore[assignment]

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        try:
            self.close()
        except StoreError:
            if kind is None:  # else the error already on its way says more (the failed update)
                raise
