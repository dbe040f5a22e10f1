"""Parse, don't just validate: typed front matter, council.yml through the schema, one rule each.

The engine tests assemble a site in-process from a real folder (no MkDocs) and
look at what the generators were given; the build tests run `lgsite build` and
read what it prints.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from pathlib import Path

import pytest

from conftest import BASE_PROFILE, FIXTURES, Project, fails, make_project, passes
from lgsite import opening_hours, rules
from lgsite.engine import Settings, open_project
from lgsite.generate import events, notices, page_extras
from lgsite.site import Site


def assemble(project: Project) -> Site:
    settings = Settings(base=project.root, docs_dir=project.root / "docs",
                        shared=(str(FIXTURES / "shared-basic"),), site_url="https://www.testbury.example/")
    return open_project(settings).assemble()


@pytest.fixture
def typed_site(project: Project) -> Site:
    project.write("docs/events/litter-pick.md", """
        ---
        title: Litter pick on the green
        description: Help clear the village green of litter.
        type: event
        start: 2039-05-02 09:00
        end: 2039-05-02 12:30
        location: Village green
        ---
        Bring gloves.
        """)
    project.write("docs/alerts/flood.md", """
        ---
        title: Flood warning
        description: Roads near the river are closed.
        type: alert
        level: emergency
        expires: 2039-12-31
        ---
        Avoid the river roads.
        """)
    project.write("docs/contact-the-library.md", """
        ---
        title: Contact the library
        description: How to reach Testbury Library.
        type: contact
        phone: 01632 960 222
        hours:
          - {days: [Mo-Fr], opens: "09:00", closes: "17:30"}
          - {date: 2039-12-25, closed: true}
        ---
        """)
    site = assemble(project)
    assert not site.problems.errors, [str(p) for p in site.problems.items]
    return site


def test_dates_and_times_reach_the_generators_typed(typed_site: Site) -> None:
    event = typed_site.pages["events/litter-pick.md"]
    assert event.data["start"] == dt.datetime(2039, 5, 2, 9, 0)
    assert events.starts(event) is event.data["start"]
    assert events.ends(event) == dt.datetime(2039, 5, 2, 12, 30)
    assert event.meta["start"] == "2039-05-02 09:00"  # the front matter MkDocs and templates see stays as written


def test_dates_exported_by_other_systems_build_as_uk_times(project: Project) -> None:
    """Drupal-style and zoned ISO 8601, quoted or not, through a real build: the pages say UK times."""
    project.write("docs/news/fete.md", """
        ---
        title: Summer fete
        description: The summer fete is back.
        type: news
        date: 2039-03-15T00:00:00
        last_reviewed: '2039-03-15T00:00:00+00:00'
        ---
        Come along.
        """)
    project.write("docs/events/summer-fete.md", """
        ---
        title: Summer fete on the green
        description: Stalls, games and music.
        type: event
        start: 2039-07-02T09:00:00Z
        end: "2039-07-02T16:30:00.000+01:00"
        location: Village green
        ---
        Bring the family.
        """)
    passes(project)
    news = project.page("news/fete")
    assert "Published <time datetime=2039-03-15>15 March 2039</time>" in news
    event = project.page("events/summer-fete")
    # 09:00 UTC in July is 10am on UK clocks; 16:30 at +01:00 is 4:30pm.
    assert "10am" in event and "4:30pm" in event and "9am" not in event
    assert "2039-07-02T10:00+01:00" in event


def test_a_choice_is_an_enum_member_and_a_date_means_the_whole_day(typed_site: Site) -> None:
    alert = typed_site.pages["alerts/flood.md"]
    level = alert.data["level"]
    assert isinstance(level, enum.Enum) and level == "emergency"
    assert [member.value for member in type(level)] == ["emergency", "death-of-a-notable-person", "minor",
                                                          "announcement"]  # most serious first, as alert.yml lists them
    assert alert.data["expires"] == dt.date(2039, 12, 31)
    expires = notices.window(alert).expires
    assert expires is not None and (expires.year, expires.month, expires.day, expires.hour) == (2040, 1, 1, 0)


def test_opening_hours_are_a_structure(typed_site: Site) -> None:
    hours = typed_site.pages["contact-the-library.md"].data["hours"]
    assert isinstance(hours, opening_hours.OpeningHours)
    assert hours.week[0] == (opening_hours.Session(9 * 60, 17 * 60 + 30),) and hours.week[5] == ()
    assert hours.special == (opening_hours.SpecialDay(dt.date(2039, 12, 25), ()),)
    details = page_extras.contact_details(typed_site.pages["contact-the-library.md"])
    assert details["hours"] == "Monday to Friday: 9am to 5:30pm; Saturday and Sunday: Closed"


def test_lgsl_numbers_are_ints(project: Project) -> None:
    site = assemble(project)
    page = site.pages["environment-and-waste/report-a-missed-bin.md"]
    assert page.data["lgsl"] == 524 and type(page.data["lgsl"]) is int
    assert page.data["last_reviewed"] == dt.date(2026, 11, 20)


# --- council.yml, checked like a page ---------------------------------------------------------------------------


def test_five_council_yml_mistakes_and_a_page_mistake_in_one_run(project: Project) -> None:
    project.set_profile(raw="""\
