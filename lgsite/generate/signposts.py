"""Signposts: short pages that send residents to the council that provides a service.

A district does not run libraries and a county does not collect bins, but
residents search both sites for both. Rather than a dead end, the council that
does not provide a shared page's service publishes a signpost in its place.
"""

from __future__ import annotations

from ..layers import Origin, Page, Provenance
from ..model import ContentModel
from ..profile import CouncilProfile

# Single-tier councils provide every service that either tier of a two-tier area does.
SINGLE_TIER = ("unitary", "metropolitan", "london-borough")


def provides(lgsl: int, profile: CouncilProfile, model: ContentModel) -> bool:
    if lgsl in profile.provides:
        return True
    if lgsl in profile.does_not_provide:
        return False
    service = model.services.get(lgsl)
    if service is None or not service.tiers:
        return True
    return profile.tier in service.tiers


def needs_signpost(page: Page, profile: CouncilProfile, model: ContentModel) -> bool:
    lgsl = page.meta.get("lgsl")
    return isinstance(lgsl, int) and not provides(lgsl, profile, model)


def signpost(page: Page, profile: CouncilProfile) -> Page:
    """The short page that replaces a shared page this council does not provide."""
    title = page.title
    if profile.tier == "district" and profile.county is not None:
        provider, url = profile.county.name, profile.county.url
        body = (
            f"{provider} is responsible for this service in our area, not {profile.name}.\n\n"
            f"[{title} on {provider}'s website]({url})\n"
        )
        description = f"{provider} provides this service. Find out how to contact them."
    else:
        finder = profile.district_finder
        body = (
            f"Your district, borough or city council is responsible for this service, not {profile.name}.\n\n"
            f"[{finder.name}]({finder.url})\n"
        )
        description = "Your district, borough or city council provides this service."
    meta = {
        "title": title,
        "description": description,
        "type": "signpost",
        "category": page.meta.get("category"),
        "lgsl": page.meta.get("lgsl"),
        "template": "signpost.html",
    }
    provenance = Provenance(
        origin=Origin.SIGNPOST, source=page.provenance.source, version=page.provenance.version,
        path=page.provenance.path, file=page.provenance.file, url=page.provenance.url,
    )
    # Its service and terms stay: a resident looking for the service in the A to Z finds who provides it.
    data = {key: page.data[key] for key in ("lgsl", "a_to_z") if key in page.data}
    return Page(page.path, meta, body, 1, provenance, data=data)
