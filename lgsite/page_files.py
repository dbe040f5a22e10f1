"""The Markdown pages a command that reads pages, not a built site (`lgsite lint`, `lgsite review`), is given.

A content designer names what they work on: a page, a council's folder or a
shared library. Each command must read the same pages for the same folder, so
the choice is made here once: a council's own pages are in its `docs/`, a
library's in its `pages/`; built sites and hidden folders are never pages.
"""

from __future__ import annotations

from pathlib import Path

from .errors import LgsiteError

COUNCIL_FILE = "council.yml"
SKIPPED_FOLDERS = frozenset({"site", "node_modules", "overrides"})


def markdown_files(path: Path) -> list[Path]:
    """The pages `path` names: a file; a council's docs/; a library's pages/; else every .md under it."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise LgsiteError("no such file or folder", file=str(path), hint="Give a council's folder, a library, or a page.")
    for folder in ("docs", "pages"):
        if (path / folder).is_dir() and ((path / COUNCIL_FILE).is_file() or (path / "mkdocs.yml").is_file()
                                          or folder == "pages"):
            path = path / folder
            break
    return sorted(file for file in path.rglob("*.md")
                  if not any(part.startswith(".") or part in SKIPPED_FOLDERS for part in file.relative_to(path).parts))
