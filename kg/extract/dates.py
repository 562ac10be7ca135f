"""Dates: a DATE mention normalized to an ISO day, month or year, resolved against the publication date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
NOISE = re.compile(
    r"\b(early|late|on|in|during|since|the|of|morning|afternoon|evening|night|midmorning|"
    r"overnight|midday|noon)\b",
    re.IGNORECASE,
)
RELATIVE_DAY = {"today": 0, "tonight": 0, "yesterday": 1}
RELATIVE_YEAR = {"this year": 0, "last year": 1, "a year ago": 1}
RELATIVE_MONTH = {"this month": 0, "last month": 1}
MONTH_NUMBERS = {name: n for n, name in enumerate(MONTHS[:12], start=1)}
MONTH_NUMBERS |= {name[:3]: n for name, n in MONTH_NUMBERS.items()} | {"sept": 9}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
ABSOLUTE = (
    re.compile(rf"{_DAY} {_MONTH} {_YEAR}"),
    re.compile(rf"{_MONTH} {_DAY} {_YEAR}"),
    re.compile(rf"{_MONTH} {_YEAR}"),
)
"""Written-out dates ("12 March 2011", "March 12, 2011", "March 2011") read without dateparser."""


def _weekday(words: list[str], published: date) -> str | None:
    for word in words:
        if word in WEEKDAYS:
            back = (published.weekday() - WEEKDAYS.index(word)) % 7
            if "last" in words and back == 0:
                back = 7
            return (published - timedelta(days=back)).isoformat()
    return None


def _relative(text: str, published: date) -> str | None:
    for phrase, days in RELATIVE_DAY.items():
        if phrase in text:
            return (published - timedelta(days=days)).isoformat()
    for phrase, years in RELATIVE_YEAR.items():
        if phrase in text:
            return str(published.year - years)
    for phrase, months in RELATIVE_MONTH.items():
        if phrase in text:
            month = published.month - months
            year = published.year + (month - 1) // 12
            return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
    return None


def _bare_month(words: list[str], published: date) -> str | None:
    """ "in October": the latest October not after publication."""
    month = next((MONTH_NUMBERS[w] for w in words if w in MONTH_NUMBERS and w != "may"), None)
    if month is None:
        return None
    year = published.year if month <= published.month else published.year - 1
    return f"{year:04d}-{month:02d}"


def _granularity(words: list[str]) -> str:
    has_month = any(w in MONTHS for w in words)
    has_day = any(re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w) for w in words)
    if has_month and has_day:
        return "day"
    return "month" if has_month else "year"


def _absolute(cleaned: str) -> date | None:
    """The day a plain written-out date names (the 1st for a month), as dateparser would read it."""
    text = " ".join(cleaned.lower().replace(",", " ").split())
    for pattern in ABSOLUTE:
        found = pattern.fullmatch(text)
        if found:
            parts = found.groupdict()
            try:
                return date(int(parts["year"]), MONTH_NUMBERS[parts["month"]], int(parts.get("day") or 1))
            except ValueError:
                return None
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
    cleaned = NOISE.sub(" ", text).strip()
    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    day = _absolute(cleaned)
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
