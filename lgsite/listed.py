"""Where pages of each content type are listed: category pages, the A to Z, the HTML sitemap.

Each type file in `content-model/types/` declares it (`listed_in: [category, a_to_z, sitemap]`),
so a content designer changes where a type shows up in one place, and the listing code only asks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .layers import Page


class Place(StrEnum):
    """A site-wide list of pages; the values are what type files write under `listed_in:`."""

    CATEGORY = "category"  # the landing page of the page's top-level category
    A_TO_Z = "a_to_z"  # the A to Z of services: every page of the type
    A_TO_Z_WITH_LGSL = "a_to_z_with_lgsl"  # the A to Z, only the type's pages with an LGSL number
    SITEMAP = "sitemap"  # the HTML sitemap, by category


# Types lgsite writes itself have no type file, since no council writes them, and are listed nowhere,
# except a signpost: it stands in for a shared service page, so it is listed where a service is.
STANDS_IN_FOR = {"signpost": "service"}


@dataclass(frozen=True)
class ListedIn:
    """Each content type's places, as its type file declares them."""

    places: Mapping[str, frozenset[Place]] = field(default_factory=dict)

    def __contains__(self, item: tuple[Page, Place]) -> bool:
        page, place = item
        page_type = STANDS_IN_FOR.get(page.type, page.type)
        return place in self.places.get(page_type, frozenset())
