"""The one moment a build is made at.

What a built site says depends on when it is built: which events are past,
which alerts have expired, which special opening days are still to come, and
the DTSTAMP of every calendar. Reading the time once, and handing that moment
to every part of the build, keeps one build from disagreeing with itself (an
event past on one page and upcoming on another because midnight fell between
them). Honouring `SOURCE_DATE_EPOCH`, as MkDocs does for its own dates
(https://reproducible-builds.org/specs/source-date-epoch/), makes two builds of
the same input byte-identical and lets tests and councils build "as of" a day.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from .errors import LgsiteError

VARIABLE = "SOURCE_DATE_EPOCH"


def build_time(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """When this build is made, in UTC: `SOURCE_DATE_EPOCH` when it is set, else the system clock."""
    value = environ.get(VARIABLE)
    if value is None:
        return dt.datetime.now(dt.timezone.utc)
    text = value.strip()
    # The specification asks for a whole number of seconds in ASCII digits; a build
    # that guessed at anything else would not be reproducible.
    if not (text.isascii() and text.isdigit()):
        raise LgsiteError(f"{VARIABLE} is '{value}', not a whole number of seconds since 1970",
                          hint=f"Set it to a Unix time such as 1767225600, or unset {VARIABLE}.")
    try:
        return dt.datetime.fromtimestamp(int(text), dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise LgsiteError(f"{VARIABLE} is '{value}', a time too far in the future",
                          hint="Give a Unix time before the year 9999.") from None
