#!/usr/bin/env python3
"""Derive lgsite's register of UK councils (`lgsite/data/councils.csv`) from GOV.UK's list.

`lgsite new` needs, for each council, only what fills in a new project's
`council.yml`: its name, tier, country, county (for a district), website and
GSS code. The package ships that small file rather than GOV.UK's whole list,
and this script remakes it when the list changes, so the copy is never edited
by hand.

Two decisions are made here, once, rather than at every `lgsite new`:

- GOV.UK's tier 3 ("unitary") covers every single-tier council. lgsite tells
  metropolitan boroughs and London boroughs apart, as the content model does,
  by the GSS code's entity prefix: E08 is a metropolitan district, E09 a London
  borough. Everything else in tier 3 is `unitary`.
- A few websites are listed as http://. Every council site serves https today,
  and council.yml accepts only https addresses, so the scheme is upgraded.

Output is deterministic (rows sorted by name), so a rerun gives a byte-identical file.

Usage: python tools/derive_councils.py [CSV] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data" / "govuk" / "local-authorities.csv"
DEFAULT_OUT = REPO_ROOT / "lgsite" / "data" / "councils.csv"

GOVUK_TIERS = {"1": "county", "2": "district", "3": "unitary"}
SINGLE_TIER_BY_GSS = {"E08": "metropolitan", "E09": "london-borough"}
COUNTRIES = {"England": "england", "Wales": "wales", "Scotland": "scotland", "Northern Ireland": "northern-ireland"}
COLUMNS = ["name", "tier", "country", "county", "website", "gss"]


def derive(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One register row per council; stops on anything the mapping above does not cover."""
    by_id = {row["id"]: row for row in rows}
    out = []
    for row in rows:
        tier = GOVUK_TIERS.get(row["tier_id"])
        country = COUNTRIES.get(row["country_name"])
        if tier is None or country is None or not row["gss"] or not row["homepage_url"].startswith("http"):
            sys.exit(f"unexpected row for {row['name']!r}: tier {row['tier_id']!r}, country {row['country_name']!r}, "
                     f"gss {row['gss']!r}, website {row['homepage_url']!r}")
        if tier == "unitary":
            tier = SINGLE_TIER_BY_GSS.get(row["gss"][:3], tier)
        parent = row["parent_local_authority_id"]
        if (tier == "district") != bool(parent) or (parent and parent not in by_id):
            sys.exit(f"{row['name']!r}: a district needs its county, and only a district has one (parent {parent!r})")
        website = row["homepage_url"].strip()
        if website.startswith("http://"):
            website = "https://" + website.removeprefix("http://")
        if website.count("/") == 2:
            website += "/"
        out.append({"name": row["name"].strip(), "tier": tier, "country": country,
                    "county": by_id[parent]["name"].strip() if parent else "", "website": website, "gss": row["gss"]})
    return sorted(out, key=lambda council: council["name"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    with args.source.open(encoding="utf-8", newline="") as handle:
        councils = derive(list(csv.DictReader(handle)))
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(councils)
    tiers: dict[str, int] = {}
    for council in councils:
        tiers[council["tier"]] = tiers.get(council["tier"], 0) + 1
    print(f"{len(councils)} councils: " + ", ".join(f"{count} {tier}" for tier, count in sorted(tiers.items())))


if __name__ == "__main__":
    main()
