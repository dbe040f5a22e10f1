"""`council.yml`: who the council is, validated before anything is built.

Councils edit this file by hand, so every check names the key, says what was
expected and, for the brand colour, offers a value that would pass.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

from . import colour
from .errors import LgsiteError
from .rules import is_email, web_address_problem
from .safe_urls import URL_HINT, url_problem
from .sanitise import https_origin
from .yamlfile import LocatedData, load_yaml_file

TIERS = ("district", "county", "unitary", "metropolitan", "london-borough")
COUNTRIES = ("england", "wales", "scotland", "northern-ireland")
INTERACTIONS = ("apply", "book", "pay", "report", "register", "request", "find", "check", "object")
DEFAULT_DISTRICT_FINDER = "https://www.gov.uk/find-local-council"
NO_ONLINE_SERVICE = "none"  # links: {524: {apply: none}}: the council has no online service for it
LOGO_TYPES = (".png", ".svg", ".jpg", ".jpeg", ".webp", ".gif")

# What a field stands at when it is wrong, so the rest of the build can still be checked in the
# same run; the build fails on the recorded problem, so these never reach a published page.
FALLBACK_URL = "https://www.council.invalid/"
FALLBACK_COLOUR = "#1d4f91"
KNOWN_KEYS = (
    "name", "tier", "country", "url", "contact", "brand", "county",
    "district_finder", "links", "exclude", "services", "embeds",
)
EMBED_EXAMPLE = "https://www.youtube-nocookie.com"
T = TypeVar("T")


@dataclass(frozen=True)
class Contact:
    phone: str
    email: str
    address: str


@dataclass(frozen=True)
class Brand:
    colour: str
    logo: Path | None = None


@dataclass(frozen=True)
class NamedLink:
    name: str
    url: str


@dataclass
class CouncilProfile:
    """A validated `council.yml`."""

    name: str
    tier: str
    country: str
    url: str
    contact: Contact
    brand: Brand
    file: Path
    county: NamedLink | None = None
    district_finder: NamedLink = field(
        default_factory=lambda: NamedLink("Find your local council on GOV.UK", DEFAULT_DISTRICT_FINDER)
    )
    links: dict[int, dict[str, str | None]] = field(default_factory=dict)  # None: no online service
    exclude_paths: list[str] = field(default_factory=list)
    exclude_services: list[int] = field(default_factory=list)
    provides: list[int] = field(default_factory=list)
    does_not_provide: list[int] = field(default_factory=list)
    embeds: list[str] = field(default_factory=list)  # origins whose <iframe>s shared pages may show
    problems: list[LgsiteError] = field(default_factory=list)  # every mistake found in council.yml

    def variables(self) -> dict[str, Any]:
        """The `council` object that pages and templates see."""
        values: dict[str, Any] = {
            "name": self.name,
            "tier": self.tier,
            "country": self.country,
            "url": self.url,
            "contact": {
                "phone": self.contact.phone,
                "email": self.contact.email,
                "address": self.contact.address,
            },
            "brand": {"colour": self.brand.colour},
        }
        if self.county:
            values["county"] = {"name": self.county.name, "url": self.county.url}
        return values


def load_profile(path: Path, display: str | None = None, *, collect: bool = False) -> CouncilProfile:
    """Read and validate `council.yml`.

    Every mistake is found in one pass. With `collect`, they are kept in the
    profile's `problems` (a wrong value stands at a harmless fallback, so the
    pages can still be checked in the same run); without it, the first is
    raised. A file that cannot be read as a mapping is raised at once either way.
    """
    if path.is_dir():
        raise LgsiteError("is a folder, not a file", file=display or path.name,
                          hint="council.yml must be a YAML file; see the README's council.yml reference.")
    located = load_yaml_file(path, display or path.name)
    profile = _Validator(located, path).profile()
    if profile.problems and not collect:
        raise profile.problems[0]
    return profile


class _Validator:
    def __init__(self, located: LocatedData, path: Path) -> None:
        self.located = located
        self.path = path
        if not isinstance(located.data, dict):
            raise LgsiteError(
                "must be a mapping of keys such as name, tier and contact",
                file=located.file,
                hint="See the README's council.yml reference.",
            )
        self.data: dict[str, Any] = located.data
        self.problems: list[LgsiteError] = []

    def checked(self, check: Callable[[], T], fallback: T) -> T:
        """The value `check` gives, or `fallback` with its problem recorded, so checking goes on."""
        try:
            return check()
        except LgsiteError as error:
            self.problems.append(error)
            return fallback

    def fail(self, path: tuple[str | int, ...], message: str, hint: str | None = None) -> LgsiteError:
        return self.located.error(path, message, hint)

    def value(self, *path: str) -> Any:
        node: Any = self.data
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        return node

    def text(self, *path: str, required: bool = True, what: str = "text", given: Any = None) -> str | None:
        value = self.value(*path) if given is None else given
        dotted = ".".join(path)
        if value is None or value == "":
            if not required:
                return None
            raise self.fail(path, f"missing {dotted}", f"Add {dotted}: followed by the {what}.")
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(path, f"{dotted} must be {what}, not a {type(value).__name__}")
        return str(value).strip()

    def choice(self, path: tuple[str, ...], options: tuple[str, ...]) -> str:
        value = self.text(*path, what="one of " + ", ".join(options))
        if value not in options:
            dotted = ".".join(path)
            near = difflib.get_close_matches(value, options, n=1)
            hint = f"Did you mean {near[0]}?" if near else ""
            raise self.fail(
                path,
                f"{dotted} is '{value}', expected one of {', '.join(options)}",
                hint or None,
            )
        return value

    def url(self, *path: str, required: bool = True, given: Any = None) -> str | None:
        value = self.text(*path, required=required, what="a web address starting https://", given=given)
        if value is None:
            return None
        dotted = ".".join(path)
        problem = url_problem(value)
        if problem is not None:
            raise self.fail(path, f"{dotted} {problem}", URL_HINT)
        if web_address_problem(value) is not None:
            raise self.fail(path, f"{dotted} '{value}' is not a web address", "Write it in full, starting https://.")
        return value

    def profile(self) -> CouncilProfile:
        for key in self.data:
            if key not in KNOWN_KEYS:
                near = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
                hint = f"Did you mean {near[0]}?" if near else f"Known keys: {', '.join(KNOWN_KEYS)}."
                self.problems.append(self.fail((str(key),), f"unknown key '{key}'", hint))
        checked = self.checked
        name = checked(lambda: self.text("name", what="council's full name"), "") or ""
        tier = checked(lambda: self.choice(("tier",), TIERS), "unitary")
        country = checked(lambda: self.choice(("country",), COUNTRIES), "england")
        if country != "england" and tier != "unitary":
            self.problems.append(self.fail(
                ("tier",),
                f"tier is '{tier}', but every council in {country.replace('-', ' ').title()} is unitary",
                "Set tier: unitary.",
            ))
        profile = CouncilProfile(
            name=name,
            tier=tier,
            country=country,
            url=checked(lambda: self.url("url"), FALLBACK_URL) or FALLBACK_URL,
            contact=Contact(
                phone=checked(lambda: self.text("contact", "phone", what="main phone number"), "") or "",
                email=checked(self.email, ""),
                address=checked(lambda: self.text("contact", "address", what="postal address"), "") or "",
            ),
            brand=Brand(colour=checked(self.colour, FALLBACK_COLOUR), logo=checked(self.logo, None)),
            file=self.path,
        )
        if tier == "district":
            profile.county = NamedLink(
                checked(lambda: self.text("county", "name", what="name of your county council"), "") or "",
                checked(lambda: self.url("county", "url"), FALLBACK_URL) or FALLBACK_URL,
            )
        if self.value("district_finder") is not None:
            profile.district_finder = NamedLink(
                checked(lambda: self.text("district_finder", "name", what="link text"), "") or "",
                checked(lambda: self.url("district_finder", "url"), FALLBACK_URL) or FALLBACK_URL,
            )
        profile.links = checked(self.links, {})
        profile.exclude_paths, profile.exclude_services = checked(self.exclusions, ([], []))
        profile.provides = checked(lambda: self.lgsl_list("services", "provides"), [])
        profile.does_not_provide = checked(lambda: self.lgsl_list("services", "does_not_provide"), [])
        profile.embeds = checked(self.embeds, [])
        profile.problems = self.problems
        return profile

    def email(self) -> str:
        email = self.text("contact", "email", what="email address") or ""
        if not is_email(email):
            raise self.fail(("contact", "email"), f"contact.email '{email}' is not an email address")
        return email

    def colour(self) -> str:
        value = self.text("brand", "colour", what="hex colour such as '#1d4f91'")
        if not colour.HEX.match(value or ""):
            raise self.fail(
                ("brand", "colour"),
                f"brand.colour '{value}' is not a hex colour",
                "Write it as '#rrggbb' in quotes, for example '#1d4f91'.",
            )
        ratio = colour.contrast(value, colour.WHITE)  # type: ignore[arg-type]
        if ratio < colour.AA_NORMAL_TEXT:
            raise self.fail(
                ("brand", "colour"),
                f"brand.colour '{value}' has a contrast ratio of {ratio:.2f}:1 with white text "
                f"and as link colour on white; WCAG AA needs at least 4.5:1",
                f"Use a darker shade such as '{colour.darker_shade(value)}'.",  # type: ignore[arg-type]
            )
        return value.lower()  # type: ignore[union-attr]

    def logo(self) -> Path | None:
        logo = self.text("brand", "logo", required=False, what="path to an image file")
        logo_path = None
        if logo:
            logo_path = (self.path.parent / logo).resolve()
            # The logo is published as it is: a path (or a link) out of the council folder
            # could publish any file on the build machine.
            if not logo_path.is_relative_to(self.path.parent.resolve()):
                raise self.fail(("brand", "logo"), f"brand.logo '{logo}' is outside the council folder",
                                "Put the logo file in the council folder (for example docs/images/) and give "
                                "its path from council.yml.")
            if logo_path.suffix.lower() not in LOGO_TYPES:
                raise self.fail(("brand", "logo"), f"brand.logo '{logo}' is not an image",
                                f"Use a {', '.join(t[1:] for t in LOGO_TYPES)} file.")
            if not logo_path.is_file():
                raise self.fail(("brand", "logo"), f"brand.logo '{logo}' does not exist", "Check the path, relative to council.yml.")
        return logo_path

    def links(self) -> dict[int, dict[str, str | None]]:
        raw = self.value("links")
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            raise self.fail(("links",), "links must map LGSL numbers to interactions and addresses",
                            "For example: links: {57: {pay: https://...}}.")
        result: dict[int, dict[str, str | None]] = {}
        for key, interactions in raw.items():
            lgsl = self.checked(lambda: self.lgsl(("links", str(key)), key), None)
            if lgsl is None:
                continue
            if not isinstance(interactions, dict):
                self.problems.append(self.fail(("links", str(key)), f"links.{key} must map interactions to addresses",
                                               f"For example: {key}: {{apply: https://...}}."))
                continue
            result[lgsl] = {}
            for interaction, address in interactions.items():
                path = ("links", str(key), str(interaction))
                if interaction not in INTERACTIONS:
                    self.problems.append(self.fail(path, f"links.{key}.{interaction} is not a known interaction",
                                                   f"Use one of {', '.join(INTERACTIONS)}."))
                elif address == NO_ONLINE_SERVICE:
                    result[lgsl][interaction] = None  # pages say to contact the council instead
                else:
                    # A wrong address still counts as given, so pages are not also warned about it.
                    result[lgsl][interaction] = self.checked(lambda: self.url(*path, given=address or ""),
                                                             FALLBACK_URL)
        return result

    def lgsl(self, path: tuple[str, ...], value: Any) -> int:
        text = str(value).removeprefix("lgsl:")
        if not text.isdigit():
            raise self.fail(path, f"'{value}' is not an LGSL number", "Use the number, for example 57 or lgsl:57.")
        return int(text)

    def lgsl_list(self, *path: str) -> list[int]:
        raw = self.value(*path)
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise self.fail(path, f"{'.'.join(path)} must be a list of LGSL numbers")
        return [self.lgsl(path + (str(i),), item) for i, item in enumerate(raw)]

    def embeds(self) -> list[str]:
        """Origins, not pages: an embed allowed from a site is allowed from all of it."""
        raw = self.value("embeds")
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise self.fail(("embeds",), "embeds must be a list of web origins",
                            f"For example: embeds: [{EMBED_EXAMPLE}].")
        origins: list[str] = []
        for index, item in enumerate(raw):
            path = ("embeds", str(index))
            what = f"web origin such as {EMBED_EXAMPLE}"
            text = str(self.text(*path, what=what, given="" if item is None else item))
            origin = https_origin(text)
            if origin is None or origin != text.rstrip("/").lower():
                raise self.fail(path, f"embeds entry '{text}' is not an https origin",
                                f"Write https:// and the host name only, for example {EMBED_EXAMPLE}.")
            origins.append(origin)
        return origins

    def exclusions(self) -> tuple[list[str], list[int]]:
        raw = self.value("exclude")
        if raw is None:
            return [], []
        if not isinstance(raw, list):
            raise self.fail(("exclude",), "exclude must be a list of page paths or lgsl:NNN services")
        paths: list[str] = []
        services: list[int] = []
        for index, item in enumerate(raw):
            text = str(item).strip()
            if text.startswith("lgsl:"):
                services.append(self.lgsl(("exclude", str(index)), text))
            elif text.endswith(".md") and not text.startswith("/") and ".." not in text.split("/"):
                paths.append(text)
            else:
                raise self.fail(("exclude", str(index)), f"exclude entry '{text}' is neither a page path nor lgsl:NNN",
                                "Write a path such as housing/apply-for-housing.md or a service such as lgsl:524.")
        return paths, services
