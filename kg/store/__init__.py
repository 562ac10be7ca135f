"""Where the graph lives: one :class:`Store` protocol, opened by location through one registry.

A folder path opens the on-disk Oxigraph store (:mod:`kg.store.oxigraph`); an ``http://`` or
``https://`` URL opens a remote SPARQL 1.1 endpoint (:mod:`kg.store.remote`). Backends are named
by import path and imported only when used, so a missing backend is a clear :class:`StoreError`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pyoxigraph import Quad, RdfFormat

from kg import settings
from kg.errors import StoreError

ArticleQuads = Sequence[Quad]
"""An article's quads. ``kg build`` hands over ``Quad`` lists (its workers' N-Quads are parsed back in
``kg.parallel`` and ``kg.cluster``)."""


@runtime_checkable
class Store(Protocol):
    """What every backend offers; the default graph of queries is the union of the named graphs."""

    def query(
        self,
        sparql: str,
        *,
        default_graph: Any = None,
        named_graphs: Any = None,
        timeout: float | None = None,
    ) -> Any: ...

    def update(self, sparql: str) -> None: ...

    def has_article(self, article_id: str, sha256: str, extractor: tuple[str, str] | None = None) -> bool: ...

    def replace_article(self, article_id: str, quads: Iterable[Quad]) -> None: ...

    def write_articles(self, articles: Sequence[tuple[str, ArticleQuads]], also: Sequence[Quad] = ()) -> None:
        """Write ``(article_id, quads)`` pairs, each article all or nothing (new ones may go in together).
        ``also``: quads of no article (a linking round's new incidents), written with them where one
        ingestion can hold both."""
        ...

    def add_quads(self, quads: Iterable[Quad]) -> None: ...

    def quads(
        self, subject: Any = None, predicate: Any = None, object: Any = None, graph: Any = None
    ) -> Iterator[Quad]:
        """The stored quads of the named graphs (of ``graph`` only, when given) that match the terms
        given (None: any): a lookup, no SPARQL to write and parse on a local store."""
        ...

    def remove_article(self, article_id: str) -> bool: ...

    def articles(self) -> list[str]: ...

    def dump(self, path: str | Path, fmt: RdfFormat, *, prefixes: dict[str, str] | None = None) -> None: ...

    def __len__(self) -> int: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


BACKENDS: dict[str, str] = {
    "folder": "kg.store.oxigraph:OxigraphStore",
    "http": "kg.store.remote:RemoteStore",
    "https": "kg.store.remote:RemoteStore",
}
"""Scheme → ``module:Class``; a location without a URL scheme is a ``folder``."""


def scheme(location: str | Path) -> str:
    """The registry key of a location: the URL scheme, or ``folder`` for a path."""
    text = str(location)
    head, sep, _ = text.partition("://")
    return head.lower() if sep and head.isalpha() else "folder"


def backend(name: str) -> type:
    """The store class registered under ``name``, imported on first use."""
    try:
        target = BACKENDS[name]
    except KeyError:
        known = ", ".join(sorted(BACKENDS))
        raise StoreError(f"no store backend for scheme {name!r}; known: {known}") from None
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise StoreError(f"store backend {target} for {name!r} locations is not available: {exc}") from exc
    return getattr(module, class_name)


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open the store at ``location`` (default: ``$KG_STORE`` or ``./kg-store``)."""
    where = settings.store_location(str(location) if location is not None else None)
    return backend(scheme(where))(where, read_only=read_only)
