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
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from .errors import LgsiteError

PREFIX = "git+"
FETCH_TIMEOUT = 600  # seconds; a stalled network must not stall a build for ever
LOCAL_TIMEOUT = 120
FULL_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
HEX = re.compile(r"[0-9a-fA-F]{4,64}")
BAD_REF = re.compile(r"\.\.|[\x00-\x20~^:?*\[\\\x7f]|@\{|//|^/|/$|\.lock$|^\.|/\.|\.$")
REMOTE_HEAD = "refs/lgsite/remote-head"
PINS = "refs/lgsite/pins/"
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


@dataclass(frozen=True)
class GitSpec:
    """One `git+<url>@<ref>` item of the plugin's `shared:` list."""

    text: str  # as the council wrote it
    url: str  # as written, for messages and the lock file
    ref: str  # tag, branch, commit (full or abbreviated) or HEAD
    remote: str  # what git is given: `url`, with a relative local path made absolute
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
    if not url:
        raise LgsiteError(f"shared source '{spec}' has no repository URL", file=file, hint=SPEC_HINT)
    if url.startswith("-"):
        raise LgsiteError(f"shared source '{spec}' has a URL starting with '-'", file=file, hint=SPEC_HINT)
    if ref is not None and (not ref or ref.startswith("-") or BAD_REF.search(ref)):
        raise LgsiteError(f"shared source '{spec}' has an invalid ref '{ref}'", file=file,
                          hint="After the @ put a tag, branch or commit, e.g. @v1 or @main.")
    return GitSpec(text=spec, url=url, ref=ref or "HEAD", remote=_remote(url, base), file=file)


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


