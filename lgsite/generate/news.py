"""Council news: each article's date, a paginated index, RSS and Atom feeds, NewsArticle JSON-LD.

A council writes each article as a page with `type: news` and a `date` (they
usually live in `docs/news/`). lgsite lists them newest first on `news/`, ten to
a page (`news/page-2/` and on), and writes both feeds so residents can follow
the news without visiting the site. A council's own `docs/news/index.md` gives
the index its title, description and introduction.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .. import feeds, uktime
from ..errors import LgsiteError
from ..layers import Page, generated_page
from ..model import ContentModel
from ..structured_data import CONTEXT, council_reference
from ..ui_strings import language_tag, ui_text
from ..urls import page_url

if TYPE_CHECKING:
    from ..site import Site

INDEX = "news/index.md"
RSS = "news/feed.xml"
ATOM = "news/atom.xml"
PER_PAGE = 10
FEED_SIZE = 20  # what a reader fetches on every poll: the newest articles, not the archive


def generate(site: Site, model: ContentModel) -> None:
    """Add the news index pages, the feeds, and each article's date, breadcrumbs and JSON-LD."""
    articles = sorted((page for page in site.pages.values() if page.type == "news" and page.path != INDEX),
                      key=lambda page: (published(page), page.path), reverse=True)
    if not articles:
        return
    alternates = [
        {"type": "application/rss+xml", "title": ui_text(site.lang, "news_feed_rss", council=site.council_name),
         "url": site.published_path(RSS)},
        {"type": "application/atom+xml", "title": ui_text(site.lang, "news_feed_atom", council=site.council_name),
         "url": site.published_path(ATOM)},
    ]
    chunks = [articles[start:start + PER_PAGE] for start in range(0, len(articles), PER_PAGE)]
    paths = add_index_pages(site, len(chunks))
    index = site.link(INDEX)
    site.shared_context["news_index"] = index
    crumbs = [{"title": ui_text(site.lang, "home"), "url": page_url(site.published_path("index.md"))},
              {"title": index["title"], "url": index["url"]}]
    urls = [site.link(path)["url"] for path in paths]
    for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
        context = site.page_context(path)
        context["news"] = [{**site.link(page.path), "published": date_context(published(page))} for page in chunk]
        context["pagination"] = pagination(number, urls)
        context["feeds"] = alternates
        if number > 1:
            context["breadcrumbs"] = crumbs
    for page in articles:
        context = site.page_context(page.path)
        context["published"] = date_context(published(page))
        context["feeds"] = alternates
        context["breadcrumbs"] = crumbs
        context.setdefault("json_ld", []).append(news_article(page, site))
    write_feeds(site, articles[:FEED_SIZE])


def published(page: Page) -> dt.date:
    """The article's date, as the schema read it."""
    day: dt.date = page.data["date"]
    return day


def published_at(page: Page) -> dt.datetime:
    """Feeds and JSON-LD want a moment: the start of the day the article went out, UK time."""
    day = published(page)
    return uktime.localise(dt.datetime(day.year, day.month, day.day))


def date_context(day: dt.date) -> dict[str, str]:
    """The article's date; the theme writes it out in the page's language (the format_date filter)."""
    return {"date": day.isoformat()}


def add_index_pages(site: Site, total: int) -> list[str]:
    """The index pages' paths, in order; the first keeps the council's own news/index.md text."""
    intro = site.pages.get(INDEX)
    title = intro.title if intro else ui_text(site.lang, "news")
    description = (str(intro.meta["description"]) if intro
                   else ui_text(site.lang, "news_description", council=site.council_name))
    paths = [INDEX] + [f"news/page-{number}.md" for number in range(2, total + 1)]
    for number, path in enumerate(paths, start=1):
        meta: dict[str, Any] = {"title": title, "description": description, "type": "news-index"}
        if number == 1:
            site.add_page(Page(path, meta, intro.body, intro.body_line, intro.provenance) if intro
                          else generated_page(path, meta), "the news index", intro=intro)
            continue
        if path in site.pages:
            raise LgsiteError(f"is at {path}, where lgsite puts page {number} of the news",
                              file=site.pages[path].provenance.file, hint="Give the page another file name.")
        meta["title"] = ui_text(site.lang, "news_page_title", title=title, number=number, total=total)
        site.add_page(generated_page(path, meta), f"page {number} of the news")
    return paths


def pagination(current: int, urls: list[str]) -> dict[str, Any]:
    """Previous and next links and the page numbers to show: the first, the last and those
    beside the current one, with a gap (None) where numbers are left out."""
    total = len(urls)
    shown = sorted({1, total, current - 1, current, current + 1} & set(range(1, total + 1)))
    items: list[dict[str, Any] | None] = []
    for before, number in zip([0, *shown], shown):
        if before and number - before > 1:
            items.append(None)
        items.append({"number": number, "url": urls[number - 1], "current": number == current})
    return {
        "current": current,
        "total": total,
        "previous": urls[current - 2] if current > 1 else None,
        "next": urls[current] if current < total else None,
        "pages": items if total > 1 else [],
    }


def news_article(page: Page, site: Site) -> dict[str, Any]:
    """schema.org NewsArticle, written and published by the council."""
    url = site.page_address(page.path)
    council = council_reference(site.profile, site.site_url)
    return {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": page.title,
        "inLanguage": language_tag(site.lang),
        "description": str(page.meta.get("description", "")),
        "datePublished": published_at(page).isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "author": council,
        "publisher": council,
    }


def write_feeds(site: Site, articles: list[Page]) -> None:
    """news/feed.xml (RSS 2.0) and news/atom.xml (Atom) with the newest articles."""
    feed = feeds.Feed(
        title=ui_text(site.lang, "news_feed_title", council=site.council_name),
        description=ui_text(site.lang, "news_feed_description", council=site.council_name),
        language=site.lang,
        url=site.page_address(INDEX),
        author=site.council_name,
        entries=[
            feeds.FeedEntry(page.title, site.page_address(page.path),
                            str(page.meta.get("description", "")), published_at(page))
            for page in articles
        ],
    )
    site.add_output(RSS, feeds.rss(feed, site.absolute_url(site.published_path(RSS))), "the news RSS feed")
    site.add_output(ATOM, feeds.atom(feed, site.absolute_url(site.published_path(ATOM))), "the news Atom feed")
