"""The remote store against a real Oxigraph server on a loopback port: same answers as the local store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError
from kg.rdf import provenance_graph
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import RemoteStore, endpoints
from kg.terms import KG_IRI as KG

BASE = "https://w3id.org/newskg/"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server on a free loopback port; yields its base URL."""
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server binary (PyPI package 'oxigraph') is required"
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                assert process.poll() is None, (
                    process.stderr.read().decode() if process.stderr else "server died"
                )
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def remote(server: str) -> Iterator[RemoteStore]:
    store = RemoteStore(server + "/query")
    store.update("DROP SILENT ALL")
    yield store
    store.close()


def article_quads(article_id: str, sha: str, events: list[str]) -> list[ox.Quad]:
    """A small article as kg.rdf lays it out: record and events in its graph, its run in provenance."""
    article = ox.NamedNode(f"{BASE}article/{article_id}")
    graph = ox.NamedNode(f"{BASE}graph/{article_id}")
    run = ox.NamedNode(f"{BASE}extraction/{article_id}/{sha[:12]}")
    quads = [
        ox.Quad(article, RDF_TYPE, ox.NamedNode(KG + "Article"), graph),
        ox.Quad(article, ox.NamedNode(DCTERMS + "identifier"), ox.Literal(article_id), graph),
        ox.Quad(article, ox.NamedNode(KG + "sha256"), ox.Literal(sha), graph),
        ox.Quad(run, ox.NamedNode("http://www.w3.org/ns/prov#used"), article, provenance_graph()),
    ]
    for key in events:
        event = ox.NamedNode(f"{BASE}event/{article_id}/{key}")
        quads += [
            ox.Quad(event, RDF_TYPE, ox.NamedNode(KG + "Attack"), graph),
            ox.Quad(event, ox.NamedNode(KG + "eventKey"), ox.Literal(key), graph),
            ox.Quad(event, ox.NamedNode(KG + "killed"), ox.Literal(3), graph),
        ]
    return quads


EVENTS_QUERY = f"SELECT ?e ?k WHERE {{ ?e a <{KG}Attack> ; <{KG}eventKey> ?k ; <{KG}killed> ?n }} ORDER BY ?k"


def test_endpoints_derivation() -> None:
    assert endpoints("http://h:7878/query") == ("http://h:7878/query", "http://h:7878/update")
    assert endpoints("https://h/sparql") == ("https://h/sparql", "https://h/sparql")
    assert endpoints("http://h/q|http://h/u") == ("http://h/q", "http://h/u")
    assert endpoints("http://h/q", "http://other/u") == ("http://h/q", "http://other/u")
    with pytest.raises(StoreError, match="not a SPARQL endpoint URL"):
        endpoints("ftp://h/q")


@pytest.mark.server
def test_replace_query_and_remove_round_trip(remote: RemoteStore) -> None:
    remote.replace_article("a1", article_quads("a1", "sha-old", ["e1", "e2"]))
    remote.replace_article("b2", article_quads("b2", "sha-b", ["e1"]))
    assert remote.articles() == ["a1", "b2"]
    assert remote.has_article("a1", "sha-old") and not remote.has_article("a1", "sha-new")
    assert len(remote) == 10 + 7

    solutions = remote.query(EVENTS_QUERY)
    assert isinstance(solutions, ox.QuerySolutions)
    rows = [(row["e"], row["k"]) for row in solutions]
    assert rows[0] == (ox.NamedNode(f"{BASE}event/a1/e1"), ox.Literal("e1"))
    assert len(rows) == 3

    remote.replace_article("a1", article_quads("a1", "sha-new", ["e9"]))
    assert remote.has_article("a1", "sha-new") and not remote.has_article("a1", "sha-old")
    keys = sorted(row["k"].value for row in remote.query(EVENTS_QUERY))
    assert keys == ["e1", "e9"]

    assert remote.remove_article("a1") is True
    assert remote.remove_article("a1") is False
    assert remote.articles() == ["b2"]
    assert len(remote) == 7


