"""Shared fixtures: small council projects, in two tiers.

The engine tier assembles a project's site in-process, without MkDocs
(`Project.assemble`, `engine_passes`, `engine_fails`): fast, and where most
cases about which pages a site has, and what is wrong with them, belong. The
build tier runs the real `lgsite build` (`Project.build`, `passes`, `fails`)
for what only a build shows: the HTML, the command line, files on disk.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from PIL import Image

from lgsite.engine import Settings, open_project
from lgsite.errors import LgsiteError
from lgsite.site import Site
from lgsite.sources import BUNDLED

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

    def settings(self) -> Settings:
        """The engine's settings, read from this project's mkdocs.yml as the plugin reads them."""
        mkdocs = yaml.safe_load((self.root / "mkdocs.yml").read_text(encoding="utf-8"))
        plugins = [item for item in mkdocs.get("plugins", []) if isinstance(item, dict) and "lgsite" in item]
        options = (plugins[0]["lgsite"] if plugins else None) or {}
        base = self.root.resolve()
        return Settings(
            base=base,
            docs_dir=base / mkdocs.get("docs_dir", "docs"),
            council=options.get("council", "council.yml"),
            shared=tuple(options.get("shared", [BUNDLED])),
            site_url=mkdocs.get("site_url") or "",
            host=options.get("host", "other"),
        )

    def assemble(self) -> Site:
        """The engine tier: this project's site assembled in-process, without MkDocs, with its problems.

        Raises LgsiteError for a problem that stops everything at once (council.yml, the sources).
        """
        return open_project(self.settings()).assemble()


def git(*args: str, cwd: Path, stdin: str | None = None) -> str:
    """Git as the tests drive it: a fixed author and default branch, whatever the machine's config."""
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, check=True, capture_output=True, text=True, input=stdin,
    ).stdout.strip()


@pytest.fixture
def isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither the host's git config nor a calling git's repository may leak in."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)


def shared_source(root: Path, pages: dict[str, str]) -> Path:
    """A shared source in a folder: `pages` (path -> Markdown) under root/pages."""
    for path, text in pages.items():
        file = root / "pages" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    return root


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


def build_example(folder: str, out: Path, *args: str) -> Path:
    result = subprocess.run(
        [str(LGSITE), "build", str(REPO / folder), "--site-dir", str(out), *args],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example council, built once for the whole test session."""
    return build_example("example-council", tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="session")
def example_cymru_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Welsh example council, in English and Welsh, built once with --strict: every page has its
    Welsh version and nothing to warn about."""
    return build_example("example-council-cymru", tmp_path_factory.mktemp("example-cymru") / "site", "--strict")


# A council of each kind, started with `lgsite new` from the register (see tests/test_new_council.py).
NEW_COUNCILS = {"district": "Mid Suffolk", "county": "Suffolk", "unitary": "Cornwall", "welsh": "Powys"}


@dataclass
class NewCouncil:
    """A project `lgsite new` wrote, built at once with `lgsite build`."""

    root: Path
    made: subprocess.CompletedProcess[str]  # lgsite new's output
    built: subprocess.CompletedProcess[str]  # lgsite build's output

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def site_url(self) -> str:
        return yaml.safe_load((self.root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


@pytest.fixture(scope="session")
def new_councils(tmp_path_factory: pytest.TempPathFactory) -> dict[str, NewCouncil]:
    """Each council of NEW_COUNCILS made by `lgsite new` and built, once for the whole session."""
    base = tmp_path_factory.mktemp("new-councils")
    made: dict[str, NewCouncil] = {}
    for kind, name in NEW_COUNCILS.items():
        new = subprocess.run([str(LGSITE), "new", name, kind], capture_output=True, text=True, timeout=300, cwd=base)
        assert new.returncode == 0, new.stderr
        built = subprocess.run([str(LGSITE), "build", kind], capture_output=True, text=True, timeout=600, cwd=base)
        assert built.returncode == 0, built.stderr[-3000:]
        made[kind] = NewCouncil(base / kind, new, built)
    return made


# Content as a council's old platform exported it (see tests/test_messy_council.py).
MESSY_COUNCIL = FIXTURES / "messy-council"


@dataclass
class MessyCouncil:
    """The messy council's project, copied with its multi-megabyte photos made, and built once."""

    root: Path
    built: subprocess.CompletedProcess[str]

    @property
    def site(self) -> Path:
        return self.root / "site"


def big_photos(images: Path) -> None:
    """Photos straight from a camera: megabytes each, too many pixels. Random pixels defeat compression,
    so they are made here rather than kept in git."""
    images.mkdir(parents=True, exist_ok=True)
    noise = random.Random(9)
    for name, size in (("sweeper.jpg", (3600, 2400)), ("litter-pick.png", (2600, 1600))):
        pixels = noise.randbytes(size[0] * size[1] * 3)
        Image.frombytes("RGB", size, pixels).save(images / name, quality=92)


@pytest.fixture(scope="session")
def messy_council(tmp_path_factory: pytest.TempPathFactory) -> MessyCouncil:
    """The messy council built by one normal `lgsite build`, once for the whole session."""
    root = tmp_path_factory.mktemp("messy") / "oldtown"
    shutil.copytree(MESSY_COUNCIL, root)
    big_photos(root / "docs/environment-and-waste/images")
    built = subprocess.run([str(LGSITE), "build", str(root)], capture_output=True, text=True, timeout=600)
    return MessyCouncil(root, built)


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


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """A failed command, as the person sees it: a non-zero exit and exactly one error line, no traceback."""
    lines = problems_of(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]


def lgsite(project: Project, *args: str, cwd: Path | None = None,
           timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """Run an `lgsite` command as a council would, from its folder (or `cwd`)."""
    return subprocess.run([str(LGSITE), *args], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd or project.root)


def passes(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """Build `project`, which must succeed."""
    result = project.build(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def problem_lines(site: Site) -> list[str]:
    """The site's problems as `lgsite build` prints them: one line each, grouped by file."""
    return site.problems.lines()


def engine_passes(project: Project, *, strict: bool = False) -> Site:
    """Assemble `project`, which must have no error (nor, when `strict`, a warning); its site."""
    site = project.assemble()
    wrong = site.problems.items if strict else site.problems.errors
    assert not wrong, "\n".join(problem_lines(site))
    return site


def engine_fails(project: Project, *, strict: bool = False) -> list[str]:
    """Assemble `project`, which must fail (as `lgsite build`, or `--strict` when `strict`, would);
    its problem lines, worded as the build prints them."""
    try:
        site = project.assemble()
    except LgsiteError as error:  # council.yml or a source: nothing else could be checked
        return [f"error: {' '.join(str(error).split())}"]
    assert site.problems.errors or (strict and site.problems.warnings), "the site assembled without a problem"
    return problem_lines(site)


def engine_fails_with_one(project: Project, *, strict: bool = False) -> str:
    """Assemble `project`, which must fail with exactly one problem; that line."""
    lines = engine_fails(project, strict=strict)
    assert len(lines) == 1, "\n".join(lines)
    return lines[0]
