"""Shared sources kept in git repositories, cloned once so later builds work offline.

A council names a shared repository in mkdocs.yml as `git+<url>@<ref>`. The first
build fetches it into a bare repository in the council's cache folder and the
commit the ref resolved to is pinned in lgsite.lock; every later build gets the
very same text without touching the network, until `lgsite update` moves the
pin. The files of each commit are written out once into a folder of their own,
byte for byte as committed (no line-ending or filter conversions, which
`git archive` and `git checkout` would apply), and reused by every build.

Only the `git` command is used, never a library, and never interactively: a
build must fail with one clear line, not hang on a password prompt or print a
git traceback.

A shared repository is untrusted input, so its files are written out without
ever following a link (a tree may hold a link and a folder of the same name),
within size limits checked before a blob is read, and each written-out commit
is checked against a manifest of git's blob ids on every build, so an edit in
the cache can never be published under the pinned commit's name. Credentials
in a URL are kept only where git needs them (`GitSpec.remote`).
"""

from __future__ import annotations

import difflib
import errno
import functools
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, Callable, TypeVar

from .errors import LgsiteError

PREFIX = "git+"
FETCH_TIMEOUT = 600  # seconds; a stalled network must not stall a build for ever
LOCAL_TIMEOUT = 120
FULL_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
HEX = re.compile(r"[0-9a-fA-F]{4,64}")
BAD_REF = re.compile(r"\.\.|[\x00-\x20~^:?*\[\\\x7f]|@\{|//|^/|/$|\.lock$|^\.|/\.|\.$")
REMOTE_HEAD = "refs/lgsite/remote-head"
PINS = "refs/lgsite/pins/"
MAX_FILE_BYTES = 25 * 1024 * 1024  # one file of a shared source
MAX_TREE_BYTES = 500 * 1024 * 1024  # all files of one commit together
MAX_FILES = 100_000  # files in one commit
SPEC_HINT = "Write it as git+<url>@<tag, branch or commit>, e.g. git+https://github.com/org/shared.git@v1."

# Variables a calling git (e.g. a hook running `lgsite build`) sets for its own
# repository; inherited, they would point our commands at the wrong one.
REPO_ENV = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX",
    "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_GRAFT_FILE",
    "GIT_IMPLICIT_WORK_TREE", "GIT_INTERNAL_SUPER_PREFIX", "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE", "GIT_SHALLOW_FILE", "GIT_QUARANTINE_PATH",
)
LINK = b"120000"
EXECUTABLE = b"100755"
USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s'\"]*@")

log = logging.getLogger("mkdocs.plugins.lgsite.gitsource")


@dataclass(frozen=True)
class GitSpec:
    """One `git+<url>@<ref>` item of the plugin's `shared:` list."""

    text: str  # as the council wrote it, less any password
    url: str  # as written less any password: all that messages, the lock and the report ever show
    ref: str  # tag, branch, commit (full or abbreviated) or HEAD
    remote: str  # what git is given: the URL with its credentials, a relative local path made absolute
    file: str | None = None  # the config file it came from, for messages

    @property
    def name(self) -> str:
        """A short readable name, from the last part of the URL ("shared" for .../shared.git)."""
        tail = re.split(r"[/:\\]", self.url.rstrip("/\\"))[-1]
        tail = tail[:-4] if tail.endswith(".git") else tail
        return re.sub(r"[^A-Za-z0-9._-]+", "-", tail).strip("-.") or "shared"

    @property
    def cache_name(self) -> str:
        """The cache folder: readable, and unique per URL so two repos never share one."""
        digest = hashlib.sha256(self.url.encode("utf-8")).hexdigest()[:12]
        return f"{self.name[:40]}-{digest}"


@dataclass(frozen=True)
class CheckedOut:
    """A commit's files on disk, ready to be a source's root."""

    commit: str
    path: Path
    fetched: bool = False  # the remote was contacted
    offline: bool = False  # the remote could not be reached, so the cache was used


class GitFailed(LgsiteError):
    """A git command failed. Caught and reworded where the cause is known; if one
    ever is not, it is still an LgsiteError, so it still reaches the person as one line."""


# Parsing ------------------------------------------------------------------


