"""Alerts across the whole site and service status notices on their category and service pages.

Several notices on one page are shown most serious first, so a suspension is read
before a delay: the order of the values of `level` and `status` in the content
types' files (alert.yml, service-status.yml) is the order of seriousness. Of two
as serious, the newer (the later `starts`) comes first.

A notice is only true for a while. One that has expired when the site is built is
left out altogether, page and banner; one that expires while the built site sits
on a static host is hidden by a few lines of script that compare its expiry with
the resident's clock. Nothing is stored in the browser: no cookie, no dismissal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import TYPE_CHECKING, Any

from ..layers import Origin, Page
from ..model import ContentModel
from ..schema import ContentTypes, load_types
from ..ui_strings import ui_text
from ..uktime import localise, next_midnight

if TYPE_CHECKING:
    from ..site import Site

OLDEST = datetime(1, 1, 2, tzinfo=timezone.utc)  # where a notice with no start sorts among the newest first
STATUSES = ("suspended", "disrupted", "normal")  # the statuses the interface strings name (status_suspended, ...)


@dataclass
class Ranked:
    """A notice as templates see it, with what puts it in its place among others."""

    notice: dict[str, Any]
    severity: str  # its level or status
    starts: datetime | None


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
    types = load_types(model.root / "types")
    alerts: list[Ranked] = []
    statuses: dict[str, list[Ranked]] = {}
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
            level = str(page.data["level"])
            alerts.append(Ranked({**bounded(notice, types), "level": level}, level, span.starts))
        else:
            status = str(page.data["status"])
            notice.update(status=status, label=status_label(status, site.lang))
            for target in status_targets(site, page, path, model):
                statuses.setdefault(target, []).append(Ranked(notice, status, span.starts))
    site.shared_context["alerts"] = most_serious_first(alerts, seriousness(types, "alert", "level"))
    order = seriousness(types, "service-status", "status")
    for target, notices in statuses.items():
        site.page_context(target)["service_status"] = most_serious_first(notices, order)


def seriousness(types: ContentTypes, type_name: str, key: str) -> list[str]:
    """The values of a choice field, most serious first, as its content type's file lists them."""
    schema = types.get(type_name)
    field = schema.fields.by_name.get(key) if schema else None
    return [str(value) for value in field.values] if field else []


def bounded(alert: dict[str, Any], types: ContentTypes) -> dict[str, Any]:
    """The alert with its title and description cut to the lengths alert.yml advises (past which the
    build warns), so that however much a page says, its banner never fills a phone's first screen.
    The alert's own page has the whole text."""
    schema = types.get("alert")
    fields = schema.fields.by_name if schema else {}
    cut = dict(alert)
    for key in ("title", "description"):
        limit = fields[key].max_length_warning if key in fields else None
        if limit:
            cut[key] = shorten(cut[key], limit)
    return cut


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word where there is one, with an ellipsis to show the cut."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    if " " in kept:
        kept = kept.rsplit(" ", 1)[0]
    return kept.rstrip(" ,;:.-") + "…"


def most_serious_first(notices: list[Ranked], order: list[str]) -> list[dict[str, Any]]:
    """Most serious first, then the newest (latest start; one with no start counts as oldest), then by title."""
    by_title = sorted(notices, key=lambda ranked: ranked.notice["title"])
    newest = sorted(by_title, key=lambda ranked: ranked.starts or OLDEST, reverse=True)
    rank = {severity: index for index, severity in enumerate(order)}
    return [ranked.notice for ranked in sorted(newest, key=lambda ranked: rank.get(ranked.severity, len(order)))]


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


def status_label(status: str, lang: str) -> str:
    """'Service suspended' / 'Gwasanaeth wedi'i atal': what a status notice says before its title."""
    return ui_text(lang, f"status_{status}") if status in STATUSES else status

