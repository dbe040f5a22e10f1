"""The browser gates on the messy council's own pages (tests/fixtures/messy-council, built once by the
`messy_council` fixture): they pass apart from the problems the build's warnings name.

Those problems are published as the author wrote them (a warning does not stop the build), so the
gates see them too: the dead links and the missing image the warnings quote, and the muddled headings
of the page they name. Anything else is a failure: lgsite must make converted content accessible,
valid and free of third-party requests on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MESSY_COUNCIL, MessyCouncil, url_of

import gates

SITE_URL = "https://www.oldtown.example/"  # site_url in the fixture's mkdocs.yml
# The page whose headings the build warns about (skipped level, empty heading, a second h1), and the
# axe rule its "has an empty heading" warning is about: the only violation the gates find.
MUDDLED = "/council-tax-and-benefits/council-tax-discounts/"
HEADING_RULES = {"empty-heading"}
EMBEDS = ("https://www.youtube-nocookie.com/",)  # embeds: in the fixture's council.yml


def own_pages() -> list[Path]:
    """The council's own pages: its content, not the shared pages every council has."""
    docs = MESSY_COUNCIL / "docs"
    return [Path(url_of(path.relative_to(docs).as_posix())) / "index.html" for path in sorted(docs.rglob("*.md"))]


@pytest.fixture(scope="module")
def messy_server(messy_council: MessyCouncil) -> Iterator[gates.StaticServer]:
    assert messy_council.built.returncode == 0, messy_council.built.stderr[-3000:]
    with gates.StaticServer(messy_council.site) as server:
        yield server


def warned_targets(council: MessyCouncil) -> set[str]:
    """The addresses the build's warnings quote as going nowhere."""
    return set(re.findall(r"(?:links to|shows the image) '([^']+)'", council.built.stderr))


@pytest.mark.parametrize("viewport", [gates.PHONE, gates.DESKTOP], ids=str)
def test_axe_finds_nothing_the_warnings_do_not_name(
    browser_session: gates.BrowserSession, messy_server: gates.StaticServer, viewport: gates.Viewport
) -> None:
    pages = own_pages()
    violations = gates.axe_site(browser_session, messy_server, pages, (viewport,))[viewport]
    unnamed = [v for v in violations if not (v.rule in HEADING_RULES and v.url.endswith(MUDDLED))]
    assert not unnamed, gates.format_problems(f"axe-core at {viewport} over {len(pages)} pages", unnamed)


def test_the_html_is_valid(vnu_ready: None, messy_council: MessyCouncil) -> None:
    errors = gates.run_vnu(own_pages(), root=messy_council.site)
    assert not errors, gates.format_problems("Nu HTML Checker", errors)


def test_every_dead_link_is_one_a_warning_names_and_nothing_loads_from_elsewhere(messy_council: MessyCouncil) -> None:
    ours = {page.as_posix() for page in own_pages()}
    problems = [p for p in gates.check_links(messy_council.site, site_url=SITE_URL) if p.file in ours]
    named = warned_targets(messy_council)
    assert "/node/4" in named  # the warnings were read
    unnamed = [p for p in problems if p.kind == "broken" and p.href not in named]
    assert not unnamed, gates.format_problems("broken links no warning names", unnamed)
    third_party = [p for p in problems if p.kind == "third-party" and not p.href.startswith(EMBEDS)]
    assert not third_party, gates.format_problems("requests to other websites", third_party)
