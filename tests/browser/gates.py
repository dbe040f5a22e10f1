"""Accessibility and validity gates for a directory of built static HTML.

This module knows nothing about lgsite's build: every gate takes a directory of
static files (or a page in a browser) and returns a list of problems, each a
small frozen dataclass whose ``str()`` is one readable line.  An empty list
means the gate passed.

The gates:

* :func:`run_axe` -- axe-core in headless Chromium (WCAG 2.0/2.1/2.2 A and AA
  plus axe's best practices) on one page at one viewport;
* :func:`run_vnu` -- the Nu HTML Checker over every HTML file in one JVM;
* :func:`check_links` -- same-site links, assets and ``#fragments`` resolve,
  and nothing makes a request to a third-party origin;
* :func:`check_keyboard` -- skip link first in tab order and working, a visible
  focus indicator on everything Tab reaches, and no focus trap;
* :func:`check_no_js` -- with JavaScript off the page still has its main
  content and its header, navigation and breadcrumb links.

Supporting pieces: :class:`StaticServer` (serves a directory on 127.0.0.1 with
gzip, like a static host) and :func:`launch_browser` (Debian's Chromium driven
by Python Playwright, never a downloaded browser).

Run ``python tests/browser/gates.py SITE_DIR`` to run every gate on a built
site from the command line.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html.parser
import http.server
import json
import mimetypes
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Playwright is only needed by the browser gates.
    from playwright.sync_api import Browser, Page, Playwright, ViewportSize

__all__ = [
    "AXE_JS",
    "AXE_TAGS",
    "BROWSER_DIR",
    "CHROMIUM_ARGS",
    "DESKTOP",
    "PHONE",
    "VNU_JAR",
    "AxeViolation",
    "BrowserSession",
    "HtmlError",
    "KeyboardProblem",
    "LinkProblem",
    "NoJsProblem",
    "StaticServer",
    "Viewport",
    "axe_site",
    "check_keyboard",
    "check_links",
    "check_no_js",
    "chromium_path",
    "format_problems",
    "html_files",
    "keyboard_site",
    "launch_browser",
    "missing_tools",
    "no_js_site",
    "page_types",
    "page_url_path",
    "run_axe",
    "run_vnu",
]

# --------------------------------------------------------------------------
# Where the tools are
# --------------------------------------------------------------------------

BROWSER_DIR = Path(__file__).resolve().parent
"""``tests/browser``: holds ``package.json`` and, after ``npm ci``, ``node_modules``."""

NODE_MODULES = BROWSER_DIR / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

DEFAULT_CHROMIUM = "/usr/bin/chromium"

CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
"""Flags that let Debian's Chromium run headless, as root, on a closed network."""

HERMETIC_ARGS: tuple[str, ...] = ("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",)
"""Make every host name but localhost fail at once: pages under test reach no
other origin (the link gate reports such requests) and never wait on DNS."""

AXE_MOUNT = "/__lgsite-gates__/axe.min.js"
"""Where :class:`StaticServer` serves axe-core when asked to (see ``mounts``)."""

AXE_TAGS: tuple[str, ...] = (
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
)


def chromium_path() -> str:
    """The Chromium binary: ``$LGSITE_CHROMIUM`` if set, else Debian's."""
    return os.environ.get("LGSITE_CHROMIUM") or DEFAULT_CHROMIUM


def _java_major_version(java: str = "java") -> int | None:
    """The major version of ``java`` (8 for ``1.8.0_x``), or None if it will not run."""
    if shutil.which(java) is None:
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0_392" is Java 8
        major = int(match.group(2))
    return major


def missing_tools(*, browser: bool = True, java: bool = True) -> list[str]:
    """Say what is missing for the gates, one reason per missing tool.

    ``browser`` covers Chromium, Python Playwright and axe-core; ``java`` covers
    Java 8+ and the Nu HTML Checker jar.  ``scripts/install-browser-deps.sh``
    installs all of them.
    """
    problems: list[str] = []
    fix = "run scripts/install-browser-deps.sh"
    if browser:
        exe = chromium_path()
        if not os.access(exe, os.X_OK):
            problems.append(f"Chromium not found at {exe} ({fix})")
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problems.append(
                "Python package 'playwright' is not installed (pip install playwright;"
                " never run 'playwright install': Debian's Chromium is used)"
            )
        if not AXE_JS.is_file():
            problems.append(f"axe-core not found at {AXE_JS} ({fix})")
    if java:
        major = _java_major_version()
        if major is None:
            problems.append(f"Java not found; the Nu HTML Checker needs Java 8+ ({fix})")
        elif major < 8:
            problems.append(f"Java {major} is too old; the Nu HTML Checker needs Java 8+")
        if not VNU_JAR.is_file():
            problems.append(f"vnu.jar not found at {VNU_JAR} ({fix})")
    return problems


# --------------------------------------------------------------------------
# Pages of a built site
# --------------------------------------------------------------------------


def html_files(root: Path | str) -> list[Path]:
    """Every ``*.html`` file under ``root``, as sorted paths relative to it."""
    root = Path(root)
    return sorted(p.relative_to(root) for p in root.rglob("*.html") if p.is_file())


def page_url_path(relpath: Path | str) -> str:
    """The URL path a static host serves a file at: ``a/index.html`` -> ``/a/``."""
    posix = Path(relpath).as_posix()
    if posix == "index.html":
        posix = ""
    elif posix.endswith("/index.html"):
        posix = posix[: -len("index.html")]
    return "/" + urllib.parse.quote(posix)


