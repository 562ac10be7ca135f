"""SHACL validation: mapped extractions conform; each kind of broken graph fails with a readable report."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from kg.model import Article, Entity, Event, Evidence, Extraction
from kg.rdf import article_graph, entity_iri, event_iri, extraction_quads
from kg.terms import GEO, KG, RDF, SKOS, XSD
from kg.validate import ValidationReport, validate

DOC = "harbour-siege"
WHEN = datetime(2025, 1, 2, tzinfo=timezone.utc)
GRAPH = article_graph(DOC)
SIEGE = event_iri(DOC, "e1")


def sample() -> Extraction:
    militia = Entity(key="blue falcons", label="Blue Falcons", kind="Group")
    town = Entity(key="tripoli", label="Tripoli", kind="Place")
    council = Entity(key="city council", label="City Council", kind="Organization")

    def evidence(start: int) -> Evidence:
        return Evidence(DOC, "An invented sentence.", start, start + 20, 0.6, "rules-1")

    siege = Event(
        "e1",
        "Attack",
        "siege",
        evidence(0),
        {"agent": (militia,), "location": (town,)},
        time="2025-01",
        killed=3,
    )
    condemn = Event("e2", "Condemn", "condemned", evidence(30), {"agent": (council,)}, about="e1")
    article = Article(id=DOC, title="Invented siege", text="Invented. " * 8)
    return Extraction(article, (militia, town, council), (siege, condemn))


@pytest.fixture(scope="module")
def good() -> list[ox.Quad]:
    return extraction_quads(sample(), generated_at=WHEN, model="test")


def changed(quads: list[ox.Quad], drop=(), add=()) -> list[ox.Quad]:
    """The quads minus those whose (subject, predicate) is in ``drop``, plus ``add`` in the article graph."""
    kept = [q for q in quads if (q.subject, q.predicate) not in set(drop)]
    return kept + [ox.Quad(s, p, o, GRAPH) for s, p, o in add]


def test_a_mapped_extraction_conforms(good: list[ox.Quad]) -> None:
    report = validate(good)
    assert isinstance(report, ValidationReport)
    assert report.conforms and report.violations == 0 and report.results == ()
    assert report.text == f"conforms: {len(good)} triples checked"


def test_rdflib_graphs_and_datasets_are_accepted(good: list[ox.Quad]) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=ox.serialize(good, format=ox.RdfFormat.N_QUADS), format="nquads")
    report = validate(dataset)
    assert report.conforms and report.triples == len(good)
    triples = [q.triple for q in good]
    flat = rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert validate(flat).triples == len(good)
    assert validate(tuple(triples)).triples == len(good)


def test_negative_killed_fails(good: list[ox.Quad]) -> None:
    minus_three = ox.Literal("-3", datatype=XSD.integer)
    broken = changed(good, drop=[(SIEGE, KG.killed)], add=[(SIEGE, KG.killed, minus_three)])
    report = validate(broken)
    assert not report.conforms and report.violations == 1
    [violation] = report.results
    assert violation.path == "kg:killed" and violation.value == "-3"
    assert violation.focus == '"Attack: siege by Blue Falcons"'
    assert "non-negative" in report.text and "kg:killed" in report.text and SIEGE.value in report.text
    assert report.text.startswith("does not conform: 1 violation in")


def test_event_without_sentence_fails(good: list[ox.Quad]) -> None:
    report = validate(changed(good, drop=[(SIEGE, KG.sentence)]))
    assert [(v.focus_iri, v.path) for v in report.results] == [(SIEGE.value, "kg:sentence")]
    assert "exactly one evidence sentence" in report.text


def test_two_preferred_labels_fail(good: list[ox.Quad]) -> None:
    militia = entity_iri("blue falcons")
    report = validate(changed(good, add=[(militia, SKOS.prefLabel, ox.Literal("Falcons", language="en"))]))
    assert report.violations == 1
    assert report.results[0].path == "skos:prefLabel" and report.results[0].focus_iri == militia.value
    assert "exactly one skos:prefLabel" in report.text


@pytest.mark.parametrize(
    ("drop", "add", "path"),
    [
        ([(SIEGE, KG.time)], [(SIEGE, KG.time, ox.Literal("January 2025"))], "kg:time"),
        ([], [(SIEGE, KG.about, entity_iri("tripoli"))], "kg:about"),
        ([], [(SIEGE, RDF.type, KG.Protest)], "rdf:type"),
        ([(SIEGE, KG.eventKey)], [], "kg:eventKey"),
        (
            [(entity_iri("tripoli"), GEO.lat)],
            [(entity_iri("tripoli"), GEO.lat, ox.Literal("91.5", datatype=XSD.decimal))],
            "geo:lat",
        ),
        ([], [(SIEGE, KG.killed, ox.Literal("4", datatype=XSD.integer))], "kg:killed"),
    ],
)
def test_other_broken_graphs_fail(good: list[ox.Quad], drop, add, path: str) -> None:
    report = validate(changed(good, drop=drop, add=add))
    assert not report.conforms
    assert [v.path for v in report.results] == [path]


def test_the_store_and_the_cli(good: list[ox.Quad], tmp_path: Path) -> None:
    from kg.cli import _load_commands, app
    from kg.store import open_store

    location = str(tmp_path / "store")
    with open_store(location) as store:
        store.replace_article(DOC, good)
    with open_store(location, read_only=True) as store:
        assert validate(store).triples == len(good)
    _load_commands()
    runner = CliRunner()
    done = runner.invoke(app, ["validate", "--store", location])
    assert done.exit_code == 0, done.output
    assert "conforms" in done.output

    with open_store(location) as store:
        store.replace_article(DOC, changed(good, drop=[(SIEGE, KG.sentence)]))
    done = runner.invoke(app, ["validate", "--store", location])
    assert done.exit_code == 1
    assert "kg:sentence" in done.output and "Attack: siege by Blue Falcons" in done.output


def test_unreadable_shapes_are_named_on_one_line(good: list[ox.Quad], tmp_path: Path) -> None:
    from kg.errors import OntologyError

    broken = tmp_path / "broken-shapes.ttl"
    broken.write_text("this is <not turtle\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="broken-shapes.ttl") as caught:
        validate(good, shapes=broken)
    assert "\n" not in str(caught.value)


def test_custom_shapes_are_used(good: list[ox.Quad], tmp_path: Path) -> None:
    strict = tmp_path / "strict.ttl"
    strict.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix kg: <https://w3id.org/newskg/ontology#> .\n"
        "[] a sh:NodeShape ; sh:targetClass kg:Attack ;\n"
        '  sh:property [ sh:path kg:injured ; sh:minCount 1 ; sh:message "attacks need injured" ] .\n',
        encoding="utf-8",
    )
    report = validate(good, shapes=strict)
    assert report.violations == 1 and "attacks need injured" in report.text


def test_the_shapes_know_exactly_the_model_event_types() -> None:
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    from kg.model import EVENT_TYPES, FACT_ROLES
    from kg.terms import ontology_path

    shapes = rdflib.Graph().parse(ontology_path("shapes.ttl"), format="turtle")
    [qualified] = list(shapes.objects(None, SH.qualifiedValueShape))
    members = shapes.value(qualified, SH["in"])
    assert [str(c).rsplit("#", 1)[1] for c in Collection(shapes, members)] == list(EVENT_TYPES)
    event_shape = rdflib.URIRef("https://w3id.org/newskg/shapes#EventShape")
    lists = [[str(v) for v in Collection(shapes, m)] for m in shapes.objects(None, SH["in"])]
    assert list(FACT_ROLES) in lists  # the roles a kg:Fact may have are exactly the model's
    targets = {str(c).rsplit("#", 1)[1] for c in shapes.objects(event_shape, SH.targetClass)}
    assert targets >= set(EVENT_TYPES)


def test_a_place_only_the_headline_names_conforms(nlp) -> None:
    """A headline's place has its offsets in the headline (kg:inTitle), never negative ones."""
    from kg.extract import extract_doc

    text = "Gunmen shot dead three security guards outside a bank on Monday, the police said."
    article = Article("t1", "Three guards shot dead in Tamale", text, datetime(2024, 3, 4).date())
    quads = extraction_quads(extract_doc(nlp(text), article), generated_at=WHEN, model="test")
    titled = [q.subject for q in quads if q.predicate == KG.inTitle]
    assert len(titled) == 1
    assert validate(quads).conforms
