"""Content types as schemas: every bundled page passes, and each rule fails with file, line and a plain message."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from lgsite.errors import LgsiteError
from lgsite.layers import LayerFile, Page, display_path, load_page, scan
from lgsite.model import load_model
from lgsite.opening_hours import Session
from lgsite.schema import ContentTypes, load_types, validate_page
from lgsite.sources import Source, bundled_model_dir, bundled_source

REPO = Path(__file__).resolve().parent.parent
TYPES_DIR = bundled_model_dir() / "types"
MODEL = load_model(bundled_model_dir())
TYPES = load_types(TYPES_DIR)

ALL_TYPES = {
    "home", "category", "service", "guide", "step-by-step", "directory", "directory-entry", "news", "event",
    "alert", "contact", "service-status", "page",
}



def page_file(root: Path, relative: str, front_matter: str, *, source: Source | None = None) -> Page:
    """Write a real Markdown file and load it the way the build does."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{textwrap.dedent(front_matter).strip()}\n---\nBody text.\n", encoding="utf-8")
    layer_root = source.root if source else root
    layer_file = LayerFile(path.relative_to(layer_root).as_posix(), path, display_path(path, root), source)
    return load_page(layer_file, "inherited" if source else "local")


def error(page: Page, types: ContentTypes = TYPES) -> str:
    with pytest.raises(LgsiteError) as caught:
        validate_page(page, MODEL, types)
    text = str(caught.value)
    assert "\n" not in text
    return text


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return tmp_path


# --- the schemas themselves -------------------------------------------------------------------------------------


def test_every_type_has_a_schema() -> None:
    assert set(TYPES.names) == ALL_TYPES
    for name in ALL_TYPES:
        schema = TYPES.get(name)
        assert schema is not None and schema.description
        for key in ("title", "description"):
            assert schema.fields.by_name[key].required, (name, key)
        for key in ("owner", "last_reviewed", "review_by"):
            assert schema.fields.by_name[key].required_in_shared, (name, key)
        for key in ("template", "override", "remove_sections", "after", "hide", "search", "contacts", "related",
                    "summary", "tags", "status"):
            assert key in schema.fields.by_name, (name, key)
    for name in ("service", "guide", "step-by-step", "directory"):
        assert TYPES.get(name).fields.by_name["category"].required, name


def test_types_are_loaded_once_per_folder() -> None:
    assert load_types(TYPES_DIR) is TYPES


def test_editing_a_type_file_reloads_it(tmp_path: Path) -> None:
    folder = tmp_path / "types"
    shutil.copytree(TYPES_DIR, folder)
    first = load_types(folder)
    news = folder / "news.yml"
    news.write_text(news.read_text(encoding="utf-8") + "  image: url\n", encoding="utf-8")
    second = load_types(folder)
    assert second is not first and "image" in second.get("news").fields.by_name


def test_a_broken_type_file_names_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "types"
    folder.mkdir()
    shutil.copy(TYPES_DIR / "_common.yml", folder)
    (folder / "news.yml").write_text(
        "description: A news article.\nfields:\n  date: {type: dat, required: true}\n", encoding="utf-8"
    )
    with pytest.raises(LgsiteError) as caught:
        load_types(folder)
    assert str(caught.value).endswith(
        "news.yml:3: field 'date' has unknown type 'dat'. Did you mean date?"
    )


def test_a_type_file_with_an_unknown_setting(tmp_path: Path) -> None:
    folder = tmp_path / "types"
    folder.mkdir()
    shutil.copy(TYPES_DIR / "_common.yml", folder)
    (folder / "event.yml").write_text(
        "description: An event.\nfields:\n  start: {type: datetime, requried: true}\n", encoding="utf-8"
    )
    with pytest.raises(LgsiteError) as caught:
        load_types(folder)
    assert str(caught.value).endswith("event.yml:3: field 'start' has an unknown setting 'requried'. Did you mean required?")


# --- every bundled shared page passes ---------------------------------------------------------------------------


def bundled_pages() -> list[object]:
    source = bundled_source()
    params = []
    for path, layer_file in scan(source.root, source, REPO).items():
        if not path.endswith(".md"):
            continue
        params.append(pytest.param(layer_file, id=path))
    return params


@pytest.mark.parametrize("layer_file", bundled_pages())
def test_bundled_shared_page_is_valid(layer_file: LayerFile) -> None:
    page = load_page(layer_file, "inherited")
    assert page.provenance.source != "local" and page.provenance.file.startswith("shared:bundled/pages/")
    validate_page(page, MODEL, TYPES)


