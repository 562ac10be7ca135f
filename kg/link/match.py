"""Same-incident decisions between report events, as pure functions of :class:`Report` values.

Two reports tell of the same real-world event when nothing vetoes it and their evidence adds up:

- vetoes: another event type, the same article (extraction already merged an article's own mentions),
  dates whose windows do not overlap, places that are apart (different countries, or cities more than
  :data:`NEARBY_KM` apart), casualty figures an order of magnitude apart; on two different exact days,
  attacks told as other kinds (a bombing, a shooting: :func:`kinds_apart`) or hitting buildings of no
  common kind (a church, a police station: :func:`venues_apart`); a series of attacks in cities far
  apart and one attack, or two series in other cities (:func:`series_apart`);
- evidence: the same place (3), a nearby place (2), a city in the other's country or the same country
  named by both (1; a place the gazetteer lacks is compared by name: :func:`_named_relation`); the same
  day (3), the next day (2; two exact dates 2 or 3 days apart give nothing: two attacks in one city that
  week are common), a month, an undated report around its article's date or a year (1);
  an undated report published at most :data:`RECENT_DAYS` after the other's date (2), at most
  :data:`FOLLOW_UP_DAYS` after it (1), later (0); the same toll (2),
  tolls that agree (1), a point more up to 2 when the numbers of injured agree too; a shared agent
  or target (2 when both name it, else 1), the same kind of attack (1); two different named armed groups
  (-2). Actors are compared across articles through their aliases (:func:`canonical_words`: "ISIS" is
  "Islamic State") and an acronym's initials ("BLA").

A report that names no place the gazetteer knows has its article's country (:func:`article_country`) as a
weak place: a pair it agrees with earns a point for it when the dates agree (:func:`hinted_country`).
A place or a date only a fallback rule of extraction gave (the article's country, the article's month:
:data:`GUESSED_PLACE_RULES`, :data:`GUESSED_TIME_RULES`) is no evidence here: the report is compared as one
that names no place, or no date (:attr:`Report.guessed_places`, :attr:`Report.guessed_time`); the incident
is still placed and dated by them.

A pair links at :data:`LINK_SCORE`; a report without a place, or without any date, links only on stronger
evidence (:data:`STRONG_SCORE`, with a shared actor), unless its article's country is the other's and the
dates agree (:func:`hinted_country`), it names the same armed group as a placed
report on the same or the next day (:func:`named_group_on_the_day`), gives the same toll as a placed
report of the same day (:func:`same_toll_on_the_day`) or names the same person killed
(:func:`same_person_killed`). Two reports of two different exact days that agree on nothing but the place
do not link (:func:`only_the_place_on_another_day`), nor do two that agree only on a country and a month
unless they name the same doer (:func:`only_the_country_in_the_month`). Clustering is greedy in a fixed
order (earliest article first) with complete-link vetoes: a report joins the best-scoring incident none
of whose reports vetoes it, so the same set of reports always gives the same incidents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from kg.link.actors import GROUP_KINDS, Actor, _actor_points, _same_actor
from kg.link.dates import (
    DATE_POINTS,
    _date_points,
    _other_days,
    window,
)
from kg.link.figures import SAME_TOLL_MIN, _figures_points
from kg.link.kinds import _trigger_points, kinds_apart, same_named_venue, venues_apart
from kg.link.places import PLACE_POINTS, Place, _place_points, series_apart

LINK_SCORE = 5


STRONG_SCORE = 7


@dataclass(frozen=True, slots=True)
class Report:
    """One report event, as linking sees it."""

    iri: str
    doc: str
    key: str
    type: str
    published: date | None = None
    source: str | None = None
    time: str | None = None
    trigger: str = ""
    places: tuple[Place, ...] = ()
    agents: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    killed: int | None = None
    injured: int | None = None
    qualifiers: tuple[tuple[str, str], ...] = ()  # (measure, qualifier) of approximate figures
    approximate: bool = False
    claims: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``(reaction IRI, agent IRIs)`` of each claim of responsibility about the report, by reaction IRI."""
    accusations: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()
    """``(reaction IRI, agent IRIs, target IRIs)`` of each accusation about the report, by reaction IRI."""
    article_country: str | None = None
    """The country of the report's article (:func:`article_country`): a weak place for a report that
    names no place the gazetteer knows (:func:`hinted_country`)."""
    guessed_places: tuple[Place, ...] = ()
    """Places only a fallback rule gave (:data:`GUESSED_PLACE_RULES`: the article's country for a main
    attack the text places nowhere): shown as the incident's place, never compared (:attr:`places` are
    the places the text states)."""
    guessed_time: str | None = None
    """A date only a fallback rule gave (:data:`GUESSED_TIME_RULES`: the month the article appeared):
    shown, never compared; :attr:`time` is then None and the report is undated for linking."""

    @property
    def order(self) -> tuple[date, str, str]:
        """Earliest article first, then by article id and event number: the order reports are linked in."""
        number = int(self.key[1:]) if self.key[1:].isdigit() else 0
        return (self.published or date.max, self.doc, f"{number:09d}{self.key}")

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(p.country for p in self.places if p.country)

    @property
    def hint(self) -> str | None:
        """:attr:`article_country` when the report states no place the gazetteer knows, else None."""
        return None if self.countries else self.article_country

    @property
    def shown_places(self) -> tuple[Place, ...]:
        """The places stated and guessed: what the incident is placed by (not what links it)."""
        return (*self.places, *self.guessed_places)

    @property
    def shown_time(self) -> str | None:
        """The date stated, else the guessed one: what the incident is dated by (not what links it)."""
        return self.time or self.guessed_time


