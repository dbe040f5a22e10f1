"""Whatever a shared source or a council writes, the build succeeds or fails with one line.

Hypothesis generates front matter (text, numbers, nested mappings and lists,
dates, odd Unicode, strings YAML reads specially, `{{ … }}` expressions from a
small grammar, broken YAML), section overrides, and council.yml values. The
property: the build succeeds, or fails with exactly one line that starts
`error:` and names a file; never a traceback, never a hang.

A real build takes about a second, so most examples run the engine in this
process as the plugin does (the council profile, the page set, the front matter
MkDocs reads back, the Markdown), a few run the whole MkDocs build in process
through `lgsite.cli.main`, and a handful the real `lgsite build` command.
Run with `--hypothesis-show-statistics` to see how many examples built and why
the others were refused.
"""

from __future__ import annotations

import contextlib
import re
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from conftest import BASE_PROFILE, FIXTURES, LGSITE, SUMMARY, Project, make_project, problem_lines
from lgsite import cli
from lgsite.errors import LgsiteError
from lgsite.frontmatter import join

SHARED = FIXTURES / "shared-basic"
OVERRIDDEN = "environment-and-waste/report-a-missed-bin.md"  # its sections: if-you-cannot-report-online, what-happens-next
ONE_LINE = re.compile(r"(error|warning): \S*\.(md|yml|lock)\b")  # the file first, as every LgsiteError line starts


