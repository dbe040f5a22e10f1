"""Council events: each event's times and calendar file, an index of upcoming and past events,
a calendar feed of them all, and Event JSON-LD.

A council writes each event as a page with `type: event`, a `start`, and
usually an `end` and `location` (they usually live in `docs/events/`). Which
events are upcoming is decided when the site is built, in UK time: an event
stays upcoming until it ends, or until the end of its day if it has no end. A
council's own `docs/events/index.md` gives the index its title, description and
introduction.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .. import ical, uktime
from ..errors import LgsiteError
from ..layers import Page, generated_page
from ..model import ContentModel
from ..structured_data import CONTEXT, council_reference
from ..ui_strings import format_datetime, format_time, language_tag, ui_text
from ..urls import page_url

if TYPE_CHECKING:
    from ..site import Site

INDEX = "events/index.md"
CALENDAR = "events/events.ics"


def generate(site: Site, model: ContentModel) -> None:
    """Add the events index, the calendar files, and each event's times, breadcrumbs and JSON-LD."""
    events = sorted((page for page in site.pages.values() if page.type == "event" and page.path != INDEX),
                    key=lambda page: (starts(page), page.path))
    if not events:
        return
    now = uktime.uk_now(site.now)
    add_index_page(site)
    index = site.link(INDEX)
    site.shared_context["events_index"] = index
    crumbs = [{"title": ui_text(site.lang, "home"), "url": page_url(site.published_path("index.md"))},
              {"title": index["title"], "url": index["url"]}]
    calendar_name = ui_text(site.lang, "events_calendar_title", council=site.council_name)
    calendar_link = {"type": "text/calendar", "title": calendar_name, "url": site.published_path(CALENDAR)}
    listed: dict[str, list[dict[str, Any]]] = {"upcoming": [], "past": []}
    entries = []
    for page in events:
        details = event_context(site, page, now)
        listed["past" if details["past"] else "upcoming"].append({**site.link(page.path), "event": details})
        context = site.page_context(page.path)
        context["event"] = details
        context["breadcrumbs"] = crumbs
        context.setdefault("json_ld", []).append(event_item(page, site))
        entry = calendar_event(site, page)
        entries.append(entry)
        site.add_output(details["ics"], ical.calendar([entry], prodid(site), site.now),
                        f"the calendar file of {page.path}")
    listed["past"].reverse()  # the most recent first
    context = site.page_context(INDEX)
    context.update(listed)
    context["calendar"] = calendar_link
    context["feeds"] = [calendar_link]
    site.add_output(CALENDAR, ical.calendar(entries, prodid(site), site.now, name=calendar_name),
                    "the calendar of every event")


def starts(page: Page) -> dt.datetime:
    """The event's start, as the schema read it."""
    start: dt.datetime = page.data["start"]
    return start


def ends(page: Page) -> dt.datetime | None:
    end: dt.datetime | None = page.data.get("end")
    return end


def ics_path(site: Site, page: Page) -> str:
    """events/litter-pick.md's calendar file is events/litter-pick.ics."""
    path = page_url(page.path).rstrip("/") + ".ics"  # where the view has it: published with the page
    if path == CALENDAR or path in site.assets:
        raise LgsiteError(f"would have its calendar file at {path}, where there is already a file",
                          file=page.provenance.file, hint="Give the page another file name.")
    return path


def add_index_page(site: Site) -> None:
    intro = site.pages.get(INDEX)
    meta: dict[str, Any] = {
        "title": intro.title if intro else ui_text(site.lang, "events"),
        "description": str(intro.meta["description"]) if intro
        else ui_text(site.lang, "events_description", council=site.council_name),
        "type": "events-index",
    }
    site.add_page(Page(INDEX, meta, intro.body, intro.body_line, intro.provenance) if intro
                  else generated_page(INDEX, meta), "the events index", intro=intro)


def event_context(site: Site, page: Page, now: dt.datetime) -> dict[str, Any]:
    """What the templates show: when, where, whether it is over, and the calendar file."""
    start, end = starts(page), ends(page)
    finished = end or uktime.next_midnight(start.date())
    details: dict[str, Any] = {
        "start": {"datetime": uktime.localise(start).isoformat(timespec="minutes"),
                  "text": format_datetime(start, site.lang)},
        "end": None,
        "location": str(page.meta.get("location", "")),
        "past": finished <= now,
        "ics": ics_path(site, page),
    }
    if end is not None:
        same_day = end.date() == start.date()
        text = format_time(end.hour * 60 + end.minute, site.lang) if same_day else format_datetime(end, site.lang)
        details["end"] = {"datetime": uktime.localise(end).isoformat(timespec="minutes"), "text": text}
    return details


def calendar_event(site: Site, page: Page) -> ical.CalendarEvent:
    url = site.page_address(page.path)
    host = site.absolute_url("").split("/")[2]
    return ical.CalendarEvent(
        uid=f"{page.path[:-len('.md')]}@{host}",
        summary=page.title,
        start=starts(page),
        end=ends(page),
        url=url,
        description=str(page.meta.get("description", "")),
        location=str(page.meta.get("location", "")),
    )


def prodid(site: Site) -> str:
    return f"-//lgsite//{site.profile.name}//EN"


def event_item(page: Page, site: Site) -> dict[str, Any]:
    """schema.org Event, organised by the council, that residents go to in person."""
    council = council_reference(site.profile, site.site_url)
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": page.title,
        "inLanguage": language_tag(site.lang),
        "description": str(page.meta.get("description", "")),
        "url": site.page_address(page.path),
        "startDate": uktime.localise(starts(page)).isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": council,
    }
    end = ends(page)
    if end is not None:
        item["endDate"] = uktime.localise(end).isoformat()
    location = page.meta.get("location")
    if location:
        item["location"] = {"@type": "Place", "name": str(location), "address": str(location)}
    return item
