"""The last pass over every page the theme writes: drop Material's unused chrome, then minify."""

from __future__ import annotations

import re

import minify_html

# Material's base.html opens <body> with two hidden checkboxes for its JavaScript
# drawer and search overlay, a label that opens the drawer, and a skip link to the
# first heading. The council theme has no drawer, no overlay and its own skip link
# to the main content; the leftovers are invalid HTML (autocomplete="off" on a
# checkbox, a label for a hidden control) and bytes every resident downloads.
_MATERIAL_CHROME = re.compile(
    r'<input class="md-toggle" data-md-toggle="(?:drawer|search)"[^>]*>\s*'
    r'|<label class="md-overlay" for="__drawer"></label>\s*'
    r'|<div data-md-component="skip">.*?</div>\s*',
    re.DOTALL,
)


def finish(html: str, *, minify: bool) -> str:
    """The page as residents receive it."""
    html = _MATERIAL_CHROME.sub("", html, count=4)
    if not minify:
        return html
    # No JavaScript minifier: the inline scripts (Material's and the theme's) are written minified,
    # and running it on every page cost a fifth of the minifying time to save two bytes.
    return minify_html.minify(html, minify_css=True, minify_js=False, keep_closing_tags=True)
