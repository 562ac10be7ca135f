"""``kg remove``: take one article (its graph and provenance) out of the store."""

from __future__ import annotations

from typing import Annotated

import typer

from kg import settings
from kg.cli import StoreOption, app, guarded
from kg.errors import NotFoundError
from kg.text import counted


@app.command()
def remove(
    article_id: Annotated[str, typer.Argument(help="The article id (file stem or jsonl id) to remove.")],
    store: StoreOption = None,
) -> None:
    """Remove an article's graph and provenance from the store, and its reports from their incidents.

    The id is matched as ingest mints it (``Report A``, ``report-a`` and ``REPORT A`` name one article).
    """
    from kg.build import stored_id
    from kg.ingest import safe_id
    from kg.link import relink
    from kg.store import open_store

    def work() -> None:
        location = settings.store_location(store)
        with open_store(location, read_only=True) as existing:  # a missing store is an error, not created
            found = stored_id(existing, safe_id(article_id))
        if found is None:
            raise NotFoundError(f"no article {article_id!r} in store {location}")
        with open_store(location) as graph_store:
            graph_store.remove_article(found)
            linked = relink(graph_store, [found])
            n = linked.incidents_dropped
            dropped = f"; {counted(n, 'incident')} dropped" if n else ""
            typer.echo(f"removed {found}{dropped}; store {location} holds {len(graph_store)} quads")

    guarded(work)
