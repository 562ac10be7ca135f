"""The ontology is well-formed and documented, and the code takes its kg: terms from it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import OntologyError
from kg.model import ENTITY_KINDS, EVENT_TYPES
from kg.terms import KG, KG_IRI, ONTOLOGY_IRI, PROV, SEM, Vocabulary, declared_names, ontology_path

ROOT = Path(__file__).resolve().parent.parent
KGNS = rdflib.Namespace(KG_IRI)
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
USES = (
    re.compile(r"\bKG\.([A-Za-z_]\w*)"),
    re.compile(r"\bKG\[\s*[\"']([^\"']+)[\"']\s*\]"),
    re.compile(r"(?<![\w/.:#-])kg:([A-Za-z_]\w*)"),
    re.compile(re.escape(KG_IRI) + r"([A-Za-z_]\w*)"),
)
# a fresh instance: KG keeps each term it handed out as an attribute of its own
VOCABULARY_ATTRIBUTES = frozenset(dir(Vocabulary)) | frozenset(vars(Vocabulary(KG_IRI, "kg")))


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path("kg.ttl"), format="turtle")


def used_terms() -> dict[str, set[str]]:
    """Every kg term named in the package's Python sources and SPARQL queries → the files naming it."""
    sources = [*(ROOT / "kg").rglob("*.py"), *(ROOT / "kg" / "queries").glob("*.rq")]
    used: dict[str, set[str]] = {}
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for pattern in USES:
            for name in pattern.findall(text):
                if name not in VOCABULARY_ATTRIBUTES:
                    used.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return used


def test_every_kg_term_used_in_code_and_queries_is_declared() -> None:
    used = used_terms()
    assert {"Attack", "locatedIn", "claimed"} <= set(used), "the scan finds the terms kg/rdf.py uses"
    undeclared = {name: sorted(files) for name, files in used.items() if name not in declared_names()}
    assert not undeclared, f"kg: terms used but not declared in ontology/kg.ttl: {undeclared}"


