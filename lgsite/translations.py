"""Pairing each page with its versions in the site's other languages, and publishing them together.

Each language is assembled as a view of its own: a `Site` whose pages have the
English pages' paths, so every feature (listings, news, guides, the A to Z) works
on it unchanged and only has to choose its words and order by `site.lang`. This
module finds each language's files for those paths, and afterwards publishes a
view's pages under its folder, with their links made to point at what their author
meant from there, and each page knowing its partners.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from .diagnostics import Problems
from .errors import LgsiteError
from .frontmatter import split
from .generate.relink import relink
from .languages import ENGLISH, LABELS, LANGUAGE_NAMES, split_language
from .layers import LayerFile, Origin, Page, Stack, read_markdown
from .site import Site
from .urls import page_url

# Pages that count as a council's content, which a resident must be able to read in each language.
TRANSLATABLE = (Origin.INHERITED, Origin.LOCAL, Origin.OVERRIDE, Origin.MERGED, Origin.SIGNPOST)


def language_stacks(stack: Stack, languages: list[str], problems: Problems) -> dict[str, Stack]:
    """Each language's files by the English page's path, layer by layer, so that inheritance and
    overrides work the same way in every language. Files in a language the site is not published in
    are left out (a shared library may have Welsh that an English council does not publish)."""
    layers = [*stack.shared, stack.local]
    ids = _translation_ids(layers, problems)
    english_paths = {path for layer in layers for path in layer
                     if path.endswith(".md") and split_language(path)[1] is None and path not in ids}
    views: dict[str, list[dict[str, LayerFile]]] = {lang: [] for lang in languages}
    for layer in layers:
        own = {lang: {} for lang in languages}
        for path, layer_file in layer.items():
            if not path.endswith(".md"):
                for files in own.values():
                    files[path] = layer_file  # images and documents serve every language
                continue
            english, lang = split_language(path)
            if path in ids:
                english, lang = ids[path]
            if lang is None:
                if ENGLISH in own:
                    own[ENGLISH][path] = layer_file
                continue
            if lang not in own:
                if layer_file.source is None:
                    problems.warning(f"is a page in {LABELS[lang]}, but council.yml's languages does not list {lang}",
                                     file=layer_file.display,
                                     hint=f"Add {lang} to languages: in council.yml, or remove the file.")
                continue
            if english is None or english not in english_paths:
                problems.error(LgsiteError(
                    f"is a page in {LABELS[lang]} with no English page to pair with",
                    file=layer_file.display,
                    hint=f"No source has {english}: name this file after its English page, or give both pages "
                         "the same translation_id:." if english else
                         "Give it and its English page the same translation_id:.",
                ))
                continue
            if english in own[lang]:
                problems.error(LgsiteError(
                    f"is a second {LABELS[lang]} version of {english}, beside {own[lang][english].display}",
                    file=layer_file.display, hint="Remove one of them, or pair it with another page.",
                ))
                continue
            own[lang][english] = LayerFile(english, layer_file.file, layer_file.display, layer_file.source)
        for lang, files in own.items():
            views[lang].append(files)
    return {lang: Stack(shared=layers[:-1], local=layers[-1]) for lang, layers in views.items()}


def _translation_ids(layers: list[dict[str, LayerFile]], problems: Problems) -> dict[str, tuple[str | None, str]]:
    """Read the front matter of the few pages that mention translation_id, and pair them: each page in
    another language whose file name does not say so, by its path -> (its English page's path, language)."""
    english: dict[str, tuple[str, str]] = {}  # id -> (path, display)
    others: list[tuple[str, str, str, LayerFile]] = []  # (id, lang, path, file)
    for layer in layers:
        for path, layer_file in layer.items():
            if not path.endswith(".md"):
                continue
            meta = _front_matter(layer_file)
            if not meta or not isinstance(meta.get("translation_id"), str):
                continue
            ident = meta["translation_id"]
            declared = meta.get("lang")  # a language lgsite does not know is the schema's to report
            lang = split_language(path)[1] or (declared if declared in LABELS else ENGLISH)
            if lang != ENGLISH:
                others.append((ident, str(lang), path, layer_file))
                continue
            claimed = english.get(ident)
            if claimed is not None and claimed[0] != path:
                problems.error(LgsiteError(
                    f"has translation_id '{ident}', which {claimed[1]} already has",
                    file=layer_file.display, hint="Give each English page its own translation_id.",
                ))
                continue
            english[ident] = (path, layer_file.display)
    paired: dict[str, tuple[str | None, str]] = {}
    seen: dict[tuple[str, str], str] = {}
    for ident, lang, path, layer_file in others:
        if (ident, lang) in seen and seen[(ident, lang)] != path:
            problems.error(LgsiteError(
                f"has translation_id '{ident}', which {seen[(ident, lang)]} already has in the same language",
                file=layer_file.display, hint="Give each page its own translation_id.",
            ))
            continue
        seen[(ident, lang)] = path
        if split_language(path)[1] is None:  # paired by id alone: its file name does not say its language
            paired[path] = (english[ident][0] if ident in english else None, lang)
    return paired


def _front_matter(layer_file: LayerFile) -> dict[str, Any] | None:
    """A page's front matter, read only when it could pair the page; a page whose front matter cannot be
    read is reported when it is built."""
    try:
        text = read_markdown(layer_file)
        if "translation_id" not in text:
            return None
        data = split(text, layer_file.display).data
    except LgsiteError:
        return None
    return data if isinstance(data, dict) else None


def publish_view(site: Site, view: Site) -> None:
    """Add a language view's pages, feeds and overrides to the site, under the language's folder.

    Links in a translated page's text are written to the English pages' files, as in the page it
    translates; each now goes to the page in the same language, or to the English page where there is
    none, from where the page is published.
    """
    claims: dict[str, list[str]] = {}
    for path in view.pages:
        claims.setdefault(view.published_path(path), []).append(path)
    for published, paths in claims.items():
        if len(paths) > 1:  # a slug gives a page another page's address: the slug is what to change
            slugged = sorted(paths, key=lambda path: "slug" not in view.pages[path].meta)
            page, other = view.pages[slugged[0]], view.pages[slugged[1]]
            view.pages.pop(slugged[0])
            site.problems.error(LgsiteError(
                f"has slug '{page.meta.get('slug')}', which gives it the address /{page_url(published)} that "
                f"{other.provenance.file if other.provenance.file else view.generated.get(other.path, 'another page')} "
                "has", file=page.provenance.file, line=page.meta_lines.get(("slug",)),
                hint="Give it a slug no other page in its folder has.",
            ))
    # Each earlier view's pages by what pairs them, where that is not their path (see Site.pairs_by).
    paired = {id(other): {key: path for path, key in other.pairs_by.items()} for other in [site, *site.views.values()]}
    for path, page in view.pages.items():
        published = view.published_path(path)
        body = relink(page.body, path, published, lambda _: None,
                      moved=lambda meant: _meant(view, site, meant))
        site.pages[published] = replace(page, path=published, body=body, meta={**page.meta, "lang": view.lang})
        site.view_paths[published] = (view.lang, path)
        versions = _versions(site, view.pairs_by.get(path, path), paired)
        if versions:
            versions[view.lang] = published
            site.translations[published] = versions
    for path, text in view.outputs.items():
        site.outputs[view.published_path(path)] = text
    for path, over in view.overridden.items():
        site.overridden[path if view.lang == ENGLISH else path.removesuffix(".md") + f".{view.lang}.md"] = over
    site.excluded.extend(view.excluded)
    site.broken.update(view.published_path(path) for path in view.broken)
    site.views[view.lang] = view


def _versions(site: Site, key: str, paired: dict[int, dict[str, str]]) -> dict[str, str] | None:
    """The versions published so far of the page `key` names (its path, or what `pairs_by` gives) in every
    view, to add one more to (the same dict for each), or None for a page no other view has."""
    for lang, view in site.views.items():
        path = _paired(view, key, paired[id(view)])
        if path is not None:
            return site.translations.setdefault(view.published_path(path), {lang: view.published_path(path)})
    path = _paired(site, key, paired[id(site)])
    if path is not None and path not in site.view_paths:  # English at the site's root
        return site.translations.setdefault(path, {ENGLISH: path})
    return None


def _paired(view: Site, key: str, by_key: dict[str, str]) -> str | None:
    """The path of the page of `view` that `key` names; `by_key` is the view's pairs_by reversed."""
    if key in view.pages and view.pairs_by.get(key, key) == key:
        return key
    return by_key.get(key)


def english_pages(site: Site) -> list[tuple[str, str, Page]]:
    """The site's English pages: (where published, path in the English view, page)."""
    found = []
    for published, page in site.pages.items():
        lang, path = site.view_paths.get(published, (ENGLISH, published))
        if lang == ENGLISH:
            found.append((published, path, page))
    return found


def _meant(view: Site, site: Site, meant: str) -> str:
    """Where a link in a translated page goes: the page in its language, else the English page or file."""
    english, _ = split_language(meant)
    fallback = site.views.get(ENGLISH, view)  # English under en/ too, or at the root (as the path is)
    for pages in (view, fallback):
        if english in pages.pages:
            return pages.published_path(english)
        folder = posixpath.join(english, "index.md")  # a link to a folder, ../housing/
        if not english.endswith(".md") and folder in pages.pages:
            return pages.published_path(folder).removesuffix("/index.md")
    return english


def warn_untranslated(site: Site, languages: list[str]) -> None:
    """Every page a resident can read in English must be there in each of the site's languages,
    unless the council says why not (the Welsh Language Standards treat Welsh no less favourably)."""
    for lang in languages[1:] if languages[0] == ENGLISH else [lang for lang in languages if lang != ENGLISH]:
        view = site.views.get(lang)
        if view is None:
            continue
        for _, path, page in english_pages(site):
            if page.provenance.origin not in TRANSLATABLE:
                continue
            if path in view.pages:
                _warn_stale(site, page, view.pages[path], lang)
                continue
            if page.meta.get("translation_exempt"):
                continue
            file = page.provenance.file
            own = page.provenance.source == "local"
            beside = PurePosixPath(path).with_suffix(f".{lang}.md").as_posix()
            site.problems.warning(
                f"has no {LABELS[lang]} version", file=file,
                hint=(f"Write {posixpath.basename(beside)} beside it" if own else f"Write docs/{beside}")
                + " (its front matter overlays this page's), or give this page translation_exempt: with the reason.",
            )


def _warn_stale(site: Site, page: Page, translated: Page, lang: str) -> None:
    """A council that replaces a shared page's English text but not its translation publishes two pages
    that may say different things: residents reading the translation would get the shared advice."""
    if page.provenance.origin not in (Origin.OVERRIDE, Origin.MERGED) or translated.provenance.origin != Origin.INHERITED:
        return
    beside = PurePosixPath(page.provenance.file).with_suffix(f".{lang}.md").as_posix()
    site.problems.warning(
        f"replaces the shared page, but its {LABELS[lang]} version is still the shared one, which may say "
        "something else", file=page.provenance.file,
        hint=f"Write {beside} with your {LANGUAGE_NAMES[lang]} text, or accept the shared one by removing this page.",
    )


def translation_report(site: Site) -> dict[str, Any]:
    """The pages the build report lists for the council's translators: drafts, exemptions, and the
    pages still waiting for a translation."""
    english = english_pages(site)
    untranslated = sorted(
        published for published, _, page in english
        if page.provenance.origin in TRANSLATABLE and len(site.translations.get(published, {})) < 2
        and not page.meta.get("translation_exempt")
    ) if len(site.profile.languages) > 1 else []
    return {
        "languages": site.profile.languages,
        "untranslated": untranslated,
        "draft": sorted(path for path, page in site.pages.items() if page.meta.get("translation") == "draft"),
        "exempt": {published: str(page.meta["translation_exempt"]) for published, _, page in sorted(english)
                   if page.meta.get("translation_exempt")},
    }
