"""Resolving each page path through the stack of layers.

The lowest layer is the first shared source; the council's own `docs/` sits on
top. For every path the highest layer that has it wins, unless the council
excluded it; what happened is kept as the page's provenance.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from .errors import LgsiteError
from .frontmatter import split
from .sources import Source, SourceKind


class Origin(StrEnum):
    """How a page came to be in the site. A str enum, so the report, templates and the
    sanitiser see the same plain strings as before."""

    INHERITED = "inherited"  # a shared page, as it is
    LOCAL = "local"  # the council's own page, with no shared page at its path
    OVERRIDE = "override"  # the council's page in place of a whole shared page
    MERGED = "merged"  # a shared page with some of its sections the council's
    EXCLUDED = "excluded"  # a shared page council.yml leaves out
    SIGNPOST = "signpost"  # a shared page this council's tier does not provide, pointing elsewhere
    GENERATED = "generated"  # written by lgsite itself (a listing, an index, a guide's part)
    EXPIRED = "expired"  # a notice past its expiry, left out


@dataclass
class Provenance:
    """Where a page's text came from, for templates and the build report."""

    origin: Origin
    source: str = "local"
    version: str = ""
    path: str = ""
    file: str = ""
    url: str = ""

    def __post_init__(self) -> None:
        self.origin = Origin(self.origin)

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass
class Page:
    """One Markdown page, ready for variables and rendering."""

    path: str
    meta: dict[str, Any]
    body: str
    body_line: int
    provenance: Provenance
    meta_lines: dict[tuple[str, ...], int] = field(default_factory=dict)
    # The front matter as the schema read it: dates, enums, opening hours; see schema.validate_page.
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return str(self.meta.get("type", "page"))

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def unlisted(self) -> bool:
        """`search: {exclude: true}`: a page the council keeps out of search is kept out of the A to Z too,
        since both are how a resident finds a page they do not know the place of."""
        search = self.meta.get("search")
        return isinstance(search, dict) and bool(search.get("exclude"))


def generated_page(path: str, meta: dict[str, Any], body: str = "") -> Page:
    """A page lgsite writes itself (a listing, an index, a guide part), with its provenance saying so."""
    return Page(path, meta, body, 1, Provenance(origin=Origin.GENERATED, source="lgsite", path=path))


@dataclass
class LayerFile:
    path: str
    file: Path
    display: str
    source: Source | None  # None for the council's own docs/


def display_path(path: Path, base: Path) -> str:
    """A path as short as it can be while still pointing at the right file."""
    for start in (base, Path.cwd()):
        if path.is_relative_to(start):
            return os.path.relpath(path, start)
    return str(path)


def _display(file: Path, root: Path, source: Source | None, base: Path) -> str:
    """How messages name a file: relative to the council's folder, or by its shared source
    (`shared:bundled/pages/…`) where the file is not the council's to open (installed, or in the git cache)."""
    if source is None or source.kind is SourceKind.PATH:
        return display_path(file, base)
    inside = file.relative_to(root).as_posix()
    return f"shared:{source.name}/{root.name + '/' if root.name == 'pages' else ''}{inside}"


def scan(root: Path, source: Source | None, base: Path) -> dict[str, LayerFile]:
    """Every file below `root` by its posix path; links that leave `root` are errors."""
    found: dict[str, LayerFile] = {}
    real_root = root.resolve()
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            check_name(Path(folder) / name, base)
        for name in sorted(names):
            if name.startswith("."):
                continue
            file = Path(folder) / name
            check_name(file, base)
            display = _display(file, root, source, base)
            if file.is_symlink() and not file.resolve().is_relative_to(real_root):
                raise LgsiteError(
                    "is a link to a file outside its source folder",
                    file=display,
                    hint="Copy the file into the folder instead of linking to it.",
                )
            relative = file.relative_to(root).as_posix()
            found[relative] = LayerFile(relative, file, display, source)
    return found


def check_name(path: Path, base: Path) -> None:
    """A name that is not UTF-8 cannot become a URL; os.walk hands it over with surrogate escapes."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(display_path(path, base)).decode("utf-8", "backslashreplace")
        raise LgsiteError("has a name that is not UTF-8 text", file=shown,
                          hint="Rename it using UTF-8 characters.") from None


def read_markdown(layer_file: LayerFile) -> str:
    data = layer_file.file.read_bytes()
    if b"\x00" in data:
        raise LgsiteError("is a binary file, not Markdown", file=layer_file.display,
                          hint="Remove it or give it a name that does not end in .md.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LgsiteError("is not UTF-8 text", file=layer_file.display, line=line,
                          hint="Save the file as UTF-8.") from None


def load_page(layer_file: LayerFile, origin: Origin) -> Page:
    parts = split(read_markdown(layer_file), layer_file.display)
    source = layer_file.source
    provenance = Provenance(
        origin=origin,
        source=source.name if source else "local",
        version=source.version if source else "",
        path=layer_file.path,
        file=layer_file.display,
        url=source.url if source else "",
    )
    return Page(layer_file.path, parts.data, parts.body, parts.body_line, provenance, parts.meta.lines)


@dataclass
class Stack:
    """All layers' files, lowest shared source first and the council's docs last."""

    shared: list[dict[str, LayerFile]]
    local: dict[str, LayerFile]

    def shared_file(self, path: str) -> LayerFile | None:
        for layer in reversed(self.shared):
            if path in layer:
                return layer[path]
        return None

    def paths(self) -> list[str]:
        every: set[str] = set(self.local)
        for layer in self.shared:
            every.update(layer)
        return sorted(every)


def build_stack(sources: list[Source], docs_dir: Path, base: Path) -> Stack:
    return Stack(
        shared=[scan(source.root, source, base) for source in sources],
        local=scan(docs_dir, None, base) if docs_dir.is_dir() else {},
    )
