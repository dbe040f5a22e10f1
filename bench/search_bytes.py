"""What a search costs a resident on a built site, measured in Chromium (issue P11).

    python -m bench.search_bytes SITE_DIR [--throttle 4]

Serves the site with gzip (the browser gates' StaticServer) and, in a fresh
browser context with an empty cache:

  before   bytes of search files the search page fetches before any query (must be 0)
  first    bytes (gzipped, as transferred) of everything a first search fetches:
           search.js and the index files
  further  bytes each further query typed into the same page fetches
  ms       from the last search file arriving to the results being shown, with the
           CPU slowed down `--throttle` times (Chrome DevTools' CPU throttling)

Targets: first <= 150 KB, each further <= 30 KB, before = 0, ms <= 300.
`make bench` runs it on the largest bench site after the builds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))

FIRST_QUERY = "bin not collected"
FURTHER_QUERIES = ("council tax", "parking permit", "planing aplication", '"housing benefit"', "noisy neighbours")
TARGETS = {"first_kb": 150.0, "further_kb": 30.0, "ms": 300.0}
SEARCH_FILES = ("/search/", "search.js")


@dataclass
class SearchCost:
    before: int
    first: int
    further: list[int]
    ms: list[float]

    def table(self) -> str:
        further_max = max(self.further) / 1024
        ms_max = max(self.ms)
        rows = [
            "| search (2,000-page site, Chromium, gzip) | measured | target |",
            "| --- | --- | --- |",
            f"| search files before a query | {self.before} B | 0 |",
            f"| first search, all it fetches | {self.first / 1024:.1f} KB | <= {TARGETS['first_kb']:.0f} KB |",
            f"| each further search (largest of {len(self.further)}) | {further_max:.1f} KB "
            f"(median {statistics.median(self.further) / 1024:.1f}) | <= {TARGETS['further_kb']:.0f} KB |",
            f"| data arrived to results shown, CPU 4x slower (largest) | {ms_max:.0f} ms "
            f"(median {statistics.median(self.ms):.0f}) | <= {TARGETS['ms']:.0f} ms |",
        ]
        return "\n".join(rows)

    @property
    def within_targets(self) -> bool:
        return (self.before == 0 and self.first <= TARGETS["first_kb"] * 1024
                and max(self.further) <= TARGETS["further_kb"] * 1024 and max(self.ms) <= TARGETS["ms"])


def measure(site: Path, throttle: float = 4.0) -> SearchCost:
    import gates

    with gates.StaticServer(site) as server, gates.launch_browser() as session:
        page = session.page(gates.PHONE)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        sizes: dict[str, int] = {}
        urls: dict[str, str] = {}

        def response(event: dict) -> None:
            urls[event["requestId"]] = event["response"]["url"]

        def finished(event: dict) -> None:
            url = urls.get(event["requestId"], "")
            if any(part in url for part in SEARCH_FILES):
                sizes[event["requestId"]] = int(event["encodedDataLength"])

        cdp.on("Network.responseReceived", response)
        cdp.on("Network.loadingFinished", finished)

        def spent() -> int:
            total = sum(sizes.values())
            sizes.clear()
            return total

        page.goto(server.url_for("search.html"), wait_until="load")
        page.wait_for_timeout(200)
        before = sum(size for request, size in sizes.items() if "search.js" not in urls.get(request, ""))
        script = spent() - before  # the first search pays for search.js too, which the page fetched on load
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        costs: list[int] = []
        per_query: list[tuple[str, int, float]] = []
        times: list[float] = []
        for query in (FIRST_QUERY, *FURTHER_QUERIES):
            page.evaluate("""() => {
                performance.clearResourceTimings();
                window.__shown = 0;
                new MutationObserver(() => {
                    if (document.querySelector('#lg-search-results h2')) { window.__shown = performance.now(); }
                }).observe(document.getElementById('lg-search-results'), {childList: true});
            }""")
            page.locator("#lg-search-page").fill(query)
            page.keyboard.press("Enter")
            page.wait_for_function("window.__shown > 0", timeout=60_000)
            last = page.evaluate("""() => Math.max(0, ...performance.getEntriesByType('resource')
                .filter(e => e.name.includes('/search/')).map(e => e.responseEnd))""")
            costs.append(spent())
            times.append(page.evaluate("window.__shown") - last)
            per_query.append((query, costs[-1], times[-1]))
        for query, cost, ms in per_query:
            print(f"  {query!r}: {cost / 1024:.1f} KB, {ms:.0f} ms", file=sys.stderr)
        return SearchCost(before=before, first=script + costs[0], further=costs[1:], ms=times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="bytes and time a search costs on a built site")
    parser.add_argument("site", type=Path)
    parser.add_argument("--throttle", type=float, default=4.0)
    args = parser.parse_args(argv)
    cost = measure(args.site, args.throttle)
    print(cost.table())
    return 0 if cost.within_targets else 1


if __name__ == "__main__":
    sys.exit(main())
