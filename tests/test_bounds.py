"""Untrusted content is contained and bounded: the variable sandbox, YAML loading, dates.

Each defect is reproduced as a shared source or a council would write it; the
site must assemble with the right text, or fail with one line naming the file
and line, never a traceback and never a huge page. Most cases are in the engine
tier; what reaches the HTML or the files on disk goes through the real `lgsite build`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import BASE_PROFILE, FIXTURES, Project, engine_fails_with_one, engine_passes, make_project, passes
from html_reader import Element, read_page
from lgsite.errors import LgsiteError
from lgsite.variables import OUTPUT_LIMIT, PAGE_LIMIT, Variables

REVIEW = "owner: Test team\nlast_reviewed: 2026-11-20\nreview_by: 2099-05-20\n"


def main_content(project: Project, url_path: str) -> Element:
    """A built page's <article id="main-content">: its own content, without the theme's header and footer."""
    return read_page(project.site, url_path).one("article", id="main-content")


def shared_project(tmp_path: Path, pages: dict[str, str]) -> Project:
    """A council whose shared source (a folder) has `pages`, each a title and a body."""
    shared = tmp_path / "shared"
    for name, body in pages.items():
        page = shared / "pages" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: {name}\ndescription: D.\n{REVIEW}---\n{body}\n", encoding="utf-8")
    return make_project(tmp_path / "council", shared=[str(FIXTURES / "shared-basic"), str(shared)])


def page_with(project: Project, body: str, meta: str = "") -> None:
    project.write("docs/a.md", f"---\ntitle: A\ndescription: D.\n{meta}---\n{body}\n")


# --- the sandbox: immutable, one copy of the council's details per page ----------------------------------------


def test_a_shared_page_cannot_change_the_council_details_of_later_pages(tmp_path: Path) -> None:
    project = shared_project(tmp_path, {
        "a.md": "{{ council.contact.update({'phone': '0906 123 456'}) or '' }}",
        "b.md": "Call {{ council.contact.phone }}.",
    })
    line = engine_fails_with_one(project)
    assert line.startswith(f"error: {tmp_path / 'shared/pages/a.md'}:8: the expression ")
    assert "is not allowed" in line


def test_a_page_reading_the_council_details_leaves_them_for_the_next(tmp_path: Path) -> None:
    site = engine_passes(shared_project(tmp_path, {
        "a.md": "Phone {{ council.contact.get('phone') }} {{ council.contact.items()|length }}",
        "b.md": "Call {{ council.contact.phone }}.",
    }))
    assert "Phone 01632 960 111 4" in site.pages["a.md"].body
    assert "Call 01632 960 111." in site.pages["b.md"].body


def test_each_page_has_its_own_copy_of_the_council_details() -> None:
    variables = Variables({"contact": {"phone": "01632 960 111"}}, {}, "council.yml")
    first = variables.page("a.md")
    assert first.evaluate("council.contact.phone", 1) == "01632 960 111"
    first.context["council"]["contact"]["phone"] = "0906 123 456"  # as a sandbox escape would
    assert variables.page("b.md").evaluate("council.contact.phone", 1) == "01632 960 111"
    assert variables.council["contact"]["phone"] == "01632 960 111"


# --- the sandbox: bounded, and one line for every error --------------------------------------------------------


@pytest.mark.parametrize(("expression", "says"), [
    ("7**(10**8)", "makes a number of more than 3,900 digits"),
    ("'a'*10**8", f"repeats a value to more than {OUTPUT_LIMIT:,} characters"),
    ("range(10**9)", "makes a range of more than 10,000 numbers"),
    ("1/0", "division by zero"),
    ("'a'*6000 ~ 'b'*6000", f"prints 12,000 characters; the limit is {OUTPUT_LIMIT:,}"),
])
def test_expressions_past_a_limit_fail_with_one_line(project: Project, expression: str, says: str) -> None:
    page_with(project, f"Text.\n\nSo {{{{ {expression} }}}}.")
    line = engine_fails_with_one(project)
    assert line.startswith("error: docs/a.md:7: ")
    assert says in line


def test_a_page_has_a_limit_on_all_its_variables_together(project: Project) -> None:
    each = "{{ 'a'*9000 }}\n"
    page_with(project, each * (PAGE_LIMIT // 9000 + 1))
    assert engine_fails_with_one(project).startswith(
        f"error: docs/a.md:{PAGE_LIMIT // 9000 + 5}: the page's variables print more")


def test_variables_in_front_matter_are_bounded_too(project: Project) -> None:
    project.write("docs/a.md", "---\ndescription: D.\ntitle: \"{{ [1]*10**9 }}\"\n---\nText.\n")
    assert engine_fails_with_one(project).startswith(
        "error: docs/a.md:3: the expression '{{ [1]*10**9 }}' repeats a value")


@pytest.mark.parametrize("expression", [
    "2.0**100000",  # OverflowError
    "'x' + 1",  # TypeError
    "'%0999999999d' % 1",  # text formatting: a gigabyte of zeros
    "'{:>999999999}'.format(1)",
    "council.name.ljust(10**9)",
    "council.name|center(10**9)",
    "lipsum(10**6)",
    "(10**5000)|string",
    "[[1]*5000]*5000",
    "(" * 2000 + "1" + ")" * 2000,  # RecursionError in the parser
    "council.name.__class__.__mro__",
    "namespace(a=1)",
    "council.contact.pop('phone')",
    "council.name.format(1)",
    "1 +",
])
def test_hostile_expressions_are_one_error_line(expression: str) -> None:
    variables = Variables({"name": "Testbury", "contact": {"phone": "01632"}}, {}, "council.yml")
    with pytest.raises(LgsiteError) as raised:
        variables.page("shared/a.md").evaluate(expression, 12)
    assert str(raised.value).startswith("shared/a.md:12: ")
    assert "\n" not in str(raised.value) and len(str(raised.value)) < 600


# --- council variables are text in the page, links keep their URL ---------------------------------------------


def test_council_variables_reach_the_page_as_text(tmp_path: Path) -> None:
    name = '<script>alert(1)</script> & <b>Co</b> " onmouseover="alert(1)'
    profile = dict(BASE_PROFILE, name=name, links={**BASE_PROFILE["links"], 57: {"pay": "https://pay.testbury.example/p?a=1&b=2"}})
    project = make_project(tmp_path / "council", profile=profile)
    page_with(project, "We are {{ council.name }}.\n\n[Pay]({{ link(57, 'pay') }}) or <{{ link(57, 'pay') }}>\n\n"
                       "Write `{{ council.name }}`.\n\n<span title=\"{{ council.name }}\">Hover</span>")
    passes(project)
    page = main_content(project, "a")
    tags = [(element.tag, element.attrs) for element in page.elements()]
    assert f"We are {name}." in page.text
    assert f"Write {name}." in page.text  # a code span shows the value as it is, not "&amp;"
    assert [tag for tag, attrs in tags if tag in ("script", "b")] == []
    assert ("span", {"title": name}) in tags  # the council's own raw HTML keeps the name inside its attribute
    hrefs = [attrs["href"] for tag, attrs in tags if tag == "a" and "pay.testbury" in attrs.get("href", "")]
    assert hrefs == ["https://pay.testbury.example/p?a=1&b=2"] * 2


# --- YAML: aliases bounded, one place for all loading ----------------------------------------------------------


def alias_bomb(levels: int) -> str:
    """The "billion laughs": each level lists the one before nine times, so 9**levels strings in a few lines."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [8, 9])
