"""No lost files, and every failure of the command line is one line (issue P7, defects 3 and 10).

Each test reproduces a defect as it was reported, through the real `lgsite`
command, and shows it now fails safe: nothing of the council's is deleted or
silently replaced, the previous site stays as it was, and the person reads one
`error:` line instead of a traceback.
"""

from __future__ import annotations

import datetime as dt

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, LGSITE, Project, engine_fails_with_one, lgsite, make_project, one_error_line
from lgsite import publish
from lgsite.assemble import Site
from lgsite.errors import LgsiteError
from lgsite.layers import generated_page
from lgsite.profile import load_profile

NEWS = "---\ntitle: New bins\ndescription: New bins for every home.\ntype: news\ndate: 2026-05-18\n---\nText.\n"
EVENT = ("---\ntitle: Litter pick\ndescription: Help clean the park.\ntype: event\n"
         "start: 2030-04-12 10:00\nlocation: The park\n---\nText.\n")


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file and folder below `folder`, with each file's bytes."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else "folder") for p in folder.rglob("*")}


def set_mkdocs(project: Project, **changes: object) -> None:
    config_file = project.root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config.update(changes)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


@pytest.fixture
def local_source(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    shutil.copytree(FIXTURES / "shared-basic", shared)
    return shared


@pytest.fixture
def council(tmp_path: Path, local_source: Path) -> Project:
    """A council with its pages in docs/ and a shared source in a folder beside it."""
    project = make_project(tmp_path / "council", shared=["../shared"])
    project.write("docs/contact.md", "---\ntitle: Contact\ndescription: How to reach us.\n---\nCall us.\n")
    return project


# Defect 3: a site folder that would delete the council's files -------------------------------


@pytest.mark.parametrize("site_dir", ["docs", "..", ".", "docs/site", "../shared", "../shared/pages/out", "/"])
def test_site_dir_flag_that_would_delete_council_files_is_refused(council: Project, tmp_path: Path,
                                                                  site_dir: str) -> None:
    before = snapshot(tmp_path)
    line = one_error_line(lgsite(council, "build", ".", "--site-dir", site_dir))
    assert "the site folder" in line and "Building would delete" in line
    assert snapshot(tmp_path) == before  # nothing written, nothing deleted, not even a staging folder


@pytest.mark.parametrize("site_dir", ["..", "../shared"])
def test_site_dir_in_mkdocs_yml_that_would_delete_council_files_is_refused(council: Project, tmp_path: Path,
                                                                           site_dir: str) -> None:
    set_mkdocs(council, site_dir=site_dir)
    before = snapshot(tmp_path)
    one_error_line(lgsite(council, "build", "."))
    assert snapshot(tmp_path) == before


def test_site_dir_that_is_a_file_or_someone_elses_folder_is_refused(council: Project, tmp_path: Path) -> None:
    council.write("overrides/main.html", "{% extends 'base.html' %}\n")
    before = snapshot(tmp_path)
    assert "is a file" in one_error_line(lgsite(council, "build", ".", "--site-dir", "mkdocs.yml"))
    assert "did not build" in one_error_line(lgsite(council, "build", ".", "--site-dir", "overrides"))
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("site_dir", ["public", "../elsewhere/site"])
def test_site_dir_of_its_own_still_builds_and_rebuilds(council: Project, tmp_path: Path, site_dir: str) -> None:
    for _ in range(2):  # the second build replaces the first one's site
        result = lgsite(council, "build", ".", "--site-dir", site_dir)
        assert result.returncode == 0, result.stderr
    target = (council.root / site_dir).resolve()
    assert (target / "contact" / "index.html").is_file()
    assert (council.root / "docs" / "contact.md").is_file()
    assert not list(target.parent.glob(f".{target.name}-*"))


def test_stale_staging_folders_are_cleaned_up(council: Project) -> None:
    # What an interrupted build (power cut, kill -9) leaves beside the site.
    for leftover in (".site-building-abc123", ".site-old"):
        council.write(f"{leftover}/index.html", "half a site")
    council.write(".public-building-xyz/keep.txt", "another site's folder")
    council.write(".site-building-note.txt", "a file, not lgsite's folder")
    result = council.build()
    assert result.returncode == 0, result.stderr
    assert not (council.root / ".site-building-abc123").exists()
    assert not (council.root / ".site-old").exists()
    assert (council.root / ".public-building-xyz" / "keep.txt").is_file()
    assert (council.root / ".site-building-note.txt").is_file()


# Generated pages and files that a council or shared file would shadow ------------------------


@pytest.mark.parametrize(("path", "text", "generated"), [
    ("a-to-z.md", "---\ntitle: A to Z\ndescription: Ours.\n---\nOurs.\n", "the A to Z of services"),
    ("sitemap.md", "---\ntitle: Sitemap\ndescription: Ours.\n---\nOurs.\n", "the sitemap page"),
    ("environment-and-waste/index.md", "---\ntitle: Waste\ndescription: Ours.\n---\nOurs.\n",
     "the landing page of Environment and waste (environment-and-waste/index.md). Rename it, or give it type: "
     "category"),
    ("news/feed.xml", "<rss/>", "the news RSS feed"),
    ("news/atom.xml", "<feed/>", "the news Atom feed"),
    ("events/events.ics", "BEGIN:VCALENDAR", "the calendar of every event"),
    ("events/litter-pick.ics", "BEGIN:VCALENDAR", "the calendar file of events/litter-pick.md"),
    ("search/search_index.json", "{}", "the search index"),
    ("search.html", "<p>ours</p>", "the search page"),
])
def test_a_council_file_where_lgsite_generates_one_is_an_error_naming_both(
    council: Project, path: str, text: str, generated: str
) -> None:
    council.write("docs/news/new-bins.md", NEWS)
    council.write("docs/events/litter-pick.md", EVENT)
    council.write(f"docs/{path}", text)
    line = engine_fails_with_one(council)
    assert line.startswith(f"error: docs/{path}: is where lgsite generates {generated} ")


def test_a_council_file_where_lgsite_generates_one_stops_the_real_build(council: Project) -> None:
    council.write("docs/news/new-bins.md", NEWS)
    council.write("docs/news/feed.xml", "<rss/>")
    line = one_error_line(council.build())
    assert line.startswith("error: docs/news/feed.xml: is where lgsite generates the news RSS feed ")
    assert not council.site.exists()


def test_two_generated_pages_at_one_path_is_an_error_naming_both() -> None:
    site = Site(profile=None, pages={}, assets={}, now=dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))  # type: ignore[arg-type]
    site.add_page(generated_page("places/tyres.md", {"title": "Tyres"}), "the filter page for Accepts: Tyres")
    with pytest.raises(LgsiteError, match="lgsite would generate both the filter page for Accepts: Tyres "
                                          "and a part of the guide places.md at places/tyres.md"):
        site.add_page(generated_page("places/tyres.md", {"title": "Tyres"}), "a part of the guide places.md")