_PAGE_TYPE_ATTR = re.compile(r"<(?:html|body)\b[^>]*?\sdata-page-type\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
# A minifier may put content= before name=, so the two are found separately.
_PAGE_TYPE_META_NAME = re.compile(r"\sname\s*=\s*[\"']?lgsite:page-type[\"'\s>]", re.I)
_META_CONTENT = re.compile(r"\scontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)


def _declared_page_type(text: str) -> str | None:
    match = _PAGE_TYPE_ATTR.search(text)
    if match:
        return match.group(1).strip()
    for tag in _META_TAG.findall(text):
        if _PAGE_TYPE_META_NAME.search(tag):
            content = _META_CONTENT.search(tag)
            if content:
                return next(group for group in content.groups() if group is not None).strip()
    return None


def page_types(root: Path | str, *, limit: int = 30) -> dict[str, Path]:
    """One representative page for each page type in a built site.

    A page declares its type with ``data-page-type="service"`` on ``<html>`` or
    ``<body>`` (or ``<meta name="lgsite:page-type" content="service">``); the
    first page of each type, in sorted path order, represents it.  Pages that
    declare nothing are grouped by their shape (depth, section index or leaf)
    instead.  ``index.html``, ``404.html`` and ``search.html`` are always included.  At most
    ``limit`` pages are returned.
    """
    root = Path(root)
    chosen: dict[str, Path] = {}
    for special in ("index.html", "404.html", "search.html"):
        if (root / special).is_file():
            chosen[special] = Path(special)
    for rel in html_files(root):
        if len(chosen) >= limit:
            break
        if rel in chosen.values():
            continue
        text = (root / rel).read_text(encoding="utf-8", errors="replace")
        declared = _declared_page_type(text)
        if declared is not None:
            key = f"type:{declared}"
        else:
            depth = min(len(rel.parts) - 1, 3)
            kind = "index" if rel.name == "index.html" else "leaf"
            key = f"shape:depth{depth}-{kind}"
        chosen.setdefault(key, rel)
    return chosen


# --------------------------------------------------------------------------
# A static server with gzip
# --------------------------------------------------------------------------

CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".ics": "text/calendar; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".pdf": "application/pdf",
}

_COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|.*\+json|.*\+xml)|image/svg\+xml)")


