"""YAML loading that remembers where each key was, so errors can point at a line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import LgsiteError

KeyPath = tuple[str, ...]


@dataclass
class LocatedData:
    """Parsed YAML plus the 1-based line of every mapping key, by its dotted path."""

    data: Any
    file: str
    lines: dict[KeyPath, int] = field(default_factory=dict)
    first_line: int = 1

    def line(self, *path: str | int) -> int | None:
        """The line of the deepest key of `path` that the file has."""
        keys = tuple(str(p) for p in path)
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return None

    def error(self, path: tuple[str | int, ...], message: str, hint: str | None = None) -> LgsiteError:
        return LgsiteError(message, file=self.file, line=self.line(*path), hint=hint)


def _record_lines(node: yaml.Node, prefix: KeyPath, lines: dict[KeyPath, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = prefix + (str(key.value),)
            lines[path] = key.start_mark.line + 1 + offset
            _record_lines(value, path, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = prefix + (str(index),)
            lines[path] = item.start_mark.line + 1 + offset
            _record_lines(item, path, lines, offset)


def parse_yaml(text: str, file: str, *, first_line: int = 1) -> LocatedData:
    """Parse `text` (which starts at `first_line` of `file`) into data with key lines.

    Dates stay strings here on purpose: validation decides what a date is, and a
    council's "2026-13-01" must be reported, not silently become a string or crash.
    """
    offset = first_line - 1
    lines: dict[KeyPath, int] = {}
    try:
        data = _compose_and_load(text, _FastLoader, lines, offset)
    except yaml.YAMLError:
        lines.clear()  # libyaml's messages differ: let the pure-Python parser word the error
        data = None
    else:
        return LocatedData(data=data, file=file, lines=lines, first_line=first_line)
    try:
        data = _compose_and_load(text, _StringDateLoader, lines, offset)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise LgsiteError(
            f"YAML syntax error: {problem}",
            file=file,
            line=line,
            hint="Check the indentation and quoting on that line.",
        ) from None
    except yaml.YAMLError as exc:
        raise LgsiteError(f"YAML error: {exc}", file=file) from None
    return LocatedData(data=data, file=file, lines=lines, first_line=first_line)


def _compose_and_load(text: str, loader_class: type, lines: dict[KeyPath, int], offset: int) -> Any:
    """Parse once: compose the node tree, note every key's line, then build the data from the same tree."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _record_lines(node, (), lines, offset)  # before constructing, which flattens merge keys in place
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_yaml_file(path: Path, display: str | None = None) -> LocatedData:
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LgsiteError("file not found", file=name, hint="Create it or correct the path.") from None
    except UnicodeDecodeError:
        raise LgsiteError("is not UTF-8 text", file=name, hint="Save it as UTF-8.") from None
    return parse_yaml(text, name)


class _StringDateLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates and times as the strings the author wrote."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml parses every page's front matter about ten times faster than the pure-Python
# parser; the values are resolved by the same Python resolver, so dates stay strings.
if getattr(yaml, "CSafeLoader", None) is not None:

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        """The C parser with _StringDateLoader's resolvers."""

    _FastLoader.yaml_implicit_resolvers = _StringDateLoader.yaml_implicit_resolvers
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _StringDateLoader
