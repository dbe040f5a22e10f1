"""Shared Markdown is content, not code.

A shared source is text someone else writes, published on the council's own
domain. Its pages may use Markdown and the plain HTML Markdown makes, but not
script: after rendering, the HTML of every page whose text is not the council's
own is cleaned by nh3 (a maintained sanitiser, not regular expressions) to the
allow-list below. An `<iframe>` stays only when `council.yml`'s `embeds:` lists
its origin. A council's own `docs/` pages keep their raw HTML.

`javascript:`, `data:` and `vbscript:` addresses are refused on every page: a
link or image with one stops the build with the file and line, as a mistake to
fix rather than something to leave out quietly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from .errors import LgsiteError
from .layers import Origin, Page
from .prose import lines_outside_code
from .safe_urls import SCHEME, SCHEMES
from .sections import HEADING, heading_id

# --- the policy, as data: extend it here -------------------------------------------------------------------------

# Attributes any allowed element may keep. `id` keeps heading anchors and the table of contents working.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "lang", "dir", "title"})

# What Python-Markdown and its common extensions (tables, toc, footnotes, admonition, def_list, abbr,
# attr_list, codehilite, details) and the components' pymdownx ones (details, tabbed, blocks.caption)
# write, by element, with each element's own safe attributes.
ELEMENTS: Mapping[str, frozenset[str]] = {
    **{name: frozenset() for name in (
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "span",
        "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "code", "pre", "kbd", "samp", "var", "abbr", "dfn", "cite", "q", "blockquote",
        "ul", "dl", "dt", "dd", "figure", "figcaption", "summary",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "colgroup",
    )},
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "th": frozenset({"scope", "colspan", "rowspan", "style"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "col": frozenset({"span"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    "div": frozenset({"data-tabs"}),  # pymdownx.tabbed's count of tabs
    # Tabs (pymdownx.tabbed, alternate style): a radio button and a label for each tab, so they work without
    # JavaScript. `type` is not listed: it is set (FORCED_ATTRIBUTES), so an input is only ever a radio button.
    "input": frozenset({"name", "checked"}),
    "label": frozenset({"for"}),
}
# Values set on every such element: no form survives cleaning, and an <input> cannot be a text box asking for
# a password; it is a tab's radio button.
FORCED_ATTRIBUTES: Mapping[str, Mapping[str, str]] = {"input": {"type": "radio"}}

# The tables extension aligns a column with `style="text-align: …"` on its cells; no other CSS is kept.
STYLE_PROPERTIES = frozenset({"text-align"})

# An embed from an origin the council allows. No `allow`: a shared page does not hand a camera,
# microphone or payment permission to anyone; `allowfullscreen` is what a video needs.
EMBED = "iframe"
EMBED_ATTRIBUTES = frozenset({"src", "title", "width", "height", "loading", "allowfullscreen", "referrerpolicy"})

# Elements removed with everything in them: their text is code or a form, not something to read.
REMOVED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "textarea", "select", "title", "object", "svg", "math",
})

URL_SCHEMES = frozenset(SCHEMES)  # the site's one list (safe_urls), and relative addresses
REFUSED_SCHEMES = frozenset({"javascript", "data", "vbscript"})  # on every page, shared or the council's own
# Attributes whose value a browser follows or loads: checked on the council's own pages.
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "poster", "cite", "data", "background", "xlink:href",
})

# Pages whose text is the council's own, from its docs/. Every other page (inherited, merged with a section
# override, signpost, or generated, such as a guide's parts) is cleaned, so a new kind of page is cleaned too.
COUNCIL_ORIGINS = (Origin.LOCAL, Origin.OVERRIDE)

# --- addresses ----------------------------------------------------------------------------------------------------

URL_NOISE = re.compile(r"[\t\n\r]")
C0_AND_SPACE = "".join(chr(code) for code in range(0x21))
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def scheme_of(url: str) -> str | None:
    """The scheme a browser reads in `url`, lower case; None for a relative address.

    Browsers drop tabs and newlines anywhere and control characters and spaces at
    the ends, so `java\\tscript:` is `javascript:` too.
    """
    match = SCHEME.match(URL_NOISE.sub("", url).strip(C0_AND_SPACE))
    return match.group(1).lower() if match else None


def is_refused(url: str) -> bool:
    return scheme_of(url) in REFUSED_SCHEMES


def https_origin(url: str) -> str | None:
    """`https://host[:port]` for an https address, the unit a council allows embeds by; None otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or not parts.hostname:
        return None
    return f"https://{parts.hostname}" + (f":{port}" if port not in (None, 443) else "")


# --- checking and cleaning a page --------------------------------------------------------------------------------


@dataclass
class Cleaned:
    """A page's HTML as published, and the embeds it left out (for a warning)."""

    html: str
    left_out: list[str] = field(default_factory=list)


