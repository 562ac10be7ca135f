"""Every serialization kg writes, in one registry: names, aliases, media types, suffixes and writers.

Two kinds of format: RDF (:data:`GRAPH_FORMATS`, for ``kg export``, CONSTRUCT/DESCRIBE answers of
``kg query`` and the server) and SPARQL query results (:data:`RESULTS_FORMATS`, for SELECT/ASK answers
of ``kg query`` and the server). A format answers to its name, its aliases and its media types, in any
case. The bytes are always pyoxigraph's: :func:`write_solutions` hands pyoxigraph a result made of the
rows already taken (so a cut-off answer is written by the same serializer as a whole one), and
:func:`write_graph` calls :func:`pyoxigraph.serialize`.

XML 1.0 cannot carry most control characters (U+0000–U+001F but tab, newline and carriage return),
not even as character references, and article text sometimes holds them (ESC, BEL): every XML writer
here replaces them with U+FFFD (:func:`xml_safe`) so the document stays well-formed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import UnknownFormatError
from kg.text import spreadsheet_cell


class _Named:
    """What every format offers from pyoxigraph's own: its media type, all its media types, its suffix."""

    also_media_types: tuple[str, ...]

    @property
    def _native(self) -> ox.RdfFormat | ox.QueryResultsFormat:
        raise NotImplementedError

    @property
    def media_type(self) -> str:
        return self._native.media_type.split(";")[0]

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.also_media_types)

    @property
    def suffix(self) -> str:
        return self._native.file_extension


@dataclass(frozen=True)
class GraphFormat(_Named):
    """An RDF serialization: its canonical name, other names, extra media types and pyoxigraph's format."""

    name: str
    rdf_format: ox.RdfFormat
    aliases: tuple[str, ...] = ()
    also_media_types: tuple[str, ...] = ()
    for_triples: bool = True
    """Offered for CONSTRUCT/DESCRIBE answers (which hold triples, no graphs)."""

    @property
    def _native(self) -> ox.RdfFormat:
        return self.rdf_format

    @property
    def keeps_graphs(self) -> bool:
        return bool(self.rdf_format.supports_datasets)

    @property
    def is_xml(self) -> bool:
        return self.rdf_format == ox.RdfFormat.RDF_XML


@dataclass(frozen=True)
class ResultsFormat(_Named):
    """A SPARQL 1.1 query results serialization (SELECT and ASK answers)."""

    name: str
    results_format: ox.QueryResultsFormat
    aliases: tuple[str, ...] = ()
    also_media_types: tuple[str, ...] = ()

    @property
    def _native(self) -> ox.QueryResultsFormat:
        return self.results_format

    @property
    def is_xml(self) -> bool:
        return self.results_format == ox.QueryResultsFormat.XML

    @property
    def is_csv(self) -> bool:
        """CSV opens in spreadsheets: its cells are neutralised (:func:`kg.text.spreadsheet_cell`)."""
        return self.results_format == ox.QueryResultsFormat.CSV


GRAPH_FORMATS: tuple[GraphFormat, ...] = (
    GraphFormat("turtle", ox.RdfFormat.TURTLE, ("ttl",), ("application/x-turtle", "application/turtle")),
    GraphFormat("trig", ox.RdfFormat.TRIG, for_triples=False),
    GraphFormat("nt", ox.RdfFormat.N_TRIPLES, ("ntriples", "n-triples"), ("text/plain",)),
    GraphFormat("nq", ox.RdfFormat.N_QUADS, ("nquads", "n-quads"), for_triples=False),
    GraphFormat("jsonld", ox.RdfFormat.JSON_LD, ("json-ld",)),
    GraphFormat("rdfxml", ox.RdfFormat.RDF_XML, ("xml", "rdf")),
)
"""RDF formats, in the order the server offers them (the first is the default)."""

RESULTS_FORMATS: tuple[ResultsFormat, ...] = (
    ResultsFormat("json", ox.QueryResultsFormat.JSON, (), ("application/json",)),
    ResultsFormat("xml", ox.QueryResultsFormat.XML, (), ("application/xml", "text/xml")),
    ResultsFormat("csv", ox.QueryResultsFormat.CSV),
    ResultsFormat("tsv", ox.QueryResultsFormat.TSV),
)
"""Query results formats, in the order the server offers them (the first is the default)."""


def _names(fmt: GraphFormat | ResultsFormat) -> tuple[str, ...]:
    return (fmt.name, *fmt.aliases, *fmt.media_types)


GRAPH_NAMES: dict[str, GraphFormat] = {key.lower(): f for f in GRAPH_FORMATS for key in _names(f)}
"""Every name, alias and media type (lower case) → its RDF format."""

RESULTS_NAMES: dict[str, ResultsFormat] = {key.lower(): f for f in RESULTS_FORMATS for key in _names(f)}
"""Every name, alias and media type (lower case) → its query results format."""


