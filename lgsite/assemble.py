"""One build's page set: every page resolved through the layers, with variables filled in.

This is the engine's front door. It knows nothing of MkDocs: it takes a council
profile, its shared sources and its `docs/` folder, and returns pages with
their text and provenance.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

from .clock import build_time
from .content_checks import AUTHORED, check_site
from .diagnostics import Problems
from .errors import LgsiteError
from .generate import directory, events, news, notices, page_extras, unlink
from .generate import guides, steps
from .generate.categories import build_listings, describe_category_pages, landing_page
from .generate.indexes import a_to_z_page, sitemap_page
from .generate.search_page import add_search_page
from .generate.signposts import needs_signpost, signpost
from .layers import (LayerFile, Origin, Page, Stack, build_stack, display_path, generated_page, load_page,
                     read_markdown)
from .languages import ENGLISH, LABELS
from .page_context import category_links
from .lock import OverrideKind
from .model import ContentModel
from .profile import CouncilProfile
from .review import warn_overdue
from .same_service import warn_same_service
from .schema import ContentTypes, load_types, validate_page
from .search_engines import add_robots
from .sections import HeadingIds, heading_id, merge
from .site import CONTACT_PAGE, Overridden, Site
from .sources import Source
from .ui_strings import ui_text
from .translations import language_stacks, publish_view, warn_untranslated
from .variables import Variables


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


def assemble(
    profile: CouncilProfile, model: ContentModel, sources: list[Source], docs_dir: Path, base: Path,
    site_url: str = "", now: dt.datetime | None = None, heading_ids: HeadingIds = heading_id,
    templates: frozenset[str] = frozenset(),
) -> Site:
    """Resolve every path through the stack of layers and fill in council variables, in each language.

    `now` is the moment the site is built at; without it, the build's clock is read here.
    `heading_ids` makes headings' ids as MkDocs will, for section overrides and guide parts;
    `templates` are the theme's page templates, for the heading checks.
    """
    problems = Problems()
    stacks = language_stacks(build_stack(sources, docs_dir, base), profile.languages, problems)
    types = load_types(model.root / "types")
    now = now or build_time()

    def view(lang: str) -> Site:
        return Site(profile=profile, pages={}, assets={}, now=now, site_url=site_url, problems=problems,
                    listed_in=types.listed_in, heading_ids=heading_ids, lang=lang, prefix=profile.prefix(lang))

    council_file = display_path(profile.file, base)
    site = english = view(ENGLISH)
    assemble_view(english, stacks[ENGLISH], model, types, templates, council_file)
    if english.prefix:  # English under en/ too: the site's root offers each language
        site = root_site(english)
        publish_view(site, english)
    for lang in profile.languages:
        if lang != ENGLISH:
            other = view(lang)
            said = len(problems.items)
            assemble_view(other, stacks[lang], model, types, templates, council_file, english=stacks[ENGLISH])
            drop_inherited_problems(problems, said)
            publish_view(site, other)
    warn_untranslated(site, profile.languages)
    with site.problems.collecting():
        add_robots(site)
    return site


def root_site(english: Site) -> Site:
    """The site when every language has its folder: the files and settings every view shares, and at its
    root a page that offers each language, in that language."""
    site = replace(english, pages={}, context={}, outputs={}, overridden={}, excluded=[], broken=set(), listings={},
                   generated={path: what for path, what in english.generated.items() if path not in english.pages},
                   prefix="", slugs={}, pairs_by={}, views={}, view_paths={}, translations={})
    profile = english.profile
    names = [(lang, str(profile.variables(lang)["name"])) for lang in profile.languages]
    links = "\n".join(f"- [{LABELS[lang]}: {name}]({profile.prefix(lang)}index.md){{: lang={lang} hreflang={lang} }}"
                      for lang, name in names)
    both = " / ".join(dict.fromkeys(name for _, name in names))
    meta = {"title": both, "description": both, "search": {"exclude": True}}
    site.add_page(generated_page("index.md", meta, links + "\n"), "the page that offers each language")
    site.pairs_by["index.md"] = "every language"  # it is no language's home page: nothing pairs with it
    return site


def drop_inherited_problems(problems: Problems, said: int) -> None:
    """A translation takes the front matter it leaves out from its English page, and with it that page's
    mistakes: each is said once, where it is written (a translation's own keys have lines of their own)."""
    english = {(problem.severity, problem.message) for problem in problems.items[:said]}
    problems.items[said:] = [problem for problem in problems.items[said:]
                             if problem.line not in (None, 1) or (problem.severity, problem.message) not in english]


def assemble_view(site: Site, stack: Stack, model: ContentModel, types: ContentTypes, templates: frozenset[str],
                  council_file: str, english: Stack | None = None) -> None:
    """One language's pages, with everything features make of them. `english` is the English files, for a
    view in another language: a translated page's front matter overlays its English page's."""
    profile = site.profile
    if english is None:  # said once, not once per language
        check_exclusions(profile, stack, council_file, site)
    # Where a page links to an online service council.yml does not give, it links to the contact page.
    has_contact_page = CONTACT_PAGE in stack.local or stack.shared_file(CONTACT_PAGE) is not None
    contact = CONTACT_PAGE if has_contact_page else profile.url
    variables = Variables(profile.variables(site.lang), profile.links, council_file, site.problems,
                          offline_target=contact, warn_missing=english is None)
    loader = Loader(english, site.problems)
    for path in stack.paths():
        before = len(site.problems.errors)
        with site.problems.collecting():
            resolve_path(site, path, stack, model, types, variables, loader)
        if len(site.problems.errors) > before:
            site.broken.add(path)
    site.slugs = slugs(site)
    site.link_needs = variables.needs
    if english is None:
        warn_same_service(site)
    # The text as authors wrote it, for the content checks once every page the site publishes is known:
    # features change it (a guide keeps only its first part).
    written = {path: page.body for path, page in site.pages.items() if page.provenance.origin in AUTHORED}
    for generate in GENERATORS:
        try:
            with site.problems.collecting():
                generate(site, model)
        except Exception:
            if not site.problems.errors:
                raise
            # A feature tripped over a page already reported as wrong; that report is what
            # the council needs, and the build fails on it.
    site.listings = build_listings(site.pages, model, site.listed_in, lang=site.lang)
    for listing in site.listings.values():
        own = site.pages.get(listing.path)
        if own is None or own.type != "category":  # a type: category page there is the landing page's own text
            with site.problems.collecting():
                site.add_page(landing_page(listing), f"the landing page of {listing.title}",
                              hint="Rename it, or give it type: category to make it the landing page's introduction.")
    describe_category_pages(site, model)
    # The categories a search page lists for a resident without JavaScript, in the view's language.
    site.shared_context["search_categories"] = category_links(site)
    with site.problems.collecting():
        site.add_page(a_to_z_page(site.lang), "the A to Z of services")
    with site.problems.collecting():
        site.add_page(sitemap_page(site.lang), "the sitemap page")
    if site.prefix:  # the search page of a language at the root is MkDocs' own search.html
        with site.problems.collecting():
            add_search_page(site, ui_text(site.lang, "search"), ui_text(site.lang, "search_this_site"))
    for path, what in MKDOCS_FILES.items():
        with site.problems.collecting():
            site.claim(path, what)
    # A translated page may link to an English page that has no translation yet: it is published.
    check_site(site, written, templates, also=english.paths() if english else ())
    if english is None:
        warn_overdue(site)


def slugs(site: Site) -> dict[str, str]:
    """A translated page's own last URL segment (slug:), by its path without .md."""
    found: dict[str, str] = {}
    for path, page in site.pages.items():
        slug = page.meta.get("slug")
        if not isinstance(slug, str):
            continue
        if site.lang == ENGLISH or path.endswith("index.md"):
            site.problems.warning(
                "has a slug, which only a translated page that is not a folder's index page can have",
                file=page.provenance.file, line=page.meta_lines.get(("slug",)),
                hint="Remove slug:; the page's address comes from its file name.")
            continue
        stem = path.removesuffix(".md")
        found[stem] = posixpath.join(posixpath.dirname(stem), slug)
    return found


class Loader:
    """Reads a view's pages; in a language other than English, a page's front matter overlays the
    English page's, so a translation restates only what residents read and keeps its partner's facts."""

    def __init__(self, english: Stack | None, problems: Problems) -> None:
        self.english = english
        self.problems = problems

    def __call__(self, layer_file: LayerFile, origin: Origin) -> Page:
        page = load_page(layer_file, origin)
        if self.english is None:
            return page
        # The English file in the translation's own layer: a shared translation goes with the shared English
        # page, even where the council has replaced that page.
        own = self.english.local.get(layer_file.path) if layer_file.source is None else None
        partner = own or self.english.shared_file(layer_file.path)
        if partner is not None:
            with suppress(LgsiteError):  # the English page's own problems are reported with it
                meta = load_page(partner, origin).meta
                if "override" not in page.meta:  # a section override takes its words from the page it changes
                    self.warn_english_words(page, meta)
                page.meta = {**{key: value for key, value in meta.items() if key not in UNTRANSLATED},
                             **page.meta}
        return page

    def warn_english_words(self, page: Page, english: dict[str, Any]) -> None:
        for key in READ_BY_RESIDENTS:
            if key in english and key not in page.meta and (key != "start" or isinstance(english[key], dict)):
                self.problems.warning(
                    f"takes '{key}' from its English page, so readers of this page see it in English",
                    file=page.provenance.file, line=1,
                    hint=f"Add {key}: to this page's front matter, in this page's language.")


# Front matter keys whose words residents read: a translation that leaves one out shows the English
# (`start` is a service's Start button, with its label; an event's start is its time).
READ_BY_RESIDENTS = ("title", "description", "summary", "a_to_z", "keywords", "related", "start")
# Keys of an English page that are about the English text alone, so its translation does not take them.
UNTRANSLATED = frozenset({"override", "remove_sections", "after", "translation_exempt", "translation_id", "slug",
                          "lang", "translation"})


def resolve_path(site: Site, path: str, stack: Stack, model: ContentModel, types: ContentTypes,
                 variables: Variables, load: Callable[[LayerFile, Origin], Page] = load_page) -> None:
    """One path through the layers: an asset, or a page inherited, overridden, excluded or signposted."""
    profile = site.profile
    local = stack.local.get(path)
    shared = stack.shared_file(path)
    if not path.endswith(".md"):
        if local is None and shared is not None:
            site.assets[path] = shared
        elif local is not None:
            site.local_files[path] = local
        return
    if local is not None:
        page = load(local, Origin.OVERRIDE if shared else Origin.LOCAL)
        if page.meta.get("override") is not None:
            page = merge_sections(page, shared, site, load)
        elif shared is not None:
            assert shared.source is not None
            site.overridden[path] = Overridden(OverrideKind.PAGE, shared.source.name, shared.source.version,
                                               {"": read_markdown(shared)})
    else:
        assert shared is not None
        page = load(shared, Origin.INHERITED)
        if is_excluded(page, profile):
            page.provenance.origin = Origin.EXCLUDED
            site.excluded.append(page.provenance)
            return
    errors = len(site.problems.errors)
    validate_page(page, model, types, report=site.problems.error, warn=site.problems.warning_of)
    valid = len(site.problems.errors) == errors
    if valid and local is None and needs_signpost(page, profile, model):
        # The shared text was still checked: its category and service
        # go into the signpost, listings and A to Z.
        site.pages[path] = signpost(page, profile)
        return
    # The text's variables are checked even when the front matter is wrong, so that one
    # build reports both; a page with any error is left out, since nothing can rely on it.
    page_variables = variables.page(page.provenance.file, path)
    page.body = page_variables.render(page.body, page.body_line)
    if not valid:
        return
    page.meta = page_variables.render_meta(page.meta, page.meta_lines)
    resolve_start_link(page, variables)
    if len(site.problems.errors) == errors:
        site.pages[path] = page


def merge_sections(local: Page, shared: LayerFile | None, site: Site,
                   load: Callable[[LayerFile, Origin], Page] = load_page) -> Page:
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
    page, overridden = merge(load(shared, Origin.INHERITED), local, site.heading_ids)
    assert shared.source is not None
    site.overridden[local.path] = Overridden(OverrideKind.SECTIONS, shared.source.name, shared.source.version, overridden)
    return page


def is_excluded(page: Page, profile: CouncilProfile) -> bool:
    if page.path in profile.exclude_paths:
        return True
    lgsl = page.meta.get("lgsl")
    return isinstance(lgsl, int) and lgsl in profile.exclude_services


def check_exclusions(profile: CouncilProfile, stack: Stack, council_file: str, site: Site) -> None:
    """An exclusion that matches nothing is almost always a typo; say so, and check the pages too."""
    for path in profile.exclude_paths:
        if stack.shared_file(path) is None:
            site.problems.error(LgsiteError(
                f"exclude lists '{path}', which no shared source has",
                file=council_file, line=profile.exclude_lines.get(path),
                hint="Check the path; it is relative to the shared pages folder, for example housing/housing-advice.md.",
            ))


def resolve_start_link(page: Page, variables: Variables) -> None:
    """A service page's Start button goes to this council's own online service.

    Where council.yml gives no link (a warning) or says there is none, the page
    is published without a button and says how to get the service instead.
    """
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
    url = variables.lookup(lgsl, interaction, page.provenance.file, line)
    if url is None:
        start["offline"] = True
    else:
        start["url"] = url
