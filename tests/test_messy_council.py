"""A council's content as its old platform exported it (tests/fixtures/messy-council): one normal build
takes it, every problem is a warning with its file and line in that one run, and what residents get is
good anyway. The browser gates check its pages in tests/browser/test_messy_council.py.

What is in it, as converters leave it: Drupal timestamps as dates, <p> soup and a field wrapper, a level 4
heading after the title, an empty heading, a second h1, /node/4 and other dead links, images with no alt
text and one that was never copied, a 300-row table and a 10-column one, two photos of several megabytes,
third-party scripts, images and iframes beside a video the council allows, venues with no street address,
abroad, online only and with opening hours as a sentence, an empty directory, a guide with subheadings
and no parts, and a page that duplicates a shared page's service.
"""

from __future__ import annotations

import json
import re
import subprocess

from conftest import LGSITE, MessyCouncil, problems_of
from html_reader import parse

DISCOUNTS = "docs/council-tax-and-benefits/council-tax-discounts.md"
NEWS = "docs/news/new-bin-rounds.md"

# Each problem the content has: where the build must say it is, and words of what it says.
EXPECTED = [
    (f"{DISCOUNTS}:7", "was due for review on 15 March 2024"),
    (f"{DISCOUNTS}:12", "has a level 4 heading 'Single person discount' after a level 1 heading"),
    (f"{DISCOUNTS}:14", "links to '/node/4', a page this site does not have"),
    (f"{DISCOUNTS}:16", "has an empty heading"),
    (f"{DISCOUNTS}:19", "links to '/council-tax/students'"),
    (f"{DISCOUNTS}:22", "has a second top-level heading 'Other discounts'"),
    (f"{DISCOUNTS}:24", "links to '../benefits/disabled-band-reduction.md'"),
    (f"{DISCOUNTS}:27", "has an image with no alt text"),
    (f"{DISCOUNTS}:27", "shows the image '/sites/default/files/2019-04/discount-leaflet.png'"),
    ("docs/environment-and-waste/images/litter-pick.png", "is 11.9 MB and 2600 × 1600 pixels"),
    ("docs/environment-and-waste/images/sweeper.jpg", "is 8.0 MB and 3600 × 2400 pixels"),
    ("docs/environment-and-waste/missed-bin-collections.md:6", "has lgsl: 524, like the shared page"),
    ("docs/environment-and-waste/street-cleaning.md:11", "has an image with no alt text"),
    ("docs/leisure-and-culture/allotments.md:6", "is the directory 'allotments', but no published"),
    ("docs/leisure-and-culture/community-venues/memorial-garden.md:7", "'opening_hours' is text"),
    (f"{NEWS}:12", "loads https://platform.twitter.example (<script>)"),
    (f"{NEWS}:14", "loads https://cdn.oldcms.example (<img>)"),
    (f"{NEWS}:16", "embeds https://maps.tracker.example"),
    (f"{NEWS}:18", "links to 'https://www.oldtown.example/bins/find-your-day'"),
]
WARNING = re.compile(r"^warning: (?P<where>[^ ]+?): (?P<what>.+)$")
# What the council has still to do that is not about its content: the links of its online services,
# and places for the bundled recycling centres directory.
NOT_CONTENT = ("needs the council's link for LGSL", "is the directory 'recycling-centres'")


def warnings_of(council: MessyCouncil) -> list[tuple[str, str]]:
    return [(match["where"], match["what"]) for match in map(WARNING.match, council.built.stderr.splitlines())
            if match]


def test_one_normal_build_takes_it_and_names_every_problem_with_its_line(messy_council: MessyCouncil) -> None:
    assert messy_council.built.returncode == 0, messy_council.built.stderr[-3000:]
    assert "error:" not in messy_council.built.stderr
    warnings = warnings_of(messy_council)
    missing = [(where, words) for where, words in EXPECTED
               if not any(found == where and words in what for found, what in warnings)]
    assert not missing, "\n".join(f"{where}: {words}" for where, words in missing)
    about_content = [(where, what) for where, what in warnings if not any(other in what for other in NOT_CONTENT)]
    assert len(about_content) == len(EXPECTED), "\n".join(f"{where}: {what}" for where, what in about_content)
    assert f": {len(warnings)} warnings, " in messy_council.built.stdout.splitlines()[-1]


