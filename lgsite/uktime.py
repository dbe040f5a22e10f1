"""UK dates and times: what the clocks say in the UK, and how GOV.UK writes them.

Councils write event times as UK local times ("2026-05-02 09:00"). Feeds,
calendars and structured data need to know the UTC offset of those times, and
zoneinfo needs time zone data that Windows and slim containers may lack; so the
rule the UK has kept since 1996 is written out here instead: British Summer Time
from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
October. `ical.VTIMEZONE` states the same rule for calendar apps.

Dates and times are written the GOV.UK way ("Saturday 2 May 2026", "9am",
"4:30pm", "midday") with English names whatever the machine's locale.
"""

from __future__ import annotations

import datetime as dt

GMT = dt.timezone(dt.timedelta(0), "GMT")
BST = dt.timezone(dt.timedelta(hours=1), "BST")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _summer_time(year: int) -> tuple[dt.datetime, dt.datetime]:
    """When BST starts and ends in `year`, as naive UTC times."""
    changes = []
    for month in (3, 10):
        last = dt.date(year, month, 31)
        sunday = last - dt.timedelta(days=(last.weekday() + 1) % 7)
        changes.append(dt.datetime(sunday.year, sunday.month, sunday.day, 1))
    return changes[0], changes[1]


def localise(local: dt.datetime) -> dt.datetime:
    """A naive UK wall-clock time with its offset (GMT or BST).

    As zoneinfo does, a time in the hour the clocks skip in March is taken as
    GMT, and a time in the hour that happens twice in October as BST.
    """
    starts, ends = _summer_time(local.year)
    hour = dt.timedelta(hours=1)
    # On the wall clock BST starts at 02:00 (01:00 GMT) and ends at 02:00 BST.
    summer = starts + hour <= local < ends + hour
    return local.replace(tzinfo=BST if summer else GMT)


def uk_now(utc: dt.datetime | None = None) -> dt.datetime:
    """The UK wall-clock time now (or at the aware `utc`), naive, to compare with what councils write."""
    moment = (utc or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(tzinfo=None)
    starts, ends = _summer_time(moment.year)
    return moment + (dt.timedelta(hours=1) if starts <= moment < ends else dt.timedelta(0))


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
