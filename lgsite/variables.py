"""Council variables in Markdown: `{{ council.name }}` and `{{ link(57, "pay") }}`.

Only `{{ … }}` expressions are evaluated, each on its own, in Jinja's immutable
sandbox with strict undefined values: shared pages are written by people
outside the council, so an expression must neither run arbitrary code, nor
change what later pages see, nor quietly print nothing, nor exhaust the build.
Each page gets its own copy of the council's details and its own budget of
output, and the operators and functions that can make a large value from a short
expression (`**`, `*`, `%`, `range`, string methods, most filters) are bounded or
left out. Fenced code blocks are left exactly as written, so a page can show
`{{ council.name }}` as an example.

What an expression prints into a page body is text, not HTML: `&`, `<`, `>` and
`"` are escaped, so a council name can neither add markup nor leave a raw HTML
attribute. Python-Markdown keeps the entities, which the browser decodes: an
escaped `&amp;` in a link target is `&` again, so `[Pay]({{ link(57, "pay") }})`
links to the URL as written.
"""

from __future__ import annotations

import copy
import html
import math
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .diagnostics import Problems
from .errors import LgsiteError
from .prose import map_prose

EXPRESSION = re.compile(r"\{\{(.*?)\}\}")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
KNOWN = (
    "council.name", "council.url", "council.tier", "council.country",
    "council.contact.phone", "council.contact.email", "council.contact.address",
    "council.county.name", "council.county.url", 'link(LGSL, "interaction")',
)

OUTPUT_LIMIT = 10_000  # characters one expression may print
PAGE_LIMIT = 100_000  # characters all the expressions of one page may print
RANGE_LIMIT = 10_000  # numbers range() may give
NUMBER_BITS = 13_000  # about 3,900 decimal digits, below Python's 4,300-digit limit for printing a number

# Filters that cannot make a value much larger than their input.
FILTERS = (
    "abs", "capitalize", "count", "d", "default", "first", "float", "int", "last", "length", "lower", "max",
    "min", "round", "string", "sum", "title", "trim", "truncate", "upper", "urlencode", "wordcount",
)
# Methods of text, lists and mappings that only read, and print no more than they are given.
METHODS = frozenset({
    "capitalize", "casefold", "count", "endswith", "find", "get", "index", "isalnum", "isalpha", "isdigit",
    "islower", "isspace", "isupper", "items", "keys", "lower", "lstrip", "rstrip", "startswith", "strip",
    "swapcase", "title", "upper", "values",
})
# What an expression may break; anything else is a fault in lgsite and keeps its traceback.
EXPRESSION_FAULTS = (
    TemplateError, ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError, SyntaxError,
)


class MissingLink(Exception):
    def __init__(self, lgsl: int, interaction: str) -> None:
        self.lgsl = lgsl
        self.interaction = interaction


@dataclass(frozen=True)
class LinkNeed:
    """A page that needs the council's own online service for one LGSL service and interaction."""

    lgsl: int
    interaction: str
    file: str
    line: int | None
    state: str  # "given", "none" (council.yml says there is no online service) or "missing"


class TooLarge(Exception):
    """An expression would make a value past one of the limits above."""


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the ways to a huge value cut off before they run."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=False)
        self.globals = {"range": bounded_range}
        self.filters = {name: self.filters[name] for name in FILTERS}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if callable(value) and attr not in METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value: Any) -> None:
        """`str.format` is not one of METHODS: a width of 10**9 is a gigabyte of spaces."""
        return None

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            raise SecurityError("formatting text with % is not allowed")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            if math.log2(abs(left)) * right > NUMBER_BITS:
                raise TooLarge("makes a number of more than 3,900 digits")
        if operator == "*":
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > NUMBER_BITS:
                raise TooLarge("makes a number of more than 3,900 digits")
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) and times > 0:
                    if _size(sequence) * times > OUTPUT_LIMIT:
                        raise TooLarge(f"repeats a value to more than {OUTPUT_LIMIT:,} characters")
        return super().call_binop(context, operator, left, right)


def bounded_range(*args: int) -> range:
    numbers = range(*args)
    try:
        length = len(numbers)
    except OverflowError:
        length = RANGE_LIMIT + 1
    if length > RANGE_LIMIT:
        raise TooLarge(f"makes a range of more than {RANGE_LIMIT:,} numbers")
    return numbers


def _size(value: Any) -> int:
    """About how many characters `value` prints as, counted no further than past OUTPUT_LIMIT."""
    total = 0
    stack = [value]
    while stack and total <= OUTPUT_LIMIT:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, (list, tuple)):
            total += 2
            stack.extend(item)
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        else:
            total += 8
    return total


