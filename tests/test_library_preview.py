"""`lgsite library build`: a small shared library previewed as sample councils, each a real `lgsite build`.

The overview must say what each council's build report says (inherited, signposted, excluded), link
each council's tab to the page that council's build wrote, escape what the library writes, and fail,
naming the file, when a page breaks a council's build, while still building the other councils.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
from pathlib import Path

import pytest

from conftest import LGSITE, shared_source
from html_reader import Element, parse
from lgsite.cli import main

FRONT = "owner: Test team\nlast_reviewed: 2026-11-20\nreview_by: 2099-05-20\n"
ALL_TIERS = "environment-and-waste/recycling.md"
DISTRICT_ONLY = "environment-and-waste/report-a-missed-bin.md"  # LGSL 524: districts and unitaries collect bins
COUNTY_ONLY = "leisure-and-culture/find-a-library.md"  # LGSL 437: counties and unitaries run libraries
NO_PLACES = "environment-and-waste/household-waste-recycling-centres.md"  # a directory with no places yet
HOSTILE = "leisure-and-culture/what's on #1?.md"
PAGES = {
    "index.md": f"---\ntitle: Home\ndescription: Council services.\ntype: home\n{FRONT}---\n",
    ALL_TIERS: ("---\ntitle: What goes in your recycling bin\ndescription: Find out what to recycle.\n"
                f"type: page\ncategory: rubbish-and-recycling\n{FRONT}---\nRinse tins and bottles.\n"),
    DISTRICT_ONLY: ("---\ntitle: Report a missed bin collection\ndescription: Tell us we missed your bin.\n"
                    f"type: service\ncategory: rubbish-and-recycling\nlgsl: 524\n{FRONT}"
                    "start:\n  interaction: report\n  label: Report a missed bin\n---\n"
                    "You can report a missed bin up to 2 working days after your collection day.\n"),
    COUNTY_ONLY: ("---\ntitle: Find a library\ndescription: Find your nearest library.\n"
                  f"type: page\ncategory: libraries\nlgsl: 437\n{FRONT}---\nLibraries lend books for free.\n"),
    NO_PLACES: ("---\ntitle: Household waste recycling centres\ndescription: Find a recycling centre.\n"
                f"type: directory\ndirectory: recycling-centres\ncategory: rubbish-and-recycling\n{FRONT}---\n"
                "Choose a centre from the list.\n"),
    HOSTILE: ("---\ntitle: \"<script>alert('x')</script> What's on\"\ndescription: Events at your library.\n"
              f"type: page\ncategory: libraries\n{FRONT}---\nStory time is on Tuesdays.\n"),
}
# Each page in Welsh too, so the Welsh sample council, which publishes both languages, has nothing to warn about.
WELSH_PAGES = {
    path.removesuffix(".md") + ".cy.md": "---\ntitle: Tudalen\ndescription: Disgrifiad.\ntranslation: draft\n"
    + ("start:\n  interaction: report\n  label: Rhoi gwybod\n" if path == DISTRICT_ONLY else "") + "---\nTestun.\n"
    for path in PAGES
}
DISTRICT, COUNTY, UNITARY = "mid-suffolk-district-council", "suffolk-county-council", "wiltshire-council"
WELSH, SCOTTISH = "powys-county-council", "the-highland-council"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The six sample councils' preview of the library, built once for the module."""
    root = tmp_path_factory.mktemp("preview")
    library = shared_source(root / "library", {**PAGES, **WELSH_PAGES})
    out = root / "out"
    return out, main(["library", "build", str(library), "--out", str(out)])


def read(file: Path) -> Element:
    return parse(file.read_text(encoding="utf-8"))


def statuses(out: Path, page: str) -> dict[str, str]:
    """How the page's overview says each council gets it: council name -> the status's first words."""
    table = read(out / "pages" / page.removesuffix(".md") / "index.html").one("table")
    rows = table.find_all("tr")[1:]
    return {row.one("th").text: row.find_all("td")[1].one("strong").text.rstrip(".") for row in rows}


def test_the_overview_says_how_each_sample_council_gets_each_page(preview: tuple[Path, int]) -> None:
    out, code = preview
    assert code == 0
    summary = json.loads((out / "lgsite-preview.json").read_text(encoding="utf-8"))
    assert all(council["built"] and not council["problems"] for council in summary["councils"])
    everyone = {"Mid Suffolk District Council", "Suffolk County Council", "Wiltshire Council",
                "Powys County Council", "The Highland Council", "Cherwell District Council"}
    assert statuses(out, ALL_TIERS) == dict.fromkeys(everyone, "Inherited")
    districts = {"Mid Suffolk District Council", "Cherwell District Council"}
    assert statuses(out, DISTRICT_ONLY) == {name: "Signposted" if name == "Suffolk County Council" else "Inherited"
                                           for name in everyone}
    assert statuses(out, COUNTY_ONLY) == {name: "Signposted" if name in districts else "Inherited"
                                         for name in everyone}
    assert statuses(out, NO_PLACES) == dict.fromkeys(everyone, "Excluded")
    # A page's Welsh version: published by the council that publishes in Welsh, under cy/ with the rest.
    assert statuses(out, "environment-and-waste/recycling.cy.md") == {
        name: "Inherited" if name == "Powys County Council" else "Not in its languages" for name in everyone}
    index = read(out / "index.html")
    links = {row.one("a").text: row.one("a").get("href") for row in index.find_all("tbody")[1].find_all("tr")}
    assert links["Find a library"] == "pages/leisure-and-culture/find-a-library/index.html"
    assert links["What goes in your recycling bin"] == "pages/environment-and-waste/recycling/index.html"


