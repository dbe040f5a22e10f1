"""search.js on the Welsh example council's Welsh search page (cy/search/): it reads the Welsh index
(search/cy/) the page names, folds the resident's words without Porter's English stemming, leaves out Welsh
stop words and reads Welsh synonyms (content-model/synonyms.cy.yml), and words its results in Welsh.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import gates


@pytest.fixture(scope="module")
def server(example_cymru_site: Path):
    with gates.StaticServer(example_cymru_site) as running:
        yield running


def found(browser_session: gates.BrowserSession, server: gates.StaticServer, query: str) -> list[tuple[str, str]]:
    page = browser_session.page(gates.DESKTOP)
    page.goto(server.url_for("cy/search/") + "?q=" + query, wait_until="load")
    page.locator("#lg-search-status:not(:empty)").wait_for()
    page.wait_for_function("!document.querySelector('#lg-search-status').textContent.endsWith('…')")
    links = page.locator("#lg-search-results li h3 a")
    return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href") or "") for i in range(links.count())]


def test_a_welsh_search_finds_welsh_pages_by_welsh_words(
    browser_session: gates.BrowserSession, server: gates.StaticServer
) -> None:
    # Porter would cut "busnes" to "busn" and miss the Welsh index's "busnes"
    results = found(browser_session, server, "busnes")
    assert results and all("busnes" in title.lower() for title, _ in results[:2]), results
    heading = browser_session.page(gates.DESKTOP).locator("#lg-search-results h2").inner_text()
    assert re.fullmatch(r"\d+ (o ganlyniadau|canlyniad) ar gyfer ‘busnes’", heading), heading
    # synonyms.cy.yml: "treth y cyngor" is also written "treth gyngor"
    assert "Talu eich treth gyngor" in [title for title, _ in found(browser_session, server, "treth+y+cyngor")[:3]]
    # The Welsh index holds the Welsh pages alone: every result opens a page under cy/
    search_page = server.url_for("cy/search/")
    for _, href in found(browser_session, server, "council+tax") + results:
        assert urlsplit(urljoin(search_page, href)).path.startswith("/cy/"), href
