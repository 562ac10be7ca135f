"""``kg serve``: the store as a SPARQL 1.1 endpoint, with the ready queries, event table and graph view.

Routes:

- ``/sparql``: the SPARQL 1.1 Protocol (GET ``?query=``; POST a form with ``query=`` or ``update=``;
  POST ``application/sparql-query`` or ``application/sparql-update``), ``default-graph-uri`` and
  ``named-graph-uri`` honoured, the result format negotiated from ``Accept`` (q-values included).
- ``/`` a query page, ``/queries/NAME`` a ready query (its parameters as URL parameters),
  ``/view`` the graph view (``focus``, ``depth``, ``type`` (comma-separated), ``article``, ``level``
  ``incidents`` or ``reports``), ``/view/neighbours?node=ID`` what the view fetches to expand a node,
  ``/events.csv`` the event table, ``/health`` liveness and triple count as JSON.

Limits: every piece of store work runs in a worker process (:mod:`kg.serve.pool`) that is killed
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
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from string import Template
from typing import Any
from urllib.parse import parse_qsl, quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.errors import KgError, QueryError, RequestError, ServeError
from kg.query import ready_queries
from kg.querycheck import check
from kg.serve.answers import (
    TRIPLES_HEADER,
    Answer,
    answer_query,
    answer_ready_query,
    apply_update,
    event_table,
    forced_accept,
    graph_neighbours,
    graph_view,
    problem,
    status_of,
)
from kg.serve.cache import AnswerCache
from kg.serve.guard import ClientLimit, FailureLimit, HostCheck, check_origin, check_token
from kg.serve.pool import WorkerPool
from kg.store import open_store, scheme
from kg.view.page import LEVELS

log = logging.getLogger("kg.serve")

DEFAULT_WORKERS = 4
DEFAULT_MAX_QUERY_BYTES = 65_536
MAX_QUERY_BYTES = 1_000_000
"""The most ``--max-query-bytes`` may allow: what the workers' query stack holds with room to spare."""
DEPTH = re.compile(r"[0-9]{1,2}")
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"

