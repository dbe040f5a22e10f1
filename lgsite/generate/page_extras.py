"""What any page can carry beside its text: contact blocks, related links, when it was last reviewed.

Contact details are written once, on a contact page, and included by reference
(`contacts: [../about-the-council/contact-us.md]`), so a changed phone number is
changed everywhere. A related link to a page this council does not publish is
dropped rather than left broken: shared pages link to pages some councils exclude.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import LgsiteError
from ..layers import Page
from ..model import ContentModel
from ..opening_hours import OpeningHours, week_rows
from ..rules import tel_href
from ..site import CONTACT_PAGE
from ..ui_strings import DEFAULT
from ..urls import resolve_ref
from .links import front_matter_link



if TYPE_CHECKING:
    from ..site import Site

CONTACT_FIELDS = ("phone", "email", "address", "hours")


def generate(site: Site, model: ContentModel) -> None:
    home = site.pages.get("index.md")
    if home is not None:  # the home page and the 404 page both offer them
        site.shared_context["top_tasks"] = site.links([str(path) for path in home.meta.get("top_tasks") or []])
    for path, page in site.pages.items():
        with site.problems.collecting():
            add_extras(site, path, page)


def add_extras(site: Site, path: str, page: Page) -> None:
    """One page's contact blocks, related links and review date."""
    extras: dict[str, Any] = {}
    if page.type == "contact":
        extras["contact"] = contact_details(page, site.lang)
    contacts = []
    for index, ref in enumerate(page.meta.get("contacts") or []):
        with site.problems.collecting():
            contacts.append(contact_block(site, page, index, ref))
    if not contacts and offline_service(page) and CONTACT_PAGE in site.pages:
        # No online service to start: the page says how to reach the council instead.
        contacts = [{**contact_details(site.pages[CONTACT_PAGE], site.lang), "url": site.link(CONTACT_PAGE)["url"]}]
    if contacts:
        extras["contacts"] = contacts
    related = []
    for index, item in enumerate(page.meta.get("related") or []):
        with site.problems.collecting():
            link = front_matter_link(site, page, item, what="related links to", key=("related", str(index), "page"))
            if link is not None:
                related.append(link.as_context())
    if related:
        extras["related"] = related
    reviewed = page.data.get("last_reviewed")
    if reviewed is not None:
        extras["last_reviewed"] = {"iso": reviewed.isoformat()}  # the theme writes it in the page's language
    if extras:
        site.page_context(path).update(extras)


def offline_service(page: Page) -> bool:
    """A service page whose Start button has no online service to go to."""
    start = page.meta.get("start")
    return isinstance(start, dict) and bool(start.get("offline"))


def contact_details(page: Page, lang: str = DEFAULT) -> dict[str, Any]:
    details: dict[str, Any] = {"title": page.title}
    for key in CONTACT_FIELDS:
        value = page.meta.get(key)
        hours = page.data.get(key)
        if isinstance(hours, OpeningHours):  # opening times as entries: one line of days and times
            value = "; ".join(f"{row.label}: {row.hours}" for row in week_rows(hours, lang))
        elif isinstance(value, dict):  # an address written as {street, town, postcode}
            value = ", ".join(str(part) for part in value.values() if part)
        if value:
            details[key] = str(value)
    if "phone" in details:
        details["tel"] = tel_href(details["phone"])
    return details


def contact_block(site: Site, page: Page, index: int, ref: str) -> dict[str, Any]:
    target = resolve_ref(page.path, ref)
    contact = site.pages.get(target)
    if contact is None or contact.type != "contact":
        what = "no published page" if contact is None else f"a {contact.type} page, not a contact page"
        raise LgsiteError(
            f"contacts lists '{ref}', which is {what}",
            file=page.provenance.file or page.path,
            line=page.meta_lines.get(("contacts", str(index))) or page.meta_lines.get(("contacts",)),
            hint="Give the path of a page with type: contact, relative to this page.",
        )
    return {**contact_details(contact, site.lang), "url": site.link(target)["url"]}
