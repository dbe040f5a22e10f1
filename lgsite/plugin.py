"""The MkDocs adapter: hands MkDocs events to the engine, and nothing else."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from .content_checks import page_template
from .engine import Settings, open_project
from .site import CONTACT_PAGE, Site
from .generate.indexes import A_TO_Z, SITEMAP
from .generate.search_page import search_page_url
from .diagnostics import Problems, Severity
from .errors import LgsiteError
from .frontmatter import join
from .html_output import finish
from .images import CACHE as IMAGE_CACHE, ContentImages
from .profile import CouncilProfile
from .safe_urls import safe_url
from .page_context import page_context
from .redirect_rules import REDIRECTS_FILE
from .report import report_text
from .sanitise import ContentPolicy, left_out_problems
from . import search_index, security_headers, structured_data, ui_strings
from .search_engines import commit_dates, sitemap_entries
from .sections import HeadingIds
from .sources import BUNDLED, SourceKind
from .tables import scrollable_tables
from .tracking import sync_lock
from .urls import page_url

log = get_plugin_logger(__name__)
# The engine's problems already name their file; they are printed without the plugin's prefix.
problem_log = logging.getLogger("mkdocs.plugins.lgsite.problems")

FOOTER_PAGES = {
    "contact": CONTACT_PAGE,
    "accessibility": "about-the-council/accessibility-statement.md",
    "privacy": "about-the-council/privacy-notice.md",
    "cookies": "about-the-council/cookies.md",
    "a_to_z": A_TO_Z,
    "sitemap": SITEMAP,
}
LOGO_URI = "assets/images/council-logo"

# The Markdown behind the components content designers write (call-outs, warning and inset text,
# show/hide details, tabs, tables with captions: see content-model/CONTRIBUTING.md), on by default,
# so `!!! note` never prints as text. The theme styles their markup and the sanitiser lets it through.
COMPONENT_EXTENSIONS: dict[str, dict[str, Any]] = {
    "admonition": {},
    "pymdownx.details": {},
    "pymdownx.superfences": {},
    "pymdownx.tabbed": {"alternate_style": True},  # radio buttons and labels: tabs that work without JavaScript
    "attr_list": {},
    "md_in_html": {},
    "tables": {},
    "pymdownx.blocks.caption": {"prepend": True},  # a caption above its table, where it is read first
}


class LgsiteConfig(base.Config):
    council = c.Type(str, default="council.yml")
    shared = c.ListOfItems(c.Type(str), default=[BUNDLED])
    minify = c.Type(bool, default=True)
    report = c.Type(str, default="lgsite-report.json")
    host = c.Type(str, default="other")  # where the site is published: see lgsite.hosts
    redirects = c.Type(str, default=REDIRECTS_FILE)  # the council's old addresses: see lgsite.redirects


class LgsitePlugin(BasePlugin[LgsiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.profile: CouncilProfile | None = None
        self.site: Site | None = None
        self.base = Path.cwd()
        self.templates: frozenset[str] = frozenset()
        self.logo_uri: str | None = None
        # What differs on a page in each language view (see Site.views): the council's details and the
        # footer's links in that language, made once a build rather than on every page.
        self.in_language: dict[str, dict[str, Any]] = {}
        self.content_policy = ContentPolicy()
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # A preview's pages get MkDocs' live-reload script, inline and different on every request:
        # no policy could allow it, so the preview goes without one (see lgsite.security_headers).
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.base = Path(config.config_file_path).parent.resolve()
        with _as_plugin_error():
            self.project = open_project(settings_for(config))
            self.profile = self.project.profile
            self.sources = self.project.sources
            # The council's corrections to the interface strings, read on every build so a preview sees edits.
            ui_strings.use(ui_strings.load((self.base / self.config.council).parent))
        self.templates = self.project.settings.templates
        self.content_policy = ContentPolicy(self.profile.embeds, config.site_url or self.profile.url)
        # lgsite checks every internal link, with its line (lgsite.content_checks); MkDocs' own
        # warning for a link to a missing file would say the same thing a second time.
        config.validation.links.not_found = logging.INFO
        with_component_extensions(config)
        return config

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Preview rebuilds when a shared page or council.yml changes, not only docs/."""
        for source in self.sources:
            if source.kind is SourceKind.PATH:
                server.watch(str(source.root))
        server.watch(str(self.base / self.config.council))
        return server

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.profile is not None
        self.model = self.project.model
        with _as_plugin_error():
            self.site = self.project.assemble()
        self.images = ContentImages(self.site, self.base / IMAGE_CACHE)
        problems = self.site.problems
        if not problems.errors:
            with problems.collecting():
                for item in sync_lock(self.site, self.sources, self.base):
                    page = self.site.pages.get(item.page)
                    problems.warning(
                        item.describe().removeprefix(f"{item.page}: "),
                        file=page.provenance.file if page and page.provenance.source == "local" else item.page,
                        hint=f"See it with: lgsite diff {item.page}; keep your text with: lgsite accept {item.page}.",
                    )
        if problems.errors:  # the pages would be wrong: stop before rendering them
            _report(problems)
        for file in [f for f in files.documentation_pages() if f.src_uri not in self.site.pages]:
            files.remove(file)  # a council page the engine left out, such as an expired alert
        for path, page in self.site.pages.items():
            _replace(files, File.generated(config, path, content=join(page.meta, page.body)))
        for path, asset in self.site.assets.items():
            files.append(File.generated(config, path, abs_src_path=str(asset.file)))
        for path, text in self.site.outputs.items():
            _replace(files, File.generated(config, path, content=text))
        logo = self.profile.brand.logo
        self.logo_uri = None  # the plugin lives through a preview's rebuilds, and the logo may go
        if logo is not None:
            self.logo_uri = LOGO_URI + logo.suffix.lower()
            _replace(files, File.generated(config, self.logo_uri, abs_src_path=str(logo)))
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # MkDocs has read every page: the problems found in their text join the engine's, in one list.
        assert self.profile is not None and self.site is not None
        _report(self.site.problems)
        # MkDocs makes its environment without autoescape. The council theme's own templates print
        # untrusted text, so they escape it; Material's print page.content raw and stay as they are.
        env.autoescape = _from_folder(config.theme.dirs, theme_dir())
        env.filters["safe_url"] = safe_url
        ui_strings.add_to_jinja(env)
        env.globals["material_version"] = importlib.metadata.version("mkdocs-material")  # main.html's generator tag
        council = self.profile.variables()
        council["logo"] = self.logo_uri
        env.globals["council"] = council
        assert self.site is not None
        env.globals.update(self.site.shared_context)  # the English view's: static pages (search.html, 404) are English
        self.in_language = {
            lang: {"council": {**self.profile.variables(lang), "logo": self.logo_uri},
                   "council_pages": {key: page_url(view.published_path(path))
                                     for key, path in FOOTER_PAGES.items() if path in view.pages}}
            for lang, view in self.site.views.items()
        }
        if len(self.profile.languages) > 1:  # the 404 page, one file for every language, speaks each
            env.globals["site_languages"] = [
                {"code": lang, "home": page_url(self.profile.prefix(lang) + "index.md"),
                 "council": self.profile.variables(lang)["name"]} for lang in self.profile.languages]
        env.globals["search_page_url"] = search_page_url  # each language's search page and index
        env.globals["search_index_url"] = search_index.index_url
        logo = self.site.absolute_url(self.logo_uri) if self.logo_uri else None
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}  # compact JSON-LD
        env.globals["council_json_ld"] = structured_data.organization(self.profile, self.site.site_url, logo)
        env.globals["sitemap_entries"] = sitemap_entries(self.site, commit_dates(self.project.settings.docs_dir))
        env.globals["council_pages"] = {
            key: files.get_file_from_path(path).url
            for key, path in FOOTER_PAGES.items()
            if files.get_file_from_path(path) is not None
        }
        return env

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        template = page.meta["template"] = page_template(page.meta, self.templates)
        if not _is_template(template, config.theme.dirs):
            assert self.site is not None
            source = self.site.pages.get(page.file.src_uri)
            error = LgsiteError(
                f"template '{template}' is not one of the theme's templates",
                file=source.provenance.file if source else page.file.src_uri,
                line=source.meta_lines.get(("template",)) if source else None,
                hint=f"Remove template: to use the page type's own, or use one of {', '.join(sorted(self.templates))}.",
            )
            self.site.problems.error(error)
            page.meta["template"] = "main.html"  # so MkDocs reads on, and every page's problems are found
        return markdown

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Shared pages' HTML cleaned, every page's addresses checked (see lgsite.sanitise)."""
        assert self.site is not None
        source = self.site.pages.get(page.file.src_uri)
        if source is None:
            return html
        try:
            cleaned = self.content_policy.apply(html, source)
        except LgsiteError as error:
            self.site.problems.error(error)
            return ""
        for problem in left_out_problems(source, cleaned.left_out):
            self.site.problems.warning_of(problem)
        if cleaned.embedded:
            self.site.embedded[page.file.src_uri] = cleaned.embedded
        html = self.images.apply(cleaned.html, source, page.url)  # after cleaning, which would drop srcset
        for copy in self.images.new_copies():  # MkDocs copies static files after every page is read
            files.append(File.generated(config, copy.path, abs_src_path=str(copy.file)))
        return scrollable_tables(html, ui_strings.language_of(source.meta))

    def on_page_context(self, context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        assert self.site is not None and self.profile is not None
        context.update(page_context(self.site, self.model, page.file.src_uri))
        context.update(self.in_language.get(context["lang"], {}))  # a page of a language view
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        return finish(output, minify=self.config.minify)

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Static templates (404.html, search.html) get the same last pass as pages."""
        if not template_name.endswith(".html"):
            return output_content
        return finish(output_content, minify=self.config.minify)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.site is not None
        index_file = Path(config.site_dir) / "search" / "search_index.json"
        if index_file.is_file():  # lgsite's index, in files a search fetches a few of, in place of MkDocs' one
            with _as_plugin_error():
                languages = search_index.languages(self.model.root,
                                                   {lang: self.profile.prefix(lang) for lang in self.profile.languages},
                                                   {"en": self.profile.synonyms})
            search_index.for_site(json.loads(index_file.read_text(encoding="utf-8")), self.site,
                                  index_file.parent, languages)
        target = Path(config.site_dir) / self.project.settings.report
        target.write_text(report_text(self.site, self.sources), encoding="utf-8")
        if self.serving:
            return
        with _as_plugin_error():  # last: the policy is made from the pages as they are written
            security_headers.protect(Path(config.site_dir), self.project.host, self.profile.embeds,
                                     own_files=self.site.local_files)


