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

import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache

from kg.datafiles import read_data
from kg.gazetteer import (
    REGION_DESIGNATIONS,
    capital_country,
    country_code,
    is_country,
    lookup_place,
    regions_named,
)

WINDOW_DAYS = 3
"""Reports of one event may date it this many days apart (a late-night attack, a time zone, a slip)."""
UNDATED_DAYS = 30
"""A report that gives no date tells of something at most this many days before its article appeared
(most often the news of the day, sometimes a recent attack recalled: see :data:`RECENT_DAYS`)."""
RECENT_DAYS = 3
FOLLOW_UP_DAYS = 14
"""An undated report published up to this many days after a dated one may be a follow-up of it (a
point); one published later, though still within :data:`UNDATED_DAYS`, earns no date point: a city
sees other attacks within a month."""
"""An undated report and a dated one agree well when the date is at most this many days before the
undated report's article: the news it tells."""
NEARBY_KM = 40.0
"""Cities closer than this are one place for linking (a suburb, a town named for its district)."""
LINK_SCORE = 5
STRONG_SCORE = 7
FINE_DAYS = 45
"""Date windows up to this long are indexed by day; longer ones (a year) by year."""

GENERIC_WORDS = frozenset(
    [
        "attack",
        "attacks",
        "attacker",
        "attackers",
        "assailant",
        "assailants",
        "gunman",
        "gunmen",
        "militant",
        "militants",
        "bomber",
        "bombers",
        "suicide",
        "insurgent",
        "insurgents",
        "rebel",
        "rebels",
        "fighter",
        "fighters",
        "terrorist",
        "terrorists",
        "unknown",
        "men",
        "man",
        "group",
        "groups",
        "people",
        "forces",
        "force",
        "troops",
        "soldiers",
        "police",
        "security",
        "officials",
        "official",
        "authorities",
    ]
)


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Place:
    """A place a report names: its entity IRI and what the gazetteer knows of it."""

    iri: str
    label: str
    geonames: int | None = None
    feature: str | None = None  # "country", "city", or None when the gazetteer does not know it
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Actor:
    iri: str
    label: str
    kind: str = ""

    @property
    def named(self) -> bool:
        """A proper name ("Islamic State", "Boko Haram"), not a description ("gunmen", "suicide bombers")."""
        words = [w for w in _words(self.label) if w not in {"the", "of", "and"}]
        return bool(words) and any(c.isupper() for c in self.label) and not set(words) <= GENERIC_WORDS

    @property
    def counted(self) -> bool:
        """A number of people of a kind ("two children", "12 soldiers"): how many were hit, not who, so
        no evidence that two reports tell one incident (their tolls are compared apart)."""
        first = next(iter(_words(self.label)), "")
        return not self.named and (first.isdigit() or first in _number_words())


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


def article_country(places: Iterable[tuple[str, str, str | None]], texts: Iterable[str] = ()) -> str | None:
    """The country an article tells of: the one with the most votes (:func:`country_votes`; a tie: none)."""
    return top_country(country_votes(places, texts))


@dataclass(frozen=True)
class CountryVotes:
    """What an article says of countries (:func:`country_votes`): ``votes`` for each, and ``named``, the
    countries whose capital or people its texts name ("Moscow", "Kyiv", "Afghan": no vote, a capital
    speaks for its government as often as of a place)."""

    votes: Counter[str] = field(default_factory=Counter)
    named: frozenset[str] = frozenset()


def country_votes(places: Iterable[tuple[str, str, str | None]], texts: Iterable[str] = ()) -> CountryVotes:
    """The votes of an article for each country: its gazetteer places, ``(entity IRI, country code,
    feature)`` each, give one vote each to their country (a city named twice is one place; a country
    entity gives none by itself), and every country name written in ``texts`` (its headline and its
    events' sentences) one vote: "a depot was shelled near the border with Chad" tells of Chad though
    no place of Chad is an event's place. The capitals the texts name make ``named``."""
    votes: Counter[str] = Counter()
    named: set[str] = set()
    seen: set[str] = set()
    for node, country, feature in places:
        if feature != "country" and node not in seen:
            seen.add(node)
            votes[country] += 1
    for text in texts:
        votes.update(_country_names(text))
        named.update(_capital_countries(text))
    return CountryVotes(votes, frozenset(named))


@lru_cache(maxsize=4096)
def _capital_countries(text: str) -> frozenset[str]:
    """The country of each capital named in ``text`` ("Moscow" → RU), and of each people's adjective
    (:func:`_demonym_code`: "the Afghan city of Jalalabad" points to Afghanistan)."""
    found = set()
    for match in _CAPITALIZED.finditer(text):
        words = match.group(0).split()
        found.update(code for w in words if (code := _demonym_code(w.strip(".,'’-"))))
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                name = capital_country(" ".join(words[i:j]).strip(".,'’-"))
                code = country_code(name) if name else None
                if code:
                    found.add(code)
    return frozenset(found)


@cache
def _demonym_code(word: str) -> str | None:
    """The country code of a people's adjective (``kg/data/aliases.yaml``: its ``demonyms``, or one cut
    back to a country the gazetteer knows by its ``demonym_endings``: "Afghan", "Kenyan")."""
    table = read_data("aliases.yaml")
    name = table.get("demonyms", {}).get(word)
    if name is None and word.isalpha() and word.lower().endswith(tuple(table.get("demonym_endings", ()))):
        stems = (word[:-cut] + add for cut, add in table.get("demonym_stems", ()))
        name = next((stem for stem in stems if len(stem) >= 4 and is_country(stem)), None)
    return country_code(name) if name else None


def top_country(found: CountryVotes) -> str | None:
    """The country with the most votes, None for none or a tie."""
    if not found.votes:
        return None
    (top, most), *rest = sorted(found.votes.items(), key=lambda item: (-item[1], item[0]))
    return sys.intern(top) if not rest or rest[0][1] < most else None


