"""The example council built for Netlify, served with its `_headers` as Netlify would: every page
loads in Chromium with no Content-Security-Policy violation, and the policy's hashes are exactly
those of the inline scripts and styles the browser finds in the pages."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import gates
import pytest
from hosting import LISTEN, build_example, read_headers_file, serve

# What the browser itself calls inline code: scripts it would run (no src, a JavaScript type) and <style>.
INLINE = """() => ({
  scripts: [...document.querySelectorAll("script:not([src])")]
    .filter(s => !s.type || /^(module|(text|application)\\/(java|ecma)script)$/i.test(s.type))
    .map(s => s.textContent),
  styles: [...document.querySelectorAll("style")].map(s => s.textContent),
})"""


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@pytest.fixture(scope="module")
def netlify_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("netlify"), host="netlify")


def test_every_page_loads_with_no_policy_violation_and_the_hashes_match(
    browser_session: gates.BrowserSession, netlify_site: Path
) -> None:
    rules = read_headers_file(netlify_site)
    assert rules and rules[0][0] == "/*"
    policy = rules[0][1]["Content-Security-Policy"]
    directives = {part.split()[0]: set(part.split()[1:]) for part in policy.split("; ")}
    assert "'unsafe-inline'" not in policy

    page = browser_session.page(gates.DESKTOP, csp=True)
    page.context.add_init_script(LISTEN)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    violations: list[str] = []
    scripts: set[str] = set()
    styles: set[str] = set()
    policies: set[str] = set()
    pages = gates.html_files(netlify_site)
    with serve(netlify_site) as root:
        for relative in pages:
            url = root + gates.page_url_path(relative).lstrip("/")
            response = page.goto(url, wait_until="load")
            assert response is not None
            policies.add(response.headers.get("content-security-policy", ""))
            violations += [f"{relative}: {v}" for v in page.evaluate("window.__violations")]
            found = page.evaluate(INLINE)
            scripts.update(sha256(code) for code in found["scripts"])
            styles.update(sha256(code) for code in found["styles"])
    page.context.close()  # the init script stays with this context only

    assert policies == {policy}, "every page is served with the policy"
    assert violations == []
    assert [text for text in console if "Content Security Policy" in text or "Permissions-Policy" in text] == []
    assert scripts, "the theme has inline scripts, so the check means something"
    assert {source for source in directives["script-src"] if source.startswith("'sha256-")} == scripts
    assert {source for source in directives["style-src"] if source.startswith("'sha256-")} == styles


def test_the_policy_is_enforced(browser_session: gates.BrowserSession, netlify_site: Path, tmp_path: Path) -> None:
    """The same server and policy block an inline script the policy does not name, so zero violations
    above means the pages comply, not that the policy went unread."""
    probe = netlify_site / "csp-probe.html"
    probe.write_text("<!doctype html><html lang=en><title>probe</title><script>window.ran = 1</script></html>",
                     encoding="utf-8")
    try:
        page = browser_session.browser.new_page()
        page.add_init_script(LISTEN)
        with serve(netlify_site) as root:
            page.goto(root + "csp-probe.html", wait_until="load")
            assert page.evaluate("window.ran") is None
            assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
        page.close()
    finally:
        probe.unlink()
