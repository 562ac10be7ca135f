"""kg.view: the HTML page (self-contained, escaped, cut to size) and, in headless Chromium, its behaviour."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.analyze import add_entity, add_event, importance
from kg.errors import NotFoundError
from kg.view import most_important, render_html, style

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
IMG_PAYLOAD = "<img src=x onerror=\"window.__pwned='img'\">"
SCRIPT_PAYLOAD = "</script><script>window.__pwned='script'</script>"


def sample_graph() -> nx.MultiDiGraph:
    """Two invented stories: a bombing with claim, condemnations and threats, and a protest."""
    G = nx.MultiDiGraph()
    entities = [
        ("red", "Red Hand", "Group", ["RH", "the Red Hand movement"]),
        ("barland", "Barland", "Country", []),
        ("quxia", "Quxia", "Country", []),
        ("fooville", "Fooville", "Place", []),
        ("pilgrims", "pilgrims", "Group", []),
        ("minister", "Ana Example", "Person", ["the minister"]),
        ("un", "United Federation", "Organization", ["UF"]),
        ("students", "students", "Group", []),
        ("bazton", "Bazton", "Place", []),
        ("evil", IMG_PAYLOAD, "Group", [SCRIPT_PAYLOAD]),
    ]
    for key, name, kind, aliases in entities:
        add_entity(G, key, label=name, kind=kind, aliases=aliases)
    src = "Blast in Fooville"
    add_event(
        G,
        "e1",
        label="Fooville blast",
        kind="Attack",
        time="2023-05-02",
        killed=12,
        injured=30,
        sentences=[("A blast killed 12 pilgrims in Fooville.", src)],
        agent=["red"],
        target=["pilgrims"],
        locatedIn=["fooville"],
    )
    add_event(
        G,
        "e2",
        label="Red Hand claim",
        kind="ClaimResponsibility",
        time="2023-05-03",
        sentences=[("The Red Hand said it carried out the blast.", src)],
        agent=["red"],
        about=["e1"],
    )
    add_event(
        G,
        "e3",
        label="Barland condemnation",
        kind="Condemn",
        sentences=[("Barland condemned the attack.", src)],
        agent=["barland"],
        about=["e1"],
    )
    add_event(G, "e4", label="UF condemnation", kind="Condemn", agent=["un"], about=["e1"])
    add_event(
        G,
        "e5",
        label="minister accuses Quxia",
        kind="Accuse",
        sentences=[("The minister blamed Quxia.", src)],
        agent=["minister"],
        target=["quxia"],
        about=["e1"],
    )
    add_event(G, "e6", label="Quxia denial", kind="Deny", agent=["quxia"], about=["e5"])
    add_event(G, "e7", label="vow of revenge", kind="Threaten", agent=["barland"], target=["red"])
    add_event(
        G,
        "e8",
        label="student march",
        kind="Protest",
        time="2024",
        sentences=[(SCRIPT_PAYLOAD + " marched " + IMG_PAYLOAD + " \u2028", "Students & <march>")],
        agent=["students", "evil"],
        locatedIn=["bazton"],
    )
    G.add_edge("fooville", "barland", key="inCountry", relation="inCountry")
    return G


def page_json(html: str) -> dict:
    match = re.search(r"<script>var KG = (.*?);</script>", html, re.S)
    assert match, "no page data in the page"
    return json.loads(match.group(1))


def page_data(html: str, name: str) -> list[dict]:
    if name == "RESERVE":
        match = re.search(r'<script type="application/json" id="kg-reserve">(.*?)</script>', html, re.S)
        assert match, "no reserve in the page"
        return json.loads(match.group(1))["nodes"]
    return page_json(html)[{"NODES": "nodes", "EDGES": "edges"}[name]]


@pytest.fixture(scope="module")
def view(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("view") / "view.html"
    info = render_html(sample_graph(), out, title="Sample <view>")
    return info, out.read_text(encoding="utf-8")


def test_page_is_self_contained(view) -> None:
    _, html = view
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""(?:@import|url\()\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "<link" not in html
    assert "default-src 'none'" in html
    assert "new vis.Network(" in html and len(html) > 400_000  # vis-network itself is inlined


def test_page_holds_every_node_and_edge_with_style(view) -> None:
    info, html = view
    nodes, edges = page_data(html, "NODES"), page_data(html, "EDGES")
    assert (info.nodes, info.edges, info.omitted) == (18, 20, 0) == (len(nodes), len(edges), 0)
    blast = next(n for n in nodes if n["name"] == "Fooville blast")
    assert (blast["kind"], blast["killed"], blast["time"]) == ("Attack", 12, "2023-05-02")
    assert blast["label"] == "Attack · Fooville · 2023-05-02\nRed Hand"
    assert (blast["t0"], blast["t1"], blast["country"]) == ("2023-05-02", "2023-05-02", "Barland")
    attack = style()["nodes"]["Attack"]
    assert (blast["color"], blast["shape"]) == (attack["colour"], attack["shape"])
    sources = page_json(html)["sources"]
    assert [(text, sources[i]["title"]) for text, i in blast["sentences"]] == [
        ("A blast killed 12 pilgrims in Fooville.", "Blast in Fooville")
    ]
    facts = {(role, value) for role, value, _, _ in blast["facts"]}
    assert {
        ("agent", "Red Hand"),
        ("target", "pilgrims"),
        ("location", "Fooville"),
        ("killed", "12"),
    } <= facts
    red = next(n for n in nodes if n["name"] == "Red Hand")
    assert red["aliases"] == ["RH", "the Red Hand movement"]
    assert red["size"] > next(n for n in nodes if n["name"] == "UF condemnation")["size"]
    assert {e["label"] for e in edges} == {"agent", "target", "locatedIn", "about", "inCountry"}
    behind = next(e for e in edges if e["from"] == "e1" and e["relation"] == "agent")
    assert blast["facts"][behind["fact"]][:2] == ["agent", "Red Hand"]
    assert all("x" in n and "y" in n for n in nodes)
    assert info.bytes == len(html.encode("utf-8"))
    assert 'data-kind="Threaten"' in html and 'data-kind="Person"' in html


def test_article_text_is_escaped(view) -> None:
    _, html = view
    assert IMG_PAYLOAD not in html and "<img" not in html
    assert SCRIPT_PAYLOAD not in html and "<script>window" not in html
    assert "\u2028" not in html and "\u2029" not in html
    assert "Sample &lt;view&gt;" in html
    assert any(n["name"] == IMG_PAYLOAD for n in page_data(html, "NODES"))


def test_big_graph_keeps_most_important_nodes_and_says_so(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    add_entity(G, "hub", label="Hub Group", kind="Group")
    for n in range(40):
        add_entity(G, f"p{n}", label=f"place {n}", kind="Place")
        add_event(G, f"e{n}", label=f"attack {n}", kind="Attack", agent=["hub"], locatedIn=[f"p{n}"])
    info = render_html(G, tmp_path / "big.html", max_nodes=10)
    html = (tmp_path / "big.html").read_text(encoding="utf-8")
    assert (info.nodes, info.omitted) == (10, 71)
    assert "71 of 81 nodes are left out: 31 events (31 Attack) and 40 entities" in html
    assert "<code>kg view --focus NAME</code>" in html
    drawn = page_data(html, "NODES")
    assert "Hub Group" in {n["name"] for n in drawn}
    clusters = [n for n in drawn if n["kind"] == "Cluster"]
    assert len(clusters) == 1 and len(clusters[0]["members"]) == 71
    reserve = {n["id"] for n in page_data(html, "RESERVE")}
    assert all("color" not in n for n in page_data(html, "RESERVE"))  # the page derives it
    assert set(clusters[0]["members"]) <= reserve and len(reserve) == 71


def test_a_cut_keeps_every_event_type_and_says_what_it_left_out(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    add_entity(G, "hub", label="Hub Group", kind="Group")
    add_entity(G, "lone", label="Lone Voice", kind="Person")
    for n in range(60):
        add_entity(G, f"p{n}", label=f"place {n}", kind="Place")
        add_event(G, f"a{n}", label=f"attack {n}", kind="Attack", agent=["hub"], locatedIn=[f"p{n}"])
    for kind in ("ClaimResponsibility", "Condemn", "Accuse", "Deny", "Threaten", "Protest"):
        add_event(G, f"{kind}-1", label=kind, kind=kind, agent=["lone"], about=["a59"])
    select_ = __import__("kg.view", fromlist=["select"]).select
    cut = select_(G, max_nodes=20)
    kinds = {data["kind"] for _, data in cut.drawn.nodes(data=True)}
    assert set(kg_event_types()) <= kinds and cut.drawn.number_of_nodes() == 20
    assert "Attack" in cut.notes[0] and "every type" in cut.notes[0]


def kg_event_types() -> tuple[str, ...]:
    from kg.model import EVENT_TYPES

    return EVENT_TYPES


def test_event_labels_tell_events_apart() -> None:
    from kg.view.labels import display_labels

    G = sample_graph()
    add_event(
        G,
        "e9",
        label="second claim",
        kind="ClaimResponsibility",
        time="2023-05-03",
        agent=["red"],
        about=["e1"],
        article={"source": "Wire", "title": "Claim again"},
    )
    labels = display_labels(G)
    events = [labels[n] for n in G if G.nodes[n]["kind"] in kg_event_types()]
    assert len(events) == len(set(events))
    assert labels["e2"].startswith("Claim · Fooville · 2023-05-03\nRed Hand")
    assert labels["e7"] == "Threat\nBarland"


def test_incidents_are_drawn_once_with_their_reports_unless_reports_are_asked_for(tmp_path: Path) -> None:
    G = sample_graph()
    add_event(
        G,
        "e1b",
        label="Fooville bombing",
        kind="Attack",
        time="2023-05-02",
        killed=14,
        sentences=[("Fourteen died in the Fooville bombing.", "Wire report")],
        article={"doc": "w1", "title": "Wire report", "source": "Wire", "published": "2023-05-04"},
        agent=["red"],
        locatedIn=["fooville"],
        incident="inc1",
    )
    G.nodes["e1"]["incident"] = "inc1"
    G.nodes["e1"]["article"] = {
        "doc": "b1",
        "title": "Blast in Fooville",
        "source": "Post",
        "published": "2023-05-02",
        "url": "https://example.org/b1",
    }
    info = render_html(G, tmp_path / "inc.html")
    html = (tmp_path / "inc.html").read_text(encoding="utf-8")
    nodes = {n["id"]: n for n in page_data(html, "NODES")}
    assert info.level == "incidents" and "incident:inc1" in nodes and not {"e1", "e1b"} & set(nodes)
    incident = nodes["incident:inc1"]
    assert [r["killed"] for r in incident["reports"]] == [12, 14] and incident["killed"] == 14
    assert len(incident["src"]) == 2 and len(incident["sentences"]) == 2
    about = {(e["from"], e["to"]) for e in page_data(html, "EDGES") if e["relation"] == "about"}
    assert ("e2", "incident:inc1") in about
    reports = render_html(G, tmp_path / "rep.html", level="reports")
    rep_nodes = {n["id"] for n in page_data((tmp_path / "rep.html").read_text(encoding="utf-8"), "NODES")}
    assert reports.level == "reports" and {"e1", "e1b"} <= rep_nodes and "incident:inc1" not in rep_nodes


def test_cut_stays_connected_around_the_most_important() -> None:
    G = sample_graph()
    rank = importance(G)
    keep = most_important(G, rank, 6)
    assert keep[0] == max(rank, key=rank.get)
    assert nx.is_weakly_connected(G.subgraph(keep)) and len(keep) == 6
    assert most_important(G, rank, 3, start="quxia")[0] == "quxia"
    assert len(most_important(G, rank, 1000)) == G.number_of_nodes()


def test_focus_draws_the_ego_graph(tmp_path: Path) -> None:
    info = render_html(sample_graph(), tmp_path / "focus.html", focus="quxia", depth=1)
    html = (tmp_path / "focus.html").read_text(encoding="utf-8")
    labels = {n["name"] for n in page_data(html, "NODES")}
    assert labels == {"Quxia", "minister accuses Quxia", "Quxia denial"}
    assert info.nodes == 3 and info.omitted == 0
    deeper = render_html(sample_graph(), tmp_path / "focus2.html", focus="Quxia", depth=2)
    assert deeper.nodes == 5
    with pytest.raises(NotFoundError, match="'Atlantis'"):
        render_html(sample_graph(), tmp_path / "none.html", focus="Atlantis")
    assert not (tmp_path / "none.html").exists()


def test_write_is_atomic_and_replaces(tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    out.write_text("old")
    render_html(sample_graph(), out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["v.html"]


def test_cli_view_prints_path_and_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.analyze
    import kg.store
    from kg.cli import _load_commands, app

    class Opened:
        def __enter__(self):
            return self

        def __exit__(self, *exc: object) -> None:
            return None

    seen: dict = {}

    def fake_projection(store, **filters):
        seen.update(filters)
        return sample_graph()

    monkeypatch.setattr(kg.store, "open_store", lambda location, read_only=False: Opened())
    monkeypatch.setattr(kg.analyze, "to_networkx", fake_projection)
    _load_commands()
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(
        app, ["view", "-o", str(out), "--type", "Attack", "--since", "2023-01-01", "--max-nodes", "5"]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (5 nodes" in result.output and "13 left out" in result.output
    assert seen == {"article": None, "types": ["Attack"], "since": "2023-01-01", "until": None}
    missing = CliRunner().invoke(app, ["view", "-o", str(out), "--focus", "Atlantis"])
    assert missing.exit_code == 2 and "'Atlantis'" in missing.output


# --- in the browser ---------------------------------------------------------------------------

BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser_page(view, tmp_path_factory: pytest.TempPathFactory):
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.skip("Debian chromium (/usr/bin/chromium) is not installed; CI installs it")
    from playwright.sync_api import sync_playwright

    info, _ = view
    requests: list[str] = []
    problems: list[str] = []
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=BROWSER_ARGS,
            viewport={"width": 1440, "height": 900},
        )

        def record(route) -> None:
            requests.append(route.request.url)
            if route.request.url == info.path.resolve().as_uri():
                route.continue_()
            else:
                route.abort()

        page = context.new_page()
        page.route("**/*", record)
        page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(info.path.resolve().as_uri())
        page.wait_for_function("window.kgStabilized === true", timeout=20_000)
        yield page, info, requests, problems
        context.close()


@pytest.mark.browser
def test_browser_loads_offline_with_all_nodes(browser_page) -> None:
    page, info, requests, problems = browser_page
    assert page.evaluate("typeof vis") != "undefined"
    assert page.evaluate("window.kgNodes.length") == info.nodes
    assert page.evaluate("window.kgEdges.length") == info.edges
    assert requests == [info.path.resolve().as_uri()]
    assert problems == []
    assert page.text_content("#kg-status") == "ready"
    assert page.text_content("#kg-physics") == "Physics: off"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view.png"))


@pytest.mark.browser
def test_browser_never_runs_article_text(browser_page) -> None:
    page, *_ = browser_page
    assert page.evaluate("window.__pwned") is None
    page.fill("#kg-search", "onerror")
    results = page.text_content("#kg-results")
    assert IMG_PAYLOAD in results
    tip = page.evaluate("window.kgNodes.get('evil').title.textContent")
    assert IMG_PAYLOAD in tip and SCRIPT_PAYLOAD in tip
    march = page.evaluate("window.kgNodes.get('e8').title.textContent")
    assert "Students & <march>" in march
    box = page.locator("#kg-network canvas").bounding_box()
    spot = page.evaluate(
        "(() => { const n = window.kgNetwork; return n.canvasToDOM(n.getPositions(['e8']).e8); })()"
    )
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    shown = page.text_content("div.vis-tooltip")
    assert SCRIPT_PAYLOAD + " marched " + IMG_PAYLOAD in shown and "Students & <march>" in shown
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view-tooltip.png"))
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#kg-results img, #kg-results script').length") == 0


@pytest.mark.browser
def test_browser_search_finds_aliases_and_sentences(browser_page) -> None:
    page, *_ = browser_page
    page.fill("#kg-search", "the minister")
    hits = page.locator("#kg-results li.hit").all_text_contents()
    assert sorted(hits) == [
        "Accuse · Fooville · Ana Example AccuseThe minister blamed Quxia.",
        "Ana Example Personalso the minister",
        "Quxia CountryThe minister blamed Quxia.",
    ]
    page.fill("#kg-search", "carried out")
    assert "Claim · Fooville · 2023-05-03 · Red Hand" in page.text_content("#kg-results")
    page.click("#kg-results li.hit")
    assert page.evaluate("window.kgNetwork.getSelectedNodes()") == ["e2"]
    page.fill("#kg-search", "zzzz")
    assert page.text_content("#kg-results") == "No match."
    page.fill("#kg-search", "")


def open_view(context, path: Path, requests: list[str] | None = None):
    """A new page showing the view at ``path``, every other request refused (and recorded)."""
    page = context.new_page()

    def record(route) -> None:
        if requests is not None:
            requests.append(route.request.url)
        (route.continue_ if route.request.url == path.resolve().as_uri() else route.abort)()

    page.route("**/*", record)
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.kgStabilized === true", timeout=30_000)
    return page


def settled(page, seconds: float = 10.0) -> None:
    """Wait until the page has laid out the nodes it last added (the page's CSP forbids polling by eval)."""
    import time

    deadline = time.monotonic() + seconds
    while page.evaluate("window.kgSettling === true"):
        assert time.monotonic() < deadline, "the page never finished laying out"
        page.wait_for_timeout(100)


def click_node(page, node: str) -> None:
    page.evaluate(
        "document.getElementById('kg-details').hidden = true; window.kgNetwork.fit({animation: false})"
    )
    box = page.locator("#kg-network canvas").bounding_box()
    spot = page.evaluate(
        f"(() => {{ const n = window.kgNetwork;"
        f" return n.canvasToDOM(n.getPositions([{node!r}])[{node!r}]); }})()"
    )
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


LABEL_PIXELS = """() => {
  const net = window.kgNetwork, scale = net.getScale();
  return window.kgNodes.get().map(n => ({id: n.id, kind: n.kind, size: n.size, px: n.font.size * scale,
                                         box: net.getBoundingBox(n.id)}));
}"""


def overlaps(labelled: list[dict]) -> list[tuple[str, str]]:
    """Pairs of drawn labels whose boxes (node and label, canvas units) intersect."""
    found = []
    for i, a in enumerate(labelled):
        for b in labelled[i + 1 :]:
            x = min(a["box"]["right"], b["box"]["right"]) - max(a["box"]["left"], b["box"]["left"])
            y = min(a["box"]["bottom"], b["box"]["bottom"]) - max(a["box"]["top"], b["box"]["top"])
            if x > 1 and y > 1:
                found.append((a["id"], b["id"]))
    return found


@pytest.mark.browser
def test_browser_click_shows_every_fact_with_its_sentence_and_source(browser_page) -> None:
    page, *_ = browser_page
    click_node(page, "e1")
    page.wait_for_selector("#kg-details:not([hidden])", timeout=5_000)
    panel = page.text_content("#kg-details")
    assert "A blast killed 12 pilgrims in Fooville." in panel and "Blast in Fooville" in panel
    for shown in ("who", "Red Hand", "where", "Fooville", "killed", "12", "against", "pilgrims"):
        assert shown in panel
    page.click("#kg-details .link >> text=Red Hand")
    panel = page.text_content("#kg-details")
    assert "Also called" in panel and "RH" in panel and "The Red Hand said it carried out the blast." in panel
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view-details.png"))
    page.click("#kg-details .close")
    assert page.evaluate("document.getElementById('kg-details').hidden")


@pytest.mark.browser
def test_browser_edge_shows_the_sentence_behind_it(browser_page) -> None:
    page, *_ = browser_page
    page.evaluate(
        "document.getElementById('kg-details').hidden = true; window.kgNetwork.fit({animation: false})"
    )
    shown = page.evaluate("""() => {
      const e = window.kgEdges.get({filter: e => e.from === 'e2' && e.relation === 'about'})[0];
      const a = window.kgNetwork.getPositions([e.from, e.to]); return [a[e.from], a[e.to]]; }""")
    middle = {"x": (shown[0]["x"] + shown[1]["x"]) / 2, "y": (shown[0]["y"] + shown[1]["y"]) / 2}
    spot = page.evaluate(f"window.kgNetwork.canvasToDOM({json.dumps(middle)})")
    box = page.locator("#kg-network canvas").bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    page.wait_for_selector("#kg-details:not([hidden])", timeout=5_000)
    panel = page.text_content("#kg-details")
    assert "about" in panel and "The Red Hand said it carried out the blast." in panel


@pytest.mark.browser
def test_browser_labels_are_readable_at_the_opening_zoom(browser_page) -> None:
    page, *_ = browser_page
    page.evaluate("window.kgNetwork.fit({animation: false})")
    nodes = page.evaluate(LABEL_PIXELS)
    drawn = [n for n in nodes if n["px"] >= 11]
    biggest = sorted(nodes, key=lambda n: -n["size"])[:8]
    assert all(n in drawn for n in biggest), "the most important nodes are labelled at opening"
    assert min(n["px"] for n in drawn) >= 11
    assert overlaps(drawn) == []


@pytest.mark.browser
def test_browser_time_filter_hides_events_out_of_range(browser_page) -> None:
    page, *_ = browser_page
    hidden = "window.kgNodes.get({filter: n => n.hidden && n.facts}).map(n => n.id).sort()"
    page.evaluate("""() => { const to = document.getElementById('kg-to');
      to.value = String(Date.parse('2023-12-31') / 86400000); to.dispatchEvent(new Event('input')); }""")
    assert page.text_content("#kg-to-value") == "2023-12-31"
    assert page.evaluate(hidden) == ["e8"]  # the 2024 march
    page.uncheck("#kg-undated")
    assert page.evaluate(hidden) == ["e3", "e4", "e5", "e6", "e7", "e8"]
    page.check("#kg-undated")
    page.evaluate("""() => { const to = document.getElementById('kg-to');
      to.value = to.max; to.dispatchEvent(new Event('input')); }""")
    assert page.evaluate(hidden) == []
    page.select_option("#kg-place", "Barland")
    assert "e1" not in page.evaluate(hidden) and "e8" in page.evaluate(hidden)
    page.select_option("#kg-place", "")
    assert page.evaluate(hidden) == []


@pytest.mark.browser
def test_browser_cut_keeps_every_type_and_clusters_open(browser_page, tmp_path: Path) -> None:
    page, *_ = browser_page
    G = nx.MultiDiGraph()
    add_entity(G, "hub", label="Hub Group", kind="Group")
    add_entity(G, "lone", label="Lone Voice", kind="Person")
    add_entity(G, "land", label="Farland", kind="Country")
    for n in range(80):
        add_entity(G, f"p{n}", label=f"town {n}", kind="Place", country="Farland")
        add_event(
            G,
            f"a{n}",
            label=f"attack {n}",
            kind="Attack",
            time=f"2020-01-{n % 28 + 1:02d}",
            agent=["hub"],
            locatedIn=[f"p{n}"],
            sentences=[(f"Attack number {n} hit town {n}.", "Wire")],
        )
    for kind in ("ClaimResponsibility", "Condemn", "Accuse", "Deny", "Threaten", "Protest"):
        add_event(G, f"{kind}-1", label=kind, kind=kind, agent=["lone"], about=["a79"])
    info = render_html(G, tmp_path / "cut.html", max_nodes=40)
    requests: list[str] = []
    cut = open_view(page.context, tmp_path / "cut.html", requests)
    kinds = set(cut.evaluate("window.kgNodes.get().map(n => n.kind)"))
    assert set(kg_event_types()) <= kinds
    assert "left out" in cut.text_content("aside .note")
    cluster = cut.evaluate("window.kgNodes.get({filter: n => n.kind === 'Cluster'}).map(n => n.id)")
    assert cluster == ["cluster:Farland"]
    before = cut.evaluate("window.kgNodes.length")
    click_node(cut, cluster[0])  # a click opens the first batch of the cluster's members
    assert cut.evaluate("window.kgNodes.length") > before
    for _ in range(10):  # then each open the next
        settled(cut)
        if cut.evaluate("window.kgNodes.get('cluster:Farland')") is None:
            break
        cut.evaluate("window.kgOpenCluster('cluster:Farland')")
    assert cut.evaluate("window.kgNodes.get('cluster:Farland')") is None  # every member was opened
    assert cut.evaluate("window.kgNodes.length") == info.nodes + info.omitted
    cut.fill("#kg-search", "number 3")
    assert "Attack number 3 hit town 3." in cut.text_content("#kg-results")
    assert requests == [(tmp_path / "cut.html").resolve().as_uri()]
    ARTIFACTS.mkdir(exist_ok=True)
    cut.screenshot(path=str(ARTIFACTS / "view-cluster-opened.png"))
    cut.close()


def incident_graph_sample() -> nx.MultiDiGraph:
    """The sample graph with the Fooville blast reported twice, by two outlets, as one incident."""
    G = sample_graph()
    add_event(G, "e1b", label="Fooville bombing", kind="Attack", time="2023-05-02", killed=14,
              sentences=[("Fourteen died in the Fooville bombing.", "Wire report")],
              facts=[("killed", "14", "Fourteen died in the Fooville bombing.")],
              article={"doc": "w1", "title": "Wire report", "source": "Wire", "published": "2023-05-04"},
              agent=["red"], locatedIn=["fooville"], incident="inc1")
    G.nodes["e1"]["incident"] = "inc1"
    G.nodes["e1"]["article"] = {"doc": "b1", "title": "Blast in Fooville", "source": "Post",
                                "published": "2023-05-02", "url": "https://example.org/b1"}
    return G


@pytest.mark.browser
def test_browser_incident_shows_figures_by_source_and_draws_its_reports_on_demand(
    browser_page, tmp_path: Path
) -> None:
    page, *_ = browser_page
    render_html(incident_graph_sample(), tmp_path / "incident.html")
    view = open_view(page.context, tmp_path / "incident.html")
    click_node(view, "incident:inc1")
    view.wait_for_selector("#kg-details:not([hidden])", timeout=5_000)
    panel = view.text_content("#kg-details")
    assert "incident reported 2 times in 2 articles" in panel and "Figures by source" in panel
    assert "12 killed" in panel and "14 killed" in panel and "Wire" in panel
    assert "Fourteen died in the Fooville bombing." in panel and "A blast killed 12 pilgrims" in panel
    view.click("#kg-details button.action >> text=Draw its 2 reports")
    reports = view.evaluate("window.kgNodes.get({filter: n => n.reportOf}).map(n => [n.label, n.killed,"
                            " n.sentences.map(s => s[0])])")
    assert sorted(reports) == [
        ["Report · Post\n2023-05-02", 12, ["A blast killed 12 pilgrims in Fooville."]],
        ["Report · Wire\n2023-05-04", 14, ["Fourteen died in the Fooville bombing."]],
    ]
    assert view.evaluate("window.kgEdges.get({filter: e => e.relation === 'report'}).length") == 2
    view.close()


DEV_ARTICLES = ROOT.parent / "shared" / "eval" / "dev" / "articles"  # ../shared beside the repository
SEED_AND_DEV = [
    pytest.param(ROOT / "seeds", id="seed"),
    pytest.param(Path(os.environ.get("KG_DEV_ARTICLES", DEV_ARTICLES)), id="dev"),
]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("articles", SEED_AND_DEV)
def test_browser_labels_of_real_articles_do_not_overlap(tmp_path: Path, browser_page, articles: Path) -> None:
    from kg.analyze import to_networkx
    from kg.build import build
    from kg.store import open_store

    if not articles.is_dir():
        pytest.skip(f"no articles at {articles} (the development set is kept outside the repository)")
    page, *_ = browser_page
    with open_store(str(tmp_path / "store")) as graph_store:
        build([articles], graph_store)
        G = to_networkx(graph_store)
    render_html(G, tmp_path / "real.html", title=f"kg — {articles.name}")
    real = open_view(page.context, tmp_path / "real.html")
    nodes = real.evaluate(LABEL_PIXELS)
    drawn = [n for n in nodes if n["px"] >= 11]
    assert len(drawn) >= 10 and min(n["px"] for n in drawn) >= 11
    assert overlaps(drawn) == []
    labels = real.evaluate("window.kgNodes.get({filter: n => n.facts}).map(n => n.label)")
    assert len(labels) == len(set(labels))
    ARTIFACTS.mkdir(exist_ok=True)
    real.screenshot(path=str(ARTIFACTS / f"view-{articles.name}.png"))
    real.close()


@pytest.mark.browser
def test_browser_type_filter_and_physics_toggle(browser_page) -> None:
    page, *_ = browser_page
    hidden = "window.kgNodes.get({filter: n => n.hidden}).map(n => n.kind).sort()"
    page.uncheck("input.kg-type[data-kind='Condemn']")
    assert page.evaluate(hidden) == ["Condemn", "Condemn", "Organization"]  # UF only condemned
    page.check("input.kg-type[data-kind='Condemn']")
    assert page.evaluate(hidden) == []
    page.click("#kg-physics")
    assert page.text_content("#kg-physics") == "Physics: on"
    page.click("#kg-physics")
    assert page.text_content("#kg-physics") == "Physics: off"


def test_doctests_pass() -> None:
    import doctest
    import importlib

    modules = [
        importlib.import_module(f"kg.view.{name}")
        for name in ("incidents", "labels", "layout", "page", "select")
    ]
    outcomes = [doctest.testmod(module) for module in modules]
    assert all(o.attempted >= 1 and o.failed == 0 for o in outcomes)


def test_only_web_addresses_of_articles_become_links(tmp_path: Path) -> None:
    # the page runs inline scripts, so a javascript: URL in an article's metadata would run on a click
    G = nx.MultiDiGraph()
    add_entity(G, "red", label="Red Hand", kind="Group")
    urls = {
        "w1": "javascript:alert(document.domain)",
        "w2": "JaVaScRiPt:alert(1)",
        "w3": "data:text/html,<script>alert(1)</script>",
        "w4": "https://news.example/a?b=c",
        "w5": "vbscript:msgbox",
    }
    for doc, url in urls.items():
        add_event(G, f"e-{doc}", label=f"Attack {doc}", kind="Attack", agent=["red"],
                  sentences=[(f"Red Hand attacked {doc}.", doc)],
                  article={"doc": doc, "title": f"Story {doc}", "url": url})  # fmt: skip
    out = tmp_path / "view.html"
    render_html(G, out)
    html = out.read_text(encoding="utf-8")
    sources = {s["doc"]: s["url"] for s in page_json(html)["sources"]}
    assert sources == {"w1": None, "w2": None, "w3": None, "w4": "https://news.example/a?b=c", "w5": None}
    assert "alert(document.domain)" not in html and "msgbox" not in html
