"""Six alerts of mixed severity with long texts, in a real browser at 375 x 812: the banner stays compact,
the one-line alerts open without JavaScript and by keyboard, and axe and the Nu checker find nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import gates
import pytest
from conftest import Project, make_project, passes

PAST = (date.today() - timedelta(days=30)).isoformat()
WORDS = "The road is closed between the bridge and Mill Lane and every road around the river "
PAGES = ["index.html", "environment-and-waste/report-a-missed-bin/index.html"]
# The banner may take this much of a phone's first screen at most, whatever the alerts say.
MOST_OF_SCREEN = 0.5


def alert(level: str, title: str) -> str:
    return (f"---\ntitle: {title}\ndescription: {WORDS * 4}\ntype: alert\nlevel: {level}\nstarts: {PAST}\n---\n"
            f"{WORDS}\n")


@pytest.fixture(scope="module")
def alerts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project: Project = make_project(tmp_path_factory.mktemp("alerts") / "council")
    long_title = "Riverside Road and every street beside the river are closed because of flooding today"
    for name, level, title in [
        ("welcome", "announcement", "We have a new website"),
        ("gritting", "minor", "Gritting lorries are out tonight on every main road in the district"),
        ("flood", "emergency", long_title),
        ("mourning", "death-of-a-notable-person", "Our flags fly at half mast"),
        ("library", "minor", "Anytown library is closed on Saturday for repairs to its roof and its heating"),
        ("survey", "announcement", "Tell us what you think of our parks in our survey before the end of March"),
    ]:
        project.write(f"docs/alerts/{name}.md", alert(level, title))
    passes(project)
    return project.site


@pytest.fixture(scope="module")
def alerts_server(alerts_site: Path) -> Iterator[gates.StaticServer]:
    with gates.StaticServer(alerts_site) as server:
        yield server


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_six_alerts_leave_the_page_heading_on_a_phones_first_screen(
        browser_session: gates.BrowserSession, alerts_server: gates.StaticServer, javascript: bool) -> None:
    page = browser_session.page(gates.PHONE, javascript=javascript)
    for rel in PAGES:
        page.goto(alerts_server.url_for(rel))
        banner = page.locator(".lg-alerts").bounding_box()
        assert banner is not None and banner["height"] <= MOST_OF_SCREEN * gates.PHONE.height, (rel, banner)
        heading = page.locator("h1").bounding_box()
        assert heading is not None and heading["y"] < gates.PHONE.height, ("the page heading starts below", rel)
        assert page.locator(".lg-alert__text:visible").count() == 1, "only the most serious alert shows its text"
        summaries = page.locator("details.lg-alert summary")
        assert summaries.count() == 4  # three alerts, then "More alerts"
        for index in range(4):
            box = summaries.nth(index).bounding_box()
            assert box is not None and 24 <= box["height"] <= 48, (rel, index, box)  # one line, a target to tap


def test_a_one_line_alert_opens_from_the_keyboard_without_javascript(
        browser_session: gates.BrowserSession, alerts_server: gates.StaticServer) -> None:
    page = browser_session.page(gates.PHONE, javascript=False)
    page.goto(alerts_server.url_for(PAGES[0]))
    first = page.locator("details.lg-alert").first
    first.locator("summary").focus()
    page.keyboard.press("Enter")
    assert first.get_attribute("open") is not None
    assert first.locator("a").is_visible()


def test_alerts_pass_axe_closed_and_open_at_both_widths(
        browser_session: gates.BrowserSession, alerts_server: gates.StaticServer) -> None:
    violations: list[gates.AxeViolation] = []
    for viewport in (gates.PHONE, gates.DESKTOP):
        page = browser_session.page(viewport)
        for rel in PAGES:
            violations += gates.run_axe(page, alerts_server.url_for(rel), axe_url=alerts_server.axe_url)
            page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
            violations += gates.run_axe(page, axe_url=alerts_server.axe_url)
    if violations:
        pytest.fail(gates.format_problems("axe-core over pages with six alerts", violations), pytrace=False)


def test_alerts_are_valid_html(vnu_ready: None, alerts_site: Path) -> None:
    errors = gates.run_vnu(PAGES, root=alerts_site)
    if errors:
        pytest.fail(gates.format_problems("Nu HTML Checker over pages with six alerts", errors), pytrace=False)