def _lone(place: Place, found: CountryVotes) -> bool:
    """A city, not a capital, of a country with no vote but its own and whose capital its article does not
    name (:func:`foreign_cities`)."""
    country = place.country or ""
    lone = place.feature == "city" and found.votes[country] <= 1 and country not in found.named
    return lone and capital_country(place.label) is None


def foreign_cities(
    places: tuple[Place, ...], guessed: tuple[Place, ...], votes: CountryVotes
) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """``(places, guessed places)`` of a report with every lone foreign city moved to the guessed ones: a
    gazetteer city, not a capital, of a country that nothing else in its article points to (its own vote
    is the only one of :func:`country_votes`: no other place of that country, neither its name nor its
    capital written)
    while the article tells of another country (:func:`top_country`). A capital is left: it is the city
    named abroad without its country ("a blast in Kabul"). Such a city is most often a name the gazetteer
    knows only abroad ("Pagani" in Italy for a village of Kenya's coast, "Palma" in Spain for the town of
    Mozambique): it is shown as the incident's place, never compared, as a fallback's
    place is, and the report links as one that names no place, in its article's country
    (:attr:`Report.hint`)."""
    country = top_country(votes)
    if country is None:
        return places, guessed
    lone = tuple(p for p in places if p.country not in (None, country) and _lone(p, votes))
    if not lone:
        return places, guessed
    return tuple(p for p in places if p not in lone), (*guessed, *lone)


_CAPITALIZED = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*){0,2}")


@lru_cache(maxsize=4096)
def _country_names(text: str) -> tuple[str, ...]:
    """The country of each country name written in ``text`` ("Pakistan", "the United States", "Sri
    Lanka"; :func:`kg.gazetteer.country_code`), longest run of capitalized words first; codes and
    abbreviations of three letters or fewer ("US", "IS") are not read (an acronym of a group is often one)."""
    found: list[str] = []
    for match in _CAPITALIZED.finditer(text):
        words = match.group(0).split()
        i = 0
        while i < len(words):
            for size in range(len(words) - i, 0, -1):
                name = " ".join(words[i : i + size]).strip(".,'’-")
                code = country_code(name) if len(name.replace(".", "")) > 3 else None
                if code is not None:
                    found.append(code)
                    i += size
                    break
            else:
                i += 1
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Window:
    """The days a report's event may have happened on, and how the report gave its date."""

    first: date
    last: date
    grain: str  # "day", "month", "year", "published" (undated: its article's date)

    def overlaps(self, other: Window) -> bool:
        return self.first <= other.last and other.first <= self.last


@cache
def _words(text: str) -> tuple[str, ...]:
    """The case-folded words of ``text`` (remembered: labels and triggers repeat across many pairs)."""
    return tuple(re.findall(r"[\w']+", unicodedata.normalize("NFKC", text).casefold()))


def window(report: Report) -> Window | None:
    """When the event may have happened: its own date (± :data:`WINDOW_DAYS`), else before its article."""
    return time_window(report.time, report.published)


@cache
def time_window(time: str | None, published: date | None) -> Window | None:
    """The days a date string (``2024``, ``2024-01``, ``2024-01-03``) may stand for, widened by
    :data:`WINDOW_DAYS`; with no date, the days before ``published``; ``None`` for neither or a bad date."""
    pad = timedelta(days=WINDOW_DAYS)
    if time:
        parts = [int(p) for p in time.split("-")]
        try:
            if len(parts) == 3:
                day = date(*parts)
                return Window(day - pad, day + pad, "day")
            if len(parts) == 2:
                first = date(parts[0], parts[1], 1)
                last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                return Window(first - pad, last + pad, "month")
            return Window(date(parts[0], 1, 1), date(parts[0], 12, 31), "year")
        except ValueError:
            return None
    if published is not None:
        return Window(published - timedelta(days=UNDATED_DAYS), published, "published")
    return None


# --- blocking ------------------------------------------------------------------------------------


def _weeks(w: Window) -> Iterable[str]:
    """The ISO weeks the window touches (``2024-W01``): a 7-day window touches one or two."""
    day, seen = w.first, set()
    while day <= w.last + timedelta(days=6):
        year, week, _ = min(day, w.last).isocalendar()
        if (year, week) not in seen:
            seen.add((year, week))
            yield f"{year}-W{week:02d}"
        day += timedelta(days=7)


def _years(w: Window) -> range:
    return range(w.first.year, w.last.year + 1)


def block_keys(report: Report) -> tuple[frozenset[str], frozenset[str]]:
    """``(stored, lookup)`` index keys: a report is compared only with reports whose stored keys its
    lookup keys name (and the other way round), so there is no comparison of all pairs.

    Few keys are stored (each is a triple), more are looked up (each is a value in one query). A report
    with a short date window (at most :data:`FINE_DAYS`) is stored under its country and the ISO week
    its window ends in, and under ``*`` and that week (``?`` and the week when it has no place); it looks
    up its country and ``?`` (``*`` and ``?`` when it has no place) with every week from its window's
    first day to :data:`FINE_DAYS` after its last: any report whose window overlaps it ends in one of
    those weeks. A year-dated report is stored under its country and year (``cc|y2017``), which
    short-window reports of that year look up, and itself looks up its country with every week of the
    year. A place the gazetteer does not know is a key of its own with each year of the window
    (``@port el kantaoui|2015``). A short-window report that names no place the gazetteer knows is also
    stored under, and looks up, its article's country (:attr:`Report.hint`) as a placed report would:
    :func:`hinted_country` pairs meet without a shared actor.
    """
    return frozenset(stored_keys(report)), frozenset(lookup_keys(report))


def stored_keys(report: Report) -> tuple[str, ...]:
    """The stored half of :func:`block_keys`, sorted, each key string interned (many reports share one):
    what an index holds per report."""
    return _stored_keys(
        report.time, report.published, _countries(report), _unknown_places(report), report.hint
    )


