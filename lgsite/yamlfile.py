"""The one place lgsite reads YAML: safe, bounded, and remembering where each key was.

Front matter, council.yml, lgsite.lock, the content types and the architecture
files all come through `parse_yaml`, so all of them get the same guarantees: only
plain data (PyYAML's safe loader), dates left as text for validation, aliases and
nesting bounded so a few hundred bytes cannot take gigabytes, a byte order mark
ignored, and every problem one `LgsiteError` with the file and, where known, the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
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


ALIAS_LIMIT = 10_000  # values one document may reach through aliases
DEPTH_LIMIT = 50  # how deeply mappings and lists may nest, aliases followed


def _record_lines(node: yaml.Node, lines: dict[KeyPath, int], offset: int, file: str) -> None:
    """Note every key's line, and refuse nesting deep enough to exhaust the parsers that read the data later."""
    stack: list[tuple[yaml.Node, KeyPath]] = [(node, ())]
    while stack:
        current, prefix = stack.pop()
        if len(prefix) > DEPTH_LIMIT:
            raise LgsiteError(f"nests lists and mappings more than {DEPTH_LIMIT} levels deep", file=file,
                              line=current.start_mark.line + 1 + offset, hint="Flatten the structure.")
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                path = prefix + (str(key.value),)
                lines[path] = key.start_mark.line + 1 + offset
                stack.append((value, path))
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                path = prefix + (str(index),)
                lines[path] = item.start_mark.line + 1 + offset
                stack.append((item, path))


def parse_yaml(text: str, file: str, *, first_line: int = 1) -> LocatedData:
    """Parse `text` (which starts at `first_line` of `file`) into data with key lines.

    Dates stay strings here on purpose: validation decides what a date is, and a
    council's "2026-13-01" must be reported, not silently become a string or crash.

    Shared sources are untrusted, so aliases are bounded: a document with anchors
    is composed by the pure-Python parser, which checks each alias where it is
    written (see _BoundedComposer) before anything is built from it.
    """
    text = text.removeprefix("\ufeff")
    offset = first_line - 1
    lines: dict[KeyPath, int] = {}
    if not ("&" in text and "*" in text):  # no anchor, or no alias: libyaml cannot make an alias bomb
        try:
            data = _compose_and_load(text, _FastLoader, lines, offset, file)
        except yaml.YAMLError:
            lines.clear()  # libyaml's messages differ: let the pure-Python parser word the error
        else:
            return LocatedData(data=data, file=file, lines=lines, first_line=first_line)
    try:
        data = _compose_and_load(text, _StringDateLoader, lines, offset, file)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        kind = "YAML error" if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax error"
        raise LgsiteError(
            f"{kind}: {problem}",
            file=file,
            line=line,
            hint="Check the indentation and quoting on that line.",
        ) from None
    except yaml.reader.ReaderError as exc:
        raise LgsiteError(f"has the control character U+{exc.character:04X}, which YAML does not allow", file=file,
                          line=text[: exc.position].count("\n") + 1 + offset,
                          hint="Delete it, or write it as an escape in double quotes.") from None
    except yaml.YAMLError as exc:
        raise LgsiteError(f"YAML error: {exc}", file=file) from None
    return LocatedData(data=data, file=file, lines=lines, first_line=first_line)


def _compose_and_load(text: str, loader_class: type, lines: dict[KeyPath, int], offset: int, file: str) -> Any:
    """Parse once: compose the node tree, note every key's line, then build the data from the same tree."""
    loader = loader_class(text)
    loader.where = (file, offset)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _record_lines(node, lines, offset, file)  # before constructing, which flattens merge keys in place
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
    except IsADirectoryError:
        raise LgsiteError("is a folder, not a file", file=name, hint="Replace it with the YAML file.") from None
    except OSError as exc:
        raise LgsiteError(f"cannot be read: {exc.strerror}", file=name, hint="Check its permissions.") from None
    return parse_yaml(text, name)