def test_each_sample_council_is_a_built_site_with_the_page(preview: tuple[Path, int]) -> None:
    out, _ = preview
    for slug in (DISTRICT, COUNTY, UNITARY, WELSH, SCOTTISH):
        report = json.loads((out / slug / "lgsite-report.json").read_text(encoding="utf-8"))
        assert report["pages"][ALL_TIERS]["origin"] == "inherited"
        page = read(out / slug / "environment-and-waste" / "recycling" / "index.html")
        assert "Rinse tins and bottles." in page.text
    service = read(out / DISTRICT / "environment-and-waste" / "report-a-missed-bin" / "index.html")
    assert f"https://services.{DISTRICT}.example/524/report" in service.links()  # a stand-in, as a council's own
    signpost = read(out / COUNTY / "environment-and-waste" / "report-a-missed-bin" / "index.html").text
    assert "Your district, borough or city council is responsible for this service" in signpost
    assert not (out / DISTRICT / "environment-and-waste" / "household-waste-recycling-centres").exists()


def test_the_switch_goes_to_each_councils_own_built_page(preview: tuple[Path, int]) -> None:
    out, _ = preview
    folder = out / "pages" / "leisure-and-culture" / "find-a-library"
    switch = read(folder / "index.html").one("nav")
    tabs = {link.text: link.get("href") for link in switch.find_all("a")}
    assert tabs["Suffolk County Council"] == f"{COUNTY}.html"
    assert tabs["All councils side by side"] == "index.html"
    for slug in (DISTRICT, COUNTY, WELSH):
        tab = read(folder / f"{slug}.html")
        assert tab.one("nav").one("a", **{"aria-current": "page"}).get("href") == f"{slug}.html"
        frame = tab.one("iframe").get("src")
        assert frame is not None and frame.startswith(f"../../../{slug}/")
        shown = (folder / frame).resolve()
        assert shown == (out / slug / "leisure-and-culture" / "find-a-library" / "index.html").resolve()
        assert read(shown).one("h1").text == "Find a library"
    district = read(folder / f"{DISTRICT}.html").text
    assert "Signposted." in district and "Suffolk County Council" not in read(out / DISTRICT / "index.html").one("h1").text


def test_the_librarys_titles_are_escaped(preview: tuple[Path, int]) -> None:
    out, _ = preview
    folder = out / "pages" / "leisure-and-culture" / "what's on #1?"
    for file in (out / "index.html", folder / "index.html", folder / f"{UNITARY}.html"):
        text = file.read_text(encoding="utf-8")
        assert "<script>" not in text
        assert "&lt;script&gt;alert(" in text
    page = read(folder / "index.html")
    assert page.one("h1").text == "<script>alert('x')</script> What's on"
    index = read(out / "index.html")
    link = next(a.get("href") for a in index.find_all("a") if a.text.startswith("<script>"))
    assert link == "pages/leisure-and-culture/what%27s%20on%20%231%3F/index.html"  # the name, not a fragment
    frame = read(folder / f"{UNITARY}.html").one("iframe").get("src")
    assert frame == f"../../../{UNITARY}/leisure-and-culture/what%27s%20on%20%231%3F/index.html"
    assert (out / UNITARY / "leisure-and-culture" / "what's on #1?" / "index.html").is_file()


def test_the_overview_pages_are_accessible_in_shape(preview: tuple[Path, int]) -> None:
    out, _ = preview
    for file in (out / "index.html", *sorted((out / "pages").rglob("*.html"))[:4]):
        page = read(file)
        assert page.one("html").get("lang") == "en-GB"
        assert page.one("title").text
        assert len(page.find_all("h1")) == 1 and page.one("main") and page.one("header") and page.one("footer")
        assert all(link.text.strip() for link in page.find_all("a"))
        assert all(frame.get("title") for frame in page.find_all("iframe"))
        assert not any(str(link.get("href")).startswith(("http:", "https:", "//")) for link in page.find_all("a"))


