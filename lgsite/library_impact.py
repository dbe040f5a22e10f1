"""`lgsite library impact`: which councils' overrides a change to a shared library puts into drift.

The councils are named in a file, one a line: a council's folder, or its git
repository's URL (read from a shallow clone in a temporary folder, written
out with the same containment and limits as a build's git sources). For each
page the change touches, a council that overrides it (the page in its `docs/`,
or recorded in its `lgsite.lock`) drifts where `lgsite drift` would say so once
the change lands: the shared text under the override changes, and differs
from the fingerprint the council accepted. An override the lock does not yet
record counts as accepted at the change's start, as its next build would
record it.

Every line of the councils file, and each ref, is checked in one run; bad ones
are reported together.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .control_chars import strip_controls
from .errors import LgsiteError
from .gitsource import GitCache, parse_git_spec
from .layers import Origin, display_path
from .library_changes import PAGES, Change, PageChange, page_of, section_hashes
from .lock import WHOLE, Drift, Lock, OverrideKind, load_lock, text_hash
from .sections import merge
from .tracking import LOCK_FILE

MAX_COUNCILS_FILE = 256 * 1024  # bytes
MAX_COUNCILS = 500
MAX_COUNCIL_FILE = 5 * 1024 * 1024  # bytes of one lock or override page read from a council
GIT_URL = re.compile(r"^(git\+)?([a-z][a-z0-9+.-]*://|[^/\s:]+@[^/\s:]+:)", re.IGNORECASE)


@dataclass
class CouncilImpact:
    name: str  # as the councils file gives it, less any password
    drift: list[Drift] = field(default_factory=list)


@dataclass(frozen=True)
class CouncilRef:
    """One line of the councils file."""

    text: str
    line: int
    folder: Path | None = None  # a local council
    url: str | None = None  # a git spec: git+<url>[@ref]


def read_councils(file: Path) -> tuple[list[CouncilRef], list[LgsiteError]]:
    """The councils the file names, and a problem for each line that names none."""
    shown = display_path(file.resolve(), Path.cwd())
    try:
        if file.stat().st_size > MAX_COUNCILS_FILE:
            return [], [LgsiteError(f"is larger than {MAX_COUNCILS_FILE // 1024} KB", file=shown,
                                    hint="List one council a line, at most 500.")]
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = "is not UTF-8 text" if isinstance(error, UnicodeDecodeError) else (error.strerror or "cannot be read")
        return [], [LgsiteError(reason.lower(), file=shown, hint="Give a text file listing one council a line.")]
    councils: list[CouncilRef] = []
    problems: list[LgsiteError] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.split(r"(?:^|\s)#", raw, maxsplit=1)[0].strip()  # a URL's own # has no space before it
        if not line:
            continue
        if len(councils) >= MAX_COUNCILS:
            problems.append(LgsiteError(f"lists more than {MAX_COUNCILS} councils", file=shown, line=number,
                                        hint="Split the list and run lgsite library impact once for each part."))
            break
        if GIT_URL.match(line):
            spec = line if line.startswith("git+") else f"git+{line}"
            try:
                parsed = parse_git_spec(spec, file.parent, shown)
            except LgsiteError as error:
                problems.append(LgsiteError(error.message, file=shown, line=number, hint=error.hint))
                continue
            assert parsed is not None
            councils.append(CouncilRef(parsed.text.removeprefix("git+"), number, url=spec))
            continue
        folder = (file.parent / line)
        if not folder.is_dir():
            problems.append(LgsiteError(f"'{line}' is neither a folder nor a git URL", file=shown, line=number,
                                        hint="Give a council's folder, relative to this file, or its repository's "
                                             "URL, such as https://github.com/council/website.git."))
        elif not (folder / "mkdocs.yml").is_file():
            problems.append(LgsiteError(f"'{line}' has no mkdocs.yml, so it is not a council's folder", file=shown,
                                        line=number, hint="Give the folder that holds the council's mkdocs.yml."))
        else:
            councils.append(CouncilRef(line, number, folder=folder))
    return councils, problems


def council_impacts(councils: list[CouncilRef], changes: list[PageChange], councils_file: Path
                    ) -> tuple[list[CouncilImpact], list[LgsiteError]]:
    """Each council's drift from the change, reading from each only the lock and the changed paths."""
    touched = [change for change in changes if change.change is not Change.ADDED]
    if not touched:  # nothing any council could override changed: no need to fetch a council
        return [CouncilImpact(council.text) for council in councils], []
    impacts: list[CouncilImpact] = []
    problems: list[LgsiteError] = []
    shown = display_path(councils_file.resolve(), Path.cwd())
    with tempfile.TemporaryDirectory(prefix="lgsite-impact-") as temp:
        cache = GitCache(Path(temp), display="a temporary folder", depth=1)
        for council in councils:
            try:
                root = council.folder or _clone(cache, council, shown)
                if not (root / "mkdocs.yml").is_file():  # a folder's was checked as the file was read
                    raise LgsiteError(f"{council.text} has no mkdocs.yml, so it is not a council's repository",
                                      file=shown, line=council.line,
                                      hint="List the repository that holds the council's mkdocs.yml.")
                impacts.append(CouncilImpact(council.text, list(_drift(root, council.text, touched))))
            except LgsiteError as error:
                problems.append(error)
    return impacts, problems


