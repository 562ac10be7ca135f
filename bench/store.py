"""Store benchmark (run by hand): a synthetic 1,000,000-triple graph shaped like kg's, Oxigraph vs rdflib.

Builds articles with entities (labels, aliases), events with roles, shortcut triples and provenance
through :func:`kg.rdf.extraction_quads`, writes them into a kg store one article at a time (the
build path), then times Turtle export and every ready query against rdflib's in-memory
``ConjunctiveGraph`` holding the same quads, in the same process, and prints the ratios.
Targets: every ready query >= 10x faster, export >= 5x faster. rdflib steps are cut off after
``--timeout`` seconds (reported as "> N s").

    python bench/store.py [--triples 1000000] [--timeout 60] [--store FOLDER]

With ``--store`` the synthetic store is kept in FOLDER and reused by later runs (built only when absent).
"""

from __future__ import annotations

import argparse
import random
import signal
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from kg.export import export
from kg.model import Article, Entity, Event, Evidence, Extraction, Geo
from kg.query import ready_queries, run
from kg.rdf import extraction_quads
from kg.store import open_store

GENERATED = datetime(2025, 1, 1, tzinfo=timezone.utc)
REACTIONS = ("ClaimResponsibility", "Condemn", "Accuse", "Deny", "Threaten", "Protest")
PARAMS = {"entity": {"name": "Group 3"}}


def entity_pool(rng: random.Random, size: int) -> tuple[list[Entity], list[Entity]]:
    """Actors (groups, organizations, people with aliases) and places (with gazetteer facts)."""
    kinds = ("Group", "Organization", "Person")
    actors = [
        Entity(f"actor {i}", f"{kinds[i % 3]} {i}", kinds[i % 3], frozenset({f"A{i}", f"alias {i}"}))
        for i in range(size)
    ]
    places = [
        Entity(
            f"place {i}",
            f"Town {i}",
            "Place",
            frozenset({f"T{i}"}),
            Geo(100000 + i, f"Town {i}", rng.uniform(-60, 60), rng.uniform(-150, 150), "ZZ", "city"),
        )
        for i in range(size // 10)
    ]
    return actors, places


def synthetic_article(n: int, rng: random.Random, actors: list[Entity], places: list[Entity]) -> Extraction:
    sentences = [f"Sentence {k} of article {n} tells what happened." for k in range(12)]
    article = Article(f"article-{n}", f"Article {n}", " ".join(sentences), source="bench")
    events: list[Event] = []
    offset = 0
    for k, sentence in enumerate(sentences[:10]):
        evidence = Evidence(article.id, sentence, offset, offset + len(sentence), 0.8, "bench")
        offset += len(sentence) + 1
        if k % 5 == 0:
            events.append(
                Event(
                    f"e{k + 1}",
                    "Attack",
                    "bombing",
                    evidence,
                    roles={"location": (rng.choice(places),), "target": (rng.choice(actors),)},
                    time=f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                    killed=rng.randint(0, 100),
                    injured=rng.randint(0, 300),
                )
            )
        else:
            attack = events[-(k % 5)].key
            kind = REACTIONS[(n + k) % len(REACTIONS)]
            roles = {"agent": (rng.choice(actors),)}
            if kind == "Accuse":
                roles["target"] = (rng.choice(actors),)
            events.append(Event(f"e{k + 1}", kind, kind.lower(), evidence, roles=roles, about=attack))
    return Extraction(article, (), tuple(events))


def fill(store, triples: int, seed: int = 7) -> int:
    """Write synthetic articles until the store holds about ``triples`` quads; returns the article count."""
    rng = random.Random(seed)
    actors, places = entity_pool(rng, 5000)
    n = 0
    while len(store) < triples:
        for _ in range(200):
            ex = synthetic_article(n, rng, actors, places)
            store.replace_article(ex.article.id, extraction_quads(ex, generated_at=GENERATED))
            n += 1
    return n


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in pure-Python code (rdflib) after ``seconds``."""

    def expire(signum, frame):  # noqa: ARG001
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(fn: Callable[[], object], limit: float | None = None) -> float | str | None:
    """Seconds ``fn`` took; None when it passed ``limit``; the error's name when it failed."""
    start = time.perf_counter()
    try:
        if limit is None:
            fn()
        else:
            with deadline(limit):
                fn()
    except TimeoutError:
        return None
    except Exception as exc:  # rdflib fails on some valid queries; report it, go on
        return f"{type(exc).__name__}"
    return time.perf_counter() - start


def line(name: str, ours: float, theirs: float | str | None, limit: float) -> str:
    head = f"{name:<26} oxigraph {ours:8.3f} s"
    if theirs is None:
        return f"{head}   rdflib > {limit:.0f} s     ratio > {limit / ours:8.1f}x"
    if isinstance(theirs, str):
        return f"{head}   rdflib failed ({theirs})"
    return f"{head}   rdflib {theirs:8.3f} s   ratio   {theirs / ours:8.1f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=float, default=60.0, help="cut-off per rdflib step, seconds")
    parser.add_argument("--store", type=Path, help="reuse (or create) the synthetic store here")
    args = parser.parse_args()
    warnings.simplefilter("ignore", DeprecationWarning)
    import rdflib

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        work = Path(folder)
        location = args.store or work / "store"
        reused = (location / "CURRENT").is_file()
        with open_store(location) as store:
            if reused:
                print(f"graph: reused {location}, {len(store)} quads")
            else:
                start = time.perf_counter()
                articles = fill(store, args.triples)
                build_s = time.perf_counter() - start
                quads = len(store)
                print(f"graph: {articles} articles, {quads} quads")
                print(
                    f"load via replace_article (one transaction per article): {build_s:.1f} s "
                    f"({quads / build_s:,.0f} quads/s)"
                )
            dump = work / "all.nq"
            store.dump(dump, ox.RdfFormat.N_QUADS)

            ours_load = timed(
                lambda: ox.Store(str(work / "bulk")).bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
            )
            graph = rdflib.ConjunctiveGraph()
            theirs_load = timed(lambda: graph.parse(str(dump), format="nquads"))
            print(line("load N-Quads file", ours_load or 0.0, theirs_load, 0))

            ours = timed(lambda: export(store, "turtle", work / "ours.ttl"))
            theirs = timed(lambda: graph.serialize(str(work / "theirs.ttl"), format="turtle"), args.timeout)
            print(line("export Turtle", ours or 0.0, theirs, args.timeout))

            for name, ready in ready_queries().items():
                sparql = ready.bind(PARAMS.get(name, {}))
                count = len(list(run(store, sparql)))  # warm-up, and the row count to report
                ours = timed(lambda s=sparql: list(run(store, s)))
                theirs = timed(lambda s=sparql: list(graph.query(s)), args.timeout)
                print(line(f"query {name}", ours or 0.0, theirs, args.timeout) + f"   ({count} rows)")


if __name__ == "__main__":
    main()
