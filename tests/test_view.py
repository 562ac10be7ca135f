"""kg.view: the HTML page (self-contained, escaped, cut to size) and, in headless Chromium, its behaviour."""

from __future__ import annotations

import json
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
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
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
    add_event(G, "e1", label="Fooville blast", kind="Attack", time="2023-05-02", killed=12, injured=30,
              sentences=[("A blast killed 12 pilgrims in Fooville.", src)],
              agent=["red"], target=["pilgrims"], locatedIn=["fooville"])
    add_event(G, "e2", label="Red Hand claim", kind="ClaimResponsibility", time="2023-05-03",
              sentences=[("The Red Hand said it carried out the blast.", src)], agent=["red"], about=["e1"])
    add_event(G, "e3", label="Barland condemnation", kind="Condemn",
              sentences=[("Barland condemned the attack.", src)], agent=["barland"], about=["e1"])
    add_event(G, "e4", label="UF condemnation", kind="Condemn", agent=["un"], about=["e1"])
    add_event(G, "e5", label="minister accuses Quxia", kind="Accuse",
              sentences=[("The minister blamed Quxia.", src)],
              agent=["minister"], target=["quxia"], about=["e1"])
    add_event(G, "e6", label="Quxia denial", kind="Deny", agent=["quxia"], about=["e5"])
    add_event(G, "e7", label="vow of revenge", kind="Threaten", agent=["barland"], target=["red"])
    add_event(G, "e8", label="student march", kind="Protest", time="2024",
              sentences=[(SCRIPT_PAYLOAD + " marched " + IMG_PAYLOAD + " \u2028", "Students & <march>")],
              agent=["students", "evil"], locatedIn=["bazton"])
    G.add_edge("fooville", "barland", key="inCountry", relation="inCountry")
    return G


def page_data(html: str, name: str) -> list[dict]:
    match = re.search(rf"var {name} = (.*?);\n", html)
    assert match, f"no {name} in the page"
    return json.loads(match.group(1))


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
    blast = next(n for n in nodes if n["fullLabel"] == "Fooville blast")
    assert (blast["kind"], blast["killed"], blast["time"]) == ("Attack", 12, "2023-05-02")
    attack = style()["nodes"]["Attack"]
    assert (blast["color"], blast["shape"]) == (attack["colour"], attack["shape"])
    assert blast["sentences"] == [["A blast killed 12 pilgrims in Fooville.", "Blast in Fooville"]]
    red = next(n for n in nodes if n["fullLabel"] == "Red Hand")
    assert red["aliases"] == ["RH", "the Red Hand movement"]
    assert red["size"] > next(n for n in nodes if n["fullLabel"] == "UF condemnation")["size"]
    assert {e["label"] for e in edges} == {"agent", "target", "locatedIn", "about", "inCountry"}
    assert info.bytes == len(html.encode("utf-8"))
    assert 'data-kind="Threaten"' in html and 'data-kind="Person"' in html


def test_article_text_is_escaped(view) -> None:
    _, html = view
    assert IMG_PAYLOAD not in html and "<img" not in html
    assert SCRIPT_PAYLOAD not in html and "<script>window" not in html
    assert "\u2028" not in html and "\u2029" not in html
    assert "Sample &lt;view&gt;" in html
    assert any(n["fullLabel"] == IMG_PAYLOAD for n in page_data(html, "NODES"))


def test_big_graph_keeps_most_important_nodes_and_says_so(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    add_entity(G, "hub", label="Hub Group", kind="Group")
    for n in range(40):
        add_entity(G, f"p{n}", label=f"place {n}", kind="Place")
        add_event(G, f"e{n}", label=f"attack {n}", kind="Attack", agent=["hub"], locatedIn=[f"p{n}"])
    info = render_html(G, tmp_path / "big.html", max_nodes=10)
    html = (tmp_path / "big.html").read_text(encoding="utf-8")
    assert (info.nodes, info.omitted) == (10, 71)
    assert "71 of 81 nodes are left out" in html and "<code>kg view --focus NAME</code>" in html
    labels = {n["fullLabel"] for n in page_data(html, "NODES")}
    assert "Hub Group" in labels and all(not label.startswith("place") for label in labels)


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
    labels = {n["fullLabel"] for n in page_data(html, "NODES")}
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
    result = CliRunner().invoke(app, ["view", "-o", str(out), "--type", "Attack", "--since", "2023-01-01",
                                      "--max-nodes", "5"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (5 nodes" in result.output and "13 left out" in result.output
    assert seen == {"article": None, "types": ["Attack"], "since": "2023-01-01", "until": None}
    missing = CliRunner().invoke(app, ["view", "-o", str(out), "--focus", "Atlantis"])
    assert missing.exit_code == 2 and "'Atlantis'" in missing.output


# --- in the browser ---------------------------------------------------------------------------

BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=BROWSER_ARGS, viewport={"width": 1400, "height": 900},
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
    spot = page.evaluate("(() => { const n = window.kgNetwork;"
                         " return n.canvasToDOM(n.getPositions(['e8']).e8); })()")
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
    assert sorted(hits) == ["Ana Example Personalso the minister",
                            "minister accuses Quxia AccuseThe minister blamed Quxia."]
    page.fill("#kg-search", "carried out")
    assert "Red Hand claim" in page.text_content("#kg-results")
    page.click("#kg-results li.hit")
    assert page.evaluate("window.kgNetwork.getSelectedNodes()") == ["e2"]
    page.fill("#kg-search", "zzzz")
    assert page.text_content("#kg-results") == "No match."
    page.fill("#kg-search", "")


@pytest.mark.browser
def test_browser_type_filter_and_physics_toggle(browser_page) -> None:
    page, *_ = browser_page
    hidden = "window.kgNodes.get({filter: n => n.hidden}).map(n => n.kind).sort()"
    page.uncheck("input.kg-type[data-kind='Condemn']")
    assert page.evaluate(hidden) == ["Condemn", "Condemn"]
    page.check("input.kg-type[data-kind='Condemn']")
    assert page.evaluate(hidden) == []
    page.click("#kg-physics")
    assert page.text_content("#kg-physics") == "Physics: on"
    page.click("#kg-physics")
    assert page.text_content("#kg-physics") == "Physics: off"


def test_doctests_pass() -> None:
    import doctest

    import kg.view

    outcome = doctest.testmod(kg.view)
    assert outcome.attempted >= 2 and outcome.failed == 0
