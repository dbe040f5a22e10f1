"""`lgsite library build` and `serve`: a shared library as sample councils see it, side by side.

A change to one shared page reaches district, county and unitary councils in
England, Wales and Scotland, and each gets it differently: as it is, as a
signpost to the council that provides the service, or not at all. The preview
makes sample councils with `lgsite new`'s own machinery, pointed at the library,
builds each with a real `lgsite build`, and writes an overview with a page for
every shared page that says how each council gets it, from each build's
report: what the build did, not a guess at it.

One council's failed build does not stop the others: its problems are kept,
shown in the overview, and make the preview fail.

The library is untrusted input: every title and path in the overview goes
through Jinja's autoescaping.
"""

from __future__ import annotations

import errno
import functools
import json
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from .council_register import Council, find_council
from .errors import LgsiteError
from .layers import LayerFile, Origin, display_path, load_page, scan
from .new_council import create_project, default_folder
from .sources import BUNDLED, pages_root
from .languages import split_language
from .urls import page_url

# The sample councils, by GSS code: each tier, each nation, and a second district
# in another county, whose signposts name a different county council.
SAMPLES = ("E07000203", "E10000029", "E06000054", "W06000023", "S12000017", "E07000177")
MARKER = "lgsite-preview.json"  # in the preview folder: what was found, and the mark that lgsite wrote the folder
TEMPLATES = Path(__file__).resolve().parent / "data" / "library-preview"
NATIONS = {"england": "English", "wales": "Welsh", "scotland": "Scottish", "northern-ireland": "Northern Irish"}


class Status(StrEnum):
    """How one sample council gets one shared page."""

    INHERITED = "inherited"
    SIGNPOSTED = "signposted"
    EXCLUDED = "excluded"
    EXPIRED = "expired"
    ERROR = "error"
    NOT_BUILT = "not built"
    REPLACED = "replaced"
    NOT_IN_LANGUAGE = "not in its languages"
    MISSING = "missing"


# What each status means, in the overview's words.
EXPLAINED = {
    Status.INHERITED: "Gets the shared page as it is.",
    Status.SIGNPOSTED: "Another tier of council provides this service, so it gets a signpost page that sends "
                       "residents there.",
    Status.EXCLUDED: "Left out: the council's council.yml excludes it.",
    Status.EXPIRED: "Left out: the notice has expired.",
    Status.ERROR: "Left out: the page has an error.",
    Status.NOT_BUILT: "The council's site did not build, so it has no page.",
    Status.REPLACED: "lgsite publishes a page of its own at this address instead.",
    Status.NOT_IN_LANGUAGE: "The council does not publish pages in this page's language.",
    Status.MISSING: "The page is not in the council's site.",
}
PUBLISHED = (Status.INHERITED, Status.SIGNPOSTED, Status.REPLACED)


@dataclass(frozen=True)
class BuildOutcome:
    """What one sample council's `lgsite build` printed, one line a problem, and whether it built."""

    built: bool
    lines: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [line for line in self.lines if line.startswith("error:")]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.lines if line.startswith("warning:")]


# Builds the council whose mkdocs.yml is the first path into the site folder that is the second.
Builder = Callable[[Path, Path], BuildOutcome]


@dataclass(frozen=True)
class SharedPage:
    path: str  # as in the library's pages folder: housing/apply-for-housing.md
    title: str
    file: Path

    @property
    def stem(self) -> str:
        """Where the page's overview lives under pages/: its path less .md, so no two pages share one."""
        return self.path.removesuffix(".md")

    @property
    def href(self) -> str:
        """The overview's address from the preview's top: a page may be called "what's on #1?.md"."""
        return f"pages/{quote(self.stem)}/index.html"


