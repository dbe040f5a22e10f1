"""One council's built site as the engine sees it: pages, assets, listings and what features add.

Generators take a `Site` and add to it; the MkDocs adapter reads it. It lives
apart from `assemble` so that generators can name it without importing the
module that imports them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Problems
from .errors import LgsiteError
from .generate.categories import Listing
from .languages import ENGLISH
from .layers import LayerFile, Page, Provenance
from .listed import ListedIn
from .lock import OverrideKind
from .profile import CouncilProfile
from .sections import HeadingIds, heading_id
from .urls import page_url
from .variables import LinkNeed

# The council's main contact page: footers link to it, and a service with no
# online service sends residents to it.
CONTACT_PAGE = "about-the-council/contact-us.md"


@dataclass
class Site:
    profile: CouncilProfile
    pages: dict[str, Page]
    assets: dict[str, LayerFile]
    # When the site is built (aware, UTC): the one clock every content feature reads,
    # so that a build agrees with itself and SOURCE_DATE_EPOCH makes it reproducible.
    now: dt.datetime
    site_url: str = ""  # the published address, for feeds and structured data; may be empty
    lang: str = "en"  # the language of this view of the site: generators choose their words by it
    problems: Problems = field(default_factory=Problems)
    broken: set[str] = field(default_factory=set)  # pages left out because they have errors
    link_needs: list[LinkNeed] = field(default_factory=list)  # the council's online services pages use
    excluded: list[Provenance] = field(default_factory=list)
    listings: dict[str, Listing] = field(default_factory=dict)
    listed_in: ListedIn = field(default_factory=ListedIn)  # where each page type is listed, from its type file
    heading_ids: HeadingIds = heading_id  # the slug function MkDocs gives headings their ids with
    overridden: dict[str, Overridden] = field(default_factory=dict)
    # What content features add beside the pages: template context for one page
    # (by page path), template context for every page, and files that are not
    # pages (feeds, calendars), by their path in the built site.
    context: dict[str, dict[str, Any]] = field(default_factory=dict)
    shared_context: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    # The council's own files that are not pages (MkDocs copies them from docs/),
    # and what lgsite generates at each path it has claimed, for shadowing errors.
    local_files: dict[str, LayerFile] = field(default_factory=dict)
    generated: dict[str, str] = field(default_factory=dict)
    # Pages that show something from another website because council.yml's embeds: allows its origin:
    # page path -> origins, for the build report.
    embedded: dict[str, list[str]] = field(default_factory=dict)
    # The language of this site's pages. A site in several languages is assembled one language at a
    # time, each a view whose pages have the English pages' paths (see lgsite.translations); a view in
    # another language publishes its pages under that language's folder, with their own slugs.
    lang: str = ENGLISH
    prefix: str = ""  # the folder this view's pages are published under: "", "en/" or "cy/"
    slugs: dict[str, str] = field(default_factory=dict)  # page path without .md -> the same with its slug
    # On the site that is published (the English view, with every view's pages added): each other
    # language's view, each translated page's (language, path in its view), and each page's versions
    # by language, published paths throughout.
    # A page lgsite makes whose path differs between languages, by what pairs it with its versions in the
    # others: a guide's part is named by its heading, in its language, so it pairs by its number.
    pairs_by: dict[str, str] = field(default_factory=dict)
    views: dict[str, Site] = field(default_factory=dict)
    view_paths: dict[str, tuple[str, str]] = field(default_factory=dict)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def council_name(self) -> str:
        """The council's name in this view's language (council.yml's cy: name on Welsh pages)."""
        return str(self.profile.variables(self.lang)["name"])

    def published_path(self, path: str) -> str:
        """Where a page (or a file of this view, such as a feed) of this language is published."""
        if not self.prefix and not self.slugs:
            return path
        stem, dot, suffix = path.rpartition(".") if path.endswith(".md") else (path, "", "")
        parts = stem.split("/")
        for end in range(len(parts), 0, -1):  # the page itself, or a generated page below it (a guide's part)
            renamed = self.slugs.get("/".join(parts[:end]))
            if renamed is not None:
                stem = "/".join([renamed, *parts[end:]])
                break
        return self.prefix + stem + dot + suffix

    def link(self, path: str) -> dict[str, str]:
        """A page as templates and feeds link to it: title, root-relative URL, description."""
        page = self.pages[path]
        return {"title": page.title, "url": page_url(self.published_path(path)),
                "description": str(page.meta.get("description", ""))}

    def links(self, paths: list[str]) -> list[dict[str, str]]:
        """Links to those of the paths that are published, in order."""
        return [self.link(path) for path in paths if path in self.pages]

    def absolute_url(self, url: str) -> str:
        """A root-relative URL made absolute, for feeds, calendars and JSON-LD: with mkdocs.yml's
        site_url or, when it has none, the council's home page from council.yml, where the site
        usually lives."""
        return (self.site_url or self.profile.url).rstrip("/") + "/" + url

    def page_address(self, path: str) -> str:
        """The absolute URL of a published page."""
        return self.absolute_url(page_url(self.published_path(path)))

    @property
    def unpublished(self) -> set[str]:
        """Paths of pages a source has but this site leaves out (excluded, expired, or with errors
        already reported, so that links to them do not report the same mistake again)."""
        return {provenance.path for provenance in self.excluded} | self.broken

    def page_context(self, path: str) -> dict[str, Any]:
        """The extra template context of one page, made on first use."""
        return self.context.setdefault(path, {})

    def add_page(self, page: Page, what: str, *, intro: Page | None = None, hint: str | None = None) -> None:
        """Publish a page lgsite generates. Every generator adds its pages here, because a council or
        shared page at the same path would otherwise silently replace it or be replaced; `intro` is
        the one page a generated page may take the place of, because it keeps that page's text."""
        existing = self.pages.get(page.path)
        if existing is not None and existing is not intro:
            raise self._taken(page.path, what, existing.provenance.file, hint)
        self.pages[page.path] = page
        self.generated[page.path] = what

    def add_output(self, path: str, text: str, what: str) -> None:
        """Publish a file lgsite generates that is not a page (a feed, a calendar)."""
        self.claim(path, what)
        self.outputs[path] = text

    def claim(self, path: str, what: str) -> None:
        """Reserve a file path of the built site for what lgsite or MkDocs writes there."""
        owner = self.local_files.get(path) or self.assets.get(path)
        if owner is not None or path in self.generated:
            raise self._taken(path, what, owner.display if owner else "")
        self.generated[path] = what

    def _taken(self, path: str, what: str, file: str, hint: str | None = None) -> LgsiteError:
        if not file:
            return LgsiteError(f"lgsite would generate both {self.generated.get(path, 'a page')} and {what} "
                               f"at {path}", hint="Rename one of the pages they come from.")
        return LgsiteError(f"is where lgsite generates {what} ({path})", file=file,
                           hint=hint or "Rename or remove this file: one of the two would silently replace the other.")


@dataclass
class Overridden:
    """The shared text under one council override, for drift checks."""

    kind: OverrideKind
    source: str
    version: str
    texts: dict[str, str]  # section id ("" for the whole page or the introduction) -> shared text
