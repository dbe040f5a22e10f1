"""Directories: lists of places, such as libraries or recycling centres, and a page for each place.

A `directory` page introduces the list and names its id; each `directory-entry`
page names the id of the directory it belongs to. Entries are local facts, so a
council usually writes them in its own docs/ under the shared directory page.

Not every entry is a building with a street address: a park or a bus stop has only
a map point (`geo`), a helpline or a web service is online only (`online: true`),
and a venue across the border has an address outside the UK. An entry needs at
least one of an address, a map point or `online: true`, so residents always learn
where or how to use it.

Filtering must work without JavaScript, so every filter is a page: for each
value of each facet the directory declares (`facets: {accepts: What it
accepts}`), a page lists the entries that have that value (`facets: {accepts:
[Tyres]}`). Each entry page gets its opening hours as a table, a link to the
place on OpenStreetMap and schema.org CivicStructure JSON-LD.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import opening_hours
from ..bank_holidays import nation_of
from ..collation import sort_key
from ..errors import LgsiteError
from ..layers import Page, generated_page
from ..model import ContentModel
from ..rules import is_uk_country, slugify, tel_href
from ..ui_strings import ui_text
from ..uktime import uk_now

if TYPE_CHECKING:
    from ..site import Site

DIRECTORY_TYPE = "directory"
ENTRY_TYPE = "directory-entry"
FACET_TYPE = "directory-facet"
OSM_URL = "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
NO_HOURS = opening_hours.OpeningHours(week=((),) * len(opening_hours.CODES), special=())


@dataclass
class FacetValue:
    label: str
    slug: str
    entries: list[str] = field(default_factory=list)  # entry paths, by title
    # The first place (by path) to give the value and where in its list, which the value's filter page pairs by
    # with the same filter in another language (a place's values are translated in order).
    first: str = ""


@dataclass
class Directory:
    """One published directory page with its entries and the values of its facets."""

    id: str
    page: Page
    entries: list[str] = field(default_factory=list)  # entry paths, by title
    # The first place (by path) to give the value and where in its list, which the value's filter page pairs by
    # with the same filter in another language (a place's values are translated in order).
    first: str = ""
    facets: dict[str, dict[str, FacetValue]] = field(default_factory=dict)  # facet key -> slug -> value

    @property
    def folder(self) -> str:
        """Where its entries and facet pages live: beside the page, in a folder of the same name."""
        path = self.page.path
        if path == "index.md" or path.endswith("/index.md"):
            return path[: -len("index.md")]
        return path[: -len(".md")] + "/"

    @property
    def labels(self) -> dict[str, str]:
        """Facet key -> its label, in the order the directory page gives them."""
        declared = self.page.meta.get("facets") or {}
        return {str(key): str(label) for key, label in declared.items()}

    def facet_path(self, key: str, value: FacetValue) -> str:
        return f"{self.folder}{slugify(key)}/{value.slug}.md"


def generate(site: Site, model: ContentModel) -> None:
    """Give each directory its entries and facet pages, and each entry its hours, map link and JSON-LD."""
    directories = published_directories(site.pages)
    today = uk_now(site.now).date()  # the day it is in the UK, whatever the build machine's zone
    for path, page in sorted(site.pages.items(), key=lambda item: sort_key(item[1].title, site.lang)):
        if page.type == ENTRY_TYPE:
            with site.problems.collecting():
                directory = directory_of(page, directories)
                collect_facets(page, directory)
                directory.entries.append(path)
    for directory in directories.values():
        if not directory.entries:
            site.problems.warning_of(empty_directory(directory))
        add_facet_pages(site, directory)
        site.page_context(directory.page.path)["directory"] = listing(site, directory)
        for key, values in directory.facets.items():
            for value in values.values():
                filtered = listing(site, directory, (key, value.slug))
                site.page_context(directory.facet_path(key, value))["directory"] = filtered
        for path in directory.entries:
            with site.problems.collecting():
                describe_entry(site, directory, site.pages[path], today)


def published_directories(pages: dict[str, Page]) -> dict[str, Directory]:
    """Directory pages by id; two with one id would leave entries not knowing where they belong."""
    directories: dict[str, Directory] = {}
    for path, page in sorted(pages.items()):
        if page.type != DIRECTORY_TYPE:
            continue
        directory_id = str(page.meta["directory"])
        if directory_id in directories:
            other = directories[directory_id].page
            raise LgsiteError(
                f"directory is '{directory_id}', which {other.provenance.file or other.path} uses too",
                file=page.provenance.file, line=page.meta_lines.get(("directory",)),
                hint="Give each directory page its own id.",
            )
        directories[directory_id] = Directory(directory_id, page)
    return directories


def directory_of(entry: Page, directories: dict[str, Directory]) -> Directory:
    directory_id = str(entry.meta["directory"])
    if directory_id in directories:
        return directories[directory_id]
    known = ", ".join(f"{d.id} ({d.page.path})" for d in directories.values())
    raise LgsiteError(
        f"directory is '{directory_id}', which no published directory page has",
        file=entry.provenance.file, line=entry.meta_lines.get(("directory",)),
        hint=f"Published directories: {known}." if known else
        f"This site publishes no directory page; add one with type: directory and directory: {directory_id}.",
    )


def empty_directory(directory: Directory) -> LgsiteError:
    """A directory with no places is published saying so; its author is told how to fill it or leave it out."""
    page = directory.page
    return LgsiteError(
        f"is the directory '{directory.id}', but no published directory-entry page names it, "
        "so it tells residents there are no places yet",
        file=page.provenance.file or page.path, line=page.meta_lines.get(("directory",)),
        hint=f"Add pages with type: directory-entry and directory: {directory.id}, "
             f"or leave the page out (exclude: in council.yml for a shared page).",
    )


def collect_facets(entry: Page, directory: Directory) -> None:
    """Note each facet value the entry has; a facet the directory does not declare is a typo or an omission."""
    labels = directory.labels
    for key, values in (entry.meta.get("facets") or {}).items():
        key = str(key)
        line = entry.meta_lines.get(("facets", key))
        if key not in labels:
            declared = ", ".join(labels) or "none"
            raise LgsiteError(
                f"facets has '{key}', which directory '{directory.id}' does not declare (it declares: {declared})",
                file=entry.provenance.file, line=line,
                hint=f"Use one of those, or add {key}: with a label under facets: in {directory.page.path}.",
            )
        facet = directory.facets.setdefault(key, {})
        for index, value in enumerate(values):
            value_slug = slugify(str(value))
            if not value_slug:
                raise LgsiteError(
                    f"facets.{key} has '{value}', which has no letters or numbers to make a web address from",
                    file=entry.provenance.file, line=line, hint="Use words, like Garden waste.",
                )
            found = facet.setdefault(value_slug, FacetValue(str(value), value_slug))
            first = f"{directory.id}#{key}#{entry.path}#{index}"  # the same whichever order places come in
            found.first = min(found.first, first) if found.first else first
            if entry.path not in found.entries:
                found.entries.append(entry.path)


def add_facet_pages(site: Site, directory: Directory) -> None:
    """A page for each facet value: the filter works as a plain link."""
    for key, values in directory.facets.items():
        for value in values.values():
            path = directory.facet_path(key, value)
            if path in site.pages:
                raise LgsiteError(
                    f"is where the filter page for {directory.labels[key]}: {value.label} goes",
                    file=site.pages[path].provenance.file or path,
                    hint="Rename the page, or the facet value.",
                )
            meta = {
                "title": f"{directory.page.title}: {value.label}",
                "description": ui_text(site.lang, "filtered_directory", directory=directory.page.title,
                                       facet=directory.labels[key].lower(), value=value.label),
                "type": FACET_TYPE,
                "directory": directory.id,
            }
            site.add_page(generated_page(path, meta), f"the filter page for {directory.labels[key]}: {value.label}")
            site.pairs_by[path] = value.first


def listing(site: Site, directory: Directory, current: tuple[str, str] | None = None) -> dict[str, Any]:
    """What a directory page or one of its facet pages shows: the filters and the matching places."""
    labels = directory.labels
    facets = []
    for key in labels:
        values = sorted(directory.facets.get(key, {}).values(), key=lambda v: sort_key(v.label, site.lang))
        if values:
            facets.append({
                "label": labels[key],
                "options": [
                    {**site.link(directory.facet_path(key, value)), "label": value.label, "count": len(value.entries),
                     "current": current == (key, value.slug)}
                    for value in values
                ],
            })
    paths = directory.entries if current is None else directory.facets[current[0]][current[1]].entries
    return {
        "all": {**site.link(directory.page.path), "current": current is None},
        "facets": facets,
        "total": len(directory.entries),
        "entries": [{**site.link(path), "address": ", ".join(address_lines(site.pages[path])),
                     "online": site.pages[path].data.get("online") is True} for path in paths],
        "filter": None if current is None else {
            "label": labels[current[0]], "value": directory.facets[current[0]][current[1]].label,
        },
    }


def describe_entry(site: Site, directory: Directory, entry: Page, today: dt.date) -> None:
    """The entry page's place (address, contact, opening hours, map link), its directory and its JSON-LD."""
    meta, data = entry.meta, entry.data
    if all(meta.get(key) in (None, False) for key in ("address", "geo", "online")):
        raise LgsiteError(
            "a directory entry needs an address, a map point (geo) or online: true, so residents know where to go",
            file=entry.provenance.file or entry.path, line=entry.meta_lines.get(("directory",)),
            hint="Add address: {street: 1 High Street, town: Anytown, postcode: AN1 1AA}, "
                 "or geo: {lat: 51.5014, lon: -0.1419} for a place without a street address, "
                 "or online: true for a service with no place to visit.",
        )
    given_hours = data.get("opening_hours")
    hours = opening_hours.upcoming(given_hours or NO_HOURS, today, nation_of(site.profile.country))
    geo = data.get("geo")
    map_url = OSM_URL.format(lat=geo["lat"], lon=geo["lon"]) if geo else None
    phone = str(data["phone"]) if data.get("phone") else None
    website = str(data["website"]) if data.get("website") else None
    labels = directory.labels
    context = site.page_context(entry.path)
    context.setdefault("part_of", []).append(site.link(directory.page.path))
    context["place"] = {
        "address": address_lines(entry),
        "online": data.get("online") is True,
        "phone": phone,
        "phone_href": tel_href(phone) if phone else None,
        "email": str(data["email"]) if data.get("email") else None,
        "website": website,
        "website_text": website_text(website) if website else None,
        "map_url": map_url,
        "hours": given_hours is not None,
        "timetable": hours.timetable,
        "notes": list(hours.notes),
        "week": opening_hours.week_rows(hours, site.lang),
        "special": opening_hours.special_rows(hours, site.lang),
        "hours_data": opening_hours.script_data(hours),
        "facets": [
            {"label": labels[key], "options": [
                {"label": str(value), **site.link(directory.facet_path(key, directory.facets[key][slugify(str(value))]))}
                for value in values
            ]}
            for key, values in (meta.get("facets") or {}).items()
        ],
    }
    context.setdefault("json_ld", []).append(
        civic_structure(entry, site.page_address(entry.path), hours, map_url)
    )


