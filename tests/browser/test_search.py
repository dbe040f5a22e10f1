"""The search page in a real browser: nothing loads before a query; results link to pages with their
descriptions and a snippet with the words marked; the count is announced; the query lives in the address,
so the back button works; and search.js reduces words to the same stems as lgsite/stemmer.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import gates
from lgsite import stemmer


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
    assert not any("/search/" in url for url in fetched), "the index loaded before anyone searched"
    assert page.locator("#lg-search-ways-on").is_visible(), "with no query the page offers the ways on"

    page.goto(example_server.url_for("search.html") + "?q=bulky+waste", wait_until="load")
    results = page.locator("#lg-search-results")
    results.locator("h2").wait_for()
    assert "for ‘bulky waste’" in results.locator("h2").inner_text()
    links = results.locator("li h3 a")
    titles = links.all_inner_texts()
    assert titles[0] == "Book a bulky waste collection"
    href = links.nth(0).get_attribute("href")
    assert href and href.endswith("environment-and-waste/book-a-bulky-waste-collection/")
    first = results.locator("li").first
    assert first.locator("p").first.inner_text(), "each result shows the page's description"
    marked = {stemmer.stem(text.lower()) for text in first.locator("mark").all_inner_texts()}
    searched = set(stemmer.terms("bulky waste furniture sofa fridge freezer mattress white goods"))  # and synonyms
    assert marked and marked <= searched, "the snippet marks the words searched for"
    assert page.locator("#lg-search-status[role=status]").inner_text() == results.locator("h2").inner_text()
    assert not page.locator("#lg-search-ways-on").is_visible()


def test_typed_searches_stay_in_the_address_and_back_returns_to_the_last(
    browser_session: gates.BrowserSession, example_server: gates.StaticServer
) -> None:
    page = browser_session.page(gates.PHONE)
    page.goto(example_server.url_for("search.html") + "?q=pothole", wait_until="load")
    page.locator("#lg-search-results h2").wait_for()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.locator("#lg-search-page").fill("dog poo")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#lg-search-results h2')?.textContent.includes('dog poo')")
    assert page.url.endswith("search.html?q=dog+poo")
    assert page.locator("#lg-search-results li h3 a").first.inner_text() == "Report dog fouling"
    assert not any("search.js" in url or "search_index.json" in url for url in fetched), "no reload"
    page.go_back()
    page.wait_for_function("document.querySelector('#lg-search-results h2')?.textContent.includes('pothole')")
    assert page.locator("#lg-search-page").input_value() == "pothole"


def test_quoted_phrases_must_appear_together(
    browser_session: gates.BrowserSession, example_server: gates.StaticServer, example_site: Path
) -> None:
    texts = {}
    for file in (example_site / "search" / "p").glob("*.json"):
        doc = json.loads(file.read_text(encoding="utf-8"))
        texts[doc["u"]] = " ".join(stemmer.words(" ".join((doc["t"], doc["d"], doc["x"]))))
    page = browser_session.page(gates.DESKTOP)

    def results(query: str) -> list[str]:
        page.goto(example_server.url_for("search.html") + "?q=" + query, wait_until="load")
        page.locator("#lg-search-results h2").wait_for()
        hrefs = page.locator("#lg-search-results li h3 a").evaluate_all("links => links.map(a => a.pathname)")
        return [href.lstrip("/") for href in hrefs]

    together = results('"waste+collection"')
    apart = results("waste+collection")
    assert together and all("waste collection" in texts[url] for url in together)
    assert set(together) < set(apart + [url for url in texts if "waste collection" in texts[url]])
    assert any("waste collection" not in texts[url] for url in apart), "without quotes the words may be apart"


def test_search_js_stems_every_word_as_lgsite_does(
    browser_session: gates.BrowserSession, example_server: gates.StaticServer, example_site: Path
) -> None:
    words: set[str] = set()
    for file in (example_site / "search" / "p").glob("*.json"):
        doc = json.loads(file.read_text(encoding="utf-8"))
        words.update(stemmer.words(" ".join((doc["t"], doc["d"], doc["x"]))))
    page = browser_session.page(gates.DESKTOP)
    page.goto(example_server.url_for("search.html"), wait_until="load")
    ordered = sorted(words)
    in_browser = page.evaluate("words => words.map(w => window.lgsiteSearchStem(w))", ordered)
    differ = [(w, stemmer.stem(w), js) for w, js in zip(ordered, in_browser) if stemmer.stem(w) != js]
    assert len(ordered) > 1000 and not differ, differ[:20]


@pytest.mark.parametrize("viewport", [gates.PHONE, gates.DESKTOP], ids=str)
def test_results_pass_axe_and_the_nu_checker_and_fit_a_phone(
    browser_session: gates.BrowserSession, example_server: gates.StaticServer, vnu_ready: None,
    viewport: gates.Viewport, tmp_path: Path,
) -> None:
    """The gates see search.html without a query; these are its results, as the browser built them."""
    page = browser_session.page(viewport)
    page.goto(example_server.url_for("search.html") + "?q=bin", wait_until="load")
    page.locator("#lg-search-results h2").wait_for()
    assert page.locator(".lg-search-results__more").is_visible(), "more than one page of results"
    rendered = tmp_path / "search-results.html"  # before axe adds its script
    rendered.write_text("<!doctype html>" + page.evaluate("document.documentElement.outerHTML"), encoding="utf-8")
    errors = gates.run_vnu([rendered])
    assert not errors, "\n".join(map(str, errors))
    violations = gates.run_axe(page)
    assert not violations, "\n".join(map(str, violations))
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport.width, "no sideways scrolling"
    page.locator(".lg-search-results__more").click()
    page.wait_for_function("document.querySelectorAll('.lg-search-results__list li').length > 10")
    assert page.evaluate("document.activeElement.closest('li') === "
                         "document.querySelectorAll('.lg-search-results__list li')[10]"), "focus moves to the first new result"
