#!/usr/bin/env python3
"""Derive lgsite's information-architecture data from the public reference data.

The content model needs two small, stable files: the LGNL category tree
(`categories.yml`) and the LGSL services a council website publishes, with the
council tiers that provide each one (`services.yml`). Both are derived from the
esd-toolkit standard lists and GOV.UK's local services data in `shared/data`, so
that the project never hand-edits a copy of a public standard and can rerun this
script when the sources change.

Output is deterministic (sorted keys and lists, no timestamps, no absolute
paths), so rerunning the script gives byte-identical files and a diff shows only
real changes in the sources.

Usage: python tools/derive_ia.py [DATA_DIR] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT_DIR = REPO_ROOT / "content-model" / "architecture"

# ESD organisation types that are principal councils in England, and the tier
# name each one gets in lgsite. Other types (fire authorities, national parks,
# parish councils, ...) do not publish a council website, so they are ignored.
ESD_TIERS: dict[int, str] = {
    38: "district",
    39: "county",
    40: "unitary",
    41: "metropolitan",
    42: "london-borough",
}
ALL_TIERS: tuple[str, ...] = tuple(sorted(ESD_TIERS.values()))

# GOV.UK's "Providing Tier" only distinguishes the two halves of two-tier areas;
# single-tier councils (unitary, metropolitan, London borough) do both halves.
SINGLE_TIER: tuple[str, ...] = ("london-borough", "metropolitan", "unitary")
GOVUK_TIERS: dict[str, tuple[str, ...]] = {
    "district/unitary": tuple(sorted(("district", *SINGLE_TIER))),
    "county/unitary": tuple(sorted(("county", *SINGLE_TIER))),
    "all": ALL_TIERS,
}

ESD_SNAPSHOT = "esd-toolkit standard lists, standards.esd.org.uk, snapshot last modified 2018-03-20"
ESD_ATTRIBUTION: tuple[str, str] = (
    "Licence: Open Government Licence v3.0 "
    "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)",
    "Attribution: Contains public sector information licensed under the Open Government "
    "Licence v3.0. Attribution: esd-toolkit programme / LGA",
)
GOVUK_ATTRIBUTION: tuple[str, str] = (
    "Licence: MIT (full text in content-model/architecture/README.md)",
    "Copyright: Copyright (C) 2011 Crown Copyright (Government Digital Service)",
)
CATEGORY_SOURCES: list[str] = [
    f"Source: LGNL navigation list (esd/navigation.csv), {ESD_SNAPSHOT}",
    *ESD_ATTRIBUTION,
]
SERVICE_SOURCES: list[str] = [
    "Source: LGSL service list and its LGNL and organisation-type mappings (esd/services.csv, "
    f"esd/navigation_services.csv, esd/organisationTypes_services.csv), {ESD_SNAPSHOT}",
    *ESD_ATTRIBUTION,
    "Source: GOV.UK local services data (govuk/local_services.csv), "
    "alphagov/publisher data/local_services.csv",
    *GOVUK_ATTRIBUTION,
]


class DerivationError(Exception):
    """The source data broke an assumption this script relies on."""


@dataclass
class Term:
    """One LGNL navigation term, with the terms below it."""

    lgnl: int
    label: str
    parent: int | None
    slug: str = ""
    depth: int = 0
    children: list[Term] = field(default_factory=list)


@dataclass
class Service:
    """One LGSL service as it will be written to services.yml."""

    lgsl: int
    label: str
    categories: list[str]
    tiers: tuple[str, ...]
    tier_source: str
    tier_note: str | None = None


class FlowList(list):  # type: ignore[type-arg]
    """A short list of scalars, written inline (`[a, b]`) to keep the file scannable."""


class Dumper(yaml.SafeDumper):
    """SafeDumper that indents block sequences under their key, as the docs show."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


Dumper.add_representer(
    FlowList,
    lambda dumper, data: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", list(data), flow_style=True
    ),
)


# --------------------------------------------------------------------------- io


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a CSV file as dicts; utf-8-sig tolerates a byte-order mark."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def clean(text: str) -> str:
    """Collapse whitespace runs: several ESD labels carry stray double spaces."""
    return " ".join(text.split())


