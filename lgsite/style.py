"""GOV.UK style in a page's Markdown: what `lgsite lint` checks in the words, not the structure.

The rules read the prose as a resident reads it: link targets, images, HTML
tags, list and heading marks, emphasis and council variables are blanked out
with spaces first (`plain_line`), so that every character keeps its column and
a message points at the word the author wrote. Each rule yields `Finding`s with
the line's index in the body; `lgsite.lint` turns them into messages, applies
the switches and knows the file.

The rules are deliberately narrow: a style check that cries wolf is switched
off and then helps nobody, so each looks for the forms the GOV.UK style guide
names as wrong ("9:00am", "£75.00", "click here") rather than guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .content_checks import LINK, markdown_headings
from .sources import bundled_model_dir
from .variables import EXPRESSION
from .yamlfile import load_yaml_file

WORDS_FILE = "words-to-avoid.yml"
LONG_SENTENCE = 25  # words
LONG_PARAGRAPH = 5  # sentences
READING_AGE_WORDS = 100  # fewer words than this give no steady estimate
# A UK reading age is a US school grade plus 5: grade 4 is read at 9.
GRADE_TO_AGE = 5


@dataclass(frozen=True)
class Finding:
    rule: str
    index: int  # the line in the page's body
    column: int  # 1-based
    message: str


@dataclass
class Block:
    """A run of prose read as one: a paragraph, a list item, a table cell or a heading, by line."""

    kind: str  # paragraph, item, cell, heading
    parts: list[tuple[int, int, str]] = field(default_factory=list)  # (line index, 0-based column, text)

    def text(self) -> str:
        return " ".join(text for _, _, text in self.parts)

    def where(self, offset: int) -> tuple[int, int]:
        """The line index and 1-based column of a character of `text()`."""
        for index, column, text in self.parts:
            if offset <= len(text):
                return index, column + offset + 1
            offset -= len(text) + 1
        index, column, text = self.parts[-1]
        return index, column + len(text) + 1


# --- turning Markdown into prose -------------------------------------------------------------------------------------

TAG = re.compile(r"</?[A-Za-z][^<>]*>")
ENTITY = re.compile(r"&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
HEADING_MARK = re.compile(r"^ {0,3}#{1,6}(?=\s|$)|#+\s*$")
LIST_MARK = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+)")
QUOTE_MARK = re.compile(r"^ {0,3}>\s?")
# Material's admonitions and details: `!!! warning "Title"`, `??? note`, `???+ note`.
ADMONITION = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)(?:[ \t]+[\w-]+)*")
EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|~~")
RULE_CHARACTERS = re.compile(r"[ \t|:-]+")  # a table's |---|:--:| line, or a --- rule, when it has ---
DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S.*$")
TARGET_LIMIT = 2_000  # characters of a link's target
ATTRIBUTE_LIST = re.compile(r"\{[^{}]*\}\s*")


def _blank(line: str, start: int, end: int) -> str:
    """`line` with characters start..end replaced by spaces, so that columns stay where they were."""
    return line[:start] + " " * (end - start) + line[end:]


def comments(line: str) -> Iterator[tuple[int, str, int]]:
    """Each HTML comment on a line: where it starts, its text, and where it ends. Found by searching,
    not by a pattern, so that a line of unclosed comments from any source costs linear time."""
    start = line.find("<!--")
    while start != -1:
        end = line.find("-->", start + 4)
        if end == -1:
            return
        yield start, line[start + 4:end], end + 3
        start = line.find("<!--", end + 3)


def blank_comments(line: str) -> str:
    """`line` with its HTML comments blanked out."""
    for start, _, end in list(comments(line)):
        line = _blank(line, start, end)
    return line


def _blank_all(line: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda match: " " * len(match.group(0)), line)


def plain_line(line: str) -> str:
    """The words of one Markdown line as a resident reads them, at the columns the author wrote them.

    A council variable reads as the word "council" (what it prints is the council's name or address);
    a link reads as its text; an image, a tag and a comment read as nothing.
    """
    if "{{" in line:
        line = EXPRESSION.sub(lambda match: "council".ljust(len(match.group(0))), line)
    if DEFINITION.match(line) or ("---" in line and RULE_CHARACTERS.fullmatch(line)):
        return " " * len(line)
    if "<!--" in line:
        line = blank_comments(line)
    line = _blank_all(line, ENTITY)
    if "[" in line:
        for match in reversed(list(LINK.finditer(line))):
            # The target ends at the next ) (or ] for a reference), looked for no further than a long address.
            close = line.find("]" if match.group("reference") else ")", match.end(), match.end() + TARGET_LIMIT)
            end = close + 1 if close != -1 else match.end()
            if match.group("image"):
                line = _blank(line, match.start(), end)
            else:
                text_start = match.start("text")
                line = _blank(line, text_start + len(match.group("text")), end)
                line = _blank(line, match.start(), text_start)
    line = _blank_all(line, TAG)
    brace = line.rfind("{")
    if brace != -1 and ATTRIBUTE_LIST.fullmatch(line, brace):  # {: .class } or { #id } ending the line
        line = _blank(line, brace, len(line))
    for pattern in (HEADING_MARK, QUOTE_MARK, LIST_MARK, ADMONITION):
        line = _blank_all(line, pattern)
    return _blank_all(line, EMPHASIS)


def blocks(prose: list[str], plain: list[str]) -> list[Block]:
    """The page's prose as paragraphs, list items, table cells and headings (`prose` says what each line
    is, `plain` holds its words)."""
    headings = markdown_headings(prose)
    heading_lines = {heading.index for heading in headings}
    heading_lines |= {heading.index + 1 for heading in headings if heading.marks.startswith("#")
                      and not prose[heading.index].startswith("#")}  # the === or --- under a heading
    found: list[Block] = []
    current: Block | None = None
    for index, (line, words) in enumerate(zip(prose, plain)):
        if index in heading_lines:
            current = None
            if words.strip():
                found.append(Block("heading", [_part(index, words)]))
            continue
        if not words.strip():
            current = None
            continue
        if line.lstrip().startswith("|"):
            current = None
            for cell in re.finditer(r"[^|]+", words):
                if cell.group(0).strip():
                    found.append(Block("cell", [(index, cell.start() + _indent(cell.group(0)), cell.group(0).strip())]))
            continue
        starts_item = LIST_MARK.match(line) is not None
        if current is None or starts_item or current.kind == "heading":
            current = Block("item" if starts_item else "paragraph")
            found.append(current)
        current.parts.append(_part(index, words))
    return found


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _part(index: int, words: str) -> tuple[int, int, str]:
    return index, _indent(words), words.strip()


# --- the rules -------------------------------------------------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9£])")
WORD = re.compile(r"[A-Za-z0-9£][\w'’£.,:-]*")


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a block, each with its offset."""
    found, start = [], 0
    for match in SENTENCE_END.finditer(text):
        found.append((start, text[start:match.start()]))
        start = match.end()
    if text[start:].strip():
        found.append((start, text[start:]))
    return found


