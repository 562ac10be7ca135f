"""Blocking: the index keys a report is filed and looked up under, so that no pair of all is compared, and the
in-memory :class:`Index` of clusters."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from kg.link.actors import Actor, _spelled, canonical_words
from kg.link.dates import Window, time_window, window
from kg.link.figures import SAME_TOLL_MIN
from kg.link.kinds import _named_venues
from kg.link.places import PAIR_CACHE
from kg.link.words import _words

if TYPE_CHECKING:
    from kg.link.clustering import Cluster
    from kg.link.match import Report


FINE_DAYS = 45


"""Date windows up to this long are indexed by day; longer ones (a year) by year."""


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
