"""lgsite.lock: round trip, drift, accept, reconcile and malformed files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lgsite import lock as lockfile
from lgsite.errors import LgsiteError
from lgsite.lock import Drift, Lock, OverrideRecord, SourcePin, drift, load_lock, record, save_lock, text_hash

C1 = "a" * 40
C2 = "b" * 40


def sample() -> Lock:
    lock = Lock()
    lockfile.pin(lock, "shared", "https://git.example/county/shared.git", "v1", C1)
    record(lock, "bins/index.md", "shared", "sections",
           {"what-you-need": text_hash("## What you need\n"), "": text_hash("Intro\n")}, version=C1)
    record(lock, "council-tax/index.md", "bundled", "page", {"": text_hash("# Council tax\n")})
    return lock


def test_missing_file_is_an_empty_lock(tmp_path: Path) -> None:
    assert load_lock(tmp_path / "lgsite.lock") == Lock()


def test_round_trip_is_stable_and_readable(tmp_path: Path) -> None:
    path = tmp_path / "lgsite.lock"
    assert save_lock(path, sample())
    assert load_lock(path) == sample()
    text = path.read_text()
    assert text.startswith("# lgsite.lock: written by lgsite. Commit it with your site.")
    assert text.index("sources:") < text.index("overrides:")
    assert text.index("bins/index.md:") < text.index("council-tax/index.md:")
    assert "(introduction): sha256:" in text and "  commit: " + C1 in text
    mtime = path.stat().st_mtime_ns
    assert not save_lock(path, load_lock(path))  # unchanged: not rewritten
    assert path.stat().st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir()] == ["lgsite.lock"]  # no temporary files left


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lgsite.lock"
    save_lock(path, sample())
    before = path.read_text()

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(lockfile.os, "replace", broken)
    with pytest.raises(OSError):
        save_lock(path, Lock())
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["lgsite.lock"]


def test_text_hash_ignores_line_endings_and_trailing_blank_lines() -> None:
    assert text_hash("a\r\nb\r\n") == text_hash("a\nb\n") == text_hash("a\nb\n\n\n") == text_hash("\ufeffa\nb")
    assert text_hash("a\nb\n") != text_hash("a\nc\n")
    assert text_hash("x").startswith("sha256:") and len(text_hash("x")) == 71


def test_drift_after_a_change_and_accept_clears_it() -> None:
    lock = sample()
    changed = text_hash("## What you need\n\nNew words.\n")
    current = {
        "bins/index.md": {"what-you-need": changed, "": text_hash("Intro\n")},
        "council-tax/index.md": {"": text_hash("# Council tax\n")},
    }
    found = drift(lock, current)
    assert found == [Drift("bins/index.md", "what-you-need", text_hash("## What you need\n"), changed, "sections")]
    assert found[0].describe() == (
        "bins/index.md: the shared section 'what-you-need' that this page overrides changed upstream")

    record(lock, "bins/index.md", "shared", "sections", current["bins/index.md"], version=C2)
    assert drift(lock, current) == []
    assert lock.overrides["bins/index.md"].version == C2


def test_whole_page_drift_and_gone_sections() -> None:
    lock = sample()
    found = drift(lock, {"council-tax/index.md": {"": text_hash("# Council tax\n\nNew.\n")},
                         "bins/index.md": {"what-you-need": None}})
    assert [(d.page, d.section, d.current is None) for d in found] == [
        ("bins/index.md", "what-you-need", True), ("council-tax/index.md", "", False)]
    assert found[0].describe().endswith("was removed or renamed upstream")
    assert found[1].describe() == "council-tax/index.md: the shared page that this page overrides changed upstream"
    record(lock, "bins/index.md", "shared", "sections", {"what-you-need": None})
    assert "bins/index.md" not in lock.overrides  # nothing left to watch


def test_new_and_stale_overrides_are_not_drift() -> None:
    lock = sample()
    current = {"new/index.md": {"": text_hash("x")}, "bins/index.md": {"other": text_hash("y")}}
    assert drift(lock, current) == []


def test_kind_change_is_not_drift_when_records_are_given() -> None:
    lock = sample()
    now = OverrideRecord("council-tax/index.md", "bundled", "sections", {"": text_hash("Intro only\n")})
    assert drift(lock, {"council-tax/index.md": now}) == []
    assert len(drift(lock, {"council-tax/index.md": now.hashes})) == 1  # plain hashes cannot tell


def test_reconcile_records_new_drops_stale_and_keeps_drift() -> None:
    lock = sample()
    drifted = text_hash("## What you need\n\nNew words.\n")
    current = {
        "bins/index.md": OverrideRecord("bins/index.md", "shared", "sections",
                                        {"what-you-need": drifted, "when": text_hash("## When\n")}, C2),
        "parking/index.md": OverrideRecord("parking/index.md", "shared", "page", {"": text_hash("# Parking\n")}, C2),
    }
    assert lockfile.reconcile(lock, current)
    assert sorted(lock.overrides) == ["bins/index.md", "parking/index.md"]  # council-tax no longer overridden
    bins = lock.overrides["bins/index.md"]
    assert bins.hashes == {"what-you-need": text_hash("## What you need\n"), "when": text_hash("## When\n")}
    assert bins.version == C1  # the drifted text's version, so `lgsite diff` can show it
    assert len(drift(lock, current)) == 1
    assert not lockfile.reconcile(lock, current)


def test_pins() -> None:
    lock = sample()
    assert lockfile.pin_for(lock, "shared", "https://git.example/county/shared.git", "v1") == C1
    assert lockfile.pin_for(lock, "shared", "https://git.example/county/shared.git", "v2") is None
    assert lockfile.pin_for(lock, "other", "x", "v1") is None
    assert lockfile.pin(lock, "shared", "https://git.example/county/shared.git", "v2", C2)
    assert not lockfile.pin(lock, "shared", "https://git.example/county/shared.git", "v2", C2)
    assert lock.sources["shared"] == SourcePin("https://git.example/county/shared.git", "v2", C2)


def test_remembered_text(tmp_path: Path) -> None:
    digest = lockfile.remember_text(tmp_path, "## Old\r\nwords\n")
    assert digest == text_hash("## Old\nwords")
    assert lockfile.recall_text(tmp_path, digest) == "## Old\r\nwords\n"
    assert lockfile.recall_text(tmp_path, text_hash("other")) is None
    assert lockfile.recall_text(tmp_path, "sha256:../../etc") is None


GOOD_HASH = text_hash("x")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("version: 1\nsources: [\n", 3, "YAML syntax error"),
        ("version: 2\n", 1, "format version 2"),
        ("- a\n", None, "must be a mapping"),
        ("version: 1\nsurces: {}\n", 2, "unknown key 'surces'"),
        ("version: 1\nsources:\n  s:\n    url: u\n    ref: v1\n    commit: abc\n", 6, "sources.s.commit is not valid"),
        ("version: 1\nsources:\n  s:\n    url: u\n    commit: " + C1 + "\n", 3, "sources.s.ref is missing"),
        ("version: 1\noverrides:\n  a.md:\n    source: s\n    kind: whole\n    hash: x\n", 5, "must be page or sections"),
        ("version: 1\noverrides:\n  a.md:\n    source: s\n    kind: page\n    hash: md5:1\n", 6, "overrides.a.md.hash is not valid"),
        ("version: 1\noverrides:\n  a.md:\n    source: s\n    kind: sections\n    sections:\n      x: "
         + GOOD_HASH + "\n      y: nope\n", 8, "overrides.a.md.sections.y is not valid"),
        ("version: 1\noverrides:\n  a.md:\n    source: s\n    kind: page\n    hash: " + GOOD_HASH
         + "\n    sections: {}\n", 7, "unknown key 'sections'"),
        ("version: 1\nsources:\n<<<<<<< HEAD\n  a: 1\n=======\n  a: 2\n>>>>>>> theirs\n", 3, "merge conflict"),
    ],
)
def test_malformed_lock_names_the_line(tmp_path: Path, text: str, line: int | None, words: str) -> None:
    path = tmp_path / "lgsite.lock"
    path.write_text(text)
    with pytest.raises(LgsiteError) as caught:
        load_lock(path, display="lgsite.lock")
    error = caught.value
    assert error.file == "lgsite.lock" and error.line == line
    assert words in error.message
    assert "\n" not in str(error)


def test_empty_file_is_an_empty_lock(tmp_path: Path) -> None:
    path = tmp_path / "lgsite.lock"
    path.write_text("# nothing yet\n")
    assert load_lock(path) == Lock()


def test_hand_written_lock_with_introduction(tmp_path: Path) -> None:
    path = tmp_path / "lgsite.lock"
    path.write_text("overrides:\n  a.md:\n    source: s\n    kind: sections\n    sections:\n"
                    f"      (introduction): {GOOD_HASH}\n")
    assert load_lock(path).overrides["a.md"].hashes == {"": GOOD_HASH}
    os.chmod(path, 0o600)
    save_lock(path, load_lock(path))
    assert path.stat().st_mode & 0o777 == 0o600  # an existing file keeps its permissions
