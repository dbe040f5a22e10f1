"""Putting a built site in place without ever losing a file.

`lgsite build` replaces the whole site folder in one step, so whatever stands at
the site folder is deleted. The site folder must therefore never be, contain or
sit inside a folder the council keeps: its pages (`docs/`), the council folder
itself, or a shared source. MkDocs checks `site_dir` against `docs_dir` only,
and not at all for a folder given on the command line.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .errors import LgsiteError
from .layers import display_path

STAGING = "-building-"
OLD = "-old"


def check_site_dir(target: Path, *, council: Path, kept: dict[str, Path], marker: str) -> None:
    """Refuse a site folder whose replacement would delete something the council keeps.

    `kept` names folders that must survive a build, such as docs/ and each
    local shared source. A site folder inside the council folder (site/,
    public/) is normal; one that is the council folder or above it is not.
    A folder that is already there is replaced only when it is empty or holds
    `marker`, the build report every lgsite build writes: anything else there
    (mkdocs.yml, .git, a theme folder) is the council's own.
    """
    target = target.resolve()
    shown = display_path(target, council)
    if target == council or council.is_relative_to(target):
        raise LgsiteError(f"the site folder {shown} is or contains the council folder (where mkdocs.yml is)",
                          hint="Building would delete it; give --site-dir (or site_dir:) a folder of its own, "
                               "such as site.")
    for what, folder in kept.items():
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target) or target.is_relative_to(folder):
            raise LgsiteError(f"the site folder {shown} is, contains or sits inside {what} "
                              f"({display_path(folder, council)})",
                              hint="Building would delete or mix with those files; give --site-dir "
                                   "(or site_dir:) a folder of its own, such as site.")
    if target.exists() and not target.is_dir():
        raise LgsiteError(f"the site folder {shown} is a file", hint="Give --site-dir (or site_dir:) a folder.")
    if target.is_dir() and any(target.iterdir()) and not (target / marker).is_file():
        raise LgsiteError(f"the site folder {shown} holds files that lgsite did not build (it has no {marker})",
                          hint="Building would delete them; choose another folder, or empty this one yourself.")


def remove_leftovers(target: Path) -> None:
    """Delete staging and old folders an interrupted build left beside the site folder.

    Only names lgsite itself makes (`.site-building-*`, `.site-old` for a site
    folder called site) are touched.
    """
    if not target.parent.is_dir():
        return
    for leftover in target.parent.glob(f".{target.name}{STAGING}*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover)
    old = old_folder(target)
    if old.is_dir() and not old.is_symlink():
        shutil.rmtree(old)


def old_folder(target: Path) -> Path:
    return target.with_name(f".{target.name}{OLD}")


def staging_folder(target: Path) -> Path:
    """A fresh folder beside the site folder, so the final swap is a rename on one disk."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}{STAGING}", dir=target.parent))


def swap_in(staging: Path, target: Path) -> None:
    """Replace the site folder with the finished build; if the last step fails, put the old site back."""
    old = None
    if target.exists():
        old = old_folder(target)
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    try:
        staging.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def measure(site: Path) -> tuple[int, int]:
    """How many HTML pages the built site has, and how many bytes all its files take."""
    pages = size = 0
    for file in site.rglob("*"):
        if file.is_file() and not file.is_symlink():
            size += file.stat().st_size
            pages += file.suffix == ".html"
    return pages, size
