"""What a change to a shared library does to its pages: added, removed, changed, and by which sections.

A content designer's change reaches every council that inherits the page, and
puts into drift every council that overrides a section it touches. "Changed"
here means what drift means: the fingerprint the lock keeps (`lock.text_hash`)
of the whole page, or of one `##` section as `sections.split_sections` cuts it,
is different. A page is read from a commit with git, or from the working tree
as the content designer is editing it.

The repository may be anyone's (a pull request in CI), so only git's read
commands are run on it, every file's size is checked before it is read, and
the working tree is read as a build reads a shared source (`layers.scan`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .errors import LgsiteError
from .frontmatter import split
from .gitsource import MAX_FILE_BYTES, MAX_FILES, MAX_TREE_BYTES, GitFailed, blob_id, run_git
from .layers import Origin, Page, Provenance, display_path, scan
from .lock import text_hash
from .sections import split_sections

PAGES = "pages"
WORKING_TREE = "working tree"
DEFAULT_BRANCHES = ("refs/remotes/origin/HEAD", "refs/remotes/origin/main", "refs/heads/main",
                    "refs/remotes/origin/master", "refs/heads/master")
LINK = "120000"


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class SectionChange:
    id: str  # "" for the introduction, the text before the first ## heading
    change: Change


@dataclass
class PageChange:
    """One shared page the change touches; `old`/`new` are its text before and after (None: no page)."""

    path: str  # below pages/, as a council's docs/ and its lock name it
    change: Change
    old: str | None
    new: str | None
    sections: list[SectionChange] = field(default_factory=list)
    front_matter: bool = False  # the front matter changed (not a section: no override replaces it alone)


@dataclass(frozen=True)
class LibraryState:
    """The library's pages at one commit, or in the working tree: their ids, and how to read one.

    Pages are read only where the ids of the two states differ, so a change to
    a few pages of a large library reads a few pages.
    """

    name: str  # the ref as given, or "working tree"
    commit: str | None  # None for the working tree
    ids: dict[str, str]  # path below pages/ → git's blob id of its bytes
    read: Callable[[str], bytes]

    def text(self, path: str) -> str:
        return self.read(path).decode("utf-8", "replace")


@dataclass(frozen=True)
class Repository:
    """Where a library's pages are in git: the library may be the repository, or a folder of it
    (as content-model/ is of lgsite's)."""

    git_dir: Path  # a worktree's `.git` file is fine too: git follows it
    pages: str  # the library's pages/ folder, from the repository's top


def open_repository(library: Path) -> Repository:
    """The git repository the library is in."""
    if not (library / PAGES).is_dir():
        raise LgsiteError(f"has no {PAGES}/ folder, so it is not a shared library",
                          file=display_path(library, Path.cwd()),
                          hint="Run lgsite library impact in the library's folder, the one with pages/, or name it.")
    for top in (library, *library.parents):
        if (top / ".git").exists():
            return Repository(top / ".git", (library / PAGES).relative_to(top).as_posix())
    raise LgsiteError("is not in a git repository", file=display_path(library, Path.cwd()),
                      hint="Run lgsite library impact in the library's repository, the folder with pages/.")


def resolve(repo: Path, ref: str, option: str) -> str:
    """The commit a ref names (a branch, tag, commit, origin/main, HEAD~1)."""
    if not ref or ref.startswith("-"):
        raise LgsiteError(f"{option} '{ref}' is not a ref", hint="Give a branch, tag or commit, such as origin/main.")
    try:
        out = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], repo)
    except GitFailed:
        out = b""
    if not out.strip():
        raise LgsiteError(f"{option} '{ref}' is not a commit in this repository",
                          hint="Give a branch, tag or commit that exists here (git fetch first for origin/…).")
    return out.decode().strip()


def default_from(repo: Path) -> str:
    """Where the content designer's change starts: the merge base of HEAD with the default branch,
    so a feature branch is compared with where it left main; on main itself, HEAD."""
    for name in DEFAULT_BRANCHES:
        try:
            return run_git(["merge-base", "HEAD", name], repo).decode().strip()
        except GitFailed:
            continue
    return resolve(repo, "HEAD", "--from")


