"""Directories and their entries: real builds, the opening hours model, and the "open now" script."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BASE_PROFILE, REPO, Project, engine_fails_with_one, engine_passes, make_project
from html_reader import Element, parse
from lgsite import opening_hours
from lgsite.errors import LgsiteError
from lgsite.opening_hours import Row, Session
from lgsite.ui_strings import format_time, ui_text

DIRECTORY = "environment-and-waste/recycling-centres"
SCRIPT = "assets/javascripts/opening-hours.js"


def lines_of(element: Element) -> str:
    """An element's text with a line break for each <br>, as an address is read aloud."""
    return "".join(child if isinstance(child, str) else "\n" if child.tag == "br" else lines_of(child)
                   for child in element.children)


def in_(element: Element, tag: str, class_name: str) -> bool:
    return any(parent.tag == tag and class_name in parent.classes for parent in element.ancestors())


def rows_of(table: Element) -> list[tuple[str, ...]]:
    """A table's (th, td) rows, without its heading row."""
    rows = [tuple(cell.raw_text.strip() for cell in row.find_all() if cell.tag in ("th", "td"))
            for row in table.find_all("tr")]
    return [row for row in rows if len(row) == 2 and row[0] not in ("Day", "Date")]


class Parsed:
    """What a test needs from a built page: tables, lists of places and filters, links, scripts and JSON-LD."""

    def __init__(self, html: str) -> None:
        page = parse(html)
        anchors = page.find_all("a")
        self.links = [(a.text, str(a.get("href"))) for a in anchors]  # (text, href) anywhere in the page
        self.places = [str(a.get("href")) for a in anchors if in_(a, "ul", "lg-places")]  # the list of places
        # (text, href, aria-current) in the filters
        self.filters = [(a.text, str(a.get("href")), a.get("aria-current") == "page")
                        for a in anchors if in_(a, "nav", "lg-filters")]
        self.scripts = [src for script in page.find_all("script") if (src := script.get("src"))]
        self.json_ld = page.json_ld()
        self.addresses = [lines_of(address) for address in page.find_all("address") if "lg-address" in address.classes]
        self.tables = [{"caption": caption.text if (caption := table.find("caption")) else "", "rows": rows_of(table)}
                       for table in page.find_all("table")]
        status = [element for element in page.elements() if element.get("data-opening-hours") is not None]
        self.status = status[0].attrs if status else None  # the "open now" element's attributes


