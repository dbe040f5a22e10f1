"""The engine's entry point: one council project, from its settings to its assembled site.

The MkDocs plugin and the command line both start here, so `lgsite links`,
`lgsite drift` and a build see exactly the same pages, and neither needs the
other. Nothing here knows MkDocs: the caller reads mkdocs.yml and hands over
the few settings the engine needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .assemble import assemble
from .diagnostics import Problems
from .errors import LgsiteError
from .hosts import Host, parse_host
from .model import ContentModel, load_model
from .profile import CouncilProfile, load_profile
from .redirect_rules import REDIRECTS_FILE
from .redirects import add_redirects
from .sections import HeadingIds, heading_id
from .site import Site
from .sources import Source, bundled_model_dir, resolve_sources
from .tracking import read_lock


@dataclass(frozen=True)
class Settings:
    """What the engine takes from mkdocs.yml and the plugin's options."""

    base: Path  # the council's folder, where mkdocs.yml is
    docs_dir: Path
    config_name: str = "mkdocs.yml"
    council: str = "council.yml"
    shared: tuple[str, ...] = ("bundled",)
    site_url: str = ""
    report: str = "lgsite-report.json"  # the build report's name in the built site
    # MkDocs settings the engine's own output must agree with: page URLs (lgsite.urls makes
    # folder URLs, /pay-your-council-tax/) and how headings get their ids (section overrides
    # and guide parts name sections by them).
    use_directory_urls: bool = True
    heading_ids: HeadingIds = heading_id
    # The theme's page templates (service.html...): which one prints a page's title as its heading.
    templates: frozenset[str] = frozenset()
    host: str = "other"  # the plugin's host: option, as written; the project reads it (see lgsite.hosts)
    redirects: str = REDIRECTS_FILE  # old addresses and where they now go, beside mkdocs.yml (see lgsite.redirects)


@dataclass
class Project:
    """A council project with its profile read and its sources fetched, ready to assemble."""

    settings: Settings
    profile: CouncilProfile
    sources: list[Source]
    model: ContentModel = field(default_factory=lambda: load_model(bundled_model_dir()))
    problems: Problems = field(default_factory=Problems)  # council.yml's, found before any page
    host: Host = Host.OTHER

    def assemble(self) -> Site:
        """Every page resolved, checked and filled in; problems are collected on the site."""
        settings = self.settings
        site = assemble(self.profile, self.model, self.sources, settings.docs_dir, settings.base, settings.site_url,
                        heading_ids=settings.heading_ids, templates=settings.templates)
        site.problems.items[:0] = self.problems.items
        with site.problems.collecting():  # last: the redirects are checked against every page the site has
            add_redirects(site, settings.base / settings.redirects, settings.redirects, self.host)
        return site


def open_project(settings: Settings) -> Project:
    """Read council.yml and make the shared sources ready (from the cache, or fetched once).

    A mistake inside council.yml is collected, with a safe stand-in for the
    value, so the same run checks every page too. A problem that makes
    everything else meaningless (no readable council.yml, a source that cannot
    be had) is raised at once.
    """
    check_settings(settings)
    problems = Problems()
    profile = load_profile(settings.base / settings.council, display=settings.council, report=problems.error)
    host = Host.OTHER
    with problems.collecting():  # reported with council.yml's problems, in the same run
        host = parse_host(settings.host, config_file=settings.base / settings.config_name,
                          config_name=settings.config_name)
    sources = resolve_sources(list(settings.shared), settings.base, settings.config_name, read_lock(settings.base))
    return Project(settings, profile, sources, problems=problems, host=host)


def check_settings(settings: Settings) -> None:
    """Refuse an MkDocs setting the engine cannot honour, rather than build a site whose links are wrong."""
    if not settings.use_directory_urls:
        raise LgsiteError(
            "sets use_directory_urls: false, which lgsite does not support: its listings, feeds, "
            "sitemap and search link to every page at a folder URL (/pay-your-council-tax/)",
            file=settings.config_name, hint="Remove use_directory_urls: from it.",
        )
