"""Content types as schemas, and checking one page's front matter against its type.

Each content type is a YAML file in the content model's `types/` folder, named
for the type (`service.yml`, `directory-entry.yml`). `_common.yml` holds the keys
every page may carry; each type file lists only what it adds or changes. A type
file looks like this:

    # event: something residents can go to, at a time and place
    description: Something residents can go to, at a time and place.
    fields:
      start: {type: datetime, required: true, example: "2026-05-02 09:00"}
      end: {type: datetime, later_than: start}
      location: text                  # shorthand for {type: text}

What a field may say:

| key | meaning |
| --- | --- |
| `type` | one of FIELD_TYPES below, or a list of them meaning "any of these" (`[datetime, date]`) |
| `required` | the page must have it |
| `required_in_shared` | a page from a shared source (not the council's own docs/) must have it |
| `description`, `example` | for people; `example` is used in the error's hint |
| `max_length` | text: most characters allowed; more is an error |
| `max_length_warning` | text: most characters advised; more is a warning (an error only under `--strict`) |
| `min`, `max` | integer and number: the allowed range |
| `values` | choice: the allowed values |
| `items` | list: the field every item must match |
| `min_items` | list: fewest items allowed |
| `max_items` | list: most items allowed; more is an error (it bounds what a shared source can make a listing hold) |
| `fields` | mapping: its own keys, each a field |
| `each_value` | mapping with free keys (section ids, say): the field every value must match |
| `exactly_one_of` | mapping: exactly one of these of its keys must be given (`[page, url]`) |
| `later_than` | date, datetime, time: must come after this sibling key (a date alone means the whole day) |

Errors and warnings. A rule a page breaks is an error: the page would be wrong
for residents. The one rule that is advice is `max_length_warning` (titles over
65 characters, descriptions over 160, in `_common.yml`): the page is published,
and the build names the file, the line and what to shorten.

Typed values. Checking also reads each value into what it means, returned by
`validate_page` and kept as `page.data`: date -> `datetime.date`, datetime ->
`datetime.datetime` (naive UK time; ISO 8601 with a zone is converted to it), time -> minutes after midnight (an int, 24:00 is 1440),
lgsl and integer -> int, choice -> a member of a `StrEnum` made from its
`values` (equal to its text), opening-hours -> `opening_hours.OpeningHours`,
list and mapping -> their items typed. Generators read `page.data`, never the
strings in `page.meta`, which stays as written for MkDocs and the templates.
The rules for email, phone, postcode, slug and web addresses are in `rules.py`.

Settings files. `_council.yml` in the same folder describes council.yml in the
same form; it is not a page type. `load_settings_schema` reads it and
`validate_data` checks council.yml with it, so its mistakes are worded like a
page's ("council.yml needs 'name'"); `profile.py` checks only what a field
cannot say.

A whole-value council variable such as `"{{ council.contact.phone }}"` passes
for text, url, email, phone and address fields: the council fills it in.

Shared pages. `validate_page(page, model, types, shared=None)` takes a page as
shared when `shared` is None and the page's `provenance.source` is not "local",
so `required_in_shared` fields (owner, last_reviewed, review_by) are enforced on
content-model pages and never on a council's own pages.

Errors are one `LgsiteError` line naming the file, the line of the field (or of
its nearest parent key), the field by dotted path (`start.interaction`,
`opening_hours[2].closes`) and what was expected.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from . import opening_hours, rules, uktime
from .errors import LgsiteError
from .layers import Page, display_path
from .listed import ListedIn, Place
from .model import ContentModel
from .safe_urls import URL_HINT, url_problem
from .yamlfile import LocatedData, load_yaml_file

DEFAULT_TYPE = "page"
COMMON_FILE = "_common.yml"
COUNCIL_FILE = "_council.yml"  # council.yml's fields: read like a type file, but not a page type

KeyPath = tuple[str | int, ...]

# --- the schema -------------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Field:
    """One key of a schema: what its value must be."""

    name: str
    types: tuple[str, ...]
    required: bool = False
    required_in_shared: bool = False
    description: str = ""
    example: str | None = None
    max_length: int | None = None
    max_length_warning: int | None = None
    min: float | None = None
    max: float | None = None
    values: tuple[Any, ...] = ()
    items: Field | None = None
    min_items: int | None = None
    max_items: int | None = None
    fields: Fields | None = None
    each_value: Field | None = None
    later_than: str | None = None
    choices: type[Enum] | None = None  # a choice field's values as an enum, when they are all text


@dataclass(eq=False)
class Fields:
    """The keys of one mapping (a whole front matter, or a nested `fields:`), with their rules."""

    by_name: dict[str, Field]
    exactly_one_of: tuple[str, ...] = ()
    required: tuple[Field, ...] = ()
    required_in_shared: tuple[Field, ...] = ()
    ordered: tuple[Field, ...] = ()  # fields with later_than

    def __post_init__(self) -> None:
        self.required = tuple(f for f in self.by_name.values() if f.required)
        self.required_in_shared = tuple(f for f in self.by_name.values() if f.required_in_shared and not f.required)
        self.ordered = tuple(f for f in self.by_name.values() if f.later_than)


@dataclass(eq=False)
class TypeSchema:
    """One content type: its own fields merged over the common ones."""

    name: str
    description: str
    fields: Fields
    file: str


@dataclass(eq=False)
class ContentTypes:
    """Every content type of a content model, by name."""

    folder: Path
    types: dict[str, TypeSchema]
    listed_in: ListedIn = field(default_factory=ListedIn)  # where each type's pages are listed

    @property
    def names(self) -> list[str]:
        return sorted(self.types)

    def get(self, name: str) -> TypeSchema | None:
        return self.types.get(name)


# --- loading type files -----------------------------------------------------------------------------------------

FIELD_TYPES = (
    "text", "integer", "number", "boolean", "date", "datetime", "time", "url", "email", "phone", "choice",
    "lgsl", "category", "page", "slug", "postcode", "list", "mapping", "opening-hours", "geo", "address",
)
_ATTRIBUTES = (
    "type", "required", "required_in_shared", "description", "example", "max_length", "max_length_warning",
    "min", "max", "values", "items", "min_items", "max_items", "fields", "each_value", "exactly_one_of", "later_than",
)
_ATTRIBUTE_TYPES: dict[str, tuple[str, ...]] = {
    "max_length": ("text",),
    "max_length_warning": ("text",),
    "min": ("integer", "number"),
    "max": ("integer", "number"),
    "values": ("choice",),
    "items": ("list",),
    "min_items": ("list", "opening-hours"),
    "max_items": ("list",),
    "fields": ("mapping",),
    "each_value": ("mapping",),
    "exactly_one_of": ("mapping",),
    "later_than": ("date", "datetime", "time"),
}
_TOP_KEYS = ("description", "fields", "listed_in")


def load_types(folder: Path) -> ContentTypes:
    """Load every content type in `folder` (cached until one of its files changes)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise LgsiteError("content types folder not found", file=display_path(folder, Path.cwd()),
                          hint="The content model needs a types/ folder with one .yml file per content type.")
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("*.yml")))
    return _load_types(folder.resolve(), stamp)


