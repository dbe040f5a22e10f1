"""council.yml validation: every mistake is one line with the file, the key and what to do."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from lgsite import colour
from lgsite.errors import LgsiteError
from lgsite.profile import load_profile

from conftest import BASE_PROFILE


def write(tmp_path: Path, data: dict | str) -> Path:
    path = tmp_path / "council.yml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def profile_with(**changes: object) -> dict:
    data = copy.deepcopy(BASE_PROFILE)
    for dotted, value in changes.items():
        keys = dotted.split("__")
        node = data
        for key in keys[:-1]:
            node = node[key]
        if value is None:
            node.pop(keys[-1])
        else:
            node[keys[-1]] = value
    return data


def error_for(tmp_path: Path, data: dict | str) -> str:
    with pytest.raises(LgsiteError) as caught:
        load_profile(write(tmp_path, data))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("council.yml")
    return message


def test_valid_profile_loads(tmp_path: Path) -> None:
    profile = load_profile(write(tmp_path, BASE_PROFILE))
    assert profile.name == "Testbury District Council"
    assert profile.county and profile.county.name == "Exampleshire County Council"
    assert profile.links[524]["report"] == "https://forms.testbury.example/missed-bin"
    assert profile.variables()["contact"]["phone"] == "01632 960 111"


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, "name: Testbury\ntier: district\ncontact:\n  phone: [01632\n")
    assert message.startswith("council.yml:4: YAML syntax error") or message.startswith("council.yml:5: YAML syntax error")


def test_missing_name(tmp_path: Path) -> None:
    message = error_for(tmp_path, profile_with(name=None))
    assert message == "council.yml:1: council.yml needs 'name'. Add it, for example name: Anytown District Council."


def test_unknown_tier_lists_the_tiers(tmp_path: Path) -> None:
    message = error_for(tmp_path, profile_with(tier="distrcit"))
    assert "council.yml:2:" in message
    assert "'tier' must be one of district," in message and "london-borough, not 'distrcit'" in message
    assert "Did you mean district?" in message


def test_bad_colour(tmp_path: Path) -> None:
    message = error_for(tmp_path, profile_with(brand__colour="blue"))
    assert "brand.colour 'blue' is not a hex colour" in message


def test_low_contrast_colour_suggests_a_darker_shade(tmp_path: Path) -> None:
    message = error_for(tmp_path, profile_with(brand__colour="#7fb3ff"))
    assert "brand.colour '#7fb3ff'" in message
    assert "contrast ratio of 2.14:1" in message
    suggestion = message.split("such as '")[1].split("'")[0]
    assert colour.contrast(suggestion, "#ffffff") >= 4.5
    assert suggestion != "#000000"


def test_district_without_county(tmp_path: Path) -> None:
    message = error_for(tmp_path, profile_with(county=None))
    assert message.startswith("council.yml:2: a district council needs 'county'")
    assert "Add county: with name: and url:" in message


def test_county_needs_no_county(tmp_path: Path) -> None:
    profile = load_profile(write(tmp_path, profile_with(tier="county", county=None)))
    assert profile.county is None


def test_welsh_councils_are_unitary(tmp_path: Path) -> None:
    message = error_for(tmp_path, profile_with(country="wales"))
    assert "is unitary" in message


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    data = profile_with()
    data["contcat"] = {"phone": "1"}
    message = error_for(tmp_path, data)
    assert "unknown key 'contcat'" in message and "Did you mean contact?" in message


def test_link_must_be_a_web_address(tmp_path: Path) -> None:
    message = error_for(tmp_path, profile_with(links={524: {"report": "forms/missed"}}))
    assert "'links.524.report' must be a full web address starting https:// or one of none, not 'forms/missed'" in message


def test_contrast_maths_matches_wcag() -> None:
    assert round(colour.contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(colour.contrast("#767676", "#ffffff"), 2) == 4.54
