"""The engine's own shape: page context, JSON-LD and the report made without MkDocs; where page
types are listed declared in their type files; the MkDocs settings the engine depends on read
from mkdocs.yml (honoured or refused); and an engine that imports no MkDocs."""

from __future__ import annotations

import dataclasses
import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import lgsite
from lgsite.engine import Project, Settings, open_project
from lgsite.errors import LgsiteError
from lgsite.layers import Origin
from lgsite.model import load_model
from lgsite.page_context import page_context
from lgsite.report import build_report, report_text
from lgsite.sections import HeadingIds
from lgsite.sources import SourceKind

from conftest import BASE_PROFILE, FIXTURES, REPO, fails_with_one, make_project

SERVICE = "environment-and-waste/report-a-missed-bin.md"
SITE_URL = "https://www.testbury.example/"


def council(root: Path, **settings: object) -> Project:
    """A council folder with only council.yml and docs/, opened by the engine as the CLI would."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "council.yml").write_text(yaml.safe_dump(BASE_PROFILE, sort_keys=False), encoding="utf-8")
    return open_project(Settings(base=root, docs_dir=root / "docs", shared=(str(FIXTURES / "shared-basic"),),
                                 site_url=SITE_URL, **settings))


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- what a page's template sees, and the report, without MkDocs ---------------------------------------------------


def test_page_context_gives_breadcrumbs_and_json_ld_of_a_service(tmp_path: Path) -> None:
    project = council(tmp_path / "council")
    site = project.assemble()
    assert not site.problems.errors
    context = page_context(site, project.model, SERVICE)
    assert context["breadcrumbs"] == [
        {"title": "Home", "url": ""},
        {"title": "Environment and waste", "url": "environment-and-waste/",
         "description": "Environment and waste: Rubbish and recycling."},
    ]
    crumbs, service = context["json_ld"][:2]
    assert crumbs["@type"] == "BreadcrumbList"
    assert [item["item"] for item in crumbs["itemListElement"]] == [
        SITE_URL, SITE_URL + "environment-and-waste/", SITE_URL + "environment-and-waste/report-a-missed-bin/"]
    assert service["@type"] == "GovernmentService"
    assert service["availableChannel"]["serviceUrl"] == "https://forms.testbury.example/missed-bin"
    assert context["provenance"]["origin"] == "inherited"
    assert page_context(site, project.model, "index.md")["breadcrumbs"] == []


def test_listing_context_of_home_a_to_z_sitemap_and_category(tmp_path: Path) -> None:
    project = council(tmp_path / "council")
    site = project.assemble()
    home = page_context(site, project.model, "index.md")
    assert [(c["url"], c["description"]) for c in home["categories"]] == [
        ("environment-and-waste/", "Rubbish and recycling"), ("leisure-and-culture/", "Libraries")]
    a_to_z = page_context(site, project.model, "a-to-z.md")["a_to_z"]
    assert [(entry["letter"], [p["title"] for p in entry["entries"]]) for entry in a_to_z if entry["entries"]] == [
        ("F", ["Find a library"]), ("R", ["Report a missed bin collection"])]
    sitemap = page_context(site, project.model, "sitemap.md")["sitemap"]
    assert [(s["url"], [p["url"] for p in s["pages"]]) for s in sitemap] == [
        ("environment-and-waste/", ["environment-and-waste/report-a-missed-bin/", "environment-and-waste/recycling/"]),
        ("leisure-and-culture/", ["leisure-and-culture/find-a-library/"]),
    ]
    category = page_context(site, project.model, "environment-and-waste/index.md")
    assert [[p["title"] for p in group["pages"]] for group in category["listing"]] == [
        ["Report a missed bin collection", "What goes in your recycling bin"]]


def test_report_names_every_page_and_its_origin_as_plain_strings(tmp_path: Path) -> None:
    root = tmp_path / "council"
    write(root / "docs/environment-and-waste/recycling.md",
          "---\ntitle: Recycling in Testbury\ndescription: What goes in the green bin.\ntype: page\n"
          "category: rubbish-and-recycling\n---\nRinse cans first.\n")
    project = council(root)
    site = project.assemble()
    report = build_report(site, project.sources)
    assert report["council"] == "Testbury District Council"
    assert report["sources"][0]["kind"] is SourceKind.PATH
    assert report["pages"][SERVICE]["origin"] is Origin.INHERITED
    assert report["pages"]["environment-and-waste/recycling.md"]["origin"] is Origin.OVERRIDE
    assert report["pages"]["leisure-and-culture/find-a-library.md"]["origin"] is Origin.SIGNPOST
    text = json.loads(report_text(site, project.sources))
    assert text["sources"][0]["kind"] == "path"
    assert text["pages"]["a-to-z.md"] == {"origin": "generated", "path": "a-to-z.md", "source": "lgsite"}


# --- where each page type is listed: its type file says --------------------------------------------------------------


def model_copy(tmp_path: Path) -> Path:
    root = tmp_path / "model"
    for folder in ("architecture", "types"):
        shutil.copytree(REPO / "content-model" / folder, root / folder)
    return root


def set_listed_in(model: Path, page_type: str, places: str) -> None:
    file = model / "types" / f"{page_type}.yml"
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    file.write_text("".join(f"listed_in: {places}\n" if line.startswith("listed_in:") else line for line in lines),
                    encoding="utf-8")


def test_a_type_leaves_the_a_to_z_when_its_type_file_says_so(tmp_path: Path) -> None:
    model = model_copy(tmp_path)
    set_listed_in(model, "service", "[category, sitemap]")
    project = dataclasses.replace(council(tmp_path / "council"), model=load_model(model))
    site = project.assemble()
    letters = page_context(site, project.model, "a-to-z.md")["a_to_z"]
    assert [entry for letter in letters for entry in letter["entries"]] == []  # the service, and its signpost
    listing = page_context(site, project.model, "environment-and-waste/index.md")["listing"]
    assert "Report a missed bin collection" in [p["title"] for p in listing[0]["pages"]]


def test_a_type_joins_the_a_to_z_when_its_type_file_says_so(tmp_path: Path) -> None:
    model = model_copy(tmp_path)
    set_listed_in(model, "contact", "[]")
    root = tmp_path / "council"
    write(root / "docs/waste-contact.md", "---\ntitle: Waste team\ndescription: Call the waste team.\n"
                                          "type: contact\nlgsl: 524\nphone: 01632 960 222\n---\n")
    project = dataclasses.replace(council(root), model=load_model(model))
    letters = page_context(project.assemble(), project.model, "a-to-z.md")["a_to_z"]
    assert [p["title"] for entry in letters for p in entry["entries"]] == ["Find a library", "Report a missed bin collection"]
    set_listed_in(model, "contact", "[a_to_z]")
    letters = page_context(project.assemble(), project.model, "a-to-z.md")["a_to_z"]
    assert [p["title"] for entry in letters for p in entry["entries"]] == [
        "Find a library", "Report a missed bin collection", "Waste team"]


def test_an_unknown_place_in_listed_in_is_one_line(tmp_path: Path) -> None:
    model = model_copy(tmp_path)
    set_listed_in(model, "guide", "[category, a-to-z]")
    project = dataclasses.replace(council(tmp_path / "council"), model=load_model(model))
    with pytest.raises(LgsiteError) as error:
        project.assemble()
    assert str(error.value) == (f"{model / 'types' / 'guide.yml'}:2: listed_in: has 'a-to-z', which is not a place "
                                "pages are listed. Did you mean a_to_z?")


# --- MkDocs settings the engine depends on ----------------------------------------------------------------------------


def test_use_directory_urls_false_is_refused_by_the_engine(tmp_path: Path) -> None:
    with pytest.raises(LgsiteError) as error:
        council(tmp_path / "council", use_directory_urls=False)
    assert str(error.value).startswith("mkdocs.yml: sets use_directory_urls: false")


def test_use_directory_urls_false_in_mkdocs_yml_fails_with_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council")
    config = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
    (project.root / "mkdocs.yml").write_text(yaml.safe_dump({**config, "use_directory_urls": False}), encoding="utf-8")
    result = project.build()
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "use_directory_urls" in line]
    assert len(lines) == 1 and "mkdocs.yml: sets use_directory_urls: false" in lines[0]
    assert "Remove use_directory_urls: from it." in lines[0]
    assert "Traceback" not in result.stderr


SECTION_OVERRIDE = """---
override: sections
remove_sections: [s-if-you-cannot-report-online]
---
## What happens next

