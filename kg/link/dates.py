"""Dates in linking: the days a report's event may have happened on, and the points two dates earn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.link.match import Report


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


@dataclass(frozen=True, slots=True)
class Window:
    """The days a report's event may have happened on, and how the report gave its date."""

    first: date
    last: date
    grain: str  # "day", "month", "year", "published" (undated: its article's date)

    def overlaps(self, other: Window) -> bool:
        return self.first <= other.last and other.first <= self.last


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


DATE_POINTS = {"same": 3, "close": 2, "loose": 1}


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


def _other_days(a: Report, b: Report) -> bool:
    """Both reports give an exact day, and not the same one."""
    wa, wb = window(a), window(b)
    return wa is not None and wb is not None and wa.grain == wb.grain == "day" and wa.first != wb.first
