"""The build report (`lgsite-report.json`): where every page's text came from.

A council's web team reads it to see which pages are its own, which are inherited
and from which source and version, which it left out, and which show something
from another website (an embed `council.yml` allows), and from where.
"""

from __future__ import annotations

import json
from typing import Any

from .review import report_entries
from .site import Site
from .sources import Source
from .translations import translation_report


def build_report(site: Site, sources: list[Source]) -> dict[str, Any]:
    report = {
        "council": site.profile.name,
        "sources": [{"name": s.name, "kind": s.kind, "version": s.version, "url": s.url} for s in sources],
        "pages": {path: page.provenance.as_dict() for path, page in sorted(site.pages.items())},
        "excluded": [provenance.as_dict() for provenance in site.excluded],
        "embeds": dict(sorted(site.embedded.items())),
        # Pages past their review date, as the build's warnings name them, for the web team's list.
        "overdue_reviews": report_entries(site),
    }
    if len(site.profile.languages) > 1:  # draft, exempt and untranslated pages, for the council's translators
        report["translations"] = translation_report(site)
    return report


def report_text(site: Site, sources: list[Source]) -> str:
    """The report as written: sorted keys, so two builds of the same input give the same file."""
    return json.dumps(build_report(site, sources), indent=2, sort_keys=True) + "\n"
