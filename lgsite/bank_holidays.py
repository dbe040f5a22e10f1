"""The UK's bank holidays, worked out for any year without the network.

A place that is "closed on bank holidays" needs the dates, and a static site is
built offline and in CI, so the dates are computed here rather than fetched from
GOV.UK. Each nation has its own list (the Banking and Financial Dealings Act 1971,
the St Andrew's Day Bank Holiday (Scotland) Act 2007 and the NI orders):

- England and Wales: New Year's Day, Good Friday, Easter Monday, the early May,
  spring and summer (last Monday of August) bank holidays, Christmas Day and Boxing Day.
- Scotland: New Year's Day and 2 January, Good Friday (no Easter Monday), early May,
  spring, summer on the first Monday of August, St Andrew's Day, Christmas, Boxing Day.
- Northern Ireland: England and Wales's, plus St Patrick's Day and the Battle of the
  Boyne (12 July).

A holiday that falls on a Saturday or Sunday moves to the next weekday that is not
already a holiday, which is how Christmas Day and Boxing Day on a weekend become
the Monday and Tuesday, and St Andrew's Day on a weekend becomes the Monday.

What this cannot know: one-off holidays and moves proclaimed for a single year (the
2020 VE day move, the 2022 jubilee and state funeral, the 2023 coronation). They are
announced by royal proclamation, often only months ahead, and no rule predicts them;
a council gives such a day as a dated entry in its opening hours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

MONDAY, SATURDAY = 0, 5


class Nation(StrEnum):
    """The three sets of bank holidays in the UK."""

    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


def nation_of(country: str) -> Nation:
    """The bank holidays a council in `country` (council.yml's country) follows: Wales shares England's."""
    if country == "scotland":
        return Nation.SCOTLAND
    if country == "northern-ireland":
        return Nation.NORTHERN_IRELAND
    return Nation.ENGLAND_AND_WALES


@dataclass(frozen=True, order=True)
class BankHoliday:
    date: dt.date
    name: str  # as GOV.UK names it; a moved day says "(substitute day)"


def easter_sunday(year: int) -> dt.date:
    """Easter Day in the Gregorian calendar: the Sunday after the ecclesiastical full moon on or after 21 March.

    The anonymous Gregorian computus (Meeus, Jones, Butcher): the golden number
    places the year in the 19-year lunar cycle, the century terms correct the
    moon and the dropped leap years, and the rest counts forward to a Sunday.
    """
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    moon_correction = (century + 8) // 25
    lunar_correction = (century - moon_correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - lunar_correction + 15) % 30
    leap_years, year_rest = divmod(year_of_century, 4)
    to_sunday = (32 + 2 * century_rest + 2 * leap_years - epact - year_rest) % 7
    late = (golden + 11 * epact + 22 * to_sunday) // 451
    month, day = divmod(epact + to_sunday - 7 * late + 114, 31)
    return dt.date(year, month, day + 1)


def _first_monday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(MONDAY - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - MONDAY) % 7)


@lru_cache(maxsize=64)
def bank_holidays(year: int, nation: Nation) -> tuple[BankHoliday, ...]:
    """The bank holidays of `year` in `nation`, in date order, with substitute days for weekend ones."""
    easter = easter_sunday(year)
    fixed: list[tuple[dt.date, str]] = [(dt.date(year, 1, 1), "New Year's Day")]
    if nation is Nation.SCOTLAND:
        fixed.append((dt.date(year, 1, 2), "2 January"))
    if nation is Nation.NORTHERN_IRELAND:
        fixed += [(dt.date(year, 3, 17), "St Patrick's Day"),
                  (dt.date(year, 7, 12), "Battle of the Boyne (Orangemen's Day)")]
    if nation is Nation.SCOTLAND:
        fixed.append((dt.date(year, 11, 30), "St Andrew's Day"))
    fixed += [(dt.date(year, 12, 25), "Christmas Day"), (dt.date(year, 12, 26), "Boxing Day")]
    mondays = [
        (easter - dt.timedelta(days=2), "Good Friday"),
        (_first_monday(year, 5), "Early May bank holiday"),
        (_last_monday(year, 5), "Spring bank holiday"),
        (_first_monday(year, 8) if nation is Nation.SCOTLAND else _last_monday(year, 8), "Summer bank holiday"),
    ]
    if nation is not Nation.SCOTLAND:
        mondays.append((easter + dt.timedelta(days=1), "Easter Monday"))
    taken = {day for day, _ in mondays} | {day for day, _ in fixed if day.weekday() < SATURDAY}
    holidays = [BankHoliday(day, name) for day, name in mondays]
    for day, name in sorted(fixed):
        if day.weekday() < SATURDAY:
            holidays.append(BankHoliday(day, name))
            continue
        substitute = day
        while substitute.weekday() >= SATURDAY or substitute in taken:
            substitute += dt.timedelta(days=1)
        taken.add(substitute)
        holidays.append(BankHoliday(substitute, f"{name} (substitute day)"))
    return tuple(sorted(holidays))


def between(first: dt.date, last: dt.date, nation: Nation) -> list[BankHoliday]:
    """The bank holidays from `first` to `last`, both included."""
    return [holiday for year in range(first.year, last.year + 1) for holiday in bank_holidays(year, nation)
            if first <= holiday.date <= last]
