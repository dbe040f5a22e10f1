"""Every word of the interface in each language lgsite builds, and the dates and times it writes.

The words lgsite itself puts on a page (skip link, search, footer, "Open now",
month names) live in one file per language, `lgsite/data/ui/<lang>.yml`, with
the same flat keys in each. A Welsh page must carry no English word of the
interface, so templates (`t("skip_link")`) and generators (`ui_text(site.lang,
"home")`) both ask here rather than write English. A council corrects a string
in `ui/<lang>.yml` beside its council.yml, giving only the keys it changes.

A value is filled in by name (`{council}`), never through `str.format`: a
correction is the council's input, and format fields can reach into objects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .errors import LgsiteError
from .layers import display_path
from .yamlfile import LocatedData, load_yaml_file

DEFAULT = "en"
LANGUAGES = ("en", "cy")  # the languages lgsite has interface strings for
BUNDLED = Path(__file__).parent / "data" / "ui"
CORRECTIONS = "ui"  # the council's folder of corrections, beside council.yml
FIELD = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class UiStrings:
    """The interface strings of every language, with a council's corrections applied."""

    texts: Mapping[str, Mapping[str, str]]  # language -> key -> text

    def text(self, lang: str, key: str, **values: Any) -> str:
        """The string `key` in `lang` (English for a language lgsite has no strings for), filled in."""
        strings = self.texts.get(lang) or self.texts[DEFAULT]
        if not values:  # most strings, on every page: a field with no value is kept as written anyway
            return strings[key]
        return FIELD.sub(lambda match: str(values.get(match[1], match[0])), strings[key])


def bundled() -> UiStrings:
    """lgsite's own strings, without any council's corrections."""
    return UiStrings({lang: _bundled(lang) for lang in LANGUAGES})


@lru_cache(maxsize=None)
def _bundled(lang: str) -> dict[str, str]:
    located = load_yaml_file(BUNDLED / f"{lang}.yml", f"lgsite/data/ui/{lang}.yml")
    return {str(key): str(value) for key, value in located.data.items()}


def load(council_dir: Path) -> UiStrings:
    """lgsite's strings with the corrections in the council's `ui/<lang>.yml`, checked against them.

    A key lgsite does not have is a typo that would leave the English (or the wrong Welsh) on
    the page, and a field the string cannot fill would print `{name}` to residents: both errors.
    """
    folder = council_dir / CORRECTIONS
    texts = {lang: dict(_bundled(lang)) for lang in LANGUAGES}
    if not folder.is_dir():
        return UiStrings(texts)
    for file in sorted(folder.iterdir()):
        if file.suffix not in (".yml", ".yaml"):
            continue
        shown = display_path(file, council_dir)
        if file.stem not in LANGUAGES:
            raise LgsiteError(f"lgsite has no interface in the language '{file.stem}'", file=shown,
                              hint=f"Name the file after one of {', '.join(LANGUAGES)}, as in ui/cy.yml.")
        texts[file.stem].update(_corrections(load_yaml_file(file, shown), _bundled(file.stem)))
    return UiStrings(texts)


def _corrections(located: LocatedData, own: Mapping[str, str]) -> dict[str, str]:
    data = located.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LgsiteError("is not a list of interface strings", file=located.file, line=located.first_line,
                          hint="Write one key: text line for each string you correct, as in skip_link: Neidio i'r prif gynnwys.")
    corrected: dict[str, str] = {}
    for key, value in data.items():
        key = str(key)
        if key not in own:
            raise located.error((key,), f"'{key}' is not one of lgsite's interface strings",
                                hint=f"Use a key from lgsite/data/ui/{Path(located.file).stem}.yml, "
                                     "or remove the line.")
        if not isinstance(value, str) or not value.strip():
            raise located.error((key,), f"gives {key} a value that is not text",
                                hint="Write the words, in quotes if they start with a symbol.")
        unknown = sorted(set(FIELD.findall(value)) - set(FIELD.findall(own[key])))
        if unknown:
            raise located.error((key,), f"gives {key} the field {{{unknown[0]}}}, which lgsite does not fill in here",
                                hint=f"Use only {_fields(own[key])}.")
        corrected[key] = value
    return corrected


def _fields(text: str) -> str:
    fields = [f"{{{name}}}" for name in FIELD.findall(text)]
    return ", ".join(fields) if fields else "words, with no {...} fields"


_active = bundled()


def use(strings: UiStrings) -> None:
    """Make `strings` (a council's, from `load`) the ones this build writes with."""
    global _active
    _active = strings


def ui_text(lang: str, key: str, **values: Any) -> str:
    """The interface string `key` in `lang`, with the build's corrections, filled in with `values`."""
    return _active.text(lang, key, **values)


