"""`lgsite new`: a council's own project, ready to build, from the register of UK councils.

A council should not start by copying the example council and hunting down
what to change. The project is written from what the register knows (name,
tier, country, county, website); what it cannot know (contact details, the
addresses of online services) is left as clearly marked placeholders that still
build, so the first `lgsite build` works and the CI checks fail until each one
is filled in. It works offline: the register and the shared pages are bundled.
"""

from __future__ import annotations

import os
import shutil
import string
import tempfile
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

import yaml
from . import __version__
from .council_register import Council, by_name
from .engine import Settings, open_project
from .errors import LgsiteError
from .generate.directory import DIRECTORY_TYPE, ENTRY_TYPE
from .layers import display_path
from .service_links import NeededLink, needed_links, yaml_stub
from .sources import BUNDLED

TEMPLATES = Path(__file__).resolve().parent / "data" / "new-project"

# Ends each line of council.yml whose value is a stand-in; the CI workflows fail while one is left.
PLACEHOLDER_MARK = "# REPLACE"

# Template file -> where it goes in the project. Template names have no leading dot, so that
# packaging keeps them and the templates themselves are not taken for a real project's files.
FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "README.md": "README.md",
    "requirements.txt": "requirements.txt",
    "gitignore": ".gitignore",
    "github-check.yml": ".github/workflows/check.yml",
    "github-publish.yml": ".github/workflows/publish.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}

# Fictional, valid stand-ins: 01632 960 is Ofcom's range for drama, and .example is reserved.
STAND_IN_CONTACT = {
    "phone": "01632 960 000",
    "email": "customer.services@replace-me.example",
    "address": "Replace with the council's postal address",
}
STAND_IN_COLOUR = "#1d4f91"


class _Template(string.Template):
    """`@@name` fields, which clash with neither YAML, Markdown nor GitHub's `${{ }}`."""

    delimiter = "@@"


def default_folder(council: Council) -> str:
    """A folder name from the council's name: "Mid Suffolk District Council" -> mid-suffolk-district-council."""
    return "-".join("".join(c if c.isalnum() else " " for c in council.name.casefold()).split())


def create_project(council: Council, target: Path, *, shared: Sequence[str] = (),
                   stand_in_links: str | None = None) -> int:
    """Write a new project for `council` into `target`, which must be new or empty; how many links it needs.

    The project is written into a folder beside `target` and moved in only when
    complete, so a failure leaves nothing half-written. `shared` replaces the
    bundled library (`lgsite library build` makes sample councils of the library
    it previews); the links and left-out directories are then found in its pages.
    `stand_in_links`, an address, gives every link the pages need an address below
    it, so that a sample council shows Start buttons as a real one would.
    """
    _check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.lgsite-new-", dir=target.parent))
    try:
        _write_files(council, staging)
        if shared:
            _use_shared(staging / "mkdocs.yml", shared)
        (staging / "docs").mkdir()
        (staging / "council.yml").write_text(council_yml(council, links=None), encoding="utf-8")
        links, needed, empty = _from_shared_pages(council, staging, tuple(shared) or (BUNDLED,), stand_in_links)
        (staging / "council.yml").write_text(council_yml(council, links=links, empty_directories=empty),
                                             encoding="utf-8")
        _move_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return needed


def _check_target(target: Path) -> None:
    """Only a new folder, or an empty one (a fresh clone's .git aside), is written to: nothing is overwritten."""
    shown = display_path(target, Path.cwd())
    if target.exists() and not target.is_dir():
        raise LgsiteError("is a file, not a folder", file=shown,
                          hint="Give lgsite new the name of a new folder.")
    if target.is_dir() and any(entry.name != ".git" for entry in target.iterdir()):
        raise LgsiteError("is not empty, so lgsite new left it as it was", file=shown,
                          hint="Give lgsite new the name of a new or empty folder.")


def _write_files(council: Council, folder: Path) -> None:
    fields = {"name": council.name, "website": council.website, "version": __version__,
              "marker": PLACEHOLDER_MARK}
    yaml_fields = {**fields, "name": _scalar(council.name), "website": _scalar(council.website)}
    for template, destination in FILES.items():
        text = (TEMPLATES / template).read_text(encoding="utf-8")
        filled = _Template(text).substitute(yaml_fields if template.endswith(".yml") else fields)
        path = folder / destination
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(filled, encoding="utf-8")


def _use_shared(config: Path, shared: Sequence[str]) -> None:
    """The plugin's `shared:` option, first under `- lgsite:` in the template's mkdocs.yml."""
    text = config.read_text(encoding="utf-8")
    option = "\n".join(["      shared:", *(f"        - {_scalar(spec)}" for spec in shared)])
    config.write_text(text.replace("  - lgsite:\n", f"  - lgsite:\n{option}\n", 1), encoding="utf-8")