def _accepts_gzip(header: str | None) -> bool:
    """True if an Accept-Encoding header admits gzip (honours ``q=0``)."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            q = re.search(r"q\s*=\s*([0-9.]+)", params)
            return not (q and float(q.group(1)) == 0)
    return False


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle's
    # algorithm and delayed ACKs stall every keep-alive response by ~40 ms.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: tests read results, not access logs

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _resolve(self, url_path: str) -> tuple[Path | None, str | None]:
        """(file to send, redirect location); both None means not found."""
        mounted = self.server.mounts.get(url_path)
        if mounted is not None:
            return mounted, None
        root = self.server.root
        rel = posixpath.normpath(urllib.parse.unquote(url_path))
        parts = [p for p in rel.split("/") if p and p != "."]
        if ".." in parts:
            return None, None
        target = root.joinpath(*parts)
        if target.is_dir():
            if not url_path.endswith("/"):
                return None, url_path + "/"
            target = target / "index.html"
        return (target if target.is_file() else None), None

    def _respond(self, *, head: bool) -> None:
        split = urllib.parse.urlsplit(self.path)
        target, redirect = self._resolve(split.path)
        if redirect is not None:
            location = redirect + (f"?{split.query}" if split.query else "")
            self._send(301, b"", "text/plain; charset=utf-8", head, {"Location": location})
            return
        status = 200
        if target is None:
            status = 404
            fallback = self.server.root / "404.html"
            if not fallback.is_file():
                self._send(404, b"Not found\n", "text/plain; charset=utf-8", head)
                return
            target = fallback
        ctype = CONTENT_TYPES.get(target.suffix.lower())
        if ctype is None:
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        extra = {"Cache-Control": "no-cache" if ctype.startswith("text/html") else "max-age=3600"}
        gzip_ok = _accepts_gzip(self.headers.get("Accept-Encoding"))
        if gzip_ok and _COMPRESSIBLE.match(ctype):
            body = self.server.gzipped(target)
            extra["Content-Encoding"] = "gzip"
        else:
            body = target.read_bytes()
        extra["Vary"] = "Accept-Encoding"
        self._send(status, body, ctype, head, extra)

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str,
        head: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, root: Path, mounts: dict[str, Path]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.mounts = mounts
        self._cache: dict[Path, tuple[float, bytes]] = {}
        self._lock = threading.Lock()

    def gzipped(self, path: Path) -> bytes:
        """The file gzip-compressed, cached until it changes on disk."""
        mtime = path.stat().st_mtime
        with self._lock:
            hit = self._cache.get(path)
        if hit and hit[0] == mtime:
            return hit[1]
        data = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        with self._lock:
            self._cache[path] = (mtime, data)
        return data


class StaticServer:
    """Serve a directory on 127.0.0.1 at a free port, as a static host would.

    Responses are gzip-compressed when the client accepts gzip; a directory
    serves its ``index.html`` (``/a`` redirects to ``/a/``); a missing path
    gets ``404.html`` with status 404 when the site has one.  Use it as a
    context manager::

        with StaticServer(site_dir) as server:
            page.goto(server.url_for("council-tax/index.html"))

    ``mounts`` maps extra URL paths to files outside the site; by default
    axe-core is served at :data:`AXE_MOUNT`, so pages can load it as a
    cached script (see :attr:`axe_url`) instead of receiving its 550 kB
    through Playwright on every page.
    """

    def __init__(self, root: Path | str, *, mounts: dict[str, Path] | None = None) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise NotADirectoryError(f"not a directory: {self.root}")
        if mounts is None:
            mounts = {AXE_MOUNT: AXE_JS} if AXE_JS.is_file() else {}
        self.mounts = {path: Path(file).resolve() for path, file in mounts.items()}
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        if self._server is None:
            raise RuntimeError("server is not running")
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}"

    def url_for(self, relpath: Path | str) -> str:
        """The URL of a file of the site, as :func:`page_url_path` spells it."""
        return self.base_url + page_url_path(relpath)

    @property
    def axe_url(self) -> str | None:
        """The URL axe-core is served at, or None if it is not mounted."""
        return self.base_url + AXE_MOUNT if AXE_MOUNT in self.mounts else None

    def start(self) -> StaticServer:
        self._server = _Server(self.root, self.mounts)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"static-server:{self.root.name}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Viewport:
    """A named viewport size in CSS pixels."""

    width: int
    height: int

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"

    def as_dict(self) -> ViewportSize:
        return {"width": self.width, "height": self.height}


PHONE = Viewport(375, 812)
DESKTOP = Viewport(1280, 800)


class BrowserSession:
    """One headless Chromium, shared by many checks.

    :meth:`page` hands out one reusable page per (viewport, JavaScript on/off),
    each in its own browser context, so checks don't pay for a new tab or a
    cold cache on every page of the site.
    """

    def __init__(self, playwright: Playwright, browser: Browser, *, javascript: bool = True) -> None:
        self.playwright = playwright
        self.browser = browser
        self.javascript = javascript
        self._pages: dict[tuple[Viewport, bool, bool], Page] = {}

    def page(self, viewport: Viewport = DESKTOP, *, javascript: bool | None = None, csp: bool = False) -> Page:
        """A page at ``viewport``; JavaScript as launched unless ``javascript`` says.

        The gates add axe-core and styles of their own to the pages they check, which a site's
        Content-Security-Policy would block: pages ignore it unless ``csp`` (test_csp.py checks it).
        """
        js = self.javascript if javascript is None else javascript
        key = (viewport, js, csp)
        page = self._pages.get(key)
        if page is None or page.is_closed():
            context = self.browser.new_context(
                viewport=viewport.as_dict(),
                java_script_enabled=js,
                service_workers="block",
                bypass_csp=not csp,
            )
            context.set_default_timeout(30_000)
            page = context.new_page()
            self._pages[key] = page
        return page

    def close(self) -> None:
        for page in self._pages.values():
            with contextlib.suppress(Exception):
                page.context.close()
        self._pages.clear()
        self.browser.close()


@contextlib.contextmanager
def launch_browser(javascript: bool = True, *, hermetic: bool = True) -> Iterator[BrowserSession]:
    """Start headless Debian Chromium under Playwright and yield a session.

    ``javascript`` is the default for pages the session hands out; a page
    with the other setting is one ``session.page(..., javascript=...)`` away,
    in the same browser.  The binary is ``/usr/bin/chromium`` (or
    ``$LGSITE_CHROMIUM``); Playwright's own browser downloads are never used.
    With ``hermetic`` (the default) no host name but localhost resolves.
    """
    from playwright.sync_api import sync_playwright

    args = list(CHROMIUM_ARGS) + (list(HERMETIC_ARGS) if hermetic else [])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=args,
            headless=True,
        )
        session = BrowserSession(playwright, browser, javascript=javascript)
        try:
            yield session
        finally:
            session.close()


def _goto(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    if response is not None and response.status >= 400 and not url.endswith("/404.html"):
        raise RuntimeError(f"{url} answered HTTP {response.status}")


# --------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class AxeViolation:
    """One axe rule that failed on one page at one viewport."""

    rule: str
    impact: str
    description: str
    targets: tuple[str, ...]
    url: str
    viewport: str
    help_url: str = ""

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:5])
        more = f" (+{len(self.targets) - 5} more)" if len(self.targets) > 5 else ""
        return (
            f"{_url_path(self.url)} @{self.viewport}: {self.rule} ({self.impact}) {self.description} -> {shown}{more}"
        )


_AXE_RUN = """
async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
    // Preload media only (for no-autoplay-audio): the CSSOM preload refetches
    // every stylesheet on every run and only the experimental
    // css-orientation-lock rule, which these tags do not run, reads it.
    preload: {assets: ["media"]},
  });
  return results.violations.map(v => ({
    id: v.id,
    impact: v.impact || "",
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : t).join(" ")),
  }));
}
"""


def run_axe(
    page: Page,
    url: str | None = None,
    *,
    tags: Sequence[str] = AXE_TAGS,
    axe_js: Path = AXE_JS,
    axe_url: str | None = None,
) -> list[AxeViolation]:
    """Run axe-core on a page and return its violations.

    Loads ``url`` first when given (else checks the page as it is and reuses
    axe if it is already there), injects axe-core with
    ``page.add_script_tag`` and runs the rules tagged ``tags`` (WCAG
    2.0/2.1/2.2 A and AA plus best practices by default).  axe comes from
    ``axe_url`` when given (a :class:`StaticServer` serves it at
    :attr:`StaticServer.axe_url`; the browser caches it and its compiled
    code, several times faster per page), else from the file ``axe_js``.
    """
    if url is not None:
        _goto(page, url)
    if url is not None or not page.evaluate("() => typeof window.axe === 'object'"):
        if axe_url:
            page.add_script_tag(url=axe_url)
        else:
            page.add_script_tag(path=str(axe_js))
    raw = page.evaluate(_AXE_RUN, list(tags))
    size = page.viewport_size or {"width": 0, "height": 0}
    viewport = f"{size['width']}x{size['height']}"
    return [
        AxeViolation(
            rule=v["id"],
            impact=v["impact"],
            description=v["help"],
            targets=tuple(v["targets"]),
            url=page.url,
            viewport=viewport,
            help_url=v["helpUrl"],
        )
        for v in raw
    ]


# --------------------------------------------------------------------------
# Nu HTML Checker
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class HtmlError:
    """One error the Nu HTML Checker reported."""

    file: str
    line: int | None
    column: int | None
    message: str
    extract: str = ""

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        where += f":{self.column}" if self.line and self.column else ""
        extract = " ".join(self.extract.split())
        return f"{where}: {self.message}" + (f"  [{extract[:100]}]" if extract else "")


def run_vnu(
    files: Iterable[Path | str],
    *,
    root: Path | str | None = None,
    vnu_jar: Path = VNU_JAR,
    java: str = "java",
    timeout: float = 1800,
) -> list[HtmlError]:
    """Check HTML files with the Nu HTML Checker in one JVM and return its errors.

    ``files`` are absolute, or relative to ``root``; errors name files
    relative to ``root`` when given.  Nothing is skipped: every file is
    checked as HTML.  Warnings are not reported (``--errors-only``).
    """
    base = Path(root).resolve() if root is not None else None
    paths = [(base / f if base and not Path(f).is_absolute() else Path(f)).resolve() for f in files]
    if not paths:
        return []
    # A thread stack of 4 MiB avoids the checker's StackOverflowError on deep
    # documents; C1-only JIT starts faster and wins for a few hundred files.
    jvm = ["-Xss4m"] + (["-XX:TieredStopAtLevel=1"] if len(paths) < 800 else [])
    errors: list[HtmlError] = []
    # One JVM for the lot; split only if the command line would get too long.
    for batch in _batches([str(p) for p in paths], max_chars=1_000_000):
        cmd = [java, *jvm, "-jar", str(vnu_jar), "--errors-only", "--format", "json", *batch]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        try:
            report = json.loads(proc.stderr or proc.stdout)
        except json.JSONDecodeError as exc:
            raise RuntimeError(
                f"vnu exited {proc.returncode} without a JSON report:\n{(proc.stderr or proc.stdout)[-2000:]}"
            ) from exc
        for msg in report.get("messages", []):
            if msg.get("type") not in ("error", "non-document-error") and msg.get("subType") != "fatal":
                continue
            file_url = msg.get("url", "")
            path = Path(urllib.request.url2pathname(urllib.parse.urlsplit(file_url).path)) if file_url else None
            name = str(path) if path else "?"
            if path and base:
                with contextlib.suppress(ValueError):
                    name = path.relative_to(base).as_posix()
            errors.append(
                HtmlError(
                    file=name,
                    line=msg.get("lastLine"),
                    column=msg.get("firstColumn") or msg.get("lastColumn"),
                    message=msg.get("message", ""),
                    extract=msg.get("extract", ""),
                )
            )
    return errors


def _batches(items: list[str], *, max_chars: int) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for item in items:
        if batch and size + len(item) + 1 > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item) + 1
    if batch:
        yield batch


# --------------------------------------------------------------------------
# Internal links and third-party requests
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkProblem:
    """A broken same-site reference, or a request to another origin."""

    file: str
    href: str
    reason: str
    kind: str = "broken"  # "broken" or "third-party"
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        return f"{where}: {self.href} -- {self.reason}"


# <link rel> values that make the browser fetch the URL.
_FETCHING_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "apple-touch-icon-precomposed",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "prerender",
}

_SKIP_SCHEMES = ("mailto:", "tel:", "sms:", "javascript:", "data:", "blob:", "about:", "geo:", "webcal:")

# (tag, attribute, makes a request by itself)
_REF_ATTRS: dict[str, tuple[tuple[str, bool], ...]] = {
    "a": (("href", False),),
    "area": (("href", False),),
    "link": (("href", True),),
    "img": (("src", True), ("srcset", True)),
    "source": (("src", True), ("srcset", True)),
    "script": (("src", True),),
    "iframe": (("src", True),),
    "video": (("src", True), ("poster", True)),
    "audio": (("src", True),),
    "track": (("src", True),),
    "embed": (("src", True),),
    "object": (("data", True),),
}


@dataclass
class _Ref:
    tag: str
    attr: str
    value: str
    fetches: bool
    line: int


@dataclass
class _ParsedPage:
    ids: set[str] = field(default_factory=set)
    refs: list[_Ref] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    base_href: str | None = None


class _PageParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _ParsedPage()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.page.ids.add(a["name"])
        if tag == "base" and "href" in a and self.page.base_href is None:
            self.page.base_href = a["href"]
        if tag == "style":
            self._in_style = True
        if "style" in a and "url(" in a["style"]:
            self.page.styles.append(a["style"])
        line = self.getpos()[0]
        for attr, fetches in _REF_ATTRS.get(tag, ()):
            if attr not in a:
                continue
            if tag == "link":
                rels = set(a.get("rel", "").lower().split())
                fetches = bool(rels & _FETCHING_RELS)
            values = _srcset_urls(a[attr]) if attr == "srcset" else [a[attr]]
            for value in values:
                self.page.refs.append(_Ref(tag, attr, value.strip(), fetches, line))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.page.styles.append(data)


def _srcset_urls(srcset: str) -> list[str]:
    urls = []
    for candidate in srcset.split(","):
        bits = candidate.split()
        if bits:
            urls.append(bits[0])
    return urls


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)|url\(\s*["']?([^"')\s]+)""", re.I)