def test_an_alias_bomb_in_front_matter_fails_fast_at_its_line(tmp_path: Path, levels: int) -> None:
    bomb = alias_bomb(levels)
    assert len(bomb) < 800
    project = shared_project(tmp_path, {"a.md": "Text."})
    page = tmp_path / "shared/pages/a.md"
    page.write_text(f"---\ntitle: A\ndescription: D.\n{REVIEW}{bomb}---\nText.\n", encoding="utf-8")
    # l0 has 10 values, l1 repeats 90, l2 819, l3 7,380: the first *l3 in l4 (line 11) passes 10,000.
    assert engine_fails_with_one(project) == (
        f"error: {page}:11: aliases repeat more than 10,000 values by *l3. "
        "Write the values out instead of repeating aliases."
    )


def test_a_recursive_alias_in_front_matter_is_one_line(project: Project) -> None:
    page_with(project, "Text.", meta="tags: &a [*a]\n")
    assert engine_fails_with_one(project) == (
        "error: docs/a.md:4: the alias *a is inside the value it names, so it never ends. "
        "Remove *a or move it out of &a."
    )


def test_an_alias_bomb_in_council_yml_names_council_yml(project: Project) -> None:
    project.set_profile(raw="name: &n [*n]\n")
    assert engine_fails_with_one(project).startswith("error: council.yml:1: the alias *n is inside the value it names")
    project.set_profile(raw=alias_bomb(9))
    assert engine_fails_with_one(project).startswith(
        "error: council.yml:5: aliases repeat more than 10,000 values by *l3")


def test_an_alias_bomb_in_the_lock_file_names_the_lock_file(project: Project) -> None:
    (project.root / "lgsite.lock").write_text("version: 1\n" + alias_bomb(9), encoding="utf-8")
    assert engine_fails_with_one(project).startswith(
        "error: lgsite.lock:6: aliases repeat more than 10,000 values by *l3")


def test_ordinary_aliases_still_work(project: Project) -> None:
    page_with(project, "Text & more: *here*.", meta="search: &s {exclude: true}\n")
    project.write("docs/b.md", "---\ntitle: &t B & C\ndescription: *t\n---\nText.\n")
    site = engine_passes(project)
    assert site.pages["b.md"].title == "B & C" and site.pages["b.md"].meta["description"] == "B & C"
    assert site.pages["a.md"].meta["search"] == {"exclude": True}


