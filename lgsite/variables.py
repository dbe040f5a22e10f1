"""Council variables in Markdown: `{{ council.name }}` and `{{ link(57, "pay") }}`.

Only `{{ … }}` expressions are evaluated, each on its own, in Jinja's sandbox
with strict undefined values: shared pages are written by people outside the
council, so an expression must neither run arbitrary code nor quietly print
nothing. Fenced code blocks are left exactly as written, so a page can show
`{{ council.name }}` as an example.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .diagnostics import Problems
from .errors import LgsiteError
from .prose import map_prose

EXPRESSION = re.compile(r"\{\{(.*?)\}\}")
KNOWN = (
    "council.name", "council.url", "council.tier", "council.country",
    "council.contact.phone", "council.contact.email", "council.contact.address",
    "council.county.name", "council.county.url", 'link(LGSL, "interaction")',
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


class Variables:
    """Evaluates expressions in page bodies against one council's profile."""

    def __init__(self, council: dict[str, Any], links: dict[int, dict[str, str | None]], council_file: str,
                 problems: Problems | None = None, offline_target: str = "") -> None:
        self.council_file = council_file
        self.links = links
        self.env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
        self.context = {"council": council, "link": self.link}
        self.compiled: dict[str, Callable[..., Any]] = {}
        # With problems, a link council.yml does not give is a warning, and the page links
        # to `offline_target` (the council's contact page) so residents can still get the service.
        self.problems = problems
        self.offline_target = offline_target
        self.needs: list[LinkNeed] = []
        self._where: tuple[str, int | None] = ("", None)
        self._page = ""

    def link(self, lgsl: int | str, interaction: str) -> str:
        """The council's own online service for an LGSL service and interaction."""
        number = int(str(lgsl).removeprefix("lgsl:"))
        url = self.lookup(number, interaction, *self._where)
        if url is None:
            if self.problems is None:
                raise MissingLink(number, interaction)
            return self._offline_link()
        return url

    def _offline_link(self) -> str:
        """The contact page, relative to the page being filled in, or an absolute address."""
        if "://" in self.offline_target:
            return self.offline_target
        return posixpath.relpath(self.offline_target, posixpath.dirname(self._page) or ".")

    def lookup(self, lgsl: int, interaction: str, file: str, line: int | None) -> str | None:
        """The link, or None when there is none; noted for `lgsite links`, and warned about if missing."""
        given = self.links.get(lgsl, {})
        url = given.get(interaction)
        state = "given" if url else ("none" if interaction in given else "missing")
        self.needs.append(LinkNeed(lgsl, interaction, file, line, state))
        if state == "missing" and self.problems is not None:
            error = self.missing_link_error(lgsl, interaction, file, line)
            self.problems.warning(error.message, file=file, line=line, hint=error.hint)
        return url

    def missing_link_error(self, lgsl: int, interaction: str, file: str, line: int | None) -> LgsiteError:
        return LgsiteError(
            f"needs the council's link for LGSL {lgsl} ({interaction}), which {self.council_file} does not give",
            file=file,
            line=line,
            hint=f"Add links: {lgsl}: {interaction}: https://… to {self.council_file} (or none if there is no "
                 f"online service); lgsite links --missing --yaml lists every missing link.",
        )

    def render(self, body: str, file: str, first_line: int, page: str = "") -> str:
        """`body` with its expressions filled in; `page` is its site path, for relative links."""
        if "{{" not in body:
            return body
        self._page = page

        def fill(offset: int, line: str) -> str:
            if "{{" not in line:
                return line
            return EXPRESSION.sub(lambda m: self.fill(m.group(1), file, first_line + offset), line)

        return map_prose(body, fill)

    def render_meta(self, value: Any, file: str, lines: dict[tuple[str, ...], int], key: tuple[str, ...] = ()) -> Any:
        """Front matter with its variables filled in: a contact page's phone: "{{ council.contact.phone }}"."""
        if isinstance(value, str):
            if "{{" not in value:
                return value
            line = lines.get(key) or lines.get(key[:1]) or 1
            return EXPRESSION.sub(lambda m: self.fill(m.group(1), file, line), value)
        if isinstance(value, dict):
            return {k: self.render_meta(v, file, lines, (*key, str(k))) for k, v in value.items()}
        if isinstance(value, list):
            return [self.render_meta(item, file, lines, key) for item in value]
        return value

    def fill(self, source: str, file: str, line: int) -> str:
        """One expression's text; with problems, a mistake is recorded and the next expression checked."""
        if self.problems is None:
            return self.evaluate(source, file, line)
        try:
            return self.evaluate(source, file, line)
        except LgsiteError as error:
            self.problems.error(error)
            return ""

    def evaluate(self, source: str, file: str, line: int) -> str:
        expression = source.strip()
        self._where = (file, line)
        try:
            function = self.compiled.get(expression)
            if function is None:
                function = self.env.compile_expression(expression, undefined_to_none=False)
                self.compiled[expression] = function
            return str(function(**self.context))
        except MissingLink as missing:
            raise self.missing_link_error(missing.lgsl, missing.interaction, file, line) from None
        except UndefinedError:
            raise LgsiteError(
                f"unknown variable '{{{{ {expression} }}}}'",
                file=file,
                line=line,
                hint=f"Use one of {', '.join(KNOWN)}, or set it in {self.council_file}.",
            ) from None
        except SecurityError:
            raise LgsiteError(f"the expression '{{{{ {expression} }}}}' is not allowed", file=file, line=line,
                              hint="Use only council variables and link().") from None
        except (TemplateError, TypeError, ValueError) as exc:
            raise LgsiteError(f"cannot evaluate '{{{{ {expression} }}}}': {exc}", file=file, line=line,
                              hint="Check the spelling and brackets.") from None
