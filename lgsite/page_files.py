"""The Markdown pages a command that reads pages, not a built site (`lgsite lint`, `lgsite review`), is given.

A content designer names what they work on: a page, a council's folder or a
shared library. Each command must read the same pages for the same folder, so
the choice is made here once: a council's own pages are in its `docs/`, a
library's in its `pages/`; built sites and hidden folders are never pages. The
folder is read as a build reads a shared source (`layers.scan`), since lint runs
in CI on changes proposed by anyone: a link to a file outside the folder is an
error, not a way to print that file's words.
"""

from __future__ import annotations

from pathlib import Path

from .errors import LgsiteError
from .layers import LayerFile, display_path, scan

COUNCIL_FILE = "council.yml"
SKIPPED_FOLDERS = frozenset({"site", "node_modules", "overrides"})


def page_files(path: Path, base: Path) -> list[LayerFile]:
    """The pages `path` names, in path order, named from `base`: a file; a council's docs/;
    a library's pages/; else every .md below the folder."""
    if path.is_file():
        return [LayerFile(path.name, path, display_path(path.resolve(), base), None)]
    if not path.is_dir():
        raise LgsiteError("no such file or folder", file=str(path),
                          hint="Give a council's folder, a library, or a page.")
    for folder in ("docs", "pages"):
        if (path / folder).is_dir() and ((path / COUNCIL_FILE).is_file() or (path / "mkdocs.yml").is_file()
                                          or folder == "pages"):
            path = path / folder
            break
    found = scan(path.resolve(), None, base)
    return [found[relative] for relative in sorted(found) if relative.endswith(".md")
            and not SKIPPED_FOLDERS & set(relative.split("/")[:-1])]
