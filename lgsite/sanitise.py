"""Shared Markdown is content, not code; and no page loads anything from another website.

A shared source is text someone else writes, published on the council's own
domain. Its pages may use Markdown and the plain HTML Markdown makes, but not
script: after rendering, the HTML of every page whose text is not the council's
own is cleaned by nh3 (a maintained sanitiser, not regular expressions) to the
allow-list below. A council's own `docs/` pages keep their raw HTML.

On every page, the council's own included, an element that would make the
browser fetch from another website (an `<iframe>`, `<script src>`, an image,
video or audio from another host, `<link>`, `<object>`, `<embed>`) is left out,
with a warning naming the file, line and origin, unless `council.yml`'s
`embeds:` lists that origin: a resident's visit is told to a third party only
where the council chose it. The embeds a page keeps are listed in the build
report.

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

from .content_checks import position
from .errors import LgsiteError
from .layers import Origin, Page
from .prose import lines_outside_code
from .safe_urls import SCHEME, SCHEMES

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
    "a": frozenset({"href", "hreflang"}),  # hreflang: the language of the page a link opens
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

# Elements that make the browser fetch something as the page loads, by the attributes that name it. One that
# fetches from another website is left out of every page, the council's own included, unless `embeds:` lists
# its origin: a resident's visit is not told to a third party without the council choosing it.
LOADS: Mapping[str, tuple[str, ...]] = {
    "iframe": ("src",), "frame": ("src",), "script": ("src",), "img": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "source": ("src", "srcset"), "track": ("src",),
    "link": ("href",), "object": ("data",), "embed": ("src",), "input": ("src",),
}
LEFT_OUT_SHOWN = 20  # warnings a page gets for them, one each, before one line counts the rest
# Of those, the ones with no end tag: only the tag itself is left out.
VOID_LOADS = frozenset({"img", "source", "track", "link", "embed", "input", "frame"})
MAY_LOAD = re.compile(rf"<(?:{'|'.join(LOADS)})\b", re.IGNORECASE)

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


@dataclass(frozen=True)
class Load:
    """Something a page's HTML would make the browser fetch from another website."""

    tag: str
    url: str
    origin: str  # scheme://host[:port], as embeds: lists it


@dataclass
class Cleaned:
    """A page's HTML as published, what it left out (for a warning), and the origins of the
    embeds it kept because `embeds:` allows them (for the build report)."""

    html: str
    left_out: list[Load] = field(default_factory=list)
    embedded: list[str] = field(default_factory=list)


class ContentPolicy:
    """The allow-list for one build, with the council's embed origins.

    One nh3 `Cleaner` serves every page; its attribute filter notes refused
    addresses and embeds while nh3 parses, so a shared page is parsed once.
    """

    def __init__(self, embeds: Iterable[str] = (), site_url: str = "") -> None:
        self.embeds = frozenset(embeds)
        host = urlsplit(site_url).hostname
        self.site_hosts = frozenset({host} if host else ())  # the site's own address is not another website
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
        html, left_out = self._without_third_party(html)
        if page.provenance.origin not in COUNCIL_ORIGINS:
            self._refused, self._left_out = [], []
            html = self._cleaner.clean(html)
            if self._refused:
                raise refused_error(page, self._refused[0])
            if f"<{EMBED}" in html:
                html = _without_empty_embeds(html)
            left_out += [Load(EMBED, url, https_origin(url) or url) for url in self._left_out]
        embedded = sorted({load.origin for load, _, _ in self._loads(html)})  # what is left, embeds: allows
        return Cleaned(html, left_out, embedded)

    def _loads(self, html: str) -> list[tuple[Load, int, int]]:
        """Every fetch from another website in `html`, with where its element starts and ends."""
        if not MAY_LOAD.search(html):
            return []
        finder = _LoadFinder(self.site_hosts)
        finder.feed(html)
        finder.close()
        return finder.spans()

    def _without_third_party(self, html: str) -> tuple[str, list[Load]]:
        """`html` without the elements that fetch from an origin `embeds:` does not list, and those."""
        left_out = [(load, start, end) for load, start, end in self._loads(html) if load.origin not in self.embeds]
        if not left_out:
            return html, []
        kept: list[str] = []
        done = 0
        for _, start, end in sorted(left_out, key=lambda item: item[1]):
            if start >= done:  # an element inside one already left out goes with it
                kept.append(html[done:start])
                done = end
        kept.append(html[done:])
        return "".join(kept), [load for load, _, _ in left_out]


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


