"""`lgsite lint`: GOV.UK style and structure, one message per problem, at the line the author edits."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import BASE_PROFILE, LGSITE, engine_passes, make_project
from lgsite.lint import RULES, lint_paths
from lgsite.sources import bundled_model_dir

# One instance of every rule, each on a line of its own; the comment after each line names the rule it seeds.
SEEDED = """\
---
title: Parking permits
---

Please utilise the online form to apply for your permit.

To apply for a permit, [click here](apply.md).

## Pay Your Parking Fines

You MUST NOT park in a loading bay.

Parking permits are popular!

Bins & boxes go out on the same day.

Bring proof of your address, e.g. a bill.

The parking office opens at 9:00am on weekdays.

The new scheme starts on 03/12/2026 for residents.

A resident's permit costs £75.00 for the year.

#### Permit details

##

![](map.png)

# Another title

## What are the opening times?

You can apply for a permit for each car that is kept at your address, as long as the car is taxed and insured and you can show us that you live in the zone.

You need a permit. It is for your car. Put it on the dashboard. Keep it clean. Show it when asked. Renew it each year.

Neighbourhood parking administration considers applications individually, evaluating residential eligibility, vehicle registration documentation and environmental classification.

<!-- lint: ignore no-such-rule -->
Thank you.
"""
# The line of each rule's one message, and its column.
EXPECTED = {
    "words-to-avoid": (5, 8),
    "link-text": (7, 24),
    "heading-case": (9, 4),
    "all-caps": (11, 5),
    "exclamation": (13, 28),
    "ampersand": (15, 6),
    "latin-abbreviation": (17, 30),
    "time-format": (19, 29),
    "date-format": (21, 26),
    "money-format": (23, 27),
    "heading-skip": (25, 1),
    "empty-heading": (27, 1),
    "image-alt": (29, 1),
    "second-h1": (31, 1),
    "faq-heading": (33, 4),
    "long-sentence": (35, 1),
    "reading-age": (5, 1),
    "long-paragraph": (37, 1),
    "lint-comment": (41, 1),
}

CLEAN = """\
---
title: Report a missed bin
---

If we did not empty your bin on your collection day, you can [report a missed bin](report.md).

## Before you report

- wait until 5pm on your collection day
- check your [bin collection day](day.md)

We collect bins from 7am to 6pm, Monday to Friday. A new bin costs £25 or £4.50 for a sticker.
Collections change around 25 December 2026.

