"""Links written in front matter as {text, page or url}: related links and step-by-step tasks.

A link to a page the council does not publish is left out rather than shown
broken; a link to a page no source has is a mistake, and stops the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import LgsiteError
from ..layers import Page
from ..urls import resolve_ref

if TYPE_CHECKING:
    from ..site import Site


@dataclass
class Link:
    text: str
    url: str  # root-relative for a page on this site
    page: str | None  # the site path of a page on this site; None for a page on another website

    def as_context(self) -> dict[str, Any]:
        return {"text": self.text, "url": self.url, "external": self.page is None}


def front_matter_link(
    site: Site, page: Page, item: dict[str, Any], *, what: str, key: tuple[str, ...]
) -> Link | None:
    """`item`, given at `key` in `page`'s front matter, as a link; None if its page is unpublished.

    `what` starts the error message, as in "related links to".
    """
    text = str(item.get("text", ""))
    if "url" in item:
        return Link(text, str(item["url"]), None)
    ref = str(item.get("page", ""))
    target = resolve_ref(page.path, ref)
    if target in site.pages:
        return Link(text, site.link(target)["url"], target)
    if target in site.unpublished:
        return None
    raise LgsiteError(
        f"{what} '{ref}', which no source has",
        file=page.provenance.file or page.path,
        line=page.meta_lines.get(key) or page.meta_lines.get(key[:1]),
        hint="Check the path; it is relative to this page, like ../housing/housing-advice.md.",
    )
