"""Security headers through real builds: a Content-Security-Policy made from the inline code the
pages really contain, written in the form the plugin's `host:` reads, and one line for a wrong host."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import BASE_PROFILE, Project, fails, make_project, passes

from lgsite.errors import LgsiteError
from lgsite.hosts import Host
from lgsite.security_headers import protect

META = "owner: Test team\nlast_reviewed: 2026-11-20\nreview_by: 2099-05-20\n"
YOUTUBE = "https://www.youtube-nocookie.com"


def with_host(project: Project, host: str) -> Project:
    config = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "lgsite" in plugin:
            plugin["lgsite"]["host"] = host
    (project.root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


# Written apart from lgsite's reader: inline code is the text between the tags, and only scripts
# a browser runs (no src, no data type such as JSON-LD) count.
SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.S | re.I)
STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)


def inline_hashes(site: Path) -> tuple[set[str], set[str]]:
    scripts, styles = set(), set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for attributes, code in SCRIPT.findall(text):
            if "src=" not in attributes and "application/" not in attributes:
                scripts.add(sha256(code))
        styles.update(sha256(code) for code in STYLE.findall(text))
    return scripts, styles


def headers_of(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "/*"
    return dict(line.strip().split(": ", 1) for line in lines[1:])


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.fixture(scope="module")
def netlify(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = with_host(make_project(tmp_path_factory.mktemp("netlify") / "council",
                                     profile={**BASE_PROFILE, "embeds": [YOUTUBE]}), "netlify")
    # A council's own page with its own inline code: a script, a style="" and an onclick, and a form
    # that sends to its online services.
    project.write("docs/environment-and-waste/our-html.md", f"""
        ---
        title: Our HTML
        description: Our own HTML.
        {META}
        ---
        <div class="lg-callout" style="border: 2px solid" onclick="track()">Our own box.</div>

        <script>window.ourOwn = 1;</script>

        <form action="https://forms.testbury.example/bins"><button>Search bins</button></form>
        """.replace("\n        ", "\n").lstrip())
    passes(project)
    return project


def test_headers_file_allows_exactly_the_inline_code_the_pages_contain(netlify: Project) -> None:
    headers = headers_of(netlify.site)
    policy = directives(headers["Content-Security-Policy"])
    scripts, styles = inline_hashes(netlify.site)
    assert sha256("window.ourOwn = 1;") in scripts
    assert {source for source in policy["script-src"] if source.startswith("'sha256-")} == scripts | {sha256("track()")}
    written = re.search(r'style="([^"]*)"', netlify.page("environment-and-waste/our-html"))[1]  # as minified
    assert {source for source in policy["style-src"] if source.startswith("'sha256-")} == styles | {sha256(written)}
    # The page's attributes need 'unsafe-hashes'; nothing is allowed inline wholesale.
    assert "'unsafe-hashes'" in policy["script-src"] and "'unsafe-hashes'" in policy["style-src"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["frame-src"] == [YOUTUBE]
    assert policy["form-action"] == ["'self'", "https://forms.testbury.example"]
    assert policy["object-src"] == ["'none'"]


def test_headers_file_sets_the_other_security_headers(netlify: Project) -> None:
    headers = headers_of(netlify.site)
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    # With the headers on the host, pages carry no second copy of the policy.
    assert "Content-Security-Policy" not in netlify.page("")


def test_every_page_shares_one_set_of_theme_scripts(netlify: Project) -> None:
    """The theme's inline code is the same on every page: only the council's own page adds to it."""
    others = [page for page in netlify.site.rglob("*.html") if "our-html" not in page.parts]
    per_page = {frozenset(sha256(code) for attributes, code in SCRIPT.findall(page.read_text(encoding="utf-8"))
                          if "src=" not in attributes and "application/" not in attributes)
                for page in others}
    assert len(per_page) == 1


@pytest.mark.parametrize("host", ["github-pages", "other"])
def test_hosts_without_headers_get_the_policy_in_every_page(tmp_path: Path, host: str) -> None:
    project = with_host(make_project(tmp_path / "council"), host)
    passes(project)
    assert not (project.site / "_headers").exists()
    scripts, styles = inline_hashes(project.site)
    pages = sorted(project.site.rglob("*.html"))
    assert any(page.name == "404.html" for page in pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        meta = re.search(r'<meta charset=[^>]*><meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
        assert meta, page  # first after the charset, before any script or style it governs
        policy = directives(meta[1])
        assert "frame-ancestors" not in policy  # ignored in <meta>, and Chrome says so in the console
        assert set(policy["script-src"]) == {"'self'"} | scripts
        assert set(policy["style-src"]) == {"'self'"} | styles


def test_azure_gets_global_headers_and_keeps_the_councils_own(tmp_path: Path) -> None:
    project = with_host(make_project(tmp_path / "council"), "azure")
    project.write("docs/staticwebapp.config.json", json.dumps(
        {"navigationFallback": {"rewrite": "/index.html"}, "globalHeaders": {"X-Frame-Options": "SAMEORIGIN"}}))
    passes(project)
    config = json.loads((project.site / "staticwebapp.config.json").read_text(encoding="utf-8"))
    assert config["navigationFallback"] == {"rewrite": "/index.html"}
    assert config["globalHeaders"]["X-Frame-Options"] == "SAMEORIGIN"
    assert "sha256-" in config["globalHeaders"]["Content-Security-Policy"]
    assert config["globalHeaders"]["X-Content-Type-Options"] == "nosniff"
    assert not (project.site / "_headers").exists()


def test_a_councils_own_headers_file_wins(tmp_path: Path) -> None:
    project = with_host(make_project(tmp_path / "council"), "cloudflare")
    project.write("docs/_headers", "/*\n  X-Robots-Tag: noindex\n")
    passes(project)
    assert (project.site / "_headers").read_text(encoding="utf-8") == "/*\n  X-Robots-Tag: noindex\n"


def test_an_unknown_host_is_one_line_beside_the_other_problems(tmp_path: Path) -> None:
    project = with_host(make_project(tmp_path / "council"), "heroku")
    project.write("docs/broken.md", "---\ntitle: Broken\n---\nNo description.\n")
    lines = fails(project)
    host = [line for line in lines if "host:" in line]
    assert len(host) == 1, lines
    assert re.match(r"error: mkdocs\.yml:\d+: host: 'heroku' is not a host lgsite knows\. ", host[0])
    for name in ("netlify", "cloudflare", "github-pages", "gitlab-pages", "s3", "azure", "other"):
        assert name in host[0]
    assert any("broken.md" in line for line in lines), lines  # the same run checked the pages too
    assert not project.site.exists()


def test_a_policy_too_long_for_cloudflare_stops_the_build(tmp_path: Path) -> None:
    """Cloudflare Pages ignores a _headers line over 2,000 characters: a site it would leave unprotected
    fails instead. Netlify has no such limit."""
    for number in range(40):
        page = tmp_path / f"page-{number}.html"
        page.write_text(f"<!doctype html><meta charset=utf-8><script>var page = {number};</script>", encoding="utf-8")
    with pytest.raises(LgsiteError, match="more than the 2000 cloudflare accepts"):
        protect(tmp_path, Host.CLOUDFLARE, [])
    assert not (tmp_path / "_headers").exists()
    written = protect(tmp_path, Host.NETLIFY, [])
    assert written.policy.count("'sha256-") == 40
