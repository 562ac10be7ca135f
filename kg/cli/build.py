"""``kg build``: the main job."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg import settings
from kg.cli import ModelOption, StoreOption, app, err_console, guarded
from kg.errors import BuildInterruptedError, IngestError, KgError
from kg.text import counted, printable


@app.command()
def build(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files (.txt .md .html .jsonl) or folders of them.")
    ],
    store: StoreOption = None,
    model: ModelOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes that parse and extract.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per spaCy batch.")] = 32,
    cluster: Annotated[
        str | None, typer.Option("--cluster", help="Dask scheduler address, or 'local' for a local cluster.")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Also write graph.ttl, events.csv and view.html into this folder."),
    ] = None,
    link: Annotated[
        bool,
        typer.Option(
            "--link/--no-link",
            help="Link reports of one real-world event across articles into incidents (a later build "
            "with --link links what a --no-link build left).",
        ),
    ] = True,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress display (the summary and errors still print).")
    ] = False,
) -> None:
    """Extract events from articles and add them to the store (re-running adds nothing twice)."""

    def report_error(error: KgError) -> None:
        verb = "skipped" if isinstance(error, IngestError) else "failed"
        err_console.print(printable(f"kg: {verb} {' '.join(str(error).split())}"), markup=False)

    def report_duplicate(article_id: str, original: str) -> None:
        err_console.print(f"kg: {article_id} has the same text as {original}; stored once", markup=False)

    def report_warning(message: str) -> None:
        err_console.print(printable(f"kg: warning: {message}; the article is kept"), markup=False)

    def work() -> None:
        from kg.ingest import count_inputs
        from kg.progress import BuildProgress
        from kg.store import open_store

        location = settings.store_location(store)
        progress = None
        latest = []  # the build's report as of its last item, to say what an interrupt kept

        def progressed(report) -> None:
            latest[:] = [report]
            if progress:
                progress.update(report)

        with open_store(location) as graph_store:  # first: a store in use fails before any progress
            stored_before = len(graph_store.articles())  # an interrupt says what the store gained
            try:
                if not quiet:  # before spaCy is even imported: the display is there from the first second
                    progress = BuildProgress(
                        count_inputs(paths),
                        stream=sys.stderr,
                        terminal=err_console.is_terminal,
                        console=err_console,
                    )
                    progress.stage("loading the English pipeline…")
                from kg.build import build as run_build  # imports spaCy: about 1.3 s

                report = run_build(
                    paths,
                    graph_store,
                    model=model,
                    jobs=jobs,
                    batch_size=batch_size,
                    cluster=cluster,
                    on_error=report_error,
                    on_duplicate=report_duplicate,
                    link=link,
                    on_warning=report_warning,
                    on_stage=progress.stage if progress else None,
                    on_progress=progressed,
                )
                if progress:
                    progress.finish()
                    progress = None
            except KeyboardInterrupt:
                # the last report may predate the batch just written: the store itself says what it gained
                gained = len(graph_store.articles()) - stored_before
                written = max(latest[0].added if latest else 0, gained)
                kept = (
                    f"{counted(written, 'article')} written and kept, each whole"
                    if written
                    else "none written"
                )
                raise BuildInterruptedError(
                    f"interrupted; {kept}; running the build again completes it"
                ) from None
            finally:
                if progress:
                    progress.stop()
            typer.echo(f"{report.summary()}; store {location} holds {len(graph_store)} quads")
            if out is not None:
                _write_outputs(graph_store, out)
        if report.failed or (report.added == 0 and report.unchanged == 0):
            raise typer.Exit(1)  # an article failed (the others are written), or nothing was stored

    guarded(work)


def _write_outputs(graph_store, out: Path) -> None:
    """The quickstart's deliverables: Turtle, the event table and the HTML view, with where they are."""
    from kg.analyze import to_networkx
    from kg.events import event_rows, write_events
    from kg.export import export
    from kg.view import render_html

    out.mkdir(parents=True, exist_ok=True)
    export(graph_store, "turtle", out / "graph.ttl")
    rows = event_rows(graph_store)
    write_events(rows, "csv", out / "events.csv")
    info = render_html(to_networkx(graph_store), out / "view.html")
    typer.echo(f"wrote {out / 'graph.ttl'} (Turtle)")
    typer.echo(f"wrote {out / 'events.csv'} ({counted(len(rows), 'event')})")
    typer.echo(f"wrote {out / 'view.html'} ({info.nodes} nodes, {info.edges} edges)")