def directory_project(project: Project) -> Project:
    """A district with a recycling centres directory of three centres, one facet, and hours with special dates."""
    project.write(f"docs/{DIRECTORY}.md", """
        ---
        title: Recycling centres
        description: Find a recycling centre.
        type: directory
        directory: recycling-centres
        category: rubbish-and-recycling
        facets:
          accepts: What it accepts
        ---
        Take what does not fit in your bins to a recycling centre.

        ## Charges

        Most waste is free to take.
        """)
    project.write(f"docs/{DIRECTORY}/mill-lane.md", """
        ---
        title: Mill Lane recycling centre
        description: Mill Lane recycling centre.
        type: directory-entry
        directory: recycling-centres
        address: {street: Mill Lane, locality: Westfield, town: Testbury, postcode: TB2 4RT}
        geo: {lat: 52.5391, lon: -1.3716}
        phone: 01632 960 300
        email: recycling@testbury.example
        opening_hours:
          - {days: [Mo-Fr], opens: "09:00", closes: "17:00"}
          - {days: [Sa], opens: "09:30", closes: "13:00"}
          - {days: [Sa], opens: "14:00", closes: "16:00"}
          - {date: 2020-12-25, closed: true}
          - {date: 2099-12-25, closed: true}
          - {date: 2099-12-24, opens: "09:00", closes: "12:00"}
        facets:
          accepts: [Garden waste, Tyres]
        ---
        Vans need a permit.
        """)
    project.write(f"docs/{DIRECTORY}/northfield.md", """
        ---
        title: Northfield recycling centre
        description: Northfield recycling centre.
        type: directory-entry
        directory: recycling-centres
        address: {street: Station Road, town: Testbury, postcode: TB4 7QX}
        opening_hours:
          - {days: [We-Su], opens: "08:00", closes: "20:00"}
        facets:
          accepts: [Garden waste]
        ---
        """)
    project.write(f"docs/{DIRECTORY}/easton.md", """
        ---
        title: Easton recycling centre
        description: Easton recycling centre.
        type: directory-entry
        directory: recycling-centres
        address: {street: Quarry Road, town: Testbury, postcode: TB6 2LB}
        ---
        """)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = directory_project(make_project(tmp_path_factory.mktemp("directory") / "council"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


def parsed(project: Project, url: str) -> Parsed:
    return Parsed(project.page(url))


# --- the directory and its filters --------------------------------------------------------------------------------


def test_directory_page_lists_its_entries_with_addresses(built: Project) -> None:
    page = parsed(built, DIRECTORY)
    assert page.places == ["easton/", "mill-lane/", "northfield/"]  # by title
    html = built.page(DIRECTORY)
    assert "Mill Lane, Westfield, Testbury, TB2 4RT" in html
    # The list sits between the introduction and the directory's own sections.
    assert html.index("Take what does not fit") < html.index("lg-places") < html.index("Charges")


def test_filters_are_plain_links_to_a_page_per_facet_value(built: Project) -> None:
    page = parsed(built, DIRECTORY)
    assert page.filters == [
        ("All places (3)", "./", True),
        ("Garden waste (2)", "accepts/garden-waste/", False),
        ("Tyres (1)", "accepts/tyres/", False),
    ]


@pytest.mark.parametrize("value, expected", [
    ("garden-waste", ["../../mill-lane/", "../../northfield/"]),
    ("tyres", ["../../mill-lane/"]),
])
def test_facet_pages_list_exactly_the_matching_entries(built: Project, value: str, expected: list[str]) -> None:
    page = parsed(built, f"{DIRECTORY}/accepts/{value}")
    assert page.places == expected
    current = [(text, href) for text, href, is_current in page.filters if is_current]
    assert current == [(current[0][0], "./")] and current[0][0].startswith(("Garden waste", "Tyres"))
    assert ("All places (3)", "../../", False) in page.filters
    assert f"Showing {len(expected)} of 3 places" in built.page(f"{DIRECTORY}/accepts/{value}")


def test_entries_and_filter_pages_stay_out_of_category_listings(built: Project) -> None:
    landing = parsed(built, "environment-and-waste")
    hrefs = {href for _, href in landing.links}
    assert "recycling-centres/" in hrefs
    assert not {href for href in hrefs if href.startswith("recycling-centres/") and href != "recycling-centres/"}
    a_to_z = (built.site / "a-to-z" / "index.html").read_text(encoding="utf-8")
    assert "mill-lane" not in a_to_z and "accepts/" not in a_to_z


# --- an entry ---------------------------------------------------------------------------------------------------


def test_entry_page_has_address_contact_and_a_link_back(built: Project) -> None:
    page = parsed(built, f"{DIRECTORY}/mill-lane")
    assert page.addresses[0].split("\n") == ["Mill Lane", "Westfield", "Testbury", "TB2 4RT"]
    assert ("01632 960 300", "tel:01632960300") in page.links
    assert ("recycling@testbury.example", "mailto:recycling@testbury.example") in page.links
    assert ("Recycling centres", "../") in page.links
    assert [(text, href) for text, href in page.links if href.startswith("../accepts/")] == [
        ("Garden waste", "../accepts/garden-waste/"), ("Tyres", "../accepts/tyres/"),
    ]


def test_opening_hours_are_a_plain_table_with_upcoming_changes(built: Project) -> None:
    page = parsed(built, f"{DIRECTORY}/mill-lane")
    usual, changes = page.tables
    assert usual["caption"] == "Usual opening hours"
    assert usual["rows"] == [
        ("Monday to Friday", "9am to 5pm"),
        ("Saturday", "9:30am to 1pm, 2pm to 4pm"),
        ("Sunday", "Closed"),
    ]
    # 25 December 2020 has passed, so only the dates still to come are listed.
    assert changes == {"caption": "Changes to opening hours", "rows": [
        ("Thursday 24 December 2099", "9am to midday"),
        ("Friday 25 December 2099", "Closed"),
    ]}
    html = built.page(f"{DIRECTORY}/mill-lane")
    assert "<th scope=row>Monday to Friday</th>" in html and "<th scope=col>Day</th>" in html


def test_open_now_region_is_polite_and_carries_the_hours(built: Project) -> None:
    page = parsed(built, f"{DIRECTORY}/mill-lane")
    assert page.status is not None and page.status["role"] == "status"
    data = json.loads(page.status["data-opening-hours"])
    assert data["week"][0] == [[540, 1020]] and data["week"][6] == []
    assert data["special"] == {"2099-12-24": [[540, 720]], "2099-12-25": []}


def test_entry_links_to_openstreetmap_without_embedding_a_map(built: Project) -> None:
    page = parsed(built, f"{DIRECTORY}/mill-lane")
    assert ("See Mill Lane recycling centre on OpenStreetMap",
            "https://www.openstreetmap.org/?mlat=52.5391&mlon=-1.3716#map=17/52.5391/-1.3716") in page.links
    html = built.page(f"{DIRECTORY}/mill-lane")
    assert "<iframe" not in html and "tile.openstreetmap" not in html
    # Without geo there is no map link.
    assert not [href for _, href in parsed(built, f"{DIRECTORY}/easton").links if "openstreetmap" in href]


def test_entry_json_ld_is_a_civic_structure_with_its_opening_hours(built: Project) -> None:
    [place] = [item for item in parsed(built, f"{DIRECTORY}/mill-lane").json_ld if item["@type"] == "CivicStructure"]
    assert place["@context"] == "https://schema.org"
    assert place["name"] == "Mill Lane recycling centre"
    assert place["url"] == f"https://www.testbury.example/{DIRECTORY}/mill-lane/"
    assert place["address"] == {
        "@type": "PostalAddress", "streetAddress": "Mill Lane, Westfield", "addressLocality": "Testbury",
        "postalCode": "TB2 4RT", "addressCountry": "GB",
    }
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 52.5391, "longitude": -1.3716}
    assert place["telephone"] == "01632 960 300"
    days = [f"https://schema.org/{day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")]
    assert place["openingHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": days, "opens": "09:00", "closes": "17:00"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Saturday"],
         "opens": "09:30", "closes": "13:00"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Saturday"],
         "opens": "14:00", "closes": "16:00"},
        {"@type": "OpeningHoursSpecification", "opens": "09:00", "closes": "12:00",
         "validFrom": "2099-12-24", "validThrough": "2099-12-24"},
        {"@type": "OpeningHoursSpecification", "opens": "00:00", "closes": "00:00",
         "validFrom": "2099-12-25", "validThrough": "2099-12-25"},
    ]