def lookup_keys(report: Report) -> frozenset[str]:
    """The lookup half of :func:`block_keys` (computed when needed, never held: a dozen or more keys)."""
    w = window(report)
    countries = _countries(report)
    if w is None:
        return frozenset(f"{cc}|undated" for cc in countries)
    lookup = {f"@{label}|{y}" for label in _unknown_places(report) for y in _years(w)}
    reach = list(_weeks(Window(w.first, w.last + timedelta(days=FINE_DAYS), w.grain)))
    years = [f"y{y}" for y in _years(w)]
    if (w.last - w.first).days <= FINE_DAYS:
        if countries:
            lookup.update(f"{cc}|{week}" for cc in (*countries, "?") for week in reach)
            lookup.update(f"{cc}|{year}" for cc in countries for year in years)
        else:
            lookup.update(f"{cc}|{week}" for cc in ("*", "?") for week in reach)
            if report.hint:  # hinted_country: the placed and hinted reports of its article's country
                lookup.update(f"{report.hint}|{week}" for week in reach)
    elif countries:
        lookup.update(f"{cc}|{key}" for cc in countries for key in (*reach, *years))
    return frozenset(lookup)


def _countries(report: Report) -> tuple[str, ...]:
    return tuple(sorted(report.countries))


def _unknown_places(report: Report) -> tuple[str, ...]:
    """The words of each place the gazetteer does not know (a key of its own)."""
    return tuple(sorted({" ".join(_words(p.label)) for p in report.places if p.country is None} - {""}))


@cache
def _stored_keys(
    time: str | None,
    published: date | None,
    countries: tuple[str, ...],
    unknown: tuple[str, ...],
    hint: str | None = None,
) -> tuple[str, ...]:
    w = time_window(time, published)
    if w is None:
        return tuple(sys.intern(f"{cc}|undated") for cc in countries)
    stored = {f"@{label}|{y}" for label in unknown for y in _years(w)}
    if (w.last - w.first).days <= FINE_DAYS:
        (anchor,) = _weeks(Window(w.last, w.last, w.grain))
        if countries:
            stored.update(f"{cc}|{anchor}" for cc in (*countries, "*"))
        else:
            stored.add(f"?|{anchor}")
            if hint:
                stored.add(f"{hint}|{anchor}")
    elif countries:
        years = [f"y{y}" for y in _years(w)]
        stored.update(f"{cc}|{year}" for cc in countries for year in years)
    return tuple(sys.intern(key) for key in sorted(stored))


def memory_keys(report: Report) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(filed, looked up)`` keys of the in-memory index (:class:`Index`): :func:`block_keys` with every
    short window's weeks made exact. A report of a short window (at most :data:`FINE_DAYS`) is filed
    under each ISO week its window touches (not only the one it ends in) and looks up the weeks its own
    window touches (not :data:`FINE_DAYS` beyond it): two windows that overlap share a day, so a week,
    and every pair the block keys let meet whose windows overlap still meets; the pairs left out are
    those :func:`judge` would veto as "dates apart", so the incidents are the same. The keys of
    year-dated, undated and unknown-place reports are their block keys. A report of an exact day with a
    toll of at least :data:`SAME_TOLL_MIN` is also filed under and looks up that day and toll
    (``#2016-09-18|17``: :func:`same_toll_on_the_day`; the store's block keys ``*|…`` and ``?|…`` hold
    those pairs already). Remembered by date, place and toll."""
    return _memory_keys(
        report.time, report.published, _countries(report), _unknown_places(report), _toll(report), report.hint
    )


def _toll(report: Report) -> int | None:
    return report.killed if report.killed is not None and report.killed >= SAME_TOLL_MIN else None


@cache
def _memory_keys(
    time: str | None,
    published: date | None,
    countries: tuple[str, ...],
    unknown: tuple[str, ...],
    toll: int | None = None,
    hint: str | None = None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    w = time_window(time, published)
    if w is None:
        keys = tuple(sys.intern(f"{cc}|undated") for cc in countries)
        return keys, keys
    filed = {f"@{label}|{y}" for label in unknown for y in _years(w)}
    lookup = set(filed)
    weeks = list(_weeks(w))
    years = [f"y{y}" for y in _years(w)]
    if (w.last - w.first).days <= FINE_DAYS:
        if countries:
            filed.update(f"{cc}|{week}" for cc in (*countries, "*") for week in weeks)
            lookup.update(f"{cc}|{week}" for cc in (*countries, "?") for week in weeks)
            lookup.update(f"{cc}|{year}" for cc in countries for year in years)
        else:
            filed.update(f"?|{week}" for week in weeks)
            lookup.update(f"{cc}|{week}" for cc in ("*", "?") for week in weeks)
            if hint:
                filed.update(f"{hint}|{week}" for week in weeks)
                lookup.update(f"{hint}|{week}" for week in weeks)
    elif countries:
        filed.update(f"{cc}|{year}" for cc in countries for year in years)
        lookup.update(f"{cc}|{key}" for cc in countries for key in (*weeks, *years))
    if toll is not None and w.grain == "day":  # same_toll_on_the_day: a placed and an unplaced report meet
        filed.add(f"#{w.first.isoformat()}|{toll}")
        lookup.add(f"#{w.first.isoformat()}|{toll}")
    return tuple(sys.intern(k) for k in sorted(filed)), tuple(sys.intern(k) for k in sorted(lookup))


# --- pairwise decision ---------------------------------------------------------------------------


def _distance_km(a: Place, b: Place) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


PAIR_CACHE = 32_768
"""Answers remembered for pairs of places or names (:func:`place_relation`, :func:`_same_names`): pairs grow
with the square of the names a build meets, so the least recently asked are forgotten past this many."""


@lru_cache(maxsize=PAIR_CACHE)
def place_relation(a: Place, b: Place) -> str:
    """``same``, ``near``, ``within`` (one lies in the other), ``apart`` or ``unknown``. One country named
    by both is ``within``, not ``same``: a country holds every attack of its month, so naming it says no
    more than a city of it does; so is one area named by both (:func:`_area`: a region, a district)."""
    same = a.iri == b.iri or (a.geonames is not None and a.geonames == b.geonames)
    if same or _words(a.label) == _words(b.label):
        return "within" if "country" in (a.feature, b.feature) or _area(a) or _area(b) else "same"
    if a.country is None or b.country is None:  # one the gazetteer does not know: by name, or as a region
        named = _named_relation(_place_words(a.label), _place_words(b.label))
        if named == "same" and (_area(a) or _area(b)):
            return "within"
        return named if named != "unknown" else _region_relation(a, b)
    if a.country != b.country:
        return "apart"
    if "country" in (a.feature, b.feature) or not {a.feature, b.feature} <= POINT_FEATURES:
        return "within"  # a country, or a region, province or district: it holds a city of its country
    distance = _distance_km(a, b)
    if distance is not None:
        return "near" if distance <= NEARBY_KM else "apart"
    return "within" if None in (a.feature, b.feature) else "apart"


def _area(place: Place) -> bool:
    """A place that is an area, not a point: a region, province or district the gazetteer gives (a feature
    other than a city), or a name it lacks that says it is one ("Musanze district", "Balochistan
    province": :data:`kg.gazetteer.REGION_DESIGNATIONS`). Two reports naming the same area agree as a city
    and its country do (``within``): an area holds many attacks a week."""
    if place.feature not in POINT_FEATURES:
        return True
    return place.country is None and any(w in REGION_DESIGNATIONS for w in _words(place.label))


def _place_words(label: str) -> tuple[str, ...]:
    """The words of a place name without "the" and the designations of a region (the gazetteer's
    :data:`kg.gazetteer.REGION_DESIGNATIONS`: "Balochistan province" is Balochistan)."""
    words = tuple(w for w in _words(label) if w not in REGION_DESIGNATIONS and w != "the")
    return words or _words(label)


def _named_relation(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """Two place names of which at least one the gazetteer does not know: ``same`` when their words are
    (region designations left out: "Balochistan province" is Balochistan), ``within`` when one name's
    words run inside the other's (a place named for the place it is in or at: "Peshawar Pakistan",
    "Hilton Abuja", "northeast Nigeria"), else ``unknown``."""
    if not a or not b:
        return "unknown"
    if a == b:
        return "same"
    short, long = (a, b) if len(a) < len(b) else (b, a)
    inside = any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))
    return "within" if inside else "unknown"


def _region_relation(a: Place, b: Place) -> str:
    """``within`` when one place is no gazetteer place but a first-level region's name
    (:func:`kg.gazetteer.regions_named`: "Balochistan", "Lamu County") of the other's country: the region
    holds the other's city, as a country does. Else ``unknown``: a region of another country is no veto
    (a name may be a region abroad and a town here), and two regions of one country are not one place;
    but a name that says it is a region ("Balochistan province", "Borno State": :func:`_area`) is no town,
    so when every region so called lies in other countries than the other place's, the two are ``apart``."""
    known, other = (a, b) if a.country else (b, a)
    if known.country is None:
        return "unknown"
    countries = {region[0] for region in regions_named(other.label)}
    if known.country in countries:
        return "within"
    return "apart" if countries and _area(other) else "unknown"


