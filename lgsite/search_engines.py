"""What the site tells search engines: `sitemap.xml` with each page's last change, and `robots.txt`.

`lastmod` is only worth giving when it is true: search engines learn to ignore
a sitemap whose dates all move with every build. So a page's date is when its
text was last looked at: its `last_reviewed` date, or a news article's `date`,
or else, for a council's own page kept in git, the day of the last commit that
changed its file (the same for every build of that commit, unlike the file's
modification time, which a checkout resets). A page with none of these (a
listing lgsite generates) has no `lastmod` rather than a made-up one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pathlib import Path

from .errors import LgsiteError
from .gitsource import run_git
from .layers import Origin, Page
from .site import Site
from .urls import page_url

ROBOTS = "robots.txt"
SITEMAP_XML = "sitemap.xml"

# Front matter dates that say when a page's text last changed, the most telling first.
_CHANGED_ON = ("last_reviewed", "date")


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None
    # The page in each of the site's languages (hreflang, absolute URL), itself included, and x-default:
    # so a search engine sends a Welsh speaker to the Welsh page.
    alternates: tuple[dict[str, str], ...] = ()


# Pages whose text is (at least partly) a file in the council's docs/, at the page's own path.
_COUNCIL_FILE = (Origin.LOCAL, Origin.OVERRIDE, Origin.MERGED)


def sitemap_entries(site: Site, committed: dict[str, str] | None = None) -> list[SitemapEntry]:
    """Every published page residents can search for, by URL; pages kept out of the site search
    (a guide's printable copy of its parts) are kept out of search engines' lists too.

    `committed` gives the day each file of the council's docs/ last changed in git (`commit_dates`).
    """
    committed = committed or {}
    entries = []
    for path, page in site.pages.items():
        if _kept_from_search(page):
            continue
        lastmod = last_change(page)
        if lastmod is None and page.provenance.origin in _COUNCIL_FILE:
            lastmod = committed.get(path)
        entries.append(SitemapEntry(site.page_address(path), lastmod, alternates(site, path)))
    return sorted(entries, key=lambda entry: entry.loc)


def alternates(site: Site, path: str) -> tuple[dict[str, str], ...]:
    """A translated page's versions, as hreflang alternates, with x-default the site's first language's."""
    versions = site.translations.get(path)
    if not versions:
        return ()
    found = [{"hreflang": lang, "href": site.absolute_url(page_url(versions[lang]))}
             for lang in site.profile.languages if lang in versions]
    return (*found, {"hreflang": "x-default", "href": found[0]["href"]})


def last_change(page: Page) -> str | None:
    """The day the page's front matter says its text last changed, if it says."""
    for key in _CHANGED_ON:
        value = page.data.get(key)
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
    return None


def commit_dates(folder: Path) -> dict[str, str]:
    """The day of the last commit that changed each file under `folder`, by its path there, from one
    `git log`; empty when the folder is not in a git repository (or git cannot be run)."""
    if not folder.is_dir():
        return {}
    try:
        log = run_git(["-C", str(folder), "log", "--relative", "--name-only", "--format=%x00%cs", "--", "."])
    except LgsiteError:
        return {}
    dates: dict[str, str] = {}
    for commit in log.decode("utf-8", "replace").split("\0")[1:]:
        day, *files = commit.strip("\n").split("\n")
        for file in files:
            if file:
                dates.setdefault(file, day)  # newest commit first: the first date seen is the last change
    return dates


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

