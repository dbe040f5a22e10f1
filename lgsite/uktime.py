"""UK dates and times: what the clocks say in the UK, and how GOV.UK writes them.

Councils write event times as UK local times ("2026-05-02 09:00"). Feeds,
calendars and structured data need to know the UTC offset of those times; the
time zone database (`Europe/London`, through zoneinfo) knows it for every year,
so a change to the UK's rules reaches lgsite with the next tz data rather than
with a code change. Where the system has no database (Windows, Alpine, some
slim containers), zoneinfo reads the `tzdata` package, a dependency for that
reason. `ical.VTIMEZONE` states the same rule for calendar apps.

How dates and times are written for residents, in each language, is
`ui_strings.format_date` and `format_time`'s business.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


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


def next_midnight(day: dt.date) -> dt.datetime:
    """The start of the day after `day`: when a whole day ends. The last day a datetime can hold,
    9999-12-31 (a council's "never expires"), ends at the last moment there is instead of overflowing."""
    if day == dt.date.max:
        return dt.datetime.max
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
