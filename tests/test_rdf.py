"""The RDF mapping: hand-built extractions (no spaCy) to quads, and IRIs minted from any text."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date, datetime, timezone

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import MappingError
from kg.gazetteer import lookup
from kg.model import Article, Entity, Event, Evidence, Extraction, Geo
from kg.rdf import (
    PROVENANCE_GRAPH,
    activity_iri,
    article_graph,
    article_iri,
    entity_iri,
    event_iri,
    extraction_quads,
    slug,
    time_literal,
)
from kg.terms import DCTERMS, GEO, KG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

BASE = "https://w3id.org/newskg/"
WHEN = datetime(2025, 3, 4, 5, 6, 7, tzinfo=timezone.utc)
DOC = "river-town-raid"

RAIDERS = Entity(
    key="red hand brigade", label="Red Hand Brigade", kind="Group", aliases=frozenset({"Red Hand"})
)
MINISTRY = Entity(key="interior ministry", label="Interior Ministry", kind="Organization")
VILLAGERS = Entity(key="villagers", label="villagers", kind="Person")
MOSUL = Entity(key="mosul", label="Mosul", kind="Place", geo=lookup("Mosul"))  # as extraction places it
LEADER = Entity(key="jon doe", label="Jon Doe", kind="Person")


def evidence(start: int, end: int, confidence: float = 0.75) -> Evidence:
    return Evidence(DOC, "Invented sentence for a test.", start, end, confidence, "rules-2")


def extraction(
    *events: Event, entities: tuple[Entity, ...] = (RAIDERS, MINISTRY, VILLAGERS, MOSUL)
) -> Extraction:
    article = Article(
        id=DOC,
        title="Invented raid in a river town",
        text="Invented text. " * 10,
        published=date(2025, 3, 2),
        source="Test Wire",
        url="https://news.example/raid?id=7",
    )
    return Extraction(article, entities, events)


RAID = Event(
    key="e1",
    type="Attack",
    trigger="raid",
    evidence=evidence(0, 30),
    roles={"agent": (RAIDERS,), "target": (VILLAGERS,), "location": (MOSUL,)},
    time="2025-03-01",
    killed=7,
    injured=19,
    approximate=True,
)
CLAIM = Event("e2", "ClaimResponsibility", "claimed", evidence(31, 60), {"agent": (RAIDERS,)}, about="e1")
BLAME = Event(
    "e3",
    "Accuse",
    "blamed",
    evidence(61, 90),
    {"agent": (MINISTRY,), "target": (RAIDERS,)},
    about="e1",
    time="2025-03",
)
MARCH = Event("e4", "Protest", "marched", evidence(91, 120), {"agent": (LEADER,)}, time="2025")
SAMPLE = extraction(RAID, CLAIM, BLAME, MARCH)


@pytest.fixture(scope="module")
def quads() -> list[ox.Quad]:
    return extraction_quads(SAMPLE, generated_at=WHEN, model="test-pipeline")


@pytest.fixture(scope="module")
def facts(quads: list[ox.Quad]) -> set[tuple]:
    """The triples of the article's graph."""
    graph = article_graph(DOC)
    return {(q.subject, q.predicate, q.object) for q in quads if q.graph_name == graph}


@pytest.fixture(scope="module")
def provenance(quads: list[ox.Quad]) -> set[tuple]:
    return {(q.subject, q.predicate, q.object) for q in quads if q.graph_name == PROVENANCE_GRAPH}


def ev(key: str) -> ox.NamedNode:
    return event_iri(DOC, key)


def test_iris_follow_the_scheme() -> None:
    assert entity_iri("Red Hand Brigade").value == BASE + "entity/red-hand-brigade"
    assert event_iri(DOC, "e3").value == BASE + "event/river-town-raid/e3"
    assert article_iri(DOC).value == BASE + "article/river-town-raid"
    assert article_graph(DOC).value == BASE + "graph/river-town-raid"
    assert PROVENANCE_GRAPH.value == BASE + "graph/provenance"
    assert activity_iri(DOC, "ab" * 32).value == BASE + "extraction/river-town-raid/abababababab"


