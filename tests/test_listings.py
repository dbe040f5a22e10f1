"""Listings that tell the truth: the A to Z, category pages, empty directories, a service published twice.

A resident who does not know where a page sits finds it from a listing, so a
listing must hold every page it promises and nothing the council left out. The
engine tier (assembled in-process) proves what each listing holds; one real
build proves what the resident sees.
"""

from __future__ import annotations

import pytest

from conftest import Project, engine_fails, engine_passes, passes
from html_reader import read_page
from lgsite.collation import filing_text, first_letter
from lgsite.generate.categories import describe_category_pages
from lgsite.generate.indexes import a_to_z_entries
from lgsite.model import load_model
from lgsite.page_context import a_to_z_context
from lgsite.site import Site
from lgsite.sources import bundled_model_dir

GUIDE = """
---
title: The council's budget explained
description: Where the council's money comes from and what it is spent on.
type: guide
category: budgets-spending-and-performance
---
Where the money comes from.

## Council tax

Most of it.
"""

STEPS = """
---
title: Planning permission step by step
description: Everything you need to do to get planning permission.
type: step-by-step
category: planning-applications
steps:
  - title: Check
    tasks:
      - text: Check if you need permission
        url: https://www.planningportal.co.uk/
---
"""

SERVICE_WITHOUT_LGSL = """
---
title: apply for a market stall
description: Trade at Testbury market.
type: service
category: business-and-markets-licensing
---
Apply to the market office.
"""

PLAIN_PAGE = """
---
title: Our history
description: How Testbury came to be.
category: council-structure
---
A long time ago.
"""


def a_to_z_titles(project: Project) -> list[tuple[str, list[str]]]:
    """Each letter that has entries, with what it shows: a title, or "term - see title"."""
    site = engine_passes(project, strict=True)
    return [
        (letter, [f"{entry.label} - see {site.pages[entry.path].title}" if entry.see else entry.label
                  for entry in entries])
        for letter, entries in a_to_z_entries(site.pages, site.listed_in).items()
    ]


def test_the_a_to_z_lists_guides_step_by_steps_and_services_with_or_without_an_lgsl_number(project: Project) -> None:
    project.write("docs/about-the-council/budget.md", GUIDE)
    project.write("docs/planning-and-development/planning-step-by-step.md", STEPS)
    project.write("docs/business-and-economy/market-stall.md", SERVICE_WITHOUT_LGSL)
    project.write("docs/about-the-council/history.md", PLAIN_PAGE)
    assert a_to_z_titles(project) == [
        ("A", ["apply for a market stall"]),
        ("C", ["The council's budget explained"]),  # filed under C: a leading "The" is not where people look
        ("F", ["Find a library"]),  # a signpost: the county provides it
        ("P", ["Planning permission step by step"]),
        ("R", ["Report a missed bin collection"]),
    ]  # "Our history" is a plain page about no service: not in the A to Z


def test_terms_are_extra_entries_that_say_which_page_they_lead_to(project: Project) -> None:
    project.write("docs/about-the-council/history.md", PLAIN_PAGE.replace(
        "category: council-structure\n", "category: council-structure\na_to_z: [Town history, heritage, Our history]\n"))
    project.write("docs/environment-and-waste/report-a-missed-bin.md", """
        ---
        override: sections
        a_to_z: [Bins, "Wheelie bins"]
        ---
        """)
    assert a_to_z_titles(project) == [
        ("B", ["Bins - see Report a missed bin collection"]),
        ("F", ["Find a library"]),
        ("H", ["heritage - see Our history"]),  # case is ignored in the order, and kept as written
        ("O", ["Our history"]),  # a page that names terms is listed under its own title too, once
        ("R", ["Report a missed bin collection"]),
        ("T", ["Town history - see Our history"]),
        ("W", ["Wheelie bins - see Report a missed bin collection"]),
    ]


