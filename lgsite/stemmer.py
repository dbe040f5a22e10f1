"""English word forms for search: "collected", "collecting" and "collection" all become "collect".

The search index is written here at build time and read by the search page in the
browser, which must reduce a resident's words to the same forms: this is the Porter
stemming algorithm (M. F. Porter, 1980), and `themes/council/assets/javascripts/search.js`
carries the same rules, step for step. A test runs both over the example council's
words and requires them to agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

VOWELS = "aeiou"

# The three tables of suffixes: (suffix, replacement). In each step the first suffix the word ends
# with is the only one tried, whether or not its condition holds, as the algorithm says.
STEP2 = (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
    ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
    ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
    ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
)
STEP3 = (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""))
STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
         "ism", "ate", "iti", "ous", "ive", "ize")

# Words too common to tell pages apart. Left out of the index and of queries, so that
# "bin not collected" looks for "bin" and "collect".
STOP_WORDS = frozenset(
    "a about am an and any are as at be been by can do does for from get has have how i if im in is it its "
    "many me much my near need not of on or our please should so the their there this to us want was we "
    "what when where which who why will with would you your".split()
)
LONGEST_WORD = 30  # longer runs of letters are codes or junk from converted content, not words
_WORD = re.compile(r"[a-z0-9]+")
_COMPOUND = re.compile(r"\b([a-z]+)-([a-z]+)\b")


def words(text: str) -> list[str]:
    """The words of `text` as search compares them: lower case, accents and apostrophes dropped."""
    plain = text.lower().replace("'", "").replace("\u2019", "")
    if not plain.isascii():  # most text is: only the rest is taken apart to drop accents
        plain = "".join(char for char in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(char))
    return [word for word in _WORD.findall(plain) if len(word) <= LONGEST_WORD]


def terms(text: str) -> list[str]:
    """The stems of `text`'s words that are not stop words, in order."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def compounds(text: str, stem_with: Callable[[str], str] | None = None) -> tuple[list[str], str]:
    """The stems of `text`'s hyphenated words written as one ("fly-tipping" -> "flytip"), which residents
    type too, and `text` without them: a compound is one word, whose parts ("tip") mean something else.
    (`stem_with` is for a language Porter's rules are not for.)"""
    found = _COMPOUND.findall(text.lower())
    joined = [(stem_with or stem)(first + second) for first, second in found if len(first + second) <= LONGEST_WORD]
    return joined, _COMPOUND.sub(" ", text.lower())


def _consonant(word: str, i: int) -> bool:
    char = word[i]
    if char in VOWELS:
        return False
    if char == "y":
        return i == 0 or not _consonant(word, i - 1)
    return True


def _measure(stem_: str) -> int:
    """m in [C](VC)^m[V]: the number of vowel-consonant runs."""
    count, previous_vowel = 0, False
    for i in range(len(stem_)):
        consonant = _consonant(stem_, i)
        if consonant and previous_vowel:
            count += 1
        previous_vowel = not consonant
    return count


def _has_vowel(stem_: str) -> bool:
    return any(not _consonant(stem_, i) for i in range(len(stem_)))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant, the last not w, x or y (as in "hop", not "snow")."""
    n = len(word)
    return (n >= 3 and _consonant(word, n - 3) and not _consonant(word, n - 2) and _consonant(word, n - 1)
            and word[-1] not in "wxy")


def _replace(word: str, table: tuple[tuple[str, str], ...], least: int) -> str:
    for suffix, replacement in table:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            return base + replacement if _measure(base) > least else word
    return word


def _step1(word: str) -> str:
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = word[: -len(suffix)]
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                elif _double_consonant(word) and word[-1] not in "lsz":
                    word = word[:-1]
                elif _measure(word) == 1 and _cvc(word):
                    word += "e"
                break
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    return word


def _step4(word: str) -> str:
    for suffix in STEP4:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if suffix == "ion" and not base.endswith(("s", "t")):
                return word
            return base if _measure(base) > 1 else word
    return word


def _step5(word: str) -> str:
    if word.endswith("e"):
        base = word[:-1]
        if _measure(base) > 1 or (_measure(base) == 1 and not _cvc(base)):
            word = base
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


@functools.lru_cache(maxsize=200_000)  # a site uses a few thousand words, each thousands of times
def stem(word: str) -> str:
    """The Porter stem of one lower-case word."""
    if len(word) <= 2 or not word.isalpha():
        return word
    word = _step1(word)
    word = _replace(word, STEP2, 0)
    word = _replace(word, STEP3, 0)
    return _step5(_step4(word))
