"""Casualty figures in linking: the points (or the veto) of two death tolls and the numbers of injured."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.link.match import Report


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


SAME_TOLL_MIN = 5


"""The least death toll that, given the same by two reports of the same day, stands in for a place
(:func:`same_toll_on_the_day`); the same bound as the figures' "same toll" points."""
