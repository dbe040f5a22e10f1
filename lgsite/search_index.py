"""The site search index: the full text of every published page, cut into files a search fetches a few of.

MkDocs' search plugin writes one index of every page's text; a resident's first
search would download all of it (over 600 KB gzipped for 2,000 pages). lgsite reads
that index after the build and writes, under `search/`:

    search_index.json   what every search needs first: the page count, the letters words
                        start with, and the synonyms (the search page reads them in queries too)
    v/<c>.json          the words (stems) that start with the character c, with how many
                        pages use each, and the words as pages write them with their stems:
                        a search finds its words, and close misspellings, here
    t/<stem>.json       the pages that use one word, each with a score for where it is
                        (title, keywords and synonyms, headings and description, body)
    p/<n>.json          one page's address, title, description and text, for showing a result

so a search fetches one word list a letter, one file a word and one file a result
shown. Each language of the site has its own index, of its own pages: the first
language published at the root of the site (English, usually) in `search/`, any
other under its own prefix there (Welsh pages, under `cy/`, in `search/cy/`), so a Welsh
search finds Welsh pages. English words are Porter stems (`stemmer.py`), which the
search page computes the same way; Porter's rules are English, so Welsh words are
only folded (case and accents: "Ŵyr" is found by "wyr"), and the manifest tells the
search page which, with the language's stop words. Pages marked `search: {exclude: true}` are left out, as are the A to Z and
the sitemap (each repeats every title, so they would answer every search); pages the
site does not publish (excluded, expired) are not in MkDocs' index to begin with.
Synonyms (`content-model/synonyms.yml`, `synonyms.cy.yml` for Welsh, and council.yml's
`synonyms:`) add a group's other words to a page whose title, keywords or description
uses one of them.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import stemmer
from .errors import LgsiteError
from .generate.indexes import A_TO_Z, SITEMAP
from .site import Site
from .urls import page_url
from .yamlfile import load_yaml_file

VERSION = 2
# A word's score on a page, by where the page uses it. Title beats keywords and synonyms,
# which beat headings and the description, which beat the body, whatever the body's count.
TITLE, KEYWORD, HEADING, BODY = 60, 40, 20, 1
BODY_MOST = 10  # more uses of a word in the body add nothing
TEXT_MOST = 20_000  # characters of a page's text kept for snippets and phrase checks
SYNONYMS_FILE = "synonyms.yml"  # English; another language's is synonyms.<code>.yml
SEARCH_FOLDER = "search/"
ENGLISH_ONLY = {"en": ""}  # language code -> where its pages are published, for a site in English alone
PORTER, UNSTEMMED = "porter", "none"
# Welsh words too common to tell pages apart (articles, prepositions, pronouns, question words),
# as "y", "ar" or "sut"; "i'r" and "o'r" lose their apostrophe as every word does.
WELSH_STOP_WORDS = frozenset(
    "a ac ag am ar at beth ble bod chi dy ei eich ein eu fy gan gyda hefyd i ir mae na nad neu ni o oes or os "
    "pa pam pan pwy sut sy sydd wedi y yma yn yr yw ydy".split()
)


@dataclass(frozen=True)
class Wording:
    """How search reads one language's words: reduced to stems or only folded, and which words to leave out."""

    stemmer: str  # PORTER or UNSTEMMED: the search page reduces a query's words the same way
    stop_words: frozenset[str]

    def stem(self, word: str) -> str:
        return stemmer.stem(word) if self.stemmer == PORTER else word

    def terms(self, text: str) -> list[str]:
        """The stems of `text`'s words that are not stop words, in order."""
        return [self.stem(word) for word in stemmer.words(text) if word not in self.stop_words]

    def compounds(self, text: str) -> tuple[list[str], str]:
        return stemmer.compounds(text, self.stem)

    @cached_property
    def stop_stems(self) -> frozenset[str]:
        return frozenset(self.stem(word) for word in self.stop_words)


WORDING = {"en": Wording(PORTER, stemmer.STOP_WORDS), "cy": Wording(UNSTEMMED, WELSH_STOP_WORDS)}


@dataclass
class Language:
    """One language's index: its pages are those published under `prefix` ("" for the root of the site)."""

    code: str
    prefix: str
    synonyms: list[list[str]] = field(default_factory=list)

    @property
    def wording(self) -> Wording:
        return WORDING[self.code]


@dataclass
class Document:
    """One page as search sees it."""

    url: str
    title: str
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    text: str = ""
    boost: float = 1.0


def index_url(prefix: str) -> str:
    """Where the index of the language published under `prefix` is (root-relative): search/ for the
    language at the root of the site, where MkDocs writes its index, search/cy/ for the one under cy/.
    (A Jinja global: the search page's script is told where to read, from the page's `lang_home`.)"""
    return SEARCH_FOLDER + prefix


def _terms(text: str, wording: Wording) -> list[str]:
    """The stems a page's text is found by: its words, and its hyphenated words written as one."""
    joined, _ = wording.compounds(text)
    return wording.terms(text) + joined


