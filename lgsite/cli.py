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
    args = parser.parse_args(argv)
    _configure_logging()
    try:
        if args.command == "build":
            site = build_site(_config_file(args.directory), strict=args.strict, site_dir=args.site_dir)
            print(f"Built {site}")
        elif args.command == "serve":
            serve_site(_config_file(args.directory), args.dev_addr)
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