name: Testbury District Council
tier: district
country: england
url: https://www.testbury.example/
contact:
  phone: "０１６３２ ９６０ １１１"
  email: "help<script>@testbury.example"
  address: Town Hall, Testbury TB1 1AA
brand:
  colour: blue
county:
  name: Exampleshire County Council
  url: https://www.exampleshire.example/
links:
  524:
    report: forms/missed-bin
    aply: https://forms.testbury.example/apply
""")
    project.write("docs/news/fete.md", "---\ntitle: Summer fete\ndescription: D.\ntype: news\ndate: 2039-02-30\n---\n")
    lines = fails(project)
    errors = [line for line in lines if line.startswith("error:")]
    assert errors == [
        "error: council.yml:6: 'contact.phone' must be a phone number like 01632 960 000, "
        "not '０１６３２ ９６０ １１１'. Write it with the digits 0 to 9: it has other digits, such as full-width ones.",
        "error: council.yml:7: 'contact.email' must be an email address like help@example.gov.uk, "
        "not 'help<script>@testbury.example'",
        "error: council.yml:10: brand.colour 'blue' is not a hex colour. "
        "Write it as '#rrggbb' in quotes, for example '#1d4f91'.",
        "error: council.yml:16: 'links.524.report' must be a full web address starting https:// or one of none, "
        "not 'forms/missed-bin'",
        "error: council.yml:17: unknown key 'links.524.aply' in council.yml. Did you mean apply?",
        "error: docs/news/fete.md:5: 'date' is 2039-02-30, which is not a real date. "
        "Check the day and month: dates are YYYY-MM-DD.",
    ]


def test_an_unreadable_council_yml_stops_at_once(project: Project) -> None:
    project.set_profile(raw="- just\n- a list\n")
    project.write("docs/news/fete.md", "---\ntitle: Summer fete\ndescription: D.\ntype: news\ndate: 2039-02-30\n---\n")
    assert fails(project) == [
        "error: council.yml: must be a mapping of keys such as name, tier and contact. "
        "See the README's council.yml reference."
    ]


# --- lengths are advice ----------------------------------------------------------------------------------------

LONG_TITLE = "Find out everything about bins, boxes and bags for rubbish and recycling"


def test_a_long_title_is_a_warning_and_strict_makes_it_fail(project: Project) -> None:
    project.set_profile({**BASE_PROFILE, "links": {524: {"report": "https://forms.testbury.example/missed-bin"}}})
    project.write("docs/bins.md", f"---\ntitle: {LONG_TITLE}\ndescription: {'Bins. ' * 30}\n---\nText.\n")
    result = passes(project)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: docs/bins.md")]
    assert warnings == [
        f"warning: docs/bins.md:2: 'title' is {len(LONG_TITLE)} characters long; more than 65 is cut short in "
        "search results and hard to scan. Shorten it to 65 characters or fewer, keeping the words residents "
        "look for at the start.",
        "warning: docs/bins.md:3: 'description' is 179 characters long; more than 160 is cut short in search "
        "results and hard to scan. Shorten it to 160 characters or fewer, keeping the words residents look for "
        "at the start.",
    ]
    assert (project.site / "bins" / "index.html").is_file()
    strict = fails(project, "--strict")
    assert [line for line in strict if line.startswith("error: --strict")]
    assert [line for line in strict if "docs/bins.md" in line] == warnings


def test_the_type_files_say_which_limits_are_advice() -> None:
    text = (Path(__file__).parent.parent / "content-model" / "types" / "_common.yml").read_text(encoding="utf-8")
    assert re.search(r"title:\n(    .*\n)*    max_length_warning: 65\n", text)
    assert re.search(r"description:\n(    .*\n)*    max_length_warning: 160\n", text)


# --- one rule each -------------------------------------------------------------------------------------------------


def test_the_same_bad_email_is_refused_with_the_same_words_everywhere(tmp_path: Path) -> None:
    bad = 'help"@testbury.example'
    council = make_project(tmp_path / "council",
                           profile={**BASE_PROFILE, "contact": {**BASE_PROFILE["contact"], "email": bad}})
    page = make_project(tmp_path / "page")
    page.write("docs/contact-us.md", f"---\ntitle: Contact us\ndescription: D.\ntype: contact\nemail: '{bad}'\n---\n")
    in_council = [line for line in fails(council) if "email" in line]
    in_page = [line for line in fails(page) if "email" in line]
    assert in_council == ["error: council.yml:7: 'contact.email' must be an email address like "
                          "help@example.gov.uk, not 'help\"@testbury.example'"]
    assert in_page == ["error: docs/contact-us.md:5: 'email' must be an email address like "
                       "help@example.gov.uk, not 'help\"@testbury.example'"]


@pytest.mark.parametrize("email, good", [
    ("help@testbury.example", True), ("help'@testbury.example", False), ("<help@testbury.example>", False),
    ("help@testbury", False), ("he lp@testbury.example", False),
])
def test_the_email_rule(email: str, good: bool) -> None:
    assert rules.is_email(email) is good


@pytest.mark.parametrize("phone, good", [
    ("01632 960 000", True), ("+44 (0)1632 960000", True), ("999", True), ("99", False),
    ("０１６３２ ９６０ ０００", False), ("01632 ٩٦٠ 000", False), ("call 01632", False),
])
def test_the_phone_rule_counts_only_ascii_digits(phone: str, good: bool) -> None:
    assert rules.is_phone(phone) is good


def test_every_tel_link_is_made_by_one_rule(project: Project) -> None:
    assert rules.tel_href("+44 (0)1632 960-000") == "tel:+4401632960000"
    project.write("docs/contact-the-library.md", """
        ---
        title: Contact the library
        description: How to reach Testbury Library.
        type: contact
        phone: +44 (0)1632 960-222
        ---
        """)
    project.write("docs/library.md", """
        ---
        title: The library
        description: Borrow books.
        contacts: [contact-the-library.md]
        ---
        Text.
        """)
    passes(project)
    library = project.page("library")
    assert re.search(r'href="?tel:\+4401632960222[" >]', library)  # the contact block
    assert re.search(r'href="?tel:01632960111[" >]', library)  # the footer, from council.yml
    repo = Path(__file__).parent.parent
    made = [p.name for p in [*(repo / "lgsite").rglob("*.py"), *(repo / "themes").rglob("*.html")]
            if '"tel:"' in p.read_text(encoding="utf-8")]
    assert made == ["rules.py"]
