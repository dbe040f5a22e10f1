"""`lgsite review`: the pages past their review date and due soon, by owner; the build's warning for each
published page past its date, and the build report's list."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path

import pytest

from conftest import LGSITE, Project, engine_passes, problem_lines
from lgsite.layers import Origin
from lgsite.report import build_report

AS_OF_3_DECEMBER_2026 = "1796299200"  # 2026-12-03 12:00 UTC
AS_OF_1_JANUARY_2100 = "4102444800"  # 2100-01-01 00:00 UTC, past every review date of the shared fixtures

# The test library: (file, owner, review_by). Due soon is up to 30 days ahead, 2 January 2027 included.
PAGES = [
    ("pages/waste/missed-bin.md", "Waste team", "2026-11-30"),  # overdue
    ("pages/waste/bulky-waste.md", "Waste team", "2026-12-20"),  # due soon
    ("pages/waste/recycling.md", "Waste team", "2027-06-01"),  # not due
    ("pages/tax/pay.md", "Council tax team", "2027-01-02"),  # due soon, the last day in the window
    ("pages/tax/discounts.md", "Council tax team", '"2026-12-02T00:00:00"'),  # overdue, as old systems write dates
    ("pages/tax/reduction.md", "Council tax team", "2027-01-03"),  # not due: one day past the window
    ("pages/parking/permits.md", "Parking team", "2026-12-03"),  # due today: due soon, not overdue
    ("pages/parking/fines.md", "Parking team", "2028-01-01"),  # not due
]


def write_library(root: Path) -> Path:
    for file, owner, review_by in PAGES:
        name = Path(file).stem.replace("-", " ").capitalize()
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {name}\ndescription: About {name.lower()}.\ncategory: rubbish-and-recycling\n"
                        f"owner: {owner}\nlast_reviewed: 2026-01-01\nreview_by: {review_by}\n---\n\nText.\n",
                        encoding="utf-8")
    return root


def review(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(LGSITE), "review", *args], capture_output=True, text=True, timeout=120, cwd=root,
                            env={**os.environ, "SOURCE_DATE_EPOCH": AS_OF_3_DECEMBER_2026})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")


def test_csv_lists_exactly_the_overdue_and_due_soon_pages_grouped_by_owner(library: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(review(library, "--format", "csv").stdout)))
    assert [(row["owner"], row["state"], row["review_by"], row["file"]) for row in rows] == [
        ("Council tax team", "overdue", "2026-12-02", "pages/tax/discounts.md"),
        ("Council tax team", "due soon", "2027-01-02", "pages/tax/pay.md"),
        ("Parking team", "due soon", "2026-12-03", "pages/parking/permits.md"),
        ("Waste team", "overdue", "2026-11-30", "pages/waste/missed-bin.md"),
        ("Waste team", "due soon", "2026-12-20", "pages/waste/bulky-waste.md"),
    ]
    assert rows[0]["title"] == "Discounts"


def test_days_sets_how_far_ahead_is_due_soon(library: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(review(library, "--format", "csv", "--days", "0").stdout)))
    assert [row["file"] for row in rows] == ["pages/tax/discounts.md", "pages/parking/permits.md",
                                             "pages/waste/missed-bin.md"]
    rows = list(csv.DictReader(io.StringIO(review(library, "--format", "csv", "--days", "365").stdout)))
    assert len(rows) == 7  # all but the page due in 2028


def test_markdown_is_a_task_list_per_owner(library: Path) -> None:
    text = review(library, "--format", "markdown").stdout
    assert text.splitlines() == [
        "# Pages due for review (3 December 2026)",
        "",
        "## Council tax team",
        "",
        "- [ ] `pages/tax/discounts.md`: Discounts (overdue, review by 2 December 2026)",
        "- [ ] `pages/tax/pay.md`: Pay (due soon, review by 2 January 2027)",
        "",
        "## Parking team",
        "",
        "- [ ] `pages/parking/permits.md`: Permits (due soon, review by 3 December 2026)",
        "",
        "## Waste team",
        "",
        "- [ ] `pages/waste/missed-bin.md`: Missed bin (overdue, review by 30 November 2026)",
        "- [ ] `pages/waste/bulky-waste.md`: Bulky waste (due soon, review by 20 December 2026)",
    ]


def test_the_terminal_table_names_each_owner_once(library: Path) -> None:
    lines = review(library).stdout.splitlines()
    assert lines[0].split() == ["owner", "state", "review", "by", "file", "title"]
    assert [line.split("  ")[0] for line in lines[1:]] == [
        "Council tax team", "", "Parking team", "Waste team", ""]
    assert "pages/waste/bulky-waste.md" in lines[5] and "due soon" in lines[5]


def test_nothing_due_says_so(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    assert review(tmp_path).stdout == "No page is past its review date or due in the next 30 days.\n"


def test_the_build_warns_about_each_published_page_past_its_date_and_reports_it(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AS_OF_3_DECEMBER_2026)
    project.write("docs/late.md", "---\ntitle: Late\ndescription: A page past its date.\nowner: Parks team\n"
                                  "last_reviewed: 2025-01-01\nreview_by: 2026-12-02\n---\n\nText.\n")
    project.write("docs/today.md", "---\ntitle: Today\ndescription: A page due today.\nowner: Parks team\n"
                                   "last_reviewed: 2025-01-01\nreview_by: 2026-12-03\n---\n\nText.\n")
    site = engine_passes(project)
    overdue = [line for line in problem_lines(site) if "due for review" in line]
    assert overdue == ["warning: docs/late.md:6: was due for review on 2 December 2026 (owner: Parks team). "
                       "Check the page is still right with its owner, then set last_reviewed and a new review_by."]
    report = build_report(site, open_sources(project))
    assert report["overdue_reviews"] == [
        {"file": "docs/late.md", "owner": "Parks team", "review_by": "2026-12-02", "title": "Late"}]


def open_sources(project: Project) -> list:
    from lgsite.engine import open_project

    return open_project(project.settings()).sources


def test_warn_overdue_leaves_out_pages_the_site_does_not_publish(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AS_OF_3_DECEMBER_2026)
    project.write("docs/alerts/old.md", "---\ntitle: Old alert\ndescription: Gone.\ntype: alert\nlevel: minor\n"
                                        "starts: 2026-01-01 09:00\nexpires: 2026-01-02\nowner: Parks team\n"
                                        "last_reviewed: 2026-01-01\nreview_by: 2026-01-02\n---\n\nText.\n")
    site = engine_passes(project)
    assert "alerts/old.md" not in site.pages
    assert not [line for line in problem_lines(site) if "due for review" in line]


def test_negative_days_is_one_line(library: Path) -> None:
    result = subprocess.run([str(LGSITE), "review", "--days", "-1"], capture_output=True, text=True, timeout=60,
                            cwd=library)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "error: --days is -1. Give a number of days from 0 up, such as --days 30.\n"


def test_csv_cells_from_pages_are_never_formulas(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "p.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: \"=HYPERLINK(\\\"https://evil.example\\\")\"\ndescription: A page.\n"
                    "owner: \"@team\"\nlast_reviewed: 2026-01-01\nreview_by: 2026-12-01\n---\n\nText.\n",
                    encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(review(tmp_path, "--format", "csv").stdout)))
    assert [(row["owner"], row["title"]) for row in rows] == [("'@team", "'=HYPERLINK(\"https://evil.example\")")]


def test_a_shared_page_past_its_date_is_reported_but_not_a_councils_warning(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its review is the library's: a warning would fail every inheriting council's --strict build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AS_OF_1_JANUARY_2100)
    site = engine_passes(project)
    assert not [line for line in problem_lines(site) if "due for review" in line]
    report = build_report(site, open_sources(project))
    inherited = {path for path, page in site.pages.items() if page.provenance.origin is Origin.INHERITED}
    assert {entry["file"] for entry in report["overdue_reviews"]} == {
        site.pages[path].provenance.file for path in inherited if site.pages[path].data.get("review_by")}
    assert report["overdue_reviews"]
