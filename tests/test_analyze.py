"""kg.analyze: the SPARQL projection onto networkx and each analysis on small graphs with known answers."""

from __future__ import annotations

import doctest
import json

import networkx as nx
import pyoxigraph
import pytest
from typer.testing import CliRunner

import kg.analyze
import kg.plot
from kg.analyze import (
    actor_cooccurrence,
    add_entity,
    add_event,
    communities,
    components,
    find_node,
    key_actors,
    most_targeted,
    most_targeted_places,
    report,
    shortest_path,
    timeline,
    to_networkx,
)
from kg.errors import BadOptionError, NotFoundError, UnknownFormatError

TRIG = """
@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ent: <https://w3id.org/newskg/entity/> .
@prefix art: <https://w3id.org/newskg/article/> .
@prefix ev: <https://w3id.org/newskg/event/> .

<https://w3id.org/newskg/graph/a1> {
  art:a1 a kg:Article ; dcterms:identifier "a1" ; dcterms:title "Blast in Fooville" .
  <https://w3id.org/newskg/event/a1/e1> a kg:Attack ; rdfs:label "Fooville blast" ;
      kg:agent ent:red-hand ; kg:target ent:pilgrims ; kg:locatedIn ent:fooville ;
      kg:time "2023-05-02"^^xsd:date ; kg:killed 12 ; kg:injured 30 ;
      kg:sentence "A blast killed 12 pilgrims in Fooville." ; prov:wasDerivedFrom art:a1 .
  <https://w3id.org/newskg/event/a1/e2> a kg:ClaimResponsibility ; rdfs:label "Red Hand claim" ;
      kg:agent ent:red-hand ; kg:about <https://w3id.org/newskg/event/a1/e1> ;
      kg:time "2023-05"^^xsd:gYearMonth ;
      kg:sentence "The Red Hand said it carried out the blast." ; prov:wasDerivedFrom art:a1 .
  <https://w3id.org/newskg/event/a1/e3> a kg:Condemn ; rdfs:label "Barland condemnation" ;
      kg:agent ent:barland ; kg:about <https://w3id.org/newskg/event/a1/e1> ;
      kg:sentence "Barland condemned the attack." ; prov:wasDerivedFrom art:a1 .
  ent:red-hand a kg:Group ; rdfs:label "Red Hand" ; skos:prefLabel "Red Hand"@en ; skos:altLabel "RH"@en .
  ent:pilgrims a kg:Group ; rdfs:label "pilgrims" ; skos:prefLabel "pilgrims"@en .
  ent:fooville a kg:Place ; rdfs:label "Fooville" ; skos:prefLabel "Fooville"@en ; kg:inCountry ent:barland .
  ent:barland a kg:Country ; rdfs:label "Barland" ; skos:prefLabel "Barland"@en .
}
<https://w3id.org/newskg/graph/a2> {
  art:a2 a kg:Article ; dcterms:identifier "a2" ; dcterms:title "Students march" .
  <https://w3id.org/newskg/event/a2/e1> a kg:Protest ; rdfs:label "student march" ;
      kg:agent ent:students ; kg:locatedIn ent:bazton ; kg:time "2024"^^xsd:gYear ;
      kg:sentence "Students marched through Bazton." ; prov:wasDerivedFrom art:a2 .
  ent:students a kg:Group ; rdfs:label "students" ; skos:prefLabel "students"@en .
  ent:bazton a kg:Place ; rdfs:label "Bazton" ; skos:prefLabel "Bazton"@en .
}
"""


class MemoryStore:
    """The slice of the kg.store contract that analysis uses, over an in-memory Oxigraph store."""

    def __init__(self, trig: str) -> None:
        self._store = pyoxigraph.Store()
        self._store.load(trig.encode(), format=pyoxigraph.RdfFormat.TRIG)

    def query(self, sparql: str, **_: object):
        return self._store.query(sparql, use_default_graph_as_union=True)

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return MemoryStore(TRIG)


@pytest.fixture(scope="module")
def graph(store: MemoryStore) -> nx.MultiDiGraph:
    return to_networkx(store)


def by_label(G: nx.MultiDiGraph, name: str) -> dict:
    return G.nodes[find_node(G, name)]


