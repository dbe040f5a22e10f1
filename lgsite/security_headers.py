"""Security headers for the built site, with a Content-Security-Policy that fits its pages exactly.

The policy allows no inline code by default ('unsafe-inline' is never used):
every inline script and style a built page really contains is allowed by the
SHA-256 hash of its text. The hashes come from reading the finished pages, not
from the templates, so whatever a theme override, a plugin or a council's own
HTML adds is found, and nothing else is allowed. The council theme keeps its
inline code identical on every page, so the policy is short and one fits all.

Hosts that read `_headers` (Netlify, Cloudflare Pages) or
`staticwebapp.config.json` (Azure) get every header there. Hosts that set no
headers (GitHub Pages, GitLab Pages, S3) get the policy as a `<meta>` tag in
every page; browsers ignore `frame-ancestors` there, so it is left out, and
such a site can be framed unless the host or a CDN in front of it adds
`X-Frame-Options` itself.
"""

from __future__ import annotations

import base64
import hashlib
import html
import html.parser
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LgsiteError
from .hosts import Host
from .sanitise import https_origin

HEADERS_FILE = "_headers"
AZURE_CONFIG = "staticwebapp.config.json"

# Script types a browser runs; any other type (JSON-LD, JSON data) is data that no policy governs.
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
                 "application/ecmascript"}

# What the site may load besides its own files: images and Material's icons as data: SVGs. Frames only
# from the origins council.yml's embeds: allows; no plugins; <base> stays on the site, and forms send
# only to the site and to the other sites the pages' own forms name.
_FIXED_DIRECTIVES = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
)

OTHER_HEADERS = {
    # A year, for this host name only: a council's other subdomains may still serve plain HTTP.
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",  # for browsers older than frame-ancestors
}


@dataclass
class InlineCode:
    """The hashes of the inline code the built pages contain, as CSP source expressions."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    # Event handler and style="" attributes: allowed by hash only with 'unsafe-hashes'.
    script_attributes: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)
    # Other sites the pages' forms send to: a council's own page may have a form for its online services.
    form_origins: set[str] = field(default_factory=set)


def source_hash(text: str) -> str:
    """The CSP hash source for one piece of inline code, as the browser computes it."""
    digest = hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class _InlineReader(html.parser.HTMLParser):
    """Collects the inline code of one page into `found`."""

    def __init__(self, found: InlineCode) -> None:
        super().__init__(convert_charrefs=True)
        self.found = found
        self.inside: str | None = None  # "script" or "style" while reading inline code
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.found.script_attributes.add(source_hash(value))
            elif name == "style":
                self.found.style_attributes.add(source_hash(value))
        origin = https_origin(values.get("action", "")) if tag == "form" else None
        if origin:
            self.found.form_origins.add(origin)
        runs = tag == "script" and "src" not in values and values.get("type", "").strip().lower() in _SCRIPT_TYPES
        if runs or tag == "style":
            self.inside, self.text = tag, []

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag == self.inside:
            hashes = self.found.scripts if tag == "script" else self.found.styles
            hashes.add(source_hash("".join(self.text)))
            self.inside = None


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def scan(pages: Iterable[Path]) -> InlineCode:
    """Every distinct piece of inline code in the pages."""
    found = InlineCode()
    for page in pages:
        reader = _InlineReader(found)
        reader.feed(page.read_text(encoding="utf-8", errors="replace"))
        reader.close()
    return found


def content_security_policy(inline: InlineCode, embeds: Iterable[str], *, in_meta: bool = False) -> str:
    """The policy for the whole site. In a `<meta>` tag, frame-ancestors is left out: browsers ignore it there."""
    directives = dict(_FIXED_DIRECTIVES)
    directives["script-src"] = _sources(inline.scripts, inline.script_attributes)
    directives["style-src"] = _sources(inline.styles, inline.style_attributes)
    directives["form-action"] = " ".join(["'self'", *sorted(inline.form_origins)])
    directives["frame-src"] = " ".join(sorted(set(embeds))) or "'none'"
    if not in_meta:
        directives["frame-ancestors"] = "'none'"
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _sources(elements: set[str], attributes: set[str]) -> str:
    unsafe_hashes = ["'unsafe-hashes'"] if attributes else []
    return " ".join(["'self'", *sorted(elements), *unsafe_hashes, *sorted(attributes - elements)])


def site_headers(policy: str) -> dict[str, str]:
    return {"Content-Security-Policy": policy, **OTHER_HEADERS}


def headers_file(headers: dict[str, str]) -> str:
    """`_headers` as Netlify and Cloudflare Pages read it: every path gets every header."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


_CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)


def with_meta_policy(page: str, policy: str) -> str:
    """The page with the policy as its first rule, right after the charset (which must stay early)."""
    content = html.escape(policy, quote=False).replace('"', "&quot;")  # the quotes in 'self' stay as they are
    tags = (f'<meta http-equiv="Content-Security-Policy" content="{content}">'
            '<meta name="referrer" content="strict-origin-when-cross-origin">')
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        return page
    return page[: anchor.end()] + tags + page[anchor.end():]


@dataclass
class Written:
    """What `protect` did, for the build's tests and report."""

    policy: str
    headers_file: Path | None = None
    pages_with_meta: int = 0


def protect(site_dir: Path, host: Host, embeds: Iterable[str], own_files: Iterable[str] = ()) -> Written:
    """Give the built site its security headers, in the form `host` reads.

    `own_files` are paths the council's docs/ publishes; a council's own `_headers`
    wins over lgsite's, and its own staticwebapp.config.json keeps its headers.
    """
    pages = html_pages(site_dir)
    inline = scan(pages)
    own = set(own_files)
    if host.needs_meta_policy:
        policy = content_security_policy(inline, embeds, in_meta=True)
        for page in pages:
            text = page.read_text(encoding="utf-8")
            page.write_text(with_meta_policy(text, policy), encoding="utf-8")
        return Written(policy, pages_with_meta=len(pages))
    policy = content_security_policy(inline, embeds)
    headers = site_headers(policy)
    if host.reads_azure_config:
        target = site_dir / AZURE_CONFIG
        target.write_text(_azure_config(target, headers), encoding="utf-8")
        return Written(policy, headers_file=target)
    target = site_dir / HEADERS_FILE
    if HEADERS_FILE in own:
        return Written(policy)
    limit = host.header_line_limit
    if limit is not None and len(f"  Content-Security-Policy: {policy}") > limit:
        raise LgsiteError(
            f"the pages carry so many different inline scripts and styles that the Content-Security-Policy "
            f"is {len(policy)} characters, more than the {limit} {host.value} accepts in _headers",
            hint="Move inline <script> and <style> from the council's pages and theme overrides into files.")
    target.write_text(headers_file(headers), encoding="utf-8")
    return Written(policy, headers_file=target)


def _azure_config(target: Path, headers: dict[str, str]) -> str:
    """staticwebapp.config.json with lgsite's headers under globalHeaders; a council's own file keeps its values."""
    config = read_azure_config(target) if target.is_file() else {}
    given = config.get("globalHeaders")
    config["globalHeaders"] = {**headers, **(given if isinstance(given, dict) else {})}
    return json.dumps(config, indent=2) + "\n"


def read_azure_config(file: Path) -> dict[str, object]:
    """A council's own staticwebapp.config.json, which lgsite adds to rather than replaces."""
    try:
        config = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise LgsiteError(f"is not valid JSON ({error})", file=f"docs/{AZURE_CONFIG}",
                          hint="Correct it, or remove it to let lgsite write it.") from None
    if not isinstance(config, dict):
        raise LgsiteError("is not a JSON object", file=f"docs/{AZURE_CONFIG}",
                          hint="Correct it, or remove it to let lgsite write it.")
    return config
