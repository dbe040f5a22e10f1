"""Opening hours: front matter entries turned into days and times people and machines can read.

A directory entry gives its hours as a list like

    - {days: [Mo-Fr], opens: "09:00", closes: "17:00"}
    - {days: [Sa], opens: "09:00", closes: "13:00"}
    - {date: 2026-12-25, closed: true}
    - closed: bank-holidays
    - note: Last entry is 30 minutes before closing.

`closed: bank-holidays` closes the place on the bank holidays of the council's
nation (`bank_holidays.py`), worked out when the site is built; a date given
with its own hours wins over it. A note is plain text shown beside the table,
for what a table cannot say.

The schema checks each entry's shape and reads it into an `Entry` (times as
minutes after midnight, the date as a `date`), then calls `parse`, which puts them into
one week (Monday first) plus the dates that differ, and from that makes the rows
of the table residents read, the schema.org OpeningHoursSpecification search
engines read, and the data the "open now" script reads. One model for all three
keeps them from disagreeing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from . import bank_holidays
from .bank_holidays import Nation
from .errors import LgsiteError
from .ui_strings import DEFAULT, format_date, format_time, ui_text, weekday_name

CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # schema.org's names
SCHEMA_DAY = "https://schema.org/{}"
MIDNIGHT, END_OF_DAY = 0, 24 * 60
BANK_HOLIDAYS = "bank-holidays"  # closed: bank-holidays
# How far ahead bank holidays are listed and given to the "open now" script: a site rebuilt
# at least once a year never tells a resident a place is open on a bank holiday.
BANK_HOLIDAY_HORIZON = dt.timedelta(days=366)


@dataclass(frozen=True, order=True)
class Session:
    """One stretch of time a place is open, in minutes after midnight (closes may be 1440)."""

    opens: int
    closes: int


@dataclass(frozen=True)
class SpecialDay:
    """A date whose hours differ from the usual week; no sessions means closed all day."""

    date: dt.date
    sessions: tuple[Session, ...]
    holiday: str = ""  # the bank holiday it is, when closed by closed: bank-holidays


@dataclass(frozen=True)
class Entry:
    """One line of front matter opening hours, typed: regular days or one date, and its sessions (none: closed)."""

    days: tuple[str, ...]  # day codes and ranges as written: ("Mo-Fr", "Sa")
    date: dt.date | None
    sessions: tuple[Session, ...]


@dataclass(frozen=True)
class OpeningHours:
    week: tuple[tuple[Session, ...], ...]  # seven days, Monday first; an empty day is closed
    special: tuple[SpecialDay, ...]  # in date order
    notes: tuple[str, ...] = ()  # plain text beside the table
    closed_on_bank_holidays: bool = False

    @property
    def timetable(self) -> bool:
        """Whether there are times to show: hours given only as a note have none, and a table of
        "Closed" every day (or an "open now" line saying so) would be false."""
        return any(self.week) or bool(self.special) or self.closed_on_bank_holidays


@dataclass(frozen=True)
class Row:
    """One row of an opening hours table: who it is for and when."""

    label: str
    hours: str


def parse(entries: list[Entry], *, notes: tuple[str, ...] = (), closed_on_bank_holidays: bool = False,
          file: str | None = None, line_of: Callable[[int], int | None] = lambda index: None,
          key: str = "opening_hours") -> OpeningHours:
    """Collect typed entries into a week and special dates, with the notes and bank holiday rule beside them.

    A day given twice gets both sessions (closed for lunch, say), but sessions
    that overlap are almost always a copying mistake, so they are an error.
    """
    week: list[list[Session]] = [[] for _ in CODES]
    special: dict[dt.date, list[Session]] = {}
    closed: set[dt.date] = set()
    for index, entry in enumerate(entries):
        line = line_of(index)
        if entry.date is not None:
            day = entry.date
            sessions = special.setdefault(day, [])
            if not entry.sessions:
                closed.add(day)
            else:
                sessions.extend(entry.sessions)
            when = format_date(day, weekday=True)
            if day in closed and sessions:
                raise LgsiteError(f"{key} says {when} is closed and also gives it opening times",
                                  file=file, line=line, hint="Keep one of the two entries for that date.")
            _check_overlap(sessions, when, key, file, line)
            continue
        for code in entry.days:
            for number in _day_numbers(code):
                week[number].extend(entry.sessions)
                _check_overlap(week[number], weekday_name(number), key, file, line)
    return OpeningHours(
        week=tuple(tuple(sorted(day)) for day in week),
        special=tuple(SpecialDay(day, tuple(sorted(special[day]))) for day in sorted(special)),
        notes=notes,
        closed_on_bank_holidays=closed_on_bank_holidays,
    )


def upcoming(hours: OpeningHours, today: dt.date, nation: Nation = Nation.ENGLAND_AND_WALES) -> OpeningHours:
    """The special dates still to come, which are all a resident needs: past ones would only mislead.

    A place closed on bank holidays gets those of `nation` in the coming year as closed
    dates, so the table, the schema.org hours and the "open now" script all know them;
    a date the council gives itself keeps its own hours.
    """
    special = [day for day in hours.special if day.date >= today]
    if hours.closed_on_bank_holidays:
        given = {day.date for day in special}
        special += [SpecialDay(holiday.date, (), holiday.name)
                    for holiday in bank_holidays.between(today, today + BANK_HOLIDAY_HORIZON, nation)
                    if holiday.date not in given]
    return replace(hours, special=tuple(sorted(special, key=lambda day: day.date)))


def week_rows(hours: OpeningHours, lang: str = DEFAULT) -> list[Row]:
    """Monday to Sunday, with days next to each other that share their hours in one row."""
    rows: list[Row] = []
    start = 0
    for number in range(1, len(CODES) + 1):
        if number < len(CODES) and hours.week[number] == hours.week[start]:
            continue
        rows.append(Row(_day_span(start, number - 1, lang), describe(hours.week[start], lang)))
        start = number
    if hours.closed_on_bank_holidays:
        rows.append(Row(ui_text(lang, "bank_holidays"), ui_text(lang, "closed")))
    return rows


def special_rows(hours: OpeningHours, lang: str = DEFAULT) -> list[Row]:
    """One row for each date that differs, such as a bank holiday, which is named."""
    return [Row(format_date(day.date, lang, weekday=True),
                ui_text(lang, "closed_for", holiday=holiday_name(day.holiday, lang)) if day.holiday
                else describe(day.sessions, lang)) for day in hours.special]


# bank_holidays names each day as GOV.UK does, in English; these are its keys in the interface strings.
HOLIDAY_KEYS = {
    "New Year's Day": "holiday_new_year", "2 January": "holiday_2_january",
    "St Patrick's Day": "holiday_st_patrick", "Battle of the Boyne (Orangemen's Day)": "holiday_boyne",
    "St Andrew's Day": "holiday_st_andrew", "Christmas Day": "holiday_christmas", "Boxing Day": "holiday_boxing_day",
    "Good Friday": "holiday_good_friday", "Easter Monday": "holiday_easter_monday",
    "Early May bank holiday": "holiday_early_may", "Spring bank holiday": "holiday_spring",
    "Summer bank holiday": "holiday_summer",
}
SUBSTITUTE = " (substitute day)"


def holiday_name(name: str, lang: str = DEFAULT) -> str:
    """A bank holiday's name in `lang`: 'Christmas Day (substitute day)' / 'Dydd Nadolig (diwrnod yn lle)'."""
    own = name.removesuffix(SUBSTITUTE)
    text = ui_text(lang, HOLIDAY_KEYS[own]) if own in HOLIDAY_KEYS else own
    return ui_text(lang, "holiday_substitute", holiday=text) if own != name else text