def slugify(label: str) -> str:
    """Slug rule shared with CONTRIBUTING.md: lower case, one hyphen per non-[a-z0-9] run."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def mapped_rows(rows: Iterable[dict[str, str]], mapping_type: str) -> Iterable[dict[str, str]]:
    """Yield the service mapping rows of an ESD mapping file.

    ESD mapping files also hold one row per unmapped term (empty mapping
    columns); those are skipped. Any other mapping or mapped type is an
    unexpected change in the source, so it stops the run instead of being
    silently dropped.
    """
    for row in rows:
        kind, target = row["Mapping type"], row["Mapped type"]
        if not kind and not target:
            continue
        if kind != mapping_type or target != "Service":
            raise DerivationError(
                f"unexpected mapping {kind!r} -> {target!r} for {row['Identifier']}"
            )
        yield row


# ------------------------------------------------------------------- categories


def load_terms(data_dir: Path) -> dict[int, Term]:
    """Load LGNL terms, keyed by identifier, and link each to its parent."""
    terms: dict[int, Term] = {}
    for row in read_csv(data_dir / "esd" / "navigation.csv"):
        parent = row["Parent identifiers"].strip()
        if parent and not parent.isdigit():
            raise DerivationError(f"LGNL {row['Identifier']} has several parents: {parent!r}")
        lgnl = int(row["Identifier"])
        if lgnl in terms:
            raise DerivationError(f"LGNL {lgnl} appears twice in navigation.csv")
        terms[lgnl] = Term(lgnl, clean(row["Label"]), int(parent) if parent else None)
    for term in sorted(terms.values(), key=lambda t: t.lgnl):
        if term.parent is not None:
            if term.parent not in terms:
                raise DerivationError(f"LGNL {term.lgnl} has unknown parent {term.parent}")
            terms[term.parent].children.append(term)
    return terms


def assign_slugs(roots: list[Term]) -> None:
    """Give every term its slug and depth; slugs are page paths, so must be unique."""
    seen: dict[str, int] = {}

    def visit(term: Term, depth: int) -> None:
        term.slug, term.depth = slugify(term.label), depth
        if term.slug in seen:
            raise DerivationError(
                f"slug {term.slug!r} used by LGNL {seen[term.slug]} and {term.lgnl}"
            )
        seen[term.slug] = term.lgnl
        for child in term.children:
            visit(child, depth + 1)

    for root in roots:
        visit(root, 1)


def build_tree(data_dir: Path) -> tuple[list[Term], dict[int, Term]]:
    """Return the top-level LGNL terms (in LGNL order) and all terms by id."""
    terms = load_terms(data_dir)
    roots = sorted((t for t in terms.values() if t.parent is None), key=lambda t: t.lgnl)
    assign_slugs(roots)
    return roots, terms


def term_to_yaml(term: Term) -> dict[str, Any]:
    """Shape one term for categories.yml, omitting `children` on leaves."""
    node: dict[str, Any] = {"id": term.slug, "label": term.label, "lgnl": term.lgnl}
    if term.children:
        node["children"] = [term_to_yaml(child) for child in term.children]
    return node


# --------------------------------------------------------------------- services


def load_esd_labels(data_dir: Path) -> dict[int, str]:
    """LGSL number -> ESD label."""
    return {
        int(row["Identifier"]): clean(row["Label"])
        for row in read_csv(data_dir / "esd" / "services.csv")
    }


def load_govuk(data_dir: Path) -> dict[int, tuple[str, tuple[str, ...]]]:
    """LGSL number -> (GOV.UK description, tiers) from GOV.UK's local services."""
    services: dict[int, tuple[str, tuple[str, ...]]] = {}
    for row in read_csv(data_dir / "govuk" / "local_services.csv"):
        tier = row["Providing Tier"].strip()
        if tier not in GOVUK_TIERS:
            raise DerivationError(f"LGSL {row['LGSL']}: unknown GOV.UK tier {tier!r}")
        services[int(row["LGSL"])] = (clean(row["Description"]), GOVUK_TIERS[tier])
    return services


def load_esd_tiers(data_dir: Path) -> dict[int, tuple[str, ...]]:
    """LGSL number -> council tiers that ESD says deliver it (only if any)."""
    tiers: dict[int, set[str]] = defaultdict(set)
    rows = read_csv(data_dir / "esd" / "organisationTypes_services.csv")
    for row in mapped_rows(rows, "delivers"):
        org_type = int(row["Identifier"])
        if org_type in ESD_TIERS:
            tiers[int(row["Mapped identifier"])].add(ESD_TIERS[org_type])
    return {lgsl: tuple(sorted(found)) for lgsl, found in tiers.items()}


