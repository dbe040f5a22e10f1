"""`lgsite new`: a council's project from the register of UK councils, that builds at once.

The four councils of NEW_COUNCILS (a district, a county, a unitary and a Welsh
council) are made and built once a session by the `new_councils` fixture; the
browser gates check the same four sites (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import LGSITE, NEW_COUNCILS, NewCouncil, one_error_line
from lgsite.council_register import find_council, load_register
from lgsite.errors import LgsiteError
from lgsite.new_council import PLACEHOLDER_MARK

KINDS = list(NEW_COUNCILS)


def new(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LGSITE), "new", *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def council_yml(council: NewCouncil) -> dict:
    return yaml.safe_load((council.root / "council.yml").read_text(encoding="utf-8"))


def copy_of(council: NewCouncil, tmp_path: Path) -> Path:
    """A copy of the made project without its site, to change without touching the session's."""
    root = tmp_path / council.root.name
    shutil.copytree(council.root, root, ignore=shutil.ignore_patterns("site"))
    return root


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LGSITE), "build", str(root), *args], capture_output=True, text=True, timeout=600)


def fill_in_links(root: Path) -> int:
    """What a council does with the links: un-comment every one and give its address. How many."""
    text = (root / "council.yml").read_text(encoding="utf-8")
    head, links = text.split("\nlinks:\n")
    lines = [re.sub(r"^(\s*)# ", r"\1", line) for line in links.splitlines()]
    filled = "\n".join(line.replace(": TODO", ": https://forms.example/service") for line in lines)
    (root / "council.yml").write_text(f"{head}\nlinks:\n{filled}\n", encoding="utf-8")
    return filled.count("https://forms.example/service")


# --- the register -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "name"), [
    ("Mid Suffolk", "Mid Suffolk District Council"),
    ("mid suffolk district council", "Mid Suffolk District Council"),
    ("E07000203", "Mid Suffolk District Council"),
    ("Suffolk", "Suffolk County Council"),  # the county itself, not the districts with Suffolk in their names
    ("Telford and Wrekin", "Telford & Wrekin Council"),
    ("City of London", "City of London Corporation"),
    ("Isle of Wight", "Isle of Wight Council"),
])
def test_a_council_is_found_by_the_name_people_use(query: str, name: str) -> None:
    assert find_council(query).name == name


def test_the_register_gives_each_council_its_tier_country_and_county() -> None:
    councils = {council.name: council for council in load_register()}
    assert len(councils) == 382
    assert councils["Mid Suffolk District Council"].county == "Suffolk County Council"
    assert councils["Birmingham City Council"].tier == "metropolitan"
    assert councils["London Borough of Camden"].tier == "london-borough"
    assert councils["Powys County Council"].country == "wales"
    for council in councils.values():
        assert council.website.startswith("https://"), council
        assert (council.tier == "district") == bool(council.county), council
        if council.county:
            assert councils[council.county].tier == "county", council