@lru_cache(maxsize=8)
def _load_types(folder: Path, stamp: tuple[tuple[str, int, int], ...]) -> ContentTypes:
    common_path = folder / COMMON_FILE
    if not common_path.is_file():
        raise LgsiteError(f"content types folder has no {COMMON_FILE}", file=display_path(folder, Path.cwd()),
                          hint="Add it with the keys every page may carry.")
    common_data, common = _read_type_file(common_path)
    for item in common.values():
        if item.later_than is not None:
            _check_later_than(item, common, common_data, ("fields", item.name))
    types: dict[str, TypeSchema] = {}
    places: dict[str, frozenset[Place]] = {}
    for name, _mtime, _size in stamp:
        if name.startswith("_"):
            continue
        data, own = _read_type_file(folder / name)
        merged = {**common, **own}
        for item in own.values():
            if item.later_than is not None:
                _check_later_than(item, merged, data, ("fields", item.name))
        type_name = name[: -len(".yml")]
        types[type_name] = TypeSchema(type_name, data.data["description"], Fields(merged), data.file)
        places[type_name] = _listed_in(data)
    return ContentTypes(folder, dict(sorted(types.items())), ListedIn(places))


def load_settings_schema(path: Path) -> Fields:
    """The fields of a settings file that is not a page (`_council.yml` for council.yml), from a type file."""
    data, fields = _read_type_file(path)
    for item in fields.values():
        if item.later_than is not None:
            _check_later_than(item, fields, data, ("fields", item.name))
    return Fields(fields)


def validate_data(located: LocatedData, fields: Fields, *, noun: str,
                  report: Callable[[LgsiteError], None] | None = None) -> dict[str, Any]:
    """Check a whole YAML mapping that is not a page (council.yml) with the same field types and
    messages as front matter; return it typed. `noun` names it in messages ("council.yml needs 'name'")."""
    check = _Check(located.file, located.lines, None, False, None, report)
    check.noun = noun
    return check.fields(located.data, fields, ())


def _read_type_file(path: Path) -> tuple[LocatedData, dict[str, Field]]:
    data = load_yaml_file(path, display_path(path, Path.cwd()))
    if not isinstance(data.data, dict):
        raise data.error((), "must be a mapping with description: and fields:")
    for key in data.data:
        if key not in _TOP_KEYS:
            raise data.error((str(key),), f"unknown key '{key}' in a content type file",
                             hint=_did_you_mean(str(key), _TOP_KEYS, "It may have"))
    if not isinstance(data.data.get("description"), str) or not data.data["description"].strip():
        raise data.error(("description",), "needs description: saying what the content type is for")
    raw = data.data.get("fields") or {}
    if not isinstance(raw, dict):
        raise data.error(("fields",), "fields: must map each key to its field")
    fields = {str(name): _parse_field(str(name), spec, data, ("fields", str(name))) for name, spec in raw.items()}
    return data, fields


