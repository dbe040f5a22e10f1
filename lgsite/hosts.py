"""What lgsite knows about the places a council publishes its site.

The plugin's `host:` option names one. Hosts differ in the files they read
beside the pages: Netlify and Cloudflare Pages take response headers from a
`_headers` file, Azure Static Web Apps from `staticwebapp.config.json`; GitHub
Pages, GitLab Pages and S3 website hosting let a site set no headers at all,
so the pages must carry their security policy in a `<meta>` tag.
"""

from __future__ import annotations

import enum
import re
from pathlib import Path

from .errors import LgsiteError


class Host(enum.Enum):
    NETLIFY = "netlify"
    CLOUDFLARE = "cloudflare"
    GITHUB_PAGES = "github-pages"
    GITLAB_PAGES = "gitlab-pages"
    S3 = "s3"
    AZURE = "azure"
    OTHER = "other"  # unknown: assume no header files, so the pages protect themselves

    @property
    def reads_headers_file(self) -> bool:
        """Whether the host sets response headers from a `_headers` file in the site's root."""
        return self in (Host.NETLIFY, Host.CLOUDFLARE)

    @property
    def reads_azure_config(self) -> bool:
        """Whether the host sets response headers from `staticwebapp.config.json`."""
        return self is Host.AZURE

    @property
    def needs_meta_policy(self) -> bool:
        """Whether pages must carry the Content-Security-Policy themselves, for want of any header."""
        return not (self.reads_headers_file or self.reads_azure_config)

    @property
    def header_line_limit(self) -> int | None:
        """The longest header line the host accepts in `_headers`, if it has a limit."""
        return 2000 if self is Host.CLOUDFLARE else None


HOST_NAMES = [host.value for host in Host]


def parse_host(value: object, *, config_file: Path, config_name: str) -> Host:
    """The host an lgsite `host:` option names; one error line listing every value otherwise."""
    try:
        return Host(value)
    except ValueError:
        try:
            text = config_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        line = next((number for number, row in enumerate(text.splitlines(), 1) if re.match(r"\s*host\s*:", row)), None)
        raise LgsiteError(f"host: '{value}' is not a host lgsite knows", file=config_name, line=line,
                          hint=f"Use one of {', '.join(HOST_NAMES)} (other when yours is not listed).") from None
