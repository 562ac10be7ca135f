"""Load test of ``kg serve``: 8 clients run the ready queries for 30 s against a store of ~1M triples.

Run by hand: ``python bench/load.py [--triples 1000000] [--clients 8] [--seconds 30] [--workers 4]``.

1. A synthetic store shaped like ours: invented articles mapped by :func:`kg.rdf.extraction_quads`
   (attacks with claims, condemnations, denials; actors, targets, places with coordinates).
2. ``kg serve`` in a subprocess on a free loopback port.
3. Baseline: each ready query once, alone, from one client.
4. Load: ``--clients`` clients each loop over the ready queries (bounded loops) for ``--seconds``;
   half-way through, one more client sends a deliberately slow query, which must be stopped (503)
   after ``--timeout`` seconds while the others keep being answered.

Prints requests/s, p50/p99 latency, errors, the slow query's fate, the p99 of the other clients
while it ran, and ratios of loaded to baseline latency (targets: zero errors, p99 < 500 ms).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from string import Template

import httpx

from kg.model import Article, Entity, Event, Evidence, Extraction, Geo
from kg.query import ready_queries
from kg.rdf import extraction_quads
from kg.store import open_store

HOST = "127.0.0.1"
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(10))} }}" for i in range(10))
    + " }"
)
REACTIONS = ("Condemn", "Deny", "Accuse", "Threaten")


# the synthetic store ----------------------------------------------------------------------------------


def synthetic_extraction(
    index: int, rng: random.Random, groups: list[Entity], places: list[Entity]
) -> Extraction:
    """One invented article: an attack, its claim, and one or two reactions."""
    group, rival = rng.sample(groups, 2)
    place = rng.choice(places)
    target = Entity(f"target {index % 997}", f"Target {index % 997}", "Group")
    sentences = [
        f"Fighters of {group.label} attacked {target.label} in {place.label}, killing {index % 13} people.",
        f"{group.label} claimed the attack in {place.label}.",
        *(f"{rival.label} reacted ({kind.lower()}) to the attack." for kind in REACTIONS[: 1 + index % 2]),
    ]
    text = " ".join(sentences)
    article = Article(f"synthetic-{index:06d}", f"Attack in {place.label} ({index})", text)

    def evidence(sentence: str) -> Evidence:
        start = text.index(sentence)
        return Evidence(article.id, sentence, start, start + len(sentence), 0.7, "bench")

    day = f"20{10 + index % 15:02d}-{1 + index % 12:02d}-{1 + index % 28:02d}"
    events = [
        Event(
            "e1",
            "Attack",
            "attacked",
            evidence(sentences[0]),
            time=day,
            killed=index % 13,
            injured=index % 7,
            roles={"agent": (group,), "target": (target,), "location": (place,)},
        ),
        Event(
            "e2",
            "ClaimResponsibility",
            "claimed",
            evidence(sentences[1]),
            about="e1",
            roles={"agent": (group,)},
        ),
    ]
    events += [
        Event(
            f"e{3 + n}", kind, kind.lower(), evidence(sentences[2 + n]), about="e1", roles={"agent": (rival,)}
        )
        for n, kind in enumerate(REACTIONS[: 1 + index % 2])
    ]
    return Extraction(article, (group, rival, target, place), tuple(events))


def build_store(path: Path, triples: int, seed: int = 7) -> int:
    """Fill ``path`` with synthetic articles until it holds about ``triples`` triples; returns the count."""
    rng = random.Random(seed)
    groups = [Entity(f"group {n}", f"Group {n}", "Group", frozenset({f"G{n}"})) for n in range(400)]
    places = [
        Entity(
            f"town {n}",
            f"Town {n}",
            "Place",
            geo=Geo(9_000_000 + n, f"Town {n}", 10 + n % 40, 20 + n % 50, "ZZ", "city"),
        )
        for n in range(300)
    ]
    generated = datetime(2030, 1, 1, tzinfo=timezone.utc)
    sample = extraction_quads(synthetic_extraction(0, rng, groups, places), generated_at=generated)
    articles = max(1, triples // len(sample))
    import pyoxigraph as ox

    store = ox.Store(str(path))
    batch: list[ox.Quad] = []
    for index in range(articles):
        batch += extraction_quads(synthetic_extraction(index, rng, groups, places), generated_at=generated)
        if len(batch) > 200_000:
            store.bulk_extend(batch)
            batch = []
    store.bulk_extend(batch)
    store.flush()
    store.optimize()
    count = len(store)
    del store
    return count


# the server and its clients ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(store: Path, port: int, workers: int, timeout: float, log: Path) -> subprocess.Popen[bytes]:
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
        "--workers",
        str(workers),
        "--timeout",
        str(timeout),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"kg serve exited:\n{log.read_text()}")
        try:
            if httpx.get(f"http://{HOST}:{port}/health", timeout=60).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("kg serve did not come up")


PREFIXES = """PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
ONE_GROUP = '{ SELECT DISTINCT ?g WHERE { ?g skos:prefLabel "Group $n"@en } }'
ONE_TOWN = '{ SELECT DISTINCT ?place WHERE { ?place skos:prefLabel "Town $n"@en } }'
SELECTIVE: dict[str, str] = {
    "claims-in-town": f"SELECT ?actor ?attack ?date WHERE {{ {ONE_TOWN} ?attack kg:locatedIn ?place ;"
    " kg:time ?date . ?actor kg:claimed ?attack }",
    "attacks-by-group": f"SELECT ?attack ?date ?killed WHERE {{ {ONE_GROUP} ?g kg:perpetrated ?attack ."
    " ?attack kg:time ?date ; kg:killed ?killed } ORDER BY ?date",
    "casualties-in-town": f"SELECT (COUNT(?attack) AS ?attacks) (SUM(?k) AS ?killed) WHERE {{ {ONE_TOWN}"
    " ?attack a kg:Attack ; kg:locatedIn ?place ; kg:killed ?k }",
    "reactions-to-group": f"SELECT ?type ?reaction ?attack WHERE {{ {ONE_GROUP} ?g kg:perpetrated ?attack ."
    " ?reaction kg:about ?attack ; a ?type }",
    "entity": 'SELECT DISTINCT ?p ?o WHERE { ?e skos:altLabel "G$n"@en . ?e ?p ?o } LIMIT 200',
    "article-events": 'SELECT ?event ?type ?sentence WHERE { ?a dcterms:identifier "synthetic-$article" .'
    " ?event prov:wasDerivedFrom ?a ; a ?type ; kg:sentence ?sentence }",
    "month": 'SELECT ?event ?t WHERE { ?event kg:time ?t . FILTER(STR(?t) >= "2015-$month-01"'
    ' && STR(?t) < "2015-$month-29") } ORDER BY ?t LIMIT 100',
}
"""Selective questions in our vocabulary (one actor, place, article or month), names drawn at random."""