def test_entry_without_hours_has_no_table_and_no_script(built: Project) -> None:
    html = built.page(f"{DIRECTORY}/easton")
    assert "<table" not in html and "opening-hours.js" not in html


def test_the_script_is_loaded_only_on_entry_pages_and_deferred(built: Project) -> None:
    with_script = set()
    for file in built.site.rglob("*.html"):
        page = Parsed(file.read_text(encoding="utf-8"))
        if any(src.endswith(SCRIPT) for src in page.scripts):
            with_script.add(file.parent.relative_to(built.site).as_posix())
    assert with_script == {f"{DIRECTORY}/mill-lane", f"{DIRECTORY}/northfield"}
    html = built.page(f"{DIRECTORY}/mill-lane")
    assert f"<script defer src=../../../{SCRIPT}></script>" in html
    assert (built.site / SCRIPT).is_file()


# --- mistakes -----------------------------------------------------------------------------------------------------


def test_unknown_directory_id_is_one_line(project: Project) -> None:
    directory_project(project)
    project.write(f"docs/{DIRECTORY}/stray.md", """
        ---
        title: Stray centre
        description: A centre in a directory that does not exist.
        type: directory-entry
        directory: recycling-centers
        address: {street: Long Lane, town: Testbury, postcode: TB1 1AA}
        ---
        """)
    line = engine_fails_with_one(project)
    assert line == (
        f"error: docs/{DIRECTORY}/stray.md:5: directory is 'recycling-centers', which no published directory "
        f"page has. Published directories: recycling-centres ({DIRECTORY}.md)."
    )


def test_facet_the_directory_does_not_declare_is_one_line(project: Project) -> None:
    directory_project(project)
    project.write(f"docs/{DIRECTORY}/stray.md", """
        ---
        title: Stray centre
        description: A centre with a facet its directory does not have.
        type: directory-entry
        directory: recycling-centres
        address: {street: Long Lane, town: Testbury, postcode: TB1 1AA}
        facets:
          takes: [Tyres]
        ---
        """)
    line = engine_fails_with_one(project)
    assert line.startswith(f"error: docs/{DIRECTORY}/stray.md:8: facets has 'takes', which directory "
                           "'recycling-centres' does not declare (it declares: accepts)")


