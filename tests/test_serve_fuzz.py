"""Property tests over the server's parameters: whatever a client sends, the answer is a 2xx or 4xx
with a message (5xx only for a time limit), never a crash, and the server keeps answering.

The app runs in-process (Starlette's TestClient, one worker process); each property is bounded to a
few dozen examples so the module takes seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from test_serve import fill_store

from kg.serve import create_app

ALLOWED = {200, 400, 403, 404, 406, 413, 415, 421, 429}
"""Statuses a request may get; 503 (time limit) is allowed where a query can run long."""
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

BOUNDED = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

SPARQL_BITS = st.sampled_from(
    [
        "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "[", "]", "?s", "?p", "?o",
        "<urn:x>", "<http://127.0.0.1:1/sparql>", "SERVICE", "SILENT", "FILTER", "OPTIONAL", "UNION", "MINUS",
        "BIND", "AS", "VALUES", "GRAPH", "PREFIX", "kg:", "'", '"', "'''", "#", "\n", ".", ";", ",", "*",
        "LIMIT", "1", "-", "^^", "@en", "\\u0000", "\x00", "\x07", "\ud7ff", "é", "INSERT", "DATA", "LOAD",
    ]
)  # fmt: skip
SPARQL = st.lists(SPARQL_BITS, max_size=30).map(" ".join) | st.text(max_size=200)
HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    fill_store(folder / "store")
    app = create_app(
        str(folder / "store"),
        timeout=2.0,
        workers=1,
        max_client_queries=4,
        allow_host=["testserver"],
        max_query_bytes=4096,
        max_body=8192,
    )
    with TestClient(app, raise_server_exceptions=True) as opened:
        yield opened


def _fine(response, *, may_time_out: bool = True) -> None:
    allowed = ALLOWED | ({503} if may_time_out else set())
    assert response.status_code in allowed, (response.status_code, response.text[:300])
    if response.status_code >= 400:
        assert response.text.strip(), "an error answer says why"


@BOUNDED
@given(query=SPARQL, accept=HEADER_TEXT | st.sampled_from(["application/rdf+xml", "text/csv", "*/*"]))
def test_any_query_text_and_accept_header(client: TestClient, query: str, accept: str) -> None:
    _fine(client.get("/sparql", params={"query": query}, headers={"Accept": accept}))
    _fine(client.post("/sparql", content=query.encode("utf-8", "surrogatepass"),
                      headers={"Content-Type": "application/sparql-query"}))  # fmt: skip


@BOUNDED
@given(
    depth=st.text(max_size=6),
    focus=st.text(max_size=20),
    kinds=st.text(max_size=20),
    article=st.text(max_size=20),
)
def test_any_view_parameters(client: TestClient, depth: str, focus: str, kinds: str, article: str) -> None:
    params = {"depth": depth, "focus": focus, "type": kinds, "article": article}
    _fine(client.get("/view", params=params))


@BOUNDED
@given(
    name=st.text(min_size=1, max_size=20), values=st.dictionaries(st.text(max_size=8), st.text(max_size=30))
)
def test_any_ready_query_name_and_parameters(client: TestClient, name: str, values: dict[str, str]) -> None:
    _fine(client.get(f"/queries/{quote(name, safe='')}", params=values))
    _fine(client.get("/queries/sources", params=values))


@BOUNDED
@given(
    host=HEADER_TEXT,
    origin=HEADER_TEXT,
    content_type=HEADER_TEXT
    | st.sampled_from(["application/x-www-form-urlencoded", "application/sparql-update"]),
    body=st.binary(max_size=300),
    graphs=st.lists(st.text(max_size=30), max_size=3),
)
def test_any_headers_body_and_dataset(
    client: TestClient, host: str, origin: str, content_type: str, body: bytes, graphs: list[str]
) -> None:
    headers = {"Host": host or "testserver", "Origin": origin, "Content-Type": content_type}
    params = [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
    _fine(client.post("/sparql", params=params, content=body, headers=headers))
    _fine(client.get("/sparql", params=[("query", "ASK {}"), *params]), may_time_out=False)


def test_the_server_still_answers_after_the_properties(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
