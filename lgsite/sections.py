"""Splitting a page into `##` sections and merging a council's sections over shared ones.

A `<!-- part -->` line (blank lines may follow it) before a `##` heading marks the
section as the start of a guide's part. The mark belongs to the heading, not to
the text above it, so it moves with its section when a council adds, removes or
replaces sections; a council's section that replaces a part stays a part.

A section override lets a council change one part of a shared page ("Parking
in Anytown") and keep inheriting the rest, so improvements to the other
sections still reach it. Section ids are the ids MkDocs gives the headings, so
they match the page's own `#fragment` links: made by the same slug function,
the one mkdocs.yml gives the toc extension (see `HeadingIds`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from markdown.extensions.toc import slugify as toc_slugify

from .errors import LgsiteError
from .layers import Origin, Page
from .prose import lines_outside_code

HEADING = re.compile(r"^##(?!#)\s+(.+?)\s*#*\s*$")
EXPLICIT_ID = re.compile(r"\s*\{\s*#([\w-]+)\s*\}\s*$")
# An HTML comment, so it shows nowhere: not in the built page, nor in a preview of the Markdown.
PART_MARK = "<!-- part -->"
PART_MARK_LINE = re.compile(r"^\s*<!--\s*part\s*-->\s*$", re.IGNORECASE)
INTRO = ""
OVERRIDE_KEYS = ("override", "remove_sections", "after")


@dataclass
class Section:
    id: str  # "" for the text before the first heading
    heading: str  # the whole heading line, "" for the introduction
    text: str  # the lines after the heading, up to the next `##`
    line: int  # 1-based line of the heading in its file
    part: bool = False  # a `<!-- part -->` line comes before the heading: a guide's part starts here

    def markdown(self, *, mark: bool = True) -> str:
        """The section as written; `mark=False` leaves out its part mark, for a page that shows the part."""
        if not self.heading:
            return self.text
        return f"{PART_MARK}\n{self.heading}\n{self.text}" if self.part and mark else f"{self.heading}\n{self.text}"


@dataclass(frozen=True)
class HeadingIds:
    """How MkDocs' toc extension turns a heading into its id: the `slugify` function and `separator`
    of `markdown_extensions: - toc:` in mkdocs.yml, Markdown's own by default. A section override
    names sections by these ids, so they must be the ids the built page has."""

    slugify: Callable[[str, str], str] = toc_slugify
    separator: str = "-"

    def __call__(self, title: str) -> str:
        explicit = EXPLICIT_ID.search(title)
        if explicit:
            return explicit.group(1)
        return self.slugify(title, self.separator)


heading_id = HeadingIds()  # Markdown's default, where no build's settings are at hand


def split_sections(page: Page, ids: HeadingIds = heading_id) -> list[Section]:
    """The introduction, then one section per `##` heading outside fenced code.

    A part mark with only blank lines between it and a heading goes with the heading; any other
    stays in the text, where guides.py finds and reports it.
    """
    sections = [Section(INTRO, "", "", page.body_line)]
    lines: list[str] = []
    mark: int | None = None  # where in `lines` the last part mark is, while only blank lines follow it
    seen: dict[str, int] = {}
    for offset, line, prose in lines_outside_code(page.body):
        heading = HEADING.match(line) if prose else None
        if heading:
            part = mark is not None
            sections[-1].text = "\n".join(lines[:mark] if part else lines)
            lines, mark = [], None
            number = page.body_line + offset
            section_id = ids(heading.group(1))
            if section_id in seen:
                raise LgsiteError(
                    f"has two sections with the id '{section_id}' (lines {seen[section_id]} and {number})",
                    file=page.provenance.file, line=number,
                    hint="Give one of the headings different words so each section can be overridden.",
                )
            seen[section_id] = number
            sections.append(Section(section_id, line, "", number, part))
            continue
        if prose and PART_MARK_LINE.match(line):
            mark = len(lines)
        elif line.strip():
            mark = None
        lines.append(line)
    sections[-1].text = "\n".join(lines)
    return sections


def join_sections(sections: list[Section]) -> str:
    return "\n".join(section.markdown() for section in sections if section.heading or section.text.strip())


def merge(shared: Page, local: Page, ids: HeadingIds = heading_id) -> tuple[Page, dict[str, str]]:
    """The shared page with the council's sections laid over it.

    Returns the merged page and, for drift checks, the shared text of every
    section the council replaced or removed, by section id.
    """
    base = split_sections(shared, ids)
    ours = split_sections(local, ids)
    by_id = {section.id: section for section in base}
    file = local.provenance.file
    overridden: dict[str, str] = {}

    removed = _id_list(local, "remove_sections")
    for section_id, line in removed:
        if section_id not in by_id or section_id == INTRO:
            raise _unknown_section(section_id, base, shared, file, line, "remove_sections")
        overridden[section_id] = by_id[section_id].markdown()

    placements = _placements(local)
    merged = [section for section in base if section.id not in {sid for sid, _ in removed}]
    for section in ours:
        if section.id == INTRO and not section.text.strip():
            continue
        if section.id in by_id:
            overridden[section.id] = by_id[section.id].markdown()
            index = next((i for i, s in enumerate(merged) if s.id == section.id), None)
            if index is None:
                raise LgsiteError(f"both removes and replaces the section '{section.id}'", file=file, line=section.line,
                                  hint="Keep the ## heading to replace it, or the remove_sections entry to remove it.")
            merged[index] = replace(section, part=section.part or by_id[section.id].part)
            continue
        anchor = placements.get(section.id)
        if anchor is None:
            merged.append(section)
            continue
        target, line = anchor
        index = next((i for i, s in enumerate(merged) if s.id == target), None)
        if index is None:
            raise _unknown_section(target, base, shared, file, line, f"after: {section.id}")
        merged.insert(index + 1, section)
    unplaced = set(placements) - {section.id for section in ours}
    if unplaced:
        name = sorted(unplaced)[0]
        raise LgsiteError(
            f"after: names the section '{name}', which this page does not have",
            file=file, line=placements[name][1],
            hint="Use the id of one of this page's own ## headings.",
        )

    meta: dict[str, Any] = {**shared.meta, **{k: v for k, v in local.meta.items() if k not in OVERRIDE_KEYS}}
    page = Page(
        path=local.path,
        meta=meta,
        body=join_sections(merged),
        body_line=local.body_line,
        provenance=local.provenance,
        meta_lines={**shared.meta_lines, **local.meta_lines},
    )
    page.provenance.origin = Origin.MERGED
    return page, overridden


def _id_list(page: Page, key: str) -> list[tuple[str, int | None]]:
    value = page.meta.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise LgsiteError(f"{key} must be a list of section ids", file=page.provenance.file,
                          line=page.meta_lines.get((key,)))
    return [(str(item), page.meta_lines.get((key, str(i))) or page.meta_lines.get((key,))) for i, item in enumerate(value)]


def _placements(page: Page) -> dict[str, tuple[str, int | None]]:
    value = page.meta.get("after") or {}
    if not isinstance(value, dict):
        raise LgsiteError("after must map a new section id to the section it follows", file=page.provenance.file,
                          line=page.meta_lines.get(("after",)), hint="For example: after: {parking-in-anytown: what-you-need}.")
    return {str(new): (str(target), page.meta_lines.get(("after", str(new)))) for new, target in value.items()}


def _unknown_section(section_id: str, sections: list[Section], shared: Page, file: str, line: int | None,
                     where: str) -> LgsiteError:
    known = [s.id for s in sections if s.id]
    return LgsiteError(
        f"{where} names the section '{section_id}', which the shared page {shared.provenance.file} does not have",
        file=file, line=line,
        hint=f"Its sections are: {', '.join(known) or 'none'}.",
    )
