"""lgsite.lock: what a council's site was built from, and what its overrides overrode.

The council commits this file. It pins every shared git source to one commit,
so a build is the same next month as today, and keeps a fingerprint (sha256)
of the shared text under each override: the whole shared page for a whole
override, each replaced or removed section for a section override. When the
shared text later changes, the fingerprints no longer match and the build says
which page and section drifted, instead of silently keeping stale text.

The file is YAML in a fixed order, one key a line, so a change shows in review
as a small readable diff.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from .errors import LgsiteError
from .yamlfile import LocatedData, parse_yaml

FORMAT = 1


class OverrideKind(StrEnum):
    """What a council override replaces; written in the lock as its plain value."""

    PAGE = "page"  # the whole shared page
    SECTIONS = "sections"  # some of its `##` sections (override: sections)

WHOLE = ""  # the hashes key of a whole-page override
INTRO_KEY = "(introduction)"  # how the text before the first ## (section id "") is written in the file
HASH = re.compile(r"sha256:[0-9a-f]{64}")
COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
CONFLICT = re.compile(r"^(<<<<<<<|=======$|>>>>>>>|\|\|\|\|\|\|\|)")
FIX_HINT = "Restore it from version control, or delete it and build again to record everything afresh."

HEADER = """\
# lgsite.lock: written by lgsite. Commit it with your site.
#
# It pins each shared git source to the exact commit your site is built from,
# and keeps a fingerprint of the shared text under each of your overrides, so
# lgsite can tell you when that text changes upstream (see `lgsite drift`).
# Change it with `lgsite accept PAGE` and `lgsite update`, not by hand.
"""


@dataclass
class SourcePin:
    """The commit a shared git source is built from until `lgsite update` moves it."""

    url: str
    ref: str
    commit: str


@dataclass
class OverrideRecord:
    """The shared text one council page overrides, as fingerprints.

    `hashes` maps "" to the shared page's hash for a whole override, or each
    overridden section id to that shared section's hash. `version` is the
    source's version when recorded (the commit, for a git source), so
    `lgsite diff` can find the old text.
    """

    page: str
    source: str
    kind: OverrideKind
    hashes: dict[str, str | None]  # None only in a build's current records: that shared section is gone
    version: str = ""

    def __post_init__(self) -> None:
        self.kind = OverrideKind(self.kind)  # a kind that is neither is a programming error: ValueError


@dataclass
class Lock:
    sources: dict[str, SourcePin] = field(default_factory=dict)
    overrides: dict[str, OverrideRecord] = field(default_factory=dict)


@dataclass(frozen=True)
class Drift:
    """One overridden page or section whose shared text is no longer what was accepted."""

    page: str
    section: str  # "" for a whole-page override (or the introduction of a section override)
    recorded: str
    current: str | None  # None: the shared page or section is gone
    kind: OverrideKind = OverrideKind.PAGE

    @property
    def where(self) -> str:
        if self.kind == OverrideKind.PAGE:
            return self.page
        return f"{self.page}, {_section_name(self.section)}"

    def describe(self) -> str:
        """One line for the build's warning and `lgsite drift`."""
        what = "the shared page" if self.kind == OverrideKind.PAGE else f"the shared {_section_name(self.section)}"
        change = "was removed or renamed upstream" if self.current is None else "changed upstream"
        return f"{self.page}: {what} that this page overrides {change}"


def _section_name(section: str) -> str:
    return "introduction" if section == WHOLE else f"section '{section}'"


# Hashing -------------------------------------------------------------------


def text_hash(text: str) -> str:
    """The fingerprint of some shared text.

    Line endings and trailing blank lines are normalised, so an editor on
    Windows or a section that gains a neighbour after it does not look like
    a change to the words.
    """
    normal = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").rstrip() + "\n"
    return "sha256:" + hashlib.sha256(normal.encode("utf-8")).hexdigest()


# Drift ---------------------------------------------------------------------


def drift(lock: Lock, current: Mapping[str, Mapping[str, str | None] | OverrideRecord]) -> list[Drift]:
    """Recorded fingerprints that no longer match the shared text, by page then section.

    `current` maps each page the build overrides to {section id, or "" for a
    whole page → hash of that shared text now}; None means the council still
    overrides that section but the shared page no longer has it. It may map to
    an OverrideRecord instead, whose kind then tells a whole-page override
    from an override of the introduction (both ""): a page whose kind changed
    is re-recorded by `reconcile`, not drift. Pages and sections not yet in the
    lock are new overrides, not drift; recorded ones the build no longer
    overrides are stale, not drift.
    """
    found: list[Drift] = []
    for page in sorted(current):
        record = lock.overrides.get(page)
        value = current[page]
        hashes = value.hashes if isinstance(value, OverrideRecord) else value
        if record is None or isinstance(value, OverrideRecord) and value.kind != record.kind:
            continue
        for section in sorted(hashes):
            recorded = record.hashes.get(section)
            now = hashes[section]
            if recorded is not None and now != recorded:
                found.append(Drift(page, section, recorded, now, record.kind))
    return found