def left_out_problems(page: Page, loads: list[Load]) -> list[LgsiteError]:
    """The warnings for what a page loads from other websites: one a load, up to a limit, since each
    is looked for in the page's text; past it, one line counts the rest."""
    problems = [left_out_problem(page, load) for load in loads[:LEFT_OUT_SHOWN]]
    rest = loads[LEFT_OUT_SHOWN:]
    if rest:
        origins = sorted({load.origin for load in rest})
        shown = ", ".join(origins[:5]) + (" and others" if len(origins) > 5 else "")
        problems.append(LgsiteError(
            f"loads {len(rest)} more things from other websites ({shown}), which embeds: in council.yml does "
            "not list; they are left out", file=page.provenance.file or page.path,
            hint="Add the origins to embeds: in council.yml if the council trusts them."))
    return problems


def left_out_problem(page: Page, load: Load) -> LgsiteError:
    """The warning for something from another website whose origin `embeds:` does not list."""
    file, line, where = locate(page, load.url)
    origin = CONTROL.sub("", load.origin)
    what = f"embeds {origin}" if load.tag == EMBED else f"loads {origin} (<{load.tag}>)"
    return LgsiteError(f"{what}{where}, which embeds: in council.yml does not list; it is left out",
                       file=file, line=line,
                       hint="Add the origin to embeds: in council.yml if the council trusts it.")


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` of an address on another website (`//host/...` is https); None for a
    relative address or another scheme."""
    url = url.strip()
    try:
        parts = urlsplit("https:" + url if url.startswith("//") else url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{parts.hostname}" + (f":{port}" if port not in (None, default) else "")


def locate(page: Page, text: str) -> tuple[str, int | None, str]:
    """The file and line of `text` in the page's Markdown, and, for a merged page, which section."""
    index = _line_index(page.body, text)
    if index is None:
        return page.provenance.file or page.path, None, ""
    return position(page, index)


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


# --- the HTML walks nh3 does not do -------------------------------------------------------------------------------


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


class _LoadFinder(HTMLParser):
    """Where in a page's HTML each element that fetches from another website starts and ends.

    Positions, not a rewrite: the HTML around what is left out stays exactly as written,
    since a council's own pages are not cleaned.
    """

    def __init__(self, site_hosts: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.site_hosts = site_hosts
        self.found: list[tuple[Load, int, int]] = []
        # Open elements that load, by tag: what each loads, where it starts, where its start tag ends.
        self._open: dict[str, list[tuple[Load | None, int, int]]] = {}
        self._html = ""
        self._lines = [0]

    def feed(self, data: str) -> None:
        for line in data.split("\n"):  # lines as the parser counts them: only \n ends one
            self._lines.append(self._lines[-1] + len(line) + 1)
        self._html += data
        super().feed(data)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in LOADS:
            return
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        load = self._load(tag, dict(attrs))
        if tag not in VOID_LOADS:
            self._open.setdefault(tag, []).append((load, start, end))
        elif load is not None:
            self.found.append((load, start, end))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        load = self._load(tag, dict(attrs)) if tag in LOADS else None
        if load is not None:
            start = self._offset()
            self.found.append((load, start, start + len(self.get_starttag_text() or "")))

    def handle_endtag(self, tag: str) -> None:
        if self._open.get(tag):
            load, start, _ = self._open[tag].pop()
            if load is not None:
                self.found.append((load, start, self._html.find(">", self._offset()) + 1))

    def _load(self, tag: str, attrs: dict[str, str | None]) -> Load | None:
        for name in LOADS[tag]:
            value = attrs.get(name) or ""
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
            for url in urls:
                origin = origin_of(url)
                if origin is not None and urlsplit(origin).hostname not in self.site_hosts:
                    return Load(tag, url, origin)
        return None

    def spans(self) -> list[tuple[Load, int, int]]:
        """What was found; of an element never closed, only its start tag is left out."""
        never_closed = [(load, start, end) for opened in self._open.values() for load, start, end in opened if load]
        return self.found + never_closed
