"""The shared information architecture: LGNL categories and LGSL services with their tiers."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import LgsiteError
from .yamlfile import load_yaml_file


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    lgnl: int
    parent: str | None
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class Service:
    lgsl: int
    label: str
    category: str | None
    tiers: frozenset[str]


@dataclass
class ContentModel:
    root: Path
    categories: dict[str, Category] = field(default_factory=dict)
    services: dict[int, Service] = field(default_factory=dict)
    # Category labels in languages other than English (architecture/categories.cy.yml): language -> id -> label.
    translated: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, category_id: str, lang: str = "en") -> str:
        """A category's label in `lang`, or its English one where the language has none."""
        return self.translated.get(lang, {}).get(category_id) or self.categories[category_id].label

    @property
    def top_level(self) -> list[Category]:
        return [c for c in self.categories.values() if c.parent is None]

    def category(self, category_id: str, file: str | None = None, line: int | None = None) -> Category:
        try:
            return self.categories[category_id]
        except KeyError:
            near = difflib.get_close_matches(category_id, list(self.categories), n=3)
            hint = f"Did you mean {', '.join(near)}?" if near else "See content-model/architecture/categories.yml."
            raise LgsiteError(f"unknown category '{category_id}'", file=file, line=line, hint=hint) from None

    def top_of(self, category_id: str) -> Category:
        category = self.categories[category_id]
        while category.parent is not None:
            category = self.categories[category.parent]
        return category


def _walk(items: list[dict[str, Any]], parent: str | None, into: dict[str, Category]) -> None:
    for item in items:
        children = item.get("children") or []
        into[item["id"]] = Category(
            id=item["id"],
            label=item["label"],
            lgnl=int(item["lgnl"]),
            parent=parent,
            children=tuple(child["id"] for child in children),
        )
        _walk(children, item["id"], into)


@lru_cache(maxsize=4)
def load_model(root: Path) -> ContentModel:
    """Load the architecture of the content model at `root` (cached: it never changes mid-run)."""
    model = ContentModel(root=root)
    architecture = root / "architecture"
    _walk(load_yaml_file(architecture / "categories.yml").data["categories"], None, model.categories)
    for labels in sorted(architecture.glob("categories.*.yml")):  # categories.cy.yml: the Welsh labels
        data = load_yaml_file(labels).data
        if isinstance(data, dict) and isinstance(data.get("labels"), dict):
            lang = labels.name.split(".")[1]
            model.translated[lang] = {str(key): str(value) for key, value in data["labels"].items()}
    for item in load_yaml_file(architecture / "services.yml").data["services"]:
        model.services[int(item["lgsl"])] = Service(
            lgsl=int(item["lgsl"]),
            label=item["label"],
            category=item.get("category"),
            tiers=frozenset(item.get("tiers") or ()),
        )
    return model
