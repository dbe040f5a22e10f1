"""Alerts, service status, contact blocks, related links and JSON-LD, through real builds; bad references
in the engine tier."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import BASE_PROFILE, Project, engine_fails_with_one, make_project, passes
from html_reader import Element, parse

PAST = (date.today() - timedelta(days=30)).isoformat()
YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
FUTURE = (date.today() + timedelta(days=3650)).isoformat()


# ------------------------------------------------------------------ JSON-LD on the example


def test_every_page_of_the_example_carries_the_council_and_its_place(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        page = parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(example_site)
        [council] = page.json_ld("GovernmentOrganization")
        assert council["name"] == "Anytown District Council", where
        assert council["url"] == "https://www.anytown.example/" and council["telephone"], where
        assert council["@id"] == "https://www.anytown.example/#organization", where
        if where.as_posix() in ("index.html", "404.html", "search.html"):
            continue
        [trail] = page.json_ld("BreadcrumbList")
        elements = trail["itemListElement"]
        assert [e["position"] for e in elements] == list(range(1, len(elements) + 1)), where
        assert elements[0] == {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://www.anytown.example/"}
        url_path = where.parent.as_posix() + "/"
        assert elements[-1]["item"] == "https://www.anytown.example/" + url_path, where


# What each schema.org type must carry for search engines to use it, here.
REQUIRED = {
    "GovernmentOrganization": {"@id", "name", "url", "telephone", "address"},
    "BreadcrumbList": {"itemListElement"},
    "GovernmentService": {"name", "description", "url", "identifier", "provider"},
    "Service": {"name", "url", "availableChannel"},  # a directory's online-only entry
    "NewsArticle": {"headline", "datePublished", "publisher"},
    "Event": {"name", "startDate", "location"},
    "CivicStructure": {"name"},
}
# ...and where it must carry at least one of several: a place has an address, a map point or both.
ONE_OF = {"CivicStructure": {"address", "geo"}}


def test_every_json_ld_item_on_every_page_is_a_known_type_with_its_properties(example_site: Path) -> None:
    seen: set[str] = set()
    for path in sorted(example_site.rglob("*.html")):
        for item in parse(path.read_text(encoding="utf-8")).json_ld():
            kind = item.get("@type")
            where = f"{path.relative_to(example_site)}: {kind}"
            assert item.get("@context") == "https://schema.org", where
            assert kind in REQUIRED, where
            missing = REQUIRED[kind] - {key for key, value in item.items() if value not in (None, "", [], {})}
            assert not missing, f"{where} lacks {sorted(missing)}"
            assert not ONE_OF.get(kind) or ONE_OF[kind] & item.keys(), f"{where} lacks one of {sorted(ONE_OF[kind])}"
            seen.add(kind)
    assert seen == set(REQUIRED), "the example council should show every kind of structured data"


def test_service_pages_are_government_services_named_by_lgsl(example_site: Path) -> None:
    html = (example_site / "council-tax-and-benefits/pay-your-council-tax/index.html").read_text(encoding="utf-8")
    [service] = parse(html).json_ld("GovernmentService")
    assert service["name"] == "Pay your council tax"
    assert service["identifier"] == "http://id.esd.org.uk/service/57"
    assert service["provider"] == {"@id": "https://www.anytown.example/#organization"}
    assert service["availableChannel"]["serviceUrl"] == "https://online.anytown.example/pay/57"
    guide = (example_site / "about-the-council/accessibility-statement/index.html").read_text(encoding="utf-8")
    assert parse(guide).json_ld("GovernmentService") == []


# ------------------------------------------------------------------ alerts


def alert(level: str, starts: str, expires: str | None = None) -> str:
    lines = [
        "---", f"title: A {level} alert", "description: Something residents need to know now.",
        "type: alert", f"level: {level}", f"starts: {starts}", *([f"expires: {expires}"] if expires else []),
        "---", "What has happened and what to do.",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def alerts_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("alerts") / "council")
    project.write("docs/alerts/live.md", alert("announcement", PAST, FUTURE))
    project.write("docs/alerts/urgent.md", alert("emergency", PAST))
    project.write("docs/alerts/over.md", alert("minor", PAST, YESTERDAY))
    project.write("docs/alerts/planned.md", alert("death-of-a-notable-person", FUTURE))
    project.write("docs/status/bins-late.md", """
        ---
        title: Bin collections are late
        description: Collections are running a day late.
        type: service-status
        status: disrupted
        category: rubbish-and-recycling
        services: [524]
        ---
        We are a day behind.
        """)
    project.write("docs/status/bins-were-late.md", f"""
        ---
        title: Bin collections were late
        description: Collections ran late last week.
        type: service-status
        status: normal
        category: rubbish-and-recycling
        expires: {YESTERDAY}
        ---
        All caught up.
        """)
    project.write("docs/status/bins-suspended.md", f"""
        ---
        title: Bin collections are suspended in Easton
        description: We cannot reach Easton because of a road closure.
        type: service-status
        status: suspended
        category: rubbish-and-recycling
        services: [524]
        starts: {PAST}
        expires: {FUTURE}
        ---
        Put your bin out again next week.
        """)
    project.write("docs/status/bins-later.md", f"""
        ---
        title: Bin collections are late in Northfield
        description: A lorry broke down.
        type: service-status
        status: disrupted
        services: [524]
        starts: {YESTERDAY}
        ---
        We will be there tomorrow.
        """)
    project.write("docs/status/bins-planned.md", f"""
        ---
        title: Bin collections will change
        description: New rounds start next year.
        type: service-status
        status: normal
        services: [524]
        starts: {FUTURE}
        ---
        New rounds.
        """)
    project.write("docs/environment-and-waste/bin-days.md", """
        ---
        title: Bin days
        description: When we collect your bins.
        category: rubbish-and-recycling
        lgsl: 524
        ---
        # Bin collection days

        We collect every week.
        """)
    passes(project)
    return project


def banners(html: str) -> list[str]:
    return re.findall(r'class="?lg-alert lg-alert--([a-z-]+)', html)


def test_live_alerts_show_on_every_page_most_serious_first(alerts_site: Project) -> None:
    for page in ["index.html", "environment-and-waste/report-a-missed-bin/index.html", "404.html", "search.html"]:
        html = (alerts_site.site / page).read_text(encoding="utf-8")
        assert banners(html) == ["emergency", "death-of-a-notable-person", "announcement"], page
    home = (alerts_site.site / "index.html").read_text(encoding="utf-8")
    assert "data-lg-expires" in home, "the script needs each expiry to hide an alert on a static host"


def test_an_expired_alert_is_absent_from_the_built_site(alerts_site: Project) -> None:
    assert not (alerts_site.site / "alerts/over").exists()
    for page in alerts_site.site.rglob("*.html"):
        assert "A minor alert" not in page.read_text(encoding="utf-8"), page
    report = json.loads((alerts_site.site / "lgsite-report.json").read_text(encoding="utf-8"))
    assert "alerts/over.md" not in report["pages"]
    assert {"origin": "expired", "path": "alerts/over.md"}.items() <= next(
        item for item in report["excluded"] if item.get("path") == "alerts/over.md"
    ).items()


def test_an_alert_that_has_not_started_waits_hidden_for_its_start(alerts_site: Project) -> None:
    home = (alerts_site.site / "index.html").read_text(encoding="utf-8")
    planned = re.search(r"<(?:div|details)[^>]*lg-alert--death-of-a-notable-person[^>]*>", home).group(0)
    assert "hidden" in planned and f"data-lg-starts={FUTURE}T00:00:00" in planned.replace('"', "")


def test_service_status_shows_on_its_category_and_service_until_it_expires(alerts_site: Project) -> None:
    for page in ["environment-and-waste/index.html", "environment-and-waste/report-a-missed-bin/index.html"]:
        html = (alerts_site.site / page).read_text(encoding="utf-8")
        assert "Service disrupted:" in html and "Bin collections are late" in html, page
        assert "Bin collections were late" not in html, page
    other = (alerts_site.site / "environment-and-waste/recycling/index.html").read_text(encoding="utf-8")
    assert "lg-status" not in other
    assert not (alerts_site.site / "status/bins-were-late").exists()


def status_titles(article: Element) -> list[str]:
    return [h2.find("a").text for h2 in article.find_all("h2", class_="lg-status__title")]


LONG = "Riverside Road is closed " + "between the bridge and Mill Lane and all the roads around it " * 6 + "until further notice."
MIXED = [  # (file, level, description), in the order written
    ("welcome", "announcement", "We have a new website."),
    ("gritting", "minor", LONG),
    ("flood", "emergency", LONG),
    ("mourning", "death-of-a-notable-person", "Our flags fly at half mast."),
]


@pytest.mark.parametrize("count", [1, 2, 4])
def test_the_most_serious_alert_is_shown_in_full_and_the_others_open_from_one_line(
        tmp_path: Path, count: int) -> None:
    project = make_project(tmp_path / "council")
    written = MIXED[-count:] if count < 4 else MIXED
    for name, level, text in written:
        project.write(f"docs/alerts/{name}.md", alert(level, PAST, FUTURE).replace(
            "Something residents need to know now.", text))
    result = passes(project)
    expected = [level for level in ("emergency", "death-of-a-notable-person", "minor", "announcement")
                if level in {level for _, level, _ in written}]
    page = parse(project.page("environment-and-waste/report-a-missed-bin/"))
    block = page.one("div", class_="lg-alerts")
    [full] = [div for div in block.find_all("div", role="region") if "lg-alert " in div.attrs["class"] + " "]
    assert full.attrs["class"] == f"lg-alert lg-alert--{expected[0]}"
    assert full.one("h2").text == f"A {expected[0]} alert"
    brief = block.find_all("details")
    assert [item.attrs["class"] for item in brief] == [f"lg-alert lg-alert--{level} lg-alert--brief" for level in expected[1:]]
    for item, level in zip(brief, expected[1:]):
        assert item.one("summary").text.endswith(f"A {level} alert")
        [link] = item.find_all("a")
        assert link.attrs["href"].endswith(f"alerts/{next(n for n, lv, _ in written if lv == level)}/")
    if count == 1:
        assert block.find("div", class_="lg-alerts__others") is None
    if count >= 2:  # the emergency (or the only one) has a long text: the banner cuts it, and the build says so
        text = full.one("p", class_="lg-alert__text").text
        assert len(text) <= 160 and text.endswith("…") and LONG.startswith(text[:-1].rstrip())
        assert "docs/alerts/flood.md" in result.stderr and "160" in result.stderr


def test_past_four_alerts_the_rest_wait_behind_one_more_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council")
    levels = ["minor", "announcement", "emergency", "minor", "announcement", "death-of-a-notable-person"]
    for number, level in enumerate(levels):
        project.write(f"docs/alerts/alert-{number}.md", alert(level, PAST).replace(
            f"title: A {level} alert", f"title: Alert {number}"))
    passes(project)
    block = parse(project.page("")).one("div", class_="lg-alerts")
    assert block.one("h2").text == "Alert 2"
    singles = [item for item in block.find_all("details") if "lg-alert--brief" in item.attrs["class"]]
    assert [item.one("summary").text for item in singles] == ["Alert 5", "Alert 0", "Alert 3"]
    [more] = [item for item in block.find_all("details") if "lg-alert--more" in item.attrs["class"]]
    assert more.one("summary").text == "More alerts"
    assert [a.text for a in more.find_all("a")] == ["Announcement: Alert 1", "Announcement: Alert 4"]


def test_service_status_is_most_serious_first_then_newest_and_sits_under_the_heading(alerts_site: Project) -> None:
    category = parse(alerts_site.page("environment-and-waste/")).one("article")
    assert status_titles(category) == ["Bin collections are suspended in Easton", "Bin collections are late"]
    service = parse(alerts_site.page("environment-and-waste/report-a-missed-bin/")).one("article")
    assert status_titles(service) == [
        "Bin collections are suspended in Easton",  # suspended, whatever its age
        "Bin collections are late in Northfield",  # disrupted, started yesterday
        "Bin collections are late",  # disrupted, no start: the oldest
        "Bin collections will change",  # normal, not started: waits hidden
    ]
    for page in (category, service):
        tags = [element for element in page.children if isinstance(element, Element)]
        first = next(index for index, element in enumerate(tags) if "lg-status" in element.attrs.get("class", ""))
        assert tags[first - 1].tag == "h1", "the notices come straight after the page's heading"
        assert all("lg-status" in element.attrs.get("class", "") for element in tags[first:first + len(status_titles(page))])
    planned = [div for div in service.find_all("div") if "lg-status" in div.attrs.get("class", "")][-1]
    assert "hidden" in planned.attrs and planned.attrs["data-lg-starts"].startswith(FUTURE)


def test_service_status_follows_a_heading_written_in_the_page(alerts_site: Project) -> None:
    page = parse(alerts_site.page("environment-and-waste/bin-days/")).one("article")
    tags = [element for element in page.children if isinstance(element, Element)]
    assert tags[0].tag == "h1" and tags[0].text == "Bin collection days"
    assert "lg-status--suspended" in tags[1].attrs["class"]
    assert len(page.find_all("h1")) == 1


def test_the_example_council_shows_one_alert_in_full_and_the_other_on_one_line(example_site: Path) -> None:
    block = parse((example_site / "index.html").read_text(encoding="utf-8")).one("div", class_="lg-alerts")
    assert block.one("h2").text == "Online payments are unavailable early on Sunday mornings"
    [brief] = block.find_all("details")
    assert brief.one("summary").text == "Announcement: We have a new website"


def test_pages_without_notices_carry_no_script(project: Project) -> None:
    passes(project)
    html = (project.site / "environment-and-waste/recycling/index.html").read_text(encoding="utf-8")
    assert "lg-alert" not in html and "Date.parse" not in html


# ------------------------------------------------------------------ contacts, related links, review date


CONTACT_PAGE = """
    ---
    title: Contact the waste team
    description: Phone or email the waste team.
    type: contact
    phone: "{{ council.contact.phone }}"
    email: waste@testbury.example
    hours: Monday to Friday, 9am to 5pm
    ---
    We answer most emails within 2 working days.
    """


def test_contact_blocks_related_links_and_review_date(project: Project) -> None:
    project.write("docs/about/contact-waste.md", CONTACT_PAGE)
    project.write("docs/environment-and-waste/bulky-waste.md", """
        ---
        title: Bulky waste
        description: Book a bulky waste collection.
        category: rubbish-and-recycling
        contacts: [../about/contact-waste.md]
        last_reviewed: 2026-11-20
        related:
          - text: Report a missed bin collection
            page: report-a-missed-bin.md
          - text: What goes in your recycling bin
            page: recycling.md
          - text: Recycling on GOV.UK
            url: https://www.gov.uk/recycling
        ---
        We collect large items.
        """)
    project.set_profile({**BASE_PROFILE, "exclude": ["environment-and-waste/recycling.md"]})
    passes(project)
    html = project.page("environment-and-waste/bulky-waste")
    contact = html[html.index("lg-contacts"):]
    assert "Contact the waste team" in contact
    assert "tel:01632960111" in contact and "01632 960 111" in contact, "variables in front matter are filled in"
    assert "mailto:waste@testbury.example" in contact and "Monday to Friday, 9am to 5pm" in contact
    related = html[html.index("lg-related"):]
    assert "/report-a-missed-bin/" in related and "https://www.gov.uk/recycling" in related
    assert "What goes in your recycling bin" not in related, "a link to an excluded page is dropped"
    assert re.search(r'Page last reviewed: <time datetime="?2026-11-20"?>20 November 2026</time>', html)
    own = project.page("about/contact-waste")
    assert "tel:01632960111" in own[: own.index("We answer")]


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("contacts: [../about/nowhere.md]", "contacts lists '../about/nowhere.md', which is no published page"),
        ("contacts: [report-a-missed-bin.md]", "which is a service page, not a contact page"),
        ("related: [{text: Nowhere, page: nowhere.md}]", "related links to 'nowhere.md', which no source has"),
    ],
)
def test_bad_references_are_one_line_each(project: Project, front_matter: str, message: str) -> None:
    project.write("docs/environment-and-waste/bulky-waste.md", f"""
        ---
        title: Bulky waste
        description: Book a bulky waste collection.
        {front_matter}
        ---
        We collect large items.
        """)
    line = engine_fails_with_one(project)
    assert line.startswith("error: docs/environment-and-waste/bulky-waste.md:") and message in line


def test_404_page_offers_the_top_tasks(project: Project) -> None:
    passes(project)
    html = (project.site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="?/environment-and-waste/report-a-missed-bin/"?>Report a missed bin collection</a>', html)

