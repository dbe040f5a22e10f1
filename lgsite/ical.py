"""iCalendar files (RFC 5545) for council events, written by hand with the stdlib.

Times are written as the council wrote them, in UK local time, with
TZID=Europe/London, and every calendar carries the VTIMEZONE that says what
that zone is. A calendar app anywhere then shows the right moment, on either
side of the clocks changing, and a resident in the UK sees the time on the
poster. Floating times would move with the reader's own time zone; UTC would be
right but would show the council's 9am as 8am in the file.

Every value comes from pages and council.yml, which shared sources can write:
TEXT values are escaped, and no content line can hold a control character, so
a line break in a council's name or an event's title cannot end a property and
start another (a `BEGIN:VEVENT` of its own).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .control_chars import strip_controls

# The UK's rule since 1996, as the tz database has it for Europe/London: BST
# from 01:00 GMT on the last Sunday of March to 02:00 BST on the last Sunday of
# October.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19960331T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)
LINE_OCTETS = 75


@dataclass
class CalendarEvent:
    """One VEVENT. `start` and `end` are naive UK local times."""

    uid: str
    summary: str
    start: dt.datetime
    end: dt.datetime | None
    url: str
    description: str = ""
    location: str = ""


def calendar(events: list[CalendarEvent], prodid: str, stamp: dt.datetime, name: str = "") -> str:
    """A whole VCALENDAR; `stamp` (aware) is when it was made, for every DTSTAMP: the build's clock,
    so that the same build twice gives the same file."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{escape(prodid)}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        # NAME is RFC 7986; X-WR-CALNAME is what Apple, Google and Outlook read.
        lines += [f"NAME:{escape(name)}", f"X-WR-CALNAME:{escape(name)}"]
    lines += VTIMEZONE
    utc_stamp = stamp.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{escape(event.uid)}", f"DTSTAMP:{utc_stamp}",
                  f"DTSTART;TZID=Europe/London:{_local(event.start)}"]
        if event.end is not None:
            lines.append(f"DTEND;TZID=Europe/London:{_local(event.end)}")
        lines.append(f"SUMMARY:{escape(event.summary)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        lines += [f"URL:{event.url}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    # Tab is the only control a content line may hold (RFC 5545, 3.1): this catches
    # what is not TEXT, such as a URL made from a file name with a line break in it.
    return "".join(fold(strip_controls(line, keep="\t")) + "\r\n" for line in lines)


def escape(text: str) -> str:
    """A TEXT value: backslashes, semicolons, commas and line breaks escaped (RFC 5545, 3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character.

    Each line after the first starts with a space, which counts towards its 75.
    """
    data = line.encode("utf-8")
    parts = []
    limit = LINE_OCTETS
    while len(data) > limit:
        cut = limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = LINE_OCTETS - 1
    parts.append(data)
    return "\r\n ".join(part.decode("utf-8") for part in parts)


def _local(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")
