"""Extraction on a Dask cluster: partitioning, error reporting, and the same quads as one process."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pyoxigraph as ox
import pytest

from kg import cluster
from kg.errors import ClusterError, KgError
from kg.model import Article

GENERATED_AT = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
TEXTS = [
    "Gunmen attacked a police station in Rivertown on Sunday, killing three officers.",
    "The Mountain Front claimed responsibility for the bombing of a bus in Hillcrest on 3 May 2022.",
    "The foreign minister of Norland condemned the attack on the embassy, which killed two guards.",
    "Thousands protested in Bayview against the government on Friday.",
    "The rebel commander denied that his fighters had attacked the village.",
    "Officials accused the Southern Brigade of planting the car bomb that injured twelve people.",
    "The militia threatened further attacks on the capital.",
]


def articles() -> list[Article]:
    return [Article(id=f"a{i}", title=f"Story {i}", text=text) for i, text in enumerate(TEXTS, start=1)]


def test_partitions_are_lazy_and_bounded() -> None:
    drawn: list[int] = []

    def stream() -> Iterator[int]:
        for i in range(7):
            drawn.append(i)
            yield i

    chunks = cluster.partitions(stream(), 3)
    assert next(chunks) == [0, 1, 2]
    assert drawn == [0, 1, 2]
    assert list(chunks) == [[3, 4, 5], [6]]


def test_local_addresses() -> None:
    assert cluster.local_workers("local:3") == 3
    assert cluster.local_workers("local") >= 1
    assert cluster.local_workers("tcp://10.0.0.5:8786") is None
    with pytest.raises(ClusterError, match="bad cluster address 'local:x'"):
        cluster.local_workers("local:x")


@pytest.fixture(scope="module")
def threads_client() -> Iterator[object]:
    """An in-process cluster: its workers see this process's monkeypatches."""
    from distributed import Client, LocalCluster

    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0")
    with local, Client(local) as client:
        yield client


def fake_partition(chunk: list[Article], model: str, generated_at: datetime) -> cluster.PartitionResult:
    """Stands in for spaCy: one quad per article; 'bad' articles fail; 'crash' fails the whole task;
    'odd' articles are kept with a value dropped."""
    if any(a.text == "crash" for a in chunk):
        raise RuntimeError("worker lost")
    done, errors, warnings = [], [], []
    for article in chunk:
        if article.text == "bad":
            errors.append(f"{article.id}: extraction failed: boom")
            continue
        if article.text == "odd":
            warnings.append(f"{article.id}: event e1: dropped time '815'")
        quad = ox.Quad(
            ox.NamedNode(f"http://x/{article.id}"),
            ox.NamedNode("http://x/model"),
            ox.Literal(f"{model}@{generated_at.isoformat()}"),
            ox.NamedNode(f"http://x/graph/{article.id}"),
        )
        done.append((article.id, ox.serialize([quad], None, ox.RdfFormat.N_QUADS), 1))
    return done, errors, warnings


def test_every_article_comes_back_once_and_failures_are_named(
    threads_client: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "extract_partition", fake_partition)
    texts = ["ok"] * 9 + ["bad"] + ["ok", "odd", "ok"] + ["crash"] + ["ok"] * 2
    batch = [Article(id=f"n{i}", title="t", text=text) for i, text in enumerate(texts)]
    errors: list[KgError] = []
    warnings: list[str] = []
    results = list(
        cluster.extract_on_cluster(
            batch,
            "unused",
            model="m",
            on_error=errors.append,
            on_warning=warnings.append,
            generated_at=GENERATED_AT,
            partition_size=4,
            client=threads_client,
        )
    )
    ids = sorted(article_id for article_id, *_ in results)
    assert ids == sorted(f"n{i}" for i in range(16) if i not in (9, 12, 13, 14, 15))
    assert all(n_events == 1 and extraction is None for _, _, n_events, extraction in results)
    quads = dict((article_id, quads) for article_id, quads, *_ in results)
    assert quads["n0"] == [
        ox.Quad(
            ox.NamedNode("http://x/n0"),
            ox.NamedNode("http://x/model"),
            ox.Literal("m@2024-05-01T12:00:00+00:00"),
            ox.NamedNode("http://x/graph/n0"),
        )
    ]
    messages = sorted(str(e) for e in errors)
    assert messages[0] == "n12: cluster task failed: worker lost"
    assert [m.split(":")[0] for m in messages] == ["n12", "n13", "n14", "n15", "n9"]
    assert "n9: extraction failed: boom" in messages
    assert warnings == ["n11: event e1: dropped time '815'"]  # n11 is kept, its value dropped


@pytest.mark.slow
def test_process_cluster_gives_the_same_quads_as_one_process(nlp) -> None:
    from distributed import Client, LocalCluster

    from kg.extract import extract
    from kg.rdf import extraction_quads
    from kg.settings import model_name

    model = model_name()
    local = {
        ex.article.id: (set(extraction_quads(ex, generated_at=GENERATED_AT, model=model)), len(ex.events))
        for ex in extract(articles(), nlp)
    }
    assert sum(n for _, n in local.values()) > 0
    workers = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with workers, Client(workers) as client:
        remote = {
            article_id: (set(quads), n_events)
            for article_id, quads, n_events, _ in cluster.extract_on_cluster(
                articles(),
                "local",
                model=model,
                generated_at=GENERATED_AT,
                partition_size=2,
                client=client,
            )
        }
        assert len(client.scheduler_info()["workers"]) == 2
    assert remote == local