def settings_for(config: MkDocsConfig) -> Settings:
    """The engine's settings from mkdocs.yml and the lgsite plugin's options in it."""
    plugin = config.plugins.get("lgsite")
    if plugin is None:
        raise LgsiteError("has no lgsite plugin", file=Path(config.config_file_path).name,
                          hint="Add it under plugins: as - lgsite (see the README).")
    options = plugin.config
    return Settings(
        base=Path(config.config_file_path).parent.resolve(),
        docs_dir=Path(config.docs_dir),
        config_name=Path(config.config_file_path).name,
        council=options.council,
        shared=tuple(options.shared),
        site_url=config.site_url or "",
        report=options.report,
        use_directory_urls=bool(config.use_directory_urls),
        heading_ids=heading_ids_for(config),
        # Page templates are chosen by content type before MkDocs makes its Jinja
        # environment, so the theme's top-level templates are listed here.
        templates=frozenset(path.name for folder in config.theme.dirs for path in Path(folder).glob("*.html")),
        host=options.host,
        redirects=options.redirects,
    )


def with_component_extensions(config: MkDocsConfig) -> None:
    """Turn on the components' Markdown extensions, and each option of theirs, that mkdocs.yml does not set.

    A council's own choice wins: an extension it lists keeps the options it gives, and gains
    only the ones it leaves out. An extension this pymdownx does not have is skipped.
    """
    listed = {name.removeprefix("markdown.extensions."): name for name in config.markdown_extensions}
    for name, options in COMPONENT_EXTENSIONS.items():
        if name not in listed:
            if not _installed(name):
                continue
            config.markdown_extensions.append(name)
        own = config.mdx_configs.setdefault(listed.get(name, name), {})
        for option, value in options.items():
            own.setdefault(option, value)


