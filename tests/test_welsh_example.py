"""The Welsh example council, built: every page in both languages, each linking straight to the other.

The Welsh Language Standards ask that every English page link directly to its
Welsh version, that Welsh pages work as well as English ones, and that the
interface of a Welsh page is in Welsh. These cases read the built HTML of
example-council-cymru (built once, with --strict) page by page.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import REPO

UI = REPO / "lgsite" / "data" / "ui"
# Pages that are not pages of the site's content: the shared 404 page (in both languages at once) and
# MkDocs' own search page for the root language, beside its Welsh twin at cy/search/ (a static page of
# MkDocs' has no page context, so the two search pages do not link to each other).
NOT_PAIRED = {"404.html", "search.html", "cy/search/index.html"}


class PageReader(HTMLParser):
    """What the tests read of a page: its lang, the switcher's links, the alternates, and its words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.switcher: list[dict[str, str]] = []
        self.alternates: dict[str, str] = {}
        self.words: list[str] = []  # outside the article: header, navigation, footer
        self.article_words: list[str] = []  # the article: the page's own text, and what lgsite adds to it
        self._in_article = 0
        self.lang_changes: list[tuple[str, dict[str, str]]] = []
        self._in_switcher = 0
        self._skip = 0
        self._marked: list[tuple[str, str]] = []  # open elements that change the language: (tag, lang)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = found.get("lang", "")
        elif "lang" in found:
            self.lang_changes.append((tag, found))
            self._marked.append((tag, found["lang"]))
        if tag == "link" and found.get("rel") == "alternate" and "hreflang" in found:
            self.alternates[found["hreflang"]] = found["href"]
        if tag == "nav" and "lg-languages" in found.get("class", ""):
            self._in_switcher += 1
        if tag == "a" and self._in_switcher:
            self.switcher.append(found)
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag == "article":
            self._in_article += 1
        if not self._in_page_language():
            return
        words = self.article_words if self._in_article else self.words
        for name in ("aria-label", "title", "placeholder", "alt", "value"):
            if found.get(name):
                words.append(found[name])
        if found.get("data-words"):  # what search.js writes, in the page's language
            words += [value for value in json.loads(found["data-words"]).values()]

    def _in_page_language(self) -> bool:
        """Outside any part marked as in another language (the switcher's "English", say)."""
        return not self._marked or self._marked[-1][1] == self.lang

    def handle_endtag(self, tag: str) -> None:
        if self._marked and self._marked[-1][0] == tag:
            self._marked.pop()
        if tag == "nav" and self._in_switcher:
            self._in_switcher -= 1
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1
        if tag == "article" and self._in_article:
            self._in_article -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip() and self._in_page_language():
            (self.article_words if self._in_article else self.words).append(data)


def read(file: Path) -> PageReader:
    reader = PageReader()
    reader.feed(file.read_text(encoding="utf-8"))
    return reader


def pages(site: Path) -> list[str]:
    """Every HTML page of the site, by its path in the site: cy/... for the Welsh ones."""
    return sorted(file.relative_to(site).as_posix() for file in site.rglob("*.html")
                  if not file.relative_to(site).parts[0] in ("assets", "search"))


