"""The `lgsite` command: build and preview a council site.

`lgsite build` writes into a fresh folder beside the site and swaps it in only
when the build succeeded, so a mistake never leaves a half-written site where
the previous one stood.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs import exceptions as mkdocs_errors
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

from .errors import LgsiteError

log = logging.getLogger("lgsite")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lgsite", description="Build and preview a council website.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site into its site folder")
    build.add_argument("directory", nargs="?", default=".", help="folder that holds mkdocs.yml")
    build.add_argument("--strict", action="store_true", help="treat warnings (such as drift) as errors")
    build.add_argument("--site-dir", help="where to write the site (default: site_dir in mkdocs.yml)")
    serve = commands.add_parser("serve", help="preview the site, rebuilding when files change")
    serve.add_argument("directory", nargs="?", default=".", help="folder that holds mkdocs.yml")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    drift = commands.add_parser("drift", help="list overridden pages whose shared text changed upstream")
    drift.add_argument("directory", nargs="?", default=".")
    diff = commands.add_parser("diff", help="show how the shared text under an overridden page changed")
    diff.add_argument("page", help="page path, as lgsite drift prints it")
    diff.add_argument("directory", nargs="?", default=".")
    accept = commands.add_parser("accept", help="record that you have seen the upstream change to a page")
    accept.add_argument("page", help="page path, as lgsite drift prints it")
    accept.add_argument("directory", nargs="?", default=".")
    update = commands.add_parser("update", help="move git sources to the newest commit of their ref")
    update.add_argument("directory", nargs="?", default=".")
    args = parser.parse_args(argv)
    _configure_logging()
    try:
        if args.command == "build":
            site = build_site(_config_file(args.directory), strict=args.strict, site_dir=args.site_dir)
            print(f"Built {site}")
        elif args.command == "serve":
            serve_site(_config_file(args.directory), args.dev_addr)
        else:
            return tracking_command(args)
    except LgsiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except mkdocs_errors.Abort:
        return 1  # MkDocs has already logged the one-line reason
    except mkdocs_errors.ConfigurationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def _config_file(directory: str) -> Path:
    path = Path(directory)
    config = path if path.is_file() else path / "mkdocs.yml"
    if not config.is_file():
        raise LgsiteError("no mkdocs.yml here", file=str(path), hint="Run lgsite in the council's folder or pass it.")
    return config.resolve()


def build_site(config_file: Path, *, strict: bool = False, site_dir: str | None = None) -> Path:
    """Build into a temporary folder, then replace the site in one step."""
    config = load_config(config_file=str(config_file), strict=strict)
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    try:
        config.site_dir = str(staging)
        mkdocs_build.build(config)
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
        staging.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def tracking_command(args: argparse.Namespace) -> int:
    """drift, diff, accept and update: the lock file's commands."""
    from . import tracking

    config_file = _config_file(args.directory)
    base = config_file.parent
    config = load_config(config_file=str(config_file))
    plugin = config.plugins["lgsite"]
    if args.command == "update":  # before on_config: it would check out the old pins, which may be gone
        for move in tracking.update(plugin.config.shared, base, config_file.name):
            print(move.describe())
            for path in move.changed or []:
                print(f"  {path}")
        return 0
    try:
        config = config.plugins.on_config(config)
        site = plugin.assemble_site(config)
        if args.command == "drift":
            found = tracking.sync_lock(site, plugin.sources, base)
            for item in found:
                print(item.describe())
            print(f"{len(found)} overridden page(s) or section(s) drifted from the shared text")
            return 1 if found else 0
        if args.command == "diff":
            print(tracking.diff(site, base, args.page) or f"{args.page}: no upstream change since it was accepted")
            return 0
        if args.command == "accept":
            tracking.accept(site, base, args.page)
            print(f"{args.page}: accepted the shared text as it is now")
            return 0
    except mkdocs_errors.PluginError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def serve_site(config_file: Path, dev_addr: str) -> None:
    from mkdocs.commands import serve

    serve.serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            return f"error: {message}"
        if record.levelno >= logging.WARNING:
            return f"warning: {message}"
        return message


def _configure_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    root = logging.getLogger("mkdocs")
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    root.propagate = False
