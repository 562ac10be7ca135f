"""Export: every registered format round-trips through independent parsers with the store's counts."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from test_store import fill

from kg.errors import UnknownFormatError
from kg.export import export
from kg.files import FILE_MODE
from kg.formats import GRAPH_FORMATS, GRAPH_NAMES, graph_format
from kg.store import open_store

RDFLIB_NAMES = {
    "turtle": "turtle",
    "trig": "trig",
    "nt": "nt",
    "nq": "nquads",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}
"""How rdflib names each format: a new exporter without an entry here fails the round-trip test."""
RAPPER_NAMES = {"turtle": "turtle", "trig": "trig", "nt": "ntriples"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    with open_store(tmp_path_factory.mktemp("export") / "store") as opened:
        fill(opened)
        yield opened


def union_triples(store) -> int:
    return len({(q.subject, q.predicate, q.object) for q in store._store})


def rdflib_count(path: Path, name: str, keeps_graphs: bool) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = rdflib.Dataset()
        dataset.parse(str(path), format=RDFLIB_NAMES[name])
        if keeps_graphs:
            return sum(1 for _ in dataset.quads((None, None, None, None)))
        return len(dataset.default_context) + sum(
            len(g) for g in dataset.graphs() if g != dataset.default_context
        )


@pytest.mark.parametrize("chosen", GRAPH_FORMATS, ids=lambda e: e.name)
def test_round_trip_every_format(store, chosen, tmp_path: Path) -> None:
    path = tmp_path / f"graph.{chosen.suffix}"
    export(store, chosen.name, path)
    expected = len(store) if chosen.keeps_graphs else union_triples(store)
    parsed = list(ox.parse(path=str(path), format=chosen.rdf_format))
    assert len(set(parsed)) == expected
    if chosen.keeps_graphs:
        graphs = {q.graph_name for q in parsed}
        assert len(graphs) == 4  # two articles, the provenance graph and the incidents graph
    assert rdflib_count(path, chosen.name, chosen.keeps_graphs) == expected
    if chosen.name in RAPPER_NAMES:
        rapper = shutil.which("rapper")
        if rapper is None:
            pytest.skip("rapper (raptor2-utils) is not installed")
        done = subprocess.run(
            [rapper, "-i", RAPPER_NAMES[chosen.name], "-c", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert f"returned {expected} triples" in done.stderr


def test_every_graph_format_is_round_tripped() -> None:
    assert {e.name for e in GRAPH_FORMATS} <= set(RDFLIB_NAMES)


def test_turtle_is_pretty_with_prefixes(store, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    export(store, "ttl", path)
    text = path.read_text()
    for prefix in ("kg", "sem", "prov", "skos", "schema", "dcterms", "geo", "owl", "xsd", "rdfs"):
        assert f"@prefix {prefix}: " in text
    assert "kg:eventKey" in text and " ;\n" in text


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("ttl", "turtle"),
        ("text/turtle", "turtle"),
        ("application/trig", "trig"),
        ("n-triples", "nt"),
        ("application/n-triples", "nt"),
        ("nquads", "nq"),
        ("application/n-quads", "nq"),
        ("json-ld", "jsonld"),
        ("application/ld+json", "jsonld"),
        ("xml", "rdfxml"),
        ("application/rdf+xml", "rdfxml"),
        ("TURTLE", "turtle"),
    ],
)
def test_aliases_and_media_types(alias: str, name: str) -> None:
    assert graph_format(alias).name == name
    assert all(GRAPH_NAMES[key] is graph_format(key.upper()) for key in GRAPH_NAMES)


def test_unknown_format() -> None:
    with pytest.raises(UnknownFormatError, match="unknown export format 'yaml'; choose one of: jsonld"):
        graph_format("yaml")


def test_stdout_export(store, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    export(store, "nt", None)
    out = capfdbinary.readouterr().out
    assert len(set(ox.parse(out, format=ox.RdfFormat.N_TRIPLES))) == union_triples(store)


def test_export_replaces_the_file_atomically(store, tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    path.write_text("stale")
    export(store, "trig", path)
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]
    assert path.stat().st_mode & 0o777 == FILE_MODE  # readable like any written file, not private
    assert len(list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))) == len(store)


@pytest.mark.parametrize("name", ["trig", "nq", "jsonld"])
def test_ready_queries_agree_after_reloading_the_export(store, name: str, tmp_path: Path) -> None:
    """An export keeps everything a question needs: every ready query answers the same after a reload."""
    from kg.events import event_rows
    from kg.query import bind_values, ready_queries, render, run

    chosen = graph_format(name)
    path = tmp_path / f"graph.{chosen.suffix}"
    export(store, name, path)
    with open_store(tmp_path / "reloaded") as fresh:
        fresh._store.bulk_load(path=str(path), format=chosen.rdf_format)
        assert len(fresh) == len(store)
        rows = event_rows(store)
        [bombing] = [r["incident"] for r in rows if r["doc"] == "bombing" and r["type"] == "Attack"]
        values = {"name": "Northern Front", "id": bombing}
        for query in ready_queries().values():
            sparql = bind_values(query.sparql, {p: values[p] for p in query.params})
            before, after = render(run(store, sparql), "csv"), render(run(fresh, sparql), "csv")
            assert after == before, query.name
            assert len(before.splitlines()) > 1, f"{query.name} found nothing to compare"


def test_rdfxml_export_is_well_formed_whatever_the_literals(tmp_path: Path) -> None:
    """Attack 6: U+0007, U+001B and U+0000 from article text made RDF/XML that is not XML."""
    import xml.dom.minidom

    with open_store(tmp_path / "store") as store:
        literal = '"a\\u0007b\\u001Bc\\u0000d\\uFFFEe"'
        store.update(f"INSERT DATA {{ GRAPH <http://x/g> {{ <http://x/s> <http://x/p> {literal} }} }}")
        out = tmp_path / "g.rdf"
        export(store, "rdfxml", out)
    data = out.read_bytes()
    xml.dom.minidom.parseString(data)  # raises when not well-formed
    assert "a\ufffdb\ufffdc\ufffdd\ufffde".encode() in data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.rdf", "store"]  # no temporary folder left