def _reason(stderr: bytes) -> str:
    """The line of git's complaint that says most, without the noise around it."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
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


class GitCache:
    """Bare clones of shared repositories and the files of their commits, in one folder.

    Layout: `<cache_dir>/<name>-<urlhash>/git/` (bare repository) and
    `<cache_dir>/<name>-<urlhash>/trees/<commit>/` (that commit's files).
    """

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)

    def repo_dir(self, spec: GitSpec) -> Path:
        return self.cache_dir / spec.cache_name / "git"

    def tree_dir(self, spec: GitSpec, commit: str) -> Path:
        return self.cache_dir / spec.cache_name / "trees" / commit

    # Public operations

    def checkout(self, spec: GitSpec, pinned: str | None = None, *, offline_ok: bool = True,
                 lock_file: str = "lgsite.lock") -> CheckedOut:
        """The files of `pinned` or else of what `spec.ref` names, fetching only when needed.

        A pinned commit whose files are already written out costs nothing: no git
        at all. Unpinned, a tag or full commit the cache already has is used as
        is; a branch is fetched first so a new pin starts from its latest commit,
        falling back to the cache when offline (unless `offline_ok` is False).
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
        return CheckedOut(commit, self._materialise(spec, repo, commit), fetched, offline)

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

    def changed_paths(self, spec: GitSpec, old_commit: str, new_commit: str) -> list[str]:
        """Repository paths (e.g. `pages/bins/index.md`) added, changed or removed between two commits."""
        repo = self._init(spec)
        for commit in (old_commit, new_commit):
            self._ensure(spec, repo, commit)
        out = _git(["diff", "--name-only", "-z", "--no-renames", old_commit, new_commit, "--"], repo)
        return sorted(os.fsdecode(name) for name in out.split(b"\0") if name)

    def file_at(self, spec: GitSpec, commit: str, path: str) -> str | None:
        """The text of repository path `path` at `commit`, or None if it had no such file."""
        tree = self.tree_dir(spec, commit)
        if tree.is_dir():
            file = tree / path
            if file.is_symlink():  # what git holds for a link is its target, never the file it points at
                return os.readlink(file)
            return file.read_bytes().decode("utf-8", "replace") if file.is_file() else None
        repo = self._init(spec)
        self._ensure(spec, repo, commit)
        data = _ok(["cat-file", "blob", f"{commit}:{path}"], repo)
        return None if data is None else data.decode("utf-8", "replace")

    def tags(self, spec: GitSpec) -> list[str]:
        """The cached repository's tags, highest version first, for `lgsite update` to offer."""
        repo = self._init(spec)
        out = _git(["for-each-ref", "--sort=-v:refname", "--format=%(refname:lstrip=2)", "refs/tags"], repo)
        return out.decode("utf-8", "replace").split()

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
        return gone

    # Steps

    def _checkout_pinned(self, spec: GitSpec, pinned: str, lock_file: str) -> CheckedOut:
        if not FULL_COMMIT.fullmatch(pinned):
            raise LgsiteError(f"the commit pinned for {spec.url} is not a full commit id ('{pinned}')",
                              file=lock_file, hint="Run lgsite update to pin it again.")
        tree = self.tree_dir(spec, pinned)
        if tree.is_dir():
            return CheckedOut(pinned, tree)
        repo = self._init(spec)
        fetched = self._ensure(spec, repo, pinned, lock_file)
        self._protect(repo, pinned)
        return CheckedOut(pinned, self._materialise(spec, repo, pinned), fetched)

    def _ensure(self, spec: GitSpec, repo: Path, commit: str, lock_file: str = "lgsite.lock") -> bool:
        """Make sure the cache has `commit`, fetching if not; True if it fetched."""
        if self._has_commit(repo, commit):
            return False
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
        """Fetch every branch and tag; None on success, else why it failed."""
        refspecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"]
        if spec.ref == "HEAD":
            refspecs.append(f"+HEAD:{REMOTE_HEAD}")
        try:
            _git(["fetch", "--prune", "--no-tags", "--quiet", "--", spec.remote, *refspecs], repo,
                 timeout=FETCH_TIMEOUT)
        except GitFailed as failure:
            return failure.message.split(": ", 1)[-1]
        return None

    def _fetch_by_id(self, spec: GitSpec, repo: Path, ref: str) -> str | None:
        """A full commit id on no branch or tag can still be fetched from most servers."""
        if not FULL_COMMIT.fullmatch(ref.lower()):
            return None
        if _ok(["fetch", "--quiet", "--no-tags", "--", spec.remote, ref.lower()], repo) is None:
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

    def _materialise(self, spec: GitSpec, repo: Path, commit: str) -> Path:
        """Write the commit's files once; a half-written folder is never left under the final name."""
        final = self.tree_dir(spec, commit)
        if final.is_dir():
            return final
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{commit[:12]}-", dir=final.parent))
        try:
            _write_tree(repo, commit, temp)
            temp.chmod(0o755)
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


@dataclass(frozen=True)
class _Entry:
    mode: bytes
    sha: bytes
    path: str


def _tree_entries(repo: Path, commit: str) -> list[_Entry]:
    out = _git(["ls-tree", "-r", "-z", "--full-tree", commit], repo)
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.split(b" ")
        if kind != b"blob":
            continue  # a submodule: its files are not in this repository
        path = os.fsdecode(name)
        _check_path(path, commit)
        entries.append(_Entry(mode, sha, path))
    return entries


def _check_path(path: str, commit: str) -> None:
    """Git refuses such names, but a hostile repository could still hold them."""
    parts = PurePosixPath(path).parts
    if path.startswith("/") or any(p in ("..", "") or p.lower() == ".git" for p in parts):
        raise LgsiteError(f"commit {commit[:12]} holds an unsafe file name '{path}'",
                          hint="Use a shared repository whose files stay inside it.")


def _write_tree(repo: Path, commit: str, into: Path) -> None:
    """Every file of `commit`, exactly the bytes committed, via one `git cat-file --batch`."""
    entries = _tree_entries(repo, commit)
    command = _git_command(["cat-file", "--batch"], repo)
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, env=_env()) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        try:
            for entry in entries:
                proc.stdin.write(entry.sha + b"\n")
                proc.stdin.flush()
                _write_entry(entry, _read_blob(proc.stdout, entry), into)
        finally:
            proc.stdin.close()


def _read_blob(stream: IO[bytes], entry: _Entry) -> bytes:
    header = stream.readline().split()
    if len(header) != 3 or header[1] != b"blob":
        raise GitFailed(f"git cat-file failed: could not read {entry.path} from the cache",
                        hint="Delete the cache folder and build again.")
    size = int(header[2])
    data = stream.read(size + 1)  # the blob and git's trailing newline
    if len(data) != size + 1:
        raise GitFailed(f"git cat-file failed: {entry.path} was cut short",
                        hint="Delete the cache folder and build again.")
    return data[:size]


def _write_entry(entry: _Entry, data: bytes, into: Path) -> None:
    target = into / entry.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if entry.mode == b"120000":
        os.symlink(os.fsdecode(data), target)  # the layer scan rejects links that leave the source
        return
    target.write_bytes(data)
    if entry.mode == b"100755":
        target.chmod(0o755)