class _BoundedComposer:
    """A composer that checks each alias where it is written, before any data is built.

    An alias to a mapping or list that is still open (`tags: &a [*a]`) would make
    data that contains itself; an alias repeats everything under its anchor, so
    nine aliases of nine aliases of ... (the "billion laughs") make a few hundred
    bytes into gigabytes. Each anchored node's size with its aliases expanded is
    counted once and remembered, so the check is as quick as the parse.
    """

    where: tuple[str, int]

    def compose_document(self) -> yaml.Node:
        self.reached = 0  # values reached through aliases so far
        self.sizes: dict[int, int] = {}
        self.depth = 0
        return super().compose_document()  # type: ignore[misc]

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()  # type: ignore[attr-defined]
        file, offset = self.where
        line = event.start_mark.line + 1 + offset
        if not isinstance(event, yaml.AliasEvent):
            self.depth += 1  # the composer recurses: stop before Python's stack does, with a line
            if self.depth > DEPTH_LIMIT:
                raise LgsiteError(f"nests lists and mappings more than {DEPTH_LIMIT} levels deep", file=file,
                                  line=line, hint="Flatten the structure.")
            try:
                return super().compose_node(parent, index)  # type: ignore[misc]
            finally:
                self.depth -= 1
        node = super().compose_node(parent, index)  # type: ignore[misc]
        if node.end_mark is None:  # the composer has not finished the anchored node: it contains this alias
            raise LgsiteError(f"the alias *{event.anchor} is inside the value it names, so it never ends",
                              file=file, line=line, hint=f"Remove *{event.anchor} or move it out of &{event.anchor}.")
        self.reached += self._size(node)
        if self.reached > ALIAS_LIMIT:
            raise LgsiteError(f"aliases repeat more than {ALIAS_LIMIT:,} values by *{event.anchor}",
                              file=file, line=line, hint="Write the values out instead of repeating aliases.")
        return node

    def _size(self, root: yaml.Node) -> int:
        """How many nodes `root` holds with every alias expanded; each node counted once, then remembered."""
        sizes = self.sizes
        stack = [(root, False)]
        while stack:
            node, children_done = stack.pop()
            if id(node) in sizes:
                continue
            children = _children(node)
            if children_done:
                sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
                continue
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
        return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _StringDateLoader(_BoundedComposer, yaml.SafeLoader):
    """SafeLoader that leaves dates and times as the strings the author wrote, with aliases bounded."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# An explicit !!timestamp stays text too, for validation to judge.
_StringDateLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


def _checked(construct: Callable[[yaml.SafeLoader, yaml.Node], Any]) -> Callable[[yaml.SafeLoader, yaml.Node], Any]:
    """A scalar constructor that reports a value it cannot build (`!!int x`, a 5,000-digit number) at its line,
    where PyYAML would raise a bare ValueError or KeyError."""

    def construct_or_report(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, LookupError, TypeError, ArithmeticError):
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read '{shown}' as {node.tag.rsplit(':', 1)[-1]}", node.start_mark
            ) from None

    return construct_or_report


for _kind in ("int", "float", "bool"):
    _tag = f"tag:yaml.org,2002:{_kind}"
    _StringDateLoader.add_constructor(_tag, _checked(yaml.SafeLoader.yaml_constructors[_tag]))

# libyaml parses every page's front matter about ten times faster than the pure-Python
# parser; the values are resolved by the same Python resolver, so dates stay strings.
# Its composer is C, so it cannot bound aliases: parse_yaml uses it only without them.
if getattr(yaml, "CSafeLoader", None) is not None:

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        """The C parser with _StringDateLoader's resolvers and constructors."""

    _FastLoader.yaml_implicit_resolvers = _StringDateLoader.yaml_implicit_resolvers
    _FastLoader.yaml_constructors = _StringDateLoader.yaml_constructors
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _StringDateLoader
