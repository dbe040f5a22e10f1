"""Alphabetical order per language: how listings sort titles and which letter the A to Z files them under.

English sorts letter by letter, as it always has. Welsh has its own alphabet, in
which eight pairs of letters are single letters with their own place:

    a b c ch d dd e f ff g ng h i j l ll m n o p ph r rh s t th u w y

so "llyfrgell" comes after every "l..." word ("lôn"), "chwaraeon" after every
"c..." word, and the A to Z has headings Ch, Dd, Ll, Ng, Ph, Rh and Th. Letters that
only loanwords use (k, q, v, x, z) keep their English places (k after j, v after u...),
which is where Welsh dictionaries that include them put them.

Two choices, made so that any resident can predict where a title is filed:

- "ng" is one letter wherever it appears. In some words it is n then g (Bangor,
  Llangollen), but only a dictionary can tell which, and a title filed by a rule a
  resident cannot see is lost; so "Bangor" comes before "Banc", as ng comes before n.
- A title's leading article is not filed on, as libraries file titles: "The" in
  English, "Y" and "Yr" in Welsh ("Yr Iaith Gymraeg" is under I).

Case and accents are ignored in both (â, ŵ and ŷ sort with a, w and y); a title that
starts with a digit or a symbol is under "#", before the letters.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable

OTHER_LETTER = "#"  # the A to Z heading for titles that start with a digit or a symbol
ENGLISH_ALPHABET = tuple(string.ascii_lowercase)
WELSH_ALPHABET = ("a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "l", "ll", "m", "n",
                  "o", "p", "ph", "r", "rh", "s", "t", "th", "u", "w", "y")
_WELSH_LOANWORD_LETTERS = {"k": "j", "q": "p", "v": "u", "x": "w", "z": "y"}  # each with the letter it follows
ARTICLES = {"en": ("the",), "cy": ("yr", "y")}


def _with_loanword_letters() -> dict[str, int]:
    letters = list(WELSH_ALPHABET)
    for letter, after in _WELSH_LOANWORD_LETTERS.items():
        letters.insert(letters.index(after) + 1, letter)
    return {letter: rank for rank, letter in enumerate(letters)}


WELSH_ORDER = _with_loanword_letters()
ENGLISH_ORDER = {letter: rank for rank, letter in enumerate(ENGLISH_ALPHABET)}


# The longest letter first, so "ll" is read as one letter, not two: every digraph is two characters.
_WELSH_LETTER = re.compile("|".join(letter for letter in WELSH_ALPHABET if len(letter) == 2) + "|.", re.DOTALL)


def fold(text: str) -> str:
    """Case and accents dropped (ŵ is w), and what ASCII has no form of; a text that is only that is kept."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold() or text.casefold()


def filing_text(label: str, lang: str = "en") -> str:
    """The words the A to Z files a label on: folded, and without a leading article (a label that is
    only an article is filed as it is)."""
    words = label.strip()
    first, _, rest = words.partition(" ")
    if first.casefold() in ARTICLES.get(lang, ()) and rest.strip():
        words = rest.strip()
    return fold(words)


def letters(text: str, lang: str = "en") -> list[str]:
    """The letters of a folded text as its language counts them ("llan" is ll, a, n in Welsh)."""
    return _WELSH_LETTER.findall(text) if lang == "cy" else list(text)


def _welsh_key(text: str) -> tuple[tuple[int, int], ...]:
    # Spaces, digits and symbols come before any letter, so "Bin day" comes before "Binding",
    # as an index reads word by word; English gets that from the characters' own order.
    return tuple((1, WELSH_ORDER[letter]) if letter in WELSH_ORDER else (0, ord(letter[0]))
                 for letter in letters(text, "cy"))


def sort_key(title: str, lang: str = "en") -> str | tuple[tuple[int, int], ...]:
    """What a listing sorts titles by in `lang`. English lists sort as they always have, by the title in
    lower case."""
    return _welsh_key(fold(title)) if lang == "cy" else title.lower()


def filing_key(label: str, lang: str = "en") -> str | tuple[tuple[int, int], ...]:
    """What the A to Z sorts labels by in `lang`: their filing text, letter by letter."""
    text = filing_text(label, lang)
    return _welsh_key(text) if lang == "cy" else text


def first_letter(label: str, lang: str = "en") -> str:
    """The A to Z heading a label is filed under: its first letter as a capital ("Ll"), or "#"."""
    found = letters(filing_text(label, lang), lang)
    if not found or found[0] not in alphabet_order(lang):
        return OTHER_LETTER
    return found[0].capitalize()


def alphabet_order(lang: str) -> dict[str, int]:
    """Each letter of `lang` (lower case) with its place."""
    return WELSH_ORDER if lang == "cy" else ENGLISH_ORDER


def heading_place(heading: str, lang: str) -> tuple[int, int]:
    """Where an A to Z heading goes: "#" first, then the letters in `lang`'s order."""
    return (0, 0) if heading == OTHER_LETTER else (1, alphabet_order(lang)[heading.lower()])


def headings(lang: str, used: Iterable[str]) -> list[str]:
    """The A to Z's row of letters: "#" if any title is filed there, then every letter of the alphabet,
    and any other letter a title starts with (a Welsh "Kiosg"), in alphabetical order."""
    alphabet = WELSH_ALPHABET if lang == "cy" else ENGLISH_ALPHABET
    shown = {letter.capitalize() for letter in alphabet} | set(used)
    return sorted(shown, key=lambda heading: heading_place(heading, lang))
