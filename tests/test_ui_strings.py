"""The interface in each language: the strings files, a council's corrections, dates, and pages in Welsh.

Until the engine builds Welsh pages itself, a Welsh page is made here the way the engine
will hand it to the theme: an MkDocs hook (a documented extension point) puts `lang` and
`page_languages` in the page's context, so what is tested is the theme and the strings.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from conftest import Project, fails_with_one, passes
from html_reader import parse
from lgsite import opening_hours, ui_strings
from lgsite.engine import open_project
from lgsite.generate import events, news
from lgsite.generate.indexes import a_to_z_page
from lgsite.generate.notices import status_label
from lgsite.opening_hours import holiday_name
from lgsite.page_context import breadcrumbs
from lgsite.errors import LgsiteError
from lgsite.ui_strings import BUNDLED, FIELD, format_date, format_datetime, format_time, load

BIN = "environment-and-waste/report-a-missed-bin/"

# Stands in for the engine's language views: the missed bin page is the Welsh one, with its English
# partner under en/ (as on a site that sets english_path: en/).
WELSH_PAGE_HOOK = '''
def on_page_context(context, page, config, nav):
    languages = [{"code": "en", "label": "English", "url": "en/environment-and-waste/report-a-missed-bin/"},
                 {"code": "cy", "label": "Cymraeg", "url": "environment-and-waste/report-a-missed-bin/"}]
    if page.file.src_uri == "environment-and-waste/report-a-missed-bin.md":
        context["lang"] = "cy"
        context["page_languages"] = [{**item, "current": item["code"] == "cy"} for item in languages]
        context["x_default_url"] = languages[0]["url"]
        context["related"][0]["lang"] = "en"  # a page with no Welsh version, listed in English
    return context


def on_env(env, config, files):
    env.globals["site_languages"] = ["en", "cy"]
    return env
'''


def strings(lang: str) -> dict[str, str]:
    return yaml.safe_load((BUNDLED / f"{lang}.yml").read_text(encoding="utf-8"))


def welsh_project(project: Project) -> Project:
    project.write("welsh_hook.py", WELSH_PAGE_HOOK)
    mkdocs = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
    mkdocs["hooks"] = ["welsh_hook.py"]
    (project.root / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs, sort_keys=False), encoding="utf-8")
    return project


# --- the strings files ----------------------------------------------------------------------------------------------


def test_english_and_welsh_have_exactly_the_same_keys_and_fields() -> None:
    english, welsh = strings("en"), strings("cy")
    assert english.keys() == welsh.keys()
    for key, text in english.items():
        assert isinstance(text, str) and isinstance(welsh[key], str), key
        assert sorted(FIELD.findall(text)) == sorted(FIELD.findall(welsh[key])), key


def test_welsh_strings_are_welsh() -> None:
    """A Welsh string the same as the English one is an English word left on a Welsh page
    (only what has no words in it, like the date's order of fields, may be the same)."""
    english, welsh = strings("en"), strings("cy")
    same = [key for key in english if english[key] == welsh[key] and re.search(r"[A-Za-z]{2,}", FIELD.sub("", english[key]))]
    assert same == []


@pytest.mark.parametrize("lang, day, weekday, text", [
    ("en", dt.date(2026, 12, 3), False, "3 December 2026"),
    ("cy", dt.date(2026, 12, 3), False, "3 Rhagfyr 2026"),
    ("cy", dt.date(2026, 12, 3), True, "Dydd Iau 3 Rhagfyr 2026"),
    ("en", dt.date(2026, 5, 2), True, "Saturday 2 May 2026"),
    ("cy", dt.date(2027, 2, 1), False, "1 Chwefror 2027"),
])
def test_dates_in_each_language(lang: str, day: dt.date, weekday: bool, text: str) -> None:
    assert format_date(day, lang, weekday=weekday) == text


def test_times_in_each_language() -> None:
    assert [format_time(minutes, "cy") for minutes in (0, 540, 570, 720, 1020)] == [
        "hanner nos", "9yb", "9:30yb", "hanner dydd", "5yh"]
    assert format_datetime(dt.datetime(2026, 5, 2, 16, 30), "en") == "Saturday 2 May 2026, 4:30pm"
    assert format_datetime(dt.datetime(2026, 5, 2, 16, 30), "cy") == "Dydd Sadwrn 2 Mai 2026, 4:30yh"


def test_opening_hours_in_welsh() -> None:
    week = opening_hours.parse([
        opening_hours.Entry(("Mo-We",), None, (opening_hours.Session(540, 1020),)),
        opening_hours.Entry(("Sa",), None, (opening_hours.Session(600, 720),)),
        opening_hours.Entry((), dt.date(2026, 12, 24), (opening_hours.Session(540, 720),)),
    ], closed_on_bank_holidays=True)
    assert [(row.label, row.hours) for row in opening_hours.week_rows(week, "cy")] == [
        ("Dydd Llun – Dydd Mercher", "9yb i 5yh"),
        ("Dydd Iau a Dydd Gwener", "Ar gau"),
        ("Dydd Sadwrn", "10yb i hanner dydd"),
        ("Dydd Sul", "Ar gau"),
        ("Gwyliau banc", "Ar gau"),
    ]
    later = opening_hours.upcoming(week, dt.date(2026, 12, 20))
    assert [(row.label, row.hours) for row in opening_hours.special_rows(later, "cy")][:2] == [
        ("Dydd Iau 24 Rhagfyr 2026", "9yb i hanner dydd"),
        ("Dydd Gwener 25 Rhagfyr 2026", "Ar gau: Dydd Nadolig"),
    ]


def test_values_fill_named_fields_only() -> None:
    """A field is filled by name; format syntax in a value or a correction is left as it is."""
    text = ui_strings.bundled().text("cy", "search_council", council="Cyngor {0.__class__}")
    assert text == "Chwilio Cyngor {0.__class__}"


def test_news_and_events_of_a_welsh_view_say_so(project: Project) -> None:
    """A generator run on the Welsh view (site.lang) writes Welsh words, and says Welsh to machines."""
    project.write("docs/news/ffair.md", "---\ntitle: Ffair\ndescription: D.\ntype: news\ndate: 2026-12-03\n---\nT.\n")
    project.write("docs/events/ffair.md", "---\ntitle: Ffair\ndescription: D.\ntype: event\n"
                  "start: 2026-12-03 09:00\nend: 2026-12-03 16:30\n---\nT.\n")
    site = project.assemble()
    # What the English run of the generators added is taken away, and they run again on the site as
    # the Welsh view: until the engine makes language views, that is what one looks like to them.
    site.lang = "cy"
    for path in ("news/index.md", "events/index.md"):
        del site.pages[path]
    site.outputs.clear(), site.generated.clear(), site.context.clear()
    model = open_project(project.settings()).model
    news.generate(site, model)
    events.generate(site, model)
    assert site.pages["news/index.md"].title == "Newyddion"
    assert "<language>cy</language>" in site.outputs["news/feed.xml"]
    assert 'xml:lang="cy"' in site.outputs["news/atom.xml"]
    assert "<title>Newyddion Testbury District Council</title>" in site.outputs["news/feed.xml"]
    [article] = [item for item in site.context["news/ffair.md"]["json_ld"] if item["@type"] == "NewsArticle"]
    assert article["inLanguage"] == "cy"
    event = site.context["events/ffair.md"]["event"]
    assert (event["start"]["text"], event["end"]["text"]) == ("Dydd Iau 3 Rhagfyr 2026, 9yb", "4:30yh")
    assert site.context["events/ffair.md"]["breadcrumbs"][0]["title"] == "Hafan"


# --- a council's corrections ----------------------------------------------------------------------------------------


def test_a_correction_replaces_only_its_key(tmp_path: Path) -> None:
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "cy.yml").write_text("skip_link: Ewch i'r prif gynnwys\n", encoding="utf-8")
    corrected = load(tmp_path)
    assert corrected.text("cy", "skip_link") == "Ewch i'r prif gynnwys"
    assert corrected.text("cy", "search") == "Chwilio"
    assert corrected.text("en", "skip_link") == "Skip to main content"