GUESSED_PLACE_RULES = frozenset(["location.article_country"])


"""Rules that place a main attack the text places nowhere by what the article is about (its country): the
place of most reports an article tells, not evidence that two reports tell one attack. Linking treats a
place only such a rule gave as no place: the report keeps :attr:`Report.hint`, the weak country
:func:`hinted_country` uses."""


GUESSED_TIME_RULES = frozenset(["time.reported_month"])


"""Rules that date a main attack the text dates nowhere by its article's month: linking treats the report as
undated (its window ends on its article's day, :data:`UNDATED_DAYS` before it), not as told of that month."""


def split_guessed(
    places: Iterable[Place], time: str | None, place_rules: dict[str, set[str]], time_rules: set[str]
) -> tuple[tuple[Place, ...], tuple[Place, ...], str | None, str | None]:
    """``(places, guessed places, time, guessed time)`` of a report, from the rules its facts were read by
    (``place_rules``: place IRI → rules; ``time_rules``: the rules of its date): a value is guessed when
    every rule that gave it is a fallback (:data:`GUESSED_PLACE_RULES`, :data:`GUESSED_TIME_RULES`)."""
    stated: list[Place] = []
    guessed: list[Place] = []
    for place in places:
        rules = place_rules.get(place.iri)
        (guessed if rules and rules <= GUESSED_PLACE_RULES else stated).append(place)
    if time is not None and time_rules and time_rules <= GUESSED_TIME_RULES:
        return tuple(stated), tuple(guessed), None, time
    return tuple(stated), tuple(guessed), time, None


def _weak(a: Report, b: Report) -> bool:
    """A pair one of whose reports has no place or no date: it links only on strong evidence."""
    return not a.places or not b.places or window(a) is None or window(b) is None


def may_link(a: Report, b: Report) -> bool:
    """False when ``a`` and ``b`` cannot link whatever their other evidence: a weak pair (:func:`_weak`)
    without a shared actor. A cheap test before :func:`judge`."""
    if not _weak(a, b):
        return True
    if same_toll_on_the_day(a, b) or _may_link_in_the_country(a, b) or same_named_venue(a, b):
        return True
    return _actor_points(a.agents, b.agents, 2, 1) + _actor_points(a.targets, b.targets, 2, 1) >= 2


