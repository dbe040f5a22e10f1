"""RSS 2.0 and Atom feeds, written with the stdlib's ElementTree.

Residents and local papers follow council news in feed readers; some readers
take only RSS, some prefer Atom, so a council publishes both. ElementTree does
the escaping, so a title with "&" or "<" cannot break the XML; control
characters, which XML cannot hold at all, are taken out of every text and
attribute before it is written. Every URL in a feed is absolute: a reader has no
page to resolve a relative one against.

Titles and summaries are plain text. Atom says so (`type="text"`, its default);
RSS readers take `<description>` as HTML, so there the text is HTML-escaped as
well: a summary about `<img onerror=...>` shows those characters in a reader
rather than becoming markup in it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .control_chars import strip_controls
from .ui_strings import language_tag

ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass
class FeedEntry:
    title: str
    url: str  # absolute
    summary: str
    published: dt.datetime  # aware


@dataclass
class Feed:
    title: str
    description: str
    url: str  # the absolute URL of the page the feed follows
    author: str
    entries: list[FeedEntry]  # newest first
    language: str = "en"  # the language of the pages it follows ("en", "cy")

    @property
    def updated(self) -> dt.datetime:
        """The newest entry's date: a feed rebuilt without new articles does not look changed."""
        return max(entry.published for entry in self.entries)


def rss(feed: Feed, self_url: str) -> str:
    """An RSS 2.0 document; `self_url` is the absolute URL it is published at."""
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS})
    channel = ET.SubElement(root, "channel")
    _text(channel, "title", feed.title)
    _text(channel, "link", feed.url)
    _text(channel, "description", _as_html(feed.description))
    _text(channel, "language", language_tag(feed.language).lower())  # RSS writes it in lower case
    _text(channel, "lastBuildDate", email.utils.format_datetime(feed.updated))
    # The RSS Advisory Board recommends the feed name its own address.
    ET.SubElement(channel, "atom:link", {"href": self_url, "rel": "self", "type": "application/rss+xml"})
    for entry in feed.entries:
        item = ET.SubElement(channel, "item")
        _text(item, "title", entry.title)
        _text(item, "link", entry.url)
        _text(item, "description", _as_html(entry.summary))
        _text(item, "pubDate", email.utils.format_datetime(entry.published))
        _text(item, "guid", entry.url).set("isPermaLink", "true")
    return _document(root)


def atom(feed: Feed, self_url: str) -> str:
    """An Atom (RFC 4287) document; `self_url` is the absolute URL it is published at."""
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": language_tag(feed.language)})
    _text(root, "id", feed.url)
    _text(root, "title", feed.title)
    _text(root, "subtitle", feed.description)
    _text(root, "updated", feed.updated.isoformat())
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": feed.url})
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": self_url})
    _text(ET.SubElement(root, "author"), "name", feed.author)
    for entry in feed.entries:
        item = ET.SubElement(root, "entry")
        _text(item, "id", entry.url)
        _text(item, "title", entry.title)
        ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": entry.url})
        _text(item, "published", entry.published.isoformat())
        _text(item, "updated", entry.published.isoformat())
        _text(item, "summary", entry.summary)
    return _document(root)


def _as_html(text: str) -> str:
    return html.escape(text, quote=False)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _document(root: ET.Element) -> str:
    for element in root.iter():
        element.text = strip_controls(element.text) if element.text else element.text
        element.attrib = {key: strip_controls(value) for key, value in element.attrib.items()}
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