def ready_requests() -> list[Request]:
    """Every ready query, its parameters filled with a name that exists in the store."""
    return [
        Request(name, f"/queries/{name}", lambda _rng, ready=ready: dict.fromkeys(ready.params, "Group 1"))
        for name, ready in ready_queries().items()
    ]


def selective_requests() -> list[Request]:
    def params(template: str) -> Callable[[random.Random], dict[str, str]]:
        def draw(rng: random.Random) -> dict[str, str]:
            values = {
                "n": str(rng.randrange(300)),
                "article": f"{rng.randrange(10_000):06d}",
                "month": f"{1 + rng.randrange(12):02d}",
            }
            return {"query": PREFIXES + Template(template).substitute(values)}

        return draw

    return [Request(name, "/sparql", params(template)) for name, template in SELECTIVE.items()]


@dataclass(frozen=True)
class Request:
    name: str
    path: str
    params: Callable[[random.Random], dict[str, str]]


MIXES: dict[str, Callable[[], list[Request]]] = {"selective": selective_requests, "ready": ready_requests}


@dataclass
class Sample:
    started: float
    seconds: float
    status: int
    name: str


@dataclass
class Load:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


def client_loop(base: str, work: list[Request], until: float, load: Load, seed: int) -> None:
    rng = random.Random(seed)
    order = work[:]
    with httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(1_000_000):  # bounded; the deadline ends it long before
            if time.monotonic() >= until:
                return
            rng.shuffle(order)
            for request in order:
                if time.monotonic() >= until:
                    return
                params = request.params(rng)
                started = time.monotonic()
                try:
                    status = client.get(request.path, params=params).status_code
                except httpx.HTTPError:
                    status = 0
                load.add(Sample(started, time.monotonic() - started, status, request.name))


