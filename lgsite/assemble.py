"""One build's page set: every page resolved through the layers, with variables filled in.

This is the engine's front door. It knows nothing of MkDocs: it takes a council
profile, its shared sources and its `docs/` folder, and returns pages with
their text and provenance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass
class Overridden:
    """The shared text under one council override, for drift checks."""

    kind: str  # "page" for a whole override, "sections" for a section override
    source: str
    version: str
    texts: dict[str, str]  # section id ("" for the whole page or the introduction) -> shared text


def assemble(
    profile: CouncilProfile, model: ContentModel, sources: list[Source], docs_dir: Path, base: Path,
    site_url: str = "",
) -> Site:
    """Resolve every path through the stack of layers and fill in council variables."""
    stack = build_stack(sources, docs_dir, base)
    council_file = display_path(profile.file, base)
    check_exclusions(profile, stack, council_file)
    variables = Variables(profile.variables(), profile.links, council_file)
    types = load_types(model.root / "types")
    site = Site(profile=profile, pages={}, assets={}, site_url=site_url)
    for path in stack.paths():
        local = stack.local.get(path)
        shared = stack.shared_file(path)
        if not path.endswith(".md"):
            if local is None and shared is not None:
                site.assets[path] = shared
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
    generated = [landing_page(listing) for listing in site.listings.values()] + [a_to_z_page(), sitemap_page()]
    for page in generated:
        site.pages.setdefault(page.path, page)
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
