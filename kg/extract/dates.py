"""Dates: a DATE mention normalized to an ISO day, month or year, resolved against the publication date."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from typing import Any

from kg.extract.lexicon import load_lexicon


@functools.cache
def _table(name: str) -> Any:
    """A table of ``kg/data/dates.yaml`` (weekdays, months, relative phrases, noise words)."""
    return load_lexicon().dates[name]


@functools.cache
def weekdays() -> tuple[str, ...]:
    """Weekday names, Monday first."""
    return tuple(_table("weekdays"))


@functools.cache
def months() -> frozenset[str]:
    """Month names and their abbreviations."""
    return frozenset(_table("months"))


@functools.cache
def _noise() -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(map(re.escape, _table("noise"))) + r")\b", re.IGNORECASE)


@functools.cache
def _absolute_patterns() -> tuple[re.Pattern[str], ...]:
    """Written-out dates ("12 March 2011", "March 12, 2011", "March 2011") read without dateparser."""
    month = r"(?P<month>" + "|".join(sorted(_table("months"), key=len, reverse=True)) + r")\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>1[89]\d\d|20\d\d)"
    return (
        re.compile(rf"{day} {month} {year}"),
        re.compile(rf"{month} {day} {year}"),
        re.compile(rf"{month} {year}"),
        re.compile(rf"{day} {month}"),
        re.compile(rf"{month} {day}"),
        re.compile(year),
    )


def _weekday(words: list[str], published: date) -> str | None:
    days = weekdays()
    for word in words:
        if word in days:
            back = (published.weekday() - days.index(word)) % 7
            if "last" in words and back == 0:
                back = 7
            return (published - timedelta(days=back)).isoformat()
    return None


def _relative(text: str, published: date) -> str | None:
    for phrase, days in _table("relative_days").items():
        if phrase in text:
            return (published - timedelta(days=days)).isoformat()
    for phrase, years in _table("relative_years").items():
        if phrase in text:
            return str(published.year - years)
    for phrase, back in _table("relative_months").items():
        if phrase in text:
            month = published.month - back
            year = published.year + (month - 1) // 12
            return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
    return None


def _bare_month(words: list[str], published: date) -> str | None:
    """ "in October": the latest October not after publication."""
    numbers = _table("months")
    month = next((numbers[w] for w in words if w in numbers and w != "may"), None)
    if month is None:
        return None
    year = published.year if month <= published.month else published.year - 1
    return f"{year:04d}-{month:02d}"


def _granularity(words: list[str]) -> str:
    has_month = any(w in months() for w in words)
    has_day = any(re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w) for w in words)
    if has_month and has_day:
        return "day"
    return "month" if has_month else "year"


def _absolute(cleaned: str, published: date | None) -> date | None:
    """The day a plain written-out date names (the 1st for a month), as dateparser would read it.

    Without a year ("March 12") it is the latest such day not after ``published`` (None without it); a
    bare year is the 1st of the published month in that year (dateparser's reading).
    """
    text = " ".join(cleaned.lower().replace(",", " ").split())
    for pattern in _absolute_patterns():
        found = pattern.fullmatch(text)
        if found:
            parts = found.groupdict()
            if parts.get("year") is None or parts.get("month") is None:
                return _in_published_year(parts, published)
            try:
                return date(int(parts["year"]), _table("months")[parts["month"]], int(parts.get("day") or 1))
            except ValueError:
                return None
    return None


def _in_published_year(parts: dict[str, str | None], published: date | None) -> date | None:
    """A bare year or a day without its year, read as dateparser does (None: leave it to dateparser); with
    no publication date dateparser reads a bare year in this month."""
    if parts.get("month") is None:
        return date(int(parts["year"] or 0), (published or date.today()).month, 1)
    if published is None:
        return None
    month, day = _table("months")[parts["month"]], int(parts["day"] or 0)
    try:
        found = date(published.year, month, day)
        return found if found <= published else date(published.year - 1, month, day)
    except ValueError:  # 31 April, 29 February: dateparser's own reading
        return None


def normalize_date(text: str, published: date | None) -> str | None:
    """ISO ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` for a date phrase; None when it cannot be pinned down.

    Relative phrases ("yesterday", "on Wednesday", "last year") need ``published``; a result later
    than ``published`` is refused.
    """
    lowered = text.lower().replace(",", " ")
    words = re.findall(r"[a-z]+|\d+[a-z]*", lowered)
    if published is not None:
        resolved = _relative(lowered, published) or _weekday(words, published)
        if resolved:
            return resolved
    if not re.search(r"\d", lowered):
        return _bare_month(words, published) if published is not None else None
    years = re.findall(r"\b(1[89]\d\d|20\d\d)\b", lowered)
    if not years and published is None:
        return None
    cleaned = _noise().sub(" ", text).strip()
    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    day = _absolute(cleaned, published)
    if day is None:
        import dateparser  # 97 ms (-X importtime) and ~1 ms a call: only what _absolute cannot read

        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
        if parsed is None:
            return years[0] if years else None
        day = parsed.date()
    if published is not None and day > published:
        return None
    granularity = _granularity(words)
    if granularity == "day":
        return day.isoformat()
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return str(day.year)
