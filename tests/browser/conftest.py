"""Fixtures for lgsite's browser gates (see README.md beside this file).

The gates themselves live in ``gates.py`` and take any directory of built
static HTML.  ``built_site`` is each gated site in turn: the example council
(the ``example_site`` fixture in ``tests/conftest.py``), the Welsh example council in both
languages (``example_cymru_site``), and the four councils
``lgsite new`` makes from the register (``new_councils``), each built once per
session by the real ``lgsite build``. ``$LGSITE_SITE_DIR`` points the gates at
one other built site instead.

A missing tool (Chromium, Java, ``node_modules``, Python Playwright) skips
the browser tests on a developer's machine, but fails them when ``CI=true``:
CI must never go green by skipping its gates.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

BROWSER_DIR = Path(__file__).resolve().parent
if str(BROWSER_DIR) not in sys.path:  # make ``import gates`` work in any import mode
    sys.path.insert(0, str(BROWSER_DIR))

import gates  # noqa: E402

FIXTURES = BROWSER_DIR / "fixtures"
EXAMPLE_SITE_URL = "https://www.anytown.example/"  # site_url in example-council/mkdocs.yml
CYMRU_SITE_URL = "https://www.glanafon.example/"  # site_url in example-council-cymru/mkdocs.yml


def in_ci() -> bool:
    """True when running under CI (``CI=true``), where missing tools are failures."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require_tools(*, browser: bool = False, java: bool = False) -> None:
    """Skip the test (fail it under CI) unless the named tools are present."""
    missing = gates.missing_tools(browser=browser, java=java)
    if not missing:
        return
    message = "browser gates cannot run: " + "; ".join(missing)
    if in_ci():
        pytest.fail(message + " (CI=true: a missing tool is a failure)", pytrace=False)
    pytest.skip(message)


# ---------------------------------------------------------------- tools


@pytest.fixture(scope="session")
def browser_session() -> Iterator[gates.BrowserSession]:
    """One headless Chromium for the whole session; pages are reused."""
    require_tools(browser=True)
    with gates.launch_browser() as session:
        yield session


@pytest.fixture(scope="session")
def vnu_ready() -> None:
    """Java and the Nu HTML Checker jar are present."""
    require_tools(java=True)


# ---------------------------------------------------------------- the site under test


GIVEN_SITE = os.environ.get("LGSITE_SITE_DIR", "").strip()
# The example council, then a council of each kind made by lgsite new (NEW_COUNCILS in tests/conftest.py).
GATED_SITES = ["given"] if GIVEN_SITE else ["example", "example-cymru", "new-district", "new-county", "new-unitary",
                                            "new-welsh"]


@pytest.fixture(scope="session", params=GATED_SITES)
def gated_site(request: pytest.FixtureRequest) -> tuple[Path, str]:
    """One site the gates check, and its own absolute URL (so absolute links to it are same-site links)."""
    if request.param == "given":
        site = Path(GIVEN_SITE).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"LGSITE_SITE_DIR={GIVEN_SITE} has no index.html: is it a built site?", pytrace=False)
        return site, os.environ.get("LGSITE_SITE_URL") or EXAMPLE_SITE_URL
    if request.param == "example":
        return request.getfixturevalue("example_site"), EXAMPLE_SITE_URL
    if request.param == "example-cymru":
        return request.getfixturevalue("example_cymru_site"), CYMRU_SITE_URL
    council = request.getfixturevalue("new_councils")[request.param.removeprefix("new-")]
    return council.site, council.site_url


@pytest.fixture(scope="session")
def built_site(gated_site: tuple[Path, str]) -> Path:
    return gated_site[0]


@pytest.fixture(scope="session")
def site_url(gated_site: tuple[Path, str]) -> str:
    return gated_site[1]


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[Path]:
    """Every HTML page of the built site, relative to it."""
    pages = gates.html_files(built_site)
    assert pages, f"no HTML pages in {built_site}"
    return pages


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[gates.StaticServer]:
    """The built site served with gzip on 127.0.0.1."""
    with gates.StaticServer(built_site) as server:
        yield server


# ---------------------------------------------------------------- fixture sites


@pytest.fixture(scope="session")
def faulty_site() -> Path:
    return FIXTURES / "faulty"


@pytest.fixture(scope="session")
def clean_site() -> Path:
    return FIXTURES / "clean"


@pytest.fixture(scope="session")
def faulty_server(faulty_site: Path) -> Iterator[gates.StaticServer]:
    with gates.StaticServer(faulty_site) as server:
        yield server


@pytest.fixture(scope="session")
def clean_server(clean_site: Path) -> Iterator[gates.StaticServer]:
    with gates.StaticServer(clean_site) as server:
        yield server