# --- a new council builds at once ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_council_builds_at_once_and_only_its_links_are_missing(
        kind: str, new_councils: dict[str, NewCouncil]) -> None:
    """Every warning of the first build is a Start button's missing link, and council.yml lists each as a
    commented placeholder: the count the build warns about is the count lgsite new wrote (and said)."""
    council = new_councils[kind]
    warnings = [line for line in council.built.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings, "a new council has no links yet, so the build should warn about them"
    assert all("needs the council's link for LGSL" in line for line in warnings), "\n".join(warnings)
    todo = (council.root / "council.yml").read_text(encoding="utf-8").count(": TODO")
    assert len(warnings) == todo
    assert f"give its {todo} links" in council.made.stdout
    home = (council.site / "index.html").read_text(encoding="utf-8")
    assert find_council(NEW_COUNCILS[kind]).name in home


@pytest.mark.parametrize("kind", KINDS)
def test_with_its_links_filled_in_a_new_council_builds_strict(
        kind: str, new_councils: dict[str, NewCouncil], tmp_path: Path) -> None:
    """The commented links are valid YAML once un-commented, and they are every link the site needs."""
    root = copy_of(new_councils[kind], tmp_path)
    assert build(root, "--strict").returncode == 1
    assert fill_in_links(root) > 0
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_new_council_leaves_out_its_empty_directories_until_its_readme_example_adds_a_place(
        new_councils: dict[str, NewCouncil], tmp_path: Path) -> None:
    """A shared directory with no places would tell residents there are none: council.yml leaves each out,
    and the project README's own example place, added as it says, brings the directory back."""
    root = copy_of(new_councils["unitary"], tmp_path)
    excluded = council_yml(new_councils["unitary"])["exclude"]
    assert sorted(excluded) == ["environment-and-waste/household-waste-recycling-centres.md",
                                "leisure-and-culture/find-a-library.md"]
    assert not (new_councils["unitary"].site / "leisure-and-culture/find-a-library").exists()
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Add places to a directory", 1)[1]
    example = section.split("```markdown\n", 1)[1].split("```", 1)[0]
    place = root / "docs/leisure-and-culture/find-a-library/central-library.md"
    assert "docs/leisure-and-culture/find-a-library/central-library.md" in section
    place.parent.mkdir(parents=True)
    place.write_text(example, encoding="utf-8")
    text = (root / "council.yml").read_text(encoding="utf-8")
    (root / "council.yml").write_text(text.replace("  - leisure-and-culture/find-a-library.md\n", ""), encoding="utf-8")
    fill_in_links(root)
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    library = (root / "site/leisure-and-culture/find-a-library/index.html").read_text(encoding="utf-8")
    assert "Central Library" in library


def test_council_yml_is_filled_in_from_the_register(new_councils: dict[str, NewCouncil]) -> None:
    district = council_yml(new_councils["district"])
    assert district["name"] == "Mid Suffolk District Council"
    assert (district["tier"], district["country"]) == ("district", "england")
    assert district["url"] == "https://www.midsuffolk.gov.uk/"
    assert district["county"] == {"name": "Suffolk County Council", "url": "https://www.suffolk.gov.uk/"}
    county = council_yml(new_councils["county"])
    assert (county["tier"], "county" in county) == ("county", False)
    assert council_yml(new_councils["unitary"])["tier"] == "unitary"
    welsh = council_yml(new_councils["welsh"])
    assert (welsh["name"], welsh["tier"], welsh["country"]) == ("Powys County Council", "unitary", "wales")
    text = (new_councils["district"].root / "council.yml").read_text(encoding="utf-8")
    marked = [line.split(":")[0].strip() for line in text.splitlines() if line.endswith(PLACEHOLDER_MARK)]
    assert marked == ["phone", "email", "address"]
    mkdocs = yaml.safe_load((new_councils["district"].root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert mkdocs["site_name"] == "Mid Suffolk District Council"
    # Published by the GitHub workflow it writes, to a host that sets no headers: pages carry their policy.
    assert {"lgsite": {"host": "github-pages"}} in mkdocs["plugins"]
    home = (new_councils["district"].site / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in home
    assert mkdocs["theme"] == {"name": "council"} and mkdocs["plugins"][1:] == ["search"]


def test_a_district_signposts_its_own_county(new_councils: dict[str, NewCouncil]) -> None:
    """The county from the register is where the district's site sends residents for county services."""
    library = (new_councils["district"].site / "leisure-and-culture" / "find-a-library" / "index.html")
    text = library.read_text(encoding="utf-8")
    assert "Suffolk County Council" in text and "https://www.suffolk.gov.uk/" in text


def test_gitignore_keeps_built_and_cached_files_out(new_councils: dict[str, NewCouncil]) -> None:
    ignored = (new_councils["district"].root / ".gitignore").read_text(encoding="utf-8").split()
    assert {"site/", "public/", ".lgsite/", ".venv/"} <= set(ignored)


def test_the_guide_s_example_override_builds(new_councils: dict[str, NewCouncil], tmp_path: Path) -> None:
    """README.md's section override, saved where it says, changes that section and keeps the others."""
    root = copy_of(new_councils["district"], tmp_path)
    guide = (root / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```markdown\n(.*?)```", guide, re.S)
    path = re.search(r"Save that as `(docs/[^`]+)`", guide)
    assert example and path
    (root / path[1]).parent.mkdir(parents=True)
    (root / path[1]).write_text(example[1], encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (root / "site" / "environment-and-waste" / "report-a-missed-bin" / "index.html").read_text()
    assert "Wait until 6pm on your collection day" in page
    assert "Why we may not have emptied your bin" in page


def test_it_works_offline(tmp_path: Path) -> None:
    """With no network at all (a new network namespace), lgsite new writes the project and it builds."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode:
        pytest.skip("cannot run without a network here: unshare -n is not allowed")
    made = subprocess.run(["unshare", "-n", str(LGSITE), "new", "Powys", "powys"], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    built = subprocess.run(["unshare", "-n", str(LGSITE), "build", "powys"], capture_output=True, text=True,
                           timeout=600, cwd=tmp_path)
    assert built.returncode == 0, built.stderr[-3000:]
    assert "Powys County Council" in (tmp_path / "powys" / "site" / "index.html").read_text(encoding="utf-8")


# --- the CI workflows ---------------------------------------------------------------------------------------------


def steps_running(workflow: dict, job: str) -> list[str]:
    return [step.get("run", "") for step in workflow["jobs"][job]["steps"]]


def test_github_workflows_check_pull_requests_and_publish_main(new_councils: dict[str, NewCouncil]) -> None:
    workflows = new_councils["district"].root / ".github" / "workflows"
    check = yaml.safe_load((workflows / "check.yml").read_text(encoding="utf-8"))
    assert set(check["on"]) == {"pull_request"}
    runs = steps_running(check, "check")
    assert "pip install -r requirements.txt" in runs and "lgsite build --strict" in runs
    assert runs.index("pip install -r requirements.txt") < runs.index("lgsite build --strict")

    publish = yaml.safe_load((workflows / "publish.yml").read_text(encoding="utf-8"))
    assert publish["on"]["push"]["branches"] == ["main"]
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build_steps = publish["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in build_steps]
    assert "lgsite build --strict" in steps_running(publish, "build")
    upload = build_steps[uses.index("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "site"  # where lgsite build writes the site
    deploy = publish["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_gitlab_ci_checks_merge_requests_and_publishes_pages(new_councils: dict[str, NewCouncil]) -> None:
    ci = yaml.safe_load((new_councils["district"].root / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "pip install -r requirements.txt" in ci["default"]["before_script"]
    assert ci["check"]["script"] == ["lgsite build --strict"]
    assert ci["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert ci["pages"]["script"] == ["lgsite build --strict --site-dir public"]
    assert ci["pages"]["artifacts"]["paths"] == ["public"]  # GitLab Pages publishes public/
    assert ci["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def test_ci_fails_while_a_stand_in_is_left(new_councils: dict[str, NewCouncil], tmp_path: Path) -> None:
    """The placeholder step of each workflow, run as CI runs it: it fails until every marked value is replaced."""
    root = copy_of(new_councils["district"], tmp_path)
    check = yaml.safe_load((root / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    github = next(run for run in steps_running(check, "check") if PLACEHOLDER_MARK in run)
    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    gitlab_step = next(line for line in gitlab["default"]["before_script"] if PLACEHOLDER_MARK in line)
    for script in (github, gitlab_step):
        assert subprocess.run(["bash", "-e", "-c", script], cwd=root, capture_output=True).returncode == 1
    text = (root / "council.yml").read_text(encoding="utf-8")
    (root / "council.yml").write_text(text.replace(f"  {PLACEHOLDER_MARK}", ""), encoding="utf-8")
    for script in (github, gitlab_step):
        assert subprocess.run(["bash", "-e", "-c", script], cwd=root, capture_output=True).returncode == 0


def test_requirements_name_lgsite_for_ci_to_install(new_councils: dict[str, NewCouncil]) -> None:
    lines = (new_councils["district"].root / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == [
        "lgsite @ git+https://github.com/REPLACE-WITH-LGSITE-OWNER/lgsite.git@v0.1.0"]


# --- bad input ----------------------------------------------------------------------------------------------------


def test_a_folder_that_is_not_empty_is_left_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "site-repo"
    folder.mkdir()
    (folder / "notes.md").write_text("ours", encoding="utf-8")
    line = one_error_line(new("Mid Suffolk", "site-repo", cwd=tmp_path))
    assert line == ("error: site-repo: is not empty, so lgsite new left it as it was. "
                    "Give lgsite new the name of a new or empty folder.")
    assert [entry.name for entry in folder.iterdir()] == ["notes.md"]
    assert (folder / "notes.md").read_text(encoding="utf-8") == "ours"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["site-repo"]  # no half-made project beside it


def test_an_empty_folder_or_a_fresh_clone_is_used(tmp_path: Path) -> None:
    (tmp_path / "clone" / ".git").mkdir(parents=True)
    (tmp_path / "clone" / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    assert new("Powys", "clone", cwd=tmp_path).returncode == 0
    assert (tmp_path / "clone" / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (tmp_path / "clone" / "council.yml").is_file()


def test_without_a_folder_it_is_named_after_the_council(tmp_path: Path) -> None:
    made = new("E07000203", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "mid-suffolk-district-council" / "mkdocs.yml").is_file()
    assert made.stdout.startswith("Made mid-suffolk-district-council for Mid Suffolk District Council (district")


def test_an_unknown_name_gets_the_nearest_names(tmp_path: Path) -> None:
    line = one_error_line(new("Mid Sufolk", "x", cwd=tmp_path))
    assert line == ('error: no council called "Mid Sufolk" in lgsite\'s register of UK councils; the nearest name '
                    "is Mid Suffolk District Council. Run lgsite new again with the name as it is written here.")
    assert not any(tmp_path.iterdir())


def test_a_name_with_no_near_match_says_what_to_give(tmp_path: Path) -> None:
    line = one_error_line(new("Gotham", cwd=tmp_path))
    assert "no council called \"Gotham\"" in line and "GSS code" in line


def test_an_ambiguous_name_lists_the_councils_it_could_be(tmp_path: Path) -> None:
    line = one_error_line(new("Antrim", cwd=tmp_path))
    assert line == ('error: "Antrim" could be any of 2 councils: Antrim and Newtownabbey Borough Council or '
                    "Mid and East Antrim Borough Council. Run lgsite new again with the full name of yours.")
    assert not any(tmp_path.iterdir())


def test_a_long_list_of_candidates_is_cut_short() -> None:
    with pytest.raises(LgsiteError, match=r"could be any of 29 councils: .* and 23 more\."):
        find_council("London")
