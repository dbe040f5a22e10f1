"""Lighthouse audit of a built site (optional; for ``make audit``).

Serves the site with gzip on 127.0.0.1 (see ``gates.StaticServer``), runs
Lighthouse 12.2.3 from ``tests/browser/lighthouse/node_modules`` against
Debian's Chromium, and fails unless every category scores at least
``--min-score`` on every page audited.  By default one page of each page type
is audited (``gates.page_types``), since an audit takes about 12 seconds.

    scripts/install-browser-deps.sh --lighthouse
    python tests/browser/lighthouse_audit.py SITE_DIR [--pages a/index.html ...]
        [--form-factor mobile|desktop|both] [--min-score 100] [--json-dir DIR]

It prints a Markdown table: the four category scores and the bytes
transferred for each page and preset.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gates

LIGHTHOUSE_CLI = gates.BROWSER_DIR / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run_lighthouse(url: str, *, form_factor: str = "mobile", timeout: float = 300) -> dict:
    """One Lighthouse run; returns its JSON report (the "lhr")."""
    if not LIGHTHOUSE_CLI.is_file():
        raise FileNotFoundError(f"{LIGHTHOUSE_CLI} not found: run scripts/install-browser-deps.sh --lighthouse")
    flags = " ".join(["--headless=new", *gates.CHROMIUM_ARGS, *gates.HERMETIC_ARGS])
    cmd = [
        "node",
        str(LIGHTHOUSE_CLI),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    if form_factor == "desktop":
        cmd.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=gates.chromium_path())
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse exited {proc.returncode} on {url}:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def shortfalls(lhr: dict) -> list[str]:
    """The audits that cost points, one readable line each."""
    lines = []
    for category in lhr["categories"].values():
        for ref in category["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lines.append(f"{category['id']}: {audit['id']} score {score:.2f}{value} - {audit['title']}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="directory of built static HTML")
    parser.add_argument("--pages", nargs="*", help="pages to audit, relative to SITE (default: one per page type)")
    parser.add_argument(
        "--form-factor", choices=("mobile", "desktop", "both"), default="both", help="Lighthouse preset (default both)"
    )
    parser.add_argument("--min-score", type=int, default=100, help="lowest acceptable score, 0-100")
    parser.add_argument("--json-dir", type=Path, help="write each report here as JSON")
    args = parser.parse_args(argv)

    site = args.site.resolve()
    pages = [Path(p) for p in args.pages] if args.pages else list(gates.page_types(site).values())
    presets = ("mobile", "desktop") if args.form_factor == "both" else (args.form_factor,)
    rows: list[list[str]] = []
    problems: list[str] = []
    with gates.StaticServer(site) as server:
        for rel in pages:
            for preset in presets:
                url = server.url_for(rel)
                started = time.perf_counter()
                lhr = run_lighthouse(url, form_factor=preset)
                scores = [round((lhr["categories"][cid]["score"] or 0) * 100) for cid in CATEGORIES]
                transferred = lhr["audits"]["total-byte-weight"]["numericValue"]
                rows.append([rel.as_posix(), preset, *map(str, scores), f"{transferred / 1024:.1f} KB"])
                print(f"  {rel.as_posix()} [{preset}] {time.perf_counter() - started:.0f}s", file=sys.stderr)
                low = {cid for cid, score in zip(CATEGORIES, scores) if score < args.min_score}
                # A page that asks not to be indexed (a guide's print view) loses SEO points on purpose.
                noindex = "noindex" in (site / rel).read_text(encoding="utf-8")
                problems += [
                    f"{rel.as_posix()} [{preset}] {line}" for line in shortfalls(lhr)
                    if line.split(":", 1)[0] in low and not (noindex and "is-crawlable" in line)
                ]
                if args.json_dir:
                    args.json_dir.mkdir(parents=True, exist_ok=True)
                    name = rel.as_posix().replace("/", "_") + f".{preset}.json"
                    (args.json_dir / name).write_text(json.dumps(lhr))
    header = ["page", "preset", *CATEGORIES, "transferred"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for line in problems:
        print(f"below {args.min_score}: {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
