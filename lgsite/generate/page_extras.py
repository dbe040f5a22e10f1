"""What any page can carry beside its text: contact blocks, related links, when it was last reviewed.

Contact details are written once, on a contact page, and included by reference
(`contacts: [../about-the-council/contact-us.md]`), so a changed phone number is
changed everywhere. A related link to a page this council does not publish is
dropped rather than left broken: shared pages link to pages some councils exclude.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import LgsiteError
from ..layers import Page
from ..model import ContentModel
from ..uktime import date_text

if TYPE_CHECKING:
    from ..assemble import Site

CONTACT_FIELDS = ("phone", "email", "address", "hours")


def generate(site: Site, model: ContentModel) -> None:
    home = site.pages.get("index.md")
    if home is not None:  # the home page and the 404 page both offer them
        site.shared_context["top_tasks"] = site.links([str(path) for path in home.meta.get("top_tasks") or []])
    unpublished = {provenance.path for provenance in site.excluded}
    for path, page in list(site.pages.items()):
        context = site.page_context(path)
        if page.type == "contact":
            context["contact"] = contact_details(page)
        contacts = [contact_block(site, page, path, index, ref) for index, ref in enumerate(page.meta.get("contacts") or [])]
        if contacts:
            context["contacts"] = contacts
        related = [
            link for index, item in enumerate(page.meta.get("related") or [])
            if (link := related_link(site, page, path, index, item, unpublished)) is not None
        ]
        if related:
            context["related"] = related
        reviewed = page.meta.get("last_reviewed")
        if reviewed:
            context["last_reviewed"] = {"iso": str(reviewed), "text": date_text(date.fromisoformat(str(reviewed)[:10]))}


def contact_details(page: Page) -> dict[str, Any]:
    details: dict[str, Any] = {"title": page.title}
    for key in CONTACT_FIELDS:
        value = page.meta.get(key)
        if isinstance(value, dict):  # an address written as {street, town, postcode}
            value = ", ".join(str(part) for part in value.values() if part)
        if value:
            details[key] = str(value)
    if "phone" in details:
        details["tel"] = "tel:" + "".join(ch for ch in details["phone"] if ch.isdigit() or ch == "+")
    return details


def contact_block(site: Site, page: Page, path: str, index: int, ref: str) -> dict[str, Any]:
    target = site.resolve(path, ref)
    contact = site.pages.get(target)
    if contact is None or contact.type != "contact":
        what = "no published page" if contact is None else f"a {contact.type} page, not a contact page"
        raise LgsiteError(
            f"contacts lists '{ref}', which is {what}",
            file=page.provenance.file or path,
            line=page.meta_lines.get(("contacts", str(index))) or page.meta_lines.get(("contacts",)),
            hint="Give the path of a page with type: contact, relative to this page.",
        )
    return {**contact_details(contact), "url": site.link(target)["url"]}


def related_link(
    site: Site, page: Page, path: str, index: int, item: dict[str, Any], unpublished: set[str]
) -> dict[str, Any] | None:
    text = str(item.get("text", ""))
    if "url" in item:
        return {"text": text, "url": str(item["url"]), "external": True}
    ref = str(item.get("page", ""))
    target = site.resolve(path, ref)
    if target in site.pages:
        return {"text": text, "url": site.link(target)["url"], "external": False}
    if target in unpublished:
        return None
    raise LgsiteError(
        f"related links to '{ref}', which no source has",
        file=page.provenance.file or path,
        line=page.meta_lines.get(("related", str(index), "page")) or page.meta_lines.get(("related",)),
        hint="Check the path; it is relative to this page, like ../housing/housing-advice.md.",
    )
