"""``kg serve``: the store as a SPARQL 1.1 endpoint, with the ready queries, event table and graph view.

Routes:

- ``/sparql``: the SPARQL 1.1 Protocol (GET ``?query=``; POST a form with ``query=`` or ``update=``;
  POST ``application/sparql-query`` or ``application/sparql-update``), ``default-graph-uri`` and
  ``named-graph-uri`` honoured, the result format negotiated from ``Accept`` (q-values included).
- ``/`` a query page, ``/queries/NAME`` a ready query (its parameters as URL parameters),
  ``/view`` the graph view (``focus``, ``depth``, ``type`` (comma-separated), ``article``),
  ``/events.csv`` the event table, ``/health`` liveness and triple count as JSON.

Limits: every piece of store work runs in a worker process (:mod:`kg.serve_pool`) that is killed
after ``timeout`` seconds (answer 503). Results longer than ``max_results`` rows or triples are
cut there, and the answer says so in the ``X-KG-Truncated: true`` header (``X-KG-Result-Limit``
gives the limit). Request bodies over ``max_body`` bytes get 413.

A request waits up to ``timeout`` seconds for a free worker (503 when none frees up), then has
``timeout`` seconds of work. Workers open the store read-only and keep it open: they see the store
as it was when they opened it, so restart the server after ``kg build`` (Oxigraph does not support
reading a folder that another process is writing). Updates go through the server itself: every
worker closes the store, one applies the update with the store opened for writing, then the others
reopen it.

Updates are refused (403) unless the server runs with ``allow_update`` and the request carries
``Authorization: Bearer <token>`` matching the server's token. Each request is logged on one line
(method, path, status, milliseconds); the query text only with ``log_queries``, the token never.
"""

from __future__ import annotations

import functools
import hmac
import html
import json
import logging
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import parse_qsl, quote

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.errors import (
    KgError,
    NotFoundError,
    QueryError,
    StoreError,
    UnknownFormatError,
    UpdateNotAllowedError,
)
from kg.serve_cache import AnswerCache
from kg.serve_media import OFFERS, Payload, negotiate, result_kind, serialize
from kg.serve_pool import (
    Session,
    WorkerBusyError,
    WorkerFailedError,
    WorkerPool,
    WorkerTimeoutError,
)
from kg.store import open_store, scheme

log = logging.getLogger("kg.serve")

DEFAULT_WORKERS = 4
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"


class ServeError(KgError):
    """The server cannot start with these settings (updates without a token, no store)."""

    exit_code = 2


class RequestError(KgError):
    """A request the endpoint refuses, with the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


ERROR_STATUS: dict[type[BaseException], int] = {
    UpdateNotAllowedError: 403,
    QueryError: 400,
    UnknownFormatError: 400,
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
    """Run a query and serialize its result in the negotiated media type, at most ``limit`` rows."""
    from kg.store.prefixes import prefixes

    result = session.reader().query(
        sparql,
        default_graph=_graphs(default_graphs, "default-graph-uri"),
        named_graphs=_graphs(named_graphs, "named-graph-uri"),
    )
    offered = OFFERS[result_kind(result)]
    media_type = negotiate(accept, offered)
    if media_type is None:
        return problem(406, f"cannot answer in {accept!r}; this result is available as: {', '.join(offered)}")
    return payload_answer(serialize(result, media_type, limit, prefixes()), limit)


@answering
def answer_ready_query(
    session: Session, *, name: str, values: dict[str, str], accept: str | None, limit: int
) -> Answer:
    """Run the ready query ``name`` with its parameters bound to ``values``."""
    from kg.query import ready_query

    sparql = ready_query(name).bind(values)
    return answer_query(session, sparql=sparql, accept=accept, limit=limit)


@answering
def apply_update(session: Session, *, sparql: str) -> Answer:
    """Apply an update with the store opened for writing, then close it (the pool holds every worker)."""
    with open_store(session.location) as store:
        store.update(sparql)
    return problem(200, "update applied")


@answering
def health(session: Session) -> Answer:
    """Liveness: the number of triples in the store."""
    body = json.dumps({"status": "ok", "triples": len(session.reader())}).encode()
    return Answer(200, body, "application/json")


@answering
def event_table(session: Session) -> Answer:
    """The event table as CSV."""
    from kg.events import event_rows, format_events

    return Answer(200, format_events(event_rows(session.reader()), "csv").encode(), "text/csv")


@answering
def graph_view(
    session: Session, *, focus: str | None, depth: int, kinds: list[str], article: str | None
) -> Answer:
    """The interactive HTML view of the graph (or of one article, some event types, one neighbourhood)."""
    from kg.analyze import to_networkx
    from kg.view import render_html

    graph = to_networkx(session.reader(), article=article, types=kinds or None)
    with tempfile.TemporaryDirectory(prefix="kg-view-") as folder:
        out = Path(folder) / "view.html"
        render_html(graph, out, focus=focus, depth=depth)
        return Answer(200, out.read_bytes(), "text/html")


# the HTTP side ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What the endpoint was started with (the token is kept out of ``repr``)."""

    location: str
    allow_update: bool
    token: str | None = field(repr=False)
    timeout: float
    max_results: int
    max_body: int
    cache_bytes: int = 64_000_000