def test_a_shared_page_where_lgsite_generates_one_is_an_error_naming_both(council: Project,
                                                                         local_source: Path) -> None:
    (local_source / "pages" / "a-to-z.md").write_text(
        "---\ntitle: A to Z\ndescription: Theirs.\nowner: Them\nlast_reviewed: 2026-11-20\n"
        "review_by: 2099-05-20\n---\nTheirs.\n", encoding="utf-8")
    line = engine_fails_with_one(council)
    assert "shared/pages/a-to-z.md: is where lgsite generates the A to Z of services" in line


def test_pages_that_introduce_a_generated_page_still_build(council: Project) -> None:
    council.write("docs/environment-and-waste/index.md",
                  "---\ntitle: Bins and recycling\ndescription: Ours.\ntype: category\n"
                  "category: environment-and-waste\n---\nOur introduction.\n")
    council.write("docs/news/index.md", "---\ntitle: Latest news\ndescription: Ours.\n---\nOur news intro.\n")
    council.write("docs/news/new-bins.md", NEWS)
    result = council.build()
    assert result.returncode == 0, result.stderr
    assert "Our introduction." in council.page("environment-and-waste")
    assert "Our news intro." in council.page("news")


# Untrusted paths and odd files: one line each ----------------------------------------------


def test_logo_outside_the_council_folder_is_refused(council: Project) -> None:
    profile = yaml.safe_load((council.root / "council.yml").read_text(encoding="utf-8"))
    profile["brand"]["logo"] = "../../../etc/hostname"
    council.set_profile(profile)
    line = one_error_line(council.build())
    assert line.startswith("error: council.yml:") and "brand.logo '../../../etc/hostname' is outside" in line
    assert not council.site.exists()


