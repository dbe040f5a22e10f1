"""Untrusted text stays text: attack strings in front matter and council.yml, through real builds.

Each payload goes into every rendered text field of one small site at once (one
build per payload); the built pages are parsed and compared with a clean build of
the same site, so an element or attribute the payload made would show. A payload
in a URL field must stop the build with one line naming the field.

Markdown bodies (and council variables inside them) are not covered here: the
pages below keep their bodies plain, so only template output and JSON-LD are tested.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_PROFILE, Project, engine_fails, fails, make_project
from html_reader import Element, parse

from lgsite.safe_urls import DEAD_LINK, safe_url, url_problem

PAYLOADS = {
    "script": "</script><script>alert(1)</script>",
    "img": '"><img src=x onerror=alert(1)>',
    "attribute": '" onmouseover="alert(1)',
    "javascript": "javascript:alert(1)",
    "crlf": "line one\r\nline two",
}
ORDINARY_TITLE = "Under <16s"
ORDINARY_DESCRIPTION = 'About the "Fix my street" service.'
SERVICE = "environment-and-waste/report-it/index.html"
EVENT = "events/fair/index.html"
ORDINARY = "about/under-16s/index.html"
NEWS = "news/story/index.html"
STEPS = "environment-and-waste/steps/index.html"


# --- the site ---------------------------------------------------------------------------------------------------


def front_matter(**fields: Any) -> str:
    """Front matter with every value written as JSON, which YAML reads as a double-quoted string."""
    return "---\n" + "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields.items()) + "---\nText.\n"


def texts(payload: str) -> dict[str, str]:
    """What each rendered field says: the payload with a word in front, so each is told apart."""
    words = ("name", "title", "description", "start", "related", "location", "alert", "alert_text",
             "address", "hours", "county", "news", "step", "step_text", "task")
    return {word: f"{word.title()} {payload}" for word in words}


def write_site(root: Path, payload: str) -> Project:
    """A council whose rendered text fields all carry `payload` (plain words for a clean build)."""
    shared = root / "shared" / "pages"
    shared.mkdir(parents=True)
    (shared / "index.md").write_text(front_matter(
        title="Home", description="Council services.", type="home", owner="Web team",
        last_reviewed="2026-11-20", review_by="2099-05-20",
    ), encoding="utf-8")
    text = texts(payload)
    profile = copy.deepcopy(BASE_PROFILE)
    profile["name"] = text["name"]
    profile["contact"]["address"] = text["address"]
    profile["county"]["name"] = text["county"]
    project = make_project(root / "council", shared=[str(root / "shared")], profile=profile)
    project.write("docs/environment-and-waste/report-it.md", front_matter(
        title=text["title"], description=text["description"], type="service",
        category="rubbish-and-recycling", lgsl=524,
        start={"interaction": "report", "label": text["start"]},
        related=[{"text": text["related"], "url": "https://www.gov.uk/"}],
        contacts=["../contact-us.md"],
    ))
    project.write("docs/contact-us.md", front_matter(
        title="Contact us", description="How to contact us.", type="contact",
        address=text["address"], hours=text["hours"],
    ))
    project.write("docs/events/fair.md", front_matter(
        title=text["title"], description=text["description"], type="event",
        start="2099-07-04 11:00", location=text["location"],
    ))
    project.write("docs/alerts/notice.md", front_matter(
        title=text["alert"], description=text["alert_text"], type="alert",
        level="announcement", starts="2020-01-01",
    ))
    project.write("docs/news/story.md", front_matter(
        title=text["news"], description=text["description"], type="news", date="2026-01-05",
    ))
    project.write("docs/environment-and-waste/steps.md", front_matter(
        title="Get rid of rubbish", description="Step by step.", type="step-by-step", category="rubbish-and-recycling",
        steps=[{"title": text["step"], "text": text["step_text"],
                "tasks": [{"text": text["task"], "url": "https://www.gov.uk/"}]}],
    ))
    project.write("docs/about/under-16s.md", front_matter(title=ORDINARY_TITLE, description=ORDINARY_DESCRIPTION))
    return project


# --- reading built pages ----------------------------------------------------------------------------------------


def pages(site: Path) -> dict[str, Element]:
    return {str(path.relative_to(site)): parse(path.read_text(encoding="utf-8")) for path in sorted(site.rglob("*.html"))}


def strings(value: Any) -> list[str]:
    """Every string anywhere in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def plain(text: str) -> str:
    """Text with its whitespace runs as single spaces: the minifier may fold a line break in text."""
    return " ".join(text.split())


