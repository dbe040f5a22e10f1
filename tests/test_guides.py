"""Guides in parts and step-by-step journeys, through real builds."""

from __future__ import annotations

import textwrap
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import BASE_PROFILE, Project, engine_fails_with_one, engine_passes, make_project, problem_lines
from html_reader import Element, parse

GUIDE = "council-tax-and-benefits/council-tax/"
PARTS = {  # part title -> URL path of its page
    "How bands work": GUIDE,
    "What you pay": GUIDE + "what-you-pay/",
    "If you cannot pay": GUIDE + "if-you-cannot-pay/",
    "Appeals": GUIDE + "appeals/",
}
STEPS = "planning-and-development/get-planning-permission/"
SHARED_META = "owner: Test team\nlast_reviewed: 2026-11-20\nreview_by: 2099-05-20\n"


# ------------------------------------------------------------------ reading built pages


def article(project: Project, url_path: str) -> Element:
    return parse(project.page(url_path)).one("article")


def target(url_path: str, href: str) -> str:
    """A link on the page at `url_path`, as a path from the site root (without the fragment)."""
    return urlsplit(urljoin("https://site.example/" + url_path, href)).path.lstrip("/")


def exists(site: Path, path: str) -> bool:
    return (site / path / "index.html").is_file() if path.endswith("/") or not path else (site / path).is_file()


# ------------------------------------------------------------------ the project


def shared_page(front: str, body: str = "") -> str:
    return f"---\n{textwrap.dedent(front).strip()}\n{SHARED_META}---\n{textwrap.dedent(body).strip()}\n"


def write_shared(root: Path) -> None:
    pages = {
        "index.md": shared_page("title: Home\ndescription: Council services.\ntype: home"),
        "council-tax-and-benefits/council-tax.md": shared_page(
            """
            title: Council tax
            description: How council tax works.
            type: guide
            category: council-tax
            lgsl: 57
            related:
              - text: Pay your council tax
                page: pay.md
            """,
            """
            Council tax pays for local services.

            <!-- part -->
            ## How bands work

            Your band depends on your home's value. [Pay now](pay.md).

            <!-- part -->
            ## What you pay

            You pay in 10 instalments. If you struggle, see [if you cannot pay](#if-you-cannot-pay).

            ## Paying in 12 instalments

            Ask us to spread the bill over 12 months.

            ```
            ## Not a part: this is code
            [not a link](pay.md)
            ```

            <!-- part -->
            ## If you cannot pay

            Call us.

            <!-- part -->
            ## Appeals

            Write to us first. Read about [what you pay](council-tax.md#what-you-pay) and [paying][paying].
            You can also [pay in 12 instalments](#paying-in-12-instalments).
            See [GOV.UK](https://www.gov.uk/council-tax-appeals).

            [paying]: pay.md
            """,
        ),
        "council-tax-and-benefits/pay.md": shared_page(
            "title: Pay your council tax\ndescription: Pay online.\ncategory: council-tax",
            "Pay online.",
        ),
        "planning-and-development/get-planning-permission.md": shared_page(
            """
            title: Get planning permission
            description: The steps to get planning permission.
            type: step-by-step
            category: planning-applications
            steps:
              - title: Check if you need it
                text: Many projects do not.
                tasks:
                  - text: Check if you need planning permission
                    page: check.md
                  - text: Read the rules
                    page: ../council-tax-and-benefits/pay.md
              - title: Apply
                tasks:
                  - text: Apply for permission
                    page: apply.md
                  - text: Search the land charges register
                    page: land-charges.md
                  - text: Use the Planning Portal
                    url: https://www.planningportal.co.uk/
              - title: Ask about land charges
                text: Only some councils do this.
                tasks:
                  - text: Search the land charges register
                    page: land-charges.md
            """,
            "Follow these steps.",
        ),
        "planning-and-development/check.md": shared_page(
            "title: Check if you need planning permission\ndescription: Check first.\ncategory: planning-applications",
            "Check.",
        ),
        "planning-and-development/apply.md": shared_page(
            "title: Apply for planning permission\ndescription: Apply.\ncategory: planning-applications", "Apply.",
        ),
        "planning-and-development/land-charges.md": shared_page(
            "title: Search the land charges register\ndescription: Search.\ncategory: planning-applications",
            "Search.",
        ),
        "planning-and-development/appeals.md": shared_page(
            "title: Planning appeals\ndescription: Appeal.\ncategory: planning-applications", "Appeal.",
        ),
    }
    for path, text in pages.items():
        file = root / "pages" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")