Handler = Callable[[Request], Awaitable[Response]]


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
    max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES
    allow_service: frozenset[str] = frozenset()
    host: str = "127.0.0.1"
    allow_host: frozenset[str] = frozenset()
    max_client_queries: int = 2


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
    if re.fullmatch(r"[0-9]+", declared) and int(declared) > limit:  # ASCII digits only
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

    def __init__(self, settings: Settings, workers: int, triples: int) -> None:
        self.settings = settings
        self.workers = workers
        self.pool: WorkerPool | None = None
        self.cache = AnswerCache(settings.cache_bytes)
        self.triples = triples
        self.hosts = HostCheck(settings.host, settings.allow_host)
        self.failures = FailureLimit()
        self.clients = ClientLimit(settings.max_client_queries)

    def guarded(self, handler: Handler) -> Handler:
        """``handler`` behind the Host and Origin checks; a :class:`RequestError` becomes its answer."""

        @functools.wraps(handler)
        async def wrapper(request: Request) -> Response:
            headers = request.headers
            try:
                self.hosts.check(headers.get("host"))
                check_origin(
                    request.method, headers.get("host"), headers.get("origin"), headers.get("sec-fetch-site")
                )
                return await handler(request)
            except RequestError as exc:
                response = problem(exc.status, str(exc)).response()
                response.headers.update(exc.headers)
                return response

        return wrapper

    @asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self.pool = WorkerPool(self.settings.location, self.workers, preload=(answer_query.__module__,))
        self.pool.start()
        try:
            yield
        finally:
            self.pool.close()

    async def run(
        self,
        request: Request,
        work: Callable[..., Answer],
        *,
        exclusive: bool = False,
        cached: bool = True,
        **kwargs: Any,
    ) -> Response:
        """Run ``work`` in a worker; worker trouble becomes a 5xx answer.

        Reads are answered from the cache when the same request was answered before (header
        ``X-KG-Cache: hit``); an update (``exclusive``) runs alone and then clears the cache. A
        client already running ``max_client_queries`` requests is answered 429.
        """
        with self.clients.slot(client_of(request)):
            return await self._run(work, exclusive=exclusive, cached=cached, **kwargs)

    async def _run(
        self, work: Callable[..., Answer], *, exclusive: bool, cached: bool, **kwargs: Any
    ) -> Response:
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

    def checked(self, text: str) -> None:
        """Refuse SPARQL over ``max_query_bytes`` (413), nested too deep or calling a SERVICE (400)."""
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > self.settings.max_query_bytes:
            limit = self.settings.max_query_bytes
            raise RequestError(413, f"the SPARQL text has {size} bytes; this server takes at most {limit}")
        try:
            check(text, allow_service=self.settings.allow_service)
        except QueryError as exc:
            raise RequestError(400, str(exc)) from None

    async def sparql(self, request: Request) -> Response:
        operation = await read_operation(request, self.settings.max_body)
        text = operation.query if operation.query is not None else operation.update
        request.state.sparql = text
        self.checked(text or "")
        if operation.update is not None:
            return await self.update(request, operation.update)
        return await self.run(
            request,
            answer_query,
            sparql=operation.query,
            accept=forced_accept(request.query_params.get("download"), request.headers.get("accept")),
            limit=self.settings.max_results,
            default_graphs=operation.default_graphs,
            named_graphs=operation.named_graphs,
        )

    async def update(self, request: Request, sparql: str) -> Response:
        if not self.settings.allow_update:
            raise RequestError(403, "this server is read-only; start it with --allow-update --token TOKEN")
        client = client_of(request)
        self.failures.check(client)
        if not authorized(request, self.settings):
            self.failures.fail(client)
            raise RequestError(403, "updates need the header 'Authorization: Bearer <the server's token>'")
        if request.method != "POST":
            raise RequestError(400, "send updates by POST")
        response = await self.run(request, apply_update, exclusive=True, sparql=sparql)
        if TRIPLES_HEADER in response.headers:
            self.triples = int(response.headers[TRIPLES_HEADER])
        return response

    async def ready(self, request: Request) -> Response:
        values = dict(request.query_params)
        return await self.run(
            request,
            answer_ready_query,
            name=request.path_params["name"],
            values=values,
            accept=request.headers.get("accept"),
            limit=self.settings.max_results,
            fmt=values.pop("download", None),
        )

    async def view(self, request: Request) -> Response:
        depth = request.query_params.get("depth", "1")
        if not DEPTH.fullmatch(depth):  # ASCII digits: "²".isdigit() is true, int("²") fails
            raise RequestError(400, f"depth must be a whole number from 0 to 99, not {depth!r}")
        params = request.query_params
        kinds = [kind for value in params.getlist("type") for kind in value.split(",") if kind]
        return await self.run(
            request,
            graph_view,
            focus=params.get("focus"),
            depth=int(depth),
            kinds=kinds,
            article=params.get("article"),
            level=view_level(params.get("level")),
        )

    async def neighbours(self, request: Request) -> Response:
        node = request.query_params.get("node")
        if not node:
            raise RequestError(400, "missing 'node': the id of the node whose neighbours to fetch")
        level = view_level(request.query_params.get("level"))
        return await self.run(request, graph_neighbours, node=node, level=level)

    async def events(self, request: Request) -> Response:
        return await self.run(request, event_table)

    async def health(self, request: Request) -> Response:
        """Liveness from the main process (no worker needed, so it answers while they are busy)."""
        pool = self.pool
        body = {
            "status": "ok",
            "triples": self.triples,
            "workers": pool.size if pool else 0,
            "idle": pool.idle if pool else 0,
        }
        return Response(json.dumps(body), media_type="application/json")

    async def index(self, request: Request) -> Response:
        return Response(index_page(), media_type="text/html")