@pytest.mark.parametrize(("make", "words"), [
    (lambda root: (root / "logo.png").symlink_to("/etc/hostname"), "is outside the council folder"),
    (lambda root: (root / "logo.png").symlink_to(root.parent / "shared" / "pages" / "index.md"),
     "is outside the council folder"),
])
def test_logo_linked_out_of_the_council_folder_is_refused(council: Project, make, words: str) -> None:
    make(council.root)
    text = (council.root / "council.yml").read_text(encoding="utf-8")
    (council.root / "council.yml").write_text(text.replace("brand:\n", "brand:\n  logo: logo.png\n"),
                                              encoding="utf-8")
    with pytest.raises(LgsiteError, match=words):
        load_profile(council.root / "council.yml")


def test_logo_that_is_not_an_image_is_refused(council: Project) -> None:
    council.write("secrets.txt", "not an image\n")
    text = (council.root / "council.yml").read_text(encoding="utf-8")
    (council.root / "council.yml").write_text(text.replace("brand:\n", "brand:\n  logo: secrets.txt\n"),
                                              encoding="utf-8")
    line = engine_fails_with_one(council)
    assert line.startswith("error: council.yml") and "brand.logo 'secrets.txt' is not an image" in line


def test_logo_inside_the_council_folder_is_published(council: Project) -> None:
    council.write("images/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    text = (council.root / "council.yml").read_text(encoding="utf-8")
    (council.root / "council.yml").write_text(text.replace("brand:\n", "brand:\n  logo: images/logo.svg\n"),
                                              encoding="utf-8")
    result = council.build()
    assert result.returncode == 0, result.stderr
    assert (council.site / "assets" / "images" / "council-logo.svg").is_file()


def test_council_yml_that_is_a_folder(council: Project) -> None:
    (council.root / "council.yml").unlink()
    (council.root / "council.yml").mkdir()
    assert engine_fails_with_one(council) == (
        "error: council.yml: is a folder, not a file. council.yml must be a YAML file; "
        "see the README's council.yml reference.")


def test_lock_that_is_a_folder(council: Project) -> None:
    (council.root / "lgsite.lock").mkdir()
    line = engine_fails_with_one(council)
    assert line.startswith("error: lgsite.lock: is a folder, not a file.")


def test_file_name_that_is_not_utf8(council: Project) -> None:
    name = os.fsencode(council.root / "docs") + b"/caf\xe9.md"
    with open(name, "wb") as handle:
        handle.write(b"---\ntitle: Cafe\ndescription: D.\n---\nText.\n")
    line = engine_fails_with_one(council)
    assert line == "error: docs/caf\\xe9.md: has a name that is not UTF-8 text. Rename it using UTF-8 characters."


def test_template_that_does_not_exist(council: Project) -> None:
    council.write("docs/odd.md", "---\ntitle: Odd\ndescription: D.\ntemplate: nonexistent.html\n---\nText.\n")
    line = one_error_line(council.build())
    assert line.startswith("error: docs/odd.md:4: template 'nonexistent.html' is not one of the theme's templates")
    assert "main.html" in line and "service.html" in line
    council.write("docs/odd.md", "---\ntitle: Odd\ndescription: D.\ntemplate: ../../../etc/passwd\n---\nText.\n")
    assert "template '../../../etc/passwd' is not one" in one_error_line(council.build())


# Failures while building: one line, and the previous site as it was ---------------------------


def with_theme_override(project: Project, template: str) -> None:
    """The council's own theme override (theme: custom_dir:), the way a council customises its pages."""
    set_mkdocs(project, theme={"name": "council", "custom_dir": "overrides"})
    project.write("overrides/main.html", template)


@pytest.mark.parametrize(("break_it", "words"), [
    (lambda p: with_theme_override(p, "{% extends 'base.html' %}{% block content %}{{ 1 / 0 }}{% endblock %}"),
     "error: overrides/main.html:1: impossible arithmetic"),
    (lambda p: with_theme_override(p, "{% extends 'base.html' %}{% macro f() %}{{ f() }}{% endmacro %}"
                                      "{% block content %}{{ f() }}{% endblock %}"),
     "error: overrides/main.html:1: a template or its data refers to itself without end"),
    (lambda p: with_theme_override(p, "{% extends 'base.html' %}\n{% block content %}{% if %}{% endblock %}"),
     "error: overrides/main.html:2: template error"),
    (lambda p: with_theme_override(p, "{% extends 'base.html' %}{% block content %}"
                                      "{{ page.nothing.deeper }}{% endblock %}"),
     "error: overrides/main.html:1: template error"),
    # A real OSError halfway through the build, after the staging folder exists: MkDocs
    # copies docs/ and the copy fails on a link to nothing.
    (lambda p: (p.root / "docs" / "photo.png").symlink_to("missing.png"),
     "error: docs/photo.png: No such file or directory"),
])
def test_failure_while_building_is_one_line_and_keeps_the_previous_site(council: Project, break_it,
                                                                        words: str) -> None:
    first = council.build()
    assert first.returncode == 0, first.stderr
    before = snapshot(council.site)
    break_it(council)
    line = one_error_line(council.build())
    assert line.startswith(words)
    assert snapshot(council.site) == before
    assert not list(council.root.glob(".site-*")), "the staging folder was left behind"


FULL_DISK = """
set -u
mount -t tmpfs -o size="$SIZE" tmpfs "$OUT" || exit 90
"$LGSITE" build . --site-dir "$OUT/site" > /dev/null 2>&1 || exit 91
(cd "$OUT" && find . -type f -exec sha256sum {} + | sort) > "$NOTES/before"
if [ "$READ_ONLY" = yes ]; then mount -o remount,ro "$OUT" || exit 92; fi
"$LGSITE" build . --site-dir "$OUT/site" 2> "$NOTES/err"
echo $? > "$NOTES/rc"
(cd "$OUT" && find . -type f -exec sha256sum {} + | sort) > "$NOTES/after"
ls -A "$OUT" > "$NOTES/left"
"""


@pytest.mark.parametrize(("read_only", "words"), [
    ("no", "error: the disk is full (while building"),
    ("yes", "/disk/.site-building-"),  # the staging folder it could not make
])
def test_full_or_read_only_disk_is_one_line_and_keeps_the_previous_site(council: Project, tmp_path: Path,
                                                                        read_only: str, words: str) -> None:
    # A real disk: a tmpfs with room for one site but not for the next build beside it, or made
    # read-only after the first build (root ignores permission bits, not a read-only mount),
    # mounted in a private mount namespace so it goes away with the shell.
    first = council.build()
    assert first.returncode == 0, first.stderr
    used = int(subprocess.run(["du", "-s", "--block-size=1", str(council.site)], capture_output=True,
                              text=True, check=True).stdout.split()[0])
    out, notes = tmp_path / "disk", tmp_path / "notes"
    out.mkdir()
    notes.mkdir()
    env = {**os.environ, "SIZE": str(used * 3 // 2), "OUT": str(out), "NOTES": str(notes), "LGSITE": str(LGSITE),
           "READ_ONLY": read_only}
    shell = subprocess.run(["unshare", "-m", "sh", "-c", FULL_DISK], env=env, cwd=council.root,
                           capture_output=True, text=True, timeout=600)
    if shell.returncode == 90 or "unshare" in shell.stderr:
        pytest.skip(f"cannot mount a small tmpfs here: {shell.stderr.strip()}")
    assert shell.returncode == 0, shell.stderr
    errors = (notes / "err").read_text(encoding="utf-8").strip().splitlines()
    assert (notes / "rc").read_text(encoding="utf-8").strip() == "1"
    assert len(errors) == 1 and errors[0].startswith("error: ") and words in errors[0], errors
    if read_only == "yes":
        assert "Read-only file system" in errors[0]
    assert (notes / "after").read_text(encoding="utf-8") == (notes / "before").read_text(encoding="utf-8")
    assert (notes / "left").read_text(encoding="utf-8").split() == ["site"]  # no staging folder left behind


def test_interrupted_build_removes_its_staging_folder_and_keeps_the_previous_site(council: Project) -> None:
    first = council.build()
    assert first.returncode == 0, first.stderr
    before = snapshot(council.site)
    # A theme override slow enough to interrupt while MkDocs writes into the staging folder.
    with_theme_override(council, "{% extends 'base.html' %}{% block content %}"
                                 "{% for i in range(10 ** 8) %}{% endfor %}{% endblock %}")
    build = subprocess.Popen([str(LGSITE), "build", "."], cwd=council.root, stderr=subprocess.PIPE, text=True)
    try:
        while not list(council.root.glob(".site-building-*")) and build.poll() is None:
            time.sleep(0.05)
        assert build.poll() is None, "the build ended before it could be interrupted"
        build.send_signal(signal.SIGINT)
        assert build.wait(timeout=120) == 130
    finally:
        build.kill()
        build.wait()
    assert "Traceback" not in (build.stderr.read() if build.stderr else "")
    assert snapshot(council.site) == before
    assert not list(council.root.glob(".site-*"))


def test_site_folder_that_cannot_be_made(council: Project, tmp_path: Path) -> None:
    # Tests run as root, which read-only permission bits do not stop; a folder
    # whose parent is a file cannot be made by anyone.
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    line = one_error_line(lgsite(council, "build", ".", "--site-dir", str(tmp_path / "a-file" / "site")))
    assert line.startswith(f"error: {tmp_path / 'a-file'}: ")


def test_swap_puts_the_old_site_back_when_the_last_rename_fails(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # A rename failing after the old site moved aside (disk error, a process holding the folder on
    # another system) cannot be caused for real here as root, so only this rename is made to fail.
    target, staging = tmp_path / "site", tmp_path / ".site-building-1"
    (target / "index.html").parent.mkdir()
    (target / "index.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    real_rename = Path.rename

    def rename(self: Path, to: Path) -> Path:
        if self == staging:
            raise OSError(5, "Input/output error", str(self))
        return real_rename(self, to)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        publish.swap_in(staging, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "old"


# Commands on a project they cannot work with -------------------------------------------------


@pytest.mark.parametrize("command", [["build"], ["drift"], ["diff", "contact.md"], ["accept", "contact.md"],
                                     ["update"]])
def test_commands_without_the_lgsite_plugin_say_to_add_it(council: Project, command: list[str]) -> None:
    set_mkdocs(council, plugins=["search"])
    args = command[:1] + ["."] if command[0] in ("build", "drift", "update") else command + ["."]
    line = one_error_line(lgsite(council, *args))
    assert line == "error: mkdocs.yml: has no lgsite plugin. Add it under plugins: as - lgsite (see the README)."


def test_serve_on_a_port_in_use(council: Project) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        line = one_error_line(lgsite(council, "serve", ".", "--dev-addr", address, timeout=120))
    assert line.startswith(f"error: {address} is already in use")
    assert "--dev-addr" in line
