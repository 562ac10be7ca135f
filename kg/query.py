"""SPARQL over the store: run a query (refusing updates unless allowed), render its results, ready queries.

Ready queries are the files ``kg/queries/*.rq``. Their leading comment lines hold a title (first
line), a description (the following lines) and parameters (``# param NAME: what it is``); lines
starting ``##`` are notes for whoever maintains the query, never shown to users. A
parameter is a ``VALUES ?NAME { UNDEF }`` clause in the query, filled with the value as an
escaped string literal (see :func:`bind_values`), so a value can never change the query's shape.
Every ready query also takes ``limit`` (a positive integer): the first N rows of its answer.
"""

from __future__ import annotations

import re
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import pyoxigraph as ox

from kg.errors import NotFoundError, QueryError, QueryFailedError, UnknownFormatError, UpdateNotAllowedError
from kg.formats import (
    RESULTS_FORMATS,
    RESULTS_NAMES,
    ResultsFormat,
    graph_format,
    write_boolean,
    write_graph,
    write_solutions,
)
from kg.querycheck import check, scan
from kg.rdf import prefixes
from kg.store.sparql import syntax_message
from kg.terms import shorten
from kg.text import counted, printable, text_table

PARAM_MARK = "param "
DIGITS = re.compile(r"[0-9]+")
LIMIT = "limit"
"""The parameter every ready query takes: at most this many rows (all of them without it)."""


@dataclass(frozen=True)
class ReadyQuery:
    """A named query a user runs with ``kg query --name NAME``."""

    name: str
    title: str
    description: str
    sparql: str
    params: Mapping[str, str]

    def bind(self, values: Mapping[str, str]) -> str:
        """The query text with ``values`` bound to its parameters (every parameter needs a value).

        ``limit`` keeps the first N rows of the ordered answer.
        """
        values = dict(values)
        limit = values.pop(LIMIT, None) if LIMIT not in self.params else None
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            raise QueryError(
                f"ready query {self.name!r} has no parameter {unknown[0]!r}; "
                f"its parameters: {', '.join([*self.params, LIMIT])}"
            )
        missing = [name for name in self.params if name not in values]
        if missing:
            raise QueryError(
                f"ready query {self.name!r} needs --param {missing[0]}=VALUE ({self.params[missing[0]]})"
            )
        sparql = self.sparql
        if limit is not None:
            sparql = f"{sparql.rstrip()}\nLIMIT {row_limit(self.name, limit)}\n"
        return bind_values(sparql, values)


MAX_LIMIT = 2**63 - 1
"""The largest ``LIMIT`` the SPARQL engine takes (a signed 64-bit count)."""


def row_limit(query: str, value: str) -> int:
    """``value`` as a row count for ``LIMIT``: a positive integer, else :class:`QueryError`."""
    text = value.strip()
    if not DIGITS.fullmatch(text) or not 1 <= int(text) <= MAX_LIMIT:
        raise QueryError(
            f"ready query {query!r}: --param limit must be a positive integer up to {MAX_LIMIT}, "
            f"not {value!r}"
        )
    return int(text)


def placeholder(name: str) -> str:
    """The clause a query writes where parameter ``name`` goes: ``VALUES ?name { UNDEF }``."""
    return f"VALUES ?{name} {{ UNDEF }}"


def bind_values(sparql: str, values: Mapping[str, str]) -> str:
    """``sparql`` with each name bound to a string literal (escaped by pyoxigraph, never spliced raw).

    A ``VALUES ?name { UNDEF }`` clause in the query is filled in place, so the engine starts from the
    value; a name without such a clause is bound by a ``VALUES`` clause appended to the query.
    """
    trailing: dict[str, str] = {}
    for name, value in values.items():
        literal = str(ox.Literal(value))
        if placeholder(name) in sparql:
            sparql = sparql.replace(placeholder(name), f"VALUES ?{name} {{ {literal} }}")
        else:
            trailing[name] = literal
    if not trailing:
        return sparql
    names = " ".join(f"?{name}" for name in trailing)
    return f"{sparql.rstrip()}\nVALUES ({names}) {{ ({' '.join(trailing.values())}) }}\n"


def parse_ready_query(name: str, text: str) -> ReadyQuery:
    """A ready query from its file text: title, description and parameters from the leading comments."""
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if not line.startswith("##"):  # "## ..." is a maintainer's note
            header.append(line.lstrip("#").strip())
    declared = (line[len(PARAM_MARK) :].partition(":") for line in header if line.startswith(PARAM_MARK))
    params = {key.strip(): doc.strip() for key, _, doc in declared}
    prose = [line for line in header if not line.startswith(PARAM_MARK)]
    title = prose[0] if prose else name
    description = " ".join(line for line in prose[1:] if line)
    return ReadyQuery(name=name, title=title, description=description, sparql=text, params=params)


@cache
def ready_queries() -> dict[str, ReadyQuery]:
    """Every ready query by name (the file stem), read once from ``kg/queries/*.rq``."""
    folder = resources.files("kg") / "queries"
    files = sorted((entry for entry in folder.iterdir() if entry.name.endswith(".rq")), key=lambda e: e.name)
    named = ((entry.name[: -len(".rq")], entry) for entry in files)
    return {name: parse_ready_query(name, entry.read_text(encoding="utf-8")) for name, entry in named}


def ready_query(name: str) -> ReadyQuery:
    """The ready query called ``name``."""
    try:
        return ready_queries()[name]
    except KeyError:
        raise NotFoundError(f"no ready query {name!r}; known: {', '.join(ready_queries())}") from None


# running ---------------------------------------------------------------------------------------------