def _installed(extension: str) -> bool:
    """Whether an extension's module is there: Python-Markdown's own go by short names and always are."""
    if "." not in extension:
        return True
    try:
        return importlib.util.find_spec(extension) is not None
    except ModuleNotFoundError:
        return False


def heading_ids_for(config: MkDocsConfig) -> HeadingIds:
    """The toc extension's slug function and separator, as MkDocs will use them for every heading.

    Options such as permalink: only add a link beside the heading and leave its id alone.
    """
    toc = config.mdx_configs.get("toc") or config.mdx_configs.get("markdown.extensions.toc") or {}
    default = HeadingIds()
    slugify = toc.get("slugify", default.slugify)
    separator = toc.get("separator", default.separator)
    if not callable(slugify) or not isinstance(separator, str):
        raise LgsiteError(
            "gives markdown_extensions: toc: a slugify that is not a function"
            if not callable(slugify) else "gives markdown_extensions: toc: a separator that is not text",
            file=Path(config.config_file_path).name,
            hint="Name a function, as in slugify: !!python/name:pymdownx.slugs.uslugify, or remove the option.",
        )
    return HeadingIds(slugify, separator)


def _is_template(name: object, theme_dirs: list[str]) -> bool:
    """Whether a page's `template:` names a file of the theme (or the council's theme overrides)."""
    if not isinstance(name, str) or name.startswith("/") or ".." in name.split("/"):
        return False
    return any((Path(folder) / name).is_file() for folder in theme_dirs)


def _report(problems: Problems) -> None:
    """Print every problem, grouped by file; stop the build if one is an error."""
    for problem in problems.sorted():
        (problem_log.error if problem.severity is Severity.ERROR else problem_log.warning)(str(problem))
    if problems.errors:
        raise PluginError(f"the site was not built: {problems.summary()}")


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def theme_dir() -> Path:
    """The council theme's template folder, where it is installed."""
    from .themes import council

    return Path(council.__file__).parent


def _from_folder(dirs: list[str], folder: Path) -> Callable[[str | None], bool]:
    """Jinja's autoescape setting: on for a template the loader, searching `dirs` in order, finds in `folder`.

    Asked by where the template comes from rather than by its name, because the council theme
    and Material both have a main.html and partials/content.html, and only the loader's pick counts.
    """
    folder = folder.resolve()

    @lru_cache(maxsize=None)
    def found_in_folder(name: str | None) -> bool:
        for directory in dirs:
            if name and (Path(directory) / name).is_file():
                return Path(directory).resolve() == folder
        return False

    return found_in_folder


class _as_plugin_error:
    """Turn the engine's errors into MkDocs' own, which it prints as one line."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, error: BaseException | None, tb: Any) -> bool:
        if isinstance(error, LgsiteError):
            raise PluginError(str(error)) from None
        return False
