"""The example council published under a path, as a GitHub Pages project site is
(https://example.github.io/anytown/): links, assets, search, feeds, structured data, the sitemap
and the page-not-found page all stay under that path."""

from __future__ import annotations

import json
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import gates
import pytest
from hosting import LISTEN, build_example, serve

SITE_URL = "https://example.github.io/anytown/"
PREFIX = "/anytown/"


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("subpath"), host="github-pages", site_url=SITE_URL)


def test_link_gate_passes_under_the_path(subpath_site: Path) -> None:
    problems = gates.check_links(subpath_site, site_url=SITE_URL)
    assert problems == [], gates.format_problems("links under a sub-path", problems)


def test_absolute_addresses_name_the_path(subpath_site: Path) -> None:
    robots = (subpath_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
    locs = [element.text or "" for element in ET.parse(subpath_site / "sitemap.xml").iter()
            if element.tag.endswith("loc")]
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    feed = (subpath_site / "news" / "feed.xml").read_text(encoding="utf-8")
    assert re.findall(r"<link>([^<]*)</link>", feed) and all(
        link.startswith(SITE_URL) for link in re.findall(r"<link>([^<]*)</link>", feed))
    home = (subpath_site / "index.html").read_text(encoding="utf-8")
    ld = [json.loads(block) for block in re.findall(r"<script type=application/ld\+json>(.*?)</script>", home)]
    ids = [item["@id"] for item in ld if "@id" in item]
    assert ids and all(value.startswith(SITE_URL) for value in ids)
    # Nothing in any page points at the host's root, where another site lives.
    for page in gates.html_files(subpath_site):
        text = (subpath_site / page).read_text(encoding="utf-8")
        rooted = [url for url in re.findall(r'(?:href|src|action|data-[a-z-]+)="?(/[^"\s>]*)', text)
                  if not url.startswith(PREFIX) and not url.startswith("//")]
        assert rooted == [], f"{page}: {rooted[:5]}"


def test_every_page_loads_all_it_asks_for_under_the_path(
    browser_session: gates.BrowserSession, subpath_site: Path
) -> None:
    """Served under /anytown/ with nothing at the host's root: a request that leaves the path fails.
    The policy is in each page's <meta> (GitHub Pages sets no headers), and nothing breaks it."""
    page = browser_session.browser.new_page(viewport=gates.PHONE.as_dict())
    page.add_init_script(LISTEN)
    failed: list[str] = []
    page.on("requestfailed", lambda request: None if "ERR_ABORTED" in (request.failure or "") else failed.append(
        f"{request.url} ({request.failure})"))  # aborted: the next page was asked for first (the favicon)
    page.on("response", lambda response: failed.append(f"{response.url} HTTP {response.status}")
            if response.status >= 400 and response.request.resource_type != "document" else None)
    with serve(subpath_site, prefix=PREFIX) as root:
        for relative in gates.html_files(subpath_site):
            page.goto(root + gates.page_url_path(relative).lstrip("/"), wait_until="load")
            failed += [f"{relative}: {violation}" for violation in page.evaluate("window.__violations")]
    page.close()
    assert failed == []


def test_not_found_page_works_at_any_depth(browser_session: gates.BrowserSession, subpath_site: Path) -> None:
    page = browser_session.page(gates.PHONE)
    loaded: list[str] = []
    page.on("response", lambda response: loaded.append(f"{response.status} {urllib.parse.urlsplit(response.url).path}"))
    with serve(subpath_site, prefix=PREFIX) as root:
        response = page.goto(root + "old/site/page.aspx", wait_until="load")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        assert f"200 {PREFIX}assets/stylesheets/council.css" in loaded
        home = page.get_by_role("link", name=re.compile("Go to the .* home page"))
        home.click()
        page.wait_for_load_state("load")
        assert urllib.parse.urlsplit(page.url).path == PREFIX


def test_search_finds_pages_under_the_path(browser_session: gates.BrowserSession, subpath_site: Path) -> None:
    page = browser_session.page(gates.PHONE)
    with serve(subpath_site, prefix=PREFIX) as root:
        page.goto(root + "search.html?q=bulky+waste", wait_until="load")
        results = page.locator("#lg-search-results")
        results.locator("h2").wait_for()
        link = results.get_by_role("link", name="Book a bulky waste collection")
        link.click()
        page.wait_for_load_state("load")
        assert urllib.parse.urlsplit(page.url).path == f"{PREFIX}environment-and-waste/book-a-bulky-waste-collection/"
        assert page.locator("h1").inner_text() == "Book a bulky waste collection"
