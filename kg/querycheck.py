"""Checks on SPARQL text made before it reaches pyoxigraph: nesting depth and federated (SERVICE) calls.

pyoxigraph parses and evaluates a query by recursion on the calling thread, so a query nested deep
enough (thousands of brackets) overflows the stack and kills the process; and ``SERVICE <IRI>`` makes
it send an HTTP request to any address. :func:`scan` reads the query's tokens (string literals, IRIs
and comments are skipped as SPARQL's grammar defines them, so a keyword inside a string is no
keyword) and :func:`check` refuses, with a :class:`kg.errors.QueryError` naming the reason, a query
nested deeper than :data:`MAX_DEPTH` or calling an endpoint that is not allowed.

This is a lexical scan, not a parser: it errs on the side of refusing (a ``SERVICE`` keyword in
a malformed query is refused too; pyoxigraph would reject that query anyway).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from kg.errors import QueryError

MAX_DEPTH = 100
"""Deepest nesting of ``(``, ``{`` and ``[`` accepted; real queries stay far below, and pyoxigraph's
stack (see :func:`kg.query.on_deep_stack`) holds far more."""

TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][^\s(){}\[\],;.<>=!|&+\-*/^'"#]+)
    | (?P<name>[^\s(){}\[\],;<>=!|&+*/^'"#?$]+)
    | (?P<open>[({\[])
    | (?P<close>[)}\]])
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)
"""SPARQL tokens: comments, strings (short and long), IRIs, variables, names (keywords, prefixed names,
numbers), brackets, and any other character."""


@dataclass(frozen=True)
class Scan:
    """What a query's text holds: its deepest nesting and the endpoint of each ``SERVICE``.

    An endpoint is an absolute IRI (``http://…``) when the query writes one, else as written: a
    relative IRI ``<x>``, a prefixed name ``ex:svc`` (resolved with the query's ``PREFIX`` lines when
    it can be) or a variable ``?endpoint``.
    """

    depth: int
    services: tuple[str, ...]


def scan(sparql: str) -> Scan:
    """The nesting depth and the ``SERVICE`` endpoints of ``sparql`` (see :class:`Scan`)."""
    depth = deepest = 0
    services: list[str] = []
    prefixes: dict[str, str] = {}
    previous: list[tuple[str, str]] = []  # the last tokens, kind and text, comments left out
    pending_service = False
    for match in TOKEN.finditer(sparql):
        kind, text = match.lastgroup or "other", match.group()
        if kind == "comment":
            continue
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(depth - 1, 0)
        if pending_service and not (kind == "name" and text.upper() == "SILENT"):
            services.append(_endpoint(kind, text, prefixes))
            pending_service = False
        if kind == "name" and text.upper() == "SERVICE":
            pending_service = True
        if kind == "iri" and len(previous) >= 2 and previous[-2] == ("name", "PREFIX"):
            prefixes[previous[-1][1]] = text[1:-1]
        previous = [*previous[-1:], (kind, text.upper() if kind == "name" and ":" not in text else text)]
    if pending_service:
        services.append("")
    return Scan(deepest, tuple(services))


def _endpoint(kind: str, text: str, prefixes: dict[str, str]) -> str:
    if kind == "iri":
        iri = text[1:-1]
        return iri if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri) else text
    if kind == "name" and ":" in text:
        prefix, _, local = text.partition(":")
        namespace = prefixes.get(prefix + ":")
        return namespace + local if namespace and re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", namespace) else text
    return text


def check(sparql: str, *, allow_service: Collection[str] | None = (), max_depth: int = MAX_DEPTH) -> Scan:
    """Refuse ``sparql`` when nested deeper than ``max_depth`` or calling an endpoint not allowed.

    ``allow_service``: the endpoint IRIs ``SERVICE`` may call (none by default); ``None`` allows any.
    """
    found = scan(sparql)
    if found.depth > max_depth:
        raise QueryError(
            f"the query nests brackets {found.depth} deep; at most {max_depth} levels are accepted"
        )
    if allow_service is None:
        return found
    refused = [endpoint for endpoint in found.services if endpoint not in allow_service]
    if refused:
        shown = refused[0] or "(no endpoint)"
        if not allow_service:
            raise QueryError(
                f"federated queries are off: SERVICE {shown} refused (this server makes no request "
                "to other endpoints unless started with --allow-service URL)"
            )
        raise QueryError(
            f"SERVICE {shown} is not an allowed endpoint; allowed: {', '.join(sorted(allow_service))} "
            "(write the endpoint as a full IRI)"
        )
    return found
