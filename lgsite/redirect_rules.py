"""A council's old addresses, read from `redirects.csv` and checked against the site about to be built.

Moving to a new site breaks every bookmark, printed leaflet and search result
that points at the old one. A council lists its old addresses beside
mkdocs.yml, each with the page (or other site) that replaces it. A redirect
that ends on a missing page, goes through another redirect, goes round in a
loop, or hides a real page of the new site fails residents just as the broken
link did, so each row is checked against the pages lgsite is about to publish,
and every problem is reported in the same run as the pages' own.
"""

from __future__ import annotations

import csv
import difflib
import io
import unicodedata
import urllib.parse
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Problems
from .errors import LgsiteError
from .safe_urls import SCHEME, URL_HINT, url_problem
from .urls import page_url

if TYPE_CHECKING:
    from .site import Site

REDIRECTS_FILE = "redirects.csv"
# Longer than any address a browser keeps: a cell this long is a pasted paragraph, not a URL.
MAX_ADDRESS = 2000
# Suggesting a close page costs a comparison with every page: only the first few missing targets get one.
_SUGGESTIONS = 50


@dataclass(frozen=True)
class Redirect:
    """One row of redirects.csv: an old address and where it now goes."""

    line: int
    path: str  # the old path from the site's root, percent-decoded: "/Council Tax/bands.aspx"
    query: str  # the old query string, percent-decoded, without "?": "id=123", or ""
    target: str  # a path of the new site from its root ("/council-tax/"), or an absolute http(s) URL
    internal: bool  # whether target is a path of the new site

    @property
    def key(self) -> str:
        """What makes two rows the same old address: hosts treat /old and /old/ alike."""
        return address_key(self.path) + (f"?{self.query}" if self.query else "")


def address_key(path: str) -> str:
    return path.rstrip("/") or "/"


class _Bad(Exception):
    def __init__(self, message: str, hint: str) -> None:
        self.message, self.hint = message, hint


