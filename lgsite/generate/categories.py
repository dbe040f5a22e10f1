"""Category landing pages: one per top-level LGNL category that has published pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layers import Page, generated_page
from ..listed import ListedIn, Place
from ..model import ContentModel


@dataclass
class Listing:
    """The pages of one category, grouped by second-level term, for its landing page."""

    category_id: str
    title: str
    path: str
    groups: dict[str, list[str]] = field(default_factory=dict)  # group label -> page paths

    @property
    def summary(self) -> str:
        return ", ".join(label for label in self.groups if label)


def category_of(page: Page, model: ContentModel) -> str | None:
    category = page.meta.get("category")
    if isinstance(category, str) and category in model.categories:
        return category
    folder = page.path.split("/", 1)[0]
    return folder if "/" in page.path and folder in model.categories else None


def build_listings(pages: dict[str, Page], model: ContentModel, listed_in: ListedIn,
                   place: Place = Place.CATEGORY) -> dict[str, Listing]:
    """Group every published page its type lists in `place` under its top-level category, by sub-category."""
    listings: dict[str, Listing] = {}
    for path, page in sorted(pages.items(), key=lambda item: item[1].title.lower()):
        if (page, place) not in listed_in:
            continue
        category_id = category_of(page, model)
        if category_id is None:
            continue
        top = model.top_of(category_id)
        second = model.second_level_of(category_id)
        listing = listings.setdefault(top.id, Listing(top.id, top.label, f"{top.id}/index.md"))
        listing.groups.setdefault(second.label if second else "", []).append(path)
    ordered = {}
    for top in model.top_level:
        if top.id in listings:
            listing = listings[top.id]
            listing.groups = dict(sorted(listing.groups.items()))
            ordered[top.id] = listing
    return ordered


def landing_page(listing: Listing) -> Page:
    meta = {
        "title": listing.title,
        "description": f"{listing.title}: {listing.summary}." if listing.summary else listing.title,
        "type": "category",
        "category": listing.category_id,
    }
    return generated_page(listing.path, meta)
