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
shown. The words are Porter stems (`stemmer.py`), which the search page computes the
same way. Pages marked `search: {exclude: true}` are left out, as are the A to Z and
the sitemap (each repeats every title, so they would answer every search); pages the
site does not publish (excluded, expired) are not in MkDocs' index to begin with.
Synonyms (`content-model/synonyms.yml` and council.yml's `synonyms:`) add a group's
other words to a page whose title, keywords or description uses one of them.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
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
SYNONYMS_FILE = "synonyms.yml"
STOP_STEMS = frozenset(stemmer.stem(word) for word in stemmer.STOP_WORDS)


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


def _terms(text: str) -> list[str]:
    """The stems a page's text is found by: its words, and its hyphenated words written as one."""
    joined, _ = stemmer.compounds(text)
    return stemmer.terms(text) + joined


def _sequence(text: str) -> list[str]:
    """Every word of `text` as its stem, stop words too, for finding synonym phrases such as "not collected"."""
    return [stemmer.stem(word) for word in stemmer.words(text)]


@dataclass
class Synonyms:
    """Groups of phrases for the same thing, each phrase as the stems of all its words, found in a
    page's text through their first stems (a page is checked against every group at once)."""

    groups: list[list[list[str]]]
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
        return [stem for phrase in self.groups[number] for stem in phrase if stem not in STOP_STEMS]


def scores(doc: Document, synonyms: Synonyms) -> dict[str, int]:
    """Each stem of the page with its score: the best place it appears, plus a little for how often
    the body uses it unless the title does; a short title scores higher, since it says less else."""
    joined, rest = stemmer.compounds(doc.title)
    title = stemmer.terms(rest) + joined  # the parts of a compound in the title count as a heading's words
    keywords = [stem for keyword in doc.keywords for stem in _terms(keyword)]
    headings = [stem for heading in doc.headings for stem in _terms(heading)]
    headings += _terms(doc.description)
    body = Counter(_terms(doc.text))
    best: dict[str, int] = {}

    def place(stems: list[str], weight: int) -> None:
        for stem in stems:
            best[stem] = max(best.get(stem, 0), weight)

    place(list(body), BODY)
    place(headings + stemmer.terms(doc.title), HEADING)
    named = synonyms.found_in([_sequence(doc.title)] + [_sequence(keyword) for keyword in doc.keywords])
    described = synonyms.found_in([_sequence(doc.description)] + [_sequence(heading) for heading in doc.headings])
    for number in named:  # words for the same thing as the page's own words, a place lower
        place(synonyms.words(number), KEYWORD)
    for number in described - named:
        place(synonyms.words(number), HEADING)
    place(keywords, KEYWORD)
    place(title, TITLE + max(0, 8 - len(title)))
    return {stem: max(1, round((weight + (min(body.get(stem, 0), BODY_MOST) if weight < TITLE else 0)) * doc.boost))
            for stem, weight in best.items()}


def documents(index: dict[str, Any], site: Site) -> list[Document]:
    """The published pages in MkDocs' index, with their front matter."""
    by_url = {page_url(path): page for path, page in site.pages.items()}
    left_out = {page_url(A_TO_Z), page_url(SITEMAP)}
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


def synonym_groups(groups: list[list[str]]) -> Synonyms:
    """Each group of words for the same thing, each phrase as the stems of all its words."""
    stemmed = [[_sequence(phrase) for phrase in group] for group in groups]
    return Synonyms([[phrase for phrase in group if phrase] for group in stemmed if len(group) > 1])


def shared_synonyms(model_root: Path) -> list[list[str]]:
    """The content model's groups of synonyms (none if it has no synonyms.yml): a list of lists of words."""
    path = model_root / SYNONYMS_FILE
    if not path.is_file():
        return []
    located = load_yaml_file(path, f"content-model/{SYNONYMS_FILE}")
    groups = located.data
    if not isinstance(groups, list) or not all(
        isinstance(group, list) and all(isinstance(word, str) for word in group) for group in groups
    ):
        raise LgsiteError("is not a list of groups of words", file=f"content-model/{SYNONYMS_FILE}",
                          hint="Write each group as a list, for example - [bin, rubbish, refuse].")
    return [list(group) for group in groups]


def word_forms(docs: list[Document], stems: set[str]) -> dict[str, dict[str, str]]:
    """The words pages write whose stem differs, with their stems, by first letter. A typing slip is
    better caught against them: "plannig" is one slip from "planning" (stem "plan"), but far from "plan"."""
    forms: dict[str, dict[str, str]] = {}
    for doc in docs:
        for word in stemmer.words(" ".join([doc.title, doc.description, *doc.keywords, *doc.headings, doc.text])):
            stem = stemmer.stem(word)
            if stem != word and stem in stems:
                forms.setdefault(word[0], {})[word] = stem
    return forms


def write(folder: Path, docs: list[Document], synonyms: list[list[str]]) -> None:
    """Write the index files into `folder` (the site's search/ folder), replacing MkDocs' own index."""
    groups = synonym_groups(synonyms)
    postings: dict[str, list[tuple[int, int]]] = {}
    for number, doc in enumerate(docs):
        for stem, score in scores(doc, groups).items():
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
    forms = word_forms(docs, set(postings))
    for initial, stems in vocabulary.items():
        _dump(folder / "v" / f"{initial}.json", {"stems": dict(sorted(stems.items())),
                                                 "words": dict(sorted(forms.get(initial, {}).items()))})
    for number, doc in enumerate(docs):
        _dump(folder / "p" / f"{number}.json", {"u": doc.url, "t": doc.title, "d": doc.description, "x": doc.text})
    # The synonyms go to the search page too: it reads "not collected" in a query as "missed" as well.
    _dump(folder / "search_index.json", {"version": VERSION, "pages": len(docs),
                                         "initials": "".join(sorted(vocabulary)),
                                         "synonyms": [group for group in synonyms if len(group) > 1]})


def _dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def for_site(index: dict[str, Any], site: Site, folder: Path, synonyms: list[list[str]]) -> None:
    """Write the search files for the site from MkDocs' index (`index`, read from `folder`)."""
    write(folder, documents(index, site), synonyms)

