"""Where shared layers come from: the bundled content model or a local folder.

A source is a folder of Markdown pages with a name and a version, so every page
can say exactly where its text came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import LgsiteError

BUNDLED = "bundled"


@dataclass(frozen=True)
class Source:
    """One shared layer: its pages live under `root`."""

    name: str
    kind: str  # "bundled", "path" or "git"
    root: Path
    version: str = ""
    url: str = ""


def bundled_model_dir() -> Path:
    """The content model that ships inside the package."""
    from . import content_model

    return Path(content_model.__file__).parent


def bundled_source() -> Source:
    from . import __version__

    return Source(name=BUNDLED, kind="bundled", root=bundled_model_dir() / "pages", version=__version__)


def resolve_sources(specs: list[str], base: Path, config_file: str) -> list[Source]:
    """Turn the plugin's `shared:` list into sources, lowest layer first."""
    sources: list[Source] = []
    for spec in specs:
        if spec == BUNDLED:
            sources.append(bundled_source())
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
    return sources
