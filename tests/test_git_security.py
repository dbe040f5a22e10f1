"""Git shared sources are untrusted input: what a hostile or broken repository cannot do.

Each test reproduces a defect of issue P7 with a real repository made with the
git command line (hostile trees with `git mktree`), and shows it now fails safe:
nothing written outside the cache and site, nothing published that should not
be, and one line with a non-zero exit.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, git, lgsite, make_project, one_error_line
from lgsite import gitsource
from lgsite.errors import LgsiteError
from lgsite.gitsource import GitCache, GitSpec, parse_git_spec

SECRET = "s3cr3t-T0KEN"
MISSED_BIN = "environment-and-waste/report-a-missed-bin"


@pytest.fixture(autouse=True)
def git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git config of the test's own, for the tests and for the `lgsite` they run."""
    config = tmp_path / "gitconfig"
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)
    return config


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    """A shared repository's working clone, holding the basic shared pages; its remote is `remote()`."""
    bare = tmp_path / "shared.git"
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    work = tmp_path / "work"
    git("clone", "-q", str(bare), str(work), cwd=tmp_path)
    shutil.copytree(FIXTURES / "shared-basic" / "pages", work / "pages")
    commit(work, "first")
    return work


def remote(work: Path) -> Path:
    return work.parent / "shared.git"


def commit(work: Path, message: str = "change") -> str:
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", message, cwd=work)
    git("push", "-q", "origin", "HEAD:main", cwd=work)
    return git("rev-parse", "HEAD", cwd=work)


def push_tree(work: Path, entries: list[tuple[str, str, str, str]]) -> str:
    """Push a commit whose root tree is exactly `entries` (mode, kind, id, name), as `git mktree` takes them."""
    listing = "".join(f"{mode} {kind} {sha}\t{name}\n" for mode, kind, sha, name in entries)
    tree = git("mktree", cwd=work, stdin=listing)
    new = git("commit-tree", tree, "-p", "HEAD", "-m", "hostile", cwd=work)
    git("push", "-q", "--force", "origin", f"{new}:refs/heads/main", cwd=work)
    return new


def blob(work: Path, data: str) -> str:
    return git("hash-object", "-w", "--stdin", cwd=work, stdin=data)


def spec_of(work: Path, ref: str = "main") -> GitSpec:
    spec = parse_git_spec(f"git+{remote(work)}@{ref}", file="mkdocs.yml")
    assert spec is not None
    return spec