def test_bundled_pages_use_many_types() -> None:
    source = bundled_source()
    used = {load_page(f, "inherited").type for p, f in scan(source.root, source, REPO).items() if p.endswith(".md")}
    assert {"home", "service", "guide", "step-by-step", "directory", "contact", "page"} <= used


# --- one failure per rule ---------------------------------------------------------------------------------------


LIBRARY = """
    title: Anytown Library
    description: Opening hours and how to get there.
    type: directory-entry
    directory: libraries
    address: {street: 1 High Street, town: Anytown, postcode: AN1 1AA}
    geo: {lat: 51.5014, lon: -0.1419}
    phone: 01632 960 000
    email: library@anytown.gov.uk"""


def library(more: str) -> str:
    """The LIBRARY front matter with more keys after it, each part dedented on its own."""
    return textwrap.dedent(LIBRARY).strip() + "\n" + textwrap.dedent(more).strip()


@pytest.mark.parametrize(("path", "front_matter", "message"), [
    pytest.param("docs/a.md", """
        title: A
        type: servise
        description: B
    """, (
        "docs/a.md:3: unknown type 'servise'. Did you mean service? Known types: service, service-status, event, "
        "step-by-step, alert, directory-entry, category, directory, home, news, page, guide, contact."
    ), id="unknown-type"),
    pytest.param("docs/a.md", """
        title: Our history
        description: How the council came to be.
        start: {interaction: pay, label: Pay}
    """, (
        "docs/a.md:4: unknown key 'start' in a page. start is a key of event pages and service pages: "
        "set type: event, or remove start."
    ), id="missing-type-means-page"),
    pytest.param("docs/pay.md", """
        title: Pay your council tax
        description: Pay it online.
        type: service
    """, (
        "docs/pay.md:1: a service page needs 'category'. Add it, for example category: council-tax."
    ), id="missing-required-field"),
    pytest.param("docs/pay.md", """
        title: Pay your council tax
        description: Pay it online.
        type: service
        category: council-tax
        start:
          interaction: pay
    """, (
        "docs/pay.md:6: a service page needs 'start.label'. "
        "Add it under start:, for example label: Pay your council tax."
    ), id="missing-nested-field-points-at-its-parent"),
    pytest.param("docs/a.md", """
        title: A
        description: B
        last_reviewed: 2026-11-20
        review_by: 2025-11-20
    """, (
        "docs/a.md:5: page 'review_by' is 2025-11-20, which is before 'last_reviewed' 2026-11-20. "
        "Set review_by after last_reviewed."
    ), id="review-by-before-last-reviewed"),
    pytest.param("docs/news/fair.md", """
        title: Winter fair
        description: Come to the winter fair.
        type: news
        date: 26/11/2026
    """, (
        "docs/news/fair.md:5: 'date' must be a date like 2026-11-26, not '26/11/2026'. "
        "Write the year first: date: 2026-11-26."
    ), id="wrong-date"),
    pytest.param("docs/news/fair.md", """
        title: Winter fair
        description: Come to the winter fair.
        type: news
        date: 2026-02-30
    """, (
        "docs/news/fair.md:5: 'date' is 2026-02-30, which is not a real date. "
        "Check the day and month: dates are YYYY-MM-DD."
    ), id="date-not-in-the-calendar"),
    pytest.param("docs/pay.md", """
        title: Pay your council tax
        description: Pay it online.
        type: service
        category: council-tax
        start:
          interaction: pay
          label: Pay now
          url: www.anytown.gov.uk/pay
    """, (
        "docs/pay.md:9: 'start.url' must be a full web address starting https://, not 'www.anytown.gov.uk/pay'. "
        "Add https:// at the start: https://www.anytown.gov.uk/pay."
    ), id="bad-url"),
    pytest.param("docs/bins.md", """
        title: Bins
        description: Bin collections.
        lgsl: 525
    """, (
        "docs/bins.md:4: 'lgsl' is 525, which is not a known LGSL service number. Nearest known: "
        "523 (Commercial clinical waste disposal), 524 (Household waste collection), 526 (Household waste containers). "
        "See the LGSL list in content-model/architecture/services.yml."
    ), id="unknown-lgsl-lists-the-nearest"),
    pytest.param("docs/recycling.md", """
        title: Recycling
        description: What goes in your recycling.
        category: rubbish-and-recyling
    """, (
        "docs/recycling.md:4: 'category' is 'rubbish-and-recyling', which is not a known category. "
        "Did you mean rubbish-and-recycling? Categories are listed in content-model/architecture/categories.yml."
    ), id="unknown-category-suggests-the-nearest"),
    pytest.param("docs/library.md", library("""
        opening_hours:
          - {days: [Mo-Fr], opens: "09:00", closes: "17:00"}
          - {days: [Sa], opens: "10:00", closes: "13:00"}
          - days: [Su]
            opens: "13:00"
            closes: "10:00"
    """), (
        "docs/library.md:15: directory-entry 'opening_hours[2].closes' is 10:00, which is before "
        "'opening_hours[2].opens' 13:00. Set closes after opens."
    ), id="opening-hours-closing-before-opening"),
    pytest.param("docs/library.md", library("""
        opening_hours:
          - {days: [Mon, Tue], opens: "09:00", closes: "17:00"}
    """), (
        "docs/library.md:11: 'opening_hours[0].days[0]' must be a day (Mo, Tu, We, Th, Fr, Sa, Su) or a range "
        "like Mo-Fr, not 'Mon'. Did you mean Mo?"
    ), id="opening-hours-unknown-day"),
    pytest.param("docs/library.md", library("""
        opening_hours:
          - days: [Mo-Fr]
            opens: "09:00"
            closes: 17:00
    """), (
        "docs/library.md:13: 'opening_hours[0].closes' must be a time like \"09:30\", not 1020. "
        "Put the time in quotes: closes: \"17:00\". Without quotes YAML reads it as a number."
    ), id="opening-hours-unquoted-time"),
    pytest.param("docs/library.md", library("""
        opening_hours:
          - {days: [Mo-Fr], opens: "09:00:00", closes: 17:30:00}
    """), (
        "docs/library.md:11: 'opening_hours[0].closes' must be a time like \"09:30\", not 63000. "
        "Put the time in quotes: closes: \"17:30\". Without quotes YAML reads it as a number."
    ), id="opening-hours-unquoted-time-with-seconds"),
    pytest.param("docs/library.md", library("""
        opening_hours:
          - {opens: "09:00", closes: "17:00"}
    """), (
        "docs/library.md:11: 'opening_hours[0]' needs 'days' or 'date'. "
        "Give days: [Mo-Fr] for regular hours, or date: 2026-12-25 for one day that differs. "
        "Other entries can be closed: bank-holidays or a note."
    ), id="opening-hours-without-days-or-date"),
    pytest.param("content-model/pages/x.md", """
        title: Spring fair
        description: Come to the spring fair.
        type: event
        location: Anytown Park
        start: 2026-05-02 09:00
        end: 2026-05-01 10:00
    """, (
        "content-model/pages/x.md:7: event 'end' is 2026-05-01 10:00, which is before 'start' 2026-05-02 09:00. "
        "Set end after start."
    ), id="event-end-before-start"),
    pytest.param("docs/pay.md", """
        title: Pay your council tax
        description: Pay it online.
        type: service
        catgory: council-tax
    """, (
        "docs/pay.md:5: unknown key 'catgory' in a service page. Did you mean category?"
    ), id="unknown-key-suggests-the-nearest"),
    pytest.param("docs/steps.md", """
        title: Get planning permission
        description: The steps to get planning permission.
        type: step-by-step
        category: planning-applications
        steps:
          - title: Check first
            tasks:
              - text: Check if you need permission
                page: check-if-you-need-planning-permission.md
          - title: Apply
            tasks:
              - text: Apply on the Planning Portal
                page: apply-for-planning-permission.md
                url: https://www.planningportal.co.uk/
    """, (
        "docs/steps.md:13: 'steps[1].tasks[0]' has both 'page' and 'url'. Keep only one of page, url."
    ), id="step-task-with-both-page-and-url"),
    pytest.param("docs/a.md", """
        title: A
        description: B
        related:
          - {text: Council tax, page: council-tax.md}
          - text: GOV.UK
    """, (
        "docs/a.md:6: 'related[1]' needs 'page' or 'url'. Give one of page, url."
    ), id="related-link-without-page-or-url"),
])
def test_rule_fails_with_file_line_and_message(docs: Path, path: str, front_matter: str, message: str) -> None:
    assert error(page_file(docs, path, front_matter)) == message


