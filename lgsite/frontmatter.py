"""Front matter: the YAML block between `---` lines at the top of a page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import LgsiteError
from .yamlfile import LocatedData, parse_yaml


@dataclass
class SplitPage:
    meta: LocatedData
    body: str
    body_line: int  # the 1-based line of the file on which `body` starts

    @property
    def data(self) -> dict[str, Any]:
        return self.meta.data


def split(text: str, file: str) -> SplitPage:
    """Separate front matter from the Markdown body, keeping line numbers true.

    Editors on Windows may start a file with a byte order mark and end lines with
    CR LF (old Macs with CR alone): all are read as plain lines, or the `---` on
    the first line would not be seen and the page would lose its front matter.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return SplitPage(LocatedData({}, file), text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            meta = parse_yaml("\n".join(lines[1:index]), file, first_line=2)
            if meta.data is None:
                meta.data = {}
            if not isinstance(meta.data, dict):
                raise LgsiteError("front matter must be a mapping of keys to values", file=file, line=2,
                                  hint="Write it as key: value lines between the --- lines.")
            return SplitPage(meta, "\n".join(lines[index + 1 :]), index + 2)
    raise LgsiteError("front matter starts with --- but never ends", file=file, line=1,
                      hint="Add a closing --- line after the front matter.")


def join(meta: dict[str, Any], body: str) -> str:
    """Write a page back out; used for generated and merged pages."""
    import yaml

    if not meta:
        return body
    # libyaml's emitter writes the same text about five times faster than the pure-Python one.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    head = yaml.dump(meta, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return f"---\n{head}---\n{body}"
