"""Git shared sources against real repositories made with the git command line."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import git
from lgsite import gitsource
from lgsite.errors import LgsiteError
from lgsite.gitsource import GitCache, GitSpec, parse_git_spec


# Neither the host's git config nor a calling git's repository may leak into the repositories made here.
pytestmark = pytest.mark.usefixtures("isolated_git")


@dataclass
class Upstream:
    """A shared repository: a bare 'remote' and a work clone that pushes to it."""

    bare: Path
    work: Path

    def commit(self, files: dict[str, str | bytes | None], message: str = "change") -> str:
        for name, content in files.items():
            path = self.work / name
            if content is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        git("add", "-A", cwd=self.work)
        git("commit", "-q", "-m", message, cwd=self.work)
        git("push", "-q", "origin", "HEAD:main", cwd=self.work)
        return git("rev-parse", "HEAD", cwd=self.work)

    def tag(self, name: str) -> None:
        git("tag", name, cwd=self.work)
        git("push", "-q", "origin", name, cwd=self.work)


@pytest.fixture
def upstream(tmp_path: Path) -> Upstream:
    bare = tmp_path / "remote" / "shared.git"
    bare.mkdir(parents=True)
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    work = tmp_path / "work"
    git("clone", "-q", str(bare), str(work), cwd=tmp_path)
    return Upstream(bare, work)


@pytest.fixture
def history(upstream: Upstream) -> dict[str, str]:
    """v1 = c1; main moved on to c2."""
    c1 = upstream.commit({"pages/bins/index.md": "# Bins\n\nVersion one.\n", "pages/b.md": "# B\n"}, "one")
    upstream.tag("v1")
    c2 = upstream.commit({"pages/bins/index.md": "# Bins\n\nVersion two.\n"}, "two")
    return {"c1": c1, "c2": c2}


@pytest.fixture
def cache(tmp_path: Path) -> GitCache:
    return GitCache(tmp_path / "council" / ".lgsite" / "cache")


def spec_for(upstream: Upstream, ref: str) -> GitSpec:
    spec = parse_git_spec(f"git+{upstream.bare}@{ref}", file="mkdocs.yml")
    assert spec is not None
    return spec


def bins(checked: gitsource.CheckedOut) -> str:
    return (checked.path / "pages" / "bins" / "index.md").read_text(encoding="utf-8")


# Parsing ------------------------------------------------------------------------


def test_not_a_git_spec() -> None:
    assert parse_git_spec("bundled") is None
    assert parse_git_spec("../shared") is None


@pytest.mark.parametrize(
    ("text", "url", "ref"),
    [
        ("git+https://github.com/org/shared.git@v1", "https://github.com/org/shared.git", "v1"),
        ("git+https://user@git.example/org/shared.git@main", "https://user@git.example/org/shared.git", "main"),
        ("git+https://user@git.example/org/shared.git", "https://user@git.example/org/shared.git", "HEAD"),
        ("git+ssh://git@host.example:22/org/shared@release/2026", "ssh://git@host.example:22/org/shared", "release/2026"),
        ("git+git@github.com:org/shared.git@v2.1", "git@github.com:org/shared.git", "v2.1"),
        ("git+git@github.com:org/shared.git", "git@github.com:org/shared.git", "HEAD"),
        ("git+file:///srv/git/shared.git@0123abcd", "file:///srv/git/shared.git", "0123abcd"),
    ],
)
def test_parse_forms(text: str, url: str, ref: str) -> None:
    spec = parse_git_spec(text)
    assert spec is not None
    assert (spec.url, spec.ref, spec.remote) == (url, ref, url)
    assert spec.name == "shared"


def test_relative_path_is_relative_to_mkdocs_yml(tmp_path: Path) -> None:
    spec = parse_git_spec("git+../county/shared.git@v1", base=tmp_path / "council")
    assert spec is not None
    assert spec.url == "../county/shared.git"
    assert spec.remote == str(tmp_path / "county" / "shared.git")
    assert spec.cache_name.startswith("shared-")


@pytest.mark.parametrize("text", ["git+https://h.example/r.git@", "git+https://h.example/r.git@a..b",
                                  "git+https://h.example/r.git@-x", "git+@v1", "git+-u/x@v1"])
def test_bad_specs_are_one_line_errors(text: str) -> None:
    with pytest.raises(LgsiteError) as caught:
        parse_git_spec(text, file="mkdocs.yml")
    assert str(caught.value).startswith("mkdocs.yml: shared source")
    assert "\n" not in str(caught.value)


# Checking out -----------------------------------------------------------------------


def test_checkout_by_tag_branch_and_commit(upstream: Upstream, history: dict[str, str], cache: GitCache) -> None:
    by_tag = cache.checkout(spec_for(upstream, "v1"))
    assert by_tag.commit == history["c1"] and by_tag.fetched
    assert bins(by_tag) == "# Bins\n\nVersion one.\n"
    assert by_tag.path == cache.tree_dir(spec_for(upstream, "v1"), history["c1"])

    by_branch = cache.checkout(spec_for(upstream, "main"))
    assert by_branch.commit == history["c2"]
    assert bins(by_branch) == "# Bins\n\nVersion two.\n"

    assert cache.checkout(spec_for(upstream, history["c1"])).commit == history["c1"]
    assert cache.checkout(spec_for(upstream, history["c1"][:8])).commit == history["c1"]
    assert cache.checkout(spec_for(upstream, history["c1"][:8].upper())).commit == history["c1"]
    assert cache.checkout(spec_for(upstream, "HEAD")).commit == history["c2"]
    assert (cache.cache_dir / ".gitignore").read_text().splitlines()[-1] == "*"


def test_commit_on_no_branch_is_fetched_by_id(upstream: Upstream, history: dict[str, str], cache: GitCache) -> None:
    git("checkout", "-q", "--detach", cwd=upstream.work)
    (upstream.work / "pages" / "b.md").write_text("# Detached\n")
    git("commit", "-qam", "detached", cwd=upstream.work)
    detached = git("rev-parse", "HEAD", cwd=upstream.work)
    git("push", "-q", "origin", "HEAD:refs/hidden/x", cwd=upstream.work)  # on no branch or tag
    assert cache.checkout(spec_for(upstream, detached)).commit == detached


def test_pinned_commit_wins_over_a_moved_branch(upstream: Upstream, history: dict[str, str],
                                                cache: GitCache) -> None:
    checked = cache.checkout(spec_for(upstream, "main"), pinned=history["c1"])
    assert checked.commit == history["c1"]
    assert bins(checked) == "# Bins\n\nVersion one.\n"


def test_offline_rebuild_from_cache(upstream: Upstream, history: dict[str, str], cache: GitCache) -> None:
    spec = spec_for(upstream, "main")
    first = cache.checkout(spec)
    shutil.rmtree(first.path)  # so the pinned checkout must go to the bare cache, not the written tree
    upstream.bare.rename(upstream.bare.with_name("gone.git"))

    pinned = cache.checkout(spec, pinned=history["c2"])
    assert pinned.commit == history["c2"] and not pinned.fetched
    assert bins(pinned) == "# Bins\n\nVersion two.\n"

    tag = cache.checkout(spec_for(upstream, "v1"))  # a cached tag needs no network
    assert tag.commit == history["c1"] and not tag.offline

    branch = cache.checkout(spec)  # unpinned branch: tries to fetch, falls back to the cache
    assert branch.commit == history["c2"] and branch.offline
    with pytest.raises(LgsiteError, match="cannot reach"):
        cache.checkout(spec, offline_ok=False)


def test_written_tree_for_a_pin_costs_no_git_at_all(upstream: Upstream, history: dict[str, str],
                                                    cache: GitCache, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = spec_for(upstream, "main")
    cache.checkout(spec, pinned=history["c1"])

    def no_git(*args: object, **kwargs: object) -> None:
        raise AssertionError("git was run")

    monkeypatch.setattr(gitsource.subprocess, "run", no_git)
    monkeypatch.setattr(gitsource.subprocess, "Popen", no_git)
    assert cache.checkout(spec, pinned=history["c1"]).commit == history["c1"]


def test_files_are_byte_exact(upstream: Upstream, cache: GitCache) -> None:
    files: dict[str, str | bytes | None] = {
        ".gitattributes": "* text=auto eol=crlf\n*.md export-subst\n",
        "pages/crlf.md": b"# Windows\r\n\r\nLine\r\n",
        "pages/lf.md": "# Unix\n\n$Format:%H$\n",
        "pages/image.png": bytes(range(256)) * 4 + b"\0\r\n",
        "pages/sp ace/é.md": "# Accent\n",
    }
    # Commit the bytes exactly as given, whatever the attributes would do to a checkout.
    (upstream.work / ".git" / "info").mkdir(exist_ok=True)
    (upstream.work / ".git" / "info" / "attributes").write_text("* -text\n")
    (upstream.work / "tools").mkdir()
    (upstream.work / "tools" / "run.sh").write_text("#!/bin/sh\n")
    os.chmod(upstream.work / "tools" / "run.sh", 0o755)
    os.symlink("../pages/lf.md", upstream.work / "tools" / "link.md")
    commit = upstream.commit(files)

    checked = cache.checkout(spec_for(upstream, "main"))
    for name, content in files.items():
        expected = content if isinstance(content, bytes) else str(content).encode("utf-8")
        assert (checked.path / name).read_bytes() == expected, name
    assert os.readlink(checked.path / "tools" / "link.md") == "../pages/lf.md"
    assert cache.file_at(spec_for(upstream, "main"), commit, "tools/link.md") == "../pages/lf.md"
    assert os.access(checked.path / "tools" / "run.sh", os.X_OK)
    assert not os.access(checked.path / "pages" / "lf.md", os.X_OK)
    assert checked.commit == commit


def test_a_calling_gits_repository_does_not_leak_in(upstream: Upstream, history: dict[str, str],
                                                    cache: GitCache, monkeypatch: pytest.MonkeyPatch) -> None:
    """`lgsite build` run from a git hook inherits GIT_DIR and GIT_INDEX_FILE for the council's repo."""
    monkeypatch.setenv("GIT_DIR", str(upstream.work / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(upstream.work / ".git" / "index"))
    monkeypatch.setenv("GIT_WORK_TREE", str(upstream.work))
    assert bins(cache.checkout(spec_for(upstream, "v1"))) == "# Bins\n\nVersion one.\n"


def test_pin_survives_force_push_and_gc(upstream: Upstream, history: dict[str, str], cache: GitCache) -> None:
    spec = spec_for(upstream, "main")
    checked = cache.checkout(spec)
    assert checked.commit == history["c2"]
    git("push", "-q", "--force", "origin", f"{history['c1']}:main", cwd=upstream.work)
    assert cache.update(spec) == history["c1"]
    repo = cache.repo_dir(spec)
    git("--git-dir", str(repo), "reflog", "expire", "--expire=now", "--all", cwd=repo)
    git("--git-dir", str(repo), "gc", "-q", "--prune=now", cwd=repo)
    shutil.rmtree(checked.path)
    assert cache.checkout(spec, pinned=history["c2"]).commit == history["c2"]


# Errors ----------------------------------------------------------------------------------


def test_unknown_ref_names_the_nearest(upstream: Upstream, history: dict[str, str], cache: GitCache) -> None:
    with pytest.raises(LgsiteError) as caught:
        cache.checkout(spec_for(upstream, "v11"))
    text = str(caught.value)
    assert text.startswith(f"mkdocs.yml: ref 'v11' not found in {upstream.bare}")
    assert "Did you mean 'v1'?" in text and "\n" not in text

    with pytest.raises(LgsiteError) as caught:
        cache.checkout(spec_for(upstream, "zzzzzz-nothing"))
    assert "It has: main, v1." in str(caught.value)


def test_unreachable_repository_without_cache(tmp_path: Path, cache: GitCache) -> None:
    spec = parse_git_spec(f"git+{tmp_path / 'nowhere.git'}@v1", file="mkdocs.yml")
    assert spec is not None
    with pytest.raises(LgsiteError) as caught:
        cache.checkout(spec)
    text = str(caught.value)
    assert text.startswith(f"mkdocs.yml: cannot reach {tmp_path / 'nowhere.git'} and the cache has no copy of 'v1'")
    assert "git said:" in text and "\n" not in text and "Traceback" not in text


def test_unreachable_with_a_pin_not_in_cache(tmp_path: Path, cache: GitCache) -> None:
    spec = parse_git_spec(f"git+{tmp_path / 'nowhere.git'}@main", file="mkdocs.yml")
    assert spec is not None
    with pytest.raises(LgsiteError, match=r"cannot reach .* no copy of commit 0123456789ab pinned in lgsite.lock"):
        cache.checkout(spec, pinned="0123456789abcdef0123456789abcdef01234567")


def test_pin_missing_upstream_names_the_lock(upstream: Upstream, history: dict[str, str], cache: GitCache) -> None:
    with pytest.raises(LgsiteError) as caught:
        cache.checkout(spec_for(upstream, "main"), pinned="0" * 40, lock_file="council/lgsite.lock")
    assert str(caught.value).startswith("council/lgsite.lock: commit 000000000000 pinned for")
    assert "lgsite update" in str(caught.value)


def test_malformed_pin(upstream: Upstream, cache: GitCache) -> None:
    with pytest.raises(LgsiteError, match="not a full commit id"):
        cache.checkout(spec_for(upstream, "main"), pinned="abc")


def test_git_not_installed(upstream: Upstream, cache: GitCache, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(LgsiteError, match="cannot run git: it is not installed"):
        cache.checkout(spec_for(upstream, "main"))


# Updating --------------------------------------------------------------------------------


def test_update_moves_to_the_new_commit_and_lists_changes(upstream: Upstream, history: dict[str, str],
                                                          cache: GitCache) -> None:
    spec = spec_for(upstream, "main")
    assert cache.checkout(spec).commit == history["c2"]
    c3 = upstream.commit({"pages/bins/index.md": "# Bins\n\nVersion three.\n", "pages/b.md": None,
                          "pages/new.md": "# New\n"}, "three")
    assert cache.checkout(spec, pinned=history["c2"]).commit == history["c2"]  # the pin holds
    assert cache.update(spec) == c3
    assert cache.changed_paths(spec, history["c2"], c3) == ["pages/b.md", "pages/bins/index.md", "pages/new.md"]
    assert bins(cache.checkout(spec, pinned=c3)) == "# Bins\n\nVersion three.\n"
    assert cache.prune(spec, {c3}) == [history["c2"]]
    assert bins(cache.checkout(spec, pinned=history["c2"])) == "# Bins\n\nVersion two.\n"  # written again
    upstream.tag("v2")
    assert cache.update(spec_for(upstream, "v2")) == c3
    assert cache.tags(spec)[:2] == ["v2", "v1"]


def test_update_needs_the_network(upstream: Upstream, history: dict[str, str], cache: GitCache) -> None:
    spec = spec_for(upstream, "main")
    cache.checkout(spec)
    shutil.rmtree(upstream.bare)
    with pytest.raises(LgsiteError, match="cannot reach .*: lgsite update needs to reach it"):
        cache.update(spec)


def test_file_at_an_older_commit(upstream: Upstream, history: dict[str, str], cache: GitCache) -> None:
    spec = spec_for(upstream, "main")
    cache.checkout(spec)  # only c2's files are written out; c1 comes from the bare cache
    assert cache.file_at(spec, history["c1"], "pages/bins/index.md") == "# Bins\n\nVersion one.\n"
    assert cache.file_at(spec, history["c2"], "pages/bins/index.md") == "# Bins\n\nVersion two.\n"
    assert cache.file_at(spec, history["c1"], "pages/none.md") is None
    assert cache.file_at(spec, history["c2"], "pages/none.md") is None
