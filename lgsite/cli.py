"""The `lgsite` command: build and preview a council site.

`lgsite build` writes into a fresh folder beside the site and swaps it in only
when the build succeeded, so a mistake never leaves a half-written site where
the previous one stood.
"""

from __future__ import annotations

import argparse
import logging
import re
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs import exceptions as mkdocs_errors
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

from .diagnostics import counted
from .engine import Settings, open_project
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
    links = commands.add_parser("links", help="list the council's online services the site needs")
    links.add_argument("directory", nargs="?", default=".")
    links.add_argument("--missing", action="store_true", help="only those council.yml does not give")
    links.add_argument("--yaml", action="store_true", help="print them ready to paste under links: in council.yml")
    args = parser.parse_args(argv)
    _configure_logging()
    try:
        if args.command == "build":
            site, warnings = build_site(_config_file(args.directory), strict=args.strict, site_dir=args.site_dir)
            print(f"Built {site}" + (f", with {warnings}" if warnings else ""))
        elif args.command == "serve":
            serve_site(_config_file(args.directory), args.dev_addr)
        elif args.command == "links":
            return links_command(args)
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
    config = config.resolve()
    _make_docs_dir(config)
    return config


def _make_docs_dir(config: Path) -> None:
    """A new council may have no pages of its own yet; MkDocs needs the folder all the same."""
    docs = config.parent / "docs"
    if docs.exists() or re.search(r"^docs_dir\s*:", config.read_text(encoding="utf-8", errors="replace"), re.M):
        return
    docs.mkdir()


def build_site(config_file: Path, *, strict: bool = False, site_dir: str | None = None) -> tuple[Path, str]:
    """Build into a temporary folder, then replace the site in one step.

    Returns the site folder and, if the build warned, how many warnings in how many files.
    """
    config = load_config(config_file=str(config_file), strict=strict)
    counter = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    try:
        config.site_dir = str(staging)
        try:
            mkdocs_build.build(config)
        except mkdocs_errors.Abort as abort:
            if strict and "strict mode" in str(abort):
                raise LgsiteError(
                    f"--strict: {counted(counter.warnings, 'warning')} (listed above) made the build fail; "
                    f"the site folder was left as it was", hint="Fix them, or build without --strict.") from None
            raise
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
        logging.getLogger("mkdocs").removeHandler(counter)
    return target, counted(counter.warnings, "warning") if counter.warnings else ""


class _WarningCounter(logging.Handler):
    """Counts the build's warnings, the engine's and MkDocs' own, for the last line."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            self.warnings += 1


def council_settings(directory: str) -> Settings:
    """The engine's settings for the council in `directory`, from its mkdocs.yml, for commands that do not build."""
    from .plugin import settings_for

    return settings_for(load_config(config_file=str(_config_file(directory))))


def links_command(args: argparse.Namespace) -> int:
    """`lgsite links`: every online service the site needs, and whether council.yml gives it."""
    from .service_links import needed_links, table, yaml_stub

    project = open_project(council_settings(args.directory))
    site = project.assemble()
    needs = needed_links(site.link_needs, project.model)
    if args.yaml:
        print(yaml_stub(needs, project.profile.links))
        return 0
    shown = [link for link in needs if link.state == "missing"] if args.missing else needs
    print(table(shown) if shown else "council.yml gives every link the site needs")
    return 0


def tracking_command(args: argparse.Namespace) -> int:
    """drift, diff, accept and update: the lock file's commands."""
    from . import tracking

    settings = council_settings(args.directory)
    if args.command == "update":  # before the sources are opened: the old pins may be gone upstream
        for move in tracking.update(list(settings.shared), settings.base, settings.config_name):
            print(move.describe())
            for path in move.changed or []:
                print(f"  {path}")
        return 0
    project = open_project(settings)
    base = settings.base
    site = project.assemble()
    if site.problems.errors:
        for problem in site.problems.sorted():
            print(f"{problem.severity.value}: {problem}", file=sys.stderr)
        raise LgsiteError(f"cannot compare overrides until the pages build: {site.problems.summary()}")
    if args.command == "drift":
        found = tracking.sync_lock(site, project.sources, base)
        for item in found:
            print(item.describe())
        print(f"{len(found)} overridden page(s) or section(s) drifted from the shared text")
        return 1 if found else 0
    if args.command == "diff":
        print(tracking.diff(site, base, args.page) or f"{args.page}: no upstream change since it was accepted")
        return 0
    tracking.accept(site, base, args.page)
    print(f"{args.page}: accepted the shared text as it is now")
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