@pytest.mark.parametrize("text, line, message", [
    ("search: Chwilio\nskip_lnk: Neidio\n", 2, "'skip_lnk' is not one of lgsite's interface strings"),
    ("search:\n  - Chwilio\n", 1, "gives search a value that is not text"),
    ("search: 3\n", 1, "gives search a value that is not text"),
    ("search_council: Chwilio {cyngor}\n", 1, "gives search_council the field {cyngor}"),
])
def test_a_bad_correction_is_one_error_with_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "cy.yml").write_text(text, encoding="utf-8")
    with pytest.raises(LgsiteError) as error:
        load(tmp_path)
    assert str(error.value).startswith(f"ui/cy.yml:{line}: {message}")


def test_a_corrections_file_for_a_language_lgsite_has_no_interface_in(tmp_path: Path) -> None:
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "fr.yml").write_text("search: Rechercher\n", encoding="utf-8")
    with pytest.raises(LgsiteError, match=r"^ui/fr\.yml: lgsite has no interface in the language 'fr'"):
        load(tmp_path)


def test_a_bad_correction_stops_the_build_with_one_line(project: Project) -> None:
    project.write("ui/cy.yml", "search: Chwilio\nskip_lnk: Neidio i'r prif gynnwys\n")
    line = fails_with_one(project)
    assert line.startswith("error: ui/cy.yml:2: 'skip_lnk' is not one of lgsite's interface strings"), line