def test_pages_the_council_leaves_out_are_never_in_the_a_to_z(project: Project) -> None:
    project.write("docs/about-the-council/history.md", PLAIN_PAGE.replace(
        "category: council-structure\n", "category: council-structure\na_to_z: [Heritage]\nsearch: {exclude: true}\n"))
    project.write("docs/business-and-economy/market-stall.md", SERVICE_WITHOUT_LGSL.replace(
        "type: service\n", "type: service\nsearch:\n  exclude: true\n"))
    profile = project.root / "council.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "exclude:\n  - environment-and-waste/report-a-missed-bin.md\n",
                       encoding="utf-8")
    assert a_to_z_titles(project) == [("F", ["Find a library"])]


def test_an_expired_page_leaves_the_a_to_z_with_its_terms(project: Project) -> None:
    alert = """
        ---
        title: Gritting this weekend
        description: We are gritting main roads this weekend.
        type: alert
        level: minor
        expires: {expires}
        a_to_z: [Gritting, Snow]
        ---
        """
    project.write("docs/alerts/gritting.md", alert.format(expires="2099-01-01"))
    assert ("S", ["Snow - see Gritting this weekend"]) in a_to_z_titles(project)  # while it lasts, it is listed
    project.write("docs/alerts/gritting.md", alert.format(expires="2020-01-01"))
    assert a_to_z_titles(project) == [("F", ["Find a library"]), ("R", ["Report a missed bin collection"])]


@pytest.mark.parametrize(("label", "key", "letter"), [
    ("The council's budget", "council's budget", "C"),
    ("Theatre tickets", "theatre tickets", "T"),  # only the word "The"
    ("The", "the", "T"),  # nothing after it: filed as it is
    ("école", "ecole", "E"),
    ("20mph zones", "20mph zones", "#"),
])
def test_how_a_label_is_filed(label: str, key: str, letter: str) -> None:
    assert filing_text(label) == key
    assert first_letter(label) == letter


def test_terms_are_bounded_in_length_and_number(project: Project) -> None:
    long = "A term that goes on and on well past forty characters"
    project.write("docs/about-the-council/history.md", PLAIN_PAGE.replace(
        "category: council-structure\n", f"category: council-structure\na_to_z:\n  - {long}\n"))
    project.write("docs/about-the-council/too-long.md", PLAIN_PAGE.replace(
        "category: council-structure\n", f"category: council-structure\na_to_z: [{'x' * 81}]\n"))
    project.write("docs/about-the-council/too-many.md", PLAIN_PAGE.replace(
        "category: council-structure\n", "category: council-structure\na_to_z: [a, b, c, d, e, f, g, h, i, j, k]\n"))
    project.write("docs/about-the-council/empty.md", PLAIN_PAGE.replace(
        "category: council-structure\n", "category: council-structure\na_to_z: [Heritage, '  ']\n"))
    lines = engine_fails(project)
    assert any(line.startswith("warning: docs/about-the-council/history.md:6: 'a_to_z[0]' is 53 characters long")
               for line in lines), lines
    assert any(line.startswith("error: docs/about-the-council/too-long.md:5: 'a_to_z[0]' is 81 characters long; "
                               "the limit is 80") for line in lines), lines
    assert any(line.startswith("error: docs/about-the-council/empty.md:5: 'a_to_z[1]' is empty") for line in lines), lines
    assert len(lines) == 4, lines  # every problem in one pass
    assert "error: docs/about-the-council/too-many.md:5: 'a_to_z' has 11 items; the limit is 10. " \
           "Keep the 10 that matter most." in lines, lines


