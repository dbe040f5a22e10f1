"""The languages a site is published in, and how a page's file says which language it is in.

Shared pages are written in English. A page's version in another language is a
file beside it named with the language code (`pay-your-council-tax.cy.md`), or a
page with `lang:` and the same `translation_id:` as its English partner. Each
language other than English is published under a folder of its own (`/cy/`), so
that a resident who follows a link stays in the language they chose.
"""

from __future__ import annotations

import re

ENGLISH = "en"
# Each language lgsite has interface text for, by its name in that language, as the switcher shows it
# to someone looking for it.
LABELS = {"en": "English", "cy": "Cymraeg"}
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}  # as messages to the council's web team name them
SUFFIX = re.compile(r"\.(?P<code>[a-z]{2})\.md$")


def prefix(lang: str, english_path: str = "/") -> str:
    """The folder a language's pages are published under: Welsh under cy/, English at the root unless the
    council puts it under en/ (`english_path: /en/`)."""
    if lang == ENGLISH:
        return english_path.strip("/") + "/" if english_path.strip("/") else ""
    return f"{lang}/"


def split_language(path: str) -> tuple[str, str | None]:
    """`council-tax/pay.cy.md` -> (`council-tax/pay.md`, "cy"): the English page's path and the language.

    Only the codes lgsite has interface text for count: `notes.v2.md` is an English page.
    """
    match = SUFFIX.search(path)
    if match is None or match.group("code") not in LABELS or match.group("code") == ENGLISH:
        return path, None
    return path[: match.start()] + ".md", match.group("code")
