"""The browser gates over a built site: one test per gate.

Each test collects every problem on every page it covers and fails with one
readable report (problems grouped by cause, no traceback), rather than one
test per page: the pages are only known once the site is built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gates

VIEWPORTS = [pytest.param(gates.PHONE, id="phone-375x812"), pytest.param(gates.DESKTOP, id="desktop-1280x800")]


@pytest.fixture(scope="module")
def axe_violations(
    browser_session: gates.BrowserSession, site_server: gates.StaticServer, site_pages: list[Path]
) -> dict[gates.Viewport, list[gates.AxeViolation]]:
    """axe-core over every page at both widths (each page loaded once, then resized)."""
    return gates.axe_site(browser_session, site_server, site_pages, (gates.PHONE, gates.DESKTOP))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_no_violations_on_any_page(
    axe_violations: dict[gates.Viewport, list[gates.AxeViolation]],
    site_pages: list[Path],
    viewport: gates.Viewport,
) -> None:
    """Zero axe-core violations (WCAG 2.2 A/AA and best practice) on every page."""
    violations = axe_violations[viewport]
    if violations:
        pytest.fail(
            gates.format_problems(f"axe-core at {viewport} over {len(site_pages)} pages", violations), pytrace=False
        )


def test_html_is_valid(vnu_ready: None, built_site: Path, site_pages: list[Path]) -> None:
    """The Nu HTML Checker finds no errors in any page."""
    errors = gates.run_vnu(site_pages, root=built_site)
    if errors:
        pytest.fail(gates.format_problems(f"Nu HTML Checker over {len(site_pages)} pages", errors), pytrace=False)


@pytest.fixture(scope="module")
def link_problems(built_site: Path, site_url: str | None) -> list[gates.LinkProblem]:
    return gates.check_links(built_site, site_url=site_url)


def test_internal_links_resolve(link_problems: list[gates.LinkProblem]) -> None:
    """Every same-site link, asset and #fragment exists."""
    broken = [p for p in link_problems if p.kind == "broken"]
    if broken:
        pytest.fail(gates.format_problems("broken internal links", broken), pytrace=False)


def test_no_third_party_requests(link_problems: list[gates.LinkProblem]) -> None:
    """No page, stylesheet or script makes the browser fetch from another origin."""
    third = [p for p in link_problems if p.kind == "third-party"]
    if third:
        pytest.fail(gates.format_problems("requests to third-party origins", third), pytrace=False)


def test_keyboard_access_on_each_page_type(
    browser_session: gates.BrowserSession,
    site_server: gates.StaticServer,
    built_site: Path,
) -> None:
    """Skip link, visible focus and no focus trap on one page of each type."""
    representatives = gates.page_types(built_site)
    problems = gates.keyboard_site(browser_session, site_server, representatives.values())
    checked = ", ".join(f"{key}={rel.as_posix()}" for key, rel in representatives.items())
    if problems:
        pytest.fail(gates.format_problems(f"keyboard access (checked {checked})", problems), pytrace=False)


def test_works_without_javascript(
    browser_session: gates.BrowserSession,
    site_server: gates.StaticServer,
    built_site: Path,
    site_pages: list[Path],
) -> None:
    """With JavaScript off every page keeps its main content and its navigation.

    Every page is loaded with JavaScript off; one page of each type is also
    loaded with it on, to catch header/nav/breadcrumb links that only
    JavaScript adds.
    """
    representatives = gates.page_types(built_site).values()
    problems = gates.no_js_site(browser_session, site_server, site_pages, compare=representatives)
    if problems:
        pytest.fail(gates.format_problems(f"without JavaScript over {len(site_pages)} pages", problems), pytrace=False)
