"""What a page's template sees beyond MkDocs' own: provenance, breadcrumbs, JSON-LD and listings.

Made from the assembled `Site` alone, by page path, so the engine decides what each
page shows and tests can ask without MkDocs; the plugin only hands the result over.
"""

from __future__ import annotations

from typing import Any

from . import structured_data
from .generate.categories import category_of
from .collation import OTHER_LETTER, headings
from .generate.indexes import A_TO_Z, SITEMAP, a_to_z_entries, sitemap_entries
from .languages import ENGLISH, LABELS
from .layers import Origin
from .model import ContentModel
from .site import Site
from .ui_strings import language_tag, ui_text
from .urls import page_url

HOME = "index.md"


def page_context(site: Site, model: ContentModel, path: str) -> dict[str, Any]:
    """The template context of the page at `path`: what generators gave it, with the engine's own on top,
    and the page's language and its versions in the site's other languages.

    A translated page's context is made by its language's view, where features made the page: what the
    view gives every page (such as its alerts) stands in for the English one.
    """
    view_of = site.view_paths.get(path)
    if view_of is None:
        context = view_context(site, model, path)
    else:
        lang, inner = view_of
        view = site.views[lang]
        context = {**view.shared_context, **view_context(view, model, inner)}
    context.update(language_context(site, path))
    return context


def language_context(site: Site, path: str) -> dict[str, Any]:
    """What the language switcher and hreflang alternates need: the page's language and each version."""
    lang = site.view_paths[path][0] if path in site.view_paths else ENGLISH
    versions = site.translations.get(path, {lang: path})
    return {
        "lang": lang,
        "lang_home": page_url(site.profile.prefix(lang) + HOME),
        "page_languages": [
            {"code": code, "label": LABELS[code], "url": page_url(versions[code]), "current": code == lang}
            for code in site.profile.languages if code in versions
        ] if len(site.profile.languages) > 1 else [],
        "x_default_url": page_url(versions.get(site.profile.languages[0], path)),
    }


def view_context(site: Site, model: ContentModel, path: str) -> dict[str, Any]:
    """A page's context in its own language's view.

    A generator may give its own breadcrumbs (a news article's go through news/); the
    JSON-LD breadcrumb list follows whichever the page shows.
    """
    page = site.pages.get(path)
    context: dict[str, Any] = {
        "provenance": page.provenance.as_dict() if page else {"origin": Origin.GENERATED},
        "breadcrumbs": breadcrumbs(site, model, path),
    }
    context.update(site.context.get(path, {}))
    context["json_ld"] = json_ld(site, path, context["breadcrumbs"]) + context.get("json_ld", [])
    context.update(listing_context(site, model, path))
    return context


def breadcrumbs(site: Site, model: ContentModel, path: str) -> list[dict[str, str]]:
    """Home, then the page's top-level category from the information architecture."""
    if path == HOME:
        return []
    crumbs = [{"title": ui_text(site.lang, "home"), "url": page_url(site.published_path(HOME))}]
    page = site.pages.get(path)
    category = category_of(page, model) if page is not None else None
    if category is not None:
        landing = site.listings.get(model.top_of(category).id)
        if landing is not None and landing.path != path:
            crumbs.append(site.link(landing.path))
    return crumbs


def json_ld(site: Site, path: str, crumbs: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The page's place in the site and, on a service page, the service."""
    page = site.pages.get(path)
    url = site.page_address(path)
    absolute = [{"title": crumb["title"], "url": site.absolute_url(crumb["url"])} for crumb in crumbs]
    items = [
        structured_data.web_page(page.title, url, language_tag(site.lang))
        if page and len(site.profile.languages) > 1 else None,
        structured_data.breadcrumb_list(absolute, page.title if page else "", url),
        structured_data.government_service(page, site.profile, site.site_url, url) if page else None,
    ]
    return [item for item in items if item is not None]


def listing_context(site: Site, model: ContentModel, path: str) -> dict[str, Any]:
    """The lists a page shows: categories on the home page, the A to Z, the sitemap. (A category page's
    pages are worked out once, in `categories.describe_category_pages`.)"""
    context: dict[str, Any] = {}
    if path == HOME:
        context["categories"] = category_links(site)
    if path == A_TO_Z:
        context["a_to_z"] = a_to_z_context(site)
    if path == SITEMAP:
        context["sitemap"] = [
            {**site.link(landing), "pages": site.links(paths)}
            for landing, paths in sitemap_entries(site.pages, model, site.listed_in, site.listings, site.lang)
        ]
    return context


def category_links(site: Site) -> list[dict[str, Any]]:
    """Every category's landing page as a link with its summary: the home page's list, and the search
    page's, where a resident without JavaScript (or without a result) goes on from."""
    return [{**site.link(listing.path), "description": listing.summary} for listing in site.listings.values()]


def a_to_z_context(site: Site) -> list[dict[str, Any]]:
    """Every letter of the site's alphabet (Welsh has Ch, Dd, Ll...), so the letters row does not jump
    about; a letter with no entries has none, and the template shows it as plain text rather than a
    link to nowhere."""
    letters = a_to_z_entries(site.pages, site.listed_in, site.lang)
    return [
        {
            "letter": letter,
            "id": "letter-other" if letter == OTHER_LETTER else f"letter-{letter.lower()}",
            "entries": [{**site.link(entry.path), "label": entry.label, "see": entry.see}
                        for entry in letters.get(letter, [])],
        }
        for letter in headings(site.lang, letters)
    ]