def _parse_field(name: str, spec: Any, data: LocatedData, at: tuple[str, ...]) -> Field:
    if isinstance(spec, (str, list)):
        spec = {"type": spec}
    if not isinstance(spec, dict):
        raise data.error(at, f"field '{name}' must be a type name or a mapping with type:")
    for key in spec:
        if key not in _ATTRIBUTES:
            raise data.error(at + (str(key),), f"field '{name}' has an unknown setting '{key}'",
                             hint=_did_you_mean(str(key), _ATTRIBUTES, "Settings are"))
    if "type" not in spec:
        raise data.error(at, f"field '{name}' needs type:", hint=f"Types are: {', '.join(FIELD_TYPES)}.")
    kinds = spec["type"]
    kinds = tuple(kinds) if isinstance(kinds, list) else (kinds,)
    for kind in kinds:
        if kind not in FIELD_TYPES:
            raise data.error(at + ("type",), f"field '{name}' has unknown type '{kind}'",
                             hint=_did_you_mean(str(kind), FIELD_TYPES, "Types are"))
    for key, allowed in _ATTRIBUTE_TYPES.items():
        if key in spec and not set(kinds) & set(allowed):
            raise data.error(at + (key,), f"field '{name}' has {key}:, which only a {' or '.join(allowed)} field can have")
    for flag in ("required", "required_in_shared"):
        if not isinstance(spec.get(flag, False), bool):
            raise data.error(at + (flag,), f"field '{name}': {flag} must be true or false")
    for number in ("max_length", "max_length_warning", "min_items", "max_items"):
        if number in spec and (not isinstance(spec[number], int) or isinstance(spec[number], bool) or spec[number] < 0):
            raise data.error(at + (number,), f"field '{name}': {number} must be a whole number")
    for number in ("min", "max"):
        if number in spec and (not isinstance(spec[number], (int, float)) or isinstance(spec[number], bool)):
            raise data.error(at + (number,), f"field '{name}': {number} must be a number")
    if "choice" in kinds and not (isinstance(spec.get("values"), list) and spec["values"]):
        raise data.error(at, f"choice field '{name}' needs values: with the allowed values")
    items = None
    if "list" in kinds:
        if "items" not in spec:
            raise data.error(at, f"list field '{name}' needs items: saying what each item is")
        items = _parse_field(f"{name}[]", spec["items"], data, at + ("items",))
    sub_fields = each_value = None
    if "mapping" in kinds:
        if ("fields" in spec) == ("each_value" in spec):
            raise data.error(at, f"mapping field '{name}' needs either fields: or each_value:")
        if "fields" in spec:
            raw = spec["fields"]
            if not isinstance(raw, dict):
                raise data.error(at + ("fields",), f"fields: of '{name}' must map each key to its field")
            by_name = {str(k): _parse_field(str(k), v, data, at + ("fields", str(k))) for k, v in raw.items()}
            one_of = spec.get("exactly_one_of") or []
            if not isinstance(one_of, list) or any(key not in by_name for key in one_of):
                raise data.error(at + ("exactly_one_of",), f"exactly_one_of of '{name}' must list some of its fields")
            for item in by_name.values():
                if item.later_than is not None:
                    _check_later_than(item, by_name, data, at + ("fields", item.name))
            sub_fields = Fields(by_name, exactly_one_of=tuple(one_of))
        else:
            each_value = _parse_field(f"{name}.*", spec["each_value"], data, at + ("each_value",))
    example = spec.get("example")
    values = tuple(spec.get("values") or ())
    return Field(
        name=name,
        types=kinds,
        required=spec.get("required", False),
        required_in_shared=spec.get("required_in_shared", False),
        description=str(spec.get("description", "")),
        example=None if example is None else str(example),
        max_length=spec.get("max_length"),
        max_length_warning=spec.get("max_length_warning"),
        min=spec.get("min"),
        max=spec.get("max"),
        values=values,
        items=items,
        min_items=spec.get("min_items"),
        max_items=spec.get("max_items"),
        fields=sub_fields,
        each_value=each_value,
        later_than=spec.get("later_than"),
        choices=_choices(name, values),
    )


def _choices(name: str, values: tuple[Any, ...]) -> type[Enum] | None:
    """An enum of a choice field's values, so code compares members, not strings it might mistype.

    A StrEnum member still equals its text, so templates reading the front matter see no difference.
    """
    if not values or not all(isinstance(value, str) for value in values):
        return None
    return StrEnum(_NOT_NAME.sub("", name.title()) or "Choice",
                   {_NOT_NAME.sub("_", value.upper()) or "EMPTY": value for value in values})


_NOT_NAME = re.compile(r"[^A-Za-z0-9]+")


def _check_later_than(item: Field, siblings: dict[str, Field], data: LocatedData, at: tuple[str, ...]) -> None:
    other = siblings.get(str(item.later_than))
    if other is None or not set(other.types) <= {"date", "datetime", "time"}:
        raise data.error(at + ("later_than",), f"field '{item.name}' is later_than '{item.later_than}', "
                         "which is not a date, datetime or time field beside it")


# --- checking a page --------------------------------------------------------------------------------------------


def validate_page(page: Page, model: ContentModel, types: ContentTypes, *, shared: bool | None = None,
                  report: Callable[[LgsiteError], None] | None = None,
                  warn: Callable[[LgsiteError], None] | None = None) -> dict[str, Any]:
    """Check `page`'s front matter against its content type, and return it typed.

    The typed front matter (dates as `date`, date-times as `datetime`, times as
    minutes after midnight, opening hours as `OpeningHours`, LGSL numbers as
    ints, choices as enum members) is also kept as `page.data`, so generators
    never parse a string the schema has already read. `page.meta` stays as
    written: MkDocs and the templates read it. A key that failed is left out.

    With `report`, every problem is handed to it and checking carries on with the
    next key, so a council sees all of a page's mistakes in one build; without
    it, the first problem is raised. `warn` receives what a content designer
    should improve (a title over its advised length); without it, such advice is
    not given. `shared` says whether `required_in_shared` fields apply; by
    default, they do for every page whose text came from a shared source rather
    than the council's own docs/.
    """
    if shared is None:
        shared = page.provenance.source != "local"
    check = _Check(page.provenance.file or page.path, page.meta_lines, model, shared, types, report, warn)
    meta = page.meta
    type_name = meta.get("type")
    if type_name is None:
        type_name = DEFAULT_TYPE
    elif not isinstance(type_name, str):
        raise check.fail(("type",), f"'type' must be text, not {_show(type_name)}",
                         hint=f"Use one of {', '.join(types.names)}.")
    schema = types.types.get(type_name)
    if schema is None:
        ranked = sorted(types.names, key=lambda n: -difflib.SequenceMatcher(None, type_name, n).ratio())
        near = difflib.get_close_matches(type_name, types.names, n=1, cutoff=0.6)
        hint = f"Did you mean {near[0]}? " if near else ""
        raise check.fail(("type",), f"unknown type '{type_name}'", hint=f"{hint}Known types: {', '.join(ranked)}.")
    check.type = type_name
    page.data = check.fields(meta, schema.fields, ())
    return page.data