def test_strict_fails_on_the_same_warnings_and_leaves_the_site_as_it_was(messy_council: MessyCouncil) -> None:
    home = messy_council.site / "index.html"
    before = home.read_bytes(), home.stat().st_mtime_ns
    strict = subprocess.run([str(LGSITE), "build", str(messy_council.root), "--strict"],
                            capture_output=True, text=True, timeout=600)
    assert strict.returncode == 1
    *problems, last = problems_of(strict)
    assert problems == [line for line in messy_council.built.stderr.splitlines() if line.startswith("warning: ")]
    assert last.startswith("error: --strict: ")
    assert (home.read_bytes(), home.stat().st_mtime_ns) == before


def page(council: MessyCouncil, url: str) -> str:
    return (council.site / url / "index.html").read_text(encoding="utf-8")


def test_a_300_row_table_scrolls_in_a_labelled_region_a_keyboard_reaches(messy_council: MessyCouncil) -> None:
    html = parse(page(messy_council, "council-tax-and-benefits/council-tax-bands"))
    [region] = html.find_all("div", class_="lg-table")
    assert (region.get("role"), region.get("tabindex")) == ("region", "0") and region.get("aria-label")
    assert len(region.find_all("tr")) == 301


def test_big_photos_reach_a_phone_as_small_copies(messy_council: MessyCouncil) -> None:
    html = parse(page(messy_council, "environment-and-waste/street-cleaning"))
    first, second = html.one("main").find_all("img")
    assert (first.get("width"), first.get("height")) == ("3600", "2400") and first.get("loading") is None
    assert second.get("loading") == "lazy"
    for image in (first, second):
        widths = dict(reversed(item.split()) for item in (image.get("srcset") or "").split(", "))
        assert set(widths) == {"400w", "800w", "1200w", "1600w"}
        for width in ("400w", "800w"):  # what a 375 px phone picks, at one or two device pixels a CSS pixel
            copy = (messy_council.site / "environment-and-waste/street-cleaning" / widths[width]).resolve()
            assert copy.stat().st_size <= 150_000, (copy.name, copy.stat().st_size)


def test_dates_from_another_system_are_read_as_uk_days_and_times(messy_council: MessyCouncil) -> None:
    assert "4 June 2019" in page(messy_council, "news/new-bin-rounds")
    # 17:00Z in November is 5pm on UK clocks.
    assert "Friday 30 November 2040, 5pm" in page(messy_council, "events/christmas-lights-switch-on")


def test_only_the_embed_the_council_allows_is_kept_and_the_report_lists_it(messy_council: MessyCouncil) -> None:
    html = page(messy_council, "news/new-bin-rounds")
    assert [frame.get("src") for frame in parse(html).find_all("iframe")] == [
        "https://www.youtube-nocookie.com/embed/abc123"]
    assert not any(origin in html for origin in ("twitter.example", "oldcms.example", "tracker.example"))
    report = json.loads((messy_council.site / "lgsite-report.json").read_text(encoding="utf-8"))
    assert report["embeds"] == {"news/new-bin-rounds.md": ["https://www.youtube-nocookie.com"]}


def test_venues_as_councils_have_them(messy_council: MessyCouncil) -> None:
    venues = "leisure-and-culture/community-venues"
    garden = page(messy_council, f"{venues}/memorial-garden")
    assert "Open daily, dawn to dusk" in garden and "OT1 2AB" in garden
    abroad = page(messy_council, f"{venues}/town-twinning-hall")
    assert "Saint-Aubin" in abroad and "France" in abroad
    assert "This is an online service: there is no place to visit." in page(messy_council,
                                                                             f"{venues}/room-booking-service")
    assert "52.4101" in page(messy_council, f"{venues}/riverside-pavilion")  # a map point, no street
    assert "There are no places in this directory yet." in page(messy_council, "leisure-and-culture/allotments")


def test_a_guide_with_subheadings_and_no_marked_parts_is_one_page(messy_council: MessyCouncil) -> None:
    guide = messy_council.site / "housing/apply-for-council-housing"
    assert sorted(path.name for path in guide.iterdir()) == ["index.html"]
    headings = [h.text for h in parse(page(messy_council, "housing/apply-for-council-housing")).find_all("h2")]
    assert {"Who can apply", "What you need", "How we decide"} <= set(headings)
