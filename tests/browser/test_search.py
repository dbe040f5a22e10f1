"""The search page in a real browser: the index arrives only after a query, and results link to pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import gates


@pytest.fixture(scope="module")
def example_server(example_site: Path) -> Iterator[gates.StaticServer]:
    """The example council only: the query below needs a district's page, which a county does not publish."""
    with gates.StaticServer(example_site) as server:
        yield server


def test_search_finds_pages_by_title_and_description(
    browser_session: gates.BrowserSession, example_server: gates.StaticServer
) -> None:
    page = browser_session.page(gates.PHONE)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(example_server.url_for("search.html"), wait_until="load")
    assert not any("search_index.json" in url for url in fetched), "the index loaded before anyone searched"

    page.goto(example_server.url_for("search.html") + "?q=bulky+waste", wait_until="load")
    results = page.locator("#lg-search-results")
    results.locator("h2").wait_for()
    assert "for ‘bulky waste’" in results.locator("h2").inner_text()
    links = results.locator("a")
    titles = links.all_inner_texts()
    assert "Book a bulky waste collection" in titles
    href = links.nth(titles.index("Book a bulky waste collection")).get_attribute("href")
    assert href and href.endswith("environment-and-waste/book-a-bulky-waste-collection/")
    assert results.locator("li p").count() > 0, "each result shows the page's description"