def graph_format(name: str, kind: str = "export format") -> GraphFormat:
    """The RDF format called ``name`` (a name, alias or media type); :class:`UnknownFormatError` if none."""
    try:
        return GRAPH_NAMES[name.strip().lower()]
    except KeyError:
        raise UnknownFormatError(kind, name, [f.name for f in GRAPH_FORMATS]) from None


def results_format(name: str, kind: str = "result format") -> ResultsFormat:
    """The query results format called ``name`` (a name, alias or media type)."""
    try:
        return RESULTS_NAMES[name.strip().lower()]
    except KeyError:
        raise UnknownFormatError(kind, name, [f.name for f in RESULTS_FORMATS]) from None


def offered(formats: Iterable[GraphFormat | ResultsFormat]) -> list[str]:
    """Media types to offer in content negotiation: each format's own first, then the other names."""
    chosen = list(formats)
    return [f.media_type for f in chosen] + [m for f in chosen for m in f.also_media_types]


SOLUTION_MEDIA_TYPES: list[str] = offered(RESULTS_FORMATS)
"""Media types offered for SELECT and ASK answers, the default first."""

GRAPH_MEDIA_TYPES: list[str] = offered(f for f in GRAPH_FORMATS if f.for_triples)
"""Media types offered for CONSTRUCT and DESCRIBE answers, the default first."""


# XML-safe text ---------------------------------------------------------------------------------------

XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold, not even as character references."""
REPLACEMENT = "\ufffd"


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return XML_INVALID.sub(REPLACEMENT, text)


def xml_safe_term(term: Any) -> Any:
    """The term with its literal text made XML-safe (IRIs and blank nodes cannot hold such characters)."""
    if isinstance(term, ox.Literal):
        if not XML_INVALID.search(term.value):
            return term
        if term.language:
            return ox.Literal(xml_safe(term.value), language=term.language)
        return ox.Literal(xml_safe(term.value), datatype=term.datatype)
    if isinstance(term, ox.Triple):
        return ox.Triple(term.subject, term.predicate, xml_safe_term(term.object))
    return term


def _xml_safe_triple(triple: ox.Triple) -> ox.Triple:
    return ox.Triple(triple.subject, triple.predicate, xml_safe_term(triple.object))


def spreadsheet_term(term: Any) -> Any:
    """The term with a literal a spreadsheet would run as a formula neutralised (OWASP; IRIs cannot be)."""
    if not isinstance(term, ox.Literal):
        return term
    value = spreadsheet_cell(term.value)
    if value == term.value:
        return term
    return ox.Literal(value, language=term.language) if term.language else ox.Literal(value)


# writers ---------------------------------------------------------------------------------------------

def _tsv_term(term: Any) -> str:
    """A term as SPARQL TSV results write it: N-Triples syntax (pyoxigraph's own ``str``), ``<<( )>>``
    around a triple term, nothing for unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} )>>"
    return str(term)


def as_solutions(variables: Sequence[str], rows: Sequence[Sequence[Any]]) -> ox.QuerySolutions:
    """``rows`` (lists of terms, ``None`` for unbound) as a pyoxigraph ``QuerySolutions``, in order.

    pyoxigraph writes results only from its own result type, so the rows go through its TSV results
    parser (every term in the N-Triples syntax pyoxigraph prints; blank nodes keep their labels),
    the fastest way back into that type.
    """
    lines = ["\t".join(f"?{name}" for name in variables)]
    lines += ["\t".join(_tsv_term(term) for term in cells) for cells in rows]
    return ox.parse_query_results(("\n".join(lines) + "\n").encode(), ox.QueryResultsFormat.TSV)


def write_solutions(variables: Sequence[str], rows: Sequence[Sequence[Any]], fmt: ResultsFormat) -> bytes:
    """SELECT results in ``fmt``, by pyoxigraph's serializer (XML made well-formed, CSV formula-free)."""
    if fmt.is_xml:
        rows = [[xml_safe_term(term) for term in cells] for cells in rows]
    if fmt.is_csv:
        rows = [[spreadsheet_term(term) for term in cells] for cells in rows]
    return as_solutions(variables, rows).serialize(format=fmt.results_format) or b""


def write_boolean(result: ox.QueryBoolean, fmt: ResultsFormat) -> bytes:
    """An ASK answer in ``fmt``, by pyoxigraph's serializer."""
    return result.serialize(format=fmt.results_format) or b""


def write_graph(
    triples: Iterable[ox.Triple], fmt: GraphFormat, prefixes: dict[str, str] | None = None
) -> bytes:
    """Triples in ``fmt``, by pyoxigraph's serializer (RDF/XML made well-formed)."""
    if fmt.is_xml:
        triples = [_xml_safe_triple(t) for t in triples]
    return ox.serialize(triples, None, fmt.rdf_format, prefixes=prefixes or {}) or b""