def at_commit(repo: Repository, ref: str, commit: str) -> LibraryState:
    """The library's Markdown pages at `commit`, within the limits a build puts on a shared source."""
    out = run_git(["ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", f"{repo.pages}/"], repo.git_dir)
    ids: dict[str, str] = {}
    total = 0
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha, size = meta.decode().split()
        path = name.decode("utf-8", "replace").removeprefix(f"{repo.pages}/")
        if kind != "blob" or mode == LINK or not path.endswith(".md"):
            continue
        total += int(size)
        if int(size) > MAX_FILE_BYTES or total > MAX_TREE_BYTES or len(ids) >= MAX_FILES:
            raise LgsiteError(f"{repo.pages}/{path} at {ref} is past the limits lgsite reads for a shared library",
                              hint="Keep the library to pages of text.")
        ids[path] = sha
    return LibraryState(ref, commit, ids, lambda path: run_git(["cat-file", "blob", ids[path]], repo.git_dir))


def in_working_tree(library: Path, algorithm: str) -> LibraryState:
    """The library's pages as they are on disk, uncommitted edits included; each is named by the id git
    would give it (`algorithm`: the repository's, sha1 or sha256), so only pages that differ are read twice."""
    root = library / PAGES
    files: dict[str, Path] = {}
    total = 0
    for path, layer in scan(root, None, Path.cwd()).items():
        if not path.endswith(".md") or layer.file.is_symlink():
            continue
        size = layer.file.stat().st_size
        total += size
        if size > MAX_FILE_BYTES or total > MAX_TREE_BYTES or len(files) >= MAX_FILES:
            raise LgsiteError("is past the limits lgsite reads for a shared library", file=layer.display,
                              hint="Keep the library to pages of text.")
        files[path] = layer.file
    ids = {path: blob_id(file, algorithm).decode() for path, file in files.items()}
    return LibraryState(WORKING_TREE, None, ids, lambda path: files[path].read_bytes())


def compare(old: LibraryState, new: LibraryState) -> list[PageChange]:
    """The pages whose fingerprint differs, in path order, with the sections that differ."""
    changes: list[PageChange] = []
    for path in sorted(set(old.ids) | set(new.ids)):
        if path not in old.ids:
            changes.append(PageChange(path, Change.ADDED, None, new.text(path)))
        elif path not in new.ids:
            changes.append(PageChange(path, Change.REMOVED, old.text(path), None))
        elif old.ids[path] != new.ids[path]:
            before, after = old.text(path), new.text(path)
            if text_hash(before) != text_hash(after):
                changes.append(_changed(path, before, after))
    return changes


def page_of(path: str, text: str, file: str, origin: Origin = Origin.INHERITED) -> Page:
    """The page as the build loads it, for `sections` to split or merge."""
    parts = split(text, file)
    return Page(path, parts.data, parts.body, parts.body_line, Provenance(origin, file=file), parts.meta.lines)


def section_hashes(path: str, text: str) -> dict[str, str]:
    """Each section's fingerprint by id, as a build records it for a section override."""
    page = page_of(path, text, f"{PAGES}/{path}")
    return {section.id: text_hash(section.markdown()) for section in split_sections(page)}


def _changed(path: str, before: str, after: str) -> PageChange:
    change = PageChange(path, Change.CHANGED, before, after)
    try:
        old, new = section_hashes(path, before), section_hashes(path, after)
    except LgsiteError:
        return change  # a page lint and the build will report; still a changed page
    for section in [*old, *(s for s in new if s not in old)]:
        if section not in new:
            change.sections.append(SectionChange(section, Change.REMOVED))
        elif section not in old:
            change.sections.append(SectionChange(section, Change.ADDED))
        elif old[section] != new[section]:
            change.sections.append(SectionChange(section, Change.CHANGED))
    change.front_matter = split(before, path).data != split(after, path).data
    return change
