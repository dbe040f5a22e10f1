"""What lgsite knows about the places a council publishes its site.

The plugin's `host:` option names one. Hosts differ in the files they read
beside the pages: Netlify and Cloudflare Pages take response headers from a
`_headers` file, Azure Static Web Apps from `staticwebapp.config.json`; GitHub
Pages, GitLab Pages and S3 website hosting let a site set no headers at all,
so the pages must carry their security policy in a `<meta>` tag.

Redirects differ too: Netlify, Cloudflare Pages and GitLab Pages read a
`_redirects` file (each with its own limits), Azure reads `routes` in
`staticwebapp.config.json`, and the others have no redirect rules a site can
set, so an old address gets a page of its own that sends the browser on.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
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

    @property
    def reads_redirects_file(self) -> bool:
        """Whether the host redirects by the rules of a `_redirects` file in the site's root."""
        return self in (Host.NETLIFY, Host.CLOUDFLARE, Host.GITLAB_PAGES)

    @property
    def redirect_limits(self) -> RedirectLimits:
        """How many redirects the host takes, and how long they may be (see RedirectLimits)."""
        return _REDIRECT_LIMITS.get(self, RedirectLimits())


@dataclass(frozen=True)
class RedirectLimits:
    """What a host accepts in its redirect rules: past a limit, some or all rules are ignored."""

    rules: int | None = None  # redirects of exact addresses (Cloudflare calls them static)
    line: int | None = None  # characters in one `_redirects` line
    file_bytes: int | None = None  # the size of the file that holds the rules


_REDIRECT_LIMITS = {
    # developers.cloudflare.com/pages/configuration/redirects: 2,000 static and 100 dynamic redirects,
    # each declaration at most 1,000 characters. lgsite writes static ones only.
    Host.CLOUDFLARE: RedirectLimits(rules=2000, line=1000),
    # docs.gitlab.com/user/project/pages/redirects: 1,000 rules and 64 KB by default (an instance may
    # change them); past the rule limit none is processed.
    Host.GITLAB_PAGES: RedirectLimits(rules=1000, file_bytes=64 * 1024),
    # learn.microsoft.com/azure/static-web-apps/configuration: staticwebapp.config.json at most 20 KB.
    Host.AZURE: RedirectLimits(file_bytes=20 * 1024),
}


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