def test_overlapping_hours_are_one_line(project: Project) -> None:
    directory_project(project)
    project.write(f"docs/{DIRECTORY}/stray.md", """
        ---
        title: Stray centre
        description: A centre whose hours overlap.
        type: directory-entry
        directory: recycling-centres
        address: {street: Long Lane, town: Testbury, postcode: TB1 1AA}
        opening_hours:
          - {days: [Mo-Fr], opens: "09:00", closes: "17:00"}
          - {days: [Fr], opens: "16:00", closes: "18:00"}
        ---
        """)
    line = engine_fails_with_one(project)
    assert line.startswith(f"error: docs/{DIRECTORY}/stray.md:9: opening_hours gives Friday twice with times "
                           "that overlap: 9am to 5pm and 4pm to 6pm")


# --- the example council ------------------------------------------------------------------------------------------


def test_example_council_lists_its_recycling_centres(example_site: Path) -> None:
    url = "environment-and-waste/household-waste-recycling-centres"
    page = Parsed((example_site / url / "index.html").read_text(encoding="utf-8"))
    assert page.places == ["anytown-reuse-network/", "easton/", "mill-lane/", "northfield/", "riverside-bottle-bank/"]
    entry = Parsed((example_site / url / "northfield" / "index.html").read_text(encoding="utf-8"))
    assert entry.tables[0]["rows"] == [
        ("Monday", "9am to 4pm"), ("Tuesday", "Closed"), ("Wednesday to Sunday", "9am to 4pm"),
        ("Bank holidays", "Closed"),
    ]
    assert [label for label, hours in entry.tables[1]["rows"] if hours == "Closed: Christmas Day"]
    online = Parsed((example_site / url / "anytown-reuse-network" / "index.html").read_text(encoding="utf-8"))
    assert online.addresses == [] and ("reuse.anytown.example", "https://reuse.anytown.example/") in online.links
    bottle_bank = Parsed((example_site / url / "riverside-bottle-bank" / "index.html").read_text(encoding="utf-8"))
    assert bottle_bank.addresses == [] and [href for _, href in bottle_bank.links if "openstreetmap" in href]


# --- entries as councils have them: online, a map point only, abroad, bank holidays, notes ---------------------

AS_OF_1_DECEMBER_2026 = {"SOURCE_DATE_EPOCH": "1796126400"}  # 2026-12-01 12:00 UTC


def real_entries(project: Project) -> Project:
    """The recycling centres directory with entries shaped like content exported from another system."""
    directory_project(project)
    project.write(f"docs/{DIRECTORY}/mill-lane.md", """
        ---
        title: Mill Lane recycling centre
        description: Mill Lane recycling centre.
        type: directory-entry
        directory: recycling-centres
        address: {street: Mill Lane, town: Testbury, postcode: TB2 4RT}
        phone: 01632 960 300
        email: recycling@testbury.example
        website: https://www.testbury.example/recycling/mill-lane/
        opening_hours:
          - {days: [Mo-Sa], opens: "09:00", closes: "17:00"}
          - closed: bank-holidays
          - {date: 2026-12-28, opens: "10:00", closes: "14:00"}
          - note: Vans and trailers need a permit. Last entry is 15 minutes before closing.
        ---
        """)
    project.write(f"docs/{DIRECTORY}/swap-shop.md", """
        ---
        title: Testbury online swap shop
        description: Give away things you no longer need.
        type: directory-entry
        directory: recycling-centres
        online: true
        website: https://swap.testbury.example/
        ---
        """)
    project.write(f"docs/{DIRECTORY}/riverside.md", """
        ---
        title: Riverside glass bank
        description: Bottle banks in the riverside car park.
        type: directory-entry
        directory: recycling-centres
        geo: {lat: 52.5402, lon: -1.3801}
        opening_hours: Open every day, dawn to dusk.
        ---
        """)
    project.write(f"docs/{DIRECTORY}/dundalk.md", """
        ---
        title: Dundalk civic amenity site
        description: A site across the border that Testbury residents may use.
        type: directory-entry
        directory: recycling-centres
        address: {street: Coes Road, town: Dundalk, county: Louth, postcode: A91 K584, country: Ireland}
        ---
        """)
    return project


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, str]:
    project = real_entries(make_project(tmp_path_factory.mktemp("real") / "council"))
    result = project.build(env=AS_OF_1_DECEMBER_2026)
    assert result.returncode == 0, result.stderr
    return project, result.stderr