def length_findings(block: Block) -> Iterator[Finding]:
    """Sentences over 25 words, and paragraphs over 5 sentences."""
    text = block.text()
    said = sentences(text)
    for offset, sentence in said:
        count = len(WORD.findall(sentence))
        if count > LONG_SENTENCE:
            index, column = block.where(offset)
            yield Finding("long-sentence", index, column,
                          f"this sentence has {count} words, more than {LONG_SENTENCE}. Split it into shorter ones")
    if block.kind == "paragraph" and len(said) > LONG_PARAGRAPH:
        index, column = block.where(0)
        yield Finding("long-paragraph", index, column,
                      f"this paragraph has {len(said)} sentences, more than {LONG_PARAGRAPH}. Split it, or use a list")


def reading_age(found: list[Block]) -> int | None:
    """The page's reading age (a Flesch-Kincaid grade plus 5), or None for a page too short to tell.

    Each block is read as ending a sentence: a list item or a heading with no full stop is
    not part of the next one.
    """
    import textstat  # read only by lint: the build does not need it

    text = " ".join(block.text().rstrip(" .") + "." for block in found if block.kind != "heading")
    if len(WORD.findall(text)) < READING_AGE_WORDS:
        return None
    return round(textstat.flesch_kincaid_grade(text)) + GRADE_TO_AGE


