"""`lgsite library impact` on real git repositories: a shared library, and councils built from it.

The councils record their overrides with a real `lgsite drift` before the change, and are checked
with `lgsite drift` again after it lands: the impact report must say beforehand exactly what drift
says afterwards, for the council that overrides the changed section and for no other.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, LGSITE, Project, git, make_project, problems_of

BIN = "environment-and-waste/report-a-missed-bin.md"
RECYCLING = "environment-and-waste/recycling.md"
LIBRARY_FOLDER = "library"
SECTION_OVERRIDE = """\
---
override: sections
---
## If you cannot report online

Call Anytown's bin line on 01234 567890.
"""
WHOLE_OVERRIDE = """\
---
title: What goes in your recycling bin
description: Find out what you can put in your recycling bin.
type: page
category: rubbish-and-recycling
owner: Waste team
last_reviewed: 2026-11-20
review_by: 2099-05-20
---
Put cans, bottles and paper in your blue bin.
"""


# Neither the host's git config nor a calling git's repository may leak into the repositories made here.
pytestmark = pytest.mark.usefixtures("isolated_git")


@dataclass
class Library:
    """A shared library's repository, as a content designer has it checked out."""

    root: Path

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.root / "pages" / path
        text = file.read_text(encoding="utf-8")
        assert old in text
        file.write_text(text.replace(old, new), encoding="utf-8")

    def commit(self, message: str = "change") -> str:
        git("add", "-A", cwd=self.root)
        git("commit", "-q", "-m", message, cwd=self.root)
        return git("rev-parse", "HEAD", cwd=self.root)

    def impact(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(LGSITE), "library", "impact", *args], capture_output=True, text=True,
                              cwd=cwd or self.root, timeout=300)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    root = tmp_path / LIBRARY_FOLDER
    shutil.copytree(FIXTURES / "shared-basic", root)
    git("init", "-q", cwd=root)
    lib = Library(root)
    lib.commit("first pages")
    return lib


def drift_of(council: Project) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LGSITE), "drift", str(council.root)], capture_output=True, text=True, timeout=300)


@pytest.fixture
def councils(tmp_path: Path, library: Library) -> dict[str, Project]:
    """Two councils on the library: one overrides a section of the bin page, the other the whole
    recycling page. Each has recorded its overrides in lgsite.lock with a real `lgsite drift`."""
    made = {}
    for name, path, text in (("sections", BIN, SECTION_OVERRIDE), ("whole", RECYCLING, WHOLE_OVERRIDE)):
        council = make_project(tmp_path / name, shared=[str(library.root)])
        council.write(f"docs/{path}", text)
        result = drift_of(council)
        assert result.returncode == 0, result.stdout + result.stderr
        assert (council.root / "lgsite.lock").is_file()
        made[name] = council
    (tmp_path / "councils.txt").write_text("# the councils on this library\nsections\n\nwhole  # a whole page\n",
                                           encoding="utf-8")
    return made


def report(result: subprocess.CompletedProcess[str]) -> dict:
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def drift_by_council(data: dict) -> dict[str, list[str]]:
    return {item["council"]: [d["message"] for d in item["drift"]] for item in data["councils"]}


def test_a_changed_section_drifts_only_the_council_that_overrides_it(library: Library, councils: dict[str, Project],
                                                                     tmp_path: Path) -> None:
    start = git("rev-parse", "HEAD", cwd=library.root)
    library.edit(BIN, "Call {{ council.name }}", "Phone {{ council.name }}")
    end = library.commit("say phone")
    data = report(library.impact("--from", start, "--to", end, "--councils", str(tmp_path / "councils.txt"),
                                 "--format", "json"))
    assert data["pages"] == [{"path": BIN, "change": "changed", "front_matter": False,
                              "sections": [{"id": "if-you-cannot-report-online", "change": "changed"}]}]
    expected = f"{BIN}: the shared section 'if-you-cannot-report-online' that this page overrides changed upstream"
    assert drift_by_council(data) == {"sections": [expected], "whole": []}

    # Once the change has landed, lgsite drift says just that, for that council alone.
    after = drift_of(councils["sections"])
    assert after.returncode == 1
    assert after.stdout.splitlines()[0] == expected
    assert drift_of(councils["whole"]).returncode == 0


def test_a_section_nobody_overrides_drifts_no_one(library: Library, councils: dict[str, Project],
                                                  tmp_path: Path) -> None:
    library.edit(BIN, "We collect it within 3 working days.", "We collect it within 2 working days.")
    library.commit("quicker")
    data = report(library.impact("--from", "HEAD~1", "--to", "HEAD", "--councils", str(tmp_path / "councils.txt"),
                                 "--format", "json"))
    assert data["pages"][0]["sections"] == [{"id": "what-happens-next", "change": "changed"}]
    assert drift_by_council(data) == {"sections": [], "whole": []}
    assert drift_of(councils["sections"]).returncode == 0


