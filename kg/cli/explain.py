"""``kg explain``: why extraction found what it found in a text or an article, rule by rule."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from kg.cli import ModelOption, app, guarded
from kg.errors import BadOptionError


@app.command()
def explain(
    text: Annotated[str | None, typer.Argument(help="A text to explain (or use --article).")] = None,
    article: Annotated[
        str | None, typer.Option("--article", "-a", help="Explain the article with this id (see --from).")
    ] = None,
    sources: Annotated[
        list[Path] | None,
        typer.Option(
            "--from", help="File or folder holding the --article (as given to kg build); repeatable."
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date of TEXT (YYYY-MM-DD), for relative dates."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    model: ModelOption = None,
) -> None:
    """Show sentence by sentence the triggers, each candidate argument with the rule that took or rejected
    it, the merges, and the final events with the rule of every argument."""
    from kg.extract import load_pipeline
    from kg.extract.explain import as_data, explain_text, find_article, render_text
    from kg.extract.explain import explain as explain_article

    def work() -> None:
        if fmt not in {"text", "json"}:
            raise BadOptionError(f"--format must be text or json, not {fmt!r}")
        if (text is None) == (article is None):
            raise BadOptionError("give a TEXT or --article ID (with --from PATH), not both or neither")
        nlp = load_pipeline(model)
        if article is not None:
            result = explain_article(find_article(article, list(sources or [])), nlp)
        else:
            result = explain_text(text or "", nlp, published=_date(published))
        if fmt == "json":
            typer.echo(json.dumps(as_data(result), ensure_ascii=False, indent=2))
        else:
            typer.echo(render_text(result))

    guarded(work)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadOptionError(f"--published must be a date YYYY-MM-DD, not {value!r}") from None
