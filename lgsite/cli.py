"""The `lgsite` command: build and preview a council site.

`lgsite build` writes into a fresh folder beside the site and swaps it in only
when the build succeeded, so a mistake never leaves a half-written site where
the previous one stood.
"""

from __future__ import annotations

import argparse
import errno
import logging
import re
import shutil
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs import exceptions as mkdocs_errors
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

from . import publish
from .diagnostics import counted
from .engine import Settings, open_project
from .errors import LgsiteError
from .gitsource import parse_git_spec
from .layers import display_path
from .plugin import settings_for
from .sources import BUNDLED, CACHE_DIR, bundled_model_dir

if TYPE_CHECKING:
    from .library_preview import BuildOutcome, Sample

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
    lint = commands.add_parser("lint", help="check pages against the GOV.UK style and for structure problems")
    lint.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                      help="a council's folder, a shared library, or pages (default: this folder)")
    lint.add_argument("--format", choices=("text", "json"), default="text", help="json for CI")
    review = commands.add_parser("review", help="list pages past their review date or due for review soon")
    review.add_argument("directory", nargs="?", default=".", help="a council's folder or a shared library")
    review.add_argument("--days", type=int, default=30, help="how many days ahead counts as due soon (default: 30)")
    review.add_argument("--format", choices=("table", "csv", "markdown"), default="table")
    new = commands.add_parser("new", help="start a council's project, from the register of UK councils")
    new.add_argument("council", help='the council\'s name, such as "Mid Suffolk", or its GSS code')
    new.add_argument("directory", nargs="?", help="the new folder (default: from the council's name)")
    library = commands.add_parser("library", help="work on a shared library of pages")
    library_commands = library.add_subparsers(dest="library_command", required=True)
    impact = library_commands.add_parser(
        "impact", help="list the shared pages and sections a change touches, and which councils' overrides drift")
    impact.add_argument("directory", nargs="?", default=".", help="the library's repository (default: this folder)")
    impact.add_argument("--from", dest="old", metavar="REF",
                        help="where the change starts (default: where HEAD left the default branch)")
    impact.add_argument("--to", dest="new", metavar="REF", help="where it ends (default: the working tree)")
    impact.add_argument("--councils", metavar="FILE", help="a file naming councils, one folder or git URL a line")
    impact.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                        help="markdown for a pull request comment, json for CI")
    library_commands.add_parser("ci", help="print a GitHub Actions workflow that checks a library's pull requests")
    for name, what in (("build", "build a preview of a library as sample councils get it"),
                       ("serve", "build the preview, then serve it on this computer")):
        preview = library_commands.add_parser(name, help=what)
        preview.add_argument("directory", nargs="?", default=".",
                             help="the library, or its pages folder (default: this folder)")
        preview.add_argument("--out", metavar="DIR", help="where to write the preview (default: .lgsite/preview "
                                                          "beside the library's pages)")
        preview.add_argument("--council", action="append", metavar="NAME",
                             help="preview as this council instead of the six samples (repeat for more)")
        preview.add_argument("--bundled", action="store_true",
                             help="lay the library over the pages lgsite ships, as councils that use both do")
        if name == "serve":
            preview.add_argument("--port", type=int, default=8000,
                                 help="port on this computer (default: 8000; 0 for any free port)")
    args = parser.parse_args(argv)
    reported = _configure_logging()
    try:
        if args.command == "build":
            built = build_site(_config_file(args.directory), strict=args.strict, site_dir=args.site_dir)
            print(built.summary(Path.cwd()))
        elif args.command == "serve":
            serve_site(_config_file(args.directory), args.dev_addr)
        elif args.command == "links":
            return links_command(args)
        elif args.command == "lint":
            return lint_command(args)
        elif args.command == "review":
            review_command(args)
        elif args.command == "new":
            new_command(args)
        elif args.command == "library":
            return library_command(args)
        else:
            return tracking_command(args)
    except KeyboardInterrupt:
        return 130
    except mkdocs_errors.Abort:
        return 1  # MkDocs has already logged the one-line reason
    except FAILURES as error:
        reported.say(one_line(error, Path(getattr(args, "directory", None) or ".").resolve(), reported.page))
        return 1
    return 0