def test_added_and_removed_pages_and_a_removed_override(library: Library, councils: dict[str, Project],
                                                        tmp_path: Path) -> None:
    (library.root / "pages" / RECYCLING).unlink()
    new = library.root / "pages" / "environment-and-waste" / "garden-waste.md"
    new.write_text((library.root / "pages" / BIN).read_text(encoding="utf-8"), encoding="utf-8")
    # Not committed: by default the working tree is compared with where HEAD left main (HEAD, on main).
    data = report(library.impact("--councils", str(tmp_path / "councils.txt"), "--format", "json"))
    assert [(page["path"], page["change"]) for page in data["pages"]] == [
        ("environment-and-waste/garden-waste.md", "added"), (RECYCLING, "removed")]
    assert data["to"] == "working tree"
    assert drift_by_council(data) == {
        "sections": [], "whole": [f"{RECYCLING}: the shared page that this page overrides was removed or renamed upstream"]}


def test_text_and_markdown_reports(library: Library, councils: dict[str, Project], tmp_path: Path) -> None:
    library.edit(BIN, "## If you cannot report online", "## If you cannot report it online")
    library.commit("rename a section")
    councils_file = str(tmp_path / "councils.txt")
    text = library.impact("--from", "HEAD~1", "--to", "HEAD", "--councils", councils_file)
    assert text.returncode == 0, text.stderr
    assert f"  changed  {BIN}: section 'if-you-cannot-report-online' removed; section 'if-you-cannot-report-it-online' added" \
        in text.stdout.splitlines()
    assert "sections: 1 override will drift" in text.stdout.splitlines()
    assert "whole: no override will drift" in text.stdout.splitlines()
    markdown = library.impact("--from", "HEAD~1", "--to", "HEAD", "--councils", councils_file, "--format", "markdown")
    assert "1 of 2 councils have overrides that will drift." in markdown.stdout
    assert "### sections" in markdown.stdout
    assert "was removed or renamed upstream" in markdown.stdout


