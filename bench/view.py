"""View benchmark (run by hand): a synthetic 20,000-event graph drawn with the default view.

Builds a graph shaped like kg's (actors with aliases, places in countries, attacks with claims,
condemnations, accusations, denials, threats and protests about them, a source sentence and an
article each), renders the default view (at most 500 nodes, every event type kept, the rest in
cluster nodes by country), opens it in headless Chromium at 1440×900 with every network request
blocked, and measures the time from navigation to the first interactive paint (the layout is
computed in Python, so the page is usable when it first draws). It then opens the biggest cluster
and times that. The baseline is a 100-event graph rendered and loaded the same way in the same
process; ratios are printed against it. Target: load to first interactive paint <= 3 s.

    python bench/view.py [--events 20000] [--max-nodes 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import Page, sync_playwright

from kg.analyze import add_entity, add_event
from kg.view import render_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REACTIONS = ("ClaimResponsibility", "Condemn", "Accuse", "Deny", "Threaten")
TARGET_SECONDS = 3.0
SCREENSHOT = Path(__file__).resolve().parent.parent / "test-artifacts" / "view-20k-events.png"


def synthetic_graph(events: int, seed: int = 7) -> nx.MultiDiGraph:
    """About one attack in three, the rest reactions about an earlier attack or protests."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    countries = [f"country{n}" for n in range(60)]
    for n, key in enumerate(countries):
        add_entity(G, key, label=f"Country {n}", kind="Country")
    places = [f"place{n}" for n in range(max(10, events // 40))]
    for n, key in enumerate(places):
        add_entity(G, key, label=f"City {n}", kind="Place")
        G.add_edge(key, rng.choice(countries), key="inCountry", relation="inCountry")
    actors = [f"actor{n}" for n in range(max(20, events // 10))]
    for n, key in enumerate(actors):
        kind = rng.choice(("Group", "Organization", "Person"))
        add_entity(G, key, label=f"{kind} {n}", kind=kind, aliases=[f"A{n}"])
    attacks: list[str] = []
    for n in range(events):
        key = f"ev{n}"
        sentence = [(f"Sentence {n} reports what happened in City {n % len(places)}.", f"Article {n // 5}")]
        article = {"doc": f"a{n // 5}", "title": f"Article {n // 5}", "source": f"Outlet {n % 17}",
                   "published": f"2024-01-{n % 28 + 1:02d}", "url": f"https://example.org/a{n // 5}"}
        time_ = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if not attacks or rng.random() < 0.33:
            add_event(G, key, label=f"attack {n}", kind="Attack", time=time_, killed=rng.randint(0, 40),
                      injured=rng.randint(0, 90), sentences=sentence, article=article,
                      agent=[rng.choice(actors)], target=[rng.choice(actors)], locatedIn=[rng.choice(places)])
            attacks.append(key)
        elif rng.random() < 0.1:
            add_event(G, key, label=f"protest {n}", kind="Protest", time=time_, sentences=sentence,
                      article=article, agent=[rng.choice(actors)], locatedIn=[rng.choice(places)])
        else:
            kind = rng.choice(REACTIONS)
            add_event(G, key, label=f"{kind.lower()} {n}", kind=kind, time=time_, sentences=sentence,
                      article=article, agent=[rng.choice(actors + countries)], about=[rng.choice(attacks)])
    return G


def load_seconds(page: Page, path: Path) -> tuple[float, float, int]:
    """Wall time from navigation to the first interactive paint, the in-page time, and the requests
    that went out."""
    sent: list[str] = []

    def block(route) -> None:
        sent.append(route.request.url)
        (route.continue_ if route.request.url == path.as_uri() else route.abort)()

    page.unroute("**/*")
    page.route("**/*", block)
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kgStabilized === true", timeout=120_000)
    wall = time.perf_counter() - start
    in_page = page.evaluate("window.kgStabilizedAt") / 1000
    return wall, in_page, len([url for url in sent if url != path.as_uri()])


def measure(
    page: Page, G: nx.MultiDiGraph, out: Path, max_nodes: int, runs: int, shot: Path | None = None
) -> dict[str, float]:
    start = time.perf_counter()
    info = render_html(G, out, max_nodes=max_nodes)
    render = time.perf_counter() - start
    loads = [load_seconds(page, out.resolve()) for _ in range(runs)]
    external = sum(load[2] for load in loads)
    if external:
        raise SystemExit(f"the view at {out} tried {external} network requests")
    shown = page.evaluate(OPENING)
    if shot is not None:
        shot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(shot))
    opened = open_biggest_cluster(page)
    if shot is not None:
        page.screenshot(path=str(shot.with_name(shot.stem + "-cluster-opened.png")))
    return {
        "graph_nodes": G.number_of_nodes(), "graph_edges": G.number_of_edges(), "drawn_nodes": info.nodes,
        "drawn_edges": info.edges, "bytes": info.bytes, "render_s": render,
        "load_s": statistics.median(load[0] for load in loads),
        "in_page_s": statistics.median(load[1] for load in loads),
        "labels_at_opening": shown["labelled"], "smallest_label_px": shown["smallest"],
        "event_types": shown["types"], "open_cluster_s": opened,
    }


OPENING = """() => {
  const scale = window.kgNetwork.getScale(), nodes = window.kgNodes.get();
  const shown = nodes.filter(n => n.font.size * scale >= 11).map(n => n.font.size * scale);
  return {labelled: shown.length, smallest: Math.min(...shown),
          types: new Set(nodes.filter(n => n.facts).map(n => n.kind)).size};
}"""


def open_biggest_cluster(page: Page) -> float:
    """Seconds to open the biggest cluster node and lay out what it adds (0 when there is none)."""
    return page.evaluate("""() => new Promise(resolve => {
      const clusters = window.kgNodes.get({filter: n => n.kind === 'Cluster'});
      if (!clusters.length) { resolve(0); return; }
      const biggest = clusters.sort((a, b) => b.members.length - a.members.length)[0];
      const start = performance.now();
      window.kgNetwork.once('stabilizationIterationsDone',
                            () => setTimeout(() => resolve((performance.now() - start) / 1000), 0));
      window.kgOpenCluster(biggest.id);
    })""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--max-nodes", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        folder = Path(tmp)
        context = pw.chromium.launch_persistent_context(
            str(folder / "profile"), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1440, "height": 900},
        )
        page = context.new_page()
        base = measure(page, synthetic_graph(100), folder / "base.html", args.max_nodes, args.runs)
        start = time.perf_counter()
        G = synthetic_graph(args.events)
        built = time.perf_counter() - start
        big = measure(page, G, folder / "big.html", args.max_nodes, args.runs, SCREENSHOT)
        context.close()
    print(f"synthetic graph: {args.events} events, {big['graph_nodes']} nodes, {big['graph_edges']} edges "
          f"(generated in {built:.2f} s)")
    print(f"{'':22}{'baseline (100 ev)':>20}{f'{args.events} events':>18}{'ratio':>8}")
    for name, unit in (("drawn_nodes", ""), ("drawn_edges", ""), ("bytes", " B"), ("render_s", " s"),
                       ("load_s", " s"), ("in_page_s", " s"), ("labels_at_opening", ""),
                       ("smallest_label_px", " px"), ("event_types", ""), ("open_cluster_s", " s")):
        ratio = big[name] / base[name] if base[name] else float("nan")
        print(f"{name:22}{base[name]:>18.3f}{unit:2}{big[name]:>16.3f}{unit:2}{ratio:>8.2f}")
    verdict = "meets" if big["load_s"] <= TARGET_SECONDS else "MISSES"
    print(f"load to first interactive paint {big['load_s']:.2f} s (median of {args.runs}): {verdict} the "
          f"{TARGET_SECONDS:.0f} s target; file {big['bytes'] / 1e6:.2f} MB; screenshot {SCREENSHOT}")


if __name__ == "__main__":
    main()