def _css_external_urls(css: str) -> list[str]:
    """Absolute http(s) or protocol-relative URLs that CSS would fetch."""
    css = _CSS_COMMENT.sub("", css)
    found = []
    for match in _CSS_URL.finditer(css):
        url = match.group(1) or match.group(2) or ""
        if re.match(r"(?i)(https?:)?//", url):
            found.append(url)
    return found


def _url_path(url: str) -> str:
    split = urllib.parse.urlsplit(url)
    return split.path + (f"#{split.fragment}" if split.fragment else "")


def check_links(
    root: Path | str,
    *,
    site_url: str | None = None,
    check_css: bool = True,
) -> list[LinkProblem]:
    """Check every same-site reference in every HTML file under ``root``.

    Looks at ``a[href]``, ``area[href]``, ``link[href]``, ``img[src|srcset]``,
    ``script[src]`` and the other elements that load a URL.  A same-site
    target must exist (a directory needs an ``index.html``), and a
    ``#fragment`` must name an ``id`` (or ``a[name]``) in the target page.
    Absolute ``http(s)``/``//`` URLs that the browser would *fetch* (scripts,
    stylesheets, images, icons, preconnects, CSS ``@import``/``url()``) are
    reported as third-party requests; plain links to other sites are fine.
    URLs under ``site_url`` count as same-site.
    """
    root = Path(root).resolve()
    pages = html_files(root)
    parsed: dict[str, _ParsedPage] = {}
    for rel in pages:
        parser = _PageParser()
        parser.feed((root / rel).read_text(encoding="utf-8", errors="replace"))
        parser.close()
        parsed[rel.as_posix()] = parser.page

    site = urllib.parse.urlsplit(site_url) if site_url else None
    site_path = (site.path if site and site.path.endswith("/") else (site.path + "/" if site else "/")) or "/"
    problems: list[LinkProblem] = []

    def target_file(url_path: str) -> str | None:
        """The file (relative to root) a URL path serves, or None."""
        rel = url_path[len(site_path) :] if url_path.startswith(site_path) else None
        if rel is None:
            return None
        rel = posixpath.normpath("/" + urllib.parse.unquote(rel)).lstrip("/")
        if rel in ("", "."):
            rel = ""
        candidate = root / rel
        if rel and candidate.is_file():
            return rel
        if (candidate / "index.html").is_file():
            return posixpath.join(rel, "index.html") if rel else "index.html"
        return None

    for rel_name, page in parsed.items():
        page_url = "http://site.invalid" + site_path + page_url_path(rel_name).lstrip("/")
        base = urllib.parse.urljoin(page_url, page.base_href) if page.base_href else page_url
        for ref in page.refs:
            value = ref.value
            if not value or value.lower().startswith(_SKIP_SCHEMES):
                if value == "" and ref.tag in ("img", "script", "link", "source", "iframe"):
                    problems.append(LinkProblem(rel_name, f'<{ref.tag} {ref.attr}="">', "empty URL", line=ref.line))
                continue
            absolute = urllib.parse.urljoin(base, value)
            split = urllib.parse.urlsplit(absolute)
            if split.scheme not in ("http", "https"):
                continue
            same_site = split.netloc == "site.invalid" or (
                site is not None
                and split.netloc.lower() == site.netloc.lower()
                and split.path.startswith(site_path.rstrip("/"))
            )
            if not same_site:
                if ref.fetches:
                    problems.append(
                        LinkProblem(
                            rel_name,
                            value,
                            f"third-party request from <{ref.tag} {ref.attr}>",
                            kind="third-party",
                            line=ref.line,
                        )
                    )
                continue
            path = split.path or "/"
            if site is not None and split.netloc != "site.invalid" and path == site_path.rstrip("/"):
                path = site_path
            target = target_file(path)
            if target is None:
                problems.append(LinkProblem(rel_name, value, f"<{ref.tag} {ref.attr}> target not found", line=ref.line))
                continue
            fragment = urllib.parse.unquote(split.fragment)
            if fragment and fragment.lower() != "top" and target.endswith((".html", ".htm")):
                target_page = parsed.get(target)
                if target_page is not None and fragment not in target_page.ids:
                    where = "this page" if target == rel_name else target
                    problems.append(LinkProblem(rel_name, value, f'no id="{fragment}" in {where}', line=ref.line))
        for css in page.styles:
            for url in _css_external_urls(css):
                problems.append(LinkProblem(rel_name, url, "third-party request from inline CSS", kind="third-party"))

    if check_css:
        for css_file in sorted(root.rglob("*.css")):
            text = css_file.read_text(encoding="utf-8", errors="replace")
            for url in _css_external_urls(text):
                problems.append(
                    LinkProblem(
                        css_file.relative_to(root).as_posix(),
                        url,
                        "third-party request from CSS @import/url()",
                        kind="third-party",
                    )
                )
    return problems


