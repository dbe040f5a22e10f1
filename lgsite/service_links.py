"""`lgsite links`: which of the council's own online services its site needs.

A new council inherits dozens of service pages, each wanting a Start button
that goes to the council's own form or payment page. Rather than find them one
warning at a time, the council gets the whole list, and a stub to paste under
`links:` in council.yml.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import ContentModel
from .variables import LinkNeed

# A stub value that fails validation until the council replaces it with a real address.
PLACEHOLDER = "TODO"


@dataclass
class NeededLink:
    """One (LGSL, interaction) pair, with every page that needs it."""

    lgsl: int
    interaction: str
    state: str  # as LinkNeed.state: given, none or missing
    label: str  # the service's name, from the information architecture
    places: list[str] = field(default_factory=list)  # file:line of each page that needs it


def needed_links(needs: list[LinkNeed], model: ContentModel) -> list[NeededLink]:
    """The needs grouped by service and interaction, in LGSL order."""
    grouped: dict[tuple[int, str], NeededLink] = {}
    for need in needs:
        key = (need.lgsl, need.interaction)
        service = model.services.get(need.lgsl)
        item = grouped.setdefault(
            key, NeededLink(need.lgsl, need.interaction, need.state, service.label if service else ""))
        place = f"{need.file}:{need.line}" if need.line else need.file
        if place not in item.places:
            item.places.append(place)
    return [grouped[key] for key in sorted(grouped)]


def table(links: list[NeededLink]) -> str:
    """A plain table for the terminal: one row a link, then the pages that need it."""
    rows = []
    for link in links:
        rows.append(f"{link.lgsl:>5}  {link.interaction:<9} {link.state:<8} {link.label}")
        rows += [f"{'':>16}{'':<9}{place}" for place in link.places]
    given = sum(1 for link in links if link.state != "missing")
    header = f"{'LGSL':>5}  {'action':<9} {'state':<8} service"
    return "\n".join([header, *rows, f"{given} of {len(links)} links given in council.yml"])


def yaml_stub(links: list[NeededLink], given: dict[int, dict[str, str | None]]) -> str:
    """Lines to paste under `links:` in council.yml for the links it lacks, each address to be replaced.

    A service that already has some links in council.yml is written out whole,
    its given links included, to replace its old entry: YAML keeps only the
    last of two entries with the same number. Written by hand rather than by a
    YAML emitter, so each service keeps a comment naming it and the pages that
    need it.
    """
    lines = [f"  # Replace each {PLACEHOLDER} with the address of your online service,",
             "  # or with none if there is no online service for it."]
    missing = [link for link in links if link.state == "missing"]
    for lgsl in dict.fromkeys(link.lgsl for link in missing):
        label = next(link.label for link in missing if link.lgsl == lgsl)
        existing = given.get(lgsl, {})
        note = "; replaces its entry above" if existing else ""
        lines.append(f"  {lgsl}:  # {label}{note}" if label or note else f"  {lgsl}:")
        for interaction, url in existing.items():
            lines.append(f"    {interaction}: {url or 'none'}")
        for link in missing:
            if link.lgsl == lgsl:
                lines.append(f"    {link.interaction}: {PLACEHOLDER}  # {', '.join(link.places)}")
    return "\n".join(lines)