def _clone(cache: GitCache, council: CouncilRef, shown: str) -> Path:
    spec = parse_git_spec(council.url or "", None, shown)
    assert spec is not None
    try:
        return cache.checkout(spec, offline_ok=False).path
    except LgsiteError as error:
        said = re.search(r"\(git said: .*\)", error.hint or "")
        raise LgsiteError(f"cannot read the council's repository {spec.url}", file=shown, line=council.line,
                          hint="Check the address, and that this machine may read the repository"
                               + (f" {said.group(0)}" if said else f": {error.message}")) from None


def _drift(root: Path, name: str, touched: list[PageChange]) -> Iterator[Drift]:
    lock = _lock(root, name)
    docs = root / _docs_dir(root)
    for change in touched:
        local = _read(docs / change.path, root, f"{name}/docs/{change.path}")
        record = lock.overrides.get(change.path)
        if local is None and record is None:
            continue
        if local is not None:
            kind, sections = _override_of(local, change, f"{name}/docs/{change.path}")
        else:
            assert record is not None
            kind, sections = record.kind, set(record.hashes)
        if record is not None and record.kind == kind:
            sections |= set(record.hashes)
        yield from _drifted(change, kind, sections, record.hashes if record and record.kind == kind else {})


def _drifted(change: PageChange, kind: OverrideKind, sections: set[str], recorded: dict[str, str | None]
             ) -> Iterator[Drift]:
    """Drift as `lock.drift` finds it, limited to the shared text this change alters."""
    if kind is OverrideKind.PAGE:
        before = {WHOLE: text_hash(change.old) if change.old is not None else None}
        after = {WHOLE: text_hash(change.new) if change.new is not None else None}
    else:
        before = _sections(change.path, change.old)
        after = _sections(change.path, change.new)
    for section in sorted(sections):
        old, new = before.get(section), after.get(section)
        accepted = recorded.get(section) or old
        if old != new and accepted is not None and accepted != new:
            yield Drift(change.path, section, accepted, new, kind)


def _sections(path: str, text: str | None) -> dict[str, str]:
    if text is None:
        return {}
    try:
        return section_hashes(path, text)
    except LgsiteError:
        return {}  # a shared page the build cannot split: every overridden section is reported gone


def _override_of(text: str, change: PageChange, file: str) -> tuple[OverrideKind, set[str]]:
    """What a council's page at a shared path overrides: the whole page, or the shared sections
    it replaces and removes, found by the build's own merge of it over the shared page as it was."""
    local = page_of(change.path, text, file, Origin.OVERRIDE)
    if local.meta.get("override") != "sections":
        return OverrideKind.PAGE, {WHOLE}
    assert change.old is not None  # only changed and removed pages are looked at
    _, overridden = merge(page_of(change.path, change.old, f"{PAGES}/{change.path}"), local)
    return OverrideKind.SECTIONS, set(overridden)


def _lock(root: Path, name: str) -> Lock:
    file = root / LOCK_FILE
    if file.is_symlink() or (file.exists() and file.stat().st_size > MAX_COUNCIL_FILE):
        raise LgsiteError("is a link or too large to read", file=f"{name}/{LOCK_FILE}",
                          hint="Keep lgsite.lock as lgsite writes it.")
    return load_lock(file, f"{name}/{LOCK_FILE}")


