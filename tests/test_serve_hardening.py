"""Issue 13's attacks on ``kg serve`` and ``kg query``, replayed over loopback: each must now be refused.

Every server test starts ``kg serve`` on 127.0.0.1 and sends a bounded number of requests.
"""

from __future__ import annotations

import concurrent.futures
import http.server
import json
import socket
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from test_serve import SLOW, TOKEN, Server, fill_store, select, start_server, stop_server
from typer.testing import CliRunner

from kg.cli import _load_commands, app
from kg.errors import ServeError
from kg.query import on_deep_stack, run
from kg.serve import create_app
from kg.serve.guard import FailureLimit, HostCheck, check_token, exposure_warning
from kg.store import open_store

QUICK = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


DEAD = f"http://127.0.0.1:{_closed_port()}/sparql"
"""An allowed endpoint nobody listens on."""


class Listener:
    """A loopback TCP listener that records every connection made to it (and answers nothing)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


class Endpoint(http.server.BaseHTTPRequestHandler):
    """A tiny SPARQL endpoint that answers every query with one row ``?x = "remote"``."""

    calls = 0

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        Endpoint.calls += 1
        self.rfile.read(int(self.headers.get("content-length") or 0))
        body = json.dumps(
            {
                "head": {"vars": ["x"]},
                "results": {"bindings": [{"x": {"type": "literal", "value": "remote"}}]},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    opened = Listener()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def remote() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hardening")
    fill_store(folder / "store")
    with open_store(folder / "store") as store:  # text with control characters XML 1.0 cannot hold
        store.update(
            'INSERT DATA { GRAPH <urn:test:g> { <urn:test:s> <urn:test:says> "bell \\u0007 esc \\u001B" } }'
        )
    return folder


@pytest.fixture(scope="module")
def guarded(store_folder: Path, remote: str) -> Iterator[Server]:
    """A read-only server on default limits, except one allowed SERVICE endpoint (the fake one)."""
    server = start_server(
        store_folder / "store",
        store_folder / "guarded.log",
        "--max-body",
        "1000000",
        "--allow-service",
        remote,
        "--allow-service",
        DEAD,
        "--allow-host",
        "kg.example",
    )
    yield server
    stop_server(server)


def _wait_quiet(listener: Listener) -> int:
    time.sleep(0.5)  # a connection the server started would have arrived by now
    return listener.connections


# 1: SSRF through SERVICE -------------------------------------------------------------------------------


@pytest.mark.server
def test_service_is_refused_and_the_server_makes_no_outbound_request(
    guarded: Server, listener: Listener
) -> None:
    target = listener.url
    attacks = [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"PREFIX t: <http://127.0.0.1:{listener.port}/> SELECT * WHERE {{ SERVICE t:sparql {{ }} }}",
        f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE <{target}> {{ }} }} }}",
        # five deep through the server itself (held every worker for 10 s before)
        "SELECT * WHERE { " + f"SERVICE <{guarded.sparql}> {{ " * 5 + "?s ?p ?o" + " }" * 5 + " }",
    ]
    for attack in attacks:
        for response in (
            select(guarded.sparql, attack),
            httpx.post(guarded.sparql, data={"query": attack}, timeout=30),
            httpx.post(
                guarded.sparql,
                content=attack,
                headers={"Content-Type": "application/sparql-query"},
                timeout=30,
            ),
        ):
            assert response.status_code == 400, attack
            assert "federated queries are off" in response.text or "not an allowed endpoint" in response.text
    assert _wait_quiet(listener) == 0


@pytest.mark.server
def test_load_needs_the_token_and_reaches_nothing_without_it(guarded: Server, listener: Listener) -> None:
    for data in (
        {"update": f"LOAD <{listener.url}>"},
        {"update": f"LOAD SILENT <{listener.url}> INTO GRAPH <urn:g>"},
    ):
        refused = httpx.post(guarded.sparql, data=data, timeout=30)
        assert refused.status_code == 403 and "read-only" in refused.text
    assert _wait_quiet(listener) == 0


@pytest.mark.server
def test_an_allowed_service_is_called_and_its_failure_is_a_502_with_one_line(
    guarded: Server, remote: str, listener: Listener
) -> None:
    before = Endpoint.calls
    answer = select(guarded.sparql, f"SELECT ?x WHERE {{ SERVICE <{remote}> {{ ?x ?p ?o }} }}")
    assert answer.status_code == 200, answer.text
    assert [b["x"]["value"] for b in answer.json()["results"]["bindings"]] == ["remote"]
    assert Endpoint.calls == before + 1
    other = select(guarded.sparql, f"SELECT ?x WHERE {{ SERVICE <{listener.url}> {{ ?x ?p ?o }} }}")
    assert other.status_code == 400 and "not an allowed endpoint" in other.text
    failing = select(guarded.sparql, f"SELECT ?x WHERE {{ SERVICE <{DEAD}> {{ ?x ?p ?o }} }}")
    assert failing.status_code == 502, failing.text
    assert failing.text.startswith(f"SERVICE {DEAD} failed: ") and len(failing.text.strip().splitlines()) == 1
    assert _wait_quiet(listener) == 0


@pytest.mark.server
def test_host_names_outside_the_server_are_refused(guarded: Server) -> None:
    port = guarded.url.rsplit(":", 1)[1]
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.nip.io"):  # DNS rebinding
        refused = httpx.get(guarded.url + "/health", headers={"Host": host}, timeout=10)
        assert refused.status_code == 421 and "--allow-host" in refused.text
        attack = httpx.get(guarded.sparql, params={"query": QUICK}, headers={"Host": host}, timeout=10)
        assert attack.status_code == 421
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "kg.example", f"KG.example:{port}"):
        assert httpx.get(guarded.url + "/health", headers={"Host": host}, timeout=10).status_code == 200


@pytest.mark.server
def test_cross_origin_form_posts_are_refused(guarded: Server) -> None:
    form = {"query": QUICK}
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        refused = httpx.post(guarded.sparql, data=form, headers=headers, timeout=10)
        assert refused.status_code == 403 and "cross" in refused.text
    same = httpx.post(guarded.sparql, data=form, headers={"Origin": guarded.url}, timeout=30)
    assert same.status_code == 200


def test_binding_beyond_loopback_warns_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    served: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.append(options))
    fill_store(tmp_path / "store")
    _load_commands()
    exposed = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "store"), "--host", "0.0.0.0"])
    assert exposed.exit_code == 0, exposed.output
    assert "WARNING" in exposed.output and "0.0.0.0:7878" in exposed.output
    assert served[0]["host"] == "0.0.0.0"
    local = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "store")])
    assert "WARNING" not in local.output
    assert exposure_warning("::1", 1) is None and exposure_warning("192.168.1.5", 1) is not None


# 3, 8: memory and crashes -----------------------------------------------------------------------------


@pytest.mark.server
def test_a_query_over_max_query_bytes_is_413(guarded: Server) -> None:
    big = QUICK + " #" + "x" * 70_000
    response = httpx.post(guarded.sparql, data={"query": big}, timeout=30)
    assert response.status_code == 413 and "at most 65536" in response.text


@pytest.mark.server
def test_deep_nesting_is_400_and_no_request_kills_a_worker(guarded: Server) -> None:
    nested = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"  # ~10 KB
    refused = httpx.post(guarded.sparql, data={"query": nested}, timeout=30)
    assert refused.status_code == 400 and "nests brackets" in refused.text
    flat = "SELECT * WHERE { " + " ".join(["MINUS { ?s ?p ?o }"] * 3300) + " }"  # 63 KB, flat text
    answered = httpx.post(guarded.sparql, data={"query": flat}, timeout=60)
    assert answered.status_code in (200, 503), answered.text  # answered or timed out; the worker lives
    assert "died" not in answered.text
    assert select(guarded.sparql, QUICK).status_code == 200
    assert "died" not in guarded.log.read_text()


# 5: liveness and one client -------------------------------------------------------------------------


@pytest.mark.server
def test_health_answers_while_every_worker_is_busy_and_one_client_is_capped(
    store_folder: Path,
) -> None:
    server = start_server(
        store_folder / "store", store_folder / "busy.log", "--workers", "1", "--max-client-queries", "1"
    )
    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            slow = pool.submit(select, server.sparql, SLOW)
            time.sleep(0.5)
            started = time.monotonic()
            health = httpx.get(server.url + "/health", timeout=10)
            assert health.status_code == 200 and time.monotonic() - started < 1.0
            assert health.json()["idle"] == 0 and health.json()["triples"] > 0
            second = select(server.sparql, QUICK + " # another")
            assert second.status_code == 429 and second.headers["retry-after"] == "1"
            assert slow.result().status_code == 503
        assert select(server.sparql, QUICK).status_code == 200
    finally:
        stop_server(server)


# 6: XML ------------------------------------------------------------------------------------------------


@pytest.mark.server
def test_xml_answers_are_well_formed_with_control_characters_in_the_data(guarded: Server) -> None:
    query = "SELECT ?text WHERE { <urn:test:s> <urn:test:says> ?text }"
    xml = select(guarded.sparql, query, headers={"Accept": "application/sparql-results+xml"})
    assert xml.status_code == 200
    literal = ET.fromstring(xml.content).find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert literal is not None and literal.text == "bell \ufffd esc \ufffd"
    construct = "CONSTRUCT { <urn:test:s> <urn:test:says> ?t } WHERE { <urn:test:s> <urn:test:says> ?t }"
    rdfxml = select(guarded.sparql, construct, headers={"Accept": "application/rdf+xml"})
    assert rdfxml.status_code == 200
    assert [str(o) for o in rdflib.Graph().parse(data=rdfxml.content, format="xml").objects()] == [
        "bell \ufffd esc \ufffd"
    ]
    as_json = select(guarded.sparql, query)
    assert as_json.json()["results"]["bindings"][0]["text"]["value"] == "bell \x07 esc \x1b"  # JSON keeps it


# 10: /view ---------------------------------------------------------------------------------------------


@pytest.mark.server
def test_view_depth_must_be_ascii_digits(guarded: Server) -> None:
    for depth in ("²", "-1", "1.5", "٣", "100"):
        response = httpx.get(guarded.url + "/view", params={"depth": depth}, timeout=30)
        assert response.status_code == 400 and "depth must be a whole number" in response.text
    assert httpx.get(guarded.url + "/view", params={"depth": "2"}, timeout=60).status_code == 200


# 14: tokens --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["a", " " * 20, "short-token", "sixteen chars ok"])
def test_weak_tokens_refuse_to_start(token: str, store_folder: Path) -> None:
    with pytest.raises(ServeError, match="token"):
        create_app(str(store_folder / "store"), allow_update=True, token=token)
    check_token("x" * 16)


@pytest.mark.server
def test_wrong_tokens_are_rate_limited_per_client(store_folder: Path, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(store_folder / "store", tmp_path / "store")
    server = start_server(
        tmp_path / "store", tmp_path / "w.log", "--allow-update", env={"KG_SERVE_TOKEN": TOKEN}
    )
    try:
        update = {"update": "INSERT DATA { <urn:x> <urn:y> <urn:z> }"}

        def attempt(token: str) -> httpx.Response:
            return httpx.post(
                server.sparql, data=update, headers={"Authorization": f"Bearer {token}"}, timeout=30
            )

        statuses = [attempt(f"guess-{n:012d}").status_code for n in range(8)]
        assert statuses == [403] * 5 + [429] * 3
        locked = attempt(TOKEN)  # the right token too, until the window passes
        assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    finally:
        stop_server(server)


def test_the_failure_window_expires() -> None:
    now = [0.0]
    limit = FailureLimit(limit=2, window=10.0, clock=lambda: now[0])
    limit.fail("a")
    limit.fail("a")
    with pytest.raises(Exception, match="too many wrong tokens"):
        limit.check("a")
    limit.check("b")  # per client
    now[0] = 10.5
    limit.check("a")
    assert limit._failures == {}  # nothing kept for a client that stopped failing


def test_host_check_accepts_ip_literals_and_named_hosts_only() -> None:
    check = HostCheck("127.0.0.1", ["kg.example"])
    assert all(
        check.accepts(h) for h in ("127.0.0.1:7878", "[::1]:7878", "10.0.0.5", "LOCALHOST", "kg.example:1")
    )
    assert not any(
        check.accepts(h) for h in ("evil.example", "kg.example.evil.example", "127.0.0.1.nip.io:80")
    )
    assert HostCheck("myhost.lan").accepts("myhost.lan:7878")


# 8, 9: kg query -----------------------------------------------------------------------------------------


def test_kg_query_refuses_deep_nesting_and_reports_a_failing_service_in_one_line(
    store_folder: Path, listener: Listener
) -> None:
    _load_commands()
    runner = CliRunner()
    store = str(store_folder / "store")
    nested = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    deep = runner.invoke(app, ["query", "--store", store, nested])
    assert deep.exit_code == 2 and "nests brackets" in deep.output and "Traceback" not in deep.output
    dead = DEAD
    failing = runner.invoke(
        app, ["query", "--store", store, f"SELECT * WHERE {{ SERVICE <{dead}> {{ ?s ?p ?o }} }}"]
    )
    assert failing.exit_code == 1
    assert failing.output.startswith(f"kg: error: SERVICE {dead} failed: ")
    assert len(failing.output.strip().splitlines()) == 1


def test_flat_but_long_queries_run_on_a_deep_stack(store_folder: Path) -> None:
    """61 KB of sequential MINUS clauses overflowed the 8 MB main-thread stack (the process died)."""
    flat = "SELECT * WHERE { " + " ".join(["MINUS { ?s ?p ?o }"] * 3500) + " }"
    with open_store(store_folder / "store", read_only=True) as store:
        assert on_deep_stack(lambda: len(list(run(store, flat)))) == 1  # {} minus unrelated patterns
