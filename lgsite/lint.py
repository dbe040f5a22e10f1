"""`lgsite lint`: a content designer's check of their Markdown before review.

A change to a shared page reaches every council that inherits it, so its
writing is checked where it is written, not in each council's build: the GOV.UK
style rules of `lgsite.style` and the structure rules the build also warns
about (`content_checks.structure_problems`, reused so the two never disagree).
Every rule has a stable name, printed in each message, by which a project
switches it off (`ignore:` under council.yml's `lint:` for a council, in
`lint.yml` beside a library's `pages/`) and a line switches it off with
`<!-- lint: ignore long-sentence -->` (on the line, or alone on the line above).

Welsh pages (`*.cy.md`, or `lang: cy`) get the structure rules only: the style
rules and the readability formula are written for English.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .content_checks import TITLE_FROM_TEXT, masked, page_template, raw_html, structure_problems
from .frontmatter import split
from .layers import Origin, Page, Provenance, display_path, read_markdown
from .page_files import COUNCIL_FILE, page_files
from .style import (Block, Finding, avoid_words, blank_comments, blocks, comments, heading_findings, length_findings,
                    line_findings, link_findings, names, plain_line, reading_age)
from .yamlfile import LocatedData, load_yaml_file

# Every rule, by the name messages and switches use, with what it checks. Names never change.
RULES = {
    "words-to-avoid": "a word the GOV.UK style guide asks to avoid, with the plain word to use",
    "long-sentence": "a sentence of more than 25 words",
    "long-paragraph": "a paragraph of more than 5 sentences",
    "reading-age": "a page whose reading age is above the target (9 unless set)",
    "link-text": 'link text such as "click here", "here" or "more", or a bare web address',
    "heading-case": "a heading in Title Case rather than sentence case",
    "all-caps": "a word or words in capitals",
    "exclamation": "an exclamation mark",
    "ampersand": '"&" in place of "and"',
    "latin-abbreviation": "e.g., i.e. or etc.",
    "time-format": 'a time not written like "9am", "5:30pm" or "9am to 5pm"',
    "date-format": 'a date not written like "3 December 2026"',
    "money-format": 'money not written like "£75" or "£4.50"',
    "heading-skip": "a heading that skips a level",
    "empty-heading": "a heading with no words",
    "second-h1": "a second top-level heading (the page title is the first)",
    "image-alt": "an image with no alt text",
    "faq-heading": "a heading written as a question or FAQ",
    "lint-comment": "a lint: ignore comment that names no rule",
}
# What every language gets: how the page is built, not how its English reads.
STRUCTURE = frozenset({"heading-skip", "empty-heading", "second-h1", "image-alt", "faq-heading", "lint-comment"})
READING_AGE = 9
LIBRARY_SETTINGS = "lint.yml"  # beside a shared library's pages/
# `<!-- lint: ignore long-sentence, ampersand (why) -->`: rule names, then the reason in brackets.
IGNORE = re.compile(r"lint:[ \t]*ignore[ \t]+(?P<rules>[^()]*)(?:\(.*\))?", re.S)


@dataclass(frozen=True)
class Message:
    file: str
    line: int
    column: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.rule}: {self.message}"


@dataclass(frozen=True)
class LintSettings:
    """What a project asks of lint: rules it leaves out, and the reading age pages should not go above."""

    ignore: frozenset[str] = frozenset()
    reading_age: int = READING_AGE
    root: Path = field(default_factory=Path.cwd)  # the council or library folder; messages name files from it


def read_settings(located: LocatedData, *path: str) -> tuple[frozenset[str], int]:
    """The `ignore` and `reading_age` settings under `path` of a YAML file, checked: a misspelt rule would
    otherwise leave the rule on without a word."""
    data: Any = located.data
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    if data is None:
        return frozenset(), READING_AGE
    where = " ".join(path + ("",)).strip()
    if not isinstance(data, dict):
        raise located.error(path, f"{where or 'the file'} must be a mapping with ignore: and reading_age:",
                            "Write it as ignore: [rule, ...] and reading_age: 9.")
    unknown = sorted(set(data) - {"ignore", "reading_age"})
    if unknown:
        raise located.error(path + (unknown[0],), f"'{unknown[0]}' is not a lint setting",
                            "Use ignore: (rules to leave out) or reading_age: (a whole number).")
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(rule, str) for rule in ignore):
        raise located.error(path + ("ignore",), "ignore: must be a list of rule names",
                            "Write it as ignore: [heading-case].")
    for rule in ignore:
        if rule not in RULES:
            raise located.error(path + ("ignore",), f"ignore: names '{rule}', which is not a lint rule",
                                f"Use one of {', '.join(RULES)}.")
    age = data.get("reading_age", READING_AGE)
    if isinstance(age, bool) or not isinstance(age, int) or not 5 <= age <= 21:
        raise located.error(path + ("reading_age",), f"reading_age is '{age}', not an age from 5 to 21",
                            "Give a whole number of years, such as 9.")
    return frozenset(ignore), age


def settings_for(path: Path) -> LintSettings:
    """The settings of the council or library `path` is in: the nearest folder up with a council.yml
    (its `lint:`) or a lint.yml; the defaults where there is neither."""
    start = path.resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        for name, keys in ((COUNCIL_FILE, ("lint",)), (LIBRARY_SETTINGS, ())):
            file = folder / name
            if file.is_file():
                ignore, age = read_settings(load_yaml_file(file, display_path(file, Path.cwd())), *keys)
                return LintSettings(ignore, age, folder)
    return LintSettings(root=Path.cwd())


def lint_paths(paths: Iterable[str]) -> list[Message]:
    """Every message for every page the paths name, in file and line order."""
    messages: list[Message] = []
    for given in paths:
        settings = settings_for(Path(given))
        for file in page_files(Path(given), settings.root):
            messages += lint_text(read_markdown(file), file.display, settings, welsh=file.path.endswith(".cy.md"))
    return messages


def lint_text(text: str, file: str, settings: LintSettings, *, welsh: bool = False) -> list[Message]:
    """The messages for one page's text, `file` naming it."""
    page_file = split(text, file)
    meta = page_file.data
    welsh = welsh or str(meta.get("lang", "")).lower().startswith("cy")
    prose = masked(page_file.body)
    page = Page(file, meta, page_file.body, page_file.body_line, Provenance(Origin.LOCAL, file=file))
    prints_title = page_template(meta, theme_templates()) != TITLE_FROM_TEXT
    found = [Finding(problem.rule, problem.index, problem.column,
                     f"{problem.error.message}. {problem.error.hint}".rstrip("."))
             for problem in structure_problems(page, prose, raw_html(prose), prints_title=prints_title)]
    plain = [plain_line(line) for line in prose]
    page_blocks = blocks(prose, plain)
    capitals = avoid_words().acronyms | names(page_blocks)
    found += [finding for block in page_blocks if block.kind == "heading"
              for finding in heading_findings(block, capitals)]
    if not welsh:
        found += _style(prose, plain, page_blocks, settings)
    ignored, unknown = _ignored(prose)
    found += unknown
    rules = (STRUCTURE if welsh else frozenset(RULES)) - settings.ignore
    kept = {(f.rule, f.index, f.column): f for f in found
            if f.rule in rules and f.rule not in ignored.get(f.index, ())}
    return [Message(file, page_file.body_line + f.index, f.column, f.rule, f.message)
            for f in sorted(kept.values(), key=lambda f: (f.index, f.column, f.rule))]


