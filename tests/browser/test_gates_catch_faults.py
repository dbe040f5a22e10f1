"""The gates themselves: each catches its fault in ``fixtures/faulty`` and
passes ``fixtures/clean``.  These tests need no lgsite code, only the tools.
"""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import gates

VIEWPORTS = [pytest.param(gates.PHONE, id="phone-375x812"), pytest.param(gates.DESKTOP, id="desktop-1280x800")]


# ---------------------------------------------------------------- axe-core


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_catches_missing_alt_and_low_contrast(
    browser_session: gates.BrowserSession, faulty_server: gates.StaticServer, viewport: gates.Viewport
) -> None:
    found = gates.run_axe(
        browser_session.page(viewport), faulty_server.url_for("index.html"), axe_url=faulty_server.axe_url
    )
    by_rule = {v.rule: v for v in found}
    assert {"image-alt", "color-contrast"} <= set(by_rule), gates.format_problems("axe", found)
    assert by_rule["image-alt"].targets == ("img",)
    assert by_rule["color-contrast"].targets == (".faint",)
    assert all(v.viewport == str(viewport) for v in found)
    assert all(v.url == faulty_server.url_for("index.html") for v in found)


def test_axe_injects_from_file_too(browser_session: gates.BrowserSession, faulty_server: gates.StaticServer) -> None:
    """Without a served copy, axe is injected from node_modules by path."""
    found = gates.run_axe(browser_session.page(gates.DESKTOP), faulty_server.url_for("index.html"))
    assert {"image-alt", "color-contrast"} <= {v.rule for v in found}


def test_axe_site_checks_each_width_after_one_load(
    browser_session: gates.BrowserSession, faulty_server: gates.StaticServer
) -> None:
    found = gates.axe_site(browser_session, faulty_server, [Path("index.html")], (gates.PHONE, gates.DESKTOP))
    for viewport in (gates.PHONE, gates.DESKTOP):
        assert {"image-alt", "color-contrast"} <= {v.rule for v in found[viewport]}, viewport
        assert {v.viewport for v in found[viewport]} == {str(viewport)}
    # the shared page is left at its own size
    assert browser_session.page(gates.PHONE).viewport_size == gates.PHONE.as_dict()


@pytest.mark.parametrize("reload", [False, True], ids=["one-load", "reload"])
def test_axe_passes_clean_site(
    browser_session: gates.BrowserSession,
    clean_server: gates.StaticServer,
    clean_site: Path,
    reload: bool,
) -> None:
    found = gates.axe_site(
        browser_session, clean_server, gates.html_files(clean_site), (gates.PHONE, gates.DESKTOP), reload=reload
    )
    problems = found[gates.PHONE] + found[gates.DESKTOP]
    assert not problems, gates.format_problems("axe on the clean site", problems)


# ---------------------------------------------------------------- Nu HTML Checker


@pytest.fixture(scope="module")
def vnu_errors(vnu_ready: None, faulty_site: Path, clean_site: Path) -> dict[str, list[gates.HtmlError]]:
    """The Nu HTML Checker over both fixture sites in one JVM, split by site."""
    fixtures = faulty_site.parent
    files = [site / rel for site in (faulty_site, clean_site) for rel in gates.html_files(site)]
    errors = gates.run_vnu(files, root=fixtures)
    by_site: dict[str, list[gates.HtmlError]] = {"faulty": [], "clean": []}
    for error in errors:
        site, _, rel = error.file.partition("/")
        by_site[site].append(gates.HtmlError(rel, error.line, error.column, error.message, error.extract))
    return by_site


def test_vnu_catches_invalid_nesting(vnu_errors: dict[str, list[gates.HtmlError]]) -> None:
    errors = vnu_errors["faulty"]
    report = gates.format_problems("vnu", errors)
    messages = {(e.file, e.message) for e in errors}
    # <div> inside <p>: the parser closes the <p>, then meets a stray </p>
    assert ("index.html", "No “p” element in scope but a “p” end tag seen.") in messages, report
    # <a> inside <a>
    assert (
        "index.html",
        "Start tag “a” seen but an element of the same type was already open.",
    ) in messages, report
    nesting = [e for e in errors if "“p” end tag" in e.message]
    assert nesting[0].line == 30
    # The pages without markup faults are valid: the errors are specific.
    assert {e.file for e in errors} == {"index.html"}, report