def test_projection_nodes_carry_labels_kinds_aliases_and_sources(graph: nx.MultiDiGraph) -> None:
    assert graph.number_of_nodes() == 4 + 6
    red = by_label(graph, "RH")
    assert (red["label"], red["kind"], red["aliases"]) == ("Red Hand", "Group", ["RH"])
    assert ("The Red Hand said it carried out the blast.", "Blast in Fooville") in red["sentences"]
    blast = by_label(graph, "Fooville blast")
    facts = (blast["kind"], blast["time"], blast["killed"], blast["injured"])
    assert facts == ("Attack", "2023-05-02", 12, 30)
    assert blast["sentences"] == [("A blast killed 12 pilgrims in Fooville.", "Blast in Fooville")]
    assert by_label(graph, "Barland")["kind"] == "Country"


def test_projection_edges_are_roles_and_relations(graph: nx.MultiDiGraph) -> None:
    names = graph.nodes(data="label")
    edges = {(names[u], rel, names[v]) for u, v, rel in graph.edges(data="relation")}
    assert {
        ("Fooville blast", "agent", "Red Hand"),
        ("Fooville blast", "target", "pilgrims"),
        ("Fooville blast", "locatedIn", "Fooville"),
        ("Red Hand claim", "about", "Fooville blast"),
        ("Barland condemnation", "agent", "Barland"),
        ("Fooville", "inCountry", "Barland"),
    } <= edges
    assert len(edges) == graph.number_of_edges() == 10


def test_projection_filters_by_article_type_and_time(store: MemoryStore) -> None:
    only_a2 = to_networkx(store, article="a2")
    assert sorted(d["label"] for _, d in only_a2.nodes(data=True)) == ["Bazton", "student march", "students"]
    attacks = to_networkx(store, types=["Attack"])
    assert [d["label"] for _, d in attacks.nodes(data=True) if d["kind"] == "Attack"] == ["Fooville blast"]
    assert "Barland condemnation" not in {d["label"] for _, d in attacks.nodes(data=True)}
    may = to_networkx(store, since="2023-05-10", until="2023-12-31")
    assert sorted(d["label"] for _, d in may.nodes(data=True) if d["kind"] in kg.analyze.EVENT_TYPES) == [
        "Red Hand claim"
    ]


def test_projection_rejects_unknown_type_and_bad_date(store: MemoryStore) -> None:
    with pytest.raises(UnknownFormatError, match="'Bombing'"):
        to_networkx(store, types=["Bombing"])
    with pytest.raises(BadOptionError, match="'last week'"):
        to_networkx(store, since="last week")


def test_key_actors_need_min_events_and_say_how_they_are_ranked(graph: nx.MultiDiGraph) -> None:
    result = key_actors(graph)
    assert [a["label"] for a in result["actors"]] == ["Red Hand"]
    assert result["actors"][0]["events"] == 2
    assert result["ranking"].startswith("1 of 4 actors in at least 2 events, ranked by PageRank")
    everyone = key_actors(graph, min_events=1)["actors"]
    assert {a["label"] for a in everyone} == {"Red Hand", "Barland", "pilgrims", "students"}
    assert all(a["label"] not in ("Fooville", "Bazton") for a in everyone)


def test_key_actors_fall_back_to_the_largest_part_not_tiny_clusters() -> None:
    G = nx.MultiDiGraph()
    for key, name in [("a", "Alpha Front"), ("b", "Beta Army"), ("c", "Gamma"), ("x", "lone commander")]:
        add_entity(G, key, label=name, kind="Group")
    add_event(G, "e1", label="raid", kind="Attack", agent=["a"], target=["b"])
    add_event(G, "e2", label="accusation", kind="Accuse", agent=["c"], about=["e1"])
    add_event(G, "e3", label="denial", kind="Deny", agent=["x"])
    result = key_actors(G, min_events=3)
    assert {a["label"] for a in result["actors"]} == {"Alpha Front", "Beta Army", "Gamma"}
    assert "lone commander" not in {a["label"] for a in result["actors"]}
    assert result["ranking"].startswith(
        "no actor is in 3 events: the 3 of 4 actors of the largest connected part")


def test_communities_are_summarised_by_actors_places_and_types(graph: nx.MultiDiGraph) -> None:
    found = communities(graph, seed=1)["communities"]
    march = next(c for c in found if c["types"] == {"Protest": 1})
    assert march == {"size": 3, "events": 1, "types": {"Protest": 1},
                     "actors": [{"label": "students", "events": 1}],
                     "places": [{"label": "Bazton", "events": 1}]}
    labels = {item["label"] for c in found for item in c["actors"] + c["places"]}
    assert not labels & {"Fooville blast", "Red Hand claim", "student march"}
    assert sum(c["events"] for c in found) == 4
    assert communities(graph, seed=1) == communities(graph, seed=1)


