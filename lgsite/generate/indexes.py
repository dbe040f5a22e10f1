"""Site-wide index pages: the A to Z of services and the HTML sitemap.

Both list exactly the pages this council publishes, so a resident who does not
know which category a service sits in can still find it without search.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..collation import filing_key, filing_text, first_letter, heading_place
from ..layers import Page, generated_page
from ..listed import ListedIn, Place
from ..model import ContentModel
from ..ui_strings import DEFAULT, ui_text
from .categories import Listing, build_listings

A_TO_Z = "a-to-z.md"
SITEMAP = "sitemap.md"


@dataclass(frozen=True)
class AToZEntry:
    """One line of the A to Z: a page under its title, or under one of its `a_to_z:` terms."""

    label: str  # what is filed: the page's title, or the term
    path: str
    see: bool = False  # a term, shown as "Bins - see Report a missed bin" so it is clear it leads elsewhere


def in_a_to_z(page: Page, listed_in: ListedIn) -> bool:
    """Every page its type lists in the A to Z, a page with an LGSL number where its type asks for one,
    and any page that names terms; never a page kept out of search."""
    if page.unlisted or not page.title:
        return False
    return (bool(page.data.get("a_to_z")) or (page, Place.A_TO_Z) in listed_in
            or ((page, Place.A_TO_Z_WITH_LGSL) in listed_in and page.data.get("lgsl") is not None))


def a_to_z_entries(pages: dict[str, Page], listed_in: ListedIn, lang: str = "en") -> dict[str, list[AToZEntry]]:
    """The A to Z's entries by letter, "#" first: each page under its title, and under each of its terms,
    in the alphabetical order of the site's language (`collation`)."""
    entries: list[AToZEntry] = []
    for path, page in pages.items():
        if not in_a_to_z(page, listed_in):
            continue
        entries.append(AToZEntry(page.title, path))
        seen = {filing_text(page.title, lang)}
        for term in page.data.get("a_to_z") or ():
            if filing_text(term, lang) not in seen:  # a term that is the title again would list the page twice
                seen.add(filing_text(term, lang))
                entries.append(AToZEntry(term, path, see=True))
    entries.sort(key=lambda entry: (filing_key(entry.label, lang), entry.label, entry.path))
    letters: dict[str, list[AToZEntry]] = {}
    for entry in entries:
        letters.setdefault(first_letter(entry.label, lang), []).append(entry)
    return dict(sorted(letters.items(), key=lambda item: heading_place(item[0], lang)))


def sitemap_entries(pages: dict[str, Page], model: ContentModel, listed_in: ListedIn,
                    landings: dict[str, Listing], lang: str = "en") -> list[tuple[str, list[str]]]:
    """Each category landing page with the pages of its category that their types list in the sitemap,
    in the alphabetical order of `lang`."""
    in_sitemap = build_listings(pages, model, listed_in, Place.SITEMAP, lang)
    return [
        (landing.path, [path for paths in in_sitemap[top].groups.values() for path in paths] if top in in_sitemap else [])
        for top, landing in landings.items()
    ]


def index_page(path: str, title: str, description: str, page_type: str) -> Page:
    meta = {"title": title, "description": description, "type": page_type}
    return generated_page(path, meta)


def a_to_z_page(lang: str = DEFAULT) -> Page:
    return index_page(A_TO_Z, ui_text(lang, "a_to_z"), ui_text(lang, "a_to_z_description"), "a-to-z")


def sitemap_page(lang: str = DEFAULT) -> Page:
    return index_page(SITEMAP, ui_text(lang, "sitemap"), ui_text(lang, "sitemap_description"), "sitemap")
