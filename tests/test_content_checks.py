"""What converted content gets wrong is found in one build, as warnings on the lines authors edit:
links to pages the site does not have, muddled headings, images without alt text, and anything
loaded from another website, which is also left out of the published page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from conftest import (BASE_PROFILE, FIXTURES, REPO, Project, engine_fails, make_project, passes, problems_of,
                      shared_source)
from browser import gates
from html_reader import parse

from lgsite.content_checks import Published, internal_target
from lgsite.layers import Page, Provenance
from lgsite.sanitise import ContentPolicy, left_out_problems

META = "category: rubbish-and-recycling\nowner: Test team\nlast_reviewed: 2026-11-20\nreview_by: 2099-05-20\n"
VIDEO = "https://www.youtube-nocookie.com"
FIX = "which embeds: in council.yml does not list; it is left out. " \
      "Add the origin to embeds: in council.yml if the council trusts it."
NO_PAGE = "Link to a page the site has, or remove the link."
NO_ALT = "Describe the image between the brackets, as in ![A blue recycling bin](bin.png)."
NO_IMAGE = "Put the image in docs/ beside the page and give its name, or remove it."

# A page as a standard converter writes an old site's HTML: paragraphs left as HTML, the old
# system's /node/ addresses, headings picked by size, an empty heading, images with no alt
# text, and the video and script the old page carried.
CONVERTED = """\
---
title: Housing advice
description: Help with housing.
---
<p>Welcome to the housing pages.</p>
<p>Read about <a href="/node/123">homelessness</a> and <a href="/environment-and-waste/recycling/">recycling</a>.</p>

Housing options
---------------

See [missed bins](../environment-and-waste/report-a-missed-bin.md) and [recycling](/environment-and-waste/recyling/).