def test_ontology_parses_with_rdflib_and_pyoxigraph_alike(ontology: rdflib.Graph) -> None:
    triples = list(ox.parse(path=str(ontology_path("kg.ttl")), format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(ontology) > 250


def test_ontology_header(ontology: rdflib.Graph) -> None:
    node = rdflib.URIRef(ONTOLOGY_IRI)
    assert (node, RDF.type, OWL.Ontology) in ontology
    assert str(ontology.value(node, OWL.versionInfo)) == "0.1.0"
    for prop in (rdflib.DCTERMS.title, rdflib.DCTERMS.description, rdflib.DCTERMS.license):
        assert ontology.value(node, prop) is not None, prop


def test_every_class_and_property_has_english_label_and_comment(ontology: rdflib.Graph) -> None:
    terms = {s for kind in TERM_KINDS for s in ontology.subjects(RDF.type, kind) if str(s).startswith(KG_IRI)}
    assert len(terms) == len(declared_names()) >= 40
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            values = list(ontology.objects(term, prop))
            assert values and all(v.language == "en" and len(v) > 2 for v in values), f"{term} lacks {prop}"


def test_model_types_and_kinds_are_classes_of_the_ontology(ontology: rdflib.Graph) -> None:
    for name in (*EVENT_TYPES, *ENTITY_KINDS, "Event", "Actor", "Article", "Extraction"):
        assert (KGNS[name], RDF.type, OWL.Class) in ontology, name
    for name in EVENT_TYPES:
        assert (KGNS[name], RDFS.subClassOf, KGNS.Event) in ontology
        assert list(ontology.objects(KGNS[name], KGNS.cameoCode)), f"{name} has no CAMEO code"


def test_cameo_codes(ontology: rdflib.Graph) -> None:
    def codes(name: str) -> set[str]:
        return {str(c) for c in ontology.objects(KGNS[name], KGNS.cameoCode)}

    assert codes("Attack") == {"18", "19", "20"}
    assert codes("Condemn") == {"111"}
    assert codes("Accuse") == {"112"}
    assert codes("Threaten") == {"13"}
    assert codes("Protest") == {"14"}
    assert codes("ClaimResponsibility") == {"015"}
    assert codes("Deny") == {"016"}


def test_alignments_with_sem_prov_schema(ontology: rdflib.Graph) -> None:
    sem = rdflib.Namespace(SEM.iri)
    prov = rdflib.Namespace(PROV.iri)
    schema = rdflib.Namespace("http://schema.org/")
    expected = [
        (KGNS.Event, RDFS.subClassOf, sem.Event),
        (KGNS.Actor, RDFS.subClassOf, sem.Actor),
        (KGNS.Place, RDFS.subClassOf, sem.Place),
        (KGNS.Place, RDFS.subClassOf, schema.Place),
        (KGNS.Country, RDFS.subClassOf, KGNS.Place),
        (KGNS.Country, RDFS.subClassOf, KGNS.Actor),
        (KGNS.Article, RDFS.subClassOf, schema.NewsArticle),
        (KGNS.Article, RDFS.subClassOf, prov.Entity),
        (KGNS.Extraction, RDFS.subClassOf, prov.Activity),
        (KGNS.agent, RDFS.subPropertyOf, sem.hasActor),
        (KGNS.target, RDFS.subPropertyOf, sem.hasActor),
        (KGNS.locatedIn, RDFS.subPropertyOf, sem.hasPlace),
        (KGNS.time, RDFS.subPropertyOf, sem.hasTimeStamp),
    ]
    missing = [t for t in expected if t not in ontology]
    assert not missing


def test_kg_hands_out_declared_terms_only() -> None:
    assert KG.Attack == ox.NamedNode(KG_IRI + "Attack")
    assert KG["locatedIn"] == ox.NamedNode(KG_IRI + "locatedIn")
    assert "claimed" in KG and "Bombing" not in KG
    with pytest.raises(AttributeError, match="kg:Bombing"):
        _ = KG.Bombing
    with pytest.raises(KeyError, match="kg:bombed"):
        _ = KG["bombed"]
    assert not hasattr(KG, "Bombing")


def test_a_term_is_made_once_and_then_read_as_an_attribute() -> None:
    vocabulary = Vocabulary("http://example.org/v#", "v", frozenset({"Thing"}))
    first = vocabulary.Thing
    assert vocabulary.Thing is first is vocabulary["Thing"]
    assert vars(vocabulary)["Thing"] is first  # kept: the next read does not go through __getattr__
    with pytest.raises(AttributeError, match="v:Other"):
        _ = vocabulary.Other
    assert "Other" not in vars(vocabulary)


def test_other_vocabularies_are_open() -> None:
    assert SEM.Event == ox.NamedNode("http://semanticweb.cs.vu.nl/2009/11/sem/Event")
    assert PROV["wasDerivedFrom"] == ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    assert str(KG.rdflib.Attack) == KG_IRI + "Attack"


def test_ontology_path_names_missing_files() -> None:
    assert ontology_path("kg.ttl").name == "kg.ttl"
    with pytest.raises(OntologyError, match="no-such.ttl"):
        ontology_path("no-such.ttl")


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl"])
def test_rapper_reads_the_ontology_files(name: str) -> None:
    path = ontology_path(name)
    done = subprocess.run(
        ["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    count = int(re.search(r"returned (\d+) triples", done.stderr).group(1))
    assert count == len(rdflib.Graph().parse(path, format="turtle"))


def test_the_event_classes_are_exactly_the_model_event_types(ontology: rdflib.Graph) -> None:
    subclasses = {str(s)[len(KG_IRI) :] for s in ontology.subjects(RDFS.subClassOf, KGNS.Event)}
    assert subclasses == set(EVENT_TYPES)
