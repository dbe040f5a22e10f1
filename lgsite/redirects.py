"""Redirects from the old site, written in the form the host reads.

Netlify, Cloudflare Pages and GitLab Pages answer an old address with a 301
from the rules in `_redirects`; Azure Static Web Apps from the `routes` of
`staticwebapp.config.json`. GitHub Pages and S3 website hosting have no rules
a site can set, so each old address gets a small page of its own at that
address: it sends the browser on at once (`<meta http-equiv="refresh">`), tells
search engines where the page now is (`rel=canonical`) and shows residents a
plain link. The page has no script, so the site's security policy still holds.

No host's rules can match a query string, and old council systems put whole
pages behind one (`/article.aspx?id=123`). Such a request finds no file and gets
the page-not-found page, whose script (`assets/javascripts/redirects.js`, a
file, so the policy needs no new hash) looks the address up in `redirects.json`
and sends the resident on; that list holds only the rows with a query string.
Without JavaScript the page-not-found page still offers search and the home page.
"""

from __future__ import annotations

import html
import json
import urllib.parse
from pathlib import Path

from .errors import LgsiteError
from .hosts import Host
from .redirect_rules import Redirect, check_redirects, read_redirects
from .security_headers import AZURE_CONFIG, read_azure_config
from .site import Site
from .ui_strings import ui_text

REDIRECTS_RULES = "_redirects"
QUERY_MAP = "redirects.json"
# Characters an address keeps as they are in `_redirects`; the rest are percent-encoded, as browsers send them.
_PATH_SAFE = "/!$&'()+,;=:@~"
# Room left in staticwebapp.config.json for the security headers lgsite also writes there.
_AZURE_HEADER_ROOM = 4 * 1024