POINT_FEATURES = frozenset(["city", None])
"""Kinds of place compared by distance (a city, or a place of a country the gazetteer knows no more of);
a place of any other kind the gazetteer gives (a region, a province, a district: an area, its point only
a centroid) is ``within`` every city of its country, as the country itself is: Balochistan and Quetta are
not "apart" because Balochistan's centroid is 200 km from Quetta."""


PLACE_POINTS = {"same": 3, "near": 2, "within": 1, "unknown": 0}
DATE_POINTS = {"same": 3, "close": 2, "loose": 1}


def _place_points(a: Report, b: Report) -> int | None:
    """Points for the best pair of places; None (a veto) when every known pair is apart."""
    if not a.places or not b.places:
        return 0
    relations = [place_relation(p, q) for p in a.places for q in b.places]
    compatible = [PLACE_POINTS[r] for r in relations if r != "apart"]
    return max(compatible) if compatible else None


def _day(w: Window) -> date:
    return w.first + timedelta(days=WINDOW_DAYS)


def _date_points(a: Report, b: Report) -> int | None:
    wa, wb = window(a), window(b)
    if wa is None or wb is None:
        return 0
    if not wa.overlaps(wb):
        return None
    grains = {wa.grain, wb.grain}
    if grains == {"day"}:
        gap = abs((wa.first - wb.first).days)
        return DATE_POINTS["same"] if gap == 0 else DATE_POINTS["close"] if gap == 1 else 0
    if grains == {"day", "published"}:
        dated, undated = (wa, wb) if wa.grain == "day" else (wb, wa)
        before = (undated.last - _day(dated)).days
        if 0 <= before <= RECENT_DAYS:
            return DATE_POINTS["close"]
        return DATE_POINTS["loose"] if before <= FOLLOW_UP_DAYS else 0
    if grains == {"published"}:
        return DATE_POINTS["loose"] if abs((wa.last - wb.last).days) <= RECENT_DAYS else 0
    return DATE_POINTS["loose"]


def _spelled(text: str) -> list[str]:
    """Words as written, dots dropped ("U.S." → "US"), without "the"."""
    words = re.findall(r"[\w']+", unicodedata.normalize("NFKC", text).replace(".", ""))
    return [w for w in words if w.casefold() != "the"]


@cache
def _aliases() -> tuple[dict[tuple[str, ...], tuple[str, ...]], frozenset[str]]:
    """The words of every surface form in ``kg/data/aliases.yaml`` → the words of its canonical name
    ("isis" → "islamic state", "ansar allah" → "houthis"), and the forms written in capitals ("IS",
    "US"), which stand for their name only in capitals (or, from four letters, capitalized: "Isis")."""
    table = read_data("aliases.yaml").get("entities", {})
    forms: dict[tuple[str, ...], tuple[str, ...]] = {}
    acronyms: set[str] = set()
    for canonical, entry in table.items():
        name = tuple(w.casefold() for w in _spelled(canonical))
        for form in (canonical, *entry.get("aliases", ())):
            words = tuple(w.casefold() for w in _spelled(form))
            if words:
                forms.setdefault(words, name)
            if len(words) == 1 and _spelled(form)[0].isupper():
                acronyms.add(words[0])
    return forms, frozenset(acronyms)


