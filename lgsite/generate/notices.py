"""Alerts across the whole site and service status notices on their category and service pages.

A notice is only true for a while. One that has expired when the site is built is
left out altogether, page and banner; one that expires while the built site sits
on a static host is hidden by a few lines of script that compare its expiry with
the resident's clock. Nothing is stored in the browser: no cookie, no dismissal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from ..layers import Origin, Page
from ..model import ContentModel
from ..uktime import localise, next_midnight

if TYPE_CHECKING:
    from ..site import Site

# Most serious first: an emergency banner must be the first thing read.
ALERT_LEVELS = ("emergency", "death-of-a-notable-person", "minor", "announcement")
STATUS_LABELS = {"suspended": "Service suspended", "disrupted": "Service disrupted", "normal": "Service back to normal"}


@dataclass
class Window:
    """When a notice shows, in UK time; None means no limit on that side."""

    starts: datetime | None
    expires: datetime | None

    def expired(self, now: datetime) -> bool:
        return self.expires is not None and now >= self.expires

    def started(self, now: datetime) -> bool:
        return self.starts is None or now >= self.starts


def moment(value: date | datetime | None, *, end_of_day: bool = False) -> datetime | None:
    """A typed front matter date or date and time as a moment in UK time.

    A date alone means the start of that day, or with `end_of_day` the start of
    the next one, so `expires: 2026-12-29` still shows all of the 29th.
    """
    if value is None:
        return None
    if not isinstance(value, datetime):
        return localise(next_midnight(value) if end_of_day else datetime.combine(value, time(0, 0)))
    return value if value.tzinfo else localise(value)


def window(page: Page) -> Window:
    return Window(moment(page.data.get("starts")), moment(page.data.get("expires"), end_of_day=True))


def iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def generate(site: Site, model: ContentModel) -> None:
    """Drop expired notices; hand live alerts to every page and status notices to their pages."""
    now = site.now
    alerts: list[dict[str, Any]] = []
    for path, page in sorted(site.pages.items()):
        if page.type not in ("alert", "service-status"):
            continue
        span = window(page)
        if span.expired(now):
            del site.pages[path]
            page.provenance.origin = Origin.EXPIRED
            site.excluded.append(page.provenance)
            continue
        notice = {
            **site.link(path),
            "starts": iso(span.starts),
            "expires": iso(span.expires),
            "pending": not span.started(now),
        }
        if page.type == "alert":
            alerts.append({**notice, "level": str(page.data["level"])})
        else:
            status = str(page.data["status"])
            notice.update(status=status, label=STATUS_LABELS.get(status, status))
            for target in status_targets(site, page, path, model):
                site.page_context(target).setdefault("service_status", []).append(notice)
    alerts.sort(key=lambda alert: ALERT_LEVELS.index(alert["level"]))
    site.shared_context["alerts"] = alerts


def status_targets(site: Site, page: Page, path: str, model: ContentModel) -> list[str]:
    """The category landing page the notice belongs to, and the page of every service it names."""
    targets = []
    category = page.meta.get("category")
    if isinstance(category, str) and category in model.categories:
        targets.append(f"{model.top_of(category).id}/index.md")
    services = set(page.data.get("services") or [])
    targets += [
        other for other, candidate in sorted(site.pages.items())
        if other != path and candidate.meta.get("lgsl") in services and candidate.type != "service-status"
    ]
    return targets