def view_level(level: str | None) -> str | None:
    if level not in (None, *LEVELS):
        raise RequestError(400, f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    return level


def index_page() -> str:
    """The query page: a query box, the ready queries and the view."""
    items = "\n".join(
        f'<li><a href="/queries/{quote(name)}">{html.escape(name)}</a> — {html.escape(ready.title)}'
        + (f" <small>(parameters: {html.escape(', '.join(ready.params))})</small>" if ready.params else "")
        + "</li>"
        for name, ready in ready_queries().items()
    )
    template = Template(resources.files("kg.serve").joinpath("index.html").read_text(encoding="utf-8"))
    return template.substitute(ready_queries=items)


def client_of(request: Request) -> str:
    """The client's address (what per-client limits count by)."""
    return request.client.host if request.client else "unknown"


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


def check_store(location: str, allow_update: bool) -> int:
    """Fail early when the store cannot be opened (created, when updates are allowed); its triple count."""
    with open_store(location, read_only=not allow_update and scheme(location) == "folder") as store:
        return len(store)


def _services(urls: Iterable[str]) -> frozenset[str]:
    for url in urls:
        if not re.match(r"https?://[^\s<>]+$", url):
            raise ServeError(f"--allow-service takes endpoint URLs (http:// or https://), not {url!r}")
    return frozenset(urls)


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
    max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES,
    allow_service: Iterable[str] = (),
    host: str = "127.0.0.1",
    allow_host: Iterable[str] = (),
    max_client_queries: int | None = None,
) -> Starlette:
    """The endpoint as an ASGI app; serve it with uvicorn (``kg serve`` does).

    ``host`` is the address the server is bound to (its name is an accepted ``Host``); ``allow_host``
    more accepted names; ``allow_service`` the endpoints a ``SERVICE`` may call (none by default);
    ``max_client_queries`` how many requests one client may have running (default: half the workers).
    """
    if allow_update and not token:
        raise ServeError("--allow-update needs a token: pass --token TOKEN or set KG_SERVE_TOKEN")
    if allow_update:
        check_token(token)
    if max_client_queries is None:
        max_client_queries = max(1, workers // 2)
    limits = (
        ("timeout", timeout),
        ("max_results", max_results),
        ("max_body", max_body),
        ("max_query_bytes", max_query_bytes),
        ("max_client_queries", max_client_queries),
    )
    for name, value in limits:
        if value <= 0:
            raise ServeError(f"{name} must be positive, not {value}")
    if max_query_bytes > MAX_QUERY_BYTES:
        raise ServeError(f"max_query_bytes can be at most {MAX_QUERY_BYTES}, not {max_query_bytes}")
    triples = check_store(store_location, allow_update)
    settings = Settings(
        store_location,
        allow_update,
        token,
        timeout,
        max_results,
        max_body,
        cache_bytes=cache_mb * 1_000_000,
        max_query_bytes=max_query_bytes,
        allow_service=_services(allow_service),
        host=host,
        allow_host=frozenset(allow_host),
        max_client_queries=max_client_queries,
    )
    endpoint = Endpoint(settings, workers, triples)
    guarded = endpoint.guarded
    routes = [
        Route("/", guarded(endpoint.index), methods=["GET"]),
        Route("/sparql", guarded(endpoint.sparql), methods=["GET", "POST"]),
        Route("/queries/{name}", guarded(endpoint.ready), methods=["GET"]),
        Route("/view", guarded(endpoint.view), methods=["GET"]),
        Route("/view/neighbours", guarded(endpoint.neighbours), methods=["GET"]),
        Route("/events.csv", guarded(endpoint.events), methods=["GET"]),
        Route("/health", guarded(endpoint.health), methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=endpoint.lifespan)
    app.add_middleware(RequestLog, log_queries=log_queries)
    return app