Find out [what goes in](../environment-and-waste/recycling.md#what-goes-in) and [the old page](https://www.testbury.example/node/4).

## Apply

#### Who can apply

##

![](house.png)

<img src="flat.png">

<img src="divider.png" alt="">

<iframe src="https://www.youtube.com/embed/x" width="560"></iframe>

<script src="https://cdn.example.net/widget.js"></script>

<p><img src="https://images.example.org/old-logo.png" alt="Old logo"></p>

```
[an example, not a link](/node/999) and ![](example.png)
```

Read the [guide][guide], then the [next steps](next-steps/) and `[code](/node/5)`.

[guide]: ../housing-guide.md
[^1]: A footnote is not a link.
"""

# A shared page whose template prints the title as the page's heading, and whose text starts with it again.
SHARED_SERVICE = f"""\
---
title: Clear a blocked drain
description: How to get a blocked drain cleared.
type: service
{META}---
# Clear a blocked drain

<h3>Who to contact</h3>

Call us.
"""


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[str], Path]:
    """A council with converted content, built once without --strict: its project, warnings and shared folder."""
    root = tmp_path_factory.mktemp("messy")
    shared = shared_source(root / "shared", {"environment-and-waste/clear-a-blocked-drain.md": SHARED_SERVICE})
    project = make_project(root / "council", shared=[str(FIXTURES / "shared-basic"), str(shared)],
                           profile={**BASE_PROFILE, "embeds": [VIDEO]})
    project.write("docs/housing/housing-advice.md", CONVERTED)
    project.write("docs/housing/our-video.md", """
        ---
        title: Our video
        description: A video about housing.
        ---
        <iframe src="https://www.youtube-nocookie.com/embed/abc" title="Finding a home"></iframe>
        """)
    project.write("docs/environment-and-waste/recycling.md", """
        ---
        override: sections
        ---
        ## Where to take it

        Take it to the [tip](/tip/).
        """)
    result = project.build()
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    return project, warnings, shared


def test_every_problem_is_one_warning_on_the_line_the_author_edits(messy: tuple[Project, list[str], Path]) -> None:
    _, warnings, shared = messy
    page = "warning: docs/housing/housing-advice.md"
    drain = f"warning: {shared / 'pages' / 'environment-and-waste' / 'clear-a-blocked-drain.md'}"
    # Grouped by file: the shared page (named by its path) first, then the council's own.
    assert warnings == [
        f"{drain}:10: has a second top-level heading 'Clear a blocked drain' (the page title is the first). "
        "Make it ## Clear a blocked drain: a page has one top-level heading, its title.",
        f"{drain}:12: has a level 3 heading 'Who to contact' after a level 1 heading. Make it <h2>: "
        "heading levels go down one at a time, so that people using screen readers can follow the page.",
        "warning: docs/environment-and-waste/recycling.md: links to '/tip/' in the section 'where-to-take-it', "
        f"a page this site does not have. {NO_PAGE}",
        f"{page}:6: links to '/node/123', a page this site does not have. {NO_PAGE}",
        f"{page}:11: links to '/environment-and-waste/recyling/', a page this site does not have. "
        "Did you mean '/environment-and-waste/recycling/'? Change the link, or remove it.",
        f"{page}:13: links to 'https://www.testbury.example/node/4' (/node/4), a page this site does not have. "
        f"{NO_PAGE}",
        f"{page}:17: has a level 4 heading 'Who can apply' after a level 2 heading. Make it ### Who can apply: "
        "heading levels go down one at a time, so that people using screen readers can follow the page.",
        f"{page}:19: has an empty heading (##). Give the heading words, or remove the #s.",
        f"{page}:21: has an image with no alt text (![](...)). {NO_ALT}",
        f"{page}:21: shows the image 'house.png', a file this site does not have. {NO_IMAGE}",
        f"{page}:23: has an image with no alt text (<img>). "
        'Add alt="..." describing the image, or alt="" if it is only decoration.',
        f"{page}:23: shows the image 'flat.png', a file this site does not have. {NO_IMAGE}",
        f"{page}:25: shows the image 'divider.png', a file this site does not have. {NO_IMAGE}",
        f"{page}:27: embeds https://www.youtube.com, {FIX}",
        f"{page}:29: loads https://cdn.example.net (<script>), {FIX}",
        f"{page}:31: loads https://images.example.org (<img>), {FIX}",
        f"{page}:37: links to 'next-steps/' (/housing/housing-advice/next-steps/), a page this site does not have. "
        f"{NO_PAGE}",
        f"{page}:39: links to '../housing-guide.md' (housing-guide.md), a page this site does not have. {NO_PAGE}",
    ]


def test_strict_fails_on_the_same_warnings(messy: tuple[Project, list[str], Path]) -> None:
    project, warnings, _ = messy
    *problems, last = problems_of(project.build("--strict"))
    assert problems == warnings
    assert last.startswith(f"error: --strict: {len(warnings)} warnings (listed above) made the build fail")


def test_the_published_page_loads_nothing_from_another_website(messy: tuple[Project, list[str], Path]) -> None:
    project, _, _ = messy
    html = project.page("housing/housing-advice")
    for element in parse(html).elements():
        for name in ("src", "href", "srcset", "data", "poster"):
            value = element.attrs.get(name, "")
            if element.tag != "a" and "//" in value:
                assert value.startswith("https://www.testbury.example/"), (element.tag, value)
    for gone in ("youtube.com", "cdn.example.net", "images.example.org"):
        assert gone not in html
    # The browser gates' own check (test_no_third_party_requests) agrees, on every page of the site.
    third = [p for p in gates.check_links(project.site, site_url="https://www.testbury.example/", check_css=False)
             if p.kind == "third-party"]
    assert [(p.file, p.href) for p in third] == [("housing/our-video/index.html", f"{VIDEO}/embed/abc")]
    article = parse(html).one("article")
    assert [img.attrs.get("alt") for img in article.find_all("img")] == ["", None, ""]  # kept: only warned about
    assert "Welcome to the housing pages." in article.text


def test_an_embed_the_council_allows_is_kept_and_listed_in_the_report(messy: tuple[Project, list[str], Path]) -> None:
    project, _, _ = messy
    [frame] = parse(project.page("housing/our-video")).one("article").find_all("iframe")
    assert frame.attrs["src"] == f"{VIDEO}/embed/abc"
    report = json.loads((project.site / "lgsite-report.json").read_text(encoding="utf-8"))
    assert report["embeds"] == {"housing/our-video.md": [VIDEO]}


def test_mkdocs_does_not_report_a_broken_link_a_second_time(messy: tuple[Project, list[str], Path]) -> None:
    project, _, _ = messy
    result = project.build()
    assert "housing-guide.md" in result.stderr
    assert [line for line in result.stderr.splitlines() if "housing-guide.md" in line and "WARNING" in line] == []


def test_the_example_council_has_no_warnings(tmp_path: Path) -> None:
    # As of a day before its pages' review dates: a page past its date is rightly a warning.
    result = Project(REPO / "example-council").build("--strict", "--site-dir", str(tmp_path / "site"),
                                                      env={"SOURCE_DATE_EPOCH": "1796299200"})  # 3 December 2026
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower()


# ------------------------------------------------------------------ links a page to an excluded page


def test_a_link_to_a_page_the_council_excludes_is_a_warning_only_on_its_own_pages(tmp_path: Path) -> None:
    shared = shared_source(tmp_path / "shared", {
        "environment-and-waste/bins.md": f"---\ntitle: Bins\ndescription: Bins.\n{META}---\n"
                                         "See [recycling](recycling.md).\n",
    })
    project = make_project(tmp_path / "council", shared=[str(FIXTURES / "shared-basic"), str(shared)],
                           profile={**BASE_PROFILE, "exclude": ["environment-and-waste/recycling.md"]})
    project.write("docs/environment-and-waste/ours.md", """
        ---
        title: Ours
        description: Ours.
        ---
        See [recycling](recycling.md) or [its new address](/environment-and-waste/recycling/).
        """)
    result = passes(project)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    # The shared page's link becomes plain text; the council's own is the council's to fix.
    assert warnings == [
        "warning: docs/environment-and-waste/ours.md:5: links to '/environment-and-waste/recycling/', "
        f"a page this site leaves out. {NO_PAGE}",
        "warning: docs/environment-and-waste/ours.md:5: links to 'recycling.md' (environment-and-waste/recycling.md), "
        f"a page this site leaves out. {NO_PAGE}",
    ]


def test_a_plain_page_may_start_with_its_own_heading_and_link_to_anything_the_site_publishes(
        tmp_path: Path) -> None:
    project = make_project(tmp_path / "council")
    project.write("docs/housing/rent-card.pdf", "%PDF-1.4\n")
    Image.new("RGB", (40, 20), "white").save(project.root / "docs/housing/card.png")
    project.write("docs/housing/rent.md", """
        ---
        title: Rent
        description: Paying rent.
        ---
        # Paying your rent

        ## By direct debit

        ### Changing the date

        Call us. ![A rent card](card.png) Print the [rent card](rent-card.pdf), see the [A to Z](/a-to-z/),
        the [home page](https://www.testbury.example/), [bins](../environment-and-waste/report-a-missed-bin.md#what-happens-next)
        or <a href="/sitemap/">every page</a>, or [how to pay](#by-direct-debit).
        """)
    result = passes(project, "--strict")
    assert "warning" not in result.stderr
    assert [h.text for h in parse(project.page("housing/rent")).find_all("h1")] == ["Paying your rent"]


# ------------------------------------------------------------------ the engine on its own


def test_a_councils_own_html_is_kept_as_written_around_what_is_left_out() -> None:
    page = Page("housing/a.md", {}, "x", 1, Provenance("local", file="docs/housing/a.md"))
    html = ('<div onclick="track()">a\r\u2028b <IMG SRC="https://x.example/a.png" alt=x> c</div>\n'
            '<video poster="https://www.testbury.example/p.png"><source src="https://media.example/v.mp4">'
            '<source src="v.webm"></video>\n<iframe src="//player.example/1">Fallback <b>text</b></iframe>'
            '<script>inline()</script><img srcset="a.png 1x, https://cdn.example/b.png 2x" alt="">')
    cleaned = ContentPolicy([], "https://www.testbury.example/").apply(html, page)
    assert cleaned.html == ('<div onclick="track()">a\r\u2028b  c</div>\n'
                            '<video poster="https://www.testbury.example/p.png"><source src="v.webm"></video>\n'
                            '<script>inline()</script>')
    assert [(load.tag, load.origin) for load in cleaned.left_out] == [
        ("img", "https://x.example"), ("source", "https://media.example"), ("iframe", "https://player.example"),
        ("img", "https://cdn.example"),
    ]
    assert cleaned.embedded == []


def test_headings_are_read_as_python_markdown_reads_them(project: Project) -> None:
    project.write("docs/housing/fees.md", """
        ---
        title: Fees
        description: Fees.
        ---
        Intro.

        Charges
        =======

        ##Fees

        <p>Old text</p>
        ---

        #####Small print ##
        """)
    # The underlined heading is the page's first, so it is its title; under HTML, dashes are a rule.
    assert engine_fails(project, strict=True) == [
        "warning: docs/housing/fees.md:15: has a level 5 heading 'Small print' after a level 2 heading. "
        "Make it ### Small print: heading levels go down one at a time, so that people using screen readers "
        "can follow the page.",
    ]


def test_a_page_loading_from_many_websites_gets_a_warning_each_for_the_first_twenty_and_one_for_the_rest() -> None:
    body = "\n".join(f'<img src="https://cdn{n % 7}.example/{n}.png" alt="Photo {n}">' for n in range(26))
    page = Page("housing/photos.md", {}, body, 5, Provenance("local", file="docs/housing/photos.md"))
    cleaned = ContentPolicy([], "https://www.testbury.example/").apply(body, page)
    assert "<img" not in cleaned.html
    problems = [str(problem) for problem in left_out_problems(page, cleaned.left_out)]
    assert len(problems) == 21
    assert problems[0] == f"docs/housing/photos.md:5: loads https://cdn0.example (<img>), {FIX}"
    assert problems[19].startswith("docs/housing/photos.md:24: loads https://cdn5.example (<img>)")
    assert problems[20] == (
        "docs/housing/photos.md: loads 6 more things from other websites (https://cdn0.example, https://cdn1.example, "
        "https://cdn2.example, https://cdn3.example, https://cdn4.example and others), which embeds: in council.yml "
        "does not list; they are left out. Add the origins to embeds: in council.yml if the council trusts them.")


PUBLISHED = Published.of(
    ["index.md", "housing/rent.md", "housing/index.md", "news/feed.xml", "housing/form.pdf"],
    "https://www.testbury.example/",
)


@pytest.mark.parametrize(("href", "expected"), [
    ("rent.md", ("file", "housing/rent.md")),
    ("../housing/rent.md#pay", ("file", "housing/rent.md")),
    ("form.pdf", ("file", "housing/form.pdf")),
    ("rent/", ("url", "housing/advice/rent/")),  # the browser resolves it from the page's address
    ("../", ("url", "housing/")),
    ("/node/4", ("url", "node/4")),
    ("/council-tax/", ("url", "council-tax/")),
    ("https://www.testbury.example/housing/rent/", ("url", "housing/rent/")),
    ("//www.testbury.example/", ("url", "")),
    ("https://www.gov.uk/housing", None),
    ("mailto:help@testbury.example", None),
    ("tel:01632960111", None),
    ("#pay", None),
    ("?page=2", None),
])
def test_which_links_are_internal_and_where_they_go(href: str, expected: tuple[str, str] | None) -> None:
    assert internal_target("housing/advice.md", href, PUBLISHED) == expected


@pytest.mark.parametrize(("url", "published"), [
    ("housing/rent/", True), ("housing/rent", True), ("housing/", True), ("", True),
    ("news/feed.xml", True), ("housing/index.html", True), ("node/4", False), ("housing/rents/", False),
])
def test_what_the_site_publishes(url: str, published: bool) -> None:
    assert PUBLISHED.has_url(url) is published


def test_a_site_under_a_path_resolves_links_from_there() -> None:
    under = Published.of(["housing/rent.md"], "https://www.testbury.example/council/")
    assert internal_target("index.md", "/council/housing/rent/", under) == ("url", "housing/rent/")
    assert under.has_url("housing/rent/")
