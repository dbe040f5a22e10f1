"""What converted content gets wrong: broken links, muddled headings, images with no text.

A council moving from another system brings pages converted from HTML: links to
the old site's addresses (`/node/123`), headings chosen for their size rather
than their place (`####` straight after `##`), empty headings where the old
editor left a blank line, and images the converter wrote as `![](x.png)`. Each
builds, and each lets residents down: a link that goes nowhere, a page a screen
reader user cannot find their way round, an image that says nothing. They are
warnings (so `lgsite build --strict` fails on them), each on the line the
author edits.

The checks read a page's Markdown after council variables are filled in and
before MkDocs renders it, because only there are line numbers known; the
addresses a link may go to are the site's whole published set, known once every
generator has run. Raw HTML in the Markdown is read with Python's HTML parser,
which counts lines too.

Alt text: in Markdown, `![](x.png)` is always a mistake (converters write it when
the original had no alt), so an image needs words. In raw HTML, `alt=""` is the
way to mark an image as decorative and is accepted; an `<img>` with no alt at all
is not.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from .errors import LgsiteError
from .layers import Origin, Page
from .prose import lines_outside_code
from .sections import HEADING, heading_id
from .urls import page_url, resolve_ref
from .variables import CODE_SPAN

if TYPE_CHECKING:
    from .site import Site

# The pages whose text an author wrote; generated pages (listings, the A to Z) and
# signposts are lgsite's own text, and a guide's parts are checked as the guide.
AUTHORED = (Origin.INHERITED, Origin.LOCAL, Origin.OVERRIDE, Origin.MERGED)

# The one theme template that prints the page's title only when its text has no `#` heading
# of its own (partials/content.html); every other template prints the title as the page's h1.
TITLE_FROM_TEXT = "main.html"

# An inline link or image, [text](target "title") or ![alt](src), or a reference use, [text][id].
# Its text is bounded, so that a line of brackets from an untrusted source costs linear time.
LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]{0,200}\]){0,500})\]"
    r"(?:\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<target>[^\s)]*))|(?P<reference>\[))"
)
# A reference definition, [id]: target; not a footnote, [^1]: text.
DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*<?(?P<target>[^\s>]+)")
# A `#` heading as Python-Markdown reads it: at the start of the line, with or without a space (`##Fees`).
ATX = re.compile(r"^(?P<marks>#{1,6})(?P<text>.*?)#*[ \t]*$")
ATTRIBUTES = re.compile(r"\s*\{[^}]*\}\s*$")
UNDERLINE = re.compile(r"^ {0,3}(?P<mark>=+|-+)[ \t]*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# How alike the last part of a page's address must be to the one a link names to be suggested:
# addresses share their shape (-and-), so a looser match suggests pages that only look alike.
NEAR = 0.75
SUGGESTIONS = 500


@dataclass
class Published:
    """Everything the built site serves, as a link may name it."""

    files: frozenset[str]  # source paths, as MkDocs resolves a relative link with an extension: council-tax/pay.md
    urls: frozenset[str]  # site-relative addresses without the leading /: council-tax/pay/, news/feed.xml
    hosts: frozenset[str]  # the site's own host names: an absolute link to one of them is internal
    base: str  # the path the site lives under, "/" or "/council/"
    unpublished: frozenset[str]  # pages a source has but the site leaves out, by path and by address
    # Pages by the last part of their path and of their address, for suggestions.
    by_name: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # Looking for the nearest page costs a pass over every page; a source full of broken
    # links gets suggestions for its first ones, so that the build stays linear.
    suggestions_left: int = SUGGESTIONS

    @classmethod
    def of(cls, paths: Iterable[str], site_url: str, unpublished: Iterable[str] = ()) -> Published:
        files = frozenset(paths)
        urls = frozenset(page_url(path) if path.endswith(".md") else path for path in files)
        where = urlsplit(site_url)
        base = where.path if where.path.endswith("/") else where.path + "/"
        left_out = frozenset(unpublished)
        published = cls(files, urls, frozenset({where.hostname} if where.hostname else ()), base,
                         left_out | {page_url(path) for path in left_out if path.endswith(".md")})
        for kind, among in (("file", sorted(f for f in files if f.endswith(".md"))), ("url", sorted(urls))):
            index: dict[str, list[str]] = {}
            for candidate in among:
                index.setdefault(_name(candidate), []).append(candidate)
            published.by_name[kind] = index
        return published

    def has_url(self, url: str) -> bool:
        return url in self.urls or f"{url}/" in self.urls or url.removesuffix("index.html") in self.urls

    def nearest(self, kind: str, wanted: str, besides: str) -> str | None:
        """The page (`kind` "file" or "url") most like `wanted`, other than `besides`, among those whose
        last part is like its last part: pages in one folder share most of their address, and are not
        alike for that."""
        if self.suggestions_left <= 0:
            return None
        self.suggestions_left -= 1
        index = self.by_name[kind]
        names = difflib.get_close_matches(_name(wanted), list(index), n=3, cutoff=NEAR)
        alike = [candidate for name in names for candidate in index[name] if candidate != besides]
        near = difflib.get_close_matches(wanted, alike, n=1, cutoff=0)
        return near[0] if near else None


def _name(address: str) -> str:
    """The last part of a page's address or path: `pay` for council-tax/pay/ and council-tax/pay.md."""
    return posixpath.basename(address.removesuffix("index.md").removesuffix(".md").rstrip("/"))


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    index: int  # the line in the page's body
    marks: str  # how it is written, for the hint: "##" or "<h2>"