def test_text_opening_hours_are_shown_with_one_warning(real: tuple[Project, str]) -> None:
    project, printed = real
    warnings = [line for line in printed.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: docs/{DIRECTORY}/riverside.md:7: 'opening_hours' is text, so the page cannot say whether the place "
        "is open now and search engines cannot read the hours. Give them as a list like "
        '- {days: [Mo-Fr], opens: "09:00", closes: "17:00"}, and keep anything a table cannot say as - note: ...'
    ]
    page = parsed(project, f"{DIRECTORY}/riverside")
    html = project.page(f"{DIRECTORY}/riverside")
    assert "Open every day, dawn to dusk." in html and "Opening hours" in html
    # No table of "Closed" every day, no "open now" line, no script, no hours in the JSON-LD.
    assert page.tables == [] and page.status is None and not any(src.endswith(SCRIPT) for src in page.scripts)
    [place] = [item for item in page.json_ld if item["@type"] == "CivicStructure"]
    assert "openingHoursSpecification" not in place and "address" not in place
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 52.5402, "longitude": -1.3801}


def test_a_place_with_only_a_map_point_has_no_address_heading(real: tuple[Project, str]) -> None:
    project, _ = real
    html = project.page(f"{DIRECTORY}/riverside")
    page = parsed(project, f"{DIRECTORY}/riverside")
    assert page.addresses == [] and ">Address</h2>" not in html and ">Where it is</h2>" in html
    assert ("See Riverside glass bank on OpenStreetMap",
            "https://www.openstreetmap.org/?mlat=52.5402&mlon=-1.3801#map=17/52.5402/-1.3801") in page.links


def test_an_online_only_entry(real: tuple[Project, str]) -> None:
    project, _ = real
    page = parsed(project, f"{DIRECTORY}/swap-shop")
    html = project.page(f"{DIRECTORY}/swap-shop")
    assert page.addresses == [] and ">Address</h2>" not in html
    assert "This is an online service: there is no place to visit." in html
    assert ("swap.testbury.example", "https://swap.testbury.example/") in page.links
    [service] = [item for item in page.json_ld if item["@type"] == "Service"]
    assert service["availableChannel"] == {"@type": "ServiceChannel", "name": "Testbury online swap shop",
                                           "serviceUrl": "https://swap.testbury.example/"}
    assert not [item for item in page.json_ld if item["@type"] == "CivicStructure"]
    listing = project.page(DIRECTORY)
    item = listing[listing.index("swap-shop/"):]
    assert item.index("Online service") < item.index("</li>")


def test_contact_links_say_where_they_go(real: tuple[Project, str]) -> None:
    project, _ = real
    page = parsed(project, f"{DIRECTORY}/mill-lane")
    assert ("01632 960 300", "tel:01632960300") in page.links
    assert ("recycling@testbury.example", "mailto:recycling@testbury.example") in page.links
    assert ("www.testbury.example/recycling/mill-lane",
            "https://www.testbury.example/recycling/mill-lane/") in page.links
    assert "Website: <a" in project.page(f"{DIRECTORY}/mill-lane")


def test_an_address_outside_the_uk(real: tuple[Project, str]) -> None:
    project, _ = real
    page = parsed(project, f"{DIRECTORY}/dundalk")
    assert page.addresses[0].split("\n") == ["Coes Road", "Dundalk", "Louth", "A91 K584", "Ireland"]
    [place] = [item for item in page.json_ld if item["@type"] == "CivicStructure"]
    assert place["address"] == {"@type": "PostalAddress", "streetAddress": "Coes Road", "addressLocality": "Dundalk",
                                "postalCode": "A91 K584", "addressCountry": "Ireland", "addressRegion": "Louth"}


def test_closed_on_bank_holidays_lists_the_coming_ones_beside_a_note(real: tuple[Project, str]) -> None:
    project, _ = real
    page = parsed(project, f"{DIRECTORY}/mill-lane")
    usual, changes = page.tables
    assert usual["rows"] == [("Monday to Saturday", "9am to 5pm"), ("Sunday", "Closed"), ("Bank holidays", "Closed")]
    # Built on 1 December 2026 in England: the next year's bank holidays, the council's own 28 December winning.
    assert changes["rows"][:4] == [
        ("Friday 25 December 2026", "Closed: Christmas Day"),
        ("Monday 28 December 2026", "10am to 2pm"),
        ("Friday 1 January 2027", "Closed: New Year's Day"),
        ("Friday 26 March 2027", "Closed: Good Friday"),
    ]
    # A year ahead: up to the summer bank holiday of 2027, not yet its Christmas.
    assert changes["rows"][4:] == [
        ("Monday 29 March 2027", "Closed: Easter Monday"),
        ("Monday 3 May 2027", "Closed: Early May bank holiday"),
        ("Monday 31 May 2027", "Closed: Spring bank holiday"),
        ("Monday 30 August 2027", "Closed: Summer bank holiday"),
    ]
    html = project.page(f"{DIRECTORY}/mill-lane")
    assert "Vans and trailers need a permit. Last entry is 15 minutes before closing." in html
    data = json.loads(page.status["data-opening-hours"])
    assert data["special"]["2026-12-25"] == [] and data["special"]["2026-12-28"] == [[600, 840]]
    assert data["special"]["2027-05-31"] == []
    [place] = [item for item in page.json_ld if item["@type"] == "CivicStructure"]
    closed = [spec["validFrom"] for spec in place["openingHoursSpecification"] if spec.get("opens") == "00:00"]
    assert closed[:3] == ["2026-12-25", "2027-01-01", "2027-03-26"]


