"""Text made safe for where it goes: the store (valid Unicode XML 1.0 can hold), a spreadsheet, a terminal.

- :func:`valid_text` is applied to every field of an article on ingest, before it is hashed or
  stored: a lone surrogate (``"\\udc80"`` is valid JSON and YAML, but no Unicode text can hold it)
  becomes U+FFFD, and the characters XML 1.0 cannot carry, not even as references (C0 controls
  but tab, newline and carriage return; U+FFFE, U+FFFF) are dropped, form feed and vertical tab
  becoming newlines. What is stored can then be written in every format, RDF/XML included.
- :func:`spreadsheet_cell` neutralises a CSV cell a spreadsheet would run as a formula (OWASP's
  CSV injection rule: a cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return
  gets a leading ``'``); a plain number such as ``-3`` or ``+1.5`` is left alone.
  (``defusedcsv`` does the same, but misses tab and carriage return and rewrites ``|``, which
  the event table uses to join labels.)
- :func:`counted` writes a count with its noun, singular for one ("1 incident", "2 incidents").
- :func:`printable` drops control characters (C0 but tab and newline, DEL, C1: ESC sequences,
  BEL, the 8-bit CSI) from text shown on a terminal, so an article cannot move the cursor,
  recolour the screen or set the window title of whoever reads a table of it.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

REPLACEMENT = "\ufffd"
SURROGATE = re.compile("[\ud800-\udfff]")
"""A surrogate code point in a Python ``str`` is always lone: a valid pair is one character."""
LINE_BREAKS = re.compile("[\x0b\x0c]")
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters other than surrogates that XML 1.0 cannot hold (surrogates are handled first)."""
INVALID = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Any character :func:`valid_text` changes."""
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a terminal acts on (tab and newline are kept; carriage return goes)."""
FORMULA_START = frozenset("=+-@\t\r")
NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)*|[.,]\d+)([eE][+-]?\d+)?")


def valid_text(text: str) -> str:
    """``text`` as valid Unicode that XML 1.0 can hold: lone surrogates → U+FFFD, other invalid characters
    dropped (form feed and vertical tab → newline)."""
    if INVALID.search(text) is None:
        return text
    text = SURROGATE.sub(REPLACEMENT, text)
    text = LINE_BREAKS.sub("\n", text)
    return XML_INVALID.sub("", text)


def spreadsheet_cell(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula (OWASP), else as it is."""
    if value and value[0] in FORMULA_START and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None: an article's ``javascript:`` or ``data:`` URL never
    becomes a link a reader clicks (the page runs inline scripts, so it would run too)."""
    return url if url and re.match(r"https?://[^\s]", url.strip(), re.IGNORECASE) else None


def printable(text: str) -> str:
    """``text`` without the control characters a terminal would act on (tab and newline kept)."""
    return TERMINAL_CONTROL.sub("", text)


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    """Rows as a plain terminal table: headers, a rule, aligned columns, no trailing spaces, no blank
    first line, so it pastes and diffs cleanly; cells are :func:`printable` (newlines folded).

    >>> print(text_table(["place", "attacks"], [["Kerman", "1"], ["Baghdad", "12"]]), end="")
    place    attacks
    -------  -------
    Kerman   1
    Baghdad  12
    """
    body = [[" ".join(printable(str(cell)).split()) for cell in row] for row in rows]
    widths = [cell_len(h) for h in headers]
    for row in body:
        widths = [max(w, cell_len(c)) for w, c in zip(widths, row, strict=True)]
    lines = [headers, ["-" * w for w in widths], *body]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - cell_len(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "".join(line(cells) + "\n" for cells in lines)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and its noun, in the plural unless ``n`` is one.

    >>> counted(1, "incident"), counted(3, "event"), counted(0, "reply", "replies")
    ('1 incident', '3 events', '0 replies')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