def load_service_terms(data_dir: Path) -> dict[int, set[int]]:
    """LGSL number -> LGNL terms the ESD navigation mapping puts it under."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = read_csv(data_dir / "esd" / "navigation_services.csv")
    for row in mapped_rows(rows, "contains"):
        found[int(row["Mapped identifier"])].add(int(row["Identifier"]))
    return found


def rank_categories(lgnl_ids: Iterable[int], terms: dict[int, Term]) -> list[str]:
    """Order a service's categories, preferred first.

    Second-level terms are the category landing pages, so they win over
    third-level terms (and over a top-level term, should ESD ever map one);
    ties go to the lowest LGNL id so the choice never depends on file order.
    """
    return [
        terms[i].slug
        for i in sorted(lgnl_ids, key=lambda i: (terms[i].depth != 2, terms[i].depth, i))
    ]


def decide_tiers(
    lgsl: int,
    govuk: dict[int, tuple[str, tuple[str, ...]]],
    esd: dict[int, tuple[str, ...]],
) -> tuple[tuple[str, ...], str, str | None]:
    """Return (tiers, tier_source, tier_note) for one service.

    GOV.UK's list is maintained (updated 2026) and the ESD snapshot dates from
    2018, so GOV.UK wins wherever it lists the service; the ESD view is kept
    in a note when it differs, because the tier is only a default that each
    council may override.
    """
    if lgsl not in govuk:
        return esd[lgsl], "esd", None
    tiers = govuk[lgsl][1]
    esd_tiers = esd.get(lgsl, ())
    if esd_tiers == tiers:
        return tiers, "govuk", None
    if not esd_tiers:
        return tiers, "govuk", "ESD (2018) maps no council type as delivering this service"
    return tiers, "govuk", f"ESD (2018) says {', '.join(esd_tiers)}"


def build_services(
    data_dir: Path, terms: dict[int, Term]
) -> tuple[list[Service], list[tuple[int, str]]]:
    """Return the services to publish and the (lgsl, label) of those left out.

    A service is in scope when GOV.UK lists it or ESD says a principal council
    delivers it. It is left out when no LGNL term maps it: GOV.UK's data has
    no categories to fall back on, and a service page needs a category.
    """
    labels = load_esd_labels(data_dir)
    govuk = load_govuk(data_dir)
    esd = load_esd_tiers(data_dir)
    service_terms = load_service_terms(data_dir)
    unknown = sorted(set(service_terms) - set(labels))
    if unknown:
        raise DerivationError(f"navigation maps LGSL not in services.csv: {unknown}")

    services: list[Service] = []
    left_out: list[tuple[int, str]] = []
    for lgsl in sorted(set(govuk) | set(esd)):
        label = labels.get(lgsl) or govuk.get(lgsl, ("",))[0]
        if not label:
            raise DerivationError(f"LGSL {lgsl} has no label in ESD or GOV.UK data")
        if not service_terms.get(lgsl):
            left_out.append((lgsl, label))
            continue
        tiers, source, note = decide_tiers(lgsl, govuk, esd)
        categories = rank_categories(service_terms[lgsl], terms)
        services.append(Service(lgsl, label, categories, tiers, source, note))
    return services, left_out


def service_to_yaml(service: Service) -> dict[str, Any]:
    """Shape one service for services.yml in a fixed key order."""
    node: dict[str, Any] = {
        "lgsl": service.lgsl,
        "label": service.label,
        "category": service.categories[0],
        "categories": FlowList(service.categories),
        "tiers": FlowList(service.tiers),
        "tier_source": service.tier_source,
    }
    if service.tier_note:
        node["tier_note"] = service.tier_note
    return node


# ------------------------------------------------------------------------- yaml


def header(title: str, sources: list[str]) -> str:
    """The comment block that opens each generated file: provenance travels with the data."""
    lines = [
        title,
        "Generated by tools/derive_ia.py - do not edit by hand.",
        "Regenerate with: python tools/derive_ia.py",
        *sources,
    ]
    return "".join(f"# {line}\n" for line in lines)


def write_yaml(path: Path, head: str, data: dict[str, Any]) -> None:
    """Write header + YAML with fixed options so the bytes never vary between runs."""
    body = yaml.dump(
        data,
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1000,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + "\n" + body, encoding="utf-8", newline="\n")


# ------------------------------------------------------------------------- main


def count_terms(roots: list[Term]) -> dict[int, int]:
    """Number of terms at each depth, for the run summary."""
    counts: dict[int, int] = defaultdict(int)
    stack = list(roots)
    while stack:
        term = stack.pop()
        counts[term.depth] += 1
        stack.extend(term.children)
    return dict(sorted(counts.items()))


def report(roots: list[Term], services: list[Service], left_out: list[tuple[int, str]]) -> None:
    """Print the counts the architecture README quotes, so drift is visible."""
    by_depth = count_terms(roots)
    print(f"categories: {len(roots)} top-level; terms by level: {by_depth}")
    by_source: dict[str, int] = defaultdict(int)
    for service in services:
        by_source[service.tier_source] += 1
    print(f"services: {len(services)} written; by tier_source: {dict(sorted(by_source.items()))}")
    notes = [s for s in services if s.tier_note]
    print(f"tier disagreements (tier_note): {len(notes)}: {[s.lgsl for s in notes]}")
    multi = [s.lgsl for s in services if len(s.categories) > 1]
    print(f"services in more than one category: {len(multi)}: {multi}")
    print(f"left out (no LGNL category): {len(left_out)}: {left_out}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options; the defaults suit a checkout next to shared/."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Derive both files; exit 1 with a message if the sources break an assumption."""
    args = parse_args(argv)
    try:
        roots, terms = build_tree(args.data_dir)
        services, left_out = build_services(args.data_dir, terms)
    except (DerivationError, OSError, KeyError, ValueError) as error:
        print(f"derive_ia: {type(error).__name__}: {error}", file=sys.stderr)
        return 1

    write_yaml(
        args.out_dir / "categories.yml",
        header("LGNL website navigation categories", CATEGORY_SOURCES),
        {"categories": [term_to_yaml(root) for root in roots]},
    )
    write_yaml(
        args.out_dir / "services.yml",
        header(
            "LGSL services a council website publishes, with providing tiers",
            SERVICE_SOURCES,
        ),
        {"services": [service_to_yaml(service) for service in services]},
    )
    report(roots, services, left_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
