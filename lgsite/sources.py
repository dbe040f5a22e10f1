"""Where shared layers come from: the bundled content model or a local folder.

A source is a folder of Markdown pages with a name and a version, so every page
can say exactly where its text came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .errors import LgsiteError
from .gitsource import GitCache, GitSpec, parse_git_spec
from .lock import Lock, pin_for

BUNDLED = "bundled"
CACHE_DIR = ".lgsite/cache"


class SourceKind(StrEnum):
    """Where a shared layer's pages are read from (a str enum: the report shows the plain word)."""

    BUNDLED = "bundled"  # the content model installed with lgsite
    PATH = "path"  # a folder on this machine, read as it is
    GIT = "git"  # a git repository, checked out at the commit the lock pins


@dataclass(frozen=True)
class Source:
    """One shared layer: its pages live under `root`."""

    name: str
    kind: SourceKind
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

    return Source(name=BUNDLED, kind=SourceKind.BUNDLED, root=bundled_model_dir() / "pages", version=__version__)


def git_cache(base: Path) -> GitCache:
    """The council's cache of git sources, named in messages as the council would find it."""
    return GitCache(base / CACHE_DIR, display=CACHE_DIR)


def git_specs(specs: list[str], base: Path, config_file: str) -> list[GitSpec]:
    """The git sources of the plugin's `shared:` list, without fetching or checking out anything."""
    found = [parse_git_spec(spec, base, config_file) for spec in specs if spec != BUNDLED]
    return [spec for spec in found if spec is not None]


def pages_root(root: Path, spec: str, config_file: str) -> Path:
    """The source's `pages` folder if it has one, else the source itself.

    A `pages` that is a link leading out of the source would publish whatever
    folder of the build machine it names, so it is refused.
    """
    pages = root / "pages"
    if pages.is_symlink() and not pages.resolve().is_relative_to(root.resolve()):
        raise LgsiteError(f"shared source '{spec}' has a pages folder that is a link to a folder outside it",
                          file=config_file, hint="Put the pages in the source itself; lgsite publishes nothing "
                                                 "from outside a shared source.")
    return pages if pages.is_dir() else root


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
            out = git_cache(base).checkout(git, pin_for(lock, git.name, git.url, git.ref))
            root = pages_root(out.path, git.text, config_file)
            sources.append(Source(name=git.name, kind=SourceKind.GIT, root=root, version=out.commit, url=git.url, ref=git.ref,
                                  git=git))
            continue
        root = (base / spec).resolve()
        if not root.is_dir():
            raise LgsiteError(
                f"shared source '{spec}' is not a folder ({root})",
                file=config_file,
                hint="Correct the path under plugins: lgsite: shared:, relative to mkdocs.yml.",
            )
        sources.append(Source(name=spec, kind=SourceKind.PATH, root=pages_root(root, spec, config_file), version="working copy"))
    names = [source.name for source in sources]
    for name in names:
        if names.count(name) > 1:
            raise LgsiteError(f"two shared sources are both called '{name}'", file=config_file,
                              hint="Give each shared source a different folder or repository name.")
    return sources
