"""The small rules council data is held to, each written once.

An email address in `council.yml` and one on a contact page, a phone number and
the `tel:` link made from it, a slug in a file name and one made from a facet
value: each is checked or made by the same function wherever it appears, so a
value accepted in one place is never refused in another. Web addresses have
their own module, `safe_urls`, because the theme applies that rule too.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .safe_urls import url_problem

# Local part and domain without spaces, quotes, angle brackets or other characters that
# could end an attribute or a mailto: link; a top-level domain of letters.
_EMAIL = re.compile(r"[^@\s\"'<>()\[\],;:\\]+@[^@\s\"'<>()\[\],;:\\]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?[0-9 ()-]+")  # ASCII digits only: a tel: link needs them
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_POSTCODE = re.compile(
    r"(GIR ?0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?"
    r"[0-9][ABD-HJLNP-UW-Z]{2})",
    re.IGNORECASE,
)
PHONE_DIGITS = range(3, 16)  # from a three-digit emergency number to the longest international one


def is_email(text: str) -> bool:
    return _EMAIL.fullmatch(text) is not None


def is_phone(text: str) -> bool:
    return _PHONE.fullmatch(text) is not None and sum(c.isdigit() for c in text) in PHONE_DIGITS


def tel_link(phone: str) -> str:
    """The `tel:` address of a phone number as written for people (`01632 960 111`)."""
    return "tel:" + "".join(c for c in phone if c in "+0123456789")


def is_slug(text: str) -> bool:
    return _SLUG.fullmatch(text) is not None


def slug(text: str) -> str:
    """Words as a web address part: `Garden waste` → `garden-waste`."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def is_postcode(text: str) -> bool:
    return _POSTCODE.fullmatch(text.strip()) is not None


def web_address_problem(text: str) -> str | None:
    """Why `text` is not a full web address (https://host/…) that is safe to publish; None if it is."""
    problem = url_problem(text)
    if problem is not None:
        return problem
    try:
        parts = urlsplit(text)
    except ValueError:
        return "is not a web address"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "is not a full web address"
    return None