# --------------------------------------------------------------------------
# Keyboard
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyboardProblem:
    """A keyboard-access failure on one page."""

    url: str
    check: str  # "skip-link", "focus-indicator", "focus-visible", "focus-trap"
    element: str
    message: str

    def __str__(self) -> str:
        element = f" {self.element}:" if self.element else ""
        return f"{_url_path(self.url)} [{self.check}]{element} {self.message}"


# Installed into the page once per load.  Keeps the unfocused ("blurred")
# style of every focusable element, then on each step compares it with the
# style of whatever has focus.
_KEYBOARD_JS = r"""
() => {
  if (window.__lgsiteKbd) return;
  const FOCUSABLE = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, ' +
    'summary, iframe, [tabindex], [contenteditable]:not([contenteditable="false"])';
  const PROPS = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow',
    'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
    'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
    'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
    'background-color', 'background-image', 'color', 'text-decoration-line',
    'text-decoration-color', 'text-decoration-style', 'text-decoration-thickness',
    'opacity', 'filter'];
  const PSEUDO_PROPS = PROPS.concat(['content', 'display', 'visibility', 'width', 'height']);
  const style = (el, pseudo, props) => {
    const cs = getComputedStyle(el, pseudo);
    const out = {};
    for (const p of props) out[p] = cs.getPropertyValue(p);
    return out;
  };
  const visible = (el) => {
    if (!el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({opacityProperty: true, visibilityProperty: true}))
      return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    const cs = getComputedStyle(el);
    if (cs.clipPath && cs.clipPath.startsWith('inset(50%')) return false;
    if (cs.clip && cs.clip.replace(/\s/g, '') === 'rect(0px,0px,0px,0px)') return false;
    const docW = Math.max(document.documentElement.scrollWidth, innerWidth);
    const docH = Math.max(document.documentElement.scrollHeight, innerHeight);
    if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0 || r.left + scrollX >= docW || r.top + scrollY >= docH)
      return false;
    return true;
  };
  // Is some part of el actually on screen and not covered by something else?
  const onScreen = (el) => {
    const r = el.getBoundingClientRect();
    const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]];
    for (const [fx, fy] of points) {
      const x = r.left + r.width * fx, y = r.top + r.height * fy;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && (hit === el || el.contains(hit) || hit.contains(el) ||
                  (el.labels && [...el.labels].some(l => l.contains(hit))))) return true;
    }
    return false;
  };
  const snap = (el) => ({
    self: style(el, null, PROPS),
    before: style(el, '::before', PSEUDO_PROPS),
    after: style(el, '::after', PSEUDO_PROPS),
    parent: el.parentElement ? style(el.parentElement, null, PROPS) : {},
    labels: el.labels ? [...el.labels].map(l => style(l, null, PROPS)) : [],
    visible: visible(el),
  });
  const alpha = (color) => {
    const m = /rgba?\(([^)]+)\)/.exec(color || '');
    if (!m) return color === 'transparent' ? 0 : 1;
    const parts = m[1].split(/[\s,\/]+/).filter(Boolean);
    return parts.length > 3 ? parseFloat(parts[3]) : 1;
  };
  const outlineVisible = (s) => s['outline-style'] !== 'none' &&
    parseFloat(s['outline-width']) > 0 && alpha(s['outline-color']) > 0;
  // Which visible differences does the focused style show over the blurred one?
  const renders = (s) => s.content !== undefined && s.content !== 'none' && s.content !== 'normal' &&
    s.display !== 'none';
  const diff = (a, b, where) => {
    const out = [];
    // A pseudo-element counts only if it is drawn in one of the two states.
    if (where.startsWith('::') && !renders(a) && !renders(b)) return out;
    for (const k of Object.keys(b)) {
      if (a[k] === b[k]) continue;
      if (k.startsWith('outline')) {
        if (outlineVisible(b)) out.push(`${where}outline`);
      } else if (k === 'box-shadow') {
        if (b[k] !== 'none') out.push(`${where}box-shadow`);
      } else if (k.startsWith('border')) {
        const side = k.split('-')[1];
        if (b[`border-${side}-style`] !== 'none' && parseFloat(b[`border-${side}-width`]) > 0 &&
            alpha(b[`border-${side}-color`]) > 0) out.push(`${where}border`);
      } else if (k === 'width' || k === 'height') {
        // pseudo-element box changes count only with something to show
        if (b['content'] !== 'none' && b['display'] !== 'none') out.push(`${where}${k}`);
      } else {
        out.push(`${where}${k}`);
      }
    }
    return out;
  };
  const describe = (el) => {
    if (el === document.body || el === document.documentElement) return '<' + el.tagName.toLowerCase() + '>';
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    else if (typeof el.className === 'string' && el.className.trim())
      s += '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.');
    const href = el.getAttribute('href');
    if (href !== null) s += `[href="${href.length > 60 ? href.slice(0, 57) + '...' : href}"]`;
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ');
    if (text) s += ` "${text.length > 40 ? text.slice(0, 37) + '...' : text}"`;
    return s;
  };
  const baselines = new Map();
  const ids = new Map();
  let nextId = 0;
  const idOf = (el) => { if (!ids.has(el)) ids.set(el, nextId++); return ids.get(el); };
  const mainEl = () => document.querySelector('main, [role="main"]');

  window.__lgsiteKbd = {
    // Blurred styles of every focusable element; returns how many can be tabbed to.
    baseline() {
      if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
      let tabbable = 0;
      for (const el of document.querySelectorAll(FOCUSABLE)) {
        baselines.set(el, snap(el));
        if (el.tabIndex >= 0 && !el.disabled && visible(el)) tabbable++;
      }
      return tabbable;
    },
    // Where focus is now, and whether it shows.
    // Where focus is now, and whether it shows.  If the focused element shows
    // no change (or is not visible) at once, waits two frames and looks again,
    // so focus styles applied by script (a class set on focus, in a
    // requestAnimationFrame) are seen too.
    async step() {
      const look = () => {
        const el = document.activeElement;
        if (!el || el === document.body || el === document.documentElement) return {body: true};
        const base = baselines.get(el);
        const now = snap(el);
        let changes = null;
        if (base) {
          changes = diff(base.self, now.self, '')
            .concat(diff(base.before, now.before, '::before '))
            .concat(diff(base.after, now.after, '::after '))
            .concat(diff(base.parent, now.parent, 'parent '));
          base.labels.forEach((l, i) => { changes = changes.concat(diff(l, now.labels[i] || {}, 'label ')); });
          if (!base.visible && now.visible) changes.push('appears');
        }
        return {
          body: false,
          id: idOf(el),
          tag: el.tagName.toLowerCase(),
          href: el.getAttribute('href'),
          desc: describe(el),
          changes,
          visible: now.visible,
          onScreen: now.visible && onScreen(el),
          iframe: el.tagName === 'IFRAME',
        };
      };
      const first = look();
      if (first.body || (first.onScreen && (first.changes === null || first.changes.length))) return first;
      await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return look();
    },
    // Where a skip link points, and how that target relates to <main>.
    skipTarget(href) {
      let name = href.slice(1);
      try { name = decodeURIComponent(name); } catch (e) {}
      const target = document.getElementById(name) || document.querySelector(`a[name="${CSS.escape(name)}"]`);
      const main = mainEl();
      if (!target) return {found: false, main: !!main};
      let relation = 'unrelated';
      if (main) {
        if (target === main) relation = 'is-main';
        else if (target.contains(main)) relation = 'contains-main';
        else if (main.contains(target)) relation = 'inside-main';
        else if (target.nextElementSibling === main ||
                 (target.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING &&
                  !target.textContent.trim() && !target.children.length &&
                  (() => { let n = target.nextElementSibling;
                           while (n && n !== main && !n.textContent.trim() && !n.children.length)
                             n = n.nextElementSibling;
                           return n === main || (n && n.contains(main)); })()))
          relation = 'before-main';
      }
      return {found: true, main: !!main, relation, desc: describe(target),
              focusable: target.tabIndex >= 0 || target.hasAttribute('tabindex')};
    },
    // After activating the skip link: is focus on (or in) the target or main?
    focusAfterSkip(href) {
      let name = href.slice(1);
      try { name = decodeURIComponent(name); } catch (e) {}
      const target = document.getElementById(name) || document.querySelector(`a[name="${CSS.escape(name)}"]`);
      const active = document.activeElement;
      const main = mainEl();
      const inTarget = !!(target && active && (active === target || target.contains(active)));
      const inMain = !!(main && active && (active === main || main.contains(active)));
      return {ok: inTarget || inMain, active: active ? describe(active) : 'nothing',
              hash: location.hash};
    },
  };
}
"""

_NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important;"
    " scroll-behavior: auto !important; }"
)


def check_keyboard(page: Page, url: str, *, max_tabs: int = 400) -> list[KeyboardProblem]:
    """Check a page for keyboard access, as a keyboard user meets it.

    * **skip link**: the first Tab focuses an ``a`` whose ``href`` starts with
      ``#``; its target exists and is ``<main>``, contains it, sits just
      before it or is inside it; pressing Enter leaves focus on the target
      (or inside it, or inside ``<main>``).
    * **focus indicator**: every element Tab reaches looks different when
      focused (outline, box-shadow, border, background, colour, text
      decoration, opacity, its ``::before``/``::after``, its parent or its
      label), compared with its blurred style, with transitions switched off.
    * **focus visible**: every element Tab reaches is visible and not hidden
      behind something else once focused.
    * **no trap**: stepping with Tab gets through the page -- focus leaves
      the document or wraps to the first element -- within ``max_tabs``
      steps, never sticking on one element or cycling among a few.

    Tab is pressed with ``page.keyboard`` so ``:focus-visible`` applies.
    """
    problems: list[KeyboardProblem] = []

    def problem(check: str, element: str, message: str) -> None:
        problems.append(KeyboardProblem(url, check, element, message))

    # 1. Skip link: first in tab order and it works.
    _goto(page, url)
    page.add_style_tag(content=_NO_TRANSITIONS)
    page.evaluate(_KEYBOARD_JS)
    page.keyboard.press("Tab")
    first = page.evaluate("() => window.__lgsiteKbd.step()")
    if first["body"]:
        problem("skip-link", "", "the first Tab focused nothing: no skip link (and nothing focusable?)")
    elif not (first["tag"] == "a" and (first["href"] or "").startswith("#") and len(first["href"]) > 1):
        problem(
            "skip-link",
            first["desc"],
            'the first Tab should focus a skip link (<a href="#main-content">Skip to main content</a>)'
            " but focused this instead",
        )
    else:
        href = first["href"]
        target = page.evaluate("(h) => window.__lgsiteKbd.skipTarget(h)", href)
        if not target["found"]:
            problem("skip-link", first["desc"], f"its target {href} does not exist")
        elif not target["main"]:
            problem("skip-link", first["desc"], "the page has no <main> landmark")
        elif target["relation"] == "unrelated":
            problem(
                "skip-link",
                first["desc"],
                f"its target {target['desc']} is not <main>, does not contain it and is not just before or inside it",
            )
        else:
            page.keyboard.press("Enter")
            after = page.evaluate("(h) => window.__lgsiteKbd.focusAfterSkip(h)", href)
            if not after["ok"]:
                hint = "" if target["focusable"] else ' (give the target tabindex="-1")'
                problem(
                    "skip-link",
                    first["desc"],
                    f"pressing Enter left focus on {after['active']}, not on {target['desc']} or inside <main>{hint}",
                )

    # 2. Tab through the page from a fresh load.
    _goto(page, url)
    page.add_style_tag(content=_NO_TRANSITIONS)
    page.evaluate(_KEYBOARD_JS)
    tabbable = page.evaluate("() => window.__lgsiteKbd.baseline()")
    limit = min(max_tabs, tabbable * 2 + 20)
    seen: dict[int, int] = {}  # element id -> step first focused
    order: list[int] = []
    reported_trap = False
    finished = False
    for step in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate("() => window.__lgsiteKbd.step()")
        if state["body"]:
            if order:
                finished = True
                break
            continue
        el_id: int = state["id"]
        if order and el_id == order[-1]:
            problem("focus-trap", state["desc"], "Tab does not move focus away from this element")
            reported_trap = True
            break
        if el_id in seen:
            if el_id == order[0]:
                finished = True  # wrapped round to the start
            else:
                stuck = [s for s, i in seen.items() if i >= seen[el_id]]
                problem(
                    "focus-trap",
                    state["desc"],
                    f"Tab cycles among {len(stuck)} element(s) from here and never reaches the end of the page",
                )
                reported_trap = True
            break
        seen[el_id] = step
        order.append(el_id)
        if state["iframe"]:
            continue
        if not state["visible"]:
            problem("focus-visible", state["desc"], "receives focus but is not visible")
            continue
        if not state["onScreen"]:
            problem("focus-visible", state["desc"], "receives focus but is off screen or covered")
        if state["changes"] is not None and not state["changes"]:
            problem(
                "focus-indicator",
                state["desc"],
                "shows no visible focus indicator (no outline, box-shadow, border, background,"
                " colour or underline change when focused)",
            )
    if not finished and not reported_trap and order:
        problem(
            "focus-trap",
            "",
            f"Tab did not get through the page in {limit} steps ({len(order)} elements reached)",
        )
    return problems


