"""Redirects from the old site: redirects.csv checked against the pages the site will have, and
written in the form each host reads (`_redirects`, Azure routes, or a page at the old address)."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from conftest import Project, fails, passes, problem_lines
from test_headers import with_host

from lgsite.engine import open_project
from lgsite.site import Site

RECYCLING = "/environment-and-waste/recycling/"
MISSED_BIN = "/environment-and-waste/report-a-missed-bin/"
LIBRARY = "/leisure-and-culture/find-a-library/"

# Shaped like a real export from an old council CMS: a header, Excel's byte order mark, full old
# addresses with spaces and capitals, .aspx pages, a query string, trailing empty cells.
OLD_SITE = (
    "\ufeffOld address,New address,,\r\n"
    "/bins.aspx,/environment-and-waste/recycling/,,\r\n"
    "https://www.testbury.gov.uk/Library Services/Find a library.aspx,/leisure-and-culture/find-a-library\r\n"
    "/article.aspx?id=123&cat=7,/environment-and-waste/report-a-missed-bin/\r\n"
    "/news/old-story.html,https://www.gov.uk/browse/housing?from=testbury&x=1\r\n"
)


def assemble(project: Project, host: str = "other", site_url: str | None = None) -> Site:
    """The engine tier for a host the plain project settings do not name."""
    settings = dataclasses.replace(project.settings(), host=host)
    if site_url is not None:
        settings = dataclasses.replace(settings, site_url=site_url)
    return open_project(settings).assemble()


def errors_of(site: Site) -> list[str]:
    return [line for line in problem_lines(site) if line.startswith("error:")]


def with_site_url(project: Project, site_url: str) -> Project:
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    (project.root / "mkdocs.yml").write_text(re.sub(r"site_url: .*", f"site_url: {site_url}", text), encoding="utf-8")
    return project


@pytest.fixture
def old_site(project: Project) -> Project:
    project.write("redirects.csv", OLD_SITE)
    return project


# ---------------------------------------------------------------- each host's output


@pytest.mark.parametrize("host", ["netlify", "cloudflare", "gitlab-pages"])
def test_hosts_with_rules_get_a_redirects_file(old_site: Project, host: str) -> None:
    passes(with_host(old_site, host))
    rules = (old_site.site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert rules == [
        f"/bins.aspx {RECYCLING} 301",
        f"/Library%20Services/Find%20a%20library.aspx {LIBRARY} 301",  # the target made exact
        "/news/old-story.html https://www.gov.uk/browse/housing?from=testbury&x=1 301",
    ]  # the query-string address is not a rule: no host rule matches a query string
    assert not (old_site.site / "bins.aspx").exists()


@pytest.mark.parametrize("host", ["github-pages", "s3", "other"])
def test_hosts_without_rules_get_a_page_at_each_old_address(old_site: Project, host: str) -> None:
    passes(with_host(old_site, host))
    assert not (old_site.site / "_redirects").exists()
    stub = (old_site.site / "bins.aspx" / "index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url={RECYCLING}">' in stub
    assert f'<link rel="canonical" href="https://www.testbury.example{RECYCLING}">' in stub
    assert f'This page has moved to <a href="{RECYCLING}">' in stub
    assert '<html lang="en">' in stub and "<title>This page has moved - Testbury District Council</title>" in stub
    assert '<meta name="robots" content="noindex">' in stub
    # The site's security policy holds: the page has it, and no inline code it would block.
    assert 'http-equiv="Content-Security-Policy"' in stub and not re.search(r"<script|<style|style=", stub)
    assert (old_site.site / "Library Services" / "Find a library.aspx" / "index.html").is_file()
    # An old .html address is that very file; the new address is escaped in the HTML.
    moved = (old_site.site / "news" / "old-story.html").read_text(encoding="utf-8")
    assert 'href="https://www.gov.uk/browse/housing?from=testbury&amp;x=1"' in moved


def test_azure_gets_routes_beside_the_councils_own(old_site: Project) -> None:
    with_host(old_site, "azure")
    old_site.write("docs/staticwebapp.config.json", json.dumps(
        {"routes": [{"route": "/login", "redirect": "/.auth/login/aad"}], "mimeTypes": {".ics": "text/calendar"}}))
    passes(old_site)
    config = json.loads((old_site.site / "staticwebapp.config.json").read_text(encoding="utf-8"))
    assert config["routes"][0] == {"route": "/login", "redirect": "/.auth/login/aad"}  # the council's first
    assert {"route": "/bins.aspx", "redirect": RECYCLING, "statusCode": 301} in config["routes"]
    assert len(config["routes"]) == 4
    assert config["mimeTypes"] == {".ics": "text/calendar"}
    assert config["responseOverrides"]["404"] == {"rewrite": "/404.html"}  # for the query-string lookup
    assert "Content-Security-Policy" in config["globalHeaders"]  # the security headers still added


def test_query_string_addresses_are_found_by_the_not_found_page(old_site: Project) -> None:
    passes(old_site)
    lookup = json.loads((old_site.site / "redirects.json").read_text(encoding="utf-8"))
    assert lookup == {"/article.aspx?id=123&cat=7": MISSED_BIN}  # only the rows with a query string
    not_found = (old_site.site / "404.html").read_text(encoding="utf-8")
    assert re.search(r"<script[^>]*data-map=/redirects.json[^>]*src=/assets/javascripts/redirects.js", not_found)
    assert (old_site.site / "assets" / "javascripts" / "redirects.js").is_file()
    assert not (old_site.site / "article.aspx").exists()
    # Without JavaScript the page still offers the way on.
    assert "home page</a>" in not_found and 'action=/search.html' in not_found


def test_without_redirects_the_not_found_page_loads_no_script(project: Project) -> None:
    passes(project)
    assert "redirects.js" not in (project.site / "404.html").read_text(encoding="utf-8")
    assert not (project.site / "redirects.json").exists()


def test_under_a_path_every_address_names_it(old_site: Project) -> None:
    site_url = "https://example.gitlab.io/testbury/"
    passes(with_host(with_site_url(old_site, site_url), "gitlab-pages"))
    # GitLab Pages wants a project site's rules to start with its path.
    assert (old_site.site / "_redirects").read_text(encoding="utf-8").splitlines()[0] == \
        f"/testbury/bins.aspx /testbury{RECYCLING} 301"
    lookup = json.loads((old_site.site / "redirects.json").read_text(encoding="utf-8"))
    assert lookup == {"/testbury/article.aspx?id=123&cat=7": f"/testbury{MISSED_BIN}"}
    passes(with_host(old_site, "github-pages"))
    stub = (old_site.site / "bins.aspx" / "index.html").read_text(encoding="utf-8")
    assert f'content="0; url=/testbury{RECYCLING}"' in stub
    assert f'rel="canonical" href="{site_url}{RECYCLING.lstrip("/")}"' in stub


def test_a_full_address_of_the_new_site_is_a_page_of_it(project: Project) -> None:
    project.write("redirects.csv", f"/bins.aspx,https://www.testbury.example{RECYCLING}\n"
                                   "/missing.aspx,https://www.testbury.example/no-such-page/\n")
    assert errors_of(project.assemble()) == [
        "error: redirects.csv:2: the new address /no-such-page/ is not a page of the new site. "
        "Use the address the page has on the new site, such as /council-tax/."]


# ---------------------------------------------------------------- checks


def test_a_missing_target_names_a_close_page(project: Project) -> None:
    project.write("redirects.csv", "/bins.aspx,/environment-and-waste/recyling/\n")
    assert errors_of(project.assemble()) == [
        "error: redirects.csv:1: the new address /environment-and-waste/recyling/ is not a page of the new site. "
        f"Did you mean {RECYCLING}?"]


def test_a_chain_says_where_to_point_instead(project: Project) -> None:
    project.write("redirects.csv", f"/bins.aspx,/waste.aspx\n/waste.aspx,/recycling.aspx\n/recycling.aspx,{RECYCLING}\n")
    assert errors_of(project.assemble()) == [
        "error: redirects.csv:1: the new address /waste.aspx is itself an old address, redirected on line 2: "
        f"residents would be sent on twice. Point this row straight at {RECYCLING}.",
        "error: redirects.csv:2: the new address /recycling.aspx is itself an old address, redirected on line 3: "
        f"residents would be sent on twice. Point this row straight at {RECYCLING}.",
    ]


def test_a_loop_is_an_error(project: Project) -> None:
    project.write("redirects.csv", "/a.aspx,/b.aspx\n/b.aspx,/a.aspx/\n")
    assert errors_of(project.assemble()) == [
        "error: redirects.csv:1: the redirect from /a.aspx goes round in a loop (lines 1, 2). "
        "Point each old address straight at the page that replaces it.",
        "error: redirects.csv:2: the redirect from /b.aspx goes round in a loop (lines 2, 1). "
        "Point each old address straight at the page that replaces it.",
    ]


def test_an_old_address_a_page_has_now_is_an_error(project: Project) -> None:
    project.write("redirects.csv", f"/environment-and-waste/recycling,/\n/search.html,{RECYCLING}\n")
    assert errors_of(project.assemble()) == [
        "error: redirects.csv:1: the old address /environment-and-waste/recycling is where the new site publishes "
        "environment-and-waste/recycling/index.html, which would hide it or be hidden by it. "
        "Remove the row: the new site answers there already.",
        "error: redirects.csv:2: the old address /search.html is where the new site publishes search.html, "
        "which would hide it or be hidden by it. Remove the row: the new site answers there already.",
    ]


def test_a_repeated_old_address_is_an_error(project: Project) -> None:
    project.write("redirects.csv", f"/bins.aspx,{RECYCLING}\n/bins.aspx/,{MISSED_BIN}\n"
                                   f"/bins.aspx?id=1,{MISSED_BIN}\n")
    assert errors_of(project.assemble()) == [
        "error: redirects.csv:2: the old address /bins.aspx is already redirected on line 1. "
        "Keep one row for each old address.",
        "error: redirects.csv:3: the old address /bins.aspx is redirected on line 1 whatever its query string, "
        "so this row would never be used. Remove one of the two rows.",
    ]


@pytest.mark.parametrize(("row", "problem"), [
    ("/bins.aspx", "has 1 cell. Each row is the old address, a comma, then the new one"),
    (f"/bins.aspx,{RECYCLING},/extra", "has 3 cells."),
    (f"bins.aspx,{RECYCLING}", "the old address 'bins.aspx' does not start with / or https://."),
    (f"/news/*,{RECYCLING}", "the old address '/news/*' has a wildcard (* or :name)"),
    (f"/../../etc/passwd,{RECYCLING}", "has a . or .. part"),
    ("/bins.aspx,javascript:alert(1)", "the new address 'javascript:alert(1)' is not a web page."),
    ("/bins.aspx,https://www.gov.uk/\"onmouseover=alert(1)", "contains a double quote."),
    ('"/bins.aspx,/environment-and-waste/', "cannot be read as CSV"),
])
def test_a_malformed_row_is_one_line_naming_it(project: Project, row: str, problem: str) -> None:
    project.write("redirects.csv", f"old,new\n/library.aspx,{LIBRARY}\n{row}\n")
    errors = errors_of(project.assemble())
    assert len(errors) == 1 and errors[0].startswith("error: redirects.csv:3: ") and problem in errors[0], errors


def test_cloudflare_takes_2000_redirects(project: Project) -> None:
    rows = "".join(f"/page{number}.aspx,{RECYCLING}\n" for number in range(2001))
    project.write("redirects.csv", "old,new\n" + rows)
    assert errors_of(assemble(project, "cloudflare")) == [
        "error: redirects.csv:2002: this is redirect 2,001 of 2,001 without a query string, and Cloudflare Pages "
        "takes at most 2,000 (it would ignore the rest). Remove old addresses nobody visits now (the old site's "
        "analytics show which), or publish on a host without this limit, such as Netlify."]
    site = assemble(project, "netlify")
    assert errors_of(site) == [] and len(site.outputs["_redirects"].splitlines()) == 2001
    project.write("redirects.csv", "old,new\n" + rows.rsplit("/page2000", 1)[0])
    assert errors_of(assemble(project, "cloudflare")) == []


def test_gitlab_pages_takes_1000_redirects(project: Project) -> None:
    project.write("redirects.csv", "".join(f"/page{number}.aspx,{RECYCLING}\n" for number in range(1001)))
    errors = errors_of(assemble(project, "gitlab-pages"))
    assert len(errors) == 1 and errors[0].startswith("error: redirects.csv:1001: this is redirect 1,001 of 1,001")
    assert "GitLab Pages takes at most 1,000 (it would ignore all)" in errors[0]


def test_a_councils_own_redirects_file_is_not_silently_replaced(project: Project) -> None:
    project.write("redirects.csv", f"/bins.aspx,{RECYCLING}\n")
    project.write("docs/_redirects", "/old /new 301\n")
    assert errors_of(assemble(project, "netlify")) == [
        "error: docs/_redirects: is the council's own _redirects, and redirects.csv has redirects lgsite writes "
        "there. Move its rules into redirects.csv, or remove redirects.csv to keep this file."]


def test_every_problem_in_one_run_and_nothing_written(project: Project) -> None:
    project.write("redirects.csv", "/a.aspx,/b.aspx\n/b.aspx,/a.aspx\n/c.aspx,/no-such-page/\n/d.aspx\n"
                                   f"/environment-and-waste/recycling/,/\n/e.aspx,{RECYCLING}\n/e.aspx,/\n")
    project.write("docs/broken.md", "---\ntitle: [unclosed\n---\nText.\n")
    lines = fails(project)
    assert [line.split(": ", 2)[1] for line in lines if "redirects.csv" in line] == [
        f"redirects.csv:{line}" for line in (1, 2, 3, 4, 5, 7)]
    assert any("docs/broken.md" in line for line in lines)  # the pages' problems in the same run
    assert not project.site.exists()


def test_azure_takes_what_fits_in_its_20_kb_configuration(project: Project) -> None:
    project.write("redirects.csv", "".join(f"/page{number}.aspx,{RECYCLING}\n" for number in range(200)))
    errors = errors_of(assemble(project, "azure"))
    assert len(errors) == 1 and errors[0].startswith("error: redirects.csv: makes a staticwebapp.config.json of about")
    assert "Azure Static Web Apps reads at most 20 KB" in errors[0]
    project.write("redirects.csv", "".join(f"/page{number}.aspx,{RECYCLING}\n" for number in range(100)))
    assert errors_of(assemble(project, "azure")) == []