@pytest.mark.server
def test_result_types_match_the_local_store(remote: RemoteStore, tmp_path: Path) -> None:
    quads = article_quads("c3", "sha-c", ["e1", "e2"])
    remote.replace_article("c3", quads)
    with OxigraphStore(tmp_path / "local") as local:
        local.replace_article("c3", quads)
        construct = f"CONSTRUCT {{ ?e <{KG}killed> ?n }} WHERE {{ ?e <{KG}killed> ?n }}"
        for sparql in (EVENTS_QUERY, f"ASK {{ ?e <{KG}eventKey> 'e2' }}", construct):
            here, there = local.query(sparql), remote.query(sparql)
            assert type(here) is type(there)
            if isinstance(here, ox.QueryBoolean):
                assert bool(here) is bool(there) is True
            elif isinstance(here, ox.QueryTriples):
                theirs = set(there)
                assert set(here) == theirs and len(theirs) == 2
            else:
                assert [list(s) for s in here] == [list(s) for s in there]
        assert local.articles() == remote.articles()
        assert len(local) == len(remote)


@pytest.mark.server
def test_quad_lookups_match_the_local_store(remote: RemoteStore, tmp_path: Path) -> None:
    quads = article_quads("c4", "sha-d", ["e1", "e2"]) + article_quads("c5", "sha-e", ["e1"])
    graph = ox.NamedNode(f"{BASE}graph/c4")
    killed = ox.NamedNode(KG + "killed")
    remote.add_quads(quads)
    with OxigraphStore(tmp_path / "local") as local:
        local.add_quads([*quads, ox.Quad(graph, killed, ox.Literal(9), ox.DefaultGraph())])
        patterns = [
            (None, killed, None, None),  # every graph; the default graph's quad is not one of them
            (None, killed, None, graph),
            (ox.NamedNode(f"{BASE}article/c5"), None, None, None),
            (None, None, ox.Literal("sha-d"), None),
            (None, None, None, provenance_graph()),
            (ox.NamedNode(f"{BASE}article/none"), None, None, None),
        ]
        for pattern in patterns:
            here, there = set(local.quads(*pattern)), set(remote.quads(*pattern))
            assert here == there, pattern
        assert len(set(local.quads(None, killed))) == 3
        assert {q.graph_name for q in local.quads(None, killed, None, graph)} == {graph}
        assert set(local.quads(ox.NamedNode(f"{BASE}article/none"))) == set()


@pytest.mark.server
def test_default_and_named_graph_options(remote: RemoteStore) -> None:
    remote.replace_article("d4", article_quads("d4", "sha-d", ["e1"]))
    graph = ox.NamedNode(f"{BASE}graph/d4")
    assert len(list(remote.query(EVENTS_QUERY, default_graph=graph))) == 1
    assert len(list(remote.query(EVENTS_QUERY, default_graph=provenance_graph()))) == 0
    named = remote.query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", default_graph=graph, named_graphs=[graph]
    )
    assert [row["g"] for row in named] == [graph]


@pytest.mark.server
def test_dump_is_a_faithful_copy(remote: RemoteStore, tmp_path: Path) -> None:
    quads = article_quads("f6", "sha-f", ["e1", "e2"])
    remote.replace_article("f6", quads)
    remote.dump(tmp_path / "all.nq", ox.RdfFormat.N_QUADS)
    assert set(ox.parse(path=tmp_path / "all.nq")) == set(quads)
    remote.dump(tmp_path / "all.ttl", ox.RdfFormat.TURTLE, prefixes={"kg": KG})
    triples = {quad.triple for quad in ox.parse(path=tmp_path / "all.ttl")}
    assert triples == {quad.triple for quad in quads}
    assert "@prefix kg:" in (tmp_path / "all.ttl").read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.server