def test_vnu_passes_clean_site(vnu_errors: dict[str, list[gates.HtmlError]]) -> None:
    errors = vnu_errors["clean"]
    assert not errors, gates.format_problems("vnu on the clean site", errors)


# ---------------------------------------------------------------- links


def test_links_catch_broken_link_and_fragment(faulty_site: Path) -> None:
    broken = {(p.file, p.href) for p in gates.check_links(faulty_site) if p.kind == "broken"}
    assert broken == {
        ("index.html", "missing-page/"),
        ("index.html", "other.html#no-such-section"),
    }


def test_links_catch_third_party_requests(faulty_site: Path) -> None:
    third = {(p.file, p.href) for p in gates.check_links(faulty_site) if p.kind == "third-party"}
    assert third == {
        ("third-party.html", "https://fonts.example.net/css?family=Roboto"),
        ("third-party.html", "https://fonts.example.net"),
        ("third-party.html", "https://cdn.example.net/lib.js"),
        ("third-party.html", "https://images.example.net/photo.jpg"),
        ("third-party.html", "https://cdn.example.net/inline.css"),
        ("assets/faulty.css", "https://cdn.example.net/theme.css"),
    }
    # canonical/alternate URLs and plain links to other sites are not requests


def test_links_treat_site_url_as_same_site(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="https://www.example.gov.uk/a/">ok</a>'
        '<a href="https://www.example.gov.uk/missing/">broken</a>'
        '<script src="https://www.example.gov.uk/a/app.js"></script>'
    )
    (tmp_path / "a" / "index.html").write_text('<p id="x">a</p>')
    problems = gates.check_links(tmp_path, site_url="https://www.example.gov.uk/")
    assert {(p.kind, p.href) for p in problems} == {
        ("broken", "https://www.example.gov.uk/missing/"),
        ("broken", "https://www.example.gov.uk/a/app.js"),
    }


def test_links_pass_clean_site(clean_site: Path) -> None:
    problems = gates.check_links(clean_site)
    assert not problems, gates.format_problems("links on the clean site", problems)


# ---------------------------------------------------------------- keyboard


def test_keyboard_catches_missing_focus_style(
    browser_session: gates.BrowserSession, faulty_server: gates.StaticServer
) -> None:
    problems = gates.check_keyboard(browser_session.page(gates.DESKTOP), faulty_server.url_for("index.html"))
    assert [(p.check, p.element) for p in problems] == [
        ("focus-indicator", 'a.no-focus-style[href="other.html"] "Link with no focus style"')
    ], gates.format_problems("keyboard", problems)


def test_keyboard_catches_missing_skip_link(
    browser_session: gates.BrowserSession, faulty_server: gates.StaticServer
) -> None:
    problems = gates.check_keyboard(browser_session.page(gates.DESKTOP), faulty_server.url_for("no-skip.html"))
    assert [p.check for p in problems] == ["skip-link"], gates.format_problems("keyboard", problems)
    assert "first Tab should focus a skip link" in problems[0].message


def test_keyboard_catches_skip_link_that_does_not_move_focus(
    browser_session: gates.BrowserSession, faulty_server: gates.StaticServer
) -> None:
    problems = gates.check_keyboard(browser_session.page(gates.DESKTOP), faulty_server.url_for("skip-no-focus.html"))
    assert [p.check for p in problems] == ["skip-link"], gates.format_problems("keyboard", problems)
    assert 'tabindex="-1"' in problems[0].message


