"""Keeping `lgsite.lock` in step with the build: pins, override fingerprints and drift.

A council that overrides shared text must hear when that text changes
upstream, or its page silently goes stale. Each build compares the shared text
under every override with the fingerprint accepted in the lock.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .site import Site
from .errors import LgsiteError
from .lock import (
    Drift, Lock, OverrideRecord, drift, load_lock, pin, reconcile, recall_text, record, remember_text,
    save_lock, text_hash,
)
from .sources import CACHE_DIR, Source

LOCK_FILE = "lgsite.lock"


def lock_path(base: Path) -> Path:
    return base / LOCK_FILE


def read_lock(base: Path) -> Lock:
    return load_lock(lock_path(base), LOCK_FILE)


def current_records(site: Site, lock: Lock) -> dict[str, OverrideRecord]:
    """Fingerprints of the shared text under each override as it is now.

    A section the lock watches that the shared page no longer has is reported
    as None, so its removal upstream shows as drift.
    """
    records: dict[str, OverrideRecord] = {}
    for path, over in site.overridden.items():
        hashes: dict[str, str | None] = {sid: text_hash(text) for sid, text in over.texts.items()}
        old = lock.overrides.get(path)
        if old is not None and old.kind == over.kind:
            for section in old.hashes:
                hashes.setdefault(section, None)
        records[path] = OverrideRecord(path, over.source, over.kind, hashes, over.version)
    return records


def remember(site: Site, base: Path) -> None:
    """Keep each overridden shared text by its hash, so `lgsite diff` can show what changed."""
    for over in site.overridden.values():
        for text in over.texts.values():
            remember_text(base / CACHE_DIR, text)


def sync_lock(site: Site, sources: list[Source], base: Path) -> list[Drift]:
    """Record new overrides and git pins in the lock; return the drift it still shows."""
    lock = read_lock(base)
    records = current_records(site, lock)
    found = drift(lock, records)
    changed = reconcile(lock, records)
    for source in sources:
        if source.kind == "git":
            changed = pin(lock, source.name, source.url, source.ref, source.version) or changed
    if site.overridden:
        remember(site, base)
    if changed or lock_path(base).exists():
        save_lock(lock_path(base), lock)
    return found


def accept(site: Site, base: Path, page: str) -> OverrideRecord:
    """Record the shared text under `page` as it is now."""
    lock = read_lock(base)
    records = current_records(site, lock)
    if page not in records:
        raise LgsiteError(f"'{page}' is not an override in this council", file=LOCK_FILE,
                          hint="Use the page path as lgsite drift prints it.")
    now = records[page]
    record(lock, page, now.source, now.kind, now.hashes, now.version)
    remember(site, base)
    save_lock(lock_path(base), lock)
    return now


def diff(site: Site, base: Path, page: str) -> str:
    """A unified diff of each drifted shared section under `page`, accepted text to current."""
    lock = read_lock(base)
    records = current_records(site, lock)
    if page not in records:
        raise LgsiteError(f"'{page}' is not an override in this council", file=LOCK_FILE,
                          hint="Use the page path as lgsite drift prints it.")
    over = site.overridden[page]
    chunks: list[str] = []
    for item in drift(lock, {page: records[page]}):
        old = recall_text(base / CACHE_DIR, item.recorded)
        new = over.texts.get(item.section, "")
        label = item.section or "page"
        if old is None:
            chunks.append(f"{item.describe()} (the accepted text is not in this machine's cache, so only the current text is shown)\n")
            old = ""
        chunks.extend(difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True),
            fromfile=f"{page} ({label}, accepted)", tofile=f"{page} ({label}, shared now)",
        ))
    return "".join(chunks)