@pytest.mark.parametrize(("path", "front_matter", "message_start"), [
    pytest.param("docs/tax.md", """
        title: Council tax
        description: Council tax.
        category: Council tax
    """, (
        "docs/tax.md:4: 'category' is 'Council tax', which is not a known category. "
        "Did you mean council-tax,"
    ), id="category-label-instead-of-slug"),
    pytest.param("docs/bins-status.md", """
        title: Bin collections are running late
        description: Collections are a day late this week.
        type: service-status
        status: disrupted
        expires: 2026-12-29
        services: [524, 9999]
    """, (
        "docs/bins-status.md:7: 'services[1]' is 9999, which is not a known LGSL service number."
    ), id="service-status-unknown-lgsl"),
])
def test_rule_fails_with_a_message_starting(docs: Path, path: str, front_matter: str, message_start: str) -> None:
    assert error(page_file(docs, path, front_matter)).startswith(message_start)


@pytest.mark.parametrize(("path", "front_matter"), [
    pytest.param("docs/library.md", library("""
        opening_hours:
          - {days: [Mo-Fr], opens: "09:00", closes: "17:00"}
          - {days: [Sa], opens: "10:00", closes: "24:00"}
          - {date: 2026-12-25, closed: true}
          - {date: 2026-12-24, opens: "09:00", closes: "12:00"}
    """), id="good-opening-hours"),
    pytest.param("docs/fair.md", """
        title: Spring fair
        description: Come to the spring fair.
        type: event
        start: 2026-05-02T09:00
        end: 2026-05-02 16:30
    """, id="event-start-with-a-t"),
    pytest.param("docs/contact.md", """
        title: Contact us
        description: How to contact us.
        type: contact
        phone: "{{ council.contact.phone }}"
        email: "{{ council.contact.email }}"
        address: "{{ council.contact.address }}"
        hours: Monday to Friday, except bank holidays
    """, id="contact-with-council-variables"),
])
def test_good_page_is_valid(docs: Path, path: str, front_matter: str) -> None:
    validate_page(page_file(docs, path, front_matter), MODEL, TYPES)


