"""Keeping a page's Markdown links working when its text is published at another path.

MkDocs resolves a relative link against the path of the page that contains it.
A guide's parts are published below the guide (`council-tax/if-you-move-home.md`),
one folder deeper than the text was written, so every relative link and image in
a part has to be rewritten to point at the same target from there; and a link to
one of the guide's own sections (`#if-you-move-home`) has to go to the page that
now holds that section.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from ..prose import map_prose
from ..urls import resolve_ref

# A code span (left alone), or the target of an inline link or image: [text](target "title").
INLINE = re.compile(r"(?P<code>`+).*?(?P=code)|(?P<open>\]\(\s*<?)(?P<target>[^\s)>]+)")
# A reference definition: [id]: target "title".
REFERENCE = re.compile(r"^(?P<open> {0,3}\[[^\]]+\]:\s*<?)(?P<target>[^\s>]+)")
ABSOLUTE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:|/)")

# Where a section of the source page lives now: section id -> page path, or None if not moved.
SectionHome = Callable[[str], str | None]
# Where a file a link means is published: a translated page's links name the English files.
Moved = Callable[[str], str]


def _unmoved(path: str) -> str:
    return path


def relink(markdown: str, source: str, target: str, section_home: SectionHome, moved: Moved = _unmoved) -> str:
    """`markdown`, written for the page at `source`, with its links rewritten for the page at `target`."""
    return map_prose(markdown, lambda _, line: _relink_line(line, source, target, section_home, moved))


def _relink_line(line: str, source: str, target: str, section_home: SectionHome, moved: Moved) -> str:
    def inline(match: re.Match[str]) -> str:
        if match.group("code"):
            return match.group(0)
        return match.group("open") + rebase(match.group("target"), source, target, section_home, moved)

    line = REFERENCE.sub(
        lambda m: m.group("open") + rebase(m.group("target"), source, target, section_home, moved), line)
    return INLINE.sub(inline, line)


def rebase(link: str, source: str, target: str, section_home: SectionHome, moved: Moved = _unmoved) -> str:
    """One link target, as the page at `target` must write it to reach what `source` meant."""
    if ABSOLUTE.match(link) or (link.startswith("#") and section_home(link[1:]) is None):
        return link
    path, hash_mark, fragment = link.partition("#")
    meant = resolve_ref(source, path) if path else source
    if meant == source and fragment:
        meant = section_home(fragment) or meant
    meant = moved(meant)
    if meant == target and hash_mark:
        return f"#{fragment}"
    rebased = posixpath.relpath(meant, posixpath.dirname(target) or ".")
    if path.endswith("/"):
        rebased += "/"
    return rebased + hash_mark + fragment
