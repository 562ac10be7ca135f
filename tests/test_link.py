"""Incidents: same-incident decisions on hand-made reports, and linking in a store (add, change, remove)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.events import event_rows
from kg.gazetteer import lookup
from kg.link import LinkState, pending_articles, plan, relink
from kg.link.actors import Actor
from kg.link.blocking import Index, block_keys
from kg.link.clustering import Cluster, assign, cluster
from kg.link.dates import time_window, window
from kg.link.match import Report, judge, may_link
from kg.link.places import Place, place_relation
from kg.link.reports import reports_of
from kg.model import Article, Entity, Event, Evidence, Extraction
from kg.query import ready_query, render, run
from kg.rdf import entity_iri, event_iri, extraction_quads, incidents_graph
from kg.store import open_store

WHEN = datetime(2025, 1, 1, tzinfo=timezone.utc)


def place(name: str) -> Place:
    found = lookup(name)
    assert found is not None, name
    return Place(
        f"urn:{name}",
        name,
        found.geonames_id,
        found.feature,
        found.country_code,
        found.latitude,
        found.longitude,
    )


def report(
    doc: str,
    *,
    places=("Kerman",),
    time=None,
    published=date(2024, 1, 4),
    killed=None,
    agents=(),
    targets=(),
    kind="Attack",
    trigger="bombing",
) -> Report:
    return Report(
        iri=f"urn:{doc}/e1",
        doc=doc,
        key="e1",
        type=kind,
        published=published,
        time=time,
        trigger=trigger,
        places=tuple(place(p) for p in places),
        killed=killed,
        agents=tuple(Actor(f"urn:{a}", a, "Group") for a in agents),
        targets=tuple(Actor(f"urn:{t}", t) for t in targets),
    )


def test_gazetteer_hierarchy_and_distance() -> None:
    assert place_relation(place("Kerman"), place("Iran")) == "within"
    assert place_relation(place("Kerman"), place("Kerman")) == "same"
    assert place_relation(place("Kerman"), place("Tehran")) == "apart"
    assert place_relation(place("Kano"), place("Iran")) == "apart"


def test_a_region_of_the_gazetteer_holds_the_cities_of_its_country() -> None:
    quetta, karachi = place("Quetta"), place("Karachi")
    balochistan = Place("urn:balochistan", "Balochistan", 1183606, "region", "PK", 28.5, 65.0)  # a centroid
    assert place_relation(quetta, balochistan) == place_relation(balochistan, karachi) == "within"
    assert place_relation(balochistan, place("Kerman")) == "apart"  # another country
    assert place_relation(quetta, karachi) == "apart"  # two cities: by distance, as before


def test_reports_of_one_bombing_link_and_a_distractor_does_not() -> None:
    a = report("a", time="2024-01-03", killed=103, agents=("Islamic State",))
    b = report("b", places=("Kerman", "Iran"), time="2024-01-03", killed=84)
    c = report("c", places=("Iran",), published=date(2024, 1, 5), killed=95, agents=("Islamic State",))
    week_later = report("d", time="2024-01-12", killed=2)
    other_city = report("e", places=("Tehran",), time="2024-01-03", killed=3)
    assert judge(a, b).links and judge(a, c).links
    assert judge(a, week_later).veto == "dates apart"
    assert judge(a, other_city).veto == "places apart"
    assert judge(a, report("a", time="2024-01-03")).veto == "same article"
    assert judge(a, report("f", time="2024-01-03", kind="Protest")).veto == "type"
    groups = sorted(sorted(r.doc for r in g.reports) for g in cluster([week_later, c, other_city, b, a]))
    assert groups == [["a", "b", "c"], ["d"], ["e"]]


def test_figures_far_apart_and_a_different_named_agent_keep_reports_apart() -> None:
    a = report("a", time="2024-01-03", killed=100)
    assert judge(a, report("b", time="2024-01-03", killed=2)).veto == "figures apart"
    named = report("c", time="2024-01-03", agents=("Islamic State",))
    other = report("d", time="2024-01-03", agents=("Jaish al-Adl",))
    assert judge(named, other).score < judge(named, report("e", time="2024-01-03")).score


def test_a_report_without_place_or_date_links_only_on_strong_evidence() -> None:
    a = report("a", time="2024-01-03", agents=("Islamic State",), targets=("Soleimani memorial",))
    weak = report("b", places=(), time="2024-01-03")
    strong = report(
        "c", places=(), time="2024-01-03", agents=("Islamic State",), targets=("Soleimani memorial",)
    )
    assert not judge(a, weak).links
    assert judge(a, strong).links


def test_a_country_and_a_month_link_two_attacks_only_with_a_common_doer() -> None:
    """A bombing in a city one month and one the article places only in the country: a close toll, the
    same kind of target and of attack are what two attacks of one country in a month share."""
    month = report("a", time="2024-01", published=date(2024, 1, 20), killed=10, targets=("villagers",))
    country = report(
        "b",
        places=("Iran",),
        time="2024-01-12",
        published=date(2024, 1, 13),
        killed=12,
        targets=("villagers",),
    )
    verdict = judge(month, country)
    assert verdict.veto is None and verdict.score >= 5 and not verdict.links
    named = [
        dataclasses.replace(r, agents=(Actor("urn:is", "Islamic State", "Group"),)) for r in (month, country)
    ]
    assert judge(*named).links  # the same group named by both
    city = dataclasses.replace(country, places=(place("Kerman"),))
    assert judge(month, city).links  # the same city: more than a country


def test_a_background_mention_links_to_its_incident() -> None:
    main = report(
        "a",
        places=("Tehran",),
        time="2017-06-07",
        published=date(2017, 6, 7),
        agents=("Islamic State",),
        targets=("parliament",),
    )
    mention = report(
        "b",
        places=("Iran",),
        time="2017",
        published=date(2024, 1, 4),
        agents=("Islamic State",),
        targets=("parliament",),
    )
    assert judge(main, mention).links
    stored_main, lookup_main = block_keys(main)
    stored_mention, lookup_mention = block_keys(mention)
    assert lookup_main & stored_mention and lookup_mention & stored_main


def meet(a: Report, b: Report) -> bool:
    return bool(block_keys(a)[1] & block_keys(b)[0]) and bool(block_keys(b)[1] & block_keys(a)[0])


def test_blocks_keep_apart_other_countries_and_other_seasons() -> None:
    a = report("a", time="2024-01-03")
    assert meet(a, report("b", places=("Iran",), time="2024-01-05"))
    assert not meet(a, report("c", time="2024-06-20"))
    assert not meet(a, report("d", places=("Kano",), time="2024-01-03"))
    assert meet(a, report("e", places=(), time="2024-01-03"))
    assert len(block_keys(a)[0]) == 2  # stored: Iran and "*" with the week; the rest are lookups


def test_an_index_finds_a_cluster_by_its_keys_until_it_is_taken_out() -> None:
    a, b = report("a", time="2024-01-03"), report("b", places=("Iran",), time="2024-01-04")
    index, group, other = Index(), Cluster([a]), Cluster([report("c", places=("Kano",), time="2024-01-03")])
    index.add(group, a)
    index.add(other, other.reports[0])
    assert index.candidates(b) == [group]
    index.remove(group)
    assert index.candidates(b) == [] and all(held is not group for held in index.clusters())


@given(
    st.dates(date(2015, 1, 1), date(2025, 12, 31)),
    st.dates(date(2015, 1, 1), date(2025, 12, 31)),
    st.sampled_from(["day", "month", "year", "undated"]),
    st.sampled_from(["day", "month", "year", "undated"]),
    st.sampled_from([("Kerman",), ("Iran",), ()]),
)
@settings(max_examples=300, deadline=None)
def test_reports_whose_windows_overlap_always_meet_in_a_block(one, two, grain_a, grain_b, places) -> None:
    def make(doc: str, day: date, grain: str, where: tuple[str, ...]) -> Report:
        time = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year), "undated": None}
        return report(doc, places=where, time=time[grain], published=day)

    a, b = make("a", one, grain_a, ("Kerman",)), make("b", two, grain_b, places)
    wa, wb = window(a), window(b)
    if not wa.overlaps(wb) or (not places and "year" in (grain_a, grain_b)):
        return
    assert meet(a, b)


class _BlockIndex(Index):
    """An index that looks candidates up by the stored block keys (:func:`block_keys`), the scheme the
    store keeps, not by the finer in-memory keys: what the in-memory index must agree with."""

    def candidates(self, report: Report) -> list[Cluster]:
        _, lookup = block_keys(report)
        found: dict[int, Cluster] = {}
        for group in self.clusters():
            if any(block_keys(other)[0] & lookup and other.type == report.type for other in group.reports):
                found.setdefault(id(group), group)
        return list(found.values())


@given(
    st.lists(
        st.tuples(
            st.dates(date(2020, 1, 1), date(2020, 4, 30)),
            st.sampled_from(["day", "month", "undated"]),
            st.sampled_from([("Kerman",), ("Iran",), ("Tehran",), ("Kano",)]),
            st.sampled_from([None, 10, 12]),
        ),
        min_size=2,
        max_size=7,
    )
)
@settings(max_examples=200, deadline=None)
def test_the_finer_in_memory_keys_give_the_incidents_the_block_keys_give(drafts) -> None:
    time = {"day": lambda d: d.isoformat(), "month": lambda d: d.isoformat()[:7], "undated": lambda d: None}
    reports = [
        report(
            f"d{i}", places=where, time=time[grain](day), published=day + timedelta(days=i % 3), killed=killed
        )
        for i, (day, grain, where, killed) in enumerate(drafts)
    ]
    finer: list[Cluster] = []
    assign(reports, finer)
    blocks: list[Cluster] = []
    assign(reports, blocks, _BlockIndex())
    assert sorted(sorted(r.iri for r in c.reports) for c in finer) == sorted(
        sorted(r.iri for r in c.reports) for c in blocks
    )


ACTOR_LABELS = ["Islamic State", "ISIS", "Baloch Liberation Army", "BLA", "the police", "a police station"]


@given(
    st.dates(date(2020, 1, 1), date(2020, 3, 31)),
    st.dates(date(2020, 1, 1), date(2020, 3, 31)),
    st.sampled_from([("Kerman",), ()]),
    st.lists(st.sampled_from(ACTOR_LABELS), max_size=2),
    st.lists(st.sampled_from(ACTOR_LABELS), max_size=2),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_a_report_without_a_place_meets_every_cluster_it_may_link_with(one, two, places, mine, theirs, dated):
    from kg.link.match import may_link

    def make(doc: str, day: date, where: tuple[str, ...], actors: list[str]) -> Report:
        made = report(doc, places=where, time=day.isoformat() if dated else None, published=day)
        named = tuple(Actor(f"urn:{doc}:{label}", label, "Group") for label in actors)  # IRIs differ
        return dataclasses.replace(made, agents=named[:1], targets=named[1:])

    a, b = make("a", one, (), mine), make("b", two, places, theirs)
    index, group = Index(), Cluster([b])
    index.add(group, b)
    if window(a).overlaps(window(b)) and may_link(a, b):
        assert index.candidates(a) == [group]
    if not mine:
        assert index.candidates(a) == []  # nothing to share: no comparison at all


@pytest.mark.parametrize(
    ("mine", "theirs", "meets"),
    [
        ("BLA", "Baloch Liberation Army", True),  # an acronym: the initials
        ("ISIS", "Islamic State Khorasan", True),  # an alias inside a longer name
        ("the police", "a police station", True),  # an unnamed target word (1 point of 2 needed)
        ("Islamic State", "Baloch Liberation Army", False),
    ],
)
def test_a_report_without_a_place_meets_clusters_through_a_shared_actor(mine, theirs, meets) -> None:
    a = report("a", places=(), time="2024-01-03", agents=(mine,), targets=(mine,))
    b = report("b", time="2024-01-03", agents=(theirs,), targets=(theirs,))
    index, group = Index(), Cluster([b])
    index.add(group, b)
    assert (index.candidates(a) == [group]) is meets


def test_an_index_keeps_reports_of_other_event_types_apart() -> None:
    attack, protest = report("a", time="2024-01-03"), report("b", time="2024-01-03", kind="Protest")
    index, group = Index(), Cluster([attack])
    index.add(group, attack)
    assert index.candidates(protest) == [] and index.candidates(report("c", time="2024-01-04")) == [group]


# --- in a store ----------------------------------------------------------------------------------------


def entity(key: str, label: str, kind: str) -> Entity:
    return Entity(key, label, kind, geo=lookup(label) if kind in ("Place", "Country") else None)


KERMAN, IRAN = entity("kerman", "Kerman", "Place"), entity("iran", "Iran", "Country")
KANO, IS = entity("kano", "Kano", "Place"), entity("islamic state", "Islamic State", "Group")


def article(doc: str, published: date, *events: tuple) -> Extraction:
    text = " ".join(sentence for *_, sentence in events)
    made = []
    for key, (kind, roles, fields, sentence) in zip(("e1", "e2", "e3"), events, strict=False):
        start = text.index(sentence)
        evidence = Evidence(doc, sentence, start, start + len(sentence), 0.8, "t")
        made.append(Event(key, kind, kind.lower(), evidence, roles, **fields))
    return Extraction(
        Article(doc, f"Report {doc}", text, published=published, source=f"Wire {doc}"), (), tuple(made)
    )


ARTICLES = [
    article(
        "kerman-a",
        date(2024, 1, 3),
        (
            "Attack",
            {"location": (KERMAN,)},
            {"time": "2024-01-03", "killed": 103},
            "Blasts killed 103 in Kerman.",
        ),
        ("ClaimResponsibility", {"agent": (IS,)}, {"about": "e1"}, "Islamic State claimed it."),
    ),
    article(
        "kerman-b",
        date(2024, 1, 4),
        (
            "Attack",
            {"location": (KERMAN, IRAN), "agent": (IS,)},
            {"time": "2024-01-03", "killed": 84},
            "Islamic State bombers killed 84 in Kerman, Iran.",
        ),
    ),
    article(
        "kerman-c",
        date(2024, 1, 5),
        ("Attack", {"location": (IRAN,), "agent": (IS,)}, {"killed": 95}, "The Iran bombing killed 95."),
    ),
    article(
        "kano-a",
        date(2024, 1, 10),
        ("Attack", {"location": (KANO,)}, {"time": "2024-01-09", "killed": 5}, "Gunmen killed 5 in Kano."),
    ),
    article(
        "kano-b",
        date(2024, 1, 11),
        ("Attack", {"location": (KANO,)}, {"killed": 6}, "An attack in Kano killed 6."),
    ),
    article(
        "kerman-later",
        date(2024, 1, 12),
        (
            "Attack",
            {"location": (KERMAN,)},
            {"time": "2024-01-12", "killed": 2},
            "A shooting killed 2 in Kerman.",
        ),
    ),
]


def write(store, extractions) -> None:
    for ex in extractions:
        store.replace_article(ex.article.id, extraction_quads(ex, generated_at=WHEN))


def incidents(store) -> dict[str, str]:
    return {r["doc"]: r["incident"] for r in event_rows(store) if r["type"] == "Attack"}


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "store") as opened:
        yield opened


def test_linking_in_one_go_or_article_by_article_gives_the_same_iris(store, tmp_path: Path) -> None:
    write(store, ARTICLES)
    relink(store, [ex.article.id for ex in ARTICLES])
    together = incidents(store)
    assert together["kerman-a"] == together["kerman-b"] == together["kerman-c"]
    assert together["kano-a"] == together["kano-b"] != together["kerman-a"]
    assert together["kerman-later"] not in (together["kerman-a"], together["kano-a"])
    with open_store(tmp_path / "other") as other:
        for ex in ARTICLES:
            write(other, [ex])
            relink(other, [ex.article.id])
        assert incidents(other) == together


def test_casualties_count_the_bombing_once_with_its_range(store) -> None:
    write(store, ARTICLES)
    relink(store, [ex.article.id for ex in ARTICLES])
    result = run(store, ready_query("casualties-by-place").bind({}))
    lines = render(result, "csv").splitlines()
    assert lines[1] == "Kerman,2,4,97,86-105,0,0"  # the bombing (95 latest, 84-103) and the shooting (2)
    claimed = render(run(store, ready_query("who-claimed").bind({})), "csv").splitlines()
    assert claimed[1].startswith('Islamic State,"Attack: attack in Kerman, 2024-01-03"')


def test_removing_an_article_unlinks_it_and_drops_empty_incidents(store) -> None:
    write(store, ARTICLES)
    relink(store, [ex.article.id for ex in ARTICLES])
    before = incidents(store)
    store.remove_article("kerman-later")
    assert pending_articles(store)  # its links outlive the article until relinked
    done = relink(store, article_iris=pending_articles(store))
    assert done.incidents_dropped == 1 and not pending_articles(store)
    store.remove_article("kerman-a")
    relink(store, ["kerman-a"])
    after = incidents(store)
    assert after["kerman-b"] == after["kerman-c"] != before["kerman-b"]  # named after its new first report
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?i a <https://w3id.org/newskg/ontology#Incident> }"
    assert int(next(iter(store.query(count)))["n"].value) == 2


def test_a_changed_article_moves_to_the_right_incident(store) -> None:
    write(store, ARTICLES)
    relink(store, [ex.article.id for ex in ARTICLES])
    moved = article(
        "kano-b",
        date(2024, 1, 11),
        ("Attack", {"location": (KERMAN,)}, {"time": "2024-01-12", "killed": 2}, "Two died in Kerman."),
    )
    write(store, [moved])
    relink(store, ["kano-b"])
    found = incidents(store)
    assert found["kano-b"] == found["kerman-later"] and found["kano-a"] != found["kano-b"]


def test_the_incidents_graph_validates(store) -> None:
    from kg.validate import validate

    write(store, ARTICLES)
    relink(store, [ex.article.id for ex in ARTICLES])
    report_ = validate(store)
    assert report_.conforms, report_.text


def test_reports_made_from_an_extraction_are_the_ones_read_back_from_the_store(store) -> None:
    from kg.link.reports import read_reports, reports_of

    write(store, ARTICLES)
    for ex in ARTICLES:
        made = {r.iri: r for r in reports_of(ex)}
        assert made and read_reports(store, made) == made


def test_claims_and_accusations_come_with_the_reports_made_from_an_extraction(store) -> None:
    from kg.link.reports import read_reports, reports_of

    police, iran = entity("police", "police", "Group"), entity("iran", "Iran", "Country")
    ex = article(
        "claimed",
        date(2024, 1, 3),
        ("Attack", {"location": (KERMAN,)}, {"time": "2024-01-03"}, "A bomb hit Kerman."),
        ("Accuse", {"agent": (police, iran), "target": (IS,)}, {"about": "e1"}, "Iran and police blamed IS."),
        ("ClaimResponsibility", {"agent": (IS,)}, {"about": "e1"}, "Islamic State said it did it."),
    )
    write(store, [ex])
    (made,) = reports_of(ex)
    attack, accusation, claim = (event_iri("claimed", key).value for key in ("e1", "e2", "e3"))
    islamic_state = entity_iri("islamic state").value
    assert made.claims == ((claim, (islamic_state,)),)
    agents = tuple(sorted(entity_iri(key).value for key in ("police", "iran")))
    assert made.accusations == ((accusation, agents, (islamic_state,)),)
    assert read_reports(store, [attack]) == {attack: made}


class CountingStore:
    """A store that counts the SPARQL requests that look up candidates by block key."""

    def __init__(self, inner) -> None:
        self.inner, self.block_lookups = inner, 0

    def query(self, sparql: str, *args, **kwargs):
        self.block_lookups += "kg:blockKey ?k" in sparql
        return self.inner.query(sparql, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


def test_one_state_across_rounds_links_as_the_store_does_and_reads_no_block_of_a_fresh_graph(
    store, tmp_path: Path
) -> None:
    write(store, ARTICLES)
    relink(store, [ex.article.id for ex in ARTICLES])
    together = incidents(store)
    with open_store(tmp_path / "rounds") as other:
        counted, state = CountingStore(other), LinkState()
        for ex in ARTICLES:
            write(other, [ex])
            relink(counted, [ex.article.id], state=state)
        assert incidents(other) == together
        assert counted.block_lookups == 0  # the graph was empty: every incident is in the state
        assert state.of_report.keys() == {event_iri(ex.article.id, "e1").value for ex in ARTICLES}


def incident_nquads(store) -> list[str]:
    return sorted(str(q) for q in store.quads(None, None, None, incidents_graph()))


class RecordingStore(CountingStore):
    """A store that keeps the SPARQL updates sent to it."""

    def __init__(self, inner) -> None:
        super().__init__(inner)
        self.updates: list[str] = []

    def update(self, sparql: str) -> None:
        self.updates.append(sparql)
        self.inner.update(sparql)


def linked_in_one_go(store, order: str) -> list:
    """Write and link every article into ``store`` at once (what rounds must come to), and give the
    articles in the order the rounds take them: newest first, first reports change and incidents merge."""
    write(store, ARTICLES)
    relink(store, [ex.article.id for ex in ARTICLES])
    return ARTICLES if order == "oldest first" else ARTICLES[::-1]


@pytest.mark.parametrize("order", ["oldest first", "newest first"])
def test_rounds_of_one_state_write_only_what_differs_and_leave_the_quads_of_one_go(
    store, tmp_path: Path, order: str
) -> None:
    arriving = linked_in_one_go(store, order)
    with open_store(tmp_path / "rounds") as other:
        recorded, state = RecordingStore(other), LinkState()
        for ex in arriving:
            write(other, [ex])
            relink(recorded, [ex.article.id], state=state)
        assert incident_nquads(other) == incident_nquads(store)
        assert recorded.updates  # incidents that gained a report changed in place
        assert all("DELETE {" not in u and "DELETE WHERE" not in u for u in recorded.updates)
        assert all(g.exact for g in state.by_incident.values())


def test_a_round_planned_before_its_articles_are_written_writes_them_with_its_new_incidents(
    store, tmp_path: Path
) -> None:
    write(store, ARTICLES)
    relink(store, [ex.article.id for ex in ARTICLES])
    with open_store(tmp_path / "planned") as other:
        state = LinkState()
        for part in (ARTICLES[:3], ARTICLES[3:]):
            given = {ex.article.id: reports_of(ex) for ex in part}
            step = plan(other, list(given), reports=given, state=state)  # nothing of them stored yet
            assert step.fresh and not any(q.graph_name != incidents_graph() for q in step.fresh)
            articles = [(ex.article.id, extraction_quads(ex, generated_at=WHEN)) for ex in part]
            other.write_articles(articles, step.fresh)
            step.write(other, fresh_written=True)
        assert incident_nquads(other) == incident_nquads(store)


@pytest.mark.parametrize("order", ["oldest first", "newest first"])
def test_rounds_that_hold_their_incidents_write_nothing_until_a_round_that_writes_them_all_once(
    store, tmp_path: Path, order: str
) -> None:
    arriving = linked_in_one_go(store, order)
    with open_store(tmp_path / "held") as other:
        recorded, state = RecordingStore(other), LinkState()
        for ex in arriving:
            given = {ex.article.id: reports_of(ex)}
            step = plan(recorded, list(given), reports=given, state=state, hold=True)
            assert not step.fresh and not step.requests and not step.replace
            other.write_articles([(ex.article.id, extraction_quads(ex, generated_at=WHEN))])
            step.write(recorded)
        assert not incident_nquads(other) and state.held and not recorded.updates
        assert pending_articles(other)  # were the build killed now, a later one links them all
        last = plan(recorded, [], reports={}, state=state)  # the round without hold: every incident, once
        last.write(recorded)
        assert state.held is None and not recorded.updates  # fresh quads only: no update, nothing deleted
        assert incident_nquads(other) == incident_nquads(store)
        assert last.result.incidents_written == len({i for i in incidents(store).values()})
        assert not pending_articles(other)


def test_a_state_kept_across_a_removal_and_a_change_matches_a_fresh_relink(store, tmp_path: Path) -> None:
    write(store, ARTICLES)
    state = LinkState()
    relink(store, [ex.article.id for ex in ARTICLES], state=state)
    store.remove_article("kerman-a")
    moved = article(
        "kano-b",
        date(2024, 1, 11),
        ("Attack", {"location": (KERMAN,)}, {"time": "2024-01-12", "killed": 2}, "Two died in Kerman."),
    )
    write(store, [moved])
    relink(store, ["kerman-a", "kano-b"], state=state)
    kept = incidents(store)
    with open_store(tmp_path / "fresh") as fresh:
        rest = [ex for ex in ARTICLES if ex.article.id not in ("kerman-a", "kano-b")] + [moved]
        write(fresh, rest)
        relink(fresh, [ex.article.id for ex in rest])
        assert incidents(fresh) == kept
    assert kept["kano-b"] == kept["kerman-later"] and kept["kerman-b"] == kept["kerman-c"]
    assert {g.stored for g in state.by_incident.values()} == set(state.by_incident)


def test_figures_by_source_are_written_for_an_incident_two_sources_give_a_toll(store) -> None:
    write(store, ARTICLES)
    relink(store, [ex.article.id for ex in ARTICLES])
    query = """PREFIX kg: <https://w3id.org/newskg/ontology#>
    SELECT ?id (COUNT(?f) AS ?n) WHERE { ?i kg:incidentId ?id OPTIONAL { ?i kg:figure ?f } } GROUP BY ?id"""
    figures = {row["id"].value: int(row["n"].value) for row in store.query(query)}
    assert sorted(figures.values()) == [0, 2, 3]  # the bombing (3 sources), Kano (2), the shooting (1)
    latest = """PREFIX kg: <https://w3id.org/newskg/ontology#>
    SELECT ?k ?low WHERE { ?r kg:incident ?i . ?i kg:reportCount 1 ; kg:latestKilled ?k .
    OPTIONAL { ?i kg:killedMin ?low } FILTER(CONTAINS(STR(?r), "kerman-later")) }"""
    rows = [(row["k"].value, row["low"]) for row in store.query(latest)]
    assert rows == [("2", None)]  # one source: no range


# --- aliases and vetoes across articles --------------------------------------------------------------


def test_aliases_of_one_group_across_articles_are_one_agent() -> None:
    from kg.link.actors import canonical_words

    assert canonical_words("ISIS-K") == canonical_words("Isis-K") == ("islamic", "state", "k")
    assert canonical_words("the ISIL group") == canonical_words("Daesh") == ("islamic", "state")
    assert canonical_words("U.S. forces") == ("united", "states", "forces")
    assert canonical_words("us") == ("us",)  # a word, not the acronym
    day = dict(places=(), time="2024-05-02", killed=12, published=date(2024, 5, 3))
    a = report("a", agents=("Daesh",), **day)
    b = report("b", agents=("Islamic State of Iraq and the Levant",), **day)
    assert "agent +2" in judge(a, b).reasons and judge(a, b).links  # no place: strong evidence needed
    c = report("c", agents=("Boko Haram",), **day)
    assert "agent -2" in judge(a, c).reasons and not judge(a, c).links


def test_an_acronym_is_the_initials_of_a_name_in_another_article() -> None:
    day = dict(places=(), time="2024-05-02", killed=12, published=date(2024, 5, 3))
    assert judge(
        report("a", agents=("MNLF",), **day), report("b", agents=("Moro National Liberation Front",), **day)
    ).links
    assert judge(
        report("a", agents=("TRF",), **day), report("b", agents=("The Resistance Front",), **day)
    ).links
    silent = judge(
        report("a", agents=("NLF",), **day), report("b", agents=("Moro National Liberation Front",), **day)
    )
    assert not silent.links and "agent -2" in silent.reasons
    assert not judge(
        report("a", agents=("ALF",), **day), report("b", agents=("Animal Liberation Front fighters",), **day)
    ).links


def test_attacks_on_different_days_of_other_kinds_or_buildings_are_two_attacks() -> None:
    church = report("a", time="2024-03-10", trigger="bombing", targets=("a Catholic church",))
    police = report("b", time="2024-03-11", trigger="blast", targets=("the main police station",))
    assert judge(church, police).veto == "venues apart"
    shooting = report("c", time="2024-03-11", trigger="shooting")
    assert judge(church, shooting).veto == "kinds apart"
    raid = report("d", time="2024-03-09", trigger="raided", targets=("two hotels",))
    assert judge(church, raid).veto == "kinds apart"
    # silent: the same day (one attack on several sites, gunmen and a bomb), the same kind of building,
    # a building of any kind, or a trigger that names no kind
    assert (
        judge(church, report("e", time="2024-03-10", trigger="shooting", targets=("a hotel",))).veto is None
    )
    assert (
        judge(church, report("f", time="2024-03-11", trigger="explosion", targets=("churches",))).veto is None
    )
    assert (
        judge(church, report("g", time="2024-03-11", trigger="bomb", targets=("an office building",))).veto
        is None
    )
    assert (
        judge(church, report("h", time="2024-03-11", trigger="attack", targets=("a mosque",))).veto
        == "venues apart"
    )
    assert judge(church, report("i", time="2024-03-11", trigger="attack")).veto is None


def test_an_undated_report_weeks_after_a_dated_attack_in_its_city_earns_no_date_point() -> None:
    dated = report("a", time="2019-01-03", trigger="bombing")
    follow_up = report("b", published=date(2019, 1, 12), trigger="blast")  # 9 days on: a follow-up
    weeks_on = report("c", published=date(2019, 1, 25), trigger="blast")  # 22 days on: within the window
    assert "date +1" in judge(dated, follow_up).reasons and judge(dated, follow_up).links
    assert judge(dated, weeks_on).veto is None and not any(
        r.startswith("date") for r in judge(dated, weeks_on).reasons
    )
    assert not judge(dated, weeks_on).links
    assert "date +2" in judge(dated, report("d", published=date(2019, 1, 5))).reasons


def test_a_pair_without_place_or_date_and_without_a_shared_actor_is_not_judged_further() -> None:
    from kg.link.match import may_link

    placed = report("a", time="2024-01-03", killed=12, agents=("Islamic State",))
    unplaced = report(
        "b", places=(), time="2024-01-03", killed=9
    )  # the same toll would do (same_toll_on_the_day)
    same_group = report("c", places=(), time="2024-01-03", killed=12, agents=("ISIS",))
    assert not may_link(placed, unplaced) and not judge(placed, unplaced).links
    assert may_link(placed, same_group) and judge(placed, same_group).links
    assert may_link(placed, report("d", time="2024-01-04"))  # placed and dated: judged in full
    pairs = [
        (x, y) for x in (placed, unplaced, same_group) for y in (placed, unplaced, same_group) if x is not y
    ]
    assert all(may_link(x, y) for x, y in pairs if judge(x, y).links)


def test_a_report_without_a_place_links_on_the_same_group_and_day() -> None:
    def agent_of(doc: str, label: str, kind: str = "Organization") -> tuple[Actor, ...]:
        return (Actor(f"urn:{doc}:{label}", label, kind),)  # other articles, other IRIs

    def make(doc: str, *, places=(), time="2024-05-02", published=date(2024, 5, 3), group="Ansar Khalid"):
        made = report(doc, places=places, time=time, published=published)
        return dataclasses.replace(made, agents=agent_of(doc, group))

    placed = make("placed", places=("Kano",), time="2024-05-02")
    fires = [
        make("same-day"),  # date +3, agent +2
        make("next-day", time="2024-05-03"),  # date +2, agent +2, trigger +1
        make("undated-next-morning", time=None, published=date(2024, 5, 3)),  # published a day after
    ]
    for other in fires:
        assert judge(placed, other).links and judge(other, placed).links, other.doc
    silent = [
        make("other-group", group="Jamaat Nusrat"),
        make("two-days-later", time="2024-05-04"),  # no date point: another attack that week
        make("weeks-later", time=None, published=date(2024, 5, 20)),
    ]
    for other in silent:
        assert not judge(placed, other).links, other.doc
    state = dataclasses.replace(make("state"), agents=agent_of("state", "Nigeria", "Country"))
    placed_state = dataclasses.replace(placed, agents=agent_of("placed", "Nigeria", "Country"))
    assert not judge(placed_state, state).links  # a state as agent strikes many times a day
    both_unplaced = make("unplaced-too")
    assert not judge(make("first"), both_unplaced).links  # no place on either side: strong evidence still


def test_a_report_without_a_place_links_on_the_same_toll_of_the_same_day() -> None:
    placed = report("placed", places=("Kano",), time="2024-05-02", killed=23, trigger="shooting")
    fires = [
        report("same-toll", places=(), time="2024-05-02", killed=23, trigger="shooting"),  # date +3, toll +2
        report("other-word", places=(), time="2024-05-02", killed=23, trigger="massacre"),
        report("published-later", places=(), time="2024-05-02", killed=23, published=date(2024, 5, 9)),
    ]
    for other in fires:
        assert judge(placed, other).links and judge(other, placed).links, other.doc
    silent = [
        report("close-toll", places=(), time="2024-05-02", killed=21),  # tolls that agree are not enough
        report("next-day", places=(), time="2024-05-03", killed=23),
        report("undated", places=(), killed=23, published=date(2024, 5, 3)),
        report("month", places=(), time="2024-05", killed=23),
    ]
    for other in silent:
        assert not judge(placed, other).links, other.doc
    small = report("small", places=("Kano",), time="2024-05-02", killed=3)
    assert not judge(small, report("small-too", places=(), time="2024-05-02", killed=3)).links
    both_unplaced = report("unplaced", places=(), time="2024-05-02", killed=23)
    assert not judge(fires[0], both_unplaced).links  # no place on either side: strong evidence still


def test_an_index_lets_the_same_toll_of_the_same_day_meet_without_a_shared_actor() -> None:
    placed = report("placed", places=("Kano",), time="2024-05-02", killed=23)
    index, group = Index(), Cluster([placed])
    index.add(group, placed)
    assert index.candidates(report("same", places=(), time="2024-05-02", killed=23)) == [group]
    assert index.candidates(report("other", places=(), time="2024-05-02", killed=22)) == []
    unplaced = report("unplaced", places=(), time="2024-05-02", killed=23)
    other_index, alone = Index(), Cluster([unplaced])
    other_index.add(alone, unplaced)
    assert other_index.candidates(placed) == [alone]
    assert [g.reports for g in cluster([placed, unplaced])] == [[placed, unplaced]]


def test_incident_ids_are_ascii_letters_digits_and_hyphens_readable_and_unique() -> None:
    from kg.link import incident_id
    from kg.rdf import entity_iri

    def first(doc: str, label: str, key: str = "e1") -> Report:
        where = Place(entity_iri(label).value, label)  # the IRI segment is the slug: kabul%27s-…
        return Report(f"urn:{doc}/{key}", doc, key, "Attack", time="2021-08-26", places=(where,))

    airport = incident_id(first("a01", "Kabul's Hamid Karzai International Airport"))
    assert airport.startswith("kabuls-hamid-karzai-international-airport-2021-08-26-")
    assert incident_id(first("b", "Bogotá")).startswith("bogota-2021-08-26-")
    assert incident_id(first("c", "بغداد")).startswith("place-2021-08-26-")  # no Latin letters
    long_name = incident_id(first("d", "the " + "very " * 30 + "long road"))
    ids = [airport, incident_id(first("b", "Bogotá")), long_name, incident_id(first("b", "Bogotá", "e2"))]
    for identifier in ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", identifier), identifier
    assert len(long_name) <= 60 + len("-2021-08-26-") + 8
    assert len(set(ids)) == len(ids)  # the digest of article and key keeps them apart
    assert incident_id(first("a01", "Kabul's Hamid Karzai International Airport")) == airport  # stable


def test_answers_for_pairs_of_names_and_places_are_forgotten_past_a_bound() -> None:
    from kg.link.actors import _same_names
    from kg.link.places import PAIR_CACHE, place_relation

    for n in range(PAIR_CACHE + 50):
        _same_names(f"urn:a{n}", f"Group {n}", f"urn:b{n}", f"Front {n}")
    assert _same_names.cache_info().currsize == PAIR_CACHE
    assert _same_names("urn:x", "Islamic State", "urn:y", "Islamic State Khorasan")  # still answers
    assert place_relation.cache_info().maxsize == PAIR_CACHE


def test_one_country_named_by_both_reports_is_weak_evidence() -> None:
    assert place_relation(place("Iran"), place("Iran")) == "within"
    assert place_relation(place("Kerman"), place("Kerman")) == "same"
    # a shooting, and a killing told ten days on, both only "in Iran": the country alone does not link them
    country = report("a", places=("Iran",), time="2024-02-10", killed=1, trigger="shooting")
    other = report("b", places=("Iran",), published=date(2024, 2, 20), killed=1, trigger="killing")
    assert judge(country, other).score == 1 + 1 + 1 and not judge(country, other).links  # place, date, toll
    same_city = dataclasses.replace(other, places=country.places + (place("Kerman"),))
    assert judge(dataclasses.replace(country, places=(place("Kerman"),)), same_city).links


def test_a_counted_group_of_victims_is_no_shared_target() -> None:
    assert Actor("urn:a", "two children").counted and Actor("urn:b", "12 soldiers").counted
    assert Actor("urn:c", "dozens of worshippers").counted
    assert not Actor("urn:d", "worshippers").counted and not Actor("urn:e", "Two Rivers School").counted
    # two strikes a day apart in one country, each killing "two children": the count is no identity
    a = report("a", places=("Pakistan",), time="2024-01-16", targets=("two children",), trigger="strike")
    b = report("b", places=("Pakistan",), time="2024-01-17", targets=("two children",), trigger="strike")
    assert judge(a, b).score == judge(a, dataclasses.replace(b, targets=())).score
    c = dataclasses.replace(b, targets=(Actor("urn:w", "worshippers"),))  # a description is some evidence
    assert judge(dataclasses.replace(a, targets=c.targets), c).score == judge(a, b).score + 1


def test_a_series_across_cities_and_one_of_its_attacks_are_apart() -> None:
    series = report("a", places=("Kano", "Maiduguri"), time="2024-03-02", killed=9, trigger="bombings")
    one = report("b", places=("Kano",), time="2024-03-02", killed=4)
    other_city = report("c", places=("Maiduguri",), published=date(2024, 3, 3))
    same_series = report("d", places=("Maiduguri", "Kano"), time="2024-03-02", killed=9)
    other_series = report("e", places=("Kano", "Lagos"), time="2024-03-02", killed=9)
    assert judge(series, one).veto == judge(other_city, series).veto == "series apart"
    assert judge(series, same_series).links
    assert judge(series, other_series).veto == "series apart"  # Lagos is in neither of the other's cities
    near = report("f", places=("Rawalpindi", "Islamabad"), time="2024-03-02", killed=4)  # 14 km: one place
    assert judge(near, report("g", places=("Islamabad",), time="2024-03-02", killed=4)).links
    abroad = report("h", places=("Kano", "Kerman"), time="2024-03-02", killed=4)  # two countries: no series
    assert judge(abroad, one).veto is None


def test_the_same_person_killed_links_a_report_without_place_or_date() -> None:
    def person(doc: str, name: str, kind: str = "Person") -> tuple[Actor, ...]:
        return (Actor(f"urn:{doc}:{name}", name, kind),)

    placed = dataclasses.replace(
        report("a", places=("Zaria",), time="2024-06-01", killed=1, trigger="shooting"),
        targets=person("a", "Halima Danjuma"),
    )
    unplaced = report("b", places=(), published=date(2024, 6, 3), killed=1, trigger="killing")
    fires = [
        dataclasses.replace(unplaced, targets=person("b", "Halima Danjuma")),
        dataclasses.replace(unplaced, targets=person("b", "mayor Halima Danjuma"), killed=3),
    ]
    silent = [
        dataclasses.replace(unplaced, targets=person("b", "Halima Danjuma"), killed=None),  # survived: again?
        dataclasses.replace(unplaced, targets=person("b", "Musa Garba")),  # another person
        dataclasses.replace(unplaced, targets=person("b", "Danjuma Transport", "Organization")),
    ]
    assert all(judge(placed, r).links for r in fires)
    assert not any(judge(placed, r).links for r in silent)


def test_a_place_the_gazetteer_lacks_is_compared_by_its_name() -> None:
    def unknown(name: str) -> Place:
        return Place(f"urn:{name}", name)

    assert place_relation(unknown("Upper Dorvan town"), unknown("Upper Dorvan")) == "within"  # runs inside
    # one province by its name and with its designation: one area, which holds many attacks ("within")
    assert place_relation(unknown("Upper Dorvan province"), unknown("Upper Dorvan")) == "within"
    assert place_relation(unknown("Kano central market"), place("Kano")) == "within"
    assert place_relation(place("Kano"), unknown("Kano central market")) == "within"
    assert place_relation(unknown("Dorvan district"), place("Kano")) == "unknown"
    assert place_relation(unknown("district"), unknown("province")) == "unknown"  # no name left
    market = Report(
        "urn:m/e1",
        "m",
        "e1",
        "Attack",
        date(2024, 4, 2),
        time="2024-04-01",
        killed=30,
        places=(unknown("Kano central market"),),
    )
    assert judge(report("k", places=("Kano",), time="2024-04-01", killed=32), market).links


def test_a_region_holds_the_places_of_its_country_and_vetoes_only_when_called_a_region() -> None:
    def unknown(name: str) -> Place:
        return Place(f"urn:{name}", name)

    assert place_relation(unknown("Balochistan"), place("Quetta")) == "within"
    assert place_relation(place("Karachi"), unknown("Balochistan Province")) == "within"
    assert place_relation(unknown("Balochistan"), place("Kano")) == "unknown"  # a region abroad: no veto
    # ... unless the name says it is a region: then it is no town of Nigeria the gazetteer lacks
    assert place_relation(unknown("Balochistan province"), place("Kano")) == "apart"
    assert place_relation(place("Nigeria"), unknown("Balochistan Province")) == "apart"
    assert place_relation(unknown("Balochistan"), unknown("Punjab")) == "unknown"  # two regions
    assert place_relation(unknown("Dorvan Heights"), place("Quetta")) == "unknown"  # no region so called
    # a train seized in the region, told by another outlet as "in Pakistan" the same day: the region counts
    hijack = report("a", places=(), time="2025-02-03", agents=("Jaish Zorvan",), trigger="hijacking")
    region = dataclasses.replace(hijack, iri="urn:b/e1", doc="b", places=(unknown("Balochistan"),))
    country = dataclasses.replace(hijack, places=(place("Pakistan"),))
    assert judge(country, region).reasons[0] == "place +1" and judge(country, region).links


def test_an_article_tells_of_the_country_most_of_its_places_and_country_names_name() -> None:
    from kg.link.places import article_country

    towns = [("urn:a", "NG", "city"), ("urn:a", "NG", "city"), ("urn:b", "US", "country")]
    assert article_country(towns) == "NG"  # a town named twice is one place; a country entity no vote
    assert article_country([("urn:a", "NG", "city"), ("urn:c", "GH", "city")]) is None  # a tie
    assert article_country([], ["Gunmen stormed a clinic in southern Chad on Friday."]) == "TD"
    written = ["Envoys of the United States deplored it.", "Two villages of Chad burned; Chad mourns."]
    assert article_country([("urn:x", "US", "country")], written) == "TD"  # written twice, once
    assert article_country([], ["The ISIS cell and the US envoy met."]) is None  # codes are not read
    assert article_country([], ["No country is named here."]) is None


def test_a_report_without_a_known_place_links_in_its_articles_country_on_agreeing_day_and_toll() -> None:
    placed = report("a", places=("Kano",), time="2024-03-02", killed=12, trigger="blast")
    unplaced = dataclasses.replace(
        report("b", places=(), time="2024-03-02", killed=11, trigger="explosion"), article_country="NG"
    )
    verdict = judge(placed, unplaced)
    assert verdict.links and "article country +1" in verdict.reasons
    elsewhere = dataclasses.replace(unplaced, article_country="GH")
    assert not judge(placed, elsewhere).links and judge(placed, elsewhere).veto is None  # no veto
    weeks_later = dataclasses.replace(unplaced, time=None, published=date(2024, 3, 20))
    assert not judge(placed, weeks_later).links  # the date must agree: no more than the country then
    no_toll = dataclasses.replace(unplaced, killed=None, trigger="raid")
    assert not judge(placed, no_toll).links  # the day and the country alone are not enough
    from kg.link.match import may_link

    assert may_link(placed, unplaced) and not may_link(placed, no_toll)  # the cheap test before judge
    known = dataclasses.replace(placed, article_country="NG")  # a report with a known place keeps it
    assert known.hint is None and unplaced.hint == "NG"
    both = dataclasses.replace(unplaced, doc="c", iri="urn:c/e1", killed=12)
    assert judge(unplaced, both).links  # two reports without a place, in articles of one country
    group = (Actor("urn:g", "Ansaru", "Group"),)
    only_the_group = dataclasses.replace(  # undated, published the next day: "have killed many"
        unplaced, killed=None, trigger="raid", agents=group, time=None, published=date(2024, 3, 3)
    )
    assert not judge(dataclasses.replace(placed, agents=group), only_the_group).links  # a group strikes often
    with_toll = dataclasses.replace(only_the_group, killed=12)
    assert judge(dataclasses.replace(placed, agents=group), with_toll).links


def test_an_index_lets_a_report_without_a_place_meet_the_reports_of_its_articles_country() -> None:
    placed = report("a", places=("Kano",), time="2024-03-02", killed=12)
    unplaced = dataclasses.replace(report("b", places=(), time="2024-03-02", killed=3), article_country="NG")
    for first, second in ((placed, unplaced), (unplaced, placed)):
        index, group = Index(), Cluster([first])
        index.add(group, first)
        assert index.candidates(second) == [group]  # no shared actor needed
        assert meet(first, second)  # and so do the stored block keys
    abroad = dataclasses.replace(unplaced, article_country="GH")
    index, group = Index(), Cluster([placed])
    index.add(group, placed)
    assert index.candidates(abroad) == []


BLA = entity("balochistan liberation army", "Balochistan Liberation Army", "Group")
QUETTA = entity("quetta", "Quetta", "Place")
SPLIT = [  # two reports that share too little, and a later one that agrees with each
    article(
        "quetta-a",
        date(2024, 5, 2),
        (
            "Attack",
            {"location": (QUETTA,)},
            {"time": "2024-05-02", "killed": 9},
            "A blast killed 9 in Quetta.",
        ),
    ),
    article(
        "quetta-b",
        date(2024, 5, 2),
        (
            "Attack",
            {"agent": (BLA,)},
            {"time": "2024-05-02"},
            "The Balochistan Liberation Army struck a convoy.",
        ),
    ),
    article(
        "quetta-c",
        date(2024, 5, 3),
        (
            "Attack",
            {"location": (QUETTA,), "agent": (BLA,)},
            {"time": "2024-05-02", "killed": 9},
            "Balochistan Liberation Army fighters killed 9 in Quetta.",
        ),
    ),
]


def test_a_report_that_links_two_incidents_with_no_veto_between_them_merges_them(store, tmp_path) -> None:
    from kg.link.clustering import mergeable

    a, b, c = (reports_of(ex)[0] for ex in SPLIT)
    assert not judge(a, b).links and judge(c, a).links and judge(c, b).links
    merged: list[Cluster] = []
    clusters: list[Cluster] = []
    assign([a, b], clusters)
    assert len(clusters) == 2
    joined = assign([c], clusters, merged=merged)
    assert [sorted(r.doc for r in g.reports) for g in clusters] == [["quetta-a", "quetta-b", "quetta-c"]]
    assert joined == clusters and len(merged) == 1
    other_day = dataclasses.replace(b, time="2024-05-09", doc="quetta-d", iri="urn:d")
    assert not mergeable(Cluster([a]), Cluster([other_day]))  # a veto between them: never one
    write(store, SPLIT)
    relink(store, [ex.article.id for ex in SPLIT])
    assert len(set(incidents(store).values())) == 1
    with open_store(tmp_path / "rounds") as other:  # round by round: the merged incident is dropped
        recorded, state = RecordingStore(other), LinkState()
        for ex in SPLIT:
            write(other, [ex])
            relink(recorded, [ex.article.id], state=state)
        assert incident_nquads(other) == incident_nquads(store)
        assert len(state.by_incident) == 1


def test_the_same_city_on_the_next_day_and_nothing_else_in_common_is_two_attacks() -> None:
    first = report("a", places=("Kano",), time="2024-03-02", trigger="raid")
    next_day = report("b", places=("Kano",), time="2024-03-03", trigger="incident")
    verdict = judge(first, next_day)
    assert verdict.score >= 5 and not verdict.links  # place +3, date +2: no more
    same_toll = dataclasses.replace(next_day, killed=7), dataclasses.replace(first, killed=7)
    assert judge(*same_toll).links  # one more agreement: a late-night attack dated by two sources
    same_day = dataclasses.replace(next_day, time="2024-03-02")
    assert judge(first, same_day).links


def test_a_time_window_spans_the_days_a_date_string_may_stand_for() -> None:
    day = time_window("2024-01-03", None)
    assert (day.first, day.last, day.grain) == (date(2023, 12, 31), date(2024, 1, 6), "day")
    month = time_window("2024-02", None)
    assert (month.first, month.last, month.grain) == (date(2024, 1, 29), date(2024, 3, 3), "month")
    assert time_window("2024", None).grain == "year"
    undated = time_window(None, date(2024, 1, 31))
    assert (undated.first, undated.last, undated.grain) == (date(2024, 1, 1), date(2024, 1, 31), "published")
    assert time_window("2024-02-30", None) is None
    assert time_window(None, None) is None


def test_the_numbers_of_injured_that_agree_are_a_second_figure_and_never_a_veto() -> None:
    city = report("a", places=("Lahore",), time="2023-05-10", trigger="shooting")
    country = report("b", places=("Pakistan",), published=date(2023, 5, 11), trigger="gunfire")
    assert not judge(city, country).links  # the country (+1) and the day after (+2): no more
    hurt = dataclasses.replace(city, injured=4), dataclasses.replace(country, injured=5)
    verdict = judge(*hurt)
    assert verdict.links and "figures +1" in verdict.reasons
    apart = dataclasses.replace(city, injured=2), dataclasses.replace(country, injured=60)
    assert judge(*apart).veto is None and not judge(*apart).links
    both = (
        dataclasses.replace(hurt[0], killed=12),
        dataclasses.replace(hurt[1], killed=12),
    )
    assert "figures +2" in judge(*both).reasons  # the same toll: two points, no more


def test_the_same_named_building_is_the_same_place_and_stands_in_for_a_missing_one() -> None:
    placed = report(
        "a", places=("Lagos",), time="2022-02-11", targets=("Palmgrove Hotel",), trigger="raid", killed=6
    )
    unplaced = report("b", places=(), published=date(2022, 2, 15), targets=("Palmgrove hotel",))
    verdict = judge(placed, unplaced)
    assert verdict.links and "place +3" in verdict.reasons  # the hotel is the place; a day close enough
    assert may_link(placed, unplaced) and meet(placed, unplaced)
    other = dataclasses.replace(unplaced, targets=(Actor("urn:h", "Harbour View hotel"),))
    assert not judge(placed, other).links
    bank = (Actor("urn:w", "West Bank"),)
    region = dataclasses.replace(unplaced, targets=bank)
    assert not judge(dataclasses.replace(placed, targets=bank), region).links  # a region, no building
    years_on = dataclasses.replace(unplaced, published=date(2024, 6, 1))
    assert judge(placed, years_on).veto == "dates apart"


def test_a_name_and_a_description_inside_it_are_a_weak_shared_target_whichever_comes_first() -> None:
    named = report("a", places=("Odesa",), time="2023-07-20", targets=("Mykolaiv Grain Terminal",))
    described = report("b", places=(), time="2023-07-20", targets=("terminal",))
    assert judge(named, described) == judge(described, named)
    assert "target +1" in judge(named, described).reasons  # any terminal is "the terminal"
    both = dataclasses.replace(described, targets=(Actor("urn:t", "Grain Terminal"),))
    assert "target +2" in judge(named, both).reasons and judge(named, both) == judge(both, named)


def test_one_district_named_by_both_reports_is_an_area_not_the_same_place() -> None:
    area = Place("urn:d1", "Kasese district"), Place("urn:d2", "Kasese District")
    assert place_relation(*area) == "within"  # a district holds many attacks a week
    town = Place("urn:t1", "Bwera"), Place("urn:t2", "Bwera")
    assert place_relation(*town) == "same"
    one = dataclasses.replace(report("a", time="2023-06-16", trigger="raid"), places=(area[0],))
    other = dataclasses.replace(report("b", time="2023-06-16", trigger="arson"), places=(area[1],))
    assert not judge(one, other).links  # the district and the day: two raids in it that day are common
    assert judge(
        dataclasses.replace(one, places=(town[0],)), dataclasses.replace(other, places=(town[1],))
    ).links


def test_a_lone_city_of_another_country_than_its_articles_is_shown_but_not_compared() -> None:
    from collections import Counter

    from kg.link.places import CountryVotes, foreign_cities

    homonym, village, capital = place("Palma"), Place("urn:v", "Ndovu"), place("Kabul")

    def votes(**counts: int) -> CountryVotes:
        return CountryVotes(Counter(counts))

    places, guessed = foreign_cities((homonym, village, capital), (), votes(MZ=4, ES=1, AF=1))
    assert places == (village, capital) and guessed == (homonym,)  # a capital is named abroad alone
    assert foreign_cities((homonym,), (), votes(MZ=4, ES=2)) == ((homonym,), ())  # Spain is told of
    assert foreign_cities((homonym,), (), CountryVotes(Counter(MZ=4, ES=1), frozenset(["ES"])))[1] == ()
    assert foreign_cities((homonym,), (), votes(MZ=2, ES=1)) == ((), (homonym,))
    assert foreign_cities((homonym,), (), votes(MZ=1, ES=1)) == ((homonym,), ())  # a tie: no country
    raid = report("a", places=(), time="2021-03-24", killed=12, trigger="raid")
    told = dataclasses.replace(raid, iri="urn:b/e1", doc="b", places=(homonym,))
    moved = dataclasses.replace(told, places=(), guessed_places=(homonym,), article_country="MZ")
    placed = dataclasses.replace(raid, places=(place("Pemba"),))
    assert judge(placed, told).veto == "places apart" and judge(placed, moved).veto is None


def test_a_building_named_only_by_its_place_people_or_faith_is_no_named_venue() -> None:
    # two attacks in one country on two days, each on a building described, not named
    for label in ("Shiite mosque", "US military base", "The market", "Kabul hospital", "Tunisian resort"):
        one = report("a", places=("Pakistan",), time="2023-05-10", trigger="attack", targets=(label,))
        two = report("b", places=("Pakistan",), time="2023-05-11", trigger="incident", targets=(label,))
        verdict = judge(one, two)
        assert not verdict.links and "place +1" in verdict.reasons and "target +1" in verdict.reasons, label
    named = report(
        "a", places=("Pakistan",), time="2023-05-10", trigger="attack", targets=("Zarnosh Mosque",)
    )
    again = dataclasses.replace(named, iri="urn:b/e1", doc="b", time="2023-05-11", trigger="incident")
    assert "place +3" in judge(named, again).reasons and judge(named, again).links


def test_a_foreign_city_its_people_are_named_beside_is_no_lone_city() -> None:
    from kg.link.places import country_votes, foreign_cities

    texts = ["Blast kills four in Quetta", "Later a bomb hit a bus in the Afghan city of Jalalabad."]
    votes = country_votes([("urn:q", "PK", "city"), ("urn:p", "PK", "city"), ("urn:j", "AF", "city")], texts)
    city = place("Jalalabad")
    assert foreign_cities((city,), (), votes) == ((city,), ())  # "Afghan" points to Afghanistan
    alone = country_votes(
        [("urn:q", "PK", "city"), ("urn:p", "PK", "city"), ("urn:j", "AF", "city")], texts[:1]
    )
    assert foreign_cities((city,), (), alone) == ((), (city,))
