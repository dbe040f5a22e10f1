"""One build's page set: every page resolved through the layers, with variables filled in.

This is the engine's front door. It knows nothing of MkDocs: it takes a council
profile, its shared sources and its `docs/` folder, and returns pages with
their text and provenance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .clock import build_time
from .errors import LgsiteError
from .generate import directory, events, news, notices, page_extras, unlink
from .generate import guides, steps
from .generate.categories import Listing, build_listings, landing_page
from .generate.indexes import a_to_z_page, sitemap_page
from .generate.signposts import needs_signpost, signpost
from .layers import LayerFile, Page, Provenance, Stack, build_stack, display_path, load_page, read_markdown
from .model import ContentModel
from .profile import CouncilProfile
from .schema import load_types, validate_page
from .sections import merge
from .sources import Source
from .urls import page_url
from .variables import MissingLink, Variables


@dataclass
class Site:
    profile: CouncilProfile
    pages: dict[str, Page]
    assets: dict[str, LayerFile]
    # When the site is built (aware, UTC): the one clock every content feature reads,
    # so that a build agrees with itself and SOURCE_DATE_EPOCH makes it reproducible.
    now: dt.datetime
    site_url: str = ""  # the published address, for feeds and structured data; may be empty
    excluded: list[Provenance] = field(default_factory=list)
    listings: dict[str, Listing] = field(default_factory=dict)
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

    def link(self, path: str) -> dict[str, str]:
        """A page as templates and feeds link to it: title, root-relative URL, description."""
        page = self.pages[path]
        return {"title": page.title, "url": page_url(path), "description": str(page.meta.get("description", ""))}

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
        return self.absolute_url(page_url(path))

    @property
    def unpublished(self) -> set[str]:
        """Paths of pages a source has but this site leaves out (excluded, or expired)."""
        return {provenance.path for provenance in self.excluded}

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


# A content feature (news, events, directories, guides...) is a function that
# looks at the resolved pages and adds to the Site: generated pages, context and
# files. They run in this order, after every page is resolved and validated and
# before the category listings are made.
Generator = Callable[[Site, ContentModel], None]
GENERATORS: tuple[Generator, ...] = (
    notices.generate,  # first, so that nothing links to a notice that has expired
    unlink.generate,
    page_extras.generate,
    directory.generate,
    news.generate,
    events.generate,
    steps.generate,
    guides.generate,  # after the others: a guide's parts share the context they gave the guide
)


# Files MkDocs, its search plugin and the council theme write for lgsite, and lgsite's report:
# a council file at one of these paths would be silently overwritten.
MKDOCS_FILES = {
    "search.html": "the search page",
    "search/search_index.json": "the search index",
    "404.html": "the page-not-found page",
    "sitemap.xml": "the XML sitemap",
    "sitemap.xml.gz": "the XML sitemap",
    "lgsite-report.json": "the build report",
}


@dataclass
class Overridden:
    """The shared text under one council override, for drift checks."""

    kind: str  # "page" for a whole override, "sections" for a section override
    source: str
    version: str
    texts: dict[str, str]  # section id ("" for the whole page or the introduction) -> shared text


def assemble(
    profile: CouncilProfile, model: ContentModel, sources: list[Source], docs_dir: Path, base: Path,
    site_url: str = "", now: dt.datetime | None = None,
) -> Site:
    """Resolve every path through the stack of layers and fill in council variables.

    `now` is the moment the site is built at; without it, the build's clock is read here.
    """
    stack = build_stack(sources, docs_dir, base)
    council_file = display_path(profile.file, base)
    check_exclusions(profile, stack, council_file)
    variables = Variables(profile.variables(), profile.links, council_file)
    types = load_types(model.root / "types")
    site = Site(profile=profile, pages={}, assets={}, now=now or build_time(), site_url=site_url)
    for path in stack.paths():
        local = stack.local.get(path)
        shared = stack.shared_file(path)
        if not path.endswith(".md"):
            if local is None and shared is not None:
                site.assets[path] = shared
            elif local is not None:
                site.local_files[path] = local
            continue
        if local is not None:
            page = load_page(local, "override" if shared else "local")
            if page.meta.get("override") is not None:
                page = merge_sections(page, shared, site)
            elif shared is not None:
                assert shared.source is not None
                site.overridden[path] = Overridden("page", shared.source.name, shared.source.version,
                                                   {"": read_markdown(shared)})
        else:
            assert shared is not None
            page = load_page(shared, "inherited")
            if is_excluded(page, profile):
                page.provenance.origin = "excluded"
                site.excluded.append(page.provenance)
                continue
            if needs_signpost(page, profile, model):
                # The shared text is still checked: its category and service
                # go into the signpost, listings and A to Z.
                validate_page(page, model, types)
                site.pages[path] = signpost(page, profile)
                continue
        validate_page(page, model, types)
        page_variables = variables.page(page.provenance.file)
        page.body = page_variables.render(page.body, page.body_line)
        page.meta = page_variables.render_meta(page.meta, page.meta_lines)
        resolve_start_link(page, variables)
        site.pages[path] = page
    for generate in GENERATORS:
        generate(site, model)
    site.listings = build_listings(site.pages, model)
    for listing in site.listings.values():
        own = site.pages.get(listing.path)
        if own is None or own.type != "category":  # a type: category page there is the landing page's own text
            site.add_page(landing_page(listing), f"the landing page of {listing.title}",
                          hint="Rename it, or give it type: category to make it the landing page's introduction.")
    site.add_page(a_to_z_page(), "the A to Z of services")
    site.add_page(sitemap_page(), "the sitemap page")
    for path, what in MKDOCS_FILES.items():
        site.claim(path, what)
    return site


def merge_sections(local: Page, shared: LayerFile | None, site: Site) -> Page:
    mode = local.meta.get("override")
    line = local.meta_lines.get(("override",))
    if mode != "sections":
        raise LgsiteError(f"override is '{mode}'; the only kind is 'sections'", file=local.provenance.file, line=line,
                          hint="Write override: sections, or remove it to replace the whole shared page.")
    if shared is None:
        raise LgsiteError(
            "is a section override, but no shared source has a page at this path",
            file=local.provenance.file, line=line,
            hint="Check the file name matches the shared page, or remove override: sections.",
        )
    page, overridden = merge(load_page(shared, "inherited"), local)
    assert shared.source is not None
    site.overridden[local.path] = Overridden("sections", shared.source.name, shared.source.version, overridden)
    return page


def is_excluded(page: Page, profile: CouncilProfile) -> bool:
    if page.path in profile.exclude_paths:
        return True
    lgsl = page.meta.get("lgsl")
    return isinstance(lgsl, int) and lgsl in profile.exclude_services


def check_exclusions(profile: CouncilProfile, stack: Stack, council_file: str) -> None:
    """An exclusion that matches nothing is almost always a typo; say so."""
    for path in profile.exclude_paths:
        if stack.shared_file(path) is None:
            raise LgsiteError(
                f"exclude lists '{path}', which no shared source has",
                file=council_file,
                hint="Check the path; it is relative to the shared pages folder, for example housing/housing-advice.md.",
            )


def resolve_start_link(page: Page, variables: Variables) -> None:
    """A service page's Start button goes to this council's own online service."""
    start = page.meta.get("start")
    if not isinstance(start, dict):
        return
    interaction = str(start.get("interaction", ""))
    lgsl = page.meta.get("lgsl")
    line = page.meta_lines.get(("start", "interaction")) or page.meta_lines.get(("start",))
    if "url" in start:
        return
    if not isinstance(lgsl, int):
        raise LgsiteError("has a start button but no lgsl number", file=page.provenance.file, line=line,
                          hint="Add lgsl: with the service's LGSL number, or give start: a url:.")
    try:
        start["url"] = variables.link(lgsl, interaction)
    except MissingLink:
        raise variables.missing_link_error(lgsl, interaction, page.provenance.file, line) from None