def _as_acronym(word: str) -> bool:
    return word.isupper() or (len(word) >= 4 and word[0].isupper() and word[1:].islower())


@cache
def canonical_words(label: str) -> tuple[str, ...]:
    """The words of an actor's label with every known alias in it spelled as its canonical name
    (longest form first): "ISIS-K" → ``islamic state k``, "the ISIL group" → ``islamic state``,
    "U.S. forces" → ``united states forces``; "us" stays a word."""
    spelled = _spelled(label)
    words = [w.casefold() for w in spelled]
    table, acronyms = _aliases()
    longest = max((len(form) for form in table), default=0)
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            name = table.get(tuple(words[i : i + size]))
            if size == 1 and words[i] in acronyms and not _as_acronym(spelled[i]):
                name = None
            if name is not None:
                out.extend(name)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


@lru_cache(maxsize=PAIR_CACHE)
def _initials_of(acronym: str, name: str) -> bool:
    """``acronym`` (one word in capitals, 2 to 6 letters) is the initials of ``name``'s capitalized words:
    "BLA" of "Baloch Liberation Army", "TRF" of "The Resistance Front"."""
    letters = acronym.replace(".", "").strip()
    if not re.fullmatch(r"[A-Z]{2,6}", letters):
        return False
    words = re.findall(r"[\w']+", unicodedata.normalize("NFKC", name))
    capitals = [w for w in words if w[0].isupper()]
    if len(capitals) != len(letters) or len(capitals) < len(
        [w for w in words if w.casefold() not in _LINKING]
    ):
        return False
    return "".join(w[0] for w in capitals) == letters


_LINKING = frozenset(["of", "and", "the", "for", "in"])


def _same_actor(a: Actor, b: Actor) -> bool:
    return _same_names(a.iri, a.label, b.iri, b.label)


@lru_cache(maxsize=PAIR_CACHE)
def _same_names(iri_a: str, label_a: str, iri_b: str, label_b: str) -> bool:
    """The same entity, or one label's words (aliases spelled canonically) run inside the other's:
    "Islamic State" and "Islamic State Khorasan", "ISIS" and "Islamic State" (across articles)."""
    if iri_a == iri_b or _initials_of(label_a, label_b) or _initials_of(label_b, label_a):
        return True
    wa, wb = canonical_words(label_a), canonical_words(label_b)
    if not wa or not wb:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


@cache
def _number_words() -> frozenset[str]:
    """The number words of ``kg/data/numbers.yaml`` ("two", "dozens"): the first word of a counted group."""
    return frozenset(str(w) for w in read_data("numbers.yaml").get("words", {}))


def _actor_points(mine: Sequence[Actor], theirs: Sequence[Actor], weight_named: int, weight: int) -> int:
    """Points for an actor two reports share: ``weight_named`` if both reports name it ("Kerch Bridge" and
    "Kerch Strait bridge"), else ``weight`` (a name and a description inside it: "Kerch Bridge" and "bridge",
    which any bridge is); a counted group (:attr:`Actor.counted`) is no shared actor. The same points
    whichever report comes first."""
    best = 0
    for x in mine:
        if x.counted:
            continue
        for y in theirs:
            if not y.counted and _same_actor(x, y):
                best = max(best, weight_named if _names(x) and _names(y) else weight)
                if best == weight_named:
                    return best
    return best


@cache
def _names(actor: Actor) -> bool:
    """The actor is named (:attr:`Actor.named`) and, when it is a building (its last word one of
    :data:`VENUE_KINDS`), bears a name of its own (:func:`_bears_a_name`): "Shiite mosque" or "Kabul
    hospital" is a description, which many buildings of a country fit."""
    if not actor.named:
        return False
    words = _words(actor.label)
    return not (len(words) >= 2 and _venue_kinds(words[-1:])) or _bears_a_name(actor.label)


def _figures_points(a: Report, b: Report) -> int | None:
    """The points of the death tolls (:func:`_toll_points`: 2 the same, 1 agreeing, None an order of
    magnitude apart, a veto), and a point more, up to 2, when the numbers of injured agree too: a second
    figure that agrees. The injured alone never veto (their count varies more as reports come in)."""
    killed = _toll_points(a.killed, b.killed)
    if killed is None or killed >= 2:
        return killed
    return killed + int(bool(_toll_points(a.injured, b.injured)))


def _toll_points(x: int | None, y: int | None) -> int | None:
    """2 for the same figure (5 or more), 1 for figures that agree (a toll rises as reports come in)."""
    if x is None or y is None:
        return 0
    low, high = sorted((x, y))
    if low == high and low >= 5:
        return 2
    if high - low <= 3 or low >= 0.5 * high:
        return 1
    if high >= 10 and low < 0.1 * high:
        return None
    return 0


@cache
def _attack_kinds() -> dict[str, frozenset[str]]:
    """Trigger word → the kinds of attack it tells (``kg/data/cues.yaml``: blast → bombing)."""
    table = read_data("cues.yaml").get("attack_kinds", {})
    kinds: dict[str, set[str]] = {}
    for kind, forms in table.items():
        for form in forms:
            kinds.setdefault(form, set()).add(kind)
    return {form: frozenset(k) for form, k in kinds.items()}


@cache
def _kinds(trigger: str) -> frozenset[str]:
    words = _words(trigger)
    if not words:
        return frozenset()
    return _attack_kinds().get(words[-1], frozenset({words[-1].removesuffix("s")}))


def _trigger_points(a: Report, b: Report) -> int:
    """1 when both triggers tell the same kind of attack ("bombings", "blast")."""
    return int(bool(_kinds(a.trigger) & _kinds(b.trigger)))


