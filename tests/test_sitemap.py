"""sitemap.xml and robots.txt through real builds: every published page once, dated by its review,
the same from one build to the next, and found under the site's own path."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from conftest import BASE_PROFILE, Project, make_project, passes

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
META = "owner: Test team\nlast_reviewed: 2026-10-01\nreview_by: 2099-05-20\n"


def sitemap(project: Project) -> dict[str, str | None]:
    root = ET.parse(project.site / "sitemap.xml").getroot()
    return {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
            for url in root.findall("s:url", NS)}


def set_site_url(project: Project, url: str) -> None:
    config = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = url
    (project.root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def built(project: Project, epoch: str) -> None:
    result = project.build(env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr


def council(tmp_path: Path) -> Project:
    project = make_project(tmp_path / "council",
                           profile={**BASE_PROFILE, "exclude": ["leisure-and-culture/find-a-library.md"]})
    project.write("docs/environment-and-waste/our-page.md",
                  f"---\ntitle: Our page\ndescription: Ours.\n{META}---\nText.\n")
    project.write("docs/environment-and-waste/no-date.md", "---\ntitle: No date\ndescription: Undated.\n---\nText.\n")
    project.write("docs/environment-and-waste/hidden.md",
                  "---\ntitle: Hidden\ndescription: Not for search.\nsearch: {exclude: true}\n---\nText.\n")
    return project


def test_sitemap_lists_published_pages_with_their_review_dates(tmp_path: Path) -> None:
    project = council(tmp_path)
    built(project, "1800000000")
    urls = sitemap(project)
    site = "https://www.testbury.example/"
    assert urls[site + "environment-and-waste/our-page/"] == "2026-10-01"
    assert urls[site + "environment-and-waste/report-a-missed-bin/"] == "2026-11-20"  # the shared page's review
    assert urls[site + "environment-and-waste/no-date/"] is None  # no date rather than a made-up one
    assert urls[site] is not None
    assert site + "leisure-and-culture/find-a-library/" not in urls  # excluded by council.yml
    assert site + "environment-and-waste/hidden/" not in urls  # kept out of search
    assert site + "404.html" not in urls and site + "search.html" not in urls
    assert len(urls) == len(set(urls))

    # Built again at another moment, the sitemap is the same file: no build dates in it.
    before = (project.site / "sitemap.xml").read_bytes()
    built(project, "1810000000")
    assert (project.site / "sitemap.xml").read_bytes() == before


def test_robots_points_at_the_sitemap_under_the_sites_path(tmp_path: Path) -> None:
    project = council(tmp_path)
    set_site_url(project, "https://example.github.io/testbury/")
    passes(project)
    robots = (project.site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.github.io/testbury/sitemap.xml\n" in robots
    assert "User-agent: *\nDisallow:\n" in robots
    assert all(url.startswith("https://example.github.io/testbury/") for url in sitemap(project))


def test_a_councils_own_robots_txt_wins(tmp_path: Path) -> None:
    project = council(tmp_path)
    project.write("docs/robots.txt", "User-agent: *\nDisallow: /\n")
    passes(project)
    assert (project.site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"


def test_a_council_page_without_a_date_takes_its_last_commit(tmp_path: Path) -> None:
    project = council(tmp_path)
    project.write("docs/environment-and-waste/no-date.md", "---\ntitle: No date\ndescription: Changed.\n---\nNew.\n")

    def commit(day: str) -> None:
        env = {**os.environ, "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00", "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00"}
        git = ["git", "-C", str(project.root), "-c", "user.name=Test", "-c", "user.email=test@example.com"]
        subprocess.run([*git, "add", "-A"], check=True, env=env)
        subprocess.run([*git, "commit", "-qm", day], check=True, env=env)

    subprocess.run(["git", "init", "-q", str(project.root)], check=True)
    commit("2025-01-02")
    project.write("docs/environment-and-waste/no-date.md", "---\ntitle: No date\ndescription: Again.\n---\nNewer.\n")
    commit("2025-03-04")
    passes(project)
    urls = sitemap(project)
    site = "https://www.testbury.example/"
    assert urls[site + "environment-and-waste/no-date/"] == "2025-03-04"  # its own last change
    assert urls[site + "environment-and-waste/our-page/"] == "2026-10-01"  # a review date says more
    assert urls[site + "a-to-z/"] is None  # generated: no file, no date
