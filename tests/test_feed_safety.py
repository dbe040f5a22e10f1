"""Feeds and calendars from hostile text: markup, quote breakouts, CRLF with BEGIN:VEVENT and control
characters in the council's name and in news and events, read back by feedparser, ElementTree and
icalendar. Every value comes back as the plain text it was (less its control characters), and nothing
it carries becomes an element, an HTML tag or a calendar line of its own."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml
from conftest import BASE_PROFILE, make_project
from hypothesis import given, settings
from hypothesis import strategies as st

from lgsite import feeds, ical

SCRIPT = "</script><script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
INJECT = "\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:owned\r\nEND:VEVENT\r\n"
CONTROLS = "\x01\x0b\x1f\x7f\x9b"
EVERYTHING = SCRIPT + IMG + INJECT + CONTROLS + " & co"
PAYLOADS = {"script": SCRIPT, "img": IMG, "inject": INJECT, "controls": "Fun " + CONTROLS + "day"}
NAME = "Testbury " + EVERYTHING
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://www.testbury.example/"


def plain(text: str) -> str:
    """What a reader should get back: the text without control characters, line ends as LF
    (XML parsers and iCalendar both read a line break as LF)."""
    kept = "".join(ch for ch in text if ch in "\t\n\r" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F))
    return kept.replace("\r\n", "\n").replace("\r", "\n")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar, the way a shared source can write any character."""
    return yaml.safe_dump(text, default_style='"', width=10**6, allow_unicode=False).strip()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile") / "council", profile={**BASE_PROFILE, "name": NAME})
    for number, (slug, payload) in enumerate(PAYLOADS.items(), start=1):
        project.write(f"docs/news/{slug}.md", "\n".join([
            "---", f"title: {quoted('News ' + payload)}", f"description: {quoted('About ' + EVERYTHING)}",
            "type: news", f"date: 2031-01-0{number}", "---", "Text.", "",
        ]))
        project.write(f"docs/events/{slug}.md", "\n".join([
            "---", f"title: {quoted('Event ' + payload)}", f"description: {quoted('About ' + EVERYTHING)}",
            "type: event", f"start: 2031-01-0{number} 10:00", f"location: {quoted('Hall ' + EVERYTHING)}",
            "---", "Text.", "",
        ]))
    result = project.build(env={"SOURCE_DATE_EPOCH": "1900000000"})
    assert result.returncode == 0, result.stderr
    return project.site


def news_titles() -> set[str]:
    return {plain("News " + payload).strip() for payload in PAYLOADS.values()}


# --- feeds ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["news/feed.xml", "news/atom.xml"])
def test_feeds_stay_well_formed_with_one_entry_an_article(site: Path, path: str) -> None:
    data = (site / path).read_bytes()
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == len(PAYLOADS)
    assert parsed.feed.title == plain(NAME + " news")
    assert {entry.title.strip() for entry in parsed.entries} == news_titles()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]", data), "no control characters"


def test_rss_gives_text_that_no_reader_takes_for_markup(site: Path) -> None:
    root = ET.fromstring((site / "news/feed.xml").read_bytes())
    assert {element.tag for element in root.iter()} <= {
        "rss", "channel", "title", "link", "description", "language", "lastBuildDate", ATOM + "link",
        "item", "pubDate", "guid",
    }
    items = root.findall("channel/item")
    assert len(items) == len(PAYLOADS)
    assert root.findtext("channel/title") == plain(NAME + " news")
    assert {item.findtext("title").strip() for item in items} == news_titles()
    for item in items:
        # RSS readers read <description> as HTML: the text is escaped, so as HTML it is text again.
        description = item.findtext("description")
        assert "<" not in description and html.unescape(description) == plain("About " + EVERYTHING)
    for entry in feedparser.parse((site / "news/feed.xml").read_bytes()).entries:
        assert html.unescape(entry.summary) == plain("About " + EVERYTHING).strip()


def test_atom_gives_plain_text(site: Path) -> None:
    root = ET.fromstring((site / "news/atom.xml").read_bytes())
    assert {element.tag.removeprefix(ATOM) for element in root.iter()} <= {
        "feed", "id", "title", "subtitle", "updated", "link", "author", "name", "entry", "published", "summary",
    }
    assert root.findtext(ATOM + "title") == plain(NAME + " news")
    assert root.findtext(f"{ATOM}author/{ATOM}name") == plain(NAME)
    entries = root.findall(ATOM + "entry")
    assert len(entries) == len(PAYLOADS)
    assert all(entry.find(ATOM + "summary").get("type", "text") == "text" for entry in entries)
    assert {entry.findtext(ATOM + "summary") for entry in entries} == {plain("About " + EVERYTHING)}
    assert {entry.findtext(ATOM + "title").strip() for entry in entries} == news_titles()
    for entry in feedparser.parse((site / "news/atom.xml").read_bytes()).entries:
        assert entry.summary == plain("About " + EVERYTHING).strip()


# --- calendars --------------------------------------------------------------------------------------------------