@dataclass(frozen=True)
class LinePattern:
    rule: str
    pattern: re.Pattern[str]
    message: str  # {0} is what was found


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SHORT_MONTHS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
DAY = r"(?:[12]\d|3[01]|0?[1-9])"

LINE_PATTERNS = (
    LinePattern("exclamation", re.compile(r"!+"), "do not use exclamation marks"),
    LinePattern("ampersand", re.compile(r"(?<!\S)&(?!\S)|&(?=\s)"), 'write "and", not "&"'),
    LinePattern("latin-abbreviation", re.compile(r"\b(?:e\.\s?g|i\.\s?e)\.?(?!\w)|\b(?:eg|ie|etc)\b\.?", re.I),
                'do not write "{0}": use "for example", "that is" or "such as", or list everything'),
    LinePattern("time-format", re.compile(
        r"\b\d{1,2}[:.]00\s?(?:am|pm)\b|\b\d{1,2}(?:[:.][0-5]\d)?\s+(?:am|pm)\b"
        r"|\b\d{1,2}(?:[:.][0-5]\d)?\s?(?-i:AM|PM|a\.m\.|p\.m\.)"
        r"|\b(?:[01]?\d|2[0-3]):[0-5]\d\b(?!\s?(?:am|pm))"
        r"|\b\d{1,2}(?:[:.][0-5]\d)?(?:am|pm)\s?[-–—]\s?\d"
        r"|\b12\s?(?:am|pm|noon|midnight)\b", re.I),
        'write times like "9am", "5:30pm", "9am to 5pm", "midday" or "midnight", not "{0}"'),
    LinePattern("date-format", re.compile(
        rf"\b{DAY}/\d{{1,2}}/\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
        rf"|\b{DAY}(?:st|nd|rd|th)\s+(?:of\s+)?(?:{MONTHS})\b"
        rf"|\b(?:{MONTHS})\s+{DAY}(?:st|nd|rd|th)?\b(?:,\s*\d{{4}})?"
        rf"|\b{DAY}\s+(?:{SHORT_MONTHS})\b\.?"),
        'write dates like "3 December 2026", not "{0}"'),
    LinePattern("money-format", re.compile(
        r"£\s+\d|£\d[\d,]*\.00\b|£\d+\.\d(?!\d)|£\d{4,}(?:\.\d\d)?(?![\d,])|\bGBP\s?\d|\b\d[\d,.]{0,15}\s?(?:pounds|pound)\b"),
        'write money like "£75", "£4.50" or "£1,000", not "{0}"'),
)

LINK_WORDS = frozenset({"click here", "here", "more", "read more", "click", "this", "this page", "link",
                        "this link", "more information", "find out more", "further information"})
BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
URL_IN_TEXT = re.compile(r"(?<![(<\w/])(?:https?://|www\.)[^\s)>]+", re.I)
CAPS = re.compile(r"\b[A-Z]{2,}(?:['’][A-Z]+)?\b(?:[ \t]+\b[A-Z]{2,}\b)*")
SMALL_WORDS = frozenset("a an and as at but by for from if in into of on or the to up via with".split())
QUESTION = re.compile(r"\?\s*$|\bFAQs?\b|frequently asked questions", re.I)


def line_findings(index: int, plain: str, acronyms: frozenset[str]) -> Iterator[Finding]:
    """Exclamation marks, ampersands, Latin abbreviations, times, dates, money and shouting on one line."""
    for rule in LINE_PATTERNS:
        for match in rule.pattern.finditer(plain):
            yield Finding(rule.rule, index, match.start() + 1, rule.message.format(match.group(0).strip()))
    for match in CAPS.finditer(plain):
        words = match.group(0).split()
        if len(words) == 1 and (len(words[0]) < 4 or words[0] in acronyms):
            continue
        yield Finding("all-caps", index, match.start() + 1,
                      f'"{match.group(0)}" is in capitals, which is harder to read: use sentence case')