class ContentPolicy:
    """The allow-list for one build, with the council's embed origins.

    One nh3 `Cleaner` serves every page; its attribute filter notes refused
    addresses and embeds while nh3 parses, so a shared page is parsed once.
    """

    def __init__(self, embeds: Iterable[str] = ()) -> None:
        self.embeds = frozenset(embeds)
        attributes = {name: set(allowed) for name, allowed in ELEMENTS.items()}
        attributes["*"] = set(GLOBAL_ATTRIBUTES)
        # Every <iframe> goes through nh3, so that one the council does not allow is reported
        # (by the filter) and removed whole (by `_without_empty_embeds`), not just emptied.
        attributes[EMBED] = set(EMBED_ATTRIBUTES)
        self._refused: list[str] = []
        self._left_out: list[str] = []
        self._cleaner = nh3.Cleaner(
            tags=set(ELEMENTS) | {EMBED},
            clean_content_tags=set(REMOVED_WITH_CONTENT),
            attributes=attributes,
            attribute_filter=self._filter,
            link_rel=None,
            # The refused schemes are let through nh3's own check only so that the filter sees,
            # reports and removes them; the filter is what keeps them out.
            url_schemes=set(URL_SCHEMES | REFUSED_SCHEMES),
            filter_style_properties=set(STYLE_PROPERTIES),
            set_tag_attribute_values={tag: dict(values) for tag, values in FORCED_ATTRIBUTES.items()},
        )

    def _filter(self, element: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src") and is_refused(value):
            self._refused.append(value)
            return None
        if element == EMBED and attribute == "src" and https_origin(value) not in self.embeds:
            self._left_out.append(value)
            return None
        return value

    def apply(self, html: str, page: Page) -> Cleaned:
        """The HTML to publish for `page`; a refused address raises `LgsiteError` with file and line."""
        if page.provenance.origin in COUNCIL_ORIGINS:
            refused = _refused_urls(html)
            if refused:
                raise refused_error(page, refused[0])
            return Cleaned(html)
        self._refused, self._left_out = [], []
        cleaned = self._cleaner.clean(html)
        if self._refused:
            raise refused_error(page, self._refused[0])
        if f"<{EMBED}" in cleaned:
            cleaned = _without_empty_embeds(cleaned)
        return Cleaned(cleaned, list(self._left_out))


def refused_error(page: Page, url: str) -> LgsiteError:
    scheme = scheme_of(url)
    file, line, where = locate(page, url)
    shown = CONTROL.sub("", url)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    hint = "Link to a web page (https://...) instead."
    if page.provenance.origin in (Origin.INHERITED, Origin.SIGNPOST):
        hint = (f"It comes from the shared source '{page.provenance.source}': ask its maintainers to remove it, "
                "or replace the page in docs/.")
    elif page.provenance.origin == Origin.MERGED:
        hint = "If the section is the shared page's, override it in docs/; if it is yours, link to a web page instead."
    return LgsiteError(f"links to '{shown}'{where}; {scheme}: addresses are not allowed", file=file, line=line,
                       hint=hint)


def left_out_problem(page: Page, url: str) -> LgsiteError:
    """The warning for an embed whose origin `embeds:` does not list."""
    file, line, where = locate(page, url)
    origin = https_origin(url) or CONTROL.sub("", url)
    return LgsiteError(f"embeds {origin}{where}, which embeds: in council.yml does not list; it is left out",
                       file=file, line=line, hint="Add the origin to embeds: to show it.")


def locate(page: Page, text: str) -> tuple[str, int | None, str]:
    """The file and line of `text` in the page's Markdown, and, for a merged page, which section.

    A merged page mixes the council's sections with the shared ones, so its
    lines match neither file: the section's id says where to look instead.
    """
    file = page.provenance.file or page.path
    index = _line_index(page.body, text)
    if index is None:
        return file, None, ""
    if page.provenance.origin == Origin.MERGED:
        section = _section_at(page.body, index)
        return file, None, f" in the section '{section}'" if section else " in the introduction"
    if page.provenance.origin == Origin.GENERATED:
        return file, None, ""
    return file, page.body_line + index, ""


def _line_index(markdown: str, text: str) -> int | None:
    """The first prose line (outside fenced code) holding `text`, or failing that its scheme."""
    scheme = scheme_of(text)
    needles = [text.strip().lower()]
    if scheme:  # written with entities or spaces in the file: look for the scheme, then for what follows it
        rest = URL_NOISE.sub("", text).strip(C0_AND_SPACE)[len(scheme) + 1:].strip().lower()
        needles += [f"{scheme}:"] + ([rest] if len(rest) >= 4 else [])
    prose = [(index, line.lower()) for index, line, is_prose in lines_outside_code(markdown) if is_prose]
    for needle in needles:
        for index, line in prose:
            if needle in line:
                return index
    return None


def _section_at(markdown: str, index: int) -> str:
    """The id of the `##` section the line at `index` is in; "" for the introduction."""
    current = ""
    for number, line, prose in lines_outside_code(markdown):
        if number > index:
            break
        heading = HEADING.match(line) if prose else None
        if heading:
            current = heading_id(heading.group(1))
    return current


# --- the two HTML walks nh3 does not do ---------------------------------------------------------------------------


class _RefusedFinder(HTMLParser):
    """Addresses with a refused scheme in a council's own page, which is not cleaned (attribute values
    come decoded, so `&#106;avascript:` is found too)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value and is_refused(value):
                self.found.append(value)


def _refused_urls(html: str) -> list[str]:
    finder = _RefusedFinder()
    finder.feed(html)
    finder.close()
    return finder.found


class _EmbedRemover(HTMLParser):
    """nh3's output without the `<iframe>`s whose `src` the filter took away.

    nh3 can only drop an attribute, which would leave an empty frame on the
    page. Its output is well-formed (attribute values quoted, `<` and `>` in
    them escaped), so every other token is copied through as it was written.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skipping = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == EMBED and all(name != "src" for name, _ in attrs):
            self.skipping = True
        elif not self.skipping:
            self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping:
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping = tag != EMBED
        else:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&#{name};")


def _without_empty_embeds(html: str) -> str:
    remover = _EmbedRemover()
    remover.feed(html)
    remover.close()
    return "".join(remover.out)
