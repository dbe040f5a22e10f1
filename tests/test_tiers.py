"""Tiers, signposts and listings, proved on sites assembled from the bundled library.

A district, a county and a unitary council are assembled by the engine (without
MkDocs) from the same shared library. What each publishes is checked against the tier data in the content
model, computed here from the model's tables rather than by the code under
test, and compared as sets so that a failure names the pages that differ.
Then every category landing page and the A to Z are checked to list exactly
the pages the council published: nothing excluded, nothing missing. Real
builds of a county and of the example council (a district) show the same in
the HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml

from conftest import (BASE_PROFILE, FIXTURES, REPO, engine_fails_with_one, engine_passes, fails_with_one, make_project,
                      url_of)
from html_reader import Element, read_page
from lgsite.generate.indexes import a_to_z_entries
from lgsite.languages import split_language
from lgsite.model import load_model
from lgsite.site import Site
from lgsite.sources import BUNDLED, bundled_model_dir

MODEL = load_model(bundled_model_dir())
SHARED_ROOT = bundled_model_dir() / "pages"
REPORT = "lgsite-report.json"

COUNTY_URL = "https://www.exampleshire.example/"
FINDER_URL = "https://www.exampleshire.example/find-your-district/"

# Page types that category landing pages leave out: the home page, the landing
# pages themselves, and pages residents reach from the header and footer
# rather than by browsing a category (alerts, contact, service status).
NOT_ON_LANDING_PAGES = {"home", "category", "alert", "contact", "service-status", "directory-entry"}
# Page types the A to Z lists whatever they say, those it lists when they have an
# LGSL number, and (by leaving them out) the dated or part-of-another-page types it
# lists only when they name a_to_z: terms.
ALWAYS_IN_A_TO_Z = {"service", "signpost", "guide", "step-by-step", "directory"}
IN_A_TO_Z_WITH_LGSL = {"page", "contact"}


def expected_a_to_z(built: Built) -> dict[str, int]:
    """Path -> how many times the A to Z lists the page: under its title, and under each term it names."""
    expected = {}
    for path, meta in built.published_meta().items():
        page_type = str(meta.get("type", "page"))
        terms = {str(term).casefold() for term in meta.get("a_to_z") or ()} - {str(meta.get("title")).casefold()}
        search = meta.get("search") or {}
        if search.get("exclude"):
            continue
        if terms or page_type in ALWAYS_IN_A_TO_Z or (page_type in IN_A_TO_Z_WITH_LGSL and lgsl_of(meta) is not None):
            expected[path] = 1 + len(terms)
    return expected


# --- reading pages and sites without the code under test ---------------------------------------------------------


def front_matter(file: Path) -> dict[str, Any]:
    """The YAML between the first two `---` lines of a Markdown file."""
    text = file.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, f"{file} has no front matter"
    return yaml.safe_load(match.group(1)) or {}


# The library's pages, each once: their Welsh versions (x.cy.md) are published with them, under cy/.
SHARED: dict[str, dict[str, Any]] = {
    file.relative_to(SHARED_ROOT).as_posix(): front_matter(file) for file in sorted(SHARED_ROOT.rglob("*.md"))
    if split_language(file.name)[1] is None
}


def lgsl_of(meta: dict[str, Any]) -> int | None:
    lgsl = meta.get("lgsl")
    return lgsl if isinstance(lgsl, int) and not isinstance(lgsl, bool) else None


def every_link_in_the_library() -> dict[int, dict[str, str]]:
    """An online-service address for every Start button and `link()` in the shared pages.

    A council must give one for each service it publishes in full; the tier
    builds give them all, so only tiers decide what is published.
    """
    links: dict[int, dict[str, str]] = {}
    for path, meta in SHARED.items():
        start = meta.get("start")
        lgsl = lgsl_of(meta)
        if isinstance(start, dict) and "url" not in start and lgsl is not None:
            interaction = str(start["interaction"])
            links.setdefault(lgsl, {})[interaction] = f"https://online.example/{interaction}/{lgsl}"
        body = (SHARED_ROOT / path).read_text(encoding="utf-8")
        for number, interaction in re.findall(r"""link\(\s*(\d+)\s*,\s*["'](\w+)["']\s*\)""", body):
            links.setdefault(int(number), {})[interaction] = f"https://online.example/{interaction}/{number}"
    return links


def html_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


@dataclass
class ArticleLinks:
    """The links inside a page's <article> (the page body, without header, breadcrumbs or footer).

    Service status notices are left out: they link to the notice, not to a listed page.
    """

    links: list[str]
    signpost_links: list[str] | None  # links in a signpost block, None if the page has none


def in_div(element: Element, class_name: str) -> bool:
    return any(parent.tag == "div" and class_name in parent.classes for parent in element.ancestors())


def article(site: Path, url: str) -> ArticleLinks:
    page = read_page(site, url)
    assert page.find("article") is not None, f"{url}: no <article> found"
    anchors = [a for a in page.find_all("a")
               if a.get("href") and a.inside("article") and not in_div(a, "lg-status")]
    signposts = [div for div in page.find_all("div") if "lg-signpost" in div.classes and div.inside("article")]
    return ArticleLinks(
        links=[a.attrs["href"] for a in anchors],
        signpost_links=[a.attrs["href"] for a in anchors if in_div(a, "lg-signpost")] if signposts else None,
    )


def page_type(site: Path, url: str) -> str:
    """The content type the theme rendered a page as (news/ and events/ are generated too, but not categories)."""
    found = read_page(site, url).meta("lgsite:page-type")
    assert found, f"{url} has no lgsite:page-type"
    return found


def listed_urls(site: Path, url: str) -> list[str]:
    """Site-relative URLs of the pages a page links to from its body (in-page anchors left out)."""
    base = "https://site.invalid/"
    found = []
    for href in article(site, url).links:
        if href.startswith("#"):
            continue
        absolute = urljoin(base + url, href)
        assert absolute.startswith(base), f"{url} links outside the site: {href}"
        found.append(absolute[len(base):].split("#", 1)[0])
    return found


def difference(expected: Iterable[str], actual: Iterable[str]) -> str:
    """A failure message that names the pages, not just the counts."""
    want, got = set(expected), set(actual)
    return f"missing: {sorted(want - got)}; unexpected: {sorted(got - want)}"


# --- what a built site published ---------------------------------------------------------------------------------


@dataclass
class Built:
    """One council: its project folder, its provenance report and, when built for real, its site.

    An assembled council's report is the one the build would write, made from the engine's site.
    """

    name: str
    root: Path
    site: Path | None
    profile: dict[str, Any]
    report: dict[str, Any]
    assembled: Site | None = None

    def origins(self, origin: str) -> set[str]:
        return {path for path, page in self.report["pages"].items() if page["origin"] == origin}

    def published_meta(self) -> dict[str, dict[str, Any]]:
        """Front matter of each published page (generated pages left out), read from its source files.

        The report says where each page came from; the front matter is read
        here from the shared library and the council's docs/ directly.
        """
        result: dict[str, dict[str, Any]] = {}
        for path, page in self.report["pages"].items():
            origin = page["origin"]
            local = self.root / "docs" / path
            if origin == "generated":
                continue
            if origin in ("inherited", "signpost"):
                assert page["source"] == BUNDLED, f"{path} came from {page['source']}, not the bundled library"
                meta = dict(SHARED[path])
                if origin == "signpost":
                    meta["type"] = "signpost"
            elif origin == "merged":
                meta = {**SHARED[path], **front_matter(local)}
            else:  # a whole override or a council's own page
                meta = front_matter(local)
            result[path] = meta
        return result


def top_category(path: str, meta: dict[str, Any]) -> str | None:
    """The top-level LGNL category a page belongs to: its `category`, else its top folder."""
    category = meta.get("category")
    if not isinstance(category, str) or category not in MODEL.categories:
        folder = path.split("/", 1)[0]
        category = folder if "/" in path and folder in MODEL.categories else None
    while category is not None and MODEL.categories[category].parent is not None:
        category = MODEL.categories[category].parent
    return category


# --- the councils -----------------------------------------------------------------------------------------------


def profile_for(tier: str, **extra: Any) -> dict[str, Any]:
    profile = {key: value for key, value in BASE_PROFILE.items() if key not in ("county", "links")}
    profile["name"] = {"district": "Testbury District Council", "county": "Exampleshire County Council",
                       "unitary": "Testbury Council"}[tier]
    profile["tier"] = tier
    profile["links"] = every_link_in_the_library()
    if tier == "district":
        profile["county"] = {"name": "Exampleshire County Council", "url": COUNTY_URL}
    if tier == "county":
        profile["district_finder"] = {"name": "Find your district council", "url": FINDER_URL}
    profile.update(extra)
    return profile


# The overrides build: a district that runs its own libraries finder, leaves
# noise complaints to the county, and does not publish the Blue Badge page.
PROVIDES = 437  # Libraries: county-only by default
DOES_NOT_PROVIDE = 412  # Noise pollution: district by default
EXCLUDED = 279  # Blue Badge: county-only, so a district would otherwise signpost it

PROFILES: dict[str, dict[str, Any]] = {
    "district": profile_for("district"),
    "county": profile_for("county"),
    "unitary": profile_for("unitary"),
    "district-overrides": profile_for(
        "district",
        services={"provides": [PROVIDES], "does_not_provide": [DOES_NOT_PROVIDE]},
        exclude=[f"lgsl:{EXCLUDED}"],
    ),
}


def report_of(site: Site) -> dict[str, Any]:
    """What lgsite-report.json says of an assembled site: where each page came from, and what was left out."""
    return {"pages": {path: page.provenance.as_dict() for path, page in sorted(site.pages.items())},
            "excluded": [provenance.as_dict() for provenance in site.excluded]}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Each council of PROFILES assembled once from the bundled library, by the engine."""
    built: dict[str, Built] = {}
    for name, profile in PROFILES.items():
        project = make_project(tmp_path_factory.mktemp(name) / "council", shared=[BUNDLED], profile=profile)
        site = engine_passes(project)
        built[name] = Built(name, project.root, None, profile, report_of(site), site)
    return built


@pytest.fixture(scope="module")
def county_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The county built with the real `lgsite build`: its signposts go to the district finder."""
    profile = PROFILES["county"]
    project = make_project(tmp_path_factory.mktemp("county-build") / "council", shared=[BUNDLED], profile=profile)
    result = project.build()
    assert result.returncode == 0, result.stderr
    report = json.loads((project.site / REPORT).read_text(encoding="utf-8"))
    return Built("county", project.root, project.site, profile, report)


@pytest.fixture(scope="module")
def example(example_site: Path) -> Built:
    council = yaml.safe_load((REPO / "example-council" / "council.yml").read_text(encoding="utf-8"))
    report = json.loads((example_site / REPORT).read_text(encoding="utf-8"))
    return Built("example", REPO / "example-council", example_site, council, report)


BUILT_SITES = ["example", "county"]  # built for real, to read their HTML


def built_site(name: str, county_build: Built, example: Built) -> Built:
    return example if name == "example" else county_build


# --- 1. tier page sets -------------------------------------------------------------------------------------------


def expected_signposts(profile: dict[str, Any]) -> set[str]:
    """Shared pages whose service the council's tier does not provide, after its own overrides and exclusions.

    A service with no tier data is assumed to be provided by everyone.
    """
    services = profile.get("services") or {}
    provides = set(services.get("provides") or ())
    does_not = set(services.get("does_not_provide") or ())
    excluded = {int(item.removeprefix("lgsl:")) for item in profile.get("exclude") or () if item.startswith("lgsl:")}
    signposts = set()
    for path, meta in SHARED.items():
        lgsl = lgsl_of(meta)
        if lgsl is None or lgsl in excluded or lgsl in provides:
            continue
        service = MODEL.services.get(lgsl)
        tiers = service.tiers if service else frozenset()
        if lgsl in does_not or (tiers and profile["tier"] not in tiers):
            signposts.add(path)
    return signposts


def pages_provided_only_by(tier: str, not_by: str) -> set[str]:
    """Shared pages for services the model gives to `tier` but not to `not_by`."""
    found = set()
    for path, meta in SHARED.items():
        lgsl = lgsl_of(meta)
        service = MODEL.services.get(lgsl) if lgsl is not None else None
        if service is not None and tier in service.tiers and not_by not in service.tiers:
            found.add(path)
    return found


def test_the_library_has_pages_for_each_tier_alone() -> None:
    """The tier tests below mean something only if the library has county-only and district-only pages."""
    assert pages_provided_only_by("county", "district"), "no county-only page in the bundled library"
    assert pages_provided_only_by("district", "county"), "no district-only page in the bundled library"
    for lgsl in (PROVIDES, EXCLUDED):
        assert "district" not in MODEL.services[lgsl].tiers
    assert "district" in MODEL.services[DOES_NOT_PROVIDE].tiers
    assert sum(lgsl_of(meta) == PROVIDES for meta in SHARED.values()) == 1
    assert sum(lgsl_of(meta) == DOES_NOT_PROVIDE for meta in SHARED.values()) == 1


@pytest.mark.parametrize("name", PROFILES)
def test_signposts_are_exactly_the_services_the_tier_does_not_provide(name: str, builds: dict[str, Built]) -> None:
    """Every shared page is published once: signposted when the tier does not provide it, in full otherwise."""
    built = builds[name]
    signposts = expected_signposts(built.profile)
    excluded = {path for path, meta in SHARED.items()
                if f"lgsl:{lgsl_of(meta)}" in (built.profile.get("exclude") or ())}
    assert built.origins("signpost") == signposts, difference(signposts, built.origins("signpost"))
    full = set(SHARED) - signposts - excluded
    assert built.origins("inherited") == full, difference(full, built.origins("inherited"))
    assert {page["path"] for page in built.report["excluded"]} == excluded


def test_district_signposts_the_county_and_county_signposts_the_districts(builds: dict[str, Built]) -> None:
    """As the issue puts it: county services are signposts on the district site, and the reverse."""
    county_only = pages_provided_only_by("county", "district")
    district_only = pages_provided_only_by("district", "county")
    district, county = builds["district"], builds["county"]
    assert district.origins("signpost") == county_only, difference(county_only, district.origins("signpost"))
    assert county.origins("signpost") == district_only, difference(district_only, county.origins("signpost"))
    both = district.origins("inherited") & county.origins("inherited")
    assert both == set(SHARED) - county_only - district_only
    assert builds["unitary"].origins("signpost") == set()
    assert builds["unitary"].origins("inherited") == set(SHARED)


def test_the_build_publishes_what_the_engine_assembles(builds: dict[str, Built], county_build: Built) -> None:
    """The engine tier above speaks for the real build: both give the county the same pages."""
    assembled = builds["county"].report
    assert {key: county_build.report[key] for key in assembled} == assembled


@pytest.mark.parametrize("name", BUILT_SITES)
def test_signposts_and_full_pages_as_built(name: str, county_build: Built, example: Built) -> None:
    """In the HTML, a signpost is the short page linking to the provider; a full page is not a signpost."""
    built = built_site(name, county_build, example)
    provider = FINDER_URL if built.profile["tier"] == "county" else built.profile["county"]["url"]
    assert built.site is not None
    wrong: list[str] = []
    for path in SHARED:
        url = url_of(path)
        if not html_file(built.site, url).is_file():
            assert path not in built.origins("signpost") | built.origins("inherited"), f"{url} was not built"
            continue
        page = article(built.site, url)
        if path in built.origins("signpost"):
            if page.signpost_links != [provider]:
                wrong.append(f"{url}: signpost links {page.signpost_links}, expected [{provider}]")
            elif set(page.links) != {provider}:
                wrong.append(f"{url}: a signpost with more than the provider's link: {page.links}")
        elif page.signpost_links is not None:
            wrong.append(f"{url}: is a signpost, but the council provides it")
    assert wrong == []


def test_services_overrides_flip_one_page_each_way(builds: dict[str, Built]) -> None:
    """`services.provides` turns a signpost into a full page; `does_not_provide` does the reverse; an excluded
    service is neither."""
    plain, overridden = builds["district"], builds["district-overrides"]
    provided = {path for path, meta in SHARED.items() if lgsl_of(meta) == PROVIDES}
    handed_over = {path for path, meta in SHARED.items() if lgsl_of(meta) == DOES_NOT_PROVIDE}
    excluded = {path for path, meta in SHARED.items() if lgsl_of(meta) == EXCLUDED}
    assert provided and handed_over and excluded
    assert plain.origins("signpost") - overridden.origins("signpost") == provided | excluded
    assert overridden.origins("signpost") - plain.origins("signpost") == handed_over
    assert provided <= overridden.origins("inherited") and not excluded & set(overridden.report["pages"])
    assert overridden.assembled is not None
    for path in excluded:
        assert path not in overridden.assembled.pages


# --- 2. listings are exact ---------------------------------------------------------------------------------------

ASSEMBLED_SITES = ["district", "county", "unitary"]


def expected_landing_pages(built: Built) -> dict[str, set[str]]:
    """Top-level category -> URLs of the published pages its landing page must list."""
    listed: dict[str, set[str]] = {}
    for path, meta in built.published_meta().items():
        if str(meta.get("type", "page")) in NOT_ON_LANDING_PAGES:
            continue
        top = top_category(path, meta)
        if top is not None:
            listed.setdefault(top, set()).add(url_of(path))
    return listed


def assembled(built: Built) -> Site:
    assert built.assembled is not None
    return built.assembled


@pytest.mark.parametrize("name", ASSEMBLED_SITES)
def test_each_category_listing_holds_exactly_its_published_pages(name: str, builds: dict[str, Built]) -> None:
    """A landing page lists every published page of its category once, and nothing excluded or from elsewhere."""
    built = builds[name]
    site = assembled(built)
    expected = expected_landing_pages(built)
    landing = {path.split("/", 1)[0] for path in built.origins("generated")
               if path.endswith("/index.md") and site.pages[path].type == "category"}
    assert landing == set(expected), difference(expected, landing)
    assert set(expected) <= {category.id for category in MODEL.top_level}
    excluded = {page["path"] for page in built.report["excluded"]}
    for category, urls in expected.items():
        paths = [path for group in site.listings[category].groups.values() for path in group]
        listed = [url_of(path) for path in paths]
        assert len(listed) == len(set(listed)), f"{category}/ lists a page twice: {sorted(listed)}"
        assert set(listed) == urls, f"{category}/: {difference(urls, listed)}"
        assert not set(paths) & excluded
        assert all(path in site.pages for path in paths)


@pytest.mark.parametrize("name", ASSEMBLED_SITES)
def test_a_to_z_holds_exactly_the_published_service_pages(name: str, builds: dict[str, Built]) -> None:
    """The A to Z lists every published service, guide and step-by-step page, signposts included, and other
    pages about an LGSL service: once each under their title, and once under each term they name."""
    built = builds[name]
    site = assembled(built)
    expected = expected_a_to_z(built)
    listed = [entry.path for entries in a_to_z_entries(site.pages, site.listed_in).values() for entry in entries]
    assert {path: listed.count(path) for path in listed} == expected, difference(expected, listed)
    assert not set(listed) & {page["path"] for page in built.report["excluded"]}
    assert all(path in site.pages for path in listed)


@pytest.mark.parametrize("name", BUILT_SITES)
def test_each_category_page_lists_exactly_its_published_pages(name: str, county_build: Built, example: Built) -> None:
    """As built: a landing page lists every published page of its category once, and nothing excluded."""
    built = built_site(name, county_build, example)
    assert built.site is not None
    expected = expected_landing_pages(built)
    landing = {path.split("/", 1)[0] for path in built.origins("generated")
               if path.endswith("/index.md") and page_type(built.site, url_of(path)) == "category"}
    assert landing == set(expected), difference(expected, landing)
    assert set(expected) <= {category.id for category in MODEL.top_level}
    excluded = {url_of(page["path"]) for page in built.report["excluded"]}
    # A category page written for a category one level down is linked from its group's heading.
    below = {}
    for path, meta in built.published_meta().items():
        category = MODEL.categories.get(str(meta.get("category")))
        if meta.get("type") == "category" and category is not None and category.parent in expected:
            below.setdefault(category.parent, set()).add(url_of(path))
    for category, pages in expected.items():
        urls = pages | below.get(category, set())
        listed = listed_urls(built.site, f"{category}/")
        assert len(listed) == len(set(listed)), f"{category}/ lists a page twice: {sorted(listed)}"
        assert set(listed) == urls, f"{category}/: {difference(urls, listed)}"
        assert not set(listed) & excluded
        assert all(html_file(built.site, url).is_file() for url in listed)


@pytest.mark.parametrize("name", BUILT_SITES)
def test_a_to_z_lists_exactly_the_published_service_pages(name: str, county_build: Built, example: Built) -> None:
    """As built: the A to Z lists every service, guide and step-by-step page and every other page about an LGSL
    service, signposts included, once under its title and once under each term it names."""
    built = built_site(name, county_build, example)
    assert built.site is not None
    expected = {url_of(path): count for path, count in expected_a_to_z(built).items()}
    listed = listed_urls(built.site, "a-to-z/")
    assert {url: listed.count(url) for url in listed} == expected, difference(expected, listed)
    assert not set(listed) & {url_of(page["path"]) for page in built.report["excluded"]}
    assert all(html_file(built.site, url).is_file() for url in listed)


def test_link_reader_sees_only_the_article(tmp_path: Path) -> None:
    """The listing checks are only as good as the link reader: it must skip breadcrumbs and in-page anchors,
    resolve relative links, find a signpost's links, and refuse links that leave the site."""
    page = tmp_path / "housing" / "index.html"
    page.parent.mkdir()
    page.write_text(
        "<nav><a href=../elsewhere/>Breadcrumb</a></nav><article><a href=#letter-a>A</a>"
        "<ul><li><a href=apply-for-housing/>Apply</a></li><li><a href=../council-tax/pay/>Pay</a></li></ul>"
        "<div class=lg-signpost><p><a href=https://county.example/>County</a></p></div></article>",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="links outside the site"):
        listed_urls(tmp_path, "housing/")
    page.write_text(page.read_text().replace("https://county.example/", "../x/"), encoding="utf-8")
    assert listed_urls(tmp_path, "housing/") == ["housing/apply-for-housing/", "council-tax/pay/", "x/"]
    assert article(tmp_path, "housing/").signpost_links == ["../x/"]


# --- 3. bad input: a category or service the architecture does not know ------------------------------------------

PAGE = """\
---
title: Join the library
description: Join the library for free.
type: service
category: {category}
lgsl: {lgsl}
owner: Libraries team
last_reviewed: 2026-11-20
review_by: 2099-05-20
---
Join at any library.
"""


@pytest.mark.parametrize(
    ("where", "category", "lgsl", "line", "problem", "nearest"),
    [
        pytest.param("docs", "libaries", 438, 5, "'category' is 'libaries', which is not a known category",
                     r"Did you mean libraries\?", id="local-page-category"),
        pytest.param("docs", "libraries", 4380, 6, "'lgsl' is 4380, which is not a known LGSL service number",
                     r"Nearest known: \d+ \(", id="local-page-lgsl"),
        pytest.param("shared", "libraries", 4380, 6, "'lgsl' is 4380, which is not a known LGSL service number",
                     r"Nearest known: \d+ \(", id="shared-page-lgsl"),
        # Libraries are a county service, so a district signposts this page;
        # its unknown category must still stop the build.
        pytest.param("shared", "libaries", 438, 5, "'category' is 'libaries', which is not a known category",
                     r"Did you mean libraries\?", id="signposted-shared-page-category"),
    ],
)
def test_unknown_category_or_service_stops_the_build(
    tmp_path: Path, where: str, category: str, lgsl: int, line: int, problem: str, nearest: str
) -> None:
    """On a council's own page or a shared one: one line, naming the file and the nearest names the architecture
    knows (test_schema.py checks the wording of the hints themselves)."""
    extra = tmp_path / "extra"
    project = make_project(tmp_path / "council", shared=[str(FIXTURES / "shared-basic"), str(extra)])
    file = Path("leisure-and-culture/join-the-library.md")
    if where == "docs":
        extra.mkdir()
        written = project.write(f"docs/{file}", PAGE.format(category=category, lgsl=lgsl))
        shown = f"docs/{file}"
    else:
        written = extra / file
        written.parent.mkdir(parents=True)
        written.write_text(PAGE.format(category=category, lgsl=lgsl), encoding="utf-8")
        shown = str(written)
    found = engine_fails_with_one(project)
    assert found.startswith(f"error: {shown}:{line}: {problem}"), found
    assert re.search(nearest, found), found
    suggested = re.findall(r"(\d+) \(", found.partition("Nearest known:")[2])
    assert all(int(number) in MODEL.services for number in suggested), found


def test_an_unknown_category_stops_the_real_build(tmp_path: Path) -> None:
    """The real build prints the engine's one line, and writes no site."""
    project = make_project(tmp_path / "council")
    project.write("docs/leisure-and-culture/join-the-library.md", PAGE.format(category="libaries", lgsl=438))
    line = fails_with_one(project)
    assert line.startswith("error: docs/leisure-and-culture/join-the-library.md:5: 'category' is 'libaries', "
                           "which is not a known category"), line
    assert line == engine_fails_with_one(project)
    assert not project.site.exists()
