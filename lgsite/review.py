"""Pages due for review: `lgsite review`, and the build's warning for a page past its date.

Every shared page names its `owner` and the day it must be reviewed again
(`review_by`). A page past that day may tell residents something that is no
longer true, so the build warns about each of the council's own pages past it,
and the build report lists every published page past it, shared ones included. `lgsite review` gives a content designer the list to work
from: the pages past their date and those due soon, grouped by the team that
owns them, for the terminal, or as CSV or Markdown for an issue tracker.

"Today" is the build's clock in UK time (`clock.build_time`), so that
SOURCE_DATE_EPOCH reviews "as of" a day, and tests are deterministic.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .content_checks import AUTHORED
from .errors import LgsiteError
from .frontmatter import split
from .layers import Origin, Page, Provenance, read_markdown
from .model import load_model
from .page_files import page_files
from .schema import load_types, validate_page
from .site import Site
from .sources import bundled_model_dir
from .ui_strings import format_date
from .uktime import uk_now

DAYS = 30  # how far ahead "due soon" looks, unless --days says otherwise
NO_OWNER = "(no owner)"


@dataclass(frozen=True)
class Due:
    """One page due for review."""

    file: str  # as messages name it
    title: str
    owner: str
    review_by: dt.date
    overdue: bool  # past its date, rather than due within the days looked ahead

    @property
    def state(self) -> str:
        return "overdue" if self.overdue else "due soon"


def uk_day(now: dt.datetime) -> dt.date:
    """The day it is in the UK at the build's moment: a review date is a UK day."""
    return uk_now(now).date()


def due(pages: Iterable[Page], day: dt.date, days: int) -> list[Due]:
    """The pages past their review date or due within `days` of `day`, by owner, then date, then file."""
    found = []
    for page in pages:
        review_by = page.data.get("review_by")
        if not isinstance(review_by, dt.date) or review_by > day + dt.timedelta(days=days):
            continue
        owner = str(page.data.get("owner") or page.meta.get("owner") or "").strip() or NO_OWNER
        found.append(Due(page.provenance.file or page.path, page.title, owner, review_by, review_by < day))
    return sorted(found, key=lambda item: (item.owner == NO_OWNER, item.owner.lower(), item.review_by, item.file))


def read_pages(directory: Path) -> list[Page]:
    """The pages of a council's docs/ or a library's pages/ (named from `directory`), with their front matter
    read as the build reads it (dates such as "2027-03-15T00:00:00" included). A page whose front matter is
    wrong is left to the build to report: it keeps only the keys that were right."""
    model = load_model(bundled_model_dir())
    types = load_types(bundled_model_dir() / "types")
    pages = []
    base = directory.resolve() if directory.is_dir() else Path.cwd()
    for file in page_files(directory, base):
        text = split(read_markdown(file), file.display)
        page = Page(file.display, text.data, text.body, text.body_line,
                    Provenance(Origin.LOCAL, file=file.display), text.meta.lines)
        try:
            validate_page(page, model, types, shared=False, report=lambda _: None)
        except LgsiteError:  # a type lgsite does not know: nothing to read the page's dates by
            continue
        pages.append(page)
    return pages


# --- the build -------------------------------------------------------------------------------------------------------


# Pages a council writes or changes; its review dates are the council's to keep.
COUNCILS_OWN = (Origin.LOCAL, Origin.OVERRIDE, Origin.MERGED)


def overdue_in(site: Site, origins: tuple[Origin, ...] = AUTHORED) -> list[Due]:
    """The pages the site publishes whose review date has passed."""
    authored = [page for page in site.pages.values() if page.provenance.origin in origins]
    return [item for item in due(authored, uk_day(site.now), 0) if item.overdue]


def warn_overdue(site: Site) -> None:
    """A warning for each of the council's own published pages past its review date, on its review_by line.

    A shared page past its date is the library's to review: the report lists it, but a warning would
    fail every inheriting council's strict build on a day none of them can change."""
    lines = {page.provenance.file or page.path: page.meta_lines.get(("review_by",)) for page in site.pages.values()}
    for item in overdue_in(site, COUNCILS_OWN):
        site.problems.warning(
            f"was due for review on {format_date(item.review_by)} (owner: {item.owner})",
            file=item.file, line=lines.get(item.file),
            hint="Check the page is still right with its owner, then set last_reviewed and a new review_by.")


def report_entries(site: Site) -> list[dict[str, str]]:
    """The overdue pages, for the build report."""
    return [{"file": item.file, "owner": item.owner, "review_by": item.review_by.isoformat(), "title": item.title}
            for item in overdue_in(site)]


# --- the report's formats --------------------------------------------------------------------------------------------

COLUMNS = ("owner", "state", "review_by", "file", "title")


def _rows(items: list[Due]) -> list[tuple[str, str, str, str, str]]:
    return [(item.owner, item.state, item.review_by.isoformat(), item.file, item.title) for item in items]


def as_csv(items: list[Due]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([tuple(_inert(cell) for cell in row) for row in _rows(items)])
    return buffer.getvalue()


def _inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: a title or owner from a shared page that starts like a formula
    (=, +, -, @) would otherwise be run when the list is opened."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell


def as_markdown(items: list[Due], day: dt.date) -> str:
    """A Markdown section per owner, a task list each, ready to paste into an issue."""
    lines = [f"# Pages due for review ({format_date(day)})", ""]
    for owner in dict.fromkeys(item.owner for item in items):
        lines += [f"## {owner}", ""]
        lines += [f"- [ ] `{item.file}`: {_cell(item.title)} ({item.state}, review by {format_date(item.review_by)})"
                  for item in items if item.owner == owner]
        lines.append("")
    return "\n".join(lines)


def as_table(items: list[Due]) -> str:
    """A plain table for the terminal, one group of rows per owner."""
    rows = [tuple(name.replace("_", " ") for name in COLUMNS), *_rows(items)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS) - 1)]
    lines = []
    previous = None
    for number, row in enumerate(rows):
        owner = row[0] if row[0] != previous or number == 0 else ""
        previous = row[0]
        cells = [owner.ljust(widths[0]), *(cell.ljust(width) for cell, width in zip(row[1:-1], widths[1:])), row[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Text that cannot break a Markdown list item: no line breaks, no backticks."""
    return " ".join(text.replace("`", "'").split())