def target(page: str, href: str) -> str:
    """The site path of the HTML file a relative link on `page` opens."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
    path = "" if path == "." else path
    return (path + "/index.html").lstrip("/") if not path.endswith(".html") else path


@pytest.fixture(scope="module")
def site(example_cymru_site: Path) -> Path:
    return example_cymru_site


def test_every_english_page_switches_to_its_welsh_partner_and_back(site: Path) -> None:
    english = [page for page in pages(site) if not page.startswith("cy/") and page not in NOT_PAIRED]
    assert len(english) > 100
    for page in english:
        switcher = read(site / page).switcher
        assert [link["hreflang"] for link in switcher] == ["cy"], page
        assert switcher[0]["lang"] == "cy" and "Cymraeg" in (site / page).read_text(encoding="utf-8")
        welsh = target(page, switcher[0]["href"])
        assert welsh.startswith("cy/") and (site / welsh).is_file(), (page, welsh)
        back = read(site / welsh).switcher
        assert [(link["hreflang"], link["lang"]) for link in back] == [("en", "en")], welsh
        assert target(welsh, back[0]["href"]) == page, (page, welsh)


def test_every_welsh_page_has_an_english_partner(site: Path) -> None:
    welsh = [page for page in pages(site) if page.startswith("cy/") and page not in NOT_PAIRED]
    assert len(welsh) > 100
    for page in welsh:
        english = target(page, read(site / page).switcher[0]["href"])
        assert not english.startswith("cy/") and (site / english).is_file(), page


def test_lang_is_right_on_every_page_and_every_change_of_language(site: Path) -> None:
    for page in pages(site):
        reader = read(site / page)
        if page == "404.html":  # both languages at once, each part marked
            assert reader.lang and {found["lang"] for _, found in reader.lang_changes} >= {"cy"}, page
            continue
        assert reader.lang == ("cy" if page.startswith("cy/") else "en"), page
        for tag, found in reader.lang_changes:
            assert found["lang"] in ("en", "cy"), (page, tag, found)
            if "hreflang" in found:
                assert found["lang"] == found["hreflang"], (page, found)


def test_pages_name_their_alternates_both_ways_with_x_default(site: Path) -> None:
    english = read(site / "council-tax-and-benefits/pay-your-council-tax/index.html").alternates
    welsh = read(site / "cy/council-tax-and-benefits/talu-eich-treth-gyngor/index.html").alternates
    assert english == welsh
    assert english["en"].endswith("/council-tax-and-benefits/pay-your-council-tax/")
    assert english["cy"].endswith("/cy/council-tax-and-benefits/talu-eich-treth-gyngor/")
    assert english["x-default"] == english["en"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count('hreflang="x-default"') == sitemap.count('hreflang="cy"') > 100


def interface_phrases() -> list[str]:
    """The English interface's words that its Welsh strings do not share: the pieces of each English
    string between its {placeholders}, where they are more than a short word."""
    english = yaml.safe_load((UI / "en.yml").read_text(encoding="utf-8"))
    welsh = yaml.safe_load((UI / "cy.yml").read_text(encoding="utf-8"))
    found = set()
    for key, text in english.items():
        if not isinstance(text, str) or text == welsh.get(key):
            continue
        for piece in re.split(r"\{[^}]*\}", text):
            piece = piece.strip(" ,.:;()‘’'\"…-")
            if len(piece) >= 4 and piece not in str(welsh.get(key, "")):
                found.add(piece)
    return sorted(found, key=len, reverse=True)


def test_no_english_interface_text_on_any_welsh_page(site: Path) -> None:
    """Every English interface string is looked for around the page's text; inside it (where a Welsh page
    may name "Scottish Public Services Ombudsman"), the strings of more than one word."""
    phrases = interface_phrases()
    assert len(phrases) > 50

    def pattern(among: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(r"(?<![\w’'])" + re.escape(phrase) + r"(?![\w’'])" for phrase in among))

    around, inside = pattern(phrases), pattern([phrase for phrase in phrases if " " in phrase])
    for page in pages(site):
        if not page.startswith("cy/"):
            continue
        reader = read(site / page)
        for found in (around.search(" | ".join(reader.words)), inside.search(" | ".join(reader.article_words))):
            assert found is None, (page, found.group(0) if found else "")


def test_welsh_listings_are_in_welsh_order(site: Path) -> None:
    html = (site / "cy/a-to-z/index.html").read_text(encoding="utf-8")
    row = re.findall(r"<li>(?:<a href=#letter-[a-z]+>|<span class=lg-letters__empty>)([A-Z][a-z]?)", html)
    assert row[:6] == ["A", "B", "C", "Ch", "D", "Dd"] and row.index("L") + 1 == row.index("Ll"), row
    # "Rhoi gwybod am..." is under Rh, after every R... entry, not under R
    entries = re.findall(r'id=letter-([a-z]+)', html)
    assert "rh" in entries and entries.index("rh") == entries.index("r") + 1 if "r" in entries else "rh" in entries