# Every failure that is not a bug in lgsite ends as one line: a mistake found in
# the input, and what else can go wrong in a build: the disk, the operating
# system, or a template (the council's theme overrides included) doing impossible
# sums or calling itself forever.
FAILURES = (
    LgsiteError, mkdocs_errors.ConfigurationError, mkdocs_errors.PluginError,
    OSError, ArithmeticError, RecursionError, jinja2.TemplateError,
)


def one_line(error: BaseException, base: Path, page: str | None) -> str:
    """The error as the single line the person sees: where, what, and what to do."""
    if isinstance(error, LgsiteError | mkdocs_errors.MkDocsException):
        return f"error: {error}"
    where = f"while building page {page}" if page else "while building"
    file, line = _template_position(error)
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        # The file named is whatever was being copied; the disk that is full is the site folder's.
        problem: LgsiteError = LgsiteError(f"the disk is full ({where})",
                                           hint="Free some space where the site folder is, then build again.")
    elif isinstance(error, OSError):
        path = error.filename if error.filename is not None else where
        if isinstance(path, str) and Path(path).is_absolute():
            path = display_path(Path(path), base)
        problem = LgsiteError(error.strerror or str(error), file=path,
                              hint="Check the folder exists, can be written, and the disk has space.")
    elif isinstance(error, RecursionError):
        problem = LgsiteError(f"a template or its data refers to itself without end ({where})", file=file, line=line,
                              hint="Check for a macro or include that calls itself.")
    elif isinstance(error, ArithmeticError):
        problem = LgsiteError(f"impossible arithmetic ({where}): {error}", file=file, line=line,
                              hint="Check the sum in the template.")
    else:
        assert isinstance(error, jinja2.TemplateError)
        if isinstance(error, jinja2.TemplateSyntaxError):
            file, line = error.filename or error.name or file, error.lineno
        problem = LgsiteError(f"template error ({where}): {error.message or error}", file=file, line=line,
                              hint="Correct the template.")
    if problem.file and Path(problem.file).is_absolute():
        problem.file = display_path(Path(problem.file), base)
    return f"error: {problem}"