def _dotted(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _WrongShape(Exception):
    """The value is not of this field type at all (as opposed to the right shape but wrong)."""

    def __init__(self, hint: str | None = None) -> None:
        self.hint = hint


class _Check:
    """The state of checking one page: where it is, and what it is checked against."""

    __slots__ = ("file", "lines", "model", "noun", "report", "shared", "type", "types", "warn")

    def __init__(self, file: str, lines: Mapping[tuple[str, ...], int], model: ContentModel | None, shared: bool,
                 types: ContentTypes | None, report: Callable[[LgsiteError], None] | None = None,
                 warn: Callable[[LgsiteError], None] | None = None) -> None:
        self.file = file
        self.lines = lines
        self.model = model
        self.shared = shared
        self.types = types
        self.type = DEFAULT_TYPE
        self.report = report
        self.warn = warn
        self.noun: str | None = None  # what is checked, when it is not a page

    def what(self, shared: bool = False) -> str:
        """'a service page', 'a shared guide page', or the noun of a file that is not a page."""
        return self.noun or _a(self.type, shared)

    def say(self, error: LgsiteError) -> None:
        """With a report, record the problem so checking goes on; without one, raise it."""
        if self.report is None:
            raise error
        self.report(error)

    def each(self, check: Callable[[], Any]) -> None:
        """Run one independent check, saying its problem if it has one."""
        try:
            check()
        except LgsiteError as error:
            self.say(error)

    def line(self, path: KeyPath) -> int:
        keys = tuple(str(part) for part in path)
        while keys:
            found = self.lines.get(keys)
            if found is not None:
                return found
            keys = keys[:-1]
        return 1  # the top of the file, where front matter starts

    def fail(self, path: KeyPath, message: str, hint: str | None = None) -> LgsiteError:
        return LgsiteError(message, file=self.file, line=self.line(path), hint=hint)

    # -- mappings ------------------------------------------------------------------------------------------------

    def fields(self, value: dict[Any, Any], fields: Fields, path: KeyPath) -> dict[str, Any]:
        by_name = fields.by_name
        failed: set[str] = set()
        typed: dict[str, Any] = {}
        for key, item in value.items():
            def one(key: Any = key, item: Any = item) -> None:
                spec = by_name.get(key) if isinstance(key, str) else None
                if spec is None:
                    raise self._unknown_key(str(key), fields, path)
                if item is None:
                    if spec.required or (self.shared and spec.required_in_shared):
                        raise self.fail(path + (key,), f"'{_dotted(path + (key,))}' is empty",
                                        hint=_add_hint(spec, (), "Give it a value"))
                    return
                failed.add(str(key))  # until it passes: later rules comparing keys skip it
                typed[key] = self.value(item, spec, path + (key,))
                failed.discard(str(key))
            self.each(one)
        for spec in fields.required:
            if spec.name not in value:
                self.say(self.fail(
                    path, f"{self.what()} needs '{_dotted(path + (spec.name,))}'", hint=_add_hint(spec, path)))
        if self.shared:
            for spec in fields.required_in_shared:
                if value.get(spec.name) is None:
                    self.say(self.fail(
                        path, f"{self.what(shared=True)} needs '{_dotted(path + (spec.name,))}'",
                        hint=f"Every page in a shared content model must have it. {_add_hint(spec, path)}"))
        if failed:
            return typed  # a key already reported as wrong would only repeat itself below
        if fields.exactly_one_of:
            given = [k for k in fields.exactly_one_of if value.get(k) is not None]
            if len(given) != 1:
                keys = " or ".join(f"'{k}'" for k in fields.exactly_one_of)
                where = _dotted(path)
                if given:
                    raise self.fail(path, f"'{where}' has both {' and '.join(repr(k) for k in given)}",
                                    hint=f"Keep only one of {', '.join(fields.exactly_one_of)}.")
                raise self.fail(path, f"'{where}' needs {keys}", hint=f"Give one of {', '.join(fields.exactly_one_of)}.")
        for spec in fields.ordered:
            later, earlier = typed.get(spec.name), typed.get(str(spec.later_than))
            if later is not None and earlier is not None:
                self.order(path + (spec.name,), later, path + (str(spec.later_than),), earlier,
                           (value[spec.name], value[str(spec.later_than)]))
        return typed

    def order(self, later_path: KeyPath, later: Any, earlier_path: KeyPath, earlier: Any,
              written: tuple[Any, Any]) -> None:
        """`later` must come after `earlier` (both typed); a date alone means the whole day, so the same day is fine."""
        a, b = later, earlier
        if isinstance(a, dt.datetime) != isinstance(b, dt.datetime):
            a = a.date() if isinstance(a, dt.datetime) else a
            b = b.date() if isinstance(b, dt.datetime) else b
        if a > b or (a == b and isinstance(a, dt.date) and not isinstance(a, dt.datetime)):
            return
        how = "before" if a < b else "the same as"
        leaf, other = _leaf(later_path), _leaf(earlier_path)
        raise self.fail(
            later_path,
            f"{self.type} '{_dotted(later_path)}' is {_plain(written[0])}, which is {how} "
            f"'{_dotted(earlier_path)}' {_plain(written[1])}",
            hint=f"Set {leaf} after {other}.",
        )

    def _unknown_key(self, key: str, fields: Fields, path: KeyPath) -> LgsiteError:
        known = list(fields.by_name)
        near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        owners = ([name for name, schema in self.types.types.items() if key in schema.fields.by_name]
                  if not path and self.types is not None else [])
        if owners:
            kinds = " and ".join(f"{name} pages" for name in owners)
            hint = f"{key} is a key of {kinds}: set type: {owners[0]}, or remove {key}."
        elif near:
            hint = f"Did you mean {near[0]}?"
        elif path:
            hint = f"Keys under {_dotted(path)}: {', '.join(known)}."
        else:
            hint = f"Keys {self.what()} can have: {', '.join(known)}."
        where = f"'{_dotted(path + (key,))}'"
        return self.fail(path + (key,), f"unknown key {where} in {self.what()}", hint=hint)

    # -- one value -----------------------------------------------------------------------------------------------

    def value(self, value: Any, spec: Field, path: KeyPath) -> Any:
        if len(spec.types) == 1:
            try:
                return _CHECKERS[spec.types[0]](self, value, spec, path)
            except _WrongShape as wrong:
                raise self.fail(path, f"'{_dotted(path)}' must be {_like(spec.types[0], spec)}, not {_show(value)}",
                                hint=wrong.hint) from None
        hints = []
        for kind in spec.types:
            try:
                return _CHECKERS[kind](self, value, spec, path)
            except _WrongShape as wrong:
                if wrong.hint:
                    hints.append(wrong.hint)
        likes = " or ".join(_like(kind, spec) for kind in spec.types)
        raise self.fail(path, f"'{_dotted(path)}' must be {likes}, not {_show(value)}",
                        hint=hints[0] if hints else None)


# --- field types ------------------------------------------------------------------------------------------------

# ASCII digits only: \d also matches "２０２６" (full-width) and "٢٠٢٦", which int() reads but
# fromisoformat, feeds and calendars do not.
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# ISO 8601 as other systems export it: "2022-03-15T09:30", "2022-03-15 09:30:00", with fractions of
# a second ("09:30:00.000") and a zone ("Z", "+01:00", "+0100") or none; PyYAML's "2022-03-15 09:30 +1".
_DATETIME = re.compile(r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
                       r"(?::(?P<second>[0-9]{2})(?:[.,][0-9]+)?)?"
                       r" ?(?P<zone>[Zz]|[+-][0-9]{1,2}(?::?[0-9]{2})?)?")
_UK_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(.*)")  # 15/03/2022, the UK's day-first order
_TIME = re.compile(r"([0-9]{2}):([0-9]{2})(?::00)?")  # "09:00:00", as databases export a time, is 09:00
_VARIABLE = re.compile(r"\s*\{\{[^{}]*\}\}\s*")
_DAY = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAYS = re.compile(r"(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_variable(value: Any) -> bool:
    return isinstance(value, str) and _VARIABLE.fullmatch(value) is not None


def _text(check: _Check, value: Any, spec: Field, path: KeyPath) -> str:
    if not isinstance(value, str):
        if isinstance(value, (bool, int, float)):
            raise _WrongShape(f"Put it in quotes: {_leaf(path)}: \"{_plain(value)}\".")
        raise _WrongShape()
    if spec.required and not value.strip():
        raise check.fail(path, f"'{_dotted(path)}' is empty", hint=_add_hint(spec, (), "Give it a value"))
    if spec.max_length is not None and len(value) > spec.max_length:
        raise check.fail(path, f"'{_dotted(path)}' is {len(value)} characters long; the limit is {spec.max_length}",
                         hint=f"Shorten it to {spec.max_length} characters or fewer.")
    advised = spec.max_length_warning
    if advised is not None and len(value) > advised and check.warn is not None:
        check.warn(check.fail(path, f"'{_dotted(path)}' is {len(value)} characters long; "
                              f"more than {advised} is cut short in search results and hard to scan",
                              hint=f"Shorten it to {advised} characters or fewer, keeping the words "
                                   "residents look for at the start."))
    return value


def _integer(check: _Check, value: Any, spec: Field, path: KeyPath) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _WrongShape()
    return _in_range(check, value, spec, path)


def _number(check: _Check, value: Any, spec: Field, path: KeyPath) -> float:
    if not _is_number(value):
        raise _WrongShape()
    return _in_range(check, value, spec, path)


def _in_range(check: _Check, value: Any, spec: Field, path: KeyPath) -> Any:
    if (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
        low = "" if spec.min is None else f"at least {_plain(spec.min)}"
        high = "" if spec.max is None else f"at most {_plain(spec.max)}"
        allowed = f"from {_plain(spec.min)} to {_plain(spec.max)}" if low and high else low or high
        raise check.fail(path, f"'{_dotted(path)}' is {_plain(value)}, which is outside the range allowed",
                         hint=f"Use a number {allowed}.")
    return value


def _boolean(check: _Check, value: Any, spec: Field, path: KeyPath) -> bool:
    if not isinstance(value, bool):
        raise _WrongShape()
    return value


def _date(check: _Check, value: Any, spec: Field, path: KeyPath) -> dt.date:
    """A day. A date-time at midnight (how many systems export a date: "2022-03-15T00:00:00Z") is its
    day as written; any other date-time is the day it was in the UK, the time being what a day leaves out."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise _WrongShape()
    match = _DATE.fullmatch(value)
    if match is None:
        moment = _DATETIME.fullmatch(value)
        if moment is None:
            raise _WrongShape(_digits_hint(value) or _iso_hint(value, path))
        if (moment["hour"], moment["minute"], moment["second"] or "00") != ("00", "00", "00"):
            # A publishing system's timestamp (Drupal's "2019-06-04T10:15:00+01:00"): the day it was in the UK.
            return _datetime(check, value, spec, path).date()
        match = _DATE.fullmatch(moment["date"])
        assert match is not None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise check.fail(path, f"'{_dotted(path)}' is {value}, which is not a real date",
                         hint="Check the day and month: dates are YYYY-MM-DD.") from None


def _datetime(check: _Check, value: Any, spec: Field, path: KeyPath) -> dt.datetime:
    """A UK wall-clock time, naive, as every generator compares them (uktime.py).

    A time with a zone ("Z", "+01:00"), as other systems export it, is the moment it names, read on
    UK clocks; one without is already UK time. Seconds are kept; fractions of a second are dropped.
    """
    if isinstance(value, dt.datetime):
        return value
    match = _DATETIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise _WrongShape(_digits_hint(value) or _iso_hint(value, path))
    try:
        day = dt.date.fromisoformat(match["date"])
        hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
        if (hour, minute, second) == (24, 0, 0):  # ISO's end of the day: midnight that starts the next
            moment = uktime.next_midnight(day)
        else:
            moment = dt.datetime.combine(day, dt.time(hour, minute, second))
    except ValueError:
        raise check.fail(path, f"'{_dotted(path)}' is {value}, which is not a real date and time",
                         hint="Check the day, month and time: write YYYY-MM-DD HH:MM, with hours 00 to 23.") from None
    if match["zone"] is None:
        return moment
    zone = _zone(match["zone"])
    if zone is None:
        raise check.fail(path, f"'{_dotted(path)}' is {value}, whose time zone {match['zone']} is not a real offset",
                         hint="Write the offset from UTC like +01:00, or Z for UTC, or leave it out for UK time.")
    try:
        return uktime.uk_now(moment.replace(tzinfo=zone))
    except OverflowError:
        raise check.fail(path, f"'{_dotted(path)}' is {value}, which is outside the calendar in UK time",
                         hint="Use a date between the years 1 and 9999.") from None


def _iso_hint(value: Any, path: KeyPath) -> str | None:
    """A UK-style 15/03/2022 is the one other order a council writes; say it the way lgsite reads it."""
    match = _UK_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    day, month, year, rest = match.groups()
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return None
    return f"Write the year first: {_leaf(path)}: {year}-{int(month):02d}-{int(day):02d}{rest}."


def _zone(text: str) -> dt.timezone | None:
    """'Z', '+01:00', '+0100', '-05' as a fixed offset; None for one no clock uses (+25:00, +01:75)."""
    if text in ("Z", "z"):
        return dt.timezone.utc
    digits = text[1:].replace(":", "")
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    if int(hours) > 23 or int(minutes) > 59:
        return None
    offset = dt.timedelta(hours=int(hours), minutes=int(minutes))
    return dt.timezone(-offset if text[0] == "-" else offset)


def _time(check: _Check, value: Any, spec: Field, path: KeyPath) -> int:
    """Minutes after midnight; 24:00 is allowed as the end of the day."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 1440:
        # YAML reads an unquoted 17:00 as the base-60 number 1020.
        raise _WrongShape(f"Put the time in quotes: {_leaf(path)}: \"{value // 60:02d}:{value % 60:02d}\". "
                          "Without quotes YAML reads it as a number.")
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 86400 and value % 60 == 0:
        # ... and an unquoted 17:00:00 as 61200 seconds.
        raise _WrongShape(f"Put the time in quotes: {_leaf(path)}: \"{value // 3600:02d}:{value // 60 % 60:02d}\". "
                          "Without quotes YAML reads it as a number.")
    match = _TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise _WrongShape(_digits_hint(value))
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise check.fail(path, f"'{_dotted(path)}' is {value}, which is not a time of day",
                         hint="Use 24-hour times from 00:00 to 24:00.")
    return hours * 60 + minutes


def _url(check: _Check, value: Any, spec: Field, path: KeyPath) -> str:
    if not isinstance(value, str):
        raise _WrongShape()
    if _is_variable(value):
        return value
    problem = url_problem(value)
    if problem is not None:
        raise check.fail(path, f"'{_dotted(path)}' {problem}", hint=URL_HINT)
    if not rules.is_web_address(value):
        hint = None
        if ":" not in value and "." in value.split("/", 1)[0]:
            hint = f"Add https:// at the start: https://{value}."
        raise _WrongShape(hint)
    return value


def _email(check: _Check, value: Any, spec: Field, path: KeyPath) -> str:
    if not isinstance(value, str) or not (_is_variable(value) or rules.is_email(value)):
        raise _WrongShape()
    return value


def _phone(check: _Check, value: Any, spec: Field, path: KeyPath) -> str:
    if not isinstance(value, str):
        raise _WrongShape("Put the number in quotes." if _is_number(value) else None)
    if _is_variable(value):
        return value
    if not rules.is_phone(value):
        raise _WrongShape(_digits_hint(value))
    return value


def _choice(check: _Check, value: Any, spec: Field, path: KeyPath) -> Any:
    if not any(value == allowed and type(value) is type(allowed) for allowed in spec.values):
        near = difflib.get_close_matches(str(value), [str(v) for v in spec.values], n=1, cutoff=0.6)
        raise _WrongShape(f"Did you mean {near[0]}?" if near else None)
    return value if spec.choices is None else spec.choices(value)


def _lgsl(check: _Check, value: Any, spec: Field, path: KeyPath) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _WrongShape("Write the number on its own, without quotes." if isinstance(value, str) and value.strip().isdigit() else None)
    services = check.model.services
    if value in services:
        return value
    known = sorted(services)
    at = bisect.bisect_left(known, value)
    window = known[max(0, at - 3): at + 3]
    nearest = sorted(window, key=lambda n: (abs(n - value), n))[:3]
    listed = ", ".join(f"{n} ({services[n].label})" for n in sorted(nearest))
    raise check.fail(path, f"'{_dotted(path)}' is {value}, which is not a known LGSL service number",
                     hint=f"Nearest known: {listed}. See the LGSL list in content-model/architecture/services.yml.")


def _category(check: _Check, value: Any, spec: Field, path: KeyPath) -> str:
    if not isinstance(value, str):
        raise _WrongShape()
    categories = check.model.categories
    if value in categories:
        return value
    slug = rules.slugify(value)
    near = [slug] if slug in categories else []
    near += [c for c in difflib.get_close_matches(slug, list(categories), n=3, cutoff=0.6) if c not in near]
    hint = f"Did you mean {', '.join(near[:3])}?" if near else "Use the slug of an LGNL category."
    raise check.fail(path, f"'{_dotted(path)}' is '{value}', which is not a known category",
                     hint=f"{hint} Categories are listed in content-model/architecture/categories.yml.")


def _page(check: _Check, value: Any, spec: Field, path: KeyPath) -> str:
    if not isinstance(value, str) or not value.endswith(".md") or value.startswith("/") or "://" in value:
        raise _WrongShape()
    return value


def _slug(check: _Check, value: Any, spec: Field, path: KeyPath) -> str:
    if not isinstance(value, str) or not rules.is_slug(value):
        suggestion = rules.slugify(str(value))
        raise _WrongShape(f"Did you mean {suggestion}?" if suggestion and isinstance(value, str) else None)
    return value


def _postcode(check: _Check, value: Any, spec: Field, path: KeyPath) -> str:
    if not isinstance(value, str) or not rules.is_postcode(value):
        raise _WrongShape("For an address outside the UK, give its country, like country: Ireland."
                          if path[-1:] == ("postcode",) else None)
    return value


def _list(check: _Check, value: Any, spec: Field, path: KeyPath) -> list[Any]:
    if not isinstance(value, list):
        raise _WrongShape()
    if spec.min_items and len(value) < spec.min_items:
        raise check.fail(path, f"'{_dotted(path)}' needs at least {spec.min_items} "
                         f"item{'s' if spec.min_items != 1 else ''}", hint="Add items to the list.")
    if spec.max_items is not None and len(value) > spec.max_items:
        raise check.fail(path, f"'{_dotted(path)}' has {len(value)} items; the limit is {spec.max_items}",
                         hint=f"Keep the {spec.max_items} that matter most.")
    items = spec.items
    assert items is not None
    typed = []
    for index, item in enumerate(value):
        if item is None:
            raise check.fail(path + (index,), f"'{_dotted(path + (index,))}' is empty",
                             hint="Remove the empty - line or give it a value.")
        typed.append(check.value(item, items, path + (index,)))
    return typed


def _mapping(check: _Check, value: Any, spec: Field, path: KeyPath) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise _WrongShape()
    if spec.fields is not None:
        return check.fields(value, spec.fields, path)
    each = spec.each_value
    assert each is not None
    typed = {}
    for key, item in value.items():
        if item is None:
            raise check.fail(path + (str(key),), f"'{_dotted(path + (str(key),))}' is empty")
        typed[key] = check.value(item, each, path + (str(key),))
    return typed


_GEO = Fields({
    "lat": Field("lat", ("number",), required=True, min=-90, max=90, example="51.5014"),
    "lon": Field("lon", ("number",), required=True, min=-180, max=180, example="-0.1419"),
})
# A venue in a park or on a village green has no street: the town and postcode still find it.
_ADDRESS = Fields({
    "street": Field("street", ("text",), example="Town Hall, Market Street"),
    "locality": Field("locality", ("text",)),
    "town": Field("town", ("text",), required=True, example="Anytown"),
    "county": Field("county", ("text",)),
    "postcode": Field("postcode", ("postcode",), required=True, example="AN1 1AA"),
    "country": Field("country", ("text",), example="Ireland"),
})
# An address outside the UK (a venue across the border, a twin town): its postal code, if it has one,
# follows its own country's rules.
_ADDRESS_ABROAD = Fields({**_ADDRESS.by_name, "postcode": Field("postcode", ("text",), example="D02 X285")})
_OPENING = Fields({
    "days": Field("days", ("list",), items=Field("day", ("day",)), min_items=1, example="[Mo-Fr]"),
    "date": Field("date", ("date",), example="2026-12-25"),
    "opens": Field("opens", ("time",), example='"09:00"'),
    "closes": Field("closes", ("time",), example='"17:00"'),
    "closed": Field("closed", ("boolean", "choice"), values=(opening_hours.BANK_HOLIDAYS,)),
    "note": Field("note", ("text",), example="Last entry is 30 minutes before closing."),
})


def _geo(check: _Check, value: Any, spec: Field, path: KeyPath) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _WrongShape()
    return check.fields(value, _GEO, path)


def _address(check: _Check, value: Any, spec: Field, path: KeyPath) -> Any:
    if _is_variable(value):
        return value
    if not isinstance(value, dict):
        raise _WrongShape()
    country = value.get("country")
    abroad = isinstance(country, str) and bool(country.strip()) and not rules.is_uk_country(country)
    return check.fields(value, _ADDRESS_ABROAD if abroad else _ADDRESS, path)


def _day(check: _Check, value: Any, spec: Field, path: KeyPath) -> str:
    if not isinstance(value, str) or not _DAYS.fullmatch(value):
        guess = str(value)[:2].title()
        raise _WrongShape(f"Did you mean {guess}?" if guess in _DAY else None)
    return value


def _opening_hours(check: _Check, value: Any, spec: Field, path: KeyPath) -> opening_hours.OpeningHours | None:
    if isinstance(value, str) and "text" not in spec.types and value.strip():
        return _hours_as_text(check, value, path)
    if not isinstance(value, list):
        raise _WrongShape()
    if spec.min_items and len(value) < spec.min_items:
        raise check.fail(path, f"'{_dotted(path)}' needs at least {spec.min_items} opening times")
    entries: list[opening_hours.Entry] = []
    written_at: list[int] = []  # the index each entry was written at, for its line
    notes: list[str] = []
    closed_on_bank_holidays = False
    for index, entry in enumerate(value):
        at = path + (index,)
        if not isinstance(entry, dict):
            raise check.fail(at, f"'{_dotted(at)}' must be opening times like "
                             '{days: [Mo-Fr], opens: "09:00", closes: "17:00"}, not ' + _show(entry))
        typed = check.fields(entry, _OPENING, at)
        if any(entry.get(key) is not None and key not in typed for key in _OPENING.by_name):
            return None  # a key of this entry was reported wrong: the hours cannot be put together
        given = [key for key in entry if entry[key] is not None]
        if "note" in entry or typed.get("closed") == opening_hours.BANK_HOLIDAYS:
            alone, own = ("note", "- note: Last entry is 30 minutes before closing.") if "note" in entry else \
                ("closed", "- closed: bank-holidays")
            other = next((key for key in given if key != alone), None)
            if other is not None:
                raise check.fail(at + (other,), f"'{_dotted(at)}' has '{alone}' and '{other}' in one entry",
                                 hint=f"Give {alone} as an entry of its own, like {own}")
            if alone == "note":
                if not str(typed.get("note") or "").strip():
                    raise check.fail(at + ("note",), f"'{_dotted(at + ('note',))}' is empty",
                                     hint="Write the note, or remove the entry.")
                notes.append(typed["note"].strip())
            else:
                closed_on_bank_holidays = True
            continue
        when = [key for key in ("days", "date") if key in given]
        if len(when) != 1:
            if when:
                raise check.fail(at, f"'{_dotted(at)}' has both 'days' and 'date'",
                                 hint="Use days: for regular hours, or date: for one day that differs.")
            raise check.fail(at, f"'{_dotted(at)}' needs 'days' or 'date'",
                             hint="Give days: [Mo-Fr] for regular hours, or date: 2026-12-25 for one day that differs. "
                                  "Other entries can be closed: bank-holidays or a note.")
        times = [key for key in ("opens", "closes") if key in given]
        days, date = tuple(typed.get("days") or ()), typed.get("date")
        written_at.append(index)
        if typed.get("closed") is True:
            if times:
                raise check.fail(at + (times[0],), f"'{_dotted(at)}' says closed: true but also gives '{times[0]}'",
                                 hint="Remove opens and closes, or remove closed: true.")
            entries.append(opening_hours.Entry(days=days, date=date, sessions=()))
            continue
        for key in ("opens", "closes"):
            if key not in times:
                raise check.fail(at, f"'{_dotted(at)}' needs '{key}'",
                                 hint=f"Add {key}: {_OPENING.by_name[key].example}, or closed: true "
                                      "if the place is shut.")
        opens, closes = typed["opens"], typed["closes"]
        if closes <= opens:
            how = "before" if closes < opens else "the same as"
            raise check.fail(at + ("closes",), f"{check.type} '{_dotted(at + ('closes',))}' is {entry['closes']}, "
                             f"which is {how} '{_dotted(at + ('opens',))}' {entry['opens']}",
                             hint="Set closes after opens.")
        entries.append(opening_hours.Entry(days=days, date=date, sessions=(opening_hours.Session(opens, closes),)))
    return opening_hours.parse(entries, notes=tuple(notes), closed_on_bank_holidays=closed_on_bank_holidays,
                               file=check.file, line_of=lambda number: check.line(path + (written_at[number],)),
                               key=_dotted(path))


def _hours_as_text(check: _Check, value: str, path: KeyPath) -> opening_hours.OpeningHours:
    """Hours written as a sentence, as pages converted from other systems have them: shown as a note.

    Residents can read them, so the page is published; but the "open now" line and search
    engines need times, so a content designer is told how to give them.
    """
    if check.warn is not None:
        check.warn(check.fail(
            path, f"'{_dotted(path)}' is text, so the page cannot say whether the place is open now "
                  "and search engines cannot read the hours",
            hint='Give them as a list like - {days: [Mo-Fr], opens: "09:00", closes: "17:00"}, and keep anything '
                 "a table cannot say as - note: ..."))
    return opening_hours.OpeningHours(week=((),) * len(opening_hours.CODES), special=(), notes=(value.strip(),))


_CHECKERS: dict[str, Callable[[_Check, Any, Field, KeyPath], Any]] = {
    "text": _text, "integer": _integer, "number": _number, "boolean": _boolean, "date": _date,
    "datetime": _datetime, "time": _time, "url": _url, "email": _email, "phone": _phone, "choice": _choice,
    "lgsl": _lgsl, "category": _category, "page": _page, "slug": _slug, "postcode": _postcode, "list": _list,
    "mapping": _mapping, "opening-hours": _opening_hours, "geo": _geo, "address": _address, "day": _day,
}

_LIKE = {
    "text": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date like 2026-11-26",
    "datetime": "a date and time like 2026-11-26 09:30",
    "time": 'a time like "09:30"',
    "url": "a full web address starting https://",
    "email": "an email address like help@example.gov.uk",
    "phone": "a phone number like 01632 960 000",
    "lgsl": "an LGSL service number like 57",
    "category": "a category slug like council-tax",
    "page": "the path of a Markdown page like ../housing/housing-advice.md",
    "slug": "lower-case words joined by hyphens, like recycling-centres",
    "postcode": "a UK postcode like AN1 1AA",
    "list": "a list",
    "mapping": "keys and values",
    "opening-hours": 'a list of opening times like {days: [Mo-Fr], opens: "09:00", closes: "17:00"}',
    "geo": "a location like {lat: 51.5014, lon: -0.1419}",
    "address": "an address with street, town and postcode",
    "day": "a day (Mo, Tu, We, Th, Fr, Sa, Su) or a range like Mo-Fr",
}


def _like(kind: str, spec: Field) -> str:
    if kind == "choice":
        return f"one of {', '.join(_plain(v) for v in spec.values)}"
    return _LIKE[kind]


def _digits_hint(value: Any) -> str | None:
    """Other scripts' digits look like a date or time to a person, but are not one to a calendar."""
    if isinstance(value, str) and any(char.isdigit() and not char.isascii() for char in value):
        return "Write it with the digits 0 to 9: it has other digits, such as full-width ones."
    return None


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value if len(value) <= 60 else value[:57] + '...'}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "keys and values"
    return _plain(value)


def _leaf(path: KeyPath) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "it"


def _add_hint(spec: Field, parent: KeyPath, first: str = "Add it") -> str:
    """`Add it under start:, for example label: Pay your council tax.`"""
    if parent:
        where = _dotted(parent)
        first = f"{first} under {where}{'' if where.endswith(']') else ':'}"
    if spec.example is None:
        return f"{first}." if parent else f"{first}: {spec.name}: in the front matter."
    example = spec.example.rstrip(".")
    return f"{first}, for example {spec.name}: {example}."


def _a(type_name: str, shared: bool = False) -> str:
    """'a service page', 'an event page', 'a page', 'a shared guide page'."""
    words = ("shared " if shared else "") + ("page" if type_name == DEFAULT_TYPE else f"{type_name} page")
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def _did_you_mean(word: str, known: tuple[str, ...] | list[str], intro: str) -> str:
    near = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"Did you mean {near[0]}?" if near else f"{intro}: {', '.join(known)}."


# --- where each type is listed ----------------------------------------------------------------------------------


def _listed_in(data: LocatedData) -> frozenset[Place]:
    """A type file's `listed_in:` (category pages, the A to Z, the sitemap); a type without it is listed nowhere.

    Kept apart from the field rules: it says where a type's pages appear, not what they may hold.
    """
    raw = data.data.get("listed_in", [])
    if not isinstance(raw, list):
        raise data.error(("listed_in",), "listed_in: must be a list of places",
                         hint=f"For example listed_in: [{', '.join(Place)}], or [] for nowhere.")
    for index, item in enumerate(raw):
        if item not in tuple(Place):
            raise data.error(("listed_in", str(index)), f"listed_in: has '{item}', which is not a place pages are listed",
                             hint=_did_you_mean(str(item), tuple(Place), "Places are"))
    return frozenset(Place(item) for item in raw)