def timed_alone(client: httpx.Client, request: Request) -> tuple[float, int]:
    params = request.params(random.Random(0))
    client.get(request.path, params=params)  # warm the worker's caches
    began = time.monotonic()
    status = client.get(request.path, params=params).status_code
    return time.monotonic() - began, status


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def report_ready(base: str, timeout: float) -> None:
    """Each ready query alone: milliseconds, or stopped at the server's timeout."""
    with httpx.Client(base_url=base, timeout=timeout + 60) as client:
        for request in ready_requests():
            began = time.monotonic()
            status = client.get(request.path, params=request.params(random.Random(0))).status_code
            took = (time.monotonic() - began) * 1000
            print(
                f"  ready {request.name:24s} {took:9.1f} ms  status {status}"
                + ("" if status == 200 else " (stopped)")
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument(
        "--mix", choices=sorted(MIXES), default="selective", help="the queries the clients run"
    )
    parser.add_argument("--store", type=Path, help="reuse (or create) the synthetic store here")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="kg-load-"))
    store = args.store or folder / "store"
    started = time.perf_counter()
    if (store / "CURRENT").is_file():
        with open_store(store, read_only=True) as opened:
            count = len(opened)
        print(f"store: reused {store}, {count:,} triples")
    else:
        count = build_store(store, args.triples)
        print(f"store: {count:,} triples built in {time.perf_counter() - started:.1f} s at {store}")

    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(store, port, args.workers, args.timeout, folder / "server.log")
    try:
        print(f"server: {args.workers} workers, timeout {args.timeout:g} s")
        report_ready(base, args.timeout)
        work = MIXES[args.mix]()
        with httpx.Client(base_url=base, timeout=args.timeout + 60) as client:
            baseline = {request.name: timed_alone(client, request) for request in work}
        for name, (seconds, status) in baseline.items():
            print(f"  baseline {name:24s} {seconds * 1000:8.1f} ms  status {status}")

        load = Load()
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client_loop, args=(base, work, until, load, seed))
            for seed in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, args.seconds / 2 - args.timeout / 2))
        slow_began = time.monotonic()
        slow = httpx.get(base + "/sparql", params={"query": SLOW}, timeout=args.timeout + 30)
        slow_ended = time.monotonic()
        for thread in threads:
            thread.join()

        samples = load.samples
        latencies = [s.seconds for s in samples]
        errors = [s for s in samples if s.status != 200]
        during = [s.seconds for s in samples if slow_began <= s.started < slow_ended]
        before = [s.seconds for s in samples if s.started < slow_began]
        print(f"load: {args.clients} clients, mix {args.mix!r}, {args.seconds:g} s")
        print(f"  requests {len(samples)}  ({len(samples) / args.seconds:.1f} req/s)  errors {len(errors)}")
        p50, p99 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000
        print(f"  latency p50 {p50:.1f} ms  p99 {p99:.1f} ms  max {max(latencies) * 1000:.1f} ms")
        print(
            f"  slow query (client {args.clients + 1}): status {slow.status_code} after"
            f" {slow_ended - slow_began:.2f} s (timeout {args.timeout:g} s): {slow.text.strip()[:70]}"
        )
        print(
            f"  others while it ran: {len(during)} requests, p99 {percentile(during, 0.99) * 1000:.1f} ms"
            f" (before it: p99 {percentile(before, 0.99) * 1000:.1f} ms)"
        )
        for name, (alone, _) in baseline.items():
            mine = [s.seconds for s in samples if s.name == name]
            if not mine:
                continue
            ratio = statistics.median(mine) / alone if alone else float("nan")
            print(
                f"  {name:24s} n={len(mine):5d}  p50 {statistics.median(mine) * 1000:8.1f} ms"
                f"  p99 {percentile(mine, 0.99) * 1000:8.1f} ms  p50/alone {ratio:5.2f}"
            )
        met = not errors and p99 < 500 and slow.status_code == 503
        print(f"targets (zero errors, p99 < 500 ms, slow query stopped): {'met' if met else 'NOT met'}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    if os.environ.get("KG_BENCH_KEEP") is None and args.store is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