def test_a_template_asking_for_a_string_lgsite_does_not_have_is_one_line(project: Project) -> None:
    mkdocs = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
    mkdocs["theme"]["custom_dir"] = "overrides"
    (project.root / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs, sort_keys=False), encoding="utf-8")
    project.write("overrides/partials/part-of.html", "<p>{{ t('part_off') }}</p>\n")
    line = fails_with_one(project)
    assert "there is no interface string 'part_off'" in line and "overrides/partials/part-of.html:1" in line, line


# --- pages in Welsh -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def welsh_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    from conftest import make_project

    project = welsh_project(make_project(tmp_path_factory.mktemp("welsh") / "council"))
    project.write("ui/cy.yml", "related_content: Cynnwys perthnasol\n")
    project.write("docs/environment-and-waste/report-a-missed-bin.md", """
        ---
        title: Report a missed bin
        description: Tell us if we did not collect your bin.
        type: service
        category: rubbish-and-recycling
        lgsl: 524
        last_reviewed: 2026-12-03
        related:
          - {text: Recycling, page: recycling.md}
        ---

        Text.
    """)
    passes(project)
    return project


def test_a_welsh_page_says_its_language_and_has_the_welsh_interface(welsh_site: Project) -> None:
    page = parse(welsh_site.page(BIN))
    assert page.find("html").attrs["lang"] == "cy"
    assert page.find("a", class_="lg-skip").text == "Neidio i'r prif gynnwys"
    assert page.find("nav", class_="lg-breadcrumbs").attrs["aria-label"] == "Briwsion bara"
    footer = page.find("footer").text
    assert "Gwasanaethau A i Y" in footer and "Map o'r wefan" in footer
    assert "Cynnwys perthnasol" in page.text  # the council's correction in ui/cy.yml
    assert page.find("p", class_="lg-reviewed").text == "Adolygwyd y dudalen ddiwethaf: 3 Rhagfyr 2026"