def parse_git_spec(spec: str, base: Path | None = None, file: str | None = None) -> GitSpec | None:
    """The git source `spec` names, or None when it is not a `git+` spec.

    `base` is the folder of mkdocs.yml: a relative local path is relative to it.
    A missing `@ref` means the remote's default branch (HEAD).
    """
    if not spec.startswith(PREFIX):
        return None
    url, ref = _split_url_ref(spec[len(PREFIX):].strip())
    shown = redact_url(url)
    text = PREFIX + shown + ("" if ref is None else f"@{ref}")
    if not url:
        raise LgsiteError(f"shared source '{text}' has no repository URL", file=file, hint=SPEC_HINT)
    if url.startswith("-"):
        raise LgsiteError(f"shared source '{text}' has a URL starting with '-'", file=file, hint=SPEC_HINT)
    if ref is not None and (not ref or ref.startswith("-") or BAD_REF.search(ref)):
        raise LgsiteError(f"shared source '{text}' has an invalid ref '{ref}'", file=file,
                          hint="After the @ put a tag, branch or commit, e.g. @v1 or @main.")
    return GitSpec(text=text, url=shown, ref=ref or "HEAD", remote=_remote(url, base), file=file)


def redact_url(url: str) -> str:
    """The URL without a password: `https://bot:SECRET@host/x.git` becomes `https://host/x.git`.

    A user name alone stays (`git@host:x`, `ssh://git@host/x` need it and it
    is no secret); user and password go together, so no half is left to guess from.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    authority, slash, path = rest.partition("/")
    userinfo, at, host = authority.rpartition("@")
    if not at or ":" not in userinfo:
        return url
    return f"{scheme}://{host}{slash}{path}"


def redact_text(text: str) -> str:
    """Any text (git's own complaints included) with the user part of every URL in it removed."""
    return USERINFO.sub(r"\1", text)


def _split_url_ref(rest: str) -> tuple[str, str | None]:
    """Split `<url>@<ref>`, where the URL itself may hold an @ (user@host)."""
    if "://" in rest:
        scheme, _, after = rest.partition("://")
        slash = after.find("/")
        if slash < 0:
            return rest, None
        head, path = f"{scheme}://{after[:slash]}", after[slash:]
    elif re.match(r"^[^/]{2,}?:", rest) and not re.match(r"^[A-Za-z]:[\\/]", rest):
        colon = rest.index(":") + 1  # scp-like user@host:path
        head, path = rest[:colon], rest[colon:]
    else:
        head, path = "", rest  # a local path
    if "@" not in path:
        return rest, None
    path, ref = path.rsplit("@", 1)
    return head + path, ref


def _remote(url: str, base: Path | None) -> str:
    if "://" in url or re.match(r"^[^/]{2,}?:", url) and not re.match(r"^[A-Za-z]:[\\/]", url):
        return url
    path = Path(url).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    return os.path.normpath(path)


# Running git ----------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in REPO_ENV}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_ASKPASS="echo", LC_ALL="C", LANGUAGE="C")
    if "GIT_SSH_COMMAND" not in env and "GIT_SSH" not in env:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    return env


def _git_command(args: list[str], repo: Path | None) -> list[str]:
    command = ["git", "-c", "protocol.file.allow=always", "-c", "core.quotePath=false"]
    if repo is not None:
        command += ["-c", f"safe.directory={repo}", "--git-dir", str(repo)]
    return command + args


def _git(args: list[str], repo: Path | None = None, *, timeout: float = LOCAL_TIMEOUT) -> bytes:
    """Run git quietly and return its output; a failure becomes GitFailed with git's reason."""
    try:
        proc = subprocess.run(_git_command(args, repo), capture_output=True, env=_env(),
                              stdin=subprocess.DEVNULL, timeout=timeout)
    except FileNotFoundError:
        raise LgsiteError("cannot run git: it is not installed",
                          hint="Install git, or use a local folder as the shared source.") from None
    except subprocess.TimeoutExpired:
        raise GitFailed(f"git {args[0]} timed out after {int(timeout)} seconds") from None
    if proc.returncode:
        raise GitFailed(f"git {args[0]} failed: {_reason(proc.stderr)}")
    return proc.stdout


def run_git(args: list[str], git_dir: Path | None = None) -> bytes:
    """Run a read-only git command outside a cache (the shared library a content designer works
    in, for `lgsite library impact`; a council's docs/ for sitemap dates), with the same quiet,
    prompt-free environment and one-line failures as the cache's own commands."""
    return _git(args, git_dir)


def _reason(stderr: bytes) -> str:
    """The line of git's complaint that says most, without the noise around it."""
    text = redact_text(stderr.decode("utf-8", "replace"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    generic = "Could not read from remote repository"  # ssh's own line before it says why
    for line in lines:
        if line.startswith(("fatal:", "error:", "ERROR:", "ssh:")) and generic not in line:
            return line.split(":", 1)[1].strip()
    return lines[0].removeprefix("fatal: ") if lines else "no reason given"


def _ok(args: list[str], repo: Path) -> bytes | None:
    try:
        return _git(args, repo)
    except GitFailed:
        return None


# The cache ------------------------------------------------------------------

Method = TypeVar("Method", bound=Callable[..., Any])


def cache_failure(error: OSError, cache_dir: Path, display: str) -> LgsiteError:
    """A cache folder that cannot be written (a file in its place, read-only, a full disk) as one line."""
    name = Path(error.filename) if error.filename else cache_dir
    below = [path for path in [*reversed(name.parents), name] if path.is_relative_to(cache_dir)]
    chain = [cache_dir.parent, *below] if below else [cache_dir.parent, cache_dir]
    blocking = next((path for path in chain if path.exists() and not path.is_dir()), None)
    name = blocking or name  # a file where a folder should be is what to name, not the folder below it
    if name == cache_dir.parent:
        where = str(PurePosixPath(display).parent)
    elif name.is_relative_to(cache_dir) and name != cache_dir:
        where = f"{display}/{name.relative_to(cache_dir).as_posix()}"
    else:
        where = display
    reason = (error.strerror or str(error)).lower()
    return LgsiteError(
        f"cannot write lgsite's cache of shared sources here ({reason})", file=where,
        hint=f"Make {display} a folder you can write to (move away any file of that name, free some space); "
             "lgsite fills it again from the shared sources.",
    )


def _cache_errors(method: Method) -> Method:
    """An OSError while a public operation works in the cache becomes one line that names it."""

    @functools.wraps(method)
    def guarded(self: "GitCache", *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except OSError as error:
            raise cache_failure(error, self.cache_dir, self.display) from None

    return guarded  # type: ignore[return-value]


class GitCache:
    """Bare clones of shared repositories and the files of their commits, in one folder.

    Layout: `<cache_dir>/<name>-<urlhash>/git/` (bare repository),
    `<cache_dir>/<name>-<urlhash>/trees/<commit>/` (that commit's files) and
    `<cache_dir>/<name>-<urlhash>/trees/<commit>.manifest` (their blob ids, to verify them).
    """

    def __init__(self, cache_dir: Path, display: str | None = None, *, depth: int | None = None) -> None:
        self.cache_dir = Path(cache_dir)
        self.display = display or str(cache_dir)  # how messages name the folder
        # Commits to fetch per branch: 1 where only the newest files are read once
        # (a council's repository, for `lgsite library impact`), all for a build's cache.
        self.depth = depth

    def repo_dir(self, spec: GitSpec) -> Path:
        return self.cache_dir / spec.cache_name / "git"

    def tree_dir(self, spec: GitSpec, commit: str) -> Path:
        return self.cache_dir / spec.cache_name / "trees" / commit

    def manifest_file(self, spec: GitSpec, commit: str) -> Path:
        return self.cache_dir / spec.cache_name / "trees" / f"{commit}.manifest"

    # Public operations

    @_cache_errors
    def checkout(self, spec: GitSpec, pinned: str | None = None, *, offline_ok: bool = True,
                 lock_file: str = "lgsite.lock") -> CheckedOut:
        """The files of `pinned` or else of what `spec.ref` names, fetching only when needed.

        A pinned commit whose files are already written out, and still match
        their manifest, needs no git at all. Unpinned, a tag or full commit the
        cache already has is used as is; a branch is fetched first so a new pin
        starts from its latest commit, falling back to the cache when offline
        (unless `offline_ok` is False).
        """
        if pinned:
            return self._checkout_pinned(spec, pinned, lock_file)
        repo = self._init(spec)
        fetched = offline = False
        commit = self._resolve_fixed(repo, spec.ref)
        if commit is None:
            reason = self._try_fetch(spec, repo)
            fetched, offline = reason is None, reason is not None
            commit = self._resolve(repo, spec.ref) or self._fetch_by_id(spec, repo, spec.ref)
            if commit is None:
                raise self._missing_ref(spec, repo, reason)
            if reason is not None and not offline_ok:
                raise _unreachable(spec, reason, None, "it is needed to find the latest commit")
        self._protect(repo, commit)
        return CheckedOut(commit, self._materialise(spec, repo, commit, lock_file), fetched, offline)

    @_cache_errors
    def update(self, spec: GitSpec) -> str:
        """Fetch and resolve `spec.ref` afresh, ignoring any pin: the new commit to pin."""
        repo = self._init(spec)
        reason = self._try_fetch(spec, repo)
        if reason is not None:
            raise _unreachable(spec, reason, None, "lgsite update needs to reach it")
        commit = self._resolve(repo, spec.ref) or self._fetch_by_id(spec, repo, spec.ref)
        if commit is None:
            raise self._missing_ref(spec, repo, None)
        self._protect(repo, commit)
        return commit

    @_cache_errors
    def has(self, spec: GitSpec, commit: str) -> bool:
        """Whether the cache has `commit` or can still fetch it (a force push may have removed it)."""
        repo = self._init(spec)
        return self._has_commit(repo, commit) or self._fetch_by_id(spec, repo, commit) is not None

    @_cache_errors
    def changed_paths(self, spec: GitSpec, old_commit: str, new_commit: str) -> list[str]:
        """Repository paths (e.g. `pages/bins/index.md`) added, changed or removed between two commits."""
        repo = self._init(spec)
        for commit in (old_commit, new_commit):
            self._ensure(spec, repo, commit)
        out = _git(["diff", "--name-only", "-z", "--no-renames", old_commit, new_commit, "--"], repo)
        return sorted(os.fsdecode(name) for name in out.split(b"\0") if name)

    @_cache_errors
    def file_at(self, spec: GitSpec, commit: str, path: str) -> str | None:
        """The text of repository path `path` at `commit`, or None if it had no such file."""
        tree = self.tree_dir(spec, commit)
        manifest = _read_manifest(self.manifest_file(spec, commit))
        if tree.is_dir() and manifest is not None:
            entry = manifest.get(path)  # never a path through a link: the manifest lists only what git holds
            if entry is None:
                return None
            if entry.mode == LINK:  # what git holds for a link is its target, never the file it points at
                return os.readlink(tree / path)
            return (tree / path).read_bytes().decode("utf-8", "replace")
        repo = self._init(spec)
        self._ensure(spec, repo, commit)
        size = _ok(["cat-file", "-s", f"{commit}:{path}"], repo)
        if size is None:
            return None
        if int(size) > MAX_FILE_BYTES:
            raise _too_big(spec, commit, path, int(size))
        data = _ok(["cat-file", "blob", f"{commit}:{path}"], repo)
        return None if data is None else data.decode("utf-8", "replace")

    @_cache_errors
    def tags(self, spec: GitSpec) -> list[str]:
        """The cached repository's tags, highest version first, for `lgsite update` to offer."""
        repo = self._init(spec)
        out = _git(["for-each-ref", "--sort=-v:refname", "--format=%(refname:lstrip=2)", "refs/tags"], repo)
        return out.decode("utf-8", "replace").split()

    @_cache_errors
    def prune(self, spec: GitSpec, keep: set[str]) -> list[str]:
        """Delete written-out trees of commits not in `keep` (after `lgsite update`); returns them.

        The bare repository keeps every commit, so a pruned tree can always be
        written out again without the network.
        """
        trees = self.cache_dir / spec.cache_name / "trees"
        if not trees.is_dir():
            return []
        gone = sorted(p.name for p in trees.iterdir() if FULL_COMMIT.fullmatch(p.name) and p.name not in keep)
        for name in gone:
            shutil.rmtree(trees / name, ignore_errors=True)
            self.manifest_file(spec, name).unlink(missing_ok=True)
        return gone

    # Steps

    def _checkout_pinned(self, spec: GitSpec, pinned: str, lock_file: str) -> CheckedOut:
        if not FULL_COMMIT.fullmatch(pinned):
            raise LgsiteError(f"the commit pinned for {spec.url} is not a full commit id ('{pinned}')",
                              file=lock_file, hint="Run lgsite update to pin it again.")
        tree = self._verified_tree(spec, pinned)
        if tree is not None:
            return CheckedOut(pinned, tree)
        repo = self._init(spec)
        fetched = self._ensure(spec, repo, pinned, lock_file)
        self._protect(repo, pinned)
        return CheckedOut(pinned, self._materialise(spec, repo, pinned, lock_file), fetched)

    def _verified_tree(self, spec: GitSpec, commit: str) -> Path | None:
        """The commit's written-out files if they are exactly what it holds; else None, so they are rewritten.

        A tree written by an older lgsite has no manifest and is quietly
        rewritten; one that differs from its manifest was edited in the cache,
        which must never be published as the pinned commit, so it says so.
        """
        tree = self.tree_dir(spec, commit)
        if tree.is_symlink():
            tree.unlink()  # never lgsite's doing, and never to be followed
        if not tree.is_dir():
            return None
        manifest = _read_manifest(self.manifest_file(spec, commit))
        problems = None if manifest is None else _differences(tree, manifest)
        if problems == []:
            return tree
        if problems:
            shown = ", ".join(problems[:3]) + (", …" if len(problems) > 3 else "")
            log.warning(f"{self._shown(tree)} did not match commit {commit[:12]} of {spec.url} "
                        f"({shown}); restored it from the cached repository")
        self._discard(spec, commit)
        return None

    def _shown(self, path: Path) -> str:
        return f"{self.display}/{path.relative_to(self.cache_dir).as_posix()}"

    def _discard(self, spec: GitSpec, commit: str) -> None:
        self.manifest_file(spec, commit).unlink(missing_ok=True)
        shutil.rmtree(self.tree_dir(spec, commit))

    def _ensure(self, spec: GitSpec, repo: Path, commit: str, lock_file: str = "lgsite.lock") -> bool:
        """Make sure the cache has `commit`, fetching if not; True if it fetched."""
        if self._has_commit(repo, commit):
            return False
        damage = self._damage(repo)
        if damage is not None:
            self._rebuild(spec, repo, damage)
        else:
            reason = self._try_fetch(spec, repo)
            if reason is not None:
                raise _unreachable(spec, reason, commit, None, lock_file)
        if self._has_commit(repo, commit) or self._fetch_by_id(spec, repo, commit):
            return True
        raise LgsiteError(
            f"commit {commit[:12]} pinned for {spec.url} is no longer in that repository",
            file=lock_file,
            hint=f"It may have gone in a force push; run lgsite update to pin the current commit of '{spec.ref}'.",
        )

    def _init(self, spec: GitSpec) -> Path:
        repo = self.repo_dir(spec)
        if not (repo / "objects").is_dir():
            self._ignore_cache()
            repo.parent.mkdir(parents=True, exist_ok=True)
            _git(["-c", "init.defaultBranch=main", "init", "--bare", "--quiet", str(repo)])
        return repo

    def _ignore_cache(self) -> None:
        """Keep the cache out of the council's commits without asking them to edit .gitignore."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        ignore = self.cache_dir / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# lgsite's cache of shared sources: never commit it.\n*\n", encoding="utf-8")

    def _try_fetch(self, spec: GitSpec, repo: Path) -> str | None:
        """Fetch every branch and tag; None on success, else why it failed.

        A fetch can fail because the cache itself is damaged: that is repaired
        here, not reported as the network's fault.
        """
        reason = self._fetch(spec, repo)
        if reason is None:
            return None
        damage = self._damage(repo)
        if damage is None:
            return reason
        self._rebuild(spec, repo, damage)
        return None

    def _fetch(self, spec: GitSpec, repo: Path) -> str | None:
        refspecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"]
        if spec.ref == "HEAD":
            refspecs.append(f"+HEAD:{REMOTE_HEAD}")
        try:
            depth = [f"--depth={self.depth}"] if self.depth else []
            _git(["fetch", "--prune", "--no-tags", "--no-write-fetch-head", "--quiet", *depth, "--", spec.remote,
                  *refspecs], repo, timeout=FETCH_TIMEOUT)
        except GitFailed as failure:
            return failure.message.split(": ", 1)[-1]
        return None

    def _damage(self, repo: Path) -> str | None:
        """What is wrong with the cached repository (missing objects, broken files), or None if it is whole."""
        try:
            _git(["fsck", "--connectivity-only", "--no-progress", "--no-dangling"], repo)
        except GitFailed as failure:
            return failure.message.split(": ", 1)[-1]
        return None

    def _rebuild(self, spec: GitSpec, repo: Path, damage: str) -> None:
        """Replace a damaged cached repository by a fresh fetch; the damaged one stays if that fails."""
        fresh = repo.with_name("git-rebuilding")
        shutil.rmtree(fresh, ignore_errors=True)
        _git(["-c", "init.defaultBranch=main", "init", "--bare", "--quiet", str(fresh)])
        reason = self._fetch(spec, fresh)
        if reason is not None:
            shutil.rmtree(fresh, ignore_errors=True)
            raise LgsiteError(
                f"the cache of {spec.url} is damaged ({damage}) and {spec.url} cannot be reached to fetch it again",
                file=self._shown(repo),
                hint=f"Check the address and your network connection, then build again (git said: {reason}).",
            )
        shutil.rmtree(repo)
        os.rename(fresh, repo)
        log.warning(f"the cache of {spec.url} was damaged ({damage}); rebuilt it by fetching {spec.url} again")

    def _fetch_by_id(self, spec: GitSpec, repo: Path, ref: str) -> str | None:
        """A full commit id on no branch or tag can still be fetched from most servers."""
        if not FULL_COMMIT.fullmatch(ref.lower()):
            return None
        if _ok(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--", spec.remote, ref.lower()],
               repo) is None:
            return None
        return self._resolve(repo, ref)

    def _has_commit(self, repo: Path, commit: str) -> bool:
        return _ok(["cat-file", "-e", f"{commit}^{{commit}}"], repo) is not None

    def _resolve_fixed(self, repo: Path, ref: str) -> str | None:
        """A tag or full commit id the cache already has: these do not move, so need no fetch."""
        if FULL_COMMIT.fullmatch(ref.lower()):
            return self._rev_parse(repo, ref.lower())
        return self._rev_parse(repo, f"refs/tags/{ref}") if ref != "HEAD" else None

    def _resolve(self, repo: Path, ref: str) -> str | None:
        """Tag, then branch, then (abbreviated) commit id, as git itself orders them."""
        if ref == "HEAD":
            candidates = [REMOTE_HEAD]
        elif ref.startswith("refs/"):
            candidates = [ref]
        else:
            candidates = [f"refs/tags/{ref}", f"refs/heads/{ref}"]
            if HEX.fullmatch(ref):
                candidates.append(ref.lower())
        for candidate in candidates:
            commit = self._rev_parse(repo, candidate)
            if commit:
                return commit
        return None

    def _rev_parse(self, repo: Path, name: str) -> str | None:
        out = _ok(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"], repo)
        return out.decode().strip() if out else None

    def _protect(self, repo: Path, commit: str) -> None:
        """A ref per used commit, so a force push upstream plus git's gc can never lose a pin."""
        _git(["update-ref", f"{PINS}{commit}", commit], repo)

    def _missing_ref(self, spec: GitSpec, repo: Path, reason: str | None) -> LgsiteError:
        if reason is not None:
            return _unreachable(spec, reason, None, None)
        names = self._ref_names(repo)
        close = difflib.get_close_matches(spec.ref, names, n=3, cutoff=0.5)
        if close:
            hint = "Did you mean " + " or ".join(f"'{name}'" for name in close) + "?"
        elif names:
            hint = f"It has: {', '.join(names[:8])}{', …' if len(names) > 8 else ''}."
        else:
            hint = "It has no branches or tags yet."
        return LgsiteError(f"ref '{spec.ref}' not found in {spec.url}", file=spec.file,
                           hint=f"{hint} Use a tag, branch or commit that exists there.")

    def _ref_names(self, repo: Path) -> list[str]:
        """Branches, then tags newest version first: the names a council most likely meant."""
        names: list[str] = []
        for refs, order in (("refs/heads", "refname"), ("refs/tags", "-v:refname")):
            out = _ok(["for-each-ref", f"--sort={order}", "--format=%(refname:lstrip=2)", refs], repo)
            names += (out or b"").decode("utf-8", "replace").split()
        return list(dict.fromkeys(names))

    # Writing a commit's files

    def _materialise(self, spec: GitSpec, repo: Path, commit: str, lock_file: str) -> Path:
        """Write the commit's files once, repairing a damaged cached repository on the way."""
        tree = self._verified_tree(spec, commit)
        if tree is not None:
            return tree
        try:
            return self._write_out(spec, repo, commit)
        except GitFailed:
            damage = self._damage(repo)
            if damage is None:
                raise
            self._rebuild(spec, repo, damage)
            self._ensure(spec, repo, commit, lock_file)
            self._protect(repo, commit)
            return self._write_out(spec, repo, commit)

    def _write_out(self, spec: GitSpec, repo: Path, commit: str) -> Path:
        """Write the files and their manifest; a half-written folder is never left under the final name."""
        final = self.tree_dir(spec, commit)
        if final.is_dir():
            return final
        entries = _tree_entries(spec, repo, commit)
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{commit[:12]}-", dir=final.parent))
        try:
            _write_tree(spec, repo, commit, entries, temp)
            temp.chmod(0o755)
            _write_manifest(self.manifest_file(spec, commit), entries)
            try:
                os.rename(temp, final)
            except OSError:
                if not final.is_dir():
                    raise
                shutil.rmtree(temp)  # another build wrote the same commit first
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
        return final


def _unreachable(spec: GitSpec, reason: str, commit: str | None, why: str | None,
                 lock_file: str = "lgsite.lock") -> LgsiteError:
    if why:
        return LgsiteError(f"cannot reach {spec.url}: {why}", file=spec.file,
                           hint=f"Check the address and your network connection (git said: {reason}).")
    what = f"commit {commit[:12]} pinned in {lock_file}" if commit else f"'{spec.ref}'"
    return LgsiteError(
        f"cannot reach {spec.url} and the cache has no copy of {what}", file=spec.file,
        hint=f"Check the address and your network connection, then build again; once a build has "
             f"fetched it, later builds work offline (git said: {reason}).",
    )


# A commit's tree, checked before anything is read or written ----------------------


@dataclass(frozen=True)
class _Entry:
    mode: bytes
    sha: bytes
    path: str
    size: int = 0


def _tree_entries(spec: GitSpec, repo: Path, commit: str) -> list[_Entry]:
    """The commit's files, refused unless every one can be written as a plain file or link within limits."""
    out = _git(["ls-tree", "-r", "-l", "-z", "--full-tree", commit], repo)
    entries = []
    total = 0
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha, size = meta.split()
        if kind != b"blob":
            continue  # a submodule: its files are not in this repository
        path = os.fsdecode(name)
        _check_path(spec, path, commit)
        if int(size) > MAX_FILE_BYTES:
            raise _too_big(spec, commit, path, int(size))
        total += int(size)
        if total > MAX_TREE_BYTES:
            raise LgsiteError(f"commit {commit[:12]} of {spec.url} holds more than {_mb(MAX_TREE_BYTES)} of files, "
                              "the limit for a shared source", file=spec.file,
                              hint="Keep large files out of the shared repository, or pin a commit without them.")
        entries.append(_Entry(mode, sha, path, int(size)))
        if len(entries) > MAX_FILES:
            raise LgsiteError(f"commit {commit[:12]} of {spec.url} holds more than {MAX_FILES} files, the "
                              "limit for a shared source", file=spec.file,
                              hint="Keep the shared repository to pages and their assets.")
    _check_names(spec, entries, commit)
    return entries


def _check_path(spec: GitSpec, path: str, commit: str) -> None:
    """Git refuses such names, but a hostile repository could still hold them."""
    parts = PurePosixPath(path).parts
    if path.startswith("/") or any(p in ("..", "") or p.lower() == ".git" for p in parts):
        raise LgsiteError(f"commit {commit[:12]} of {spec.url} holds an unsafe file name '{path}'", file=spec.file,
                          hint="Use a shared repository whose files stay inside it.")


def _check_names(spec: GitSpec, entries: list[_Entry], commit: str) -> None:
    """No name twice, and no file inside something that is a file or link: written out, such a
    tree (made with `git mktree`, never by a checkout) would put files through the link."""
    files: set[str] = set()
    for entry in entries:
        if entry.path in files:
            raise _clash(spec, commit, entry.path, "twice")
        files.add(entry.path)
    for entry in entries:
        parent = PurePosixPath(entry.path).parent
        while parent.name:
            if str(parent) in files:
                raise _clash(spec, commit, entry.path, f"inside '{parent}', which is a link or file")
            parent = parent.parent


def _clash(spec: GitSpec, commit: str, path: str, how: str) -> LgsiteError:
    return LgsiteError(f"commit {commit[:12]} of {spec.url} holds '{path}' {how}, which a checkout "
                       "never makes; lgsite will not write it", file=spec.file,
                       hint="Use a shared repository made with ordinary git commits.")


def _too_big(spec: GitSpec, commit: str, path: str, size: int) -> LgsiteError:
    return LgsiteError(f"'{path}' in commit {commit[:12]} of {spec.url} is {_mb(size)}, over the "
                       f"{_mb(MAX_FILE_BYTES)} limit for one file of a shared source", file=spec.file,
                       hint="Keep large files out of the shared repository, or pin a commit without them.")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


# Writing it out, never through a link ------------------------------------------------


def _write_tree(spec: GitSpec, repo: Path, commit: str, entries: list[_Entry], into: Path) -> None:
    """Every file of `commit`, exactly the bytes committed, via one `git cat-file --batch`."""
    command = _git_command(["cat-file", "--batch"], repo)
    root = os.open(into, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, env=_env()) as proc:
            assert proc.stdin is not None and proc.stdout is not None
            try:
                for entry in entries:
                    proc.stdin.write(entry.sha + b"\n")
                    proc.stdin.flush()
                    data = _read_blob(proc.stdout, entry)
                    try:
                        _write_entry(root, entry, data)
                    except OSError as error:
                        if error.errno not in (errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.ELOOP):
                            raise
                        raise _clash(spec, commit, entry.path, "where a link or another file already is") from None
            finally:
                proc.stdin.close()
    finally:
        os.close(root)


def _read_blob(stream: IO[bytes], entry: _Entry) -> bytes:
    header = stream.readline().split()
    if len(header) != 3 or header[1] != b"blob":
        raise GitFailed(f"git cat-file failed: could not read {entry.path} from the cache",
                        hint="Delete the cache folder and build again.")
    size = int(header[2])
    if size != entry.size:
        raise GitFailed(f"git cat-file failed: {entry.path} is not the size git listed",
                        hint="Delete the cache folder and build again.")
    data = stream.read(size + 1)  # the blob and git's trailing newline
    if len(data) != size + 1:
        raise GitFailed(f"git cat-file failed: {entry.path} was cut short",
                        hint="Delete the cache folder and build again.")
    return data[:size]


def _write_entry(root: int, entry: _Entry, data: bytes) -> None:
    """Create the entry below the folder `root` refers to, one name at a time, following no link.

    Each folder is opened with O_NOFOLLOW and each file created with O_EXCL,
    so even a name that differs only in case on a case-insensitive disk can
    never lead outside.
    """
    *folders, name = entry.path.split("/")
    opened: list[int] = []
    here = root
    try:
        for folder in folders:
            try:
                os.mkdir(folder, 0o755, dir_fd=here)
            except FileExistsError:
                pass  # made for an earlier file; the open below refuses anything but a real folder
            here = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=here)
            opened.append(here)
        if entry.mode == LINK:
            os.symlink(os.fsdecode(data), name, dir_fd=here)  # the layer scan rejects links that leave the source
            return
        mode = 0o755 if entry.mode == EXECUTABLE else 0o644
        handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode, dir_fd=here)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    finally:
        for handle in opened:
            os.close(handle)


# The manifest: what a written-out commit must still hold -----------------------------


def _write_manifest(file: Path, entries: list[_Entry]) -> None:
    data = {entry.path: [entry.mode.decode(), entry.sha.decode()] for entry in entries}
    temp = file.with_name(file.name + ".tmp")
    temp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    os.replace(temp, file)


def _read_manifest(file: Path) -> dict[str, _Entry] | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return {path: _Entry(mode.encode(), sha.encode(), path) for path, (mode, sha) in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return None  # missing or unreadable: the tree is written again


def _differences(tree: Path, manifest: dict[str, _Entry]) -> list[str]:
    """Paths below `tree` that are not as the manifest says: changed, missing or added."""
    algorithm = "sha256" if any(len(entry.sha) == 64 for entry in manifest.values()) else "sha1"
    found: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(tree, followlinks=False):
        for name in dirs + names:
            path = Path(folder) / name
            if name in dirs and not path.is_symlink():
                continue
            found[path.relative_to(tree).as_posix()] = blob_id(path, algorithm)
    problems = [f"{path} added" for path in sorted(set(found) - set(manifest))]
    for path, entry in sorted(manifest.items()):
        if path not in found:
            problems.append(f"{path} missing")
        elif found[path] != entry.sha or (entry.mode == LINK) != os.path.islink(tree / path):
            problems.append(f"{path} changed")
    return problems


def blob_id(path: Path, algorithm: str) -> bytes:
    """Git's id for the file's content (sha1 of `blob <size>\\0<bytes>`), or of a link's target."""
    if path.is_symlink():
        data = os.fsencode(os.readlink(path))
    elif path.is_file():
        data = path.read_bytes()
    else:
        return b"not a file"
    digest = hashlib.new(algorithm, usedforsecurity=False)
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest().encode()
