"""The components content designers write in Markdown (call-out, warning, inset text, details, tabs, table
captions) and wide tables in a focusable, named scroll region, through real builds."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import BASE_PROFILE, FIXTURES, REPO, Project, make_project, passes, shared_source
from html_reader import Element, parse

from lgsite.tables import scrollable_tables

META = "category: rubbish-and-recycling\nowner: Test team\nlast_reviewed: 2026-11-20\nreview_by: 2099-05-20\n"

# Every component, as content-model/CONTRIBUTING.md tells a content designer to write it.
COMPONENTS = """
We collect your bins every week.

You will need your council tax account number.
{ .inset }

!!! inset ""
    An inset of two paragraphs.

    The second one.

!!! note "Collections over Christmas"
    Your collection day changes over Christmas.

!!! warning
    You can be fined up to £400 if you leave rubbish in the street.

??? "If you move home"
    Tell us your new address.

???+ "What happens to your recycling"
    We sort it.

## How to put your bins out

=== "Houses"

    Put your bins at the edge of your property.

=== "Flats"

    Use the bin store.

=== "Boats"

    Take your rubbish to the marina.

## Prices

| Items | Price |
| --- | ---: |
| Up to 3 | £25 |
| 4 to 6 | £40 |

/// caption
Prices for a "bulky" waste collection
///
"""

COLUMNS = ["Ward", "Polling station", "Address", "Postcode", "Electorate", "Turnout", "Postal votes",
           "Accessible", "Parking", "Opens", "Closes", "Notes"]


def wide_table(rows: int = 300) -> str:
    """A long, wide table, the shape councils export from old systems (converted HTML, one row a place)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    for row in range(1, rows + 1):
        lines.append(f"| Ward {row} | St Mary's church hall, room {row} | {row} High Street, Testbury | "
                     f"TB{row % 9 + 1} {row % 9}AA | {1000 + row} | {row % 70}% | {row * 3} | Yes, step-free | "
                     f"No | 7am | 10pm | Use the side door on Church Lane |")
    return "\n".join(lines)


TABLES = f"""
| Opening day | Hours |
| --- | --- |
| Monday | 9am to 5pm |

## Polling stations by ward

{wide_table()}

<table><tr><td>Outer<table><tr><td>Inner</td></tr></table></td></tr></table>
"""


