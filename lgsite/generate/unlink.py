"""Links in shared pages to pages this council does not publish become plain text.

Shared pages link to one another ("find your bin collection day"), and a council
may exclude any of them. Left alone, such a link is broken on that council's site
and fails a strict build; the link text still reads well without the link. A
council's own pages are left as written, so MkDocs still warns their authors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..layers import Origin
from ..model import ContentModel
from ..prose import map_prose
from ..urls import resolve_ref

if TYPE_CHECKING:
    from ..site import Site

# A code span (left alone), or an inline link that is not an image: [text](target "title").
LINK = re.compile(
    r"(?P<code>`+).*?(?P=code)"
    r"|(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<target>[^\s)]+)(?:\s+\"[^\"]*\")?\)"
)
SHARED_ORIGINS = (Origin.INHERITED, Origin.MERGED)


def generate(site: Site, model: ContentModel) -> None:
    unpublished = site.unpublished
    if not unpublished:
        return
    for path, page in site.pages.items():
        if page.provenance.origin in SHARED_ORIGINS:
            page.body = unlink(page.body, path, unpublished)


def unlink(markdown: str, path: str, unpublished: set[str]) -> str:
    """`markdown` of the page at `path` with its links to `unpublished` pages reduced to their text."""

    def replace(match: re.Match[str]) -> str:
        target = match.group("target")
        if match.group("code") or target is None or "://" in target or target.startswith(("/", "#", "mailto:")):
            return match.group(0)
        meant = resolve_ref(path, target.partition("#")[0])
        return match.group("text") if meant in unpublished else match.group(0)

    return map_prose(markdown, lambda _, line: LINK.sub(replace, line) if "](" in line else line)
