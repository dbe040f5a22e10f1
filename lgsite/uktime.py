"""UK dates and times: what the clocks say in the UK, and how GOV.UK writes them.

Councils write event times as UK local times ("2026-05-02 09:00"). Feeds,
calendars and structured data need to know the UTC offset of those times; the
time zone database (`Europe/London`, through zoneinfo) knows it for every year,
so a change to the UK's rules reaches lgsite with the next tz data rather than
with a code change. Where the system has no database (Windows, Alpine, some
slim containers), zoneinfo reads the `tzdata` package, a dependency for that
reason. `ical.VTIMEZONE` states the same rule for calendar apps.

Dates and times are written the GOV.UK way ("Saturday 2 May 2026", "9am",
"4:30pm", "midday") with English names whatever the machine's locale.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def localise(local: dt.datetime) -> dt.datetime:
    """A naive UK wall-clock time with its offset (GMT or BST).

    A time in the hour the clocks skip in March is taken as GMT, and a time in
    the hour that happens twice in October as BST: zoneinfo's reading of fold=0.
    The offset is fixed, so the result is one moment: arithmetic on it and
    comparisons with it are in real time, not on the wall clock.
    """
    zoned = local.replace(tzinfo=LONDON, fold=0)
    offset = zoned.utcoffset()
    assert offset is not None  # a ZoneInfo always has one
    return local.replace(tzinfo=dt.timezone(offset, zoned.tzname()))


def uk_now(moment: dt.datetime) -> dt.datetime:
    """The UK wall-clock time at the aware `moment` (the build's clock), naive, to compare with what councils write."""
    return moment.astimezone(LONDON).replace(tzinfo=None)


def date_text(day: dt.date, weekday: bool = False) -> str:
    """'2 May 2026', or with `weekday` 'Saturday 2 May 2026'."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def time_text(moment: dt.datetime | dt.time) -> str:
    """'9am', '4:30pm', 'midday', 'midnight'."""
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def next_midnight(day: dt.date) -> dt.datetime:
    """The start of the day after `day`: when a whole day ends. The last day a datetime can hold,
    9999-12-31 (a council's "never expires"), ends at the last moment there is instead of overflowing."""
    if day == dt.date.max:
        return dt.datetime.max
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
