"""``kg serve``: the store as a SPARQL 1.1 endpoint, with the ready queries, event table and graph view.

:mod:`.app` is the HTTP side (routes, request parsing, limits, the log), :mod:`.answers` the work
done in the worker processes of :mod:`.pool`, :mod:`.media` the media types and result writers,
:mod:`.cache` the answers kept for repeated requests, ``index.html`` the query page.
"""

from kg.serve.app import create_app

__all__ = ["create_app"]
