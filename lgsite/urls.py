"""Where a page lives: the site path a front matter or Markdown reference means, and its URL."""

from __future__ import annotations

import posixpath


def resolve_ref(from_path: str, ref: str) -> str:
    """The site path `ref` means when the page at `from_path` makes it: references are relative to that page."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_path), ref))


def page_url(path: str) -> str:
    """The directory-style URL MkDocs gives a page, relative to the site root."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"