@dataclass(frozen=True)
class Verdict:
    """The score of a pair, ``veto`` naming what rules the pair out, and whether the evidence links it."""

    score: int
    veto: str | None = None
    reasons: tuple[str, ...] = field(default=())
    links: bool = False


def judge(a: Report, b: Report) -> Verdict:
    """Whether ``a`` and ``b`` tell of the same real-world event, with the reasons."""
    if a.type != b.type:
        return Verdict(0, "type")
    if a.doc == b.doc:
        return Verdict(0, "same article")
    when = _date_points(a, b)
    if when is None:
        return Verdict(0, "dates apart")
    place = _place_points(a, b)
    if place is None:
        return Verdict(0, "places apart")
    venue = place < PLACE_POINTS["same"] and same_named_venue(a, b)
    place = PLACE_POINTS["same"] if venue else place
    figures = _figures_points(a, b)
    if figures is None:
        return Verdict(0, "figures apart")
    if kinds_apart(a, b):
        return Verdict(0, "kinds apart")
    if venues_apart(a, b):
        return Verdict(0, "venues apart")
    if series_apart(a, b):
        return Verdict(0, "series apart")
    agents = _actor_points(a.agents, b.agents, 2, 1)
    groups_a = [x for x in a.agents if x.named and x.kind == "Group"]
    groups_b = [x for x in b.agents if x.named and x.kind == "Group"]
    apart = groups_a and groups_b and not any(_same_actor(x, y) for x in groups_a for y in groups_b)
    conflict = -2 if apart else 0
    targets = _actor_points(a.targets, b.targets, 2, 1)
    trigger = _trigger_points(a, b)
    hinted = not place and when >= DATE_POINTS["close"] and figures + trigger > 0 and hinted_country(a, b)
    # an agreeing toll or kind of attack, not only an actor: a group strikes often in its country
    country = PLACE_POINTS["within"] if hinted else 0
    score = place + country + when + figures + agents + conflict + targets + trigger
    reasons = tuple(
        f"{name} {points:+d}"
        for name, points in (
            ("place", place),
            ("article country", country),
            ("date", when),
            ("figures", figures),
            ("agent", agents + conflict),
            ("target", targets),
            ("trigger", trigger),
        )
        if points
    )
    if (
        not _weak(a, b)
        or named_group_on_the_day(a, b, when)
        or same_toll_on_the_day(a, b)
        or same_person_killed(a, b)
        or hinted
        or venue
    ):
        links = score >= LINK_SCORE
    else:
        links = score >= STRONG_SCORE and agents + targets >= 2
    if links and only_the_place_on_another_day(a, b, figures + agents + targets + trigger):
        links = False
    if links and only_the_country_in_the_month(place, when, agents) and not same_person_killed(a, b):
        links = False
    return Verdict(score, None, reasons, links)


def only_the_country_in_the_month(place: int, when: int, agents: int) -> bool:
    """The places agree at most as a country or region does (:data:`PLACE_POINTS` ``within``: a city and
    its country, two cities of a region, places the gazetteer cannot compare, a report that names no
    place), the dates only loosely
    (:data:`DATE_POINTS` ``loose``: a month, a year, an undated report published up to
    :data:`FOLLOW_UP_DAYS` later) and the reports name no doer in common (``agents``: the points of a
    shared agent, 2 when it is named): what any two attacks in one country in one month share, so a
    toll, a target or the kind of attack do not make them one. A shared named agent does ("the 2017
    attack on parliament" by Islamic State, recalled years later), as does a person killed named by
    both (:func:`same_person_killed`)."""
    return place <= PLACE_POINTS["within"] and when <= DATE_POINTS["loose"] and agents < 2


def only_the_place_on_another_day(a: Report, b: Report, other_points: int) -> bool:
    """Two reports that date the attack to two different exact days and agree on nothing but the place
    (``other_points``: no toll, actor or kind of attack in common): two attacks in one city on two days
    are common (a bombing in a capital and another the next day), so the place and the day next to it
    do not link them alone."""
    return other_points <= 0 and _other_days(a, b)


