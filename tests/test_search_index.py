"""The search index lgsite writes under search/: full text, ranked places, synonyms, and nothing unpublished.

The browser side (search.js reading these files) is tested in tests/browser/test_search*.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BASE_PROFILE, Project, engine_fails_with_one, passes
from lgsite import search_index, stemmer


def pages_of(site: Path, word: str) -> dict[str, int]:
    """The pages the index lists for `word` (a plain word, stemmed here as the search page does), with scores."""
    stem = stemmer.stem(word)
    file = site / "search" / "t" / f"{stem}.json"
    if not file.is_file():
        return {}
    flat = json.loads(file.read_text(encoding="utf-8"))
    found, number = {}, 0
    for step, score in zip(flat[0::2], flat[1::2]):
        number += step
        page = json.loads((site / "search" / "p" / f"{number}.json").read_text(encoding="utf-8"))
        found[page["u"]] = score
    return found


def every_search_file(site: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted((site / "search").rglob("*.json")))


@pytest.mark.parametrize(("word", "expected"), [
    ("collected", "collect"), ("collection", "collect"), ("collecting", "collect"), ("bins", "bin"),
    ("libraries", "librari"), ("planning", "plan"), ("relational", "relat"), ("hopping", "hop"),
    ("agreed", "agre"), ("generalizations", "gener"), ("council", "council"), ("30", "30"),
])
def test_words_are_reduced_to_porter_stems(word: str, expected: str) -> None:
    assert stemmer.stem(word) == expected


def test_query_words_drop_case_accents_apostrophes_and_stop_words() -> None:
    assert stemmer.terms("Can't pay my Council Tax? Bins NOT collected, café") == [
        "cant", "pai", "council", "tax", "bin", "collect", "cafe"]


def test_the_search_page_alone_loads_search_and_only_once_asked(project: Project) -> None:
    passes(project)
    manifest = json.loads((project.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert manifest["version"] == search_index.VERSION and manifest["pages"] > 3
    search = (project.site / "search.html").read_text(encoding="utf-8")
    assert "assets/javascripts/search.js" in search and "data-index=./search/" in search
    others = [p for p in project.site.rglob("*.html") if p.name != "search.html"]
    assert others and not any("search.js" in p.read_text(encoding="utf-8") for p in others)


def test_the_search_page_without_javascript_offers_the_a_to_z_categories_and_top_tasks(project: Project) -> None:
    passes(project)
    search = (project.site / "search.html").read_text(encoding="utf-8")
    ways_on = search[search.index('id=lg-search-ways-on'):]
    assert "a-to-z/" in ways_on and "lg-categories" in ways_on and "environment-and-waste/" in ways_on


def test_every_word_of_the_body_is_found_and_the_title_ranks_first(project: Project) -> None:
    project.write("docs/environment-and-waste/bulky-waste.md", """
        ---
        title: Book a bulky waste collection
        description: We collect large items such as sofas and fridges.
        ---
        We take away wardrobes from outside your home.

        ## What we collect

        Mattresses.
        """)
    project.write("docs/environment-and-waste/wardrobes.md", """
        ---
        title: Wardrobes and other furniture
        description: What to do with furniture you no longer need.
        ---
        Sell it or give it away.
        """)
    passes(project)
    assert set(pages_of(project.site, "wardrobe")) == {
        "environment-and-waste/bulky-waste/", "environment-and-waste/wardrobes/"}
    scores = pages_of(project.site, "wardrobe")
    assert scores["environment-and-waste/wardrobes/"] > scores["environment-and-waste/bulky-waste/"]
    places = pages_of(project.site, "collecting")  # title, heading and body all use "collect"
    assert places["environment-and-waste/bulky-waste/"] > search_index.TITLE
    assert pages_of(project.site, "mattress")["environment-and-waste/bulky-waste/"] >= search_index.HEADING
    assert pages_of(project.site, "away")["environment-and-waste/bulky-waste/"] < search_index.HEADING
    words = json.loads((project.site / "search" / "v" / "m.json").read_text(encoding="utf-8"))
    assert words["stems"]["mattress"] >= 1 and words["words"]["mattresses"] == "mattress", \
        "typing slips are looked for among the words as written, with the stem each leads to"


def test_keywords_and_synonyms_rank_between_the_title_and_the_headings(project: Project) -> None:
    project.set_profile({**BASE_PROFILE, "synonyms": [["town hall", "civic hub"]]})
    project.write("docs/about-the-council/visit.md", """
        ---
        title: Visit the town hall
        description: Where we are.
        keywords: [meals on wheels]
        ---
        ## Parking

        Park behind the building.
        """)
    passes(project)
    url = "about-the-council/visit/"
    hub = pages_of(project.site, "hub")[url]  # council.yml's synonym of a title phrase
    wheels = pages_of(project.site, "wheels")[url]  # keywords: in the front matter
    dump = pages_of(project.site, "dump")  # content-model/synonyms.yml: tip, dump, recycling centre
    assert search_index.KEYWORD <= hub < search_index.TITLE and search_index.KEYWORD <= wheels < search_index.TITLE
    assert pages_of(project.site, "visit")[url] > hub > pages_of(project.site, "parking")[url]
    assert url not in dump
    manifest = json.loads((project.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert ["town hall", "civic hub"] in manifest["synonyms"], "the search page reads the query's synonyms too"
    assert any("ctax" in group for group in manifest["synonyms"]), "with the shared list's"


def test_excluded_and_expired_pages_are_never_in_the_index(project: Project) -> None:
    project.set_profile({**BASE_PROFILE, "exclude": ["environment-and-waste/report-a-missed-bin.md"]})
    project.write("docs/environment-and-waste/old-page.md", """
        ---
        title: Quarkwidget collections
        description: Kept for links, hidden from search.
        search: {exclude: true}
        ---
        Zanzibarquux is a word no other page has.
        """)
    project.write("docs/alerts/roadworks.md", """
        ---
        title: Plumbobtrix roadworks
        description: The High Street was closed.
        type: alert
        level: minor
        starts: 2020-05-01
        expires: 2020-06-01
        ---
        Flibbertigibbet diversion.
        """)
    passes(project)
    text = every_search_file(project.site).lower()
    for word in ("zanzibarquux", "quarkwidget", "plumbobtrix", "flibbertigibbet", "report a missed bin"):
        assert word not in text
    assert not (project.site / "search" / "t" / "zanzibarquux.json").exists()
    assert "environment-and-waste/old-page/" not in text
    assert pages_of(project.site, "rubbish"), "the other pages are indexed"


def test_the_a_to_z_and_sitemap_are_not_results(project: Project) -> None:
    passes(project)
    urls = {json.loads(p.read_text(encoding="utf-8"))["u"] for p in (project.site / "search" / "p").glob("*.json")}
    assert "a-to-z/" not in urls and "sitemap/" not in urls and "environment-and-waste/" in urls


def test_synonyms_in_council_yml_must_be_groups_of_words(project: Project) -> None:
    project.set_profile({**BASE_PROFILE, "synonyms": ["bins, rubbish"]})
    line = engine_fails_with_one(project)
    assert line.startswith("error: council.yml:") and "synonyms" in line
