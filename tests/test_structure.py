"""Structural properties that keep every page small and self-contained, whatever the site's size (issue #7).

Not timed. Builds synthetic councils of two sizes with the benchmark's own
generator (bench/generate.py) and checks the built HTML:

- a page's size does not grow with the number of pages on the site;
- no page embeds the site's navigation: the template around the content links
  to a handful of fixed pages, and a page's content links only to the pages
  its own Markdown links to (and a guide to its own parts). Only listing pages
  list other pages: the home page, category landing pages, the A to Z, the
  sitemap and directory, news and events indexes, known by the page type the
  theme writes into every page (<meta name="lgsite:page-type">);
- no page loads anything from another origin: every src, srcset, poster,
  fetched <link>, CSS url() and @import points at the site itself, and there is
  no preconnect, dns-prefetch or font CDN. Plain <a href> links to other sites
  are fine: nothing is loaded until the resident follows one.

The same checks run on plain Material builds of the same Markdown, which embed
the whole navigation in every page, to show that they catch it.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import LGSITE, REPO, url_of
from html_reader import Element, parse

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.generate import SITE_URL, SyntheticSite, generate  # noqa: E402

MKDOCS = Path(sys.executable).with_name("mkdocs")
SMALL, LARGE = 30, 120
# The chrome around the content (header, breadcrumbs, footer) links to the home
# page, one category, contact, A to Z, sitemap, accessibility, privacy and cookies.
CHROME_LINKS = 12
# A page that is not a listing page links to at most this many of the site's pages in all.
PAGE_LINKS = 40
LISTING_TYPES = {"home", "category", "a-to-z", "sitemap", "directory", "directory-facet", "news-index", "events-index"}
# Same page, bigger site: its HTML may differ by a few bytes (prev/next links
# in <head> name different neighbours), never by a navigation's worth.
SAME_PAGE_SLACK = 256
OWN = urlsplit(SITE_URL)
FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload", "prefetch",
                "modulepreload", "manifest", "preconnect", "dns-prefetch", "prerender"}
FONT_CDNS = ("fonts.googleapis.com", "fonts.gstatic.com", "use.typekit.net", "fonts.bunny.net")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)


# --- reading built pages -------------------------------------------------------------------------------------


def page_url(html_path: Path, site: Path) -> str:
    """The site-relative URL a built file is served at: 'a/b/' for a/b/index.html, '' for the home page."""
    relative = html_path.relative_to(site).as_posix()
    if relative == "index.html":
        return ""
    return relative[: -len("index.html")] if relative.endswith("/index.html") else relative


def third_party(url: str) -> bool:
    """An absolute or protocol-relative http(s) URL on an origin other than the site's."""
    url = url.strip()
    if not re.match(r"^(https?:)?//", url, re.IGNORECASE):
        return False
    parts = urlsplit(url if not url.startswith("//") else f"{OWN.scheme}:{url}")
    return (parts.hostname or "") != OWN.hostname