def test_iris_follow_kg_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_BASE", "http://example.org/kg")
    assert entity_iri("x").value == "http://example.org/kg/entity/x"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Islamic State", "islamic-state"),
        ("  two   spaces\tand tab", "-two-spaces-and-tab"),
        ("Kermān", "kerm%C4%81n"),
        ("ｆｕｌｌ width", "full-width"),
        ('a<b>"c"', "a%3Cb%3E%22c%22"),
        ("100%", "100%25"),
        ("under_score", "under_score"),
        ("", "_"),
        (".", "%2E"),
        ("..", "%2E%2E"),
        ("v1.2~x", "v1.2~x"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_article_facts(facts: set[tuple]) -> None:
    node = article_iri(DOC)
    assert (node, RDF.type, KG.Article) in facts
    assert (node, DCTERMS.identifier, ox.Literal(DOC)) in facts
    assert (node, DCTERMS.title, ox.Literal("Invented raid in a river town")) in facts
    assert (node, SCHEMA.datePublished, ox.Literal("2025-03-02", datatype=XSD.date)) in facts
    assert (node, DCTERMS.source, ox.Literal("Test Wire")) in facts
    assert (node, SCHEMA.url, ox.Literal("https://news.example/raid?id=7", datatype=XSD.anyURI)) in facts
    assert (node, KG.sha256, ox.Literal(SAMPLE.article.sha256)) in facts


def test_entities_have_kind_labels_and_alt_labels(facts: set[tuple]) -> None:
    raiders = entity_iri("red hand brigade")
    assert (raiders, RDF.type, KG.Group) in facts
    assert (raiders, RDFS.label, ox.Literal("Red Hand Brigade")) in facts
    assert (raiders, SKOS.prefLabel, ox.Literal("Red Hand Brigade", language="en")) in facts
    assert (raiders, SKOS.altLabel, ox.Literal("Red Hand", language="en")) in facts
    assert (entity_iri("interior ministry"), RDF.type, KG.Organization) in facts
    # an entity named only in an event's roles is mapped too
    assert (entity_iri("jon doe"), SKOS.prefLabel, ox.Literal("Jon Doe", language="en")) in facts
    pref = [t for t in facts if t[1] == SKOS.prefLabel]
    assert len(pref) == len({t[0] for t in pref}), "one prefLabel per entity"


def test_places_from_the_gazetteer_link_to_their_country(facts: set[tuple]) -> None:
    mosul, iraq = entity_iri("mosul"), entity_iri("Iraq")
    assert (mosul, RDF.type, KG.Place) in facts
    assert (mosul, OWL.sameAs, ox.NamedNode("https://sws.geonames.org/99072/")) in facts
    assert (mosul, KG.countryCode, ox.Literal("IQ")) in facts
    lat = next(o for s, p, o in facts if s == mosul and p == GEO.lat)
    assert lat.datatype == XSD.decimal and 36.0 < float(lat.value) < 36.6
    assert (mosul, KG.inCountry, iraq) in facts
    assert (iraq, RDF.type, KG.Country) in facts
    assert (iraq, SKOS.prefLabel, ox.Literal("Iraq", language="en")) in facts


def test_event_facts_and_typed_literals(facts: set[tuple]) -> None:
    raid = ev("e1")
    expected = {
        (raid, RDF.type, KG.Event),
        (raid, RDF.type, KG.Attack),
        (raid, RDFS.label, ox.Literal("Attack: raid by Red Hand Brigade")),
        (raid, KG.eventKey, ox.Literal("e1")),
        (raid, KG.trigger, ox.Literal("raid")),
        (raid, KG.sentence, ox.Literal("Invented sentence for a test.")),
        (raid, KG.startChar, ox.Literal("0", datatype=XSD.integer)),
        (raid, KG.endChar, ox.Literal("30", datatype=XSD.integer)),
        (raid, KG.confidence, ox.Literal("0.75", datatype=XSD.decimal)),
        (raid, KG.time, ox.Literal("2025-03-01", datatype=XSD.date)),
        (raid, KG.killed, ox.Literal("7", datatype=XSD.integer)),
        (raid, KG.injured, ox.Literal("19", datatype=XSD.integer)),
        (raid, KG.approximate, ox.Literal("true", datatype=XSD.boolean)),
        (raid, KG.agent, entity_iri("red hand brigade")),
        (raid, KG.target, entity_iri("villagers")),
        (raid, KG.locatedIn, entity_iri("mosul")),
        (raid, PROV.wasDerivedFrom, article_iri(DOC)),
    }
    assert expected <= facts
    assert {t for t in facts if t[0] == raid and t[1] != KG.fact} == expected
    assert (ev("e3"), KG.time, ox.Literal("2025-03", datatype=XSD.gYearMonth)) in facts
    assert (ev("e4"), KG.time, ox.Literal("2025", datatype=XSD.gYear)) in facts
    assert (ev("e2"), KG.about, ev("e1")) in facts
    assert (ev("e2"), KG.approximate, ox.Literal("false", datatype=XSD.boolean)) in facts
    assert not any(s == ev("e2") and p in (KG.killed, KG.time) for s, p, _ in facts)


def test_actor_centric_shortcuts(facts: set[tuple]) -> None:
    raiders, ministry = entity_iri("red hand brigade"), entity_iri("interior ministry")
    assert (raiders, KG.perpetrated, ev("e1")) in facts
    assert (raiders, KG.claimed, ev("e1")) in facts, "a claim points to the attack it is about"
    assert (ministry, KG.accused, ev("e1")) in facts
    assert (entity_iri("villagers"), KG.wasTargetedIn, ev("e1")) in facts
    assert (raiders, KG.wasTargetedIn, ev("e3")) in facts
    assert (entity_iri("jon doe"), KG.protested, ev("e4")) in facts


def test_a_reaction_about_nothing_points_to_itself() -> None:
    lone = Event("e1", "Condemn", "condemned", evidence(0, 5), {"agent": (MINISTRY,)})
    triples = {
        (q.subject, q.predicate, q.object) for q in extraction_quads(extraction(lone), generated_at=WHEN)
    }
    assert (entity_iri("interior ministry"), KG.condemned, ev("e1")) in triples


def test_provenance_graph(provenance: set[tuple], quads: list[ox.Quad]) -> None:
    activity = activity_iri(DOC, SAMPLE.article.sha256)
    assert provenance >= {
        (activity, RDF.type, KG.Extraction),
        (activity, PROV.used, article_iri(DOC)),
        (activity, PROV.startedAtTime, ox.Literal("2025-03-04T05:06:07+00:00", datatype=XSD.dateTime)),
        (activity, KG.extractorVersion, ox.Literal("rules-2")),
        (activity, KG.model, ox.Literal("test-pipeline")),
    }
    for key in ("e1", "e2", "e3", "e4"):
        assert (ev(key), PROV.wasGeneratedBy, activity) in provenance
    assert {q.graph_name for q in quads} == {article_graph(DOC), PROVENANCE_GRAPH}


def test_sample_triple_counts(facts: set[tuple], provenance: set[tuple], quads: list[ox.Quad]) -> None:
    assert len(quads) == len(set(quads)) == len(facts) + len(provenance)
    # 9 article, 30 entity, 58 event, 6 shortcut; 14 role values × 12 fact triples
    assert (len(facts), len(provenance)) == (103 + 14 * 12, 9)


def test_mapping_is_deterministic_and_idempotent(quads: list[ox.Quad]) -> None:
    again = extraction_quads(SAMPLE, generated_at=WHEN, model="test-pipeline")
    assert again == quads
    store = ox.Store()
    store.extend(quads)
    store.extend(again)
    assert len(store) == len(quads)


@pytest.mark.parametrize(
    ("event", "value", "dropped"),
    [
        # MUC-4 TST4-MUC4-0083's attack got time '815' ("at 0815"): the attack stays, its time goes
        (Event("e1", "Attack", "raid", evidence(0, 5), time="815"), "'815'", KG.time),
        (Event("e1", "Attack", "raid", evidence(0, 5), time="2025-13"), "'2025-13'", KG.time),
        (Event("e1", "Attack", "raid", evidence(0, 5), time="March 2025"), "'March 2025'", KG.time),
        (Event("e1", "Attack", "raid", evidence(0, 5), killed=-1), "killed -1", KG.killed),
        (Event("e1", "Condemn", "condemned", evidence(0, 5), about="e9"), "'e9'", KG.about),
        (Event("e1", "Attack", "raid", evidence(0, 5), roles={"weapon": (RAIDERS,)}), "weapon", None),
        (Event("e1", "Attack", "raid", evidence(0, 5, confidence=float("nan"))), "nan", KG.confidence),
    ],
)
def test_an_unmappable_value_is_dropped_with_a_warning_and_the_article_kept(
    event: Event, value: str, dropped: ox.NamedNode | None
) -> None:
    warnings: list[str] = []
    other = replace(RAID, key="e2")
    quads = extraction_quads(extraction(event, other), generated_at=WHEN, on_warning=warnings.append)
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{DOC}: event e1: dropped ") and value in warnings[0]
    node = event_iri(DOC, "e1")
    triples = {(q.subject, q.predicate) for q in quads}
    assert (node, RDF.type) in triples and (node, KG.sentence) in triples  # the event is kept
    assert (article_iri(DOC), DCTERMS.identifier) in triples  # and so is the article
    if dropped is not None:
        assert (node, dropped) not in triples
    else:  # an unknown role: none of its entities is linked to the event
        assert not any(q.subject == node and q.object == entity_iri(RAIDERS.key) for q in quads)
    assert (event_iri(DOC, "e2"), KG.time) in triples  # the other event keeps its own values


def test_an_event_of_unknown_type_is_dropped_and_what_refers_to_it_loses_the_reference() -> None:
    bombing = Event("e1", "Bombing", "bombing", evidence(0, 5))
    condemn = Event("e2", "Condemn", "condemned", evidence(6, 20), {"agent": (MINISTRY,)}, about="e1")
    warnings: list[str] = []
    quads = extraction_quads(extraction(bombing, condemn), generated_at=WHEN, on_warning=warnings.append)
    assert warnings == [
        f"{DOC}: event e1: dropped the event: unknown type 'Bombing'",
        f"{DOC}: event e2: dropped about 'e1': no event of the article has that key",
    ]
    subjects = {q.subject for q in quads}
    assert event_iri(DOC, "e1") not in subjects and event_iri(DOC, "e2") in subjects


def test_without_a_listener_a_dropped_value_is_a_python_warning() -> None:
    from kg.errors import MappingWarning

    odd = Event("e1", "Attack", "raid", evidence(0, 5), time="815")
    with pytest.warns(MappingWarning, match="dropped time '815'"):
        extraction_quads(extraction(odd), generated_at=WHEN)


def test_unknown_kind_and_duplicate_keys_raise() -> None:
    alien = Entity(key="zork", label="Zork", kind="Robot")
    with pytest.raises(MappingError, match="Robot"):
        extraction_quads(extraction(entities=(alien,)), generated_at=WHEN)
    with pytest.raises(MappingError, match="e1"):
        extraction_quads(extraction(RAID, RAID), generated_at=WHEN)


def test_time_literal_shapes() -> None:
    assert time_literal("2024-01-03").datatype == XSD.date
    assert time_literal("2024-02").datatype == XSD.gYearMonth
    assert time_literal("2024").datatype == XSD.gYear
    for bad in ("2024-02-30", "24", "2024-1-3", ""):
        with pytest.raises(ValueError):
            time_literal(bad)


# --- any text makes a valid, stable IRI -------------------------------------------------------

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list(" \t\n\r\"'<>{}|^`\\%#?/&=:;@[]\x00\x01\x7f\u200b\u00a0\ufeff")),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(text=ANY_TEXT)
def test_any_text_gives_a_stable_iri_that_round_trips(text: str) -> None:
    assert set(slug(text)) <= set("abcdefghijklmnopqrstuvwxyz0123456789._~-%ABCDEF")
    for node in (entity_iri(text), event_iri(text, text), article_iri(text)):
        assert node == type(node)(node.value)
        triple = ox.Triple(node, RDFS.label, ox.Literal(text))
        for fmt, rdflib_fmt in ((ox.RdfFormat.N_TRIPLES, "nt"), (ox.RdfFormat.TURTLE, "turtle")):
            data = ox.serialize([triple], format=fmt)
            assert [q.triple for q in ox.parse(data, format=fmt)] == [triple]
            graph = rdflib.Graph().parse(data=data.decode(), format=rdflib_fmt)
            [(s, _p, o)] = list(graph)
            assert str(s) == node.value and str(o) == text
            back = graph.serialize(format=rdflib_fmt, encoding="utf-8")
            assert [q.triple for q in ox.parse(back, format=fmt)] == [triple]