def query_syntax_error(sparql: str) -> SyntaxError | None:
    """Oxigraph's parse error for ``sparql`` read as a query, or None when it is a valid query.

    Parsed on an empty in-memory store: results are produced lazily, so nothing is evaluated.
    """
    try:
        ox.Store().query(sparql)
    except SyntaxError as error:
        return error
    except (RuntimeError, OSError):  # an ASK is evaluated at once: it parsed, its SERVICE failed
        return None
    return None


def parses_as_update(sparql: str) -> bool:
    """Whether ``sparql`` is a SPARQL Update, by rdflib's update parser (which never executes)."""
    # 236 ms (-X importtime) that a query which parses as a query never pays
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(sparql)
    except ParseException:
        return False
    return True


def is_update(sparql: str) -> bool:
    """Whether ``sparql`` is an Update rather than a query; :class:`QueryError` when it is neither."""
    error = query_syntax_error(sparql)
    if error is None:
        return False
    if parses_as_update(sparql):
        return True
    raise QueryError(f"malformed SPARQL at {syntax_message(error)}")


T = TypeVar("T")

QUERY_STACK_BYTES = 256 * 1024 * 1024
"""Stack of the thread that runs queries: pyoxigraph recurses over a query's parse tree and algebra on
the calling thread, and a main thread's 8 MB overflow (the process dies) on about 50 KB of sequential
``MINUS`` or ``BIND`` clauses; 256 MB holds queries over 1 MB. Only the pages touched are used."""


def on_deep_stack(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` run on a thread with a :data:`QUERY_STACK_BYTES` stack; its error re-raised."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # handed to the caller's thread, without the values of its frames
            outcome["error"] = exc
            _clear_frames(exc)  # pyoxigraph values may only be dropped on the thread that made them

    with _STACK_SIZE:
        previous = threading.stack_size(QUERY_STACK_BYTES)
        try:
            thread = threading.Thread(target=target, name="kg-query", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


_STACK_SIZE = threading.Lock()


def _clear_frames(exc: BaseException | None) -> None:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


@contextmanager
def evaluating(sparql: str) -> Iterator[None]:
    """Turn a failure while a query runs (pyoxigraph raises ``RuntimeError``/``OSError``: a SERVICE
    endpoint that fails or cannot be reached, a store that cannot be read) into :class:`QueryFailedError`."""
    try:
        yield
    except (RuntimeError, OSError) as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        services = scan(sparql).services
        where = f"SERVICE {services[0]} failed" if services else "the query failed while running"
        raise QueryFailedError(f"{where}: {detail}") from None


def run(store: Any, sparql: str, *, allow_update: bool = False) -> Any:
    """Run a query (results as pyoxigraph gives them) or, when allowed, an update (returns ``None``).

    Malformed text raises :class:`QueryError` with the parser's line and column, and so does text
    nested too deep to parse safely (:func:`kg.querycheck.check`); an Update without ``allow_update``
    raises :class:`UpdateNotAllowedError` and changes nothing.
    """
    check(sparql, allow_service=None)
    error = query_syntax_error(sparql)
    if error is None:
        with evaluating(sparql):
            return store.query(sparql)
    if not allow_update:
        if parses_as_update(sparql):
            raise UpdateNotAllowedError("this SPARQL is an Update (it changes the store); add --allow-update")
        raise QueryError(f"malformed SPARQL at {syntax_message(error)}")
    try:
        with evaluating(sparql):
            store.update(sparql)
    except QueryError as update_error:
        raise QueryError(
            f"malformed SPARQL: as a query, at {syntax_message(error)}; as an update: {update_error}"
        ) from None
    return None


# rendering -------------------------------------------------------------------------------------------


def cell(term: Any, table: dict[str, str]) -> str:
    """A readable cell: IRIs shortened with the known prefixes, literals as their text.

    Control characters are dropped (:func:`kg.text.printable`): article text reaches the terminal.
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value, table)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return printable(term.value)


def _table(result: Any) -> str:
    known = prefixes()
    names = [variable.value for variable in result.variables]
    rows = [[cell(solution[name], known) for name in names] for solution in result]
    return text_table(names, rows) + f"{counted(len(rows), 'row')}\n"


def _yes_no(result: Any) -> str:
    return ("yes" if bool(result) else "no") + "\n"


TABLE = "table"
"""The terminal rendering: a table for SELECT, yes/no for ASK, Turtle for CONSTRUCT and DESCRIBE."""


def _results_format(fmt: str) -> ResultsFormat:
    found = RESULTS_NAMES.get(fmt.strip().lower())
    if found is None:
        raise UnknownFormatError("result format", fmt, [TABLE, *(f.name for f in RESULTS_FORMATS)])
    return found


def render(result: Any, fmt: str = TABLE) -> str:
    """Text of a query result: SELECT and ASK as a table or a results format of :mod:`kg.formats`,
    CONSTRUCT/DESCRIBE as RDF (any graph format; ``table`` means Turtle)."""
    if result is None:
        return ""
    table = fmt.strip().lower() == TABLE
    if isinstance(result, ox.QueryBoolean):
        return _yes_no(result) if table else write_boolean(result, _results_format(fmt)).decode("utf-8")
    if hasattr(result, "variables"):
        if table:
            return _table(result)
        chosen = _results_format(fmt)
        if chosen.is_xml or chosen.is_csv:
            names = [variable.value for variable in result.variables]
            rows = [[solution[name] for name in names] for solution in result]
            return write_solutions(names, rows, chosen).decode("utf-8")
        return result.serialize(format=chosen.results_format).decode("utf-8")
    chosen = graph_format("turtle" if table else fmt, "graph format")
    return write_graph(result, chosen, prefixes()).decode("utf-8")
