"""What the site tells search engines: `sitemap.xml` with each page's last change, and `robots.txt`.

`lastmod` is only worth giving when it is true: search engines learn to ignore
a sitemap whose dates all move with every build. So a page's date is when its
text was last looked at: its `last_reviewed` date, or a news article's `date`.
A page with neither (a listing lgsite generates, a council page that does not
say) has no `lastmod` rather than a made-up one, and the sitemap stays the
same from one build to the next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .layers import Page
from .site import Site

ROBOTS = "robots.txt"
SITEMAP_XML = "sitemap.xml"

# Front matter dates that say when a page's text last changed, the most telling first.
_CHANGED_ON = ("last_reviewed", "date")


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None


def sitemap_entries(site: Site) -> list[SitemapEntry]:
    """Every published page residents can search for, by URL; pages kept out of the site search
    (a guide's printable copy of its parts) are kept out of search engines' lists too."""
    entries = [SitemapEntry(site.page_address(path), last_change(page))
               for path, page in site.pages.items() if not _kept_from_search(page)]
    return sorted(entries, key=lambda entry: entry.loc)


def last_change(page: Page) -> str | None:
    for key in _CHANGED_ON:
        value = page.data.get(key)
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
    return None


def _kept_from_search(page: Page) -> bool:
    search = page.meta.get("search")
    return isinstance(search, dict) and search.get("exclude") is True


def robots_txt(site: Site) -> str:
    """Every crawler welcome, and told where the sitemap is (under the site's own path, if it has one).

    Crawlers read robots.txt only at the root of a host: a site under a path (a GitHub Pages project
    site) publishes it all the same, and search engines find the sitemap when it is submitted to them.
    """
    return f"User-agent: *\nDisallow:\n\nSitemap: {site.absolute_url(SITEMAP_XML)}\n"


def add_robots(site: Site) -> None:
    """Publish robots.txt, unless the council's docs/ has its own: then the council's wins."""
    if ROBOTS not in site.local_files:
        site.add_output(ROBOTS, robots_txt(site), "robots.txt")

