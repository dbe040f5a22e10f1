"""`lgsite build` ends with one line a council can compare from build to build."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import make_project, passes

SUMMARY = re.compile(r"^Built (\d+) pages? in \d+\.\d s: (\d+) warnings?, \d+(?:\.\d)? (?:KB|MB) in (.+)/\.$")


def test_build_ends_with_pages_warnings_time_and_size(tmp_path: Path) -> None:
    project = make_project(tmp_path / "council")
    project.write("docs/environment-and-waste/long.md",
                  "---\ntitle: " + "A title far longer than sixty five characters that warns " * 2
                  + "\ndescription: Long.\n---\nText.\n")
    result = passes(project)
    line = result.stdout.strip().splitlines()[-1]
    match = SUMMARY.match(line)
    assert match, line
    assert int(match[1]) == len(list(project.site.rglob("*.html")))
    assert int(match[2]) == result.stderr.count("warning: ") >= 1
    assert Path(match[3]).resolve() == project.site.resolve()