def documented_examples() -> str:
    """The Markdown examples of CONTRIBUTING.md's components section, so the guidance cannot drift from the build."""
    text = (REPO / "content-model" / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Components\n", 1)[1].split("\n## ", 1)[0]
    examples = re.findall(r"```markdown\n(.*?)```", section, re.DOTALL)
    assert len(examples) == 7, examples
    return "\n".join(examples)


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: {title}.\n{META}---\n{textwrap.dedent(body).lstrip()}"


def article(project: Project, url_path: str) -> Element:
    return parse(project.page(url_path)).one("article")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("components")
    shared = shared_source(root / "shared", {
        "environment-and-waste/shared-components.md": page("Components", COMPONENTS),
        "environment-and-waste/shared-tables.md": page("Tables", TABLES),
    })
    project = make_project(root / "council", shared=[str(FIXTURES / "shared-basic"), str(shared)])
    project.write("docs/environment-and-waste/our-components.md", page("Components", COMPONENTS))
    project.write("docs/environment-and-waste/our-tables.md", page("Tables", TABLES))
    project.write("docs/environment-and-waste/documented.md", page("Documented", documented_examples()))
    passes(project, "--strict")
    return project


# ------------------------------------------------------------------ the components


def test_a_shared_page_renders_every_component_as_a_council_page_does(built: Project) -> None:
    shared = article(built, "environment-and-waste/shared-components")
    assert shared == article(built, "environment-and-waste/our-components")  # the sanitiser keeps it all
    assert len(shared.find_all("input")) == 3 and len(shared.find_all("details")) == 2


@pytest.mark.parametrize("url_path", ["environment-and-waste/shared-components", "environment-and-waste/documented"])
def test_no_component_prints_its_markdown_as_text(built: Project, url_path: str) -> None:
    content = article(built, url_path)
    for marker in ("!!!", "???", "===", "///", "{ .inset }", "{:"):
        assert marker not in content.text
    names = {" ".join(sorted(element.attrs.get("class", "").split())) for element in content.find_all()}
    assert {"inset", "admonition inset", "admonition warning", "admonition note", "lg-table"} <= names
    assert {"details", "figcaption", "label"} <= {element.tag for element in content.find_all()}


def test_call_out_warning_and_inset_text(built: Project) -> None:
    content = article(built, "environment-and-waste/shared-components")
    note = content.one("div", class_="admonition note")
    assert note.one("p", class_="admonition-title").text == "Collections over Christmas"
    warning = content.one("div", class_="admonition warning")
    # Screen readers hear "Warning" before the text: it is the title, printed on the page.
    assert [p.text for p in warning.find_all("p")] == [
        "Warning", "You can be fined up to £400 if you leave rubbish in the street."]
    assert content.one("p", class_="inset").text == "You will need your council tax account number."
    inset = content.one("div", class_="admonition inset")
    assert inset.find("p", class_="admonition-title") is None  # no title: an inset is plain text set aside
    assert [p.text for p in inset.find_all("p")] == ["An inset of two paragraphs.", "The second one."]


def test_details_open_and_close_without_javascript(built: Project) -> None:
    closed, opened = article(built, "environment-and-waste/shared-components").find_all("details")
    assert closed.one("summary").text == "If you move home" and "open" not in closed.attrs
    assert closed.one("p").text == "Tell us your new address."
    assert opened.one("summary").text == "What happens to your recycling" and "open" in opened.attrs


def test_tabs_are_one_radio_group_with_a_label_and_a_panel_each(built: Project) -> None:
    tabs = article(built, "environment-and-waste/shared-components").one("div", class_="tabbed-set tabbed-alternate")
    inputs = tabs.find_all("input")
    labels = tabs.find_all("label")
    assert {i.attrs["type"] for i in inputs} == {"radio"} and len({i.attrs["name"] for i in inputs}) == 1
    assert [i.attrs.get("checked") is not None for i in inputs] == [True, False, False]
    assert [label.attrs["for"] for label in labels] == [i.attrs["id"] for i in inputs]
    assert [label.text for label in labels] == ["Houses", "Flats", "Boats"]
    panels = tabs.find_all("div", class_="tabbed-block")
    assert [p.text.strip() for p in panels] == [
        "Put your bins at the edge of your property.", "Use the bin store.", "Take your rubbish to the marina."]


def test_a_table_caption_names_the_table_and_its_region(built: Project) -> None:
    content = article(built, "environment-and-waste/shared-components")
    figure = content.one("figure")
    caption = figure.one("figcaption")
    assert caption.text.strip() == 'Prices for a "bulky" waste collection'
    assert figure.children.index(caption) < figure.children.index(figure.one("div", class_="lg-table"))
    region = figure.one("div", class_="lg-table")
    assert region.attrs["aria-label"] == 'Prices for a "bulky" waste collection'
    assert [td.text for td in region.one("table").find_all("td")] == ["Up to 3", "£25", "4 to 6", "£40"]


# ------------------------------------------------------------------ wide tables


@pytest.mark.parametrize("url_path", ["environment-and-waste/shared-tables", "environment-and-waste/our-tables"])
def test_every_table_sits_in_a_focusable_region_named_after_it(built: Project, url_path: str) -> None:
    content = article(built, url_path)
    regions = content.find_all("div", role="region")
    assert [r.attrs["class"] for r in regions] == ["lg-table"] * 3
    assert all(r.attrs["tabindex"] == "0" for r in regions)
    first, wide, nested = regions
    assert first.attrs["aria-label"] == "Table"  # no caption and no heading above it
    heading = content.one("h2", id="polling-stations-by-ward")
    # Two tables under one heading: a screen reader's list of regions tells them apart by number.
    assert wide.attrs["aria-label"] == f"{heading.text}, table 1"
    rows = wide.one("table").find("tbody").find_all("tr")
    assert len(rows) == 300 and len(rows[-1].find_all("td")) == len(COLUMNS)
    assert nested.attrs["aria-label"] == f"{heading.text}, table 2"
    assert len(nested.find_all("table")) == 2 and not nested.find_all("div", role="region")  # one region, outside


def test_wrapping_keeps_every_table_of_a_page_whole(built: Project) -> None:
    html = built.page("environment-and-waste/our-tables")
    assert html.count("<table") == 4 and html.count("</table>") == 4
    assert html.count('role=region') + html.count('role="region"') == 3


# ------------------------------------------------------------------ a council's own settings


def test_a_councils_own_markdown_settings_win(tmp_path: Path) -> None:
    project = make_project(tmp_path, profile=BASE_PROFILE)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] = ["markdown.extensions.admonition", {"pymdownx.tabbed": {"alternate_style": False}}]
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    project.write("docs/environment-and-waste/our-components.md", page("Components", COMPONENTS))
    passes(project)
    content = article(project, "environment-and-waste/our-components")
    tabs = content.one("div", class_="tabbed-set")
    assert "tabbed-alternate" not in tabs.attrs["class"]  # the council's choice, not the theme's default
    assert len(content.find_all("div", class_="admonition note")) == 1  # admonition once, under its long name
    assert content.one("details").one("summary").text == "If you move home"  # the other defaults still apply


def test_regions_are_named_after_what_names_the_table_and_never_share_a_name() -> None:
    table = "<table><tr><td>1</td></tr></table>"
    html = scrollable_tables(f'{table}{table}<h2 id="fees">Fees</h2>{table}<h2 id="rates">Rates</h2>{table}{table}')
    regions = parse(html).find_all("div", role="region")
    assert [region.attrs.get("aria-label") or f"=> #{region.attrs['aria-labelledby']}" for region in regions] == [
        "Table 1", "Table 2", "=> #fees", "Rates, table 1", "Rates, table 2"]
    assert parse(scrollable_tables(table)).one("div").attrs["aria-label"] == "Table"
    welsh = parse(scrollable_tables(f'{table}{table}<h2 id="rates">Cyfraddau</h2>{table}{table}', "cy"))
    assert [region.attrs["aria-label"] for region in welsh.find_all("div", role="region")] == [
        "Tabl 1", "Tabl 2", "Cyfraddau, tabl 1", "Cyfraddau, tabl 2"]