def phone_not_call(library: Library, councils: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The bin page's section that a council overrides changed in the last commit ("Call" became "Phone"),
    and the impact report of that commit for the councils `councils` lists."""
    library.edit(BIN, "Call {{ council.name }}", "Phone {{ council.name }}")
    library.commit()
    return library.impact("--from", "HEAD~1", "--to", "HEAD", "--councils", str(councils), *args)


def test_a_council_from_a_git_url(library: Library, councils: dict[str, Project], tmp_path: Path) -> None:
    """A council's repository is cloned into a temporary folder and read like a folder."""
    council = councils["sections"].root
    git("init", "-q", cwd=council)
    git("add", "-A", cwd=council)
    git("commit", "-q", "-m", "site", cwd=council)
    (tmp_path / "remote.txt").write_text(f"file://{council}\n", encoding="utf-8")
    data = report(phone_not_call(library, tmp_path / "remote.txt", "--format", "json"))
    assert [len(item["drift"]) for item in data["councils"]] == [1]


def test_bad_input_is_reported_line_by_line_in_one_run(library: Library, councils: dict[str, Project],
                                                       tmp_path: Path) -> None:
    (tmp_path / "not-a-council").mkdir()
    listing = tmp_path / "bad.txt"
    listing.write_text("sections\nno such place\nnot-a-council\n", encoding="utf-8")
    result = library.impact("--from", "no-such-branch", "--councils", str(listing), cwd=library.root)
    assert result.returncode == 1
    lines = problems_of(result)
    assert lines[0] == ("error: --from 'no-such-branch' is not a commit in this repository. Give a branch, tag or "
                        "commit that exists here (git fetch first for origin/…).")
    assert lines[1].startswith(f"error: {listing}:2: 'no such place' is neither a folder nor a git URL. ")
    assert lines[2].startswith(f"error: {listing}:3: 'not-a-council' has no mkdocs.yml, so it is not a council's folder. ")
    assert len(lines) == 3
    assert "Traceback" not in result.stderr


def test_outside_a_repository_or_a_library(tmp_path: Path) -> None:
    result = subprocess.run([str(LGSITE), "library", "impact", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert problems_of(result) == [f"error: {tmp_path}: has no pages/ folder, so it is not a shared library. Run "
                                   "lgsite library impact in the library's folder, the one with pages/, or name it."]
    (tmp_path / "pages").mkdir()
    result = subprocess.run([str(LGSITE), "library", "impact", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert problems_of(result) == [f"error: {tmp_path}: is not in a git repository. Run lgsite library "
                                   "impact in the library's repository, the folder with pages/."]


def test_ci_template_runs_lint_sample_councils_and_impact() -> None:
    text = subprocess.run([str(LGSITE), "library", "ci"], capture_output=True, text=True, check=True).stdout
    workflow = yaml.safe_load(text)
    assert workflow["on"] == {"pull_request": None}
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert any(run.strip() == "lgsite lint pages" for run in runs)
    builds = next(run for run in runs if "lgsite library build" in run)
    assert builds.strip() == 'lgsite library build . --bundled --out "$RUNNER_TEMP/preview"'
    kept = next(step for step in workflow["jobs"]["check"]["steps"] if "upload-artifact" in step.get("uses", ""))
    assert kept["with"]["path"] == "${{ runner.temp }}/preview"
    impact = next(run for run in runs if "lgsite library impact" in run)
    assert '--from "origin/$BASE_REF" --to HEAD --format markdown' in impact


def test_an_override_the_lock_does_not_record_yet_counts_as_accepted_at_the_start(
        library: Library, councils: dict[str, Project], tmp_path: Path) -> None:
    """A council whose next build would record its override: the change still drifts it."""
    (councils["sections"].root / "lgsite.lock").unlink()
    data = report(phone_not_call(library, tmp_path / "councils.txt", "--format", "json"))
    assert [(d["page"], d["section"], d["kind"]) for d in data["councils"][0]["drift"]] == [
        (BIN, "if-you-cannot-report-online", "sections")]


def test_a_hostile_page_name_cannot_break_the_reports(library: Library) -> None:
    """A pull request names its own files: no terminal escape reaches the log, no | splits the table's row."""
    name = "bad|<img src=x>\x1b[31mred.md"
    (library.root / "pages" / name).write_text("Some text.\n", encoding="utf-8")
    library.commit()
    text = library.impact("--from", "HEAD~1", "--to", "HEAD")
    assert text.returncode == 0, text.stderr
    assert "\x1b" not in text.stdout
    assert "  added    bad|<img src=x>[31mred.md" in text.stdout.splitlines()
    markdown = library.impact("--from", "HEAD~1", "--to", "HEAD", "--format", "markdown").stdout
    assert "| `bad\\|<img src=x>[31mred.md` | added | — |" in markdown.splitlines()


def test_a_council_repository_that_cannot_be_read_is_one_line_and_the_others_are_still_reported(
        library: Library, councils: dict[str, Project], tmp_path: Path) -> None:
    listing = tmp_path / "some-gone.txt"
    listing.write_text(f"file://{tmp_path}/gone.git\nsections\n", encoding="utf-8")
    result = phone_not_call(library, listing)
    assert result.returncode == 1
    assert "sections: 1 override will drift" in result.stdout.splitlines()
    [line] = problems_of(result)
    assert line.startswith(f"error: {listing}:1: cannot read the council's repository file://{tmp_path}/gone.git. "
                           "Check the address, and that this machine may read the repository (git said: ")


def test_a_repository_that_is_not_a_council(library: Library, councils: dict[str, Project], tmp_path: Path) -> None:
    other = tmp_path / "not-a-council-repo"
    other.mkdir()
    (other / "README.md").write_text("Not a council.\n", encoding="utf-8")
    git("init", "-q", cwd=other)
    git("add", "-A", cwd=other)
    git("commit", "-q", "-m", "readme", cwd=other)
    listing = tmp_path / "other.txt"
    listing.write_text(f"file://{other}\n", encoding="utf-8")
    result = phone_not_call(library, listing)
    assert result.returncode == 1
    assert problems_of(result) == [f"error: {listing}:1: file://{other} has no mkdocs.yml, so it is not a council's "
                                   "repository. List the repository that holds the council's mkdocs.yml."]


def test_the_ci_templates_sample_councils_build_from_the_library(tmp_path: Path) -> None:
    """The workflow's own script, run as the runner would: each sample council must build with the
    library's pages, or the job would pass without checking them."""
    text = subprocess.run([str(LGSITE), "library", "ci"], capture_output=True, text=True, check=True).stdout
    steps = yaml.safe_load(text)["jobs"]["check"]["steps"]
    script = next(step["run"] for step in steps if "lgsite library build" in step.get("run", ""))
    library = tmp_path / "library"
    shutil.copytree(FIXTURES / "shared-basic", library)
    env = {"PATH": f"{LGSITE.parent}:/usr/bin:/bin", "RUNNER_TEMP": str(tmp_path), "GITHUB_WORKSPACE": str(library)}
    result = subprocess.run(["bash", "-e", "-c", script], capture_output=True, text=True, env=env, timeout=600,
                            cwd=library)
    assert result.returncode == 0, result.stdout + result.stderr
    councils = [folder for folder in (tmp_path / "preview").iterdir() if (folder / "lgsite-report.json").is_file()]
    assert len(councils) == 6
    for council in councils:
        report = json.loads((council / "lgsite-report.json").read_text(encoding="utf-8"))
        assert [source["name"] for source in report["sources"]] == ["bundled", str(library / "pages")]
        page = council / "environment-and-waste" / "recycling" / "index.html"  # the library's own page
        assert "Rinse cans and bottles" in page.read_text(encoding="utf-8")
