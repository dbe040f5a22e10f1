"""Wide tables a keyboard can reach: every content table sits in a focusable, named scroll region.

Councils publish tables with many columns (fees, ward results, exports from old systems).
On a 375 px screen such a table is wider than the page; the theme lets it scroll sideways
inside its region. A mouse or a finger can scroll any box, but a keyboard user only one
that takes focus (WCAG 2.1.1), and a screen reader user must hear what that tab stop is
(4.1.2): so the region has `tabindex="0"` and a name, taken from what names the table for
a sighted reader: its caption, else the heading it sits under, else "Table" ("Tabl"); numbered where
two regions of a page would share a name.

Runs on the page's HTML after the sanitiser, so the region's attributes need no place in
the allow-list of shared pages, and a shared page's tables are wrapped like the council's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from .ui_strings import DEFAULT, ui_text

REGION_CLASS = "lg-table"
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CAPTIONS = frozenset({"caption", "figcaption"})


@dataclass
class Label:
    """What names something: its id (to point at) and its text (to copy when it has no id)."""

    id: str | None = None
    words: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())

    def attribute(self) -> str:
        if self.id:
            return f'aria-labelledby="{escape(self.id)}"'
        return f'aria-label="{escape(self.text)}"'


@dataclass
class _Table:
    start: int
    end: int = 0
    caption: Label | None = None
    heading: Label | None = None
    figure: _Figure | None = None

    def label(self) -> Label | None:
        """What names the table for a sighted reader, if anything does."""
        for label in (self.caption, self.figure.caption if self.figure else None, self.heading):
            if label is not None and label.text:
                return label
        return None


@dataclass
class _Figure:
    """A `<figure>`: pymdownx's caption block writes a table's caption as its `<figcaption>`, after the table."""

    caption: Label | None = None


class _TableFinder(HTMLParser):
    """The outermost tables of a page's HTML, where each starts and ends, and what names it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0]
        for index, character in enumerate(html):
            if character == "\n":
                self.line_starts.append(index + 1)
        self.tables: list[_Table] = []
        self.depth = 0  # of nested tables
        self.figures: list[_Figure] = []
        self.heading: Label | None = None  # the last heading before here
        self.collecting: list[tuple[str, Label]] = []  # open headings and captions, gathering their text

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ids = [value for name, value in attrs if name == "id" and value]
        if tag == "table":
            if self.depth == 0:
                self.tables.append(_Table(self._offset(), heading=self.heading,
                                          figure=self.figures[-1] if self.figures else None))
            self.depth += 1
        elif tag == "figure":
            self.figures.append(_Figure())
        elif tag in HEADINGS or tag in CAPTIONS:
            self.collecting.append((tag, Label(ids[0] if ids else None)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.tables[-1].end = self.html.index(">", self._offset()) + 1
        elif tag == "figure" and self.figures:
            self.figures.pop()
        elif self.collecting and self.collecting[-1][0] == tag:
            _, label = self.collecting.pop()
            if tag in HEADINGS:
                self.heading = label
            elif tag == "caption" and self.depth == 1:
                self.tables[-1].caption = label
            elif tag == "figcaption" and self.figures:
                self.figures[-1].caption = label

    def handle_data(self, data: str) -> None:
        for _, label in self.collecting:
            label.words.append(data)


def scrollable_tables(html: str, lang: str = DEFAULT) -> str:
    """The page's HTML with each outermost table inside a focusable region named after it, in the
    page's language where lgsite gives the name ("Table", "Tabl")."""
    if "<table" not in html:
        return html
    finder = _TableFinder(html)
    finder.feed(html)
    finder.close()
    tables = [table for table in finder.tables if table.end]  # one never closed is left as it is
    labels = [table.label() for table in tables]
    # A named region is a landmark, and landmarks that share a name cannot be told apart in a
    # screen reader's list: two tables under one heading, or with nothing to name them, are numbered.
    fallback = ui_text(lang, "table")
    names = Counter(label.text if label else fallback for label in labels)
    numbered: Counter[str] = Counter()
    out: list[str] = []
    done = 0
    for table, label in zip(tables, labels):
        name = label.text if label else fallback
        if names[name] > 1:
            numbered[name] += 1
            key = "table_number" if label is None else "table_named_number"
            name = ui_text(lang, key, name=name, number=numbered[name])
            attribute = f'aria-label="{escape(name)}"'
        else:
            attribute = label.attribute() if label else f'aria-label="{escape(fallback)}"'
        out += [html[done:table.start],
                f'<div class="{REGION_CLASS}" role="region" tabindex="0" {attribute}>',
                html[table.start:table.end], "</div>"]
        done = table.end
    out.append(html[done:])
    return "".join(out)