def _may_link_in_the_country(a: Report, b: Report) -> bool:
    """What :func:`judge` needs of a pair before :func:`hinted_country` can link it: dates that agree (the
    same or the next day) and an agreeing toll or kind of attack (cheap tests first)."""
    if not (_trigger_points(a, b) or (_figures_points(a, b) or 0) > 0):
        return False
    return (_date_points(a, b) or 0) >= DATE_POINTS["close"] and hinted_country(a, b)


def hinted_country(a: Report, b: Report) -> bool:
    """One report names no place the gazetteer knows (none at all, or only places it lacks: a venue, a
    misspelt town) and its article's country (:attr:`Report.hint`) is a country the other report's
    places lie in, or the other's article country when it names no known place either. Such a country
    is a weak place: in :func:`judge` it earns the pair the points of a place ``within`` it, and the
    usual :data:`LINK_SCORE` suffices, only when the dates agree (the same or the next day, or an undated
    report published within :data:`RECENT_DAYS` of the other's date: :data:`DATE_POINTS` ``close``) and
    the tolls or the kinds of attack agree: a shared group alone is not enough (a group's attacks in one
    country are many; "the militia has raided villages for years" tells of none of them). It never
    vetoes (an article about one country recalls attacks elsewhere)."""
    if a.countries and b.countries:
        return False
    mine = a.countries or ({a.hint} if a.hint else set())
    theirs = b.countries or ({b.hint} if b.hint else set())
    return not mine.isdisjoint(theirs)


def named_group_on_the_day(a: Report, b: Report, date_points: int) -> bool:
    """A report without a place and a placed one, both dated, that name the same group (:data:`GROUP_KINDS`,
    by name: :func:`_same_actor`) as agent and put the attack on the same or the next day (date points
    ``close`` or more, :data:`DATE_POINTS`): the usual :data:`LINK_SCORE` suffices, the group's name and
    the day standing in for the place. A report with no date, or two without a place, still need
    :data:`STRONG_SCORE`."""
    if window(a) is None or window(b) is None or bool(a.places) == bool(b.places):
        return False
    if date_points < DATE_POINTS["close"]:
        return False
    groups_a = [x for x in a.agents if x.named and x.kind in GROUP_KINDS]
    return any(_same_actor(x, y) for x in groups_a for y in b.agents if y.named and y.kind in GROUP_KINDS)


def same_toll_on_the_day(a: Report, b: Report) -> bool:
    """A report without a place and a placed one that put the attack on the same exact day and give the
    same death toll, of at least :data:`SAME_TOLL_MIN`: the usual :data:`LINK_SCORE` suffices (the day and
    the toll earn it alone), the toll standing in for the place, as a group's name does in
    :func:`named_group_on_the_day`. Two reports without a place, an undated one, another day, another
    toll (a toll rises as reports come in: a close one is not enough here) or a small one still need
    :data:`STRONG_SCORE` with a shared actor."""
    if bool(a.places) == bool(b.places) or a.killed is None or a.killed != b.killed:
        return False
    wa, wb = window(a), window(b)
    return (
        a.killed >= SAME_TOLL_MIN
        and wa is not None
        and wb is not None
        and wa.grain == wb.grain == "day"
        and wa.first == wb.first
    )


def same_person_killed(a: Report, b: Report) -> bool:
    """Both reports give a death toll and name the same person (an entity of kind ``Person``, by name:
    :func:`_same_actor`) among the targets: a person is killed once, so the name stands in for a place
    or a date the report lacks and the usual :data:`LINK_SCORE` suffices (a governor shot dead at home, a
    journalist killed in a riot, told by a report that names neither the town nor the day). An attack
    that killed nobody (a person may be attacked again) or a target that is not a person still needs
    :data:`STRONG_SCORE`."""
    if not a.killed or not b.killed:
        return False
    people = [x for x in a.targets if x.kind == "Person" and x.named]
    return any(_same_actor(x, y) for x in people for y in b.targets if y.kind == "Person" and y.named)