def test_places_come_from_located_in_and_targets_from_target(graph: nx.MultiDiGraph) -> None:
    assert most_targeted_places(graph)["places"] == [
        {"place": "Fooville", "kind": "Place", "attacks": 1, "incidents": 1, "killed": 12, "injured": 30}
    ]
    assert most_targeted(graph)["targets"] == [
        {"target": "pilgrims", "kind": "Group", "attacks": 1, "incidents": 1, "killed": 12, "injured": 30}
    ]


def test_reports_of_one_incident_count_once_with_its_toll_once() -> None:
    G = nx.MultiDiGraph()
    add_entity(G, "k", label="Kerman", kind="Place")
    add_entity(G, "c", label="crowd", kind="Entity")
    add_event(G, "r1", label="blast", kind="Attack", killed=84, injured=284, locatedIn=["k"], target=["c"],
              incident="kerman-1")
    add_event(G, "r2", label="explosions", kind="Attack", killed=95, locatedIn=["k"], target=["c"],
              incident="kerman-1")
    add_event(G, "r3", label="earlier bombing", kind="Attack", killed=2, locatedIn=["k"])
    place = most_targeted_places(G)["places"][0]
    assert (place["attacks"], place["incidents"], place["killed"], place["injured"]) == (3, 2, 97, 284)
    target = most_targeted(G)["targets"][0]
    assert (target["attacks"], target["incidents"], target["killed"]) == (2, 1, 95)


def test_actor_cooccurrence_weights_shared_events(graph: nx.MultiDiGraph) -> None:
    assert actor_cooccurrence(graph)["pairs"] == [{"a": "Red Hand", "b": "pilgrims", "weight": 1}]
    G = nx.MultiDiGraph()
    for key in "xyz":
        add_entity(G, key, label=key.upper(), kind="Person")
    for n in range(3):
        add_event(G, f"e{n}", label=f"meeting {n}", kind="Protest", agent=["x", "y"])
    add_event(G, "e9", label="rally", kind="Protest", agent=["y", "z"])
    pairs = actor_cooccurrence(G)["pairs"]
    assert pairs == [{"a": "X", "b": "Y", "weight": 3}, {"a": "Y", "b": "Z", "weight": 1}]


def test_shortest_path_by_alias_case_insensitive(graph: nx.MultiDiGraph) -> None:
    result = shortest_path(graph, "rh", "BARLAND")
    assert result["path"][0] == "Red Hand" and result["path"][-1] == "Barland"
    assert result["length"] == 3
    assert result["steps"][0] == {"subject": "Fooville blast", "relation": "agent", "object": "Red Hand"}


