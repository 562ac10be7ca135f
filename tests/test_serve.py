"""``kg serve``: the SPARQL 1.1 endpoint, its limits and pages, driven over loopback by real clients."""

from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from kg.errors import ServeError
from kg.formats import SOLUTION_MEDIA_TYPES, results_format
from kg.model import Article, Entity, Event, Evidence, Extraction
from kg.rdf import article_graph, extraction_quads
from kg.serve import create_app
from kg.serve.app import RequestLog
from kg.serve.media import OFFERS, negotiate, parse_accept, serialize
from kg.store import open_store

HOST = "127.0.0.1"
TOKEN = "s3cret-test-token"
TIMEOUT = 2.0
MAX_RESULTS = 50
KG = "https://w3id.org/newskg/ontology#"
PREFIXES = f"PREFIX kg: <{KG}>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(10))} }}" for i in range(10))
    + " }"
)
"""Ten cross-joined ranges: 10^10 rows to count, far beyond any timeout."""


# a small store shaped like ours ------------------------------------------------------------------------


def _event(article: Article, key: str, kind: str, sentence: str, **fields: object) -> Event:
    start = article.text.index(sentence)
    evidence = Evidence(article.id, sentence, start, start + len(sentence), 0.8, "serve-test")
    return Event(key=key, type=kind, trigger=kind.lower(), evidence=evidence, **fields)  # type: ignore[arg-type]


def extractions() -> list[Extraction]:
    """Two invented articles: an ambush with a claim and a condemnation; a riot with a denial."""
    front = Entity("crimson lantern brigade", "Crimson Lantern Brigade", "Group", frozenset({"CLB"}))
    convoy = Entity("supply convoy", "supply convoy", "Group")
    valley = Entity("ostrava gorge", "Ostrava Gorge", "Place")
    guild = Entity("guild of carters", "Guild of Carters", "Organization")
    police = Entity("harbour police", "Harbour Police", "Organization")
    ambush_text = (
        "Gunmen of the Crimson Lantern Brigade ambushed a supply convoy in Ostrava Gorge, killing 7. "
        "The Crimson Lantern Brigade said it carried out the ambush. "
        "The Guild of Carters condemned the ambush."
    )
    ambush = Article("ambush", "Convoy ambushed in gorge", ambush_text)
    sentences = ambush_text.split(". ")
    ambush_events = (
        _event(
            ambush,
            "e1",
            "Attack",
            sentences[0],
            killed=7,
            time="2031-05-04",
            roles={"agent": (front,), "target": (convoy,), "location": (valley,)},
        ),
        _event(ambush, "e2", "ClaimResponsibility", sentences[1], about="e1", roles={"agent": (front,)}),
        _event(ambush, "e3", "Condemn", sentences[2].rstrip("."), about="e1", roles={"agent": (guild,)}),
    )
    riot_text = "Harbour Police denied firing on the crowd."
    riot = Article("riot", "Police deny firing", riot_text)
    riot_events = (_event(riot, "e1", "Deny", riot_text, roles={"agent": (police,)}),)
    return [
        Extraction(ambush, (front, convoy, valley, guild), ambush_events),
        Extraction(riot, (police,), riot_events),
    ]


def fill_store(path: Path) -> None:
    generated = datetime(2031, 6, 1, tzinfo=timezone.utc)
    with open_store(path) as store:
        for ex in extractions():
            store.replace_article(ex.article.id, extraction_quads(ex, generated_at=generated))


# a real server in a subprocess -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    log: Path
    process: subprocess.Popen[bytes]

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"


