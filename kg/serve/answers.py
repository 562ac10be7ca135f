"""The work the server's worker processes do: each function takes the worker's :class:`Session` and
returns an :class:`Answer` (status, body, media type, headers); a :class:`KgError` becomes an error answer.

The functions are sent to the workers by reference, so they live at module level.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from starlette.responses import Response

from kg.analyze import to_networkx
from kg.errors import (
    KgError,
    NotFoundError,
    QueryError,
    QueryFailedError,
    RequestError,
    StoreError,
    UnknownFormatError,
    UpdateNotAllowedError,
    WorkerBusyError,
    WorkerFailedError,
    WorkerTimeoutError,
)
from kg.events import event_rows, format_events
from kg.query import evaluating, ready_query
from kg.rdf import prefixes
from kg.serve.media import OFFERS, Payload, negotiate, result_kind, serialize
from kg.serve.pool import Session
from kg.serve.tables import DOWNLOADS, download_links, result_rows, table_page, wants_html
from kg.store import open_store
from kg.view import neighbours, page

ERROR_STATUS: dict[type[BaseException], int] = {
    UpdateNotAllowedError: 403,
    QueryError: 400,
    UnknownFormatError: 400,
    QueryFailedError: 502,
    NotFoundError: 404,
    WorkerTimeoutError: 503,
    WorkerBusyError: 503,
    StoreError: 503,
    WorkerFailedError: 500,
    KgError: 500,
}
"""HTTP status of each kind of error (the most specific class in the error's MRO wins)."""


def status_of(exc: BaseException) -> int:
    if isinstance(exc, RequestError):
        return exc.status
    return next((ERROR_STATUS[kind] for kind in type(exc).__mro__ if kind in ERROR_STATUS), 500)


@dataclass(frozen=True)
class Answer:
    """What a worker hands back: a status, a body and its media type, extra headers."""

    status: int
    body: bytes
    media_type: str = "text/plain"
    headers: dict[str, str] = field(default_factory=dict)

    def response(self) -> Response:
        return Response(self.body, status_code=self.status, media_type=self.media_type, headers=self.headers)


TRIPLES_HEADER = "X-KG-Triples"
"""Header of an update's answer: the store's triple count after it (which ``/health`` reports)."""


def problem(status: int, message: str) -> Answer:
    return Answer(status, (message.rstrip() + "\n").encode(), "text/plain")


def answering(work: Callable[..., Answer]) -> Callable[..., Answer]:
    """Turn a :class:`KgError` raised by worker-side ``work`` into an error answer."""

    @functools.wraps(work)
    def wrapper(*args: Any, **kwargs: Any) -> Answer:
        try:
            return work(*args, **kwargs)
        except KgError as exc:
            return problem(status_of(exc), str(exc))

    return wrapper


# work done in the worker processes -------------------------------------------------------------------


def _graphs(iris: Sequence[str], parameter: str) -> list[ox.NamedNode] | None:
    if not iris:
        return None
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as exc:
        raise QueryError(f"{parameter}: not an absolute IRI: {exc}") from None


def payload_answer(payload: Payload, limit: int) -> Answer:
    headers = {"X-KG-Truncated": "true", "X-KG-Result-Limit": str(limit)} if payload.truncated else {}
    return Answer(200, payload.body, payload.media_type, headers)


@answering
def answer_query(
    session: Session,
    *,
    sparql: str,
    accept: str | None,
    limit: int,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> Answer:
    """Run a query and serialize its result in the negotiated media type, at most ``limit`` rows.

    A query that fails while running (an allowed SERVICE endpoint failing) is answered 502.
    """
    with evaluating(sparql):
        result = session.reader().query(
            sparql,
            default_graph=_graphs(default_graphs, "default-graph-uri"),
            named_graphs=_graphs(named_graphs, "named-graph-uri"),
        )
        offered = OFFERS[result_kind(result)]
        media_type = negotiate(accept, offered)
        if media_type is None:
            available = ", ".join(offered)
            return problem(406, f"cannot answer in {accept!r}; this result is available as: {available}")
        return payload_answer(serialize(result, media_type, limit, prefixes()), limit)


@answering
def answer_ready_query(
    session: Session,
    *,
    name: str,
    values: dict[str, str],
    accept: str | None,
    limit: int,
    fmt: str | None = None,
) -> Answer:
    """Run the ready query ``name`` with its parameters bound to ``values``: an HTML table to a
    browser (``Accept`` naming ``text/html``), SPARQL results to any other client; ``fmt``
    (``?download=csv``, ``tsv``, ``json``, ``xml``) forces a results format (the page's links)."""
    ready = ready_query(name)
    sparql = ready.bind(values)
    if fmt is None and wants_html(accept):
        columns, rows, cut = result_rows(session.reader().query(sparql), limit)
        links = download_links(f"/queries/{quote(name)}", sorted(values.items()))
        body = table_page(
            ready.title, ready.description, columns, rows, links=links, truncated=cut, query=sparql
        )
        return Answer(200, body, "text/html; charset=utf-8")
    return answer_query(session, sparql=sparql, accept=forced_accept(fmt, accept), limit=limit)


def forced_accept(fmt: str | None, accept: str | None) -> str | None:
    """The media type ``?download=NAME`` asks for, else the request's own ``Accept``."""
    if fmt is None:
        return accept
    if fmt not in DOWNLOADS:
        raise RequestError(400, f"unknown download format {fmt!r}; use one of: {', '.join(DOWNLOADS)}")
    return DOWNLOADS[fmt]


@answering
def apply_update(session: Session, *, sparql: str) -> Answer:
    """Apply an update with the store opened for writing, then close it (the pool holds every worker)."""
    with open_store(session.location) as store, evaluating(sparql):
        store.update(sparql)
        triples = len(store)
    return Answer(200, b"update applied\n", "text/plain", {TRIPLES_HEADER: str(triples)})


@answering
def event_table(session: Session) -> Answer:
    """The event table as CSV."""
    return Answer(200, format_events(event_rows(session.reader()), "csv").encode(), "text/csv")


@answering
def graph_view(
    session: Session,
    *,
    focus: str | None,
    depth: int,
    kinds: list[str],
    article: str | None,
    level: str | None = None,
) -> Answer:
    """The interactive HTML view of the graph (or of one article, some event types, one neighbourhood);
    a node's neighbours are fetched from ``/view/neighbours`` when the reader asks for them."""
    graph = to_networkx(session.reader(), article=article, types=kinds or None)
    html, _ = page(graph, focus=focus, depth=depth, level=level, expand_url="/view/neighbours")
    return Answer(200, html.encode("utf-8"), "text/html; charset=utf-8")


@answering
def graph_neighbours(session: Session, *, node: str, level: str | None = None) -> Answer:
    """The neighbours of one node of the view, as the page's JSON node and edge data."""
    data = neighbours(to_networkx(session.reader()), node, level=level)
    return Answer(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json")
