"""MkDocs hook for the benchmark: times lgsite's last pass over each page, in the real build.

lgsite's `on_post_page` runs at priority -100 and does nothing but finish the
HTML (drop Material's unused chrome, then minify). This hook starts a clock
just before it (-99) and stops it just after (-101), so it measures exactly
that step, per page, inside the timed build, at the cost of two clock reads.

Between other work, with its code and data out of the CPU's caches, the step is
slower than it is back to back; so the hook also keeps the first SAMPLE pages as
they were before the step and, once the build is done, times lgsite's finishing
function on them back to back (about 0.1 s, at the very end of the build).
The totals go to the JSON file named by LGSITE_BENCH_PROBE.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from mkdocs.plugins import CombinedEvent, event_priority

_state: dict[str, Any] = {"pages": 0, "cpu_ns": 0, "wall_ns": 0, "bytes_in": 0, "bytes_out": 0, "max_cpu_ns": 0}
_clock: list[int] = [0, 0]
_sample: list[str] = []
SAMPLE = 200


@event_priority(-99)
def _before(output: str, page: Any, config: Any) -> str:
    _state["bytes_in"] += len(output.encode("utf-8"))
    if len(_sample) < SAMPLE:
        _sample.append(output)
    _clock[0], _clock[1] = time.thread_time_ns(), time.perf_counter_ns()
    return output


@event_priority(-101)
def _after(output: str, page: Any, config: Any) -> str:
    cpu, wall = time.thread_time_ns() - _clock[0], time.perf_counter_ns() - _clock[1]
    _state["pages"] += 1
    _state["cpu_ns"] += cpu
    _state["wall_ns"] += wall
    _state["max_cpu_ns"] = max(_state["max_cpu_ns"], cpu)
    _state["bytes_out"] += len(output.encode("utf-8"))
    return output


on_post_page = CombinedEvent(_before, _after)


def on_post_build(config: Any) -> None:
    target = os.environ.get("LGSITE_BENCH_PROBE")
    if target:
        try:
            from lgsite.html_output import finish
        except ImportError:  # the step moved: report the in-build numbers only
            finish = None
        if finish is not None and _sample:
            for html in _sample[:20]:
                finish(html, minify=True)
            start = time.thread_time_ns()
            for html in _sample:
                finish(html, minify=True)
            _state["warm_pages"], _state["warm_cpu_ns"] = len(_sample), time.thread_time_ns() - start
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(_state, handle)