def everything_under(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


# 1. Writing a commit's files never follows a link -------------------------------------------


def test_link_and_folder_of_one_name_write_nothing_outside(tmp_path: Path, upstream: Path) -> None:
    """Issue P7 defect 1: `evil -> site-packages` plus a folder `evil/` holding a .pth file."""
    site_packages = tmp_path / "site-packages"
    site_packages.mkdir()
    link = blob(upstream, str(site_packages))
    payload = git("mktree", cwd=upstream, stdin=f"100644 blob {blob(upstream, 'import os')}\tlgsite-pwned.pth\n")
    pages = git("rev-parse", "HEAD:pages", cwd=upstream)
    push_tree(upstream, [("040000", "tree", pages, "pages"), ("120000", "blob", link, "evil"),
                         ("040000", "tree", payload, "evil")])
    project = make_project(tmp_path / "council", shared=[f"git+{remote(upstream)}@main"])

    line = one_error_line(project.build())
    assert "holds 'evil/lgsite-pwned.pth' inside 'evil', which is a link or file" in line
    assert everything_under(site_packages) == []
    assert not project.site.exists()


@pytest.mark.parametrize("shape", ["file then folder", "same name twice", "deep link"])
def test_clashing_names_are_refused_before_anything_is_written(tmp_path: Path, upstream: Path, shape: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    text = blob(upstream, "# Page\n")
    inner = git("mktree", cwd=upstream, stdin=f"100644 blob {text}\tx.md\n")
    entries = {
        "file then folder": [("100644", "blob", text, "a"), ("040000", "tree", inner, "a")],
        "same name twice": [("100644", "blob", text, "a"), ("100644", "blob", blob(upstream, "other"), "a")],
        "deep link": [("040000", "tree", git("mktree", cwd=upstream, stdin=(
            f"120000 blob {blob(upstream, str(outside))}\tb\n040000 tree {inner}\tb\n")), "a")],
    }[shape]
    new = push_tree(upstream, entries)
    cache = GitCache(tmp_path / "cache")
    with pytest.raises(LgsiteError, match="which a checkout never makes; lgsite will not write it"):
        cache.checkout(spec_of(upstream))
    assert everything_under(outside) == []
    assert not cache.tree_dir(spec_of(upstream), new).exists()


def test_writing_never_goes_through_a_link_even_if_the_checks_missed_it(tmp_path: Path, upstream: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The last line of defence (a case-insensitive disk could make `Evil` and `evil` one name)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    payload = git("mktree", cwd=upstream, stdin=f"100644 blob {blob(upstream, 'x')}\tx.pth\n")
    push_tree(upstream, [("120000", "blob", blob(upstream, str(outside)), "evil"), ("040000", "tree", payload, "evil")])
    monkeypatch.setattr(gitsource, "_check_names", lambda *args: None)
    with pytest.raises(LgsiteError, match="holds 'evil/x.pth' where a link or another file already is"):
        GitCache(tmp_path / "cache").checkout(spec_of(upstream))
    assert everything_under(outside) == []


# 2. A source's pages stay inside it ----------------------------------------------------------


@pytest.fixture
def private(tmp_path: Path) -> Path:
    """A folder of the build machine that must never be published."""
    folder = tmp_path / "home" / ".ssh"
    folder.mkdir(parents=True)
    (folder / "id_rsa").write_text("PRIVATE KEY\n")
    (folder / "notes.md").write_text("---\ntitle: Private\ndescription: Private.\n---\nPRIVATE KEY\n")
    return folder


def test_git_pages_link_to_a_machine_folder_is_refused(tmp_path: Path, upstream: Path, private: Path) -> None:
    """Issue P7 defect 2: `pages -> ~/.ssh` published id_rsa and exited 0."""
    shutil.rmtree(upstream / "pages")
    (upstream / "pages").symlink_to(private)
    commit(upstream, "pages is a link")
    project = make_project(tmp_path / "council", shared=[f"git+{remote(upstream)}@main"])

    line = one_error_line(project.build())
    assert line == (f"error: mkdocs.yml: shared source 'git+{remote(upstream)}@main' has a pages folder that is a "
                    "link to a folder outside it. Put the pages in the source itself; lgsite publishes nothing "
                    "from outside a shared source.")
    assert not project.site.exists()


def test_local_pages_link_to_a_machine_folder_is_refused(tmp_path: Path, private: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "pages").symlink_to(private)
    project = make_project(tmp_path / "council", shared=[str(shared)])
    assert "has a pages folder that is a link to a folder outside it" in one_error_line(project.build())


def test_pages_link_within_the_source_is_fine(tmp_path: Path, upstream: Path) -> None:
    (upstream / "pages").rename(upstream / "content")
    (upstream / "pages").symlink_to("content")
    commit(upstream, "pages is a link inside")
    project = make_project(tmp_path / "council", shared=[f"git+{remote(upstream)}@main"])
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert "within 3 working days" in project.page(MISSED_BIN)


def test_a_page_linking_out_of_a_git_source_is_refused(tmp_path: Path, upstream: Path, private: Path) -> None:
    (upstream / "pages" / "leak.md").symlink_to(private / "notes.md")
    commit(upstream, "a page that is a link")
    project = make_project(tmp_path / "council", shared=[f"git+{remote(upstream)}@main"])
    line = one_error_line(project.build())
    assert line.endswith("/pages/leak.md: is a link to a file outside its source folder. "
                         "Copy the file into the folder instead of linking to it.")
    assert line.startswith("error: shared:shared/pages/leak.md:")  # named by its source, not the cache path
    assert not project.site.exists()


# 3. Size limits, checked before a blob is read ---------------------------------------------------


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path, upstream: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (upstream / "pages" / "big.pdf").write_bytes(b"x" * (3 * 1024 * 1024 + 100_000))
    new = commit(upstream)
    cache = GitCache(tmp_path / "cache")
    monkeypatch.setattr(gitsource, "MAX_FILE_BYTES", 2 * 1024 * 1024)

    def no_blob_reads(*args: object, **kwargs: object) -> None:
        raise AssertionError("a blob was read")

    monkeypatch.setattr(gitsource, "_read_blob", no_blob_reads)
    with pytest.raises(LgsiteError) as caught:
        cache.checkout(spec_of(upstream))
    assert str(caught.value) == (
        f"mkdocs.yml: 'pages/big.pdf' in commit {new[:12]} of {remote(upstream)} is 3.1 MB, over the 2 MB "
        "limit for one file of a shared source. Keep large files out of the shared repository, or pin a commit without them.")
    assert not cache.tree_dir(spec_of(upstream), new).exists()


def test_a_tree_over_the_total_limit_is_refused(tmp_path: Path, upstream: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(5):
        (upstream / "pages" / f"file{number}.pdf").write_bytes(bytes([number]) * 1024 * 1024)
    new = commit(upstream)
    monkeypatch.setattr(gitsource, "MAX_TREE_BYTES", 4 * 1024 * 1024)
    with pytest.raises(LgsiteError) as caught:
        GitCache(tmp_path / "cache").checkout(spec_of(upstream))
    assert str(caught.value).startswith(
        f"mkdocs.yml: commit {new[:12]} of {remote(upstream)} holds more than 4 MB of files, "
        "the limit for a shared source.")


def test_too_many_files_are_refused(tmp_path: Path, upstream: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = git("rev-parse", "HEAD", cwd=upstream)
    monkeypatch.setattr(gitsource, "MAX_FILES", 3)
    with pytest.raises(LgsiteError) as caught:
        GitCache(tmp_path / "cache").checkout(spec_of(upstream))
    assert str(caught.value).startswith(
        f"mkdocs.yml: commit {new[:12]} of {remote(upstream)} holds more than 3 files, the limit for a shared source.")


def test_a_blob_over_the_default_limit_fails_the_build(tmp_path: Path, upstream: Path) -> None:
    """Issue P7 defect 7: a 600 MB blob was published; 26 MB is over the 25 MB default."""
    (upstream / "pages" / "huge.bin").write_bytes(b"\0" * (26 * 1024 * 1024))
    commit(upstream)
    project = make_project(tmp_path / "council", shared=[f"git+{remote(upstream)}@main"])
    line = one_error_line(project.build())
    assert "'pages/huge.bin' in commit" in line and "is 26 MB, over the 25 MB limit for one file" in line
    assert not project.site.exists()
    assert not list((project.root / ".lgsite" / "cache").glob("*/trees/*/pages/huge.bin"))


# 4. Credentials are never written anywhere ---------------------------------------------------------


def test_credentials_reach_neither_lock_report_cache_nor_output(tmp_path: Path, upstream: Path,
                                                                git_config: Path) -> None:
    """Issue P7 defect 6. git rewrites the credential URL to the local repository (url.insteadOf)."""
    url = "https://git.example/county/shared.git"
    secret_url = f"https://bot:{SECRET}@git.example/county/shared.git"
    git_config.write_text(f'[url "{remote(upstream)}"]\n\tinsteadOf = {secret_url}\n')
    project = make_project(tmp_path / "council", shared=[f"git+{secret_url}@main"])

    built = project.build()
    assert built.returncode == 0, built.stderr
    lock = yaml.safe_load((project.root / "lgsite.lock").read_text())
    assert lock["sources"]["shared"]["url"] == url
    report = json.loads((project.site / "lgsite-report.json").read_text())
    assert [source["url"] for source in report["sources"]] == [url]
    assert report["pages"][f"{MISSED_BIN}.md"]["url"] == url

    updated = lgsite(project, "update")
    assert updated.returncode == 0, updated.stderr
    for result in (built, updated):
        assert SECRET not in result.stdout + result.stderr
    for path in everything_under(project.root):
        assert SECRET not in str(path)
        if path.is_file() and path.name != "mkdocs.yml":
            assert SECRET.encode() not in path.read_bytes(), path


def test_credentials_are_not_in_error_messages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council", shared=[f"git+https://bot:{SECRET}@127.0.0.1:9/x.git@main"])
    line = one_error_line(project.build())
    assert "cannot reach https://127.0.0.1:9/x.git and the cache has no copy of 'main'" in line
    assert SECRET not in line and "bot" not in line

    project = make_project(tmp_path / "other", shared=[f"git+https://bot:{SECRET}@git.example/x.git@a..b"])
    line = one_error_line(project.build())
    assert "shared source 'git+https://git.example/x.git@a..b' has an invalid ref" in line
    assert SECRET not in line


def test_gits_own_complaint_is_redacted() -> None:
    said = gitsource._reason(f"fatal: unable to access 'https://bot:{SECRET}@host.example/x.git/': "
                             "Could not resolve host: host.example\n".encode())
    assert said == "unable to access 'https://host.example/x.git/': Could not resolve host: host.example"


def test_the_url_keeps_what_is_needed_and_loses_the_password() -> None:
    spec = parse_git_spec(f"git+https://bot:{SECRET}@git.example/org/shared.git@v1")
    assert spec is not None
    assert (spec.url, spec.text) == ("https://git.example/org/shared.git", "git+https://git.example/org/shared.git@v1")
    assert spec.remote == f"https://bot:{SECRET}@git.example/org/shared.git"  # git still gets it
    assert spec.cache_name == parse_git_spec("git+https://git.example/org/shared.git@v1").cache_name
    assert gitsource.redact_url("ssh://git@host.example/x") == "ssh://git@host.example/x"
    assert gitsource.redact_url("git@host.example:x.git") == "git@host.example:x.git"


# 5. The cache is verified against the pinned commit ------------------------------------------------


def test_an_edited_cached_page_is_not_published(tmp_path: Path, upstream: Path) -> None:
    """Issue P7 defect 9: an edited cached file was published while the lock still named the commit."""
    project = make_project(tmp_path / "council", shared=[f"git+{remote(upstream)}@main"])
    assert project.build().returncode == 0
    [cached] = (project.root / ".lgsite" / "cache").glob(f"*/trees/*/pages/{MISSED_BIN}.md")
    cached.write_text(cached.read_text().replace("within 3 working days", "HACKED"))

    rebuilt = project.build()
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "HACKED" not in project.page(MISSED_BIN) and "within 3 working days" in project.page(MISSED_BIN)
    assert "HACKED" not in cached.read_text()
    warning = [line for line in rebuilt.stderr.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and warning[0].endswith(
        f"(pages/{MISSED_BIN}.md changed); restored it from the cached repository")
    assert warning[0].startswith("warning: .lgsite/cache/shared-")


def test_missing_and_added_cached_files_are_put_right(tmp_path: Path, upstream: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    cache = GitCache(tmp_path / "cache")
    spec = spec_of(upstream)
    pinned = cache.checkout(spec).commit
    tree = cache.tree_dir(spec, pinned)
    (tree / "pages" / "index.md").unlink()
    (tree / "pages" / "extra.md").write_text("# Not in the commit\n")
    with caplog.at_level(logging.WARNING):
        again = cache.checkout(spec, pinned)
    assert (again.path / "pages" / "index.md").is_file()
    assert not (again.path / "pages" / "extra.md").exists()
    assert "(pages/extra.md added, pages/index.md missing)" in caplog.text


def test_a_damaged_cached_repository_is_fetched_again(tmp_path: Path, upstream: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    """Issue P7 defect 9: a damaged cache was blamed on the network and never repaired itself."""
    cache = GitCache(tmp_path / "cache")
    spec = spec_of(upstream)
    pinned = cache.checkout(spec).commit

    def damage() -> None:
        shutil.rmtree(cache.tree_dir(spec, pinned))
        for folder in (cache.repo_dir(spec) / "objects").iterdir():
            if folder.name != "info":
                shutil.rmtree(folder)

    damage()
    with caplog.at_level(logging.WARNING):
        repaired = cache.checkout(spec, pinned)
    assert (repaired.path / "pages" / f"{MISSED_BIN}.md").is_file()
    assert f"the cache of {remote(upstream)} was damaged" in caplog.text
    assert "rebuilt it by fetching" in caplog.text

    damage()
    shutil.rmtree(remote(upstream))
    with pytest.raises(LgsiteError) as caught:
        cache.checkout(spec, pinned)
    text = str(caught.value)
    assert f"the cache of {remote(upstream)} is damaged (" in text
    assert f"and {remote(upstream)} cannot be reached to fetch it again" in text
    assert "the cache has no copy" not in text and "\n" not in text


# 6. The cache folder itself ---------------------------------------------------------------------------


@pytest.mark.parametrize("shared", ["git", "local"])
def test_cache_folder_that_is_a_file(tmp_path: Path, upstream: Path, shared: str) -> None:
    """Issue P7 defect 10: `.lgsite/cache` being a file gave a traceback."""
    source = f"git+{remote(upstream)}@main" if shared == "git" else str(upstream)
    project = make_project(tmp_path / "council", shared=[source])
    project.write(f"docs/{MISSED_BIN}.md", "---\noverride: sections\n---\n## What happens next\n\nOurs.\n")
    (project.root / ".lgsite").mkdir()
    (project.root / ".lgsite" / "cache").write_text("not a folder")
    line = one_error_line(project.build())
    assert line.startswith("error: .lgsite/cache: cannot write lgsite's cache of shared sources here (")
    if shared == "git":  # the folder above it being a file is named as such
        shutil.rmtree(project.root / ".lgsite")
        (project.root / ".lgsite").write_text("not a folder")
        line = one_error_line(project.build())
        assert line.startswith("error: .lgsite: cannot write lgsite's cache of shared sources here (")
    assert line.endswith("Make .lgsite/cache a folder you can write to (move away any file of that name, "
                         "free some space); lgsite fills it again from the shared sources.")


# 7. lgsite update after a force push --------------------------------------------------------------------


@pytest.mark.parametrize("cache_kept", [False, True])
def test_update_recovers_after_the_pin_was_force_pushed_away(tmp_path: Path, upstream: Path,
                                                             cache_kept: bool) -> None:
    """Issue P7 defect 8: `lgsite update` told the user to run `lgsite update`."""
    first = git("rev-parse", "HEAD", cwd=upstream)
    page = upstream / "pages" / f"{MISSED_BIN}.md"
    page.write_text(page.read_text().replace("within 3 working days", "on Tuesday"))
    pinned = commit(upstream, "second")
    project = make_project(tmp_path / "council", shared=[f"git+{remote(upstream)}@main"])
    assert project.build().returncode == 0
    assert yaml.safe_load((project.root / "lgsite.lock").read_text())["sources"]["shared"]["commit"] == pinned

    git("reset", "-q", "--hard", first, cwd=upstream)
    page.write_text(page.read_text().replace("within 3 working days", "on Friday"))
    git("commit", "-qam", "rewritten", cwd=upstream)
    git("push", "-q", "--force", "origin", "HEAD:main", cwd=upstream)
    git("gc", "-q", "--prune=now", cwd=remote(upstream))
    new = git("rev-parse", "HEAD", cwd=upstream)
    if not cache_kept:  # a fresh clone of the council's repository, as on a build server
        shutil.rmtree(project.root / ".lgsite")
        assert "run lgsite update" in one_error_line(project.build())

    updated = lgsite(project, "update")
    assert updated.returncode == 0, updated.stderr
    if cache_kept:  # the cache still holds the old pin, so the change can be listed
        assert f"shared: {pinned[:12]} -> {new[:12]}, 1 files changed" in updated.stdout
    else:
        assert updated.stdout.startswith(f"shared: {pinned[:12]} -> {new[:12]}; the old commit is no longer "
                                         "in the repository (a force push?)")
    assert yaml.safe_load((project.root / "lgsite.lock").read_text())["sources"]["shared"]["commit"] == new
    rebuilt = project.build()
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "on Friday" in project.page(MISSED_BIN)
