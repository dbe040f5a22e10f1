"""Guides in parts: every `##` heading of a guide starts a part with its own page.

A long subject is easier to read on a phone in parts: the resident sees the
contents, reads the part they came for and moves on with previous and next
links. The guide's own address shows the first part (with the introduction, if
there is one), so every link to the guide keeps working; each further part is a
generated page below it, at `<guide>/<part-id>/`, and `<guide>/print/` shows the
whole guide on one page for printing. The parts are cut from the page as
resolved, so a council's section override of a guide changes the part it names.

Parts and the printable version are not listed in categories or the A to Z: the
guide is listed once. They share the guide's category, for breadcrumbs, and the
context other features gave the guide (contacts, related links, "part of").
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import LgsiteError
from ..layers import Origin, Page, generated_page
from ..model import ContentModel
from ..sections import EXPLICIT_ID, HEADING, HeadingIds, join_sections, split_sections
from .relink import relink

if TYPE_CHECKING:
    from ..site import Site

PART_TYPE = "guide-part"
PRINT_TYPE = "guide-print"
PRINT_ID = "print"
# Ids a part cannot have: the printable version's address, and the guide's own.
RESERVED_IDS = (PRINT_ID, "index")
# Context that describes the guide page alone, so its parts do not copy it.
OWN_CONTEXT = ("json_ld",)
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKDOWN_EMPHASIS = re.compile(r"[*_`]")


@dataclass
class Part:
    """One part of a guide: a `##` section and the page that shows it."""

    id: str  # the heading's id, also the last segment of the part's address
    title: str  # the heading as plain text
    path: str  # the page path; the first part's is the guide's own
    markdown: str  # the heading and its text; the first part's starts with the introduction
    line: int


def generate(site: Site, model: ContentModel) -> None:
    """Split every guide with two or more parts into its part pages and a printable version.

    Runs after the generators whose context a guide's parts should share.
    """
    for page in [page for page in site.pages.values() if page.type == "guide"]:
        parts = split_parts(page, site.link(page.path)["url"].rstrip("/"), site.heading_ids)
        if len(parts) > 1:
            publish(site, page, parts)


def split_parts(guide: Page, folder: str, ids: HeadingIds) -> list[Part]:
    """The guide's parts, one per `##` section; the introduction goes with the first."""
    intro, *sections = split_sections(guide, ids)
    parts: list[Part] = []
    for number, section in enumerate(sections):
        heading = HEADING.match(section.heading)
        assert heading is not None
        path = guide.path if number == 0 else posixpath.join(folder, f"{section.id}.md")
        markdown = join_sections([intro, section]) if number == 0 else section.markdown()
        parts.append(Part(section.id, plain_text(heading.group(1)), path, markdown, section.line))
    return parts


def heading_line(guide: Page, line: int) -> int | None:
    """The heading's line in the guide's file; unknown when sections of two files were merged."""
    return None if guide.provenance.origin == Origin.MERGED else line


def plain_text(heading: str) -> str:
    """A heading's words without Markdown, for the contents list and page titles."""
    text = EXPLICIT_ID.sub("", heading)
    text = MARKDOWN_LINK.sub(r"\1", text)
    return MARKDOWN_EMPHASIS.sub("", text).strip()


def publish(site: Site, guide: Page, parts: list[Part]) -> None:
    """Give the guide its first part, and add a page for each other part and the printable version."""
    print_path = posixpath.join(posixpath.dirname(parts[1].path), f"{PRINT_ID}.md")
    homes = {part.id: part.path for part in parts}
    for part in parts[1:]:
        if not part.id or part.id in RESERVED_IDS:
            raise LgsiteError(
                f"the guide part '{part.title}' cannot have the address '{site.link(guide.path)['url']}{part.id}/'",
                file=guide.provenance.file or guide.path, line=heading_line(guide, part.line),
                hint=f"Every ## heading starts a part, addressed by its words; use words other than "
                     f"{' or '.join(repr(i) for i in RESERVED_IDS)}.",
            )
        if part.path in site.pages:
            raise LgsiteError(
                f"the guide part '{part.title}' would be published at {part.path}, where there is already a page",
                file=guide.provenance.file or guide.path, line=heading_line(guide, part.line),
                hint="Change the words of the heading, or move the other page.",
            )
    if print_path in site.pages:
        raise LgsiteError(
            f"the guide's printable version would be published at {print_path}, where there is already a page",
            file=guide.provenance.file or guide.path, hint="Move the other page.",
        )
    for part in parts[1:]:
        body = relink(part.markdown, guide.path, part.path, homes.get)
        site.add_page(guide_page(part.path, guide, f"{guide.title}: {part.title}", PART_TYPE, body),
                      f"a part of the guide {guide.path}")
    everything = "\n".join(part.markdown for part in parts)
    body = relink(everything, guide.path, print_path, lambda part_id: print_path if part_id in homes else None)
    printable = guide_page(print_path, guide, f"{guide.title}: printable version", PRINT_TYPE, body)
    printable.meta["search"] = {"exclude": True}
    site.add_page(printable, f"the printable version of the guide {guide.path}")
    guide.body = relink(parts[0].markdown, guide.path, guide.path, homes.get)
    add_context(site, guide, parts, print_path)


def guide_page(path: str, guide: Page, title: str, page_type: str, body: str) -> Page:
    template = "guide-print.html" if page_type == PRINT_TYPE else "guide.html"
    meta: dict[str, Any] = {"title": title, "type": page_type, "template": template}
    meta.update({key: guide.meta[key] for key in ("description", "category") if key in guide.meta})
    return generated_page(path, meta, body)


def add_context(site: Site, guide: Page, parts: list[Part], print_path: str) -> None:
    """Each part's contents list, previous and next links; the printable version's contents."""
    shared = {key: value for key, value in site.page_context(guide.path).items() if key not in OWN_CONTEXT}
    links = [{"title": part.title, "url": site.link(part.path)["url"]} for part in parts]
    for number, part in enumerate(parts):
        context = site.page_context(part.path)
        if part.path != guide.path:
            context.update(shared)
        context["guide"] = {
            "title": guide.title,
            "parts": [{**link, "current": index == number} for index, link in enumerate(links)],
            "previous": links[number - 1] if number > 0 else None,
            "next": links[number + 1] if number + 1 < len(links) else None,
            "print_url": site.link(print_path)["url"],
        }
    context = site.page_context(print_path)
    context.update(shared)
    context["guide"] = {
        "title": guide.title,
        "url": site.link(guide.path)["url"],
        "parts": [{"title": part.title, "fragment": part.id} for part in parts],
    }
