"""Sites in two languages: each page paired with its Welsh version, published under /cy/.

A Welsh council's site must give every page in Welsh, each English page linking
straight to its Welsh version and back (the Welsh Language Standards). These
cases build small bilingual councils from a shared source with Welsh pages
beside the English ones, and check the pairing, the addresses, the links, the
alternates and every mistake a translator can make, all in one run.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import (BASE_PROFILE, FIXTURES, Project, engine_fails, engine_passes, fails, make_project, passes,
                      problem_lines, shared_source)

WELSH_PROFILE = {
    **{key: value for key, value in BASE_PROFILE.items() if key not in ("county", "links")},
    "name": "Testbury County Borough Council",
    "tier": "unitary",
    "country": "wales",
    "cy": {"name": "Cyngor Bwrdeistref Sirol Testbury"},
    "links": {524: {"report": "https://forms.testbury.example/missed-bin"}},
}

WELSH_PAGES = {
    "index.cy.md": "---\ntitle: Hafan\ndescription: Gwasanaethau'r cyngor.\ntranslation: checked\n---\n",
    "environment-and-waste/recycling.cy.md": (
        "---\ntitle: Beth sy'n mynd yn eich bin ailgylchu\n"
        "description: Dysgwch beth allwch chi ei roi yn eich bin ailgylchu.\n"
        "slug: ailgylchu\ntranslation: draft\n---\n"
        "Rinsiwch ganiau a photeli. [Rhoi gwybod am fin a fethwyd](report-a-missed-bin.md), "
        "[llyfrgelloedd](../leisure-and-culture/find-a-library.md#oriau) a "
        "[llun](../images/bin.png).\n"
    ),
    "environment-and-waste/report-a-missed-bin.cy.md": (
        "---\ntitle: Rhoi gwybod am fin a fethwyd\n"
        "description: Dywedwch wrthym os na wnaethom wagio eich bin.\n"
        "slug: rhoi-gwybod-am-fin-a-fethwyd\ntranslation: checked\n"
        "start:\n  interaction: report\n  label: Rhoi gwybod am fin a fethwyd\n---\n"
        "Gallwch roi gwybod am fin a fethwyd hyd at 2 ddiwrnod gwaith wedyn.\n\n"
        "## Os na allwch roi gwybod ar-lein\n\nFfoniwch {{ council.name }}.\n"
    ),
    "leisure-and-culture/find-a-library.cy.md": (
        "---\ntitle: Dod o hyd i lyfrgell\ndescription: Dewch o hyd i'ch llyfrgell agosaf.\n"
        "slug: dod-o-hyd-i-lyfrgell\ntranslation: draft\n---\n## Oriau\n\nMae llyfrgelloedd yn rhoi llyfrau am ddim.\n"
    ),
}


def bilingual(root: Path, welsh: dict[str, str] | None = None, profile: dict | None = None) -> Project:
    """A Welsh council whose shared source is shared-basic with Welsh pages beside the English ones."""
    library = root / "library"
    shutil.copytree(FIXTURES / "shared-basic", library)
    (library / "pages" / "images").mkdir()
    (library / "pages" / "images" / "bin.png").write_bytes((FIXTURES / "logo.png").read_bytes()
                                                          if (FIXTURES / "logo.png").exists() else b"\x89PNG")
    shared_source(library, WELSH_PAGES if welsh is None else welsh)
    return make_project(root / "council", shared=[str(library)], profile=profile or WELSH_PROFILE)


def test_a_welsh_council_publishes_each_page_under_cy_with_its_slug(tmp_path: Path) -> None:
    site = engine_passes(bilingual(tmp_path))
    assert {"cy/index.md", "cy/environment-and-waste/ailgylchu.md",
            "cy/environment-and-waste/rhoi-gwybod-am-fin-a-fethwyd.md",
            "cy/leisure-and-culture/dod-o-hyd-i-lyfrgell.md"} <= set(site.pages)
    assert site.translations["environment-and-waste/recycling.md"] == {
        "en": "environment-and-waste/recycling.md", "cy": "cy/environment-and-waste/ailgylchu.md"}
    # Generated pages have their Welsh version too: the A to Z, the sitemap, the category landing pages.
    assert {"cy/a-to-z.md", "cy/sitemap.md", "cy/environment-and-waste/index.md"} <= set(site.pages)


def test_a_welsh_page_takes_its_partners_facts_and_its_councils_welsh_name(tmp_path: Path) -> None:
    site = engine_passes(bilingual(tmp_path))
    page = site.pages["cy/environment-and-waste/rhoi-gwybod-am-fin-a-fethwyd.md"]
    assert page.meta["lgsl"] == 524 and page.meta["category"] == "rubbish-and-recycling"
    assert page.meta["start"]["url"] == "https://forms.testbury.example/missed-bin"
    assert "Ffoniwch Cyngor Bwrdeistref Sirol Testbury." in page.body
    english = site.pages["environment-and-waste/report-a-missed-bin.md"]
    assert "Call Testbury County Borough Council" in english.body


def test_links_in_a_welsh_page_go_to_the_welsh_pages_from_where_it_is_published(tmp_path: Path) -> None:
    body = engine_passes(bilingual(tmp_path)).pages["cy/environment-and-waste/ailgylchu.md"].body
    assert "(rhoi-gwybod-am-fin-a-fethwyd.md)" in body
    assert "(../leisure-and-culture/dod-o-hyd-i-lyfrgell.md#oriau)" in body
    assert "(../../images/bin.png)" in body  # images serve both languages, from their one place


def test_a_page_without_a_welsh_version_is_a_warning_unless_exempt(tmp_path: Path) -> None:
    welsh = {path: text for path, text in WELSH_PAGES.items() if "find-a-library" not in path}
    project = bilingual(tmp_path, welsh)
    lines = engine_fails(project, strict=True)
    assert [line for line in lines if "Welsh" in line or "Cymraeg" in line] == [
        next(line for line in lines if "find-a-library.md" in line)]
    assert "has no Cymraeg version" in lines[0] or any("has no Cymraeg version" in line for line in lines)
    project.write("docs/leisure-and-culture/find-a-library.md", (
        FIXTURES / "shared-basic/pages/leisure-and-culture/find-a-library.md").read_text().replace(
        "owner:", "translation_exempt: The library service is run in English by a partner.\nowner:"))
    engine_passes(project, strict=True)


def test_the_switcher_context_links_each_page_to_its_partner(tmp_path: Path) -> None:
    from lgsite.model import load_model
    from lgsite.page_context import page_context
    from lgsite.sources import bundled_model_dir

    site = engine_passes(bilingual(tmp_path))
    model = load_model(bundled_model_dir())
    english = page_context(site, model, "environment-and-waste/recycling.md")
    welsh = page_context(site, model, "cy/environment-and-waste/ailgylchu.md")
    assert english["lang"] == "en" and welsh["lang"] == "cy"
    assert [(entry["code"], entry["url"], entry["current"]) for entry in welsh["page_languages"]] == [
        ("en", "environment-and-waste/recycling/", False), ("cy", "cy/environment-and-waste/ailgylchu/", True)]
    assert english["page_languages"] == [{**entry, "current": not entry["current"]}
                                         for entry in welsh["page_languages"]]
    assert welsh["lang_home"] == "cy/" and welsh["x_default_url"] == "environment-and-waste/recycling/"
    assert welsh["breadcrumbs"][0]["url"] == "cy/"


def test_welsh_listed_first_makes_welsh_the_default(tmp_path: Path) -> None:
    from lgsite.model import load_model
    from lgsite.page_context import page_context
    from lgsite.sources import bundled_model_dir

    site = engine_passes(bilingual(tmp_path, profile={**WELSH_PROFILE, "languages": ["cy", "en"]}))
    context = page_context(site, load_model(bundled_model_dir()), "environment-and-waste/recycling.md")
    assert context["x_default_url"] == "cy/environment-and-waste/ailgylchu/"
    assert [entry["code"] for entry in context["page_languages"]] == ["cy", "en"]


def test_an_english_council_ignores_the_libraries_welsh_pages(tmp_path: Path) -> None:
    site = engine_passes(bilingual(tmp_path, profile={**BASE_PROFILE}))
    assert not [path for path in site.pages if path.startswith("cy/") or ".cy." in path]


def test_every_pairing_mistake_is_one_line_in_one_run(tmp_path: Path) -> None:
    welsh = {
        **WELSH_PAGES,
        # A Welsh page with no English partner.
        "environment-and-waste/compost.cy.md": "---\ntitle: Compost\ndescription: Compost.\n---\nTestun.\n",
        # Two English pages claiming the same translation id, and a Welsh page paired by it.
        "leisure-and-culture/parks.md": ("---\ntitle: Parks\ndescription: Parks.\ntype: page\ncategory: libraries\n"
                                         "translation_id: parks\ntranslation_exempt: Test.\nowner: T\n"
                                         "last_reviewed: 2026-11-20\nreview_by: 2099-05-20\n---\nParks.\n"),
        "leisure-and-culture/gardens.md": ("---\ntitle: Gardens\ndescription: Gardens.\ntype: page\ncategory: libraries\n"
                                           "translation_id: parks\ntranslation_exempt: Test.\nowner: T\n"
                                           "last_reviewed: 2026-11-20\nreview_by: 2099-05-20\n---\nGardens.\n"),
        # A Welsh slug that clashes with another Welsh page's address.
        "leisure-and-culture/find-a-library.cy.md": (
            "---\ntitle: Llyfrgell\ndescription: Llyfrgell.\nslug: index\n---\nTestun.\n"),
    }
    project = bilingual(tmp_path, welsh, profile={**WELSH_PROFILE, "languages": ["en", "cy", "fr"]})
    lines = engine_fails(project)
    assert any(re.search(r"council\.yml:\d+: .*languages.*fr", line) for line in lines), lines
    assert any("compost.cy.md: is a page in Cymraeg with no English page to pair with" in line for line in lines)
    assert any(re.search(r"(gardens|parks)\.md: has translation_id 'parks', which \S+(parks|gardens)\.md already has",
                         line) for line in lines), lines
    assert any("find-a-library.cy.md:" in line and "slug 'index'" in line for line in lines), lines


def test_the_built_site_has_lang_alternates_and_a_report_of_translations(tmp_path: Path) -> None:
    project = bilingual(tmp_path)
    passes(project)
    assert "Rinsiwch ganiau" in project.page("cy/environment-and-waste/ailgylchu/")
    sitemap = (project.site / "sitemap.xml").read_text()
    assert ('<xhtml:link rel="alternate" hreflang="cy" '
            'href="https://www.testbury.example/cy/environment-and-waste/ailgylchu/"/>') in sitemap
    assert 'hreflang="x-default" href="https://www.testbury.example/environment-and-waste/recycling/"' in sitemap
    report = json.loads((project.site / "lgsite-report.json").read_text())
    assert report["translations"]["draft"] == ["cy/environment-and-waste/ailgylchu.md",
                                               "cy/leisure-and-culture/dod-o-hyd-i-lyfrgell.md"]
    assert report["translations"]["untranslated"] == []


@pytest.mark.parametrize("profile", [BASE_PROFILE])
def test_a_councils_own_welsh_page_in_an_english_only_site_is_a_warning(tmp_path: Path, profile: dict) -> None:
    project = make_project(tmp_path)
    project.write("docs/leisure-and-culture/find-a-library.cy.md", "---\ntitle: Llyfrgell\n---\nTestun.\n")
    lines = fails(project, "--strict")
    assert any("find-a-library.cy.md: is a page in Cymraeg, but council.yml's languages does not list cy" in line
               for line in lines), lines


def test_problem_lines_name_the_welsh_file(tmp_path: Path) -> None:
    welsh = {**WELSH_PAGES, "environment-and-waste/recycling.cy.md": "---\ntitle: 12\ndescription: x\nlgsl: nope\n---\n"}
    lines = problem_lines(bilingual(tmp_path, welsh).assemble())
    assert any("recycling.cy.md" in line and "lgsl" in line for line in lines), lines


def test_a_welsh_section_override_drifts_on_its_own(tmp_path: Path) -> None:
    project = bilingual(tmp_path)
    project.write("docs/environment-and-waste/report-a-missed-bin.cy.md", (
        "---\noverride: sections\n---\n## Os na allwch roi gwybod ar-lein\n\nFfoniwch ein tîm biniau.\n"))
    passes(project)
    assert "Ffoniwch ein tîm biniau." in project.page("cy/environment-and-waste/rhoi-gwybod-am-fin-a-fethwyd/")
    # The English page is not overridden: only the Welsh shared section's change is drift.
    welsh = tmp_path / "library/pages/environment-and-waste/report-a-missed-bin.cy.md"
    welsh.write_text(welsh.read_text().replace("Ffoniwch {{ council.name }}.", "Ffoniwch ni."))
    english = tmp_path / "library/pages/environment-and-waste/report-a-missed-bin.md"
    english.write_text(english.read_text().replace("Call {{ council.name }}", "Phone {{ council.name }}"))
    drifted = [line for line in fails(project, "--strict") if "changed upstream" in line]
    assert len(drifted) == 1 and "report-a-missed-bin.cy.md" in drifted[0], drifted
    assert "os-na-allwch-roi-gwybod-ar-lein" in drifted[0]


def test_an_english_override_with_the_shared_welsh_page_still_under_it_is_a_warning(tmp_path: Path) -> None:
    project = bilingual(tmp_path)
    project.write("docs/leisure-and-culture/find-a-library.md", (
        "---\ntitle: Find a library\ndescription: Our libraries.\ntype: page\ncategory: libraries\n---\n"
        "Testbury has one library, in the Town Hall.\n"))
    lines = engine_fails(project, strict=True)
    assert [line for line in lines if "library" in line] == [
        "warning: docs/leisure-and-culture/find-a-library.md: replaces the shared page, but its Cymraeg version is "
        "still the shared one, which may say something else. Write docs/leisure-and-culture/find-a-library.cy.md "
        "with your Welsh text, or accept the shared one by removing this page."], lines


def test_a_translation_that_leaves_out_words_residents_read_is_a_warning(tmp_path: Path) -> None:
    welsh = {**WELSH_PAGES, "environment-and-waste/report-a-missed-bin.cy.md": (
        "---\ntitle: Rhoi gwybod am fin a fethwyd\ndescription: Dywedwch wrthym.\n---\nTestun.\n")}
    lines = [line for line in engine_fails(bilingual(tmp_path, welsh), strict=True) if "report-a-missed-bin" in line]
    assert len(lines) == 1 and "takes 'start' from its English page" in lines[0], lines


def test_welsh_category_pages_have_the_categories_welsh_labels(tmp_path: Path) -> None:
    from lgsite.model import load_model
    from lgsite.page_context import page_context
    from lgsite.sources import bundled_model_dir

    site = engine_passes(bilingual(tmp_path))
    assert site.pages["cy/environment-and-waste/index.md"].title == "Yr amgylchedd a gwastraff"
    assert site.pages["environment-and-waste/index.md"].title == "Environment and waste"
    # The Welsh search page lists the Welsh view's own categories, for a resident without JavaScript.
    listed = page_context(site, load_model(bundled_model_dir()), "cy/search.md")["search_categories"]
    assert [(category["title"], category["url"]) for category in listed][:1] == [
        ("Yr amgylchedd a gwastraff", "cy/environment-and-waste/")]


def test_english_under_en_puts_every_language_in_its_folder_with_a_choice_at_the_root(tmp_path: Path) -> None:
    project = bilingual(tmp_path, profile={**WELSH_PROFILE, "english_path": "/en/"})
    site = engine_passes(project)
    assert {"en/index.md", "en/environment-and-waste/recycling.md", "en/a-to-z.md", "en/search.md",
            "cy/environment-and-waste/ailgylchu.md"} <= set(site.pages)
    assert not [path for path in site.pages if path.count("/") and not path.startswith(("en/", "cy/"))]
    assert site.translations["en/environment-and-waste/recycling.md"] == {
        "en": "en/environment-and-waste/recycling.md", "cy": "cy/environment-and-waste/ailgylchu.md"}
    assert "index.md" not in site.translations  # the root page is in every language, so no one's partner
    assert site.translations["en/index.md"] == {"en": "en/index.md", "cy": "cy/index.md"}
    root = site.pages["index.md"].body
    assert "[English: Testbury County Borough Council](en/index.md){: lang=en hreflang=en }" in root
    assert "[Cymraeg: Cyngor Bwrdeistref Sirol Testbury](cy/index.md){: lang=cy hreflang=cy }" in root
    # A Welsh page's link to a page with no Welsh version goes to the English page, under en/.
    body = site.pages["cy/environment-and-waste/ailgylchu.md"].body
    assert "(rhoi-gwybod-am-fin-a-fethwyd.md)" in body
    passes(project)
    assert "Rinsiwch ganiau" in project.page("cy/environment-and-waste/ailgylchu/")
    assert "Rinse cans" in project.page("en/environment-and-waste/recycling/")
    assert 'hreflang=cy' in project.page("")


def test_english_path_must_be_the_root_or_en(tmp_path: Path) -> None:
    lines = engine_fails(bilingual(tmp_path, profile={**WELSH_PROFILE, "english_path": "/english/"}))
    assert any(re.search(r"council\.yml:\d+: english_path is '/english/'", line) for line in lines), lines


def test_each_page_of_a_bilingual_site_names_its_language_in_json_ld(tmp_path: Path) -> None:
    from lgsite.model import load_model
    from lgsite.page_context import page_context
    from lgsite.sources import bundled_model_dir

    site = engine_passes(bilingual(tmp_path))
    model = load_model(bundled_model_dir())
    for path, language in (("environment-and-waste/recycling.md", "en-GB"),
                           ("cy/environment-and-waste/ailgylchu.md", "cy")):
        pages = [item for item in page_context(site, model, path)["json_ld"] if item["@type"] == "WebPage"]
        assert [item["inLanguage"] for item in pages] == [language]


def test_a_page_paired_by_translation_id_is_published_as_its_partners_welsh_version(tmp_path: Path) -> None:
    english = FIXTURES / "shared-basic/pages/leisure-and-culture/find-a-library.md"
    welsh = {path: text for path, text in WELSH_PAGES.items() if "find-a-library" not in path}
    project = bilingual(tmp_path, welsh)
    project.write("docs/leisure-and-culture/find-a-library.md",
                  english.read_text().replace("owner:", "translation_id: libraries\nowner:"))
    project.write("docs/llyfrgelloedd/dod-o-hyd-i-lyfrgell.md", (
        "---\nlang: cy\ntranslation_id: libraries\ntitle: Dod o hyd i lyfrgell\n"
        "description: Dewch o hyd i'ch llyfrgell agosaf.\nslug: llyfrgelloedd\n---\nMae llyfrgelloedd am ddim.\n"))
    site = engine_passes(project, strict=True)
    assert site.translations["leisure-and-culture/find-a-library.md"]["cy"] == "cy/leisure-and-culture/llyfrgelloedd.md"
    assert "llyfrgelloedd/dod-o-hyd-i-lyfrgell.md" not in site.pages  # not an English page as well


def test_a_language_lgsite_does_not_know_in_front_matter_is_one_line(tmp_path: Path) -> None:
    project = bilingual(tmp_path)
    project.write("docs/leisure-and-culture/llyfrgell.md", (
        "---\nlang: fr\ntranslation_id: libraries\ntitle: Bibliothèque\ndescription: D.\n---\nTexte.\n"))
    lines = engine_fails(project)
    assert [line for line in lines if "llyfrgell.md" in line and "lang" in line], lines
