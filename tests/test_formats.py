"""kg.formats: one registry of names, aliases and media types; pyoxigraph's writers, XML kept well-formed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import UnknownFormatError
from kg.formats import (
    GRAPH_FORMATS,
    GRAPH_MEDIA_TYPES,
    RESULTS_FORMATS,
    SOLUTION_MEDIA_TYPES,
    as_solutions,
    graph_format,
    results_format,
    write_graph,
    write_solutions,
    xml_safe,
)

BEL_ESC = "alarm \x07 and escape \x1b and nul \x00 end"


def test_every_name_alias_and_media_type_finds_its_format() -> None:
    for fmt in GRAPH_FORMATS:
        for key in (fmt.name, *fmt.aliases, *fmt.media_types):
            assert graph_format(key.upper()) is fmt
    for fmt in RESULTS_FORMATS:
        for key in (fmt.name, *fmt.aliases, *fmt.media_types):
            assert results_format(f" {key} ") is fmt


def test_unknown_names_list_the_choices() -> None:
    with pytest.raises(UnknownFormatError, match="choose one of: jsonld, nq, nt, rdfxml, trig, turtle"):
        graph_format("docx")
    with pytest.raises(UnknownFormatError, match="choose one of: csv, json, tsv, xml"):
        results_format("text/turtle")


def test_the_server_offers_defaults_first_and_no_dataset_format_for_triples() -> None:
    assert SOLUTION_MEDIA_TYPES == [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
        "application/json",
        "application/xml",
        "text/xml",
    ]
    assert GRAPH_MEDIA_TYPES[0] == "text/turtle"
    assert "application/n-quads" not in GRAPH_MEDIA_TYPES and "application/trig" not in GRAPH_MEDIA_TYPES
    assert {"application/rdf+xml", "application/ld+json", "application/n-triples"} <= set(GRAPH_MEDIA_TYPES)


def test_rows_become_pyoxigraph_solutions_in_order_with_every_kind_of_term() -> None:
    quoted = ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"))
    rows = [
        [ox.NamedNode(f"urn:x:{i}"), ox.BlankNode("b1") if i % 2 else None, ox.Literal(str(i)), quoted]
        for i in range(25)
    ]
    solutions = list(as_solutions(["iri", "blank", "kg_row", "triple"], rows))
    assert [[s[i] for i in range(4)] for s in solutions] == rows


def test_no_variables_and_no_rows() -> None:
    assert len(list(as_solutions([], [[], []]))) == 2
    assert list(as_solutions(["a"], [])) == []


def test_xml_results_and_rdfxml_stay_well_formed_with_control_characters() -> None:
    literal = ox.Literal(BEL_ESC, language="en")
    body = write_solutions(["text"], [[literal]], results_format("xml"))
    root = ET.fromstring(body)  # raises on a character XML 1.0 cannot hold
    text = root.find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert text is not None and text.text == xml_safe(BEL_ESC)
    assert text.text == "alarm \ufffd and escape \ufffd and nul \ufffd end"
    triples = [ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), literal)]
    rdfxml = write_graph(triples, graph_format("rdfxml"))
    graph = rdflib.Graph().parse(data=rdfxml, format="xml")
    assert [str(o) for o in graph.objects()] == [xml_safe(BEL_ESC)]


def test_other_formats_keep_the_text_as_it_is() -> None:
    literal = ox.Literal(BEL_ESC)
    body = write_solutions(["text"], [[literal]], results_format("json"))
    parsed = list(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))
    assert parsed[0]["text"] == literal
    nt = write_graph([ox.Triple(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), literal)], graph_format("nt"))
    assert next(iter(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))).object == literal