def test_keyboard_catches_focus_trap(browser_session: gates.BrowserSession, faulty_server: gates.StaticServer) -> None:
    problems = gates.check_keyboard(browser_session.page(gates.DESKTOP), faulty_server.url_for("trap.html"))
    assert [(p.check, p.element) for p in problems] == [("focus-trap", "input#trap")], gates.format_problems(
        "keyboard", problems
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_keyboard_passes_clean_site(
    browser_session: gates.BrowserSession,
    clean_server: gates.StaticServer,
    clean_site: Path,
    viewport: gates.Viewport,
) -> None:
    page = browser_session.page(viewport)
    problems: list[gates.KeyboardProblem] = []
    for rel in gates.html_files(clean_site):
        problems += gates.check_keyboard(page, clean_server.url_for(rel))
    assert not problems, gates.format_problems("keyboard on the clean site", problems)


# ---------------------------------------------------------------- no JavaScript


def test_no_js_catches_content_and_navigation_that_need_javascript(
    browser_session: gates.BrowserSession, faulty_server: gates.StaticServer
) -> None:
    problems = gates.check_no_js(
        browser_session.page(gates.DESKTOP, javascript=False),
        faulty_server.url_for("nojs.html"),
        js_page=browser_session.page(gates.DESKTOP),
    )
    messages = [p.message for p in problems]
    assert "<main> has only 0 characters of text without JavaScript" in messages, messages
    assert 'link "Home" (/index.html) is hidden without JavaScript' in messages, messages
    assert 'link "Other page" (/other.html) exists only with JavaScript' in messages, messages


def test_no_js_passes_clean_site(
    browser_session: gates.BrowserSession, clean_server: gates.StaticServer, clean_site: Path
) -> None:
    problems: list[gates.NoJsProblem] = []
    for rel in gates.html_files(clean_site):
        problems += gates.check_no_js(
            browser_session.page(gates.DESKTOP, javascript=False),
            clean_server.url_for(rel),
            js_page=browser_session.page(gates.DESKTOP),
        )
    assert not problems, gates.format_problems("no-JS on the clean site", problems)


# ---------------------------------------------------------------- helpers


def test_page_types_picks_one_page_per_declared_type(clean_site: Path) -> None:
    types = gates.page_types(clean_site)
    assert {k: v.as_posix() for k, v in types.items()} == {
        "index.html": "index.html",
        "404.html": "404.html",
        "type:category": "council-tax/index.html",
        "type:service": "council-tax/pay/index.html",
    }


def _get(url: str, *, gzip_ok: bool) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_static_server_serves_like_a_static_host(clean_site: Path, tmp_path: Path) -> None:
    for name, body in {
        "feed.xml": "<rss/>",
        "events.ics": "BEGIN:VCALENDAR",
        "data.json": "{}",
        "app.js": "1",
        "font.woff2": "wOF2",
    }.items():
        (tmp_path / name).write_text(body)
    (tmp_path / "index.html").write_text("<p>home</p>")
    (tmp_path / "404.html").write_text("<p>not here</p>")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "index.html").write_text("<p>dir</p>")
    with gates.StaticServer(tmp_path) as server:
        status, headers, body = _get(server.base_url + "/", gzip_ok=True)
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert gzip.decompress(body) == b"<p>home</p>"
        status, headers, body = _get(server.base_url + "/", gzip_ok=False)
        assert "Content-Encoding" not in headers and body == b"<p>home</p>"
        expected = {
            "/feed.xml": "application/xml",
            "/events.ics": "text/calendar; charset=utf-8",
            "/data.json": "application/json",
            "/app.js": "text/javascript; charset=utf-8",
            "/font.woff2": "font/woff2",
        }
        for path, ctype in expected.items():
            status, headers, _ = _get(server.base_url + path, gzip_ok=True)
            assert (status, headers["Content-Type"]) == (200, ctype), path
        assert "Content-Encoding" not in _get(server.base_url + "/font.woff2", gzip_ok=True)[1]
        status, _, body = _get(server.base_url + "/dir/", gzip_ok=False)
        assert (status, body) == (200, b"<p>dir</p>")
        status, _, body = _get(server.base_url + "/nowhere/", gzip_ok=False)
        assert (status, body) == (404, b"<p>not here</p>")
        status, _, _ = _get(server.base_url + "/../../etc/passwd", gzip_ok=False)
        assert status == 404
    with gates.StaticServer(clean_site) as server:
        status, headers, _ = _get(server.base_url + "/assets/logo.svg", gzip_ok=True)
        assert (status, headers["Content-Type"], headers["Content-Encoding"]) == (200, "image/svg+xml", "gzip")
        assert server.axe_url is not None
        assert _get(server.axe_url, gzip_ok=True)[0] == 200