def describe(sessions: tuple[Session, ...], lang: str = DEFAULT) -> str:
    """'9am to 5pm', '9am to 1pm, 2pm to 5:30pm' or 'Closed', in GOV.UK style."""
    if not sessions:
        return ui_text(lang, "closed")
    return ", ".join(ui_text(lang, "hours_range", opens=format_time(s.opens, lang), closes=format_time(s.closes, lang))
                     for s in sessions)


def schema_specifications(hours: OpeningHours) -> list[dict[str, Any]]:
    """schema.org OpeningHoursSpecification items: the week, then each date that differs.

    Days with the same sessions share an item. A date closed all day opens and
    closes at 00:00, which is how schema.org says closed.
    """
    items: list[dict[str, Any]] = []
    by_sessions: dict[tuple[Session, ...], list[str]] = {}
    for number, sessions in enumerate(hours.week):
        if sessions:
            by_sessions.setdefault(sessions, []).append(SCHEMA_DAY.format(SCHEMA_DAYS[number]))
    for sessions, days in by_sessions.items():
        for session in sessions:
            items.append({"@type": "OpeningHoursSpecification", "dayOfWeek": days, **_schema_times(session)})
    for day in hours.special:
        dates = {"validFrom": day.date.isoformat(), "validThrough": day.date.isoformat()}
        for session in day.sessions or (Session(MIDNIGHT, MIDNIGHT),):
            items.append({"@type": "OpeningHoursSpecification", **_schema_times(session), **dates})
    return items


def script_data(hours: OpeningHours) -> dict[str, Any]:
    """What the "open now" script reads: minutes after midnight, Monday first, dates as ISO."""
    return {
        "week": [[[s.opens, s.closes] for s in day] for day in hours.week],
        "special": {day.date.isoformat(): [[s.opens, s.closes] for s in day.sessions] for day in hours.special},
    }


def _schema_times(session: Session) -> dict[str, str]:
    # schema.org times are clock times; the end of the day is the last minute of it.
    closes = min(session.closes, END_OF_DAY - 1)
    return {"opens": _hhmm(session.opens), "closes": _hhmm(closes)}


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _day_numbers(code: str) -> list[int]:
    """'Mo' -> [0]; 'Mo-Fr' -> [0..4]; 'Sa-Mo' wraps round the weekend -> [5, 6, 0]."""
    first, _, last = code.partition("-")
    start = CODES.index(first)
    end = CODES.index(last) if last else start
    return [(start + step) % len(CODES) for step in range((end - start) % len(CODES) + 1)]


def _day_span(first: int, last: int, lang: str) -> str:
    if first == last:
        return weekday_name(first, lang)
    return ui_text(lang, "days_pair" if last == first + 1 else "days_range",
                   first=weekday_name(first, lang), last=weekday_name(last, lang))


def _check_overlap(sessions: list[Session], when: str, key: str, file: str | None, line: int | None) -> None:
    ordered = sorted(sessions)
    for earlier, later in zip(ordered, ordered[1:]):
        if later.opens < earlier.closes:
            raise LgsiteError(
                f"{key} gives {when} twice with times that overlap: "
                f"{describe((earlier,))} and {describe((later,))}",
                file=file, line=line,
                hint="Give each day once, or sessions that do not overlap, like 9am to 1pm and 2pm to 5pm.",
            )