@dataclass
class Sample:
    """One sample council, its build and its report."""

    council: Council
    slug: str  # its folder in the preview
    project: Path  # the project lgsite new wrote
    outcome: BuildOutcome
    report: dict[str, Any] | None = None

    @property
    def kind(self) -> str:
        nation = NATIONS.get(self.council.country, self.council.country.title())
        return f"{nation} {self.council.tier.replace('-', ' ')}"

    def status(self, page: SharedPage) -> Status:
        """From the build's report; for a failed build, whether an error names the page's file."""
        if self.problems(page, "error:"):
            return Status.ERROR
        if self.report is None:
            return Status.NOT_BUILT
        address = self.address(page)
        if address is not None:
            origin = self.report["pages"][address].get("origin")
            if origin == Origin.SIGNPOST:
                return Status.SIGNPOSTED
            return Status.REPLACED if origin == Origin.GENERATED else Status.INHERITED
        for left_out in self.report.get("excluded", []):
            if left_out.get("path") == page.path:
                return Status.EXPIRED if left_out.get("origin") == Origin.EXPIRED else Status.EXCLUDED
        lang = split_language(page.path)[1]
        if lang is not None and lang not in self.report.get("translations", {}).get("languages", []):
            return Status.NOT_IN_LANGUAGE
        return Status.MISSING

    def address(self, page: SharedPage) -> str | None:
        """Where the council's site publishes the page: at its own path, or, for a page in another
        language (x.cy.md), wherever the report says that file went (cy/..., with its own slug)."""
        published = (self.report or {}).get("pages", {})
        if page.path in published:
            return page.path
        if split_language(page.path)[1] is None:
            return None
        named = display_path(page.file, self.project)
        return next((address for address, provenance in published.items() if provenance.get("file") == named),
                    None)

    def problems(self, page: SharedPage, severity: str = "") -> list[str]:
        """The build's problems that name the page's file, as the build names it (relative to the council's
        folder or the working folder)."""
        named = f"{display_path(page.file, self.project)}:"
        return [line for line in self.outcome.lines
                if line.startswith(severity) and line.split(": ", 1)[-1].startswith(named)]


@dataclass
class Preview:
    library: Path
    out: Path
    pages: list[SharedPage]
    samples: list[Sample]
    bundled: bool = False  # laid over the pages lgsite ships

    @property
    def failed(self) -> list[Sample]:
        return [sample for sample in self.samples if not sample.outcome.built]


def library_pages(path: Path) -> Path:
    """The library's pages: its pages/ folder, as a shared source's are found, or the folder itself."""
    shown = display_path(path.resolve(), Path.cwd())
    if not path.is_dir():
        raise LgsiteError("is not a folder", file=shown,
                          hint="Give the shared library's folder, or the folder of its pages.")
    return pages_root(path.resolve(), shown, shown)


def default_out(path: Path) -> Path:
    """Beside the pages, never among them: the sample builds read every file under the pages folder."""
    pages = library_pages(path)
    return pages.parent / ".lgsite" / "preview"


def build_preview(path: Path, out: Path, build: Builder, councils: Sequence[str] = SAMPLES, *,
                  bundled: bool = False, built: Callable[[Sample], None] | None = None) -> Preview:
    """Make and build each sample council, then write the overview into `out`. With `bundled`, the library
    is laid over the pages lgsite ships, as councils that use both have it; `built` hears of each council
    as its build ends, since a large library takes a while."""
    pages_folder = library_pages(path)
    out = out.resolve()
    _check_out(out, pages_folder)
    pages = shared_pages(pages_folder)
    chosen = [_council(name) for name in councils]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shared = [BUNDLED, str(pages_folder)] if bundled else [str(pages_folder)]
    samples: list[Sample] = []
    with tempfile.TemporaryDirectory(prefix="lgsite-preview-") as temp:
        for council in dict.fromkeys(chosen):
            samples.append(_sample(council, shared, Path(temp), out, build))
            if built is not None:
                built(samples[-1])
    library = pages_folder.parent if pages_folder.name == "pages" else pages_folder
    preview = Preview(library, out, pages, samples, bundled)
    write_overview(preview)
    return preview


def _council(name: str) -> Council:
    try:
        return find_council(name)
    except LgsiteError as error:  # its hint says to run lgsite new again
        raise LgsiteError(f"--council: {error.message}", hint="Give the council's name as the register writes it, "
                                                              "or its GSS code, such as --council E07000203.") from None


def shared_pages(pages_folder: Path) -> list[SharedPage]:
    """Every page of the library, with its title where its front matter gives one."""
    found: list[SharedPage] = []
    for path, layer_file in sorted(scan(pages_folder, None, Path.cwd()).items()):
        if path.endswith(".md"):
            found.append(SharedPage(path, _title(layer_file) or path, layer_file.file))
    return found


