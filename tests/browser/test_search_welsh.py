"""search.js on a Welsh search page: it reads the Welsh index (search/cy/) the page names, folds the
resident's words without Porter's English stemming, leaves out Welsh stop words and reads Welsh synonyms,
as the Welsh index's manifest says, and words its results as the page tells it to.

The Welsh page is the example council's search page moved to cy/search/ and pointed at a Welsh index
made by lgsite/search_index.py, as a bilingual build publishes it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import gates
from lgsite import search_index
from lgsite.site import Site
from lgsite.sources import bundled_model_dir

PAGES = {"docs": [
    {"location": "council-tax/pay/", "title": "Pay your council tax", "text": "Pay online. Business rates."},
    {"location": "cy/council-tax/talu/", "title": "Talu treth y cyngor", "text": "Talwch ar-lein, bob mis."},
    {"location": "cy/business/ardrethi/", "title": "Ardrethi busnes", "text": "Ardrethi ar gyfer eich busnes."},
    {"location": "cy/schools/derbyn/", "title": "Derbyn i'r ysgol", "text": "Gwnewch gais am le i'ch plentyn."},
]}


def welsh_search_site(example_site: Path, root: Path) -> Path:
    shutil.copytree(example_site / "assets", root / "assets")
    page = (example_site / "search.html").read_text(encoding="utf-8")
    for english, welsh in (("data-index=./search/", "data-index=../../search/cy/"), ("=./", "=../../"),
                           ("data-base=.", "data-base=../.."),
                           ('data-say-one="{count} result for', 'data-say-one="{count} canlyniad ar gyfer')):
        assert english in page
        page = page.replace(english, welsh)
    (root / "cy" / "search").mkdir(parents=True)
    (root / "cy" / "search" / "index.html").write_text(page, encoding="utf-8")
    (root / "search").mkdir()
    site = Site(profile=None, pages={}, assets={}, now=dt.datetime(2026, 12, 3, tzinfo=dt.timezone.utc))  # type: ignore[arg-type]
    search_index.for_site(PAGES, site, root / "search", search_index.languages(bundled_model_dir(), {"en": "", "cy": "cy/"}))
    return root


def titles_found(browser_session: gates.BrowserSession, server: gates.StaticServer, query: str) -> list[str]:
    page = browser_session.page(gates.DESKTOP)
    page.goto(server.url_for("cy/search/") + "?q=" + query, wait_until="load")
    page.locator("#lg-search-status:not(:empty)").wait_for()
    page.wait_for_function("!document.querySelector('#lg-search-status').textContent.endsWith('…')")
    return page.locator("#lg-search-results li h3 a").all_inner_texts()


def test_a_welsh_search_finds_welsh_pages_by_welsh_words(
    browser_session: gates.BrowserSession, example_site: Path, tmp_path: Path
) -> None:
    with gates.StaticServer(welsh_search_site(example_site, tmp_path)) as server:
        # Porter would cut "busnes" to "busn" and miss the Welsh index's "busnes"
        assert titles_found(browser_session, server, "busnes") == ["Ardrethi busnes"]
        page = browser_session.page(gates.DESKTOP)
        assert page.locator("#lg-search-results h2").inner_text() == "1 canlyniad ar gyfer ‘busnes’", \
            "search.js says what the page gives it to say, in the page's language"
        # "Ysgol" with a capital and "i'r", a stop word, left out: the page is found by "ysgol" alone
        assert titles_found(browser_session, server, "Ysgol+i%27r") == ["Derbyn i'r ysgol"]
        # synonyms.cy.yml: "treth gyngor" is how "treth y cyngor" is often written
        assert titles_found(browser_session, server, "treth+gyngor") == ["Talu treth y cyngor"]
        assert titles_found(browser_session, server, "council+tax") == [], "English pages are not in the Welsh index"
