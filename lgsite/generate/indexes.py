"""Site-wide index pages: the A to Z of services and the HTML sitemap.

Both list exactly the pages this council publishes, so a resident who does not
know which category a service sits in can still find it without search.
"""

from __future__ import annotations

from ..layers import Page, generated_page
from ..listed import ListedIn, Place
from ..model import ContentModel
from .categories import Listing, build_listings

A_TO_Z = "a-to-z.md"
SITEMAP = "sitemap.md"


def a_to_z_entries(pages: dict[str, Page], listed_in: ListedIn) -> dict[str, list[str]]:
    """Page paths by first letter of their title, for every page about a service its type lists in the A to Z."""
    letters: dict[str, list[str]] = {}
    for path, page in sorted(pages.items(), key=lambda item: item[1].title.lower()):
        if (page, Place.A_TO_Z) in listed_in and page.meta.get("lgsl") is not None and page.title:
            letter = page.title[0].upper()
            letters.setdefault(letter if letter.isalpha() else "#", []).append(path)
    return letters


def sitemap_entries(pages: dict[str, Page], model: ContentModel, listed_in: ListedIn,
                    landings: dict[str, Listing]) -> list[tuple[str, list[str]]]:
    """Each category landing page with the pages of its category that their types list in the sitemap."""
    in_sitemap = build_listings(pages, model, listed_in, Place.SITEMAP)
    return [
        (landing.path, [path for paths in in_sitemap[top].groups.values() for path in paths] if top in in_sitemap else [])
        for top, landing in landings.items()
    ]


def index_page(path: str, title: str, description: str, page_type: str) -> Page:
    meta = {"title": title, "description": description, "type": page_type}
    return generated_page(path, meta)


def a_to_z_page() -> Page:
    return index_page(A_TO_Z, "A to Z of services", "Every council service on this site, in alphabetical order.", "a-to-z")


def sitemap_page() -> Page:
    return index_page(SITEMAP, "Sitemap", "Every page on this site, by category.", "sitemap")
