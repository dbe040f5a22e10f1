"""Shared fixtures: small council projects built for real with MkDocs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LGSITE = Path(sys.executable).with_name("lgsite")

BASE_PROFILE = {
    "name": "Testbury District Council",
    "tier": "district",
    "country": "england",
    "url": "https://www.testbury.example/",
    "contact": {
        "phone": "01632 960 111",
        "email": "help@testbury.example",
        "address": "Town Hall, Testbury TB1 1AA",
    },
    "brand": {"colour": "#1d4f91"},
    "county": {"name": "Exampleshire County Council", "url": "https://www.exampleshire.example/"},
    "links": {524: {"report": "https://forms.testbury.example/missed-bin"}},
}


def url_of(markdown_path: str) -> str:
    """The URL MkDocs gives a Markdown page (directory URLs), worked out apart from lgsite's own code."""
    if markdown_path == "index.md":
        return ""
    if markdown_path.endswith("/index.md"):
        return markdown_path[: -len("index.md")]
    return markdown_path[: -len(".md")] + "/"


@dataclass
class Project:
    """A council project on disk: mkdocs.yml, council.yml and docs/."""

    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def set_profile(self, profile: dict | None = None, raw: str | None = None) -> None:
        text = raw if raw is not None else yaml.safe_dump(profile, sort_keys=False)
        (self.root / "council.yml").write_text(text, encoding="utf-8")

    def build(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Run the real `lgsite build` command, as a council would; `env` adds to the environment
        (SOURCE_DATE_EPOCH to build as of a moment)."""
        return subprocess.run(
            [str(LGSITE), "build", str(self.root), *args],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, **env} if env else None,
        )

    def page(self, url_path: str) -> str:
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def make_project(root: Path, *, shared: list[str] | None = None, profile: dict | None = None) -> Project:
    project = Project(root)
    plugin: dict = {"lgsite": {"shared": shared if shared is not None else [str(FIXTURES / "shared-basic")]}}
    mkdocs = {
        "site_name": "Testbury District Council",
        "site_url": "https://www.testbury.example/",
        "theme": {"name": "council"},
        "plugins": [plugin, "search"],
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs, sort_keys=False), encoding="utf-8")
    project.set_profile(profile or BASE_PROFILE)
    (root / "docs").mkdir(exist_ok=True)
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "council")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example council, built once for the whole test session."""
    out = tmp_path_factory.mktemp("example") / "site"
    result = subprocess.run(
        [str(LGSITE), "build", str(REPO / "example-council"), "--site-dir", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return out


SUMMARY = re.compile(r"^error: the site was not built: \d+ errors? and \d+ warnings?( in \d+ files?)?$")


def problems_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The problem lines a failed build printed, without its closing summary line.

    Fails the test on a traceback or a missing summary: every failed build ends
    with one line counting its problems.
    """
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    if lines and SUMMARY.match(lines[-1]):
        return lines[:-1]
    return lines


def fails(project: Project, *args: str) -> list[str]:
    """Build `project`, which must fail; its problem lines."""
    return problems_of(project.build(*args))


def fails_with_one(project: Project, *args: str) -> str:
    """Build `project`, which must fail with exactly one problem; that line."""
    lines = fails(project, *args)
    assert len(lines) == 1, "\n".join(lines)
    return lines[0]


def passes(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """Build `project`, which must succeed."""
    result = project.build(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result
