"""Site-wide index pages: the A to Z of services and the HTML sitemap.

Both list exactly the pages this council publishes, so a resident who does not
know which category a service sits in can still find it without search.
"""

from __future__ import annotations

from ..layers import Page, generated_page
from .categories import Listing

A_TO_Z = "a-to-z.md"
SITEMAP = "sitemap.md"
LISTED_TYPES = ("service", "guide", "step-by-step", "directory", "page", "signpost", "contact")


def a_to_z_entries(pages: dict[str, Page]) -> dict[str, list[str]]:
    """Page paths by first letter of their title, for every page about a service."""
    letters: dict[str, list[str]] = {}
    for path, page in sorted(pages.items(), key=lambda item: item[1].title.lower()):
        if page.type in LISTED_TYPES and page.meta.get("lgsl") is not None and page.title:
            letter = page.title[0].upper()
            letters.setdefault(letter if letter.isalpha() else "#", []).append(path)
    return letters


def sitemap_entries(listings: dict[str, Listing]) -> list[tuple[str, list[str]]]:
    """Each category landing page with every page listed on it."""
    return [
        (listing.path, [path for paths in listing.groups.values() for path in paths])
        for listing in listings.values()
    ]


def index_page(path: str, title: str, description: str, page_type: str) -> Page:
    meta = {"title": title, "description": description, "type": page_type}
    return generated_page(path, meta)


def a_to_z_page() -> Page:
    return index_page(A_TO_Z, "A to Z of services", "Every council service on this site, in alphabetical order.", "a-to-z")


def sitemap_page() -> Page:
    return index_page(SITEMAP, "Sitemap", "Every page on this site, by category.", "sitemap")