def website_text(url: str) -> str:
    """A web address as residents read it, without https:// or a trailing slash: 'www.anytown.gov.uk/library'."""
    return url.split("://", 1)[-1].rstrip("/")


def civic_structure(entry: Page, url: str, hours: opening_hours.OpeningHours, map_url: str | None) -> dict[str, Any]:
    """The place as schema.org CivicStructure: a public building or site, with its hours.

    An entry that is online only has no place to be a structure: it is a Service, reached at
    its website or phone number (not a GovernmentService: a directory lists others' services
    too, and it has no LGSL number to identify it).
    """
    data = entry.data
    item: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CivicStructure",
        "name": entry.title,
        "description": str(entry.meta.get("description", "")),
        "url": url,
    }
    if data.get("online") is True and not data.get("address") and not data.get("geo"):
        item["@type"] = "Service"
        channel: dict[str, Any] = {"@type": "ServiceChannel", "name": entry.title}
        if data.get("website"):
            channel["serviceUrl"] = str(data["website"])
        if data.get("phone"):
            channel["servicePhone"] = {"@type": "ContactPoint", "telephone": str(data["phone"])}
        item["availableChannel"] = channel
        if hours.timetable:
            item["hoursAvailable"] = opening_hours.schema_specifications(hours)
        return item
    if data.get("address"):
        item["address"] = postal_address(data["address"])
    if data.get("geo"):
        item["geo"] = {"@type": "GeoCoordinates", "latitude": data["geo"]["lat"], "longitude": data["geo"]["lon"]}
        item["hasMap"] = map_url
    if data.get("phone"):
        item["telephone"] = str(data["phone"])
    if hours.timetable:
        item["openingHoursSpecification"] = opening_hours.schema_specifications(hours)
    return item