VENUE_KINDS: dict[str, frozenset[str]] = {
    kind: frozenset(words.split())
    for kind, words in {
        "church": "church cathedral chapel basilica",
        "mosque": "mosque",
        "synagogue": "synagogue",
        "temple": "temple shrine pagoda",
        "hotel": "hotel resort",
        "market": "market marketplace bazaar",
        "shop": "mall shop store supermarket",
        "restaurant": "restaurant cafe bar club nightclub",
        "hall": "hall theatre theater cinema",
        "stadium": "stadium arena",
        "school": "school academy college university",
        "hospital": "hospital clinic",
        "embassy": "embassy consulate",
        "military": "base camp barracks outpost post checkpoint",
        "court": "court courthouse",
        "prison": "prison jail",
        "station": "station terminal",
        "airport": "airport airfield",
        "bank": "bank",
        "factory": "factory plant refinery",
        "home": "home house",
        "cemetery": "cemetery graveyard",
    }.items()
}
"""Kinds of building an attack hits, by the nouns that name one (those of ``venue_nouns`` in
``kg/data/cues.yaml`` that name one kind of building, with their near synonyms: a cathedral is a
church, a café a restaurant, a terminal a station). An office, a building, a
compound or headquarters could be of any kind and are left out, as are vehicles, gatherings and open
ground (a bus, a wedding, a beach)."""


def _venues(report: Report) -> frozenset[str]:
    """The kinds of building a report's targets and places name (their words, plurals folded)."""
    return _venue_kinds(tuple(x.label for x in report.targets) + tuple(p.label for p in report.places))


@cache
def _venue_kinds(labels: tuple[str, ...]) -> frozenset[str]:
    kinds: set[str] = set()
    for label in labels:
        for word in _words(label):
            for form in (word, word.removesuffix("s"), word.removesuffix("es")):
                kinds.update(k for k, words in VENUE_KINDS.items() if form in words)
    return frozenset(kinds)


def _other_days(a: Report, b: Report) -> bool:
    """Both reports give an exact day, and not the same one."""
    wa, wb = window(a), window(b)
    return wa is not None and wb is not None and wa.grain == wb.grain == "day" and wa.first != wb.first


@cache
def _known_kinds(trigger: str) -> frozenset[str]:
    words = _words(trigger)
    return _attack_kinds().get(words[-1], frozenset()) if words else frozenset()


def kinds_apart(a: Report, b: Report) -> bool:
    """Two attacks on different days, one told as one kind (a bombing), the other as another (a
    shooting): two attacks. On one day they may be one complex attack (gunmen and a bomb)."""
    if not _other_days(a, b):
        return False
    ka, kb = _known_kinds(a.trigger), _known_kinds(b.trigger)
    return bool(ka) and bool(kb) and not ka & kb


def venues_apart(a: Report, b: Report) -> bool:
    """Two attacks on different days that hit buildings of no common kind (a church, then a police
    station): two attacks. On one day they may be one attack on several sites."""
    if not _other_days(a, b):
        return False
    va, vb = _venues(a), _venues(b)
    return bool(va) and bool(vb) and not va & vb


def spread(report: Report) -> bool:
    """The report names two cities of one country more than :data:`NEARBY_KM` apart ("bombings in Hua Hin,
    Phuket and Surat Thani", "attacks in Ankara and Istanbul"): a series of attacks, or two told as one."""
    cities = _cities(report)
    return any(
        p.country == q.country and place_relation(p, q) == "apart"
        for i, p in enumerate(cities)
        for q in cities[i + 1 :]
    )


def series_apart(a: Report, b: Report) -> bool:
    """One report tells of attacks in cities far apart (:func:`spread`), the other of one place: a series and
    one of its attacks, or another attack in one of its cities; either way not one incident. Two reports
    of the same series both spread and name the same cities (each near one of the other's)."""
    if spread(a) != spread(b):
        return True
    if not spread(a):
        return False
    ca, cb = _cities(a), _cities(b)
    return any(all(place_relation(p, q) == "apart" for q in cb) for p in ca) or any(
        all(place_relation(q, p) == "apart" for p in ca) for q in cb
    )


def _cities(report: Report) -> list[Place]:
    return [p for p in report.places if p.feature == "city" and p.country]


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


def _named_venues(report: Report) -> tuple[Actor, ...]:
    """The named buildings a report's targets and places name: a name of two words or more whose last
    word is a building of a kind (:data:`VENUE_KINDS`: "Intercontinental hotel", "Grand Mosque") and
    that bears a name of its own (:func:`_bears_a_name`: not "Kabul airport", "a Shiite mosque"), not a
    first-level region so called ("West Bank")."""
    return _named_venues_of(tuple(x.label for x in report.targets) + tuple(p.label for p in report.places))


@cache
def _named_venues_of(labels: tuple[str, ...]) -> tuple[Actor, ...]:
    found = []
    for label in labels:
        words = _words(label)
        actor = Actor(label, label)
        venue = len(words) >= 2 and actor.named and _venue_kinds((words[-1],))
        if venue and not regions_named(label) and _bears_a_name(label):
            found.append(actor)
    return tuple(found)


def _bears_a_name(label: str) -> bool:
    """A building's label (its kind the last word) has a capitalized word of a name of its own before its
    kind: not only a place the gazetteer knows ("Kabul airport", "Gaza City hospital": where it is, which
    the places weigh already), a people or a faith (:func:`_people_word`: "Indian army base", "a Shiite
    mosque": whose it is; a country has many) or a word of :data:`GENERIC_WORDS` ("The", "Police")."""
    words = [w.removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’.-]+", label)][:-1]
    i = 0
    while i < len(words):
        if not words[i][:1].isupper():
            i += 1
            continue
        for size in range(len(words) - i, 0, -1):
            run = " ".join(words[i : i + size]).strip(".")
            if lookup_place(run) is not None or country_code(run) is not None:
                i += size
                break
        else:
            word = words[i]
            if word.casefold() not in _NOT_NAMES and not _people_word(word):
                return True
            i += 1
    return False


