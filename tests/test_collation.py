"""Alphabetical order per language: Welsh digraphs are single letters with their own places and headings."""

from __future__ import annotations

import pytest

from lgsite.collation import OTHER_LETTER, filing_key, first_letter, headings, sort_key
from lgsite.rules import slugify

# One word for each Welsh letter that gives trouble, with the word just before it in Welsh order:
# each digraph comes after every word of its first letter, and "lôn" before "llyfrgell".
WELSH_IN_ORDER = [
    "20 mya",
    "cyngor", "cymraeg", "chwaraeon",
    "dysgu", "ddoe",
    "fan", "ffordd",
    "gwastraff", "ngolwg",
    "hafan",
    "lôn", "lori", "llyfrgell",
    "pysgod", "pharmacy",
    "rygbi", "rhif",
    "tŷ", "tywydd", "theatr",
    "ŵyr", "wyth",
]


def test_welsh_digraphs_sort_after_every_word_of_their_first_letter() -> None:
    shuffled = sorted(WELSH_IN_ORDER)  # English order: ch among the c..., ll among the l...
    assert shuffled != WELSH_IN_ORDER
    assert sorted(shuffled, key=lambda word: sort_key(word, "cy")) == WELSH_IN_ORDER


@pytest.mark.parametrize(("word", "letter"), [
    ("Chwaraeon", "Ch"), ("ddoe", "Dd"), ("Ffyrdd", "Ff"), ("Ngolwg", "Ng"), ("Llyfrgelloedd", "Ll"),
    ("Pharmacy", "Ph"), ("Rhentu", "Rh"), ("Theatr", "Th"),
    ("Cyngor", "C"), ("Dysgu", "D"), ("Lôn", "L"), ("Ŵyr", "W"), ("Ysgolion", "Y"), ("Kiosg", "K"),
    ("Yr Iaith Gymraeg", "I"),  # a leading article is not filed on, as "The" in English
    ("Y", "Y"),  # nothing after it: filed as it is
    ("3 Rhagfyr", OTHER_LETTER),
])
def test_the_welsh_a_to_z_files_a_word_under_its_first_welsh_letter(word: str, letter: str) -> None:
    assert first_letter(word, "cy") == letter


def test_english_keeps_its_letters_and_order() -> None:
    assert [first_letter(word) for word in ("Chess club", "Llama farm", "The theatre", "école")] == ["C", "L", "T", "E"]
    words = ["Lottery", "llama farm", "Chess club", "cycling", "Theatre"]
    assert sorted(words, key=sort_key) == ["Chess club", "cycling", "llama farm", "Lottery", "Theatre"]
    assert filing_key("The theatre") == "theatre"


def test_accents_and_case_sort_with_the_base_letter() -> None:
    assert sort_key("Tŷ", "cy") == sort_key("ty", "cy")
    assert sort_key("ŵyr", "cy") == sort_key("WYR", "cy")
    # word by word, as an index reads: a space comes before any letter
    assert sorted(["Biniau", "Bin sbwriel"], key=lambda word: sort_key(word, "cy")) == ["Bin sbwriel", "Biniau"]


def test_the_welsh_letters_row_has_every_welsh_letter_in_order() -> None:
    assert headings("cy", []) == ["A", "B", "C", "Ch", "D", "Dd", "E", "F", "Ff", "G", "Ng", "H", "I", "J", "L",
                                  "Ll", "M", "N", "O", "P", "Ph", "R", "Rh", "S", "T", "Th", "U", "W", "Y"]
    # a loanword letter a title starts with gets its place, and "#" goes first
    assert headings("cy", ["K", OTHER_LETTER])[:1] == [OTHER_LETTER]
    assert headings("cy", ["K"])[13:16] == ["J", "K", "L"]
    assert len(headings("en", [])) == 26


def test_a_welsh_facet_value_keeps_its_letters_in_its_web_address() -> None:
    # a directory's filter pages are named from the values: the circumflex goes, the letter stays
    assert slugify("Tŷ bach") == "ty-bach" and slugify("Caffi â Wi-Fi") == "caffi-a-wi-fi"
    assert slugify("Garden waste") == "garden-waste"
