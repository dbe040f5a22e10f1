"""The search page of a language published under a prefix, as Welsh is under cy/.

MkDocs writes one search page, the static template search.html at the root of the
site, for the language there. A resident reading Welsh must search Welsh pages and
read the page around the results in Welsh, so each other language's view gets a
page of its own at search.md (cy/search/ once the views are merged), drawn with the
same template; its script reads that language's index (`search_index.index_url`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..layers import generated_page

if TYPE_CHECKING:
    from ..site import Site

SEARCH_PAGE = "search.md"
STATIC_SEARCH_PAGE = "search.html"  # MkDocs' own, for the language at the root of the site


def search_page_url(prefix: str) -> str:
    """Where a search form on a page of the language published under `prefix` sends its words.
    (A Jinja global, given the page's `lang_home`.)"""
    return f"{prefix}search/" if prefix else STATIC_SEARCH_PAGE


def add_search_page(site: Site, title: str, description: str) -> None:
    """Publish the view's search page, in the view's words (`title` and `description` in its language):
    kept out of search, the A to Z and sitemap.xml, as MkDocs' search.html is, and listing the view's
    own categories for a resident without JavaScript."""
    meta = {"title": title, "description": description, "type": "search", "template": STATIC_SEARCH_PAGE,
            "search": {"exclude": True}}
    site.add_page(generated_page(SEARCH_PAGE, meta), "the search page")
