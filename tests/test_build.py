"""Real MkDocs builds of small council projects through the `lgsite` command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Project, engine_fails_with_one, make_project, passes, problems_of
from html_reader import parse


# <link> relations a browser fetches on its own; canonical, prev and next are only names.
FETCHING_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "manifest"}


def external_requests(site: Path) -> list[str]:
    """Every absolute URL a browser would fetch by itself from the built pages and stylesheets."""
    found: list[str] = []
    for page in site.rglob("*.html"):
        for element in parse(page.read_text(encoding="utf-8")).elements():
            ref = None
            if element.tag in ("script", "img", "iframe", "source", "audio", "video"):
                ref = element.get("src")
            elif element.tag == "link" and set((element.get("rel") or "").split()) & FETCHING_RELS:
                ref = element.get("href")
            if ref and re.match(r"^(https?:)?//", ref):
                found.append(f"{page.relative_to(site)}: <{element.tag}> {ref}")
    for sheet in site.rglob("*.css"):
        for match in re.findall(r"@import\s+['\"]((?:https?:)?//[^'\"]+)", sheet.read_text(encoding="utf-8")):
            found.append(f"{sheet.relative_to(site)}: @import {match}")
        for match in re.findall(r"url\(['\"]?((?:https?:)?//[^'\")]+)", sheet.read_text(encoding="utf-8")):
            found.append(f"{sheet.relative_to(site)}: url({match})")
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The test council as make_project writes it, built once for the tests that only read it."""
    project = make_project(tmp_path_factory.mktemp("build") / "council")
    passes(project)
    return project


def test_council_templates_override_material_on_its_base(built: Project) -> None:
    home = (built.site / "index.html").read_text(encoding="utf-8")
    # Council header and footer replace Material's...
    assert "class=lg-header" in home and "md-header" not in home
    assert "&copy; Testbury District Council" in home or "© Testbury District Council" in home
    assert "Crown copyright" not in home and "GOV.UK" not in home
    # ...while Material's base.html still frames the page and its stylesheet loads.
    assert "data-md-component=container" in home
    assert re.search(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", home)
    # No navigation sidebar in the page.
    assert "md-nav" not in home and "md-sidebar" not in home
    # The home page template lists top tasks.
    assert "Report a missed bin collection" in home


def test_built_pages_request_nothing_from_other_origins(built: Project) -> None:
    assert external_requests(built.site) == []
    assert not any("fonts.googleapis" in p.read_text(encoding="utf-8") for p in built.site.rglob("*.html"))


def test_external_reference_check_can_fail(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css">')
    (tmp_path / "a.css").write_text("@import url('https://cdn.example/x.css');")
    assert len(external_requests(tmp_path)) == 2


def test_variables_and_start_link_come_from_the_profile(built: Project) -> None:
    page = built.page("environment-and-waste/report-a-missed-bin")
    assert "Call Testbury District Council on 01632 960 111." in page
    assert 'href=https://forms.testbury.example/missed-bin' in page


def test_skip_link_and_breadcrumbs(built: Project) -> None:
    page = built.page("environment-and-waste/recycling")
    assert re.search(r"<a class=lg-skip href=#main-content>Skip to main content</a>", page)
    assert "id=main-content" in page
    assert 'aria-label=Breadcrumb' in page and ">Environment and waste</a>" in page


def test_html_is_minified(built: Project) -> None:
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert "\n    " not in home and "<!--" not in home


def test_failed_build_leaves_the_previous_site(project: Project) -> None:
    first = project.build()
    assert first.returncode == 0, first.stderr
    before = {p: p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    project.write("docs/broken.md", "---\ntitle: Broken\ndescription: D.\n---\nCall {{ council.fax }}.\n")
    second = project.build()
    assert second.returncode == 1
    assert "docs/broken.md:5: unknown variable '{{ council.fax }}'" in second.stderr
    after = {p: p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.root.glob(".site-*")), "the staging folder was left behind"


def test_profile_errors_are_one_line_without_traceback(project: Project) -> None:
    project.set_profile(raw="name: Testbury\ntier: parish\n")
    result = project.build()
    assert result.returncode == 1
    lines = problems_of(result)
    errors = [line for line in lines if line.startswith("error:")]
    assert errors == [
        "error: council.yml:1: council.yml needs 'brand'. Add it, for example brand: {colour: '#1d4f91'}.",
        "error: council.yml:1: council.yml needs 'contact'. Add it, for example contact: "
        "{phone: 01632 960 000, email: help@anytown.gov.uk, address: Town Hall, Anytown AN1 1AA}.",
        "error: council.yml:1: council.yml needs 'country'. Add it, for example country: england.",
        "error: council.yml:1: council.yml needs 'url'. Add it, for example url: https://www.anytown.gov.uk/.",
        "error: council.yml:2: 'tier' must be one of district, county, unitary, metropolitan, london-borough, "
        "not 'parish'",
    ]
    # Every council.yml mistake in one run, and the pages were still checked in it.
    assert any("report-a-missed-bin.md" in line for line in lines)
    assert "Traceback" not in result.stderr


def test_contrast_error_is_one_line(project: Project) -> None:
    profile = (project.root / "council.yml").read_text().replace("'#1d4f91'", "'#ffdd00'")
    project.set_profile(raw=profile)
    line = engine_fails_with_one(project)
    assert line.startswith("error: council.yml:") and "brand.colour '#ffdd00'" in line
    assert "Use a darker shade such as '#" in line


def test_missing_profile(project: Project) -> None:
    (project.root / "council.yml").unlink()
    result = project.build()
    assert result.returncode == 1
    assert result.stderr.strip() == "error: council.yml: file not found. Create it or correct the path."


def test_pages_store_nothing_in_the_browser(built: Project) -> None:
    """No cookie and no localStorage: Material's storage helpers are left out with its JavaScript."""
    for page in built.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "localStorage" not in html and "document.cookie" not in html, page
