"""One reader for built pages: parse a page once, then ask it for elements, text, links, JSON-LD and meta tags.

Tests read the HTML with the standard library's parser rather than by
searching the text, so that an assertion about a link or a heading holds
however the minifier writes quotes and spaces.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Element:
    """An element with its attributes in the order written, its children and its parent."""

    tag: str
    attributes: list[tuple[str, str]] = field(default_factory=list)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)

    def __eq__(self, other: object) -> bool:
        """The same element, children and text; attributes in any order (the cleaner may reorder them)."""
        if not isinstance(other, Element):
            return NotImplemented
        return (self.tag, self.attrs, self.children) == (other.tag, other.attrs, other.children)

    __hash__ = None  # type: ignore[assignment]  # mutable, so not hashable

    @property
    def attrs(self) -> dict[str, str]:
        return dict(self.attributes)

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attributes if key == name), None)

    @property
    def raw_text(self) -> str:
        """The text inside, exactly as written (JSON-LD is read from this)."""
        return "".join(child if isinstance(child, str) else child.raw_text for child in self.children)

    @property
    def text(self) -> str:
        """The text inside with whitespace runs as single spaces: the minifier may fold a line break."""
        return " ".join(self.raw_text.split())

    def elements(self) -> list[Element]:
        """Every element inside, in document order."""
        found: list[Element] = []
        for child in self.children:
            if isinstance(child, Element):
                found.append(child)
                found += child.elements()
        return found

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Elements inside with this tag and these attribute values (`class_` for class, `data_x` for data-x)."""
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
        return [element for element in self.elements()
                if (tag is None or element.tag == tag) and all(element.get(k) == v for k, v in wanted.items())]

    def find(self, tag: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def one(self, tag: str | None = None, **attrs: str) -> Element:
        """The element that must be there."""
        found = self.find(tag, **attrs)
        assert found is not None, f"no <{tag or '*'}> with {attrs}"
        return found

    @property
    def classes(self) -> list[str]:
        return (self.get("class") or "").split()

    def ancestors(self) -> list[Element]:
        """The enclosing elements, innermost first."""
        found = []
        parent = self.parent
        while parent is not None and parent.tag != "document":
            found.append(parent)
            parent = parent.parent
        return found

    def inside(self, tag: str, **attrs: str) -> bool:
        """Whether an enclosing element has this tag and these attribute values."""
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
        return any(parent.tag == tag and all(parent.get(k) == v for k, v in wanted.items())
                   for parent in self.ancestors())

    def links(self) -> list[str]:
        """Every link's href inside, in order."""
        return [href for a in self.find_all("a") if (href := a.get("href")) is not None]

    def json_ld(self, kind: str | None = None) -> list[Any]:
        """The JSON-LD blocks inside, as data; with `kind`, only the items of that @type."""
        items = [json.loads(script.raw_text) for script in self.find_all("script", type="application/ld+json")]
        return items if kind is None else [item for item in items if item.get("@type") == kind]

    def meta(self, name: str) -> str | None:
        """The content of the <meta> with this name (or property, for Open Graph)."""
        for element in self.find_all("meta"):
            if name in (element.get("name"), element.get("property")):
                return element.get("content")
        return None

    @property
    def shape(self) -> list[tuple[str, tuple[str, ...]]]:
        """Tags and attribute names, in order: what a payload that escaped its context would change."""
        return [(element.tag, tuple(key for key, _ in element.attributes)) for element in self.elements()]


class _Reader(HTMLParser):
    # A browser reads <title> as text up to </title> (RCDATA), and the minifier relies on it: it writes
    # "<img" there unescaped. html.parser before Python 3.14 does not know, so the reader tells it.
    OLD_TITLE = "title" not in getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("document")
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, [(key, value or "") for key, value in attrs], parent=self.open[-1])
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)
        if tag == "title" and self.OLD_TITLE:
            self.set_cdata_mode(tag)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        if self.OLD_TITLE and self.cdata_elem == "title":
            data = html.unescape(data)
        self.open[-1].children.append(data)


def parse(text: str) -> Element:
    """A whole page (or a fragment) as a tree under a `document` element."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.root


def read_page(site: Path, url_path: str) -> Element:
    """The built page at a URL path such as `housing/` (or `` for the home page)."""
    return parse((site / url_path / "index.html").read_text(encoding="utf-8"))