def test_bank_holidays_follow_the_council_country(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    real_entries(project)
    project.set_profile({**BASE_PROFILE, "country": "scotland", "tier": "unitary", "county": None})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AS_OF_1_DECEMBER_2026["SOURCE_DATE_EPOCH"])
    site = engine_passes(project)
    rows = site.page_context(f"{DIRECTORY}/mill-lane.md")["place"]["special"]
    labels = [(row.label, row.hours) for row in rows]
    assert labels[:3] == [("Friday 25 December 2026", "Closed: Christmas Day"),
                          ("Monday 28 December 2026", "10am to 2pm"),
                          ("Friday 1 January 2027", "Closed: New Year's Day")]
    assert ("Monday 4 January 2027", "Closed: 2 January (substitute day)") in labels
    assert ("Monday 2 August 2027", "Closed: Summer bank holiday") in labels
    assert not [label for label in labels if "Easter Monday" in label[1]]
    assert ("Tuesday 30 November 2027", "Closed: St Andrew's Day") in labels


def test_an_entry_with_no_address_map_point_or_online_is_one_line(project: Project) -> None:
    directory_project(project)
    project.write(f"docs/{DIRECTORY}/stray.md", """
        ---
        title: Stray centre
        description: A centre with nowhere to be.
        type: directory-entry
        directory: recycling-centres
        phone: 01632 960 999
        ---
        """)
    assert engine_fails_with_one(project) == (
        f"error: docs/{DIRECTORY}/stray.md:5: a directory entry needs an address, a map point (geo) or online: true, "
        "so residents know where to go. Add address: {street: 1 High Street, town: Anytown, postcode: AN1 1AA}, "
        "or geo: {lat: 51.5014, lon: -0.1419} for a place without a street address, "
        "or online: true for a service with no place to visit."
    )


@pytest.mark.parametrize("hours, message", [
    pytest.param('- {days: [Mo-Fr], opens: "09:00", closes: "17:00", note: Ring first.}', (
        "'opening_hours[0]' has 'note' and 'days' in one entry. Give note as an entry of its own, "
        "like - note: Last entry is 30 minutes before closing."), id="note-with-times"),
    pytest.param("- {days: [Sa], closed: bank-holidays}", (
        "'opening_hours[0]' has 'closed' and 'days' in one entry. Give closed as an entry of its own, "
        "like - closed: bank-holidays"), id="bank-holidays-with-days"),
    pytest.param("- closed: bank-holiday", (
        "'opening_hours[0].closed' must be true or false or one of bank-holidays, not 'bank-holiday'. "
        "Did you mean bank-holidays?"), id="misspelt"),
    pytest.param("- note: ''", (
        "'opening_hours[0].note' is empty. Write the note, or remove the entry."), id="empty-note"),
])
def test_opening_hours_mistakes_are_one_line(project: Project, hours: str, message: str) -> None:
    directory_project(project)
    project.write(f"docs/{DIRECTORY}/stray.md", f"""
        ---
        title: Stray centre
        description: A centre with odd hours.
        type: directory-entry
        directory: recycling-centres
        address: {{street: Long Lane, town: Testbury, postcode: TB1 1AA}}
        opening_hours:
          {hours}
        ---
        """)
    assert engine_fails_with_one(project) == f"error: docs/{DIRECTORY}/stray.md:8: {message}"


