"""Kinds of attack and of building in linking: the trigger points, the vetoes of other kinds on other days,
and a named building both reports name."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from kg.datafiles import read_data
from kg.gazetteer import (
    regions_named,
)
from kg.link.actors import Actor, _bears_a_name, _same_actor, _venue_kinds
from kg.link.dates import _other_days
from kg.link.words import _words

if TYPE_CHECKING:
    from kg.link.match import Report


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


def _venues(report: Report) -> frozenset[str]:
    """The kinds of building a report's targets and places name (their words, plurals folded)."""
    return _venue_kinds(tuple(x.label for x in report.targets) + tuple(p.label for p in report.places))


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


def same_named_venue(a: Report, b: Report) -> bool:
    """Both reports name the same building (:func:`_named_venues`, by name: :func:`_same_actor`): a named
    building is a place, the same one; it earns the pair the points of the same place and stands in for a
    place or a date a report lacks (the usual :data:`LINK_SCORE` suffices), as a person killed does in
    :func:`same_person_killed`. The other vetoes hold: an attack on the same hotel years apart, or of
    another kind on another day, is another attack."""
    mine = _named_venues(a)
    return bool(mine) and any(_same_actor(x, y) for x in mine for y in _named_venues(b))