def internal(url: str, href: str) -> str | None:
    """The site-relative URL of a page `href` (on the page at `url`) points at, or None for other sites,
    anchors, mail and phone."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    if re.match(r"^(https?:)?//", href, re.IGNORECASE):
        if third_party(href):
            return None
        target = urlsplit(href if not href.startswith("//") else f"{OWN.scheme}:{href}").path.lstrip("/")
    else:
        target = urlsplit(urljoin("/" + url, href)).path.lstrip("/")
    target = posixpath.normpath(target) if target else ""
    if target in ("", "."):
        return ""
    if target == "index.html" or target.endswith("/index.html"):
        return target[: -len("index.html")]
    return target if target.endswith(".html") else target + "/"


def css_refs(css: str) -> list[str]:
    return [u for u in CSS_URL.findall(css) + CSS_IMPORT.findall(css) if third_party(u)]


def resources_of(element: Element) -> list[str]:
    """What one element makes the browser load from another origin, described, e.g. "<img src> https://cdn.example/a.png"."""
    tag, values = element.tag, element.attrs
    found = [f"<{tag} {name}> {values[name]}" for name in ("src", "poster", "data")
             if name in values and tag != "a" and third_party(values[name])]
    for name in ("srcset", "imagesrcset"):
        for candidate in values.get(name, "").split(","):
            url = candidate.strip().split(" ")[0] if candidate.strip() else ""
            if url and third_party(url):
                found.append(f"<{tag} {name}> {url}")
    if tag == "link":
        rels = set(values.get("rel", "").lower().split())
        if rels & FETCHED_RELS and third_party(values.get("href", "")):
            found.append(f"<link rel={values.get('rel')}> {values['href']}")
    if "style" in values:
        found += [f"style url() {u}" for u in css_refs(values["style"])]
    if tag == "style":
        found += [f"<style> {u}" for u in css_refs(element.raw_text)]
    return found


@dataclass
class StructuredPage:
    """Internal page links inside and outside the main article, and every resource the page loads."""

    url: str
    type: str  # lgsite's page type, from <meta name="lgsite:page-type">
    body_links: set[str]
    chrome_links: set[str]
    resources: list[str]


def read_page(html_path: Path, site: Path) -> StructuredPage:
    url = page_url(html_path, site)
    page = parse(html_path.read_text(encoding="utf-8"))
    read = StructuredPage(url, page.meta("lgsite:page-type") or "", set(), set(), [])
    for element in page.elements():
        target = internal(url, element.attrs["href"]) if element.tag == "a" and "href" in element.attrs else None
        if target is not None and target != url:
            in_body = element.inside("article", id="main-content")
            (read.body_links if in_body else read.chrome_links).add(target)
        read.resources += resources_of(element)
    return read


def third_party_references(site: Path) -> list[str]:
    """Every resource a built page or stylesheet would load from another origin, and any font CDN named."""
    found: list[str] = []
    for html_path in sorted(site.rglob("*.html")):
        page = read_page(html_path, site)
        found += [f"{html_path.relative_to(site)}: {ref}" for ref in page.resources]
        text = html_path.read_text(encoding="utf-8")
        found += [f"{html_path.relative_to(site)}: names {cdn}" for cdn in FONT_CDNS if cdn in text]
    for sheet in sorted(site.rglob("*.css")):
        css = sheet.read_text(encoding="utf-8")
        found += [f"{sheet.relative_to(site)}: {ref}" for ref in css_refs(css)]
        found += [f"{sheet.relative_to(site)}: names {cdn}" for cdn in FONT_CDNS if cdn in css]
    return found


# --- building ------------------------------------------------------------------------------------------------


@dataclass
class Built:
    synthetic: SyntheticSite
    site: Path
    inherited: set[str] = field(default_factory=set)  # URLs of the bundled pages, the same at every size
    listing: set[str] = field(default_factory=set)  # URLs of pages whose job is to list other pages

    def __post_init__(self) -> None:
        self.listing = {page.url for page in map(self.read, self.pages()) if page.type in LISTING_TYPES}

    def read(self, html_path: Path) -> StructuredPage:
        return read_page(html_path, self.site)

    def html(self, url: str) -> Path:
        return self.site / url / "index.html" if url else self.site / "index.html"

    def pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))

    def size(self, url: str) -> int:
        return self.html(url).stat().st_size


def build_lgsite(root: Path, pages: int) -> Built:
    synthetic = generate(root, pages)
    site = root / "site"
    result = subprocess.run([str(LGSITE), "build", str(root), "--site-dir", str(site)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    report = json.loads((site / "lgsite-report.json").read_text(encoding="utf-8"))
    inherited = {url_of(path) for path, provenance in report["pages"].items() if provenance.get("origin") == "inherited"}
    return Built(synthetic, site, inherited)


def build_material(synthetic: SyntheticSite) -> Built:
    site = synthetic.root / "site-material"
    result = subprocess.run([str(MKDOCS), "build", "-q", "-f", str(synthetic.material_config(False)), "-d", str(site)],
                            capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return Built(synthetic, site)


@pytest.fixture(scope="module")
def lgsite_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Built]:
    root = tmp_path_factory.mktemp("structure")
    return {size: build_lgsite(root / f"council-{size}", size) for size in (SMALL, LARGE)}


@pytest.fixture(scope="module")
def material_sites(lgsite_sites: dict[int, Built]) -> dict[int, Built]:
    return {size: build_material(built.synthetic) for size, built in lgsite_sites.items()}


# --- the checks, as functions that return what they found ------------------------------------------------------


def average_synthetic_size(built: Built) -> float:
    sizes = [built.size(url_of(page.path)) for page in built.synthetic.pages]
    return sum(sizes) / len(sizes)


def growth_problems(small: Built, large: Built) -> list[str]:
    problems = []
    ratio = average_synthetic_size(large) / average_synthetic_size(small)
    if ratio > 1.10:
        problems.append(f"average page grew {ratio:.2f}x from {SMALL} to {LARGE} pages")
    for url in sorted(small.inherited & large.inherited) if small.inherited else []:
        before, after = small.size(url), large.size(url)
        if after > before * 1.02 + SAME_PAGE_SLACK:
            problems.append(f"{url}: {before} bytes on the {SMALL}-page site, {after} on the {LARGE}-page site")
    return problems


def navigation_problems(built: Built) -> list[str]:
    """Pages that link to more of the site than their template and their own content account for."""
    problems = []
    own_links = {url_of(page.path): {url_of(t) for t in page.links} for page in built.synthetic.pages}
    for html_path in built.pages():
        page = built.read(html_path)
        if len(page.chrome_links) > CHROME_LINKS:
            problems.append(f"{page.url or 'home'}: the template around the content links to "
                            f"{len(page.chrome_links)} pages")
        if page.url in built.listing:
            continue
        total = page.chrome_links | page.body_links
        if len(total) > PAGE_LINKS:
            problems.append(f"{page.url}: links to {len(total)} of the site's pages")
        if page.url in own_links:
            # A guide's contents links to its own parts, which live below it.
            extra = {url for url in page.body_links - own_links[page.url] if not url.startswith(page.url)}
            if extra:
                problems.append(f"{page.url}: its content links to {len(extra)} pages its Markdown does not, "
                                f"such as {sorted(extra)[0]}")
    return problems


# --- tests ---------------------------------------------------------------------------------------------------


def test_page_size_does_not_grow_with_the_site(lgsite_sites: dict[int, Built]) -> None:
    small, large = lgsite_sites[SMALL], lgsite_sites[LARGE]
    assert len(large.synthetic.pages) > 3 * len(small.synthetic.pages)
    assert small.inherited, "the bundled pages should be in both builds, to compare page by page"
    assert growth_problems(small, large) == []


def test_no_page_embeds_the_navigation(lgsite_sites: dict[int, Built]) -> None:
    for built in lgsite_sites.values():
        # The listing pages are found, and none of the ordinary pages is exempt.
        assert {"", "a-to-z/", "sitemap/", "housing/"} <= built.listing
        assert not built.listing & {url_of(page.path) for page in built.synthetic.pages}
        assert navigation_problems(built) == []


def test_the_sitemap_lists_every_page_so_no_other_page_needs_to(lgsite_sites: dict[int, Built]) -> None:
    built = lgsite_sites[LARGE]
    sitemap = built.read(built.html("sitemap/"))
    assert {url_of(page.path) for page in built.synthetic.pages} <= sitemap.body_links
    ordinary = [built.read(p) for p in built.pages()]
    busiest = max(len(p.chrome_links | p.body_links) for p in ordinary if p.url not in built.listing)
    assert busiest <= PAGE_LINKS < len(sitemap.body_links) / 4


def test_no_page_loads_anything_from_another_origin(lgsite_sites: dict[int, Built]) -> None:
    for built in lgsite_sites.values():
        assert third_party_references(built.site) == []
        # The check looked at real pages that do link out: plain links are allowed.
        outbound = [p for p in built.pages() if re.search(r'href="?https://www\.gov\.uk/', p.read_text(encoding="utf-8"))]
        assert outbound


def test_the_checks_catch_plain_materials_embedded_navigation(lgsite_sites: dict[int, Built],
                                                               material_sites: dict[int, Built]) -> None:
    small, large = material_sites[SMALL], material_sites[LARGE]
    assert growth_problems(small, large), "plain Material's pages grow with the site"
    problems = navigation_problems(large)
    assert len(problems) >= len(large.synthetic.pages)
    assert any("the template around the content links to" in p for p in problems)


def test_third_party_check_catches_each_kind_of_load(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="preconnect" href="https://fonts.gstatic.com">'
        '<link rel=stylesheet href=//cdn.example/x.css>'
        '<link rel="canonical" href="https://elsewhere.example/">'
        '<img srcset="/a.png 1x, https://img.example/a.png 2x" src="/a.png" alt="">'
        '<video poster="https://img.example/p.jpg"></video>'
        '<div style="background:url(\'https://img.example/bg.png\')"></div>'
        '<style>@import "https://cdn.example/y.css";</style>'
        '<script src="https://www.benchtown.example/own.js"></script>'
        '<a href="https://www.gov.uk/">GOV.UK</a>',
        encoding="utf-8",
    )
    (tmp_path / "a.css").write_text("body{background:url(https://img.example/z.png)}", encoding="utf-8")
    found = third_party_references(tmp_path)
    kinds = ["preconnect", "stylesheet", "srcset", "poster", "style url()", "<style>", "a.css", "names fonts.gstatic.com"]
    for kind in kinds:
        assert any(kind in item for item in found), (kind, found)
    assert not any("gov.uk" in item or "own.js" in item or "canonical" in item for item in found)