@pytest.mark.parametrize("written, message", [
    pytest.param("www.testbury.example/recycling", (
        "'website' must be a full web address starting https://, not 'www.testbury.example/recycling'. "
        "Add https:// at the start: https://www.testbury.example/recycling."), id="no-scheme"),
    pytest.param("'javascript:alert(1)'", (
        "'website' uses the javascript: scheme; only https:, http:, mailto:, tel: and relative addresses are "
        "allowed. Write the full address starting https://, with any space or quote percent-encoded (%20, %22)."),
        id="script"),
])
def test_a_bad_website_is_one_line(project: Project, written: str, message: str) -> None:
    directory_project(project)
    project.write(f"docs/{DIRECTORY}/stray.md", f"""
        ---
        title: Stray centre
        description: A centre with a bad website.
        type: directory-entry
        directory: recycling-centres
        online: true
        website: {written}
        ---
        """)
    assert engine_fails_with_one(project) == f"error: docs/{DIRECTORY}/stray.md:7: {message}"


# --- the opening hours model --------------------------------------------------------------------------------------


def entry(written: dict) -> opening_hours.Entry:
    """What the schema reads a front matter entry into (see test_typed.py for the schema's side)."""
    def minutes(text: str) -> int:
        return int(text[:2]) * 60 + int(text[3:])
    sessions = () if written.get("closed") else (Session(minutes(written["opens"]), minutes(written["closes"])),)
    day = dt.date.fromisoformat(written["date"]) if "date" in written else None
    return opening_hours.Entry(tuple(written.get("days", ())), day, sessions)


def hours(*entries: dict) -> opening_hours.OpeningHours:
    return opening_hours.parse([entry(e) for e in entries])


def test_consecutive_days_with_the_same_hours_share_a_row() -> None:
    week = hours(
        {"days": ["Mo-We"], "opens": "09:00", "closes": "17:00"},
        {"days": ["Th"], "opens": "09:00", "closes": "19:30"},
        {"days": ["Fr"], "opens": "09:00", "closes": "17:00"},
        {"days": ["Sa-Su"], "opens": "10:00", "closes": "12:00"},
    )
    assert opening_hours.week_rows(week) == [
        Row("Monday to Wednesday", "9am to 5pm"),
        Row("Thursday", "9am to 7:30pm"),
        Row("Friday", "9am to 5pm"),
        Row("Saturday and Sunday", "10am to midday"),
    ]


def test_days_not_given_are_closed_and_a_range_can_wrap_round_the_weekend() -> None:
    week = hours({"days": ["Fr-Mo"], "opens": "00:00", "closes": "24:00"})
    assert opening_hours.week_rows(week) == [
        Row("Monday", "midnight to midnight"),
        Row("Tuesday to Thursday", "Closed"),
        Row("Friday to Sunday", "midnight to midnight"),
    ]
    [spec] = opening_hours.schema_specifications(week)
    assert spec["dayOfWeek"][0] == "https://schema.org/Monday" and len(spec["dayOfWeek"]) == 4
    assert (spec["opens"], spec["closes"]) == ("00:00", "23:59")


def test_a_day_given_twice_gets_both_sessions_in_time_order() -> None:
    week = hours(
        {"days": ["Mo"], "opens": "14:00", "closes": "17:00"},
        {"days": ["Mo"], "opens": "09:00", "closes": "12:30"},
    )
    assert week.week[0] == (Session(540, 750), Session(840, 1020))
    assert opening_hours.week_rows(week)[0] == Row("Monday", "9am to 12:30pm, 2pm to 5pm")


def test_special_dates_in_order_and_past_ones_dropped() -> None:
    model = hours(
        {"days": ["Mo-Fr"], "opens": "09:00", "closes": "17:00"},
        {"date": "2026-12-25", "closed": True},
        {"date": "2026-12-24", "opens": "09:00", "closes": "12:00"},
        {"date": "2025-01-01", "closed": True},
    )
    assert opening_hours.special_rows(model) == [
        Row("Wednesday 1 January 2025", "Closed"),
        Row("Thursday 24 December 2026", "9am to midday"),
        Row("Friday 25 December 2026", "Closed"),
    ]
    later = opening_hours.upcoming(model, dt.date(2026, 12, 25))
    assert opening_hours.special_rows(later) == [Row("Friday 25 December 2026", "Closed")]
    assert opening_hours.script_data(later)["special"] == {"2026-12-25": []}


@pytest.mark.parametrize("minutes, text", [
    (0, "midnight"), (540, "9am"), (570, "9:30am"), (720, "midday"), (750, "12:30pm"), (1020, "5pm"),
    (1439, "11:59pm"), (1440, "midnight"),
])
def test_times_are_written_the_gov_uk_way(minutes: int, text: str) -> None:
    assert format_time(minutes) == text


