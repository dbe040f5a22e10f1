"""One clock: the build reads the time once, honours SOURCE_DATE_EPOCH, and the same input built
at the same moment gives the same bytes."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, Project, problems_of

from lgsite import uktime
from lgsite.clock import build_time
from lgsite.errors import LgsiteError


def epoch(moment: str) -> int:
    return int(dt.datetime.fromisoformat(moment).timestamp())


def as_of(moment: str) -> dict[str, str]:
    return {"SOURCE_DATE_EPOCH": str(epoch(moment))}


# --- reading the clock --------------------------------------------------------------------------------------------


def test_source_date_epoch_is_the_build_time() -> None:
    assert build_time({"SOURCE_DATE_EPOCH": "1938762000"}) == dt.datetime(2031, 6, 9, 9, 0, tzinfo=dt.timezone.utc)
    assert build_time({"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    assert build_time({}).tzinfo == dt.timezone.utc


@pytest.mark.parametrize("value", ["", "soon", "1.5", "-1", "１２３", "9" * 30])
def test_a_malformed_source_date_epoch_is_one_clear_error(value: str) -> None:
    with pytest.raises(LgsiteError) as error:
        build_time({"SOURCE_DATE_EPOCH": value})
    assert str(error.value).startswith("SOURCE_DATE_EPOCH is ")
    assert "\n" not in str(error.value)


def test_a_malformed_source_date_epoch_stops_the_build_with_one_line(project: Project) -> None:
    result = project.build(env={"SOURCE_DATE_EPOCH": "yesterday"})
    [line] = problems_of(result)
    assert "SOURCE_DATE_EPOCH is 'yesterday'" in line, result.stderr


def test_nothing_in_lgsite_reads_the_time_but_the_clock() -> None:
    """Every generator reads Site.now; a second reading of the system clock would let one build disagree
    with itself and make SOURCE_DATE_EPOCH builds differ."""
    reading = re.compile(r"\b(?:now|today|utcnow)\(|\btime\.time\(|\btime\.(?:localtime|gmtime)\(")
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "lgsite").rglob("*.py")) if path.name != "clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if reading.search(line)
    ]
    assert not found, "\n".join(found)


# --- UK time from the time zone database ---------------------------------------------------------------------------


@pytest.mark.parametrize(("local", "offset"), [
    ("2031-03-30 00:59", "+00:00"),  # the last minute of GMT
    ("2031-03-30 01:30", "+00:00"),  # the hour the clocks skip is taken as GMT
    ("2031-03-30 02:00", "+01:00"),
    ("2031-10-26 01:30", "+01:00"),  # the hour that happens twice is taken as BST
    ("2031-10-26 02:00", "+00:00"),
    ("2040-07-04 12:00", "+01:00"),
])
def test_uk_times_get_the_offset_of_their_moment(local: str, offset: str) -> None:
    assert uktime.localise(dt.datetime.fromisoformat(local)).isoformat(timespec="minutes").endswith(offset)


def test_uk_wall_clock_at_a_moment() -> None:
    utc = dt.timezone.utc
    assert uktime.uk_now(dt.datetime(2031, 3, 30, 0, 59, tzinfo=utc)) == dt.datetime(2031, 3, 30, 0, 59)
    assert uktime.uk_now(dt.datetime(2031, 3, 30, 1, 0, tzinfo=utc)) == dt.datetime(2031, 3, 30, 2, 0)
    assert uktime.uk_now(dt.datetime(2031, 10, 26, 0, 30, tzinfo=utc)) == dt.datetime(2031, 10, 26, 1, 30)
    assert uktime.uk_now(dt.datetime(2031, 10, 26, 1, 30, tzinfo=utc)) == dt.datetime(2031, 10, 26, 1, 30)


# --- the clock decides what a build shows -------------------------------------------------------------------------


def write_dated_pages(project: Project) -> None:
    """An event, an alert and a special opening day, all on 1 June 2031."""
    project.write("docs/events/fun-day.md", """
        ---
        title: Fun day
        description: A fun day in the park.
        type: event
        start: 2031-06-01 10:00
        end: 2031-06-01 12:00
        ---
        Come along.
        """)
    project.write("docs/alerts/roadworks.md", """
        ---
        title: Roadworks on the High Street
        description: The High Street is closed to traffic.
        type: alert
        level: minor
        starts: 2031-05-01
        expires: 2031-06-01
        ---
        Use the diversion.
        """)
    project.write("docs/places/index.md", """
        ---
        title: Places
        description: Places to go.
        type: directory
        directory: places
        category: libraries
        ---
        Places.
        """)
    project.write("docs/places/hall.md", """
        ---
        title: Town hall
        description: The town hall.
        type: directory-entry
        directory: places
        address: {street: High Street, town: Testbury, postcode: TB1 1AA}
        opening_hours:
          - {days: [Mo-Fr], opens: "09:00", closes: "17:00"}
          - {date: 2031-06-01, closed: true}
        ---
        The hall.
        """)


def upcoming_and_past(site: Path) -> tuple[bool, bool]:
    html = (site / "events/index.html").read_text(encoding="utf-8")
    head, _, tail = html.partition("Past events")
    return "Fun day" in head.partition("Upcoming events")[2], "Fun day" in tail


def test_source_date_epoch_decides_what_is_past_in_uk_time(project: Project) -> None:
    write_dated_pages(project)
    result = project.build(env=as_of("2031-05-31T12:00:00+00:00"))
    assert result.returncode == 0, result.stderr
    assert upcoming_and_past(project.site) == (True, False)
    assert "lg-alert--minor" in (project.site / "index.html").read_text(encoding="utf-8")
    assert "Sunday 1 June 2031" in project.page("places/hall")
    assert b"DTSTAMP:20310531T120000Z\r\n" in (project.site / "events/fun-day.ics").read_bytes()

    # 23:30 UTC on 1 June is already 2 June in the UK (00:30 BST): the alert, which runs to the end of
    # 1 June, has expired, and 1 June is no longer a day to come, whatever the build machine's zone.
    result = project.build(env=as_of("2031-06-01T23:30:00+00:00"))
    assert result.returncode == 0, result.stderr
    assert upcoming_and_past(project.site) == (False, True)
    assert not (project.site / "alerts/roadworks").exists()
    assert "lg-alert--minor" not in (project.site / "index.html").read_text(encoding="utf-8")
    assert "1 June 2031" not in project.page("places/hall")
    assert b"DTSTAMP:20310601T233000Z\r\n" in (project.site / "events/events.ics").read_bytes()


# --- the example council, built at different moments -------------------------------------------------------------


def build_example(site_dir: Path, moment: str) -> Path:
    result = Project(REPO / "example-council").build("--site-dir", str(site_dir), env=as_of(moment))
    assert result.returncode == 0, result.stderr
    return site_dir


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is in one build and not the other, or whose bytes differ."""
    files = {path.relative_to(first) for path in first.rglob("*") if path.is_file()}
    others = {path.relative_to(second) for path in second.rglob("*") if path.is_file()}
    found = [f"only in the first: {path}" for path in sorted(files - others)]
    found += [f"only in the second: {path}" for path in sorted(others - files)]
    found += [f"differs: {path}" for path in sorted(files & others)
              if (first / path).read_bytes() != (second / path).read_bytes()]
    return found


