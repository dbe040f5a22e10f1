"""Control characters taken out of text bound for XML feeds and iCalendar files.

Page titles, descriptions and council.yml values come from shared sources a
council does not control, and YAML's double-quoted escapes ("\\x01", "\\r\\n")
let any character into them. XML 1.0 forbids most C0 controls, so one makes a
whole feed unreadable; in iCalendar a line break ends the property and starts a
new one (a council name with CRLF could add a VEVENT). No resident ever meant
one: they are dropped, not escaped.
"""

from __future__ import annotations

import re

# C0 controls except tab, LF and CR; DEL and the C1 controls; UTF-16 surrogates,
# which cannot be written as UTF-8; and the non-characters XML forbids.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_CHARS = "\t\n\r"


def strip_controls(text: str, keep: str = LINE_CHARS) -> str:
    """`text` without control characters; of tab, LF and CR only those in `keep` stay."""
    text = _UNWANTED.sub("", text)
    for char in LINE_CHARS:
        if char not in keep:
            text = text.replace(char, "")
    return text
