"""schema.org JSON-LD that every page carries: who publishes it, where it sits, what service it is.

Search engines and assistants read these to show a council's services with the
right name, phone number and place in the site. Content features add their own
items (NewsArticle, Event, CivicStructure) beside these.
"""

from __future__ import annotations

from typing import Any

from .layers import Page
from .profile import CouncilProfile

CONTEXT = "https://schema.org"
# The Local Government Service List publishes one URI per service.
LGSL_URI = "http://id.esd.org.uk/service/{}"


def organization_id(site_url: str, profile: CouncilProfile) -> str:
    """The council's node id, so other items can point at it rather than repeat it."""
    return (site_url or profile.url).rstrip("/") + "/#organization"


def council_reference(profile: CouncilProfile, site_url: str) -> dict[str, Any]:
    """The council as the author, publisher or organiser of another item: its id, name and address."""
    return {"@type": "GovernmentOrganization", "@id": organization_id(site_url, profile),
            "name": profile.name, "url": profile.url}


def organization(profile: CouncilProfile, site_url: str, logo_url: str | None = None) -> dict[str, Any]:
    """The council as a GovernmentOrganization."""
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "GovernmentOrganization",
        "@id": organization_id(site_url, profile),
        "name": profile.name,
        "url": profile.url,
        "telephone": profile.contact.phone,
        "email": profile.contact.email,
        "address": profile.contact.address,
    }
    if logo_url:
        item["logo"] = logo_url
    return item


def web_page(title: str, url: str, language: str) -> dict[str, Any]:
    """The page itself, with its language: on a site in several languages, what a search engine reads
    to offer each reader the page in theirs (with the page's hreflang alternates)."""
    return {"@context": CONTEXT, "@type": "WebPage", "name": title, "url": url, "inLanguage": language}


def breadcrumb_list(crumbs: list[dict[str, str]], title: str, url: str) -> dict[str, Any] | None:
    """The trail from the home page to this page; `crumbs` and `url` are absolute."""
    if not crumbs:
        return None
    trail = [*crumbs, {"title": title, "url": url}]
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": crumb["title"], "item": crumb["url"]}
            for number, crumb in enumerate(trail, start=1)
        ],
    }


def government_service(page: Page, profile: CouncilProfile, site_url: str, url: str) -> dict[str, Any] | None:
    """A service page as a GovernmentService, identified by its LGSL number."""
    lgsl = page.meta.get("lgsl")
    if page.type != "service" or not isinstance(lgsl, int):
        return None
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "GovernmentService",
        "name": page.title,
        "description": str(page.meta.get("description", "")),
        "url": url,
        "identifier": LGSL_URI.format(lgsl),
        "provider": {"@id": organization_id(site_url, profile)},
        "serviceOperator": {"@id": organization_id(site_url, profile)},
    }
    start = page.meta.get("start")
    if isinstance(start, dict) and start.get("url"):
        item["availableChannel"] = {
            "@type": "ServiceChannel",
            "name": str(start.get("label", "")),
            "serviceUrl": str(start["url"]),
        }
    return item
