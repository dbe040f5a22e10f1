"""The site search index, cut down to what a resident's first search needs to download.

MkDocs' search plugin indexes the full text of every section of every page: for a
2,000-page council that is over 600 KB gzipped, fetched before the first result
shows. Residents search for a service by name, so the index keeps one entry a
page: its title, its description and its section headings, a few per cent of the
size. Pages marked `search: {exclude: true}` are left out.
"""

from __future__ import annotations

from typing import Any

from .site import Site
from .urls import page_url


def compact(index: dict[str, Any], descriptions: dict[str, str], hidden: set[str]) -> dict[str, Any]:
    """`index` as MkDocs wrote it, reduced to one entry per page URL that is not `hidden`.

    `descriptions` maps page URLs to their front matter description.
    """
    pages: dict[str, dict[str, Any]] = {}
    for doc in index.get("docs", []):
        url, _, fragment = str(doc.get("location", "")).partition("#")
        if url in hidden:
            continue
        page = pages.setdefault(url, {"location": url, "title": "", "headings": []})
        if fragment:
            page["headings"].append(str(doc.get("title", "")))
        else:
            page["title"] = str(doc.get("title", ""))
    docs = [
        {
            "location": url,
            "title": page["title"],
            "text": descriptions.get(url, ""),
            "headings": " / ".join(heading for heading in page["headings"] if heading),
        }
        for url, page in pages.items()
        if page["title"]
    ]
    return {"config": index.get("config", {}), "docs": docs}


def for_site(index: dict[str, Any], site: Site) -> dict[str, Any]:
    """`index` as MkDocs wrote it, compacted with the site's descriptions and without its hidden pages."""
    descriptions: dict[str, str] = {}
    hidden: set[str] = set()
    for path, page in site.pages.items():
        url = page_url(path)
        descriptions[url] = str(page.meta.get("description", ""))
        if page.unlisted:
            hidden.add(url)
    return compact(index, descriptions, hidden)