def start_server(store: Path, log: Path, *extra: str, env: dict[str, str] | None = None) -> Server:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "kg",
        "serve",
        "--store",
        str(store),
        "--host",
        HOST,
        "--port",
        str(port),
        "--timeout",
        str(TIMEOUT),
        "--max-results",
        str(MAX_RESULTS),
        "--max-body",
        "20000",
        "--workers",
        "2",
        "--max-client-queries",
        "2",  # these tests are all one client (127.0.0.1); the cap has its own tests
        *extra,
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
    server = Server(f"http://{HOST}:{port}", log, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited early:\n{log.read_text()}")
        try:
            if httpx.get(server.url + "/health", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"kg serve did not come up:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A read-only server over the sample store."""
    folder = tmp_path_factory.mktemp("serve-read")
    fill_store(folder / "store")
    server = start_server(folder / "store", folder / "server.log")
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server accepting updates with the token given in ``$KG_SERVE_TOKEN``."""
    folder = tmp_path_factory.mktemp("serve-write")
    fill_store(folder / "store")
    server = start_server(
        folder / "store", folder / "server.log", "--allow-update", env={"KG_SERVE_TOKEN": TOKEN}
    )
    yield server
    stop_server(server)


def select(url: str, query: str, **kwargs: object) -> httpx.Response:
    return httpx.get(url, params={"query": query}, timeout=30, **kwargs)  # type: ignore[arg-type]


def labels(response: httpx.Response, name: str) -> list[str]:
    return [row[name]["value"] for row in response.json()["results"]["bindings"]]


AGENTS = PREFIXES + "SELECT ?label WHERE { ?e kg:agent/skos:prefLabel ?label } ORDER BY ?label"


# SPARQLWrapper --------------------------------------------------------------------------------------


def wrapper(url: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setTimeout(30)
    return client


@pytest.mark.server
def test_sparqlwrapper_select_json(reader: Server) -> None:
    result = wrapper(reader.sparql, AGENTS, JSON).query().convert()
    names = [row["label"]["value"] for row in result["results"]["bindings"]]
    assert names == [
        "Crimson Lantern Brigade",
        "Crimson Lantern Brigade",
        "Guild of Carters",
        "Harbour Police",
    ]
    assert result["results"]["bindings"][0]["label"]["xml:lang"] == "en"


@pytest.mark.server
def test_sparqlwrapper_select_xml(reader: Server) -> None:
    document = wrapper(reader.sparql, AGENTS, XML).query().convert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == [
        "Crimson Lantern Brigade",
        "Crimson Lantern Brigade",
        "Guild of Carters",
        "Harbour Police",
    ]


@pytest.mark.server
def test_sparqlwrapper_select_csv(reader: Server) -> None:
    text = wrapper(reader.sparql, AGENTS, CSV).query().convert().decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["label"]
    assert [row[0] for row in rows[1:]] == [
        "Crimson Lantern Brigade",
        "Crimson Lantern Brigade",
        "Guild of Carters",
        "Harbour Police",
    ]


@pytest.mark.server
def test_sparqlwrapper_ask(reader: Server) -> None:
    yes = PREFIXES + 'ASK { ?e kg:killed 7 ; kg:agent/skos:prefLabel "Crimson Lantern Brigade"@en }'
    no = PREFIXES + "ASK { ?e kg:killed 8 }"
    assert wrapper(reader.sparql, yes, JSON).query().convert()["boolean"] is True
    assert wrapper(reader.sparql, no, JSON).query().convert()["boolean"] is False


@pytest.mark.server
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_sparqlwrapper_construct_turtle_and_rdfxml(reader: Server) -> None:
    query = PREFIXES + "CONSTRUCT { ?e kg:killed ?k } WHERE { ?e kg:killed ?k }"
    turtle = wrapper(reader.sparql, query, TURTLE).query().convert()
    triples = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    assert [(t.predicate.value, t.object.value) for t in triples] == [(KG + "killed", "7")]
    graph = wrapper(reader.sparql, query, XML).query().convert()  # RDF/XML, parsed by rdflib
    assert [str(o) for o in graph.objects()] == ["7"]


# the protocol with httpx ----------------------------------------------------------------------------


@pytest.mark.server
def test_get_and_both_post_forms_agree(reader: Server) -> None:
    by_get = select(reader.sparql, AGENTS)
    by_form = httpx.post(reader.sparql, data={"query": AGENTS}, timeout=30)
    by_body = httpx.post(
        reader.sparql,
        content=AGENTS.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert labels(response, "label")[-1] == "Harbour Police"


@pytest.mark.server
def test_default_and_named_graph_uris_are_honoured(reader: Server) -> None:
    riot = article_graph("riot").value
    only_riot = httpx.get(reader.sparql, params={"query": AGENTS, "default-graph-uri": riot}, timeout=30)
    assert labels(only_riot, "label") == ["Harbour Police"]
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = httpx.post(reader.sparql, data={"query": graphs, "named-graph-uri": riot}, timeout=30)
    assert labels(named, "g") == [riot]


@pytest.mark.server
def test_content_negotiation_with_q_values(reader: Server) -> None:
    accept = "application/sparql-results+json;q=0.2, text/tab-separated-values;q=0.9, text/csv;q=0.5"
    response = select(reader.sparql, AGENTS, headers={"Accept": accept})
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    assert response.text.splitlines()[0] == "?label"
    assert response.text.splitlines()[-1] == '"Harbour Police"@en'
    construct = PREFIXES + "CONSTRUCT { ?e kg:killed ?k } WHERE { ?e kg:killed ?k }"
    triples = select(reader.sparql, construct, headers={"Accept": "application/n-triples"})
    assert triples.headers["content-type"].startswith("application/n-triples")
    assert triples.text.strip().endswith(f'<{KG}killed> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    jsonld = select(reader.sparql, construct, headers={"Accept": "application/ld+json"})
    parsed = list(ox.parse(jsonld.content, format=ox.RdfFormat.JSON_LD))
    assert [(t.predicate.value, t.object.value) for t in parsed] == [(KG + "killed", "7")]


@pytest.mark.server
def test_malformed_query_is_400_with_the_parser_message(reader: Server) -> None:
    response = select(reader.sparql, "SELECT ?x WHERE { ?x ?y }")
    assert response.status_code == 400
    assert "malformed SPARQL query" in response.text
    assert "line 1, column 26" in response.text  # the parser's line and column


@pytest.mark.server
def test_missing_query_is_400(reader: Server) -> None:
    assert httpx.get(reader.sparql, timeout=30).status_code == 400
    empty = httpx.post(reader.sparql, data={"query": " "}, timeout=30)
    assert empty.status_code == 400
    assert "missing SPARQL" in empty.text


@pytest.mark.server
def test_unsupported_accept_is_406(reader: Server) -> None:
    response = select(reader.sparql, AGENTS, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text
    construct = select(reader.sparql, "CONSTRUCT WHERE { ?s ?p ?o }", headers={"Accept": "text/csv"})
    assert construct.status_code == 406


@pytest.mark.server
def test_body_too_big_is_413(reader: Server) -> None:
    padding = "#" + "x" * 30_000 + "\n"
    response = httpx.post(
        reader.sparql,
        content=(padding + AGENTS).encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert response.status_code == 413


@pytest.mark.server
def test_unsupported_body_type_is_415(reader: Server) -> None:
    response = httpx.post(
        reader.sparql, content=b"{}", headers={"Content-Type": "application/json"}, timeout=30
    )
    assert response.status_code == 415


@pytest.mark.server
def test_results_beyond_the_limit_are_cut_with_a_header(reader: Server) -> None:
    values = " ".join(str(n) for n in range(MAX_RESULTS + 10))
    cut = select(reader.sparql, f"SELECT ?n WHERE {{ VALUES ?n {{ {values} }} }}")
    assert cut.headers["x-kg-truncated"] == "true"
    assert cut.headers["x-kg-result-limit"] == str(MAX_RESULTS)
    assert len(cut.json()["results"]["bindings"]) == MAX_RESULTS
    whole = select(reader.sparql, "SELECT ?n WHERE { VALUES ?n { 1 2 3 } }")
    assert "x-kg-truncated" not in whole.headers
    assert labels(whole, "n") == ["1", "2", "3"]


# updates ---------------------------------------------------------------------------------------------


INSERT = PREFIXES + 'INSERT DATA { GRAPH <urn:test:g> { <urn:test:x> skos:prefLabel "Inserted Thing"@en } }'
ASK_INSERTED = PREFIXES + 'ASK { <urn:test:x> skos:prefLabel "Inserted Thing"@en }'


@pytest.mark.server
def test_updates_are_refused_by_a_read_only_server(reader: Server) -> None:
    for response in (
        httpx.post(reader.sparql, data={"update": INSERT}, timeout=30),
        httpx.post(
            reader.sparql,
            content=INSERT.encode(),
            headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        ),
    ):
        assert response.status_code == 403
        assert "read-only" in response.text
    assert select(reader.sparql, ASK_INSERTED).json()["boolean"] is False


@pytest.mark.server
def test_update_needs_the_right_token(writer: Server) -> None:
    missing = httpx.post(writer.sparql, data={"update": INSERT}, timeout=30)
    wrong = httpx.post(
        writer.sparql, data={"update": INSERT}, headers={"Authorization": "Bearer nope"}, timeout=30
    )
    assert missing.status_code == wrong.status_code == 403
    assert select(writer.sparql, ASK_INSERTED).json()["boolean"] is False
    allowed = httpx.post(
        writer.sparql,
        content=INSERT.encode(),
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    )
    assert allowed.status_code == 200
    assert select(writer.sparql, ASK_INSERTED).json()["boolean"] is True
    assert select(writer.sparql, AGENTS).status_code == 200  # readers reopened the store after the write
    assert TOKEN not in writer.log.read_text()


@pytest.mark.server
def test_malformed_update_is_400(writer: Server) -> None:
    response = httpx.post(
        writer.sparql,
        data={"update": "INSERT DATA { <urn:a> }"},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    )
    assert response.status_code == 400
    assert "malformed SPARQL update" in response.text


def test_allow_update_without_token_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match="token"):
        create_app(str(tmp_path / "store"), allow_update=True)
    run = subprocess.run(
        [sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "store"), "--allow-update"],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "KG_SERVE_TOKEN"},
    )
    assert run.returncode == 2
    assert "needs a token" in run.stderr


def test_missing_store_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no store"):
        create_app(str(tmp_path / "absent"))


# limits ------------------------------------------------------------------------------------------------


@pytest.mark.server
def test_slow_query_is_stopped_while_others_are_answered(reader: Server) -> None:
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        started = time.monotonic()
        slow = pool.submit(select, reader.sparql, SLOW)
        time.sleep(0.3)
        quick = pool.submit(select, reader.sparql, AGENTS)
        assert quick.result().status_code == 200
        assert time.monotonic() - started < TIMEOUT
        stopped = slow.result()
        elapsed = time.monotonic() - started
    assert stopped.status_code == 503
    assert "time limit" in stopped.text
    # stopped at its limit, not run to the end (10^10 rows would take minutes); the margin allows a
    # loaded machine, where the stop itself and the answer come late by seconds
    assert TIMEOUT <= elapsed < TIMEOUT + 15
    assert select(reader.sparql, AGENTS).status_code == 200  # the stopped worker was replaced


# pages -------------------------------------------------------------------------------------------------


@pytest.mark.server
def test_health_counts_triples(reader: Server) -> None:
    body = httpx.get(reader.url + "/health", timeout=30).json()
    count = select(reader.sparql, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert body["status"] == "ok"
    assert body["triples"] == int(labels(count, "n")[0]) > 20


@pytest.mark.server
def test_index_page_links_ready_queries_and_view(reader: Server) -> None:
    from kg.query import ready_queries

    page = httpx.get(reader.url + "/", timeout=30)
    assert page.headers["content-type"].startswith("text/html")
    assert '<textarea id="query"' in page.text
    assert 'href="/view"' in page.text
    for name in ready_queries():
        assert f'href="/queries/{name}"' in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text.replace("https://w3id.org", "")


@pytest.mark.server
def test_ready_query_runs_with_parameters(reader: Server) -> None:
    from kg.query import ready_queries

    claims = httpx.get(reader.url + "/queries/who-claimed", timeout=30)
    assert claims.status_code == 200
    assert labels(claims, "claimant") == ["Crimson Lantern Brigade"]
    entity = ready_queries()["entity"]
    bound = httpx.get(reader.url + "/queries/entity", params=dict.fromkeys(entity.params, "CLB"), timeout=30)
    assert bound.status_code == 200
    assert bound.json()["results"]["bindings"]
    assert httpx.get(reader.url + "/queries/no-such-query", timeout=30).status_code == 404


@pytest.mark.server
def test_events_csv_has_the_table_header_and_rows(reader: Server) -> None:
    response = httpx.get(reader.url + "/events.csv", timeout=30)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == [
        "doc",
        "event",
        "type",
        "agent",
        "target",
        "location",
        "time",
        "killed",
        "injured",
        "about",
        "incident",
        "sentence",
        "instrument",
    ]
    attack = next(row for row in rows if row["type"] == "Attack")
    assert (attack["doc"], attack["agent"], attack["location"], attack["killed"]) == (
        "ambush",
        "Crimson Lantern Brigade",
        "Ostrava Gorge",
        "7",
    )


@pytest.mark.server
def test_view_is_html_with_the_graph_nodes(reader: Server) -> None:
    whole = httpx.get(reader.url + "/view", timeout=60)
    assert whole.status_code == 200
    assert whole.headers["content-type"].startswith("text/html")
    assert "Crimson Lantern Brigade" in whole.text and "Harbour Police" in whole.text
    riot = httpx.get(reader.url + "/view", params={"article": "riot"}, timeout=60)
    assert "Harbour Police" in riot.text and "Crimson Lantern Brigade" not in riot.text
    focused = httpx.get(reader.url + "/view", params={"focus": "Harbour Police", "depth": "1"}, timeout=60)
    assert "Harbour Police" in focused.text and "Crimson Lantern Brigade" not in focused.text
    unknown = httpx.get(reader.url + "/view", params={"focus": "Nobody At All"}, timeout=60)
    assert unknown.status_code == 404
    assert "Nobody At All" in unknown.text
    denials = httpx.get(reader.url + "/view", params={"type": "Deny,Condemn"}, timeout=60)
    assert "Harbour Police" in denials.text and "Guild of Carters" in denials.text
    assert "Ostrava Gorge" not in denials.text  # only the attack is located
    unknown_type = httpx.get(reader.url + "/view", params={"type": "Picnic"}, timeout=60)
    assert unknown_type.status_code == 400 and "Picnic" in unknown_type.text
    bad = httpx.get(reader.url + "/view", params={"depth": "two"}, timeout=30)
    assert bad.status_code == 400


@pytest.mark.server
def test_one_log_line_per_request_without_query_text(reader: Server) -> None:
    marker = "needle-in-the-log"
    select(reader.sparql, f'SELECT ("{marker}" AS ?x) WHERE {{}}')
    time.sleep(0.2)
    log = reader.log.read_text()
    assert marker not in log
    assert any(line.endswith("ms") and "GET /sparql 200 " in line for line in log.splitlines())


def test_request_log_has_the_query_text_only_when_asked(caplog: pytest.LogCaptureFixture) -> None:
    import asyncio

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def endpoint(request: Request) -> PlainTextResponse:
        request.state.sparql = "SELECT ?needle\nWHERE {}"
        return PlainTextResponse("ok", status_code=201)

    async def post(app: Starlette) -> None:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test"
        ) as client:
            await client.post("/sparql?query=secret", headers={"Authorization": "Bearer hidden"})

    for log_queries, expected in ((False, "POST /sparql 201 "), (True, "SELECT ?needle WHERE {}")):
        app = Starlette(routes=[Route("/sparql", endpoint, methods=["POST"])])
        app.add_middleware(RequestLog, log_queries=log_queries)
        caplog.clear()
        with caplog.at_level("INFO", logger="kg.serve"):
            asyncio.run(post(app))
        lines = [record.getMessage() for record in caplog.records if record.name == "kg.serve"]
        assert len(lines) == 1 and expected in lines[0]
        assert "secret" not in lines[0] and "hidden" not in lines[0]
        assert ("needle" in lines[0]) is log_queries


# media types, without a server ---------------------------------------------------------------------------


def test_negotiate_follows_q_values_and_specificity() -> None:
    offered = OFFERS["solutions"]
    assert negotiate(None, offered) == "application/sparql-results+json"
    assert (
        negotiate("text/csv;q=0.5, application/sparql-results+xml", offered)
        == "application/sparql-results+xml"
    )
    assert negotiate("text/*;q=0.3, text/csv;q=0", offered) == "text/tab-separated-values"
    assert (
        negotiate("*/*;q=0.1, application/sparql-results+json;q=0", offered)
        == "application/sparql-results+xml"
    )
    assert negotiate("image/png, text/html", offered) is None
    assert negotiate("text/html;q=0.9, */*;q=0.1", OFFERS["graph"]) == "text/turtle"
    assert [r.q for r in parse_accept("a/b;q=x, c/d;q=2, garbage")] == [0.0, 1.0]


def sample_store() -> ox.Store:
    store = ox.Store()
    xsd = "http://www.w3.org/2001/XMLSchema#"
    objects = [
        ox.Literal('quote " comma , newline \n tab \t <&> é'),
        ox.Literal("hello", language="en"),
        *(
            ox.Literal(value, datatype=ox.NamedNode(xsd + kind))
            for value, kind in [
                ("3", "integer"),
                ("-3.5", "decimal"),
                ("1.0E3", "double"),
                ("true", "boolean"),
                ("2031-05", "gYearMonth"),
            ]
        ),
        ox.NamedNode("urn:x:o"),
        ox.BlankNode("b0"),
    ]
    for index, obj in enumerate(objects):
        store.add(ox.Quad(ox.NamedNode(f"urn:x:s{index}"), ox.NamedNode("urn:x:p"), obj))
    return store


@pytest.mark.parametrize("media_type", SOLUTION_MEDIA_TYPES)
def test_solution_serializers_match_pyoxigraph(media_type: str) -> None:
    store = sample_store()
    query = "SELECT ?s ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <urn:x:none> ?missing } } ORDER BY ?s"
    fmt = results_format(media_type).results_format
    ours = serialize(store.query(query), media_type, 100).body
    theirs = store.query(query).serialize(format=fmt)
    if fmt == ox.QueryResultsFormat.XML:  # the same document, though whitespace escapes may differ
        mine, reference = (
            [[row[i] for i in range(3)] for row in ox.parse_query_results(body, format=fmt)]
            for body in (ours, theirs)
        )
        assert mine == reference
        assert len(mine) == 9
    else:
        assert ours == theirs


def test_serialize_cuts_rows_and_triples_at_the_limit() -> None:
    store = sample_store()
    rows = serialize(store.query("SELECT * WHERE { ?s ?p ?o }"), "text/csv", 3)
    assert rows.truncated and rows.body.decode().count("\r\n") == 4
    triples = serialize(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), "application/n-triples", 4)
    assert triples.truncated and len(triples.body.decode().splitlines()) == 4
    whole = serialize(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), "text/turtle", 100)
    assert not whole.truncated
    assert len(list(ox.parse(whole.body, format=ox.RdfFormat.TURTLE))) == 9
    ask = serialize(store.query("ASK { ?s ?p ?o }"), "application/sparql-results+json", 1)
    assert json.loads(ask.body)["boolean"] is True


@pytest.mark.server
def test_a_repeated_query_is_answered_from_the_cache(reader: Server) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # cache probe"
    first, second = select(reader.sparql, query), select(reader.sparql, query)
    assert (first.headers["x-kg-cache"], second.headers["x-kg-cache"]) == ("miss", "hit")
    assert first.text == second.text
    other_format = select(reader.sparql, query, headers={"Accept": "text/csv"})
    assert other_format.headers["x-kg-cache"] == "miss"
    assert httpx.get(reader.url + "/health", timeout=30).headers.get("x-kg-cache") is None


@pytest.mark.server
def test_an_update_clears_the_cache(writer: Server) -> None:
    probe = "ASK { <urn:cache-probe> ?p ?o }"
    assert select(writer.sparql, probe).json()["boolean"] is False
    assert select(writer.sparql, probe).headers["x-kg-cache"] == "hit"
    done = httpx.post(
        writer.sparql,
        data={"update": "INSERT DATA { GRAPH <urn:g> { <urn:cache-probe> <urn:p> 1 } }"},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    )
    assert done.status_code == 200
    after = select(writer.sparql, probe)
    assert (after.headers["x-kg-cache"], after.json()["boolean"]) == ("miss", True)


# pages for browsers (issue 14) -----------------------------------------------------------------------

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.server
def test_ready_query_answers_a_browser_with_a_sortable_table_and_clients_with_results(reader: Server) -> None:
    url = reader.url + "/queries/who-claimed"
    page = httpx.get(url, headers={"Accept": BROWSER_ACCEPT}, timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<table class="results">' in page.text and "<td>Crimson Lantern Brigade</td>" in page.text
    assert 'href="/queries/who-claimed?download=csv"' in page.text and "download=json" in page.text
    assert "aria-sort" in page.text  # the headings sort the table
    for accept in (None, "*/*", "application/sparql-results+json"):
        headers = {"Accept": accept} if accept else {}
        answer = httpx.get(url, headers=headers, timeout=30)
        assert labels(answer, "claimant") == ["Crimson Lantern Brigade"]
    as_csv = httpx.get(url, params={"download": "csv"}, headers={"Accept": BROWSER_ACCEPT}, timeout=30)
    assert as_csv.headers["content-type"].startswith("text/csv") and "Crimson Lantern Brigade" in as_csv.text
    assert httpx.get(url, params={"download": "docx"}, timeout=30).status_code == 400


@pytest.mark.server
def test_sample_query_of_the_index_page_lists_each_event_once(reader: Server) -> None:
    import html as html_module

    page = httpx.get(reader.url + "/", timeout=30).text
    box = re.search(r'<textarea id="query" name="query">(.*?)</textarea>', page, re.S)
    sample = html_module.unescape(box[1])
    answer = httpx.get(reader.url + "/sparql", params={"query": sample}, timeout=30)
    rows = answer.json()["results"]["bindings"]
    events = [row["event"]["value"] for row in rows]
    assert events and len(events) == len(set(events))
    download = httpx.get(reader.url + "/sparql", params={"query": sample, "download": "csv"}, timeout=30)
    assert download.headers["content-type"].startswith("text/csv") and download.text.startswith("event,type")
    assert 'option value="table"' in page and "Download" in page


@pytest.mark.server
def test_view_fetches_the_neighbours_of_a_node(reader: Server) -> None:
    view = httpx.get(reader.url + "/view", timeout=60)
    assert '"expandUrl":"/view/neighbours"' in view.text and "connect-src 'self'" in view.text
    nodes = httpx.get(reader.url + "/view", params={"focus": "Harbour Police"}, timeout=60)
    assert "Harbour Police" in nodes.text
    police = re.search(r'"id":"([^"]+)","label":"Harbour Police"', nodes.text)[1]
    answer = httpx.get(reader.url + "/view/neighbours", params={"node": police}, timeout=60)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    data = answer.json()
    assert data["nodes"][0]["id"] == police and len(data["nodes"]) > 1
    assert all(edge["from"] == police or edge["to"] == police for edge in data["edges"])
    assert any(n["kind"] == "Deny" for n in data["nodes"]) and data["sources"]
    assert httpx.get(reader.url + "/view/neighbours", timeout=30).status_code == 400
    assert httpx.get(reader.url + "/view/neighbours", params={"node": "nope"}, timeout=30).status_code == 404
    assert httpx.get(reader.url + "/view", params={"level": "sideways"}, timeout=30).status_code == 400


@pytest.mark.server
@pytest.mark.browser
def test_served_view_expands_a_node_with_its_fetched_neighbours(reader: Server, tmp_path: Path) -> None:
    import shutil

    if shutil.which("chromium") is None:
        pytest.skip("Debian chromium (/usr/bin/chromium) is not installed; CI installs it")
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1440, "height": 900})

        def route(request) -> None:
            if request.request.url.startswith(reader.url):
                request.continue_()
            else:
                outside.append(request.request.url)
                request.abort()

        page.route("**/*", route)
        page.goto(reader.url + "/view?focus=Guild%20of%20Carters&depth=1")
        page.wait_for_function("window.kgStabilized === true", timeout=30_000)
        before = set(page.evaluate("window.kgNodes.getIds()"))
        attack = page.evaluate("window.kgNodes.get({filter: n => n.kind === 'Condemn'})[0].facts"
                               ".find(f => f[0] === 'about')[2]")
        added = page.evaluate(f"window.kgExpand({json.dumps(attack)})")
        after = set(page.evaluate("window.kgNodes.getIds()"))
        assert added == len(after - before) > 0
        names = page.evaluate("window.kgNodes.get().map(n => n.name)")
        assert "Crimson Lantern Brigade" in names and "Ostrava Gorge" in names
        artifacts = Path(__file__).resolve().parent.parent / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        page.screenshot(path=str(artifacts / "view-served-expanded.png"))
        browser.close()
    assert outside == []