def link_findings(index: int, line: str) -> Iterator[Finding]:
    """Links whose text says nothing out of context ("click here", "more"), and bare web addresses."""
    for match in LINK.finditer(line):
        if match.group("image"):
            continue
        text = " ".join(re.sub(r"[*_`]", "", match.group("text")).split())
        if text.lower().rstrip(".") in LINK_WORDS:
            yield Finding("link-text", index, match.start() + 1,
                          f'the link text "{text}" does not say where it goes: use words that describe the page')
        elif BARE_URL.match(text):
            yield Finding("link-text", index, match.start() + 1,
                          "the link text is a web address: use words that describe the page")
    unlinked = _blank_all(blank_comments(line), LINK)
    for match in URL_IN_TEXT.finditer(TAG.sub(lambda m: " " * len(m.group(0)), unlinked)):
        yield Finding("link-text", index, match.start() + 1,
                      "a bare web address: make it a link whose text describes the page")
    for match in re.finditer(r"<(?:https?://|www\.)[^>\s]+>", unlinked):
        yield Finding("link-text", index, match.start() + 1,
                      "a bare web address: make it a link whose text describes the page")


NAME_IN_TEXT = re.compile(r"(?<=[a-z0-9,;:)] )[A-Z][\w'’-]*")


def names(page_blocks: list[Block]) -> frozenset[str]:
    """Words the page's text capitalises in the middle of a sentence: names (Wales, Tell Us Once),
    which a heading in sentence case capitalises too."""
    return frozenset(match.group(0) for block in page_blocks if block.kind != "heading"
                     for match in NAME_IN_TEXT.finditer(block.text()))


def heading_findings(block: Block, acronyms: frozenset[str]) -> Iterator[Finding]:
    """Headings in Title Case, and headings written as questions or FAQs; `acronyms` holds the words
    rightly capitalised (names and abbreviations)."""
    index, column, text = block.parts[0]
    if QUESTION.search(text):
        yield Finding("faq-heading", index, column + 1,
                      "do not write headings as questions or FAQs: say what the section tells the resident")
    words = [word for word in re.findall(r"[A-Za-z][\w'’-]*", text)[1:]
             if word.lower() not in SMALL_WORDS and not word.isupper() and word not in acronyms]
    if len(words) >= 2 and all(word[0].isupper() for word in words):
        yield Finding("heading-case", index, column + 1,
                      f'"{text}" is in Title Case: use sentence case (a capital for the first word and names only)')


@dataclass(frozen=True)
class AvoidWords:
    """The words to avoid, with their plain alternatives, as one pattern."""

    pattern: re.Pattern[str] | None
    instead: dict[str, tuple[str, str]]  # group name -> (the word, what to write instead)
    acronyms: frozenset[str]  # words rightly in capitals (NHS, COVID), not shouting

    def findings(self, index: int, plain: str) -> Iterator[Finding]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(plain):
            key = next(name for name, value in match.groupdict().items() if value is not None)
            _, instead = self.instead[key]
            yield Finding("words-to-avoid", index, match.start() + 1,
                          f'avoid "{match.group(0)}": {instead}')


def _forms(phrase: str) -> str:
    """A word with its usual endings (facilitate: facilitates, facilitated, facilitating); a phrase as it is."""
    escaped = re.escape(phrase)
    if " " in phrase or not phrase.isalpha():
        return escaped
    if phrase.endswith("e"):
        return re.escape(phrase[:-1]) + "(?:e|es|ed|ing)"
    return escaped + "(?:s|es|ed|ing)?"


@lru_cache(maxsize=4)
def avoid_words(path: Path | None = None) -> AvoidWords:
    """The list in the content model (`words-to-avoid.yml`), read once."""
    located = load_yaml_file(path or bundled_model_dir() / WORDS_FILE)
    words = (located.data or {}).get("words") or {}
    instead: dict[str, tuple[str, str]] = {}
    alternatives = []
    for number, (word, plain) in enumerate(sorted(words.items(), key=lambda item: -len(str(item[0])))):
        instead[f"w{number}"] = (str(word), str(plain))
        alternatives.append(f"(?P<w{number}>{_forms(str(word).lower())})")
    acronyms = frozenset(str(word) for word in (located.data or {}).get("acronyms") or ())
    pattern = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I) if alternatives else None
    return AvoidWords(pattern, instead, acronyms)
