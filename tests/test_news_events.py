"""News and events through real builds: pages, pagination, feeds read by feedparser,
calendars read by icalendar, and their JSON-LD."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import feedparser
import icalendar
import pytest
from conftest import Project, engine_fails, engine_fails_with_one, make_project
from html_reader import Element, read_page

SITE = "https://www.testbury.example/"
LONDON = "Europe/London"
# Thirteen articles, one a month, so the index has two pages: 10, then 3.
ARTICLES = [(f"article-{n:02d}", date(2026, n % 12 + 1, 1 + n).isoformat() if n < 12 else "2027-01-20")
            for n in range(13)]
NEWEST_FIRST = [slug for slug, day in sorted(ARTICLES, key=lambda item: item[1], reverse=True)]
EVENTS = {
    # slug: (start, end, location); 2020 is past and 2099 upcoming on any day these tests run.
    "old-fair": ("2020-06-06 10:00", "2020-06-06 16:00", "Town Hall, Testbury"),
    "older-meeting": ("2020-01-14 19:00", None, ""),
    "winter-market": ("2099-12-05 10:00", "2099-12-06 15:30", "Market Place; north side, Testbury"),
    "summer-fete": ("2099-07-04 11:00", "2099-07-04 17:00", "The Green, Testbury"),
}


# --- reading built pages -------------------------------------------------------------------------------------


def in_main(page: Element, tag: str) -> list[Element]:
    return [element for element in page.find_all(tag) if element.inside("article", id="main-content")]


def main(page: Element) -> Element:
    return page.one("article", id="main-content")


# --- a council with news and events ---------------------------------------------------------------------------


def write_news_and_events(project: Project) -> None:
    for slug, day in ARTICLES:
        project.write(f"docs/news/{slug}.md", f"""
            ---
            title: Article {slug[-2:]} & more
            description: What happened in article {slug[-2:]}.
            type: news
            date: {day}
            {"category: rubbish-and-recycling" if slug == "article-03" else ""}
            ---
            Text of {slug}.
            """)
    for slug, (start, end, location) in EVENTS.items():
        lines = [f"start: {start}"] + ([f"end: {end}"] if end else []) + ([f"location: \"{location}\""] if location else [])
        project.write(f"docs/events/{slug}.md", "---\n" + "\n".join([
            f"title: The {slug.replace('-', ' ')}",
            f"description: Come to the {slug.replace('-', ' ')}, with stalls, music, tea and cake for everyone "
            "in Testbury; it is free.",
            "type: event",
            *lines,
        ]) + "\n---\nDetails.\n")


    project.write("docs/events/index.md", """
        ---
        title: What's on
        description: Events in Testbury.
        ---
        Events run by the council.
        """)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("news") / "council")
    write_news_and_events(project)
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project.site


# --- news ------------------------------------------------------------------------------------------------------


def article_links(page: Element) -> list[str]:
    """Where the heading of each article on a news index page links: the element after the <h2>."""
    headings = page.find_all("h2", **{"class": "lg-news__title"})
    return [h2.one("a").attrs["href"] for h2 in headings]


def test_news_index_lists_ten_articles_a_page_newest_first(site: Path) -> None:
    first, second = read_page(site, "news"), read_page(site, "news/page-2")
    assert article_links(first) == [f"{slug}/" for slug in NEWEST_FIRST[:10]]
    assert article_links(second) == [f"../{slug}/" for slug in NEWEST_FIRST[10:]]
    assert not (site / "news/page-3").exists()
    assert first.find_all("h1")[0].text == "News"
    assert second.find_all("h1")[0].text == "News (page 2 of 2)"
    dates = [e.attrs["datetime"] for e in first.find_all("time")]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2027-01-20"


def test_pagination_is_a_labelled_nav_with_the_current_page_marked(site: Path) -> None:
    first, second = read_page(site, "news"), read_page(site, "news/page-2")
    for page in (first, second):
        assert len(page.find_all("nav", **{"aria-label": "News pages"})) == 1
    [current] = first.find_all("a", **{"aria-current": "page"})
    assert current.text == "1" and current.attrs["aria-label"] == "Page 1"
    assert [a.attrs["href"] for a in first.find_all("a", rel="next")] == ["page-2/"]
    assert not first.find_all("a", rel="prev")
    [current] = second.find_all("a", **{"aria-current": "page"})
    assert current.text == "2"
    assert [a.attrs["href"] for a in second.find_all("a", rel="prev")] == ["../"]
    assert not second.find_all("a", rel="next")
    # Page 2 is below the index in the breadcrumbs.
    assert [a.text for a in second.find_all("a") if a.attrs.get("href") == "../"][0] == "News"


def test_pagination_leaves_gaps_in_long_runs() -> None:
    from lgsite.generate.news import pagination

    urls = [f"p{n}/" for n in range(1, 10)]
    shown = [item and item["number"] for item in pagination(5, urls)["pages"]]
    assert shown == [1, None, 4, 5, 6, None, 9]
    assert [item and item["number"] for item in pagination(1, urls)["pages"]] == [1, 2, None, 9]
    assert pagination(1, ["only/"])["pages"] == []


@pytest.mark.parametrize(("path", "version", "media"), [
    ("news/feed.xml", "rss20", "application/rss+xml"),
    ("news/atom.xml", "atom10", "application/atom+xml"),
])
def test_news_feeds_are_valid_and_list_every_article(site: Path, path: str, version: str, media: str) -> None:
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.title == "Testbury District Council news"
    assert feed.feed.link == SITE + "news/"
    assert [entry.link for entry in feed.entries] == [f"{SITE}news/{slug}/" for slug in NEWEST_FIRST]
    assert feed.entries[0].title == "Article 12 & more"
    assert feed.entries[0].summary == "What happened in article 12."
    assert feed.entries[0].published_parsed[:3] == (2027, 1, 20)
    assert all(entry.id == entry.link for entry in feed.entries)
    # Linked from the index for feed readers and for people.
    index = read_page(site, "news")
    [alternate] = index.find_all("link", rel="alternate", type=media)
    assert alternate.attrs["href"] == path.removeprefix("news/")
    assert any(a.attrs.get("href") == path.removeprefix("news/") for a in index.find_all("a"))


def test_article_shows_its_date_and_is_a_news_article(site: Path) -> None:
    page = read_page(site, "news/article-12")
    [time] = page.find_all("time")
    assert time.attrs["datetime"] == "2027-01-20" and time.text == "20 January 2027"
    [article] = page.json_ld("NewsArticle")
    assert article["headline"] == "Article 12 & more"
    assert article["datePublished"] == "2027-01-20T00:00:00+00:00"
    assert article["url"] == SITE + "news/article-12/"
    assert article["publisher"]["name"] == "Testbury District Council"
    assert article["publisher"]["@type"] == "GovernmentOrganization"
    summer = read_page(site, "news/article-05").json_ld("NewsArticle")[0]
    assert summer["datePublished"] == "2026-06-06T00:00:00+01:00"  # BST


def test_news_and_events_are_not_services(site: Path) -> None:
    a_to_z = (site / "a-to-z/index.html").read_text(encoding="utf-8")
    sitemap = (site / "sitemap/index.html").read_text(encoding="utf-8")
    for text in ("Article 01", "The summer fete"):
        assert text not in a_to_z and text not in sitemap
    # Not even an article given a category.
    assert "article-03" not in (site / "environment-and-waste/index.html").read_text(encoding="utf-8")
    footer = read_page(site, "")
    assert {"News", "Events"} <= {a.text for a in footer.find_all("a")}


# --- events ---------------------------------------------------------------------------------------------------


def test_events_index_splits_upcoming_from_past(site: Path) -> None:
    page = read_page(site, "events")
    assert page.find_all("h1")[0].text == "What's on"  # the council's own events/index.md
    assert "Events run by the council." in main(page).text
    headings = [h.text for h in in_main(page, "h2")]
    assert headings == ["Upcoming events", "Past events"]
    titles = [h.text for h in page.find_all("h3")]
    # Upcoming soonest first, then past most recent first.
    assert titles == ["The summer fete", "The winter market", "The old fair", "The older meeting"]
    [calendar] = page.find_all("link", rel="alternate", type="text/calendar")
    assert calendar.attrs["href"] == "events.ics"


def test_event_page_shows_when_and_where_with_a_calendar_file(site: Path) -> None:
    page = read_page(site, "events/winter-market")
    start, end = page.find_all("time")
    assert start.attrs["datetime"] == "2099-12-05T10:00+00:00" and start.text == "Saturday 5 December 2099, 10am"
    assert end.attrs["datetime"] == "2099-12-06T15:30+00:00" and end.text == "Sunday 6 December 2099, 3:30pm"
    assert "Market Place; north side, Testbury" in main(page).text
    [download] = [a for a in page.find_all("a") if a.attrs.get("href", "").endswith(".ics")]
    assert download.attrs["href"] == "../winter-market.ics"
    assert download.text == "Add The winter market to your calendar"
    same_day = read_page(site, "events/summer-fete").find_all("time")
    assert [t.text for t in same_day] == ["Saturday 4 July 2099, 11am", "5pm"]
    past = read_page(site, "events/old-fair")
    assert "This event has finished." in main(past).text
    assert not [a for a in past.find_all("a") if a.attrs.get("href", "").endswith(".ics")]


def test_event_json_ld(site: Path) -> None:
    [event] = read_page(site, "events/summer-fete").json_ld("Event")
    assert event["name"] == "The summer fete"
    assert event["startDate"] == "2099-07-04T11:00:00+01:00"
    assert event["endDate"] == "2099-07-04T17:00:00+01:00"
    assert event["location"] == {"@type": "Place", "name": "The Green, Testbury", "address": "The Green, Testbury"}
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["url"] == SITE + "events/summer-fete/"
    [bare] = read_page(site, "events/older-meeting").json_ld("Event")
    assert "endDate" not in bare and "location" not in bare


def parse_calendar(path: Path) -> icalendar.Calendar:
    data = path.read_bytes()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line and b"\r" not in line for line in lines), "CRLF line ends"
    assert max(len(line) for line in lines) <= 75, "folded at 75 octets"
    return icalendar.Calendar.from_ical(data)


def test_each_event_has_a_valid_calendar_file(site: Path) -> None:
    for slug, (start, end, location) in EVENTS.items():
        calendar = parse_calendar(site / f"events/{slug}.ics")
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        [zone] = calendar.walk("VTIMEZONE")
        assert zone["TZID"] == LONDON
        [event] = calendar.walk("VEVENT")
        assert str(event["SUMMARY"]) == f"The {slug.replace('-', ' ')}"
        assert str(event["UID"]) == f"events/{slug}@www.testbury.example"
        assert event["DTSTAMP"].dt.tzinfo is not None
        assert event["DTSTART"].params["TZID"] == LONDON
        assert event.decoded("DTSTART").replace(tzinfo=None) == datetime.fromisoformat(start)
        if end:
            assert event.decoded("DTEND").replace(tzinfo=None) == datetime.fromisoformat(end)
        else:
            assert "DTEND" not in event
        assert str(event.get("LOCATION", "")) == location
        assert str(event["URL"]) == f"{SITE}events/{slug}/"
        assert str(event["DESCRIPTION"]).startswith(f"Come to the {slug.replace('-', ' ')}, with stalls")
    raw = (site / "events/winter-market.ics").read_bytes().decode("utf-8")
    assert "LOCATION:Market Place\\; north side\\, Testbury\r\n" in raw


def test_calendar_feed_has_every_event_at_the_right_moment(site: Path) -> None:
    calendar = parse_calendar(site / "events/events.ics")
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert sorted(events) == sorted(f"events/{slug}" for slug in EVENTS)
    summer = events["events/summer-fete"].decoded("DTSTART")
    assert summer.utcoffset() == timedelta(hours=1)  # BST
    assert events["events/winter-market"].decoded("DTSTART").utcoffset() == timedelta(0)
    assert str(calendar["X-WR-CALNAME"]) == "Testbury District Council events"


def test_calendar_lines_fold_between_characters() -> None:
    from lgsite.ical import escape, fold

    line = "SUMMARY:" + escape("Café, bar; and £5 tickets\n") * 6
    folded = fold(line).encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in folded) and all(part.startswith(b" ") for part in folded[1:])
    assert b"".join(part.removeprefix(b" ") for part in folded).decode("utf-8") == line
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


# --- mistakes -----------------------------------------------------------------------------------------------------


def test_news_without_a_date_is_one_line(project: Project) -> None:
    project.write("docs/news/no-date.md", "---\ntitle: No date\ndescription: D.\ntype: news\n---\nText.\n")
    line = engine_fails_with_one(project)
    assert line.startswith("error: docs/news/no-date.md:") and "'date'" in line


def test_event_ending_before_it_starts_is_one_line(project: Project) -> None:
    project.write("docs/events/backwards.md", "---\ntitle: Backwards\ndescription: D.\ntype: event\n"
                  "start: 2030-05-02 09:00\nend: 2030-05-01 10:00\n---\nText.\n")
    assert engine_fails(project) == [
        "error: docs/events/backwards.md:6: event 'end' is 2030-05-01 10:00, which is before 'start' "
        "2030-05-02 09:00. Set end after start."
    ]


def test_a_page_in_the_way_of_the_news_index_is_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council")
    for slug, day in ARTICLES[:11]:
        project.write(f"docs/news/{slug}.md", f"---\ntitle: A {slug}\ndescription: D.\ntype: news\ndate: {day}\n---\nT.\n")
    project.write("docs/news/page-2.md", "---\ntitle: Page two\ndescription: D.\n---\nT.\n")
    assert engine_fails(project) == [
        "error: docs/news/page-2.md: is at news/page-2.md, where lgsite puts page 2 of the news. "
        "Give the page another file name."
    ]


# --- the example council ----------------------------------------------------------------------------------------


def test_example_council_news_and_events(example_site: Path) -> None:
    for path, version in (("news/feed.xml", "rss20"), ("news/atom.xml", "atom10")):
        feed = feedparser.parse((example_site / path).read_bytes())
        assert not feed.bozo and feed.version == version
        assert len(feed.entries) >= 3
        for entry in feed.entries:
            assert entry.link.startswith("https://www.anytown.example/news/")
            page = read_page(example_site, entry.link.removeprefix("https://www.anytown.example/"))
            [article] = page.json_ld("NewsArticle")
            assert article["headline"] == entry.title and article["datePublished"]
            assert article["publisher"]["name"] == "Anytown District Council"
    index = read_page(example_site, "events")
    assert [h.text for h in in_main(index, "h2")] == ["Upcoming events", "Past events"]
    calendar = parse_calendar(example_site / "events/events.ics")
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) >= 3 and len(set(uids)) == len(uids)
    for uid in uids:
        slug = uid.split("@")[0]
        parse_calendar(example_site / f"{slug}.ics")
        [event] = read_page(example_site, slug).json_ld("Event")
        assert event["name"] and event["startDate"] and event["location"]["address"]