def _title(layer_file: LayerFile) -> str:
    try:
        return " ".join(load_page(layer_file, Origin.INHERITED).title.split())
    except LgsiteError:
        return ""  # the sample builds report what is wrong with it


def _check_out(out: Path, pages_folder: Path) -> None:
    shown = display_path(out, Path.cwd())
    pages = pages_folder.resolve()
    if pages.is_relative_to(out):
        raise LgsiteError(f"the preview folder {shown} is or contains the library's pages",
                          hint="Building the preview would delete them; give --out a folder of its own.")
    if out.is_relative_to(pages):
        raise LgsiteError(f"the preview folder {shown} is inside the library's pages",
                          hint="Every sample council would publish the preview as pages; give --out a folder "
                               "outside them, such as .lgsite/preview beside them.")
    if out.exists() and not out.is_dir():
        raise LgsiteError(f"the preview folder {shown} is a file", hint="Give --out a folder.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise LgsiteError(f"the preview folder {shown} holds files that lgsite did not write (it has no {MARKER})",
                          hint="Building the preview would delete them; choose another folder, or empty this one.")


def _sample(council: Council, shared: list[str], temp: Path, out: Path, build: Builder) -> Sample:
    slug = default_folder(council)
    project = temp / slug
    site = out / slug
    try:
        create_project(council, project, shared=shared,
                       stand_in_links=f"https://services.{slug}.example/")
    except LgsiteError as error:
        return Sample(council, slug, project, BuildOutcome(False, [f"error: {error}"]))
    outcome = build(project / "mkdocs.yml", site)
    sample = Sample(council, slug, project, outcome)
    report = site / "lgsite-report.json"
    if outcome.built and report.is_file():
        sample.report = json.loads(report.read_text(encoding="utf-8"))
    return sample


# The overview ----------------------------------------------------------------


def write_overview(preview: Preview) -> None:
    """index.html, and for each shared page an overview of every council and a page for each council."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    statuses = {page.path: {sample.slug: sample.status(page) for sample in preview.samples}
                for page in preview.pages}
    common = {"library": preview.library.name, "samples": preview.samples, "explained": EXPLAINED,
              "bundled": preview.bundled}
    _write(preview.out / "index.html", env.get_template("index.html").render(
        **common, root="", pages=preview.pages, statuses=statuses))
    for page in preview.pages:
        root = "../" * (page.stem.count("/") + 2)
        folder = preview.out / "pages" / page.stem
        views = [_view(sample, page, statuses[page.path][sample.slug], root) for sample in preview.samples]
        shown = {"root": root, "page": page, "views": views}
        _write(folder / "index.html", env.get_template("page.html").render(**common, **shown, current=None))
        for view in views:
            _write(folder / f"{view['sample'].slug}.html",
                   env.get_template("page.html").render(**common, **shown, current=view))
    summary = {
        "library": str(preview.library),
        "councils": [{"council": s.council.name, "slug": s.slug, "kind": s.kind, "built": s.outcome.built,
                      "problems": s.outcome.lines} for s in preview.samples],
        "pages": {path: {slug: status.value for slug, status in found.items()} for path, found in statuses.items()},
    }
    _write(preview.out / MARKER, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")


def _view(sample: Sample, page: SharedPage, status: Status, root: str) -> dict[str, Any]:
    """One council's part of a page's overview; `url` is its rendered page, when it has one."""
    url = None
    if status in PUBLISHED:
        url = f"{root}{sample.slug}/{quote(page_url(sample.address(page) or page.path))}index.html"
    return {"sample": sample, "status": status, "url": url, "problems": sample.problems(page),
            "switch": f"{sample.slug}.html"}


def _write(file: Path, text: str) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def serve(out: Path, port: int) -> None:
    """Serve the preview on this computer only, until stopped: the councils' pages load into the overview's
    frames from the same address."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(out))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OverflowError:
        raise LgsiteError(f"--port {port} is not a port", hint="Give a number from 1 to 65535, such as --port 8000."
                          ) from None
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise LgsiteError(f"port {port} is already in use by another program",
                          hint=f"Stop it, or give another port, for example --port {port + 1}.") from None
    with server:
        print(f"Serving the preview at http://127.0.0.1:{server.server_address[1]}/ (press Ctrl+C to stop)",
              flush=True)
        server.serve_forever()
