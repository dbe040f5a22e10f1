"""Git sources, pinning and drift, through the real `lgsite` commands."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, lgsite, make_project, problems_of

GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd, env=GIT_ENV, check=True, capture_output=True, text=True,
    ).stdout.strip()


@pytest.fixture
def upstream(tmp_path: Path) -> tuple[Path, Path]:
    """A bare shared repository and a working clone of it, holding the basic shared pages."""
    remote = tmp_path / "shared.git"
    git("init", "--bare", "-b", "main", str(remote), cwd=tmp_path)
    work = tmp_path / "work"
    git("clone", str(remote), str(work), cwd=tmp_path)
    shutil.copytree(FIXTURES / "shared-basic" / "pages", work / "pages")
    git("add", ".", cwd=work)
    git("commit", "-m", "first", cwd=work)
    git("tag", "v1", cwd=work)
    git("push", "origin", "main", "v1", cwd=work)
    return remote, work


def change_upstream(work: Path, text: str) -> str:
    page = work / "pages/environment-and-waste/report-a-missed-bin.md"
    page.write_text(page.read_text().replace("We collect it within 3 working days.", text))
    git("commit", "-am", "change", cwd=work)
    git("push", "origin", "main", cwd=work)
    return git("rev-parse", "HEAD", cwd=work)


def test_git_source_is_pinned_updated_and_works_offline(tmp_path: Path, upstream: tuple[Path, Path]) -> None:
    remote, work = upstream
    first = git("rev-parse", "HEAD", cwd=work)
    project = make_project(tmp_path / "council", shared=[f"git+{remote}@main"])
    assert project.build().returncode == 0
    lock = yaml.safe_load((project.root / "lgsite.lock").read_text())
    assert lock["sources"]["shared"] == {"url": str(remote), "ref": "main", "commit": first}
    assert "within 3 working days" in project.page("environment-and-waste/report-a-missed-bin")

    second = change_upstream(work, "We collect it the next day.")
    assert project.build().returncode == 0  # still pinned to the first commit
    assert "within 3 working days" in project.page("environment-and-waste/report-a-missed-bin")

    update = lgsite(project, "update")
    assert update.returncode == 0, update.stderr
    assert f"shared: {first[:12]} -> {second[:12]}, 1 files changed" in update.stdout
    assert "pages/environment-and-waste/report-a-missed-bin.md" in update.stdout
    assert project.build().returncode == 0
    assert "We collect it the next day." in project.page("environment-and-waste/report-a-missed-bin")

    shutil.rmtree(remote)  # offline: the cache alone rebuilds the pinned commit
    shutil.rmtree(project.site)
    offline = project.build()
    assert offline.returncode == 0, offline.stderr
    assert "We collect it the next day." in project.page("environment-and-waste/report-a-missed-bin")


@pytest.mark.parametrize("ref_kind", ["tag", "commit", "short-commit"])
def test_git_source_by_tag_and_commit(tmp_path: Path, upstream: tuple[Path, Path], ref_kind: str) -> None:
    remote, work = upstream
    first = git("rev-parse", "HEAD", cwd=work)
    change_upstream(work, "Changed later.")
    ref = {"tag": "v1", "commit": first, "short-commit": first[:10]}[ref_kind]
    project = make_project(tmp_path / "council", shared=[f"git+{remote}@{ref}"])
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert "within 3 working days" in project.page("environment-and-waste/report-a-missed-bin")


def test_unknown_ref_and_unreachable_repository(tmp_path: Path, upstream: tuple[Path, Path]) -> None:
    remote, _ = upstream
    project = make_project(tmp_path / "council", shared=[f"git+{remote}@v2"])
    result = project.build()
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"error: mkdocs.yml: ref 'v2' not found in {remote}")
    project = make_project(tmp_path / "other", shared=[f"git+{tmp_path / 'missing.git'}@main"])
    result = project.build()
    assert result.returncode == 1
    assert f"cannot reach {tmp_path / 'missing.git'} and the cache has no copy of 'main'" in result.stderr
    assert len(problems_of(result)) == 1


def test_drift_is_reported_shown_and_accepted(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shutil.copytree(FIXTURES / "shared-basic", shared)
    project = make_project(tmp_path / "council", shared=[str(shared)])
    project.write("docs/environment-and-waste/report-a-missed-bin.md", """
        ---
        override: sections
        ---
        ## What happens next

        Testbury collects it the same day.
        """)
    assert project.build().returncode == 0
    assert lgsite(project, "drift").returncode == 0

    page = shared / "pages/environment-and-waste/report-a-missed-bin.md"
    page.write_text(page.read_text().replace("within 3 working days", "within 5 working days"))
    warned = project.build()
    assert warned.returncode == 0
    assert ("environment-and-waste/report-a-missed-bin.md: the shared section 'what-happens-next' "
            "that this page overrides changed upstream") in warned.stderr
    assert project.build("--strict").returncode == 1

    listed = lgsite(project, "drift")
    assert listed.returncode == 1
    assert "1 overridden page(s) or section(s) drifted" in listed.stdout
    shown = lgsite(project, "diff", "environment-and-waste/report-a-missed-bin.md")
    assert "-We collect it within 3 working days." in shown.stdout
    assert "+We collect it within 5 working days." in shown.stdout

    accepted = lgsite(project, "accept", "environment-and-waste/report-a-missed-bin.md")
    assert accepted.returncode == 0, accepted.stderr
    assert lgsite(project, "drift").returncode == 0
    assert project.build("--strict").returncode == 0


def test_whole_page_override_drift(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shutil.copytree(FIXTURES / "shared-basic", shared)
    project = make_project(tmp_path / "council", shared=[str(shared)])
    project.write("docs/environment-and-waste/recycling.md", "---\ntitle: Ours\ndescription: D.\n---\nOur own rules.\n")
    assert project.build().returncode == 0
    page = shared / "pages/environment-and-waste/recycling.md"
    page.write_text(page.read_text() + "\nNew advice.\n")
    listed = lgsite(project, "drift")
    assert "environment-and-waste/recycling.md: the shared page that this page overrides changed upstream" in listed.stdout