def test_no_english_interface_string_on_a_welsh_page(welsh_site: Project) -> None:
    """Every string of the English interface that has words in it, searched for in what the theme
    writes around the Welsh page's text (the text, written in English by this test, is left out, and so
    are the breadcrumbs, which the engine's Welsh view names: see the test after this one)."""
    page = parse(welsh_site.page(BIN))
    left_out = [page.one("article").text, page.one("nav", class_="lg-breadcrumbs").text]
    frame = page.one("body").text
    for text in left_out:
        frame = frame.replace(text, "")
    frame += " ".join(f"{element.get('aria-label') or ''} {element.get('alt') or ''}" for element in page.elements())
    english = [FIELD.sub("", text).strip(" .:") for text in strings("en").values()]
    assert [text for text in english if len(text.split()) >= 2 and text in frame] == []
    assert [word for word in ("Search", "Home", "Contact", "Cookies", "Sitemap") if word in frame] == []


def test_generated_words_follow_the_language_of_the_site_view(project: Project) -> None:
    """What generators write (breadcrumbs, the A to Z's title, a status notice's label) comes from site.lang."""
    site = project.assemble()
    site.lang = "cy"
    model = open_project(project.settings()).model
    assert breadcrumbs(site, model, "environment-and-waste/report-a-missed-bin.md")[0]["title"] == "Hafan"
    assert a_to_z_page("cy").title == "Gwasanaethau A i Y"
    assert status_label("suspended", "cy") == "Gwasanaeth wedi'i atal"
    assert holiday_name("Christmas Day (substitute day)", "cy") == "Dydd Nadolig (diwrnod amgen)"


def test_the_switcher_links_to_the_partner_in_its_own_language(welsh_site: Project) -> None:
    page = parse(welsh_site.page(BIN))
    switcher = page.find("nav", class_="lg-languages")
    assert switcher.attrs["aria-label"] == "Iaith"
    [link] = switcher.find_all("a")
    assert (link.text, link.attrs["lang"], link.attrs["hreflang"]) == ("English", "en", "en")
    assert link.attrs["href"] == "../../en/environment-and-waste/report-a-missed-bin/"
    alternates = {tag.attrs["hreflang"]: tag.attrs["href"] for tag in page.find_all("link")
                  if tag.attrs.get("rel") == "alternate" and "hreflang" in tag.attrs}
    assert alternates == {
        "en": "https://www.testbury.example/en/environment-and-waste/report-a-missed-bin/",
        "cy": "https://www.testbury.example/environment-and-waste/report-a-missed-bin/",
        "x-default": "https://www.testbury.example/en/environment-and-waste/report-a-missed-bin/",
    }


def test_a_link_to_a_page_in_another_language_says_so(welsh_site: Project) -> None:
    related = parse(welsh_site.page(BIN)).one("nav", class_="lg-related")
    [link] = related.find_all("a")
    assert (link.text, link.get("lang"), link.get("hreflang")) == ("Recycling", "en", "en")
    crumbs = parse(welsh_site.page(BIN)).one("nav", class_="lg-breadcrumbs").find_all("a")
    assert all(crumb.get("lang") is None for crumb in crumbs)


def test_a_page_in_one_language_has_no_switcher_and_stays_english(welsh_site: Project) -> None:
    page = parse(welsh_site.page("environment-and-waste/recycling/"))
    assert page.find("html").attrs["lang"] == "en"
    assert page.find("nav", class_="lg-languages") is None
    assert not [tag for tag in page.find_all("link") if "hreflang" in tag.attrs]
    assert page.find("a", class_="lg-skip").text == "Skip to main content"


def test_the_404_page_of_a_bilingual_site_speaks_both_languages(welsh_site: Project) -> None:
    page = parse((welsh_site.site / "404.html").read_text(encoding="utf-8"))
    parts = {part.attrs["lang"]: part for part in page.find_all("div", class_="lg-not-found")}
    assert parts.keys() == {"en", "cy"}
    assert parts["en"].find("h1").text == "Page not found"
    assert parts["cy"].find("h2").text == "Heb ddod o hyd i'r dudalen"
    assert "Chwilio Testbury District Council" in parts["cy"].text
