"""SPARQL over the store: query/update detection, errors with positions, rendering, every ready query."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_store import fill

from kg.errors import NotFoundError, QueryError, UnknownFormatError, UpdateNotAllowedError
from kg.query import bind_values, is_update, parse_ready_query, ready_queries, ready_query, render, run
from kg.store import open_store

EXPECTED_READY = {
    "who-claimed",
    "attacks-by-place",
    "reactions",
    "actors-by-events",
    "casualties-by-place",
    "entity",
    "timeline",
    "sources",
    "facts",
    "incident",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    with open_store(tmp_path_factory.mktemp("query") / "store") as opened:
        fill(opened)
        yield opened


def rows(store, query_name: str, **params: str) -> list[dict[str, str]]:
    result = run(store, ready_query(query_name).bind(params))
    return list(csv.DictReader(io.StringIO(render(result, "csv"))))


def incident_of(store, doc: str) -> str:
    from kg.events import event_rows

    [found] = [r["incident"] for r in event_rows(store) if r["doc"] == doc and r["type"] == "Attack"]
    return found


def test_facts_give_each_role_value_its_own_evidence(store) -> None:
    found = rows(store, "facts")
    assert {"doc", "event", "role", "value", "sentence", "start", "end", "rule"} <= set(found[0])
    killed = [r for r in found if r["role"] == "killed"]
    assert {(r["doc"], r["value"]) for r in killed} == {("bombing", "12"), ("raid", "3")}
    for row in killed:
        assert row["value"] in row["sentence"]
    accused = [r for r in found if r["doc"] == "bombing" and r["event"] == "e4"]
    assert {(r["role"], r["value"]) for r in accused} == {
        ("agent", "Ruritania"), ("target", "Borduria"), ("about", "e1")
    }
    assert {r["rule"] for r in found} == {"event.evidence"}  # the sample events carry no facts


def test_incident_lists_reports_facts_and_reactions(store) -> None:
    found = rows(store, "incident", id=incident_of(store, "bombing"))
    assert {r["doc"] for r in found} == {"bombing"}
    assert ("claimed-by", "Northern Front") in {(r["role"], r["value"]) for r in found}
    assert ("blamed-on", "Borduria (by Ruritania)") in {(r["role"], r["value"]) for r in found}
    assert ("killed", "12") in {(r["role"], r["value"]) for r in found}
    assert rows(store, "incident", id="no-such-incident") == []


def test_ready_queries_have_titles_and_descriptions() -> None:
    queries = ready_queries()
    assert set(queries) == EXPECTED_READY
    for ready in queries.values():
        assert ready.title and ready.description, ready.name
        assert not is_update(ready.sparql)
    assert set(queries["entity"].params) == {"name"}
    assert set(queries["incident"].params) == {"id"}


def test_who_claimed(store) -> None:
    [row] = rows(store, "who-claimed")
    assert row["claimant"] == "Northern Front"
    assert row["place"] == "Old Market"
    assert row["date"] == "2023-05-04"
    assert row["doc"] == "bombing"
    assert row["attack"].startswith("Attack")


def test_attacks_by_place(store) -> None:
    found = [
        (r["place"], r["date"], r["reports"], r["killed"], r["injured"], r["docs"])
        for r in rows(store, "attacks-by-place")
    ]
    assert found == [
        ("Harbour District", "2023-06", "1", "3", "", "raid"),
        ("Old Market", "2023-05-04", "1", "12", "30", "bombing"),
    ]


def test_reactions(store) -> None:
    found = {(r["reaction"], r["by"], r["against"], r["doc"]) for r in rows(store, "reactions")}
    assert found == {
        ("condemned", "City Council", "", "bombing"),
        ("accused", "Ruritania", "Borduria", "bombing"),
        ("denied", "Northern Front", "", "raid"),
    }


def test_actors_by_events(store) -> None:
    found = [
        (r["actor"], r["events"], r["as_agent"], r["as_target"]) for r in rows(store, "actors-by-events")
    ]
    assert found[0] == ("Northern Front", "2", "2", "0")
    assert ("villagers", "2", "1", "1") in found
    assert ("Borduria", "1", "0", "1") in found


def test_casualties_by_place(store) -> None:
    found = [
        (r["place"], r["incidents"], r["reports"], r["killed"], r["killed_range"], r["injured"])
        for r in rows(store, "casualties-by-place")
    ]
    assert found == [
        ("Old Market", "1", "1", "12", "12", "30"),
        ("Harbour District", "1", "1", "3", "3", "0"),
    ]


def test_entity_by_alias_and_label(store) -> None:
    by_alias = rows(store, "entity", name="NF")
    assert by_alias == rows(store, "entity", name="Northern Front")
    relations = {(r["direction"], r["relation"].rsplit("#", 1)[-1], r["doc"]) for r in by_alias}
    assert ("out", "claimed", "bombing") in relations
    assert ("out", "denied", "raid") in relations
    assert ("in", "agent", "raid") in relations
    assert rows(store, "entity", name='Nobody "at all"') == []


def test_entity_needs_its_parameter() -> None:
    with pytest.raises(QueryError, match="needs --param name="):
        ready_query("entity").bind({})
    with pytest.raises(QueryError, match="no parameter 'who'"):
        ready_query("entity").bind({"name": "x", "who": "y"})


def test_timeline(store) -> None:
    found = [(r["date"], r["type"], r["reports"], r["doc"]) for r in rows(store, "timeline")]
    assert found == [
        ("2023-05-04", "Attack", "1", "bombing"),
        ("2023-06", "Attack", "1", "raid"),
        ("2023-06", "Protest", "1", "raid"),
    ]


def test_sources(store) -> None:
    found = rows(store, "sources")
    assert [(r["doc"], r["event"]) for r in found] == [
        ("bombing", "e1"),
        ("bombing", "e2"),
        ("bombing", "e3"),
        ("bombing", "e4"),
        ("raid", "e1"),
        ("raid", "e2"),
        ("raid", "e3"),
    ]
    assert found[3]["sentence"] == "Ruritania accused Borduria of the bombing."
    assert found[3]["title"] == "Market bombing"


def test_every_ready_query_takes_a_limit(store) -> None:
    every = rows(store, "sources")
    assert rows(store, "sources", limit="3") == every[:3]
    assert rows(store, "sources", limit=" 100 ") == every
    assert rows(store, "timeline", limit="1") == rows(store, "timeline")[:1]
    assert len(rows(store, "entity", name="NF", limit="2")) == 2
    bound = ready_query("reactions").bind({"limit": "5"})
    assert bound.rstrip().endswith("LIMIT 5")


@pytest.mark.parametrize("bad", ["0", "-1", "ten", "2; DROP ALL", "\u00b2", ""])
def test_limit_must_be_a_positive_integer(bad: str) -> None:
    with pytest.raises(QueryError, match="limit must be a positive integer"):
        ready_query("sources").bind({"limit": bad})


def test_shortcut_and_event_centric_shapes_agree(store) -> None:
    prefix = "PREFIX kg: <https://w3id.org/newskg/ontology#>\n"
    shortcut = run(
        store, prefix + "SELECT DISTINCT ?a ?p WHERE { ?actor kg:claimed ?a . ?a kg:locatedIn ?p }"
    )
    centric = run(
        store,
        prefix + "SELECT DISTINCT ?a ?p WHERE { ?c a kg:ClaimResponsibility ; kg:agent ?actor ; "
        "kg:about ?a . ?a kg:locatedIn ?p }",
    )
    assert render(shortcut, "csv") == render(centric, "csv")
    assert render(run(store, prefix + "SELECT ?a WHERE { ?x kg:claimed ?a }"), "csv").count("\n") == 2


def test_malformed_query_reports_line_and_column(store) -> None:
    with pytest.raises(QueryError, match=r"malformed SPARQL at line 2, column 16: expected"):
        run(store, "SELECT ?s\nWHERE { ?s ?p }")


def test_update_is_refused_without_permission(store) -> None:
    before = len(store)
    with pytest.raises(UpdateNotAllowedError, match="--allow-update"):
        run(store, "DELETE WHERE { ?s ?p ?o }")
    assert len(store) == before


def test_malformed_text_with_updates_allowed_names_both_readings(store) -> None:
    before = len(store)
    both = r"as a query, at line 1, column \d+: .*as an update: .*at line 1, column \d+"
    with pytest.raises(QueryError, match=both):
        run(store, "INSERT DATA { <urn:a> <urn:b> ", allow_update=True)
    assert len(store) == before


def test_update_runs_when_allowed(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        fill(store)
        assert (
            run(
                store,
                "DELETE WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o } }",
                allow_update=True,
            )
            is None
        )
        assert not bool(store.query("ASK { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }"))


def test_bind_values_escapes_and_fills_placeholders() -> None:
    text = "SELECT ?x WHERE { VALUES ?name { UNDEF } ?x ?p ?name }"
    bound = bind_values(text, {"name": 'say "hi" }\n'})
    assert bound == 'SELECT ?x WHERE { VALUES ?name { "say \\"hi\\" }\\n" } ?x ?p ?name }'
    assert bind_values("SELECT * WHERE { ?s ?p ?o }", {"o": "x"}).rstrip().endswith('VALUES (?o) { ("x") }')
    assert not is_update(bound)


def test_parse_ready_query_header() -> None:
    ready = parse_ready_query(
        "t", "# Title here\n# First line\n# second line.\n# param who: a name\nSELECT * {}"
    )
    assert (ready.title, ready.description, dict(ready.params)) == (
        "Title here",
        "First line second line.",
        {"who": "a name"},
    )


def test_unknown_ready_query() -> None:
    with pytest.raises(NotFoundError, match="no ready query 'nope'"):
        ready_query("nope")


def test_render_formats(store) -> None:
    sparql = (
        "SELECT ?id WHERE { ?a a <https://w3id.org/newskg/ontology#Article> ; "
        "<http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id"
    )
    table = render(run(store, sparql), "table")
    assert "bombing" in table and "raid" in table and "2 rows" in table
    assert render(run(store, sparql), "tsv").splitlines() == ["?id", '"bombing"', '"raid"']
    data = json.loads(render(run(store, sparql), "json"))
    assert [b["id"]["value"] for b in data["results"]["bindings"]] == ["bombing", "raid"]
    assert render(run(store, "ASK { ?s ?p ?o }"), "table") == "yes\n"
    assert json.loads(render(run(store, "ASK { ?s ?p ?o }"), "json"))["boolean"] is True
    with pytest.raises(UnknownFormatError):
        render(run(store, sparql), "xlsx")


def test_table_shortens_iris(store) -> None:
    table = render(
        run(store, "SELECT ?e WHERE { ?e a <https://w3id.org/newskg/ontology#Group> } ORDER BY ?e"), "table"
    )
    assert "entity:northern-front" in table
    assert "https://" not in table


def test_graph_results_render_as_turtle(store) -> None:
    text = render(run(store, "CONSTRUCT { ?e a ?t } WHERE { ?e a ?t } LIMIT 3"), "table")
    assert text.startswith("@prefix")
    assert text.count(" a ") + text.count("\ta ") >= 1


@pytest.mark.parametrize("name", sorted(EXPECTED_READY))
def test_ready_query_agrees_with_rdflib(store, name: str, tmp_path: Path) -> None:
    """An independent SPARQL engine (rdflib) gives the same rows on the same quads."""
    import warnings

    import pyoxigraph as ox
    import rdflib

    dump = tmp_path / "all.nq"
    store.dump(dump, ox.RdfFormat.N_QUADS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        graph = rdflib.ConjunctiveGraph()
        graph.parse(str(dump), format="nquads")
        params = {"entity": {"name": "NF"}, "incident": {"id": incident_of(store, "bombing")}}
        sparql = ready_query(name).bind(params.get(name, {}))
        theirs = sorted(
            tuple("" if term is None else str(term) for term in row) for row in graph.query(sparql)
        )
    ours = sorted(tuple("" if term is None else term.value for term in row) for row in run(store, sparql))
    assert ours and ours == theirs


@pytest.fixture
def hostile(tmp_path: Path):
    """A store whose literals hold what a spreadsheet runs and what a terminal obeys (as if written by an
    older kg or a SPARQL update)."""
    with open_store(tmp_path / "hostile") as opened:
        opened.update(
            "INSERT DATA { GRAPH <http://x/g> { "
            '<http://x/a> <http://x/sentence> "=HYPERLINK(\\"http://evil.example\\",\\"x\\")" . '
            '<http://x/b> <http://x/sentence> "@SUM(1+1)"@en . '
            '<http://x/c> <http://x/sentence> "-3"^^<http://www.w3.org/2001/XMLSchema#integer> . '
            '<http://x/d> <http://x/sentence> "red \\u001B[31mtext\\u0007 title \\u001B]0;pwned\\u0007" } }'
        )
        yield opened


def test_csv_results_are_neutralised_and_tables_hold_no_control_characters(hostile) -> None:
    """Attack 12: formula cells went raw into CSV, ESC and BEL raw to the terminal."""
    sparql = "SELECT ?s ?text WHERE { ?s <http://x/sentence> ?text } ORDER BY ?s"
    rows = list(csv.reader(io.StringIO(render(run(hostile, sparql), "csv"))))
    assert [row[1] for row in rows[1:]] == [
        '\'=HYPERLINK("http://evil.example","x")',
        "'@SUM(1+1)",
        "-3",
        "red \x1b[31mtext\x07 title \x1b]0;pwned\x07",
    ]
    tsv = render(run(hostile, sparql), "tsv")  # TSV quotes every literal: nothing to neutralise
    assert '"=HYPERLINK' in tsv
    table = render(run(hostile, sparql), "table")
    assert "\x1b" not in table and "\x07" not in table
    assert "red [31mtext title ]0;pwned" in table


def test_a_limit_past_what_the_engine_counts_is_refused_by_name() -> None:
    with pytest.raises(QueryError, match=r"limit must be a positive integer up to 9223372036854775807"):
        ready_query("sources").bind({"limit": "9" * 30})
    assert ready_query("sources").bind({"limit": str(2**63 - 1)}).rstrip().endswith(f"LIMIT {2**63 - 1}")


def test_a_query_file_that_is_not_utf8_is_one_error_naming_it(tmp_path: Path) -> None:
    from kg.cli.query import sparql_text

    query = tmp_path / "q.rq"
    query.write_bytes("SELECT * WHERE { ?s ?p \"Genève\" }".encode("latin-1"))
    with pytest.raises(QueryError) as failed:
        sparql_text(None, query, None, {})
    assert str(failed.value) == (
        f"cannot read query file {query}: not UTF-8 (invalid byte 0xe8 at offset 27); save it as UTF-8"
    )
