"""The one rule for a URL the site writes into an `href` or `src`.

Front matter and `council.yml` come partly from shared sources the council does
not control, so a URL in them is untrusted. A browser runs a `javascript:` (or
`data:`, `vbscript:`) link when a resident clicks it, and a quote or angle
bracket can end the attribute it sits in. The validators refuse such URLs with a
message saying what to change; the theme's `safe_url` filter applies the same
rule again to everything it writes, so a URL that reaches a template some other
way (a page's file name, say) becomes a dead `#` link instead of running.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from markupsafe import Markup

SCHEMES = ("https", "http", "mailto", "tel")
DEAD_LINK = "#"

# A scheme as browsers read it: a letter, then letters, digits, "+", "-" or ".", then ":".
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_BREAKS_ATTRIBUTE = {'"': "a double quote", "<": "'<'", ">": "'>'"}
URL_HINT = "Write the full address starting https://, with any space or quote percent-encoded (%20, %22)."


def url_problem(url: str) -> str | None:
    """What makes `url` unsafe to publish, as words for an error message; None if it is safe.

    Safe means: no character that could end an HTML attribute, no whitespace or
    control character (browsers drop those, so they can hide a scheme), and
    either no scheme at all (a relative URL) or one of SCHEMES.
    """
    for char in url:
        if char in _BREAKS_ATTRIBUTE:
            return f"contains {_BREAKS_ATTRIBUTE[char]}"
        if char.isspace():
            return "contains a space or line break"
        if unicodedata.category(char) in ("Cc", "Cf"):
            return f"contains the control character U+{ord(char):04X}"
    scheme = SCHEME.match(url)
    if scheme is not None and scheme.group(1).lower() not in SCHEMES:
        return f"uses the {scheme.group(1).lower()}: scheme; only {', '.join(s + ':' for s in SCHEMES)} and relative addresses are allowed"
    return None


def safe_url(value: Any) -> str:
    """The theme's `safe_url` filter: `value` if it passes the rule, otherwise a link to nowhere.

    In an autoescaped template `"mailto:" ~ email` is already escaped Markup; the rule is
    about the URL the browser will see, so it is checked unescaped (and escaped again on output).
    """
    url = value.unescape() if isinstance(value, Markup) else "" if value is None else str(value)
    return url if url_problem(url) is None else DEAD_LINK
