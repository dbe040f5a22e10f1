"""A search index per language: Welsh pages (published under cy/) are found by a Welsh search, English
pages by an English one, each with its own word rules and synonyms.

The index is made here from an index shaped as MkDocs' search plugin writes it, with pages of both
languages, as a bilingual build gives it; the English-only build is covered by test_search_index.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lgsite import search_index
from lgsite.generate.search_page import SEARCH_PAGE, add_search_page, search_page_url
from lgsite.layers import Page, generated_page
from lgsite.site import Site
from lgsite.sources import bundled_model_dir

BILINGUAL = {"en": "", "cy": "cy/"}

MKDOCS_INDEX = {"docs": [
    {"location": "council-tax/pay/", "title": "Pay your council tax",
     "text": "Pay your council tax online. Business owners pay business rates."},
    {"location": "council-tax/pay/#ways-to-pay", "title": "Ways to pay", "text": "Direct Debit."},
    {"location": "cy/council-tax/talu/", "title": "Talu treth y cyngor",
     "text": "Talwch ar-lein. Ŵyr a wyresau: busnes yr Ysgol."},
    {"location": "cy/council-tax/talu/#ffyrdd-o-dalu", "title": "Ffyrdd o dalu", "text": "Debyd Uniongyrchol."},
    {"location": "a-to-z/", "title": "A to Z of services", "text": "Pay your council tax"},
    {"location": "cy/a-to-z/", "title": "A i Y", "text": "Talu treth y cyngor"},
]}


def site_with(pages: list[Page]) -> Site:
    return Site(profile=None, pages={page.path: page for page in pages}, assets={},  # type: ignore[arg-type]
                now=dt.datetime(2026, 12, 3, tzinfo=dt.timezone.utc))


def built(tmp_path: Path, prefixes: dict[str, str], index: dict = MKDOCS_INDEX) -> Path:
    folder = tmp_path / "search"
    folder.mkdir()
    (folder / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    site = site_with([
        generated_page("council-tax/pay.md", {"title": "Pay your council tax", "description": "Pay online."}),
        generated_page("cy/council-tax/talu.md", {"title": "Talu treth y cyngor", "description": "Talu ar-lein."}),
    ])
    search_index.for_site(index, site, folder, search_index.languages(bundled_model_dir(), prefixes))
    return folder


def found(folder: Path, word: str) -> list[str]:
    """The addresses of the pages the index in `folder` lists for a word already reduced as the search page would."""
    file = folder / "t" / f"{word}.json"
    if not file.is_file():
        return []
    flat, number, urls = json.loads(file.read_text(encoding="utf-8")), 0, []
    for step in flat[0::2]:
        number += step
        urls.append(json.loads((folder / "p" / f"{number}.json").read_text(encoding="utf-8"))["u"])
    return urls


def manifest(folder: Path) -> dict:
    return json.loads((folder / "search_index.json").read_text(encoding="utf-8"))


def test_each_language_has_its_own_index_of_its_own_pages(tmp_path: Path) -> None:
    search = built(tmp_path, BILINGUAL)
    english, welsh = search, search / "cy"
    assert manifest(english)["pages"] == 1 and manifest(welsh)["pages"] == 1
    assert found(english, "council") == ["council-tax/pay/"] and found(english, "cyngor") == []
    assert found(welsh, "cyngor") == ["cy/council-tax/talu/"] and found(welsh, "council") == []
    assert found(welsh, "ffyrdd") == ["cy/council-tax/talu/"], "a Welsh heading is a Welsh page's"
    assert "cy/a-to-z/" not in (welsh / "p" / "0.json").read_text(encoding="utf-8"), "the Welsh A to Z is no result"


def test_welsh_words_are_folded_not_stemmed_and_english_ones_stemmed(tmp_path: Path) -> None:
    search = built(tmp_path, BILINGUAL)
    welsh = search / "cy"
    assert manifest(welsh)["stemmer"] == search_index.UNSTEMMED and manifest(search)["stemmer"] == search_index.PORTER
    assert found(welsh, "busnes") and not found(welsh, "busn")  # Porter would cut the Welsh word to "busn"
    assert found(search, "busi")  # English "business" is stemmed as before
    assert found(welsh, "wyr") and found(welsh, "ysgol")  # "Ŵyr" and "Ysgol": accents and capitals folded
    assert found(welsh, "y") == [] and "y" in manifest(welsh)["stop"]  # the Welsh stop words are left out
    assert "the" in manifest(search)["stop"] and "y" not in manifest(search)["stop"]


def test_welsh_synonyms_come_from_the_welsh_list(tmp_path: Path) -> None:
    search = built(tmp_path, BILINGUAL)
    welsh = search / "cy"
    # the title says "treth y cyngor": synonyms.cy.yml adds "gyngor", how "treth gyngor" is written
    assert found(welsh, "gyngor") == ["cy/council-tax/talu/"]
    assert ["treth y cyngor", "treth gyngor", "treth cyngor"] in manifest(welsh)["synonyms"]
    assert all("ctax" not in group for group in manifest(welsh)["synonyms"])
    assert any("ctax" in group for group in manifest(search)["synonyms"])
    assert found(search, "ctax") == ["council-tax/pay/"]


def test_an_english_only_site_keeps_its_one_index_where_it_was(tmp_path: Path) -> None:
    english_only = {"docs": [doc for doc in MKDOCS_INDEX["docs"] if not doc["location"].startswith("cy/")]}
    search = built(tmp_path, search_index.ENGLISH_ONLY, english_only)
    assert manifest(search)["pages"] == 1 and not (search / "cy").exists()
    assert found(search, "council") == ["council-tax/pay/"]


def test_with_every_language_under_a_prefix_mkdocs_whole_index_is_removed(tmp_path: Path) -> None:
    index = {"docs": [{**doc, "location": "en/" + doc["location"]} if not doc["location"].startswith("cy/") else doc
                      for doc in MKDOCS_INDEX["docs"]]}
    search = built(tmp_path, {"en": "en/", "cy": "cy/"}, index)
    assert not (search / "search_index.json").exists()
    assert found(search / "en", "council") == ["en/council-tax/pay/"] and found(search / "cy", "cyngor")


@pytest.mark.parametrize(("prefix", "page", "index"), [("", "search.html", "search/"), ("cy/", "cy/search/", "search/cy/")])
def test_each_language_searches_its_own_page_and_index(prefix: str, page: str, index: str) -> None:
    assert search_page_url(prefix) == page
    assert search_index.index_url(prefix) == index


def test_a_view_gets_its_own_search_page_kept_out_of_listings_and_search() -> None:
    site = site_with([])
    add_search_page(site, "Chwilio", "Chwilio'r wefan.")
    page = site.pages[SEARCH_PAGE]
    assert page.meta["template"] == "search.html" and page.title == "Chwilio"
    assert page.unlisted  # out of search, the A to Z and sitemap.xml
    # (The categories it lists, the view's own, are tested on an assembled Welsh site: test_languages.py.)