def check_page(page: Page, body: str, published: Published, template: str) -> Iterator[LgsiteError]:
    """Every problem in one page's text `body`, in the order of its lines."""
    prose = masked(body)
    raw = raw_html(prose)
    found: list[tuple[int, LgsiteError]] = []
    for index, line in enumerate(prose):
        if "[" not in line:
            continue
        for match in LINK.finditer(line):
            target = match.group("angled") if match.group("angled") is not None else match.group("target")
            if match.group("image"):
                if target:
                    found += [(index, e) for e in _missing_image(page, index, target, published)]
            elif target:
                found += [(index, e) for e in _broken(page, index, target, published)]
        definition = DEFINITION.match(line)
        if definition:
            found += [(index, e) for e in _broken(page, index, definition.group("target"), published)]
    for index, href in raw.links:
        found += [(index, e) for e in _broken(page, index, href, published)]
    for index, src in raw.images:
        found += [(index, e) for e in _missing_image(page, index, src, published)]
    found += [(problem.index, problem.error)
              for problem in structure_problems(page, prose, raw, prints_title=template != TITLE_FROM_TEXT)]
    for _, error in sorted(found, key=lambda item: item[0]):
        yield error


@dataclass(frozen=True)
class StructureProblem:
    """A problem in how a page is built, by the stable name `lgsite lint` reports it under."""

    rule: str  # heading-skip, empty-heading, second-h1, image-alt
    index: int  # the line in the page's body
    column: int  # 1-based
    error: LgsiteError


def structure_problems(page: Page, prose: list[str], raw: RawHtml, *,
                       prints_title: bool) -> Iterator[StructureProblem]:
    """Images with no alt text and muddled headings: what the build warns about and `lgsite lint` reports
    alike, so a content designer sees before review what the build would say."""
    for index, line in enumerate(prose):
        if "![" not in line:
            continue
        for match in LINK.finditer(line):
            if match.group("image") and not match.group("text").strip():
                yield StructureProblem("image-alt", index, match.start() + 1, _no_alt(page, index, "![](...)"))
    for index in raw.images_without_alt:
        yield StructureProblem("image-alt", index, 1, _no_alt(page, index, "<img>"))
    headings = sorted(markdown_headings(prose) + raw.headings, key=lambda h: h.index)
    for heading, rule, error in heading_problems(page, headings, prints_title=prints_title):
        yield StructureProblem(rule, heading.index, 1, error)


def raw_html(prose: list[str]) -> RawHtml:
    """The links, images and headings written as HTML in the page's prose lines."""
    raw = RawHtml()
    if any("<" in line for line in prose):
        raw.feed("\n".join(prose))
        raw.close()
    return raw


def masked(body: str) -> list[str]:
    """The body's lines with fenced code emptied and code spans blanked, so examples are not checked."""
    return [("" if not is_prose else CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line)
            for _, line, is_prose in lines_outside_code(body)]


# --- links ---------------------------------------------------------------------------------------------------------