def _style(prose: list[str], plain: list[str], page_blocks: list[Block], settings: LintSettings) -> list[Finding]:
    """The GOV.UK style findings of an English page (its headings are checked for every language)."""
    words = avoid_words()
    found: list[Finding] = []
    for index, (line, text) in enumerate(zip(prose, plain)):
        if not text.strip() and "http" not in line and "www." not in line:
            continue
        found += line_findings(index, text, words.acronyms)
        found += words.findings(index, text)
        found += link_findings(index, line)
    for block in page_blocks:
        if block.kind != "heading":
            found += length_findings(block)
    age = reading_age(page_blocks)
    if age is not None and age > settings.reading_age:
        first = next(block for block in page_blocks if block.kind != "heading")
        index, column = first.where(0)
        found.append(Finding("reading-age", index, column,
                             f"the page has a reading age of about {age}, above the target of {settings.reading_age}. "
                             "Use shorter sentences and everyday words"))
    return found


def _ignored(prose: list[str]) -> tuple[dict[int, set[str]], list[Finding]]:
    """The rules each line switches off, and a finding for each rule a comment names that does not exist.
    A comment alone on its line switches the rules off for the next line with words on it."""
    ignored: dict[int, set[str]] = {}
    unknown: list[Finding] = []
    for index, line in enumerate(prose):
        if "lint:" not in line:
            continue
        for start, inside, end in comments(line):
            match = IGNORE.fullmatch(inside.strip())
            if match is None:
                continue
            named = set(re.split(r"[\s,]+", match.group("rules").strip())) - {""}
            for name in sorted(named - set(RULES)):
                unknown.append(Finding("lint-comment", index, start + 1,
                                       f"'{name}' is not a lint rule. Use one of {', '.join(RULES)}"))
            target = index
            if not (line[:start] + line[end:]).strip():
                target = next((later for later in range(index + 1, len(prose))
                               if blank_comments(prose[later]).strip()), index)
            ignored.setdefault(target, set()).update(named)
    return ignored, unknown


@lru_cache(maxsize=1)
def theme_templates() -> frozenset[str]:
    """The council theme's page templates: which of them prints a page's title as its heading."""
    theme = importlib.import_module("lgsite.themes.council")
    return frozenset(path.name for path in Path(theme.__file__ or "").parent.glob("*.html"))


def as_json(messages: list[Message]) -> str:
    return json.dumps([asdict(message) for message in messages], indent=2, ensure_ascii=False)


def as_text(messages: list[Message]) -> Iterator[str]:
    yield from (str(message) for message in messages)