class Variables:
    """Evaluates expressions in page bodies against one council's profile."""

    def __init__(self, council: dict[str, Any], links: dict[int, dict[str, str | None]], council_file: str,
                 problems: Problems | None = None, offline_target: str = "", warn_missing: bool = True) -> None:
        self.council_file = council_file
        self.links = links
        self.council = council
        self.env = BoundedSandbox()
        self.compiled: dict[str, Callable[..., Any]] = {}
        # With problems, a link council.yml does not give is a warning, and the page links to
        # `offline_target` (the council's contact page, by its site path, or an address) so that
        # residents can still get the service; every mistake is recorded and the next expression checked.
        self.problems = problems
        self.offline_target = offline_target
        self.warn_missing = warn_missing  # a translation's missing link is its English page's, said there
        self.needs: list[LinkNeed] = []

    def lookup(self, lgsl: int, interaction: str, file: str, line: int | None) -> str | None:
        """The link, or None when there is none; noted for `lgsite links`, and warned about if missing."""
        given = self.links.get(lgsl, {})
        url = given.get(interaction)
        state = "given" if url else ("none" if interaction in given else "missing")
        self.needs.append(LinkNeed(lgsl, interaction, file, line, state))
        if state == "missing" and self.problems is not None and self.warn_missing:
            self.problems.warning_of(self.missing_link_error(lgsl, interaction, file, line))
        return url

    def missing_link_error(self, lgsl: int, interaction: str, file: str, line: int | None) -> LgsiteError:
        return LgsiteError(
            f"needs the council's link for LGSL {lgsl} ({interaction}), which {self.council_file} does not give",
            file=file,
            line=line,
            hint=f"Add links: {lgsl}: {interaction}: https://… to {self.council_file} (or none if there is no "
                 f"online service); lgsite links --missing --yaml lists every missing link.",
        )

    def page(self, file: str, path: str = "") -> PageVariables:
        """The variables as one page sees them; `path` is its site path, for relative links."""
        return PageVariables(self, file, path)

    def compile(self, expression: str) -> Callable[..., Any]:
        function = self.compiled.get(expression)
        if function is None:
            function = self.env.compile_expression(expression, undefined_to_none=False)
            self.compiled[expression] = function
        return function


@dataclass
class PageVariables:
    """One page's evaluation: a copy of the council's details that no page can share, and an output budget."""

    variables: Variables
    file: str
    path: str = ""  # the page's site path, for a link relative to it
    printed: int = 0
    context: dict[str, Any] = field(default_factory=dict)
    line: int | None = None  # of the expression being evaluated, for link()

    def link(self, lgsl: int | str, interaction: str) -> str:
        """The council's own online service for an LGSL service and interaction."""
        number = int(str(lgsl).removeprefix("lgsl:"))
        variables = self.variables
        url = variables.lookup(number, interaction, self.file, self.line)
        if url is not None:
            return url
        if variables.problems is None:
            raise MissingLink(number, interaction)
        target = variables.offline_target
        if "://" in target:
            return target
        return posixpath.relpath(target, posixpath.dirname(self.path) or ".")

    def render(self, body: str, first_line: int) -> str:
        if "{{" not in body:
            return body

        def fill(offset: int, line: str) -> str:
            if "{{" not in line:
                return line
            code = [span.span() for span in CODE_SPAN.finditer(line)]

            def value(match: re.Match[str]) -> str:
                text = self.fill(match.group(1), first_line + offset)
                # Inside a code span Markdown shows text as written: escaping would show "&amp;".
                if any(a <= match.start() < b for a, b in code):
                    return text
                return html.escape(text, quote=False).replace('"', "&quot;")  # ' is harmless, and common in names

            return EXPRESSION.sub(value, line)

        return map_prose(body, fill)

    def render_meta(self, value: Any, lines: dict[tuple[str, ...], int], key: tuple[str, ...] = ()) -> Any:
        """Front matter with its variables filled in: a contact page's phone: "{{ council.contact.phone }}".

        Not escaped here: templates escape what they print.
        """
        if isinstance(value, str):
            if "{{" not in value:
                return value
            line = lines.get(key) or lines.get(key[:1]) or 1
            return EXPRESSION.sub(lambda m: self.fill(m.group(1), line), value)
        if isinstance(value, dict):
            return {k: self.render_meta(v, lines, (*key, str(k))) for k, v in value.items()}
        if isinstance(value, list):
            return [self.render_meta(item, lines, key) for item in value]
        return value

    def fill(self, source: str, line: int) -> str:
        """One expression's text; with problems, a mistake is recorded and the next expression checked."""
        problems = self.variables.problems
        if problems is None:
            return self.evaluate(source, line)
        try:
            return self.evaluate(source, line)
        except LgsiteError as error:
            problems.error(error)
            return ""

    def evaluate(self, source: str, line: int) -> str:
        expression = source.strip()
        self.line = line
        shown = expression if len(expression) <= 60 else expression[:57] + "..."
        where = {"file": self.file, "line": line}
        variables = self.variables
        if not self.context:
            self.context = {"council": copy.deepcopy(variables.council), "link": self.link}
        try:
            text = str(variables.compile(expression)(**self.context))
        except MissingLink as missing:
            raise variables.missing_link_error(missing.lgsl, missing.interaction, self.file, line) from None
        except UndefinedError:
            raise LgsiteError(
                f"unknown variable '{{{{ {shown} }}}}'",
                **where,
                hint=f"Use one of {', '.join(KNOWN)}, or set it in {variables.council_file}.",
            ) from None
        except SecurityError:
            raise LgsiteError(f"the expression '{{{{ {shown} }}}}' is not allowed", **where,
                              hint="Use only council variables and link().") from None
        except TooLarge as large:
            raise LgsiteError(f"the expression '{{{{ {shown} }}}}' {large}", **where,
                              hint="Council variables are for short text such as names and phone numbers.") from None
        except EXPRESSION_FAULTS as exc:
            reason = "a number is too large" if isinstance(exc, OverflowError) else str(exc) or type(exc).__name__
            raise LgsiteError(f"cannot evaluate '{{{{ {shown} }}}}': {' '.join(reason.split())[:200]}", **where,
                              hint="Check the spelling and brackets.") from None
        if len(text) > OUTPUT_LIMIT:
            raise LgsiteError(f"the expression '{{{{ {shown} }}}}' prints {len(text):,} characters; "
                              f"the limit is {OUTPUT_LIMIT:,}", **where,
                              hint="Council variables are for short text such as names and phone numbers.")
        self.printed += len(text)
        if self.printed > PAGE_LIMIT:
            raise LgsiteError(f"the page's variables print more than {PAGE_LIMIT:,} characters", **where,
                              hint="Write long text into the page itself.")
        return text
