"""The SPARQL text every backend sends: article replacement and removal, lookups, parser messages.

Both backends (:mod:`.oxigraph` on disk, :mod:`.remote` over HTTP) speak SPARQL, so the requests that
implement the :class:`kg.store.Store` protocol are written once, here, from the IRIs :mod:`kg.rdf` mints.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.rdf import article_graph, article_iri, provenance_graph
from kg.terms import DCTERMS, KG, PROV

POSITION = re.compile(r"^error at (\d+):(\d+): ")


def syntax_message(error: SyntaxError) -> str:
    """Oxigraph's parse error with its position spelled out: ``line 1, column 22: expected ...``."""
    text = str(error)
    return POSITION.sub(lambda m: f"line {m[1]}, column {m[2]}: ", text, count=1)


def term(node: Any) -> str:
    """A term in SPARQL syntax (pyoxigraph prints N-Triples, which SPARQL accepts)."""
    return str(node)


def insert_data(quads: Iterable[ox.Quad]) -> str:
    """``INSERT DATA`` for ``quads``, grouped by graph (empty string when there are none)."""
    return _data("INSERT DATA", quads)


def delete_data(quads: Iterable[ox.Quad]) -> str:
    """``DELETE DATA`` for ``quads``, grouped by graph (empty string when there are none)."""
    return _data("DELETE DATA", quads)


def _data(operation: str, quads: Iterable[ox.Quad]) -> str:
    by_graph: dict[str, list[str]] = defaultdict(list)
    for quad in quads:
        graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else term(quad.graph_name)
        by_graph[graph].append(f"{term(quad.subject)} {term(quad.predicate)} {term(quad.object)} .")
    if not by_graph:
        return ""
    blocks = [
        "\n".join(lines) if not graph else f"GRAPH {graph} {{\n" + "\n".join(lines) + "\n}"
        for graph, lines in by_graph.items()
    ]
    return operation + " {\n" + "\n".join(blocks) + "\n}"


def delete_article(article_id: str) -> str:
    """Drop the article's graph and its provenance: its events' links, its activities, its record.

    Each operation starts from the article's IRI, so its cost does not grow with the store.
    """
    prov, art = term(provenance_graph()), term(article_iri(article_id))
    used, generated = term(PROV.used), term(PROV.wasGeneratedBy)
    return f"""DROP SILENT GRAPH {term(article_graph(article_id))} ;
DELETE {{ GRAPH {prov} {{ ?s ?p ?o }} }}
WHERE {{ GRAPH {prov} {{ ?activity {used} {art} . ?s {generated} ?activity . ?s ?p ?o }} }} ;
DELETE {{ GRAPH {prov} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {prov} {{ ?s {used} {art} . ?s ?p ?o }} }} ;
DELETE WHERE {{ GRAPH {prov} {{ {art} ?p ?o }} }}"""


def replace_article(article_id: str, quads: Iterable[ox.Quad]) -> str:
    """One update (one transaction) that swaps the article's graph and provenance for ``quads``."""
    insert = insert_data(quads)
    return delete_article(article_id) + (" ;\n" + insert if insert else "")


def has_article(article_id: str, sha256: str, extractor: tuple[str, str] | None = None) -> str:
    """``ASK`` whether the article is stored with this content digest (its ``kg:sha256``), and, with
    ``extractor`` = ``(version, model)``, was extracted by that extractor version with that model."""
    article = term(article_iri(article_id))
    made_by = ""
    if extractor is not None:
        version, model = (term(ox.Literal(value)) for value in extractor)
        made_by = (
            f" GRAPH {term(provenance_graph())} {{ ?run {term(PROV.used)} {article} ; "
            f"{term(KG.extractorVersion)} ?v ; {term(KG.model)} ?m }} "
            f"FILTER(STR(?v) = {version} && STR(?m) = {model})"
        )
    return f"ASK {{ {article} {term(KG.sha256)} ?h FILTER(STR(?h) = {term(ox.Literal(sha256))}){made_by} }}"


def article_stored(article_id: str) -> str:
    """``ASK`` whether the article has a graph or a provenance record."""
    return (
        f"ASK {{ {{ GRAPH {term(article_graph(article_id))} {{ ?s ?p ?o }} }} "
        f"UNION {{ GRAPH {term(provenance_graph())} {{ {term(article_iri(article_id))} ?p ?o }} }} }}"
    )


ARTICLE_IDS = (
    f"SELECT DISTINCT ?id WHERE {{ ?a a {term(KG.Article)} ; {term(DCTERMS.identifier)} ?id }} ORDER BY ?id"
)
"""The identifiers of the stored articles, sorted."""