def test_a_page_that_breaks_one_council_fails_the_preview_and_names_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A page that only a district can build: the county's build fails on it, the district's still builds."""
    broken = "environment-and-waste/garden-waste.md"
    shared_source(tmp_path / "library", {
        "index.md": PAGES["index.md"],
        broken: ("---\ntitle: Garden waste\ndescription: Garden waste collections.\ntype: page\n"
                 f"category: rubbish-and-recycling\n{FRONT}---\n"
                 "{{ council.county.name }} takes garden waste to be composted.\n"),
        "linky.md": ("---\ntitle: Compost\ndescription: Compost bins.\ntype: page\ncategory: rubbish-and-recycling\n"
                     f"{FRONT}---\nSee [compost bins](nowhere.md).\n"),
    })
    monkeypatch.chdir(tmp_path)
    code = main(["library", "build", "library", "--out", "out", "--council", "Mid Suffolk", "--council", "Suffolk"])
    printed = capsys.readouterr()
    assert code == 1
    errors = [line for line in printed.err.splitlines() if line.strip().startswith("error: library/pages/")]
    assert errors and all(line.strip().startswith(f"error: library/pages/{broken}:") for line in errors)
    assert "1 of 2 sample councils did not build: Suffolk County Council" in printed.err
    assert (tmp_path / "out" / DISTRICT / "environment-and-waste" / "garden-waste" / "index.html").is_file()
    assert not (tmp_path / "out" / COUNTY).exists()
    overview = read(tmp_path / "out" / "pages" / "environment-and-waste" / "garden-waste" / f"{COUNTY}.html")
    assert "Left out: the page has an error." in overview.text
    assert f"library/pages/{broken}:" in overview.one("ul", **{"class": "problems"}).text
    index = read(tmp_path / "out" / "index.html")
    assert "Not built" in index.text and f"library/pages/{broken}" in index.text
    warned = "warning: library/pages/linky.md:10: links to 'nowhere.md', a page this site does not have."
    assert index.one("details").one("summary").text == "Built, 1 warning"
    assert index.one("details").one("li").text.startswith(warned)  # a built council's warnings are listed too
    district = read(tmp_path / "out" / "pages" / "linky" / f"{DISTRICT}.html")
    assert district.one("ul", **{"class": "problems"}).one("li").text.startswith(warned)


def test_serve_builds_the_preview_then_serves_it_on_this_computer(tmp_path: Path) -> None:
    library = shared_source(tmp_path / "library", {"index.md": PAGES["index.md"], ALL_TIERS: PAGES[ALL_TIERS]})
    server = subprocess.Popen([str(LGSITE), "library", "serve", str(library), "--out", str(tmp_path / "out"),
                               "--port", "0", "--council", "Powys"], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(3)]
        assert lines[0].startswith("Powys County Council (Welsh unitary): built")
        url = lines[2].split(" at ", 1)[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "pages/environment-and-waste/recycling/powys-county-council.html") as tab:
            frame = parse(tab.read().decode("utf-8")).one("iframe").get("src")
        assert frame is not None
        with urllib.request.urlopen(url + frame.replace("../", "")) as page:
            assert "Rinse tins and bottles." in page.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_preview_never_deletes_a_folder_it_did_not_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    library = shared_source(tmp_path / "library", {"index.md": PAGES["index.md"]})
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "minutes.txt").write_text("kept", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["library", "build", "library", "--out", "notes"]) == 1
    assert main(["library", "build", "library", "--out", "library/pages/preview"]) == 1
    assert main(["library", "build", "library", "--out", "library"]) == 1
    assert main(["library", "build", "library", "--out", "notes", "--council", "Nowhereshire"]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        "error: the preview folder notes holds files that lgsite did not write (it has no lgsite-preview.json). "
        "Building the preview would delete them; choose another folder, or empty this one.",
        "error: the preview folder library/pages/preview is inside the library's pages. Every sample council would "
        "publish the preview as pages; give --out a folder outside them, such as .lgsite/preview beside them.",
        "error: the preview folder library is or contains the library's pages. Building the preview would delete "
        "them; give --out a folder of its own.",
        "error: the preview folder notes holds files that lgsite did not write (it has no lgsite-preview.json). "
        "Building the preview would delete them; choose another folder, or empty this one.",
    ]
    assert main(["library", "build", "library", "--out", "new", "--council", "Nowhereshire"]) == 1
    assert capsys.readouterr().err == (
        "error: --council: no council called \"Nowhereshire\" in lgsite's register of UK councils. Give the "
        "council's name as the register writes it, or its GSS code, such as --council E07000203.\n")
    assert (tmp_path / "notes" / "minutes.txt").read_text(encoding="utf-8") == "kept"
    assert main(["library", "build", "library", "--council", "Powys"]) == 0  # beside the pages, built again
    assert main(["library", "build", "library", "--council", "Powys"]) == 0
    assert (library / ".lgsite" / "preview" / "powys-county-council" / "index.html").is_file()
    assert main(["library", "build", "library/pages", "--council", "Powys"]) == 0  # the pages folder itself
    summary = json.loads((library / ".lgsite" / "preview" / "lgsite-preview.json").read_text(encoding="utf-8"))
    assert summary["pages"] == {"index.md": {WELSH: "inherited"}}