@settings(max_examples=100, deadline=None)
@given(text=ANY_TEXT)
def test_the_same_text_always_mints_the_same_iris(text: str) -> None:
    minted = (entity_iri(text), event_iri(text, "e1"), article_iri(text), article_graph(text))
    assert minted == (entity_iri(text), event_iri(text, "e1"), article_iri(text), article_graph(text))
    assert slug(text) == slug(unicodedata.normalize("NFKC", text))
    quad = ox.Quad(minted[1], PROV.wasDerivedFrom, minted[2], minted[3])
    data = ox.serialize([quad], format=ox.RdfFormat.N_QUADS)
    assert list(ox.parse(data, format=ox.RdfFormat.N_QUADS)) == [quad]
    dataset = rdflib.Dataset().parse(data=data.decode(), format="nquads")
    [(s, _p, o, g)] = list(dataset.quads((None, None, None, None)))
    assert (str(s), str(o), str(g.identifier if hasattr(g, "identifier") else g)) == (
        minted[1].value,
        minted[2].value,
        minted[3].value,
    )


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
def test_rapper_reads_the_mapped_graph(quads: list[ox.Quad], facts: set[tuple]) -> None:
    triples = [
        ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.graph_name == article_graph(DOC)
    ]
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={"kg": KG.iri, "skos": SKOS.iri})
    done = subprocess.run(
        ["rapper", "-i", "turtle", "-o", "ntriples", "-", "http://base.example/"],
        input=data,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert {q.triple for q in ox.parse(done.stdout, format=ox.RdfFormat.N_TRIPLES)} == set(triples)


def test_cities_link_to_the_country_entity_of_the_article() -> None:
    syria = Entity(key="syria", label="Syria", kind="Country", geo=lookup("Syria"))
    aleppo = Entity(key="aleppo", label="Aleppo", kind="Place", geo=lookup("Aleppo"))
    shelling = Event("e1", "Attack", "shelling", evidence(0, 9), {"location": (aleppo, syria)})
    triples = {
        (q.subject, q.predicate, q.object)
        for q in extraction_quads(extraction(shelling, entities=(syria, aleppo)), generated_at=WHEN)
    }
    assert (entity_iri("syria"), RDF.type, KG.Country) in triples
    assert (entity_iri("aleppo"), KG.inCountry, entity_iri("syria")) in triples
    assert len([t for t in triples if t[1] == KG.inCountry]) == 1
    assert len([t for t in triples if t[1] == RDF.type and t[2] == KG.Country]) == 1


def test_the_entity_kind_and_match_are_written_as_given_never_looked_up_again() -> None:
    """Entity resolution is extraction's: a place without a match stays without one, its kind unchanged."""
    syria = Entity(key="syria", label="Syria", kind="Place")
    odd = Geo(geonames_id=1, name="Nowhere", latitude=1.5, longitude=2.5, country_code="ZZ", feature="city")
    town = Entity(key="some town", label="Some Town", kind="Place", geo=odd)
    triples = {
        (q.subject, q.predicate, q.object)
        for q in extraction_quads(extraction(entities=(syria, town)), generated_at=WHEN)
    }
    assert (entity_iri("syria"), RDF.type, KG.Place) in triples
    assert not [t for t in triples if t[0] == entity_iri("syria") and t[1] in (OWL.sameAs, GEO.lat)]
    assert (entity_iri("some town"), OWL.sameAs, ox.NamedNode("https://sws.geonames.org/1/")) in triples
    assert (entity_iri("some town"), GEO.lat, ox.Literal("1.5", datatype=XSD.decimal)) in triples


def test_a_publication_datetime_becomes_its_day() -> None:
    article = Article(
        id=DOC, title="t", text="x", published=datetime(2025, 3, 2, 23, 59, tzinfo=timezone.utc)
    )
    quads = extraction_quads(Extraction(article, (), ()), generated_at=WHEN)
    [published] = [q.object for q in quads if q.predicate == SCHEMA.datePublished]
    assert published == ox.Literal("2025-03-02", datatype=XSD.date)
    assert not any(q.predicate == PROV.wasGeneratedBy for q in quads), "no events, no generated events"


def test_an_article_id_that_would_name_the_provenance_graph_is_refused() -> None:
    article = Article(id="Provenance", title="t", text="x")
    with pytest.raises(MappingError, match="graph kg keeps for itself"):
        extraction_quads(Extraction(article, (), ()), generated_at=WHEN)


def test_each_fact_carries_its_own_sentence_span_rule_and_qualifier() -> None:
    from kg.model import Fact, Support
    from kg.rdf import EVIDENCE_RULE, fact_iri

    toll = Support("count.killed_object", "Nearly 100 people died in Mosul.", 40, 50, 0.7)
    raid = Event(
        "e1",
        "Attack",
        "raid",
        evidence(0, 31),
        {"agent": (RAIDERS,), "location": (MOSUL,)},
        killed=100,
        approximate=True,
        facts=(
            Fact("killed", "100", toll, qualifier="nearly"),
            Fact("location", "mosul", Support("location.in_place", toll.sentence, 66, 71)),
        ),
    )
    graph = article_graph(DOC)
    quads = extraction_quads(extraction(raid), generated_at=WHEN)
    triples = {(q.subject, q.predicate, q.object) for q in quads if q.graph_name == graph}
    killed = fact_iri(DOC, "e1", "killed", 1)
    assert {
        (ev("e1"), KG.fact, killed),
        (killed, RDF.type, KG.Fact),
        (killed, RDF.subject, ev("e1")),
        (killed, RDF.predicate, KG.killed),
        (killed, RDF.object, ox.Literal("100", datatype=XSD.integer)),
        (killed, KG.sentence, ox.Literal("Nearly 100 people died in Mosul.")),
        (killed, KG.startChar, ox.Literal("40", datatype=XSD.integer)),
        (killed, KG.rule, ox.Literal("count.killed_object")),
        (killed, KG.qualifier, ox.Literal("nearly")),
        (killed, PROV.wasDerivedFrom, article_iri(DOC)),
    } <= triples
    agent = fact_iri(DOC, "e1", "agent", 1)  # no fact from extraction: the event's evidence stands for it
    assert (agent, KG.rule, ox.Literal(EVIDENCE_RULE)) in triples
    assert (agent, KG.sentence, ox.Literal("Invented sentence for a test.")) in triples
    assert (agent, RDF.object, entity_iri("red hand brigade")) in triples
    assert not any(s == fact_iri(DOC, "e1", "location", 2) for s, _, _ in triples)  # given once, kept once


def test_a_fact_of_an_unknown_role_or_a_bad_value_is_dropped_with_a_warning() -> None:
    from kg.model import Fact, Support

    support = Support("x.y", "Invented.", 0, 9)
    cases = (
        (Fact("weapon", "gun", support), "dropped weapon fact 'gun': unknown role"),
        (Fact("killed", "many", support), "dropped killed fact 'many'"),
        (Fact("time", "815", support), "dropped time fact '815'"),
        (Fact("about", "e7", support), "dropped about fact 'e7': no event of the article has that key"),
    )
    for fact, message in cases:
        kept = Fact("killed", "3", support)
        bad = Event("e1", "Attack", "raid", evidence(0, 9), killed=3, facts=(fact, kept))
        warnings: list[str] = []
        quads = extraction_quads(extraction(bad), generated_at=WHEN, on_warning=warnings.append)
        assert len(warnings) == 1 and warnings[0].startswith(f"{DOC}: event e1: {message}")
        roles = [q.object.value for q in quads if q.predicate == KG.role]
        assert roles == ["killed"]  # the good fact is kept, the bad one is not written


def test_an_entity_keeps_the_preferred_label_another_article_gave_it(tmp_path) -> None:
    from kg.rdf import with_stored_labels
    from kg.store import open_store

    other = Entity(key="red hand brigade", label="RED HAND brigade", kind="Group")
    second = Extraction(Article(id="second", title="Second", text="Invented text."), (other,), ())
    with open_store(tmp_path / "store") as store:
        store.replace_article(DOC, extraction_quads(SAMPLE, generated_at=WHEN))
        quads = with_stored_labels(store, "second", extraction_quads(second, generated_at=WHEN))
        store.replace_article("second", quads)
        node = entity_iri("red hand brigade")
        ask = "SELECT DISTINCT ?l WHERE {{ {} <{}> ?l }}"
        labels = {r["l"].value for r in store.query(ask.format(node, SKOS.prefLabel.value))}
        aliases = {r["l"].value for r in store.query(ask.format(node, SKOS.altLabel.value))}
    assert labels == {"Red Hand Brigade"}
    assert "RED HAND brigade" in aliases


def test_remembered_labels_give_what_asking_the_store_every_time_gives(tmp_path) -> None:
    from kg.rdf import with_stored_labels
    from kg.store import open_store

    spellings = ("RED HAND brigade", "Red Hand Brigade", "Red hand brigade", "red hand Brigade")
    articles = [
        Extraction(
            Article(id=f"a{n}", title=f"A{n}", text="Invented text."),
            (Entity(key="red hand brigade", label=label, kind="Group"),),
            (),
        )
        for n, label in enumerate(spellings)
    ]
    written: list[list] = []
    for known in (None, {}):
        with open_store(tmp_path / f"store-{known is None}") as store:
            asked = []
            query = store.query

            def counted(sparql, _asked=asked, _query=query, **options):
                _asked.append(sparql)
                return _query(sparql, **options)

            store.query = counted  # type: ignore[method-assign]
            runs = []
            for ex in articles:
                quads = with_stored_labels(
                    store, ex.article.id, extraction_quads(ex, generated_at=WHEN), known
                )
                store.replace_article(ex.article.id, quads)
                runs.append(sorted(map(str, quads)))
            written.append(runs)
            assert len(asked) == (len(articles) if known is None else 1)  # remembered: asked once
    assert written[0] == written[1]
    assert all('"RED HAND brigade"@en' in " ".join(run) for run in written[1])  # the first one's, kept


def test_an_attacks_instrument_is_a_kg_instrument_entity() -> None:
    bomb = Entity(key="car bomb", label="car bomb", kind="Instrument", aliases=frozenset({"car bomb"}))
    blast = Event("e1", "Attack", "exploded", evidence(0, 30), {"instrument": (bomb,)})
    graph = article_graph(DOC)
    quads = extraction_quads(extraction(blast, entities=(bomb,)), generated_at=WHEN, model="test-pipeline")
    found = {(q.subject, q.predicate, q.object) for q in quads if q.graph_name == graph}
    node = entity_iri("car bomb")
    assert (ev("e1"), KG.instrument, node) in found
    assert (node, RDF.type, KG.Instrument) in found
    assert (node, SKOS.prefLabel, ox.Literal("car bomb", language="en")) in found


def test_keys_naming_one_node_give_it_one_preferred_label_as_the_text_writes_it() -> None:
    """A dateline's "MOSUL" and the text's "Mosul" are one node with one skos:prefLabel (SHACL wants
    exactly one), the capitals kept as an alternative label."""
    shouted = Entity(key="MOSUL", label="MOSUL", kind="Place", geo=lookup("Mosul"))
    raid = replace(RAID, roles={**RAID.roles, "location": (shouted, MOSUL)})
    triples = {
        (q.subject, q.predicate, q.object)
        for q in extraction_quads(extraction(raid, entities=(shouted, MOSUL)), generated_at=WHEN)
    }
    node = entity_iri("mosul")
    assert {o.value for s, p, o in triples if s == node and p == SKOS.prefLabel} == {"Mosul"}
    assert {o.value for s, p, o in triples if s == node and p == SKOS.altLabel} == {"MOSUL"}