![A green wheelie bin at the kerb](bin.png)
"""


def library(tmp_path: Path, pages: dict[str, str], settings: str | None = None) -> Path:
    """A shared library on disk: pages/ and, when given, its lint.yml."""
    root = tmp_path / "library"
    for name, text in pages.items():
        (root / "pages" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "pages" / name).write_text(text, encoding="utf-8")
    if settings is not None:
        (root / "lint.yml").write_text(textwrap.dedent(settings), encoding="utf-8")
    return root


def lint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LGSITE), "lint", *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def test_every_rule_has_a_seeded_instance() -> None:
    assert set(EXPECTED) == set(RULES)


def test_a_seeded_page_gets_exactly_one_message_per_rule_at_its_line(tmp_path: Path) -> None:
    root = library(tmp_path, {"parking/permits.md": SEEDED})
    result = lint(cwd=root)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    found = {}
    for line in lines:
        file, number, column, rule, message = line.split(":", 4)
        assert file == "pages/parking/permits.md", line
        assert rule.strip() not in found, f"two messages for {rule}:\n" + result.stdout
        found[rule.strip()] = (int(number), int(column))
        assert message.strip(), line
    assert found == EXPECTED, result.stdout


def test_messages_say_what_to_write_instead(tmp_path: Path) -> None:
    root = library(tmp_path, {"permits.md": SEEDED})
    text = lint(cwd=root).stdout
    assert 'avoid "utilise": use' in text
    assert 'write times like "9am", "5:30pm", "9am to 5pm", "midday" or "midnight", not "9:00am"' in text
    assert 'not "£75.00"' in text and 'not "03/12/2026"' in text
    assert 'the link text "click here" does not say where it goes' in text


def test_a_clean_page_gets_no_message(tmp_path: Path) -> None:
    root = library(tmp_path, {"bins/report.md": CLEAN})
    result = lint(cwd=root)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_json_for_ci(tmp_path: Path) -> None:
    root = library(tmp_path, {"permits.md": SEEDED})
    result = lint("--format", "json", cwd=root)
    assert result.returncode == 1
    messages = json.loads(result.stdout)
    assert {m["rule"] for m in messages} == set(RULES)
    time = next(m for m in messages if m["rule"] == "time-format")
    assert time == {"file": "pages/permits.md", "line": 19, "column": 29, "rule": "time-format",
                    "message": time["message"]}


def test_a_comment_switches_a_rule_off_for_its_line_or_the_next(tmp_path: Path) -> None:
    page = ("Recycling is great!\n\n"
            "Composting is great too! <!-- lint: ignore exclamation -->\n\n"
            "<!-- lint: ignore exclamation, ampersand (the campaign's own name) -->\n"
            "Bins & boxes are great!\n\n"
            "Reuse is better!\n")
    root = library(tmp_path, {"p.md": page})
    lines = lint(cwd=root).stdout.splitlines()
    assert [line.split(": ")[0:2] for line in lines] == [["pages/p.md:1:19", "exclamation"],
                                                          ["pages/p.md:8:16", "exclamation"]]


def test_a_library_switches_rules_off_and_sets_its_reading_age(tmp_path: Path) -> None:
    root = library(tmp_path, {"permits.md": SEEDED}, "ignore: [exclamation, heading-case]  # our reasons\n"
                                                    "reading_age: 21\n")
    rules = {line.split(": ")[1] for line in lint(cwd=root).stdout.splitlines()}
    assert rules == set(RULES) - {"exclamation", "heading-case", "reading-age"}


def test_a_council_switches_rules_off_in_council_yml(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council", profile={**BASE_PROFILE, "lint": {"ignore": ["exclamation"]}})
    project.write("docs/news.md", "---\ntitle: News\ndescription: Our news.\n---\n\nWe won an award!\n\nBins & boxes.\n")
    result = lint(cwd=project.root)
    assert result.stdout.splitlines() == [
        'docs/news.md:8:6: ampersand: write "and", not "&"']
    engine_passes(project)  # the build reads the same council.yml


@pytest.mark.parametrize("settings, wrong", [
    ("ignore: [exclamations]\n", "lint.yml:1: ignore: names 'exclamations', which is not a lint rule"),
    ("reading_age: nine\n", "lint.yml:1: reading_age is 'nine', not an age from 5 to 21"),
    ("ignored: [exclamation]\n", "lint.yml:1: 'ignored' is not a lint setting"),
])
def test_a_wrong_setting_is_one_line(tmp_path: Path, settings: str, wrong: str) -> None:
    root = library(tmp_path, {"p.md": "Hello.\n"}, settings)
    result = lint(cwd=root)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()], result.stderr
    assert result.stderr.startswith(f"error: {wrong}"), result.stderr


def test_welsh_pages_get_the_structure_rules_only(tmp_path: Path) -> None:
    root = library(tmp_path, {
        "cyswllt.cy.md": SEEDED,
        "talu.md": "---\ntitle: Talu\nlang: cy\n---\n\nTalwch ar-lein!\n\n#### Manylion\n",
    })
    found = {(line.split(":")[0], line.split(": ")[1]) for line in lint(cwd=root).stdout.splitlines()}
    assert found == {("pages/cyswllt.cy.md", rule) for rule in
                     ("heading-skip", "empty-heading", "image-alt", "second-h1", "faq-heading", "lint-comment")
                     } | {("pages/talu.md", "heading-skip")}


def test_code_is_not_checked(tmp_path: Path) -> None:
    page = "Write the time as `09:00` in the form.\n\n```\nCLICK HERE!!! e.g. 9:00am & £5.00\n```\n"
    root = library(tmp_path, {"p.md": page})
    assert lint(cwd=root).stdout == ""


def test_the_bundled_library_is_clean() -> None:
    messages = lint_paths([str(bundled_model_dir())])
    assert [str(message) for message in messages] == []


def test_lint_and_the_build_agree_on_structure() -> None:
    """The converted page of the messy council: lint names the four problems the build warns about
    (tests/test_messy_council.py), at the same lines."""
    council = Path(__file__).parent / "fixtures" / "messy-council"
    page = "docs/council-tax-and-benefits/council-tax-discounts.md"
    found = [line.split(": ")[:2] for line in lint(page, cwd=council).stdout.splitlines()]
    assert found == [[f"{page}:12:1", "heading-skip"], [f"{page}:16:1", "empty-heading"],
                     [f"{page}:22:1", "second-h1"], [f"{page}:27:1", "image-alt"]]


def test_names_keep_their_capitals_in_headings_and_bare_addresses_are_link_text(tmp_path: Path) -> None:
    page = ("## Tell Us Once\n\nWe can use Tell Us Once to tell most government services.\n\n"
            "## Council Tax Bands\n\nSee www.testbury.example/bands or <https://www.testbury.example/>.\n\n"
            "Read the [https://www.testbury.example/bands](https://www.testbury.example/bands) page.\n\n"
            "Band D is £1717.60 this year.\n")
    root = library(tmp_path, {"p.md": page})
    text = lint(cwd=root).stdout
    assert [line.split(": ")[:2] for line in text.splitlines()] == [
        ["pages/p.md:5:4", "heading-case"], ["pages/p.md:7:5", "link-text"], ["pages/p.md:7:35", "link-text"],
        ["pages/p.md:9:10", "link-text"], ["pages/p.md:11:11", "money-format"]]
    assert 'not "£1717.60"' in text


def test_a_link_out_of_the_library_is_one_line_not_its_words(tmp_path: Path) -> None:
    """CI runs lint on changes proposed by anyone: a page that links to a file elsewhere on the machine
    must not get that file's words printed in messages."""
    secret = tmp_path / "secret.md"
    secret.write_text("THE SECRET TOKEN IS HERE!\n", encoding="utf-8")
    root = library(tmp_path, {"p.md": "Hello.\n"})
    (root / "pages" / "leak.md").symlink_to(secret)
    result = lint(cwd=root)
    assert result.returncode == 1
    assert "SECRET" not in result.stdout + result.stderr
    assert result.stderr == ("error: pages/leak.md: is a link to a file outside its source folder. "
                             "Copy the file into the folder instead of linking to it.\n")
