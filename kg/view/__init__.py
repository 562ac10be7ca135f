"""Interactive HTML views of the event graph (vis-network, as shipped by pyvis), one self-contained page.

:mod:`kg.view.select` chooses what to draw (a focus, a cut that keeps every event type),
:mod:`kg.view.incidents` merges the reports of one incident, :mod:`kg.view.labels` names events so
they can be told apart, :mod:`kg.view.layout` places nodes without label overlaps, and
:mod:`kg.view.page` writes the page (details panel, filters, level of detail, cluster overview).
"""

from kg.view.page import (
    DEFAULT_TITLE,
    ViewInfo,
    edge_style,
    neighbours,
    node_style,
    page,
    page_data,
    render_html,
    script_json,
    style,
    write_atomic,
)
from kg.view.select import keep_every_type, most_important, select

__all__ = [
    "DEFAULT_TITLE",
    "ViewInfo",
    "edge_style",
    "keep_every_type",
    "most_important",
    "neighbours",
    "node_style",
    "page",
    "page_data",
    "render_html",
    "script_json",
    "select",
    "style",
    "write_atomic",
]
