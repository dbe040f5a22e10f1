"""Every problem in one build: errors and warnings collected, grouped by file and counted.

A council migrating a hundred pages must not need a hundred builds. These
tests make councils with many mistakes at once and read what one real
`lgsite build` prints.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from conftest import BASE_PROFILE, LGSITE, Project, fails, passes

NEW_UNITARY = {
    "name": "Newtown Council",
    "tier": "unitary",
    "country": "england",
    "url": "https://www.newtown.example/",
    "contact": {"phone": "01632 960 000", "email": "help@newtown.example", "address": "Town Hall, Newtown NT1 1AA"},
    "brand": {"colour": "#1d4f91"},
}
WARNING_LINE = re.compile(r"^warning: (\S+?):(\d+): (.*)$")


def new_council(root: Path) -> Path:
    """A council with only mkdocs.yml and council.yml, inheriting the bundled library: no docs/ at all."""
    root.mkdir(parents=True)
    mkdocs = {"site_name": "Newtown Council", "site_url": "https://www.newtown.example/",
              "theme": {"name": "council"}, "plugins": ["lgsite", "search"]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs), encoding="utf-8")
    (root / "council.yml").write_text(yaml.safe_dump(NEW_UNITARY, sort_keys=False), encoding="utf-8")
    return root


def lgsite(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LGSITE), *args], capture_output=True, text=True, timeout=300)


def missing_links(lines: list[str]) -> set[tuple[int, str]]:
    found = set()
    for line in lines:
        match = re.search(r"needs the council's link for LGSL (\d+) \((\w+)\)", line)
        if match:
            found.add((int(match.group(1)), match.group(2)))
    return found


def test_a_new_council_builds_first_time_and_learns_every_missing_link_in_one_run(tmp_path: Path) -> None:
    root = new_council(tmp_path / "newtown")
    normal = lgsite("build", str(root))
    assert normal.returncode == 0, normal.stderr
    warnings = normal.stderr.strip().splitlines()
    assert warnings and all(WARNING_LINE.match(line) for line in warnings), warnings
    # One list, grouped by file in a stable order, naming the shared source rather than an install path.
    files = [WARNING_LINE.match(line).group(1) for line in warnings]
    assert files == sorted(files)
    assert all(file.startswith("shared:bundled/pages/") for file in files)
    needed = missing_links(warnings)
    assert len(needed) > 30
    # The shared directories have no places yet: published saying so, and the council told to add or exclude them.
    empty = sorted(match.group(1).removeprefix("shared:bundled/pages/") for match in map(WARNING_LINE.match, warnings)
                   if match and "no published directory-entry page names it" in match.group(3))
    assert empty == ["environment-and-waste/household-waste-recycling-centres.md", "leisure-and-culture/find-a-library.md"]
    assert f": {len(warnings)} warnings, " in normal.stdout.strip().splitlines()[-1]

    # The page is published with no broken button: it says how to get the service instead.
    page = (root / "site/council-tax-and-benefits/pay-your-council-tax/index.html").read_text(encoding="utf-8")
    assert "lg-button--start" not in page
    assert "You cannot do this online" in page and "01632 960 000" in page

    strict = lgsite("build", str(root), "--strict")
    assert strict.returncode == 1
    lines = strict.stderr.strip().splitlines()
    assert missing_links(lines) == needed  # every missing link in that same run
    assert re.fullmatch(rf"error: --strict: {len(warnings)} warnings \(listed above\) made the build fail; .*",
                        lines[-1]), lines[-1]

    listed = lgsite("links", str(root), "--missing")
    assert listed.returncode == 0, listed.stderr
    assert f"0 of {len(needed)} links given in council.yml" in listed.stdout

    stub = lgsite("links", str(root), "--missing", "--yaml")
    assert stub.returncode == 0, stub.stderr
    assert "TODO" in stub.stdout
    council = root / "council.yml"
    # Pasted as it is, the placeholders are refused: nothing publishes a Start button to "TODO".
    council.write_text(council.read_text(encoding="utf-8") + "links:\n" + stub.stdout, encoding="utf-8")
    unfilled = lgsite("build", str(root))
    assert unfilled.returncode == 1 and "must be a full web address starting https:// or one of none, not 'TODO'" in unfilled.stderr
    # With real addresses filled in, --strict passes.
    filled = stub.stdout.replace("TODO", "https://forms.newtown.example/service")
    council.write_text(yaml.safe_dump({**NEW_UNITARY, "exclude": empty}, sort_keys=False) + "links:\n" + filled,
                       encoding="utf-8")
    assert lgsite("build", str(root), "--strict").returncode == 0
    assert f"{len(needed)} of {len(needed)} links given" in lgsite("links", str(root)).stdout


def test_none_records_that_a_service_is_not_online(project: Project) -> None:
    project.set_profile(dict(BASE_PROFILE, links={524: {"report": "none"}}))
    result = passes(project, "--strict")
    assert "warning" not in result.stderr
    page = project.page("environment-and-waste/report-a-missed-bin")
    assert "lg-button--start" not in page
    assert "You cannot do this online" in page


def test_a_missing_link_in_the_text_is_a_warning_and_links_to_the_contact_page(project: Project) -> None:
    project.write("docs/about-the-council/contact-us.md",
                  "---\ntitle: Contact us\ndescription: How to contact us.\ntype: contact\n---\nCall us.\n")
    project.write("docs/housing/rent.md", "---\ntitle: Rent\ndescription: D.\n---\n[Pay your rent]({{ link(999, 'pay') }})\n")
    result = passes(project)
    assert result.stderr.strip().splitlines() == [
        "warning: docs/housing/rent.md:5: needs the council's link for LGSL 999 (pay), which council.yml does not "
        "give. Add links: 999: pay: https://… to council.yml (or none if there is no online service); "
        "lgsite links --missing --yaml lists every missing link."
    ]
    assert re.search(r'<a href="?\.\./\.\./about-the-council/contact-us/"?>Pay your rent</a>', project.page("housing/rent"))


def test_ten_mistakes_in_five_files_are_all_reported_in_one_build(project: Project) -> None:
    project.write("docs/one.md", """
        ---
        title: One
        description: D.
        type: servise
        ---
        Text.
        """)
    project.write("docs/two.md", """
        ---
        title: Two
        description: D.
        colour: red
        last_reviewed: 2026-13-01
        ---
        {{ council.fax }} and {{ council.contact.fax }}
        """)
    project.write("docs/news/three.md", """
        ---
        title: Three
        description: D.
        type: news
        ---
        No date.
        """)
    project.write("docs/events/four.md", """
        ---
        title: Four
        description: D.
        type: event
        start: 2030-05-02 09:00
        end: 2030-05-01 10:00
        ---
        Backwards.
        """)
    project.write("docs/five.md", """
        ---
        title: Five
        description: D.
        related:
          - {text: Nowhere, page: nowhere.md}
          - {text: Also nowhere, page: gone.md}
        contacts: [missing-contact.md]
        ---
        Text.
        """)
    project.write("docs/six.md", """
        ---
        title: Six
        description: D.
        override: sideways
        ---
        Text.
        """)
    lines = fails(project)
    expected = [
        ("docs/events/four.md", "'end' is 2030-05-01 10:00, which is before 'start'"),
        ("docs/five.md", "contacts lists 'missing-contact.md'"),
        ("docs/five.md", "related links to 'nowhere.md'"),
        ("docs/five.md", "related links to 'gone.md'"),
        ("docs/news/three.md", "needs 'date'"),
        ("docs/one.md", "unknown type 'servise'"),
        ("docs/six.md", "override is 'sideways'"),
        ("docs/two.md", "unknown key 'colour'"),
        ("docs/two.md", "last_reviewed"),
        ("docs/two.md", "unknown variable '{{ council.fax }}'"),
        ("docs/two.md", "unknown variable '{{ council.contact.fax }}'"),
    ]
    for file, words in expected:
        assert any(line.startswith(f"error: {file}:") and words in line for line in lines), (file, words, lines)
    assert len(lines) == len(expected), "\n".join(lines)
    files = [line.split(":")[1].strip() for line in lines]
    assert files == sorted(files)  # grouped by file, in a stable order
    summary = project.build().stderr.strip().splitlines()[-1]
    assert summary == f"error: the site was not built: {len(expected)} errors and 0 warnings in 6 files"