def _template_position(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template (not Python) line the error passed through: Jinja puts each template's
    own file and line in the traceback, so this is where in the theme the sum or the loop is."""
    found: tuple[str | None, int | None] = (None, None)
    for frame, line in traceback.walk_tb(error.__traceback__):
        if not frame.f_code.co_filename.endswith(".py") and not frame.f_code.co_filename.startswith("<"):
            found = (frame.f_code.co_filename, line)
    return found


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


@dataclass(frozen=True)
class Built:
    """A finished build, for its last line: enough to notice a site that suddenly grew or lost pages."""

    site: Path
    pages: int
    warnings: int
    seconds: float
    size: int  # bytes, every file of the site

    def summary(self, cwd: Path) -> str:
        shown = display_path(self.site, cwd)
        return (f"Built {counted(self.pages, 'page')} in {self.seconds:.1f} s: {counted(self.warnings, 'warning')}, "
                f"{_megabytes(self.size)} in {shown.rstrip('/')}/.")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} KB"


def build_site(config_file: Path, *, strict: bool = False, site_dir: str | None = None) -> Built:
    """Build into a temporary folder, then replace the site in one step."""
    started = time.monotonic()
    config = load_config(config_file=str(config_file), strict=strict)
    settings = settings_for(config)
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir).resolve()
    publish.check_site_dir(target, council=config_file.parent, kept=_kept_folders(settings),
                           marker=settings.report)
    publish.remove_leftovers(target)
    staging = publish.staging_folder(target)
    counter = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        config.site_dir = str(staging)
        try:
            mkdocs_build.build(config)
        except mkdocs_errors.Abort as abort:
            if strict and "strict mode" in str(abort):
                raise LgsiteError(
                    f"--strict: {counted(counter.warnings, 'warning')} (listed above) made the build fail; "
                    f"the site folder was left as it was",
                    hint=f"Fix {'it' if counter.warnings == 1 else 'them'}, or build without --strict.") from None
            raise
        publish.swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        logging.getLogger("mkdocs").removeHandler(counter)
    pages, size = publish.measure(target)
    return Built(target, pages, counter.warnings, time.monotonic() - started, size)


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


def lint_command(args: argparse.Namespace) -> int:
    """`lgsite lint`: one line a problem (or JSON), and a failing exit when there is any."""
    from .lint import as_json, as_text, lint_paths

    messages = lint_paths(args.paths)
    if args.format == "json":
        print(as_json(messages))
    else:
        for line in as_text(messages):
            print(line)
    return 1 if messages else 0


def review_command(args: argparse.Namespace) -> None:
    """`lgsite review`: the pages due for review as of the build's clock, by owner, in the format asked for."""
    from .clock import build_time
    from .review import as_csv, as_markdown, as_table, due, read_pages, uk_day

    if args.days < 0:
        raise LgsiteError(f"--days is {args.days}", hint="Give a number of days from 0 up, such as --days 30.")
    day = uk_day(build_time())
    items = due(read_pages(Path(args.directory)), day, args.days)
    if args.format == "csv":
        print(as_csv(items), end="")
    elif args.format == "markdown":
        print(as_markdown(items, day), end="")
    elif items:
        print(as_table(items))
    else:
        print(f"No page is past its review date or due in the next {args.days} days.")


def new_command(args: argparse.Namespace) -> None:
    """`lgsite new`: find the council, write its project, and say what to do next."""
    from .council_register import find_council
    from .new_council import create_project, default_folder

    council = find_council(args.council)
    args.directory = args.directory or default_folder(council)
    target = Path(args.directory)
    links = create_project(council, target)
    print(f"Made {args.directory} for {council.describe()}, from GOV.UK's register of councils.")
    print(f"Next: replace the stand-ins in {target / 'council.yml'} and give its {links} links "
          f"({target / 'README.md'} says how), then run lgsite build {args.directory}")


def library_command(args: argparse.Namespace) -> int:
    """`lgsite library impact`, and `lgsite library ci` for the workflow that runs it on pull requests."""
    if args.library_command == "ci":
        print((Path(__file__).parent / "data" / "library-ci" / "check.yml").read_text(encoding="utf-8"), end="")
        return 0
    if args.library_command in ("build", "serve"):
        return preview_command(args)
    from . import library_changes as changes
    from . import library_impact as impact

    library = Path(args.directory).resolve()
    repo = changes.open_repository(library)
    problems: list[LgsiteError] = []
    refs: dict[str, str] = {}
    for option, ref in (("--from", args.old), ("--to", args.new)):
        try:
            if ref is not None:
                refs[option] = changes.resolve(repo.git_dir, ref, option)
            elif option == "--from":
                refs[option] = changes.default_from(repo.git_dir)
        except LgsiteError as error:
            problems.append(error)
    councils: list[impact.CouncilRef] = []
    if args.councils:
        councils, bad = impact.read_councils(Path(args.councils))
        problems += bad
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    old = changes.at_commit(repo, args.old or "merge base", refs["--from"])
    if args.new:
        new = changes.at_commit(repo, args.new, refs["--to"])
    else:
        new = changes.in_working_tree(library, "sha1" if len(refs["--from"]) == 40 else "sha256")
    found = changes.compare(old, new)
    impacts, problems = impact.council_impacts(councils, found, Path(args.councils)) if args.councils else (None, [])
    old_name = f"{old.name} ({refs['--from'][:12]})"
    new_name = f"{new.name} ({refs['--to'][:12]})" if args.new else new.name
    show = {"json": impact.as_json, "markdown": impact.as_markdown, "text": impact.as_text}[args.format]
    print(show(old_name, new_name, found, impacts))
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def preview_command(args: argparse.Namespace) -> int:
    """`lgsite library build` and `serve`: each sample council's build, one line each, then the overview."""
    from . import library_preview as preview

    library = Path(args.directory)
    out = Path(args.out) if args.out else preview.default_out(library)
    found = preview.build_preview(library, out, build_sample, args.council or preview.SAMPLES,
                                  bundled=args.bundled, built=_say_built)
    shown = display_path(found.out / "index.html", Path.cwd())
    print(f"Previewed {counted(len(found.pages), 'shared page')} as {counted(len(found.samples), 'council')} "
          f"in {shown}", flush=True)
    if found.failed:
        names = ", ".join(sample.council.name for sample in found.failed)
        print(f"error: {len(found.failed)} of {counted(len(found.samples), 'sample council')} did not build: "
              f"{names}. Fix the problems listed above, then build the preview again.", file=sys.stderr)
    if args.library_command == "serve":
        preview.serve(found.out, args.port)
    return 1 if found.failed else 0


def _say_built(sample: Sample) -> None:
    if sample.outcome.built:
        print(f"{sample.council.name} ({sample.kind}): built, {counted(len(sample.outcome.warnings), 'warning')}",
              flush=True)
        return
    print(f"{sample.council.name} ({sample.kind}): not built", flush=True)
    for line in sample.outcome.lines:
        print(f"  {line}", file=sys.stderr, flush=True)


def build_sample(config_file: Path, site_dir: Path) -> BuildOutcome:
    """One sample council's `lgsite build`, with what it would print kept rather than printed:
    the preview prints it under the council's name."""
    from .library_preview import BuildOutcome

    kept = _KeptLines()
    mkdocs_log = logging.getLogger("mkdocs")
    handlers, mkdocs_log.handlers = mkdocs_log.handlers, [kept]
    try:
        build_site(config_file, site_dir=str(site_dir))
    except mkdocs_errors.Abort as abort:
        if not any(line.startswith("error:") for line in kept.lines):
            kept.lines.append(f"error: {abort}")
        return BuildOutcome(False, kept.lines)
    except FAILURES as error:
        kept.lines.append(one_line(error, config_file.parent, None))
        return BuildOutcome(False, kept.lines)
    finally:
        mkdocs_log.handlers = handlers
    return BuildOutcome(True, kept.lines)


class _KeptLines(logging.Handler):
    """A build's warnings and errors as `lgsite build` prints them, less MkDocs' echo of which page failed."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(_OneLine())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not _FirstError.PAGE.match(record.getMessage()):
            self.lines.append(self.format(record))


def _kept_folders(settings: Settings) -> dict[str, Path]:
    """Folders a build must never replace or write into: the council's pages, lgsite's cache and
    every shared source on this machine (a git source's own repository, when it is a local path)."""
    base = settings.base
    kept = {"the council's pages (docs_dir)": settings.docs_dir, "lgsite's cache": base / CACHE_DIR}
    for spec in settings.shared:
        if spec == BUNDLED:
            kept["the bundled shared pages"] = bundled_model_dir()
            continue
        git = parse_git_spec(spec, base)
        if git is None:
            kept[f"shared source '{spec}'"] = base / spec
        elif Path(git.remote).is_absolute():
            kept[f"shared source '{spec}'"] = Path(git.remote)
    return kept


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
        for line in site.problems.lines():
            print(line, file=sys.stderr)
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

    try:
        serve.serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise LgsiteError(f"{dev_addr} is already in use by another program",
                          hint="Stop it, or pass --dev-addr with another port, for example --dev-addr 127.0.0.1:8001."
                          ) from None


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = " ".join(record.getMessage().split())
        if record.levelno >= logging.ERROR:
            return f"error: {message}"
        if record.levelno >= logging.WARNING:
            return f"warning: {message}"
        return message


class _FirstError(logging.Filter):
    """Lets the engine's problems through, then one error line, so a failure ends in one line.

    MkDocs logs "Error building page 'x':" and then re-raises, and after its
    configuration errors logs a count ("Aborted with 1 configuration errors!").
    The page is remembered for lgsite's own line; what follows the first line
    is only an echo of it.
    """

    PROBLEMS = "mkdocs.plugins.lgsite.problems"  # the plugin's list of problems, each its own line

    PAGE = re.compile(r"Error (?:building|reading) page '(.+?)':")

    def __init__(self) -> None:
        super().__init__()
        self.page: str | None = None
        self.done = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR or record.name == self.PROBLEMS:
            return True
        match = self.PAGE.match(record.getMessage())
        if match:
            self.page = match[1]
            return False
        first, self.done = not self.done, True
        return first

    def say(self, line: str) -> None:
        """Print lgsite's own error line, unless MkDocs has already given one."""
        if not self.done:
            self.done = True
            print(line, file=sys.stderr)


def _configure_logging() -> _FirstError:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    errors = _FirstError()
    handler.addFilter(errors)
    root = logging.getLogger("mkdocs")
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    root.propagate = False
    return errors