def test_overlaps_and_contradictions_name_the_entry_line() -> None:
    lines = {("opening_hours", "1"): 12, ("opening_hours", "3"): 14}
    with pytest.raises(LgsiteError) as overlap:
        opening_hours.parse([entry(e) for e in (
            {"days": ["Mo-Fr"], "opens": "09:00", "closes": "17:00"},
            {"days": ["We"], "opens": "12:00", "closes": "13:00"},
        )], file="docs/x.md", line_of=lambda index: lines.get(("opening_hours", str(index))))
    assert str(overlap.value).startswith("docs/x.md:12: opening_hours gives Wednesday twice")
    with pytest.raises(LgsiteError) as both:
        opening_hours.parse([entry(e) for e in (
            {"days": ["Mo"], "opens": "09:00", "closes": "17:00"},
            {"days": ["Tu"], "opens": "09:00", "closes": "17:00"},
            {"date": "2026-12-25", "opens": "09:00", "closes": "12:00"},
            {"date": "2026-12-25", "closed": True},
        )], file="docs/x.md", line_of=lambda index: lines.get(("opening_hours", str(index))))
    assert str(both.value).startswith("docs/x.md:14: opening_hours says Friday 25 December 2026 is closed and also")


# --- the "open now" script ----------------------------------------------------------------------------------------

# Runs the theme's script in Node with a stand-in document and a fixed clock.
NODE_HARNESS = """
const fs = require("fs"), vm = require("vm");
const [file, data, words, now] = process.argv.slice(1);
const fixed = Date.parse(now);
class FixedDate extends Date { constructor(...a) { super(...(a.length ? a : [fixed])); } static now() { return fixed; } }
const output = { textContent: "", getAttribute: (name) => name === "data-opening-words" ? words : data };
const context = { Date: FixedDate, Intl, JSON, Object, Math, window: { Intl },
                  document: { querySelector: () => output } };
vm.runInNewContext(fs.readFileSync(file, "utf8"), context);
process.stdout.write(output.textContent);
"""
WEEK = {"week": [[[540, 1020]]] * 5 + [[[570, 780], [840, 960]], []], "special": {"2026-12-25": []}}


def script_words(lang: str) -> dict:
    """The words directory-entry.html gives the script, with their {time} and {day} fields left to it."""
    keys = {"open": "open_now", "closed": "closed_now", "opens": "closed_now_opens",
            "opensToday": "closed_now_opens_today", "tomorrow": "tomorrow", "midday": "midday",
            "midnight": "midnight", "am": "time_am", "pm": "time_pm"}
    return {**{name: ui_text(lang, key) for name, key in keys.items()},
            "days": [ui_text(lang, f"weekday_on_{n}") for n in range(1, 8)],
            "months": [ui_text(lang, f"month_{n}") for n in range(1, 13)]}


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the theme's script")
@pytest.mark.parametrize("now, text", [
    ("2026-11-30T10:00:00Z", "Open now. Closes at 5pm."),  # a Monday
    ("2026-11-30T08:15:00Z", "Closed now. Opens at 9am."),
    ("2026-11-30T17:00:00Z", "Closed now. Opens tomorrow at 9am."),
    ("2026-12-05T13:30:00Z", "Closed now. Opens at 2pm."),  # Saturday, closed for lunch
    ("2026-12-05T17:00:00Z", "Closed now. Opens on Monday at 9am."),
    ("2026-12-24T18:00:00Z", "Closed now. Opens on Saturday at 9:30am."),  # Christmas Day is closed
    ("2026-07-06T08:30:00Z", "Open now. Closes at 5pm."),  # 9:30am in London in summer time
    ("2026-11-30T10:00:00Z", "Ar agor nawr. Yn cau am 5yh."),  # on a Welsh page
    ("2026-12-05T17:00:00Z", "Ar gau nawr. Yn agor ddydd Llun am 9yb."),
    ("2026-11-30T17:00:00Z", "Ar gau nawr. Yn agor yfory am 9yb."),
])
def test_open_now_line(tmp_path: Path, now: str, text: str) -> None:
    script = REPO / "themes" / "council" / SCRIPT
    words = script_words("cy" if text.startswith("Ar ") else "en")
    result = subprocess.run(["node", "-e", NODE_HARNESS, str(script), json.dumps(WEEK), json.dumps(words), now],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout == text