def test_shortest_path_unknown_name_and_no_path(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(NotFoundError, match="'Redd Hand'.*did you mean 'Red Hand'"):
        shortest_path(graph, "Redd Hand", "Barland")
    assert shortest_path(graph, "students", "Red Hand")["path"] == []


def test_timeline_orders_dated_events(graph: nx.MultiDiGraph) -> None:
    result = timeline(graph)
    assert [(e["time"], e["label"]) for e in result["events"]] == [
        ("2023-05", "Red Hand claim"), ("2023-05-02", "Fooville blast"), ("2024", "student march"),
    ]
    assert result["undated"] == 1
    assert [(e["type"], e["label"], e["agents"]) for e in result["undated_events"]] == [
        ("Condemn", "Barland condemnation", ["Barland"])
    ]
    assert result["events"][1]["agents"] == ["Red Hand"] and result["events"][1]["places"] == ["Fooville"]


def test_components_largest_first(graph: nx.MultiDiGraph) -> None:
    result = components(graph)
    assert result["count"] == 2
    assert [c["size"] for c in result["components"]] == [7, 3]
    assert result["components"][1]["events"] == 1
    assert result["components"][1]["actors"] == [{"label": "students", "events": 1}]
    assert result["components"][0]["places"] == [{"label": "Fooville", "events": 1}]


def test_report_bundles_every_analysis_as_json(graph: nx.MultiDiGraph) -> None:
    result = report(graph, top=3)
    assert result["summary"]["events"] == {"Attack": 1, "ClaimResponsibility": 1, "Condemn": 1, "Protest": 1}
    assert len(report(graph, top=3, min_events=1)["key_actors"]["actors"]) == 3
    assert set(result) == {"summary", "key_actors", "communities", "most_targeted_places", "most_targeted",
                           "actor_cooccurrence", "timeline", "components"}
    assert json.loads(json.dumps(result)) == result


def test_doctests_pass() -> None:
    outcome = doctest.testmod(kg.analyze)
    assert outcome.attempted >= 10 and outcome.failed == 0
    plotted = doctest.testmod(kg.plot)
    assert plotted.attempted >= 2 and plotted.failed == 0


@pytest.fixture()
def runner(store: MemoryStore, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    import kg.store
    from kg.cli import _load_commands

    monkeypatch.setattr(kg.store, "open_store", lambda location, read_only=False: store)
    _load_commands()
    return CliRunner()


def test_cli_analyze_text_and_json(runner: CliRunner) -> None:
    from kg.cli import app

    text = runner.invoke(app, ["analyze", "--path", "RH", "Barland", "--top", "3"])
    assert text.exit_code == 0, text.output
    assert "Key actors" in text.output and "Fooville" in text.output
    assert "1 of 4 actors in at least 2 events, ranked by PageRank" in text.output
    assert "Places attacked most" in text.output and "Targets attacked most" in text.output
    assert "Undated events (1)" in text.output and "Barland condemnation" in text.output
    assert "Shortest path from Red Hand to Barland (3 steps)" in text.output
    assert text.output.startswith("Graph\n")
    assert all(line == line.rstrip() for line in text.output.splitlines())
    as_json = json.loads(runner.invoke(app, ["analyze", "--format", "json", "--min-events", "1"]).output)
    assert as_json["most_targeted_places"]["places"][0]["place"] == "Fooville"
    assert as_json["most_targeted"]["targets"][0]["target"] == "pilgrims"
    assert as_json["timeline"]["undated"] == 1 and len(as_json["key_actors"]["actors"]) == 4
    missing = runner.invoke(app, ["analyze", "--path", "Atlantis", "Barland"])
    assert missing.exit_code == 2 and "'Atlantis'" in missing.output
    bad = runner.invoke(app, ["analyze", "--format", "yaml"])
    assert bad.exit_code == 2 and "yaml" in bad.output


def test_cli_analyze_plot_writes_a_png(runner: CliRunner, tmp_path) -> None:
    from kg.cli import app

    target = tmp_path / "figures" / "analysis.png"
    result = runner.invoke(app, ["analyze", "--format", "json", "--plot", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 10_000
    assert json.loads(result.stdout)["summary"]["nodes"] == 10


def test_cli_analyze_plot_without_matplotlib_is_one_line(runner: CliRunner, tmp_path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from kg.cli import app

    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    result = runner.invoke(app, ["analyze", "--plot", str(tmp_path / "a.png")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "kg: error: kg analyze --plot needs matplotlib: pip install 'kg[plot]'"]
    assert not (tmp_path / "a.png").exists()


SAME_IN_EVERY_PROCESS = """
import json, random
import networkx as nx
from kg.analyze import add_entity, add_event, communities, key_actors
rng = random.Random(3)
G = nx.MultiDiGraph()
names = [f"actor {n}" for n in range(30)]
for name in names:
    add_entity(G, name, label=name.title(), kind="Group")
for n in range(60):
    add_event(G, f"event {n}", label=f"event {n}", kind="Attack", agent=[rng.choice(names)],
              target=rng.sample(names, 2))
print(json.dumps([communities(G), key_actors(G)]))
"""


def test_communities_and_ranks_are_the_same_in_every_process() -> None:
    import os
    import subprocess
    import sys

    answers = {
        subprocess.run([sys.executable, "-c", SAME_IN_EVERY_PROCESS], capture_output=True, text=True,
                       check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(answers) == 1 and json.loads(answers.pop())[0]["communities"]


def test_the_narrow_panels_of_the_plot_keep_few_ticks() -> None:
    """170 undated accusations: the undated panel and the actors panel label at most 5 ticks (a default
    locator gave 9 on a panel 2/10 of the figure wide, their labels running into each other)."""
    undated = [{"type": "Accuse", "label": f"charge {n}", "agents": []} for n in range(170)]
    result = {
        "timeline": {"events": [], "undated": 170, "undated_events": undated},
        "key_actors": {"actors": [{"label": "Red Hand", "events": 170}]},
    }
    _, no_date, top = kg.plot.report_figure(result).axes
    for panel in (no_date, top):
        lo, hi = panel.get_xlim()
        assert len([t for t in panel.get_xticks() if lo <= t <= hi]) <= 5
