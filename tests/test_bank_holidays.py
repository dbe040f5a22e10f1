"""Bank holidays worked out offline, checked against the dates GOV.UK published for each nation.

The one-off changes (the 2020 VE day move, the 2022 jubilee and state funeral, the
2023 coronation) are proclaimed, not computed, so the years checked here avoid them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lgsite.bank_holidays import Nation, bank_holidays, between, easter_sunday, nation_of

EW, SCOTLAND, NI = Nation.ENGLAND_AND_WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND


def dates(year: int, nation: Nation) -> list[str]:
    return [holiday.date.isoformat() for holiday in bank_holidays(year, nation)]


@pytest.mark.parametrize(("year", "easter"), [
    (1818, "1818-03-22"),  # the earliest Easter can be
    (1943, "1943-04-25"),  # the latest
    (2008, "2008-03-23"),
    (2019, "2019-04-21"),
    (2024, "2024-03-31"),
    (2025, "2025-04-20"),
    (2026, "2026-04-05"),
    (2027, "2027-03-28"),
    (2038, "2038-04-25"),
])
def test_easter_sunday(year: int, easter: str) -> None:
    assert easter_sunday(year).isoformat() == easter


def test_easter_is_always_a_sunday_between_22_march_and_25_april() -> None:
    for year in range(1900, 2200):
        easter = easter_sunday(year)
        assert easter.weekday() == 6 and dt.date(year, 3, 22) <= easter <= dt.date(year, 4, 25)


@pytest.mark.parametrize(("year", "nation", "expected"), [
    pytest.param(2025, EW, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
                            "2025-12-25", "2025-12-26"], id="2025-england-and-wales"),
    # St Andrew's Day on a Sunday moves to Monday 1 December.
    pytest.param(2025, SCOTLAND, ["2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05", "2025-05-26", "2025-08-04",
                                  "2025-12-01", "2025-12-25", "2025-12-26"], id="2025-scotland"),
    # The Boyne on a Saturday moves to Monday 14 July.
    pytest.param(2025, NI, ["2025-01-01", "2025-03-17", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
                            "2025-07-14", "2025-08-25", "2025-12-25", "2025-12-26"], id="2025-northern-ireland"),
    # Boxing Day on a Saturday moves to Monday 28 December.
    pytest.param(2026, EW, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
                            "2026-12-25", "2026-12-28"], id="2026-england-and-wales"),
    # 30 November 2026 is a Monday: St Andrew's Day itself, no substitute.
    pytest.param(2026, SCOTLAND, ["2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04", "2026-05-25", "2026-08-03",
                                  "2026-11-30", "2026-12-25", "2026-12-28"], id="2026-scotland"),
    pytest.param(2026, NI, ["2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
                            "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28"], id="2026-northern-ireland"),
    # Christmas on a Saturday: Monday 27 and Tuesday 28 December.
    pytest.param(2027, EW, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
                            "2027-12-27", "2027-12-28"], id="2027-england-and-wales"),
    # 2 January on a Saturday moves to Monday 4 January.
    pytest.param(2027, SCOTLAND, ["2027-01-01", "2027-01-04", "2027-03-26", "2027-05-03", "2027-05-31", "2027-08-02",
                                  "2027-11-30", "2027-12-27", "2027-12-28"], id="2027-scotland"),
    pytest.param(2027, NI, ["2027-01-01", "2027-03-17", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
                            "2027-07-12", "2027-08-30", "2027-12-27", "2027-12-28"], id="2027-northern-ireland"),
])
def test_published_years(year: int, nation: Nation, expected: list[str]) -> None:
    assert dates(year, nation) == expected


def test_christmas_and_boxing_day_substitutes() -> None:
    # 2021: Christmas on Saturday, Boxing Day on Sunday -> Monday 27 and Tuesday 28.
    christmas_2021 = [h for h in bank_holidays(2021, EW) if h.date.month == 12]
    assert [(h.date.day, h.name) for h in christmas_2021] == [
        (27, "Christmas Day (substitute day)"), (28, "Boxing Day (substitute day)")]
    # 2022: Christmas on Sunday, Boxing Day on Monday keeps its day -> Christmas moves to Tuesday 27.
    christmas_2022 = [h for h in bank_holidays(2022, EW) if h.date.month == 12]
    assert [(h.date.day, h.name) for h in christmas_2022] == [
        (26, "Boxing Day"), (27, "Christmas Day (substitute day)")]


def test_new_year_substitutes_in_scotland() -> None:
    # 2022: 1 January a Saturday, 2 January a Sunday -> Monday 3 and Tuesday 4 January.
    assert dates(2022, SCOTLAND)[:2] == ["2022-01-03", "2022-01-04"]
    assert dates(2022, EW)[0] == "2022-01-03"  # England has no 2 January holiday to move
    # 2023: 1 January a Sunday, 2 January a Monday holds its own day -> New Year's Day moves to Tuesday 3.
    assert [(h.date.isoformat(), h.name) for h in bank_holidays(2023, SCOTLAND)[:2]] == [
        ("2023-01-02", "2 January"), ("2023-01-03", "New Year's Day (substitute day)")]


def test_every_holiday_is_a_weekday_and_no_day_is_counted_twice() -> None:
    for year in range(2000, 2100):
        for nation in Nation:
            days = [holiday.date for holiday in bank_holidays(year, nation)]
            assert all(day.weekday() < 5 and day.year == year for day in days)
            assert len(days) == len(set(days)) == {EW: 8, SCOTLAND: 9, NI: 10}[nation]


def test_nation_follows_the_council_country() -> None:
    assert nation_of("england") is EW
    assert nation_of("wales") is EW
    assert nation_of("scotland") is SCOTLAND
    assert nation_of("northern-ireland") is NI


def test_between_crosses_the_year() -> None:
    found = between(dt.date(2026, 12, 20), dt.date(2027, 1, 10), SCOTLAND)
    assert [(h.date.isoformat(), h.name) for h in found] == [
        ("2026-12-25", "Christmas Day"), ("2026-12-28", "Boxing Day (substitute day)"),
        ("2027-01-01", "New Year's Day"), ("2027-01-04", "2 January (substitute day)")]