def _sequence(text: str, wording: Wording) -> list[str]:
    """Every word of `text` as its stem, stop words too, for finding synonym phrases such as "not collected"."""
    return [wording.stem(word) for word in stemmer.words(text)]


@dataclass
class Synonyms:
    """Groups of phrases for the same thing, each phrase as the stems of all its words, found in a
    page's text through their first stems (a page is checked against every group at once)."""

    groups: list[list[list[str]]]
    stop_stems: frozenset[str] = frozenset()  # left out of what a group adds to a page
    starting: dict[str, list[tuple[int, list[str]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for number, group in enumerate(self.groups):
            for phrase in group:
                self.starting.setdefault(phrase[0], []).append((number, phrase))

    def found_in(self, sequences: list[list[str]]) -> set[int]:
        """The groups with a phrase that appears word after word in one of `sequences`."""
        found: set[int] = set()
        for stems in sequences:
            for i, first in enumerate(stems):
                for number, phrase in self.starting.get(first, ()):
                    if stems[i:i + len(phrase)] == phrase:
                        found.add(number)
        return found

    def words(self, number: int) -> list[str]:
        """The stems a group adds to a page that uses one of its phrases."""
        return [stem for phrase in self.groups[number] for stem in phrase if stem not in self.stop_stems]


def scores(doc: Document, synonyms: Synonyms, wording: Wording) -> dict[str, int]:
    """Each stem of the page with its score: the best place it appears, plus a little for how often
    the body uses it unless the title does; a short title scores higher, since it says less else."""
    joined, rest = wording.compounds(doc.title)
    title = wording.terms(rest) + joined  # the parts of a compound in the title count as a heading's words
    keywords = [stem for keyword in doc.keywords for stem in _terms(keyword, wording)]
    headings = [stem for heading in doc.headings for stem in _terms(heading, wording)]
    headings += _terms(doc.description, wording)
    body = Counter(_terms(doc.text, wording))
    best: dict[str, int] = {}

    def place(stems: list[str], weight: int) -> None:
        for stem in stems:
            best[stem] = max(best.get(stem, 0), weight)

    place(list(body), BODY)
    place(headings + wording.terms(doc.title), HEADING)
    named = synonyms.found_in([_sequence(text, wording) for text in [doc.title, *doc.keywords]])
    described = synonyms.found_in([_sequence(text, wording) for text in [doc.description, *doc.headings]])
    for number in named:  # words for the same thing as the page's own words, a place lower
        place(synonyms.words(number), KEYWORD)
    for number in described - named:
        place(synonyms.words(number), HEADING)
    place(keywords, KEYWORD)
    place(title, TITLE + max(0, 8 - len(title)))
    return {stem: max(1, round((weight + (min(body.get(stem, 0), BODY_MOST) if weight < TITLE else 0)) * doc.boost))
            for stem, weight in best.items()}


def documents(index: dict[str, Any], site: Site, prefixes: list[str] | None = None) -> list[Document]:
    """The published pages in MkDocs' index, with their front matter; the A to Z and sitemap of each
    language (under each of `prefixes`) left out."""
    by_url = {page_url(path): page for path, page in site.pages.items()}
    left_out = {prefix + page_url(index_page) for prefix in prefixes or [""] for index_page in (A_TO_Z, SITEMAP)}
    docs: dict[str, Document] = {}
    for entry in index.get("docs", []):
        url, _, fragment = str(entry.get("location", "")).partition("#")
        page = by_url.get(url)
        if url in left_out or (page is not None and page.unlisted):
            continue
        if fragment:
            if url in docs:
                docs[url].headings.append(str(entry.get("title", "")))
            continue
        doc = Document(url=url, title=str(entry.get("title", "")), text=str(entry.get("text", ""))[:TEXT_MOST])
        if page is not None:
            doc.description = str(page.meta.get("description", "") or "")
            doc.keywords = _texts(page.meta.get("keywords")) + _texts(page.meta.get("a_to_z"))
            search = page.meta.get("search")
            boost = search.get("boost") if isinstance(search, dict) else None
            if isinstance(boost, (int, float)) and not isinstance(boost, bool):
                doc.boost = min(max(float(boost), 0.0), 10.0)
        docs[url] = doc
    # Numbered from the shallowest address: the search page breaks ties by number, so a service's hub
    # page comes before the places under it.
    return sorted((doc for doc in docs.values() if doc.title), key=lambda doc: (doc.url.count("/"), doc.url))


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []


def synonym_groups(groups: list[list[str]], wording: Wording) -> Synonyms:
    """Each group of words for the same thing, each phrase as the stems of all its words."""
    stemmed = [[_sequence(phrase, wording) for phrase in group] for group in groups]
    return Synonyms([[phrase for phrase in group if phrase] for group in stemmed if len(group) > 1],
                    wording.stop_stems)


def synonyms_file(lang: str) -> str:
    """The content model's file of synonyms in `lang`: synonyms.yml is English, synonyms.cy.yml Welsh."""
    return SYNONYMS_FILE if lang == "en" else f"synonyms.{lang}.yml"


def shared_synonyms(model_root: Path, lang: str = "en") -> list[list[str]]:
    """The content model's groups of synonyms in `lang` (none if it has no file of them): a list of lists of words."""
    name = synonyms_file(lang)
    path = model_root / name
    if not path.is_file():
        return []
    located = load_yaml_file(path, f"content-model/{name}")
    groups = located.data
    if not isinstance(groups, list) or not all(
        isinstance(group, list) and all(isinstance(word, str) for word in group) for group in groups
    ):
        raise LgsiteError("is not a list of groups of words", file=f"content-model/{name}",
                          hint="Write each group as a list, for example - [bin, rubbish, refuse].")
    return [list(group) for group in groups]


def languages(model_root: Path, prefixes: Mapping[str, str] = ENGLISH_ONLY,
              council_synonyms: Mapping[str, list[list[str]]] | None = None) -> list[Language]:
    """Each language of the site (code -> where its pages are published, as {"en": "", "cy": "cy/"})
    with its synonyms: the content model's in that language, then the council's."""
    council_synonyms = council_synonyms or {}
    return [Language(code, prefix, shared_synonyms(model_root, code) + list(council_synonyms.get(code, [])))
            for code, prefix in prefixes.items()]


def word_forms(docs: list[Document], stems: set[str], wording: Wording) -> dict[str, dict[str, str]]:
    """The words pages write whose stem differs, with their stems, by first letter. A typing slip is
    better caught against them: "plannig" is one slip from "planning" (stem "plan"), but far from "plan"."""
    forms: dict[str, dict[str, str]] = {}
    for doc in docs:
        for word in stemmer.words(" ".join([doc.title, doc.description, *doc.keywords, *doc.headings, doc.text])):
            stem = wording.stem(word)
            if stem != word and stem in stems:
                forms.setdefault(word[0], {})[word] = stem
    return forms


def write(folder: Path, docs: list[Document], synonyms: list[list[str]], wording: Wording) -> None:
    """Write one language's index files into `folder` (the site's search/ folder, where they replace
    MkDocs' own index, or a folder in it)."""
    groups = synonym_groups(synonyms, wording)
    postings: dict[str, list[tuple[int, int]]] = {}
    for number, doc in enumerate(docs):
        for stem, score in scores(doc, groups, wording).items():
            postings.setdefault(stem, []).append((number, score))
    for sub in ("v", "t", "p"):
        shutil.rmtree(folder / sub, ignore_errors=True)
        (folder / sub).mkdir(parents=True)
    vocabulary: dict[str, dict[str, int]] = {}
    for stem, pages in postings.items():
        vocabulary.setdefault(stem[0], {})[stem] = len(pages)
        flat: list[int] = []
        previous = 0
        for number, score in pages:  # page numbers rise, so each is written as the step from the last
            flat += [number - previous, score]
            previous = number
        _dump(folder / "t" / f"{stem}.json", flat)
    forms = word_forms(docs, set(postings), wording)
    for initial, stems in vocabulary.items():
        _dump(folder / "v" / f"{initial}.json", {"stems": dict(sorted(stems.items())),
                                                 "words": dict(sorted(forms.get(initial, {}).items()))})
    for number, doc in enumerate(docs):
        _dump(folder / "p" / f"{number}.json", {"u": doc.url, "t": doc.title, "d": doc.description, "x": doc.text})
    # The synonyms go to the search page too: it reads "not collected" in a query as "missed" as well;
    # and how to read a query's words: stemmed or not, and which to leave out.
    _dump(folder / "search_index.json", {"version": VERSION, "pages": len(docs),
                                         "initials": "".join(sorted(vocabulary)),
                                         "synonyms": [group for group in synonyms if len(group) > 1],
                                         "stemmer": wording.stemmer, "stop": sorted(wording.stop_words)})


def _dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def for_site(index: dict[str, Any], site: Site, folder: Path, languages: list[Language]) -> None:
    """Write the search files for the site from MkDocs' index (`index`, read from `folder`): an index
    for each language, of the pages under its prefix (the longest that fits: "cy/" before "")."""
    by_language: dict[str, list[Document]] = {language.code: [] for language in languages}
    longest_first = sorted(languages, key=lambda language: len(language.prefix), reverse=True)
    for doc in documents(index, site, [language.prefix for language in languages]):
        language = next((language for language in longest_first if doc.url.startswith(language.prefix)), None)
        if language is not None:
            by_language[language.code].append(doc)
    if all(language.prefix for language in languages):
        (folder / "search_index.json").unlink(missing_ok=True)  # MkDocs' own, whole index: nothing reads it
    for language in languages:
        # in search/ (`folder`) for the language at the root, in search/cy/ for the one under cy/ (`index_url`)
        write(folder / language.prefix, by_language[language.code], language.synonyms, language.wording)

