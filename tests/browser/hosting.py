"""A tiny static host for the browser tests: a built site served as Netlify, Cloudflare Pages or
GitHub Pages would serve it, under a path of its own if need be, with the headers its `_headers`
file sets and the site's 404.html for a missing page.

Written here, apart from lgsite, so the test reads `_headers` as a host does, not as lgsite wrote it.
"""

from __future__ import annotations

import fnmatch
import functools
import http.server
import shutil
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]

# Collects Content-Security-Policy violations in window.__violations. Added with add_init_script, it
# listens before any of the page's own code runs, and is not itself subject to the page's policy.
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || "")));"""


def read_headers_file(site: Path) -> list[tuple[str, dict[str, str]]]:
    """`_headers` as (path pattern, headers) rules; none when the site has no such file."""
    file = site / "_headers"
    rules: list[tuple[str, dict[str, str]]] = []
    if not file.is_file():
        return rules
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    rules: list[tuple[str, dict[str, str]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        split = urllib.parse.urlsplit(path).path
        if not split.startswith(self.prefix):
            return str(Path(self.directory) / "\0nowhere")  # outside the site's path: not found
        return super().translate_path("/" + split[len(self.prefix):])

    def end_headers(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        for pattern, headers in self.rules:
            if fnmatch.fnmatchcase(path, self.prefix.rstrip("/") + pattern):
                for name, value in headers.items():
                    self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path, *, prefix: str = "/") -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:PORT{prefix}; yields that address."""
    handler = type("Handler", (_Handler,), {"prefix": prefix, "rules": read_headers_file(site)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def build_example(into: Path, *, host: str, site_url: str | None = None, files: dict[str, str] | None = None) -> Path:
    """The example council built for `host` (and at `site_url`), from a copy with `files` written into it
    (by path in the council folder): the example stays as it is."""
    council = into / "council"
    shutil.copytree(REPO / "example-council", council, ignore=shutil.ignore_patterns("site", ".lgsite"))
    for relative, text in (files or {}).items():
        (council / relative).write_text(text, encoding="utf-8")
    config = yaml.safe_load((council / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [{"lgsite": {"host": host}} if plugin == "lgsite" else plugin for plugin in config["plugins"]]
    if site_url:
        config["site_url"] = site_url
    (council / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = subprocess.run([str(Path(sys.executable).with_name("lgsite")), "build", str(council)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    return council / "site"