def guides_project(root: Path) -> Project:
    shared = root / "shared"
    write_shared(shared)
    profile = {**BASE_PROFILE, "exclude": ["planning-and-development/land-charges.md"]}
    project = make_project(root / "council", shared=[str(shared)], profile=profile)
    project.write("docs/council-tax-and-benefits/council-tax.md", """
        ---
        override: sections
        ---
        ## If you cannot pay

        Call Testbury on {{ council.contact.phone }} before you miss a payment.
        """)
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = guides_project(tmp_path_factory.mktemp("guides"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


# ------------------------------------------------------------------ guides


def test_a_guide_gets_a_page_per_part_and_a_printable_version(built: Project) -> None:
    for title, url_path in PARTS.items():
        page = article(built, url_path)
        assert page.find("h1").text == "Council tax", url_path
        assert title in [h2.text for h2 in page.find_all("h2")], url_path
    assert "<title>Council tax: What you pay - Testbury District Council</title>" in built.page(GUIDE + "what-you-pay/")
    assert (built.site / GUIDE / "print/index.html").is_file()
    first = article(built, GUIDE).text
    assert "Council tax pays for local services." in first and "Your band depends" in first
    assert "You pay in 10 instalments" not in first
    code = article(built, GUIDE + "what-you-pay/").find("code").text
    assert "## Not a part" in code and "[not a link](pay.md)" in code


def test_contents_marks_the_current_part_and_links_the_others(built: Project) -> None:
    for title, url_path in PARTS.items():
        nav = article(built, url_path).find("nav", aria_label="Contents")
        assert nav is not None, url_path
        items = nav.find_all("li")
        assert [item.text for item in items] == list(PARTS), url_path
        [current] = [item for item in items if "aria-current" in item.attrs]
        assert current.attrs["aria-current"] == "page" and current.text == title
        assert current.find("a") is None
        for item in items:
            if item is not current:
                assert target(url_path, item.find("a").attrs["href"]) == PARTS[item.text], url_path


def test_previous_and_next_links_stop_at_the_ends(built: Project) -> None:
    urls = list(PARTS.values())
    for index, url_path in enumerate(urls):
        nav = article(built, url_path).find("nav", aria_label="Pagination")
        links = {a.attrs["rel"]: target(url_path, a.attrs["href"]) for a in nav.find_all("a")}
        expected = {}
        if index > 0:
            expected["prev"] = urls[index - 1]
        if index < len(urls) - 1:
            expected["next"] = urls[index + 1]
        assert links == expected, url_path
        [printable] = [a for a in article(built, url_path).find_all("a") if "printable version" in a.text]
        assert target(url_path, printable.attrs["href"]) == GUIDE + "print/"


def test_the_printable_version_has_every_part_and_is_kept_out_of_search_engines(built: Project) -> None:
    html = built.page(GUIDE + "print/")
    page = article(built, GUIDE + "print/")
    headings = [h2.text for h2 in page.find_all("h2") if h2.attrs.get("id", "lg-").split("-")[0] != "lg"]
    assert headings == ["How bands work", "What you pay", "Paying in 12 instalments", "If you cannot pay", "Appeals"]
    for link in page.find("nav", aria_label="Contents").find_all("a"):
        assert page.find(id=link.attrs["href"].lstrip("#")) is not None
    assert "Council tax pays for local services." in page.text and "Write to us first." in page.text
    assert parse(html).find("meta", name="robots").attrs["content"] == "noindex"


def test_links_in_parts_still_reach_their_pages(built: Project) -> None:
    for url_path in [*PARTS.values(), GUIDE + "print/"]:
        for link in article(built, url_path).find_all("a"):
            href = link.attrs["href"]
            if href.startswith(("http", "#")):
                continue
            assert exists(built.site, target(url_path, href)), (url_path, href)
    appeals = article(built, PARTS["Appeals"])
    [back] = [a for a in appeals.find_all("a") if a.text == "what you pay"]
    assert target(PARTS["Appeals"], back.attrs["href"]) == PARTS["What you pay"]
    [paying] = [a for a in appeals.find_all("a") if a.text == "paying"]
    assert target(PARTS["Appeals"], paying.attrs["href"]) == "council-tax-and-benefits/pay/"
    [onward] = [a for a in article(built, PARTS["What you pay"]).find_all("a") if a.text == "if you cannot pay"]
    assert target(PARTS["What you pay"], onward.attrs["href"]) == PARTS["If you cannot pay"]
    [on_print] = [a for a in article(built, GUIDE + "print/").find_all("a") if a.text == "if you cannot pay"]
    assert on_print.attrs["href"] == "#if-you-cannot-pay"


def test_a_subheading_stays_in_its_part(built: Project) -> None:
    assert not (built.site / GUIDE / "paying-in-12-instalments").exists()
    what_you_pay = article(built, PARTS["What you pay"])
    assert "Paying in 12 instalments" in [h2.text for h2 in what_you_pay.find_all("h2")]
    assert "Ask us to spread the bill" in what_you_pay.text
    assert "Paying in 12 instalments" not in article(built, GUIDE).find("nav", aria_label="Contents").text
    [link] = [a for a in article(built, PARTS["Appeals"]).find_all("a") if a.text == "pay in 12 instalments"]
    assert target(PARTS["Appeals"], link.attrs["href"]) == PARTS["What you pay"]
    assert link.attrs["href"].endswith("#paying-in-12-instalments")
    assert "<!-- part -->" not in built.page(PARTS["What you pay"])


def test_a_section_override_changes_its_own_part(built: Project) -> None:
    cannot_pay = article(built, PARTS["If you cannot pay"]).text
    assert "Call Testbury on 01632 960 111 before you miss a payment." in cannot_pay
    assert "Call us." not in cannot_pay
    assert "Call Testbury" not in article(built, PARTS["What you pay"]).text
    assert "Call Testbury" in article(built, GUIDE + "print/").text


def test_parts_share_the_guides_breadcrumbs_and_related_links(built: Project) -> None:
    for url_path in PARTS.values():
        crumbs = parse(built.page(url_path)).find("nav", aria_label="Breadcrumb")
        assert [a.text for a in crumbs.find_all("a")] == ["Home", "Council tax and benefits"], url_path
        related = article(built, url_path).find("nav", class_="lg-related")
        assert related is not None and "Pay your council tax" in related.text, url_path


def test_a_guide_is_listed_once_not_part_by_part(built: Project) -> None:
    for url_path in ("council-tax-and-benefits/", "a-to-z/", "sitemap/"):
        hrefs = [target(url_path, a.attrs["href"]) for a in article(built, url_path).find_all("a")]
        assert hrefs.count(GUIDE) == 1, url_path
        assert not [href for href in hrefs if href.startswith(GUIDE) and href != GUIDE], url_path


def guide_page(body: str) -> str:
    front = "title: Parking\ndescription: Parking in town.\ntype: guide\ncategory: parking"
    return f"---\n{front}\n---\n{textwrap.dedent(body).strip()}\n"


def test_a_guide_without_part_marks_is_one_page_whatever_its_headings(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council")
    project.write("docs/parking/parking.md", guide_page("""
        Where to park.

        ## Car parks

        Text.

        ## Permits

        Text.
        """))
    site = engine_passes(project, strict=True)
    assert not [path for path in site.pages if path.startswith("parking/parking/")]
    assert "## Permits" in site.pages["parking/parking.md"].body


def test_a_council_can_add_a_part_to_a_shared_guide(tmp_path: Path) -> None:
    project = guides_project(tmp_path)
    project.write("docs/council-tax-and-benefits/council-tax.md", """
        ---
        override: sections
        after: {paying-at-the-post-office: paying-in-12-instalments}
        ---
        <!-- part -->
        ## Paying at the post office

        Take your bill to any post office.
        """)
    site = engine_passes(project)
    part = site.pages["council-tax-and-benefits/council-tax/paying-at-the-post-office.md"]
    assert "Take your bill to any post office." in part.body and "<!-- part -->" not in part.body
    parts = [item["title"] for item in site.page_context("council-tax-and-benefits/council-tax.md")["guide"]["parts"]]
    assert parts == ["How bands work", "What you pay", "Paying at the post office", "If you cannot pay", "Appeals"]
    # placed after the last section of "What you pay", so its subheading stays with it
    assert "Paying in 12 instalments" in site.pages["council-tax-and-benefits/council-tax/what-you-pay.md"].body


def test_part_marks_that_make_a_guide_hard_to_follow_are_warnings_with_their_lines(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council")
    parts = "\n\n".join(f"<!-- part -->\n## Zone {number}\n\nText." for number in range(1, 12))
    project.write("docs/parking/parking.md", guide_page("""
        Where to park.

        <!-- part -->
        ## **

        Text.

        <!-- part -->

        Not a heading.
        """) + parts + "\n")
    site = engine_passes(project)
    assert problem_lines(site) == [
        "warning: docs/parking/parking.md:10: the heading of part 1 of this guide has no words. "
        "Give the ## heading after <!-- part --> the words the contents list shows.",
        "warning: docs/parking/parking.md:14: '<!-- part -->' is not followed by a ## heading, so it starts no part. "
        "Put it on the line before the ## heading that starts the part, or remove it.",
        "warning: docs/parking/parking.md:63: the guide has 12 parts; more than 10 are hard to find your way through. "
        "Join parts that belong together (remove their <!-- part --> line), or make two guides.",
    ]
    assert site.page_context("parking/parking.md")["guide"]["parts"][0]["title"] == "Part 1"
    assert "parking/parking/zone-11.md" in site.pages


# ------------------------------------------------------------------ step-by-step


def test_steps_are_numbered_with_their_tasks(built: Project) -> None:
    page = article(built, STEPS)
    steps = page.find("ol", class_="lg-steps").find_all("li", class_="lg-step")
    assert [step.find("h2").text for step in steps] == [
        "Step 1: Check if you need it", "Step 2: Apply", "Step 3: Ask about land charges",
    ]
    tasks = [[(a.text, a.attrs["href"]) for a in step.find_all("a")] for step in steps]
    assert [(text, target(STEPS, href)) for text, href in tasks[0]] == [
        ("Check if you need planning permission", "planning-and-development/check/"),
        ("Read the rules", "council-tax-and-benefits/pay/"),
    ]
    assert tasks[1] == [
        ("Apply for permission", "../apply/"), ("Use the Planning Portal", "https://www.planningportal.co.uk/"),
    ]
    assert "Many projects do not." in steps[0].text


def test_a_task_for_a_page_the_council_excluded_is_left_out(built: Project) -> None:
    assert not (built.site / "planning-and-development/land-charges").exists()
    text = article(built, STEPS).text
    assert "land charges register" not in text
    assert "Only some councils do this." in text  # the step itself stays, without its task


def test_part_of_links_appear_on_task_pages_only(built: Project) -> None:
    expected = {"planning-and-development/check/", "planning-and-development/apply/", "council-tax-and-benefits/pay/"}
    found = set()
    for file in built.site.rglob("index.html"):
        url_path = file.parent.relative_to(built.site).as_posix() + "/"
        part_of = article(built, url_path if url_path != "./" else "").find_all("p", class_="lg-part-of")
        if part_of:
            found.add(url_path)
            [link] = part_of[0].find_all("a")
            assert link.text == "Get planning permission" and target(url_path, link.attrs["href"]) == STEPS
    assert found == expected


# ------------------------------------------------------------------ mistakes


def test_a_part_heading_that_takes_a_reserved_address_is_a_one_line_error(tmp_path: Path) -> None:
    project = guides_project(tmp_path)
    project.write("docs/council-tax-and-benefits/council-tax.md", """
        ---
        override: sections
        ---
        <!-- part -->
        ## Print
        Printing.
        """)
    line = engine_fails_with_one(project)
    assert line.startswith("error: docs/council-tax-and-benefits/council-tax.md")
    assert "the guide part 'Print' cannot have the address" in line


def test_a_task_linking_to_no_page_is_a_one_line_error(tmp_path: Path) -> None:
    project = guides_project(tmp_path)
    project.write("docs/planning-and-development/get-planning-permission.md", """
        ---
        title: Get planning permission
        description: The steps.
        type: step-by-step
        category: planning-applications
        steps:
          - title: Check
            tasks:
              - text: Check
                page: chek.md
        ---
        Steps.
        """)
    line = engine_fails_with_one(project)
    assert line.startswith("error: docs/planning-and-development/get-planning-permission.md:10: step 1 has a task "
                           "linking to 'chek.md', which no source has"), line


# ------------------------------------------------------------------ the example council


def test_the_example_councils_guide_and_step_by_step(example_site: Path) -> None:
    guide = parse((example_site / "council-tax-and-benefits/council-tax/index.html").read_text(encoding="utf-8"))
    contents = guide.find("nav", aria_label="Contents")
    assert len(contents.find_all("li")) >= 3
    assert (example_site / "council-tax-and-benefits/council-tax/print/index.html").is_file()
    steps = parse((example_site / "planning-and-development/get-planning-permission/index.html").read_text("utf-8"))
    assert len(steps.find("ol", class_="lg-steps").find_all("li", class_="lg-step")) >= 3
    task_page = (example_site / "planning-and-development/apply-for-planning-permission/index.html").read_text("utf-8")
    assert parse(task_page).find("p", class_="lg-part-of") is not None
