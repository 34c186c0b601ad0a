"""Dates as pages write them; an impossible date is passed over, not raised."""

import datetime

import pytest

from articles.cleaning.dates import find_date, parse_iso_date, without_dates


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 2024-03-04", datetime.date(2024, 3, 4)),
        ("2024/3/4 | World", datetime.date(2024, 3, 4)),
        ("4th March, 2024", datetime.date(2024, 3, 4)),
        ("Sept. 4, 2024", datetime.date(2024, 9, 4)),
        ("2024-02-30, then 2024-02-28", datetime.date(2024, 2, 28)),
        ("No date here", None),
    ],
)
def test_find_date(line, expected):
    assert find_date(line) == expected


def test_without_dates_leaves_what_surrounds_the_date():
    assert without_dates("Updated: 5 June 2023 | Share").split() == ["|", "Share"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-03-05T10:00:00Z", datetime.date(2024, 3, 5)), ("March", None), (None, None)],
)
def test_parse_iso_date(value, expected):
    assert parse_iso_date(value) == expected
