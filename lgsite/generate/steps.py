"""Step-by-step pages: numbered steps with their tasks, and a "part of" link on every page a task links to.

A step-by-step strings pages together into one journey ("Get planning
permission"). Its steps and tasks live in front matter, so the theme can show
them as a plain numbered list that works without JavaScript; and a resident who
lands on one of the task pages from a search engine sees which journey it
belongs to.

A task whose page the council does not publish (excluded in council.yml) is
left out of its step, rather than shown as a broken link or as an instruction
with nowhere to go; the step's own text still says what to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import ContentModel
from .links import front_matter_link

if TYPE_CHECKING:
    from ..site import Site


def generate(site: Site, model: ContentModel) -> None:
    """Give every step-by-step page its steps, and every page its tasks link to a "part of" link."""
    for path, page in list(site.pages.items()):
        if page.type != "step-by-step":
            continue
        steps = []
        for step_index, step in enumerate(page.meta.get("steps") or []):
            tasks = [
                task for task_index, item in enumerate(step.get("tasks") or [])
                if (task := front_matter_link(
                    site, page, item, what=f"step {step_index + 1} has a task linking to",
                    key=("steps", str(step_index), "tasks", str(task_index), "page"),
                )) is not None
            ]
            steps.append({
                "number": step_index + 1, "title": str(step.get("title", "")), "text": str(step.get("text", "")),
                "tasks": [task.as_context() for task in tasks],
            })
            for task in tasks:
                if task.page is not None and task.page != path:
                    add_part_of(site, task.page, path)
        site.page_context(path)["steps"] = steps


def add_part_of(site: Site, path: str, step_by_step: str) -> None:
    """Link the page at `path` to the step-by-step it belongs to, once."""
    part_of: list[dict[str, str]] = site.page_context(path).setdefault("part_of", [])
    link = site.link(step_by_step)
    if all(item["url"] != link["url"] for item in part_of):
        part_of.append({"title": link["title"], "url": link["url"]})