def _docs_dir(root: Path) -> str:
    """`docs_dir` from mkdocs.yml, read as text: the file may hold tags only MkDocs can load."""
    config = root / "mkdocs.yml"
    if config.is_symlink() or config.stat().st_size > MAX_COUNCIL_FILE:  # the build would not read a link
        return "docs"
    found = re.search(r"^docs_dir\s*:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(#.*)?$",
                      config.read_text(encoding="utf-8", errors="replace"), re.M)
    return found.group(1) if found else "docs"


def _read(file: Path, root: Path, shown: str) -> str | None:
    """A council's page, never through a link out of its folder, within the size limit."""
    try:
        if not file.resolve().is_relative_to(root.resolve()) or not file.is_file():
            return None
        if file.stat().st_size > MAX_COUNCIL_FILE:
            raise LgsiteError("is too large to be a page", file=shown, hint="Keep pages under 5 MB.")
        return file.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None


# Reports ---------------------------------------------------------------------


def _section_words(change: PageChange) -> str:
    parts = [f"{_name(s.id)} {s.change.value}" for s in change.sections]
    if change.front_matter:
        parts.insert(0, "front matter changed")
    return "; ".join(parts)


def _name(section: str) -> str:
    return "introduction" if section == WHOLE else f"section '{section}'"


def as_text(old: str, new: str, changes: list[PageChange], impacts: list[CouncilImpact] | None) -> str:
    lines = [f"Comparing {old} with {new}: {_pages(len(changes))} changed"]
    for change in changes:
        detail = _section_words(change)
        lines.append(f"  {change.change.value:<8} {change.path}" + (f": {detail}" if detail else ""))
    for impact in impacts or []:
        lines.append(f"{impact.name}: {_overrides(len(impact.drift))} will drift")
        lines.extend(f"  {item.describe()}" for item in impact.drift)
    return "\n".join(strip_controls(line, keep="") for line in lines)  # file names are the pull request's


def as_json(old: str, new: str, changes: list[PageChange], impacts: list[CouncilImpact] | None) -> str:
    data = {
        "from": old, "to": new,
        "pages": [{"path": c.path, "change": c.change.value, "front_matter": c.front_matter,
                   "sections": [{"id": s.id, "change": s.change.value} for s in c.sections]} for c in changes],
        "councils": [{"council": i.name, "drift": [
            {"page": d.page, "section": d.section, "kind": d.kind.value,
             "change": "removed" if d.current is None else "changed", "message": d.describe()} for d in i.drift]}
            for i in impacts or []],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def as_markdown(old: str, new: str, changes: list[PageChange], impacts: list[CouncilImpact] | None) -> str:
    """For a pull request comment: what a reviewer needs to see, with every value escaped for Markdown."""
    lines = ["## Impact of this change on councils", "",
             f"Comparing `{_code(old)}` with `{_code(new)}`: {_pages(len(changes))} changed.", ""]
    if changes:
        lines += ["| Page | Change | Sections |", "| --- | --- | --- |"]
        lines += [f"| `{_code(c.path)}` | {c.change.value} | {_cell(_section_words(c)) or '—'} |" for c in changes]
        lines.append("")
    if impacts is not None:
        drifting = [impact for impact in impacts if impact.drift]
        lines.append(f"{len(drifting)} of {len(impacts)} councils have overrides that will drift.")
        for impact in drifting:
            lines += ["", f"### {_cell(impact.name)}", ""]
            lines += [f"- {_cell(item.describe())}" for item in impact.drift]
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    """Inside a code span nothing is Markdown or HTML, but a | still ends a table's cell."""
    return " ".join(strip_controls(text, keep="").split()).replace("`", "'").replace("|", "\\|")


def _cell(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~])", r"\\\1", " ".join(strip_controls(text, keep="").split()))


def _pages(count: int) -> str:
    return f"{count} shared page" + ("" if count == 1 else "s")


def _overrides(count: int) -> str:
    return ("no override" if count == 0 else f"{count} override" + ("" if count == 1 else "s"))