def language_of(meta: Mapping[str, Any]) -> str:
    """The language a page is written in, for the words lgsite adds to its HTML: its front matter's
    `lang` where it is one lgsite has an interface in, else English."""
    lang = meta.get("lang")
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT


def language_tag(lang: str) -> str:
    """The BCP 47 tag feeds and structured data name a language by: British English, or Welsh ("cy")."""
    return "en-GB" if lang == "en" else lang


def format_date(day: dt.date, lang: str = DEFAULT, *, weekday: bool = False) -> str:
    """'3 December 2026' / '3 Rhagfyr 2026'; with `weekday` 'Thursday 3 December 2026' / 'Dydd Iau 3 Rhagfyr 2026'."""
    text = ui_text(lang, "date_format", day=day.day, month=ui_text(lang, f"month_{day.month}"), year=day.year)
    if weekday:
        return ui_text(lang, "date_with_weekday", weekday=weekday_name(day.weekday(), lang), date=text)
    return text


def weekday_name(number: int, lang: str = DEFAULT) -> str:
    """The day's name, Monday being 0 as in `date.weekday()`."""
    return ui_text(lang, f"weekday_{number + 1}")


def format_time(minutes: int, lang: str = DEFAULT) -> str:
    """A time of day, in minutes after midnight (1440 is the end of the day), the GOV.UK way:
    '9am', '4:30pm', 'midday', 'midnight' / '9yb', '4:30yh', 'hanner dydd', 'hanner nos'."""
    if minutes in (0, 24 * 60):
        return ui_text(lang, "midnight")
    if minutes == 12 * 60:
        return ui_text(lang, "midday")
    hours, mins = divmod(minutes, 60)
    clock = f"{hours % 12 or 12}" + (f":{mins:02d}" if mins else "")
    return ui_text(lang, "time_am" if hours < 12 else "time_pm", time=clock)


def format_datetime(moment: dt.datetime, lang: str = DEFAULT) -> str:
    """'Saturday 2 May 2026, 9am' / 'Dydd Sadwrn 2 Mai 2026, 9yb'."""
    return ui_text(lang, "date_and_time", date=format_date(moment.date(), lang, weekday=True),
                   time=format_time(moment.hour * 60 + moment.minute, lang))


def _page_lang(context: Any) -> str:
    """The language of the page a template renders: the `lang` the engine puts in its context.

    Material's base.html imports its strings as `lang` (`partials/language.html`), which hides the
    page's `lang` from every block and partial rendered under it; the council theme's copy of that
    partial keeps the page's language as `page_lang`, so it is found there.
    """
    for where in (context.vars, context.parent):
        value = where.get("lang")
        if isinstance(value, str):
            return value
        kept = getattr(value, "page_lang", None)
        if isinstance(kept, str):
            return kept
    return DEFAULT


@jinja2.pass_context
def template_text(context: Any, key: str, language: str | None = None, **values: Any) -> str:
    """`{{ t("skip_link") }}`: the string in the page's language ("en" where the page has none), or
    in `language` where a page shows more than one (the 404 page of a bilingual site). A key lgsite does
    not have (a typo in a council's theme override) is a template error, which names the template's line."""
    if key not in _active.texts[DEFAULT]:
        raise jinja2.TemplateRuntimeError(f"t('{key}'): there is no interface string '{key}' in lgsite/data/ui/en.yml")
    return ui_text(language or _page_lang(context), key, **values)


@jinja2.pass_context
def template_date(context: Any, day: dt.date | str, weekday: bool = False) -> str:
    """`{{ day | format_date }}`: a date (or ISO date text) in the page's language."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return format_date(day, _page_lang(context), weekday=weekday)


@jinja2.pass_context
def template_lang_attributes(context: Any, link: Any) -> Markup:
    """`<a href="…"{{ lang_of(link) }}>`: ` lang="en" hreflang="en"` on a link (a dict with "lang") to a
    page in another language than this page's, such as an English page with no Welsh version listed on
    a Welsh page, so that a screen reader reads its title in the right language; nothing otherwise."""
    code = link.get("lang") if isinstance(link, Mapping) else None
    if not isinstance(code, str) or not code or code == _page_lang(context):
        return Markup("")
    return Markup(' lang="{0}" hreflang="{0}"').format(code)


def add_to_jinja(env: jinja2.Environment) -> None:
    """The theme's `t(...)` and `lang_of(...)` globals and its `format_date` filter."""
    env.globals["t"] = template_text
    env.globals["lang_of"] = template_lang_attributes
    env.filters["format_date"] = template_date
