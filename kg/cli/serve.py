"""``kg serve``: the store as a SPARQL 1.1 endpoint with the ready queries, event table and view."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from kg import settings
from kg.cli import StoreOption, app, err_console, guarded


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; loopback unless you mean to expose it.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    timeout: Annotated[
        float, typer.Option(help="Seconds a query may run before its worker is stopped (503).")
    ] = 10.0,
    allow_update: Annotated[
        bool, typer.Option("--allow-update", help="Accept SPARQL Update from clients that send the token.")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(envvar="KG_SERVE_TOKEN", show_envvar=True, help="Bearer token required for updates."),
    ] = None,
    max_results: Annotated[
        int, typer.Option(help="Rows or triples per answer; longer results are cut (X-KG-Truncated: true).")
    ] = 100_000,
    max_body: Annotated[int, typer.Option(help="Largest request body in bytes (413 beyond).")] = 1_000_000,
    workers: Annotated[int, typer.Option(help="Worker processes running queries.")] = 4,
    log_queries: Annotated[
        bool, typer.Option("--log-queries", help="Log the SPARQL text of each request.")
    ] = False,
    cache_mb: Annotated[
        int, typer.Option(help="Megabytes of answers kept for repeated requests (0: no cache).", min=0)
    ] = 64,
    max_query_bytes: Annotated[
        int, typer.Option(help="Largest SPARQL text in bytes (413 beyond).", min=1, max=1_000_000)
    ] = 65_536,
    allow_service: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-service",
            help="An endpoint URL that SERVICE may call (repeatable); without it SERVICE is refused.",
        ),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="A Host name clients may use besides the bound address, IPs and localhost (repeatable).",
        ),
    ] = None,
    max_client_queries: Annotated[
        int | None,
        typer.Option(
            help="Requests one client may have running at once (429 beyond); default half the workers.", min=1
        ),
    ] = None,
) -> None:
    """Serve the store over HTTP: SPARQL 1.1 Protocol at /sparql, query page at /, view at /view."""
    import uvicorn

    from kg.serve import create_app
    from kg.serve.guard import exposure_warning

    location = settings.store_location(store)
    served = guarded(
        lambda: create_app(
            location,
            allow_update=allow_update,
            token=token,
            timeout=timeout,
            max_results=max_results,
            max_body=max_body,
            workers=workers,
            log_queries=log_queries,
            cache_mb=cache_mb,
            max_query_bytes=max_query_bytes,
            allow_service=allow_service or (),
            host=host,
            allow_host=allow_host or (),
            max_client_queries=max_client_queries,
        )
    )
    warning = exposure_warning(host, port)
    if warning:
        err_console.print(warning, style="bold red", markup=False)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    mode = "read-write (token required)" if allow_update else "read-only"
    logging.getLogger("kg.serve").info("serving %s %s at http://%s:%d/sparql", location, mode, host, port)
    uvicorn.run(served, host=host, port=port, access_log=False, log_level="warning")
