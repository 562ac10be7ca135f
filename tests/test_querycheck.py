"""kg.querycheck: SERVICE calls and nesting depth found in SPARQL text before pyoxigraph sees it."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.querycheck import MAX_DEPTH, check, scan

URL = "http://127.0.0.1:9999/sparql"

CALLS = {
    "plain": f"SELECT * WHERE {{ SERVICE <{URL}> {{ ?s ?p ?o }} }}",
    "lower silent": f"select * where {{ service silent <{URL}> {{ ?s ?p ?o }} }}",
    "comments between": f"SELECT * WHERE {{ #x\nSERVICE#y\n<{URL}> {{ ?s ?p ?o }} }}",
    "no spaces": f"SELECT*WHERE{{SERVICE<{URL}>{{?s?p?o}}}}",
    "in exists": f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE <{URL}> {{ ?s ?p ?o }} }} }}",
    "in subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{URL}> {{ ?s ?p ?o }} }} }} }}",
    "ask": f"ASK {{ SERVICE <{URL}> {{ ?s ?p ?o }} }}",
    "construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{URL}> {{ ?s ?p ?o }} }}",
    "update": f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{URL}> {{ ?s ?p ?o }} }}",
    "prefixed": "PREFIX e: <http://127.0.0.1:9999/> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
    "relative to BASE": "BASE <http://127.0.0.1:9999/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "variable": f"SELECT * WHERE {{ VALUES ?e {{ <{URL}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "after a string with a quote": f"SELECT * WHERE {{ BIND('it\\'s' AS ?x) SERVICE <{URL}> {{ }} }}",
    "after a less-than": f"SELECT * WHERE {{ FILTER(?a<1) SERVICE <{URL}> {{ }} }}",
}


@pytest.mark.parametrize("sparql", CALLS.values(), ids=CALLS.keys())
def test_every_way_of_writing_a_service_call_is_refused_by_default(sparql: str) -> None:
    with pytest.raises(QueryError, match="federated queries are off: SERVICE"):
        check(sparql)


NOT_CALLS = {
    "in a string": 'SELECT ("SERVICE <http://x/>" AS ?s) WHERE { }',
    "in a long string": "SELECT ('''a\nSERVICE <http://x/> { }''' AS ?s) WHERE { }",
    "in a comment": "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }",
    "in an IRI": "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
    "a prefixed local name": "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:SERVICE ?o }",
    "a variable": "SELECT ?service WHERE { ?service ?p ?o }",
}


@pytest.mark.parametrize("sparql", NOT_CALLS.values(), ids=NOT_CALLS.keys())
def test_the_word_service_elsewhere_is_no_call(sparql: str) -> None:
    assert check(sparql).services == ()


def test_allowed_endpoints_pass_written_in_full_or_by_prefix_and_others_do_not() -> None:
    allowed = {URL}
    assert check(CALLS["plain"], allow_service=allowed).services == (URL,)
    assert check(CALLS["prefixed"], allow_service=allowed).services == (URL,)
    for name in ("relative to BASE", "variable"):
        with pytest.raises(QueryError, match="not an allowed endpoint"):
            check(CALLS[name], allow_service=allowed)
    with pytest.raises(QueryError, match="not an allowed endpoint"):
        check("SELECT * WHERE { SERVICE <http://169.254.169.254/latest> { } }", allow_service=allowed)
    assert check(CALLS["variable"], allow_service=None).services == ("?e",)  # None: any (the CLI)


def test_nesting_deeper_than_the_limit_is_refused_before_parsing() -> None:
    at_limit = "SELECT * WHERE { FILTER(" + "(" * (MAX_DEPTH - 2) + "1" + ")" * (MAX_DEPTH - 2) + ") }"
    assert scan(at_limit).depth == MAX_DEPTH
    check(at_limit)
    attack = "SELECT * WHERE { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }"  # issue 13 #8
    with pytest.raises(QueryError, match="nests brackets 10002 deep; at most 100"):
        check(attack)
    assert scan("SELECT ('((((((' AS ?x) WHERE { } # ((((").depth == 1  # strings and comments don't nest