def test_shared_pages_must_say_who_reviews_them(docs: Path) -> None:
    shared = Source(name="county", kind="path", root=docs / "shared")
    text = """
        title: Recycling
        description: What goes in your recycling.
        owner: Waste team
        last_reviewed: 2026-11-20
    """
    assert error(page_file(docs, "shared/recycling.md", text, source=shared)) == (
        "shared/recycling.md:1: a shared page needs 'review_by'. Every page in a shared content model must have it. "
        "Add it, for example review_by: 2027-05-20."
    )
    validate_page(page_file(docs, "docs/recycling.md", text), MODEL, TYPES)  # a council's own page may leave it out


def test_bad_postcode_and_geo(docs: Path) -> None:
    page = page_file(docs, "docs/library.md", LIBRARY.replace("AN1 1AA", "ANYTOWN"))
    assert error(page) == ("docs/library.md:6: 'address.postcode' must be a UK postcode like AN1 1AA, not 'ANYTOWN'. "
                           "For an address outside the UK, give its country, like country: Ireland.")
    page = page_file(docs, "docs/library.md", LIBRARY.replace("lat: 51.5014", "lat: 151.5"))
    assert error(page) == (
        "docs/library.md:7: 'geo.lat' is 151.5, which is outside the range allowed. Use a number from -90 to 90."
    )


# --- the other types' own rules ---------------------------------------------------------------------------------


def test_alert_level_and_dates(docs: Path) -> None:
    text = """
        title: Bin collections in the snow
        description: Some collections are late.
        type: alert
        level: {level}
        starts: 2026-12-24
        expires: {expires}
    """
    ok = page_file(docs, "docs/alert.md", text.replace("{level}", "minor").replace("{expires}", "2026-12-24"))
    validate_page(ok, MODEL, TYPES)  # a date alone is the whole day
    assert error(page_file(docs, "docs/alert.md", text.replace("{level}", "urgent").replace("{expires}", "2027-01-01"))) == (
        "docs/alert.md:5: 'level' must be one of emergency, death-of-a-notable-person, minor, announcement, "
        "not 'urgent'"
    )
    assert error(page_file(docs, "docs/alert.md", text.replace("{level}", "minor").replace("{expires}", "soon"))) == (
        "docs/alert.md:7: 'expires' must be a date and time like 2026-11-26 09:30 or a date like 2026-11-26, "
        "not 'soon'"
    )