_NOT_NAMES = GENERIC_WORDS | {"the", "of", "and", "a", "an", "city", "town", "village"}
"""Capitalized words of no name of a building ("The", "Police", the "City" of "Gaza City hospital")."""


@cache
def _people_word(word: str) -> bool:
    """A people's or a faith's adjective (``kg/data/aliases.yaml``: its ``demonyms`` and ``creeds``, and
    an adjective cut back to a country the gazetteer knows by its ``demonym_endings``: "Tunisian")."""
    return word in read_data("aliases.yaml").get("creeds", ()) or _demonym_code(word) is not None


def same_named_venue(a: Report, b: Report) -> bool:
    """Both reports name the same building (:func:`_named_venues`, by name: :func:`_same_actor`): a named
    building is a place, the same one; it earns the pair the points of the same place and stands in for a
    place or a date a report lacks (the usual :data:`LINK_SCORE` suffices), as a person killed does in
    :func:`same_person_killed`. The other vetoes hold: an attack on the same hotel years apart, or of
    another kind on another day, is another attack."""
    mine = _named_venues(a)
    return bool(mine) and any(_same_actor(x, y) for x in mine for y in _named_venues(b))


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


SAME_TOLL_MIN = 5
"""The least death toll that, given the same by two reports of the same day, stands in for a place
(:func:`same_toll_on_the_day`); the same bound as the figures' "same toll" points."""


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


GROUP_KINDS = frozenset(["Organization", "Group"])
"""Entity kinds of an armed group's name ("Islamic State" is an organization, "Taliban" too); a country as
agent (a state's strikes: many a day) or a person is not one."""


# --- clustering ----------------------------------------------------------------------------------


@dataclass
class Cluster:
    """Reports judged to be one incident (mutable while linking).

    ``stored`` is the incident IRI the store holds these reports under and ``stored_reports`` the
    reports it holds there (``None`` and empty for an incident not written yet): what must be taken out
    of the store when the cluster changes. ``exact``: the store holds exactly the quads these reports
    give (this process wrote them), so a change writes only the quads that differ.
    """

    reports: list[Report]
    stored: str | None = None
    stored_reports: tuple[str, ...] = ()  # sorted (a tuple is a quarter of a frozenset's size)
    exact: bool = False

    @property
    def first(self) -> Report:
        return min(self.reports, key=lambda r: r.order)

    @property
    def changed(self) -> bool:
        return self.stored is None or self.stored_reports != tuple(sorted(r.iri for r in self.reports))


def best_cluster(report: Report, candidates: Iterable[Cluster]) -> Cluster | None:
    """The candidate with the best-scoring linked report and no report that vetoes ``report``."""
    ranked = linking_clusters(report, candidates)
    return ranked[0] if ranked else None


def linking_clusters(report: Report, candidates: Iterable[Cluster]) -> list[Cluster]:
    """The candidates ``report`` may join: one of their reports links it and none vetoes it; the best
    first (the best-scoring linked report, then the earliest incident)."""
    found: list[tuple[int, tuple, Cluster]] = []
    for cluster in candidates:
        if not any(may_link(report, other) for other in cluster.reports):
            continue  # no report of it could link: no need to look for a veto
        verdicts = [judge(report, other) for other in cluster.reports]
        if any(v.veto for v in verdicts) or not any(v.links for v in verdicts):
            continue
        found.append((-max(v.score for v in verdicts if v.links), cluster.first.order, cluster))
    return [cluster for *_, cluster in sorted(found, key=lambda item: item[:2])]


def mergeable(one: Cluster, other: Cluster) -> bool:
    """No report of ``one`` vetoes a report of ``other`` (:func:`judge`): a report that links both may
    make them one incident (:func:`assign`)."""
    return not any(judge(a, b).veto for a in one.reports for b in other.reports)


def actor_tokens(report: Report) -> frozenset[str]:
    """What any actor sharing one with a report's agents or targets (:func:`_same_actor`) shares with it:
    each actor's IRI, its words and its canonical words (:func:`canonical_words`: "ISIS" has
    ``islamic``, ``state``), and the initials of its capitalized words ("Baloch Liberation Army" has
    ``bla``, the word of "BLA"); and those of the named buildings among its places (:func:`_named_venues`:
    :func:`same_named_venue` pairs meet as pairs sharing an actor do)."""
    venues = tuple((x.iri, x.label) for x in _named_venues(report) if x.label not in _labels(report.targets))
    return _actor_tokens(tuple((x.iri, x.label) for x in (*report.agents, *report.targets)) + venues)


def _labels(actors: Iterable[Actor]) -> frozenset[str]:
    return frozenset(x.label for x in actors)


@cache
def _actor_tokens(actors: tuple[tuple[str, str], ...]) -> frozenset[str]:
    tokens: set[str] = set()
    for node, label in actors:
        tokens.add(node)
        words = {*canonical_words(label), *(w.casefold() for w in _spelled(label))}
        tokens.update(words - _TOKEN_STOP or words)  # one word of a label inside another is not "a"
        capitals = [w for w in re.findall(r"[\w']+", unicodedata.normalize("NFKC", label)) if w[0].isupper()]
        if 2 <= len(capitals) <= 6:
            tokens.add("".join(w[0] for w in capitals).casefold())
    return frozenset(tokens)


_TOKEN_STOP = frozenset(["a", "an", "of", "and", "in", "for", "on", "at", "to", "by"])


def weak_key(key: str) -> bool:
    """A block key every pair met under is weak (:func:`_weak`): ``?|…``, where reports without a place
    are stored, and ``*|…``, where reports without a place look up placed ones."""
    return key[:2] in ("?|", "*|")