def read_redirects(file: Path, display: str, problems: Problems, site_url: str) -> list[Redirect]:
    """Every well-formed row of `file` (none if there is no such file); each bad row is one problem."""
    if not file.is_file():
        return []
    try:
        text = file.read_text(encoding="utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte order mark
    except UnicodeDecodeError:
        problems.error(LgsiteError("is not UTF-8 text", file=display,
                                   hint="Save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8)."))
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rules: list[Redirect] = []
    first = True
    end = 0  # the last line of the row read before
    while True:
        line = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.error(LgsiteError(f"cannot be read as CSV ({error})", file=display, line=line,
                                       hint="A cell that starts with a double quote must end with one; "
                                            "check the quotes on this row. Rows after it were not read."))
            break
        end = reader.line_num
        cells = [cell.strip() for cell in row]
        while cells and not cells[-1]:
            cells.pop()  # spreadsheets add empty cells at the end of a row
        if not cells or cells[0].startswith("#"):
            continue
        header, first = first and _is_header(cells), False
        if header:
            continue
        try:
            if len(cells) != 2 or not all(cells):
                raise _Bad(f"has {len(cells)} cell{'s' if len(cells) != 1 else ''}" if len(cells) != 2
                           else "has an empty cell",
                           "Each row is the old address, a comma, then the new one: /bins.aspx,/bins-and-recycling/")
            path, query = old_address(cells[0])
            target, internal = new_address(cells[1], site_url)
        except _Bad as bad:
            problems.error(LgsiteError(bad.message, file=display, line=line, hint=bad.hint))
            continue
        rules.append(Redirect(line, path, query, target, internal))
    return rules


def _is_header(cells: list[str]) -> bool:
    """A first row `old,new` (or `Old address,New address`) names the columns."""
    return len(cells) == 2 and cells[0].lower().startswith("old") and cells[1].lower().startswith("new")


def _check_text(value: str, which: str) -> None:
    if len(value) > MAX_ADDRESS:
        raise _Bad(f"the {which} address is {len(value)} characters long, more than {MAX_ADDRESS}",
                   "Check the row: a cell holds one address.")
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            raise _Bad(f"the {which} address contains a line break or the control character U+{ord(char):04X}",
                       "Check the quotes on the row before: a cell with an opening quote runs on to its closing one.")


def old_address(cell: str) -> tuple[str, str]:
    """The path and query string a browser asks the host for, percent-decoded."""
    _check_text(cell, "old")
    scheme = SCHEME.match(cell)
    if scheme is not None:
        if scheme.group(1).lower() not in ("http", "https"):
            raise _Bad(f"the old address '{cell}' is not a web address",
                       "Give its path (/council-tax/bands.aspx) or the whole address starting https://.")
        split = urllib.parse.urlsplit(cell)
        path, query = split.path or "/", split.query
    elif cell.startswith("/") and not cell.startswith("//"):
        split = urllib.parse.urlsplit(cell)
        path, query = split.path, split.query
    else:
        raise _Bad(f"the old address '{cell}' does not start with / or https://",
                   "Give its path from the old site's root (/council-tax/bands.aspx) or the whole address.")
    # A #fragment never reaches the host: it is left out, and the page it named is what is redirected.
    path = urllib.parse.unquote(path)
    parts = path.split("/")
    if any(part in (".", "..") for part in parts) or "\\" in path:
        raise _Bad(f"the old address '{cell}' has a . or .. part or a backslash",
                   "Give the address as the old site showed it in the browser.")
    if "*" in path or any(part.startswith(":") for part in parts):
        raise _Bad(f"the old address '{cell}' has a wildcard (* or :name); lgsite redirects exact addresses only",
                   "List each old address on a row of its own.")
    return path, urllib.parse.unquote(query)


def new_address(cell: str, site_url: str) -> tuple[str, bool]:
    """Where the row sends residents: a path of this site, or another site's http(s) address."""
    _check_text(cell, "new")
    scheme = SCHEME.match(cell)
    if scheme is not None and scheme.group(1).lower() not in ("http", "https"):
        raise _Bad(f"the new address '{cell}' is not a web page",
                   "Redirect to a page of this site (/council-tax/) or an address starting https://.")
    problem = url_problem(cell)
    if problem is not None:
        raise _Bad(f"the new address '{cell}' {problem}", URL_HINT)
    if site_url and cell.lower().startswith(site_url.lower()):
        return "/" + cell[len(site_url):], True  # this site's own address, written out in full
    if scheme is not None:
        return cell, False
    if cell.startswith("/") and not cell.startswith("//"):
        return cell, True
    raise _Bad(f"the new address '{cell}' does not start with / or https://",
               "Give the page's address on the new site from its root, such as /council-tax/.")


@dataclass
class _SiteAddresses:
    """What the built site will answer at, for the checks."""

    pages: dict[str, str]  # "/council-tax/" -> "council-tax/index.md"
    broken: set[str]  # addresses of pages left out for errors already reported
    files: set[str]  # every file path of the site: "council-tax/index.html", "search.html", "documents/plan.pdf"

    @classmethod
    def of(cls, site: Site) -> _SiteAddresses:
        pages = {"/" + page_url(path): path for path in site.pages}
        files = {page_url(path) + "index.html" for path in site.pages}
        files |= set(site.assets) | set(site.local_files) | set(site.outputs)
        files |= {path for path in site.generated if not path.endswith(".md")}
        return cls(pages, {"/" + page_url(path) for path in site.broken}, files)

    def serves(self, path: str) -> str | None:
        """The file the site would serve at `path` (decoded, from the root), if any."""
        stripped = path.strip("/")
        candidates = [stripped + "/index.html", stripped + ".html", stripped] if stripped else ["index.html"]
        return next((file for file in candidates if file in self.files), None)


def check_redirects(site: Site, rules: list[Redirect], display: str) -> list[Redirect]:
    """The rules that are right, with targets made exact (`/council-tax` becomes `/council-tax/`);
    every wrong row is one error on `site.problems`."""
    known = _SiteAddresses.of(site)
    problems = site.problems

    def error(rule: Redirect, message: str, hint: str) -> None:
        problems.error(LgsiteError(message, file=display, line=rule.line, hint=hint))

    first: dict[str, Redirect] = {}
    unique = []
    for rule in rules:
        earlier = first.setdefault(rule.key, rule)
        if earlier is not rule:
            error(rule, f"the old address {rule.key} is already redirected on line {earlier.line}",
                  "Keep one row for each old address.")
        else:
            unique.append(rule)
    clashes = {id(rule): served for rule in unique if (served := known.serves(rule.path)) is not None}
    # An old address the new site has a page at redirects nowhere, so it is no link in a chain.
    plain = {rule.key: rule for rule in unique if not rule.query and id(rule) not in clashes}
    good = []
    suggested = 0
    for rule in unique:
        ok = True
        served = clashes.get(id(rule))
        if served is not None:
            error(rule, f"the old address {rule.path} is where the new site publishes {served}, "
                        "which would hide it or be hidden by it", "Remove the row: the new site answers there already.")
            ok = False
        shadow = plain.get(address_key(rule.path)) if rule.query else None
        if shadow is not None:
            error(rule, f"the old address {rule.path} is redirected on line {shadow.line} whatever its query string, "
                        "so this row would never be used", "Remove one of the two rows.")
            ok = False
        if rule.internal:
            target, why, hint = _resolve_target(rule, known, plain)
            if why is not None:
                if hint is None and suggested < _SUGGESTIONS:
                    suggested += 1
                    close = difflib.get_close_matches(target, list(known.pages), n=1)
                    hint = f"Did you mean {close[0]}?" if close else None
                error(rule, why, hint or "Use the address the page has on the new site, such as /council-tax/.")
                ok = False
            elif target is None:  # a page left out for errors already reported
                ok = False
            else:
                rule = replace(rule, target=target)
        if ok:
            good.append(rule)
    return good


def _resolve_target(rule: Redirect, known: _SiteAddresses,
                    plain: dict[str, Redirect]) -> tuple[str | None, str | None, str | None]:
    """(the exact target, what is wrong with it, what to do) for a rule that redirects within the site."""
    path = _target_path(rule)
    rest = rule.target[len(urllib.parse.urlsplit(rule.target).path):]  # ?query and #fragment, as written
    step = plain.get(address_key(path))
    if step is not None:
        seen = [rule]
        while step is not None and step not in seen:
            seen.append(step)
            step = plain.get(address_key(_target_path(step))) if step.internal else None
        if step is not None:  # back at a row already followed
            lines = ", ".join(str(each.line) for each in seen[seen.index(step):])
            return path, f"the redirect from {rule.path} goes round in a loop (lines {lines})", \
                "Point each old address straight at the page that replaces it."
        return path, (f"the new address {path} is itself an old address, redirected on line {seen[1].line}: "
                      "residents would be sent on twice"), f"Point this row straight at {seen[-1].target}."
    for candidate in (path, path + "/"):
        if candidate in known.pages:
            return candidate + rest, None, None
        if candidate in known.broken:
            return None, None, None
    if known.serves(path) is not None:
        return rule.target, None, None  # a file: a PDF, the search page
    return path, f"the new address {path} is not a page of the new site", None


def _target_path(rule: Redirect) -> str:
    return urllib.parse.unquote(urllib.parse.urlsplit(rule.target).path)