def add_redirects(site: Site, file: Path, display: str, host: Host) -> None:
    """Check the council's redirects.csv against the site, and publish its redirects for `host`."""
    rules = read_redirects(file, display, site.problems, site.site_url)
    rules = check_redirects(site, rules, display)
    if not rules:
        return
    prefix = urllib.parse.urlsplit(site.site_url).path.rstrip("/")  # "/anytown" under a path, else ""
    plain = [rule for rule in rules if not rule.query]
    with_query = [rule for rule in rules if rule.query]
    if plain:
        if host.reads_redirects_file:
            _rules_file(site, plain, prefix, host, display)
        elif host is Host.AZURE:
            with site.problems.collecting():
                _azure_routes(site, plain, prefix, display)
        else:
            for rule in plain:
                with site.problems.collecting():
                    site.add_output(stub_location(rule.path), stub_page(site, rule, prefix),
                                    f"the redirect page of the old address {rule.path} ({display}:{rule.line})")
    if with_query:
        lookup = {prefix + rule.path + "?" + rule.query: href(rule, prefix) for rule in with_query}
        with site.problems.collecting():
            site.add_output(QUERY_MAP, json.dumps(lookup, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                            "the list of old addresses with a query string")
            site.shared_context["redirect_map"] = QUERY_MAP
        if host is Host.AZURE and not plain:
            with site.problems.collecting():
                _azure_routes(site, [], prefix, display)  # Azure serves 404.html only when told to


def href(rule: Redirect, prefix: str) -> str:
    """Where the browser is sent: this site's pages under the site's own path."""
    return prefix + rule.target if rule.internal else rule.target


def _encoded(path: str) -> str:
    return urllib.parse.quote(path, safe=_PATH_SAFE)


def rules_text(rules: list[Redirect], prefix: str) -> str:
    """`_redirects`: one permanent redirect a line, from the old address under the site's path."""
    return "".join(f"{_encoded(prefix + rule.path)} {href(rule, prefix)} 301\n" for rule in rules)


def _rules_file(site: Site, rules: list[Redirect], prefix: str, host: Host, display: str) -> None:
    own = site.local_files.get(REDIRECTS_RULES)
    if own is not None:
        site.problems.error(LgsiteError(
            f"is the council's own _redirects, and {display} has redirects lgsite writes there", file=own.display,
            hint=f"Move its rules into {display}, or remove {display} to keep this file."))
        return
    limits = host.redirect_limits
    if limits.rules is not None and len(rules) > limits.rules:
        over = rules[limits.rules]
        site.problems.error(LgsiteError(
            f"this is redirect {limits.rules + 1:,} of {len(rules):,} without a query string, and {_HOST_NAMES[host]} "
            f"takes at most {limits.rules:,} (it would ignore {'all' if host is Host.GITLAB_PAGES else 'the rest'})",
            file=display, line=over.line,
            hint="Remove old addresses nobody visits now (the old site's analytics show which), "
                 "or publish on a host without this limit, such as Netlify."))
        return
    text = rules_text(rules, prefix)
    if limits.line is not None:
        for rule, line in zip(rules, text.splitlines()):
            if len(line) > limits.line:
                site.problems.error(LgsiteError(
                    f"the redirect is {len(line):,} characters long, and {_HOST_NAMES[host]} takes at most "
                    f"{limits.line:,} a line", file=display, line=rule.line, hint="Shorten the new address."))
    if limits.file_bytes is not None and len(text.encode("utf-8")) > limits.file_bytes:
        site.problems.error(LgsiteError(
            f"makes a _redirects file of {len(text.encode('utf-8')) // 1024} KB, and {_HOST_NAMES[host]} reads at "
            f"most {limits.file_bytes // 1024} KB", file=display,
            hint="Remove old addresses nobody visits now (the old site's analytics show which)."))
        return
    with site.problems.collecting():
        site.add_output(REDIRECTS_RULES, text, f"the redirects of {display}")


_HOST_NAMES = {Host.NETLIFY: "Netlify", Host.CLOUDFLARE: "Cloudflare Pages", Host.GITLAB_PAGES: "GitLab Pages",
               Host.AZURE: "Azure Static Web Apps"}


def _azure_routes(site: Site, rules: list[Redirect], prefix: str, display: str) -> None:
    """staticwebapp.config.json with a route for each old address, after the council's own routes
    (Azure takes the first route that matches), and the page-not-found page for missing files."""
    own = site.local_files.get(AZURE_CONFIG)
    config = read_azure_config(own.file) if own is not None else {}
    given = config.get("routes")
    routes = list(given) if isinstance(given, list) else []
    routes += [{"route": _encoded(prefix + rule.path), "redirect": href(rule, prefix), "statusCode": 301}
               for rule in rules]
    config["routes"] = routes
    overrides = config.get("responseOverrides")
    overrides = dict(overrides) if isinstance(overrides, dict) else {}
    overrides.setdefault("404", {"rewrite": prefix + "/404.html"})
    config["responseOverrides"] = overrides
    text = json.dumps(config, indent=2) + "\n"
    limit = Host.AZURE.redirect_limits.file_bytes
    assert limit is not None
    if len(text.encode("utf-8")) + _AZURE_HEADER_ROOM > limit:
        site.problems.error(LgsiteError(
            f"makes a staticwebapp.config.json of about {(len(text.encode('utf-8')) + _AZURE_HEADER_ROOM) // 1024} KB "
            f"with the security headers, and {_HOST_NAMES[Host.AZURE]} reads at most {limit // 1024} KB",
            file=display, hint="Remove old addresses nobody visits now (the old site's analytics show which)."))
        return
    # The council's own file is read, added to and published in its place: the one case where lgsite
    # writes over a council file, because Azure reads only the one configuration file.
    if own is None:
        site.claim(AZURE_CONFIG, f"the redirects of {display}")
    site.outputs[AZURE_CONFIG] = text


def stub_location(path: str) -> str:
    """The file a host without redirect rules serves at the old path: `old/page/index.html`, which
    GitHub Pages and S3 serve at /old/page and /old/page/, or the very file for an old `.html` address."""
    stripped = path.strip("/")
    if stripped.rsplit("/", 1)[-1].lower().endswith((".html", ".htm")):
        return stripped
    return f"{stripped}/index.html"


def stub_page(site: Site, rule: Redirect, prefix: str) -> str:
    """The page at an old address: sends the browser on, and shows residents where to."""
    to = html.escape(href(rule, prefix))
    canonical = html.escape(site.absolute_url(rule.target.lstrip("/")) if rule.internal else rule.target)
    name = html.escape(site.profile.name)
    moved = html.escape(ui_text(site.lang, "page_moved"))
    return (
        f'<!doctype html>\n<html lang="{html.escape(site.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{moved} - {name}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={to}">\n'
        f"</head>\n<body>\n<main>\n<h1>{moved}</h1>\n"
        f'<p>{html.escape(ui_text(site.lang, "page_moved_to"))} <a href="{to}">{canonical}</a>.</p>\n'
        "</main>\n</body>\n</html>\n"
    )
