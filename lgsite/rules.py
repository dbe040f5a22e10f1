"""The rules for the small values councils write by hand, each written once.

A phone number, email address, postcode or slug appears in front matter, in
`council.yml` and in generated links. If each place had its own test, the same
address could pass in one file and fail in another, and a `tel:` link could be
made two ways. The schema's field types, the council profile and the generators
all call these functions. URLs have their rule in `safe_urls.url_problem`, which
the theme's filter also uses; `is_web_address` adds what a link written by a
council must have on top of being safe.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .collation import fold
from .safe_urls import url_problem

# ASCII only throughout: \d and str.isdigit() also accept full-width and other scripts'
# digits, which a phone cannot dial and a mail server does not route.
_EMAIL = re.compile(r"[^@\s\"'<>(),;:\\\[\]]+@[^@\s\"'<>(),;:\\\[\]]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?[0-9 ()-]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_POSTCODE = re.compile(
    r"(GIR ?0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?"
    r"[0-9][ABD-HJLNP-UW-Z]{2})",
    re.IGNORECASE,
)
PHONE_DIGITS = (3, 15)  # 999 to the longest international number (E.164)


def is_email(value: str) -> bool:
    """An address a resident can write to; quotes, angle brackets and spaces are refused, since
    the address goes into a `mailto:` link and a quote or bracket could end the attribute."""
    return _EMAIL.fullmatch(value) is not None


def is_phone(value: str) -> bool:
    """Digits 0 to 9 with spaces, brackets and hyphens, an optional leading +, 3 to 15 digits."""
    if _PHONE.fullmatch(value) is None:
        return False
    low, high = PHONE_DIGITS
    return low <= sum(char in "0123456789" for char in value) <= high


def tel_href(phone: str) -> str:
    """The `tel:` link for a phone number: only its digits and a leading +, so every dialler reads it."""
    return "tel:" + "".join(char for char in phone if char in "0123456789+")


def is_postcode(value: str) -> bool:
    return _POSTCODE.fullmatch(value.strip()) is not None


# How councils write the UK as an address's country; any other country is abroad, and its
# postcode (an Irish Eircode, a French code postal) follows rules lgsite does not know.
_UK_NAMES = frozenset({
    "uk", "united kingdom", "united kingdom of great britain and northern ireland", "gb", "gbr",
    "great britain", "britain", "england", "wales", "scotland", "northern ireland", "cymru",
})


def is_uk_country(name: str) -> bool:
    """Whether an address's country is the UK or one of its nations, however it is written ('U.K.', 'GB')."""
    return " ".join(name.lower().replace(".", "").split()) in _UK_NAMES


def is_slug(value: str) -> bool:
    return _SLUG.fullmatch(value) is not None


def slugify(text: str) -> str:
    """'Garden waste' -> 'garden-waste': the slug a person most likely meant. Accented letters keep
    their base letter ('Tŷ bach' -> 'ty-bach'), since Welsh words are full of them."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


def is_web_address(value: str) -> bool:
    """A full web address a council can link to.

    Safe (`url_problem`) is not enough here: a council's link must also say
    http(s) and a host, or it would resolve relative to the page it is on.
    """
    if url_problem(value) is not None:
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)
