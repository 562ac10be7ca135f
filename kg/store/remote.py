"""A :class:`kg.store.Store` on a remote SPARQL 1.1 endpoint (SPARQL 1.1 Protocol over HTTP, via httpx).

Location syntax (``--store``):

- ``http://host:7878/query`` — the query endpoint; the update endpoint is derived from it: a URL ending in
  ``/query`` (Oxigraph server) gets ``/update``, any other URL is used for updates as well.
- ``http://host/sparql|http://host/update`` — query and update endpoints given explicitly, split on ``|``.

Results come back as pyoxigraph values (``QuerySolutions``, ``QueryBoolean``, ``QueryTriples``), the same
types the local store returns, so callers cannot tell the backends apart. Queries see the union of the
named graphs as their default graph: the request carries Oxigraph's ``union-default-graph`` parameter
(servers configured with a union default graph, e.g. Fuseki's ``tdb2:unionDefaultGraph``, ignore it).
``replace_article`` is one SPARQL Update request, so the server applies it in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.files import atomic_file
from kg.store import ArticleQuads, sparql

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
ACCEPT = f"{RESULTS_JSON}, {N_TRIPLES};q=0.9"
DEFAULT_TIMEOUT = 60.0
UNION_PARAM = "union-default-graph"
ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }"
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }"


def endpoints(location: str, update_url: str | None = None) -> tuple[str, str]:
    """``(query_url, update_url)`` from a location: ``Q``, or ``Q|U``; ``…/query`` derives ``…/update``."""
    query_url, _, explicit = location.partition("|")
    query_url = query_url.strip()
    if not query_url.startswith(("http://", "https://")):
        raise StoreError(f"not a SPARQL endpoint URL: {location!r}")
    derived = query_url[: -len("/query")] + "/update" if query_url.endswith("/query") else query_url
    urls = query_url, (update_url or explicit.strip() or derived)
    for url in urls:
        try:
            httpx.URL(url)
        except httpx.InvalidURL as exc:  # not an httpx.HTTPError: it would escape every request's handler
            raise StoreError(f"not a SPARQL endpoint URL: {url!r}: {exc}") from None
    return urls


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit] + "…"


def _as_query_triples(triples: Iterable[ox.Triple]) -> ox.QueryTriples:
    """Triples as a pyoxigraph ``QueryTriples``, the type a local CONSTRUCT returns."""
    scratch = ox.Store()
    scratch.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return scratch.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def _graph_of(solution: ox.QuerySolution) -> Any:
    graph = solution["g"]
    return ox.DefaultGraph() if graph is None else graph


class RemoteStore:
    """The store protocol over a SPARQL 1.1 query endpoint and update endpoint."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        read_only: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.query_url, self.update_url = endpoints(query_url, update_url)
        self.read_only = read_only
        self._client = httpx.Client(timeout=timeout, headers={"User-Agent": "kg"})

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, {self.update_url!r})"

    # HTTP ------------------------------------------------------------------------------------------

    def _post(
        self,
        url: str,
        body: str,
        content_type: str,
        *,
        params: Any = None,
        timeout: float | None = None,
        accept: str | None = None,
    ) -> httpx.Response:
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        extra = {"timeout": timeout} if timeout is not None else {}
        try:
            response = self._client.post(url, content=body.encode(), headers=headers, params=params, **extra)
        except httpx.TimeoutException as exc:
            raise StoreError(f"SPARQL endpoint {url} did not answer in time: {exc}") from exc
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {exc}") from exc
        if response.status_code == 400:
            kind = "update" if content_type.endswith("update") else "query"
            raise QueryError(f"malformed SPARQL {kind} (rejected by {url}): {_one_line(response.text)}")
        if response.status_code >= 300:
            status = response.status_code
            raise StoreError(f"SPARQL endpoint {url} answered HTTP {status}: {_one_line(response.text)}")
        return response

    def _select(self, sparql: str, *, union: bool = True) -> ox.QuerySolutions:
        return self.query(sparql) if union else self._request(sparql, params=[])

    def _request(self, sparql: str, *, params: list[tuple[str, str]], timeout: float | None = None) -> Any:
        response = self._post(
            self.query_url, sparql, "application/sparql-query", params=params, timeout=timeout, accept=ACCEPT
        )
        media = response.headers.get("content-type", "").split(";")[0].strip()
        try:
            if media == N_TRIPLES:
                return _as_query_triples(ox.parse(response.content, ox.RdfFormat.N_TRIPLES))
            results_format = ox.QueryResultsFormat.from_media_type(media)
            if results_format is None:
                raise StoreError(f"SPARQL endpoint {self.query_url} answered with unknown type {media!r}")
            return ox.parse_query_results(response.content, results_format)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL endpoint {self.query_url} sent unreadable results: {exc}") from exc

    # the store protocol ----------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graph: Any = None,
        named_graphs: Any = None,
        timeout: float | None = None,
    ) -> Any:
        """Run a query; without ``default_graph`` its default graph is the union of the named graphs."""
        params: list[tuple[str, str]] = []
        if default_graph is None:
            params.append((UNION_PARAM, ""))
        else:
            graphs = default_graph if isinstance(default_graph, list | tuple) else [default_graph]
            params += [("default-graph-uri", g.value) for g in graphs]
        params += [("named-graph-uri", g.value) for g in named_graphs or ()]
        return self._request(sparql, params=params, timeout=timeout)

    def update(self, sparql: str) -> None:
        """Send a SPARQL Update; the server applies one request in one transaction."""
        if self.read_only:
            raise StoreError(f"store {self.query_url} is open read-only")
        self._post(self.update_url, sparql, "application/sparql-update")

    def has_article(self, article_id: str, sha256: str, extractor: tuple[str, str] | None = None) -> bool:
        """Whether the article is stored with this content digest (and by this ``(version, model)``)."""
        return bool(self.query(sparql.has_article(article_id, sha256, extractor)))

    def replace_article(self, article_id: str, quads: Iterable[ox.Quad]) -> None:
        """Swap the article's graph and provenance for ``quads`` in ONE update request (one transaction)."""
        self.update(sparql.replace_article(article_id, quads))

    def write_articles(
        self, articles: Iterable[tuple[str, ArticleQuads]], also: Sequence[ox.Quad] = ()
    ) -> None:
        """Write each article with its own :meth:`replace_article` request (each one transaction), then
        the quads ``also`` (of no article) in one more request."""
        for article_id, quads in articles:
            self.replace_article(article_id, quads)
        if also:
            self.add_quads(also)

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in ONE ``INSERT DATA`` request."""
        request = sparql.insert_data(quads)
        if request:
            self.update(request)

    def quads(
        self, subject: Any = None, predicate: Any = None, object: Any = None, graph: Any = None
    ) -> Iterator[ox.Quad]:
        """The quads of the named graphs (``graph`` only, when given) matching the terms given."""
        given = ((subject, "s"), (predicate, "p"), (object, "o"))
        terms = [str(term) if term is not None else f"?{name}" for term, name in given]
        where = f"GRAPH {graph if graph is not None else '?g'} {{ {' '.join(terms)} }}"
        for row in self._select(f"SELECT * WHERE {{ {where} }}", union=False):
            yield ox.Quad(
                subject if subject is not None else row["s"],
                predicate if predicate is not None else row["p"],
                object if object is not None else row["o"],
                graph if graph is not None else row["g"],
            )

    def remove_article(self, article_id: str) -> bool:
        """Remove the article's graph and provenance; ``False`` when it was not stored."""
        present = bool(self.query(sparql.article_stored(article_id)))
        if present:
            self.update(sparql.delete_article(article_id))
        return present

    def articles(self) -> list[str]:
        """The identifiers of the stored articles, sorted."""
        return [row["id"].value for row in self.query(sparql.ARTICLE_IDS)]

    def dump(self, path: str | Path, fmt: ox.RdfFormat, *, prefixes: dict[str, str] | None = None) -> None:
        """Write the endpoint's data to ``path`` atomically; formats without graphs get the union."""
        if fmt.supports_datasets:
            rows = self._select(ALL_QUADS, union=False)
            data: Iterable[Any] = [ox.Quad(r["s"], r["p"], r["o"], _graph_of(r)) for r in rows]
        else:
            data = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        with atomic_file(path) as out:
            ox.serialize(data, out, fmt, prefixes=prefixes or {})

    def __len__(self) -> int:
        """The number of quads at the endpoint (default graph and named graphs)."""
        rows = list(self._select(COUNT_QUADS, union=False))
        return int(rows[0]["n"].value) if rows else 0

    def flush(self) -> None:
        """Nothing to do: the server persists every update it acknowledged."""

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
