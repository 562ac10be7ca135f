"""``kg query``: run SPARQL (text, file or a ready query by name) over the store."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Annotated

import typer

from kg import settings
from kg.cli import StoreOption, app, err_console, guarded
from kg.errors import QueryError


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["name=Islamic State"]`` → ``{"name": "Islamic State"}``."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip().isidentifier():
            raise QueryError(f"--param {pair!r} is not NAME=VALUE")
        params[key.strip()] = value
    return params


def list_ready() -> str:
    from kg.query import ready_queries

    blocks = []
    for name, ready in ready_queries().items():
        usage = f"kg query --name {name}" + "".join(f" --param {key}=VALUE" for key in ready.params)
        about = textwrap.wrap(ready.description, 96, initial_indent="  ", subsequent_indent="  ")
        lines = [f"{name}: {ready.title}", *about]
        lines += [f"  --param {key}=VALUE  {doc}" for key, doc in ready.params.items()]
        lines += ["  --param limit=N  the first N rows only", f"  usage: {usage}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def sparql_text(sparql: str | None, file: Path | None, name: str | None, params: dict[str, str]) -> str:
    """The one query the options name: inline text, a file, or a ready query with its parameters bound."""
    from kg.query import bind_values, ready_query

    given = [option for option, value in (("SPARQL", sparql), ("--file", file), ("--name", name)) if value]
    if len(given) != 1:
        raise QueryError("give exactly one of SPARQL, --file FILE or --name NAME (see kg query --list)")
    if name:
        return ready_query(name).bind(params)
    if file:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read query file {file}: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise QueryError(
                f"cannot read query file {file}: not UTF-8 (invalid byte 0x{exc.object[exc.start]:02x} "
                f"at offset {exc.start}); save it as UTF-8"
            ) from None
    else:
        text = sparql or ""
    return bind_values(text, params)


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="SPARQL query text.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-F", help="Read the SPARQL from this file.")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Run a ready query (see --list).")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE, bound as a string literal to ?NAME (repeatable)."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="table, json, xml, csv or tsv (graph results: turtle or an export format)."
        ),
    ] = "table",
    allow_update: Annotated[
        bool, typer.Option("--allow-update", help="Allow SPARQL Update (changes the store).")
    ] = False,
    list_queries: Annotated[bool, typer.Option("--list", help="List the ready queries and exit.")] = False,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over the store (the default graph is the union of all article graphs)."""
    from kg.query import evaluating, on_deep_stack, render, run
    from kg.store import open_store

    def answer(text: str) -> str | None:
        with open_store(settings.store_location(store), read_only=not allow_update) as graph_store:
            result = run(graph_store, text, allow_update=allow_update)
            if result is None:
                err_console.print(f"update applied; store holds {len(graph_store)} quads", markup=False)
                return None
            with evaluating(text):  # results are computed as they are written
                return render(result, fmt)

    def work() -> None:
        if list_queries:
            typer.echo(list_ready(), nl=False)
            return
        text = on_deep_stack(answer, sparql_text(sparql, file, name, parse_params(param or [])))
        if text is not None:
            typer.echo(text, nl=False)

    guarded(work)