def test_long_title_and_quoted_numbers(docs: Path) -> None:
    page = page_file(docs, "docs/a.md", f"""
        title: {"Find out about " * 5}
        description: B
    """)
    warnings: list[LgsiteError] = []
    validate_page(page, MODEL, TYPES, warn=warnings.append)  # a long title is advice, not an error
    assert [str(w) for w in warnings] == [
        "docs/a.md:2: 'title' is 74 characters long; more than 65 is cut short in search results and hard to scan. "
        "Shorten it to 65 characters or fewer, keeping the words residents look for at the start."
    ]
    page = page_file(docs, "docs/a.md", """
        title: 2026
        description: B
    """)
    assert error(page) == "docs/a.md:2: 'title' must be text, not 2026. Put it in quotes: title: \"2026\"."


def test_validation_does_not_change_the_page(docs: Path) -> None:
    page = page_file(docs, "docs/library.md", LIBRARY)
    before = repr(page.meta)
    validate_page(page, MODEL, TYPES)
    assert repr(page.meta) == before


# --- dates as other systems export them -------------------------------------------------------------------------


def typed_value(docs: Path, key_type: str, key: str, value: str) -> object:
    """The typed value of one date field, written as a page of `key_type`."""
    extra = {"news": "", "event": "", "alert": "level: minor\n"}[key_type]
    page = page_file(docs, "docs/x.md", f"title: X\ndescription: Y\ntype: {key_type}\n{extra}{key}: {value}\n")
    return validate_page(page, MODEL, TYPES)[key]


@pytest.mark.parametrize(("written", "expected"), [
    pytest.param("2022-03-15", dt.date(2022, 3, 15), id="date"),
    pytest.param("2022-03-15T00:00:00", dt.date(2022, 3, 15), id="drupal-midnight"),
    pytest.param("'2022-03-15T00:00:00'", dt.date(2022, 3, 15), id="quoted"),
    pytest.param("2022-03-15T00:00", dt.date(2022, 3, 15), id="midnight-without-seconds"),
    pytest.param("2022-03-15T00:00:00.000Z", dt.date(2022, 3, 15), id="midnight-utc-with-fraction"),
    pytest.param('"2022-03-15T00:00:00+01:00"', dt.date(2022, 3, 15), id="midnight-with-offset-keeps-its-day"),
    pytest.param("2022-03-15 00:00:00", dt.date(2022, 3, 15), id="space"),
    # A publishing system's timestamp is the day it was in the UK: the time is dropped, not refused.
    pytest.param("2019-06-04T10:15:00+01:00", dt.date(2019, 6, 4), id="drupal-timestamp"),
    pytest.param("2022-03-15T09:30:00", dt.date(2022, 3, 15), id="time-of-day"),
    pytest.param("2026-03-31T23:30:00Z", dt.date(2026, 4, 1), id="utc-late-evening-is-the-next-uk-day"),
])
def test_a_date_field_takes_a_date_time_as_its_uk_day(docs: Path, written: str, expected: dt.date) -> None:
    assert typed_value(docs, "news", "date", written) == expected


@pytest.mark.parametrize(("written", "expected"), [
    pytest.param("2026-05-02 09:00", dt.datetime(2026, 5, 2, 9, 0), id="lgsite-style"),
    pytest.param("2026-05-02T09:30", dt.datetime(2026, 5, 2, 9, 30), id="iso-without-seconds"),
    pytest.param("2026-05-02T09:30:15", dt.datetime(2026, 5, 2, 9, 30, 15), id="iso-with-seconds"),
    pytest.param("'2026-05-02T09:30:00'", dt.datetime(2026, 5, 2, 9, 30), id="quoted"),
    # 08:30 UTC in May is 09:30 on UK clocks (BST); in January, UTC is UK time.
    pytest.param("2026-05-02T08:30:00Z", dt.datetime(2026, 5, 2, 9, 30), id="utc-in-summer"),
    pytest.param("2026-01-15T08:30:00.000Z", dt.datetime(2026, 1, 15, 8, 30), id="utc-in-winter"),
    pytest.param('"2026-05-02T09:30:00+01:00"', dt.datetime(2026, 5, 2, 9, 30), id="bst-offset"),
    pytest.param("2026-01-15T10:30+0200", dt.datetime(2026, 1, 15, 8, 30), id="compact-offset"),
    pytest.param("2026-01-15 03:30:00 -05:00", dt.datetime(2026, 1, 15, 8, 30), id="yaml-timestamp-style"),
    pytest.param("2026-03-31T23:30:00Z", dt.datetime(2026, 4, 1, 0, 30), id="zone-moves-the-day"),
    pytest.param("2026-05-02T24:00", dt.datetime(2026, 5, 3, 0, 0), id="end-of-day"),
])
def test_a_datetime_field_reads_iso_8601_as_uk_time(docs: Path, written: str, expected: dt.datetime) -> None:
    typed = typed_value(docs, "event", "start", written)
    assert typed == expected and isinstance(typed, dt.datetime) and typed.tzinfo is None