def council_yml(council: Council, *, links: str | None, empty_directories: Sequence[str] = ()) -> str:
    """council.yml, written by hand rather than by a YAML emitter so that it can explain itself."""
    lines = [
        f"# {council.name}: who the council is, for every page of the site. Made by lgsite new",
        "# from GOV.UK's register of councils; lgsite's README describes each field.",
        f"name: {_scalar(council.name)}",
        f"tier: {council.tier}",
        f"country: {council.country}",
        f"url: {_scalar(council.website)}",
        "# Stand-ins, so that the site builds today: replace each value with the council's own,",
        "# and delete the mark at the end of its line.",
        "contact:",
        *(f"  {key}: {_scalar(value)}  {PLACEHOLDER_MARK}" for key, value in STAND_IN_CONTACT.items()),
        "# The colour of the header, links and borders: it needs 4.5:1 contrast with white.",
        "brand:",
        f"  colour: {_scalar(STAND_IN_COLOUR)}",
    ]
    if council.country == "wales":
        lines += [
            "# The site is in English and Welsh (README.md, \"Welsh and English\"): the council's name and",
            "# address as its Welsh pages give them. Stand-ins too: replace each with the Welsh.",
            "cy:",
            f"  name: {_scalar(council.name)}  {PLACEHOLDER_MARK}",
            "  contact:",
            f"    address: {_scalar(STAND_IN_CONTACT['address'])}  {PLACEHOLDER_MARK}",
        ]
    county = by_name(council.county) if council.county else None
    if county is not None:
        lines += [
            "# The county council, where the site sends residents for the services it provides.",
            "county:",
            f"  name: {_scalar(county.name)}",
            f"  url: {_scalar(county.website)}",
        ]
    if empty_directories:
        # A directory with no places would tell residents there are none: a new council has not
        # listed its libraries yet, not closed them.
        lines += [
            "# Shared directories of places, left out until you add your own places to them",
            "# (README.md, \"Add places to a directory\"); then delete the page's line.",
            "exclude:",
            *(f"  - {path}" for path in empty_directories),
        ]
    if links is not None:
        lines.append(links)
    return "\n".join(lines) + "\n"


def _from_shared_pages(council: Council, folder: Path, shared: tuple[str, ...], stand_in: str | None
                       ) -> tuple[str, int, list[str]]:
    """`links:` with every link the site's pages need, commented out, how many, and the directory
    pages with no places: the shared pages the council's tier publishes decide them, so the
    project is assembled once to find them."""
    # The settings the mkdocs.yml just written gives; read without MkDocs, which the engine does not load.
    base = folder.resolve()
    project = open_project(Settings(base=base, docs_dir=base / "docs", site_url=council.website, shared=shared))
    site = project.assemble()
    needs = needed_links(site.link_needs, project.model)
    named = {str(page.meta.get("directory")) for page in site.pages.values() if page.type == ENTRY_TYPE}
    empty = sorted(path for path, page in site.pages.items()
                   if page.type == DIRECTORY_TYPE and str(page.meta.get("directory")) not in named
                   and path not in site.view_paths)  # leaving out the English page leaves out its translations
    if stand_in is not None:
        return _stand_in_links(needs, stand_in), 0, empty
    entries = [line for line in yaml_stub(needs, project.profile.links).splitlines()
               if not line.lstrip().startswith("#")]  # its own how-to lines: the header below says it here
    header = [
        "# The council's online services, by LGSL number and interaction. Each shared page",
        "# with a Start button needs one; until it is given, the page sends residents to the",
        "# contact page, and the build warns. Remove the first # on each of a service's lines,",
        "# and replace TODO. lgsite links --missing lists what is still missing.",
        "links:",
    ]
    missing = sum(1 for link in needs if link.state == "missing")
    return "\n".join(header + [_commented(line) for line in entries]), missing, empty


def _stand_in_links(needs: list[NeededLink], address: str) -> str:
    """`links:` with an address below `address` for each link the pages need (the interaction is the
    page's own, so it is quoted for the address and for YAML)."""
    lines = ["# Stand-in addresses of the council's online services, for a preview.", "links:"]
    for lgsl in dict.fromkeys(link.lgsl for link in needs):
        lines.append(f"  {lgsl}:")
        for link in needs:
            if link.lgsl == lgsl:
                url = f"{address}{lgsl}/{quote(link.interaction, safe='')}"
                lines.append(f"    {_scalar(link.interaction)}: {_scalar(url)}")
    return "\n".join(lines)


def _commented(line: str) -> str:
    """The line commented out where its text starts, so that deleting "# " gives back valid YAML."""
    text = line.lstrip(" ")
    return f"{line[:len(line) - len(text)]}# {text}"


def _scalar(value: str) -> str:
    """`value` as one YAML scalar, quoted only where YAML needs it ("#1d4f91", "Telford & Wrekin Council")."""
    return yaml.safe_dump(value, default_flow_style=True, width=10_000).removesuffix("\n...\n").strip()


def _move_in(staging: Path, target: Path) -> None:
    if not target.exists():
        os.replace(staging, target)
        return
    for entry in sorted(staging.iterdir()):
        os.replace(entry, target / entry.name)