We collect it the next working day.
"""


def prefixed(text: str, separator: str) -> str:
    """A slug function unlike Markdown's, so a test sees which one made the ids."""
    from markdown.extensions.toc import slugify
    return "s" + separator + slugify(text, separator)


def test_the_engine_names_sections_with_the_slug_function_it_is_given(tmp_path: Path) -> None:
    root = tmp_path / "council"
    write(root / f"docs/{SERVICE}", SECTION_OVERRIDE)
    site = council(root, heading_ids=HeadingIds(prefixed, "-")).assemble()
    assert not site.problems.errors, site.problems.sorted()
    body = site.pages[SERVICE].body
    assert "If you cannot report online" not in body and "the next working day" in body
    assert set(site.overridden[SERVICE].texts) == {"s-if-you-cannot-report-online", "s-what-happens-next"}
    # With Markdown's own slug function, the override names a section the shared page does not have.
    write(tmp_path / f"other/docs/{SERVICE}", SECTION_OVERRIDE)
    failing = council(tmp_path / "other").assemble()
    assert ["s-if-you-cannot-report-online" in str(p) for p in failing.problems.errors] == [True]


def test_a_custom_toc_slugify_and_permalinks_are_honoured_in_a_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council")
    (tmp_path / "council_slugs.py").write_text(
        "from markdown.extensions.toc import slugify\n\n\n"
        "def prefixed(text, separator):\n    return 's' + separator + slugify(text, separator)\n", encoding="utf-8")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    (project.root / "mkdocs.yml").write_text(
        config + "markdown_extensions:\n  - toc:\n      permalink: true\n"
                 "      slugify: !!python/name:council_slugs.prefixed\n", encoding="utf-8")
    project.write(f"docs/{SERVICE}", SECTION_OVERRIDE)
    result = project.build(env={"PYTHONPATH": str(tmp_path)})  # where MkDocs finds the council's slug function
    assert result.returncode == 0, result.stderr
    html = project.page("environment-and-waste/report-a-missed-bin")
    assert "id=s-what-happens-next" in html and "href=#s-what-happens-next" in html  # the permalink beside it
    assert "the next working day" in html
    assert "If you cannot report online" not in html


