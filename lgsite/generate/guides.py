"""Guides in parts: a guide is cut into pages only where its author marks a part.

A long subject is easier to read on a phone in parts: the resident sees the
contents, reads the part they came for and moves on with previous and next
links. Only the author knows where a part ends, so a part starts at a `##`
heading with a `<!-- part -->` line before it (see sections.py); every other
heading is a subheading of its part. A guide with no marks is one page.

The guide's own address shows the first part (with the introduction, if
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
from ..prose import lines_outside_code
from ..sections import EXPLICIT_ID, HEADING, PART_MARK, PART_MARK_LINE, Section, split_sections
from ..ui_strings import DEFAULT, ui_text
from .relink import relink
from ..urls import page_url

if TYPE_CHECKING:
    from ..site import Site

PART_TYPE = "guide-part"
PRINT_TYPE = "guide-print"
PRINT_ID = "print"
# Ids a part cannot have: the printable version's address, and the guide's own.
RESERVED_IDS = (PRINT_ID, "index")
# More parts than this and the contents list stops helping: the guide is two subjects.
MOST_PARTS = 10
# Context that describes the guide page alone, so its parts do not copy it.
OWN_CONTEXT = ("json_ld",)
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKDOWN_EMPHASIS = re.compile(r"[*_`]")


@dataclass
class Part:
    """One part of a guide: a marked `##` section with the sections that follow it, and the page that shows it."""

    id: str  # the heading's id, also the last segment of the part's address
    title: str  # the heading as plain text
    path: str  # the page path; the first part's is the guide's own
    sections: list[Section]  # the first part's starts with the introduction
    line: int
    named: bool = True  # False when the heading has no words and the part is called by its number

    @property
    def markdown(self) -> str:
        return "\n".join(section.markdown(mark=False) for section in self.sections
                         if section.heading or section.text.strip())


def generate(site: Site, model: ContentModel) -> None:
    """Split every guide with two or more marked parts into its part pages and a printable version.

    Runs after the generators whose context a guide's parts should share.
    """
    for page in [page for page in site.pages.values() if page.type == "guide"]:
        sections = split_sections(page, site.heading_ids)
        parts = split_parts(page, sections, page_url(page.path).rstrip("/"), site.lang)  # paths in the view
        check_parts(site, page, sections, parts)
        if len(parts) > 1:
            publish(site, page, parts)


def split_parts(guide: Page, sections: list[Section], folder: str, lang: str = DEFAULT) -> list[Part]:
    """The guide's parts, one per marked `##` section with the unmarked ones after it.

    The introduction, and any section before the first mark, go with the first part. A part
    heading with no words is called "Part 2" (and addressed `part-2`), and the build warns.
    """
    parts: list[Part] = []
    lead: list[Section] = []
    for section in sections:
        if not section.part:
            (parts[-1].sections if parts else lead).append(section)
            continue
        heading = HEADING.match(section.heading)
        assert heading is not None
        number = len(parts) + 1
        part_id = section.id or f"part-{number}"
        path = posixpath.join(folder, f"{part_id}.md") if parts else guide.path
        title = plain_text(heading.group(1))
        parts.append(Part(part_id, title or ui_text(lang, "part_number", number=number), path, [section], section.line, named=bool(title)))
    if parts:
        parts[0].sections[:0] = lead
    return parts


def check_parts(site: Site, guide: Page, sections: list[Section], parts: list[Part]) -> None:
    """Warn about what makes a guide hard to follow: too many parts, a part heading with no words,
    a part mark with no `##` heading after it."""
    file = guide.provenance.file or guide.path
    for part in parts:
        if not part.named:
            site.problems.warning(
                f"the heading of part {parts.index(part) + 1} of this guide has no words",
                file=file, line=heading_line(guide, part.line),
                hint="Give the ## heading after <!-- part --> the words the contents list shows.",
            )
    if len(parts) > MOST_PARTS:
        site.problems.warning(
            f"the guide has {len(parts)} parts; more than {MOST_PARTS} are hard to find your way through",
            file=file, line=heading_line(guide, parts[MOST_PARTS].line),
            hint="Join parts that belong together (remove their <!-- part --> line), or make two guides.",
        )
    for section in sections:
        for offset, line, prose in lines_outside_code(section.text):
            if prose and PART_MARK_LINE.match(line):
                at = section.line + 1 + offset if section.heading else guide.body_line + offset
                site.problems.warning(
                    f"'{PART_MARK}' is not followed by a ## heading, so it starts no part",
                    file=file, line=heading_line(guide, at),
                    hint="Put it on the line before the ## heading that starts the part, or remove it.",
                )


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
    for part in parts[1:]:
        if not part.id or part.id in RESERVED_IDS:
            raise LgsiteError(
                f"the guide part '{part.title}' cannot have the address '{site.link(guide.path)['url']}{part.id}/'",
                file=guide.provenance.file or guide.path, line=heading_line(guide, part.line),
                hint=f"A part is addressed by its heading's words; use words other than "
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
    # Where each section of the guide is published: a link to any of them goes to that page.
    homes = {section.id: part.path for part in parts for section in part.sections if section.id}
    for part in parts[1:]:
        body = relink(part.markdown, guide.path, part.path, homes.get)
        site.add_page(guide_page(part.path, guide, f"{guide.title}: {part.title}", PART_TYPE, body),
                      f"a part of the guide {guide.path}")
    everything = "\n".join(part.markdown for part in parts)
    body = relink(everything, guide.path, print_path, lambda part_id: print_path if part_id in homes else None)
    printable = guide_page(print_path, guide, ui_text(site.lang, "printable_version_title", title=guide.title), PRINT_TYPE, body)
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
        site.pairs_by[part.path] = f"{guide.path}#{number}"
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