def test_the_built_a_to_z_links_only_letters_that_have_entries(project: Project) -> None:
    project.write("docs/about-the-council/history.md", PLAIN_PAGE.replace(
        "category: council-structure\n", "category: council-structure\na_to_z: [Bins]\n"))
    passes(project, "--strict")
    page = read_page(project.site, "a-to-z/")
    letters = page.one("nav", aria_label="Letters")
    assert len(letters.find_all("li")) == 26
    assert letters.links() == ["#letter-b", "#letter-f", "#letter-o", "#letter-r"]
    empty = [span.text for span in letters.find_all("span", class_="lg-letters__empty")]
    assert empty[0] == "A (no entries)" and len(empty) == 22  # plain text, and a screen reader hears why
    assert [h2.get("id") for h2 in page.find_all("h2") if (h2.get("id") or "").startswith("letter-")] == [
        "letter-b", "letter-f", "letter-o", "letter-r"]
    see = next(a for a in page.one("article").find_all("a") if a.get("href") == "../about-the-council/history/")
    assert see.text == "Bins — see Our history"  # the link alone says where it leads


def test_a_welsh_a_to_z_files_digraphs_under_their_own_letters_in_welsh_order(project: Project) -> None:
    """The Welsh view of a site (site.lang "cy") gives the A to Z the Welsh alphabet: the letters row
    has Ch, Dd, Ll..., and a word starting with a digraph is under it, after every word of its first letter."""
    project.write("docs/about-the-council/history.md", PLAIN_PAGE.replace("category: council-structure\n", (
        "category: council-structure\n"
        "a_to_z: [Chwaraeon, Cyngor, Ddoe, Dysgu, Ffyrdd, Fan, Ngolwg, Llyfrgelloedd, Lôn goch, Lori]\n")))
    project.write("docs/about-the-council/history-2.md", PLAIN_PAGE.replace("category: council-structure\n", (
        "category: council-structure\n"
        "a_to_z: [Pharmacy, Parcio, Rhentu, Rygbi, Theatr, Treth y cyngor, Ŵyr, Yr Ysgol]\n")).replace(
        "Our history", "Hanes"))
    site = engine_passes(project, strict=True)
    site.lang = "cy"
    letters = a_to_z_context(site)
    row = [letter["letter"] for letter in letters]
    assert row[:12] == ["A", "B", "C", "Ch", "D", "Dd", "E", "F", "Ff", "G", "Ng", "H"]
    assert row[14:18] == ["L", "Ll", "M", "N"] and row[-4:] == ["Th", "U", "W", "Y"] and len(row) == 29
    filed = {letter["letter"]: [entry["label"] for entry in letter["entries"]] for letter in letters if letter["entries"]}
    assert filed["C"] == ["Cyngor"] and filed["Ch"] == ["Chwaraeon"]
    assert filed["D"] == ["Dysgu"] and filed["Dd"] == ["Ddoe"]
    assert filed["F"][0] == "Fan" and filed["Ff"] == ["Ffyrdd"]
    assert filed["Ng"] == ["Ngolwg"]
    assert filed["L"] == ["Lôn goch", "Lori"] and filed["Ll"] == ["Llyfrgelloedd"]
    assert filed["P"] == ["Parcio"] and filed["Ph"] == ["Pharmacy"]
    assert filed["R"][-1] == "Rygbi" and filed["Rh"] == ["Rhentu"]
    assert filed["T"] == ["Treth y cyngor"] and filed["Th"] == ["Theatr"]
    assert filed["W"] == ["Ŵyr"] and "Yr Ysgol" in filed["Y"]  # "Yr" is not filed on: Ysgol is under Y
    ids = [letter["id"] for letter in letters if letter["entries"]]
    assert "letter-ll" in ids and "letter-ch" in ids and len(ids) == len(set(ids))
    site.lang = "en"  # the English view of the same pages: plain A to Z, digraphs under their first letter
    english = {letter["letter"]: [entry["label"] for entry in letter["entries"]] for letter in a_to_z_context(site)}
    assert len(english) == 26 and english["L"][:3] == ["Llyfrgelloedd", "Lôn goch", "Lori"]