def assert_problem_lines(stderr: str) -> None:
    """A failed build printed its problems, each one line naming its file, then one summary line."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    if SUMMARY.match(lines[-1]):
        lines = lines[:-1]
    assert lines and all(ONE_LINE.match(line) for line in lines), stderr
    assert any(line.startswith("error: ") for line in lines), stderr
SECONDS = 20  # far more than any example needs: past it, something is unbounded

FAST = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
SLOW = settings(FAST, max_examples=12)


# --- what people write ----------------------------------------------------------------------------------------

ATOMS = st.sampled_from([
    "council.name", "council.contact.phone", "council.url", "council.county.name", "council.fax", "council",
    "link(524, 'report')", "link(57, 'pay')", "link('x', 1)", "1", "0", "-1", "1.5", "10**9", "'a'", "''",
    "range(10)", "range(10**9)", "[1, 2]", "{'a': 1}", "x", "none", "true", "council.__class__", "lipsum",
])


def _expressions(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    operators = st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "~", "and", "or", "==", "<", "in", "if"])
    filters = st.sampled_from(["|upper", "|length", "|int", "|first", "|default('x')", "|center(10**9)",
                               "|safe", "|list", "|join(',')"])
    methods = st.sampled_from([".upper()", ".update({'phone': '0906'})", ".format(1)", ".ljust(10**6)", ".get('a')",
                               ".items()", ".pop()", "[0]", "['phone']", ".mro"])
    return st.one_of(
        st.tuples(inner, operators, inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(inner, filters).map("".join),
        st.tuples(inner, methods).map("".join),
        inner.map(lambda e: f"({e})"),
    )


EXPRESSIONS = st.recursive(ATOMS, _expressions, max_leaves=5)
VARIABLES = EXPRESSIONS.map(lambda e: f"{{{{ {e} }}}}")
SPECIAL = st.sampled_from([
    "yes", "no", "on", "null", "~", "", " ", "1e3", "0x1F", "0o17", ".inf", "-.nan", "=", "<<", "2026-13-45",
    "２０２６-０１-０１", "9999-12-31", "0001-01-01", "9999-12-31 23:59", "2026-02-29", "12:30", "24:00", "17:00",
    ":", "- a", "&a", "*a", "!!int", "{", "[", "#", "'", '"', "---", "...", "%YAML", "|", ">",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', '" onmouseover="alert(1)', "javascript:alert(1)",
    "a\r\nb", "a\rb", "\u202e", "\ufeff", "\x85", "\u2028", "\x07", "{{", "}}", "{% if %}", "{# x #}",
    "https://example.org/?a=1&b=2", "../../../etc/hostname", "lgsl:57", "Mo-Fr 09:00-17:00",
])
TEXT = st.one_of(SPECIAL, VARIABLES, st.text(max_size=30),
                 st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=15))
SCALARS = st.one_of(TEXT, st.integers(), st.integers(min_value=-2**70, max_value=2**70), st.floats(),
                    st.booleans(), st.none(), st.dates().map(str), st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M")))
KEYS = st.one_of(
    st.sampled_from([
        "title", "description", "type", "category", "lgsl", "owner", "last_reviewed", "review_by", "template",
        "override", "remove_sections", "after", "hide", "search", "contacts", "related", "summary", "tags",
        "status", "level", "starts", "expires", "start", "end", "location", "date", "phone", "email", "address",
        "hours", "directory", "geo", "opening_hours", "facets", "services", "steps", "top_tasks",
    ]),
    st.text(min_size=1, max_size=10),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
                      max_leaves=8)
TYPES = st.sampled_from(["page", "service", "event", "alert", "news", "service-status", "guide", "contact",
                         "directory", "directory-entry", "step-by-step", "category", "home", "nonexistent"])
# YAML that is not plain data: aliases, tags, bad syntax, deep nesting.
RAW_YAML = st.sampled_from([
    "summary: &s Words\nowner: *s", "tags: &a [*a]", "x: &x {y: *x}", "summary: !!int 0x", "summary: !!python/object:os.system ls",
    "summary: !!timestamp 2026-13-45", "tags: " + "[" * 80 + "]" * 80, "summary: 'unterminated", "\t- bad",
    ": :", "? [a]\n: 1", "tags: *nowhere", "a: &r [1, 2]\nb: [*r, *r]", "<<: {title: T}", "summary: " + "9" * 5000,
    "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nl1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\n"
    "l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\nl3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\n"
    "l4: [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]",
])
BODY_LINES = st.one_of(
    TEXT, VARIABLES,
    st.tuples(st.sampled_from(["## ", "# ", "### "]), TEXT).map("".join),
    st.sampled_from(["```", "~~~", "", "---", "<div>", "</div>", "[Pay]({{ link(57, 'pay') }})",
                     "`{{ council.name }}`", "## If you cannot report online", "## What happens next",
                     "## Heading {#what-happens-next}", "[x](javascript:alert(1))", "<script>alert(1)</script>"]),
)
BODIES = st.lists(BODY_LINES, max_size=8).map("\n".join)
# Bodies that usually build, so that examples reach MkDocs and the templates.
PLAIN = st.one_of(SPECIAL, st.text(max_size=30))
BUILDING_BODIES = st.lists(st.one_of(
    PLAIN, st.tuples(st.sampled_from(["## ", "### ", "- ", "> ", "| a | "]), PLAIN).map("".join),
    st.sampled_from(["{{ council.name }}", "{{ council.contact.phone }}", "[Report]({{ link(524, 'report') }})",
                     "`{{ council.contact.address }}`"]),
), max_size=8).map("\n".join)


MOMENTS = st.one_of(
    st.sampled_from(["2026-05-02 09:00", "2099-07-04 11:00", "9999-12-31 23:59", "0001-01-01 00:00", "2026-03-29 01:30",
                     "2026-10-25 01:30", "2026-05-02", "9999-12-31", "0001-01-01", "2026-02-30"]),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M")), st.dates().map(str),
)
# Front matter a type accepts, with values drawn from the edges: so that examples reach the
# generators and the templates, not only validation.
PLAUSIBLE: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "page": st.fixed_dictionaries({}, optional={"summary": TEXT, "tags": st.lists(TEXT, max_size=3),
                                                "search": st.fixed_dictionaries({"exclude": st.booleans()})}),
    "event": st.fixed_dictionaries({"start": MOMENTS}, optional={"end": MOMENTS, "location": TEXT}),
    "alert": st.fixed_dictionaries({"level": st.sampled_from(["minor", "emergency", "announcement"])},
                                   optional={"starts": MOMENTS, "expires": MOMENTS}),
    "service-status": st.fixed_dictionaries({"status": st.sampled_from(["disrupted", "suspended", "normal"])},
                                            optional={"expires": MOMENTS, "services": st.just([524])}),
    "news": st.fixed_dictionaries({"date": MOMENTS}),
    "service": st.fixed_dictionaries({"category": st.just("rubbish-and-recycling"), "lgsl": st.just(524)},
                                     optional={"start": st.fixed_dictionaries({"interaction": st.just("report"),
                                                                               "label": TEXT})}),
    "contact": st.fixed_dictionaries({}, optional={"phone": TEXT, "email": TEXT, "address": TEXT}),
}
SHORT_TEXT = st.one_of(TEXT.filter(lambda t: 0 < len(t.strip()) and len(t) < 60), st.just("A page"))


@st.composite
def front_matter(draw: st.DrawFn, base: dict[str, Any] | None = None, plausible: bool = False) -> str:
    meta: dict[Any, Any] = dict(base or {})
    meta.update(title=draw(SHORT_TEXT), description=draw(SHORT_TEXT))
    if plausible or draw(st.booleans()):
        kind = draw(st.sampled_from(sorted(PLAUSIBLE)))
        meta["type"] = kind
        meta.update(draw(PLAUSIBLE[kind]))
    else:
        if draw(st.booleans()):
            meta["type"] = draw(TYPES)
        meta.update(draw(st.dictionaries(KEYS, VALUES, max_size=3)))
    text = yaml.safe_dump(meta, allow_unicode=draw(st.booleans()), sort_keys=False)
    if not plausible and draw(st.integers(0, 4)) == 0:
        text += draw(RAW_YAML) + "\n"
    return text


@st.composite
def section_override(draw: st.DrawFn) -> str:
    ids = st.sampled_from(["if-you-cannot-report-online", "what-happens-next", "parking", "", "intro", "x y"])
    meta: dict[str, Any] = {"override": draw(st.integers(0, 7).map(lambda n: "sections" if n < 6 else [None, "page"][n - 6]))}
    if draw(st.booleans()):
        meta["remove_sections"] = draw(st.one_of(st.lists(ids, max_size=2), ids, VALUES))
    if draw(st.booleans()):
        meta["after"] = draw(st.one_of(st.dictionaries(ids, ids, max_size=2), VALUES))
    headings = draw(st.lists(st.one_of(ids, TEXT), max_size=3))
    body = "\n".join(f"## {heading}\n{draw(BODIES)}" for heading in headings)
    return f"---\n{yaml.safe_dump(meta, sort_keys=False)}---\n{draw(BODIES)}\n{body}\n"


@st.composite
def council_yml(draw: st.DrawFn, chaos: bool = True) -> str:
    """council.yml with some values replaced: by anything at all, or (without chaos) by text that is
    likely to pass validation, so the values reach the pages and templates."""
    profile: dict[str, Any] = yaml.safe_load(yaml.safe_dump(BASE_PROFILE))
    if chaos:
        for key in draw(st.lists(st.sampled_from(["name", "tier", "country", "url", "contact", "brand", "county",
                                                  "links", "exclude", "provides", "extra"]), max_size=3)):
            profile[key] = draw(VALUES)
    if draw(st.booleans()):
        profile["name"] = draw(SHORT_TEXT)
    for key in draw(st.lists(st.sampled_from(["phone", "address"]), max_size=2)):
        profile["contact"] = dict(profile["contact"]) if isinstance(profile.get("contact"), dict) else {}
        profile["contact"][key] = draw(SHORT_TEXT)
    text = yaml.safe_dump(profile, allow_unicode=True, sort_keys=False)
    if chaos and draw(st.integers(0, 5)) == 0:
        text += draw(RAW_YAML) + "\n"
    return text


# --- running a build ------------------------------------------------------------------------------------------


@contextlib.contextmanager
def bounded(seconds: int) -> Iterator[None]:
    """Fail the example, rather than hang the suite, if the build takes far too long."""

    def stop(signum: int, frame: Any) -> None:
        raise AssertionError(f"the build took more than {seconds}s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def council(files: dict[str, str]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder) / "council", shared=[str(SHARED)])
        for relative, text in files.items():
            path = project.root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        yield project.root


def engine_build(root: Path) -> None:
    """What the plugin does before MkDocs renders, and what MkDocs reads back from each page.

    Every problem the engine collects must be one line naming its file, as the build prints it.
    """
    site = Project(root).assemble()
    lines = problem_lines(site)
    assert all(ONE_LINE.match(line) and "\n" not in line and "\r" not in line for line in lines), lines
    for page in site.pages.values():
        body, meta = get_data(join(page.meta, page.body))
        markdown.markdown(body)
    errors = site.problems.errors
    event(f"collected: {errors[0].message.split(chr(39))[0][:40]}" if errors else "built")


def assert_builds_or_one_line(root: Path) -> None:
    with bounded(SECONDS):
        try:
            engine_build(root)
        except LgsiteError as error:
            event(f"refused: {error.message.split(chr(39))[0][:40]}")
            line = f"error: {error}"
            assert "\n" not in line and "\r" not in line, line
            assert error.file, line
            assert ONE_LINE.match(line), line


def assert_cli_builds_or_one_line(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    with bounded(SECONDS):
        code = cli.main(["build", str(root)])
    err = capsys.readouterr().err
    event(f"exit {code}")
    if code == 0:
        return
    assert code == 1
    assert_problem_lines(err)


# --- the properties -------------------------------------------------------------------------------------------


@FAST
@given(meta=front_matter(), body=BODIES)
def test_a_council_page_builds_or_fails_with_one_line(meta: str, body: str) -> None:
    with council({"docs/a.md": f"---\n{meta}---\n{body}\n"}) as root:
        assert_builds_or_one_line(root)


@FAST
@given(meta=front_matter({"owner": "Team", "last_reviewed": "2026-11-20", "review_by": "2099-05-20"}), body=BODIES)
def test_a_shared_page_builds_or_fails_with_one_line(meta: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        shared = Path(folder) / "shared"
        (shared / "pages").mkdir(parents=True)
        (shared / "pages" / "a.md").write_text(f"---\n{meta}---\n{body}\n", encoding="utf-8")
        project = make_project(Path(folder) / "council", shared=[str(SHARED), str(shared)])
        assert_builds_or_one_line(project.root)


@FAST
@given(override=section_override())
def test_a_section_override_builds_or_fails_with_one_line(override: str) -> None:
    with council({f"docs/{OVERRIDDEN}": override}) as root:
        assert_builds_or_one_line(root)


@FAST
@given(profile=council_yml(), body=st.lists(VARIABLES, max_size=3).map("\n\n".join))
def test_council_yml_values_build_or_fail_with_one_line(profile: str, body: str) -> None:
    with council({"council.yml": profile, "docs/a.md": f"---\ntitle: A\ndescription: D.\n---\n{body}\n"}) as root:
        assert_builds_or_one_line(root)


@SLOW
@given(meta=front_matter(plausible=True), body=BUILDING_BODIES, profile=council_yml(chaos=False))
def test_the_whole_mkdocs_build_in_process(meta: str, body: str, profile: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with council({"council.yml": profile, "docs/a.md": f"---\n{meta}---\n{body}\n"}) as root:
        assert_cli_builds_or_one_line(root, capsys)


@settings(SLOW, max_examples=3)
@given(meta=front_matter(), body=BODIES, override=section_override())
def test_the_real_lgsite_build_command(meta: str, body: str, override: str) -> None:
    with council({"docs/a.md": f"---\n{meta}---\n{body}\n", f"docs/{OVERRIDDEN}": override}) as root:
        result = subprocess.run([str(LGSITE), "build", str(root)], capture_output=True, text=True, timeout=120)
    if result.returncode == 0:
        return
    assert result.returncode == 1, result.stderr
    assert_problem_lines(result.stderr)