def record(lock: Lock, page: str, source: str, kind: OverrideKind, hashes: Mapping[str, str | None],
           version: str = "") -> None:
    """Accept the shared text under `page` as it is now (`lgsite accept`).

    A None hash (the shared section is gone) is dropped; a page left with
    nothing to watch is dropped too.
    """
    kept = {section: value for section, value in hashes.items() if value is not None}
    if kept:
        lock.overrides[page] = OverrideRecord(page, source, kind, kept, version)
    else:
        lock.overrides.pop(page, None)


def reconcile(lock: Lock, current: Mapping[str, OverrideRecord]) -> bool:
    """Bring the lock in line with the build's overrides without accepting any drift.

    New overrides and newly overridden sections are recorded; records for
    pages or sections no longer overridden are removed; a recorded hash that
    differs from the current one is kept, so the drift stays visible until a
    person accepts it. Returns whether anything changed.
    """
    updated: dict[str, OverrideRecord] = {}
    for page, now in current.items():
        old = lock.overrides.get(page)
        same = old is not None and old.kind == now.kind
        hashes: dict[str, str] = {}
        for section, value in now.hashes.items():
            recorded = old.hashes.get(section) if same and old else None
            if recorded is not None:
                hashes[section] = recorded
            elif value is not None:
                hashes[section] = value
        if hashes:
            keep_old = same and old is not None and any(s in old.hashes for s in hashes)
            version = old.version if keep_old and old else now.version
            source = old.source if keep_old and old else now.source
            updated[page] = OverrideRecord(page, source, now.kind, hashes, version)
    changed = updated != lock.overrides
    lock.overrides = updated
    return changed


def pin_for(lock: Lock, name: str, url: str, ref: str) -> str | None:
    """The pinned commit for a source, if the lock's pin is for this same URL and ref.

    A council that edits `@v1` to `@v2` in mkdocs.yml means to move: the old
    pin no longer applies, and the build pins afresh.
    """
    pin = lock.sources.get(name)
    if pin is None or pin.url != url or pin.ref != ref:
        return None
    return pin.commit


def pin(lock: Lock, name: str, url: str, ref: str, commit: str) -> bool:
    """Record the commit a source is built from; returns whether that changed the lock."""
    new = SourcePin(url, ref, commit)
    changed = lock.sources.get(name) != new
    lock.sources[name] = new
    return changed


# Reading -------------------------------------------------------------------


def load_lock(path: Path, display: str | None = None) -> Lock:
    """The lock file's contents; an empty lock when there is none yet."""
    name = display or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Lock()
    except IsADirectoryError:
        raise LgsiteError("is a folder, not a file", file=name, hint=FIX_HINT) from None
    except UnicodeDecodeError:
        raise LgsiteError("is not UTF-8 text", file=name, hint=FIX_HINT) from None
    _check_conflicts(text, name)
    located = parse_yaml(text, name)
    data = located.data
    if data is None:
        return Lock()
    if not isinstance(data, dict):
        raise located.error((), "must be a mapping with version, sources and overrides", FIX_HINT)
    _check_keys(located, (), data, {"version", "sources", "overrides"})
    version = data.get("version", FORMAT)
    if version != FORMAT:
        raise located.error(("version",), f"has format version {version!r}, which this lgsite cannot read",
                            "Upgrade lgsite to the version that wrote it (pip install -U lgsite).")
    return Lock(
        sources={str(k): _source(located, str(k), v) for k, v in _mapping(located, ("sources",), data).items()},
        overrides={str(k): _override(located, str(k), v) for k, v in _mapping(located, ("overrides",), data).items()},
    )


