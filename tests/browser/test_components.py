"""The components on the example council's page that uses them all, in a browser without JavaScript:
a keyboard reaches every tab and the wide table, and what they hide or overflow can be reached.

The site-wide gates check one page of each type; this page is checked on its own, at both widths.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import gates

PAGE = Path("environment-and-waste/what-goes-in-your-recycling/index.html")
VIEWPORTS = [pytest.param(gates.PHONE, id="phone-375x812"), pytest.param(gates.DESKTOP, id="desktop-1280x800")]

ACTIVE = "() => { const e = document.activeElement; return {id: e.id, cls: e.className, role: e.getAttribute('role')}; }"
PANELS = "() => [...document.querySelectorAll('.tabbed-block')].map(b => b.checkVisibility() ? b.innerText.trim() : '')"


@pytest.fixture(scope="module")
def example_server(example_site: Path) -> Iterator[gates.StaticServer]:
    """The example council's site: the one whose page uses every component (not every gated site)."""
    with gates.StaticServer(example_site) as server:
        yield server


def tab_to(page, wanted, limit: int = 80) -> dict:  # type: ignore[no-untyped-def]
    """Press Tab until the focused element is the one `wanted` picks; fail if it never comes."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if wanted(active):
            return active
    pytest.fail("Tab never reached it", pytrace=False)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_components_page_passes_the_keyboard_gate(
    browser_session: gates.BrowserSession, example_server: gates.StaticServer, viewport: gates.Viewport
) -> None:
    """Skip link, a visible focus indicator on each tab and the table's region, no trap (as the gates check)."""
    page = browser_session.page(viewport)
    problems = gates.check_keyboard(page, example_server.url_for(PAGE))
    assert not problems, gates.format_problems("keyboard access", problems)


def test_a_keyboard_chooses_each_tab_without_javascript(
    browser_session: gates.BrowserSession, example_server: gates.StaticServer
) -> None:
    page = browser_session.page(gates.PHONE, javascript=False)
    page.goto(example_server.url_for(PAGE))
    first, second = page.evaluate(PANELS)
    assert first.startswith("Put your boxes") and second == ""
    tab_to(page, lambda active: active["id"] == "__tabbed_1_1")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(ACTIVE)["id"] == "__tabbed_1_2"
    first, second = page.evaluate(PANELS)
    assert first == "" and second.startswith("Use the shared recycling bins")


def test_a_keyboard_scrolls_a_wide_table_on_a_phone(
    browser_session: gates.BrowserSession, example_server: gates.StaticServer
) -> None:
    page = browser_session.page(gates.PHONE, javascript=False)
    page.goto(example_server.url_for(PAGE))
    region = tab_to(page, lambda active: active["role"] == "region")
    assert region["cls"] == "lg-table"
    width, visible = page.evaluate("() => [document.activeElement.scrollWidth, document.activeElement.clientWidth]")
    assert width > visible  # wider than the phone: it scrolls, the page does not
    assert page.evaluate("() => document.documentElement.scrollWidth") <= gates.PHONE.width
    page.keyboard.press("ArrowRight")
    # The browser may scroll smoothly: look a few times (wait_for_function needs the page's own JavaScript).
    for _ in range(50):
        if page.evaluate("() => document.activeElement.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("() => document.activeElement.scrollLeft") > 0