def test_errors_name_the_query_and_the_endpoint(server: str, remote: RemoteStore) -> None:
    with pytest.raises(QueryError, match=r"malformed SPARQL query .*error at 1:"):
        remote.query("SELECT * WHERE { ?s ?p ")
    with pytest.raises(QueryError, match="malformed SPARQL update"):
        remote.update("INSERT DATA { oops }")
    read_only = RemoteStore(server + "/query", read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        read_only.replace_article("x", [])
    read_only.close()
    unreachable = RemoteStore(f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreError, match=r"cannot reach SPARQL endpoint http://127\.0\.0\.1:\d+/query"):
        unreachable.articles()
    unreachable.close()


@pytest.mark.server
def test_open_store_picks_the_remote_backend(server: str, remote: RemoteStore) -> None:
    from kg.store import open_store

    with open_store(f"{server}/query|{server}/update") as store:
        assert isinstance(store, RemoteStore)
        assert store.update_url == f"{server}/update"
        store.replace_article("g7", article_quads("g7", "sha-g", []))
    assert remote.articles() == ["g7"]


@pytest.mark.server
@pytest.mark.slow
def test_build_into_the_remote_store_and_rebuild_adds_nothing(remote: RemoteStore, tmp_path: Path) -> None:
    from kg.build import build

    article = tmp_path / "raid.txt"
    article.write_text(
        "Militants raid an army post\n\nMilitants attacked an army post near Dunmore on Monday, killing five "
        "soldiers, the defence ministry said. The Eastern Front claimed responsibility for the raid.",
        encoding="utf-8",
    )
    first = build([article], remote)
    assert (first.added, first.unchanged) == (1, 0) and first.events > 0
    assert remote.articles() == ["raid"]
    size = len(remote)
    assert size > first.quads  # the article's quads and its attack's incident
    from kg.events import event_rows

    attacks = [row for row in event_rows(remote) if row["type"] == "Attack"]
    assert attacks and all(row["incident"] for row in attacks)
    again = build([article], remote)
    assert (again.added, again.unchanged) == (0, 1)
    assert len(remote) == size


@pytest.mark.server
def test_linking_through_the_remote_store_in_rounds_gives_the_local_incidents(
    remote: RemoteStore, tmp_path: Path
) -> None:
    from test_link import ARTICLES, incidents, write

    from kg.link import LinkState, relink
    from kg.store import open_store

    with open_store(tmp_path / "local") as local:
        write(local, ARTICLES)
        relink(local, [ex.article.id for ex in ARTICLES])
        expected = incidents(local)
    state = LinkState()
    for ex in ARTICLES:
        write(remote, [ex])
        relink(remote, [ex.article.id], state=state)
    assert incidents(remote) == expected
    remote.remove_article("kerman-a")
    relink(remote, ["kerman-a"], state=state)
    after = incidents(remote)
    assert "kerman-a" not in after and after["kerman-b"] == after["kerman-c"] != expected["kerman-b"]


@pytest.mark.parametrize("location", ["http://[::1", "http://h:abc/q", "http://h/q|http://[::1"])
def test_a_malformed_endpoint_url_is_one_store_error(location: str) -> None:
    # httpx.InvalidURL is no httpx.HTTPError: it came out as a traceback at the first request
    with pytest.raises(StoreError, match="not a SPARQL endpoint URL"):
        RemoteStore(location)


@pytest.mark.server
def test_write_articles_sends_quads_of_no_article_after_the_articles(remote: RemoteStore) -> None:
    graph = ox.NamedNode(f"{BASE}graph/incidents-extra")
    extra = [
        ox.Quad(ox.NamedNode(f"{BASE}incident/x{i}"), ox.NamedNode(KG + "reportCount"), ox.Literal(i), graph)
        for i in range(2)
    ]
    remote.write_articles([("c9", article_quads("c9", "sha-z", ["e1"]))], extra)
    assert set(remote.quads(None, None, None, graph)) == set(extra)
    assert "c9" in remote.articles()