@dataclass(frozen=True)
class Operation:
    """One SPARQL Protocol request: a query or an update, and its dataset."""

    query: str | None
    update: str | None
    default_graphs: list[str]
    named_graphs: list[str]


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) past ``limit`` bytes, whatever Content-Length claims."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise RequestError(413, f"request body of {declared} bytes is over the limit of {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(413, f"request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _one(pairs: list[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in pairs if key == name]
    if len(values) > 1:
        raise RequestError(400, f"the request has {len(values)} {name!r} parameters; send one")
    return values[0] if values else None


def _text(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(400, f"the {what} is not UTF-8: {exc}") from None


async def read_operation(request: Request, max_body: int) -> Operation:
    """The query or update of a SPARQL Protocol request, from its URL or body."""
    if len(request.url.query) > max_body:
        raise RequestError(413, f"request URL is over the limit of {max_body} bytes")
    pairs = parse_qsl(request.url.query, keep_blank_values=True)
    body_query = body_update = None
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await read_body(request, max_body)
        if content_type == FORM:
            pairs += parse_qsl(_text(body, "form"), keep_blank_values=True)
        elif content_type == QUERY_BODY:
            body_query = _text(body, "query")
        elif content_type == UPDATE_BODY:
            body_update = _text(body, "update")
        else:
            raise RequestError(
                415, f"unsupported content type {content_type!r}; send {FORM}, {QUERY_BODY} or {UPDATE_BODY}"
            )
    query = body_query if body_query is not None else _one(pairs, "query")
    update = body_update if body_update is not None else _one(pairs, "update")
    if query is not None and update is not None:
        raise RequestError(400, "send either a query or an update, not both")
    if not (query or update or "").strip():
        raise RequestError(400, "missing SPARQL: pass a 'query' (or, by POST, an 'update') parameter")
    if update is not None and any(key in ("using-graph-uri", "using-named-graph-uri") for key, _ in pairs):
        raise RequestError(400, "using-graph-uri and using-named-graph-uri are not supported; use USING")
    graphs = [value for key, value in pairs if key == "default-graph-uri"]
    named = [value for key, value in pairs if key == "named-graph-uri"]
    return Operation(query, update, graphs, named)


def authorized(request: Request, settings: Settings) -> bool:
    """Whether this request may update: updates allowed, and the bearer token matches."""
    if not (settings.allow_update and settings.token):
        return False
    scheme_name, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme_name.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), settings.token.encode())


class Endpoint:
    """The request handlers, sharing the settings and the worker pool."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self.pool: WorkerPool | None = None
        self.cache = AnswerCache(settings.cache_bytes)

    @asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self.pool = WorkerPool(self.settings.location, self.workers)
        self.pool.start()
        try:
            yield
        finally:
            self.pool.close()

    async def run(
        self, work: Callable[..., Answer], *, exclusive: bool = False, cached: bool = True, **kwargs: Any
    ) -> Response:
        """Run ``work`` in a worker; worker trouble becomes a 5xx answer.

        Reads are answered from the cache when the same request was answered before (header
        ``X-KG-Cache: hit``); an update (``exclusive``) runs alone and then clears the cache.
        """
        if self.pool is None:
            raise ServeError("the endpoint's worker pool is not running (serve the app with its lifespan)")
        pool = self.pool

        async def compute() -> Answer:
            call = pool.exclusive if exclusive else pool.call
            try:
                return await call(work, self.settings.timeout, **kwargs)
            except KgError as exc:
                return problem(status_of(exc), str(exc))

        if exclusive or not cached:
            answer = await compute()
            if exclusive:
                self.cache.clear()
            return answer.response()
        cached, hit = await self.cache.get_or_run(_request_key(work, kwargs), compute)
        response = cached.response()  # type: ignore[attr-defined]
        response.headers["X-KG-Cache"] = "hit" if hit else "miss"
        return response

    async def sparql(self, request: Request) -> Response:
        operation = await read_operation(request, self.settings.max_body)
        text = operation.query if operation.query is not None else operation.update
        request.state.sparql = text
        if operation.update is not None:
            return await self.update(request, operation.update)
        return await self.run(
            answer_query,
            sparql=operation.query,
            accept=request.headers.get("accept"),
            limit=self.settings.max_results,
            default_graphs=operation.default_graphs,
            named_graphs=operation.named_graphs,
        )

    async def update(self, request: Request, sparql: str) -> Response:
        if not self.settings.allow_update:
            raise RequestError(403, "this server is read-only; start it with --allow-update --token TOKEN")
        if not authorized(request, self.settings):
            raise RequestError(403, "updates need the header 'Authorization: Bearer <the server's token>'")
        if request.method != "POST":
            raise RequestError(400, "send updates by POST")
        return await self.run(apply_update, exclusive=True, sparql=sparql)

    async def ready(self, request: Request) -> Response:
        return await self.run(
            answer_ready_query,
            name=request.path_params["name"],
            values=dict(request.query_params),
            accept=request.headers.get("accept"),
            limit=self.settings.max_results,
        )

    async def view(self, request: Request) -> Response:
        depth = request.query_params.get("depth", "1")
        if not depth.isdigit():
            raise RequestError(400, f"depth must be a whole number, not {depth!r}")
        params = request.query_params
        kinds = [kind for value in params.getlist("type") for kind in value.split(",") if kind]
        return await self.run(
            graph_view,
            focus=params.get("focus"),
            depth=int(depth),
            kinds=kinds,
            article=params.get("article"),
        )

    async def events(self, request: Request) -> Response:
        return await self.run(event_table)

    async def health(self, request: Request) -> Response:
        return await self.run(health, cached=False)  # liveness asks a worker every time

    async def index(self, request: Request) -> Response:
        return Response(index_page(), media_type="text/html")


def index_page() -> str:
    """The query page: a query box, the ready queries and the view."""
    from kg.query import ready_queries

    items = "\n".join(
        f'<li><a href="/queries/{quote(name)}">{html.escape(name)}</a> — {html.escape(ready.title)}'
        + (f" <small>(parameters: {html.escape(', '.join(ready.params))})</small>" if ready.params else "")
        + "</li>"
        for name, ready in ready_queries().items()
    )
    template = Template(resources.files("kg").joinpath("serve_index.html").read_text(encoding="utf-8"))
    return template.substitute(ready_queries=items)


Handler = Callable[[Request], Awaitable[Response]]


def refusing(handler: Handler) -> Handler:
    """Answer a :class:`RequestError` raised by ``handler`` with its status and message."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        try:
            return await handler(request)
        except RequestError as exc:
            return problem(exc.status, str(exc)).response()

    return wrapper


class RequestLog:
    """ASGI middleware: one log line per request; the SPARQL text only when asked for."""

    def __init__(self, app: ASGIApp, *, log_queries: bool = False) -> None:
        self.app = app
        self.log_queries = log_queries

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            line = f"{scope['method']} {scope['path']} {status} {elapsed:.1f}ms"
            sparql = scope.get("state", {}).get("sparql") if self.log_queries else None
            log.info("%s%s", line, f" {' '.join(sparql.split())}" if sparql else "")


def _request_key(work: Callable[..., Answer], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """A hashable key for one read request: the work and its arguments, lists and dicts frozen."""

    def frozen(value: Any) -> Any:
        if isinstance(value, dict):
            return tuple(sorted((k, frozen(v)) for k, v in value.items()))
        if isinstance(value, list | tuple):
            return tuple(frozen(v) for v in value)
        return value

    return (work.__name__, frozen(kwargs))


def check_store(location: str, allow_update: bool) -> None:
    """Fail early when the store cannot be opened (created, when updates are allowed)."""
    with open_store(location, read_only=not allow_update and scheme(location) == "folder"):
        pass


def create_app(
    store_location: str,
    *,
    allow_update: bool = False,
    token: str | None = None,
    timeout: float = 10.0,
    max_results: int = 100_000,
    max_body: int = 1_000_000,
    workers: int = DEFAULT_WORKERS,
    log_queries: bool = False,
    cache_mb: int = 64,
) -> Starlette:
    """The endpoint as an ASGI app; serve it with uvicorn (``kg serve`` does)."""
    if allow_update and not token:
        raise ServeError("--allow-update needs a token: pass --token TOKEN or set KG_SERVE_TOKEN")
    for name, value in (("timeout", timeout), ("max_results", max_results), ("max_body", max_body)):
        if value <= 0:
            raise ServeError(f"{name} must be positive, not {value}")
    check_store(store_location, allow_update)
    settings = Settings(
        store_location, allow_update, token, timeout, max_results, max_body, cache_bytes=cache_mb * 1_000_000
    )
    endpoint = Endpoint(settings, workers)
    routes = [
        Route("/", refusing(endpoint.index), methods=["GET"]),
        Route("/sparql", refusing(endpoint.sparql), methods=["GET", "POST"]),
        Route("/queries/{name}", refusing(endpoint.ready), methods=["GET"]),
        Route("/view", refusing(endpoint.view), methods=["GET"]),
        Route("/events.csv", refusing(endpoint.events), methods=["GET"]),
        Route("/health", refusing(endpoint.health), methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=endpoint.lifespan)
    app.add_middleware(RequestLog, log_queries=log_queries)
    return app