def test_a_toc_slugify_that_is_not_a_function_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council")
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    (project.root / "mkdocs.yml").write_text(config + "markdown_extensions:\n  - toc:\n      slugify: lowercase\n",
                                             encoding="utf-8")
    line = fails_with_one(project)
    assert "mkdocs.yml: gives markdown_extensions: toc: a slugify that is not a function" in line


# --- an engine free of MkDocs -------------------------------------------------------------------------------------------


def test_every_engine_module_imports_alone_without_mkdocs() -> None:
    """Each module in a fresh interpreter: an import cycle between modules fails here whatever the
    order, and only the MkDocs adapter and the command line may load MkDocs."""
    names = sorted(info.name for info in pkgutil.walk_packages(lgsite.__path__, "lgsite."))
    assert "lgsite.assemble" in names and "lgsite.generate.news" in names
    script = (
        "import importlib, subprocess, sys\n"
        "for name in sys.argv[1:]:\n"
        "    out = subprocess.run([sys.executable, '-c', f'import {name}, sys; "
        "print(any(m == \"mkdocs\" or m.startswith(\"mkdocs.\") for m in sys.modules))'],"
        " capture_output=True, text=True)\n"
        "    print(name, out.returncode, out.stdout.strip(), out.stderr.strip().splitlines()[-1:] )\n"
    )
    result = subprocess.run([sys.executable, "-c", script, *names], capture_output=True, text=True, timeout=300)
    rows = [line.split(" ", 3) for line in result.stdout.splitlines()]
    assert len(rows) == len(names), result.stderr
    failed = [row for row in rows if row[1] != "0"]
    assert failed == []
    with_mkdocs = sorted(row[0] for row in rows if row[2] == "True")
    assert set(with_mkdocs) <= {"lgsite.plugin", "lgsite.cli"}
    assert "lgsite.plugin" in with_mkdocs
