"""Redirects from the old site, in a browser, for a site under a path (a GitHub Pages project site at
https://example.github.io/anytown/): the page at an old address and the page-not-found page's lookup of
an old address with a query string both land on the right page under the path."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import gates
import pytest
from hosting import LISTEN, build_example, serve

SITE_URL = "https://example.github.io/anytown/"
PREFIX = "/anytown/"
BULKY = "environment-and-waste/book-a-bulky-waste-collection/"

# The example's own redirects.csv has only addresses with a query string; a row without one gets a page.
REDIRECTS = (Path(__file__).resolve().parents[2] / "example-council" / "redirects.csv").read_text(encoding="utf-8") \
    + f"/Waste/Bulky Items.aspx,/{BULKY}\n"


@pytest.fixture(scope="module")
def redirected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("redirects"), host="github-pages", site_url=SITE_URL,
                         files={"redirects.csv": REDIRECTS})


def test_the_page_at_an_old_address_sends_the_browser_on(
    browser_session: gates.BrowserSession, redirected_site: Path
) -> None:
    page = browser_session.browser.new_page(viewport=gates.PHONE.as_dict())
    page.add_init_script(LISTEN)
    with serve(redirected_site, prefix=PREFIX) as root:
        page.goto(root + "Waste/Bulky%20Items.aspx", wait_until="commit")  # as an old bookmark has it
        page.wait_for_url(re.compile(re.escape(BULKY) + "$"))
        page.wait_for_load_state("load")
        assert urllib.parse.urlsplit(page.url).path == PREFIX + BULKY
        assert page.locator("h1").inner_text() == "Book a bulky waste collection"
        assert page.evaluate("window.__violations") == []
    page.close()


def test_the_page_at_an_old_address_shows_residents_the_way(redirected_site: Path) -> None:
    """Without JavaScript the refresh still works; the page itself names the new address as a plain link."""
    stub = (redirected_site / "Waste" / "Bulky Items.aspx" / "index.html").read_text(encoding="utf-8")
    assert f'content="0; url={PREFIX}{BULKY}"' in stub
    assert f'<a href="{PREFIX}{BULKY}">{SITE_URL}{BULKY}</a>' in stub
    assert gates.check_links(redirected_site, site_url=SITE_URL) == []


def test_the_page_at_an_old_address_is_valid_html(vnu_ready: None, redirected_site: Path) -> None:
    assert gates.run_vnu([Path("Waste") / "Bulky Items.aspx" / "index.html"], root=redirected_site) == []


def test_the_not_found_page_finds_an_old_address_with_a_query_string(
    browser_session: gates.BrowserSession, redirected_site: Path
) -> None:
    page = browser_session.browser.new_page(viewport=gates.PHONE.as_dict())
    page.add_init_script(LISTEN)
    with serve(redirected_site, prefix=PREFIX) as root:
        response = page.goto(root + "content.aspx?page=bulky-waste", wait_until="commit")
        assert response is not None and response.status == 404
        page.wait_for_url(re.compile(re.escape(BULKY) + "$"))
        page.wait_for_load_state("load")
        assert urllib.parse.urlsplit(page.url).path == PREFIX + BULKY
        assert page.evaluate("window.__violations") == []
        # An address the list does not have stays on the page-not-found page.
        response = page.goto(root + "content.aspx?page=no-such-page", wait_until="networkidle")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
    page.close()