def postal_address(address: Any) -> Any:
    """A PostalAddress; an address given as one line of text (a council variable) stays text.

    A UK address's country is GB; one outside the UK keeps the country as written.
    """
    if not isinstance(address, dict):
        return str(address)
    street = ", ".join(str(address[key]) for key in ("street", "locality") if address.get(key))
    item: dict[str, Any] = {"@type": "PostalAddress"}
    if street:
        item["streetAddress"] = street
    item["addressLocality"] = str(address["town"])
    if address.get("postcode"):
        item["postalCode"] = str(address["postcode"])
    item["addressCountry"] = "GB" if in_the_uk(address) else str(address["country"])
    if address.get("county"):
        item["addressRegion"] = str(address["county"])
    return item


def in_the_uk(address: dict[str, Any]) -> bool:
    """Whether an address is in the UK: one without a country is (see rules.is_uk_country)."""
    return not address.get("country") or is_uk_country(str(address["country"]))


def address_lines(entry: Page) -> list[str]:
    """The address as it is written on an envelope; a UK address leaves its country out, another shows it."""
    address = entry.data.get("address")
    if address is None:
        return []
    if not isinstance(address, dict):
        return [str(address)]
    keys = ["street", "locality", "town", "county", "postcode"] + ([] if in_the_uk(address) else ["country"])
    return [str(address[key]) for key in keys if address.get(key)]