def _broken(page: Page, index: int, href: str, published: Published) -> Iterator[LgsiteError]:
    """The link `href` as a problem, if it is internal and goes to no page of the site."""
    wanted = internal_target(page.path, href, published)
    if wanted is None:
        return
    kind, target = wanted
    if kind == "file":
        if target in published.files:
            return
        if target in published.unpublished and page.provenance.origin in (Origin.INHERITED, Origin.MERGED):
            return  # lgsite makes the link plain text (generate/unlink)
        near = published.nearest(kind, target, page.path)
        suggestion = posixpath.relpath(near, posixpath.dirname(page.path) or ".") if near else None
        missing = target
    else:
        if published.has_url(target):
            return
        near = published.nearest(kind, target, page_url(page.path))
        suggestion = f"/{near}" if near is not None else None
        missing = f"/{target}"
    why = "this site leaves out" if target in published.unpublished else "this site does not have"
    hint = (f"Did you mean '{suggestion}'? Change the link, or remove it." if suggestion
            else "Link to a page the site has, or remove the link.")
    file, line, where = position(page, index)
    shown = _shown(href)
    named = f"'{shown}'" if missing == shown else f"'{shown}' ({missing})"
    yield LgsiteError(f"links to {named}{where}, a page {why}", file=file, line=line, hint=hint)


def internal_target(path: str, href: str, published: Published) -> tuple[str, str] | None:
    """What an internal link names: ("file", a source path) for a relative link to a file,
    which MkDocs resolves from the page's file; ("url", a site-relative address) for any
    other; None for a link to another website, an email address or a place on the same page."""
    href = href.strip()
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    address = unquote(parts.path)
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() not in ("http", "https", "") or parts.hostname not in published.hosts:
            return None
        return "url", _under(address or "/", published.base)
    if SCHEME.match(href) or not address:
        return None
    if address.startswith("/"):
        return "url", _under(address, published.base)
    if posixpath.splitext(address)[1]:  # MkDocs resolves a file name from the page's own file
        return "file", resolve_ref(path, address)
    # Left as written, the browser resolves it from the page's address.
    resolved = posixpath.normpath(posixpath.join(page_url(path), address))
    return "url", "" if resolved == "." else resolved.lstrip("/") + ("/" if address.endswith("/") else "")


def _under(address: str, base: str) -> str:
    """A root-relative address made relative to where the site lives."""
    address = posixpath.normpath(address) + ("/" if address.endswith("/") and address != "/" else "")
    if address.startswith(base):
        return address[len(base):]
    return address.lstrip("/") if address != "/" else ""


def _shown(href: str) -> str:
    return href if len(href) <= 60 else href[:57] + "..."


# --- images ----------------------------------------------------------------------------------------------------------


def _missing_image(page: Page, index: int, src: str, published: Published) -> Iterator[LgsiteError]:
    """The image `src` as a problem, if it is on this site and the site has no such file: converted
    pages keep their old system's upload paths (/sites/default/files/...)."""
    wanted = internal_target(page.path, src, published)
    if wanted is None:
        return
    kind, target = wanted
    if target in published.files if kind == "file" else published.has_url(target):
        return
    file, line, where = position(page, index)
    yield LgsiteError(f"shows the image '{_shown(src)}'{where}, a file this site does not have",
                      file=file, line=line,
                      hint="Put the image in docs/ beside the page and give its name, or remove it.")


def _no_alt(page: Page, index: int, written: str) -> LgsiteError:
    file, line, where = position(page, index)
    hint = ("Describe the image between the brackets, as in ![A blue recycling bin](bin.png)."
            if written.startswith("!") else
            'Add alt="..." describing the image, or alt="" if it is only decoration.')
    return LgsiteError(f"has an image with no alt text ({written}){where}", file=file, line=line, hint=hint)


# --- headings --------------------------------------------------------------------------------------------------------


def markdown_headings(lines: list[str]) -> list[Heading]:
    """`#` headings, and headings underlined with `===` or `---` (as converters often write them)."""
    found: list[Heading] = []
    for index, line in enumerate(lines):
        if not line or line[0] not in "#=- ":
            continue
        atx = ATX.match(line)
        if atx:
            text = ATTRIBUTES.sub("", atx.group("text")).strip()
            found.append(Heading(len(atx.group("marks")), text, index, atx.group("marks")))
            continue
        underline = UNDERLINE.match(line)
        starts_block = index >= 1 and (index == 1 or not lines[index - 2].strip())
        above = lines[index - 1].strip() if index else ""
        # Under HTML, a line of dashes is a rule: Markdown reads the HTML block as it is.
        if underline and starts_block and above and not above.startswith("<") and not ATX.match(above):
            level = 1 if underline.group("mark").startswith("=") else 2
            found.append(Heading(level, above, index - 1, "#" * level))
    return found


