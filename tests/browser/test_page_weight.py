"""What a resident's phone downloads on a first visit to one page of each type (issue #7's resident targets).

Measured in the browser, from the bytes that crossed the wire with gzip, with an
empty cache, so it counts everything the page pulls in: HTML, CSS, scripts,
images and the favicon. Sizes, not timings: they do not depend on the machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gates

TOTAL_LIMIT = 80 * 1024  # every byte of a first visit, gzipped
HTML_LIMIT = 14 * 1024  # the page itself: what fits in the first round trips of a slow connection


def first_visit(session: gates.BrowserSession, url: str) -> dict[str, int]:
    """Bytes received for each URL a fresh browser fetches to show `url` (body as sent, headers left out)."""
    context = session.browser.new_context(viewport=gates.PHONE.as_dict(), service_workers="block")
    try:
        page = context.new_page()
        received: dict[str, int] = {}
        page.on("requestfinished", lambda request: received.__setitem__(
            request.url, request.sizes()["responseBodySize"]))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        return received
    finally:
        context.close()


@pytest.fixture(scope="module")
def weights(
    browser_session: gates.BrowserSession, site_server: gates.StaticServer, built_site: Path
) -> dict[str, tuple[str, dict[str, int]]]:
    urls = {kind: site_server.url_for(rel) for kind, rel in gates.page_types(built_site).items()}
    return {kind: (url, first_visit(browser_session, url)) for kind, url in urls.items()}


def test_every_page_type_is_light_on_a_first_visit(weights: dict[str, tuple[str, dict[str, int]]]) -> None:
    problems = []
    for kind, (page, received) in sorted(weights.items()):
        html = received[page]
        total = sum(received.values())
        if total > TOTAL_LIMIT or html > HTML_LIMIT:
            problems.append(f"{kind} ({page}): {total / 1024:.1f} KB in all, {html / 1024:.1f} KB of HTML")
    assert not problems, "over 80 KB in all or 14 KB of HTML (gzip): " + "; ".join(problems)


def test_the_measurement_counts_compressed_bytes(weights: dict[str, tuple[str, dict[str, int]]]) -> None:
    """The stylesheet is about 140 KB as a file; if it counts at that size, gzip was not measured."""
    sizes = [size for _, received in weights.values() for url, size in received.items() if url.endswith(".css")]
    assert sizes and max(sizes) < 40 * 1024