def _check_conflicts(text: str, name: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        if CONFLICT.match(line):
            raise LgsiteError(
                "has unresolved merge conflict markers", file=name, line=number,
                hint="Keep one side of each conflict (or delete the file), then run lgsite drift to check.",
            )


def _mapping(located: LocatedData, path: tuple[str, ...], parent: dict[str, Any]) -> dict[str, Any]:
    value = parent.get(path[-1])
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise located.error(path, f"{'.'.join(path)} must be a mapping", FIX_HINT)
    return value


def _check_keys(located: LocatedData, path: tuple[str, ...], data: dict[str, Any], allowed: set[str]) -> None:
    for key in data:
        if key not in allowed:
            raise located.error(path + (str(key),), f"has an unknown key '{key}'",
                                f"Expected {', '.join(sorted(allowed))}. {FIX_HINT}")


def _string(located: LocatedData, path: tuple[str, ...], data: dict[str, Any], key: Any,
            pattern: re.Pattern[str] | None = None, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    where = path + (str(key),)
    if not isinstance(value, str) or not value or (pattern and not pattern.fullmatch(value)):
        line_path = where if value is not None else path
        what = "is missing" if value is None else f"is not valid ({value!r})"
        raise located.error(line_path, f"{'.'.join(where)} {what}", FIX_HINT)
    return value


def _source(located: LocatedData, name: str, value: Any) -> SourcePin:
    path = ("sources", name)
    if not isinstance(value, dict):
        raise located.error(path, f"sources.{name} must be a mapping with url, ref and commit", FIX_HINT)
    _check_keys(located, path, value, {"url", "ref", "commit"})
    return SourcePin(
        url=_string(located, path, value, "url"),
        ref=_string(located, path, value, "ref"),
        commit=_string(located, path, value, "commit", COMMIT),
    )


def _override(located: LocatedData, page: str, value: Any) -> OverrideRecord:
    path = ("overrides", page)
    if not isinstance(value, dict):
        raise located.error(path, f"overrides.{page} must be a mapping", FIX_HINT)
    kind = _string(located, path, value, "kind")
    if kind not in tuple(OverrideKind):
        raise located.error(path + ("kind",), f"overrides.{page}.kind must be page or sections, not {kind!r}",
                            FIX_HINT)
    detail = "hash" if kind == OverrideKind.PAGE else "sections"
    _check_keys(located, path, value, {"source", "kind", "version", detail})
    source = _string(located, path, value, "source")
    version = str(value.get("version") or "")
    if kind == OverrideKind.PAGE:
        hashes = {WHOLE: _string(located, path, value, "hash", HASH)}
    else:
        sections = _mapping(located, path + ("sections",), value)
        hashes = {
            (WHOLE if str(k) == INTRO_KEY else str(k)): _string(located, path + ("sections",), sections, k, HASH)
            for k in sections
        }
    return OverrideRecord(page, source, kind, hashes, version)


# Writing -------------------------------------------------------------------


def dump_lock(lock: Lock) -> str:
    """The file's text: header, then everything in sorted order so diffs stay small."""
    data: dict[str, Any] = {"version": FORMAT}
    data["sources"] = {
        name: {"url": pin.url, "ref": pin.ref, "commit": pin.commit}
        for name, pin in sorted(lock.sources.items())
    }
    data["overrides"] = {page: _override_data(lock.overrides[page]) for page in sorted(lock.overrides)}
    body = yaml.safe_dump(data, sort_keys=False, default_flow_style=False, allow_unicode=True, width=1000)
    return HEADER + "\n" + body


def _override_data(record: OverrideRecord) -> dict[str, Any]:
    entry: dict[str, Any] = {"source": record.source, "kind": record.kind.value}
    if record.version:
        entry["version"] = record.version
    if record.kind is OverrideKind.PAGE:
        entry["hash"] = record.hashes[WHOLE]
    else:
        entry["sections"] = {
            (INTRO_KEY if section == WHOLE else section): record.hashes[section] for section in sorted(record.hashes)
        }
    return entry


def save_lock(path: Path, lock: Lock) -> bool:
    """Write the lock atomically, and only if its text changed; returns whether it wrote.

    Not rewriting an unchanged file keeps its timestamp, so `mkdocs serve`
    and editors do not see a change that is not there.
    """
    path = Path(path)
    text = dump_lock(lock)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return True


# Old shared text, for `lgsite diff` --------------------------------------------


def remember_text(cache_dir: Path, text: str) -> str:
    """Keep the shared text behind a fingerprint in the (uncommitted) cache; returns its hash.

    The lock holds only fingerprints. Keeping the text too lets `lgsite diff`
    show what changed for sources without history (the bundled model, a
    local folder), on the machine where it was accepted.
    """
    digest = text_hash(text)
    file = Path(cache_dir) / "texts" / digest.split(":", 1)[1]
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temp, file)
    return digest


def recall_text(cache_dir: Path, digest: str) -> str | None:
    """The text remember_text kept for `digest`, if this machine has it."""
    if not HASH.fullmatch(digest):
        return None
    file = Path(cache_dir) / "texts" / digest.split(":", 1)[1]
    try:
        with open(file, encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None  # not kept, or the cache is not readable: `lgsite diff` says so and shows the current text
