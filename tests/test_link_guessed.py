"""Linking and the values only a fallback rule gave: the article's country as a main attack's place, the
article's month as its date (``kg.link.match.GUESSED_PLACE_RULES``, ``GUESSED_TIME_RULES``)."""

from __future__ import annotations

import dataclasses
from datetime import date

from kg.link import incident_id, relink
from kg.link.actors import Actor
from kg.link.dates import window
from kg.link.match import Report, judge, split_guessed
from kg.link.reports import read_reports, reports_of
from kg.model import Article, Event, Evidence, Extraction, Fact, Support
from tests.test_link import IRAN, IS, KERMAN, incidents, place, store, write  # noqa: F401  (store: the fixture)

GUESSED_PLACE = "location.article_country"
GUESSED_TIME = "time.reported_month"


def _extraction(doc: str, published: date, roles: dict, fields: dict, rules: dict[str, str]) -> Extraction:
    """One attack whose place and date facts were read by the given rules (role value → rule id)."""
    sentence = "A bomb went off near a bus stop and killed four."
    evidence = Evidence(doc, sentence, 0, len(sentence), 0.8, "t")
    facts = []
    for role, entities in roles.items():
        for e in entities:
            facts.append(Fact(role, e.key, Support(rules.get(e.key, "location.attached"), sentence, 0, 6)))
    if fields.get("time"):
        rule = rules.get(fields["time"], "time.attached")
        facts.append(Fact("time", fields["time"], Support(rule, sentence, 0, 6)))
    event = Event("e1", "Attack", "bomb", evidence, roles, facts=tuple(facts), **fields)
    return Extraction(
        Article(doc, f"Report {doc}", sentence, published=published, source="Wire"), (), (event,)
    )


def test_a_guessed_place_and_month_are_kept_apart_from_the_stated_ones(store) -> None:  # noqa: F811
    ex = _extraction(
        "guessed",
        date(2024, 1, 20),
        {"location": (KERMAN, IRAN), "agent": (IS,)},
        {"time": "2024-01", "killed": 4},
        {"iran": GUESSED_PLACE, "2024-01": GUESSED_TIME},
    )
    (made,) = reports_of(ex)
    assert [p.label for p in made.places] == ["Kerman"]
    assert [p.label for p in made.guessed_places] == ["Iran"]
    assert made.time is None and made.guessed_time == "2024-01"
    assert window(made).grain == "published"  # undated for linking: it ends on its article's day
    assert [p.label for p in made.shown_places] == ["Kerman", "Iran"] and made.shown_time == "2024-01"
    write(store, [ex])
    assert read_reports(store, [made.iri]) == {made.iri: made}  # the store gives the rules back
    relink(store, ["guessed"])
    assert incident_id(made).startswith("kerman-2024-01-")  # the incident is still placed and dated
    assert incidents(store)["guessed"].startswith("kerman-2024-01-")


def test_a_value_a_stated_rule_also_gave_is_stated() -> None:
    iran = place("Iran")
    both = {iran.iri: {GUESSED_PLACE, "location.attached"}}
    assert split_guessed([iran], "2024-01", both, {"time.attached"}) == ((iran,), (), "2024-01", None)
    only = {iran.iri: {GUESSED_PLACE}}
    assert split_guessed([iran], "2024-01", only, {GUESSED_TIME}) == ((), (iran,), None, "2024-01")


def _report(doc: str, **fields) -> Report:
    defaults = {"published": date(2018, 7, 30), "trigger": "attack", "killed": 4}
    return Report(f"urn:{doc}/e1", doc, "e1", "Attack", **{**defaults, **fields})


ISLAMIC_STATE = Actor("urn:islamic-state", "Islamic State", "Group")


def test_a_guessed_country_elsewhere_does_not_veto_a_stated_place() -> None:
    """An article about a neighbour ("Iran" most named) told of an attack it places nowhere: its guessed
    country is not where the attack was, and no veto against the report that names the town."""
    town = _report("town", places=(place("Kerman"),), time="2018-07-29", agents=(ISLAMIC_STATE,))
    nigeria = place("Kano")
    guessed = _report("guessed", guessed_places=(nigeria,), time="2018-07-29", agents=(ISLAMIC_STATE,))
    assert judge(town, guessed).links
    stated = dataclasses.replace(guessed, places=(nigeria,), guessed_places=())
    assert judge(town, stated).veto == "places apart"


def test_a_guessed_country_earns_no_place_point() -> None:
    """Two bombings of one evening in one country, one placed in a town, the other only by its article's
    country: the day and a close toll do not make them one without a place stated."""
    town = _report("town", places=(place("Kerman"),), time="2024-01-03", killed=1, trigger="bombing")
    guessed = _report("guessed", guessed_places=(place("Iran"),), time="2024-01-03", trigger="bombing")
    assert not judge(town, guessed).links
    stated = dataclasses.replace(guessed, places=guessed.guessed_places, guessed_places=())
    assert judge(town, stated).links  # as a stated place, the country was a point


def test_a_guessed_month_is_no_date_for_linking() -> None:
    """The month an article appeared in dates nothing: a report published four weeks after an attack in
    its city earns no date point for it, as an undated report would not."""
    day = _report(
        "day", places=(place("Kerman"),), time="2024-01-03", published=date(2024, 1, 4), killed=None
    )
    month = _report("month", places=(place("Kerman"),), guessed_time="2024-01", published=date(2024, 1, 29))
    month = dataclasses.replace(month, killed=None)
    assert not judge(day, month).links
    stated = dataclasses.replace(month, time="2024-01", guessed_time=None)
    assert judge(day, stated).links