class Index:
    """Clusters by block key: where a report's candidates are looked up (no comparison of all pairs).

    A report's keys are computed when they are needed (:func:`stored_keys` remembers them by date and
    place, not by report); a cluster can be taken out again (:meth:`remove`), so one index can be kept up
    to date across incremental additions and removals. A report meets only clusters of its own event
    type. Under a weak key (:func:`weak_key`) a pair links only with a shared actor (:func:`may_link`),
    so there a cluster is filed by the key and each of its reports' :func:`actor_tokens`, and a report
    meets only the clusters one of whose reports shares a token with it: a report without a place is not
    compared with every report of every country in its weeks.

    What it holds per report is its place in one bucket per stored key (a list of clusters, under an
    interned key); where a cluster is filed is computed again from its reports when it is taken out.
    """

    def __init__(self) -> None:
        self.by_key: dict[str, list[Cluster]] = {}
        self.weak: dict[str, dict[str, list[Cluster]]] = {}  # type + weak key → actor token → clusters

    @staticmethod
    def keys(report: Report) -> tuple[frozenset[str], frozenset[str]]:
        """``(stored, lookup)`` block keys of ``report`` (:func:`block_keys`)."""
        return frozenset(stored_keys(report)), lookup_keys(report)

    def _filed(self, report: Report, keys: Iterable[str]) -> Iterable[tuple[dict, str, str]]:
        """``(table, key, typed key)`` of each in-memory bucket of a report's keys: each key with its
        event type (reports of two types never link) in ``by_key``, and under a weak key each of its
        actor tokens in that key's table of ``weak``."""
        tokens = None
        for key, typed in zip(keys, _typed(report.type, keys), strict=True):
            if not weak_key(key):
                yield self.by_key, typed, typed
                continue
            tokens = actor_tokens(report) if tokens is None else tokens
            table = self.weak.get(typed)
            if table is None:
                table = self.weak[sys.intern(typed)] = {}
            for token in tokens:
                yield table, token, typed

    def add(self, cluster: Cluster, report: Report, *, first: bool = False) -> None:
        """File ``cluster`` under ``report``'s keys (once each). ``first``: the report is the cluster's
        first, so no bucket holds the cluster yet (a report's keys and tokens are distinct): none is
        searched for it."""
        for table, key, _ in self._filed(report, memory_keys(report)[0]):
            bucket = table.get(key)
            if bucket is None:
                table[sys.intern(key)] = [cluster]
            elif first or (bucket[-1] is not cluster and not any(held is cluster for held in bucket)):
                bucket.append(cluster)

    def remove(self, cluster: Cluster) -> None:
        """Take ``cluster`` out from under every key one of its reports filed it under."""
        filed = {
            (typed, key): table
            for r in cluster.reports
            for table, key, typed in self._filed(r, memory_keys(r)[0])
        }
        for (typed, key), table in filed.items():
            bucket = table.get(key)
            if bucket is not None:
                bucket[:] = [held for held in bucket if held is not cluster]
                if not bucket:
                    del table[key]
            if table is not self.by_key and not table:
                self.weak.pop(typed, None)

    def candidates(self, report: Report) -> list[Cluster]:
        seen: dict[int, Cluster] = {}
        tokens = None
        keys = memory_keys(report)[1]
        for key, typed in zip(keys, _typed(report.type, keys), strict=True):
            if not weak_key(key):
                found = self.by_key.get(typed, ())
            else:
                table = self.weak.get(typed)
                if not table:
                    continue
                tokens = actor_tokens(report) if tokens is None else tokens
                found = [c for token in tokens for c in table.get(token, ())]
            for cluster in found:
                seen.setdefault(id(cluster), cluster)
        return list(seen.values())

    def clusters(self) -> Iterable[Cluster]:
        """Every cluster filed (each once)."""
        seen: dict[int, Cluster] = {}
        for bucket in [*self.by_key.values(), *(b for t in self.weak.values() for b in t.values())]:
            for cluster in bucket:
                seen.setdefault(id(cluster), cluster)
        return seen.values()


@lru_cache(maxsize=PAIR_CACHE)
def _typed(event_type: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """Each index key with its event type (:meth:`Index._filed`), made once per type and key set (many
    reports share a date and a country, so their keys)."""
    return tuple(sys.intern(f"{event_type}\0{key}") for key in keys)


def assign(
    reports: Iterable[Report],
    clusters: list[Cluster],
    index: Index | None = None,
    merged: list[Cluster] | None = None,
) -> list[Cluster]:
    """Add ``reports`` (earliest first) to ``clusters`` in place, opening new ones; returns the clusters
    that received a report (each once, in the order they first did).

    A report joins the best incident it may join (:func:`linking_clusters`); every other one it may join
    whose reports none of that incident's veto (:func:`mergeable`) is merged into it: the report tells
    that the two are one (two reports of one attack that shared too little, and a third that agrees with
    each). A merged incident leaves ``clusters`` and the index, and is appended to ``merged``.
    """
    if index is None:
        index = Index()
        for cluster in clusters:
            for member in cluster.reports:
                index.add(cluster, member)
    joined: dict[int, Cluster] = {}
    for report in sorted(reports, key=lambda r: r.order):
        ranked = linking_clusters(report, index.candidates(report))
        opened = not ranked
        if opened:
            chosen = Cluster([])
            clusters.append(chosen)
        else:
            chosen = ranked[0]
            for other in ranked[1:]:
                if not mergeable(chosen, other):
                    continue
                index.remove(other)
                chosen.reports.extend(other.reports)
                for member in other.reports:
                    index.add(chosen, member)
                clusters[:] = [c for c in clusters if c is not other]
                joined.pop(id(other), None)
                if merged is not None:
                    merged.append(other)
        chosen.reports.append(report)
        index.add(chosen, report, first=opened)
        joined.setdefault(id(chosen), chosen)
    return list(joined.values())


def cluster(reports: Iterable[Report]) -> list[Cluster]:
    """The incidents of a set of reports, from scratch: the same set always gives the same clusters."""
    clusters: list[Cluster] = []
    assign(reports, clusters)
    return clusters
