"""Where shared layers come from: the bundled content model or a local folder.

A source is a folder of Markdown pages with a name and a version, so every page
can say exactly where its text came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import LgsiteError
from .gitsource import GitCache, GitSpec, parse_git_spec
from .lock import Lock, pin_for

BUNDLED = "bundled"
CACHE_DIR = ".lgsite/cache"


@dataclass(frozen=True)
class Source:
    """One shared layer: its pages live under `root`."""

    name: str
    kind: str  # "bundled", "path" or "git"
    root: Path
    version: str = ""
    url: str = ""
    ref: str = ""  # for a git source: the tag, branch or commit the council asked for
    git: GitSpec | None = None  # for a git source: how to fetch it again (lgsite update)


def bundled_model_dir() -> Path:
    """The content model that ships inside the package."""
    from . import content_model

    return Path(content_model.__file__).parent


def bundled_source() -> Source:
    from . import __version__

    return Source(name=BUNDLED, kind="bundled", root=bundled_model_dir() / "pages", version=__version__)


def resolve_sources(specs: list[str], base: Path, config_file: str, lock: Lock) -> list[Source]:
    """Turn the plugin's `shared:` list into sources, lowest layer first.

    A git source is built from the commit pinned in the lock when there is one,
    so every build of the same council repository uses the same shared text.
    """
    sources: list[Source] = []
    for spec in specs:
        if spec == BUNDLED:
            sources.append(bundled_source())
            continue
        git = parse_git_spec(spec, base, config_file)
        if git is not None:
            out = GitCache(base / CACHE_DIR).checkout(git, pin_for(lock, git.name, git.url, git.ref))
            root = out.path / "pages" if (out.path / "pages").is_dir() else out.path
            sources.append(Source(name=git.name, kind="git", root=root, version=out.commit, url=git.url, ref=git.ref,
                                  git=git))
            continue
        root = (base / spec).resolve()
        if not root.is_dir():
            raise LgsiteError(
                f"shared source '{spec}' is not a folder ({root})",
                file=config_file,
                hint="Correct the path under plugins: lgsite: shared:, relative to mkdocs.yml.",
            )
        pages = root / "pages" if (root / "pages").is_dir() else root
        sources.append(Source(name=spec, kind="path", root=pages, version="working copy"))
    names = [source.name for source in sources]
    for name in names:
        if names.count(name) > 1:
            raise LgsiteError(f"two shared sources are both called '{name}'", file=config_file,
                              hint="Give each shared source a different folder or repository name.")
    return sources