def test_two_builds_at_the_same_moment_are_byte_identical(tmp_path: Path) -> None:
    moment = "2040-11-30T00:00:00+00:00"
    first = build_example(tmp_path / "first", moment)
    second = build_example(tmp_path / "second" / "elsewhere", moment)
    found = differences(first, second)
    assert not found, "\n".join(found)
    # The files that carry a time carry the build's moment, not the machine's.
    stamp = epoch(moment)
    with (first / "sitemap.xml.gz").open("rb") as handle:
        assert int.from_bytes(handle.read(8)[4:8], "little") == stamp  # the gzip header's mtime
    assert gzip.decompress((first / "sitemap.xml.gz").read_bytes()) == (first / "sitemap.xml").read_bytes()
    # lastmod says when a page last changed (its review date, its git history), never the build's moment.
    assert "<lastmod>2040-11-30</lastmod>" not in (first / "sitemap.xml").read_text(encoding="utf-8")
    calendar = (first / "events/events.ics").read_bytes()
    assert set(re.findall(rb"DTSTAMP:(\S+)", calendar)) == {b"20401130T000000Z"}
    json.loads((first / "lgsite-report.json").read_text(encoding="utf-8"))
    assert_dated_content_means_something(first)


@pytest.mark.parametrize("moment", ["2027-01-04T09:00:00+00:00", "2035-06-01T12:00:00+01:00"])
def test_the_example_councils_dated_content_means_something_whenever_it_is_built(
    tmp_path: Path, moment: str,
) -> None:
    assert_dated_content_means_something(build_example(tmp_path / "site", moment))


def assert_dated_content_means_something(site: Path) -> None:
    """Built at any moment to the end of 2040, the example has events to come and past, a live alert
    and an expired one, and special opening days still to come."""
    events = (site / "events/index.html").read_text(encoding="utf-8")
    assert "Upcoming events" in events and "Past events" in events
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "lg-alert--announcement" in home, "the welcome alert has no expiry"
    assert not (site / "alerts/flooding-on-the-riverside-road").exists(), "the flood alert expired long ago"
    centre = (site / "environment-and-waste/household-waste-recycling-centres/mill-lane/index.html")
    assert "Changes to opening hours" in centre.read_text(encoding="utf-8")
