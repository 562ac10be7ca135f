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