# --------------------------------------------------------------------------
# Without JavaScript
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class NoJsProblem:
    """Something missing or hidden when JavaScript is off."""

    url: str
    message: str
    kind: str = "main"  # "main": the main content; "link-hidden"; "link-js-only"

    def __str__(self) -> str:
        return f"{_url_path(self.url)}: {self.message}"


_NAV_LINKS_JS = r"""
() => {
  const visible = (el) => {
    if (el.checkVisibility && !el.checkVisibility({opacityProperty: true, visibilityProperty: true}))
      return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    const cs = getComputedStyle(el);
    if (cs.clip && cs.clip.replace(/\s/g, '') === 'rect(0px,0px,0px,0px)') return false;
    if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return false;
    return true;
  };
  const SCOPES = 'header, nav, [role="navigation"], [role="banner"], ' +
    '[aria-label*="breadcrumb" i], [class*="breadcrumb" i]';
  const links = new Set();
  for (const scope of document.querySelectorAll(SCOPES))
    for (const a of scope.querySelectorAll('a[href]')) links.add(a);
  // The skip link is hidden until focused by design: leave it out.
  const first = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
    .find(el => el.tabIndex >= 0);
  const out = [];
  for (const a of links) {
    if (a === first && (a.getAttribute('href') || '').startsWith('#')) continue;
    if (a.closest('template, [hidden], details:not([open])')) continue;
    const text = (a.textContent || a.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ');
    out.push({href: a.href, text: text.slice(0, 60), visible: visible(a)});
  }
  const mains = document.querySelectorAll('main, [role="main"]');
  const main = mains[0];
  return {
    mains: mains.length,
    mainText: main ? (main.innerText || '').trim().replace(/\s+/g, ' ').length : 0,
    mainVisible: main ? visible(main) : false,
    links: out,
  };
}
"""


def check_no_js(
    page: Page,
    url: str,
    *,
    js_page: Page | None = None,
    min_text: int = 20,
) -> list[NoJsProblem]:
    """Check that a page works with JavaScript off.

    ``page`` must come from a context with JavaScript disabled (for example
    ``session.page(DESKTOP, javascript=False)``).  The page must have exactly
    one visible ``<main>`` holding at least ``min_text`` characters of text,
    and every link in its header, navigation and breadcrumbs must be visible
    (the skip link excepted; links in a closed ``<details>`` are fine).  With
    ``js_page`` (JavaScript on) the same page is loaded there too and any
    header/nav/breadcrumb link that exists only with JavaScript is reported.
    """
    problems: list[NoJsProblem] = []
    _goto(page, url)
    info = page.evaluate(_NAV_LINKS_JS)
    where = page.url
    if info["mains"] == 0:
        problems.append(NoJsProblem(where, "no <main> element"))
    else:
        if info["mains"] > 1:
            problems.append(NoJsProblem(where, f"{info['mains']} <main> elements (expected one)"))
        if not info["mainVisible"]:
            problems.append(NoJsProblem(where, "<main> is hidden without JavaScript"))
        if info["mainText"] < min_text:
            problems.append(
                NoJsProblem(where, f"<main> has only {info['mainText']} characters of text without JavaScript")
            )
    for link in info["links"]:
        if not link["visible"]:
            problems.append(
                NoJsProblem(
                    where,
                    f'link "{link["text"]}" ({_url_path(link["href"])}) is hidden without JavaScript',
                    kind="link-hidden",
                )
            )
    if js_page is not None:
        _goto(js_page, url)
        with_js = js_page.evaluate(_NAV_LINKS_JS)
        without = {link["href"] for link in info["links"]}
        for link in with_js["links"]:
            if link["href"] not in without:
                problems.append(
                    NoJsProblem(
                        where,
                        f'link "{link["text"]}" ({_url_path(link["href"])}) exists only with JavaScript',
                        kind="link-js-only",
                    )
                )
    return problems


# --------------------------------------------------------------------------
# Whole-site sweeps (what the pytest gates and the command line run)
# --------------------------------------------------------------------------