def test_an_alert_window_reads_exported_times(docs: Path) -> None:
    """[datetime, date] fields: a date-time with a zone is a moment, a date alone is still a whole day."""
    assert typed_value(docs, "alert", "expires", "2026-12-24T17:00:00Z") == dt.datetime(2026, 12, 24, 17, 0)
    assert typed_value(docs, "alert", "expires", "2026-12-24") == dt.date(2026, 12, 24)


@pytest.mark.parametrize(("key_type", "key", "written", "message"), [
    pytest.param("news", "date", "2022-02-30T00:00:00", (
        "docs/x.md:5: 'date' is 2022-02-30T00:00:00, which is not a real date. "
        "Check the day and month: dates are YYYY-MM-DD."
    ), id="date-not-in-the-calendar"),
    pytest.param("event", "start", "2026-05-02T25:00", (
        "docs/x.md:5: 'start' is 2026-05-02T25:00, which is not a real date and time. "
        "Check the day, month and time: write YYYY-MM-DD HH:MM, with hours 00 to 23."
    ), id="hour-25"),
    pytest.param("event", "start", "2026-05-02T09:00+25:00", (
        "docs/x.md:5: 'start' is 2026-05-02T09:00+25:00, whose time zone +25:00 is not a real offset. "
        "Write the offset from UTC like +01:00, or Z for UTC, or leave it out for UK time."
    ), id="offset-out-of-range"),
    pytest.param("event", "start", "2026-05-02T09:00 BST", (
        "docs/x.md:5: 'start' must be a date and time like 2026-11-26 09:30, not '2026-05-02T09:00 BST'"
    ), id="zone-name"),
    pytest.param("event", "start", "2/5/2026 09:00", (
        "docs/x.md:5: 'start' must be a date and time like 2026-11-26 09:30, not '2/5/2026 09:00'. "
        "Write the year first: start: 2026-05-02 09:00."
    ), id="uk-order"),
    pytest.param("event", "start", "0001-01-01T00:30+01:00", (
        "docs/x.md:5: 'start' is 0001-01-01T00:30+01:00, which is outside the calendar in UK time. "
        "Use a date between the years 1 and 9999."
    ), id="before-the-calendar"),
])
def test_nonsense_dates_are_one_clear_line(docs: Path, key_type: str, key: str, written: str, message: str) -> None:
    page = page_file(docs, "docs/x.md", f"title: X\ndescription: Y\ntype: {key_type}\n{key}: {written}\n")
    assert error(page) == message


def test_addresses_without_a_street_and_outside_the_uk(docs: Path) -> None:
    no_street = validate_page(page_file(docs, "docs/library.md", LIBRARY.replace("street: 1 High Street, ", "")),
                              MODEL, TYPES)
    assert no_street["address"] == {"town": "Anytown", "postcode": "AN1 1AA"}
    abroad = LIBRARY.replace("postcode: AN1 1AA", "postcode: A91 K584, country: Ireland")
    assert validate_page(page_file(docs, "docs/library.md", abroad), MODEL, TYPES)["address"]["postcode"] == "A91 K584"
    no_code = LIBRARY.replace(", postcode: AN1 1AA", ", country: France")
    assert "postcode" not in validate_page(page_file(docs, "docs/library.md", no_code), MODEL, TYPES)["address"]
    # A UK country, however written, keeps the UK postcode rule.
    uk = LIBRARY.replace("postcode: AN1 1AA", "postcode: D02 X285, country: U.K.")
    assert error(page_file(docs, "docs/library.md", uk)).startswith(
        "docs/library.md:6: 'address.postcode' must be a UK postcode like AN1 1AA, not 'D02 X285'")


def test_a_time_with_zero_seconds_is_read(docs: Path) -> None:
    hours = validate_page(page_file(docs, "docs/library.md", library("""
        opening_hours:
          - {days: [Mo-Fr], opens: "09:00:00", closes: "17:30:00"}
    """)), MODEL, TYPES)["opening_hours"]
    assert hours.week[0] == (Session(9 * 60, 17 * 60 + 30),)