def content_lines(data: bytes) -> list[bytes]:
    """The calendar's lines, unfolded, after checking how they are written (CRLF, 75 octets, no controls)."""
    lines = data.split(b"\r\n")
    assert lines[-1] == b"", "ends with CRLF"
    for line in lines:
        assert len(line) <= 75, line
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]|\xc2[\x80-\x9f]", line), line
        line.decode("utf-8")  # folding never splits a character
    return b"\r\n".join(lines[:-1]).replace(b"\r\n ", b"").split(b"\r\n")


def test_the_calendar_has_one_event_per_event_and_plain_text_values(site: Path) -> None:
    data = (site / "events/events.ics").read_bytes()
    lines = content_lines(data)
    assert lines.count(b"BEGIN:VEVENT") == len(PAYLOADS) and lines.count(b"END:VEVENT") == len(PAYLOADS)
    assert not any(line.startswith((b"UID:evil", b"SUMMARY:owned")) for line in lines)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == f"-//lgsite//{plain(NAME)}//EN"
    assert str(calendar["X-WR-CALNAME"]) == plain(NAME + " events")
    events = calendar.walk("VEVENT")
    assert sorted(str(event["UID"]) for event in events) == sorted(
        f"events/{slug}@www.testbury.example" for slug in PAYLOADS)
    for event in events:
        slug = str(event["UID"]).split("/")[1].split("@")[0]
        assert str(event["SUMMARY"]) == plain("Event " + PAYLOADS[slug])
        assert str(event["DESCRIPTION"]) == plain("About " + EVERYTHING)
        assert str(event["LOCATION"]) == plain("Hall " + EVERYTHING)
        assert str(event["URL"]) == f"{SITE}events/{slug}/"
        assert event.decoded("DTSTART").replace(tzinfo=None).date().year == 2031


@pytest.mark.parametrize("slug", list(PAYLOADS))
def test_each_event_file_has_exactly_its_event(site: Path, slug: str) -> None:
    data = (site / f"events/{slug}.ics").read_bytes()
    assert content_lines(data).count(b"BEGIN:VEVENT") == 1
    calendar = icalendar.Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == plain("Event " + PAYLOADS[slug])
    assert str(calendar["PRODID"]) == f"-//lgsite//{plain(NAME)}//EN"
    assert len(calendar.subcomponents) == 2  # the time zone and the event, nothing else


# --- any text at all --------------------------------------------------------------------------------------------


def unescape(value: bytes) -> str:
    """RFC 5545 TEXT, read strictly (icalendar's reader mistakes an escaped backslash before 'n')."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value.decode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(summary=st.text(), location=st.text(), name=st.text(min_size=1))
def test_any_text_is_one_calendar_event_that_reads_back_as_itself(summary: str, location: str, name: str) -> None:
    event = ical.CalendarEvent(uid="u@x", summary=summary, start=dt.datetime(2031, 1, 1, 10), end=None,
                               url="https://x.example/\r\nBEGIN:VEVENT", location=location)
    text = ical.calendar([event], f"-//lgsite//{name}//EN", dt.datetime(2031, 1, 1, tzinfo=dt.timezone.utc),
                         name=name)
    lines = content_lines(text.encode("utf-8"))
    assert lines.count(b"BEGIN:VEVENT") == 1 and lines.count(b"END:VEVENT") == 1
    values = {line.split(b":", 1)[0]: line.split(b":", 1)[1] for line in lines if b":" in line}
    assert unescape(values[b"SUMMARY"]) == plain(summary)
    assert unescape(values[b"X-WR-CALNAME"]) == plain(name)
    assert unescape(values[b"PRODID"]) == f"-//lgsite//{plain(name)}//EN"
    assert values[b"URL"] == b"https://x.example/BEGIN:VEVENT"
    if plain(location):
        assert unescape(values[b"LOCATION"]) == plain(location)
    assert len(icalendar.Calendar.from_ical(text).walk("VEVENT")) == 1


@settings(max_examples=200, deadline=None)
@given(title=st.text(), summary=st.text())
def test_any_text_makes_a_well_formed_feed_that_reads_back_as_itself(title: str, summary: str) -> None:
    moment = dt.datetime(2031, 1, 1, tzinfo=dt.timezone.utc)
    feed = feeds.Feed(title=title, description=summary, url=SITE, author=title,
                      entries=[feeds.FeedEntry(title, SITE + "a/", summary, moment)])
    rss = ET.fromstring(feeds.rss(feed, SITE + "feed.xml").encode("utf-8"))
    assert (rss.findtext("channel/item/title") or "") == plain(title)
    assert html.unescape(rss.findtext("channel/item/description") or "") == plain(summary)
    atom = ET.fromstring(feeds.atom(feed, SITE + "atom.xml").encode("utf-8"))
    assert (atom.findtext(f"{ATOM}entry/{ATOM}title") or "") == plain(title)
    assert (atom.findtext(f"{ATOM}entry/{ATOM}summary") or "") == plain(summary)
    for document in (feeds.rss(feed, SITE + "feed.xml"), feeds.atom(feed, SITE + "atom.xml")):
        assert feedparser.parse(document.encode("utf-8")).bozo == 0