def axe_site(
    session: BrowserSession,
    server: StaticServer,
    pages: Iterable[Path],
    viewports: Sequence[Viewport] = (PHONE, DESKTOP),
    *,
    reload: bool | None = None,
) -> dict[Viewport, list[AxeViolation]]:
    """axe-core on every page at each viewport; violations by viewport.

    By default each page is loaded once, at the first viewport, checked,
    then resized to each further viewport and checked again: media queries
    and resize handlers apply as they do when a window is resized, and the
    second run reuses axe's warm JIT, which roughly halves the cost of a
    site.  With ``reload`` (or ``$LGSITE_AXE_RELOAD=1``) every page is
    loaded afresh at every viewport instead.
    """
    if reload is None:
        reload = os.environ.get("LGSITE_AXE_RELOAD", "") not in ("", "0")
    found: dict[Viewport, list[AxeViolation]] = {viewport: [] for viewport in viewports}
    if reload:
        for viewport in viewports:
            page = session.page(viewport)
            for rel in pages:
                found[viewport] += run_axe(page, server.url_for(rel), axe_url=server.axe_url)
        return found
    page = session.page(viewports[0])
    try:
        for rel in pages:
            for i, viewport in enumerate(viewports):
                page.set_viewport_size(viewport.as_dict())
                url = server.url_for(rel) if i == 0 else None
                found[viewport] += run_axe(page, url, axe_url=server.axe_url)
    finally:
        page.set_viewport_size(viewports[0].as_dict())
    return found


def keyboard_site(
    session: BrowserSession, server: StaticServer, pages: Iterable[Path], viewport: Viewport = DESKTOP
) -> list[KeyboardProblem]:
    """:func:`check_keyboard` on each page (typically one per page type)."""
    page = session.page(viewport)
    found: list[KeyboardProblem] = []
    for rel in pages:
        found += check_keyboard(page, server.url_for(rel))
    return found


def no_js_site(
    session: BrowserSession,
    server: StaticServer,
    pages: Iterable[Path],
    *,
    compare: Iterable[Path] = (),
    viewport: Viewport = DESKTOP,
) -> list[NoJsProblem]:
    """:func:`check_no_js` on every page; pages in ``compare`` are also
    loaded with JavaScript on, to find links that only JavaScript adds."""
    no_js = session.page(viewport, javascript=False)
    with_js = session.page(viewport, javascript=True)
    compare = set(compare)
    found: list[NoJsProblem] = []
    for rel in pages:
        found += check_no_js(no_js, server.url_for(rel), js_page=with_js if rel in compare else None)
    return found


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------


def format_problems(title: str, problems: Sequence[object], *, per_group: int = 8) -> str:
    """A readable multi-line report of a gate's problems.

    Problems that share a cause -- the same axe rule, the same Nu message,
    the same keyboard check, the same reason for a broken link -- are grouped
    under one heading with a count, showing at most ``per_group`` places
    each, so a fault in a shared template reads as one fault, not a hundred.
    """
    if not problems:
        return f"{title}: no problems"
    groups: dict[str, list[str]] = {}
    for problem in problems:
        heading, place = _group_line(problem)
        groups.setdefault(heading, []).append(place)
    lines = [f"{title}: {len(problems)} problem(s) of {len(groups)} kind(s)"]
    for heading, places in groups.items():
        lines.append(f"* {heading}  [{len(places)}x]")
        lines += [f"    {place}" for place in places[:per_group]]
        if len(places) > per_group:
            lines.append(f"    ... and {len(places) - per_group} more")
    return "\n".join(lines)


def _group_line(problem: object) -> tuple[str, str]:
    """(heading shared by problems of one kind, this problem's place)."""
    if isinstance(problem, AxeViolation):
        shown = ", ".join(problem.targets[:3]) + (" ..." if len(problem.targets) > 3 else "")
        return (
            f"{problem.rule} ({problem.impact}): {problem.description} <{problem.help_url}>",
            f"{_url_path(problem.url)} @{problem.viewport}: {shown}",
        )
    if isinstance(problem, HtmlError):
        extract = " ".join(problem.extract.split())[:80]
        where = problem.file + (f":{problem.line}" if problem.line else "")
        return problem.message, where + (f"  [{extract}]" if extract else "")
    if isinstance(problem, LinkProblem):
        reason = re.sub(r'no id="[^"]*"', "missing #fragment", problem.reason)
        where = problem.file + (f":{problem.line}" if problem.line else "")
        return reason, f"{where}: {problem.href}"
    if isinstance(problem, KeyboardProblem):
        return f"[{problem.check}] {problem.message}", f"{_url_path(problem.url)}: {problem.element}"
    if isinstance(problem, NoJsProblem):
        heading = {
            "link-hidden": "header/nav/breadcrumb links hidden without JavaScript",
            "link-js-only": "header/nav/breadcrumb links that only JavaScript adds",
        }.get(problem.kind, "main content missing without JavaScript")
        return heading, f"{_url_path(problem.url)}: {problem.message}"
    return "problem", str(problem)


# --------------------------------------------------------------------------
# Command line: every gate over one site
# --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run lgsite's browser gates over a built site.")
    parser.add_argument("site", type=Path, help="directory of built static HTML")
    parser.add_argument(
        "--gates",
        default="links,vnu,axe,keyboard,nojs",
        help="comma-separated subset of links,vnu,axe,keyboard,nojs",
    )
    parser.add_argument("--site-url", default=None, help="absolute URLs under this count as same-site")
    args = parser.parse_args(argv)
    gates = set(args.gates.split(","))
    site: Path = args.site.resolve()
    pages = html_files(site)
    failed = False

    def report(title: str, problems: Sequence[object], started: float) -> None:
        nonlocal failed
        failed |= bool(problems)
        print(format_problems(f"{title} ({time.perf_counter() - started:.1f}s)", problems), flush=True)

    print(f"{len(pages)} HTML pages in {site}")
    if "links" in gates:
        t = time.perf_counter()
        report("links", check_links(site, site_url=args.site_url), t)
    if "vnu" in gates:
        t = time.perf_counter()
        report("Nu HTML Checker", run_vnu(pages, root=site), t)
    if gates & {"axe", "keyboard", "nojs"}:
        with StaticServer(site) as server, launch_browser() as session:
            representatives = list(page_types(site).values())
            if "axe" in gates:
                t = time.perf_counter()
                by_viewport = axe_site(session, server, pages, (PHONE, DESKTOP))
                for viewport, found in by_viewport.items():
                    report(f"axe @{viewport}", found, t)
            if "keyboard" in gates:
                t = time.perf_counter()
                names = ", ".join(rel.as_posix() for rel in representatives)
                report(f"keyboard [{names}]", keyboard_site(session, server, representatives), t)
            if "nojs" in gates:
                t = time.perf_counter()
                report("no JavaScript", no_js_site(session, server, pages, compare=representatives), t)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
