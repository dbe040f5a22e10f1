"""One build's page set: every page resolved through the layers, with variables filled in.

This is the engine's front door. It knows nothing of MkDocs: it takes a council
profile, its shared sources and its `docs/` folder, and returns pages with
their text and provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import LgsiteError
from .generate.categories import Listing, build_listings, landing_page
from .layers import LayerFile, Page, Provenance, Stack, build_stack, display_path, load_page
from .model import ContentModel
from .profile import CouncilProfile
from .sources import Source
from .variables import Variables


@dataclass
class Site:
    profile: CouncilProfile
    pages: dict[str, Page]
    assets: dict[str, LayerFile]
    excluded: list[Provenance] = field(default_factory=list)
    listings: dict[str, Listing] = field(default_factory=dict)


def assemble(
    profile: CouncilProfile, model: ContentModel, sources: list[Source], docs_dir: Path, base: Path
) -> Site:
    """Resolve every path through the stack of layers and fill in council variables."""
    stack = build_stack(sources, docs_dir, base)
    council_file = display_path(profile.file, base)
    check_exclusions(profile, stack, council_file)
    variables = Variables(profile.variables(), profile.links, council_file)
    site = Site(profile=profile, pages={}, assets={})
    for path in stack.paths():
        local = stack.local.get(path)
        shared = stack.shared_file(path)
        if not path.endswith(".md"):
            if local is None and shared is not None:
                site.assets[path] = shared
            continue
        if local is not None:
            page = load_page(local, "override" if shared else "local")
        else:
            assert shared is not None
            page = load_page(shared, "inherited")
            if is_excluded(page, profile):
                page.provenance.origin = "excluded"
                site.excluded.append(page.provenance)
                continue
        check_category(page, model)
        page.body = variables.render(page.body, page.provenance.file, page.body_line)
        resolve_start_link(page, variables)
        site.pages[path] = page
    site.listings = build_listings(site.pages, model)
    for listing in site.listings.values():
        if listing.path not in site.pages:
            site.pages[listing.path] = landing_page(listing)
    return site


def check_category(page: Page, model: ContentModel) -> None:
    category = page.meta.get("category")
    if category is not None:
        model.category(str(category), page.provenance.file, page.meta_lines.get(("category",)))


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
    link = variables.links.get(lgsl, {}).get(interaction)
    if link is None:
        raise variables.missing_link_error(lgsl, interaction, page.provenance.file, line)
    start["url"] = link