# --- the builds -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Element]:
    project = write_site(tmp_path_factory.mktemp("clean"), "plain words")
    result = project.build()
    assert result.returncode == 0, result.stderr
    return pages(project.site)


@pytest.fixture(scope="module", params=sorted(PAYLOADS))
def attacked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Element]]:
    payload = PAYLOADS[request.param]
    project = write_site(tmp_path_factory.mktemp(request.param), payload)
    result = project.build()
    assert result.returncode == 0, result.stderr
    return payload, pages(project.site)


def test_a_payload_in_text_changes_no_page_structure(clean: dict[str, Element], attacked: tuple[str, dict[str, Element]]) -> None:
    payload, built = attacked
    assert built.keys() == clean.keys()
    for path, page in built.items():
        assert page.shape == clean[path].shape, f"{path}: the payload made or removed an element or attribute"
        theirs = [(e.get("type"), e.get("src")) for e in clean[path].find_all("script")]
        assert [(e.get("type"), e.get("src")) for e in page.find_all("script")] == theirs, path
        for script in page.find_all("script"):
            if script.get("type") != "application/ld+json":
                assert "alert(1)" not in script.text, path
        for element in page.elements():
            assert not [key for key, _ in element.attributes if key.startswith("on")], f"{path}: {element}"
            for key in ("href", "src", "action"):
                value = (element.get(key) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{path}: {element}"


def test_a_payload_in_text_reaches_the_page_as_the_same_text(attacked: tuple[str, dict[str, Element]]) -> None:
    payload, built = attacked
    text = {key: plain(value) for key, value in texts(payload).items()}
    service = built[SERVICE]
    assert plain(service.find_all("h1")[0].text) == text["title"]
    assert plain(service.find_all("title")[0].text) == f"{text['title']} - {text['name']}"
    assert plain(service.find_all("meta", name="description")[0].get("content") or "") == text["description"]
    assert plain(service.find_all("a", **{"class": "lg-button lg-button--start"})[0].text).startswith(text["start"])
    assert [plain(a.text) for a in service.find_all("a", href="https://www.gov.uk/")] == [text["related"]]
    assert plain(service.find_all("address", **{"class": "lg-contact__address"})[0].text) == text["address"]
    assert text["hours"] in [plain(li.text.removeprefix("Opening times: ")) for li in service.find_all("li")]
    assert plain(service.find_all("address")[-1].text) == text["address"], "the footer's council address"
    assert any(plain(e.text) == f"Contact {text['name']}" for e in service.find_all("h2"))
    assert plain(service.find_all("h2", **{"class": "lg-alert__title"})[0].text) == text["alert"]
    assert plain(service.find_all("p", **{"class": "lg-alert__text"})[0].text) == text["alert_text"]
    event = built[EVENT]
    assert plain(event.find_all("dd")[-1].text) == text["location"]
    assert plain(built[NEWS].find_all("h1")[0].text) == text["news"]
    steps = built[STEPS]
    assert plain(steps.find_all("h2", **{"class": "lg-step__title"})[0].text) == f"Step 1: {text['step']}"
    assert text["step_text"] in [plain(p.text) for p in steps.find_all("p")]
    assert [plain(a.text) for a in steps.find_all("a", href="https://www.gov.uk/")] == [text["task"]]


def test_json_ld_parses_and_carries_the_payload_as_a_string(attacked: tuple[str, dict[str, Element]]) -> None:
    payload, built = attacked
    text = texts(payload)
    for path, page in built.items():
        found = [s for item in page.json_ld() for s in strings(item)]
        assert text["name"] in found, f"{path}: the council's name in its GovernmentOrganization"
    service = [s for item in built[SERVICE].json_ld() for s in strings(item)]
    assert {text["title"], text["description"], text["start"]} <= set(service)
    event = [s for item in built[EVENT].json_ld() for s in strings(item)]
    assert text["location"] in event


def test_ordinary_quotes_and_angle_brackets_are_shown_as_written(clean: dict[str, Element]) -> None:
    page = clean[ORDINARY]
    assert [e.get("content") for e in page.find_all("meta", name="description")] == [ORDINARY_DESCRIPTION]
    assert [e.text for e in page.find_all("h1")] == [ORDINARY_TITLE]
    assert page.find_all("title")[0].text == f"{ORDINARY_TITLE} - Name plain words"


# --- URL fields refuse the payloads -----------------------------------------------------------------------------

URL_PAYLOADS = {
    "script": "https://forms.testbury.example/</script><script>alert(1)</script>",
    "img": 'https://forms.testbury.example/"><img src=x onerror=alert(1)>',
    "attribute": 'https://forms.testbury.example/"onmouseover="alert(1)',
    "javascript": "javascript:alert(1)",
    "crlf": "https://forms.testbury.example/a\r\nb",
}
# Each payload once in a front matter URL and once in a council.yml URL.
URL_CASES = [(name, where) for name in sorted(URL_PAYLOADS) for where in ("front matter", "council.yml")]
FRONT_MATTER_FIELDS = ["related[0].url", "start.url"]
COUNCIL_FIELDS = ["url", "links.524.report"]


@pytest.mark.parametrize(("name", "where"), URL_CASES)
def test_a_payload_in_a_url_is_one_line(tmp_path: Path, name: str, where: str) -> None:
    url = URL_PAYLOADS[name]
    index = sorted(URL_PAYLOADS).index(name) % 2
    profile = copy.deepcopy(BASE_PROFILE)
    fields: dict[str, Any] = {"title": "Report it", "description": "Report it.", "type": "service",
                              "category": "rubbish-and-recycling", "lgsl": 524,
                              "start": {"interaction": "report", "label": "Report it"}}
    if where == "front matter":
        named = FRONT_MATTER_FIELDS[index]
        if named == "start.url":
            fields["start"]["url"] = url
        else:
            fields["related"] = [{"text": "More", "url": url}]
        expected = "docs/report-it.md:"
    else:
        named = COUNCIL_FIELDS[index]
        if named == "url":
            profile["url"] = url
        else:
            profile["links"] = {524: {"report": url}}
        expected = "council.yml:"
    project = make_project(tmp_path / "council", profile=profile)
    project.write("docs/report-it.md", front_matter(**fields))
    # A bad address in links: is left out, so pages that need it warn as well; it is the one error.
    [line] = [line for line in engine_fails(project) if line.startswith("error:")]
    assert line.startswith(f"error: {expected}") and named in line, line


def test_a_link_that_passes_validation_but_not_the_rule_goes_nowhere(tmp_path: Path) -> None:
    """The email rule refuses quotes and angle brackets, but not every character a browser would drop from
    an address: a zero-width space hides in a valid-looking address, and the theme's safe_url filter, checking
    every link again, sends that mailto: link nowhere."""
    email = "help\u200b@testbury.example"
    profile = copy.deepcopy(BASE_PROFILE)
    profile["contact"]["email"] = email
    project = make_project(tmp_path / "council", profile=profile)
    project.write("docs/contact-us.md", front_matter(title="Contact us", description="Contact us.", type="contact", email=email))
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = parse(project.page("contact-us"))
    links = [a for a in page.find_all("a") if a.text == email]
    assert len(links) == 2, "the contact page's own email and the footer's"
    assert {a.get("href") for a in links} == {DEAD_LINK}


def test_an_email_that_could_end_a_mailto_attribute_is_refused_everywhere(tmp_path: Path) -> None:
    """The email rule refuses quotes and angle brackets, so no mailto: link can carry an attribute out."""
    email = 'x"onmouseover="alert(1)"@testbury.example'
    profile = copy.deepcopy(BASE_PROFILE)
    profile["contact"]["email"] = email
    project = make_project(tmp_path / "council", profile=profile)
    project.write("docs/contact-us.md", front_matter(title="Contact us", description="Contact us.", type="contact", email=email))
    lines = fails(project)
    assert [line.split(": ", 2)[1] for line in lines] == ["council.yml:7", "docs/contact-us.md:5"]
    assert all(f"must be an email address like help@example.gov.uk, not '{email}'" in line for line in lines)


# --- the rule itself --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "https://www.gov.uk/council-tax", "http://example.com/a?b=c#d", "mailto:help@testbury.example",
    "tel:+441632960111", "../housing/", "/search.html", "#main-content", "", "page%22with%20quote/",
])
def test_the_rule_keeps_safe_urls(url: str) -> None:
    assert url_problem(url) is None
    assert safe_url(url) == url


@pytest.mark.parametrize("url", [
    *URL_PAYLOADS.values(), "JavaScript:alert(1)", "data:text/html,<b>", "vbscript:msgbox", "java\tscript:x",
    "https://a.example/\x00", "https://a.example/\u200b", "https://a.example/ b",
])
def test_the_rule_refuses_unsafe_urls(url: str) -> None:
    assert url_problem(url) is not None
    assert safe_url(url) == DEAD_LINK
