"""Search relevance on the example council, in a real browser: residents' words, not page titles.

Each query is written the way residents type into a council's search box: their
own words for a service, a word form the page does not use, a misspelling, or a
whole question. The test opens the search page with each one in the address
(``?q=``, as the search form sends it) and looks for the expected page among the
first three results. At least 90% must be found there.

A few queries name two pages: when the example council has two pages that both
answer the question (a service and its guide), either in the top 3 is a right answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote_plus, urlsplit

import pytest

import gates

if TYPE_CHECKING:
    from playwright.sync_api import Page

WASTE = "environment-and-waste/"
CTAX = "council-tax-and-benefits/"
TIPS = WASTE + "household-waste-recycling-centres/"

# (what a resident types, the pages that answer it (any one in the top 3 is a hit))
QUERIES: list[tuple[str, tuple[str, ...]]] = [
    ("bin not collected", (WASTE + "report-a-missed-bin/",)),
    ("my bins were missed", (WASTE + "report-a-missed-bin/",)),
    ("tip opening times", (TIPS,)),
    ("dump near me", (TIPS,)),
    ("recyling centre", (TIPS,)),
    ("dog poo", (WASTE + "report-dog-fouling/",)),
    ("cant pay council tax", (CTAX + "council-tax/if-you-cannot-pay/",)),
    ("can't afford my council tax", (CTAX + "council-tax/if-you-cannot-pay/", CTAX + "council-tax-reduction/")),
    ("recyling", (WASTE + "what-goes-in-your-recycling/", WASTE + "rubbish-and-recycling/")),
    ("what can go in the recycling bin", (WASTE + "what-goes-in-your-recycling/",)),
    ("meals on wheels", ("health-and-social-care/get-meals-delivered-to-your-home/",)),
    ("hole in the road", ("transport-and-streets/report-a-pothole/",)),
    ("potholes", ("transport-and-streets/report-a-pothole/",)),
    ("street lamp not working", ("transport-and-streets/report-a-street-light-fault/",)),
    ("rubbish dumped in the street", (WASTE + "report-fly-tipping/",)),
    ("flytipping", (WASTE + "report-fly-tipping/",)),
    ("new wheelie bin", (WASTE + "request-a-new-or-replacement-bin/",)),
    ("bin is broken", (WASTE + "request-a-new-or-replacement-bin/",)),
    ("get rid of old sofa", (WASTE + "book-a-bulky-waste-collection/",)),
    ("fridge collection", (WASTE + "book-a-bulky-waste-collection/",)),
    ("when is my bin day", (WASTE + "find-your-bin-collection-day/",)),
    ("brown bin", (WASTE + "garden-waste-collection/",)),
    ("noisy neighbours", (WASTE + "report-a-noise-problem/",)),
    ("dead badger", (WASTE + "report-a-dead-animal/",)),
    ("dead fox", (WASTE + "report-a-dead-animal/",)),
    ("single person discount", (CTAX + "council-tax-discounts-and-exemptions/", CTAX + "council-tax/discounts-and-exemptions/")),
    ("pay ctax", (CTAX + "pay-your-council-tax/",)),
    ("council tax monthly payments", (CTAX + "set-up-a-council-tax-direct-debit/", CTAX + "pay-your-council-tax/", CTAX + "council-tax/what-you-pay-and-when/")),
    ("moving house", (CTAX + "tell-us-you-are-moving-home/", CTAX + "council-tax/if-you-move-home/")),
    ("council tax band too high", (CTAX + "council-tax/if-you-disagree-with-your-band-or-bill/",)),
    ("councl tax", (CTAX + "council-tax/", CTAX + "pay-your-council-tax/")),
    ("housing benifit", (CTAX + "housing-benefit/",)),
    ("help paying rent", (CTAX + "housing-benefit/", CTAX + "discretionary-housing-payments/")),
    ("in debt", (CTAX + "money-and-debt-advice/",)),
    ("nowhere to live", ("housing/get-help-if-you-are-homeless/",)),
    ("being evicted", ("housing/get-help-if-you-are-homeless/",)),
    ("council house waiting list", ("housing/apply-for-council-or-housing-association-housing/",)),
    ("damp and mould in rented flat", ("housing/report-a-problem-with-a-private-landlord/",)),
    ("stairlift", ("housing/disabled-facilities-grant/", "health-and-social-care/get-equipment-to-help-at-home/")),
    ("disabled parking badge", ("health-and-social-care/apply-for-a-blue-badge/",)),
    ("bus pass for pensioners", ("transport-and-streets/apply-for-a-concessionary-bus-pass/",)),
    ("parking ticket appeal", ("transport-and-streets/pay-or-challenge-a-parking-fine/",)),
    ("residents parking", ("transport-and-streets/apply-for-a-parking-permit/",)),
    ("drop kerb for my driveway", ("transport-and-streets/apply-for-a-dropped-kerb/",)),
    ("are the roads gritted", ("transport-and-streets/gritting-and-winter-roads/",)),
    ("broken paving slab", ("transport-and-streets/report-a-problem-with-a-road-sign-or-pavement/",)),
    ("school admissions", ("education-and-learning/apply-for-a-school-place/",)),
    ("free school dinners", ("education-and-learning/apply-for-free-school-meals/",)),
    ("school bus", ("education-and-learning/apply-for-home-to-school-transport/",)),
    ("home schooling", ("education-and-learning/educating-your-child-at-home/",)),
    ("ehcp", ("education-and-learning/ask-for-an-education-health-and-care-needs-assessment/",)),
    ("worried about a child", ("children-and-families/report-a-concern-about-a-child/",)),
    ("fostering", ("children-and-families/become-a-foster-carer/",)),
    ("30 hours childcare", ("children-and-families/apply-for-free-childcare/",)),
    ("library opening hours", ("leisure-and-culture/find-a-library/",)),
    ("library card", ("leisure-and-culture/join-the-library/",)),
    ("renew my books", ("leisure-and-culture/renew-or-reserve-library-books/",)),
    ("hire a football pitch", ("leisure-and-culture/book-a-sports-pitch-or-venue/",)),
    ("do i need planning permission for an extension", ("planning-and-development/check-if-you-need-planning-permission/", "planning-and-development/get-planning-permission/")),
    ("object to a planning application", ("planning-and-development/comment-on-a-planning-application/",)),
    ("planing aplication", ("planning-and-development/find-a-planning-application/", "planning-and-development/apply-for-planning-permission/", "planning-and-development/comment-on-a-planning-application/")),
    ("building control", ("planning-and-development/apply-for-building-regulations-approval/",)),
    ("taxi licence", ("business-and-economy/apply-for-a-taxi-or-private-hire-licence/",)),
    ("alcohol licence", ("business-and-economy/apply-for-a-premises-licence/",)),
    ("start a food business", ("business-and-economy/register-a-food-business/",)),
    ("business rates", ("business-and-economy/pay-business-rates/",)),
    ("electoral roll", ("about-the-council/register-to-vote/",)),
    ("vote by post", ("about-the-council/apply-for-a-postal-or-proxy-vote/",)),
    ("who is my councillor", ("about-the-council/find-your-councillor/",)),
    ("complain about the council", ("about-the-council/make-a-complaint/",)),
    ("foi", ("about-the-council/make-a-freedom-of-information-request/",)),
    ("someone has died", ("community-and-living/register-a-death/",)),
    ("birth certificate", ("community-and-living/register-a-birth/",)),
    ("getting married", ("community-and-living/give-notice-of-marriage-or-civil-partnership/",)),
    ("antisocial neighbours", ("community-and-living/report-antisocial-behaviour/",)),
    ("jobs", ("jobs-and-careers/council-jobs/",)),
    ("carers support", ("health-and-social-care/ask-for-a-carers-assessment/",)),
    ("care for elderly mum", ("health-and-social-care/ask-for-a-social-care-needs-assessment/",)),
    ("grants for community groups", ("community-and-living/community-grants/",)),
    ("phone number", ("about-the-council/contact-us/",)),
    ("christmas bins", ("news/christmas-bin-collections/",)),
    ("bottle bank", (TIPS + "riverside-bottle-bank/",)),
    ("playground", ("leisure-and-culture/parks-and-open-spaces/",)),
    ("garden rubbish", (WASTE + "garden-waste-collection/",)),
]
TARGET = 0.9


@pytest.fixture(scope="module")
def example_server(example_site: Path) -> Iterator[gates.StaticServer]:
    with gates.StaticServer(example_site) as server:
        yield server


def top_results(page: Page, server: gates.StaticServer, query: str, count: int = 3) -> list[str]:
    """The site paths of the first `count` results the search page shows for `query`."""
    page.goto(server.url_for("search.html") + "?q=" + quote_plus(query), wait_until="load")
    results = page.locator("#lg-search-results")
    results.locator("h2").wait_for()
    hrefs = results.locator("li").evaluate_all(
        "items => items.map(item => { const a = item.querySelector('a'); return a ? a.href : ''; })")
    return [urlsplit(href).path.lstrip("/") for href in hrefs[:count]]


def test_queries_are_residents_words_with_pages_that_exist(example_site: Path) -> None:
    assert len(QUERIES) >= 50
    assert len({query for query, _ in QUERIES}) == len(QUERIES), "a query is listed twice"
    for query, expected in QUERIES:
        for path in expected:
            assert (example_site / path / "index.html").is_file(), f"{query!r} expects {path}, which is not built"


def test_residents_find_the_right_page_in_the_top_three(
    browser_session: gates.BrowserSession, example_server: gates.StaticServer
) -> None:
    page = browser_session.page(gates.PHONE)
    misses: list[str] = []
    for query, expected in QUERIES:
        found = top_results(page, example_server, query)
        if not set(found) & set(expected):
            misses.append(f"{query!r}: expected {expected[0]}, got {found}")
    rate = 1 - len(misses) / len(QUERIES)
    print(f"\nsearch relevance: {len(QUERIES) - len(misses)}/{len(QUERIES)} in the top 3 ({rate:.0%})")
    for miss in misses:
        print("  miss", miss)
    assert rate >= TARGET, f"{rate:.0%} of resident queries found their page in the top 3:\n" + "\n".join(misses)
