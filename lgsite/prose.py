"""The lines of a Markdown page that are prose, not fenced code.

Variables, section headings and links are only looked for outside fenced code
blocks, so a page can show `{{ council.name }}`, a `## heading` or a link as an
example of what to write.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def lines_outside_code(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """Each line with its index and whether it is prose (False inside a fenced block, fences included)."""
    fence: str | None = None
    for index, line in enumerate(markdown.split("\n")):
        marker = FENCE.match(line)
        if marker and fence is None:
            fence = marker.group(1)[0] * 3
            yield index, line, False
        elif marker and fence is not None and marker.group(1).startswith(fence):
            fence = None
            yield index, line, False
        else:
            yield index, line, fence is None


def map_prose(markdown: str, change: Callable[[int, str], str]) -> str:
    """`markdown` with `change(index, line)` applied to every prose line."""
    return "\n".join(change(index, line) if prose else line for index, line, prose in lines_outside_code(markdown))
