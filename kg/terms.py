"""The vocabularies kg writes, as pyoxigraph ``NamedNode`` factories: ``KG.Attack``, ``KG["locatedIn"]``.

``KG`` hands out only the terms declared in ``ontology/kg.ttl`` (read once at import), so the code
takes its terms from the ontology file: an undeclared name raises ``AttributeError``/``KeyError``.
The other vocabularies are open: any local name makes a term.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import OntologyError

if TYPE_CHECKING:  # rdflib costs 161 ms (-X importtime); only its users (validation) pay it
    import rdflib

KG_IRI = "https://w3id.org/newskg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/newskg/ontology"

_PACKAGE = Path(__file__).resolve().parent


def ontology_path(name: str) -> Path:
    """Where an ontology file lives: ``kg/_ontology/`` in an installed wheel, else ``<repo>/ontology/``."""
    candidates = (_PACKAGE / "_ontology" / name, _PACKAGE.parent / "ontology" / name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise OntologyError(
        f"ontology file {name!r} not found in {' or '.join(str(c.parent) for c in candidates)}"
    )


class Vocabulary:
    """A namespace: ``V.name`` and ``V["name"]`` give the ``NamedNode`` of ``iri + name``.

    With ``declared`` set, only those local names are terms; any other raises.
    """

    def __init__(self, iri: str, prefix: str, declared: frozenset[str] | None = None) -> None:
        self.iri = iri
        self.prefix = prefix
        self.declared = declared
        self._terms: dict[str, ox.NamedNode] = {}  # made once each: RDF mapping asks for them per quad

    def term(self, name: str) -> ox.NamedNode:
        node = self._terms.get(name)
        if node is None:
            if self.declared is not None and name not in self.declared:
                raise KeyError(f"{self.prefix}:{name} is not declared in the ontology")
            node = self._terms[name] = ox.NamedNode(self.iri + name)
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return self.term(name)

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            node = self.term(name)
        except KeyError as exc:
            raise AttributeError(exc.args[0]) from None
        self.__dict__[name] = node  # the next ``V.name`` is a plain attribute read, not this call
        return node

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (self.declared is None or name in self.declared)

    @property
    def rdflib(self) -> rdflib.Namespace:
        """The same namespace as an ``rdflib.Namespace`` (for pyshacl and rdflib code)."""
        import rdflib

        return rdflib.Namespace(self.iri)

    def __repr__(self) -> str:
        return f"Vocabulary({self.prefix}: <{self.iri}>)"


@cache
def declared_names(name: str = "kg.ttl", namespace: str = KG_IRI) -> frozenset[str]:
    """Local names in ``namespace`` that the ontology file ``name`` declares (gives an ``rdf:type``)."""
    path = ontology_path(name)
    try:
        triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        return frozenset(
            t.subject.value[len(namespace) :]
            for t in triples
            if t.predicate == rdf_type
            and isinstance(t.subject, ox.NamedNode)
            and t.subject.value.startswith(namespace)
        )
    except SyntaxError as exc:
        raise OntologyError(f"{path}: {exc}") from exc


KG = Vocabulary(KG_IRI, "kg", declared_names())
SEM = Vocabulary("http://semanticweb.cs.vu.nl/2009/11/sem/", "sem")
PROV = Vocabulary("http://www.w3.org/ns/prov#", "prov")
SKOS = Vocabulary("http://www.w3.org/2004/02/skos/core#", "skos")
SCHEMA = Vocabulary("http://schema.org/", "schema")
DCTERMS = Vocabulary("http://purl.org/dc/terms/", "dcterms")
GEO = Vocabulary("http://www.w3.org/2003/01/geo/wgs84_pos#", "geo")
OWL = Vocabulary("http://www.w3.org/2002/07/owl#", "owl")
RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#", "rdfs")
XSD = Vocabulary("http://www.w3.org/2001/XMLSchema#", "xsd")
SH = Vocabulary("http://www.w3.org/ns/shacl#", "sh")

VOCABULARIES: tuple[Vocabulary, ...] = (KG, SEM, PROV, SKOS, SCHEMA, DCTERMS, GEO, OWL, RDF, RDFS, XSD, SH)
PREFIXES: dict[str, str] = {v.prefix: v.iri for v in VOCABULARIES}
"""``prefix → namespace IRI`` for serializers and SPARQL ``PREFIX`` lines."""

WRITTEN: tuple[str, ...] = (
    "kg",
    "sem",
    "prov",
    "skos",
    "schema",
    "dcterms",
    "geo",
    "owl",
    "xsd",
    "rdfs",
    "rdf",
)
"""The vocabularies whose prefixes kg writes (Turtle, TriG, RDF/XML) and shortens IRIs with."""

NAMESPACES: dict[str, str] = {name: PREFIXES[name] for name in WRITTEN}
"""``prefix → namespace`` of the written vocabularies; :func:`kg.rdf.prefixes` adds the minted ones."""


def shorten(iri: str, table: dict[str, str]) -> str:
    """``prefix:local`` for an IRI in a namespace of ``table`` (the longest one wins), else ``<iri>``."""
    matches = [(len(namespace), name) for name, namespace in table.items() if iri.startswith(namespace)]
    if not matches:
        return f"<{iri}>"
    _, name = max(matches)
    return f"{name}:{iri[len(table[name]) :]}"
