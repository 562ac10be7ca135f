"""Date phrases → ISO day, month or year, resolved against the publication date (no spaCy needed)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import normalize_date

THURSDAY = date(2031, 5, 8)  # a Thursday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("2019", "2019"),
        ("in 2019", "2019"),
        ("March 2028", "2028-03"),
        ("3 March 2028", "2028-03-03"),
        ("Mar. 3, 2028", "2028-03-03"),
        ("on Wednesday", "2031-05-07"),
        ("Thursday", "2031-05-08"),
        ("early Monday", "2031-05-05"),
        ("last Thursday", "2031-05-01"),
        ("yesterday", "2031-05-07"),
        ("last year", "2030"),
        ("April 30", "2031-04-30"),
        ("in October", "2030-10"),
        ("Jun.", "2030-06"),
        ("March", "2031-03"),
    ],
)
def test_dates_resolve_against_publication(phrase: str, expected: str) -> None:
    assert normalize_date(phrase, THURSDAY) == expected


@pytest.mark.parametrize("phrase", ["yesterday", "on Wednesday", "April 30", "last year"])
def test_relative_dates_need_a_publication_date(phrase: str) -> None:
    assert normalize_date(phrase, None) is None


def test_absolute_dates_need_no_publication_date() -> None:
    assert normalize_date("June 2015", None) == "2015-06"
    assert normalize_date("1998", None) == "1998"


def test_never_later_than_publication() -> None:
    assert normalize_date("December 2031", THURSDAY) is None


def test_non_dates_give_nothing() -> None:
    assert normalize_date("the anniversary", THURSDAY) is None


@pytest.mark.parametrize(
    "phrase", ["2019", "2031", "2032", "Oct. 10", "15 June", "May 8", "May 9", "December 31", "Sept. 1st"]
)
def test_bare_years_and_days_read_without_dateparser(phrase: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bare year or a day without its year is read as dateparser reads it, without calling it."""
    import dateparser

    expected = normalize_date(phrase, THURSDAY)
    monkeypatch.setattr(dateparser, "parse", lambda *a, **k: pytest.fail("dateparser called"))
    assert normalize_date(phrase, THURSDAY) == expected
    assert (normalize_date("May 8", THURSDAY), normalize_date("May 9", THURSDAY)) == (
        "2031-05-08",
        "2030-05-09",
    )
    assert (normalize_date("2031", THURSDAY), normalize_date("2032", THURSDAY)) == ("2031", None)
    assert normalize_date("in 1998", None) == "1998"


def test_fast_readings_agree_with_dateparser() -> None:
    """The days :func:`kg.extract.dates._absolute` reads without dateparser are the days dateparser reads."""
    from datetime import datetime

    import dateparser

    from kg.extract.dates import _absolute

    for published in (THURSDAY, date(2024, 2, 29), date(2019, 12, 31), date(2022, 1, 1)):
        base = datetime(published.year, published.month, published.day)
        settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": base}
        phrases = [
            f"{m} {d}" for m in ("Jan.", "February", "May", "Sept.", "December") for d in (1, 8, 29, 31)
        ]
        phrases += [f"{d} {m}" for m in ("March", "oct") for d in (1, 9, 30)] + [
            "1999",
            "2019",
            "2024",
            "2025",
        ]
        for phrase in phrases:
            fast = _absolute(phrase, published)
            if fast is not None:
                assert fast == dateparser.parse(phrase, languages=["en"], settings=settings).date(), phrase
    for year in ("1998", "2019", "2040"):  # no publication date: dateparser's day is in this month
        settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
        assert _absolute(year, None) == dateparser.parse(year, languages=["en"], settings=settings).date()
