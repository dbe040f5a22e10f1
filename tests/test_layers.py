"""Resolving pages through the layers: inherit, override, merge sections, exclude, signpost.

Most cases are in the engine tier (the site assembled without MkDocs); the
build tier keeps what only the built HTML shows.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


from conftest import (BASE_PROFILE, FIXTURES, Project, engine_fails, engine_fails_with_one, engine_passes,
                      make_project, passes, problem_lines)

MISSED_BIN = "environment-and-waste/report-a-missed-bin.md"


def test_inherited_page_gets_council_details(project: Project) -> None:
    page = engine_passes(project).pages[MISSED_BIN]
    assert "Call Testbury District Council on 01632 960 111." in page.body
    assert page.provenance.origin == "inherited" and page.provenance.source == str(FIXTURES / "shared-basic")


def test_whole_override_replaces_the_shared_page(project: Project) -> None:
    project.write("docs/environment-and-waste/recycling.md", """
        ---
        title: Recycling in Testbury
        description: Our own rules.
        ---
        Testbury uses green boxes.
        """)
    page = engine_passes(project).pages["environment-and-waste/recycling.md"]
    assert "Testbury uses green boxes." in page.body and "Rinse cans" not in page.body
    assert page.provenance.origin == "override"


def test_section_override_replaces_adds_places_and_removes(project: Project) -> None:
    project.write("docs/environment-and-waste/report-a-missed-bin.md", """
        ---
        override: sections
        description: Tell Testbury if we missed your bin.
        after:
          garden-waste: if-you-cannot-report-online
        ---
        ## What happens next

        We come back the next working day.

        ## Garden waste

        Report missed garden waste separately.

        ## Assisted collections

        Tell us if you need help.
        """)
    passes(project)
    page = project.page("environment-and-waste/report-a-missed-bin")
    ids = [part.split(">")[0] for part in page.split("<h2 id=")[1:]]
    assert ids[:4] == ["if-you-cannot-report-online", "garden-waste", "what-happens-next", "assisted-collections"]
    assert "We come back the next working day." in page and "within 3 working days" not in page
    assert "You can report a missed bin up to 2 working days" in page  # shared introduction kept
    assert 'content="Tell Testbury if we missed your bin."' in page  # local front matter wins
    assert "<h1>Report a missed bin collection</h1>" in page  # shared front matter kept
    report = json.loads((project.site / "lgsite-report.json").read_text())
    assert report["pages"][MISSED_BIN]["origin"] == "merged"


def test_section_override_removes_sections(project: Project) -> None:
    project.write("docs/environment-and-waste/report-a-missed-bin.md", """
        ---
        override: sections
        remove_sections: [what-happens-next]
        ---
        """)
    page = engine_passes(project).pages[MISSED_BIN]
    assert "## What happens next" not in page.body and "## If you cannot report online" in page.body
    assert page.provenance.origin == "merged"


def test_excluded_by_path_and_by_service(project: Project) -> None:
    profile = dict(BASE_PROFILE, exclude=["environment-and-waste/recycling.md", "lgsl:524"])
    project.set_profile(profile)
    site = engine_passes(project)
    assert "environment-and-waste/recycling.md" not in site.pages and MISSED_BIN not in site.pages
    assert sorted(p.path for p in site.excluded) == ["environment-and-waste/recycling.md", MISSED_BIN]
    assert {p.origin for p in site.excluded} == {"excluded"}


def test_district_signposts_county_services(project: Project) -> None:
    page = engine_passes(project).pages["leisure-and-culture/find-a-library.md"]
    assert "Exampleshire County Council is responsible for this service" in page.body
    assert ("[Find a library on Exampleshire County Council's website](https://www.exampleshire.example/)"
            in page.body)
    assert "Libraries lend books" not in page.body
    assert page.provenance.origin == "signpost" and page.type == "signpost"


def test_county_signposts_district_services(tmp_path: Path) -> None:
    profile = {k: v for k, v in BASE_PROFILE.items() if k != "county"}
    profile.update(tier="county", name="Exampleshire County Council", links={})
    site = engine_passes(make_project(tmp_path / "county", profile=profile))
    page = site.pages[MISSED_BIN]
    assert "Your district, borough or city council is responsible for this service" in page.body
    assert "[Find your local council on GOV.UK](https://www.gov.uk/find-local-council)" in page.body
    assert page.provenance.origin == "signpost"
    assert "Libraries lend books" in site.pages["leisure-and-culture/find-a-library.md"].body


def test_tier_override_in_profile(project: Project) -> None:
    project.set_profile(dict(BASE_PROFILE, services={"provides": [437]}))
    page = engine_passes(project).pages["leisure-and-culture/find-a-library.md"]
    assert "Libraries lend books" in page.body and page.provenance.origin == "inherited"


def test_higher_shared_layer_wins(tmp_path: Path) -> None:
    project = make_project(tmp_path / "c", shared=[str(FIXTURES / "shared-basic"), str(FIXTURES / "shared-county")])
    site = engine_passes(project)
    assert "(county edition)" in site.pages["environment-and-waste/recycling.md"].title
    assert site.pages["environment-and-waste/recycling.md"].provenance.source == str(FIXTURES / "shared-county")
    assert site.pages[MISSED_BIN].title == "Report a missed bin collection"


def test_fenced_code_keeps_its_braces(project: Project) -> None:
    project.write("docs/help.md", """
        ---
        title: Writing pages
        description: How to write pages.
        ---
        Our name is {{ council.name }}.

        ```
        Write {{ council.name }} to show the council's name.
        ```
        """)
    passes(project)
    page = project.page("help")
    assert "Our name is Testbury District Council." in page
    assert "{{ council.name }}" in page


# Bad input: one line, file and line, worded as the build prints it.

def test_unknown_variable(project: Project) -> None:
    project.write("docs/a.md", "---\ntitle: A\ndescription: D.\n---\nText.\n\nCall {{ council.contact.fax }}.\n")
    assert engine_fails_with_one(project) == (
        "error: docs/a.md:7: unknown variable '{{ council.contact.fax }}'. Use one of council.name, council.url, "
        "council.tier, council.country, council.contact.phone, council.contact.email, council.contact.address, "
        'council.county.name, council.county.url, link(LGSL, "interaction"), or set it in council.yml.'
    )


def test_missing_link_is_a_warning_naming_the_line(project: Project) -> None:
    project.write("docs/a.md", "---\ntitle: A\ndescription: D.\n---\n[Pay]({{ link(57, 'pay') }})\n")
    assert problem_lines(engine_passes(project))[0].startswith(
        "warning: docs/a.md:5: needs the council's link for LGSL 57 (pay), which council.yml does not give. "
        "Add links: 57: pay: https://… to council.yml"
    )


def test_missing_start_link_names_the_front_matter_line(project: Project) -> None:
    project.set_profile(dict(BASE_PROFILE, links={}))
    lines = engine_fails(project, strict=True)
    assert any(line.startswith("warning: ") and "shared-basic/pages/environment-and-waste/report-a-missed-bin.md:8: "
               "needs the council's link for LGSL 524 (report)" in line for line in lines), lines


def test_sandbox_blocks_python_internals(project: Project) -> None:
    project.write("docs/a.md", "---\ntitle: A\ndescription: D.\n---\n{{ council.__class__.__mro__ }}\n")
    assert "docs/a.md:5:" in engine_fails_with_one(project)


def test_section_override_without_shared_page(project: Project) -> None:
    project.write("docs/new.md", "---\ntitle: New\ndescription: D.\noverride: sections\n---\n## A\n")
    assert engine_fails_with_one(project) == (
        "error: docs/new.md:4: is a section override, but no shared source has a page at this path. "
        "Check the file name matches the shared page, or remove override: sections."
    )


def test_removing_a_section_the_shared_page_lacks(project: Project) -> None:
    project.write("docs/environment-and-waste/report-a-missed-bin.md",
                  "---\noverride: sections\nremove_sections:\n  - what-happens-nxt\n---\n")
    line = engine_fails_with_one(project)
    assert line.startswith("error: docs/environment-and-waste/report-a-missed-bin.md:4: remove_sections names the section 'what-happens-nxt'")
    assert "Its sections are: if-you-cannot-report-online, what-happens-next." in line


def test_placing_after_a_missing_section(project: Project) -> None:
    project.write("docs/environment-and-waste/report-a-missed-bin.md",
                  "---\noverride: sections\nafter:\n  extra: nowhere\n---\n## Extra\n\nText.\n")
    assert "docs/environment-and-waste/report-a-missed-bin.md:4: after: extra names the section 'nowhere'" in engine_fails_with_one(project)


def test_duplicate_heading_ids(project: Project) -> None:
    project.write("docs/environment-and-waste/report-a-missed-bin.md",
                  "---\noverride: sections\n---\n## Fees\n\nA\n\n## Fees\n\nB\n")
    assert engine_fails_with_one(project) == (
        "error: docs/environment-and-waste/report-a-missed-bin.md:8: has two sections with the id 'fees' "
        "(lines 4 and 8). Give one of the headings different words so each section can be overridden."
    )


def test_missing_path_source(tmp_path: Path) -> None:
    project = make_project(tmp_path / "c", shared=["../nowhere"])
    line = engine_fails_with_one(project)
    assert line.startswith("error: mkdocs.yml: shared source '../nowhere' is not a folder")


def test_symlink_escaping_the_source(project: Project, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\nx\n")
    os.symlink(secret, project.root / "docs" / "leak.md")
    assert engine_fails_with_one(project) == (
        "error: docs/leak.md: is a link to a file outside its source folder. Copy the file into the folder instead of linking to it."
    )


def test_non_utf8_markdown(project: Project) -> None:
    (project.root / "docs" / "latin.md").write_bytes(b"---\ntitle: A\n---\ncaf\xe9\n")
    assert engine_fails_with_one(project) == "error: docs/latin.md:4: is not UTF-8 text. Save the file as UTF-8."


def test_binary_markdown(project: Project) -> None:
    (project.root / "docs" / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert engine_fails_with_one(project) == (
        "error: docs/image.md: is a binary file, not Markdown. Remove it or give it a name that does not end in .md."
    )


def test_exclude_typo(project: Project) -> None:
    project.set_profile(dict(BASE_PROFILE, exclude=["environment-and-waste/recyling.md"]))
    line = engine_fails_with_one(project)
    assert line.startswith("error: council.yml:") and ": exclude lists 'environment-and-waste/recyling.md', which no shared source has" in line


SHARED_PAGE = """---
title: {title}
description: A shared page.
category: rubbish-and-recycling
owner: Test team
last_reviewed: 2026-11-20
review_by: 2099-05-20
---
"""


def test_shared_links_to_excluded_pages_become_plain_text(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "waste").mkdir(parents=True)
    (shared / "waste/bins.md").write_text(SHARED_PAGE.format(title="Bins") + (
        "You can [find your collection day](collection-day.md#when) or [read about recycling](recycling.md).\n\n"
        "Write links like `[find your collection day](collection-day.md)`.\n\n"
        "```\n[find your collection day](collection-day.md)\n```\n"
    ), encoding="utf-8")
    for name, title in [("collection-day", "Find your collection day"), ("recycling", "Recycling")]:
        (shared / f"waste/{name}.md").write_text(SHARED_PAGE.format(title=title) + "Text.\n", encoding="utf-8")
    project = make_project(tmp_path / "council", shared=[str(shared)],
                           profile={**BASE_PROFILE, "exclude": ["waste/collection-day.md"]})
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    page = project.page("waste/bins")
    assert "You can find your collection day or <a href=../recycling/>read about recycling</a>" in page
    assert "<code>[find your collection day](collection-day.md)</code>" in page
    assert page.count("[find your collection day](collection-day.md)") == 2, "code is left as written"

    project.write("docs/waste/own.md", """
        ---
        title: Our own page
        description: Written by the council.
        ---
        [Find your collection day](collection-day.md).
        """)
    result = project.build("--strict")
    assert result.returncode == 1 and "collection-day.md" in result.stderr, "a council's own broken link still warns"
