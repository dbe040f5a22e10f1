"""A council page about a service an inherited shared page already covers.

A council that writes its own page for a service at a new path, instead of at
the shared page's path, publishes both: residents find two pages for one
service, in search, the A to Z and its category, and one of them is not the
council's. It is a warning, not an error, since both pages are correct; the
council chooses which to keep.
"""

from __future__ import annotations

from .errors import LgsiteError
from .layers import Origin, Page
from .site import Site

# A shared page as this site publishes it: as it is, or as a signpost to the council that provides it.
INHERITED = (Origin.INHERITED, Origin.SIGNPOST)


def warn_same_service(site: Site) -> None:
    """Warn about each of the council's own pages whose `lgsl:` is also an inherited page's."""
    inherited: dict[int, list[str]] = {}
    for path, page in sorted(site.pages.items()):
        lgsl = page.data.get("lgsl")
        if page.provenance.origin in INHERITED and isinstance(lgsl, int):
            inherited.setdefault(lgsl, []).append(path)
    for path, page in sorted(site.pages.items()):
        lgsl = page.data.get("lgsl")
        if page.provenance.origin is Origin.LOCAL and isinstance(lgsl, int) and lgsl in inherited:
            site.problems.warning_of(same_service(page, lgsl, inherited[lgsl]))


def same_service(page: Page, lgsl: int, shared: list[str]) -> LgsiteError:
    first = shared[0]
    pages = ", ".join(shared)
    return LgsiteError(
        f"has lgsl: {lgsl}, like the shared page {pages}, so residents find two pages for one service",
        file=page.provenance.file, line=page.meta_lines.get(("lgsl",)),
        hint=f"To replace the shared page, move this page to docs/{first} (a whole override); "
             f"to keep this one, add {first} under exclude: in council.yml.",
    )