def test_a_welsh_category_page_lists_its_pages_in_welsh_order(project: Project) -> None:
    for slug, title in (("llyfrgell", "Llyfrgelloedd"), ("lon", "Lôn goch"), ("lori", "Lori"), ("chwarae", "Chwarae"),
                        ("cyngor", "Cyngor")):
        project.write(f"docs/about-the-council/{slug}.md", PLAIN_PAGE.replace("Our history", title))
    site = engine_passes(project, strict=True)
    site.lang = "cy"
    describe_category_pages(site, load_model(bundled_model_dir()))
    [group] = [group for group in site.context["about-the-council/index.md"]["listing"]
               if any(page["title"] == "Lori" for page in group["pages"])]
    titles = [page["title"] for page in group["pages"] if page["title"] != "Our history"]
    assert titles == ["Cyngor", "Chwarae", "Lôn goch", "Lori", "Llyfrgelloedd"]


# --- category pages at every level -----------------------------------------------------------------------------------

LICENSING = """
---
title: Licences and permits
description: Licences and permits for businesses and traders in Testbury.
type: category
category: licensing-and-regulation
---
Most licences are renewed every year.
"""

ANIMAL_LICENCE = """
---
title: Apply for an animal boarding licence
description: Run kennels or a cattery.
type: service
category: animal-licensing
---
Apply before you open.
"""

LICENSING_POLICY = """
---
title: Our licensing policy
description: How we decide licence applications.
category: licensing-and-regulation
---
We follow the law.
"""


def licensing_council(project: Project) -> None:
    project.write("docs/business-and-economy/licensing.md", LICENSING)
    project.write("docs/business-and-economy/animal-boarding.md", ANIMAL_LICENCE)
    project.write("docs/business-and-economy/market-stall.md", SERVICE_WITHOUT_LGSL)
    project.write("docs/business-and-economy/licensing-policy.md", LICENSING_POLICY)


def listed(site: Site, path: str) -> list[tuple[str, list[str]]]:
    return [(group["label"], [link["title"] for link in group["pages"]]) for group in site.context[path]["listing"]]


def test_a_second_level_category_page_lists_the_pages_in_it_and_below_it(project: Project) -> None:
    licensing_council(project)
    site = engine_passes(project, strict=True)
    assert listed(site, "business-and-economy/licensing.md") == [
        ("", ["Our licensing policy"]),  # filed in the category itself
        ("Animal licensing", ["Apply for an animal boarding licence"]),  # and by the category one level down
        ("Business and markets licensing", ["apply for a market stall"]),
    ]
    assert listed(site, "business-and-economy/index.md") == [  # the generated landing page, a level up
        ("Licensing and regulation",
         ["apply for a market stall", "Apply for an animal boarding licence", "Our licensing policy"]),
    ]
    # whose heading leads to the page written for the level below, so residents can reach it
    assert [group["url"] for group in site.context["business-and-economy/index.md"]["listing"]] == [
        "business-and-economy/licensing/"]
    assert [group["url"] for group in site.context["business-and-economy/licensing.md"]["listing"]] == [
        None, None, None]


def test_a_category_page_with_nothing_under_it_says_so_and_warns_its_author(project: Project) -> None:
    project.write("docs/housing/sheltered-housing.md", """
        ---
        title: Sheltered housing
        description: Housing with support for older people.
        type: category
        category: supported-and-sheltered-housing
        ---
        """)
    project.write("docs/topics.md", """
        ---
        title: Topics
        description: Everything we do.
        type: category
        ---
        """)
    assert engine_fails(project, strict=True) == [
        "warning: docs/housing/sheltered-housing.md:5: is the page of the category 'supported-and-sheltered-housing', "
        "but no published page is filed in it or below it, so it tells residents there are no pages yet. "
        "Give pages category: supported-and-sheltered-housing (or a category below it), or remove this page.",
        "warning: docs/topics.md:4: is a category page, but names no category, so it lists no pages. "
        "Add category: with the LGNL category it introduces, for example category: housing.",
    ]
    passes(project)  # a warning: published all the same
    page = read_page(project.site, "housing/sheltered-housing/")
    assert "There are no pages in this category yet." in page.one("article").text


