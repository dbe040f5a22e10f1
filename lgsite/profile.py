"""`council.yml`: who the council is, checked before anything is built.

Its fields are described in the content model's `types/_council.yml` and checked
by the same machinery as a page's front matter (`schema.validate_data`), so a
phone number, email address or web address is held to the same rule, with the
same words, wherever it is written. This module checks only what a field cannot
say: a district needs its county, the brand colour must be readable on white,
the logo must be an image inside the council folder, `links:` keys are LGSL
numbers and `none` means "no online service", exclusions are page paths or
services. Councils edit the file by hand, so every check names the key, says
what was expected and, for the brand colour, offers a value that would pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from . import colour
from .errors import LgsiteError
from .languages import prefix
from .rules import tel_href
from .sanitise import https_origin
from .schema import COUNCIL_FILE, Fields, load_settings_schema, validate_data
from .sources import bundled_model_dir
from .yamlfile import LocatedData, load_yaml_file

DEFAULT_DISTRICT_FINDER = "https://www.gov.uk/find-local-council"
NO_ONLINE_SERVICE = "none"  # links: {524: {apply: none}}: the council has no online service for it
LOGO_TYPES = (".png", ".svg", ".jpg", ".jpeg", ".webp", ".gif")
FALLBACK_COLOUR = "#1d4f91"  # stands in for a brand colour that is wrong, so pages are still checked
EMBED_EXAMPLE = "https://www.youtube-nocookie.com"


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
    exclude_lines: dict[str, int | None] = field(default_factory=dict)  # each path's line in council.yml
    exclude_services: list[int] = field(default_factory=list)
    provides: list[int] = field(default_factory=list)
    does_not_provide: list[int] = field(default_factory=list)
    embeds: list[str] = field(default_factory=list)  # origins whose <iframe>s shared pages may show
    synonyms: list[list[str]] = field(default_factory=list)  # search: groups of words for the same thing
    # The languages the site is published in, the default one first; and the council's details in each
    # language other than English (from council.yml's block named by the language code).
    languages: list[str] = field(default_factory=lambda: ["en"])
    translated: dict[str, dict[str, Any]] = field(default_factory=dict)
    english_path: str = "/"  # where English pages are published when there are other languages: / or /en/
    problems: list[LgsiteError] = field(default_factory=list)  # every mistake found in council.yml

    def prefix(self, lang: str) -> str:
        """The folder the site publishes pages in `lang` under: "", "en/" or "cy/"."""
        return prefix(lang, self.english_path)

    def variables(self, lang: str = "en") -> dict[str, Any]:
        """The `council` object that pages and templates in `lang` see: the council's name and
        address in that language where council.yml gives them."""
        values: dict[str, Any] = {
            "name": self.name,
            "tier": self.tier,
            "country": self.country,
            "url": self.url,
            "contact": {
                "phone": self.contact.phone,
                "tel": tel_href(self.contact.phone),
                "email": self.contact.email,
                "address": self.contact.address,
            },
            "brand": {"colour": self.brand.colour},
        }
        if self.county:
            values["county"] = {"name": self.county.name, "url": self.county.url}
        own = self.translated.get(lang, {})
        values["name"] = own.get("name") or values["name"]
        values["contact"]["address"] = (own.get("contact") or {}).get("address") or values["contact"]["address"]
        return values


def load_profile(path: Path, display: str | None = None,
                 report: Callable[[LgsiteError], None] | None = None) -> CouncilProfile:
    """Read and check `council.yml`.

    Without `report`, the first problem is raised. With it, every problem is
    handed to it and a wrong value is replaced by a safe stand-in (a readable
    colour, no logo, the link left out), so the same run goes on to check every
    page; the build then fails on the problems reported. A file that cannot be
    read, or is not a mapping, leaves nothing to check: it is raised at once.
    """
    if path.is_dir():
        raise LgsiteError("is a folder, not a file", file=display or path.name,
                          hint="council.yml must be a YAML file; see the README's council.yml reference.")
    located = load_yaml_file(path, display or path.name)
    if not isinstance(located.data, dict):
        raise LgsiteError("must be a mapping of keys such as name, tier and contact", file=located.file,
                          hint="See the README's council.yml reference.")
    say = report or _raise
    data = validate_data(located, council_schema(), noun="council.yml", report=say)
    return _Reader(located, path, data, say).profile()


@lru_cache(maxsize=1)
def council_schema() -> Fields:
    return load_settings_schema(bundled_model_dir() / "types" / COUNCIL_FILE)


def _raise(error: LgsiteError) -> None:
    raise error


class _Reader:
    """Turns council.yml's typed values into a profile, checking what the schema cannot say."""

    def __init__(self, located: LocatedData, path: Path, data: dict[str, Any],
                 say: Callable[[LgsiteError], None]) -> None:
        self.located = located
        self.path = path
        self.data = data  # typed; a key the schema reported as wrong is missing
        self.say = say
        self.lines: dict[str, int | None] = {}  # excluded paths' lines, for the check against the sources

    def fail(self, path: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        self.say(self.located.error(path, message, hint))

    def profile(self) -> CouncilProfile:
        data = self.data
        tier = str(data.get("tier", "unitary"))  # a wrong tier: check every page, as for a unitary council
        country = str(data.get("country", "england"))
        if country != "england" and tier != "unitary":
            self.fail(("tier",), f"tier is '{tier}', but every council in {country.replace('-', ' ').title()} "
                      "is unitary", "Set tier: unitary.")
        contact = data.get("contact") or {}
        profile = CouncilProfile(
            name=str(data.get("name", "")),
            tier=tier,
            country=country,
            url=str(data.get("url", "")),
            contact=Contact(**{key: str(contact.get(key, "")) for key in ("phone", "email", "address")}),
            brand=self.brand(data.get("brand") or {}),
            file=self.path,
        )
        county = data.get("county")
        if county is not None:
            profile.county = NamedLink(str(county.get("name", "")), str(county.get("url", "")))
        elif tier == "district" and "county" not in self.located.data:
            self.fail(("tier",), "a district council needs 'county': residents are sent to the county council "
                      "for county services",
                      "Add county: with name: and url:, for example county: {name: Exampleshire County Council, "
                      "url: https://www.exampleshire.gov.uk/}.")
        finder = data.get("district_finder")
        if finder is not None:
            profile.district_finder = NamedLink(str(finder.get("name", "")), str(finder.get("url", "")))
        profile.links = self.links(data.get("links") or {})
        profile.exclude_paths, profile.exclude_services = self.exclusions(data.get("exclude") or [])
        profile.exclude_lines = self.lines
        services = data.get("services") or {}
        profile.provides = self.lgsl_list(("services", "provides"), services.get("provides") or [])
        profile.does_not_provide = self.lgsl_list(("services", "does_not_provide"),
                                                  services.get("does_not_provide") or [])
        profile.embeds = self.embeds(data.get("embeds") or [])
        profile.synonyms = [[str(word) for word in group] for group in data.get("synonyms") or []]
        profile.languages = self.languages(data.get("languages"), country)
        if "cy" in data:
            profile.translated["cy"] = data["cy"]
        english_path = str(data.get("english_path", "/"))
        if english_path not in ("/", "/en/"):
            self.fail(("english_path",), f"english_path is '{english_path}'; English pages go at / or under /en/",
                      "Write english_path: / or english_path: /en/.")
        elif len(profile.languages) > 1:  # an English-only site is always at the root
            profile.english_path = english_path
        return profile

    def languages(self, raw: list[str] | None, country: str) -> list[str]:
        """Welsh councils publish in both languages (the Welsh Language Standards); any council may."""
        if not raw:
            return ["en", "cy"] if country == "wales" else ["en"]
        raw = [str(code) for code in raw]  # the schema's choices, as plain codes
        if len(set(raw)) < len(raw):
            self.fail(("languages",), "languages lists a language twice", "List each language once.")
            return list(dict.fromkeys(raw))
        if "en" not in raw:
            self.fail(("languages",), "languages leaves out en: the shared pages are written in English, "
                      "and every Welsh page is paired with an English one", "Add en to languages.")
            return ["en", *raw]
        return list(raw)

    def brand(self, brand: dict[str, Any]) -> Brand:
        value = str(brand.get("colour", FALLBACK_COLOUR))
        if not colour.HEX.match(value):
            self.fail(("brand", "colour"), f"brand.colour '{value}' is not a hex colour",
                      "Write it as '#rrggbb' in quotes, for example '#1d4f91'.")
            value = FALLBACK_COLOUR
        ratio = colour.contrast(value, colour.WHITE)
        if ratio < colour.AA_NORMAL_TEXT:
            darker = colour.darker_shade(value)
            self.fail(("brand", "colour"),
                      f"brand.colour '{value}' has a contrast ratio of {ratio:.2f}:1 with white text "
                      f"and as link colour on white; WCAG AA needs at least 4.5:1",
                      f"Use a darker shade such as '{darker}'.")
            value = darker
        return Brand(colour=value.lower(), logo=self.logo(brand.get("logo")))

    def logo(self, logo: str | None) -> Path | None:
        if not logo:
            return None
        logo_path = (self.path.parent / logo).resolve()
        at = ("brand", "logo")
        # The logo is published as it is: a path (or a link) out of the council folder
        # could publish any file on the build machine.
        if not logo_path.is_relative_to(self.path.parent.resolve()):
            self.fail(at, f"brand.logo '{logo}' is outside the council folder",
                      "Put the logo file in the council folder (for example docs/images/) and give "
                      "its path from council.yml.")
        elif logo_path.suffix.lower() not in LOGO_TYPES:
            self.fail(at, f"brand.logo '{logo}' is not an image", f"Use a {', '.join(t[1:] for t in LOGO_TYPES)} file.")
        elif not logo_path.is_file():
            self.fail(at, f"brand.logo '{logo}' does not exist", "Check the path, relative to council.yml.")
        else:
            return logo_path
        return None

    def links(self, raw: dict[Any, dict[str, Any]]) -> dict[int, dict[str, str | None]]:
        result: dict[int, dict[str, str | None]] = {}
        for key, interactions in raw.items():
            lgsl = self.lgsl(("links", str(key)), key)
            if lgsl is None:
                continue
            # `none`: no online service; pages say to contact the council instead.
            result[lgsl] = {str(interaction): None if address == NO_ONLINE_SERVICE else str(address)
                            for interaction, address in interactions.items()}
        return result

    def lgsl(self, path: tuple[str, ...], value: Any) -> int | None:
        text = str(value).removeprefix("lgsl:")
        if not text.isascii() or not text.isdigit():
            self.fail(path, f"'{value}' is not an LGSL number", "Use the number, for example 57 or lgsl:57.")
            return None
        return int(text)

    def lgsl_list(self, path: tuple[str, ...], raw: list[Any]) -> list[int]:
        numbers = (self.lgsl(path + (str(i),), item) for i, item in enumerate(raw))
        return [number for number in numbers if number is not None]

    def embeds(self, raw: list[str]) -> list[str]:
        """Origins, not pages: an embed allowed from a site is allowed from all of it."""
        origins: list[str] = []
        for index, text in enumerate(raw):
            origin = https_origin(text)
            if origin is None or origin != text.rstrip("/").lower():
                self.fail(("embeds", str(index)), f"embeds entry '{text}' is not an https origin",
                          f"Write https:// and the host name only, for example {EMBED_EXAMPLE}.")
                continue
            origins.append(origin)
        return origins

    def exclusions(self, raw: list[Any]) -> tuple[list[str], list[int]]:
        paths: list[str] = []
        services: list[int] = []
        for index, item in enumerate(raw):
            text = str(item).strip()
            at = ("exclude", str(index))
            if text.startswith("lgsl:"):
                number = self.lgsl(at, text)
                if number is not None:
                    services.append(number)
            elif text.endswith(".md") and not text.startswith("/") and ".." not in text.split("/"):
                paths.append(text)
                self.lines[text] = self.located.line(*at)
            else:
                self.fail(at, f"exclude entry '{text}' is neither a page path nor lgsl:NNN",
                          "Write a path such as housing/apply-for-housing.md or a service such as lgsl:524.")
        return paths, services
