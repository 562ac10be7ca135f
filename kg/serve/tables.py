"""Query results as an HTML page for a browser: a sortable table with CSV and JSON download links.

A ready query (``/queries/NAME``) answers this page when the request's ``Accept`` header names
``text/html`` (a browser does); any other client gets SPARQL results. Cells are escaped; the page
sorts its table by a click on a column heading with a small inline script and loads nothing else.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.serve.media import parse_accept
from kg.text import counted

DOWNLOADS = {"csv": "text/csv", "tsv": "text/tab-separated-values", "json": "application/sparql-results+json",
             "xml": "application/sparql-results+xml"}
"""``?download=NAME`` on a query URL: the media type answered whatever ``Accept`` says (download links)."""

_SORT = """
document.querySelectorAll("table.results th").forEach(function (th, column) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0];
    var up = th.getAttribute("aria-sort") !== "ascending";
    th.closest("tr").querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", up ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].textContent, y = b.cells[column].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var order = (!isNaN(nx) && !isNaN(ny) && String(nx) === x.trim() && String(ny) === y.trim())
        ? nx - ny : x.localeCompare(y);
      return up ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
"""

_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"
_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; color: #222; }
table.results { border-collapse: collapse; width: 100%; font-size: 14px; }
table.results th, table.results td { border-bottom: 1px solid #e4e7eb; padding: 4px 8px; text-align: left;
  vertical-align: top; }
table.results th { cursor: pointer; background: #f5f7fa; position: sticky; top: 0; user-select: none; }
table.results th[aria-sort=ascending]::after { content: " ▲"; }
table.results th[aria-sort=descending]::after { content: " ▼"; }
.downloads a { margin-right: 1em; }
.note { color: #616e7c; }
"""


def wants_html(accept: str | None) -> bool:
    """Whether the request names ``text/html`` itself (a browser), with a q above zero.

    >>> wants_html("text/html,application/xhtml+xml,*/*;q=0.8"), wants_html("*/*"), wants_html(None)
    (True, False, False)
    """
    return any(r.kind == "text" and r.subtype == "html" and r.q > 0 for r in parse_accept(accept))


def cell(term: Any) -> str:
    if term is None:
        return ""
    return term.value if isinstance(term, ox.Literal | ox.NamedNode | ox.BlankNode) else str(term)


def result_rows(result: Any, limit: int) -> tuple[list[str], list[list[str]], bool]:
    """The columns, up to ``limit`` rows of cell texts, and whether rows were cut."""
    if isinstance(result, ox.QueryBoolean):
        return ["answer"], [["true" if bool(result) else "false"]], False
    if not hasattr(result, "variables"):
        rows = [[cell(t.subject), cell(t.predicate), cell(t.object)] for t in islice(result, limit + 1)]
        return ["subject", "predicate", "object"], rows[:limit], len(rows) > limit
    columns = [variable.value for variable in result.variables]
    width = range(len(columns))
    rows = [[cell(solution[index]) for index in width] for solution in islice(result, limit + 1)]
    return columns, rows[:limit], len(rows) > limit


def download_links(path: str, params: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    kept = [(k, v) for k, v in params if k != "download"]
    return [(name.upper(), f"{path}?{urlencode([*kept, ('download', name)])}") for name in ("csv", "json")]


def table_page(
    title: str, description: str, columns: Sequence[str], rows: Sequence[Sequence[str]], *,
    links: Sequence[tuple[str, str]], truncated: bool = False, query: str | None = None,
) -> bytes:
    """The HTML page of a result table."""
    esc = html.escape
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in columns)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{_linked(value)}</td>" for value in row) + "</tr>" for row in rows
    )
    downloads = " ".join(f'<a href="{esc(href)}" download>{esc(name)}</a>' for name, href in links)
    cut = '<p class="note">The result was cut at the server\'s row limit.</p>' if truncated else ""
    sparql = f"<details><summary>SPARQL</summary><pre>{esc(query)}</pre></details>" if query else ""
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)} — kg</title>
<meta http-equiv="Content-Security-Policy" content="{_POLICY}">
<style>{_STYLE}</style></head>
<body><p><a href="/">kg</a></p><h1>{esc(title)}</h1><p>{esc(description)}</p>
<p class="downloads">{counted(len(rows), 'row')} · Download: {downloads}</p>{cut}
<table class="results"><thead><tr>{head}</tr></thead><tbody>
{body}
</tbody></table>{sparql}
<script>{_SORT}</script></body></html>
"""
    return page.encode("utf-8")


def _linked(value: str) -> str:
    if value.startswith(("http://", "https://")):
        return f'<a href="{html.escape(value)}">{html.escape(value)}</a>'
    return html.escape(value)