def test_a_built_second_level_category_page_links_to_its_pages(project: Project) -> None:
    licensing_council(project)
    passes(project, "--strict")
    article = read_page(project.site, "business-and-economy/licensing/").one("article")
    assert [h2.text for h2 in article.find_all("h2")] == ["Animal licensing", "Business and markets licensing"]
    assert article.links() == ["../licensing-policy/", "../animal-boarding/", "../market-stall/"]
    assert "There are no pages" not in article.text
    landing = read_page(project.site, "business-and-economy/").one("article")
    assert landing.one("h2").links() == ["licensing/"]


# --- a directory with no places ----------------------------------------------------------------------------------------


def test_a_directory_with_no_entries_says_so_and_warns_its_author(project: Project) -> None:
    project.write("docs/community-and-living/community-centres.md", """
        ---
        title: Community centres
        description: Find a community centre to hire.
        type: directory
        category: community-facilities-and-events
        directory: community-centres
        ---
        Every centre can be hired by the hour.
        """)
    assert engine_fails(project, strict=True) == [
        "warning: docs/community-and-living/community-centres.md:6: is the directory 'community-centres', but no "
        "published directory-entry page names it, so it tells residents there are no places yet. Add pages with "
        "type: directory-entry and directory: community-centres, or leave the page out (exclude: in council.yml for "
        "a shared page).",
    ]
    passes(project)
    article = read_page(project.site, "community-and-living/community-centres/").one("article")
    assert [p.text for p in article.find_all("p")] == [
        "Every centre can be hired by the hour.", "There are no places in this directory yet."]
    assert article.find("ul", class_="lg-places") is None


# --- one service, two pages ----------------------------------------------------------------------------------------

MISSED_BINS = """
---
title: Missed bins
description: Tell us about a missed collection.
type: service
category: rubbish-and-recycling
lgsl: 524
---
Call us.
"""


def test_a_council_page_for_a_service_an_inherited_page_covers_is_a_warning(project: Project) -> None:
    project.write("docs/environment-and-waste/missed-bins.md", MISSED_BINS)
    project.write("docs/leisure-and-culture/libraries.md", MISSED_BINS.replace("lgsl: 524", "lgsl: 437").replace(
        "Missed bins", "Libraries"))
    assert engine_fails(project, strict=True) == [
        "warning: docs/environment-and-waste/missed-bins.md:6: has lgsl: 524, like the shared page "
        "environment-and-waste/report-a-missed-bin.md, so residents find two pages for one service. To replace the "
        "shared page, move this page to docs/environment-and-waste/report-a-missed-bin.md (a whole override); to keep "
        "this one, add environment-and-waste/report-a-missed-bin.md under exclude: in council.yml.",
        "warning: docs/leisure-and-culture/libraries.md:6: has lgsl: 437, like the shared page "  # a signpost too
        "leisure-and-culture/find-a-library.md, so residents find two pages for one service. To replace the "
        "shared page, move this page to docs/leisure-and-culture/find-a-library.md (a whole override); to keep "
        "this one, add leisure-and-culture/find-a-library.md under exclude: in council.yml.",
    ]


@pytest.mark.parametrize("fix", ["exclude", "override"])
def test_either_fix_the_warning_suggests_clears_it(project: Project, fix: str) -> None:
    if fix == "exclude":
        project.write("docs/environment-and-waste/missed-bins.md", MISSED_BINS)
        profile = project.root / "council.yml"
        profile.write_text(profile.read_text(encoding="utf-8")
                           + "exclude:\n  - environment-and-waste/report-a-missed-bin.md\n", encoding="utf-8")
    else:
        project.write("docs/environment-and-waste/report-a-missed-bin.md", MISSED_BINS)
    site = engine_passes(project, strict=True)
    assert [page.title for page in site.pages.values() if page.data.get("lgsl") == 524] == ["Missed bins"]
