"""Category pages: a landing page for each top-level LGNL category that has published pages, and
what every category page lists, at any level of the hierarchy.

A page is filed under the most specific category it names; a category page lists
the pages filed in its category and in each category below it, grouped by the
category one level down, so no category page is empty while pages exist under
it. lgsite generates only the top-level landing pages; a council or a shared
source writes a `type: category` page for a lower level where it wants one, and
one with nothing under it says so to residents and warns its author.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..collation import sort_key
from ..errors import LgsiteError
from ..layers import Page, generated_page
from ..listed import ListedIn, Place
from ..model import Category, ContentModel

if TYPE_CHECKING:
    from ..site import Site

CATEGORY_TYPE = "category"


@dataclass
class Listing:
    """The pages of one category, grouped by the category one level down ("" for pages filed in it)."""

    category_id: str
    title: str
    path: str
    groups: dict[str, list[str]] = field(default_factory=dict)  # group label -> page paths
    group_ids: dict[str, str] = field(default_factory=dict)  # group label -> the category one level down

    @property
    def summary(self) -> str:
        return ", ".join(label for label in self.groups if label)


def category_of(page: Page, model: ContentModel) -> str | None:
    category = page.meta.get("category")
    if isinstance(category, str) and category in model.categories:
        return category
    folder = page.path.split("/", 1)[0]
    return folder if "/" in page.path and folder in model.categories else None


def filed_pages(pages: dict[str, Page], model: ContentModel, listed_in: ListedIn,
                place: Place = Place.CATEGORY) -> dict[str, list[str]]:
    """Paths of the published pages whose type is listed in `place`, by the category each is filed in."""
    filed: dict[str, list[str]] = {}
    for path, page in pages.items():
        if (page, place) in listed_in and (category_id := category_of(page, model)) is not None:
            filed.setdefault(category_id, []).append(path)
    return filed


def listing_of(category: Category, path: str, filed: dict[str, list[str]], model: ContentModel,
               pages: dict[str, Page], lang: str = "en") -> Listing:
    """What the page of `category` lists: the pages filed in it, then those below each of its children,
    the groups and each group's pages in the alphabetical order of `lang`."""
    listing = Listing(category.id, model.label(category.id, lang), path)
    groups = {"": filed.get(category.id, [])}
    for child_id in category.children:
        label = model.label(child_id, lang)
        listing.group_ids[label] = child_id
        groups[label] = [path for category_id in subtree(child_id, model) for path in filed.get(category_id, ())]
    listing.groups = {label: sorted(paths, key=lambda p: (sort_key(pages[p].title, lang), p))
                      for label, paths in sorted(groups.items(), key=lambda item: sort_key(item[0], lang)) if paths}
    return listing


def subtree(category_id: str, model: ContentModel) -> list[str]:
    """The category and every category below it."""
    found = [category_id]
    for child_id in model.categories[category_id].children:
        found += subtree(child_id, model)
    return found


def build_listings(pages: dict[str, Page], model: ContentModel, listed_in: ListedIn,
                   place: Place = Place.CATEGORY, lang: str = "en") -> dict[str, Listing]:
    """The listing of every top-level category with published pages whose types are listed in `place`,
    in the architecture's order: what the generated landing pages show."""
    filed = filed_pages(pages, model, listed_in, place)
    listings = (listing_of(top, f"{top.id}/index.md", filed, model, pages, lang) for top in model.top_level)
    return {listing.category_id: listing for listing in listings if listing.groups}


def describe_category_pages(site: Site, model: ContentModel) -> None:
    """Give every category page, generated or written, at any level, the pages under its category.

    A group's heading links to the page of its category where there is one, so a written page for a
    lower level is reached from the page above it. A written one with nothing under it is still
    published, since its introduction may be what a resident needs, but it says there are no pages
    yet, and its author is warned with the line to change.
    """
    filed = filed_pages(site.pages, model, site.listed_in)
    category_pages = {path: (page, category_of(page, model)) for path, page in sorted(site.pages.items())
                      if page.type == CATEGORY_TYPE}
    page_of: dict[str, str] = {}
    for path, (_, category_id) in category_pages.items():
        if category_id is not None:
            page_of.setdefault(category_id, path)
    for path, (page, category_id) in category_pages.items():
        listing = (listing_of(model.categories[category_id], path, filed, model, site.pages, site.lang)
                   if category_id else None)
        if listing is None or not listing.groups:
            site.page_context(path)["listing"] = []
            site.problems.warning_of(empty_category(page, category_id))
            continue
        site.page_context(path)["listing"] = [
            {"label": label, "pages": site.links(paths),
             "url": site.link(page_of[child])["url"] if (child := listing.group_ids.get(label)) in page_of else None}
            for label, paths in listing.groups.items()
        ]


def empty_category(page: Page, category_id: str | None) -> LgsiteError:
    file = page.provenance.file or page.path
    line = page.meta_lines.get(("category",)) or page.meta_lines.get(("type",))
    if category_id is None:
        return LgsiteError("is a category page, but names no category, so it lists no pages", file=file, line=line,
                           hint="Add category: with the LGNL category it introduces, for example category: housing.")
    return LgsiteError(
        f"is the page of the category '{category_id}', but no published page is filed in it or below it, "
        "so it tells residents there are no pages yet", file=file, line=line,
        hint=f"Give pages category: {category_id} (or a category below it), or remove this page.",
    )


def landing_page(listing: Listing) -> Page:
    meta = {
        "title": listing.title,
        "description": f"{listing.title}: {listing.summary}." if listing.summary else listing.title,
        "type": CATEGORY_TYPE,
        "category": listing.category_id,
    }
    return generated_page(listing.path, meta)
