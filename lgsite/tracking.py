"""Keeping `lgsite.lock` in step with the build: pins, override fingerprints and drift.

A council that overrides shared text must hear when that text changes
upstream, or its page silently goes stale. Each build compares the shared text
under every override with the fingerprint accepted in the lock.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .site import Site
from .errors import LgsiteError
from .gitsource import cache_failure
from .lock import (
    Drift, Lock, OverrideRecord, drift, load_lock, pin, pin_for, reconcile, recall_text, record, remember_text,
    save_lock, text_hash,
)
from .sources import CACHE_DIR, Source, SourceKind, git_cache, git_specs

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
    try:
        for over in site.overridden.values():
            for text in over.texts.values():
                remember_text(base / CACHE_DIR, text)
    except OSError as error:
        raise cache_failure(error, base / CACHE_DIR, CACHE_DIR) from None


def sync_lock(site: Site, sources: list[Source], base: Path) -> list[Drift]:
    """Record new overrides and git pins in the lock; return the drift it still shows."""
    lock = read_lock(base)
    records = current_records(site, lock)
    found = drift(lock, records)
    changed = reconcile(lock, records)
    for source in sources:
        if source.kind is SourceKind.GIT:
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


@dataclass(frozen=True)
class PinMove:
    """What `lgsite update` did to one git source's pin."""

    name: str
    old: str | None  # the commit pinned before, if there was a pin for this URL and ref
    new: str
    changed: list[str] | None  # repository paths changed; None when the old commit is gone upstream

    def describe(self) -> str:
        if self.old is None:
            return f"{self.name}: pinned to {self.new[:12]}"
        if self.changed is None:
            return (f"{self.name}: {self.old[:12]} -> {self.new[:12]}; the old commit is no longer in the "
                    "repository (a force push?), so the changed files cannot be listed")
        return f"{self.name}: {self.old[:12]} -> {self.new[:12]}, {len(self.changed)} files changed"


def update(shared: list[str], base: Path, config_file: str) -> list[PinMove]:
    """Move every git source's pin to the latest commit of its ref, and save the lock.

    It needs only the new commit: the old pin may have gone in a force push,
    and that is exactly when a council has to run this. The new commit is
    written out too, so a commit that cannot be built is never pinned.
    """
    lock = read_lock(base)
    cache = git_cache(base)
    moves: list[PinMove] = []
    for spec in git_specs(shared, base, config_file):
        old = pin_for(lock, spec.name, spec.url, spec.ref)
        new = cache.update(spec)
        cache.checkout(spec, new, lock_file=LOCK_FILE)
        changed: list[str] | None = []
        if old is not None and old != new:
            changed = cache.changed_paths(spec, old, new) if cache.has(spec, old) else None
        pin(lock, spec.name, spec.url, spec.ref, new)
        moves.append(PinMove(spec.name, old, new, changed))
    save_lock(lock_path(base), lock)
    return moves