def heading_problems(page: Page, headings: list[Heading], *,
                     prints_title: bool) -> Iterator[tuple[Heading, str, LgsiteError]]:
    """Headings that skip a level, have no words, or make a second top-level heading, each with its rule's name.

    The page's title is its top-level heading (h1) wherever the template prints it; on a
    plain page whose first heading is a `#` heading, that heading takes its place.
    """
    previous = 1
    for number, heading in enumerate(headings):
        file, line, where = position(page, heading.index)
        html = heading.marks.startswith("<")
        if not heading.text:
            yield heading, "empty-heading", LgsiteError(
                f"has an empty heading ({heading.marks}){where}", file=file, line=line,
                hint="Give the heading words, or remove it." if html else "Give the heading words, or remove the #s.")
            continue
        if heading.level == 1:
            if prints_title or number > 0:
                yield heading, "second-h1", LgsiteError(
                    f"has a second top-level heading '{heading.text}'{where} (the page title is the first)",
                    file=file, line=line,
                    hint=f"Make it {_written(2, heading)}: a page has one top-level heading, its title.")
        elif heading.level > previous + 1:
            yield heading, "heading-skip", LgsiteError(
                f"has a level {heading.level} heading '{heading.text}' after a level {previous} heading{where}",
                file=file, line=line,
                hint=f"Make it {_written(previous + 1, heading)}: heading levels go down one at a time, "
                     "so that people using screen readers can follow the page.")
        previous = heading.level


def _written(level: int, heading: Heading) -> str:
    """The heading at `level`, written as the author wrote it: `### Fees` or `<h3>`."""
    return f"<h{level}>" if heading.marks.startswith("<") else f"{'#' * level} {heading.text}"


# --- raw HTML --------------------------------------------------------------------------------------------------------


class RawHtml(HTMLParser):
    """The links, images and headings an author wrote as HTML in the Markdown, by line."""

    HEADINGS = {f"h{level}": level for level in range(1, 7)}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.images_without_alt: list[int] = []
        self.images: list[tuple[int, str]] = []
        self.headings: list[Heading] = []
        self._heading: tuple[int, int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        index = self.getpos()[0] - 1
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append((index, values["href"] or ""))
        elif tag == "img":
            if "alt" not in values:
                self.images_without_alt.append(index)
            if values.get("src"):
                self.images.append((index, values["src"] or ""))
        elif tag in self.HEADINGS:
            self._heading = (self.HEADINGS[tag], index, [])

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag in self.HEADINGS:
            level, index, text = self._heading
            self.headings.append(Heading(level, " ".join("".join(text).split()), index, f"<h{level}>"))
            self._heading = None


# --- where -----------------------------------------------------------------------------------------------------------


def position(page: Page, index: int) -> tuple[str, int | None, str]:
    """The file and line of line `index` of the page's body, and what to add to the message. A merged page mixes the council's sections with the shared page's,
    so its lines match neither file: the section says where to look instead. A generated page
    has no file line of its own."""
    file = page.provenance.file or page.path
    if page.provenance.origin == Origin.MERGED:
        section = section_at(page.body, index)
        return file, None, f" in the section '{section}'" if section else " in the introduction"
    if page.provenance.origin == Origin.GENERATED:
        return file, None, ""
    return file, page.body_line + index, ""


def section_at(markdown: str, index: int) -> str:
    """The id of the `##` section the line at `index` is in; "" for the introduction."""
    current = ""
    for number, line, prose in lines_outside_code(markdown):
        if number > index:
            break
        heading = HEADING.match(line) if prose else None
        if heading:
            current = heading_id(heading.group(1))
    return current


# --- the whole site --------------------------------------------------------------------------------------------------


def page_template(meta: dict[str, Any], templates: Iterable[str]) -> str:
    """The theme template a page is rendered with: its `template:`, else its type's own, else main.html."""
    if "template" in meta:
        return str(meta["template"])
    candidate = f"{meta.get('type', 'page')}.html"
    return candidate if candidate in templates else TITLE_FROM_TEXT


def check_site(site: Site, bodies: dict[str, str], templates: frozenset[str], also: Iterable[str] = ()) -> None:
    """Warn about every problem in the text of the pages in `bodies` (their text as the author wrote it,
    before features such as guides split it), against everything the site publishes (and `also`: for a
    translated page, the English pages it may link to)."""
    published = Published.of(
        [*site.pages, *site.assets, *site.local_files, *site.outputs, *site.generated, *also],
        site.site_url or site.profile.url, site.unpublished,
    )
    for path, body in bodies.items():
        page = site.pages.get(path)
        if page is None:  # left out by a feature, such as an expired notice
            continue
        for problem in check_page(page, body, published, page_template(page.meta, templates)):
            site.problems.warning_of(problem)