@pytest.mark.parametrize(("meta", "says"), [
    ("tags: " + "[" * 60 + "]" * 60 + "\n", "docs/a.md:4: nests lists and mappings more than 50 levels deep"),
    ("tags: " + "[" * 2000 + "]" * 2000 + "\n", "docs/a.md:4: nests lists and mappings more than 50 levels deep"),
    ("weight: !!int 0x\n", "docs/a.md:4: YAML error: cannot read '0x' as int"),
    ("weight: " + "9" * 5000 + "\n", "docs/a.md:4: YAML error: cannot read '9999"),
    ("weight: !!python/object:os.system ls\n", "docs/a.md:4: YAML error: could not determine a constructor"),
    ("summary: a\x07b\n", "docs/a.md:4: has the control character U+0007, which YAML does not allow"),
])
def test_yaml_that_cannot_be_data_is_one_line(project: Project, meta: str, says: str) -> None:
    page_with(project, "Text.", meta=meta)
    assert engine_fails_with_one(project).startswith(f"error: {says}")


# --- byte order marks and line endings -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "start", "newline"), [
    ("bom", "\ufeff", "\n"), ("crlf", "", "\r\n"), ("cr", "", "\r"), ("bom-crlf", "\ufeff", "\r\n"),
])
def test_byte_order_marks_and_line_endings_keep_the_front_matter(
    project: Project, name: str, start: str, newline: str
) -> None:
    text = start + newline.join(["---", "title: Bins and boxes", "description: D.", "---", "Text.", "", "## More", ""])
    (project.root / "docs/a.md").write_bytes(text.encode("utf-8"))
    (project.root / "council.yml").write_bytes(
        (start + (project.root / "council.yml").read_text(encoding="utf-8").replace("\n", newline)).encode("utf-8"))
    page = engine_passes(project).pages["a.md"]
    assert page.title == "Bins and boxes" and page.meta["description"] == "D."
    assert "## More" in page.body and "title:" not in page.body


# --- dates: only ASCII digits, and the last day there is ------------------------------------------------------


def test_an_alert_that_never_expires_builds_and_shows(project: Project) -> None:
    project.write("docs/alerts/forever.md",
                  "---\ntitle: Forever\ndescription: D.\ntype: alert\nlevel: minor\nexpires: 9999-12-31\n---\nText.\n")
    passes(project)
    home = project.site.joinpath("index.html").read_text(encoding="utf-8")
    assert "lg-alert--minor" in home
    assert "9999-12-31T23:59:59" in home


@pytest.mark.parametrize("when", ["start: 9999-12-31 23:59", "start: 9999-12-31 22:00\nend: 9999-12-31 23:59"])
def test_an_event_on_the_last_day_there_is_builds(project: Project, when: str) -> None:
    project.write("docs/events/last.md", f"---\ntitle: The last fair\ndescription: D.\ntype: event\n{when}\n---\nT.\n")
    weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date(9999, 12, 31).weekday()]
    passes(project)
    assert f"{weekday} 31 December 9999" in main_content(project, "events/last").text
    assert "BEGIN:VEVENT" in (project.site / "events/last.ics").read_text(encoding="utf-8")


@pytest.mark.parametrize(("kind", "meta", "key"), [
    ("alert", "level: minor\nexpires: ２０２６-０１-０１", "expires"),
    ("event", "start: ２０２６-０１-０１ 10:00", "start"),
    ("event", "start: 2026-01-01 ١٠:٠٠", "start"),
    ("news", "date: 2026-01-٠١", "date"),
])
def test_dates_with_other_digits_are_refused_with_one_line(project: Project, kind: str, meta: str, key: str) -> None:
    project.write("docs/x/a.md", f"---\ntitle: A\ndescription: D.\ntype: {kind}\n{meta}\n---\nText.\n")
    line = engine_fails_with_one(project)
    assert line.startswith(f"error: docs/x/a.md:{4 + meta.count(chr(10)) + 1}: '{key}' must be a date")
    assert line.endswith("Write it with the digits 0 to 9: it has other digits, such as full-width ones.")


def test_a_section_both_removed_and_replaced_is_one_line(project: Project) -> None:
    """Found by tests/test_properties.py: it was a StopIteration traceback."""
    project.write("docs/environment-and-waste/report-a-missed-bin.md",
                  "---\noverride: sections\nremove_sections: what-happens-next\n---\n## What happens next\nSoon.\n")
    assert engine_fails_with_one(project) == (
        "error: docs/environment-and-waste/report-a-missed-bin.md:5: both removes and replaces the section "
        "'what-happens-next'. Keep the ## heading to replace it, or the remove_sections entry to remove it."
    )
